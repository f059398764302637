"""Column values as evidence delivers them: text that may be a blob or not UTF-8, flags that
may be NULL, numbers stored as text. Parsers convert through these so no value stops a parse."""

from __future__ import annotations

import re

from forensics_app.importers.sqlite import TextDecodeReport

# An app that encrypts message bodies before the provider stores them leaves base64 or hex
# ciphertext: long, no spaces, nothing but the encoding's alphabet.
_CIPHERTEXT = re.compile(r"^(?:[A-Za-z0-9+/]{32,}={0,2}|[0-9A-Fa-f]{48,})$")


def text(value: object, decoder: TextDecodeReport | None = None) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
        if decoder is not None:
            return decoder.decode(raw)
        return raw.decode("utf-8", "replace")
    return str(value)


def flag(value: object) -> bool | None:
    if value is None or value == "":
        return None
    try:
        return bool(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def integer(value: object) -> int | None:
    """An integer as stored; a number in text or REAL truncated; None for anything else and
    for numbers no database column can hold (beyond 64 bits: a hostile 9.99e18)."""
    if value is None or isinstance(value, bool):
        return None
    if type(value) is int:
        return value
    try:
        found = int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return found if INT64_MIN <= found <= INT64_MAX else None


def row_id(value: object) -> str:
    return "" if value is None else str(value)[:64]


def looks_encrypted(body: str) -> bool:
    return len(body) >= 32 and " " not in body and bool(_CIPHERTEXT.match(body))
