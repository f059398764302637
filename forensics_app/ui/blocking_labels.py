"""Shared pieces of the block-request screens: display names and colours of the library's
vocabularies, times and dates as the screens show them, and the one place where the library's
refusals become the workstation's UserError (so run_task and the dialogs show them as
messages, not as crashes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWidget

import blocking
from blocking import AdCategory, BlockingError, NumberType, RequestState, SourceKind
from forensics_app.errors import UserError
from forensics_app.progress import Cancelled
from forensics_app.ui.evidence_model import QT_TRANSLATE_NOOP, as_utc, local_time_text

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


def source_label(kind: SourceKind | str) -> str:
    return _tr(_SOURCE_LABELS[SourceKind(kind)])


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
    """The configured label (the agency edits it in routes.toml); the key if it was removed."""
    route = config.routes.get(key)
    return route.label if route is not None else key


def short_route_label(config: blocking.BlockingConfig, key: str) -> str:
    """The label up to its explanation in brackets: table cells are narrow."""
    return route_label(config, key).split(" (")[0]


# ---- times --------------------------------------------------------------------------------
def time_text(moment: datetime | None) -> str:
    return local_time_text(moment)


def date_text(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def age_days(created: datetime, now: datetime) -> int:
    return max(0, (as_utc(now) - as_utc(created)).days)


# ---- the library's refusals ---------------------------------------------------------------
class LibraryRefusal(UserError):
    """A BlockingError, carried as the workstation's UserError; `original` keeps its type
    (the export dialog offers to go on without missing photos for EvidenceFileError)."""

    def __init__(self, original: BlockingError) -> None:
        super().__init__(str(original))
        self.original = original


@contextmanager
def refusals() -> Iterator[None]:
    """Wrap library calls: refusals become UserError, the library's Cancelled the runner's."""
    try:
        yield
    except blocking.Cancelled as exc:
        raise Cancelled from exc
    except BlockingError as exc:
        raise LibraryRefusal(exc) from exc


# ---- small widgets helpers ----------------------------------------------------------------
def selected_rows(view: QAbstractItemView) -> list[int]:
    """Selected rows from the selection ranges (Ctrl+A over 100,000 rows stays cheap)."""
    rows: set[int] = set()
    selection_model = view.selectionModel()
    if selection_model is None:
        return []
    selection = selection_model.selection()
    for number in range(selection.count()):
        selection_range = selection.at(number)
        rows.update(range(selection_range.top(), selection_range.bottom() + 1))
    return sorted(rows)


@dataclass(frozen=True)
class Question:
    title: str
    text: str
    informative: str = ""


def ask(parent: QWidget, question: Question, on_yes: Callable[[], None]) -> QMessageBox:
    """A Yes/No question that does not block the caller; `on_yes` runs only for Yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        question.title,
        question.text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if question.informative:
        box.setInformativeText(question.informative)

    def clicked(button: object) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:  # type: ignore[arg-type]
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
