"""Where the two halves meet: numbers printed on flyers that also sit on a seized phone —
each with its sightings and block request, and every message, call and contact that holds it
(on which phone, as what, written how)."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from blocking import RequestState
from forensics_app.reports import labels
from forensics_app.reports.model import (
    Block,
    Column,
    Facts,
    Kind,
    Paragraph,
    ReportContext,
    Section,
    Table,
)
from forensics_app.reports.sections import register_section
from forensics_app.reports.sections.devices import vocabulary
from forensics_app.services.xref import Occurrence, XrefRow

OCCURRENCES_PER_QUERY = 20_000


@dataclass(frozen=True)
class NumberOnPhones:
    """A flyer number with what the report's period holds of it on the phones."""

    row: XrefRow
    exhibits: tuple[str, ...]
    messages: int
    calls: int
    contacts: int
    first: datetime | None
    last: datetime | None
    occurrences: int  # rows of the occurrence table (an artifact may hold it twice)


def in_period(context: ReportContext, found: list[Occurrence]) -> list[Occurrence]:
    """A number's occurrences in the report's period (contacts whatever their date), by phone
    and time."""
    time_range = context.time_range
    kept = [o for o in found if o.kind == "contact" or time_range.contains(o.at)]
    kept.sort(
        key=lambda o: (
            o.exhibit,
            o.at is None,
            o.at.timestamp() if o.at else 0.0,
            o.kind,
            o.artifact_id,
            o.role,
        )
    )
    return kept


def numbers_on_phones(context: ReportContext) -> list[NumberOnPhones]:
    """The flyer numbers with occurrences in the period, from one query for all of them."""
    if "xref_numbers" in context.shared:
        cached: list[NumberOnPhones] = context.shared["xref_numbers"]
        return cached
    xref = context.workstation.xref
    rows = {row.e164: row for row in xref.cross_reference(context.case.id)}
    # Only what the summary needs is kept: a case's occurrences run to hundreds of thousands.
    summaries: dict[str, NumberOnPhones] = {}
    by_number = itertools.groupby(
        xref.stream_occurrences(list(rows), context.case.id, texts=False),
        key=operator.itemgetter(0),
    )
    for e164, pairs in by_number:
        occurrences = in_period(context, [o for _, o in pairs])
        if occurrences:
            summaries[e164] = _summary(rows[e164], occurrences)
    # In the cross-reference's order (most flyer sightings first).
    found = [summaries[e164] for e164 in rows if e164 in summaries]
    context.shared["xref_numbers"] = found
    return found


def _summary(row: XrefRow, occurrences: list[Occurrence]) -> NumberOnPhones:
    ids = {
        kind: {o.artifact_id for o in occurrences if o.kind == kind}
        for kind in labels.ARTIFACT_KINDS
    }
    times = [o.at for o in occurrences if o.at is not None and o.kind != "contact"]
    return NumberOnPhones(
        row=row,
        exhibits=tuple(sorted({o.exhibit for o in occurrences})),
        messages=len(ids["message"]),
        calls=len(ids["call"]),
        contacts=len(ids["contact"]),
        first=min(times) if times else None,
        last=max(times) if times else None,
        occurrences=len(occurrences),
    )


def occurrences_by_number(
    context: ReportContext, numbers: Sequence[NumberOnPhones]
) -> Iterator[tuple[NumberOnPhones, list[Occurrence]]]:
    """Each number with its occurrences in the period, in the numbers' order: a query per
    group of numbers holding about OCCURRENCES_PER_QUERY of them (known from the planning),
    so the table's memory stays that of one group."""
    group: list[NumberOnPhones] = []
    held = 0
    for index, number in enumerate(numbers):
        group.append(number)
        held += number.occurrences
        if held < OCCURRENCES_PER_QUERY and index < len(numbers) - 1:
            continue
        found = context.workstation.xref.occurrences_of(
            [n.row.e164 for n in group], context.case.id
        )
        for n in group:
            yield n, in_period(context, found.get(n.row.e164, []))
        group, held = [], 0


def _state(context: ReportContext, state: str | None) -> str:
    if not state:
        return ""
    try:
        return context.t(labels.REQUEST_STATES[RequestState(state)])
    except ValueError:
        return state


@register_section
class NumberCrossReferenceSection(Section):
    id = "number_xref"
    title = "Flyer numbers on the seized phones"
    order = 50
    description = (
        "Numbers printed on flyers that also appear in the phones' messages, calls, contacts"
    )

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        numbers = numbers_on_phones(context)
        yield Facts(
            t("Summary"),
            [
                (t("Flyer numbers found on the phones"), len(numbers)),
                (t("Of which with a block request"), sum(1 for n in numbers if n.row.request_id)),
                (t("Messages holding them"), sum(n.messages for n in numbers)),
                (t("Calls with them"), sum(n.calls for n in numbers)),
                (t("Contacts with them"), sum(n.contacts for n in numbers)),
            ],
        )
        if not numbers:
            yield Paragraph(
                t("No number printed on a flyer appears in this case's device data."), "note"
            )
            return
        yield Paragraph(
            t(
                "A flyer number is a number of the block-request registry with at least one "
                "sighting that is not itself a phone's artifact (a flyer photo, an entry by "
                "hand); the sightings are counted over every case. A number counts as on a "
                "phone when it is the sender or recipient, is written in a message, is a "
                "member of a group conversation or is a contact's number."
            ),
            "note",
        )
        yield self._numbers_table(context, numbers)
        yield self._occurrences_table(context, numbers)

    @staticmethod
    def _numbers_table(context: ReportContext, numbers: Sequence[NumberOnPhones]) -> Table:
        t = context.t

        def rows() -> Iterator[Sequence[Any]]:
            for n in numbers:
                r = n.row
                yield (
                    r.national,
                    r.e164,
                    t(labels.NUMBER_TYPES.get(r.number_type, r.number_type)),
                    r.flyer_sightings,
                    r.device_sightings,
                    r.request_id,
                    _state(context, r.request_state),
                    ", ".join(n.exhibits),
                    n.messages,
                    n.calls,
                    n.contacts,
                    n.first,
                    n.last,
                )

        return Table(
            id="xref_numbers",
            title=t("Flyer numbers found on the phones"),
            columns=[
                Column("number", t("Number"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("type", t("Type"), Kind.TEXT, 14),
                Column("flyer_sightings", t("Flyer sightings"), Kind.INTEGER, 10),
                Column("device_sightings", t("Recorded from phones"), Kind.INTEGER, 10),
                Column("request", t("Request"), Kind.INTEGER, 8),
                Column("state", t("Request state"), Kind.TEXT, 12),
                Column("exhibits", t("Phones"), Kind.CODE, 16),
                Column("messages", t("Messages"), Kind.INTEGER, 10),
                Column("calls", t("Calls"), Kind.INTEGER, 8),
                Column("contacts", t("Contacts"), Kind.INTEGER, 8),
                Column("first", t("First on a phone"), Kind.DATETIME, 18),
                Column("last", t("Last on a phone"), Kind.DATETIME, 18),
            ],
            rows=rows,
            count=lambda: len(numbers),
            pdf_rows=100,
        )

    @staticmethod
    def _occurrences_table(context: ReportContext, numbers: Sequence[NumberOnPhones]) -> Table:
        t = context.t

        def rows() -> Iterator[Sequence[Any]]:
            kinds = vocabulary(context, labels.ARTIFACT_KINDS)
            roles = vocabulary(context, labels.OCCURRENCE_ROLES)
            directions = vocabulary(context, labels.DIRECTIONS)
            for n, occurrences in occurrences_by_number(context, numbers):
                for o in occurrences:
                    yield (
                        n.row.national,
                        n.row.e164,
                        o.exhibit,
                        kinds.get(o.kind, o.kind),
                        o.artifact_id,
                        o.at,
                        roles.get(o.role, o.role),
                        directions.get(o.direction, o.direction),
                        o.written,
                        o.summary,
                    )

        return Table(
            id="xref_occurrences",
            title=t("Where each flyer number appears on the phones"),
            columns=[
                Column("number", t("Number"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("exhibit", t("Phone exhibit"), Kind.CODE, 10),
                Column("kind", t("Artifact"), Kind.TEXT, 8),
                Column("id", t("Artifact No."), Kind.INTEGER, 10),
                Column("at", t("Time"), Kind.DATETIME, 18),
                Column("role", t("Appears as"), Kind.TEXT, 14),
                Column("direction", t("Direction"), Kind.TEXT, 8),
                Column("written", t("Number as written"), Kind.CODE, 16),
                Column("summary", t("Text (first 200 characters)"), Kind.TEXT, 40),
            ],
            rows=rows,
            count=lambda: sum(n.occurrences for n in numbers),
            pdf_rows=60,
        )
