"""The PP-OCR text detector and recogniser shipped inside the rapidocr-onnxruntime wheel.

Nothing is downloaded: the ONNX files are package data of that wheel (pinned in pyproject.toml;
rapidocr 3.x fetches other models from the network at run time, so it is not used). Each
session runs on one thread: the batch runs one worker process per core, which measured faster
than threads inside one process and keeps Tesseract's own OpenMP out of the way.

The recogniser is the Chinese/Latin one: it reads digits, Latin letters and separators well and
returns little or nothing for Hangul, which is how the pipeline knows to ask Tesseract.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from forensics_app.ocr.errors import OcrEngineError

DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"
REC_HEIGHT = 48


@dataclass(frozen=True)
class Recognised:
    text: str
    score: float  # mean probability of the characters read, 0..1


def _model_dir() -> Path:
    try:
        root = importlib.resources.files("rapidocr_onnxruntime")
    except ModuleNotFoundError as exc:
        raise OcrEngineError(
            "The OCR models are missing: install the rapidocr-onnxruntime package."
        ) from exc
    return Path(str(root)) / "models"


class Engine:
    """Detector + recogniser, created once per process (loading takes ~0.3 s)."""

    def __init__(self, threads: int = 1) -> None:
        from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer

        models = _model_dir()
        common: dict[str, Any] = {
            "intra_op_num_threads": threads,
            "inter_op_num_threads": 1,
        }
        self._det = TextDetector(
            {
                **common,
                "model_path": str(models / DET_MODEL),
                # With "max", rapidocr keeps images under 1500 px as they are (rounded to
                # multiples of 32); the pipeline resizes before detection.
                "limit_side_len": 1500,
                "limit_type": "max",
                "mean": [0.5, 0.5, 0.5],
                "std": [0.5, 0.5, 0.5],
                "thresh": 0.3,
                "box_thresh": 0.5,
                "max_candidates": 1000,
                # a wider margin than PP-OCR's 1.6: a first digit cut off by a tight box
                # turns 1566-… into 566-…
                "unclip_ratio": 1.8,
                "use_dilation": True,
                "score_mode": "fast",
            }
        )
        self._rec = TextRecognizer(
            {
                **common,
                "model_path": str(models / REC_MODEL),
                "rec_img_shape": [3, REC_HEIGHT, 320],
                "rec_batch_num": 8,
            }
        )

    def detect(self, image_bgr: np.ndarray) -> list[np.ndarray]:
        """Text line quadrilaterals (4×2 float32, clockwise from top-left) in image pixels."""
        boxes, _ = self._det(image_bgr)
        if boxes is None or len(boxes) == 0:
            return []
        return [np.asarray(box, dtype=np.float32) for box in boxes]

    def recognise(self, crops_bgr: list[np.ndarray]) -> list[Recognised]:
        if not crops_bgr:
            return []
        results, _ = self._rec(crops_bgr)
        return [Recognised(str(text), float(score)) for text, score in results]


@functools.cache
def engine() -> Engine:
    return Engine()
