"""Android contacts through the ingest's SQL path (importers.android_contacts._in_bulk and
services.ingest_sql.load_contacts) against the Python path: contacts with several name rows,
organizations with and without a title, notes, phone types as text, integers, custom or
unknown, vendor mimetypes in the order met, data rows without their contact — both paths
store exactly the same contacts and points and report the same skips; values the SQL would
not read as Python does (a type that is no number, text that is not UTF-8, NUL, a text id)
make it leave the source to the Python path, with the same result."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from blocking.clock import ManualClock
from forensics_app.importers.base import ParseContext
from forensics_app.importers.bulk import ContactTables
from forensics_app.importers.sqlite import SqliteDatabase
from forensics_app.services import Workstation
from forensics_app.services.ingest import ArtifactWriter
from forensics_app.services.records import Actor
from tests.conftest import PASSWORD
from tests.importers.builders import ANDROID_CONTACTS, MIMETYPES, build
from tests.services.test_ingest_sql_equality import second_url  # noqa: F401  (fixture)

CP949_NAME = "CAST(X'B4EBC3E2' AS TEXT)"  # text whose bytes are CP949, not UTF-8


def contacts_db(path: Path, edit: Callable[[sqlite3.Connection], None] | None = None) -> Path:
    mime = {name: i for i, name in enumerate(MIMETYPES, 1)}
    mimetypes: list[dict[str, Any]] = [
        {"_id": i, "mimetype": m} for i, m in enumerate(MIMETYPES.values(), 1)
    ]
    mimetypes += [
        {"_id": 50, "mimetype": "vnd.com.htc.cursor.item/facebook"},
        {"_id": 51, "mimetype": "vnd.sec.cursor.item/personalization"},
        {"_id": 52, "mimetype": "vnd.android.cursor.item/nickname"},
        {"_id": 53, "mimetype": "vnd.android.cursor.item/website"},
        {"_id": 54, "mimetype": "vnd.android.cursor.item/vnd.htc.contact.relation"},
    ]
    raw: list[dict[str, Any]] = [
        {"_id": 1, "display_name": "김철수"},
        {"_id": 2, "display_name": None, "deleted": 1},
        {"_id": 3, "display_name": "Kim Young-hee", "deleted": 0},
        {"_id": 5, "display_name": "", "deleted": 2},
        {"_id": 4, "display_name": "빈 사람"},
    ]
    name, phone, email = mime["name"], mime["phone"], mime["email"]
    organization, note = mime["organization"], mime["note"]
    data = [
        # _id, raw_contact_id, mimetype_id, data1, data2, data3, data4
        (1, 1, name, "김철수", "철수", "김", None),
        (2, 1, phone, "010-1234-5678", "2", None, None),
        (3, 1, phone, "02 123 4567", "0", "사무실", None),
        (4, 1, phone, "010 2000 1000", 0, "", None),
        (5, 1, email, "kim@example.kr", 1, None, None),
        (6, 1, organization, "행복대부", None, None, "실장"),
        (7, 1, note, "=1+1 이자 높음", None, None, None),
        (8, 1, note, "", None, None, None),
        (9, 1, note, "두 번째", None, None, None),
        (10, 1, 51, "x", 7, None, None),
        (11, 1, 50, "facebook-id-1", None, None, None),
        (12, 2, name, "", "영희", None, None),
        (13, 2, name, "나중 이름", None, "박", None),
        (14, 2, phone, "+82 10-3333-4444", None, None, None),
        (15, 2, phone, "1588-1234", "99", None, None),
        (16, 2, phone, "", "00", None, None),
        (17, 2, phone, None, "17", None, None),
        (18, 2, organization, "", None, None, "대표"),
        (19, 2, organization, "두번째 회사", None, None, ""),
        (20, 3, 52, "", None, None, None),
        (21, 3, 52, "영이", None, None, None),
        (22, 3, 53, "https://example.kr", None, None, None),
        (23, 3, email, "young@example.com", "3", "", None),
        (24, 3, email, "x@example.com", "9", None, None),
        (25, 99, phone, "010-9999-9999", "2", None, None),  # no such contact
        (26, 99, 50, "orphan facebook", None, None, None),
        (27, 4, 77, "unknown mimetype id", None, None, None),
        (28, 4, 50, "facebook-id-4", None, None, None),
        (31, 4, 54, "brother", None, None, None),  # a vendor's kind under Android's prefix
        (29, 5, phone, "010-5555-6666", 2, "", None),
        (30, 5, phone, "010-5555-6666", 2, "", None),
    ]
    columns = ("_id", "raw_contact_id", "mimetype_id", "data1", "data2", "data3", "data4")
    rows: dict[str, list[dict[str, Any]]] = {
        "mimetypes": mimetypes,
        "raw_contacts": raw,
        "data": [dict(zip(columns, row, strict=True)) for row in data],
    }
    path = build(path, ANDROID_CONTACTS, rows)
    if edit is not None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            edit(conn)
        finally:
            conn.close()
    return path


class ContactsSpy:
    """Whether the SQL path took the contacts (or, with `python_only`, is kept from them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, python_only: bool) -> None:
        self.taken: list[bool] = []
        original = ArtifactWriter.take_contacts
        spy = self

        def take_contacts(self: ArtifactWriter, tables: ContactTables, ctx: ParseContext) -> bool:
            found = False if python_only else original(self, tables, ctx)
            spy.taken.append(found)
            return found

        monkeypatch.setattr(ArtifactWriter, "take_contacts", take_contacts)


def stored_contacts(
    url: str, clock: ManualClock, root: Path, monkeypatch: pytest.MonkeyPatch, *, sql: bool
) -> tuple[dict[str, Any], list[bool]]:
    with monkeypatch.context() as patch:
        spy = ContactsSpy(patch, python_only=not sql)
        workstation = Workstation.open(url, clock)
        try:
            actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
            case = workstation.cases.create(actor, "Illegal lending", number="2024-0011")
            report = workstation.ingest.import_paths(actor, case.id, [root])
            found: dict[str, Any] = {
                "report": [(s.parser, s.status, s.counts, s.skipped) for s in report.sources]
            }
            with workstation.db.read() as session:
                for table in ("artifact_contacts", "artifact_contact_points"):
                    rows = session.execute(text(f"SELECT * FROM {table} ORDER BY id"))
                    found[table] = [tuple(row) for row in rows]
                found["import_sources"] = session.execute(
                    text("SELECT parser, counts, skipped FROM import_sources ORDER BY id")
                ).all()
        finally:
            workstation.close()
    return found, spy.taken


def assert_same_both_ways(
    db_url: str, second: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, root: Path
) -> list[bool]:
    by_sql, taken = stored_contacts(db_url, clock, root, monkeypatch, sql=True)
    by_python, _ = stored_contacts(second, clock, root, monkeypatch, sql=False)
    assert by_sql["artifact_contacts"], "nothing was imported"
    for key in by_python:
        if by_sql[key] != by_python[key]:
            pairs = itertools.zip_longest(by_sql[key], by_python[key])
            differing = [(a, b) for a, b in pairs if a != b]
            pytest.fail(f"{key} differs (SQL path, Python path): {differing[:3]!r}")
    return taken


def _extraction(tmp_path: Path, edit: Callable[[sqlite3.Connection], None] | None) -> Path:
    root = tmp_path / "extraction"
    contacts_db(root / "data/data/com.android.providers.contacts/databases/contacts2.db", edit)
    return root


def test_contacts_give_the_same_artifacts_both_ways(
    db_url: str,
    second_url: str,  # noqa: F811
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root = _extraction(tmp_path, None)
    taken = assert_same_both_ways(db_url, second_url, clock, monkeypatch, root)
    assert taken == ([True] if db_url.startswith("sqlite") else [])  # PostgreSQL: Python


def _set(sql: str) -> Callable[[sqlite3.Connection], None]:
    def edit(conn: sqlite3.Connection) -> None:
        conn.executescript(sql)

    return edit


ODD = {
    "type not a number": _set("UPDATE data SET data2 = '2.0' WHERE _id = 2"),
    "type with a space": _set("UPDATE data SET data2 = ' 2' WHERE _id = 23"),
    "text not UTF-8 in a vendor row": _set(f"UPDATE data SET data1 = {CP949_NAME} WHERE _id = 11"),
    "text not UTF-8 in a name": _set(f"UPDATE raw_contacts SET display_name = {CP949_NAME}"),
    "NUL in a value": _set("UPDATE data SET data1 = 'a' || char(0) || 'b' WHERE _id = 21"),
    "a blob": _set("UPDATE data SET data4 = X'00FF' WHERE _id = 6"),
    # Python composes the name from its parts (김철수); the SQL does not.
    "a name only in its parts": _set(
        "UPDATE raw_contacts SET display_name = NULL WHERE _id = 1; "
        "UPDATE data SET data1 = NULL WHERE _id = 1"
    ),
}


@pytest.mark.parametrize("odd", list(ODD), ids=list(ODD))
def test_values_sql_would_not_read_as_python_go_the_python_way(
    db_url: str,
    second_url: str,  # noqa: F811
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    odd: str,
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL stores contacts the Python way")
    root = _extraction(tmp_path, ODD[odd])
    assert not any(assert_same_both_ways(db_url, second_url, clock, monkeypatch, root))


def test_a_text_id_goes_the_python_way(
    db_url: str,
    second_url: str,  # noqa: F811
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL stores contacts the Python way")

    def text_ids(conn: sqlite3.Connection) -> None:
        conn.create_collation("PHONEBOOK", lambda a, b: (a > b) - (a < b))
        conn.execute("CREATE TABLE data2 AS SELECT * FROM data")
        conn.execute("DROP TABLE data")
        conn.execute("ALTER TABLE data2 RENAME TO data")
        conn.execute("UPDATE data SET _id = 'x' WHERE _id = 5")

    root = _extraction(tmp_path, text_ids)
    assert not any(assert_same_both_ways(db_url, second_url, clock, monkeypatch, root))


def test_the_contact_checks_read_the_data_table_once_not_once_per_contact(
    tmp_path: Path, workstation: Workstation, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQL path's checks of a contacts database are whole-table scans: a check correlated
    with each contact scans all of `data` per contact when data.raw_contact_id has no index
    (50,000 contacts took minutes, not a second). Every statement run on the source is
    planned here against the same database: none holds a correlated subquery. (PostgreSQL
    stores take contacts the Python way: nothing to plan there.)"""
    if not workstation.db.is_sqlite:
        pytest.skip("the SQL path reads sources attached to a SQLite store")
    path = contacts_db(tmp_path / "phone" / "contacts2.db")
    ran: list[str] = []
    original = SqliteDatabase.rows

    def rows(self: SqliteDatabase, sql: str, parameters: Sequence[Any] = ()) -> Any:
        ran.append(sql)
        return original(self, sql, parameters)

    monkeypatch.setattr(SqliteDatabase, "rows", rows)
    with monkeypatch.context() as patch:
        spy = ContactsSpy(patch, python_only=False)
        case = workstation.cases.create(actor, "Illegal lending", number="2024-0012")
        workstation.ingest.import_paths(actor, case.id, [path.parent])
    assert spy.taken == [True]
    checks = [sql for sql in ran if "raw_contacts" in sql and "data" in sql]
    assert checks, "the SQL path's checks ran"
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        plans = {
            sql: [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")] for sql in checks
        }
    finally:
        conn.close()
    correlated = {sql: plan for sql, plan in plans.items() if any("CORRELATED" in p for p in plan)}
    assert correlated == {}
