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

from blocking.errors import ForeignNumberError, InvalidNumberError, Phrase

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
_GLUED_LABEL = re.compile(r"(?:TEL|T|M|F)(O)")
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


def search_digits(text: str) -> str | None:
    """The digits a number search for `text` looks for in E.164 forms (`+8210…`): typed
    nationally (010…, its trunk 0 dropped) or internationally (+82, 0082), in full-width or
    look-alike digits too. None when `text` holds no digit at all: such a search matches no
    number (it matched every number)."""
    digits = "".join(ch for ch in clean_printed_text(text) if ch in "0123456789")
    if not digits:
        return None
    if digits.startswith("00"):  # 0082…: the international prefix
        return digits[2:]
    return digits[1:] if digits.startswith("0") else digits


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


# ---- numbers in text: whole tokens, with spans ----------------------------------------------
#
# A phone number in running text (an OCR line, a note) is a WHOLE token: a run of digit groups
# joined by separators that reads as one Korean number with its usual grouping (prefix, 3-4
# digit middle, 4-digit last group; or ungrouped; or 15xx-xxxx). It is never cut out of a
# longer digit run (approval, account, card, registration, barcode numbers) and never borrows a
# stray glyph printed after a complete number (`|`, `I`, `1` from a border or a range suffix):
# letter-for-digit repairs (O→0, l/I/|→1) apply inside digit groups, never to extend a number
# that is already complete. Ranges (`3700~1`) give the printed number and, marked as implied,
# the numbers the range names. Dates, times, prices, postcodes and registration numbers are
# recognised first and never join a number; a digit run right after a receipt or bank label
# (사업자, 승인번호, 가맹점번호, 계좌 …) is that label's number, not a phone number.

_DIGIT, _NUMERAL, _LOOKALIKE, _OTHER = "D", "H", "L", "X"
# between two digit groups of one number: separators and spaces, briefly
# (ㆍ, the Hangul araea, is typed as a middle dot on Korean keyboards; NFKC makes it U+119E)
_JOINERS = frozenset(SEPARATORS + "()·∙•‧\u318d\u119e \t")
_MAX_GAP = 4
_MAX_GAP_SYMBOLS = 2
_MASKS = frozenset("*●○■□×")
_RANGE_MARKS = frozenset("~〜")
_MAX_RANGE = 10
_MAX_GROUPS = 5  # +82 (0) 10 1234 5678


class RejectKind(enum.StrEnum):
    DATE = "date"
    TIME = "time"
    PRICE = "price"
    POSTCODE = "postcode"
    BUSINESS_REGISTRATION = "business_registration"
    RESIDENT_REGISTRATION = "resident_registration"  # also corporate registration numbers
    CARD = "card"
    MASKED = "masked"  # 010-****-5360: never completed
    LABELLED = "labelled"  # right after 사업자, 승인번호, 가맹점번호, 계좌, a bank …
    NOT_A_NUMBER = "not_a_number"  # digits that do not read as one whole number


_REJECT_PATTERNS: tuple[tuple[RejectKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            RejectKind.DATE,
            r"(?<![\d.])(?:19|20)\d{2}\s*[-./년]\s*(?:0?[1-9]|1[0-2])\s*[-./월]\s*"
            r"(?:0?[1-9]|[12]\d|3[01])(?:\s*일)?(?![\d])",
        ),
        (RejectKind.DATE, r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"),
        (
            RejectKind.DATE,
            r"(?<![\d.])\d{2}\s*[./-]\s*(?:0[1-9]|1[0-2])\s*[./-]\s*(?:0[1-9]|[12]\d|3[01])(?![\d])",
        ),
        (RejectKind.DATE, r"(?<!\d)(?:0?[1-9]|1[0-2])\s*월\s*(?:0?[1-9]|[12]\d|3[01])\s*일"),
        (RejectKind.TIME, r"(?<!\d)(?:[01]?\d|2[0-3])\s*:\s*[0-5]\d(?:\s*:\s*[0-5]\d)?(?!\d)"),
        (RejectKind.TIME, r"(?<!\d)(?:[01]?\d|2[0-3])\s*시\s*[0-5]?\d\s*분"),
        (
            RejectKind.PRICE,
            r"[₩\\]\s*\d[\d,.]*|\d{1,3}(?:,\d{3})+(?:\s*(?:만\s*)?원)?"
            r"|\d+\s*(?:만|천|백)?\s*원|\d+(?:\.\d+)?\s*%",
        ),
        (RejectKind.BUSINESS_REGISTRATION, r"(?<![\d-])\d{3}\s*-\s*\d{2}\s*-\s*\d{5}(?![\d])"),
        (RejectKind.RESIDENT_REGISTRATION, r"(?<![\d-])\d{6}\s*-\s*\d{7}(?![\d])"),
        (
            RejectKind.CARD,
            r"(?<![\d-])\d{4}-[\d*]{4}-[\d*]{4}-[\d*]{3,4}(?![\d])",
        ),
        (
            RejectKind.POSTCODE,
            r"(?:우편번호|우\)|\(우\)|\[우\]|〒)\s*:?\s*\d{3}\s*-?\s*\d{2,3}(?!\d)",
        ),
    )
)

# A digit run right after one of these (spaces and ":#.()[]" between) is not a phone number.
# Words that also begin phone lines on flyers ("빠른 승인", "카드 대출") are only taken whole.
_DISTRACTOR_LABELS = (
    "사업자",
    "사업자번호",
    "사업자등록번호",
    "등록번호",
    "승인번호",
    "승인NO",
    "가맹점",
    "가맹점번호",
    "가맹번호",
    "카드번호",
    "계좌",
    "계좌번호",
    "예금주",
    "주민번호",
    "주민등록번호",
    "법인번호",
    "법인등록번호",
    "영수증번호",
    "주문번호",
    "거래번호",
    "일련번호",
    "회원번호",
    "고객번호",
    "우편번호",
    "전표번호",
    "POS",
    "NO",
    "BILL",
    "TBL",
    "#",
    # banks whose names are not everyday words (우리 "we", 하나 "one" are left out)
    "국민",
    "국민은행",
    "신한",
    "농협",
    "기업은행",
    "카카오뱅크",
    "새마을금고",
    "우체국",
    "신협",
    "수협",
    "케이뱅크",
    "토스뱅크",
    "씨티",
    "은행",
)
# Labels that say a phone number follows; kept with the number for the OCR's confidence.
_PHONE_LABELS = (
    "TEL",
    "T",
    "전화",
    "전화번호",
    "☎",
    "℡",
    "HP",
    "H.P",
    "휴대폰",
    "핸드폰",
    "MOBILE",
    "M",
    "FAX",
    "F",
    "팩스",
    "상담",
    "문의",
    "대표번호",
    "연락처",
    "D",
    "24시",
)
_LABEL_WINDOW = 14
_LABEL_FILLER = " \t:.#()[]<>-=*"


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text: where it is printed (character offsets into the text as given)
    and, for a line a printed range only implies, which printed number it extends."""

    number: NormalizedNumber
    start: int
    end: int
    implied_by: str | None = None  # e164 of the printed number of a range (3700~1)
    label: str = ""  # the phone label printed just before it (TEL, 전화, ☎ …), if any

    @property
    def implied(self) -> bool:
        return self.implied_by is not None


@dataclass(frozen=True)
class RejectedSpan:
    """Digits in the text that are recognisably not a phone number, and why."""

    kind: RejectKind
    start: int
    end: int


@dataclass(frozen=True)
class TextScan:
    text: str
    numbers: tuple[NumberSpan, ...]
    rejected: tuple[RejectedSpan, ...]

    def printed(self, span: NumberSpan | RejectedSpan) -> str:
        return self.text[span.start : span.end]


@dataclass
class _Group:
    start: int  # in the folded text
    end: int
    digits: str
    kinds: str  # one of D/H/L per digit
    masked: bool = False

    @property
    def real(self) -> int:
        return sum(k != _LOOKALIKE for k in self.kinds)


def _fold(text: str) -> tuple[str, list[int]]:
    """NFKC per character, and for each folded character its index in `text`."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for out in unicodedata.normalize("NFKC", ch):
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


def _cells(folded: str) -> tuple[list[str], list[str]]:
    """Per folded character: its kind (digit, Hangul numeral, look-alike letter, other) and
    the digit it stands for."""
    kinds = [_DIGIT if "0" <= ch <= "9" else _OTHER for ch in folded]
    values = [ch if k == _DIGIT else "" for ch, k in zip(folded, kinds, strict=True)]
    for match in _HANGUL_RUN.finditer(folded):
        if all(ch in HANGUL_DIGITS for ch in match.group(0)):
            for i in range(match.start(), match.end()):
                kinds[i], values[i] = _NUMERAL, HANGUL_DIGITS[folded[i]]
    for match in _LATIN_RUN.finditer(folded):
        start = match.start()
        if not all(ch in LATIN_LOOKALIKES for ch in match.group(0)):
            # a card's label glued to a number's leading 0 read as O: `TO10-…`, `MO10-…`
            glued = _GLUED_LABEL.fullmatch(match.group(0))
            if glued is None or not folded[match.end() : match.end() + 1].isdigit():
                continue
            start = match.start() + glued.start(1)
        for i in range(start, match.end()):
            kinds[i], values[i] = _LOOKALIKE, LATIN_LOOKALIKES[folded[i]]
    return kinds, values


def _reject_known(folded: str, kinds: list[str]) -> list[tuple[RejectKind, int, int]]:
    found: list[tuple[RejectKind, int, int]] = []
    for kind, pattern in _REJECT_PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(kinds[i] == "R" for i in range(start, end)):
                continue  # already part of an earlier finding
            for i in range(start, end):
                kinds[i] = "R"
            found.append((kind, start, end))
    return found


def _groups(folded: str, kinds: list[str], values: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    i = 0
    while i < len(folded):
        if kinds[i] in (_DIGIT, _NUMERAL, _LOOKALIKE):
            j = i
            while j < len(folded) and kinds[j] in (_DIGIT, _NUMERAL, _LOOKALIKE):
                j += 1
            group = _Group(i, j, "".join(values[i:j]), "".join(kinds[i:j]))
            group.masked = _touches_mask(folded[max(0, i - 3) : i][::-1]) or _touches_mask(
                folded[j : j + 3]
            )
            groups.append(group)
            i = j
        else:
            i += 1
    return groups


def _touches_mask(beside: str) -> bool:
    """Whether masking stars start right beside a group (one separator may come between):
    `010-****-5360`, `010000****`."""
    if beside[:1] in _JOINERS and beside[:1] not in _MASKS:
        beside = beside[1:]
    return len(beside) >= 2 and all(ch in _MASKS for ch in beside[:2])


def _joinable(gap: str) -> bool:
    if not gap or len(gap) > _MAX_GAP or any(ch not in _JOINERS for ch in gap):
        return False
    if len(gap) >= 2 and gap[-1] == "/" and gap[-2] != "/":
        # a slash glued to a group after another separator is a digit OCR misread (a 7):
        # `010 - /693 - 5093`, `(010) /168-2813` are not 010-693-5093 and 010-168-2813
        return False
    symbols = [ch for ch in gap if ch not in " \t"]
    return len(symbols) <= _MAX_GAP_SYMBOLS and "**" not in gap


# OCR reads a dash spaced out between groups as a colon (`TEL: 010 : 7322 - 1078`, a curled,
# blurred slip of held-out seed 61837). A colon joins groups of this many digits or more on
# both sides only: a time's groups have two (`10:30`, rejected before this anyway).
_COLON_GROUP = 3


def _gap_between(folded: str, before: _Group, after: _Group) -> str:
    gap = folded[before.end : after.start]
    if gap.count(":") == 1 and min(len(before.digits), len(after.digits)) >= _COLON_GROUP:
        return gap.replace(":", "-")
    return gap


def _chains(folded: str, groups: list[_Group]) -> list[list[_Group]]:
    chains: list[list[_Group]] = []
    for group in groups:
        if chains and _joinable(_gap_between(folded, chains[-1][-1], group)):
            chains[-1].append(group)
        else:
            chains.append([group])
    return [_unspace(folded, chain) for chain in chains]


def _unspace(folded: str, chain: list[_Group]) -> list[_Group]:
    """Letter-spaced printing and OCR's spaces inside numerals are one group: Hangul numerals
    apart by spaces only (`공 일 공 - 팔 삼 이 이`, Tesseract's `사 칠칠`), and three or more
    one-digit groups apart by single spaces (`0 1 0 - 1 2 3 4`). Never across scripts: the
    `1` of a misread label before `일 오 팔 팔` stays apart."""
    out: list[_Group] = []
    run: list[_Group] = []

    def merged() -> _Group:
        return _Group(
            run[0].start,
            run[-1].end,
            "".join(g.digits for g in run),
            "".join(g.kinds for g in run),
            any(g.masked for g in run),
        )

    def flush() -> None:
        if (len(run) >= 2 and all(set(g.kinds) == {_NUMERAL} for g in run)) or (
            len(run) >= 3 and all(g.kinds == _DIGIT for g in run)
        ):
            out.append(merged())
        else:
            out.extend(run)
        run.clear()

    def same_run(group: _Group) -> bool:
        if not run or folded[run[-1].end : group.start].strip(" ") != "":
            return False
        if set(group.kinds) == {_NUMERAL} and all(set(g.kinds) == {_NUMERAL} for g in run):
            return True
        single = folded[run[-1].end : group.start] == " " and group.kinds == _DIGIT
        return single and all(g.kinds == _DIGIT for g in run)

    for group in chain:
        if not same_run(group):
            flush()
        run.append(group)
    flush()
    return out


def _label_before(folded: str, start: int) -> str:
    """The word(s) printed right before position `start`, squashed, upper-case Latin."""
    i = start
    while i > 0 and folded[i - 1] in _LABEL_FILLER and start - i < 4:
        i -= 1
    words = []
    j = i
    while j > 0 and i - j < _LABEL_WINDOW and not folded[j - 1].isdigit():
        j -= 1
    words.append(folded[j:i])
    return "".join(words[0].split()).upper()


def _has_label(squashed: str, labels: tuple[str, ...]) -> str:
    squashed = squashed.rstrip(_LABEL_FILLER)
    for label in sorted(labels, key=len, reverse=True):
        if not squashed.endswith(label.upper()):
            continue
        head = squashed[: len(squashed) - len(label)]
        # a short Latin label (T, M, NO) must be a word of its own, not the end of one
        if (
            label.isascii()
            and label.isalpha()
            and head
            and head[-1].isascii()
            and head[-1].isalpha()
        ):
            continue
        return label
    return ""


def _variants(group: _Group, lead: bool, trail: bool) -> list[tuple[str, int, int]]:
    """Ways to read a group: (digits, chars dropped at the start, chars dropped at the end).
    Look-alike letters at the outer edge of a number are dropped first (a border, a range
    suffix), and kept only when the number needs them."""
    digits, kinds = group.digits, group.kinds
    head = len(kinds) - len(kinds.lstrip(_LOOKALIKE)) if lead else 0
    tail = len(kinds) - len(kinds.rstrip(_LOOKALIKE)) if trail else 0
    out: list[tuple[str, int, int]] = []
    for drop_head in dict.fromkeys((head, 0)):
        for drop_tail in dict.fromkeys((tail, 0)):
            if drop_head + drop_tail < len(digits):
                out.append((digits[drop_head : len(digits) - drop_tail], drop_head, drop_tail))
    return out


def _national_groups(groups: list[str], plus: bool) -> list[str] | None:
    """+82 / 82 / 0082 forms → national groups with the trunk 0; None if not Korean-looking."""
    first = groups[0]
    if len(groups) == 1:
        if first.startswith("0082"):
            return ["0" + first[4:]]
        if first.startswith("82") and (plus or len(first) >= 11):
            return ["0" + first[2:]]
        return groups
    if plus and first.startswith("82") and len(first) > 2:  # +8210-1234-5678: space lost
        groups = ["82", first[2:], *groups[1:]]
        first = "82"
    if first in ("82", "0082"):
        rest = groups[1:]
        if rest[0] == "0" and len(rest) > 1:  # +82 (0)10 …
            rest = rest[1:]
        if not rest[0].startswith("0"):
            rest = ["0" + rest[0], *rest[1:]]
        return rest
    return groups


def _grouping_ok(groups: list[str], number: phonenumbers.PhoneNumber, digits: str) -> bool:
    """The printed grouping is one a Korean number is written in."""
    if len(groups) == 1:
        return True
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    prefix = national.split("-")[0].replace("(", "").replace(")", "").strip()
    prefixes = {prefix}
    if digits.startswith("050"):
        prefixes = {"050", digits[:4]}
    uan = bool(_UAN_DIGITS.fullmatch(digits))
    if len(groups) == 2:
        first, last = groups
        if uan:
            return len(first) == 4 and len(last) == 4
        if first in prefixes and len(last) in (7, 8):
            return True
        return len(last) == 4 and any(
            first.startswith(p) and 3 <= len(first) - len(p) <= 4 for p in prefixes
        )
    if len(groups) == 3 and not uan:
        first, middle, last = groups
        middle_sizes = (3, 4, 5) if first == "050" else (3, 4)
        return first in prefixes and len(middle) in middle_sizes and len(last) == 4
    return False


_UAN_DIGITS = re.compile(r"1[5-9]\d{6}")


def _validate(digits: str) -> tuple[phonenumbers.PhoneNumber, NormalizedNumber] | None:
    if not (digits.startswith("0") and 9 <= len(digits) <= 12) and not _UAN_DIGITS.fullmatch(
        digits
    ):
        return None
    try:
        parsed = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed) or parsed.country_code != KOREA_COUNTRY_CODE:
        return None
    return parsed, _from_library(parsed)


@dataclass(frozen=True)
class _Hit:
    number: NormalizedNumber
    start: int  # folded
    end: int
    last_group: str


def _read_candidate(folded: str, groups: list[_Group]) -> _Hit | None:
    if any(g.masked for g in groups):
        return None
    real = sum(g.real for g in groups)
    if real * 2 < sum(len(g.digits) for g in groups):
        return None  # mostly letters: a word, not a number
    plus = groups[0].start > 0 and folded[groups[0].start - 1] == "+"
    firsts = _variants(groups[0], lead=True, trail=len(groups) == 1)
    lasts = _variants(groups[-1], lead=False, trail=True) if len(groups) > 1 else [("", 0, 0)]
    for first, head, first_tail in firsts:
        for last, _, tail in lasts:
            printed = [
                first,
                *(g.digits for g in groups[1:-1]),
                *([last] if len(groups) > 1 else []),
            ]
            national = _national_groups(printed, plus)
            if national is None:
                continue
            digits = "".join(national)
            found = _validate(digits)
            if found is None or not _grouping_ok(national, found[0], digits):
                continue
            start = groups[0].start + head - (1 if plus else 0)
            end = groups[-1].end - (tail if len(groups) > 1 else first_tail)
            return _Hit(found[1], start, end, national[-1] if len(national) > 1 else digits[-4:])
    return None


def _range(folded: str, hit: _Hit, after: _Group | None) -> list[tuple[NormalizedNumber, int]]:
    """`…3700~1` → the lines 3701 (and on) a range suffix names, with the suffix's end."""
    if (
        after is None
        or "L" in after.kinds
        or not any(ch in _RANGE_MARKS for ch in folded[hit.end : after.start])
    ):
        return []
    last = hit.last_group
    suffix = after.digits
    if not 1 <= len(suffix) <= len(last):
        return []
    first_value = int(last)
    end_value = int(last[: len(last) - len(suffix)] + suffix)
    if not 0 < end_value - first_value <= _MAX_RANGE:
        return []
    stem = hit.number.e164[: len(hit.number.e164) - len(last)]
    implied = []
    for value in range(first_value + 1, end_value + 1):
        e164 = stem + str(value).zfill(len(last))
        found = _validate("0" + e164[3:])
        if found is not None:
            implied.append((found[1], after.end))
    return implied


@lru_cache(maxsize=65_536)
def scan_text(text: str) -> TextScan:
    """Every Korean phone number printed in `text`, as whole tokens, with spans; and the digit
    runs recognised as something else (dates, prices, registration numbers …)."""
    folded, origin = _fold(text)
    origin.append(len(text))
    kinds, values = _cells(folded)
    rejected = [
        RejectedSpan(kind, origin[s], origin[e - 1] + 1)
        for kind, s, e in _reject_known(folded, kinds)
    ]
    numbers: list[NumberSpan] = []
    for chain in _chains(folded, _groups(folded, kinds, values)):
        label = _label_before(folded, chain[0].start)
        if folded[chain[0].start - 1 : chain[0].start] == "#" or _has_label(
            label, _DISTRACTOR_LABELS
        ):
            rejected.append(
                RejectedSpan(
                    RejectKind.LABELLED, origin[chain[0].start], origin[chain[-1].end - 1] + 1
                )
            )
            continue
        if any(g.masked for g in chain):
            rejected.append(
                RejectedSpan(
                    RejectKind.MASKED, origin[chain[0].start], origin[chain[-1].end - 1] + 1
                )
            )
            continue
        i = 0
        while i < len(chain):
            hit = None
            for j in range(min(len(chain), i + _MAX_GROUPS), i, -1):
                hit = _read_candidate(folded, chain[i:j])
                if hit is not None:
                    break
            if hit is None:
                i += 1
                continue
            phone_label = (
                _has_label(_label_before(folded, hit.start), _PHONE_LABELS) if i == 0 else ""
            )
            start, end = origin[hit.start], origin[hit.end - 1] + 1
            numbers.append(NumberSpan(hit.number, start, end, label=phone_label))
            following = chain[j] if j < len(chain) else None
            implied = _range(folded, hit, following)
            for number, range_end in implied:
                numbers.append(
                    NumberSpan(
                        number, start, origin[range_end - 1] + 1, hit.number.e164, phone_label
                    )
                )
            i = j + (1 if implied else 0)
        leftover = [
            g for g in chain if not any(n.start <= origin[g.start] < n.end for n in numbers)
        ]
        if leftover and sum(len(g.digits) for g in leftover) >= 7:
            rejected.append(
                RejectedSpan(
                    RejectKind.NOT_A_NUMBER,
                    origin[leftover[0].start],
                    origin[leftover[-1].end - 1] + 1,
                )
            )
    rejected.sort(key=lambda r: r.start)
    return TextScan(text, tuple(numbers), tuple(rejected))


def find_numbers(text: str) -> list[NormalizedNumber]:
    """Every Korean number printed in free text (OCR output, a note), in order, without
    repeats: whole tokens only (see `scan_text`); numbers a range only implies are left out.

    Foreign numbers are skipped; use `normalize_number` on a single printed number to learn why
    one is refused.
    """
    seen: dict[str, NormalizedNumber] = {}
    for span in scan_text(text).numbers:
        if not span.implied:
            seen.setdefault(span.number.e164, span.number)
    return list(seen.values())


@dataclass(frozen=True)
class DigitRun:
    """Digits the scanner takes as one token: groups chained by separators (the run a number
    must be the whole of). Dates, times, prices and registration numbers are not runs."""

    start: int  # character offsets into the text as given
    end: int
    digits: str


def digit_runs(text: str) -> list[DigitRun]:
    """Every digit run in `text`, left to right (see `DigitRun`)."""
    folded, origin = _fold(text)
    origin.append(len(text))
    kinds, values = _cells(folded)
    _reject_known(folded, kinds)
    return [
        DigitRun(
            origin[chain[0].start],
            origin[chain[-1].end - 1] + 1,
            "".join(group.digits for group in chain),
        )
        for chain in _chains(folded, _groups(folded, kinds, values))
    ]


def cut_from_longer_run(number: NormalizedNumber, text: str, extra: int = 2) -> bool:
    """Whether `text`, another reading of the place a number was read at, shows the number to
    be cut out of a longer token: its digits (trunk 0 included) lie inside a run with at least
    `extra` more digits, and `text` does not hold the number itself. A detected piece of a
    line reads `0158944078` where the whole line reads `No. 0158944078155`, or `02 196 4187`
    of `T 0502 196 4187`. One extra digit is not enough: a border read as `1` beside a whole
    number is the recogniser's, not the print's."""
    digits = re.sub(r"\D", "", number.national)
    if any(span.number.e164 == number.e164 for span in scan_text(text).numbers):
        return False
    return any(
        len(run.digits) - len(digits) >= extra and digits in run.digits for run in digit_runs(text)
    )


@lru_cache(maxsize=262_144)
def normalize_number(text: str) -> NormalizedNumber:
    """One printed number → its canonical form, or `InvalidNumberError` saying why not.

    The same whole-token reading as `scan_text`: the text must hold exactly one number and no
    other digits. Raises `ForeignNumberError` (a subclass) for valid numbers outside Korea.
    Cached: flyers repeat the same number hundreds of times.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidNumberError(str(text), "empty", "No phone number given.")
    shown = text.strip()
    scan = scan_text(text)
    printed = [n for n in scan.numbers if not n.implied]
    implied = [n for n in scan.numbers if n.implied]
    if implied:
        lines = [printed[0].number.national, *(n.number.national for n in implied)]
        raise InvalidNumberError(
            text,
            "range",
            "{shown!r} is a range of {count} numbers ({first} … {last}); enter them one at a time.",
            shown=shown,
            count=len(lines),
            first=lines[0],
            last=lines[-1],
        )
    if len({n.number.e164 for n in printed}) > 1:
        raise InvalidNumberError(
            text,
            "several_numbers",
            "{shown!r} holds more than one number ({numbers}); enter them one at a time.",
            shown=shown,
            numbers=", ".join(dict.fromkeys(n.number.national for n in printed)),
        )
    if printed:
        inside = range(printed[0].start, printed[0].end)
        if _digit_positions(text) - set(inside):
            raise InvalidNumberError(
                text,
                "extra_digits",
                "{shown!r} has digits outside the phone number; check the printed form.",
                shown=shown,
            )
        return printed[0].number
    typed = _typed_number(text)
    if typed is not None:
        return typed
    raise _explain_invalid(text, clean_printed_text(text))


def _typed_number(text: str) -> NormalizedNumber | None:
    """One number typed (or printed) in a grouping Korean numbers are not usually written in,
    e.g. `0505-123-45678`: taken when the text holds nothing else, in at most three groups
    ending in at least four digits. Running text never gets this (`scan_text`): there a last
    group of five digits is a number with a stray digit glued on."""
    cleaned = clean_printed_text(text)
    matches = _valid_matches(cleaned)
    if len(matches) != 1 or matches[0].number.country_code != KOREA_COUNTRY_CODE:
        return None
    match = matches[0]
    outside = cleaned[: match.start] + cleaned[match.end :]
    groups = re.findall(r"\d+", match.raw_string)
    if any(ch.isdigit() for ch in outside) or not groups:
        return None
    if cleaned.lstrip().startswith(("+", "0082")) or groups[0] in ("82", "0082"):
        return None  # country-code forms are read by scan_text only
    if len(groups) > 3 or len(groups[-1]) < 4:
        return None
    return _from_library(match.number)


def _digit_positions(text: str) -> set[int]:
    """Positions in `text` of everything that reads as a digit (digits, numerals, O/l/I)."""
    folded, origin = _fold(text)
    kinds, _ = _cells(folded)
    return {origin[i] for i, kind in enumerate(kinds) if kind != _OTHER}


_PREFIX_HINTS = (
    ("010", Phrase("010 mobile numbers have 8 digits after 010 (010-1234-5678)")),
    ("070", Phrase("070 VoIP numbers have 8 digits after 070 (070-1234-5678)")),
    ("050", Phrase("050x personal numbers look like 0505-1234-5678 or 0504-123-4567")),
    ("15", Phrase("15xx/16xx/18xx numbers have 8 digits ({example})", example="1588-1234")),
    ("16", Phrase("15xx/16xx/18xx numbers have 8 digits ({example})", example="1644-1234")),
    ("18", Phrase("15xx/16xx/18xx numbers have 8 digits ({example})", example="1800-1234")),
    ("080", Phrase("080 toll-free numbers look like 080-123-4567")),
    ("02", Phrase("Seoul numbers look like 02-123-4567 or 02-1234-5678")),
    ("0", Phrase("area-code numbers look like 031-123-4567 or 031-1234-5678")),
)


# One literal template per case (so each has its Korean): many returns.
# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _explain_invalid(text: str, cleaned: str) -> InvalidNumberError:  # noqa: PLR0911
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    shown = text.strip()
    if not digits:
        return InvalidNumberError(
            text, "no_digits", "{shown!r} contains no phone number.", shown=shown
        )
    inner = shown.strip("".join(_DIRECTION_CONTROLS))
    if any(ch in _DIRECTION_CONTROLS for ch in inner):
        # U+202E inside a number reorders what a reader sees: never read past it, and say so
        # (the digits alone would give a wrong reason, "010 … have 8 digits after 010").
        return InvalidNumberError(
            text,
            "direction_control",
            "{shown!r} has a text-direction control character inside the number (what is shown "
            "may not be the order of its digits); type the number again.",
            shown=shown,
        )
    matches = _valid_matches(cleaned)
    foreign = [m.number for m in matches if m.number.country_code != KOREA_COUNTRY_CODE]
    if foreign and len(matches) == len(foreign):
        number = foreign[0]
        region = phonenumbers.region_code_for_number(number) or "unknown region"
        return ForeignNumberError(
            text,
            "foreign",
            "{shown!r} is a foreign number (+{country_code}, {region}); only Korean numbers can "
            "be suspended by Korean carriers.",
            shown=shown,
            country_code=number.country_code,
            region=region,
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
    # Literal templates (with and without the hint), so the reader gets them in their language.
    if len(national) < 8:
        if hint:
            return InvalidNumberError(
                text,
                "too_short",
                "{shown!r} is too short to be a Korean phone number: {hint}.",
                shown=shown,
                hint=hint,
            )
        return InvalidNumberError(
            text, "too_short", "{shown!r} is too short to be a Korean phone number.", shown=shown
        )
    if len(national) > 13:
        if hint:
            return InvalidNumberError(
                text,
                "too_long",
                "{shown!r} is too long to be a Korean phone number: {hint}.",
                shown=shown,
                hint=hint,
            )
        return InvalidNumberError(
            text, "too_long", "{shown!r} is too long to be a Korean phone number.", shown=shown
        )
    if matches:
        # phonenumbers finds a number in it, but not as one whole printed number: a number
        # cut out of longer digits, or grouped the way no Korean number is written.
        if hint:
            return InvalidNumberError(
                text,
                "not_valid",
                "{shown!r} is not one whole Korean phone number (check the grouping and the "
                "digits around it): {hint}.",
                shown=shown,
                hint=hint,
            )
        return InvalidNumberError(
            text,
            "not_valid",
            "{shown!r} is not one whole Korean phone number (check the grouping and the digits "
            "around it).",
            shown=shown,
        )
    if hint:
        return InvalidNumberError(
            text,
            "not_valid",
            "{shown!r} is not a valid Korean phone number: {hint}.",
            shown=shown,
            hint=hint,
        )
    return InvalidNumberError(
        text, "not_valid", "{shown!r} is not a valid Korean phone number.", shown=shown
    )


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
