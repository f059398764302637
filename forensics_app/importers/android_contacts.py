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
from forensics_app.importers.base import (
    ParseContext,
    SqliteImporter,
    note_missing_optional,
    salvaged,
)
from forensics_app.importers.bulk import ContactTables
from forensics_app.importers.records import ContactPoint, ContactRecord, PointKind, Record
from forensics_app.importers.sqlite import DatabaseUnreadable, SqliteDatabase
from forensics_app.messages import msg

STANDARD = "vnd.android.cursor.item/"
NAME = STANDARD + "name"
PHONE = STANDARD + "phone_v2"
EMAIL = STANDARD + "email_v2"
ORGANIZATION = STANDARD + "organization"
NOTE = STANDARD + "note"
NICKNAME = STANDARD + "nickname"
WEBSITE = STANDARD + "website"
# Android's own kinds (ContactsContract.CommonDataKinds); a vendor may put its own under the
# same prefix (vnd.android.cursor.item/vnd.htc...), and those are vendor rows too.
STANDARD_KINDS = frozenset(
    STANDARD + kind
    for kind in (
        "name", "phone_v2", "email_v2", "organization", "note", "nickname", "website",
        "photo", "group_membership", "im", "postal-address_v2", "contact_event", "relation",
        "sip_address", "identity",
    )
)  # fmt: skip
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
    kinds = db.rows(db.select("mimetypes", ("_id", "mimetype")))
    mimetypes = {key: values.text(name) for key, name in salvaged(ctx, "mimetypes", kinds)}
    if ctx.bulk is not None and ctx.bulk.takes_contacts and _in_bulk(ctx, mimetypes):
        return
    contacts: dict[object, _Draft] = {}
    raw = db.rows(db.select("raw_contacts", ("_id", "display_name", "deleted"), "_id"))
    for row_id, display, deleted in salvaged(ctx, "raw_contacts", raw):
        contacts[row_id] = _Draft(values.text(display, db.text), bool(values.flag(deleted)))
    orphans = 0
    data = db.rows(db.select("data", DATA_COLUMNS) + " ORDER BY 2, 1")
    for row_id, raw_id, mimetype_id, data1, data2, data3, data4 in salvaged(ctx, "data", data):
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
        elif mimetype not in STANDARD_KINDS:
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
            # The provider fills display_name; a restored or hand-edited database may leave
            # it and the name row's own display empty with the parts still there.
            contact.display or values.person_name(contact.given, contact.family),
            contact.given,
            contact.family,
            contact.organization,
            tuple(contact.points),
            "\n".join(contact.notes),
            deleted=contact.deleted,
        )


# ---- the SQL path -----------------------------------------------------------------------------
def _in_bulk(ctx: ParseContext, mimetypes: dict[object, str]) -> bool:
    """Hand the contacts to the ingest's SQL path (ContactTables) where the tables hold only
    what its SQL reads exactly as `parse` does: integer ids, UTF-8 text without NUL, and for
    the type of a phone or e-mail an integer or digits. Then report what `parse` skips."""
    db, report = ctx.db, ctx.report
    assert ctx.bulk is not None
    if any(type(key) is not int for key in mimetypes):
        return False  # Python's dict matches 1.0 or True to 1, SQL's IN does not
    if not db.schema.has("data", "_id") or not db.schema.has("raw_contacts", "_id"):
        return False
    role = {name: [k for k, v in mimetypes.items() if v == name] for name in _KINDS_READ}
    standard = [k for k, v in mimetypes.items() if v in STANDARD_KINDS]
    data = {n: _column(db, "data", n, "d") for n in DATA_COLUMNS}
    row_id, raw_id, mimetype_id, data1, data2, data3, data4 = data.values()
    key, display, deleted = (_column(db, "raw_contacts", n, "r") for n in _RAW_READ)
    data_table, raw_table = db.quote("data"), db.quote("raw_contacts")
    typed = f"{mimetype_id} IN ({_ids(role[PHONE] + role[EMAIL])})"
    plain_number = (
        f"(typeof({data2}) = 'text' AND length({data2}) > 0 AND {data2} NOT GLOB '*[^0-9]*')"
    )
    texts = (data1, data2, data3, data4)
    # Ids equal to the rowid are distinct integers (SQLite's own for INTEGER PRIMARY KEY).
    odd_data = " OR ".join(
        [
            f"typeof({row_id}) <> 'integer' OR {row_id} <> d.rowid",
            *(f"typeof({c}) <> 'integer'" for c in (raw_id, mimetype_id)),
            *(f"typeof({t}) NOT IN ('text', 'null')" for t in (data1, data3, data4)),
            f"CASE WHEN {typed} THEN NOT (typeof({data2}) IN ('integer', 'null') OR "
            f"{plain_number}) ELSE typeof({data2}) NOT IN ('text', 'null') END",
        ]
    )
    # A contact whose name is only in its parts (no display name anywhere) has it composed
    # by parse (values.person_name); the SQL below does not compose names.
    # Uncorrelated IN lists: SQLite builds each once, where a correlated EXISTS scanned the
    # whole data table for every nameless contact (data.raw_contact_id need not be indexed).
    name_rows = (
        f"SELECT {raw_id} FROM {data_table} d "
        f"WHERE {raw_id} IS NOT NULL AND {_role(NAME, role, mimetype_id)}"
    )
    parts_only = (
        f"coalesce({display}, '') = '' "
        f"AND {key} NOT IN ({name_rows} AND length({data1}) > 0) "
        f"AND {key} IN ({name_rows} AND (length({data2}) > 0 OR length({data3}) > 0))"
    )
    odd_raw = " OR ".join(
        [
            f"typeof({key}) <> 'integer' OR {key} <> r.rowid",
            f"typeof({display}) NOT IN ('text', 'null')",
            f"typeof({deleted}) NOT IN ('integer', 'null')",
            parts_only,
        ]
    )
    # Text that is not UTF-8 (read by parse with a decoder that counts it) or holding NUL:
    # every text read here in the same scan, each value between ASCII separators; what the
    # decoder counted is put back.
    joined = " || char(1) || ".join(f"coalesce({t}, '')" for t in texts)
    decoded = (db.text.as_cp949, db.text.replaced)
    try:
        found = [
            *db.rows(
                f"SELECT sum({odd_data}), group_concat({joined}, char(1)) FROM {data_table} d"
            ),
            *db.rows(
                f"SELECT sum({odd_raw}), group_concat(coalesce({display}, ''), char(1)) "
                f"FROM {raw_table} r"
            ),
        ]
        odd = sum(int(number or 0) for number, _ in found)
    except DatabaseUnreadable:
        return False
    clean = all(text is None or "\x00" not in text for _, text in found)
    if odd or not clean or (db.text.as_cp949, db.text.replaced) != decoded:
        db.text.as_cp949, db.text.replaced = decoded
        return False
    tables = ContactTables(
        "raw_contacts",
        _contacts_sql(role, data, display, deleted, key, data_table, raw_table),
        _points_sql(role, data, key, data_table, raw_table),
    )
    if not ctx.bulk.take_contacts(tables, ctx):
        return False
    # What parse skips and counts: data rows of other mimetypes (in the order first met),
    # then those whose raw contact is missing.
    known = f"{raw_id} IN (SELECT {key} FROM {raw_table} r)"
    others = f"{known} AND {mimetype_id} NOT IN ({_ids(standard)})"
    counted = dict(
        db.rows(f"SELECT {mimetype_id}, count(*) FROM {data_table} d WHERE {others} GROUP BY 1")
    )
    met: list[object] = []
    if counted:
        for (mimetype_id_found,) in db.rows(
            f"SELECT {mimetype_id} FROM {data_table} d WHERE {others} ORDER BY {raw_id}, {row_id}"
        ):
            if mimetype_id_found not in met:
                met.append(mimetype_id_found)
                if len(met) == len(counted):
                    break
    for found_id in met:
        report.skip(
            msg(
                "data rows of vendor mimetype {mimetype!r} skipped",
                mimetype=mimetypes.get(found_id, "") or found_id,
            ),
            counted[found_id],
        )
    orphans = db.scalar(f"SELECT count(*) FROM {data_table} d WHERE NOT {known}")
    if orphans:
        report.skip("data rows whose raw contact is missing", orphans)
    return True


_KINDS_READ = (NAME, PHONE, EMAIL, ORGANIZATION, NOTE, NICKNAME, WEBSITE)
_RAW_READ = ("_id", "display_name", "deleted")


def _column(db: SqliteDatabase, table: str, name: str, alias: str) -> str:
    return f"{alias}.{db.quote(table, name)}" if db.schema.has(table, name) else "NULL"


def _ids(keys: list[object]) -> str:
    return ", ".join(str(key) for key in keys)


def _role(name: str, role: dict[str, list[object]], mimetype_id: str) -> str:
    return f"{mimetype_id} IN ({_ids(role[name])})"


def _contacts_sql(
    role: dict[str, list[object]],
    data: dict[str, str],
    display: str,
    deleted: str,
    key: str,
    data_table: str,
    raw_table: str,
) -> str:
    """One row per raw contact, as parse's drafts end: the last name row's display name
    (if not empty) and given and family names, the last organization row, the notes in
    order."""
    row_id, raw_id, mimetype_id, data1, data2, data3, data4 = data.values()

    def last(kind: str, columns: str, where: str = "") -> str:
        # SQLite gives the bare columns of the row where max() is found.
        return (
            f"SELECT {raw_id} AS c, {columns}, max({row_id}) FROM {{src}}.{data_table} d "
            f"WHERE {_role(kind, role, mimetype_id)}{where} GROUP BY 1"
        )

    value, title = f"coalesce({data1}, '')", f"coalesce({data4}, '')"
    organization = (
        f"CASE WHEN length({value}) > 0 AND length({title}) > 0 "
        f"THEN {value} || ' (' || {title} || ')' ELSE {value} || {title} END"
    )
    notes = (
        f"SELECT c, group_concat(v, char(10)) AS notes FROM (SELECT {raw_id} AS c, {data1} AS v "
        f"FROM {{src}}.{data_table} d WHERE {_role(NOTE, role, mimetype_id)} "
        f"AND length({data1}) > 0 ORDER BY {raw_id}, {row_id}) GROUP BY c"
    )
    return (
        f"SELECT {key} AS row, coalesce(dn.v, {display}, '') AS display, "
        "coalesce(gn.given, '') AS given, coalesce(gn.family, '') AS family, "
        "coalesce(o.v, '') AS organization, coalesce(nt.notes, '') AS notes, "
        f"coalesce({deleted} <> 0, 0) AS deleted "
        f"FROM {{src}}.{raw_table} r "
        f"LEFT JOIN ({last(NAME, f'{data1} AS v', f' AND length({data1}) > 0')}) dn "
        f"ON dn.c = {key} "
        f"LEFT JOIN ({last(NAME, f'{data2} AS given, {data3} AS family')}) gn ON gn.c = {key} "
        f"LEFT JOIN ({last(ORGANIZATION, f'{organization} AS v')}) o ON o.c = {key} "
        f"LEFT JOIN ({notes}) nt ON nt.c = {key} "
        f"ORDER BY {key}"
    )


def _points_sql(
    role: dict[str, list[object]], data: dict[str, str], key: str, data_table: str, raw_table: str
) -> str:
    """The contact points, as parse gathers them: phones and e-mails with their type's
    label, nicknames and websites when not empty."""
    row_id, raw_id, mimetype_id, data1, data2, data3, _ = data.values()

    def label(labels: dict[int, str]) -> str:
        named = " ".join(f"WHEN {n} THEN '{text}'" for n, text in labels.items())
        return (
            f"CASE WHEN {data2} IS NULL THEN '' "
            f"WHEN CAST({data2} AS INTEGER) = 0 "
            f"THEN CASE WHEN length({data3}) > 0 THEN {data3} ELSE 'custom' END "
            f"ELSE CASE CAST({data2} AS INTEGER) {named} ELSE '' END END"
        )

    phone, email = _role(PHONE, role, mimetype_id), _role(EMAIL, role, mimetype_id)
    nickname, website = _role(NICKNAME, role, mimetype_id), _role(WEBSITE, role, mimetype_id)
    return (
        f"SELECT {raw_id} AS contact_row, {row_id} AS point_row, "
        f"CAST({row_id} AS TEXT) AS row, "
        f"CASE WHEN {phone} THEN '{PointKind.PHONE}' WHEN {email} THEN '{PointKind.EMAIL}' "
        f"ELSE '{PointKind.OTHER}' END AS kind, "
        f"CASE WHEN {phone} THEN {label(PHONE_LABELS)} WHEN {email} THEN {label(EMAIL_LABELS)} "
        f"WHEN {nickname} THEN 'nickname' ELSE 'website' END AS label, "
        f"coalesce({data1}, '') AS value "
        f"FROM {{src}}.{data_table} d "
        f"WHERE {raw_id} IN (SELECT {key} FROM {{src}}.{raw_table} r) "
        f"AND ({phone} OR {email} OR (({nickname} OR {website}) AND length({data1}) > 0))"
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
