"""A large import into SQLite writes its pages once, with a rollback journal instead of WAL,
when no other connection has the store open (storage.database.Database.write(bulk=True)):
as atomic and durable as before (a killed import leaves nothing of itself), back in WAL mode
afterwards, and never while someone else (a GUI's screens) may read."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from forensics_app.progress import NullProgress
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.conftest import PASSWORD
from tests.importers import samples
from tests.services.test_ingest import case_id, counts  # noqa: F401  (fixture)

EXPECTED = {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}


def _store(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


class SeesTheStoreFiles(NullProgress):
    """Notes, each time the import reports rows, which of the store's side files exist."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.seen: set[str] = set()

    def advance(self, amount: int = 1, detail: str = "") -> None:
        for suffix in ("-journal", "-wal"):
            if Path(f"{self.store}{suffix}").exists():
                self.seen.add(suffix)


@pytest.fixture
def sqlite_only(db_url: str) -> Path:
    if not db_url.startswith("sqlite"):
        pytest.skip("a SQLite store's journal")
    return _store(db_url)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small samples taken as a large import."""
    from forensics_app.services import ingest

    monkeypatch.setattr(ingest, "DEFER_INDEXES_FROM_ROWS", 0)


def test_a_large_import_writes_with_a_rollback_journal_and_returns_to_wal(
    sqlite_only: Path,
    large: None,
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    root = samples.android_extraction(tmp_path / "extraction")
    progress = SeesTheStoreFiles(sqlite_only)
    report = workstation.ingest.import_paths(actor, case_id, [root], progress=progress)
    assert report.counts == EXPECTED
    assert progress.seen == {"-journal"}
    assert _journal_mode(sqlite_only) == "wal"
    assert not Path(f"{sqlite_only}-journal").exists()
    assert _integrity(sqlite_only) == "ok"
    again = workstation.ingest.import_paths(actor, case_id, [root])
    assert again.counts == {"message": 0, "call": 0, "contact": 0}


def test_a_small_import_keeps_wal(
    sqlite_only: Path,
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    root = samples.android_extraction(tmp_path / "extraction")
    progress = SeesTheStoreFiles(sqlite_only)
    assert workstation.ingest.import_paths(actor, case_id, [root], progress=progress).counts == (
        EXPECTED
    )
    assert progress.seen == {"-wal"}


class ReadsMeanwhile(SeesTheStoreFiles):
    """An analyst's connection reading the messages while the import runs."""

    def __init__(self, store: Path, reader: sqlite3.Connection) -> None:
        super().__init__(store)
        self.reader = reader
        self.read: list[int] = []

    def advance(self, amount: int = 1, detail: str = "") -> None:
        super().advance(amount, detail)
        self.read.append(
            self.reader.execute("SELECT count(*) FROM artifact_messages").fetchone()[0]
        )


def test_another_open_connection_keeps_the_import_in_wal_and_reading(
    sqlite_only: Path,
    large: None,
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    root = samples.android_extraction(tmp_path / "extraction")
    reader = sqlite3.connect(sqlite_only, isolation_level=None, check_same_thread=False)
    try:
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # holds the file open
        progress = ReadsMeanwhile(sqlite_only, reader)
        report = workstation.ingest.import_paths(actor, case_id, [root], progress=progress)
    finally:
        reader.close()
    assert report.counts == EXPECTED
    assert progress.seen == {"-wal"}
    assert progress.read and set(progress.read) == {0}  # the committed state, never blocked
    assert _journal_mode(sqlite_only) == "wal"


def test_a_program_that_reads_while_importing_keeps_wal(
    db_url: str, sqlite_only: Path, large: None, clock: Any, tmp_path: Path
) -> None:
    """The GUI opens its workstation this way: its screens read during its own imports."""
    workstation = Workstation.open(db_url, clock, reads_while_importing=True)
    try:
        actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
        case = workstation.cases.create(actor, "Illegal lending", number="2024-0011")
        root = samples.android_extraction(tmp_path / "extraction")
        progress = SeesTheStoreFiles(sqlite_only)
        report = workstation.ingest.import_paths(actor, case.id, [root], progress=progress)
    finally:
        workstation.close()
    assert report.counts == EXPECTED
    assert progress.seen == {"-wal"}


# ---- killed midway ----------------------------------------------------------------------------
class KillWhenWrittenInPlace(NullProgress):
    """Kills this process (SIGKILL: no cleanup of any kind) at the first report of rows after
    the import wrote pages into the store file itself, noting what it saw first."""

    def __init__(self, store: Path, note: Path) -> None:
        self.store = store
        self.note = note
        self.size = store.stat().st_size

    def advance(self, amount: int = 1, detail: str = "") -> None:
        grown = self.store.stat().st_size > self.size
        journal = Path(f"{self.store}-journal").exists()
        if grown and journal:
            self.note.write_text("written in place")
            os.kill(os.getpid(), signal.SIGKILL)


def _import_and_die(url: str, root: str, note: str, case: int) -> None:
    from forensics_app.services import ingest

    ingest.DEFER_INDEXES_FROM_ROWS = 0
    # A small page cache: the new pages go to the store file while the import runs.
    ingest.SQLITE_IMPORT_CACHE_KIB = ingest.SQLITE_APPEND_CACHE_KIB = 64
    workstation = Workstation.open(url)
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    progress = KillWhenWrittenInPlace(_store(url), Path(note))
    workstation.ingest.import_paths(actor, case, [Path(root)], progress=progress)


def test_an_import_killed_midway_leaves_the_store_intact_and_nothing_of_itself(
    db_url: str,
    sqlite_only: Path,
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    from benchmarks.devices_data import generate

    first = samples.android_extraction(tmp_path / "first")
    assert workstation.ingest.import_paths(actor, case_id, [first]).counts == EXPECTED
    before = counts(workstation)
    root = generate(tmp_path / "extraction", 3000, 1000, 100)
    note = tmp_path / "note"
    context = multiprocessing.get_context("spawn")  # a separate program, like the CLI
    child = context.Process(target=_import_and_die, args=(db_url, str(root), str(note), case_id))
    child.start()
    child.join()
    assert child.exitcode == -signal.SIGKILL
    assert note.read_text() == "written in place"
    assert Path(f"{sqlite_only}-journal").exists()  # hot: rolled back by the next reader
    assert counts(workstation) == before
    assert _integrity(sqlite_only) == "ok"
    assert _journal_mode(sqlite_only) == "wal"
    report = workstation.ingest.import_paths(actor, case_id, [root])
    assert report.counts == {"message": 3000, "call": 1000, "contact": 100}
