"""CCTV exports through the service: one custody entry, evidence untouched, resumable and
idempotent, failures per clip, the recorder's offset and the examiner's time source,
stills in the custody log. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image as PILImage

from blocking.clock import ManualClock
from forensics_app.cctv.osd import Region
from forensics_app.cctv.timing import TimeSource
from forensics_app.errors import UserError
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage.models import ItemKind
from tests.cctv.conftest import START
from tests.cctv.exports import build_export
from tests.cctv.generator import ClipSpec, make_clip, split_dhav

KST = timezone(timedelta(hours=9))


@pytest.fixture(scope="session")
def export_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_export(tmp_path_factory.mktemp("export") / "NVR-export")


@pytest.fixture
def export(export_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "NVR-export"
    shutil.copytree(export_template, target)
    return target


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor) -> int:
    return workstation.cases.create(actor, "Burglary", number="C-7").id


def hashes(folder: Path) -> dict[str, str]:
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class CancelAfter:
    def __init__(self, clips: int) -> None:
        self.left = clips
        self.phase = ""

    def begin(self, total: int | None, label: object, unit: str = "") -> None:
        self.phase = str(label)  # a Message shows its English form

    def advance(self, amount: int = 1, detail: str = "") -> None:
        if self.phase == "analysing clips":
            self.left -= amount

    def is_cancelled(self) -> bool:
        return self.phase == "analysing clips" and self.left <= 0


def test_an_export_is_catalogued_verifiably_and_left_untouched(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    before = hashes(export)
    log_before = len(workstation.custody.entries(case_id=case_id))
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=2)
    assert hashes(export) == before
    assert report.item is not None and report.item.kind == ItemKind.CCTV_RECORDER
    assert report.added == 7 and report.analysed == 7 and not report.cancelled
    entries = workstation.custody.entries(case_id=case_id)
    # The item, each file's hashes (what `verify` holds a file to), the export's manifest.
    added = entries[: len(entries) - log_before]
    assert sorted(e.action for e in added) == ["create"] + ["hash"] * 7 + ["import"]
    (entry,) = [e for e in added if e.action == "import"]
    details = json.loads(entry.details)
    assert details["event"] == "cctv.catalogued"
    assert details["files"] == 7 and len(details["listed"]) == 7
    assert details["manifest_sha256"] in entry.summary
    verified = workstation.evidence.verify(actor, item_id=report.item.id)
    assert verified.ok and verified.files_checked == 7

    clips = {Path(c.path).name: c for c in report.clips}
    dav = clips["NVR_ch1_main_20210608083312_20210608083316.dav"]
    assert (dav.format, dav.status, dav.channel, dav.camera) == ("dahua_dav", "ok", 1, "ch1")
    assert dav.name_start == dav.container_start == dav.osd_start == START
    assert dav.frame_count == 100 and dav.duration_s == pytest.approx(4.0, abs=0.05)
    assert dav.corrected_start is None and dav.time_source == "container"
    korean = clips["ch02_20210608083312_20210608083316.mp4"]
    assert (korean.format, korean.channel, korean.osd_start) == ("hikvision_ps", 2, START)
    month13 = clips["ch03_20211308083312_20211308083316.mp4"]
    assert month13.name_start is None and any("month 13" in str(p) for p in month13.problems)
    assert month13.container_start == START.replace(tzinfo=UTC)
    cut = clips["NVR_ch1_main_20210608083316_20210608083320.dav"]
    assert cut.status == "problems" and any("truncated" in str(p) for p in cut.problems)
    assert any("name start" in str(d) for d in cut.disagreements)  # its frames start at :12
    assert clips["empty.dav"].status == "not_video"
    assert "zero-length" in str(clips["empty.dav"].problems[0])
    assert clips["player.exe"].status == "needs_player"
    assert "maker's player" in str(clips["player.exe"].problems[0])
    assert clips["notes.txt"].status == "not_video"
    assert workstation.cctv.thumbnail(dav.id) is not None
    assert {c.key for c in workstation.cctv.cameras(report.item.id)} >= {"ch1", "ch2", "ch3"}
    json_clip = dav.to_json()
    for key in ("path", "sha256", "format", "channel", "start_name", "start_container",
                "start_osd", "start_corrected", "duration_s", "problems"):  # fmt: skip
        assert key in json_clip
    assert json_clip["start_osd"] == "2021-06-08T08:33:12"
    # Stored as templates with values: the same clip reads in Korean, with its values.
    name_problem = next(p for p in month13.problems if "month 13" in str(p))
    assert "20211308083312" in name_problem.render("ko") and "월 값 13" in name_problem.render("ko")
    assert clips["empty.dav"].problems[0].render("ko") == "영상이 아님: 크기가 0인 파일"
    assert "제조사 플레이어가 필요함" in clips["player.exe"].problems[0].render("ko")
    assert any("파일 이름 시작보다" in d.render("ko") for d in cut.disagreements)


def test_importing_again_changes_nothing_and_a_cancelled_run_resumes(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    first = workstation.cctv.catalog(actor, case_id, [export], jobs=1, progress=CancelAfter(2))
    assert first.cancelled and first.analysed == 2 and first.added == 7
    entries = len(workstation.custody.entries(case_id=case_id))
    second = workstation.cctv.catalog(actor, case_id, [export], jobs=1)
    assert second.item is not None and first.item is not None
    assert second.item.id == first.item.id and second.added == 0
    assert second.analysed == 5 and second.already_done == 2 and not second.cancelled
    third = workstation.cctv.catalog(actor, case_id, [export], jobs=1)
    assert third.analysed == 0 and third.already_done == 7
    assert len(workstation.custody.entries(case_id=case_id)) == entries
    assert sorted(c.id for c in third.clips) == sorted(c.id for c in second.clips)
    assert len(workstation.cctv.clips(case_id=case_id)) == 7


def test_offset_and_time_source_give_audited_corrected_times(
    workstation: Workstation, actor: Actor, case_id: int, export: Path, clock: ManualClock
) -> None:
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1)
    assert report.item is not None
    item = report.item.id
    with pytest.raises(UserError, match="zone"):
        workstation.cctv.record_offset(
            actor, item, datetime(2026, 5, 1, 14, 31, 5), datetime(2026, 5, 1, 14, 30)
        )
    with pytest.raises(UserError, match="without a zone"):
        workstation.cctv.record_offset(
            actor, item, datetime(2026, 5, 1, 14, 31, 5, tzinfo=KST), clock.now()
        )
    with pytest.raises(UserError, match="later than now"):  # a reference that has not happened
        workstation.cctv.record_offset(
            actor, item, datetime(2026, 5, 1, 14, 31, 5), clock.now() + timedelta(hours=1)
        )
    offset = workstation.cctv.record_offset(
        actor,
        item,
        datetime(2026, 5, 1, 14, 31, 5),
        datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST),
        zone="Asia/Seoul",
        note="phone clock, photographed",
    )
    assert offset.offset_s == 65 and "65 s fast" in offset.describe()
    dav = next(c for c in workstation.cctv.clips(item_id=item) if c.path.endswith("16.dav"))
    assert dav.corrected_start == datetime(2021, 6, 8, 8, 32, 7, tzinfo=KST)
    assert dav.corrected_end == dav.corrected_start + timedelta(seconds=4)
    spans = workstation.cctv.timeline_spans(case_id)
    assert dav.id in {s.clip_id for s in spans}
    assert not workstation.cctv.timeline_spans(case_id, end=datetime(2021, 6, 7, 23, 0, tzinfo=UTC))
    # The case timeline: each clip with a corrected time, at its start, beside the phones' data.
    on_timeline = workstation.timeline.entries(case_id, kinds=["cctv"])
    assert {e.id for e in on_timeline} == {s.clip_id for s in spans}
    (dav_entry,) = [e for e in on_timeline if e.id == dav.id]
    assert dav_entry.at == dav.corrected_start and dav_entry.summary.endswith("16.dav")
    assert workstation.timeline.count(case_id, kinds=["cctv"]) == len(spans)
    histogram = workstation.timeline.histogram(case_id, kinds=["cctv"])
    assert sum(b.counts.get("cctv", 0) for b in histogram.buckets) == len(spans)
    recorder = workstation.cctv.choose_time_source(actor, item, TimeSource.NAME, "the names agree")
    assert recorder.choice is not None and recorder.choice.source == TimeSource.NAME
    cut = next(c for c in workstation.cctv.clips(item_id=item) if c.path.endswith("20.dav"))
    assert cut.time_source == "name"
    assert cut.corrected_start == datetime(2021, 6, 8, 8, 32, 11, tzinfo=KST)
    month13 = next(c for c in workstation.cctv.clips(item_id=item) if "2021130" in c.path)
    assert month13.time_source == "osd" and "name" in str(month13.corrected_note)
    actions = [(e.action, e.summary) for e in workstation.custody.entries(item_id=item)]
    assert actions[0][0] == "edit" and "name time" in actions[0][1]
    assert actions[1][0] == "edit" and "offset +65.000 s" in actions[1][1]
    assert [o.offset_s for o in workstation.cctv.offsets(item)] == [65]


def test_a_still_is_exported_with_its_times_and_logged(
    workstation: Workstation, actor: Actor, case_id: int, export: Path, tmp_path: Path
) -> None:
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1)
    assert report.item is not None
    workstation.cctv.record_offset(
        actor, report.item.id, datetime(2026, 5, 1, 14, 31, 5),
        datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST),
    )  # fmt: skip
    dav = next(c for c in report.clips if c.path.endswith("16.dav"))
    before = hashes(export)
    out = tmp_path / "still.png"
    still = workstation.cctv.export_still(actor, dav.id, out, at_s=2.5)
    assert still.frame == 62 and still.times.osd == START + timedelta(seconds=2)
    assert still.times.osd_read == START + timedelta(seconds=2)  # read on that very frame
    assert still.times.container == START + timedelta(seconds=2.48)
    assert still.times.corrected == datetime(2021, 6, 8, 8, 32, 9, 480000, tzinfo=KST)
    png = PILImage.open(io.BytesIO(out.read_bytes()))
    assert png.info["clip_sha256"] == dav.sha256 and png.info["frame"] == "62"
    assert png.info["time_osd_read_on_frame"] == "2021-06-08T08:33:14"
    entry = workstation.custody.entries(item_id=report.item.id)[0]
    assert entry.action == "export" and json.loads(entry.details)["output_sha256"] == still.sha256
    with pytest.raises(UserError, match="exists"):
        workstation.cctv.export_still(actor, dav.id, out, at_s=1)
    with pytest.raises(UserError, match="outside the clip"):
        workstation.cctv.export_still(actor, dav.id, tmp_path / "late.png", at_s=40)
    player = next(c for c in report.clips if c.path.endswith(".exe"))
    with pytest.raises(UserError, match=r"maker's player|cannot be played"):
        workstation.cctv.export_still(actor, player.id, tmp_path / "x.png", frame=0)
    assert hashes(export) == before


def test_a_contact_sheet_speaks_the_readers_language_and_zone(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    export: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1)
    assert report.item is not None
    workstation.cctv.record_offset(
        actor, report.item.id, datetime(2026, 5, 1, 14, 31, 5),
        datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST),
    )  # fmt: skip
    dav = next(c for c in report.clips if c.path.endswith("16.dav"))
    drawn: list[tuple[list[str], list[list[str]]]] = []

    def capture(tiles: list[tuple[object, list[str]]], **kwargs: list[str]) -> PILImage.Image:
        drawn.append((kwargs["title"], [caption for _, caption in tiles]))
        return PILImage.new("RGB", (1, 1))

    monkeypatch.setattr("forensics_app.services.cctv.contact_sheet", capture)
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    workstation.cctv.contact_sheet(dav.id, count=3)
    (title, captions) = drawn[0]
    assert "시간 출처" in title[1] and "time source" not in title[1], title
    first = captions[0]
    assert first[0].startswith("프레임 0") and first[1].startswith("화면 시계 ")
    assert first[2].startswith("컨테이너 ") and first[3].startswith("보정 ")
    # The corrected time in the workstation's zone (Seoul), its zone named, as in a still.
    assert first[3] == "보정 2021-06-08 08:32:07+09:00 KST", first


def test_working_copy_and_frame_stepping_read_the_evidence_only(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    before = hashes(export)
    dav = next(c for c in report.clips if c.path.endswith("16.dav"))
    copy = workstation.cctv.working_copy(dav.id)
    assert copy.suffix == ".mp4" and export not in copy.parents and copy.stat().st_size > 0
    mp4 = next(c for c in report.clips if "ch03" in c.path)
    assert workstation.cctv.working_copy(mp4.id) == Path(mp4.path)  # plays as it is
    with workstation.cctv.open_clip(dav.id) as view:
        frame, times = view.frame(51)
        assert frame.index == 51 and times.container == START + timedelta(seconds=2.04)
        assert times.osd is None  # not read in this import
    assert hashes(export) == before


def test_an_export_of_many_tiny_fragments(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    spec = ClipSpec(START, duration=12, size=(160, 96), osd=None, gop=2, bitrate="100k")
    source = make_clip(spec, tmp_path / "whole.dav", "dhav")
    folder = tmp_path / "fragments"
    paths = split_dhav(source, folder, 2, "frag_{index:04d}.dav")
    assert len(paths) == 150
    source.unlink()
    report = workstation.cctv.catalog(actor, case_id, [folder], jobs=1)
    assert report.added == 150 and report.analysed == 150 and report.failed == 0
    assert all(c.frame_count == 2 for c in report.clips)
    starts = sorted(c.container_start for c in report.clips if c.container_start)
    # A DHAV file's first picture is dated to the second (the ms counter is relative).
    assert starts[0] == START and starts[-1] == START + timedelta(seconds=11)
    assert all(c.osd_status == "unreadable" for c in report.clips)
    # The case, the item, a hash entry per fragment and the export's one manifest entry.
    assert len(workstation.custody.entries(case_id=case_id)) == 1 + 1 + 150 + 1


def test_a_clock_region_drawn_by_the_examiner_is_remembered(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    assert report.item is not None
    camera = next(c for c in workstation.cctv.cameras(report.item.id) if c.key == "ch1")
    with pytest.raises(UserError, match="No date and time"):
        workstation.cctv.set_osd_region(actor, camera.id, Region(0.5, 0.5, 0.4, 0.3))
    updated = workstation.cctv.set_osd_region(actor, camera.id, Region(0.0, 0.0, 0.7, 0.2))
    assert updated.osd_settings is not None and updated.osd_settings.drawn_by_examiner
    clips = workstation.cctv.clips(camera_id=camera.id)
    assert {c.osd_start for c in clips} == {START}
    assert workstation.custody.entries(item_id=report.item.id)[0].action == "analyse"


def test_clips_are_spans_on_the_case_timeline_beside_the_phones(
    workstation: Workstation, actor: Actor, case_id: int, export: Path, tmp_path: Path
) -> None:
    from forensics_app.services.timeline import MERGE_LIMIT
    from tests.importers import samples

    workstation.ingest.import_paths(actor, case_id, [samples.android_extraction(tmp_path / "a")])
    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1)
    assert report.item is not None
    item = report.item.id
    timeline = workstation.timeline
    assert timeline.spans(case_id) == []  # no offset recorded: no true time, not on it
    workstation.cctv.record_offset(
        actor, item, datetime(2026, 5, 1, 14, 31, 5), datetime(2026, 5, 1, 14, 30, tzinfo=KST)
    )
    clips = {c.id: c for c in workstation.cctv.clips(item_id=item) if c.corrected_start}
    assert len(clips) >= 3
    spans = timeline.spans(case_id)
    assert {(s.id, s.start, s.end) for s in spans} == {
        (c.id, c.corrected_start, c.corrected_end) for c in clips.values()
    }
    assert all(s.end > s.start for s in spans)
    dav = next(c for c in clips.values() if c.path.endswith("16.dav"))
    (dav_span,) = [s for s in spans if s.id == dav.id]
    assert dav_span.lane == f"{report.item.exhibit_number} ch1"  # the recorder and camera
    # Merged with the phones' messages and calls, in time order, on both query paths (the
    # per-source merge for early pages, one UNION deeper down) and in the stream.
    merged = timeline.entries(case_id)
    union = timeline.entries(case_id, limit=MERGE_LIMIT + 1)
    assert merged == union == list(timeline.stream(case_id, batch=7))
    kinds = {e.kind for e in merged}
    assert {"message", "call", "cctv"} <= kinds
    assert [e.at for e in merged] == sorted(e.at for e in merged)
    by_clip = {e.id: e for e in merged if e.kind == "cctv"}
    assert {i: (e.at, e.end) for i, e in by_clip.items()} == {
        i: (c.corrected_start, c.corrected_end) for i, c in clips.items()
    }
    assert by_clip[dav.id].summary == "ch1: " + dav.relative_path
    assert all(e.end is None for e in merged if e.kind != "cctv")
    # A range inside a clip still finds it: spans overlap ranges, they are not points.
    assert dav.corrected_start is not None
    middle = dav.corrected_start + timedelta(seconds=2)
    inside = timeline.entries(case_id, middle, middle + timedelta(seconds=1), kinds=["cctv"])
    assert dav.id in {e.id for e in inside}
    assert dav.id in {s.id for s in timeline.spans(case_id, middle, middle + timedelta(seconds=1))}
    assert timeline.count(case_id, middle, middle + timedelta(seconds=1), ["cctv"]) == len(inside)
    assert timeline.spans(case_id, kinds=["message"]) == []
    with pytest.raises(UserError):
        timeline.spans(case_id, kinds=["nonsense"])
    # The examiner's choice of source moves the spans (the names: 08:33:12 to 08:33:16).
    workstation.cctv.choose_time_source(actor, item, TimeSource.NAME, "the names agree")
    moved = {s.id: s for s in timeline.spans(case_id)}
    assert moved[dav.id].start == datetime(2021, 6, 8, 8, 32, 7, tzinfo=KST)
    assert moved[dav.id].end == datetime(2021, 6, 8, 8, 32, 11, tzinfo=KST)


def test_clips_catalogued_when_notes_were_english_text_still_show(
    workstation: Workstation, actor: Actor, case_id: int, export: Path
) -> None:
    """Rows written before problems were templates hold English text: it shows as it was
    (and nothing else about the clip changes)."""
    from sqlalchemy import update

    from forensics_app.storage.models import CctvClip

    report = workstation.cctv.catalog(actor, case_id, [export], jobs=1, read_osd=False)
    cut = next(c for c in report.clips if c.path.endswith("20.dav"))
    old_problem = "the last DHAV frame is cut short: the file is truncated"
    with workstation.db.write() as session:
        session.execute(
            update(CctvClip)
            .where(CctvClip.id == cut.id)
            .values(
                problems=json.dumps([old_problem, "recording gap of 2.0 s at 1.0 s (frame 25)"]),
                osd_message="no date and time found on screen (OSD unreadable)",
                corrected_note="no recorder clock offset recorded",
                format_reason="DHAV frame header at byte 0",
            )
        )
    again = workstation.cctv.clip(cut.id)
    assert [p.render("en") for p in again.problems] == [
        old_problem,
        "recording gap of 2.0 s at 1.0 s (frame 25)",
    ]
    assert (
        again.problems[0].render("ko") == "마지막 DHAV 프레임이 잘림: 파일이 끝까지 기록되지 않음"
    )
    assert [n.render("ko") for n in again.osd_notes] == [
        "no date and time found on screen (OSD unreadable)"
    ]
    assert again.corrected_note is not None
    assert again.corrected_note.render("ko") == "녹화기 시계 오차가 기록되지 않음"
    assert again.format_reason.render("en") == "DHAV frame header at byte 0"
    assert again.to_json()["problems"][1] == "recording gap of 2.0 s at 1.0 s (frame 25)"
    assert (again.sha256, again.status, again.duration_s) == (
        cut.sha256,
        cut.status,
        cut.duration_s,
    )


def test_a_troubled_export_is_catalogued_clip_by_clip_and_left_untouched(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    """The bad input of issue 13 in one export: a truncated MP4, a zero-length file, a file
    that is not video, on-screen clocks that jump back and stand still, one with no clock at
    all, container dates set back, a name with an impossible date. Each clip says what is
    wrong with it (in either language), the batch goes on, the evidence is untouched."""
    from tests.cctv.conftest import small
    from tests.cctv.generator import ClockEvent

    folder = tmp_path / "troubled"
    folder.mkdir()
    whole = make_clip(small(duration=2), tmp_path / "whole.mp4", "mp4")
    data = whole.read_bytes()
    (folder / "ch01_20210608083312_20210608083314.mp4").write_bytes(data[: len(data) // 2])
    make_clip(small(duration=5, events=(ClockEvent(1.6, "jump", -45),)), folder / "back.mp4", "mp4")
    make_clip(
        small(duration=8, events=(ClockEvent(2.0, "stall", 4.0),)), folder / "still.mp4", "mp4"
    )
    make_clip(
        ClipSpec(START, duration=2, size=(320, 180), osd=None), folder / "no_clock.mp4", "mp4"
    )
    make_clip(
        small(duration=3, events=(ClockEvent(1.0, "jump", -3600),)),
        folder / "NVR_ch2_main_20210608083312_20210608083315.dav",
        "dhav",
        channel=2,
    )
    make_clip(small(duration=2), folder / "ch03_20210230083312_20210230083314.mp4", "mp4")
    (folder / "zero.dav").write_bytes(b"")
    (folder / "readme.txt").write_text("exported by the recorder\n", encoding="utf-8")
    before = hashes(folder)

    report = workstation.cctv.catalog(actor, case_id, [folder], jobs=1)
    assert hashes(folder) == before
    assert report.added == 8 and report.analysed == 8 and not report.cancelled
    assert report.failed == 1 and not report.changed
    clips = {Path(c.path).name: c for c in report.clips}

    def said(name: str, language: str = "en") -> str:
        return "\n".join(p.render(language) for p in clips[name].problems)

    truncated = clips["ch01_20210608083312_20210608083314.mp4"]
    assert truncated.status == "failed" and truncated.frame_count == 0
    assert "not readable as mp4" in said(Path(truncated.path).name)
    assert "the file is truncated" in said(Path(truncated.path).name)
    assert "mp4(으)로 읽을 수 없음" in said(Path(truncated.path).name, "ko")
    assert "파일이 잘림" in said(Path(truncated.path).name, "ko")
    assert truncated.channel == 1 and truncated.camera == "ch1"  # by its name
    assert truncated.name_start == START  # what the name says is still kept
    back = clips["back.mp4"]
    assert back.status == "problems" and back.osd_status == "inconsistent"
    assert "the recorder's clock jumps -0:00:45 at 00:00:01 into the clip" in said("back.mp4")
    assert "영상 00:00:01 지점(프레임 40)에서 -0:00:45 건너뜀" in said("back.mp4", "ko")
    standing = clips["still.mp4"]
    assert "OSD clock stood still at 2021-06-08 08:33:14" in said("still.mp4")
    assert "멈춰 있음" in said("still.mp4", "ko")
    no_clock = clips["no_clock.mp4"]
    assert no_clock.osd_status == "unreadable" and no_clock.osd_start is None
    assert "OSD unreadable: no date and time found on screen" in said("no_clock.mp4")
    assert "화면에서 날짜와 시각을 찾지 못함" in said("no_clock.mp4", "ko")
    assert no_clock.container_start is not None  # the other clocks are still there
    set_back = clips["NVR_ch2_main_20210608083312_20210608083315.dav"]
    assert "timestamps go back 3600.0 s at 1.0 s (frame 25)" in said(Path(set_back.path).name)
    assert set_back.duration_s == pytest.approx(3.0, abs=0.05)
    no_such_day = clips["ch03_20210230083312_20210230083314.mp4"]
    assert no_such_day.name_start is None and no_such_day.name_convention
    assert "no such day in that month" in said(Path(no_such_day.path).name)
    assert (clips["zero.dav"].status, clips["readme.txt"].status) == ("not_video", "not_video")
    assert said("zero.dav", "ko") == "영상이 아님: 크기가 0인 파일"
    assert standing.status == "problems" and clips["readme.txt"].problems
    # Again: nothing is added, changed or analysed twice.
    again = workstation.cctv.catalog(actor, case_id, [folder], jobs=1)
    assert (again.added, again.analysed, again.already_done) == (0, 0, 8)
    assert hashes(folder) == before
