"""Undoing a photo's motion blur on a text line before it is read again.

Motion blur (a hand that moved while the shutter was open) smears every stroke along one
direction by one length. In the power spectrum of the blurred picture that leaves regularly
spaced zeros across the blur's direction, which the cepstrum (the spectrum of the log
spectrum) turns into one strong negative peak at the blur's length and angle. It is looked
for on a square of the photo around the line (a whole patch of paper and text gives a much
clearer peak than a 48-pixel line crop), carried into the line crop's coordinates, and the
crop is Wiener-deconvolved with that kernel.

Measured on rendered lines of Hangul numerals (Nanum Pen, Nanum Brush and Nanum Gothic Bold,
motion blur of 8 and 11 px on text about 40 px high, 36 lines): Tesseract read 2 of them as
the right number; after deblurring (the blur estimated on the crop alone), 24 unrestricted
and 26 restricted to the numerals (benchmarks/bench_ocr.py, round 8).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_LENGTH = 3.0  # pixels of the photo: shorter peaks are the strokes' own width
PATCH_HEIGHTS = 6  # the square looked at: this many line heights a side ...
PATCH_MIN, PATCH_MAX = 96, 384  # ... within these many pixels
WIENER_NOISE = 0.01  # noise-to-signal ratio of the Wiener filter
MIN_CROP_LENGTH = 2.5  # blur shorter than this in the crop is not what keeps it unread
PAD = 16


@dataclass(frozen=True)
class Blur:
    dx: float  # the blur's extent, in pixels of the photo (a direction: sign does not matter)
    dy: float

    @property
    def length(self) -> float:
        return float(np.hypot(self.dx, self.dy))


def estimate_blur(grey: np.ndarray, max_length: float) -> Blur | None:
    """The motion blur of a grey picture, from its cepstrum's deepest point between
    MIN_LENGTH and max_length pixels from the origin; None if the picture is too small."""
    h, w = grey.shape
    if min(h, w) < 2 * MIN_LENGTH + 4:
        return None
    window = np.outer(np.hanning(h), np.hanning(w)).astype(np.float32)
    picture = grey.astype(np.float32)
    spectrum = np.abs(np.fft.fft2((picture - picture.mean()) * window))
    cepstrum = np.fft.fftshift(np.real(np.fft.ifft2(np.log(spectrum + 1e-3))))
    cy, cx = h // 2, w // 2
    yy, xx = np.mgrid[0:h, 0:w]
    radius = np.hypot(yy - cy, xx - cx)
    ring = (radius >= MIN_LENGTH) & (radius <= max_length)
    if not ring.any():
        return None
    iy, ix = np.unravel_index(np.argmin(np.where(ring, cepstrum, np.inf)), cepstrum.shape)
    return Blur(float(ix - cx), float(iy - cy))


def blur_near(photo_bgr: np.ndarray, centre: np.ndarray, line_height: float) -> Blur | None:
    """The motion blur around a point of the photo (a line's centre)."""
    side = int(np.clip(PATCH_HEIGHTS * line_height, PATCH_MIN, PATCH_MAX))
    h, w = photo_bgr.shape[:2]
    x0 = int(np.clip(centre[0] - side / 2, 0, max(w - side, 0)))
    y0 = int(np.clip(centre[1] - side / 2, 0, max(h - side, 0)))
    patch = cv2.cvtColor(photo_bgr[y0 : y0 + side, x0 : x0 + side], cv2.COLOR_BGR2GRAY)
    return estimate_blur(patch, max_length=min(patch.shape) / 4)


def kernel(dx: float, dy: float) -> np.ndarray:
    """A line of length hypot(dx, dy) along (dx, dy), summing to 1."""
    length = max(3, round(float(np.hypot(dx, dy))))
    size = length + (1 - length % 2)  # odd, so the line is centred
    out = np.zeros((size, size), np.float32)
    centre = size // 2
    half_x, half_y = dx / 2, dy / 2
    cv2.line(
        out,
        (round(centre - half_x), round(centre - half_y)),
        (round(centre + half_x), round(centre + half_y)),
        1.0,
        1,
        lineType=cv2.LINE_AA,
    )
    total = float(out.sum())
    if total <= 0:
        out[centre, centre] = 1.0
        total = 1.0
    return out / total


def deblur_crop(crop_grey: np.ndarray, along: float, across: float) -> np.ndarray | None:
    """The crop (dark text on light, grey) Wiener-deconvolved with a blur of `along` pixels
    along the text and `across` pixels across it (crop coordinates); None when the blur is
    too short to matter."""
    if float(np.hypot(along, across)) < MIN_CROP_LENGTH:
        return None
    picture = np.pad(crop_grey.astype(np.float32) / 255, PAD, mode="edge")
    psf = kernel(along, across)
    padded = np.zeros_like(picture)
    kh, kw = psf.shape
    padded[:kh, :kw] = psf
    padded = np.roll(padded, (-(kh // 2), -(kw // 2)), axis=(0, 1))
    transfer = np.fft.fft2(padded)
    restored = np.real(
        np.fft.ifft2(
            np.fft.fft2(picture) * np.conj(transfer) / (np.abs(transfer) ** 2 + WIENER_NOISE)
        )
    )[PAD:-PAD, PAD:-PAD]
    low, high = float(restored.min()), float(restored.max())
    return ((restored - low) * (255 / max(high - low, 1e-6))).astype(np.uint8)
