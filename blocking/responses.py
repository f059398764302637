"""Answers from the ministry or the carriers: a CSV or XLSX file, one row per number.

Columns (header names in English or Korean, any order, case and spacing ignored; other
columns are ignored, so a returned submission list with a result column added works):

    number      전화번호, 번호, 대상번호     required; any printed form
    result      결과, 처리결과, 조치결과      required; see RESULT_WORDS
    carrier     통신사, 사업자, 이동통신사
    reference   접수번호, 참조번호, 문서번호, 처리번호
    date        처리일, 처리일자, 일자, 조치일, 정지일   the day the answer took effect
    until       정지종료일, 종료일                      end of the suspension
    route       경로            route key, when a number has open requests on several routes
    request_id  요청번호        the request id, the most precise way to point at a request
    note        비고

The header row may have a title, a date or a sender above it (up to MAX_ROWS_ABOVE_HEADER
rows), as official answers do.

Encodings: UTF-8 (with or without BOM), UTF-16 (with BOM, or without when its NUL bytes
show the byte order), and CP949 / EUC-KR as written by
Korean office systems. A numeric spreadsheet cell has lost its leading zero
(1012345678): it is read with the zero restored.

Policy for a file with bad rows: the good rows are applied, all in one transaction, and
every bad row is reported with its row number, its kind and the reason (unknown number, no
open request, impossible step, malformed value) — nothing is guessed. Pass
`all_or_nothing=True` to apply nothing unless every row is good, or `dry_run=True` to only
check (the report's `planned` says what would be applied). A file that cannot be read, lacks
the number or result column, or has no answer rows raises `ResponseFileError` and applies
nothing; a file none of whose rows can be applied is not committed either (nothing changes,
not even the host's log).

Hostile files: an XLSX is a zip, checked before it is opened (MAX_UNCOMPRESSED_BYTES,
MAX_COMPRESSION_RATIO, MAX_ARCHIVE_MEMBERS), and its XML is parsed with defusedxml (no DTDs,
entities or external references). Rows are streamed, in chunks of CHUNK_ROWS, and numbers
written with plain digits are matched against the registry by their E.164 form before any
costly validation, so a file of a million rows takes seconds and little memory. The report
keeps the first MAX_PROBLEMS_KEPT problems and counts them all per kind; `problems_file`
receives every one.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from openpyxl import DEFUSEDXML, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import Connection, select

from blocking.actors import Actor
from blocking.db import Store, chunked
from blocking.errors import (
    BlockingError,
    InvalidNumberError,
    Phrase,
    ResponseFileError,
    listing,
    os_reason,
)
from blocking.models import numbers_t, requests_t
from blocking.numbers import (
    NormalizedNumber,
    NumberType,
    e164_candidate,
    explain_invalid,
    normalize_number,
    plausible_national_length,
)
from blocking.progress import NULL_PROGRESS, Progress, check_cancelled
from blocking.records import AppliedRow, ResponseImportReport, RowProblem
from blocking.requests import Answer, Change, LockedRequest, RequestQueue, apply_changes
from blocking.states import OPEN_STATES, RequestState, can_transition
from blocking.tabular import safe_csv_cell

# A host's own log entry for the answers, written on the connection (and so in the transaction)
# that applies them: if it raises, nothing is applied.
ResponseAudit = Callable[[Connection, ResponseImportReport], None]

S = RequestState

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("number", "phone", "phone number", "전화번호", "번호", "대상번호", "이용중지번호"),
    "result": ("result", "status", "결과", "처리결과", "조치결과"),
    "carrier": ("carrier", "통신사", "사업자", "이동통신사"),
    "reference": ("reference", "ref", "접수번호", "참조번호", "문서번호", "처리번호"),
    "date": ("date", "effective date", "처리일", "처리일자", "일자", "조치일", "정지일"),
    "until": ("until", "suspended until", "end date", "정지종료일", "종료일"),
    "route": ("route", "경로"),
    "request_id": ("request id", "request", "요청번호"),
    "note": ("note", "notes", "비고"),
}
REQUIRED_COLUMNS = ("number", "result")

RESULT_WORDS: dict[RequestState, tuple[str, ...]] = {
    S.SUSPENDED: ("suspended", "suspend", "정지", "이용정지", "이용중지", "중지", "차단"),
    S.REJECTED: ("rejected", "reject", "반려", "거부", "불가", "기각"),
    S.TERMINATED: ("terminated", "해지", "직권해지"),
    S.RESTORED: ("restored", "lifted", "해제", "정지해제", "이용재개", "복구"),
}


@lru_cache(maxsize=4096)  # headers and result words repeat on every row
def _key(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "", unicodedata.normalize("NFKC", text).strip().lower())


# Korean sheets head their running row number "번호" (No.) as often as the phone number.
_GENERIC_ALIASES = frozenset({_key("번호")})
_ALIAS_LOOKUP = {
    _key(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in aliases
}
_RESULT_LOOKUP = {_key(word): state for state, words in RESULT_WORDS.items() for word in words}
_DATE = re.compile(r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?\.?(?:\s.*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


# Archives are checked before anything parses them: an XLSX is a zip, and a 6 MB zip can
# inflate to gigabytes. A real answer file of a million rows unpacks to about 100 MB, at a ratio
# below 20; a bomb needs far more than this.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ARCHIVE_MEMBERS = 1_000
_RATIO_CHECKED_FROM = 1024 * 1024
PROLOG_BYTES = 64 * 1024
MAX_COLUMNS = 100  # a sheet claiming 16,384 columns is read as this many
CHUNK_ROWS = 5_000
MAX_ROWS_ABOVE_HEADER = 10  # title, date, sender… above an answer sheet's header
MAX_PROBLEMS_KEPT = 1_000  # in the report; all of them go to the problem file


@dataclass(frozen=True, slots=True)
class _RawRow:
    row: int
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _ParsedRow:
    row: int
    shown: str
    number: NormalizedNumber
    number_id: int
    target: RequestState
    result_text: str
    carrier: str
    reference: str
    effective_on: date | None
    until: date | None
    route: str
    request_id: int | None
    note: str


@dataclass(frozen=True, slots=True)
class _Fields:
    """A row whose columns parsed; its number is matched against the registry next."""

    row: int
    shown: str
    candidates: tuple[str, ...]  # E.164 guesses, best first (empty: not plain digits)
    numeric: bool  # a spreadsheet number cell (its leading zero may be lost)
    target: RequestState
    result_text: str
    carrier: str
    reference: str
    effective_on: date | None
    until: date | None
    route: str
    request_id: int | None
    note: str


class _ProblemLog:
    """Every row problem: counted per kind, the first ones kept for the report, all of them
    written to `path` (CSV, UTF-8 with BOM, formula-safe) as they are found."""

    HEADER = ("row", "number", "kind", "problem")

    def __init__(
        self,
        path: Path | None,
        keep: int = MAX_PROBLEMS_KEPT,
        describe: Callable[[BlockingError], str] | None = None,
    ) -> None:
        self.path = path
        self.describe = describe
        self.keep = keep
        self.kept: list[RowProblem] = []
        self.kinds: dict[str, int] = {}
        self.count = 0
        self._handle: TextIO | None = None
        self._writer: Any = None

    def add(self, problem: RowProblem) -> None:
        self.count += 1
        self.kinds[problem.kind] = self.kinds.get(problem.kind, 0) + 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)
        if self.path is not None:
            try:
                if self._writer is None:
                    self._handle = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
                    self._writer = csv.writer(self._handle)
                    self._writer.writerow(self.HEADER)
                self._writer.writerow(
                    [
                        problem.row,
                        safe_csv_cell(problem.number),
                        problem.kind,
                        safe_csv_cell(problem.shown or problem.message),
                    ]
                )
            except OSError as exc:
                raise ResponseFileError(
                    "Cannot write the list of problems to {path}: {reason}",
                    path=self.path,
                    reason=os_reason(exc),
                ) from exc

    def row_error(self, row: int, number: str, exc: BlockingError, kind: str) -> None:
        shown = self.describe(exc) if self.describe is not None else ""
        self.add(RowProblem(row, number, str(exc), kind, exc.template, dict(exc.values), shown))

    def close(self) -> Path | None:
        if self._handle is None:
            return None
        self._handle.close()
        return self.path


class ResponseImporter:
    def __init__(self, store: Store, queue: RequestQueue) -> None:
        self._store = store
        self._queue = queue

    def import_file(
        self,
        actor: Actor,
        path: str | Path,
        *,
        dry_run: bool = False,
        all_or_nothing: bool = False,
        problems_file: str | Path | None = None,
        progress: Progress = NULL_PROGRESS,
        audit: ResponseAudit | None = None,
        describe: Callable[[BlockingError], str] | None = None,
    ) -> ResponseImportReport:
        """Read and apply one response file; see the module docstring for the rules.

        The file is read in chunks and matched against the registry as it goes, so a file of a
        million rows needs neither the memory for a million rows nor minutes of number
        validation. Problems are counted per kind; the report keeps the first
        `MAX_PROBLEMS_KEPT`, and `problems_file` (a CSV) receives all of them. `audit`, when
        given, runs inside the transaction that applies the answers (a host's own log entry:
        if it fails, nothing is applied). `describe`, when given, words each problem in the
        problems file (a host's translation; the report keeps the English and the template)."""
        path = Path(path)
        if problems_file is not None and _same_file(path, Path(problems_file)):
            # Written while the answers are still being read: it would destroy them.
            raise ResponseFileError(
                "The list of problems cannot be written over the answer file {path}; "
                "choose another file. Nothing was applied.",
                path=problems_file,
            )
        encoding, table = open_response_table(path)
        log = _ProblemLog(
            Path(problems_file) if problems_file is not None else None, describe=describe
        )
        kept: list[_ParsedRow] = []
        rows = 0
        progress.begin(None, f"Reading {path.name}", "rows")
        try:
            for chunk in _chunks(_raw_rows(path, table), CHUNK_ROWS):
                check_cancelled(progress)
                rows += len(chunk)
                fields: list[_Fields] = []
                for raw in chunk:
                    try:
                        fields.append(_parse_fields(raw))
                    except _RowError as exc:
                        log.row_error(raw.row, _cell_text(raw.values.get("number")), exc, exc.kind)
                with self._store.read() as conn:
                    kept.extend(_match_numbers(conn, fields, log))
                progress.advance(len(chunk))
            now = self._store.now()
            # A dry run only reads: it need not queue behind (or hold up) writers.
            with self._store.read() if dry_run else self._store.write() as conn:
                changes, planned = self._plan(conn, actor, path, kept, log, now)
                # A file none of whose rows applies changes nothing, not even the log: it is
                # refused as a whole, like an unreadable one.
                apply_now = bool(planned) and not dry_run and not (all_or_nothing and log.count)
                report = ResponseImportReport(
                    file=path,
                    encoding=encoding,
                    rows=rows,
                    applied=planned if apply_now else [],
                    problems=sorted(log.kept, key=lambda p: p.row),
                    committed=apply_now,
                    planned=planned,
                    problem_count=log.count,
                    problem_kinds=dict(log.kinds),
                    problems_file=Path(problems_file) if log.count and problems_file else None,
                )
                if apply_now:
                    apply_changes(conn, actor, changes, now)
                    if audit is not None:
                        audit(conn, report)
        finally:
            log.close()
        return report

    def _plan(
        self,
        conn: Connection,
        actor: Actor,
        path: Path,
        rows: list[_ParsedRow],
        log: _ProblemLog,
        now: datetime,
    ) -> tuple[list[Change], list[AppliedRow]]:
        r = requests_t.c
        open_requests: dict[int, list[LockedRequest]] = defaultdict(list)
        for id_chunk in chunked(sorted({row.number_id for row in rows})):
            query = select(
                r.id,
                r.number_id,
                r.route,
                r.state,
                r.drafted_by_id,
                r.suspended_from,
                r.suspended_until,
                r.carrier,
                r.response_reference,
            ).where(r.number_id.in_(id_chunk), r.state.in_(sorted(OPEN_STATES)))
            if self._store.is_postgresql:
                query = query.order_by(r.id).with_for_update()
            for found in conn.execute(query):
                open_requests[found.number_id].append(
                    LockedRequest(
                        id=found.id,
                        number_id=found.number_id,
                        route=found.route,
                        state=RequestState(found.state),
                        drafted_by_id=found.drafted_by_id,
                        suspended_from=found.suspended_from,
                        suspended_until=found.suspended_until,
                        carrier=found.carrier,
                        response_reference=found.response_reference,
                    )
                )
        changes: list[Change] = []
        applied: list[AppliedRow] = []
        # (number, answer, where it points) → the row that applies it: carriers repeat rows,
        # and a repeat is said as one, not as an "impossible step" from the state the first
        # row reached.
        first_rows: dict[tuple[int, RequestState, str, int | None], int] = {}
        for row in rows:
            key = (row.number_id, row.target, row.route, row.request_id)
            first = first_rows.get(key)
            if first is not None:
                log.row_error(
                    row.row,
                    row.shown,
                    _PickError(
                        "Row {row} repeats row {first}: {shown} is {value} by that row already.",
                        kind="duplicate",
                        row=row.row,
                        first=first,
                        shown=row.number.national,
                        value=row.target,
                    ),
                    "duplicate",
                )
                continue
            try:
                request = _pick_request(row, open_requests[row.number_id])
                note = f"response file {path.name}, row {row.row}: {row.result_text}"
                if row.note:
                    note += f" — {row.note}"
                answer = Answer(
                    carrier=row.carrier,
                    reference=row.reference,
                    effective_on=row.effective_on,
                    suspended_until=row.until,
                )
                planned = self._queue.plan(
                    actor, request, row.target, now, note=note, answer=answer
                )
            except _PickError as exc:
                log.row_error(row.row, row.shown, exc, exc.kind)
                continue
            except BlockingError as exc:
                log.row_error(row.row, row.shown, exc, "refused")
                continue
            # Later rows of the same file see this row's outcome.
            updated = replace(request, state=planned[-1].to_state)
            siblings = open_requests[row.number_id]
            siblings[siblings.index(request)] = updated
            changes.extend(planned)
            first_rows[key] = row.row
            applied.append(
                AppliedRow(row.row, request.id, row.number.e164, request.state, row.target)
            )
        return changes, applied


def _chunks(rows: Iterator[_RawRow], size: int) -> Iterator[list[_RawRow]]:
    chunk: list[_RawRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _match_numbers(conn: Connection, rows: list[_Fields], log: _ProblemLog) -> Iterator[_ParsedRow]:
    """Rows whose number is in the registry, with it; the others become problems. Plain
    digits are matched by their E.164 form; only other spellings (look-alike letters,
    Hangul numerals) go through full validation."""
    n = numbers_t.c
    wanted = sorted({c for row in rows for c in row.candidates})
    known: dict[str, tuple[int, NormalizedNumber]] = {}
    for chunk in chunked(wanted):
        for number_id, e164, national, number_type in conn.execute(
            select(n.id, n.e164, n.national, n.number_type).where(n.e164.in_(chunk))
        ):
            known[e164] = (number_id, NormalizedNumber(e164, national, NumberType(number_type)))
    for row in rows:
        found = next((known[c] for c in row.candidates if c in known), None)
        if found is None and not row.candidates:
            try:
                number = _parse_number(row.shown, row.numeric)
            except _RowError as exc:
                log.row_error(row.row, row.shown, exc, exc.kind)
                continue
            match = conn.execute(select(n.id).where(n.e164 == number.e164)).scalar()
            found = (match, number) if match is not None else None
            shown = number.national
        else:
            shown = row.shown
        if found is None:
            if row.candidates and not any(plausible_national_length(c) for c in row.candidates):
                log.row_error(
                    row.row, row.shown, _RowError.of(explain_invalid(row.shown)), "bad_number"
                )
            else:
                log.row_error(
                    row.row,
                    row.shown,
                    _RowError("{national} is not in the registry.", national=shown),
                    "not_in_registry",
                )
            continue
        number_id, number = found
        yield _ParsedRow(
            row=row.row,
            shown=row.shown,
            number=number,
            number_id=number_id,
            target=row.target,
            result_text=row.result_text,
            carrier=row.carrier,
            reference=row.reference,
            effective_on=row.effective_on,
            until=row.until,
            route=row.route,
            request_id=row.request_id,
            note=row.note,
        )


# ---- choosing the request a row is about ------------------------------------------------------


class _PickError(BlockingError):
    """No single open request fits the row; `kind` says which way."""

    def __init__(self, template: str, /, kind: str, **values: Any) -> None:
        super().__init__(template, **values)
        self.kind = kind


def _pick_request(row: _ParsedRow, candidates: list[LockedRequest]) -> LockedRequest:
    shown = row.number.national
    if row.request_id is not None:
        candidates = [c for c in candidates if c.id == row.request_id]
        if not candidates:
            raise _PickError(
                "Request {request_id} is not an open request for {shown}.",
                kind="no_open_request",
                request_id=row.request_id,
                shown=shown,
            )
    if row.route:
        candidates = [c for c in candidates if c.route == row.route]
    if not candidates:
        where = f" on route {row.route}" if row.route else ""
        raise _PickError(
            "{shown} has no open request{where} (it may already be closed).",
            kind="no_open_request",
            shown=shown,
            where=where,
        )
    able = [c for c in candidates if can_transition(c.state, row.target)]
    if not able:
        # The words stay in the template (so they are translated); the values are data.
        if len(candidates) == 1:
            raise _PickError(
                "Impossible step for {shown}: request {request_id} is {state}; it cannot become "
                "{value}.",
                kind="impossible_step",
                shown=shown,
                request_id=candidates[0].id,
                state=candidates[0].state,
                value=row.target,
            )
        raise _PickError(
            "Impossible step for {shown}: requests {states}; none can become {value}.",
            kind="impossible_step",
            shown=shown,
            states=listing([Phrase("{id} ({state})", id=c.id, state=c.state) for c in candidates]),
            value=row.target,
        )
    if len(able) > 1:
        ids = ", ".join(f"{c.id} ({c.route})" for c in able)
        raise _PickError(
            "{shown} has several requests this answer could be for ({ids}); add a route or "
            "request_id column.",
            kind="ambiguous",
            shown=shown,
            ids=ids,
        )
    return able[0]


# ---- reading the file -------------------------------------------------------------------------


class _RowError(BlockingError):
    """One row's problem (template and values, like every library error) and its kind."""

    kind = "malformed"

    def __init__(self, template: str, /, kind: str = "malformed", **values: Any) -> None:
        super().__init__(template, **values)
        self.kind = kind

    @classmethod
    def of(cls, error: BlockingError, kind: str = "bad_number") -> _RowError:
        return cls(error.template, kind=kind, **error.values)


Table = Iterator[tuple[int, list[Any]]]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def open_response_table(path: Path) -> tuple[str, Table]:
    """(encoding, or "xlsx" for workbooks; the rows as they are read). The file is checked
    before anything parses it; `ResponseFileError` says why it cannot be used."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(1024 * 1024)
    except FileNotFoundError:
        raise ResponseFileError("{path} does not exist.", path=path) from None
    except OSError as exc:
        raise ResponseFileError(
            "Cannot read {path}: {reason}", path=path, reason=os_reason(exc)
        ) from exc
    if size == 0 or (size <= len(head) and not head.strip()):
        raise ResponseFileError("{name} is empty.", name=path.name)
    if head.startswith(b"PK\x03\x04"):
        _check_archive(path)
        return "xlsx", _xlsx_table(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ResponseFileError(
            "{name} is an old Excel .xls file; save it as .xlsx or CSV and import that.",
            name=path.name,
        )
    encoding = detect_encoding(path, head)
    return encoding, _csv_table(path, encoding)


def detect_encoding(path: Path, head: bytes) -> str:
    """The encodings Korean systems write: UTF-8 (BOM or not), UTF-16 with BOM, EUC-KR when
    the text fits it, else CP949 (its superset, Windows' "ANSI" for Korean). The whole file is
    decoded once, block by block, to be sure."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            if _decodes(path, encoding):
                return encoding
            raise ResponseFileError(
                "{name} starts like {encoding} text but is not valid {encoding}.",
                name=path.name,
                encoding=encoding,
            )
    # UTF-16 without its BOM (some exports write one, some do not) is valid UTF-8 too, with a
    # NUL byte beside every ASCII letter: read as UTF-8 its headers were "n\x00u\x00m…".
    sample = head[: len(head) - len(head) % 2]
    if sample and b"\x00" in sample:
        for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
            if zeros.count(0) * 4 > len(zeros) and _decodes(path, encoding):
                return encoding
    for encoding in ("utf-8", "euc-kr", "cp949"):
        if _decodes(path, encoding):
            return encoding
    raise ResponseFileError(
        "{name} is not text in UTF-8 or CP949/EUC-KR; save it as UTF-8 CSV or as XLSX.",
        name=path.name,
    )


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1024 * 1024):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except OSError as exc:
        raise ResponseFileError(
            "Cannot read {path}: {reason}", path=path, reason=os_reason(exc)
        ) from exc
    return True


def _csv_table(path: Path, encoding: str) -> Table:
    try:
        with open(path, encoding=encoding, newline="") as handle:
            sample = handle.read(8192)
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            handle.seek(0)
            # Only the delimiter is guessed; quoting is Excel's, whatever the first lines
            # suggest (a guessed dialect misreads a quoted cell further down).
            reader = csv.reader(handle, csv.excel, delimiter=delimiter)
            for index, cells in enumerate(reader, start=1):
                yield index, cells[:MAX_COLUMNS]
    except csv.Error as exc:
        raise ResponseFileError(
            "{name} is not a readable CSV file: {reason}", name=path.name, reason=exc
        ) from exc
    except OSError as exc:
        raise ResponseFileError(
            "Cannot read {path}: {reason}", path=path, reason=os_reason(exc)
        ) from exc


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose members would inflate past the limits (a zip bomb) before any
    of it is decompressed. zipfile never inflates a member past its declared size, so the
    declared sizes checked here bound the real ones."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(path, members)
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as handle:
                        if declares_dtd(handle.read(PROLOG_BYTES)):
                            raise _hostile_xml(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ResponseFileError(
            "{name} is not a readable XLSX workbook: {exc}", name=path.name, exc=exc
        ) from exc


def declares_dtd(prolog: bytes) -> bool:
    """A document type or entity declaration in an XML part's prolog (where XML puts them):
    spreadsheets never need one, XXE and billion-laughs files do."""
    if prolog.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00<" in prolog:
        text = prolog.decode("utf-16", "ignore")
    else:
        text = prolog.decode("utf-8", "ignore")
    return "<!DOCTYPE" in text or "<!ENTITY" in text


def _check_sizes(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = sum(member.file_size for member in members)
    ratios = [
        member.file_size / max(member.compress_size, 1)
        for member in members
        if member.file_size >= _RATIO_CHECKED_FROM
    ]
    if (
        len(members) > MAX_ARCHIVE_MEMBERS
        or total > MAX_UNCOMPRESSED_BYTES
        or max(ratios, default=0) > MAX_COMPRESSION_RATIO
    ):
        raise ResponseFileError(
            "{name} would unpack to {size} MB in {count} parts (at most {limit} MB, compressed "
            "at most {ratio}:1): refused as a possible zip bomb. Nothing was applied.",
            name=path.name,
            size=total // (1024 * 1024),
            count=len(members),
            limit=MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
            ratio=MAX_COMPRESSION_RATIO,
        )


def _xlsx_table(path: Path) -> Table:
    if not DEFUSEDXML:
        raise ResponseFileError(
            "Reading XLSX files safely needs defusedxml; OPENPYXL_DEFUSEDXML must not be False."
        )
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        ParseError,
        zlib.error,
        EOFError,
    ) as exc:
        if _caused_by_hostile_xml(exc):  # openpyxl wraps what defusedxml refused
            raise _hostile_xml(path) from exc
        raise ResponseFileError(
            "{name} is not a readable XLSX workbook: {exc}", name=path.name, exc=exc
        ) from exc
    try:
        if not workbook.worksheets:
            raise ResponseFileError("{name} has no header row.", name=path.name)
        # The first sheet one sees when opening it: a hidden working sheet (stale answers,
        # lookups) is not the answer.
        visible = [w for w in workbook.worksheets if w.sheet_state == "visible"]
        sheet = (visible or workbook.worksheets)[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        yield from enumerate((list(cells) for cells in rows), start=1)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise _hostile_xml(path) from exc
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError) as exc:
        raise ResponseFileError(
            "{name} is not a readable XLSX workbook: {exc}", name=path.name, exc=exc
        ) from exc
    finally:
        workbook.close()


def _caused_by_hostile_xml(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DTDForbidden | EntitiesForbidden | ExternalReferenceForbidden):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _hostile_xml(path: Path) -> ResponseFileError:
    return ResponseFileError(
        "{name} contains XML entity or document type declarations (used for XXE and "
        "billion-laughs attacks; no spreadsheet needs them): refused. Nothing was applied.",
        name=path.name,
    )


def _raw_rows(path: Path, table: Table) -> Iterator[_RawRow]:
    columns: dict[int, str] | None = None
    data = False
    first_refusal: ResponseFileError | None = None
    above = 0  # non-empty rows above the header
    for index, cells in table:
        if all(_cell_text(c) == "" for c in cells):
            continue
        if columns is None:
            try:
                columns = _map_header(path, cells)
            except _MissingColumnsError as exc:
                # Official answers put a title (and a date, a sender) above the header: look
                # a few rows down before saying what the first row lacks.
                first_refusal = first_refusal or exc
                above += 1
                if above < MAX_ROWS_ABOVE_HEADER:
                    continue
                raise first_refusal from None
            continue
        data = True
        yield _RawRow(index, {field: cells[i] for i, field in columns.items() if i < len(cells)})
    if columns is None:
        if first_refusal is not None:
            raise first_refusal
        raise ResponseFileError("{name} has no header row.", name=path.name)
    if not data:
        raise ResponseFileError(
            "{name} has a header but no answers: nothing to apply.", name=path.name
        )


class _MissingColumnsError(ResponseFileError):
    """A row refused as the header for lacking the columns (a title row, say)."""


def _map_header(path: Path, cells: list[Any]) -> dict[int, str]:
    columns: dict[int, str] = {}
    generic: set[int] = set()  # columns named only by a word that also means a row number
    for index, cell in enumerate(cells):
        header = _cell_text(cell)
        # Bilingual headers such as "전화번호 / Number" (the submission lists use them).
        part = next((p for p in header.split("/") if _key(p) in _ALIAS_LOOKUP), None)
        if part is None:
            continue
        field = _ALIAS_LOOKUP[_key(part)]
        is_generic = _key(part) in _GENERIC_ALIASES
        taken = next((i for i, f in columns.items() if f == field), None)
        if taken is not None and is_generic != (taken in generic):
            # "번호" next to "전화번호" is the row number (No.): the specific one is the number.
            if is_generic:
                continue
            del columns[taken]
            taken = None
        if is_generic:
            generic.add(index)
        if taken is not None:
            raise ResponseFileError(
                "{name}: two columns mean {field!r} (the second is {header!r}); keep one.",
                name=path.name,
                field=field,
                header=header,
            )
        columns[index] = field
    missing = [f for f in REQUIRED_COLUMNS if f not in columns.values()]
    if missing:
        found = ", ".join(repr(_cell_text(c)) for c in cells if _cell_text(c)) or "none"
        expected = "; ".join(f"{f}: {' / '.join(COLUMN_ALIASES[f])}" for f in missing)
        raise _MissingColumnsError(
            "{name} lacks the column(s) {columns} (headers found: {found}). "
            "Expected headers — {expected}. Nothing was applied.",
            name=path.name,
            columns=", ".join(missing),
            found=found,
            expected=expected,
        )
    return columns


# ---- one row ----------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.isascii():  # NFKC leaves ASCII as it is
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _parse_fields(raw: _RawRow) -> _Fields:
    values = raw.values
    number_cell = values.get("number")
    shown = _cell_text(number_cell)
    if not shown:
        raise _RowError("No number in this row.", kind="no_number")
    numeric = isinstance(number_cell, int | float) and not isinstance(number_cell, bool)
    result_text = _cell_text(values.get("result"))
    target = _RESULT_LOOKUP.get(_key(result_text))
    if target is None:
        known = "; ".join(f"{s.value}: {', '.join(w)}" for s, w in RESULT_WORDS.items())
        raise _RowError(
            "Unknown result {result_text!r}; use one of — {known}.",
            kind="unknown_result",
            result_text=result_text,
            known=known,
        )
    request_text = _cell_text(values.get("request_id"))
    if request_text and not request_text.isdigit():
        raise _RowError(
            "request_id {request_text!r} is not a request number.", request_text=request_text
        )
    guesses = [shown]
    if numeric and not shown.startswith("0"):
        guesses.append("0" + shown)  # a spreadsheet stored 01012345678 as 1012345678
    candidates = tuple(c for c in map(e164_candidate, guesses) if c is not None)
    return _Fields(
        row=raw.row,
        shown=shown,
        candidates=tuple(dict.fromkeys(candidates)),
        numeric=numeric,
        target=target,
        result_text=result_text,
        carrier=_cell_text(values.get("carrier")),
        reference=_cell_text(values.get("reference")),
        effective_on=_parse_date(values.get("date"), "date"),
        until=_parse_date(values.get("until"), "until"),
        route=_cell_text(values.get("route")),
        request_id=int(request_text) if request_text else None,
        note=_cell_text(values.get("note")),
    )


def _parse_number(shown: str, numeric: bool) -> NormalizedNumber:
    try:
        return normalize_number(shown)
    except InvalidNumberError as exc:
        if numeric and not shown.startswith("0"):
            try:
                return normalize_number("0" + shown)
            except InvalidNumberError:
                pass
        raise _RowError.of(exc) from exc


def _parse_date(cell: Any, name: str) -> date | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _cell_text(cell)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise _RowError(
        "{name} {text!r} is not a date (write 2024-05-31).", kind="bad_date", name=name, text=text
    )
