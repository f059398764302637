"""A clip whose container asks players to turn the picture (a camera mounted on its side):
its pictures here are turned as a player turns them, so the on-screen clock is read upright
and frames are what the examiner sees in a player; the file itself is not changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

from forensics_app.cctv.detect import detect
from forensics_app.cctv.frames import FrameReader
from forensics_app.cctv.osd import read_osd
from forensics_app.cctv.probe import probe
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.cctv.conftest import START, MakeClip, sha256_of, small

# How the camera lay: the picture it recorded, and the display matrix that turns it back.
TURNS = {90: "transpose=clock", 180: "hflip,vflip", 270: "transpose=cclock"}


def sideways(make: MakeClip, folder: Path, degrees: int) -> Path:
    """An upright clip with a clock, recorded turned and marked to be turned `degrees`
    back (FFmpeg's `rotate` tag writes the tkhd display matrix)."""
    upright = make("mp4", small(duration=3))
    recorded = folder / f"recorded_{degrees}.mp4"
    clip = folder / f"ch01_{degrees}.mp4"
    ffmpeg = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
    subprocess.run(
        [*ffmpeg, "-i", str(upright), "-vf", TURNS[degrees], "-c:v", "libx264", "-g", "25",
         "-pix_fmt", "yuv420p", str(recorded)],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [*ffmpeg, "-i", str(recorded), "-c", "copy", "-metadata:s:v", f"rotate={degrees}",
         str(clip)],
        check=True,
    )  # fmt: skip
    return clip


def as_player_shows(clip: Path, height: int, width: int) -> np.ndarray:
    """The first frame as FFmpeg's own player path turns it (autorotate)."""
    raw = subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(clip), "-frames:v", "1",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        check=True,
        capture_output=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_clip_is_read_and_shown_as_a_player_turns_it(
    make: MakeClip, tmp_path: Path, degrees: int
) -> None:
    clip = sideways(make, tmp_path, degrees)
    before = sha256_of(clip)
    info = probe(clip, detect(clip), sample_every=1.0, last_frame=True)
    assert info.rotation == degrees
    assert [str(p) for p in info.problems] == [
        f"the container asks players to turn the picture by {degrees}°: frames, stills, "
        "contact sheets and the on-screen clock are turned so here, as in a player; the file "
        "itself is unchanged"
    ]
    recorded = (info.width, info.height)
    assert recorded == ((360, 640) if degrees != 180 else (640, 360))  # the file's own size
    first = info.samples[0].image
    assert first.shape[:2] == (360, 640)  # upright, as the camera saw it
    shown = as_player_shows(clip, 360, 640)
    assert np.abs(first.astype(int) - shown.astype(int)).mean() < 3
    samples = [(s.index, s.time_s, s.image) for s in info.samples]
    with FrameReader(clip, detect(clip), info) as reader:
        frame = reader.frame(40)
        result = read_osd(samples, None, fetch=reader.fetch)
    assert frame.image.shape[:2] == (360, 640)
    assert result.status == "ok", result.message
    assert result.first == START
    assert sha256_of(clip) == before


def test_a_turned_clip_through_the_catalog_gives_upright_stills_and_sheets(
    make: MakeClip, tmp_path: Path, workstation: Workstation, actor: Actor
) -> None:
    """Catalogued, its clock is read (it was not: sideways text reads as nothing), and the
    still and the contact sheet show the picture upright, the still saying it was turned."""
    case_id = workstation.cases.create(actor, "Burglary", number="C-7").id
    folder = tmp_path / "export"
    folder.mkdir()
    clip = sideways(make, folder, 90)
    (folder / "recorded_90.mp4").unlink()
    before = sha256_of(clip)
    report = workstation.cctv.catalog(actor, case_id, [folder], jobs=1)
    (record,) = report.clips
    assert record.osd_status == "ok" and record.osd_start == START
    still = workstation.cctv.export_still(actor, record.id, tmp_path / "still.png", frame=0)
    png = PILImage.open(still.path)
    assert png.info["turned_degrees"] == "90"
    picture = np.asarray(png.convert("RGB"))[:360, :640].astype(int)
    assert np.abs(picture - as_player_shows(clip, 360, 640).astype(int)).mean() < 3
    sheet = workstation.cctv.contact_sheet(record.id, count=2)
    assert sheet.height < 569  # tiles 320 × 180, upright; sideways, 320 × 569 each
    assert sha256_of(clip) == before
