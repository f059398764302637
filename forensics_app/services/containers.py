"""The containers of an import in the store: one row per container read (kind, path, SHA-256
and MD5 of the container file, what it says about the device and the extraction), a row per
import source saying which member of which container it was, the container files catalogued
under the item, and the device facts onto the phone item where the examiner left them blank.

Called by the ingest path inside its one write transaction (forensics_app.services.ingest).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forensics_app import config
from forensics_app.errors import UserError
from forensics_app.hashing import hash_file
from forensics_app.importers.containers.base import (
    CataloguedAs,
    ContainerInfo,
    ImportOptions,
    MemberSource,
    PasswordRequiredError,
    WrongPasswordError,
)
from forensics_app.importers.containers.decoded import DecodedImporter
from forensics_app.importers.containers.mappings import FIELDS, KINDS, Mapping
from forensics_app.importers.sources import SourceFile
from forensics_app.messages import Message, msg
from forensics_app.progress import NullProgress, ProgressReporter
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    EvidenceItem,
    ImportContainer,
    ImportContainerMember,
    ImportSource,
)

ITEM_FIELDS = ("make", "model", "serial_number", "imei")
# For the screens (they talk to this service, not to the readers).
__all__ = [
    "FIELDS",
    "KINDS",
    "ImportOptions",
    "ImportPreview",
    "Mapping",
    "PasswordRequiredError",
    "PreviewSource",
    "WrongPasswordError",
    "containers_of_item",
    "export_columns",
    "mappings",
    "preview_import",
    "save_mapping",
]


def containers_of(found: Iterable[SourceFile]) -> list[ContainerInfo]:
    seen: dict[int, ContainerInfo] = {}
    for source in found:
        container = getattr(source, "container", None)
        if isinstance(container, ContainerInfo):
            seen.setdefault(id(container), container)
    return list(seen.values())


def record(
    session: Session,
    item: EvidenceItem,
    containers: list[ContainerInfo],
    imported_by: int,
    now: datetime,
) -> list[Message]:
    """Store the containers and fill the item's blank device fields. Their hashes are still
    being computed beside the import: `seal` writes them once the sources are read."""
    notes: list[Message] = []
    for container in containers:
        row = ImportContainer(
            case_id=item.case_id,
            item_id=item.id,
            kind=container.kind,
            path=container.display,
            size=None,
            sha256="",
            md5="",
            device_name=container.device_name[:500],
            os_version=container.os_version[:100],
            extracted_at=container.extracted_at,
            info=json.dumps(container.info, ensure_ascii=False, default=str),
            imported_at=now,
            imported_by=imported_by,
        )
        session.add(row)
        session.flush()
        container.row_id = row.id
        notes += _fill_item(item, container)
    return notes


def seal(session: Session, containers: list[ContainerInfo]) -> list[dict[str, Any]]:
    """Await the containers' hashes, check the container files did not change while they
    were read, write the hashes; returns the containers as custody details."""
    details: list[dict[str, Any]] = []
    for container in containers:
        digest = container.digest()
        if not container.unchanged():
            raise UserError(
                "{container} changed while it was read; is something still writing to it? "
                "Nothing was imported.",
                container=container.display,
            )
        row = session.get(ImportContainer, container.row_id)
        if row is None:
            continue
        if digest is not None:
            row.size, row.sha256, row.md5 = digest.size, digest.sha256, digest.md5
        details.append(
            {
                "kind": container.kind,
                "path": container.display,
                "size": row.size,
                "sha256": row.sha256,
                "md5": row.md5,
                "device_name": row.device_name,
                "os_version": row.os_version,
                "extracted_at": container.extracted_at.isoformat()
                if container.extracted_at
                else None,
            }
        )
    session.flush()
    return details


def _fill_item(item: EvidenceItem, container: ContainerInfo) -> list[Message]:
    notes = []
    for name in ITEM_FIELDS:
        value = container.item_fields.get(name, "").strip()[:200]
        if not value:
            continue
        current = getattr(item, name) or ""
        if not current:
            setattr(item, name, value)
        elif current != value:
            notes.append(
                msg(
                    "{item}: the {field} on record ({current}) differs from the one {container} "
                    "gives ({value}); the record was kept.",
                    item=item.exhibit_number,
                    field=name,
                    current=current,
                    value=value,
                    container=container.display,
                )
            )
    return notes


def container_files(containers: list[ContainerInfo]) -> list[CataloguedAs]:
    """The containers' own files to catalogue under the item: the archive (or UFDR) file with
    the hash computed beside the import; for a backup folder, its manifest files."""
    files: list[CataloguedAs] = []
    for container in containers:
        digest = container.digest()
        if digest is not None:
            files.append(
                CataloguedAs(
                    str(container.path),
                    container.path.name,
                    digest.size,
                    digest.sha256,
                    digest.md5,
                )
            )
        for extra in container.files:
            found = hash_file(extra.path)
            files.append(
                CataloguedAs(
                    str(extra.path), extra.relative_path, found.size, found.sha256, found.md5
                )
            )
    return files


def link_source(session: Session, row: ImportSource, source: SourceFile) -> None:
    """Say which member of which container an import source was."""
    if not isinstance(source, MemberSource) or source.container.row_id is None:
        return
    session.add(
        ImportContainerMember(
            container_id=source.container.row_id,
            source_id=row.id,
            member_path=source.member,
        )
    )


@dataclass(frozen=True)
class ContainerRecord:
    id: int
    item_id: int
    kind: str
    path: str
    size: int | None
    sha256: str
    md5: str
    device_name: str
    os_version: str
    extracted_at: datetime | None
    info: dict[str, Any]
    members: list[tuple[str, str]]  # (member path, parser)


def containers_of_item(db: Database, item_id: int) -> list[ContainerRecord]:
    """The containers an item's imports came from, newest first (for the item's screens)."""
    with db.read() as session:
        rows = session.scalars(
            select(ImportContainer)
            .where(ImportContainer.item_id == item_id)
            .order_by(ImportContainer.id.desc())
        ).all()
        found = []
        for row in rows:
            members = session.execute(
                select(ImportContainerMember.member_path, ImportSource.parser)
                .join(ImportSource, ImportSource.id == ImportContainerMember.source_id)
                .where(ImportContainerMember.container_id == row.id)
                .order_by(ImportContainerMember.id)
            ).all()
            found.append(
                ContainerRecord(
                    row.id,
                    row.item_id,
                    row.kind,
                    row.path,
                    row.size,
                    row.sha256,
                    row.md5,
                    row.device_name,
                    row.os_version,
                    row.extracted_at,
                    json.loads(row.info),
                    [(m, p) for m, p in members],
                )
            )
        return found


# ---- preview: what an import would read, before anything is written ------------------------
@dataclass(frozen=True)
class PreviewSource:
    path: str
    parser: str
    title: str
    rows: int | None  # about how many rows its main table holds (None: not known up front)
    already_imported: bool


@dataclass
class ImportPreview:
    sources: list[PreviewSource]
    notes: list[Message]  # what will be skipped, and why
    containers: list[dict[str, Any]]

    @property
    def importable(self) -> bool:
        return any(not s.already_imported for s in self.sources)


def preview_import(
    ingest: Any,
    case_id: int,
    paths: list[Path],
    options: ImportOptions | None = None,
    progress: ProgressReporter | None = None,
) -> ImportPreview:
    """Recognise `paths` as the import would (containers opened, databases copied into a
    working folder and detected) and say what would be read, without writing to the store.
    Raises the same UserErrors the import would (a wrong password, a hostile archive)."""
    from forensics_app.importers import sources as source_files
    from forensics_app.importers.containers import expansion
    from forensics_app.importers.sqlite import DatabaseUnreadable, SqliteDatabase
    from forensics_app.services.ingest import ImportReport, SourceStatus

    progress = progress or NullProgress()
    root = ingest._work_root or config.data_dir() / "work"
    root.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="preview-", dir=root))
    found: expansion.Expansion | None = None
    try:
        found = expansion.expand(paths, workdir, options, progress)
        candidates, problems = ingest._recognise(found, workdir, progress)
        report = ImportReport(item=None)
        pending = ingest._drop_already_imported(case_id, candidates, report)
        listed: list[PreviewSource] = []
        for candidate, importer in pending:
            rows: int | None = None
            if isinstance(importer, DecodedImporter):
                container = getattr(importer, "container", None)
                info = container.info if isinstance(container, ContainerInfo) else {}
                count = str(info.get("model_count", ""))
                rows = int(count) if count.isdigit() else None
            else:
                try:
                    db = SqliteDatabase(candidate.copy.path)
                    main_table = next(iter(importer.required), "")
                    rows = db.count(main_table) if main_table else None
                    db.close()
                except DatabaseUnreadable:
                    rows = None
            listed.append(
                PreviewSource(
                    candidate.copy.source.display_path, importer.name, importer.title, rows, False
                )
            )
        listed += [
            PreviewSource(s.path, s.parser, s.parser, None, True)
            for s in report.sources
            if s.status == SourceStatus.ALREADY_IMPORTED
        ]
        containers = [
            {
                "kind": c.kind,
                "path": c.display,
                "device_name": c.device_name,
                "os_version": c.os_version,
                "extracted_at": c.extracted_at.isoformat() if c.extracted_at else "",
                **{k: v for k, v in c.item_fields.items() if v},
            }
            for c in found.containers
        ]
        return ImportPreview(listed, list(found.skipped) + problems, containers)
    finally:
        if found is not None:
            found.close()
        source_files.clear_folder(workdir)


# ---- tool-export mappings, for the mapping editor ---------------------------------------------
def export_columns(
    path: Path, mapping: Any = None, rows: int = 20
) -> tuple[list[str], list[list[str]]]:
    """The columns and first rows of a CSV/XLSX export (the mapping editor's live preview)."""
    from forensics_app.importers.containers import tool_export

    return tool_export.preview(path, mapping, rows)


def mappings() -> list[Any]:
    from forensics_app.importers.containers.mappings import all_mappings

    return all_mappings()


def save_mapping(mapping: Any) -> Path:
    from forensics_app.importers.containers.mappings import save_mapping as save

    return save(mapping)
