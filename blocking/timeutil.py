"""Dates as the agencies write them (Korean calendar days) against UTC timestamps."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta, timezone

# Korea has no daylight saving time, so a fixed offset is exact (and needs no tz database).
KST = timezone(timedelta(hours=9), "KST")


def korean_date(moment: datetime) -> date:
    return moment.astimezone(KST).date()


def start_of_korean_day(day: date) -> datetime:
    """Midnight in Korea at the start of `day`, as UTC."""
    return datetime.combine(day, time(0), tzinfo=KST).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """Same day `months` later; the 31st becomes the month's last day when it has fewer."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
