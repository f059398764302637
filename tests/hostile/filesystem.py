"""Hostile file trees built by code: names that are not UTF-8, unreadable files and folders,
symbolic link loops."""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Iterator
from pathlib import Path

CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
_CAPABILITY_VERSION_3 = 0x20080522


def cp949_name(text: str, suffix: str) -> bytes:
    """A file name as Korean Windows media write it: CP949 bytes, not UTF-8."""
    return text.encode("cp949") + suffix.encode()


def write_bytes_named(folder: Path, name: bytes, data: bytes) -> str:
    """Create folder/name with a name that may not be UTF-8; returns the path as Python
    sees it (undecodable bytes as surrogates)."""
    path = os.fsencode(folder) + b"/" + name
    with open(path, "wb") as handle:
        handle.write(data)
    return os.fsdecode(path)


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


@contextlib.contextmanager
def without_root_read_override() -> Iterator[None]:
    """Make mode 000 mean "unreadable" for this thread even as root: root's read override
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) is lowered, then raised again. A no-op for
    other users, for whom mode 000 already means it."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _Header(_CAPABILITY_VERSION_3, 0), (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    saved = data[0].effective
    data[0].effective &= ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH))
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")
    try:
        yield
    finally:
        header, data = _Header(_CAPABILITY_VERSION_3, 0), (_Data * 2)()
        libc.capget(ctypes.byref(header), data)
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)


def unreadable_tree(root: Path) -> Path:
    """root/evidence with one readable file, one file and one folder nobody may read."""
    folder = root / "evidence"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.bin").write_bytes(b"readable evidence")
    (folder / "secret.bin").write_bytes(b"unreadable evidence")
    (folder / "locked" / "inner.bin").write_bytes(b"inside an unreadable folder")
    (folder / "secret.bin").chmod(0)
    (folder / "locked").chmod(0)
    return folder


def restore_modes(folder: Path) -> None:
    for path in (folder / "secret.bin", folder / "locked"):
        path.chmod(0o755)


def symlink_tree(root: Path) -> Path:
    """root/evidence with a file, a loop to itself, a loop to its parent, a link out of the
    evidence to a folder and one to a file."""
    outside = root / "outside"
    outside.mkdir()
    (outside / "private.txt").write_bytes(b"not evidence")
    folder = root / "evidence"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.bin").write_bytes(b"evidence")
    (folder / "self").symlink_to(folder, target_is_directory=True)
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "away").symlink_to(outside, target_is_directory=True)
    (folder / "file_link").symlink_to(folder / "a.bin")
    return folder
