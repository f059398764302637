"""The HTML report: one folder that opens offline in any browser.

index.html holds the text and the first page of each table (readable without scripts); the
rows live in data/<table>/<n>.js files, loaded on demand by assets/report.js with a script
element (the one way a page opened from disk may load more of itself: fetch() of a file:
URL is refused by Chromium). The page pages, searches and sorts in the browser; it never
puts a whole table into the document. Nothing in the folder refers to the network.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forensics_app.reports import cells
from forensics_app.reports.builder import Prepared, RowCounter, SectionPlan, TableJob
from forensics_app.reports.model import (
    Facts,
    Figure,
    Gallery,
    Paragraph,
    ReportContext,
    Subheading,
    Table,
)
from forensics_app.reports.templating import environment, resource_path

CHUNK_ROWS = 10_000
PAGE_ROWS = 100
LONG_TEXT = 300  # characters shown before "show all"
GALLERY_PAGE = 48  # photos per page of a gallery
DATA_DIR = "data"
ASSETS = ("report.css", "report.js")
# Korean fonts copied beside the page so it looks the same on a machine without them
# (SIL Open Font License); looked up where Debian's fonts-nanum puts them.
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
FONT_DIRS = (Path("/usr/share/fonts/truetype/nanum"), Path("/usr/local/share/fonts"))
_SAFE_ID = re.compile(r"[^a-z0-9_-]")
_LINE_SEPARATOR = "\u2028".encode()
_PARAGRAPH_SEPARATOR = "\u2029".encode()


@dataclass
class TableMeta:
    id: str
    title: str
    columns: list[dict[str, str]]
    total: int = 0
    chunks: int = 0
    first_rows: list[list[str]] = field(default_factory=list)


def _js_string(text: str) -> str:
    """A single-quoted JavaScript string literal (the rows' JSON needs no double escaping)."""
    return _js_bytes(text.encode("utf-8")).decode("utf-8")


def _js_bytes(data: bytes) -> bytes:
    """`_js_string` of UTF-8 text, on the bytes."""
    return (
        b"'"
        + data.replace(b"\\", b"\\\\")
        .replace(b"'", b"\\'")
        .replace(b"\n", b"\\n")
        .replace(b"\r", b"\\r")
        .replace(_LINE_SEPARATOR, b"\\u2028")
        .replace(_PARAGRAPH_SEPARATOR, b"\\u2029")
        + b"'"
    )


def _write_chunk(folder: Path, table_id: str, index: int, lines: list[bytes]) -> None:
    path = folder / f"{index:05d}.js"
    payload = b"".join(
        (
            b"FR.chunk(",
            _js_bytes(table_id.encode("utf-8")),
            f",{index},".encode("ascii"),
            _js_bytes(b"\n".join(lines)),
            b");\n",
        )
    )
    path.write_bytes(payload)


def write_table(context: ReportContext, table: Table, root: Path) -> TableMeta:
    table_id = _SAFE_ID.sub("_", table.id.lower())
    folder = root / DATA_DIR / table_id
    folder.mkdir(parents=True)
    encode = cells.json_rows(table.columns, context)
    meta = TableMeta(
        id=table_id,
        title=table.title,
        columns=[{"title": cells.header(c, context), "kind": c.kind.value} for c in table.columns],
    )
    lines: list[bytes] = []
    counter = RowCounter(context)
    context.progress.begin(table.count() if table.count else None, table.title, "rows")
    for row in counter.stream(table):
        if meta.total < PAGE_ROWS:
            meta.first_rows.append([cells.shown(v, context) for v in row])
        lines.append(encode(row))
        meta.total += 1
        if len(lines) == CHUNK_ROWS:
            _write_chunk(folder, table_id, meta.chunks, lines)
            meta.chunks += 1
            lines = []
    if lines:
        _write_chunk(folder, table_id, meta.chunks, lines)
        meta.chunks += 1
    return meta


def _font_files() -> list[Path]:
    found = []
    for name in FONT_FILES:
        for folder in FONT_DIRS:
            if (folder / name).is_file():
                found.append(folder / name)
                break
    return found


def _tables(plans: Sequence[SectionPlan]) -> list[Table]:
    return [block for plan in plans for block in plan.blocks if isinstance(block, Table)]


def start_tables(
    context: ReportContext, plans: Sequence[SectionPlan], root: Path
) -> TableJob[TableMeta]:
    """The data files of every table of the planned sections, begun now (see `TableJob`);
    `write` finishes them."""
    return TableJob(context, _tables(plans), lambda table: write_table(context, table, root))


def write(prepared: Prepared, root: Path, written: list[TableMeta] | None = None) -> None:
    """The page and its data (`written`: what the job `start_tables` began made, one per
    table of the sections)."""
    context = prepared.context
    if written is None:
        written = start_tables(context, prepared.sections, root).finish()
    assets = root / "assets"
    assets.mkdir()
    for name in ASSETS:
        shutil.copyfile(resource_path("assets", name), assets / name)
    fonts = []
    for font in _font_files():
        shutil.copyfile(font, assets / font.name)
        fonts.append(font.name)
    if fonts:
        faces = [
            '@font-face { font-family: "NanumGothic Report"; '
            f'src: url("{name}") format("truetype"); '
            f"font-weight: {'bold' if 'Bold' in name else 'normal'}; }}"
            for name in fonts
        ]
        (assets / "fonts.css").write_text("\n".join(faces) + "\n", encoding="utf-8")
    sections: list[dict[str, Any]] = []
    tables: dict[str, dict[str, Any]] = {}
    every_table = _tables(prepared.sections)
    metas = dict(zip([id(table) for table in every_table], written, strict=True))
    for plan in prepared.sections:
        blocks: list[dict[str, Any]] = []
        for block in plan.blocks:
            if isinstance(block, Table):
                meta = metas[id(block)]
                tables[meta.id] = {
                    "title": meta.title,
                    "columns": meta.columns,
                    "total": meta.total,
                    "chunks": meta.chunks,
                    "chunkRows": CHUNK_ROWS,
                }
                blocks.append({"type": "table", "meta": meta, "note": block.note})
            elif isinstance(block, Facts):
                blocks.append(
                    {
                        "type": "facts",
                        "title": block.title,
                        "pairs": [(label, cells.shown(v, context)) for label, v in block.pairs],
                    }
                )
            elif isinstance(block, Paragraph):
                blocks.append({"type": "paragraph", "text": block.text, "style": block.style})
            elif isinstance(block, Subheading):
                blocks.append({"type": "subheading", "text": block.text})
            elif isinstance(block, Figure):
                figure = prepared.figures[block.id]
                blocks.append({"type": "figure", "title": block.title, "file": figure.file})
            elif isinstance(block, Gallery):
                blocks.append(_gallery(prepared, block, root))
        sections.append({"id": plan.section.id, "title": plan.title, "blocks": blocks})
    page = (
        environment()
        .get_template("report.html.j2")
        .render(
            t=context.t,
            case=context.case,
            generated=cells.shown(context.generated_at, context),
            zone=context.zone_label,
            language=context.translator.language,
            sections=sections,
            tables=tables,
            fonts=fonts,
            page_rows=PAGE_ROWS,
            gallery_page=GALLERY_PAGE,
            long_text=LONG_TEXT,
            strings=_script_strings(context.t),
        )
    )
    (root / "index.html").write_text(page, encoding="utf-8")


def _gallery(prepared: Prepared, gallery: Gallery, root: Path) -> dict[str, Any]:
    """The first page of photos in the page itself; all of them in data/<gallery>/photos.js,
    which the script pages through (5,000 figures in the document took seconds to parse)."""
    files = prepared.galleries[gallery.id]
    gallery_id = _SAFE_ID.sub("_", gallery.id.lower())
    photos = []
    for picture, copy in files.photos:
        photos.append(
            {
                "file": f"images/{gallery.id}/{copy.file}" if copy.file else None,
                "width": copy.width,
                "height": copy.height,
                "caption": [cells.shown(line, prepared.context) for line in picture.caption],
                "problem": prepared.context.t(copy.problem) if copy.problem else "",
                "anchor": picture.anchor,
            }
        )
    if len(photos) > GALLERY_PAGE:
        folder = root / DATA_DIR / gallery_id
        folder.mkdir(parents=True)
        data = json.dumps(photos, ensure_ascii=False, separators=(",", ":"))
        (folder / "photos.js").write_text(
            f"FR.photos({_js_string(gallery_id)},{_js_string(data)});\n", encoding="utf-8"
        )
    return {
        "type": "gallery",
        "id": gallery_id,
        "title": gallery.title,
        "photos": photos[:GALLERY_PAGE],
        "total": len(photos),
        "note": gallery.note,
    }


def _script_strings(t: Any) -> dict[str, str]:
    """Words the page's script shows, in the report's language."""
    english: Sequence[str] = (
        "Search",
        "rows",
        "of",
        "Page",
        "First",
        "Previous",
        "Next",
        "Last",
        "Rows per page",
        "matches",
        "Loading",
        "Sorting",
        "Show all",
        "Show less",
        "characters",
        "No rows",
        "Clear",
        "photos",
    )
    return {word: t(word) for word in english}
