"""Text the screens show for values: times (in the workstation's zone, with the zone named),
sizes, counts, and a few helpers. Qt-light: models call these for every painted cell.

Times on screen follow one rule: the workstation's zone (Asia/Seoul unless configured) with its
abbreviation ("2026-05-13 12:00 KST"); UTC only where that is the point, and then labelled.
The zone comes from the workstation's Clock, set once by `use_clock` when the window opens.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from PySide6.QtCore import QByteArray, QCoreApplication, QDateTime, QLocale, QTimeZone

from blocking import InvalidNumberError, normalize_number
from forensics_app.clock import Clock, system_clock
from forensics_app.services.records import Role
from forensics_app.ui.display import rich


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (same name as Qt's macro) and returns it untranslated."""
    return text


_display: dict[str, Clock] = {}


def use_clock(clock: Clock) -> None:
    """The clock whose zone every time on screen is shown in (the workstation's)."""
    _display["clock"] = clock


def display_clock() -> Clock:
    clock = _display.get("clock")
    if clock is None:
        clock = _display["clock"] = system_clock()
    return clock


# ---- times ------------------------------------------------------------------------------------
def as_utc(moment: datetime) -> datetime:
    """Datetimes from the services; SQLite hands them back naive, in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def time_text(moment: datetime | None, seconds: bool = False, milliseconds: bool = False) -> str:
    """`moment` in the workstation's zone, the zone named: "2026-05-13 12:00 KST"."""
    return zoned_time_text(display_clock(), moment, seconds, milliseconds)


def zoned_time_text(
    clock: Clock, moment: datetime | None, seconds: bool = False, milliseconds: bool = False
) -> str:
    """`moment` in `clock`'s zone, the zone named ("2026-05-13 12:00:05.250 KST" with
    milliseconds); a naive value is UTC, as the services hand it back from SQLite."""
    if moment is None:
        return ""
    local = clock.local(as_utc(moment))
    if milliseconds:
        text = local.replace(tzinfo=None).isoformat(sep=" ", timespec="milliseconds")
    else:
        text = local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{text} {clock.zone_abbreviation(local)}"


def utc_time_text(moment: datetime | None, seconds: bool = False) -> str:
    if moment is None:
        return ""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return as_utc(moment).strftime(pattern) + " UTC"


def both_times_text(moment: datetime | None, seconds: bool = False) -> str:
    """Local and UTC: "2026-05-13 12:00 KST (03:00 UTC)" — for custody and seizure times."""
    if moment is None:
        return ""
    return f"{time_text(moment, seconds)} ({utc_time_text(moment, seconds)})"


def zone_label() -> str:
    """The workstation's zone as a reader calls it now ("KST")."""
    clock = display_clock()
    return clock.zone_abbreviation()


def date_text(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def workstation_zone(clock: Clock | None = None) -> QTimeZone:
    """The workstation's zone as Qt knows it (UTC if Qt's zone data lacks it)."""
    clock = clock or display_clock()
    zone = QTimeZone(QByteArray(clock.zone_name.encode()))
    return zone if zone.isValid() else QTimeZone.utc()


def now_in_zone(clock: Clock | None = None) -> QDateTime:
    """The clock's now, to the minute, as a QDateTime in the workstation's zone."""
    clock = clock or display_clock()
    seconds = int(clock.now().timestamp()) // 60 * 60
    return QDateTime.fromSecsSinceEpoch(seconds, workstation_zone(clock))


def from_qdatetime(value: QDateTime, zone: QTimeZone | None = None) -> datetime:
    """A date and time read on screen (wall time in `zone`, the workstation's by default)
    as an aware UTC datetime."""
    moment = QDateTime(value.date(), value.time(), zone or workstation_zone())
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)


# ---- sizes and counts ---------------------------------------------------------------------------
def size_text(size: int) -> str:
    """1.5 MB (powers of 1024 named KB, MB, GB, as Korean and English readers know them)."""
    return QLocale().formattedDataSize(size, 2, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def bytes_text(size: int) -> str:
    return QCoreApplication.translate("Formatting", "%1 bytes").replace(
        "%1", QLocale().toString(size)
    )


def count_text(value: int) -> str:
    return QLocale().toString(value)


def counted(value: int, one: str, many: str) -> str:
    """`one` or `many` (translated sources holding %1) with the count put in: English says
    "1 case" but "2 cases"; Korean uses one form, so both sources translate alike."""
    return (one if value == 1 else many).replace("%1", f"{value:,}")


# ---- other ------------------------------------------------------------------------------------
def pretty_location(location: str) -> str:
    """sqlite+pysqlite:////data/x.sqlite3 → /data/x.sqlite3; postgresql+psycopg://… →
    postgresql://… (the location already hides any password)."""
    scheme, sep, rest = location.partition("://")
    if not sep:
        return location
    if scheme.startswith("sqlite"):
        return rest[1:] if rest.startswith("/") else rest
    return f"{scheme.split('+')[0]}://{rest}"


def role_text(role: Role | str) -> str:
    labels = {
        Role.EXAMINER: QCoreApplication.translate("Role", "Examiner"),
        Role.REVIEWER: QCoreApplication.translate("Role", "Reviewer"),
        Role.ADMIN: QCoreApplication.translate("Role", "Administrator"),
    }
    try:
        return labels[Role(role)]
    except ValueError:
        return str(role)


# Only an address written as a number is one (a chat named "Call 01012345678" keeps its name).
_DIALLED = re.compile(r"\+?[\d\s().-]+")


def national_of(address: str) -> str:
    """A phone number as Korea writes it (01012345678, +821012345678 → 010-1234-5678); any
    other address (a name, an e-mail, a short code, a foreign number) as written."""
    if not _DIALLED.fullmatch(address.strip()):
        return address
    try:
        return normalize_number(address).national
    except InvalidNumberError:
        return address


def addresses_text(addresses: str) -> str:
    """A conversation's participants ("01055550000, 01022223333"), each as `national_of`."""
    return ", ".join(national_of(address) for address in addresses.split(", "))


def html_escape(text: str) -> str:
    """Text for a rich-text widget: HTML-escaped, hidden characters made visible."""
    return rich(text)


def joined(*parts: str, separator: str = " / ") -> str:
    return separator.join(part for part in parts if part)
