"""Charts as images: numbers per week (flyers), requests per state, and the seized phones'
messages and calls per day, week, month or year (in the workstation's zone)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from blocking import RequestState
from forensics_app.reports import labels
from forensics_app.reports.charts import bar_chart, chart_period, period_chart
from forensics_app.reports.model import Block, Figure, Paragraph, ReportContext, Section
from forensics_app.reports.sections import register_section
from forensics_app.reports.sections.block_requests import case_requests
from forensics_app.reports.sections.flyers import case_hits, hit_time
from forensics_app.services.timeline import Histogram

MAX_WEEKS = 104


@register_section
class ChartsSection(Section):
    id = "charts"
    title = "Charts"
    order = 90
    description = "Numbers per week, requests per state, artifacts per day"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        hits = case_hits(context)
        requests = case_requests(context)
        daily = _artifacts_per_day(context)
        if not hits and not requests and daily is None:
            yield Paragraph(t("Nothing to chart in this case."), "note")
            return
        if hits:
            seen: dict[date, set[str]] = {}
            first_week: dict[str, date] = {}
            for h in hits:
                day = context.workstation.clock.date_of(hit_time(h))
                week = day - timedelta(days=day.weekday())
                seen.setdefault(week, set()).add(h.final_e164)
                first_week[h.final_e164] = min(first_week.get(h.final_e164, week), week)
            new = Counter(first_week.values())
            weeks = sorted(seen)[-MAX_WEEKS:]
            labels_x = [w.strftime("%m-%d") for w in weeks]
            counts = {
                t("Numbers seen"): [len(seen[w]) for w in weeks],
                t("New numbers"): [new[w] for w in weeks],
            }
            title = t("Numbers per week (week starting Monday)")

            def numbers_chart(path: Path) -> None:
                bar_chart(path, title, labels_x, counts, xlabel=f"{weeks[0].year}–")

            yield Figure("numbers_per_week", title, numbers_chart)
        if requests:
            states = Counter(r.state for r in requests)
            names = [t(labels.REQUEST_STATES[s]) for s in RequestState if states[s]]
            values = [states[s] for s in RequestState if states[s]]
            title_states = t("Requests per state")

            def states_chart(path: Path) -> None:
                bar_chart(path, title_states, names, {t("Requests"): values}, horizontal=True)

            yield Figure("requests_per_state", title_states, states_chart)
        if daily is not None:
            yield daily


ARTIFACT_KINDS_CHARTED = {"message": "Messages", "call": "Calls"}


def _artifacts_per_day(context: ReportContext) -> Figure | None:
    """Messages and calls of every phone per day, stacked; per week, month or year when the
    phones span more days than bars fit (from the counts the import keeps per hour: no pass
    over the artifacts themselves)."""
    t = context.t

    def histogram(unit: str) -> Histogram:
        return context.workstation.timeline.histogram(
            context.case.id,
            context.time_range.since,
            context.time_range.until,
            kinds=list(ARTIFACT_KINDS_CHARTED),
            unit=unit,
        )

    counts = histogram("day")
    if not counts.buckets:
        return None
    unit = chart_period(counts.buckets[0].start.date(), counts.buckets[-1].start.date())
    if unit != "day":
        counts = histogram(unit)
    starts = [b.start.date() for b in counts.buckets]
    series = {
        t(name): [b.counts.get(kind, 0) for b in counts.buckets]
        for kind, name in ARTIFACT_KINDS_CHARTED.items()
    }
    zone = context.workstation.clock.zone_abbreviation(context.generated_at)
    title = t(CHART_TITLES[unit]).format(zone=zone)

    def chart(path: Path) -> None:
        period_chart(path, title, starts, series, unit)

    return Figure("artifacts_per_day", title, chart)


CHART_TITLES = {
    "day": "Messages and calls per day ({zone})",
    "week": "Messages and calls per week ({zone}, week starting Monday)",
    "month": "Messages and calls per month ({zone})",
    "year": "Messages and calls per year ({zone})",
}
