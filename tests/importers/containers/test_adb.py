"""Android adb backups (.ab), generated in code: read as the tar stream they hold, deflated
or not, encrypted or not (format 1 and 5 checksums); without the password, with a wrong one,
cut short or bombed, refused with nothing changed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from forensics_app.errors import UserError
from forensics_app.importers.containers import ImportOptions, Limits
from forensics_app.importers.containers.base import PasswordRequiredError, WrongPasswordError
from forensics_app.messages import describe
from forensics_app.services import Workstation
from forensics_app.services.containers import containers_of_item
from forensics_app.services.records import Actor
from forensics_app.storage.models import ArtifactMessage
from tests.importers import samples
from tests.importers.containers.adb_backups import TELEPHONY, build_ab
from tests.importers.containers.conftest import left_in_work, sha256_file, table_counts

PASSWORD = "안드로이드 backup 1234"
MESSAGES = 13  # samples.android_mmssms as the android_mmssms importer reads it


@pytest.fixture
def mmssms(tmp_path: Path) -> bytes:
    return samples.android_mmssms(tmp_path / "db" / "mmssms.db").read_bytes()


@pytest.mark.parametrize(
    ("compressed", "password", "version"),
    [(True, None, 5), (False, None, 5), (True, PASSWORD, 5), (False, PASSWORD, 5), (True, "pw", 1)],
    ids=["deflated", "stored", "encrypted", "encrypted-stored", "encrypted-format-1"],
)
def test_an_adb_backup_lands_its_databases_with_the_backup_as_provenance(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    mmssms: bytes,
    compressed: bool,
    password: str | None,
    version: int,
) -> None:
    # A .ab was "not a SQLite database (no SQLite header)": nothing could be imported.
    backup = build_ab(
        tmp_path / "phone.ab", {TELEPHONY: mmssms, "apps/com.example/f/notes.txt": b"x"},
        compressed=compressed, password=password, version=version,
    )  # fmt: skip
    before = sha256_file(backup)
    report = workstation.ingest.import_paths(
        actor, case_id, [backup], options=ImportOptions(password=password)
    )
    assert report.counts == {"message": MESSAGES, "call": 0, "contact": 0}
    assert sha256_file(backup) == before
    (source,) = report.sources
    assert source.path == f"{backup}!/{TELEPHONY}" and source.parser == "android_mmssms"
    assert report.item is not None
    (container,) = containers_of_item(workstation.db, report.item.id)
    assert container.sha256 == before
    assert container.info["adb_backup"] == {
        "version": version,
        "compressed": compressed,
        "encryption": "AES-256" if password else "none",
    }
    assert left_in_work() == []
    if password is not None:  # never stored
        with workstation.db.read() as session:
            bodies = [m.body for m in session.scalars(select(ArtifactMessage))]
        assert all(password not in body for body in bodies)


def test_an_encrypted_adb_backup_without_or_with_a_wrong_password_changes_nothing(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path, mmssms: bytes
) -> None:
    backup = build_ab(tmp_path / "phone.ab", {TELEPHONY: mmssms}, password=PASSWORD)
    before = table_counts(workstation)
    with pytest.raises(PasswordRequiredError) as needed:
        workstation.ingest.import_paths(actor, case_id, [backup])
    assert "암호화된 백업입니다" in describe(needed.value, "ko")
    with pytest.raises(WrongPasswordError) as wrong:
        workstation.ingest.import_paths(
            actor, case_id, [backup], options=ImportOptions(password="not it")
        )
    assert "암호가 맞지 않아" in describe(wrong.value, "ko")
    assert table_counts(workstation) == before


def test_a_damaged_cut_short_or_bombed_adb_backup_is_a_clear_error(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path, mmssms: bytes
) -> None:
    whole = build_ab(tmp_path / "whole.ab", {TELEPHONY: mmssms}).read_bytes()
    encrypted = build_ab(tmp_path / "e.ab", {TELEPHONY: mmssms}, password=PASSWORD).read_bytes()
    bomb = tmp_path / "bomb.ab"
    bomb.write_bytes(b"ANDROID BACKUP\n5\n1\nnone\n" + zlib.compress(_tar_bytes(bytes(8 << 20))))
    cases = {
        "header.ab": (b"ANDROID BACKUP\n5\n", "cut short or damaged"),
        "cipher.ab": (b"ANDROID BACKUP\n5\n1\nBLOWFISH\n" + whole[24:], "BLOWFISH"),
        "stream.ab": (whole[: len(whole) // 2], "ends too early"),
        "encrypted-stream.ab": (encrypted[: len(encrypted) - 40], "ends too early"),
        "inflate.ab": (whole[:30] + b"\xff" * 64 + whole[94:], "cannot be inflated"),
        "blob.ab": (encrypted.replace(b"\n1000\n", b"\nlots\n", 1), "cut short or damaged"),
    }
    before = table_counts(workstation)
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(UserError) as refused:
            workstation.ingest.import_paths(
                actor, case_id, [path], options=ImportOptions(password=PASSWORD)
            )
        assert expected in str(refused.value), (name, str(refused.value))
        assert "nothing" not in describe(refused.value, "ko").lower(), name
    limits = Limits(ratio_floor=1 << 20, max_ratio=20)
    with pytest.raises(UserError, match="archive bomb"):
        workstation.ingest.import_paths(
            actor, case_id, [bomb], options=ImportOptions(limits=limits)
        )
    assert table_counts(workstation) == before
    assert left_in_work() == []


def _tar_bytes(content: bytes) -> bytes:
    from tests.importers.containers.adb_backups import tar_of

    return tar_of({"apps/com.example/db/zero.db": b"SQLite format 3\x00" + content})
