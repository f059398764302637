"""Extraction folders as examiners receive them: read-only, Hangul and spaces in the path,
symbolic links pointing outside the extraction."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.importers import samples
from tests.services.test_ingest import case_id, digests  # noqa: F401  (fixture)


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            mode = path.stat().st_mode
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_links_out_of_a_read_only_hangul_folder_are_said_and_not_followed(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    outside = samples.android_calllog(tmp_path / "elsewhere/calllog.db")  # not evidence
    root = samples.android_extraction(tmp_path / "압수 폰 1 (갤럭시)")
    links = root / "data/data/com.android.providers.contacts/databases"
    os.symlink(outside, links / "calllog-link.db")
    os.symlink(tmp_path / "elsewhere", root / "sdcard/elsewhere")
    os.symlink("/etc/passwd", root / "sdcard/passwd")
    _read_only(root)
    try:
        before = digests(root)
        report = workstation.ingest.import_paths(actor, case_id, [root])
        assert report.counts == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
        assert all("elsewhere" not in s.path for s in report.sources)
        (note,) = [str(w) for w in report.warnings if "symbolic" in str(w)]
        assert note.startswith(f"{root}: 3 symbolic link(s) not followed (e.g. ")
        assert digests(root) == before
    finally:
        _writable(root)


@pytest.mark.parametrize("name", ["카톡 백업", "with space"])
def test_a_database_given_alone_from_such_a_path(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
    name: str,
) -> None:
    sms = samples.ios_sms(tmp_path / name / "sms 복사본.db")
    _read_only(tmp_path / name)
    try:
        report = workstation.ingest.import_paths(actor, case_id, [sms])
        assert report.counts["message"] == 9
        assert report.sources[0].path == str(sms)
    finally:
        _writable(tmp_path / name)


def test_recorder_clips_beside_the_databases_are_pointed_to_the_cctv_import(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    from datetime import datetime

    from tests.cctv.generator import dhav_frame, hikvision_header

    root = samples.android_extraction(tmp_path / "seized")
    frame = dhav_frame(
        b"\x00\x00\x00\x01\x67" + bytes(200), key=True, channel_byte=0, number=1,
        moment=datetime(2021, 6, 8, 8, 33, 12), millis=0, width=640, height=360, fps=25,
    )  # fmt: skip
    (root / "NVR").mkdir()
    (root / "NVR/ch01_20210608083312_20210608083316.dav").write_bytes(frame * 3)
    (root / "NVR/export.dav").write_bytes(b"DAHUA".ljust(0x400, b"\0") + frame)
    (root / "NVR/ch02.mp4").write_bytes(hikvision_header() + b"\x00\x00\x01\xba" + bytes(400))
    report = workstation.ingest.import_paths(actor, case_id, [root])
    assert report.counts == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
    (note,) = [str(w) for w in report.warnings]
    assert note.startswith("3 files are CCTV recorders' recordings (Dahua or Hikvision)")
    assert "forensics-app cctv import" in note and f"{root}/NVR/" in note
