"""Messages to the user: one non-blocking message box, one error display, one question.

Errors are shown with `forensics_app.messages.describe`, so the services' and the block-request
library's refusals read in the user's language; a bug never reaches here (the crash handler
shows those)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from forensics_app.messages import describe


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
    text = error if isinstance(error, str) else describe(error)
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
