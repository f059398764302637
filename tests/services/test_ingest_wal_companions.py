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
from forensics_app.services.artifacts import ArtifactQuery
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


def _seized_live(sms: Path, text: str, out: Path) -> Path:
    """sms.db as an extraction takes it from a running phone: in WAL mode, a checkpoint done
    (the log's pages copied into the file) while a reader held the log, so it was not reset,
    then one more message in the log; the database, -wal and -shm copied together."""
    writer = sqlite3.connect(sms)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("UPDATE message SET text = ? WHERE ROWID = 1", (text,))
    writer.commit()
    reader = sqlite3.connect(sms)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM message").fetchall()
    writer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    writer.execute(
        "INSERT INTO message (ROWID, address, date, text, flags, group_id) "
        "SELECT 6, address, date + 60, ?, flags, group_id FROM message WHERE ROWID = 1",
        (text + " 다시",),
    )
    writer.commit()
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{sms}{suffix}", f"{out}{suffix}")
    reader.rollback()
    reader.close()
    writer.close()
    return out


def test_a_wal_of_another_copy_of_the_same_database_is_not_applied(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    # Two phones, the same app and schema: the table test cannot tell their logs apart. The
    # -shm can: the pages it says were already copied into the database are the other
    # phone's. SQLite would have applied phone A's log to phone B's file.
    folder = "private/var/mobile/Library/SMS/sms.db"
    a = _seized_live(
        legacy_sms_in_wal_mode(tmp_path / "make/a/sms.db"), "A폰 급전", tmp_path / "A" / folder
    )
    b = _seized_live(
        legacy_sms_in_wal_mode(tmp_path / "make/b/sms.db"), "B폰 급전", tmp_path / "B" / folder
    )
    for suffix in ("-wal", "-shm"):
        shutil.copyfile(f"{a}{suffix}", f"{b}{suffix}")  # phone A's log beside phone B's file
    before = digests(tmp_path / "B")
    report = workstation.ingest.import_paths(actor, case_id, [tmp_path / "B"])
    (warning,) = [str(w) for w in report.warnings]
    assert "-wal belongs to another database" in warning and "already copied" in warning
    assert report.counts["message"] == 5  # phone B's own five, not phone A's sixth
    texts = {r.text for r in workstation.artifacts.page(ArtifactQuery(case_id), 0, 100)}
    assert "B폰 급전" in texts and not any("A폰" in (t or "") for t in texts)
    assert digests(tmp_path / "B") == before

    # Phone A's own log, index and file together: applied, nothing said.
    report = workstation.ingest.import_paths(actor, case_id, [tmp_path / "A"])
    assert not report.warnings and report.counts["message"] == 6


def test_a_damaged_wal_frame_is_said_to_end_what_sqlite_reads(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A frame whose checksum fails ends the log for SQLite: it and every frame after it are
    not applied, silently (an AddressBook whose contacts live in its -wal imported 0
    contacts and said nothing). Said now, with how many frames; the evidence untouched."""
    book = samples.ios_addressbook(tmp_path / "phone/AddressBook.sqlitedb", rows_in_wal=True)
    wal = Path(f"{book}-wal")
    data = bytearray(wal.read_bytes())
    frames = (len(data) - 32) // (24 + 4096)
    data[32 + 24 + 100] ^= 0xFF  # one byte of the first frame's page
    wal.write_bytes(bytes(data))
    before = digests(tmp_path / "phone")
    report = workstation.ingest.import_paths(actor, case_id, [book])
    assert report.counts["contact"] == 0  # SQLite applied nothing of the log
    (warning,) = [str(w) for w in report.warnings]
    assert f"{frames} of the {frames} frames in its -wal are not applied by SQLite" in warning
    assert digests(tmp_path / "phone") == before


def test_a_wal_that_is_a_symbolic_link_is_said_not_followed(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Beside a database given alone, a -wal that is a link was left out without a word, and
    the contacts that live only in it with it."""
    book = samples.ios_addressbook(tmp_path / "phone/AddressBook.sqlitedb", rows_in_wal=True)
    elsewhere = tmp_path / "elsewhere.wal"
    Path(f"{book}-wal").rename(elsewhere)
    Path(f"{book}-wal").symlink_to(elsewhere)
    report = workstation.ingest.import_paths(actor, case_id, [book])
    assert report.counts["contact"] == 0
    (warning,) = [str(w) for w in report.warnings]
    assert "its -wal is a symbolic link, not followed; rows that only it holds" in warning
