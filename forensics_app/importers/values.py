"""Column values as evidence delivers them: text that may be a blob or not UTF-8, flags that
may be NULL, numbers stored as text. Parsers convert through these so no value stops a parse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from forensics_app.importers.sqlite import TextDecodeReport
from forensics_app.messages import msg

if TYPE_CHECKING:
    from forensics_app.importers.base import ParseReport

# An app that encrypts message bodies before the provider stores them leaves base64 or hex
# ciphertext: long, no spaces, nothing but the encoding's alphabet; often behind a short
# marker of the app's (TextSecure's ?TSK, "ENC:", "xyz:v1:") and base64 may be wrapped in
# lines of MIME's length.
_CIPHERTEXT = re.compile(
    r"^(?:\?[A-Za-z]{3,4}|[A-Za-z]{2,8}:(?:v\d{1,3}:)?)?"
    r"(?:[A-Za-z0-9+/]{32,}={0,2}|[0-9A-Fa-f]{48,}"
    r"|(?:[A-Za-z0-9+/]{40,}\r?\n)+[A-Za-z0-9+/]*={0,2}\s*)$"
)


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


# A message body's note, and what it says of a body stored as a blob. The evidence's bytes
# must stay recoverable from the store: a blob is decoded only when it is text in an
# encoding named by its note, else it is kept as hex (replacement characters would lose
# the bytes for good). Binary in a body is what an app's ciphertext looks like.
ENCRYPTED_NOTE = "body looks encrypted by an app; kept as found"
BINARY_NOTE = "body stored as binary, not text: kept as hex (possibly encrypted)"
UTF16_NOTE = "body stored as UTF-16 bytes: decoded"
CP949_NOTE = "body stored as CP949 (EUC-KR) bytes: decoded"
_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters no message text holds (tab, line feed and carriage return aside):
# bytes that decode to them are binary, whatever the encoding accepted.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decoded(raw: bytes, encoding: str) -> str | None:
    """The text `raw` holds in `encoding`; None when it is not valid there or decodes to
    control characters (binary that the encoding happens to accept)."""
    try:
        found = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(found) else found


def blob_body(raw: bytes, decoder: TextDecodeReport | None = None) -> tuple[str, str]:
    """A body stored as a blob: (text, note). UTF-8 text as it is; UTF-16 with its byte
    order mark, or CP949 (counted in `decoder` as the other CP949 texts), decoded with a
    note naming the encoding; anything else as hex, noted as binary."""
    found = _decoded(raw, "utf-8")
    if found is not None:
        return found, ENCRYPTED_NOTE if looks_encrypted(found) else ""
    found = _decoded(raw, "utf-16") if raw[:2] in _BOMS else None
    if found is not None:
        return found, UTF16_NOTE
    found = _decoded(raw, "cp949")
    if found is None:
        return raw.hex(), BINARY_NOTE
    if decoder is not None:
        decoder.as_cp949 += 1
    return found, CP949_NOTE


# The parse report's line for each note of a body read from a blob.
BLOB_BODY_REASONS = {
    BINARY_NOTE: msg("message bodies stored as binary, not text (kept as hex, possibly encrypted)"),
    UTF16_NOTE: msg("message bodies stored as UTF-16 bytes (decoded)"),
    CP949_NOTE: msg("message bodies stored as CP949 bytes (decoded)"),
}


def read_body(
    value: object, decoder: TextDecodeReport | None, report: ParseReport
) -> tuple[str, str]:
    """A body read row by row: (text, note). A blob is read by `blob_body` and the report
    counts what it held; any other value is values.text, without a note."""
    if not isinstance(value, bytes | bytearray | memoryview):
        return text(value, decoder), ""
    found, note = blob_body(bytes(value), decoder)
    if note in BLOB_BODY_REASONS:
        report.skip(BLOB_BODY_REASONS[note])
    return found, note


def body(value: object, decoder: TextDecodeReport | None = None) -> str:
    """A message body: values.text, except that a blob is read by `blob_body`."""
    if isinstance(value, bytes | bytearray | memoryview):
        return blob_body(bytes(value), decoder)[0]
    return text(value, decoder)


def body_note(value: object) -> str:
    """The note of a body (`body`'s value): binary or in another encoding, or looking
    encrypted by an app; '' for plain text."""
    if isinstance(value, bytes | bytearray | memoryview):
        return blob_body(bytes(value))[1]
    return ENCRYPTED_NOTE if looks_encrypted(text(value)) else ""


# Hangul, CJK ideographs and kana: names in these scripts are written family name first,
# without a space (홍길동, 山田太郎), as the phones themselves show them.
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)


def person_name(given: str, family: str, middle: str = "") -> str:
    """A person's full name from its parts as a phone shows it: `홍길동` from given 길동 and
    family 홍 (a Korean investigator searches for that, never for `길동 홍`), `John Q Smith`
    otherwise."""
    parts = [p for p in (given, middle, family) if p]
    if family and all(_CJK.match(p) for p in parts):
        return family + "".join(p for p in (given, middle) if p)
    return " ".join(parts)
