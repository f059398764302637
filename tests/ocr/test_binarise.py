"""Binarising a line crop for Tesseract: the text becomes the ink, whatever the colours and
whatever a fold or a label box does to the background."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from forensics_app.ocr.numbers import numbers_in_line
from forensics_app.ocr.tesseract import binarise, flatten, read_lines
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


def _folded_band() -> np.ndarray:
    """`TEL. 공오공사-구오이삼-사일오삼` in light grey on a yellow band, the band's right part
    in a fold's shadow (held-out seed 40519): cut to the recogniser's 48 px, BGR."""
    band = Image.new("RGB", (640, 48), (236, 222, 70))
    draw = ImageDraw.Draw(band)
    draw.rectangle((330, 0, 640, 48), fill=(150, 140, 40))  # the shadowed side of the fold
    draw.text((8, 8), "TEL. 공오공사-구오이삼-사일오삼", font=font(30), fill=(250, 246, 226))
    noise = np.random.default_rng(3).normal(0, 3, (48, 640, 3))
    page = np.clip(np.asarray(band, np.float64) + noise, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(page[:, :, ::-1])


def test_a_fold_across_a_band_is_levelled_before_binarising() -> None:
    """One Otsu threshold for the whole line splits the lit half from the shadowed one (the
    line binarises to a black half and a white half, and reads as next to nothing); with the
    background levelled, the numerals are the ink on both sides of the fold."""
    crop = _folded_band()
    mask = Image.new("L", (640, 48), 0)
    ImageDraw.Draw(mask).text((8, 8), "TEL. 공오공사-구오이삼-사일오삼", font=font(30), fill=255)
    text = np.asarray(mask) > 0
    shadow = np.zeros_like(text)
    shadow[:, 330:] = True
    plain = binarise(crop) == 0
    # as it was: the shadowed paper itself comes out as ink
    assert plain[~text & shadow].mean() > 0.5
    levelled = binarise(flatten(crop)) == 0
    assert levelled[text].mean() > 0.6
    assert levelled[~text].mean() < 0.05


def test_a_blanked_line_is_read_again_levelled_in_the_same_second_run() -> None:
    crop = _folded_band()
    first = read_lines([crop])[0]
    assert not numbers_in_line(first.text) and not first.flattened
    again = read_lines([crop], flatten_if=lambda _crop, text: not numbers_in_line(text))[0]
    assert again.flattened
    assert [n.number.e164 for n in numbers_in_line(again.text)] == ["+8250495234153"]
