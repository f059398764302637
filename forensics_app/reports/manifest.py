"""The report's integrity files: manifest.json (every file with its size and SHA-256, plus
what the report is) and SHA256SUMS (the same hashes, for `sha256sum -c`). The manifest's own
SHA-256 is what the custody log records."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocking.errors import os_reason
from forensics_app.errors import UserError
from forensics_app.messages import Message, msg

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
FORMAT = "forensics-app-report/1"
MAX_HASH_THREADS = 4


def sha256_of(path: Path) -> tuple[int, str]:
    """(size, SHA-256) of a file; OSError if it cannot be read."""
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
        return handle.tell(), digest.hexdigest()


def report_files(root: Path) -> Iterator[str]:
    """Every regular file under root (POSIX relative paths, sorted), links refused."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                raise UserError("{relative}: a report holds no symbolic links", relative=relative)
            found.append(relative)
    yield from sorted(found)


def write_manifest(root: Path, about: dict[str, Any]) -> str:
    """Hash every file, write SHA256SUMS and manifest.json; returns the manifest's SHA-256.
    The files are hashed by a thread per core (hashlib lets go of the interpreter while it
    hashes): a big report's hundreds of megabytes were hashed on one core while the others
    were idle at the end."""
    names = [r for r in report_files(root) if r not in (MANIFEST, SUMS)]
    with ThreadPoolExecutor(min(os.cpu_count() or 1, MAX_HASH_THREADS)) as pool:
        hashed = list(pool.map(sha256_of, [root / relative for relative in names]))
    entries = [
        {"path": relative, "size": size, "sha256": sha256}
        for relative, (size, sha256) in zip(names, hashed, strict=True)
    ]
    sums = "".join(f"{e['sha256']}  {e['path']}\n" for e in entries)
    (root / SUMS).write_text(sums, encoding="utf-8", newline="\n")
    sums_digest = hashlib.sha256(sums.encode("utf-8")).hexdigest()
    entries.append({"path": SUMS, "size": len(sums.encode("utf-8")), "sha256": sums_digest})
    manifest = {"format": FORMAT, **about, "files": entries}
    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    (root / MANIFEST).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


@dataclass
class FileCheck:
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.added)


@dataclass(frozen=True)
class LoadedManifest:
    root: Path
    sha256: str
    content: dict[str, Any]


def load_manifest(path: Path) -> LoadedManifest:
    """The manifest of the report at `path` (its folder, or manifest.json itself)."""
    root = path.parent if path.name == MANIFEST and path.is_file() else path
    manifest_path = root / MANIFEST
    if not root.exists():
        raise UserError("Not found: {path}", path=path)
    try:
        if stat.S_ISFIFO(os.stat(manifest_path).st_mode):  # reading one waits for ever
            raise _not_a_manifest(manifest_path, _foreign())
        data = manifest_path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(
            "{root} is not a complete report: it has no {MANIFEST} (a report cut short has none).",
            root=root,
            MANIFEST=MANIFEST,
        ) from exc
    except OSError as exc:
        raise UserError(
            "Cannot read {path}: {reason}", path=manifest_path, reason=os_reason(exc)
        ) from exc
    try:
        content = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _not_a_manifest(manifest_path, msg("not UTF-8 text")) from exc
    except json.JSONDecodeError as exc:
        reason = msg("not JSON: line {line}, column {column}", line=exc.lineno, column=exc.colno)
        raise _not_a_manifest(manifest_path, reason) from exc
    files = content.get("files") if isinstance(content, dict) else None
    # Every entry is looked into (check_files): one that is not an object with a text path
    # made verify fail with an internal error.
    if (
        not isinstance(content, dict)
        or content.get("format") != FORMAT
        or not isinstance(files, list)
        or not all(isinstance(e, dict) and isinstance(e.get("path"), str) for e in files)
    ):
        raise _not_a_manifest(manifest_path, _foreign())
    return LoadedManifest(root, hashlib.sha256(data).hexdigest(), content)


def _foreign() -> Message:
    return msg("not the manifest of a report of this program")


def _not_a_manifest(manifest_path: Path, reason: Message) -> UserError:
    return UserError(
        "{manifest_path} is not a report manifest ({exc}).", manifest_path=manifest_path, exc=reason
    )


def check_files(manifest: LoadedManifest) -> FileCheck:
    result = FileCheck()
    listed: set[str] = set()
    root = manifest.root.resolve()
    for entry in manifest.content["files"]:
        relative = str(entry.get("path", ""))
        listed.add(relative)
        target = (root / relative).resolve()
        if root not in target.parents:
            result.changed.append(relative)  # a path leading out of the report: refuse it
            continue
        result.checked += 1
        try:
            if not stat.S_ISREG(os.lstat(target).st_mode):
                # A FIFO put in a file's place made verify wait for ever on opening it; a
                # device or a folder is no more the file that was written.
                result.changed.append(relative)
                continue
            size, sha256 = sha256_of(target)
        except OSError:
            result.missing.append(relative)
            continue
        if sha256 != entry.get("sha256") or size != entry.get("size"):
            result.changed.append(relative)
    for relative in report_files(manifest.root):
        if relative not in listed and relative != MANIFEST:
            result.added.append(relative)
    return result
