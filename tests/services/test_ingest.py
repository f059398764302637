"""The ingest path on SQLite and PostgreSQL: what lands in the store, with what provenance,
and what happens to bad input (a clear error, nothing changed, evidence untouched)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forensics_app.errors import UserError
from forensics_app.importers import sources
from forensics_app.services import Workstation
from forensics_app.services.ingest import NothingRecognisedError, SourceStatus
from forensics_app.services.records import Actor
from forensics_app.storage.models import (
    ArtifactCall,
    ArtifactContact,
    ArtifactContactPoint,
    ArtifactMention,
    ArtifactMessage,
    CustodyEntry,
    EvidenceFile,
    EvidenceItem,
    ImportSource,
)
from tests.importers import samples
from tests.importers.samples import at

TABLES = (
    ArtifactMessage, ArtifactCall, ArtifactContact, ArtifactContactPoint, ArtifactMention,
    ImportSource, EvidenceItem, EvidenceFile, CustodyEntry,
)  # fmt: skip


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def counts(workstation: Workstation) -> dict[str, int]:
    with workstation.db.read() as session:
        return {
            model.__tablename__: session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in TABLES
        }


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor) -> int:
    return workstation.cases.create(actor, "Illegal lending", number="2024-0011").id


def test_an_extraction_folder_lands_with_provenance_and_one_custody_entry(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    root = samples.android_extraction(tmp_path / "extraction")
    before = digests(root)
    report = workstation.ingest.import_paths(actor, case_id, [root])
    assert digests(root) == before
    assert report.created_item and report.item is not None
    assert report.item.exhibit_number == "EX-0001" and report.item.kind.value == "phone"
    assert report.counts == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
    parsers = {s.parser: s for s in report.sources}
    assert set(parsers) == {"android_mmssms", "android_calllog", "android_contacts"}
    sms_source = parsers["android_mmssms"]
    assert sms_source.sha256 == before[samples.TELEPHONY]
    assert sms_source.counts["message"] == samples.ANDROID_SMS_COUNT
    assert any("CP949" in str(s) for s in sms_source.skipped)

    with workstation.db.read() as session:
        first = session.scalars(
            select(ArtifactMessage).where(
                ArtifactMessage.source_table == "sms", ArtifactMessage.source_row == "1"
            )
        ).one()
        source = session.get(ImportSource, first.source_id)
        assert source is not None and source.sha256 == before[samples.TELEPHONY]
        assert source.logical_path == "/" + samples.TELEPHONY
        assert first.sent_at == at(0) and first.sent_at_raw == str(samples.unix_ms(at(0)))
        assert (first.number_raw, first.number_e164) == ("010-1234-5678", samples.LENDER)
        mentions = session.execute(
            select(ArtifactMention.e164, ArtifactMention.raw, ArtifactMention.role).where(
                ArtifactMention.artifact_id == first.id
            )
        ).all()
        assert mentions == [(samples.IN_BODY, "010 9876 5432", "body")]
        kinds = dict(
            session.execute(
                select(ArtifactMessage.number_raw, ArtifactMessage.number_kind).where(
                    ArtifactMessage.number_raw.in_(["#1004", "KT", "spam@example.com"])
                )
            ).all()
        )
        assert kinds == {"#1004": "short_code", "KT": "alphanumeric", "spam@example.com": "email"}
        files = session.scalars(
            select(EvidenceFile.source_path).where(EvidenceFile.item_id == report.item.id)
        ).all()
        assert sorted(Path(f).name for f in files) == ["calllog.db", "contacts2.db", "mmssms.db"]
        entries = session.scalars(select(CustodyEntry).where(CustodyEntry.action == "import")).all()
    (entry,) = entries
    details = json.loads(entry.details)
    assert details["counts"] == report.counts
    assert {s["sha256"] for s in details["sources"]} == {
        before[samples.TELEPHONY],
        before[samples.CALLLOG],
        before[samples.CONTACTS],
    }
    assert workstation.custody.verify_chain().ok


def test_importing_the_same_source_again_adds_nothing(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    path = samples.android_calllog(tmp_path / "calllog.db")
    first = workstation.ingest.import_paths(actor, case_id, [path])
    after_first = counts(workstation)
    again = workstation.ingest.import_paths(actor, case_id, [path])
    assert counts(workstation) == after_first
    assert again.item is not None and first.item is not None
    assert again.item.id == first.item.id and not again.imported
    assert again.sources[0].status == SourceStatus.ALREADY_IMPORTED
    assert "already imported" in str(again.warnings[0]) and "EX-0001" in str(again.warnings[0])
    copy = tmp_path / "copy-of-calllog.db"
    shutil.copyfile(path, copy)  # the same bytes under another name: the same source
    assert not workstation.ingest.import_paths(actor, case_id, [copy]).imported


def test_a_concurrent_import_of_the_same_source_is_caught_under_the_write_lock(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forensics_app.services.ingest import IngestService

    path = samples.android_calllog(tmp_path / "calllog.db")
    first = workstation.ingest.import_paths(actor, case_id, [path])
    after_first = counts(workstation)
    # As if another workstation had imported it between the check and the write.
    monkeypatch.setattr(
        IngestService,
        "_drop_already_imported",
        lambda self, case, candidates, report: [(c, i) for c in candidates for i in c.importers],
    )
    again = workstation.ingest.import_paths(actor, case_id, [path])
    assert counts(workstation) == after_first
    assert again.sources[0].status == SourceStatus.ALREADY_IMPORTED
    assert again.item is not None and first.item is not None and again.item.id == first.item.id


def test_a_given_item_receives_the_import(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    from forensics_app.services.evidence import ItemDraft
    from forensics_app.storage.models import ItemKind

    phone = workstation.evidence.add_item(actor, case_id, ItemDraft(ItemKind.PHONE)).item
    report = workstation.ingest.import_paths(
        actor, case_id, [samples.ios_callhistory(tmp_path / "CallHistory.storedata")],
        item_id=phone.id,
    )  # fmt: skip
    assert report.item is not None and report.item.id == phone.id and not report.created_item
    assert report.counts["call"] == 4


def test_rows_that_live_only_in_the_wal_are_imported(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    path = samples.ios_addressbook(tmp_path / "ab" / "AddressBook.sqlitedb")
    before = digests(path.parent)
    report = workstation.ingest.import_paths(actor, case_id, [path])
    assert digests(path.parent) == before  # the -wal was not checkpointed into the evidence
    assert report.counts["contact"] == 3
    (source,) = report.sources
    assert [c["name"] for c in source.companions] == [
        "AddressBook.sqlitedb-wal",
        "AddressBook.sqlitedb-shm",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b'{"not": "sqlite"}', "not a SQLite database"),
        (os.urandom(16384), r"encrypted \(SQLCipher"),
    ],
    ids=["empty", "json", "sqlcipher"],
)
def test_files_that_cannot_be_read_are_refused_and_nothing_changes(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / "mmssms.db"
    bad.write_bytes(content)
    before = counts(workstation)
    with pytest.raises(NothingRecognisedError, match=message):
        workstation.ingest.import_paths(actor, case_id, [bad])
    assert counts(workstation) == before
    assert bad.read_bytes() == content


def test_truncated_and_foreign_databases_are_refused(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    whole = samples.android_mmssms(tmp_path / "whole.db").read_bytes()
    truncated = tmp_path / "mmssms.db"
    truncated.write_bytes(whole[: len(whole) // 2 + 100])
    before = counts(workstation)
    with pytest.raises(NothingRecognisedError, match="truncated"):
        workstation.ingest.import_paths(actor, case_id, [truncated])
    foreign = samples.build(
        tmp_path / "sms.db", ["CREATE TABLE message (id INTEGER, words TEXT)"], {}
    )  # a "message" table without the columns any importer needs
    with pytest.raises(NothingRecognisedError, match="no importer knows its tables"):
        workstation.ingest.import_paths(actor, case_id, [foreign])
    assert counts(workstation) == before


def _wreck_pages(path: Path, first: int, last: int) -> None:
    """Random bytes over pages first..last (1-based) of a database."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * (first - 1) : page * last] = os.urandom(page * (last - first + 1))
    path.write_bytes(bytes(data))


def test_a_damaged_table_loses_only_its_own_rows(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """mmssms.db with its pdu table wrecked (page 3): the sms table is read, and what could
    not be read is said; nothing of the database is lost for one bad table."""
    bad = samples.android_mmssms(tmp_path / "b" / "mmssms.db")
    _wreck_pages(bad, 3, 3)
    report = workstation.ingest.import_paths(actor, case_id, [bad])
    (source,) = report.sources
    assert source.status == SourceStatus.IMPORTED and report.counts["message"] == 11
    assert any("table pdu is damaged" in str(note) for note in source.skipped)


def test_a_damaged_source_among_good_ones_is_reported_and_the_rest_imported(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """Pages of sms and pdu wrecked: read through the store's own connection (the SQL path),
    a damaged page would fail every later write of the import ("malformed"), the good
    source's rows and the custody entry with them. The damaged copy is read on its own."""
    good = samples.android_calllog(tmp_path / "a" / "calllog.db")
    bad = samples.android_mmssms(tmp_path / "b" / "mmssms.db")
    _wreck_pages(bad, 2, 4)
    before = digests(bad.parent)
    report = workstation.ingest.import_paths(actor, case_id, [good, bad])
    statuses = {s.parser: s.status for s in report.sources}
    assert statuses == {
        "android_calllog": SourceStatus.IMPORTED,
        "android_mmssms": SourceStatus.IMPORTED,
    }
    assert report.counts["call"] == 7
    damaged = next(s for s in report.sources if s.parser == "android_mmssms")
    assert any("table pdu is damaged" in str(note) for note in damaged.skipped)
    assert digests(bad.parent) == before
    with workstation.db.read() as session:
        parsers = session.scalars(select(ImportSource.parser).order_by(ImportSource.id)).all()
    assert parsers == ["android_calllog", "android_mmssms"]


def test_a_source_that_changes_during_the_import_leaves_nothing_behind(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = samples.android_calllog(tmp_path / "calllog.db")
    before = counts(workstation)
    monkeypatch.setattr(sources, "rehash", lambda source: ("0" * 64, 1))
    with pytest.raises(sources.SourceChangedError, match="changed during the import"):
        workstation.ingest.import_paths(actor, case_id, [path])
    assert counts(workstation) == before


def test_a_closed_case_and_a_foreign_item_are_refused(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    path = samples.android_calllog(tmp_path / "calllog.db")
    other = workstation.cases.create(actor, "Other case")
    elsewhere = workstation.ingest.import_paths(actor, other.id, [path]).item
    assert elsewhere is not None
    with pytest.raises(UserError, match="No item"):
        workstation.ingest.import_paths(actor, case_id, [path], item_id=elsewhere.id)
    from forensics_app.storage.models import CaseStatus

    workstation.cases.set_status(actor, case_id, CaseStatus.CLOSED)
    with pytest.raises(UserError, match="closed"):
        workstation.ingest.import_paths(actor, case_id, [path])


@pytest.mark.parametrize("packed", [False, True], ids=["folder", "zip"])
def test_imported_files_verify_and_a_changed_source_is_caught(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path, packed: bool
) -> None:
    """What an import catalogues is evidence like any file: `verify` holds each catalogue row
    against the hash entry written when it was read, and a later change is a mismatch."""
    import zipfile

    root = samples.android_extraction(tmp_path / "extraction")
    source: Path = root
    if packed:
        source = tmp_path / "phone.zip"
        with zipfile.ZipFile(source, "w") as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(root).as_posix())
    workstation.ingest.import_paths(actor, case_id, [source])
    verified = workstation.verification.verify(actor, case_id=case_id)
    assert verified.files is not None and verified.files.files_checked >= 1
    assert verified.ok, [p.message for p in verified.files.problems]
    hashed = [e for e in workstation.custody.entries(case_id=case_id) if e.action == "hash"]
    assert len(hashed) == verified.files.files_checked  # one entry per catalogued file

    changed = source if packed else root / samples.TELEPHONY
    changed.write_bytes(changed.read_bytes() + b"\0")
    again = workstation.verification.verify(actor, case_id=case_id)
    assert again.files is not None
    assert [p.result.value for p in again.files.problems] == ["mismatch"]


def test_why_rows_were_not_read_is_stored_as_templates_and_reads_in_korean(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """The parse report's reasons (CP949 text, rows without a time, …) are kept with the
    import as templates and values: a Korean reader (the GUI, the CLI, a Korean report)
    reads them in Korean, scripts (--json, the custody details) in English. A source
    imported before reasons were templates (plain text stored) still reads."""
    root = samples.android_extraction(tmp_path / "extraction")
    report = workstation.ingest.import_paths(actor, case_id, [root])
    fresh = {s.parser: s for s in report.sources}["android_mmssms"]
    [stored] = [s for s in workstation.artifacts.sources(case_id) if s.parser == "android_mmssms"]
    assert stored.skipped == fresh.skipped and stored.skipped  # as the import said it
    english = [str(note) for note in stored.skipped]
    korean = [note.render("ko") for note in stored.skipped]
    assert any("read as CP949: " in text for text in english)
    assert any("CP949로 읽음" in text and text.endswith("건") for text in korean)
    assert fresh.as_json()["skipped"] == english
    with workstation.db.write() as session:
        row = session.scalars(
            select(ImportSource).where(ImportSource.parser == "android_mmssms")
        ).one()
        row.skipped = json.dumps(["rows of an old kind: 3"])
    [old] = [s for s in workstation.artifacts.sources(case_id) if s.parser == "android_mmssms"]
    assert [note.render("ko") for note in old.skipped] == ["rows of an old kind: 3"]


def test_import_notes_and_refusals_read_in_korean_while_json_keeps_english(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    from forensics_app.messages import describe

    root = samples.android_extraction(tmp_path / "extraction")
    workstation.ingest.import_paths(actor, case_id, [root])
    again = workstation.ingest.import_paths(actor, case_id, [root])
    korean = [note.render("ko") for note in again.warnings]
    assert korean and all("이미" in text and "EX-0001" in text for text in korean)
    assert again.as_json()["warnings"] == [str(note) for note in again.warnings]
    assert all("already imported by" in text for text in again.as_json()["warnings"])

    not_a_database = tmp_path / "mmssms.db"
    not_a_database.write_bytes(b"just some text, no SQLite header\n" * 100)
    with pytest.raises(NothingRecognisedError) as refused:
        workstation.ingest.import_paths(actor, case_id, [not_a_database])
    assert "SQLite 데이터베이스가 아닙니다" in describe(refused.value, "ko")
    assert "not a SQLite database" in describe(refused.value, "en")


def _index_names(workstation: Workstation) -> set[str]:
    with workstation.db.read() as session:
        if session.bind is not None and session.bind.dialect.name == "sqlite":
            found = session.execute(
                select(func.lower(text_column("name"))).select_from(text_table("sqlite_master"))
            )
        else:
            found = session.execute(
                select(text_column("indexname")).select_from(text_table("pg_indexes"))
            )
        return {str(name) for (name,) in found if str(name).startswith(("ix_artifact", "search"))}


def _foreign_keys(workstation: Workstation) -> set[tuple[str, str, str, str]]:
    """(table, constraint, columns, referred table) of the artifact tables' foreign keys."""
    from sqlalchemy import inspect

    from forensics_app.services.ingest import ARTIFACT_TABLES

    with workstation.db.read() as session:
        inspector = inspect(session.connection())
        return {
            (table, str(key["name"]), ",".join(key["constrained_columns"]), key["referred_table"])
            for table in ARTIFACT_TABLES
            for key in inspector.get_foreign_keys(table)
        }


def text_column(name: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import column

    return column(name)


def text_table(name: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import table

    return table(name)


def test_a_large_import_rebuilds_the_indexes_it_dropped_and_search_uses_them(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forensics_app.services import ingest
    from forensics_app.services.artifacts import ArtifactQuery

    indexes = _index_names(workstation)
    assert {"ix_artifact_messages_case_time", "ix_artifact_calls_number_e164"} <= indexes
    keys = _foreign_keys(workstation)
    assert ("artifact_messages", "fk_artifact_messages_source_id_import_sources", "source_id",
            "import_sources") in keys  # fmt: skip
    monkeypatch.setattr(ingest, "DEFER_INDEXES_FROM_ROWS", 0)  # every import counts as large
    dropped: list[str] = []
    original = ingest.BulkWriter.defer_indexes

    def spy(self: ingest.BulkWriter, tables: list[str]) -> None:
        original(self, tables)
        dropped.extend(self._deferred)

    monkeypatch.setattr(ingest.BulkWriter, "defer_indexes", spy)
    root = samples.android_extraction(tmp_path / "extraction")
    report = workstation.ingest.import_paths(actor, case_id, [root])
    assert report.counts["message"] == samples.ANDROID_SMS_COUNT
    assert any("ix_artifact_messages_case_time" in sql for sql in dropped)
    if not workstation.db.is_sqlite:  # PostgreSQL's foreign keys are dropped and added back
        assert any("fk_artifact_messages_conversation_id" in sql for sql in dropped)
    assert _index_names(workstation) == indexes
    assert _foreign_keys(workstation) == keys
    found = workstation.artifacts.count(ArtifactQuery(case_id, text="대출"))
    assert found > 0


def test_an_import_interrupted_after_dropping_the_indexes_leaves_them_in_place(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forensics_app.services import ingest

    indexes = _index_names(workstation)
    keys = _foreign_keys(workstation)
    before = counts(workstation)
    monkeypatch.setattr(ingest, "DEFER_INDEXES_FROM_ROWS", 0)
    monkeypatch.setattr(sources, "rehash", lambda source: ("0" * 64, 1))
    root = samples.android_extraction(tmp_path / "extraction")
    with pytest.raises(sources.SourceChangedError):
        workstation.ingest.import_paths(actor, case_id, [root])
    assert counts(workstation) == before
    assert _index_names(workstation) == indexes
    assert _foreign_keys(workstation) == keys


def test_postgres_keeps_the_indexes_when_a_reader_holds_the_tables(
    db_url: str,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite readers never block a writer's schema change (WAL snapshots)")
    from forensics_app.services import ingest

    monkeypatch.setattr(ingest, "DEFER_INDEXES_FROM_ROWS", 0)
    monkeypatch.setattr(ingest, "POSTGRES_DEFER_LOCK_TIMEOUT", "50ms")
    indexes = _index_names(workstation)
    with workstation.db.read() as reader:  # an analyst reading messages meanwhile
        reader.execute(select(func.count()).select_from(ArtifactMessage)).scalar_one()
        root = samples.android_extraction(tmp_path / "extraction")
        with caplog.at_level("INFO", logger="forensics_app.services.ingest"):
            report = workstation.ingest.import_paths(actor, case_id, [root])
    assert "kept up to date row by row" in caplog.text
    assert report.counts["message"] == samples.ANDROID_SMS_COUNT
    assert _index_names(workstation) == indexes


def test_times_dated_after_the_import_are_said(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """Dates in another unit or epoch than their column's: an sms.db whose `date` holds Unix
    seconds reads, as Apple's absolute time, as 2055; a call log's too. Within the sanity
    range, they were stored as true times and nothing said so."""
    from tests.importers.builders import APPLE_MESSAGES, CALL_HISTORY, mac_s, unix_s

    moment = samples.at(0)
    sms = samples.build(
        tmp_path / "phone/sms.db",
        APPLE_MESSAGES,
        {
            "handle": [{"ROWID": 1, "id": "+821012345678", "service": "SMS"}],
            "message": [
                {"ROWID": n + 1, "guid": f"g{n}", "text": "x", "handle_id": 1, "date": date}
                for n, date in enumerate([mac_s(moment), unix_s(moment), unix_s(moment) + 60])
            ],
        },
    )
    calls = samples.build(
        tmp_path / "phone/CallHistory.storedata",
        CALL_HISTORY,
        {"ZCALLRECORD": [{"Z_PK": 1, "ZADDRESS": "010", "ZDATE": unix_s(moment) + 120}]},
    )
    before = digests(tmp_path / "phone")
    report = workstation.ingest.import_paths(actor, case_id, [sms, calls])
    assert report.counts == {"message": 3, "call": 1, "contact": 0}
    warnings = sorted(str(w) for w in report.warnings)
    assert len(warnings) == 2
    assert "2 messages and calls are dated more than a day after the import (the latest " in (
        warnings[1] if "sms.db" in warnings[1] else warnings[0]
    )
    assert any("1 message or call is dated more than a day after" in w for w in warnings)
    assert all("2055-03-02 01:0" in w for w in warnings)
    assert digests(tmp_path / "phone") == before


def _schema_row(path: Path, statement: str, *values: object) -> Path:
    """sqlite_master written by hand: a damaged or forged schema."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(statement, values)
    conn.execute("PRAGMA writable_schema=OFF")
    conn.close()
    return path


def test_a_schema_that_is_not_utf8_is_read_or_refused_saying_why(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """A column name that is not UTF-8 refused the whole database ("Could not decode to
    UTF-8 column 'coalesce(sql, '')'"); a damaged schema entry whose SQLite error quotes its
    bytes was an internal error (UnicodeDecodeError, exit 70)."""
    odd = samples.android_mmssms(tmp_path / "a/mmssms.db")
    (definition,) = [s for s in samples.ANDROID_SMS if s.startswith("CREATE TABLE sms ")]
    forged = definition.encode().replace(b"seen INTEGER", b"seen\xff INTEGER")
    _schema_row(odd, "UPDATE sqlite_master SET sql = CAST(? AS TEXT) WHERE name = 'sms'", forged)
    before = digests(tmp_path / "a")
    report = workstation.ingest.import_paths(actor, case_id, [odd])
    assert report.counts["message"] == samples.ANDROID_SMS_COUNT
    assert digests(tmp_path / "a") == before
    damaged = _schema_row(
        samples.android_mmssms(tmp_path / "b/mmssms.db"),
        "INSERT INTO sqlite_master VALUES ('table', CAST(? AS TEXT), CAST(? AS TEXT), 0, 'X')",
        b"\xffaa",
        b"\xffaa",
    )
    before, stored = digests(tmp_path / "b"), counts(workstation)
    with pytest.raises(NothingRecognisedError, match=r"damaged or truncated SQLite database"):
        workstation.ingest.import_paths(actor, case_id, [damaged])
    assert counts(workstation) == stored and digests(tmp_path / "b") == before
