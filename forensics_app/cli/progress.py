"""Progress bars on a terminal; silence when piped (the command prints one summary line)."""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from forensics_app.cli.runtime import INTERRUPTED
from forensics_app.display import visible
from forensics_app.messages import Message


class TerminalProgress:
    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty()
        self._bar: tqdm | None = None

    def begin(self, total: int | None, label: str | Message, unit: str = "") -> None:
        self.close()
        if not self._enabled:
            return
        self._bar = tqdm(
            total=total,
            # A Message label (msg(...)) reads in the reader's language; services' plain labels
            # are shown as they come.
            desc=visible(label.render() if isinstance(label, Message) else label),
            unit=unit or "it",
            unit_scale=unit == "B",
            unit_divisor=1024 if unit == "B" else 1000,
            file=self._stream,
            leave=False,
            dynamic_ncols=True,
        )

    def advance(self, amount: int = 1, detail: str = "") -> None:
        if self._bar is not None:
            self._bar.update(amount)
            if detail:
                self._bar.set_postfix_str(visible(detail)[-40:], refresh=False)

    def is_cancelled(self) -> bool:
        # Ctrl-C raises KeyboardInterrupt in the main thread; one that could not be raised
        # where it landed is remembered (interrupts()).
        return INTERRUPTED.is_set()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
