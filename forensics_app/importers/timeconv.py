"""Device timestamps → aware UTC datetimes, with a sanity range.

A value outside the range (negative, year 9999, a nanosecond value read as seconds) gives
None, and so does 0, which devices write for "not set" (Mac absolute 0 would otherwise read
as 2001-01-01): the artifact keeps its raw value and no invented time.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAC_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)  # Apple's "absolute time" (Cocoa / Core Data)
EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_US = 1_000_000
_MIN_US = (EARLIEST - UNIX_EPOCH) // timedelta(microseconds=1)
_MAX_US = (LATEST - UNIX_EPOCH) // timedelta(microseconds=1)
_MAC_OFFSET_US = (MAC_EPOCH - UNIX_EPOCH) // timedelta(microseconds=1)
_MIN_MS, _MAX_MS = _MIN_US // 1000, _MAX_US // 1000
_MIN_S, _MAX_S = _MIN_US // _US, _MAX_US // _US
_MAC_MIN_S, _MAC_MAX_S = _MIN_S - _MAC_OFFSET_US // _US, _MAX_S - _MAC_OFFSET_US // _US
# The integers each conversion takes on its fast path (and SQL converts by itself: see bulk).
UNIX_MS_RANGE = (_MIN_MS, _MAX_MS)
UNIX_SECONDS_RANGE = (_MIN_S, _MAX_S)
MAC_SECONDS_RANGE = (_MAC_MIN_S, _MAC_MAX_S)
MAC_EPOCH_UNIX_SECONDS = _MAC_OFFSET_US // _US
# iOS 11+ writes message dates in nanoseconds; anything this large cannot be seconds.
NANOSECOND_THRESHOLD = 1e15


def _number(value: object) -> int | float | None:
    if type(value) is int or type(value) is float:
        return value or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value or None
    if isinstance(value, str | bytes):
        text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
        try:
            return int(text.strip()) or None
        except ValueError:
            try:
                return float(text.strip()) or None
            except ValueError:
                return None
    return None


def from_unix_microseconds(microseconds: int) -> datetime | None:
    if _MIN_US <= microseconds < _MAX_US:
        return UNIX_EPOCH + timedelta(microseconds=microseconds)
    return None


def unix_milliseconds(value: object) -> datetime | None:
    if type(value) is int and _MIN_MS <= value < _MAX_MS:  # the common case, fast
        return UNIX_EPOCH + timedelta(milliseconds=value)
    number = _number(value)
    if number is None or math.isnan(number):
        return None
    return from_unix_microseconds(int(number * 1000))


def unix_seconds(value: object) -> datetime | None:
    if type(value) is int and _MIN_S <= value < _MAX_S:
        return UNIX_EPOCH + timedelta(seconds=value)
    number = _number(value)
    if number is None or math.isnan(number):
        return None
    return from_unix_microseconds(int(number * _US))


def mac_absolute(value: object) -> datetime | None:
    """Seconds (int or REAL) or, from iOS 11 on, nanoseconds since 2001-01-01 UTC."""
    if type(value) is int and value and _MAC_MIN_S <= value < _MAC_MAX_S:
        return MAC_EPOCH + timedelta(seconds=value)
    number = _number(value)
    if number is None or math.isnan(number):
        return None
    is_nanoseconds = abs(number) > NANOSECOND_THRESHOLD
    microseconds = int(number) // 1000 if is_nanoseconds else int(number * _US)
    return from_unix_microseconds(microseconds + _MAC_OFFSET_US)


def utc_in_range(moment: datetime) -> datetime | None:
    """An aware time moved to UTC, or None outside the sanity range. Exports written by .NET
    tools say "not set" with DateTime.MinValue and an offset (0001-01-01T00:00:00+09:00),
    which cannot even be moved to UTC: datetime raises OverflowError."""
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        return None
    return utc if EARLIEST <= utc < LATEST else None


def raw_text(value: object) -> str:
    """The raw value as kept next to the converted time."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.hex()[:64]
    return str(value)[:64]
