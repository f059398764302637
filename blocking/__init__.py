"""Block-request library for illegal-ad phone numbers (no forensics_app, no Qt).

Numbers found on flyers become use-suspension (이용중지) requests, are tracked until the number
is dead, and are watched in case they come back. See blocking/README.md for the API, the
schema, the file layouts and how a host application runs the migrations.
"""

from blocking.actors import Actor, Role
from blocking.clock import Clock, ManualClock
from blocking.config import BlockingConfig, Channel, RouteConfig, load_config
from blocking.db import Store, make_engine
from blocking.enums import AdCategory, SourceKind
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
from blocking.numbers import NormalizedNumber, NumberType, find_numbers, normalize_number
from blocking.packages import verify_package
from blocking.progress import Cancelled, Progress
from blocking.records import (
    NumberFilter,
    RequestFilter,
    SightingInput,
)
from blocking.requests import Answer
from blocking.service import Blocking
from blocking.states import CLOSED_STATES, OPEN_STATES, TRANSITIONS, RequestState, can_transition

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
