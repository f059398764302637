"""A generated Android full-file-system extraction on the real schemas (the table definitions
of tests/importers/builders.py, copied from real phones): SMS and MMS, a call log and
contacts, at a chosen scale, with Korean text, illegal-lending spam and the numbers in it."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.importers.builders import (
    ANDROID_CALLS,
    ANDROID_CONTACTS,
    ANDROID_SMS,
    MIMETYPES,
    unix_ms,
)

TELEPHONY = "data/data/com.android.providers.telephony/databases/mmssms.db"
CALLLOG = "data/data/com.android.providers.contacts/databases/calllog.db"
CONTACTS = "data/data/com.android.providers.contacts/databases/contacts2.db"
START = unix_ms(datetime(2022, 1, 1, tzinfo=UTC))
SPAN_MS = 3 * 365 * 24 * 3600 * 1000

WORDS = [
    "안녕하세요",
    "오늘",
    "내일",
    "회의",
    "몇시",
    "에요",
    "택배",
    "도착",
    "했습니다",
    "엄마",
    "사랑해",
    "봐요",
    "카톡",
    "확인",
    "부탁",
    "드려요",
    "감사합니다",
    "주말",
    "약속",
    "취소",
    "저녁",
    "먹자",
    "어디야",
    "지금",
    "가는중",
    "네",
    "응",
    "알겠어",
    "고마워",
    "ok",
    "수고하셨습니다",
    "회사",
    "퇴근",
    "출근",
    "병원",
    "예약",
    "결제",
    "완료",
    "인증번호",
    "입니다",
    "배송",
    "조회",
]
SPAM = (
    "무직자대출 당일 승인", "급전 필요하신 분", "저금리 대출을 도와드립니다", "신용불량 대출 가능",
    "주부 대출 상담", "사업자 대출 한도 조회", "성인 출장 마사지", "고수익 알바 모집",
)  # fmt: skip


def _number(rng: random.Random) -> str:
    return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"


def _written(number: str, rng: random.Random) -> str:
    digits = number.replace("-", "")
    forms = (number, digits, "+82 " + number[1:], number.replace("-", " "))
    return forms[rng.randrange(len(forms))]


def generate(root: Path, messages: int, calls: int, contacts: int, seed: int = 11) -> Path:
    """Write the extraction under `root` (skipped when a complete one is there already)."""
    done = root / ".complete"
    if done.exists() and done.read_text() == f"{messages},{calls},{contacts},{seed}":
        return root
    rng = random.Random(seed)
    people, lenders = _draw_numbers(rng, contacts)
    _sms(root / TELEPHONY, messages, people, lenders, rng)
    _calls(root / CALLLOG, calls, people, lenders, rng)
    _contacts(root / CONTACTS, contacts, people, rng)
    done.write_text(f"{messages},{calls},{contacts},{seed}")
    return root


def _draw_numbers(rng: random.Random, contacts: int) -> tuple[list[str], list[str]]:
    people = [_number(rng) for _ in range(max(contacts, 100))]
    lenders = [_number(rng) for _ in range(200)]
    return people, lenders


def lender_numbers(contacts: int, seed: int = 11) -> list[str]:
    """The 200 lenders' numbers an extraction generated with these arguments advertises (the
    report benchmark prints them on flyers, so the cross-reference has work to do)."""
    return _draw_numbers(random.Random(seed), contacts)[1]


def _fresh(path: Path, ddl: list[str] | tuple[str, ...]) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for collation in ("PHONEBOOK", "LOCALIZED"):  # declared by Android's contacts provider
        conn.create_collation(collation, lambda a, b: (a > b) - (a < b))
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    for statement in ddl:
        conn.execute(statement)
    conn.execute("BEGIN")
    return conn


def _sms(path: Path, count: int, people: list[str], lenders: list[str], rng: random.Random) -> None:
    conn = _fresh(path, ANDROID_SMS)
    partners = people[:3000]
    thread_of = {n: i + 1 for i, n in enumerate(partners + lenders)}
    conn.executemany(
        "INSERT INTO canonical_addresses (_id, address) VALUES (?, ?)",
        [(i, n.replace("-", "")) for n, i in thread_of.items()],
    )
    conn.executemany(
        "INSERT INTO threads (_id, recipient_ids) VALUES (?, ?)",
        [(i, str(i)) for i in thread_of.values()],
    )
    batch = []
    for row_id in range(1, count + 1):
        if rng.random() < 0.08:
            partner = lenders[rng.randrange(len(lenders))]
            advertised = _written(lenders[rng.randrange(len(lenders))], rng)
            body = f"{SPAM[rng.randrange(len(SPAM))]} {advertised} 문의"
            kind = 1
        else:
            partner = partners[rng.randrange(len(partners))]
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14)))
            if rng.random() < 0.02:
                body += " 대출 문의드립니다"
            kind = 1 if rng.random() < 0.55 else 2
        date = START + rng.randrange(SPAN_MS)
        batch.append(
            (row_id, thread_of[partner], _written(partner, rng), date, kind, 1, body, -1, 0)
        )
        if len(batch) == 50_000:
            _insert_sms(conn, batch)
            batch = []
    _insert_sms(conn, batch)
    conn.execute("COMMIT")
    conn.close()


def _insert_sms(conn: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO sms (_id, thread_id, address, date, type, read, body, status, seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _calls(
    path: Path, count: int, people: list[str], lenders: list[str], rng: random.Random
) -> None:
    conn = _fresh(path, ANDROID_CALLS)
    component = "com.android.phone/com.android.services.telephony.TelephonyConnectionService"
    rows = []
    for row_id in range(1, count + 1):
        pool = lenders if rng.random() < 0.05 else people
        kind = rng.choice((1, 1, 1, 2, 2, 2, 3, 3, 5, 6))
        duration = rng.randint(1, 900) if kind in (1, 2) and rng.random() < 0.8 else 0
        rows.append(
            (row_id, _written(pool[rng.randrange(len(pool))], rng),
             START + rng.randrange(SPAN_MS), duration, kind, component)
        )  # fmt: skip
        if len(rows) == 50_000:
            conn.executemany(
                "INSERT INTO calls (_id, number, date, duration, type, "
                "subscription_component_name) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            rows = []
    conn.executemany(
        "INSERT INTO calls (_id, number, date, duration, type, subscription_component_name) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.close()


def _contacts(path: Path, count: int, people: list[str], rng: random.Random) -> None:
    conn = _fresh(path, ANDROID_CONTACTS)
    mimetypes = [*MIMETYPES.values(), "vnd.com.htc.cursor.item/facebook"]
    conn.executemany(
        "INSERT INTO mimetypes (_id, mimetype) VALUES (?, ?)",
        list(enumerate(mimetypes, 1)),
    )
    surnames = "김이박최정강조윤장임한오서신권황안송류홍"
    given = "민서준도윤하은지우수아예린시우주원건우현우"
    raw: list[tuple[int, str]] = []
    data: list[tuple[int, int, str, str | None, None]] = []  # raw contact, mimetype, data1-3
    for row_id in range(1, count + 1):
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        raw.append((row_id, name))
        data.append((row_id, 1, name, None, None))
        data.append((row_id, 2, people[row_id % len(people)], "2", None))
        if rng.random() < 0.3:
            data.append((row_id, 3, f"user{row_id}@example.kr", "1", None))
        if rng.random() < 0.1:
            data.append((row_id, len(mimetypes), f"fb-{row_id}", None, None))
    conn.executemany("INSERT INTO raw_contacts (_id, display_name) VALUES (?, ?)", raw)
    conn.executemany(
        "INSERT INTO data (raw_contact_id, mimetype_id, data1, data2, data3) "
        "VALUES (?, ?, ?, ?, ?)",
        data,
    )
    conn.execute("COMMIT")
    conn.close()
