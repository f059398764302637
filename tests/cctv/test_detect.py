"""Detection by content: the bytes decide, never the extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics_app.cctv.detect import ClipFormat, detect, sniff
from tests.cctv.conftest import MakeClip, copy_to, small
from tests.cctv.generator import hikvision_header


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("mp4", ClipFormat.MP4),
        ("mov", ClipFormat.MOV),
        ("avi", ClipFormat.AVI),
        ("mkv", ClipFormat.MKV),
        ("h264", ClipFormat.RAW_H264),
        ("dhav", ClipFormat.DAHUA_DAV),
        ("dhav_preamble", ClipFormat.DAHUA_DAV),
        ("imkh", ClipFormat.HIKVISION_PS),
        ("4hkh", ClipFormat.HIKVISION_PS),
    ],
)
def test_generated_clips_are_told_by_their_bytes_whatever_their_name(
    make: MakeClip, tmp_path: Path, kind: str, expected: ClipFormat
) -> None:
    clip = make(kind, small(duration=1))
    misnamed = copy_to(clip, tmp_path, "ch01_20210608083312.mp4")  # recorders say .mp4
    found = detect(misnamed)
    assert found.format == expected
    assert found.format.is_video
    if kind == "dhav_preamble":
        assert found.header_bytes == 0x400
    if kind in ("imkh", "4hkh"):
        assert found.header_bytes == 40 and kind.upper() in str(found.reason)


def test_raw_h265_is_told_from_h264(make: MakeClip) -> None:
    from tests.cctv.generator import ClipSpec

    clip = make("hevc", ClipSpec(start=small().start, duration=0.5, size=(320, 180), codec="hevc"))
    assert detect(clip).format == ClipFormat.RAW_H265


@pytest.mark.parametrize(
    ("name", "content", "expected", "says"),
    [
        ("empty.dav", b"", ClipFormat.EMPTY, "zero-length"),
        ("player.exe", b"MZ\x90\x00" + bytes(200), ClipFormat.PROPRIETARY, "player"),
        ("clip.sec", b"\x12\x34SECFILE" + bytes(200), ClipFormat.PROPRIETARY, "Samsung/Hanwha"),
        ("index00.bin", b"\x00\x01\x02\x03" * 64, ClipFormat.NOT_VIDEO, "index"),
        ("snap.jpg", b"\xff\xd8\xff\xe0" + bytes(100), ClipFormat.NOT_VIDEO, "JPEG"),
        ("notes.txt", "내보내기 기록 2021-06-08\n".encode(), ClipFormat.NOT_VIDEO, "text"),
        ("odd.dav", b"DAHUA" + bytes(2000), ClipFormat.PROPRIETARY, "without DHAV"),
        ("odd.mp4", hikvision_header() + b"\x00" * 100, ClipFormat.PROPRIETARY, "without MPEG-PS"),
        ("noise.bin", bytes(range(256)) * 4, ClipFormat.PROPRIETARY, "unknown format"),
    ],
)
def test_what_is_not_a_playable_clip_says_why(
    tmp_path: Path, name: str, content: bytes, expected: ClipFormat, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    found = detect(path)
    assert found.format == expected
    assert not found.format.is_video
    assert says in str(found.reason)


def test_sniff_of_a_dhav_header_needs_a_known_frame_type() -> None:
    assert sniff(b"DHAV\xfd" + bytes(30)).format == ClipFormat.DAHUA_DAV
    assert sniff(b"DHAV\x00" + bytes(30)).format != ClipFormat.DAHUA_DAV


def test_an_unreadable_path_is_reported_not_raised(tmp_path: Path) -> None:
    assert detect(tmp_path / "gone.dav").format == ClipFormat.UNREADABLE


def test_a_folder_is_recognised_as_a_recorder_export(make: MakeClip, tmp_path: Path) -> None:
    from forensics_app.cctv.detect import looks_like_cctv_export

    export = tmp_path / "export"
    copy_to(make("dhav", small(duration=1)), export, "20210608.bin")
    (export / "readme.txt").write_text("player instructions", encoding="utf-8")
    assert looks_like_cctv_export([export])
    phone = tmp_path / "phone"
    phone.mkdir()
    (phone / "mmssms.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (phone / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    assert not looks_like_cctv_export([phone])
    assert not looks_like_cctv_export([tmp_path / "missing"])
    # A Samsung/Hanwha export: its .sec files and the player; a lone program is not one.
    samsung = tmp_path / "samsung"
    samsung.mkdir()
    (samsung / "CH01_20210608.sec").write_bytes(b"SECF" + bytes(range(256)) * 8)
    (samsung / "SecPlayer.exe").write_bytes(b"MZ\x90\x00" + bytes(500))
    assert looks_like_cctv_export([samsung])
    (samsung / "CH01_20210608.sec").unlink()
    assert not looks_like_cctv_export([samsung])


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"DHA", "only 3 bytes: the start of a Dahua .dav, cut short"),  # was "a text file"
        (b"DHAV\xfd" + bytes(18), "only 23 bytes: the start of a Dahua .dav, cut short"),
        (b"DAHUA" + bytes(600), "only 605 bytes: the start of a Dahua export, cut short"),
        (b"IMKH\x01\x01", "only 6 bytes: the start of a Hikvision file, cut short"),
        (b"RIFF\x16\x9d\x02\x00", "only 8 bytes: the start of an AVI, cut short"),  # "player"
        (b"\x1a\x45\xdf", "only 3 bytes: the start of a Matroska file, cut short"),
        (b"\x00\x00\x00\x20fty", "only 7 bytes: the start of an MP4 or MOV, cut short"),
        (b"\x00\x00\x00\x01\x67", "only 5 bytes: the start of a raw H.264/H.265 stream"),
        (b"\x00\x00\x00", "only 3 bytes: too short to be footage"),
        (b"R", "only 1 byte: too short to be footage"),
    ],
)
def test_a_file_cut_off_in_its_first_bytes_says_so(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "ch01_20210608083312_20210608083315.mp4"
    path.write_bytes(content)
    found = detect(path)
    assert found.format == ClipFormat.NOT_VIDEO
    assert str(found.reason).startswith(says)
