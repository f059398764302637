"""What every OCR worker process does first: one thread for the engines, and die with the parent.

The batch runs photos in a pool of worker processes (370–550 MB each once the models are
loaded). When the main process is killed outright (kill -9, the OOM killer, a crash of the GUI),
nothing tells the pool to stop, and the workers and multiprocessing's resource tracker lived on
for good. Each worker therefore
  * asks Linux to send it SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG), and
  * watches its parent from a daemon thread, portably: multiprocessing hands a spawned child a
    pipe from its parent (`parent_process().sentinel`) that becomes readable when the parent
    is gone; the thread then ends the process at once.
The resource tracker exits by itself once the last process holding its pipe (the workers) is
gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.connection import wait

PR_SET_PDEATHSIG = 1
EXIT_PARENT_GONE = 70


def init_worker(parent_pid: int) -> None:
    """Pool initializer: `parent_pid` is the batch's process (os.getpid() where the pool was
    made), checked once more after the signal is armed in case it died in between."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # processes use the cores (domain.md §5)
    _die_with_parent_signal()
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(EXIT_PARENT_GONE)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(
            target=_exit_when_gone, args=(parent.sentinel,), name="parent-watch", daemon=True
        ).start()


def _die_with_parent_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the watching thread still ends the worker
        pass


def _exit_when_gone(sentinel: int) -> None:
    wait([sentinel])  # readable (EOF) only when the parent process has ended
    os._exit(EXIT_PARENT_GONE)
