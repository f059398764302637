"""Errors a user can cause. The CLI and the GUI show their message; nothing prints a traceback.

An error carries its message as an English template with named values
(`UserError("Case number {number} already exists.", number=n)`), so each front-end can show
it in the reader's language (`forensics_app.messages`); `str(error)` is the English text.
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """A problem the user can understand and fix: bad input, missing file, wrong option."""

    exit_code = 2

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


class NotFoundError(UserError):
    """A case, item, file or examiner that does not exist."""


class DuplicateError(UserError):
    """Something that must be unique already exists (case number, exhibit number, badge)."""


class PermissionDeniedError(UserError):
    """The signed-in examiner may not do this."""


class AuthenticationError(UserError):
    """Wrong badge or password, or no examiner chosen."""


class DatabaseUnavailableError(UserError):
    """The database does not answer, is locked, or is not a database of this program."""

    exit_code = 3


class SchemaOutdatedError(UserError):
    """The database schema is older (or newer) than this program."""

    exit_code = 3


class IntegrityFailure(Exception):
    """Evidence or the custody chain failed verification. Not a user mistake: loud by design."""

    exit_code = 1

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)
