"""The frame structure of a Dahua .dav, read directly: FFmpeg's dhav demuxer gives the
pictures and their wall-clock times but not the channel byte or whether the file was cut
short. Layout as in FFmpeg's libavformat/dhav.c (domain.md §3):

    0  'DHAV'   4  type (0xfd key, 0xfc P, 0xf0 audio, 0xf1 skip)   5 subtype
    6  channel  7  sub-number   8 frame number (u32)   12 frame length (u32, whole frame)
    16 packed date (u32)   20 millisecond counter (u16)   22 extension length   23 checksum
    24 extension tags, payload, then 'dhav' + the frame length again.
"""

from __future__ import annotations

import io
import math
import mmap
import struct
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from forensics_app.messages import Message, msg, msg_n

HEADER = struct.Struct("<4sBBBBIII")  # magic, type, subtype, channel, sub, number, length, date
MILLIS = struct.Struct("<H")  # after the header: the millisecond counter
EPOCH = datetime(1970, 1, 1)
TRAILER = 8
MIN_FRAME = 24 + TRAILER
VIDEO_TYPES = (0xFD, 0xFC)
KNOWN_TYPES = (0xFD, 0xFC, 0xF0, 0xF1)
MAX_RESYNC = 1 << 20  # look this far for the next frame after damage
PADDING_BLOCK = 1 << 20
RELEASE_EVERY = 64 << 20


def unpack_date(value: int) -> datetime | None:
    """The recorder's wall clock of a frame (no zone); None when the bits are not a date."""
    try:
        return datetime(
            ((value >> 26) & 0x3F) + 2000,
            (value >> 22) & 0x0F,
            (value >> 17) & 0x1F,
            (value >> 12) & 0x1F,
            (value >> 6) & 0x3F,
            value & 0x3F,
        )
    except ValueError:
        return None


@dataclass
class DhavScan:
    frames: int = 0
    video_frames: int = 0
    key_frames: int = 0
    audio_frames: int = 0
    channel_bytes: dict[int, int] = field(default_factory=dict)  # byte -> video frames
    first_date: datetime | None = None  # of the first video frame
    last_date: datetime | None = None  # of the last complete video frame
    bad_dates: int = 0
    numbering_gaps: int = 0  # places where the frame number skips
    damaged_bytes: int = 0  # skipped to find the next frame
    truncated: bool = False  # the last frame is cut short
    bad_trailers: int = 0
    problems: list[Message] = field(default_factory=list)
    # Per channel byte: each video frame's frame number, and where each frame (video and
    # audio) lies in the file (offset, length, offset, length…). A recorder that writes
    # several cameras into one file interleaves their frames; each is numbered on its own.
    channel_numbers: dict[int, list[int]] = field(default_factory=dict)
    channel_frames: dict[int, array[int]] = field(default_factory=dict)
    # Per channel byte: the recorder's clock at each of its video frames, in ms since 1970
    # (naive wall clock read as if UTC), as FFmpeg's dhav demuxer counts it: the frame's
    # date, and within one second the millisecond counter's steps. NaN where the date is
    # impossible: FFmpeg makes a time of it anyway (month 15 comes out in 2064) and counts
    # the next frames from there, so the clock is read here, past such frames.
    channel_clock: dict[int, array[float]] = field(default_factory=dict)

    @property
    def channel_byte(self) -> int | None:
        """The channel the pictures are read from: the first one (the lowest byte) when the
        file holds several (FFmpeg's dhav demuxer would mix their pictures into one)."""
        return min(self.channel_bytes) if self.channel_bytes else None

    @property
    def numbers(self) -> list[int]:
        """The frame number of each video frame of the channel read."""
        chosen = self.channel_byte
        return self.channel_numbers.get(chosen, []) if chosen is not None else []

    @property
    def clock(self) -> array[float] | None:
        """The recorder's clock (ms) at each video frame of the channel read."""
        chosen = self.channel_byte
        return self.channel_clock.get(chosen) if chosen is not None else None

    @property
    def several_channels(self) -> bool:
        return len(self.channel_bytes) > 1

    def frames_of_channel_read(self) -> array[int] | None:
        """Where the frames of the channel read lie, when the file holds several (else None:
        the whole file is that channel)."""
        chosen = self.channel_byte
        return (
            self.channel_frames.get(chosen)
            if self.several_channels and chosen is not None
            else None
        )


class ChannelView(io.RawIOBase):
    """One channel of a multi-channel .dav as a file of its own: the frames at `frames`
    (offset, length pairs) one after the other, read from the file as asked. FFmpeg's dhav
    demuxer reads it like any .dav; nothing is copied and the evidence is only read."""

    def __init__(self, path: Path, frames: array[int], start: int = 0) -> None:
        """`start`: where the view begins (a key frame's position in it), as OffsetFile."""
        super().__init__()
        self._file = path.open("rb")
        self._offsets = frames[0::2]
        self._lengths = frames[1::2]
        starts = array("Q", [0])
        for length in self._lengths:
            starts.append(starts[-1] + length)
        self._starts = starts  # where each frame begins in the view; the last is its size
        self._start = start
        self._position = start

    @property
    def size(self) -> int:
        return self._starts[-1]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position - self._start

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: self._start, io.SEEK_CUR: self._position, io.SEEK_END: self.size}
        self._position = max(self._start, base[whence] + offset)
        return self._position - self._start

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = len(buffer)
        done = 0
        view = memoryview(buffer).cast("B")
        while done < wanted and self._position < self.size:
            index = bisect_right(self._starts, self._position) - 1
            inside = self._position - self._starts[index]
            count = min(wanted - done, self._lengths[index] - inside)
            self._file.seek(self._offsets[index] + inside)
            got = self._file.readinto(view[done : done + count])
            if not got:
                break
            done += got
            self._position += got
        return done

    def close(self) -> None:
        self._file.close()
        super().close()


def scan(path: Path, start: int = 0) -> DhavScan:
    """Walk every frame header from `start` (0, or 0x400 after a DAHUA preamble)."""
    result = DhavScan()
    with path.open("rb") as handle:
        size = path.stat().st_size
        if size <= start:
            result.truncated = True
            result.problems.append(msg("no DHAV frame after the header"))
            return result
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _walk(data, start, size, result)
    if result.truncated:
        result.problems.append(msg("the last DHAV frame is cut short: the file is truncated"))
    if result.damaged_bytes:
        result.problems.append(
            msg(
                "{count} bytes between frames are not DHAV frames (damage)",
                count=result.damaged_bytes,
            )
        )
    if result.bad_trailers:
        result.problems.append(
            msg("{count} DHAV frames with a wrong trailer", count=result.bad_trailers)
        )
    if result.bad_dates:
        result.problems.append(
            msg_n(
                result.bad_dates,
                "{count} DHAV frame carries an impossible date",
                "{count} DHAV frames carry an impossible date",
            )
        )
    if result.several_channels:
        listed = ", ".join(str(b) for b in sorted(result.channel_bytes))
        result.problems.append(
            msg(
                "the file holds {count} channels (DHAV channel bytes {listed}): only the "
                "pictures of byte {chosen} are read, the other channels are not",
                count=len(result.channel_bytes),
                listed=listed,
                chosen=result.channel_byte,
            )
        )
    return result


def _walk(data: mmap.mmap, offset: int, size: int, result: DhavScan) -> None:
    last_numbers: dict[int, int] = {}  # per channel byte
    clocks: dict[int, _Clock] = {}
    released = offset  # the pages before this are let go as the walk passes them
    while offset < size:
        if size - offset < HEADER.size:
            result.truncated = True
            return
        magic, kind, _sub, channel, _subnumber, number, length, date = HEADER.unpack_from(
            data, offset
        )
        if magic != b"DHAV" or kind not in KNOWN_TYPES or length < MIN_FRAME:
            found = data.find(b"DHAV", offset + 1, min(size, offset + MAX_RESYNC))
            if found < 0:
                # Trailing bytes that are not a frame: a cut-off frame, or padding.
                if _has_data(data, offset, size):
                    result.damaged_bytes += size - offset
                return
            result.damaged_bytes += found - offset
            offset = found
            continue
        if offset + length > size:
            result.truncated = True
            return
        result.frames += 1
        result.channel_frames.setdefault(channel, array("Q")).extend((offset, length))
        trailer = data[offset + length - TRAILER : offset + length]
        if trailer[:4] != b"dhav" or struct.unpack("<I", trailer[4:])[0] != length:
            result.bad_trailers += 1
        if kind in VIDEO_TYPES:
            result.key_frames += kind == 0xFD
            millis = MILLIS.unpack_from(data, offset + HEADER.size)[0]
            clock = clocks.setdefault(channel, _Clock())
            _video_frame(result, channel, number, unpack_date(date), clock.at(date, millis))
            last_number = last_numbers.get(channel)
            if last_number is not None and number != last_number + 1:
                result.numbering_gaps += 1
            last_numbers[channel] = number
        elif kind == 0xF0:
            result.audio_frames += 1
        offset += length
        if offset - released >= RELEASE_EVERY:
            _release(data, released, offset)
            released = offset


@dataclass
class _Clock:
    """One channel's recorder clock, counted frame by frame as FFmpeg's dhav demuxer does:
    a frame whose date differs from the last one starts at that date's whole second; within
    a second the clock moves on by the 16-bit millisecond counter."""

    date: int | None = None  # the packed date of the last frame with a possible one
    millis: int = 0  # its millisecond counter
    ms: float = math.nan  # its time

    def at(self, date: int, millis: int) -> float:
        """The time of a frame (NaN when its date is impossible; the clock stays put)."""
        if date == self.date:
            self.ms += (millis - self.millis) & 0xFFFF
        else:
            moment = unpack_date(date)
            if moment is None:
                return math.nan
            self.ms = (moment - EPOCH).total_seconds() * 1000
            self.date = date
        self.millis = millis
        return self.ms


def _video_frame(
    result: DhavScan, channel: int, number: int, moment: datetime | None, ms: float
) -> None:
    """Count one video frame of `channel`, with its date (None: impossible) and time."""
    result.video_frames += 1
    result.channel_bytes[channel] = result.channel_bytes.get(channel, 0) + 1
    result.channel_numbers.setdefault(channel, []).append(number)
    result.channel_clock.setdefault(channel, array("d")).append(ms)
    if moment is None:
        result.bad_dates += 1
        return
    if result.first_date is None:
        result.first_date = moment
    result.last_date = moment


def _has_data(data: mmap.mmap, start: int, end: int) -> bool:
    """Is any byte of data[start:end] not zero? Read a block at a time: recorders preallocate
    their files, and a slice of gigabytes of zero padding would be copied into memory whole."""
    for block in range(start, end, PADDING_BLOCK):
        chunk = data[block : min(end, block + PADDING_BLOCK)]
        if chunk.count(0) != len(chunk):
            return True
        _release(data, block, block + len(chunk))
    return False


def _release(data: mmap.mmap, start: int, end: int) -> None:
    """Let the pages of data[start:end] go: read once, they stayed mapped, and a 20 GB
    preallocated .dav held 10 GB resident (page cache, but counted against the process)."""
    if not hasattr(mmap, "MADV_DONTNEED"):
        return
    first = start - start % mmap.PAGESIZE
    if end > first:
        data.madvise(mmap.MADV_DONTNEED, first, end - first)
