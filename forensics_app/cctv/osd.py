"""The on-screen clock (OSD) of a clip, read by Tesseract from sampled frames.

Finding it: recorders burn the clock into a strip along the top or bottom edge. Each strip is
turned into black-on-white by keeping one "ink" (white, or a colour, or black), and Tesseract
reads it whole; the line that parses as a date and time gives the region. The region, ink and
layout facts are remembered per camera (the examiner can also draw the region), so the other
clips of that camera cost one Tesseract run each: the crops of all their samples stacked on
one sheet.

Checking it: a clock shown at frame time t must read c0 + t. Readings that agree give the
clip's first and last OSD time; a reading that disagrees with both neighbours is a misread,
but a change that persists is a jump (forwards or back), and the same reading seconds apart
is a clock standing still. Jumps are narrowed down to the frame by reading frames in between.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import pytesseract

from forensics_app.cctv.osd_text import ParsedOsd, normalise, parse_osd
from forensics_app.cctv.timing import clip_position, clock_span
from forensics_app.messages import Message, msg

Image = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.uint8]
LINE_HEIGHT = 64  # sheet line height: text about 40 px high, which Tesseract reads best
GAP = 24
MARGIN = 16
SHEET_LINES = 256  # crops per Tesseract sheet: 256 × (64 + 24) px, under its 32767 px limit
BAND = 0.2  # the top and bottom strips searched for a clock, as a fraction of the height
AGREE_S = 1.5  # readings whose implied start differs by less are the same clock
PIN_FRAMES = 6  # frames read per round when pinning a clock change down
SEARCH_FRAMES = 3  # sampled frames the clock is looked for on (first, middle, last)
VOTE_HEIGHTS = (48, 84)  # the other sizes the first and last frames are read at
INK_TOLERANCE = 64  # luma difference (colour differences count half) still taken as ink
MIN_GLYPHS = 8  # a date and a time have at least 12 characters; some touch each other


class OsdEngineError(Exception):
    """Tesseract is missing or failed (not the clip's fault)."""

    def __init__(self, template: str, /, **values: object) -> None:
        # An English template with named values, like forensics_app.errors (str: English).
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


@dataclass(frozen=True)
class Region:
    """Where the clock is, as fractions of the frame (the same camera at another resolution
    keeps its clock in the same place)."""

    left: float
    top: float
    width: float
    height: float

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        x0 = max(0, int(self.left * width))
        y0 = max(0, int(self.top * height))
        x1 = min(width, math.ceil((self.left + self.width) * width))
        y1 = min(height, math.ceil((self.top + self.height) * height))
        return x0, y0, x1, y1

    def crop(self, image: Image) -> Image:
        x0, y0, x1, y1 = self.pixels(image.shape[1], image.shape[0])
        return image[y0:y1, x0:x1]

    @classmethod
    def from_pixels(cls, box: tuple[int, int, int, int], width: int, height: int) -> Region:
        x0, y0, x1, y1 = box
        return cls(x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height)


@dataclass(frozen=True)
class OsdSettings:
    region: Region
    ink: str = "#ffffff"
    lang: str = "eng"
    twelve_hour: bool = False
    day_first: bool | None = None
    drawn_by_examiner: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OsdSettings:
        region = Region(**data["region"])
        return cls(
            region=region,
            ink=str(data.get("ink", "#ffffff")),
            lang=str(data.get("lang", "eng")),
            twelve_hour=bool(data.get("twelve_hour", False)),
            day_first=data.get("day_first"),
            drawn_by_examiner=bool(data.get("drawn_by_examiner", False)),
        )


@dataclass(frozen=True)
class OsdReading:
    index: int  # frame number
    time_s: float  # seconds from the first frame
    text: str
    value: datetime | None
    note: str = ""
    twelve_hour: bool = False  # the text had AM/PM (오전/오후)
    day_first: bool | None = None  # a dd-mm-yyyy date, when the text settled it


@dataclass(frozen=True)
class OsdEvent:
    kind: str  # jump | backwards | stopped
    at_s: float  # when it happens, seconds from the first frame
    frame: int  # the first frame showing it
    before: datetime | None  # the clock just before
    after: datetime | None  # the clock just after
    seconds: float  # size of the jump; for stopped, how long it stood still (at least)

    def note(self) -> Message:
        if self.kind == "stopped":
            return msg(
                "OSD clock stood still at {shown} for {seconds:.0f} s from {at:.1f} s "
                "(frame {frame})",
                shown=_fmt(self.before),
                seconds=self.seconds,
                at=self.at_s,
                frame=self.frame,
            )
        # How the analyst says it: a signed span and a place in the clip as a player shows
        # them ("+1:00:00 at 00:12:31"), the frame and both readings for the record.
        return msg(
            "the recorder's clock jumps {leap} at {at} into the clip (frame {frame}): "
            "{before} → {after}",
            leap=clock_span(self.seconds),
            at=clip_position(self.at_s),
            frame=self.frame,
            before=_fmt(self.before),
            after=_fmt(self.after),
        )

    def describe(self) -> str:
        """In English (logs, the frame details)."""
        return str(self.note())


@dataclass(frozen=True)
class OsdPiece:
    """A stretch of the clip over which the OSD clock is one expression: it shows
    floor(origin + t) while running, or `origin` all along while standing still."""

    t0: float
    t1: float
    origin: datetime  # running: the clock at t = 0 extrapolated; standing: the value shown
    running: bool

    def at(self, t: float) -> datetime:
        if not self.running:
            return self.origin
        moment = self.origin + timedelta(seconds=t)
        return moment.replace(microsecond=0)


@dataclass
class OsdResult:
    status: str = "not_read"  # ok | inconsistent | unreadable | not_read
    settings: OsdSettings | None = None
    first: datetime | None = None
    last: datetime | None = None
    readings: list[OsdReading] = field(default_factory=list)
    events: list[OsdEvent] = field(default_factory=list)
    pieces: list[OsdPiece] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # why unreadable, what jumped
    seconds: float = 0.0  # time spent, for the benchmark

    @property
    def message(self) -> str:
        """The notes in English, in one line (logs, tests, benchmarks)."""
        return "; ".join(str(note) for note in self.notes)

    def at(self, t: float) -> datetime | None:
        """The OSD clock at `t` seconds from the first frame, by the fitted pieces."""
        for piece in self.pieces:
            if piece.t0 - 1e-6 <= t < piece.t1:
                return piece.at(t)
        return self.pieces[-1].at(t) if self.pieces else None


# ---- Tesseract ----------------------------------------------------------------------------
def _tesseract(sheet: Mask, lang: str, psm: int) -> list[dict[str, Any]]:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        tsv = pytesseract.image_to_data(sheet, lang=lang, config=f"--psm {psm}")
    except pytesseract.TesseractNotFoundError as exc:
        raise OsdEngineError("tesseract is not installed (apt-get install tesseract-ocr)") from exc
    except pytesseract.TesseractError as exc:
        raise OsdEngineError("tesseract failed: {reason}", reason=str(exc)) from exc
    rows = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            rows.append(
                {
                    "text": text,
                    "line": (row["block_num"], row["par_num"], row["line_num"]),
                    "left": int(row["left"]),
                    "top": int(row["top"]),
                    "width": int(row["width"]),
                    "height": int(row["height"]),
                    "conf": float(row["conf"]),
                }
            )
    return rows


def _ycc(image: Image) -> npt.NDArray[np.int16]:
    return cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb).astype(np.int16)


def _ycc_of(colour: str) -> npt.NDArray[np.int16]:
    rgb = np.array([[[int(colour[i : i + 2], 16) for i in (1, 3, 5)]]], dtype=np.uint8)
    return _ycc(rgb)[0, 0]


def ink_mask(image: Image, ink: str, height: int | None = None) -> Mask:
    """Dark text on white: the pixels of the ink colour (#rrggbb) become black, those far from
    it white, with grey in between so the glyphs keep their shape. Luma counts fully and
    colour half: video keeps luma at full resolution but halves colour, so thin coloured
    strokes bleed into their outline. `height`: scale the picture to this height first
    (upscaling the colours, not the mask, keeps the strokes smooth). Blobs far larger than a
    character (a bar of the ink's colour behind the text) are dropped."""
    if height is not None and image.shape[0] != height:
        h, w = image.shape[:2]
        width = max(1, round(w * height / max(h, 1)))
        interpolation = cv2.INTER_AREA if h > height else cv2.INTER_CUBIC
        image = np.asarray(
            cv2.resize(image, (width, height), interpolation=interpolation), np.uint8
        )
    target = _ycc_of(ink)
    pixels = _ycc(image)
    distance = (
        np.abs(pixels[..., 0] - target[0])
        + (np.abs(pixels[..., 1] - target[1]) + np.abs(pixels[..., 2] - target[2])) // 2
    )
    soft = np.clip((distance - INK_TOLERANCE // 2) * (255 / INK_TOLERANCE), 0, 255)
    return _drop_counters(_drop_blobs(soft.astype(np.uint8), image.shape[0]))


def _drop_counters(mask: Mask) -> Mask:
    """Whiten ink blobs much thicker than the strokes: where outlined text stands on a
    background of its own colour, the inside of a 0 or the gap in a 3 is that colour too,
    and a filled 0 inside its outline reads as an 8."""
    ink = (mask < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=4)
    if count < 4:
        return mask
    depth = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    thickness = np.zeros(count)
    np.maximum.at(thickness, labels.ravel().astype(np.intp), depth.ravel())
    strokes = thickness[1:][stats[1:, cv2.CC_STAT_AREA] >= 12]
    if len(strokes) < 3:
        return mask
    typical = float(np.median(strokes))
    thick = thickness > max(1.5 * typical, typical + 1.2)
    thick[0] = False
    # Only blobs mostly inside another blob's box are counters; a bold letter's own thick
    # part (the middle of an M) is not.
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = x + stats[:, cv2.CC_STAT_WIDTH], y + stats[:, cv2.CC_STAT_HEIGHT]
    for label in np.flatnonzero(thick):
        width = np.clip(np.minimum(right, right[label]) - np.maximum(x, x[label]), 0, None)
        height = np.clip(np.minimum(bottom, bottom[label]) - np.maximum(y, y[label]), 0, None)
        overlap = width * height / max(1, (right[label] - x[label]) * (bottom[label] - y[label]))
        overlap[[0, label]] = 0
        thick[label] = bool((overlap >= 0.8).any())
    if not thick.any():
        return mask
    mask = mask.copy()
    mask[thick[labels]] = 255
    return mask


def _drop_blobs(mask: Mask, height: int) -> Mask:
    """Whiten ink blobs that span the whole height (a bar of the ink's colour behind the
    text, reaching past the strip) or are far wider than a line of characters is high."""
    ink = (mask < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tops, tall = stats[1:, cv2.CC_STAT_TOP], stats[1:, cv2.CC_STAT_HEIGHT]
    wide = stats[1:, cv2.CC_STAT_WIDTH]
    spans = (tops == 0) & (tops + tall >= height)
    huge = (tall > height * 0.95) & (wide > height * 3)
    too_big = np.zeros(count, dtype=bool)
    too_big[1:] = spans | huge
    if too_big.any():
        mask = mask.copy()
        mask[too_big[labels]] = 255
    return mask


def _colour_hex(ycc: npt.NDArray[Any]) -> str:
    pixel = np.clip(np.array([[ycc]], dtype=np.float32), 0, 255).astype(np.uint8)
    r, g, b = cv2.cvtColor(pixel, cv2.COLOR_YCrCb2RGB)[0, 0]
    return f"#{int(r):02x}{int(g):02x}{int(b):02x}"


def _ink_candidates(area: Image) -> list[str]:
    """Colours the clock may be written in: white and black, the colours of thin strokes
    (pixels brighter or darker than their surroundings) and the strip's main colours."""
    ycc = _ycc(area)
    luma = ycc[..., 0].astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    strokes = (cv2.morphologyEx(luma, cv2.MORPH_TOPHAT, kernel) > 60) | (
        cv2.morphologyEx(luma, cv2.MORPH_BLACKHAT, kernel) > 60
    )
    colours = ["#ffffff", "#000000"]
    for pixels, count in ((ycc[strokes], 4), (ycc[::3, ::3].reshape(-1, 3), 6)):
        if len(pixels) < count * 4:
            continue
        sample = pixels[:: max(1, len(pixels) // 20000)].astype(np.float32)
        criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 2.0)
        cv2.setRNGSeed(0)  # the same clip finds the same colours every time
        _, _, centres = cv2.kmeans(  # type: ignore[call-overload]
            sample, count, None, criteria, 1, cv2.KMEANS_PP_CENTERS
        )
        colours += [_colour_hex(c) for c in centres]
    unique: list[str] = []
    for colour in colours:
        if all(_ycc_distance(colour, other) >= INK_TOLERANCE // 2 for other in unique):
            unique.append(colour)
    return unique


def _ycc_distance(first: str, second: str) -> int:
    a, b = _ycc_of(first), _ycc_of(second)
    return int(abs(a[0] - b[0]) + (abs(a[1] - b[1]) + abs(a[2] - b[2])) // 2)


Box = tuple[int, int, int, int]


def _glyph_row(mask: Mask, frame_height: int) -> list[Box]:
    """The longest row of character-sized blobs of the ink, as (x, y, w, h) boxes: how much
    the ink looks like a line of text (used to decide which inks are worth reading)."""
    ink = (mask < 128).astype(np.uint8)
    _count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = max(6, frame_height * 0.012), max(24, frame_height * 0.13)
    glyphs = sorted(
        (int(x), int(y), int(w), int(h))
        for x, y, w, h, area in stats[1:]
        if low <= h <= high and w <= 2.5 * h and area >= 0.08 * w * h
    )
    rows: list[list[Box]] = []
    for x, y, w, h in glyphs:
        for row in rows:
            rx, ry, rw, rh = row[-1]
            same_line = abs((y + h / 2) - (ry + rh / 2)) < 0.5 * max(h, rh)
            if same_line and 0.5 < h / rh < 2.0 and x - (rx + rw) < 2.5 * max(h, rh):
                row.append((x, y, w, h))
                break
        else:
            rows.append([(x, y, w, h)])
    return max(rows, key=len, default=[])


def _refine_ink(area: Image, ink: str, glyphs: list[Box]) -> str:
    """The median colour of the ink's pixels inside the glyphs found with it: a colour
    guessed from the whole strip drifts towards the background."""
    target = _ycc_of(ink)
    ycc = _ycc(area)
    picked = []
    for x, y, w, h in glyphs:
        pixels = ycc[y : y + h, x : x + w].reshape(-1, 3)
        distance = (
            np.abs(pixels[:, 0] - target[0])
            + (np.abs(pixels[:, 1] - target[1]) + np.abs(pixels[:, 2] - target[2])) // 2
        )
        picked.append(pixels[distance < INK_TOLERANCE // 2])
    found = np.concatenate(picked) if picked else np.empty((0, 3))
    if len(found) < 20:
        return ink
    return _colour_hex(np.median(found, axis=0))


def _scaled(mask: Mask, height: int = LINE_HEIGHT) -> Mask:
    h, w = mask.shape
    width = max(1, round(w * height / max(h, 1)))
    interpolation = cv2.INTER_AREA if h > height else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(mask, (width, height), interpolation=interpolation), np.uint8)


def read_lines(crops: Sequence[Mask], lang: str) -> list[str]:
    """One Tesseract run for all crops: stacked on a white sheet, words put back to their
    crop by their vertical position. Tesseract refuses images over 32767 pixels high, so
    more crops than SHEET_LINES take more than one sheet."""
    if len(crops) > SHEET_LINES:
        return [
            text
            for first in range(0, len(crops), SHEET_LINES)
            for text in read_lines(crops[first : first + SHEET_LINES], lang)
        ]
    if not crops:
        return []
    scaled = [_scaled(c) for c in crops]
    sheet_w = max(s.shape[1] for s in scaled) + 2 * MARGIN
    sheet_h = len(scaled) * (LINE_HEIGHT + GAP) + 2 * MARGIN
    sheet = np.full((sheet_h, sheet_w), 255, np.uint8)
    for number, line in enumerate(scaled):
        top = MARGIN + number * (LINE_HEIGHT + GAP)
        sheet[top : top + LINE_HEIGHT, MARGIN : MARGIN + line.shape[1]] = line
    words: list[list[tuple[int, str]]] = [[] for _ in crops]
    for word in _tesseract(sheet, lang, 6):
        centre = word["top"] + word["height"] / 2
        number = int((centre - MARGIN + GAP / 2) // (LINE_HEIGHT + GAP))
        if 0 <= number < len(crops):
            words[number].append((word["left"], word["text"]))
    return [" ".join(text for _, text in sorted(ws)) for ws in words]


# ---- finding the clock --------------------------------------------------------------------
def _bands(height: int) -> list[tuple[int, int]]:
    strip = max(16, int(height * BAND))
    return [(0, strip), (height - strip, height)]


def candidates(
    image: Image, hint: OsdSettings | None = None, *, limit: int = 5
) -> Iterator[tuple[OsdSettings, str]]:
    """Where the clock may be, best first: (settings, what was tried). `hint`: a region the
    examiner drew, whose ink and layout are still to be found.

    The top and bottom strips (or the drawn region) are read whole by Tesseract (sparse text)
    in one colour at a time, the colours ranked by how much their pixels look like a row of
    characters; each row of words that parses as a date and time is a candidate."""
    height, width = image.shape[:2]
    if hint is not None:
        x0, y0, x1, y1 = hint.region.pixels(width, height)
        areas = [(x0, y0, x1, y1)]
    else:
        areas = [(0, top, width, bottom) for top, bottom in _bands(height)]
    ranked: list[tuple[int, str, tuple[int, int, int, int]]] = []
    for area_box in areas:
        x0, y0, x1, y1 = area_box
        area = image[y0:y1, x0:x1]
        for ink in _ink_candidates(area):
            glyphs = _glyph_row(ink_mask(area, ink), height)
            ranked.append((len(glyphs), ink, area_box))
            if len(glyphs) >= MIN_GLYPHS:
                refined = _refine_ink(area, ink, glyphs)
                if refined != ink:
                    ranked.append((len(glyphs), refined, area_box))
    # Most recorders write white: white with a row of characters goes first. (Its black
    # outline makes as many "characters" as the text itself.)
    ranked.sort(key=lambda r: (r[1] == "#ffffff" and r[0] >= MIN_GLYPHS, r[0]), reverse=True)
    scale = max(1.0, 900 / height)  # text about 30-40 px high for Tesseract
    for count, ink, area_box in ranked[:limit]:
        if count < MIN_GLYPHS and hint is None:
            break  # no row of characters in this colour (nor in any after it)
        x0, y0, x1, y1 = area_box
        found = _find_row(image[y0:y1, x0:x1], ink, scale)
        if found is None:
            continue
        (bx0, by0, bx1, by1), parsed, lang = found
        line_h = by1 - by0
        # Room for digits that grow (1 → 8) and an AM/PM or weekday read only partly.
        pad_x, pad_y = int(line_h * 1.5), max(2, int(line_h * 0.2))
        box = (
            max(0, x0 + bx0 - pad_x),
            max(0, y0 + by0 - pad_y),
            min(width, x0 + bx1 + pad_x),
            min(height, y0 + by1 + pad_y),
        )
        region = hint.region if hint is not None else Region.from_pixels(box, width, height)
        settings = OsdSettings(
            region=region,
            ink=ink,
            lang=lang,
            twelve_hour=parsed.twelve_hour,
            day_first=parsed.day_first,
            drawn_by_examiner=hint is not None and hint.drawn_by_examiner,
        )
        yield settings, f"{ink} text at {box}"


def locate(
    images: Sequence[Image], hint: OsdSettings | None = None
) -> tuple[OsdSettings | None, list[str]]:
    """The first candidate whose crop reads as a date and time on the first image."""
    tried = []
    for settings, what in candidates(images[0], hint):
        tried.append(what)
        (reading,) = read_frames([(0, 0.0, images[0])], settings)
        if reading.value is not None:
            return settings, tried
    return None, tried


def _find_row(
    area: Image, ink: str, scale: float
) -> tuple[tuple[int, int, int, int], ParsedOsd, str] | None:
    h, w = area.shape[:2]
    mask = ink_mask(area, ink, round(h * scale))
    sheet = np.asarray(
        cv2.copyMakeBorder(mask, MARGIN, MARGIN, MARGIN, MARGIN, cv2.BORDER_CONSTANT, value=255),
        np.uint8,
    )
    for lang in ("eng", "kor+eng"):
        rows = _rows(_tesseract(sheet, lang, 11))
        korean_worth = False
        for row in rows:
            text = " ".join(word["text"] for word in row)
            parsed = parse_osd(text)
            # A time of day beside a year that did not read as a date (or read with junk
            # around it): Hangul (년 월 일, 오전/오후) the English model garbled.
            has_year = re.search(r"(?<!\d)(19|20)\d\d", normalise(text)) is not None
            korean_worth |= has_year and parsed.note != "no time of day"
            if parsed.value is None or (lang == "eng" and _has_garbage(parsed)):
                continue
            clock = _clock_words(row)
            # Heights and centres by the median word: one word box that took in a piece of
            # a neighbouring line must not make the region twice as tall.
            height = sorted(word["height"] for word in clock)[len(clock) // 2]
            centre = sorted(word["top"] + word["height"] / 2 for word in clock)[len(clock) // 2]
            box = (
                min(word["left"] for word in clock),
                round(centre - 0.6 * height),
                max(word["left"] + word["width"] for word in clock),
                round(centre + 0.6 * height),
            )
            x0, y0, x1, y1 = (max(0, round((v - MARGIN) / scale)) for v in box)
            x0, x1 = _extend_to_ink(ink_mask(area, ink), x0, y0, min(w, x1), min(h, y1))
            return (x0, y0, x1, min(h, y1)), parsed, lang
        if not korean_worth:
            return None  # no date-like line in this colour: Korean will not help
    return None


def _clock_words(row: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words of a row that belong to the clock: the run of words around the first one
    with a digit, as long as they sit close together, without marks at either end (a dash
    or tilde read from the scene): junk beside the clock must not widen its region."""
    digits = [n for n, word in enumerate(row) if any(c.isdigit() for c in word["text"])]
    if not digits:
        return row
    height = sorted(word["height"] for word in row)[len(row) // 2]
    first = last = digits[0]
    while first > 0 and _close(row[first - 1], row[first], height):
        first -= 1
    while last + 1 < len(row) and _close(row[last], row[last + 1], height):
        last += 1
    words = row[first : last + 1]
    while len(words) > 1 and not any(c.isalnum() for c in words[0]["text"]):
        words = words[1:]
    while len(words) > 1 and not any(c.isalnum() for c in words[-1]["text"]):
        words = words[:-1]
    return words


def _extend_to_ink(mask: Mask, x0: int, y0: int, x1: int, y1: int) -> tuple[int, int]:
    """Widen [x0, x1) over ink that continues the line within a character's gap: a word
    Tesseract did not read (an AM/PM, a weekday) is still part of the clock."""
    columns: npt.NDArray[np.bool_] = np.asarray((mask[y0:y1] < 128).any(axis=0))
    gap = max(4, int((y1 - y0) * 0.8))
    while True:
        ahead = columns[x1 : x1 + gap]
        if not ahead.any():
            break
        x1 += int(np.flatnonzero(ahead)[-1]) + 1
    while x0 > 0:
        behind = columns[max(0, x0 - gap) : x0]
        if not behind.any():
            break
        x0 = max(0, x0 - gap) + int(np.flatnonzero(behind)[0])
    return x0, x1


def _close(left: dict[str, Any], right: dict[str, Any], height: int) -> bool:
    return right["left"] - (left["left"] + left["width"]) < 2.5 * height


def _rows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words at the same height, left to right (sparse-text mode splits an OSD line)."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: w["top"] + w["height"] / 2):
        centre = word["top"] + word["height"] / 2
        if rows:
            last = rows[-1]
            last_centre = sum(w["top"] + w["height"] / 2 for w in last) / len(last)
            if abs(centre - last_centre) < max(w["height"] for w in last) * 0.6:
                last.append(word)
                continue
        rows.append([word])
    return [sorted(row, key=lambda w: w["left"]) for row in rows]


def _read_one(mask: Mask) -> tuple[ParsedOsd, str] | None:
    for lang in ("eng", "kor+eng"):
        (text,) = read_lines([mask], lang)
        parsed = parse_osd(text)
        if parsed.value is None:
            continue
        if lang == "eng" and _has_garbage(parsed):
            continue  # Hangul read as Latin: the Korean model must say 오전/오후, 년, (화)
        return parsed, lang
    return None


def _has_garbage(parsed: ParsedOsd) -> bool:
    """Letters or digits besides the date, time, AM/PM and weekday: the English model reading
    Hangul (년 월 일, 오전/오후, (화)) as junk. 오전/오후 decide the hour, so Korean must be
    read with the Korean model."""
    return bool(parsed.leftover)


# ---- reading and checking -----------------------------------------------------------------
def read_frames(
    frames: Sequence[tuple[int, float, Image]],
    settings: OsdSettings,
    *,
    vote: Sequence[int] = (),
) -> list[OsdReading]:
    """Read the clock on each frame (one Tesseract run for all). The frames at the positions
    in `vote` are also read at two other sizes and take the value most readings agree on:
    a static part of the clock (the date) misread at one size is misread on every frame, so
    the frames that decide the start and end are read three ways."""
    crops = []
    owners = []
    for number, (_index, _time, image) in enumerate(frames):
        crop = settings.region.crop(image)
        heights = (LINE_HEIGHT, *VOTE_HEIGHTS) if number in vote else (LINE_HEIGHT,)
        for height in heights:
            crops.append(ink_mask(crop, settings.ink, height))
            owners.append(number)
    texts = read_lines(crops, settings.lang)
    by_frame: dict[int, list[tuple[str, ParsedOsd]]] = {}
    for number, text in zip(owners, texts, strict=True):
        parsed = parse_osd(text, twelve_hour=settings.twelve_hour, day_first=settings.day_first)
        by_frame.setdefault(number, []).append((text, parsed))
    readings = []
    for number, (index, time_s, _) in enumerate(frames):
        text, parsed = _agreed(by_frame[number])
        readings.append(
            OsdReading(
                index,
                time_s,
                text,
                parsed.value,
                parsed.note,
                parsed.twelve_hour,
                parsed.day_first,
            )
        )
    return readings


def _agreed(variants: list[tuple[str, ParsedOsd]]) -> tuple[str, ParsedOsd]:
    """The variant whose value most variants share (the first size wins a tie)."""
    values = Counter(p.value for _, p in variants if p.value is not None)
    if not values:
        return variants[0]
    best, count = values.most_common(1)[0]
    first = variants[0][1].value
    if first is not None and values[first] == count:
        best = first
    return next(v for v in variants if v[1].value == best)


Fetch = Callable[[Sequence[int]], list[tuple[int, float, Image]]]


def read_osd(
    samples: Sequence[tuple[int, float, Image]],
    settings: OsdSettings | None,
    *,
    fetch: Fetch | None = None,
) -> OsdResult:
    """Read and check the clock on `samples` (frame number, seconds, picture), first frame
    first and last frame last. `settings`: what is known of this camera's clock (None: find
    it). `fetch(frame numbers)` decodes more frames to pin jumps down to the frame."""
    result = OsdResult(settings=settings)
    if not samples:
        result.status, result.notes = "unreadable", [msg("no frame to read")]
        return result
    readings: list[OsdReading] = []
    ends = sorted({0, len(samples) - 1})
    if settings is not None:
        readings = read_frames(samples, settings, vote=ends)
    wanted = min(2, len(samples))
    if sum(r.value is not None for r in readings) < wanted:
        hint = settings if settings is not None and settings.drawn_by_examiner else None
        found = None
        # The scene behind the clock changes: what hides it on one frame may not on another.
        picks = sorted({0, len(samples) // 2, len(samples) - 1})[:SEARCH_FRAMES]
        for pick in picks:
            for candidate, _what in candidates(samples[pick][2], hint):
                attempt = read_frames(samples, candidate, vote=ends)
                good = [r for r in attempt if r.value is not None]
                if len(good) >= wanted:
                    # What the readings show of the layout is remembered for the camera.
                    firsts = [r.day_first for r in good if r.day_first is not None]
                    found = replace(
                        candidate,
                        twelve_hour=candidate.twelve_hour or any(r.twelve_hour for r in good),
                        day_first=firsts[0] if firsts else candidate.day_first,
                    )
                    readings = attempt
                    break
            if found is not None:
                break
        if found is None:
            result.status = "unreadable"
            result.readings = readings
            result.notes = [msg("no date and time found on screen")]
            return result
        settings = found
    assert settings is not None
    result.settings = settings
    result.readings = readings
    Checker(result, settings, fetch).run()
    return result


def _origin(reading: OsdReading) -> datetime:
    assert reading.value is not None
    return reading.value - timedelta(seconds=reading.time_s)


def _same(a: OsdReading, b: OsdReading) -> bool:
    """The two readings are one running clock."""
    return abs((_origin(a) - _origin(b)).total_seconds()) < AGREE_S


def _standing(a: OsdReading, b: OsdReading) -> bool:
    """The clock did not move between the two readings though time passed."""
    return a.value == b.value and b.time_s - a.time_s >= AGREE_S


class Checker:
    """Splits the readings into pieces of one running (or standing) clock, drops lone
    misreads, pins each change down to its frame and names it."""

    def __init__(self, result: OsdResult, settings: OsdSettings, fetch: Fetch | None) -> None:
        self.result = result
        self.settings = settings
        self.fetch = fetch

    def run(self) -> None:
        result = self.result
        good = self._without_misreads([r for r in result.readings if r.value is not None])
        if not good:
            result.status = "unreadable"
            result.notes = [msg("the OSD text does not read as a date")]
            return
        groups = self._groups(good)
        pieces = [self._fit(readings, standing) for readings, standing in groups]
        events: list[OsdEvent] = []
        for number in range(1, len(pieces)):
            (before_group, was_standing), (after_group, standing) = groups[number - 1 : number + 1]
            old, new = pieces[number - 1], pieces[number]
            if before_group[-1].index == after_group[0].index:
                low = high = after_group[0]  # a reading shared by a running and a standing piece
            else:
                low, high = self._pin(before_group[-1], after_group[0], old, new)
                # The frames read on either side of the change sharpen both fits.
                if low is not before_group[-1]:
                    before_group.append(low)
                    old = self._fit(before_group, was_standing)
                if high is not after_group[0]:
                    after_group.insert(0, high)
                    new = self._fit(after_group, standing)
            pieces[number - 1] = replace(old, t1=high.time_s)
            pieces[number] = new = replace(new, t0=high.time_s)
            events.extend(self._events(old, new, low, high, after_group))
        pieces[0] = replace(pieces[0], t0=-math.inf)
        pieces[-1] = replace(pieces[-1], t1=math.inf)
        result.pieces = pieces
        result.events = events
        first, last = result.readings[0], result.readings[-1]
        result.first = self._value_at(first, pieces)
        result.last = self._value_at(last, pieces)
        notes = [event.note() for event in events]
        result.status = "inconsistent" if events else "ok"
        unread = len(result.readings) - sum(r.value is not None for r in result.readings)
        if unread:
            notes.append(
                msg(
                    "{unread} of {count} sampled frames unreadable",
                    unread=unread,
                    count=len(result.readings),
                )
            )
        dropped = sum(r.value is not None for r in result.readings) - len(good)
        if dropped:
            notes.append(msg("{count} misread frames ignored", count=dropped))
        result.notes = notes

    def _without_misreads(self, good: list[OsdReading]) -> list[OsdReading]:
        """A reading that disagrees with both neighbours while they agree is a misread; so is
        a first or last reading that disagrees with the two next to it, unless a frame beside
        it reads the same (then the clock really changed there)."""
        kept = []
        for number, reading in enumerate(good):
            before = good[number - 1] if number > 0 else None
            after = good[number + 1] if number + 1 < len(good) else None
            if before is not None and after is not None:
                neighbours = _same(before, after) or _standing(before, after)
                mine = _same(before, reading) or _same(reading, after)
                mine = mine or _standing(before, reading) or _standing(reading, after)
                if neighbours and not mine:
                    continue
            elif len(good) >= 3:
                a, b = (good[1], good[2]) if before is None else (good[-2], good[-3])
                agree = _same(a, b) or _standing(a, b) or _standing(b, a)
                alone = not (_same(reading, a) or _standing(reading, a))
                if agree and alone and not self._confirmed(reading, a):
                    continue
            kept.append(reading)
        return kept

    def _confirmed(self, reading: OsdReading, towards: OsdReading) -> bool:
        """Does a frame next to `reading` (towards `towards`) read like it?"""
        if self.fetch is None:
            return False
        step = 1 if towards.index > reading.index else -1
        frames = self.fetch([reading.index + step])
        if not frames:
            return False
        (other,) = read_frames(frames, self.settings)
        return other.value is not None and (_same(reading, other) or other.value == reading.value)

    @staticmethod
    def _groups(good: list[OsdReading]) -> list[tuple[list[OsdReading], bool]]:
        groups: list[tuple[list[OsdReading], bool]] = [([good[0]], False)]
        for reading in good[1:]:
            readings, standing = groups[-1]
            last = readings[-1]
            if not standing and _same(last, reading):
                readings.append(reading)
            elif _standing(last, reading):
                if standing or len(readings) == 1:
                    readings.append(reading)
                    groups[-1] = (readings, True)
                else:
                    groups.append(([last, reading], True))
            else:
                groups.append(([reading], False))
        return groups

    @staticmethod
    def _fit(readings: list[OsdReading], standing: bool) -> OsdPiece:
        if standing:
            value = readings[0].value
            assert value is not None
            return OsdPiece(readings[0].time_s, readings[-1].time_s, value, False)
        # The clock shows floor(c0 + t): c0 lies in [value - t, value - t + 1) for every
        # reading; the tightest lower bound is the best estimate.
        origin = max(_origin(r) for r in readings)
        return OsdPiece(readings[0].time_s, readings[-1].time_s, origin, True)

    def _pin(
        self, before: OsdReading, after: OsdReading, old: OsdPiece, new: OsdPiece
    ) -> tuple[OsdReading, OsdReading]:
        """The last frame on the old clock and the first on the new, between two readings:
        each round reads a few frames in between on one sheet and keeps the stretch where
        the clock changes."""
        low, high = before, after
        while self.fetch is not None and high.index - low.index > 1:
            span = high.index - low.index
            count = min(PIN_FRAMES, span - 1)
            numbers = sorted({low.index + span * (k + 1) // (count + 1) for k in range(count)})
            frames = self.fetch(numbers)
            if not frames:
                break
            moved = False
            for reading in read_frames(frames, self.settings):
                if reading.value is None:
                    continue
                fits_old, fits_new = _fits(reading, old), _fits(reading, new)
                if fits_old and not fits_new and reading.index > low.index:
                    low, moved = reading, True
                elif fits_new and not fits_old and reading.index < high.index:
                    high, moved = reading, True
                    break
            if not moved:
                break
        return low, high

    @staticmethod
    def _events(
        old: OsdPiece, new: OsdPiece, low: OsdReading, high: OsdReading, group: list[OsdReading]
    ) -> list[OsdEvent]:
        at_s, frame = high.time_s, high.index
        if not new.running:
            length = group[-1].time_s - at_s
            return [OsdEvent("stopped", at_s, frame, new.origin, new.origin, length)]
        # What the frames either side of the change show, where they were read.
        before = low.value if low.value is not None else old.at(low.time_s)
        after = high.value if high.value is not None else new.at(at_s)
        if old.running:
            jump = (after - old.at(at_s)).total_seconds()  # against where it would have been
        else:
            jump = (after - old.origin).total_seconds() - 1  # running on: a second on is none
        if abs(jump) < 1:
            return []
        if jump < 0 and old.running and before == after:
            # Both sides of the change show the same time: the display never went back, it
            # held that time while the clock should have run on (a standstill between the
            # frames sampled), from when the old clock reached it.
            start_s = min(max((before - old.origin).total_seconds(), 0.0), at_s)
            rate = high.index / at_s if at_s > 0 else 0.0
            start_frame = round(start_s * rate) if rate else frame
            return [OsdEvent("stopped", start_s, start_frame, before, before, -jump)]
        kind = "jump" if jump > 0 else "backwards"
        return [OsdEvent(kind, at_s, frame, before, after, jump)]

    @staticmethod
    def _value_at(reading: OsdReading, pieces: list[OsdPiece]) -> datetime | None:
        """What the clock shows at a reading's frame: the reading itself when it fits the
        clock there, else what the fitted clock says (a misread frame)."""
        piece = next((p for p in pieces if p.t0 - 1e-6 <= reading.time_s < p.t1), pieces[-1])
        model = piece.at(reading.time_s)
        if reading.value is not None and abs((reading.value - model).total_seconds()) <= 1:
            return reading.value
        return model


def _fits(reading: OsdReading, piece: OsdPiece) -> bool:
    """Within a second of the fitted clock (the fit from few readings is a second wide)."""
    assert reading.value is not None
    return abs((reading.value - piece.at(reading.time_s)).total_seconds()) <= 1


def _fmt(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ") if moment else "?"
