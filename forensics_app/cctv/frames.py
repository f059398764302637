"""Pictures out of a clip: any frame by its number (for stepping, stills and pinning clock
jumps), thumbnails, contact sheets and still exports.

A frame is decoded from the key frame before it. Containers with an index (MP4, MOV, MKV,
AVI) seek by time; streams without one (DHAV, MPEG-PS, raw H.264) are opened at the key
frame's byte offset found in the first read (each DHAV frame and PS pack starts cleanly), so
stepping through an hour-long .dav does not decode it from the start. Frames are numbered
from 0, the first picture of the file, in presentation order.
"""

from __future__ import annotations

import bisect
import io
import json
import textwrap
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import av.error
import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, PngImagePlugin

from forensics_app.cctv import dhav
from forensics_app.cctv.detect import DEMUXER, ClipFormat, Detection
from forensics_app.cctv.probe import Image, ProbeError, ProbeResult, ffmpeg_reason, upright

SEEK_BY_TIME = {ClipFormat.MP4, ClipFormat.MOV, ClipFormat.MKV, ClipFormat.AVI}
# Seek this far before a key frame's time. A stream with B-frames decodes a key frame before
# it shows it, and MPEG-PS seeks by decode time: a seek to the shown time landed past the key
# frame, and the last group of pictures of an H.265 Hikvision clip could not be decoded.
SEEK_MARGIN_S = 0.5
THUMBNAIL_WIDTH = 320


class OffsetFile(io.RawIOBase):
    """A read-only view of a file from `start` on, so FFmpeg opens a stream mid-file."""

    def __init__(self, path: Path, start: int) -> None:
        super().__init__()
        self._handle = path.open("rb")
        self._start = start
        self._handle.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._handle.readinto(buffer)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            return self._handle.seek(self._start + offset) - self._start
        return self._handle.seek(offset, whence) - self._start

    def tell(self) -> int:
        return self._handle.tell() - self._start

    def close(self) -> None:
        self._handle.close()
        super().close()


@dataclass(frozen=True)
class Frame:
    index: int
    time_s: float  # seconds from the first frame
    image: Image


class FrameReader:
    """Decodes frames by number. Keeps its place, so the next frame costs one decode."""

    def __init__(
        self,
        path: Path,
        detection: Detection,
        index: ProbeResult,
        channel_frames: array[int] | None = None,
        *,
        scanned: bool = False,
    ) -> None:
        """`channel_frames`: the frames of the channel `index` was read from, when a .dav
        holds several (dhav.scan; walked here unless `scanned` says the caller did, or
        given): positions are in that view."""
        self._path = path
        self._detection = detection
        self._index = index
        self._container: Any = None
        self._frames: Any = None
        self._position = -1  # the number of the frame last decoded
        self._file: io.RawIOBase | None = None
        self._channel_frames = channel_frames
        self._channels_known = scanned or channel_frames is not None

    # -- public ----------------------------------------------------------------------------
    @property
    def frame_count(self) -> int:
        return self._index.frame_count

    def frame(self, number: int) -> Frame:
        if not 0 <= number < self._index.frame_count:
            raise ProbeError(
                "no frame {number}: the clip has {count}",
                number=number,
                count=self._index.frame_count,
            )
        key = self._key_before(number)
        if self._frames is None or number <= self._position or key > self._position:
            self._open_at(key)
        while True:
            try:
                decoded = next(self._frames)
            except (StopIteration, av.error.FFmpegError) as exc:
                self.close()
                raise ProbeError("frame {number} cannot be decoded", number=number) from exc
            self._position = self._number_of(decoded)
            if self._position >= number:
                image = upright(decoded.to_ndarray(format="rgb24"), self._index.rotation)
                return Frame(self._position, self._index.frame_times[self._position], image)

    def frames(self, numbers: Sequence[int]) -> list[Frame]:
        out = []
        for number in sorted(numbers):
            try:
                out.append(self.frame(number))
            except ProbeError:
                continue
        return out

    def fetch(self, numbers: Sequence[int]) -> list[tuple[int, float, Image]]:
        """For the OSD checker: (number, seconds, picture)."""
        return [(f.index, f.time_s, f.image) for f in self.frames(numbers)]

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
        if self._file is not None:
            self._file.close()
        self._container = self._frames = self._file = None
        self._position = -1

    def __enter__(self) -> FrameReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------
    def _channel(self) -> array[int] | None:
        if not self._channels_known and self._detection.format == ClipFormat.DAHUA_DAV:
            scan = dhav.scan(self._path, self._detection.header_bytes)
            self._channel_frames = scan.frames_of_channel_read()
        self._channels_known = True
        return self._channel_frames

    def _key_before(self, number: int) -> int:
        keys = self._index.key_indices
        at = bisect.bisect_right(keys, number) - 1
        return keys[at] if at >= 0 else 0

    def _open_at(self, key: int) -> None:
        self.close()
        fmt = DEMUXER.get(self._detection.format)
        by_time = self._detection.format in SEEK_BY_TIME or self._index.reordered
        position = self._index.key_positions.get(key)
        try:
            channel = self._channel()
            if channel is not None:  # one camera of several in the file: only its frames
                start = position if not by_time and position is not None and key > 0 else 0
                self._file = dhav.ChannelView(self._path, channel, start)
                self._container = av.open(self._file, format=fmt)
                self._counting_from = key if start else 0
            elif not by_time and position is not None and key > 0:
                self._file = OffsetFile(self._path, position)
                self._container = av.open(self._file, format=fmt)
                self._counting_from = key
            else:
                self._container = av.open(str(self._path), format=fmt)
                self._counting_from = 0
                if key > 0 and by_time:
                    stream = self._container.streams.video[0]
                    target = self._index.first_pts_s + self._index.frame_times[key]
                    target -= SEEK_MARGIN_S  # frames are numbered by their times from here
                    self._container.seek(round(target / stream.time_base), stream=stream)
                    self._counting_from = -1  # numbers come from the frames' timestamps
            stream = self._container.streams.video[0]
            stream.thread_type = "AUTO"
            self._frames = self._container.decode(stream)
            self._position = -1 if self._counting_from <= 0 else self._counting_from - 1
            self._decoded = 0
        except (av.error.FFmpegError, OSError) as exc:
            self.close()
            raise ProbeError(
                "cannot open the clip to decode frame {key}: {reason}",
                key=key,
                reason=ffmpeg_reason(exc),
            ) from exc

    def _number_of(self, decoded: Any) -> int:
        if self._counting_from >= 0:
            number = self._counting_from + self._decoded
            self._decoded += 1
            return min(number, self._index.frame_count - 1)
        if decoded.pts is None:  # a picture whose packet had no time: the one after the last
            return self._position + 1 if self._position >= 0 else -1
        stream = self._container.streams.video[0]
        seconds = decoded.pts * stream.time_base - self._index.first_pts_s
        times = self._index.frame_times
        at = bisect.bisect_left(times, float(seconds) - 1e-4)
        return min(at, len(times) - 1)


# ---- pictures for people ------------------------------------------------------------------
def thumbnail(image: Image, width: int = THUMBNAIL_WIDTH) -> PILImage.Image:
    picture = PILImage.fromarray(image)
    height = max(1, round(picture.height * width / picture.width))
    return picture.resize((width, height), PILImage.Resampling.BILINEAR)


def save_thumbnail(image: Image, target: Path, width: int = THUMBNAIL_WIDTH) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    thumbnail(image, width).save(partial, "JPEG", quality=80)
    partial.replace(target)
    return target


# A font with Hangul for the captions (an examiner's name, a Korean file name): Pillow's own
# has none, and drew each Korean letter as an empty box on the still. The reports use it too.
CAPTION_FONTS = (
    Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
    Path("/usr/local/share/fonts/NanumGothic.ttf"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in CAPTION_FONTS:
        if candidate.is_file():
            try:
                return ImageFont.truetype(str(candidate), size)
            except OSError:
                continue
    return ImageFont.load_default(size=size)


def contact_sheet(
    tiles: Sequence[tuple[Image, Sequence[str]]],
    *,
    columns: int = 4,
    tile_width: int = 320,
    title: Sequence[str] = (),
) -> PILImage.Image:
    """Frames in a grid, each with its caption lines (frame number, recorder and corrected
    times), under a title (the clip, its hash)."""
    font = _font(12)
    line = 15
    captions = max((len(c) for _, c in tiles), default=0)
    thumbs = [thumbnail(image, tile_width) for image, _ in tiles]
    tile_height = max((t.height for t in thumbs), default=180)
    cell_w, cell_h = tile_width + 8, tile_height + captions * line + 12
    rows = max(1, -(-len(tiles) // columns))
    head = len(title) * line + (8 if title else 0)
    sheet = PILImage.new("RGB", (columns * cell_w + 8, rows * cell_h + head + 8), "white")
    draw = ImageDraw.Draw(sheet)
    for number, text in enumerate(title):
        draw.text((8, 4 + number * line), text, fill="black", font=font)
    for number, (thumb, (_image, caption)) in enumerate(zip(thumbs, tiles, strict=True)):
        x = 8 + (number % columns) * cell_w
        y = head + 4 + (number // columns) * cell_h
        sheet.paste(thumb, (x, y))
        for row, text in enumerate(caption):
            draw.text((x, y + tile_height + 2 + row * line), text, fill="black", font=font)
    return sheet


def still_png(image: Image, caption: Sequence[str], metadata: dict[str, str]) -> bytes:
    """The frame at full size, untouched, with a caption strip under it (wrapped to the
    picture's width, at least 960 pixels), and the same facts in the PNG's text chunks."""
    frame = PILImage.fromarray(image)
    width = max(frame.width, 960)
    font = _font(max(13, width // 80))
    size = int(getattr(font, "size", 14))
    line = round(size * 1.35)
    per_line = max(40, int((width - 16) / (size * 0.58)))
    lines = [part for text in caption for part in textwrap.wrap(text, per_line) or [""]]
    strip = len(lines) * line + 12
    still = PILImage.new("RGB", (width, frame.height + strip), "white")
    still.paste(frame, (0, 0))
    draw = ImageDraw.Draw(still)
    for number, text in enumerate(lines):
        draw.text((8, frame.height + 6 + number * line), text, fill="black", font=font)
    info = PngImagePlugin.PngInfo()
    for key, value in metadata.items():
        info.add_itxt(key, value)
    info.add_itxt("forensics-app:still", json.dumps(metadata, ensure_ascii=False, sort_keys=True))
    buffer = io.BytesIO()
    still.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def as_array(picture: PILImage.Image) -> Image:
    return np.asarray(picture.convert("RGB"))
