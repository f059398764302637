"""Photos for reports: a reduced, upright copy with the numbers outlined, made from bytes
whose SHA-256 is checked against the catalog while they are read."""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from forensics_app.reports.model import Picture

log = logging.getLogger(__name__)

THUMB_SIDE = 400  # enough for the HTML gallery (260 px columns) and 56 mm in the PDF
OUTLINE = (230, 0, 30)
MAX_PHOTO_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class PhotoCopy:
    """The outcome for one picture: `file` is the written image (None when the photo could
    not be used) and `problem` says why, for the reader."""

    file: str | None
    width: int
    height: int
    problem: str
    hash_matches: bool | None  # None: not read


def outlined_copy(picture: Picture, target: Path, side: int = THUMB_SIDE) -> PhotoCopy:
    """Write a JPEG of at most `side` px with the picture's boxes drawn; never raises for a
    bad photo (missing, unreadable, changed since catalogued): the problem is reported."""
    source = Path(picture.path)
    try:
        size = source.stat().st_size
        if size > MAX_PHOTO_BYTES:
            return PhotoCopy(None, 0, 0, "photo too large to show", None)
        data = source.read_bytes()
    except FileNotFoundError:
        return PhotoCopy(None, 0, 0, "photo missing", None)
    except OSError as exc:
        log.warning("Report photo %s unreadable: %s", source, exc)
        return PhotoCopy(None, 0, 0, "photo unreadable", None)
    matches = hashlib.sha256(data).hexdigest() == picture.sha256
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                original = (image.height, image.width) if _turned(image) else image.size
                # JPEG decodes at 1/2, 1/4 or 1/8 scale: ask for the long side only, or the
                # short side would keep a 12-MP photo at 1/4 instead of 1/8.
                wide = image.width >= image.height
                image.draft("RGB", (side, 1) if wide else (1, side))
                image.load()
                upright = image if image.mode == "RGB" else image.convert("RGB")
                if image.getexif().get(0x0112, 1) != 1:  # turned or mirrored by the camera
                    upright = ImageOps.exif_transpose(upright)
                if max(upright.size) > side:
                    upright.thumbnail((side, side), Image.Resampling.BILINEAR, reducing_gap=None)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
        log.warning("Report photo %s cannot be decoded: %s", source, exc)
        return PhotoCopy(None, 0, 0, "photo unreadable", matches)
    scale = upright.width / original[0] if original[0] else 1.0
    draw = ImageDraw.Draw(upright)
    line = max(2, upright.width // 200)
    for box in picture.boxes:
        points = [(x * scale, y * scale) for x, y in box.points]
        if len(points) >= 3:
            draw.polygon(points, outline=OUTLINE, width=line)
    target.parent.mkdir(parents=True, exist_ok=True)
    upright.save(target, "JPEG", quality=82, optimize=False)
    problem = "" if matches else "photo changed since it was catalogued (SHA-256 differs)"
    return PhotoCopy(target.name, upright.width, upright.height, problem, matches)


def _turned(image: Image.Image) -> bool:
    orientation = image.getexif().get(0x0112, 1)
    return orientation in (5, 6, 7, 8)
