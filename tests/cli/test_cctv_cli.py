"""`forensics-app cctv ...` as an examiner uses it: import with --json, the recorder's
offset, the time source, stills; bad input gets a message and exit 2, never a traceback."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.cctv.exports import build_export
from tests.cli.conftest import Cli

KEYS = {"path", "sha256", "format", "channel", "start_name", "start_container", "start_osd",
        "start_corrected", "duration_s", "problems"}  # fmt: skip


@pytest.fixture(scope="session")
def export_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_export(tmp_path_factory.mktemp("cli-export") / "export")


@pytest.fixture
def signed_in_cli(signed_in: Cli) -> Cli:
    return signed_in


@pytest.fixture
def export(export_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(export_template, tmp_path / "export"))


def test_import_offset_source_and_still(signed_in_cli: Cli, export: Path, tmp_path: Path) -> None:
    def signed_in(*args: str) -> tuple[int, str, str]:  # a team database needs --examiner
        return signed_in_cli("--examiner", "1001", *args)

    signed_in("case", "new", "CCTV", "--number", "C-1")
    code, out, err = signed_in(
        "cctv", "import", "--case", "C-1", str(export), "--json", "--jobs", "1"
    )
    assert code == 0, err
    payload = json.loads(out)
    assert payload["item"] == "EX-0001" and payload["added"] == 7
    clips = {Path(c["path"]).name: c for c in payload["clips"]}
    assert all(set(c) >= KEYS for c in clips.values())
    dav = clips["NVR_ch1_main_20210608083312_20210608083316.dav"]
    assert dav["start_name"] == dav["start_container"] == dav["start_osd"] == "2021-06-08T08:33:12"
    assert dav["start_corrected"] is None and dav["format"] == "dahua_dav" and dav["channel"] == 1
    assert clips["player.exe"]["format"] == "proprietary" and clips["player.exe"]["problems"]
    assert any("month 13" in p for p in clips["ch03_20211308083312_20211308083316.mp4"]["problems"])

    code, out, err = signed_in("cctv", "import", "--case", "C-1", str(export))
    assert code == 0 and "0 files catalogued" in out and "7 done before" in out

    code, out, err = signed_in(
        "cctv", "offset", "--item", "EX-0001", "--shown", "2026-05-01T14:31:05",
        "--reference", "2026-05-01T14:30:00+09:00", "--zone", "Asia/Seoul",
    )  # fmt: skip
    assert code == 0, err
    assert "+65.000 s" in out and "fast" in out
    code, out, _ = signed_in("cctv", "clips", "--case", "C-1", "--json")
    corrected = {Path(c["path"]).name: c["start_corrected"] for c in json.loads(out)["clips"]}
    assert (
        corrected["NVR_ch1_main_20210608083312_20210608083316.dav"] == "2021-06-07T23:32:07+00:00"
    )

    code, out, _ = signed_in("cctv", "source", "--item", "EX-0001", "osd", "--reason", "checked")
    assert code == 0 and "osd" in out
    still = tmp_path / "frame.png"
    code, out, err = signed_in(
        "cctv", "still", "--clip", str(dav["id"]), "--at", "1.0", "-o", str(still)
    )
    assert code == 0, err
    assert still.is_file() and "frame 25" in out
    code, out, _ = signed_in("log", "--case", "C-1")
    actions = [line.split("\t")[3] for line in out.splitlines()]
    # the case, the recorder item, each file's hashes, the export, offset, source, still
    assert actions == ["create", "create", *["hash"] * 7, "import", "edit", "edit", "export"]
    sheet = tmp_path / "sheet.png"
    code, out, _ = signed_in("cctv", "sheet", "--clip", str(dav["id"]), "-o", str(sheet))
    assert code == 0 and sheet.is_file()
    # A Korean examiner's still reads Korean under the picture (it was English words).
    from forensics_app.cctv import frames
    from forensics_app.services import cctv as cctv_service

    captions: list[list[str]] = []

    def spy(image: Any, caption: list[str], metadata: dict[str, str]) -> bytes:
        captions.append(list(caption))
        return frames.still_png(image, caption, metadata)

    with pytest.MonkeyPatch.context() as korean:
        korean.setenv("FORENSICS_APP_LANG", "ko")
        korean.setattr(cctv_service, "still_png", spy)
        code, _, err = signed_in(
            "cctv", "still", "--clip", str(dav["id"]), "--at", "1.0", "-o", str(tmp_path / "k.png")
        )
    assert code == 0, err
    (caption,) = captions
    text = "\n".join(caption)
    assert "영상 SHA-256" in text and "내보냄" in text, text
    assert "화면 시계 시각과 녹화기 오차로 보정" in text, text  # the source chosen above: osd
    assert not any(word in text for word in ("exported", "recorder clock", "into the clip"))


def check_clip_contract(clips: list[dict[str, object]], export: Path) -> None:
    """The per-clip results of `import --json`, key by key, against the files themselves."""
    by_name = {}
    for clip in clips:
        assert set(clip) >= KEYS
        path = Path(str(clip["path"]))
        assert path.is_file() and path.parent == export.resolve()
        assert clip["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert isinstance(clip["format"], str) and clip["format"]
        assert clip["channel"] is None or isinstance(clip["channel"], int)
        for key in ("start_name", "start_container", "start_osd", "start_corrected"):
            value = clip[key]
            assert value is None or datetime.fromisoformat(str(value)), key
        assert clip["duration_s"] is None or isinstance(clip["duration_s"], float)
        problems = clip["problems"]
        assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)
        by_name[path.name] = clip
    dav = by_name["NVR_ch1_main_20210608083312_20210608083316.dav"]
    assert (dav["format"], dav["channel"], dav["duration_s"], dav["problems"]) == (
        "dahua_dav",
        1,
        4.0,
        [],
    )
    assert dav["start_name"] == dav["start_container"] == dav["start_osd"] == "2021-06-08T08:33:12"
    assert dav["start_corrected"] is None  # no offset recorded yet
    hik = by_name["ch02_20210608083312_20210608083316.mp4"]
    assert (hik["format"], hik["channel"]) == ("hikvision_ps", 2)
    assert hik["start_osd"] == "2021-06-08T08:33:12"  # the Korean on-screen clock
    assert by_name["ch03_20211308083312_20211308083316.mp4"]["start_name"] is None  # month 13
    cut = by_name["NVR_ch1_main_20210608083316_20210608083320.dav"]
    assert cut["problems"] and isinstance(cut["duration_s"], float) and cut["duration_s"] < 4
    for name in ("empty.dav", "player.exe", "notes.txt"):
        assert by_name[name]["problems"] and by_name[name]["duration_s"] is None
        assert by_name[name]["start_osd"] is None and by_name[name]["sha256"]


def test_import_sends_a_recorder_export_to_the_cctv_catalog(
    signed_in_cli: Cli, export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One `import` for every kind of evidence: a recorder export is recognised by its bytes
    and catalogued as by `cctv import`; a phone's extraction still goes to the device
    importers."""

    def signed_in(*args: str) -> tuple[int, str, str]:
        return signed_in_cli("--examiner", "1001", *args)

    signed_in("case", "new", "CCTV", "--number", "C-1")
    code, out, err = signed_in("import", "--case", "C-1", str(export), "--json")
    assert code == 0, err  # a cut-short clip and an empty file are problems, not failures
    payload = json.loads(out)
    assert payload["kind"] == "cctv" and payload["item"] == "EX-0001"
    assert payload["added"] == 7 and len(payload["clips"]) == 7
    check_clip_contract(payload["clips"], export)
    signed_in(
        "cctv", "offset", "--item", "EX-0001", "--shown", "2026-05-01T14:31:05",
        "--reference", "2026-05-01T14:30:00+09:00",
    )  # fmt: skip
    code, out, _ = signed_in("cctv", "clips", "--case", "C-1")
    lines = {line.split("\t")[-1]: line for line in out.splitlines()}
    assert code == 0 and len(lines) == 7
    # The recorder's clocks as they read; the corrected time in the workstation's zone, named.
    dav = lines["export/NVR_ch1_main_20210608083312_20210608083316.dav"]
    assert "corrected 2021-06-08 08:32:07+09:00 Asia/Seoul" in dav
    # On the case timeline as spans: start and end in the workstation's zone, camera named.
    code, out, _ = signed_in("timeline", "--case", "C-1")
    rows = [line.split("\t") for line in out.splitlines()]
    spans = {r[-1]: r for r in rows if r[2] == "cctv"}
    assert code == 0 and len(spans) == len(rows) == 4  # the clips with a time (cut one too)
    clip = spans["ch1: export/NVR_ch1_main_20210608083312_20210608083316.dav"]
    assert clip[:2] == ["2021-06-08T08:32:07+09:00", "2021-06-08T08:32:11+09:00"]
    assert clip[4] == "EX-0001"
    code, out, err = signed_in("import", "--case", "C-1", str(export))
    assert code == 0 and "0 files catalogued" in out and "7 done before" in out
    # The same stored problems, read by a Korean examiner.
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, out, _ = signed_in("cctv", "clips", "--case", "C-1", "--json")
    korean = {Path(c["path"]).name: c["problems"] for c in json.loads(out)["clips"]}
    assert korean["empty.dav"] == ["영상이 아님: 크기가 0인 파일"]
    assert any("월 값 13" in p for p in korean["ch03_20211308083312_20211308083316.mp4"])
    # The listing speaks Korean too: its labels and the clips' states were English codes.
    code, out, _ = signed_in("cctv", "clips", "--case", "C-1")
    listed = {
        line.split("\t")[-1].rsplit("/", 1)[-1]: line.split("\t") for line in out.splitlines()
    }
    row = listed["NVR_ch1_main_20210608083312_20210608083316.dav"]
    assert (
        row[5].startswith("파일명 ")
        and row[6].startswith("컨테이너 ")
        and row[8].startswith("보정 ")
    )
    assert listed["empty.dav"][9] == "영상 아님", listed["empty.dav"]
    assert listed["notes.txt"][2] == "채널 미상" and "unknown channel" not in out, out
    states = {row[9] for row in listed.values()}  # the format column keeps its codes
    assert states == {"정상 분석", "분석(문제 있음)", "영상 아님", "제조사 전용 플레이어 필요"}
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")

    phone = tmp_path / "phone"
    phone.mkdir()
    (phone / "mmssms.db").write_bytes(b"SQLite format 3\x00" + bytes(200))
    code, out, err = signed_in("import", "--case", "C-1", str(phone))
    assert code == 2 and "cctv" not in out.lower()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cctv", "import", "--case", "C-1", "/no/such/folder"], "Not found"),
        (["cctv", "import", "--case", "C-9", "."], "No case"),
        (
            [
                "cctv",
                "offset",
                "--item",
                "EX-0001",
                "--shown",
                "yesterday",
                "--reference",
                "2026-05-01T14:30:00+09:00",
            ],
            "not a date",
        ),
        (
            [
                "cctv",
                "offset",
                "--item",
                "EX-0001",
                "--shown",
                "2026-05-01T14:31:05",
                "--reference",
                "2026-05-01T14:30:00",
            ],
            "time zone",
        ),
        (
            [
                "cctv",
                "offset",
                "--item",
                "EX-0042",
                "--shown",
                "2026-05-01T14:31:05",
                "--reference",
                "2026-05-01T14:30:00+09:00",
            ],
            "No evidence item",
        ),
        (["cctv", "still", "--clip", "999", "--at", "1", "-o", "x.png"], "No CCTV clip"),
        (["cctv", "import", "--case", "C-1", ".", "--jobs", "0"], "--jobs"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(signed_in: Cli, args: list[str], message: str) -> None:
    signed_in("--examiner", "1001", "case", "new", "CCTV", "--number", "C-1")
    signed_in("--examiner", "1001", "evidence", "add", "--case", "C-1", "--kind", "cctv_recorder")
    code, _out, err = signed_in("--examiner", "1001", *args)
    assert code == 2 and message in err and "Traceback" not in err
