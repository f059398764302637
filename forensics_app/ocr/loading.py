"""Opening a flyer photo: the pixels the right way up, its EXIF facts, or a clear refusal.

Phones store a sideways photo unrotated and say so in the EXIF Orientation tag, so the pixels are
turned here (`turn_upright`, what `ImageOps.exif_transpose` does, from the orientation read once)
and every coordinate the OCR reports is in that upright frame.

Memory is bounded per photo, whatever the file claims: the OCR works on at most
`MAX_WORK_PIXELS` (larger photos are decoded reduced: a JPEG by its own decoder at 1/2, 1/4 or
1/8 scale, other formats decoded once and reduced at once), and a photo whose full decode would
not fit in `MAX_DECODE_BYTES` (a 20 KB PNG claiming 13000×13000 pixels) is refused before any
pixel is decoded. Library warnings (Pillow's decompression-bomb warning, corrupt EXIF) are
collected as notes on the photo, never printed.
"""

from __future__ import annotations

import io
import math
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageFile, ImageStat, UnidentifiedImageError

from blocking.errors import os_reason
from forensics_app.ocr.errors import (
    DecompressionBombError,
    EmptyFileError,
    NotAnImageError,
    PhotoError,
    PhotoUnavailableError,
    TooLargeError,
    TruncatedImageError,
)

try:  # HEIC from iPhones; optional at import so a broken wheel only disables HEIC
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    HEIC_SUPPORTED = False

# A 200-MP phone sensor is 200 M pixels; anything far above is a bomb, not a photo.
MAX_PIXELS = 250_000_000
# The OCR's working picture: text on a 24-MP photo is large enough, and each worker's copies of
# it (RGB, BGR, crops) stay within a few hundred MB.
MAX_WORK_PIXELS = 24_000_000
# The most one full decode may take (Pillow keeps RGB as 4 bytes a pixel): a worker's share of
# memory on a workstation running one worker per core.
MAX_DECODE_BYTES = 512 * 1024 * 1024
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "I;16": 2, "I;16B": 2, "I;16L": 2}

_ORIENTATION = 0x0112
# The transposition that shows a photo of each EXIF orientation upright (ImageOps.exif_transpose's
# table). Applied from the tag read once: exif_transpose reparses the EXIF of a converted or
# reduced copy, and a corrupt EXIF block (which the JPEG reader itself tolerates) then raised
# SyntaxError, stopping a whole import.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_MAKE = 0x010F
_MODEL = 0x0110
_DATETIME = 0x0132
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011


@dataclass(frozen=True)
class PhotoMetadata:
    """What the camera wrote about the photo; every field may be missing."""

    width: int  # upright (EXIF-corrected) size of the full photo
    height: int
    format: str
    orientation: int = 1
    taken_at: str | None = None  # ISO 8601, with offset when the camera wrote one
    latitude: float | None = None
    longitude: float | None = None
    make: str | None = None
    model: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PhotoMetadata:
        return cls(**data)


@dataclass
class LoadedPhoto:
    image: Image.Image  # RGB, upright, possibly decoded at reduced scale
    scale: float  # image pixels per original pixel (1.0, or less when decoded reduced)
    metadata: PhotoMetadata
    notes: tuple[str, ...] = ()  # library warnings while decoding, as text


def load_photo(source: str | Path | bytes, *, max_pixels: int = MAX_PIXELS) -> LoadedPhoto:
    """Open a JPEG/PNG/WebP/HEIC/AVIF photo upright, or raise a `PhotoError` saying why not."""
    name = "<bytes>" if isinstance(source, bytes) else str(source)
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = Path(source).read_bytes()
        except FileNotFoundError as exc:
            raise PhotoUnavailableError(name, "{name}: no such file.", name=name) from exc
        except IsADirectoryError as exc:
            raise NotAnImageError(name, "{name} is a folder, not a photo.", name=name) from exc
        except OSError as exc:
            raise PhotoUnavailableError(
                name, "{name} cannot be read: {reason}.", name=name, reason=os_reason(exc)
            ) from exc
    if not data:
        raise EmptyFileError(name, "{name} is empty (0 bytes).", name=name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = _decode(name, data, max_pixels)
    notes = tuple(dict.fromkeys(_note(w) for w in caught))
    return LoadedPhoto(loaded.image, loaded.scale, loaded.metadata, notes)


def decoded_bytes(image: Image.Image) -> int:
    """Memory Pillow needs to decode the (possibly drafted) image at its current size."""
    width, height = image.size
    return width * height * _BYTES_PER_PIXEL.get(image.mode, 4)


def check_decodable(name: str, image: Image.Image) -> None:
    """Refuse, before any pixel is decoded, a picture whose decode would not fit the memory a
    photo may use (`TooLargeError`)."""
    needed = decoded_bytes(image)
    if needed > MAX_DECODE_BYTES:
        width, height = image.size
        raise TooLargeError(
            name,
            "{name} is {width}×{height} pixels ({format}, {mode}): decoding it would take "
            "{needed} MB, more than the {limit} MB a photo may use. Refused; convert it to JPEG "
            "or split it.",
            name=name,
            width=width,
            height=height,
            format=image.format or "image",
            mode=image.mode,
            needed=needed // 2**20,
            limit=MAX_DECODE_BYTES // 2**20,
        )


def _note(warning: warnings.WarningMessage) -> str:
    text = " ".join(str(warning.message).split())
    if issubclass(warning.category, Image.DecompressionBombWarning):
        return f"very large picture ({text})"
    return f"{warning.category.__name__}: {text}"


_PILLOW_LIMIT = threading.Lock()


@contextmanager
def pixel_limit(max_pixels: int = MAX_PIXELS) -> Iterator[None]:
    """Pillow's own decompression-bomb refusal at `max_pixels` while a photo is opened.

    Pillow refuses any picture above 179 M pixels at `Image.open`, so a 200-MP phone photo
    (16320×12240) was refused as a bomb "above the 250-megapixel limit". Its limit is one
    process-wide value: it is set for the open only, under a lock, and put back."""
    with _PILLOW_LIMIT:
        before = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels // 2  # Pillow raises above twice its value
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = before


def _decode(name: str, data: bytes, max_pixels: int) -> LoadedPhoto:
    try:
        with pixel_limit(max_pixels):
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise _bomb(name, None) from exc
    except (UnidentifiedImageError, ValueError, OSError) as exc:
        if _looks_like_image(data):
            raise TruncatedImageError(
                name, "{name} is truncated: it starts like a photo but stops too early.", name=name
            ) from exc
        raise NotAnImageError(
            name, "{name} is not a photo (JPEG, PNG, WebP, HEIC or AVIF).", name=name
        ) from exc
    width, height = image.size
    if width * height > max_pixels:
        raise _bomb(name, (width, height), max_pixels)
    if width == 0 or height == 0:
        raise NotAnImageError(name, "{name} has no pixels.", name=name)
    pixels = width * height
    if image.format == "JPEG" and pixels > MAX_WORK_PIXELS:
        # the decoder itself scales by 1/2, 1/4 or 1/8: the full picture is never in memory
        shrink = math.sqrt(MAX_WORK_PIXELS / pixels)
        image.draft("RGB", (max(1, int(width * shrink)), max(1, int(height * shrink))))
    # Checked before the EXIF is read: Pillow decodes a whole PNG to look for EXIF after it.
    check_decodable(name, image)
    decoded_w, decoded_h = image.size
    exif = image.getexif()
    metadata = _metadata(image, exif, (width, height))
    # A library (WeasyPrint, on import) may have told Pillow to pad truncated files with grey:
    # evidence is refused instead, whatever was imported before.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
        working: Image.Image = image
        if decoded_w * decoded_h > MAX_WORK_PIXELS:
            factor = math.ceil(math.sqrt(decoded_w * decoded_h / MAX_WORK_PIXELS))
            working = image.reduce(factor)  # box filter, one pass: no second full copy
            image.close()  # the full decode is not kept alongside the reduced one
        scale = working.size[0] / width
        upright = turn_upright(working, metadata.orientation)
        rgb = upright if upright.mode == "RGB" else _on_background(eight_bit(upright))
    except Image.DecompressionBombError as exc:
        raise _bomb(name, (width, height), max_pixels) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        text = str(exc)
        if "truncated" in text or "broken data stream" in text or "premature end" in text.lower():
            raise TruncatedImageError(
                name, "{name} is truncated (the file ends before the picture does).", name=name
            ) from exc
        raise NotAnImageError(
            name, "{name} cannot be decoded: {reason}.", name=name, reason=text
        ) from exc
    return LoadedPhoto(image=rgb, scale=scale, metadata=metadata)


def _looks_like_image(data: bytes) -> bool:
    return (
        data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or data[4:8] == b"ftyp"
    )


def _bomb(name: str, size: tuple[int, int] | None, max_pixels: int = MAX_PIXELS) -> PhotoError:
    limit = max_pixels // 1_000_000
    if size is None:
        return DecompressionBombError(
            name,
            "{name} claims to be far larger than any photo; limit is {limit} megapixels. "
            "Refused as a possible decompression bomb.",
            name=name,
            limit=limit,
        )
    return DecompressionBombError(
        name,
        "{name} claims to be far larger than any photo ({width}×{height} pixels); limit is "
        "{limit} megapixels. Refused as a possible decompression bomb.",
        name=name,
        width=size[0],
        height=size[1],
        limit=limit,
    )


_WIDE_GREY = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N", "F"})


def eight_bit(image: Image.Image) -> Image.Image:
    """A 16- or 32-bit grey picture (a scan saved as 16-bit PNG) as 8-bit grey, scaled.

    Pillow converts these modes to L or RGB by clipping every value above 255: a 16-bit scan
    became a white page, read "successfully" with no number on it. Other modes are returned
    as they are."""
    if image.mode not in _WIDE_GREY:
        return image
    wide = image if image.mode in ("I", "F") else image.convert("I")
    extrema = wide.getextrema()  # (low, high) for a one-band picture
    high = float(extrema[1]) if isinstance(extrema[1], int | float) else 255.0
    if wide.mode == "F" and high <= 1:
        full = 1.0  # a float picture in 0..1
    elif 255 < high <= 65535:
        full = 65535.0  # 16 bits
    else:
        full = max(high, 255.0)
    return wide.point(lambda value: value * (255 / full)).convert("L")


def _on_background(image: Image.Image) -> Image.Image:
    """RGB; a picture with transparent parts is laid on a background its drawing stands out
    from. Pillow's RGB conversion drops the alpha and keeps whatever colour the transparent
    pixels hold (black, usually): black text on a transparent flyer image became black on
    black and read nothing."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode not in ("RGBA", "LA", "PA", "RGBa", "La"):
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    low = alpha.getextrema()[0]
    if low == 255:  # nothing is transparent (most PNG photos with an alpha band)
        return rgba.convert("RGB")
    drawn = alpha.point(lambda value: 255 if value >= 128 else 0)
    mean = ImageStat.Stat(rgba.convert("L"), mask=drawn).mean[0] if drawn.getbbox() else 0.0
    background = Image.new("RGB", rgba.size, (255, 255, 255) if mean < 128 else (0, 0, 0))
    background.paste(rgba, mask=alpha)
    return background


def turn_upright(image: Image.Image, orientation: int) -> Image.Image:
    """`image` as the camera meant it to be seen (`orientation`: the EXIF tag, 1–8; any other
    value leaves it as stored)."""
    method = _UPRIGHT.get(orientation)
    return image if method is None else image.transpose(method)


def _orientation(value: object) -> int:
    """The EXIF Orientation tag, 1 when missing or not one of the eight it may be."""
    return value if isinstance(value, int) and value in range(1, 9) else 1


def photo_orientation(image: Image.Image, exif: Image.Exif | None = None) -> int:
    """The orientation (1–8) to turn the decoded pixels of an opened, not yet loaded, photo by.

    A HEIF (pillow-heif) says it in its irot/imir boxes, which libheif applies when decoding;
    pillow-heif then sets the EXIF Orientation to 1 and keeps the original value in
    info["original_orientation"]. A HEIC that says it only in EXIF (a converter's, an edited
    copy) came out sideways. So: the container turned the pixels when it has irot or imir (HEIF
    readers follow the boxes, never EXIF on top: never turned twice); without them, the EXIF
    value pillow-heif kept aside is the one to apply."""
    if "original_orientation" not in image.info:  # not pillow-heif: EXIF as read
        return _orientation((exif if exif is not None else image.getexif()).get(_ORIENTATION, 1))
    if _heif_turned(image):
        return 1
    return _orientation(image.info["original_orientation"])


def _heif_turned(image: Image.Image) -> bool:
    """Whether the HEIF container turns or mirrors the picture (irot/imir). pillow-heif lists
    the boxes only on its image handle (as its own thumbnail choice reads them), released at
    load: should that change, the container is taken to have turned it (as before)."""
    try:
        frame = image._heif_file[image.tell()]  # type: ignore[attr-defined]
        transformations = frame._c_image.transformations
    except (AttributeError, IndexError, KeyError, TypeError):
        return True
    return any(box[0] in ("irot", "imir") for box in transformations)


def _metadata(
    image: Image.Image, exif: Image.Exif, size: tuple[int, int] | None = None
) -> PhotoMetadata:
    orientation = photo_orientation(image, exif)
    width, height = size or image.size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    sub = exif.get_ifd(_EXIF_IFD)
    taken = sub.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    offset = sub.get(_OFFSET_TIME_ORIGINAL)
    latitude, longitude = _gps(exif.get_ifd(_GPS_IFD))
    return PhotoMetadata(
        width=width,
        height=height,
        format=str(image.format or ""),
        orientation=orientation,
        taken_at=_iso_time(taken, offset),
        latitude=latitude,
        longitude=longitude,
        make=_text(exif.get(_MAKE)),
        model=_text(exif.get(_MODEL)),
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    cleaned = str(value).strip("\x00 ").strip()
    return cleaned or None


def _iso_time(value: object, offset: object) -> str | None:
    text = _text(value)
    if not text:
        return None
    try:
        moment = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    iso = moment.isoformat()
    offset_text = _text(offset)
    if offset_text and len(offset_text) == 6 and offset_text[0] in "+-":
        try:  # "+99:99" is no offset: it made the whole photo's facts unreadable at import
            return datetime.fromisoformat(iso + offset_text).isoformat()
        except ValueError:
            return iso
    return iso


def _gps(gps: dict[int, Any]) -> tuple[float | None, float | None]:
    # 1/2: latitude ref/value, 3/4: longitude ref/value (EXIF GPS IFD tags)
    try:
        lat = _degrees(gps[2])
        lon = _degrees(gps[4])
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None, None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return round(lat, 7), round(lon, 7)


def _degrees(value: Any) -> float:
    d, m, s = (float(v) for v in value)
    total = d + m / 60 + s / 3600
    if not math.isfinite(total):
        raise ValueError("GPS value is not a number")
    return total


def read_metadata(image: Image.Image, size: tuple[int, int] | None = None) -> PhotoMetadata:
    """The camera's facts about an opened (not necessarily decoded) image: cheap, for import.
    `size`: the full size when the image was drafted smaller already."""
    return _metadata(image, image.getexif(), size)
