"""Table models of the block-request screens, as column specs over the generic models.

The request queue and the number registry can hold 100,000 rows: they hold only the row ids
(`requests.ids`, `registry.ids`) and read records a page at a time when rows are painted. The
other tables (history, evidence, sightings, watch lists, counts, import problems) are small lists
read at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QImage, QPixmap

from blocking import AdCategory, Blocking, NumberFilter, NumberType, RequestFilter, RequestState
from blocking.records import (
    AppliedRow,
    Deadline,
    EvidenceItem,
    HistoryEntry,
    NumberRecord,
    OverdueRequest,
    RequestRecord,
    RowProblem,
    SightingRecord,
    WatchFlag,
    WeekCount,
)
from forensics_app.errors import UserError
from forensics_app.ui.blocking_labels import (
    MUTED,
    OVERDUE_RED,
    age_days,
    category_label,
    deadline_text,
    legal_basis_label,
    role_label,
    route_label,
    short_route_label,
    short_type_label,
    source_label,
    state_background,
    state_label,
    state_text_colour,
    type_label,
)
from forensics_app.ui.blocking_thumbnails import MISSING, OK, ThumbnailLoader
from forensics_app.ui.paged_rows import CACHE_LIMIT, PAGE_SIZE
from forensics_app.ui.widgets.columns import (
    CENTRE,
    RIGHT,
    Column,
    IdRole,
    LazyTableModel,
    ModelIndex,
    RecordRole,
    RecordTableModel,
)
from forensics_app.ui.widgets.formatting import (
    QT_TRANSLATE_NOOP,
    count_text,
    date_text,
    national_of,
    time_text,
    utc_time_text,
)
from forensics_app.ui.widgets.ops import refusals

log = logging.getLogger(__name__)

__all__ = ["CACHE_LIMIT", "PAGE_SIZE", "IdRole", "RecordRole"]


def _id(value: int) -> str:
    return str(value)


# ---- the request queue --------------------------------------------------------------------
_RQ = "RequestTableModel"


class RequestTableModel(LazyTableModel[RequestRecord]):
    """Lazy table of the requests matching a RequestFilter, newest first. Only the id order
    turns round (in memory); other columns would need every row read."""

    def __init__(self, blk: Blocking, parent: QObject | None = None) -> None:
        self._blk = blk
        self._now = blk.store.now()
        config = blk.config
        columns: tuple[Column[RequestRecord], ...] = (
            Column(
                "id",
                QT_TRANSLATE_NOOP("RequestTableModel", "ID"),
                lambda r: _id(r.id),
                70,
                align=RIGHT,
                sort_key="id",
                export=lambda r: r.id,
            ),
            Column(
                "number",
                QT_TRANSLATE_NOOP("RequestTableModel", "Number"),
                lambda r: r.national,
                120,  # "0505-1234-5678", the longest printed form, with room to spare
                tip=lambda r: r.e164,
            ),
            Column(
                "type",
                QT_TRANSLATE_NOOP("RequestTableModel", "Type"),
                lambda r: short_type_label(r.number_type),
                110,
                words=lambda: [short_type_label(number_type) for number_type in NumberType],
                tip=lambda r: type_label(r.number_type),
            ),
            Column(
                "route",
                QT_TRANSLATE_NOOP("RequestTableModel", "Route"),
                lambda r: short_route_label(config, r.route),
                150,
                words=lambda: [short_route_label(config, key) for key in config.routes],
                tip=lambda r: (
                    f"{route_label(config, r.route)}\n"
                    f"{legal_basis_label(config, r.route, r.legal_basis)}"
                ),
            ),
            Column(
                "category",
                QT_TRANSLATE_NOOP("RequestTableModel", "Category"),
                lambda r: category_label(r.category),
                110,
                words=lambda: [category_label(category) for category in AdCategory],
            ),
            Column(
                "state",
                QT_TRANSLATE_NOOP("RequestTableModel", "State"),
                lambda r: state_label(r.state),
                140,
                words=lambda: [state_label(state) for state in RequestState],
                foreground=lambda r: state_text_colour(r.state),
                background=lambda r: state_background(r.state),
                bold=lambda _r: True,
                tip=lambda r: QCoreApplication.translate("RequestTableModel", "Since %1").replace(
                    "%1", time_text(r.state_changed_at)
                ),
            ),
            Column(
                "created",
                QT_TRANSLATE_NOOP("RequestTableModel", "Created"),
                lambda r: time_text(r.created_at),
                150,
                words=_time_words,
                tip=lambda r: utc_time_text(r.created_at),
            ),
            Column(
                "age",
                # Short: "Age (days)" made the queue scroll sideways at 1360 px in English.
                QT_TRANSLATE_NOOP("RequestTableModel", "Days"),
                lambda r: str(age_days(r.created_at, self._now)),
                75,
                align=RIGHT,
            ),
            Column(
                "officer",
                QT_TRANSLATE_NOOP("RequestTableModel", "Officer"),
                lambda r: r.officer,
                120,  # at least: it takes the width the others leave (SpareWidth)
            ),
            Column(
                "carrier",
                QT_TRANSLATE_NOOP("RequestTableModel", "Carrier"),
                lambda r: r.carrier,
                90,
            ),
            Column(
                "overdue",
                QT_TRANSLATE_NOOP("RequestTableModel", "Overdue"),
                lambda r: (
                    QCoreApplication.translate("RequestTableModel", "OVERDUE")
                    if self.overdue(r) is not None
                    else ""
                ),
                90,
                align=CENTRE,
                foreground=lambda r: OVERDUE_RED if self.overdue(r) is not None else None,
                bold=lambda r: self.overdue(r) is not None,
                tip=self._overdue_tip,
            ),
        )
        super().__init__(_RQ, columns, self._fetch, parent, PAGE_SIZE, CACHE_LIMIT)
        self._filter: RequestFilter | None = None
        self._deadlines: dict[int, Deadline | None] = {}
        self.total = 0  # every request, filtered or not
        self.sorter = self._sorted
        self.sort_state = ("id", True)
        self.loading_column = 1  # the number: the id's column is too narrow for the words

    @property
    def request_filter(self) -> RequestFilter | None:
        return self._filter

    def read_rows(self, request_filter: RequestFilter) -> RequestRows:
        """The ids matching `request_filter` (the filter runs in SQL) and the count of every
        request. Reads only through the library: off the GUI thread."""
        with refusals():
            requests = self._blk.requests
            ids = requests.ids(request_filter)
            total = len(ids) if request_filter == RequestFilter() else requests.count()
            return RequestRows(request_filter, ids, total, self._blk.store.now())

    def show_rows(self, rows: RequestRows | None) -> None:
        """Show rows read by `read_rows` (None: none); records load when shown."""
        self._filter = rows.request_filter if rows is not None else None
        self.total = rows.total if rows is not None else 0
        if rows is not None:
            self._now = rows.now
        self._deadlines.clear()
        ids = rows.ids if rows is not None else []
        self.set_ids(ids[::-1] if self.sort_state == ("id", False) else ids)

    def set_filter(self, request_filter: RequestFilter | None) -> None:
        """Read and show the rows of `request_filter` at once (the screen reads them off the
        GUI thread with `read_rows` and `show_rows`)."""
        try:
            self.show_rows(self.read_rows(request_filter) if request_filter is not None else None)
        except UserError:
            self.show_rows(None)
            raise

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def _sorted(self, _key: str, descending: bool) -> list[int]:
        ids = sorted(self.ids, reverse=descending)
        return ids

    def _fetch(self, ids: list[int]) -> dict[int, RequestRecord]:
        with refusals():
            return {r.id: r for r in self._blk.requests.get_many(ids)}

    def request_id(self, row: int) -> int | None:
        return self.record_id(row)

    def overdue(self, record: RequestRecord) -> Deadline | None:
        """The deadline `record` has missed, if any: the rule of the request screen's Deadline
        row (`Deadline.missed`), from the record and the time its rows were read."""
        if record.id not in self._deadlines:
            deadline = self._blk.watch.deadline(record, self._now)
            self._deadlines[record.id] = deadline if deadline and deadline.missed else None
        return self._deadlines[record.id]

    def _overdue_tip(self, record: RequestRecord) -> str | None:
        deadline = self.overdue(record)
        if deadline is None:
            return None
        return QCoreApplication.translate("RequestTableModel", "Overdue: %1").replace(
            "%1", deadline_text(deadline, record.state_changed_at)
        )


@dataclass(frozen=True)
class RequestRows:
    """The rows of the queue for a filter, read off the GUI thread (`read_rows`)."""

    request_filter: RequestFilter
    ids: list[int]
    total: int
    now: datetime


REQUEST_COLUMN_KEYS = (
    "id", "number", "type", "route", "category", "state", "created", "age", "officer",
    "carrier", "overdue",
)  # fmt: skip
REQUEST_COLUMN = {key: number for number, key in enumerate(REQUEST_COLUMN_KEYS)}


# ---- the number registry ------------------------------------------------------------------
def _time_words() -> list[str]:
    """A time as wide as any, in the reader's zone: a time column fits its zone (the watch
    list cut "2026-05-13 00:00 K…")."""
    return [time_text(datetime(2000, 12, 28, 20, 58, tzinfo=UTC))]


def _type_labels() -> list[str]:
    return [type_label(number_type) for number_type in NumberType]


_NM = "NumberRegistryModel"
NUMBER_COLUMNS: tuple[Column[NumberRecord], ...] = (
    Column(
        "national", QT_TRANSLATE_NOOP("NumberRegistryModel", "Number"), lambda r: r.national, 140
    ),
    Column("e164", QT_TRANSLATE_NOOP("NumberRegistryModel", "E.164"), lambda r: r.e164, 140),
    Column(
        "type",
        QT_TRANSLATE_NOOP("NumberRegistryModel", "Type"),
        lambda r: type_label(r.number_type),
        150,
        words=_type_labels,
    ),
    Column(
        "sightings",
        QT_TRANSLATE_NOOP("NumberRegistryModel", "Sightings"),
        lambda r: count_text(r.sightings_count),
        80,
        align=RIGHT,
        export=lambda r: r.sightings_count,
    ),
    Column(
        "first_seen",
        QT_TRANSLATE_NOOP("NumberRegistryModel", "First seen"),
        lambda r: time_text(r.first_seen),
        150,
        words=_time_words,
        tip=lambda r: utc_time_text(r.first_seen) or None,
    ),
    Column(
        "last_seen",
        QT_TRANSLATE_NOOP("NumberRegistryModel", "Last seen"),
        lambda r: time_text(r.last_seen),
        150,
        words=_time_words,
        tip=lambda r: utc_time_text(r.last_seen) or None,
    ),
)


class NumberTableModel(LazyTableModel[NumberRecord]):
    """Lazy table of the numbers matching a NumberFilter, most recently seen first: the ids
    are one query (`registry.ids`), rows are read by id a page at a time, like the queue."""

    def __init__(self, blk: Blocking, parent: QObject | None = None) -> None:
        super().__init__(_NM, NUMBER_COLUMNS, self._fetch, parent, PAGE_SIZE, CACHE_LIMIT)
        self._blk = blk
        self._filter: NumberFilter | None = None
        self.total = 0  # every number, filtered or not

    @property
    def number_filter(self) -> NumberFilter | None:
        return self._filter

    def read_rows(self, number_filter: NumberFilter) -> NumberRows:
        """The ids matching `number_filter` and the count of every number. Reads only
        through the library: off the GUI thread."""
        with refusals():
            registry = self._blk.registry
            ids = registry.ids(number_filter)
            total = len(ids) if number_filter == NumberFilter() else registry.count()
            return NumberRows(number_filter, ids, total)

    def show_rows(self, rows: NumberRows | None) -> None:
        """Show rows read by `read_rows` (None: none); records load when shown."""
        self._filter = rows.number_filter if rows is not None else None
        self.total = rows.total if rows is not None else 0
        self.set_ids(rows.ids if rows is not None else [])

    def set_filter(self, number_filter: NumberFilter | None) -> None:
        """Read and show the rows of `number_filter` at once (the screen reads them off the
        GUI thread with `read_rows` and `show_rows`)."""
        try:
            self.show_rows(self.read_rows(number_filter) if number_filter is not None else None)
        except UserError:
            self.show_rows(None)
            raise

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def _fetch(self, ids: list[int]) -> dict[int, NumberRecord]:
        with refusals():
            return {r.id: r for r in self._blk.registry.get_many(ids)}


@dataclass(frozen=True)
class NumberRows:
    """The rows of the number registry for a filter, read off the GUI thread."""

    number_filter: NumberFilter
    ids: list[int]
    total: int


# ---- small lists read at once ---------------------------------------------------------------
def col(
    title: str,
    text: Callable[[Any], str],
    numeric: bool = False,
    **more: Any,
) -> Column[Any]:
    """A column of a small list, keyed by its title."""
    return Column(title, title, text, align=RIGHT if numeric else None, **more)


# Notes the library writes itself (everything else in a note is what a person typed).
_LIBRARY_NOTES = {
    "drafted": QT_TRANSLATE_NOOP("HistoryModel", "drafted"),
    "suspension period ended": QT_TRANSLATE_NOOP("HistoryModel", "suspension period ended"),
}


def history_note(note: str) -> str:
    source = _LIBRARY_NOTES.get(note)
    return QCoreApplication.translate("HistoryModel", source) if source else note


def _state_or_none(state: RequestState | None) -> str:
    if state is None:
        return QCoreApplication.translate("HistoryModel", "(created)")
    return state_label(state)


class HistoryModel(RecordTableModel[HistoryEntry]):
    """A request's history, oldest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("HistoryModel", "When"),
                    lambda h: time_text(h.at),
                    words=_time_words,
                    width=150,
                    tip=lambda h: utc_time_text(h.at, seconds=True),
                ),
                col(QT_TRANSLATE_NOOP("HistoryModel", "Who"), lambda h: h.actor_name, width=150),
                col(
                    QT_TRANSLATE_NOOP("HistoryModel", "Role"),
                    lambda h: role_label(h.actor_role),
                ),
                col(
                    QT_TRANSLATE_NOOP("HistoryModel", "From"),
                    lambda h: _state_or_none(h.from_state),
                    width=130,
                ),
                col(
                    QT_TRANSLATE_NOOP("HistoryModel", "To"),
                    lambda h: state_label(h.to_state),
                    width=130,
                    foreground=lambda h: state_text_colour(h.to_state),
                ),
                col(
                    QT_TRANSLATE_NOOP("HistoryModel", "Note"),
                    lambda h: history_note(h.note).replace("\n", " "),
                    width=260,
                    tip=lambda h: history_note(h.note) or None,
                ),
                col(
                    QT_TRANSLATE_NOOP("HistoryModel", "Package SHA-256"),
                    lambda h: h.package_sha256 or "",
                    width=200,
                    mono=True,
                ),
            ),
            parent,
        )

    def entry(self, row: int) -> HistoryEntry | None:
        return self.record(row)


def _photo_text(item: EvidenceItem) -> str:
    if item.photo_name:
        return item.photo_name
    return f"{source_label(item.source_kind)} {item.source_id}".strip()


class EvidenceModel(RecordTableModel[EvidenceItem]):
    """The evidence of one request, with thumbnails decoded in the background."""

    SHA_COLUMN = 1

    def __init__(self, loader: ThumbnailLoader, parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("EvidenceModel", "Photo / source"),
                    _photo_text,
                    width=240,
                ),
                col(
                    QT_TRANSLATE_NOOP("EvidenceModel", "SHA-256"),
                    lambda e: e.photo_sha256 or "",
                    width=190,
                    mono=True,
                    tip=lambda e: e.photo_sha256 or None,
                ),
                col(
                    QT_TRANSLATE_NOOP("EvidenceModel", "Seen"),
                    lambda e: time_text(e.seen_at),
                    words=_time_words,
                    width=150,
                ),
                col(QT_TRANSLATE_NOOP("EvidenceModel", "Place"), lambda e: e.place, width=140),
                col(QT_TRANSLATE_NOOP("EvidenceModel", "Case"), lambda e: e.case_number),
                col(QT_TRANSLATE_NOOP("EvidenceModel", "Collector"), lambda e: e.collector),
            ),
            parent,
        )
        self._loader = loader
        self._pixmaps: dict[str, QPixmap] = {}
        self._status: dict[str, str] = {}
        loader.ready.connect(self._thumbnail_ready)

    def set_records(self, records: Sequence[EvidenceItem]) -> None:
        self._loader.forget_pending()
        self._pixmaps.clear()
        self._status.clear()
        super().set_records(records)
        for item in self._records:
            path = item.photo_path
            if not path:
                continue
            cached = self._loader.cached(path)
            if cached is not None:
                self._store(path, *cached)
            else:
                self._loader.request(path)

    def item(self, row: int) -> EvidenceItem | None:
        return self.record(row)

    def thumbnail_status(self, row: int) -> str | None:
        """OK, MISSING, UNREADABLE, or None while loading (or without a photo)."""
        item = self.item(row)
        return self._status.get(item.photo_path) if item and item.photo_path else None

    def has_thumbnail(self, row: int) -> bool:
        item = self.item(row)
        return bool(item and item.photo_path and item.photo_path in self._pixmaps)

    def _store(self, path: str, image: QImage, status: str) -> None:
        self._status[path] = status
        if status == OK and not image.isNull():
            self._pixmaps[path] = QPixmap.fromImage(image)

    def _thumbnail_ready(self, path: str, image: QImage, status: str) -> None:
        rows = [r for r, item in enumerate(self._records) if item.photo_path == path]
        if not rows:
            return  # another request is shown by now
        self._store(path, image, status)
        for row in rows:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [])

    def extra_data(self, index: ModelIndex, record: EvidenceItem | None, role: int) -> Any:
        if record is None or index.column() != 0 or not record.photo_path:
            return None
        status = self._status.get(record.photo_path)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(record.photo_path)
        if role == Qt.ItemDataRole.ForegroundRole and status not in (None, OK):
            return QBrush(OVERDUE_RED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if status == MISSING:
                return QCoreApplication.translate("EvidenceModel", "Photo not found at %1").replace(
                    "%1", record.photo_path
                )
            if status not in (None, OK):
                return QCoreApplication.translate(
                    "EvidenceModel", "Photo cannot be read: %1"
                ).replace("%1", record.photo_path)
            return record.photo_path
        return None


class SightingModel(RecordTableModel[SightingRecord]):
    RECORDED_BY = 7

    def __init__(self, people: Callable[[str], str] = str, parent: QObject | None = None) -> None:
        self._people = people  # the library stores who recorded a sighting by actor id
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("SightingModel", "Seen"),
                    lambda s: time_text(s.seen_at),
                    words=_time_words,
                    width=150,
                    tip=lambda s: utc_time_text(s.seen_at) or None,
                ),
                col(
                    QT_TRANSLATE_NOOP("SightingModel", "Printed as"),
                    lambda s: s.printed_as,
                    width=150,
                ),
                col(
                    QT_TRANSLATE_NOOP("SightingModel", "Category"),
                    lambda s: category_label(s.category),
                    width=110,
                ),
                col(QT_TRANSLATE_NOOP("SightingModel", "Place"), lambda s: s.place, width=150),
                col(
                    QT_TRANSLATE_NOOP("SightingModel", "Source"),
                    lambda s: (
                        source_label(s.source_kind) + (f": {s.photo_name}" if s.photo_name else "")
                    ),
                    width=200,
                    tip=lambda s: s.photo_path or s.source_id or None,
                ),
                col(QT_TRANSLATE_NOOP("SightingModel", "Case"), lambda s: s.case_number),
                col(
                    QT_TRANSLATE_NOOP("SightingModel", "Collector"),
                    lambda s: s.collector,
                    width=110,
                ),
                col(
                    QT_TRANSLATE_NOOP("SightingModel", "Recorded by"),
                    lambda s: self._people(s.recorded_by),
                    width=120,
                ),
            ),
            parent,
        )

    def sighting(self, row: int) -> SightingRecord | None:
        return self.record(row)


class WatchFlagModel(RecordTableModel[WatchFlag]):
    """Numbers seen again after their request closed: due for a new request."""

    def __init__(self, route_text: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Number"),
                    lambda f: f.national,
                    width=140,
                    tip=lambda f: f.e164,
                ),
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Route"),
                    lambda f: route_text(f.route),
                    width=170,
                ),
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Previous request"),
                    lambda f: _id(f.previous_request_id),
                    numeric=True,
                    width=110,
                ),
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Closed as"),
                    lambda f: state_label(f.previous_state),
                    width=120,
                    foreground=lambda f: state_text_colour(f.previous_state),
                ),
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Closed"),
                    lambda f: time_text(f.closed_at),
                    words=_time_words,
                    width=150,
                ),
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Last seen"),
                    lambda f: time_text(f.last_seen),
                    words=_time_words,
                    width=150,
                ),
                col(
                    QT_TRANSLATE_NOOP("WatchFlagModel", "Sightings since"),
                    lambda f: count_text(f.sightings_since),
                    numeric=True,
                    width=110,
                ),
            ),
            parent,
        )

    def flag(self, row: int) -> WatchFlag | None:
        return self.record(row)


class OverdueModel(RecordTableModel[OverdueRequest]):
    def __init__(self, route_text: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("OverdueModel", "Request"),
                    lambda o: _id(o.request_id),
                    numeric=True,
                    width=80,
                ),
                col(
                    QT_TRANSLATE_NOOP("OverdueModel", "Number"),
                    lambda o: o.national,
                    width=140,
                    tip=lambda o: o.e164,
                ),
                col(
                    QT_TRANSLATE_NOOP("OverdueModel", "Route"),
                    lambda o: route_text(o.route),
                    width=170,
                ),
                col(
                    QT_TRANSLATE_NOOP("OverdueModel", "Waiting for"),
                    lambda o: state_label(o.state),
                    width=120,
                    foreground=lambda o: state_text_colour(o.state),
                ),
                col(
                    QT_TRANSLATE_NOOP("OverdueModel", "Waiting since"),
                    lambda o: time_text(o.waiting_since),
                    words=_time_words,
                    width=150,
                ),
                col(
                    QT_TRANSLATE_NOOP("OverdueModel", "Answer due"),
                    lambda o: time_text(o.due_at),
                    words=_time_words,
                    width=150,
                    foreground=lambda _o: OVERDUE_RED,
                ),
            ),
            parent,
        )

    def overdue(self, row: int) -> OverdueRequest | None:
        return self.record(row)


@dataclass(frozen=True)
class StateCount:
    state: RequestState
    count: int


class StateCountModel(RecordTableModel[StateCount]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("StateCountModel", "State"),
                    lambda c: state_label(c.state),
                    width=170,
                    foreground=lambda c: state_text_colour(c.state),
                    background=lambda c: state_background(c.state),
                ),
                col(
                    QT_TRANSLATE_NOOP("StateCountModel", "Requests"),
                    lambda c: count_text(c.count),
                    numeric=True,
                    width=80,
                    foreground=lambda c: MUTED if c.count == 0 else None,
                    export=lambda c: c.count,
                ),
            ),
            parent,
        )

    def set_counts(self, counts: dict[RequestState, int]) -> None:
        self.set_records([StateCount(state, counts.get(state, 0)) for state in RequestState])

    def counts(self) -> dict[RequestState, int]:
        return {c.state: c.count for c in self._records}


class WeekCountModel(RecordTableModel[WeekCount]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("WeekCountModel", "Week of"),
                    lambda w: date_text(w.week_start),
                    width=100,
                ),
                col(
                    QT_TRANSLATE_NOOP("WeekCountModel", "Created"),
                    lambda w: count_text(w.created),
                    numeric=True,
                    width=70,
                ),
                col(
                    QT_TRANSLATE_NOOP("WeekCountModel", "Submitted"),
                    lambda w: count_text(w.submitted),
                    numeric=True,
                    width=70,
                ),
                col(
                    QT_TRANSLATE_NOOP("WeekCountModel", "Suspended"),
                    lambda w: count_text(w.suspended),
                    numeric=True,
                    width=70,
                ),
                col(
                    QT_TRANSLATE_NOOP("WeekCountModel", "Closed"),
                    lambda w: count_text(w.closed),
                    numeric=True,
                    width=70,
                ),
            ),
            parent,
        )

    def week(self, row: int) -> WeekCount | None:
        return self.record(row)


class ProblemModel(RecordTableModel[RowProblem]):
    """Rows of a response file that cannot be applied, with the reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("ProblemModel", "Row"),
                    lambda p: str(p.row),
                    numeric=True,
                    width=60,
                ),
                col(QT_TRANSLATE_NOOP("ProblemModel", "Number"), lambda p: p.number, width=150),
                col(
                    QT_TRANSLATE_NOOP("ProblemModel", "Problem"),
                    lambda p: p.message,
                    width=500,
                    tip=lambda p: p.message,
                    foreground=lambda _p: OVERDUE_RED,
                ),
            ),
            parent,
        )

    def problem(self, row: int) -> RowProblem | None:
        return self.record(row)


class AppliedModel(RecordTableModel[AppliedRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            type(self).__name__,
            (
                col(
                    QT_TRANSLATE_NOOP("AppliedModel", "Row"),
                    lambda a: str(a.row),
                    numeric=True,
                    width=60,
                ),
                col(
                    QT_TRANSLATE_NOOP("AppliedModel", "Request"),
                    lambda a: _id(a.request_id),
                    numeric=True,
                    width=80,
                ),
                # As every list shows a number (010-1234-5678), its E.164 form as its tip.
                col(
                    QT_TRANSLATE_NOOP("AppliedModel", "Number"),
                    lambda a: national_of(a.e164),
                    width=150,
                    tip=lambda a: a.e164,
                ),
                col(
                    QT_TRANSLATE_NOOP("AppliedModel", "From"),
                    lambda a: state_label(a.from_state),
                    width=120,
                ),
                col(
                    QT_TRANSLATE_NOOP("AppliedModel", "To"),
                    lambda a: state_label(a.to_state),
                    width=120,
                    foreground=lambda a: state_text_colour(a.to_state),
                ),
            ),
            parent,
        )

    def applied(self, row: int) -> AppliedRow | None:
        return self.record(row)
