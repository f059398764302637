"""Detection by content: signatures, required structure, the registry's choice."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from forensics_app.importers import registry, sources
from forensics_app.importers.sqlite import Signature, SignatureKind, sniff
from tests.importers import samples
from tests.importers.conftest import Parsed

Parse = Callable[[Path], Parsed]


def test_every_importer_module_is_found_and_declares_itself() -> None:
    importers = registry.all_importers()
    names = {i.name for i in importers}
    assert {
        "android_mmssms", "android_calllog", "android_contacts", "ios_sms", "ios_sms_legacy",
        "macos_chat", "ios_callhistory", "ios_call_history_legacy", "ios_addressbook",
    } <= names  # fmt: skip
    for importer in importers:
        described = importer.describe()
        assert described["yields"] and described["required"] and described["typical_paths"]
        assert set(described["yields"]) <= {"message", "call", "contact"}
    assert registry.by_name("ios_sms").platform == "ios"


def test_a_renamed_database_is_recognised_by_its_tables(tmp_path: Path, parse: Parse) -> None:
    original = samples.android_calllog(tmp_path / "calllog.db")
    renamed = tmp_path / "exhibit-7.bin"
    shutil.copyfile(original, renamed)
    assert parse(renamed).importers == ["android_calllog"]


def test_a_file_named_like_a_phone_database_is_not_read_for_its_name(tmp_path: Path) -> None:
    fake = tmp_path / "mmssms.db"
    fake.write_text('{"sms": []}')
    assert sniff(fake.read_bytes(), fake.stat().st_size).kind == SignatureKind.OTHER
    assert [
        i.name
        for i in registry.typical_for(
            "/data/data/com.android.providers.telephony/databases/mmssms.db"
        )
    ][:1] == ["android_mmssms"]


def test_signatures_empty_encrypted_truncated(tmp_path: Path) -> None:
    assert sniff(b"", 0).kind == SignatureKind.EMPTY
    random_pages = os.urandom(8192)
    assert sniff(random_pages[:4096], len(random_pages)).kind == SignatureKind.ENCRYPTED
    text = ("대출 문의 " * 1000).encode()[:8192]
    assert sniff(text[:4096], len(text)).kind == SignatureKind.OTHER
    whole = samples.android_calllog(tmp_path / "calllog.db").read_bytes()
    assert sniff(whole[:4096], len(whole)) == Signature(SignatureKind.SQLITE, None)
    cut = whole[: len(whole) // 2 + 100]
    signature = sniff(cut[:4096], len(cut))
    assert signature.kind == SignatureKind.SQLITE and str(signature.problem).startswith("truncated")


def test_an_extraction_folder_is_walked_and_companions_travel_with_their_database(
    tmp_path: Path,
) -> None:
    root = samples.android_extraction(tmp_path / "extraction")
    samples.ios_addressbook(root / "private/var/mobile/Library/AddressBook/AddressBook.sqlitedb")
    found = sources.expand([root])
    logical = sorted(s.logical_path for s in found.sources)
    assert "/private/var/mobile/Library/AddressBook/AddressBook.sqlitedb" in logical
    assert not any(p.endswith(("-wal", "-shm")) for p in logical)
    source = next(s for s in found.sources if s.logical_path.endswith("AddressBook.sqlitedb"))
    copy = sources.copy_to(source, tmp_path / "work")
    assert [d.name for d in copy.companions] == [
        "AddressBook.sqlitedb-wal",
        "AddressBook.sqlitedb-shm",
    ]
    assert copy.content_key != copy.main.sha256  # the WAL is part of what was read


def test_missing_paths_are_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(sources.UserError, match="Not found"):
        sources.expand([tmp_path / "nothing-here"])
