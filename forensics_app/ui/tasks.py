"""The one way the GUI runs long work: off the GUI thread, with progress, ETA and cancel.

Work is a plain function taking a ProgressReporter. Results and errors come back on the GUI
thread through `on_success` / `on_failure`; without `on_failure`, errors go to the central
error dialog (user errors as a message, bugs to the crash handler). Tests use
`SynchronousTaskRunner`, which runs the work inline (like Picard's FakeThreadPool).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from forensics_app.errors import UserError
from forensics_app.messages import Message
from forensics_app.progress import Cancelled, CancelToken

log = logging.getLogger(__name__)
T = TypeVar("T")

Work = Callable[["TaskProgress"], T]
ErrorHandler = Callable[[BaseException], None]
MIN_SIGNAL_INTERVAL_S = 0.1


class TaskProgress:
    """ProgressReporter for a task: thread-safe, rate-limited, cancellable."""

    def __init__(self, task: Task[Any]) -> None:
        self._task = task
        self.token = CancelToken()
        self._lock = threading.Lock()
        self.total: int | None = None
        self.done = 0
        self.label = ""
        self.unit = ""
        self.started = time.monotonic()
        self._last_emit = 0.0

    def begin(self, total: int | None, label: str | Message, unit: str = "") -> None:
        # Rendered here, in the language the GUI chose (messages.set_language).
        shown = label.render() if isinstance(label, Message) else label
        with self._lock:
            self.total, self.label, self.unit, self.done = total, shown, unit, 0
            self.started = time.monotonic()
        self._emit(force=True)

    def advance(self, amount: int = 1, detail: str = "") -> None:
        with self._lock:
            self.done += amount
        self._emit(detail=detail)

    def is_cancelled(self) -> bool:
        return self.token.cancelled

    def flush(self) -> None:
        """The rate limit may have swallowed the last advance of a burst: show the final state."""
        self._emit(force=True)

    def eta_seconds(self) -> float | None:
        if not self.total or self.done <= 0:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed * (self.total - self.done) / self.done

    def _emit(self, detail: str = "", force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_emit < MIN_SIGNAL_INTERVAL_S:
            return
        self._last_emit = now
        self._task.signals.progress.emit(self.label, self.done, self.total or 0, detail)


class TaskSignals(QObject):
    """Created on the GUI thread; emitted from the worker, so delivery is queued."""

    progress = Signal(str, "qint64", "qint64", str)  # type: ignore[arg-type]  # label, done, total (0 = unknown), detail
    finished = Signal(object, object)  # task, result
    failed = Signal(object, object)  # task, exception
    cancelled = Signal(object)  # task


class Task(QRunnable, Generic[T]):
    def __init__(self, label: str, work: Work[T]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.label = label
        self.signals = TaskSignals()
        self.progress = TaskProgress(self)
        self._work = work

    def cancel(self) -> None:
        self.progress.token.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self.progress.token.cancelled

    def run(self) -> None:
        try:
            result = self._work(self.progress)
            self.progress.flush()
        except Cancelled:
            self.signals.cancelled.emit(self)
        except BaseException as exc:
            self.signals.failed.emit(self, exc)
        else:
            self.signals.finished.emit(self, result)


@dataclass(frozen=True)
class _Callbacks:
    on_success: Callable[[Any], None] | None
    on_failure: ErrorHandler | None
    on_cancelled: Callable[[], None] | None


class TaskRunner(QObject):
    """Runs tasks on a thread pool. `task_started` / `task_ended` let the window show them."""

    task_started = Signal(object)  # Task
    task_ended = Signal(object)  # Task

    def __init__(self, error_handler: ErrorHandler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._error_handler = error_handler
        self._callbacks: dict[Task[Any], _Callbacks] = {}

    def run(
        self,
        label: str,
        work: Work[T],
        on_success: Callable[[T], None] | None = None,
        on_failure: ErrorHandler | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task[T]:
        task: Task[T] = Task(label, work)
        self._callbacks[task] = _Callbacks(on_success, on_failure, on_cancelled)
        # Bound slots of this GUI-thread object: Qt queues the calls onto the GUI thread.
        task.signals.finished.connect(self._finish)
        task.signals.failed.connect(self._fail)
        task.signals.cancelled.connect(self._cancelled)
        self.task_started.emit(task)
        self._start(task)
        return task

    def _start(self, task: Task[Any]) -> None:
        self._pool.start(task)

    @property
    def active_tasks(self) -> list[Task[Any]]:
        return list(self._callbacks)

    def cancel_all(self) -> None:
        for task in list(self._callbacks):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _end(self, task: Task[Any]) -> _Callbacks:
        callbacks = self._callbacks.pop(task)
        self.task_ended.emit(task)
        return callbacks

    @Slot(object, object)
    def _finish(self, task: Task[Any], result: object) -> None:
        callbacks = self._end(task)
        if callbacks.on_success is not None:
            try:
                callbacks.on_success(result)
            except Exception as exc:
                self._error_handler(exc)

    @Slot(object, object)
    def _fail(self, task: Task[Any], exc: BaseException) -> None:
        callbacks = self._end(task)
        if not isinstance(exc, UserError):
            log.error("Task %r failed", task.label, exc_info=exc)
        (callbacks.on_failure or self._error_handler)(exc)

    @Slot(object)
    def _cancelled(self, task: Task[Any]) -> None:
        callbacks = self._end(task)
        log.info("Task %r cancelled", task.label)
        if callbacks.on_cancelled is not None:
            callbacks.on_cancelled()


class SynchronousTaskRunner(TaskRunner):
    """Runs each task inline on the calling thread: deterministic tests, same signals."""

    def _start(self, task: Task[Any]) -> None:
        task.run()
