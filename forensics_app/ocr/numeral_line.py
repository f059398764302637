"""Our own line recogniser for phone numbers printed in Hangul numerals (issue 9, round 14).

Tesseract's `kor` model reads blurred or handwriting-style numerals one stroke off (`쿠` for 구,
`살` for 삼) and cannot be fine-tuned (an int model); a per-glyph classifier failed on cutting
the line into glyphs. This is a small CRNN with CTC trained by us on whole lines over a closed
alphabet: the Hangul numerals, digits, the separators and space, and one class (OTHER) for any
other glyph. The model (resources/ocr/numeral_line.onnx, ~1 MB) was trained by
benchmarks/train_numeral_line.py on rendered lines in fonts the held-out flyers do not use; it
runs with onnxruntime, on the few line crops the pipeline chooses (lines Tesseract read as
numerals that make no number), never on the whole photo.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from pathlib import Path

import cv2
import numpy as np

from forensics_app.ocr.engine import Recognised
from forensics_app.ocr.errors import OcrEngineError
from forensics_app.ocr.tesseract import grey_text

ALPHABET = "공영일이삼사오육칠팔구빵0123456789-.()~ #"
OTHER = "#"  # any glyph outside the alphabet (a label beside the number)
HEIGHT = 32
STRIDE = 4  # the model's output step, in input pixels
MODEL = "numeral_line.onnx"
MAX_WIDTH = 2400  # input pixels: longer crops are not number lines


def model_path() -> Path:
    return Path(str(importlib.resources.files("forensics_app.resources"))) / "ocr" / MODEL


def prepare(crop: np.ndarray) -> np.ndarray:
    """A line crop (BGR, or grey dark text on light) as the model takes it: grey levels
    stretched, dark text on light, 0..1, HEIGHT px high."""
    grey = grey_text(crop) if crop.ndim == 3 else crop
    width = max(STRIDE, min(MAX_WIDTH, round(grey.shape[1] * HEIGHT / max(grey.shape[0], 1))))
    resized = cv2.resize(grey, (width, HEIGHT), interpolation=cv2.INTER_AREA)
    low, high = float(resized.min()), float(resized.max())
    return ((resized.astype(np.float32) - low) / max(high - low, 1.0)).astype(np.float32)


def decode(probs: np.ndarray) -> tuple[str, list[float], list[int]]:
    """Greedy CTC decoding of one line's (steps × classes) probabilities: the text, each
    character's probability (its best step's) and the step it was read at."""
    best = probs.argmax(axis=1)
    text: list[str] = []
    probabilities: list[float] = []
    steps: list[int] = []
    previous = 0
    for step, cls in enumerate(best):
        if cls not in (0, previous):
            text.append(ALPHABET[cls - 1])
            probabilities.append(float(probs[step, cls]))
            steps.append(step)
        elif cls != 0 and cls == previous:
            probabilities[-1] = max(probabilities[-1], float(probs[step, cls]))
        previous = cls
    return "".join(text), probabilities, steps


class NumeralLineReader:
    """The exported model in an onnxruntime session (one thread, like the engine's)."""

    def __init__(self, path: Path | None = None) -> None:
        import onnxruntime as ort  # type: ignore[import-untyped]

        path = path or model_path()
        if not path.is_file():
            raise OcrEngineError(
                "The numeral line model is missing: {name} (reinstall the application).",
                name=path.name,
            )
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own exception types for bad files
            raise OcrEngineError(
                "The numeral line model cannot be loaded: {name} is damaged "
                "(reinstall the application).",
                name=path.name,
            ) from exc

    def read(self, crops: list[np.ndarray]) -> list[Recognised]:
        """Each crop's reading: the alphabet's characters, OTHER glyphs as `#` (see
        `_labels_apart`), with each character's place in the crop and probability."""
        out: list[Recognised] = []
        for crop in crops:
            image = prepare(crop)
            logits = self._session.run(None, {"image": image[None, None]})[0][0]
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            probs = exp / exp.sum(axis=1, keepdims=True)
            text, probabilities, steps = decode(probs)
            text = _labels_apart(text)
            scale = crop.shape[1] / image.shape[1]
            positions = tuple((s + 0.5) * STRIDE * scale for s in steps)
            score = float(np.mean(probabilities)) if probabilities else 0.0
            out.append(Recognised(text, score, positions, tuple(probabilities)))
        return out


def _labels_apart(text: str) -> str:
    """OTHER glyphs at the line's ends or beside a space are a label (`TEL`, `상담:`): spaces,
    so the numerals after them make a number (`###공일공-…` makes none, glued to the label).
    Between numerals an OTHER glyph stays `#`: a glyph the model could not place, which must
    break the number rather than drop a digit from it. Same length: places stay aligned."""
    return re.sub(
        rf"^{OTHER}+|{OTHER}+$|(?<= ){OTHER}+|{OTHER}+(?= )",
        lambda m: " " * len(m.group()),
        text,
    )


@functools.cache
def reader() -> NumeralLineReader:
    """One reader per process (loading takes a few milliseconds)."""
    return NumeralLineReader()
