"""The ingest's SQL path (services.ingest_sql) against the Python reference path: on databases
full of odd values — NULLs, numbers written as text or REAL, blobs, text that is not UTF-8,
times out of range, duplicate rows, NUL inside text, a column collated NOCASE — both paths must
store exactly the same artifacts (ids, provenance and raw values included), the same mentions,
hourly counts and search index, and report the same skips, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import itertools
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from blocking.clock import ManualClock
from forensics_app.importers.base import ParseContext
from forensics_app.importers.bulk import TableRows
from forensics_app.progress import Cancelled, NullProgress
from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.ingest import ArtifactWriter
from tests.conftest import PASSWORD, drop_postgres_database, fresh_postgres_database
from tests.importers.builders import ANDROID_CALLS, ANDROID_SMS

STORED_TABLES = (
    "artifact_conversations",
    "artifact_messages",
    "artifact_calls",
    "artifact_mentions",
    "artifact_hour_counts",
)
SEARCH_VOCABULARY = "search_messages_vocab"
SEARCHES = ("대출", "무직자대출", "출", "010", "5678", "xxx", "encrypted", "QUFB", "Ｐｈｏｎｅ")
NUMBERS = ("010 1234 5678", "+82 10-2000-1000", "01055556666", "1588-1234", "0109876543")
MS_2020 = 1_600_000_000_123
CP949_DAECHUL = "대출".encode("cp949")  # not UTF-8
NOT_UTF8_TEXT = "CAST(X'B4EBC3E2' AS TEXT)"  # text whose bytes are CP949


# ---- the sources -----------------------------------------------------------------------------
UNTYPED_SMS = (
    "CREATE TABLE sms (_id, thread_id, address COLLATE NOCASE, date, type, read, subject, body)",
    "CREATE TABLE threads (_id INTEGER PRIMARY KEY, recipient_ids TEXT)",
    "CREATE TABLE canonical_addresses (_id INTEGER PRIMARY KEY, address TEXT)",
)
ODD_SMS: list[tuple[Any, ...]] = [
    # _id, thread_id, address, date, type, read, subject, body
    (1, 1, "010-1234-5678", MS_2020, 1, 1, None, "안녕 010 2000 1000 무직자대출"),
    (1, 1, "010-1234-5678", MS_2020, 1, 1, None, "안녕 010 2000 1000 무직자대출"),  # duplicate
    (2, "1", "+82 10-1234-5678", str(MS_2020 + 333), "2", "0", "", "text-typed numbers"),
    (None, 1.0, "spam@example.com", 1.6e12, 1.0, 0.0, "subj", "e-mail sender"),
    ("abc", None, "1588-1234", -5, 3, 2, None, None),
    (5, 99, "KBBANK", 253_402_300_799_999, 7, "", None, "Ｐｈｏｎｅ ０１０－９８７６－５４３２"),
    (6, "x", None, 253_402_300_800_000, None, "yes", None, "a\x00b 01012345678\x00\x00\x00\x00"),
    (7, 2, "", 0, -1, None, None, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"),
    (8, 2, CP949_DAECHUL, b"\x01", b"\x02", b"\x03", CP949_DAECHUL, CP949_DAECHUL),
    (9, 3, "01012345678", None, 6, 1, None, "x" * 5000 + " 010-5555-6666"),
    (10, 1, "010 1234 5678 ", "garbage", 4, 1, None, "  "),
    (11, 1, 12345, 1_600_000_000_000.5, 5, 1, 123, 456),
    (12, 2**62, "+1 650 253 0000", -1_600_000_000_000, 2, 1, None, "https://x.y/01012345678"),
    (13, 2, "KBBank", 2**63 - 1, 1, 1, None, "same sender, other case"),
    (14, 2, "kbbank", -(2**63), 1, 1, None, "대출 문의 0505-123-4567"),
    (15, 3, "010-9999-0000", 1e300, 1, 1, None, "float time"),
    (16, 3, "010-9999-0000", MS_2020 + 3_600_000, 2, 1, None, "an hour later"),
    # The same address as text and as an integer; numbers the fast classifier leaves to
    # phonenumbers (a carrier's international prefix 008, a "+" inside).
    (17, 3, "12345", MS_2020, 1, 1, None, "short code as text"),
    (18, 3, "0082 4179 867 50", MS_2020, 1, 1, None, "0082 4179 867 50"),
    (19, 3, "05+26157170", MS_2020, 1, 1, None, "plus inside"),
    # Korean mobile numbers as eleven digits are classified in SQL, unless 0105…: those
    # depend on the next digits (valid, invalid), and Python decides; ten digits likewise.
    (20, 4, "01098765432", MS_2020, 1, 1, None, "mobile as digits"),
    (21, 4, "01059612345", MS_2020, 1, 1, None, "0105 valid"),
    (22, 4, "01059712345", MS_2020, 1, 1, None, "0105 invalid"),
    (23, 4, "0101234567", MS_2020, 1, 1, None, "ten digits"),
    (24, 4, b"01033334444", MS_2020, 1, 1, None, "a blob of digits"),
    (25, 4, "010123456789", MS_2020, 1, 1, None, "twelve digits"),
]
UNTYPED_CALLS = (
    "CREATE TABLE calls (_id, number COLLATE NOCASE, date, duration, type, name, presentation, "
    "subscription_component_name, features, deleted)",
)
ODD_CALLS: list[tuple[Any, ...]] = [
    # _id, number, date, duration, type, name, presentation, component, features, deleted
    (1, "010-1234-5678", MS_2020, 30, 1, "김민수", 1, "com.android.phone/x", 0, 0),
    (1, "010-1234-5678", MS_2020, 30, 1, "김민수", 1, "com.android.phone/x", 0, 0),
    (None, None, MS_2020, "30", "2", None, 2, None, None, None),
    (3, "", -1, 12.7, 3, CP949_DAECHUL, 2, "", 1, "1"),
    ("x", "+82 10 2000 1000", "garbage", -4, 8, "", 1, "com.whatsapp/voip", 1, b"\x01"),
    (5, "1588-1234", 2**63 - 1, None, None, None, None, "com.android.server.telecom/y", 3, 1),
    (6, "KBBANK", 253_402_300_800_000, 0, 2, "bank", 3, b"telephony", "1", 2.0),
    (7, "kbbank", 1.6e12, 9.99e18, "1", None, 1.0, "com.kakao.talk", None, ""),
    (10, "010-2000-1000", MS_2020, 2**40, 2, None, 1, None, 0, 0),
    (8, 12345, 1e300, 5, 7, 42, "2", None, 0, None),
    (9, "010-1234-5678", MS_2020 + 7_200_000, 61, 2, "김민수", 1, "com.android.phone/x", 0, 0),
    (11, "12345", MS_2020, 1, 1, None, 1, None, 0, 0),
    (12, "0082 4179 867 50", MS_2020, 1, 1, None, 1, None, 0, 0),
    (13, "05+26157170", MS_2020, 1, 1, None, 1, None, 0, 0),
    (14, "+82 010-1234-5678", MS_2020, 1, 1, None, 1, None, 0, 0),
    (15, "01098765432", MS_2020, 1, 1, None, 1, None, 0, 0),
    (16, "01059612345", MS_2020, 1, 1, None, 1, None, 0, 0),
    (17, "01059712345", MS_2020, 1, 1, None, 1, None, 0, 0),
    (18, b"01033334444", MS_2020, 1, 1, None, 1, None, 0, 0),
    (19, 1098765432, MS_2020, 1, 1, None, 1, None, 0, 0),
]


def untyped_sms(path: Path, extra: Callable[[sqlite3.Connection], None] | None = None) -> Path:
    """mmssms.db with columns of no type (values stay as written) and every oddity."""
    conn = sqlite3.connect(path)
    for statement in UNTYPED_SMS:
        conn.execute(statement)
    conn.executemany("INSERT INTO sms VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ODD_SMS)
    conn.executemany(
        "INSERT INTO canonical_addresses VALUES (?, ?)", [(1, "010-1234-5678"), (2, "KBBANK")]
    )
    conn.executemany("INSERT INTO threads VALUES (?, ?)", [(1, "1"), (3, "2 7")])
    if extra is not None:
        extra(conn)
    conn.commit()
    conn.close()
    return path


def typed_sms(path: Path) -> Path:
    """mmssms.db on Android's own schema: the column types convert what they can."""
    conn = sqlite3.connect(path)
    for statement in ANDROID_SMS:
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO sms (_id, thread_id, address, date, type, read, subject, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(n, *row[1:]) for n, row in enumerate(ODD_SMS, start=100)],
    )
    conn.commit()
    conn.close()
    return path


def untyped_calls(path: Path, extra: Callable[[sqlite3.Connection], None] | None = None) -> Path:
    conn = sqlite3.connect(path)
    for statement in UNTYPED_CALLS:
        conn.execute(statement)
    conn.executemany("INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ODD_CALLS)
    if extra is not None:
        extra(conn)
    conn.commit()
    conn.close()
    return path


def typed_calls(path: Path) -> Path:
    conn = sqlite3.connect(path)
    for statement in ANDROID_CALLS:
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO calls (_id, number, date, duration, type, name, presentation, "
        "subscription_component_name, features, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (n, *row[1:6], row[6] or 0, row[7], row[8] or 0, 0 if row[9] is None else row[9])
            for n, row in enumerate(ODD_CALLS, start=1)
        ],
    )
    conn.commit()
    conn.close()
    return path


def nocase_sms(path: Path) -> Path:
    """Text-only columns declared NOCASE: 'KBBANK' and 'kbbank', threads 'x' and 'X' differ."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id TEXT COLLATE NOCASE, "
        "address TEXT COLLATE NOCASE, date INTEGER, type INTEGER, read INTEGER, "
        "subject TEXT COLLATE NOCASE, body TEXT COLLATE NOCASE)"
    )
    conn.executemany(
        "INSERT INTO sms (thread_id, address, date, type, read, subject, body) "
        "VALUES (?, ?, ?, 1, 1, '', ?)",
        [
            ("X", "KBBANK", MS_2020, "첫 010-1234-5678"),
            ("x", "kbbank", MS_2020 + 1, "둘"),
            ("x", "KBBank", MS_2020 + 2, "셋"),
            ("X", "KBBANK", MS_2020 + 3, "넷"),
            (None, "010-1234-5678", MS_2020 + 4, "다섯"),
        ],
    )
    conn.commit()
    conn.close()
    return path


def not_utf8_body(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"INSERT INTO sms VALUES (90, 1, '010-1234-5678', {MS_2020}, 1, 1, NULL, {NOT_UTF8_TEXT})"
    )


def not_utf8_address(conn: sqlite3.Connection) -> None:
    """A sender written in CP949 (an old Korean phone): the SQL path fails while reading the
    distinct addresses, a cursor left open mid-row."""
    conn.execute(
        f"INSERT INTO sms VALUES (91, 1, {NOT_UTF8_TEXT}, {MS_2020}, 1, 1, NULL, 'from cp949')"
    )


def not_utf8_name(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"INSERT INTO calls VALUES (90, '010-1234-5678', {MS_2020}, 5, 1, {NOT_UTF8_TEXT}, "
        "1, NULL, 0, 0)"
    )


# ---- running an import both ways -------------------------------------------------------------
def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def second_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another fresh store of the same kind as `db_url` (the reference path's)."""
    if db_url.startswith("sqlite"):
        path = tmp_path / "reference.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server = request.getfixturevalue("postgres")
    url = fresh_postgres_database(server)
    yield url
    drop_postgres_database(server, url)


class PathSpy:
    """Which declared tables the SQL path wrote (True) or left to Python (False)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, python_only: bool) -> None:
        self.taken: dict[str, bool] = {}
        original = ArtifactWriter.take
        spy = self

        def take(self: ArtifactWriter, rows: TableRows, ctx: ParseContext) -> bool:
            found = False if python_only else original(self, rows, ctx)
            spy.taken[rows.table] = found
            return found

        monkeypatch.setattr(ArtifactWriter, "take", take)


def import_into(
    url: str, clock: ManualClock, paths: list[Path], monkeypatch: pytest.MonkeyPatch, *, sql: bool
) -> tuple[dict[str, Any], dict[str, bool]]:
    """Import `paths` into a fresh case of the store at `url`: what was stored, and which
    tables the SQL path took."""
    with monkeypatch.context() as patch:
        spy = PathSpy(patch, python_only=not sql)
        workstation = Workstation.open(url, clock)
        try:
            actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
            case = workstation.cases.create(actor, "Illegal lending", number="2024-0011")
            report = workstation.ingest.import_paths(actor, case.id, paths)
            return stored(workstation, case.id, report), spy.taken
        finally:
            workstation.close()


def stored(workstation: Workstation, case_id: int, report: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "report": (
            report.counts,
            sorted(str(note) for note in report.warnings),
            [
                (s.parser, s.status, s.counts, s.skipped, s.warnings, s.version)
                for s in report.sources
            ],
        )
    }
    with workstation.db.read() as session:
        for table in STORED_TABLES:
            rows = session.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2, 3")).mappings()
            found[table] = [dict(row) for row in rows]
        found["import_sources"] = [
            tuple(row)
            for row in session.execute(
                text("SELECT parser, sha256, counts, skipped FROM import_sources ORDER BY id")
            )
        ]
        if workstation.db.url.get_backend_name() == "sqlite":
            # Contentless: its trigrams with the number of texts holding each.
            found["search"] = session.execute(
                text(f"SELECT term, doc FROM {SEARCH_VOCABULARY} ORDER BY term")
            ).all()
    # What an analyst's searches find, by text (Korean substrings too) and by number.
    found["searches"] = [
        [row.id for row in workstation.artifacts.page(query, 0, 500)]
        for query in [ArtifactQuery(case_id, text=t) for t in SEARCHES]
        + [ArtifactQuery(case_id, number=n) for n in NUMBERS]
        + [ArtifactQuery(case_id, kind="call", number=n) for n in NUMBERS]
    ]
    return found


def assert_same_both_ways(
    db_url: str,
    second_url: str,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    paths: list[Path],
) -> tuple[dict[str, bool], dict[str, Any]]:
    """Which tables the SQL path took, and what it stored (the Python path stored the same)."""
    before = {p: sha256_of(p) for p in paths}
    by_sql, taken = import_into(db_url, clock, paths, monkeypatch, sql=True)
    by_python, python_taken = import_into(second_url, clock, paths, monkeypatch, sql=False)
    assert not any(python_taken.values())
    assert {p: sha256_of(p) for p in paths} == before, "the evidence changed"
    assert by_sql["report"][0], "nothing was imported"
    for key in by_python:
        if by_sql[key] != by_python[key]:
            pairs = itertools.zip_longest(by_sql[key], by_python[key])
            differing = [(a, b) for a, b in pairs if a != b]
            pytest.fail(f"{key} differs (SQL path, Python path): {differing[:3]!r}")
    return taken, by_sql


# ---- the tests -------------------------------------------------------------------------------
@pytest.mark.parametrize("mostly_distinct", [True, False])
def test_odd_values_give_the_same_artifacts_both_ways(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path, mostly_distinct: bool,
) -> None:  # fmt: skip
    # Mostly distinct addresses (these few rows) get Korean mobile numbers classified in SQL;
    # a table of few repeated addresses (a share of 1.0 is never exceeded) has all of them
    # classified in Python and joined.
    from forensics_app.services import ingest_sql

    if not mostly_distinct:
        monkeypatch.setattr(ingest_sql, "MANY_DISTINCT", 1.0)
    paths = [untyped_sms(tmp_path / "mmssms.db"), untyped_calls(tmp_path / "calllog.db")]
    taken, _ = assert_same_both_ways(db_url, second_url, clock, monkeypatch, paths)
    assert taken == {"sms": True, "calls": True}, "the SQL path was not used"


def test_android_schemas_give_the_same_artifacts_both_ways(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    paths = [typed_sms(tmp_path / "mmssms.db"), typed_calls(tmp_path / "calllog.db")]
    taken, _ = assert_same_both_ways(db_url, second_url, clock, monkeypatch, paths)
    assert taken == {"sms": True, "calls": True}, "the SQL path was not used"


def test_samsung_recycle_bin_and_rcs_give_the_same_artifacts_both_ways(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    def binned(conn: sqlite3.Connection) -> None:
        # Untyped like the sms table beside it, with the bin's own column.
        conn.execute(UNTYPED_SMS[0].replace("sms (", "bin_sms (").replace(")", ", bin_timestamp)"))
        conn.executemany("INSERT INTO bin_sms VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", ODD_SMS)
        # Samsung's RCS chats and their bin: the same columns in the same roles.
        for table in ("im", "bin_im"):
            conn.execute(UNTYPED_SMS[0].replace("sms (", f"{table} ("))
            conn.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ODD_SMS)

    paths = [untyped_sms(tmp_path / "mmssms.db", binned)]
    taken, _ = assert_same_both_ways(db_url, second_url, clock, monkeypatch, paths)
    assert taken == {"sms": True, "bin_sms": True, "im": True, "bin_im": True}


def test_columns_collated_nocase_give_the_same_artifacts_both_ways(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    paths = [nocase_sms(tmp_path / "mmssms.db")]
    taken, _ = assert_same_both_ways(db_url, second_url, clock, monkeypatch, paths)
    assert taken == {"sms": True}, "the SQL path was not used"


def test_text_that_is_not_utf8_is_read_the_python_way(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    paths = [
        untyped_sms(tmp_path / "mmssms.db", not_utf8_body),
        untyped_calls(tmp_path / "calllog.db", not_utf8_name),
    ]
    taken, _ = assert_same_both_ways(db_url, second_url, clock, monkeypatch, paths)
    assert taken == {"sms": False, "calls": False}


def test_an_address_that_is_not_utf8_is_read_the_python_way(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """The step back to the Python path unregistered the SQL functions while the failed
    read's cursor was still open (its traceback kept alive by a log record that keeps it, as
    pytest's capture does): "Error creating function", nothing imported."""
    caplog.set_level("INFO", logger="forensics_app.services.ingest_sql")
    paths = [untyped_sms(tmp_path / "mmssms.db", not_utf8_address)]
    taken, _ = assert_same_both_ways(db_url, second_url, clock, monkeypatch, paths)
    assert taken == {"sms": False}
    assert any("read the Python way" in r.getMessage() for r in caplog.records)


BINARY = bytes(range(0x80, 0xA0)) + b"\x00\xff\x10"  # neither UTF-8 nor CP949
BINARY_NOTE = "body stored as binary, not text: kept as hex (possibly encrypted)"
BLOB_BODIES: list[tuple[bytes | str, str, str]] = [
    # body as stored, as the store keeps it, its note
    (BINARY, BINARY.hex(), BINARY_NOTE),
    (b"\x01\x02\x03", "010203", BINARY_NOTE),  # UTF-8, but control characters
    (
        "대출 010-1234-5678".encode("utf-16"),
        "대출 010-1234-5678",
        "body stored as UTF-16 bytes: decoded",
    ),
    ("대출 문의".encode("cp949"), "대출 문의", "body stored as CP949 (EUC-KR) bytes: decoded"),
    ("안녕".encode(), "안녕", ""),
    ("plain text", "plain text", ""),
]


def sms_bodies(path: Path, bodies: list[bytes | str]) -> Path:
    """mmssms.db (untyped) with one sms per body."""
    conn = sqlite3.connect(path)
    conn.execute(UNTYPED_SMS[0])
    conn.executemany(
        "INSERT INTO sms VALUES (?, 1, '010-2000-1000', ?, 1, 1, NULL, ?)",
        [(n, MS_2020 + n, body) for n, body in enumerate(bodies)],
    )
    conn.commit()
    conn.close()
    return path


def report_lines(found: dict[str, Any]) -> list[str]:
    """The report's lines on the source's rows (its missing tables aside)."""
    [(_, _, _, skipped, _, _)] = found["report"][2]
    return sorted(str(n) for n in skipped if not str(n).startswith(("table", "column")))


def test_bodies_stored_as_blobs_keep_their_bytes_and_are_flagged(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    """A body stored as a blob is decoded only as text in an encoding its note names, else
    kept as hex: the store gives the evidence's bytes back (no replacement characters),
    and the body is flagged as binary, maybe encrypted. Alike on both paths."""
    source = sms_bodies(tmp_path / "mmssms.db", [body for body, _, _ in BLOB_BODIES])
    taken, found = assert_same_both_ways(db_url, second_url, clock, monkeypatch, [source])
    assert taken == {"sms": True}, "the SQL path was not used"
    by_row = {m["source_row"]: m for m in found["artifact_messages"]}
    for n, (_, body, note) in enumerate(BLOB_BODIES):
        assert (by_row[str(n)]["body"], by_row[str(n)]["parse_note"]) == (body, note)
    assert bytes.fromhex(by_row["0"]["body"]) == BINARY
    assert report_lines(found) == [
        "message bodies stored as CP949 bytes (decoded): 1",
        "message bodies stored as UTF-16 bytes (decoded): 1",
        "message bodies stored as binary, not text (kept as hex, possibly encrypted): 2",
        "text values not in UTF-8, read as CP949: 1",
    ]


def test_a_body_not_in_utf8_is_counted_once(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    """Three CP949 bodies are three text values not in UTF-8, on both paths (the check for
    app-encrypted bodies decoded each a second time and counted it again)."""
    source = sms_bodies(tmp_path / "mmssms.db", ["대출 문의".encode("cp949")] * 3 + ["text"])
    taken, found = assert_same_both_ways(db_url, second_url, clock, monkeypatch, [source])
    assert taken == {"sms": True}, "the SQL path was not used"
    assert "text values not in UTF-8, read as CP949: 3" in report_lines(found)


class CancelInSecondSource(NullProgress):
    """Cancels once the second source is being read: the first is written by then."""

    def __init__(self) -> None:
        self.sources_read = 0

    def begin(self, total: int | None, label: object, unit: str = "") -> None:
        self.sources_read += str(label).startswith("reading")  # Message: English form

    def is_cancelled(self) -> bool:
        return self.sources_read >= 2


def test_an_interrupted_import_leaves_nothing_and_resumes_without_duplicates(
    db_url: str, second_url: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    paths = [untyped_sms(tmp_path / "mmssms.db"), untyped_calls(tmp_path / "calllog.db")]
    workstation = Workstation.open(db_url, clock)
    try:
        actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
        case = workstation.cases.create(actor, "Illegal lending", number="2024-0011")
        with pytest.raises(Cancelled):
            workstation.ingest.import_paths(actor, case.id, paths, progress=CancelInSecondSource())
        with workstation.db.read() as session:
            for table in STORED_TABLES:
                assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
        workstation.ingest.import_paths(actor, case.id, paths)
        again = workstation.ingest.import_paths(actor, case.id, paths)
        assert not again.counts.get("message") and not again.counts.get("call")
        resumed = stored(workstation, case.id, again)
    finally:
        workstation.close()
    reference, _ = import_into(second_url, clock, paths, monkeypatch, sql=False)
    for key in STORED_TABLES:
        # PostgreSQL's sequences do not roll back: the cancelled run's item and source ids
        # stay taken, so ids are left out here (the tests above compare them).
        assert without_ids(resumed[key]) == without_ids(reference[key]), key


def without_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        ({k: v for k, v in row.items() if k != "id" and not k.endswith("_id")} for row in rows),
        key=repr,
    )


def test_korean_mobile_numbers_classified_in_sql_are_what_classify_gives() -> None:
    """Every text the SQL test accepts is a valid Korean mobile number by phonenumbers, with
    the E.164, digits and kind the SQL columns give; texts it refuses go to classify as
    before. The shapes accepted: 01012345678, 010-1234-5678 (or spaces), +821012345678,
    +82 10-1234-5678 (spaces or hyphens), third digit not 5."""
    import random
    import re

    from forensics_app.importers.addresses import _classify
    from forensics_app.services import ingest_sql

    assert ingest_sql.SQL_MOBILE_SHAPES == ingest_sql.MOBILE_SHAPES  # all agree with the library
    shapes = re.compile(
        r"010[0-46-9][0-9]{7}|010[- ][0-46-9][0-9]{3}[- ][0-9]{4}"
        r"|\+8210[0-46-9][0-9]{7}|\+82[- ]10[- ][0-46-9][0-9]{3}[- ][0-9]{4}"
    )
    rng = random.Random(5)

    def written(national: str) -> str:
        gaps = [rng.choice(["-", " ", "", "--", ".", "_"]) for _ in range(3)]
        prefix = rng.choice(["0", "+82", "82", "+820", "0"])
        return f"{prefix}{gaps[0] if prefix != '0' else ''}{national[:2]}{gaps[1]}" + (
            f"{national[2:6]}{gaps[2]}{national[6:]}"
        )

    texts = [f"010{rng.randrange(10**8):08d}" for _ in range(1000)]
    texts += [f"010{third}{rng.randrange(10**7):07d}" for third in "0123456789" for _ in range(50)]
    texts += [written(f"10{rng.randrange(10**8):08d}") for _ in range(3000)]
    texts += ["01012345678 ", "0101234567", "010123456789", "010-1234-5678", "+821012345678",
              "01O12345678", "０１０１２３４５６７８", "01012345678\n", "+82 10-1234-5678",
              "+82-10-1234-5678", "+82 10 1234 5678", "+82 010-1234-5678", "010-1234-56789",
              "010 1234 5678 ", " 010-1234-5678", "+8210-1234-5678", "010-123-4567"]  # fmt: skip
    e164, digits, kind = (
        c.sql
        for c in ingest_sql._number_columns("?1", "a", ingest_sql._Joins("t", mobile_in_sql=True))
    )
    conn = sqlite3.connect(":memory:")
    statement = (
        f"SELECT {ingest_sql.korean_mobile_test('?1')}, {e164}, {digits}, {kind} "
        "FROM (SELECT NULL AS e164, NULL AS digits, NULL AS kind) a"
    )
    accepted_count = 0
    for number in texts:
        accepted, *columns = conn.execute(statement, (number,)).fetchone()
        assert bool(accepted) == bool(shapes.fullmatch(number)), number
        if accepted:
            accepted_count += 1
            # phonenumbers itself (no fast path) gives the same
            found = _classify(number, "KR", fast=False)
            assert (found.e164, found.digits, found.kind) == tuple(columns), number
    assert 1000 < accepted_count < len(texts) - 1000
    conn.close()


def test_hour_keys_written_by_sqlite_are_the_hours_python_writes() -> None:
    """On SQLite the hourly counts' keys (hours since 1970) become the stored UtcDateTime text
    in SQL: the text BulkWriter.time gives the same hour, before 1970 and in years of fewer
    than four digits included."""
    from datetime import timedelta
    from types import SimpleNamespace

    from forensics_app.services.ingest import SQLITE_HOUR_TEXT, BulkWriter
    from forensics_app.storage.models import EPOCH

    first, last = datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, tzinfo=UTC)
    keys = [(first - EPOCH) // timedelta(hours=1), (last - EPOCH) // timedelta(hours=1)]
    keys += [-8_000_000, -1, 0, 1, 473_040, 2_000_000]
    conn = sqlite3.connect(":memory:")
    python = SimpleNamespace(sqlite=True)
    for key in keys:
        (stored,) = conn.execute(
            f"SELECT strftime('{SQLITE_HOUR_TEXT}', ? * 3600, 'unixepoch')", (key,)
        ).fetchone()
        assert stored == BulkWriter.time(python, EPOCH + timedelta(hours=key)), key  # type: ignore[arg-type]
    conn.close()
