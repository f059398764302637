"""The date and time in a line of OSD text as Tesseract read it.

Recorders write `2021-06-08 08:33:12`, `2021/06/08`, `2021년 06월 08일 (화) 08:33:12`,
`06-08-2021 Tue 08:33:12`, 12-hour clocks with AM/PM or 오전/오후, and the time before the date.
OCR confuses O/0, l/1, S/5 and drops or doubles separators; digits are recovered only inside
tokens that already hold a digit. A weekday, when shown, must agree with the date; it decides
between month-first and day-first dates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

_DIGITLIKE = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0",
    "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "]": "1", "[": "1",
    "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9", "b": "6",
})  # fmt: skip
_TOKEN = re.compile(r"[0-9OoDQUlIi|!\[\]SsBZzgqb]+")
_SEP = r"[^\d]{1,4}?"
# Colons first; OCR's stand-ins for a colon only when no colon-separated time is there (a
# dotted date 2021.06.08 would otherwise read as a time).
_TIMES = (
    re.compile(r"(?<!\d)(\d{1,2})\s*:\s*(\d{2})\s*:\s*(\d{2})(?!\d)"),
    re.compile(r"(?<![\d.])(\d{1,2})\s*[:;.,'\"]\s*(\d{2})\s*[:;.,'\"]\s*(\d{2})(?![\d.])"),
)
# Two-digit fields may come out of OCR split by a space ("2022/1 1/07"); with an explicit
# separator (- / .) the space is taken as a split, without one it is the separator.
_TWO = r"(\d(?:\s?\d)?)"
_YMDS = (
    re.compile(rf"(?<!\d)((?:19|20)\d{{2}})\s*([-/.])\s*{_TWO}\s*\2\s*{_TWO}(?!\d)"),
    re.compile(rf"(?<!\d)((?:19|20)\d{{2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?!\d)"),
    # 2021년 06월 08일 with 년 read as a digit glued to the year ("20214 06H 08").
    re.compile(r"(?<!\d)((?:19|20)\d{2})\S?\s+(\d{1,2})\S{0,2}\s+(\d{1,2})(?!\d)"),
)
_XYD = re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}((?:19|20)\d{{2}})(?!\d)")
_ENGLISH_DAYS = {"MON": 0, "TUE": 1, "WED": 2, "THU": 3, "FRI": 4, "SAT": 5, "SUN": 6}
_KOREAN_DAYS = {c: i for i, c in enumerate("월화수목금토일")}
_PM = re.compile(r"(?<![A-Z])P\.?\s?M\.?(?![A-Z])|오\s?후")
_AM = re.compile(r"(?<![A-Z])A\.?\s?M\.?(?![A-Z])|오\s?전")


@dataclass(frozen=True)
class ParsedOsd:
    value: datetime | None
    note: str = ""  # why not, or what was assumed
    twelve_hour: bool = False
    day_first: bool | None = None  # for a dd-mm-yyyy / mm-dd-yyyy date, which it was
    leftover: str = ""  # letters and digits that are neither date, time, AM/PM nor weekday


def normalise(text: str) -> str:
    """NFKC (full-width digits), and digit look-alikes turned into digits inside tokens that
    hold at least one real digit."""
    text = unicodedata.normalize("NFKC", text)

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        if not any(c.isdigit() for c in token):
            return token
        return token.translate(_DIGITLIKE)

    return _TOKEN.sub(fix, text)


def parse_osd(
    raw: str, *, twelve_hour: bool | None = None, day_first: bool | None = None
) -> ParsedOsd:
    """The date-time of one OSD line. `twelve_hour` / `day_first`, when known for the camera,
    settle what this line alone cannot."""
    text = normalise(raw)
    text = _split_glued_time(text)
    clock = next((m for m in (t.search(text) for t in _TIMES) if m), None)
    if clock is None:
        return ParsedOsd(None, "no time of day")
    hour, minute, second = (int(g) for g in clock.groups())
    rest = text[: clock.start()] + " " * (clock.end() - clock.start()) + text[clock.end() :]
    upper = rest.upper()
    pm, am = bool(_PM.search(upper)), bool(_AM.search(upper))
    is_twelve = pm or am or bool(twelve_hour)
    if is_twelve:
        if not (pm or am):
            return ParsedOsd(None, "12-hour clock without AM/PM", True)
        if not 1 <= hour <= 12:
            return ParsedOsd(None, f"hour {hour} on a 12-hour clock", True)
        hour = hour % 12 + (12 if pm else 0)
    if not (hour < 24 and minute < 60 and second < 60):
        return ParsedOsd(None, f"not a time of day: {clock.group(0)}")
    weekday = _weekday(upper)
    date, chosen, note, span = _date(rest, weekday, day_first)
    if date is None:
        return ParsedOsd(None, note, is_twelve)
    leftover = _leftover(rest[: span[0]] + " " + rest[span[1] :])
    try:
        value = datetime(date[0], date[1], date[2], hour, minute, second)
    except ValueError:
        return ParsedOsd(None, "not a real date", is_twelve)
    if weekday is not None and value.weekday() != weekday:
        return ParsedOsd(None, "the weekday shown does not match the date", is_twelve, chosen)
    return ParsedOsd(value, note, is_twelve, chosen, leftover)


def _leftover(text: str) -> str:
    upper = text.upper()
    for pattern in (_PM, _AM):
        upper = pattern.sub(" ", upper)
    upper = re.sub(r"(?<![A-Z])(MON|TUE|WED|THU|FRI|SAT|SUN)", " ", upper)
    upper = re.sub(r"[(\[]\s*[월화수목금토일]\s*[)\]]", " ", upper)
    upper = re.sub(r"[년월일]", " ", upper)
    return "".join(c for c in upper if c.isalnum())


_GLUED = re.compile(r"(?<![\d:])(\d{1,2})\s*:\s*(\d{1,2}\s*:\s*\d{2}\s*:\s*\d{2})(?![\d:])")


def _split_glued_time(text: str) -> str:
    """`2021-02-18:08:10:41`: OCR read the space before the time as a colon; the first of
    four colon-separated groups belongs to the date."""
    return _GLUED.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)


def _weekday(upper: str) -> int | None:
    for name, number in _ENGLISH_DAYS.items():
        if re.search(rf"(?<![A-Z]){name}", upper):
            return number
    # Korean: one syllable in brackets, e.g. (화); without the brackets 월/일 are date units.
    found = re.search(r"[(\[]\s*([월화수목금토일])\s*[)\]]", upper)
    return _KOREAN_DAYS[found.group(1)] if found else None


DateFound = tuple[tuple[int, int, int] | None, bool | None, str, tuple[int, int]]


def _date(text: str, weekday: int | None, day_first: bool | None) -> DateFound:
    for pattern in _YMDS:
        ymd = pattern.search(text)
        if ymd:
            fields = [g for g in ymd.groups() if g not in ("-", "/", ".")]
            year, month, day = (int(g.replace(" ", "")) for g in fields)
            return (year, month, day), None, "", ymd.span()
    xyd = _XYD.search(text)
    if xyd is None:
        return None, None, "no date", (0, 0)
    first, second, year = (int(g) for g in xyd.groups())
    readings = {
        False: (year, first, second),  # month first, as US-style recorders write
        True: (year, second, first),
    }
    valid = {k: v for k, v in readings.items() if _real(*v)}
    if weekday is not None:
        valid = {k: v for k, v in valid.items() if datetime(*v).weekday() == weekday}
    span = xyd.span()
    if not valid:
        return None, None, "no valid date", span
    if len(valid) == 1:
        ((key, value),) = valid.items()
        return value, key, "", span
    if day_first is not None:
        return valid[day_first], day_first, "", span
    return valid[False], False, "day and month could be either way round: read month first", span


def _real(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True
