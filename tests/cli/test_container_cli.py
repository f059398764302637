"""`forensics-app import` over containers: the same --json contract, --password-stdin (the
password never stored nor logged) and --mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forensics_app import config, messages
from tests.cli.conftest import Cli, lines
from tests.importers import samples
from tests.importers.containers.backups import CALLS, SMS, build_backup

PASSWORD = "backup-pw-7391"


@pytest.fixture
def case(signed_in: Cli) -> Cli:
    code, _, err = signed_in("--examiner", "1001", "case", "new", "Lending", "--number", "C-12")
    assert code == 0, err
    return signed_in


def test_encrypted_backup_with_password_stdin(
    case: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        SMS: samples.ios_sms(tmp_path / "db" / "sms.db").read_bytes(),
        CALLS: samples.ios_callhistory(tmp_path / "db" / "CallHistory.storedata").read_bytes(),
    }
    backup = build_backup(tmp_path / "backup", files, password=PASSWORD)
    base = ("--examiner", "1001", "import", "--case", "C-12", str(backup), "--json")
    monkeypatch.setattr("sys.stdin", lines())
    code, _, err = case(*base)
    assert code == 2 and "encrypted backup" in err and "Traceback" not in err
    monkeypatch.setattr("sys.stdin", lines("not it"))
    code, _, err = case(*base, "--password-stdin")
    assert code == 2 and "does not open" in err
    monkeypatch.setattr("sys.stdin", lines(PASSWORD))
    code, out, err = case(*base, "--password-stdin")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"item", "counts", "sources", "warnings"}
    assert result["counts"] == {"message": 9, "call": 4, "contact": 0}
    assert {s["parser"] for s in result["sources"]} == {"ios_sms", "ios_callhistory"}
    for source in result["sources"]:
        assert {"path", "sha256", "parser", "counts", "skipped"} <= set(source)
    # Never stored, never logged.
    database = case.db_url.removeprefix("sqlite:///")
    if case.db_url.startswith("sqlite"):
        assert PASSWORD.encode() not in Path(database).read_bytes()
    for log in config.log_dir().glob("*"):
        assert PASSWORD not in log.read_text(errors="replace")
    code, out, _ = case("--examiner", "1001", "log", "--case", "C-12")
    assert PASSWORD not in out


def test_tool_export_with_mapping(case: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "통화.csv"
    sheet.write_bytes(
        "일시,전화번호,이름,구분,통화시간\n2024-03-01 10:00:00,010-2222-3333,박,발신,65\n".encode(
            "cp949"
        )
    )
    code, _, err = case("--examiner", "1001", "import", "--case", "C-12", str(sheet))
    assert code == 2 and "choose a column mapping" in err
    code, out, err = case(
        "--examiner", "1001", "import", "--case", "C-12", str(sheet), "--json",
        "--mapping", "korean_call_sheet",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["counts"] == {"message": 0, "call": 1, "contact": 0}


def test_a_korean_reader_sees_a_tool_exports_parser_named_in_korean(
    case: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's lines named a tool export's parser by its code
    (tool_export:korean_call_sheet:…) beside a Korean status; a Korean reader gets its name."""
    sheet = tmp_path / "통화.csv"
    sheet.write_text("일시,전화번호,이름,구분,통화시간\n2024-03-01 10:00,010-2222-3333,박,발신,6\n")
    monkeypatch.setenv(messages.LANGUAGE_ENV, "ko")
    monkeypatch.setitem(messages._chosen, "language", messages._chosen["language"])
    code, out, err = case(
        "--examiner", "1001", "import", "--case", "C-12", str(sheet),
        "--mapping", "korean_call_sheet",
    )  # fmt: skip
    assert code == 0, err
    assert "도구 내보내기 (통화 표 (일시, 전화번호, 이름, 구분, 통화시간))" in out
    assert "tool_export:" not in out and "Tool export" not in out
