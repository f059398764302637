"""Words the device-data screens show for stored vocabulary (directions, call types, services,
number kinds), translatable; and the time formatting those screens share."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from forensics_app.clock import Clock
from forensics_app.ui.widgets.formatting import zoned_time_text

_CONTEXT = "DeviceLabels"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (same name as Qt's macro) and returns it untranslated."""
    return text


KIND_LABELS = {
    "message": QT_TRANSLATE_NOOP("DeviceLabels", "Message"),
    "call": QT_TRANSLATE_NOOP("DeviceLabels", "Call"),
    "contact": QT_TRANSLATE_NOOP("DeviceLabels", "Contact"),
    "sighting": QT_TRANSLATE_NOOP("DeviceLabels", "Flyer sighting"),
    "cctv": QT_TRANSLATE_NOOP("DeviceLabels", "CCTV clip"),
}
DIRECTION_LABELS = {
    "incoming": QT_TRANSLATE_NOOP("DeviceLabels", "Incoming"),
    "outgoing": QT_TRANSLATE_NOOP("DeviceLabels", "Outgoing"),
    "unknown": QT_TRANSLATE_NOOP("DeviceLabels", "Unknown"),
}
STATUS_LABELS = {
    "received": QT_TRANSLATE_NOOP("DeviceLabels", "Received"),
    "sent": QT_TRANSLATE_NOOP("DeviceLabels", "Sent"),
    "draft": QT_TRANSLATE_NOOP("DeviceLabels", "Draft"),
    "outbox": QT_TRANSLATE_NOOP("DeviceLabels", "Outbox"),
    "failed": QT_TRANSLATE_NOOP("DeviceLabels", "Failed"),
    "queued": QT_TRANSLATE_NOOP("DeviceLabels", "Queued"),
}
SERVICE_LABELS = {
    "sms": QT_TRANSLATE_NOOP("DeviceLabels", "SMS"),
    "mms": QT_TRANSLATE_NOOP("DeviceLabels", "MMS"),
    "imessage": QT_TRANSLATE_NOOP("DeviceLabels", "iMessage"),
    "rcs": QT_TRANSLATE_NOOP("DeviceLabels", "RCS"),
    "other": QT_TRANSLATE_NOOP("DeviceLabels", "Other"),
    "phone": QT_TRANSLATE_NOOP("DeviceLabels", "Phone"),
    "facetime_audio": QT_TRANSLATE_NOOP("DeviceLabels", "FaceTime audio"),
    "facetime_video": QT_TRANSLATE_NOOP("DeviceLabels", "FaceTime video"),
    "app": QT_TRANSLATE_NOOP("DeviceLabels", "App"),
}
CALL_TYPE_LABELS = {
    "incoming": QT_TRANSLATE_NOOP("DeviceLabels", "Incoming"),
    "outgoing": QT_TRANSLATE_NOOP("DeviceLabels", "Outgoing"),
    "missed": QT_TRANSLATE_NOOP("DeviceLabels", "Missed"),
    "voicemail": QT_TRANSLATE_NOOP("DeviceLabels", "Voicemail"),
    "rejected": QT_TRANSLATE_NOOP("DeviceLabels", "Rejected"),
    "blocked": QT_TRANSLATE_NOOP("DeviceLabels", "Blocked"),
    "answered_elsewhere": QT_TRANSLATE_NOOP("DeviceLabels", "Answered elsewhere"),
    "unknown": QT_TRANSLATE_NOOP("DeviceLabels", "Unknown"),
}
NUMBER_KIND_LABELS = {
    "phone": QT_TRANSLATE_NOOP("DeviceLabels", "Phone number"),
    "email": QT_TRANSLATE_NOOP("DeviceLabels", "E-mail"),
    "short_code": QT_TRANSLATE_NOOP("DeviceLabels", "Short code"),
    "alphanumeric": QT_TRANSLATE_NOOP("DeviceLabels", "Sender name"),
}
# The standard labels of a contact's numbers and addresses as the importers store them (Android's
# type names, iOS's without their _$!<…>!$_), by their lower case; a label the owner typed
# is shown as typed.
POINT_LABELS = {
    "home": QT_TRANSLATE_NOOP("DeviceLabels", "home"),
    "mobile": QT_TRANSLATE_NOOP("DeviceLabels", "mobile"),
    "work": QT_TRANSLATE_NOOP("DeviceLabels", "work"),
    "work fax": QT_TRANSLATE_NOOP("DeviceLabels", "work fax"),
    "home fax": QT_TRANSLATE_NOOP("DeviceLabels", "home fax"),
    "pager": QT_TRANSLATE_NOOP("DeviceLabels", "pager"),
    "other": QT_TRANSLATE_NOOP("DeviceLabels", "other"),
    "callback": QT_TRANSLATE_NOOP("DeviceLabels", "callback"),
    "car": QT_TRANSLATE_NOOP("DeviceLabels", "car"),
    "company main": QT_TRANSLATE_NOOP("DeviceLabels", "company main"),
    "isdn": QT_TRANSLATE_NOOP("DeviceLabels", "ISDN"),
    "main": QT_TRANSLATE_NOOP("DeviceLabels", "main"),
    "other fax": QT_TRANSLATE_NOOP("DeviceLabels", "other fax"),
    "radio": QT_TRANSLATE_NOOP("DeviceLabels", "radio"),
    "telex": QT_TRANSLATE_NOOP("DeviceLabels", "telex"),
    "tty tdd": QT_TRANSLATE_NOOP("DeviceLabels", "TTY TDD"),
    "work mobile": QT_TRANSLATE_NOOP("DeviceLabels", "work mobile"),
    "work pager": QT_TRANSLATE_NOOP("DeviceLabels", "work pager"),
    "assistant": QT_TRANSLATE_NOOP("DeviceLabels", "assistant"),
    "mms": QT_TRANSLATE_NOOP("DeviceLabels", "MMS"),
    "custom": QT_TRANSLATE_NOOP("DeviceLabels", "custom"),
    "nickname": QT_TRANSLATE_NOOP("DeviceLabels", "nickname"),
    "website": QT_TRANSLATE_NOOP("DeviceLabels", "website"),
    "iphone": QT_TRANSLATE_NOOP("DeviceLabels", "iPhone"),
    "homefax": QT_TRANSLATE_NOOP("DeviceLabels", "home fax"),
    "workfax": QT_TRANSLATE_NOOP("DeviceLabels", "work fax"),
    "otherfax": QT_TRANSLATE_NOOP("DeviceLabels", "other fax"),
    "school": QT_TRANSLATE_NOOP("DeviceLabels", "school"),
    "homepage": QT_TRANSLATE_NOOP("DeviceLabels", "home page"),
}
REQUEST_STATE_LABELS = {
    "draft": QT_TRANSLATE_NOOP("DeviceLabels", "request drafted"),
    "awaiting_approval": QT_TRANSLATE_NOOP("DeviceLabels", "awaiting approval"),
    "approved": QT_TRANSLATE_NOOP("DeviceLabels", "request approved"),
    "submitted": QT_TRANSLATE_NOOP("DeviceLabels", "request submitted"),
    "suspended": QT_TRANSLATE_NOOP("DeviceLabels", "suspended"),
    "rejected": QT_TRANSLATE_NOOP("DeviceLabels", "request rejected"),
    "objection_filed": QT_TRANSLATE_NOOP("DeviceLabels", "objection filed"),
    "objection_upheld": QT_TRANSLATE_NOOP("DeviceLabels", "objection upheld"),
    "objection_denied": QT_TRANSLATE_NOOP("DeviceLabels", "objection denied"),
    "lift_requested": QT_TRANSLATE_NOOP("DeviceLabels", "lift requested"),
    "restored": QT_TRANSLATE_NOOP("DeviceLabels", "restored"),
    "terminated": QT_TRANSLATE_NOOP("DeviceLabels", "terminated"),
    "expired": QT_TRANSLATE_NOOP("DeviceLabels", "expired"),
    "withdrawn": QT_TRANSLATE_NOOP("DeviceLabels", "withdrawn"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def label(table: dict[str, str], value: str | None) -> str:
    """The translated word for a stored value; unknown values are shown as stored."""
    if not value:
        return ""
    found = table.get(value)
    return tr(found) if found is not None else value


def point_label(stored: str) -> str:
    """A contact point's label in the reader's language when it is a standard one."""
    found = POINT_LABELS.get(stored.casefold())
    return tr(found) if found is not None else stored


def local_text(clock: Clock, moment: datetime | None, seconds: bool = True) -> str:
    """A UTC time in the workstation's zone, with the zone's name (evidence times are read
    side by side with reports written elsewhere)."""
    return zoned_time_text(clock, moment, seconds)


def duration_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(max(seconds, 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def mark_text(flyer_sightings: int, request_state: str | None) -> str:
    """How a number in the flyer registry is marked next to device data."""
    text = tr(QT_TRANSLATE_NOOP("DeviceLabels", "On %1 flyer(s)")).replace(
        "%1", str(flyer_sightings)
    )
    if request_state:
        text += " · " + label(REQUEST_STATE_LABELS, request_state)
    return text
