"""A still that cannot be made says why in the examiner's language, and a time that is not a
number is refused: FFmpeg's reason stayed English inside a Korean sentence, and `--at nan`
exported the last frame."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from forensics_app.errors import UserError
from forensics_app.messages import render
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.cctv.conftest import small
from tests.cctv.generator import make_clip


def _said(error: UserError, language: str) -> str:
    return render(error.template, error.values, language)


def test_a_still_refused_says_why_in_either_language(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case_id = workstation.cases.create(actor, "Robbery", number="C-8").id
    export = tmp_path / "export"
    export.mkdir()
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
