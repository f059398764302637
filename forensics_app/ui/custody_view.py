"""The chain-of-custody log of a case or of one item, newest first.

Each row shows the sequence number, the time in UTC and in local time, who did it, what and a
summary; the selected entry's details (before/after values, notes, hashes) are shown as a
readable table instead of raw JSON.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services.custody import (
    EVENT_KEY,
    VALUES_KEY,
    describe_entry,
    parse_details,
)
from forensics_app.services.records import (
    CustodyRecord,
    ItemKind,
    ItemStatus,
    VerificationResult,
)
from forensics_app.services.workstation import Workstation
from forensics_app.ui.display import rich, rich_lines
from forensics_app.ui.evidence_model import (
    ALARM_RED,
    BAD_RESULTS,
    QT_TRANSLATE_NOOP,
    kind_label,
    status_label,
    verification_label,
)

log = logging.getLogger(__name__)

ENTRY_LIMIT = 5000  # CustodyService.entries' page: the newest entries of the scope
_ModelIndex = QModelIndex | QPersistentModelIndex
SeqRole = Qt.ItemDataRole.UserRole

_ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("CustodyLabels", "Catalogued"),
    "edit": QT_TRANSLATE_NOOP("CustodyLabels", "Edited"),
    "status": QT_TRANSLATE_NOOP("CustodyLabels", "Status changed"),
    "hash": QT_TRANSLATE_NOOP("CustodyLabels", "Hashed"),
    "verify": QT_TRANSLATE_NOOP("CustodyLabels", "Verified"),
    "import": QT_TRANSLATE_NOOP("CustodyLabels", "Imported"),
    "export": QT_TRANSLATE_NOOP("CustodyLabels", "Exported"),
    "handover": QT_TRANSLATE_NOOP("CustodyLabels", "Handed over"),
    "examiner": QT_TRANSLATE_NOOP("CustodyLabels", "Examiner account"),
    "login": QT_TRANSLATE_NOOP("CustodyLabels", "Signed in"),
    "analyse": QT_TRANSLATE_NOOP("CustodyLabels", "Analysed (OCR)"),
    "review": QT_TRANSLATE_NOOP("CustodyLabels", "Reviewed"),
}
_FIELD_LABELS = {
    "exhibit_number": QT_TRANSLATE_NOOP("CustodyLabels", "Exhibit no."),
    "kind": QT_TRANSLATE_NOOP("CustodyLabels", "Kind"),
    "description": QT_TRANSLATE_NOOP("CustodyLabels", "Description"),
    "make": QT_TRANSLATE_NOOP("CustodyLabels", "Make"),
    "model": QT_TRANSLATE_NOOP("CustodyLabels", "Model"),
    "serial_number": QT_TRANSLATE_NOOP("CustodyLabels", "Serial no."),
    "imei": QT_TRANSLATE_NOOP("CustodyLabels", "IMEI"),
    "seized_from": QT_TRANSLATE_NOOP("CustodyLabels", "Seized from"),
    "seized_location": QT_TRANSLATE_NOOP("CustodyLabels", "Seized at (place)"),
    "seized_at": QT_TRANSLATE_NOOP("CustodyLabels", "Seized on"),
    "seized_by": QT_TRANSLATE_NOOP("CustodyLabels", "Seized by"),
    "storage_location": QT_TRANSLATE_NOOP("CustodyLabels", "Stored at"),
    "parent_id": QT_TRANSLATE_NOOP("CustodyLabels", "Inside item (id)"),
    "status": QT_TRANSLATE_NOOP("CustodyLabels", "Status"),
    "custodian": QT_TRANSLATE_NOOP("CustodyLabels", "Custodian"),
    "note": QT_TRANSLATE_NOOP("CustodyLabels", "Note"),
    "message": QT_TRANSLATE_NOOP("CustodyLabels", "Message"),
    "path": QT_TRANSLATE_NOOP("CustodyLabels", "Path"),
    "size": QT_TRANSLATE_NOOP("CustodyLabels", "Size (bytes)"),
    "sha256": QT_TRANSLATE_NOOP("CustodyLabels", "SHA-256"),
    "md5": QT_TRANSLATE_NOOP("CustodyLabels", "MD5"),
    "result": QT_TRANSLATE_NOOP("CustodyLabels", "Result"),
}
_FIRST_FIELDS = ("result", "status", "custodian", "exhibit_number")
CUSTODY_COLUMNS = (
    QT_TRANSLATE_NOOP("CustodyTableModel", "Seq"),
    QT_TRANSLATE_NOOP("CustodyTableModel", "Time (UTC)"),
    QT_TRANSLATE_NOOP("CustodyTableModel", "Local time"),
    QT_TRANSLATE_NOOP("CustodyTableModel", "Examiner"),
    QT_TRANSLATE_NOOP("CustodyTableModel", "Action"),
    QT_TRANSLATE_NOOP("CustodyTableModel", "Summary"),
)
COL_SEQ, COL_UTC, COL_LOCAL, COL_ACTOR, COL_ACTION, COL_SUMMARY = range(len(CUSTODY_COLUMNS))


def action_label(action: str) -> str:
    source = _ACTION_LABELS.get(action)
    return QCoreApplication.translate("CustodyLabels", source) if source else action


def field_label(name: str) -> str:
    source = _FIELD_LABELS.get(name)
    return QCoreApplication.translate("CustodyLabels", source) if source else name


def parse_recorded_at(text: str) -> datetime | None:
    """`recorded_at` is ISO-8601 UTC text ("2024-05-01T09:30:00.123456Z")."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_text(text: str) -> str:
    moment = parse_recorded_at(text)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if moment else text


def local_text(text: str) -> str:
    moment = parse_recorded_at(text)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z") if moment else ""


def _is_alarm(entry: CustodyRecord) -> bool:
    if entry.action != "verify":
        return False
    after = parse_details(entry.details).get("after")
    result = after.get("result") if isinstance(after, dict) else None
    return result in {r.value for r in BAD_RESULTS}


class CustodyTableModel(QAbstractTableModel):
    """A page of custody entries (newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[CustodyRecord] = []
        self._alarms: set[int] = set()
        self._summaries: dict[int, str] = {}

    def summary(self, entry: CustodyRecord) -> str:
        """The entry's summary in the reader's language (old entries too)."""
        text = self._summaries.get(entry.seq)
        if text is None:
            text = self._summaries[entry.seq] = describe_entry(entry)
        return text

    def set_entries(self, entries: Sequence[CustodyRecord]) -> None:
        self.beginResetModel()
        self._summaries.clear()
        self._entries = list(entries)
        self._alarms = {e.seq for e in self._entries if _is_alarm(e)}
        self.endResetModel()

    def entry(self, row: int) -> CustodyRecord | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, seq: int) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.seq == seq:
                return row
        return None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CUSTODY_COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(CUSTODY_COLUMNS)
        ):
            return QCoreApplication.translate("CustodyTableModel", CUSTODY_COLUMNS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_SEQ:
                return str(entry.seq)
            if column == COL_UTC:
                return utc_text(entry.recorded_at)
            if column == COL_LOCAL:
                return local_text(entry.recorded_at)
            if column == COL_ACTOR:
                return entry.actor
            if column == COL_ACTION:
                return action_label(entry.action)
            return self.summary(entry)
        if role == SeqRole:
            return entry.seq
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_SUMMARY:
            return self.summary(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and entry.seq in self._alarms:
            return QBrush(ALARM_RED)
        return None


class CustodyLogView(QWidget):
    """Custody entries of the current case, or of the selected item."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workstation
        self._case_id: int | None = None
        self._item_id: int | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.whole_case_button = QPushButton(self.tr("Whole case"))
        self.whole_case_button.setToolTip(self.tr("Show the entries of the whole case"))
        self.whole_case_button.clicked.connect(self._show_whole_case)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter entries…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(260)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555")

        self.model = CustodyTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((56, 150, 190, 150, 110)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(self.tr("Select an entry to see its details."))

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.filter_edit)
        top.addWidget(self.whole_case_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._load(keep_selection=False)

    # ---- contract --------------------------------------------------------------------
    def show_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        self._item_id = None
        self._load(keep_selection=False)

    def show_item(self, item_id: int | None) -> None:
        """One item's entries; None (or -1) goes back to the whole case."""
        if item_id is not None and item_id < 0:
            item_id = None
        self._item_id = item_id
        self._load(keep_selection=False)

    def refresh(self) -> None:
        self._load(keep_selection=True)

    # ---- loading -----------------------------------------------------------------------
    def _show_whole_case(self) -> None:
        self.show_item(None)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _load(self, keep_selection: bool) -> None:
        selected = self.selected_seq() if keep_selection else None
        entries: list[CustodyRecord] = []
        title = self.tr("Custody log")
        try:
            if self._item_id is not None:
                item = self._ws.evidence.get_item(self._item_id)
                entries = self._ws.custody.entries(item_id=self._item_id, limit=ENTRY_LIMIT)
                title = self.tr("Custody log of item %1").replace("%1", item.exhibit_number)
            elif self._case_id is not None:
                case = self._ws.cases.get(self._case_id)
                entries = self._ws.custody.entries(case_id=self._case_id, limit=ENTRY_LIMIT)
                title = self.tr("Custody log of case %1").replace("%1", case.number)
        except UserError as exc:
            log.warning("Cannot read the custody log: %s", exc)
            title = self.tr("Custody log — cannot be read: %1").replace("%1", describe(exc))
        self.title.setText(title)
        self.whole_case_button.setVisible(self._item_id is not None and self._case_id is not None)
        self.model.set_entries(entries)
        self._update_count()
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self._show_details(None)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total >= ENTRY_LIMIT:
            text = self.tr("newest %1 entries").replace("%1", f"{total:,}")
        else:
            text = self.tr("%1 entries").replace("%1", f"{total:,}")
        if shown != total:
            text = self.tr("%1 of %2").replace("%1", f"{shown:,}").replace("%2", text)
        self.count_label.setText(text)

    # ---- selection and details --------------------------------------------------------------
    def selected_seq(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        value = index.data(SeqRole)
        return int(value) if value is not None else None

    def select_seq(self, seq: int) -> bool:
        row = self.model.row_of(seq)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_details(None)
            return
        self._show_details(self.model.entry(self.proxy.mapToSource(current).row()))

    def _show_details(self, entry: CustodyRecord | None) -> None:
        if entry is None:
            self.details.clear()
            return
        self.details.setHtml(details_html(entry))

    def details_text(self) -> str:
        return self.details.toPlainText()


def _display_value(name: str, value: Any) -> Any:
    """Enum values as the UI names them (the raw value stays in the tooltip-free text)."""
    try:
        if name == "result" and isinstance(value, str):
            return f"{verification_label(VerificationResult(value))} ({value})"
        if name == "status" and isinstance(value, str):
            return f"{status_label(ItemStatus(value))} ({value})"
        if name == "kind" and isinstance(value, str):
            return f"{kind_label(ItemKind(value))} ({value})"
    except ValueError:
        pass
    return value


def _value_html(value: Any) -> str:
    if value is None or value == "":
        return "<span style='color:#888'>—</span>"
    if isinstance(value, dict | list):
        return rich_lines(json.dumps(value, ensure_ascii=False, indent=1), "\n")
    return rich_lines(value)


def details_html(entry: CustodyRecord) -> str:
    """The entry as a small HTML page: summary, who/when, before → after, other details."""
    translate = QCoreApplication.translate
    details = parse_details(entry.details)
    details.pop(EVENT_KEY, None)
    details.pop(VALUES_KEY, None)
    rows = [
        f"<p><b>{rich(describe_entry(entry))}</b></p>",
        "<table cellspacing='0' cellpadding='2'>",
    ]
    facts = (
        (translate("CustodyLogView", "Entry"), f"#{entry.seq} · {action_label(entry.action)}"),
        (translate("CustodyLogView", "Examiner"), entry.actor),
        (translate("CustodyLogView", "Time (UTC)"), utc_text(entry.recorded_at)),
        (translate("CustodyLogView", "Local time"), local_text(entry.recorded_at)),
    )
    for name, value in facts:
        rows.append(
            f"<tr><td style='color:#555'>{rich(name)}</td><td>{_value_html(value)}</td></tr>"
        )
    rows.append("</table>")
    before = details.pop("before", None)
    after = details.pop("after", None)
    if isinstance(before, dict) or isinstance(after, dict):
        before = before if isinstance(before, dict) else {}
        after = after if isinstance(after, dict) else {}
        rows.append(
            "<table border='1' cellspacing='0' cellpadding='3' style='border-collapse:collapse'>"
            f"<tr><th align='left'>{html.escape(translate('CustodyLogView', 'Field'))}</th>"
            f"<th align='left'>{html.escape(translate('CustodyLogView', 'Before'))}</th>"
            f"<th align='left'>{html.escape(translate('CustodyLogView', 'After'))}</th></tr>"
        )
        names = sorted(dict.fromkeys([*before, *after]), key=lambda n: n not in _FIRST_FIELDS)
        for name in names:
            old, new = before.get(name), after.get(name)
            style = ""
            if name == "result" and new in {r.value for r in BAD_RESULTS}:
                style = " style='color:#b00020; font-weight:bold'"
            elif old is not None and new is not None and old != new:
                style = " style='background:#fff4cc'"
            rows.append(
                f"<tr><td>{rich(field_label(name))}</td>"
                f"<td>{_value_html(_display_value(name, old))}</td>"
                f"<td{style}>{_value_html(_display_value(name, new))}</td></tr>"
            )
        rows.append("</table>")
    if details:
        rows.append("<table cellspacing='0' cellpadding='2' style='margin-top:6px'>")
        for name, value in details.items():
            style = ""
            if name == "message" and isinstance(value, str) and "MISMATCH" in value:
                style = " style='color:#b00020; font-weight:bold'"
            rows.append(
                f"<tr><td style='color:#555'>{rich(field_label(name))}</td>"
                f"<td{style}>{_value_html(value)}</td></tr>"
            )
        rows.append("</table>")
    rows.append(
        "<p style='color:#888; font-size:small'>"
        + html.escape(translate("CustodyLogView", "Entry hash"))
        + f": <code>{html.escape(entry.entry_hash)}</code></p>"
    )
    return "".join(rows)
