"""iTunes/Finder backups: the real backup manifest from mvt, generated plain and encrypted
backups, as folders and inside archives; device facts onto the phone item; a wrong password
or a backup missing its blobs is a clear error with nothing changed."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from forensics_app.errors import UserError
from forensics_app.importers.containers import ImportOptions
from forensics_app.importers.containers.base import PasswordRequiredError, WrongPasswordError
from forensics_app.services import Workstation
from forensics_app.services.containers import containers_of_item
from forensics_app.services.ingest import NothingRecognisedError
from forensics_app.services.records import Actor
from forensics_app.storage.models import ArtifactMessage, EvidenceFile
from tests.importers import samples
from tests.importers.containers.backups import (
    BACKUP_DATE,
    CALLS,
    CONTACTS,
    INFO,
    SMS,
    build_backup,
    file_id,
)
from tests.importers.containers.conftest import digests, left_in_work, table_counts

PASSWORD = "비밀 backup 1234"
IOS_SMS = 9  # messages in samples.ios_sms (as the ios_sms importer reads them)
IOS_CONTACTS = 3


@pytest.fixture
def files(tmp_path: Path) -> dict[tuple[str, str], bytes]:
    return {
        SMS: samples.ios_sms(tmp_path / "db" / "sms.db").read_bytes(),
        CALLS: samples.ios_callhistory(tmp_path / "db" / "CallHistory.storedata").read_bytes(),
        CONTACTS: samples.ios_addressbook(
            tmp_path / "db" / "AddressBook.sqlitedb", rows_in_wal=False
        ).read_bytes(),
    }


def test_the_real_mvt_backup_lands_its_message_and_device_facts(
    workstation: Workstation, actor: Actor, case_id: int, real_fixtures: Path
) -> None:
    backup = real_fixtures / "ios" / "mvt_backup"
    before = digests(backup)
    report = workstation.ingest.import_paths(actor, case_id, [backup])
    assert digests(backup) == before
    assert report.counts == {"message": 1, "call": 0, "contact": 0}
    (source,) = report.sources
    assert source.parser == "ios_sms"
    assert source.path.endswith(
        "3d0d7e5fb2ce288813306e4d4636395e047a3d28 (HomeDomain/Library/SMS/sms.db)"
    )
    assert report.item is not None
    assert (report.item.make, report.item.model, report.item.serial_number, report.item.imei) == (
        "Apple", "iPhone9,3", "F1234567890", "42",
    )  # fmt: skip
    (container,) = containers_of_item(workstation.db, report.item.id)
    assert (container.kind, container.device_name, container.os_version) == (
        "itunes_backup",
        "iPhone",
        "14.3",
    )
    assert container.extracted_at is not None and container.extracted_at.year == 2021
    # Its AddressBook and call history are listed but were trimmed from the test data.
    assert any(
        "AddressBook.sqlitedb is listed in Manifest.db but missing" in str(w)
        for w in report.warnings
    )
    with workstation.db.read() as session:
        catalogued = {Path(f.source_path).name for f in session.scalars(select(EvidenceFile))}
    assert {"Manifest.db", "Info.plist", "3d0d7e5fb2ce288813306e4d4636395e047a3d28"} <= catalogued


@pytest.mark.parametrize("password", [None, PASSWORD])
def test_plain_and_encrypted_backups_land_the_same_records(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
    password: str | None,
) -> None:
    backup = build_backup(tmp_path / "backup", files, password=password)
    before = digests(backup)
    report = workstation.ingest.import_paths(
        actor, case_id, [backup], options=ImportOptions(password=password)
    )
    assert digests(backup) == before
    assert report.counts == {"message": IOS_SMS, "call": 4, "contact": IOS_CONTACTS}
    assert report.item is not None and report.item.model == INFO["Product Type"]
    (container,) = containers_of_item(workstation.db, report.item.id)
    assert container.info["encrypted"] is (password is not None)
    assert container.extracted_at == BACKUP_DATE
    assert container.device_name == INFO["Device Name"]
    assert left_in_work() == []
    with workstation.db.read() as session:
        blobs = {Path(f.source_path).name: f.sha256 for f in session.scalars(select(EvidenceFile))}
    sms_blob = file_id(*SMS)
    # What is catalogued is the file on disk (the ciphertext when encrypted): verify re-hashes it.
    assert blobs[sms_blob] == before[f"{sms_blob[:2]}/{sms_blob}"]


def test_encrypted_backup_without_or_with_a_wrong_password_changes_nothing(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
) -> None:
    backup = build_backup(tmp_path / "backup", files, password=PASSWORD)
    before = table_counts(workstation)
    with pytest.raises(PasswordRequiredError):
        workstation.ingest.import_paths(actor, case_id, [backup])
    with pytest.raises(WrongPasswordError, match="does not open"):
        workstation.ingest.import_paths(
            actor, case_id, [backup], options=ImportOptions(password="wrong")
        )
    assert table_counts(workstation) == before
    assert left_in_work() == []


def test_a_backup_inside_a_zip(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
) -> None:
    backup = build_backup(tmp_path / "00008110-001A2B3C4D5E6F70", files, password=PASSWORD)
    archive = tmp_path / "backup.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(backup.rglob("*")):
            out.write(path, path.relative_to(tmp_path).as_posix())
    report = workstation.ingest.import_paths(
        actor, case_id, [archive], options=ImportOptions(password=PASSWORD)
    )
    assert report.counts["message"] == IOS_SMS
    assert all(s.path.startswith(f"{archive}!/00008110") for s in report.sources)


def test_a_backup_missing_its_databases_is_a_clear_error(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
) -> None:
    backup = build_backup(tmp_path / "backup", {}, missing=(SMS, CALLS, CONTACTS))
    before = table_counts(workstation)
    with pytest.raises(
        NothingRecognisedError, match=r"sms\.db is listed in Manifest\.db but missing"
    ):
        workstation.ingest.import_paths(actor, case_id, [backup])
    (backup / "Manifest.db").unlink()
    with pytest.raises(UserError, match=r"has no Manifest\.db"):
        workstation.ingest.import_paths(actor, case_id, [backup])
    assert table_counts(workstation) == before


def test_messages_of_an_encrypted_backup_read_as_in_the_plain_one(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
) -> None:
    plain = build_backup(tmp_path / "plain", files)
    encrypted = build_backup(tmp_path / "encrypted", files, password=PASSWORD)
    first = workstation.ingest.import_paths(actor, case_id, [plain])
    other_case = workstation.cases.create(actor, "second", number="2024-0043").id
    second = workstation.ingest.import_paths(
        actor, other_case, [encrypted], options=ImportOptions(password=PASSWORD)
    )
    with workstation.db.read() as session:

        def bodies(case: int) -> list[tuple[str, str]]:
            return sorted(
                (m.body, m.number_raw)
                for m in session.scalars(
                    select(ArtifactMessage).where(ArtifactMessage.case_id == case)
                )
            )

        assert bodies(case_id) == bodies(other_case) != []
    assert [s.sha256 for s in first.sources] == [s.sha256 for s in second.sources]
    shutil.rmtree(plain)


def test_a_damaged_or_foreign_manifest_is_explained_in_the_readers_language(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
) -> None:
    # SQLite's own words ('database disk image is malformed', 'file is not a database') were
    # shown inside the Korean sentence.
    from forensics_app.messages import describe

    backup = build_backup(tmp_path / "backup", files)
    manifest = backup / "Manifest.db"
    damaged = bytearray(manifest.read_bytes())
    damaged[100:4096] = bytes(range(256)) * 15 + bytes(range(156))
    before = table_counts(workstation)
    for content, korean in [
        (bytes(damaged), "데이터베이스 파일이 손상되었습니다"),
        (b"<?xml version='1.0'?><plist></plist>", "SQLite 데이터베이스가 아닙니다"),
    ]:
        manifest.write_bytes(content)
        sealed = digests(backup)
        with pytest.raises(UserError) as refused:
            workstation.ingest.import_paths(actor, case_id, [backup])
        shown = describe(refused.value, "ko")
        assert korean in shown and "Manifest.db" in shown, shown
        assert "malformed" not in shown.replace("(malformed)", "") and "not a database" not in shown
        assert digests(backup) == sealed
    assert table_counts(workstation) == before


def test_a_manifest_row_or_linked_folder_leading_out_of_the_backup_is_not_read(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    files: dict[tuple[str, str], bytes],
) -> None:
    # A fileID of "../../elsewhere/sms.db" was joined to the backup folder and read: the
    # workstation imported a database from outside the evidence, in the backup's name.
    import sqlite3

    from forensics_app.messages import Message

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "sms.db").write_bytes(files[SMS])
    backup = build_backup(tmp_path / "backup", {CALLS: files[CALLS]})
    conn = sqlite3.connect(backup / "Manifest.db")
    conn.execute("INSERT INTO Files VALUES (?, ?, ?, 1, NULL)", ("../elsewhere/sms.db", *SMS))
    conn.commit()
    conn.close()
    # And a sub-folder that is a link out of the backup, holding a blob by its true name.
    linked = tmp_path / "linked"
    sms_id = file_id(*SMS)
    (linked / sms_id[:2]).mkdir(parents=True)
    (linked / sms_id[:2] / sms_id).write_bytes(files[SMS])
    linked_backup = build_backup(tmp_path / "linked-backup", {CALLS: files[CALLS]}, missing=(SMS,))
    (linked_backup / sms_id[:2]).symlink_to(linked / sms_id[:2], target_is_directory=True)

    report = workstation.ingest.import_paths(actor, case_id, [backup, linked_backup])
    assert report.counts["message"] == 0 and report.counts["call"] > 0
    assert all("sms.db" not in source.path for source in report.sources)
    shown = [w.render("ko") if isinstance(w, Message) else str(w) for w in report.warnings]
    assert any(
        "SHA-1 fileID로 이름 붙어 있지 않아(예: ../elsewhere/sms.db)" in text for text in shown
    ), shown
    assert any("HomeDomain/Library/SMS/sms.db" in text for text in shown), shown
