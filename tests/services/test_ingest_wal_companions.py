"""A -wal beside a database that is not what it seems: another database's log (SQLite would
apply it unasked: an sms.db was imported as an AddressBook), a log whose frames do not carry
its header's salts (SQLite skips them silently), a 0-byte log."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from pathlib import Path

from forensics_app.importers.wal import header_checksum
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.importers import samples
from tests.services.test_ingest import case_id, digests  # noqa: F401  (fixture)


def legacy_sms_in_wal_mode(path: Path) -> Path:
    """An iOS 5 sms.db with its rows in the main file, journal mode WAL (as on the phone)."""
    samples.ios_sms_legacy(path, rows_in_wal=False)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()  # checkpointed: no -wal left
    return path


def test_a_wal_of_another_database_is_not_applied(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    phone = tmp_path / "extraction/private/var/mobile/Library/SMS"
    sms = legacy_sms_in_wal_mode(phone / "sms.db")
    other = samples.ios_addressbook(tmp_path / "other/AddressBook.sqlitedb", rows_in_wal=True)
    shutil.copyfile(f"{other}-wal", f"{sms}-wal")  # put beside the wrong database
    before = digests(tmp_path / "extraction")
    report = workstation.ingest.import_paths(actor, case_id, [tmp_path / "extraction"])
    (source,) = report.sources
    assert source.parser == "ios_sms_legacy"
    assert report.counts == {"message": 5, "call": 0, "contact": 0}
    (warning,) = [str(w) for w in report.warnings]
    assert "-wal belongs to another database" in warning and "abperson" in warning
    assert digests(tmp_path / "extraction") == before  # the evidence's -wal is left as found


def test_wal_frames_with_stale_salts_are_said_to_be_unread(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    sms = samples.ios_sms_legacy(tmp_path / "phone/sms.db", rows_in_wal=True)
    wal = Path(f"{sms}-wal")
    data = bytearray(wal.read_bytes())
    salt1 = struct.unpack_from(">I", data, 16)[0]
    struct.pack_into(">I", data, 16, salt1 + 1)  # the log was reset; its frames are older
    struct.pack_into(">II", data, 24, *header_checksum(bytes(data[:32])))
    wal.write_bytes(bytes(data))
    report = workstation.ingest.import_paths(actor, case_id, [sms])
    assert report.counts == {"message": 0, "call": 0, "contact": 0}
    (warning,) = [str(w) for w in report.warnings]
    assert "do not carry the log's current salts" in warning
    assert "4 of the 4 frames" in warning


def test_an_empty_or_damaged_wal_is_harmless(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    calls = samples.ios_callhistory(tmp_path / "a/CallHistory.storedata")
    Path(f"{calls}-wal").write_bytes(b"")
    report = workstation.ingest.import_paths(actor, case_id, [calls])
    assert report.counts["call"] == 4 and not report.warnings
    sms = legacy_sms_in_wal_mode(tmp_path / "b/sms.db")
    Path(f"{sms}-wal").write_bytes(b"\x00" * 5000)
    report = workstation.ingest.import_paths(actor, case_id, [sms])
    assert report.counts["message"] == 5
    (warning,) = [str(w) for w in report.warnings]
    assert "not a valid SQLite write-ahead log" in warning


def test_a_database_with_its_own_wal_says_nothing(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    book = samples.ios_addressbook(tmp_path / "AddressBook.sqlitedb", rows_in_wal=True)
    report = workstation.ingest.import_paths(actor, case_id, [book])
    assert report.counts["contact"] == 3 and not report.warnings
