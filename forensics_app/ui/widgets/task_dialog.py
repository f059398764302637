"""A dialog whose OK runs an op: the inputs lock while it runs, Cancel (or closing the dialog)
cancels it, a refusal leaves the dialog open with everything typed, and success closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLayout,
    QMessageBox,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.ui.tasks import Task, TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.messages import error_text, show_message
from forensics_app.ui.widgets.ops import Op
from forensics_app.ui.widgets.task_strip import TaskStrip

T = TypeVar("T")


def grow_with_contents(dialog: QDialog) -> None:
    """Never smaller than its contents: a reason shown under a field makes the dialog grow
    instead of squeezing the rows above it over each other. The width asked for with
    setMinimumWidth is kept (the layout's own minimum would replace it)."""
    layout = dialog.layout()
    if layout is None or layout.sizeConstraint() == QLayout.SizeConstraint.SetMinimumSize:
        return
    width = dialog.minimumWidth()
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    if (
        width > 0
        and isinstance(layout, QBoxLayout)
        and layout.direction()
        in (
            QBoxLayout.Direction.TopToBottom,
            QBoxLayout.Direction.BottomToTop,
        )
    ):
        layout.addStrut(width)


class TaskDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._running = False
        self.strip = TaskStrip(self)
        self.inputs = QWidget(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.last_message: QMessageBox | None = None
        self.cancelled_text = self.tr("Cancelled. Nothing was changed.")

    @property
    def running(self) -> bool:
        return self._running

    def showEvent(self, event: QShowEvent) -> None:
        grow_with_contents(self)
        super().showEvent(event)

    def run_op(
        self,
        label: str,
        work: Callable[[TaskProgress], T],
        done: Callable[[T], None],
        *,
        changes: Changed | Callable[[T], Changed] = Changed.NOTHING,
        refused: Callable[[UserError], None] | None = None,
    ) -> Task[Any] | None:
        self._set_running(True)
        return (
            Op(self.ctx, self, label, work)
            .progress(self.strip)
            .changes(changes)
            .ended(lambda: self._set_running(False))
            .failure(refused or (lambda error: self.warn(error_text(error))))
            .cancelled(lambda: self.inform(self.cancelled_text))
            .success(done)
            .run()
        )

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.inputs.setEnabled(not running)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not running)

    def reject(self) -> None:
        if self._running:
            self.strip.cancel()  # the dialog stays until the work has stopped
            return
        super().reject()

    def warn(self, text: str, details: str = "") -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Warning, self.windowTitle(), text, details=details
        )

    def inform(self, text: str, informative: str = "") -> None:
        self.last_message = show_message(
            self, QMessageBox.Icon.Information, self.windowTitle(), text, informative
        )
