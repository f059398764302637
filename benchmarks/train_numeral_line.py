"""Train the line recogniser for phone numbers in Hangul numerals (resources/ocr/numeral_line.onnx).

A small CRNN (convolutions, one bidirectional LSTM) with CTC loss, over a closed alphabet: the
Hangul numerals, digits, the separators `- . ( ) ~` and space, and one class for any other
glyph (a label such as `TEL` or `상담` beside the number), so the model learns to say "not a
numeral" instead of forcing one. Trained on lines rendered here with Pillow, in the fonts of
the TUNING flyer generator (Nanum, fonts-nanum-extra) and other Debian Korean fonts
(fonts-noto-cjk, fonts-alee, fonts-lexi-*); never Un or Baekmuk, which the held-out generator
prints with, so the held-out flyers stay untuned-on. Each line is degraded as photos of
flyers are (blur, motion blur, noise, JPEG, a few degrees of rotation and perspective, stroke
weight, colours) and then prepared exactly as the pipeline prepares a line crop for it
(forensics_app.ocr.numeral_line.prepare), sometimes binarised or deblurred first, as the
pipeline's crops are.

torch is needed for training only (the `[train]` extra); the product runs the exported ONNX
file with onnxruntime. Seeded (lines, weights, batches); torch's CPU arithmetic may still
differ with its version and thread count, so a rerun is checked by its figures, not its bytes.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python -m benchmarks.train_numeral_line --samples 24000 --epochs 5

The shipped model is that run whole (24,000 lines, 2,500 steps of 48, the full one-cycle
schedule; 21 minutes on a two-core machine with one other job): it reads 81.5 % of the heavily
degraded validation lines whole. (The first model adopted was a 16,000-line run cut at its third
epoch for time, `--stop-after 3`: 67 %.)
"""

from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from forensics_app.ocr.deblur import deblur_crop
from forensics_app.ocr.numeral_line import ALPHABET, HEIGHT, OTHER, prepare
from forensics_app.ocr.tesseract import binarise

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/truetype/alee"),
    Path("/usr/share/fonts/truetype/lexi"),
    Path("/usr/share/fonts/opentype/noto"),
)
# The held-out generator's fonts: never trained on.
FORBIDDEN = ("unfonts", "baekmuk", "/Un")
NOT_FOR_NUMBERS = ("YetHangul", "Coding")  # old-Hangul and monospace faces: no flyer uses them
NUMERALS = "공일이삼사오육칠팔구"
ZEROS = "공공공공영빵"
LABELS = [
    "TEL", "T.", "Tel.", "HP", "H.P", "M", "F", "☎", "문의", "상담", "전화", "대표", "연락처",
    "대출", "급전", "24시", "직통", "FAX", "핸드폰", "카톡", "365일", "무료", "No.",
]  # fmt: skip


def fonts() -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for folder in FONT_DIRS:
        for path in sorted(folder.glob("*.tt[fc]")):
            name = str(path)
            if any(bad in name for bad in FORBIDDEN) or any(n in name for n in NOT_FOR_NUMBERS):
                continue
            # index 1 of Noto's collections is the Korean face (the Hangul glyphs are shared)
            out.append((name, 1 if path.suffix == ".ttc" else 0))
    return out


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _groups(rng: random.Random) -> list[str]:
    kind = rng.random()
    if kind < 0.45:
        return ["010", rng.choice("23456789") + _digits(rng, 3), _digits(rng, 4)]
    if kind < 0.55:
        return [rng.choice(["070", "0502", "0505", "080"]), _digits(rng, 4), _digits(rng, 4)]
    if kind < 0.7:
        prefix = rng.choice(["1588", "1577", "1644", "1566", "1599", "1661", "1800"])
        return [prefix, _digits(rng, 4)]
    area = rng.choice(["02", "031", "032", "041", "051", "053", "062", "064"])
    return [area, rng.choice("23456789") + _digits(rng, rng.choice((2, 3))), _digits(rng, 4)]


def _numeral(rng: random.Random, digit: str, style: str) -> str:
    if style == "digits" or (style == "mixed" and rng.random() < 0.5):
        return digit
    if digit == "0":
        return rng.choice(ZEROS)
    return NUMERALS[int(digit)]


def line_text(rng: random.Random) -> str:
    """A number line as flyers print them, in the alphabet (other glyphs kept as they are)."""
    style = rng.choices(["hangul", "digits", "mixed"], weights=[7, 2, 1])[0]
    groups = ["".join(_numeral(rng, d, style) for d in g) for g in _groups(rng)]
    sep = rng.choices(["-", ".", " ", "~", "  ", " - "], weights=[8, 2, 2, 1, 1, 1])[0]
    if len(groups) == 3 and rng.random() < 0.12:
        text = f"({groups[0]}) {groups[1]}-{groups[2]}"
    elif len(groups) == 3 and rng.random() < 0.05:
        text = f"{groups[0]}){groups[1]}-{groups[2]}"
    else:
        text = sep.join(groups)
    if rng.random() < 0.1:  # a number cut short by the detector: a piece
        cut = rng.randrange(3, len(text))
        text = text[:cut] if rng.random() < 0.5 else text[-cut:]
    if rng.random() < 0.3:
        text = rng.choice(LABELS) + rng.choice([" ", " ", ":", ". ", ""]) + text
    if rng.random() < 0.1:
        text += " " + rng.choice(LABELS)
    return text.strip()


def label_of(text: str) -> str:
    """The text as the model is taught it: other glyphs one OTHER each, spaces single."""
    out = "".join(ch if ch in ALPHABET else OTHER for ch in text)
    return " ".join(out.split())


def _ink_and_paper(rng: random.Random) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    dark = tuple(rng.randrange(0, 110) for _ in range(3))
    light = tuple(rng.randrange(150, 256) for _ in range(3))
    if rng.random() < 0.15:  # coloured ink on coloured paper (red on yellow, white on red)
        dark = (rng.randrange(120, 220), rng.randrange(0, 60), rng.randrange(0, 60))
    pair = (dark, light)
    return pair if rng.random() < 0.75 else (light, dark)


def _motion(length: float, angle: float) -> np.ndarray:
    size = max(3, math.ceil(length) | 1)
    k = np.zeros((size, size), np.float32)
    k[size // 2, :] = 1
    rot = cv2.getRotationMatrix2D((size / 2 - 0.5, size / 2 - 0.5), angle, 1)
    k = cv2.warpAffine(k, rot, (size, size))
    return k / max(float(k.sum()), 1e-6)


def render(rng: random.Random, text: str, font_list: list[tuple[str, int]]) -> np.ndarray:
    """The line as the pipeline would crop it from a photo: BGR, 48 px high."""
    path, index = rng.choice(font_list)
    size = rng.randrange(40, 72)
    font = ImageFont.truetype(path, size, index=index)
    ink, paper = _ink_and_paper(rng)
    track = rng.choice([0.0, 0.0, rng.uniform(-0.05, 0.15), rng.uniform(0.15, 0.6)]) * size
    stroke = rng.choice([0, 0, 0, 1, 2]) if size > 50 else 0
    widths = [font.getlength(ch) for ch in text]
    total = int(sum(widths) + track * len(text) + size * 2)
    canvas = Image.new("RGB", (total, int(size * 2.4)), paper)
    draw = ImageDraw.Draw(canvas)
    x, y = size * 1.0, size * 0.6
    for ch, w in zip(text, widths, strict=True):
        draw.text((x, y), ch, font=font, fill=ink, stroke_width=stroke, stroke_fill=ink)
        x += w + track
    image = np.asarray(canvas)[:, :, ::-1].astype(np.float32)
    h, w = image.shape[:2]
    # a few degrees of rotation, shear and perspective
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = size * 0.12
    dst = src + np.float32([[rng.uniform(-jitter, jitter) for _ in range(2)] for _ in range(4)])
    shear = rng.uniform(-0.2, 0.2) * h
    dst[0, 0] += shear
    dst[1, 0] += shear
    angle = rng.uniform(-3, 3)
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1)
    dst = cv2.transform(dst.reshape(1, 4, 2), rot)[0]
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    image = cv2.warpPerspective(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    blur_along = 0.0
    if rng.random() < 0.35:
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.5, 0.08 * size))
    if rng.random() < 0.4:
        blur_along = rng.uniform(0.05, 0.35) * size
        blur_angle = rng.choice([rng.uniform(-20, 20), rng.uniform(0, 180)])
        image = cv2.filter2D(image, -1, _motion(blur_along, blur_angle))
        blur_along = blur_along * math.cos(math.radians(blur_angle))
    # the detector's box: the ink's extent, with a margin of 0.2-0.6 heights
    mask = cv2.warpPerspective(
        np.asarray(
            _ink_mask(text, font, track, stroke, canvas.size, (size * 1.0, size * 0.6)), np.uint8
        ),
        matrix,
        (w, h),
    )
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        ys, xs = np.array([0, h - 1]), np.array([0, w - 1])
    text_h = max(int(ys.max() - ys.min()), 8)
    top = max(0, int(ys.min() - rng.uniform(0.1, 0.45) * text_h))
    bottom = min(h, int(ys.max() + rng.uniform(0.1, 0.45) * text_h))
    left = max(0, int(xs.min() - rng.uniform(0.1, 0.8) * text_h))
    right = min(w, int(xs.max() + rng.uniform(0.1, 0.8) * text_h))
    crop = image[top:bottom, left:right]
    # light, noise, then the camera's JPEG
    crop = crop * rng.uniform(0.5, 1.1) + rng.uniform(-20, 20)
    if rng.random() < 0.6:
        crop = crop + np.random.default_rng(rng.randrange(2**32)).normal(
            0, rng.uniform(2, 14), crop.shape
        )
    crop = np.clip(crop, 0, 255).astype(np.uint8)
    scale = 48 / crop.shape[0]
    width = max(8, round(crop.shape[1] * scale))
    crop = cv2.resize(crop, (width, 48), interpolation=cv2.INTER_AREA)
    if rng.random() < 0.7:
        _, buf = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, rng.randrange(25, 95)])
        crop = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return _as_fed(rng, crop, blur_along * scale)


def _as_fed(rng: random.Random, crop: np.ndarray, blur_along: float) -> np.ndarray:
    """The crop as the pipeline may hand it over: as cut, binarised, or deblurred."""
    form = rng.random()
    if form < 0.2:
        return cv2.cvtColor(binarise(crop), cv2.COLOR_GRAY2BGR)
    if form < 0.35 and blur_along > 3:
        # the pipeline's deblurred crop, with the blur as its estimate would have it
        grey = prepare_grey(crop)
        sharper = deblur_crop(grey, blur_along * rng.uniform(0.85, 1.15), 0.0)
        if sharper is not None:
            return cv2.cvtColor(sharper, cv2.COLOR_GRAY2BGR)
    return crop


def prepare_grey(crop: np.ndarray) -> np.ndarray:
    from forensics_app.ocr.tesseract import grey_text

    return grey_text(crop)


def _ink_mask(
    text: str,
    font: ImageFont.FreeTypeFont,
    track: float,
    stroke: int,
    size: tuple[int, int],
    origin: tuple[float, float],
) -> Image.Image:
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    x, y = origin
    for ch in text:
        draw.text((x, y), ch, font=font, fill=255, stroke_width=stroke, stroke_fill=255)
        x += font.getlength(ch) + track
    return mask


def make_set(seed: int, count: int) -> list[tuple[np.ndarray, list[int]]]:
    rng = random.Random(seed)
    font_list = fonts()
    out = []
    for _ in range(count):
        text = line_text(rng)
        image = prepare(render(rng, text, font_list))
        out.append((image, [ALPHABET.index(ch) + 1 for ch in label_of(text)]))
    return out


def _make_set_args(args: tuple[int, int]) -> list[tuple[np.ndarray, list[int]]]:
    return make_set(*args)


def main() -> None:
    import torch
    from torch import nn

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("resources/ocr/numeral_line.onnx"))
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--samples", type=int, default=40000)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=0, help="stop training after this long")
    parser.add_argument(
        "--stop-after", type=int, default=0, help="stop after this many epochs (schedule unchanged)"
    )
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    # one thread for the model: on a shared machine two OpenMP threads waited on each other
    # (a batch took 1.6-2.2 s with two, 0.9-1.3 s with one); the other renders
    torch.set_num_threads(1)
    started = time.time()
    from multiprocessing import Pool

    chunks = [(args.seed * 1000 + i, args.samples // 20) for i in range(20)]
    with Pool(args.threads) as pool:
        data = [item for part in pool.map(_make_set_args, chunks) for item in part]
    valid = make_set(args.seed * 1000 + 999, 600)
    print(f"rendered {len(data)} lines in {time.time() - started:.0f} s", flush=True)

    model = CRNN(len(ALPHABET) + 1)
    print(f"{sum(p.numel() for p in model.parameters())} parameters", flush=True)
    optimiser = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    batch = 48
    steps = args.epochs * (len(data) // batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, 2e-3, total_steps=steps)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    order = random.Random(args.seed)
    step = 0
    for epoch in range(args.epochs):
        indices = list(range(len(data)))
        order.shuffle(indices)
        # similar widths together: less padding
        chunks_ = [indices[i : i + batch * 20] for i in range(0, len(indices), batch * 20)]
        batches = []
        for chunk in chunks_:
            chunk.sort(key=lambda i: data[i][0].shape[1])
            batches += [chunk[i : i + batch] for i in range(0, len(chunk), batch)]
        order.shuffle(batches)
        model.train()
        total = 0.0
        for b in batches:
            images, lengths, targets, target_lengths = _batch([data[i] for i in b])
            logits = model(torch.from_numpy(images))  # B, T, C
            log_probs = logits.log_softmax(2).permute(1, 0, 2)
            loss = ctc(
                log_probs,
                torch.tensor(targets),
                torch.tensor(lengths),
                torch.tensor(target_lengths),
            )
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            if step < steps - 1:
                schedule.step()
            step += 1
            total += float(loss)
            if args.minutes and time.time() - started > args.minutes * 60:
                break
        right = _evaluate(model, valid)
        print(
            f"epoch {epoch}: loss {total / len(batches):.3f}, valid lines right "
            f"{right:.3f}, {time.time() - started:.0f} s",
            flush=True,
        )
        _export(model, args.out)
        if args.stop_after and epoch + 1 >= args.stop_after:
            break
        if args.minutes and time.time() - started > args.minutes * 60:
            break
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


def _export(model, out: Path) -> None:  # type: ignore[no-untyped-def]
    import torch

    model.eval()
    out.parent.mkdir(parents=True, exist_ok=True)
    dummy = torch.zeros(1, 1, HEIGHT, 200)
    torch.onnx.export(
        model,
        (dummy,),
        str(out),
        input_names=["image"],
        output_names=["logits"],
        dynamic_axes={"image": {0: "batch", 3: "width"}, "logits": {0: "batch", 1: "steps"}},
        opset_version=17,
        dynamo=False,
    )
    model.train()


def _batch(
    items: list[tuple[np.ndarray, list[int]]],
) -> tuple[np.ndarray, list[int], list[int], list[int]]:
    width = max(img.shape[1] for img, _ in items)
    width += (-width) % 4
    images = np.ones((len(items), 1, HEIGHT, width), np.float32)
    lengths, targets, target_lengths = [], [], []
    for i, (img, label) in enumerate(items):
        images[i, 0, :, : img.shape[1]] = img
        lengths.append(width // 4)
        targets += label
        target_lengths.append(len(label))
    return images, lengths, targets, target_lengths


def _evaluate(model, valid) -> float:  # type: ignore[no-untyped-def]
    import torch

    from forensics_app.ocr.numeral_line import decode

    model.eval()
    right = 0
    with torch.no_grad():
        for img, label in valid:
            logits = model(torch.from_numpy(img[None, None].astype(np.float32)))
            probs = logits.softmax(2)[0].numpy()
            text, _, _ = decode(probs)
            right += text == "".join(ALPHABET[i - 1] for i in label)
    model.train()
    return right / len(valid)


def _crnn_class():  # type: ignore[no-untyped-def]
    from torch import nn

    def block(cin: int, cout: int) -> list[nn.Module]:
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]

    class CRNN(nn.Module):
        def __init__(self, classes: int) -> None:
            super().__init__()
            self.cnn = nn.Sequential(
                *block(1, 16),
                nn.MaxPool2d(2),  # 16 high
                *block(16, 32),
                nn.MaxPool2d(2),  # 8 high, a step every 4 px
                *block(32, 64),
                *block(64, 64),
                nn.MaxPool2d((2, 1)),  # 4 high
                *block(64, 96),
                nn.MaxPool2d((4, 1)),  # 1 high
            )
            self.rnn = nn.LSTM(96, 80, bidirectional=True, batch_first=True)
            self.fc = nn.Linear(160, classes)

        def forward(self, x):  # type: ignore[no-untyped-def]
            x = (x - 0.5) / 0.5
            f = self.cnn(x).squeeze(2).permute(0, 2, 1)  # B, T, 128
            f, _ = self.rnn(f)
            return self.fc(f)

    return CRNN


def CRNN(classes: int):  # type: ignore[no-untyped-def]
    return _crnn_class()(classes)


if __name__ == "__main__":
    main()
