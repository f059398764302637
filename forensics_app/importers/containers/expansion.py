"""From the paths a user gives to the sources the ingest path reads.

A path is recognised by content, never by its name alone: a zip or tar (a UFDR when it holds
a Cellebrite report.xml, an iTunes/Finder backup when it holds Manifest.db, otherwise a full
file-system extraction), a backup folder (Manifest.db / Manifest.plist / Info.plist), an
unpacked UFDR folder, a CSV/XLSX tool export; anything else goes to the plain file and folder
expansion of forensics_app.importers.sources.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from forensics_app.importers import registry, sources
from forensics_app.importers.containers.archives import (
    SQLITE_MAGIC,
    Archive,
    Entry,
    EntryKind,
    archive_kind,
    open_archive,
)
from forensics_app.importers.containers.base import (
    ContainerInfo,
    ContainerKind,
    ImportOptions,
    MemberSource,
    ScreenableMember,
    unreadable,
)
from forensics_app.messages import Message, msg
from forensics_app.progress import NullProgress, ProgressReporter


@dataclass
class Expansion(sources.Inputs):
    """sources.Inputs plus the containers they came from."""

    containers: list[ContainerInfo] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    archives: list[Archive] = field(default_factory=list)

    def close(self) -> None:
        for archive in self.archives:
            with contextlib.suppress(Exception):
                archive.close()
        for container in self.containers:
            container.cancel()


def expand(
    paths: Iterable[Path],
    workdir: Path,
    options: ImportOptions | None = None,
    progress: ProgressReporter | None = None,
) -> Expansion:
    """The sources in `paths`. Raises UserError (ContainerError) for a container that must be
    refused; nothing has been written then but into `workdir`."""
    options = options or ImportOptions()
    progress = progress or NullProgress()
    found = Expansion()
    plain: list[Path] = []
    try:
        for given in paths:
            path = Path(os.path.abspath(given))
            # Not a regular file or folder (a FIFO waits for ever on reading its first bytes,
            # a device is no container): the plain expansion names it.
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                plain.append(given)
                continue
            if path.is_dir():
                if not _expand_folder(path, workdir, options, progress, found):
                    plain.append(given)
            elif not _expand_file(path, workdir, options, progress, found):
                plain.append(given)
        if plain:
            rest = sources.expand(plain)
            found.sources += rest.sources
            found.skipped += rest.skipped
            found.folders += rest.folders
    except BaseException:
        found.close()
        raise
    found.skipped += found.notes
    return found


def _scratch(workdir: Path, name: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=workdir))


def _expand_file(
    path: Path,
    workdir: Path,
    options: ImportOptions,
    progress: ProgressReporter,
    found: Expansion,
) -> bool:
    from forensics_app.importers.containers import tool_export

    if tool_export.is_tool_export(path):  # before archives: an XLSX is a zip
        container = ContainerInfo(ContainerKind.TOOL_EXPORT, path)
        container.start_hashing(progress)
        found.containers.append(container)
        found.sources += tool_export.sources(path, container, options, workdir)
        return True
    kind = archive_kind(path)
    if kind is not None:
        container = ContainerInfo(kind, path)
        container.start_hashing(progress)
        found.containers.append(container)
        archive = open_archive(
            path, container, options.limits, _scratch(workdir, "spool"), progress, options.password
        )
        found.archives.append(archive)
        _from_archive(archive, workdir, options, progress, found)
        return True
    from forensics_app.importers.containers import ufdr

    if ufdr.is_report_file(path):
        container = ContainerInfo(ContainerKind.UFDR, path)
        container.start_hashing(progress)
        found.containers.append(container)
        found.sources += ufdr.folder_sources(path.parent, container, options, workdir)
        return True
    return False


def _expand_folder(
    path: Path,
    workdir: Path,
    options: ImportOptions,
    progress: ProgressReporter,
    found: Expansion,
) -> bool:
    from forensics_app.importers.containers import itunes, ufdr

    if itunes.is_backup_folder(path):
        container = ContainerInfo(ContainerKind.ITUNES_BACKUP, path)
        found.containers.append(container)
        tree = itunes.FolderTree(path)
        found.sources += itunes.backup_sources(tree, container, options, workdir, progress)
        found.notes += container.warnings
        return True
    report = ufdr.report_in_folder(path)
    if report is not None:
        container = ContainerInfo(ContainerKind.UFDR, path)
        found.containers.append(container)
        found.sources += ufdr.folder_sources(path, container, options, workdir)
        return True
    return False


def _from_archive(
    archive: Archive,
    workdir: Path,
    options: ImportOptions,
    progress: ProgressReporter,
    found: Expansion,
) -> None:
    from forensics_app.importers.containers import itunes, ufdr

    container = archive.container
    container.scratch = workdir
    report = ufdr.report_entry(archive)
    if report is not None:
        container.kind = ContainerKind.UFDR
        found.sources += ufdr.archive_sources(archive, report, options, workdir)
    else:
        root = itunes.backup_root(archive)
        if root is not None:
            container.kind = ContainerKind.ITUNES_BACKUP
            tree = itunes.ArchiveTree(archive, root)
            found.sources += itunes.backup_sources(tree, container, options, workdir, progress)
        else:
            found.sources += filesystem_sources(archive)
    found.notes += archive_notes(archive)
    found.notes += container.warnings


# ---- a full file-system extraction in an archive ----------------------------------------------
def filesystem_sources(archive: Archive) -> list[MemberSource]:
    """The archive's SQLite members (with their -wal/-shm/-journal), and the members found
    where an importer expects its database (so the ingest path can say why they were not
    read). Everything else is counted, not listed."""
    found: list[MemberSource] = []
    for entry in list(archive.files()):
        if entry.path.endswith(sources.COMPANION_SUFFIXES):
            continue
        head = entry_head(entry)
        if head is None:
            if entry.opener is not None:  # without one it was noted when listed
                archive.note("unreadable", entry.name)
            continue
        expected = bool(registry.typical_for(entry.path))
        if not head.startswith(SQLITE_MAGIC) and not expected:
            # An archive inside the archive (an export zipped once more) is not opened: said
            # apart, not counted among the 'files that are not databases'.
            archive.note("archive" if _is_archive(head) else "not_database", entry.name)
            continue
        found.append(member_source(archive, entry, head))
    return found


_ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!",
)


def _is_archive(head: bytes) -> bool:
    return head.startswith(_ARCHIVE_MAGIC) or head[257:262] == b"ustar"


def entry_head(entry: Entry) -> bytes | None:
    if entry.head is not None:
        return entry.head
    if entry.opener is None:
        return None
    try:
        with entry.opener() as reader:
            entry.head = reader.read(4096)
    except OSError:
        return None
    return entry.head


def member_source(archive: Archive, entry: Entry, head: bytes | None = None) -> MemberSource:
    companions: dict[str, MemberSource] = {}
    for suffix in sources.COMPANION_SUFFIXES:
        other = archive.get(entry.path + suffix)
        if other is not None and other.kind == EntryKind.FILE and other.opener is not None:
            companions[suffix] = member_source(archive, other)
    source = ScreenableMember(
        archive.container,
        entry.name,
        entry.path,
        entry.size,
        entry.opener or _unreadable(archive, entry),
        companions=companions,
    )
    source.head_cache = head if head is not None else entry.head
    return source


def _unreadable(archive: Archive, entry: Entry):  # type: ignore[no-untyped-def]
    def opener():  # type: ignore[no-untyped-def]
        raise unreadable(f"{archive.container.display}!/{entry.name}: not kept from the stream")

    return opener


def archive_notes(archive: Archive) -> list[Message]:
    """What was not read, counted per reason with one example each."""
    shown = archive.container.display
    notes = []
    for reason, count in archive.skipped.items():
        values = {"archive": shown, "count": count, "example": archive.examples[reason]}
        if reason == "link":
            notes.append(
                msg("{archive}: {count} symbolic link(s) not followed (e.g. {example}).", **values)
            )
        elif reason == "link_outside":
            notes.append(
                msg(
                    "{archive}: {count} symbolic link(s) pointing outside the archive, not "
                    "followed (e.g. {example}).",
                    **values,
                )
            )
        elif reason == "hard_link":
            notes.append(
                msg("{archive}: {count} hard link(s) not followed (e.g. {example}).", **values)
            )
        elif reason == "special":
            notes.append(
                msg(
                    "{archive}: {count} device file(s), FIFO(s) or sparse file(s) skipped "
                    "(e.g. {example}).",
                    **values,
                )
            )
        elif reason == "not_database":
            notes.append(
                msg(
                    "{archive}: {count} file(s) that are not databases were not read "
                    "(e.g. {example}).",
                    **values,
                )
            )
        elif reason == "archive":
            notes.append(
                msg(
                    "{archive}: {count} archive(s) inside it were not opened (e.g. {example}); "
                    "take a copy out of it and import that copy as well.",
                    **values,
                )
            )
        elif reason == "method":
            notes.append(
                msg(
                    "{archive}: {count} member(s) compressed with a method this program cannot "
                    "read ({methods}) were not read (e.g. {example}); extract the archive with "
                    "the tool that made it and import the folder.",
                    methods=", ".join(sorted(archive.methods)),
                    **values,
                )
            )
        elif reason == "unreadable":
            notes.append(
                msg("{archive}: {count} member(s) could not be read (e.g. {example}).", **values)
            )
    return notes
