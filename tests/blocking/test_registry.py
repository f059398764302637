"""The number registry: one record per number, every sighting, derived figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from blocking import (
    Actor,
    AdCategory,
    Blocking,
    InvalidNumberError,
    NotFoundError,
    NumberFilter,
    NumberType,
    RequestFilter,
    SightingInput,
    SourceKind,
)
from tests.blocking.conftest import START, make_photo, sighting


def test_sightings_of_one_number_in_many_printed_forms(
    blk: Blocking, examiner: Actor, tmp_path: Path
) -> None:
    photos = [make_photo(tmp_path, f"flyer{i}.jpg") for i in range(3)]
    days = [START - timedelta(days=d) for d in (10, 2, 5)]
    result = blk.registry.record_sightings(
        examiner,
        [
            sighting("010-1234-5678", seen_at=days[0], photo=photos[0], place="수원시"),
            sighting("O1O.l234.5678", seen_at=days[1], photo=photos[1], place="성남시"),
            sighting("공일공 일이삼사 오육칠팔", seen_at=days[2], photo=photos[2], place="수원시"),
        ],
    )
    assert (result.added, result.duplicates, result.numbers_created) == (3, 0, 1)
    assert result.refused == []

    number = blk.registry.get("+82 10 1234 5678")
    assert number.e164 == "+821012345678"
    assert number.national == "010-1234-5678"
    assert number.number_type is NumberType.MOBILE
    assert number.sightings_count == 3
    assert number.first_seen == days[0]
    assert number.last_seen == days[1]

    detail = blk.registry.detail(number.id)
    assert [(a.place, a.sightings) for a in detail.areas] == [("수원시", 2), ("성남시", 1)]
    assert detail.categories == {AdCategory.LENDING: 3}
    assert detail.request_ids == []

    listed = blk.registry.sightings("010-1234-5678")
    assert [s.seen_at for s in listed] == sorted(days, reverse=True)
    assert {s.printed_as for s in listed} == {
        "010-1234-5678",
        "O1O.l234.5678",
        "공일공 일이삼사 오육칠팔",
    }
    assert listed[0].photo_sha256 == photos[1].sha256
    assert listed[0].case_number == "2025-GG-001"
    assert listed[0].recorded_by == examiner.id


def test_the_same_photo_or_artifact_twice_is_one_sighting(
    blk: Blocking, examiner: Actor, tmp_path: Path
) -> None:
    photo = make_photo(tmp_path, "flyer.jpg")
    first = blk.registry.record_sightings(examiner, [sighting("010-1111-2222", photo=photo)])
    again = blk.registry.record_sightings(
        examiner,
        [
            sighting("01011112222", photo=photo),  # re-imported OCR batch
            sighting("010-1111-2222", source_kind=SourceKind.DEVICE_ARTIFACT, source_id="sms:9"),
            sighting("010-1111-2222", source_kind=SourceKind.DEVICE_ARTIFACT, source_id="sms:9"),
            sighting("010-1111-2222"),  # manual entries are never merged
            sighting("010-1111-2222"),
        ],
    )
    assert (first.added, again.added, again.duplicates, again.numbers_created) == (1, 3, 2, 0)
    assert blk.registry.get("010-1111-2222").sightings_count == 4


def test_bad_items_are_refused_one_by_one_and_the_rest_recorded(
    blk: Blocking, examiner: Actor, tmp_path: Path
) -> None:
    photo = make_photo(tmp_path, "a.jpg")
    items = [
        sighting("070-123-4567"),
        sighting("+1 650 253 0000"),
        sighting("0505-1234-5678", photo=photo),
        SightingInput("010-2222-3333", datetime(2025, 1, 1), AdCategory.LENDING),  # naive
        SightingInput(
            "010-2222-3333", START, AdCategory.LENDING, SourceKind.FLYER_PHOTO
        ),  # photo without hash
        SightingInput("010-2222-3333", START, AdCategory.LENDING, photo_sha256="abc"),
        SightingInput("010-2222-3333", START, AdCategory.LENDING, latitude=91.0),
    ]
    result = blk.registry.record_sightings(examiner, items)
    assert result.added == 1
    assert [(r.position, r.reason) for r in result.refused] == [
        (0, "not_valid"),
        (1, "foreign"),
        (3, "naive_time"),
        (4, "no_photo_hash"),
        (5, "bad_sha256"),
        (6, "bad_position"),
    ]
    assert "070 VoIP" in result.refused[0].message
    assert blk.registry.count() == 1
    assert blk.registry.find("010-2222-3333") is None


def test_single_sighting_raises_on_bad_input(blk: Blocking, examiner: Actor) -> None:
    with pytest.raises(InvalidNumberError, match="not a valid Korean"):
        blk.registry.record_sighting(examiner, sighting("070-123-4567"))
    record = blk.registry.record_sighting(examiner, sighting("1588-1234", place="안양시"))
    assert record.e164 == "+8215881234"
    assert record.place == "안양시"


def test_search_and_count(blk: Blocking, examiner: Actor) -> None:
    blk.registry.record_sightings(
        examiner,
        [
            sighting("010-1234-5678", seen_at=START - timedelta(days=1)),
            sighting("010-1234-5678", seen_at=START - timedelta(days=2)),
            sighting("0505-1234-5678", seen_at=START - timedelta(days=30)),
            sighting("02-123-4567", seen_at=START - timedelta(days=3)),
        ],
    )
    assert [n.national for n in blk.registry.search()] == [
        "010-1234-5678",
        "02-123-4567",
        "0505-1234-5678",
    ]
    assert blk.registry.count(NumberFilter(number_contains="010-1234")) == 1
    assert blk.registry.count(NumberFilter(number_types=frozenset({NumberType.PERSONAL}))) == 1
    assert blk.registry.count(NumberFilter(min_sightings=2)) == 1
    assert blk.registry.count(NumberFilter(seen_since=START - timedelta(days=5))) == 2
    page = blk.registry.search(NumberFilter(limit=1, offset=1))
    assert [n.national for n in page] == ["02-123-4567"]
    with pytest.raises(NotFoundError, match="not in the number registry"):
        blk.registry.get("010-9999-9999")


def test_times_come_back_in_utc(blk: Blocking, examiner: Actor) -> None:
    seen = datetime(2025, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Seoul"))
    blk.registry.record_sightings(examiner, [sighting("010-5555-6666", seen_at=seen)])
    number = blk.registry.get("010-5555-6666")
    assert number.last_seen == seen
    assert number.last_seen is not None and number.last_seen.tzinfo is not None
    assert number.last_seen.utcoffset() == UTC.utcoffset(None)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("010-4660-6951", ["010-4660-6951"]),
        ("０１０-４６６０-６９５１", ["010-4660-6951"]),  # full-width: found nothing
        ("４６６０", ["010-4660-6951"]),
        ("0082 10 4660 6951", ["010-4660-6951"]),
        ("+82 10-4660-6951", ["010-4660-6951"]),
        ("공일공-사육육공-육구오일", ["010-4660-6951"]),
        ("O1O-466O-6951", ["010-4660-6951"]),
        ("1588", ["1588-1234"]),
        ("공일공", []),  # no digit at all: found every number
        ("x", []),
        ("", ["010-4660-6951", "1588-1234"]),  # no search
    ],
)
def test_a_number_search_reads_digits_as_printed(
    blk: Blocking, examiner: Actor, typed: str, found: list[str]
) -> None:
    blk.registry.record_sightings(examiner, [sighting("010-4660-6951"), sighting("1588-1234")])
    blk.requests.queue_blockable(examiner)
    numbers = blk.registry.search(NumberFilter(number_contains=typed))
    assert sorted(n.national for n in numbers) == found
    requests = blk.requests.search(RequestFilter(number_contains=typed))
    assert sorted(r.national for r in requests) == found
