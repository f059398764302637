"""Where importers read from: a source is one file, wherever it lives.

Today a source is a file on disk (a database handed in, or a file inside a folder holding a
full file-system extraction). Container readers (zip and tar members, iTunes backups, UFDR:
issue 12) produce the same `SourceFile` for their members, so detection, copying, hashing and
parsing never ask where the bytes came from. A source opens as a byte stream; its companions
(-wal, -shm, -journal) travel with it.

Evidence is read, never written: `copy_to` streams the source (and its companions) into the
working folder, hashing on the way, and parsers open only that copy.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from blocking.errors import os_reason

try:
    import fcntl
except ImportError:  # not on Windows: working folders are then never swept
    fcntl = None  # type: ignore[assignment]
from forensics_app.errors import UserError
from forensics_app.hashing import StreamDigest
from forensics_app.messages import Message, msg
from forensics_app.progress import NullProgress, ProgressReporter, check_cancelled

log = logging.getLogger(__name__)

COMPANION_SUFFIXES = ("-wal", "-journal", "-shm")
_NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)  # writing the working copy failed
# The companions that change what a reader sees (the -shm is only an index of the -wal).
CONTENT_COMPANIONS = ("-wal", "-journal")
_CHUNK = 1 << 20


class SourceFile(Protocol):
    """One readable file. `display_path` is what the user and the custody log see;
    `logical_path` is its path inside the device (matched against importers' typical paths);
    `evidence_path` is the file on this workstation that holds it (itself, or its container)."""

    @property
    def display_path(self) -> str: ...

    @property
    def logical_path(self) -> str: ...

    @property
    def evidence_path(self) -> Path: ...

    @property
    def size(self) -> int: ...

    def open(self) -> BinaryIO: ...

    def head(self, count: int) -> bytes: ...

    def companion(self, suffix: str) -> SourceFile | None: ...

    def fingerprint(self) -> tuple[int, ...]: ...


@dataclass(frozen=True)
class LocalFile:
    path: Path
    root: Path | None = None  # the extraction folder it was found in

    @property
    def display_path(self) -> str:
        return str(self.path)

    @property
    def logical_path(self) -> str:
        if self.root is None:
            return self.path.name
        return "/" + self.path.relative_to(self.root).as_posix()

    @property
    def evidence_path(self) -> Path:
        return self.path

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        return open(self.path, "rb")

    def head(self, count: int) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read(count)

    def companion(self, suffix: str) -> LocalFile | None:
        other = self.path.with_name(self.path.name + suffix)
        if other.is_file() and not other.is_symlink():
            return LocalFile(other, self.root)
        return None

    def fingerprint(self) -> tuple[int, ...]:
        stat = self.path.stat()
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


@dataclass(frozen=True)
class Digest:
    name: str  # the file's own name (the main file's, or "mmssms.db-wal")
    size: int
    sha256: str
    md5: str


@dataclass
class WorkingCopy:
    """A source copied into the working folder, with the digests of what was read."""

    source: SourceFile
    path: Path
    main: Digest
    companions: list[Digest] = field(default_factory=list)
    companion_sources: list[SourceFile] = field(default_factory=list)

    @property
    def content_key(self) -> str:
        """Identifies what a reader of this database sees: the main file and its -wal or
        -journal (not the -shm, an index rebuilt at will)."""
        parts = [self.main.sha256]
        parts += [
            f"{d.name[-8:]}:{d.sha256}"
            for d in self.companions
            if d.name.endswith(CONTENT_COMPANIONS)
        ]
        if len(parts) == 1:
            return self.main.sha256
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


class SourceChangedError(UserError):
    """A source changed while it was read: the evidence is live, or someone is writing to it."""


def copy_to(
    source: SourceFile, folder: Path, progress: ProgressReporter | None = None
) -> WorkingCopy:
    """Stream the source and its companions into `folder`, hashing what is copied."""
    progress = progress or NullProgress()
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(source.logical_path).name or "source"
    target = _free_name(folder, name)
    main = _copy_one(source, target, name, progress)
    copy = WorkingCopy(source, target, main)
    for suffix in COMPANION_SUFFIXES:
        companion = source.companion(suffix)
        if companion is not None:
            copy.companions.append(
                _copy_one(
                    companion, target.with_name(target.name + suffix), name + suffix, progress
                )
            )
            copy.companion_sources.append(companion)
    return copy


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    number = 1
    while candidate.exists() or any(
        candidate.with_name(candidate.name + s).exists() for s in COMPANION_SUFFIXES
    ):
        number += 1
        candidate = folder / f"{number}_{name}"
    return candidate


def _copy_one(source: SourceFile, target: Path, name: str, progress: ProgressReporter) -> Digest:
    try:
        before = source.fingerprint()
        with (
            source.open() as reader,
            open(target, "wb") as writer,
            StreamDigest() as digest,
        ):
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                progress.advance(len(chunk))
                check_cancelled(progress)
            sha256, md5, size = digest.sha256(), digest.md5(), digest.size
        after = source.fingerprint()
    except OSError as exc:
        if exc.errno in _NO_ROOM:
            # The working folder is full: the evidence is fine, and must not be blamed.
            raise UserError(
                "No room for the working copy of {path} in {folder}: {reason}. The evidence "
                "was not changed; free space there (or set FORENSICS_APP_DATA_DIR to a "
                "bigger disk) and import again.",
                path=source.display_path,
                folder=str(target.parent),
                reason=os_reason(exc),
            ) from exc
        raise UserError(
            "Cannot read {path}: {reason}", path=source.display_path, reason=os_reason(exc)
        ) from exc
    if before != after or size != before[0]:
        raise SourceChangedError(
            "{display_path} changed while it was being copied; is something still writing to it?",
            display_path=source.display_path,
        )
    return Digest(name, size, sha256, md5)


def rehash(source: SourceFile) -> tuple[str, int]:
    """SHA-256 and size of the source as it is now (the "after" of before-and-after)."""
    with source.open() as reader, StreamDigest(md5=False) as digest:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
        return digest.sha256(), digest.size


def check_unchanged(copy: WorkingCopy) -> None:
    """Hash the originals again: the import stands only if they are what was copied."""
    pairs = [(copy.source, copy.main), *zip(copy.companion_sources, copy.companions, strict=True)]
    for source, digest in pairs:
        try:
            sha256, size = rehash(source)
        except OSError as exc:
            raise SourceChangedError(
                "{display_path} can no longer be read after the import: {exc}",
                display_path=source.display_path,
                exc=exc,
            ) from exc
        if (sha256, size) != (digest.sha256, digest.size):
            raise SourceChangedError(
                "{display_path} changed during the import (SHA-256 {sha256} before, {sha2562} "
                "after); nothing was imported.",
                display_path=source.display_path,
                sha256=digest.sha256,
                sha2562=sha256,
            )


# ---- finding sources ----------------------------------------------------------------------

# Readers for containers (archives, backups, tool exports) register here: given a source, they
# return its members as sources, or None when the source is not theirs (issue 12).
ContainerReader = Callable[[SourceFile], Iterable[SourceFile] | None]
CONTAINER_READERS: list[ContainerReader] = []


@dataclass
class Inputs:
    sources: list[SourceFile] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)  # what was passed over, and why
    folders: list[Path] = field(default_factory=list)  # extractions (typical paths apply)


def expand(paths: Iterable[Path]) -> Inputs:
    """Files stay files; folders are walked (without following links). Companion files are
    not sources of their own: they travel with their database."""
    found = Inputs()
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_symlink():
            found.skipped.append(msg("{path}: symbolic link, not followed", path=str(path)))
        elif path.is_file():
            found.sources.append(LocalFile(path))
        elif path.is_dir():
            found.folders.append(path)
            for file in _walk(path, found.skipped):
                found.sources.append(LocalFile(file, path))
        elif not path.exists():
            raise UserError("Not found: {given}", given=given)
        else:
            raise UserError("Not a regular file or folder: {given}", given=given)
    found.sources = list(_open_containers(s for s in found.sources if not _is_companion(s)))
    return found


def _open_containers(candidates: Iterable[SourceFile]) -> Iterator[SourceFile]:
    """Sources as they are, or the members of those a container reader claims."""
    for source in candidates:
        for reader in CONTAINER_READERS:
            members = reader(source)
            if members is not None:
                yield from members
                break
        else:
            yield source


def _walk(root: Path, skipped: list[Message]) -> Iterator[Path]:
    def fail(error: OSError) -> None:
        skipped.append(
            msg(
                "{path}: cannot read folder ({error})",
                path=str(error.filename),
                error=os_reason(error),
            )
        )

    links: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=fail):
        dirs.sort()
        links += [Path(folder) / name for name in dirs if (Path(folder) / name).is_symlink()]
        for name in sorted(files):
            full = Path(folder) / name
            if full.is_symlink():
                links.append(full)
                continue
            if not full.is_file():
                continue
            yield full
    if links:
        # Never followed (they can point anywhere: outside the extraction, at this
        # workstation's own files), but said, so that a database reached only by a link is
        # not missed unknowingly.
        first = sorted(links)[0]
        try:
            example = f"{first.relative_to(root)} → {os.readlink(first)}"
        except OSError:
            example = str(first.relative_to(root))
        skipped.append(
            msg(
                "{archive}: {count} symbolic link(s) not followed (e.g. {example}).",
                archive=str(root),
                count=len(links),
                example=example,
            )
        )


def _is_companion(source: SourceFile) -> bool:
    return source.logical_path.endswith(COMPANION_SUFFIXES)


def remove_copy(copy: WorkingCopy) -> None:
    for path in [copy.path] + [copy.path.with_name(copy.path.name + s) for s in COMPANION_SUFFIXES]:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def clear_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


UNLOCKED_STALE_S = 24 * 3600
IN_USE = ".in-use"  # locked (flock) by the process working in the folder, while it works


def claim_working_folder(root: Path, prefix: str) -> tuple[Path, IO[bytes] | None]:
    """A new working folder under `root`, locked for as long as the returned handle is open
    (close it after clearing the folder). Folders an earlier run left there when it was killed
    (their lock died with it) are cleared first: they hold copies of evidence databases, and
    nothing else would ever remove them."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in root.glob(prefix + "*"):
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            log.info("Clearing %s, left by a run that was killed", folder)
            clear_folder(folder)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    if fcntl is None:  # no advisory locks here: nothing is swept either
        return folder, None
    handle = open(folder / IN_USE, "wb")  # noqa: SIM115 (held open: the lock lives with it)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return folder, handle


def _abandoned(folder: Path) -> bool:
    """Is the folder's lock free (its process ended without clearing it)? A folder without a
    lock file is another run's, just made (left alone), or a day old (a killed run of a
    version that did not lock)."""
    if fcntl is None:
        return False
    if not (folder / IN_USE).exists():
        try:
            return time.time() - folder.stat().st_mtime > UNLOCKED_STALE_S
        except OSError:
            return False
    try:
        with open(folder / IN_USE, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # missing (being made) or held by a running import
    return True
