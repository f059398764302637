"""Clips analysed by an older engine are analysed again when their export is imported again
(in place: same clips, same custody), so a fix reaches clips already catalogued: a .dav with
a garbage first frame date kept its container start in 2064."""

from __future__ import annotations

import struct
from datetime import datetime
from pathlib import Path

from sqlalchemy import update

from forensics_app.cctv.analysis import ENGINE_VERSION
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage.models import CctvClip
from tests.cctv.conftest import START, small
from tests.cctv.generator import make_clip


def test_an_import_again_reanalyses_what_an_older_engine_read(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case_id = workstation.cases.create(actor, "Burglary", number="C-12").id
    export = tmp_path / "export"
    export.mkdir()
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
