"""iTunes/Finder backups generated in code, plain and encrypted, laid out as iOS 10+ writes
them: Manifest.db (`Files(fileID, domain, relativePath, flags, file)`), Manifest.plist,
Info.plist and each file at `<fileID[:2]>/<fileID>`.

The encrypting side exists for test data only (the product only decrypts, through the
iphone-backup-decrypt library). It follows the format that library reads: a keybag of
TLV records whose class keys are wrapped (RFC 3394) with a key derived from the password
(PBKDF2-SHA256 over DPSL/DPIC, then PBKDF2-SHA1 over SALT/ITER); Manifest.db and every file
encrypted with AES-256-CBC, zero IV, PKCS#7 padding, under keys wrapped by class keys. Built
with `cryptography`, iteration counts kept small so tests stay fast.
"""

from __future__ import annotations

import hashlib
import os
import plistlib
import sqlite3
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.keywrap import aes_key_wrap

SMS = ("HomeDomain", "Library/SMS/sms.db")
CALLS = ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata")
CONTACTS = ("HomeDomain", "Library/AddressBook/AddressBook.sqlitedb")
PROTECTION_CLASS = 3
BACKUP_DATE = datetime(2024, 3, 5, 1, 2, 3, tzinfo=UTC)


def file_id(domain: str, relative_path: str) -> str:
    return hashlib.sha1(f"{domain}-{relative_path}".encode()).hexdigest()


def _tlv(tag: bytes, value: bytes | int) -> bytes:
    data = struct.pack(">L", value) if isinstance(value, int) else value
    return tag + struct.pack(">L", len(data)) + data


def _encrypt(data: bytes, key: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(b"\x00" * 16)).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def _pbkdf2(algorithm: hashes.HashAlgorithm, secret: bytes, salt: bytes, rounds: int) -> bytes:
    return PBKDF2HMAC(algorithm=algorithm, length=32, salt=salt, iterations=rounds).derive(secret)


@dataclass
class Keys:
    password: str
    dpsl: bytes = field(default_factory=lambda: os.urandom(20))
    salt: bytes = field(default_factory=lambda: os.urandom(20))
    dpic: int = 10
    iterations: int = 10
    class_keys: dict[int, bytes] = field(
        default_factory=lambda: {c: os.urandom(32) for c in range(1, 12)}
    )

    def passphrase_key(self) -> bytes:
        first = _pbkdf2(hashes.SHA256(), self.password.encode(), self.dpsl, self.dpic)
        return _pbkdf2(hashes.SHA1(), first, self.salt, self.iterations)

    def keybag(self) -> bytes:
        wrapping = self.passphrase_key()
        blob = _tlv(b"VERS", 3) + _tlv(b"TYPE", 1) + _tlv(b"UUID", os.urandom(16))
        blob += _tlv(b"HMCK", os.urandom(40)) + _tlv(b"WRAP", 0) + _tlv(b"SALT", self.salt)
        blob += _tlv(b"ITER", self.iterations) + _tlv(b"DPWT", 1) + _tlv(b"DPIC", self.dpic)
        blob += _tlv(b"DPSL", self.dpsl)
        for number, key in self.class_keys.items():
            blob += _tlv(b"UUID", os.urandom(16)) + _tlv(b"CLAS", number) + _tlv(b"WRAP", 2)
            blob += _tlv(b"KTYP", 0) + _tlv(b"WPKY", aes_key_wrap(wrapping, key))
        return blob

    def wrap(self, key: bytes, protection_class: int = PROTECTION_CLASS) -> bytes:
        return aes_key_wrap(self.class_keys[protection_class], key)


def _file_plist(size: int, wrapped_key: bytes | None) -> bytes:
    stamp = int(BACKUP_DATE.timestamp())
    record: dict[str, object] = {
        "$class": plistlib.UID(3 if wrapped_key else 2),
        "ProtectionClass": PROTECTION_CLASS,
        "Size": size,
        "LastModified": stamp,
        "LastStatusChange": stamp,
        "Birth": stamp,
        "Mode": 0o100644,
        "UserID": 501,
        "GroupID": 501,
        "InodeNumber": 1234,
        "RelativePath": plistlib.UID(0),
    }
    objects: list[object] = ["$null", record]
    if wrapped_key is not None:
        record["EncryptionKey"] = plistlib.UID(2)
        objects.append(
            {
                "NS.data": struct.pack("<L", PROTECTION_CLASS) + wrapped_key,
                "$class": plistlib.UID(4),
            }
        )
    objects.append({"$classname": "MBFile", "$classes": ["MBFile", "NSObject"]})
    if wrapped_key is not None:
        objects.append(
            {"$classname": "NSMutableData", "$classes": ["NSMutableData", "NSData", "NSObject"]}
        )
    archive = {
        "$version": 100000,
        "$archiver": "NSKeyedArchiver",
        "$top": {"root": plistlib.UID(1)},
        "$objects": objects,
    }
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)


INFO = {
    "Device Name": "김민수의 iPhone",
    "Display Name": "김민수의 iPhone",
    "Product Type": "iPhone14,5",
    "Product Version": "17.4",
    "Build Version": "21E219",
    "Serial Number": "F2LXK0AAAAAA",
    "IMEI": "356789101234567",
    "Phone Number": "+82 10-2222-3333",
    "Unique Identifier": "00008110-001A2B3C4D5E6F70",
    "Target Identifier": "00008110-001a2b3c4d5e6f70",
}


def build_backup(
    root: Path,
    files: Mapping[tuple[str, str], bytes],
    *,
    password: str | None = None,
    missing: tuple[tuple[str, str], ...] = (),
    extra_listed: int = 0,
) -> Path:
    """A backup folder holding `files` ({(domain, relativePath): content}); `missing` are
    listed in Manifest.db without their blob; `extra_listed` more listed files are absent."""
    root.mkdir(parents=True, exist_ok=True)
    keys = Keys(password) if password is not None else None
    manifest = root / "Manifest.db"
    plain_manifest = root / "Manifest.plain.db" if keys else manifest
    conn = sqlite3.connect(plain_manifest)
    conn.execute(
        "CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)"
    )
    conn.execute("CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)")
    listed = dict(files)
    for key in missing:
        listed.setdefault(key, b"")
    for number in range(extra_listed):
        listed.setdefault(("CameraRollDomain", f"Media/DCIM/100APPLE/IMG_{number:04d}.HEIC"), b"")
    for (domain, relative), content in listed.items():
        found = file_id(domain, relative)
        file_key = os.urandom(32)
        wrapped = keys.wrap(file_key) if keys else None
        conn.execute(
            "INSERT INTO Files VALUES (?, ?, ?, 1, ?)",
            (found, domain, relative, _file_plist(len(content), wrapped)),
        )
        if (domain, relative) in missing or (domain, relative) not in files:
            continue
        blob = root / found[:2] / found
        blob.parent.mkdir(exist_ok=True)
        blob.write_bytes(_encrypt(content, file_key) if keys else content)
    for folder in sorted({d for d, _ in listed}):
        conn.execute(
            "INSERT INTO Files VALUES (?, ?, '', 2, ?)",
            (file_id(folder, ""), folder, _file_plist(0, None)),
        )
    conn.commit()
    conn.close()
    manifest_plist: dict[str, object] = {
        "IsEncrypted": keys is not None,
        "Version": "10.0",
        "Date": BACKUP_DATE.replace(tzinfo=None),
        "WasPasscodeSet": True,
        "Lockdown": {
            "DeviceName": INFO["Device Name"],
            "ProductType": INFO["Product Type"],
            "ProductVersion": INFO["Product Version"],
            "SerialNumber": INFO["Serial Number"],
            "BuildVersion": INFO["Build Version"],
            "UniqueDeviceID": INFO["Unique Identifier"],
        },
    }
    if keys is not None:
        manifest_key = os.urandom(32)
        manifest_plist["BackupKeyBag"] = keys.keybag()
        manifest_plist["ManifestKey"] = struct.pack("<L", PROTECTION_CLASS) + keys.wrap(
            manifest_key
        )
        manifest.write_bytes(_encrypt(plain_manifest.read_bytes(), manifest_key))
        plain_manifest.unlink()
    (root / "Manifest.plist").write_bytes(plistlib.dumps(manifest_plist, fmt=plistlib.FMT_BINARY))
    info = {**INFO, "Last Backup Date": BACKUP_DATE.replace(tzinfo=None)}
    (root / "Info.plist").write_bytes(plistlib.dumps(info))
    (root / "Status.plist").write_bytes(plistlib.dumps({"IsFullBackup": False, "Version": "3.3"}))
    return root
