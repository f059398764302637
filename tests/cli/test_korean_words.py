"""Vocabulary codes (a case's status, a number's type) read as words in Korean sentences;
English keeps the codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def test_a_case_status_reads_as_a_word_in_korean_sentences(
    signed_in: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")[0] == 0
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, out, _ = signed_in("--examiner", "1001", "case", "close", "P")
    assert code == 0 and "종결" in out and "closed" not in out, out
    assert "상태: 종결" in signed_in("case", "show", "P")[1]
    seized = tmp_path / "phone.img"
    seized.write_bytes(b"image")
    for command in (
        ("evidence", "add", "--case", "P", "--kind", "phone", str(seized)),
        ("import", "--case", "P", str(seized)),
    ):
        code, _, err = signed_in("--examiner", "1001", *command)
        assert code == 2 and "종결 상태입니다" in err and "closed" not in err, err
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    code, out, _ = signed_in("--examiner", "1001", "case", "reopen", "P")
    assert code == 0 and "open" in out, out
