"""`forensics-app import`, `artifacts`, `timeline` and `xref`: the contract checks rely on."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.conftest import Cli
from tests.importers import samples


@pytest.fixture
def case(signed_in: Cli) -> Cli:
    code, _, err = signed_in("--examiner", "1001", "case", "new", "Lending", "--number", "C-11")
    assert code == 0, err
    return signed_in


def test_import_json_contract_and_exit_codes(case: Cli, tmp_path: Path) -> None:
    root = samples.android_extraction(tmp_path / "phone")
    code, out, err = case("--examiner", "1001", "import", "--case", "C-11", str(root), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"item", "counts", "sources", "warnings"}
    assert result["item"] == "EX-0001"
    assert result["counts"] == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
    for source in result["sources"]:
        assert {"path", "sha256", "parser", "counts", "skipped"} <= set(source)
        assert set(source["counts"]) == {"message", "call", "contact"}
    assert {s["parser"] for s in result["sources"]} == {
        "android_mmssms", "android_calllog", "android_contacts"
    }  # fmt: skip
    # Again: recognised, nothing added, same item.
    code, out, err = case("--examiner", "1001", "import", "--case", "C-11", str(root), "--json")
    again = json.loads(out)
    assert code == 0 and again["item"] == "EX-0001"
    assert again["counts"] == {"message": 0, "call": 0, "contact": 0}
    assert "already imported" in err
    # Into a named item.
    ios = samples.ios_callhistory(tmp_path / "CallHistory.storedata")
    code, out, _ = case(
        "--examiner", "1001", "import", "--case", "C-11", "--item", "EX-0001", str(ios), "--json"
    )
    assert code == 0 and json.loads(out)["item"] == "EX-0001"


def test_nothing_recognised_exits_2_without_a_traceback(case: Cli, tmp_path: Path) -> None:
    fake = tmp_path / "mmssms.db"
    fake.write_text("not a database")
    code, out, err = case("--examiner", "1001", "import", "--case", "C-11", str(fake), "--json")
    assert code == 2 and "Traceback" not in err
    assert "not a SQLite database" in err
    assert json.loads(out)["counts"] == {"message": 0, "call": 0, "contact": 0}
    code, _, err = case("--examiner", "1001", "import", "--case", "C-11", str(fake))
    assert code == 2 and err.startswith("error: Nothing could be imported")
    code, _, err = case("--examiner", "1001", "import", "--case", "C-11", str(tmp_path / "no"))
    assert code == 2 and "Not found" in err


def test_artifacts_search_number_range_and_csv(case: Cli, tmp_path: Path) -> None:
    case(
        "--examiner",
        "1001",
        "import",
        "--case",
        "C-11",
        str(samples.android_extraction(tmp_path / "p")),
    )
    code, out, _ = case("artifacts", "--case", "C-11", "--type", "message", "--search", "대출")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4 and all("대출" in line for line in lines)
    code, out, _ = case("artifacts", "--case", "C-11", "--number", "+82 10-1234-5678")
    kinds = [line.split("\t")[0] for line in out.splitlines()]
    assert kinds.count("message") == 8 and kinds.count("call") == 2 and kinds.count("contact") == 1
    code, out, _ = case(
        "artifacts", "--case", "C-11", "--type", "message",
        "--from", "2024-03-01T10:05", "--to", "2024-03-01T10:30",
    )  # fmt: skip
    assert [line.split("\t")[3] for line in out.splitlines()] == [
        "2024-03-01T10:05:00+09:00",
        "2024-03-01T10:10:00+09:00",
        "2024-03-01T10:20:00+09:00",
    ]
    target = tmp_path / "out.csv"
    code, out, _ = case("artifacts", "--case", "C-11", "--csv", str(target))
    assert code == 0 and f"{samples.ANDROID_SMS_COUNT + 7 + 4} rows written" in out
    table = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert {"type", "time", "number", "e164", "source_file", "source_sha256", "source_table",
            "source_row", "time_raw"} <= set(table.columns)  # fmt: skip
    formula = table[table["text"].str.contains("HYPERLINK")]["text"].iloc[0]
    assert formula.startswith("'=HYPERLINK")  # written as text, never as a formula
    contact = table[(table["type"] == "contact") & (table["name"] == "김철수")].iloc[0]
    assert contact["text"] == "행복대부 (실장)\n=1+1 이자 높음"
    assert "mobile: 010-1234-5678" in contact["participants"]
    lender = table[(table["type"] == "message") & (table["source_row"] == "1")]
    assert lender["e164"].iloc[0] == samples.LENDER  # an E.164 number stays as it is
    code, _, err = case("artifacts", "--case", "C-11", "--from", "yesterday")
    assert code == 2 and "Not a date" in err


def test_timeline_and_xref_commands(case: Cli, tmp_path: Path) -> None:
    case(
        "--examiner",
        "1001",
        "import",
        "--case",
        "C-11",
        str(samples.android_extraction(tmp_path / "p")),
    )
    code, out, _ = case("timeline", "--case", "C-11", "--from", "2024-03-01", "--to", "2024-03-01")
    lines = out.splitlines()
    assert code == 0 and len(lines) == samples.ANDROID_SMS_COUNT - 2 + 7
    assert lines[0].startswith("2024-03-01T10:00:00+09:00\t\tmessage")  # no end: a moment
    target = tmp_path / "timeline.csv"
    code, out, _ = case("timeline", "--case", "C-11", "--csv", str(target))
    table = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns) == [
        "time",
        "end",
        "type",
        "id",
        "exhibit",
        "number",
        "e164",
        "direction",
        "summary",
    ]
    assert len(table) == samples.ANDROID_SMS_COUNT - 2 + 7
    code, out, err = case("xref", "--case", "C-11")
    assert code == 0 and out == "" and "no flyer number" in err


def test_artifact_and_timeline_rows_read_in_korean(
    case: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a Korean terminal the rows read "message … outgoing sms" and "call … incoming
    # missed": the stored codes. Words there; the CSV keeps the codes.
    extraction = samples.android_extraction(tmp_path / "p")
    assert case("--examiner", "1001", "import", "--case", "C-11", str(extraction))[0] == 0
    _, english, _ = case("artifacts", "--case", "C-11")
    _, english_timeline, _ = case("timeline", "--case", "C-11")
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    _, korean, _ = case("artifacts", "--case", "C-11")
    _, korean_timeline, _ = case("timeline", "--case", "C-11")
    words = {
        "message": "메시지", "call": "통화", "contact": "연락처", "incoming": "수신",
        "outgoing": "발신", "missed": "부재중", "rejected": "수신 거절", "blocked": "차단됨",
        "voicemail": "음성사서함", "answered_elsewhere": "다른 기기에서 응답", "unknown": "미상",
        "sms": "SMS", "mms": "MMS", "": "",
    }  # fmt: skip
    for english_row, korean_row in zip(english.splitlines(), korean.splitlines(), strict=True):
        english_cells, korean_cells = english_row.split("\t"), korean_row.split("\t")
        for column in (0, 4, 5):  # type, direction, kind
            assert words[english_cells[column]] == korean_cells[column], korean_row
        assert english_cells[1:4] + english_cells[6:] == korean_cells[1:4] + korean_cells[6:]
    assert {row.split("\t")[2] for row in korean_timeline.splitlines()} == {"메시지", "통화"}
    assert len(korean_timeline.splitlines()) == len(english_timeline.splitlines())
    target = tmp_path / "out.csv"
    assert case("artifacts", "--case", "C-11", "--csv", str(target))[0] == 0
    table = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert set(table["type"]) == {"message", "call", "contact"}


def test_a_broken_source_alone_says_nothing_was_imported_once(case: Cli, tmp_path: Path) -> None:
    # "Nothing was imported: …report.xml: … not well-formed XML (…); nothing imported from it"
    report = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<project xmlns="http://pa.cellebrite.com/report/2.0" name="x"><decodedData>\n<broken'
    )
    ufdr = tmp_path / "cut.ufdr"
    with zipfile.ZipFile(ufdr, "w") as archive:
        archive.writestr("report.xml", report)
    code, out, err = case("--examiner", "1001", "import", "--case", "C-11", str(ufdr))
    assert code == 2 and out == "", err
    assert err.startswith("error: Nothing was imported: ") and "not well-formed XML" in err, err
    assert err.lower().count("nothing") == 1, err
