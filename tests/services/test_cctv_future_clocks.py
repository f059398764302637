"""A clock that has a clip recorded after it was imported was set wrong: a recorder reset to
a date years ahead, an MP4 whose 32-bit creation_time overflowed (FFmpeg writes 2099 as
2028). Such times were stored without a word; a creation_time is the timeline's time when
a clip has no other. The workstation's clock is pinned (tests/clocks.py: 2026-05-13)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.cctv.conftest import small
from tests.cctv.generator import make_clip


def test_times_after_the_import_are_said_to_be_wrong(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case_id = workstation.cases.create(actor, "Robbery", number="C-9").id
    export = tmp_path / "export"
    export.mkdir()
    make_clip(small(datetime(2028, 11, 25, 17, 31, 44), duration=1), export / "cam.mp4", "mp4")
    make_clip(
        small(datetime(2030, 1, 1), duration=1),
        export / "NVR_ch1_main_20300101000000_20300101000001.dav",
        "dhav",
    )
    # The import's own day, on the recorder's wall clock (Korea: 9 h ahead of UTC): fine.
    make_clip(
        small(datetime(2026, 5, 13, 11, 0), duration=1),
        export / "NVR_ch2_main_20260513110000_20260513110001.dav",
        "dhav",
        channel=2,
    )
    workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    problems = {
        Path(clip.relative_path).name: [str(p) for p in clip.problems]
        for clip in workstation.cctv.clips(case_id=case_id)
    }
    wrong = "is after this import: that clock was set wrong"
    assert problems == {
        "cam.mp4": [f"the container start 2028-11-25 17:31:44+00:00 {wrong}"],
        "NVR_ch1_main_20300101000000_20300101000001.dav": [
            f"the name start 2030-01-01 00:00:00 {wrong}",
            f"the container start 2030-01-01 00:00:00 {wrong}",
        ],
        "NVR_ch2_main_20260513110000_20260513110001.dav": [],
    }
