"""Items 6, 7 and 13 of issue 10 in the library: hostile answer files are refused before they
can hurt, a huge one is summarised, and a dry run says what it would apply."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from blocking import Actor, Blocking, RequestState, ResponseFileError
from blocking.responses import MAX_PROBLEMS_KEPT
from tests.blocking.conftest import mobile
from tests.blocking.test_responses import states, submitted, write_csv
from tests.hostile.corpus import (
    FORMULAS,
    billion_laughs_sheet,
    xlsx_bomb,
    xlsx_with_sheet,
    xxe_sheet,
)

S = RequestState


def test_zip_bomb_is_refused_before_it_is_inflated(
    blk: Blocking, reviewer: Actor, tmp_path: Path
) -> None:
    bomb = xlsx_bomb(tmp_path / "answers.xlsx")
    assert bomb.stat().st_size < 2 * 1024 * 1024  # a few hundred KB that inflate to 300 MB
    with pytest.raises(ResponseFileError, match="possible zip bomb"):
        blk.responses.import_file(reviewer, bomb, dry_run=True)


@pytest.mark.parametrize("attack", ["xxe", "billion laughs"])
def test_xml_entity_attacks_are_clear_input_errors(
    blk: Blocking, reviewer: Actor, tmp_path: Path, attack: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    sheet = xxe_sheet(secret) if attack == "xxe" else billion_laughs_sheet()
    path = xlsx_with_sheet(tmp_path / "answers.xlsx", sheet)
    with pytest.raises(ResponseFileError, match="XML entity") as info:
        blk.responses.import_file(reviewer, path)
    assert "TOP SECRET" not in str(info.value)


def test_dry_run_reports_what_would_be_applied(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids = submitted(blk, examiner, reviewer, 2)
    path = write_csv(
        tmp_path / "answers.csv",
        [["number", "result"], [mobile(0), "suspended"], [mobile(1), "rejected"]],
        "utf-8",
    )
    report = blk.responses.import_file(reviewer, path, dry_run=True)
    assert not report.committed and report.applied == []
    assert [(a.request_id, a.to_state) for a in report.planned] == [
        (ids[0], S.SUSPENDED),
        (ids[1], S.REJECTED),
    ]
    assert states(blk, ids) == [S.SUBMITTED, S.SUBMITTED]


def test_a_huge_file_is_streamed_and_its_problems_summarised(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids = submitted(blk, examiner, reviewer, 2)
    unknown = 30_000
    rows = [["number", "result", "carrier"]]
    rows += [[f"010-5{n // 10_000:03d}-{n % 10_000:04d}", "suspended", ""] for n in range(unknown)]
    rows += [[mobile(0), "suspended", FORMULAS[0]], [FORMULAS[1], "suspended", ""]]
    rows += [["070-123-4567", "suspended", ""], [mobile(1), "rejected", ""]]
    path = write_csv(tmp_path / "answers.csv", rows, "utf-8")
    problems_file = tmp_path / "problems.csv"
    report = blk.responses.import_file(reviewer, path, problems_file=problems_file)
    assert report.committed and report.rows == unknown + 4
    assert [a.request_id for a in report.applied] == ids
    assert report.problem_count == unknown + 2
    assert report.problem_kinds == {"not_in_registry": unknown, "bad_number": 2}
    assert len(report.problems) == MAX_PROBLEMS_KEPT  # the first ones, not a million objects
    assert report.problems_file == problems_file
    with problems_file.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["row", "number", "kind", "problem"]
    assert len(written) == unknown + 3
    hostile = next(row for row in written if "HYPERLINK" in row[1])
    assert hostile[1] == "'" + FORMULAS[1]  # the problem file is formula-safe too
    assert "070 VoIP" in next(row for row in written if row[1] == "070-123-4567")[3]
