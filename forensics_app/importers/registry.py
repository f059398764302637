"""The importer registry: every module of this package that defines `IMPORTER` (or
`IMPORTERS`) is an importer. Adding one is adding a module; nothing else changes.

`detect` picks, for one database, the importers that read it: all whose structure matches,
except that of several yielding the same kind of artifact only the most specific one reads it
(a macOS chat.db matches both the iOS and the macOS Messages importer).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from forensics_app.importers.base import SqliteImporter
from forensics_app.importers.sqlite import SqliteDatabase


@cache
def all_importers() -> tuple[SqliteImporter, ...]:
    import forensics_app.importers as package

    found: list[SqliteImporter] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        single = getattr(module, "IMPORTER", None)
        if isinstance(single, SqliteImporter):
            found.append(single)
        found.extend(i for i in getattr(module, "IMPORTERS", ()) if isinstance(i, SqliteImporter))
    names = [i.name for i in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise RuntimeError(f"importer names used twice: {sorted(duplicates)}")
    return tuple(found)


def by_name(name: str) -> SqliteImporter:
    for importer in all_importers():
        if importer.name == name:
            return importer
    raise KeyError(name)


def detect(db: SqliteDatabase) -> list[SqliteImporter]:
    matching = [i for i in all_importers() if i.matches(db)]
    matching.sort(key=lambda i: (-i.specificity, i.name))
    chosen: list[SqliteImporter] = []
    for importer in matching:
        if not any(set(importer.yields) & set(other.yields) for other in chosen):
            chosen.append(importer)
    return chosen


def typical_for(logical_path: str) -> list[SqliteImporter]:
    """Importers that expect a file at this path (to explain why such a file was not read)."""
    return [i for i in all_importers() if i.at_typical_path(logical_path)]
