"""A .dav holding several cameras (a recorder's multi-channel export): FFmpeg's dhav demuxer
reads every channel's frames as one stream (twice the pictures, two cameras' pictures and
clocks mixed), so only the first channel's frames are read, and the others are said."""

from __future__ import annotations

import struct
from datetime import timedelta
from pathlib import Path

import numpy as np

from forensics_app.cctv import dhav
from forensics_app.cctv.analysis import AnalysisJob, analyse
from forensics_app.cctv.detect import detect
from forensics_app.cctv.frames import FrameReader
from forensics_app.cctv.probe import probe
from tests.cctv.conftest import START, MakeClip, sha256_of, small
from tests.cctv.generator import ClipSpec, OsdStyle


def _frames(data: bytes) -> list[bytes]:
    frames, offset = [], 0
    while offset < len(data):
        length = struct.unpack_from("<I", data, offset + 12)[0]
        frames.append(data[offset : offset + length])
        offset += length
    return frames


def _two_cameras(make: MakeClip, out: Path) -> tuple[Path, Path]:
    """Channel 1 (bytes 0) and channel 2 (byte 1, another scene, its clock 5 hours on),
    frame by frame in one file, as a recorder writes them."""
    first = make("dhav", small(duration=2), channel=1)
    other = ClipSpec(
        start=START + timedelta(hours=5),
        duration=2,
        osd=OsdStyle(size=26),
        gop=25,
        pattern="smptehdbars",
    )
    second = make("dhav", other, channel=2)
    mixed = b"".join(
        a + b
        for a, b in zip(_frames(first.read_bytes()), _frames(second.read_bytes()), strict=True)
    )
    out.write_bytes(mixed)
    return out, first


def test_only_the_first_channel_of_a_multichannel_dav_is_read(
    make: MakeClip, tmp_path: Path
) -> None:
    clip, alone = _two_cameras(make, tmp_path / "NVR_ch1_main.dav")
    before = sha256_of(clip)
    scan = dhav.scan(clip)
    assert scan.several_channels and scan.channel_bytes == {0: 50, 1: 50}
    assert scan.channel_byte == 0 and scan.numbers == list(range(1, 51))
    assert scan.numbering_gaps == 0  # each camera numbers its own frames
    assert any("2 channels" in str(p) and "byte 0" in str(p) for p in scan.problems)

    single = probe(alone, detect(alone))
    info = probe(clip, detect(clip))
    assert info.frame_count == single.frame_count == 50  # not 100: one camera's pictures
    assert info.duration_s is not None and single.duration_s is not None
    assert abs(info.duration_s - single.duration_s) < 0.1  # not twice as long
    assert info.container_start == single.container_start

    # Stepping to a frame decodes the first camera's picture, from the middle of the file too.
    with FrameReader(alone, detect(alone), single) as reader:
        expected = [reader.frame(n).image for n in (3, 30, 49)]
    with FrameReader(clip, detect(clip), info) as reader:
        got = [reader.frame(n).image for n in (3, 30, 49)]
    assert all(np.array_equal(a, b) for a, b in zip(expected, got, strict=True))
    assert sha256_of(clip) == before


def test_the_clock_of_the_first_camera_reads_through(make: MakeClip, tmp_path: Path) -> None:
    clip, _ = _two_cameras(make, tmp_path / "NVR_ch1_main.dav")
    result = analyse(AnalysisJob(str(clip), clip.name, sha256_of(clip), sample_every=0.5))
    assert result.failed is None and not result.changed
    assert result.dhav_channel_byte == 0 and result.channel == 1
    assert result.probe is not None and result.probe.frame_count == 50
    assert result.osd is not None and result.osd.status == "ok", result.osd
    assert result.osd.first == START
    assert any("2 channels" in str(p) for p in result.problems)


def _audio_frame(number: int) -> bytes:
    """A DHAV audio frame (0xf0) of channel byte 0 without an audio tag (its codec unsaid)."""
    payload = bytes([0xD5]) * 320
    length = 24 + len(payload) + 8
    head = b"DHAV" + bytes([0xF0, 0, 0, 0]) + struct.pack("<III", number, length, 0)
    head += struct.pack("<HB", number * 40 & 0xFFFF, 0)
    return head + bytes([sum(head) & 0xFF]) + payload + b"dhav" + struct.pack("<I", length)


def test_audio_frames_of_an_unsaid_codec_are_passed_over(make: MakeClip, tmp_path: Path) -> None:
    """FFmpeg makes an audio stream of them that it cannot name (no codec context), and the
    import said `analysis failed: AttributeError(...)`; in a file of one camera or several."""
    alone = make("dhav", small(duration=2))
    mixed, _ = _two_cameras(make, tmp_path / "mixed.dav")
    for source in (alone, mixed):
        clip = tmp_path / f"NVR_ch1_main_{source.stem}.dav"
        clip.write_bytes(
            b"DAHUA".ljust(0x400, b"\x00")
            + b"".join(
                frame + _audio_frame(n) for n, frame in enumerate(_frames(source.read_bytes()))
            )
        )
        result = analyse(AnalysisJob(str(clip), clip.name, sha256_of(clip), read_osd=False))
        assert result.failed is None and result.probe is not None
        assert result.probe.frame_count == 50 and result.probe.container_start == START
        assert result.probe.audio_codec == ""
