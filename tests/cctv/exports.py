"""A small recorder export with the usual trouble in it, for service, CLI and UI tests."""

from __future__ import annotations

from pathlib import Path

from tests.cctv.conftest import small
from tests.cctv.generator import OsdStyle, make_clip

CLIPS = {
    "NVR_ch1_main_20210608083312_20210608083316.dav": ("dhav", small(duration=4), 1),
    "ch02_20210608083312_20210608083316.mp4": (
        "imkh",
        small(duration=4, osd=OsdStyle("korean", "NanumGothic.ttf", 28)),
        2,
    ),
    "ch03_20211308083312_20211308083316.mp4": ("mp4", small(duration=4), 3),
}


def build_export(folder: Path) -> Path:
    """Three clips (Dahua .dav, Hikvision IMKH named .mp4, an MP4 whose name has month 13),
    a .dav cut in half, an empty file, a self-playing .exe and a text file."""
    folder.mkdir(parents=True)
    for name, (kind, spec, channel) in CLIPS.items():
        make_clip(spec, folder / name, kind, channel=channel)
    dav = (folder / "NVR_ch1_main_20210608083312_20210608083316.dav").read_bytes()
    (folder / "NVR_ch1_main_20210608083316_20210608083320.dav").write_bytes(dav[: len(dav) // 2])
    (folder / "empty.dav").write_bytes(b"")
    (folder / "player.exe").write_bytes(b"MZ" + bytes(1000))
    (folder / "notes.txt").write_text("export log\n", encoding="utf-8")
    return folder
