"""Lazy models over the artifact store: a million messages open as fast as they can be
counted. The filter and the sort run in SQL (ArtifactService / TimelineService); rows are
fetched a page at a time when first shown and kept in a bounded cache. Numbers that are in
the flyer registry are marked with their sightings and request state."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from forensics_app.clock import Clock
from forensics_app.errors import UserError
from forensics_app.services.artifacts import (
    NO_CONVERSATION,
    Annotation,
    ArtifactQuery,
    ArtifactRow,
    ArtifactService,
    ConversationRow,
)
from forensics_app.services.timeline import TimelineEntry, TimelineService
from forensics_app.services.xref import CrossReferenceService, RegistryMark
from forensics_app.ui.device_labels import (
    CALL_TYPE_LABELS,
    DIRECTION_LABELS,
    KIND_LABELS,
    QT_TRANSLATE_NOOP,
    SERVICE_LABELS,
    duration_text,
    label,
    local_text,
    mark_text,
)
from forensics_app.ui.widgets.columns import Column, ColumnTableModel, RecordRole, loading_cell
from forensics_app.ui.widgets.context import UiContext
from forensics_app.ui.widgets.formatting import addresses_text
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.ops import Op

log = logging.getLogger(__name__)

PAGE_SIZE = 200
# A text search is counted this far, then this much further as the analyst scrolls (or in
# full on demand): counting every match of a two-letter word reads the whole table.
SEARCH_COUNT_STEP = 10_000
CACHE_PAGES = 40
CONTEXT = "DeviceModels"
FLYER_RED = QColor("#b00020")
DELETED_BROWN = QColor("#8a5a00")
FLYER_BACKGROUND = QColor("#fde4e4")
TEXT_PREVIEW = 160
_ModelIndex = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record")
Of = TypeVar("Of")  # what a lazy table's rows are of (a query, a range)


class OffsetPages(Generic[Record]):
    """Rows `offset … offset + PAGE_SIZE` fetched together, the most recently used pages
    kept. Unlike an id list, nothing is read for rows never shown."""

    def __init__(self, fetch: Callable[[int, int], list[Record]], page_size: int = PAGE_SIZE):
        self._fetch = fetch
        self._page_size = page_size
        self._pages: OrderedDict[int, list[Record]] = OrderedDict()
        self.fetch_calls = 0

    def clear(self) -> None:
        self._pages.clear()

    def get(self, row: int) -> Record | None:
        page = row // self._page_size
        found = self._pages.get(page)
        if found is None:
            found = self._fetch(page * self._page_size, self._page_size)
            self.fetch_calls += 1
            self._pages[page] = found
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * self._page_size
        return found[offset] if 0 <= offset < len(found) else None

    def has(self, row: int) -> bool:
        return row // self._page_size in self._pages

    def put(self, page: int, rows: list[Record]) -> None:
        """A page read ahead (off the GUI thread)."""
        self._pages[page] = rows
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)

    def cached(self) -> list[Record]:
        return [r for page in self._pages.values() for r in page]


Read = TypeVar("Read")
Answer = TypeVar("Answer")


def ask(
    reader: Callable[[Read], None] | None,
    read: Read,
    work: Callable[[Read], Answer],
    put: Callable[[Read, Answer], None],
    failed: Callable[[Read, UserError], None],
) -> None:
    """Hand `read` to `reader`, which runs `work` off the GUI thread and hands the answer to
    `put` (or the refusal to `failed`); without a reader, do all that at once."""
    if reader is not None:
        reader(read)
        return
    try:
        answer = work(read)
    except UserError as exc:
        failed(read, exc)
        return
    put(read, answer)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _one_line(text: str, limit: int = TEXT_PREVIEW) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class ShownRow:
    """A row with what the screen adds to it: registry marks and the analyst's tags."""

    row: ArtifactRow
    marks: tuple[RegistryMark, ...]
    tags: tuple[str, ...]
    notes: int


# Numbers that are in the flyer registry stand out: red, bold, on a pale red ground.
def _marked_red(shown: ShownRow) -> QColor | None:
    return FLYER_RED if shown.marks else None


def _marked_ground(shown: ShownRow) -> QColor | None:
    return FLYER_BACKGROUND if shown.marks else None


def _is_marked(shown: ShownRow) -> bool:
    return bool(shown.marks)


def _type_text(shown: ShownRow) -> str:
    row = shown.row
    return label(CALL_TYPE_LABELS if row.kind == "call" else SERVICE_LABELS, row.type)


def _service_text(shown: ShownRow) -> str:
    row = shown.row
    text = label(SERVICE_LABELS, row.service)
    return f"{text} ({row.text})" if row.service == "app" and row.text else text


def _marks_text(shown: ShownRow) -> str:
    return "; ".join(
        f"{m.national}: {mark_text(m.flyer_sightings, m.request_state)}" for m in shown.marks
    )


def _tags_text(shown: ShownRow) -> str:
    return ", ".join(shown.tags) + (f" ✎{shown.notes}" if shown.notes else "")


def _text_tip(shown: ShownRow) -> str | None:
    return shown.row.text[:2000] if shown.row.text else None


def _number_tip(shown: ShownRow) -> str | None:
    return shown.row.e164 or None


def _time_tip(shown: ShownRow) -> str:
    return _tr(QT_TRANSLATE_NOOP("DeviceModels", "Raw value in the source: %1")).replace(
        "%1", shown.row.time_raw or "—"
    )


def _columns(clock: Clock) -> dict[str, tuple[Column[ShownRow], ...]]:
    """The columns of each kind (`sort_key`: the artifact service's sort name)."""

    def time(key: str = "time") -> Column[ShownRow]:
        return Column(
            key, QT_TRANSLATE_NOOP("DeviceModels", "Time"),
            lambda s: local_text(clock, s.row.time), width=170, sort_key="time", tip=_time_tip,
        )  # fmt: skip

    phone = Column[ShownRow](
        "exhibit", QT_TRANSLATE_NOOP("DeviceModels", "Phone"), lambda s: s.row.exhibit,
        width=70, sort_key="item",
    )  # fmt: skip
    direction = Column[ShownRow](
        "direction", QT_TRANSLATE_NOOP("DeviceModels", "Direction"),
        lambda s: label(DIRECTION_LABELS, s.row.direction), width=80, sort_key="direction",
    )  # fmt: skip
    number = Column[ShownRow](
        "number", QT_TRANSLATE_NOOP("DeviceModels", "Number"), lambda s: s.row.number,
        width=140, sort_key="number", tip=_number_tip, foreground=_marked_red,
        background=_marked_ground, bold=_is_marked,
    )  # fmt: skip
    mark = Column[ShownRow](
        "mark", QT_TRANSLATE_NOOP("DeviceModels", "Flyer registry"), _marks_text, width=160,
        foreground=_marked_red, background=_marked_ground, bold=_is_marked,
    )  # fmt: skip
    tags = Column[ShownRow](
        "tags", QT_TRANSLATE_NOOP("DeviceModels", "Tags"), _tags_text, width=120
    )
    text = Column[ShownRow](
        "text", QT_TRANSLATE_NOOP("DeviceModels", "Text"), lambda s: _one_line(s.row.text),
        width=360, sort_key="text", tip=_text_tip,
    )  # fmt: skip
    return {
        "message": (
            time(), phone, direction,
            Column("type", QT_TRANSLATE_NOOP("DeviceModels", "Type"), _type_text, width=70,
                   sort_key="type"),
            number,
            Column("name", QT_TRANSLATE_NOOP("DeviceModels", "Conversation"),
                   lambda s: s.row.name, width=140),
            text, mark, tags,
        ),
        "call": (
            time(), phone, direction,
            Column("type", QT_TRANSLATE_NOOP("DeviceModels", "Type"), _type_text, width=110,
                   sort_key="type"),
            number,
            Column("name", QT_TRANSLATE_NOOP("DeviceModels", "Name"), lambda s: s.row.name,
                   width=140, sort_key="name"),
            Column("duration", QT_TRANSLATE_NOOP("DeviceModels", "Duration"),
                   lambda s: duration_text(s.row.duration_seconds), width=70,
                   sort_key="duration"),
            Column("service", QT_TRANSLATE_NOOP("DeviceModels", "Service"), _service_text,
                   width=110),
            mark, tags,
        ),
        "contact": (
            Column("name", QT_TRANSLATE_NOOP("DeviceModels", "Name"), lambda s: s.row.name,
                   width=200, sort_key="name"),
            phone,
            Column("numbers", QT_TRANSLATE_NOOP("DeviceModels", "Numbers and e-mails"),
                   lambda s: "; ".join(p.value for p in s.row.points), width=280,
                   foreground=_marked_red, background=_marked_ground, bold=_is_marked),
            Column("text", QT_TRANSLATE_NOOP("DeviceModels", "Organisation and notes"),
                   lambda s: _one_line(s.row.text), width=200, sort_key="text", tip=_text_tip),
            mark, tags,
        ),
    }  # fmt: skip


def _count_up_to(artifacts: ArtifactService, query: ArtifactQuery, limit: int) -> tuple[int, bool]:
    """(rows, whether there are more): counted up to `limit` and one beyond."""
    found = artifacts.count(query, limit=limit + 1)
    return min(found, limit), found > limit


@dataclass(frozen=True)
class PreparedRows:
    """A query's count and some of its pages, read ahead off the GUI thread."""

    query: ArtifactQuery
    count: int
    capped: bool
    pages: dict[int, list[ShownRow]]


@dataclass(frozen=True)
class PageRead(Generic[Of]):
    """A page a view asked for, to read off the GUI thread: of `query` (what the rows are
    of); `shown` tells the rows it was asked for from rows read again since (another query,
    the same one refreshed)."""

    query: Of
    shown: int
    page: int


class AskedPages(ColumnTableModel[Record], Generic[Record, Of]):
    """A lazy table's pages, read when first shown, or with a reader (`read_pages_with`)
    asked for and read off the GUI thread, the rows saying they are loading meanwhile.
    Subclasses say what the rows are of (`rows_of`, None: no rows) and read a page
    (`read_page`); `_forget_pages` when the rows are read again."""

    def __init__(
        self, context: str, columns: Sequence[Column[Record]], parent: QObject | None = None
    ) -> None:
        super().__init__(context, columns, parent)
        self._count = 0
        self.pages: OffsetPages[Record] = OffsetPages(self._fetch)
        # With a reader, a page not read yet is asked for and its rows are empty meanwhile;
        # `_shown` counts the times the rows were read again, `_asked` the pages asked for
        # since.
        self._reader: Callable[[PageRead[Of]], None] | None = None
        self._shown = 0
        self._asked: set[int] = set()

    def rows_of(self) -> Of | None:
        raise NotImplementedError

    def read_page(self, read: PageRead[Of]) -> list[Record]:
        """The rows of a page asked for. Reads only through the services: off the GUI thread."""
        raise NotImplementedError

    def read_pages_with(self, reader: Callable[[PageRead[Of]], None]) -> None:
        """Pages not read yet are asked of `reader` (which reads them off the GUI thread with
        `read_page` and hands them to `put_page`) instead of being read when first shown."""
        self._reader = reader

    def put_page(self, read: PageRead[Of], rows: list[Record]) -> None:
        """Show a page read by `read_page`; dropped if the rows were read again since."""
        if read.shown != self._shown:
            return
        self.pages.put(read.page, rows)
        first = read.page * PAGE_SIZE
        last = min(first + len(rows), self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _forget_pages(self) -> None:
        self.pages.clear()
        self._shown += 1
        self._asked.clear()

    def _fetch(self, offset: int, limit: int) -> list[Record]:
        """Rows read at once (without a reader); a refusal is said and shows no rows."""
        of = self.rows_of()
        if of is None:
            return []
        try:
            return self.read_page(PageRead(of, self._shown, offset // PAGE_SIZE))
        except UserError as exc:
            self.load_failed.emit(error_text(exc))
            return []

    def _ask(self, row: int) -> None:
        page, of = row // PAGE_SIZE, self.rows_of()
        if self._reader is not None and of is not None and page not in self._asked:
            self._asked.add(page)  # asked once until the rows are read again, even if refused
            self._reader(PageRead(of, self._shown, page))

    # ---- ColumnTableModel
    def row_count(self) -> int:
        return self._count

    def record(self, row: int) -> Record | None:
        if not 0 <= row < self._count:
            return None
        if self._reader is not None and not self.pages.has(row):
            self._ask(row)
            if not self.pages.has(row):  # a reader that runs at once (tests) has put it
                return None
        return self.pages.get(row)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        return loading_cell(value, index, role, self._is_loading)

    def _is_loading(self, row: int) -> bool:
        return self._reader is not None and 0 <= row < self._count and not self.pages.has(row)


def page_reader(
    ctx: UiContext,
    parent: QWidget,
    label: str,
    model: AskedPages[Record, Of],
    failed: Callable[[UserError], None],
) -> Callable[[PageRead[Of]], None]:
    """A reader for `read_pages_with`: each page asked for is read as an op (off the GUI
    thread) and handed back to the model, which drops it if its rows were read again since."""

    def read(asked: PageRead[Of]) -> None:
        Op(ctx, parent, label, lambda _p: model.read_page(asked)).success(
            lambda rows: model.put_page(asked, rows)
        ).failure(failed).run()

    return read


@dataclass(frozen=True)
class CountRead:
    """A count a model asked for, to read off the GUI thread: `limit` None counts every row,
    else up to it; `counted` tells the query it was asked for from a newer one."""

    query: ArtifactQuery
    counted: int
    limit: int | None


class ArtifactTableModel(AskedPages[ShownRow, ArtifactQuery]):
    """Messages, calls or contacts of a case or a phone, lazily: rows by position, a page at
    a time (the sort is any column, in SQL, so there is no id list to page by)."""

    counted = Signal()  # the rows of the query are counted (or there is no query)

    def __init__(
        self,
        artifacts: ArtifactService,
        xref: CrossReferenceService,
        clock: Clock,
        kind: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(CONTEXT, _columns(clock)[kind], parent)
        self._artifacts = artifacts
        self._xref = xref
        self._clock = clock
        self.kind = kind
        self._query: ArtifactQuery | None = None
        # A text search is counted up to SEARCH_COUNT_STEP more rows at a time (see
        # ArtifactService.count): `capped` while there may be more than `_count`.
        self.capped = False
        self._resetting = False  # views ask for more rows as they hear of a reset: not then
        # With a counter (`count_with`), counts are asked for like pages: the model has no
        # rows and `counting` is set until `put_count` brings the count of the newest query.
        self._counter: Callable[[CountRead], None] | None = None
        self._counted = 0
        self.counting = False

    # ---- the query
    @property
    def query(self) -> ArtifactQuery | None:
        return self._query

    def set_query(self, query: ArtifactQuery | None) -> None:
        if query is not None and query.kind != self.kind:
            query = replace(query, kind=self.kind)
        self.beginResetModel()
        self._resetting = True
        self._query = query
        self._forget_pages()
        self.capped = False
        self._count = 0
        self._counted += 1
        self.counting = query is not None
        try:
            self.endResetModel()
        finally:
            self._resetting = False
        if query is None:
            self.counted.emit()
        else:
            # A text search is counted up to a step (its matches may be most of the table).
            limit = SEARCH_COUNT_STEP if query.text.strip() else None
            self._ask_count(CountRead(query, self._counted, limit))

    def count_with(self, counter: Callable[[CountRead], None]) -> None:
        """Counts are asked of `counter` (which reads them off the GUI thread with
        `read_count` and hands them to `put_count` or `count_failed`) instead of being read
        at once."""
        self._counter = counter

    def read_count(self, read: CountRead) -> tuple[int, bool]:
        """(rows, whether there are more) of a count asked for. Reads only through the
        services: off the GUI thread."""
        if read.limit is None:
            return self._artifacts.count(read.query), False
        return _count_up_to(self._artifacts, read.query, read.limit)

    def put_count(self, read: CountRead, counted: tuple[int, bool]) -> None:
        """Show a count read by `read_count`; dropped if another query was set since."""
        if read.counted != self._counted:
            return
        found, more = counted
        self.counting = False
        self.capped = more
        if found > self._count:
            self.beginInsertRows(QModelIndex(), self._count, found - 1)
            self._count = found
            self.endInsertRows()
        self.counted.emit()

    def count_failed(self, read: CountRead, error: UserError) -> None:
        """A count refused (the database went away): said once, for the newest query only."""
        if read.counted != self._counted:
            return
        self.counting = False
        self.counted.emit()
        self.load_failed.emit(error_text(error))

    def _ask_count(self, read: CountRead) -> None:
        self.counting = True
        ask(self._counter, read, self.read_count, self.put_count, self.count_failed)

    def read_last_rows(self, query: ArtifactQuery) -> PreparedRows:
        """What `show_prepared` needs to show `query` scrolled to its end: the count and the
        last pages. Reads only through the services, so it may run off the GUI thread."""
        query = replace(query, kind=self.kind) if query.kind != self.kind else query
        if query.text.strip():
            count, capped = _count_up_to(self._artifacts, query, SEARCH_COUNT_STEP)
        else:
            count, capped = self._artifacts.count(query), False
        pages: dict[int, list[ShownRow]] = {}
        last = (count - 1) // PAGE_SIZE if count else -1
        for page in range(max(0, last - 1), last + 1):
            rows = self._artifacts.page(query, page * PAGE_SIZE, PAGE_SIZE)
            pages[page] = shown_rows(self._artifacts, self._xref, self.kind, rows)
        return PreparedRows(query, count, capped, pages)

    def show_prepared(self, prepared: PreparedRows) -> None:
        """Show rows read by `read_last_rows` (the view then reads nothing to show its end)."""
        self.beginResetModel()
        self._resetting = True
        self._query = prepared.query
        self._forget_pages()
        for page, rows in prepared.pages.items():
            self.pages.put(page, rows)
        self._count, self.capped = prepared.count, prepared.capped
        try:
            self.endResetModel()
        finally:
            self._resetting = False

    def canFetchMore(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.capped and not self.counting and not self._resetting and not parent.isValid()

    def fetchMore(self, parent: _ModelIndex = QModelIndex()) -> None:  # noqa: B008
        """The view scrolled to the last counted row: count the next SEARCH_COUNT_STEP."""
        if self.canFetchMore(parent):
            self._extend(self._count + SEARCH_COUNT_STEP)

    def count_all(self) -> None:
        """Count a capped search exactly (the analyst asked for the total)."""
        if self.capped:
            self._extend(None)

    def _extend(self, limit: int | None) -> None:
        if self._query is None or self.counting:
            return
        self._ask_count(CountRead(self._query, self._counted, limit))

    def refresh(self) -> None:
        self.set_query(self._query)

    def forget_rows(self) -> None:
        """Read the shown rows again (after a tag or a note) without losing the position."""
        self._forget_pages()
        if self._count:
            self.changed_rows([0, self._count - 1])

    def rows_of(self) -> ArtifactQuery | None:
        return self._query

    def read_page(self, read: PageRead[ArtifactQuery]) -> list[ShownRow]:
        rows = self._artifacts.page(read.query, read.page * PAGE_SIZE, PAGE_SIZE)
        return shown_rows(self._artifacts, self._xref, self.kind, rows)

    # ---- ColumnTableModel
    def record_id(self, row: int) -> int | None:
        found = self.record(row)
        return found.row.id if found is not None else None

    def row_foreground(self, record: ShownRow) -> QColor | None:
        return DELETED_BROWN if record.row.deleted else None

    def artifact(self, row: int) -> ArtifactRow | None:
        found = self.record(row)
        return found.row if found is not None else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self._query is None:
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=key, descending=descending))


def shown_rows(
    artifacts: ArtifactService, xref: CrossReferenceService, kind: str, rows: list[ArtifactRow]
) -> list[ShownRow]:
    """Rows with their registry marks and annotations (two queries for the whole page)."""
    numbers: set[str] = set()
    for row in rows:
        if row.e164:
            numbers.add(row.e164)
        numbers.update(p.e164 for p in row.points if p.e164)
    marks = {e: m for e, m in xref.marks(sorted(numbers)).items() if m.flyer_sightings}
    notes: dict[int, list[Annotation]] = artifacts.annotations(kind, [r.id for r in rows])
    shown = []
    for row in rows:
        own = {row.e164} | {p.e164 for p in row.points}
        annotations = notes.get(row.id, [])
        shown.append(
            ShownRow(
                row=row,
                marks=tuple(marks[e] for e in sorted(n for n in own if n) if e in marks),
                tags=tuple(a.tag for a in annotations if a.tag),
                notes=sum(1 for a in annotations if a.note),
            )
        )
    return shown


class ConversationListModel(QAbstractListModel):
    """The conversations of a case or a phone, the most recent first."""

    def __init__(self, artifacts: ArtifactService, clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self._artifacts = artifacts
        self._clock = clock
        self._rows: list[ConversationRow] = []

    def load(
        self, case_id: int | None, item_id: int | None = None, within: ArtifactQuery | None = None
    ) -> None:
        """The case's conversations; with a filtering `within`, those holding a match."""
        self.show(self.read(case_id, item_id, within))

    def read(
        self, case_id: int | None, item_id: int | None = None, within: ArtifactQuery | None = None
    ) -> list[ConversationRow]:
        """What `load` shows. Reads only through the services, so it may run off the GUI
        thread (grouping a phone's messages takes a moment)."""
        return self._artifacts.conversations(case_id, item_id, within) if case_id else []

    def show(self, rows: list[ConversationRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def conversation(self, row: int) -> ConversationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.conversation(index.row()) if index.isValid() else None
        if found is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if found.id == NO_CONVERSATION:
                title = _tr(QT_TRANSLATE_NOOP("DeviceModels", "Messages outside any conversation"))
            else:
                # Its numbers as the bubbles show them (010-1234-5678, not 01012345678).
                title = addresses_text(found.title or found.participants) or _tr(
                    QT_TRANSLATE_NOOP("DeviceModels", "(no address)")
                )
            count = _tr(
                QT_TRANSLATE_NOOP("DeviceModels", "%1 message")
                if found.messages == 1
                else QT_TRANSLATE_NOOP("DeviceModels", "%1 messages")
            ).replace("%1", str(found.messages))
            when = local_text(self._clock, found.last_time, seconds=False)
            # The time first: a narrow list cuts the end of the line (the exhibit goes first).
            return f"{_one_line(title, 60)}\n{when} · {count} · {found.exhibit}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return addresses_text(found.participants)
        if role == RecordRole:
            return found
        return None


def _timeline_summary(entry: TimelineEntry) -> str:
    return _one_line(
        label(CALL_TYPE_LABELS, entry.summary) if entry.kind == "call" else entry.summary
    )


def _timeline_tip(entry: TimelineEntry) -> str | None:
    """A message's whole text (a call's summary is its type, shown as a word already)."""
    return entry.summary[:2000] if entry.kind != "call" and entry.summary else None


def _timeline_columns(clock: Clock) -> tuple[Column[TimelineEntry], ...]:
    return (
        Column("time", QT_TRANSLATE_NOOP("DeviceModels", "Time"),
               lambda e: local_text(clock, e.at), width=170),
        Column("until", QT_TRANSLATE_NOOP("DeviceModels", "Until"),
               lambda e: local_text(clock, e.end) if e.end is not None else "", width=170),
        Column("kind", QT_TRANSLATE_NOOP("DeviceModels", "Kind"),
               lambda e: label(KIND_LABELS, e.kind), width=90),
        Column("exhibit", QT_TRANSLATE_NOOP("DeviceModels", "Phone or photo"),
               lambda e: e.exhibit, width=90),
        Column("number", QT_TRANSLATE_NOOP("DeviceModels", "Number"),
               lambda e: e.number, width=140),
        Column("direction", QT_TRANSLATE_NOOP("DeviceModels", "Direction"),
               lambda e: label(DIRECTION_LABELS, e.direction), width=80),
        Column("summary", QT_TRANSLATE_NOOP("DeviceModels", "Summary"), _timeline_summary,
               width=360, tip=_timeline_tip),
    )  # fmt: skip


@dataclass(frozen=True)
class TimelineRows:
    """What the timeline's table lists: a case's events of some kinds over a range."""

    case_id: int
    start: Any
    end: Any
    kinds: Sequence[str] | None


class TimelineTableModel(AskedPages[TimelineEntry, TimelineRows]):
    """The case's events in time order over a range, lazily (rows by position: the service
    orders them in time)."""

    def __init__(self, timeline: TimelineService, clock: Clock, parent: QObject | None = None):
        super().__init__(CONTEXT, _timeline_columns(clock), parent)
        self._timeline = timeline
        self._clock = clock
        self._rows: TimelineRows | None = None

    def load(
        self,
        case_id: int | None,
        start: Any = None,
        end: Any = None,
        kinds: Sequence[str] | None = None,
    ) -> None:
        """Count and show at once (the timeline view counts off the GUI thread and calls
        `show_counted`)."""
        try:
            count = self._timeline.count(case_id, start, end, kinds) if case_id else 0
        except UserError as exc:
            count = 0
            self.load_failed.emit(error_text(exc))
        self.show_counted(case_id, start, end, kinds, count)

    def show_counted(
        self,
        case_id: int | None,
        start: Any,
        end: Any,
        kinds: Sequence[str] | None,
        count: int,
    ) -> None:
        """The events of a range, `count` of them (counted beforehand)."""
        self.beginResetModel()
        self._rows = TimelineRows(case_id, start, end, kinds) if case_id is not None else None
        self._forget_pages()
        self._count = count
        self.endResetModel()

    def rows_of(self) -> TimelineRows | None:
        return self._rows

    def read_page(self, read: PageRead[TimelineRows]) -> list[TimelineEntry]:
        rows = read.query
        return self._timeline.entries(
            rows.case_id, rows.start, rows.end, rows.kinds, read.page * PAGE_SIZE, PAGE_SIZE
        )

    # ---- ColumnTableModel
    def record_id(self, row: int) -> int | None:
        found = self.record(row)
        return found.id if found is not None else None

    def entry(self, row: int) -> TimelineEntry | None:
        return self.record(row)
