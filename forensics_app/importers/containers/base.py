"""What every container reader shares: the options of an import, the limits that refuse
archive bombs, the container's own record (its hash, what it says about the device), member
paths made safe, and a member source that reads its bytes in place.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from forensics_app.errors import UserError
from forensics_app.hashing import FileDigest, hash_file
from forensics_app.messages import Message
from forensics_app.progress import Cancelled, NullProgress, ProgressReporter

_CHUNK = 1 << 20
# How much of a SQLite member is read to see its tables before deciding to copy it whole.
SCREEN_BYTES = 1 << 20
_hashing = ThreadPoolExecutor(max_workers=2, thread_name_prefix="container-hash")


class ContainerError(UserError):
    """A container that cannot be opened as it is: hostile member names, a bomb, a wrong
    password, a truncated archive. Nothing has been written when it is raised."""


class PasswordRequiredError(ContainerError):
    """An encrypted backup (iTunes/Finder, adb) and no password: the GUI asks for it, the CLI
    reads --password-stdin."""


class WrongPasswordError(ContainerError):
    """The backup password does not open the backup's keys."""


def password_required(backup: str) -> PasswordRequiredError:
    return PasswordRequiredError(
        "{backup} is an encrypted backup: give its password (--password-stdin on the "
        "command line). Nothing was imported.",
        backup=backup,
    )


def wrong_password(backup: str) -> WrongPasswordError:
    return WrongPasswordError(
        "The password does not open the encrypted backup {backup}. Nothing was imported.",
        backup=backup,
    )


class ContainerKind:
    ZIP = "zip"
    TAR = "tar"
    ITUNES_BACKUP = "itunes_backup"
    UFDR = "ufdr"
    TOOL_EXPORT = "tool_export"


@dataclass(frozen=True)
class Limits:
    """What an archive may claim before it is refused as a bomb. A member is read only up to
    its declared size (zipfile stops there; tar sizes are the stored bytes), so these bound
    both what is decompressed and what the working folder can receive."""

    max_member_bytes: int = 64 << 30  # one member (a database, a report.xml)
    max_total_bytes: int = 4 << 40  # everything an archive says it holds
    max_ratio: float = 200.0  # uncompressed / compressed, for a member above ratio_floor
    ratio_floor: int = 16 << 20  # small members compress as they like (a blank page: 1000:1)
    max_members: int = 5_000_000


@dataclass
class ImportOptions:
    """What the user adds to the paths: the backup password (never stored, never logged),
    the column mapping of a tool export (a preset name or a mapping file), the bomb limits."""

    password: str | None = field(default=None, repr=False)
    mapping: str | None = None
    limits: Limits = field(default_factory=Limits)


# ---- member names --------------------------------------------------------------------------
_DRIVE = re.compile(r"^[A-Za-z]:")


def member_path(name: str, *, container: str, allow_leading_slash: bool) -> str:
    """A member's name as a device path ("/data/data/…"), or ContainerError when the name
    would leave the archive: ".." climbing out, a drive letter, a UNC path, a NUL byte, or
    (where the format forbids it, as zip's does) a leading slash. The result is only ever a
    logical path: files are written under names the ingest path makes, never this one."""
    if "\x00" in name:
        raise ContainerError(
            "{container}: member {member!r} has a NUL byte in its name; the archive is refused "
            "as hostile. Nothing was imported.",
            container=container,
            member=name.replace("\x00", "\\0"),
        )
    text = name.replace("\\", "/")
    if _DRIVE.match(text) or text.startswith("//"):
        raise ContainerError(
            "{container}: member {member!r} names a drive or network path; the archive is "
            "refused as hostile. Nothing was imported.",
            container=container,
            member=name,
        )
    if text.startswith("/") and not allow_leading_slash:
        raise ContainerError(
            "{container}: member {member!r} has an absolute path, which this format forbids; "
            "the archive is refused as hostile. Nothing was imported.",
            container=container,
            member=name,
        )
    depth = 0
    for part in text.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            depth -= 1
            if depth < 0:
                raise ContainerError(
                    "{container}: member {member!r} climbs out of the archive with '..'; the "
                    "archive is refused as hostile (zip-slip). Nothing was imported.",
                    container=container,
                    member=name,
                )
        else:
            depth += 1
    normal = posixpath.normpath("/" + text.lstrip("/"))
    return "/" if normal in ("/", "//") else normal


def link_leaves(target: str, member: str) -> bool:
    """Whether a link stored at `member` pointing at `target` leads outside the archive."""
    text = target.replace("\\", "/")
    if text.startswith("/") or _DRIVE.match(text):
        return True
    depth = len([p for p in posixpath.dirname(member).split("/") if p not in ("", ".")])
    for part in text.split("/"):
        if part in ("", "."):
            continue
        depth = depth - 1 if part == ".." else depth + 1
        if depth < 0:
            return True
    return False


# ---- the container itself ------------------------------------------------------------------
@dataclass(frozen=True)
class ContainerFile:
    """A file of the container itself, catalogued under the item (the archive; a backup's
    Manifest.db; the files of a backup folder that were read)."""

    path: Path
    relative_path: str


class ContainerInfo:
    """One container read by an import: where it is, its hash (computed beside the parsing,
    on a thread of its own, and awaited before anything is written), and what it says about
    the device and the extraction."""

    def __init__(self, kind: str, path: Path, *, display: str | None = None) -> None:
        self.kind = kind
        self.path = path
        self.display = display or str(path)
        self.info: dict[str, Any] = {}
        # Onto the phone item: make, model, serial_number, imei (only where it is blank).
        self.item_fields: dict[str, str] = {}
        self.device_name = ""
        self.os_version = ""
        self.extracted_at: datetime | None = None
        self.files: list[ContainerFile] = []
        self.warnings: list[Any] = []  # Message objects for people
        self.row_id: int | None = None  # set when recorded in the store
        self.scratch: Path | None = None  # where readers may write (inside the working folder)
        self._digest: Future[FileDigest] | None = None
        self._lock = threading.Lock()
        self.fingerprint = _fingerprint(path) if path.is_file() else ()

    @property
    def is_file(self) -> bool:
        return bool(self.fingerprint)

    def start_hashing(self, progress: ProgressReporter | None = None) -> None:
        """Hash the container file (SHA-256 and MD5) on a thread while the import goes on."""
        if not self.is_file:
            return
        with self._lock:
            if self._digest is None:
                watcher = _CancelOnly(progress or NullProgress())
                self._digest = _hashing.submit(hash_file, self.path, watcher)

    def digest(self) -> FileDigest | None:
        """The container file's digest (waits for the hashing thread); None for a folder."""
        if not self.is_file:
            return None
        self.start_hashing()
        assert self._digest is not None
        return self._digest.result()

    def cancel(self) -> None:
        if self._digest is not None:
            self._digest.cancel()

    def unchanged(self) -> bool:
        """The container file is the one that was opened (size, time, inode)."""
        if not self.is_file:
            return True
        try:
            return _fingerprint(self.path) == self.fingerprint
        except OSError:
            return False


class _CancelOnly:
    """Lets a background hash stop when the import is cancelled, without drawing progress."""

    def __init__(self, progress: ProgressReporter) -> None:
        self._progress = progress

    def begin(self, total: int | None, label: str | Message, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1, detail: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return self._progress.is_cancelled()


def _fingerprint(path: Path) -> tuple[int, ...]:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_dev)


# ---- member sources --------------------------------------------------------------------------
Opener = Callable[[], BinaryIO]


class MemberSource:
    """A file inside a container, readable in place. Implements the SourceFile protocol of
    forensics_app.importers.sources; `container` and `member` carry the provenance."""

    def __init__(
        self,
        container: ContainerInfo,
        member: str,
        logical_path: str,
        size: int,
        opener: Opener,
        *,
        display_path: str | None = None,
        companions: dict[str, MemberSource] | None = None,
        stamp: tuple[Any, ...] = (),
    ) -> None:
        self.container = container
        self.member = member  # the name inside the container, as stored
        self._logical_path = logical_path
        self._size = size
        self._opener = opener
        self._display = display_path or f"{container.display}!/{member.lstrip('/')}"
        self.companions: dict[str, MemberSource] = companions or {}
        self._stamp = stamp
        self.decoder: Any = None  # an importer of decoded records (UFDR, tool exports)
        self.head_cache: bytes | None = None

    def __repr__(self) -> str:
        return f"MemberSource({self._display!r})"

    @property
    def display_path(self) -> str:
        return self._display

    @property
    def logical_path(self) -> str:
        return self._logical_path

    @property
    def evidence_path(self) -> Path:
        return self.container.path

    @property
    def size(self) -> int:
        return self._size

    def open(self) -> BinaryIO:
        return self._opener()

    def head(self, count: int) -> bytes:
        if self.head_cache is not None and len(self.head_cache) >= min(count, self._size):
            return self.head_cache[:count]
        with self.open() as reader:
            return reader.read(count)

    def companion(self, suffix: str) -> MemberSource | None:
        return self.companions.get(suffix)

    def fingerprint(self) -> tuple[int, ...]:
        """The container's own fingerprint plus the member's size: copying checks it before
        and after, so a container changed while it is read is noticed."""
        container = _fingerprint(self.container.path) if self.container.is_file else ()
        return (self._size, *container, *(hash(s) for s in self._stamp))

    def catalogued(self, size: int, sha256: str, md5: str) -> list[CataloguedAs]:
        """What to list under the item's files for this member, given the digest of what was
        read: nothing of its own in an archive (the archive file stands for it, see
        services.containers.container_files); backups list their blob files."""
        return []


class CataloguedAs(NamedTuple):
    path: str
    relative_path: str
    size: int
    sha256: str
    md5: str


class ScreenableMember(MemberSource):
    """A member whose tables can be seen from its first megabyte, without copying it whole:
    SQLite keeps its schema on the first pages. None when that is not enough to tell (a
    schema further in, or tables that live in a -wal), and the ingest path copies it then."""

    def screen_tables(self) -> set[str] | None:
        if self.companion("-wal") is not None or self.companion("-journal") is not None:
            return None
        scratch = getattr(self.container, "scratch", None)
        if scratch is None:
            return None
        probe = Path(tempfile.mkstemp(prefix="screen-", suffix=".db", dir=scratch)[1])
        try:
            with self.open() as reader:
                prefix = bytearray(reader.read(SCREEN_BYTES))
            _claim_pages_present(prefix)
            probe.write_bytes(bytes(prefix))
            uri = probe.resolve().as_uri() + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            try:
                return {
                    str(row[0]).lower()
                    for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
            finally:
                conn.close()
        except (OSError, sqlite3.Error):
            return None
        finally:
            probe.unlink(missing_ok=True)


def _claim_pages_present(prefix: bytearray) -> None:
    """Make a prefix of a database say it holds only the pages it has (the header's page
    count), so SQLite reads its schema from the first pages instead of calling it damaged."""
    if len(prefix) < 100:
        return
    page_size = int.from_bytes(prefix[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size >= 512 and len(prefix) >= page_size:
        prefix[28:32] = (len(prefix) // page_size).to_bytes(4, "big")


def hash_stream(reader: BinaryIO) -> tuple[str, str, int]:
    """SHA-256, MD5 and size of a stream read to its end."""
    sha256 = hashlib.sha256()
    md5 = hashlib.md5(usedforsecurity=False)
    size = 0
    while chunk := reader.read(_CHUNK):
        sha256.update(chunk)
        md5.update(chunk)
        size += len(chunk)
    return sha256.hexdigest(), md5.hexdigest(), size


def unreadable(text: str) -> OSError:
    """An OSError for a member that cannot be read: internal wording, shown only inside the
    reader's own message ("Cannot read …: {reason}")."""
    return OSError(text)


def check_cancel(progress: ProgressReporter) -> None:
    if progress.is_cancelled():
        raise Cancelled


def free_space(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize
