"""A time the user types for something that happened (seized, collected, seen) cannot lie
after the workstation's now (a few minutes' slack for a clock that runs behind): refused with
exit 2, nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from forensics_app.cli import main
from tests.cli.conftest import Cli
from tests.clocks import ManualClock

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def at_noon(signed_in: Cli, clock: ManualClock, capsys: pytest.CaptureFixture[str]) -> Run:
    """The CLI on the pinned clock (Wed 2026-05-13 12:00 KST), with a case P."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", signed_in.db_url, "--examiner", "1001", *args], clock=clock)
        out, err = capsys.readouterr()
        return code, out, err

    assert run("case", "new", "Phones", "--number", "P")[0] == 0
    return run


def test_a_seizure_time_after_now_is_refused(
    at_noon: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seized = tmp_path / "phone.img"
    seized.write_bytes(b"image")
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, _, err = at_noon(
        "evidence", "add", "--case", "P", "--kind", "phone",
        "--seized-at", "2026-05-13T12:10+09:00", str(seized),
    )  # fmt: skip
    assert code == 2 and "--seized-at" in err and "지금" in err and "later" not in err, err
    assert at_noon("evidence", "list", "--case", "P")[1] == ""  # nothing catalogued
    code, _, err = at_noon(
        "evidence", "add", "--case", "P", "--kind", "phone",
        "--seized-at", "2026-05-13T12:04+09:00", str(seized),
    )  # fmt: skip
    assert code == 0, err  # within the slack: a clock a few minutes behind is no mistake


def test_a_collection_time_after_now_is_refused_before_the_batch(
    at_noon: Run, tmp_path: Path
) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "a.jpg").write_bytes(b"not really a photo")
    code, _, err = at_noon("ocr", "--case", "P", str(photos), "--collected-at", "2026-05-14T09:30")
    assert code == 2 and "--collected-at 2026-05-14T09:30:00+09:00 is later than now" in err, err
    assert "2026-05-13T12:00:00+09:00" in err
    assert at_noon("evidence", "list", "--case", "P")[1] == ""
    code, _, err = at_noon("ocr", "--case", "P", str(photos), "--collected-at", "2026-05-13T09:30")
    assert code in (0, 4), err  # an earlier morning is fine (the photo itself is no photo)


def test_a_sighting_time_after_now_is_refused(at_noon: Run) -> None:
    code, _, err = at_noon(
        "numbers", "add", "010-1234-5678", "--category", "lending",
        "--seen-at", "2026-06-01T10:00+09:00",
    )  # fmt: skip
    assert code == 2 and "--seen-at" in err, err
    assert "010-1234-5678" not in at_noon("numbers")[1]
