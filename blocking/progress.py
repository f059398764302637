"""Progress and cancellation for long work, without depending on any UI.

Structurally the same protocol as the workstation's reporters (begin / advance /
is_cancelled), so those can be passed in as they are.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The caller cancelled; the transaction in progress was rolled back, nothing changed."""


class Progress(Protocol):
    def begin(self, total: int | None, label: str, unit: str = "") -> None: ...

    def advance(self, amount: int = 1, detail: str = "") -> None: ...

    def is_cancelled(self) -> bool: ...


class _NullProgress:
    def begin(self, total: int | None, label: str, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1, detail: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return False


NULL_PROGRESS: Progress = _NullProgress()


def check_cancelled(progress: Progress) -> None:
    if progress.is_cancelled():
        raise Cancelled
