"""CCTV exports: catalog a recorder's clips, their clocks and the recorder's clock offset.

Cataloguing runs in two steps so that an interrupted import loses nothing and repeats nothing:
1. every file is hashed (evidence first) and catalogued in one transaction with ONE custody
   entry (the files' hashes bound by a manifest digest, listed in full for small exports);
2. each clip is analysed in a worker process (metadata, thumbnail, on-screen clock, its hash
   again afterwards) and its result committed on its own. A run that was cancelled or killed
   resumes with the clips that have no result; a clip that cannot be read is recorded as
   failed, with the reason, and the batch goes on.

The evidence is only ever read. A working copy (a remux into MP4 for the player) lives in the
workstation's working folder, named by the clip's hash.

Times: see forensics_app.cctv.timing. The three sources are stored as the sources wrote them;
the corrected span follows the examiner's audited choice of source and the newest recorded
offset, and is recomputed whenever either changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blocking.errors import os_reason
from forensics_app import config, messages
from forensics_app.cctv import notes
from forensics_app.cctv.analysis import (
    ENGINE_VERSION,
    AnalysisJob,
    ClipAnalysis,
    analyse,
    camera_channel,
)
from forensics_app.cctv.detect import ClipFormat, detect
from forensics_app.cctv.frames import (
    Frame,
    FrameReader,
    contact_sheet,
    save_thumbnail,
    still_png,
)
from forensics_app.cctv.osd import (
    OsdEngineError,
    OsdPiece,
    OsdSettings,
    Region,
    locate,
    read_frames,
    read_osd,
)
from forensics_app.cctv.probe import ProbeError, ProbeResult, probe
from forensics_app.cctv.timing import (
    SOURCE_WORDS,
    ClockLeap,
    ClockOffset,
    SourceTimes,
    TimeSource,
    correct,
    disagreements,
    offset_seconds,
)
from forensics_app.cctv.worker import init_worker
from forensics_app.clock import Clock
from forensics_app.display import real_path, stored_path
from forensics_app.errors import NotFoundError, UserError
from forensics_app.messages import Message, msg
from forensics_app.progress import NullProgress, ProgressReporter, check_cancelled
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.evidence import (
    EvidenceService,
    SourceFile,
    _hash_all,
    _open_case,
    collect_files,
    shown_path,
)
from forensics_app.services.ingest import item_for_import
from forensics_app.services.records import Actor, ItemRecord, PathNote
from forensics_app.services.validation import FUTURE_SLACK, check_not_in_future
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    CctvCamera,
    CctvClip,
    CctvClockOffset,
    CctvTimeSourceChoice,
    EvidenceFile,
    EvidenceItem,
    Examiner,
    ItemKind,
    ItemStatus,
)

log = logging.getLogger(__name__)

MANIFEST_LISTED = 500  # the custody entry lists each file's hashes up to this many files
PLAYABLE = {ClipFormat.MP4, ClipFormat.MOV, ClipFormat.MKV, ClipFormat.AVI}
STATUS_OK, STATUS_PROBLEMS, STATUS_FAILED = "ok", "problems", "failed"
UNKNOWN_CHANNEL = "unknown channel"  # the stored label of a camera whose channel is not known
STATUS_PLAYER, STATUS_NOT_VIDEO = "needs_player", "not_video"


# ---- records ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClipRecord:
    id: int
    file_id: int
    item_id: int
    exhibit_number: str
    camera_id: int | None
    camera: str
    channel: int | None
    path: str
    relative_path: str
    sha256: str
    size: int
    status: str
    format: str
    format_reason: Message  # what in the bytes said what it is
    container: str
    video_codec: str
    width: int | None
    height: int | None
    fps: float | None
    fps_variable: bool
    fps_implausible: bool
    frame_count: int
    duration_s: float | None
    name_convention: str
    name_start_raw: str
    name_start: datetime | None  # recorder wall clock, no zone
    name_end: datetime | None
    container_time_kind: str
    container_start: datetime | None  # naive (DHAV) or aware (creation_time)
    container_end: datetime | None
    osd_status: str
    osd_start: datetime | None
    osd_end: datetime | None
    osd_notes: tuple[Message, ...]  # why the clock could not be read, what jumped
    time_source: str
    corrected_start: datetime | None  # aware UTC
    corrected_end: datetime | None
    corrected_note: Message | None
    disagreements: tuple[Message, ...]  # the clocks that disagree (notes: any language)
    problems: tuple[Message, ...]
    gaps: tuple[tuple[float, float], ...]  # (at seconds, length seconds)
    osd_leap: ClockLeap | None = None  # the last leap of the recorder's clock in the clip

    def start_of(self, source: TimeSource) -> datetime | None:
        return {
            TimeSource.NAME: self.name_start,
            TimeSource.CONTAINER: self.container_start,
            TimeSource.OSD: self.osd_start,
        }[source]

    def to_json(self) -> dict[str, Any]:
        """The per-clip result of `import --json` / `cctv import --json`."""
        return {
            "id": self.id,
            "exhibit": self.exhibit_number,
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "channel": self.channel,
            "start_name": _iso(self.name_start),
            "start_container": _iso(self.container_start),
            "start_osd": _iso(self.osd_start),
            "start_corrected": _iso(self.corrected_start),
            "end_corrected": _iso(self.corrected_end),
            "time_source": self.time_source or None,
            "duration_s": None if self.duration_s is None else round(self.duration_s, 3),
            "status": self.status,
            "osd": self.osd_status,
            "problems": [p.render() for p in self.problems],  # the CLI's language
        }


@dataclass(frozen=True)
class OffsetRecord:
    id: int
    item_id: int
    shown: datetime  # naive: the recorder's wall clock
    reference: datetime  # aware
    zone: str
    offset_s: float
    note: str
    recorded_by: str
    recorded_at: datetime

    def describe(self) -> str:
        direction = "fast" if self.offset_s > 0 else "slow"
        if self.offset_s == 0:
            return "the recorder's clock was right"
        return f"the recorder's clock was {abs(self.offset_s):.0f} s {direction}"


@dataclass(frozen=True)
class SourceChoiceRecord:
    source: TimeSource
    reason: str
    chosen_by: str
    chosen_at: datetime


@dataclass(frozen=True)
class RecorderRecord:
    item_id: int
    case_id: int
    exhibit_number: str
    description: str
    clip_count: int
    offset: OffsetRecord | None
    choice: SourceChoiceRecord | None


@dataclass(frozen=True)
class CameraRecord:
    id: int
    item_id: int
    key: str
    channel: int | None
    label: str
    osd_settings: OsdSettings | None
    clip_count: int


@dataclass(frozen=True)
class FrameTimes:
    """What each clock says at one frame."""

    index: int
    time_s: float  # seconds from the first frame
    name: datetime | None
    container: datetime | None
    osd: datetime | None  # the clock fitted to the frames read at import
    corrected: datetime | None  # UTC, by the recorder's time source and offset
    source: str
    osd_read: datetime | None = None  # read on this very frame (stills), when readable


@dataclass(frozen=True)
class StillRecord:
    path: Path
    sha256: str
    frame: int
    time_s: float
    times: FrameTimes


@dataclass(frozen=True)
class ClipSpan:
    """A clip on the case timeline: a span of corrected time, by camera."""

    clip_id: int
    item_id: int
    exhibit_number: str
    camera: str
    path: str
    start: datetime
    end: datetime
    source: str


@dataclass
class CatalogReport:
    item: ItemRecord | None = None
    added: int = 0  # files catalogued by this run
    # links, non-files, unreadable files: not catalogued (PathNote: kind and message)
    skipped: list[PathNote] = field(default_factory=list)
    analysed: int = 0
    failed: int = 0
    already_done: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    clips: list[ClipRecord] = field(default_factory=list)
    changed: list[Message] = field(default_factory=list)  # evidence that changed: loud


MAX_OFFSET_S = 100 * 365.25 * 86400  # a recorder clock further off than this is a typo


# ---- the service --------------------------------------------------------------------------
class CctvService:
    def __init__(
        self,
        db: Database,
        evidence: EvidenceService,
        clock: Clock,
        work_dir: Path | None = None,
    ) -> None:
        self._db = db
        self._evidence = evidence
        self._clock = clock
        self._work_dir = work_dir

    @property
    def work_dir(self) -> Path:
        """Thumbnails and working copies (derived, re-creatable): never next to evidence."""
        folder = self._work_dir or config.data_dir() / "cctv"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def conventions_file(self) -> Path:
        """The examiner's own file-name conventions, tried before the shipped ones."""
        return config.data_dir() / "cctv_conventions.toml"

    # ---- cataloguing ---------------------------------------------------------------------
    def catalog(
        self,
        by: Actor,
        case_id: int,
        paths: Sequence[Path],
        *,
        item_id: int | None = None,
        description: str = "",
        jobs: int | None = None,
        read_osd: bool = True,
        progress: ProgressReporter | None = None,
    ) -> CatalogReport:
        """Catalog the files under `paths` into a CCTV recorder item (new, the one given, or
        the one an earlier run of the same folder made) and analyse every clip that has no
        result yet."""
        progress = progress or NullProgress()
        started = time.perf_counter()
        sources, skipped = collect_files(paths)
        if not sources:
            raise UserError("No files in {paths}.", paths=", ".join(shown_path(p) for p in paths))
        report = CatalogReport(skipped=list(skipped))
        item_id = self._item_for(case_id, item_id, sources)
        known: set[str] = set()
        if item_id is not None:
            with self._db.read() as session:
                known = set(
                    session.scalars(
                        select(EvidenceFile.source_path).where(EvidenceFile.item_id == item_id)
                    )
                )
        fresh = [s for s in sources if stored_path(str(s.path)) not in known]
        if item_id is not None:
            report.changed += self._changed_since(item_id, sources)
        digests, unreadable = _hash_all(fresh, progress)
        report.skipped += unreadable
        if digests or item_id is None:
            item_id = self._add_files(by, case_id, item_id, digests, paths, description)
        report.added = len(digests)
        self._analyse_pending(by, item_id, jobs, read_osd, progress, report)
        report.item = self._evidence.get_item(item_id)
        wanted = {stored_path(str(s.path)) for s in sources}
        report.clips = [c for c in self.clips(item_id=item_id) if c.path in wanted]
        report.seconds = time.perf_counter() - started
        return report

    def _changed_since(self, item_id: int, sources: list[SourceFile]) -> list[Message]:
        """The analysed clips of the item whose file on disk no longer has the size it was
        catalogued with (replaced or cut between runs). A run again skipped them as done and
        said nothing; a stat each is all it costs (a hash would read the whole export again:
        `verify` does that). What was catalogued and found for them is kept as it was."""
        with self._db.read() as session:
            sizes = dict(
                session.execute(
                    select(EvidenceFile.source_path, EvidenceFile.size)
                    .join(CctvClip, CctvClip.file_id == EvidenceFile.id)
                    .where(EvidenceFile.item_id == item_id)
                    .where(CctvClip.engine_version == ENGINE_VERSION)
                ).all()
            )
        changed = []
        for source in sources:
            then = sizes.get(stored_path(str(source.path)))
            if then is None:
                continue  # new, or not analysed yet: its analysis hashes it again
            try:
                now: object = source.path.stat().st_size
            except OSError as exc:
                now = os_reason(exc)
            if now != then:
                changed.append(
                    msg(
                        "{path}: THE FILE CHANGED since it was catalogued ({then} bytes then, "
                        "{now} now); what was catalogued and found for it is kept (run "
                        "`forensics-app verify`)",
                        path=shown_path(source.path),
                        then=then,
                        now=now,
                    )
                )
                log.error("CCTV evidence changed since it was catalogued: %s", source.path)
        return changed

    def _item_for(self, case_id: int, item_id: int | None, sources: list[SourceFile]) -> int | None:
        with self._db.read() as session:
            _open_case(session, case_id)
            if item_id is not None:
                item = session.get(EvidenceItem, item_id)
                if item is None or item.case_id != case_id:
                    raise NotFoundError("No evidence item {item_id} in this case.", item_id=item_id)
                if item.kind in (ItemKind.PHONE, ItemKind.FLYER_PHOTO_BATCH):
                    # A wrong exhibit number would otherwise catalogue the clips (and
                    # analyse the phone's databases as "clips") under that item.
                    raise UserError(
                        "{exhibit} is a {kind} item: recorder clips go into a CCTV recorder or "
                        "storage item (leave out the item to make a new recorder item).",
                        exhibit=item.exhibit_number,
                        kind=msg("phone")
                        if item.kind == ItemKind.PHONE
                        else msg("flyer-photo batch"),
                    )
                return item_id
            # The same folder again (a resumed or repeated run): the item that holds it.
            paths = [stored_path(str(s.path)) for s in sources]
            holders = set()
            for chunk in _chunks(paths, 500):
                holders |= set(
                    session.scalars(
                        select(EvidenceFile.item_id)
                        .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
                        .where(
                            EvidenceItem.case_id == case_id,
                            EvidenceItem.kind == ItemKind.CCTV_RECORDER,
                            EvidenceFile.source_path.in_(chunk),
                        )
                    )
                )
        if len(holders) > 1:
            raise UserError(
                "These files are split across several recorder items of the case; give the "
                "item with --item."
            )
        return holders.pop() if holders else None

    def _add_files(
        self,
        by: Actor,
        case_id: int,
        item_id: int | None,
        digests: Sequence[tuple[SourceFile, Any]],
        paths: Sequence[Path],
        description: str,
    ) -> int:
        """One transaction: the item (when new), each file's row with its own hash entry (what
        `verify` checks a file against), and one entry binding the export by its manifest."""
        now = self._clock.now()
        folder = ", ".join(shown_path(os.path.abspath(p)) for p in paths)
        manifest = sorted(
            (shown_path(s.relative_path), d.size, d.sha256, d.md5) for s, d in digests
        )
        manifest_digest = hashlib.sha256(
            "".join(f"{r}\t{n}\t{s}\t{m}\n" for r, n, s, m in manifest).encode("utf-8")
        ).hexdigest()
        total = sum(n for _, n, _, _ in manifest)
        with self._db.write() as session:
            case_row = _open_case(session, case_id)
            audit = CustodyWriter(session, by, self._clock)
            item, _created = item_for_import(
                session, audit, by, case_row, item_id,
                kind=ItemKind.CCTV_RECORDER,
                description=(
                    description
                    or messages.render(
                        "CCTV export: {names}",
                        {"names": ", ".join(shown_path(Path(p).name) for p in paths)},
                    )
                )[:500], now=now,
            )  # fmt: skip
            if item.status == ItemStatus.WITHDRAWN:
                raise UserError(
                    "Item {exhibit} is withdrawn: no files can be added to it.",
                    exhibit=item.exhibit_number,
                )
            EvidenceService._insert_files(session, audit, item, digests, now)
            details: dict[str, Any] = {
                "folder": folder,
                "files": len(manifest),
                "bytes": total,
                "manifest_sha256": manifest_digest,
                "manifest_format": "relative_path TAB size TAB sha256 TAB md5 LF, sorted",
            }
            if len(manifest) <= MANIFEST_LISTED:
                details["listed"] = [list(row) for row in manifest]
            audit.append(
                Action.IMPORT,
                Events.CCTV_CATALOGUED(
                    exhibit=item.exhibit_number,
                    folder=folder,
                    files=len(manifest),
                    bytes=total,
                    manifest=manifest_digest,
                ),
                details,
                case_id=case_id,
                item_id=item.id,
            )
            return item.id

    # ---- analysis ------------------------------------------------------------------------
    def pending(self, item_id: int) -> list[tuple[int, str, str, str]]:
        """(file id, path, relative path, sha256) of the item's files with no result from
        this engine version."""
        done = select(CctvClip.file_id).where(CctvClip.engine_version == ENGINE_VERSION)
        with self._db.read() as session:
            return [
                (row.id, real_path(row.source_path), row.relative_path, row.sha256)
                for row in session.execute(
                    select(
                        EvidenceFile.id,
                        EvidenceFile.source_path,
                        EvidenceFile.relative_path,
                        EvidenceFile.sha256,
                    )
                    .where(EvidenceFile.item_id == item_id, EvidenceFile.id.not_in(done))
                    .order_by(EvidenceFile.relative_path)
                )
            ]

    def _analyse_pending(
        self,
        by: Actor,
        item_id: int,
        jobs: int | None,
        read_osd: bool,
        progress: ProgressReporter,
        report: CatalogReport,
    ) -> None:
        pending = self.pending(item_id)
        with self._db.read() as session:
            report.already_done = (
                session.scalar(
                    select(func.count())
                    .select_from(CctvClip)
                    .where(CctvClip.item_id == item_id, CctvClip.engine_version == ENGINE_VERSION)
                )
                or 0
            )
        progress.begin(len(pending), msg("analysing clips"), "clips")
        if not pending:
            return
        conventions = self.conventions_file()
        conventions_arg = str(conventions) if conventions.is_file() else None
        settings = self._camera_settings(item_id)
        queue: list[tuple[int, AnalysisJob, str]] = []
        for file_id, path, relative, sha256 in pending:
            channel = camera_channel(Path(path), relative, conventions_arg)
            key = _camera_key(channel)
            queue.append(
                (
                    file_id,
                    AnalysisJob(
                        path=path,
                        relative_path=relative,
                        sha256=sha256,
                        thumbnail=str(self.thumbnail_file(sha256)),
                        read_osd=read_osd,
                        osd_settings=settings.get(key),
                        conventions_file=conventions_arg,
                    ),
                    key,
                )
            )
        queue = _round_robin(queue)
        workers = max(1, min(jobs or os.cpu_count() or 1, len(queue)))
        misses: dict[str, int] = {}
        if workers == 1:
            for file_id, queued, key in queue:
                if progress.is_cancelled():
                    break
                job = _next_job(queued, key, settings, misses)
                result = _safe_analyse(job)
                self._store(item_id, file_id, result, settings, report, misses)
                progress.advance(1, Path(job.path).name)
        else:
            self._run_pool(item_id, queue, workers, settings, misses, progress, report)
        report.cancelled = progress.is_cancelled() and bool(self.pending(item_id))

    def _run_pool(
        self,
        item_id: int,
        queue: list[tuple[int, AnalysisJob, str]],
        workers: int,
        settings: dict[str, OsdSettings],
        misses: dict[str, int],
        progress: ProgressReporter,
        report: CatalogReport,
    ) -> None:
        """Clips go out a few at a time so that a camera's clock, once found on one clip,
        goes with its next clips, and cancel takes effect within a clip per worker."""
        context = multiprocessing.get_context("spawn")
        remaining = list(reversed(queue))
        while remaining and not progress.is_cancelled():
            running: dict[Future[ClipAnalysis], tuple[int, AnalysisJob, str]] = {}
            try:
                with ProcessPoolExecutor(
                    workers,
                    mp_context=context,
                    initializer=init_worker,
                    initargs=(os.getpid(),),
                ) as pool:
                    while remaining or running:
                        while (
                            remaining and len(running) < workers * 2 and not progress.is_cancelled()
                        ):
                            file_id, queued, key = remaining.pop()
                            job = _next_job(queued, key, settings, misses)
                            running[pool.submit(analyse, job)] = (file_id, job, key)
                        if not running:
                            break
                        finished, _ = wait(running, return_when=FIRST_COMPLETED)
                        for future in finished:
                            file_id, job, key = running.pop(future)
                            result = _outcome(future, job)
                            self._store(item_id, file_id, result, settings, report, misses)
                            progress.advance(1, Path(job.path).name)
            except BrokenProcessPool:
                # A clip that kills a worker (a decoder crash) is recorded as failed; the
                # others in flight go back to the queue.
                for file_id, job, key in running.values():
                    if len(running) == 1:
                        self._store(item_id, file_id, _crashed(job), settings, report, misses)
                        progress.advance(1, Path(job.path).name)
                    else:
                        remaining.append((file_id, job, key))
                workers = 1 if len(running) > 1 else workers

    def _camera_settings(self, item_id: int) -> dict[str, OsdSettings]:
        with self._db.read() as session:
            return {
                camera.key: OsdSettings.from_json(json.loads(camera.osd_settings))
                for camera in session.scalars(
                    select(CctvCamera).where(CctvCamera.item_id == item_id)
                )
                if camera.osd_settings
            }

    def _store(
        self,
        item_id: int,
        file_id: int,
        result: ClipAnalysis,
        settings: dict[str, OsdSettings],
        report: CatalogReport,
        misses: dict[str, int] | None = None,
    ) -> None:
        now = self._clock.now()
        with self._db.write() as session:
            camera = self._camera(session, item_id, result.channel)
            if misses is not None and result.osd is not None:
                searched = result.osd.status == "unreadable" and not camera.osd_settings
                misses[camera.key] = misses.get(camera.key, 0) + 1 if searched else 0
            found = result.osd.settings if result.osd is not None else None
            remembered = camera.osd_settings
            drawn = bool(remembered) and json.loads(remembered).get("drawn_by_examiner", False)
            if found is not None and result.osd is not None and result.osd.status != "unreadable":
                if not drawn and found.to_json() != (
                    json.loads(remembered) if remembered else None
                ):
                    camera.osd_settings = json.dumps(found.to_json())
                    camera.osd_set_at = now
                settings[camera.key] = OsdSettings.from_json(json.loads(camera.osd_settings))
            row = session.scalar(select(CctvClip).where(CctvClip.file_id == file_id))
            if row is None:
                row = CctvClip(file_id=file_id, item_id=item_id, analysed_at=now)
                session.add(row)
            _fill(row, result, camera.id, now)
            offset, choice = _recorder_clock(session, item_id)
            _correct(row, offset, choice)
        if result.failed or result.changed:
            report.failed += 1
        report.analysed += 1
        if result.changed:
            report.changed.append(
                msg("{path}: {problem}", path=result.path, problem=result.problems[0])
            )
            log.error("CCTV evidence changed during analysis: %s", result.path)

    def _camera(self, session: Session, item_id: int, channel: int | None) -> CctvCamera:
        key = _camera_key(channel)
        camera = session.scalar(
            select(CctvCamera).where(CctvCamera.item_id == item_id, CctvCamera.key == key)
        )
        if camera is None:
            camera = CctvCamera(
                item_id=item_id,
                key=key,
                channel=channel,
                label=f"ch{channel}" if channel is not None else UNKNOWN_CHANNEL,
                osd_settings="",
            )
            session.add(camera)
            session.flush()
        return camera

    # ---- the recorder's clock ------------------------------------------------------------
    def record_offset(
        self,
        by: Actor,
        item_id: int,
        shown: datetime,
        reference: datetime,
        *,
        zone: str | None = None,
        note: str = "",
        shown_raw: str = "",
        reference_raw: str = "",
    ) -> OffsetRecord:
        """At seizure: the recorder showed `shown` (its wall clock, no zone) when the reference
        clock said `reference`. Every clip of the recorder gets corrected times."""
        if shown.tzinfo is not None:
            raise UserError(
                "Give the recorder's time as it was shown, without a zone: recorders keep "
                "wall-clock time."
            )
        if reference.tzinfo is None:
            raise UserError("The reference time needs a time zone (e.g. +09:00).")
        check_not_in_future(reference, self._clock, msg("The reference time"))
        zone = zone or self._clock.zone_name
        try:
            offset = offset_seconds(shown, reference, zone)
        except (ValueError, KeyError) as exc:
            raise UserError("Unknown time zone {zone!r}.", zone=zone) from exc
        if abs(offset) > MAX_OFFSET_S:
            # A typo (9999 for 2026): recorders reset after a power loss show 1970 or 2000.
            raise UserError(
                "The recorder's shown time {shown} is more than 100 years from the reference "
                "time {reference}: check both dates.",
                shown=shown.isoformat(sep=" "),
                reference=reference.isoformat(sep=" "),
            )
        now = self._clock.now()
        with self._db.write() as session:
            item = _recorder_item(session, item_id)
            _open_case(session, item.case_id)
            row = CctvClockOffset(
                item_id=item_id,
                shown=shown.isoformat(),
                shown_raw=shown_raw or shown.isoformat(),
                reference=reference,
                reference_raw=reference_raw or reference.isoformat(),
                zone=zone,
                offset_s=offset,
                note=note,
                recorded_by=by.id,
                recorded_at=now,
            )
            session.add(row)
            session.flush()
            previous = session.scalar(
                select(CctvClockOffset.offset_s)
                .where(CctvClockOffset.item_id == item_id, CctvClockOffset.id != row.id)
                .order_by(CctvClockOffset.id.desc())
                .limit(1)
            )
            changed = self._recompute(session, item_id)
            record = _offset_record(row, by.label)
            CustodyWriter(session, by, self._clock).append(
                Action.EDIT,
                Events.CCTV_OFFSET_RECORDED(
                    exhibit=item.exhibit_number,
                    shown=shown.isoformat(sep=" "),
                    reference=reference.isoformat(sep=" "),
                    offset=f"{offset:+.3f}",
                    zone=zone,
                ),
                {
                    "before": {"offset_s": previous},
                    "after": {
                        "offset_s": offset,
                        "shown": row.shown,
                        "shown_raw": row.shown_raw,
                        "reference": reference.astimezone(UTC).isoformat(),
                        "reference_raw": row.reference_raw,
                        "zone": zone,
                    },
                    "note": note,
                    "clips_recomputed": changed,
                },
                case_id=item.case_id,
                item_id=item.id,
            )
        return record

    def choose_time_source(
        self, by: Actor, item_id: int, source: TimeSource, reason: str = ""
    ) -> RecorderRecord:
        """Which clock of this recorder's clips the timeline uses: audited."""
        now = self._clock.now()
        with self._db.write() as session:
            item = _recorder_item(session, item_id)
            _open_case(session, item.case_id)
            _, before = _recorder_clock(session, item_id)
            session.add(
                CctvTimeSourceChoice(
                    item_id=item_id,
                    source=source.value,
                    reason=reason,
                    chosen_by=by.id,
                    chosen_at=now,
                )
            )
            session.flush()
            changed = self._recompute(session, item_id)
            CustodyWriter(session, by, self._clock).append(
                Action.EDIT,
                Events.CCTV_TIME_SOURCE_CHOSEN(exhibit=item.exhibit_number, source=source),
                {
                    "before": {"time_source": before.value if before else None},
                    "after": {"time_source": source.value},
                    "reason": reason,
                    "clips_recomputed": changed,
                },
                case_id=item.case_id,
                item_id=item.id,
            )
        return self.recorder(item_id)

    def _recompute(self, session: Session, item_id: int) -> int:
        offset, choice = _recorder_clock(session, item_id)
        changed = 0
        for row in session.scalars(select(CctvClip).where(CctvClip.item_id == item_id)):
            before = (row.time_source, row.corrected_start, row.corrected_end)
            _correct(row, offset, choice)
            changed += before != (row.time_source, row.corrected_start, row.corrected_end)
        return changed

    # ---- the on-screen clock -------------------------------------------------------------
    def set_osd_region(
        self,
        by: Actor,
        camera_id: int,
        region: Region | None,
        progress: ProgressReporter | None = None,
    ) -> CameraRecord:
        """The examiner draws where the camera's clock is (None: find it again by itself);
        the camera's clips are read again."""
        progress = progress or NullProgress()
        with self._db.read() as session:
            camera = session.get(CctvCamera, camera_id)
            if camera is None:
                raise NotFoundError("No camera {camera_id}.", camera_id=camera_id)
            item_id = camera.item_id
            clips = [
                (clip.id, real_path(file.source_path), file.sha256)
                for clip, file in session.execute(
                    select(CctvClip, EvidenceFile)
                    .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
                    .where(CctvClip.camera_id == camera_id)
                    .order_by(EvidenceFile.relative_path)
                )
            ]
            before = camera.osd_settings
        settings: OsdSettings | None = None
        if region is not None:
            hint = OsdSettings(region=region, drawn_by_examiner=True)
            for _clip_id, path, _sha in clips:
                samples = self._samples(Path(path))
                if samples:
                    settings, _ = locate([s[2] for s in samples[:1]], hint)
                if settings is not None:
                    break
            if settings is None:
                raise UserError("No date and time can be read in that part of the picture.")
        progress.begin(len(clips), msg("reading the on-screen clock"), "clips")
        with self._db.write() as session:
            camera_row = session.get(CctvCamera, camera_id)
            assert camera_row is not None
            camera_row.osd_settings = json.dumps(settings.to_json()) if settings else ""
            camera_row.osd_set_by = by.id if settings else None
            camera_row.osd_set_at = self._clock.now()
            item = session.get(EvidenceItem, item_id)
            assert item is not None
            CustodyWriter(session, by, self._clock).append(
                Action.ANALYSE,
                (Events.CCTV_OSD_DRAWN if settings else Events.CCTV_OSD_AUTOMATIC)(
                    exhibit=item.exhibit_number, camera=camera_row.label or camera_row.key
                ),
                {
                    "before": json.loads(before) if before else None,
                    "after": settings.to_json() if settings else None,
                },
                case_id=item.case_id,
                item_id=item_id,
            )
        for clip_id, path, _sha in clips:
            check_cancelled(progress)
            self._reread_osd(clip_id, Path(path), settings)
            progress.advance(1, Path(path).name)
        return self.camera(camera_id)

    def _samples(self, path: Path) -> list[tuple[int, float, Any]]:
        try:
            info = probe(path, detect(path))
        except ProbeError:
            return []
        return [(s.index, s.time_s, s.image) for s in info.samples]

    def _reread_osd(self, clip_id: int, path: Path, settings: OsdSettings | None) -> None:
        detection = detect(path)
        try:
            info = probe(path, detection)
        except ProbeError:
            return
        samples = [(s.index, s.time_s, s.image) for s in info.samples]
        with FrameReader(path, detection, info) as reader:
            result = read_osd(samples, settings, fetch=reader.fetch)
        with self._db.write() as session:
            row = session.get(CctvClip, clip_id)
            if row is None:
                return
            _fill_osd(row, result)
            offset, choice = _recorder_clock(session, row.item_id)
            _correct(row, offset, choice)

    # ---- reading -------------------------------------------------------------------------
    def clips(
        self,
        *,
        item_id: int | None = None,
        case_id: int | None = None,
        camera_id: int | None = None,
    ) -> list[ClipRecord]:
        query = (
            select(CctvClip, EvidenceFile, EvidenceItem.exhibit_number, CctvCamera.label)
            .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
            .join(EvidenceItem, EvidenceItem.id == CctvClip.item_id)
            .outerjoin(CctvCamera, CctvCamera.id == CctvClip.camera_id)
            .order_by(EvidenceItem.exhibit_number, CctvCamera.key, EvidenceFile.relative_path)
        )
        if item_id is not None:
            query = query.where(CctvClip.item_id == item_id)
        if case_id is not None:
            query = query.where(EvidenceItem.case_id == case_id)
        if camera_id is not None:
            query = query.where(CctvClip.camera_id == camera_id)
        zones = {}
        with self._db.read() as session:
            rows = session.execute(query).all()
            for item in {r[0].item_id for r in rows}:
                offset, _ = _recorder_clock(session, item)
                zones[item] = offset.zone if offset else self._clock.zone_name
        return [_clip_record(*row, zones[row[0].item_id]) for row in rows]

    def clip(self, clip_id: int) -> ClipRecord:
        with self._db.read() as session:
            row = session.execute(
                select(CctvClip, EvidenceFile, EvidenceItem.exhibit_number, CctvCamera.label)
                .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
                .join(EvidenceItem, EvidenceItem.id == CctvClip.item_id)
                .outerjoin(CctvCamera, CctvCamera.id == CctvClip.camera_id)
                .where(CctvClip.id == clip_id)
            ).first()
            if row is None:
                raise NotFoundError("No CCTV clip with id {clip_id}.", clip_id=clip_id)
            offset, _ = _recorder_clock(session, row[0].item_id)
        return _clip_record(*row, offset.zone if offset else self._clock.zone_name)

    def recorders(self, case_id: int) -> list[RecorderRecord]:
        """The case's CCTV recorder items (and any item holding clips)."""
        with self._db.read() as session:
            with_clips = select(CctvClip.item_id)
            ids = list(
                session.scalars(
                    select(EvidenceItem.id)
                    .where(
                        EvidenceItem.case_id == case_id,
                        (EvidenceItem.kind == ItemKind.CCTV_RECORDER)
                        | EvidenceItem.id.in_(with_clips),
                    )
                    .order_by(EvidenceItem.exhibit_number)
                )
            )
        return [self.recorder(item_id) for item_id in ids]

    def recorder(self, item_id: int) -> RecorderRecord:
        with self._db.read() as session:
            item = session.get(EvidenceItem, item_id)
            if item is None:
                raise NotFoundError("No evidence item with id {item_id}.", item_id=item_id)
            count = session.scalar(
                select(func.count()).select_from(CctvClip).where(CctvClip.item_id == item_id)
            )
            offset_row = session.scalar(
                select(CctvClockOffset)
                .where(CctvClockOffset.item_id == item_id)
                .order_by(CctvClockOffset.id.desc())
                .limit(1)
            )
            offset = None
            if offset_row is not None:
                offset = _offset_record(offset_row, _examiner(session, offset_row.recorded_by))
            choice_row = session.scalar(
                select(CctvTimeSourceChoice)
                .where(CctvTimeSourceChoice.item_id == item_id)
                .order_by(CctvTimeSourceChoice.id.desc())
                .limit(1)
            )
            choice = None
            if choice_row is not None:
                choice = SourceChoiceRecord(
                    TimeSource(choice_row.source),
                    choice_row.reason,
                    _examiner(session, choice_row.chosen_by),
                    choice_row.chosen_at,
                )
            return RecorderRecord(
                item.id,
                item.case_id,
                item.exhibit_number,
                item.description,
                count or 0,
                offset,
                choice,
            )

    def offsets(self, item_id: int) -> list[OffsetRecord]:
        """Every offset recorded for the recorder, newest first."""
        with self._db.read() as session:
            return [
                _offset_record(row, _examiner(session, row.recorded_by))
                for row in session.scalars(
                    select(CctvClockOffset)
                    .where(CctvClockOffset.item_id == item_id)
                    .order_by(CctvClockOffset.id.desc())
                )
            ]

    def cameras(self, item_id: int) -> list[CameraRecord]:
        with self._db.read() as session:
            counts = dict(
                session.execute(
                    select(CctvClip.camera_id, func.count())
                    .where(CctvClip.item_id == item_id)
                    .group_by(CctvClip.camera_id)
                ).all()
            )
            return [
                _camera_record(camera, counts.get(camera.id, 0))
                for camera in session.scalars(
                    select(CctvCamera).where(CctvCamera.item_id == item_id).order_by(CctvCamera.key)
                )
            ]

    def camera(self, camera_id: int) -> CameraRecord:
        with self._db.read() as session:
            camera = session.get(CctvCamera, camera_id)
            if camera is None:
                raise NotFoundError("No camera {camera_id}.", camera_id=camera_id)
            count = session.scalar(
                select(func.count()).select_from(CctvClip).where(CctvClip.camera_id == camera_id)
            )
            return _camera_record(camera, count or 0)

    def resolve_recorder(self, reference: str, case_id: int | None = None) -> RecorderRecord:
        """A recorder item given on the command line: its exhibit number (within the case,
        or anywhere when unique) or its id."""
        with self._db.read() as session:
            query = select(EvidenceItem.id).where(EvidenceItem.exhibit_number == reference)
            if case_id is not None:
                query = query.where(EvidenceItem.case_id == case_id)
            ids = list(session.scalars(query))
            if not ids and reference.isdigit():
                by_id = session.get(EvidenceItem, int(reference))
                if by_id is not None and case_id in (None, by_id.case_id):
                    ids = [by_id.id]
        if not ids:
            raise NotFoundError("No evidence item {reference!r}.", reference=reference)
        if len(ids) > 1:
            raise UserError(
                "Exhibit {reference} exists in several cases: add --case.", reference=reference
            )
        return self.recorder(ids[0])

    def timeline_spans(
        self, case_id: int, start: datetime | None = None, end: datetime | None = None
    ) -> list[ClipSpan]:
        """Clips with a corrected span overlapping [start, end), by camera, for the case
        timeline. Clips without a corrected time (no offset recorded) are not on it."""
        query = (
            select(
                CctvClip, EvidenceFile.source_path, EvidenceItem.exhibit_number, CctvCamera.label
            )
            .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
            .join(EvidenceItem, EvidenceItem.id == CctvClip.item_id)
            .outerjoin(CctvCamera, CctvCamera.id == CctvClip.camera_id)
            .where(
                EvidenceItem.case_id == case_id,
                CctvClip.corrected_start.is_not(None),
                CctvClip.corrected_end.is_not(None),
            )
            .order_by(CctvClip.corrected_start, CctvClip.id)
        )
        if start is not None:
            query = query.where(CctvClip.corrected_end > start)
        if end is not None:
            query = query.where(CctvClip.corrected_start < end)
        with self._db.read() as session:
            return [
                ClipSpan(
                    clip.id,
                    clip.item_id,
                    exhibit,
                    camera or "",
                    path,
                    clip.corrected_start,
                    clip.corrected_end,
                    clip.time_source,
                )
                for clip, path, exhibit, camera in session.execute(query)
                if clip.corrected_start is not None and clip.corrected_end is not None
            ]

    # ---- pictures ------------------------------------------------------------------------
    def thumbnail_file(self, sha256: str) -> Path:
        return self.work_dir / "thumbnails" / sha256[:2] / f"{sha256}.jpg"

    def thumbnail(self, clip_id: int) -> Path | None:
        """The clip's thumbnail (made again if the working folder lost it)."""
        clip = self.clip(clip_id)
        target = self.thumbnail_file(clip.sha256)
        if target.is_file():
            return target
        view = self._open(clip)
        if view is None:
            return None
        with view:
            frame = view.reader.frame(0)
        return save_thumbnail(frame.image, target)

    def open_clip(self, clip_id: int) -> ClipView:
        """A clip opened for stepping through frames with each frame's times (the caller
        closes it)."""
        clip = self.clip(clip_id)
        view = self._open(clip)
        if view is None:
            raise UserError(
                "{path} cannot be played here ({reason}).",
                path=clip.relative_path,
                reason=clip.format_reason,
            )
        return view

    def _open(self, clip: ClipRecord) -> ClipView | None:
        path = Path(real_path(clip.path))
        detection = detect(path)
        if not detection.format.is_video:
            return None
        _check_unchanged(path, clip)
        try:
            info = probe(path, detection, sample_every=1e9)
        except ProbeError as exc:
            raise UserError(
                "{path} cannot be decoded: {reason}", path=clip.relative_path, reason=exc.note
            ) from exc
        with self._db.read() as session:
            offset, choice = _recorder_clock(session, clip.item_id)
            detail = session.scalar(select(CctvClip.osd_detail).where(CctvClip.id == clip.id))
        osd = json.loads(detail or "{}")
        settings = OsdSettings.from_json(osd["settings"]) if osd.get("settings") else None
        reader = FrameReader(path, detection, info)
        return ClipView(clip, reader, info, _pieces(osd), offset, choice, settings)

    def contact_sheet(self, clip_id: int, out: Path | None = None, count: int = 12) -> Any:
        """Frames at fixed intervals with their recorder and corrected times (key frames
        nearest each interval: quick to decode). Written to `out` as PNG when given."""
        clip = self.clip(clip_id)
        view = self._open(clip)
        if view is None:
            raise UserError(
                "{path} has no pictures to show ({reason}).",
                path=clip.relative_path,
                reason=clip.format_reason,
            )
        with view:
            keys = view.info.key_indices or [0]
            duration = view.info.frame_times[-1] if view.info.frame_times else 0.0
            wanted = []
            for step in range(count):
                target = duration * step / max(1, count - 1) if count > 1 else 0.0
                key = min(keys, key=lambda k: abs(view.info.frame_times[k] - target))
                if key not in wanted:
                    wanted.append(key)
            tiles = []
            for number in wanted:
                frame = view.reader.frame(number)
                times = view.times(number)
                caption = _caption(times, short=True, zone=self._clock.zone)
                tiles.append((frame.image, caption))
        sheet = contact_sheet(
            tiles,
            title=[
                f"{clip.exhibit_number} {clip.camera}  {clip.relative_path}",
                f"SHA-256 {clip.sha256}   "
                + msg("time source: {source}", source=_time_source(clip.time_source)).render(),
            ],
        )
        if out is not None:
            try:
                sheet.save(out, "PNG")
            except OSError as exc:
                raise UserError(
                    "Cannot write {out}: {reason}", out=out, reason=os_reason(exc)
                ) from exc
        return sheet

    def export_still(
        self,
        by: Actor,
        clip_id: int,
        out: Path,
        *,
        at_s: float | None = None,
        frame: int | None = None,
    ) -> StillRecord:
        """A frame as a PNG with its times, the clip's hash and the frame number under it and
        in its text chunks; recorded in the custody log."""
        out = Path(os.path.abspath(out))
        if out.exists():
            raise UserError(
                "{out} exists: choose a new file name (nothing is overwritten).", out=out
            )
        if out.suffix.lower() != ".png":
            raise UserError("A still is written as PNG: name the file .png.")
        clip = self.clip(clip_id)
        with self._db.read() as session:
            if session.scalar(select(EvidenceFile.id).where(EvidenceFile.source_path == str(out))):
                raise UserError("{out} is catalogued evidence: choose another file.", out=out)
        view = self.open_clip(clip_id)
        with view:
            if frame is None:
                if at_s is None:
                    raise UserError("Say which frame: a time in seconds or a frame number.")
                outside = clip.duration_s is not None and at_s > clip.duration_s
                if not math.isfinite(at_s) or at_s < 0 or outside:  # NaN compares false
                    raise UserError(
                        "{at} s is outside the clip (0 to {duration} s).",
                        at=at_s,
                        duration=f"{clip.duration_s or 0:.3f}",
                    )
                frame = view.info.index_at(at_s)
            if not 0 <= frame < view.info.frame_count:
                raise UserError(
                    "No frame {frame}: the clip has {frame_count}.",
                    frame=frame,
                    frame_count=view.info.frame_count,
                )
            try:
                picture: Frame = view.reader.frame(frame)
            except ProbeError as exc:
                raise UserError(exc.template, **exc.values) from exc
            times = view.times(picture.index)
            read = view.read_osd(picture)
            if read is not None:
                times = replace(times, osd_read=read)
            rotation = view.info.rotation
        exported_at = self._clock.now()
        turned = (
            [
                msg(
                    "turned {degrees}° as the container asks players to; the file itself is "
                    "unchanged",
                    degrees=rotation,
                ).render()
            ]
            if rotation
            else []
        )
        # Drawn under the picture in the examiner's language (a Korean court file reads Korean).
        caption = [
            f"{clip.exhibit_number}  {clip.camera}  {clip.relative_path}",
            msg("clip SHA-256 {sha256}", sha256=clip.sha256).render(),
            msg(
                "frame {index} of {count}, {seconds:.3f} s into the clip",
                index=picture.index,
                count=clip.frame_count,
                seconds=picture.time_s,
            ).render(),
            *_caption(times, short=False, zone=self._clock.zone),
            *turned,
            msg(
                "exported {when} by {examiner}",
                when=exported_at.isoformat(timespec="seconds"),
                examiner=by.label,
            ).render(),
        ]
        metadata = {
            "clip_path": clip.path,
            "clip_sha256": clip.sha256,
            "exhibit": clip.exhibit_number,
            "frame": str(picture.index),
            "time_s": f"{picture.time_s:.6f}",
            "time_name": _iso(times.name) or "",
            "time_container": _iso(times.container) or "",
            "time_osd": _iso(times.osd) or "",
            "time_osd_read_on_frame": _iso(times.osd_read) or "",
            "time_corrected_utc": _iso(times.corrected) or "",
            "time_source": times.source,
            "turned_degrees": str(rotation),  # counter-clockwise, as players turn it
            "exported_by": by.label,
            "exported_at": exported_at.isoformat(),
        }
        data = still_png(picture.image, caption, metadata)
        try:
            with out.open("xb") as handle:
                handle.write(data)
        except OSError as exc:
            raise UserError("Cannot write {out}: {reason}", out=out, reason=os_reason(exc)) from exc
        digest = hashlib.sha256(data).hexdigest()
        with self._db.write() as session:
            file_row = session.get(EvidenceFile, clip.file_id)
            item = session.get(EvidenceItem, clip.item_id)
            assert file_row is not None and item is not None
            CustodyWriter(session, by, self._clock).append(
                Action.EXPORT,
                Events.CCTV_STILL_EXPORTED(
                    exhibit=clip.exhibit_number,
                    frame=picture.index,
                    path=clip.relative_path,
                    output=shown_path(out),
                ),
                {**metadata, "output": str(out), "output_sha256": digest},
                case_id=item.case_id,
                item_id=item.id,
                file_id=file_row.id,
            )
        return StillRecord(out, digest, picture.index, picture.time_s, times)

    def working_copy(self, clip_id: int, progress: ProgressReporter | None = None) -> Path:
        """A file QtMultimedia can play: the evidence itself for MP4/MOV/MKV/AVI (opened
        read-only), else a stream-copy remux into MP4 in the working folder, checked to hold
        as many pictures as the original."""
        clip = self.clip(clip_id)
        path = Path(real_path(clip.path))
        fmt = ClipFormat(clip.format)
        if fmt in PLAYABLE:
            return path
        if not fmt.is_video:
            raise UserError(
                "{path} needs the maker's player: {reason}",
                path=clip.relative_path,
                reason=clip.format_reason,
            )
        target = self.work_dir / "working" / clip.sha256[:2] / f"{clip.sha256}.mp4"
        if target.is_file():
            return target
        _check_unchanged(path, clip)
        from forensics_app.cctv.remux import remux_to_mp4

        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            count = remux_to_mp4(path, detect(path), target, progress or NullProgress())
        except ProbeError as exc:
            raise UserError(
                "{path} cannot be remuxed: {reason}", path=clip.relative_path, reason=exc.note
            ) from exc
        if count != clip.frame_count:
            log.warning(
                "working copy of %s has %s pictures, the clip %s", path, count, clip.frame_count
            )
        return target


class ClipView:
    """One clip opened for viewing: frames by number and each frame's times."""

    def __init__(
        self,
        clip: ClipRecord,
        reader: FrameReader,
        info: ProbeResult,
        pieces: list[OsdPiece],
        offset: ClockOffset | None,
        choice: TimeSource | None,
        settings: OsdSettings | None = None,
    ) -> None:
        self.clip = clip
        self.reader = reader
        self.info = info
        self._pieces = pieces
        self._settings = settings
        self._offset = offset
        self._choice = choice

    @property
    def frame_count(self) -> int:
        return self.info.frame_count

    def times(self, index: int) -> FrameTimes:
        t = self.info.frame_times[index]
        clip = self.clip
        name = clip.name_start + timedelta(seconds=t) if clip.name_start else None
        container = self.info.container_time_at(index)
        osd = _osd_at(self._pieces, t)
        sources = {TimeSource.NAME: name, TimeSource.CONTAINER: container, TimeSource.OSD: osd}
        source = TimeSource(clip.time_source) if clip.time_source else None
        recorder = sources.get(source) if source is not None else None
        try:
            corrected = self._offset.correct(recorder) if recorder and self._offset else None
        except OverflowError:  # a clock at the end of the calendar (the clip's note says so)
            corrected = None
        if clip.osd_leap is not None and clip.corrected_start is not None:
            # The clock leapt in this clip: a frame's true time is where the timeline put
            # the clip plus the frame's place in it (on either side of the leap).
            corrected = clip.corrected_start + timedelta(seconds=t)
        return FrameTimes(index, t, name, container, osd, corrected, clip.time_source)

    def frame(self, index: int) -> tuple[Frame, FrameTimes]:
        picture = self.reader.frame(index)
        return picture, self.times(picture.index)

    def read_osd(self, picture: Frame) -> datetime | None:
        """The on-screen clock read on this frame itself (one Tesseract run), with the
        camera's clock settings found at import; None when unknown or unreadable."""
        if self._settings is None:
            return None
        try:
            (reading,) = read_frames(
                [(picture.index, picture.time_s, picture.image)], self._settings
            )
        except OsdEngineError:
            return None
        return reading.value

    def close(self) -> None:
        self.reader.close()

    def __enter__(self) -> ClipView:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# ---- helpers ------------------------------------------------------------------------------
def _camera_key(channel: int | None) -> str:
    return f"ch{channel}" if channel is not None else "unknown"


def _round_robin(
    queue: list[tuple[int, AnalysisJob, str]],
) -> list[tuple[int, AnalysisJob, str]]:
    """One clip of each camera first, then the second of each...: a camera's clock is found
    on its first clip while the other cameras' first clips run, and its later clips get
    the settings instead of searching again."""
    by_camera: dict[str, list[tuple[int, AnalysisJob, str]]] = {}
    for entry in queue:
        by_camera.setdefault(entry[2], []).append(entry)
    lists = list(by_camera.values())
    return [
        lists[camera][turn]
        for turn in range(max(len(items) for items in lists))
        for camera in range(len(lists))
        if turn < len(lists[camera])
    ]


GIVE_UP_AFTER = 3  # clips of one camera on which no clock was found: stop searching its others


def _next_job(
    job: AnalysisJob, key: str, settings: dict[str, OsdSettings], misses: dict[str, int]
) -> AnalysisJob:
    """The job with what is known of its camera's clock by now: its settings, or, when the
    search found nothing on the camera's first clips, no search (it costs a second a clip;
    the examiner can draw the region to have them read)."""
    job = _with_settings(job, settings.get(key))
    if job.osd_settings is None and misses.get(key, 0) >= GIVE_UP_AFTER and job.read_osd:
        return replace(job, read_osd=False, osd_skipped=True)
    return job


def _with_settings(job: AnalysisJob, settings: OsdSettings | None) -> AnalysisJob:
    return job if settings is job.osd_settings else replace(job, osd_settings=settings)


def _safe_analyse(job: AnalysisJob) -> ClipAnalysis:
    try:
        return analyse(job)
    except Exception as exc:  # a bug costs one clip, not the batch
        log.exception("CCTV analysis failed on %s", job.path)
        return _failure(job, msg("analysis failed: {error}", error=repr(exc)))


def _outcome(future: Future[ClipAnalysis], job: AnalysisJob) -> ClipAnalysis:
    try:
        return future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:
        log.error("CCTV analysis failed on %s", job.path, exc_info=exc)
        return _failure(job, msg("analysis failed: {error}", error=repr(exc)))


def _crashed(job: AnalysisJob) -> ClipAnalysis:
    return _failure(job, msg("the analysis worker crashed on this clip"))


def _failure(job: AnalysisJob, message: Message) -> ClipAnalysis:
    from forensics_app.cctv.names import NameReading

    detection = detect(Path(job.path))
    return ClipAnalysis(
        path=job.path,
        relative_path=job.relative_path,
        format=detection.format,
        format_reason=detection.reason,
        name=NameReading(),
        failed=message,
        sha256_after=job.sha256,
    )


def _fill(row: CctvClip, result: ClipAnalysis, camera_id: int, now: datetime) -> None:
    info = result.probe
    row.camera_id = camera_id
    row.engine_version = ENGINE_VERSION
    row.format = result.format.value
    row.format_reason = notes.dump_one(result.format_reason)
    row.channel = result.channel
    row.dhav_channel_byte = result.dhav_channel_byte
    name = result.name
    row.name_convention = name.convention
    row.name_stream = name.stream
    row.name_kind = name.kind
    row.name_start_raw = name.start_raw
    row.name_end_raw = name.end_raw
    row.name_start = _iso(name.start) or ""
    row.name_end = _iso(name.end) or ""
    row.container = info.container if info else ""
    row.video_codec = info.video_codec if info else ""
    row.audio_codec = info.audio_codec if info else ""
    row.width = info.width if info else None
    row.height = info.height if info else None
    row.declared_fps = info.declared_fps if info else None
    row.measured_fps = info.measured_fps if info else None
    row.fps_variable = bool(info and info.fps_variable)
    row.fps_implausible = bool(info and info.fps_implausible)
    row.frame_count = info.frame_count if info else 0
    row.key_frames = info.key_frames if info else 0
    row.duration_s = info.duration_s if info else None
    row.container_time_kind = info.container_time_kind if info else ""
    row.container_time_raw = info.container_time_raw if info else ""
    row.container_start = _iso(info.container_start) or "" if info else ""
    row.container_end = _iso(info.container_end) or "" if info else ""
    row.gaps = json.dumps([[g.at_s, g.seconds] for g in info.gaps] if info else [])
    if result.osd is not None:
        _fill_osd(row, result.osd)
    else:
        row.osd_status, row.osd_start, row.osd_end = "not_read", "", ""
        row.osd_message, row.osd_detail = "[]", "{}"
    problems = list(result.problems) + _after_the_import(result, now)
    if result.failed:
        problems.insert(0, result.failed)
    if result.format == ClipFormat.PROPRIETARY:
        problems.insert(0, msg("needs the maker's player: {reason}", reason=result.format_reason))
    elif result.format in (ClipFormat.NOT_VIDEO, ClipFormat.EMPTY, ClipFormat.UNREADABLE):
        problems.insert(0, msg("not a video: {reason}", reason=result.format_reason))
    row.problems = notes.dumps(problems)
    if result.failed or result.changed:
        row.status = STATUS_FAILED
    elif result.format == ClipFormat.PROPRIETARY:
        row.status = STATUS_PLAYER
    elif not result.format.is_video:
        row.status = STATUS_NOT_VIDEO
    else:
        row.status = STATUS_PROBLEMS if problems else STATUS_OK
    row.sha256_after = result.sha256_after
    row.analysed_at = now
    row.seconds = result.seconds


def _after_the_import(result: ClipAnalysis, now: datetime) -> list[Message]:
    """A clock that has the clip recorded after it was imported was set wrong: a recorder
    reset to a date years ahead, or an MP4 whose 32-bit creation_time overflowed (2099 is
    written as 2028). Such a time was kept without a word, and a creation_time is the
    timeline's time when a clip has no other. The recorder's zone is not known here, so a
    time counts as after the import only when it is more than a day after it."""
    info = result.probe
    starts = (
        (TimeSource.NAME, result.name.start),
        (TimeSource.CONTAINER, info.container_start if info else None),
        (TimeSource.OSD, result.osd.first if result.osd is not None else None),
    )
    out = []
    for source, moment in starts:
        if moment is None:
            continue
        reference = now if moment.tzinfo else now.astimezone(UTC).replace(tzinfo=None)
        if moment - reference > FUTURE_SLACK:
            out.append(
                msg(
                    "the {source} start {time} is after this import: that clock was set wrong",
                    source=SOURCE_WORDS[source],
                    time=moment.isoformat(sep=" "),
                )
            )
    return out


def _fill_osd(row: CctvClip, osd: Any) -> None:
    row.osd_status = osd.status
    row.osd_start = _iso(osd.first) or ""
    row.osd_end = _iso(osd.last) or ""
    row.osd_message = notes.dumps(osd.notes)
    row.osd_detail = json.dumps(
        {
            "settings": osd.settings.to_json() if osd.settings else None,
            "readings": [
                {"frame": r.index, "t": round(r.time_s, 4), "text": r.text, "value": _iso(r.value)}
                for r in osd.readings
            ],
            "events": [
                {
                    "kind": e.kind,
                    "t": round(e.at_s, 4),
                    "frame": e.frame,
                    "before": _iso(e.before),
                    "after": _iso(e.after),
                    "seconds": e.seconds,
                    "text": e.describe(),
                }
                for e in osd.events
            ],
            "pieces": [
                {
                    "t0": None if p.t0 == float("-inf") else p.t0,
                    "t1": None if p.t1 == float("inf") else p.t1,
                    "origin": p.origin.isoformat(),
                    "running": p.running,
                }
                for p in osd.pieces
            ],
        },
        ensure_ascii=False,
    )


def _pieces(detail: dict[str, Any]) -> list[OsdPiece]:
    out = []
    for piece in detail.get("pieces", []):
        out.append(
            OsdPiece(
                float("-inf") if piece["t0"] is None else float(piece["t0"]),
                float("inf") if piece["t1"] is None else float(piece["t1"]),
                datetime.fromisoformat(piece["origin"]),
                bool(piece["running"]),
            )
        )
    return out


def _osd_at(pieces: list[OsdPiece], t: float) -> datetime | None:
    for piece in pieces:
        if piece.t0 - 1e-6 <= t < piece.t1:
            return piece.at(t)
    return None


def _times(row: CctvClip) -> SourceTimes:
    return SourceTimes(
        name_start=_parse(row.name_start),
        name_end=_parse(row.name_end),
        container_start=_parse(row.container_start),
        container_end=_parse(row.container_end),
        container_kind=row.container_time_kind,
        osd_start=_parse(row.osd_start),
        osd_end=_parse(row.osd_end),
        duration_s=row.duration_s,
        osd_leap=_osd_leap(row),
    )


def _osd_leap(row: CctvClip) -> ClockLeap | None:
    """The last leap of the recorder's clock the OSD showed (jumps forward or back; a clock
    standing still is not one). Only a clip whose clock was inconsistent has any, so the
    detail is read for those alone."""
    if row.osd_status != "inconsistent":
        return None
    try:
        events = json.loads(row.osd_detail or "{}").get("events", [])
        leaps = [e for e in events if e.get("kind") in ("jump", "backwards") and e.get("after")]
        if not leaps:
            return None
        last = leaps[-1]
        return ClockLeap(
            float(last["t"]), float(last["seconds"]), datetime.fromisoformat(last["after"])
        )
    except (ValueError, TypeError, AttributeError, KeyError):
        return None  # a detail that cannot be read places the clip as before


def _correct(row: CctvClip, offset: ClockOffset | None, choice: TimeSource | None) -> None:
    result = correct(_times(row), choice, offset)
    row.time_source = result.source.value if result.source else ""
    row.corrected_start = result.start
    row.corrected_end = result.end
    row.corrected_note = notes.dump_one(result.note)


def _recorder_clock(session: Session, item_id: int) -> tuple[ClockOffset | None, TimeSource | None]:
    offset_row = session.scalar(
        select(CctvClockOffset)
        .where(CctvClockOffset.item_id == item_id)
        .order_by(CctvClockOffset.id.desc())
        .limit(1)
    )
    choice = session.scalar(
        select(CctvTimeSourceChoice.source)
        .where(CctvTimeSourceChoice.item_id == item_id)
        .order_by(CctvTimeSourceChoice.id.desc())
        .limit(1)
    )
    offset = ClockOffset(offset_row.offset_s, offset_row.zone) if offset_row else None
    return offset, TimeSource(choice) if choice else None


def _recorder_item(session: Session, item_id: int) -> EvidenceItem:
    item = session.get(EvidenceItem, item_id)
    if item is None:
        raise NotFoundError("No evidence item with id {item_id}.", item_id=item_id)
    return item


def _examiner(session: Session, examiner_id: int) -> str:
    row = session.get(Examiner, examiner_id)
    return f"{row.name} ({row.badge_number})" if row else str(examiner_id)


def _offset_record(row: CctvClockOffset, by: str) -> OffsetRecord:
    return OffsetRecord(
        id=row.id,
        item_id=row.item_id,
        shown=datetime.fromisoformat(row.shown),
        reference=row.reference,
        zone=row.zone,
        offset_s=row.offset_s,
        note=row.note,
        recorded_by=by,
        recorded_at=row.recorded_at,
    )


def _camera_record(camera: CctvCamera, count: int) -> CameraRecord:
    settings = (
        OsdSettings.from_json(json.loads(camera.osd_settings)) if camera.osd_settings else None
    )
    return CameraRecord(
        camera.id, camera.item_id, camera.key, camera.channel, camera.label, settings, count
    )


def _clip_record(
    row: CctvClip, file: EvidenceFile, exhibit: str, camera: str | None, zone: str
) -> ClipRecord:
    times = _times(row)
    return ClipRecord(
        id=row.id,
        file_id=file.id,
        item_id=row.item_id,
        exhibit_number=exhibit,
        camera_id=row.camera_id,
        camera=camera or "",
        channel=row.channel,
        path=file.source_path,
        relative_path=file.relative_path,
        sha256=file.sha256,
        size=file.size,
        status=row.status,
        format=row.format,
        format_reason=notes.load_text(row.format_reason),
        container=row.container,
        video_codec=row.video_codec,
        width=row.width,
        height=row.height,
        fps=row.measured_fps or row.declared_fps,
        fps_variable=row.fps_variable,
        fps_implausible=row.fps_implausible,
        frame_count=row.frame_count,
        duration_s=row.duration_s,
        name_convention=row.name_convention,
        name_start_raw=row.name_start_raw,
        name_start=times.name_start,
        name_end=times.name_end,
        container_time_kind=row.container_time_kind,
        container_start=times.container_start,
        container_end=times.container_end,
        osd_status=row.osd_status,
        osd_start=times.osd_start,
        osd_end=times.osd_end,
        osd_notes=notes.loads(row.osd_message),
        time_source=row.time_source,
        corrected_start=row.corrected_start,
        corrected_end=row.corrected_end,
        corrected_note=notes.load_one(row.corrected_note),
        disagreements=tuple(disagreements(times, zone)),
        problems=notes.loads(row.problems),
        gaps=tuple((float(a), float(b)) for a, b in json.loads(row.gaps or "[]")),
        osd_leap=times.osd_leap,
    )


def _caption(times: FrameTimes, *, short: bool, zone: Any = None) -> list[str]:
    def show(moment: datetime | None, spec: str = "milliseconds") -> str:
        if moment is None:
            return "-"
        return moment.isoformat(sep=" ", timespec=spec)

    if short:
        corrected = show(times.corrected, "seconds")
        if times.corrected is not None and zone is not None:
            local = times.corrected.astimezone(zone)
            corrected = f"{show(local, 'seconds')} {local.tzname()}"
        lines = [
            msg("frame {frame}   {seconds} s", frame=times.index, seconds=f"{times.time_s:.1f}"),
            msg("OSD {time}", time=show(times.osd, "seconds")),
            msg("container {time}", time=show(times.container, "seconds")),
            msg("corrected {time}", time=corrected),
        ]
        return [line.render() for line in lines]
    corrected = show(times.corrected)
    if times.corrected is not None and zone is not None:
        local = times.corrected.astimezone(zone)
        corrected = f"{show(local)} {local.tzname()} ({show(times.corrected)})"
    clocks = msg(
        "recorder clock (no zone): name {name} · container {container} · on-screen {osd}",
        name=show(times.name),
        container=show(times.container),
        osd=show(times.osd),
    ).render()
    if times.osd_read:
        read = show(times.osd_read, "seconds")
        clocks += msg(" (read on this frame: {time})", time=read).render()
    return [
        clocks,
        msg(
            "corrected by the {source} time and the recorder's offset: {corrected}",
            source=_time_source(times.source),
            corrected=corrected,
        ).render(),
    ]


def _time_source(code: str | None) -> str:
    """Which clock a time comes from, as a word for a Korean reader (English keeps the code)."""
    if not code:
        return "-"
    return code if messages.language() == "en" else messages.term("time_source", code)


def _check_unchanged(path: Path, clip: ClipRecord) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(
            "{path} is not there any more: {reason}", path=path, reason=os_reason(exc)
        ) from exc
    if size != clip.size:
        raise UserError(
            "{path} has changed since it was catalogued ({then} bytes then, {now} now): run "
            "`forensics-app verify`.",
            path=path,
            then=clip.size,
            now=size,
        )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parse(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _chunks(values: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
