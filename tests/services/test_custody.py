"""The custody chain: append-only in the database, and tampering found and located by verify."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from forensics_app.services import Workstation
from forensics_app.services.custody import GENESIS_HASH, entry_digest
from forensics_app.services.records import Actor


def _populate(workstation: Workstation, actor: Actor, cases: int = 4) -> None:
    for n in range(cases):
        workstation.cases.create(actor, f"Case {n}", number=f"T-{n}")


def _raw(workstation: Workstation, *statements: str) -> None:
    """Act as an attacker with write access to the database file or server: lift the
    append-only guard and rewrite the log directly."""
    with workstation.db.engine.begin() as conn:
        if workstation.db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER custody_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER custody_log_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE custody_log DISABLE TRIGGER custody_log_append_only")
        for statement in statements:
            conn.exec_driver_sql(statement)


def test_every_change_appends_a_linked_entry(workstation: Workstation, actor: Actor) -> None:
    _populate(workstation, actor)
    entries = list(workstation.custody.iter_entries())
    # 1 examiner + 4 cases
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].action == "examiner"
    assert all(e.actor == "Kim Minsu (1001)" for e in entries)
    assert all(e.recorded_at.endswith("Z") for e in entries)
    report = workstation.custody.verify_chain()
    assert report.ok and report.entries_checked == 5 and report.head_seq == 5
    assert report.head_hash == entries[-1].entry_hash != GENESIS_HASH


@pytest.mark.parametrize(
    "statement", ["UPDATE custody_log SET summary = 'x'", "DELETE FROM custody_log"]
)
def test_database_refuses_rewriting_the_log(
    workstation: Workstation, actor: Actor, statement: str
) -> None:
    _populate(workstation, actor, 1)
    with pytest.raises(DBAPIError, match="append-only"), workstation.db.engine.begin() as conn:
        conn.execute(text(statement))
    assert workstation.custody.verify_chain().ok


TAMPERING: dict[str, tuple[Callable[[], tuple[str, ...]], str, int]] = {
    "edited summary": (
        lambda: ("UPDATE custody_log SET summary = 'Case T-1 never existed' WHERE seq = 3",),
        "edited",
        3,
    ),
    "deleted in the middle": (lambda: ("DELETE FROM custody_log WHERE seq = 3",), "missing", 3),
    "deleted at the end": (lambda: ("DELETE FROM custody_log WHERE seq = 5",), "truncated", 5),
    "reordered": (
        lambda: (
            "UPDATE custody_log SET seq = 100 WHERE seq = 3",
            "UPDATE custody_log SET seq = 3 WHERE seq = 4",
            "UPDATE custody_log SET seq = 4 WHERE seq = 100",
        ),
        "out_of_place",
        3,
    ),
}


@pytest.mark.parametrize("name", list(TAMPERING))
def test_verify_finds_and_locates_tampering(
    workstation: Workstation, actor: Actor, name: str
) -> None:
    statements, kind, seq = TAMPERING[name]
    _populate(workstation, actor)
    assert workstation.custody.verify_chain().ok
    _raw(workstation, *statements())
    report = workstation.custody.verify_chain()
    assert not report.ok
    first = report.problems[0]
    assert (first.kind, first.seq) == (kind, seq), report.problems
    assert str(seq) in first.message


def test_entries_view_filters_by_case_and_item(workstation: Workstation, actor: Actor) -> None:
    first = workstation.cases.create(actor, "A", number="A")
    second = workstation.cases.create(actor, "B", number="B")
    workstation.cases.update(actor, first.id, title="A renamed")
    assert [e.action for e in workstation.custody.entries(case_id=first.id)] == ["edit", "create"]
    assert [e.case_id for e in workstation.custody.entries(case_id=second.id)] == [second.id]
    edit = workstation.custody.entries(case_id=first.id)[0]
    assert (
        '"before":{"title":"A"}' in edit.details and '"after":{"title":"A renamed"}' in edit.details
    )


def test_rewritten_entry_with_a_recomputed_hash_breaks_the_next_link(
    workstation: Workstation, actor: Actor
) -> None:
    """An attacker who knows the algorithm re-hashes the entry they edited; the following
    entry still points at the original hash."""
    _populate(workstation, actor)
    target = next(e for e in workstation.custody.entries() if e.seq == 2)
    with workstation.db.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT recorded_at, examiner_id, action, case_id, item_id, file_id, summary, "
            "details, prev_hash FROM custody_log WHERE seq = 2"
        ).one()
    forged = entry_digest(
        row[0], row[1], "Someone Else (0)", row[2], row[3], row[4], row[5], row[6], row[7], row[8]
    )
    assert forged != target.entry_hash
    _raw(
        workstation,
        f"UPDATE custody_log SET actor = 'Someone Else (0)', entry_hash = '{forged}' WHERE seq = 2",
    )
    report = workstation.custody.verify_chain()
    assert [(p.kind, p.seq) for p in report.problems] == [("out_of_place", 3)]
