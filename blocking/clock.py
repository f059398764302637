"""The one source of time: `now()` in UTC, calendar days in one zone.

Agencies count deadlines, weeks and "today" in Korean calendar days, while every stored moment
is UTC. A `Clock` holds both halves, so nothing else has to read the wall clock or guess a zone.
The workstation builds one (`forensics_app.clock`) and hands it to this library; tests and
benchmarks pass a `ManualClock` they move themselves.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Seoul"


def load_zone(name: str) -> tzinfo:
    """A zone by IANA name ("Asia/Seoul", "UTC"); ValueError names an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


class Clock:
    """Wall-clock time in UTC and calendar days in the workstation's zone."""

    def __init__(self, zone: str | tzinfo = DEFAULT_ZONE) -> None:
        self.zone: tzinfo = load_zone(zone) if isinstance(zone, str) else zone

    @property
    def zone_name(self) -> str:
        return getattr(self.zone, "key", None) or str(self.zone)

    def now(self) -> datetime:
        """This moment, aware, in UTC (the only place the program reads the wall clock)."""
        return datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now()

    def today(self) -> date:
        return self.date_of(self.now())

    def local(self, moment: datetime) -> datetime:
        """`moment` in the workstation's zone (naive values are refused, never guessed)."""
        if moment.tzinfo is None:
            raise ValueError(f"naive datetime {moment!r}: give it a time zone")
        return moment.astimezone(self.zone)

    def date_of(self, moment: datetime) -> date:
        """The calendar day `moment` falls on in the workstation's zone."""
        return self.local(moment).date()

    def start_of_day(self, day: date) -> datetime:
        """Midnight at the start of `day` in the workstation's zone, as UTC."""
        return datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)

    def file_stamp(self, moment: datetime) -> str:
        """`moment` for a file name: the workstation's local date and time, with the zone's
        UTC offset ("20261201-111317+0900"). The offset makes the name say which moment it
        is: a local time alone is ambiguous between zones, and within one in the hour a
        daylight-saving change repeats (two packages were given the same name). Local rather
        than UTC ("…Z") because the analyst and the agencies read local times, as the list in
        the package does; "+", "-" and digits are allowed in file names on Windows too (":"
        is not)."""
        return self.local(moment).strftime("%Y%m%d-%H%M%S%z")

    def zone_abbreviation(self, moment: datetime | None = None) -> str:
        """What a reader calls the zone at `moment` ("KST", "PDT"), falling back to its name."""
        local = self.local(moment or self.now())
        return local.tzname() or self.zone_name


class ManualClock(Clock):
    """A clock that stands still until told: tests, benchmarks and replays."""

    def __init__(self, start: datetime, zone: str | tzinfo = DEFAULT_ZONE) -> None:
        super().__init__(zone)
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware start time")
        self.current = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("ManualClock needs aware times")
        self.current = moment.astimezone(UTC)
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current
