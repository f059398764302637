"""Searching the artifact store on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm): Korean
substrings, numbers however written, filters, order, pages, and the analyst's tags and notes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from forensics_app.errors import UserError
from forensics_app.services import Workstation
from forensics_app.services.artifacts import (
    NO_CONVERSATION,
    ArtifactQuery,
    ArtifactRow,
    has_case,
)
from forensics_app.services.records import Actor
from forensics_app.storage.models import ArtifactConversation, ArtifactMessage, CustodyEntry
from tests.importers import samples
from tests.importers.samples import LONG_NAME, at


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor, tmp_path: Path) -> int:
    case = workstation.cases.create(actor, "Illegal lending", number="2024-0011")
    root = samples.android_extraction(tmp_path / "android")
    workstation.ingest.import_paths(actor, case.id, [root])
    samples.ios_sms(tmp_path / "iphone" / "sms.db")
    samples.ios_addressbook(tmp_path / "iphone" / "AddressBook.sqlitedb")
    workstation.ingest.import_paths(actor, case.id, [tmp_path / "iphone"])
    return case.id


def bodies(workstation: Workstation, query: ArtifactQuery) -> list[str]:
    return [r.text for r in workstation.artifacts.page(query, 0, 100)]


def test_korean_substrings_are_found_inside_words(workstation: Workstation, case_id: int) -> None:
    found = bodies(workstation, ArtifactQuery(case_id, text="대출"))
    assert "무직자대출 당일 승인 010 9876 5432 문의" in found  # inside a word
    assert "대출을 알아보고 있어요" in found  # before a particle
    assert "대출 문의" in found  # the CP949 body, decoded
    assert "광고\n주부 대출 가능" in found  # an MMS: its subject, then its text part
    assert "무직자대출 가능합니다" in found and "대출을 받고 싶어요" in found  # the iPhone
    assert all("대출" in b for b in found)
    assert workstation.artifacts.count(ArtifactQuery(case_id, text="대출")) == len(found) == 6
    assert bodies(workstation, ArtifactQuery(case_id, text="무직자대")) == [
        "무직자대출 당일 승인 010 9876 5432 문의",
        "무직자대출 가능합니다",
    ]
    assert len(bodies(workstation, ArtifactQuery(case_id, text="출"))) == 6
    assert bodies(workstation, ArtifactQuery(case_id, text="없는말")) == []


@pytest.mark.parametrize(
    ("kind", "text", "number"),
    [("message", "대출", ""), ("message", "출", ""), ("message", "", ""), ("call", "", ""),
     ("contact", "철수", ""), ("message", "", "010 1234 5678")],
)  # fmt: skip
def test_a_count_capped_at_a_limit_is_the_exact_count_up_to_it(
    workstation: Workstation, case_id: int, kind: str, text: str, number: str
) -> None:
    query = ArtifactQuery(case_id, kind=kind, text=text, number=number)
    exact = workstation.artifacts.count(query)
    assert exact >= 2
    for limit in (0, 1, exact - 1, exact, exact + 1, 10_000):
        assert workstation.artifacts.count(query, limit=limit) == min(exact, limit)


def test_latin_search_ignores_case_and_like_wildcards_are_literal(
    workstation: Workstation, case_id: int
) -> None:
    assert bodies(workstation, ArtifactQuery(case_id, text="EMAIL SENDER")) == ["email sender"]
    assert bodies(workstation, ArtifactQuery(case_id, text="%")) == []
    assert bodies(workstation, ArtifactQuery(case_id, text="_")) == []


def test_text_without_case_is_matched_as_written_and_latin_case_still_ignored(
    workstation: Workstation, case_id: int
) -> None:
    # PostgreSQL compares such queries with LIKE (no case folding needed), others with ILIKE.
    assert not has_case("대출 010") and has_case("Kim") and has_case("ß")
    contacts = workstation.artifacts.page(ArtifactQuery(case_id, kind="contact", text="철수"))
    assert {r.name for r in contacts} >= {"김철수", LONG_NAME}
    kims = workstation.artifacts.page(ArtifactQuery(case_id, kind="contact", text="kIM yOUNG"))
    assert [r.name for r in kims] == ["Kim Young-hee"]
    calls = workstation.artifacts.page(ArtifactQuery(case_id, kind="call", text="김철수"))
    assert calls and all(r.name == "김철수" for r in calls)
    assert bodies(workstation, ArtifactQuery(case_id, text="주부 대출")) == ["광고\n주부 대출 가능"]


@pytest.mark.parametrize(
    "written", ["010 1234 5678", "+82 10-1234-5678", "01012345678", "010-1234-5678"]
)
def test_a_number_is_found_however_it_was_written(
    workstation: Workstation, case_id: int, written: str
) -> None:
    messages = workstation.artifacts.page(ArtifactQuery(case_id, number=written), 0, 100)
    assert {m.number for m in messages} >= {"010-1234-5678", "01012345678", "+82 10-1234-5678"}
    # The address is the lender, or the lender takes part in the group the message went to.
    assert all(m.e164 == samples.LENDER or samples.LENDER in m.participants for m in messages)
    assert any(m.e164 != samples.LENDER for m in messages)
    calls = workstation.artifacts.page(ArtifactQuery(case_id, "call", number=written), 0, 100)
    assert sorted(c.number for c in calls) == ["+82 10-1234-5678", "010-1234-5678"]
    contacts = workstation.artifacts.page(ArtifactQuery(case_id, "contact", number=written), 0, 100)
    # The same person on the Android and the iPhone, named as both phones show him.
    assert sorted(c.name for c in contacts) == ["김철수", "김철수"]


def test_a_number_written_in_message_text_is_found(workstation: Workstation, case_id: int) -> None:
    found = bodies(workstation, ArtifactQuery(case_id, number="010-9876-5432"))
    assert found == [
        "무직자대출 당일 승인 010 9876 5432 문의",
        "연락처 010-9876-5432 으로 문의",  # recovered from attributedBody
    ]
    contacts = workstation.artifacts.page(
        ArtifactQuery(case_id, "contact", number="01098765432"), 0, 10
    )
    assert [c.name for c in contacts] == ["김철수"]


def test_addresses_that_are_not_numbers_are_found_as_written(
    workstation: Workstation, case_id: int
) -> None:
    assert bodies(workstation, ArtifactQuery(case_id, number="spam@example.com")) == [
        "email sender"
    ]
    assert bodies(workstation, ArtifactQuery(case_id, number="#1004")) == ["수신거부 안내"]


def test_filters_order_and_pages(workstation: Workstation, case_id: int) -> None:
    item = workstation.artifacts.phones(case_id)[0]
    assert (item.exhibit, item.messages, item.calls, item.contacts) == (
        "EX-0001",
        samples.ANDROID_SMS_COUNT,
        7,
        4,
    )
    base = ArtifactQuery(case_id, item_id=item.item_id)
    window = ArtifactQuery(case_id, item_id=item.item_id, start=at(5), end=at(30))
    assert [r.time for r in workstation.artifacts.page(window)] == [at(5), at(10), at(20)]
    incoming = ArtifactQuery(case_id, item_id=item.item_id, direction="incoming", type="mms")
    assert bodies(workstation, incoming) == ["광고\n주부 대출 가능"]
    newest = workstation.artifacts.page(
        ArtifactQuery(case_id, item_id=item.item_id, start=at(0), descending=True), 0, 2
    )
    assert [r.time for r in newest] == [at(90), at(75)]
    total = workstation.artifacts.count(base)
    pages = [workstation.artifacts.page(base, offset, 5) for offset in range(0, total, 5)]
    assert sum(len(p) for p in pages) == total == samples.ANDROID_SMS_COUNT
    assert len({r.id for p in pages for r in p}) == total
    missed = workstation.artifacts.page(ArtifactQuery(case_id, "call", type="missed"))
    assert [c.note for c in missed] == ["caller id withheld"]
    with pytest.raises(UserError):
        workstation.artifacts.page(ArtifactQuery(case_id, sort="nonsense"))
    with pytest.raises(UserError):
        workstation.artifacts.count(ArtifactQuery(case_id, kind="photo"))


def test_rows_carry_their_provenance(workstation: Workstation, case_id: int) -> None:
    (row,) = workstation.artifacts.page(ArtifactQuery(case_id, text="무직자대출 당일"))
    assert row.provenance.parser == "android_mmssms"
    assert (row.provenance.table, row.provenance.row) == ("sms", "1")
    assert row.provenance.path.endswith("mmssms.db") and len(row.provenance.sha256) == 64
    assert row.time_raw == str(samples.unix_ms(at(0)))
    (mms,) = workstation.artifacts.page(ArtifactQuery(case_id, text="주부 대출"))
    assert mms.attachment_count == 1
    (attachment,) = workstation.artifacts.attachments(mms.id)
    assert attachment.name == "flyer.jpg"


def per_conversation(messages: list[ArtifactRow]) -> dict[tuple[int, int], list[Any]]:
    """(conversation id, phone) → [message count, latest time], counted from the messages
    listed; a phone's messages outside any conversation under NO_CONVERSATION."""
    expected: dict[tuple[int, int], list[Any]] = {}
    for message in messages:
        key = (message.conversation_id or NO_CONVERSATION, message.item_id)
        stats = expected.setdefault(key, [0, None])
        stats[0] += 1
        if message.time is not None and (stats[1] is None or message.time > stats[1]):
            stats[1] = message.time
    return expected


def test_conversations(workstation: Workstation, case_id: int) -> None:
    conversations = workstation.artifacts.conversations(case_id)
    group = next(c for c in conversations if c.title == "대출팀")
    assert group.is_group and group.messages == 2
    listed = workstation.artifacts.page(ArtifactQuery(case_id, conversation_id=group.id))
    assert [m.text for m in listed] == ["단체방 공지", "알겠습니다"]
    titles = workstation.artifacts.conversation_titles(case_id)
    assert titles == {c.id: c.title or c.participants for c in conversations}
    assert titles[group.id] == "대출팀"
    # Each listed with its messages' count and latest time, the most recent first; only
    # conversations holding messages are listed.
    expected = per_conversation(workstation.artifacts.page(ArtifactQuery(case_id), 0, 10_000))
    assert {(c.id, c.item_id): [c.messages, c.last_time] for c in conversations} == expected
    assert len(expected) >= 3
    times = [c.last_time for c in conversations if c.last_time is not None]
    assert times == sorted(times, reverse=True)
    phone = conversations[0].item_id
    assert workstation.artifacts.conversations(case_id, phone) == [
        c for c in conversations if c.item_id == phone
    ]
    with workstation.db.write() as session:  # a thread the phone lists without messages
        listed_source = session.get(ArtifactConversation, group.id)
        assert listed_source is not None
        session.add(
            ArtifactConversation(
                case_id=case_id, item_id=group.item_id, source_id=listed_source.source_id,
                source_key="empty", service="sms", title="빈 대화", participants="",
                is_group=False,
            )
        )  # fmt: skip
    assert workstation.artifacts.conversations(case_id) == conversations


def test_messages_outside_any_conversation_are_listed_per_phone(
    workstation: Workstation, case_id: int
) -> None:
    """A message no conversation holds (no thread id; an iOS message missing from
    chat_message_join) is still in the conversation view: under its phone's "outside any
    conversation" entry, after the conversations, and opening it lists exactly those."""
    (loner,) = workstation.artifacts.page(ArtifactQuery(case_id, text="무직자대출 당일"))
    assert not any(c.id == NO_CONVERSATION for c in workstation.artifacts.conversations(case_id))
    with workstation.db.write() as session:
        message = session.get(ArtifactMessage, loner.id)
        assert message is not None
        message.conversation_id = None
    conversations = workstation.artifacts.conversations(case_id)
    outside = conversations[-1]
    assert (outside.id, outside.item_id, outside.messages) == (NO_CONVERSATION, loner.item_id, 1)
    assert outside.exhibit == loner.exhibit and outside.last_time == loner.time
    assert [c.id for c in conversations].count(NO_CONVERSATION) == 1
    opened = workstation.artifacts.page(
        ArtifactQuery(case_id, item_id=loner.item_id, conversation_id=NO_CONVERSATION)
    )
    assert [m.id for m in opened] == [loner.id]
    # the search narrows it like any conversation
    found = workstation.artifacts.conversations(case_id, within=ArtifactQuery(case_id, text="당일"))
    assert [(c.id, c.messages) for c in found if c.id == NO_CONVERSATION] == [(NO_CONVERSATION, 1)]
    missing = ArtifactQuery(case_id, text="단체방 공지")
    assert all(
        c.id != NO_CONVERSATION
        for c in workstation.artifacts.conversations(case_id, within=missing)
    )


def test_a_search_narrows_the_conversations(workstation: Workstation, case_id: int) -> None:
    """The conversation list follows the search: only conversations holding a match, each
    with the count and latest time of its matches (the same as listing the matches)."""
    everything = workstation.artifacts.conversations(case_id)
    for within in (
        ArtifactQuery(case_id, text="대출"),
        ArtifactQuery(case_id, direction="outgoing"),
        ArtifactQuery(case_id, text="no such words anywhere"),
    ):
        matches = workstation.artifacts.page(within, 0, 10_000)
        expected = per_conversation(matches)
        found = workstation.artifacts.conversations(case_id, within=within)
        assert {(c.id, c.item_id): [c.messages, c.last_time] for c in found} == expected
        assert {c.id for c in found} <= {c.id for c in everything}
        by_id = {c.id: c for c in everything}
        assert all(c.title == by_id[c.id].title for c in found)
    assert workstation.artifacts.conversations(case_id, within=ArtifactQuery(case_id, text="대출"))
    # a query that filters nothing lists every conversation with its full counts
    assert workstation.artifacts.conversations(case_id, within=ArtifactQuery(case_id)) == everything


def test_tags_and_notes_are_audited(workstation: Workstation, actor: Actor, case_id: int) -> None:
    (row,) = workstation.artifacts.page(ArtifactQuery(case_id, text="무직자대출 당일"))
    artifacts = workstation.artifacts
    assert artifacts.add_tag(actor, "message", row.id, "  대출  광고 ")
    assert not artifacts.add_tag(actor, "message", row.id, "대출 광고")  # already there
    note_id = artifacts.add_note(actor, "message", row.id, "전단지 번호와 같음")
    assert note_id > 0
    tagged = artifacts.page(ArtifactQuery(case_id, tag="대출 광고"))
    assert [r.id for r in tagged] == [row.id]
    found = artifacts.annotations("message", [row.id])[row.id]
    assert [(a.tag, a.note) for a in found] == [("대출 광고", ""), ("", "전단지 번호와 같음")]
    assert artifacts.tags_in_case(case_id) == ["대출 광고"]
    assert artifacts.remove_tag(actor, "message", row.id, "대출 광고")
    with workstation.db.read() as session:
        audited = session.scalars(
            select(CustodyEntry.details).where(CustodyEntry.action == "analyse")
        ).all()
    assert [
        json.loads(d).get("tag") or json.loads(d).get("removed_tag") or "note" for d in audited
    ] == [
        "대출 광고",
        "note",
        "대출 광고",
    ]
    with pytest.raises(UserError):
        artifacts.add_tag(actor, "message", row.id, "   ")
    with pytest.raises(UserError):
        artifacts.add_note(actor, "call", 99999, "no such call")
