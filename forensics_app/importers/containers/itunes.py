"""iTunes/Finder backups, plain or encrypted, as a folder or inside an archive.

A backup is recognised by its Manifest.db / Manifest.plist (or an Info.plist that names a
device). Its files are found through Manifest.db: each lives at `<fileID[:2]>/<fileID>`
(iOS 10+; older backups kept them flat), `fileID = sha1("domain-relativePath")`, and is read
under its device path `/<domain>/<relativePath>` so the importers' typical paths apply.

Encrypted backups are opened with the password: the iphone-backup-decrypt library unlocks
the keybag, unwraps each file's key and decrypts, into the working folder only (its own
EncryptedBackup class would decrypt Manifest.db into the system temp folder, so its parts are
used instead). The password is never stored, logged or shown; a wrong one is a clear error.

Device name, model, iOS version, serial number, IMEI and the backup date come from
Info.plist and Manifest.plist onto the phone item.
"""

from __future__ import annotations

import hashlib
import plistlib
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from blocking.errors import os_reason, sqlite_reason
from forensics_app.hashing import hash_file
from forensics_app.importers import registry, sources
from forensics_app.importers.containers.archives import SQLITE_MAGIC, Archive, EntryKind
from forensics_app.importers.containers.base import (
    CataloguedAs,
    ContainerError,
    ContainerFile,
    ContainerInfo,
    ImportOptions,
    MemberSource,
    ScreenableMember,
    check_cancel,
    password_required,
    unreadable,
    wrong_password,
)
from forensics_app.messages import msg
from forensics_app.progress import ProgressReporter

MANIFEST_DB = "Manifest.db"
MANIFEST_PLIST = "Manifest.plist"
INFO_PLIST = "Info.plist"
FLAG_FILE = 1
# A file's name in the backup is the SHA-1 of "domain-relativePath"; a Manifest.db row naming
# anything else ("../../home/…") would make the backup read files outside itself.
_FILE_ID = re.compile(r"[0-9A-Fa-f]{40}")
HEAD_BYTES = 4096


# ---- trees: a backup folder, or a backup inside an archive ------------------------------------
class FolderTree:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.display = str(root)

    def exists(self, name: str) -> bool:
        path = self.root / name
        if not path.is_file() or path.is_symlink():
            return False
        # A linked sub-folder ("3d -> /elsewhere") must not lead the backup out of itself.
        return path.resolve().is_relative_to(self.root.resolve())

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size

    def open(self, name: str) -> BinaryIO:
        return open(self.root / name, "rb")

    def local(self, name: str) -> Path | None:
        return self.root / name

    def shown(self, name: str) -> str:
        return str(self.root / name)


class ArchiveTree:
    def __init__(self, archive: Archive, root: str) -> None:
        self.archive = archive
        self.root = root.rstrip("/")
        self.display = f"{archive.container.display}!{self.root or '/'}"

    def _entry(self, name: str) -> Any:
        entry = self.archive.get(f"{self.root}/{name}")
        if entry is None or entry.kind != EntryKind.FILE or entry.opener is None:
            return None
        return entry

    def exists(self, name: str) -> bool:
        return self._entry(name) is not None

    def size(self, name: str) -> int:
        return int(self._entry(name).size)

    def open(self, name: str) -> BinaryIO:
        entry = self._entry(name)
        if entry is None:
            raise unreadable(f"{self.shown(name)}: not in the archive")
        return entry.opener()

    def local(self, name: str) -> Path | None:
        return None

    def shown(self, name: str) -> str:
        return f"{self.archive.container.display}!{self.root}/{name}"


Tree = FolderTree | ArchiveTree


def is_backup_folder(path: Path) -> bool:
    if (path / MANIFEST_DB).is_file() or (path / MANIFEST_PLIST).is_file():
        return True
    info = path / INFO_PLIST
    if info.is_file():
        try:
            with open(info, "rb") as handle:
                data = plistlib.load(handle)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(data, dict) and (
            "Target Identifier" in data or "Unique Identifier" in data
        )
    return False


def backup_root(archive: Archive) -> str | None:
    """The folder of the archive that holds a backup (its root, or one level down: a backup
    is usually kept in a folder named after the device's UDID)."""
    best: str | None = None
    for path in archive.entries:
        parts = path.strip("/").split("/")
        if parts[-1] in (MANIFEST_DB, MANIFEST_PLIST) and len(parts) <= 2:
            root = "/" + "/".join(parts[:-1]) if len(parts) == 2 else ""
            if best is None or len(root) < len(best):
                best = root
    return best


def file_id(domain: str, relative_path: str) -> str:
    return hashlib.sha1(f"{domain}-{relative_path}".encode(), usedforsecurity=False).hexdigest()


# ---- reading a backup -----------------------------------------------------------------------
def backup_sources(
    tree: Tree,
    container: ContainerInfo,
    options: ImportOptions,
    workdir: Path,
    progress: ProgressReporter,
) -> list[MemberSource]:
    scratch = Path(tempfile.mkdtemp(prefix="backup-", dir=workdir))
    container.scratch = scratch
    manifest_plist = _plist(tree, MANIFEST_PLIST)
    info_plist = _plist(tree, INFO_PLIST)
    _device_facts(container, info_plist, manifest_plist)
    if isinstance(tree, FolderTree):
        container.files += [
            ContainerFile(tree.root / name, name)
            for name in (MANIFEST_DB, MANIFEST_PLIST, INFO_PLIST)
            if tree.exists(name)
        ]
    if not tree.exists(MANIFEST_DB):
        if tree.exists("Manifest.mbdb"):
            raise ContainerError(
                "{backup} is a backup of iOS 9 or older (Manifest.mbdb), which cannot be read "
                "yet. Nothing was imported.",
                backup=tree.display,
            )
        raise ContainerError(
            "{backup} has no Manifest.db: the backup is incomplete (copied while iTunes or "
            "Finder was still writing it?). Nothing was imported.",
            backup=tree.display,
        )
    keys = None
    if manifest_plist.get("IsEncrypted"):
        keys = _unlock(tree, manifest_plist, options, container)
    manifest = _manifest_copy(tree, scratch, keys)
    container.info["encrypted"] = keys is not None
    try:
        return list(_members(tree, container, manifest, keys, scratch, progress))
    finally:
        manifest.close()


def _plist(tree: Tree, name: str) -> dict[str, Any]:
    if not tree.exists(name):
        return {}
    try:
        with tree.open(name) as handle:
            raw = handle.read(64 << 20)  # plists a backup keeps are kilobytes
        data = plistlib.loads(raw)
    except (OSError, plistlib.InvalidFileException, ValueError, EOFError) as exc:
        raise ContainerError(
            "{file} cannot be read as a property list ({reason}). Nothing was imported.",
            file=tree.shown(name),
            reason=os_reason(exc),
        ) from exc
    return data if isinstance(data, dict) else {}


def _device_facts(container: ContainerInfo, info: dict[str, Any], manifest: dict[str, Any]) -> None:
    lockdown = manifest.get("Lockdown") if isinstance(manifest.get("Lockdown"), dict) else {}
    assert isinstance(lockdown, dict)

    def pick(*keys: tuple[dict[str, Any], str]) -> str:
        for source, key in keys:
            value = source.get(key)
            if isinstance(value, str | int) and str(value).strip():
                return str(value).strip()
        return ""

    container.device_name = pick((info, "Device Name"), (lockdown, "DeviceName"))
    container.os_version = pick((info, "Product Version"), (lockdown, "ProductVersion"))
    product = pick((info, "Product Type"), (lockdown, "ProductType"))
    container.item_fields = {
        "make": "Apple" if product or container.os_version else "",
        "model": product,
        "serial_number": pick((info, "Serial Number"), (lockdown, "SerialNumber")),
        "imei": pick((info, "IMEI"), (info, "IMEI 2")),
    }
    when = info.get("Last Backup Date") or manifest.get("Date")
    if isinstance(when, datetime):
        # Property-list dates are UTC.
        container.extracted_at = when if when.tzinfo else when.replace(tzinfo=UTC)
    container.info = {
        "device_name": container.device_name,
        "product_type": product,
        "product_version": container.os_version,
        "build_version": pick((info, "Build Version"), (lockdown, "BuildVersion")),
        "serial_number": container.item_fields["serial_number"],
        "imei": container.item_fields["imei"],
        "phone_number": pick(
            (info, "Phone Number"),
        ),
        "unique_identifier": pick((info, "Unique Identifier"), (lockdown, "UniqueDeviceID")),
        "backup_date": container.extracted_at.isoformat() if container.extracted_at else None,
        "manifest_version": pick(
            (manifest, "Version"),
        ),
        "passcode_set": bool(manifest.get("WasPasscodeSet")),
    }


# ---- encryption ------------------------------------------------------------------------------
class _Keys:
    def __init__(self, keybag: Any) -> None:
        self.keybag = keybag

    def file_key(self, protection_class: int, wrapped: bytes) -> bytes:
        return bytes(self.keybag.unwrap_key_for_class(protection_class, wrapped))


def _unlock(
    tree: Tree, manifest: dict[str, Any], options: ImportOptions, container: ContainerInfo
) -> _Keys:
    from iphone_backup_decrypt import utils
    from iphone_backup_decrypt.exceptions import UnsafeBackupError

    if not options.password:
        raise password_required(tree.display)
    blob = manifest.get("BackupKeyBag")
    if not isinstance(blob, bytes):
        raise ContainerError(
            "{backup}: Manifest.plist says the backup is encrypted but holds no keybag. "
            "Nothing was imported.",
            backup=tree.display,
        )
    try:
        keybag = utils.BackupKeyBag(blob)
        unlocked = keybag.unlock_with_passphrase(options.password.encode("utf-8"))
    except (UnsafeBackupError, ValueError, KeyError, TypeError) as exc:
        raise ContainerError(
            "{backup}: the keybag in Manifest.plist is damaged or unsafe ({reason}). Nothing "
            "was imported.",
            backup=tree.display,
            reason=type(exc).__name__,
        ) from exc
    if not unlocked:
        raise wrong_password(tree.display)
    return _Keys(keybag)


def _decrypt_to(encrypted: Path, key: bytes, target: Path) -> int:
    from iphone_backup_decrypt import utils

    size: int = utils.aes_decrypt_chunked(
        in_filename=str(encrypted), key=key, out_filepath=str(target)
    )
    return size


def _local_copy(tree: Tree, name: str, scratch: Path) -> Path:
    """A file of the tree on this disk: itself for a folder, a copy in the working folder for
    an archive member."""
    local = tree.local(name)
    if local is not None:
        return local
    target = Path(tempfile.mkstemp(prefix="blob-", dir=scratch)[1])
    with tree.open(name) as reader, open(target, "wb") as out:
        shutil.copyfileobj(reader, out, 1 << 20)
    return target


def _manifest_copy(tree: Tree, scratch: Path, keys: _Keys | None) -> sqlite3.Connection:
    """Manifest.db, copied (plain) or decrypted (encrypted) into the working folder and
    opened there; the backup's own file is never opened by SQLite."""
    target = scratch / "Manifest.db"
    if keys is None:
        with tree.open(MANIFEST_DB) as reader, open(target, "wb") as out:
            shutil.copyfileobj(reader, out, 1 << 20)
    else:
        manifest = _plist(tree, MANIFEST_PLIST)
        wrapped = manifest.get("ManifestKey")
        if not isinstance(wrapped, bytes) or len(wrapped) < 8:
            raise ContainerError(
                "{backup}: Manifest.plist holds no usable ManifestKey. Nothing was imported.",
                backup=tree.display,
            )
        protection_class = int.from_bytes(wrapped[:4], "little")
        try:
            key = keys.file_key(protection_class, wrapped[4:])
            _decrypt_to(_local_copy(tree, MANIFEST_DB, scratch), key, target)
        except (ValueError, KeyError) as exc:
            raise wrong_password(tree.display) from exc
    try:
        conn = sqlite3.connect(target, isolation_level=None)
        conn.execute("SELECT fileID, domain, relativePath, flags, file FROM Files LIMIT 1")
    except sqlite3.Error as exc:
        raise ContainerError(
            "{backup}: Manifest.db cannot be read ({reason}). Nothing was imported.",
            backup=tree.display,
            reason=sqlite_reason(exc),
        ) from exc
    return conn


def _blob_name(tree: Tree, found_id: str) -> str | None:
    for name in (f"{found_id[:2]}/{found_id}", found_id):
        if tree.exists(name):
            return name
    return None


def _members(
    tree: Tree,
    container: ContainerInfo,
    manifest: sqlite3.Connection,
    keys: _Keys | None,
    scratch: Path,
    progress: ProgressReporter,
) -> Iterator[MemberSource]:
    rows = manifest.execute(
        "SELECT fileID, domain, relativePath, file FROM Files WHERE flags = ? "
        "ORDER BY domain, relativePath",
        (FLAG_FILE,),
    ).fetchall()
    by_path: dict[str, BackupFile] = {}
    missing_needed: list[str] = []
    missing = 0
    hostile: list[str] = []
    progress.begin(len(rows), msg("reading the backup's manifest"), "files")
    for number, (found_id, domain, stored_path, blob) in enumerate(rows):
        if number % 500 == 0:
            check_cancel(progress)
        progress.advance(1)
        if not isinstance(found_id, str) or not isinstance(domain, str):
            continue
        if not _FILE_ID.fullmatch(found_id):
            hostile.append(found_id)
            continue
        relative = stored_path if isinstance(stored_path, str) else ""
        logical = f"/{domain}/{relative}".rstrip("/")
        name = _blob_name(tree, found_id)
        if name is None:
            missing += 1
            if registry.typical_for(logical):
                missing_needed.append(f"{domain}/{relative}")
            continue
        by_path[logical] = BackupFile(
            container, tree, name, logical, f"{domain}/{relative}", keys, blob, scratch
        )
    for path, member in by_path.items():
        for suffix in sources.COMPANION_SUFFIXES:
            other = by_path.get(path + suffix)
            if other is not None:
                member.companions[suffix] = other
    if hostile:
        container.warnings.append(
            msg(
                "{backup}: {count} file(s) in Manifest.db are not named by a SHA-1 fileID "
                "(e.g. {example}); they were not read: the manifest is damaged or hostile.",
                backup=tree.display,
                count=len(hostile),
                example=hostile[0][:200],
            )
        )
    if missing:
        container.warnings.append(
            msg(
                "{backup}: {count} file(s) listed in Manifest.db are missing from the backup.",
                backup=tree.display,
                count=missing,
            )
        )
    for needed in missing_needed:
        container.warnings.append(
            msg(
                "{backup}: {file} is listed in Manifest.db but missing from the backup; it "
                "cannot be read.",
                backup=tree.display,
                file=needed,
            )
        )
    for path, member in by_path.items():
        if path.endswith(sources.COMPANION_SUFFIXES):
            continue
        head = member.head(HEAD_BYTES)
        if head.startswith(SQLITE_MAGIC) or registry.typical_for(path):
            member.head_cache = head
            yield member


class BackupFile(ScreenableMember):
    """One file of a backup. Plain: read from its blob in place. Encrypted: its first blocks
    decrypted to recognise it, the whole of it decrypted on first read into the working
    folder, and read from there."""

    def __init__(
        self,
        container: ContainerInfo,
        tree: Tree,
        name: str,
        logical: str,
        device_path: str,
        keys: _Keys | None,
        blob: object,
        scratch: Path,
    ) -> None:
        self._tree = tree
        self._name = name
        self._keys = keys
        self._blob = blob if isinstance(blob, bytes) else b""
        self._scratch = scratch
        self._plain: Path | None = None
        self._key: bytes | None = None
        super().__init__(
            container,
            name,
            logical,
            tree.size(name),
            self._open_member,
            display_path=f"{tree.shown(name)} ({device_path})",
        )

    @property
    def size(self) -> int:
        if self._keys is None:
            return self._size
        plain = self._decrypted()
        return plain.stat().st_size if plain is not None else 0

    def fingerprint(self) -> tuple[int, ...]:
        if self._keys is None:
            local = self._tree.local(self._name)
            if local is not None:
                stat = local.stat()
                return (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            return super().fingerprint()
        return (self.size, *super().fingerprint()[1:])

    def _file_key(self) -> bytes | None:
        from iphone_backup_decrypt import utils

        if self._key is not None:
            return self._key
        assert self._keys is not None
        try:
            described = utils.FilePlist(self._blob)
        except (KeyError, IndexError, ValueError, TypeError, plistlib.InvalidFileException):
            return None
        if described.encryption_key is None:
            return None
        try:
            self._key = self._keys.file_key(described.protection_class, described.encryption_key)
        except (ValueError, KeyError):
            return None
        return self._key

    def _decrypted(self) -> Path | None:
        if self._plain is None:
            key = self._file_key()
            if key is None:
                return None
            target = Path(tempfile.mkstemp(prefix="plain-", dir=self._scratch)[1])
            try:
                _decrypt_to(_local_copy(self._tree, self._name, self._scratch), key, target)
            except (ValueError, OSError):
                target.unlink(missing_ok=True)
                return None
            self._plain = target
        return self._plain

    def _open_member(self) -> BinaryIO:
        if self._keys is None:
            return self._tree.open(self._name)
        plain = self._decrypted()
        if plain is None:
            raise unreadable(f"{self.display_path}: cannot be decrypted (no key for it)")
        return open(plain, "rb")

    def head(self, count: int) -> bytes:
        if self._keys is None:
            return super().head(count)
        if self._plain is not None:
            with open(self._plain, "rb") as reader:
                return reader.read(count)
        from iphone_backup_decrypt import utils

        key = self._file_key()
        if key is None:
            return b""
        whole = self._tree.size(self._name)
        wanted = min(whole, (count + 31) // 16 * 16)
        try:
            with self._tree.open(self._name) as reader:
                data = reader.read(wanted)
            if len(data) % 16:
                return b""
            plain = utils.aes_decrypt_cbc(data=data, key=key)
            if wanted == whole:
                plain = utils.remove_cbc_padding(plain)
        except (OSError, ValueError):
            return b""
        return bytes(plain[:count])

    def screen_tables(self) -> set[str] | None:
        if self._keys is not None:
            plain = self._decrypted()
            return _tables_of(plain) if plain is not None else None
        local = self._tree.local(self._name)
        if local is None:
            return super().screen_tables()
        if self.companion("-wal") is not None or self.companion("-journal") is not None:
            return None
        return _tables_of(local)

    def catalogued(self, size: int, sha256: str, md5: str) -> list[CataloguedAs]:
        local = self._tree.local(self._name)
        if local is None:
            return []  # inside an archive: the archive stands for it
        if self._keys is None:
            return [CataloguedAs(str(local), self._name, size, sha256, md5)]
        # Encrypted: the file on disk is the ciphertext, and that is what `verify` re-hashes.
        digest = hash_file(local)
        return [CataloguedAs(str(local), self._name, digest.size, digest.sha256, digest.md5)]


def _tables_of(path: Path) -> set[str] | None:
    """Table names, read without writing: SQLite opened read-only and immutable (only used
    where no -wal or -journal could change what it sees)."""
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            return {
                str(row[0]).lower()
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.Error:
        return None
