"""`numbers` and `block` on the command line, end to end on both databases."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest

from forensics_app.services import Workstation
from tests.cli.conftest import Cli, lines
from tests.conftest import PASSWORD

PRINTED = ["O1O-l234-5678", "공일공 구팔칠육 오사삼이", "０５０５-１２３-４５６７８", "1588-1234"]


@pytest.fixture
def team(signed_in: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr("sys.stdin", lines(PASSWORD))
    code, _, err = signed_in(
        "--examiner", "1001", "examiner", "add", "Lee", "--badge", "2002", "--role", "reviewer",
        "--password-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "C-7")[0] == 0
    for printed in PRINTED:
        code, _, err = signed_in(
            "--examiner", "1001", "numbers", "add", printed, "--category", "lending",
            "--place", "수원역", "--case", "C-7",
        )  # fmt: skip
        assert code == 0, err
    return signed_in


def test_numbers_are_normalised_refused_with_reasons_and_listed(team: Cli, tmp_path: Path) -> None:
    for printed, reason in [("070-123-4567", "070 VoIP"), ("+1 202 555 0100", "foreign")]:
        code, _, err = team("--examiner", "1001", "numbers", "add", printed, "--category", "other")
        assert code == 2 and reason in err and "Traceback" not in err
    out_file = tmp_path / "numbers.csv"
    code, out, _ = team("numbers", "--case", "C-7", "--csv", str(out_file))
    assert code == 0 and "4 rows" in out
    assert out_file.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens Hangul right
    with out_file.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["e164"] for r in rows} == {
        "+821012345678", "+821098765432", "+8250512345678", "+8215881234",
    }  # fmt: skip
    assert {r["type"] for r in rows} == {"mobile", "personal", "uan"}
    code, out, _ = team("numbers", "show", "010 1234 5678")
    assert code == 0 and "area: 수원역 (1)" in out


def test_queue_four_eyes_export_and_responses(
    team: Cli, tmp_path: Path, workstation: Workstation
) -> None:
    code, out, _ = team("--examiner", "1001", "block", "queue")
    assert code == 0 and "queued 4 requests (awaiting approval)" in out
    code, _, err = team("--examiner", "1001", "block", "approve", "--all")
    assert code == 2 and "approves their own" in err
    code, _, err = team("--examiner", "1001", "block", "approve", "1")
    assert code == 2 and "Traceback" not in err
    code, out, _ = team("--examiner", "2002", "block", "approve", "--all")
    assert code == 0 and "4 requests approved" in out

    missing = tmp_path / "missing"
    code, _, err = team(
        "--examiner", "2002", "block", "export", "--all-approved", "-o", str(missing)
    )
    assert code == 2 and "does not exist" in err
    code, out, _ = team("block", "list", "--state", "approved")
    assert len(out.splitlines()) == 4  # nothing moved
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = team(
        "--examiner", "2002", "block", "export", "--all-approved", "-o", str(folder),
        "--allow-missing-photos",
    )  # fmt: skip
    assert code == 0, err
    package = Path(out.split("\t")[0])
    names = zipfile.ZipFile(package).namelist()
    assert any(n.endswith(".xlsx") for n in names)
    export_entry = workstation.custody.entries()[0]
    assert export_entry.action == "export"
    assert json.loads(export_entry.details)["sha256"] in out

    answers = tmp_path / "회신.csv"
    answers.write_bytes(
        "전화번호,결과,통신사,접수번호\n"
        "010-1234-5678,이용중지,SKT,R-1\n"
        "010-9876-5432,반려,KT,R-2\n"
        "010-0000-0000,이용중지,KT,R-3\n".encode("cp949")
    )
    code, out, err = team("--examiner", "2002", "block", "responses", str(answers), "--dry-run")
    assert code == 4 and "nothing applied" in out and "row 4" in err  # done, with failures
    assert "2 would be applied" in out  # what the good rows would do
    assert "suspended" not in team("block", "list", "--state", "suspended")[1]
    code, out, err = team("--examiner", "2002", "block", "responses", str(answers))
    assert code == 4  # one bad row, reported; the good ones are applied
    assert "2 applied" in out and ("(euc-kr)" in out or "(cp949)" in out)
    states = {
        line.split("\t")[2]: line.split("\t")[6] for line in team("block", "list")[1].splitlines()
    }
    assert states["010-1234-5678"] == "suspended" and states["010-9876-5432"] == "rejected"
    assert workstation.custody.entries()[0].action == "import"
    code, out, _ = team("block", "show", "1")
    assert "approved → submitted" in out and "submitted → suspended" in out


def test_block_without_ids_or_with_bad_options(team: Cli) -> None:
    code, _, err = team("--examiner", "2002", "block", "approve")
    assert code == 2 and "--all" in err
    with pytest.raises(SystemExit) as info:
        team("block", "list", "--state", "sleeping")
    assert info.value.code == 2


def test_nothing_to_approve_or_export_is_said_in_korean(
    team: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # These two refusals were plain strings, never in the catalog: English under ko.
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, _, err = team("--examiner", "2002", "block", "approve", "--all")
    assert code == 2 and "승인을 기다리는 요청이 없습니다" in err, err
    code, _, err = team("--examiner", "1001", "block", "withdraw", "--reason", "x", "999")
    assert code == 2 and "Traceback" not in err
    code, _, err = team("--examiner", "2002", "block", "submit", "--all")
    assert code == 2 and "해당하는 요청이 없습니다" in err, err


def test_the_problems_file_speaks_the_readers_language(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The problems CSV was always English: a Korean analyst opened a file they could not read.
    answers = tmp_path / "회신.csv"
    answers.write_bytes("전화번호,결과\n010-0000-0000,이용중지\n114,이용중지\n".encode("utf-8-sig"))
    problems = tmp_path / "문제.csv"
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, _, err = team(
        "--examiner", "2002", "block", "responses", str(answers), "--dry-run",
        "--problems-csv", str(problems),
    )  # fmt: skip
    assert code == 2, err  # no row could be applied
    with problems.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["row"], r["kind"]) for r in rows] == [("2", "not_in_registry"), ("3", "bad_number")]
    assert "010-0000-0000은(는) 번호 목록에 없습니다" in rows[0]["problem"]
    assert "'114'은(는) 국내 전화번호로는 너무 짧습니다" in rows[1]["problem"]


def test_request_states_and_problem_kinds_read_as_korean_words(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 'approved', 'awaiting_approval', 'impossible_step' were printed as codes in Korean prose.
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    assert team("--examiner", "2002", "block", "approve", "1")[0] == 0
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, out, _ = team("block", "show", "1")
    assert code == 0 and "승인 완료" in out and "휴대전화" in out and "불법 대부" in out, out
    assert "승인 대기 → 승인 완료" in out and "신규 → " in out, out
    assert not any(code in out for code in ("approved", "awaiting_approval", "mobile"))
    code, out, _ = team("block", "list")
    states = {row.split("\t")[0]: row.split("\t")[6] for row in out.splitlines()}
    assert states["1"] == "승인 완료" and states["2"] == "승인 대기", out
    listed = tmp_path / "requests.csv"
    assert team("block", "list", "--csv", str(listed))[0] == 0
    with listed.open(encoding="utf-8-sig") as handle:  # the CSV's columns keep the codes
        assert {r["id"]: r["state"] for r in csv.DictReader(handle)}["1"] == "approved"
    # An answer for a request nobody submitted: an impossible step, worded in Korean.
    answers = tmp_path / "회신.csv"
    answers.write_bytes("전화번호,결과\n010-1234-5678,이용중지\n".encode("utf-8-sig"))
    code, _, err = team("--examiner", "2002", "block", "responses", str(answers), "--dry-run")
    assert code == 2, err
    assert "승인 완료 상태이므로 이용중지 상태가 될 수 없습니다" in err, err
    assert "불가능한 단계 1" in err and "impossible_step" not in err, err
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = team(
        "--examiner", "2002", "block", "export", "-o", str(folder), "--allow-missing-photos", "2"
    )  # fmt: skip
    assert code == 2 and "2 (승인 대기)" in err and "awaiting_approval" not in err, err
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")  # English keeps the codes scripts read
    code, out, _ = team("block", "show", "1")
    assert "request 1:" in out and "approved" in out and "awaiting_approval → approved" in out


def test_number_rows_and_library_notes_read_as_korean_words(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In Korean, `numbers` printed the type code (mobile), `numbers show` the source code
    # (manual) and `block show` the library's own note (drafted).
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, out, _ = team("numbers", "--case", "C-7")
    types = {row.split("\t")[0]: row.split("\t")[2] for row in out.splitlines()}
    assert code == 0 and types["+821012345678"] == "휴대전화", out
    assert all(re.search("[가-힣]", word) for word in types.values()), out
    listed = tmp_path / "numbers.csv"
    assert team("numbers", "--case", "C-7", "--csv", str(listed))[0] == 0
    with listed.open(encoding="utf-8-sig") as handle:  # the CSV keeps the codes
        assert {r["e164"]: r["type"] for r in csv.DictReader(handle)}["+821012345678"] == "mobile"
    code, out, _ = team("numbers", "show", PRINTED[0])
    assert code == 0 and "수동 입력" in out and "manual" not in out, out
    code, out, _ = team("block", "show", "1")
    assert code == 0 and out.splitlines()[-2].endswith("신규 → 작성 중  작성"), out
    assert "drafted" not in out
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    _, out, _ = team("block", "show", "1")
    assert "new → draft  drafted" in out


HUGE = "9" * 23  # beyond any database integer: was an OverflowError in the driver (exit 70)


@pytest.mark.parametrize(
    "args",
    [
        ("block", "show", HUGE),
        ("block", "show", str(2**31)),  # PostgreSQL's INTEGER ends here: was a DataError
        ("--examiner", "2002", "block", "approve", "1", HUGE),
        ("--examiner", "1001", "block", "withdraw", "--reason", "x", HUGE),
        ("numbers", "--min-sightings", HUGE),
        ("block", "list", "--older-than", HUGE),
        ("--examiner", "1001", "ocr-review", "--case", "C-7", HUGE, "accept"),
        ("cctv", "sheet", "--clip", HUGE, "-o", "sheet.png"),
    ],
)
def test_ids_and_counts_beyond_a_database_integer_are_refused_arguments(
    team: Cli, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as info:
        team(*args)
    assert info.value.code == 2
    err = team.capsys.readouterr().err
    assert "out of range" in err and "internal error" not in err
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    with pytest.raises(SystemExit):
        team(*args)
    assert "범위를 벗어납니다" in team.capsys.readouterr().err


def test_listing_older_than_the_calendar_or_a_mistyped_route(team: Cli) -> None:
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    code, out, err = team("block", "list", "--older-than", str(2**31 - 1))
    assert (code, out) == (0, "") and "internal error" not in err
    assert len(team("block", "list", "--older-than", "0")[1].splitlines()) == 4
    code, out, err = team("block", "list", "--route", "lending_acts")
    assert code == 2 and "Unknown route 'lending_acts'" in err and out == ""
    code, out, _ = team("block", "list", "--route", "agreement")  # a route, none on it
    assert (code, out) == (0, "")


def test_an_answer_file_with_no_row_to_apply_changes_nothing(
    team: Cli, tmp_path: Path, workstation: Workstation
) -> None:
    """The same answers imported twice: the second time no row applies. That was 'done, with
    failures' (exit 4) with a custody entry for '0 applied'; it is refused (exit 2) and
    records nothing. A file with only its header has nothing to apply either."""
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    assert team("--examiner", "2002", "block", "approve", "--all")[0] == 0
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = team(
        "--examiner", "2002", "block", "export", "--all-approved", "-o", str(folder),
        "--allow-missing-photos",
    )  # fmt: skip
    assert code == 0, err
    answers = tmp_path / "회신.csv"
    answers.write_bytes("전화번호,결과\n010-1234-5678,이용중지\n".encode("cp949"))
    code, out, _ = team("--examiner", "2002", "block", "responses", str(answers))
    assert code == 0 and "1 applied" in out
    entries = len(workstation.custody.entries())
    code, out, err = team("--examiner", "2002", "block", "responses", str(answers))
    assert code == 2 and "no row can be applied; nothing applied" in out
    assert "request 1 is suspended" in err
    assert len(workstation.custody.entries()) == entries

    header_only = tmp_path / "empty.csv"
    header_only.write_text("\ufeff전화번호,결과\n\n", encoding="utf-8")
    code, out, err = team("--examiner", "2002", "block", "responses", str(header_only))
    assert code == 2 and "no answers" in err and out == ""
    assert len(workstation.custody.entries()) == entries


def test_objections_and_answers_are_recorded_step_by_step(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`block step`: what the request screen's step buttons do, from the command line, with
    a refusal (exit 2, nothing changed) for every step the request does not allow."""
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    code, _, err = team("--examiner", "2002", "block", "step", "1", "--to", "objection_filed")
    assert code == 2 and "awaiting_approval and cannot become objection_filed" in err
    code, _, err = team("--examiner", "2002", "block", "step", "1", "--to", "draft")
    assert code == 2 and "say what to change" in err
    code, out, _ = team(
        "--examiner", "2002", "block", "step", "1", "--to", "draft", "--note", "add a photo"
    )  # fmt: skip
    assert code == 0 and "awaiting_approval → draft" in out
    assert team("--examiner", "1001", "block", "submit", "1")[0] == 0
    assert team("--examiner", "2002", "block", "approve", "--all")[0] == 0
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = team(
        "--examiner", "2002", "block", "export", "1", "2", "-o", str(folder),
        "--allow-missing-photos",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = team("block", "show", "2")
    assert "answer expected by" in out and "168 hours after" in out
    with pytest.raises(SystemExit) as info:  # only an export submits (with its package)
        team("--examiner", "2002", "block", "step", "3", "--to", "submitted")
    assert info.value.code == 2
    step = ("--examiner", "2002", "block", "step")
    code, _, err = team(*step, "1", "--to", "suspended", "--date", "2026-02-30")
    assert code == 2 and "--date '2026-02-30' is not a date" in err
    code, _, err = team(*step, "1", "2", "--to", "suspended", "--date", "2999-01-01")
    assert code == 2 and "in the future" in err
    code, out, _ = team("block", "list", "--state", "submitted")
    assert len(out.splitlines()) == 2  # all or none: nothing moved
    code, out, err = team(
        *step, "1", "--to", "suspended", "--carrier", "KT", "--reference", "KT-7",
        "--until", "2099-12-31",
    )  # fmt: skip
    assert code == 0, err
    assert "submitted → suspended" in out and "1 request moved to suspended" in out
    code, out, _ = team("block", "show", "1")
    assert "the subscriber may object until" in out and "30 days after the suspension" in out
    code, out, _ = team(*step, "1", "--to", "objection_filed", "--note", "가입자 이의신청서")
    assert code == 0 and "suspended → objection_filed" in out
    code, out, _ = team("block", "show", "1")
    assert "the objection is to be decided by" in out
    code, out, _ = team(*step, "1", "--to", "objection_denied", "--note", "기각")
    assert code == 0 and "objection_filed → suspended" in out  # the suspension continues
    code, out, _ = team("block", "show", "1")
    assert "carrier KT; reference KT-7" in out and "– 2099-12-31" in out
    assert "objection_denied → suspended  기각" in out
    code, out, _ = team(*step, "2", "--to", "rejected", "--reference", "MSIT-1")
    assert code == 0 and "submitted → rejected" in out
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, _, err = team(*step, "2", "--to", "objection_filed")
    assert code == 2 and "반려" in err  # closed: nothing more
    code, out, _ = team(*step, "1", "--to", "objection_filed")
    assert code == 0 and "요청 1건을" in out
    with pytest.raises(SystemExit):
        team("block", "step", "--help")
    assert "회신의 효력 발생일" in team.capsys.readouterr().out


def test_an_id_given_twice_is_one_request(team: Cli) -> None:
    assert team("--examiner", "1001", "block", "queue", "--drafts")[0] == 0
    code, out, _ = team("--examiner", "1001", "block", "submit", "1", "1")
    assert code == 0 and "1 request sent for approval" in out
    code, out, _ = team("--examiner", "2002", "block", "approve", "1", "1")
    assert code == 0 and "1 request approved" in out
    code, out, _ = team("--examiner", "2002", "block", "withdraw", "1", "1", "--reason", "x")
    assert code == 0 and "1 request withdrawn" in out  # was "2 requests withdrawn"


def test_the_problems_list_never_overwrites_the_answers_nor_fails_on_its_folder(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "회신.csv"
    original = "전화번호,결과\n010-0000-0000,이용중지\n".encode("cp949")
    answers.write_bytes(original)
    link = tmp_path / "link.csv"
    link.symlink_to(answers)
    for target in (answers, link):
        code, _, err = team(
            "--examiner", "2002", "block", "responses", str(answers), "--problems-csv",
            str(target),
        )  # fmt: skip
        assert code == 2 and "cannot be written over the answer file" in err
        assert answers.read_bytes() == original  # it was replaced by the problem list
    data = tmp_path / "data"
    data.mkdir()
    (data / "reports").write_text("a file where the folder goes")
    monkeypatch.setenv("FORENSICS_APP_DATA_DIR", str(data))
    code, _, err = team("--examiner", "2002", "block", "responses", str(answers), "--dry-run")
    assert code == 2 and "Cannot write the list of problems" in err  # was exit 70
    assert "internal error" not in err


def test_queueing_nothing_or_the_other_category(team: Cli) -> None:
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    code, out, _ = team("--examiner", "1001", "block", "queue")
    assert code == 0 and "queued 0 requests (awaiting approval)" in out  # was "(drafts)"
    code, out, err = team("--examiner", "1001", "block", "queue", "--category", "other")
    assert code == 2 and "No route for 'other' flyers" in err and out == ""
