"""Errors a caller can cause. Every message is written for the person at the screen.

All of them derive from `BlockingError`, so a CLI or GUI can catch one type and show
`str(error)`; nothing here needs a traceback to be understood. Each carries its message as an
English template with named values (`template`, `values`): a host application shows it in its
reader's language by translating the template, and `str(error)` is the English text.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from typing import Any


class Phrase:
    """A piece of a message (a hint inside an error) with a template of its own: a host
    translates it like the message it sits in; `str()` is the English text."""

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return self.template.format(**self.values) if self.values else self.template

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, {self.values!r})"


# What the operating system said, by its error number: the C library's words are English
# whatever the reader's language, so each gets a template of its own (the host's catalog
# translates it like any other phrase). Numbers missing here show the system's words.
_OS_ERRORS: dict[int, Phrase] = {
    errno.ENOENT: Phrase("No such file or directory"),
    errno.EACCES: Phrase("Permission denied"),
    errno.EPERM: Phrase("Operation not permitted"),
    errno.EISDIR: Phrase("Is a directory"),
    errno.ENOTDIR: Phrase("Not a directory"),
    errno.ENOSPC: Phrase("No space left on device"),
    errno.EDQUOT: Phrase("Disk quota exceeded"),
    errno.EROFS: Phrase("Read-only file system"),
    errno.EEXIST: Phrase("File exists"),
    errno.ENOTEMPTY: Phrase("Directory not empty"),
    errno.EIO: Phrase("Input/output error"),
    errno.ENAMETOOLONG: Phrase("File name too long"),
    errno.ELOOP: Phrase("Too many levels of symbolic links"),
    errno.EMFILE: Phrase("Too many open files"),
    errno.ENFILE: Phrase("Too many open files in system"),
    errno.EFBIG: Phrase("File too large"),
    errno.EBUSY: Phrase("Device or resource busy"),
    errno.EXDEV: Phrase("Invalid cross-device link"),
    errno.ETXTBSY: Phrase("Text file busy"),
    errno.ENXIO: Phrase("No such device or address"),
    errno.ENODEV: Phrase("No such device"),
    errno.EINVAL: Phrase("Invalid argument"),
    errno.ENOMEM: Phrase("Cannot allocate memory"),
    errno.ESTALE: Phrase("Stale file handle"),
    errno.ETIMEDOUT: Phrase("Connection timed out"),
    errno.ECONNREFUSED: Phrase("Connection refused"),
    errno.EAGAIN: Phrase("Resource temporarily unavailable"),
    errno.EPIPE: Phrase("Broken pipe"),
    errno.ENOEXEC: Phrase("Exec format error"),
}


# What SQLite said, by its primary result code (sqlite3.Error.sqlite_errorname): its words
# are English whatever the reader's language. Codes missing here keep SQLite's words.
_SQLITE_ERRORS: dict[str, Phrase] = {
    "SQLITE_CORRUPT": Phrase("the database file is damaged (malformed)"),
    "SQLITE_NOTADB": Phrase("not an SQLite database (or an encrypted one)"),
    "SQLITE_CANTOPEN": Phrase("the database file cannot be opened"),
    "SQLITE_IOERR": Phrase("the disk could not be read or written (I/O error)"),
    "SQLITE_FULL": Phrase("No space left on device"),
    "SQLITE_READONLY": Phrase("the database is read-only"),
    "SQLITE_PERM": Phrase("Permission denied"),
    "SQLITE_BUSY": Phrase("the database is locked by another program"),
    "SQLITE_LOCKED": Phrase("the database is locked by another program"),
    "SQLITE_NOMEM": Phrase("Cannot allocate memory"),
}


def sqlite_reason(error: BaseException) -> Phrase:
    """Why SQLite refused, by its result code (`reason=sqlite_reason(exc)`); other errors and
    codes not listed keep their own words."""
    name = getattr(error, "sqlite_errorname", None)
    if isinstance(name, str):
        primary = "_".join(name.split("_")[:2])  # SQLITE_IOERR_SHORT_READ -> SQLITE_IOERR
        if primary in _SQLITE_ERRORS:
            return _SQLITE_ERRORS[primary]
    return Phrase("{text}", text=str(error) or type(error).__name__)


def listing(parts: Sequence[Any], separator: str = ", ") -> Phrase:
    """Several values (vocabulary words, phrases) as one: the template is only placeholders
    and the separator, so a host renders each part in its reader's language."""
    names = [f"part{index}" for index in range(len(parts))]
    template = separator.join("{" + name + "}" for name in names)
    return Phrase(template, **dict(zip(names, parts, strict=True)))


def os_reason(error: BaseException, *, with_path: bool = False) -> Phrase:
    """Why an operating-system call failed, by its error number, for a message
    (`reason=os_reason(exc)`); `with_path` adds the file it names (where the message does not
    already say it). Anything else (no number, or one not listed) keeps its own words."""
    number = getattr(error, "errno", None)
    reason = _OS_ERRORS.get(number) if isinstance(number, int) else None
    if reason is None:
        text = getattr(error, "strerror", None) or str(error) or type(error).__name__
        reason = Phrase("{text}", text=text)
    filename = getattr(error, "filename", None) if with_path else None
    if filename is None:
        return reason
    shown = filename.decode(errors="replace") if isinstance(filename, bytes) else str(filename)
    return Phrase("{reason}: {path}", reason=reason, path=shown)


class BlockingError(Exception):
    """Base class: bad input, a refused action, a file that cannot be read or written."""

    # Several problems found at once (a batch that changed nothing): each keeps its message.
    causes: tuple[BlockingError, ...] = ()
    more_causes: int = 0
    SHOWN_CAUSES = 10

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)

    @classmethod
    def collected(cls, problems: Sequence[BlockingError]) -> BlockingError:
        """One error for a batch refused as a whole, listing (up to 10 of) its problems."""
        shown = list(problems[: cls.SHOWN_CAUSES])
        lines = [str(problem) for problem in shown]
        if len(problems) > len(shown):
            lines.append(f"… and {len(problems) - len(shown)} more.")
        error = cls.__new__(cls)
        BlockingError.__init__(error, "Nothing was changed:\n{problems}", problems="\n".join(lines))
        error.causes = tuple(shown)
        error.more_causes = len(problems) - len(shown)
        return error


class InvalidNumberError(BlockingError):
    """The text is not one valid Korean phone number. `reason` is a short machine code."""

    def __init__(self, text: str, reason: str, message: str, /, **values: Any) -> None:
        super().__init__(message, **values)
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

    def __init__(
        self, message: str, /, existing_request_id: int | None = None, **values: Any
    ) -> None:
        super().__init__(message, **values)
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

    def __init__(self, message: str, problems: Sequence[str], /, **values: Any) -> None:
        super().__init__(message, **values)
        self.problems = list(problems)


class ResponseFileError(BlockingError):
    """A response file cannot be used at all (unreadable, unknown encoding, wrong columns)."""


class SightingInUseError(BlockingError):
    """A sighting that a request cites as evidence cannot be taken back."""
