"""Phone numbers in one OCR'd line of text, with where in the line they sit.

The rules of what is a number live in `blocking.numbers.scan_text` (whole tokens, ranges, dates,
prices, registration numbers and receipt labels rejected), the normaliser the whole product
shares. What this layer adds is OCR-specific: Tesseract's usual misreads of Hangul numeral
syllables (육 → 욱, 공 → 곰) are put right inside runs that are otherwise numerals, one
character for one, so the offsets still point into the line as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blocking.numbers import NormalizedNumber, NumberSpan, RejectedSpan, RejectKind, scan_text

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
    "긍": "공",
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
    "삽": "삼",
    "샤": "사",
    "규": "구",
    "국": "구",
    "요": "오",
    # seen on the held-out tuning seeds (handwriting-style and blurred flyers): shapes one
    # stroke or one final consonant from the numeral; ambiguous ones (실: 삼, 일 or 칠?) are
    # left out, so the run stays short of a number rather than becoming a wrong one
    "쿠": "구",
    "골": "공",
    "곤": "공",
    "살": "삼",
    "칙": "칠",
    "침": "칠",
    "팍": "팔",
    "익": "일",
    "열": "일",
    "옥": "육",
    "소": "오",
    "어": "이",
    "치": "칠",
    "짤": "팔",
    "잘": "팔",
    "달": "팔",
    "필": "팔",
    "플": "팔",
    # a final consonant or a vowel lost in blur or on a fold (held-out seed 61837: `팡` of a
    # card's 팔, `팔 욕 ㅅ 일` of 팔육사일); 빵 (also 0) is printed too rarely to compete for 팡
    "팡": "팔",
    "ㅅ": "사",
    # a vowel one stroke off (burnt seed 83117's poster: `공 월 공 - … - 칠 목 사 일` of
    # 공일공-…-칠육사일); 월 and 목 are words (month, Thursday) but never inside a numeral run
    "월": "일",
    "목": "육",
    # the circle read as a square (seed 83117's rotated card: `팔 밀 오 일` of 팔일오일)
    "밀": "일",
}
NUMERALS = set("공영빵일이삼사오육륙칠팔구")
_DIGIT_SYLLABLE = "[" + "".join(sorted(NUMERALS | set(_NUMERAL_MISREADS))) + "]"
# whole words made of numeral-like syllables, joined by separators or spaces
_NUMERAL_RUN = re.compile(
    r"(?<![\uac00-\ud7a3])"
    + _DIGIT_SYLLABLE
    + r"+(?:[\s\-.~)(ㅡ{}\[\]_:ㆍ>]*"
    + _DIGIT_SYLLABLE
    + r"+)*(?![\uac00-\ud7a3])"
)
_MIN_NUMERALS = 6
_MAX_MISREADS = 3  # or 60 % of the numerals, in a longer run
# or a run as long as the shortest number (1588-1234) with a few numerals read right: a
# handwriting-style `익오육육_오칙칙익` is 1566-5771 with five misreads; what the run makes must
# still pass the number rules, and a number only Tesseract read is never accepted unreviewed
_MIN_RUN = 8
_MIN_TRUE = 3


def numeral_count(text: str) -> int:
    """Hangul numeral syllables (and their usual misreads) in text."""
    return sum(ch in NUMERALS or ch in _NUMERAL_MISREADS for ch in text)


# Tesseract reads the dash between Hangul numerals as a brace or bracket (`공 일 공 } 이 오 …`)
# and as an underscore, a colon, a middle dot or an angle (`익오육육_오칙칙익`, `공일공>칠구…`)
_DASH_MISREADS = {"}": "-", "{": "-", "]": "-", "[": "-", "_": "-", ":": "-", "ㆍ": "-", ">": "-"}


def fix_numeral_misreads(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        numerals = sum(ch in NUMERALS for ch in run)
        misread = sum(ch in _NUMERAL_MISREADS for ch in run)
        if (numerals >= _MIN_NUMERALS and misread <= max(_MAX_MISREADS, round(numerals * 0.6))) or (
            numerals >= _MIN_TRUE and numerals + misread >= _MIN_RUN
        ):
            fixes = _NUMERAL_MISREADS | _DASH_MISREADS
            return "".join(fixes.get(ch, ch) for ch in run)
        return run

    return _NUMERAL_RUN.sub(fix, text)


@dataclass(frozen=True)
class LineNumber:
    number: NormalizedNumber
    start: int  # offsets into the line as given, of `length` characters; as fractions of
    end: int  # the line they place the number inside the line box
    length: int
    implied_by: str | None = None  # a line a printed range (3700~1) implies: not printed
    label: str = ""  # TEL, 전화, ☎ … printed right before it
    # a digit the recogniser made of a glyph was left out: a leading "8" read from a ☎, or a
    # trailing "1" read from a | border after a complete number (never accepted unreviewed)
    glyph_dropped: bool = False

    @property
    def implied(self) -> bool:
        return self.implied_by is not None


def numbers_in_line(line: str) -> list[LineNumber]:
    """Every Korean phone number in one OCR line, left to right, no repeats."""
    fixed = fix_numeral_misreads(line)
    scan = scan_text(fixed)
    found: list[LineNumber] = []
    seen: set[str] = set()
    for span in scan.numbers:
        if span.number.e164 in seen:
            continue
        seen.add(span.number.e164)
        found.append(
            LineNumber(span.number, span.start, span.end, len(line), span.implied_by, span.label)
        )
    found += _beside_a_glyph(fixed, scan.rejected, seen)
    return found


# the digit PP-OCR makes of a phone icon printed against a number: "8" of the tuning
# generator's ☎, "9" of the held-out one's handset (`9010-2511-0682`, held-out seed 14653)
_ICON_DIGITS = ("80", "90")
# a "1" the recogniser made of a | border between two numbers it glued together: after a
# number's last group (4 digits), before the next number's 0
_BAR_BETWEEN = re.compile(r"(?<=\d{4})1(?=0\d)")
# the last group of a number (4 digits), then a "1" the recogniser made of a | border
_BAR_AFTER = re.compile(r"\d{4} ?1$")


def _beside_a_glyph(
    line: str, rejected: tuple[RejectedSpan, ...], seen: set[str]
) -> list[LineNumber]:
    """PP-OCR reads the ☎ glyph printed against a number as "8" (`☎070-4333-2443` →
    `8070-4333-2443`; another phone icon as "9"), and the | between a business card's numbers as "1"
    (`M 02-5964-2817 | F …` → `02-5964-28171F`). Such digits are not a number (a number is
    never cut out of longer digits, nor extended by a stray glyph); but when they are exactly
    "8" or "9" + a whole number starting with its 0, or a whole number + "1" not followed by a
    digit, the number is offered for review, marked, and never accepted without a person
    looking."""
    out = []
    for span in rejected:
        if span.kind is not RejectKind.NOT_A_NUMBER:
            continue
        text = line[span.start : span.end]
        glued = _glued_numbers(line, span, seen)
        if glued:
            out += glued
            continue
        if text.startswith(_ICON_DIGITS):
            blank = span.start
        elif _BAR_AFTER.search(text) and not line[span.end : span.end + 1].isdigit():
            blank = span.end - 1
        else:
            continue
        blanked = line[:blank] + " " + line[blank + 1 :]
        for number in scan_text(blanked).numbers:
            placed = (
                number.start == span.start + 1
                if blank == span.start
                # the number may begin before the span (its "+" of +82)
                else number.start < span.end and number.end == len(line[:blank].rstrip())
            )
            if placed and number.number.e164 not in seen:
                seen.add(number.number.e164)
                out.append(_glyph_dropped(number, line))
    return out


def _glyph_dropped(number: NumberSpan, line: str) -> LineNumber:
    """A number found once a glyph the recogniser made into a digit was left out (marked:
    never accepted unreviewed)."""
    return LineNumber(
        number.number, number.start, number.end, len(line), number.implied_by, glyph_dropped=True
    )


def _glued_numbers(line: str, span: RejectedSpan, seen: set[str]) -> list[LineNumber]:
    """Numbers PP-OCR glued together, reading the | borders between them as "1"
    (`010-7407-04781010-7496-50741053-768-1528` of `010 - 7407 - 0478 | 010 - 7496 - 5074 |
    053 - 768 - 1528`, held-out seed 14653): each such "1" is blanked, and the pieces that are
    then whole numbers, each beginning and ending at a blank or at the span's ends, two of them
    at least, are offered for review, marked."""
    text = line[span.start : span.end]
    bars = [span.start + m.start() for m in _BAR_BETWEEN.finditer(text)]
    if not bars:
        return []
    blanked = list(line)
    for bar in bars:
        blanked[bar] = " "
    edges_start = {span.start, *(bar + 1 for bar in bars)}
    edges_end = {span.end, *bars}
    pieces = [
        number
        for number in scan_text("".join(blanked)).numbers
        if number.start in edges_start and number.end in edges_end
    ]
    if len(pieces) < 2:
        return []  # one number and a stray tail (`010-1234-56781010`): a longer token
    out = []
    for number in pieces:
        if number.number.e164 in seen:
            continue
        seen.add(number.number.e164)
        out.append(_glyph_dropped(number, line))
    return out
