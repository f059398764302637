"""The workbook and the CSV files as a spreadsheet reads them: typed columns, times in the
named zone, frozen filtered headers, formula-looking text kept as text, Korean intact."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.reports.case_data import FORMULA_TEXT, LONG_TEXT, SCRIPT_TEXT, CaseData
from tests.reports.synthetic import GeneratedArtifacts


def test_xlsx_and_csv_reports(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    workstation.reports.generate(
        actor,
        ReportRequest(
            case_data.case.id,
            out,
            formats=["xlsx", "csv"],
            section_ids=["evidence", "flyers", "block_requests", "charts", generated_section.id],
        ),
    )
    book = openpyxl.load_workbook(out / "report.xlsx")  # not read-only: panes and filters
    assert book.sheetnames[0] == "요약"
    for name in (
        "증거물 목록",
        "증거 파일",
        "관리연속성 로그",
        "전화번호별 발견 현황",
        "Messages",
        "차트",
    ):
        assert name in book.sheetnames
    items = book["증거물 목록"]
    assert items.freeze_panes == "A2"
    assert items.auto_filter.ref == "A1:O4"
    header = [c.value for c in items[1]]
    assert header[7] == "압수 일시 (KST)"
    phone = [c.value for c in items[2]]
    assert phone[0] == "EX-0001"
    assert phone[2] == SCRIPT_TEXT
    assert phone[3] == f"Samsung {FORMULA_TEXT}"  # a formula as text, not a formula
    assert items.cell(2, 4).data_type == "s"
    assert phone[4] == "R58M12AB3CD"
    assert phone[8] == "bell[U+0007] and esc[U+001B] end"
    assert phone[7] == datetime(2026, 4, 30, 10, 0)  # 01:00 UTC is 10:00 in Korea
    assert items.cell(2, 8).is_date
    assert isinstance(phone[12], int) and isinstance(phone[13], int)
    document = [c.value for c in items[3]]
    assert document[2] == LONG_TEXT
    assert "실패: 해시 불일치" in document[14]
    messages = book["Messages"]
    assert messages.max_row == 25_001
    row = [c.value for c in messages[3]]
    assert row[0] == 2 and row[5] is False and isinstance(row[1], datetime)
    assert [c.value for c in messages[2]][4] == "needle-0 특이문자열"
    assert book["차트"]._images  # the charts are pictures on their sheet
    # CSV: one per table, BOM, formulas neutralised, Korean readable by pandas.
    names = sorted(p.name for p in (out / "csv").iterdir())
    assert "evidence_items.csv" in names and "messages.csv" in names and "summary.csv" in names
    raw = (out / "csv" / "evidence_items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (out / "csv" / "evidence_items.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "증거번호" and rows[1][2] == SCRIPT_TEXT
    assert rows[1][3] == f"Samsung {FORMULA_TEXT}"  # starts with a letter: left alone
    numbers = pd.read_csv(out / "csv" / "flyer_numbers.csv", encoding="utf-8-sig", dtype=str)
    assert set(numbers["E.164"]) == {"+821023456789", "+8250512345678"}  # E.164 stays data
    assert numbers.loc[numbers["전화번호"] == "010-2345-6789", "발견 횟수(전단지)"].item() == "2"
    history = pd.read_csv(
        out / "csv" / "block_request_history.csv", encoding="utf-8-sig", dtype=str
    ).fillna("")
    assert len(history) == 9  # two requests: drafted, submitted, approved, sent; one suspended
    first = history[history["요청번호"] == history["요청번호"].iloc[0]]
    assert list(first["변경 상태"])[:4] == ["작성 중", "승인 대기", "승인 완료", "제출 완료"]
    assert list(first["이전 상태"])[:2] == ["", "작성 중"]
    messages_csv = pd.read_csv(out / "csv" / "messages.csv", encoding="utf-8-sig", dtype=str)
    assert len(messages_csv) == 25_000
    assert messages_csv.iloc[2]["Body"].startswith("'=HYPERLINK")
