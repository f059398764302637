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


def write_numbered_flyers(
    folder: Path, count: int, *, size: tuple[int, int] = (1400, 900), points: int = 80
) -> list[str]:
    """`count` lending flyers flyerNN.jpg in `folder` (made), the Nth reading 010-2345-67NN;
    returns the numbers in order."""
    folder.mkdir(parents=True, exist_ok=True)
    numbers = [f"010-2345-{6700 + i}" for i in range(count)]
    for i, number in enumerate(numbers):
        image, _ = draw_flyer([("급전 대출", points), (number, points)], size=size)
        image.save(folder / f"flyer{i:02d}.jpg", quality=90)
    return numbers
