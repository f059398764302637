"""A clip cut short after its header (a copy or an export that stopped): AVI and MP4 with
its index first count their pictures in the header, and fewer in the file is said. (A
truncated AVI was catalogued as "ok", one second long, with nothing to tell it was cut.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics_app.cctv.detect import detect
from forensics_app.cctv.probe import ProbeError, probe
from tests.cctv.conftest import MakeClip, small


def test_an_avi_cut_after_its_header_is_said_to_be_cut_short(
    make: MakeClip, tmp_path: Path
) -> None:
    whole = make("avi", small(duration=3))
    complete = probe(whole, detect(whole))
    assert complete.frame_count == 75 and not complete.problems
    cut = tmp_path / "ch07_20210608083312_20210608083315.avi"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    info = probe(cut, detect(cut))
    assert 10 < info.frame_count < 40
    assert [str(p) for p in info.problems] == [
        f"the container declares 75 pictures, the file holds {info.frame_count}: it was cut short"
    ]


def test_a_hikvision_file_cut_before_its_first_picture_fails_with_a_reason(
    make: MakeClip, tmp_path: Path
) -> None:
    """FFmpeg finds the MPEG-PS video stream but not its codec: PyAV gives no codec context,
    and the import said `analysis failed: AttributeError(...)`."""
    whole = make("imkh", small(duration=1)).read_bytes()
    for cut in (88, 100, 160):
        clip = tmp_path / f"ch01_{cut}.mp4"
        clip.write_bytes(whole[:cut])
        with pytest.raises(ProbeError) as caught:
            probe(clip, detect(clip))
        assert str(caught.value) == (
            "the video stream's codec is unknown: the file stops before its first picture"
        )


def test_an_avi_cut_inside_its_header_says_it_is_truncated(make: MakeClip, tmp_path: Path) -> None:
    """FFmpeg only says "Invalid data found when processing input"; the RIFF header says how
    long the file was."""
    whole = make("avi", small(duration=1))
    for cut in (12, 100, 5000):
        clip = tmp_path / f"ch01_{cut}.avi"
        clip.write_bytes(whole.read_bytes()[:cut])
        with pytest.raises(ProbeError) as caught:
            probe(clip, detect(clip))
        assert str(caught.value).endswith(
            f"(the file is truncated: its RIFF header counts {whole.stat().st_size} bytes, "
            f"the file has {cut})"
        )


def test_an_mp4_without_its_index_says_the_recording_was_not_finished(
    make: MakeClip, tmp_path: Path
) -> None:
    """A recorder writes the MP4 index (moov) last: a power cut leaves pictures and no index.
    It said "(the file is truncated or was not finished) (the file is truncated: a box runs
    past its end)", twice and without naming what is missing."""
    whole = make("mp4", small(duration=2)).read_bytes()
    assert whole.index(b"moov") > whole.index(b"mdat")  # FFmpeg's default: index last
    for cut in (100, len(whole) * 2 // 3):
        clip = tmp_path / f"ch01_{cut}.mp4"
        clip.write_bytes(whole[:cut])
        with pytest.raises(ProbeError) as caught:
            probe(clip, detect(clip))
        said = str(caught.value)
        assert said.startswith(
            "the clip cannot be opened: the file is truncated or was not finished: it stops "
            "before its index (no moov box)"
        )
        assert said.count("truncated") == 1
