"""A strip showing one running task: what it does, a progress bar, the time left and Cancel.
Hidden when idle. Dialogs and panes put one where the user looks while they wait."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from forensics_app.ui.tasks import Task
from forensics_app.ui.widgets.formatting import size_text

BAR_STEPS = 1000  # QProgressBar holds an int; byte counts do not fit, so show per-mille


def duration_text(seconds: float) -> str:
    if seconds < 60:
        return QCoreApplication.translate("TaskStrip", "%1 s").replace(
            "%1", str(max(1, round(seconds)))
        )
    if seconds < 3600:
        return QCoreApplication.translate("TaskStrip", "%1 min").replace(
            "%1", str(round(seconds / 60))
        )
    return (
        QCoreApplication.translate("TaskStrip", "%1 h %2 min")
        .replace("%1", str(int(seconds // 3600)))
        .replace("%2", str(round(seconds % 3600 / 60)))
    )


class TaskStrip(QWidget):
    """Progress of one running task, with ETA and a Cancel button. Hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task[Any] | None = None
        self._text = ""
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(True)
        self.bar.setFixedWidth(200)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    @property
    def task(self) -> Task[Any] | None:
        return self._task

    def start(self, text: str) -> None:
        self._task = None
        self._text = text
        self.label.setText(text)
        self.bar.setFormat("%p%")
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.show()

    def watch(self, task: Task[Any]) -> None:
        self._task = task
        task.signals.progress.connect(self._progress)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def stop(self) -> None:
        if self._task is not None and shiboken6.isValid(self._task.signals):
            self._task.signals.progress.disconnect(self._progress)
        self._task = None
        self.hide()

    def _progress(self, _label: str, done: int, total: int, detail: str) -> None:
        task = self._task
        if task is None:
            return
        if total <= 0:
            self.bar.setRange(0, 0)
            self.bar.setToolTip(detail)
            return
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(min(BAR_STEPS, done * BAR_STEPS // total))
        if task.progress.unit == "B":
            amount = (
                self.tr("%1 of %2").replace("%1", size_text(done)).replace("%2", size_text(total))
            )
        else:
            amount = f"{done:,} / {total:,}"
        eta = task.progress.eta_seconds()
        if eta is not None:
            amount += " — " + self.tr("about %1 left").replace("%1", duration_text(eta))
        self.label.setText(f"{self._text}  {amount}")
        self.bar.setToolTip(detail)
