"""iOS and macOS: Messages of every schema generation, call history old and new, and the
AddressBook, generated on Apple's layouts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from forensics_app.importers.attributed_body import (
    AttributedBodyError,
    text_from_attributed_body,
)
from forensics_app.importers.records import CallService, CallType, Direction, MessageStatus
from tests.importers import samples
from tests.importers.builders import (
    APPLE_MESSAGES,
    CALL_HISTORY,
    Row,
    build,
    mac_s,
    typedstream,
    wreck_table,
)
from tests.importers.conftest import Parsed
from tests.importers.samples import at

Parse = Callable[[Path], Parsed]


@pytest.mark.parametrize("nanoseconds", [True, False], ids=["ios11+ ns", "ios6-10 s"])
def test_sms_db_dates_in_nanoseconds_and_seconds(
    tmp_path: Path, parse: Parse, nanoseconds: bool
) -> None:
    parsed = parse(samples.ios_sms(tmp_path / "sms.db", nanoseconds=nanoseconds))
    assert parsed.importers == ["ios_sms"]
    assert [parsed.message("message", str(i)).sent_at for i in (1, 2, 3)] == [at(0), at(1), at(2)]
    unit = "nanosecond" if nanoseconds else "second"
    assert parsed.reports["ios_sms"].version.endswith(f"{unit} dates")
    unset = parsed.message("message", "9")
    assert unset.sent_at is None and unset.sent_at_raw == "0"


def test_sms_db_directions_services_and_statuses(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.ios_sms(tmp_path / "sms.db"))
    first, reply = parsed.message("message", "1"), parsed.message("message", "2")
    assert (first.direction, first.service, first.address) == (
        Direction.INCOMING,
        "imessage",
        samples.LENDER,
    )
    assert (reply.direction, reply.status) == (Direction.OUTGOING, MessageStatus.SENT)
    assert parsed.message("message", "8").status == MessageStatus.FAILED


def test_text_is_recovered_from_attributed_body_and_bad_blobs_are_reported(
    tmp_path: Path, parse: Parse
) -> None:
    parsed = parse(samples.ios_sms(tmp_path / "sms.db"))
    recovered = parsed.message("message", "3")
    assert recovered.body == "연락처 010-9876-5432 으로 문의"
    assert recovered.note == "text recovered from attributedBody"
    broken = parsed.message("message", "4")
    assert broken.body == "" and "attributedBody unreadable" in broken.note
    skipped = parsed.skipped("ios_sms")
    assert "texts recovered from attributedBody (text column empty): 1" in skipped
    assert "could not be read (text left empty): 1" in skipped


def test_a_text_stored_as_a_blob_keeps_its_bytes(tmp_path: Path, parse: Parse) -> None:
    """A text column holding a blob: binary kept as hex and flagged (its bytes were
    replaced before), UTF-16 decoded with a note naming the encoding."""
    binary, utf16 = bytes(range(0x80, 0xA0)) + b"\x00\xff", "대출 문의".encode("utf-16")
    path = samples.ios_sms(tmp_path / "sms.db")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE message SET text = ? WHERE ROWID = 1", (binary,))
        conn.execute("UPDATE message SET text = ? WHERE ROWID = 2", (utf16,))
    conn.close()
    parsed = parse(path)
    kept, decoded = parsed.message("message", "1"), parsed.message("message", "2")
    assert bytes.fromhex(kept.body) == binary and "binary" in kept.note
    assert (decoded.body, decoded.note) == ("대출 문의", "body stored as UTF-16 bytes: decoded")
    skipped = parsed.skipped("ios_sms")
    assert (
        "message bodies stored as binary, not text (kept as hex, possibly encrypted): 1" in skipped
    )


def test_group_chats_and_attachments(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.ios_sms(tmp_path / "sms.db"))
    group = next(c for c in parsed.conversations if c.key == "2")
    assert group.is_group and group.title == "대출팀"
    assert group.participants == (samples.LENDER, "spam@example.com", "+821055550000")
    incoming = parsed.message("message", "6")
    assert incoming.address == "+821055550000"
    assert incoming.participants == (samples.LENDER, "spam@example.com")
    mine = parsed.message("message", "7")  # sent to the group: no handle of its own
    assert mine.direction == Direction.OUTGOING and mine.address == samples.LENDER
    with_photo = parsed.message("message", "5")
    assert with_photo.service == "mms"
    (photo,) = with_photo.attachments
    assert (photo.name, photo.mime_type, photo.size) == ("flyer.heic", "image/heic", 123456)


def test_one_to_one_messages_without_a_handle_take_the_chats_other_party(
    tmp_path: Path, parse: Parse
) -> None:
    """handle_id 0 (sent from the owner's Mac, or a trimmed handle table): in a one-to-one
    chat the number is the chat's other party, from chat_handle_join or, without a row
    there, the chat's identifier."""
    ns = mac_s(at(0)) * 1_000_000_000
    rows: dict[str, list[Row]] = {
        "handle": [{"ROWID": 1, "id": "+821012345678", "service": "SMS"}],
        "chat": [
            {"ROWID": 1, "guid": "SMS;-;+821012345678", "style": 45,
             "chat_identifier": "+821012345678", "service_name": "SMS"},
            {"ROWID": 2, "guid": "SMS;-;+821099998888", "style": 45,
             "chat_identifier": "+821099998888", "service_name": "SMS"},
        ],
        "chat_handle_join": [{"chat_id": 1, "handle_id": 1}],
        "message": [
            {"ROWID": 1, "guid": "m1", "text": "보냄", "handle_id": 0, "is_from_me": 1,
             "is_sent": 1, "service": "SMS", "date": ns},
            {"ROWID": 2, "guid": "m2", "text": "받음", "handle_id": 0, "is_from_me": 0,
             "service": "SMS", "date": ns + 1},
        ],
        "chat_message_join": [{"chat_id": 1, "message_id": 1}, {"chat_id": 2, "message_id": 2}],
    }  # fmt: skip
    parsed = parse(build(tmp_path / "sms.db", APPLE_MESSAGES, rows))
    assert parsed.message("message", "1").address == "+821012345678"
    assert parsed.message("message", "2").address == "+821099998888"
    chats = {c.key: c.participants for c in parsed.conversations}
    assert chats == {"1": ("+821012345678",), "2": ("+821099998888",)}


def test_conversation_events_are_kept_with_what_they_say(tmp_path: Path, parse: Parse) -> None:
    """Rows with item_type other than 0 are no messages: a member added or removed, the
    group renamed, someone left. Kept (they are evidence of who was in the group when),
    with a note saying what happened instead of an empty text from the member."""
    ns = mac_s(at(0)) * 1_000_000_000
    event: Row = {"handle_id": 1, "service": "iMessage", "date": ns}
    rows: dict[str, list[Row]] = {
        "handle": [
            {"ROWID": 1, "id": "+821012345678", "service": "iMessage"},
            {"ROWID": 2, "id": "+821099998888", "service": "iMessage"},
        ],
        "message": [
            {**event, "ROWID": 1, "guid": "e1", "item_type": 1, "other_handle": 2},
            {**event, "ROWID": 2, "guid": "e2", "item_type": 1, "group_action_type": 1,
             "other_handle": 2},
            {**event, "ROWID": 3, "guid": "e3", "item_type": 2, "group_title": "대출팀"},
            {**event, "ROWID": 4, "guid": "e4", "item_type": 3},
            {**event, "ROWID": 5, "guid": "m5", "text": "안녕하세요"},
        ],
    }  # fmt: skip
    parsed = parse(build(tmp_path / "sms.db", APPLE_MESSAGES, rows))
    notes = [parsed.message("message", str(n)).note for n in range(1, 6)]
    assert notes == [
        "conversation event: +821099998888 added",
        "conversation event: +821099998888 removed",
        "conversation event: renamed to '대출팀'",
        "conversation event: left the conversation",
        "",
    ]
    skipped = parsed.skipped("ios_sms")
    assert "conversation events (members, name, photo): kept, with a note: 4" in skipped


def test_a_damaged_table_loses_only_its_own_rows(tmp_path: Path, parse: Parse) -> None:
    """sms.db with its attachment table damaged: the messages are read, without their
    attachments, and the damage is said."""
    path = wreck_table(samples.ios_sms(tmp_path / "sms.db"), "attachment")
    parsed = parse(path)
    assert parsed.message("message", "1").body and len(parsed.messages) >= 8
    assert "table attachment is damaged" in parsed.skipped("ios_sms")


def test_macos_chat_db_is_told_apart_by_its_attachment_paths(tmp_path: Path, parse: Parse) -> None:
    assert parse(samples.ios_sms(tmp_path / "chat.db", macos=True)).importers == ["macos_chat"]
    assert parse(samples.ios_sms(tmp_path / "sms.db")).importers == ["ios_sms"]


def test_legacy_ios5_sms_db_read_from_its_wal(tmp_path: Path, parse: Parse) -> None:
    path = samples.ios_sms_legacy(tmp_path / "sms.db")
    main_only = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert main_only.execute("SELECT count(*) FROM message").fetchone() == (0,)
    main_only.close()
    parsed = parse(path)
    assert parsed.importers == ["ios_sms_legacy"]
    rows = {m.where.row: m for m in parsed.messages}
    assert len(rows) == 5
    # Read in the order of the raw date column (iMessage rows hold smaller Mac times).
    assert [m.where.row for m in parsed.messages] == ["4", "5", "1", "2", "3"]
    assert (rows["1"].direction, rows["1"].sent_at) == (Direction.INCOMING, at(0))
    assert rows["2"].direction == Direction.OUTGOING
    assert rows["3"].status == MessageStatus.FAILED
    assert (rows["4"].service, rows["4"].direction, rows["4"].sent_at) == (
        "imessage",
        Direction.OUTGOING,
        at(3),
    )  # Mac absolute time for iMessage rows
    assert rows["5"].direction == Direction.INCOMING and rows["5"].address == samples.LENDER


def test_a_legacy_body_stored_as_a_blob_keeps_its_bytes(tmp_path: Path, parse: Parse) -> None:
    """iOS 5's `text` holding a blob: kept as hex and flagged, as on later iOS."""
    binary = bytes(range(0x80, 0xA0)) + b"\x00\xff"
    path = samples.ios_sms_legacy(tmp_path / "sms.db")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE message SET text = ? WHERE ROWID = 1", (binary,))
    conn.close()
    kept = parse(path).message("message", "1")
    assert bytes.fromhex(kept.body) == binary and "binary" in kept.note


def test_call_history_storedata_with_a_blob_address(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.ios_callhistory(tmp_path / "CallHistory.storedata"))
    assert parsed.importers == ["ios_callhistory"]
    calls = {c.where.row: c for c in parsed.calls}
    first = calls["1"]
    assert first.started_at == at(300).replace(microsecond=250000)
    assert (first.call_type, first.answered, first.duration_seconds) == (
        CallType.INCOMING,
        True,
        42,
    )
    blob = calls["2"]
    assert blob.address == "+821012345678" and blob.service == CallService.FACETIME_AUDIO
    assert (blob.direction, blob.answered) == (Direction.OUTGOING, False)
    assert calls["3"].service == CallService.FACETIME_VIDEO
    assert calls["3"].call_type == CallType.MISSED
    assert (calls["4"].service, calls["4"].app) == (CallService.APP, "net.whatsapp.WhatsApp")
    assert "ZADDRESS values stored as blobs" in parsed.skipped("ios_callhistory")


def test_group_facetime_parties_and_app_calls_whatever_their_call_type(
    tmp_path: Path, parse: Parse
) -> None:
    """iOS 13+: a group FaceTime call has no ZADDRESS, its remote parties are ZHANDLE rows
    joined through Core Data's Z_2REMOTEPARTICIPANTHANDLES; a CallKit app's call may carry
    ZCALLTYPE 1 like a phone call, its ZSERVICE_PROVIDER names the app."""
    ddl = [
        *CALL_HISTORY,
        "CREATE TABLE ZHANDLE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTYPE "
        "INTEGER, ZNORMALIZEDVALUE VARCHAR, ZVALUE VARCHAR )",
        "CREATE TABLE Z_2REMOTEPARTICIPANTHANDLES ( Z_2REMOTEPARTICIPANTCALLS INTEGER, "
        "Z_4REMOTEPARTICIPANTHANDLES INTEGER, PRIMARY KEY (Z_2REMOTEPARTICIPANTCALLS, "
        "Z_4REMOTEPARTICIPANTHANDLES) )",
    ]
    date = float(mac_s(at(0)))
    calls: list[Row] = [
        {"Z_PK": 1, "ZADDRESS": None, "ZDATE": date, "ZDURATION": 60.0, "ZORIGINATED": 1,
         "ZANSWERED": 1, "ZCALLTYPE": 16, "ZSERVICE_PROVIDER": "com.apple.FaceTime"},
        {"Z_PK": 2, "ZADDRESS": "+821055550000", "ZDATE": date + 60, "ZDURATION": 30.0,
         "ZORIGINATED": 0, "ZANSWERED": 1, "ZCALLTYPE": 1,
         "ZSERVICE_PROVIDER": "com.kakao.talk"},
    ]  # fmt: skip
    handles: list[Row] = [
        {"Z_PK": 7, "ZTYPE": 2, "ZVALUE": "+821012345678"},
        {"Z_PK": 8, "ZTYPE": 3, "ZVALUE": "friend@icloud.com"},
    ]
    joins: list[Row] = [
        {"Z_2REMOTEPARTICIPANTCALLS": 1, "Z_4REMOTEPARTICIPANTHANDLES": 7},
        {"Z_2REMOTEPARTICIPANTCALLS": 1, "Z_4REMOTEPARTICIPANTHANDLES": 8},
    ]
    path = build(
        tmp_path / "CallHistory.storedata",
        ddl,
        {"ZCALLRECORD": calls, "ZHANDLE": handles, "Z_2REMOTEPARTICIPANTHANDLES": joins},
    )
    calls_found = {c.where.row: c for c in parse(path).calls}
    group = calls_found["1"]
    assert group.address == "+821012345678" and group.service == CallService.FACETIME_AUDIO
    assert group.note == "group call with +821012345678, friend@icloud.com"
    app = calls_found["2"]
    assert (app.service, app.app, app.note) == (CallService.APP, "com.kakao.talk", "")


def test_old_call_history_db(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.ios_call_history_legacy(tmp_path / "call_history.db"))
    assert parsed.importers == ["ios_call_history_legacy"]
    kinds = [(c.direction, c.call_type) for c in parsed.calls]
    assert kinds == [
        (Direction.INCOMING, CallType.INCOMING),
        (Direction.OUTGOING, CallType.OUTGOING),
        (Direction.INCOMING, CallType.MISSED),
    ]
    assert parsed.calls[0].started_at == at(400)


def test_addressbook_rows_only_in_the_wal_and_apple_tokenizer_left_alone(
    tmp_path: Path, parse: Parse
) -> None:
    path = samples.ios_addressbook(tmp_path / "AddressBook.sqlitedb")
    probe = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert probe.execute("SELECT count(*) FROM ABPerson").fetchone() == (0,)
    probe.close()
    parsed = parse(path)
    assert parsed.importers == ["ios_addressbook"]
    people = {c.where.row: c for c in parsed.contacts}
    kim = people["1"]
    # Family name first and no space, as the iPhone shows a Korean name (and as the
    # investigator searches for it); other names given name first.
    assert (kim.display_name, kim.given_name, kim.family_name) == ("김철수", "철수", "김")
    assert kim.organization == "행복대부"
    assert people["3"].display_name == "Josh Hickman"
    assert [(p.kind, p.label, p.value) for p in kim.points] == [
        ("phone", "Mobile", "010-1234-5678"),
        ("phone", "대포폰", "+82 10 9876 5432"),
        ("email", "Work", "kim@example.kr"),
    ]
    assert kim.created_at == at(-1000) and kim.modified_at == at(-10)
    assert people["2"].display_name == "대부업체"
    assert ("other", "url", "http://x.example") in [tuple(p[:3]) for p in people["3"].points]


def test_attributed_body_decoding() -> None:
    long_text = "대출 " * 100
    assert text_from_attributed_body(typedstream("짧은 글")) == "짧은 글"
    assert text_from_attributed_body(typedstream(long_text)) == long_text
    truncated = typedstream(long_text)[:60]
    for bad in (b"", b"garbage", b"\x04\x0bstreamtyped\x81", truncated, None, "text"):
        with pytest.raises(AttributedBodyError):
            text_from_attributed_body(bad)
