"""The seized phones: a summary with every imported source file, then per phone its messages,
calls and contacts, and the artifacts the examiners tagged or annotated.

The big tables stream from the artifact store (`ArtifactService.*_lines`, keyset batches):
a phone with 1,000,000 messages never sits in memory. Every row carries its provenance (the
source file inside the device, the file's SHA-256, the table and row it was read from, the
raw time as stored), the number as written on the phone and in E.164. Messages and calls
follow the report's period; contacts are the phone's address book, not events, and are
listed whole.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from forensics_app.reports import labels
from forensics_app.reports.cells import fast_visible
from forensics_app.reports.model import (
    Block,
    Column,
    Facts,
    Kind,
    Paragraph,
    ReportContext,
    Section,
    Subheading,
    Table,
)
from forensics_app.reports.sections import register_section
from forensics_app.services.artifacts import (
    ArtifactQuery,
    ArtifactRow,
    ContactPointRow,
    SourceRow,
)

_KEY = re.compile(r"[^a-z0-9_-]+")
SHA_WIDTH = 66


# ---- what the device sections share ----------------------------------------------------------
@dataclass(frozen=True)
class Phone:
    """One item holding imported device data, with its counts in the report's period."""

    item_id: int
    exhibit: str
    description: str
    make_model: str
    key: str  # names its tables: messages_<key>, calls_<key>, contacts_<key>
    messages: int
    calls: int
    contacts: int

    def heading(self) -> str:
        described = f"{self.exhibit} – {self.description}" if self.description else self.exhibit
        return fast_visible(f"{described} ({self.make_model})" if self.make_model else described)


def case_phones(context: ReportContext) -> list[Phone]:
    """The case's phones in exhibit order (fetched once per report)."""
    if "device_phones" in context.shared:
        phones: list[Phone] = context.shared["device_phones"]
        return phones
    workstation = context.workstation
    artifacts = workstation.artifacts
    case_id = context.case.id
    summaries = artifacts.phones(case_id)
    items = workstation.evidence.items_by_id([s.item_id for s in summaries])
    time_range = context.time_range
    found: list[Phone] = []
    used: set[str] = set()
    for summary in summaries:
        item = items.get(summary.item_id)
        messages, calls = summary.messages, summary.calls
        if not time_range.is_open:
            # Per-phone counts in the period; the whole case's come from one grouped query.
            messages, calls = (
                artifacts.count(_query(context, kind, summary.item_id))
                for kind in ("message", "call")
            )
        key = _KEY.sub("-", summary.exhibit.lower()).strip("-") or str(summary.item_id)
        if key in used:
            key = f"{key}-{summary.item_id}"
        used.add(key)
        make_model = " ".join(p for p in (item.make, item.model) if p) if item else ""
        found.append(
            Phone(
                item_id=summary.item_id,
                exhibit=summary.exhibit,
                description=summary.description,
                make_model=make_model,
                key=key,
                messages=messages,
                calls=calls,
                contacts=summary.contacts,
            )
        )
    context.shared["device_phones"] = found
    return found


def case_sources(context: ReportContext) -> dict[int, SourceRow]:
    if "device_sources" not in context.shared:
        rows = context.workstation.artifacts.sources(context.case.id)
        context.shared["device_sources"] = {s.id: s for s in rows}
    sources: dict[int, SourceRow] = context.shared["device_sources"]
    return sources


def _query(context: ReportContext, kind: str, item_id: int | None = None) -> ArtifactQuery:
    """Messages and calls in the report's period; contacts whole (an address book has no
    period)."""
    dated = kind != "contact"
    return ArtifactQuery(
        case_id=context.case.id,
        kind=kind,
        item_id=item_id,
        start=context.time_range.since if dated else None,
        end=context.time_range.until if dated else None,
    )


def vocabulary(context: ReportContext, names: Mapping[Any, str]) -> dict[str, str]:
    """Stored value → the reader's word, translated once per table (not once per row)."""
    return {str(value): context.t(name) if name else "" for value, name in names.items()}


def provenance_columns(context: ReportContext) -> list[Column]:
    t = context.t
    return [
        Column("source_file", t("Source file"), Kind.CODE, 34),
        Column("source_sha256", t("Source SHA-256"), Kind.CODE, SHA_WIDTH),
        Column("source_table", t("Source table"), Kind.CODE, 12),
        Column("source_row", t("Source row"), Kind.CODE, 10),
    ]


def _source_cells(context: ReportContext) -> Callable[[int], tuple[str, str]]:
    sources = case_sources(context)
    cache: dict[int, tuple[str, str]] = {}

    def cells(source_id: int) -> tuple[str, str]:
        found = cache.get(source_id)
        if found is None:
            source = sources.get(source_id)
            found = cache[source_id] = (
                (source.logical_path or source.path, source.sha256) if source else ("", "")
            )
        return found

    return cells


def _nothing(context: ReportContext) -> Paragraph:
    return Paragraph(
        context.t("No device data (messages, calls, contacts) has been imported in this case."),
        "note",
    )


# ---- the summary -------------------------------------------------------------------------------
@register_section
class DeviceSummarySection(Section):
    id = "device_summary"
    title = "Seized phones"
    order = 20
    description = "Per phone: messages, calls and contacts counted; every imported source file"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        phones = case_phones(context)
        tagged = tagged_artifacts(context)
        yield Facts(
            t("Summary"),
            [
                (t("Phones with imported data"), len(phones)),
                (t("Messages"), sum(p.messages for p in phones)),
                (t("Calls"), sum(p.calls for p in phones)),
                (t("Contacts"), sum(p.contacts for p in phones)),
                (t("Tagged or annotated artifacts"), len(tagged)),
            ],
        )
        if not phones:
            yield _nothing(context)
            return
        if not context.time_range.is_open:
            yield Paragraph(
                t(
                    "Messages and calls are counted in the report's period; contacts are the "
                    "phone's whole address book."
                ),
                "note",
            )
        yield self._phones_table(context, phones, tagged)
        yield self._sources_table(context)

    @staticmethod
    def _phones_table(
        context: ReportContext, phones: Sequence[Phone], tagged: Sequence[TaggedArtifact]
    ) -> Table:
        t = context.t
        artifacts = context.workstation.artifacts
        per_phone = Counter(a.row.item_id for a in tagged)
        sources = Counter(s.item_id for s in case_sources(context).values())

        spans: dict[int, list[Any]] = {}  # item → its times, read once for every format

        def rows() -> Iterator[Sequence[Any]]:
            for phone in phones:
                if phone.item_id not in spans:
                    # The only phone's span is the case's: read on the (case, time) index,
                    # not by scanning every row for its item.
                    item_id = phone.item_id if len(phones) > 1 else None
                    spans[phone.item_id] = [
                        moment
                        for kind in ("message", "call")
                        for moment in artifacts.time_span(_query(context, kind, item_id))
                        if moment is not None
                    ]
                known = spans[phone.item_id]
                yield (
                    phone.exhibit,
                    phone.description,
                    phone.make_model,
                    phone.messages,
                    phone.calls,
                    phone.contacts,
                    per_phone[phone.item_id],
                    min(known) if known else None,
                    max(known) if known else None,
                    sources[phone.item_id],
                )

        return Table(
            id="device_phones",
            title=t("Phones"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("description", t("Description"), Kind.TEXT, 30),
                Column("make_model", t("Make / model"), Kind.TEXT, 18),
                Column("messages", t("Messages"), Kind.INTEGER, 10),
                Column("calls", t("Calls"), Kind.INTEGER, 10),
                Column("contacts", t("Contacts"), Kind.INTEGER, 10),
                Column("tagged", t("Tagged"), Kind.INTEGER, 8),
                Column("first", t("First message or call"), Kind.DATETIME, 18),
                Column("last", t("Last message or call"), Kind.DATETIME, 18),
                Column("sources", t("Source files"), Kind.INTEGER, 8),
            ],
            rows=rows,
            count=lambda: len(phones),
            pdf_rows=100,
        )

    @staticmethod
    def _sources_table(context: ReportContext) -> Table:
        t = context.t
        sources = list(case_sources(context).values())

        def rows() -> Iterator[Sequence[Any]]:
            for s in sources:
                yield (
                    s.exhibit,
                    s.logical_path,
                    s.path,
                    s.parser,
                    s.schema_version,
                    s.size,
                    s.sha256,
                    s.md5,
                    s.imported_at,
                    s.imported_by,
                    s.counts.get("message", 0),
                    s.counts.get("call", 0),
                    s.counts.get("contact", 0),
                    "\n".join(note.render(context.translator.language) for note in s.skipped),
                )

        return Table(
            id="device_sources",
            title=t("Imported source files"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("source_file", t("Source file"), Kind.CODE, 34),
                Column("path", t("Imported from"), Kind.CODE, 34),
                Column("parser", t("Parser"), Kind.CODE, 16),
                Column("version", t("Schema version"), Kind.TEXT, 12),
                Column("size", t("Size (bytes)"), Kind.INTEGER, 12),
                Column("sha256", "SHA-256", Kind.CODE, SHA_WIDTH),
                Column("md5", "MD5", Kind.CODE, 34),
                Column("imported_at", t("Imported at"), Kind.DATETIME, 18),
                Column("imported_by", t("Imported by"), Kind.TEXT, 16),
                Column("messages", t("Messages"), Kind.INTEGER, 10),
                Column("calls", t("Calls"), Kind.INTEGER, 10),
                Column("contacts", t("Contacts"), Kind.INTEGER, 10),
                Column("skipped", t("Not read, and why"), Kind.TEXT, 40),
            ],
            rows=rows,
            count=lambda: len(sources),
            pdf_rows=100,
            pdf_columns=(
                "exhibit", "source_file", "parser", "sha256", "imported_at", "messages",
                "calls", "contacts", "skipped",
            ),
        )  # fmt: skip


# ---- messages, calls, contacts ------------------------------------------------------------------
class _PerPhoneSection(Section):
    """One table per phone, under the phone's heading."""

    kind: str = ""

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        phones = case_phones(context)
        if not phones:
            yield _nothing(context)
            return
        for phone in phones:
            yield Subheading(phone.heading())
            yield self.table(context, phone)

    def table(self, context: ReportContext, phone: Phone) -> Table:
        raise NotImplementedError


@register_section
class DeviceMessagesSection(_PerPhoneSection):
    id = "device_messages"
    title = "Messages"
    order = 21
    description = "Every message of each phone (SMS, MMS, iMessage, RCS) with its provenance"
    kind = "message"

    def table(self, context: ReportContext, phone: Phone) -> Table:
        t = context.t
        artifacts = context.workstation.artifacts
        query = _query(context, "message", phone.item_id)

        def rows() -> Iterator[Sequence[Any]]:
            directions = vocabulary(context, labels.DIRECTIONS)
            statuses = vocabulary(context, labels.MESSAGE_STATUSES)
            services = vocabulary(context, labels.MESSAGE_SERVICES)
            titles = artifacts.conversation_titles(context.case.id, phone.item_id)
            source_cells = _source_cells(context)
            for m in artifacts.message_lines(query):
                source_file, sha256 = source_cells(m.source_id)
                yield (
                    m.id,
                    m.time,
                    directions.get(m.direction, m.direction),
                    services.get(m.service, m.service),
                    statuses.get(m.status, m.status),
                    m.number,
                    m.e164,
                    m.participants
                    or (titles.get(m.conversation_id, "") if m.conversation_id else ""),
                    f"{m.subject}\n{m.body}" if m.subject else m.body,
                    m.is_read,
                    m.deleted,
                    m.attachments,
                    m.time_raw,
                    m.note,
                    source_file,
                    sha256,
                    m.table,
                    m.row,
                )

        return Table(
            id=f"messages_{phone.key}",
            title=f"{t('Messages')} {phone.exhibit}",
            columns=[
                Column("id", t("Artifact No."), Kind.INTEGER, 10),
                Column("time", t("Time"), Kind.DATETIME, 18),
                Column("direction", t("Direction"), Kind.TEXT, 8),
                Column("service", t("Service"), Kind.TEXT, 8),
                Column("status", t("Status"), Kind.TEXT, 10),
                Column("number", t("Number as written"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("conversation", t("Conversation"), Kind.TEXT, 18),
                Column("text", t("Text"), Kind.TEXT, 60),
                Column("read", t("Read"), Kind.BOOL, 6),
                Column("deleted", t("Deleted"), Kind.BOOL, 6),
                Column("attachments", t("Attachments"), Kind.INTEGER, 8),
                Column("time_raw", t("Time as stored"), Kind.CODE, 16),
                Column("note", t("Import note"), Kind.TEXT, 16),
                *provenance_columns(context),
            ],
            rows=rows,
            count=lambda: phone.messages,
            pdf_rows=40,
            pdf_columns=(
                "id", "time", "direction", "number", "e164", "text", "source_table",
                "source_row",
            ),
        )  # fmt: skip


@register_section
class DeviceCallsSection(_PerPhoneSection):
    id = "device_calls"
    title = "Calls"
    order = 22
    description = "Every call of each phone (phone, FaceTime, apps) with its provenance"
    kind = "call"

    def table(self, context: ReportContext, phone: Phone) -> Table:
        t = context.t
        artifacts = context.workstation.artifacts
        query = _query(context, "call", phone.item_id)

        def rows() -> Iterator[Sequence[Any]]:
            directions = vocabulary(context, labels.DIRECTIONS)
            types = vocabulary(context, labels.CALL_TYPES)
            services = vocabulary(context, labels.CALL_SERVICES)
            source_cells = _source_cells(context)
            for c in artifacts.call_lines(query):
                source_file, sha256 = source_cells(c.source_id)
                yield (
                    c.id,
                    c.time,
                    directions.get(c.direction, c.direction),
                    types.get(c.type, c.type),
                    c.duration_seconds,
                    c.answered,
                    services.get(c.service, c.service),
                    c.app,
                    c.number,
                    c.e164,
                    c.name,
                    c.deleted,
                    c.time_raw,
                    c.note,
                    source_file,
                    sha256,
                    c.table,
                    c.row,
                )

        return Table(
            id=f"calls_{phone.key}",
            title=f"{t('Calls')} {phone.exhibit}",
            columns=[
                Column("id", t("Artifact No."), Kind.INTEGER, 10),
                Column("time", t("Time"), Kind.DATETIME, 18),
                Column("direction", t("Direction"), Kind.TEXT, 8),
                Column("type", t("Call type"), Kind.TEXT, 12),
                Column("duration", t("Duration (s)"), Kind.INTEGER, 8),
                Column("answered", t("Answered"), Kind.BOOL, 6),
                Column("service", t("Service"), Kind.TEXT, 10),
                Column("app", t("App"), Kind.CODE, 20),
                Column("number", t("Number as written"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("name", t("Name on the phone"), Kind.TEXT, 16),
                Column("deleted", t("Deleted"), Kind.BOOL, 6),
                Column("time_raw", t("Time as stored"), Kind.CODE, 16),
                Column("note", t("Import note"), Kind.TEXT, 16),
                *provenance_columns(context),
            ],
            rows=rows,
            count=lambda: phone.calls,
            pdf_rows=40,
            pdf_columns=(
                "id", "time", "type", "duration", "number", "e164", "name", "source_table",
                "source_row",
            ),
        )  # fmt: skip


def _points(points: Sequence[ContactPointRow], kinds: Mapping[str, str]) -> tuple[str, str, str]:
    """A contact's numbers as written (with their labels), in E.164, and its other addresses."""
    written, e164s, others = [], [], []
    for p in points:
        label = p.label or kinds.get(p.kind, p.kind)
        if p.kind == "phone":
            written.append(f"{label}: {p.value}" if label else p.value)
            if p.e164:
                e164s.append(p.e164)
        else:
            others.append(f"{label}: {p.value}" if label else p.value)
    return "\n".join(written), "\n".join(e164s), "\n".join(others)


@register_section
class DeviceContactsSection(_PerPhoneSection):
    id = "device_contacts"
    title = "Contacts"
    order = 23
    description = "Each phone's address book: names, numbers, e-mails, with provenance"
    kind = "contact"

    def table(self, context: ReportContext, phone: Phone) -> Table:
        t = context.t
        artifacts = context.workstation.artifacts
        query = _query(context, "contact", phone.item_id)

        def rows() -> Iterator[Sequence[Any]]:
            kinds = vocabulary(context, labels.POINT_KINDS)
            source_cells = _source_cells(context)
            for c in artifacts.contact_lines(query):
                source_file, sha256 = source_cells(c.source_id)
                numbers, e164s, others = _points(c.points, kinds)
                yield (
                    c.id,
                    c.name,
                    c.organization,
                    numbers,
                    e164s,
                    others,
                    c.notes,
                    c.created_at,
                    c.modified_at,
                    c.deleted,
                    c.times_raw,
                    c.note,
                    source_file,
                    sha256,
                    c.table,
                    c.row,
                )

        return Table(
            id=f"contacts_{phone.key}",
            title=f"{t('Contacts')} {phone.exhibit}",
            columns=[
                Column("id", t("Artifact No."), Kind.INTEGER, 10),
                Column("name", t("Name"), Kind.TEXT, 20),
                Column("organization", t("Organisation"), Kind.TEXT, 16),
                Column("numbers", t("Numbers as written"), Kind.CODE, 22),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("addresses", t("E-mail and other addresses"), Kind.CODE, 22),
                Column("notes", t("Notes on the phone"), Kind.TEXT, 24),
                Column("created", t("Created"), Kind.DATETIME, 18),
                Column("modified", t("Modified"), Kind.DATETIME, 18),
                Column("deleted", t("Deleted"), Kind.BOOL, 6),
                Column("time_raw", t("Time as stored"), Kind.CODE, 16),
                Column("note", t("Import note"), Kind.TEXT, 16),
                *provenance_columns(context),
            ],
            rows=rows,
            count=lambda: phone.contacts,
            pdf_rows=40,
            pdf_columns=(
                "id", "name", "organization", "numbers", "e164", "addresses", "source_table",
                "source_row",
            ),
        )  # fmt: skip


# ---- tagged and annotated artifacts -------------------------------------------------------------
@dataclass(frozen=True)
class TaggedArtifact:
    row: ArtifactRow
    tags: tuple[str, ...]
    notes: tuple[tuple[Any, str, str], ...]  # (when, who, text)


def tagged_artifacts(context: ReportContext) -> list[TaggedArtifact]:
    """Artifacts with a tag or a note, in the report's period (contacts whatever their date),
    by phone and time (fetched once per report)."""
    if "device_tagged" in context.shared:
        cached: list[TaggedArtifact] = context.shared["device_tagged"]
        return cached
    workstation = context.workstation
    artifacts = workstation.artifacts
    people = {e.id: f"{e.name} ({e.badge_number})" for e in workstation.examiners.list()}
    grouped: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for annotation in artifacts.case_annotations(context.case.id):
        grouped[annotation.kind, annotation.artifact_id].append(annotation)
    ids: dict[str, list[int]] = defaultdict(list)
    for kind, artifact_id in grouped:
        ids[kind].append(artifact_id)
    found: list[TaggedArtifact] = []
    for kind, wanted in ids.items():
        for artifact_id, row in artifacts.rows_by_id(kind, wanted).items():
            if kind != "contact" and not context.time_range.contains(row.time):
                continue
            annotations = grouped[kind, artifact_id]
            found.append(
                TaggedArtifact(
                    row=row,
                    tags=tuple(a.tag for a in annotations if a.tag),
                    notes=tuple(
                        (a.created_at, people.get(a.created_by, str(a.created_by)), a.note)
                        for a in annotations
                        if a.note
                    ),
                )
            )
    found.sort(
        key=lambda a: (
            a.row.exhibit,
            a.row.time is None,
            a.row.time.timestamp() if a.row.time else 0.0,
            a.row.kind,
            a.row.id,
        )
    )
    context.shared["device_tagged"] = found
    return found


@register_section
class DeviceTaggedSection(Section):
    id = "device_tagged"
    title = "Tagged artifacts"
    order = 24
    description = "Messages, calls and contacts the examiners tagged, with their notes"

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        tagged = tagged_artifacts(context)
        tags = Counter(tag for a in tagged for tag in a.tags)
        yield Facts(
            t("Summary"),
            [
                (t("Tagged or annotated artifacts"), len(tagged)),
                (t("Tags"), len(tags)),
                (t("Notes"), sum(len(a.notes) for a in tagged)),
            ],
        )
        if not tagged:
            yield Paragraph(t("No artifact of this case has been tagged or annotated."), "note")
            return
        yield self._tags_table(context, tags)
        yield self._tagged_table(context, tagged)

    @staticmethod
    def _tags_table(context: ReportContext, tags: Counter[str]) -> Table:
        t = context.t
        ordered = tags.most_common()
        return Table(
            id="device_tags",
            title=t("Tags"),
            columns=[
                Column("tag", t("Tag"), Kind.TEXT, 30),
                Column("artifacts", t("Artifacts"), Kind.INTEGER, 10),
            ],
            rows=lambda: ordered,
            count=lambda: len(ordered),
            pdf_rows=100,
        )

    @staticmethod
    def _tagged_table(context: ReportContext, tagged: Sequence[TaggedArtifact]) -> Table:
        t = context.t
        kinds = vocabulary(context, labels.ARTIFACT_KINDS)
        directions = vocabulary(context, labels.DIRECTIONS)

        def rows() -> Iterator[Sequence[Any]]:
            source_cells = _source_cells(context)
            for a in tagged:
                r = a.row
                source_file, sha256 = source_cells(r.provenance.source_id)
                notes = "\n".join(
                    f"{context.local(when).strftime('%Y-%m-%d %H:%M')} {who}: {text}"
                    for when, who, text in a.notes
                )
                yield (
                    r.exhibit,
                    kinds.get(r.kind, r.kind),
                    r.id,
                    r.time,
                    directions.get(r.direction, r.direction),
                    r.number,
                    r.e164,
                    r.name,
                    r.text,
                    "; ".join(a.tags),
                    notes,
                    source_file,
                    sha256,
                    r.provenance.table,
                    r.provenance.row,
                )

        return Table(
            id="device_tagged",
            title=t("Tagged artifacts with the examiners' notes"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("kind", t("Artifact"), Kind.TEXT, 8),
                Column("id", t("Artifact No."), Kind.INTEGER, 10),
                Column("time", t("Time"), Kind.DATETIME, 18),
                Column("direction", t("Direction"), Kind.TEXT, 8),
                Column("number", t("Number as written"), Kind.CODE, 16),
                Column("e164", "E.164", Kind.CODE, 16),
                Column("name", t("Name or conversation"), Kind.TEXT, 16),
                Column("text", t("Text"), Kind.TEXT, 40),
                Column("tags", t("Tags"), Kind.TEXT, 16),
                Column("notes", t("Examiners' notes"), Kind.TEXT, 40),
                *provenance_columns(context),
            ],
            rows=rows,
            count=lambda: len(tagged),
            pdf_rows=100,
            pdf_columns=(
                "exhibit", "kind", "id", "time", "number", "text", "tags", "notes",
                "source_table", "source_row",
            ),
        )  # fmt: skip
