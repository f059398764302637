"""Models of the flyer screens: the photo grid of a batch, the numbers read on one photo, and
the case's numbers summary; with the display names and colours they share.

The grid holds the batch's PhotoStatus list (one small record per photo, read in one query)
and asks the ImageLoader for thumbnails only for the rows the view paints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from blocking import AdCategory, InvalidNumberError, NumberType, normalize_number
from forensics_app.services.flyers import NumberHit, PhotoStatus, ReviewStatus
from forensics_app.ui.flyer_images import THUMB_SIZE, Decoded, ImageLoader
from forensics_app.ui.widgets.columns import RIGHT, Column, ModelIndex, RecordTableModel
from forensics_app.ui.widgets.formatting import QT_TRANSLATE_NOOP, national_of

_ModelIndex = QModelIndex | QPersistentModelIndex
_LABELS = "FlyerLabels"

PhotoRole = Qt.ItemDataRole.UserRole + 1  # the row's PhotoStatus
ThumbRole = Qt.ItemDataRole.UserRole + 2  # Decoded | None (None: still decoding)
GroupRole = Qt.ItemDataRole.UserRole + 3  # PhotoGroup | None (None: a photo of its own)
HitRole = Qt.ItemDataRole.UserRole + 4  # the row's NumberHit
WaitingRole = Qt.ItemDataRole.UserRole + 5  # bool: its flyer waits for the analyst's category

# ---- display names and colours ------------------------------------------------------------
_REVIEW_LABELS = {
    ReviewStatus.PENDING: QT_TRANSLATE_NOOP("FlyerLabels", "Unreviewed"),
    ReviewStatus.ACCEPTED: QT_TRANSLATE_NOOP("FlyerLabels", "Accepted"),
    ReviewStatus.REJECTED: QT_TRANSLATE_NOOP("FlyerLabels", "Rejected"),
    ReviewStatus.CORRECTED: QT_TRANSLATE_NOOP("FlyerLabels", "Corrected"),
}
_TYPE_LABELS = {
    NumberType.MOBILE: QT_TRANSLATE_NOOP("FlyerLabels", "Mobile"),
    NumberType.VOIP: QT_TRANSLATE_NOOP("FlyerLabels", "Internet phone (070)"),
    NumberType.PERSONAL: QT_TRANSLATE_NOOP("FlyerLabels", "Personal number (050x)"),
    NumberType.UAN: QT_TRANSLATE_NOOP("FlyerLabels", "Business number (15xx)"),
    NumberType.FIXED_LINE: QT_TRANSLATE_NOOP("FlyerLabels", "Landline"),
    NumberType.TOLL_FREE: QT_TRANSLATE_NOOP("FlyerLabels", "Toll-free (080)"),
    NumberType.PREMIUM_RATE: QT_TRANSLATE_NOOP("FlyerLabels", "Premium rate (060)"),
    NumberType.OTHER: QT_TRANSLATE_NOOP("FlyerLabels", "Other"),
}
_CATEGORY_LABELS = {
    AdCategory.LENDING: QT_TRANSLATE_NOOP("FlyerLabels", "Illegal lending"),
    AdCategory.OBSCENE_ADULT: QT_TRANSLATE_NOOP("FlyerLabels", "Obscene / adult"),
    AdCategory.OTHER: QT_TRANSLATE_NOOP("FlyerLabels", "Other"),
}
_PHOTO_STATE_LABELS = {
    "pending": QT_TRANSLATE_NOOP("FlyerLabels", "Not read yet"),
    "numbers": QT_TRANSLATE_NOOP("FlyerLabels", "Numbers read"),
    "unsure": QT_TRANSLATE_NOOP("FlyerLabels", "Numbers to review"),
    "none": QT_TRANSLATE_NOOP("FlyerLabels", "No number found"),
    "failed": QT_TRANSLATE_NOOP("FlyerLabels", "Could not be read"),
}
# Badge colours of a photo in the grid: pending grey, numbers green, unsure orange, failed red.
PHOTO_COLOURS = {
    "pending": QColor("#8a8a8a"),
    "numbers": QColor("#2e7d32"),
    "unsure": QColor("#ef6c00"),
    "none": QColor("#5b7083"),
    "failed": QColor("#c62828"),
}
REVIEW_COLOURS = {
    ReviewStatus.PENDING: QColor("#ef6c00"),
    ReviewStatus.ACCEPTED: QColor("#2e7d32"),
    ReviewStatus.REJECTED: QColor("#c62828"),
    ReviewStatus.CORRECTED: QColor("#1565c0"),
}
GROUP_COLOURS = tuple(
    QColor(c) for c in ("#6a1b9a", "#00838f", "#ad1457", "#4527a0", "#558b2f", "#4e342e")
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_LABELS, text)


def review_label(status: ReviewStatus) -> str:
    return _tr(_REVIEW_LABELS[status])


def type_label(number_type: str) -> str:
    try:
        return _tr(_TYPE_LABELS[NumberType(number_type)])
    except ValueError:
        return number_type


def category_label(category: str) -> str:
    try:
        return _tr(_CATEGORY_LABELS[AdCategory(category)])
    except ValueError:
        return category


def photo_state(photo: PhotoStatus) -> str:
    """pending | numbers | unsure | none | failed: what the grid's badge says."""
    if photo.state != "done":
        return photo.state
    if photo.unsure:
        return "unsure"
    return "numbers" if photo.numbers else "none"


def photo_state_label(photo: PhotoStatus) -> str:
    return _tr(_PHOTO_STATE_LABELS[photo_state(photo)])


def confidence_text(confidence: float) -> str:
    return f"{confidence * 100:.0f}%"


def shown_number(hit: NumberHit) -> str:
    """The national form, with the analyst's correction when there is one."""
    if hit.corrected_e164:
        return f"{national_of(hit.corrected_e164)}  ({hit.national})"
    return hit.national


def type_of(e164: str, fallback: str) -> str:
    try:
        return normalize_number(e164).number_type.value
    except InvalidNumberError:
        return fallback


# ---- the photo grid -------------------------------------------------------------------------
@dataclass(frozen=True)
class PhotoGroup:
    """Photos of the batch taken of the same flyer (near-duplicates)."""

    number: int  # 1, 2, … in the batch's order: shown as a tag on each member
    size: int
    colour: QColor


class PhotoGridModel(QAbstractListModel):
    """The photos of one batch, with status and lazily decoded thumbnails."""

    def __init__(self, loader: ImageLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._photos: list[PhotoStatus] = []
        self._row_of: dict[int, int] = {}
        self._rows_of_path: dict[str, list[int]] = {}
        self._groups: dict[int, PhotoGroup] = {}
        self._waiting: frozenset[int] = frozenset()  # flyer groups waiting for a category
        loader.ready.connect(self._thumbnail_ready)

    def set_photos(self, photos: Sequence[PhotoStatus]) -> None:
        """Show these photos. The same photos again (a status refresh) update in place, so
        the selection and the scroll position stay."""
        photos = list(photos)
        if [p.file_id for p in photos] == [p.file_id for p in self._photos]:
            changed = [row for row, p in enumerate(photos) if p != self._photos[row]]
            self._photos = photos
            self._index_groups()
            if changed:
                self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)), [])
            return
        self.beginResetModel()
        self._photos = photos
        self._row_of = {p.file_id: row for row, p in enumerate(photos)}
        self._rows_of_path = {}
        for row, p in enumerate(photos):
            self._rows_of_path.setdefault(p.source_path, []).append(row)
        self._index_groups()
        self.endResetModel()

    def _index_groups(self) -> None:
        members: dict[int, list[int]] = {}
        for photo in self._photos:
            if photo.group_file_id is not None:
                members.setdefault(photo.group_file_id, []).append(photo.file_id)
        self._groups = {}
        number = 0
        for files in members.values():
            if len(files) < 2:
                continue
            number += 1
            group = PhotoGroup(number, len(files), GROUP_COLOURS[(number - 1) % len(GROUP_COLOURS)])
            for file_id in files:
                self._groups[file_id] = group

    def set_waiting_groups(self, group_ids: frozenset[int]) -> None:
        """The flyer groups (first photo's id) classified "Other" with numbers: their photos
        are marked as waiting for the analyst's category."""
        if group_ids == self._waiting:
            return
        self._waiting = group_ids
        if self._photos:
            self.dataChanged.emit(self.index(0), self.index(len(self._photos) - 1), [])

    def waits(self, photo: PhotoStatus) -> bool:
        return (photo.group_file_id or photo.file_id) in self._waiting

    def photo(self, row: int) -> PhotoStatus | None:
        return self._photos[row] if 0 <= row < len(self._photos) else None

    def photos(self) -> list[PhotoStatus]:
        return list(self._photos)

    def row_of(self, file_id: int) -> int | None:
        return self._row_of.get(file_id)

    def group_of(self, file_id: int) -> PhotoGroup | None:
        return self._groups.get(file_id)

    def counts(self) -> Counter[str]:
        return Counter(photo_state(p) for p in self._photos)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._photos)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._photos):
            return None
        photo = self._photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return Path(photo.relative_path).name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(photo)
        if role == PhotoRole:
            return photo
        if role == ThumbRole:
            return self._loader.request(photo.source_path, THUMB_SIZE)
        if role == GroupRole:
            return self._groups.get(photo.file_id)
        if role == WaitingRole:
            return self.waits(photo)
        return None

    def _tooltip(self, photo: PhotoStatus) -> str:
        lines = [photo.relative_path, photo_state_label(photo)]
        if photo.state == "done" and photo.numbers:
            lines.append(
                QCoreApplication.translate("FlyerLabels", "%1 number(s), %2 to review")
                .replace("%1", str(photo.numbers))
                .replace("%2", str(photo.unsure))
            )
        if photo.message:
            lines.append(photo.message)
        group = self._groups.get(photo.file_id)
        if group is not None:
            lines.append(
                QCoreApplication.translate(
                    "FlyerLabels", "Same flyer as %1 other photo(s) (group %2)"
                )
                .replace("%1", str(group.size - 1))
                .replace("%2", str(group.number))
            )
        if self.waits(photo):
            lines.append(
                QCoreApplication.translate(
                    "FlyerLabels", "Classified “Other”: waits for the analyst to set its category"
                )
            )
        return "\n".join(lines)

    def _thumbnail_ready(self, path: str, size: int) -> None:
        if size != THUMB_SIZE:
            return
        for row in self._rows_of_path.get(path, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, [ThumbRole])


def thumbnail_of(index: QModelIndex | QPersistentModelIndex) -> Decoded | None:
    value = index.data(ThumbRole)
    return value if isinstance(value, Decoded) else None


# ---- the numbers read on one photo ------------------------------------------------------------
def _rejected(hit: NumberHit) -> bool:
    return hit.review_status == ReviewStatus.REJECTED


NUMBER_COLUMNS: tuple[Column[NumberHit], ...] = (
    Column(
        "printed",
        QT_TRANSLATE_NOOP("PhotoNumbersModel", "As printed"),
        lambda h: h.printed,
        190,
        tip=lambda h: h.printed,
    ),
    Column(
        "number",
        QT_TRANSLATE_NOOP("PhotoNumbersModel", "Number"),
        shown_number,
        200,
        tip=lambda h: h.final_e164,
    ),
    Column(
        "type",
        QT_TRANSLATE_NOOP("PhotoNumbersModel", "Type"),
        lambda h: type_label(type_of(h.final_e164, h.number_type)),
        110,
    ),
    Column(
        "confidence",
        QT_TRANSLATE_NOOP("PhotoNumbersModel", "Confidence"),
        lambda h: confidence_text(h.confidence),
        90,
        align=RIGHT,
        export=lambda h: h.confidence,
    ),
    Column(
        "category",
        QT_TRANSLATE_NOOP("PhotoNumbersModel", "Category"),
        lambda h: category_label(h.category),
        110,
    ),
    Column(
        "review",
        QT_TRANSLATE_NOOP("PhotoNumbersModel", "Review"),
        lambda h: review_label(h.review_status),
        90,
        foreground=lambda h: REVIEW_COLOURS[h.review_status],
        bold=lambda _h: True,
    ),
)
CONFIDENCE_COLUMN = 3
REVIEW_COLUMN = 5


class NumberTableModel(RecordTableModel[NumberHit]):
    """The numbers read on the photo under review (rejected ones included, struck out)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("PhotoNumbersModel", NUMBER_COLUMNS, parent, id_of=lambda h: h.id)

    def set_hits(self, hits: Sequence[NumberHit]) -> None:
        self.set_records(hits)  # a verdict changed a row: the table keeps its current row

    def hit(self, row: int) -> NumberHit | None:
        return self.record(row)

    def row_font(self, record: NumberHit) -> QFont | None:
        if not _rejected(record):
            return None
        font = QFont()
        font.setStrikeOut(True)
        return font

    def extra_data(self, index: ModelIndex, record: NumberHit | None, role: int) -> Any:
        return record if role == HitRole and record is not None else None


# ---- the case's numbers -----------------------------------------------------------------------
@dataclass
class NumberSummary:
    e164: str
    national: str
    number_type: str
    photos: set[int] = field(default_factory=set)
    flyers: set[int] = field(default_factory=set)
    categories: Counter[str] = field(default_factory=Counter)
    statuses: Counter[ReviewStatus] = field(default_factory=Counter)

    @property
    def category(self) -> str:
        return self.categories.most_common(1)[0][0] if self.categories else ""


def summarise(hits: Sequence[NumberHit]) -> list[NumberSummary]:
    """Per number as finally read (corrections applied): photos, flyers (photos of the same
    flyer count once), the usual ad category, and how many reads are in each review state.
    Most flyers first."""
    found: dict[str, NumberSummary] = {}
    for hit in hits:
        e164 = hit.final_e164
        entry = found.get(e164)
        if entry is None:
            entry = found[e164] = NumberSummary(
                e164, national_of(e164), type_of(e164, hit.number_type)
            )
        entry.statuses[hit.review_status] += 1
        if hit.review_status != ReviewStatus.REJECTED:
            entry.photos.add(hit.file_id)
            entry.flyers.add(hit.group_file_id)
            entry.categories[hit.category] += 1
    return sorted(found.values(), key=lambda s: (-len(s.flyers), -len(s.photos), s.national))


def _status_count(status: ReviewStatus) -> Callable[[NumberSummary], int]:
    return lambda row: row.statuses[status]


def _count_column(key: str, title: str, status: ReviewStatus) -> Column[NumberSummary]:
    count = _status_count(status)
    return Column(
        key,
        title,
        lambda row: str(count(row)) if count(row) else "",  # zeros are noise
        74,
        align=RIGHT,
        sort_value=count,
        foreground=lambda _row: REVIEW_COLOURS[status],
        export=count,
    )


SUMMARY_COLUMNS: tuple[Column[NumberSummary], ...] = (
    Column(
        "number",
        QT_TRANSLATE_NOOP("NumberSummaryModel", "Number"),
        lambda row: row.national,
        130,
        tip=lambda row: row.e164,
        export=lambda row: row.national,
    ),
    Column(
        "e164",
        QT_TRANSLATE_NOOP("NumberSummaryModel", "E.164"),
        lambda row: row.e164,
        130,
    ),
    Column(
        "type",
        QT_TRANSLATE_NOOP("NumberSummaryModel", "Type"),
        lambda row: type_label(row.number_type),
        170,
        sort_value=lambda row: row.number_type,
    ),
    Column(
        "category",
        QT_TRANSLATE_NOOP("NumberSummaryModel", "Category"),
        lambda row: category_label(row.category) if row.category else "",
        120,
        sort_value=lambda row: row.category,
    ),
    Column(
        "flyers",
        QT_TRANSLATE_NOOP("NumberSummaryModel", "Flyers"),
        lambda row: str(len(row.flyers)),
        60,
        align=RIGHT,
        sort_value=lambda row: len(row.flyers),
        export=lambda row: len(row.flyers),
    ),
    Column(
        "photos",
        QT_TRANSLATE_NOOP("NumberSummaryModel", "Photos"),
        lambda row: str(len(row.photos)),
        60,
        align=RIGHT,
        sort_value=lambda row: len(row.photos),
        export=lambda row: len(row.photos),
    ),
    _count_column(
        "pending", QT_TRANSLATE_NOOP("NumberSummaryModel", "Unreviewed"), ReviewStatus.PENDING
    ),
    _count_column(
        "accepted", QT_TRANSLATE_NOOP("NumberSummaryModel", "Accepted"), ReviewStatus.ACCEPTED
    ),
    _count_column(
        "corrected", QT_TRANSLATE_NOOP("NumberSummaryModel", "Corrected"), ReviewStatus.CORRECTED
    ),
    _count_column(
        "rejected", QT_TRANSLATE_NOOP("NumberSummaryModel", "Rejected"), ReviewStatus.REJECTED
    ),
)
FIRST_COUNT_COLUMN = 4


class NumberSummaryModel(RecordTableModel[NumberSummary]):
    """The case's numbers, one row each (see `summarise`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("NumberSummaryModel", SUMMARY_COLUMNS, parent)

    def set_hits(self, hits: Sequence[NumberHit]) -> None:
        self.set_records(summarise(hits))

    def summary(self, row: int) -> NumberSummary | None:
        return self.record(row)
