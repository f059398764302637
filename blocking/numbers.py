"""Phone numbers as printed on flyers → one canonical Korean number (E.164), or a clear refusal.

Printed forms seen on flyers and in OCR output: full-width digits (０１０), odd separators
(`010~1234~5678`, `010ㅡ1234ㅡ5678`, `010*1234*5678`), letters standing in for digits
(`O1O-l234-5678`), Hangul numerals (`공일공-일이삼사-오육칠팔`) and country prefixes
(`+82 10 …`, `82-10-…`, `0082-10-…`). `clean_printed_text` rewrites those into plain digits
and hyphens; validation itself is left to `phonenumbers`' matcher with VALID leniency, the
same check the OCR side uses (STRICT_GROUPING would reject real groupings such as
`0505-1234-5678`).

The carrier is deliberately not derived here: numbers are portable, so `phonenumbers.carrier`
says nothing reliable about who holds a number today.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from blocking.errors import ForeignNumberError, InvalidNumberError

REGION = "KR"
KOREA_COUNTRY_CODE = 82


class NumberType(enum.StrEnum):
    MOBILE = "mobile"
    VOIP = "voip"
    PERSONAL = "personal"  # 0502–0508 "safe" virtual numbers
    UAN = "uan"  # 15xx / 16xx / 18xx
    FIXED_LINE = "fixed_line"
    TOLL_FREE = "toll_free"  # 080
    PREMIUM_RATE = "premium_rate"  # 060
    OTHER = "other"


_TYPE_FROM_LIBRARY = {
    PhoneNumberType.MOBILE: NumberType.MOBILE,
    PhoneNumberType.VOIP: NumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER: NumberType.PERSONAL,
    PhoneNumberType.UAN: NumberType.UAN,
    PhoneNumberType.FIXED_LINE: NumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.FIXED_LINE,
    PhoneNumberType.TOLL_FREE: NumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE: NumberType.PREMIUM_RATE,
}


@dataclass(frozen=True)
class NormalizedNumber:
    e164: str  # +821012345678
    national: str  # 010-1234-5678, the form Korean agencies and carriers write
    number_type: NumberType

    def __str__(self) -> str:
        return self.national


# ---- rewriting printed text ------------------------------------------------------------------

HANGUL_DIGITS = {
    "공": "0",
    "영": "0",
    "빵": "0",
    "일": "1",
    "이": "2",
    "삼": "3",
    "사": "4",
    "오": "5",
    "육": "6",
    "륙": "6",
    "칠": "7",
    "팔": "8",
    "구": "9",
}
LATIN_LOOKALIKES = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
# Compared after NFKC, which turns ㅡ (U+3161, the vowel people type for a dash on a Korean
# keyboard) into U+1173; both are listed.
SEPARATORS = "-.~*ㅡ\u1173_/" + "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\u2500"

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_RUN = re.compile(r"[A-Za-z|]+")
# Placeholders for "maybe a digit" live in the Private Use Area, which printed text never
# holds; each replaces exactly one character, so positions stay aligned with the input.
_PLACEHOLDER_ZERO = 0xE000
_PLACEHOLDERS = "\ue000-\ue009"
_SEPARATOR_CLASS = "[" + re.escape(SEPARATORS) + r"\s()]"
_DIGITISH = "[0-9" + _PLACEHOLDERS + "]"
_CANDIDATE_SPAN = re.compile(r"\+?" + _DIGITISH + "(?:" + _SEPARATOR_CLASS + "*" + _DIGITISH + ")*")
_MIN_DIGITS_IN_SPAN = 7
_MAX_DIGITS_IN_SPAN = 15


def _placeholder(digit: str) -> str:
    return chr(_PLACEHOLDER_ZERO + int(digit))


def _is_placeholder(ch: str) -> bool:
    return _PLACEHOLDER_ZERO <= ord(ch) <= _PLACEHOLDER_ZERO + 9


def _mark_maybe_digits(text: str) -> str:
    """Mark whole-word Hangul numerals and digit look-alike letters as possible digits.

    Only a run made entirely of numeral syllables (or entirely of look-alike letters) is a
    candidate, so words such as "오늘" or "Hello" are left alone.
    """

    def hangul(match: re.Match[str]) -> str:
        run = match.group(0)
        if all(ch in HANGUL_DIGITS for ch in run):
            return "".join(_placeholder(HANGUL_DIGITS[ch]) for ch in run)
        return run

    def latin(match: re.Match[str]) -> str:
        run = match.group(0)
        if all(ch in LATIN_LOOKALIKES for ch in run):
            return "".join(_placeholder(LATIN_LOOKALIKES[ch]) for ch in run)
        return run

    return _LATIN_RUN.sub(latin, _HANGUL_RUN.sub(hangul, text))


def clean_printed_text(text: str) -> str:
    """Rewrite printed number forms in `text` into digits and hyphens; other text is kept.

    Look-alike letters and Hangul numerals count as digits only inside a stretch holding
    7–15 digits in all, so a word next to a number is not swallowed into it.
    """
    folded = unicodedata.normalize("NFKC", text)
    marked = _mark_maybe_digits(folded)
    out: list[str] = []
    last = 0
    for span in _CANDIDATE_SPAN.finditer(marked):
        out.append(folded[last : span.start()])
        digits = sum(1 for ch in span.group(0) if ch.isdigit() or _is_placeholder(ch))
        if _MIN_DIGITS_IN_SPAN <= digits <= _MAX_DIGITS_IN_SPAN:
            out.append(_rewrite_span(span.group(0)))
        else:
            out.append(folded[span.start() : span.end()])
        last = span.end()
    out.append(folded[last:])
    return "".join(out)


def _rewrite_span(span: str) -> str:
    out: list[str] = []
    for ch in span:
        if _is_placeholder(ch):
            out.append(str(ord(ch) - _PLACEHOLDER_ZERO))
        elif ch in SEPARATORS:
            out.append("-")
        else:
            out.append(ch)
    rewritten = "".join(out)
    # International access code 00 before 82 (dialled from abroad): the matcher wants +82.
    if rewritten.startswith("0082"):
        rewritten = "+82" + rewritten[4:]
    return rewritten


# ---- validation -------------------------------------------------------------------------------


def _national_display(number: phonenumbers.PhoneNumber, number_type: NumberType) -> str:
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    if number_type is NumberType.PERSONAL:
        # phonenumbers groups 050x numbers as 050-51234-5678; Korea prints 0505-1234-5678.
        digits = "0" + str(number.national_number)
        return f"{digits[:4]}-{digits[4:-4]}-{digits[-4:]}"
    return national


def _from_library(number: phonenumbers.PhoneNumber) -> NormalizedNumber:
    library_type = phonenumbers.number_type(number)
    number_type = _TYPE_FROM_LIBRARY.get(library_type, NumberType.OTHER)
    return NormalizedNumber(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        national=_national_display(number, number_type),
        number_type=number_type,
    )


def _valid_matches(cleaned: str) -> list[phonenumbers.PhoneNumberMatch]:
    return list(PhoneNumberMatcher(cleaned, REGION, leniency=Leniency.VALID))


def find_numbers(text: str) -> list[NormalizedNumber]:
    """Every valid Korean number in free text (OCR output, a note), in order, without repeats.

    Foreign numbers are skipped; use `normalize_number` on a single printed number to learn why
    one is refused.
    """
    seen: dict[str, NormalizedNumber] = {}
    for match in _valid_matches(clean_printed_text(text)):
        if match.number.country_code != KOREA_COUNTRY_CODE:
            continue
        found = _from_library(match.number)
        seen.setdefault(found.e164, found)
    return list(seen.values())


@lru_cache(maxsize=262_144)
def normalize_number(text: str) -> NormalizedNumber:
    """One printed number → its canonical form, or `InvalidNumberError` saying why not.

    Raises `ForeignNumberError` (a subclass) for valid numbers outside Korea. Cached: flyers
    repeat the same number hundreds of times.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidNumberError(str(text), "empty", "No phone number given.")
    shown = text.strip()
    cleaned = clean_printed_text(text)
    matches = _valid_matches(cleaned)
    distinct = {
        phonenumbers.format_number(m.number, PhoneNumberFormat.E164): m.number for m in matches
    }
    if len(distinct) > 1:
        raise InvalidNumberError(
            text,
            "several_numbers",
            "{shown!r} holds more than one number ({numbers}); enter them one at a time.",
            shown=shown,
            numbers=", ".join(distinct),
        )
    if not distinct:
        raise _explain_invalid(text, cleaned)
    outside = cleaned
    for match in reversed(matches):
        outside = outside[: match.start] + outside[match.end :]
    if any(ch.isdigit() for ch in outside):
        raise InvalidNumberError(
            text,
            "extra_digits",
            "{shown!r} has digits outside the phone number; check the printed form.",
            shown=shown,
        )
    (number,) = distinct.values()
    if number.country_code != KOREA_COUNTRY_CODE:
        region = phonenumbers.region_code_for_number(number) or "unknown region"
        raise ForeignNumberError(
            text,
            "foreign",
            "{shown!r} is a foreign number (+{country_code}, {region}); only Korean numbers can "
            "be suspended by Korean carriers.",
            shown=shown,
            country_code=number.country_code,
            region=region,
        )
    return _from_library(number)


_PREFIX_HINTS = (
    ("010", "010 mobile numbers have 8 digits after 010 (010-1234-5678)"),
    ("070", "070 VoIP numbers have 8 digits after 070 (070-1234-5678)"),
    ("050", "050x personal numbers look like 0505-1234-5678 or 0504-123-4567"),
    ("15", "15xx/16xx/18xx numbers have 8 digits (1588-1234)"),
    ("16", "15xx/16xx/18xx numbers have 8 digits (1644-1234)"),
    ("18", "15xx/16xx/18xx numbers have 8 digits (1800-1234)"),
    ("080", "080 toll-free numbers look like 080-123-4567"),
    ("02", "Seoul numbers look like 02-123-4567 or 02-1234-5678"),
    ("0", "area-code numbers look like 031-123-4567 or 031-1234-5678"),
)


def _explain_invalid(text: str, cleaned: str) -> InvalidNumberError:
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    shown = text.strip()
    if not digits:
        return InvalidNumberError(
            text, "no_digits", "{shown!r} contains no phone number.", shown=shown
        )
    if cleaned.lstrip().startswith("+") and not digits.startswith("82"):
        return ForeignNumberError(
            text,
            "foreign",
            "{shown!r} is not a Korean number (country code is not +82); only Korean numbers can "
            "be suspended by Korean carriers.",
            shown=shown,
        )
    national = "0" + digits[2:] if digits.startswith("82") and len(digits) > 9 else digits
    hint = next((h for prefix, h in _PREFIX_HINTS if national.startswith(prefix)), None)
    if len(national) < 8:
        reason, what = "too_short", "too short to be a Korean phone number"
    elif len(national) > 13:
        reason, what = "too_long", "too long to be a Korean phone number"
    else:
        reason, what = "not_valid", "not a valid Korean phone number"
    message = f"{shown!r} is {what}" + (f": {hint}." if hint else ".")
    return InvalidNumberError(text, reason, message)


# ---- a fast guess, for matching long answer files against the registry ----------------------
_SIMPLE_NUMBER = re.compile(r"[0-9+()\-.\s]+")
_NOT_DIGIT = re.compile(r"[^0-9]")


def e164_candidate(text: str) -> str | None:
    """The E.164 form `text` has if it is one Korean number written with digits and separators
    only (010-1234-5678, +82 10 1234 5678, 0082-10-…, 1588-1234); None for anything else.

    No validation: it is a key to look a number up in the registry, which holds only numbers
    `normalize_number` accepted. A million-row answer file is matched this way in seconds,
    where validating each row would take minutes."""
    if not _SIMPLE_NUMBER.fullmatch(text):
        return None
    digits = _NOT_DIGIT.sub("", text)
    if text.lstrip().startswith("+"):
        if not digits.startswith(str(KOREA_COUNTRY_CODE)):
            return None
        national = digits[2:]
    elif digits.startswith("0082"):
        national = digits[4:]
    elif digits.startswith("82") and len(digits) > 9:
        national = digits[2:]
    else:
        national = digits
    national = national.removeprefix("0")
    return f"+{KOREA_COUNTRY_CODE}{national}" if 7 <= len(national) <= 11 else None


def explain_invalid(text: str) -> InvalidNumberError:
    """Why `text`, a number written with digits and separators, is not a Korean phone number
    (what `normalize_number` would say for an implausible length or prefix), without the
    matcher's cost."""
    return _explain_invalid(text, clean_printed_text(text))


_PLAUSIBLE_LENGTHS = (  # national number without its trunk 0: first digits → lengths
    ("10", (10,)),  # 010 mobile
    ("70", (10,)),  # 070 VoIP
    ("50", (10, 11)),  # 050x personal numbers
    ("15", (8, 9, 10)),  # 15xx UAN (8), old 015
    ("16", (8, 9, 10)),
    ("18", (8, 9, 10)),
    ("1", (9, 10)),  # old mobile 011, 017, 019
    ("2", (8, 9)),  # Seoul
    ("80", (9, 10)),  # toll free
    ("3", (9, 10)),  # area codes 031–064, 060
    ("4", (9, 10)),
    ("5", (9, 10)),
    ("6", (9, 10)),
)


def plausible_national_length(candidate: str) -> bool:
    """Whether an E.164 guess has the length of a Korean number of its prefix: a number that
    is not in the registry is then reported as such, anything else with `explain_invalid`."""
    national = candidate.removeprefix(f"+{KOREA_COUNTRY_CODE}")
    for prefix, lengths in _PLAUSIBLE_LENGTHS:
        if national.startswith(prefix):
            return len(national) in lengths
    return False
