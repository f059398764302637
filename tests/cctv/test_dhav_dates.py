"""DHAV frames whose packed date is garbage (a recorder with a dead clock battery, a bit
error): FFmpeg's dhav demuxer still makes a timestamp of one (month 15 comes out in 2064,
month 0 in 1999) and counts the next frames from there. The container's clock was then that
garbage: a clip starting in 2064, or jumping there and back."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from forensics_app.cctv.analysis import AnalysisJob, ClipAnalysis, analyse
from tests.cctv.conftest import START, MakeClip, sha256_of, small


def _with_dates(source: Path, out: Path, garbage: Callable[[int], bool], value: int) -> Path:
    """A copy of `source` with the date of frame i set to `value` where garbage(i)."""
    data = bytearray(source.read_bytes())
    offset = index = 0
    while offset < len(data):
        if garbage(index):
            struct.pack_into("<I", data, offset + 16, value)
        offset += struct.unpack_from("<I", data, offset + 12)[0]
        index += 1
    out.write_bytes(data)
    return out


def _analyse(clip: Path) -> ClipAnalysis:
    return analyse(AnalysisJob(str(clip), clip.name, sha256_of(clip), read_osd=False))


def test_garbage_dates_are_not_the_containers_clock(make: MakeClip, tmp_path: Path) -> None:
    source = make("dhav", small(duration=2))
    first = _with_dates(source, tmp_path / "first.dav", lambda i: i == 0, 0xFFFFFFFF)
    some = _with_dates(source, tmp_path / "some.dav", lambda i: i % 10 == 3, 0xFFFFFFFF)
    for clip, bad in ((first, "1 DHAV frame carries"), (some, "5 DHAV frames carry")):
        result = _analyse(clip)
        assert result.probe is not None
        assert [str(p) for p in result.problems] == [f"{bad} an impossible date"]
        # A DHAV date has whole seconds: the clock starts on one where a date first reads.
        start, end = result.probe.container_start, result.probe.container_end
        assert start is not None and end is not None
        assert abs((start - START).total_seconds()) <= 0.04
        assert abs((end - START).total_seconds() - 2.0) < 0.05
        assert not result.probe.leaps and not result.probe.backwards and not result.probe.gaps


def test_a_dav_without_one_good_date_has_no_container_time(make: MakeClip, tmp_path: Path) -> None:
    source = make("dhav", small(duration=2))
    for value in (0xFFFFFFFF, 0):  # month 15, month 0
        clip = _with_dates(source, tmp_path / f"{value}.dav", lambda i: True, value)
        result = _analyse(clip)
        assert result.probe is not None
        assert result.probe.container_start is None and result.probe.container_end is None
        assert result.probe.duration_s is not None and abs(result.probe.duration_s - 2) < 0.05
        assert [str(p) for p in result.problems] == [
            "50 DHAV frames carry an impossible date",
            "no picture has a usable timestamp: times assume 25 frames/s",
        ]
