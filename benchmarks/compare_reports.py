"""Compare two report folders of the same case file by file (the HTML's data files, pages and
images; the XLSX workbook part by part; the CSV files; the PDF), to check a speed change left
the contents alone: made by old and new code from the same store (bench_reports --keep, then
its `--child` runs). Prints the files (and workbook parts) that differ.

Each report appends its own entry to the case's custody log, so a report made after another
shows one more custody entry: the custody table, the summary's custody head and signature,
the manifest and its checksums differ for that reason alone.

    .venv/bin/python -m benchmarks.compare_reports OLD_REPORT_FOLDER NEW_REPORT_FOLDER
"""

from __future__ import annotations

import argparse
import hashlib
import zipfile
from pathlib import Path
from typing import IO


def _digest(handle: IO[bytes]) -> str:
    found = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        found.update(chunk)
    return found.hexdigest()


def fingerprints(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256; a workbook counts part by part (`report.xlsx!xl/…`)."""
    found: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for part in book.infolist():
                    with book.open(part) as handle:
                        found[f"{name}!{part.filename}"] = _digest(handle)
            continue
        with path.open("rb") as handle:
            found[name] = _digest(handle)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args()
    old, new = fingerprints(args.old), fingerprints(args.new)
    differ = sorted(name for name in old.keys() & new.keys() if old[name] != new[name])
    print(f"{len(old)} files/parts before, {len(new)} after; {len(differ)} differ")
    for name in sorted(old.keys() - new.keys()):
        print(f"  only before: {name}")
    for name in sorted(new.keys() - old.keys()):
        print(f"  only after: {name}")
    for name in differ:
        print(f"  differs: {name}")


if __name__ == "__main__":
    main()
