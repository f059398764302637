"""File-name conventions: read into channel, stream and times; impossible dates reported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from forensics_app.cctv.names import ConventionError, load_conventions, read_name


@pytest.fixture
def shipped():  # type: ignore[no-untyped-def]
    return load_conventions(None)


@pytest.mark.parametrize(
    ("name", "channel", "stream", "kind", "start", "end"),
    [
        (
            "NVR_ch1_main_20210625000000_20210625010000.dav", 1, "main", "",
            datetime(2021, 6, 25), datetime(2021, 6, 25, 1),
        ),
        (
            "ch01_20210608083312_20210608083322.mp4", 1, "", "",
            datetime(2021, 6, 8, 8, 33, 12), datetime(2021, 6, 8, 8, 33, 22),
        ),
        (
            "Ch02_20220619111254080_20220619112811160.mp4", 2, "", "",
            datetime(2022, 6, 19, 11, 12, 54, 80000), datetime(2022, 6, 19, 11, 28, 11, 160000),
        ),
        ("20150327215559_ch01.mp4", 1, "", "", datetime(2015, 3, 27, 21, 55, 59), None),
        (
            "export/2021-12-09/001/dav/08/08.05.00-08.10.00[R][0@0][0].dav", 1, "", "regular",
            datetime(2021, 12, 9, 8, 5), datetime(2021, 12, 9, 8, 10),
        ),
        (
            "2021-12-09/003/dav/23/23.55.00-00.00.00[M][0@0][0].dav", 3, "", "motion",
            datetime(2021, 12, 9, 23, 55), datetime(2021, 12, 10),
        ),
    ],
)  # fmt: skip
def test_the_conventions_of_domain_md_are_read(  # type: ignore[no-untyped-def]
    shipped, name, channel, stream, kind, start, end
) -> None:
    reading = read_name(name, shipped)
    assert reading.convention
    assert (reading.channel, reading.stream, reading.kind) == (channel, stream, kind)
    assert (reading.start, reading.end) == (start, end)
    assert not reading.problems


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("ch01_20211308083312_20211308083322.mp4", "month 13"),
        ("ch01_20210230083312_20210230083322.mp4", "no such day"),
        ("ch01_20210608253312_20210608083322.mp4", "hour 25"),
        ("ch01_20210608083312_20210608073312.mp4", "before its start"),
        ("NVR_ch1_main_20210625000000_20210625006100.dav", "minute 61"),
    ],
)
def test_impossible_dates_are_reported_not_guessed(shipped, name: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    reading = read_name(name, shipped)
    assert reading.convention, "the name still looks like the convention"
    assert any(problem in str(p) for p in reading.problems)
    if "before" in problem:
        assert reading.end is None and reading.start is not None
    else:
        assert reading.start is None or reading.end is None


def test_a_name_of_no_convention_says_nothing(shipped) -> None:  # type: ignore[no-untyped-def]
    reading = read_name("holiday video.mp4", shipped)
    assert reading.convention == "" and reading.start is None and reading.channel is None


def test_examiner_conventions_come_first_and_must_read_their_example(tmp_path: Path) -> None:
    own = tmp_path / "cctv_conventions.toml"
    own.write_text(
        "[[pattern]]\n"
        'name = "Site camera"\n'
        'example = "CAM-07 2021.06.08 083312.avi"\n'
        "regex = '^CAM-(?P<channel>\\d+) (?P<start>\\d{4}\\.\\d{2}\\.\\d{2} \\d{6})\\.avi$'\n"
        'start_layout = "YYYY.MM.DD hhmmss"\n'
        "[dhav]\nfirst_channel_byte = 1\n",
        encoding="utf-8",
    )
    conventions = load_conventions(own)
    reading = read_name("CAM-07 2021.06.08 083312.avi", conventions)
    assert reading.convention == "Site camera"
    assert (reading.channel, reading.start) == (7, datetime(2021, 6, 8, 8, 33, 12))
    assert conventions.channel_of_dhav_byte(1) == 1
    assert read_name("ch01_20210608083312_20210608083322.mp4", conventions).channel == 1

    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[[pattern]]\nname = "Wrong"\nexample = "x.mp4"\n'
        "regex = '^(?P<start>\\d{14})\\.mp4$'\nstart_layout = \"YYYYMMDDhhmmss\"\n",
        encoding="utf-8",
    )
    with pytest.raises(ConventionError, match="cannot read its own example"):
        load_conventions(broken)
    bad_regex = tmp_path / "bad.toml"
    bad_regex.write_text('[[pattern]]\nname = "Bad"\nexample = "a"\nregex = "("\n', "utf-8")
    with pytest.raises(ConventionError, match="bad regex"):
        load_conventions(bad_regex)


def test_a_decomposed_korean_name_is_read_by_a_korean_convention(tmp_path: Path) -> None:
    """An export copied from a Mac has NFD names: 채널 as ᄎ ᅢ ᄂ ᅥ ᆯ. It looks the same and
    matched no convention written in Korean, so the name's channel and times were lost."""
    import unicodedata

    own = tmp_path / "cctv_conventions.toml"
    own.write_text(
        "[[pattern]]\n"
        'name = "Korean DVR"\n'
        'example = "채널07_20210608083312.mp4"\n'
        "regex = '^채널(?P<channel>\\d+)_(?P<start>\\d{14})\\.mp4$'\n"
        'start_layout = "YYYYMMDDhhmmss"\n',
        encoding="utf-8",
    )
    conventions = load_conventions(own)
    decomposed = unicodedata.normalize("NFD", "녹화/채널07_20210608083312.mp4")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    reading = read_name(decomposed, conventions)
    assert reading.convention == "Korean DVR"
    assert (reading.channel, reading.start) == (7, datetime(2021, 6, 8, 8, 33, 12))
