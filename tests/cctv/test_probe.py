"""Container facts, frame times, container clocks, gaps and frame-rate checks; frames by
number, bit-identical to a plain decode."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image as PILImage

from forensics_app.cctv import dhav
from forensics_app.cctv.detect import DEMUXER, detect
from forensics_app.cctv.frames import FrameReader, contact_sheet, still_png
from forensics_app.cctv.probe import ProbeError, probe
from tests.cctv.conftest import START, MakeClip, small
from tests.cctv.generator import ClipSpec, ClockEvent, make_dhav


@pytest.mark.parametrize(
    "kind", ["mp4", "mov", "avi", "mkv", "h264", "dhav", "dhav_preamble", "imkh", "4hkh"]
)
def test_every_format_gives_its_pictures_and_times(make: MakeClip, kind: str) -> None:
    clip = make(kind, small(duration=2))
    info = probe(clip, detect(clip))
    assert info.video_codec == "h264"
    assert (info.width, info.height) == (640, 360)
    assert info.frame_count == 50 and info.key_frames == 2
    assert info.duration_s == pytest.approx(2.0, abs=0.05)
    assert info.frame_times[0] == 0 and info.frame_times[-1] == pytest.approx(1.96, abs=0.01)
    assert not info.fps_implausible and not info.fps_variable
    assert info.samples[0].index == 0 and info.samples[-1].index == 49
    if kind == "h264":
        assert not info.has_timestamps
        assert any("raw stream without timestamps" in str(p) for p in info.problems)
    else:
        assert info.has_timestamps and info.measured_fps == pytest.approx(25, rel=0.01)
        assert not info.problems


def test_container_clocks_are_kept_as_the_container_writes_them(make: MakeClip) -> None:
    dav = make("dhav", small(duration=2))
    info = probe(dav, detect(dav))
    assert info.container_time_kind == "dhav"
    assert info.container_start == START and info.container_start.tzinfo is None
    assert info.container_time_at(30) == datetime(2021, 6, 8, 8, 33, 13, 200000)
    mp4 = make("mp4", small(duration=2))
    info = probe(mp4, detect(mp4))
    assert info.container_time_kind == "creation_time"
    assert info.container_start == START.replace(tzinfo=UTC)  # what the file claims
    assert (
        make("avi", small(duration=2))
        and probe(
            make("avi", small(duration=2)), detect(make("avi", small(duration=2)))
        ).container_start
        is None
    )


def test_recording_gaps_and_clocks_set_back_are_reported(make: MakeClip, tmp_path: Path) -> None:
    spec = small(duration=2)
    units_source = make("dhav", spec)
    from tests.cctv.generator import access_units, encode

    raw = encode(spec, tmp_path / "raw.h264", "h264")
    units = access_units(raw, "h264")
    times = [n / 25 for n in range(25)] + [30 + n / 25 for n in range(25)]  # 29 s missing
    numbers = list(range(1, 26)) + list(range(26 + 29 * 25, 51 + 29 * 25))
    gap = make_dhav(spec, tmp_path / "gap.dav", units=units, times=times, numbers=numbers)
    scan = dhav.scan(gap)
    info = probe(gap, detect(gap), frame_numbers=scan.numbers)
    assert len(info.gaps) == 1 and info.gaps[0].frame == 25 and not info.leaps
    assert info.gaps[0].seconds == pytest.approx(29.0, abs=0.1)
    assert any("recording gap of 29.0 s" in str(p) for p in info.problems)
    assert info.duration_s == pytest.approx(31.0, abs=0.1)
    # The same leap with every picture numbered on: the clock jumped, nothing is missing.
    leap = make_dhav(spec, tmp_path / "leap.dav", units=units, times=times)
    info = probe(leap, detect(leap), frame_numbers=dhav.scan(leap).numbers)
    assert not info.gaps and len(info.leaps) == 1 and info.leaps[0].frame == 25
    assert info.duration_s == pytest.approx(2.0, abs=0.05)
    assert any("leaps forward 29.0 s" in str(p) for p in info.problems)
    back = make("dhav", small(duration=3, events=(ClockEvent(1.0, "jump", -3600),)))
    info = probe(back, detect(back))
    assert len(info.backwards) == 1 and info.backwards[0].frame == 25
    assert info.duration_s == pytest.approx(3.0, abs=0.05)  # the pictures still follow on
    assert info.container_time_at(26) == datetime(2021, 6, 8, 7, 33, 13, 40000)
    del units_source


def test_a_clock_set_back_mid_second_keeps_the_clips_length(make: MakeClip) -> None:
    """A recorder clock set back at 1.5 s (DST ends): DHAV dates have whole seconds, so the
    clock as read restarts on the whole second and the next date comes 0.56 s later. That
    step was added to the clip's length (3.5 s for 3 s of pictures) and called a recording
    gap, though every picture is numbered on."""
    back = make("dhav", small(duration=3, events=(ClockEvent(1.5, "jump", -3600),)))
    info = probe(back, detect(back), frame_numbers=dhav.scan(back).numbers)
    assert info.duration_s == pytest.approx(3.0, abs=0.05)
    assert not info.gaps and len(info.backwards) == 1 and info.backwards[0].frame == 38
    assert not any("recording gap" in str(p) for p in info.problems)


def test_implausible_and_variable_frame_rates_are_flagged(tmp_path: Path) -> None:
    from tests.cctv.generator import access_units, encode

    spec = small(duration=1.2)
    units = access_units(encode(spec, tmp_path / "raw.h264", "h264"), "h264")
    slow = make_dhav(spec, tmp_path / "slow.dav", units=units, times=list(range(30)))
    info = probe(slow, detect(slow))
    assert info.fps_implausible  # 25/s declared, 1/s recorded
    assert any("declared frame rate 25" in str(p) for p in info.problems)
    jitter = [n / 25 + (0.03 if n % 2 else 0.0) for n in range(30)]
    irregular = make_dhav(spec, tmp_path / "vfr.dav", units=units, times=jitter)
    assert probe(irregular, detect(irregular)).fps_variable


def test_damaged_input_fails_with_a_reason(make: MakeClip, tmp_path: Path) -> None:
    data = make("mp4", small(duration=2)).read_bytes()
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(ProbeError, match=r"truncated|moov|Invalid"):
        probe(truncated, detect(truncated))
    dav = make("dhav", small(duration=2)).read_bytes()
    cut = tmp_path / "cut.dav"
    cut.write_bytes(dav[: len(dav) * 2 // 3])
    info = probe(cut, detect(cut))
    assert 0 < info.frame_count < 50


@pytest.mark.parametrize("kind", ["mp4", "mkv", "dhav", "imkh", "h264"])
def test_any_frame_by_number_matches_a_plain_decode(make: MakeClip, kind: str) -> None:
    clip = make(kind, small(duration=3))
    detection = detect(clip)
    info = probe(clip, detection)
    with av.open(str(clip), format=DEMUXER.get(detection.format)) as container:
        plain = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    with FrameReader(clip, detection, info) as reader:
        for number in (70, 71, 26, 0, 74, 30):
            frame = reader.frame(number)
            assert frame.index == number
            assert np.array_equal(frame.image, plain[number]), number
        with pytest.raises(ProbeError):
            reader.frame(75)


@pytest.mark.parametrize("kind", ["imkh", "mp4", "mkv"])
def test_any_frame_of_hevc_with_b_frames_matches_a_plain_decode(make: MakeClip, kind: str) -> None:
    """A key frame of a stream with B-frames is decoded before it is shown, and MPEG-PS
    seeks by decode time: the seek to the last key frame's shown time found nothing, and the
    last group of pictures of an H.265 Hikvision clip could not be stepped to, put on a
    contact sheet or exported as a still."""
    clip = make(kind, ClipSpec(start=START, duration=3, size=(320, 180), codec="hevc", gop=25))
    detection = detect(clip)
    info = probe(clip, detection)
    assert info.reordered and info.key_indices == [0, 25, 50]
    with av.open(str(clip), format=DEMUXER.get(detection.format)) as container:
        plain = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    assert len(plain) == info.frame_count == 75
    with FrameReader(clip, detection, info) as reader:
        for number in (60, 74, 50, 49, 26, 0, 73):
            frame = reader.frame(number)
            assert frame.index == number
            assert np.array_equal(frame.image, plain[number]), number


def test_still_png_keeps_the_frame_and_carries_its_facts(make: MakeClip) -> None:
    clip = make("mp4", small(duration=1))
    info = probe(clip, detect(clip))
    image = info.samples[0].image
    data = still_png(image, ["frame 0", "SHA-256 abc"], {"frame": "0", "clip_sha256": "abc"})
    png = PILImage.open(io.BytesIO(data))
    assert png.width >= image.shape[1] and png.height > image.shape[0]
    assert np.array_equal(np.asarray(png.convert("RGB"))[: image.shape[0], : image.shape[1]], image)
    assert png.info["clip_sha256"] == "abc"
    assert json.loads(png.info["forensics-app:still"])["frame"] == "0"
    sheet = contact_sheet([(image, ["a", "b"])] * 5, columns=4, title=["t"])
    assert sheet.width > 4 * 320 and sheet.height > 2 * 180


def test_hevc_raw_stream(make: MakeClip) -> None:
    clip = make("hevc", ClipSpec(start=START, duration=0.5, size=(320, 180), codec="hevc"))
    info = probe(clip, detect(clip))
    assert info.video_codec == "hevc" and info.frame_count == 13  # 0.5 s at 25/s, rounded up


@pytest.mark.parametrize("kind", ["imkh", "4hkh", "dhav"])
def test_hevc_with_b_frames_in_a_recorders_file_keeps_a_steady_rate(
    make: MakeClip, kind: str
) -> None:
    """H.265 with B-frames: MPEG-PS leaves some pictures without a timestamp, and counting on
    from the packet before (decode order) put two pictures at one time and the Hikvision
    clip read as "variable frame rate"."""
    spec = ClipSpec(start=START, duration=2, size=(320, 180), codec="hevc", osd=None)
    clip = make(kind, spec)
    info = probe(clip, detect(clip))
    assert info.video_codec == "hevc" and info.reordered and info.frame_count == 50
    assert not info.problems and not info.fps_variable
    steps = {round(b - a, 3) for a, b in zip(info.frame_times, info.frame_times[1:], strict=False)}
    assert steps == {0.04}
    assert info.duration_s == pytest.approx(2.0, abs=0.01)


def test_a_still_caption_draws_hangul_not_empty_boxes() -> None:
    # The examiner's name and Korean file names came out as identical empty boxes (Pillow's
    # own font has no Hangul): each letter must be drawn as itself.
    black = np.zeros((90, 160, 3), dtype=np.uint8)

    def caption_of(text: str) -> np.ndarray:
        png = PILImage.open(io.BytesIO(still_png(black, [text], {})))
        return np.asarray(png.convert("L"))[90:]

    kim, min_, empty = caption_of("김"), caption_of("민"), caption_of("")
    assert not np.array_equal(kim, empty)  # something is drawn
    assert not np.array_equal(kim, min_)  # and it is not the same box for every letter
