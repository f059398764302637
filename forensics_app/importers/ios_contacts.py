"""iOS contacts, `AddressBook.sqlitedb`: ABPerson (First, Last, Organization, Note,
CreationDate and ModificationDate in Mac absolute seconds) and ABMultiValue (record_id,
property 3 phone / 4 e-mail / 22 URL, value, label → ABMultiValueLabel). The full-text table
ABPersonFullTextSearch needs Apple's tokenizer: it is never queried (nor is anything generic
run over the whole database). On recent iOS most rows may live only in the -wal file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from forensics_app.importers import timeconv, values
from forensics_app.importers.base import (
    ParseContext,
    SqliteImporter,
    note_missing_optional,
    salvaged,
)
from forensics_app.importers.records import ContactPoint, ContactRecord, PointKind, Record

PROPERTY_PHONE, PROPERTY_EMAIL, PROPERTY_URL = 3, 4, 22
PERSON_COLUMNS = (
    "ROWID", "First", "Last", "Middle", "Organization", "Nickname", "Note", "CreationDate",
    "ModificationDate",
)  # fmt: skip


def _label(raw: str) -> str:
    """`_$!<Mobile>!$_` → `Mobile`; custom labels stay as typed."""
    if raw.startswith("_$!<") and raw.endswith(">!$_"):
        return raw[4:-4]
    return raw


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = f"AddressBook, user_version {db.schema.user_version}"
    labels: dict[object, str] = {}
    if db.schema.has("ABMultiValueLabel", "value"):
        found = db.rows(db.select("ABMultiValueLabel", ("rowid", "value")))
        for key, value in salvaged(ctx, "ABMultiValueLabel", found):
            labels[key] = _label(values.text(value, db.text))
    points: dict[object, list[ContactPoint]] = defaultdict(list)
    columns = ("UID", "record_id", "property", "label", "value")
    multi = db.rows(db.select("ABMultiValue", columns) + " ORDER BY 2, 1")
    for uid, record_id, prop, label, value in salvaged(ctx, "ABMultiValue", multi):
        text = values.text(value, db.text)
        if not text:
            continue  # postal addresses keep their parts in ABMultiValueEntry
        prop_number = values.integer(prop)
        kind = {PROPERTY_PHONE: PointKind.PHONE, PROPERTY_EMAIL: PointKind.EMAIL}.get(
            prop_number or -1, PointKind.OTHER
        )
        name = labels.get(label, "") if label is not None else ""
        if kind is PointKind.OTHER and not name:
            name = "url" if prop_number == PROPERTY_URL else f"property {prop_number}"
        points[record_id].append(ContactPoint(kind, name, text, values.row_id(uid)))
    for row in salvaged(ctx, "ABPerson", db.rows(db.select("ABPerson", PERSON_COLUMNS, "ROWID"))):
        row_id, first, last, middle, organization, nickname, note, created, modified = row
        first_name, middle_name = values.text(first, db.text), values.text(middle, db.text)
        given = " ".join(t for t in (first_name, middle_name) if t)
        family = values.text(last, db.text)
        org = values.text(organization, db.text)
        display = (
            values.person_name(first_name, family, middle_name) or org or values.text(nickname)
        )
        created_at = timeconv.mac_absolute(created)
        modified_at = timeconv.mac_absolute(modified)
        yield ContactRecord(
            "ABPerson",
            str(row_id),
            display,
            given,
            family,
            org,
            tuple(points.pop(row_id, [])),
            values.text(note, db.text),
            created_at,
            modified_at,
            f"{timeconv.raw_text(created)}/{timeconv.raw_text(modified)}",
        )
    if points:
        report.skip("ABMultiValue rows whose person is missing", sum(map(len, points.values())))


IMPORTER = SqliteImporter(
    name="ios_addressbook",
    title="iOS contacts (AddressBook.sqlitedb)",
    platform="ios",
    yields=("contact",),
    required={
        "ABPerson": ("ROWID", "First", "Last"),
        "ABMultiValue": ("record_id", "property", "value"),
    },
    optional={
        "ABPerson": ("Organization", "Middle", "Nickname", "Note", "CreationDate"),
        "ABMultiValue": ("UID", "label"),
        "ABMultiValueLabel": ("value",),
    },
    typical_paths=(
        "*/Library/AddressBook/AddressBook.sqlitedb",
        "*/31/31bb7ba8914766d4ba40d6dfb6113c8b614be442",
        "*AddressBook.sqlitedb",
    ),
    version_notes=(
        "iOS 4–17 keep this layout; iOS 9+ adds many ABPerson columns (ignored). Never query "
        "ABPersonFullTextSearch: its tokenizer is Apple's."
    ),
    parse=parse,
)
