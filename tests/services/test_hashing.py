"""SHA-256 + MD5 in one read pass, and the ways a file can fail to hash."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from forensics_app import hashing
from forensics_app.hashing import (
    FileChangedWhileHashingError,
    FileUnreadableError,
    FileVanishedError,
    StreamDigest,
    hash_file,
)
from forensics_app.progress import Cancelled, NullProgress


@pytest.mark.parametrize(
    "size", [0, 1, hashing.BLOCK_SIZE - 1, hashing.BLOCK_SIZE, 3 * hashing.BLOCK_SIZE + 17]
)
def test_digests_match_hashlib(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    digest = hash_file(path)
    assert digest.size == size
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.md5 == hashlib.md5(data).hexdigest()


def test_file_is_read_exactly_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(os.urandom(2 * hashing.BLOCK_SIZE + 5))
    opened: list[str] = []
    real_open = open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:  # open()'s own arguments
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    hash_file(path)
    assert opened == [str(path)]


class _Sabotage(NullProgress):
    """Does something to the file after the first block has been read."""

    def __init__(self, action: Callable[[], object]) -> None:
        self.action = action
        self.calls = 0

    def advance(self, amount: int = 1, detail: str = "") -> None:
        self.calls += 1
        if self.calls == 1:
            self.action()


def test_file_growing_while_hashed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "growing.bin"
    path.write_bytes(os.urandom(2 * hashing.BLOCK_SIZE))

    def append() -> None:
        with path.open("ab") as handle:
            handle.write(b"more")

    with pytest.raises(FileChangedWhileHashingError, match="changed while it was hashed"):
        hash_file(path, _Sabotage(append))


def test_file_rewritten_in_place_while_hashed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rewritten.bin"
    path.write_bytes(os.urandom(2 * hashing.BLOCK_SIZE))
    before = path.stat().st_mtime_ns

    def rewrite() -> None:
        with path.open("r+b") as handle:
            handle.write(b"X")
        os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))

    with pytest.raises(FileChangedWhileHashingError):
        hash_file(path, _Sabotage(rewrite))


def test_file_deleted_while_hashed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vanishing.bin"
    path.write_bytes(os.urandom(2 * hashing.BLOCK_SIZE))
    with pytest.raises(FileVanishedError, match="vanished"):
        hash_file(path, _Sabotage(path.unlink))


def test_missing_file_and_folder_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileVanishedError, match="not found"):
        hash_file(tmp_path / "nope.bin")
    with pytest.raises(FileUnreadableError, match="folder"):
        hash_file(tmp_path)


def test_cancel_stops_between_blocks(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(3 * hashing.BLOCK_SIZE))

    class CancelAfterFirst(NullProgress):
        seen = 0

        def advance(self, amount: int = 1, detail: str = "") -> None:
            self.seen += amount

        def is_cancelled(self) -> bool:
            return self.seen > 0

    progress = CancelAfterFirst()
    with pytest.raises(Cancelled):
        hash_file(path, progress)
    assert progress.seen == hashing.BLOCK_SIZE


@pytest.mark.parametrize("sizes", [[], [0], [1], [7, 1 << 20, 3], [1 << 20] * 5])
def test_stream_digest_equals_hashlib_over_any_chunks(sizes: list[int]) -> None:
    chunks = [bytes((i * 31 + n) % 256 for i in range(n)) for n in sizes]
    whole = b"".join(chunks)
    with StreamDigest() as digest:
        for chunk in chunks:
            digest.update(chunk)
        assert digest.sha256() == hashlib.sha256(whole).hexdigest()
        assert digest.md5() == hashlib.md5(whole).hexdigest()
        assert digest.size == len(whole)
    with StreamDigest(md5=False) as sha_only:
        for chunk in chunks:
            sha_only.update(chunk)
        assert (sha_only.sha256(), sha_only.md5()) == (hashlib.sha256(whole).hexdigest(), "")
