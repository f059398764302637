"""CSV exports: formula-looking cells are written as text (OWASP CSV injection)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from forensics_app.errors import UserError
from forensics_app.tabular import safe_cell, write_csv


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1 (650) 253", "'+1 (650) 253"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+821012345678", "+821012345678"),  # exactly an E.164 number: data, not a formula
        ("대출 =1", "대출 =1"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell(value: object, written: object) -> None:
    assert safe_cell(value) == written


def test_write_csv_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    rows = [{"text": '=HYPERLINK("x")', "n": 3, "e164": "+821012345678", "name": "김철수"}]
    assert write_csv(target, rows, ["text", "n", "e164", "name"]) == 1
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Hangul
    table = pd.read_csv(target, dtype=str, encoding="utf-8-sig")
    assert table.iloc[0].to_dict() == {
        "text": "'=HYPERLINK(\"x\")", "n": "3", "e164": "+821012345678", "name": "김철수"
    }  # fmt: skip
    with pytest.raises(UserError, match="Cannot write"):
        write_csv(tmp_path / "missing" / "out.csv", rows, ["text"])
