"""Addresses as devices record them → what kind they are and, for phone numbers, E.164.

Default region KR: `010-1234-5678`, `+82 10-1234-5678`, `01012345678` and `821012345678` are
one number. Foreign numbers keep their own country code. E-mails, short codes (`114`,
`#1004`) and alphanumeric sender ids (`KT`, `Apple`) are kept as written, without E.164.
Results are cached: a phone repeats the same few hundred addresses a million times.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberFormat

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


def _korean_patterns() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], frozenset[int]]]]:
    """phonenumbers' own patterns for valid Korean numbers (read from the installed library,
    so the fast path and phonenumbers.is_valid_number agree)."""
    metadata = PhoneMetadata.metadata_for_region("KR")
    assert metadata is not None and metadata.general_desc is not None
    general = re.compile(metadata.general_desc.national_number_pattern or "(?!)")
    kinds = []
    for name in (
        "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
        "voip", "pager", "uan", "voicemail",
    ):  # fmt: skip
        desc = getattr(metadata, name)
        if desc is not None and desc.national_number_pattern:
            lengths = frozenset(desc.possible_length or metadata.general_desc.possible_length or ())
            kinds.append((re.compile(desc.national_number_pattern), lengths))
    return general, kinds


_KR_GENERAL, _KR_KINDS = _korean_patterns()


def _kinds_by_length() -> tuple[dict[int, re.Pattern[str]], re.Pattern[str] | None]:
    """The kinds' patterns joined into one per length a number may have (a number matches
    the alternation exactly when it matches one of them), and the kinds that allow any
    length joined for the other lengths."""
    lengths = sorted({n for _, allowed in _KR_KINDS for n in allowed})
    any_length = [p.pattern for p, allowed in _KR_KINDS if not allowed]

    def joined(patterns: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    by_length = {}
    for n in lengths:
        found = joined([p.pattern for p, allowed in _KR_KINDS if n in allowed] + any_length)
        if found is not None:
            by_length[n] = found
    return by_length, joined(any_length)


_KR_KINDS_BY_LENGTH, _KR_KINDS_ANY_LENGTH = _kinds_by_length()


def _valid_korean(national: str) -> bool:
    if not national or national[0] == "0" or not _KR_GENERAL.fullmatch(national):
        return False
    kinds = _KR_KINDS_BY_LENGTH.get(len(national), _KR_KINDS_ANY_LENGTH)
    return kinds is not None and kinds.fullmatch(national) is not None


def _valid_korean_reference(national: str) -> bool:
    """_valid_korean as phonenumbers' kinds read it, one pattern after another (the tests
    hold the joined patterns to it)."""
    if not national or national[0] == "0" or not _KR_GENERAL.fullmatch(national):
        return False
    return any(
        (not lengths or len(national) in lengths) and pattern.fullmatch(national)
        for pattern, lengths in _KR_KINDS
    )


def _korean_fast(text: str, digits: str) -> str | None:
    """E.164 of a Korean number written the usual ways, without phonenumbers' parser (a
    hundred times faster; a phone holds tens of thousands of distinct numbers). None sends
    the number to phonenumbers."""
    if "+" in text[1:]:
        return None  # phonenumbers reads no number with a "+" inside it
    if text.startswith("+"):
        if not digits.startswith("82"):
            return None
        national = digits[2:]
    elif digits.startswith("00"):
        # An international prefix: phonenumbers decides. Even 0082…: it reads Korea's
        # carrier prefix 008 there, then a country code 2xx when that gives a valid number.
        return None
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("82"):
        national = digits[2:]
    else:
        return None
    if national.startswith("0"):
        national = national[1:]  # +82 010-…: the trunk 0 written after the country code
    return "+82" + national if _valid_korean(national) else None


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _valid(text: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return _e164(parsed) if phonenumbers.is_valid_number(parsed) else None


# The usual ways a number is written (ASCII digits, spaces, hyphens, a leading "+"): such a
# text is its own NFKC form, and none of classify's other tests apply before the Korean one.
_PLAIN_NUMBER = re.compile(r"\+?\d[\d \-]*\d")
_WITHHOLD = re.compile(r"\*23#|#31#")
_PLAIN_SEPARATORS = str.maketrans("", "", "+ -")


@lru_cache(maxsize=100_000)
def classify(raw: str, region: str = DEFAULT_REGION) -> Address:
    if region == DEFAULT_REGION and raw.isascii() and _PLAIN_NUMBER.fullmatch(raw):
        digits = raw.translate(_PLAIN_SEPARATORS)
        if len(digits) > _SHORT_CODE_MAX and len(digits) <= MAX_DIGITS:
            fast = _korean_fast(raw, digits)
            if fast is not None:
                return Address(raw, AddressKind.PHONE, fast, digits)
    return _classify(raw, region, fast=True)


def _classify(raw: str, region: str, fast: bool) -> Address:
    """classify without its cache; `fast=False` leaves every phone number to phonenumbers
    (the reference the tests hold the fast paths to)."""
    text = unicodedata.normalize("NFKC", raw) if raw else ""
    if not text.isascii():
        # Invisible format characters: a number copied on a phone is wrapped in direction
        # marks (U+202A … U+202C in an iPhone's contacts), a web page leaves zero-width
        # spaces; none of them is part of what was dialled.
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = text.strip()
    if text[:4].lower() in ("tel:", "sip:"):
        text = text[4:].strip()
    # A prefix dialled to withhold one's caller id (*23# in Korea, #31# in GSM networks)
    # is kept in the raw number, not in the number called.
    caller_id_withheld = _WITHHOLD.match(text)
    if caller_id_withheld is not None and len(text) > caller_id_withheld.end():
        text = text[caller_id_withheld.end() :].strip()
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
    if fast and region == DEFAULT_REGION:
        found = _korean_fast(text, digits)
        if found is not None:
            return Address(raw, AddressKind.PHONE, found, digits)
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
SEVEN_DIGITS = re.compile(r"\d(?:\D{0,3}\d){6}")  # cheap pre-check: no number without it
_WIDE_DIGITS = re.compile(r"[\uff10-\uff19]")
_WIDE_DIGIT_CHARACTERS = tuple(chr(0xFF10 + n) for n in range(10))


def has_wide_digits(texts: str) -> bool:
    """Whether `texts` holds a full-width digit (what _WIDE_DIGITS finds): ten substring
    searches run at memory speed, where the character class is tried at every character (a
    million message texts, 32 million characters: 0.025 s instead of 0.10 s)."""
    return any(digit in texts for digit in _WIDE_DIGIT_CHARACTERS)


def numbers_in_text(text: str, region: str = DEFAULT_REGION) -> list[tuple[str, str]]:
    """(E.164, as written) for every valid phone number written in `text`, without repeats."""
    if not text:
        return []
    if _WIDE_DIGITS.search(text):
        text = unicodedata.normalize("NFKC", text)
    if not SEVEN_DIGITS.search(text):
        return []
    found: dict[str, str] = {}
    for match in _SPAN.finditer(text):
        written = match.group(0).strip()
        e164 = _span_number(written, region)
        if e164 is not None and e164 not in found:
            found[e164] = written
    return list(found.items())


def numbers_in_joined(texts: str, separator: str) -> Iterator[tuple[int, str, str]]:
    """numbers_in_text of every text in `texts` (joined by `separator`: at least four
    characters that are neither digits nor separators of a number, so that neither a
    number nor SEVEN_DIGITS spans two texts) as (index of the text, E.164, as written), read
    in one pass over the whole string instead of one call per text: a table with a number
    in every message has a million texts to read. Texts holding full-width digits are
    normalised first by numbers_in_text, so they are read by it, one at a time."""
    if has_wide_digits(texts):
        yield from _numbers_text_by_text(texts, separator)
        return
    # Only the texts that pass numbers_in_text's pre-check (the span a number must fill) are
    # searched for spans, each within its own bounds: _SPAN cannot skip ahead to a digit (its
    # look-behind comes first), so running it over a million texts of which a tenth hold a
    # number cost five times what the pre-check does. Neither pattern matches across a
    # separator, and at a text's bounds the separator's NUL looks to both as the string's
    # start or end does (pos/endpos do not slice: the look-behind sees the NUL before pos).
    index, counted_to, position, length = 0, 0, 0, len(texts)
    while (match := SEVEN_DIGITS.search(texts, position)) is not None:
        start = match.start()
        index += texts.count(separator, counted_to, start)
        counted_to = start
        end = texts.find(separator, start)
        end = length if end < 0 else end
        begin = texts.rfind(separator, 0, start)
        begin = 0 if begin < 0 else begin + len(separator)
        found: set[str] = set()
        for span in _SPAN.finditer(texts, begin, end):
            written = span.group(0).strip()
            e164 = _span_number(written, DEFAULT_REGION)
            if e164 is not None and e164 not in found:
                found.add(e164)
                yield index, e164, written
        position = end


def _numbers_text_by_text(texts: str, separator: str) -> Iterator[tuple[int, str, str]]:
    for index, text in enumerate(texts.split(separator)):
        for e164, written in numbers_in_text(text):
            yield index, e164, written


@lru_cache(maxsize=50_000)
def _span_number(written: str, region: str) -> str | None:
    digits = _NON_DIGITS.sub("", written)
    if not 7 <= len(digits) <= 15:
        return None
    address = classify(written, region)
    return address.e164


def query_number(text: str, region: str = DEFAULT_REGION) -> Address:
    """A number the analyst typed, however written."""
    return classify(text.strip(), region)
