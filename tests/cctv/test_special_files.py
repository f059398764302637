"""A FIFO or a device node in a seized folder (full file-system dumps hold them): telling a
recorder export from a phone extraction must not open it (a FIFO blocks its reader until
someone writes: `forensics-app import` hung)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from forensics_app.cctv.detect import ClipFormat, detect, looks_like_cctv_export
from tests.importers import samples


def _finishes(work: threading.Thread, fifo: Path) -> bool:
    work.start()
    work.join(timeout=60)  # a hang guard, not a speed check: the work takes milliseconds
    if work.is_alive():
        with open(fifo, "wb"):  # release the blocked reader so the test run can end
            pass
        work.join()
        return False
    return True


def test_a_fifo_in_a_phone_extraction_is_never_opened(tmp_path: Path) -> None:
    root = samples.android_extraction(tmp_path / "dump")
    fifo = root / "data/local/tmp/pipe"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    answers: list[bool] = []
    work = threading.Thread(target=lambda: answers.append(looks_like_cctv_export([root])))
    assert _finishes(work, fifo), "looks_like_cctv_export opened the FIFO"
    assert answers == [False]  # a phone's extraction
    found: list[ClipFormat] = []
    work = threading.Thread(target=lambda: found.append(detect(fifo).format))
    assert _finishes(work, fifo), "detect opened the FIFO"
    assert found == [ClipFormat.UNREADABLE]
