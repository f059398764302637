"""A clip's three clocks and the correction to true time.

Recorders keep wall-clock time without a zone, and their clocks drift. Three sources say when
a clip was recorded and are never merged: the file name, the container (DHAV frame dates, an
MP4 creation_time) and the on-screen clock (OSD). At seizure the examiner notes the recorder's
shown time against a reference clock: offset = recorder - reference, and every recorder time
is corrected as recorder_time - offset (domain.md §3). The source used for the timeline is the
examiner's choice per recorder; until one is made, the first source a clip has in
DEFAULT_ORDER is used, and always named.

A recorder whose clock leaps during a clip (set forward or back by a guard, a DST change) has
readings from two clocks in it. The clip lasts its container's duration whatever the clock
did, and by the OSD it is placed by the clock after the (last) leap: the clock offset is
measured at seizure against the clock as it was then, which is the clock after any leap, so
that is the reading the offset corrects; a reading from before the leap is off by the leap.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from forensics_app.messages import Message, msg


class TimeSource(enum.StrEnum):
    NAME = "name"
    CONTAINER = "container"
    OSD = "osd"


# DHAV frame dates are written by the recorder frame by frame; the OSD is the same clock as
# seen on screen; names are given at export; an MP4 creation_time is often the export time.
DEFAULT_ORDER = (TimeSource.CONTAINER, TimeSource.OSD, TimeSource.NAME)
DISAGREE_S = 2.0  # sources further apart than this are shown as disagreeing
# The sources' names inside notes (in the reader's language when shown).
SOURCE_WORDS = {
    TimeSource.NAME: msg("name"),
    TimeSource.CONTAINER: msg("container"),
    TimeSource.OSD: msg("OSD"),
}


@dataclass(frozen=True)
class ClockOffset:
    """How far the recorder's clock was off when it was seized."""

    offset_s: float  # recorder - reference; positive: the recorder is fast
    zone: str  # the zone the recorder's wall clock is set to (its times have none)

    def correct(self, moment: datetime) -> datetime:
        return to_utc(moment, self.zone) - timedelta(seconds=self.offset_s)


def to_utc(moment: datetime, zone: str) -> datetime:
    """A recorder time as aware UTC: naive wall-clock times are read in `zone`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def offset_seconds(shown: datetime, reference: datetime, zone: str) -> float:
    """offset = recorder - reference. `shown`: what the recorder displayed (naive, its wall
    clock); `reference`: the true time at the same moment (aware)."""
    if reference.tzinfo is None:
        raise ValueError("the reference time needs a time zone")
    return (to_utc(shown, zone) - reference.astimezone(UTC)).total_seconds()


@dataclass(frozen=True)
class ClockLeap:
    """The last leap of the recorder's clock in a clip, as the OSD showed it."""

    at_s: float  # seconds from the first frame: the first frame on the new clock
    seconds: float  # positive: set forward
    after: datetime  # the clock shown on that frame (naive recorder wall clock)


@dataclass(frozen=True)
class SourceTimes:
    """One clip's start and end by each source, as the sources say them (naive recorder
    wall clock, or aware for a creation_time that claims UTC)."""

    name_start: datetime | None = None
    name_end: datetime | None = None
    container_start: datetime | None = None
    container_end: datetime | None = None
    container_kind: str = ""  # dhav | creation_time
    osd_start: datetime | None = None
    osd_end: datetime | None = None
    duration_s: float | None = None
    osd_leap: ClockLeap | None = None

    def start(self, source: TimeSource) -> datetime | None:
        return {
            TimeSource.NAME: self.name_start,
            TimeSource.CONTAINER: self.container_start,
            TimeSource.OSD: self.osd_start,
        }[source]

    def end(self, source: TimeSource) -> datetime | None:
        start = self.start(source)
        if self.osd_leap is not None and start is not None and self.duration_s is not None:
            # The recorder's clock leapt during the clip: any end it wrote or showed is
            # read across the leap; the pictures last the container's duration.
            return start + timedelta(seconds=self.duration_s)
        own = {
            TimeSource.NAME: self.name_end,
            TimeSource.CONTAINER: self.container_end,
            TimeSource.OSD: self.osd_end,
        }[source]
        # A clock set back during the clip shows an end before the start: the clip still
        # lasted its duration (the jump itself is reported with the clip's problems).
        if own is not None and (start is None or own >= start):
            return own
        if start is not None and self.duration_s is not None:
            return start + timedelta(seconds=self.duration_s)
        return None

    def pick(self, chosen: TimeSource | None) -> TimeSource | None:
        """The chosen source, or when the clip lacks it, the first it has in DEFAULT_ORDER.
        A creation_time is used only when nothing else is there."""
        order = [chosen] if chosen is not None else []
        order += [s for s in DEFAULT_ORDER if s not in order]
        for source in order:
            if self.start(source) is None:
                continue
            if (
                source == TimeSource.CONTAINER
                and self.container_kind != "dhav"
                and source != chosen
                and any(self.start(s) is not None for s in (TimeSource.OSD, TimeSource.NAME))
            ):
                continue
            return source
        return None


@dataclass(frozen=True)
class Corrected:
    source: TimeSource | None
    start: datetime | None  # aware UTC
    end: datetime | None
    note: Message | None = None  # e.g. why another source than the chosen one


def correct(times: SourceTimes, chosen: TimeSource | None, offset: ClockOffset | None) -> Corrected:
    """Corrected start and end (UTC) by the chosen (or default) source. Without a recorded
    offset there is no corrected time: the recorder's clock is not true time."""
    source = times.pick(chosen)
    if source is None:
        return Corrected(None, None, None, msg("no source gives a time"))
    note = None
    if chosen is not None and source != chosen:
        note = msg(
            "the chosen source ({chosen}) has no time for this clip; {used} used",
            chosen=SOURCE_WORDS[chosen],
            used=SOURCE_WORDS[source],
        )
    if offset is None:
        return Corrected(source, None, None, note or msg("no recorder clock offset recorded"))
    try:
        return _placed(times, source, offset, note)
    except OverflowError:
        # A clock set to the end of the calendar (9999-12-31 on a reset recorder, a name
        # misread as a date): corrected, it has no date. It stopped the whole import.
        return Corrected(
            source,
            None,
            None,
            msg(
                "the {source} time {time}, corrected, falls outside the calendar: no corrected "
                "time",
                source=SOURCE_WORDS[source],
                time=_shown(times.start(source)),
            ),
        )


def _shown(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ") if moment is not None else "?"


def _placed(
    times: SourceTimes, source: TimeSource, offset: ClockOffset, note: Message | None
) -> Corrected:
    start = times.start(source)
    end = times.end(source)
    leap = times.osd_leap
    if source == TimeSource.OSD and leap is not None:
        note = note or msg(
            "placed by the recorder's clock after its jump of {leap} at {at} into the clip: "
            "the clock offset is measured against the clock as it is after the jump",
            leap=clock_span(leap.seconds),
            at=clip_position(leap.at_s),
        )
        # In UTC from the reading itself: a wall-clock start computed back across a DST
        # change could be an hour that does not exist in the zone.
        first = offset.correct(leap.after) - timedelta(seconds=leap.at_s)
        last = first + timedelta(seconds=times.duration_s) if times.duration_s is not None else None
        return Corrected(source, first, last, note)
    return Corrected(
        source,
        offset.correct(start) if start is not None else None,
        offset.correct(end) if end is not None else None,
        note,
    )


def disagreements(times: SourceTimes, zone: str) -> list[Message]:
    """Where the sources' starts differ by more than DISAGREE_S, as notes."""
    starts = [
        (source, moment)
        for source in (TimeSource.NAME, TimeSource.CONTAINER, TimeSource.OSD)
        if (moment := times.start(source)) is not None
    ]
    out = []
    for number, (first, a) in enumerate(starts):
        for second, b in starts[number + 1 :]:
            try:
                gap = (to_utc(b, zone) - to_utc(a, zone)).total_seconds()
            except OverflowError:  # a clock at the end of the calendar: said by correct()
                continue
            if abs(gap) <= DISAGREE_S:
                continue
            words = {
                "second": SOURCE_WORDS[second],
                "span": _span(gap),
                "first": SOURCE_WORDS[first],
            }
            if gap > 0:
                text = msg("{second} start is {span} after the {first} start", **words)
            else:
                text = msg("{second} start is {span} before the {first} start", **words)
            if (a.tzinfo is None) != (b.tzinfo is None):
                hours = ZoneInfo(zone).utcoffset(a.replace(tzinfo=None)) or timedelta()
                if abs(abs(gap) - hours.total_seconds()) <= DISAGREE_S:
                    text = msg(
                        "{text} (exactly the {zone} offset: the creation_time is local time "
                        "marked UTC)",
                        text=text,
                        zone=zone,
                    )
            out.append(text)
    return out


def _span(seconds: float) -> Message:
    seconds = abs(seconds)
    if seconds < 120:
        return msg("{value:.0f} s", value=seconds)
    if seconds < 7200:
        return msg("{value:.1f} min", value=seconds / 60)
    if seconds < 172800:
        return msg("{value:.1f} h", value=seconds / 3600)
    return msg("{value:.1f} days", value=seconds / 86400)


def clock_span(seconds: float) -> str:
    """A clock change as a signed h:mm:ss ("+1:00:00", "-0:00:45")."""
    whole = round(abs(seconds))
    sign = "-" if seconds < 0 else "+"
    return f"{sign}{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def clip_position(seconds: float) -> str:
    """A place in a clip as players show it: hh:mm:ss from its first frame."""
    whole = max(0, math.floor(seconds))
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"
