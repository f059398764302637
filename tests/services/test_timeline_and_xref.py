"""The case timeline over messages, calls and flyer sightings, and the cross-reference of
flyer numbers with the seized phones, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

import blocking
from blocking.enums import AdCategory, SourceKind
from blocking.records import SightingInput
from forensics_app.errors import UserError
from forensics_app.services import Workstation
from forensics_app.services.records import Actor, blocking_actor
from forensics_app.storage.models import CustodyEntry
from tests.importers import samples
from tests.importers.samples import at

CASE = "2024-0011"
FLYER_ONLY = "+821077778888"  # on flyers, on no phone


def flyer(number: str, minutes: int, photo: str) -> SightingInput:
    return SightingInput(
        number=number,
        seen_at=at(minutes),
        category=AdCategory.LENDING,
        source_kind=SourceKind.FLYER_PHOTO,
        case_number=CASE,
        photo_name=photo,
        photo_sha256=hashlib.sha256(photo.encode()).hexdigest(),
        place="서울 중구",
    )


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor, tmp_path: Path) -> int:
    case = workstation.cases.create(actor, "Illegal lending", number=CASE)
    workstation.ingest.import_paths(actor, case.id, [samples.android_extraction(tmp_path / "a")])
    workstation.blocking.registry.record_sightings(
        blocking_actor(actor),
        [
            flyer("010-1234-5678", 15, "a.jpg"),
            flyer("010-1234-5678", 16, "b.jpg"),
            flyer("010 9876 5432", 17, "c.jpg"),
            flyer(FLYER_ONLY, 18, "d.jpg"),
        ],
    )
    return case.id


def test_timeline_merges_messages_calls_and_sightings_in_time_order(
    workstation: Workstation, case_id: int
) -> None:
    timeline = workstation.timeline
    first = timeline.entries(case_id, end=at(21))
    assert [(e.kind, e.at) for e in first] == [
        ("message", at(0)), ("message", at(5)), ("message", at(10)), ("sighting", at(15)),
        ("sighting", at(16)), ("sighting", at(17)), ("sighting", at(18)), ("message", at(20)),
    ]  # fmt: skip
    assert first[0].exhibit == "EX-0001" and first[0].e164 == samples.LENDER
    assert first[3].e164 == samples.LENDER and first[3].summary == "서울 중구"
    everything = timeline.count(case_id)
    # Messages and calls with a time, the four flyer sightings.
    assert everything == (samples.ANDROID_SMS_COUNT - 2) + 7 + 4
    pages = [timeline.entries(case_id, offset=o, limit=4) for o in range(0, everything, 4)]
    flat = [e for page in pages for e in page]
    assert len(flat) == everything
    assert flat == sorted(flat, key=lambda e: (e.at, e.kind, e.id))
    assert [e.kind for e in timeline.entries(case_id, kinds=["call"])] == ["call"] * 7
    with pytest.raises(UserError):
        timeline.entries(case_id, kinds=["photo"])


def test_deep_pages_come_from_one_union_in_the_same_order(
    workstation: Workstation, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forensics_app.services import timeline as timeline_module

    merged = workstation.timeline.entries(case_id, limit=100)
    monkeypatch.setattr(timeline_module, "MERGE_LIMIT", 0)
    assert workstation.timeline.entries(case_id, limit=100) == merged


def test_histogram_buckets_in_the_workstation_zone(workstation: Workstation, case_id: int) -> None:
    day = workstation.timeline.histogram(case_id, unit="day")
    # Everything happened on 2024-03-01 between 10:00 and 12:40 in Seoul.
    assert len(day.buckets) == 1
    (bucket,) = day.buckets
    assert bucket.start.isoformat() == "2024-03-01T00:00:00+09:00"
    assert bucket.counts == {"message": samples.ANDROID_SMS_COUNT - 2, "call": 7, "sighting": 4}
    hours = workstation.timeline.histogram(case_id, start=at(0), end=at(60), unit="hour")
    assert [b.start.hour for b in hours.buckets] == [10]
    assert hours.buckets[0].counts == {"message": 7, "sighting": 4}
    assert workstation.timeline.histogram(case_id).unit == "hour"  # a short span: hours
    # A range that starts and ends inside an hour is counted exactly at its edges.
    partial = workstation.timeline.histogram(case_id, start=at(3), end=at(17), unit="hour")
    assert [b.counts for b in partial.buckets] == [{"message": 2, "sighting": 2}]
    assert workstation.timeline.count(case_id, at(3), at(17)) == 4
    spanning = workstation.timeline.histogram(case_id, start=at(50), end=at(130), unit="hour")
    total = sum(b.total for b in spanning.buckets)
    assert total == workstation.timeline.count(case_id, at(50), at(130))
    assert workstation.timeline.histogram(case_id, start=at(9999)).buckets == []


def test_cross_reference_lists_flyer_numbers_found_on_the_phones(
    workstation: Workstation, case_id: int
) -> None:
    rows = {r.e164: r for r in workstation.xref.cross_reference(case_id)}
    assert set(rows) == {samples.LENDER, samples.IN_BODY}  # FLYER_ONLY is on no phone
    lender = rows[samples.LENDER]
    assert (lender.flyer_sightings, lender.device_sightings) == (2, 0)
    assert lender.exhibits == ("EX-0001",)
    # sms 1, 2, 3, 6, 7, 8, 9, 11 are with the lender; calls 1 and 6; contact 김철수.
    assert (lender.messages, lender.calls, lender.contacts) == (8, 2, 1)
    assert lender.national == "010-1234-5678" and lender.request_state is None
    in_body = rows[samples.IN_BODY]
    assert (in_body.messages, in_body.calls, in_body.contacts) == (1, 0, 0)


def test_many_numbers_occurrences_in_one_query_are_each_numbers_own(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # The same phone data in a second case: each case's occurrences are its own.
    other = workstation.cases.create(actor, "Same phone again", number="2024-0012")
    workstation.ingest.import_paths(actor, other.id, [samples.android_extraction(tmp_path / "b")])
    numbers = [samples.LENDER, samples.IN_BODY, FLYER_ONLY, ""]
    together = workstation.xref.occurrences_of(numbers, case_id)
    assert set(together) == {samples.LENDER, samples.IN_BODY}  # numbers with none left out
    for number, found in together.items():
        assert found == workstation.xref.occurrences(number, case_id)
        assert {o.case_id for o in found} == {case_id}
    # sms 1, 2, 3, 6, 7, 8, 9, 11 (one of them holds it twice), calls 1 and 6, a contact.
    lender = together[samples.LENDER]
    assert {(o.kind, o.artifact_id) for o in lender} >= {("call", 1), ("call", 6)}
    assert len({o.artifact_id for o in lender if o.kind == "message"}) == 8
    every_case = workstation.xref.occurrences_of(numbers)
    assert len(every_case[samples.LENDER]) == 2 * len(lender)
    assert {o.case_id for o in every_case[samples.IN_BODY]} == {case_id, other.id}
    # The cross-reference counts the case's artifacts only, not the other case's.
    (row,) = [r for r in workstation.xref.cross_reference(other.id) if r.e164 == samples.LENDER]
    assert (row.messages, row.calls, row.contacts) == (8, 2, 1)


def test_phone_counts_and_timeline_counts_match_the_artifacts(
    workstation: Workstation, case_id: int
) -> None:
    from forensics_app.services.artifacts import ArtifactQuery

    def counted(case: int, item: int | None) -> tuple[int, int, int]:
        return tuple(  # type: ignore[return-value]
            workstation.artifacts.count(ArtifactQuery(case, kind=kind, item_id=item))
            for kind in ("message", "call", "contact")
        )

    (phone,) = workstation.artifacts.phones(case_id)
    assert (phone.messages, phone.calls, phone.contacts) == counted(case_id, phone.item_id)
    assert phone.messages == samples.ANDROID_SMS_COUNT
    # (Two phones, counted per phone: tests/reports/test_devices.py's phone table.)
    # Messages without a time are not events.
    assert workstation.timeline.count(case_id, kinds=["message"]) == samples.ANDROID_SMS_COUNT - 2
    assert workstation.timeline.count(case_id, at(0), at(11), ["message"]) == 3


def test_an_occurrence_becomes_a_sighting_and_evidence_for_a_block_request(
    workstation: Workstation, actor: Actor, case_id: int
) -> None:
    occurrences = workstation.xref.occurrences(samples.IN_BODY)
    (occurrence,) = occurrences
    assert (occurrence.kind, occurrence.role, occurrence.written) == (
        "message",
        "body",
        "010 9876 5432",
    )
    sighting = workstation.xref.add_sighting(
        actor, "message", occurrence.artifact_id, samples.IN_BODY, AdCategory.LENDING
    )
    assert sighting.source_kind == SourceKind.DEVICE_ARTIFACT
    assert sighting.seen_at == at(0) and sighting.case_number == CASE
    again = workstation.xref.add_sighting(
        actor, "message", occurrence.artifact_id, samples.IN_BODY, AdCategory.LENDING
    )
    assert again.id == sighting.id  # the same artifact and number: one sighting
    (row,) = [r for r in workstation.xref.cross_reference(case_id) if r.e164 == samples.IN_BODY]
    assert (row.flyer_sightings, row.device_sightings) == (1, 1)
    request = workstation.blocking.requests.draft(
        blocking_actor(actor),
        samples.IN_BODY,
        category=AdCategory.LENDING,
        sighting_ids=[sighting.id],
    )
    (evidence,) = workstation.blocking.requests.evidence(request.id)
    assert evidence.source_kind == SourceKind.DEVICE_ARTIFACT
    assert evidence.photo_name == f"EX-0001 message #{occurrence.artifact_id}"
    marks = workstation.xref.marks([samples.IN_BODY, "+820000000000"])
    assert list(marks) == [samples.IN_BODY]
    assert marks[samples.IN_BODY].request_state == blocking.RequestState.DRAFT.value
    with workstation.db.read() as session:
        details = [
            json.loads(d)
            for d in session.scalars(
                select(CustodyEntry.details).where(CustodyEntry.action == "analyse")
            )
        ]
    assert [d["sighting_id"] for d in details] == [sighting.id, sighting.id]
    assert details[0]["source_sha256"] and details[0]["written"] == "010 9876 5432"


def test_a_number_the_artifact_does_not_hold_is_refused(
    workstation: Workstation, actor: Actor, case_id: int
) -> None:
    (occurrence,) = workstation.xref.occurrences(samples.IN_BODY)
    with pytest.raises(UserError, match="does not hold"):
        workstation.xref.add_sighting(actor, "message", occurrence.artifact_id, FLYER_ONLY)
    assert workstation.timeline.histogram(case_id, end=at(0) - timedelta(days=1)).buckets == []
