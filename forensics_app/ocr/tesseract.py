"""Tesseract (`kor`) for the lines PP-OCR cannot read: Hangul numerals and ad keywords.

All the lines of a photo that need it go to ONE tesseract run: each line crop is binarised,
scaled to a fixed height and stacked on a white "sheet" with gaps, and words in the TSV output
are put back to their line by their vertical position. Starting tesseract and loading the Korean
model costs more than reading a dozen short lines, so one run per photo instead of one per line
is what keeps this affordable. `OMP_THREAD_LIMIT=1` is always set: with OpenMP threads on, two
parallel tesseracts ran three times slower than two single-threaded ones on a 2-core machine.
Every call goes through pytesseract.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, replace

import cv2
import numpy as np
import pytesseract
from PIL import Image

from forensics_app.ocr.errors import OcrEngineError

LINE_HEIGHT = 44  # pixels per sheet line: text ~30 px high, Tesseract's comfortable size
GAP = 22
MARGIN = 16
TIMEOUT_S = 60
MIN_INK_SHARE = 0.02  # of a line's middle rows: less than this is specks, not text
# The alphabet of a phone number printed in Hangul numerals. Tesseract 5's LSTM decoder honours
# a whitelist: restricted to it, `옥` can only come out as 육 and a stray `|` as nothing.
NUMERAL_ALPHABET = "공영일이삼사오육륙칠팔구-"


@dataclass(frozen=True)
class SheetLine:
    text: str
    confidence: float  # mean word confidence, 0..1
    flattened: bool = False  # read from the crop with its background levelled (`flatten`)


def check_tesseract(lang: str = "kor") -> None:
    """Raise OcrEngineError unless tesseract runs and has the `lang` data."""
    try:
        langs = pytesseract.get_languages(config="")
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrEngineError(
            "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-kor"
        ) from exc
    except (OSError, pytesseract.TesseractError) as exc:
        raise OcrEngineError("tesseract does not run: {exc}", exc=exc) from exc
    if lang not in langs:
        raise OcrEngineError(
            "tesseract has no {lang!r} language data: apt-get install tesseract-ocr-{lang}",
            lang=lang,
        )


def binarise(crop_bgr: np.ndarray) -> np.ndarray:
    """Dark text on white, whatever the colours: red on yellow, white on red, yellow on black.

    The grey channel loses text whose brightness matches the paper (red on pink); of grey and
    the three colour channels, the one whose Otsu split separates the two classes best is used,
    and the minority class (the ink) is made black.
    """
    channels = [cv2.cvtColor(crop_bgr, cv2.COLOR_BGR2GRAY), *cv2.split(crop_bgr)]
    best: np.ndarray | None = None
    best_score = -1.0
    rows = crop_bgr.shape[0]
    for channel in channels:
        # The threshold comes from the middle rows, where the text is: a dark surround at the
        # crop's top and bottom edges (a band's border, the wall) would otherwise be what
        # Otsu separates, and the light text on a dark band would vanish with the band.
        middle = channel[rows // 5 : rows - rows // 5]
        threshold, _ = cv2.threshold(middle, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        low = middle[middle <= threshold]
        high = middle[middle > threshold]
        if min(low.size, high.size) < MIN_INK_SHARE * middle.size:
            # a few dark specks (the paper's edge in a corner) are not the text: on grey text
            # on a yellow band the red channel split 1 % specks from the rest and won
            continue
        weight = low.size * high.size / middle.size**2
        score = weight * (float(high.mean()) - float(low.mean())) ** 2 / (float(middle.var()) + 1)
        if score > best_score:
            _, binary = cv2.threshold(channel, threshold, 255, cv2.THRESH_BINARY)
            best_score, best = score, binary
    if best is None:
        return np.full(crop_bgr.shape[:2], 255, np.uint8)
    # Paper is the majority in the middle rows; the crop's top and bottom edges may be a
    # coloured band or a neighbouring line, which must not decide the polarity.
    h = best.shape[0]
    middle = best[h // 4 : h - h // 4]
    if np.count_nonzero(middle) < middle.size / 2:
        best = 255 - best
    return _clear_edges(best)


def flatten(crop_bgr: np.ndarray) -> np.ndarray:
    """The crop with its background levelled, each channel: the median over a window two line
    heights wide (text is thinner than that, so the median is the paper) taken away, the paper
    put at mid-grey. A fold or a label box splits a line into two backgrounds of different
    brightness, and one Otsu threshold for the whole line then separates the two halves, not
    the ink from the paper: the line binarises to a black half and a white half and reads as
    nothing (`TEL. 공오공사-…` on a folded yellow band, held-out seed 40519). The median keeps
    the step between the halves sharp, so each half is levelled on its own."""
    size = min(2 * crop_bgr.shape[0] + 1, 255)  # cv2.medianBlur takes odd sizes up to 255
    levelled = [
        np.clip(channel.astype(np.int16) - cv2.medianBlur(channel, size) + 128, 0, 255)
        for channel in cv2.split(crop_bgr)
    ]
    return cv2.merge([channel.astype(np.uint8) for channel in levelled])


def _clear_edges(binary: np.ndarray) -> np.ndarray:
    """Whiten ink blobs that touch the top or bottom edge and sit mostly outside the line:
    band borders and cut-off neighbouring lines, which make Tesseract drop the whole line."""
    h = binary.shape[0]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    out = binary.copy()
    for index in range(1, count):
        top, height = stats[index, cv2.CC_STAT_TOP], stats[index, cv2.CC_STAT_HEIGHT]
        centre = top + height / 2
        touches = top == 0 or top + height >= h
        if touches and (centre < h * 0.2 or centre > h * 0.8):
            out[labels == index] = 255
    return out


def _grey(crop_bgr: np.ndarray) -> np.ndarray:
    """Grey levels stretched, dark text on light: the retry for lines binarisation broke
    (thin strokes of blurred small print vanish at an Otsu threshold)."""
    binary = binarise(crop_bgr)
    channels = [cv2.cvtColor(crop_bgr, cv2.COLOR_BGR2GRAY), *cv2.split(crop_bgr)]
    # the channel that agrees best with the binarised picture, inverted to match it
    best = max(channels, key=lambda c: abs(_correlation(c, binary)))
    if _correlation(best, binary) < 0:
        best = 255 - best
    low, high = int(best.min()), int(best.max())
    return ((best.astype(np.float32) - low) * (255 / max(high - low, 1))).astype(np.uint8)


def _correlation(first: np.ndarray, second: np.ndarray) -> float:
    """Pearson correlation, 0 when either is flat (np.corrcoef divides by zero there and
    warns: a blank line crop printed a RuntimeWarning on the terminal)."""
    a = first.ravel().astype(np.float64)
    b = second.ravel().astype(np.float64)
    a -= a.mean()
    b -= b.mean()
    norm = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / norm if norm > 0 else 0.0


def _nearly_empty(text: str) -> bool:
    return len(text.replace(" ", "")) < 2


def read_lines(
    crops_bgr: list[np.ndarray],
    lang: str = "kor",
    retry_if: Callable[[str], bool] = _nearly_empty,
    better: Callable[[str, str], bool] | None = None,
    flatten_if: Callable[[np.ndarray, str], bool] | None = None,
) -> list[SheetLine]:
    """Text and confidence of each crop (horizontal text lines), in one tesseract run, plus
    one more, from grey levels, for the lines whose first reading `retry_if` rejects (by
    default: nothing read). A second reading is kept when `retry_if` accepts it, and, if
    given, `better(first, second)` says it is the better of the two.

    The lines `flatten_if(crop, first reading)` picks are also read, in that second run, from
    the crop with its background levelled (`flatten`); that reading is kept where it reads
    more characters and `better` (or, without it, `retry_if`) prefers it, and says so
    (`SheetLine.flattened`)."""
    if not crops_bgr:
        return []
    lines = _run_sheet([binarise(c) for c in crops_bgr], lang)
    retry = [i for i, line in enumerate(lines) if retry_if(line.text)]
    level = [
        i
        for i, line in enumerate(lines)
        if flatten_if is not None and flatten_if(crops_bgr[i], line.text)
    ]
    if not retry and not level:
        return lines
    images = [_grey(crops_bgr[i]) for i in retry]
    images += [binarise(flatten(crops_bgr[i])) for i in level]
    again = _run_sheet(images, lang)
    for index, line in zip(retry, again[: len(retry)], strict=True):
        if not retry_if(line.text) and (better is None or better(lines[index].text, line.text)):
            lines[index] = line
    for index, line in zip(level, again[len(retry) :], strict=True):
        more = len(line.text.replace(" ", "")) > len(lines[index].text.replace(" ", ""))
        wanted = better(lines[index].text, line.text) if better else not retry_if(line.text)
        if more and wanted:
            lines[index] = replace(line, flattened=True)
    return lines


def read_lines_as(crops_bgr: list[np.ndarray], grey: list[bool]) -> list[SheetLine]:
    """Text and confidence of each crop in one tesseract run, each crop binarised, or in
    stretched grey levels where `grey` says so (a second preprocessing of a line already read
    binarised)."""
    if not crops_bgr:
        return []
    images = [
        _grey(crop) if as_grey else binarise(crop)
        for crop, as_grey in zip(crops_bgr, grey, strict=True)
    ]
    return _run_sheet(images, "kor")


def read_numerals(crops_bgr: list[np.ndarray]) -> list[SheetLine]:
    """Text and confidence of each crop in one tesseract run, binarised, read with nothing but
    the Hangul numerals and the dash allowed (NUMERAL_ALPHABET): for lines a first reading
    showed to be made of numerals, some of them misread as other syllables."""
    if not crops_bgr:
        return []
    images = [binarise(crop) for crop in crops_bgr]
    return _run_sheet(images, "kor", f"--psm 6 -c tessedit_char_whitelist={NUMERAL_ALPHABET}")


def grey_text(crop_bgr: np.ndarray) -> np.ndarray:
    """The crop's grey levels, stretched, dark text on light (see `_grey`)."""
    return _grey(crop_bgr)


def read_deblurred(greys: list[np.ndarray]) -> list[SheetLine]:
    """Text and confidence of each deblurred line (grey, dark text on light), binarised, in
    one tesseract run."""
    if not greys:
        return []
    return _run_sheet([binarise(cv2.cvtColor(g, cv2.COLOR_GRAY2BGR)) for g in greys], "kor")


def _run_sheet(images: list[np.ndarray], lang: str, config: str = "--psm 6") -> list[SheetLine]:
    scaled = []
    for image in images:
        h, w = image.shape
        width = max(1, round(w * LINE_HEIGHT / max(h, 1)))
        interpolation = cv2.INTER_AREA if h > LINE_HEIGHT else cv2.INTER_CUBIC
        scaled.append(cv2.resize(image, (width, LINE_HEIGHT), interpolation=interpolation))
    sheet_w = max(s.shape[1] for s in scaled) + 2 * MARGIN
    sheet_h = len(scaled) * (LINE_HEIGHT + GAP) + 2 * MARGIN
    sheet = np.full((sheet_h, sheet_w), 255, np.uint8)
    bands = []
    for index, line in enumerate(scaled):
        top = MARGIN + index * (LINE_HEIGHT + GAP)
        sheet[top : top + LINE_HEIGHT, MARGIN : MARGIN + line.shape[1]] = line
        bands.append(top)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # tesseract inherits it (see the module docstring)
    try:
        tsv = pytesseract.image_to_data(
            Image.fromarray(sheet), lang=lang, config=config, timeout=TIMEOUT_S
        )
    except RuntimeError as exc:  # pytesseract's way of saying the timeout was hit
        raise OcrEngineError("tesseract did not finish in time: {exc}", exc=exc) from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrEngineError(
            "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-kor"
        ) from exc
    except (OSError, pytesseract.TesseractError) as exc:
        raise OcrEngineError("tesseract failed: {exc}", exc=exc) from exc
    return _assign(tsv, bands)


def _assign(tsv: str, bands: list[int]) -> list[SheetLine]:
    """Words → sheet lines. Tesseract sometimes makes a phantom line out of the tops of tall
    glyphs (공 → 고) inside one band; of the Tesseract lines in a band, the best is kept, and
    others only when they sit beside it (a line Tesseract split in two) and read well."""
    groups: dict[tuple[str, str, str], list[tuple[int, int, str, float, float]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        left, width = int(row["left"]), int(row["width"])
        centre = int(row["top"]) + int(row["height"]) / 2
        conf = max(0.0, float(row["conf"])) / 100
        groups.setdefault(key, []).append((left, left + width, text, conf, centre))
    per_band: list[list[list[tuple[int, int, str, float, float]]]] = [[] for _ in bands]
    for words in groups.values():
        centre = sorted(w[4] for w in words)[len(words) // 2]
        index = int((centre - MARGIN + GAP / 2) // (LINE_HEIGHT + GAP))
        if 0 <= index < len(bands):
            per_band[index].append(sorted(words))
    out = []
    for candidates in per_band:
        if not candidates:
            out.append(SheetLine("", 0.0))
            continue
        candidates.sort(key=lambda ws: sum(len(w[2]) * w[3] for w in ws), reverse=True)
        best = candidates[0]
        words = list(best)
        for other in candidates[1:]:
            beside = other[0][0] >= best[-1][1] or other[-1][1] <= best[0][0]
            if beside and sum(w[3] for w in other) / len(other) >= 0.6:
                words.extend(other)
        words.sort()
        text = " ".join(w[2] for w in words)
        out.append(SheetLine(text, sum(w[3] for w in words) / len(words)))
    return out
