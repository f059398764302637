"""Every listing's vocabulary values (a case's status; an item's kind, status and last check; an
imported source's outcome) read in the reader's words, as the block-request and CCTV listings
already did: a Korean reader saw `open`, `phone`, `in_custody`, `imported` in otherwise Korean
output. English keeps the codes (scripts read them), as the other listings do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.importers import samples


def test_case_item_and_import_rows_speak_the_readers_language(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seized = tmp_path / "phone.img"
    seized.write_bytes(b"image")
    code, _, err = team("--examiner", "1001", "evidence", "add", "--case", "C-7", "--kind", "phone",
                        str(seized))  # fmt: skip
    assert code == 0, err
    database = samples.android_mmssms(tmp_path / "mmssms.db")

    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, out, err = team("--examiner", "1001", "import", "--case", "C-7", str(database))
    assert code == 0, err
    assert out.startswith("가져옴\t"), out
    _, out, _ = team("case", "list")
    assert out.split("\t")[2] == "진행 중", out
    _, out, _ = team("evidence", "list", "--case", "C-7")
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][1:3] == ["휴대전화", "보관 중"] and rows[0][5] == "검증 안 됨", rows
    assert not any(code in out for code in ("phone\t", "in_custody", "not verified")), out
    code, out, _ = team("--examiner", "1001", "import", "--case", "C-7", str(database))
    assert code == 0 and out.startswith("이미 가져옴\t"), out

    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    _, out, _ = team("case", "list")
    assert out.split("\t")[2] == "open", out
    _, out, _ = team("evidence", "list", "--case", "C-7")
    assert out.split("\t")[1:3] == ["phone", "in_custody"] and "not verified" in out, out
    code, out, _ = team("--examiner", "1001", "import", "--case", "C-7", str(database))
    assert code == 0 and out.startswith("already_imported\t"), out
