"""Motion blur is measured on the photo around a line and undone on the line's crop before the
line is read again (forensics_app.ocr.deblur): on a handwriting-style line of Hangul numerals
that Tesseract cannot read blurred, the deblurred crop reads as the number."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics_app.ocr.deblur import deblur_crop, estimate_blur, kernel
from forensics_app.ocr.engine import Recognised
from forensics_app.ocr.numbers import numbers_in_line
from forensics_app.ocr.pipeline import (
    DEBLURRED,
    DEBLURRED_NUMERALS,
    Line,
    _merge,
    _reread_deblurred,
)
from forensics_app.ocr.results import REVIEW_BELOW
from forensics_app.ocr.tesseract import grey_text, read_lines, read_numerals

PEN = Path("/usr/share/fonts/truetype/nanum/NanumPen.ttf")  # Debian fonts-nanum-extra
LINES = ["공일공-칠삼오이-팔사육구", "문의 상담 환영", "공칠공-사이팔일-구공오삼", "당일 대출 가능"]


def _page(blur: tuple[float, float]) -> np.ndarray:
    """Lines of handwriting-style text, dark red on yellow, 40 px high, moved by `blur`."""
    face = ImageFont.truetype(str(PEN), 40)
    image = Image.new("RGB", (520, 300), (250, 222, 40))
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(LINES):
        draw.text((20, 16 + row * 70), text, font=face, fill=(200, 0, 0))
    page = np.asarray(image)[:, :, ::-1].astype(np.float32)
    if blur != (0.0, 0.0):
        page = np.asarray(
            cv2.filter2D(page, -1, kernel(*blur), borderType=cv2.BORDER_REPLICATE), np.float32
        )
    noise = np.random.default_rng(7).normal(0, 3, page.shape)
    return np.clip(page + noise, 0, 255).astype(np.uint8)


def _first_line(page: np.ndarray) -> np.ndarray:
    """The first line cut to the recogniser's height, as the pipeline cuts it (48 px)."""
    crop = page[6:76, 10:510]
    return cv2.resize(crop, (round(500 * 48 / 70), 48), interpolation=cv2.INTER_AREA)


pytestmark = pytest.mark.skipif(not PEN.exists(), reason="fonts-nanum-extra not installed")


@pytest.mark.parametrize("blur", [(11.0, 0.0), (8.0, 6.0), (-3.0, 10.0)])
def test_the_blur_is_measured_where_it_is(blur: tuple[float, float]) -> None:
    found = estimate_blur(cv2.cvtColor(_page(blur), cv2.COLOR_BGR2GRAY), max_length=40)
    assert found is not None
    # a blur's direction has no sign: (dx, dy) and (-dx, -dy) are the same blur
    error = min(np.hypot(found.dx - blur[0], found.dy - blur[1]),
                np.hypot(found.dx + blur[0], found.dy + blur[1]))  # fmt: skip
    assert error <= 1.5, (found, blur)


def _line(page: np.ndarray, reading: str) -> Line:
    """The page's first line as the pipeline holds it, with Tesseract's first reading."""
    corners = np.array([[10, 6], [510, 6], [510, 76], [10, 76]], np.float32)
    line = Line(corners, _first_line(page), corners, 0)
    line.reads["tesseract"] = Recognised(reading, 0.3)
    return line


def test_a_line_too_blurred_to_read_reads_after_deblurring() -> None:
    page = _page((8.0, 6.0))
    crop = _first_line(page)
    wanted = "+821073528469"
    first = read_lines([crop])[0].text
    assert wanted not in _numbers(first) | _numbers(read_numerals([crop])[0].text)
    line = _line(page, first)
    found = _reread_deblurred([line], page)
    assert wanted in {c.found.number.e164 for c in found}
    assert {c.source for c in found} <= {DEBLURRED, DEBLURRED_NUMERALS}
    assert DEBLURRED in line.reads
    # one new reading, however sure: offered for review, never accepted unreviewed
    (number,) = _merge(found, 1.0)
    assert number.e164 == wanted and number.confidence < REVIEW_BELOW


def test_a_numeral_dropped_by_the_restricted_reading_makes_no_number() -> None:
    """Blurred along the line, 칠 of 공일공-칠삼오이-… is read `할` unrestricted and left out
    restricted to the numerals: the restricted reading's 010-352-8469 is a numeral short."""
    page = _page((11.0, 0.0))
    line = _line(page, read_lines([_first_line(page)])[0].text)
    found = _reread_deblurred([line], page)
    assert "+82103528469" not in {c.found.number.e164 for c in found}
    assert {c.found.number.e164 for c in found} <= {"+821073528469"}


def test_lines_that_are_words_or_made_a_number_are_not_deblurred() -> None:
    page = _page((8.0, 6.0))
    worded = _line(page, "문 의 상 담 환 영")
    read = _line(page, "공 일 공 - 칠 삼 오 이 - 팔 사 육 구")
    narrow = _line(page, "")
    narrow.crop = narrow.crop[:, :200]
    assert _reread_deblurred([worded, read, narrow], page) == []
    assert not any(DEBLURRED in ln.reads for ln in (worded, read, narrow))


def test_a_short_blur_is_left_alone() -> None:
    crop = _first_line(_page((0.0, 0.0)))
    assert deblur_crop(grey_text(crop), 1.5, 0.5) is None


def _numbers(text: str) -> set[str]:
    return {found.number.e164 for found in numbers_in_line(text)}
