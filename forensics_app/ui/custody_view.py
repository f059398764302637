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
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forensics_app.errors import UserError
from forensics_app.messages import term
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
from forensics_app.ui.display import rich, rich_lines
from forensics_app.ui.widgets.columns import RIGHT, Column, IdRole, RecordTableModel
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.export import ExportButton
from forensics_app.ui.widgets.formatting import (
    QT_TRANSLATE_NOOP,
    both_times_text,
    counted,
    time_text,
    utc_time_text,
)
from forensics_app.ui.widgets.labels import (
    ALARM_RED,
    BAD_RESULTS,
    kind_label,
    status_label,
    verification_label,
)
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.tables import make_table

log = logging.getLogger(__name__)

ENTRY_LIMIT = 5000  # CustodyService.entries' page: the newest entries of the scope
SeqRole = IdRole

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
    # Not only OCR: tags and notes on messages, cross-references and CCTV stills too.
    "analyse": QT_TRANSLATE_NOOP("CustodyLabels", "Analysed"),
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


def action_label(action: str) -> str:
    source = _ACTION_LABELS.get(action)
    return QCoreApplication.translate("CustodyLabels", source) if source else action


def field_label(name: str) -> str:
    source = _FIELD_LABELS.get(name)
    if source:
        return QCoreApplication.translate("CustodyLabels", source)
    return term("field", name)  # the services' vocabulary, in the reader's language


def parse_recorded_at(text: str) -> datetime | None:
    """`recorded_at` is ISO-8601 UTC text ("2024-05-01T09:30:00.123456Z")."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_text(text: str) -> str:
    moment = parse_recorded_at(text)
    return utc_time_text(moment, seconds=True) if moment else text


def local_text(text: str) -> str:
    """The workstation's zone, named ("2026-05-13 12:00:00 KST")."""
    moment = parse_recorded_at(text)
    return time_text(moment, seconds=True) if moment else ""


def _is_alarm(entry: CustodyRecord) -> bool:
    if entry.action != "verify":
        return False
    after = parse_details(entry.details).get("after")
    result = after.get("result") if isinstance(after, dict) else None
    return result in {r.value for r in BAD_RESULTS}


_CX = "CustodyTableModel"


class CustodyTableModel(RecordTableModel[CustodyRecord]):
    """A page of custody entries (newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._alarms: set[int] = set()
        self._summaries: dict[int, str] = {}
        columns: tuple[Column[CustodyRecord], ...] = (
            Column(
                "seq",
                QT_TRANSLATE_NOOP("CustodyTableModel", "Seq"),
                lambda e: str(e.seq),
                width=56,
                align=RIGHT,
                sort_value=lambda e: e.seq,
                export=lambda e: e.seq,
            ),
            Column(
                "utc",
                QT_TRANSLATE_NOOP("CustodyTableModel", "Time (UTC)"),
                lambda e: utc_text(e.recorded_at),
                width=175,
                sort_value=lambda e: e.seq,
            ),
            Column(
                "local",
                QT_TRANSLATE_NOOP("CustodyTableModel", "Workstation time"),
                lambda e: local_text(e.recorded_at),
                width=175,
                sort_value=lambda e: e.seq,
            ),
            Column(
                "actor", QT_TRANSLATE_NOOP("CustodyTableModel", "Examiner"), lambda e: e.actor, 150
            ),
            Column(
                "action",
                QT_TRANSLATE_NOOP("CustodyTableModel", "Action"),
                lambda e: action_label(e.action),
                width=110,
            ),
            Column(
                "summary",
                QT_TRANSLATE_NOOP("CustodyTableModel", "Summary"),
                self.summary,
                width=400,
                tip=self.summary,
            ),
        )
        super().__init__(_CX, columns, parent, id_of=lambda e: e.seq)

    def summary(self, entry: CustodyRecord) -> str:
        """The entry's summary in the reader's language (old entries too)."""
        text = self._summaries.get(entry.seq)
        if text is None:
            text = self._summaries[entry.seq] = describe_entry(entry)
        return text

    def set_entries(self, entries: Sequence[CustodyRecord]) -> None:
        self._summaries.clear()
        self._alarms = {e.seq for e in entries if _is_alarm(e)}
        self.set_records(entries)

    def entry(self, row: int) -> CustodyRecord | None:
        return self.record(row)

    def row_foreground(self, record: CustodyRecord) -> QColor | None:
        return ALARM_RED if record.seq in self._alarms else None


COL_SEQ, COL_UTC, COL_LOCAL, COL_ACTOR, COL_ACTION, COL_SUMMARY = range(6)


class CustodyLogView(QWidget):
    """Custody entries of the current case, or of the selected item."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ws = ctx.workstation
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
        self.table = make_table(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.export_button = ExportButton(ctx, lambda: self.proxy, self.title.text)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(self.tr("Select an entry to see its details."))

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.filter_edit)
        top.addWidget(self.whole_case_button)
        top.addWidget(self.export_button)
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
        ctx.bus.subscribe(self._on_changes)
        self._load(keep_selection=False)

    def _on_changes(self, changed: Changed, _initiator: object) -> None:
        if changed & (Changed.CUSTODY | Changed.CASES | Changed.ITEMS):
            self.refresh()

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
            title = self.tr("Custody log — cannot be read: %1").replace("%1", error_text(exc))
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
            text = counted(total, self.tr("%1 entry"), self.tr("%1 entries"))
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
    """Vocabulary words (a status, a kind, a result) as the reader's language names them;
    the stored codes stay in the entry, which is what the chain's hash covers."""
    try:
        if name == "result" and isinstance(value, str):
            return verification_label(VerificationResult(value))
        if name == "status" and isinstance(value, str):
            return status_label(ItemStatus(value))
        if name == "kind" and isinstance(value, str):
            return kind_label(ItemKind(value))
        if name == "review_status" and isinstance(value, str):
            return term("review_status", value)
        if name in ("seized_at", "collected_at") and isinstance(value, str):
            moment = parse_recorded_at(value)
            return both_times_text(moment) if moment else value
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
    details = parse_details(entry.details)
    details.pop(EVENT_KEY, None)
    details.pop(VALUES_KEY, None)
    field_title = QCoreApplication.translate("CustodyLogView", "Field")
    before_title = QCoreApplication.translate("CustodyLogView", "Before")
    after_title = QCoreApplication.translate("CustodyLogView", "After")
    rows = [
        f"<p><b>{rich(describe_entry(entry))}</b></p>",
        "<table cellspacing='0' cellpadding='2'>",
    ]
    facts = (
        (
            QCoreApplication.translate("CustodyLogView", "Entry"),
            f"#{entry.seq} · {action_label(entry.action)}",
        ),
        (QCoreApplication.translate("CustodyLogView", "Examiner"), entry.actor),
        (QCoreApplication.translate("CustodyLogView", "Time (UTC)"), utc_text(entry.recorded_at)),
        (
            QCoreApplication.translate("CustodyLogView", "Workstation time"),
            local_text(entry.recorded_at),
        ),
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
            f"<tr><th align='left'>{html.escape(field_title)}</th>"
            f"<th align='left'>{html.escape(before_title)}</th>"
            f"<th align='left'>{html.escape(after_title)}</th></tr>"
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
    if isinstance(after, dict) and "result" in after:
        # A verification's message repeats the result and the hashes shown above, in the
        # English it was recorded in: the table says it in the reader's language.
        details.pop("message", None)
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
        + html.escape(QCoreApplication.translate("CustodyLogView", "Entry hash"))
        + f": <code>{html.escape(entry.entry_hash)}</code></p>"
    )
    return "".join(rows)
