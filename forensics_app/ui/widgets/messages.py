"""Messages to the user: one non-blocking message box, one error display, one question.

Errors are shown with `forensics_app.messages.describe`, so the services' and the block-request
library's refusals read in the user's language; a bug never reaches here (the crash handler
shows those)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from blocking.errors import InvalidNumberError
from forensics_app.messages import describe
from forensics_app.ui.widgets.formatting import QT_TRANSLATE_NOOP

_NUMBER = "NumberErrors"
_NUMBER_PROBLEMS = {
    "too_short": QT_TRANSLATE_NOOP("NumberErrors", "%1 is too short to be a Korean phone number."),
    "too_long": QT_TRANSLATE_NOOP("NumberErrors", "%1 is too long to be a Korean phone number."),
    "not_valid": QT_TRANSLATE_NOOP("NumberErrors", "%1 is not a valid Korean phone number."),
}
# How numbers starting so are written (the library's own hints, by prefix, longest first).
_NUMBER_HINTS = (
    (
        "010",
        QT_TRANSLATE_NOOP(
            "NumberErrors", "010 mobile numbers have 8 digits after 010 (010-1234-5678)."
        ),
    ),
    (
        "070",
        QT_TRANSLATE_NOOP(
            "NumberErrors", "070 VoIP numbers have 8 digits after 070 (070-1234-5678)."
        ),
    ),
    (
        "050",
        QT_TRANSLATE_NOOP(
            "NumberErrors", "050x personal numbers look like 0505-1234-5678 or 0504-123-4567."
        ),
    ),
    ("15", QT_TRANSLATE_NOOP("NumberErrors", "15xx/16xx/18xx numbers have 8 digits (1588-1234).")),
    ("16", QT_TRANSLATE_NOOP("NumberErrors", "15xx/16xx/18xx numbers have 8 digits (1644-1234).")),
    ("18", QT_TRANSLATE_NOOP("NumberErrors", "15xx/16xx/18xx numbers have 8 digits (1800-1234).")),
    ("080", QT_TRANSLATE_NOOP("NumberErrors", "080 toll-free numbers look like 080-123-4567.")),
    (
        "02",
        QT_TRANSLATE_NOOP("NumberErrors", "Seoul numbers look like 02-123-4567 or 02-1234-5678."),
    ),
    (
        "0",
        QT_TRANSLATE_NOOP(
            "NumberErrors", "Area-code numbers look like 031-123-4567 or 031-1234-5678."
        ),
    ),
)


def error_text(error: BaseException) -> str:
    """An error in the reader's language. The library explains a mistyped number in a
    sentence it composes (problem + how such numbers are written), which its catalog cannot
    carry: the screens say it from the error's reason code instead."""
    if isinstance(error, InvalidNumberError) and error.reason in _NUMBER_PROBLEMS:
        shown = repr(error.text.strip())
        digits = "".join(ch for ch in error.text if ch.isdigit())
        national = "0" + digits[2:] if digits.startswith("82") and len(digits) > 9 else digits
        text = QCoreApplication.translate(_NUMBER, _NUMBER_PROBLEMS[error.reason]).replace(
            "%1", shown
        )
        hint = next((h for prefix, h in _NUMBER_HINTS if national.startswith(prefix)), None)
        if hint is not None:
            text += " " + QCoreApplication.translate(_NUMBER, hint)
        return text
    original = getattr(error, "original", None)  # a library refusal carried as a UserError
    if isinstance(original, BaseException) and original is not error:
        return error_text(original)
    return describe(error)


def show_message(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    details: str = "",
) -> QMessageBox:
    """A window-modal message that does not block the caller (tests and the event loop go on).
    It deletes itself when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.open()
    return box


def error_title(parent: QWidget | None) -> str:
    """A dialog's own title; for a pane of the main window, a plain one."""
    if parent is not None and parent.isWindow() and parent.windowTitle():
        return parent.windowTitle()
    return QCoreApplication.translate("Messages", "Cannot complete the action")


def show_error(
    parent: QWidget | None, error: BaseException | str, title: str = "", informative: str = ""
) -> QMessageBox:
    """The one way a refused action is reported: a warning in the reader's language."""
    text = error if isinstance(error, str) else error_text(error)
    return show_message(
        parent, QMessageBox.Icon.Warning, title or error_title(parent), text, informative
    )


def show_info(
    parent: QWidget | None, text: str, title: str = "", informative: str = ""
) -> QMessageBox:
    return show_message(
        parent, QMessageBox.Icon.Information, title or error_title(parent), text, informative
    )


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
