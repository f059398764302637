"""The workstation's one clock: now in UTC, today in the workstation's zone.

The implementation lives in the block-request library (which the workstation hands it to);
this module adds where the workstation's zone comes from. Nothing else in the program reads the
wall clock: ruff's banned-api rule refuses `datetime.now()`, `date.today()` and
`QDate.currentDate()` everywhere but `blocking/clock.py`.
"""

from __future__ import annotations

import os

from blocking.clock import DEFAULT_ZONE, Clock, ManualClock, load_zone

ZONE_ENV = "FORENSICS_APP_TIME_ZONE"

__all__ = ["DEFAULT_ZONE", "ZONE_ENV", "Clock", "ManualClock", "configured_zone", "system_clock"]


def configured_zone(preferred: str | None = None) -> str:
    """FORENSICS_APP_TIME_ZONE beats the remembered preference beats Asia/Seoul."""
    name = os.environ.get(ZONE_ENV) or preferred or DEFAULT_ZONE
    load_zone(name)  # ValueError for an unknown zone, before anything uses it
    return name


def system_clock(preferred_zone: str | None = None) -> Clock:
    return Clock(configured_zone(preferred_zone))
