"""CSV exports: formula-looking cells are written as text (OWASP CSV injection)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.tabular import XLSX_CREATOR, safe_cell, write_csv, write_rows, written_whole


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


def _rows_until_the_disk_is_full(count: int) -> Iterator[tuple[str, str]]:
    for number in range(count):
        yield (str(number), "급전 대출")
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_export_cut_short_leaves_no_partial_file_and_keeps_the_previous_one(
    tmp_path: Path,
) -> None:
    # A full disk left a cut-short CSV that looked complete, over the previous export.
    target = tmp_path / "timeline.csv"
    write_rows(target, ["n", "text"], [("1", "지난 내보내기")])
    before = target.read_bytes()
    with pytest.raises(UserError) as refused:
        write_rows(target, ["n", "text"], _rows_until_the_disk_is_full(1000))
    assert "디스크에 남은 공간이 없습니다" in describe(refused.value, "ko")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.csv"]
    fresh = tmp_path / "new.csv"
    with pytest.raises(UserError):
        write_rows(fresh, ["n", "text"], _rows_until_the_disk_is_full(10))
    assert not fresh.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["timeline.csv"]
    assert write_csv(fresh, [{"n": 1}], ["n"]) == 1 and fresh.read_bytes().startswith(b"\xef")


def test_an_export_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    """`block list --csv db.sqlite3` replaced the database with a CSV, and `--csv` on a
    flyer photo replaced the evidence: only an empty file or one of its own CSVs (UTF-8 with
    a BOM) is replaced."""
    database = tmp_path / "db.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + bytes(100))
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    for path in (database, photo):
        before = path.read_bytes()
        with pytest.raises(UserError, match="not a CSV file written by this program"):
            write_rows(path, ["a"], [["1"]])
        assert path.read_bytes() == before
    previous = tmp_path / "numbers.csv"
    assert write_rows(previous, ["a"], [["1"]]) == 1
    assert write_rows(previous, ["a"], [["2"], ["3"]]) == 2  # its own CSV: replaced
    empty = tmp_path / "empty.csv"
    empty.touch()
    assert write_rows(empty, ["a"], [["1"]]) == 1


def test_an_excel_export_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    """The screens' Excel export replaced any file chosen; the CSV guard's rule for it: an
    empty file or a workbook this program wrote (its creator mark) only."""
    import openpyxl

    database = tmp_path / "db.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + bytes(100))
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    answers = tmp_path / "answers.xlsx"  # a carrier's workbook: openpyxl's own creator
    openpyxl.Workbook().save(answers)
    ours = tmp_path / "ours.xlsx"
    book = openpyxl.Workbook()
    book.properties.creator = XLSX_CREATOR
    book.save(ours)
    ours_csv = tmp_path / "ours.csv"
    write_rows(ours_csv, ["a"], [["1"]])
    for path in (database, photo, answers, ours_csv):
        before = path.read_bytes()
        with (
            pytest.raises(UserError, match="not an Excel file written by this program"),
            written_whole(path, "xlsx") as target,
        ):
            target.write_bytes(b"replaced")
        assert path.read_bytes() == before
    empty = tmp_path / "empty.xlsx"
    empty.touch()
    for path in (ours, empty, tmp_path / "new.xlsx"):
        with written_whole(path, "xlsx") as target:
            target.write_bytes(b"replaced")
        assert path.read_bytes() == b"replaced"
    # and the CSV rule is unchanged
    with pytest.raises(UserError, match="not a CSV file"), written_whole(ours, "csv") as target:
        target.write_bytes(b"replaced")
