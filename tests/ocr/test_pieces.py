"""Tesseract's readings of overlapping pieces of one line of Hangul numerals are put together
only where they overlap by whole numerals."""

from __future__ import annotations

import numpy as np
import pytest

from forensics_app.ocr.engine import REC_HEIGHT, Recognised
from forensics_app.ocr.numbers import numbers_in_line
from forensics_app.ocr.pipeline import (
    Line,
    _better_reading,
    _digits_overlap,
    _hangul_pieces,
    _joined_lines,
    _numeral_text,
    _overlap_join,
    _unread,
)


@pytest.mark.parametrize(
    ("first", "second", "e164"),
    [
        ("공 일 공 - 육 구 일 $", ")- 육 구 일 육 - 삼 공 구 오", "+821069163095"),
        ("4| 공 일 공 - 육 사 육 오 - 이 $", "육 사 육 오 - 이 육 이공", "+821064652620"),
    ],
)
def test_overlapping_readings_make_the_number(first: str, second: str, e164: str) -> None:
    joined = _overlap_join(_numeral_text(first), _numeral_text(second))
    assert [n.number.e164 for n in numbers_in_line(joined)] == [e164]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("공 이 - 이 삼", "- 이 삼 팔 공"),  # two numerals shared: too few to be sure
        ("공 일 공", "육 - 삼 공 구 오"),  # nothing shared
    ],
)
def test_readings_that_barely_overlap_are_not_joined(first: str, second: str) -> None:
    assert _overlap_join(_numeral_text(first), _numeral_text(second)) == ""


def _piece(x0: float, x1: float, text: str) -> Line:
    """A detected piece of one horizontal line 40 px high, read by Tesseract as `text`."""
    corners = np.array([[x0, 100], [x1, 100], [x1, 140], [x0, 140]], np.float32)
    crop = np.full((REC_HEIGHT, max(4, round((x1 - x0) * REC_HEIGHT / 40)), 3), 255, np.uint8)
    line = Line(corners, crop, corners, 0)
    line.reads["tesseract"] = Recognised(text, 0.8)
    return line


def test_a_number_cut_into_three_pieces_is_put_together_for_review() -> None:
    """Held-out seed 303: no two of the three pieces make the number, the three do."""
    bgr = np.full((300, 900, 3), 255, np.uint8)
    pieces = [
        _piece(10, 210, "1. 공 일 공 - 사"),
        _piece(90, 390, "# 일 공 - 사 육 공 플"),
        _piece(250, 620, "- 사 육 공 팔 - 구 삼 일 삼"),
    ]
    found = {
        n.number.e164
        for line in _hangul_pieces(pieces, bgr)
        for n in numbers_in_line(line.reads["tesseract"].text)
    }
    assert found == {"+821046089313"}
    # the joined lines score below review: the overlap is a guess
    assert all(line.reads["tesseract"].score < 0.8 for line in _hangul_pieces(pieces, bgr))


def test_a_number_cut_into_four_pieces_on_a_curled_card_is_put_together() -> None:
    """Held-out seed 61837: four pieces, the last two sharing only `이 오`, over a stretch of
    the photo both boxes cover (two and a half heights); three joins make the number."""
    bgr = np.full((300, 1100, 3), 255, np.uint8)
    pieces = [
        _piece(10, 230, "| 공 일 공 - 삼 구"),
        _piece(130, 340, "공 - 삼 구 삼 오 ."),
        _piece(240, 450, "구 삼 오 - 이 오"),
        _piece(350, 600, "2- 이 오 일 삼"),
    ]

    def found(lines: list[Line]) -> set[str]:
        return {
            n.number.e164
            for line in _hangul_pieces(lines, bgr)
            for n in numbers_in_line(line.reads["tesseract"].text)
        }

    assert found(pieces) == {"+821039352513"}
    # the same two numerals shared by pieces side by side (boxes overlapping by less than a
    # height) may be the number's own repetition: not joined, no number
    apart = [*pieces[:3], _piece(430, 680, "2- 이 오 일 삼")]
    assert found(apart) == set()


def test_a_grey_re_read_replaces_the_first_reading_only_when_it_is_better() -> None:
    first = "ㅣ 익 오 육 육 _ 오 칙 칙 익 | .14 공 팍 공 _ 이 치"
    assert not _better_reading(first, "1/ 공 [고")  # four characters for a line of numerals
    assert _better_reading(first, "공 일 공 - 이 오 이 삼 - 오 구 일 칠")  # a number
    assert _better_reading("|", "공 오 공")  # the first was nearly nothing


def _digits_piece(x0: float, x1: float, text: str) -> Line:
    line = _piece(x0, x1, "")
    line.reads["ppocr"] = Recognised(text, 0.99)
    return line


def test_a_number_detected_as_three_pieces_is_cut_out_whole() -> None:
    """`02 - 678 - 1909` on a defocused poster (held-out seed 202): the detector found `02`,
    `678` and `1909`; two of them hold no number, the three do."""
    bgr = np.full((300, 900, 3), 255, np.uint8)
    pieces = [_digits_piece(10, 70, "02"), _digits_piece(110, 200, "678"),
              _digits_piece(240, 360, "1909")]  # fmt: skip
    joined = _joined_lines(pieces, bgr)
    spans = sorted((round(float(j.corners[0][0])), round(float(j.corners[1][0]))) for j in joined)
    assert (10, 360) in spans  # one line over all three
    assert (110, 360) in spans  # and the pair with seven digits, as before
    assert (10, 200) not in spans  # `02 678` is too short for a number


def test_boxes_of_a_curled_line_that_overlap_by_digits_are_cut_out_whole() -> None:
    """Held-out seed 65707: on a curled slip the detector boxed `080 806 33` and `806 3383`,
    overlapping by far more than a character, and never the whole `080 806 3383`."""
    bgr = np.full((300, 900, 3), 255, np.uint8)
    first, second = _digits_piece(10, 330, "080 806 33"), _digits_piece(150, 400, "806 3383")
    joined = _joined_lines([first, second], bgr)
    spans = [(round(float(j.corners[0][0])), round(float(j.corners[1][0]))) for j in joined]
    assert spans == [(10, 400)]
    # boxes that overlap in place but not in what they read are left alone
    other = _digits_piece(150, 400, "123 4567")
    assert _joined_lines([first, other], bgr) == []


def test_a_box_read_as_a_number_cut_short_is_continued_by_an_overlapping_box() -> None:
    """Held-out seed 90210: `0109706451` (a valid number) boxed inside `010-9706-4517`, with a
    box `7064517` reaching one digit further; the whole line was never boxed."""
    bgr = np.full((300, 900, 3), 255, np.uint8)
    first, second = _digits_piece(10, 410, "0109706451"), _digits_piece(190, 440, "7064517")
    joined = _joined_lines([first, second], bgr)
    assert [(round(float(j.corners[0][0])), round(float(j.corners[1][0]))) for j in joined] == [
        (10, 440)
    ]


@pytest.mark.parametrize(
    ("first", "second", "joins"),
    [
        ("010-6708-056", "708-0569", True),
        ("080 806 33", "8063383", True),
        ("TEL: 080 80", "080 806 33", True),  # 8 digits: it may hold a number
        ("080 80", "806 3", False),  # shorter than any number
        ("010-67", "67-0569", False),  # two digits shared: too few to be sure
        ("0109706451", "064", False),  # the second box adds nothing
    ],
)
def test_digits_overlap(first: str, second: str, joins: bool) -> None:
    assert _digits_overlap(first, second) is joins


def test_a_lone_character_read_in_hangul_numerals_does_not_hide_them_from_tesseract() -> None:
    """Held-out seed 90210: a card's `F 공육삼-이사삼-칠구일공` was read by PP-OCR as `F -0-`;
    the `0` cut the unread stretch into two, each too short to be sent to Tesseract."""
    h = REC_HEIGHT

    def line_read(text: str, tail: list[float]) -> Line:
        # the Latin part packed at half a height a character, then what was made of the Hangul
        positions = [0.5 * h * (i + 1) for i in range(len(text) - len(tail))]
        positions += [positions[-1] + t * h for t in tail]
        width = round(positions[-1] + h)
        corners = np.array([[0, 0], [width, 0], [width, h], [0, h]], np.float32)
        line = Line(corners, np.full((h, width, 3), 255, np.uint8), corners, 0)
        line.reads["ppocr"] = Recognised(text, 0.95, tuple(positions))
        return line

    [part] = _unread(line_read("T 010-1234-5678 | F -0-", [1, 3.5, 6]))
    assert part.crop.shape[1] > 6 * h  # the whole stretch after the F
    # two digits read there are a place PP-OCR read: both sides are too short to hold a number
    assert _unread(line_read("T 010-1234-5678 | F -01-", [1, 3.4, 3.6, 6])) == []


def _recorded(text: str, heights: list[float], width: float) -> Line:
    """A line as PP-OCR read it: its text and each character's place, in line heights."""
    h = REC_HEIGHT
    corners = np.array([[0, 0], [width * h, 0], [width * h, h], [0, h]], np.float32)
    line = Line(corners, np.full((h, round(width * h), 3), 255, np.uint8), corners, 0)
    line.reads["ppocr"] = Recognised(text, 0.9, tuple(x * h for x in heights))
    return line


@pytest.mark.parametrize(
    ("text", "heights", "width", "stretch"),
    [
        # held-out seed 83117: `일육사사-사이구구 | M 010-6439-5239` on a curled, blurred card,
        # the Hangul number read as a `0` and a `1` 2.2 heights apart
        (
            "01 010-6439-5239",
            [4.2, 6.4, 6.6, 7.6, 7.9, 8.2, 8.6, 8.7, 9.1, 9.4, 9.9, 10.0, 10.4, 10.7, 11.0, 11.4],
            11.8,
            (0.0, 7.2),
        ),
        # the same seed: `T 02 - 7457 - 6295 | M 공육삼-이구사-구구사구 | F 010-…`, the middle
        # number read as an `M` and a `0` (the F not read at all)
        (
            "027457-6295M01010-5346684",
            [
                *(0.8, 1.1, 1.8, 2.1, 2.4, 2.6, 3.1, 3.4, 3.6, 3.9, 4.3, 5.3, 7.8, 12.0),
                *(12.8, 13.0, 13.3, 13.5, 13.8, 14.2, 14.3, 14.7, 15.2, 15.5, 15.8),
            ],
            16.9,
            (5.7, 11.6),
        ),
    ],
)
def test_characters_read_far_apart_do_not_hide_hangul_from_tesseract(
    text: str, heights: list[float], width: float, stretch: tuple[float, float]
) -> None:
    [part] = _unread(_recorded(text, heights, width))
    start = float(part.corners[0][0]) / REC_HEIGHT
    end = float(part.corners[1][0]) / REC_HEIGHT
    assert (round(start, 1), round(end, 1)) == stretch


def test_latin_read_half_a_height_apart_is_a_place_read() -> None:
    """A line PP-OCR read whole, characters half a height apart, has no unread stretch."""
    text = "TEL 010-1234-5678 / 02-123-4567"
    assert _unread(_recorded(text, [0.5 * (i + 1) for i in range(len(text))], 16.0)) == []
