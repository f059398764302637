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
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from forensics_app.ocr.errors import OcrEngineError

DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"
REC_HEIGHT = 48


@dataclass(frozen=True)
class Recognised:
    text: str
    score: float  # mean probability of the characters read, 0..1
    # where each character of `text` was read: x of its centre in the crop, in pixels
    # (empty for reads that do not come from the recogniser)
    positions: tuple[float, ...] = ()
    # the recogniser's probability of each character of `text` (empty for other readers): a
    # misread digit in a well-read line shows here, not in the line's mean
    probabilities: tuple[float, ...] = ()


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
        """Text line quadrilaterals (4×2 float32, clockwise from top-left) in image pixels.

        PP-OCR's own post-processing boxes each text region with one rotated rectangle, and
        drops the region when the rectangle is mostly background: the whole line of a curled
        receipt or flyer (`TEL:041)551-2480` on a bent slip) vanished that way. A region that
        fills its rectangle poorly is cut along its length into overlapping pieces, each
        nearly straight and long enough to hold a whole phone number.
        """
        h, w = image_bgr.shape[:2]
        prepared = self._det.get_preprocess(max(h, w))(image_bgr)
        if prepared is None:
            return []
        probability = self._det.infer(prepared)[0][0, 0]
        post = self._det.postprocess_op
        mask = cv2.dilate((probability > post.thresh).astype(np.uint8), np.ones((2, 2), np.uint8))
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        scale = np.array([w / probability.shape[1], h / probability.shape[0]], np.float32)
        quads: list[np.ndarray] = []
        for contour in contours[: post.max_candidates]:
            for points in _regions(contour, probability.shape):
                rect = cv2.minAreaRect(points)
                if min(rect[1]) < post.min_size:
                    continue
                box = cv2.boxPoints(rect)
                if _mean_inside(probability, points) < post.box_thresh:
                    continue
                grown, short = post.get_mini_boxes(post.unclip(box).reshape(-1, 1, 2))
                if short < post.min_size + 2:
                    continue
                quad = np.asarray(grown, np.float32) * scale
                quad[:, 0] = np.clip(quad[:, 0], 0, w)
                quad[:, 1] = np.clip(quad[:, 1], 0, h)
                quads.append(_clockwise(quad))
        return quads

    def recognise(self, crops_bgr: list[np.ndarray]) -> list[Recognised]:
        """Text, score and each character's position, per crop.

        rapidocr's own call gives text and score only; the CTC decoding is done here (argmax
        per time step, repeats and blanks dropped, as rapidocr does) to keep where each
        character was read: the pipeline finds from it the stretches of a line the
        recogniser could not read (Hangul) and hands them to Tesseract."""
        if not crops_bgr:
            return []
        rec = self._rec
        characters = rec.postprocess_op.character
        order = np.argsort([c.shape[1] / max(c.shape[0], 1) for c in crops_bgr])
        out: list[Recognised] = [Recognised("", 0.0)] * len(crops_bgr)
        for begin in range(0, len(order), rec.rec_batch_num):
            batch = order[begin : begin + rec.rec_batch_num]
            _, height, width = rec.rec_image_shape[:3]
            widest = max(
                width / height, *(crops_bgr[i].shape[1] / crops_bgr[i].shape[0] for i in batch)
            )
            images = np.concatenate(
                [rec.resize_norm_img(crops_bgr[i], widest)[np.newaxis, :] for i in batch]
            ).astype(np.float32)
            predictions = rec.session(images)[0]
            padded = images.shape[3]
            for row, index in enumerate(batch):
                crop = crops_bgr[index]
                resized = min(padded, math.ceil(height * crop.shape[1] / crop.shape[0]))
                best = predictions[row].argmax(axis=1)
                probability = predictions[row].max(axis=1)
                keep = best != 0
                keep[1:] &= best[1:] != best[:-1]
                steps = np.nonzero(keep)[0]
                # a time step covers padded / steps pixels of the resized crop
                step_px = padded / predictions.shape[1] * crop.shape[1] / max(resized, 1)
                out[index] = Recognised(
                    "".join(characters[best[t]] for t in steps),
                    float(probability[steps].mean()) if len(steps) else 0.0,
                    tuple(float((t + 0.5) * step_px) for t in steps),
                    tuple(round(float(p), 4) for p in probability[steps]),
                )
        return out


CURVED_FILL = 0.6  # a region filling less of its rectangle than this is bent
# Pieces of a bent line are this many line heights long, each overlapping the next by half:
# short ones stay straight on a tight curl, long ones hold a number in Hangul numerals with
# its label (about 20 heights).
PIECE_HEIGHTS = (14, 26)


def _regions(contour: np.ndarray, shape: tuple[int, ...]) -> list[np.ndarray]:
    """The contour's points, or for a bent line, the pixels of each overlapping piece."""
    (cx, cy), (rw, rh), angle = cv2.minAreaRect(contour)
    length, thickness_box = max(rw, rh), min(rw, rh)
    area = cv2.contourArea(contour)
    if thickness_box < 1 or area >= CURVED_FILL * rw * rh:
        return [contour.reshape(-1, 2).astype(np.float32)]
    thickness = max(area / max(length, 1.0), 2.0)
    if length < 1.5 * min(PIECE_HEIGHTS) * thickness:
        return [contour.reshape(-1, 2).astype(np.float32)]
    x, y, bw, bh = cv2.boundingRect(contour)
    local = np.zeros((bh, bw), np.uint8)
    cv2.drawContours(local, [contour - np.array([x, y])], -1, 1, thickness=-1)
    ys, xs = np.nonzero(local)
    pixels = np.stack([xs + x, ys + y], axis=1).astype(np.float32)
    theta = np.deg2rad(angle if rw >= rh else angle + 90)
    along = (pixels[:, 0] - cx) * np.cos(theta) + (pixels[:, 1] - cy) * np.sin(theta)
    low, high = float(along.min()), float(along.max())
    out = []
    for heights in PIECE_HEIGHTS:
        piece, step = heights * thickness, heights * thickness / 2
        start = low
        while True:
            chosen = pixels[(along >= start) & (along <= start + piece)]
            if len(chosen) >= 4:
                out.append(chosen)
            if start + piece >= high:
                break
            start += step
    return out


def _mean_inside(probability: np.ndarray, points: np.ndarray) -> float:
    hull = cv2.convexHull(points.astype(np.int32))
    x, y, w, h = cv2.boundingRect(hull)
    local = np.zeros((h, w), np.uint8)
    cv2.fillPoly(local, [hull - np.array([x, y])], 1)
    return float(cv2.mean(probability[y : y + h, x : x + w], local)[0])


def _clockwise(quad: np.ndarray) -> np.ndarray:
    """tl, tr, br, bl by x then y, as PP-OCR orders them (the pipeline re-orders anyway)."""
    by_x = quad[np.argsort(quad[:, 0])]
    left = by_x[:2][np.argsort(by_x[:2, 1])]
    right = by_x[2:][np.argsort(by_x[2:, 1])]
    return np.array([left[0], right[0], right[1], left[1]], np.float32)


@functools.cache
def engine() -> Engine:
    return Engine()
