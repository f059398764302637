"""Our line recogniser for numbers in Hangul numerals (forensics_app.ocr.numeral_line): the
shipped model loads and reads rendered lines; a missing or damaged model file is a clear
OcrEngineError; and in the pipeline it finds a blurred handwriting-style number Tesseract
misses, offered for review as one reading."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from forensics_app.errors import UserError
from forensics_app.ocr.deblur import kernel
from forensics_app.ocr.engine import Recognised
from forensics_app.ocr.errors import OcrEngineError
from forensics_app.ocr.numbers import numbers_in_line
from forensics_app.ocr.numeral_line import NumeralLineReader, model_path, reader
from forensics_app.ocr.pipeline import MODEL_READ, Line, _merge, _read_by_model
from forensics_app.ocr.results import REVIEW_BELOW

NANUM = Path("/usr/share/fonts/truetype/nanum")

pytestmark = pytest.mark.skipif(not NANUM.exists(), reason="fonts-nanum not installed")


def _line_crop(text: str, font: str, blur: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """`text` dark on light paper, 40 px type, cut to the pipeline's 48 px crop height."""
    face = ImageFont.truetype(str(NANUM / font), 40)
    width = int(face.getlength(text)) + 40
    image = Image.new("RGB", (width, 56), (245, 240, 225))
    ImageDraw.Draw(image).text((20, 6), text, font=face, fill=(30, 30, 30))
    page = np.asarray(image)[:, :, ::-1].astype(np.float32)
    if blur != (0.0, 0.0):
        page = np.asarray(
            cv2.filter2D(page, -1, kernel(*blur), borderType=cv2.BORDER_REPLICATE), np.float32
        )
    noise = np.random.default_rng(3).normal(0, 3, page.shape)
    page = np.clip(page + noise, 0, 255).astype(np.uint8)
    return cv2.resize(page, (round(width * 48 / 56), 48), interpolation=cv2.INTER_AREA)


def test_the_shipped_model_loads_and_reads_printed_lines() -> None:
    assert model_path().is_file()
    reads = reader().read(
        [
            _line_crop("공일공-칠삼오이-팔사육구", "NanumGothicBold.ttf"),
            _line_crop("일오팔팔-이삼사오", "NanumMyeongjo.ttf"),
            _line_crop("010-2345-6789", "NanumSquareR.ttf"),
        ]
    )
    assert [read.text for read in reads] == [
        "공일공-칠삼오이-팔사육구",
        "일오팔팔-이삼사오",
        "010-2345-6789",
    ]
    first = reads[0]
    # a place and a probability for every character, for the pipeline's scoring
    assert len(first.positions) == len(first.probabilities) == len(first.text)
    assert list(first.positions) == sorted(first.positions)


def test_a_missing_model_file_is_a_clear_engine_error(tmp_path: Path) -> None:
    with pytest.raises(OcrEngineError) as caught:
        NumeralLineReader(tmp_path / "numeral_line.onnx")
    assert isinstance(caught.value, UserError)
    assert str(caught.value) == (
        "The numeral line model is missing: numeral_line.onnx (reinstall the application)."
    )


def test_a_damaged_model_file_is_a_clear_engine_error(tmp_path: Path) -> None:
    damaged = tmp_path / "numeral_line.onnx"
    damaged.write_bytes(model_path().read_bytes()[:5000])
    with pytest.raises(OcrEngineError, match=r"numeral_line\.onnx is damaged"):
        NumeralLineReader(damaged)


SHEET = [
    "공일공-칠삼오이-팔사육구",
    "공일공-사구팔이-육칠삼오",
    "공칠공-오이육팔-삼구일사",
    "일오팔팔-이삼사오",
]


@pytest.mark.parametrize(
    ("row", "font", "blur", "wanted"),
    [
        (2, "NanumBrush.ttf", (4.0, 3.0), "+827052683914"),
        (1, "NanumPen.ttf", (4.0, 3.0), "+821049826735"),
        (0, "NanumPen.ttf", (5.0, 0.0), "+821073528469"),
        (3, "NanumBrush.ttf", (5.0, 0.0), "+8215882345"),
    ],
)
def test_a_blurred_line_tesseract_misreads_is_read_by_the_model(
    row: int, font: str, blur: tuple[float, float], wanted: str
) -> None:
    """Handwriting-style numerals under motion blur that Tesseract reads one stroke off
    (`공 찰 공 - 오 리 육 팔 - 삼 구 일사` for 공칠공-오이육팔-삼구일사): the line
    recogniser reads the number; alone, it is one reading, offered for review and never
    accepted unreviewed."""
    from forensics_app.ocr.tesseract import read_lines

    crops = [_line_crop(text, font, blur) for text in SHEET]
    first = read_lines(crops)[row].text
    assert wanted not in {f.number.e164 for f in numbers_in_line(first)}
    crop = crops[row]
    corners = np.array([[0, 0], [crop.shape[1], 0], [crop.shape[1], 48], [0, 48]], np.float32)
    line = Line(corners, crop, corners, 0)
    line.reads["tesseract"] = Recognised(first, 0.3)
    found = _read_by_model([line], {})
    assert {c.found.number.e164 for c in found} == {wanted}
    assert {c.source for c in found} == {MODEL_READ}
    (number,) = _merge(found, 1.0)
    assert number.e164 == wanted
    assert number.confidence < REVIEW_BELOW
