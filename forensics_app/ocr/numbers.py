"""Phone numbers in one OCR'd line of text, with where in the line they sit.

A thin layer over `blocking.numbers` (which rewrites printed forms and validates): OCR lines need
three things that free-text search does not give.

* Character offsets, so a number gets its own box inside the line box.
* Recovery from what OCR glues to a number: a label read as letters or digits (`TEL010-…`,
  `24시 070-…` read as `241070-…`, `전화` read as `2`), and two numbers on one line. Digit
  groups are tried as windows, dropping leading digits of the first group only when what is
  left starts the way Korean numbers start (0, or 15/16/18 for 8-digit numbers).
* Rejection of look-alikes that phonenumbers calls valid: business registration numbers
  (3-2-5 groups, `123-45-67890` parses as a mobile number without its trunk 0), bank accounts,
  dates and amounts. A printed Korean number starts with its trunk 0 (or is a 15xx/16xx/18xx
  8-digit number), so digits not starting that way are never accepted, and a line that names an
  account, a bank or a registration is not searched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from blocking.errors import InvalidNumberError
from blocking.numbers import NormalizedNumber, clean_printed_text, normalize_number

# After clean_printed_text: digits, "-" for every separator it knows, plus what it keeps.
_GROUP = re.compile(r"\d+")
_JOINERS = set("- ().")  # what may stand between two groups of one number
_MAX_JOIN = 3  # at most this many joiner characters between groups ("02) 123")
_UAN = re.compile(r"1[5-8]\d{6}")
# A Latin word glued to digits ("TEL010") hides the number from the matcher; split them.
_LETTERS_THEN_DIGIT = re.compile(r"([A-Za-z]{2,})(?=[0-9０-９])")
# Words that mark a line as account / registration data, not a phone number. Bank names
# that are also everyday words (우리 "we", 하나 "one") are left out: the account-grouping rule
# below catches their account numbers anyway.
_DISTRACTOR_WORDS = (
    "사업자",
    "등록번호",
    "계좌",
    "예금주",
    "국민은행",
    "신한",
    "농협",
    "카카오뱅크",
    "은행",
)


# Tesseract's usual misreads of Hangul numeral syllables. Applied only inside a run that is
# otherwise made of numerals (at least 7), so ordinary words are never touched.
_NUMERAL_MISREADS = {
    "욱": "육",
    "욕": "육",
    "윽": "육",
    "곰": "공",
    "콩": "공",
    "궁": "공",
    "꽁": "공",
    "알": "일",
    "얼": "일",
    "질": "칠",
    "철": "칠",
    "찰": "칠",
    "딸": "팔",
    "괄": "팔",
    "펄": "팔",
    "상": "삼",
    "샴": "삼",
    "섬": "삼",
    "샤": "사",
    "규": "구",
    "국": "구",
    "요": "오",
}
_NUMERALS = set("공영빵일이삼사오육륙칠팔구")
_DIGIT_SYLLABLE = "[" + "".join(sorted(_NUMERALS | set(_NUMERAL_MISREADS))) + "]"
# whole words made of numeral-like syllables, joined by separators or spaces
_NUMERAL_RUN = re.compile(
    r"(?<![\uac00-\ud7a3])"
    + _DIGIT_SYLLABLE
    + r"+(?:[\s\-.~)(ㅡ]*"
    + _DIGIT_SYLLABLE
    + r"+)*(?![\uac00-\ud7a3])"
)
_MIN_NUMERALS = 7
_MAX_MISREADS = 3


def numeral_count(text: str) -> int:
    """Hangul numeral syllables (and their usual misreads) in text."""
    return sum(ch in _NUMERALS or ch in _NUMERAL_MISREADS for ch in text)


def _fix_numeral_misreads(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        numerals = sum(ch in _NUMERALS for ch in run)
        misread = sum(ch in _NUMERAL_MISREADS for ch in run)
        if numerals >= _MIN_NUMERALS and 0 < misread <= _MAX_MISREADS:
            return "".join(_NUMERAL_MISREADS.get(ch, ch) for ch in run)
        return run

    return _NUMERAL_RUN.sub(fix, text)


@dataclass(frozen=True)
class LineNumber:
    number: NormalizedNumber
    start: int  # offsets into the line as given, of `length` characters; as fractions of
    end: int  # the line they place the number inside the line box
    length: int
    trimmed: bool  # leading characters had to be dropped: less sure


def _prepare(line: str) -> tuple[str, list[int]]:
    """NFKC, letters split from digits, and for each character its index in `line`."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(line):
        # per character, so every output character knows where it came from (㈜ → (주))
        for out in unicodedata.normalize("NFKC", ch):
            chars.append(out)
            origin.append(index)
    folded = _fix_numeral_misreads("".join(chars))  # 1:1, offsets unchanged
    prepared: list[str] = []
    mapped: list[int] = []
    split_at = {m.end() for m in _LETTERS_THEN_DIGIT.finditer(folded)}
    for index, ch in enumerate(folded):
        if index in split_at:
            prepared.append(" ")
            mapped.append(origin[index])
        prepared.append(ch)
        mapped.append(origin[index])
    return "".join(prepared), mapped


def _national_ok(digits: str) -> bool:
    if digits.startswith("0"):
        return 9 <= len(digits) <= 12
    return bool(_UAN.fullmatch(digits))


def _try(candidate: str) -> NormalizedNumber | None:
    try:
        found = normalize_number(candidate)
    except InvalidNumberError:
        return None
    return found


def is_distractor_line(line: str) -> bool:
    return any(word in line for word in _DISTRACTOR_WORDS)


def numbers_in_line(line: str) -> list[LineNumber]:
    """Every Korean phone number in one OCR line, left to right, no repeats."""
    prepared, origin = _prepare(line)
    if is_distractor_line(prepared):
        return []
    cleaned = clean_printed_text(prepared)
    if len(cleaned) != len(prepared):  # only "0082…" → "+82…" shifts; fall back to no offsets
        origin = [round(i * len(line) / max(len(cleaned), 1)) for i in range(len(cleaned))]
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(cleaned)]
    # consecutive groups that may belong to one number
    runs: list[list[tuple[int, int]]] = []
    for start, end in groups:
        if runs:
            prev_end = runs[-1][-1][1]
            gap = cleaned[prev_end:start]
            if len(gap) <= _MAX_JOIN and all(ch in _JOINERS for ch in gap):
                runs[-1].append((start, end))
                continue
        runs.append([(start, end)])
    found: list[LineNumber] = []
    seen: set[str] = set()
    for run in runs:
        for item in _numbers_in_run(cleaned, run):
            if item.number.e164 not in seen:
                seen.add(item.number.e164)
                start = origin[item.start] if item.start < len(origin) else len(line)
                end = origin[item.end - 1] + 1 if 0 < item.end <= len(origin) else len(line)
                found.append(LineNumber(item.number, start, end, len(line), item.trimmed))
    return found


def _numbers_in_run(cleaned: str, run: list[tuple[int, int]]) -> list[LineNumber]:
    out: list[LineNumber] = []
    i = 0
    while i < len(run):
        hit = _longest_window(cleaned, run, i)
        if hit is None:
            i += 1
            continue
        item, next_i = hit
        out.append(item)
        i = next_i
    return out


def _longest_window(
    cleaned: str, run: list[tuple[int, int]], i: int
) -> tuple[LineNumber, int] | None:
    first_start, first_end = run[i]
    for j in range(len(run), i, -1):
        end = run[j - 1][1]
        # drop up to 3 leading junk digits of the first group, fewest first
        for trim in range(0, min(4, first_end - first_start)):
            start = first_start + trim
            text = cleaned[start:end]
            digits = "".join(ch for ch in text if ch.isdigit())
            if not _national_ok(digits) or _looks_like_distractor(cleaned, run[i:j], trim):
                continue
            number = _try(text)
            if number is not None:
                return LineNumber(number, start, end, len(cleaned), trimmed=trim > 0), j
    return None


def _looks_like_distractor(cleaned: str, run: list[tuple[int, int]], trim: int) -> bool:
    lengths = [end - start for start, end in run]
    lengths[0] -= trim
    if lengths == [3, 2, 5]:  # business registration number
        return True
    # a group longer than 4 after the first is an account number, never a phone grouping
    return any(n > 4 for n in lengths[1:]) and len(lengths) > 1
