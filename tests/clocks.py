"""Pinned time for the whole suite: tests must pass on any day, in any zone.

`PINNED` is a Wednesday noon in Korea, far from any day, week, month or year boundary, so a
test that forgets a zone still gets the right calendar day. The calendar tests move the clock
(and, with time-machine, the wall clock too) to the instants listed in `CALENDAR_INSTANTS`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from blocking.clock import ManualClock

PINNED = datetime(2026, 5, 13, 3, 0, tzinfo=UTC)  # Wed 2026-05-13 12:00 KST

# Instants where the Korean calendar and UTC disagree about the day, week, month or year.
CALENDAR_INSTANTS = {
    # Sunday 23:30 in Korea is still Sunday 14:30 UTC; the Korean week ends in 30 minutes.
    "sunday-2330-kst": datetime(2026, 11, 29, 14, 30, tzinfo=UTC),
    # New Year's Eve 20:00 UTC is already 05:00 on 1 January in Korea.
    "31-dec-2000-utc": datetime(2026, 12, 31, 20, 0, tzinfo=UTC),
    # The last day of a month, late evening in Korea (the next UTC day is still the 30th).
    "30-apr-2330-kst": datetime(2026, 4, 30, 14, 30, tzinfo=UTC),
}

HOST_ZONES = ("UTC", "Asia/Seoul", "America/Los_Angeles")


def pinned_clock(at: datetime = PINNED) -> ManualClock:
    return ManualClock(at)
