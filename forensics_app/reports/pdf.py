"""The PDF: WeasyPrint lays out a print version of the report (HTML + CSS paged media).

Korean fonts are embedded (subset) by WeasyPrint; pages are numbered "n / total"; the table
of contents carries page numbers; table headers repeat on every page. Big tables are cut to
their first rows with a line saying how many there are and where the full table is.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from forensics_app.reports import cells
from forensics_app.reports.builder import Prepared, RowCounter
from forensics_app.reports.model import (
    Facts,
    Figure,
    Gallery,
    Paragraph,
    ReportContext,
    Subheading,
    Table,
)
from forensics_app.reports.templating import environment

PDF_NAME = "report.pdf"
PDF_LONG_TEXT = 1_000
WIDE_TABLE_COLUMNS = 6  # more columns than this: the table gets landscape pages
SHARE_CAP = 36  # a hash (66 characters) may wrap rather than starve the columns beside it

log = logging.getLogger(__name__)


def _elsewhere(context: ReportContext, table: Table) -> str:
    from forensics_app.reports.xlsx import sheet_title

    t = context.t
    places = []
    if "html" in context.formats:
        places.append("index.html")
    if "xlsx" in context.formats:
        places.append(t("report.xlsx, sheet “{sheet}”").format(sheet=sheet_title(table.title)))
    if "csv" in context.formats:
        places.append(f"csv/{table.id}.csv")
    if not places:
        return t("Make the report as HTML, XLSX or CSV for the complete table.")
    return t("The complete table: {places}.").format(places=", ".join(places))


def _cell(value: Any, context: ReportContext) -> str:
    text = cells.shown(value, context)
    if len(text) > PDF_LONG_TEXT:
        more = context.t("{count} characters; the full text is in the HTML and XLSX reports")
        text = f"{text[:PDF_LONG_TEXT]}… ({more.format(count=f'{len(text):,}')})"
    return text


def _table(prepared: Prepared, table: Table) -> dict[str, Any]:
    context = prepared.context
    keys = [c.key for c in table.columns]
    unknown = [k for k in table.pdf_columns if k not in keys]
    if unknown:
        raise ValueError(f"table {table.id}: no columns {unknown} to show in the PDF")
    shown = [i for i, k in enumerate(keys) if not table.pdf_columns or k in table.pdf_columns]
    columns = [table.columns[i] for i in shown]
    rows: list[list[str]] = []
    counter = RowCounter(context)
    context.progress.begin(table.count() if table.count else None, table.title, "rows")
    stream = counter.stream(table)
    for row in stream:
        if len(rows) < table.pdf_rows:
            rows.append([_cell(row[i], context) for i in shown])
        elif table.count is not None:
            break  # the count is known: no need to stream the rest
    stream.close()  # a table that stopped early lets go of its source now
    total = table.count() if table.count is not None else counter.rows
    cut = ""
    if total > len(rows):
        cut = (
            context.t("Showing the first {shown:,} of {total:,} rows.").format(
                shown=len(rows), total=total
            )
            + " "
            + _elsewhere(context, table)
        )
    if len(columns) < len(table.columns):
        left_out = ", ".join(c.title for c in table.columns if c not in columns)
        cut = " ".join(
            part
            for part in (
                cut,
                context.t("Columns not shown on paper: {columns}.").format(columns=left_out),
                "" if cut else _elsewhere(context, table),
            )
            if part
        )
    return {
        "type": "table",
        "id": table.id,
        "title": table.title,
        "columns": [
            {
                "title": cells.header(c, context),
                "kind": c.kind.value,
                # Fixed table layout: each column gets its share of the page by its width.
                "share": round(
                    100 * min(c.width, SHARE_CAP) / sum(min(x.width, SHARE_CAP) for x in columns),
                    2,
                ),
            }
            for c in columns
        ],
        "rows": rows,
        "total": total,
        "cut": cut,
        "wide": len(columns) > WIDE_TABLE_COLUMNS,
        "note": table.note,
    }


def _gallery(prepared: Prepared, gallery: Gallery) -> dict[str, Any]:
    context = prepared.context
    files = prepared.galleries[gallery.id]
    shown = files.photos[: gallery.pdf_pictures]
    photos = [
        {
            "file": f"images/{gallery.id}/{copy.file}" if copy.file else None,
            "caption": [cells.shown(line, context) for line in picture.caption],
            "problem": context.t(copy.problem) if copy.problem else "",
        }
        for picture, copy in shown
    ]
    cut = ""
    if len(files.photos) > len(shown):
        cut = context.t("Showing {shown:,} of {total:,} photos.").format(
            shown=len(shown), total=len(files.photos)
        ) + (" " + context.t("All of them are in index.html.") if "html" in context.formats else "")
    return {"type": "gallery", "title": gallery.title, "photos": photos, "cut": cut}


def render_html(prepared: Prepared) -> str:
    """The print version of the report (also what the dialog's preview shows)."""
    context = prepared.context
    sections = []
    for plan in prepared.sections:
        blocks: list[dict[str, Any]] = []
        for block in plan.blocks:
            if isinstance(block, Table):
                blocks.append(_table(prepared, block))
            elif isinstance(block, Facts):
                blocks.append(
                    {
                        "type": "facts",
                        "title": block.title,
                        "pairs": [(label, _cell(v, context)) for label, v in block.pairs],
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
                blocks.append(_gallery(prepared, block))
        sections.append({"id": plan.section.id, "title": plan.title, "blocks": blocks})
    return (
        environment()
        .get_template("print.html.j2")
        .render(
            t=context.t,
            case=context.case,
            generated=cells.shown(context.generated_at, context),
            zone=context.zone_label,
            language=context.translator.language,
            sections=sections,
        )
    )


def write(prepared: Prepared, root: Path) -> None:
    from PIL import ImageFile
    from weasyprint import HTML

    # Importing WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, after which a
    # truncated flyer photo would decode as a grey-filled picture instead of being refused.
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    context = prepared.context
    page = render_html(prepared)
    context.progress.begin(None, context.t("Laying out the PDF"))
    # base_url: the images are files of the report folder; nothing else is fetched.
    document = HTML(string=page, base_url=str(root), url_fetcher=_local_only(root))
    document.write_pdf(root / PDF_NAME)


def _local_only(root: Path) -> Any:
    """WeasyPrint may read files of the report folder, and nothing else (no network)."""
    from weasyprint.urls import URLFetcher

    allowed = root.resolve().as_uri() + "/"

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(allowed):
                raise ValueError(f"a report loads only its own files, not {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file",))
