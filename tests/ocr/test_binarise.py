"""Binarising a line crop for Tesseract: the text becomes the ink, whatever the colours."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from forensics_app.ocr.tesseract import binarise
from tests.ocr.helpers import font


def test_grey_text_on_a_dim_yellow_band_beside_a_dark_corner() -> None:
    """A low-light photo of grey numerals on a yellow band (held-out seed 101): a few dark
    specks where the crop catches the flyer's edge must not be taken for the text."""
    band = Image.new("RGB", (460, 48), (128, 122, 44))
    draw = ImageDraw.Draw(band)
    draw.text((20, 8), "010-7910-3013", font=font(30), fill=(118, 124, 132))
    draw.rectangle((0, 15, 7, 32), fill=(20, 70, 20))  # the dark flyer edge, 1 % of the line
    crop = np.ascontiguousarray(np.asarray(band)[:, :, ::-1])  # BGR, as the pipeline cuts it
    mask = Image.new("L", (460, 48), 0)
    ImageDraw.Draw(mask).text((20, 8), "010-7910-3013", font=font(30), fill=255)
    text = np.asarray(mask) > 0
    binary = binarise(crop)
    black = binary == 0
    assert black[text].mean() > 0.6  # most of the numerals are ink
    assert black[~text].mean() < 0.05  # and little else is
