"""Display names and colours of the block-request library's vocabularies (states, categories,
number types, sources, roles, routes), shared by the block-request screens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

import blocking
from blocking import AdCategory, NumberType, RequestState, SourceKind
from blocking.records import Deadline
from forensics_app import messages
from forensics_app.ui.widgets.formatting import (
    QT_TRANSLATE_NOOP,
    as_utc,
    date_text,
    display_clock,
    time_text,
)

_LABELS = "BlockingLabels"
S = RequestState

_STATE_LABELS = {
    S.DRAFT: QT_TRANSLATE_NOOP("BlockingLabels", "Draft"),
    S.AWAITING_APPROVAL: QT_TRANSLATE_NOOP("BlockingLabels", "Awaiting approval"),
    S.APPROVED: QT_TRANSLATE_NOOP("BlockingLabels", "Approved"),
    S.SUBMITTED: QT_TRANSLATE_NOOP("BlockingLabels", "Submitted"),
    S.SUSPENDED: QT_TRANSLATE_NOOP("BlockingLabels", "Suspended"),
    S.REJECTED: QT_TRANSLATE_NOOP("BlockingLabels", "Rejected"),
    S.OBJECTION_FILED: QT_TRANSLATE_NOOP("BlockingLabels", "Objection filed"),
    S.OBJECTION_UPHELD: QT_TRANSLATE_NOOP("BlockingLabels", "Objection upheld"),
    S.OBJECTION_DENIED: QT_TRANSLATE_NOOP("BlockingLabels", "Objection denied"),
    S.LIFT_REQUESTED: QT_TRANSLATE_NOOP("BlockingLabels", "Lift requested"),
    S.RESTORED: QT_TRANSLATE_NOOP("BlockingLabels", "Restored"),
    S.EXPIRED: QT_TRANSLATE_NOOP("BlockingLabels", "Expired"),
    S.TERMINATED: QT_TRANSLATE_NOOP("BlockingLabels", "Terminated"),
    S.WITHDRAWN: QT_TRANSLATE_NOOP("BlockingLabels", "Withdrawn"),
}
_CATEGORY_LABELS = {
    AdCategory.LENDING: QT_TRANSLATE_NOOP("BlockingLabels", "Illegal lending"),
    AdCategory.OBSCENE_ADULT: QT_TRANSLATE_NOOP("BlockingLabels", "Obscene / adult"),
    AdCategory.OTHER: QT_TRANSLATE_NOOP("BlockingLabels", "Other"),
}
_TYPE_LABELS = {
    NumberType.MOBILE: QT_TRANSLATE_NOOP("BlockingLabels", "Mobile"),
    NumberType.VOIP: QT_TRANSLATE_NOOP("BlockingLabels", "Internet phone (070)"),
    NumberType.PERSONAL: QT_TRANSLATE_NOOP("BlockingLabels", "Personal number (050x)"),
    NumberType.UAN: QT_TRANSLATE_NOOP("BlockingLabels", "Business number (15xx/16xx/18xx)"),
    NumberType.FIXED_LINE: QT_TRANSLATE_NOOP("BlockingLabels", "Landline"),
    NumberType.TOLL_FREE: QT_TRANSLATE_NOOP("BlockingLabels", "Toll-free (080)"),
    NumberType.PREMIUM_RATE: QT_TRANSLATE_NOOP("BlockingLabels", "Premium rate (060)"),
    NumberType.OTHER: QT_TRANSLATE_NOOP("BlockingLabels", "Other"),
}
_SOURCE_LABELS = {
    SourceKind.FLYER_PHOTO: QT_TRANSLATE_NOOP("BlockingLabels", "Flyer photo"),
    SourceKind.DEVICE_ARTIFACT: QT_TRANSLATE_NOOP("BlockingLabels", "Device artifact"),
    SourceKind.MANUAL: QT_TRANSLATE_NOOP("BlockingLabels", "Manual entry"),
}
# The encodings an answer file is read in (blocking.responses.open_response_table), as users
# know them from Excel's and Notepad's "save as" lists rather than Python's codec names.
_KOREAN_WINDOWS = QT_TRANSLATE_NOOP("BlockingLabels", "CP949/EUC-KR (Korean Windows)")
_ENCODING_LABELS = {
    "xlsx": QT_TRANSLATE_NOOP("BlockingLabels", "Excel workbook (XLSX)"),
    "utf-8": QT_TRANSLATE_NOOP("BlockingLabels", "UTF-8"),
    "utf-8-sig": QT_TRANSLATE_NOOP("BlockingLabels", "UTF-8 (BOM)"),
    "utf-16": QT_TRANSLATE_NOOP("BlockingLabels", "UTF-16"),
    "utf-16-le": QT_TRANSLATE_NOOP("BlockingLabels", "UTF-16"),
    "utf-16-be": QT_TRANSLATE_NOOP("BlockingLabels", "UTF-16"),
    "euc-kr": _KOREAN_WINDOWS,
    "cp949": _KOREAN_WINDOWS,
}
_ROLE_LABELS = {
    "examiner": QT_TRANSLATE_NOOP("BlockingLabels", "Examiner"),
    "reviewer": QT_TRANSLATE_NOOP("BlockingLabels", "Reviewer"),
    "admin": QT_TRANSLATE_NOOP("BlockingLabels", "Administrator"),
}

# (text, background): the state cell reads at a glance which requests need someone.
_STATE_COLOURS = {
    S.DRAFT: ("#4d4d4d", "#ececec"),
    S.AWAITING_APPROVAL: ("#7a4f00", "#fff1c7"),
    S.APPROVED: ("#0b4f8a", "#dceaf8"),
    S.SUBMITTED: ("#4b2c91", "#e9e1f8"),
    S.SUSPENDED: ("#1b6e20", "#dcf0d6"),
    S.REJECTED: ("#b00020", "#fde4e4"),
    S.OBJECTION_FILED: ("#9a4100", "#fde5d0"),
    S.OBJECTION_UPHELD: ("#9a4100", "#fde5d0"),
    S.OBJECTION_DENIED: ("#1b6e20", "#dcf0d6"),
    S.LIFT_REQUESTED: ("#9a4100", "#fde5d0"),
    S.RESTORED: ("#8a1538", "#f6e0e6"),
    S.EXPIRED: ("#5f5f5f", "#e6e6e6"),
    S.TERMINATED: ("#0e4d12", "#c9e6c5"),
    S.WITHDRAWN: ("#6b6b6b", "#f2f2f2"),
}
OVERDUE_RED = QColor("#b00020")
MUTED = QColor("#6b6b6b")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_LABELS, text)


def state_label(state: RequestState | str) -> str:
    return _tr(_STATE_LABELS[RequestState(state)])


def category_label(category: AdCategory | str) -> str:
    return _tr(_CATEGORY_LABELS[AdCategory(category)])


def type_label(number_type: NumberType | str) -> str:
    return _tr(_TYPE_LABELS[NumberType(number_type)])


def short_type_label(number_type: NumberType | str) -> str:
    """The type up to its example in brackets, for a narrow table cell ("Business number"
    for "Business number (15xx/16xx/18xx)"); the Korean labels have no space there and stay
    whole."""
    return type_label(number_type).split(" (")[0]


def source_label(kind: SourceKind | str) -> str:
    return _tr(_SOURCE_LABELS[SourceKind(kind)])


def encoding_label(encoding: str) -> str:
    """An answer file's encoding in words users know ("CP949/EUC-KR (Korean Windows)", not
    "euc-kr"); an encoding without a label as it is named."""
    source = _ENCODING_LABELS.get(encoding.lower())
    return _tr(source) if source else encoding


def role_label(role: str) -> str:
    source = _ROLE_LABELS.get(role)
    return _tr(source) if source else role


def state_text_colour(state: RequestState) -> QColor:
    return QColor(_STATE_COLOURS[state][0])


def state_background(state: RequestState) -> QColor:
    return QColor(_STATE_COLOURS[state][1])


def state_style(state: RequestState) -> str:
    """Style sheet for a state badge (a QLabel)."""
    text, background = _STATE_COLOURS[state]
    return (
        f"color: {text}; background: {background}; border: 1px solid {text};"
        " border-radius: 3px; padding: 2px 8px; font-weight: bold;"
    )


def route_label(config: blocking.BlockingConfig, key: str) -> str:
    """The configured label in the examiner's language (the agency edits both in routes.toml);
    the key if the route was removed."""
    route = config.routes.get(key)
    return route.label_in(messages.language()) if route is not None else key


def agency_label(config: blocking.BlockingConfig, agency: str) -> str:
    """A requesting agency as stored, the configured one by its English name in English."""
    return config.agency_in(agency, messages.language())


def legal_basis_label(config: blocking.BlockingConfig, key: str, stored: str) -> str:
    """A request's legal basis as stored (Korean, what the submission cites), in English when
    it is still the route's configured one and an English text is given."""
    route = config.routes.get(key)
    if route is None or stored != route.legal_basis:
        return stored
    return route.legal_basis_in(messages.language())


def short_route_label(config: blocking.BlockingConfig, key: str) -> str:
    """The label up to its explanation in brackets: table cells are narrow."""
    return route_label(config, key).split(" (")[0]


# ---- times --------------------------------------------------------------------------------
def age_days(created: datetime, now: datetime) -> int:
    return max(0, (as_utc(now) - as_utc(created)).days)


def deadline_text(deadline: Deadline, state_changed_at: datetime) -> str:
    """What a request waits for and by when, in the workstation's zone with the zone named:
    the request screen's Deadline row, and the tooltip of the queue's OVERDUE badge."""
    # In the request screen's context: its Korean was written there first.
    if deadline.due_at is not None:
        return (
            QCoreApplication.translate(
                "RequestDetailPanel", "Answer expected by %1, %2 hours after %3"
            )
            .replace("%1", time_text(deadline.due_at))
            .replace("%2", str(deadline.days))
            .replace("%3", time_text(state_changed_at))
        )
    if deadline.kind == "objection":
        template = QCoreApplication.translate(
            "RequestDetailPanel",
            "The subscriber may object until %1 (%2 days after the suspension began "
            "on %3; days in %4)",
        )
    else:
        template = QCoreApplication.translate(
            "RequestDetailPanel",
            "The objection is to be decided by %1 (%2 days after it was filed on %3; days in %4)",
        )
    return (
        template.replace("%1", date_text(deadline.due_on))
        .replace("%2", str(deadline.days))
        .replace("%3", date_text(deadline.start))
        .replace("%4", display_clock().zone_name)
    )
