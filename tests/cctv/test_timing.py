"""The three clocks and the correction to true time (domain.md §3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from forensics_app.cctv.timing import (
    ClockOffset,
    SourceTimes,
    TimeSource,
    correct,
    disagreements,
    offset_seconds,
)

SEOUL = "Asia/Seoul"
KST = timezone(timedelta(hours=9))


def test_offset_is_recorder_minus_reference_and_corrected_is_recorder_minus_offset() -> None:
    shown = datetime(2026, 5, 1, 14, 31, 5)  # the recorder's screen (no zone)
    reference = datetime(2026, 5, 1, 14, 30, 0, tzinfo=KST)
    offset = offset_seconds(shown, reference, SEOUL)
    assert offset == 65.0  # the recorder is 65 s fast
    clock = ClockOffset(offset, SEOUL)
    recorded = datetime(2021, 6, 8, 8, 33, 12)
    assert clock.correct(recorded) == datetime(2021, 6, 8, 8, 32, 7, tzinfo=KST)
    assert clock.correct(recorded).tzinfo is not None
    slow = ClockOffset(offset_seconds(datetime(2026, 5, 1, 12, 0), reference, SEOUL), SEOUL)
    assert slow.offset_s == -9000 and slow.correct(recorded) == datetime(
        2021, 6, 8, 11, 3, 12, tzinfo=KST
    )
    with pytest.raises(ValueError, match="zone"):
        offset_seconds(shown, reference.replace(tzinfo=None), SEOUL)


def test_a_recorder_in_another_zone() -> None:
    offset = offset_seconds(
        datetime(2026, 1, 10, 3, 0), datetime(2026, 1, 10, 8, 0, tzinfo=UTC), "America/New_York"
    )
    assert offset == 0.0


TIMES = SourceTimes(
    name_start=datetime(2021, 6, 8, 8, 33, 0),
    name_end=datetime(2021, 6, 8, 8, 34, 0),
    container_start=datetime(2021, 6, 8, 8, 33, 12),
    container_kind="dhav",
    osd_start=datetime(2021, 6, 8, 8, 33, 13),
    duration_s=60.0,
)


def test_the_chosen_source_is_used_and_named() -> None:
    offset = ClockOffset(65, SEOUL)
    default = correct(TIMES, None, offset)
    assert default.source == TimeSource.CONTAINER  # DHAV dates come first
    assert default.start == datetime(2021, 6, 8, 8, 32, 7, tzinfo=KST)
    assert default.end == default.start + timedelta(seconds=60)
    by_name = correct(TIMES, TimeSource.NAME, offset)
    assert by_name.source == TimeSource.NAME
    assert by_name.end == datetime(2021, 6, 8, 8, 32, 55, tzinfo=KST)  # the name's own end
    no_osd = SourceTimes(name_start=TIMES.name_start, duration_s=60)
    fallback = correct(no_osd, TimeSource.OSD, offset)
    assert fallback.source == TimeSource.NAME and "OSD" in str(fallback.note)


def test_without_an_offset_there_is_no_corrected_time() -> None:
    result = correct(TIMES, TimeSource.OSD, None)
    assert result.source == TimeSource.OSD and result.start is None
    assert "no recorder clock offset" in str(result.note)


def test_a_creation_time_is_the_last_resort_unless_chosen() -> None:
    times = SourceTimes(
        container_start=datetime(2021, 6, 8, 8, 33, 12, tzinfo=UTC),
        container_kind="creation_time",
        osd_start=datetime(2021, 6, 8, 8, 33, 12),
        duration_s=10,
    )
    assert correct(times, None, ClockOffset(0, SEOUL)).source == TimeSource.OSD
    chosen = correct(times, TimeSource.CONTAINER, ClockOffset(0, SEOUL))
    assert chosen.start == datetime(2021, 6, 8, 8, 33, 12, tzinfo=UTC)


def test_disagreements_are_spelled_out() -> None:
    said = disagreements(TIMES, SEOUL)
    assert [str(note) for note in said] == ["container start is 12 s after the name start",
                                            "OSD start is 13 s after the name start"]  # fmt: skip
    # In the reader's language, whenever it is read (the values are kept, not the words).
    assert [note.render("ko") for note in said] == [
        "컨테이너 시작이 파일 이름 시작보다 12초 늦음",
        "화면 표시 시계 시작이 파일 이름 시작보다 13초 늦음",
    ]
    local_as_utc = SourceTimes(
        container_start=datetime(2021, 6, 8, 8, 33, 12, tzinfo=UTC),
        container_kind="creation_time",
        osd_start=datetime(2021, 6, 8, 8, 33, 12),
    )
    (note,) = disagreements(local_as_utc, SEOUL)
    text = str(note)
    assert "9.0 h" in text and "local time marked UTC" in text
    assert "9.0시간" in note.render("ko") and "Asia/Seoul 시차" in note.render("ko")


def test_a_clock_set_back_during_the_clip_gives_no_end_before_the_start() -> None:
    # The recorder's clock went back an hour 2 s into a 4-s clip: the container and the OSD
    # end an hour before they start. The clip's span is its duration from its start.
    start = datetime(2021, 6, 8, 8, 33, 12)
    back = datetime(2021, 6, 8, 7, 33, 14)
    times = SourceTimes(
        container_start=start,
        container_end=back,
        container_kind="dhav",
        osd_start=start,
        osd_end=back,
        duration_s=4.0,
    )
    clock = ClockOffset(600.0, SEOUL)
    for source in (TimeSource.CONTAINER, TimeSource.OSD):
        result = correct(times, source, clock)
        assert result.start == datetime(2021, 6, 8, 8, 23, 12, tzinfo=KST)
        assert result.end == datetime(2021, 6, 8, 8, 23, 16, tzinfo=KST)
    forward = SourceTimes(container_start=start, container_end=start + timedelta(hours=1),
                          container_kind="dhav", duration_s=4.0)  # fmt: skip
    assert correct(forward, None, clock).end == datetime(2021, 6, 8, 9, 23, 12, tzinfo=KST)


def test_a_clock_leap_across_a_dst_change_is_placed_from_the_reading_after_it() -> None:
    """A recorder that follows DST (Berlin, 28 March 2021: 02:00 CET became 03:00 CEST)
    shows 01:59:00 at the first frame and 03:00:30 after the change at 90 s. The clip is
    placed from the reading after the leap, in UTC: a wall-clock start computed back from it
    (02:59:00) does not exist in the zone and was read an hour wrong. It lasts its duration."""
    from forensics_app.cctv.timing import ClockLeap

    times = SourceTimes(
        osd_start=datetime(2021, 3, 28, 1, 59, 0),
        osd_end=datetime(2021, 3, 28, 3, 1, 0),  # read across the leap: 2 min later by it
        duration_s=120.0,
        osd_leap=ClockLeap(90.0, 3600.0, datetime(2021, 3, 28, 3, 0, 30)),
    )
    placed = correct(times, None, ClockOffset(0, "Europe/Berlin"))
    assert placed.source == TimeSource.OSD
    assert placed.start == datetime(2021, 3, 28, 0, 59, 0, tzinfo=UTC)
    assert placed.end == datetime(2021, 3, 28, 1, 1, 0, tzinfo=UTC)
    assert placed.note is not None and "+1:00:00 at 00:01:30" in str(placed.note)
    unset = correct(times, None, None)  # why there is no corrected time comes first
    assert unset.start is None and str(unset.note) == "no recorder clock offset recorded"
    # By another source, the clip still lasts its duration (its end was read across the leap).
    named = replace(times, name_start=datetime(2021, 3, 28, 1, 59, 0), name_end=times.osd_end)
    by_name = correct(named, TimeSource.NAME, ClockOffset(0, "Europe/Berlin"))
    assert by_name.end is not None and by_name.start is not None
    assert (by_name.end - by_name.start).total_seconds() == 120
