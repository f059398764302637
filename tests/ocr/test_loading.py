"""Opening photos: upright pixels, EXIF facts, and a clear refusal for every kind of bad file."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from forensics_app.errors import UserError
from forensics_app.ocr import (
    DecompressionBombError,
    EmptyFileError,
    NotAnImageError,
    PhotoUnavailableError,
    TruncatedImageError,
    load_photo,
)


def _marked_image() -> Image.Image:
    """400×200, a red block in the top-left corner: tells which way up the pixels are."""
    image = Image.new("RGB", (400, 200), (255, 255, 255))
    image.paste((255, 0, 0), (0, 0, 100, 50))
    return image


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Samsung"
    exif[0x0110] = "SM-S918N"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:05:17 22:41:09"
    sub[0x9011] = "+09:00"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (37.0, 33.0, 58.8)
    gps[3] = "E"
    gps[4] = (126.0, 58.0, 40.2)
    return exif


@pytest.mark.parametrize(
    ("orientation", "stored_as"),
    [  # each orientation with how a camera stores an upright scene under it (mirrors too)
        (2, Image.Transpose.FLIP_LEFT_RIGHT),
        (3, Image.Transpose.ROTATE_180),
        (4, Image.Transpose.FLIP_TOP_BOTTOM),
        (5, Image.Transpose.TRANSPOSE),
        (6, Image.Transpose.ROTATE_90),
        (7, Image.Transpose.TRANSVERSE),
        (8, Image.Transpose.ROTATE_270),
    ],
)
def test_exif_orientation_gives_upright_pixels_and_metadata(
    tmp_path: Path, orientation: int, stored_as: Image.Transpose
) -> None:
    path = tmp_path / "sideways.jpg"
    _marked_image().transpose(stored_as).save(path, "JPEG", quality=95, exif=_exif(orientation))

    photo = load_photo(path)

    assert photo.image.size == (400, 200)
    marked = photo.image.getpixel((20, 20))
    assert isinstance(marked, tuple)  # an RGB pixel
    assert marked[0] > 200 > marked[1]
    assert photo.image.getpixel((380, 180)) == pytest.approx((255, 255, 255), abs=12)
    meta = photo.metadata
    assert (meta.width, meta.height, meta.orientation) == (400, 200, orientation)
    assert meta.taken_at == "2024-05-17T22:41:09+09:00"
    assert meta.latitude == pytest.approx(37.5663333, abs=1e-6)
    assert meta.longitude == pytest.approx(126.9778333, abs=1e-6)
    assert (meta.make, meta.model) == ("Samsung", "SM-S918N")
    assert type(meta).from_dict(meta.to_dict()) == meta


def test_a_200_megapixel_phone_photo_is_read_reduced_not_refused_as_a_bomb(
    tmp_path: Path,
) -> None:
    """Pillow refuses anything above 179 M pixels when it opens it: a Galaxy Ultra's 200-MP
    photo (16320×12240) was refused as a decompression bomb "above the 250-megapixel limit",
    at import and in the OCR. The bomb limit is the loader's (MAX_PIXELS), Pillow's is left
    as it was."""
    from forensics_app.services.flyers import read_photo_facts

    path = tmp_path / "200mp.jpg"
    Image.new("L", (16320, 12240), 200).save(path, quality=30)
    before = Image.MAX_IMAGE_PIXELS
    photo = load_photo(path)
    assert photo.image.width * photo.image.height <= 24_000_000
    assert (photo.metadata.width, photo.metadata.height) == (16320, 12240)
    facts = read_photo_facts(path)
    assert (facts.width, facts.height, facts.error) == (16320, 12240, "")
    assert before == Image.MAX_IMAGE_PIXELS
    # above the loader's limit, both refuse it and say the same limit
    bomb = _bomb_header(tmp_path / "bomb.png", 17000, 15000)
    with pytest.raises(DecompressionBombError, match="limit is 250 megapixels"):
        load_photo(bomb)
    refused = read_photo_facts(bomb).reason
    assert refused is not None and "limit is 250 megapixels" in refused.render()


def _bomb_header(path: Path, width: int, height: int) -> Path:
    """A PNG that only claims its size (no pixel data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    return path


def test_a_16_bit_grey_scan_keeps_its_text(tmp_path: Path) -> None:
    """Pillow turns 16-bit grey into 8 bits by clipping: a 16-bit PNG scan of a flyer became
    a white page, "read" with no number on it, and its picture hash was that of any white
    page (so unrelated scans grouped as one flyer)."""
    import numpy as np

    from forensics_app.services.flyers import read_photo_facts
    from tests.ocr.helpers import draw_flyer

    flyer, _ = draw_flyer([("급전 대출", 64), ("010-2345-6789", 80)], size=(900, 400))
    grey = flyer.convert("L")
    wide = np.asarray(grey, dtype=np.uint16) * 257  # the same picture, 16 bits a pixel
    path = tmp_path / "scan16.png"
    Image.fromarray(wide).save(path)
    with Image.open(path) as stored:
        assert stored.mode == "I;16"
    photo = load_photo(path)
    difference = np.abs(
        np.asarray(photo.image.convert("L"), dtype=np.int16) - np.asarray(grey, dtype=np.int16)
    )
    assert int(difference.max()) <= 1
    grey.save(tmp_path / "scan8.png")
    assert read_photo_facts(path).dhash == read_photo_facts(tmp_path / "scan8.png").dhash


@pytest.mark.parametrize(("ink", "mode"), [(0, "RGBA"), (0, "LA"), (255, "RGBA"), (0, "P")])
def test_a_drawing_on_a_transparent_background_stands_out(
    tmp_path: Path, ink: int, mode: str
) -> None:
    """A flyer image saved with a transparent background (black text, its transparent pixels
    black too) became black on black when Pillow dropped the alpha: the OCR read nothing. It
    is laid on white under dark ink, on black under light ink."""
    from PIL import ImageDraw

    picture = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    ImageDraw.Draw(picture).rectangle((100, 30, 200, 70), fill=(ink, ink, ink, 255))
    path = tmp_path / "cut_out.png"
    if mode == "P":  # a palette picture whose colour 0 (black) is transparent
        stored = Image.new("P", picture.size, 0)
        stored.putpalette([0, 0, 0, ink, ink, ink])
        ImageDraw.Draw(stored).rectangle((100, 30, 200, 70), fill=1)
        stored.save(path, transparency=0)
    else:
        picture.convert(mode).save(path)
    photo = load_photo(path)
    inside, outside = photo.image.getpixel((150, 50)), photo.image.getpixel((10, 10))
    assert inside == (ink, ink, ink)
    assert outside == ((255, 255, 255) if ink < 128 else (0, 0, 0)), (inside, outside)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_open_without_exif(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"flyer.{fmt.lower()}"
    _marked_image().save(path, fmt)
    photo = load_photo(path)
    assert photo.image.size == (400, 200)
    assert photo.metadata.taken_at is None and photo.metadata.latitude is None


def test_heic_opens(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    path = tmp_path / "iphone.heic"
    heif = pillow_heif.from_pillow(_marked_image())
    heif.save(str(path), quality=90)
    photo = load_photo(path)
    assert photo.image.size == (400, 200)
    assert photo.metadata.format.upper() in ("HEIF", "HEIC")


def heic_turned(path: Path, orientation: int, stored_as: Image.Transpose, *, boxes: bool) -> Path:
    """The marked picture stored turned (`stored_as`), saying `orientation`: in the HEIF
    irot/imir boxes (pillow-heif writes them from the EXIF tag, as an iPhone does, with the
    EXIF tag too), or only in EXIF (`boxes` False: written upright-less with orientation 1,
    then the tag's value changed in place, as a converter leaves it)."""
    stored = _marked_image().transpose(stored_as)
    stored.save(path, "HEIF", quality=90, exif=_exif(orientation if boxes else 1).tobytes())
    data = path.read_bytes()
    has_boxes = b"irot" in data or b"imir" in data
    assert has_boxes is boxes
    if not boxes:  # the Orientation entry (tag 0x0112, SHORT, count 1, 1); Pillow writes "MM"
        entry = struct.pack(">HHIH", 0x0112, 3, 1, 1)
        assert data.count(entry) == 1
        path.write_bytes(data.replace(entry, struct.pack(">HHIH", 0x0112, 3, 1, orientation)))
    return path


HEIC_TURNS = [
    (3, Image.Transpose.ROTATE_180),
    (6, Image.Transpose.ROTATE_90),
    (8, Image.Transpose.ROTATE_270),
]


@pytest.mark.parametrize("boxes", [True, False], ids=["irot-boxes", "exif-only"])
@pytest.mark.parametrize(("orientation", "stored_as"), HEIC_TURNS)
def test_a_heic_opens_upright_whether_its_boxes_or_only_its_exif_say_how(
    tmp_path: Path, orientation: int, stored_as: Image.Transpose, boxes: bool
) -> None:
    """libheif turns the pixels by irot/imir and pillow-heif resets the EXIF tag: a HEIC whose
    orientation is only in EXIF came out sideways. Turned once, either way."""
    pytest.importorskip("pillow_heif")
    from forensics_app.services.flyers import read_photo_facts

    path = heic_turned(tmp_path / "photo.heic", orientation, stored_as, boxes=boxes)
    photo = load_photo(path)
    assert photo.image.size == (400, 200)
    marked = photo.image.getpixel((20, 20))
    assert isinstance(marked, tuple) and marked[0] > 200 > marked[1]
    assert photo.image.getpixel((380, 180)) == pytest.approx((255, 255, 255), abs=12)
    assert (photo.metadata.width, photo.metadata.height) == (400, 200)
    assert photo.metadata.make == "Samsung"
    _marked_image().save(tmp_path / "upright.heic", "HEIF", quality=90)
    assert read_photo_facts(path).dhash == read_photo_facts(tmp_path / "upright.heic").dhash


def test_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty"):
        load_photo(path)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("this is a shopping list, not a photo")
    with pytest.raises(NotAnImageError) as caught:
        load_photo(path)
    assert caught.value.reason == "not_an_image"
    assert isinstance(caught.value, UserError)  # a user's mistake, exit 2, not a crash


def test_missing_file(tmp_path: Path) -> None:
    # not the photo's fault (a moved folder, an unplugged drive): a batch retries it later
    with pytest.raises(PhotoUnavailableError, match="no such file") as caught:
        load_photo(tmp_path / "gone.jpg")
    assert caught.value.reason == "unavailable"


def test_truncated_jpeg(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    noise = Image.effect_noise((800, 600), 60).convert("RGB")
    noise.save(buffer, "JPEG", quality=90)
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(TruncatedImageError, match="truncated"):
        load_photo(path)


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: the classic decompression bomb shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_claiming(60_000, 60_000))
    with pytest.raises(DecompressionBombError, match="decompression bomb"):
        load_photo(path)


def test_pixel_limit_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "ok.png"
    _marked_image().save(path)
    with pytest.raises(DecompressionBombError):
        load_photo(path, max_pixels=10_000)


# ---- a decompression bomb just under the limits (issue 10, item 9) -----------------------------

BOMB_SIDE = 13000  # 169 MP: under the 250-MP bomb limit, far beyond any photo's decode budget


def _bomb(path: Path, mode: str) -> Path:
    Image.MAX_IMAGE_PIXELS, saved = None, Image.MAX_IMAGE_PIXELS
    try:
        Image.new(mode, (BOMB_SIDE, BOMB_SIDE), 255 if mode == "L" else (255, 255, 255)).save(
            path, optimize=True
        )
    finally:
        Image.MAX_IMAGE_PIXELS = saved
    assert path.stat().st_size < 600_000  # a small file that claims a huge picture
    return path


# The peak is read from VmHWM (this process's own high-water mark): getrusage's ru_maxrss
# would carry over the peak of the test process that forked it.
_PEAK = r"""
import json, re, sys, warnings
warnings.simplefilter("default")
from forensics_app.ocr import recognise_path
result = recognise_path(sys.argv[1])
from pathlib import Path
status = Path("/proc/self/status").read_text()
peak = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) // 1024
print(json.dumps({"peak_mb": peak, "result": result.to_dict()}))
"""


def _run_measured(path: Path) -> tuple[dict[str, object], str]:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_a_bomb_just_under_the_limits_is_read_reduced_within_memory(tmp_path: Path) -> None:
    """A 13000×13000 grey PNG took 2.2 GB (and printed Pillow's warning raw): it is decoded
    once, reduced at once, and the warning becomes a note on the photo."""
    measured, stderr = _run_measured(_bomb(tmp_path / "bomb.png", "L"))
    result = measured["result"]
    assert isinstance(result, dict) and result["ok"] is True
    assert any("very large picture" in note for note in result["notes"])
    assert result["metadata"]["width"] == BOMB_SIDE
    assert int(str(measured["peak_mb"])) < 1024, measured["peak_mb"]
    assert "Warning" not in stderr


def test_a_bomb_whose_decode_would_not_fit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb_rgb.png", "RGB")
    measured, stderr = _run_measured(path)
    result = measured["result"]
    assert isinstance(result, dict) and result["ok"] is False
    assert result["reason"] == "too_large"
    assert "13000×13000" in str(result["message"])
    assert int(str(measured["peak_mb"])) < 600, measured["peak_mb"]  # nothing decoded
    assert "Warning" not in stderr
    with pytest.raises(UserError, match="more than the 512 MB"):
        load_photo(path)


def test_a_huge_jpeg_is_decoded_reduced_by_its_decoder(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    Image.new("RGB", (8000, 6000), (200, 200, 200)).save(path, quality=60)
    loaded = load_photo(path)
    assert loaded.image.width * loaded.image.height <= 24_000_000
    assert loaded.scale == loaded.image.width / 8000 < 1
    assert (loaded.metadata.width, loaded.metadata.height) == (8000, 6000)


def test_truncated_jpeg_is_refused_even_after_the_pdf_writer_was_imported(
    tmp_path: Path,
) -> None:
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when it is imported; the GUI
    process writes a PDF report and then reads more flyer photos."""
    import weasyprint  # noqa: F401  (its import is what sets the flag)
    from PIL import ImageFile

    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # as WeasyPrint leaves it
    with pytest.raises(TruncatedImageError, match="truncated"):
        load_photo(path)
