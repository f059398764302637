"""Answers from the ministry or the carriers: a CSV or XLSX file, one row per number.

Columns (header names in English or Korean, any order, case and spacing ignored; other
columns are ignored, so a returned submission list with a result column added works):

    number      전화번호, 번호, 대상번호     required; any printed form
    result      결과, 처리결과, 조치결과      required; see RESULT_WORDS
    carrier     통신사, 사업자, 이동통신사
    reference   접수번호, 참조번호, 문서번호, 처리번호
    date        처리일, 처리일자, 일자, 조치일, 정지일   the day the answer took effect
    until       정지종료일, 종료일                      end of the suspension
    route       경로            route key, when a number has open requests on several routes
    request_id  요청번호        the request id, the most precise way to point at a request
    note        비고

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and CP949 / EUC-KR as written by
Korean office systems. A numeric spreadsheet cell has lost its leading zero
(1012345678): it is read with the zero restored.

Policy for a file with bad rows: the good rows are applied, all in one transaction, and
every bad row is reported with its row number and the reason (unknown number, no open
request, impossible step, malformed value) — nothing is guessed. Pass `all_or_nothing=True`
to apply nothing unless every row is good, or `dry_run=True` to only check. A file that
cannot be read, or lacks the number or result column, raises `ResponseFileError` and
applies nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import Connection, select

from blocking.actors import Actor
from blocking.db import Store, chunked
from blocking.errors import BlockingError, InvalidNumberError, ResponseFileError
from blocking.models import numbers_t, requests_t
from blocking.numbers import NormalizedNumber, normalize_number
from blocking.records import AppliedRow, ResponseImportReport, RowProblem
from blocking.requests import Answer, Change, LockedRequest, RequestQueue, apply_changes
from blocking.states import OPEN_STATES, RequestState, can_transition

S = RequestState

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("number", "phone", "phone number", "전화번호", "번호", "대상번호", "이용중지번호"),
    "result": ("result", "status", "결과", "처리결과", "조치결과"),
    "carrier": ("carrier", "통신사", "사업자", "이동통신사"),
    "reference": ("reference", "ref", "접수번호", "참조번호", "문서번호", "처리번호"),
    "date": ("date", "effective date", "처리일", "처리일자", "일자", "조치일", "정지일"),
    "until": ("until", "suspended until", "end date", "정지종료일", "종료일"),
    "route": ("route", "경로"),
    "request_id": ("request id", "request", "요청번호"),
    "note": ("note", "notes", "비고"),
}
REQUIRED_COLUMNS = ("number", "result")

RESULT_WORDS: dict[RequestState, tuple[str, ...]] = {
    S.SUSPENDED: ("suspended", "suspend", "정지", "이용정지", "이용중지", "중지", "차단"),
    S.REJECTED: ("rejected", "reject", "반려", "거부", "불가", "기각"),
    S.TERMINATED: ("terminated", "해지", "직권해지"),
    S.RESTORED: ("restored", "lifted", "해제", "정지해제", "이용재개", "복구"),
}


def _key(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "", unicodedata.normalize("NFKC", text).strip().lower())


_ALIAS_LOOKUP = {
    _key(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in aliases
}
_RESULT_LOOKUP = {_key(word): state for state, words in RESULT_WORDS.items() for word in words}
_DATE = re.compile(r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?\.?(?:\s.*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True)
class _RawRow:
    row: int
    values: dict[str, Any]


@dataclass(frozen=True)
class _ParsedRow:
    row: int
    shown: str
    number: NormalizedNumber
    target: RequestState
    result_text: str
    carrier: str
    reference: str
    effective_on: date | None
    until: date | None
    route: str
    request_id: int | None
    note: str


class ResponseImporter:
    def __init__(self, store: Store, queue: RequestQueue) -> None:
        self._store = store
        self._queue = queue

    def import_file(
        self,
        actor: Actor,
        path: str | Path,
        *,
        dry_run: bool = False,
        all_or_nothing: bool = False,
    ) -> ResponseImportReport:
        """Read and apply one response file; see the module docstring for the rules."""
        path = Path(path)
        encoding, raw_rows = read_response_file(path)
        problems: list[RowProblem] = []
        parsed: list[_ParsedRow] = []
        for raw in raw_rows:
            try:
                parsed.append(_parse_row(raw))
            except _RowError as exc:
                problems.append(RowProblem(raw.row, _cell_text(raw.values.get("number")), str(exc)))
        applied: list[AppliedRow] = []
        now = self._store.now()
        # A dry run only reads: it need not queue behind (or hold up) writers.
        with self._store.read() if dry_run else self._store.write() as conn:
            changes, applied = self._plan(conn, actor, path, parsed, problems, now)
            apply_now = not dry_run and not (all_or_nothing and problems)
            if apply_now:
                apply_changes(conn, actor, changes, now)
        problems.sort(key=lambda p: p.row)
        return ResponseImportReport(
            file=path,
            encoding=encoding,
            rows=len(raw_rows),
            applied=applied if apply_now else [],
            problems=problems,
            committed=apply_now,
        )

    def _plan(
        self,
        conn: Connection,
        actor: Actor,
        path: Path,
        rows: list[_ParsedRow],
        problems: list[RowProblem],
        now: datetime,
    ) -> tuple[list[Change], list[AppliedRow]]:
        n, r = numbers_t.c, requests_t.c
        number_ids: dict[str, int] = {}
        for chunk in chunked(sorted({row.number.e164 for row in rows})):
            number_ids.update(conn.execute(select(n.e164, n.id).where(n.e164.in_(chunk))).all())
        open_requests: dict[int, list[LockedRequest]] = defaultdict(list)
        for id_chunk in chunked(sorted(set(number_ids.values()))):
            query = select(
                r.id,
                r.number_id,
                r.route,
                r.state,
                r.drafted_by_id,
                r.suspended_from,
                r.suspended_until,
                r.carrier,
                r.response_reference,
            ).where(r.number_id.in_(id_chunk), r.state.in_(sorted(OPEN_STATES)))
            if self._store.is_postgresql:
                query = query.order_by(r.id).with_for_update()
            for found in conn.execute(query):
                open_requests[found.number_id].append(
                    LockedRequest(
                        id=found.id,
                        number_id=found.number_id,
                        route=found.route,
                        state=RequestState(found.state),
                        drafted_by_id=found.drafted_by_id,
                        suspended_from=found.suspended_from,
                        suspended_until=found.suspended_until,
                        carrier=found.carrier,
                        response_reference=found.response_reference,
                    )
                )
        changes: list[Change] = []
        applied: list[AppliedRow] = []
        for row in rows:
            number_id = number_ids.get(row.number.e164)
            if number_id is None:
                problems.append(
                    RowProblem(row.row, row.shown, f"{row.number.national} is not in the registry.")
                )
                continue
            try:
                request = _pick_request(row, open_requests[number_id])
                note = f"response file {path.name}, row {row.row}: {row.result_text}"
                if row.note:
                    note += f" — {row.note}"
                answer = Answer(
                    carrier=row.carrier,
                    reference=row.reference,
                    effective_on=row.effective_on,
                    suspended_until=row.until,
                )
                planned = self._queue.plan(
                    actor, request, row.target, now, note=note, answer=answer
                )
            except BlockingError as exc:
                problems.append(RowProblem(row.row, row.shown, str(exc)))
                continue
            # Later rows of the same file see this row's outcome.
            updated = replace(request, state=planned[-1].to_state)
            siblings = open_requests[number_id]
            siblings[siblings.index(request)] = updated
            changes.extend(planned)
            applied.append(
                AppliedRow(row.row, request.id, row.number.e164, request.state, row.target)
            )
        return changes, applied


# ---- choosing the request a row is about ------------------------------------------------------


def _pick_request(row: _ParsedRow, candidates: list[LockedRequest]) -> LockedRequest:
    shown = row.number.national
    if row.request_id is not None:
        candidates = [c for c in candidates if c.id == row.request_id]
        if not candidates:
            raise BlockingError(
                "Request {request_id} is not an open request for {shown}.",
                request_id=row.request_id,
                shown=shown,
            )
    if row.route:
        candidates = [c for c in candidates if c.route == row.route]
    if not candidates:
        where = f" on route {row.route}" if row.route else ""
        raise BlockingError(
            "{shown} has no open request{where} (it may already be closed).",
            shown=shown,
            where=where,
        )
    able = [c for c in candidates if can_transition(c.state, row.target)]
    if not able:
        states = ", ".join(f"request {c.id} is {c.state.value}" for c in candidates)
        raise BlockingError(
            "Impossible step for {shown}: {states}; it cannot become {value}.",
            shown=shown,
            states=states,
            value=row.target.value,
        )
    if len(able) > 1:
        ids = ", ".join(f"{c.id} ({c.route})" for c in able)
        raise BlockingError(
            "{shown} has several requests this answer could be for ({ids}); add a route or "
            "request_id column.",
            shown=shown,
            ids=ids,
        )
    return able[0]


# ---- reading the file -------------------------------------------------------------------------


class _RowError(BlockingError):
    """One row's problem (template and values, like every library error)."""


def read_response_file(path: Path) -> tuple[str, list[_RawRow]]:
    """(encoding or "xlsx", rows keyed by field name). Raises `ResponseFileError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ResponseFileError("{path} does not exist.", path=path) from None
    except OSError as exc:
        raise ResponseFileError(
            "Cannot read {path}: {reason}", path=path, reason=exc.strerror or exc
        ) from exc
    if not data.strip():
        raise ResponseFileError("{name} is empty.", name=path.name)
    if data.startswith(b"PK\x03\x04"):
        return "xlsx", _rows_from_table(path, _xlsx_table(path, data))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ResponseFileError(
            "{name} is an old Excel .xls file; save it as .xlsx or CSV and import that.",
            name=path.name,
        )
    encoding, text = decode_text(data, path.name)
    return encoding, _rows_from_table(path, _csv_table(text))


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Detect the encodings Korean systems write. EUC-KR is reported when the text fits it,
    CP949 (its superset, Windows' "ANSI" for Korean) otherwise."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return encoding, data.decode(encoding)
            except UnicodeDecodeError:
                raise ResponseFileError(
                    "{name} starts like {encoding} text but is not valid {encoding}.",
                    name=name,
                    encoding=encoding,
                ) from None
    for encoding in ("utf-8", "euc-kr", "cp949"):
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ResponseFileError(
        "{name} is not text in UTF-8 or CP949/EUC-KR; save it as UTF-8 CSV or as XLSX.", name=name
    )


def _csv_table(text: str) -> Iterator[tuple[int, list[Any]]]:
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    yield from enumerate(reader, start=1)


def _xlsx_table(path: Path, data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ResponseFileError(
            "{name} is not a readable XLSX workbook: {exc}", name=path.name, exc=exc
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for index, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield index, list(cells)
    finally:
        workbook.close()


def _rows_from_table(path: Path, table: Iterator[tuple[int, list[Any]]]) -> list[_RawRow]:
    columns: dict[int, str] | None = None
    rows: list[_RawRow] = []
    for index, cells in table:
        if all(_cell_text(c) == "" for c in cells):
            continue
        if columns is None:
            columns = _map_header(path, cells)
            continue
        values = {field: cells[i] for i, field in columns.items() if i < len(cells)}
        rows.append(_RawRow(index, values))
    if columns is None:
        raise ResponseFileError("{name} has no header row.", name=path.name)
    return rows


def _map_header(path: Path, cells: list[Any]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, cell in enumerate(cells):
        header = _cell_text(cell)
        # Bilingual headers such as "전화번호 / Number" (the submission lists use them).
        field = next(
            (
                _ALIAS_LOOKUP[_key(part)]
                for part in header.split("/")
                if _key(part) in _ALIAS_LOOKUP
            ),
            None,
        )
        if field is None:
            continue
        if field in columns.values():
            raise ResponseFileError(
                "{name}: two columns mean {field!r} (the second is {header!r}); keep one.",
                name=path.name,
                field=field,
                header=header,
            )
        columns[index] = field
    missing = [f for f in REQUIRED_COLUMNS if f not in columns.values()]
    if missing:
        found = ", ".join(repr(_cell_text(c)) for c in cells if _cell_text(c)) or "none"
        expected = "; ".join(f"{f}: {' / '.join(COLUMN_ALIASES[f])}" for f in missing)
        raise ResponseFileError(
            "{name} lacks the column(s) {columns} (headers found: {found}). "
            "Expected headers — {expected}. Nothing was applied.",
            name=path.name,
            columns=", ".join(missing),
            found=found,
            expected=expected,
        )
    return columns


# ---- one row ----------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _parse_row(raw: _RawRow) -> _ParsedRow:
    values = raw.values
    number_cell = values.get("number")
    shown = _cell_text(number_cell)
    if not shown:
        raise _RowError("No number in this row.")
    number = _parse_number(number_cell, shown)
    result_text = _cell_text(values.get("result"))
    target = _RESULT_LOOKUP.get(_key(result_text))
    if target is None:
        known = "; ".join(f"{s.value}: {', '.join(w)}" for s, w in RESULT_WORDS.items())
        raise _RowError(
            "Unknown result {result_text!r}; use one of — {known}.",
            result_text=result_text,
            known=known,
        )
    request_text = _cell_text(values.get("request_id"))
    if request_text and not request_text.isdigit():
        raise _RowError(
            "request_id {request_text!r} is not a request number.", request_text=request_text
        )
    return _ParsedRow(
        row=raw.row,
        shown=shown,
        number=number,
        target=target,
        result_text=result_text,
        carrier=_cell_text(values.get("carrier")),
        reference=_cell_text(values.get("reference")),
        effective_on=_parse_date(values.get("date"), "date"),
        until=_parse_date(values.get("until"), "until"),
        route=_cell_text(values.get("route")),
        request_id=int(request_text) if request_text else None,
        note=_cell_text(values.get("note")),
    )


def _parse_number(cell: Any, shown: str) -> NormalizedNumber:
    try:
        return normalize_number(shown)
    except InvalidNumberError as exc:
        numeric = isinstance(cell, int | float) and not isinstance(cell, bool)
        if numeric and not shown.startswith("0"):
            # A spreadsheet stored 01012345678 as the number 1012345678.
            try:
                return normalize_number("0" + shown)
            except InvalidNumberError:
                pass
        raise _RowError(str(exc)) from exc


def _parse_date(cell: Any, name: str) -> date | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _cell_text(cell)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise _RowError("{name} {text!r} is not a date (write 2024-05-31).", name=name, text=text)
