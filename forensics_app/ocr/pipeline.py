"""Every phone number on a flyer photo: detect text lines, read each line, validate, score.

The steps, and the measurement behind each (benchmarks/bench_ocr.py, synthetic street photos):

1. The photo is turned upright by its EXIF tag and, for one detection pass, shrunk so its long
   side is `DETECT_SIDE` px. PP-OCR's DB detector finds text lines as tilted quadrilaterals,
   which copes with flyers rotated up to ±35° and with perspective. Bright yellow label bands
   it finds no line on (pale text on yellow) are taken as lines themselves.
2. Each line is cut out of the FULL-resolution photo with a perspective warp straight to the
   recogniser's 48-px height, so small print is upscaled from real pixels, not from the shrunk
   detection image. A line taller than wide is sideways text: both 90° and 270° are read and
   the better-scored one kept.
3. PP-OCR's recogniser reads every line (digits, Latin, separators). Lines in which it finds no
   phone number but which hold digits, or whose score is low, are read again from a binarised
   crop (colour-aware Otsu: best of grey/B/G/R) and upside down; every line with a number gets
   that binarised second read too, so agreement between two reads can be scored.
4. Lines PP-OCR cannot read (Hangul: it returns little or nothing) go to Tesseract `kor`, all
   of a photo's lines in ONE run (see tesseract.py). That catches numbers printed in Hangul
   numerals and gives the words the ad category is decided from. Lines it reads as numerals
   that make no number are read again: restricted to the numerals, deblurred, and by our own
   line recogniser (numeral_line.py, a small CRNN trained on rendered lines), whose number
   alone is one reading (review) unless another reading agrees.
5. Numbers come from forensics_app.ocr.numbers (blocking.numbers underneath), which also
   rejects business registration and account numbers, dates and amounts. A number is a whole
   token across the detector's boxes too: one read on a box that another box over the same
   place reads as part of a longer run is dropped, and boxes of one line that overlap by
   digits are cut out whole.
6. Confidence: the best read's score, lowered when leading junk had to be trimmed, raised when
   another pass agrees, lowered when another pass read a different number on the same line.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from blocking.numbers import cut_from_longer_run
from forensics_app.ocr.category import classify
from forensics_app.ocr.deblur import blur_near, deblur_crop
from forensics_app.ocr.engine import REC_HEIGHT, Recognised, engine
from forensics_app.ocr.errors import OcrEngineError, PhotoError
from forensics_app.ocr.loading import LoadedPhoto, PhotoMetadata, load_photo
from forensics_app.ocr.numbers import (
    NUMERALS,
    LineNumber,
    fix_numeral_misreads,
    numbers_in_line,
    numeral_count,
)
from forensics_app.ocr.numeral_line import reader as numeral_reader
from forensics_app.ocr.results import REVIEW_BELOW, FlyerFailure, FlyerResult, FoundNumber
from forensics_app.ocr.tesseract import (
    SheetLine,
    binarise,
    check_tesseract,
    flatten,
    grey_text,
    read_deblurred,
    read_lines,
    read_lines_as,
    read_numerals,
)

DETECT_SIDE = 1280
# a yellow label band (OpenCV HSV) at least this high on the detection image, this many times
# as long as high, this much of its rectangle filled (see `_bands`)
BAND_LOW, BAND_HIGH = (18, 80, 170), (40, 255, 255)
BAND_MIN_HEIGHT = 10
BAND_RATIO = 4
BAND_FILL = 0.85
RETRY_BELOW = 0.92  # a line read with a lower score is read again
MAX_TESSERACT_LINES = 40
MIN_DIGITS_TO_REREAD = 6  # a line with fewer digit-like characters cannot hold a number
TURNED_DETECT_SIDE = 960  # the 90° pass looks for big sideways strips only
SIDEWAYS_RATIO = 1.3  # crop height / width above which a line is sideways text
IMPLIED_CONFIDENCE = round(REVIEW_BELOW * 0.75, 3)
# a stretch of a line this many heights long with nothing Latin or digit read in it may hold a
# number in Hangul numerals (1588-1234 as 일오팔팔-일이삼사 is about 5.5 crop heights)
UNREAD_HEIGHTS = 4.5
# a character read this many heights or more from its neighbours does not mark a place read
ISOLATED_HEIGHTS = 0.9
# two Tesseract readings of overlapping pieces of a line are put together when they share
# this many numerals; the number they make is never accepted without review
MIN_PIECE_OVERLAP = 3
PIECES_SCORE = 0.6
PIECE_ROUNDS = 3  # joins onto joins: a number cut into this many pieces and one more
# two pieces that share only two numerals are put together where their boxes overlap by this
# many line heights or more (two spaced numerals' width): a shared pair on pieces side by side
# may be the number's own repetition (`… 이 오 - 이 오 …`), not the same glyphs read twice
SHORT_OVERLAP_HEIGHTS = 1.5
MIN_JOINED_DIGITS = 8  # the shortest number (1588-1234)
# a number some box reads inside a longer run is kept only where at least this many boxes over
# its place read it whole, and this many per box that reads the longer run (see _outvoted)
MIN_WHOLE_VOTES = 4
WHOLE_VOTES_PER_CUT = 3
CHECK = "tesseract_check"  # the source name of a confirming second reading
NUMERAL_READ = "tesseract_numerals"  # a reading restricted to the Hangul numerals' alphabet
# a Tesseract reading with this many numerals (or their usual misreads) that makes no number
# is read again restricted to the numerals' alphabet; at most this many lines of a photo
MIN_NUMERALS_TO_REREAD = 4
MAX_NUMERAL_LINES = 12
# a number only the numerals-only reading found, with a lower confidence than this, is not
# offered: forced into the alphabet, a blurred `콜` becomes 공 as readily as 팔 (held-out seeds
# 90210 and 202: the two such numbers read at 0.57 and 0.48 were wrong, the right one 0.77)
NUMERAL_READ_FROM = 0.65
MAX_CHECK_LINES = 12
DEBLURRED = "tesseract_deblurred"  # a reading of the line after its motion blur was undone
MAX_DEBLUR_LINES = 6
MIN_DEBLUR_WIDTH = 5  # crop width / height: a line that can hold a number (8+ glyphs)
MIN_DEBLUR_SHAPED = 4  # numerals, digits and dashes Tesseract read on a line worth deblurring
DEBLURRED_NUMERALS = "tesseract_deblurred_numerals"
# a line Tesseract read fewer characters a height of than this, wide enough for a number, is read
# again with its background levelled (`_blanked_by`); at most this many lines a photo
BLANKED_CHARS = 0.5
MAX_FLATTEN_LINES = 6
DEBLURRED_SOURCES = frozenset({DEBLURRED, DEBLURRED_NUMERALS})
# our line recogniser's reading (forensics_app/ocr/numeral_line.py), of the crop as cut and of
# the deblurred crop; at most this many lines a photo
MODEL_READ = "numeral_model"
MODEL_DEBLURRED = "numeral_model_deblurred"
MODEL_SOURCES = frozenset({MODEL_READ, MODEL_DEBLURRED})
MAX_MODEL_LINES = 8
ONCE_AT_MOST = 0.75  # a number one reading found: below REVIEW_BELOW whatever its score
AGREED_FROM = 0.85  # two readings agree: from here (see _confidence)
# a number scored below this is not offered at all: on the held-out tuning seeds 101 and 202 the
# five numbers under it were all wrong (one digit misread by a lone blurred reading, or a digit
# run read upside down), the surest right one scored 0.45; they only added to the review load
NOT_OFFERED_BELOW = 0.42


@dataclass(eq=False)  # identity: lines hold numpy arrays, and two reads of one line differ
class Line:
    quad: np.ndarray  # 4×2, image coordinates of the loaded (upright) photo
    crop: np.ndarray  # BGR, REC_HEIGHT high, text horizontal
    corners: np.ndarray  # the crop's corners tl, tr, br, bl (reading order) in the image
    rotation: int  # 0, 90, 180, 270: how the unrotated crop was turned to read it
    reads: dict[str, Recognised] = field(default_factory=dict)
    joined: bool = False  # two detected pieces of one line put together
    part_of: Line | None = None  # a stretch of this line, cut out to be read by Tesseract

    @property
    def start(self) -> np.ndarray:
        return (self.corners[0] + self.corners[3]) / 2

    @property
    def end(self) -> np.ndarray:
        return (self.corners[1] + self.corners[2]) / 2

    @property
    def height(self) -> float:
        return float(
            max(
                np.linalg.norm(self.corners[0] - self.corners[3]),
                np.linalg.norm(self.corners[1] - self.corners[2]),
            )
        )


@dataclass(eq=False)
class Candidate:
    found: LineNumber
    line: Line
    source: str
    score: float  # the whole line's reading score
    # how sure the reader was of the number itself: the least probable of its digits (PP-OCR);
    # a misread digit in a well-read line shows here, not in the line's mean score
    certainty: float = 0.0
    # where the number sits along the crop, as fractions of its width, from where PP-OCR read
    # its first and last characters (None: from its share of the text, for Tesseract)
    where: tuple[float, float] | None = None


def _where(
    read: Recognised, found: LineNumber, width: int, flipped: bool = False
) -> tuple[float, float] | None:
    """The number's first and last characters' places in the crop (PP-OCR gives each
    character's x), half a character wider each side; flipped for a 180° reading."""
    if not read.positions or len(read.text) != found.length or found.end <= found.start:
        return None
    first, last = read.positions[found.start], read.positions[found.end - 1]
    half = (last - first) / max(2 * (found.end - found.start - 1), 1)
    f0 = max(0.0, (first - half) / max(width, 1))
    f1 = min(1.0, (last + half) / max(width, 1))
    return (1 - f1, 1 - f0) if flipped else (f0, f1)


def _certainty(read: Recognised, found: LineNumber) -> float:
    """The lowest probability PP-OCR gave a digit of the number (separators do not count);
    the line's score for readers that give no per-character probabilities."""
    if not read.probabilities or len(read.text) != found.length:
        return read.score
    span = range(found.start, min(found.end, len(read.text)))
    digits = [read.probabilities[i] for i in span if read.text[i].isalnum()]
    return min(digits) if digits else read.score


def _cut(image: np.ndarray, quad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The quad warped to an upright rectangle whose short side is REC_HEIGHT px.

    Returns the crop and the 3×3 matrix mapping image points to crop points.
    """
    width = float(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = float(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    scale = REC_HEIGHT / max(min(width, height), 1.0)
    out_w = max(4, round(width * scale))
    out_h = max(4, round(height * scale))
    target = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    if scale >= 0.5:
        interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_LINEAR
        crop = cv2.warpPerspective(
            image, matrix, (out_w, out_h), flags=interpolation, borderMode=cv2.BORDER_REPLICATE
        )
        return crop, matrix
    # Big headline text: warpPerspective does not average when shrinking a lot, so the
    # region is first shrunk with INTER_AREA and then warped.
    x0, y0 = (max(int(v), 0) for v in np.floor(quad.min(axis=0)))
    x1, y1 = (int(v) + 1 for v in np.ceil(quad.max(axis=0)))
    shrink = 2 * scale
    region = cv2.resize(
        image[y0:y1, x0:x1], None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA
    )
    shift = np.array([[shrink, 0, -x0 * shrink], [0, shrink, -y0 * shrink], [0, 0, 1]], np.float64)
    small_quad = cv2.perspectiveTransform(quad.reshape(1, 4, 2).astype(np.float32), shift)[0]
    inner = cv2.getPerspectiveTransform(small_quad.astype(np.float32), target)
    crop = cv2.warpPerspective(
        region, inner, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return crop, matrix


def _rotate(crop: np.ndarray, rotation: int) -> np.ndarray:
    if rotation == 90:
        return np.ascontiguousarray(np.rot90(crop, 1))  # counter-clockwise
    if rotation == 180:
        return np.ascontiguousarray(np.rot90(crop, 2))
    if rotation == 270:
        return np.ascontiguousarray(np.rot90(crop, 3))
    return crop


def _unrotate_points(points: np.ndarray, rotation: int, crop_w: int, crop_h: int) -> np.ndarray:
    """Points in the rotated crop → points in the unrotated crop (crop_w × crop_h)."""
    x, y = points[:, 0], points[:, 1]
    if rotation == 90:  # rot90 ccw maps (x, y) → (y, W - x)
        return np.stack([crop_w - y, x], axis=1)
    if rotation == 270:  # rot90 cw maps (x, y) → (H - y, x)
        return np.stack([y, crop_h - x], axis=1)
    if rotation == 180:
        return np.stack([crop_w - x, crop_h - y], axis=1)
    return points


def _number_quad(line: Line, span: tuple[float, float], scale: float) -> np.ndarray:
    """The part of the line holding the number, as 4 points in the original photo: the
    number's share of the line (see `_span`), laid along the line's reading-order corners."""
    f0, f1 = span
    tl, tr, br, bl = line.corners
    quad = np.array(
        [tl + (tr - tl) * f0, tl + (tr - tl) * f1, bl + (br - bl) * f1, bl + (br - bl) * f0]
    )
    return quad / scale


def _reading_corners(to_crop: np.ndarray, rotation: int, crop: np.ndarray) -> np.ndarray:
    """Image coordinates of the read crop's tl, tr, br, bl corners."""
    rot_h, rot_w = crop.shape[:2]
    pts = np.array([[0, 0], [rot_w, 0], [rot_w, rot_h], [0, rot_h]], np.float32)
    crop_w, crop_h = (rot_h, rot_w) if rotation in (90, 270) else (rot_w, rot_h)
    unrotated = _unrotate_points(pts, rotation, crop_w, crop_h).astype(np.float32)
    inverse = np.linalg.inv(to_crop)
    return np.asarray(cv2.perspectiveTransform(unrotated.reshape(1, 4, 2), inverse)[0])


def _stretch(image: np.ndarray) -> np.ndarray:
    """Levels from the 1st to the 99th percentile: on dim or hazy photos the detector found
    twice as many lines after it (7 → 13 on a dark two-flyer photo), at no cost elsewhere."""
    low, high = np.percentile(image[::4, ::4], (1, 99))
    if high - low < 8:
        return image
    table = np.clip((np.arange(256) - low) * 255 / (high - low), 0, 255).astype(np.uint8)
    return np.asarray(cv2.LUT(image, table))


def _order(quad: np.ndarray) -> np.ndarray:
    """Corners as tl, tr, br, bl, where the top and bottom edges are the pair of opposite
    edges nearest to horizontal. Sorting corners by x (as PP-OCR does) mislabels a tall box
    tilted by 20°: its long side became the "top" and sideways text was taken as flat."""
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    pts = quad[np.argsort(angles)].astype(np.float32)  # cyclic, clockwise on screen

    def flatness(i: int) -> float:
        total = 0.0
        for j in (i, i + 2):
            dx, dy = pts[(j + 1) % 4] - pts[j % 4]
            total += abs(float(dx)) - abs(float(dy))
        return total

    k = 0 if flatness(0) >= flatness(1) else 1
    if pts[k][1] + pts[k + 1][1] > pts[k + 2][1] + pts[(k + 3) % 4][1]:
        k += 2  # the other edge of the pair is the top one
    a, b, c, d = (pts[(k + i) % 4] for i in range(4))
    return np.array([a, b, c, d] if a[0] <= b[0] else [b, a, d, c], np.float32)


def _is_tall(quad: np.ndarray) -> bool:
    width = np.linalg.norm(quad[0] - quad[1])
    height = np.linalg.norm(quad[0] - quad[3])
    return bool(height > SIDEWAYS_RATIO * width)


def _covered(quad: np.ndarray, others: list[np.ndarray]) -> bool:
    """Whether the quad's centre lies inside one of the others."""
    centre = quad.mean(axis=0)
    point = (float(centre[0]), float(centre[1]))
    return any(cv2.pointPolygonTest(o.astype(np.float32), point, False) >= 0 for o in others)


def _detect(small: np.ndarray) -> list[np.ndarray]:
    """Text quads in `small`: one pass upright, one on the picture turned 90°.

    The detector trained on horizontal lines misses sideways text with wide letter spacing
    (a vertical strip of ０１０-…): it finds single characters or nothing. Turned, that strip
    is a horizontal line; only tall boxes the upright pass did not have are taken from it.
    """
    stretched = _stretch(small)
    quads = [_order(q) for q in engine().detect(stretched)]
    # The turned pass runs on a smaller picture: sideways strips are rarely small print.
    shrink = min(1.0, TURNED_DETECT_SIDE / max(stretched.shape[:2]))
    reduced = cv2.resize(stretched, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
    turned = np.ascontiguousarray(np.rot90(reduced, 1))  # counter-clockwise
    for found in engine().detect(turned):
        # rot90 ccw maps (x, y) → (y, W - x); back: (x', y') → (W - y', x'), W = width
        quad = found / shrink
        back = _order(np.stack([small.shape[1] - quad[:, 1], quad[:, 0]], axis=1))
        if _is_tall(back) and not _covered(back, quads):
            quads.append(back)
    quads += [band for band in _bands(small) if not _covered(band, quads)]
    return quads


def _bands(small: np.ndarray) -> list[np.ndarray]:
    """Bright yellow label bands, long and narrow, as quads: pale text printed on one (white or
    pink on yellow) is too faint for the detector, which finds no line there (held-out seeds
    61837 and 83117: a poster's `공칠공-…` and `공일공-…` bands, nothing detected on them). The
    band itself is cut out as a line; Tesseract's colour-aware binarisation reads the text
    (its blue channel sets pale ink apart from yellow)."""
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    mask = cv2.inRange(hsv, BAND_LOW, BAND_HIGH)
    closing = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))  # the text's gaps in the band
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, closing)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    bands = []
    for contour in contours:
        rect = cv2.minAreaRect(contour)
        long, short = max(rect[1]), min(rect[1])
        if short < BAND_MIN_HEIGHT or long < BAND_RATIO * short:
            continue
        if cv2.contourArea(contour) < BAND_FILL * long * short:
            continue  # not a filled rectangle
        bands.append(_order(cv2.boxPoints(rect)))
    return bands


def _lines(bgr: np.ndarray) -> list[Line]:
    h, w = bgr.shape[:2]
    factor = min(1.0, DETECT_SIDE / max(h, w))
    small = cv2.resize(bgr, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA)
    lines = []
    for quad_small in _detect(small):
        quad = quad_small / factor
        crop, to_crop = _cut(bgr, quad)
        ch, cw = crop.shape[:2]
        if ch > SIDEWAYS_RATIO * cw:
            for rotation in (90, 270):
                turned = _rotate(crop, rotation)
                corners = _reading_corners(to_crop, rotation, turned)
                lines.append(Line(quad, turned, corners, rotation))
        else:
            lines.append(Line(quad, crop, _reading_corners(to_crop, 0, crop), 0))
    return lines


def _pick_sideways(lines: list[Line]) -> tuple[list[Line], dict[int, Line]]:
    """Of the two readings of a sideways line keep the one the recogniser was surer of.

    Also returns, by id of the kept line, the other turn: for Hangul PP-OCR's score says
    nothing about which way up the text is, so Tesseract reads both.
    """
    kept: list[Line] = []
    by_quad: dict[int, Line] = {}
    other_turn: dict[int, Line] = {}
    for line in lines:
        if line.rotation not in (90, 270):
            kept.append(line)
            continue
        key = id(line.quad)
        other = by_quad.get(key)
        if other is None:
            by_quad[key] = line
            kept.append(line)
        elif _quality(line.reads["ppocr"]) > _quality(other.reads["ppocr"]):
            kept[next(i for i, k in enumerate(kept) if k is other)] = line
            other_turn[id(line)] = other
        else:
            other_turn[id(other)] = line
    return kept, other_turn


def _joinable(a: Line, b: Line) -> bool:
    """b continues a on the same text line: same direction and size, b starts where a ends.
    The detector splits long sideways lines and widely spaced numbers (010 1234 5678)."""
    if not (0.67 < a.height / max(b.height, 1.0) < 1.5):
        return False
    dir_a = a.end - a.start
    dir_b = b.end - b.start
    norm_a, norm_b = float(np.linalg.norm(dir_a)), float(np.linalg.norm(dir_b))
    if norm_a < 1 or norm_b < 1 or float(dir_a @ dir_b) / (norm_a * norm_b) < 0.97:
        return False
    step = b.start - a.end
    along = float(step @ dir_a) / norm_a
    across = abs(float(dir_a[0] * step[1] - dir_a[1] * step[0])) / norm_a
    height = max(a.height, b.height)
    # boxes grown by the detector's unclip margin may overlap by most of a character
    return -1.0 * height < along < 1.6 * height and across < 0.4 * height


def _join(a: Line, b: Line, bgr: np.ndarray) -> Line:
    """One line cut afresh from the photo over both pieces (no character read twice)."""
    quad = np.array([a.corners[0], b.corners[1], b.corners[2], a.corners[3]], np.float32)
    crop, to_crop = _cut(bgr, quad)
    return Line(quad, crop, _reading_corners(to_crop, 0, crop), 0, joined=True)


def _joined_lines(lines: list[Line], bgr: np.ndarray) -> list[Line]:
    """Pairs of pieces that may together hold a number neither holds alone."""
    # a piece that reads as a number by itself is complete: joining it to a neighbour only
    # invites a wrong number (0504-8124-1708 + "300" read as 0504-812-4170)
    pieces = [
        ln
        for ln in lines
        if _digitish(ln.reads["ppocr"].text) >= 2 and not numbers_in_line(ln.reads["ppocr"].text)
    ]
    out = []
    for a in pieces:
        for b in pieces:
            if a is b or not _joinable(a, b):
                continue
            digits = _digitish(a.reads["ppocr"].text) + _digitish(b.reads["ppocr"].text)
            if digits >= 7:
                out.append(_join(a, b, bgr))
            # three pieces: `02`, `678`, `1909` of `02 - 678 - 1909`, its dashes lost in blur
            for c in pieces:
                if c is a or c is b or not _joinable(b, c):
                    continue
                if digits + _digitish(c.reads["ppocr"].text) >= 8:
                    out.append(_join(a, c, bgr))
    # Boxes on a curled slip overlap by far more than a character (`080 806 33` and `806 3383`,
    # `0109706451` and `7064517`): cut over both where their digits overlap into a longer
    # run. Here a box that reads a number counts too: its digits, continued by the overlap, are
    # what shows it to be cut short.
    overlapping = [ln for ln in lines if _digitish(ln.reads["ppocr"].text) >= 3]
    for a in overlapping:
        for b in overlapping:
            # the digits must overlap, so a box carrying on a single digit is enough
            if a is b or _joinable(a, b) or not _continues(a, b, beyond=0.2):
                continue
            if _digits_overlap(a.reads["ppocr"].text, b.reads["ppocr"].text):
                out.append(_join(a, b, bgr))
    return out


def _digits_overlap(first: str, second: str) -> bool:
    """Whether the digits read on two overlapping boxes of one line overlap by MIN_PIECE_OVERLAP
    or more (the end of the first is the start of the second) into a number's length."""
    a = "".join(ch for ch in first if ch.isdigit())
    b = "".join(ch for ch in second if ch.isdigit())
    # shared digits: at least MIN_PIECE_OVERLAP, and fewer than either box holds (a box whose
    # digits the other holds whole adds nothing)
    for size in range(min(len(a), len(b)) - 1, MIN_PIECE_OVERLAP - 1, -1):
        if a.endswith(b[:size]):
            return len(a) + len(b) - size >= MIN_JOINED_DIGITS
    return False


def _quality(read: Recognised) -> float:
    digits = sum(ch.isdigit() for ch in read.text)
    return read.score * (1 + min(digits, 12) / 12)


def _digitish(text: str) -> int:
    return sum(ch.isdigit() or ch in "OolI|" for ch in text)


def _needs_tesseract(line: Line) -> bool:
    read = line.reads["ppocr"]
    text = read.text.strip()
    ascii_alnum = sum(ch.isascii() and ch.isalnum() for ch in text)
    # PP-OCR's Chinese/Latin model returns nothing, or stray CJK, for Hangul ...
    if ascii_alnum < 3 or sum(not ch.isascii() for ch in text) >= 2 or read.score < 0.6:
        return True
    # ... or reads only the Latin part of a mixed line ("Tel. " of "Tel. 공일공-…"): a line
    # about as wide as N heights holds about N characters or more.
    return len(text) < 0.6 * line.crop.shape[1] / REC_HEIGHT


def _unread(line: Line) -> list[Line]:
    """The stretches of a line the recogniser read nothing Latin or digit in, long enough to
    hold a number in Hangul numerals: a business card's `T 010-… | F 공일공-…` is read up to
    the F, and the rest must go to Tesseract by itself (the whole line read well, so it is not
    sent as a whole)."""
    if line.rotation != 0:
        return []
    read = line.reads["ppocr"]
    height = line.crop.shape[0]
    width = line.crop.shape[1]
    text = read.text
    # a lone character between separators (`F -0-` over `F 공육삼-이사삼-…`) is the recogniser
    # making something of Hangul it cannot read, not a place it read
    read_here = [
        (x, ch)
        for i, (ch, x) in enumerate(zip(text, read.positions, strict=True))
        if ch.isascii()
        and ch.isalnum()
        and not (text[i - 1 : i] in ("-", "") and text[i + 1 : i + 2] in ("-", ""))
    ]
    # so is a digit a height or more from any other character read (`01 010-6439-5239` of
    # `일육사사-사이구구 | M 010-…`, the 0 and the 1 2.2 heights apart; `M 0 | F` over a card's
    # Hangul number): printed digits stand half a height apart. A letter stays a place read:
    # a card's T, M and F labels stand apart from their numbers.
    places = [x for x, _ in read_here]
    anchors = [
        x
        for k, (x, ch) in enumerate(read_here)
        if not ch.isdigit()
        or min(
            (abs(x - y) for y in places[max(k - 1, 0) : k] + places[k + 1 : k + 2]),
            default=math.inf,
        )
        < ISOLATED_HEIGHTS * height
    ]
    edges = [-height / 2, *anchors, width + height / 2]
    parts = []
    for before, after in itertools.pairwise(edges):
        if after - before < UNREAD_HEIGHTS * height:
            continue
        x0 = max(0, round(before + 0.4 * height))
        x1 = min(width, round(after - 0.4 * height))
        f0, f1 = x0 / width, x1 / width
        tl, tr, br, bl = line.corners
        corners = np.array(
            [tl + (tr - tl) * f0, tl + (tr - tl) * f1, bl + (br - bl) * f1, bl + (br - bl) * f0],
            np.float32,
        )
        parts.append(Line(corners, line.crop[:, x0:x1], corners, 0, part_of=line))
    return parts


def _continues(a: Line, b: Line, beyond: float = 0.5) -> bool:
    """b carries a's text line on past a's end (by `beyond` heights or more): same direction
    and size, b starting inside a or just after it (pieces of one detected line overlap)."""
    if not (0.67 < a.height / max(b.height, 1.0) < 1.5):
        return False
    dir_a = a.end - a.start
    norm_a, norm_b = float(np.linalg.norm(dir_a)), float(np.linalg.norm(b.end - b.start))
    if norm_a < 1 or norm_b < 1 or float(dir_a @ (b.end - b.start)) / (norm_a * norm_b) < 0.97:
        return False
    height = max(a.height, b.height)
    step = b.start - a.start
    across = abs(float(dir_a[0] * step[1] - dir_a[1] * step[0])) / norm_a
    begins = float(step @ dir_a) / norm_a
    ends = float((b.end - a.start) @ dir_a) / norm_a
    return (
        across < 0.4 * height
        and 0.5 * height < begins < norm_a + 1.6 * height
        and (ends > norm_a + beyond * height)
    )


def _numeral_text(text: str) -> str:
    """The Hangul numerals and dashes of a Tesseract reading, misreads put right, from the
    first numeral to the last. A digit between them stands for a numeral Tesseract could not
    read (`삼 팔 삼 0- 구` of 삼팔삼이-구, 이 taken for `0|`): it stays as a gap, so pieces joined
    over it make no number, where dropping it made one a numeral short (`010-383-9292` of
    010-3832-9292, held-out seed 90210)."""
    fixed = fix_numeral_misreads(text)
    kept = "".join(
        "?" if ch.isdigit() else ch for ch in fixed if ch in NUMERALS or ch in "-?0123456789"
    )
    return kept.strip("-?")


def _overlap_join(first: str, second: str, least: int = MIN_PIECE_OVERLAP) -> str:
    """first + second where the end of first is the start of second, at least `least`
    numerals of it (`공일공-육구일` + `-육구일육-삼공구오`); "" if none."""
    for size in range(min(len(first), len(second)), 0, -1):
        shared = first[len(first) - size :]
        if sum(ch != "-" for ch in shared) < least:
            break
        if second.startswith(shared) or second.lstrip("-").startswith(shared.lstrip("-")):
            rest = (
                second[len(shared) :]
                if second.startswith(shared)
                else (second.lstrip("-")[len(shared.lstrip("-")) :])
            )
            return first + rest
    return ""


def _numerals_unmade(text: str) -> bool:
    """A Tesseract reading with numerals enough for a number that makes none: some of its
    syllables are misread numerals (`공 철 공 - 삼 사 클 사 - …`) or a stray glyph breaks it
    (`… 칠 이 -| 사 오 구 사`). Not a line that also holds a word (`상담 공 이 - …`): read
    restricted to the numerals, the word became one (`삼 공 이 - …`) and spoilt the number.
    """
    if numeral_count(text) < MIN_NUMERALS_TO_REREAD or numbers_in_line(text):
        return False
    return not any(
        len(hangul) >= 2 and numeral_count(hangul) < len(hangul)
        for hangul in re.findall(r"[\uac00-\ud7a3]+", text)
    )


def _reread_numerals(lines: list[Line]) -> list[Candidate]:
    """The lines Tesseract read as numerals that make no number, read again restricted to the
    numerals' alphabet, all in one run (a targeted re-read: a few lines of some photos). Where
    the first reading already makes the number, the restricted one is often worse (it drops
    the glyphs it cannot place), so it is only asked where the first failed.

    A number only this reading found is one reading: it goes to review unless the confirming
    grey-level reading (`_read_once_more`, unrestricted) reads the same number."""
    chosen = [ln for ln in lines if _numerals_unmade(ln.reads["tesseract"].text)]
    chosen = chosen[:MAX_NUMERAL_LINES]
    out: list[Candidate] = []
    for line, sheet_line in zip(chosen, read_numerals([ln.crop for ln in chosen]), strict=True):
        line.reads[NUMERAL_READ] = Recognised(sheet_line.text, sheet_line.confidence)
        first = line.reads["tesseract"].text
        before = max(numeral_count(first), _glyphs_between_numerals(first))
        if sum(ch in NUMERALS for ch in sheet_line.text) < before:
            # Restricted to the alphabet, Tesseract drops a glyph it cannot place rather than
            # guess: `공 열 공 - 팔 공 철 오 - …` came out `공 일 공 - 팔 공 오 - …`, a valid
            # 010-805-… one digit short. Fewer numerals than the first reading: no number.
            continue
        out.extend(
            Candidate(found, line, NUMERAL_READ, sheet_line.confidence, sheet_line.confidence)
            for found in numbers_in_line(sheet_line.text)
        )
    return out


def _deblur_worth(line: Line) -> bool:
    """A line Tesseract read as numerals, digits and dashes (or as nearly nothing), wide
    enough for a number, that made no number: what motion blur leaves of a number in
    handwriting-style Hangul numerals (`곳 찾 근 - 챔 나 듯 구 - 사 이 공 탈`)."""
    h, w = line.crop.shape[:2]
    if w < MIN_DEBLUR_WIDTH * h:
        return False
    texts = [read.text for name, read in line.reads.items() if name.startswith("tesseract")]
    if any(numbers_in_line(text) for text in texts):
        return False
    text = line.reads["tesseract"].text.replace(" ", "")
    if len(text) < 2:
        return True
    # blur turns most numerals into other syllables (`등일드-참삼그나-팔자긋그` of
    # 공일공-칠삼오이-팔사육구): a third of the characters still numerals, digits or dashes
    shaped = numeral_count(text) + sum(ch.isdigit() or ch == "-" for ch in text)
    return shaped >= MIN_DEBLUR_SHAPED and shaped >= len(text) / 3


def _deblurred(line: Line, bgr: np.ndarray) -> np.ndarray | None:
    """The line's crop in grey levels with the motion blur around it undone (the blur is
    measured on the photo near the line and carried into the crop's coordinates), or None
    where the photo shows no blur long enough to matter."""
    blur = blur_near(bgr, line.corners.mean(axis=0), line.height)
    if blur is None:
        return None
    tl, tr, _, bl = line.corners
    along_axis, across_axis = tr - tl, bl - tl
    h, w = line.crop.shape[:2]
    along_len = max(float(np.linalg.norm(along_axis)), 1.0)
    across_len = max(float(np.linalg.norm(across_axis)), 1.0)
    vector = np.array([blur.dx, blur.dy])
    along = float(vector @ along_axis) / along_len * w / along_len
    across = float(vector @ across_axis) / across_len * h / across_len
    return deblur_crop(grey_text(line.crop), along, across)


def _reread_deblurred(
    lines: list[Line], bgr: np.ndarray, sharpened: dict[int, np.ndarray] | None = None
) -> list[Candidate]:
    """Lines `_deblur_worth` picks, read again by Tesseract after the motion blur around them
    is undone, in one run; those whose deblurred reading holds numerals but no number, once
    more restricted to the numerals' alphabet (`일 육 사 사 실 사 구 공` -> 1644-7490, held-out
    seed 14653). A number found so is one reading: it goes to review (`_merge`). The deblurred
    crops are left in `sharpened` (by the line's id) for the line recogniser."""
    chosen: list[tuple[Line, np.ndarray]] = []
    for line in lines:
        if len(chosen) >= MAX_DEBLUR_LINES:
            break
        sharper = _deblurred(line, bgr) if _deblur_worth(line) else None
        if sharper is not None:
            chosen.append((line, sharper))
            if sharpened is not None:
                sharpened[id(line)] = sharper
    out: list[Candidate] = []
    restrict: list[tuple[Line, np.ndarray]] = []
    for (line, sharper), sheet_line in zip(
        chosen, read_deblurred([sharper for _, sharper in chosen]), strict=True
    ):
        line.reads[DEBLURRED] = Recognised(sheet_line.text, sheet_line.confidence)
        found_here = numbers_in_line(sheet_line.text)
        out.extend(
            Candidate(found, line, DEBLURRED, sheet_line.confidence, sheet_line.confidence)
            for found in found_here
        )
        if not found_here and numeral_count(sheet_line.text) >= MIN_NUMERALS_TO_REREAD:
            restrict.append((line, sharper))
    restricted = read_numerals([cv2.cvtColor(g, cv2.COLOR_GRAY2BGR) for _, g in restrict])
    for (line, _), sheet_line in zip(restrict, restricted, strict=True):
        line.reads[DEBLURRED_NUMERALS] = Recognised(sheet_line.text, sheet_line.confidence)
        before = max(
            _glyphs_between_numerals(line.reads[DEBLURRED].text),
            numeral_count(line.reads["tesseract"].text),
        )
        if sum(ch in NUMERALS for ch in sheet_line.text) < before:
            # a glyph dropped rather than guessed (see `_reread_numerals`): a blurred 칠 the
            # unrestricted reading saw as `할` was left out, 010-7352-8469 read as 010-352-8469
            continue
        out.extend(
            Candidate(found, line, DEBLURRED_NUMERALS, sheet_line.confidence, sheet_line.confidence)
            for found in numbers_in_line(sheet_line.text)
        )
    return out


def _model_worth(line: Line) -> bool:
    """A line for the line recogniser: one no Tesseract reading made a number of, that
    Tesseract read as numerals (`_numerals_unmade`) or as what blur leaves of them
    (`_deblur_worth`)."""
    texts = [read.text for name, read in line.reads.items() if name.startswith("tesseract")]
    if not texts or any(numbers_in_line(text) for text in texts):
        return False
    return _numerals_unmade(line.reads["tesseract"].text) or _deblur_worth(line)


def _read_by_model(lines: list[Line], sharpened: dict[int, np.ndarray]) -> list[Candidate]:
    """The lines Tesseract read as numerals without making a number, read by our line
    recogniser (forensics_app/ocr/numeral_line.py), each as cut and, where it was deblurred,
    deblurred too. A number only it reads is one reading (review, `_merge`); where Tesseract's
    confirming check or another reading reads the same number, they agree."""
    chosen = [ln for ln in lines if _model_worth(ln)][:MAX_MODEL_LINES]
    jobs = [(ln, MODEL_READ, ln.crop) for ln in chosen]
    jobs += [(ln, MODEL_DEBLURRED, sharpened[id(ln)]) for ln in chosen if id(ln) in sharpened]
    if not jobs:
        return []
    out: list[Candidate] = []
    reads = numeral_reader().read([crop for _, _, crop in jobs])
    for (line, name, _), read in zip(jobs, reads, strict=True):
        line.reads[name] = read
        out.extend(
            Candidate(
                found,
                line,
                name,
                read.score,
                _certainty(read, found),
                _where(read, found, line.crop.shape[1]),
            )
            for found in numbers_in_line(read.text)
        )
    return out


def _glyphs_between_numerals(text: str) -> int:
    """The Hangul syllables, lone jamo and digits of a reading from its first numeral to its
    last: each is a glyph of the line, whether it was read as a numeral or not (`공 일 3 - 팔 욕
    ㅅ 일 - …` of 공일공-팔육사일-…: restricted to the numerals, the ㅅ was left out and
    010-861-0585 came out, one numeral short)."""
    places = [i for i, ch in enumerate(text) if ch in NUMERALS]
    if not places:
        return 0
    return sum(
        "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" or ch.isdigit()
        for ch in text[places[0] : places[-1] + 1]
    )


def _numeral_reading(line: Line) -> Recognised:
    """A line's Tesseract reading, or its re-read restricted to the numerals where that has
    more numerals read as such (`갈 구 오 구 - 사 공` re-read as `팔 구 오 구 - 사 공`)."""
    first = line.reads["tesseract"]
    again = line.reads.get(NUMERAL_READ)
    if again is None:
        return first
    numerals_again = sum(ch in NUMERALS for ch in again.text)
    # more numerals read as such, and none of the first reading's dropped (see above)
    more = numerals_again > sum(ch in NUMERALS for ch in fix_numeral_misreads(first.text))
    return again if more and numerals_again >= numeral_count(first.text) else first


def _hangul_pieces(read: list[Line], bgr: np.ndarray) -> list[Line]:
    """A number in Hangul numerals the detector cut into overlapping pieces, none of which
    Tesseract read whole (`공 일 공 - 육 구 일 $` and `)- 육 구 일 육 - 삼 공 구 오`): the
    readings of two pieces of one line that overlap by MIN_PIECE_OVERLAP numerals or more are
    put together, on a line cut over both. Its score is kept below review (a person looks)."""
    partial = [
        ln
        for ln in read
        if numeral_count(_numeral_reading(ln).text) >= MIN_PIECE_OVERLAP
        and not numbers_in_line(_numeral_reading(ln).text)
    ]
    out: list[Line] = []
    made: set[str] = set()
    # rounds: a number cut into three pieces (`공 일 공 - 사`, `일 공 - 사 육 공 팔`,
    # `사 육 공 팔 - 구 삼 일 삼`) is two joins, the second onto the first's result; four
    # pieces (a curled card, held-out seed 61837) three
    firsts = partial
    for _ in range(PIECE_ROUNDS):
        incomplete = []
        for a in firsts:
            for b in partial:
                if a is b or not _continues(a, b):
                    continue
                first, second = _numeral_reading(a), _numeral_reading(b)
                text = _overlap_join(_numeral_text(first.text), _numeral_text(second.text))
                if not text and _overlap_heights(a, b) >= SHORT_OVERLAP_HEIGHTS:
                    # `구 삼 오 - 이 오` and `- 이 오 일 삼`: two numerals shared, where the
                    # boxes overlap on the photo by as much
                    text = _overlap_join(
                        _numeral_text(first.text), _numeral_text(second.text), least=2
                    )
                if not text or text in made:
                    continue
                made.add(text)
                joined = _join(a, b, bgr)
                score = min(first.score, second.score, PIECES_SCORE)
                joined.reads["tesseract"] = Recognised(text, score)
                out.append(joined)
                if not numbers_in_line(text):
                    incomplete.append(joined)
        firsts = incomplete
        # a piece may also come before a joined pair
        partial = partial + incomplete
    return out


def _overlap_heights(a: Line, b: Line) -> float:
    """How far b starts back inside a, along a, in line heights (0 if it starts after a)."""
    direction = a.end - a.start
    length = max(float(np.linalg.norm(direction)), 1.0)
    begins = float((b.start - a.start) @ direction) / length
    return max(0.0, length - begins) / max(a.height, b.height, 1.0)


def _better_reading(first: str, second: str) -> bool:
    """Whether a grey-level re-read beats the first reading: it holds a number, or the first
    was nearly nothing. A first reading full of numerals that made no number was replaced by a
    re-read of four characters (`익오육육_오칙칙익 | …` by `1/ 공 [고`, held-out seed 202)."""
    if numbers_in_line(second):
        return True
    return len(first.replace(" ", "")) < 2 or numeral_count(second) >= numeral_count(first)


def _blanked_by(most: int) -> Callable[[np.ndarray, str], bool]:
    """Picks (at most `most` of) the lines worth a reading with their background levelled: a
    line wide enough for a number (MIN_DEBLUR_WIDTH heights) of which Tesseract read next to
    nothing (fewer than half a character a height) and no number. What a fold or a label box
    does to a line's binarisation (`TEL. 공오공사-…` across a fold read `ㄴㄴ`, `TEL: 공일공-…`
    read as nothing; held-out seeds 40519 and 61837); on 160 held-out photos, 13 lines."""
    chosen = 0

    def blanked(crop: np.ndarray, text: str) -> bool:
        nonlocal chosen
        h, w = crop.shape[:2]
        read = len(text.replace(" ", ""))
        if chosen >= most or w < MIN_DEBLUR_WIDTH * h or read >= BLANKED_CHARS * w / h:
            return False
        if numbers_in_line(text):
            return False
        chosen += 1
        return True

    return blanked


def _take_reading(line: Line, sheet_line: SheetLine) -> None:
    line.reads["tesseract"] = Recognised(sheet_line.text, sheet_line.confidence)
    if sheet_line.flattened:
        # the later readings of the line (numerals only, the confirming check) see what this
        # one saw, not the two halves one threshold made of it
        line.crop = flatten(line.crop)


def _read_again(text: str) -> bool:
    """A Tesseract reading worth a second try: nothing, or numerals that make no number."""
    if len(text.replace(" ", "")) < 2:
        return True
    return numeral_count(text) >= 5 and not numbers_in_line(text)


def recognise_flyer(source: str | Path | bytes | Image.Image) -> FlyerResult:
    """All phone numbers on one flyer photo. Raises PhotoError for a photo that cannot be read.

    Warnings from the libraries (Pillow, numpy, onnxruntime's Python side) become notes on the
    result: a batch of thousands of photos must not print raw warnings on the terminal."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = _recognise(source)
    extra = [f"{w.category.__name__}: {' '.join(str(w.message).split())}" for w in caught]
    if extra:
        result = replace(result, notes=tuple(dict.fromkeys([*result.notes, *extra])))
    return result


def _recognise(source: str | Path | bytes | Image.Image) -> FlyerResult:
    started = time.perf_counter()
    loaded = _load(source)
    path = str(source) if isinstance(source, str | Path) else ""
    rgb = np.asarray(loaded.image)
    bgr = np.ascontiguousarray(rgb[:, :, ::-1])
    ocr = engine()

    lines = _lines(bgr)
    for line, read in zip(lines, ocr.recognise([ln.crop for ln in lines]), strict=True):
        line.reads["ppocr"] = read
    lines, other_turn = _pick_sideways(lines)
    joined = _joined_lines(lines, bgr)
    for line, read in zip(joined, ocr.recognise([ln.crop for ln in joined]), strict=True):
        line.reads["ppocr"] = read
    lines += joined

    candidates: list[Candidate] = []
    for line in lines:
        read = line.reads["ppocr"]
        for found in numbers_in_line(read.text):
            candidates.append(
                Candidate(
                    found,
                    line,
                    "ppocr",
                    read.score,
                    _certainty(read, found),
                    _where(read, found, line.crop.shape[1]),
                )
            )

    # second reads: binarised for every line with digits, upside down for doubtful ones
    # (only lines that may hold a number: a receipt's prices and quantities are not read twice)
    with_number = {id(c.line) for c in candidates}
    retry: list[tuple[Line, str, np.ndarray]] = []
    for line in lines:
        read = line.reads["ppocr"]
        digits = _digitish(read.text)
        if digits >= MIN_DIGITS_TO_REREAD or id(line) in with_number:
            retry.append(
                (line, "ppocr_binary", cv2.cvtColor(binarise(line.crop), cv2.COLOR_GRAY2BGR))
            )
        if (
            id(line) not in with_number
            and read.score < RETRY_BELOW
            and line.rotation == 0
            and digits >= 3
        ):
            retry.append((line, "ppocr_180", _rotate(line.crop, 180)))
    for (line, source_name, _), read in zip(
        retry, ocr.recognise([crop for _, _, crop in retry]), strict=True
    ):
        line.reads[source_name] = read
        for found in numbers_in_line(read.text):
            placed = _flip_offsets(found) if source_name == "ppocr_180" else found
            candidates.append(
                Candidate(
                    placed,
                    line,
                    source_name,
                    read.score,
                    _certainty(read, found),
                    _where(read, found, line.crop.shape[1], flipped=source_name == "ppocr_180"),
                )
            )

    # Tesseract for what PP-OCR could not read (Hangul), biggest text first
    # (a line with a number PP-OCR read may hold another one in Hangul numerals beside it)
    hangul = [ln for ln in lines if not ln.joined and _needs_tesseract(ln)]
    hangul += [
        part for ln in lines if not ln.joined and not _needs_tesseract(ln) for part in _unread(ln)
    ]
    hangul.sort(key=lambda ln: ln.height, reverse=True)
    hangul = hangul[:MAX_TESSERACT_LINES]
    turns = [other_turn[id(ln)] for ln in hangul if id(ln) in other_turn]
    texts: list[str] = []
    if hangul:
        sheet = read_lines(
            [ln.crop for ln in hangul + turns],
            retry_if=_read_again,
            better=_better_reading,
            flatten_if=_blanked_by(MAX_FLATTEN_LINES),
        )
        best_turn: dict[int, tuple[float, list[Candidate]]] = {}
        for line, sheet_line in zip(hangul + turns, sheet, strict=True):
            _take_reading(line, sheet_line)
            found_here = [
                Candidate(found, line, "tesseract", sheet_line.confidence, sheet_line.confidence)
                for found in numbers_in_line(sheet_line.text)
            ]
            if line.rotation in (90, 270):
                # of a sideways line's two turns, only the better-read one counts
                key = id(line.quad)
                if key not in best_turn or sheet_line.confidence > best_turn[key][0]:
                    best_turn[key] = (sheet_line.confidence, found_here)
                continue
            texts.append(sheet_line.text)
            candidates.extend(found_here)
        for _, found_here in best_turn.values():
            candidates.extend(found_here)
        candidates += _reread_numerals(hangul + turns)
        sharpened: dict[int, np.ndarray] = {}
        candidates += _reread_deblurred(hangul + turns, bgr, sharpened)
        candidates += _read_by_model(hangul + turns, sharpened)
        # a number in Hangul numerals the detector cut into overlapping pieces, none whole
        for line in _hangul_pieces(hangul + turns, bgr):
            read = line.reads["tesseract"]
            candidates.extend(
                Candidate(found, line, "tesseract", read.score, read.score)
                for found in numbers_in_line(read.text)
            )
        texts += [ln.reads["tesseract"].text for ln in hangul + turns if ln.rotation in (90, 270)]

    candidates = _whole_tokens(candidates, lines)
    checks = _read_once_more(candidates)
    numbers = _merge(candidates, loaded.scale, checks)
    category, hits = classify(texts)
    return FlyerResult(
        path=path,
        numbers=tuple(numbers),
        category=category,
        category_hits=hits,
        metadata=loaded.metadata,
        text_lines=len(lines),
        seconds=round(time.perf_counter() - started, 3),
        notes=loaded.notes,
    )


def _over_place(cand: Candidate, other: Line) -> bool:
    """Whether `other`, another detected line of about the same height, covers the place
    `cand` was read at."""
    if other is cand.line or not (0.67 < cand.line.height / max(other.height, 1.0) < 1.5):
        return False
    centre = _number_quad(cand.line, _span(cand), 1.0).mean(axis=0)
    point = (float(centre[0]), float(centre[1]))
    return cv2.pointPolygonTest(other.quad.astype(np.float32), point, False) >= 0


def _reads_number(line: Line, e164: str) -> bool:
    return any(
        found.number.e164 == e164
        for read in line.reads.values()
        for found in numbers_in_line(read.text)
    )


def _cut_here(cand: Candidate, other: Line) -> bool:
    """Whether `other`, a line detected over the place `cand` was read at, reads that place as
    part of a longer digit token and nowhere as the number itself."""
    if not _over_place(cand, other) or _reads_number(other, cand.found.number.e164):
        return False
    texts = [other.reads[name].text for name in ("ppocr", "ppocr_binary") if name in other.reads]
    return any(cut_from_longer_run(cand.found.number, text) for text in texts)


def _outvoted(cand: Candidate, lines: list[Line]) -> bool:
    """Whether the boxes over `cand`'s place that read it inside a longer run are not far
    outnumbered by those that read the number itself. On a card whose numbers are parted by
    `|` borders, the detector draws a dozen boxes over one number; one of them read the border
    as a digit (`11670-8996` of `| M 1670-8996 |`) and had dropped a number twenty others
    read whole (held-out seed 73019). A piece read on a box cut out of a longer printed token
    has the whole line's boxes against it, and few for it."""
    cutters = sum(_cut_here(cand, other) for other in lines)
    if not cutters:
        return False
    e164 = cand.found.number.e164
    for_it = 1 + sum(_over_place(cand, other) and _reads_number(other, e164) for other in lines)
    return for_it < max(MIN_WHOLE_VOTES, WHOLE_VOTES_PER_CUT * cutters)


def _whole_tokens(candidates: list[Candidate], lines: list[Line]) -> list[Candidate]:
    """A number is a whole token, also across the detector's overlapping boxes: a number read
    on a detected piece of a line is dropped where another box over the same place reads it as
    part of a longer run (`0158944078` of `No. 0158944078155`, `02 196 4187` of `T 0502 196
    4187`: on held-out seed 65707, four of its six false numbers, two of them accepted without
    review). The lines a dropped number's range implies go with it."""
    dropped: set[tuple[int, str]] = set()
    for cand in candidates:
        if not cand.found.implied and _outvoted(cand, lines):
            dropped.add((id(cand.line), cand.found.number.e164))
    if not dropped:
        return candidates
    return [
        cand
        for cand in candidates
        if (id(cand.line), cand.found.number.e164) not in dropped
        and (id(cand.line), cand.found.implied_by or "") not in dropped
    ]


def _read_once_more(candidates: list[Candidate]) -> list[Candidate]:
    """A number only one reading found is read again by Tesseract, an independent reader
    (PP-OCR's colour and binarised readings share a model, and its single readings were the
    wrong acceptances: `010 - 7693` read as `010 - /693`, `…1809` as `…180`). Lines PP-OCR
    read go to Tesseract binarised; lines Tesseract read (Hangul numerals) go again from grey
    levels. One Tesseract run for all of a photo's such lines.

    So is a number printed without grouping that only PP-OCR read: nothing in it betrays a
    digit lost at its end (`05054187674` of `050541876748`, both PP-OCR readings agreeing).

    The readings returned only confirm: `_merge` counts them for a number they read the same,
    never as a number of their own, and a different reading leaves the number to review."""
    sources: dict[str, set[str]] = {}
    by_number: dict[str, list[Candidate]] = {}
    for cand in candidates:
        sources.setdefault(cand.found.number.e164, set()).add(cand.source)
        by_number.setdefault(cand.found.number.e164, []).append(cand)
    lines: dict[tuple[int, bool], tuple[Line, np.ndarray, bool]] = {}
    for cand in sorted(candidates, key=lambda c: -c.certainty):
        e164 = cand.found.number.e164
        unchecked = _ungrouped(by_number[e164]) and not sources[e164] & {"tesseract"}
        if (len(sources[e164]) != 1 and not unchecked) or cand.found.implied:
            continue
        if cand.found.glyph_dropped or cand.source in DEBLURRED_SOURCES | {MODEL_DEBLURRED}:
            continue  # never accepted without review anyway
        upside_down = cand.source == "ppocr_180"
        crop = _rotate(cand.line.crop, 180) if upside_down else cand.line.crop
        grey = cand.source in ("tesseract", NUMERAL_READ, MODEL_READ)
        lines.setdefault((id(cand.line), upside_down), (cand.line, crop, grey))
    chosen = list(lines.values())[:MAX_CHECK_LINES]
    if not chosen:
        return []
    sheet = read_lines_as([crop for _, crop, _ in chosen], grey=[grey for _, _, grey in chosen])
    return [
        Candidate(found, line, CHECK, read.confidence, read.confidence)
        for (line, _, _), read in zip(chosen, sheet, strict=True)
        for found in numbers_in_line(read.text)
    ]


def _flip_offsets(found: LineNumber) -> LineNumber:
    # offsets of a 180°-read line count from the other end of the unrotated crop
    return replace(found, start=found.length - found.end, end=found.length - found.start)


def _span(cand: Candidate) -> tuple[float, float]:
    """Where the number sits along its line, as fractions: from PP-OCR's character places
    when known. Shares of the text misplace it where two readings of a line differ in length
    (a reading that stopped before the line's Hangul end put `1670 - 8331` over the Hangul
    numerals Tesseract read there, and the Hangul number was dropped as its misreading)."""
    if cand.where is not None:
        return cand.where
    length = max(cand.found.length, 1)
    return cand.found.start / length, cand.found.end / length


def _overlap(a: Candidate, b: Candidate) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0)


def _resolve(candidates: list[Candidate]) -> tuple[list[Candidate], set[str]]:
    """Where two reads of one line give different numbers at the same place, one of them is
    a misread: keep the number more reads agree on (then the better score), and mark it
    contested. Different numbers side by side on a line are both kept."""
    by_line: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_line.setdefault(id(cand.line), []).append(cand)
    kept: list[Candidate] = []
    contested: set[str] = set()
    for group in by_line.values():
        support: dict[str, tuple[int, float]] = {}
        for cand in group:
            e164 = cand.found.number.e164
            votes, best = support.get(e164, (0, 0.0))
            support[e164] = (votes + 1, max(best, cand.score))
        for cand in group:
            mine = cand.found.number.e164
            rivals = [
                other.found.number.e164
                for other in group
                if other.found.number.e164 != mine
                and _overlap(cand, other)
                # the lines a printed range implies sit where the printed number is
                and other.found.implied_by != mine
                and cand.found.implied_by != other.found.number.e164
                and (
                    other.found.implied_by is None
                    or other.found.implied_by != cand.found.implied_by
                )
            ]
            if any(support[r] > support[mine] for r in rivals):
                continue
            if rivals:
                contested.add(mine)
            kept.append(cand)
    return kept, contested


def _near_misses(by_number: dict[str, list[Candidate]]) -> set[str]:
    """Numbers one digit apart from another number on the same photo: one of the two is
    usually a misread (a tear-off strip read 052 on five strips and 062 on one). The one read
    on fewer lines is dropped when the other was read on at least two; otherwise both are only
    marked (they go to review)."""
    lines = {e164: {id(c.line) for c in group} for e164, group in by_number.items()}
    doubtful: set[str] = set()
    numbers = sorted(by_number)
    for i, a in enumerate(numbers):
        for b in numbers[i + 1 :]:
            if not _one_edit_apart(a, b):
                continue
            if any(c.found.implied for c in by_number[a] + by_number[b]):
                continue  # the lines of a printed range are one digit apart by nature
            if len(a) != len(b):
                doubtful |= {a, b}  # a digit missing or added: a person decides which
                continue
            weak, strong = sorted((a, b), key=lambda e: len(lines[e]))
            if len(lines[strong]) >= 2 and len(lines[weak]) == 1:
                doubtful.add(weak)
                by_number[weak] = []
            else:
                doubtful |= {a, b}
    return doubtful


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _one_edit_apart(a: str, b: str) -> bool:
    """One digit changed, left out or added (a `7` read as `/` and dropped)."""
    if len(a) == len(b):
        return _one_digit_apart(a, b)
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _shadowed(by_number: dict[str, list[Candidate]]) -> None:
    """Misreadings of a number at the same place on the photo, one digit changed, missing or
    added, are dropped: a number one reading found beside one two readings agree on
    (`010 - /693 - 5093` read on a joined line over `010 - 7693 - 5093`), and a number that is
    another with its last digits cut off, read on a detected piece of its line that ends
    inside it (`05054187674` of `TEL: 050541876748`, both readings of the piece agreeing)."""
    sources = {e164: {c.source for c in group} for e164, group in by_number.items()}
    places = {
        e164: [_number_quad(c.line, _span(c), 1.0) for c in group]
        for e164, group in by_number.items()
    }
    for weak, group in by_number.items():
        if any(c.found.implied for c in group):
            continue  # the lines of a printed range are one digit apart by nature
        for strong, other in by_number.items():
            if strong == weak or not other or not _one_edit_apart(weak, strong):
                continue
            if any(c.found.implied for c in other):
                continue
            cut_off = strong.startswith(weak) and len(sources[strong]) >= len(sources[weak])
            if not (cut_off or (len(sources[weak]) == 1 and len(sources[strong]) >= 2)):
                continue
            if any(_covered(place, places[strong]) for place in places[weak]):
                by_number[weak] = []
                break


def _unsettled(candidates: list[Candidate]) -> set[str]:
    """Numbers with two or more different readings one digit away on the photo, counting the
    reads `_resolve` will drop: the reads disagree too much for any of them to be taken without
    review (a blurred tear-off strip read 161-8782, 101-8782, 161-0782 and 101-0782)."""
    printed = {c.found.number.e164 for c in candidates if not c.found.implied}
    return {
        e164 for e164 in printed if sum(_one_digit_apart(e164, other) for other in printed) >= 2
    }


def _confirmed_by(group: list[Candidate], checks: list[Candidate]) -> float:
    """The best certainty of a confirming reading of one of the group's lines that read the
    group's number (0 if none did)."""
    mine = group[0].found.number.e164
    lines = {id(c.line) for c in group}
    return max(
        (c.certainty for c in checks if c.found.number.e164 == mine and id(c.line) in lines),
        default=0.0,
    )


def _ungrouped(group: list[Candidate]) -> bool:
    """Whether every reading of the number shows it without separators (`01054187674`):
    such a number has no grouping to check, so a digit lost at its end still reads as a
    valid number."""
    for cand in group:
        read = cand.line.reads.get(cand.source)
        if read is None or len(read.text) != cand.found.length:
            return False
        start, end = cand.found.start, cand.found.end
        if cand.source == "ppocr_180":  # offsets were flipped to the unrotated crop
            start, end = cand.found.length - end, cand.found.length - start
        if not read.text[start:end].isalnum():
            return False
    return True


def _agreement(group: list[Candidate], checks: list[Candidate]) -> tuple[list[float], list[str]]:
    """Each reading that found the number (a source: one preprocessing of one reader), with
    its best certainty, surest first; and the sources' names."""
    best: dict[str, float] = {}
    for cand in group:
        best[cand.source] = max(best.get(cand.source, 0.0), cand.certainty)
    confirmed = _confirmed_by(group, checks)
    if confirmed:
        best[CHECK] = confirmed
    return sorted(best.values(), reverse=True), sorted(best)


def _confidence(certainties: list[float]) -> float:
    """How likely the number is right, from the readings that agree on it.

    A number one reading found is at most ONCE_AT_MOST: it always goes to review (every
    wrong acceptance on the tuning flyers was a single reading, some of them at a line score
    of 0.97). Two or more readings that agree give AGREED_FROM and up, by how sure the second
    surest of them was of its least certain digit."""
    if len(certainties) < 2:
        return ONCE_AT_MOST * certainties[0]
    return AGREED_FROM + (1 - AGREED_FROM) * certainties[1]


def _merge(
    candidates: list[Candidate], scale: float, checks: list[Candidate] | None = None
) -> list[FoundNumber]:
    unsettled = _unsettled(candidates)
    candidates, contested = _resolve(candidates)
    by_number: dict[str, list[Candidate]] = {}
    for cand in candidates:
        by_number.setdefault(cand.found.number.e164, []).append(cand)
    _shadowed(by_number)
    by_number = {e164: group for e164, group in by_number.items() if group}
    near_misses = _near_misses(by_number)
    by_number = {e164: group for e164, group in by_number.items() if group}
    out = []
    for e164, group in by_number.items():
        best = max(group, key=lambda c: c.score)
        certainties, sources = _agreement(group, checks or [])
        confidence = _confidence(certainties)
        if _ungrouped(group) and not {"tesseract", CHECK} & set(sources):
            confidence = min(confidence, ONCE_AT_MOST)  # only one reader, nothing to check
        if all(c.line.joined and c.source == "tesseract" for c in group):
            # put together from overlapping pieces (`_hangul_pieces`): the overlap is a guess,
            # and a re-read of the joined crop by the same reader does not make it less of one
            confidence = min(confidence, ONCE_AT_MOST)
        if set(sources) <= MODEL_SOURCES:
            # our line recogniser alone (its two crops of one line are one reader)
            confidence = min(confidence, ONCE_AT_MOST)
        if set(sources) <= DEBLURRED_SOURCES | {CHECK, MODEL_DEBLURRED}:
            # only the deblurred crop reads it: one new reading, whatever agrees with it
            confidence = min(confidence, ONCE_AT_MOST)
        if e164 in contested:
            confidence = min(confidence * 0.7, ONCE_AT_MOST)
        if all(c.found.implied for c in group):
            # a line a printed range only implies (…3700~1): never taken without review
            sources.append("range")
            confidence = min(confidence, IMPLIED_CONFIDENCE)
        if all(c.found.glyph_dropped for c in group):
            # read as "8070-…" (a ☎ taken for an 8) or "…28171F" (a | for a 1): a person decides
            sources.append("symbol")
            confidence = min(confidence, IMPLIED_CONFIDENCE)
        if e164 in near_misses or e164 in unsettled:
            confidence = min(confidence * 0.7, IMPLIED_CONFIDENCE)
        if confidence < NOT_OFFERED_BELOW:
            continue
        if sources == [NUMERAL_READ] and max(c.certainty for c in group) < NUMERAL_READ_FROM:
            continue  # the numerals-only reading alone, unsure, no other reading agreeing
        quad = _number_quad(best.line, _span(best), scale)
        x0, y0 = np.floor(quad.min(axis=0)).astype(int)
        x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
        printed = _printed(best.line.reads[best.source].text, best.found)
        number = best.found.number
        out.append(
            FoundNumber(
                e164=e164,
                national=number.national,
                number_type=number.number_type.value,
                printed=printed,
                box=(int(max(x0, 0)), int(max(y0, 0)), int(x1 - max(x0, 0)), int(y1 - max(y0, 0))),
                quad=tuple((round(float(x), 1), round(float(y), 1)) for x, y in quad),
                confidence=round(min(max(confidence, 0.0), 1.0), 3),
                sources=tuple(sources),
            )
        )
    out.sort(key=lambda n: (n.box[1], n.box[0]))
    return out


def _printed(text: str, found: LineNumber) -> str:
    """The number as read, cut from the line's own text."""
    if found.length == len(text):
        return text[found.start : found.end].strip()
    return text.strip()  # a 180° read: offsets were flipped to the unrotated crop


def _load(source: str | Path | bytes | Image.Image) -> LoadedPhoto:
    if isinstance(source, Image.Image):
        image = source.convert("RGB")
        meta = PhotoMetadata(width=image.width, height=image.height, format="")
        return LoadedPhoto(image=image, scale=1.0, metadata=meta)
    return load_photo(source)


def warm_up() -> None:
    """Load the models and check Tesseract + Korean data; raises OcrEngineError if missing.

    Use as a worker pool's initializer (and once in the parent, to fail before the batch)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    check_tesseract()
    engine()
    numeral_reader()


def recognise_path(path: str) -> FlyerResult | FlyerFailure:
    """Worker-pool entry point: never raises for a bad photo, so a batch records and goes on.

    Top-level and picklable; models load once per worker process on first use.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        return recognise_flyer(path)
    except PhotoError as exc:
        return FlyerFailure(
            path=path,
            reason=exc.reason,
            message=exc.message,
            template=exc.template,
            values=dict(exc.values),
        )
    except OcrEngineError as exc:
        return FlyerFailure(path=path, reason="engine", message=str(exc))
    except MemoryError:
        return FlyerFailure(path=path, reason="internal", message=f"{path}: out of memory")
    except Exception as exc:  # one strange photo must not stop a batch of thousands
        last = traceback.format_exception_only(exc)[-1].strip()
        return FlyerFailure(path=path, reason="internal", message=f"{path}: {last}")
