"""A hostile message body (tens of megabytes in one sms row) is kept whole as evidence, but only
its first BODY_SCAN_LIMIT characters are indexed for search and scanned for numbers: a 24 MB
body made the import write 1.5 GB of trigram index and take two and a half minutes. The row
says so in its parse note, and the import in its warnings, in Korean and English. Both ingest
paths (SQL and record by record), on both databases; the body here is just past the limit."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from forensics_app.importers.base import ParseContext
from forensics_app.importers.bulk import TableRows
from forensics_app.messages import stored_note
from forensics_app.services import Workstation, ingest_sql
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.ingest import LONG_BODY_NOTE, ArtifactWriter
from forensics_app.services.ingest_sql import BODY_SCAN_LIMIT
from forensics_app.services.records import Actor
from forensics_app.storage.models import ArtifactMention, ArtifactMessage
from tests.importers import samples
from tests.importers.builders import unix_ms

LATE_NUMBER = "+821044445555"  # written only past the limit
LONG_BODY = "대출안내 " + "가" * BODY_SCAN_LIMIT + " 010-4444-5555 비밀단어"


def with_long_body(path: Path) -> Path:
    samples.android_mmssms(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO sms (_id, thread_id, address, date, type, read, body) "
        "VALUES (12, 1, '010-1234-5678', ?, 1, 1, ?)",
        (unix_ms(samples.at(95)), LONG_BODY),
    )
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("path_taken", ["sql", "records"])
def test_a_huge_body_is_stored_whole_and_searched_and_scanned_only_at_its_start(
    workstation: Workstation,
    actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    path_taken: str,
) -> None:
    if path_taken == "records":

        def refuse(self: ArtifactWriter, rows: TableRows, ctx: ParseContext) -> bool:
            return False

        monkeypatch.setattr(ArtifactWriter, "take", refuse)
    source = with_long_body(tmp_path / "mmssms.db")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    case = workstation.cases.create(actor, "Hostile body", number="H-1")

    report = workstation.ingest.import_paths(actor, case.id, [source])

    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert report.counts["message"] == samples.ANDROID_SMS_COUNT + 1
    with workstation.db.read() as session:
        notes = {
            body: note
            for body, note in session.execute(
                select(ArtifactMessage.body, ArtifactMessage.parse_note)
            )
        }
        mentioned = set(session.execute(select(ArtifactMention.e164)).scalars())
    assert LONG_BODY in notes  # the evidence, every character of it
    assert notes[LONG_BODY] == LONG_BODY_NOTE
    assert [body for body, note in notes.items() if LONG_BODY_NOTE in note] == [LONG_BODY]
    assert samples.IN_BODY in mentioned and LATE_NUMBER not in mentioned
    found = workstation.artifacts.page(ArtifactQuery(case.id, text="대출안내"), 0, 10)
    assert [row.id for row in found if row.note == LONG_BODY_NOTE]
    warnings = [w.render("en") for w in report.warnings]
    assert any(
        "1 message body is longer than 65,536 characters" in w and "mmssms.db" in w
        for w in warnings
    ), warnings
    korean = [w.render("ko") for w in report.warnings]
    assert any("메시지 본문 1건이 65,536자보다 깁니다" in w for w in korean), korean
    assert stored_note(LONG_BODY_NOTE, "ko").startswith("매우 긴 본문")


def test_short_queries_search_only_the_start_of_a_huge_body(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    """One and two characters give PostgreSQL's trigram index nothing to look up: the raw
    columns are tested first there, but what is found is still decided by the bounded text."""
    case = workstation.cases.create(actor, "Hostile body", number="H-2")
    workstation.ingest.import_paths(actor, case.id, [with_long_body(tmp_path / "mmssms.db")])

    def found(text: str) -> list[str]:
        rows = workstation.artifacts.page(ArtifactQuery(case.id, text=text), 0, 100)
        return [row.note for row in rows]

    assert found("밀단") == []  # only in 비밀단어, past the limit
    assert found("밀") == []
    assert LONG_BODY_NOTE in found("안내")  # 대출안내, at the start
    assert workstation.artifacts.count(ArtifactQuery(case.id, text="밀단")) == 0
    assert workstation.artifacts.count(ArtifactQuery(case.id, text="안내")) == len(found("안내"))


def test_a_short_query_on_postgresql_builds_the_bounded_text_only_where_the_raw_columns_match(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    """The bounded text (left(subject || E'\\n' || body, 65536)) costs a copy of every text it
    is computed for: with no trigram to look up, a scan computed it for every row (0.77 s to
    count '대출' among a million messages, 0.3-0.4 s with the raw columns tested first)."""
    if workstation.db.is_sqlite:
        pytest.skip("SQLite answers two characters from its FTS5 index")
    case = workstation.cases.create(actor, "Hostile body", number="H-3")
    workstation.ingest.import_paths(actor, case.id, [with_long_body(tmp_path / "mmssms.db")])
    statements: list[tuple[str, Any]] = []

    def seen(_conn: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        statements.append((statement, parameters))

    event.listen(workstation.db.engine, "before_cursor_execute", seen)
    try:
        assert workstation.artifacts.count(ArtifactQuery(case.id, text="대출")) >= 1
    finally:
        event.remove(workstation.db.engine, "before_cursor_execute", seen)
    ((statement, parameters),) = [s for s in statements if "artifact_messages" in s[0]]
    with workstation.db.engine.connect() as conn:
        conn.execute(text("SET enable_indexscan = off"))
        conn.execute(text("SET enable_bitmapscan = off"))
        plan = "\n".join(
            conn.exec_driver_sql("EXPLAIN (COSTS OFF) " + statement, parameters).scalars()
        )
    raw_first = plan.find("(body ~~ '%대출%'::text)")
    bounded = plan.find('"left"(')
    assert 0 <= raw_first < bounded, plan


def test_long_bodies_in_several_chunks_of_the_read_back_are_each_noted(
    workstation: Workstation, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQL path finds the long bodies while reading the texts back, a chunk at a time:
    each is noted, in whichever chunk it lies, and no other message is."""
    monkeypatch.setattr(ingest_sql, "CHUNK_ROWS", 3)
    source = with_long_body(tmp_path / "mmssms.db")
    second = "둘째 " + "나" * BODY_SCAN_LIMIT
    conn = sqlite3.connect(source)
    conn.execute(
        "INSERT INTO sms (_id, thread_id, address, date, type, read, body) "
        "VALUES (13, 1, '010-1234-5678', ?, 2, 1, ?)",
        (unix_ms(samples.at(96)), second),
    )
    conn.commit()
    conn.close()
    case = workstation.cases.create(actor, "Hostile bodies", number="H-4")

    report = workstation.ingest.import_paths(actor, case.id, [source])

    with workstation.db.read() as session:
        noted = set(
            session.execute(
                select(ArtifactMessage.body).where(ArtifactMessage.parse_note == LONG_BODY_NOTE)
            ).scalars()
        )
    assert noted == {LONG_BODY, second}
    warnings = [w.render("en") for w in report.warnings]
    assert any("2 message bodies are longer than 65,536 characters" in w for w in warnings)
