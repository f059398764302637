"""CCTV clips generated with ffmpeg, for the tests and the benchmark.

`testsrc2` under a burned-in recorder clock (`drawtext`) in the layouts recorders use, in any
font, colour and corner; wrapped as a plain container, as raw H.264/H.265, as Dahua DHAV
frames (FFmpeg's libavformat/dhav.c layout, with or without the 0x400-byte `DAHUA`
preamble), or as Hikvision MPEG-PS behind a 40-byte `IMKH` / `4HKH` header. The recorder's
clock can jump or stand still; it drives the on-screen clock and the DHAV frame dates alike,
as it does in a recorder.

The truth of every clip (the OSD text of its first frame, its clock events) comes back with
it, so a test or the benchmark can score what the workstation read.
"""

from __future__ import annotations

import math
import random
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/nanum"))
LATIN_FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSansCondensed.ttf",
    "NanumGothic.ttf",
    "NanumGothicCoding.ttf",
    "NanumBarunGothic.ttf",
    "NanumSquareR.ttf",
)
HANGUL_FONTS = (
    "NanumGothic.ttf",
    "NanumGothicBold.ttf",
    "NanumGothicCoding.ttf",
    "NanumBarunGothic.ttf",
    "NanumSquareR.ttf",
    "NanumMyeongjo.ttf",
)
KOREAN_WEEKDAYS = "월화수목금토일"
ENGLISH_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# What each layout shows: how the date part and the time part are written, and whether the
# hour is on a 12-hour dial (then AM/PM, or 오전/오후, is part of the text).
LAYOUTS = (
    "iso",  # 2021-06-08 08:33:12
    "slash",  # 2021/06/08 08:33:12
    "korean",  # 2021년 06월 08일 (화) 08:33:12
    "us_weekday",  # 06-08-2021 Tue 08:33:12
    "iso_12h",  # 2021-06-08 08:33:12 PM
    "korean_12h",  # 2021/06/08 오후 08:33:12
    "time_first",  # 08:33:12 2021.06.08
)
DHAV_VIDEO_CODEC = {"h264": 0x08, "hevc": 0x0C}


def font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"font {name} is not installed (fonts-dejavu, fonts-nanum)")


@dataclass(frozen=True)
class OsdStyle:
    layout: str = "iso"
    font: str = "DejaVuSans.ttf"
    size: int = 30
    colour: str = "white"
    border: int = 2  # outline width in pixels, 0 for none
    border_colour: str = "black"
    box_colour: str | None = None  # a filled box behind the text
    position: str = "top-left"  # top-left | top-right | bottom-left | bottom-right | top-center
    margin: int = 16


@dataclass(frozen=True)
class ClockEvent:
    """What the recorder's clock does at `at` seconds into the clip: "jump" by `seconds`
    (negative: backwards), or "stall" (stands still for `seconds`, then runs on)."""

    at: float
    kind: str
    seconds: float


@dataclass(frozen=True)
class ClipSpec:
    start: datetime  # the recorder's wall clock at the first frame (naive: recorders have no zone)
    duration: float = 4.0
    fps: float = 25.0
    size: tuple[int, int] = (640, 360)
    osd: OsdStyle | None = field(default_factory=OsdStyle)
    events: tuple[ClockEvent, ...] = ()
    codec: str = "h264"
    gop: int = 50
    bitrate: str = "600k"
    pattern: str = "testsrc2"  # or e.g. "smptehdbars", "mandelbrot" for a different scene


@dataclass(frozen=True)
class Segment:
    """A stretch of the clip over which the shown clock is one expression: running from
    `value` at `t0`, or standing at `value`."""

    t0: float
    t1: float
    value: datetime
    running: bool

    def at(self, t: float) -> datetime:
        return self.value + timedelta(seconds=t - self.t0) if self.running else self.value


def clock_segments(spec: ClipSpec) -> list[Segment]:
    """The recorder's clock over the clip, split wherever the shown date, weekday or AM/PM
    changes (those parts are written as literal text, the running seconds are not)."""
    segments: list[Segment] = []
    t, value, running = 0.0, spec.start, True
    for event in sorted(spec.events, key=lambda e: e.at):
        segments.append(Segment(t, event.at, value, running))
        value = segments[-1].at(event.at)
        t = event.at
        if event.kind == "jump":
            value += timedelta(seconds=event.seconds)
            running = True
        elif event.kind == "stall":
            segments.append(Segment(t, t + event.seconds, value, False))
            t += event.seconds
            running = True
        else:
            raise ValueError(f"unknown clock event {event.kind}")
    segments.append(Segment(t, spec.duration, value, running))
    return [piece for s in segments if s.t1 > s.t0 for piece in _split_at_half_days(s)]


def _split_at_half_days(segment: Segment) -> list[Segment]:
    if not segment.running:
        return [segment]
    pieces = []
    t0, value = segment.t0, segment.value
    while True:
        day = value.replace(hour=0, minute=0, second=0, microsecond=0)
        boundary = day + timedelta(hours=12 if value.hour < 12 else 24)
        t_boundary = t0 + (boundary - value).total_seconds()
        if t_boundary >= segment.t1:
            pieces.append(Segment(t0, segment.t1, value, True))
            return pieces
        pieces.append(Segment(t0, t_boundary, value, True))
        t0, value = t_boundary, boundary


def shown_text(layout: str, moment: datetime) -> str:
    """The OSD text a recorder shows at `moment` (whole seconds)."""
    return _date_part(layout, moment, _time_part(layout, moment.strftime("%H:%M:%S"), moment))


def _time_part(layout: str, hms: str, moment: datetime) -> str:
    if layout in ("iso_12h", "korean_12h"):
        hour = moment.hour % 12 or 12
        return f"{hour:02d}{hms[2:]}"
    return hms


def _date_part(layout: str, moment: datetime, clock: str) -> str:
    y, m, d = moment.year, moment.month, moment.day
    if layout == "iso":
        return f"{y:04d}-{m:02d}-{d:02d} {clock}"
    if layout == "slash":
        return f"{y:04d}/{m:02d}/{d:02d} {clock}"
    if layout == "korean":
        weekday = KOREAN_WEEKDAYS[moment.weekday()]
        return f"{y:04d}년 {m:02d}월 {d:02d}일 ({weekday}) {clock}"
    if layout == "us_weekday":
        return f"{m:02d}-{d:02d}-{y:04d} {ENGLISH_WEEKDAYS[moment.weekday()]} {clock}"
    if layout == "iso_12h":
        return f"{y:04d}-{m:02d}-{d:02d} {clock} {'PM' if moment.hour >= 12 else 'AM'}"
    if layout == "korean_12h":
        return f"{y:04d}/{m:02d}/{d:02d} {'오후' if moment.hour >= 12 else '오전'} {clock}"
    if layout == "time_first":
        return f"{clock} {y:04d}.{m:02d}.{d:02d}"
    raise ValueError(f"unknown layout {layout}")


def _expansion(segment: Segment, layout: str) -> str:
    """drawtext text for one segment: the date literal, the seconds from the frame's pts."""
    if not segment.running:
        return _escape_literal(shown_text(layout, segment.value))
    epoch = (segment.value - datetime(1970, 1, 1)).total_seconds() - segment.t0
    hour = "%I" if layout in ("iso_12h", "korean_12h") else "%H"
    running = "%{pts:gmtime:" + f"{epoch:.6f}" + ":" + hour + r"\:%M\:%S}"
    marker = "\x00"
    text = _escape_literal(_date_part(layout, segment.value, marker))
    return text.replace(marker, running)


def _escape_literal(text: str) -> str:
    # Literal text in a textfile is still expanded: '%' and '\' must be escaped.
    return text.replace("\\", "\\\\").replace("%", "\\%")


def _position(style: OsdStyle) -> tuple[str, str]:
    m = style.margin
    x = {
        "top-left": str(m),
        "bottom-left": str(m),
        "top-right": f"w-tw-{m}",
        "bottom-right": f"w-tw-{m}",
        "top-center": "(w-tw)/2",
        "bottom-center": "(w-tw)/2",
    }[style.position]
    y = f"h-th-{m}" if style.position.startswith("bottom") else str(m)
    return x, y


def _filters(spec: ClipSpec, workdir: Path) -> str:
    if spec.osd is None:
        return "null"
    style = spec.osd
    x, y = _position(style)
    font = font_path(style.font)
    parts = []
    half = 0.5 / spec.fps
    for number, segment in enumerate(clock_segments(spec)):
        textfile = workdir / f"osd{number}.txt"
        textfile.write_text(_expansion(segment, style.layout), encoding="utf-8")
        options = [
            f"fontfile={font}",
            f"textfile={textfile}",
            f"fontsize={style.size}",
            f"fontcolor={style.colour}",
            f"x={x}",
            f"y={y}",
            # A frame belongs to the segment its pts falls in (half a frame of slack).
            f"enable='gte(t,{segment.t0 - half:.6f})*lt(t,{segment.t1 - half:.6f})'",
        ]
        if style.border:
            options += [f"borderw={style.border}", f"bordercolor={style.border_colour}"]
        if style.box_colour:
            options += ["box=1", f"boxcolor={style.box_colour}", "boxborderw=6"]
        parts.append("drawtext=" + ":".join(options))
    return ",".join(parts)


def _encoder(spec: ClipSpec) -> list[str]:
    if spec.codec == "h264":
        return [
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
            "-x264-params", "repeat-headers=1",
        ]  # fmt: skip
    if spec.codec == "hevc":
        return [
            "-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "repeat-headers=1:log-level=error",
        ]  # fmt: skip
    raise ValueError(f"unknown codec {spec.codec}")


def encode(spec: ClipSpec, out: Path, fmt: str, metadata: dict[str, str] | None = None) -> Path:
    """Render the clip into `out` with ffmpeg muxer `fmt` (mp4, mov, avi, matroska, h264,
    hevc, mpeg, mpegts)."""
    width, height = spec.size
    source = f"{spec.pattern}=size={width}x{height}:rate={spec.fps}:duration={spec.duration}"
    with tempfile.TemporaryDirectory(prefix="cctvgen") as tmp:
        command = [
            "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", source, "-vf", _filters(spec, Path(tmp)),
            *_encoder(spec), "-g", str(spec.gop), "-pix_fmt", "yuv420p", "-threads", "1",
            "-b:v", spec.bitrate,
        ]  # fmt: skip
        for key, value in (metadata or {}).items():
            command += ["-metadata", f"{key}={value}"]
        command += ["-f", fmt, str(out)]
        subprocess.run(command, check=True, capture_output=True)
    return out


# ---- Dahua DHAV ----------------------------------------------------------------------------
def dhav_date(moment: datetime) -> int:
    """The packed date of a DHAV frame header (6-bit seconds up to 6-bit year - 2000)."""
    return (
        moment.second
        | moment.minute << 6
        | moment.hour << 12
        | moment.day << 17
        | moment.month << 22
        | (moment.year - 2000) << 26
    )


def dhav_frame(
    payload: bytes,
    *,
    key: bool,
    channel_byte: int,
    number: int,
    moment: datetime,
    millis: int,
    width: int,
    height: int,
    fps: int,
    codec: str = "h264",
) -> bytes:
    """One DHAV frame: 24-byte header, extension tags on key frames, payload, `dhav` trailer."""
    ext = b""
    if key:
        ext = bytes([0x82, 0, 0, 0]) + struct.pack("<HH", width, height)
        ext += bytes([0x81, 0, DHAV_VIDEO_CODEC[codec], fps])
    length = 24 + len(ext) + len(payload) + 8
    head = b"DHAV" + bytes([0xFD if key else 0xFC, 0, channel_byte, 0])
    head += struct.pack("<III", number, length, dhav_date(moment))
    head += struct.pack("<HB", millis & 0xFFFF, len(ext))
    head += bytes([sum(head) & 0xFF])
    return head + ext + payload + b"dhav" + struct.pack("<I", length)


def access_units(raw: Path, codec: str) -> list[tuple[bytes, bool]]:
    """The (bytes, is key frame) of each picture of a raw Annex B stream, via PyAV's parser."""
    import av

    with av.open(str(raw), format=codec) as container:
        return [
            (bytes(packet), bool(packet.is_keyframe))
            for packet in container.demux(video=0)
            if packet.size
        ]


def make_dhav(
    spec: ClipSpec,
    out: Path,
    *,
    channel: int = 1,
    preamble: bool = False,
    units: Sequence[tuple[bytes, bool]] | None = None,
    times: Sequence[float] | None = None,
    declared_fps: int | None = None,
    numbers: Sequence[int] | None = None,
) -> Path:
    """A Dahua .dav: each picture in a DHAV frame dated by the recorder's clock. `times`:
    when each picture was recorded, in seconds from the start (default: one per 1/fps), for
    gaps and irregular frame rates; `declared_fps`: the rate written in the header tags;
    `numbers`: the frame numbers (default 1, 2, 3...; skip some for missing pictures)."""
    if units is None:
        with tempfile.TemporaryDirectory(prefix="cctvgen") as tmp:
            raw = encode(spec, Path(tmp) / "clip.raw", spec.codec)
            units = access_units(raw, spec.codec)
    segments = clock_segments(spec)
    width, height = spec.size
    with out.open("wb") as handle:
        if preamble:
            handle.write(b"DAHUA".ljust(0x400, b"\x00"))
        for number, (payload, key) in enumerate(units):
            t = times[number] if times is not None else number / spec.fps
            moment = _segment_at(segments, t).at(t)
            handle.write(
                dhav_frame(
                    payload,
                    key=key,
                    channel_byte=channel - 1,
                    number=numbers[number] if numbers is not None else number + 1,
                    moment=moment.replace(microsecond=0),
                    millis=round(t * 1000),
                    width=width,
                    height=height,
                    fps=declared_fps if declared_fps is not None else round(spec.fps),
                    codec=spec.codec,
                )
            )
    return out


def _segment_at(segments: Sequence[Segment], t: float) -> Segment:
    for segment in segments:
        if segment.t0 <= t < segment.t1:
            return segment
    return segments[-1]


# ---- Hikvision ------------------------------------------------------------------------------
def hikvision_header(magic: bytes = b"IMKH", codec: str = "h264") -> bytes:
    """The 40-byte file header Hikvision writes before its MPEG-PS (`IMKH` on converted
    exports, `4HKH` on original recordings): version, system format (2 = PS), video codec
    (0x0100 H.264, 0x0005 H.265), G.711 audio, 8 kHz."""
    video = 0x0100 if codec == "h264" else 0x0005
    body = struct.pack("<HHHHBBIIH", 0x0101, 0x0002, video, 0x7110, 1, 16, 8000, 64000, 0)
    return (magic + body).ljust(40, b"\x00")


def make_hikvision(spec: ClipSpec, out: Path, *, magic: bytes = b"IMKH") -> Path:
    with tempfile.TemporaryDirectory(prefix="cctvgen") as tmp:
        ps = encode(spec, Path(tmp) / "clip.ps", "mpeg")
        with out.open("wb") as handle, ps.open("rb") as source:
            handle.write(hikvision_header(magic, spec.codec))
            shutil.copyfileobj(source, handle)
    return out


# ---- one call for any kind ------------------------------------------------------------------
KINDS = ("mp4", "mov", "avi", "mkv", "h264", "hevc", "dhav", "dhav_preamble", "imkh", "4hkh")


def make_clip(spec: ClipSpec, out: Path, kind: str, *, channel: int = 1) -> Path:
    """`kind`: mp4 (with the recorder's clock as creation_time, as recorders write it),
    mov, avi, mkv, h264 / hevc (raw), dhav, dhav_preamble, imkh, 4hkh."""
    if kind in ("mp4", "mov"):
        stamp = spec.start.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        return encode(spec, out, kind, {"creation_time": stamp})
    if kind == "avi":
        return encode(spec, out, "avi")
    if kind == "mkv":
        return encode(spec, out, "matroska")
    if kind in ("h264", "hevc"):
        return encode(spec, out, kind)
    if kind in ("dhav", "dhav_preamble"):
        return make_dhav(spec, out, channel=channel, preamble=kind == "dhav_preamble")
    if kind in ("imkh", "4hkh"):
        return make_hikvision(spec, out, magic=kind.upper().encode())
    raise ValueError(f"unknown kind {kind}")


def split_dhav(source: Path, folder: Path, frames_per_fragment: int, name: str) -> list[Path]:
    """Cut a .dav at DHAV frame boundaries into many small files, as recorders that export
    per event or per I-frame group do. Each fragment starts at a key frame when the source
    has one there."""
    data = source.read_bytes()
    offsets = []
    offset = 0
    while offset + 24 <= len(data) and data[offset : offset + 4] == b"DHAV":
        offsets.append(offset)
        offset += struct.unpack_from("<I", data, offset + 12)[0]
    offsets.append(offset)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    count = math.ceil((len(offsets) - 1) / frames_per_fragment)
    for index in range(count):
        first = offsets[index * frames_per_fragment]
        last = offsets[min((index + 1) * frames_per_fragment, len(offsets) - 1)]
        path = folder / name.format(index=index)
        path.write_bytes(data[first:last])
        paths.append(path)
    return paths


# ---- many cameras, many styles (the benchmark) ----------------------------------------------
# Recorders draw their clock in white with a dark outline more often than not; the rest of
# the palette is what recorder menus offer (yellow, cyan, green), or text on a box.
COLOURS = (
    ("white", 2, None, 0.40),
    ("yellow", 2, None, 0.12),
    ("cyan", 2, None, 0.08),
    ("0x80ff80", 2, None, 0.08),
    ("white", 0, "black@0.55", 0.12),
    ("black", 0, "white@0.85", 0.10),
    ("white", 1, None, 0.10),
)
POSITIONS = ("top-left", "top-right", "bottom-left", "bottom-right", "top-center")


def random_style(rng: random.Random, height: int = 720) -> OsdStyle:
    """An OSD as some recorder might draw it: layout, font, colour, outline or box, corner."""
    layout = rng.choice(LAYOUTS)
    font = rng.choice(HANGUL_FONTS if layout.startswith("korean") else LATIN_FONTS)
    colour, border, box, _ = rng.choices(COLOURS, weights=[c[3] for c in COLOURS])[0]
    if border:
        border = rng.choice((1, 2, 2, 3))
    scale = height / 720
    return OsdStyle(
        layout=layout,
        font=font,
        size=round(rng.randint(24, 40) * scale),
        colour=colour,
        border=border,
        box_colour=box,
        position=rng.choice(POSITIONS),
        margin=round(rng.randint(10, 40) * scale),
    )
