"""Flyer photos: import into a case, batch OCR in worker processes, review, and the numbers.

Import hashes every photo (evidence first), recognises photos already in the case by their
bytes, reads the camera's time, place and device, and groups near-identical photos of the
same flyer by a difference hash. The OCR batch writes each photo's result in its own
transaction, keyed by (file, pipeline version): a batch that is killed resumes with exactly
the photos that have no result, and never writes one twice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy import Integer, and_, func, select
from sqlalchemy.orm import Session

import blocking
from blocking import (
    AdCategory,
    InvalidNumberError,
    SightingInput,
    SightingInUseError,
    SourceKind,
    normalize_number,
)
from blocking.db import Store
from blocking.registry import NumberRegistry
from forensics_app import messages
from forensics_app.clock import Clock
from forensics_app.display import real_path, stored_path, without_surrogates
from forensics_app.errors import NotFoundError, UserError
from forensics_app.hashing import FileDigest, HashingError, hash_file
from forensics_app.messages import Message, msg
from forensics_app.ocr.errors import OcrEngineError, PhotoError
from forensics_app.ocr.loading import (
    MAX_PIXELS,
    check_decodable,
    eight_bit,
    pixel_limit,
    read_metadata,
    turn_upright,
)
from forensics_app.ocr.results import REVIEW_BELOW, FlyerFailure, FlyerResult
from forensics_app.ocr.worker import init_worker
from forensics_app.progress import NullProgress, ProgressReporter, check_cancelled
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.evidence import (
    EvidenceService,
    SourceFile,
    _hash_all,
    _next_exhibit,
    _open_case,
    collect_files,
    shown_path,
)
from forensics_app.services.records import Actor, ItemRecord, PathNote
from forensics_app.services.records import blocking_actor as _blocking_actor
from forensics_app.services.validation import check_lengths, clip
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    Case,
    EvidenceFile,
    EvidenceItem,
    FlyerPhoto,
    ItemKind,
    ItemStatus,
    OcrNumber,
    OcrResult,
    ReviewStatus,
)

log = logging.getLogger(__name__)

# AVIF: newer Android phones save it, and Pillow reads it like the others.
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jfif", ".png", ".webp", ".heic", ".heif", ".avif"})
# Pictures the OCR does not read (a multi-page TIFF or an animated GIF would be read by its first
# frame only; raw files need developing): named as such, not "not a photo", so the analyst
# knows to convert them.
UNREAD_PICTURE_SUFFIXES = frozenset(
    {".tif", ".tiff", ".gif", ".bmp", ".dng", ".jxl", ".jp2", ".cr2", ".nef", ".arw", ".raw"}
)
# Bump when the pipeline changes enough that old results should be redone. 2: numbers are whole
# tokens (version 1 read 02-5504-0001 out of `02 550 4000 |`), ranges, receipts are "other".
PIPELINE_VERSION = "2"
# Grouping photos of the same flyer (measured on generated flyers: a re-shot 2° off differs by
# 8 of 64 dHash bits, another flyer from the same template by 3, one with another number by 3):
# the picture alone cannot tell, so photos group when they read the same numbers and look
# alike or were taken moments apart; photos with no number only when nearly identical.
SAME_FLYER_BITS = 12
SAME_FLYER_SECONDS = 120
# EXIF 1.0 is from 1995: no camera wrote a time before it (a clock never set says 1980 or 2000).
EARLIEST_CAMERA_TIME = datetime(1995, 1, 1, tzinfo=UTC)
_KST = timezone(timedelta(hours=9), "KST")
# Left pending for the next run, not recorded as the photo's failure: the OCR engine failed; the
# file is not there or cannot be opened now (a moved folder, an unplugged drive); its bytes are
# not the ones catalogued (changed or replaced since: what it shows now is not the evidence).
TRANSIENT_FAILURES = frozenset({"engine", "unavailable", "changed"})

Recogniser = Callable[[str], FlyerResult | FlyerFailure]
# How long a new worker process may take to start and answer (a loaded machine: seconds).
WORKER_START_S = 120


@dataclass(frozen=True)
class PhotoFacts:
    taken_at: datetime | None
    taken_at_raw: str
    latitude: float | None
    longitude: float | None
    device: str
    width: int | None
    height: int | None
    dhash: str | None
    error: str  # English (stored with the file)
    # the error as a message, for the reader's language (None: none, or a library's own text)
    reason: Message | None = None


@dataclass
class PhotoImportResult:
    item: ItemRecord | None
    added: int = 0
    duplicates: list[str] = field(default_factory=list)  # "path: same bytes as EX-…/name"
    # of the duplicates, catalogued photos found moved here: their catalogued path now
    moved: list[str] = field(default_factory=list)
    skipped: list[PathNote] = field(default_factory=list)  # not photos, links, unreadable
    # catalogued, but the camera facts failed ("path: reason", in any language)
    warnings: list[Message] = field(default_factory=list)


@dataclass
class OcrBatchReport:
    photos: int = 0  # photos with a result now (this run)
    failed: int = 0
    numbers: int = 0
    needs_review: int = 0
    already_done: int = 0
    grouped: int = 0  # photos of the case sharing their flyer with another photo
    cancelled: bool = False
    seconds: float = 0.0
    failures: list[Message] = field(default_factory=list)  # "path: reason", in any language
    notes: list[str] = field(default_factory=list)  # "path: note" for photos read with notes


@dataclass(frozen=True)
class NumberHit:
    """One number read on one photo, for the review screen and the CSV."""

    id: int
    file_id: int
    item_id: int
    exhibit_number: str
    photo: str  # relative path within the item
    source_path: str
    e164: str
    national: str
    number_type: str
    printed: str
    box: tuple[int, int, int, int]
    quad: tuple[tuple[float, float], ...]  # the number's corners: tilted text is not a box
    confidence: float
    category: str
    review_status: ReviewStatus
    corrected_e164: str | None
    taken_at: datetime | None
    latitude: float | None
    longitude: float | None
    sha256: str
    hashed_at: datetime
    collected_at: str  # the batch item's place of collection
    collected_by: str
    group_file_id: int  # the first photo of the same flyer (itself if alone)
    reviewed: bool = False  # a person gave a verdict on this read
    collected_on: datetime | None = None  # the batch's collection time (the collector's word)

    @property
    def final_e164(self) -> str:
        return self.corrected_e164 or self.e164

    @property
    def seen_at(self) -> datetime | None:
        """When the flyer was seen: the camera's time, else the collector's; None until one
        is known (the import time is not a sighting time)."""
        return self.taken_at or self.collected_on

    @property
    def machine_accepted(self) -> bool:
        """Accepted by the OCR alone: nobody has looked at this read."""
        return self.review_status == ReviewStatus.ACCEPTED and not self.reviewed


@dataclass(frozen=True)
class FlyerGroup:
    """Photos of one flyer (one photo if alone), with the ad category its numbers are
    recorded under. "other" numbers are never requested: the analyst sets the category."""

    group_file_id: int  # the first photo of the group: the group's id
    case_id: int
    photos: tuple[str, ...]  # exhibit/relative path of each photo
    category: str
    keywords: dict[str, list[str]]  # category -> keywords the OCR saw, for the analyst
    numbers: tuple[str, ...]  # national forms read on the group's photos (not rejected)


@dataclass(frozen=True)
class PhotoStatus:
    """One photo of a batch, for the thumbnail grid."""

    file_id: int
    relative_path: str
    source_path: str
    state: str  # pending | done | failed
    message: str
    numbers: int
    unsure: int
    group_file_id: int | None


def _failure_reason(failure: FlyerFailure) -> Message:
    """Why a photo failed, in the reader's language when the failure kept its template (an
    engine or internal failure is English text)."""
    if failure.template:
        return Message(failure.template, failure.values)
    return Message(failure.message)


def _failed(failure: FlyerFailure) -> Message:
    """The failure's line: its reason, after its path unless the reason names the photo
    itself (nearly all do: "failed: x.jpg: x.jpg is empty (0 bytes)." said it twice)."""
    reason = _failure_reason(failure)
    if failure.path in failure.message:
        return reason
    return msg("{path}: {reason}", path=failure.path, reason=reason)


# ---- photo facts ---------------------------------------------------------------------------
def read_photo_facts(path: Path) -> PhotoFacts:
    """Camera metadata and a 64-bit difference hash, from a reduced decode (import is about
    cataloguing; the OCR batch decodes at full size later)."""
    try:
        with warnings.catch_warnings():
            # Pillow warns about very large pictures; the OCR batch decides about those (and
            # notes it per photo), so nothing is printed on the terminal here.
            warnings.simplefilter("ignore")
            return _read_photo_facts(path)
    except PhotoError as exc:
        return PhotoFacts(
            None, "", None, None, "", None, None, None, exc.message,
            Message(exc.template, exc.values),
        )  # fmt: skip
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
        return PhotoFacts(
            None, "", None, None, "", None, None, None, f"{type(exc).__name__}: {exc}",
            _pillow_reason(path, exc),
        )  # fmt: skip


def _pillow_reason(path: Path, error: Exception) -> Message | None:
    """Pillow's refusal said the way the OCR batch says it (None: its own text will do)."""
    if isinstance(error, Image.DecompressionBombError):
        return Message(
            "{name} claims to be far larger than any photo; limit is {limit} megapixels. "
            "Refused as a possible decompression bomb.",
            # the limit Pillow was given while the photo was opened (pixel_limit)
            {"name": str(path), "limit": MAX_PIXELS // 1_000_000},
        )
    if isinstance(error, UnidentifiedImageError):
        try:
            empty = path.stat().st_size == 0
        except OSError:
            empty = False
        if empty:
            return Message("{name} is empty (0 bytes).", {"name": str(path)})
        return Message(
            "{name} is not a photo (JPEG, PNG, WebP, HEIC or AVIF).", {"name": str(path)}
        )
    if isinstance(error, OSError) and "truncated" in str(error).lower():
        return Message(
            "{name} is truncated (the file ends before the picture does).", {"name": str(path)}
        )
    return None


def _read_photo_facts(path: Path) -> PhotoFacts:
    with pixel_limit():
        opened = Image.open(path)
    with opened as image:
        size = image.size
        image.draft("L", (256, 256))  # JPEG decodes at 1/8 scale: milliseconds, not 0.1 s
        # a PNG claiming 13000×13000 RGB pixels is not decoded (not even for its EXIF)
        check_decodable(str(path), image)
        meta = read_metadata(image, size)
        upright = turn_upright(eight_bit(image).convert("L"), meta.orientation)
        pixels = list(upright.resize((9, 8), Image.Resampling.BILINEAR).getdata())
    # Each pixel against its right-hand neighbour, row by row: 8 rows x 8 comparisons.
    bits = "".join(
        "1" if pixels[row * 9 + col + 1] > pixels[row * 9 + col] else "0"
        for row in range(8)
        for col in range(8)
    )
    dhash = f"{int(bits, 2):016x}"
    taken_at = None
    if meta.taken_at:
        parsed = datetime.fromisoformat(meta.taken_at)
        # A camera without an offset wrote local time; Korean street photos: KST.
        taken_at = parsed if parsed.tzinfo else parsed.replace(tzinfo=_KST)
    device = " ".join(p for p in (meta.make, meta.model) if p)
    return PhotoFacts(
        taken_at=taken_at,
        taken_at_raw=meta.taken_at or "",
        latitude=meta.latitude,
        longitude=meta.longitude,
        device=device,
        width=meta.width,
        height=meta.height,
        dhash=dhash,
        error="",
    )


def _not_taken(path: Path) -> PathNote:
    """Why a file under the folder is not catalogued as a photo."""
    if path.suffix.lower() in UNREAD_PICTURE_SUFFIXES:
        return PathNote(
            "unread_picture",
            msg(
                "{path}: a {format} picture, which the OCR does not read (JPEG, PNG, WebP, HEIC, "
                "AVIF): convert it to JPEG to catalogue it",
                path=shown_path(path),
                format=path.suffix.lstrip(".").upper(),
            ),
        )
    return PathNote("not_photo", msg("{path}: not a photo", path=shown_path(path)))


def _case_hashes(session: Session, case_id: int) -> dict[str, str]:
    """SHA-256 → "EX-0001/relative/path" of every file the case holds."""
    return dict(
        session.execute(
            select(
                EvidenceFile.sha256,
                EvidenceItem.exhibit_number + "/" + EvidenceFile.relative_path,
            )
            .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
            .where(EvidenceItem.case_id == case_id)
        ).all()
    )


def _new_to_the_case(
    digests: list[tuple[SourceFile, FileDigest]], known: dict[str, str], result: PhotoImportResult
) -> tuple[list[tuple[SourceFile, FileDigest]], list[tuple[SourceFile, FileDigest]]]:
    """(photos whose bytes the case does not hold, the others), each copy of the same bytes
    in the batch taken once; the others are listed in `result.duplicates`."""
    fresh: list[tuple[SourceFile, FileDigest]] = []
    repeated: list[tuple[SourceFile, FileDigest]] = []
    for source, digest in digests:
        if digest.sha256 in known:
            result.duplicates.append(
                f"{shown_path(source.path)}: same bytes as {known[digest.sha256]}"
            )
            repeated.append((source, digest))
            continue
        known[digest.sha256] = shown_path(source.path)
        fresh.append((source, digest))
    return fresh, repeated


def _inside(relative_path: str) -> str:
    """A catalogued relative path without the folder it was catalogued from ("photos/day1/a.jpg"
    → "day1/a.jpg"; a photo given alone is its name): the same after the folder is moved or
    renamed."""
    return relative_path.split("/", 1)[-1]


def _distance(first: str | None, second: str | None) -> int:
    if first is None or second is None:
        return 64
    return (int(first, 16) ^ int(second, 16)).bit_count()


# ---- the service --------------------------------------------------------------------------
class FlyerService:
    def __init__(self, db: Database, evidence: EvidenceService, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._evidence = evidence
        self._registry_cache: NumberRegistry | None = None

    def import_photos(
        self,
        by: Actor,
        case_id: int,
        paths: Sequence[Path],
        *,
        item_id: int | None = None,
        description: str = "",
        collected_by: str = "",
        collected_place: str = "",
        collected_at: datetime | None = None,
        progress: ProgressReporter | None = None,
    ) -> PhotoImportResult:
        """Catalog the photos under `paths` as one flyer-photo batch item (new, or `item_id`).
        Photos whose bytes the case already holds are reported, not catalogued twice.

        `collected_at` (aware) is when the collector picked the flyers up, for the whole batch:
        the sighting time of a photo without a camera time. Without either, its numbers get no
        sighting until the time is given (`set_collected_at`); the import time is only ever
        the time of the import."""
        if collected_at is not None and collected_at.tzinfo is None:
            raise UserError("The collection time needs a time zone (e.g. +09:00).")
        progress = progress or NullProgress()
        check_lengths(
            EvidenceItem,
            {
                "description": description,
                "seized_by": collected_by,
                "seized_location": collected_place,
            },
        )
        sources, skipped = collect_files(paths)
        photos = [s for s in sources if s.path.suffix.lower() in PHOTO_SUFFIXES]
        skipped += [_not_taken(s.path) for s in sources if s not in photos]
        with self._db.read() as session:
            _open_case(session, case_id)
            known = _case_hashes(session, case_id)
        digests, failed = _hash_all(photos, progress)
        skipped += failed
        result = PhotoImportResult(item=None, skipped=skipped)
        fresh, repeated = _new_to_the_case(digests, known, result)
        result.moved = self._relocate_moved(by, case_id, repeated)
        progress.begin(len(fresh), msg("reading photo metadata"), "photos")
        facts = []
        now = self._clock.now()
        for source, _digest in fresh:
            check_cancelled(progress)
            fact = read_photo_facts(source.path)
            if fact.taken_at is not None and not EARLIEST_CAMERA_TIME <= fact.taken_at <= now:
                # A camera clock never set (1980, 2099…) is no sighting time: a photo dated
                # 2099 became a sighting, and a block request, in 2099.
                result.warnings.append(
                    msg(
                        "{path}: the camera's time {taken} cannot be when the photo was taken "
                        "(later than now, or before 1995); it waits for the collection time, "
                        "like a photo without one",
                        path=shown_path(source.path),
                        taken=fact.taken_at_raw,
                    )
                )
                fact = replace(fact, taken_at=None)
            facts.append(fact)
            progress.advance(1)
        if not fresh:
            if item_id is not None:
                result.item = self._evidence.get_item(item_id)
            return result
        now = self._clock.now()
        with self._db.write() as session:
            case_row = _open_case(session, case_id)
            # Writers take turns (write()): a second `ocr` of the same folder that hashed
            # while this one did sees here what the first committed, and catalogued every
            # photo a second time as another exhibit when it relied on its earlier look.
            fresh, facts = self._still_fresh(session, case_id, fresh, facts, result)
            if not fresh:
                if item_id is not None:
                    result.item = self._evidence.get_item(item_id)
                return result
            audit = CustodyWriter(session, by, self._clock)
            if item_id is None:
                exhibit = _next_exhibit(session, case_id)
                item = EvidenceItem(
                    case_id=case_id,
                    kind=ItemKind.FLYER_PHOTO_BATCH,
                    exhibit_number=exhibit,
                    # In the importer's language: it is what they would have typed.
                    description=description
                    or messages.render(
                        "Flyer photos: {names}",
                        {"names": ", ".join(shown_path(p.name) for p in paths)},
                    ),
                    seized_by=collected_by,
                    seized_location=collected_place,
                    seized_at=collected_at,
                    status=ItemStatus.IN_ANALYSIS,
                    custodian_id=by.id,
                    created_at=now,
                    updated_at=now,
                )
                session.add(item)
                session.flush()
                audit.append(
                    Action.CREATE,
                    Events.ITEM_CATALOGUED(
                        exhibit=exhibit, kind=ItemKind.FLYER_PHOTO_BATCH, case=case_row.number
                    ),
                    {
                        "after": {
                            "kind": "flyer_photo_batch",
                            "exhibit_number": exhibit,
                            "description": item.description,
                            "photos": len(fresh),
                        }
                    },
                    case_id=case_id,
                    item_id=item.id,
                )
            else:
                found = session.get(EvidenceItem, item_id)
                if found is None or found.case_id != case_id:
                    raise NotFoundError(
                        "No flyer-photo item {item_id} in this case.", item_id=item_id
                    )
                item = found
                item.updated_at = now
            EvidenceService._insert_files(session, audit, item, fresh, now)
            file_ids = dict(
                session.execute(
                    select(EvidenceFile.source_path, EvidenceFile.id).where(
                        EvidenceFile.item_id == item.id
                    )
                ).all()
            )
            self._add_photo_rows(
                session,
                case_id,
                [
                    (file_ids[stored_path(str(s.path))], f)
                    for (s, _), f in zip(fresh, facts, strict=True)
                ],
            )
            item_id = item.id
        result.added = len(fresh)
        result.warnings += [
            msg(
                "{path}: catalogued, but not readable as a photo ({reason})",
                path=shown_path(source.path),
                reason=f.reason or Message(f.error),
            )
            for (source, _), f in zip(fresh, facts, strict=True)
            if f.error
        ]
        result.item = self._evidence.get_item(item_id)
        return result

    def _relocate_moved(
        self, by: Actor, case_id: int, repeated: list[tuple[SourceFile, FileDigest]]
    ) -> list[str]:
        """Photos of the case's flyer batches missing at their catalogued path and found here
        with the same SHA-256 and the same name inside the folder given: the folder was moved
        (between an interrupted `ocr` and its resume, say), and the resume found none of them.
        Their catalogued path becomes the new one, with a custody entry giving both paths and
        the SHA-256 that shows it is the same file (it was just hashed here); nothing is
        catalogued twice. A photo still at its catalogued path is a copy, left alone."""
        if not repeated:
            return []
        found = {digest.sha256: source for source, digest in repeated}
        moved: list[str] = []
        with self._db.write() as session:
            rows = session.execute(
                select(EvidenceFile, EvidenceItem.exhibit_number)
                .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
                .where(
                    EvidenceItem.case_id == case_id,
                    EvidenceItem.kind == ItemKind.FLYER_PHOTO_BATCH,
                )
            ).all()
            paths = {(row.item_id, row.source_path) for row, _ in rows}
            audit: CustodyWriter | None = None
            for row, exhibit in rows:
                source = found.get(row.sha256)
                if source is None:
                    continue
                new_path = stored_path(str(source.path))
                if (
                    (row.item_id, new_path) in paths  # already there (or another file is)
                    or _inside(row.relative_path) != _inside(source.relative_path)
                    or os.path.lexists(real_path(row.source_path))
                ):
                    continue
                audit = audit or CustodyWriter(session, by, self._clock)
                audit.append(
                    Action.EDIT,
                    Events.FILE_MOVED(
                        exhibit=exhibit, path=row.relative_path, before=row.source_path,
                        after=new_path,
                    ),
                    {
                        "before": {"source_path": row.source_path},
                        "after": {"source_path": new_path},
                        "sha256": row.sha256,
                    },
                    case_id=case_id,
                    item_id=row.item_id,
                    file_id=row.id,
                )  # fmt: skip
                paths.add((row.item_id, new_path))
                row.source_path = new_path
                moved.append(shown_path(source.path))
        return moved

    @staticmethod
    def _still_fresh(
        session: Session,
        case_id: int,
        fresh: list[tuple[SourceFile, FileDigest]],
        facts: list[PhotoFacts],
        result: PhotoImportResult,
    ) -> tuple[list[tuple[SourceFile, FileDigest]], list[PhotoFacts]]:
        """The photos the case holds no copy of yet, read inside the write transaction; the
        others join `result.duplicates`."""
        known = _case_hashes(session, case_id)
        kept: list[tuple[SourceFile, FileDigest]] = []
        kept_facts: list[PhotoFacts] = []
        for (source, digest), fact in zip(fresh, facts, strict=True):
            if digest.sha256 in known:
                result.duplicates.append(
                    f"{shown_path(source.path)}: same bytes as {known[digest.sha256]}"
                )
            else:
                kept.append((source, digest))
                kept_facts.append(fact)
        return kept, kept_facts

    @staticmethod
    def _add_photo_rows(
        session: Session, case_id: int, photos: Sequence[tuple[int, PhotoFacts]]
    ) -> None:
        # Each photo starts as its own flyer; regroup() joins photos of the same flyer once
        # the OCR has said what they read.
        for file_id, facts in photos:
            session.add(
                FlyerPhoto(
                    file_id=file_id,
                    case_id=case_id,
                    taken_at=facts.taken_at,
                    taken_at_raw=clip(FlyerPhoto, "taken_at_raw", facts.taken_at_raw),
                    latitude=facts.latitude,
                    longitude=facts.longitude,
                    device=clip(FlyerPhoto, "device", facts.device),
                    width=facts.width,
                    height=facts.height,
                    dhash=facts.dhash,
                    group_file_id=file_id,
                    metadata_error=facts.error,
                )
            )

    # ---- OCR batch -----------------------------------------------------------------------
    def pending_files(self, item_ids: Iterable[int]) -> list[tuple[int, str]]:
        """(file id, path) of the items' photos with no result from this pipeline version."""
        ids = list(item_ids)
        done = select(OcrResult.file_id).where(OcrResult.pipeline_version == PIPELINE_VERSION)
        with self._db.read() as session:
            return [
                (file_id, real_path(path))  # the name's own bytes, if it is not UTF-8
                for file_id, path in session.execute(
                    select(EvidenceFile.id, EvidenceFile.source_path)
                    .join(FlyerPhoto, FlyerPhoto.file_id == EvidenceFile.id)
                    .where(EvidenceFile.item_id.in_(ids), EvidenceFile.id.not_in(done))
                    .order_by(EvidenceFile.id)
                )
            ]

    def run_ocr(
        self,
        by: Actor,
        item_ids: Iterable[int],
        *,
        jobs: int | None = None,
        progress: ProgressReporter | None = None,
        recogniser: Recogniser | None = None,
    ) -> OcrBatchReport:
        """OCR every photo of the items that has no result yet, `jobs` worker processes at a
        time (default: every core). Each result is committed as it arrives; cancel stops
        handing out photos, keeps what finished, and a later run picks up the rest."""
        progress = progress or NullProgress()
        items = list(item_ids)
        pending = self.pending_files(items)
        report = OcrBatchReport()
        with self._db.read() as session:
            report.already_done = session.execute(
                select(func.count())
                .select_from(OcrResult)
                .join(EvidenceFile, EvidenceFile.id == OcrResult.file_id)
                .where(
                    EvidenceFile.item_id.in_(items), OcrResult.pipeline_version == PIPELINE_VERSION
                )
            ).scalar_one()
        progress.begin(len(pending), msg("reading the photos"), "photos")
        started = time.perf_counter()
        if pending:
            if recogniser is None:
                from forensics_app.ocr.tesseract import check_tesseract

                check_tesseract()  # missing Tesseract or Korean data: say so before starting
            recognise = recogniser or _default_recogniser()
            workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
            try:
                self._run_pool(by, pending, workers, recognise, progress, report)
            finally:
                report.seconds = time.perf_counter() - started
        if report.photos:
            self._audit_batch(by, items, report)
        for case_id in self._cases_of(items):
            report.grouped = self.regroup(case_id)
            self.sync_registry(by, case_id)
        return report

    def _cases_of(self, item_ids: list[int]) -> list[int]:
        with self._db.read() as session:
            return sorted(
                set(
                    session.scalars(
                        select(EvidenceItem.case_id).where(EvidenceItem.id.in_(item_ids))
                    )
                )
            )

    def _run_pool(
        self,
        by: Actor,
        pending: list[tuple[int, str]],
        workers: int,
        recognise: Recogniser,
        progress: ProgressReporter,
        report: OcrBatchReport,
    ) -> None:
        """Hand photos to a pool of worker processes. A worker that dies (a photo that crashes
        a decoder, the OOM killer) takes down the pool, not the batch: the photos that were in
        flight are retried one at a time in a fresh pool, and only a photo that kills a worker
        on its own is recorded as failed."""
        queue = list(reversed(pending))
        suspects: list[tuple[int, str]] = []
        while (queue or suspects) and not progress.is_cancelled():
            alone = bool(suspects)
            broken = self._pool_round(
                queue if not alone else [suspects.pop()], workers, recognise, progress, report
            )
            if broken and alone:
                file_id, path = broken[0]
                if not _workers_start():
                    # Not this photo: no worker can run at all (no /dev/shm, a process
                    # limit, …). Blaming each photo in turn recorded the whole batch as
                    # crashed for good; they stay pending for a run that can start workers.
                    raise OcrEngineError(
                        "The OCR worker processes cannot start on this workstation; nothing "
                        "more was read (the photos wait for the next run). Details in the "
                        "log file."
                    )
                self._store(
                    file_id,
                    FlyerFailure(path, "worker_crash", "the OCR worker crashed on this photo"),
                    report,
                )
                progress.advance(1, Path(path).name)
            else:
                suspects.extend(broken)
        report.cancelled = progress.is_cancelled() and bool(queue or suspects)

    def _pool_round(
        self,
        queue: list[tuple[int, str]],
        workers: int,
        recognise: Recogniser,
        progress: ProgressReporter,
        report: OcrBatchReport,
    ) -> list[tuple[int, str]]:
        """Work through `queue` (consumed from the end) with one pool; returns the photos that
        were in flight if a worker died, else []."""
        context = multiprocessing.get_context("spawn")  # onnxruntime and fork do not mix
        running: dict[Future[FlyerResult | FlyerFailure], tuple[int, str]] = {}
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=init_worker, initargs=(os.getpid(),)
        ) as pool:
            try:
                while queue or running:
                    # A short queue per worker: cancel takes effect within one photo each.
                    while queue and len(running) < workers * 2 and not progress.is_cancelled():
                        job = queue.pop()
                        refused = self._not_as_catalogued(*job)
                        if refused is not None:
                            self._store(job[0], refused, report)
                            progress.advance(1, Path(job[1]).name)
                            continue
                        running[pool.submit(recognise, job[1])] = job
                    if not running:
                        return []
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        if isinstance(future.exception(), BrokenProcessPool):
                            return list(running.values())
                        file_id, path = running.pop(future)
                        outcome = _outcome(future, path)
                        # checked again after the read: the file may change while it is read
                        refused = self._not_as_catalogued(file_id, path)
                        self._store(file_id, refused or outcome, report)
                        progress.advance(1, Path(path).name)
            except BrokenProcessPool:
                return list(running.values())
            except BaseException:
                # Ctrl-C or SIGTERM: the workers are stopped now, not waited for. The graceful
                # shutdown waited for the photos being read, and a second Ctrl-C meanwhile left
                # a worker waiting for work no one would send: the command never ended. What
                # they were reading is read again by the next run.
                _stop_workers(pool)
                raise
            finally:
                for future in running:
                    future.cancel()
        return []

    def _not_as_catalogued(self, file_id: int, path: str) -> FlyerFailure | None:
        """None when the file at `path` still holds the bytes catalogued as `file_id`; else why
        not. A photo replaced after cataloguing (a resumed batch days later, a folder synced
        meanwhile) was read from its new bytes, and its numbers stored as the evidence's."""
        with self._db.read() as session:
            catalogued = session.scalar(
                select(EvidenceFile.sha256).where(EvidenceFile.id == file_id)
            )
        try:
            digest = hash_file(Path(path))
        except HashingError as exc:
            return FlyerFailure(path, "unavailable", str(exc), exc.template, dict(exc.values))
        if digest.sha256 == catalogued:
            return None
        why = msg(
            "{name} is not the photo that was catalogued: its SHA-256 differs (changed or "
            "replaced since); not read (forensics-app verify checks the item).",
            name=path,
        )
        return FlyerFailure(path, "changed", str(why), why.template, dict(why.values))

    def _store(
        self, file_id: int, outcome: FlyerResult | FlyerFailure, report: OcrBatchReport
    ) -> None:
        now = self._clock.now()
        with self._db.write() as session:
            exists = session.scalar(
                select(OcrResult.id).where(
                    OcrResult.file_id == file_id, OcrResult.pipeline_version == PIPELINE_VERSION
                )
            )
            if exists:  # another workstation finished this photo meanwhile
                return
            if isinstance(outcome, FlyerFailure) and outcome.reason in TRANSIENT_FAILURES:
                # Not the photo's fault: leave it pending so the next run tries it again.
                report.failed += 1
                report.failures.append(msg("{failure} (will be retried)", failure=_failed(outcome)))
                return
            if isinstance(outcome, FlyerFailure):
                session.add(
                    OcrResult(
                        file_id=file_id,
                        pipeline_version=PIPELINE_VERSION,
                        ok=False,
                        failure_reason=outcome.reason,
                        message=without_surrogates(outcome.message),
                        processed_at=now,
                    )
                )
                report.photos += 1
                report.failed += 1
                report.failures.append(_failed(outcome))
                return
            report.notes += [f"{outcome.path}: {note}" for note in outcome.notes]
            row = OcrResult(
                file_id=file_id,
                pipeline_version=PIPELINE_VERSION,
                ok=True,
                message="; ".join(outcome.notes)[:2000],
                category=outcome.category,
                category_hits=json.dumps(outcome.category_hits, ensure_ascii=False),
                text_lines=outcome.text_lines,
                seconds=outcome.seconds,
                processed_at=now,
            )
            session.add(row)
            session.flush()
            for found in outcome.numbers:
                unsure = found.confidence < REVIEW_BELOW
                session.add(
                    OcrNumber(
                        result_id=row.id,
                        file_id=file_id,
                        e164=found.e164,
                        national=found.national,
                        number_type=found.number_type,
                        printed=found.printed,
                        box_left=found.box[0],
                        box_top=found.box[1],
                        box_width=found.box[2],
                        box_height=found.box[3],
                        quad=json.dumps(found.quad),
                        confidence=found.confidence,
                        sources=",".join(found.sources),
                        review_status=ReviewStatus.PENDING if unsure else ReviewStatus.ACCEPTED,
                    )
                )
                report.numbers += 1
                report.needs_review += int(unsure)
        report.photos += 1

    def _audit_batch(self, by: Actor, items: list[int], report: OcrBatchReport) -> None:
        with self._db.write() as session:
            for item in session.scalars(select(EvidenceItem).where(EvidenceItem.id.in_(items))):
                CustodyWriter(session, by, self._clock).append(
                    Action.ANALYSE,
                    (Events.OCR_CANCELLED if report.cancelled else Events.OCR_RUN)(
                        exhibit=item.exhibit_number,
                        photos=report.photos,
                        failed=report.failed,
                        numbers=report.numbers,
                    ),
                    {
                        "pipeline_version": PIPELINE_VERSION,
                        "photos": report.photos,
                        "failed": report.failed,
                        "numbers": report.numbers,
                        "needs_review": report.needs_review,
                        "cancelled": report.cancelled,
                    },
                    case_id=item.case_id,
                    item_id=item.id,
                )

    def regroup(self, case_id: int) -> int:
        """Group the case's photos of the same flyer (see SAME_FLYER_BITS); returns how many
        photos are in a group with another. Run after OCR and after each review verdict."""
        with self._db.read() as session:
            photos = {
                p.file_id: p
                for p in session.scalars(select(FlyerPhoto).where(FlyerPhoto.case_id == case_id))
            }
        numbers: dict[int, set[str]] = {file_id: set() for file_id in photos}
        for hit in self.hits(case_id=case_id):
            numbers.setdefault(hit.file_id, set()).add(hit.final_e164)
        leader = {file_id: file_id for file_id in photos}

        def find(file_id: int) -> int:
            while leader[file_id] != file_id:
                leader[file_id] = leader[leader[file_id]]
                file_id = leader[file_id]
            return file_id

        def join(first: int, second: int) -> None:
            a, b = find(first), find(second)
            leader[max(a, b)] = min(a, b)

        # Photos that read no number only join near-identical copies (at most one bit apart: a
        # re-encoded or re-lit picture). Looked up by hash and its one-bit neighbours rather
        # than by comparing every pair, which is quadratic in thousands of photos.
        blank: dict[int, list[int]] = {}
        for file_id, read in numbers.items():
            photo = photos.get(file_id)
            if not read and photo is not None and photo.dhash is not None:
                value = int(photo.dhash, 16)
                for neighbour in (value, *(value ^ (1 << bit) for bit in range(64))):
                    for other in blank.get(neighbour, ()):
                        join(other, file_id)
                blank.setdefault(value, []).append(file_id)
        by_numbers: dict[frozenset[str], list[int]] = {}
        for file_id, read in numbers.items():
            if file_id in photos and read:
                by_numbers.setdefault(frozenset(read), []).append(file_id)
        for members in by_numbers.values():
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    a, b = photos[first], photos[second]
                    close_in_time = (
                        a.taken_at is not None
                        and b.taken_at is not None
                        and abs((a.taken_at - b.taken_at).total_seconds()) <= SAME_FLYER_SECONDS
                    )
                    bits = _distance(a.dhash, b.dhash)
                    if bits <= SAME_FLYER_BITS or close_in_time:
                        join(first, second)
        groups = {file_id: find(file_id) for file_id in photos}
        with self._db.write() as session:
            for file_id, group in groups.items():
                if photos[file_id].group_file_id != group:
                    row = session.get(FlyerPhoto, file_id)
                    if row is not None:
                        row.group_file_id = group
        sizes: dict[int, int] = {}
        for group in groups.values():
            sizes[group] = sizes.get(group, 0) + 1
        return sum(1 for group in groups.values() if sizes[group] > 1)

    def set_collected_at(self, by: Actor, item_id: int, collected_at: datetime) -> ItemRecord:
        """When a batch's flyers were collected (audited as an edit of the batch): photos
        without a camera time get it as their sighting time, and the registry follows."""
        item = self._evidence.update_item(by, item_id, seized_at=collected_at)
        self.sync_registry(by, item.case_id)
        return item

    # ---- review and the registry ------------------------------------------------------------
    def review(
        self,
        by: Actor,
        number_id: int,
        decision: ReviewStatus,
        corrected: str | None = None,
    ) -> NumberHit:
        """The analyst's verdict on one read: accept, reject, or correct it to `corrected`
        (any printed form). Audited; the registry follows the verdict. PENDING takes an
        earlier verdict back (an undo): a later verdict, audited like the others, after which
        the read waits for review again."""
        corrected_e164 = None
        if decision == ReviewStatus.CORRECTED:
            if not corrected:
                raise UserError("A correction needs the right number.")
            try:
                corrected_e164 = normalize_number(corrected).e164
            except InvalidNumberError as exc:
                raise UserError(exc.template, **exc.values) from exc  # in the reader's language
        elif corrected:
            raise UserError("Only a correction carries a number.")
        self._refuse_if_cited(number_id, decision, corrected_e164)
        with self._db.write() as session:
            row = session.get(OcrNumber, number_id)
            if row is None:
                raise NotFoundError("No OCR number with id {number_id}.", number_id=number_id)
            file = session.get(EvidenceFile, row.file_id)
            item = session.get(EvidenceItem, file.item_id) if file else None
            assert file is not None and item is not None
            before = {
                "review_status": row.review_status.value,
                "e164": row.corrected_e164 or row.e164,
            }
            row.review_status = decision
            row.corrected_e164 = corrected_e164
            row.reviewed_by = by.id
            row.reviewed_at = self._clock.now()
            after = {"review_status": decision.value, "e164": corrected_e164 or row.e164}
            CustodyWriter(session, by, self._clock).append(
                Action.REVIEW,
                Events.REVIEWED_AS(
                    exhibit=item.exhibit_number,
                    path=file.relative_path,
                    number=row.national,
                    decision=decision,
                    corrected=corrected_e164,
                )
                if corrected_e164
                else Events.REVIEWED(
                    exhibit=item.exhibit_number,
                    path=file.relative_path,
                    number=row.national,
                    decision=decision,
                ),
                {"before": before, "after": after, "printed": row.printed},
                case_id=item.case_id,
                item_id=item.id,
                file_id=file.id,
            )
            case_id = item.case_id
        self.regroup(case_id)
        self.sync_registry(by, case_id)
        return next(
            h for h in self.hits(case_id=case_id, include_rejected=True) if h.id == number_id
        )

    def _refuse_if_cited(
        self, number_id: int, decision: ReviewStatus, corrected_e164: str | None
    ) -> None:
        """A verdict that would take back a sighting a request cites is refused before
        anything changes (the registry cannot drop evidence a request stands on)."""
        with self._db.read() as session:
            row = session.execute(
                select(OcrNumber.e164, OcrNumber.registered_e164, EvidenceFile.sha256)
                .join(EvidenceFile, EvidenceFile.id == OcrNumber.file_id)
                .where(OcrNumber.id == number_id)
            ).first()
        if row is None or row.registered_e164 is None:
            return
        taken_back = decision in (ReviewStatus.REJECTED, ReviewStatus.PENDING)
        after = None if taken_back else (corrected_e164 or row.e164)
        if after == row.registered_e164:
            return
        cited = self._registry().photo_sighting_cited_by(row.registered_e164, row.sha256)
        if cited is not None:
            raise SightingInUseError(
                "This read is evidence of block request {cited}; withdraw that request before "
                "rejecting or correcting it.",
                cited=cited,
            )

    def sync_registry(self, by: Actor, case_id: int) -> int:
        """Make the block-request registry hold exactly this case's accepted reads, one per
        flyer: record sightings for new or corrected ones, take back rejected ones, and keep
        each sighting's category (the flyer group's) and review mark (machine-accepted or
        looked at by a person) current. Returns the changes.

        A sighting is keyed by the photo's SHA-256, so running this twice records nothing
        twice (the registry's own de-duplication)."""
        registry = self._registry()
        who = _blocking_actor(by)
        changes = 0
        with self._db.read() as session:
            case_number = session.scalar(select(Case.number).where(Case.id == case_id)) or ""
        changes += self._retract_superseded(who, case_id)
        rows = self._hits_with_registration(case_id)
        categories = self._group_categories(case_id)
        # One sighting per flyer: of several photos of the same flyer reading the same number,
        # the first read carries the sighting; the others are not counted again.
        # (Photo order, not read order: workers finish in any order.)
        carrier: dict[tuple[int, str], tuple[int, int]] = {}
        reviewed_in_group: set[tuple[int, str]] = set()
        for hit, _ in rows:
            if hit.review_status in (ReviewStatus.ACCEPTED, ReviewStatus.CORRECTED):
                key = (hit.group_file_id, hit.final_e164)
                carrier[key] = min(carrier.get(key, (hit.file_id, hit.id)), (hit.file_id, hit.id))
                if not hit.machine_accepted:
                    reviewed_in_group.add(key)
        current = registry.photo_sightings([hit.sha256 for hit, registered in rows if registered])
        for hit, registered in rows:
            key = (hit.group_file_id, hit.final_e164)
            counted = carrier.get(key) == (hit.file_id, hit.id)
            # No time, no sighting: it waits for the collector's time (set_collected_at).
            wanted = hit.final_e164 if counted and hit.seen_at is not None else None
            category = categories.get(hit.group_file_id, AdCategory.OTHER.value)
            # a person looked at this number on this flyer (any photo of it): not machine-only
            confidence = (
                hit.confidence if hit.machine_accepted and key not in reviewed_in_group else None
            )
            if wanted is not None and wanted == registered:
                recorded = current.get((wanted, hit.sha256))
                if recorded is not None and (
                    recorded.category.value != category
                    or (recorded.machine_confidence is not None and confidence is None)
                ):
                    registry.update_photo_sighting(
                        who,
                        wanted,
                        hit.sha256,
                        category=AdCategory(category),
                        reviewed=confidence is None,
                    )
                    changes += 1
                continue
            if wanted == registered:
                continue
            if registered is not None:
                registry.retract_photo_sighting(who, registered, hit.sha256)
            if wanted is not None:
                registry.record_sightings(
                    who, [self._sighting(hit, wanted, case_number, category, confidence)]
                )
            with self._db.write() as session:
                row = session.get(OcrNumber, hit.id)
                if row is not None:
                    row.registered_e164 = wanted
            changes += 1
        return changes

    def _retract_superseded(self, who: blocking.Actor, case_id: int) -> int:
        """Sightings registered from reads of an older pipeline version are taken back once the
        photo has a result from this one (which registers its own reads); a sighting a request
        cites stays, as evidence must."""
        registry = self._registry()
        current = select(OcrResult.file_id).where(OcrResult.pipeline_version == PIPELINE_VERSION)
        with self._db.read() as session:
            stale = session.execute(
                select(OcrNumber.id, OcrNumber.registered_e164, EvidenceFile.sha256)
                .join(OcrResult, OcrResult.id == OcrNumber.result_id)
                .join(EvidenceFile, EvidenceFile.id == OcrNumber.file_id)
                .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
                .where(
                    EvidenceItem.case_id == case_id,
                    OcrResult.pipeline_version != PIPELINE_VERSION,
                    OcrNumber.registered_e164.is_not(None),
                    OcrNumber.file_id.in_(current),
                )
            ).all()
        changes = 0
        for number_id, e164, sha256 in stale:
            if e164 is None or registry.photo_sighting_cited_by(e164, sha256) is not None:
                continue
            registry.retract_photo_sighting(who, e164, sha256)
            with self._db.write() as session:
                row = session.get(OcrNumber, number_id)
                if row is not None:
                    row.registered_e164 = None
            changes += 1
        return changes

    def _group_categories(self, case_id: int) -> dict[int, str]:
        """The ad category of each flyer group of the case: the one its photos agree on (an
        illegal-ad category read on any photo wins over "other"); "other" when they disagree
        or none was read, until the analyst sets it (`set_group_category`)."""
        with self._db.read() as session:
            rows = session.execute(
                select(FlyerPhoto.file_id, FlyerPhoto.group_file_id, OcrResult.category)
                .join(
                    OcrResult,
                    and_(
                        OcrResult.file_id == FlyerPhoto.file_id,
                        OcrResult.pipeline_version == PIPELINE_VERSION,
                        OcrResult.ok.is_(True),
                    ),
                )
                .where(FlyerPhoto.case_id == case_id)
            ).all()
        seen: dict[int, set[str]] = {}
        for file_id, group, category in rows:
            seen.setdefault(group or file_id, set()).add(category or AdCategory.OTHER.value)
        out: dict[int, str] = {}
        for group, found in seen.items():
            illegal = found - {AdCategory.OTHER.value}
            out[group] = illegal.pop() if len(illegal) == 1 else AdCategory.OTHER.value
        return out

    def flyer_groups(self, case_id: int, *, only_other: bool = False) -> list[FlyerGroup]:
        """The case's flyer groups (photos of the same flyer) with their category; with
        `only_other`, those waiting for the analyst's category."""
        categories = self._group_categories(case_id)
        with self._db.read() as session:
            rows = session.execute(
                select(
                    FlyerPhoto.file_id,
                    FlyerPhoto.group_file_id,
                    EvidenceItem.exhibit_number,
                    EvidenceFile.relative_path,
                    OcrResult.category_hits,
                )
                .join(EvidenceFile, EvidenceFile.id == FlyerPhoto.file_id)
                .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
                .join(
                    OcrResult,
                    and_(
                        OcrResult.file_id == FlyerPhoto.file_id,
                        OcrResult.pipeline_version == PIPELINE_VERSION,
                        OcrResult.ok.is_(True),
                    ),
                )
                .where(FlyerPhoto.case_id == case_id)
                .order_by(FlyerPhoto.file_id)
            ).all()
        numbers: dict[int, list[str]] = {}
        for hit in self.hits(case_id=case_id):
            group_numbers = numbers.setdefault(hit.group_file_id, [])
            national = normalize_number(hit.final_e164).national
            if national not in group_numbers:
                group_numbers.append(national)
        photos: dict[int, list[str]] = {}
        keywords: dict[int, dict[str, list[str]]] = {}
        for file_id, group, exhibit, path, hits_json in rows:
            leader = group or file_id
            photos.setdefault(leader, []).append(f"{exhibit}/{path}")
            merged = keywords.setdefault(leader, {})
            for category, words in json.loads(hits_json or "{}").items():
                merged[category] = sorted(set(merged.get(category, [])) | set(words))
        out = [
            FlyerGroup(
                group_file_id=leader,
                case_id=case_id,
                photos=tuple(paths),
                category=categories.get(leader, AdCategory.OTHER.value),
                keywords=keywords.get(leader, {}),
                numbers=tuple(numbers.get(leader, [])),
            )
            for leader, paths in photos.items()
        ]
        if only_other:
            out = [g for g in out if g.category == AdCategory.OTHER.value]
        return out

    def set_group_category(
        self, by: Actor, case_id: int, group_file_id: int, category: AdCategory | str
    ) -> FlyerGroup:
        """The analyst's ad category for one flyer group (all its photos), e.g. a flyer the
        OCR classified "other" that is in fact a lending ad. Audited, with the OCR's own
        category of each photo kept in the entry; the registry follows. Refused, before
        anything changes, when a request cites one of the group's sightings under another
        category."""
        try:
            category = AdCategory(category)
        except ValueError:
            valid = ", ".join(c.value for c in AdCategory)
            raise UserError(
                "Unknown ad category {category!r}; use one of: {valid}.",
                category=category,
                valid=valid,
            ) from None
        group = next(
            (g for g in self.flyer_groups(case_id) if g.group_file_id == group_file_id), None
        )
        if group is None:
            raise NotFoundError(
                "No flyer group {group_file_id} in this case; list them with `ocr-review --case C "
                "--groups`.",
                group_file_id=group_file_id,
            )
        registry = self._registry()
        for hit in self.hits(case_id=case_id):
            if hit.group_file_id != group_file_id or hit.review_status not in (
                ReviewStatus.ACCEPTED,
                ReviewStatus.CORRECTED,
            ):
                continue
            cited = registry.photo_sighting_cited_by(hit.final_e164, hit.sha256)
            if cited is not None and category.value != group.category:
                raise SightingInUseError(
                    "{national} on {photo} is evidence of block request {cited}; withdraw that "
                    "request before changing the flyer's category.",
                    national=hit.national,
                    photo=hit.photo,
                    cited=cited,
                )
        with self._db.write() as session:
            results = session.execute(
                select(OcrResult, EvidenceFile, EvidenceItem)
                .join(EvidenceFile, EvidenceFile.id == OcrResult.file_id)
                .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
                .join(FlyerPhoto, FlyerPhoto.file_id == OcrResult.file_id)
                .where(
                    FlyerPhoto.case_id == case_id,
                    FlyerPhoto.group_file_id == group_file_id,
                    OcrResult.pipeline_version == PIPELINE_VERSION,
                    OcrResult.ok.is_(True),
                )
            ).all()
            before = {
                f"{item.exhibit_number}/{file.relative_path}": r.category
                for r, file, item in results
            }
            for result, _file, _item in results:
                result.category = category.value
            first_item = results[0][2] if results else None
            CustodyWriter(session, by, self._clock).append(
                Action.REVIEW,
                Events.FLYER_CATEGORY_SET(
                    group=group_file_id,
                    photos=len(results),
                    category=category,
                    before=group.category,
                ),
                {
                    "group_file_id": group_file_id,
                    "before": {"category": group.category, "photos": before},
                    "after": {"category": category.value},
                    "numbers": list(group.numbers),
                },
                case_id=case_id,
                item_id=first_item.id if first_item else None,
                file_id=group_file_id,
            )
        self.sync_registry(by, case_id)
        return next(g for g in self.flyer_groups(case_id) if g.group_file_id == group_file_id)

    def _hits_with_registration(self, case_id: int) -> list[tuple[NumberHit, str | None]]:
        hits = self.hits(case_id=case_id, include_rejected=True)
        with self._db.read() as session:
            registered = dict(
                session.execute(
                    select(OcrNumber.id, OcrNumber.registered_e164).where(
                        OcrNumber.id.in_([h.id for h in hits])
                    )
                ).all()
            )
        return [(hit, registered.get(hit.id)) for hit in hits]

    @staticmethod
    def _sighting(
        hit: NumberHit,
        e164: str,
        case_number: str,
        category: str,
        machine_confidence: float | None,
    ) -> SightingInput:
        place = hit.collected_at
        if hit.latitude is not None and hit.longitude is not None:
            place = place or f"{hit.latitude:.5f}, {hit.longitude:.5f}"
        return SightingInput(
            e164,
            hit.seen_at or hit.hashed_at,  # never the import time: sync_registry waits
            AdCategory(category if category in AdCategory.__members__.values() else "other"),
            SourceKind.FLYER_PHOTO,
            source_id=f"evidence-file-{hit.file_id}",
            case_number=case_number,
            photo_name=hit.photo,
            photo_sha256=hit.sha256,
            photo_path=hit.source_path,
            place=place,
            latitude=hit.latitude,
            longitude=hit.longitude,
            collector=hit.collected_by,
            printed_as=hit.printed,
            machine_confidence=machine_confidence,
        )

    def _registry(self) -> NumberRegistry:
        if self._registry_cache is None:
            self._registry_cache = NumberRegistry(Store(self._db.engine))
        return self._registry_cache

    # ---- reading ---------------------------------------------------------------------------
    def hits(
        self,
        *,
        case_id: int | None = None,
        item_ids: Iterable[int] | None = None,
        include_rejected: bool = False,
        unsure_first: bool = False,
    ) -> list[NumberHit]:
        query = (
            select(OcrNumber, EvidenceFile, EvidenceItem, OcrResult.category, FlyerPhoto)
            .join(OcrResult, OcrResult.id == OcrNumber.result_id)
            .join(EvidenceFile, EvidenceFile.id == OcrNumber.file_id)
            .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
            .outerjoin(FlyerPhoto, FlyerPhoto.file_id == EvidenceFile.id)
            .where(OcrResult.pipeline_version == PIPELINE_VERSION)
        )
        if case_id is not None:
            query = query.where(EvidenceItem.case_id == case_id)
        if item_ids is not None:
            query = query.where(EvidenceItem.id.in_(list(item_ids)))
        if not include_rejected:
            query = query.where(OcrNumber.review_status != ReviewStatus.REJECTED)
        if unsure_first:
            pending_first = (OcrNumber.review_status != ReviewStatus.PENDING).cast(Integer)
            query = query.order_by(pending_first, OcrNumber.confidence, OcrNumber.id)
        else:
            query = query.order_by(EvidenceFile.relative_path, OcrNumber.box_top, OcrNumber.id)
        with self._db.read() as session:
            return [_hit(*row) for row in session.execute(query)]

    def photo_statuses(self, item_id: int) -> list[PhotoStatus]:
        counts = (
            select(
                OcrNumber.file_id,
                func.count().label("n"),
                func.sum((OcrNumber.review_status == ReviewStatus.PENDING).cast(Integer)).label(
                    "unsure"
                ),
            )
            .where(OcrNumber.review_status != ReviewStatus.REJECTED)
            .group_by(OcrNumber.file_id)
            .subquery()
        )
        query = (
            select(EvidenceFile, OcrResult, FlyerPhoto.group_file_id, counts.c.n, counts.c.unsure)
            .join(FlyerPhoto, FlyerPhoto.file_id == EvidenceFile.id)
            .outerjoin(
                OcrResult,
                and_(
                    OcrResult.file_id == EvidenceFile.id,
                    OcrResult.pipeline_version == PIPELINE_VERSION,
                ),
            )
            .outerjoin(counts, counts.c.file_id == EvidenceFile.id)
            .where(EvidenceFile.item_id == item_id)
            .order_by(EvidenceFile.relative_path)
        )
        with self._db.read() as session:
            out = []
            for file, result, group, n, unsure in session.execute(query):
                state = "pending" if result is None else ("done" if result.ok else "failed")
                out.append(
                    PhotoStatus(
                        file_id=file.id,
                        relative_path=file.relative_path,
                        source_path=file.source_path,
                        state=state,
                        message=result.message if result is not None else "",
                        numbers=int(n or 0),
                        unsure=int(unsure or 0),
                        group_file_id=group,
                    )
                )
            return out

    def flyer_items(self, case_id: int) -> list[int]:
        with self._db.read() as session:
            return list(
                session.scalars(
                    select(EvidenceItem.id).where(
                        EvidenceItem.case_id == case_id,
                        EvidenceItem.kind == ItemKind.FLYER_PHOTO_BATCH,
                    )
                )
            )

    def items_holding(self, case_id: int, paths: Sequence[Path]) -> list[int]:
        """Flyer items of the case that hold any photo found under `paths` (by bytes' path)."""
        sources, _ = collect_files(paths)
        wanted = {stored_path(str(s.path)) for s in sources}
        with self._db.read() as session:
            rows = session.execute(
                select(EvidenceFile.item_id, EvidenceFile.source_path)
                .join(EvidenceItem, EvidenceItem.id == EvidenceFile.item_id)
                .where(
                    EvidenceItem.case_id == case_id, EvidenceItem.kind == ItemKind.FLYER_PHOTO_BATCH
                )
            ).all()
        return sorted({item for item, path in rows if path in wanted})


def _hit(
    number: OcrNumber,
    file: EvidenceFile,
    item: EvidenceItem,
    category: str,
    photo: FlyerPhoto | None,
) -> NumberHit:
    return NumberHit(
        id=number.id,
        file_id=file.id,
        item_id=file.item_id,
        exhibit_number=item.exhibit_number,
        photo=file.relative_path,
        source_path=file.source_path,
        e164=number.e164,
        national=number.national,
        number_type=number.number_type,
        printed=number.printed,
        box=(number.box_left, number.box_top, number.box_width, number.box_height),
        quad=tuple((float(x), float(y)) for x, y in json.loads(number.quad or "[]")),
        confidence=number.confidence,
        category=category,
        review_status=number.review_status,
        corrected_e164=number.corrected_e164,
        taken_at=photo.taken_at if photo else None,
        latitude=photo.latitude if photo else None,
        longitude=photo.longitude if photo else None,
        sha256=file.sha256,
        hashed_at=file.hashed_at,
        collected_at=item.seized_location,
        collected_by=item.seized_by,
        group_file_id=(photo.group_file_id or file.id) if photo else file.id,
        reviewed=number.reviewed_by is not None,
        collected_on=item.seized_at,
    )


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes at once (they hold no stored state)."""
    processes = getattr(pool, "_processes", None) or {}  # CPython's: no public handle
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError):  # already gone
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _workers_start() -> bool:
    """Whether a worker process starts and runs a trivial task, as the batch starts them."""
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(
            1, mp_context=context, initializer=init_worker, initargs=(os.getpid(),)
        ) as pool:
            return bool(pool.submit(os.getpid).result(timeout=WORKER_START_S))
    except (BrokenProcessPool, OSError, TimeoutError) as exc:
        log.error("OCR worker processes cannot start: %r", exc)
        return False


def _outcome(future: Future[FlyerResult | FlyerFailure], path: str) -> FlyerResult | FlyerFailure:
    try:
        return future.result()
    except Exception as exc:  # a bug in the pipeline costs one photo, not the batch
        log.error("OCR failed on %s", path, exc_info=exc)
        return FlyerFailure(path=path, reason="internal", message=f"OCR failed: {exc!r}")


def _default_recogniser() -> Recogniser:
    from forensics_app.ocr.pipeline import recognise_path

    return recognise_path
