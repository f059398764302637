"""Small text helpers the shell's widgets share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from forensics_app.services.records import Role


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


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
