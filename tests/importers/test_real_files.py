"""The importers on the real device databases in shared/fixtures/real (copied by the
`real_fixtures` fixture, which also checks the originals stay byte-identical)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from forensics_app.importers.records import CallType, Direction
from tests.importers.conftest import Parsed

Parse = Callable[[Path], Parsed]


def test_plaso_android_mmssms(real_fixtures: Path, parse: Parse) -> None:
    parsed = parse(real_fixtures / "android/plaso/mmssms.db")
    assert parsed.importers == ["android_mmssms"]
    assert len(parsed.messages) == 9
    first = parsed.message("sms", "1")
    assert first.body == "Yo Fred this is my new number."
    assert first.sent_at == datetime(2013, 10, 29, 16, 56, 28, 38000, tzinfo=UTC)
    assert first.direction == Direction.OUTGOING and first.address == "1 555-521-5554"
    assert parsed.message("sms", "3").direction == Direction.INCOMING
    assert {c.key for c in parsed.conversations} == {"1"}


def test_plaso_contacts2_db_holds_only_calls(real_fixtures: Path, parse: Parse) -> None:
    parsed = parse(real_fixtures / "android/plaso/contacts2.db")
    assert parsed.importers == ["android_calllog"]  # no raw_contacts: contacts not claimed
    calls = {c.where.row: c for c in parsed.calls}
    assert set(calls) == {"714", "715", "717"}
    assert calls["714"].call_type == CallType.MISSED and calls["714"].name == "Barney"
    assert calls["715"].duration_seconds == 126 and calls["717"].duration_seconds == 639


def test_andriller_calllog(real_fixtures: Path, parse: Parse) -> None:
    (call,) = parse(real_fixtures / "android/andriller/calllog.db").calls
    assert call.address == "+441234567890" and call.name == "Samuel Vimes"
    assert call.call_type == CallType.OUTGOING
    assert call.started_at == datetime(2020, 5, 7, 13, 33, 53, 593000, tzinfo=UTC)


def test_ios15_addressbook_rows_from_the_wal(real_fixtures: Path, parse: Parse) -> None:
    parsed = parse(real_fixtures / "ios/hickman_ios15/AddressBook.sqlitedb")
    assert parsed.importers == ["ios_addressbook"]
    names = sorted(c.display_name for c in parsed.contacts)
    assert len(names) == 9 and "Josh Hickman" in names and "Apple Inc." in names
    josh = next(c for c in parsed.contacts if c.display_name == "Josh Hickman")
    assert ("phone", "TextNow", "(919) 391-2507") in [tuple(p[:3]) for p in josh.points]


def test_mvt_backup_sms_db(real_fixtures: Path, parse: Parse) -> None:
    parsed = parse(real_fixtures / "ios/mvt_backup/3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28")
    assert parsed.importers == ["ios_sms"]
    (message,) = parsed.messages
    assert message.body == "Please click here https://badbadbad.example.org/"
    assert message.address == "apple" and message.sent_at is not None
    assert message.sent_at.year == 2019
    assert "table chat missing" in parsed.skipped("ios_sms")


def test_plaso_macos_chat_db(real_fixtures: Path, parse: Parse) -> None:
    parsed = parse(real_fixtures / "macos/plaso/imessage_chat.db")
    assert parsed.importers == ["macos_chat"]
    assert len(parsed.messages) == 10
    first = parsed.message("message", "1")
    assert first.body.startswith("Hey Kenneth, it's Eireanne!")
    assert first.sent_at == datetime(2015, 11, 22, 18, 9, 46, tzinfo=UTC)
    assert parsed.message("message", "8").address == "xxxxxx2015@icloud.com"
    assert "226 deleted messages" in str(parsed.reports["macos_chat"].warnings[0])
