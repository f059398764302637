"""The command line's own lines read in the reader's language (FORENSICS_APP_LANG), with counts
that read naturally: "1 file", "2 files" in English, "파일 1개" in Korean. In data rows meant for
scripts (tab-separated fields), codes, hashes and ids stay the same in every language; the words
(a status, a count) are the reader's, as the status column's always were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.importers import samples

_HASH = re.compile(r"\b[0-9a-f]{32,64}\b")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more, once hashes are set aside."""
    return _ENGLISH_WORD.findall(_HASH.sub("", text))


def _photos(folder: Path, count: int, start: int = 0) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = folder / f"evidence{index}.bin"
        path.write_bytes(f"exhibit bytes {index}".encode())
        paths.append(str(path))
    return paths


@pytest.fixture
def item(signed_in: Cli, tmp_path: Path) -> Cli:
    """Case P with item EX-0001 holding one file."""
    signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")
    code, out, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "P", "--kind", "phone",
        *_photos(tmp_path / "first", 1),
    )  # fmt: skip
    assert code == 0, err
    assert out.split("\t")[1:3] == ["EX-0001", "1 file"]  # a data row: English, counted
    return signed_in


def test_counts_read_one_file_and_two_files_in_english(item: Cli, tmp_path: Path) -> None:
    code, out, err = item(
        "--examiner", "1001", "evidence", "add-files", "--case", "P", "EX-0001",
        *_photos(tmp_path / "more", 2),
    )  # fmt: skip
    assert code == 0, err
    assert out == "EX-0001: 2 files added\n"
    code, out, err = item(
        "--examiner", "1001", "evidence", "add-files", "--case", "P", "EX-0001",
        *_photos(tmp_path / "last", 1, start=10),
    )  # fmt: skip
    assert code == 0, err
    assert out == "EX-0001: 1 file added\n"
    _, out, _ = item("evidence", "list", "--case", "P")
    assert out.split("\t")[:4] == ["EX-0001", "phone", "in_custody", "4 files"]
    _, out, _ = item("case", "list")
    assert "\t1 item\t" in out


def test_counts_in_data_rows_read_in_korean(item: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Korean list read "진행 중\t1 item": the status translated, the count beside it not.
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    _, out, _ = item("case", "list")
    assert out.split("\t")[2:4] == ["진행 중", "증거물 1개"]
    _, out, _ = item("evidence", "list", "--case", "P")
    assert out.split("\t")[3] == "파일 1개"
    assert english_words(out) == []
    # The file rows of `evidence show` and the action column of `log` were codes too
    # ("not verified", "create", "hash").
    _, out, _ = item("evidence", "show", "--case", "P", "EX-0001")
    assert out.splitlines()[-1].split()[3] == "검증"  # 검증 안 됨
    _, out, _ = item("log", "--case", "P")
    actions = [row.split("\t")[3] for row in out.splitlines()]
    assert actions and set(actions) <= {"등록", "해시 계산"}, out
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    _, out, _ = item("log", "--case", "P")
    assert {row.split("\t")[3] for row in out.splitlines()} <= {"create", "hash"}, out


def test_summaries_read_in_korean(
    item: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    more = _photos(tmp_path / "more", 2)
    code, out, err = item(
        "--examiner", "1001", "evidence", "add-files", "--case", "P", "EX-0001", *more
    )
    assert code == 0, err
    assert out == "EX-0001: 파일 2개 추가\n"

    # The same files again: nothing added, and the reason in Korean.
    code, out, err = item(
        "--examiner", "1001", "evidence", "add-files", "--case", "P", "EX-0001", *more
    )
    assert out == "EX-0001: 파일 0개 추가\n"
    summary = err.splitlines()[-1]
    assert summary == "등록하지 않음: 이미 증거물에 있음 2개", err

    code, out, err = item("case", "show", "P")
    assert code == 0, err
    assert out.splitlines()[0] == "사건 P (id 1): Phones"
    assert "  증거물: 1개" in out.splitlines()
    # The title and the lead examiner: values, not prose; the status is a word (qa9: the
    # code 'open' in a Korean sentence was the brief's defect 2).
    assert english_words(out) == ["Phones", "Kim", "Minsu"]
    assert "  상태: 진행 중" in out

    code, out, err = item("--examiner", "1001", "verify", "--case", "P")
    assert code == 0, err
    assert out.splitlines()[0] == "파일: 3개 검사, 정상 3개, 실패 0개"
    assert out.splitlines()[1].startswith("보관 기록 체인: 항목 ")
    assert "서명: 서명된 해시" in out
    assert english_words(out) == []
    # A changed file: the result is named in Korean too (it was "실패 MISMATCH: …").
    (tmp_path / "more" / "evidence0.bin").write_bytes(b"changed")
    code, out, err = item("--examiner", "1001", "verify", "--case", "P")
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("실패 ")]
    assert len(failed) == 1 and failed[0].startswith("실패 불일치: EX-0001: "), err
    assert "MISMATCH" not in err.upper()

    code, out, err = item("--examiner", "1001", "case", "new", "Again", "--number", "P")
    assert code == 2 and err.startswith("오류: ")
    assert english_words(err.replace("Again", "")) == []


def test_items_an_import_creates_are_described_in_the_readers_language(
    item: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The description an import gives a new item is what the examiner would have typed."""
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    phone = samples.android_mmssms(tmp_path / "갤럭시" / "mmssms.db").parent
    code, _, err = item("--examiner", "1001", "import", "--case", "P", str(phone))
    assert code == 0, err
    recorder = tmp_path / "NVR 내보내기"
    recorder.mkdir()
    (recorder / "player.sec").write_bytes(b"SEC\x00" + bytes(range(256)) * 8)
    code, _, err = item("--examiner", "1001", "cctv", "import", "--case", "P", str(recorder))
    assert code == 0, err
    _, out, _ = item("evidence", "list", "--case", "P")
    descriptions = [line.split("\t")[-1] for line in out.splitlines()]
    assert descriptions[1:] == ["휴대전화: 갤럭시", "CCTV 내보내기: NVR 내보내기"]
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    calls = samples.android_calllog(tmp_path / "second" / "calllog.db").parent
    code, _, err = item("--examiner", "1001", "import", "--case", "P", str(calls))
    assert code == 0, err
    _, out, _ = item("evidence", "list", "--case", "P")
    assert out.splitlines()[-1].split("\t")[-1] == "Phone: second"


def test_a_terminal_in_english_reads_english_whatever_the_catalog(
    item: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    code, out, _ = item("case", "show", "P")
    assert code == 0 and out.splitlines()[0] == "Case P (id 1): Phones"
    assert "  items: 1" in out.splitlines()
