"""Exports of other tools as CSV or XLSX (Cellebrite, XRY, AXIOM, or any spreadsheet): rows
of decoded messages, calls or contacts, read through a column mapping.

A mapping (forensics_app.importers.containers.mappings) says which column holds which field
(time, number, body, direction…), how the values of a few columns read (what "Incoming" is
called in this export), which sheet and header row to use, and the encoding. It is chosen by
name (shipped presets, or ones the user saved) with --mapping / in the mapping editor; an
export without a mapping is refused with the list of its columns, so the user can map them.

Encodings: UTF-8, UTF-8 with BOM, CP949/EUC-KR (checked over the whole file before anything is
read: a file in none of them is refused). CSVs are read by pandas in chunks, XLSX by openpyxl
in read-only mode (formulas are kept as their text: `=HYPERLINK(…)` stays a string, it is
never evaluated nor turned into a link).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from blocking.responses import PROLOG_BYTES, declares_dtd
from forensics_app.importers.base import ParseContext, ParseReport
from forensics_app.importers.containers.archives import archive_reason, check_zip
from forensics_app.importers.containers.base import (
    ContainerError,
    ContainerInfo,
    ImportOptions,
    Limits,
    MemberSource,
)
from forensics_app.importers.containers.decoded import (
    DecodedCopy,
    SourceUnreadable,
    call,
    contact,
    message,
)
from forensics_app.importers.containers.mappings import Mapping, all_mappings, load_mapping
from forensics_app.importers.records import (
    CallService,
    CallType,
    ContactPoint,
    Direction,
    MessageService,
    MessageStatus,
    PointKind,
    Record,
)
from forensics_app.importers.registry import TOOL_EXPORT
from forensics_app.importers.timeconv import utc_in_range
from forensics_app.messages import Message, msg
from forensics_app.progress import ProgressReporter

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
ENCODINGS = ("utf-8-sig", "cp949")
CHUNK_ROWS = 20_000
_MESSAGE_STATUSES = {s.value for s in MessageStatus}
_CALL_TYPES = {c.value for c in CallType}
_OFFSET = re.compile(r"\s*\(?\s*(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?\s*$", re.I)
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y.%m.%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %p %I:%M:%S",
)


# An OLE2 compound file: how Excel stores a workbook it encrypts (and the old .xls format).
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_tool_export(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        with open(path, "rb") as handle:
            head = handle.read(8)
        # An encrypted workbook is an OLE2 file: taken here to be refused saying so
        # (_check_workbook), not as "not a SQLite database".
        return head[:4] == b"PK\x03\x04" or head == _OLE_MAGIC
    if suffix in CSV_SUFFIXES:
        with open(path, "rb") as handle:
            return not handle.read(16).startswith(b"SQLite format 3")
    return False


# ---- encodings ------------------------------------------------------------------------------
def detect_encoding(path: Path, wanted: str = "auto", shown: str = "") -> str:
    """The file's encoding: the mapping's, or the first of UTF-8 (with or without BOM) and
    CP949 that decodes the whole file. A file in neither is refused."""
    candidates = ENCODINGS if wanted in ("", "auto") else (wanted,)
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        except LookupError as exc:
            raise ContainerError(
                "Unknown encoding {encoding} in the mapping.", encoding=wanted
            ) from exc
        return encoding
    raise ContainerError(
        "{file} is neither UTF-8 nor CP949/EUC-KR text (tried {tried}); save it again as "
        "UTF-8, or name its encoding in the mapping. Nothing was imported.",
        file=shown or str(path),
        tried=", ".join(candidates),
    )


# ---- reading rows ----------------------------------------------------------------------------
def read_columns_and_rows(
    path: Path, mapping: Mapping | None, limit: int | None = None, shown: str = ""
) -> tuple[list[str], Iterator[list[str]]]:
    """The header and the rows (as text) of a CSV or of the mapping's sheet of an XLSX."""
    header_row = mapping.header_row if mapping else 1
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _xlsx_rows(path, mapping.sheet if mapping else "", header_row, limit, shown)
    return _csv_rows(path, mapping, header_row, limit, shown)


def _csv_rows(
    path: Path, mapping: Mapping | None, header_row: int, limit: int | None, shown: str
) -> tuple[list[str], Iterator[list[str]]]:
    import pandas as pd

    shown = shown or str(path)
    encoding = detect_encoding(path, mapping.encoding if mapping else "auto", shown)
    delimiter = (
        mapping.delimiter if mapping and mapping.delimiter else _sniff_delimiter(path, encoding)
    )
    try:
        reader = pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=encoding,
            header=None,
            skiprows=header_row - 1,
            chunksize=CHUNK_ROWS,
            nrows=None if limit is None else limit + 1,
            engine="c",
            quoting=csv.QUOTE_MINIMAL,
            skip_blank_lines=True,
        )
        first = next(reader, None)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ContainerError(
            "{file} cannot be read as CSV ({reason}). Nothing was imported.",
            file=shown,
            reason=str(exc).splitlines()[0][:200],
        ) from exc
    if first is None or first.empty:
        reader.close()
        return [], iter(())
    columns = [str(c).strip() for c in first.iloc[0].tolist()]
    if limit == 0:  # only the header was wanted: a generator never started would never close
        reader.close()
        return columns, iter(())

    def rows() -> Iterator[list[str]]:
        # The reader holds the file open: closed however the rows are left (a preview stops
        # after a few).
        try:
            for row in first.iloc[1:].itertuples(index=False, name=None):
                yield [str(v) for v in row]
            for chunk in reader:
                for row in chunk.itertuples(index=False, name=None):
                    yield [str(v) for v in row]
        except (ValueError, pd.errors.ParserError) as exc:
            problem = msg("the CSV breaks off: {error}", error=str(exc).splitlines()[0])
            raise SourceUnreadable(problem) from exc
        finally:
            reader.close()

    return columns, rows()


def _sniff_delimiter(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as handle:
        sample = handle.read(65536)
    if path.suffix.lower() == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def _check_workbook(path: Path, shown: str) -> None:
    """An XLSX is a zip of XML: the bomb limits of archives and no DTD in any XML part, before
    openpyxl reads it. openpyxl (with defusedxml) refused an entity too, but as 'ValueError';
    and a sheet inflating a thousandfold was read into memory whole."""
    import zipfile

    try:
        with open(path, "rb") as handle:
            if handle.read(8) == _OLE_MAGIC:
                raise ContainerError(
                    "{file} is a password-protected workbook (or an old .xls): open it in Excel "
                    "and save it as .xlsx without a password, then import that. Nothing was "
                    "imported.",
                    file=shown,
                )
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            check_zip(infos, shown, Limits(), path.stat().st_size)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and not info.flag_bits & 0x1:
                    with archive.open(info) as handle:
                        if declares_dtd(handle.read(PROLOG_BYTES)):
                            raise ContainerError(
                                "{file}: its part {part} declares a DTD or entities, which "
                                "workbooks never need; refused as a possible XML attack. "
                                "Nothing was imported.",
                                file=shown,
                                part=info.filename,
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
            ValueError) as exc:  # fmt: skip
        raise ContainerError(
            "{file} cannot be read as an Excel workbook ({reason}). Nothing was imported.",
            file=shown,
            reason=archive_reason(exc),
        ) from exc


def _xlsx_rows(
    path: Path, sheet: str, header_row: int, limit: int | None, shown: str
) -> tuple[list[str], Iterator[list[str]]]:
    from openpyxl import load_workbook

    shown = shown or str(path)
    _check_workbook(path, shown)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ContainerError(
            "{file} cannot be read as an Excel workbook ({reason}). Nothing was imported.",
            file=shown,
            reason=type(exc).__name__,
        ) from exc
    if sheet and sheet not in book.sheetnames:
        names = ", ".join(book.sheetnames)
        book.close()
        raise ContainerError(
            "{file} has no sheet {sheet!r}; its sheets are: {names}.",
            file=shown,
            sheet=sheet,
            names=names,
        )
    worksheet = book[sheet] if sheet else book.worksheets[0]
    stream = worksheet.iter_rows(min_row=header_row, values_only=True)
    header = next(stream, None)
    if header is None:
        book.close()
        return [], iter(())
    columns = [_cell(v).strip() for v in header]

    def rows() -> Iterator[list[str]]:
        try:
            for count, row in enumerate(stream):
                if limit is not None and count >= limit:
                    break
                values = [_cell(v) for v in row]
                if any(values):
                    yield values
        finally:
            book.close()

    return columns, rows()


def _cell(value: Any) -> str:
    """A cell as text: numbers as written, dates in ISO form, formulas as their text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- sources ------------------------------------------------------------------------------
def sources(
    path: Path, container: ContainerInfo, options: ImportOptions, workdir: Path
) -> list[MemberSource]:
    """The export as one source, read by the mapping the user chose. Without one, or with one
    whose columns the file lacks, a clear error lists what the file has."""
    if not options.mapping:
        columns, _ = read_columns_and_rows(path, None, limit=0)
        raise ContainerError(
            "{file} is a table exported by another tool: choose a column mapping (--mapping "
            "NAME; known: {known}). Its columns are: {columns}. Nothing was imported.",
            file=str(path),
            known=", ".join(m.name for m in all_mappings()),
            columns=", ".join(columns[:40]) or "none",
        )
    mapping = load_mapping(options.mapping)
    columns, _ = read_columns_and_rows(path, mapping, limit=0)
    mapping.check_columns(columns, str(path))
    container.info = {"mapping": mapping.name, "mapping_title": mapping.title}

    def opener() -> Any:
        return open(path, "rb")

    source = MemberSource(
        container, path.name, "/" + path.name, path.stat().st_size, opener,
        display_path=str(path),
    )  # fmt: skip
    source.decoder = ToolExportImporter(mapping, str(path))
    return [source]


def export_title(mapping_title: str) -> Message:
    """A tool export's parser, named by its mapping's title (in the reader's language: see
    registry.shown_title)."""
    return msg("Tool export ({mapping})", mapping=mapping_title)


class ToolExportImporter:
    """Rows of an export, through a mapping, into messages, calls and contacts. The parser name
    carries the mapping, so the same file read through another mapping is another import."""

    platform = TOOL_EXPORT

    def __init__(self, mapping: Mapping, shown: str = "") -> None:
        self.mapping = mapping
        self.shown = shown
        digest = hashlib.sha256(mapping.fingerprint().encode()).hexdigest()[:8]
        self.name = f"{TOOL_EXPORT}:{mapping.name}:{digest}"[:64]
        self.title = export_title(mapping.title).render(language="en")
        self.yields = mapping.yields()

    def open(self, path: Path, progress: ProgressReporter) -> DecodedCopy:
        # The working copy keeps the export's name, so CSV and XLSX are told apart by it.
        return DecodedCopy(path, progress)

    def parse(self, ctx: ParseContext) -> Iterator[Record]:
        db = ctx.db
        assert isinstance(db, DecodedCopy)
        shown = self.shown or db.path.name
        columns, rows = read_columns_and_rows(db.path, self.mapping, shown=shown)
        self.mapping.check_columns(columns, shown)
        index = {name: columns.index(name) for name in columns if name}
        reading = _Rows(self.mapping, index, ctx.report)
        ctx.report.version = f"mapping {self.mapping.name}"
        db.progress.begin(None, msg("reading the export"), "rows")
        for number, row in enumerate(rows, start=self.mapping.header_row + 1):
            record = reading.record(row, number)
            if record is not None:
                yield record
            if number % 5000 == 0:
                db.progress.advance(5000)


class _Rows:
    def __init__(self, mapping: Mapping, index: dict[str, int], report: ParseReport) -> None:
        self.mapping = mapping
        self.index = index
        self.report = report
        try:
            self.zone: Any = ZoneInfo(mapping.time_zone) if mapping.time_zone else UTC
        except (ZoneInfoNotFoundError, ValueError):
            self.zone = UTC
        self.table = f"export:{mapping.name}"[:64]

    def get(self, row: list[str], field: str) -> str:
        column = self.mapping.columns.get(field)
        if not column:
            return ""
        position = self.index.get(column)
        if position is None or position >= len(row):
            return ""
        return row[position].strip()

    def choice(self, row: list[str], field: str) -> str:
        """A value read through the mapping's vocabulary for the field ("" if none fits)."""
        raw = self.get(row, field).lower()
        if not raw:
            return ""
        for meaning, spellings in self.mapping.values.get(field, {}).items():
            if raw in (s.lower() for s in spellings):
                return meaning
        return raw

    def time(self, raw: str) -> datetime | None:
        if not raw:
            return None
        text = raw.strip()
        offset = _OFFSET.search(text)
        zone: Any = self.zone
        if offset:
            from datetime import timedelta, timezone

            sign = 1 if offset.group(1) == "+" else -1
            hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
            try:
                zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
            except ValueError:  # "(UTC+99)": no zone is a day or more from UTC
                self.report.skip("times that could not be read (raw value kept)")
                return None
            text = text[: offset.start()].strip()
        text = text.replace("오전", "AM").replace("오후", "PM")
        moment = None
        formats = (self.mapping.time_format,) if self.mapping.time_format else ()
        for form in (*formats, *_TIME_FORMATS):
            try:
                moment = datetime.strptime(text, form)
                break
            except ValueError:
                continue
        if moment is None:
            try:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                self.report.skip("times that could not be read (raw value kept)")
                return None
        if moment.tzinfo is None:
            if not offset:
                self.report.skip(
                    msg(
                        "times without an offset, read in {zone}",
                        zone=self.mapping.time_zone or "UTC",
                    )
                )
            moment = moment.replace(tzinfo=zone)
        found = utc_in_range(moment)
        if found is None:
            self.report.skip("times that could not be read (raw value kept)")
        return found

    def kind_of(self, row: list[str]) -> str:
        if not self.mapping.kind_column:
            return self.mapping.kind
        raw = self.get(row, "kind").lower()
        for kind, spellings in self.mapping.values.get("kind", {}).items():
            if raw in (s.lower() for s in spellings):
                return kind
        return ""

    def record(self, row: list[str], number: int) -> Record | None:
        kind = self.kind_of(row)
        if not kind:
            self.report.skip("rows of no kind the mapping knows (not read)")
            return None
        row_id = self.get(row, "id") or str(number)
        deleted = self.choice(row, "deleted") in ("yes", "true", "deleted", "1")
        note = f"export row {number}"
        if kind == "message":
            raw = self.get(row, "time")
            direction = self.choice(row, "direction")
            status = self.choice(row, "status")
            return message(
                self.table, row_id,
                sent_at=self.time(raw), sent_at_raw=raw,
                direction=direction if direction in ("incoming", "outgoing") else Direction.UNKNOWN,
                status=status if status in _MESSAGE_STATUSES else MessageStatus.UNKNOWN,
                is_read=None,
                service=self.choice(row, "service") or MessageService.OTHER,
                conversation_key=self.get(row, "conversation") or None,
                address=self.get(row, "number"),
                subject=self.get(row, "subject"),
                body=self.get(row, "body"),
                deleted=deleted, note=note,
            )  # fmt: skip
        if kind == "call":
            raw = self.get(row, "time")
            direction = self.choice(row, "direction")
            call_type = self.choice(row, "call_type") or direction
            from forensics_app.importers.containers.ufdr import parse_duration

            return call(
                self.table, row_id,
                started_at=self.time(raw), started_at_raw=raw,
                direction=direction if direction in ("incoming", "outgoing") else Direction.UNKNOWN,
                call_type=call_type if call_type in _CALL_TYPES else CallType.UNKNOWN,
                answered=None,
                duration_seconds=parse_duration(self.get(row, "duration")),
                service=CallService.PHONE if not self.get(row, "app") else CallService.APP,
                app=self.get(row, "app"),
                address=self.get(row, "number"),
                name=self.get(row, "name"),
                deleted=deleted, note=note,
            )  # fmt: skip
        points = []
        for field, point_kind in (
            ("number", PointKind.PHONE),
            ("number2", PointKind.PHONE),
            ("number3", PointKind.PHONE),
            ("email", PointKind.EMAIL),
        ):
            for value in re.split(r"[\n;]+", self.get(row, field)):
                if value.strip():
                    points.append(ContactPoint(point_kind, "", value.strip(), ""))
        return contact(
            self.table, row_id,
            display_name=self.get(row, "name"),
            organization=self.get(row, "organization"),
            points=tuple(points),
            notes=self.get(row, "notes"),
            deleted=deleted, note=note,
        )  # fmt: skip


def preview(
    path: Path, mapping: Mapping | None, rows: int = 20
) -> tuple[list[str], list[list[str]]]:
    """The columns and the first rows, for the mapping editor's live preview."""
    columns, found = read_columns_and_rows(path, mapping, limit=rows)
    taken = []
    for row in found:
        taken.append(row)
        if len(taken) >= rows:
            break
    return columns, taken
