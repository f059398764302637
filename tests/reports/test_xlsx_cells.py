"""The workbook's streamed rows, cell by cell as a spreadsheet reads them: text that looks like
markup, a formula or one of Excel's own escapes stays the text it was; numbers, booleans,
dates and times are typed; a table longer than a sheet goes on over several sheets, each
with its header, filter and the right extent."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from forensics_app.reports import xlsx
from forensics_app.reports.model import Block, Column, Kind, ReportContext, Section, Table
from forensics_app.reports.sections import register_section, unregister_section
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.reports.case_data import CaseData

COLUMNS = [
    Column("text", "Text", Kind.TEXT, 30),
    Column("number", "Number", Kind.INTEGER, 10),
    Column("decimal", "Decimal", Kind.DECIMAL, 10),
    Column("at", "Time", Kind.DATETIME, 18),
    Column("day", "Day", Kind.DATE, 12),
    Column("flag", "Flag", Kind.BOOL, 6),
]
TRICKY: list[tuple[Any, ...]] = [
    ("<r>rich?</r>", 1, 0.5, datetime(2026, 1, 1, 0, 0, tzinfo=UTC), date(2026, 1, 2), True),
    ("_x0041_ stays", -7, 1e-7, datetime(1899, 1, 1, tzinfo=UTC), date(1800, 1, 1), False),
    ("=SUM(A1:A2)", 10**16, float("nan"), None, None, None),
    ("  spaced  ", None, None, "not a time", "not a day", "maybe"),
    ("a & b < c > d", 3, 2.25, datetime(2026, 6, 30, 14, 59, 59, tzinfo=UTC), None, True),
    ("줄\n바꿈\t탭 \u202eRTL", 4, None, None, None, None),
    (12345, "12", None, None, None, None),  # a number in a text column, text in a number one
    ("", None, None, None, None, None),
]


def rows_section(rows: Sequence[Sequence[Any]]) -> type[Section]:
    class Cells(Section):
        id = "xlsx_cells"
        title = "Cells"
        order = 30

        def blocks(self, context: ReportContext) -> Iterator[Block]:
            yield Table(
                id="cells",
                title="Cells",
                columns=COLUMNS,
                rows=lambda: rows,
                count=lambda: len(rows),
            )

    return Cells


@pytest.fixture
def section(request: pytest.FixtureRequest) -> Iterator[type[Section]]:
    made = rows_section(request.param)
    register_section(made)
    yield made
    unregister_section(made.id)


def _report(
    workstation: Workstation, actor: Actor, case_data: CaseData, section_id: str, out: Path
) -> openpyxl.Workbook:
    workstation.reports.generate(
        actor, ReportRequest(case_data.case.id, out, formats=["xlsx"], section_ids=[section_id])
    )
    return openpyxl.load_workbook(out / "report.xlsx")


@pytest.mark.parametrize("section", [TRICKY], indirect=True)
def test_streamed_cells_keep_their_text_and_types(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    section: type[Section],
    tmp_path: Path,
) -> None:
    book = _report(workstation, actor, case_data, section.id, tmp_path / "report")
    sheet = book["Cells"]
    assert [c.value for c in sheet[1]] == [
        "Text",
        "Number",
        "Decimal",
        "Time (KST)",
        "Day",
        "Flag",
    ]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0] == [
        "<r>rich?</r>",
        1,
        0.5,
        datetime(2026, 1, 1, 9, 0),  # 00:00 UTC is 09:00 in Korea
        datetime(2026, 1, 2),
        True,
    ]
    assert sheet.cell(2, 4).is_date and sheet.cell(2, 4).number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet.cell(2, 5).is_date and sheet.cell(2, 5).number_format == "yyyy-mm-dd"
    # Excel's date system starts in 1900: earlier times are shown as text, never as a number.
    # A literal "_x0041_" has its underscore escaped, as Excel writes it, so Excel shows it as
    # typed instead of decoding it to "A" (openpyxl decodes neither, so it shows the escape).
    assert values[1][:2] == ["_x005F_x0041_ stays", -7] and values[1][2] == pytest.approx(1e-7)
    assert values[1][3] == "1899-01-01 08:27:52"  # Seoul's local mean time then
    assert values[1][4] == "1800-01-01" and values[1][5] is False
    assert values[2][0] == "=SUM(A1:A2)" and sheet.cell(4, 1).data_type == "s"
    assert values[2][1] == 10**16 and values[2][2] == "nan"
    assert values[3] == ["  spaced  ", None, None, "not a time", "not a day", "maybe"]
    assert values[4][:3] == ["a & b < c > d", 3, 2.25]
    assert values[4][3] == datetime(2026, 6, 30, 23, 59, 59)
    assert values[5][0] == "줄\n바꿈\t탭 [U+202E]RTL"  # the override shown, not obeyed
    assert values[6][:2] == ["12345", "12"]
    assert sheet.auto_filter.ref == f"A1:F{len(TRICKY) + 1}"
    assert len(values) == len(TRICKY) - 1  # the last row has no cell to show


def _numbered(count: int) -> list[tuple[Any, ...]]:
    return [(f"row {n}", n, None, None, None, n % 2 == 0) for n in range(1, count + 1)]


@pytest.mark.parametrize("section", [_numbered(12)], indirect=True)
def test_a_table_longer_than_a_sheet_goes_on_over_several(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    section: type[Section],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 6)  # a header and five rows per sheet
    book = _report(workstation, actor, case_data, section.id, tmp_path / "report")
    parts = [book[name] for name in ("Cells", "Cells (2)", "Cells (3)")]
    assert [p.max_row for p in parts] == [6, 6, 3]
    assert [p.auto_filter.ref for p in parts] == ["A1:F6", "A1:F6", "A1:F3"]
    numbers = [c.value for p in parts for c in p["B"][1:]]
    assert numbers == list(range(1, 13))
    assert all(p.freeze_panes == "A2" and p["A1"].value == "Text" for p in parts)
    read_only = openpyxl.load_workbook(tmp_path / "report" / "report.xlsx", read_only=True)
    assert read_only["Cells (3)"].calculate_dimension() == "A1:F3"


def test_a_table_title_with_a_tab_or_an_override_makes_a_valid_sheet(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    # A phone's table is titled by its exhibit number, which is typed freely: a tab in it was
    # written into the sheet's name, read back from workbook.xml as a space (XML attribute
    # normalisation), and the report failed with an internal error (KeyError).
    class Titled(Section):
        id = "xlsx_titled"
        title = "Titled"
        order = 30

        def blocks(self, context: ReportContext) -> Iterator[Block]:
            for title in ("메시지 a b\tc", "메시지 EX\u202e1000", "메시지 [x]:\n*"):
                yield Table(
                    id=f"t{len(title)}{title[-1]!r}",
                    title=title,
                    columns=COLUMNS[:1],
                    rows=lambda: [("=1+1",)],
                    count=lambda: 1,
                )

    register_section(Titled)
    try:
        book = _report(workstation, actor, case_data, Titled.id, tmp_path / "report")
    finally:
        unregister_section(Titled.id)
    assert book.sheetnames[-3:] == ["메시지 a b c", "메시지 EX U+202E 1000", "메시지  x"]
    for name in book.sheetnames[-3:]:
        cell = book[name].cell(2, 1)
        assert (cell.value, cell.data_type) == ("=1+1", "s")
