"""Lines Tesseract read as Hangul numerals that make no number are read again with nothing but
the numerals' alphabet allowed; what that re-read gives is offered with care (to review, not
at all when unsure or when it dropped a numeral the first reading had)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from forensics_app.ocr.engine import REC_HEIGHT, Recognised
from forensics_app.ocr.numbers import numbers_in_line
from forensics_app.ocr.pipeline import (
    NUMERAL_READ,
    Candidate,
    Line,
    _hangul_pieces,
    _merge,
    _numeral_reading,
    _numeral_text,
    _reread_numerals,
)
from forensics_app.ocr.results import REVIEW_BELOW
from forensics_app.ocr.tesseract import NUMERAL_ALPHABET, read_numerals
from tests.ocr.helpers import font


def _numeral_line(text: str, blur: float = 0.0) -> Line:
    """A line of red Hangul numerals on yellow, cut to the recogniser's height."""
    image = Image.new("RGB", (700, 70), (250, 222, 40))
    ImageDraw.Draw(image).text((10, 12), text, font=font(40), fill=(200, 0, 0))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    image = image.resize((round(700 * REC_HEIGHT / 70), REC_HEIGHT), Image.Resampling.BICUBIC)
    crop = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    corners = np.array([[0, 0], [700, 0], [700, 70], [0, 70]], np.float32)
    return Line(corners, crop, corners, 0)


def test_the_restricted_reading_holds_only_numerals() -> None:
    line = _numeral_line("공일공-칠팔구삼-사오육이", blur=1.6)
    (read,) = read_numerals([line.crop])
    assert set(read.text) <= set(NUMERAL_ALPHABET + " ")
    assert [n.number.e164 for n in numbers_in_line(read.text)] == ["+821078934562"]


def test_only_lines_whose_numerals_make_no_number_are_read_again() -> None:
    """Held-out seed 90210: a stray `|` after a dash broke `공일공-칠일칠이-사오구사`."""
    broken = _numeral_line("공일공-칠일칠이-사오구사")
    broken.reads["tesseract"] = Recognised("8: 공 일 공 - 칠 일 칠 이 -| 사 오 구 사", 0.84)
    whole = _numeral_line("공일공-팔공칠오-구팔오육")
    whole.reads["tesseract"] = Recognised("공 일 공 - 팔 공 칠 오 - 구 팔 오 육", 0.9)
    # a line with a word: restricted to the numerals, `상담` was read as `삼` (seed 90210)
    labelled = _numeral_line("상담 공이-사공일-구구칠일")
    labelled.reads["tesseract"] = Recognised("상담 공 이 - 사공 일 - 구 .", 0.8)
    found = _reread_numerals([broken, whole, labelled])
    assert {(c.found.number.e164, c.source) for c in found} == {("+821071724594", NUMERAL_READ)}
    assert NUMERAL_READ not in whole.reads  # it made its number: not read again
    assert NUMERAL_READ not in labelled.reads


def test_a_restricted_reading_that_dropped_a_numeral_is_not_used() -> None:
    """Forced into the alphabet, Tesseract leaves out a glyph it cannot place: the first
    reading's 11 numerals came back as 10, a valid but wrong 010-805-9856."""
    line = _numeral_line("공일공-팔공칠오-구팔오육")
    line.reads["tesseract"] = Recognised("공 열 공 - 팔 공 철 오 - 구 팔 오 육", 0.7)
    line.reads[NUMERAL_READ] = Recognised("공 일 공 - 팔 공 오 - 구 팔 오 육", 0.77)
    assert _numeral_reading(line) is line.reads["tesseract"]


def _read_only_restricted(line: Line, certainty: float) -> list[Candidate]:
    text = "공 일 공 - 칠 일 칠 이 - 사 오 구 사"
    line.reads[NUMERAL_READ] = Recognised(text, certainty)
    return [
        Candidate(found, line, NUMERAL_READ, certainty, certainty)
        for found in numbers_in_line(text)
    ]


def test_a_number_only_the_restricted_reading_found_goes_to_review_or_away() -> None:
    sure = _merge(_read_only_restricted(_numeral_line("x"), 0.77), 1.0)
    assert [n.e164 for n in sure] == ["+821071724594"]
    assert sure[0].confidence < REVIEW_BELOW
    # unsure: on the held-out tuning seeds such numbers were wrong (a 콜 forced into 공)
    assert _merge(_read_only_restricted(_numeral_line("x"), 0.57), 1.0) == []


def _sideways_piece(y0: float, y1: float, text: str, restricted: str = "") -> Line:
    """A piece of a line printed top to bottom (read turned 270°), 40 px thick."""
    corners = np.array([[140, y0], [140, y1], [100, y1], [100, y0]], np.float32)
    crop = np.full((REC_HEIGHT, max(4, round((y1 - y0) * REC_HEIGHT / 40)), 3), 255, np.uint8)
    line = Line(corners, crop, corners, 270)
    line.reads["tesseract"] = Recognised(text, 0.85)
    if restricted:
        line.reads[NUMERAL_READ] = Recognised(restricted, 0.76)
    return line


def test_pieces_of_a_sideways_line_are_put_together_with_the_restricted_readings() -> None:
    """Held-out seed 90210: a sideways `공 칠 공 - 팔 구 오 구 - 사 공 사 사` in three pieces; the
    middle one's `갈` (팔) is only read as a numeral by the restricted re-read."""
    bgr = np.full((900, 300, 3), 255, np.uint8)
    pieces = [
        _sideways_piece(10, 330, "공 질 공 - 팔 구 오 구 -"),
        _sideways_piece(170, 470, "갈 구 오 구 - 사 공", restricted="팔 구 오 구 - 사 공"),
        _sideways_piece(330, 560, "구 - 사 공 사 사"),
    ]
    found = {
        n.number.e164
        for line in _hangul_pieces(pieces, bgr)
        for n in numbers_in_line(line.reads["tesseract"].text)
    }
    assert found == {"+827089594044"}


def test_a_digit_among_numerals_is_a_gap_not_dropped() -> None:
    """Held-out seed 90210: `이` read as `0` in one piece; dropping it joined the pieces into
    010-383-9292, a valid number one digit short of 010-3832-9292."""
    assert _numeral_text("3- 삼 팔 삼 0- 구 이 구 이") == "삼팔삼?-구이구이"
    bgr = np.full((300, 900, 3), 255, np.uint8)
    pieces = []
    readings = ((10, 330, "골 일 공 - 삼 팔 삼 ,"), (170, 560, "3- 삼 팔 삼 0- 구 이 구 이"))
    for x0, x1, text in readings:
        corners = np.array([[x0, 100], [x1, 100], [x1, 140], [x0, 140]], np.float32)
        crop = np.full((REC_HEIGHT, round((x1 - x0) * REC_HEIGHT / 40), 3), 255, np.uint8)
        piece = Line(corners, crop, corners, 0)
        piece.reads["tesseract"] = Recognised(text, 0.8)
        pieces.append(piece)
    assert not [
        n
        for line in _hangul_pieces(pieces, bgr)
        for n in numbers_in_line(line.reads["tesseract"].text)
    ]
