"""Why a photo could not be read. Each is a UserError: the analyst can see and fix the cause."""

from __future__ import annotations

from forensics_app.errors import UserError


class PhotoError(UserError):
    """A photo that cannot be recognised; `reason` is a stable code for batches and CSVs."""

    reason = "unreadable"

    def __init__(self, path: str, template: str, /, **values: object) -> None:
        # A template with values, like every UserError, so a front-end can show it in its
        # reader's language; `message` is the English text (stored with the failed read).
        super().__init__(template, **values)
        self.path = path
        self.message = str(self)


class PhotoUnavailableError(PhotoError):
    """The file is not there (a moved folder, an unplugged drive) or cannot be opened: not the
    photo's fault, so a batch leaves it for the next run instead of recording it as failed."""

    reason = "unavailable"


class EmptyFileError(PhotoError):
    reason = "empty_file"


class NotAnImageError(PhotoError):
    reason = "not_an_image"


class TruncatedImageError(PhotoError):
    reason = "truncated"


class DecompressionBombError(PhotoError):
    reason = "decompression_bomb"


class TooLargeError(PhotoError):
    """Fewer pixels than a bomb, but more than a worker may decode at once."""

    reason = "too_large"


class OcrEngineError(UserError):
    """The OCR engine itself is missing or broken (no tesseract, no Korean data)."""

    exit_code = 3
