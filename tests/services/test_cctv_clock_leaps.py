"""A recorder whose clock leaps during a clip (set forward or back by a guard, a DST change):
the clip keeps its real duration on the timeline, the leap is a note on the clip, and the
clip is placed by the clock after the leap, the clock the seizure offset corrects."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.cctv.conftest import START, small
from tests.cctv.generator import ClockEvent, make_clip

KST = timezone(timedelta(hours=9))
OFFSET_S = 65  # the recorder is 65 s fast at seizure (after the leap)


@pytest.mark.parametrize(
    ("leap", "said", "korean"),
    [
        (3600, "+1:00:00", "+1:00:00 건너뜀"),  # set forward (DST starts, a guard)
        (-3600, "-1:00:00", "-1:00:00 건너뜀"),  # set back
        (-45, "-0:00:45", "-0:00:45 건너뜀"),  # set back by less than the clip lasts
    ],
)
def test_a_clock_leap_keeps_the_clips_duration_and_places_it_after_the_leap(
    workstation: Workstation, actor: Actor, tmp_path: Path, leap: int, said: str, korean: str
) -> None:
    case_id = workstation.cases.create(actor, "Burglary", number="C-7").id
    folder = tmp_path / "export"
    folder.mkdir()
    clip_path = folder / "leap.mp4"
    make_clip(small(duration=5, events=(ClockEvent(2.2, "jump", leap),)), clip_path, "mp4")
    before = clip_path.read_bytes()
    report = workstation.cctv.catalog(actor, case_id, [folder], jobs=1)
    assert clip_path.read_bytes() == before
    assert report.item is not None
    item = report.item.id
    workstation.cctv.record_offset(
        actor,
        item,
        datetime(2026, 5, 1, 14, 31, 5),
        datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST),
        zone="Asia/Seoul",
    )
    (clip,) = workstation.cctv.clips(item_id=item)
    assert clip.osd_status == "inconsistent" and clip.time_source == "osd"
    assert clip.duration_s == pytest.approx(5.0, abs=0.05)
    # The note on the clip, in both languages: the signed leap and where it happens.
    note = f"the recorder's clock jumps {said} at 00:00:02 into the clip"
    assert any(note in p.render("en") for p in clip.problems)
    assert any(korean in p.render("ko") for p in clip.problems)
    # Its real duration on the timeline, not the span the two clocks' readings make.
    assert clip.corrected_start is not None and clip.corrected_end is not None
    span = (clip.corrected_end - clip.corrected_start).total_seconds()
    assert span == pytest.approx(clip.duration_s, abs=0.01)
    # Placed by the clock after the leap: its first frame, on that clock, showed START + leap.
    expected = (START + timedelta(seconds=leap - OFFSET_S)).replace(tzinfo=KST)
    assert abs((clip.corrected_start - expected).total_seconds()) <= 1
    assert clip.corrected_note is not None
    assert "after its jump of " + said in clip.corrected_note.render("en")
    assert "건너뛴 뒤의 시계로 배치함" in clip.corrected_note.render("ko")
    spans = {s.id: s for s in workstation.timeline.spans(case_id)}
    assert (spans[clip.id].start, spans[clip.id].end) == (clip.corrected_start, clip.corrected_end)
    # Frame by frame, either side of the leap, true time runs on with the pictures.
    with workstation.cctv.open_clip(clip.id) as view:
        early, late = view.times(10), view.times(100)
    assert early.corrected == clip.corrected_start + timedelta(seconds=early.time_s)
    assert late.corrected == clip.corrected_start + timedelta(seconds=late.time_s)
    assert early.osd is not None and late.osd is not None
    assert abs((late.osd - early.osd).total_seconds() - (late.time_s - early.time_s) - leap) <= 1


def test_a_clock_at_the_end_of_the_calendar_and_a_typed_year_9999(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    """A name dated 9999-12-31 23:59:58 (a reset recorder) corrected by the offset: the time
    left the calendar and the command stopped with an internal error (OverflowError). A
    shown time typed as year 9999 did the same; it is refused, nothing stored."""
    from forensics_app.cctv.timing import TimeSource
    from forensics_app.errors import UserError

    case_id = workstation.cases.create(actor, "Burglary", number="C-7").id
    folder = tmp_path / "export"
    folder.mkdir()
    make_clip(small(duration=2), folder / "NVR_ch1_main_99991231235958_99991231235959.mp4", "mp4")
    report = workstation.cctv.catalog(actor, case_id, [folder], jobs=1, read_osd=False)
    assert report.item is not None
    item = report.item.id
    with pytest.raises(UserError, match="more than 100 years"):
        workstation.cctv.record_offset(
            actor, item, datetime(9999, 12, 31, 23, 59, 59),
            datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST),
        )  # fmt: skip
    assert workstation.cctv.offsets(item) == []
    workstation.cctv.choose_time_source(actor, item, TimeSource.NAME, "the names")
    workstation.cctv.record_offset(
        actor, item, datetime(2026, 5, 1, 0, 30, 0), datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST),
        zone="America/New_York",
    )  # fmt: skip  # a recorder on New York time: its 9999-12-31 23:59:58 is in UTC year 10000
    (clip,) = workstation.cctv.clips(item_id=item)
    assert clip.time_source == "name" and clip.corrected_start is None
    assert clip.corrected_note is not None
    assert "falls outside the calendar" in clip.corrected_note.render("en")
    assert "달력 범위를 벗어남" in clip.corrected_note.render("ko")
    with workstation.cctv.open_clip(clip.id) as view:  # stepping through it: no time, no crash
        assert view.times(0).corrected is None and view.times(0).name is not None
    assert workstation.timeline.spans(case_id) == []
