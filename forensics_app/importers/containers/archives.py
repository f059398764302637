"""Zip and tar archives, read in place.

An archive is listed once: every member's name is checked (a name that climbs out with "..",
a drive or network path, and for zip a leading slash refuse the whole archive as hostile),
links, device files and folders are noted and never followed, and the sizes are checked
against the bomb limits before a byte is decompressed. Members are then read through their
own bounded streams; nothing is extracted. Only compressed tars (tar.gz, .tgz, .tar.bz2,
.tar.xz), which cannot be read at random, have their SQLite members (and the -wal/-shm/
-journal beside them) spooled into the working folder during the one pass that lists them.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from blocking.errors import os_reason
from forensics_app.importers.containers import adb
from forensics_app.importers.containers.base import (
    ContainerError,
    ContainerInfo,
    ContainerKind,
    Limits,
    check_cancel,
    link_leaves,
    member_path,
    unreadable,
)
from forensics_app.importers.sources import COMPANION_SUFFIXES
from forensics_app.messages import msg
from forensics_app.progress import NullProgress, ProgressReporter

HEAD_BYTES = 4096
_CHUNK = 1 << 20
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
SQLITE_MAGIC = b"SQLite format 3\x00"


class EntryKind:
    FILE = "file"
    LINK = "link"
    HARD_LINK = "hard_link"
    FOLDER = "folder"
    SPECIAL = "special"  # device files, FIFOs, sockets


@dataclass
class Entry:
    """One member as the archive lists it."""

    name: str  # as stored
    path: str  # the logical path ("/data/data/…"), made safe
    size: int
    kind: str
    link_target: str = ""
    opener: Callable[[], BinaryIO] | None = None  # None: cannot be read (links, spooled-out)
    head: bytes | None = None


class Archive:
    """The members of a zip or tar, by logical path."""

    def __init__(self, container: ContainerInfo) -> None:
        self.container = container
        self.entries: dict[str, Entry] = {}
        self.skipped: dict[str, int] = {}  # reason → count
        self.examples: dict[str, str] = {}  # reason → one member it happened to
        self.methods: set[str] = set()  # compression methods of members that cannot be read

    def add(self, entry: Entry) -> None:
        self.entries[entry.path] = entry

    def note(self, reason: str, member: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        self.examples.setdefault(reason, member)

    def get(self, path: str) -> Entry | None:
        return self.entries.get(path)

    def files(self) -> Iterator[Entry]:
        return (e for e in self.entries.values() if e.kind == EntryKind.FILE)

    def close(self) -> None:
        pass


# What zipfile, tarfile, gzip and lzma say of a damaged archive (their English), in words
# that have their Korean; anything else keeps its own words (os_reason).
_ENDS_EARLY = ("truncated file header", "unexpected end of data", "ended before the end-of-stream")
_BAD_HEADER = ("bad magic number", "bad checksum", "invalid header", "empty header", "invalid data")


def archive_reason(exc: BaseException) -> Any:
    text = str(exc).lower()
    if "file is not a zip file" in text:
        return msg("it has no zip directory at its end")
    if any(spelling in text for spelling in _ENDS_EARLY):
        return msg("it ends too early")
    if any(spelling in text for spelling in _BAD_HEADER):
        return msg("a header in it is damaged")
    return os_reason(exc)


# ---- recognising ------------------------------------------------------------------------------
def archive_kind(path: Path) -> str | None:
    """ "zip", "tar" or None, from the file's first bytes (not its name)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    if head.startswith(ZIP_MAGIC):
        return ContainerKind.ZIP
    if adb.is_adb_backup(head):
        return ContainerKind.TAR  # an adb backup is a tar stream behind a header
    if head[:2] == b"\x1f\x8b" or head[:3] == b"BZh" or head[:6] == b"\xfd7zXZ\x00":
        return ContainerKind.TAR if _compressed_tar(path) else None
    if len(head) == 512 and head[257:262] == b"ustar":
        return ContainerKind.TAR
    if len(head) == 512 and _tar_checksum_ok(head):
        return ContainerKind.TAR  # an old (v7) tar header without the ustar magic
    return None


def _compressed_tar(path: Path) -> bool:
    try:
        with tarfile.open(path, "r|*") as tar:
            return tar.next() is not None
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        return False


def _tar_checksum_ok(header: bytes) -> bool:
    try:
        stored = int(header[148:156].split(b"\x00")[0].strip() or b"-1", 8)
    except ValueError:
        return False
    computed = sum(header[:148]) + 8 * 32 + sum(header[156:512])
    return stored == computed and header[0] != 0


def open_archive(
    path: Path,
    container: ContainerInfo,
    limits: Limits,
    spool: Path,
    progress: ProgressReporter | None = None,
    password: str | None = None,
) -> Archive:
    """The archive's members; `password` opens an encrypted adb backup (never stored)."""
    progress = progress or NullProgress()
    kind = archive_kind(path)
    if kind == ContainerKind.ZIP:
        return _open_zip(path, container, limits, progress)
    if kind == ContainerKind.TAR:
        return _open_tar(path, container, limits, spool, progress, password)
    raise ContainerError("{path} is not a zip or tar archive.", path=str(path))


# ---- zip ------------------------------------------------------------------------------------
class _ZipArchive(Archive):
    def __init__(self, container: ContainerInfo, handle: zipfile.ZipFile) -> None:
        super().__init__(container)
        self.zip = handle

    def close(self) -> None:
        self.zip.close()


def _open_zip(
    path: Path, container: ContainerInfo, limits: Limits, progress: ProgressReporter
) -> Archive:
    shown = container.display
    legacy = "cp437"  # zipfile's reading of names without the UTF-8 flag
    try:
        handle = zipfile.ZipFile(path)
        infos = handle.infolist()
        if _korean_names(infos):
            # A zip made by a Korean Windows tool: names in CP949 without the UTF-8 flag,
            # which zipfile reads as CP437 (mojibake: '증거' shown as '┴⌡░┼').
            handle.close()
            legacy = LEGACY_NAME_ENCODING
            handle = zipfile.ZipFile(path, metadata_encoding=legacy)
            infos = handle.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ContainerError(
            "{archive} cannot be read as a zip archive ({reason}): it is truncated or damaged. "
            "Nothing was imported.",
            archive=shown,
            reason=archive_reason(exc),
        ) from exc
    archive = _ZipArchive(container, handle)
    try:
        check_zip(infos, shown, limits, path.stat().st_size, legacy)
        progress.begin(len(infos), msg("listing the archive"), "files")
        for number, info in enumerate(infos):
            if number % 1000 == 0:
                check_cancel(progress)
            progress.advance(1)
            _add_zip_member(archive, handle, info, shown)
    except BaseException:
        handle.close()
        raise
    return archive


LEGACY_NAME_ENCODING = "cp949"


def _korean_names(infos: list[zipfile.ZipInfo]) -> bool:
    """Do the names without the UTF-8 flag read as CP949 (and some are not plain ASCII)?"""
    legacy = [i.orig_filename for i in infos if not i.flag_bits & 0x800]
    raw = [name.encode("cp437", "replace") for name in legacy if not name.isascii()]
    if not raw:
        return False
    try:
        for name in raw:
            name.decode(LEGACY_NAME_ENCODING)
    except UnicodeDecodeError:
        return False
    return True


def _name_bytes(info: zipfile.ZipInfo, legacy: str) -> int:
    """The length of a member's name as stored (UTF-8 when flagged, else the legacy code page
    it was read with): where its data begins after the local header."""
    encoding = "utf-8" if info.flag_bits & 0x800 else legacy
    return len(info.orig_filename.encode(encoding, "replace"))


def check_zip(
    infos: list[zipfile.ZipInfo],
    shown: str,
    limits: Limits,
    archive_size: int,
    legacy: str = "cp437",
) -> None:
    if len(infos) > limits.max_members:
        raise ContainerError(
            "{archive} lists {count} members, more than the limit of {limit}; refused as an "
            "archive bomb. Nothing was imported.",
            archive=shown,
            count=len(infos),
            limit=limits.max_members,
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ContainerError(
                "{archive} is password-protected (member {member!r} is encrypted). Decrypt it "
                "with the tool that made it, then import the result. Nothing was imported.",
                archive=shown,
                member=info.filename,
            )
        total += info.file_size
        _check_sizes(shown, info.filename, info.file_size, info.compress_size, limits)
    if total > limits.max_total_bytes:
        raise ContainerError(
            "{archive} claims {size} bytes in all, more than the limit of {limit}; refused as "
            "an archive bomb. Nothing was imported.",
            archive=shown,
            size=total,
            limit=limits.max_total_bytes,
        )
    # Members whose data overlap (one stream read many times over: the "zip bomb without
    # recursion") or run past the end of the file are refused before anything is read.
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for current, following in zip(ordered, [*ordered[1:], None], strict=True):
        end = current.header_offset + 30 + _name_bytes(current, legacy)
        end += current.compress_size
        limit = following.header_offset if following is not None else archive_size
        if end > limit:
            raise ContainerError(
                "{archive}: member {member!r} overlaps the next one or runs past the end of the "
                "file; refused as an archive bomb or a damaged archive. Nothing was imported.",
                archive=shown,
                member=current.filename,
            )


def _check_sizes(shown: str, member: str, size: int, packed: int, limits: Limits) -> None:
    if size > limits.max_member_bytes:
        raise ContainerError(
            "{archive}: member {member!r} claims {size} bytes, more than the limit of {limit}; "
            "refused as an archive bomb. Nothing was imported.",
            archive=shown,
            member=member,
            size=size,
            limit=limits.max_member_bytes,
        )
    if size > limits.ratio_floor and size > limits.max_ratio * max(packed, 1):
        raise ContainerError(
            "{archive}: member {member!r} would expand {ratio:.0f} times ({size} bytes from "
            "{packed}); refused as an archive bomb (limit {limit:.0f} times). Nothing was "
            "imported.",
            archive=shown,
            member=member,
            ratio=size / max(packed, 1),
            size=size,
            packed=packed,
            limit=limits.max_ratio,
        )


# What zipfile can inflate; anything else raised NotImplementedError on opening the member.
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
# The others real tools write: Windows Explorer zips files over 2 GB with Deflate64, 7-Zip
# and WinZip offer the rest.
ZIP_METHOD_NAMES = {
    1: "Shrink", 6: "Implode", 9: "Deflate64", 10: "PKWARE Imploding", 18: "IBM TERSE",
    19: "IBM LZ77", 93: "Zstandard", 94: "MP3", 95: "XZ", 96: "JPEG", 97: "WavPack",
    98: "PPMd",
}  # fmt: skip


def zip_method(info: zipfile.ZipInfo) -> str:
    """The compression method of a member zipfile cannot inflate, by name ("" if it can)."""
    method = info.compress_type
    if method in _ZIP_METHODS:
        return ""
    return f"{ZIP_METHOD_NAMES.get(method, 'method')} ({method})"


def _add_zip_member(
    archive: _ZipArchive, handle: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str
) -> None:
    logical = member_path(info.filename, container=shown, allow_leading_slash=False)
    if info.is_dir():
        return
    if zip_method(info):
        # Listed without an opener: said once per archive (archive_notes), never read.
        archive.add(Entry(info.filename, logical, info.file_size, EntryKind.FILE))
        archive.note("method", info.filename)
        archive.methods.add(zip_method(info))
        return
    mode = info.external_attr >> 16 if info.create_system == 3 else 0
    if stat.S_ISLNK(mode):
        target = _read_zip_link(handle, info)
        archive.add(Entry(info.filename, logical, info.file_size, EntryKind.LINK, target))
        archive.note("link_outside" if link_leaves(target, logical) else "link", info.filename)
        return
    if mode and not stat.S_ISREG(mode) and stat.S_IFMT(mode):
        archive.add(Entry(info.filename, logical, info.file_size, EntryKind.SPECIAL))
        archive.note("special", info.filename)
        return

    def opener(info: zipfile.ZipInfo = info) -> BinaryIO:
        return io.BufferedReader(_Guarded(handle.open(info), shown, info.filename), _CHUNK)

    archive.add(Entry(info.filename, logical, info.file_size, EntryKind.FILE, opener=opener))


def _read_zip_link(handle: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    if info.file_size > 4096:
        return ""
    try:
        with handle.open(info) as reader:
            return reader.read(4096).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError):
        return ""


# ---- tar ------------------------------------------------------------------------------------
def _open_tar(
    path: Path,
    container: ContainerInfo,
    limits: Limits,
    spool: Path,
    progress: ProgressReporter,
    password: str | None = None,
) -> Archive:
    head = archive_head(path)
    compressed = head[:2] == b"\x1f\x8b" or head[:3] in (b"BZh", b"\xfd7z")
    try:
        if adb.is_adb_backup(archive_head(path, len(adb.MAGIC))):
            stream, header, where = adb.open_stream(path, container.display, password)
            container.info["adb_backup"] = {
                "version": header.version,
                "compressed": header.compressed,
                "encryption": header.encryption,
            }
            with stream:
                return _stream_tar(path, container, limits, spool, progress, (stream, where))
        if compressed:
            return _stream_tar(path, container, limits, spool, progress)
        return _seek_tar(path, container, limits, progress)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise ContainerError(
            "{archive} cannot be read as a tar archive ({reason}): it is truncated or damaged. "
            "Nothing was imported.",
            archive=container.display,
            reason=archive_reason(exc),
        ) from exc


def archive_head(path: Path, count: int = 8) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(count)


def _tar_entry(archive: Archive, info: tarfile.TarInfo, limits: Limits) -> Entry | None:
    shown = archive.container.display
    logical = member_path(info.name, container=shown, allow_leading_slash=True)
    if info.isdir():
        return None
    if info.issym():
        archive.note("link_outside" if link_leaves(info.linkname, logical) else "link", info.name)
        entry = Entry(info.name, logical, 0, EntryKind.LINK, info.linkname)
        archive.add(entry)
        return None
    if info.islnk():
        archive.note("hard_link", info.name)
        archive.add(Entry(info.name, logical, 0, EntryKind.HARD_LINK, info.linkname))
        return None
    if not info.isreg():
        archive.note("special", info.name)
        archive.add(Entry(info.name, logical, 0, EntryKind.SPECIAL))
        return None
    stored = stored_bytes(info)
    if info.issparse() and info.size > max(limits.ratio_floor, limits.max_ratio * stored):
        # A sparse member (tar --sparse) stores only its data; its holes read as zeros. One
        # that is mostly holes (a preallocated file, or a few bytes claiming gigabytes) is
        # passed over as before, not read into the working folder; the archive stands.
        archive.note("special", info.name)
        archive.add(Entry(info.name, logical, 0, EntryKind.SPECIAL))
        return None
    if info.size > limits.max_member_bytes:
        _check_sizes(shown, info.name, info.size, stored, limits)
    return Entry(info.name, logical, info.size, EntryKind.FILE)


def stored_bytes(info: tarfile.TarInfo) -> int:
    """The bytes a member's data takes in the archive: its size, or for a sparse member the
    sum of its data segments."""
    if info.issparse() and info.sparse is not None:
        return sum(int(segment[1]) for segment in cast(Any, info.sparse))  # (offset, length)
    return info.size


def _seek_tar(
    path: Path, container: ContainerInfo, limits: Limits, progress: ProgressReporter
) -> Archive:
    archive = Archive(container)
    total = path.stat().st_size
    progress.begin(total, msg("listing the archive"), "B")
    read_so_far = 0
    count = 0
    with open(path, "rb") as raw, tarfile.open(fileobj=raw, mode="r:") as tar:
        while True:
            info = tar.next()
            if info is None:
                break
            cast(Any, tar).members.clear()  # keep memory flat over a million members
            count += 1
            if count > limits.max_members:
                raise ContainerError(
                    "{archive} lists more than {limit} members; refused as an archive bomb. "
                    "Nothing was imported.",
                    archive=container.display,
                    limit=limits.max_members,
                )
            if count % 1000 == 0:
                check_cancel(progress)
                progress.advance(tar.offset - read_so_far)
                read_so_far = tar.offset
            entry = _tar_entry(archive, info, limits)
            if entry is None:
                continue
            if info.offset_data + stored_bytes(info) > total:
                raise ContainerError(
                    "{archive}: member {member!r} runs past the end of the file: the archive "
                    "is truncated. Nothing was imported.",
                    archive=container.display,
                    member=info.name,
                )
            if info.issparse():
                entry.opener = _sparse_opener(path, info, container.display)
                with entry.opener() as reader:
                    entry.head = reader.read(HEAD_BYTES)
            else:
                raw.seek(info.offset_data)
                entry.head = raw.read(min(HEAD_BYTES, info.size))
                entry.opener = _slice_opener(
                    path, info.offset_data, info.size, container.display, info.name
                )
            archive.add(entry)
    progress.advance(total - read_so_far)
    return archive


def _stream_tar(
    path: Path,
    container: ContainerInfo,
    limits: Limits,
    spool: Path,
    progress: ProgressReporter,
    unwrapped: tuple[BinaryIO, Callable[[], int]] | None = None,
) -> Archive:
    """One pass over a compressed tar: list it, and keep a copy of what may be needed (SQLite
    files and the companions beside them) in the spool folder; a tar.gz cannot be read at
    random afterwards without decompressing it again from the start. `unwrapped` is the tar
    stream already taken out of its wrapping (an adb backup's) and where its file stands."""
    archive = Archive(container)
    packed = path.stat().st_size
    spool.mkdir(parents=True, exist_ok=True)
    progress.begin(packed, msg("listing the archive"), "B")
    expanded = 0
    count = 0
    reported = 0
    with contextlib.ExitStack() as stack:
        if unwrapped is None:
            raw: BinaryIO = stack.enter_context(open(path, "rb"))
            where = raw.tell
            tar = stack.enter_context(tarfile.open(fileobj=raw, mode="r|*"))
        else:
            stream, where = unwrapped
            tar = stack.enter_context(tarfile.open(fileobj=stream, mode="r|"))
        for info in tar:
            cast(Any, tar).members.clear()
            count += 1
            if count > limits.max_members:
                raise ContainerError(
                    "{archive} lists more than {limit} members; refused as an archive bomb. "
                    "Nothing was imported.",
                    archive=container.display,
                    limit=limits.max_members,
                )
            expanded += stored_bytes(info) + 512  # what inflating gives: holes are not in it
            if expanded > limits.ratio_floor and expanded > limits.max_ratio * packed:
                raise ContainerError(
                    "{archive} expands more than {limit:.0f} times its size; refused as an "
                    "archive bomb. Nothing was imported.",
                    archive=container.display,
                    limit=limits.max_ratio,
                )
            if expanded > limits.max_total_bytes:
                raise ContainerError(
                    "{archive} claims {size} bytes in all, more than the limit of {limit}; "
                    "refused as an archive bomb. Nothing was imported.",
                    archive=container.display,
                    size=expanded,
                    limit=limits.max_total_bytes,
                )
            if count % 200 == 0:
                check_cancel(progress)
                position = where()
                progress.advance(position - reported)
                reported = position
            entry = _tar_entry(archive, info, limits)
            if entry is None:
                continue
            reader = tar.extractfile(info)
            if reader is None:
                continue
            head = reader.read(min(HEAD_BYTES, info.size))
            entry.head = head
            if head.startswith(SQLITE_MAGIC) or info.name.endswith(COMPANION_SUFFIXES):
                target = spool / f"{count:08d}.member"
                with open(target, "wb") as out:
                    out.write(head)
                    shutil.copyfileobj(reader, out, _CHUNK)
                entry.opener = _file_opener(target)
            archive.add(entry)
    return archive


def _file_opener(path: Path) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        return open(path, "rb")

    return opener


def _slice_opener(
    path: Path, offset: int, size: int, shown: str, member: str
) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        handle = open(path, "rb")  # noqa: SIM115 - closed with the stream that wraps it
        handle.seek(offset)
        return io.BufferedReader(_Guarded(_Slice(handle, size), shown, member), _CHUNK)

    return opener


def _sparse_opener(path: Path, info: tarfile.TarInfo, shown: str) -> Callable[[], BinaryIO]:
    """A sparse member's data with its holes as zeros, through tarfile's own reader (which
    knows the GNU and PAX sparse maps), on a handle of its own."""

    def opener() -> BinaryIO:
        handle = open(path, "rb")  # noqa: SIM115 - closed with the stream that wraps it
        try:
            reader = tarfile.open(fileobj=handle, mode="r:").extractfile(info)  # noqa: SIM115
        except (tarfile.TarError, OSError):
            handle.close()
            raise
        if reader is None:
            handle.close()
            raise unreadable(f"{shown}!/{info.name}: not a regular file")
        return io.BufferedReader(_Guarded(_Owning(reader, handle), shown, info.name), _CHUNK)

    return opener


class _Owning(io.RawIOBase):
    """A reader that closes the file handle under it when it is closed."""

    def __init__(self, reader: IO[bytes], handle: BinaryIO) -> None:
        self._reader = reader
        self._handle = handle

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._reader.read(size)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._reader.read(len(buffer))
        memoryview(buffer)[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._reader.close()
        self._handle.close()
        super().close()


class _Slice(io.RawIOBase):
    """`size` bytes of a file from where it stands: a tar member's data, nothing more."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle = handle
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self._left)]
        count = self._handle.readinto(view)  # type: ignore[attr-defined]
        if not count:
            raise unreadable(f"unexpected end of file, {self._left} bytes short")
        self._left -= count
        return int(count)

    def close(self) -> None:
        self._handle.close()
        super().close()


class _Guarded(io.RawIOBase):
    """A member stream whose decompression or checksum failures become OSError, the error
    readers of sources expect (a damaged member is a clear message, not a crash)."""

    def __init__(self, inner: IO[bytes] | io.RawIOBase, shown: str, member: str) -> None:
        self._inner = inner
        self._where = f"{shown}!/{member.lstrip('/')}"

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            return self._inner.read(size) or b""
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise unreadable(f"damaged member {self._where}: {exc}") from exc

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        memoryview(buffer)[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()
