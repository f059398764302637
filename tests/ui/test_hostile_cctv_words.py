"""A clip whose channel nobody could tell is listed as "채널 미상" on Korean screens (the GUI
showed the catalog's stored English label, "unknown channel", where the CLI said it in
Korean). The clip is a one-second recorder-style file made with ffmpeg."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.cctv import UNKNOWN_CHANNEL
from forensics_app.services.records import Actor
from forensics_app.ui.cctv_pane import CctvPane
from forensics_app.ui.widgets.context import UiContext


@pytest.fixture
def pane(qtbot: QtBot, ui_context: UiContext) -> Iterator[CctvPane]:
    widget = CctvPane(ui_context)
    qtbot.addWidget(widget)
    yield widget


def test_an_unknown_channel_reads_in_korean(
    korean: None, pane: CctvPane, workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    export.mkdir()
    subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
         "testsrc=size=160x120:rate=10", "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
         str(export / "clip.mp4")],
        check=True,
    )  # fmt: skip
    case = workstation.cases.create(actor, "편의점 절도", number="C-9")
    workstation.cctv.catalog(actor, case.id, [export], jobs=1, read_osd=False)
    pane.set_case(case.id)
    (clip,) = pane.model.clips()
    assert clip.camera == UNKNOWN_CHANNEL  # stored as the catalog's label
    assert pane.model.index(0, 0).data() == "채널 미상"
