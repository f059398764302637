"""The case timeline: every event of the case that has a time, in one table in time order —
messages and calls from the seized phones, flyer sightings, and whatever kind of event
`services.timeline.TIMELINE_SOURCES` gains later (CCTV clips): the section asks the service
which kinds there are and shows a kind it has no word for under the kind's own id."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

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


def kind_names(context: ReportContext) -> dict[str, str]:
    """Every timeline kind → the reader's word for it (the kind's id when there is none)."""
    from forensics_app.services.timeline import timeline_kinds

    known = vocabulary(context, labels.TIMELINE_KINDS)
    return {kind: known.get(kind, kind) for kind in timeline_kinds()}


@register_section
class TimelineSection(Section):
    id = "timeline"
    title = "Case timeline"
    order = 70
    description = "Every event with a time in one table: messages, calls, flyer sightings"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        timeline = context.workstation.timeline
        case_id = context.case.id
        since, until = context.time_range.since, context.time_range.until
        names = kind_names(context)
        counts = {kind: timeline.count(case_id, since, until, [kind]) for kind in names}
        total = sum(counts.values())
        yield Facts(
            t("Summary"),
            [
                (t("Events"), total),
                *((names[kind], n) for kind, n in counts.items()),
            ],
        )
        if not total:
            yield Paragraph(t("No event of this case has a time in the report's period."), "note")
            return
        yield Paragraph(
            t(
                "Messages and calls whose time could not be read are left out (they are in the "
                "phones' tables). Flyer sightings are those recorded under this case's number; "
                "their source is the photo."
            ),
            "note",
        )
        yield self._table(context, names, total)

    @staticmethod
    def _table(context: ReportContext, names: dict[str, str], total: int) -> Table:
        t = context.t
        timeline = context.workstation.timeline
        case_id = context.case.id
        since, until = context.time_range.since, context.time_range.until

        def rows() -> Iterator[Sequence[Any]]:
            directions = vocabulary(context, labels.DIRECTIONS)
            for e in timeline.stream(case_id, since, until):
                yield (
                    e.at,
                    e.end,
                    names.get(e.kind, e.kind),
                    e.exhibit,
                    e.number,
                    e.e164,
                    directions.get(e.direction, e.direction),
                    e.summary,
                    e.id,
                )

        return Table(
            id="timeline",
            title=t("Case timeline"),
            columns=[
                Column("at", t("Time"), Kind.DATETIME, 18),
                Column("end", t("Until"), Kind.DATETIME, 18),
                Column("kind", t("Event"), Kind.TEXT, 12),
                Column("source", t("Phone or photo"), Kind.CODE, 16),
                Column("number", t("Number as written"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("direction", t("Direction"), Kind.TEXT, 8),
                Column("summary", t("Content"), Kind.TEXT, 50),
                Column("id", t("Record No."), Kind.INTEGER, 10),
            ],
            rows=rows,
            count=lambda: total,
            pdf_rows=60,
        )
