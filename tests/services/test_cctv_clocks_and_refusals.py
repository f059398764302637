"""Recorder clips with wrong clocks or nothing to show, through the service (both databases):
clips an older engine read are read again, clock times after the import are said to be
wrong, and a still that cannot be made says why in the examiner's language."""

from __future__ import annotations

import math
import struct
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from forensics_app.cctv.analysis import ENGINE_VERSION
from forensics_app.errors import UserError
from forensics_app.messages import render
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage.models import CctvClip
from tests.cctv.conftest import START, small
from tests.cctv.generator import make_clip


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor) -> int:
    return workstation.cases.create(actor, "Burglary", number="C-12").id


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    return folder


def test_an_import_again_reanalyses_what_an_older_engine_read(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    """Clips analysed by an older engine are analysed again when their export is imported again
    (in place: same clips, same custody), so a fix reaches clips already catalogued: a .dav with
    a garbage first frame date kept its container start in 2064."""
    clip = make_clip(small(duration=1), export / "NVR_ch1_main.dav", "dhav")
    data = bytearray(clip.read_bytes())
    struct.pack_into("<I", data, 16, 0xFFFFFFFF)  # the first frame's date: garbage
    clip.write_bytes(data)
    first = workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    assert first.clips[0].container_start is not None
    entries = len(workstation.custody.entries(case_id=case_id))
    with workstation.db.write() as session:  # as the engine before this fix stored it
        session.execute(
            update(CctvClip).values(engine_version="1", container_start="2064-04-02T08:04:03")
        )
    assert workstation.cctv.clips(case_id=case_id)[0].container_start == datetime(
        2064, 4, 2, 8, 4, 3
    )
    again = workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    assert again.added == 0 and again.analysed == 1 and ENGINE_VERSION != "1"
    [clip_now] = workstation.cctv.clips(case_id=case_id)
    assert clip_now.id == first.clips[0].id and clip_now.container_start is not None
    assert abs((clip_now.container_start - START).total_seconds()) <= 0.04  # whole seconds
    assert len(workstation.custody.entries(case_id=case_id)) == entries


def test_times_after_the_import_are_said_to_be_wrong(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    """A clock that has a clip recorded after it was imported was set wrong: a recorder reset to
    a date years ahead, an MP4 whose 32-bit creation_time overflowed (FFmpeg writes 2099 as
    2028). Such times were stored without a word; a creation_time is the timeline's time when
    a clip has no other. The workstation's clock is pinned (tests/clocks.py: 2026-05-13)."""
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


def _said(error: UserError, language: str) -> str:
    return render(error.template, error.values, language)


def test_a_still_refused_says_why_in_either_language(
    workstation: Workstation, actor: Actor, case_id: int, export: Path, tmp_path: Path
) -> None:
    """A still that cannot be made says why in the examiner's language, and a time that is not a
    number is refused: FFmpeg's reason stayed English inside a Korean sentence, and `--at nan`
    exported the last frame."""
    whole = make_clip(small(duration=1), tmp_path / "whole.mp4", "imkh").read_bytes()
    (export / "ch01_20210608083312_20210608083313.mp4").write_bytes(whole[:100])
    make_clip(small(duration=1), export / "ch02_20210608083312_20210608083313.mp4", "mp4")
    workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    clips = {Path(c.relative_path).name[:4]: c for c in workstation.cctv.clips(case_id=case_id)}
    assert clips["ch01"].status == "failed"

    with pytest.raises(UserError) as caught:
        workstation.cctv.export_still(actor, clips["ch01"].id, tmp_path / "a.png", at_s=0)
    assert "영상 스트림의 코덱을 알 수 없음" in _said(caught.value, "ko")
    assert "codec is unknown" not in _said(caught.value, "ko")
    assert "the video stream's codec is unknown" in _said(caught.value, "en")

    for at in (math.nan, math.inf, -0.5):
        with pytest.raises(UserError, match="outside the clip"):
            workstation.cctv.export_still(actor, clips["ch02"].id, tmp_path / "b.png", at_s=at)
    assert not (tmp_path / "b.png").exists()
