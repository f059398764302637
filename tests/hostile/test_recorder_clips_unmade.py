"""Clips no one here made, as a new user brings them (made with ffmpeg in code): H.265, MJPEG
in AVI, one frame, zero bytes, the index at the end or cut off inside it, huge timestamps,
audio only, two video tracks, 4K, interlaced, odd sizes, a decomposed (NFD) Korean name, and a
clip replaced on disk between two runs. Each is catalogued or refused with its reason, the
exit code is the documented one, no traceback, and the sources are never modified."""

from __future__ import annotations

import hashlib
import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from forensics_app.cli import EXIT_DONE_WITH_FAILURES, EXIT_INTEGRITY_FAILURE
from forensics_app.services import Workstation
from tests.cli.conftest import Cli
from tests.hostile.test_recorder_clips import FFMPEG, table_counts

NFD_NAME = unicodedata.normalize("NFD", "카메라_ch01.mp4")


def ffmpeg(*args: str) -> None:
    subprocess.run([*FFMPEG, *args], check=True)


def source(size: str = "320x240", seconds: str = "2") -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc=size={size}:rate=10", "-t", seconds]


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def unmade_export(folder: Path) -> Path:
    folder.mkdir()
    h264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p"]
    ffmpeg(
        *source(), "-c:v", "libx265", "-x265-params", "log-level=error", str(folder / "h265.mp4")
    )
    ffmpeg(*source(), "-c:v", "mjpeg", str(folder / "mjpeg.avi"))
    ffmpeg(*source(seconds="1"), "-frames:v", "1", *h264, str(folder / "one_frame.mp4"))
    (folder / "zero.mp4").write_bytes(b"")
    ffmpeg(*source(), *h264, str(folder / "moov_at_end.mp4"))
    ffmpeg(*source(), *h264, "-movflags", "+faststart", str(folder / "index_first.mp4"))
    whole = (folder / "index_first.mp4").read_bytes()
    (folder / "index_first.mp4").unlink()
    # A copy that stopped inside its index (the index comes first in this one).
    (folder / "cut_in_moov.mp4").write_bytes(whole[: whole.find(b"moov") + 200])
    ffmpeg(*source(), *h264, "-output_ts_offset", "90000000", str(folder / "huge_ts.mp4"))
    ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", str(folder / "audio_only.mp4"))
    ffmpeg(
        *source(), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=5", "-t", "2",
        "-map", "0", "-map", "1", *h264, str(folder / "two_tracks.mp4"),
    )  # fmt: skip
    ffmpeg("-f", "lavfi", "-i", "color=c=red:size=64x64", "-frames:v", "1", str(folder / "c.png"))
    ffmpeg(
        *source(), "-i", str(folder / "c.png"), "-map", "0", "-map", "1", "-t", "2", *h264,
        "-c:v:1", "png",
        "-disposition:v:1", "attached_pic", str(folder / "cover.mp4"),
    )  # fmt: skip
    (folder / "c.png").unlink()
    ffmpeg(*source("3840x2160", "0.3"), "-preset", "ultrafast", *h264, str(folder / "4k.mp4"))
    ffmpeg(
        *source("720x576"), "-vf", "tinterlace=4", "-flags", "+ilme+ildct", *h264,
        str(folder / "interlaced.mp4"),
    )  # fmt: skip
    ffmpeg(*source("321x243", "1"), "-c:v", "mpeg4", str(folder / "odd_size.avi"))
    ffmpeg(*source(), *h264, str(folder / NFD_NAME))
    return folder


def test_clips_no_one_here_made_are_catalogued_or_refused_with_their_reason(
    team: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    export = unmade_export(tmp_path / "export")
    before = hashes(export)
    code, out, err = team(
        "--examiner", "1001", "cctv", "import", "--case", "C-7", "--no-osd", "--json", str(export)
    )  # fmt: skip
    assert code == EXIT_DONE_WITH_FAILURES, (out, err)
    assert "Traceback" not in out + err
    assert hashes(export) == before
    clips = {Path(c["path"]).name: c for c in json.loads(out)["clips"]}
    assert len(clips) == 14
    failed = {name for name, c in clips.items() if c["status"] == "failed"}
    assert failed == {"audio_only.mp4", "cut_in_moov.mp4"}
    assert clips["zero.mp4"]["status"] == "not_video"
    # Cut inside its index: said so. It was "no video stream in it", as for an audio file.
    assert clips["cut_in_moov.mp4"]["problems"] == [
        "not readable as mp4: no video stream can be read: the file is truncated inside its "
        "index (the moov box runs past the end of the file), as after a copy cut short"
    ]
    assert clips["audio_only.mp4"]["problems"] == ["not readable as mp4: no video stream in it"]
    # A second camera in the file: said. It was analysed as if the file held one.
    assert clips["two_tracks.mp4"]["problems"] == [
        "the file holds 2 video tracks; only the first (320×240) is analysed here: play the "
        "others in a player"
    ]
    assert clips["cover.mp4"]["problems"] == []  # its cover picture is not a second camera
    for name in ("h265.mp4", "mjpeg.avi", "moov_at_end.mp4", "huge_ts.mp4", NFD_NAME):
        assert clips[name]["duration_s"] == pytest.approx(2.0, abs=0.15), name
    assert clips["one_frame.mp4"]["status"] != "failed"
    assert clips["4k.mp4"]["status"] != "failed" and clips["odd_size.avi"]["status"] != "failed"


def test_a_clip_replaced_between_runs_is_loud_and_changes_nothing_stored(
    team: Cli, tmp_path: Path, workstation: Workstation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run again skipped a catalogued clip as done: a clip replaced on disk since (another
    export copied over it) went unmentioned, exit 0."""
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    export = tmp_path / "export"
    export.mkdir()
    ffmpeg(*source(), "-c:v", "libx264", str(export / "ch01_a.mp4"))
    ffmpeg(*source(seconds="1"), "-c:v", "libx264", str(export / "ch01_b.mp4"))
    args = ("--examiner", "1001", "cctv", "import", "--case", "C-7", "--no-osd", str(export))
    assert team(*args)[0] == 0
    ffmpeg(*source(seconds="3"), "-c:v", "libx264", str(export / "ch01_a.mp4"))  # replaced
    before, stored = hashes(export), table_counts(workstation)
    code, out, err = team(*args)
    assert code == EXIT_INTEGRITY_FAILURE, (out, err)
    assert "1 catalogued files have changed" in err and "ch01_a.mp4: THE FILE CHANGED" in err
    assert "Traceback" not in err and "ch01_b.mp4: THE FILE" not in err
    assert hashes(export) == before and table_counts(workstation) == stored
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, _, err = team(*args)
    assert code == EXIT_INTEGRITY_FAILURE and "등록한 뒤 파일이 바뀌었음" in err


@pytest.mark.usefixtures("ctrl_c_delivered")
def test_ctrl_c_halfway_through_a_folder_of_clips_then_resume_leaves_no_duplicates(
    team: Cli, db_url: str, tmp_path: Path, workstation: Workstation
) -> None:
    """The import as a terminal runs it: Ctrl-C once some clips are analysed, then the same
    command again. Exit 130 without a traceback, then every clip exactly once, untouched."""
    import os
    import signal
    import sys
    import time

    from sqlalchemy import func, select

    from forensics_app.cli import EXIT_CANCELLED
    from forensics_app.storage.models import CctvClip, EvidenceFile
    from tests.conftest import PASSWORD

    export = tmp_path / "export"
    export.mkdir()
    one = tmp_path / "one.mp4"
    ffmpeg(*source("160x120", "1"), "-c:v", "libx264", str(one))
    body = one.read_bytes()
    for number in range(120):  # each its own bytes: a trailing box numbers it
        (export / f"ch{number % 4 + 1:02d}_{number:04d}.mp4").write_bytes(
            body + (12).to_bytes(4, "big") + b"free" + number.to_bytes(4, "big")
        )
    before = hashes(export)
    command = [
        sys.executable, "-m", "forensics_app", "--db", db_url, "--examiner", "1001",
        "cctv", "import", "--case", "C-7", "--jobs", "2", "--no-osd", str(export),
    ]  # fmt: skip
    env = {**os.environ, "FORENSICS_APP_PASSWORD": PASSWORD, "FORENSICS_APP_LANG": "en"}

    def analysed() -> int:
        with workstation.db.read() as session:
            return session.scalar(select(func.count()).select_from(CctvClip)) or 0

    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while analysed() < 10 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=300)
    assert run.returncode == EXIT_CANCELLED, err
    assert b"Traceback" not in err and 10 <= analysed() < 120
    again = subprocess.run(command, check=False, env=env, capture_output=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert b"done before" in again.stdout and b"Traceback" not in again.stderr
    with workstation.db.read() as session:
        files = session.scalars(select(EvidenceFile.relative_path)).all()
    assert len(files) == len(set(files)) == 120 and analysed() == 120
    assert hashes(export) == before
