"""The shared safe-cell helpers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from forensics_app.tabular import (
    EXCEL_MAX_CELL_CHARS,
    SafeCsvWriter,
    excel_text,
    neutralise_csv_cell,
    open_csv,
    visible_text,
    xml_safe_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+821012345678", "+821012345678"),  # an E.164 number is data, not a formula
        ("+82 10 1234 5678", "'+82 10 1234 5678"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("+82 10-1234-5678", "'+82 10-1234-5678"),
        ("-2", "-2"),  # a plain number: a spreadsheet reads it as a number, never a formula
        ("-2+3", "'-2+3"),
        ("-", "-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("＝1+1", "'＝1+1"),
        ("010-1234-5678", "010-1234-5678"),
        ("안녕 =1", "안녕 =1"),
        ("", ""),
    ],
)
def test_owasp_formula_cells_get_a_quote(text: str, expected: str) -> None:
    assert neutralise_csv_cell(text) == expected


def test_control_and_override_characters_become_visible_marks_stay() -> None:
    assert (
        visible_text("a\x07b\x00c\u202ed\u200fe\tf\ng")
        == "a[U+0007]b[U+0000]c[U+202E]d\u200fe\tf\ng"
    )
    assert xml_safe_text("a\x07\u202eb\n") == "a[U+0007]\u202eb\n"  # XML keeps the override


def test_excel_text_fits_a_cell() -> None:
    text = excel_text("가" * 40_000)
    assert len(text) == EXCEL_MAX_CELL_CHARS and text.endswith("[truncated]")


def test_csv_has_a_bom_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    with open_csv(path) as handle:
        SafeCsvWriter(handle).writerows(
            [["번호", "값"], ["=cmd", -5], ["+8210", 1.5], ["+SUM(A1)", "-1"]]
        )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["번호", "값"],
            ["'=cmd", "-5"],
            ["+8210", "1.5"],  # plain numbers, as text or not, stay as they are
            ["'+SUM(A1)", "-1"],
        ]
    with pytest.raises(FileExistsError):
        open_csv(path)
