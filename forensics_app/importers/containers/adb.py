"""Android adb backups (`adb backup`, a `.ab` file): a few header lines, then a tar stream,
deflated (zlib) when the header says so and AES-256-CBC encrypted when it names the cipher.

Header lines: "ANDROID BACKUP", the format version (1-5), "1" or "0" (compressed), and
"none" or "AES-256"; an encrypted backup adds the user-key salt, the checksum salt, the
PBKDF2 round count, the user-key IV and the master-key blob (hex). The password gives the
user key (PBKDF2-HMAC-SHA1), which decrypts the blob: the master key's IV, the master key and
its checksum (PBKDF2 of the master key, which tells a wrong password from a right one). The
master key decrypts the rest. As Android's BackupManagerService and Android Backup Extractor
write and read it.

The stream is decrypted and inflated as it is read, never written out whole: the tar reader
lists it in one pass (archives._stream_tar) and keeps only the databases.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from forensics_app.importers.containers.base import (
    ContainerError,
    password_required,
    wrong_password,
)

MAGIC = b"ANDROID BACKUP\n"
_LINE_LIMIT = 4096  # the longest header line is the master-key blob: about 200 hex digits
_CHUNK = 1 << 20


@dataclass(frozen=True)
class AdbHeader:
    version: int
    compressed: bool
    encryption: str  # "none" or "AES-256"


def is_adb_backup(head: bytes) -> bool:
    return head.startswith(MAGIC)


def open_stream(
    path: Path, shown: str, password: str | None
) -> tuple[BinaryIO, AdbHeader, Callable[[], int]]:
    """The tar stream inside the backup, decrypted and inflated as it is read, its header, and
    where the file stands (for progress); ContainerError for a header that cannot be read,
    PasswordRequiredError / WrongPasswordError for an encrypted one without its password or
    with another."""
    raw = open(path, "rb")  # noqa: SIM115 - closed with the stream that wraps it
    try:
        header = _header(raw, shown)
        stream: io.RawIOBase | BinaryIO = raw
        if header.encryption == "AES-256":
            key, iv = _master_key(raw, shown, password)
            stream = _Decrypting(raw, key, iv, shown)
        elif header.encryption != "none":
            raise ContainerError(
                "{backup}: an adb backup encrypted with {cipher}, which this program cannot "
                "read. Nothing was imported.",
                backup=shown,
                cipher=header.encryption[:40],
            )
        if header.compressed:
            stream = _Inflating(stream, shown)
    except BaseException:
        raw.close()
        raise
    return cast(BinaryIO, io.BufferedReader(cast(io.RawIOBase, stream), _CHUNK)), header, raw.tell


def _lines(raw: BinaryIO, count: int, shown: str) -> list[str]:
    found = []
    for _ in range(count):
        line = raw.readline(_LINE_LIMIT)
        if not line.endswith(b"\n"):
            raise _damaged(shown)
        found.append(line[:-1].decode("ascii", "replace").strip())
    return found


def _damaged(shown: str) -> ContainerError:
    return ContainerError(
        "{backup}: the header of the adb backup is cut short or damaged. Nothing was imported.",
        backup=shown,
    )


def _header(raw: BinaryIO, shown: str) -> AdbHeader:
    magic, version, compressed, encryption = _lines(raw, 4, shown)
    if magic + "\n" != MAGIC.decode() or not version.isdigit() or compressed not in ("0", "1"):
        raise _damaged(shown)
    return AdbHeader(int(version), compressed == "1", encryption)


def _master_key(raw: BinaryIO, shown: str, password: str | None) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if not password:
        raise password_required(shown)
    user_salt, checksum_salt, rounds, user_iv, blob = _lines(raw, 5, shown)
    try:
        user_salt_b, checksum_salt_b = bytes.fromhex(user_salt), bytes.fromhex(checksum_salt)
        user_iv_b, blob_b = bytes.fromhex(user_iv), bytes.fromhex(blob)
        count = int(rounds)
    except ValueError as exc:
        raise _damaged(shown) from exc
    if not 0 < count <= 10_000_000 or len(user_iv_b) != 16 or len(blob_b) % 16 or not blob_b:
        raise _damaged(shown)
    user_key = hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), user_salt_b, count, 32)
    decryptor = Cipher(algorithms.AES(user_key), modes.CBC(user_iv_b)).decryptor()
    plain = decryptor.update(blob_b) + decryptor.finalize()
    parts = _unpad(plain)
    fields: list[bytes] = []
    at = 0
    while parts is not None and at < len(parts) and len(fields) < 3:
        size = parts[at]
        fields.append(parts[at + 1 : at + 1 + size])
        at += 1 + size
    if len(fields) == 3 and len(fields[0]) == 16 and len(fields[1]) == 32:
        master_iv, master_key, checksum = fields
        if checksum in _checksums(master_key, checksum_salt_b, count):
            return master_key, master_iv
    raise wrong_password(shown)


def _checksums(master_key: bytes, salt: bytes, rounds: int) -> tuple[bytes, bytes]:
    """The master-key checksum as format version 1 computes it (the key's bytes as they are)
    and as versions 2+ do (each byte as a signed Java char, UTF-8 encoded)."""
    mangled = "".join(chr(b if b < 0x80 else 0xFF00 | b) for b in master_key).encode("utf-8")
    return (
        hashlib.pbkdf2_hmac("sha1", master_key, salt, rounds, 32),
        hashlib.pbkdf2_hmac("sha1", mangled, salt, rounds, 32),
    )


def _cut_short(shown: str) -> ContainerError:
    # Raised from inside the tar reader: a UserError passes through it as it is, in the
    # reader's language (an OSError would be worded by tarfile, in English).
    return ContainerError(
        "{backup}: the data of the adb backup ends too early: the file is cut short. Nothing "
        "was imported.",
        backup=shown,
    )


def _unpad(data: bytes) -> bytes | None:
    """PKCS#7 padding removed, or None when it is not valid (a wrong key)."""
    if not data:
        return None
    pad = data[-1]
    if not 1 <= pad <= 16 or data[-pad:] != bytes([pad]) * pad:
        return None
    return data[:-pad]


class _Transforming(io.RawIOBase):
    """A stream made from the one below it, a chunk at a time: `_fill` puts the next bytes in
    `_out` (none: the end)."""

    def __init__(self, inner: io.RawIOBase | BinaryIO, shown: str) -> None:
        self._inner = inner
        self._shown = shown
        self._out = b""

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        raise NotImplementedError

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._out:
            self._fill()
        count = min(len(buffer), len(self._out))
        memoryview(buffer)[:count] = self._out[:count]
        self._out = self._out[count:]
        return count

    def close(self) -> None:
        self._inner.close()
        super().close()


class _Decrypting(_Transforming):
    """AES-256-CBC over the rest of the file, its padding removed at the end."""

    def __init__(self, raw: BinaryIO, key: bytes, iv: bytes, shown: str) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        super().__init__(raw, shown)
        self._decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        self._held = b""  # the last block, kept until the end: it carries the padding
        self._done = False

    def _fill(self) -> None:
        while not self._out and not self._done:
            chunk = self._inner.read(_CHUNK)
            if chunk:
                plain = self._held + self._decryptor.update(chunk)
                cut = len(plain) - 16 if len(plain) >= 16 else 0
                self._out, self._held = plain[:cut], plain[cut:]
            else:
                try:
                    tail = _unpad(self._held + self._decryptor.finalize())
                except ValueError:  # not a whole number of blocks: cut short
                    tail = None
                if tail is None:
                    raise _cut_short(self._shown)
                self._out, self._done = tail, True


class _Inflating(_Transforming):
    """zlib (deflate with its header) over the stream below."""

    def __init__(self, inner: io.RawIOBase | BinaryIO, shown: str) -> None:
        super().__init__(inner, shown)
        self._inflater = zlib.decompressobj()

    def _fill(self) -> None:
        try:
            while not self._out and not self._inflater.eof:
                # Bounded output per step (what is left of the last input first): a small
                # chunk of a bomb cannot fill the memory.
                data = self._inflater.unconsumed_tail or self._inner.read(_CHUNK)
                if not data:
                    raise _cut_short(self._shown)
                self._out = self._inflater.decompress(data, _CHUNK)
        except zlib.error as exc:
            raise ContainerError(
                "{backup}: the data of the adb backup is damaged (it cannot be inflated). "
                "Nothing was imported.",
                backup=self._shown,
            ) from exc
