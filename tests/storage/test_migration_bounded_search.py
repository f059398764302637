"""Migration 0010 (message search covers the first SEARCHED_TEXT_LIMIT characters of a message)
on a store made at 0009 whose search index holds a hostile body whole: after the upgrade a
word written only past the limit is no longer found on either database, a word at the start
still is, and PostgreSQL's trigram index has the very expression the search uses (otherwise
its planner would scan the table)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from forensics_app.services import Workstation
from forensics_app.services.artifacts import PG_SEARCHED, ArtifactQuery
from forensics_app.storage import migrations
from forensics_app.storage.database import Database
from tests.conftest import PASSWORD
from tests.hostile.test_long_bodies import with_long_body

BEFORE = "0009"
LATE_WORD = "비밀단"  # three characters: SQLite's index answers them without a recheck
EARLY_WORD = "대출안내"
WHOLE = "lower(subject || char(10) || body || char(1, 1))"


def found(ws: Workstation, case_id: int, query: str) -> list[str]:
    return [r.text for r in ws.artifacts.page(ArtifactQuery(case_id, text=query), 0, 100)]


def test_upgrade_bounds_the_search_of_messages_already_stored(old_url: str, tmp_path: Path) -> None:
    old = Database.connect(old_url)
    with old.engine.begin() as conn:
        migrations.upgrade(conn, BEFORE)
    old.dispose()
    ws = Workstation(Database.connect(old_url))
    actor = ws.examiners.create(None, "Park", "9", password=PASSWORD)
    case = ws.cases.create(actor, "Before the bound", number="OLD-10")
    ws.ingest.import_paths(actor, case.id, [with_long_body(tmp_path / "mmssms.db")])
    sqlite = old_url.startswith("sqlite")
    if sqlite:  # as 0009's import wrote it: the whole body indexed
        with ws.db.engine.begin() as conn:
            long_id = conn.execute(
                text("SELECT id FROM artifact_messages WHERE length(body) > 65536")
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO search_messages_fts(search_messages_fts, rowid, text) SELECT "
                    "'delete', id, lower(substr(subject || char(10) || body, 1, 65536) || "
                    "char(1, 1)) FROM artifact_messages WHERE id = :id"
                ),
                {"id": long_id},
            )
            conn.execute(
                text(
                    f"INSERT INTO search_messages_fts(rowid, text) SELECT id, {WHOLE} "
                    "FROM artifact_messages WHERE id = :id"
                ),
                {"id": long_id},
            )
        assert len(found(ws, case.id, LATE_WORD)) == 1  # what 0009's index answered
    ws.close()

    if not sqlite:  # a team database is upgraded on purpose
        team = Database.connect(old_url)
        team.upgrade()
        team.dispose()
    upgraded = Workstation.open(old_url)
    assert upgraded.db.schema_state().up_to_date
    assert found(upgraded, case.id, LATE_WORD) == []
    assert found(upgraded, case.id, LATE_WORD + "어") == []
    early = found(upgraded, case.id, EARLY_WORD)
    assert len(early) == 1
    if not sqlite:
        with upgraded.db.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(
                conn.execute(
                    text(
                        "EXPLAIN SELECT id FROM artifact_messages "
                        f"WHERE {PG_SEARCHED} LIKE '%비밀단어%'"
                    )
                ).scalars()
            )
        assert "search_messages_trgm" in plan
    upgraded.close()
