"""Android contacts: `contacts2.db` of the contacts provider.

raw_contacts (one per account) → data (data1..data15) → mimetypes. Read: name (data1 display,
data2 given, data3 family), phone_v2 (data1 number, data2 type, data3 custom label), email_v2,
organization (data1 company), note. Other standard kinds are not contact points (photos,
groups, ...). Vendor mimetypes (HTC, Samsung, apps) are skipped and counted, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from forensics_app.importers import values
from forensics_app.importers.base import ParseContext, SqliteImporter, note_missing_optional
from forensics_app.importers.records import ContactPoint, ContactRecord, PointKind, Record
from forensics_app.messages import msg

STANDARD = "vnd.android.cursor.item/"
NAME = STANDARD + "name"
PHONE = STANDARD + "phone_v2"
EMAIL = STANDARD + "email_v2"
ORGANIZATION = STANDARD + "organization"
NOTE = STANDARD + "note"
NICKNAME = STANDARD + "nickname"
WEBSITE = STANDARD + "website"
PHONE_LABELS = {
    1: "home", 2: "mobile", 3: "work", 4: "work fax", 5: "home fax", 6: "pager", 7: "other",
    8: "callback", 9: "car", 10: "company main", 11: "ISDN", 12: "main", 13: "other fax",
    14: "radio", 15: "telex", 16: "TTY TDD", 17: "work mobile", 18: "work pager",
    19: "assistant", 20: "MMS",
}  # fmt: skip
EMAIL_LABELS = {1: "home", 2: "work", 3: "other", 4: "mobile"}
DATA_COLUMNS = ("_id", "raw_contact_id", "mimetype_id", "data1", "data2", "data3", "data4")


@dataclass
class _Draft:
    display: str
    deleted: bool
    given: str = ""
    family: str = ""
    organization: str = ""
    notes: list[str] = field(default_factory=list)
    points: list[ContactPoint] = field(default_factory=list)


def parse(ctx: ParseContext) -> Iterator[Record]:
    db, report = ctx.db, ctx.report
    note_missing_optional(ctx, IMPORTER)
    report.version = f"contacts provider, user_version {db.schema.user_version}"
    mimetypes = {
        key: values.text(name) for key, name in db.rows(db.select("mimetypes", ("_id", "mimetype")))
    }
    contacts: dict[object, _Draft] = {}
    for row_id, display, deleted in db.rows(
        db.select("raw_contacts", ("_id", "display_name", "deleted"), "_id")
    ):
        contacts[row_id] = _Draft(values.text(display, db.text), bool(values.flag(deleted)))
    orphans = 0
    for row_id, raw_id, mimetype_id, data1, data2, data3, data4 in db.rows(
        db.select("data", DATA_COLUMNS) + " ORDER BY 2, 1"
    ):
        contact = contacts.get(raw_id)
        if contact is None:
            orphans += 1
            continue
        mimetype = mimetypes.get(mimetype_id, "")
        value = values.text(data1, db.text)
        if mimetype == NAME:
            contact.display = value or contact.display
            contact.given = values.text(data2, db.text)
            contact.family = values.text(data3, db.text)
        elif mimetype == PHONE:
            label = _label(PHONE_LABELS, data2, data3)
            contact.points.append(ContactPoint(PointKind.PHONE, label, value, str(row_id)))
        elif mimetype == EMAIL:
            label = _label(EMAIL_LABELS, data2, data3)
            contact.points.append(ContactPoint(PointKind.EMAIL, label, value, str(row_id)))
        elif mimetype == ORGANIZATION:
            title = values.text(data4, db.text)
            contact.organization = value + (f" ({title})" if title and value else title)
        elif mimetype == NOTE:
            if value:
                contact.notes.append(value)
        elif mimetype in (NICKNAME, WEBSITE):
            if value:
                kind = "nickname" if mimetype == NICKNAME else "website"
                contact.points.append(ContactPoint(PointKind.OTHER, kind, value, str(row_id)))
        elif not mimetype.startswith(STANDARD):
            report.skip(
                msg(
                    "data rows of vendor mimetype {mimetype!r} skipped",
                    mimetype=mimetype or mimetype_id,
                )
            )
    if orphans:
        report.skip("data rows whose raw contact is missing", orphans)
    for row_id, contact in contacts.items():
        yield ContactRecord(
            "raw_contacts",
            str(row_id),
            contact.display,
            contact.given,
            contact.family,
            contact.organization,
            tuple(contact.points),
            "\n".join(contact.notes),
            deleted=contact.deleted,
        )


def _label(labels: dict[int, str], kind: object, custom: object) -> str:
    number = values.integer(kind)
    if number == 0:
        return values.text(custom) or "custom"
    return labels.get(number or -1, "")


IMPORTER = SqliteImporter(
    name="android_contacts",
    title="Android contacts (contacts2.db)",
    platform="android",
    yields=("contact",),
    required={
        "raw_contacts": ("_id",),
        "data": ("raw_contact_id", "mimetype_id", "data1"),
        "mimetypes": ("_id", "mimetype"),
    },
    optional={"raw_contacts": ("display_name", "deleted"), "data": ("data2", "data3", "data4")},
    typical_paths=(
        "*/com.android.providers.contacts/databases/contacts2.db",
        "*/com.samsung.android.providers.contacts/databases/contacts2.db",
        "*contacts2.db",
    ),
    version_notes=(
        "The raw_contacts / data / mimetypes layout is unchanged since Android 2. Vendors add "
        "mimetypes of their own (skipped and counted)."
    ),
    parse=parse,
)
