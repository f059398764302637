"""Column mappings for tool exports: which column of a CSV/XLSX holds which field.

A mapping is a small TOML file. Presets ship in resources/importers/mappings/ (each says where
its layout comes from); the ones a user saves from the mapping editor go to the data folder
(`<data dir>/mappings/NAME.toml`) and are found by name the same way. A path to a .toml file
works too.

    name = "my_export"            # letters, digits, _ and -
    title = "Our lab's SMS sheet"
    source = "where this layout comes from"
    kind = "message"              # message | call | contact (or kind_column below)
    kind_column = ""              # a column telling the kind row by row (values.kind)
    sheet = ""                    # XLSX: the sheet (default: the first)
    header_row = 1                # the row holding the column names (1 = first)
    encoding = "auto"             # auto (UTF-8, then CP949), utf-8, cp949 …
    delimiter = ""                # CSV: default sniffed (, ; tab |)
    time_format = ""              # strptime format; default: ISO and common forms
    time_zone = "Asia/Seoul"      # for times written without an offset

    [columns]                     # field = "column name"
    time = "Date"
    number = "Phone"

    [values.direction]            # what this export calls each meaning
    incoming = ["Incoming", "수신"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from blocking.errors import os_reason
from forensics_app import config
from forensics_app.errors import UserError
from forensics_app.messages import msg

KINDS = ("message", "call", "contact")
FIELDS = {
    "message": ("time", "number", "body", "direction", "status", "subject", "service",
                "conversation", "deleted", "id"),
    "call": ("time", "number", "name", "direction", "call_type", "duration", "app", "deleted",
             "id"),
    "contact": ("name", "number", "number2", "number3", "email", "organization", "notes",
                "deleted", "id"),
}  # fmt: skip
REQUIRED = {"message": ("number",), "call": ("number",), "contact": ("name",)}
_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,48}$")


class MappingError(UserError):
    """A mapping that cannot be used: unknown, malformed, or naming columns the file lacks."""


@dataclass
class Mapping:
    name: str
    title: str = ""
    title_ko: str = ""  # the title on Korean screens (shipped mappings carry both)
    source: str = ""
    kind: str = "message"
    kind_column: str = ""
    sheet: str = ""
    header_row: int = 1
    encoding: str = "auto"
    delimiter: str = ""
    time_format: str = ""
    time_zone: str = "Asia/Seoul"
    verified: bool = True
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    shipped: bool = False

    def shown_title(self, language: str) -> str:
        return self.title_ko if language == "ko" and self.title_ko else self.title

    def yields(self) -> tuple[str, ...]:
        if self.kind_column:
            return tuple(k for k in KINDS if k in self.values.get("kind", {})) or KINDS
        return (self.kind,)

    def fingerprint(self) -> str:
        return repr((self.kind, self.kind_column, self.sheet, self.header_row,
                     sorted(self.columns.items()), sorted(self.values.items()),
                     self.time_format, self.time_zone))  # fmt: skip

    def check_columns(self, present: list[str], shown: str) -> None:
        """Every mapped column must be in the file; the required fields must be mapped."""
        wanted = dict(self.columns)
        if self.kind_column:
            wanted["kind"] = self.kind_column
        missing = sorted({c for c in wanted.values() if c and c not in present})
        if missing:
            raise MappingError(
                "{file} has no column {missing} that the mapping {mapping} reads; its columns "
                "are: {columns}. Nothing was imported.",
                file=shown,
                missing=", ".join(repr(m) for m in missing),
                mapping=self.name,
                columns=", ".join(present[:40]) or "none",
            )

    def as_toml(self) -> str:
        def quote(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

        lines = [
            f"name = {quote(self.name)}",
            f"title = {quote(self.title)}",
            *([f"title_ko = {quote(self.title_ko)}"] if self.title_ko else []),
            f"source = {quote(self.source)}",
            f"kind = {quote(self.kind)}",
            f"kind_column = {quote(self.kind_column)}",
            f"sheet = {quote(self.sheet)}",
            f"header_row = {int(self.header_row)}",
            f"encoding = {quote(self.encoding)}",
            f"delimiter = {quote(self.delimiter)}",
            f"time_format = {quote(self.time_format)}",
            f"time_zone = {quote(self.time_zone)}",
            "",
            "[columns]",
            *(f"{name} = {quote(column)}" for name, column in self.columns.items() if column),
        ]
        for name, meanings in self.values.items():
            lines += ["", f"[values.{name}]"]
            lines += [
                f"{meaning} = [{', '.join(quote(s) for s in spellings)}]"
                for meaning, spellings in meanings.items()
            ]
        return "\n".join(lines) + "\n"


def _from_toml(raw: dict[str, Any], shown: str, *, shipped: bool) -> Mapping:
    try:
        mapping = Mapping(
            name=str(raw["name"]),
            title=str(raw.get("title", raw["name"])),
            title_ko=str(raw.get("title_ko", "")),
            source=str(raw.get("source", "")),
            kind=str(raw.get("kind", "message")),
            kind_column=str(raw.get("kind_column", "")),
            sheet=str(raw.get("sheet", "")),
            header_row=int(raw.get("header_row", 1)),
            encoding=str(raw.get("encoding", "auto")),
            delimiter=str(raw.get("delimiter", "")),
            time_format=str(raw.get("time_format", "")),
            time_zone=str(raw.get("time_zone", "Asia/Seoul")),
            verified=bool(raw.get("verified", True)),
            columns={str(k): str(v) for k, v in dict(raw.get("columns", {})).items()},
            values={
                str(f): {str(m): [str(s) for s in spellings] for m, spellings in dict(v).items()}
                for f, v in dict(raw.get("values", {})).items()
            },
            shipped=shipped,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise MappingError(
            "The mapping {mapping} is malformed ({reason}).", mapping=shown, reason=str(exc)
        ) from exc
    validate(mapping, shown)
    return mapping


def validate(mapping: Mapping, shown: str) -> None:
    if not _NAME.match(mapping.name):
        raise MappingError(
            "A mapping name is 1 to 48 letters, digits, '_' or '-': {name!r}.", name=mapping.name
        )
    if mapping.kind not in KINDS and not mapping.kind_column:
        raise MappingError(
            "The mapping {mapping} reads {kind!r}; it must be message, call or contact.",
            mapping=shown,
            kind=mapping.kind,
        )
    if mapping.header_row < 1:
        raise MappingError("The header row of {mapping} must be 1 or more.", mapping=shown)
    kinds = mapping.yields()
    known = {f for k in kinds for f in FIELDS.get(k, ())}
    unknown = sorted(set(mapping.columns) - known)
    if unknown:
        raise MappingError(
            "The mapping {mapping} maps unknown fields {fields}; known: {known}.",
            mapping=shown,
            fields=", ".join(unknown),
            known=", ".join(sorted(known)),
        )
    for kind in kinds:
        for needed in REQUIRED.get(kind, ()):
            if not mapping.columns.get(needed):
                raise MappingError(
                    "The mapping {mapping} must name the column for {field} ({kind} rows).",
                    mapping=shown,
                    field=needed,
                    kind=kind,
                )


def user_folder() -> Path:
    folder = config.data_dir() / "mappings"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shipped() -> dict[str, Mapping]:
    found: dict[str, Mapping] = {}
    folder = resources.files("forensics_app.resources").joinpath("importers", "mappings")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            mapping = _from_toml(raw, entry.name, shipped=True)
            found[mapping.name] = mapping
    return found


def all_mappings() -> list[Mapping]:
    """Shipped presets, then the user's (a user's mapping of the same name wins)."""
    found = _shipped()
    for path in sorted(user_folder().glob("*.toml")):
        try:
            mapping = _from_toml(tomllib.loads(path.read_text(encoding="utf-8")), path.name,
                                 shipped=False)  # fmt: skip
        except (MappingError, tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            continue  # one broken file of the user's must not stop every import
        found[mapping.name] = mapping
    return sorted(found.values(), key=lambda m: (not m.shipped, m.name))


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _file_reason(exc: Exception) -> Any:
    """Why a mapping file cannot be read, in the reader's language where it can be said (a
    bad byte; where the TOML goes wrong), else in the library's words."""
    if isinstance(exc, UnicodeDecodeError):
        return msg("not UTF-8 text")  # read as UTF-8 before: an internal error
    where = _TOML_WHERE.search(str(exc)) if isinstance(exc, tomllib.TOMLDecodeError) else None
    if where:
        return msg("not TOML: line {line}, column {column}", line=where[1], column=where[2])
    return os_reason(exc) if isinstance(exc, OSError) else str(exc)


def load_mapping(name_or_path: str) -> Mapping:
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise MappingError(
                "The mapping {mapping} is malformed ({reason}).", mapping=str(path),
                reason=_file_reason(exc),
            ) from exc  # fmt: skip
        return _from_toml(raw, str(path), shipped=False)
    for mapping in all_mappings():
        if mapping.name == name_or_path:
            return mapping
    raise MappingError(
        "No column mapping named {name!r}; known: {known}.",
        name=name_or_path,
        known=", ".join(m.name for m in all_mappings()),
    )


def save_mapping(mapping: Mapping) -> Path:
    """Save a user mapping (a preset's name cannot be taken: save it under another)."""
    validate(mapping, mapping.name)
    if mapping.name in _shipped():
        raise MappingError(
            "{name} is a shipped preset; save your mapping under another name.",
            name=mapping.name,
        )
    target = user_folder() / f"{mapping.name}.toml"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(mapping.as_toml(), encoding="utf-8")
    temporary.replace(target)
    return target
