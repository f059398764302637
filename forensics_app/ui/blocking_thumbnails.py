"""Flyer-photo thumbnails decoded off the GUI thread.

A request carries a handful of photos, a number's sightings can carry hundreds; each can be a
12-megapixel JPEG on a network share. The loader decodes (scaled while decoding, so a JPEG is
never fully expanded) on a small thread pool and hands back QImages, which are safe to pass
between threads; the GUI thread turns them into pixmaps.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

log = logging.getLogger(__name__)

THUMB_SIZE = 72
CACHE_LIMIT = 300
OK, MISSING, UNREADABLE = "ok", "missing", "unreadable"


def decode_thumbnail(path: str, size: int) -> tuple[QImage, str]:
    """The scaled image and OK, or a null image and MISSING / UNREADABLE."""
    if not Path(path).is_file():
        return QImage(), MISSING
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # phones store sideways photos with an EXIF rotation
    full = reader.size()
    if full.isValid() and (full.width() > size or full.height() > size):
        reader.setScaledSize(full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        log.info("Cannot decode %s: %s", path, reader.errorString())
        return QImage(), UNREADABLE
    if image.width() > size or image.height() > size:  # formats that ignore setScaledSize
        image = image.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image, OK


class _JobSignals(QObject):
    done = Signal(str, QImage, str)  # path, image, status


class _Job(QRunnable):
    def __init__(self, path: str, size: int) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the loader keeps it until its signal arrived
        self.path = path
        self.size = size
        self.signals = _JobSignals()

    def run(self) -> None:
        try:
            image, status = decode_thumbnail(self.path, self.size)
        except Exception:  # a decoder bug must not take the thread down
            log.exception("Thumbnail of %s failed", self.path)
            image, status = QImage(), UNREADABLE
        self.signals.done.emit(self.path, image, status)


class ThumbnailLoader(QObject):
    """`request(path)` decodes in the background; `ready(path, image, status)` follows on the
    GUI thread. Results are cached (bounded), so showing the same request again is instant."""

    ready = Signal(str, QImage, str)

    def __init__(self, parent: QObject | None = None, size: int = THUMB_SIZE) -> None:
        super().__init__(parent)
        self.size = size
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._jobs: dict[str, _Job] = {}
        self._cache: OrderedDict[str, tuple[QImage, str]] = OrderedDict()

    def cached(self, path: str) -> tuple[QImage, str] | None:
        found = self._cache.get(path)
        if found is not None:
            self._cache.move_to_end(path)
        return found

    def request(self, path: str) -> None:
        if path in self._jobs:
            return
        if path in self._cache:
            image, status = self._cache[path]
            self.ready.emit(path, image, status)
            return
        job = _Job(path, self.size)
        job.signals.done.connect(self._done)
        self._jobs[path] = job
        self._pool.start(job)

    def forget_pending(self) -> None:
        """Drop the jobs not started yet (another request is shown now)."""
        for path, job in list(self._jobs.items()):
            if self._pool.tryTake(job):
                del self._jobs[path]

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(str, QImage, str)
    def _done(self, path: str, image: QImage, status: str) -> None:
        self._jobs.pop(path, None)
        self._cache[path] = (image, status)
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        self.ready.emit(path, image, status)
