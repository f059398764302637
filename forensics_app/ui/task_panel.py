"""Status-bar widget listing running tasks: label, progress bar, ETA and a Cancel button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from forensics_app.ui.tasks import Task, TaskRunner

BAR_STEPS = 1000  # QProgressBar holds an int; byte counts do not fit, so show per-mille.
REFRESH_MS = 500
# A task gets a row only if it still runs after this long: the panes read off the GUI thread on
# every selection, and a row appearing and vanishing within a blink for each of them flickers.
SHOW_AFTER_MS = 300


def phase_text(label: str) -> str:
    """The services name their phases in English; show the known ones translated."""
    known = {
        "hashing": QCoreApplication.translate("TaskPanel", "hashing"),
        "verifying": QCoreApplication.translate("TaskPanel", "verifying"),
        "custody chain": QCoreApplication.translate("TaskPanel", "checking custody log"),
    }
    return known.get(label, label)


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return QCoreApplication.translate("TaskPanel", "{seconds} s left").format(seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return QCoreApplication.translate("TaskPanel", "{minutes} min {seconds} s left").format(
            minutes=minutes, seconds=seconds
        )
    hours, minutes = divmod(minutes, 60)
    return QCoreApplication.translate("TaskPanel", "{hours} h {minutes} min left").format(
        hours=hours, minutes=minutes
    )


def format_amount(amount: int, unit: str) -> str:
    if unit != "B":
        return f"{amount:,}"
    size = float(amount)
    for suffix in ("B", "KB", "MB", "GB"):
        if size < 1024 or suffix == "GB":
            return f"{size:,.0f} {suffix}" if suffix == "B" else f"{size:,.1f} {suffix}"
        size /= 1024
    return f"{size:,.1f} TB"  # pragma: no cover - unreachable, keeps mypy happy


class TaskRow(QWidget):
    def __init__(self, task: Task[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = task
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(task.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report says how much
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(160)
        self.bar.setFixedHeight(14)
        self.eta = QLabel()
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this task after the current file"))
        self.cancel_button.clicked.connect(self._cancel)
        for widget in (self.label, self.bar, self.eta, self.cancel_button):
            layout.addWidget(widget)
        self._detail = ""
        task.signals.progress.connect(self._on_progress)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    @Slot(str, "qint64", "qint64", str)
    def _on_progress(self, _label: str, _done: int, _total: int, detail: str) -> None:
        self._detail = detail
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the task's progress directly: the signals are rate-limited (the last update of
        a burst may never be sent) and the ETA should count down even between updates."""
        progress = self.task.progress
        label, done, total, unit = progress.label, progress.done, progress.total or 0, progress.unit
        phase = phase_text(label)
        self.label.setText(f"{self.task.label} — {phase}" if phase else self.task.label)
        if total > 0:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(min(BAR_STEPS, int(done * BAR_STEPS / total)))
            amount = f"{format_amount(done, unit)} / {format_amount(total, unit)}"
        else:
            self.bar.setRange(0, 0)
            amount = format_amount(done, unit)
        if self.task.cancel_requested:
            self.eta.setText(self.tr("cancelling…"))
        else:
            self.eta.setText(format_eta(progress.eta_seconds()))
        self.setToolTip(f"{amount}\n{self._detail}" if self._detail else amount)

    def detach(self) -> None:
        self._timer.stop()
        self.task.signals.progress.disconnect(self._on_progress)

    @Slot()
    def _cancel(self) -> None:
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.eta.setText(self.tr("cancelling…"))


class TaskPanel(QWidget):
    """Shows one row per task still running SHOW_AFTER_MS after it started; hidden while
    nothing (long enough) runs."""

    row_shown = Signal(object)  # the Task whose row just appeared

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[int, TaskRow] = {}
        self._waiting: dict[int, QTimer] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        runner.task_started.connect(self._on_started)
        runner.task_ended.connect(self._on_ended)
        self.setVisible(False)

    @property
    def rows(self) -> list[TaskRow]:
        return list(self._rows.values())

    @Slot(object)
    def _on_started(self, task: Task[Any]) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(SHOW_AFTER_MS)
        timer.timeout.connect(lambda: self._show_row(task))
        self._waiting[id(task)] = timer
        timer.start()

    def _show_row(self, task: Task[Any]) -> None:
        timer = self._waiting.pop(id(task), None)
        if timer is None:  # ended meanwhile
            return
        timer.deleteLater()
        row = TaskRow(task, self)
        self._rows[id(task)] = row
        self._layout.addWidget(row)
        self.setVisible(True)
        self.row_shown.emit(task)

    @Slot(object)
    def _on_ended(self, task: Task[Any]) -> None:
        timer = self._waiting.pop(id(task), None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        row = self._rows.pop(id(task), None)
        if row is not None:
            self._layout.removeWidget(row)
            row.detach()
            row.deleteLater()
        self.setVisible(bool(self._rows))
