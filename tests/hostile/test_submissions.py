"""Submission packages and answer files on the command line (issue 10 items 6, 7, 12, 13) and
the package with its custody entry as one unit of work (issue 7)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from blocking import RequestState
from blocking.packages import PARTIAL_PATTERN
from forensics_app.cli import EXIT_BAD_INPUT, EXIT_DONE_WITH_FAILURES
from forensics_app.services import Workstation
from forensics_app.services.records import Actor, Role
from tests.cli.conftest import Cli
from tests.hostile.corpus import (
    billion_laughs_sheet,
    every_control_is_escaped,
    xlsx_bomb,
    xlsx_with_sheet,
    xxe_sheet,
)

NUMBERS = ["010-1234-5678", "010-9876-5432"]


@pytest.fixture
def approved(team: Cli) -> Cli:
    """Two numbers with approved requests (drafted by 1001, approved by 2002)."""
    for number in NUMBERS:
        code, _, err = team(
            "--examiner", "1001", "numbers", "add", number, "--category", "lending"
        )  # fmt: skip
        assert code == 0, err
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    assert team("--examiner", "2002", "block", "approve", "--all")[0] == 0
    return team


def _export(cli: Cli, folder: Path) -> tuple[int, str, str]:
    return cli(
        "--examiner", "2002", "block", "export", "--all-approved", "-o", str(folder),
        "--allow-missing-photos",
    )  # fmt: skip


def _states(cli: Cli) -> list[str]:
    """The requests' states, in the order of NUMBERS."""
    rows = [line.split("\t") for line in cli("block", "list")[1].splitlines()]
    by_number = {row[2]: row[6] for row in rows}
    return [by_number[number] for number in NUMBERS]


def test_a_failed_custody_entry_leaves_no_package_and_changes_nothing(
    approved: Cli, workstation: Workstation, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    head = workstation.custody.head()
    # An examiner the catalogue does not know: the library takes them, the custody entry's
    # foreign key does not — inside the library's own transaction.
    ghost = Actor(9999, "Ghost", "9999", Role.REVIEWER)
    ids = [int(line.split("\t")[0]) for line in approved("block", "list")[1].splitlines()]
    with pytest.raises(IntegrityError):
        workstation.submissions.export_package(ghost, ids, folder, allow_missing_photos=True)
    assert list(folder.iterdir()) == []  # no package, no partial file
    assert _states(approved) == ["approved", "approved"]
    assert workstation.custody.head() == head  # no custody entry either
    assert workstation.blocking.requests.history(ids[0])[-1].to_state is RequestState.APPROVED

    code, out, err = _export(approved, folder)
    assert code == 0, err
    assert _states(approved) == ["submitted", "submitted"]
    entry = workstation.custody.entries()[0]
    assert entry.action == "export" and out.split("\t")[1].split()[1] in entry.details


def test_a_stale_partial_file_is_removed_by_the_next_export(approved: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    stale = folder / ".blocking-package-20260101-090000.zip.k1ll3d.partial"
    stale.write_bytes(b"half a zip from an export killed with -9")
    assert list(folder.glob(PARTIAL_PATTERN)) == [stale]
    code, _, err = _export(approved, folder)
    assert code == 0, err
    assert list(folder.glob(PARTIAL_PATTERN)) == []
    assert f"removed {stale}" in err
    assert [p.suffix for p in folder.iterdir()] == [".zip"]


def _answers(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["전화번호", "처리결과"], *rows])
    path.write_bytes(buffer.getvalue().encode("cp949"))
    return path


def test_dry_run_says_what_would_be_applied_and_big_files_are_summarised(
    approved: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    assert _export(approved, folder)[0] == 0
    unknown = [[f"010-4{n // 10_000:03d}-{n % 10_000:04d}", "이용중지"] for n in range(3_000)]
    answers = _answers(tmp_path / "회신.csv", [[NUMBERS[0], "이용중지"], *unknown])
    problems = tmp_path / "problems.csv"
    code, out, err = approved(
        "--examiner", "2002", "block", "responses", str(answers), "--dry-run",
        "--problems-csv", str(problems),
    )  # fmt: skip
    assert code == EXIT_DONE_WITH_FAILURES, err
    assert "1 would be applied; dry run, nothing applied" in out
    assert "3,000 problems" in out
    lines = err.splitlines()
    assert len(lines) <= 24  # 20 problems in full, then a summary: not 3,000 lines
    assert "… and 2,980 more problems" in err
    assert "problems by kind: not_in_registry 3,000" in err
    assert f"all 3,000 problems are listed in {problems}" in err
    assert len(problems.read_text(encoding="utf-8-sig").splitlines()) == 3_001
    assert _states(approved) == ["submitted", "submitted"]

    code, out, err = approved("--examiner", "2002", "block", "responses", str(answers))
    assert code == EXIT_DONE_WITH_FAILURES  # done, with failures: the good row applied
    assert "1 applied" in out and _states(approved)[0] == "suspended"
    assert "reports" in err  # the default problem list lives in the data folder


@pytest.mark.parametrize("attack", ["zip bomb", "xxe", "billion laughs"])
def test_hostile_workbooks_are_clear_input_errors(team: Cli, tmp_path: Path, attack: str) -> None:
    path = tmp_path / "answers.xlsx"
    if attack == "zip bomb":
        xlsx_bomb(path)
    else:
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP SECRET", encoding="utf-8")
        xlsx_with_sheet(path, xxe_sheet(secret) if attack == "xxe" else billion_laughs_sheet())
    code, out, err = team("--examiner", "1001", "block", "responses", str(path), "--dry-run")
    assert code == EXIT_BAD_INPUT
    assert "internal error" not in err and "TOP SECRET" not in out + err
    assert ("zip bomb" if attack == "zip bomb" else "XML entity") in err
    assert every_control_is_escaped(err)
