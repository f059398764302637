"""Several workstations writing at once still leave one unbroken custody chain."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.conftest import PASSWORD

WRITERS = 3
CASES_EACH = 30


def _open_cases(url: str, writer: int) -> list[str]:
    workstation = Workstation.open(url)
    try:
        actor = workstation.examiners.sign_in("1001", PASSWORD)
        return [
            workstation.cases.create(actor, f"Writer {writer} case {n}").number
            for n in range(CASES_EACH)
        ]
    finally:
        workstation.close()


def test_concurrent_writers_keep_one_chain(
    db_url: str, workstation: Workstation, actor: Actor
) -> None:
    # Separate processes, like separate workstations (spawn: no inherited connections).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(WRITERS, mp_context=context) as pool:
        numbers = [
            n for batch in pool.map(_open_cases, [db_url] * WRITERS, range(WRITERS)) for n in batch
        ]
    assert (
        len(numbers) == len(set(numbers)) == WRITERS * CASES_EACH
    )  # automatic numbers never clash
    report = workstation.custody.verify_chain()
    assert report.ok, report.problems
    assert report.entries_checked == 1 + WRITERS * CASES_EACH
