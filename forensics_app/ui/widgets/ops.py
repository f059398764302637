"""The one way the GUI runs work off the GUI thread (Anki's CollectionOp / QueryOp):

    Op(ctx, self, self.tr("Verifying %1…").replace("%1", exhibit), work)
        .changes(Changed.ITEMS | Changed.CUSTODY)   # what it writes: views refresh themselves
        .progress(self.strip)                       # label, bar, time left and Cancel
        .ended(self._unlock)                        # first, whatever happened
        .success(self._verified)                    # the result, on the GUI thread
        .run()

`work` takes a TaskProgress (report progress, check `is_cancelled`). What comes back arrives
on the GUI thread, and only while `parent` still exists:

- the result goes to `success`, then the bus is told what changed;
- a refusal the user can understand (UserError, a refusal of the block-request library) goes to
  `failure` if given, else to the one error display (`show_error`: the message in the reader's
  language);
- a cancel goes to `cancelled`;
- a bug goes to the runner's error handler (the crash dialog), never to the user as a refusal.

Reads are ops that change nothing. Tests swap in SynchronousTaskRunner: the whole op, callbacks
included, has finished when `run()` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from blocking.errors import BlockingError
from blocking.progress import Cancelled as LibraryCancelled
from forensics_app.errors import UserError
from forensics_app.progress import Cancelled
from forensics_app.ui.tasks import Task, TaskProgress
from forensics_app.ui.widgets.columns import IdPageRead, LazyTableModel
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.messages import show_error
from forensics_app.ui.widgets.task_strip import TaskStrip

T = TypeVar("T")


class LibraryRefusal(UserError):
    """A refusal of the block-request library, carried as the workstation's UserError;
    `original` keeps its type (the export dialog offers to go on without missing photos)."""

    def __init__(self, original: BlockingError) -> None:
        super().__init__(str(original))
        self.template = original.template
        self.values = original.values
        self.original = original


@contextmanager
def refusals() -> Iterator[None]:
    """Wrap library calls made on the GUI thread: refusals become UserError, the library's
    Cancelled the runner's."""
    try:
        yield
    except LibraryCancelled as exc:
        raise Cancelled from exc
    except BlockingError as exc:
        raise LibraryRefusal(exc) from exc


@dataclass(frozen=True)
class _Refused:
    error: UserError


@dataclass(frozen=True)
class _Crashed:
    error: BaseException


class Op(Generic[T]):
    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget,
        label: str,
        work: Callable[[TaskProgress], T],
    ) -> None:
        self._ctx = ctx
        self._parent = parent
        self._label = label
        self._work = work
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[UserError], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._ended: Callable[[], None] | None = None
        self._changes: Changed | Callable[[T], Changed] = Changed.NOTHING
        self._changes_when_refused = Changed.NOTHING
        self._strip: TaskStrip | None = None
        self._error_title = ""

    # ---- building -----------------------------------------------------------------------
    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[UserError], None]) -> Op[T]:
        """Show a refusal in place (a dialog keeps its inputs) instead of the error message."""
        self._failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Op[T]:
        self._cancelled = callback
        return self

    def ended(self, callback: Callable[[], None]) -> Op[T]:
        """Runs first when the op is over, whatever happened (unlock the inputs here)."""
        self._ended = callback
        return self

    def changes(
        self, changed: Changed | Callable[[T], Changed], when_refused: Changed = Changed.NOTHING
    ) -> Op[T]:
        """What a successful run changed (or a function of its result); `when_refused`: what
        may have changed even so (a refusal that came after a first write landed)."""
        self._changes = changed
        self._changes_when_refused = when_refused
        return self

    def progress(self, strip: TaskStrip) -> Op[T]:
        self._strip = strip
        return self

    def error_title(self, title: str) -> Op[T]:
        self._error_title = title
        return self

    # ---- running ------------------------------------------------------------------------
    def run(self) -> Task[Any] | None:
        """Start; returns the task while it runs (None when it already finished)."""
        work = self._work

        def guarded(progress: TaskProgress) -> T | _Refused | _Crashed:
            try:
                return work(progress)
            except (Cancelled, LibraryCancelled) as exc:
                raise Cancelled from exc
            except UserError as exc:
                return _Refused(exc)
            except BlockingError as exc:
                return _Refused(LibraryRefusal(exc))
            except Exception as exc:
                return _Crashed(exc)

        finished = False

        def done(result: T | _Refused | _Crashed) -> None:
            nonlocal finished
            finished = True
            alive = self._alive()
            if alive:
                self._end()
            if isinstance(result, _Crashed):
                raise result.error  # to the runner's error handler: the crash dialog
            if not alive:
                return
            if isinstance(result, _Refused):
                self._refused(result.error)
                return
            if self._success is not None:
                self._success(result)
            changed = self._changes(result) if callable(self._changes) else self._changes
            self._ctx.bus.notify(changed, self._parent)

        def stopped() -> None:
            nonlocal finished
            finished = True
            if self._alive():
                self._end()
                if self._cancelled is not None:
                    self._cancelled()

        def broke(exc: BaseException) -> None:  # only BaseExceptions that are not Exceptions
            nonlocal finished
            finished = True
            if self._alive():
                self._end()
            raise exc

        if self._strip is not None:
            self._strip.start(self._label)
        task = self._ctx.runner.run(self._label, guarded, done, broke, stopped)
        if finished:
            return None
        if self._strip is not None:
            self._strip.watch(task)
        return task

    def _alive(self) -> bool:
        return shiboken6.isValid(self._parent)

    def _end(self) -> None:
        if self._strip is not None and shiboken6.isValid(self._strip):
            self._strip.stop()
        if self._ended is not None:
            self._ended()

    def _refused(self, error: UserError) -> None:
        if self._failure is not None:
            self._failure(error)
        else:
            box = show_error(self._parent, error, self._error_title)
            if hasattr(self._parent, "last_message"):  # screens keep it for tests to read
                self._parent.last_message = box
        self._ctx.bus.notify(self._changes_when_refused, self._parent)


def id_page_reader(
    ctx: UiContext, parent: QWidget, label: str, model: LazyTableModel[Any]
) -> Callable[[IdPageRead], None]:
    """A reader for `LazyTableModel.read_pages_with`: each page asked for is read as an op
    (off the GUI thread) and handed back to the model, which drops it if its rows were read
    again since and says a refusal once."""

    def read(asked: IdPageRead) -> None:
        Op(ctx, parent, label, lambda _p: model.fetcher(list(asked.ids))).success(
            lambda found: model.put_records(asked, found)
        ).failure(lambda error: model.read_failed(asked, error)).run()

    return read


class NewestRead(Generic[T]):
    """Reads of which only the newest counts (a list read again as filters change): each is
    an op; an answer, or a refusal, that comes back after a newer read was started is
    dropped."""

    def __init__(self, ctx: UiContext, parent: QWidget, label: str) -> None:
        self._ctx, self._parent, self._label = ctx, parent, label
        self._started = 0
        self._answered = 0

    @property
    def pending(self) -> bool:
        """A read was started and its answer has not come back yet."""
        return self._answered != self._started

    def run(
        self,
        work: Callable[[TaskProgress], T],
        show: Callable[[T], None],
        refused: Callable[[UserError], None],
    ) -> None:
        self._started += 1
        started = self._started

        def newest(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def answer(value: Any) -> None:
                if started == self._started:
                    self._answered = started
                    callback(value)

            return answer

        Op(self._ctx, self._parent, self._label, work).success(newest(show)).failure(
            newest(refused)
        ).run()
