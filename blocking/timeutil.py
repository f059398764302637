"""Calendar arithmetic the agencies use (days come from `blocking.clock.Clock`)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def last_day_of_months(start: date, months: int) -> date:
    """The last day of a period of `months` months whose first day is `start`, as Korean law
    counts it (민법 제160조): the day before `start`'s day in the last month, or that month's
    last day when it has no such day. Three months from 30 November end on 28 February (the
    day before "30 February" does not exist), not on the 27th."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if start.day > days_in_month:
        return date(year, month, days_in_month)
    return date(year, month, start.day) - timedelta(days=1)
