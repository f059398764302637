"""The evidence list: items with exhibit numbers, every file with its hashes and its latest
verification, and the case's custody log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
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
from forensics_app.services.custody import describe_entry
from forensics_app.services.evidence import ItemQuery
from forensics_app.services.records import ItemRecord
from forensics_app.storage.models import VerificationResult

_ITEM_BATCH = 500


def case_items(context: ReportContext) -> Iterator[ItemRecord]:
    """The case's items in exhibit order, fetched in batches."""
    evidence = context.workstation.evidence
    ids = evidence.item_ids(ItemQuery(case_id=context.case.id))
    for start in range(0, len(ids), _ITEM_BATCH):
        batch = ids[start : start + _ITEM_BATCH]
        records = evidence.items_by_id(batch)
        for item_id in batch:
            yield records[item_id]


def _verification(context: ReportContext, result: VerificationResult | None) -> str:
    if result is None:
        return context.t(labels.NOT_VERIFIED)
    return context.t(labels.VERIFICATION[result])


@register_section
class EvidenceSection(Section):
    id = "evidence"
    title = "Evidence"
    order = 10
    description = "Exhibits, files with SHA-256/MD5 and latest verification, custody log"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        items = list(case_items(context))  # items, not files: hundreds at most
        if not items:
            yield Paragraph(t("No evidence has been catalogued in this case."), "note")
        files = sum(i.file_count for i in items)
        failed = sum(1 for i in items if i.worst_verification not in (None, VerificationResult.OK))
        yield Facts(
            t("Summary"),
            [
                (t("Evidence items"), len(items)),
                (t("Files"), files),
                (t("Total size (bytes)"), sum(i.total_size for i in items)),
                (t("Items with a failed verification"), failed),
            ],
        )
        if items:
            yield self._items_table(context, items)
            yield self._files_table(context, items)
        yield self._custody_table(context, {i.id: i.exhibit_number for i in items})

    @staticmethod
    def _items_table(context: ReportContext, items: Sequence[ItemRecord]) -> Table:
        t = context.t

        def rows() -> Iterator[Sequence[Any]]:
            for i in items:
                yield (
                    i.exhibit_number,
                    t(labels.ITEM_KINDS[i.kind]),
                    i.description,
                    " ".join(p for p in (i.make, i.model) if p),
                    " / ".join(p for p in (i.serial_number, i.imei) if p),
                    i.seized_from,
                    i.seized_location,
                    i.seized_at,
                    i.seized_by,
                    t(labels.ITEM_STATUSES[i.status]),
                    i.custodian,
                    i.parent_exhibit,
                    i.file_count,
                    i.total_size,
                    _verification(context, i.worst_verification),
                )

        return Table(
            id="evidence_items",
            title=t("Evidence items"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("kind", t("Kind"), Kind.TEXT, 14),
                Column("description", t("Description"), Kind.TEXT, 30),
                Column("make_model", t("Make / model"), Kind.TEXT, 18),
                Column("serial", t("Serial / IMEI"), Kind.CODE, 18),
                Column("seized_from", t("Seized from"), Kind.TEXT, 16),
                Column("seized_location", t("Seized at (place)"), Kind.TEXT, 18),
                Column("seized_at", t("Seized at (time)"), Kind.DATETIME, 18),
                Column("seized_by", t("Seized by"), Kind.TEXT, 14),
                Column("status", t("Status"), Kind.TEXT, 10),
                Column("custodian", t("Custodian"), Kind.TEXT, 14),
                Column("inside", t("Inside"), Kind.CODE, 10),
                Column("files", t("Files"), Kind.INTEGER, 8),
                Column("size", t("Size (bytes)"), Kind.INTEGER, 14),
                Column("verification", t("Latest verification"), Kind.TEXT, 18),
            ],
            rows=rows,
            count=lambda: len(items),
        )

    @staticmethod
    def _files_table(context: ReportContext, items: Sequence[ItemRecord]) -> Table:
        t = context.t
        evidence = context.workstation.evidence

        def rows() -> Iterator[Sequence[Any]]:
            for item in items:
                for f in evidence.files(item.id):
                    yield (
                        item.exhibit_number,
                        f.relative_path,
                        f.size,
                        f.sha256,
                        f.md5,
                        f.hashed_at,
                        f.last_verified_at,
                        _verification(context, f.last_verification),
                    )

        return Table(
            id="evidence_files",
            title=t("Evidence files"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("file", t("File"), Kind.CODE, 40),
                Column("size", t("Size (bytes)"), Kind.INTEGER, 14),
                Column("sha256", "SHA-256", Kind.CODE, 66),
                Column("md5", "MD5", Kind.CODE, 34),
                Column("hashed_at", t("Hashed at"), Kind.DATETIME, 18),
                Column("verified_at", t("Last verified at"), Kind.DATETIME, 18),
                Column("verification", t("Latest verification"), Kind.TEXT, 18),
            ],
            rows=rows,
            count=lambda: sum(i.file_count for i in items),
            pdf_rows=100,
        )

    @staticmethod
    def _custody_table(context: ReportContext, exhibits: dict[int, str]) -> Table:
        t = context.t
        custody = context.workstation.custody
        time_range = context.time_range
        language = context.translator.language

        def rows() -> Iterator[Sequence[Any]]:
            for entry in custody.iter_entries(context.case.id):
                at = datetime.fromisoformat(entry.recorded_at.replace("Z", "+00:00"))
                if not time_range.contains(at):
                    continue
                yield (
                    entry.seq,
                    at,
                    entry.actor,
                    t(labels.CUSTODY_ACTIONS.get(entry.action, entry.action)),
                    exhibits.get(entry.item_id, "") if entry.item_id else "",
                    describe_entry(entry, language),
                    entry.entry_hash,
                )

        return Table(
            id="custody_log",
            title=t("Custody log"),
            columns=[
                Column("seq", t("No."), Kind.INTEGER, 8),
                Column("at", t("Time"), Kind.DATETIME, 18),
                Column("examiner", t("Examiner"), Kind.TEXT, 18),
                Column("action", t("Action"), Kind.TEXT, 12),
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("summary", t("Entry"), Kind.TEXT, 60),
                Column("hash", t("Entry hash"), Kind.CODE, 66),
            ],
            rows=rows,
            pdf_rows=100,
        )
