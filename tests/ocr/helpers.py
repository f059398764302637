"""Small flyer images drawn with a Nanum font, for the OCR tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf")


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def draw_flyer(
    lines: list[tuple[str, int]],
    *,
    size: tuple[int, int] = (1400, 900),
    paper: tuple[int, int, int] = (250, 222, 40),
    ink: tuple[int, int, int] = (200, 0, 0),
) -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A flat flyer: each (text, font size) on its own line. Returns the image and each
    text's box (left, top, right, bottom)."""
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    boxes: dict[str, tuple[int, int, int, int]] = {}
    y = 60
    for text, points in lines:
        face = font(points)
        # Pillow types the box as floats; a TrueType font's box is whole pixels.
        left, top, right, bottom = (round(edge) for edge in draw.textbbox((80, y), text, font=face))
        draw.text((80, y), text, font=face, fill=ink)
        boxes[text] = (left, top, right, bottom)
        y = bottom + points // 2
    return image, boxes
