"""Submission packages: what goes out to the ministry or the carriers, in one zip.

Layout of the zip (see also blocking/README.md):

    lists/<route>.xlsx      one workbook per route, sheet "Requests" (columns: XLSX_COLUMNS)
                            and sheet "Route" (route, legal basis, recipient, package data)
    photos/<sha256><.ext>   every evidence photo once, named by its SHA-256
    package.json            package name, creation time and actor, routes with request ids,
                            photos left out (only with allow_missing_photos)
    <extra files>           documents the host adds (`extra_files`), e.g. the workstation's
                            signed custody-chain head, chain-head.json
    manifest.sha256         "<sha256>  <path>" for every other file, as `sha256sum -c` reads it

The zip is written to a hidden temporary file in the target folder and renamed into place
only after the database accepted the change (approved → submitted, with the package's
SHA-256 in every request's history), so a failure anywhere leaves no package and changes
nothing. A host's own log entry for the export (`audit`) is written in that same transaction:
if it fails, there is no package either. Evidence photos are re-hashed while they are copied:
a photo whose content no longer matches its recorded SHA-256 stops the export. A temporary
file left by an export that was killed is removed by the next export to the same folder (a
temporary file is locked while it is written, so one in use is never taken).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import logging
import os
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Connection, func, insert, select

from blocking.actors import Actor
from blocking.config import BlockingConfig
from blocking.db import Store, chunked
from blocking.errors import (
    EvidenceFileError,
    IllegalTransitionError,
    NotFoundError,
    PackageError,
    PackageWriteError,
    Phrase,
    listing,
    os_reason,
)
from blocking.models import evidence_t, numbers_t, packages_t, requests_t, sightings_t
from blocking.progress import NULL_PROGRESS, Progress, check_cancelled
from blocking.records import (
    EvidenceItem,
    MachineOnlyEvidence,
    PackageFile,
    PackageResult,
    RequestRecord,
)
from blocking.requests import (
    Change,
    apply_changes,
    evidence_item,
    lock_requests,
    machine_only_evidence,
    request_record,
    request_select,
)
from blocking.states import RequestState
from blocking.tabular import xlsx_row

try:  # POSIX: a temporary file being written is locked, so a stale one can be told apart
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# A host's own log entry for the export, written on the connection (and so in the
# transaction) that marks the requests submitted: if it raises, nothing is exported.
PackageAudit = Callable[[Connection, PackageResult], None]
PARTIAL_PATTERN = ".*.zip.*.partial"
_RESERVED = re.compile(r"^(lists|photos)/|^(package\.json|manifest\.sha256)$")
_EXTRA_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

# (header as printed, meaning). The header is bilingual because the lists go to Korean
# agencies and carriers but are also read by people who do not read Korean.
XLSX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("순번 / No.", "running number within this list"),
    ("요청번호 / Request ID", "the request's id in the blocking database"),
    ("전화번호 / Number", "national form, e.g. 010-1234-5678"),
    ("E.164", "international form, e.g. +821012345678"),
    ("번호유형 / Type", "mobile, voip, personal, uan, fixed_line, toll_free, premium_rate, other"),
    ("광고유형 / Category", "lending, obscene_adult, other"),
    ("법적근거 / Legal basis", "as configured for the route when the request was drafted"),
    ("최초발견 / First seen", "first sighting of the number, Korean time"),
    ("최근발견 / Last seen", "latest sighting of the number, Korean time"),
    ("발견횟수 / Sightings", "number of sightings recorded"),
    ("발견지역 / Areas", "places with the most sightings, with counts"),
    ("증거파일 / Evidence files", "evidence file names, one per line"),
    ("증거 SHA-256 / Evidence SHA-256", "their SHA-256, one per line in the same order"),
    ("요청기관 / Agency", "requesting agency"),
    ("담당자 / Officer", "officer in charge"),
    ("승인자 / Approved by", "reviewer who approved the request"),
    (
        "검토 / Review",
        "empty when a person has looked at the number; otherwise it rests on one machine-accepted "
        "read of one photo: that photo and the OCR's confidence",
    ),
)
MANIFEST_NAME = "manifest.sha256"
METADATA_NAME = "package.json"
_EXCEL_CELL_LIMIT = 32_000
_AREAS_SHOWN = 3
_COPY_BLOCK = 1024 * 1024
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@dataclass(frozen=True)
class _Photo:
    sha256: str
    name: str
    source: Path | None  # None: not available (allowed only with allow_missing_photos)
    member: str  # path inside the zip


@dataclass(frozen=True)
class _Loaded:
    requests: list[RequestRecord]
    evidence: dict[int, list[EvidenceItem]]
    areas: dict[int, list[tuple[str, int]]]
    first_last: dict[int, tuple[datetime | None, datetime | None, int]]
    machine_only: dict[int, MachineOnlyEvidence]  # by number id: the review gate


class PackageExporter:
    def __init__(self, store: Store, config: BlockingConfig) -> None:
        self._store = store
        self._config = config

    def export(
        self,
        actor: Actor,
        request_ids: Iterable[int],
        folder: str | Path,
        *,
        photo_files: Mapping[str, str | Path] | None = None,
        allow_missing_photos: bool = False,
        file_name: str | None = None,
        progress: Progress = NULL_PROGRESS,
        extra_files: Mapping[str, bytes] | None = None,
        audit: PackageAudit | None = None,
    ) -> PackageResult:
        """Build one zip for approved requests and move them to submitted.

        Photos are found in `photo_files` (SHA-256 → path) first, then at the sighting's
        stored `photo_path`. A photo that cannot be found stops the export
        (`EvidenceFileError`) unless `allow_missing_photos`, in which case the list and
        package.json say which photos are not included. A full, read-only or missing
        folder gives `PackageWriteError`; in every error case no file is left behind and
        every request stays approved.

        `extra_files` (plain name → bytes) go into the zip and its manifest. `audit` runs in
        the transaction that submits the requests, before the package is moved into place.
        """
        ids = list(dict.fromkeys(request_ids))
        if not ids:
            raise PackageError("Choose at least one approved request for the package.")
        folder = Path(folder)
        now = self._store.now()
        name = file_name or f"blocking-package-{self._store.clock.file_stamp(now)}.zip"
        if Path(name).name != name or not name.lower().endswith(".zip"):
            raise PackageError("{name!r} is not a plain .zip file name.", name=name)
        extras = dict(extra_files or {})
        for extra in extras:
            if not _EXTRA_NAME.match(extra) or _RESERVED.match(extra):
                raise PackageError("{name!r} cannot be added to a package.", name=extra)
        target = folder / name

        with self._store.read() as conn:
            loaded = self._load(conn, ids)
        photos, missing = self._resolve_photos(loaded, photo_files or {})
        if missing and not allow_missing_photos:
            raise EvidenceFileError(
                "{count} evidence photo(s) cannot be found, e.g. {example}; "
                "supply their paths or allow missing photos. Nothing was exported.",
                missing,
                count=len(missing),
                example=missing[0],
            )
        _check_folder(folder, target)
        removed = remove_stale_partials(folder)

        routes = sorted({r.route for r in loaded.requests})
        progress.begin(len(photos) + len(routes), f"Writing {name}", "files")
        temp, lock = _temporary_file(folder, name)
        published = False
        try:
            files = self._write_zip(
                temp, name, actor, now, loaded, photos, missing, progress, extras
            )
            digest, size = _sha256_of(temp)
            with self._store.write() as conn:
                package_id = self._mark_submitted(conn, actor, ids, now, name, digest, size, routes)
                result = PackageResult(
                    package_id=package_id,
                    path=target,
                    sha256=digest,
                    size=size,
                    request_ids=ids,
                    routes=routes,
                    files=files,
                    missing_photos=missing,
                    removed_partials=removed,
                )
                if audit is not None:
                    audit(conn, result)
                _publish(temp, target, folder)
                published = True
        except OSError as exc:
            if published:
                target.unlink(missing_ok=True)
            raise _write_error(exc, folder) from exc
        except BaseException:
            if published:  # the commit failed after the rename: take the file back
                target.unlink(missing_ok=True)
            raise
        finally:
            temp.unlink(missing_ok=True)
            os.close(lock)
        return result

    # ---- reading -----------------------------------------------------------------------------
    def _load(self, conn: Connection, ids: list[int]) -> _Loaded:
        found: dict[int, RequestRecord] = {}
        for chunk in chunked(ids):
            for row in conn.execute(request_select().where(requests_t.c.id.in_(chunk))):
                found[row.id] = request_record(row)
        unknown = [i for i in ids if i not in found]
        if unknown:
            raise NotFoundError("No such request: {ids}.", ids=", ".join(map(str, unknown[:10])))
        not_approved = [found[i] for i in ids if found[i].state is not RequestState.APPROVED]
        if not_approved:
            shown = listing(
                [Phrase("{id} ({state})", id=r.id, state=r.state) for r in not_approved[:10]]
                + ([Phrase("…")] if len(not_approved) > 10 else [])
            )
            raise IllegalTransitionError(
                "Only approved requests can be submitted; not approved: {requests}. Nothing was "
                "exported.",
                requests=shown,
            )
        for request in found.values():
            self._config.route(request.route)  # a route removed from the configuration
        evidence: dict[int, list[EvidenceItem]] = defaultdict(list)
        s, e, n = sightings_t.c, evidence_t.c, numbers_t.c
        for chunk in chunked(ids):
            rows = conn.execute(
                select(sightings_t, e.request_id)
                .join(evidence_t, e.sighting_id == s.id)
                .where(e.request_id.in_(chunk))
                .order_by(e.request_id, s.seen_at.desc(), s.id.desc())
            )
            for row in rows:
                evidence[row.request_id].append(evidence_item(row))
        number_ids = sorted({r.number_id for r in found.values()})
        areas: dict[int, list[tuple[str, int]]] = defaultdict(list)
        first_last: dict[int, tuple[datetime | None, datetime | None, int]] = {}
        for chunk in chunked(number_ids):
            rows = conn.execute(
                select(s.number_id, s.place, func.count())
                .where(s.number_id.in_(chunk), s.place != "")
                .group_by(s.number_id, s.place)
            )
            for number_id, place, count in rows:
                areas[number_id].append((place, count))
            figures = conn.execute(
                select(n.id, n.first_seen, n.last_seen, n.sightings_count).where(n.id.in_(chunk))
            )
            for number_id, first, last, count in figures:
                first_last[number_id] = (first, last, count)
        machine_only = machine_only_evidence(conn, number_ids)
        return _Loaded([found[i] for i in ids], evidence, areas, first_last, machine_only)

    def _resolve_photos(
        self, loaded: _Loaded, photo_files: Mapping[str, str | Path]
    ) -> tuple[dict[str, _Photo], list[str]]:
        lookup = {sha.lower(): Path(path) for sha, path in photo_files.items()}
        photos: dict[str, _Photo] = {}
        missing: list[str] = []
        for items in loaded.evidence.values():
            for item in items:
                sha = item.photo_sha256
                if sha is None or sha in photos:
                    continue
                candidates = [lookup.get(sha), Path(item.photo_path) if item.photo_path else None]
                source = next((p for p in candidates if p is not None and p.is_file()), None)
                suffix = Path(item.photo_name).suffix.lower()
                member = f"photos/{sha}{suffix if _SAFE_SUFFIX.match(suffix) else ''}"
                photos[sha] = _Photo(sha, item.photo_name, source, member)
                if source is None:
                    where = next((str(p) for p in candidates if p is not None), "no path known")
                    missing.append(f"{item.photo_name or '(unnamed)'} ({sha}; {where})")
        return photos, missing

    # ---- writing -----------------------------------------------------------------------------
    def _write_zip(
        self,
        temp: Path,
        name: str,
        actor: Actor,
        now: datetime,
        loaded: _Loaded,
        photos: dict[str, _Photo],
        missing: list[str],
        progress: Progress,
        extras: Mapping[str, bytes],
    ) -> list[PackageFile]:
        stamp = self._store.clock.local(now).timetuple()[:6]
        files: list[PackageFile] = []
        problems: list[str] = []
        with open(temp, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
            for photo in sorted(photos.values(), key=lambda p: p.member):
                check_cancelled(progress)
                if photo.source is None:
                    continue
                written = _copy_photo(archive, photo, stamp)
                if written.sha256 != photo.sha256:
                    problems.append(
                        f"{photo.name} ({photo.source}) has SHA-256 {written.sha256}, "
                        f"but {photo.sha256} was recorded"
                    )
                files.append(written)
                progress.advance(detail=photo.name)
            if problems:
                raise EvidenceFileError(
                    "{count} evidence photo(s) changed since they were recorded, e.g. "
                    "{example}. Nothing was exported.",
                    problems,
                    count=len(problems),
                    example=problems[0],
                )
            by_route: dict[str, list[RequestRecord]] = defaultdict(list)
            for request in loaded.requests:
                by_route[request.route].append(request)
            for route in sorted(by_route):
                data = self._route_workbook(
                    route, by_route[route], name, actor, now, loaded, photos
                )
                files.append(_add_bytes(archive, f"lists/{route}.xlsx", data, stamp, stored=True))
                progress.advance(detail=route)
            metadata = self._metadata(
                name, actor, now, by_route, photos, missing, loaded.machine_only
            )
            files.append(_add_bytes(archive, METADATA_NAME, metadata, stamp))
            for extra, data in sorted(extras.items()):
                files.append(_add_bytes(archive, extra, data, stamp))
            manifest = "".join(
                f"{f.sha256}  {f.path}\n" for f in sorted(files, key=lambda f: f.path)
            )
            _add_bytes(archive, MANIFEST_NAME, manifest.encode("utf-8"), stamp)
            raw.flush()
        # Only now is the data on disk: a full disk must fail here, not after the rename.
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        return files

    def _excel_time(self, moment: datetime | None) -> datetime | None:
        # Excel has no time zones: write the agencies' wall-clock time (the clock's zone).
        if moment is None:
            return None
        return self._store.clock.local(moment).replace(tzinfo=None)

    def _route_workbook(
        self,
        route: str,
        requests: list[RequestRecord],
        package_name: str,
        actor: Actor,
        now: datetime,
        loaded: _Loaded,
        photos: dict[str, _Photo],
    ) -> bytes:
        route_config = self._config.route(route)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Requests")
        sheet.append(xlsx_row(sheet, [header for header, _meaning in XLSX_COLUMNS]))
        for position, request in enumerate(requests, start=1):
            first, last, count = loaded.first_last.get(request.number_id, (None, None, 0))
            areas = sorted(loaded.areas.get(request.number_id, []), key=lambda a: (-a[1], a[0]))
            names, hashes = _evidence_columns(loaded.evidence.get(request.id, []), photos)
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        position,
                        request.id,
                        request.national,
                        request.e164,
                        request.number_type.value,
                        request.category.value,
                        request.legal_basis,
                        self._excel_time(first),
                        self._excel_time(last),
                        count,
                        ", ".join(f"{place} ({n})" for place, n in areas[:_AREAS_SHOWN]),
                        names,
                        hashes,
                        request.requesting_agency,
                        request.officer,
                        request.approved_by_name or "",
                        _review_cell(loaded.machine_only.get(request.number_id)),
                    ],
                )
            )
        info = workbook.create_sheet("Route")
        for row in (
            ("Route", route_config.key),
            ("Label", route_config.label),
            ("Legal basis", route_config.legal_basis),
            ("Recipient", route_config.recipient),
            ("Channel", route_config.channel.value),
            ("Package", package_name),
            (
                f"Created ({self._store.clock.zone_abbreviation(now)})",
                self._store.clock.local(now).strftime("%Y-%m-%d %H:%M:%S"),
            ),
            ("Created by", actor.label),
            ("Requests", len(requests)),
        ):
            info.append(xlsx_row(info, row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _metadata(
        self,
        name: str,
        actor: Actor,
        now: datetime,
        by_route: dict[str, list[RequestRecord]],
        photos: dict[str, _Photo],
        missing: list[str],
        machine_only: Mapping[int, MachineOnlyEvidence],
    ) -> bytes:
        document = {
            "format": "blocking-submission-package/1",
            "package": name,
            "created_at": now.isoformat(),
            "created_by": {"id": actor.id, "name": actor.name, "role": actor.role.value},
            "routes": [
                {
                    "route": route,
                    "label": self._config.route(route).label,
                    "legal_basis": self._config.route(route).legal_basis,
                    "recipient": self._config.route(route).recipient,
                    "list": f"lists/{route}.xlsx",
                    "request_ids": [r.id for r in requests],
                    "machine_read_only": [r.id for r in requests if r.number_id in machine_only],
                }
                for route, requests in sorted(by_route.items())
            ],
            "photos": sum(1 for p in photos.values() if p.source is not None),
            "missing_photos": missing,
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")

    def _mark_submitted(
        self,
        conn: Connection,
        actor: Actor,
        ids: list[int],
        now: datetime,
        name: str,
        digest: str,
        size: int,
        routes: list[str],
    ) -> int:
        locked = lock_requests(self._store, conn, ids)
        moved = [r for r in locked.values() if r.state is not RequestState.APPROVED]
        if moved:
            shown = listing([Phrase("{id} ({state})", id=r.id, state=r.state) for r in moved[:10]])
            raise IllegalTransitionError(
                "Requests changed while the package was written: {shown}. Nothing was exported; "
                "build the package again.",
                shown=shown,
            )
        package_id = conn.execute(
            insert(packages_t).returning(packages_t.c.id),
            [
                {
                    "file_name": name,
                    "sha256": digest,
                    "size_bytes": size,
                    "routes": ",".join(routes)[:400],
                    "request_count": len(ids),
                    "created_at": now,
                    "created_by_id": actor.id,
                    "created_by_name": actor.name,
                }
            ],
        ).scalar_one()
        note = f"submitted in package {name} (SHA-256 {digest})"
        apply_changes(
            conn,
            actor,
            [
                Change(
                    request_id,
                    RequestState.APPROVED,
                    RequestState.SUBMITTED,
                    note,
                    {"submitted_at": now, "package_id": package_id},
                    package_sha256=digest,
                )
                for request_id in ids
            ],
            now,
        )
        return int(package_id)


def verify_package(path: str | Path) -> list[str]:
    """Re-hash every file listed in a package's manifest; returns the problems (empty: fine)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if MANIFEST_NAME not in names:
            return [f"{MANIFEST_NAME} is missing"]
        listed: set[str] = set()
        for line in archive.read(MANIFEST_NAME).decode("utf-8").splitlines():
            expected, _, member = line.partition("  ")
            listed.add(member)
            if member not in names:
                problems.append(f"{member}: listed but missing")
                continue
            actual = hashlib.sha256(archive.read(member)).hexdigest()
            if actual != expected:
                problems.append(f"{member}: SHA-256 {actual}, manifest says {expected}")
        for member in sorted(names - listed - {MANIFEST_NAME}):
            problems.append(f"{member}: not in the manifest")
    return problems


# ---- helpers ----------------------------------------------------------------------------------


def _evidence_columns(items: list[EvidenceItem], photos: dict[str, _Photo]) -> tuple[str, str]:
    names: list[str] = []
    hashes: list[str] = []
    for item in items:
        if item.photo_sha256:
            photo = photos.get(item.photo_sha256)
            label = item.photo_name or item.photo_sha256
            if photo is not None and photo.source is None:
                label += " (not included)"
            names.append(label)
            hashes.append(item.photo_sha256)
        else:
            names.append(f"{item.source_kind.value}:{item.source_id or item.sighting_id}")
            hashes.append("-")
    return _fit_cell(names), _fit_cell(hashes)


def _review_cell(gate: MachineOnlyEvidence | None) -> str:
    if gate is None:
        return ""
    return (
        f"기계 판독만, 미검토 / machine read only, unreviewed: "
        f"{gate.photo_name or gate.photo_sha256} (신뢰도 / confidence {gate.confidence:.2f})"
    )


def _fit_cell(lines: list[str]) -> str:
    """Excel refuses cells over 32,767 characters; the manifest has everything anyway."""
    text = "\n".join(lines)
    if len(text) <= _EXCEL_CELL_LIMIT:
        return text
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > _EXCEL_CELL_LIMIT - 40:
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join([*kept, f"… and {len(lines) - len(kept)} more"])


def _copy_photo(archive: zipfile.ZipFile, photo: _Photo, stamp: tuple[int, ...]) -> PackageFile:
    assert photo.source is not None
    info = zipfile.ZipInfo(photo.member, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_STORED  # photos are compressed already
    digest = hashlib.sha256()
    size = 0
    try:
        source = open(photo.source, "rb")  # noqa: SIM115 - closed below; errors told apart
    except OSError as exc:
        raise _unreadable(photo, exc) from exc
    with source, archive.open(info, "w", force_zip64=True) as target:
        while True:
            try:
                block = source.read(_COPY_BLOCK)
            except OSError as exc:
                raise _unreadable(photo, exc) from exc
            if not block:
                break
            digest.update(block)
            target.write(block)  # an OSError here is the target folder's
            size += len(block)
    return PackageFile(photo.member, digest.hexdigest(), size)


def _unreadable(photo: _Photo, exc: OSError) -> EvidenceFileError:
    problem = Phrase(
        "{photo} ({source}): {reason}", photo=photo.name, source=photo.source, reason=os_reason(exc)
    )
    return EvidenceFileError(
        "An evidence photo cannot be read: {problem}. Nothing was exported.",
        [str(problem)],
        problem=problem,
    )


def _add_bytes(
    archive: zipfile.ZipFile, member: str, data: bytes, stamp: tuple[int, ...], stored: bool = False
) -> PackageFile:
    info = zipfile.ZipInfo(member, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
    return PackageFile(member, hashlib.sha256(data).hexdigest(), len(data))


def _sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(_COPY_BLOCK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _check_folder(folder: Path, target: Path) -> None:
    if not folder.exists():
        raise PackageWriteError("The folder {folder} does not exist.", folder=folder)
    if not folder.is_dir():
        raise PackageWriteError("{folder} is not a folder.", folder=folder)
    if target.exists():
        raise PackageWriteError(
            "{target} already exists; choose another name or folder.", target=target
        )


def _temporary_file(folder: Path, name: str) -> tuple[Path, int]:
    """A hidden temporary file in `folder` and an open descriptor holding its lock (close it
    when done): while it is held, `remove_stale_partials` leaves the file alone."""
    try:
        handle, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)
    return Path(path), handle


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove temporary package files that no export holds any more (a killed export leaves
    one behind); returns them. One being written is locked and stays."""
    removed: list[Path] = []
    if fcntl is None:
        return removed
    for partial in sorted(folder.glob(PARTIAL_PATTERN)):
        try:
            fd = os.open(partial, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # an export is writing it
        try:
            partial.unlink()
            removed.append(partial)
            log.info("Removed %s, left by an export that did not finish", partial)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _publish(temp: Path, target: Path, folder: Path) -> None:
    """Move the finished zip into place without ever replacing an existing file."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise PackageWriteError(
            "{target} already exists; choose another name.", target=target
        ) from None
    except OSError as exc:
        # FAT and exFAT sticks have no hard links: fall back to a rename.
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if target.exists():
            raise PackageWriteError(
                "{target} already exists; choose another name.", target=target
            ) from None
        os.replace(temp, target)
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _write_error(exc: OSError, folder: Path) -> PackageWriteError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return PackageWriteError(
            "There is not enough space in {folder} for the package; free some space or choose "
            "another folder. Nothing was exported.",
            folder=folder,
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return PackageWriteError(
            "Cannot write to {folder}: the folder is read-only or not writable for you. Nothing "
            "was exported.",
            folder=folder,
        )
    return PackageWriteError(
        "Cannot write the package to {folder}: {reason}. Nothing was exported.",
        folder=folder,
        reason=os_reason(exc),
    )
