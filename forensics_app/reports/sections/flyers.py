"""Flyer OCR results: each number with its sightings, category, places (area names and
coordinates), every read, and the photos with the numbers outlined."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from forensics_app.reports import labels
from forensics_app.reports.model import (
    Block,
    Box,
    Column,
    Facts,
    Gallery,
    Kind,
    Paragraph,
    Picture,
    ReportContext,
    Section,
    Table,
)
from forensics_app.reports.sections import register_section
from forensics_app.services.flyers import NumberHit
from forensics_app.storage.models import ReviewStatus

MAX_COORDINATES_LISTED = 5
_COUNTED = (ReviewStatus.ACCEPTED, ReviewStatus.CORRECTED)


def hit_time(hit: NumberHit) -> datetime:
    """When the flyer was seen: the camera's time, else when the photo was catalogued."""
    return hit.taken_at or hit.hashed_at


def case_hits(context: ReportContext) -> list[NumberHit]:
    """The case's reads (not rejected) inside the report's period, in photo order (fetched
    once per report: the flyer section and the charts both use them)."""
    if "flyer_hits" not in context.shared:
        hits = context.workstation.flyers.hits(case_id=context.case.id)
        context.shared["flyer_hits"] = [h for h in hits if context.time_range.contains(hit_time(h))]
    found: list[NumberHit] = context.shared["flyer_hits"]
    return found


@dataclass
class NumberSummary:
    e164: str
    national: str
    number_type: str
    flyers: set[int] = field(default_factory=set)  # photo groups: one flyer, several photos
    photos: set[int] = field(default_factory=set)
    reads: int = 0
    unreviewed: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    coordinates: dict[tuple[float, float], None] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None


def summarise(hits: Sequence[NumberHit]) -> list[NumberSummary]:
    """One row per number, most sighted first. A sighting is one flyer (photos of the same
    flyer count once), as in the block-request registry; unreviewed reads are shown apart."""
    numbers: dict[str, NumberSummary] = {}
    for hit in hits:
        summary = numbers.get(hit.final_e164)
        if summary is None:
            summary = numbers[hit.final_e164] = NumberSummary(
                hit.final_e164, hit.national, hit.number_type
            )
        summary.reads += 1
        summary.photos.add(hit.file_id)
        if hit.review_status in _COUNTED:
            summary.flyers.add(hit.group_file_id)
        else:
            summary.unreviewed += 1
        summary.categories[hit.category] += 1
        if hit.collected_at:
            summary.places[hit.collected_at] += 1
        if hit.latitude is not None and hit.longitude is not None:
            summary.coordinates[(round(hit.latitude, 5), round(hit.longitude, 5))] = None
        seen = hit_time(hit)
        summary.first = seen if summary.first is None else min(summary.first, seen)
        summary.last = seen if summary.last is None else max(summary.last, seen)
    return sorted(numbers.values(), key=lambda s: (-len(s.flyers), -s.reads, s.e164))


def _coordinates(summary: NumberSummary) -> str:
    listed = [f"{lat:.5f}, {lon:.5f}" for lat, lon in summary.coordinates]
    more = len(listed) - MAX_COORDINATES_LISTED
    return "; ".join(listed[:MAX_COORDINATES_LISTED]) + (f"; … (+{more})" if more > 0 else "")


@register_section
class FlyerSection(Section):
    id = "flyers"
    title = "Flyer numbers"
    order = 40
    description = "Numbers read on flyer photos: sightings, category, places, boxed photos"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        flyers = context.workstation.flyers
        statuses = [
            s for item in flyers.flyer_items(context.case.id) for s in flyers.photo_statuses(item)
        ]
        hits = case_hits(context)
        numbers = summarise(hits)
        state_counts = Counter(s.state for s in statuses)
        yield Facts(
            t("Summary"),
            [
                (t("Flyer photos"), len(statuses)),
                (t("Photos read"), state_counts["done"]),
                (t("Photos that could not be read"), state_counts["failed"]),
                (t("Photos not read yet"), state_counts["pending"]),
                (t("Numbers"), len(numbers)),
                (t("Reads of numbers"), len(hits)),
                (t("Reads not reviewed yet"), sum(n.unreviewed for n in numbers)),
            ],
        )
        if not hits:
            yield Paragraph(t("No numbers were read on flyer photos of this case."), "note")
            return
        yield Paragraph(
            t(
                "Sightings count flyers: several photos of the same flyer count once. Reads "
                "not reviewed yet are listed but not counted as sightings. Places are the "
                "collection places entered with the photos; coordinates come from the photos' "
                "GPS data."
            ),
            "note",
        )
        yield self._numbers_table(context, numbers)
        yield self._reads_table(context, hits)
        yield self._gallery(context, hits)

    @staticmethod
    def _numbers_table(context: ReportContext, numbers: list[NumberSummary]) -> Table:
        t = context.t

        def rows() -> Iterator[Sequence[Any]]:
            for n in numbers:
                category = n.categories.most_common(1)[0][0] if n.categories else ""
                yield (
                    n.national,
                    n.e164,
                    t(labels.NUMBER_TYPES.get(n.number_type, n.number_type)),
                    t(labels.CATEGORIES.get(category, category)),
                    len(n.flyers),
                    len(n.photos),
                    n.unreviewed,
                    n.first,
                    n.last,
                    "; ".join(f"{place} ({count})" for place, count in n.places.most_common()),
                    _coordinates(n),
                )

        return Table(
            id="flyer_numbers",
            title=t("Numbers with sightings"),
            columns=[
                Column("number", t("Number"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("type", t("Type"), Kind.TEXT, 14),
                Column("category", t("Category"), Kind.TEXT, 14),
                Column("sightings", t("Sightings (flyers)"), Kind.INTEGER, 10),
                Column("photos", t("Photos"), Kind.INTEGER, 8),
                Column("unreviewed", t("Reads not reviewed"), Kind.INTEGER, 10),
                Column("first_seen", t("First seen"), Kind.DATETIME, 18),
                Column("last_seen", t("Last seen"), Kind.DATETIME, 18),
                Column("places", t("Places"), Kind.TEXT, 30),
                Column("coordinates", t("Coordinates"), Kind.CODE, 30),
            ],
            rows=rows,
            count=lambda: len(numbers),
            pdf_rows=60,
        )

    @staticmethod
    def _reads_table(context: ReportContext, hits: list[NumberHit]) -> Table:
        t = context.t

        def rows() -> Iterator[Sequence[Any]]:
            for h in hits:
                yield (
                    f"{h.exhibit_number}/{h.photo}",
                    h.national if not h.corrected_e164 else h.final_e164,
                    h.printed,
                    round(h.confidence, 3),
                    t(labels.REVIEW[h.review_status]),
                    t(labels.CATEGORIES.get(h.category, h.category)),
                    h.taken_at,
                    h.collected_at,
                    h.latitude,
                    h.longitude,
                    h.sha256,
                )

        return Table(
            id="flyer_reads",
            title=t("Reads on flyer photos"),
            columns=[
                Column("photo", t("Photo"), Kind.CODE, 30),
                Column("number", t("Number"), Kind.CODE, 16),
                Column("printed", t("Printed as"), Kind.TEXT, 18),
                Column("confidence", t("Confidence"), Kind.DECIMAL, 10),
                Column("review", t("Review"), Kind.TEXT, 10),
                Column("category", t("Category"), Kind.TEXT, 14),
                Column("taken_at", t("Photo taken at"), Kind.DATETIME, 18),
                Column("place", t("Place"), Kind.TEXT, 20),
                Column("latitude", t("Latitude"), Kind.DECIMAL, 10),
                Column("longitude", t("Longitude"), Kind.DECIMAL, 10),
                Column("sha256", t("Photo SHA-256"), Kind.CODE, 66),
            ],
            rows=rows,
            count=lambda: len(hits),
            pdf_rows=40,
        )

    @staticmethod
    def _gallery(context: ReportContext, hits: list[NumberHit]) -> Gallery:
        t = context.t

        def pictures() -> Iterator[Picture]:
            by_photo: dict[int, list[NumberHit]] = {}
            for h in hits:
                by_photo.setdefault(h.file_id, []).append(h)
            for photo_hits in by_photo.values():
                first = photo_hits[0]
                caption = [f"{first.exhibit_number}/{first.photo}"]
                caption += [
                    f"{h.national if not h.corrected_e164 else h.final_e164} "
                    f"({t(labels.REVIEW[h.review_status])})"
                    for h in photo_hits
                ]
                if first.taken_at is not None:
                    caption.append(context.local(first.taken_at).strftime("%Y-%m-%d %H:%M:%S"))
                place = first.collected_at
                if first.latitude is not None and first.longitude is not None:
                    place = f"{place} ({first.latitude:.5f}, {first.longitude:.5f})".strip()
                if place:
                    caption.append(place)
                yield Picture(
                    path=first.source_path,
                    sha256=first.sha256,
                    caption=caption,
                    boxes=[
                        Box(
                            h.quad
                            or (
                                (h.box[0], h.box[1]),
                                (h.box[0] + h.box[2], h.box[1]),
                                (h.box[0] + h.box[2], h.box[1] + h.box[3]),
                                (h.box[0], h.box[1] + h.box[3]),
                            ),
                            h.national,
                        )
                        for h in photo_hits
                    ],
                    anchor=f"photo-{first.file_id}",
                )

        return Gallery(
            id="flyer_photos",
            title=t("Photos with the numbers outlined"),
            pictures=pictures,
            pdf_pictures=24,
        )
