"""Use-suspension requests for the numbers sighted in this case, with each state change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from blocking import RequestFilter, RequestState
from blocking.records import RequestRecord
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


def case_requests(context: ReportContext) -> list[RequestRecord]:
    """Requests for numbers with a sighting under this case, created in the report's period,
    oldest first."""
    if "block_requests" not in context.shared:
        time_range = context.time_range
        found = context.workstation.blocking.requests.search(
            RequestFilter(
                case_number=context.case.number,
                created_after=time_range.since,
                created_before=time_range.until,
            )
        )
        context.shared["block_requests"] = sorted(found, key=lambda r: r.id)
    requests: list[RequestRecord] = context.shared["block_requests"]
    return requests


def state_label(context: ReportContext, state: RequestState | None) -> str:
    return context.t(labels.REQUEST_STATES[state]) if state is not None else ""


@register_section
class BlockRequestSection(Section):
    id = "block_requests"
    title = "Block requests"
    order = 60
    description = "Use-suspension requests for this case's numbers, with their state history"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        requests = case_requests(context)
        states = Counter(r.state for r in requests)
        yield Facts(
            t("Requests by state"),
            [(t("Requests"), len(requests))]
            + [(state_label(context, s), states[s]) for s in RequestState if states[s]],
        )
        if not requests:
            yield Paragraph(t("No block request concerns the numbers of this case."), "note")
            return
        yield self._requests_table(context, requests)
        yield self._history_table(context, requests)

    @staticmethod
    def _requests_table(context: ReportContext, requests: Sequence[RequestRecord]) -> Table:
        t = context.t
        routes = context.workstation.blocking.config.routes

        def rows() -> Iterator[Sequence[Any]]:
            for r in requests:
                route = routes.get(r.route)
                yield (
                    r.id,
                    r.national,
                    r.e164,
                    t(labels.CATEGORIES.get(r.category.value, r.category.value)),
                    route.label if route else r.route,
                    r.legal_basis,
                    state_label(context, r.state),
                    r.created_at,
                    r.drafted_by_name,
                    r.approved_by_name or "",
                    r.submitted_at,
                    r.carrier,
                    r.response_reference,
                    r.suspended_from,
                    r.suspended_until,
                    r.closed_at,
                    r.requesting_agency,
                )

        return Table(
            id="block_requests",
            title=t("Block requests"),
            columns=[
                Column("id", t("Request"), Kind.INTEGER, 8),
                Column("number", t("Number"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("category", t("Category"), Kind.TEXT, 14),
                Column("route", t("Route"), Kind.TEXT, 24),
                Column("legal_basis", t("Legal basis"), Kind.TEXT, 28),
                Column("state", t("State"), Kind.TEXT, 12),
                Column("created_at", t("Created at"), Kind.DATETIME, 18),
                Column("drafted_by", t("Drafted by"), Kind.TEXT, 16),
                Column("approved_by", t("Approved by"), Kind.TEXT, 16),
                Column("submitted_at", t("Submitted at"), Kind.DATETIME, 18),
                Column("carrier", t("Carrier"), Kind.TEXT, 10),
                Column("reference", t("Reference"), Kind.CODE, 14),
                Column("suspended_from", t("Suspended from"), Kind.DATE, 12),
                Column("suspended_until", t("Suspended until"), Kind.DATE, 12),
                Column("closed_at", t("Closed at"), Kind.DATETIME, 18),
                Column("agency", t("Agency"), Kind.TEXT, 20),
            ],
            rows=rows,
            count=lambda: len(requests),
            pdf_rows=60,
        )

    @staticmethod
    def _history_table(context: ReportContext, requests: Sequence[RequestRecord]) -> Table:
        t = context.t
        queue = context.workstation.blocking.requests

        numbers = {r.id: r.national for r in requests}

        def rows() -> Iterator[Sequence[Any]]:
            for h in queue.histories([r.id for r in requests]):
                yield (
                    h.request_id,
                    numbers[h.request_id],
                    h.at,
                    state_label(context, h.from_state),
                    state_label(context, h.to_state),
                    h.actor_name,
                    h.note,
                    h.package_sha256 or "",
                )

        return Table(
            id="block_request_history",
            title=t("State history of the requests"),
            columns=[
                Column("request", t("Request"), Kind.INTEGER, 8),
                Column("number", t("Number"), Kind.CODE, 16),
                Column("at", t("Time"), Kind.DATETIME, 18),
                Column("from", t("From"), Kind.TEXT, 12),
                Column("to", t("To"), Kind.TEXT, 12),
                Column("by", t("By"), Kind.TEXT, 16),
                Column("note", t("Note"), Kind.TEXT, 30),
                Column("package", t("Package SHA-256"), Kind.CODE, 66),
            ],
            rows=rows,
            pdf_rows=60,
        )
