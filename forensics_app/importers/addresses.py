"""Addresses as devices record them → what kind they are and, for phone numbers, E.164.

Default region KR: `010-1234-5678`, `+82 10-1234-5678`, `01012345678` and `821012345678` are
one number. Foreign numbers keep their own country code. E-mails, short codes (`114`,
`#1004`) and alphanumeric sender ids (`KT`, `Apple`) are kept as written, without E.164.
Results are cached: a phone repeats the same few hundred addresses a million times.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

DEFAULT_REGION = "KR"
MAX_DIGITS = 32


class AddressKind:
    PHONE = "phone"
    EMAIL = "email"
    SHORT_CODE = "short_code"
    ALPHANUMERIC = "alphanumeric"
    NONE = ""


class Address(NamedTuple):
    raw: str
    kind: str
    e164: str | None
    digits: str  # the digits as written (search falls back on them for numbers without E.164)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^[\d\s+\-().*#/]+$")
_NON_DIGITS = re.compile(r"\D+")
_SHORT_CODE_MAX = 6  # Korean carriers' and services' short numbers: 114, 1588 is 8 digits


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _valid(text: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return _e164(parsed) if phonenumbers.is_valid_number(parsed) else None


@lru_cache(maxsize=200_000)
def classify(raw: str, region: str = DEFAULT_REGION) -> Address:
    text = unicodedata.normalize("NFKC", raw).strip() if raw else ""
    if text[:4].lower() in ("tel:", "sip:"):
        text = text[4:].strip()
    if not text:
        return Address(raw, AddressKind.NONE, None, "")
    if "@" in text:
        kind = AddressKind.EMAIL if _EMAIL.match(text) else AddressKind.ALPHANUMERIC
        return Address(raw, kind, None, "")
    digits = _NON_DIGITS.sub("", text)[:MAX_DIGITS]
    if not _PHONE_CHARS.match(text) or not digits:
        # Letters in it: a sender name such as "KT" or "Apple" (or tel: URIs, which have none).
        return Address(raw, AddressKind.ALPHANUMERIC, None, digits)
    if len(digits) <= _SHORT_CODE_MAX and not text.startswith("+"):
        return Address(raw, AddressKind.SHORT_CODE, None, digits)
    e164 = _valid(text, region)
    if e164 is None and not text.startswith("+"):
        if text.startswith("00"):
            e164 = _valid("+" + digits[2:], None)
        else:
            # Written without "+": 821012345678 (Korean with its country code), 447775455555.
            e164 = _valid("+" + digits, None)
    return Address(raw, AddressKind.PHONE, e164, digits)


# Candidate spans for numbers written inside text: 7–15 digits with the usual separators.
_SPAN = re.compile(r"(?<![\d+])\+?\d(?:[\d\s\-.()]{5,20})\d(?!\d)")
_WIDE_DIGITS = re.compile(r"[\uff10-\uff19]")


def numbers_in_text(text: str, region: str = DEFAULT_REGION) -> list[tuple[str, str]]:
    """(E.164, as written) for every valid phone number written in `text`, without repeats."""
    if not text:
        return []
    if _WIDE_DIGITS.search(text):
        text = unicodedata.normalize("NFKC", text)
    found: dict[str, str] = {}
    for match in _SPAN.finditer(text):
        written = match.group(0).strip()
        e164 = _span_number(written, region)
        if e164 is not None and e164 not in found:
            found[e164] = written
    return list(found.items())


@lru_cache(maxsize=200_000)
def _span_number(written: str, region: str) -> str | None:
    digits = _NON_DIGITS.sub("", written)
    if not 7 <= len(digits) <= 15:
        return None
    address = classify(written, region)
    return address.e164


def query_number(text: str, region: str = DEFAULT_REGION) -> Address:
    """A number the analyst typed, however written."""
    return classify(text.strip(), region)
