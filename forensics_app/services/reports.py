"""Case reports: make one (HTML, PDF, XLSX, CSV), record it in the custody log, verify one.

A report is built in a hidden staging folder beside its destination. Only when every file is
written and listed in the manifest does one transaction append the custody entry (who, which
sections, the manifest's SHA-256) and, inside it, rename the folder into place: a report cut
short by a full disk, a cancel or a crash leaves no folder under the asked-for name, and a
folder under that name is always one the custody log knows.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from blocking.errors import os_reason
from forensics_app import __version__
from forensics_app.errors import UserError
from forensics_app.progress import Cancelled, NullProgress, ProgressReporter
from forensics_app.reports import builder
from forensics_app.reports.i18n import Translator
from forensics_app.reports.manifest import FileCheck, check_files, load_manifest, write_manifest
from forensics_app.reports.model import CustodyHead, ReportContext, Section, TimeRange
from forensics_app.reports.sections import (
    PRESETS,
    Preset,
    preset_sections,
    registered_sections,
    resolve_sections,
)
from forensics_app.services.custody import (
    Action,
    CustodyWriter,
    Events,
    canonical_json,
    entry_digest,
)
from forensics_app.services.records import Actor, CustodyRecord
from forensics_app.storage.models import CustodyEntry

if TYPE_CHECKING:
    from forensics_app.services.workstation import Workstation

log = logging.getLogger(__name__)

REPORT_KIND = "case_report"  # details.kind of the custody entry that records a report
STAGING_PREFIX = "."
STAGING_SUFFIX = ".partial-"


@dataclass(frozen=True)
class SectionInfo:
    id: str
    title: str  # English
    description: str


@dataclass(frozen=True)
class ReportRequest:
    case_id: int
    output: Path
    formats: Sequence[str] = ("html",)
    section_ids: Sequence[str] = ()  # empty: the preset's
    preset: str = "full_case"
    time_range: TimeRange = field(default_factory=TimeRange)
    language: str = "ko"
    agency: str = ""


@dataclass(frozen=True)
class ReportResult:
    path: Path
    manifest_sha256: str
    files: int
    custody_seq: int
    section_ids: list[str]
    formats: list[str]

    @property
    def entry_point(self) -> Path:
        """The file a reader opens first."""
        for name in ("index.html", "report.pdf", "report.xlsx"):
            if (self.path / name).exists():
                return self.path / name
        return self.path


@dataclass(frozen=True)
class ReportVerification:
    path: Path
    manifest_sha256: str
    files: FileCheck
    case_number: str
    generated_at: str
    recorded: CustodyRecord | None  # the custody entry that recorded this manifest
    record_intact: bool  # that entry still hashes to its stored hash

    @property
    def known(self) -> bool:
        return self.recorded is not None and self.record_intact


class ReportService:
    def __init__(self, workstation: Workstation) -> None:
        self._workstation = workstation

    # ---- what can be asked for ---------------------------------------------------------------
    @staticmethod
    def sections() -> list[SectionInfo]:
        return [SectionInfo(s.id, s.title, s.description) for s in registered_sections()]

    @staticmethod
    def presets() -> list[Preset]:
        return list(PRESETS.values())

    @staticmethod
    def preset_sections(preset_id: str) -> list[str]:
        return preset_sections(preset_id)

    # ---- the custody head (issue 10 hook) ------------------------------------------------------
    def custody_head(self) -> CustodyHead:
        """The custody chain's last link, signed by this workstation, carried in the manifest
        ("custody_head", and "chain_head" for `forensics-app verify --anchor manifest.json`) and
        on the cover. Refuses (IntegrityFailure) when the chain no longer extends this
        workstation's checkpoints: a report must not vouch for a rewritten chain."""
        from forensics_app.services.anchor import sign_current_head

        signed = sign_current_head(self._workstation)
        return CustodyHead(
            signed.seq,
            signed.head,
            signature=signed.signature,
            signer=signed.key_id,
            algorithm="Ed25519",
            signed=signed.to_dict(),
        )

    # ---- making a report -----------------------------------------------------------------------
    def context(
        self, by: Actor, request: ReportRequest, progress: ProgressReporter | None = None
    ) -> ReportContext:
        workstation = self._workstation
        case = workstation.cases.get(request.case_id)
        translator = Translator(request.language)
        context = ReportContext(
            workstation=workstation,
            case=case,
            generated_by=by,
            generated_at=workstation.clock.now(),
            time_range=request.time_range,
            translator=translator,
            agency=request.agency or workstation.blocking.config.default_agency,
            custody_head=self.custody_head(),
            progress=progress or NullProgress(),
            formats=list(request.formats),
        )
        context.section_titles = [translator(s.title) for s in _sections(context, request)]
        return context

    def generate(
        self, by: Actor, request: ReportRequest, progress: ProgressReporter | None = None
    ) -> ReportResult:
        formats = _check_formats(request.formats)
        target = Path(os.path.abspath(request.output))
        _check_target(target)
        context = self.context(by, request, progress)
        sections = _sections(context, request)
        staging = _staging_folder(target)
        try:
            builder.build(context, sections, formats, staging)
            about = self._about(context, [s.id for s in sections], formats)
            manifest_sha256 = write_manifest(staging, about)
            files = sum(1 for _ in staging.rglob("*") if _.is_file())
            seq = self._complete(by, context, staging, target, manifest_sha256, about, files)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                raise _write_error(exc, target) from exc
            raise
        log.info("Report %s written (manifest %s)", target, manifest_sha256)
        return ReportResult(target, manifest_sha256, files, seq, [s.id for s in sections], formats)

    def preview(
        self,
        by: Actor,
        request: ReportRequest,
        folder: Path,
        progress: ProgressReporter | None = None,
    ) -> str:
        """The print version of the report (what the PDF shows) as HTML whose images are in
        `folder`; nothing is recorded. For the dialog's preview."""
        from forensics_app.reports.pdf import render_html

        context = self.context(by, request, progress)
        prepared = builder.prepare(context, _sections(context, request), folder, preview=True)
        return render_html(prepared)

    def _about(
        self, context: ReportContext, section_ids: list[str], formats: list[str]
    ) -> dict[str, Any]:
        head = context.custody_head
        time_range = context.time_range
        return {
            "program": f"forensics-app {__version__}",
            "case": {
                "id": context.case.id,
                "number": context.case.number,
                "title": context.case.title,
            },
            "generated_at": context.generated_at.isoformat(),
            "time_zone": context.workstation.clock.zone_name,
            "generated_by": {
                "id": context.generated_by.id,
                "name": context.generated_by.name,
                "badge": context.generated_by.badge_number,
            },
            "language": context.translator.language,
            "formats": formats,
            "sections": section_ids,
            "time_range": {
                "since": time_range.since.isoformat() if time_range.since else None,
                "until": time_range.until.isoformat() if time_range.until else None,
            },
            "custody_head": (
                {
                    "seq": head.seq,
                    "entry_hash": head.entry_hash,
                    "signature": head.signature,
                    "signer": head.signer,
                    "algorithm": head.algorithm,
                }
                if head
                else None
            ),
            **({"chain_head": head.signed} if head and head.signed else {}),
        }

    def _complete(
        self,
        by: Actor,
        context: ReportContext,
        staging: Path,
        target: Path,
        manifest_sha256: str,
        about: dict[str, Any],
        files: int,
    ) -> int:
        """One unit of work: the custody entry, and the move into place inside it. If the
        move fails nothing is recorded; if the commit fails the folder is moved back out."""
        if context.progress.is_cancelled():
            raise Cancelled
        workstation = self._workstation
        moved = False
        try:
            with workstation.db.write() as session:
                entry = CustodyWriter(session, by, workstation.clock).append(
                    Action.EXPORT,
                    Events.REPORT_MADE(
                        folder=target.name,
                        formats=", ".join(about["formats"]),
                        sections=", ".join(about["sections"]),
                    ),
                    {
                        "kind": REPORT_KIND,
                        "manifest_sha256": manifest_sha256,
                        "folder": target.name,
                        "formats": about["formats"],
                        "sections": about["sections"],
                        "files": files,
                        "time_range": about["time_range"],
                        "language": about["language"],
                        "custody_head": about["custody_head"],
                    },
                    case_id=context.case.id,
                )
                session.flush()
                seq = entry.seq
                if target.exists():
                    raise UserError(
                        "{target} appeared while the report was being written.", target=target
                    )
                os.rename(staging, target)
                moved = True
        except BaseException:
            if moved:
                os.rename(target, staging)  # not recorded: it must not look complete
            raise
        return seq

    # ---- verifying a report ----------------------------------------------------------------------
    def verify(self, path: Path) -> ReportVerification:
        manifest = load_manifest(path)
        files = check_files(manifest)
        recorded = self.find_record(manifest.sha256)
        intact = recorded is not None and self._entry_intact(recorded.seq)
        case = manifest.content.get("case") or {}
        return ReportVerification(
            path=manifest.root,
            manifest_sha256=manifest.sha256,
            files=files,
            case_number=str(case.get("number", "")),
            generated_at=str(manifest.content.get("generated_at", "")),
            recorded=recorded,
            record_intact=intact,
        )

    def find_record(self, manifest_sha256: str) -> CustodyRecord | None:
        """The custody entry that recorded a report with this manifest, if any."""
        needle = f'"manifest_sha256":{canonical_json(manifest_sha256)}'
        query = (
            select(CustodyEntry)
            .where(CustodyEntry.action == Action.EXPORT, CustodyEntry.details.contains(needle))
            .order_by(CustodyEntry.seq)
        )
        with self._workstation.db.read() as session:
            for entry in session.scalars(query):
                details = json.loads(entry.details)
                if (
                    details.get("kind") == REPORT_KIND
                    and details.get("manifest_sha256") == manifest_sha256
                ):
                    return CustodyRecord(
                        seq=entry.seq,
                        recorded_at=entry.recorded_at,
                        actor=entry.actor,
                        action=entry.action,
                        case_id=entry.case_id,
                        item_id=entry.item_id,
                        file_id=entry.file_id,
                        summary=entry.summary,
                        details=entry.details,
                        entry_hash=entry.entry_hash,
                    )
        return None

    def _entry_intact(self, seq: int) -> bool:
        with self._workstation.db.read() as session:
            entry = session.get(CustodyEntry, seq)
            if entry is None:
                return False
            return entry.entry_hash == entry_digest(
                entry.recorded_at,
                entry.examiner_id,
                entry.actor,
                entry.action,
                entry.case_id,
                entry.item_id,
                entry.file_id,
                entry.summary,
                entry.details,
                entry.prev_hash,
            )


def _check_formats(formats: Sequence[str]) -> list[str]:
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in builder.FORMATS]
    if unknown or not wanted:
        given = ", ".join(unknown) or "(none)"
        raise UserError(
            "Report formats are {formats}; not {given}.",
            formats=", ".join(builder.FORMATS),
            given=given,
        )
    return [f for f in builder.FORMATS if f in wanted]


def _check_target(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise UserError(
            "{target} already exists: choose a new name (reports never overwrite).", target=target
        )
    parent = target.parent
    if not parent.is_dir():
        raise UserError("Folder not found: {parent}", parent=parent)


def _staging_folder(target: Path) -> Path:
    try:
        return Path(
            tempfile.mkdtemp(
                prefix=f"{STAGING_PREFIX}{target.name}{STAGING_SUFFIX}", dir=target.parent
            )
        )
    except OSError as exc:
        raise _write_error(exc, target) from exc


def _write_error(exc: OSError, target: Path) -> UserError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(
            "Not enough space in {parent} for the report; nothing was kept.", parent=target.parent
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(
            "Cannot write in {parent}: {strerror}.", parent=target.parent, strerror=os_reason(exc)
        )
    return UserError(
        "Cannot write the report in {parent}: {reason}.",
        parent=target.parent,
        reason=os_reason(exc),
    )


def _sections(context: ReportContext, request: ReportRequest) -> list[Section]:
    """The requested sections (the preset's when none are named) that the case has data for:
    a section such as CCTV says through `available` that it has nothing to show."""
    ids = list(request.section_ids) or preset_sections(request.preset)
    return [s for s in resolve_sections(ids) if s.available(context)]
