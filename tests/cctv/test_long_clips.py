"""Recordings of hours: a bounded number of pictures is kept and read, spread over the whole
clip. (A 2-hour export failed with "tesseract failed: Image too large (715, 63832)": 720
samples stacked on one sheet, and 720 decoded pictures held in memory.)"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from forensics_app.cctv.detect import detect
from forensics_app.cctv.osd import SHEET_LINES, read_lines
from forensics_app.cctv.probe import MAX_SAMPLES, probe
from tests.cctv.conftest import MakeClip, small


def test_a_clip_with_more_due_samples_than_the_limit_is_sampled_evenly(make: MakeClip) -> None:
    # Every picture a key frame and a sample due at each: 100 candidates, as 2 hours at one
    # per 10 s would give 720.
    clip = make("mp4", small(duration=4, gop=1))
    info = probe(clip, detect(clip), sample_every=0.0)
    assert info.key_frames == 100
    times = [s.time_s for s in info.samples]
    assert MAX_SAMPLES // 2 <= len(times) <= MAX_SAMPLES + 1  # the last frame comes on top
    assert times[0] == 0.0 and info.samples[-1].index == 99
    steps = np.diff(times[:-1])
    assert steps.max() <= 2 * steps.min() + 1e-6  # even: no stretch left unsampled
    assert times[-2] >= 3.5


def _clock_line(text: str) -> np.ndarray:
    line = np.full((40, 440), 255, np.uint8)
    cv2.putText(line, text, (4, 30), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2, cv2.LINE_AA)
    return line


@pytest.mark.parametrize("count", [SHEET_LINES + 120])
def test_more_lines_than_one_tesseract_sheet_holds_are_all_read(count: int) -> None:
    texts = [f"2021-06-08 08:{minute:02d}:12" for minute in range(60)]
    crops = [_clock_line(texts[n % 60]) for n in range(count)]
    read = read_lines(crops, "eng")
    assert len(read) == count
    right = sum(
        got.replace(" ", "") == texts[n % 60].replace(" ", "") for n, got in enumerate(read)
    )
    assert right >= 0.95 * count
