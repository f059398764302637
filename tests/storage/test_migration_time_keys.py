"""Migration 0009 (a message's sent_at and a call's started_at kept as integer microseconds on
SQLite) on a store made at 0008 that already holds messages, calls, contacts, mentions and
annotations: after the upgrade the services give what a store made at the head gives from the
same evidence — every artifact listed, searches by text, number and time, the timeline and
the cross-reference — and on SQLite the downgrade writes back the text 0008 kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.command import downgrade
from sqlalchemy import text

from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.storage import migrations
from forensics_app.storage.database import Database
from tests.conftest import PASSWORD
from tests.importers import samples
from tests.pg_server import PostgresServer

BEFORE = "0008"
TIME_KEYS = (("artifact_messages", "sent_at"), ("artifact_calls", "started_at"))


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(a store made at 0008, a store made at the head)"""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}", f"sqlite:///{tmp_path / 'new.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        for name in ("before_time_keys", "after_time_keys"):
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
    yield server.url("before_time_keys"), server.url("after_time_keys")


def _fill(ws: Workstation, extraction: Path) -> int:
    actor = ws.examiners.create(None, "Park", "9", password=PASSWORD)
    case = ws.cases.create(actor, "Time keys", number="KEYS-9")
    ws.ingest.import_paths(actor, case.id, [extraction])
    first_message = ws.artifacts.page(ArtifactQuery(case.id), 0, 1)[0]
    first_call = ws.artifacts.page(ArtifactQuery(case.id, kind="call"), 0, 1)[0]
    ws.artifacts.add_tag(actor, "message", first_message.id, "대출")
    ws.artifacts.add_note(actor, "call", first_call.id, "광고 전화")
    return case.id


def _as_0008_wrote_them(db: Database) -> list[tuple[Any, ...]]:
    """The integer time keys written back as the text 0008's code wrote: naive UTC,
    "YYYY-MM-DD HH:MM:SS.ffffff". Returns that text, per table and row."""
    epoch = datetime(1970, 1, 1)
    written = []
    with db.engine.begin() as conn:
        for table, column in TIME_KEYS:
            rows = conn.execute(text(f"SELECT id, {column} FROM {table} ORDER BY id")).all()
            for row_id, micros in rows:
                if micros is None:
                    continue
                assert isinstance(micros, int)
                old = (epoch + timedelta(microseconds=micros)).isoformat(" ", "microseconds")
                conn.execute(
                    text(f"UPDATE {table} SET {column} = :old WHERE id = :id"),
                    {"old": old, "id": row_id},
                )
                written.append((table, row_id, old))
    return written


def _seen(ws: Workstation, case_id: int) -> dict[str, Any]:
    """What the services show of the case."""
    seen: dict[str, Any] = {}
    for kind in ("message", "call", "contact"):
        query = ArtifactQuery(case_id, kind=kind)
        seen[kind] = ws.artifacts.page(query, 0, 1000)
        seen[f"{kind} newest first"] = ws.artifacts.page(
            ArtifactQuery(case_id, kind=kind, descending=True), 0, 1000
        )
        seen[f"{kind} span"] = ws.artifacts.time_span(query)
    messages = seen["message"]
    dated = sorted(m.time for m in messages if m.time is not None)
    middle = dated[len(dated) // 2]
    for kind in ("message", "call"):
        seen[f"{kind} since {middle}"] = ws.artifacts.page(
            ArtifactQuery(case_id, kind=kind, start=middle), 0, 1000
        )
        seen[f"{kind} before {middle}"] = ws.artifacts.page(
            ArtifactQuery(case_id, kind=kind, end=middle), 0, 1000
        )
    seen["대출"] = ws.artifacts.page(ArtifactQuery(case_id, text="대출"), 0, 1000)
    seen["number"] = ws.artifacts.page(ArtifactQuery(case_id, number="010-9876-5432"), 0, 1000)
    seen["tagged"] = ws.artifacts.page(ArtifactQuery(case_id, tag="대출"), 0, 1000)
    seen["annotations"] = [
        (a.kind, a.artifact_id, a.tag, a.note) for a in ws.artifacts.case_annotations(case_id)
    ]
    seen["conversations"] = ws.artifacts.conversations(case_id)
    seen["timeline"] = ws.timeline.entries(case_id, limit=1000)
    seen["timeline streamed"] = list(ws.timeline.stream(case_id))
    seen["timeline since"] = ws.timeline.entries(case_id, start=middle, limit=1000)
    histogram = ws.timeline.histogram(case_id, unit="hour")
    seen["histogram"] = histogram
    seen["xref"] = ws.xref.cross_reference(case_id)
    seen["sources"] = [(s.parser, s.counts, s.skipped) for s in ws.artifacts.sources(case_id)]
    return seen


def test_upgrade_converts_the_time_keys_and_the_services_see_the_same(
    urls: tuple[str, str], tmp_path: Path
) -> None:
    old_url, new_url = urls
    sqlite = old_url.startswith("sqlite")
    extraction = samples.android_extraction(tmp_path / "android")

    old = Database.connect(old_url)
    with old.engine.begin() as conn:
        migrations.upgrade(conn, BEFORE)
    old.dispose()
    ws = Workstation(Database.connect(old_url))
    case_id = _fill(ws, extraction)
    written = _as_0008_wrote_them(ws.db) if sqlite else []
    ws.close()
    if sqlite:  # the sample's dated messages and calls
        assert {table for table, _, _ in written} == {t for t, _ in TIME_KEYS}

    if not sqlite:  # a team database is upgraded on purpose
        team = Database.connect(old_url)
        team.upgrade()
        team.dispose()
    upgraded = Workstation.open(old_url)
    assert upgraded.db.schema_state().up_to_date
    if not sqlite:
        team = Database.connect(new_url)
        team.upgrade()
        team.dispose()
    made_new = Workstation.open(new_url)
    assert _fill(made_new, extraction) == case_id

    if sqlite:
        with upgraded.db.engine.connect() as conn:
            for table, column in TIME_KEYS:
                classes = conn.execute(
                    text(f"SELECT DISTINCT typeof({column}) FROM {table}")
                ).scalars()
                assert set(classes) <= {"integer", "null"}, table
    assert _seen(upgraded, case_id) == _seen(made_new, case_id)
    upgraded.close()
    made_new.close()

    if sqlite:  # and back: the text 0008 wrote, exactly
        back = Database.connect(old_url)
        with back.engine.begin() as conn:
            config = migrations._config()
            config.attributes["connection"] = conn
            downgrade(config, BEFORE)
            restored = [
                (table, row_id, value)
                for table, column in TIME_KEYS
                for row_id, value in conn.execute(
                    text(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY id")
                )
            ]
        back.dispose()
        assert restored == written
