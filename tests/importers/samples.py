"""Small seized phones built in code: what they hold is written here, so tests can say exactly
what an import must find (an illegal-lending case: 대출 ads, the lender's numbers)."""

from __future__ import annotations

import base64
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.importers.builders import (
    ADDRESS_BOOK,
    ANDROID_CALLS,
    ANDROID_CONTACTS,
    ANDROID_OLD_CALLS,
    ANDROID_SMS,
    APPLE_LEGACY_MESSAGES,
    APPLE_MESSAGES,
    APPLE_TOKENIZER_DDL,
    CALL_HISTORY,
    CALL_HISTORY_LEGACY,
    MIMETYPES,
    SAMSUNG_SMS_EXTRAS,
    Row,
    build,
    mac_ns,
    mac_s,
    typedstream,
    unix_ms,
    unix_s,
)

KST = timedelta(hours=9)
T0 = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)  # 10:00 in Seoul
LENDER = "+821012345678"  # written 010-1234-5678, 01012345678, +82 10-1234-5678 below
IN_BODY = "+821098765432"  # only ever written inside message text
LONG_NAME = "김" + "철수가아주긴이름을가진사람" * 12  # 157 characters
CIPHERTEXT = base64.b64encode(bytes(range(48))).decode()
CP949_BODY = "대출 문의".encode("cp949")

TELEPHONY = "data/data/com.android.providers.telephony/databases/mmssms.db"
CALLLOG = "data/data/com.android.providers.contacts/databases/calllog.db"
CONTACTS = "data/data/com.android.providers.contacts/databases/contacts2.db"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


# ---- Android -----------------------------------------------------------------------------------
def android_mmssms(path: Path, *, samsung: bool = False) -> Path:
    sms: list[Row] = [
        {"_id": 1, "thread_id": 1, "address": "010-1234-5678", "date": unix_ms(at(0)),
         "type": 1, "read": 1, "body": "무직자대출 당일 승인 010 9876 5432 문의"},
        {"_id": 2, "thread_id": 1, "address": "01012345678", "date": unix_ms(at(5)),
         "type": 2, "read": 1, "body": "대출을 알아보고 있어요"},
        {"_id": 3, "thread_id": 1, "address": "+82 10-1234-5678", "date": unix_ms(at(10)),
         "type": 1, "read": 0, "body": "급전 필요하면 연락 주세요"},
        {"_id": 4, "thread_id": 3, "address": "#1004", "date": unix_ms(at(20)), "type": 1,
         "read": 1, "body": "수신거부 안내"},
        {"_id": 5, "thread_id": 4, "address": "KT", "date": unix_ms(at(30)), "type": 1,
         "read": 1, "body": "=HYPERLINK(\"http://x\") 요금 안내"},
        {"_id": 6, "thread_id": 1, "address": "010-1234-5678", "date": unix_ms(at(40)),
         "type": 3, "read": 1, "body": "임시 저장"},
        {"_id": 7, "thread_id": 1, "address": "010-1234-5678", "date": -5, "type": 1,
         "read": 1, "body": "시간이 잘못된 메시지"},
        {"_id": 8, "thread_id": 1, "address": "010-1234-5678", "date": 253402300799000,
         "type": 1, "read": 1, "body": "9999년 메시지"},
        {"_id": 9, "thread_id": 1, "address": "010-1234-5678", "date": unix_ms(at(50)),
         "type": 1, "read": 1, "body": CIPHERTEXT},
        {"_id": 10, "thread_id": 5, "address": "spam@example.com", "date": unix_ms(at(60)),
         "type": 1, "read": 1, "body": "email sender"},
    ]  # fmt: skip
    pdu: list[Row] = [
        {"_id": 1, "thread_id": 2, "date": unix_s(at(70)), "msg_box": 1, "read": 1,
         "sub": "광고", "m_type": 132},
        {"_id": 2, "thread_id": 2, "date": unix_s(at(75)), "msg_box": 2, "read": 1,
         "sub": None, "m_type": 128},
        {"_id": 3, "thread_id": 2, "date": unix_s(at(76)), "msg_box": 1, "read": 1,
         "sub": None, "m_type": 134},  # a delivery report, not a message
    ]  # fmt: skip
    part: list[Row] = [
        {"_id": 1, "mid": 1, "seq": -1, "ct": "application/smil", "text": "<smil/>"},
        {"_id": 2, "mid": 1, "seq": 0, "ct": "text/plain", "text": "주부 대출 가능"},
        {"_id": 3, "mid": 1, "seq": 1, "ct": "image/jpeg", "cl": "flyer.jpg",
         "_data": "/data/user_de/0/com.android.providers.telephony/app_parts/PART_1.jpg"},
        {"_id": 4, "mid": 2, "seq": 0, "ct": "text/plain", "text": "사진 받았어요"},
    ]  # fmt: skip
    addr: list[Row] = [
        {"_id": 1, "msg_id": 1, "address": "010-5555-0000", "type": 0x89},
        {"_id": 2, "msg_id": 1, "address": "insert-address-token", "type": 0x97},
        {"_id": 3, "msg_id": 1, "address": "010-2222-3333", "type": 0x82},
        {"_id": 4, "msg_id": 2, "address": "insert-address-token", "type": 0x89},
        {"_id": 5, "msg_id": 2, "address": "010-5555-0000", "type": 0x97},
        {"_id": 6, "msg_id": 2, "address": "010-2222-3333", "type": 0x97},
    ]
    threads: list[Row] = [
        {"_id": 1, "recipient_ids": "1"},
        {"_id": 2, "recipient_ids": "2 3"},
        {"_id": 3, "recipient_ids": "4"},
        {"_id": 4, "recipient_ids": "5"},
        {"_id": 5, "recipient_ids": "6"},
    ]
    canonical: list[Row] = [
        {"_id": 1, "address": "01012345678"},
        {"_id": 2, "address": "01055550000"},
        {"_id": 3, "address": "01022223333"},
        {"_id": 4, "address": "#1004"},
        {"_id": 5, "address": "KT"},
        {"_id": 6, "address": "spam@example.com"},
    ]
    ddl = ANDROID_SMS + (SAMSUNG_SMS_EXTRAS if samsung else [])
    if samsung:
        for row in sms:
            row["sim_slot"] = 1
    build(
        path,
        ddl,
        {"sms": sms, "pdu": pdu, "part": part, "addr": addr, "threads": threads,
         "canonical_addresses": canonical},
    )  # fmt: skip
    # A body in the phone's old Korean encoding, stored as TEXT (not valid UTF-8).
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO sms (_id, thread_id, address, date, type, read, body) "
        "VALUES (11, 1, '010-1234-5678', ?, 1, 1, CAST(? AS TEXT))",
        (unix_ms(at(90)), CP949_BODY),
    )
    conn.close()
    return path


ANDROID_SMS_COUNT = 11 + 2  # sms rows + MMS (the delivery report is not a message)


def android_calllog(path: Path) -> Path:
    calls: list[Row] = [
        {"_id": 1, "number": "010-1234-5678", "date": unix_ms(at(100)), "duration": 65,
         "type": 1, "name": "김철수",
         "subscription_component_name":
             "com.android.phone/com.android.services.telephony.TelephonyConnectionService"},
        {"_id": 2, "number": "02-123-4567", "date": unix_ms(at(110)), "duration": 0,
         "type": 2},
        {"_id": 3, "number": "", "presentation": 2, "date": unix_ms(at(120)), "duration": 0,
         "type": 3},
        {"_id": 4, "number": "0505-1234-5678", "date": unix_ms(at(130)), "duration": 0,
         "type": 5},
        {"_id": 5, "number": "070-8765-4321", "date": unix_ms(at(140)), "duration": 0,
         "type": 6},
        {"_id": 6, "number": "+82 10-1234-5678", "date": unix_ms(at(150)), "duration": 12,
         "type": 2, "subscription_component_name": "com.whatsapp/com.whatsapp.calling.Service"},
        {"_id": 7, "number": "1588-1234", "date": unix_ms(at(160)), "duration": 30, "type": 7,
         "deleted": 1},
    ]  # fmt: skip
    return build(path, ANDROID_CALLS, {"calls": calls})


def android_old_contacts_calls(path: Path) -> Path:
    calls: list[Row] = [
        {"_id": 714, "number": "01012345678", "date": unix_ms(at(200)), "duration": 0,
         "type": 3, "name": "김철수"},
        {"_id": 715, "number": "01012345678", "date": unix_ms(at(201)), "duration": 126,
         "type": 2, "name": "김철수"},
    ]  # fmt: skip
    return build(path, [ANDROID_OLD_CALLS, *ANDROID_CONTACTS], {"calls": calls})


def android_contacts(path: Path) -> Path:
    mimetypes = [{"_id": i, "mimetype": m} for i, m in enumerate(MIMETYPES.values(), 1)]
    mimetypes.append({"_id": 50, "mimetype": "vnd.com.htc.cursor.item/facebook"})
    mimetypes.append({"_id": 51, "mimetype": "vnd.sec.cursor.item/personalization"})
    mime = {name: i for i, name in enumerate(MIMETYPES, 1)}
    raw: list[Row] = [
        {"_id": 1, "display_name": "김철수"},
        {"_id": 2, "display_name": LONG_NAME},
        {"_id": 3, "display_name": "지운 사람", "deleted": 1},
        {"_id": 4, "display_name": "Kim Young-hee"},
    ]
    data: list[Row] = [
        {"raw_contact_id": 1, "mimetype_id": mime["name"], "data1": "김철수", "data2": "철수",
         "data3": "김"},
        {"raw_contact_id": 1, "mimetype_id": mime["phone"], "data1": "010-1234-5678",
         "data2": "2"},
        {"raw_contact_id": 1, "mimetype_id": mime["phone"], "data1": "02 123 4567",
         "data2": "0", "data3": "사무실"},
        {"raw_contact_id": 1, "mimetype_id": mime["email"], "data1": "kim@example.kr",
         "data2": "1"},
        {"raw_contact_id": 1, "mimetype_id": mime["organization"], "data1": "행복대부",
         "data4": "실장"},
        {"raw_contact_id": 1, "mimetype_id": mime["note"], "data1": "=1+1 이자 높음"},
        {"raw_contact_id": 1, "mimetype_id": mime["photo"], "data1": None},
        {"raw_contact_id": 1, "mimetype_id": 50, "data1": "facebook-id-1"},
        {"raw_contact_id": 2, "mimetype_id": mime["name"], "data1": LONG_NAME},
        {"raw_contact_id": 2, "mimetype_id": mime["phone"], "data1": "0505-1234-5678",
         "data2": "7"},
        {"raw_contact_id": 2, "mimetype_id": 50, "data1": "facebook-id-2"},
        {"raw_contact_id": 2, "mimetype_id": 51, "data1": "x"},
        {"raw_contact_id": 3, "mimetype_id": mime["phone"], "data1": "010-0000-1111",
         "data2": "2"},
        {"raw_contact_id": 4, "mimetype_id": mime["phone"], "data1": "+1 650 253 0000",
         "data2": "3"},
    ]  # fmt: skip
    return build(
        path, ANDROID_CONTACTS, {"mimetypes": mimetypes, "raw_contacts": raw, "data": data}
    )


def android_extraction(root: Path) -> Path:
    """A full file-system extraction folder with the three databases at their usual paths,
    plus files that are not evidence of interest."""
    android_mmssms(root / TELEPHONY)
    android_calllog(root / CALLLOG)
    android_contacts(root / CONTACTS)
    other = root / "data/data/com.example.app/databases/cache.db"
    build(other, ["CREATE TABLE cache (k TEXT, v BLOB)"], {"cache": [{"k": "a", "v": b"1"}]})
    (root / "sdcard/DCIM").mkdir(parents=True)
    (root / "sdcard/DCIM/photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    return root


# ---- Apple -------------------------------------------------------------------------------------
def ios_sms(path: Path, *, nanoseconds: bool = True, macos: bool = False) -> Path:
    stamp = mac_ns if nanoseconds else mac_s
    handles: list[Row] = [
        {"ROWID": 1, "id": LENDER, "service": "iMessage", "country": "kr"},
        {"ROWID": 2, "id": "010-9999-8888", "service": "SMS", "country": "kr"},
        {"ROWID": 3, "id": "spam@example.com", "service": "iMessage"},
        {"ROWID": 4, "id": "+821055550000", "service": "iMessage"},
    ]
    chats: list[Row] = [
        {"ROWID": 1, "guid": "iMessage;-;" + LENDER, "style": 45, "chat_identifier": LENDER,
         "service_name": "iMessage"},
        {"ROWID": 2, "guid": "iMessage;+;chat1", "style": 43, "chat_identifier": "chat1",
         "service_name": "iMessage", "display_name": "대출팀"},
        {"ROWID": 3, "guid": "SMS;-;010-9999-8888", "style": 45,
         "chat_identifier": "010-9999-8888", "service_name": "SMS"},
    ]  # fmt: skip
    chat_handles: list[Row] = [
        {"chat_id": 1, "handle_id": 1},
        {"chat_id": 2, "handle_id": 1},
        {"chat_id": 2, "handle_id": 4},
        {"chat_id": 2, "handle_id": 3},
        {"chat_id": 3, "handle_id": 2},
    ]
    folder = "~/Library/Messages/Attachments" if macos else "~/Library/SMS/Attachments"
    messages: list[Row] = [
        {"ROWID": 1, "guid": "m1", "text": "무직자대출 가능합니다", "handle_id": 1,
         "service": "iMessage", "date": stamp(at(0)), "is_from_me": 0, "is_read": 1},
        {"ROWID": 2, "guid": "m2", "text": "대출을 받고 싶어요", "handle_id": 1,
         "service": "iMessage", "date": stamp(at(1)), "is_from_me": 1, "is_sent": 1,
         "is_delivered": 1},
        {"ROWID": 3, "guid": "m3", "text": None,
         "attributedBody": typedstream("연락처 010-9876-5432 으로 문의"), "handle_id": 1,
         "service": "iMessage", "date": stamp(at(2)), "is_from_me": 0},
        {"ROWID": 4, "guid": "m4", "text": None, "attributedBody": b"\x04\x0bstreamtyped junk",
         "handle_id": 1, "service": "iMessage", "date": stamp(at(3)), "is_from_me": 0},
        {"ROWID": 5, "guid": "m5", "text": "전단지 사진", "handle_id": 2, "service": "SMS",
         "date": stamp(at(4)), "is_from_me": 0, "cache_has_attachments": 1},
        {"ROWID": 6, "guid": "m6", "text": "단체방 공지", "handle_id": 4,
         "service": "iMessage", "date": stamp(at(5)), "is_from_me": 0},
        {"ROWID": 7, "guid": "m7", "text": "알겠습니다", "handle_id": 0,
         "service": "iMessage", "date": stamp(at(6)), "is_from_me": 1, "is_sent": 1},
        {"ROWID": 8, "guid": "m8", "text": "실패한 메시지", "handle_id": 2, "service": "SMS",
         "date": stamp(at(7)), "is_from_me": 1, "error": 4},
        {"ROWID": 9, "guid": "m9", "text": "영년", "handle_id": 2, "service": "SMS",
         "date": 0, "is_from_me": 0},
    ]  # fmt: skip
    joins: list[Row] = [
        {"chat_id": 1, "message_id": 1}, {"chat_id": 1, "message_id": 2},
        {"chat_id": 1, "message_id": 3}, {"chat_id": 1, "message_id": 4},
        {"chat_id": 3, "message_id": 5}, {"chat_id": 2, "message_id": 6},
        {"chat_id": 2, "message_id": 7}, {"chat_id": 3, "message_id": 8},
        {"chat_id": 3, "message_id": 9},
    ]  # fmt: skip
    attachments: list[Row] = [
        {"ROWID": 1, "guid": "a1", "filename": f"{folder}/1a/10/flyer.heic",
         "mime_type": "image/heic", "transfer_name": "flyer.heic", "total_bytes": 123456},
    ]  # fmt: skip
    return build(
        path,
        APPLE_MESSAGES,
        {
            "handle": handles,
            "chat": chats,
            "chat_handle_join": chat_handles,
            "message": messages,
            "chat_message_join": joins,
            "attachment": attachments,
            "message_attachment_join": [{"message_id": 5, "attachment_id": 1}],
        },
    )


def ios_sms_legacy(path: Path, *, rows_in_wal: bool = True) -> Path:
    messages: list[Row] = [
        {"ROWID": 1, "address": "010-1234-5678", "date": unix_s(at(0)), "text": "급전 대출",
         "flags": 2, "group_id": 1, "read": 1},
        {"ROWID": 2, "address": "010-1234-5678", "date": unix_s(at(1)), "text": "대출 문의요",
         "flags": 3, "group_id": 1},
        {"ROWID": 3, "address": "010-1234-5678", "date": unix_s(at(2)), "text": "전송 실패",
         "flags": 35, "group_id": 1},
        {"ROWID": 4, "address": None, "madrid_handle": LENDER, "is_madrid": 1,
         "madrid_flags": 36869, "date": mac_s(at(3)), "text": "iMessage 보냄", "flags": 0,
         "group_id": 1},
        {"ROWID": 5, "address": None, "madrid_handle": LENDER, "is_madrid": 1,
         "madrid_flags": 12289, "date": mac_s(at(4)), "text": "iMessage 받음", "flags": 0,
         "group_id": 1},
    ]  # fmt: skip
    return build(
        path,
        APPLE_LEGACY_MESSAGES,
        {
            "msg_group": [{"ROWID": 1, "type": 0}],
            "group_member": [{"group_id": 1, "address": "010-1234-5678"}],
            "message": messages,
        },
        rows_in_wal=rows_in_wal,
    )


def ios_callhistory(path: Path) -> Path:
    calls: list[Row] = [
        {"Z_PK": 1, "ZADDRESS": "010-1234-5678", "ZDATE": float(mac_s(at(300))) + 0.25,
         "ZDURATION": 42.5, "ZORIGINATED": 0, "ZANSWERED": 1, "ZCALLTYPE": 1,
         "ZSERVICE_PROVIDER": "com.apple.Telephony"},
        {"Z_PK": 2, "ZADDRESS": b"+821012345678", "ZDATE": float(mac_s(at(301))),
         "ZDURATION": 0.0, "ZORIGINATED": 1, "ZANSWERED": 0, "ZCALLTYPE": 16,
         "ZSERVICE_PROVIDER": "com.apple.FaceTime"},
        {"Z_PK": 3, "ZADDRESS": "spam@example.com", "ZDATE": float(mac_s(at(302))),
         "ZDURATION": 0.0, "ZORIGINATED": 0, "ZANSWERED": 0, "ZCALLTYPE": 8,
         "ZSERVICE_PROVIDER": "com.apple.FaceTime"},
        {"Z_PK": 4, "ZADDRESS": "+821055550000", "ZDATE": float(mac_s(at(303))),
         "ZDURATION": 300.0, "ZORIGINATED": 1, "ZANSWERED": 1, "ZCALLTYPE": 0,
         "ZSERVICE_PROVIDER": "net.whatsapp.WhatsApp"},
    ]  # fmt: skip
    return build(path, CALL_HISTORY, {"ZCALLRECORD": calls})


def ios_call_history_legacy(path: Path) -> Path:
    calls: list[Row] = [
        {"ROWID": 1, "address": "010-1234-5678", "date": unix_s(at(400)), "duration": 20,
         "flags": 4},
        {"ROWID": 2, "address": "010-1234-5678", "date": unix_s(at(401)), "duration": 0,
         "flags": 5},
        {"ROWID": 3, "address": "010-1234-5678", "date": unix_s(at(402)), "duration": 0,
         "flags": 4},
    ]  # fmt: skip
    return build(path, CALL_HISTORY_LEGACY, {"call": calls})


def ios_addressbook(path: Path, *, rows_in_wal: bool = True) -> Path:
    persons: list[Row] = [
        {"ROWID": 1, "First": "철수", "Last": "김", "Organization": "행복대부",
         "CreationDate": mac_s(at(-1000)), "ModificationDate": mac_s(at(-10))},
        {"ROWID": 2, "First": None, "Last": None, "Organization": "대부업체"},
        {"ROWID": 3, "First": "Josh", "Last": "Hickman"},
    ]  # fmt: skip
    labels = [{"value": "_$!<Mobile>!$_"}, {"value": "_$!<Work>!$_"}, {"value": "대포폰"}]
    values: list[Row] = [
        {"UID": 1, "record_id": 1, "property": 3, "label": 1, "value": "010-1234-5678"},
        {"UID": 2, "record_id": 1, "property": 3, "label": 3, "value": "+82 10 9876 5432"},
        {"UID": 3, "record_id": 1, "property": 4, "label": 2, "value": "kim@example.kr"},
        {"UID": 4, "record_id": 2, "property": 3, "label": 2, "value": "1588-1234"},
        {"UID": 5, "record_id": 3, "property": 3, "label": 1, "value": "(919) 579-0479"},
        {"UID": 6, "record_id": 3, "property": 22, "label": None, "value": "http://x.example"},
    ]  # fmt: skip
    return build(
        path,
        ADDRESS_BOOK,
        {"ABMultiValueLabel": labels, "ABPerson": persons, "ABMultiValue": values},
        rows_in_wal=rows_in_wal,
        after=[APPLE_TOKENIZER_DDL],
    )
