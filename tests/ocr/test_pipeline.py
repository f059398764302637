"""The whole pipeline on small generated flyers, with the real PP-OCR models and Tesseract."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from benchmarks.flyers_heldout.generator import write_photo
from forensics_app.ocr import (
    FlyerFailure,
    FlyerResult,
    recognise_flyer,
    recognise_path,
    result_from_dict,
    warm_up,
)
from forensics_app.ocr.errors import OcrEngineError
from tests.ocr.helpers import draw_flyer, font

LINES = [
    ("급전 대출", 110),
    ("무방문 당일 입금", 60),
    ("사업자등록번호 123-45-67890", 48),
    ("TEL 010-2345-6789", 80),
    ("공일공-삼사오육-칠팔구공", 64),
]


@pytest.fixture(scope="module")
def sideways_photo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The flyer shot with the phone held sideways: pixels stored turned, EXIF tag 6."""
    image, boxes = draw_flyer(LINES)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path_factory.mktemp("photos") / "flyer.jpg"
    image.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=88, exif=exif)
    return path, boxes


@pytest.fixture(scope="module")
def sideways_result(sideways_photo: tuple[Path, dict]) -> FlyerResult:
    return recognise_flyer(sideways_photo[0])


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over the smaller box; boxes as (left, top, right, bottom)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller


def test_every_number_found_and_distractor_refused(sideways_result: FlyerResult) -> None:
    found = {n.e164: n for n in sideways_result.numbers}
    assert set(found) == {"+821023456789", "+821034567890"}
    mobile = found["+821023456789"]
    assert mobile.national == "010-2345-6789"
    assert mobile.number_type == "mobile"
    assert "010" in mobile.printed and "TEL" not in mobile.printed
    assert found["+821034567890"].printed.replace(" ", "").startswith("공일공")
    assert all(0 < n.confidence <= 1 for n in sideways_result.numbers)


def test_boxes_are_in_upright_photo_coordinates(
    sideways_photo: tuple[Path, dict], sideways_result: FlyerResult
) -> None:
    _, boxes = sideways_photo
    assert (sideways_result.metadata.width, sideways_result.metadata.height) == (1400, 900)
    mobile = next(n for n in sideways_result.numbers if n.e164 == "+821023456789")
    left, top, width, height = mobile.box
    drawn = boxes["TEL 010-2345-6789"]
    assert _overlap((left, top, left + width, top + height), drawn) > 0.6
    # the number's box leaves out the "TEL " label in front of it
    assert left > drawn[0] + 40


def test_category_from_korean_keywords(sideways_result: FlyerResult) -> None:
    assert sideways_result.category == "lending"
    assert "대출" in sideways_result.category_hits["lending"]


def test_result_survives_json_and_pickle(sideways_result: FlyerResult) -> None:
    again = result_from_dict(json.loads(json.dumps(sideways_result.to_dict())))
    assert again == sideways_result
    assert pickle.loads(pickle.dumps(sideways_result)) == sideways_result
    assert pickle.loads(pickle.dumps(recognise_path)) is recognise_path


def test_tilted_colour_flyer_with_sideways_number(tmp_path: Path) -> None:
    """White on red, turned 25°, with a number printed up the side of the flyer."""
    image, _ = draw_flyer(
        [("출장 안마", 120), ("24시간 언제든지", 60), ("☎ 0505-1234-5678", 80)],
        paper=(200, 25, 30),
        ink=(255, 255, 255),
        size=(1500, 800),
    )
    side, _ = draw_flyer([("1588-4321", 70)], size=(560, 130), paper=(200, 25, 30), ink=(255,) * 3)
    image.paste(side.rotate(90, expand=True), (1320, 240))
    photo = Image.new("RGB", (2400, 2000), (90, 90, 95))
    turned = image.rotate(25, expand=True, fillcolor=(90, 90, 95))
    photo.paste(turned, (150, 200))
    path = tmp_path / "tilted.png"
    photo.save(path)

    result = recognise_flyer(path)

    assert {n.e164 for n in result.numbers} == {"+8250512345678", "+8215884321"}
    assert result.category == "obscene_adult"


def test_a_dash_printed_as_a_colon_between_groups(tmp_path: Path) -> None:
    """`TEL: 010 : 7322 - 1078`: what PP-OCR read of a spaced dash on a curled, blurred slip
    (held-out seed 61837), printed so; a price line beside it stays a price."""
    image, _ = draw_flyer(
        [("월 120,000 원 부터", 60), ("TEL: 010 : 7322 - 1078", 70)],
        size=(1300, 400),
        paper=(245, 245, 240),
        ink=(20, 20, 20),
    )
    path = tmp_path / "colon.png"
    image.save(path)

    result = recognise_flyer(path)

    assert [n.e164 for n in result.numbers] == ["+821073221078"]


def test_pale_numerals_on_a_yellow_band_are_read(tmp_path: Path) -> None:
    """Pale pink Hangul numerals on a yellow label band of a purple poster (held-out seeds 61837
    and 83117): slightly blurred and grainy, the detector finds no line on the band."""
    image = Image.new("RGB", (1400, 1000), (110, 40, 140))
    draw = ImageDraw.Draw(image)
    draw.text((80, 60), "미녀 대기중", font=font(100), fill=(255, 230, 250))
    draw.text((80, 230), "야간 출장 OK", font=font(50), fill=(255, 230, 250))
    draw.rectangle((70, 380, 740, 425), fill=(255, 255, 120))
    numerals = "공 일 공 - 팔 팔 공 팔 - 칠 육 사 일"
    draw.text((90, 387), numerals, font=font(30), fill=(255, 230, 250))
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(1.0)), np.float32)
    pixels += np.random.default_rng(1).normal(0, 8, pixels.shape)
    path = tmp_path / "band.jpg"
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, quality=85)

    result = recognise_flyer(path)

    assert [n.e164 for n in result.numbers] == ["+821088087641"]


@pytest.mark.parametrize(
    ("index", "hangul"),
    [
        # Tesseract read `팔 밀 오 일` of the rotated card's 팔일오일
        (9, "+821081514108"),
        # and `공 월 공 - 팔 팔 영 팔 - 칠 목 사 일` of the poster's band
        (156, "+821088087641"),
    ],
)
def test_hangul_numerals_tesseract_misread_by_a_stroke(
    tmp_path: Path, index: int, hangul: str
) -> None:
    """Photos of the held-out generator's burnt seed 83117: every number found."""
    truth = write_photo(tmp_path, 83117, index)

    result = recognise_flyer(tmp_path / truth.file)

    assert {n.e164 for n in result.numbers} == truth.wanted()
    assert hangul in truth.wanted()


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty_file"), (b"GIF89a broken", "not_an_image"), (b"\xff\xd8\xff\xe0", "truncated")],
)
def test_worker_entry_point_reports_bad_photos(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.jpg"
    path.write_bytes(content)
    result = recognise_path(str(path))
    assert isinstance(result, FlyerFailure)
    assert result.reason == reason
    assert str(path) in result.message
    assert result_from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_photo_without_text_has_no_numbers(tmp_path: Path) -> None:
    path = tmp_path / "pavement.jpg"
    Image.effect_noise((1200, 900), 30).convert("RGB").save(path, "JPEG")
    result = recognise_path(str(path))
    assert isinstance(result, FlyerResult)
    assert result.numbers == ()
    assert result.category == "other"


def test_large_photo_is_decoded_at_half_scale_but_boxes_are_in_full_pixels(
    tmp_path: Path,
) -> None:
    image, boxes = draw_flyer([("대출 상담", 90), ("010-8765-4321", 90)], size=(1000, 400))
    photo = Image.new("RGB", (6000, 4200), (120, 115, 105))
    photo.paste(image, (2400, 1900))
    path = tmp_path / "25mp.jpg"
    photo.save(path, "JPEG", quality=85)

    result = recognise_flyer(path)

    (number,) = result.numbers
    assert (result.metadata.width, result.metadata.height) == (6000, 4200)
    left, top, width, height = number.box
    drawn = boxes["010-8765-4321"]
    shifted = (drawn[0] + 2400, drawn[1] + 1900, drawn[2] + 2400, drawn[3] + 1900)
    assert _overlap((left, top, left + width, top + height), shifted) > 0.6


def test_warm_up_checks_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    warm_up()  # models and Korean data are installed here
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(OcrEngineError, match="tesseract"):
        warm_up()


def test_a_blank_line_gives_no_runtime_warning() -> None:
    """`ocr` printed numpy's RuntimeWarning (a correlation over a flat crop) on the terminal."""
    import warnings

    import numpy as np

    from forensics_app.ocr.tesseract import read_lines

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lines = read_lines([np.full((48, 300, 3), 128, np.uint8)])
    assert [line.text for line in lines] == [""]
