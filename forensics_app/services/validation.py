"""Checks every service runs before it writes, so SQLite and PostgreSQL refuse the same input.

SQLite stores a 10,000-character title in a VARCHAR(500) column; PostgreSQL refuses it with a
raw DataError. The limits are read from the models, so they cannot drift from the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from forensics_app.clock import Clock
from forensics_app.errors import UserError
from forensics_app.storage.models import Base


def column_limit(model: type[Base], name: str) -> int | None:
    column = model.__table__.columns.get(name)
    return getattr(column.type, "length", None) if column is not None else None


def check_lengths(model: type[Base], values: Mapping[str, Any]) -> None:
    """Raise UserError naming the first text value longer than its column allows."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        limit = column_limit(model, name)
        if limit is not None and len(value) > limit:
            raise UserError(
                "{field} is too long: {length} characters, at most {limit} are allowed.",
                field=name,
                length=len(value),
                limit=limit,
            )


def clip(model: type[Base], name: str, value: str) -> str:
    """Text read from a file (camera make, raw time) cut to what its column holds."""
    limit = column_limit(model, name)
    if limit is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


# A typed time may run a little ahead of this workstation's clock (a phone read off, another
# machine's clock); beyond this, a moment that has not happened yet is a typing mistake.
FUTURE_TOLERANCE_S = 300
# A time a seized device or recorder wrote this far past its import is impossible (its clock
# was wrong, or the value is in another unit or epoch than its column's).
FUTURE_SLACK = timedelta(days=1)


def check_not_in_future(moment: datetime | None, clock: Clock, what: Any) -> None:
    """A time given for something that happened (seized, collected, seen, read off a recorder)
    cannot lie after the Clock's now: UserError naming `what` (an option, or a Message), so the
    GUI and the command line refuse alike before anything is written."""
    if moment is None or moment.tzinfo is None:
        return
    now = clock.now()
    if moment > now + timedelta(seconds=FUTURE_TOLERANCE_S):
        raise UserError(
            "{option} {moment} is later than now ({now}): give a time that has already "
            "happened. Nothing was changed.",
            option=what,
            moment=clock.local(moment).isoformat(timespec="seconds"),
            now=clock.local(now).isoformat(timespec="seconds"),
        )
