"""Errors a caller can cause. Every message is written for the person at the screen.

All of them derive from `BlockingError`, so a CLI or GUI can catch one type and show
`str(error)`; nothing here needs a traceback to be understood.
"""

from __future__ import annotations

from collections.abc import Sequence


class BlockingError(Exception):
    """Base class: bad input, a refused action, a file that cannot be read or written."""


class InvalidNumberError(BlockingError):
    """The text is not one valid Korean phone number. `reason` is a short machine code."""

    def __init__(self, text: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.text = text
        self.reason = reason


class ForeignNumberError(InvalidNumberError):
    """A valid number, but not a Korean one: Korean carriers cannot suspend it."""


class ConfigError(BlockingError):
    """The route configuration file is missing, unreadable or inconsistent."""


class NotFoundError(BlockingError):
    """A number, request or sighting that is not in the database."""


class DuplicateRequestError(BlockingError):
    """An open request already exists for this number and route."""

    def __init__(self, message: str, existing_request_id: int | None = None) -> None:
        super().__init__(message)
        self.existing_request_id = existing_request_id


class NotBlockableError(BlockingError):
    """The number cannot get a request on this route (no sightings, type not accepted)."""


class IllegalTransitionError(BlockingError):
    """The request's state does not allow this step (or its precondition is not met)."""


class PermissionDeniedError(BlockingError):
    """The actor may not do this: the four-eyes rule or a missing role."""


class SchemaNotCurrentError(BlockingError):
    """The database has no blocking tables yet, or an older or newer version of them."""


class PackageError(BlockingError):
    """A submission package could not be built; nothing was written and nothing changed."""


class PackageWriteError(PackageError):
    """The target folder is missing, read-only or full."""


class EvidenceFileError(PackageError):
    """An evidence photo is missing or its content no longer matches its recorded SHA-256."""

    def __init__(self, message: str, problems: Sequence[str]) -> None:
        super().__init__(message)
        self.problems = list(problems)


class ResponseFileError(BlockingError):
    """A response file cannot be used at all (unreadable, unknown encoding, wrong columns)."""


class SightingInUseError(BlockingError):
    """A sighting that a request cites as evidence cannot be taken back."""
