"""Photo decoding off the GUI thread: thumbnails for the grid and the large review picture.

A grid of thousands of photos asks for thumbnails as rows come into view; requests go on a
stack served newest first (the rows the user is looking at now), the oldest are dropped when
the stack is full (they are asked for again if scrolled back to), and decoded images sit in a
small LRU cache. Workers make QImages (safe off the GUI thread; QPixmap is not) and report
through a relay object that lives on the GUI thread, so the `ready` signal arrives there.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from forensics_app.ocr.loading import photo_orientation, turn_upright

log = logging.getLogger(__name__)

THUMB_SIZE = 144
FULL = 0  # the size asked for the review picture: the whole photo, bounded by FULL_MAX_SIDE
FULL_MAX_SIDE = 4096  # a 12-MP frame decodes at full size; a 50-MP one at 1/2 (JPEG draft)
THUMB_CACHE = 600  # ~70 KB each: about 40 MB
FULL_CACHE = 3  # the photo shown, the one before and the one after
MAX_QUEUED = 300  # a fast scroll through thousands of rows asks for far more than is seen


@dataclass(frozen=True)
class Decoded:
    """A decoded photo: `image` is upright; `scale` is its pixels per original upright pixel
    (the OCR's boxes are in original pixels). `error` says why there is no image."""

    image: QImage | None
    scale: float
    error: str = ""


def _to_qimage(image: Image.Image) -> QImage:
    rgba = image.convert("RGBA")
    width, height = rgba.size
    # A QImage that owns its pixels, filled by copying: building one over a Python bytes
    # buffer on a worker thread crashed the interpreter ("deallocating None", a refcount
    # error in the binding). RGBA rows are 4-byte aligned, so the layouts match exactly.
    qimage = QImage(width, height, QImage.Format.Format_RGBA8888)
    view = memoryview(qimage.bits()).cast("B")
    view[: 4 * width * height] = rgba.tobytes()
    return qimage


def decode(path: str, size: int) -> Decoded:
    """Decode `path` upright, to fit a `size` square (FULL: the whole photo, bounded)."""
    limit = FULL_MAX_SIDE if size == FULL else size
    try:
        with warnings.catch_warnings():
            # Bombs are the OCR batch's business (it records them); here they are just slow.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                width, height = opened.size
                # JPEG decodes at 1/2, 1/4 or 1/8 scale for the asking: a 12-MP thumbnail in
                # a few milliseconds instead of a quarter second.
                opened.draft("RGB", (limit, limit))
                # As the OCR turns it (a HEIC's orientation said only in EXIF included).
                upright = turn_upright(opened, photo_orientation(opened))
                turned = upright.size[0] != opened.size[0] and width != height
                original_width = height if turned else width
                if max(upright.size) > limit:
                    upright.thumbnail((limit, limit), Image.Resampling.BILINEAR)
                image = _to_qimage(upright)
    except Exception as exc:  # any photo the decoder chokes on is a tile, not a crash
        return Decoded(None, 1.0, f"{type(exc).__name__}: {exc}")
    return Decoded(image, image.width() / original_width if original_width else 1.0)


class _Relay(QObject):
    done = Signal(str, int, object)  # path, size, Decoded


class _Drain(QRunnable):
    """Serves one request from the loader's stack (the newest)."""

    def __init__(self, loader: ImageLoader) -> None:
        super().__init__()
        self._loader = loader

    def run(self) -> None:
        job = self._loader._take()
        if job is None:
            return
        path, size = job
        result = decode(path, size)
        self._loader._relay.done.emit(path, size, result)


class ImageLoader(QObject):
    """Thumbnails and full pictures, decoded on a pool of its own, cached."""

    ready = Signal(str, int)  # path, size: `cached(path, size)` now answers

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._lock = threading.Lock()
        self._stack: list[tuple[str, int]] = []
        self._wanted: set[tuple[str, int]] = set()  # queued or being decoded
        self._thumbs: OrderedDict[tuple[str, int], Decoded] = OrderedDict()
        self._full: OrderedDict[tuple[str, int], Decoded] = OrderedDict()

    def cached(self, path: str, size: int) -> Decoded | None:
        cache = self._full if size == FULL else self._thumbs
        found = cache.get((path, size))
        if found is not None:
            cache.move_to_end((path, size))
        return found

    def request(self, path: str, size: int) -> Decoded | None:
        """The decoded photo if cached; otherwise None, and `ready` follows once decoded."""
        found = self.cached(path, size)
        if found is not None:
            return found
        key = (path, size)
        with self._lock:
            if key in self._wanted:
                if key in self._stack:  # asked again: it is on screen, serve it sooner
                    self._stack.remove(key)
                    self._stack.append(key)
                return None
            self._wanted.add(key)
            self._stack.append(key)
            while len(self._stack) > MAX_QUEUED:
                self._wanted.discard(self._stack.pop(0))
        self._pool.start(_Drain(self))
        return None

    def forget(self, path: str) -> None:
        """Drop a photo's cached images (its file was replaced)."""
        for cache in (self._thumbs, self._full):
            for key in [k for k in cache if k[0] == path]:
                del cache[key]

    def clear_queue(self) -> None:
        """Forget requests not started yet (another batch is shown now)."""
        with self._lock:
            for key in self._stack:
                self._wanted.discard(key)
            self._stack.clear()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        self.clear_queue()
        self._pool.waitForDone()

    def _take(self) -> tuple[str, int] | None:
        with self._lock:
            return self._stack.pop() if self._stack else None

    def _done(self, path: str, size: int, result: Decoded) -> None:
        key = (path, size)
        with self._lock:
            self._wanted.discard(key)
        cache, limit = (self._full, FULL_CACHE) if size == FULL else (self._thumbs, THUMB_CACHE)
        cache[key] = result
        while len(cache) > limit:
            cache.popitem(last=False)
        if result.error:
            log.info("Cannot show %s: %s", Path(path).name, result.error)
        self.ready.emit(path, size)
