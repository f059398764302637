"""A big report.xml's decoded data parsed by two processes: an ordered parallel map.

Parsing and mapping the decoded models is the import's critical path (a million models: ~56 s
of CPU on one core, while the writer needs ~16 s), and only the parse itself split across
processes brings it under a minute. So, for a big report (SPLIT_MIN_BYTES), the importer:

- parses everything before the decodedData section itself (the header, the tagged files: the
  lookup the attachments need), with the same ReportReader as the single-thread path;
- cuts the section into byte chunks of about CHUNK_BYTES at top-level `</model>` boundaries
  (bytes.find and bytes.count, C speed), each knowing the `<modelType>` it opens inside;
- has WORKERS spawned processes (they import the parser and the mapping, never Qt or the
  database) parse whole chunks with the same state machine, wrapped in the document's own
  root and decodedData start tags so names resolve exactly as in the whole document, and map
  them to the writer's records (cheap to pickle, unlike the models);
- takes the chunks' records, skip notes and counts back IN CHUNK ORDER (chunk i goes to worker
  i mod n, at most IN_FLIGHT chunks queued per worker), so the writer sees exactly the records
  the single-thread path gives, in the same order, with memory bounded;
- parses what follows the section itself.

Why cutting bytes is safe: a chunk is parsed as a whole document inside the wrapping, so it
parses only if its content is balanced at the wrapping's level (the stack of open elements
at both its ends is the root, decodedData and maybe a modelType, as assumed). A cut that
falls anywhere else, inside a CDATA section (Cellebrite writes every value in one, and a
message's text may hold "</model>"), a comment, a processing instruction or a nested model,
leaves a chunk that does not parse; one that parses gives exactly the events the whole
document gives there (the same start tags declare the same namespaces). So instead of
refusing what a byte scan could miscount (which would refuse every real report: CDATA),
whatever fails in split mode (a chunk that does not parse, a tagged file inside the
section, a worker that failed or died, no boundary within CHUNK_LIMIT) hands over to the
single-thread path, which reads the report from its start and passes over the entries
already taken: records stay exactly the single path's, and an error is exactly the one it
gives (the same parser over the same document). A folder UFDR (its files not listed up
front) and a report under SPLIT_MIN_BYTES are read by the single-thread path directly.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import mmap
import multiprocessing
import queue
import re
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forensics_app.importers.base import ParseReport
from forensics_app.importers.containers.base import check_cancel
from forensics_app.importers.containers.ufdr import (
    READ_CHUNK,
    Model,
    ReportReader,
    TaggedFile,
    UfdrFiles,
    _Reading,
    _x,
)
from forensics_app.importers.records import Record
from forensics_app.progress import ProgressReporter

log = logging.getLogger(__name__)

SPLIT_MIN_BYTES = 64 << 20  # a smaller decodedData section is read by the single-thread path
CHUNK_BYTES = 2 << 20  # a worker holds one chunk's bytes and records, and one result
CHUNK_LIMIT = 128 << 20  # no top-level boundary within this: not split further
WORKERS = 2  # 1: the single-thread path
IN_FLIGHT = 1  # chunks handed to a worker ahead of the one being taken from it
GC_YOUNG_THRESHOLD = 100_000  # as the importer's (forensics_app.services.ingest)
WAIT_POLL = 0.5  # seconds between checks that a worker waited for is still alive
_START_TAG = re.compile(rb"<([^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*>")


class _Unsplit(Exception):
    """The split cannot go on (a worker's error, a chunk without a boundary): the single-thread
    path takes over."""


@dataclass(frozen=True)
class Wrapping:
    """What turns a chunk of the section into a document: the prolog, the root's and the
    decodedData's own start tags before it, their end tags after it."""

    head: bytes
    tail: bytes
    prefix: bytes  # the section's namespace prefix with its colon, or b""


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    opens_in: bytes  # the <modelType …> start tag the chunk begins inside, or b""
    ends_inside: bool  # whether it ends inside a modelType


@dataclass(frozen=True)
class WorkerSetup:
    path: str
    namespace: str  # the report's (ufdr._read_header)
    wrapping: Wrapping
    local_paths: dict[str, str]
    known_files: frozenset[str]


@dataclass
class ChunkResult:
    records: list[Record]
    report: ParseReport
    models: int  # models mapped (reading.models)
    entries: int  # entries of the reader's `done` taken (models and tagged files)


def applies(path: Path, files: UfdrFiles) -> bool:
    return WORKERS > 1 and files.listing is not None and path.stat().st_size >= SPLIT_MIN_BYTES


def read(
    path: Path,
    namespace: str,
    reading: _Reading,
    progress: ProgressReporter,
    known_files: frozenset[str],
    single: Callable[[], Iterator[Record]],
) -> Iterator[Record]:
    """The records of report.xml, the decoded data parsed by WORKERS processes; `single` is
    the single-thread path, taking over should the split fail."""
    taken = 0  # entries of the reader's `done` turned into records (recovery skips them)
    started, cpu = time.perf_counter(), time.process_time()
    batches = _split(path, namespace, reading, known_files)
    try:
        for records, entries, models in batches:
            taken += entries
            yield from records
            progress.advance(models)
            check_cancel(progress)
    except _Unsplit as exc:
        log.debug("report.xml: the split stops (%s); the single-thread path goes on", exc)
        batches.close()
        reading.discard = taken
        yield from single()
        return
    finally:
        batches.close()  # a cancel or an error: the parsing processes end now
    log.debug(
        "report.xml read in %.1f s split over %d processes: this process %.1f s CPU",
        time.perf_counter() - started,
        WORKERS,
        time.process_time() - cpu,
    )


def _split(
    path: Path, namespace: str, reading: _Reading, known_files: frozenset[str]
) -> Generator[tuple[list[Record], int, int], None, None]:
    """(records, entries taken, models mapped) batches in document order. Anything that
    goes wrong is raised as _Unsplit."""
    with open(path, "rb") as handle, _mapped(handle) as whole:
        here = _Here(whole, namespace, reading)
        yield from here.up_to_section()
        if here.section is None:  # the single-thread path reads it, with its reader thread
            raise _Unsplit("no decoded data section that can be split")
        start, end, wrapping = here.section
        setup = WorkerSetup(str(path), namespace, wrapping, dict(reading.local_paths), known_files)
        with _Workers(WORKERS, setup) as workers:
            chunks = _chunks(whole, start, end, wrapping.prefix)
            for result in workers.map_in_order(chunks):
                reading.report.merge(result.report)
                reading.models += result.models
                yield result.records, result.entries, result.models
        here.position = end
        yield from here.feed(len(whole), final=True)


class _Here:
    """This process's own reading: the report up to the decodedData section, and after it."""

    def __init__(self, whole: mmap.mmap, namespace: str, reading: _Reading) -> None:
        self.whole = whole
        self.reading = reading
        self.reader = ReportReader(namespace)
        self.decoded_data = _x("decodedData", namespace)
        self.position = 0
        self.section: tuple[int, int, Wrapping] | None = None
        self.started_tags: list[tuple[str, int]] = []  # (name, depth) while probing
        self._start: Callable[[str, dict[str, str]], None] = self.reader._start

    def feed(self, until: int, final: bool = False) -> Iterator[tuple[list[Record], int, int]]:
        reader = self.reader
        while self.position < until or final:
            end = min(self.position + READ_CHUNK, until)
            last = final and end == until
            try:
                reader.feed(self.whole[self.position : end], final=last)
            except Exception as exc:  # the single path says what is wrong
                raise _Unsplit("the XML before or after the section") from exc
            self.position = end
            yield _taken(self.reading, reader.done)
            if last:
                return

    def _probe(self, name: str, attrs: dict[str, str]) -> None:
        self.started_tags.append((name, len(self.reader.stack)))
        self._start(name, attrs)

    def up_to_section(self) -> Iterator[tuple[list[Record], int, int]]:
        """Reads up to the first decodedData that is the root's child (its start tag fed
        alone, the parser's own start event telling it is one) and sets `section` if it is
        big enough and safe to cut."""
        whole, reader = self.whole, self.reader
        found = _START_TAG.search(whole, 0, min(len(whole), 1 << 20))
        if found is None:
            return
        root = found.group(1)
        while True:
            at = whole.find(b"decodedData", self.position)
            if at == -1:
                return
            opening = whole.rfind(b"<", self.position, at)
            qualifier = whole[opening + 1 : at] if opening != -1 else b"-"
            closing = whole.find(b">", at)
            if closing == -1:
                return
            if opening == -1 or not re.fullmatch(rb"(?:[A-Za-z_][\w.\-]*:)?", qualifier):
                yield from self.feed(at + 1)
                continue
            yield from self.feed(opening)
            self.started_tags = []
            reader.parser.StartElementHandler = self._probe
            try:
                yield from self.feed(closing + 1)
            finally:
                reader.parser.StartElementHandler = self._start
            if self.started_tags == [(self.decoded_data, 2)]:
                break
        end = _section_end(whole, closing + 1, qualifier)
        if end is not None and end - self.position >= SPLIT_MIN_BYTES:
            head = whole[: found.end()] + whole[opening : closing + 1]
            tail = b"</" + qualifier + b"decodedData></" + root + b">"
            self.section = (self.position, end, Wrapping(head, tail, qualifier))


def _taken(reading: _Reading, done: list[Any]) -> tuple[list[Record], int, int]:
    entries, models = len(done), reading.models
    records = list(reading.take(done))
    return records, entries, reading.models - models


@contextlib.contextmanager
def _mapped(handle: Any) -> Iterator[mmap.mmap]:
    try:
        whole = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:  # an empty report, say: the single path tells
        raise _Unsplit("report.xml cannot be mapped") from exc
    try:
        yield whole
    finally:
        whole.close()


def _section_end(whole: mmap.mmap, start: int, prefix: bytes) -> int | None:
    """Where the section's end tag starts: the last one in the report, searched from its end
    (what follows the section is short; should another decodedData come before it, the
    chunks parse it as the whole document does)."""
    end = whole.rfind(b"</" + prefix + b"decodedData", start)
    if end == -1 or _in_cdata(whole, start, end):
        return None
    return end


def _in_cdata(whole: mmap.mmap, start: int, at: int) -> bool:
    opened = whole.rfind(b"<![CDATA[", start, at)
    return opened != -1 and whole.find(b"]]>", opened, at) == -1


def _chunks(whole: mmap.mmap, start: int, end: int, prefix: bytes) -> Iterator[Chunk]:
    """The section [start, end) in chunks of about CHUNK_BYTES, each ending after a top-level
    `</model>` (model depth counted over the bytes)."""
    open_model, close_model = b"<" + prefix + b"model ", b"</" + prefix + b"model>"
    open_type, close_type = b"<" + prefix + b"modelType", b"</" + prefix + b"modelType>"
    position, inside = start, b""
    while position < end:
        cut = end
        if position + CHUNK_BYTES < end:
            depth, scanned = 0, position
            cut = whole.find(close_model, position + CHUNK_BYTES, end)
            while cut != -1:
                cut += len(close_model)
                piece = whole[scanned:cut]
                depth += piece.count(open_model) - piece.count(close_model)
                scanned = cut
                if depth <= 0:
                    break
                if cut - position > max(CHUNK_LIMIT, CHUNK_BYTES):
                    raise _Unsplit("no top-level model boundary found")
                cut = whole.find(close_model, cut, end)
            if cut == -1 or depth < 0:
                raise _Unsplit("no top-level model boundary found")
        opened = whole.rfind(open_type, position, cut)
        closed = whole.rfind(close_type, position, cut)
        after = inside
        if opened > closed:
            after = whole[opened : whole.find(b">", opened) + 1]
        elif closed > opened:
            after = b""
        yield Chunk(position, cut, inside, bool(after))
        # The pages scanned are the workers' to read: out of this process's memory.
        first, last = position - position % mmap.PAGESIZE, cut - cut % mmap.PAGESIZE
        if last > first:
            whole.madvise(mmap.MADV_DONTNEED, first, last - first)
        position, inside = cut, after


class _Workers:
    """WORKERS spawned processes, each with its own task and result queues; chunk i goes to
    worker i mod n and its result is read back from that worker, so results come in order."""

    def __init__(self, count: int, setup: WorkerSetup) -> None:
        context = multiprocessing.get_context("spawn")
        self.tasks = [context.Queue() for _ in range(count)]
        self.results = [context.Queue() for _ in range(count)]
        self.processes = [
            context.Process(
                target=_work,
                args=(setup, self.tasks[n], self.results[n]),
                name=f"ufdr-parse-{n}",
                daemon=True,
            )
            for n in range(count)
        ]

    def __enter__(self) -> _Workers:
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for tasks in self.tasks:
            with contextlib.suppress(Exception):
                tasks.put(None)
        for process in self.processes:
            if exc[0] is not None:
                process.terminate()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        for channel in (*self.tasks, *self.results):
            channel.cancel_join_thread()
            channel.close()

    def map_in_order(self, chunks: Iterator[Chunk]) -> Iterator[ChunkResult]:
        """The chunks' results in chunk order. A worker is handed its next chunk as soon as
        its result is taken, before the caller writes it, so it parses meanwhile."""
        count = len(self.processes)
        sent = received = 0
        for chunk in chunks:
            if sent - received == count * IN_FLIGHT:
                result = self._result(received % count)
                self.tasks[sent % count].put(chunk)
                sent, received = sent + 1, received + 1
                yield result
            else:
                self.tasks[sent % count].put(chunk)
                sent += 1
        while received < sent:
            result = self._result(received % count)
            received += 1
            yield result

    def _result(self, worker: int) -> ChunkResult:
        while True:
            try:
                outcome = self.results[worker].get(timeout=WAIT_POLL)
            except queue.Empty:
                if not self.processes[worker].is_alive():
                    raise _Unsplit("a parsing process ended") from None
                continue
            if isinstance(outcome, ChunkResult):
                return outcome
            raise _Unsplit("a parsing process failed", outcome)


def _work(setup: WorkerSetup, tasks: Any, results: Any) -> None:
    """A parsing process: chunks in, their records out, until None. The cyclic garbage
    collector is made as little eager as in the importer (ingest's _collector_paused): with
    the default thresholds it walks the parser's millions of short-lived objects over and
    over (a reader's handlers are unhooked at each chunk's end, so no cycle is left)."""
    gc.set_threshold(GC_YOUNG_THRESHOLD, 50, 50)
    gc.freeze()
    known = setup.known_files

    def missing(path: str) -> Any:
        raise OSError(path)

    files = UfdrFiles(lambda path: UfdrFiles.normal(path) in known, missing)
    with open(setup.path, "rb") as handle:
        while (chunk := tasks.get()) is not None:
            try:
                results.put(_parse_chunk(setup, files, handle, chunk))
            except Exception as exc:  # the importer hands over to the single-thread path
                results.put(repr(exc)[:500])
                return


def _parse_chunk(setup: WorkerSetup, files: UfdrFiles, handle: Any, chunk: Chunk) -> ChunkResult:
    wrapping = setup.wrapping
    reading = _Reading.in_worker(files, setup.local_paths)
    reader = ReportReader(setup.namespace)
    records: list[Record] = []
    entries = 0
    reader.feed(wrapping.head + chunk.opens_in)
    handle.seek(chunk.start)
    left = chunk.end - chunk.start
    while left > 0:
        data = handle.read(min(READ_CHUNK, left))
        if not data:
            raise _Unsplit("a chunk past the end of report.xml")
        left -= len(data)
        reader.feed(data)
        entries += len(reader.done)
        records += reading.take(_models_only(reader.done))
    closing = b"</" + wrapping.prefix + b"modelType>" if chunk.ends_inside else b""
    reader.feed(closing + wrapping.tail, final=True)
    entries += len(reader.done)
    records += reading.take(_models_only(reader.done))
    reader.close()
    return ChunkResult(records, reading.report, reading.models, entries)


def _models_only(done: list[Model | TaggedFile]) -> list[Model | TaggedFile]:
    """A tagged file inside the decoded data would change the attachment lookup the
    workers were given (and its hash is the importer's to check): not split."""
    if any(isinstance(found, TaggedFile) for found in done):
        raise _Unsplit("a tagged file inside the decoded data")
    return done
