"""One open request per number, whatever the route, whoever tries, however fast."""

from __future__ import annotations

import multiprocessing
import queue
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from blocking import Actor, AdCategory, Blocking, DuplicateRequestError, Role, load_config
from blocking import requests as requests_module
from blocking.db import make_engine
from blocking.models import requests_t
from tests.blocking.conftest import ROUTES_FILE, mobile, sighting

NUMBER = "010-4321-8765"
RACE_TIMEOUT = 60


def test_the_database_refuses_a_second_open_request(blk: Blocking, examiner: Actor) -> None:
    blk.registry.record_sightings(examiner, [sighting(NUMBER)])
    first = blk.requests.draft(examiner, NUMBER, category=AdCategory.LENDING)
    row = {
        "number_id": first.number_id,
        "route": first.route,
        "legal_basis": "x",
        "category": AdCategory.LENDING,
        "state": "approved",
        "drafted_by_id": "someone",
        "drafted_by_name": "someone",
        "carrier": "",
        "response_reference": "",
        "notes": "",
        "requesting_agency": "",
        "officer": "",
        "created_at": first.created_at,
        "state_changed_at": first.created_at,
    }
    with pytest.raises(IntegrityError) as caught, blk.store.write() as conn:
        conn.execute(insert(requests_t), [row])
    assert requests_module.is_open_request_conflict(caught.value)
    # A closed one next to the open one is fine.
    with blk.store.write() as conn:
        conn.execute(insert(requests_t), [row | {"state": "rejected"}])


def test_a_lost_race_after_the_check_still_gives_duplicate_request(
    blk: Blocking, examiner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's own check is blind here, so only the index can stop the second one."""
    blk.registry.record_sightings(examiner, [sighting(NUMBER)])
    first = blk.requests.draft(examiner, NUMBER, category=AdCategory.LENDING)
    real = requests_module._open_request
    calls: list[int] = []

    def blind_once(*args: Any) -> Any:
        calls.append(1)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(requests_module, "_open_request", blind_once)
    with pytest.raises(DuplicateRequestError) as caught:
        blk.requests.draft(examiner, NUMBER, category=AdCategory.LENDING)
    assert caught.value.existing_request_id == first.id
    assert blk.requests.count() == 1


def _draft_in_a_process(
    url: str, index: int, barrier: Any, results: Any, hold_after_check: bool, two_routes: bool
) -> None:
    """One workstation. With `hold_after_check`, both have passed the library's check before
    either inserts, so the database constraint decides (PostgreSQL: writers run in parallel)."""
    engine = make_engine(url)
    try:
        blk = Blocking(engine, load_config(ROUTES_FILE))
        actor = Actor(f"racer{index}", f"Racer {index}", Role.EXAMINER)
        if hold_after_check:
            real = requests_module._open_request
            checks: list[int] = []

            def check_then_wait(conn: Connection, number_id: int) -> tuple[int, str, str] | None:
                found = real(conn, number_id)
                checks.append(1)
                if len(checks) == 1:  # the check before the insert, not the error report
                    barrier.wait(RACE_TIMEOUT)
                return found

            requests_module._open_request = check_then_wait
        else:
            barrier.wait(RACE_TIMEOUT)
        # with two_routes, one racer drafts on the lending route, the other on the outdoor-ad
        # route (the number was seen on both kinds of flyer)
        category = AdCategory.OBSCENE_ADULT if two_routes and index else AdCategory.LENDING
        try:
            request = blk.requests.draft(actor, NUMBER, category=category)
            results.put(("won", request.id))
        except DuplicateRequestError as exc:
            results.put(("duplicate", str(exc)))
    except Exception as exc:  # reported to the test, which fails on it
        results.put(("error", repr(exc)))
    finally:
        engine.dispose()


def _queue_in_a_process(url: str, index: int, barrier: Any, results: Any) -> None:
    engine = make_engine(url)
    try:
        blk = Blocking(engine, load_config(ROUTES_FILE))
        barrier.wait(RACE_TIMEOUT)
        result = blk.requests.queue_blockable(Actor(f"q{index}", f"Queuer {index}", Role.EXAMINER))
        results.put(("queued", result.created))
    except Exception as exc:
        results.put(("error", repr(exc)))
    finally:
        engine.dispose()


def _run_two(target: Any, *args: Any) -> list[tuple[str, Any]]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=target, args=(*args[:1], i, barrier, results, *args[1:]))
        for i in range(2)
    ]
    for process in processes:
        process.start()
    outcomes = []
    try:
        for _ in processes:
            outcomes.append(results.get(timeout=RACE_TIMEOUT))
    except queue.Empty:
        pytest.fail(f"a racer did not finish; got {outcomes}")
    finally:
        for process in processes:
            process.join(RACE_TIMEOUT)
            if process.is_alive():
                process.kill()
    return outcomes


@pytest.mark.parametrize("two_routes", [False, True], ids=["same_route", "two_routes"])
def test_two_processes_race_to_draft_the_same_number(
    blk: Blocking, examiner: Actor, db_url: str, two_routes: bool
) -> None:
    blk.registry.record_sightings(
        examiner, [sighting(NUMBER), sighting(NUMBER, category=AdCategory.OBSCENE_ADULT)]
    )
    # On SQLite writers queue on the database lock, so holding one after its check would
    # only deadlock the pair; the race there is decided by BEGIN IMMEDIATE and the check.
    # On PostgreSQL both have passed the library's check before either inserts: the index
    # on the number alone decides.
    hold = db_url.startswith("postgresql")
    outcomes = _run_two(_draft_in_a_process, db_url, hold, two_routes)
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["duplicate", "won"], outcomes
    (winner,) = [value for kind, value in outcomes if kind == "won"]
    (message,) = [value for kind, value in outcomes if kind == "duplicate"]
    assert f"request {winner} (" in message or "already had an open request" in message
    assert blk.requests.ids() == [winner]


def test_the_database_refuses_a_second_open_request_on_another_route(
    blk: Blocking, examiner: Actor
) -> None:
    blk.registry.record_sightings(examiner, [sighting(NUMBER)])
    first = blk.requests.draft(examiner, NUMBER, category=AdCategory.LENDING)
    with blk.store.write() as conn:
        row = conn.execute(select(requests_t).where(requests_t.c.id == first.id)).one()._asdict()
    del row["id"]
    with pytest.raises(IntegrityError) as caught, blk.store.write() as conn:
        conn.execute(insert(requests_t), [row | {"route": "agreement"}])
    assert requests_module.is_open_request_conflict(caught.value)


def test_two_processes_queue_everything_at_once(
    blk: Blocking, examiner: Actor, db_url: str
) -> None:
    # every other number was also seen on an obscene/adult flyer: still one request each
    blk.registry.record_sightings(
        examiner,
        [sighting(mobile(i)) for i in range(200)]
        + [sighting(mobile(i), category=AdCategory.OBSCENE_ADULT) for i in range(0, 200, 2)],
    )
    outcomes = _run_two(_queue_in_a_process, db_url)
    assert [kind for kind, _ in outcomes] == ["queued", "queued"], outcomes
    first, second = (set(ids) for _, ids in outcomes)
    assert not first & second
    assert len(first | second) == 200
    assert sorted(blk.requests.ids()) == sorted(first | second)
    assert {r.route for r in blk.requests.search()} == {"lending_act"}  # lending comes first
