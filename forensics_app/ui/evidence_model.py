"""Table models for evidence: the lazy item table and the small file table of one item.

Both are column specs over the generic models (ui/widgets/columns.py). The item table holds only
the ordered row ids (the filter and the sort run in SQL, `EvidenceService.item_ids`) and reads
rows a page at a time when they are painted: a case with 100,000 items opens as fast as its id
list can be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont

from forensics_app.services.evidence import SORTABLE_COLUMNS, EvidenceService, ItemQuery
from forensics_app.services.records import FileRecord, ItemRecord, ItemStatus
from forensics_app.ui.paged_rows import CACHE_LIMIT, PAGE_SIZE
from forensics_app.ui.widgets.columns import (
    RIGHT,
    Column,
    IdRole,
    LazyTableModel,
    RecordRole,
    RecordTableModel,
)
from forensics_app.ui.widgets.formatting import (
    QT_TRANSLATE_NOOP,
    both_times_text,
    bytes_text,
    count_text,
    joined,
    size_text,
    time_text,
    utc_time_text,
)
from forensics_app.ui.widgets.labels import (
    ALARM_BACKGROUND,
    ALARM_RED,
    BAD_RESULTS,
    WARNING_RESULTS,
    WITHDRAWN_GREY,
    kind_label,
    status_label,
    verification_color,
    verification_icon,
    verification_label,
    verification_tip,
)

__all__ = [
    "ALARM_RED",
    "CACHE_LIMIT",
    "COLUMN_INDEX",
    "FILE_COLUMNS",
    "ITEM_COLUMNS",
    "PAGE_SIZE",
    "EvidenceTableModel",
    "FileTableModel",
    "ItemIdRole",
    "RecordRole",
    "kind_label",
    "status_label",
]

ItemIdRole = IdRole


def _alarm(record: ItemRecord) -> bool:
    return record.worst_verification in BAD_RESULTS


def _verified(record: ItemRecord) -> bool:
    return record.file_count > 0


# ---- the item table -------------------------------------------------------------------------
_ITEMS = "EvidenceTableModel"
ITEM_COLUMNS: tuple[Column[ItemRecord], ...] = (
    Column(
        "exhibit",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Exhibit no."),
        lambda r: r.exhibit_number,
        width=110,
        sort_key="exhibit_number",
        foreground=lambda r: ALARM_RED if _alarm(r) else None,
        bold=_alarm,
        tip=lambda r: verification_tip(r.worst_verification) if _alarm(r) else None,
    ),
    Column(
        "kind",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Kind"),
        lambda r: kind_label(r.kind),
        width=120,
        sort_key="kind",
    ),
    Column(
        "description",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Description"),
        lambda r: r.description.replace("\n", " "),
        width=240,
        sort_key="description",
        tip=lambda r: r.description or None,
    ),
    Column(
        "make_model",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Make / model"),
        lambda r: joined(r.make, r.model),
        width=170,
        sort_key="make",
    ),
    Column(
        "serial_imei",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Serial / IMEI"),
        lambda r: joined(r.serial_number, r.imei),
        width=170,
        sort_key="serial_number",
        tip=lambda r: joined(r.serial_number, r.imei) or None,
    ),
    Column(
        "status",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Status"),
        lambda r: status_label(r.status),
        width=110,
        sort_key="status",
    ),
    Column(
        "custodian",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Custodian"),
        lambda r: r.custodian,
        width=110,
    ),
    Column(
        "files",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Files"),
        lambda r: count_text(r.file_count),
        width=60,
        align=RIGHT,
        export=lambda r: r.file_count,
    ),
    Column(
        "size",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Size"),
        lambda r: size_text(r.total_size) if r.file_count else "",
        width=90,
        align=RIGHT,
        tip=lambda r: bytes_text(r.total_size),
        export=lambda r: r.total_size,
    ),
    Column(
        "verification",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Verification"),
        lambda r: verification_label(r.worst_verification) if _verified(r) else "",
        width=150,
        tip=lambda r: verification_tip(r.worst_verification) if _verified(r) else None,
        foreground=lambda r: verification_color(r.worst_verification) if _verified(r) else None,
        background=lambda r: ALARM_BACKGROUND if _verified(r) and _alarm(r) else None,
        bold=lambda r: _verified(r) and (_alarm(r) or r.worst_verification in WARNING_RESULTS),
        decoration=lambda r: verification_icon(r.worst_verification) if _verified(r) else None,
    ),
    Column(
        "seized_at",
        QT_TRANSLATE_NOOP("EvidenceTableModel", "Seized at"),
        lambda r: time_text(r.seized_at),
        width=150,
        sort_key="seized_at",
        tip=lambda r: both_times_text(r.seized_at) or None,
    ),
)
assert all(c.sort_key is None or c.sort_key in SORTABLE_COLUMNS for c in ITEM_COLUMNS)
COLUMN_INDEX = {column.key: number for number, column in enumerate(ITEM_COLUMNS)}


class EvidenceTableModel(LazyTableModel[ItemRecord]):
    """Lazy table of the items matching an ItemQuery."""

    def __init__(
        self,
        evidence: EvidenceService,
        parent: QObject | None = None,
        cache_limit: int = CACHE_LIMIT,
    ) -> None:
        super().__init__(_ITEMS, ITEM_COLUMNS, evidence.items_by_id, parent, PAGE_SIZE, cache_limit)
        self._evidence = evidence
        self._query: ItemQuery | None = None
        self.sorter = self._sorted_ids

    @property
    def query(self) -> ItemQuery | None:
        return self._query

    def set_query(self, query: ItemQuery | None) -> None:
        """Run the query (filter and sort in SQL) and show its rows; row data loads lazily.
        Raises UserError if the database cannot answer; the model is then empty."""
        self._query = query
        self.sort_state = (query.sort, query.descending) if query is not None else None
        ids: list[int] = []
        try:
            if query is not None:
                ids = self._evidence.item_ids(query)
        finally:
            self.set_ids(ids)

    def refresh(self) -> None:
        """Re-read ids and rows after a write."""
        self.set_query(self._query)

    def invalidate_rows(self, item_ids: list[int] | tuple[int, ...] = ()) -> None:
        self.invalidate(item_ids)

    def _sorted_ids(self, key: str, descending: bool) -> list[int]:
        if self._query is None:
            return []
        query = replace(self._query, sort=key, descending=descending)
        ids = self._evidence.item_ids(query)
        self._query = query
        return ids

    def item_id(self, row: int) -> int | None:
        return self.record_id(row)

    def row_foreground(self, record: ItemRecord) -> QColor | None:
        return WITHDRAWN_GREY if record.status == ItemStatus.WITHDRAWN else None

    def row_font(self, record: ItemRecord) -> QFont | None:
        if record.status != ItemStatus.WITHDRAWN:
            return None
        font = QFont()
        font.setStrikeOut(True)
        return font


# ---- the files of one item ------------------------------------------------------------------
def _file_alarm(record: FileRecord) -> bool:
    return record.last_verification in BAD_RESULTS


def _result_colour(record: FileRecord) -> QColor:
    return verification_color(record.last_verification)


FILE_COLUMNS: tuple[Column[FileRecord], ...] = (
    Column(
        "file",
        QT_TRANSLATE_NOOP("FileTableModel", "File"),
        lambda r: r.relative_path,
        width=260,
        tip=lambda r: r.source_path,
        foreground=lambda r: _result_colour(r) if _file_alarm(r) else None,
        background=lambda r: ALARM_BACKGROUND if _file_alarm(r) else None,
        bold=_file_alarm,
    ),
    Column(
        "size",
        QT_TRANSLATE_NOOP("FileTableModel", "Size"),
        lambda r: size_text(r.size),
        width=80,
        align=RIGHT,
        tip=lambda r: bytes_text(r.size),
        export=lambda r: r.size,
    ),
    Column(
        "sha256", QT_TRANSLATE_NOOP("FileTableModel", "SHA-256"), lambda r: r.sha256, 250, mono=True
    ),
    Column("md5", QT_TRANSLATE_NOOP("FileTableModel", "MD5"), lambda r: r.md5, 150, mono=True),
    Column(
        "result",
        QT_TRANSLATE_NOOP("FileTableModel", "Last verification"),
        lambda r: verification_label(r.last_verification),
        width=160,
        tip=lambda r: verification_tip(r.last_verification),
        foreground=_result_colour,
        background=lambda r: ALARM_BACKGROUND if _file_alarm(r) else None,
        bold=_file_alarm,
        decoration=lambda r: verification_icon(r.last_verification),
    ),
    Column(
        "verified_at",
        QT_TRANSLATE_NOOP("FileTableModel", "Verified at"),
        lambda r: time_text(r.last_verified_at, seconds=True),
        width=170,
        tip=lambda r: utc_time_text(r.last_verified_at, seconds=True) or None,
    ),
)
FILE_SIZE_COLUMN, FILE_RESULT_COLUMN = 1, 4


class FileTableModel(RecordTableModel[FileRecord]):
    """The files of one item (a small list, read at once)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("FileTableModel", FILE_COLUMNS, parent, id_of=lambda f: f.id)

    def set_files(self, files: Sequence[FileRecord]) -> None:
        self.set_records(files)

    def file(self, row: int) -> FileRecord | None:
        return self.record(row)
