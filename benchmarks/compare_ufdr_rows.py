"""Two case databases left by `bench_containers --keep-db` (old code and new, the same UFDR)
compared row by row: every artifact table and the import's counts, skips and version line,
ids left out (they depend on the order of writing). Prints the differences and exits 1 if
there are any.

    .venv/bin/python -m benchmarks.compare_ufdr_rows OLD.sqlite3 NEW.sqlite3
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys


def digest(path: str) -> dict[str, tuple[int, str]]:
    """Per table: its row count and a hash of its rows (without ids) sorted."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if name.startswith("artifact")
    ]
    found: dict[str, tuple[int, str]] = {}
    for table in sorted(tables):
        columns = [
            row[1]
            for row in conn.execute(f'PRAGMA table_info("{table}")')
            if row[1] != "id" and not row[1].endswith("_id")
        ]
        rows = sorted(
            repr(row) for row in conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"')
        )
        found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    sources = conn.execute(
        "SELECT parser, size, sha256, counts, skipped, schema_version FROM import_sources"
    ).fetchall()
    found["import_sources"] = (len(sources), repr(sorted(sources)))
    conn.close()
    return found


def main() -> None:
    old, new = digest(sys.argv[1]), digest(sys.argv[2])
    differ = [t for t in sorted(set(old) | set(new)) if old.get(t) != new.get(t)]
    for table in sorted(old):
        print(f"{table}: {old[table][0]} rows", "DIFFERS" if table in differ else "same")
    for table in differ:
        print(f"  old {old.get(table)}\n  new {new.get(table)}")
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
