"""The on-screen clock: found without help in the layouts recorders use, checked for
consistency, jumps pinned to the frame, and an unreadable clock said so."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from forensics_app.cctv import dhav
from forensics_app.cctv.detect import ClipFormat, detect
from forensics_app.cctv.frames import FrameReader
from forensics_app.cctv.osd import OsdResult, OsdSettings, Region, read_osd
from forensics_app.cctv.osd_text import parse_osd
from forensics_app.cctv.probe import probe
from tests.cctv.conftest import START, MakeClip, small
from tests.cctv.generator import ClipSpec, ClockEvent, OsdStyle


def read(clip: Path, settings: OsdSettings | None = None, every: float = 5.0) -> OsdResult:
    detection = detect(clip)
    numbers = dhav.scan(clip).numbers if detection.format == ClipFormat.DAHUA_DAV else None
    info = probe(clip, detection, sample_every=every, frame_numbers=numbers)
    samples = [(s.index, s.time_s, s.image) for s in info.samples]
    with FrameReader(clip, detection, info) as reader:
        return read_osd(samples, settings, fetch=reader.fetch)


STYLES = [
    OsdStyle("iso", "DejaVuSans.ttf", 26, "white", 2, position="top-left"),
    OsdStyle("slash", "DejaVuSansMono-Bold.ttf", 24, "yellow", 2, position="bottom-right"),
    OsdStyle("korean", "NanumGothic.ttf", 26, "white", 2, position="top-right"),
    OsdStyle("us_weekday", "DejaVuSansCondensed.ttf", 24, "white", 1, position="bottom-left"),
    OsdStyle("iso_12h", "DejaVuSans-Bold.ttf", 22, "black", 0, box_colour="white@0.9"),
    OsdStyle("korean_12h", "NanumBarunGothic.ttf", 26, "white", 2, position="top-center"),
    OsdStyle("time_first", "NanumSquareR.ttf", 24, "cyan", 2, position="bottom-left"),
]


@pytest.mark.parametrize("style", STYLES, ids=[s.layout for s in STYLES])
def test_the_clock_is_found_and_read_in_each_layout(make: MakeClip, style: OsdStyle) -> None:
    start = datetime(2021, 6, 8, 13, 5, 58)  # afternoon: 12-hour clocks say PM / 오후
    clip = make("mp4", small(start, duration=3, osd=style))
    result = read(clip)
    assert result.status == "ok", result.message
    assert result.first == start
    assert result.last == start + timedelta(seconds=2)  # the last frame is at 2.96 s
    assert result.settings is not None
    assert result.settings.twelve_hour == style.layout.endswith("12h")
    again = read(clip, result.settings)  # remembered for the camera: no search
    assert again.first == start and again.settings == result.settings


def test_jumps_forward_and_back_are_pinned_to_the_frame(make: MakeClip) -> None:
    forward = make("dhav", small(duration=5, events=(ClockEvent(2.2, "jump", 3600),)))
    result = read(forward)
    assert result.status == "inconsistent"
    (event,) = result.events
    assert (event.kind, event.frame) == ("jump", 55)
    assert event.seconds == pytest.approx(3600, abs=1)
    assert result.first == START and result.last == START + timedelta(seconds=3604)
    said = "the recorder's clock jumps +1:00:00 at 00:00:02 into the clip (frame 55)"
    assert said in result.message

    back = make("mp4", small(duration=5, events=(ClockEvent(1.6, "jump", -45),)))
    (event,) = read(back).events
    assert (event.kind, event.frame) == ("backwards", 40)
    assert event.seconds == pytest.approx(-45, abs=1)
    modelled = read(back).at(3.0)  # the fitted clock: right to within the second it ticks
    assert modelled is not None
    assert abs((modelled - (START + timedelta(seconds=3 - 45))).total_seconds()) <= 1


def test_a_clock_standing_still_is_reported(make: MakeClip) -> None:
    clip = make("mp4", small(duration=8, events=(ClockEvent(2.0, "stall", 4.0),)))
    result = read(clip, every=2.0)
    stops = [e for e in result.events if e.kind == "stopped"]
    assert len(stops) == 1, result.message
    assert 2.0 <= stops[0].at_s <= 3.1 and stops[0].seconds >= 2.5
    assert stops[0].before == START + timedelta(seconds=2)
    assert "stood still" in result.message
    # Sampled as sparsely as an import does (first and last frame, then pinned down): the
    # display held 08:33:14 on both sides of the change, so it stood still, not went back.
    sparse = read(clip, every=10.0)
    (event,) = sparse.events
    assert (event.kind, event.before, event.after) == ("stopped", START + timedelta(seconds=2),
                                                       START + timedelta(seconds=2))  # fmt: skip
    assert event.seconds == pytest.approx(4, abs=1) and 1.5 <= event.at_s <= 2.5
    assert "stood still" in sparse.message and "back" not in sparse.message


def test_no_clock_on_screen_is_said_per_clip(make: MakeClip) -> None:
    clip = make("mp4", ClipSpec(start=START, duration=2, size=(640, 360), osd=None))
    result = read(clip)
    assert result.status == "unreadable" and result.first is None
    assert "no date and time found on screen" in result.message


def test_a_region_drawn_by_the_examiner_is_used(make: MakeClip) -> None:
    style = OsdStyle("iso", "DejaVuSans.ttf", 22, "white", 2, position="bottom-right")
    clip = make("mp4", small(duration=2, osd=style))
    drawn = OsdSettings(Region(0.45, 0.8, 0.55, 0.2), drawn_by_examiner=True)
    result = read(clip, drawn)
    assert result.first == START
    assert result.settings is not None and result.settings.region == drawn.region


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-06-08 08:33:12", datetime(2021, 6, 8, 8, 33, 12)),
        ("2O21/O6/O8 O8:33:l2", datetime(2021, 6, 8, 8, 33, 12)),
        ("2021년 06월 08일 (화) 08:33:12", datetime(2021, 6, 8, 8, 33, 12)),
        ("06-08-2021 Tue 08:33:12", datetime(2021, 6, 8, 8, 33, 12)),
        ("06-08-2021 Fri 08:33:12", datetime(2021, 8, 6, 8, 33, 12)),  # the weekday decides
        ("2021-06-08 08:33:12 PM", datetime(2021, 6, 8, 20, 33, 12)),
        ("2021/06/08 오전 12:03:12", datetime(2021, 6, 8, 0, 3, 12)),
        ("08:33:12 2021.06.08", datetime(2021, 6, 8, 8, 33, 12)),
        ("2021-06-08:08:33:12", datetime(2021, 6, 8, 8, 33, 12)),  # space read as a colon
        ("2022/1 1/07 06:48: 10", datetime(2022, 11, 7, 6, 48, 10)),
    ],
)
def test_ocr_text_is_parsed(text: str, expected: datetime) -> None:
    assert parse_osd(text).value == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2021-13-08 08:33:12", "not a real date"),
        ("2021-06-08 25:33:12", "not a time"),
        ("2021-06-08 (금) 08:33:12", "weekday"),
        ("08:33:12", "no date"),
        ("camera 1", "no time"),
        ("2021-06-08 08:33:12", "without AM/PM"),
    ],
)
def test_text_that_is_not_a_clock_reading_says_why(text: str, why: str) -> None:
    parsed = parse_osd(text, twelve_hour=why == "without AM/PM")
    assert parsed.value is None and why in parsed.note
