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

TOOL_EXPORT = "tool_export"  # a tool export's parser names start with it (ToolExportImporter)


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


def shown_title(parser: str, language: str | None = None) -> str:
    """What a parser name (as stored with every import) stands for, in `language` (the
    reader's unless told): an importer's title, Korean from terms.importer; a tool export's
    names its mapping by the mapping's title in that language (the name alone when the mapping
    is no longer there); a name no importer has any more, as it is."""
    from forensics_app import messages
    from forensics_app.importers.containers.ufdr import UfdrImporter

    reader = language or messages.language()
    if parser.startswith(f"{TOOL_EXPORT}:"):
        from forensics_app.importers.containers.mappings import all_mappings
        from forensics_app.importers.containers.tool_export import export_title

        name = parser.split(":")[1]
        mapping = next((m for m in all_mappings() if m.name == name), None)
        return export_title(mapping.shown_title(reader) if mapping else name).render(reader)
    titles = {i.name: i.title for i in all_importers()}
    titles[UfdrImporter.name] = UfdrImporter.title
    return messages.named("importer", parser, titles.get(parser, parser), reader)
