"""Recorder-style exports made with ffmpeg as real NVR/DVR exports look (a clip with no
creation_time, an audio-only file, an empty file): each is catalogued or refused with its
reason, the exit codes are the documented ones on the first run and on a re-run, and a
refused import changes nothing stored."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forensics_app.cli import EXIT_BAD_INPUT, EXIT_DONE_WITH_FAILURES
from forensics_app.services import Workstation
from forensics_app.storage.models import Base
from tests.cli.conftest import Cli

FFMPEG = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]


def table_counts(workstation: Workstation) -> dict[str, int]:
    """Rows of every table of the catalogue (clips, recorders, custody, files…)."""
    with workstation.db.read() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def recorder_export(folder: Path) -> Path:
    folder.mkdir()
    subprocess.run(
        [*FFMPEG, "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", str(folder / "ch01_1s.mp4")],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [*FFMPEG, "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac",
         str(folder / "ch02_audio_only.mp4")],
        check=True,
    )  # fmt: skip
    (folder / "ch03_zero.mp4").write_bytes(b"")
    return folder


def test_a_failed_clip_keeps_the_exit_code_on_a_rerun_and_a_refusal_changes_nothing(
    team: Cli, tmp_path: Path, workstation: Workstation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    export = recorder_export(tmp_path / "export")
    code, out, err = team("--examiner", "1001", "cctv", "import", "--case", "C-7", str(export))
    assert code == EXIT_DONE_WITH_FAILURES, (out, err)
    assert "failed: export/ch02_audio_only.mp4: not readable as mp4: no video stream" in err
    assert "not_video: export/ch03_zero.mp4: not a video: zero-length file" in err
    assert "Traceback" not in err
    code, out, err = team("--examiner", "1001", "cctv", "import", "--case", "C-7", str(export))
    assert "3 done before" in out and "ch02_audio_only.mp4" in err
    assert code == EXIT_DONE_WITH_FAILURES, (out, err)  # was 0: the failure is still there

    assert team("--examiner", "1001", "case", "close", "C-7")[0] == 0
    before = table_counts(workstation)
    assert before["cctv_clips"] == 3, before
    code, _, err = team("--examiner", "1001", "cctv", "import", "--case", "C-7", str(export))
    assert code == EXIT_BAD_INPUT and "closed" in err and "Traceback" not in err
    assert table_counts(workstation) == before
