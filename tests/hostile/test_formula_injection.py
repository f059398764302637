"""Item 3 of issue 10: every CSV and spreadsheet the product writes keeps formula-looking text as
text (OWASP's CSV-injection rule for CSV; string cells, never formulas, in XLSX)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from blocking.tabular import safe_csv_cell, write_csv_rows, xlsx_row
from forensics_app.tabular import safe_cell, write_rows
from tests.cli.conftest import Cli
from tests.hostile.corpus import FORMULAS, HARMLESS_NUMBERS


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_workstation_csv_keeps_formulas_as_text(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_rows(path, ["value", "=header"], [[f, "x"] for f in FORMULAS]) == len(FORMULAS)
    rows = _read_csv(path)
    assert rows[0] == ["value", "'=header"]
    for (cell, _), formula in zip(rows[1:], FORMULAS, strict=True):
        assert cell == "'" + formula  # the apostrophe says "text" to every spreadsheet
    for number in HARMLESS_NUMBERS:
        assert safe_cell(number) == number


def test_library_csv_and_xlsx_keep_formulas_as_text() -> None:
    buffer = io.StringIO()
    write_csv_rows(buffer, [[f] for f in FORMULAS])
    cells = [row[0] for row in csv.reader(io.StringIO(buffer.getvalue()))]
    assert cells == ["'" + f for f in FORMULAS]
    assert [safe_csv_cell(n) for n in HARMLESS_NUMBERS] == list(HARMLESS_NUMBERS)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    sheet.append(xlsx_row(sheet, [*FORMULAS, "bell\x07", 42]))
    data = io.BytesIO()
    workbook.save(data)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    xlsx_cells = next(load_workbook(io.BytesIO(data.getvalue()))["S"].iter_rows())
    assert [c.data_type for c in xlsx_cells] == ["s"] * (len(FORMULAS) + 1) + ["n"]
    for cell, formula in zip(xlsx_cells, FORMULAS, strict=False):
        # Older openpyxl reads a stored CR back as a line end; newer ones keep it (_x000D_).
        assert cell.value in (formula, formula.replace("\r", "\n"))
    assert xlsx_cells[len(FORMULAS)].value == "bell\\x07"  # XLSX cannot hold BEL: shown, not lost


def test_block_export_and_block_list_csv_keep_hostile_text_as_text(
    team: Cli, tmp_path: Path
) -> None:
    dde, link, plus, minus, at = FORMULAS[:5]
    code, _, err = team(
        "--examiner", "1001", "numbers", "add", "010-1234-5678", "--category", "lending",
        "--place", link, "--case", "C-7",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = team(
        "--examiner", "1001", "block", "queue", "--agency", dde, "--officer", at
    )  # fmt: skip
    assert code == 0, err
    assert team("--examiner", "2002", "block", "approve", "--all")[0] == 0
    folder = tmp_path / "usb"
    folder.mkdir()
    code, out, err = team(
        "--examiner", "2002", "block", "export", "--all-approved", "-o", str(folder),
        "--allow-missing-photos",
    )  # fmt: skip
    assert code == 0, err
    package = Path(out.split("\t")[0])
    with zipfile.ZipFile(package) as archive:
        lists = [n for n in archive.namelist() if n.startswith("lists/")]
        assert lists
        for name in lists:
            data = archive.read(name)
            sheets = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "sheet" in n]
            for sheet_name in sheets:
                xml = zipfile.ZipFile(io.BytesIO(data)).read(sheet_name)
                assert b"<f>" not in xml and b"<f " not in xml, f"a formula in {sheet_name}"
            workbook = load_workbook(io.BytesIO(data))
            found = {
                cell.value: cell.data_type
                for row in workbook["Requests"].iter_rows()
                for cell in row
                if isinstance(cell.value, str)
            }
            assert found[dde] == "s" and found[at] == "s"
            assert any(value.startswith(link) for value in found)  # "place (count)"
            assert all(kind == "s" for kind in found.values())

    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["number", "result", "carrier", "reference"],
                ["010-1234-5678", "suspended", plus, minus],
            ]
        )
    code, _, err = team("--examiner", "2002", "block", "responses", str(answers))
    assert code == 0, err
    listing = tmp_path / "list.csv"
    assert team("block", "list", "--csv", str(listing))[0] == 0
    rows = _read_csv(listing)
    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["officer"] == "'" + at
    assert values["carrier"] == "'" + plus
    assert values["reference"] == "'" + minus
    assert values["e164"] == "+821012345678"  # a number stays a number
