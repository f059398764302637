"""Channel, stream and times read out of an export's file names, by the editable conventions
in resources/cctv/conventions.toml (plus the examiner's own file in the data folder).

The name itself is evidence and is stored verbatim elsewhere; this only reads it. A name that
fits a convention but carries an impossible date is reported, never repaired.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from blocking.errors import os_reason
from forensics_app.errors import UserError
from forensics_app.messages import Message, msg

USER_FILE = "cctv_conventions.toml"
_TOKENS = (
    ("YYYY", "year", 4),
    ("SSS", "ms", 3),
    ("MM", "month", 2),
    ("DD", "day", 2),
    ("hh", "hour", 2),
    ("mm", "minute", 2),
    ("ss", "second", 2),
)
_KINDS = {"R": "regular", "M": "motion", "A": "alarm"}


class ConventionError(UserError):
    """The conventions file is wrong: the examiner must fix it before importing."""


@dataclass(frozen=True)
class Layout:
    text: str
    regex: re.Pattern[str]

    @classmethod
    def compile(cls, text: str) -> Layout:
        pattern = ""
        rest = text
        while rest:
            for token, group, width in _TOKENS:
                if rest.startswith(token):
                    pattern += rf"(?P<{group}>\d{{{width}}})"
                    rest = rest[len(token) :]
                    break
            else:
                pattern += re.escape(rest[0])
                rest = rest[1:]
        return cls(text, re.compile(pattern))

    def fields(self, raw: str) -> dict[str, int] | None:
        match = self.regex.fullmatch(raw)
        return {k: int(v) for k, v in match.groupdict().items()} if match else None


@dataclass(frozen=True)
class Convention:
    name: str
    example: str
    regex: re.Pattern[str]
    on_path: bool
    start: Layout | None
    end: Layout | None
    date: Layout | None
    time: Layout | None
    wraps_midnight: bool


@dataclass(frozen=True)
class Conventions:
    patterns: tuple[Convention, ...]
    first_channel_byte: int = 0

    def channel_of_dhav_byte(self, value: int) -> int:
        return value - self.first_channel_byte + 1


@dataclass(frozen=True)
class NameReading:
    """What the name says. Times are the recorder's wall clock (naive: no zone)."""

    convention: str = ""  # the name of the convention that matched; "" for none
    channel: int | None = None
    stream: str = ""
    kind: str = ""  # regular | motion | alarm
    device: str = ""
    start: datetime | None = None
    end: datetime | None = None
    start_raw: str = ""
    end_raw: str = ""
    problems: tuple[Message, ...] = ()


def default_conventions_path() -> Path:
    try:
        return Path(str(importlib.resources.files("forensics_app.resources") / "cctv"))
    except ModuleNotFoundError:  # an editable install made before resources were mapped
        return Path(__file__).resolve().parents[2] / "resources" / "cctv"


@functools.cache
def load_conventions(user_file: Path | None = None) -> Conventions:
    """The shipped conventions, with the examiner's own (tried first) when `user_file` exists."""
    shipped = _read(default_conventions_path() / "conventions.toml")
    extra = _read(user_file) if user_file is not None and user_file.is_file() else {}
    patterns = [
        _convention(entry, source)
        for source, table in ((user_file, extra), (None, shipped))
        for entry in table.get("pattern", [])
    ]
    dhav = {**shipped.get("dhav", {}), **extra.get("dhav", {})}
    return Conventions(tuple(patterns), int(dhav.get("first_channel_byte", 0)))


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConventionError(
            "Cannot read the file-name conventions {path}: {reason}",
            path=path,
            reason=os_reason(exc),
        ) from exc


def _convention(entry: dict[str, Any], source: Path | None) -> Convention:
    file = str(source) if source else "conventions.toml"  # the examiner's, or the shipped one
    name = str(entry.get("name") or entry.get("regex") or "?")
    try:
        regex = re.compile(unicodedata.normalize("NFC", str(entry["regex"])), re.IGNORECASE)
    except (KeyError, re.error) as exc:
        raise ConventionError(
            "File-name convention {name!r} ({file}): bad regex: {exc}",
            name=name,
            file=file,
            exc=str(exc),
        ) from exc
    layouts = {
        key: Layout.compile(str(entry[f"{key}_layout"])) if f"{key}_layout" in entry else None
        for key in ("start", "end", "date", "time")
    }
    convention = Convention(
        name=name,
        example=str(entry.get("example", "")),
        regex=regex,
        on_path=entry.get("match", "name") == "path",
        start=layouts["start"],
        end=layouts["end"],
        date=layouts["date"],
        time=layouts["time"],
        wraps_midnight=bool(entry.get("wraps_midnight", False)),
    )
    groups = set(regex.groupindex)
    for group, layout in (("start", "start"), ("end", "end"), ("date", "date")):
        if group in groups and layouts[layout] is None:
            raise ConventionError(
                "File-name convention {name!r} ({file}) has a {group} group but no "
                "{layout}_layout.",
                name=name,
                file=file,
                group=group,
                layout=layout,
            )
    if not convention.example:
        raise ConventionError(
            "File-name convention {name!r} ({file}) needs an example name.", name=name, file=file
        )
    reading = read_name(convention.example, Conventions((convention,)))
    if reading.convention != name or reading.problems or reading.start is None:
        raise ConventionError(
            "File-name convention {name!r} ({file}) cannot read its own example {example!r}: "
            "{problems}",
            name=name,
            file=file,
            example=convention.example,
            problems=reading.problems[0] if reading.problems else msg("no match"),
        )
    return convention


def read_name(relative_path: str, conventions: Conventions) -> NameReading:
    """Read `relative_path` (a POSIX path inside the export, or just a name) by the first
    convention that matches it. Matched in composed form (NFC): an export copied from a Mac
    has decomposed Hangul names (NFD), which look the same and matched no convention written
    in Korean; the name itself is kept as it is."""
    relative_path = unicodedata.normalize("NFC", relative_path)
    name = PurePosixPath(relative_path).name
    for convention in conventions.patterns:
        subject = relative_path if convention.on_path else name
        match = convention.regex.search(subject)
        if match:
            return _reading(convention, match)
    return NameReading()


def _reading(convention: Convention, match: re.Match[str]) -> NameReading:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    problems: list[Message] = []
    start = end = None
    start_raw = end_raw = ""
    if "start" in groups and convention.start is not None:
        start_raw = groups["start"]
        start = _moment(convention.start, start_raw, "start", problems)
    if "end" in groups and convention.end is not None:
        end_raw = groups["end"]
        end = _moment(convention.end, end_raw, "end", problems)
    if "date" in groups and convention.date is not None and convention.time is not None:
        day = _moment(convention.date, groups["date"], "date", problems)
        if "start_time" in groups:
            start_raw = f"{groups['date']} {groups['start_time']}"
            start = _at(day, convention.time, groups["start_time"], "start", problems)
        if "end_time" in groups:
            end_raw = f"{groups['date']} {groups['end_time']}"
            end = _at(day, convention.time, groups["end_time"], "end", problems)
            if start is not None and end is not None and end < start and convention.wraps_midnight:
                end += timedelta(days=1)
    if start is not None and end is not None and end < start:
        problems.append(
            msg("the name's end {end} is before its start {start}", end=end_raw, start=start_raw)
        )
        end = None
    channel = int(groups["channel"]) if groups.get("channel", "").isdigit() else None
    return NameReading(
        convention=convention.name,
        channel=channel,
        stream=groups.get("stream", "").lower(),
        kind=_KINDS.get(groups.get("kind", "").upper(), ""),
        device=groups.get("device", ""),
        start=start,
        end=end,
        start_raw=start_raw,
        end_raw=end_raw,
        problems=tuple(problems),
    )


# The words the problems put in their sentences, in the reader's language when shown.
_WHAT = {"start": msg("start"), "end": msg("end"), "date": msg("date")}
_FIELDS = {
    "month": msg("month"),
    "day": msg("day"),
    "hour": msg("hour"),
    "minute": msg("minute"),
    "second": msg("second"),
}


def _moment(layout: Layout, raw: str, what: str, problems: list[Message]) -> datetime | None:
    fields = layout.fields(raw)
    if fields is None:
        problems.append(
            msg(
                "the name's {what} {raw} is not written as {layout}",
                what=_WHAT[what],
                raw=raw,
                layout=layout.text,
            )
        )
        return None
    return _build(fields, raw, what, problems)


def _at(
    day: datetime | None, layout: Layout, raw: str, what: str, problems: list[Message]
) -> datetime | None:
    fields = layout.fields(raw)
    if fields is None:
        problems.append(
            msg(
                "the name's {what} time {raw} is not written as {layout}",
                what=_WHAT[what],
                raw=raw,
                layout=layout.text,
            )
        )
        return None
    if day is None:
        return None
    return _build(
        {"year": day.year, "month": day.month, "day": day.day, **fields}, raw, what, problems
    )


def _build(fields: dict[str, int], raw: str, what: str, problems: list[Message]) -> datetime | None:
    checks = (
        ("month", 1, 12),
        ("day", 1, 31),
        ("hour", 0, 23),
        ("minute", 0, 59),
        ("second", 0, 59),
    )
    for name, low, high in checks:
        if name in fields and not low <= fields[name] <= high:
            problems.append(
                msg(
                    "the name's {what} {raw} has {field} {value}: not a real date",
                    what=_WHAT[what],
                    raw=raw,
                    field=_FIELDS[name],
                    value=fields[name],
                )
            )
            return None
    try:
        return datetime(
            fields.get("year", 1900),
            fields.get("month", 1),
            fields.get("day", 1),
            fields.get("hour", 0),
            fields.get("minute", 0),
            fields.get("second", 0),
            fields.get("ms", 0) * 1000,
        )
    except ValueError:
        problems.append(
            msg(
                "the name's {what} {raw} is not a real date (no such day in that month)",
                what=_WHAT[what],
                raw=raw,
            )
        )
        return None
