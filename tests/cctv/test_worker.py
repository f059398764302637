"""CCTV analysis workers and Ctrl-C: a terminal sends SIGINT to every process of the group.
The import's own process cancels; a worker took the KeyboardInterrupt itself and died,
printing a traceback on the examiner's screen (and breaking the pool)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from forensics_app.cctv.worker import init_worker


def test_a_worker_lives_through_ctrl_c_without_a_traceback(
    capfd: pytest.CaptureFixture[str],
) -> None:
    context = multiprocessing.get_context("spawn")  # as the CCTV service makes its pool
    with ProcessPoolExecutor(
        1, mp_context=context, initializer=init_worker, initargs=(os.getpid(),)
    ) as pool:
        worker = pool.submit(os.getpid).result(timeout=60)
        os.kill(worker, signal.SIGINT)
        assert pool.submit(os.getpid).result(timeout=60) == worker  # the same worker, alive
    assert "Traceback" not in capfd.readouterr().err


def test_the_worker_set_up_loads_no_decoder() -> None:
    """The initializer's module is imported before it runs: the heavy analysis modules there
    would keep the worker open to Ctrl-C for seconds."""
    code = (
        "import sys, forensics_app.cctv.worker as w; "
        "print(sorted(m for m in ('av', 'cv2', 'pytesseract', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
