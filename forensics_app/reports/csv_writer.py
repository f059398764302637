"""One CSV per table (UTF-8 with BOM, so Korean Excel reads it) and summary.csv with the
facts; cells that could start a formula are neutralised (OWASP's CSV-injection rule)."""

from __future__ import annotations

from pathlib import Path

from forensics_app.reports import cells
from forensics_app.reports.builder import Prepared, RowCounter, write_tables
from forensics_app.reports.model import Facts, Table
from forensics_app.tabular import SafeCsvWriter, open_csv

CSV_DIR = "csv"


def write(prepared: Prepared, root: Path) -> None:
    context = prepared.context
    folder = root / CSV_DIR
    folder.mkdir()
    with open_csv(folder / "summary.csv") as handle:
        writer = SafeCsvWriter(handle)
        writer.writerow([context.t("Section"), context.t("Item"), context.t("Value")])
        for plan in prepared.sections:
            for block in plan.blocks:
                if isinstance(block, Facts):
                    for label, value in block.pairs:
                        writer.writerow([plan.title, label, cells.text_of(value, context)])
    tables = [b for plan in prepared.sections for b in plan.blocks if isinstance(b, Table)]
    write_tables(context, tables, lambda table: _table(prepared, table, folder / f"{table.id}.csv"))


def _table(prepared: Prepared, table: Table, path: Path) -> None:
    context = prepared.context
    convert = cells.converters(table.columns, context, visible=False)
    counter = RowCounter(context)
    context.progress.begin(table.count() if table.count else None, table.title, "rows")
    with open_csv(path) as handle:
        writer = SafeCsvWriter(handle)
        writer.writerow([cells.header(c, context) for c in table.columns])
        for row in counter.stream(table):
            writer.writerow([f(v) for f, v in zip(convert, row, strict=True)])
