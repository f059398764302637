"""Progress and cancellation for long work, without Qt: the CLI and the GUI each supply a
reporter; the work calls `advance` between units and stops at the next check after cancel."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from forensics_app.messages import Message


class Cancelled(Exception):
    """The user cancelled the work; whatever was committed before stays committed."""


class ProgressReporter(Protocol):
    def begin(self, total: int | None, label: str | Message, unit: str = "") -> None:
        """Start a phase: `total` units (None when unknown); unit "B" means bytes. `label`
        is shown to people: a Message (msg(...)) reads in their language."""

    def advance(self, amount: int = 1, detail: str = "") -> None: ...

    def is_cancelled(self) -> bool: ...


class NullProgress:
    """For callers that want neither progress nor cancel."""

    def begin(self, total: int | None, label: str | Message, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1, detail: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return False


class CancelToken:
    """A thread-safe flag shared between whoever cancels and whoever works."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def check_cancelled(progress: ProgressReporter) -> None:
    if progress.is_cancelled():
        raise Cancelled
