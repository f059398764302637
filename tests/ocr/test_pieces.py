"""Tesseract's readings of overlapping pieces of one line of Hangul numerals are put together
only where they overlap by whole numerals."""

from __future__ import annotations

import pytest

from forensics_app.ocr.numbers import numbers_in_line
from forensics_app.ocr.pipeline import _numeral_text, _overlap_join


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
