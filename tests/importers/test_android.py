"""Android telephony, call log and contacts databases, generated on the real schemas."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from forensics_app.importers.records import CallService, CallType, Direction, MessageStatus
from tests.importers import samples
from tests.importers.builders import (
    ANDROID_CONTACTS,
    ANDROID_SMS,
    MIMETYPES,
    SAMSUNG_BIN,
    SAMSUNG_RCS,
    Row,
    build,
    unix_ms,
)
from tests.importers.conftest import Parsed
from tests.importers.samples import at

Parse = Callable[[Path], Parsed]


def test_sms_directions_statuses_and_millisecond_times(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.android_mmssms(tmp_path / "mmssms.db"))
    assert parsed.importers == ["android_mmssms"]
    assert len(parsed.messages) == samples.ANDROID_SMS_COUNT
    first = parsed.message("sms", "1")
    assert (first.direction, first.status, first.is_read) == (
        Direction.INCOMING,
        MessageStatus.RECEIVED,
        True,
    )
    assert first.sent_at == at(0) and first.sent_at_raw == str(samples.unix_ms(at(0)))
    assert first.address == "010-1234-5678" and first.conversation_key == "1"
    sent = parsed.message("sms", "2")
    assert (sent.direction, sent.status) == (Direction.OUTGOING, MessageStatus.SENT)
    assert parsed.message("sms", "6").status == MessageStatus.DRAFT
    assert parsed.message("sms", "3").is_read is False


def test_times_out_of_range_are_kept_raw_without_an_invented_time(
    tmp_path: Path, parse: Parse
) -> None:
    parsed = parse(samples.android_mmssms(tmp_path / "mmssms.db"))
    negative, year_9999 = parsed.message("sms", "7"), parsed.message("sms", "8")
    assert negative.sent_at is None and negative.sent_at_raw == "-5"
    assert year_9999.sent_at is None and year_9999.sent_at_raw == "253402300799000"
    assert "without a usable time (kept, time left empty): 2" in parsed.skipped("android_mmssms")


def test_mms_parts_addresses_and_second_times(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.android_mmssms(tmp_path / "mmssms.db"))
    received = parsed.message("pdu", "1")
    assert received.service == "mms" and received.sent_at == at(70)
    assert received.body == "주부 대출 가능" and received.subject == "광고"
    assert received.address == "010-5555-0000"
    assert received.participants == ("010-2222-3333",)  # cc; the phone itself is left out
    (image,) = received.attachments
    assert image.name == "flyer.jpg" and image.mime_type == "image/jpeg"
    assert image.path.endswith("PART_1.jpg")
    sent = parsed.message("pdu", "2")
    assert sent.direction == Direction.OUTGOING
    assert (sent.address, sent.participants) == ("010-5555-0000", ("010-2222-3333",))
    assert not any(m.where == ("pdu", "3") for m in parsed.messages)  # delivery report
    assert "delivery and read reports" in parsed.skipped("android_mmssms")


def test_threads_become_conversations_with_their_participants(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.android_mmssms(tmp_path / "mmssms.db"))
    by_key = {c.key: c for c in parsed.conversations}
    assert by_key["1"].participants == ("01012345678",) and not by_key["1"].is_group
    assert by_key["2"].participants == ("01055550000", "01022223333") and by_key["2"].is_group


def test_non_utf8_and_app_encrypted_bodies_are_read_and_reported(
    tmp_path: Path, parse: Parse
) -> None:
    parsed = parse(samples.android_mmssms(tmp_path / "mmssms.db"))
    assert parsed.message("sms", "11").body == "대출 문의"  # CP949 bytes in a TEXT column
    encrypted = parsed.message("sms", "9")
    assert encrypted.body == samples.CIPHERTEXT and "encrypted" in encrypted.note
    assert "look encrypted by an app (kept as found): 1" in parsed.skipped("android_mmssms")


def test_samsung_vendor_tables_and_columns_are_ignored(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.android_mmssms(tmp_path / "mmssms.db", samsung=True))
    assert parsed.importers == ["android_mmssms"]
    assert len(parsed.messages) == samples.ANDROID_SMS_COUNT


def test_samsung_recycle_bin_messages_are_read_as_deleted(tmp_path: Path, parse: Parse) -> None:
    """Samsung keeps messages the user deleted in bin_sms until the bin is emptied: they are
    evidence, read as deleted messages from their own table; MMS there are counted."""
    sms = {"_id": 1, "thread_id": 1, "address": "010-1234-5678", "date": unix_ms(at(0)),
           "type": 1, "read": 1, "body": "무직자대출 010-9876-5432"}  # fmt: skip
    path = build(
        tmp_path / "mmssms.db",
        [*ANDROID_SMS, *SAMSUNG_BIN],
        {
            "sms": [sms],
            "bin_sms": [{**sms, "date": unix_ms(at(1)), "type": 2, "bin_timestamp": 1}],
            "bin_pdu": [{"_id": 1, "date": 1, "msg_box": 1}],
        },
    )
    parsed = parse(path)
    kept, binned = parsed.message("sms", "1"), parsed.message("bin_sms", "1")
    assert not kept.deleted and binned.deleted
    assert (binned.sent_at, binned.direction, binned.body) == (
        at(1),
        Direction.OUTGOING,
        "무직자대출 010-9876-5432",
    )
    assert "MMS in Samsung's recycle bin (bin_pdu), not read: 1" in parsed.skipped("android_mmssms")


def test_samsung_rcs_chats_are_read_as_rcs_messages(tmp_path: Path, parse: Parse) -> None:
    """Samsung keeps RCS chats (채팅+, the default in Korea) in im beside sms, with the same
    address, millisecond date, type and body; their file transfers (ft) are counted."""
    chat = {"_id": 1, "thread_id": 1, "address": "+821012345678", "date": unix_ms(at(0)),
            "type": 1, "read": 1, "body": "대출 상담 원하시면 연락주세요", "content_type":
            "text/plain"}  # fmt: skip
    path = build(
        tmp_path / "mmssms.db",
        [*ANDROID_SMS, *SAMSUNG_RCS],
        {
            "im": [chat, {**chat, "_id": 2, "type": 2, "date": unix_ms(at(1)), "body": "네"}],
            "ft": [{"_id": 1, "thread_id": 1, "file_name": "a.jpg", "date": unix_ms(at(2))}],
        },
    )
    parsed = parse(path)
    first, reply = parsed.message("im", "1"), parsed.message("im", "2")
    assert (first.service, first.direction, first.sent_at, first.address) == (
        "rcs",
        Direction.INCOMING,
        at(0),
        "+821012345678",
    )
    assert (reply.direction, reply.body, reply.deleted) == (Direction.OUTGOING, "네", False)
    assert "RCS file transfers (ft, bin_ft), not read: 1" in parsed.skipped("android_mmssms")


def test_call_log_types_answers_and_apps(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.android_calllog(tmp_path / "calllog.db"))
    assert parsed.importers == ["android_calllog"]
    calls = {c.where.row: c for c in parsed.calls}
    assert len(calls) == 7
    first = calls["1"]
    assert (first.direction, first.call_type, first.answered) == (
        Direction.INCOMING,
        CallType.INCOMING,
        True,
    )
    assert first.duration_seconds == 65 and first.started_at == at(100)
    assert first.name == "김철수" and first.service == CallService.PHONE
    assert (calls["2"].call_type, calls["2"].answered) == (CallType.OUTGOING, False)
    assert calls["3"].call_type == CallType.MISSED and calls["3"].note == "caller id withheld"
    assert calls["4"].call_type == CallType.REJECTED
    assert calls["5"].call_type == CallType.BLOCKED
    assert (calls["6"].service, calls["6"].app) == (CallService.APP, "com.whatsapp")
    assert calls["7"].call_type == CallType.ANSWERED_ELSEWHERE and calls["7"].deleted


def test_calls_table_of_an_old_contacts2_db(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(samples.android_old_contacts_calls(tmp_path / "contacts2.db"))
    assert sorted(parsed.importers) == ["android_calllog", "android_contacts"]
    assert [c.where.row for c in parsed.calls] == ["714", "715"]
    assert "contacts2.db" in parsed.reports["android_calllog"].version


def test_contacts_with_vendor_mimetypes_cjk_and_very_long_names(
    tmp_path: Path, parse: Parse
) -> None:
    parsed = parse(samples.android_contacts(tmp_path / "contacts2.db"))
    assert parsed.importers == ["android_contacts"]
    contacts = {c.where.row: c for c in parsed.contacts}
    kim = contacts["1"]
    assert (kim.display_name, kim.given_name, kim.family_name) == ("김철수", "철수", "김")
    assert kim.organization == "행복대부 (실장)" and kim.notes == "=1+1 이자 높음"
    assert [(p.kind, p.label, p.value) for p in kim.points] == [
        ("phone", "mobile", "010-1234-5678"),
        ("phone", "사무실", "02 123 4567"),
        ("email", "home", "kim@example.kr"),
    ]
    assert contacts["2"].display_name == samples.LONG_NAME and len(samples.LONG_NAME) > 120
    assert contacts["3"].deleted
    skipped = parsed.skipped("android_contacts")
    assert "vnd.com.htc.cursor.item/facebook' skipped: 2" in skipped
    assert "vnd.sec.cursor.item/personalization' skipped: 1" in skipped
    assert "photo" not in skipped  # a standard kind that is simply not a contact point


def test_a_name_kept_only_in_its_parts_is_composed(tmp_path: Path, parse: Parse) -> None:
    """No display name in raw_contacts nor in the name row (a restored or hand-edited
    database), the given and family names still there: the contact is named as the phone
    shows it, a Korean name family name first without a space."""
    mime = {name: i for i, name in enumerate(MIMETYPES, 1)}
    mimetypes = [{"_id": i, "mimetype": m} for i, m in enumerate(MIMETYPES.values(), 1)]
    raw: list[Row] = [{"_id": 1, "display_name": None}, {"_id": 2, "display_name": ""}, {"_id": 3}]
    data: list[Row] = [
        {"raw_contact_id": 1, "mimetype_id": mime["name"], "data2": "영희", "data3": "박"},
        {"raw_contact_id": 2, "mimetype_id": mime["name"], "data1": "", "data2": "Young-hee",
         "data3": "Kim"},
        {"raw_contact_id": 3, "mimetype_id": mime["phone"], "data1": "010-1234-5678"},
    ]  # fmt: skip
    path = build(
        tmp_path / "contacts2.db",
        ANDROID_CONTACTS,
        {"mimetypes": mimetypes, "raw_contacts": raw, "data": data},
    )
    names = {c.where.row: c.display_name for c in parse(path).contacts}
    assert names == {"1": "박영희", "2": "Young-hee Kim", "3": ""}


def test_vendor_kinds_under_androids_own_prefix_are_said_skipped(
    tmp_path: Path, parse: Parse
) -> None:
    """HTC files kinds of its own under vnd.android.cursor.item/: skipped and counted like
    any vendor mimetype, while Android's own kinds that are no contact points are not."""
    mimetypes: list[Row] = [
        {"_id": 1, "mimetype": MIMETYPES["phone"]},
        {"_id": 2, "mimetype": "vnd.android.cursor.item/vnd.htc.contact.relation"},
        {"_id": 3, "mimetype": "vnd.android.cursor.item/contact_event"},
    ]
    data: list[Row] = [
        {"raw_contact_id": 1, "mimetype_id": 1, "data1": "010-1234-5678"},
        {"raw_contact_id": 1, "mimetype_id": 2, "data1": "brother"},
        {"raw_contact_id": 1, "mimetype_id": 3, "data1": "2020-01-01"},
    ]
    path = build(
        tmp_path / "contacts2.db",
        ANDROID_CONTACTS,
        {
            "mimetypes": mimetypes,
            "raw_contacts": [{"_id": 1, "display_name": "홍길동"}],
            "data": data,
        },
    )
    skipped = parse(path).skipped("android_contacts")
    assert "'vnd.android.cursor.item/vnd.htc.contact.relation' skipped: 1" in skipped
    assert "contact_event" not in skipped


def test_android_collations_do_not_stop_a_parse(tmp_path: Path, parse: Parse) -> None:
    """contacts2.db declares columns COLLATE PHONEBOOK, a collation only Android has; any
    comparison on them needs it, so the reader brings a stand-in."""
    from forensics_app.importers import sources
    from forensics_app.importers.sqlite import SqliteDatabase

    path = samples.android_contacts(tmp_path / "contacts2.db")
    copy = sources.copy_to(sources.LocalFile(path), tmp_path / "work")
    db = SqliteDatabase(copy.path)
    try:
        rows = list(db.rows("SELECT _id FROM raw_contacts WHERE sort_key > '' ORDER BY sort_key"))
    finally:
        db.close()
    assert isinstance(rows, list)
    assert len(parse(path).contacts) == 4


def test_an_mms_text_part_stored_as_a_blob_keeps_its_bytes(tmp_path: Path, parse: Parse) -> None:
    """A text part whose `text` holds a blob: kept as hex and flagged, as an SMS body is (its
    bytes were replaced by U+FFFD before, and nothing said so)."""
    binary = bytes(range(0x80, 0xA0)) + b"\x00\xff"
    path = samples.android_mmssms(tmp_path / "mmssms.db")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE part SET text = ? WHERE mid = 1 AND ct = 'text/plain'", (binary,))
    conn.close()
    parsed = parse(path)
    received = parsed.message("pdu", "1")
    assert bytes.fromhex(received.body) == binary and "binary" in received.note
    skipped = parsed.skipped("android_mmssms")
    assert "message bodies stored as binary, not text (kept as hex, possibly encrypted): 1" in (
        skipped
    )


def test_an_sms_table_without_its_id_column_is_read_by_rowid(tmp_path: Path, parse: Parse) -> None:
    """A tool's rebuilt mmssms.db whose sms table lacks the provider's _id was refused whole
    ("no importer knows its tables"); the call log already reads such a table by rowid."""
    path = tmp_path / "mmssms.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sms (address TEXT, date INTEGER, type INTEGER, body TEXT)")
    conn.executemany(
        "INSERT INTO sms VALUES (?, ?, ?, ?)",
        [
            ("010-1234-5678", unix_ms(at(0)), 1, "대출 문의"),
            ("010-1234-5678", unix_ms(at(1)), 2, "네"),
        ],
    )
    conn.commit()
    conn.close()
    parsed = parse(path)
    assert parsed.importers == ["android_mmssms"]
    assert [(m.row, m.body, m.direction) for m in parsed.messages] == [
        ("1", "대출 문의", Direction.INCOMING),
        ("2", "네", Direction.OUTGOING),
    ]
    assert "columns missing in sms: _id" in parsed.skipped("android_mmssms")
