"""Tesseract (`kor`) for the lines PP-OCR cannot read: Hangul numerals and ad keywords.

All the lines of a photo that need it go to ONE tesseract run: each line crop is binarised,
scaled to a fixed height and stacked on a white "sheet" with gaps, and words in the TSV output
are put back to their line by their vertical position. Starting tesseract and loading the Korean
model costs more than reading a dozen short lines, so one run per photo instead of one per line
is what keeps this affordable. `OMP_THREAD_LIMIT=1` is always set: with OpenMP threads on, two
parallel tesseracts ran three times slower than two single-threaded ones on a 2-core machine.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass

import cv2
import numpy as np

from forensics_app.ocr.errors import OcrEngineError

LINE_HEIGHT = 44  # pixels per sheet line: text ~30 px high, Tesseract's comfortable size
GAP = 22
MARGIN = 16
TIMEOUT_S = 60


@dataclass(frozen=True)
class SheetLine:
    text: str
    confidence: float  # mean word confidence, 0..1


def tesseract_binary() -> str:
    found = shutil.which("tesseract")
    if not found:
        raise OcrEngineError(
            "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-kor"
        )
    return found


def binarise(crop_bgr: np.ndarray) -> np.ndarray:
    """Dark text on white, whatever the colours: red on yellow, white on red, yellow on black.

    The grey channel loses text whose brightness matches the paper (red on pink); of grey and
    the three colour channels, the one whose Otsu split separates the two classes best is used,
    and the minority class (the ink) is made black.
    """
    channels = [cv2.cvtColor(crop_bgr, cv2.COLOR_BGR2GRAY), *cv2.split(crop_bgr)]
    best: np.ndarray | None = None
    best_score = -1.0
    for channel in channels:
        threshold, binary = cv2.threshold(channel, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        low = channel[channel <= threshold]
        high = channel[channel > threshold]
        if low.size == 0 or high.size == 0:
            continue
        weight = low.size * high.size / channel.size**2
        score = weight * (float(high.mean()) - float(low.mean())) ** 2 / (float(channel.var()) + 1)
        if score > best_score:
            best_score, best = score, binary
    if best is None:
        return np.full(crop_bgr.shape[:2], 255, np.uint8)
    # the ink is the smaller class; border pixels are almost always paper
    if np.count_nonzero(best) < best.size / 2:
        best = 255 - best
    return best


def read_lines(crops_bgr: list[np.ndarray], lang: str = "kor") -> list[SheetLine]:
    """Text and confidence of each crop (horizontal text lines), in one tesseract run."""
    if not crops_bgr:
        return []
    scaled = []
    for crop in crops_bgr:
        binary = binarise(crop)
        h, w = binary.shape
        width = max(1, round(w * LINE_HEIGHT / max(h, 1)))
        interpolation = cv2.INTER_AREA if h > LINE_HEIGHT else cv2.INTER_CUBIC
        resized = cv2.resize(binary, (width, LINE_HEIGHT), interpolation=interpolation)
        scaled.append(resized)
    sheet_w = max(s.shape[1] for s in scaled) + 2 * MARGIN
    sheet_h = len(scaled) * (LINE_HEIGHT + GAP) + 2 * MARGIN
    sheet = np.full((sheet_h, sheet_w), 255, np.uint8)
    bands = []
    for index, line in enumerate(scaled):
        top = MARGIN + index * (LINE_HEIGHT + GAP)
        sheet[top : top + LINE_HEIGHT, MARGIN : MARGIN + line.shape[1]] = line
        bands.append(top)
    ok, png = cv2.imencode(".png", sheet)
    if not ok:  # pragma: no cover - encoding a uint8 array does not fail
        raise OcrEngineError("could not encode the line sheet for tesseract")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [tesseract_binary(), "-", "-", "-l", lang, "--psm", "6", "tsv"],
            input=png.tobytes(),
            capture_output=True,
            env=env,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrEngineError("tesseract did not finish in time") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrEngineError(f"tesseract failed: {message[-1] if message else done.returncode}")
    return _assign(done.stdout.decode("utf-8", "replace"), bands)


def _assign(tsv: str, bands: list[int]) -> list[SheetLine]:
    words: list[list[tuple[int, str, float]]] = [[] for _ in bands]
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        centre = int(row["top"]) + int(row["height"]) / 2
        index = int((centre - MARGIN + GAP / 2) // (LINE_HEIGHT + GAP))
        if 0 <= index < len(bands):
            words[index].append((int(row["left"]), text, max(0.0, float(row["conf"])) / 100))
    out = []
    for line_words in words:
        line_words.sort()
        text = " ".join(word for _, word, _ in line_words)
        conf = sum(c for _, _, c in line_words) / len(line_words) if line_words else 0.0
        out.append(SheetLine(text, conf))
    return out
