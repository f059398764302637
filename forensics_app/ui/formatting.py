"""Small text helpers the shell's widgets share."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QDateTime, QTimeZone

from forensics_app.clock import Clock
from forensics_app.services.records import Role
from forensics_app.ui.display import rich


def pretty_location(location: str) -> str:
    """sqlite+pysqlite:////data/x.sqlite3 → /data/x.sqlite3; postgresql+psycopg://… →
    postgresql://… (the location already hides any password)."""
    scheme, sep, rest = location.partition("://")
    if not sep:
        return location
    if scheme.startswith("sqlite"):
        return rest[1:] if rest.startswith("/") else rest
    return f"{scheme.split('+')[0]}://{rest}"


def role_text(role: Role) -> str:
    labels = {
        Role.EXAMINER: QCoreApplication.translate("Role", "Examiner"),
        Role.REVIEWER: QCoreApplication.translate("Role", "Reviewer"),
        Role.ADMIN: QCoreApplication.translate("Role", "Administrator"),
    }
    return labels[role]


def workstation_zone(clock: Clock) -> QTimeZone:
    """The workstation's zone as Qt knows it (UTC if Qt's zone data lacks it)."""
    zone = QTimeZone(QByteArray(clock.zone_name.encode()))
    return zone if zone.isValid() else QTimeZone.utc()


def now_in_zone(clock: Clock) -> QDateTime:
    """The clock's now, to the minute, as a QDateTime in the workstation's zone."""
    seconds = int(clock.now().timestamp()) // 60 * 60
    return QDateTime.fromSecsSinceEpoch(seconds, workstation_zone(clock))


def html_escape(text: str) -> str:
    """Text for a rich-text widget: HTML-escaped, hidden characters made visible."""
    return rich(text)
