"""A big report.xml's decoded data split over two parsing processes (forced here on small
reports, in chunks of a few models): the stored rows, their order, the skip notes and the
errors are exactly the single reader thread's, whatever the report holds: comments and
processing instructions, text that looks like markup inside CDATA (a chunk cut there does
not parse: the single path takes over), a tagged file among the models."""

from __future__ import annotations

import logging
import multiprocessing
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from forensics_app.importers.containers import ufdr_split
from forensics_app.services import Workstation
from forensics_app.services.ingest import NothingRecognisedError
from forensics_app.services.records import Actor
from forensics_app.storage.models import (
    ArtifactAttachment,
    ArtifactCall,
    ArtifactContact,
    ArtifactContactPoint,
    ArtifactConversation,
    ArtifactMessage,
)
from tests.importers.containers import ufdrs as U  # noqa: N812
from tests.importers.containers.conftest import table_counts

PHOTO = U.Tagged("files/Image/a.jpg", b"\xff\xd8 jpeg bytes", ident="file-1")


def many_models(markup_in_text: bool = False) -> dict[str, list[str]]:
    """A few hundred models of every kind, each kind in its own modelType, with times
    without offsets (skip notes) and an attachment found through its tagged file."""
    body = '급전 대출 </model></modelType><model type="SMS" ' if markup_in_text else "급전"
    texts = [
        U.sms(f"sms-{n}", "2024-03-01T09:15:00+09:00", f"{body} {n}", f"010-1234-{n:04d}")
        for n in range(120)
    ]
    texts.append(U.sms("sms-naive", "2024-03-01T09:15:00", "no offset", "010-5555-0000"))
    calls = [
        U.call(f"call-{n}", "2024-03-02T11:00:00-05:00", "Incoming", f"010-9{n:03d}", "00:01:05")
        for n in range(60)
    ]
    chats = [
        U.chat(
            f"chat-{n}",
            "대출방",
            [("owner", True), ("010-7777-6666", False), ("010-1111-2222", False)],
            [
                U.instant_message(
                    f"im-{n}-{m}",
                    "2024-03-03T10:00:00+09:00",
                    f"message {m}",
                    "owner" if m % 2 else "010-7777-6666",
                    owner=bool(m % 2),
                    attachment_target="file-1" if m == 0 else None,
                )
                for m in range(4)
            ],
        )
        for n in range(20)
    ]
    contacts = [
        U.contact_model(f"c-{n}", f"사람 {n}", [(f"010-2222-{n:04d}", "Mobile")]) for n in range(40)
    ]
    others = [U.model("Location", f"loc-{n}", U.value("Name", "somewhere")) for n in range(10)]
    return {"SMS": texts, "Call": calls, "Chat": chats, "Contact": contacts, "Location": others}


def rows(workstation: Workstation, case_id: int) -> dict[str, Any]:
    """The case's artifacts without their ids (they differ between two cases), in the order
    they were written (by id)."""
    found: dict[str, Any] = {}
    with workstation.db.read() as session:
        for table in (
            ArtifactAttachment,
            ArtifactMessage,
            ArtifactCall,
            ArtifactContact,
            ArtifactContactPoint,
            ArtifactConversation,
        ):
            columns = [
                c.name
                for c in table.__table__.columns
                if c.name != "id" and not c.name.endswith("_id")
            ]
            query = select(table).order_by(table.id)
            if table is ArtifactAttachment:
                query = query.join(
                    ArtifactMessage, ArtifactAttachment.message_id == ArtifactMessage.id
                ).where(ArtifactMessage.case_id == case_id)
            elif table is ArtifactContactPoint:
                query = query.join(
                    ArtifactContact, ArtifactContactPoint.contact_id == ArtifactContact.id
                ).where(ArtifactContact.case_id == case_id)
            else:
                query = query.where(table.case_id == case_id)  # type: ignore[union-attr]
            found[table.__name__] = [
                tuple(getattr(row, c) for c in columns) for row in session.scalars(query)
            ]
    return found


def force_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ufdr_split, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(ufdr_split, "CHUNK_BYTES", 2000)


@pytest.mark.parametrize(
    ("variant", "split_whole"),
    [
        ("plain", True),
        ("a comment and a processing instruction", True),
        ("markup inside CDATA", False),
        ("a tagged file inside the decoded data", False),
    ],
)
def test_the_split_stores_exactly_what_one_reader_stores(
    workstation: Workstation,
    actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    variant: str,
    split_whole: bool,
) -> None:
    report = U.report_xml(many_models(variant == "markup inside CDATA"), [PHOTO])
    if variant.startswith("a comment"):
        report = report.replace(
            '<modelType type="Chat">', '<!-- reviewed --><?note x?><modelType type="Chat">'
        )
    elif variant.startswith("a tagged file"):
        inside = U.Tagged("files/Image/c.jpg", b"\xff\xd8 c", ident="file-3").xml()
        report = report.replace('<modelType type="Chat">', inside + '<modelType type="Chat">')
    built = U.build_ufdr(tmp_path / "phone.ufdr", report, [PHOTO])
    one_case = workstation.cases.create(actor, "one reader", number="A-1").id
    split_case = workstation.cases.create(actor, "split", number="A-2").id

    monkeypatch.setattr(ufdr_split, "WORKERS", 1)
    one = workstation.ingest.import_paths(actor, one_case, [built])
    monkeypatch.setattr(ufdr_split, "WORKERS", 2)
    force_split(monkeypatch)
    with caplog.at_level(logging.DEBUG, logger=ufdr_split.__name__):
        split = workstation.ingest.import_paths(actor, split_case, [built])

    assert one.counts == split.counts and one.counts["message"] == 121 + 80
    ((one_source,), (split_source,)) = (one.sources, split.sources)
    assert [str(s) for s in split_source.skipped] == [str(s) for s in one_source.skipped]
    assert "times without a UTC offset (read as UTC): 1" in [str(s) for s in one_source.skipped]
    assert [str(w) for w in split.warnings] == [str(w) for w in one.warnings]
    stored = rows(workstation, one_case)
    assert len(stored["ArtifactAttachment"]) == 20  # found through the tagged file
    assert rows(workstation, split_case) == stored
    # The plain report is split to its end; the others are taken over by the single path
    # (a chunk that does not parse, one that is not safe to cut) with the same result.
    assert any("split over 2 processes" in r.message for r in caplog.records) == split_whole
    assert any("the split stops" in r.message for r in caplog.records) != split_whole
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("ufdr-parse")]


def test_xml_broken_in_a_chunk_gives_the_single_readers_error_and_stores_nothing(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = U.report_xml(many_models(), [PHOTO])
    at = report.index('id="call-30"')
    broken = report[:at] + report[at:].replace("</field>", "</feld>", 1)
    built = U.build_ufdr(tmp_path / "broken.ufdr", broken, [PHOTO])
    before = table_counts(workstation)

    monkeypatch.setattr(ufdr_split, "WORKERS", 1)
    with pytest.raises(NothingRecognisedError, match="not well-formed") as one:
        workstation.ingest.import_paths(actor, case_id, [built])
    monkeypatch.setattr(ufdr_split, "WORKERS", 2)
    force_split(monkeypatch)
    with pytest.raises(NothingRecognisedError, match="not well-formed") as split:
        workstation.ingest.import_paths(actor, case_id, [built])

    assert str(split.value) == str(one.value)  # the same line and column
    # Where the parser gave up (its own English words go to the log, not to the reader).
    assert re.search(r"line 2, column \d+\)", str(split.value)), str(split.value)
    assert table_counts(workstation) == before
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("ufdr-parse")]
