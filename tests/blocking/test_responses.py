"""Response files: real CSV/XLSX files in the encodings Korean systems write."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import insert, select

from blocking import (
    Actor,
    Blocking,
    RequestState,
    ResponseFileError,
)
from blocking.clock import ManualClock
from blocking.models import requests_t
from tests.blocking.conftest import mobile, sighting

S = RequestState
KOREAN_HEADER = ["전화번호", "처리결과", "통신사", "접수번호", "처리일자", "비고"]


def submitted(blk: Blocking, examiner: Actor, reviewer: Actor, count: int) -> list[int]:
    """Request ids in the order of mobile(0), mobile(1), …"""
    blk.registry.record_sightings(examiner, [sighting(mobile(i)) for i in range(count)])
    ids = blk.requests.queue_blockable(examiner).created
    blk.requests.submit_for_approval(examiner, ids)
    blk.requests.approve(reviewer, ids)
    blk.requests.transition(reviewer, ids, S.SUBMITTED)
    by_number = {r.national: r.id for r in blk.requests.get_many(ids)}
    return [by_number[mobile(i)] for i in range(count)]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def states(blk: Blocking, ids: list[int]) -> list[RequestState]:
    return [r.state for r in blk.requests.get_many(ids)]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("euc-kr", "euc-kr"),
        ("cp949", "cp949"),
        ("utf-16", "utf-16"),
    ],
)
def test_korean_csv_in_every_encoding(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path, encoding: str, reported: str
) -> None:
    ids = submitted(blk, examiner, reviewer, 2)
    # 똠 exists in CP949 but not in EUC-KR: it tells the two apart.
    note = "똠방각하 확인" if encoding == "cp949" else "정상 처리"
    path = write_csv(
        tmp_path / "회신.csv",
        [
            KOREAN_HEADER,
            [mobile(0), "이용중지", "KT", "KT-2025-001", "2025.03.07", note],
            [mobile(1), "반려", "", "MSIT-9", "2025년 3월 8일", ""],
        ],
        encoding,
    )
    report = blk.responses.import_file(reviewer, path)
    assert report.encoding == reported
    assert report.problems == []
    assert report.committed
    assert [(a.row, a.to_state) for a in report.applied] == [(2, S.SUSPENDED), (3, S.REJECTED)]
    suspended, rejected = blk.requests.get_many(ids)
    assert (suspended.state, suspended.carrier) == (S.SUSPENDED, "KT")
    assert suspended.response_reference == "KT-2025-001"
    assert suspended.suspended_from == date(2025, 3, 7)
    assert suspended.suspended_until == date(2028, 3, 6)
    assert note in blk.requests.history(suspended.id)[-1].note
    assert "회신.csv, row 2" in blk.requests.history(suspended.id)[-1].note
    assert rejected.state is S.REJECTED
    assert rejected.closed_at is not None
    assert rejected.closed_at.isoformat() == "2025-03-07T15:00:00+00:00"


def test_xlsx_with_numeric_numbers_and_date_cells(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids = submitted(blk, examiner, reviewer, 3)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([])  # a blank first row, as exported by some systems
    sheet.append(["Number", "Result", "Carrier", "Reference", "Date", "Until"])
    sheet.append(
        [int(mobile(0).replace("-", "")), "suspended", "SKT", "S-1", date(2025, 3, 5), None]
    )
    sheet.append(
        [mobile(1), "Suspended", "LG U+", "L-1", datetime(2025, 3, 6, 14, 0), date(2025, 6, 5)]
    )
    sheet.append([mobile(2), "정지", "KT", 12345, "20250307", None])
    path = tmp_path / "answers.xlsx"
    workbook.save(path)

    report = blk.responses.import_file(reviewer, path)
    assert report.encoding == "xlsx"
    assert report.problems == []
    assert [a.row for a in report.applied] == [3, 4, 5]
    first, second, third = blk.requests.get_many(ids)
    assert first.state is S.SUSPENDED and first.suspended_from == date(2025, 3, 5)
    assert (second.carrier, second.suspended_until) == ("LG U+", date(2025, 6, 5))
    assert third.response_reference == "12345"
    assert third.suspended_from == date(2025, 3, 7)


def test_xlsx_answers_are_read_from_the_first_visible_sheet(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    # A carrier's workbook with a hidden working sheet first: the answers are the sheet one
    # sees; the hidden one (here stale answers that would reject) must not be applied.
    ids = submitted(blk, examiner, reviewer, 1)
    workbook = Workbook()
    hidden = workbook.active
    assert hidden is not None
    hidden.title = "작업용"
    hidden.sheet_state = "hidden"
    hidden.append(["전화번호", "처리결과"])
    hidden.append([mobile(0), "반려"])
    shown = workbook.create_sheet("회신")
    shown.append(["전화번호", "처리결과", "처리일자"])
    shown.append([mobile(0), "이용중지", "2025-03-07"])
    workbook.active = 1
    path = tmp_path / "answers.xlsx"
    workbook.save(path)

    report = blk.responses.import_file(reviewer, path)
    assert report.problems == []
    assert [(a.row, a.to_state) for a in report.applied] == [(2, S.SUSPENDED)]
    assert states(blk, ids) == [S.SUSPENDED]


def test_bad_rows_are_reported_and_good_rows_applied(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids = submitted(blk, examiner, reviewer, 4)
    blk.registry.record_sightings(examiner, [sighting("010-7777-0000")])  # known, no request
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["number", "result", "carrier", "reference", "date"],
            [mobile(0), "suspended", "KT", "A", "2025-03-07"],  # good
            ["010-9999-9999", "suspended", "KT", "B", "2025-03-07"],  # unknown number
            ["070-123-4567", "suspended", "KT", "C", "2025-03-07"],  # malformed number
            [mobile(1), "maybe", "KT", "D", "2025-03-07"],  # unknown result
            [mobile(2), "suspended", "KT", "E", "31/02/2025"],  # malformed date
            [mobile(3), "restored", "KT", "F", "2025-03-07"],  # impossible step
            ["010-7777-0000", "suspended", "KT", "G", "2025-03-07"],  # no open request
            [mobile(0), "terminated", "KT", "H", "2025-03-08"],  # later row, same number: fine
            [mobile(1), "suspended", "KT", "I", "2099-01-01"],  # future date
            ["", "suspended", "", "", ""],  # no number
        ],
        "utf-8",
    )
    report = blk.responses.import_file(reviewer, path)
    assert report.committed
    assert [(a.row, a.from_state, a.to_state) for a in report.applied] == [
        (2, S.SUBMITTED, S.SUSPENDED),
        (9, S.SUSPENDED, S.TERMINATED),
    ]
    problems = {p.row: p.message for p in report.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8, 10, 11]
    assert "not in the registry" in problems[3]
    assert "070 VoIP" in problems[4]
    assert "Unknown result 'maybe'" in problems[5]
    assert "'31/02/2025' is not a date" in problems[6]
    assert "Impossible step" in problems[7] and "is submitted" in problems[7]
    # only data in the values: words glued into one ("request 4 is submitted") stay English
    impossible = next(p for p in report.problems if p.row == 7)
    assert impossible.values == {
        "shown": mobile(3),
        "request_id": ids[3],
        "state": "submitted",
        "value": "restored",
    }
    assert "no open request" in problems[8]
    assert "in the future" in problems[10]
    assert "No number" in problems[11]
    assert states(blk, ids) == [S.TERMINATED, S.SUBMITTED, S.SUBMITTED, S.SUBMITTED]
    assert [h.to_state for h in blk.requests.history(ids[0])][-2:] == [S.SUSPENDED, S.TERMINATED]


def test_all_or_nothing_and_dry_run(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids = submitted(blk, examiner, reviewer, 2)
    rows = [
        ["number", "result"],
        [mobile(0), "suspended"],
        [mobile(1), "nonsense"],
    ]
    path = write_csv(tmp_path / "r.csv", rows, "utf-8")
    strict = blk.responses.import_file(reviewer, path, all_or_nothing=True)
    assert not strict.committed and strict.applied == [] and len(strict.problems) == 1
    assert states(blk, ids) == [S.SUBMITTED, S.SUBMITTED]

    good = write_csv(tmp_path / "good.csv", rows[:2], "utf-8")
    preview = blk.responses.import_file(reviewer, good, dry_run=True)
    assert not preview.committed and preview.problems == []
    assert states(blk, ids) == [S.SUBMITTED, S.SUBMITTED]
    applied = blk.responses.import_file(reviewer, good, all_or_nothing=True)
    assert applied.committed and len(applied.applied) == 1
    assert states(blk, ids) == [S.SUSPENDED, S.SUBMITTED]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("전화번호,통신사\n010-2000-0000,KT\n".encode("cp949"), "lacks the column(s) result"),
        (b"phone;status;result\n010-2000-0000;a;b\n", "two columns mean 'result'"),
        (b"number,date\n", "lacks the column(s) result"),
        (b"   \n", "is empty"),
        (b"\xff\xfe\x00", "not valid utf-16"),
        (bytes(range(128, 256)) * 3, "not text in UTF-8 or CP949/EUC-KR"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel .xls"),
        (b"PK\x03\x04 not really a zip", "not a readable XLSX"),
    ],
)
def test_unusable_files_apply_nothing(
    blk: Blocking,
    examiner: Actor,
    reviewer: Actor,
    tmp_path: Path,
    content: bytes,
    says: str,
) -> None:
    ids = submitted(blk, examiner, reviewer, 1)
    path = tmp_path / "answers.csv"
    path.write_bytes(content)
    with pytest.raises(ResponseFileError, match=re.escape(says)):
        blk.responses.import_file(reviewer, path)
    assert states(blk, ids) == [S.SUBMITTED]
    with pytest.raises(ResponseFileError, match="does not exist"):
        blk.responses.import_file(reviewer, tmp_path / "missing.csv")


def test_rows_point_at_one_request(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path, clock: ManualClock
) -> None:
    number = "010-8888-0000"
    blk.registry.record_sightings(examiner, [sighting(number)])
    (first,) = blk.requests.queue_blockable(examiner).created
    # a second open request on another route, as the one-request-per-route rule allowed before
    # migration b0002 (which marks it a duplicate of the first)
    with blk.store.write() as conn:
        row = conn.execute(select(requests_t).where(requests_t.c.id == first)).one()._asdict()
        row |= {"route": "agreement", "duplicate_of": first}
        del row["id"]
        second = conn.execute(insert(requests_t).returning(requests_t.c.id), [row]).scalar_one()
    ids = [first, second]
    assert [r.id for r in blk.requests.open_duplicates()] == [second]
    blk.requests.submit_for_approval(examiner, ids)
    blk.requests.approve(reviewer, ids)
    blk.requests.transition(reviewer, ids, S.SUBMITTED)
    by_route = {r.route: r.id for r in blk.requests.get_many(ids)}

    ambiguous = write_csv(tmp_path / "a.csv", [["번호", "결과"], [number, "차단"]], "cp949")
    report = blk.responses.import_file(reviewer, ambiguous)
    assert "add a route or request_id column" in report.problems[0].message

    tab_separated = write_csv(
        tmp_path / "b.tsv",
        [
            ["번호", "결과", "경로", "요청번호"],
            [number, "차단", "agreement", ""],
            [number, "반려", "", str(by_route["lending_act"])],
            [number, "반려", "", "424242"],
        ],
        "utf-8",
        delimiter="\t",
    )
    report = blk.responses.import_file(reviewer, tab_separated)
    assert [(a.request_id, a.to_state) for a in report.applied] == [
        (by_route["agreement"], S.SUSPENDED),
        (by_route["lending_act"], S.REJECTED),
    ]
    assert [p.row for p in report.problems] == [4]
    assert "Request 424242 is not an open request" in report.problems[0].message
    agreement = blk.requests.get(by_route["agreement"])
    today = clock().date()
    assert agreement.suspended_from == today
    assert agreement.suspended_until == date(2025, 6, 9)  # 3 months on the agreement route


def test_a_returned_submission_list_with_a_result_column(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    """Carriers often send our own list back with their answer added: bilingual headers."""
    ids = submitted(blk, examiner, reviewer, 1)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["순번 / No.", "요청번호 / Request ID", "전화번호 / Number", "E.164", "결과"])
    sheet.append([1, ids[0], mobile(0), "+8210...", "이용정지"])
    path = tmp_path / "returned.xlsx"
    workbook.save(path)
    report = blk.responses.import_file(reviewer, path)
    assert report.problems == []
    assert states(blk, ids) == [S.SUSPENDED]
    assert blk.requests.get(ids[0]).suspended_from == (blk.store.now() + timedelta(hours=9)).date()


def test_a_repeated_row_is_said_to_repeat_the_first(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    """Carrier files repeat rows (the same number in another spelling, say): the repeat was an
    'impossible step' from the state the first row had just reached."""
    ids = submitted(blk, examiner, reviewer, 2)
    national = mobile(0)
    path = write_csv(
        tmp_path / "회신.csv",
        [
            KOREAN_HEADER,
            [national, "이용중지", "KT", "R-1", "2025.03.07", ""],
            [mobile(1), "반려", "", "R-2", "2025.03.07", ""],
            ["+82 " + national[1:], "정지", "KT", "R-1", "2025.03.07", "repeat"],
            [national, "해지", "KT", "R-3", "2025.03.08", ""],  # a later answer: applies
        ],
        "cp949",
    )
    report = blk.responses.import_file(reviewer, path)
    assert [(a.row, a.to_state) for a in report.applied] == [
        (2, S.SUSPENDED),
        (3, S.REJECTED),
        (5, S.TERMINATED),
    ]
    (repeat,) = report.problems
    assert (repeat.row, repeat.kind) == (4, "duplicate")
    assert repeat.message == f"Row 4 repeats row 2: {national} is suspended by that row already."
    assert report.problem_kinds == {"duplicate": 1}
    assert states(blk, ids) == [S.TERMINATED, S.REJECTED]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_bom_and_a_row_number_column_named_bunho(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path, encoding: str
) -> None:
    """Two things Korean office files do: UTF-16 written without a BOM (read as UTF-8 its
    headers were 'n\\x00u\\x00…': "lacks the columns"), and a running row number headed 번호
    next to the 전화번호 column (refused: "two columns mean 'number'")."""
    ids = submitted(blk, examiner, reviewer, 2)
    path = write_csv(
        tmp_path / "회신.csv",
        [
            ["번호", "전화번호", "처리결과", "처리일자"],
            ["1", mobile(0), "이용중지", "2025-03-07"],
            ["2", mobile(1), "반려", "2025-03-07"],
        ],
        encoding,
    )
    report = blk.responses.import_file(reviewer, path)
    assert report.encoding == encoding
    assert report.problems == []
    assert states(blk, ids) == [S.SUSPENDED, S.REJECTED]
    # 번호 alone is still the number column; two specific ones are still refused.
    alone = write_csv(tmp_path / "a.csv", [["번호", "결과"], [mobile(5), "정지"]], "utf-8")
    assert blk.responses.import_file(reviewer, alone, dry_run=True).problem_kinds == {
        "not_in_registry": 1
    }
    both = write_csv(tmp_path / "b.csv", [["전화번호", "대상번호", "결과"]], "utf-8")
    with pytest.raises(ResponseFileError, match="two columns mean 'number'"):
        blk.responses.import_file(reviewer, both, dry_run=True)


def test_an_official_answer_with_a_title_above_its_header(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    """Answers from the ministry or KISA open with a title, a date and a sender above the
    header row: the file was refused for the title's lack of a number column."""
    ids = submitted(blk, examiner, reviewer, 2)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["불법광고 전화번호 이용중지 처리 결과"])
    sheet.append(["회신일: 2025-03-08", None, "발신: 과학기술정보통신부"])
    sheet.append([])
    sheet.append(["순번", "전화번호", "처리결과", "처리일자"])
    sheet.append([1, mobile(0), "이용중지", date(2025, 3, 7)])
    sheet.append([2, mobile(1), "반려", date(2025, 3, 7)])
    path = tmp_path / "회신.xlsx"
    workbook.save(path)
    report = blk.responses.import_file(reviewer, path)
    assert report.problems == []
    assert [a.row for a in report.applied] == [5, 6]
    assert states(blk, ids) == [S.SUSPENDED, S.REJECTED]
    # A file with no header at all still says what its first row lacks.
    lines = [[f"참고 {i}", "x"] for i in range(12)] + [["전화번호", "결과"], [mobile(0), "정지"]]
    far = write_csv(tmp_path / "far.csv", lines, "utf-8")
    with pytest.raises(ResponseFileError, match=r"lacks the column\(s\) number, result .*참고 0"):
        blk.responses.import_file(reviewer, far, dry_run=True)
