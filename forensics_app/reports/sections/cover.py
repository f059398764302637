"""The cover: which case, who made the report, when (with the zone), and how to check it."""

from __future__ import annotations

from collections.abc import Iterator

from forensics_app import __version__
from forensics_app.reports.model import Block, Facts, Paragraph, ReportContext, Section
from forensics_app.reports.sections import register_section


@register_section
class CoverSection(Section):
    id = "cover"
    title = "Case report"
    order = 0
    description = "Case number, title, agency, examiners, dates, generation time and version"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        case = context.case
        time_range = context.time_range
        if time_range.is_open:
            scope = t("The whole case")
        else:
            since = (
                context.local(time_range.since).strftime("%Y-%m-%d %H:%M")
                if time_range.since
                else "…"
            )
            until = (
                context.local(time_range.until).strftime("%Y-%m-%d %H:%M")
                if time_range.until
                else "…"
            )
            scope = f"{since} – {until} ({context.zone_label})"
        pairs: list[tuple[str, object]] = [
            (t("Case number"), case.number),
            (t("Case title"), case.title),
            (t("Offence"), case.offence_type or "-"),
            (t("Agency"), context.agency or "-"),
            (t("Lead examiner"), case.lead_examiner or "-"),
            (t("Report made by"), context.generated_by.label),
            (t("Case opened"), case.opened_on),
            (t("Case closed"), case.closed_on or "-"),
            (t("Generated at"), context.generated_at),
            (t("Time zone"), context.zone_label),
            (t("Period covered"), scope),
            (t("Program version"), f"forensics-app {__version__}"),
            (t("Sections"), ", ".join(context.section_titles)),
        ]
        head = context.custody_head
        if head is not None:
            pairs.append((t("Custody log at generation"), f"#{head.seq} {head.entry_hash}"))
            pairs.append(
                (
                    t("Custody log signature"),
                    f"{head.signer} {head.algorithm} {head.signature}".strip()
                    if head.signature
                    else t("Not signed (signed custody log not available)"),
                )
            )
        yield Facts(t("Case"), pairs)
        yield Paragraph(
            t(
                "Every file of this report is listed with its SHA-256 in manifest.json (and in "
                "SHA256SUMS, readable by sha256sum -c). The SHA-256 of manifest.json is recorded "
                "in the case's custody log. To check a copy of this report, run: "
                "forensics-app report verify <folder>."
            ),
            "note",
        )
