"""Seized phones for the report tests, generated in code on Android's real schemas and imported
through the one ingest path: a phone whose messages, calls and contacts carry hostile text
(markup, control characters, a right-to-left override, formulas, a 10,000-character body, a
NUL), the small phone of tests/importers/samples, and a phone with thousands of messages (more
than one HTML chunk), several at the same instant (the keyset's ties).

The hostile phone talks to 010-2345-6789, the number printed on the lending flyers of
tests/reports/case_data: in a case built with both, the cross-reference finds it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.records import Actor, ItemRecord
from tests.importers import samples
from tests.importers.builders import (
    ANDROID_CALLS,
    ANDROID_CONTACTS,
    ANDROID_SMS,
    MIMETYPES,
    build,
    unix_ms,
)
from tests.reports.case_data import CONTROL_TEXT, FORMULA_TEXT, LONG_TEXT, RTL_TEXT, SCRIPT_TEXT

T0 = datetime(2026, 5, 1, 3, 0, tzinfo=UTC)  # 12:00 in Seoul, the day the flyers were shot
LENDER = "010-2345-6789"  # printed on the lending flyers
LENDER_E164 = "+821023456789"
NUL_TEXT = "nul\x00 inside"
FORMULA_SENDER = "=cmd|' /C calc'!A0"  # an alphanumeric sender id that looks like a formula
NOTE_TEXT = "<b>확인 필요</b> 대출 광고\x07 =1+1"
HOSTILE_BODIES = (SCRIPT_TEXT, FORMULA_TEXT, CONTROL_TEXT, RTL_TEXT, LONG_TEXT, NUL_TEXT)
BULK_START = datetime(2026, 4, 1, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def _paths(root: Path) -> tuple[Path, Path, Path]:
    return root / samples.TELEPHONY, root / samples.CALLLOG, root / samples.CONTACTS


def hostile_extraction(root: Path) -> Path:
    """An Android file-system extraction whose text is hostile (see HOSTILE_BODIES)."""
    sms_path, calls_path, contacts_path = _paths(root)
    sms = [
        {"_id": index + 1, "thread_id": 1, "address": LENDER, "date": unix_ms(at(index)),
         "type": 1, "read": 1, "body": body}
        for index, body in enumerate(HOSTILE_BODIES)
    ]  # fmt: skip
    sms += [
        {"_id": 20, "thread_id": 1, "address": "+82 10-2345-6789", "date": unix_ms(at(24)),
         "type": 2, "read": 1, "body": "네 대출 문의드립니다"},
        {"_id": 21, "thread_id": 2, "address": FORMULA_SENDER, "date": unix_ms(at(30)),
         "type": 1, "read": 0, "body": f"광고 {LENDER} 로 연락주세요"},
        {"_id": 22, "thread_id": 1, "address": LENDER, "date": unix_ms(at(-240)),
         "type": 1, "read": 1, "body": "열흘 전 메시지"},
    ]  # fmt: skip
    build(
        sms_path,
        ANDROID_SMS,
        {
            "sms": sms,
            "threads": [{"_id": 1, "recipient_ids": "1"}, {"_id": 2, "recipient_ids": "2"}],
            "canonical_addresses": [
                {"_id": 1, "address": "01023456789"},
                {"_id": 2, "address": FORMULA_SENDER},
            ],
        },
    )
    calls = [
        {"_id": 1, "number": LENDER, "date": unix_ms(at(2.5)), "duration": 65, "type": 1,
         "name": "<b>김대출</b>"},
        {"_id": 2, "number": "0505-1234-5678", "date": unix_ms(at(26)), "duration": 0,
         "type": 3, "name": RTL_TEXT},
    ]  # fmt: skip
    build(calls_path, ANDROID_CALLS, {"calls": calls})
    mime = {name: i for i, name in enumerate(MIMETYPES, 1)}
    build(
        contacts_path,
        ANDROID_CONTACTS,
        {
            "mimetypes": [{"_id": i, "mimetype": m} for i, m in enumerate(MIMETYPES.values(), 1)],
            "raw_contacts": [{"_id": 1, "display_name": "=SUM(A1:A9)"}],
            "data": [
                {"raw_contact_id": 1, "mimetype_id": mime["name"], "data1": "=SUM(A1:A9)"},
                {"raw_contact_id": 1, "mimetype_id": mime["phone"], "data1": LENDER, "data2": "2"},
                {
                    "raw_contact_id": 1,
                    "mimetype_id": mime["email"],
                    "data1": "lend@example.kr",
                    "data2": "1",
                },
                {"raw_contact_id": 1, "mimetype_id": mime["organization"], "data1": RTL_TEXT},
                {"raw_contact_id": 1, "mimetype_id": mime["note"], "data1": SCRIPT_TEXT},
            ],
        },
    )
    return root


def bulk_extraction(root: Path, messages: int, calls: int = 0) -> Path:
    """An Android extraction with `messages` SMS, three at each second (equal times across
    keyset batches), "bulk-<n>" in every body, and `calls` calls."""
    sms_path, calls_path, _ = _paths(root)
    build(sms_path, ANDROID_SMS, {"threads": [{"_id": 1, "recipient_ids": "1"}]})
    start = unix_ms(BULK_START)
    with sqlite3.connect(sms_path) as conn:
        conn.executemany(
            "INSERT INTO sms (_id, thread_id, address, date, type, read, body) "
            "VALUES (?, 1, ?, ?, ?, 1, ?)",
            (
                (n, f"010-3000-{n % 10_000:04d}", start + (n // 3) * 1000, 1 + n % 2,
                 f"bulk-{n} 안부 메시지 {n % 7}")
                for n in range(1, messages + 1)
            ),
        )  # fmt: skip
    conn.close()
    if calls:
        build(
            calls_path,
            ANDROID_CALLS,
            {
                "calls": [
                    {"_id": n, "number": f"010-4000-{n:04d}", "date": start + n * 60_000,
                     "duration": n % 120, "type": 1 + n % 3}
                    for n in range(1, calls + 1)
                ]
            },
        )  # fmt: skip
    return root


@dataclass
class Phones:
    hostile: ItemRecord
    sample: ItemRecord
    tagged_message_id: int
    tagged_contact_id: int


def import_phones(workstation: Workstation, actor: Actor, case_id: int, folder: Path) -> Phones:
    """The hostile phone and the sample phone imported into the case, one message and one
    contact of the hostile phone tagged and annotated."""
    ingest = workstation.ingest
    hostile = ingest.import_paths(actor, case_id, [hostile_extraction(folder / "hostile")]).item
    sample = ingest.import_paths(actor, case_id, [samples.android_extraction(folder / "sample")])
    assert hostile is not None and sample.item is not None
    artifacts = workstation.artifacts
    script = next(
        m
        for m in artifacts.iterate(ArtifactQuery(case_id, item_id=hostile.id))
        if m.text == SCRIPT_TEXT
    )
    artifacts.add_tag(actor, "message", script.id, "대출 광고")
    artifacts.add_tag(actor, "message", script.id, "<i>중요</i>")
    artifacts.add_note(actor, "message", script.id, NOTE_TEXT)
    contact = artifacts.page(ArtifactQuery(case_id, kind="contact", item_id=hostile.id))[0]
    artifacts.add_tag(actor, "contact", contact.id, "대출 광고")
    return Phones(hostile, sample.item, script.id, contact.id)
