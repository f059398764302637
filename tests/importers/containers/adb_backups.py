"""Android adb backups (.ab) generated in code, as `adb backup` writes them: the header lines,
then the tar stream of apps/<package>/… deflated with zlib, and for an encrypted one the
PBKDF2 salts, rounds and IV and the master-key blob (its IV, the key and the key's checksum
under the user key), the stream under the master key (AES-256-CBC, PKCS#7). The encrypting
side exists for test data only; rounds are kept small so tests stay fast."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import zlib
from pathlib import Path

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

TELEPHONY = "apps/com.android.providers.telephony/db/mmssms.db"


def _encrypt(data: bytes, key: bytes, iv: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def _java_chars_utf8(key: bytes) -> bytes:
    """The master key as Android hashes it for its checksum (format 2+): each byte cast to a
    Java char (sign-extended), encoded in UTF-8."""
    return "".join(chr(b if b < 0x80 else 0xFF00 | b) for b in key).encode("utf-8")


def tar_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def build_ab(
    path: Path,
    members: dict[str, bytes],
    *,
    compressed: bool = True,
    password: str | None = None,
    version: int = 5,
    rounds: int = 1000,
) -> Path:
    data = tar_of(members)
    if compressed:
        data = zlib.compress(data)
    header = f"ANDROID BACKUP\n{version}\n{int(compressed)}\n".encode()
    if password is None:
        path.write_bytes(header + b"none\n" + data)
        return path
    user_salt, checksum_salt = os.urandom(64), os.urandom(64)
    user_iv, master_iv, master_key = os.urandom(16), os.urandom(16), os.urandom(32)
    user_key = hashlib.pbkdf2_hmac("sha1", password.encode(), user_salt, rounds, 32)
    hashed = _java_chars_utf8(master_key) if version >= 2 else master_key
    checksum = hashlib.pbkdf2_hmac("sha1", hashed, checksum_salt, rounds, 32)
    blob = bytes([16]) + master_iv + bytes([32]) + master_key + bytes([32]) + checksum
    lines = [
        "AES-256",
        user_salt.hex().upper(),
        checksum_salt.hex().upper(),
        str(rounds),
        user_iv.hex().upper(),
        _encrypt(blob, user_key, user_iv).hex().upper(),
    ]
    path.write_bytes(
        header + "\n".join(lines).encode() + b"\n" + _encrypt(data, master_key, master_iv)
    )
    return path
