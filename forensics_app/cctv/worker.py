"""What every CCTV analysis worker process does first. Light on purpose: a spawned worker
imports this before the analysis (PyAV, OpenCV, Tesseract's wrapper: seconds of importing),
so that its set-up is in place almost as soon as it starts."""

from __future__ import annotations

import signal

from forensics_app.ocr.worker import init_worker as init_engine_worker


def init_worker(parent_pid: int) -> None:
    """Pool initializer: `parent_pid` is the import's process (os.getpid() where the pool
    was made)."""
    # Ctrl-C in a terminal reaches every process of its group. The import's own process
    # cancels (it hands out no more clips, keeps what is done, and the workers finish the
    # clip in hand); a worker that took the KeyboardInterrupt itself died printing a
    # traceback on the examiner's screen.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_engine_worker(parent_pid)  # one engine thread each, and die with the parent
