"""Realistic street photos of Korean ad flyers with the phone numbers printed on them.

Each photo is a JPEG plus a ground-truth record: the E.164 numbers on it (every flyer in the
frame), how each was printed, and which degradations were applied, so the benchmark can break
recall down by format and by degradation. The same seed always gives the same photos.

    .venv/bin/python -m benchmarks.flyers.generator --seed 1 --count 20 --out /tmp/flyers
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np
import phonenumbers
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
BOLD_FONTS = [
    "NanumGothicBold.ttf",
    "NanumSquareB.ttf",
    "NanumBarunGothicBold.ttf",
    "NanumSquareRoundB.ttf",
    "NanumMyeongjoBold.ttf",
]
BODY_FONTS = [
    "NanumGothic.ttf",
    "NanumSquareR.ttf",
    "NanumBarunGothic.ttf",
    "NanumSquareRoundR.ttf",
    "NanumMyeongjo.ttf",
    "NanumGothicBold.ttf",
]
# Handwriting and brush styles (Debian fonts-nanum-extra): flyers written with a marker or
# brush, whose Hangul numerals under motion blur were the held-out set's largest group of
# misses while this generator printed every number in a print font (round 8).
HAND_FONTS = ["NanumPen.ttf", "NanumBrush.ttf"]
HAND_SHARE = 0.2  # of flyers, their numbers in a handwriting font
HAND_SHARE_HANGUL = 0.6  # of flyers with a number in Hangul numerals

# (paper, headline ink, body ink, number ink)
PALETTES = {
    "yellow": ((250, 222, 40), (210, 20, 20), (20, 20, 20), (200, 0, 0)),
    "yellow_black": ((255, 235, 60), (10, 10, 10), (40, 40, 40), (10, 10, 10)),
    "red": ((200, 25, 30), (255, 255, 255), (255, 240, 120), (255, 255, 255)),
    "red_yellow": ((215, 30, 40), (255, 230, 50), (255, 255, 255), (255, 230, 50)),
    "white": ((245, 245, 240), (220, 20, 40), (30, 30, 30), (20, 40, 160)),
    "white_black": ((250, 250, 250), (0, 0, 0), (50, 50, 50), (0, 0, 0)),
    "black": ((20, 20, 25), (255, 220, 0), (240, 240, 240), (255, 220, 0)),
    "black_pink": ((15, 10, 20), (255, 80, 170), (255, 255, 255), (255, 255, 255)),
    "pink": ((250, 170, 200), (120, 0, 60), (40, 0, 20), (150, 0, 40)),
}

HEADLINES = {
    "lending": [
        "급전 대출",
        "당일 대출",
        "무직자 대출",
        "신용불량자 OK",
        "일수 대출",
        "소액 대출",
        "300만원 즉시",
        "사채 상담",
    ],
    "obscene_adult": [
        "출장 안마",
        "24시 출장 마사지",
        "화끈한 만남",
        "애인 대행",
        "출장 전문",
        "20대 미녀",
        "조건 만남",
    ],
    "other": ["이사 전문", "에어컨 청소", "중고차 매입", "피아노 교습", "입주 청소", "치킨 배달"],
}
BODY = {
    "lending": [
        "신용 무관 당일 입금",
        "무방문 무서류 간편 대출",
        "주부 직장인 자영업자 환영",
        "비밀 보장 빠른 상담",
        "저금리 대환 가능",
        "이자 부담 없이",
    ],
    "obscene_adult": [
        "모텔 오피스텔 출장",
        "24시간 언제든지",
        "후불제 100% 만족",
        "최고의 서비스",
        "외로운 밤 연락주세요",
        "전 지역 30분 도착",
    ],
    "other": [
        "친절 정직 신속",
        "견적 무료 상담",
        "전 지역 방문",
        "20년 경력 전문가",
        "저렴한 가격 보장",
        "연중무휴 영업",
    ],
}
LABELS = ["", "", "☎ ", "TEL ", "문의 ", "상담 ", "전화 ", "Tel. ", "24시 "]

HANGUL_DIGITS = "공일이삼사오육칠팔구"
FULLWIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}

FORMATS = ["mobile", "voip", "personal", "uan", "fixed_line", "toll_free"]
FORMAT_WEIGHTS = [0.38, 0.14, 0.16, 0.12, 0.13, 0.07]
AREA_CODES = ["02", "031", "032", "033", "041", "042", "043", "051", "052", "053", "054"]
AREA_CODES += ["055", "061", "062", "063", "064"]
UAN_PREFIXES = ["1588", "1577", "1544", "1566", "1600", "1644", "1661", "1666", "1670"]
UAN_PREFIXES += ["1688", "1800", "1833", "1855", "1877", "1899", "1522", "1599"]

# Bump when the photos change, so cached sets are made again.
GENERATOR_VERSION = 3

PHOTO_SIZES = [(1600, 1200), (2016, 1512), (2592, 1944), (3264, 2448), (4000, 3000)]


@dataclass
class PrintedNumber:
    e164: str
    digits: str  # national digits, e.g. 01012345678
    printed: str  # as printed on the flyer
    fmt: str  # mobile / voip / personal / uan / fixed_line / toll_free
    style: str  # plain / hangul / fullwidth / lookalike
    separator: str
    sideways: bool = False
    font: str = ""


@dataclass
class PhotoTruth:
    file: str
    numbers: list[PrintedNumber] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    degradations: list[str] = field(default_factory=list)
    exif_orientation: int = 1
    size: tuple[int, int] = (0, 0)
    flyers: int = 1

    def e164s(self) -> set[str]:
        return {n.e164 for n in self.numbers}


# ---- numbers ----------------------------------------------------------------------------------


def _rand_digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_number(rng: random.Random, fmt: str) -> tuple[str, list[str]]:
    """National digits and their printed groups, for a number phonenumbers calls valid."""
    for _ in range(200):
        if fmt == "mobile":
            groups = ["010", rng.choice("23456789") + _rand_digits(rng, 3), _rand_digits(rng, 4)]
        elif fmt == "voip":
            groups = ["070", rng.choice("2345678") + _rand_digits(rng, 3), _rand_digits(rng, 4)]
        elif fmt == "personal":
            prefix = "050" + rng.choice("2345678")
            long_form = prefix in ("0504", "0505") and rng.random() < 0.7
            middle = _rand_digits(rng, 4 if long_form else 3)
            groups = [prefix, rng.choice("123456789") + middle[1:], _rand_digits(rng, 4)]
        elif fmt == "uan":
            groups = [rng.choice(UAN_PREFIXES), _rand_digits(rng, 4)]
        elif fmt == "fixed_line":
            area = rng.choice(AREA_CODES)
            middle = rng.choice("23456789") + _rand_digits(rng, rng.choice((2, 3)))
            groups = [area, middle, _rand_digits(rng, 4)]
        else:
            groups = ["080", rng.choice("2345678") + _rand_digits(rng, 2), _rand_digits(rng, 4)]
        digits = "".join(groups)
        parsed = phonenumbers.parse(digits, "KR")
        if phonenumbers.is_valid_number(parsed):
            return digits, groups
    raise RuntimeError(f"could not make a valid {fmt} number")


def print_number(rng: random.Random, groups: list[str]) -> tuple[str, str, str]:
    """How the groups are printed: (text, style, separator)."""
    separator = rng.choices(["-", ".", " ", ")", "-"], weights=[5, 2, 2, 1, 3])[0]
    if separator == ")" and len(groups) == 3:
        text = f"{groups[0]}){groups[1]}-{groups[2]}"
        if rng.random() < 0.5:
            text = f"({groups[0]}) {groups[1]}-{groups[2]}"
    else:
        separator = "-" if separator == ")" else separator
        text = separator.join(groups)
    roll = rng.random()
    if roll < 0.10:
        style = "hangul"
        text = "".join(HANGUL_DIGITS[int(c)] if c.isdigit() else c for c in text)
    elif roll < 0.16:
        style = "fullwidth"
        text = "".join(FULLWIDTH.get(c, c) for c in text)
    elif roll < 0.22:
        style = "lookalike"
        text = "".join(_lookalike(rng, c) for c in text)
    else:
        style = "plain"
    return text, style, separator


def _lookalike(rng: random.Random, ch: str) -> str:
    if ch == "0" and rng.random() < 0.6:
        return "O"
    if ch == "1" and rng.random() < 0.6:
        return rng.choice("lI")
    return ch


def distractor(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        brn = f"{rng.randint(101, 999)}-{_rand_digits(rng, 2)}-{_rand_digits(rng, 5)}"
        return f"사업자등록번호 {brn}"
    if kind == 1:
        bank = rng.choice(["국민", "신한", "우리", "농협", "하나"])
        acct = f"{_rand_digits(rng, 6)}-{_rand_digits(rng, 2)}-{_rand_digits(rng, 6)}"
        if rng.random() < 0.5:
            acct = f"{_rand_digits(rng, 3)}-{_rand_digits(rng, 3)}-{_rand_digits(rng, 6)}"
        return f"{bank} {acct}"
    if kind == 2:
        year = rng.randint(2020, 2025)
        return f"기간 {year}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
    if kind == 3:
        return f"월 {rng.randint(1, 99) * 100000:,}원"
    if kind == 4:
        return f"연 {rng.randint(5, 20)}.{rng.randint(0, 9)}% 한도 {rng.randint(1, 50)}00만원"
    district = rng.choice(["강남", "종로", "마포"])
    return f"등록번호 {rng.randint(2018, 2024)}-서울{district}-{_rand_digits(rng, 4)}"


# ---- one flyer --------------------------------------------------------------------------------


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _fit_font(
    draw: ImageDraw.ImageDraw, text: str, name: str, size: int, width: int
) -> ImageFont.FreeTypeFont:
    font = _font(name, size)
    while size > 12 and draw.textlength(text, font=font) > width:
        size = int(size * 0.9)
        font = _font(name, size)
    return font


def render_flyer(
    rng: random.Random, category: str, numbers: list[PrintedNumber]
) -> tuple[Image.Image, list[str]]:
    """A flat flyer image (RGB) and the distractor strings printed on it."""
    card = rng.random() < 0.5
    if card:
        w, h = 1000, 560
    else:
        w, h = 900, 1270
    palette_name = rng.choice(list(PALETTES))
    paper, head_ink, body_ink, num_ink = PALETTES[palette_name]
    img = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(img)
    margin = int(w * 0.06)
    sideways = [n for n in numbers if n.sideways]
    flat = [n for n in numbers if not n.sideways]
    # a strip on the right for sideways text
    usable_w = w - 2 * margin - (int(w * 0.12) if sideways else 0)
    if rng.random() < 0.4:
        border = rng.choice([head_ink, num_ink])
        draw.rectangle([8, 8, w - 9, h - 9], outline=border, width=rng.randint(4, 12))

    y = margin
    head_font = _fit_font(
        draw, "", rng.choice(BOLD_FONTS), int(h * (0.14 if card else 0.09)), usable_w
    )
    headline = rng.choice(HEADLINES[category])
    head_font = _fit_font(draw, headline, rng.choice(BOLD_FONTS), head_font.size, usable_w)
    draw.text((margin, y), headline, font=head_font, fill=head_ink)
    y += int(head_font.size * 1.3)

    distractors: list[str] = []
    body_lines = rng.sample(BODY[category], k=rng.randint(1, 2) if card else rng.randint(2, 4))
    n_distract = rng.choice([0, 1, 1, 2]) if card else rng.choice([1, 1, 2, 3])
    for _ in range(n_distract):
        text = distractor(rng)
        distractors.append(text)
        body_lines.insert(rng.randrange(len(body_lines) + 1), text)

    body_size = int(h * (0.065 if card else 0.04))
    num_size = int(h * (0.11 if card else 0.065))
    # lay the numbers between the body lines, mostly after them
    items: list[tuple[str, object]] = [("body", line) for line in body_lines]
    for number in flat:
        pos = len(items) if rng.random() < 0.7 else rng.randrange(len(items) + 1)
        items.insert(pos, ("number", number))
    space_needed = sum((num_size if kind == "number" else body_size) * 1.35 for kind, _ in items)
    scale = min(1.0, (h - y - margin) / max(space_needed, 1))
    body_font_name = rng.choice(BODY_FONTS)
    num_font_name = rng.choice(BOLD_FONTS)
    # decided by a generator of its own, seeded by the numbers, so that the flyers of a seed
    # stay the same photos as before except for the font of their numbers
    hand = random.Random("".join(n.digits for n in numbers))
    hangul = any(n.style == "hangul" for n in numbers)
    if hand.random() < (HAND_SHARE_HANGUL if hangul else HAND_SHARE):
        num_font_name = hand.choice(HAND_FONTS)
    for number in numbers:
        number.font = num_font_name
    for kind, item in items:
        if kind == "number":
            assert isinstance(item, PrintedNumber)
            label = rng.choice(LABELS)
            text = label + item.printed
            font = _fit_font(draw, text, num_font_name, max(14, int(num_size * scale)), usable_w)
            if rng.random() < 0.3:
                # a number on a contrasting band, as flyers often do
                band = body_ink if body_ink != paper else head_ink
                draw.rectangle(
                    [margin - 6, y - 4, margin + usable_w, y + int(font.size * 1.2)], fill=band
                )
                draw.text((margin, y), text, font=font, fill=paper)
            else:
                draw.text((margin, y), text, font=font, fill=num_ink)
            y += int(font.size * 1.35)
        else:
            assert isinstance(item, str)
            font = _fit_font(draw, item, body_font_name, max(12, int(body_size * scale)), usable_w)
            draw.text((margin, y), item, font=font, fill=body_ink)
            y += int(font.size * 1.35)

    for number in sideways:
        text = rng.choice(LABELS) + number.printed
        size = int(w * 0.075)
        font = _fit_font(draw, text, num_font_name, size, h - 2 * margin)
        strip_w = int(draw.textlength(text, font=font)) + 10
        strip = Image.new("RGB", (strip_w, int(size * 1.3)), paper)
        ImageDraw.Draw(strip).text((5, 0), text, font=font, fill=num_ink)
        strip = strip.rotate(rng.choice([90, 270]), expand=True)
        x0 = w - margin // 2 - strip.width
        y0 = max(margin // 2, (h - strip.height) // 2)
        img.paste(strip, (x0, y0))
    return img, distractors


# ---- the photo --------------------------------------------------------------------------------


def street_background(rng: random.Random, w: int, h: int) -> np.ndarray:
    """Asphalt / pavement texture: coloured noise at several scales plus a few cracks."""
    base = np.array(rng.choice([(90, 90, 95), (120, 115, 105), (70, 72, 70), (150, 140, 130)]))
    nprng = np.random.default_rng(rng.randrange(2**32))
    out = np.zeros((h, w, 3), np.float32) + base
    for scale, amp in ((64, 25), (16, 18), (4, 14), (1, 12)):
        small = nprng.normal(0, amp, (max(2, h // scale), max(2, w // scale), 1)).astype(np.float32)
        out += cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)[..., None]
    if rng.random() < 0.5:
        # paving-stone joints
        step = rng.randint(w // 12, w // 5)
        for x in range(rng.randrange(step), w, step):
            cv2.line(out, (x, 0), (x + rng.randint(-40, 40), h), (40, 40, 40), rng.randint(3, 9))
        for yy in range(rng.randrange(step), h, step):
            cv2.line(out, (0, yy), (w, yy + rng.randint(-40, 40)), (40, 40, 40), rng.randint(3, 9))
    return np.clip(out, 0, 255).astype(np.uint8)


def _place(
    rng: random.Random,
    photo: np.ndarray,
    flyer: Image.Image,
    area_fraction: float,
    angle: float,
    centre: tuple[float, float],
) -> None:
    """Warp the flyer onto the photo: scale, rotation, perspective, soft shadow."""
    ph, pw = photo.shape[:2]
    fw, fh = flyer.size
    scale = math.sqrt(area_fraction * pw * ph / (fw * fh))
    corners = np.array([[-fw / 2, -fh / 2], [fw / 2, -fh / 2], [fw / 2, fh / 2], [-fw / 2, fh / 2]])
    corners *= scale
    # perspective: shrink one side
    persp = rng.uniform(0, 0.18)
    side = rng.randrange(4)
    if side == 0:
        corners[0:2, 0] *= 1 - persp
    elif side == 1:
        corners[2:4, 0] *= 1 - persp
    elif side == 2:
        corners[[0, 3], 1] *= 1 - persp
    else:
        corners[[1, 2], 1] *= 1 - persp
    jitter = 0.03 * fw * scale
    corners += np.array([[rng.uniform(-jitter, jitter) for _ in range(2)] for _ in range(4)])
    theta = math.radians(angle)
    rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    dst = corners @ rot.T
    # the whole flyer stays in the frame (a cut-off number is not a fair ground truth)
    span = dst.max(axis=0) - dst.min(axis=0)
    fit = min(1.0, 0.96 * pw / span[0], 0.96 * ph / span[1])
    dst *= fit
    low = -dst.min(axis=0) + 0.02 * np.array([pw, ph])
    high = np.array([pw, ph]) * 0.98 - dst.max(axis=0)
    dst += np.clip(np.array(centre), low, np.maximum(low, high))
    src = np.array([[0, 0], [fw, 0], [fw, fh], [0, fh]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    flyer_arr = np.asarray(flyer)
    warped = cv2.warpPerspective(flyer_arr, matrix, (pw, ph), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(
        np.full((fh, fw), 255, np.uint8), matrix, (pw, ph), flags=cv2.INTER_LINEAR
    )
    shadow = cv2.GaussianBlur(mask, (0, 0), max(2.0, pw / 300))
    shadow_shift = np.roll(shadow, (int(pw / 200), int(pw / 200)), axis=(0, 1))
    photo[:] = (photo * (1 - 0.35 * shadow_shift[..., None] / 255)).astype(np.uint8)
    alpha = mask[..., None].astype(np.float32) / 255
    photo[:] = (warped * alpha + photo * (1 - alpha)).astype(np.uint8)


def _motion_kernel(length: int, angle: float) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    return kernel / max(kernel.sum(), 1e-6)


def degrade(rng: random.Random, photo: np.ndarray, applied: list[str]) -> np.ndarray:
    h, w = photo.shape[:2]
    ref = w / 2000  # blur in pixels scales with the photo
    out = photo.astype(np.float32)
    if rng.random() < 0.35:
        sigma = rng.uniform(0.8, 2.2) * ref
        out = cv2.GaussianBlur(out, (0, 0), sigma)
        applied.append("gaussian_blur")
    if rng.random() < 0.25:
        length = max(3, int(rng.uniform(4, 11) * ref))
        out = cv2.filter2D(out, -1, _motion_kernel(length, rng.uniform(0, 180)))
        applied.append("motion_blur")
    if rng.random() < 0.3:
        out *= rng.uniform(0.35, 0.6)
        applied.append("dim")
    if rng.random() < 0.35:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / math.hypot(w, h)
        light = 1.15 - rng.uniform(0.7, 1.1) * dist
        out *= np.clip(light, 0.25, 1.2)[..., None]
        applied.append("uneven_light")
    if rng.random() < 0.5:
        nprng = np.random.default_rng(rng.randrange(2**32))
        out += nprng.normal(0, rng.uniform(3, 9), out.shape).astype(np.float32)
        applied.append("noise")
    # a colour cast from street lights or shade
    cast = np.array([rng.uniform(0.9, 1.08) for _ in range(3)], np.float32)
    out *= cast
    return np.clip(out, 0, 255).astype(np.uint8)


def make_photo(rng: random.Random, name: str) -> tuple[bytes, PhotoTruth]:
    w, h = rng.choice(PHOTO_SIZES)
    if rng.random() < 0.3:
        w, h = h, w  # portrait
    truth = PhotoTruth(file=name, size=(w, h))
    photo = street_background(rng, w, h)
    roll = rng.random()
    n_flyers = 0 if roll < 0.05 else (2 if roll < 0.17 else 1)
    truth.flyers = n_flyers
    if n_flyers == 0:
        truth.degradations.append("no_flyer")
    if n_flyers == 2:
        truth.degradations.append("two_flyers")
    used: set[str] = set()
    for k in range(n_flyers):
        category = rng.choice(["lending", "lending", "obscene_adult", "obscene_adult", "other"])
        truth.categories.append(category)
        numbers: list[PrintedNumber] = []
        for _ in range(rng.choices([1, 2, 3], weights=[5, 3, 2])[0]):
            fmt = rng.choices(FORMATS, weights=FORMAT_WEIGHTS)[0]
            digits, groups = make_number(rng, fmt)
            if digits in used:
                continue
            used.add(digits)
            printed, style, sep = print_number(rng, groups)
            e164 = phonenumbers.format_number(
                phonenumbers.parse(digits, "KR"), phonenumbers.PhoneNumberFormat.E164
            )
            numbers.append(PrintedNumber(e164, digits, printed, fmt, style, sep))
        if numbers and rng.random() < 0.12:
            numbers[-1].sideways = True
            truth.degradations.append("sideways_text")
        flyer, distractors = render_flyer(rng, category, numbers)
        truth.numbers.extend(numbers)
        truth.distractors.extend(distractors)
        if n_flyers == 1:
            area = rng.uniform(0.12, 0.55)
            centre = (w * rng.uniform(0.35, 0.65), h * rng.uniform(0.35, 0.65))
        else:
            area = rng.uniform(0.1, 0.22)
            x = w * (0.28 + 0.44 * k + rng.uniform(-0.05, 0.05))
            centre = (x, h * rng.uniform(0.35, 0.65))
        angle = rng.uniform(-35, 35) if rng.random() < 0.75 else rng.uniform(-8, 8)
        if abs(angle) > 20:
            truth.degradations.append("rotated_20_35")
        _place(rng, photo, flyer, area, angle, centre)
        if area < 0.2:
            truth.degradations.append("small_flyer")
    photo = degrade(rng, photo, truth.degradations)
    img = Image.fromarray(photo)
    orientation = rng.choices([1, 3, 6, 8], weights=[7, 1, 1, 1])[0]
    exif = Image.Exif()
    exif[0x010F] = "SyntheticCam"  # Make
    exif[0x0110] = "Flyer-1"  # Model
    if orientation != 1:
        # store the pixels the way a phone held sideways does; the tag says how to turn them
        inverse = {
            3: Image.Transpose.ROTATE_180,
            6: Image.Transpose.ROTATE_90,
            8: Image.Transpose.ROTATE_270,
        }
        img = img.transpose(inverse[orientation])
        exif[0x0112] = orientation
        truth.degradations.append(f"exif_{orientation}")
    truth.exif_orientation = orientation
    quality = rng.randint(70, 95)
    if quality < 78:
        truth.degradations.append("jpeg_70_77")
    if max(w, h) >= 3264:
        truth.degradations.append("large_8_12mp")
    if not truth.degradations:
        truth.degradations.append("clean")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, exif=exif)
    return buf.getvalue(), truth


def generate(out: Path, seed: int, count: int) -> list[PhotoTruth]:
    """Write `count` photos and truth.json into `out`; reuse them when already there."""
    out.mkdir(parents=True, exist_ok=True)
    truth_path = out / "truth.json"
    if truth_path.exists():
        stored = json.loads(truth_path.read_text())
        wanted = (seed, count, GENERATOR_VERSION)
        if (stored.get("seed"), stored.get("count"), stored.get("version")) == wanted:
            return [_truth_from_dict(t) for t in stored["photos"]]
    truths: list[PhotoTruth] = []
    for i in range(count):
        rng = random.Random(seed * 1_000_003 + i)
        name = f"flyer_{seed}_{i:04d}.jpg"
        data, truth = make_photo(rng, name)
        (out / name).write_bytes(data)
        truths.append(truth)
    truth_path.write_text(
        json.dumps(
            {
                "seed": seed,
                "count": count,
                "version": GENERATOR_VERSION,
                "photos": [asdict(t) for t in truths],
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return truths


def _truth_from_dict(data: dict[str, object]) -> PhotoTruth:
    raw_numbers = data.pop("numbers")
    assert isinstance(raw_numbers, list)
    truth = PhotoTruth(**data)  # type: ignore[arg-type]
    truth.numbers = [PrintedNumber(**n) for n in raw_numbers]
    truth.size = (int(truth.size[0]), int(truth.size[1]))
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    truths = generate(args.out, args.seed, args.count)
    print(f"{len(truths)} photos, {sum(len(t.numbers) for t in truths)} numbers in {args.out}")


if __name__ == "__main__":
    main()
