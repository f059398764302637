"""Ctrl-C that lands where Python cannot raise it (a finaliser, a weakref callback: SQLAlchemy
runs them while a clip's result is stored) still stops the command, and says nothing of it."""

from __future__ import annotations

import io
import os
import signal

import pytest

from forensics_app.cli.progress import TerminalProgress
from forensics_app.cli.runtime import interrupts


@pytest.mark.usefixtures("ctrl_c_delivered")
def test_a_ctrl_c_landing_in_a_finaliser_still_cancels_and_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It printed "Exception ignored in ... KeyboardInterrupt" and was lost: `cctv import`
    ran on to its end, exit 0 (seen with Ctrl-C halfway through 120 clips)."""
    progress = TerminalProgress(io.StringIO())
    put_back = interrupts()
    assert put_back is not None and not progress.is_cancelled()

    class Finalised:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs before __del__ returns

    try:
        Finalised()  # collected at once: Ctrl-C lands in __del__, where it cannot be raised
        assert progress.is_cancelled()  # the command stops at its next check
    finally:
        put_back()
    assert "KeyboardInterrupt" not in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    again = interrupts()  # the next command starts clear
    assert again is not None and not progress.is_cancelled()
    again()


def test_an_inherited_ignored_ctrl_c_is_honoured() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a background job
    try:
        assert interrupts() is None
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
