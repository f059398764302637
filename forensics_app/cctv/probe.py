"""One read of a clip through PyAV (FFmpeg, with its dhav demuxer): the container and codec
facts, every frame's timestamp, the container's own times, gaps, and a few decoded frames
(key frames every few seconds and the very last frame) for thumbnails and the on-screen clock.

Only key frames and the last group of pictures are decoded: a minute of 720p has 1500
pictures, and demuxing them costs milliseconds where decoding them would cost a second.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import logging
import math
import statistics
import struct
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import av.error
import numpy as np
import numpy.typing as npt

from blocking.errors import os_reason
from forensics_app.cctv import dhav
from forensics_app.cctv.detect import DEMUXER, ClipFormat, Detection
from forensics_app.messages import Message, msg

log = logging.getLogger(__name__)

Image = npt.NDArray[np.uint8]  # height x width x 3, RGB
EPOCH = datetime(1970, 1, 1)
MIN_PLAUSIBLE_FPS = 0.5
MAX_PLAUSIBLE_FPS = 120.0
RAW_STREAM_FPS = 25.0  # FFmpeg's assumption for a raw stream without timing in its SPS
# Decoded pictures kept per clip (one every 10 s: a 10-minute clip). Two hours at 1080p would
# otherwise hold 720 pictures, 4.5 GB, and stack them into one sheet too tall for Tesseract.
MAX_SAMPLES = 64


class ProbeError(Exception):
    """FFmpeg cannot open the clip, or finds no picture in it."""

    def __init__(self, template: str, /, **values: object) -> None:
        # An English template with named values, like forensics_app.errors (str: English).
        self.template = template
        self.values = values
        super().__init__(str(self.note))

    @property
    def note(self) -> Message:
        """The error as a note for the catalog (shown in the reader's language)."""
        return Message(self.template, self.values)


@dataclass(frozen=True)
class Gap:
    at_s: float  # seconds from the first frame, where the jump starts
    seconds: float  # the size of the jump (negative: timestamps went backwards)
    frame: int  # the frame after the jump


@dataclass(frozen=True)
class SampledFrame:
    index: int  # frame number, 0 = first picture of the clip
    time_s: float  # seconds from the first frame
    image: Image
    key: bool


@dataclass
class ProbeResult:
    container: str = ""
    video_codec: str = ""
    width: int | None = None
    height: int | None = None
    declared_fps: float | None = None
    measured_fps: float | None = None
    fps_variable: bool = False
    fps_implausible: bool = False
    frame_count: int = 0
    key_frames: int = 0
    duration_s: float | None = None
    audio_codec: str = ""
    has_timestamps: bool = True
    reordered: bool = False  # B-frames: decode order is not presentation order
    first_pts_s: float = 0.0  # the first frame's timestamp in the container, seconds
    # The container's own clock: DHAV frame dates (the recorder's wall clock, naive) or an
    # MP4/MKV creation_time (aware, as the file claims UTC).
    container_start: datetime | None = None
    container_end: datetime | None = None
    container_time_kind: str = ""  # dhav | creation_time | ""
    container_time_raw: str = ""
    gaps: list[Gap] = field(default_factory=list)  # forward jumps beyond a few frames
    backwards: list[Gap] = field(default_factory=list)
    leaps: list[Gap] = field(default_factory=list)  # timestamps leap, no picture missing
    problems: list[Message] = field(default_factory=list)
    frame_times: list[float] = field(default_factory=list)  # per frame, from the first
    key_indices: list[int] = field(default_factory=list)
    key_positions: dict[int, int] = field(default_factory=dict)  # frame -> byte offset
    samples: list[SampledFrame] = field(default_factory=list)
    # Timestamps in packet order relative to the first frame, unsorted: jumps back stay.
    raw_times: list[float] = field(default_factory=list)
    # Degrees the pictures are turned (counter-clockwise, a multiple of 90) as the container
    # asks players to: every picture handed out here is turned so.
    rotation: int = 0

    @property
    def frame_interval(self) -> float:
        if self.measured_fps:
            return 1.0 / self.measured_fps
        return 1.0 / (self.declared_fps or RAW_STREAM_FPS)

    def index_at(self, seconds: float) -> int:
        """The frame shown `seconds` after the first frame (the last one at or before)."""
        if not self.frame_times:
            return 0
        return max(0, bisect.bisect_right(self.frame_times, seconds + 1e-6) - 1)

    def container_time_at(self, index: int) -> datetime | None:
        """The container's clock at frame `index` (follows its jumps, unlike start + t)."""
        if self.container_start is None or not self.frame_times:
            return None
        if self.container_time_kind == "dhav":
            return self.container_start + timedelta(seconds=self.raw_times[index])
        return self.container_start + timedelta(seconds=self.frame_times[index])


def open_container(
    path: Path, detection: Detection, channel_frames: array[int] | None = None
) -> Any:
    """av.open with the demuxer the bytes call for (FFmpeg's own probe otherwise).

    A .dav holding several channels is opened as its first channel alone (`channel_frames`,
    from dhav.scan, which is walked here when not given): FFmpeg's dhav demuxer would put
    every camera's pictures into one stream, doubling the duration and mixing the
    pictures."""
    fmt = DEMUXER.get(detection.format)
    try:
        if detection.format == ClipFormat.DAHUA_DAV and channel_frames is None:
            channel_frames = dhav.scan(path, detection.header_bytes).frames_of_channel_read()
        if channel_frames is not None:
            view = dhav.ChannelView(path, channel_frames)
            try:
                return av.open(view, format=fmt, options={"probesize": "5000000"})
            except BaseException:
                view.close()
                raise
        return av.open(str(path), format=fmt, options={"probesize": "5000000"})
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        boxes, cut = _mp4_boxes(path, detection)
        if boxes and b"moov" not in boxes and b"moof" not in boxes:
            # A recorder writes the index last: the file stops before it.
            raise ProbeError(
                "the clip cannot be opened: the file is truncated or was not finished: it "
                "stops before its index (no moov box), as after a power cut, a recorder that "
                "stopped or a copy cut short; FFmpeg: {error}",
                error=os_reason(exc),
            ) from exc
        if cut:
            raise ProbeError(
                "the clip cannot be opened: {reason} (the file is truncated: a box runs past "
                "its end)",
                reason=ffmpeg_reason(exc),
            ) from exc
        riff = _riff_cut_short(path) if detection.format == ClipFormat.AVI else None
        if riff is not None:
            raise ProbeError(
                "the clip cannot be opened: {reason} (the file is truncated: its RIFF header "
                "counts {declared} bytes, the file has {size})",
                reason=ffmpeg_reason(exc),
                declared=riff[0],
                size=riff[1],
            ) from exc
        raise ProbeError("the clip cannot be opened: {reason}", reason=ffmpeg_reason(exc)) from exc


MAX_MOOV = 64 << 20  # an index larger than this is not read for the display rotation


def _rotation(path: Path, result: ProbeResult) -> None:
    """A video track whose matrix asks players to turn the picture (a camera mounted on its
    side, a phone). FFmpeg's decoder gives the picture as recorded; the examiner sees it
    turned in any player, and the clock burnt into it is upright only then. So the pictures
    here (samples, frames, stills, contact sheets, the OSD reading) are turned the same way,
    and the note says the file is not. An angle between quarter turns is only noted."""
    degrees = _display_rotation(path)
    if not degrees:
        return
    if degrees % 90:
        result.problems.append(
            msg(
                "the container asks players to turn the picture by {degrees}°: frames, stills "
                "and contact sheets here are as recorded, not turned",
                degrees=degrees,
            )
        )
        return
    result.rotation = degrees
    result.problems.append(
        msg(
            "the container asks players to turn the picture by {degrees}°: frames, stills, "
            "contact sheets and the on-screen clock are turned so here, as in a player; the "
            "file itself is unchanged",
            degrees=degrees,
        )
    )


def upright(image: Image, degrees: int) -> Image:
    """The picture turned as a player shows it (`degrees`: ProbeResult.rotation)."""
    if not degrees:
        return image
    return np.ascontiguousarray(np.rot90(image, degrees // 90))


def _display_rotation(path: Path) -> int:
    """The first video track's display rotation in degrees (as FFmpeg reports it), from the
    matrix of its tkhd box; 0 when there is none or it cannot be read."""
    try:
        with path.open("rb") as handle:
            moov = _child(handle, 0, path.stat().st_size, b"moov", MAX_MOOV)
    except OSError:
        return 0
    if moov is None:
        return 0
    for trak in _children(moov, b"trak"):
        handler = next(_children(next(_children(trak, b"mdia"), b""), b"hdlr"), b"")
        tkhd = next(_children(trak, b"tkhd"), b"")
        if handler[8:12] != b"vide" or len(tkhd) < 4:
            continue
        at = 4 + (32 if tkhd[0] == 1 else 20) + 16  # version, times, id, duration, layer...
        if len(tkhd) < at + 8:
            return 0
        a, b = struct.unpack(">ii", tkhd[at : at + 8])
        return round(-math.degrees(math.atan2(b, a))) % 360
    return 0


def _child(handle: Any, start: int, end: int, kind: bytes, limit: int) -> bytes | None:
    """The content of the top-level box `kind` between `start` and `end` of a file."""
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        header = handle.read(16)
        length, found = struct.unpack(">I4s", header[:8])
        skip = 8
        if length == 1 and len(header) == 16:
            length, skip = struct.unpack(">Q", header[8:16])[0], 16
        elif length == 0:
            length = end - offset
        if length < skip:
            return None
        if found == kind:
            if length > limit:
                return None
            handle.seek(offset + skip)
            return bytes(handle.read(length - skip))
        offset += length
    return None


def _children(content: bytes, kind: bytes) -> Iterator[bytes]:
    """The contents of the boxes `kind` directly inside a box's content."""
    offset = 0
    while offset + 8 <= len(content):
        length, found = struct.unpack_from(">I4s", content, offset)
        if length < 8:
            return
        if found == kind:
            yield content[offset + 8 : offset + length]
        offset += length


def _riff_cut_short(path: Path) -> tuple[int, int] | None:
    """(bytes the RIFF header counts, bytes the file has) when an AVI stops before the end
    its header gives; FFmpeg only says "invalid data" then."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(8)
    except OSError:
        return None
    declared = int.from_bytes(header[4:8], "little") + 8 if len(header) == 8 else 0
    return (declared, size) if declared > size else None


def _mp4_boxes(path: Path, detection: Detection) -> tuple[list[bytes], bool]:
    """_boxes of an MP4 or MOV; ([], False) for other formats."""
    if detection.format in (ClipFormat.MP4, ClipFormat.MOV):
        return _boxes(path)
    return [], False


def _boxes(path: Path) -> tuple[list[bytes], bool]:
    """An MP4/MOV's top-level box types, and whether the last claims more bytes than the file
    holds (a copy or a recording that stopped part-way): FFmpeg only says "invalid data"
    then. ([], False) when the file is not boxes."""
    types: list[bytes] = []
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            offset = 0
            while offset + 8 <= size:
                handle.seek(offset)
                header = handle.read(16)
                length = int.from_bytes(header[:4], "big")
                types.append(header[4:8])
                if length == 1 and len(header) >= 16:
                    length = int.from_bytes(header[8:16], "big")
                elif length == 0:  # the box runs to the end of the file
                    return types, False
                if length < 8:
                    return [], False  # not boxes: nothing to say
                offset += length
            return types, offset > size
    except OSError:
        return [], False


def probe(
    path: Path,
    detection: Detection,
    *,
    sample_every: float = 10.0,
    wanted: Callable[[float], bool] | None = None,
    frame_numbers: list[int] | None = None,
    last_frame: bool = True,
    channel_frames: array[int] | None = None,
    dhav_clock: Sequence[float] | None = None,
) -> ProbeResult:
    """Read the whole clip once. Decodes the first key frame, then a key frame at least
    `sample_every` seconds after the previous sample (or wherever `wanted(seconds)` says),
    and the last frame.

    `frame_numbers`: the recorder's own number of each picture (DHAV). Where the timestamps
    leap forward but the numbers run on without a break, no picture is missing: the
    recorder's clock jumped, and the pictures still follow one frame interval apart.
    `last_frame`: decode the last picture too (its group of pictures: costly at 720p).
    `dhav_clock`: the recorder's clock at each picture in ms (dhav.scan), used instead of
    FFmpeg's timestamps, which follow a frame with an impossible date; NaN for such a
    picture: it follows the picture before it by one frame interval."""
    result = ProbeResult()
    container = open_container(path, detection, channel_frames)
    with container:
        result.container = container.format.name
        if not container.streams.video:
            boxes, cut = _mp4_boxes(path, detection)
            if cut and boxes[-1:] == [b"moov"]:
                # FFmpeg opens an index cut off part-way and finds no track in what is left:
                # "no video stream" sent the examiner looking for an audio file.
                raise ProbeError(
                    "no video stream can be read: the file is truncated inside its index (the "
                    "moov box runs past the end of the file), as after a copy cut short"
                )
            raise ProbeError("no video stream in it")
        stream = container.streams.video[0]
        # A cover picture (a phone's or an editor's thumbnail) is a video stream too.
        videos = [
            s
            for s in container.streams.video
            if av.stream.Disposition.attached_pic not in s.disposition
        ]
        if len(videos) > 1:
            # An export may hold several cameras, or a main and a sub stream, in one file:
            # only the first is analysed, and the others were not mentioned at all.
            result.problems.append(
                msg(
                    "the file holds {count} video tracks; only the first ({width}×{height}) is "
                    "analysed here: play the others in a player",
                    count=len(videos),
                    width=stream.codec_context.width if stream.codec_context else 0,
                    height=stream.codec_context.height if stream.codec_context else 0,
                )
            )
        context = stream.codec_context
        if context is None:
            # FFmpeg saw a video stream but not what codec it is: the file stops before
            # the first picture's headers (a copy or a recording cut off at its start).
            raise ProbeError(
                "the video stream's codec is unknown: the file stops before its first picture"
            )
        result.video_codec = context.name
        result.width = context.width or None
        result.height = context.height or None
        rate = stream.average_rate or stream.guessed_rate
        result.declared_fps = float(rate) if rate else None
        audio = container.streams.audio
        if audio and audio[0].codec_context is not None:
            result.audio_codec = audio[0].codec_context.name
        _container_clock(container, stream, result)
        if detection.format in (ClipFormat.MP4, ClipFormat.MOV):
            _rotation(path, result)
        declared = int(stream.frames or 0)  # AVI and MP4 headers count their pictures
        decoder = _decoder(context)
        first = _walk(
            container,
            stream,
            decoder,
            result,
            sample_every,
            wanted,
            frame_numbers,
            last_frame,
            dhav_clock,
        )
        if declared and result.frame_count < declared - max(2, declared // 50):
            # The index came first and the pictures were cut off after it (a copy or an
            # export that stopped): the clip is shorter than its own header says.
            result.problems.append(
                msg(
                    "the container declares {declared} pictures, the file holds {count}: "
                    "it was cut short",
                    declared=declared,
                    count=result.frame_count,
                )
            )
    if detection.format == ClipFormat.DAHUA_DAV and first is not None:
        # dhav pts: the recorder's wall clock in ms since 1970 read as if it were UTC, so
        # the naive wall clock comes back by adding it to the epoch.
        result.container_start = EPOCH + timedelta(seconds=round(first, 3))
        result.container_time_kind = "dhav"
        result.container_time_raw = f"DHAV date {result.container_start.isoformat()}"
    if result.rotation:
        result.samples = [
            replace(sample, image=upright(sample.image, result.rotation))
            for sample in result.samples
        ]
    _timing(result, detection)
    return result


def _decoder(context: Any) -> Any:
    decoder = av.CodecContext.create(context.name, "r")
    if context.extradata:
        decoder.extradata = context.extradata
    decoder.thread_type = "NONE"  # a picture in, the picture out: no frame-thread delay
    return decoder


@dataclass
class _Walk:
    """The running state of one pass over a clip's packets."""

    time_base: float | None
    nominal: float  # one frame interval, for packets without a usable timestamp
    frame_numbers: list[int] | None
    clock: Sequence[float] | None = None  # each picture's time in ms, instead of its pts
    first: float | None = None
    previous: float | None = None
    elapsed: float = 0.0
    next_sample: float = 0.0
    sample_every: float = 0.0  # widened when a long clip would keep too many pictures
    reordered: bool = False
    untimed: int = 0
    untimed_at: list[int] = field(default_factory=list)  # which packets had no time
    tail: list[Any] = field(default_factory=list)  # packets since the last key frame
    tail_start: int = 0
    count: int = 0
    raw: list[float] = field(default_factory=list)
    elapsed_times: list[float] = field(default_factory=list)
    keys: list[int] = field(default_factory=list)

    def seconds(self, packet: Any) -> float:
        """The packet's time from the first one (container clock)."""
        stamp: float | None = packet.pts if packet.pts is not None else packet.dts
        base = self.time_base
        if self.clock is not None and self.count < len(self.clock):  # a DHAV frame's date
            ms = self.clock[self.count]
            stamp, base = (None if math.isnan(ms) else ms), 0.001
        if stamp is None or base is None:
            # Some PES packets carry no timestamp: the picture follows the last one.
            self.untimed += 1
            self.untimed_at.append(self.count)
            if self.previous is None:
                return self.count * self.nominal
            return self.previous + self.nominal
        absolute = stamp * base
        if self.first is None:
            # The first time there is; pictures before it without one count back from it.
            self.first = absolute - (
                self.previous + self.nominal if self.previous is not None else 0.0
            )
        self.reordered |= packet.dts is not None and packet.pts != packet.dts
        return absolute - self.first

    def advance(self, seconds: float) -> None:
        if self.previous is not None:
            step = seconds - self.previous
            if step <= 0 and not self.reordered:
                step = self.nominal  # the clock went back; the next picture still comes next
            elif step > _jump_limit(self.nominal) and _numbered_on(self.frame_numbers, self.count):
                step = self.nominal  # the clock leapt; no picture is missing
            self.elapsed += step
        self.previous = seconds
        self.raw.append(seconds)
        self.elapsed_times.append(self.elapsed)


def _walk(
    container: Any,
    stream: Any,
    decoder: Any,
    result: ProbeResult,
    sample_every: float,
    wanted: Callable[[float], bool] | None,
    frame_numbers: list[int] | None = None,
    last_frame: bool = True,
    dhav_clock: Sequence[float] | None = None,
) -> float | None:
    """Demux every packet; returns the first timestamp in seconds (None: no timestamps).

    A frame's time is the time elapsed since the first frame. Where the timestamps go
    backwards (a recorder clock set back mid-recording: DHAV dates are its wall clock) the
    frames still follow each other one frame interval apart; the jump is reported, and the
    container's own clock per frame is kept in `raw_times`."""
    walk = _Walk(
        time_base=float(stream.time_base) if stream.time_base else None,
        nominal=1.0 / (result.declared_fps or RAW_STREAM_FPS),
        frame_numbers=frame_numbers,
        clock=dhav_clock,
        sample_every=sample_every,
    )
    try:
        for packet in container.demux(stream):
            if not packet.size:
                continue
            walk.advance(walk.seconds(packet))
            if packet.is_keyframe:
                _key_frame(walk, packet, decoder, result, wanted)
            else:
                walk.tail.append(packet)
            walk.count += 1
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        result.problems.append(
            msg(
                "the stream is damaged after {count} frames: {reason}",
                count=walk.count,
                reason=ffmpeg_reason(exc),
            )
        )
    if not walk.count:
        raise ProbeError("no picture in it")
    _frame_times(walk, result)
    if last_frame:
        last = _decode_last(decoder, walk.tail, walk.tail_start, result.frame_times, walk.reordered)
        if last is not None and (not result.samples or last.index != result.samples[-1].index):
            result.samples.append(last)
        elif last is None and walk.count > 1:
            result.problems.append(msg("the last frame cannot be decoded (damaged or cut short)"))
    return walk.first


def _key_frame(
    walk: _Walk,
    packet: Any,
    decoder: Any,
    result: ProbeResult,
    wanted: Callable[[float], bool] | None,
) -> None:
    """Note a key frame, and decode it when it is due as a sample. At most MAX_SAMPLES
    pictures are kept: past that, every other one is dropped and the interval doubles, so
    a recording of hours is sampled evenly in bounded memory."""
    walk.keys.append(walk.count)
    if packet.pos is not None and packet.pos >= 0:
        result.key_positions[walk.count] = packet.pos
    take = wanted(walk.elapsed) if wanted is not None else walk.elapsed >= walk.next_sample
    if not result.samples or take:
        image = _decode_one(decoder, packet)
        if image is not None:
            result.samples.append(SampledFrame(walk.count, walk.elapsed, image, True))
            if wanted is None and len(result.samples) > MAX_SAMPLES:
                result.samples = result.samples[::2]
                spacing = result.samples[1].time_s - result.samples[0].time_s
                walk.sample_every = max(walk.sample_every * 2, spacing)
            walk.next_sample = result.samples[-1].time_s + walk.sample_every
    walk.tail = [packet]
    walk.tail_start = walk.count


def _frame_times(walk: _Walk, result: ProbeResult) -> None:
    """Each frame's time, in presentation order."""
    raw, keys = walk.raw, walk.keys
    result.has_timestamps = walk.untimed < walk.count
    result.frame_count = walk.count
    result.key_frames = len(keys)
    result.key_indices = keys
    result.reordered = walk.reordered
    result.first_pts_s = walk.first or 0.0
    if walk.reordered:
        # B-frames: packets come in decode order; presentation order is the sorted times.
        if walk.untimed_at and walk.untimed < walk.count:
            raw = _fill_untimed(raw, walk.untimed_at)
        order = sorted(raw)
        result.raw_times = order
        result.frame_times = order
        result.samples = [
            SampledFrame(bisect.bisect_left(order, raw[s.index]), raw[s.index], s.image, s.key)
            for s in result.samples
        ]
        result.key_indices = sorted(bisect.bisect_left(order, raw[k]) for k in keys)
        result.key_positions = {
            bisect.bisect_left(order, raw[k]): pos for k, pos in result.key_positions.items()
        }
    else:
        result.raw_times = raw
        result.frame_times = walk.elapsed_times


def _fill_untimed(raw: list[float], untimed_at: list[int]) -> list[float]:
    """Times for the packets that had none, in a stream with B-frames. MPEG-PS need not
    stamp every picture (H.265 recorders and FFmpeg leave some out); counting on from the
    packet before, in decode order, lands on a time another picture has, and the clip read
    as a variable frame rate. The pictures without a time are the holes in the grid of the
    others' times, taken in order."""
    missing = set(untimed_at)
    timed = sorted(t for i, t in enumerate(raw) if i not in missing)
    steps = [b - a for a, b in itertools.pairwise(timed) if b > a]
    if not steps:
        return raw
    step = statistics.median(steps)
    holes: list[float] = []
    for a, b in itertools.pairwise(timed):
        holes += [a + k * step for k in range(1, round((b - a) / step))]
    last = timed[-1]
    while len(holes) < len(untimed_at):  # the last pictures of the clip
        last += step
        holes.append(last)
    filled = list(raw)
    for index, moment in zip(untimed_at, holes, strict=False):
        filled[index] = moment
    return filled


def _jump_limit(interval: float) -> float:
    """A step between pictures beyond this is a jump of the clock (a gap, or a leap when no
    picture is missing). One limit for both: the walk used another (3 intervals + 0.5 s),
    and a step between them (a clock set back mid-second restarts on the whole second: 0.56
    s) was counted into the clip's length and called a recording gap."""
    return max(3 * interval, interval + 0.5)


def _numbered_on(numbers: list[int] | None, index: int) -> bool:
    return (
        numbers is not None
        and 0 < index < len(numbers)
        and numbers[index] == numbers[index - 1] + 1
    )


def _decode_one(decoder: Any, packet: Any) -> Image | None:
    try:
        frames = list(decoder.decode(packet)) + list(decoder.decode(None))
    except (av.error.FFmpegError, ValueError):
        frames = []
    decoder.flush_buffers()
    if not frames:
        return None
    return frames[-1].to_ndarray(format="rgb24")


def _decode_last(
    decoder: Any, tail: list[Any], tail_start: int, times: list[float], reordered: bool
) -> SampledFrame | None:
    frames: list[Any] = []
    for packet in tail:
        try:
            frames.extend(decoder.decode(packet))
        except (av.error.FFmpegError, ValueError):
            continue
    with contextlib.suppress(av.error.FFmpegError, ValueError):
        frames.extend(decoder.decode(None))
    decoder.flush_buffers()
    if not frames:
        return None
    # Without reordering the n-th picture out is the n-th packet in; with it, the last
    # picture shown is the last of the clip.
    index = len(times) - 1 if reordered else min(tail_start + len(frames) - 1, len(times) - 1)
    image = frames[-1].to_ndarray(format="rgb24")
    return SampledFrame(index, times[index], image, len(frames) == 1)


def _container_clock(container: Any, stream: Any, result: ProbeResult) -> None:
    created = container.metadata.get("creation_time") or stream.metadata.get("creation_time")
    if created and result.container_time_kind == "":
        moment = _parse_creation_time(created)
        if moment is not None:
            result.container_start = moment
            result.container_time_kind = "creation_time"
            result.container_time_raw = created
        else:
            result.problems.append(msg("creation_time {value!r} is not a date", value=created))


def _parse_creation_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # Containers written without a clock say 1904-01-01 or 1970-01-01.
    if moment.year < 1990:
        return None
    return moment


def _intervals(result: ProbeResult) -> None:
    """Measured frame rate, and where the container's clock jumps (gaps, leaps, backwards)."""
    deltas = [b - a for a, b in itertools.pairwise(result.raw_times)]
    forward = [d for d in deltas if d > 0]
    typical = statistics.median(forward) if forward else None
    if not (result.has_timestamps and typical):
        return
    result.measured_fps = 1.0 / typical
    limit = _jump_limit(typical)
    steady = []
    elapsed = result.frame_times
    for index, delta in enumerate(deltas, start=1):
        if delta > limit and elapsed[index] - elapsed[index - 1] <= limit:
            result.leaps.append(Gap(elapsed[index - 1], delta - typical, index))
        elif delta > limit:
            result.gaps.append(Gap(elapsed[index - 1], delta - typical, index))
        elif delta < -0.5 * typical:
            result.backwards.append(Gap(elapsed[index - 1], delta - typical, index))
        elif delta > 0:
            steady.append(delta)
    if len(steady) > 2:
        spread = statistics.pstdev(steady) / statistics.fmean(steady)
        result.fps_variable = spread > 0.15


def _timing(result: ProbeResult, detection: Detection) -> None:
    times = result.raw_times
    _intervals(result)
    fps = _rate_problems(result)
    if result.fps_variable:
        result.problems.append(msg("variable frame rate: frame times are irregular"))
    if not result.has_timestamps:
        assumed = fps or RAW_STREAM_FPS
        if detection.format in (ClipFormat.RAW_H264, ClipFormat.RAW_H265):
            note = msg(
                "raw stream without timestamps: times assume {fps:.3g} frames/s", fps=assumed
            )
        else:  # e.g. a .dav whose every frame date is impossible (said by the DHAV walk)
            note = msg(
                "no picture has a usable timestamp: times assume {fps:.3g} frames/s", fps=assumed
            )
        result.problems.append(note)
    elapsed = result.frame_times
    result.duration_s = elapsed[-1] + result.frame_interval if elapsed else None
    if result.container_start is not None and result.duration_s is not None:
        if result.container_time_kind == "dhav" and times:
            # The recorder's clock at the end follows its jumps: the last frame's date.
            result.container_end = result.container_start + timedelta(
                seconds=times[-1] + result.frame_interval
            )
        else:
            result.container_end = result.container_start + timedelta(seconds=result.duration_s)
    _jump_problems(result)


def _rate_problems(result: ProbeResult) -> float | None:
    """The frame rate the clip's times use; implausible or inconsistent rates are problems."""
    fps = result.measured_fps or result.declared_fps
    if fps is None:
        result.fps_implausible = True
        result.problems.append(msg("no frame rate: neither declared nor measurable"))
    elif not MIN_PLAUSIBLE_FPS <= fps <= MAX_PLAUSIBLE_FPS:
        result.fps_implausible = True
        result.problems.append(msg("implausible frame rate {fps:.3g} frames/s", fps=fps))
    elif (
        result.declared_fps
        and result.measured_fps
        and abs(result.declared_fps - result.measured_fps) > 0.25 * result.measured_fps
    ):
        result.fps_implausible = True
        result.problems.append(
            msg(
                "declared frame rate {declared:.3g}/s but frames arrive at {measured:.3g}/s",
                declared=result.declared_fps,
                measured=result.measured_fps,
            )
        )
    return fps


def _jump_problems(result: ProbeResult) -> None:
    for gap in result.gaps:
        result.problems.append(
            msg(
                "recording gap of {seconds:.1f} s at {at:.1f} s (frame {frame})",
                seconds=gap.seconds,
                at=gap.at_s,
                frame=gap.frame,
            )
        )
    for leap in result.leaps:
        result.problems.append(
            msg(
                "the container's clock leaps forward {seconds:.1f} s at {at:.1f} s "
                "(frame {frame}) with no picture missing",
                seconds=leap.seconds,
                at=leap.at_s,
                frame=leap.frame,
            )
        )
    for back in result.backwards:
        result.problems.append(
            msg(
                "timestamps go back {seconds:.1f} s at {at:.1f} s (frame {frame})",
                seconds=-back.seconds,
                at=back.at_s,
                frame=back.frame,
            )
        )


def ffmpeg_reason(exc: BaseException) -> Message:
    """What FFmpeg (or the system) said, as a note: its words stay as they are."""
    if isinstance(exc, av.error.FFmpegError):
        text = os_reason(exc)
        if "moov" in str(exc) or "moov" in str(text):
            return msg("FFmpeg: {error} (the file is truncated or was not finished)", error=text)
        return msg("FFmpeg: {error}", error=text)
    return msg("read error: {error}", error=os_reason(exc))
