"""Block-request library for illegal-ad phone numbers (no forensics_app, no Qt).

Numbers found on flyers become use-suspension (이용중지) requests, are tracked until the number
is dead, and are watched in case they come back. See blocking/README.md for the API, the
schema, the file layouts and how a host application runs the migrations.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocking.actors import (
        Actor,
        Role,
    )
    from blocking.clock import (
        Clock,
        ManualClock,
    )
    from blocking.config import (
        BlockingConfig,
        Channel,
        RouteConfig,
        load_config,
    )
    from blocking.db import (
        Store,
        make_engine,
    )
    from blocking.enums import (
        AdCategory,
        SourceKind,
    )
    from blocking.errors import (
        BlockingError,
        ConfigError,
        DuplicateRequestError,
        EvidenceFileError,
        ForeignNumberError,
        IllegalTransitionError,
        InvalidNumberError,
        NotBlockableError,
        NotFoundError,
        PackageError,
        PackageWriteError,
        PermissionDeniedError,
        ResponseFileError,
        SchemaNotCurrentError,
        SightingInUseError,
    )
    from blocking.numbers import (
        NormalizedNumber,
        NumberType,
        find_numbers,
        normalize_number,
    )
    from blocking.packages import (
        verify_package,
    )
    from blocking.progress import (
        Cancelled,
        Progress,
    )
    from blocking.records import (
        NumberFilter,
        RequestFilter,
        SightingInput,
    )
    from blocking.requests import (
        Answer,
    )
    from blocking.service import (
        Blocking,
    )
    from blocking.states import (
        CLOSED_STATES,
        OPEN_STATES,
        TRANSITIONS,
        RequestState,
        can_transition,
    )

# Loaded on first use: importing one submodule (say the vocabularies a command line offers
# as choices) must not pull in SQLAlchemy, openpyxl and the rest.
_EXPORTS: dict[str, str] = {
    "BlockingError": "blocking.errors",
    "ConfigError": "blocking.errors",
    "DuplicateRequestError": "blocking.errors",
    "EvidenceFileError": "blocking.errors",
    "ForeignNumberError": "blocking.errors",
    "IllegalTransitionError": "blocking.errors",
    "InvalidNumberError": "blocking.errors",
    "NotBlockableError": "blocking.errors",
    "NotFoundError": "blocking.errors",
    "PackageError": "blocking.errors",
    "PackageWriteError": "blocking.errors",
    "PermissionDeniedError": "blocking.errors",
    "ResponseFileError": "blocking.errors",
    "SchemaNotCurrentError": "blocking.errors",
    "SightingInUseError": "blocking.errors",
    "NumberFilter": "blocking.records",
    "RequestFilter": "blocking.records",
    "SightingInput": "blocking.records",
    "Actor": "blocking.actors",
    "AdCategory": "blocking.enums",
    "Answer": "blocking.requests",
    "Blocking": "blocking.service",
    "BlockingConfig": "blocking.config",
    "CLOSED_STATES": "blocking.states",
    "Cancelled": "blocking.progress",
    "Channel": "blocking.config",
    "Clock": "blocking.clock",
    "ManualClock": "blocking.clock",
    "NormalizedNumber": "blocking.numbers",
    "NumberType": "blocking.numbers",
    "OPEN_STATES": "blocking.states",
    "Progress": "blocking.progress",
    "RequestState": "blocking.states",
    "Role": "blocking.actors",
    "RouteConfig": "blocking.config",
    "SourceKind": "blocking.enums",
    "Store": "blocking.db",
    "TRANSITIONS": "blocking.states",
    "can_transition": "blocking.states",
    "find_numbers": "blocking.numbers",
    "load_config": "blocking.config",
    "make_engine": "blocking.db",
    "normalize_number": "blocking.numbers",
    "verify_package": "blocking.packages",
}

__all__ = [
    "CLOSED_STATES",
    "OPEN_STATES",
    "TRANSITIONS",
    "Actor",
    "AdCategory",
    "Answer",
    "Blocking",
    "BlockingConfig",
    "BlockingError",
    "Cancelled",
    "Channel",
    "Clock",
    "ConfigError",
    "DuplicateRequestError",
    "EvidenceFileError",
    "ForeignNumberError",
    "IllegalTransitionError",
    "InvalidNumberError",
    "ManualClock",
    "NormalizedNumber",
    "NotBlockableError",
    "NotFoundError",
    "NumberFilter",
    "NumberType",
    "PackageError",
    "PackageWriteError",
    "PermissionDeniedError",
    "Progress",
    "RequestFilter",
    "RequestState",
    "ResponseFileError",
    "Role",
    "RouteConfig",
    "SchemaNotCurrentError",
    "SightingInUseError",
    "SightingInput",
    "SourceKind",
    "Store",
    "can_transition",
    "find_numbers",
    "load_config",
    "make_engine",
    "normalize_number",
    "verify_package",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'blocking' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
