"""Migration 0008 (the message search index holds texts with ASCII letters folded, and its
tokenizer no longer folds case) on a store that already holds messages indexed the old way:
the index is rebuilt from the stored messages, and search finds what it found before."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.storage import migrations
from forensics_app.storage.database import Database
from tests.conftest import PASSWORD
from tests.importers import samples

BEFORE = "0005"
OLD_SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE search_messages_fts USING fts5(text, content='', tokenize='trigram', "
    "detail=none, columnsize=0)"
)


def _index_the_old_way(db: Database) -> None:
    """What migration 0004 built and the import wrote before 0008: texts as stored, case
    folded by the tokenizer."""
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE search_messages_vocab"))
        conn.execute(text("DROP TABLE search_messages_fts"))
        conn.execute(text(OLD_SEARCH_TABLE))
        conn.execute(
            text(
                "INSERT INTO search_messages_fts(rowid, text) SELECT id, subject || char(10) || "
                "body || char(1, 1) FROM artifact_messages"
            )
        )
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE search_messages_vocab USING "
                "fts5vocab(search_messages_fts, 'row')"
            )
        )


def found(ws: Workstation, case_id: int, query: str) -> list[str]:
    return sorted(r.text for r in ws.artifacts.page(ArtifactQuery(case_id, text=query), 0, 100))


def test_upgrade_rebuilds_the_search_index_from_the_stored_messages(
    old_url: str, tmp_path: Path
) -> None:
    old = Database.connect(old_url)
    with old.engine.begin() as conn:
        migrations.upgrade(conn, BEFORE)
    old.dispose()
    ws = Workstation(Database.connect(old_url))
    actor = ws.examiners.create(None, "Park", "9", password=PASSWORD)
    case = ws.cases.create(actor, "Before the upgrade", number="OLD-8")
    ws.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "android")])
    sqlite = old_url.startswith("sqlite")
    if sqlite:
        _index_the_old_way(ws.db)
    ws.close()

    if not sqlite:  # a team database is upgraded on purpose
        team = Database.connect(old_url)
        team.upgrade()
        team.dispose()
    upgraded = Workstation.open(old_url)
    assert upgraded.db.schema_state().up_to_date
    if sqlite:
        with upgraded.db.engine.connect() as conn:
            definition = conn.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'search_messages_fts'")
            ).scalar_one()
        assert "case_sensitive 1" in definition
    loans = found(upgraded, case.id, "대출")
    assert len(loans) == 4 and all("대출" in t for t in loans)
    assert found(upgraded, case.id, "무직자대") == ["무직자대출 당일 승인 010 9876 5432 문의"]
    for query in ("EM", "eMa", "EMAIL SENDER", "mail s"):  # 2, 3 and more characters
        assert found(upgraded, case.id, query) == ["email sender"], query
    upgraded.close()
