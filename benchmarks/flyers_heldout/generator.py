"""An independent generator of flyer photos, used ONLY to report, never to tune.

Written apart from benchmarks/flyers (the tuning generator) and sharing no code with it: other
fonts (Un and Baekmuk families, not Nanum), other layouts (business-card ads with several
labelled numbers on one line, posters with the number in a box, tear-off strips with sideways
numbers, receipt-like slips full of look-alike digits), other colours and paper (gradients,
halftone, crumpled and folded paper, curled sheets), other cameras (sizes and JPEG habits of
several phone models, sharpening halos, chroma noise, vignetting, some HEIC files) and the
printed forms that a first version of the pipeline missed: spaced dashes `010 - 1234 - 5678`,
brackets `(010) 1234-5678`, Hangul numerals (also letter-spaced), sideways text, motion blur,
ranges `1588-1234~5` and `+82` forms.

Each photo comes with its truth: the numbers printed (must be found), the lines a printed range
implies (may be found) and the distractor digit runs printed beside them (must not be found).

    .venv/bin/python -m benchmarks.flyers_heldout.generator --seed 5 --count 20 --out /tmp/h
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np
import phonenumbers
from PIL import Image, ImageDraw, ImageFilter, ImageFont

VERSION = 1
UN = Path("/usr/share/fonts/truetype/unfonts-core")
BAEKMUK = Path("/usr/share/fonts/truetype/baekmuk")
HEAVY = [UN / "UnDotumBold.ttf", UN / "UnGraphicBold.ttf", UN / "UnDinaruBold.ttf",
         UN / "UnBatangBold.ttf", BAEKMUK / "hline.ttf", BAEKMUK / "gulim.ttf"]  # fmt: skip
LIGHT = [UN / "UnDotum.ttf", UN / "UnGraphic.ttf", UN / "UnBatang.ttf", UN / "UnDinaru.ttf",
         UN / "UnPilgi.ttf", UN / "UnGungseo.ttf", BAEKMUK / "dotum.ttf",
         BAEKMUK / "batang.ttf"]  # fmt: skip

# (name, width, height, JPEG quality range, sharpening) of phone cameras
CAMERAS = [
    ("Apple iPhone 13", 4032, 3024, (80, 92), 0.6),
    ("samsung SM-S911N", 4000, 3000, (88, 96), 1.0),
    ("samsung SM-A325N", 3264, 2448, (75, 88), 1.4),
    ("LGE LM-V500N", 4656, 3492, (82, 94), 0.8),
    ("Xiaomi Redmi Note 9", 4000, 3000, (70, 85), 1.2),
    ("Apple iPhone 8", 3264, 2448, (78, 90), 0.5),
    ("samsung SM-G977N", 2560, 1920, (72, 86), 1.6),
]
INKS = {
    "green": ((30, 140, 70), (255, 255, 255), (255, 240, 90)),
    "navy": ((20, 35, 90), (240, 240, 255), (255, 210, 40)),
    "orange": ((245, 130, 20), (40, 20, 10), (255, 255, 255)),
    "purple": ((110, 40, 140), (255, 230, 250), (255, 255, 120)),
    "cream": ((245, 235, 210), (120, 30, 30), (20, 60, 120)),
    "grey": ((200, 200, 205), (30, 30, 30), (180, 0, 0)),
    "sky": ((160, 210, 240), (10, 40, 80), (200, 20, 60)),
    "magenta": ((220, 30, 120), (255, 255, 255), (30, 30, 30)),
}
WORDS = {
    "lending": ["급전 필요하신 분", "신용 회복 대출", "무담보 소액 자금", "일수 환영", "당일 승인",
                "월변 가능", "사업자 대출", "카드 연체 해결"],
    "obscene_adult": ["섹시 출장", "스웨디시 마사지", "VIP 룸", "야간 출장 OK", "오피 만남",
                      "미녀 대기중"],
    "other": ["학원 수강생 모집", "원룸 임대", "헬스 회원 모집", "꽃 배달", "가전 수리",
              "누수 탐지"],
}  # fmt: skip
NUMERALS = "공일이삼사오육칠팔구"
UAN = ["1544", "1566", "1577", "1588", "1600", "1644", "1670", "1811", "1833", "1877"]


@dataclass
class Printed:
    e164: str
    text: str
    form: str
    sideways: bool = False


@dataclass
class Truth:
    file: str
    camera: str
    layout: str
    category: str
    numbers: list[Printed] = field(default_factory=list)
    implied: list[str] = field(default_factory=list)  # lines a printed range names
    distractors: list[str] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)

    def wanted(self) -> set[str]:
        return {n.e164 for n in self.numbers}

    def allowed(self) -> set[str]:
        return self.wanted() | set(self.implied)


# ---- numbers and their printed forms ----------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _korean_number(rng: random.Random) -> list[str]:
    while True:
        kind = rng.choices(
            ["010", "070", "050", "15", "02", "0xx", "080"], [40, 12, 14, 10, 9, 10, 5]
        )[0]
        if kind == "010":
            groups = ["010", str(rng.randint(2, 9)) + _digits(rng, 3), _digits(rng, 4)]
        elif kind == "070":
            groups = ["070", str(rng.randint(2, 8)) + _digits(rng, 3), _digits(rng, 4)]
        elif kind == "050":
            prefix = rng.choice(["0502", "0503", "0504", "0505", "0506", "0507"])
            middle = str(rng.randint(1, 9)) + _digits(rng, 3 if prefix in ("0504", "0505") else 2)
            groups = [prefix, middle, _digits(rng, 4)]
        elif kind == "15":
            groups = [rng.choice(UAN), _digits(rng, 4)]
        elif kind == "02":
            groups = [
                "02",
                str(rng.randint(2, 9)) + _digits(rng, rng.choice([2, 3])),
                _digits(rng, 4),
            ]
        elif kind == "0xx":
            area = rng.choice(
                ["031", "032", "041", "043", "051", "052", "053", "055", "061", "063"]
            )
            groups = [
                area,
                str(rng.randint(2, 9)) + _digits(rng, rng.choice([2, 3])),
                _digits(rng, 4),
            ]
        else:
            groups = ["080", str(rng.randint(2, 9)) + _digits(rng, 2), _digits(rng, 4)]
        parsed = phonenumbers.parse("".join(groups), "KR")
        if phonenumbers.is_valid_number(parsed):
            return groups


def _e164(digits: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(digits, "KR"), phonenumbers.PhoneNumberFormat.E164
    )


def _print_form(rng: random.Random, groups: list[str]) -> tuple[str, str]:
    form = rng.choices(
        ["dash", "spaced_dash", "brackets", "dots", "spaces", "middle_dot", "hangul",
         "hangul_spaced", "plus82", "ungrouped", "tilde"],
        [20, 12, 10, 8, 8, 6, 8, 4, 4, 4, 4],
    )[0]  # fmt: skip
    if len(groups) == 2 and form in ("brackets", "plus82"):
        form = "dash"
    if form == "dash":
        text = "-".join(groups)
    elif form == "spaced_dash":
        text = " - ".join(groups)
    elif form == "brackets":
        text = f"({groups[0]}) {groups[1]}-{groups[2]}"
    elif form == "dots":
        text = ".".join(groups)
    elif form == "spaces":
        text = " ".join(groups)
    elif form == "middle_dot":
        text = "·".join(groups)
    elif form == "hangul":
        text = "-".join("".join(NUMERALS[int(d)] for d in g) for g in groups)
    elif form == "hangul_spaced":
        text = " - ".join(" ".join(NUMERALS[int(d)] for d in g) for g in groups)
    elif form == "plus82":
        text = f"+82 {groups[0][1:]}-{groups[1]}-{groups[2]}"
    elif form == "ungrouped":
        text = "".join(groups)
    else:
        text = "~".join(groups)
    return text, form


def _number(rng: random.Random, used: set[str]) -> tuple[Printed, list[str]]:
    while True:
        groups = _korean_number(rng)
        digits = "".join(groups)
        if digits not in used:
            used.add(digits)
            break
    text, form = _print_form(rng, groups)
    implied: list[str] = []
    if form in ("dash", "dots") and rng.random() < 0.15:
        # a range: the last digit runs on (…4560~2)
        last = groups[-1]
        if last[-1] in "01234567":
            top = min(9, int(last[-1]) + rng.randint(1, 2))
            text += f"~{top}"
            form = "range"
            for value in range(int(last[-1]) + 1, top + 1):
                line = digits[:-1] + str(value)
                if phonenumbers.is_valid_number(phonenumbers.parse(line, "KR")):
                    implied.append(_e164(line))
    return Printed(_e164(digits), text, form), implied


def _distractor(rng: random.Random) -> str:
    return rng.choice(
        [
            f"사업자번호 {rng.randint(100, 899)}-{_digits(rng, 2)}-{_digits(rng, 5)}",
            f"승인번호 {_digits(rng, 8)}",
            f"{rng.choice(['국민', '농협', '신한'])} "
            f"{_digits(rng, 6)}-{_digits(rng, 2)}-{_digits(rng, 6)}",
            f"{rng.randint(2021, 2026)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d} ~ "
            f"{rng.randint(1, 12)}월말",
            f"월 {rng.randint(1, 30) * 10},000원부터",
            f"영업시간 {rng.randint(8, 11)}:00 ~ {rng.randint(19, 23)}:30",
            f"우) {_digits(rng, 5)}",
            f"{rng.randint(1, 9)}0만원 ~ {rng.randint(1, 5)},000만원",
            f"No. 0{_digits(rng, 12)}",
        ]
    )


# ---- drawing ----------------------------------------------------------------------------------


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(10, size))


def _fit(
    draw: ImageDraw.ImageDraw, text: str, path: Path, size: int, width: int
) -> ImageFont.FreeTypeFont:
    font = _font(path, size)
    while draw.textlength(text, font=font) > width and size > 12:
        size = int(size * 0.92)
        font = _font(path, size)
    return font


def _paper(rng: random.Random, w: int, h: int, base: tuple[int, int, int]) -> Image.Image:
    arr = np.zeros((h, w, 3), np.float32) + np.array(base, np.float32)
    kind = rng.choice(["flat", "gradient", "halftone", "fibres"])
    if kind == "gradient":
        ramp = np.linspace(rng.uniform(0.75, 0.95), rng.uniform(1.0, 1.15), h, dtype=np.float32)
        arr *= ramp[:, None, None]
    elif kind == "halftone":
        yy, xx = np.mgrid[0:h, 0:w]
        step = rng.randint(6, 12)
        dots = ((xx % step - step / 2) ** 2 + (yy % step - step / 2) ** 2) < (step / 4) ** 2
        arr[dots] *= 0.9
    elif kind == "fibres":
        noise = np.random.default_rng(rng.randrange(2**31)).normal(0, 6, (h // 4 + 1, w // 4 + 1))
        arr += cv2.resize(noise.astype(np.float32), (w, h))[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _number_text(rng: random.Random, printed: Printed) -> str:
    label = rng.choice(["", "☎ ", "TEL. ", "HP ", "상담 ", "문의 ", "대표 ", "H.P "])
    return label + printed.text


def _layout_poster(rng, w, h, colours, truth, numbers) -> Image.Image:  # type: ignore[no-untyped-def]
    paper, ink, accent = colours
    image = _paper(rng, w, h, paper)
    draw = ImageDraw.Draw(image)
    y = int(h * 0.06)
    title = rng.choice(WORDS[truth.category])
    font = _fit(draw, title, rng.choice(HEAVY), int(h * 0.1), int(w * 0.88))
    draw.text((w * 0.06, y), title, font=font, fill=ink)
    y += int(font.size * 1.5)
    lines = rng.sample(WORDS[truth.category], 2) + [
        _distractor(rng) for _ in range(rng.randint(1, 2))
    ]
    truth.distractors += lines[2:]
    body = rng.choice(LIGHT)
    for line in lines:
        font = _fit(draw, line, body, int(h * 0.045), int(w * 0.88))
        draw.text((w * 0.06, y), line, font=font, fill=ink)
        y += int(font.size * 1.5)
    for printed in numbers:
        text = _number_text(rng, printed)
        font = _fit(draw, text, rng.choice(HEAVY), int(h * 0.075), int(w * 0.84))
        box = draw.textbbox((w * 0.08, y), text, font=font)
        draw.rectangle([box[0] - 14, box[1] - 12, box[2] + 14, box[3] + 12], fill=accent)
        draw.text((w * 0.08, y), text, font=font, fill=ink if accent != ink else paper)
        y += int(font.size * 1.8)
    return image


def _layout_card(rng, w, h, colours, truth, numbers) -> Image.Image:  # type: ignore[no-untyped-def]
    """A business-card ad: several labelled numbers on one line, apart by | bars."""
    paper, ink, accent = colours
    image = _paper(rng, w, h, paper)
    draw = ImageDraw.Draw(image)
    title = rng.choice(WORDS[truth.category])
    font = _fit(draw, title, rng.choice(HEAVY), int(h * 0.16), int(w * 0.9))
    draw.text((w * 0.05, h * 0.08), title, font=font, fill=accent)
    labels = ["T", "M", "F", "H"]
    parts = [f"{labels[i % 4]} {n.text}" for i, n in enumerate(numbers)]
    line = "  |  ".join(parts)
    font = _fit(draw, line, rng.choice(LIGHT), int(h * 0.09), int(w * 0.92))
    draw.text((w * 0.04, h * 0.55), line, font=font, fill=ink)
    extra = _distractor(rng)
    truth.distractors.append(extra)
    font = _fit(draw, extra, rng.choice(LIGHT), int(h * 0.07), int(w * 0.9))
    draw.text((w * 0.04, h * 0.75), extra, font=font, fill=ink)
    return image


def _layout_tabs(rng, w, h, colours, truth, numbers) -> Image.Image:  # type: ignore[no-untyped-def]
    """A notice with tear-off strips: the number printed sideways on each strip."""
    paper, ink, accent = colours
    image = _paper(rng, w, h, paper)
    draw = ImageDraw.Draw(image)
    title = rng.choice(WORDS[truth.category])
    font = _fit(draw, title, rng.choice(HEAVY), int(h * 0.08), int(w * 0.9))
    draw.text((w * 0.05, h * 0.05), title, font=font, fill=ink)
    y = h * 0.05 + font.size * 1.6
    for printed in numbers[:-1]:
        text = _number_text(rng, printed)
        font = _fit(draw, text, rng.choice(HEAVY), int(h * 0.055), int(w * 0.9))
        draw.text((w * 0.05, y), text, font=font, fill=accent if accent != paper else ink)
        y += font.size * 1.6
    sideways = numbers[-1]
    sideways.sideways = True
    strip_h = int(h * 0.36)
    strips = rng.randint(4, 7)
    strip_w = w // strips
    font = _fit(draw, sideways.text, rng.choice(HEAVY), int(strip_w * 0.42), strip_h - 16)
    for i in range(strips):
        x = i * strip_w
        draw.line([(x, h - strip_h), (x, h)], fill=ink, width=2)
        tile = Image.new("RGB", (strip_h - 10, int(strip_w * 0.7)), paper)
        ImageDraw.Draw(tile).text((4, 2), sideways.text, font=font, fill=ink)
        tile = tile.rotate(90 if rng.random() < 0.7 else 270, expand=True)
        image.paste(tile, (x + (strip_w - tile.width) // 2, h - strip_h + 5))
    draw.line([(0, h - strip_h), (w, h - strip_h)], fill=ink, width=2)
    return image


def _layout_slip(rng, w, h, colours, truth, numbers) -> Image.Image:  # type: ignore[no-untyped-def]
    """A receipt-like slip: many digit runs, one or two real numbers."""
    image = _paper(rng, w, h, (246, 246, 242))
    draw = ImageDraw.Draw(image)
    font_path = rng.choice([BAEKMUK / "gulim.ttf", UN / "UnDotum.ttf", BAEKMUK / "dotum.ttf"])
    size = int(h / 26)
    rows = [rng.choice(WORDS[truth.category])]
    rows += [_distractor(rng) for _ in range(6)]
    truth.distractors += rows[1:]
    insert_at = sorted(rng.sample(range(1, len(rows) + 1), len(numbers)))
    for offset, (position, printed) in enumerate(zip(insert_at, numbers, strict=True)):
        rows.insert(position + offset, f"TEL: {printed.text}")
    rows.append(
        f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
        f"{rng.randint(10, 23)}:{rng.randint(0, 59):02d}"
    )
    truth.distractors.append(rows[-1])
    y = size
    for row in rows:
        font = _fit(draw, row, font_path, size, int(w * 0.92))
        draw.text((w * 0.04, y), row, font=font, fill=(25, 25, 25))
        y += int(size * 1.45)
    return image


LAYOUTS = {
    "poster": _layout_poster,
    "card": _layout_card,
    "tabs": _layout_tabs,
    "slip": _layout_slip,
}


# ---- the photo ---------------------------------------------------------------------------------


def _curl(rng: random.Random, flyer: np.ndarray, effects: list[str]) -> np.ndarray:
    """Paper that is not flat: a gentle curl or a fold line."""
    h, w = flyer.shape[:2]
    if rng.random() < 0.3:
        amplitude = rng.uniform(0.01, 0.03) * h
        xx, yy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
        map_y = yy + amplitude * np.sin(xx / w * math.pi * rng.uniform(0.8, 1.6))
        flyer = cv2.remap(
            flyer, xx, map_y.astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
        effects.append("curled")
    if rng.random() < 0.25:
        x = rng.randint(w // 4, 3 * w // 4)
        shade = np.ones((h, w, 1), np.float32)
        shade[:, x:] *= rng.uniform(0.75, 0.9)
        flyer = (flyer * shade).astype(np.uint8)
        cv2.line(flyer, (x, 0), (x, h), (150, 150, 150), 2)
        effects.append("folded")
    return flyer


def _surface(rng: random.Random, w: int, h: int) -> np.ndarray:
    kind = rng.choice(["wall", "pole", "floor", "car"])
    base = {
        "wall": (185, 180, 170),
        "pole": (110, 115, 120),
        "floor": (95, 85, 75),
        "car": (30, 35, 45),
    }[kind]
    noise = np.random.default_rng(rng.randrange(2**31))
    small = noise.normal(0, 22, (h // 32 + 2, w // 32 + 2, 3)).astype(np.float32)
    surface = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC) + np.array(base, np.float32)
    return np.clip(surface, 0, 255).astype(np.uint8)


def _camera(
    rng: random.Random, photo: np.ndarray, sharpen: float, effects: list[str]
) -> np.ndarray:
    h, w = photo.shape[:2]
    out = photo.astype(np.float32)
    if rng.random() < 0.3:
        length = int(rng.uniform(6, 16) * w / 2500)
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2] = 1
        rotation = cv2.getRotationMatrix2D((length / 2, length / 2), rng.uniform(0, 180), 1)
        kernel = cv2.warpAffine(kernel, rotation, (length, length))
        out = cv2.filter2D(out, -1, kernel / max(kernel.sum(), 1e-6))
        effects.append("motion_blur")
    elif rng.random() < 0.25:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(1.0, 2.5) * w / 3000)
        effects.append("defocus")
    blurred = cv2.GaussianBlur(out, (0, 0), 1.5)
    out = out + sharpen * (out - blurred)  # the phone's own sharpening, with halos
    # light falls off towards the corners; maps are made small and scaled up (fast)
    sh, sw = h // 8 + 1, w // 8 + 1
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    radius = np.sqrt((xx / sw - 0.5) ** 2 + (yy / sh - 0.5) ** 2)
    gain = 1 - rng.uniform(0.1, 0.35) * radius**2
    if rng.random() < 0.35:
        gain *= rng.uniform(0.35, 0.6)
        effects.append("low_light")
    glow = np.zeros_like(gain)
    if rng.random() < 0.25:
        cx, cy, r = (
            rng.uniform(0.2, 0.8) * sw,
            rng.uniform(0.2, 0.8) * sh,
            rng.uniform(0.08, 0.2) * sw,
        )
        glow = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)) * rng.uniform(60, 120)
        effects.append("glare")
    out = out * cv2.resize(gain, (w, h))[..., None] + cv2.resize(glow, (w, h))[..., None]
    chroma = np.random.default_rng(rng.randrange(2**31)).normal(
        0, rng.uniform(2, 7), (h // 2 + 1, w // 2 + 1, 3)
    )
    out += cv2.resize(chroma.astype(np.float32), (w, h))
    return np.clip(out, 0, 255).astype(np.uint8)


def make_photo(rng: random.Random, name: str) -> tuple[bytes, str, Truth]:
    camera, cam_w, cam_h, quality, sharpen = rng.choice(CAMERAS)
    portrait = rng.random() < 0.45
    w, h = (cam_h, cam_w) if portrait else (cam_w, cam_h)
    layout = rng.choices(list(LAYOUTS), [40, 20, 20, 20])[0]
    category = rng.choice(["lending", "lending", "obscene_adult", "obscene_adult", "other"])
    truth = Truth(file=name, camera=camera, layout=layout, category=category)
    used: set[str] = set()
    count = {
        "poster": rng.choice([1, 1, 2]),
        "card": rng.choice([2, 3]),
        "tabs": rng.choice([1, 2]),
        "slip": 1,
    }[layout]
    numbers = []
    for _ in range(count):
        printed, implied = _number(rng, used)
        if layout == "tabs" and printed.form == "range":
            printed.text = printed.text.split("~")[0]
            printed.form, implied = "dash", []
        numbers.append(printed)
        truth.implied += implied
    size = {"poster": (900, 1300), "card": (1100, 620), "tabs": (1000, 1400), "slip": (640, 1500)}[
        layout
    ]
    colours = rng.choice(list(INKS.values()))
    flyer = LAYOUTS[layout](rng, size[0], size[1], colours, truth, numbers)
    truth.numbers = numbers
    if rng.random() < 0.5:
        flyer = flyer.filter(ImageFilter.GaussianBlur(0.6))  # print softness
    flat = _curl(rng, np.asarray(flyer), truth.effects)

    photo = _surface(rng, w, h)
    fh, fw = flat.shape[:2]
    share = rng.uniform(0.15, 0.5)
    scale = math.sqrt(share * w * h / (fw * fh))
    scale = min(scale, 0.92 * w / fw, 0.92 * h / fh)
    angle = math.radians(rng.uniform(-25, 25))
    tilt = rng.uniform(0, 0.15)
    corners = (
        np.array([[-fw / 2, -fh / 2], [fw / 2, -fh / 2], [fw / 2, fh / 2], [-fw / 2, fh / 2]])
        * scale
    )
    corners[rng.choice([[0, 1], [1, 2], [2, 3], [3, 0]])] *= 1 - tilt
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    dst = corners @ rot.T
    span = dst.max(axis=0) - dst.min(axis=0)
    dst *= min(1.0, 0.95 * w / span[0], 0.95 * h / span[1])
    low = -dst.min(axis=0) + 0.02 * np.array([w, h])
    high = np.array([w, h]) * 0.98 - dst.max(axis=0)
    dst += np.array(
        [rng.uniform(low[0], max(low[0], high[0])), rng.uniform(low[1], max(low[1], high[1]))]
    )
    src = np.array([[0, 0], [fw, 0], [fw, fh], [0, fh]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    # the flyer is drawn straight onto the surface (pixels outside it stay as they are)
    cv2.warpPerspective(
        np.ascontiguousarray(flat), matrix, (w, h), dst=photo,
        flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT,
    )  # fmt: skip
    if abs(math.degrees(angle)) > 15:
        truth.effects.append("rotated")
    photo = _camera(rng, photo, sharpen, truth.effects)
    image = Image.fromarray(photo)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = camera.split(" ", 1)
    if rng.random() < 0.06:
        # HEIC as iPhones write it; encoding is slow (40 s at 12 MP), so at 2 MP here
        image.thumbnail((1632, 1632))
        import pillow_heif  # only the writer here; the workstation reads HEIC through Pillow

        pillow_heif.register_heif_opener()
        buffer = io.BytesIO()
        image.save(buffer, "HEIF", quality=rng.randint(*quality), exif=exif.tobytes())
        truth.effects.append("heic")
        return buffer.getvalue(), ".heic", truth
    buffer = io.BytesIO()
    image.save(
        buffer, "JPEG", quality=rng.randint(*quality), exif=exif, subsampling=rng.choice([0, 2])
    )
    return buffer.getvalue(), ".jpg", truth


def generate(out: Path, seed: int, count: int) -> list[Truth]:
    """`count` photos and truth.json in `out`, reused when the same seed and count are there."""
    out.mkdir(parents=True, exist_ok=True)
    index = out / "truth.json"
    if index.exists():
        stored = json.loads(index.read_text("utf-8"))
        if (stored.get("seed"), stored.get("count"), stored.get("version")) == (
            seed,
            count,
            VERSION,
        ):
            return [_load(t) for t in stored["photos"]]
    with ProcessPoolExecutor() as pool:
        truths = list(pool.map(_write_one, [(out, seed, i) for i in range(count)]))
    payload = {
        "seed": seed,
        "count": count,
        "version": VERSION,
        "photos": [asdict(t) for t in truths],
    }
    index.write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    return truths


def _write_one(job: tuple[Path, int, int]) -> Truth:
    return write_photo(*job)


def write_photo(out: Path, seed: int, index: int) -> Truth:
    """Photo `index` of seed `seed`'s set, the same as generate() writes (a test reads one)."""
    rng = random.Random(f"heldout-{seed}-{index}")
    data, suffix, truth = make_photo(rng, "")
    truth.file = f"heldout_{seed}_{index:04d}{suffix}"
    (out / truth.file).write_bytes(data)
    return truth


def _load(data: dict) -> Truth:  # type: ignore[type-arg]
    numbers = [Printed(**n) for n in data.pop("numbers")]
    return Truth(**data, numbers=numbers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    truths = generate(args.out, args.seed, args.count)
    print(f"{len(truths)} photos, {sum(len(t.numbers) for t in truths)} numbers in {args.out}")


if __name__ == "__main__":
    main()
