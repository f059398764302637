"""The device-data area of a case: the seized phones' conversations (threads and bubbles),
messages, calls and contacts, the case timeline and the flyer numbers found on the phones.

Everything is filtered and sorted in SQL through the services, one page at a time, so a phone
with a million messages opens at once. Search finds Korean substrings; filters narrow by
phone, number (however written), time range, direction, type and tag. The detail beside the
lists shows where an artifact came from (file, SHA-256, table, row, raw values), the numbers it
holds with their flyer-registry marks, and the analyst's tags and notes (audited); a number
can be recorded from there as a device-artifact sighting for block requests.

`DeviceDataArea(ctx)` is the widget to place (a tab of the case); `set_case(case_id)` and
`set_phone(item_id)` choose what it shows. Imports run as an op; writes (imports, tags, notes,
sightings) tell the change bus.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from blocking.enums import AdCategory
from forensics_app.errors import UserError
from forensics_app.messages import stored_note
from forensics_app.services import Workstation
from forensics_app.services.artifacts import (
    Annotation,
    ArtifactQuery,
    ArtifactRow,
    AttachmentRow,
    ConversationRow,
    NumberInArtifact,
    PhoneSummary,
    filters_messages,
)
from forensics_app.services.records import Actor, CaseStatus
from forensics_app.services.xref import RegistryMark, XrefRow
from forensics_app.ui import device_models
from forensics_app.ui.device_labels import (
    CALL_TYPE_LABELS,
    DIRECTION_LABELS,
    KIND_LABELS,
    NUMBER_KIND_LABELS,
    SERVICE_LABELS,
    STATUS_LABELS,
    duration_text,
    label,
    local_text,
    mark_text,
    point_label,
)
from forensics_app.ui.device_models import (
    ArtifactTableModel,
    ConversationListModel,
    CountRead,
    PreparedRows,
    RecordRole,
    ShownRow,
    ask,
    page_reader,
)
from forensics_app.ui.device_timeline import TimelineView
from forensics_app.ui.device_xref import CrossReferenceModel, category_combo
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import (
    html_escape,
    national_of,
    size_text,
    workstation_zone,
)
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.ops import Op, refusals
from forensics_app.ui.widgets.paths import choose_files, choose_folder
from forensics_app.ui.widgets.tables import (
    PlaceholderListView,
    PlaceholderTableView,
    fit_words,
    under_a_line,
)

if TYPE_CHECKING:
    from forensics_app.services.ingest import ImportReport  # the ingest loads on first import
    from forensics_app.ui.import_dialog import ImportDialog

FILTER_DELAY_MS = 300
READING_PHONES = -1  # the data of the combo's line saying the phones are being read
_ModelIndex = QModelIndex | QPersistentModelIndex
MESSAGE_TYPES = ("sms", "mms", "imessage", "rcs", "other")
CALL_TYPES = ("incoming", "outgoing", "missed", "voicemail", "rejected", "blocked",
              "answered_elsewhere")  # fmt: skip
INCOMING_BUBBLE = QColor("#eceff1")
OUTGOING_BUBBLE = QColor("#d2e7fb")
BUBBLE_LINES = 3


class BubbleDelegate(QStyledItemDelegate):
    """A message as a chat bubble: incoming on the left, sent on the right; three lines of
    text (the whole text is in the detail beside). Every bubble has the same height, so a
    conversation of 100,000 messages lays out without reading them all."""

    def __init__(self, clock: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._clock = clock

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.height() * (BUBBLE_LINES + 1) + 22)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        record: ShownRow | None = index.data(RecordRole)
        rect: QRect = option.rect
        if record is None:  # its page is being read (older messages, scrolled back to)
            painter.save()
            painter.setPen(QColor("#888888"))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.tr("Loading…"))
            painter.restore()
            return
        row = record.row
        painter.save()
        metrics = QFontMetrics(option.font)
        outgoing = row.direction == "outgoing"
        width = int(rect.width() * 0.72)
        left = rect.right() - width - 8 if outgoing else rect.left() + 8
        bubble = QRect(left, rect.top() + 4, width, rect.height() - 8)
        path = QPainterPath()
        path.addRoundedRect(bubble, 10, 10)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, OUTGOING_BUBBLE if outgoing else INCOMING_BUBBLE)
        if selected:
            painter.setPen(QPen(QColor("#1f6fb2"), 2))
            painter.drawPath(path)
        painter.setPen(QColor("#222222"))
        text_rect = bubble.adjusted(10, 6, -10, -metrics.height() - 6)
        lines = []
        for paragraph in (row.text or "").splitlines() or [""]:
            lines.append(paragraph)
            if len(lines) >= BUBBLE_LINES:
                break
        shown = [
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, text_rect.width())
            for line in lines
        ]
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), "\n".join(shown)
        )
        painter.setPen(QColor("#666666"))
        meta_rect = bubble.adjusted(10, 0, -10, -4)
        painter.drawText(
            meta_rect,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            bubble_meta(self._clock, row, metrics, meta_rect.width()),
        )
        painter.restore()


def bubble_meta(clock: Any, row: ArtifactRow, metrics: QFontMetrics, width: int) -> str:
    """A bubble's last line: time, number (of an incoming message), service, attachments; cut
    at its end when the bubble is narrow, so the time stays whole (right-aligned and uncut,
    a Korean service name pushed the date out of the bubble)."""
    meta = " · ".join(
        part
        for part in (
            local_text(clock, row.time, seconds=False),
            national_of(row.number) if row.direction != "outgoing" else "",
            label(SERVICE_LABELS, row.type),
            "📎" + str(row.attachment_count) if row.attachment_count else "",
        )
        if part
    )
    return metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width)


class _ListWide(QStyledItemDelegate):
    """Items as wide as the list, their text cut with … when narrower (a sideways scroll
    bar hid the end of each conversation's line, its time, without saying so)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        return QSize(1, super().sizeHint(option, index).height())


@dataclass(frozen=True)
class DetailRead:
    """What the detail asks to read for a row; `shown` tells it from rows shown since."""

    row: ArtifactRow
    shown: int


TypedIn = QLineEdit | QPlainTextEdit


def _typed(edit: TypedIn | None) -> str:
    if isinstance(edit, QLineEdit):
        return edit.text().strip()
    return edit.toPlainText().strip() if edit is not None else ""


@dataclass(frozen=True)
class DetailWrite:
    """A write the detail asks for on `row` (shown as `shown`): `write` calls the service;
    `edit`, still holding what was `typed`, is cleared once it is written; `label` is what
    its task says."""

    row: ArtifactRow
    shown: int
    label: str
    write: Callable[[], object]
    edit: TypedIn | None
    typed: str


@dataclass(frozen=True)
class DetailFacts:
    """What the detail shows beside the row, read off the GUI thread."""

    numbers: list[NumberInArtifact]
    marks: dict[str, RegistryMark]
    annotations: list[Annotation]
    attachments: list[AttachmentRow]
    parser: str  # the title of the parser that read it, in the reader's language


def _attachment_text(attachment: AttachmentRow) -> str:
    about = ", ".join(
        part
        for part in (
            attachment.mime_type,
            size_text(attachment.size) if attachment.size is not None else "",
        )
        if part
    )
    name = attachment.name or attachment.path.rsplit("/", 1)[-1] or "—"
    return f"{name} ({about})" if about else name


def _parser_text(parser: str, facts: DetailFacts | None) -> str:
    return f"{facts.parser} ({parser})" if facts and facts.parser != parser else parser


def _utc_text(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC") if moment else ""


def _service_text(row: ArtifactRow) -> str:
    text = label(SERVICE_LABELS, row.service)
    return f"{text} ({row.text})" if row.text else text


class ArtifactDetail(QWidget):
    """Where the selected artifact came from, the numbers in it, its tags and notes."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, workstation: Workstation, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self._ws = workstation
        self._actor = actor
        self.current: ArtifactRow | None = None
        # With a reader (`read_with`), what is read beside the row comes later: `reading`
        # until it does; `_shown` counts the rows shown, so a late answer is dropped.
        self._reader: Callable[[DetailRead], None] | None = None
        self._writer: Callable[[DetailWrite], None] | None = None
        self._writing = 0  # writes asked for and not yet answered
        self._shown = 0
        self.reading = False
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.numbers = QListWidget()
        self.numbers.setMaximumHeight(110)
        self.category = category_combo()
        self.sighting_button = QPushButton(self.tr("Record as sighting"))
        self.sighting_button.setToolTip(
            self.tr(
                "Record the chosen number in this artifact as a sighting: block requests can "
                "then cite it as evidence. Audited."
            )
        )
        self.sighting_button.clicked.connect(lambda _checked=False: self.record_sighting())
        self.tag_edit = QLineEdit()
        self.tag_edit.setPlaceholderText(self.tr("New tag"))
        self.tag_button = QPushButton(self.tr("Add tag"))
        self.tag_button.clicked.connect(lambda _checked=False: self.add_tag())
        self.tag_edit.returnPressed.connect(self.add_tag)
        self.tags = QListWidget()
        self.tags.setMaximumHeight(70)
        self.tags.setToolTip(self.tr("Double-click a tag to remove it (audited)."))
        self.tags.itemDoubleClicked.connect(self._remove_tag)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("A note on this artifact"))
        self.note_edit.setMaximumHeight(60)
        self.note_edit.setTabChangesFocus(True)  # Tab goes on to "Add note", as in the dialogs
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.clicked.connect(lambda _checked=False: self.add_note())
        self.notes = QTextBrowser()
        self.notes.setMaximumHeight(90)
        # Where the artifact came from must stay readable beside the tags and notes (it was
        # squeezed to four lines, the file and SHA-256 below the fold); the boxes below give
        # way to two lines each rather than the window growing.
        line = self.text.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(line * 10)
        for box in (self.numbers, self.tags, self.notes, self.note_edit):
            box.setMinimumHeight(line * 2 + 8)

        sighting_row = QHBoxLayout()
        sighting_row.addWidget(self.category, 1)
        sighting_row.addWidget(self.sighting_button)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_edit, 1)
        tag_row.addWidget(self.tag_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.text, 3)
        layout.addWidget(QLabel(self.tr("Numbers in it")))
        layout.addWidget(self.numbers)
        layout.addLayout(sighting_row)
        layout.addWidget(QLabel(self.tr("Tags")))
        layout.addWidget(self.tags)
        layout.addLayout(tag_row)
        layout.addWidget(QLabel(self.tr("Notes")))
        layout.addWidget(self.notes)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignRight)
        self.show_artifact(None)

    def read_with(self, reader: Callable[[DetailRead], None]) -> None:
        """What the detail reads beside the row (its numbers and their registry marks, its
        tags, notes and attachments) is asked of `reader`, which reads it off the GUI thread
        with `read_facts` and hands it to `put_facts`, instead of being read at once."""
        self._reader = reader

    @property
    def shown(self) -> int:
        """Counts what was shown (a row, none, or a row being read)."""
        return self._shown

    def show_reading(self) -> int:
        """Nothing to act on while a row is read by id (opened from the timeline); returns
        `shown`, to tell whether another row was chosen before it came."""
        self.show_artifact(None)
        hint = html_escape(self.tr("Reading the artifact…"))
        self.text.setHtml(f"<p style='color:#777'>{hint}</p>")
        self.reading = True
        return self._shown

    def show_artifact(self, row: ArtifactRow | None) -> None:
        """The row at once (the lists hold it); the rest once it is read."""
        self.current = row
        self._shown += 1
        self.numbers.clear()
        self.tags.clear()
        self.notes.clear()
        self._enable_inputs()
        if row is None:
            self.reading = False
            hint = html_escape(self.tr("Choose a message, call or contact."))
            self.text.setHtml(f"<p style='color:#777'>{hint}</p>")
            return
        self.reading = True
        self.text.setHtml(self._describe(row, None))
        read = DetailRead(row, self._shown)
        ask(self._reader, read, self.read_facts, self.put_facts, self.facts_failed)

    def read_facts(self, read: DetailRead) -> DetailFacts:
        """What `put_facts` shows. Reads only through the services: off the GUI thread."""
        from forensics_app.importers.registry import shown_title  # loads the importers

        row = read.row
        numbers = self._ws.artifacts.numbers_in(row.kind, row.id)
        return DetailFacts(
            numbers=numbers,
            marks=self._ws.xref.marks([n.e164 for n in numbers]),
            annotations=self._ws.artifacts.annotations(row.kind, [row.id]).get(row.id, []),
            attachments=(
                self._ws.artifacts.attachments(row.id)
                if row.kind == "message" and row.attachment_count
                else []
            ),
            parser=shown_title(row.provenance.parser),
        )

    def put_facts(self, read: DetailRead, facts: DetailFacts) -> None:
        """Show what `read_facts` read; dropped if another artifact was shown since."""
        if read.shown != self._shown:
            return
        self.reading = False
        row = read.row
        self.text.setHtml(self._describe(row, facts))
        for number in facts.numbers:
            mark = facts.marks.get(number.e164)
            text = f"{number.written}  ({number.e164})"
            if mark is not None and mark.flyer_sightings:
                text += "  ⚑ " + mark_text(mark.flyer_sightings, mark.request_state)
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, number.e164)
            if mark is not None and mark.flyer_sightings:
                entry.setForeground(QColor("#b00020"))
            self.numbers.addItem(entry)
        if self.numbers.count():
            self.numbers.setCurrentRow(0)
        self._enable_inputs()
        for annotation in facts.annotations:
            if annotation.tag:
                self.tags.addItem(annotation.tag)
        notes = [
            f"<p><b>{html_escape(local_text(self._ws.clock, a.created_at, seconds=False))}</b> "
            f"{html_escape(a.note)}</p>"
            for a in facts.annotations
            if a.note
        ]
        self.notes.setHtml("".join(notes))

    def facts_failed(self, read: DetailRead, error: UserError) -> None:
        if read.shown == self._shown:
            self.reading = False
            parser = read.row.provenance.parser
            self.text.setHtml(self._describe(read.row, DetailFacts([], {}, [], [], parser)))
            self.failed.emit(error_text(error))

    def _describe(self, row: ArtifactRow, facts: DetailFacts | None) -> str:
        """The row's fields; `facts` None while the rest is being read (said at the end)."""
        attachments = str(row.attachment_count) if row.attachment_count else ""
        if facts is not None and facts.attachments:
            attachments = "; ".join(_attachment_text(a) for a in facts.attachments)
        fields: list[tuple[str, str]] = [
            (self.tr("Kind"), label(KIND_LABELS, row.kind)),
            (self.tr("Phone"), row.exhibit),
        ]
        if row.kind != "contact":
            fields += [
                (self.tr("Time"), local_text(self._ws.clock, row.time)),
                # The zone goes with the value (copied into a report, it must still say UTC).
                (self.tr("Time in UTC"), _utc_text(row.time)),
                (self.tr("Direction"), label(DIRECTION_LABELS, row.direction)),
            ]
        if row.kind == "message":
            fields += [
                (self.tr("Service"), label(SERVICE_LABELS, row.type)),
                (self.tr("Status"), label(STATUS_LABELS, row.status)),
                (self.tr("Conversation"), row.name),
                (self.tr("Group members"), row.participants),
                (self.tr("Attachments"), attachments),
            ]
        if row.kind == "call":
            fields += [
                (self.tr("Type"), label(CALL_TYPE_LABELS, row.type)),
                (self.tr("Duration"), duration_text(row.duration_seconds)),
                (
                    self.tr("Service"),
                    label(SERVICE_LABELS, row.service) + (f" ({row.text})" if row.text else ""),
                ),
                (self.tr("Name"), row.name),
            ]
        if row.kind == "contact":
            fields.append((self.tr("Name"), row.name))
            fields += [
                (point_label(p.label) if p.label else label(NUMBER_KIND_LABELS, p.kind), p.value)
                for p in row.points
            ]
            fields.append((self.tr("Organisation and notes"), row.text))
        else:
            fields += [
                (self.tr("Number as written"), row.number),
                (self.tr("Number (E.164)"), row.e164 or ""),
                (self.tr("Address kind"), label(NUMBER_KIND_LABELS, row.number_kind)),
            ]
        if row.deleted:
            fields.append((self.tr("Deleted"), self.tr("marked deleted on the device")))
        if row.note:
            fields.append((self.tr("Reading note"), stored_note(row.note)))
        source = row.provenance
        fields += [
            (self.tr("Source file"), source.path),
            (self.tr("Source SHA-256"), source.sha256),
            # Its title (in Korean on Korean screens) once read, with the name it is stored by.
            (self.tr("Parser"), _parser_text(source.parser, facts)),
            (self.tr("Table and row"), f"{source.table} #{source.row}"),
            (self.tr("Raw time"), row.time_raw),
        ]
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{html_escape(k)}</td>"
            f"<td>{html_escape(v)}</td></tr>"
            for k, v in fields
            if v
        )
        body = ""
        if row.kind == "message" and row.text:
            body = f"<p style='white-space:pre-wrap'>{html_escape(row.text)}</p>"
        reading = ""
        if facts is None:
            hint = html_escape(self.tr("Reading its numbers, tags and notes…"))
            reading = f"<p style='color:#777'>{hint}</p>"
        return f"{body}<table>{rows}</table>{reading}"

    # ---- actions (audited by the services), written off the GUI thread like the reads
    def add_tag(self) -> None:
        row, tag = self.current, self.tag_edit.text().strip()
        if row is not None and tag:
            self._write(
                self.tr("Adding a tag"),
                lambda: self._ws.artifacts.add_tag(self._actor, row.kind, row.id, tag),
                self.tag_edit,
            )

    def _remove_tag(self, entry: QListWidgetItem) -> None:
        row, tag = self.current, entry.text()
        if row is None:
            return
        self._write(
            self.tr("Removing a tag"),
            lambda: self._ws.artifacts.remove_tag(self._actor, row.kind, row.id, tag),
        )

    def add_note(self) -> None:
        row, note = self.current, self.note_edit.toPlainText().strip()
        if row is not None and note:
            self._write(
                self.tr("Adding a note"),
                lambda: self._ws.artifacts.add_note(self._actor, row.kind, row.id, note),
                self.note_edit,
            )

    def record_sighting(self) -> None:
        row, entry = self.current, self.numbers.currentItem()
        if row is None or entry is None:
            return
        e164 = str(entry.data(Qt.ItemDataRole.UserRole))
        category = AdCategory(self.category.currentData())
        self._write(
            self.tr("Recording a sighting"),
            lambda: self._ws.xref.add_sighting(self._actor, row.kind, row.id, e164, category),
        )

    def write_with(self, writer: Callable[[DetailWrite], None]) -> None:
        """The tags, notes and sightings are written by `writer`, which runs `run_write` off
        the GUI thread and hands the answer to `written` (or the refusal to `write_failed`),
        as `read_with` reads; without one, at once."""
        self._writer = writer

    @property
    def writing(self) -> bool:
        return self._writing > 0

    def _write(self, label: str, write: Callable[[], object], edit: TypedIn | None = None) -> None:
        row = self.current
        if row is None or self.writing:
            return
        # The inputs wait for the answer: a second click would write the tag twice.
        self._writing += 1
        self._enable_inputs()
        asked = DetailWrite(row, self._shown, label, write, edit, _typed(edit))
        ask(self._writer, asked, self.run_write, self.written, self.write_failed)

    def run_write(self, asked: DetailWrite) -> object:
        """Writes through the services only: off the GUI thread."""
        with refusals():  # the block library's refusals are told like the workstation's
            return asked.write()

    def written(self, asked: DetailWrite, _result: object) -> None:
        self._writing -= 1
        if asked.edit is not None and _typed(asked.edit) == asked.typed:
            asked.edit.clear()  # written (a refusal keeps what was typed)
        if asked.shown == self._shown:  # still shown: its tags and notes are read again
            self.show_artifact(asked.row)
        else:
            self._enable_inputs()
        self.changed.emit()

    def write_failed(self, asked: DetailWrite, error: UserError) -> None:
        self._writing -= 1
        self._enable_inputs()
        self.failed.emit(error_text(error))

    def _enable_inputs(self) -> None:
        enabled = self.current is not None and not self.writing
        for widget in (self.tag_edit, self.tag_button, self.note_edit, self.note_button):
            widget.setEnabled(enabled)
        self.tags.setEnabled(enabled)
        self.sighting_button.setEnabled(enabled and self.numbers.count() > 0)


class ArtifactTableView(PlaceholderTableView):
    def __init__(self, model: ArtifactTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for number, column in enumerate(model.columns):
            self.setColumnWidth(number, column.width)
        # Columns of translated words are as wide as their longest word in the reader's
        # language (a Korean service name was cut: "멀티미디…").
        words = {
            "direction": [label(DIRECTION_LABELS, v) for v in ("incoming", "outgoing")],
            "type": [label(SERVICE_LABELS, v) for v in MESSAGE_TYPES]
            if model.kind == "message"
            else [label(CALL_TYPE_LABELS, v) for v in CALL_TYPES],
        }
        for key, shown in words.items():
            if key in {c.key for c in model.columns}:
                fit_words(self, model.column(key), shown)
        self.setSortingEnabled(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)


class DeviceDataArea(QWidget):
    """Device data of one case (or one of its phones)."""

    changed = Signal()
    imported = Signal(object)  # the ImportReport

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        workstation = self._ws = ctx.workstation
        self._actor = ctx.actor
        self._case_id: int | None = None
        self._case_open = False
        self.last_message: QMessageBox | None = None
        self.last_dialog: QDialog | None = None
        clock = workstation.clock

        # ---- scope and import
        self.phone_combo = QComboBox()
        self.phone_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self._phones: list[PhoneSummary] = []  # those the combo lists
        self._phones_case: int | None = None  # whose phones they are
        self._phones_asked = 0  # counts the reads of the phones; the newest is shown
        self.reading_phones = False
        self._marks_asked = 0  # counts the reads of the tags and registry numbers
        self.reading_numbers = False
        self._wanted_phone: tuple[int | None] | None = None  # set_phone while reading
        # The import dialog, not a bare file chooser: it checks first, asks an encrypted
        # backup's password, takes a tool export's column mapping and the target item.
        self.import_button = QToolButton()
        self.import_button.setText(self.tr("Import device data…"))
        self.import_button.clicked.connect(lambda _checked=False: self.open_import_dialog())
        self.import_button.setToolTip(
            self.tr(
                "Import a phone's databases (mmssms.db, calllog.db, contacts2.db, sms.db, "
                "CallHistory.storedata, AddressBook.sqlitedb, chat.db) or a whole extraction "
                "folder. The evidence is copied and hashed, never changed."
            )
        )

        # ---- filters
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search text (Korean substrings too: 대출)"))
        self.search_edit.setClearButtonEnabled(True)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("Number, however written"))
        self.number_edit.setClearButtonEnabled(True)
        zone = workstation_zone(clock)
        self.from_check = QCheckBox(self.tr("From"))
        self.to_check = QCheckBox(self.tr("To"))
        self.from_edit = QDateTimeEdit()
        self.to_edit = QDateTimeEdit()
        now = QDateTime.fromSecsSinceEpoch(int(clock.now().timestamp()), zone)
        for edit in (self.from_edit, self.to_edit):
            edit.setTimeZone(zone)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.setDateTime(now)
            edit.setEnabled(False)
            edit.dateTimeChanged.connect(lambda _value: self._filter_timer.start())
        # The bounds are read in the workstation's zone: say which (times without their zone
        # are read as UTC by one analyst and as local time by another).
        self.zone_label = QLabel(clock.zone_abbreviation())
        self.zone_label.setToolTip(
            self.tr("The time range is in the workstation's time zone (%1).").replace(
                "%1", clock.zone_name
            )
        )
        self.from_check.toggled.connect(self.from_edit.setEnabled)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        self.from_check.toggled.connect(lambda _on: self.apply_filter())
        self.to_check.toggled.connect(lambda _on: self.apply_filter())
        self.direction_combo = QComboBox()
        self.direction_combo.addItem(self.tr("Both directions"), "")
        for value in ("incoming", "outgoing"):
            self.direction_combo.addItem(label(DIRECTION_LABELS, value), value)
        self.type_combo = QComboBox()
        self.tag_combo = QComboBox()
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555")
        # A text search is counted up to a limit ("10,000+ found"): the exact total on demand.
        self.count_all_button = QPushButton(self.tr("Count all"))
        self.count_all_button.setVisible(False)
        self.count_all_button.clicked.connect(self._count_all)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._filter_timer.start)
        self.number_edit.textChanged.connect(self._filter_timer.start)
        self.direction_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.tag_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())

        self.detail = ArtifactDetail(workstation, self._actor)
        self.detail.read_with(self._read_detail)
        self.detail.write_with(self._write_detail)
        self.detail.changed.connect(self._annotated)
        self.detail.failed.connect(self._warn)

        # ---- lists
        artifacts, xref = workstation.artifacts, workstation.xref
        self.models = {
            kind: ArtifactTableModel(artifacts, xref, clock, kind, self)
            for kind in ("message", "call", "contact")
        }
        self.tables = {kind: ArtifactTableView(model) for kind, model in self.models.items()}
        for kind, table in self.tables.items():
            table.selectionModel().currentRowChanged.connect(
                lambda current, _previous, k=kind: self._select(k, current.row())
            )
            self.models[kind].load_failed.connect(self._warn)
            self.models[kind].rowsInserted.connect(lambda *_: self._show_count())
            # Counting a million messages, or a search's matches, takes a moment: off the
            # GUI thread, the count saying so meanwhile.
            self.models[kind].count_with(partial(self._read_count, kind))
            self.models[kind].counted.connect(partial(self._counted, kind))
            # So are the pages as the list scrolls (their rows say they are loading), and a
            # row chosen before its page came is shown in the detail when it does.
            self.models[kind].read_pages_with(
                page_reader(
                    ctx, self, self.tr("Reading the list"), self.models[kind], self._refused
                )
            )
            self.models[kind].dataChanged.connect(partial(self._page_arrived, kind))
        self.conversations = ConversationListModel(artifacts, clock, self)
        self.conversation_list = QListView()
        self.conversation_list.setModel(self.conversations)
        self.conversation_list.setUniformItemSizes(True)
        # Each conversation is two lines (address; exhibit, count, time): alternate grounds
        # tell where one ends (they read as one run of lines).
        self.conversation_list.setAlternatingRowColors(True)
        self.conversation_list.setItemDelegate(_ListWide(self.conversation_list))
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversation_list.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._open_conversation(current.row())
        )
        self.bubbles = ArtifactTableModel(artifacts, xref, clock, "message", self)
        self.bubbles.read_pages_with(
            page_reader(ctx, self, self.tr("Reading older messages"), self.bubbles, self._refused)
        )
        self.bubble_view = PlaceholderListView()
        self.bubble_view.setModel(self.bubbles)
        self.bubble_view.setUniformItemSizes(True)
        self.bubble_view.setItemDelegate(BubbleDelegate(clock, self.bubble_view))
        self.bubble_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.bubble_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.detail.show_artifact(
                self.bubbles.artifact(current.row())
            )
        )
        self._narrowed = False
        self._listing = 0  # counts the conversation lists asked for; the newest is shown
        self.listing_conversations = False
        self.conversation_hint = QLabel()
        self.conversation_hint.setWordWrap(True)
        self.conversation_hint.setVisible(False)
        conversations = QSplitter(Qt.Orientation.Horizontal)
        conversations.addWidget(under_a_line(self.conversation_hint, self.conversation_list))
        self._opening = 0  # counts the conversations chosen; a read answers only the newest
        self._bubble_hint = ""  # what the empty bubble view says (none chosen, none found)
        self.bubble_status = QLabel()
        self.bubble_status.setVisible(False)
        conversations.addWidget(under_a_line(self.bubble_status, self.bubble_view))
        conversations.setSizes([300, 500])
        self.conversation_split = conversations
        self.timeline = TimelineView(ctx)
        self.timeline.loaded.connect(self._bounds_from_case)
        self.timeline.artifact_requested.connect(self.show_artifact)
        self.timeline.load_failed.connect(self._warn)
        self.xref_model = CrossReferenceModel(xref, self)
        self.xref_table = PlaceholderTableView()
        self.xref_table.setModel(self.xref_model)
        self.xref_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.xref_table.verticalHeader().hide()
        self.xref_table.horizontalHeader().setStretchLastSection(True)
        self.xref_table.doubleClicked.connect(self._xref_activated)

        self.tabs = QTabWidget()
        self.tabs.addTab(conversations, self.tr("Conversations"))
        self.tabs.addTab(self.tables["message"], self.tr("Messages"))
        self.tabs.addTab(self.tables["call"], self.tr("Calls"))
        self.tabs.addTab(self.tables["contact"], self.tr("Contacts"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.xref_table, self.tr("Flyer numbers on the phones"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Phone:")))
        top.addWidget(self.phone_combo, 1)
        top.addStretch(1)
        top.addWidget(self.import_button)
        # Two rows: on one, the date pickers and combos left the text search ~50 px wide.
        search = QHBoxLayout()
        self.search_edit.setMinimumWidth(240)
        self.number_edit.setMinimumWidth(160)
        search.addWidget(self.search_edit, 3)
        search.addWidget(self.number_edit, 2)
        search.addWidget(self.count_label)
        search.addWidget(self.count_all_button)
        filters = QHBoxLayout()
        filters.addWidget(self.from_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(self.to_check)
        filters.addWidget(self.to_edit)
        filters.addWidget(self.zone_label)
        filters.addWidget(self.direction_combo)
        filters.addWidget(self.type_combo)
        filters.addWidget(self.tag_combo)
        filters.addStretch(1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.tabs)
        body.addWidget(self.detail)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setSizes([900, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addWidget(body, 1)
        self._fill_type_combo()
        self.set_case(None)

    # ---- case, phone, filter
    @property
    def case_id(self) -> int | None:
        return self._case_id

    def set_case(self, case_id: int | None, *, case_open: bool | None = None) -> None:
        """Show a case's phones; `case_open` None: asked of the case with its phones (imports
        only into an open case; the import button waits for the answer)."""
        self._case_id = case_id
        self._case_open = bool(case_open) and case_id is not None
        self.import_button.setEnabled(self._case_open)
        self._fill_phones(ask_open=case_open is None and case_id is not None)
        self._read_marks()
        self.timeline.set_case(case_id)  # the bounds follow once it is read
        self.apply_filter()

    def _bounds_from_case(self) -> None:
        """Bounds not in use hold the case's first and last event, so ticking one narrows the
        case from there (they held 'now': ticking From hid everything)."""
        first, last = self.timeline.case_span
        zone = self.from_edit.timeZone()
        for check, edit, moment in (
            (self.from_check, self.from_edit, first),
            (self.to_check, self.to_edit, last),
        ):
            if check.isChecked() or moment is None:
                continue
            seconds = moment.timestamp()
            # The edit holds whole seconds: round the end up, so the last event stays in.
            whole = math.floor(seconds) if edit is self.from_edit else math.ceil(seconds)
            edit.blockSignals(True)
            edit.setDateTime(QDateTime.fromSecsSinceEpoch(whole, zone))
            edit.blockSignals(False)

    def set_phone(self, item_id: int | None) -> None:
        """Show one phone; while the phones are read, once they are."""
        if self.reading_phones:
            self._wanted_phone = (item_id,)
        index = self.phone_combo.findData(item_id)
        self.phone_combo.setCurrentIndex(max(index, 0))

    def _fill_phones(self, *, ask_open: bool = False) -> None:
        """The case's phones with their counts are read off the GUI thread (counting a
        million messages takes a moment), with whether the case is open if `ask_open`:
        meanwhile the combo says so under the phones known, and a list for a case left
        since, arriving late, is dropped."""
        self._phones_asked += 1
        asked, case_id = self._phones_asked, self._case_id
        if case_id != self._phones_case:  # another case: its phones are not known yet
            self._show_phones(case_id, [])
        if case_id is None:
            self.reading_phones = False
            return
        self.reading_phones = True
        combo = self.phone_combo
        items = combo.model()
        if combo.findData(READING_PHONES) < 0 and isinstance(items, QStandardItemModel):
            combo.blockSignals(True)
            combo.addItem(self.tr("Reading the phones…"), READING_PHONES)
            items.item(combo.count() - 1).setEnabled(False)  # a line to read, not to choose
            combo.blockSignals(False)
        artifacts, cases = self._ws.artifacts, self._ws.cases

        def work(_progress: TaskProgress) -> tuple[list[PhoneSummary], bool | None]:
            status = cases.get(case_id).status if ask_open else None
            return artifacts.phones(case_id), None if status is None else status == CaseStatus.OPEN

        def listed(found: tuple[list[PhoneSummary], bool | None]) -> None:
            phones, case_open = found
            if asked == self._phones_asked:
                self.reading_phones = False
                if case_open is not None:
                    self._case_open = case_open
                    self.import_button.setEnabled(case_open)
                before = combo.currentData()
                self._show_phones(case_id, phones)
                if combo.currentData() != before:
                    self.apply_filter()
                else:
                    self._explain_empty()

        def refused(error: UserError) -> None:
            if asked == self._phones_asked:
                self.reading_phones = False
                self._show_phones(case_id, self._phones)
                self._explain_empty()
                self._warn(error_text(error))

        Op(self.ctx, self, self.tr("Reading the phones"), work).success(listed).failure(
            refused
        ).run()

    def _show_phones(self, case_id: int | None, phones: list[PhoneSummary]) -> None:
        """The combo lists `phones`; the phone shown stays (or the one asked for meanwhile)."""
        combo = self.phone_combo
        wanted = self._wanted_phone[0] if self._wanted_phone else combo.currentData()
        self._wanted_phone = None
        self._phones_case, self._phones = case_id, phones
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All phones of the case"), None)
        for phone in phones:
            text = (
                self.tr("%1: %2 messages, %3 calls, %4 contacts")
                .replace("%1", phone.exhibit)
                .replace("%2", f"{phone.messages:,}")
                .replace("%3", f"{phone.calls:,}")
                .replace("%4", f"{phone.contacts:,}")
            )
            combo.addItem(text, phone.item_id)
        combo.setCurrentIndex(max(combo.findData(wanted), 0))
        combo.blockSignals(False)

    def _read_marks(self) -> None:
        """The case's tags (for the tag filter) and its numbers in the flyer registry are read
        off the GUI thread (the registry table says so meanwhile); an answer for a case left
        since, or before a newer tag, is dropped."""
        self._marks_asked += 1
        asked, case_id = self._marks_asked, self._case_id
        if case_id is None:
            self.reading_numbers = False
            self._show_tags([])
            self.xref_model.show([])
            return
        self.reading_numbers = True
        self._explain_empty()
        artifacts, xref = self._ws.artifacts, self._ws.xref

        def work(_progress: TaskProgress) -> tuple[list[str], list[XrefRow]]:
            return artifacts.tags_in_case(case_id), xref.cross_reference(case_id)

        def read(found: tuple[list[str], list[XrefRow]]) -> None:
            if asked == self._marks_asked:
                self.reading_numbers = False
                self._show_tags(found[0])
                self.xref_model.show(found[1])
                self._explain_empty()

        def refused(error: UserError) -> None:
            if asked == self._marks_asked:
                self.reading_numbers = False
                self._explain_empty()
                self._warn(error_text(error))

        Op(self.ctx, self, self.tr("Reading the flyer numbers"), work).success(read).failure(
            refused
        ).run()

    def _show_tags(self, tags: list[str]) -> None:
        current = self.tag_combo.currentData()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("Any tag"), "")
        for tag in tags:
            self.tag_combo.addItem(tag, tag)
        self.tag_combo.setCurrentIndex(max(self.tag_combo.findData(current), 0))
        self.tag_combo.blockSignals(False)

    def _fill_type_combo(self) -> None:
        kind = self.current_kind
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("All types"), "")
        values: Sequence[str] = ()
        if kind == "message":
            values, table = MESSAGE_TYPES, SERVICE_LABELS
        elif kind == "call":
            values, table = CALL_TYPES, CALL_TYPE_LABELS
        for value in values:
            self.type_combo.addItem(label(table, value), value)
        self.type_combo.setEnabled(bool(values))
        self.type_combo.blockSignals(False)

    @property
    def current_kind(self) -> str | None:
        return {1: "message", 2: "call", 3: "contact", 0: "message"}.get(self.tabs.currentIndex())

    def _tab_changed(self) -> None:
        self._fill_type_combo()
        self.apply_filter()

    def base_query(self, kind: str) -> ArtifactQuery | None:
        if self._case_id is None:
            return None
        return ArtifactQuery(
            case_id=self._case_id,
            kind=kind,
            item_id=self.phone_combo.currentData(),
            text=self.search_edit.text().strip(),
            number=self.number_edit.text().strip(),
            start=self._bound(self.from_check, self.from_edit),
            end=self._bound(self.to_check, self.to_edit),
            direction=self.direction_combo.currentData() or "" if kind != "contact" else "",
            type=(self.type_combo.currentData() or "") if kind == self.current_kind else "",
            tag=self.tag_combo.currentData() or "",
        )

    @staticmethod
    def _bound(check: QCheckBox, edit: QDateTimeEdit) -> datetime | None:
        if not check.isChecked():
            return None
        return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        for kind, model in self.models.items():
            query = self.base_query(kind)
            if query is not None and model.query is not None:
                query = replace(query, sort=model.query.sort, descending=model.query.descending)
            model.set_query(query)  # the conversations follow the messages' count
        self.bubbles.set_query(None)
        self._show_count()
        self._explain_empty()
        self.detail.show_artifact(None)

    def _read_count(self, kind: str, read: CountRead) -> None:
        model = self.models[kind]
        Op(self.ctx, self, self.tr("Counting"), lambda _p: model.read_count(read)).success(
            lambda counted: model.put_count(read, counted)
        ).failure(lambda error: model.count_failed(read, error)).run()

    def _counted(self, kind: str) -> None:
        """A list's count came (answers for a query set before the newest never do)."""
        if kind == "message":
            self._load_conversations()
        self._show_count()
        self._explain_empty()

    def _explain_empty(self) -> None:
        """An empty list says why: no case, no phone imported yet, or nothing matching."""
        within = self.base_query("message")
        if self._case_id is None:
            text = self.tr("No case is open.")
        elif self.reading_phones and not self._phones:
            text = self.tr("Reading the phones…")
        elif not self._phones:
            text = self.tr("No phone data in this case yet. Click “Import device data…”.")
        elif within is not None and filters_messages(within):
            text = self.tr("Nothing matches the search and filters.")
        else:
            text = self.tr("None on the phones of this case.")
        counting = self.tr("Counting…")
        for kind, table in self.tables.items():
            table.set_placeholder(counting if self.models[kind].counting else text)
        if self.models["message"].counting or self.listing_conversations:
            self._bubble_hint = self.tr("Reading the conversations…")
        elif self.conversations.rowCount():
            self._bubble_hint = self.tr("Choose a conversation to read its messages.")
        else:
            self._bubble_hint = text
        self.bubble_view.set_placeholder(self._bubble_hint)
        if self._case_id is not None and self.reading_numbers:
            text = self.tr("Reading the flyer numbers…")
        elif self._case_id is not None and self._phones:
            text = self.tr(
                "None of the numbers on the phones is in the flyer registry. Numbers enter it "
                "when flyer photos are read (with the time they were collected) and when "
                "sightings are recorded."
            )
        self.xref_table.set_placeholder(text)

    def _load_conversations(self) -> None:
        """The search and filters narrow the conversations too (those with a match, and in
        each its matches), while the matches are few enough to group at once: grouping a
        quarter of a million matches takes seconds, which the list must not freeze for."""
        within = self.base_query("message")
        matches = self.models["message"]
        item_id = self.phone_combo.currentData()
        # Up to the step a text search is counted to (so "capped" means too many here too):
        # grouping 10,000 matches is ~0.1 s on a million-message store.
        limit = device_models.SEARCH_COUNT_STEP
        self._narrowed = within is not None and filters_messages(within)
        if self._narrowed and (matches.capped or matches.rowCount() > limit):
            self._narrowed = False
            self.conversation_hint.setText(
                self.tr(
                    "More than %1 messages match: every conversation is listed, whole. "
                    "Narrow the search to list only the conversations with a match."
                ).replace("%1", f"{limit:,}")
            )
        elif self._narrowed:
            self.conversation_hint.setText(
                self.tr("Only the conversations with a match, and in them only the matches.")
            )
        self.conversation_hint.setVisible(within is not None and filters_messages(within))
        # Grouped off the GUI thread (0.1 s at 20,000 messages); a list asked for before the
        # newest, arriving late, is dropped.
        self._listing += 1
        listing, case_id = self._listing, self._case_id
        narrowed = within if self._narrowed else None
        conversations = self.conversations
        self.listing_conversations = case_id is not None
        if case_id is None:
            conversations.show([])
            return

        def listed(rows: list[ConversationRow]) -> None:
            if listing == self._listing:
                self.listing_conversations = False
                conversations.show(rows)
                self._explain_empty()

        def refused(error: UserError) -> None:
            if listing == self._listing:
                self.listing_conversations = False
                self._explain_empty()
                self._warn(error_text(error))

        Op(
            self.ctx,
            self,
            self.tr("Reading the conversations"),
            lambda _p: conversations.read(case_id, item_id, narrowed),
        ).success(listed).failure(refused).run()

    def _show_count(self) -> None:
        model = self.models[self.current_kind or "message"]
        shown = f"{model.rowCount():,}"
        if model.counting:
            self.count_label.setText(self.tr("Counting…"))
        elif model.capped:
            self.count_label.setText(self.tr("More than %1 found").replace("%1", shown))
        else:
            self.count_label.setText(self.tr("%1 found").replace("%1", shown))
        self.count_all_button.setVisible(model.capped and not model.counting)

    def _count_all(self) -> None:
        self.models[self.current_kind or "message"].count_all()
        self._show_count()

    # ---- selection
    def _select(self, kind: str, row: int) -> None:
        self.detail.show_artifact(self.models[kind].artifact(row))

    def _open_conversation(self, row: int) -> None:
        """The conversation's messages are counted and its last pages read off the GUI thread
        (a chat of 100,000 messages took a moment); the view says it is loading, and a read
        for a conversation chosen before the newest is dropped."""
        self._opening += 1
        opening = self._opening
        conversation = self.conversations.conversation(row)
        if conversation is None or self._case_id is None:
            self.bubble_status.setVisible(False)
            self.bubbles.set_query(None)
            return
        within = self.base_query("message")
        # item_id: the messages outside any conversation are listed per phone.
        query = ArtifactQuery(
            self._case_id, item_id=conversation.item_id, conversation_id=conversation.id
        )
        if self._narrowed and within is not None:
            query = replace(within, item_id=conversation.item_id, conversation_id=conversation.id)
        self.bubbles.set_query(None)
        self.bubble_view.set_placeholder("")  # the line above says it is loading
        self.bubble_status.setText(self.tr("Loading the conversation…"))
        self.bubble_status.setVisible(True)
        bubbles = self.bubbles

        def work(_progress: TaskProgress) -> PreparedRows:
            return bubbles.read_last_rows(query)

        def loaded(prepared: PreparedRows) -> None:
            if opening != self._opening:
                return  # another conversation was chosen meanwhile
            self.bubble_status.setVisible(False)
            self.bubble_view.set_placeholder(self._bubble_hint)
            self.bubbles.show_prepared(prepared)
            if self.bubbles.rowCount():
                self.bubble_view.scrollToBottom()

        def refused(error: UserError) -> None:
            if opening == self._opening:
                self.bubble_status.setVisible(False)
                self.bubble_view.set_placeholder(self._bubble_hint)
                self._warn(error_text(error))

        Op(self.ctx, self, self.tr("Reading the conversation"), work).success(loaded).failure(
            refused
        ).run()

    def _refused(self, error: UserError) -> None:
        self._warn(error_text(error))

    def _page_arrived(self, kind: str, top: QModelIndex, bottom: QModelIndex, *_: Any) -> None:
        """A row chosen while its page was being read is shown once the page is there."""
        table = self.tables[kind]
        row = table.currentIndex().row()
        if (
            self.detail.current is None
            and not self.detail.reading
            and self.tabs.currentWidget() is table
            and top.row() <= row <= bottom.row()
        ):
            self._select(kind, row)

    def _read_detail(self, read: DetailRead) -> None:
        """What the detail shows beside a row is read off the GUI thread (it says so
        meanwhile); the answer for a row chosen before the newest is dropped."""
        detail = self.detail
        Op(
            self.ctx, self, self.tr("Reading the artifact"), lambda _p: detail.read_facts(read)
        ).success(lambda facts: detail.put_facts(read, facts)).failure(
            lambda error: detail.facts_failed(read, error)
        ).run()

    def _write_detail(self, asked: DetailWrite) -> None:
        """A tag, note or sighting is written off the GUI thread (an audited write waits on
        the database, PostgreSQL's round trips or a busy SQLite)."""
        detail = self.detail
        Op(self.ctx, self, asked.label, lambda _p: detail.run_write(asked)).success(
            lambda result: detail.written(asked, result)
        ).failure(lambda error: detail.write_failed(asked, error)).run()

    @property
    def is_opening_conversation(self) -> bool:
        return self.bubble_status.isVisibleTo(self)

    def show_artifact(self, kind: str, artifact_id: int) -> None:
        """Open one artifact (from the timeline or the block area): its list, and its detail,
        read off the GUI thread (the detail says so meanwhile; an artifact opened before the
        newest, arriving late, is dropped)."""
        tab = {"message": 1, "call": 2, "contact": 3}.get(kind)
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        shown = self.detail.show_reading()
        artifacts = self._ws.artifacts

        def opened(row: ArtifactRow) -> None:
            if self.detail.shown == shown:  # nothing else was chosen meanwhile
                self.detail.show_artifact(row)

        def refused(error: UserError) -> None:
            if self.detail.shown == shown:
                self.detail.show_artifact(None)
                self._warn(error_text(error))

        Op(
            self.ctx,
            self,
            self.tr("Reading the artifact"),
            lambda _p: artifacts.get(kind, artifact_id),
        ).success(opened).failure(refused).run()

    def _xref_activated(self, index: QModelIndex) -> None:
        found = (
            self.xref_model.rows[index.row()]
            if 0 <= index.row() < len(self.xref_model.rows)
            else None
        )
        if found is None:
            return
        self.number_edit.setText(found.national)
        self.tabs.setCurrentIndex(1)
        self.apply_filter()

    def _annotated(self) -> None:
        for model in self.models.values():
            model.forget_rows()
        self._read_marks()
        self.changed.emit()
        # Tags and notes are audited; a sighting recorded here is one more for block requests.
        self.ctx.bus.notify(Changed.CUSTODY | Changed.NUMBERS, self)

    # ---- import
    def choose_files(self) -> None:
        files = choose_files(self, self.tr("Import device databases"))
        if files:
            self.open_import_dialog(files)

    def choose_folder(self) -> None:
        folder = choose_folder(self, self.tr("Import an extraction folder"))
        if folder is not None:
            self.open_import_dialog([folder])

    def open_import_dialog(
        self, paths: Sequence[Path] = (), item_id: int | None = None
    ) -> ImportDialog | None:
        """The import dialog for the case; the data goes into `item_id`, else the phone shown."""
        if self._case_id is None or not self._case_open:
            return None
        from forensics_app.ui.import_dialog import ImportDialog  # containers load on first use

        target = item_id if item_id is not None else self.phone_combo.currentData()
        dialog = ImportDialog(self.ctx, self._case_id, paths, item_id=target, parent=self)
        dialog.imported.connect(self._shown_import)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _shown_import(self, report: ImportReport) -> None:
        """An import done in the dialog (which says what was read): the lists follow."""
        self.set_case(self._case_id, case_open=self._case_open)
        if report.item is not None:
            self.set_phone(report.item.id)
        self.imported.emit(report)
        self.changed.emit()

    def import_paths(self, paths: Sequence[Path], item_id: int | None = None) -> None:
        """Import in the background; the lists follow when it is done."""
        if self._case_id is None or not self._case_open:
            return
        case_id, actor = self._case_id, self._actor
        target = item_id if item_id is not None else self.phone_combo.currentData()

        def work(progress: TaskProgress) -> ImportReport:
            return self._ws.ingest.import_paths(
                actor, case_id, list(paths), item_id=target, progress=progress
            )

        Op(self.ctx, self, self.tr("Importing device data"), work).changes(
            Changed.ITEMS | Changed.CUSTODY | Changed.CASES
        ).failure(lambda exc: self._warn(error_text(exc))).success(self._imported).run()

    def _imported(self, report: ImportReport) -> None:
        self.set_case(self._case_id, case_open=self._case_open)
        if report.item is not None:
            self.set_phone(report.item.id)
        counts = report.counts
        text = (
            self.tr("%1: %2 messages, %3 calls, %4 contacts imported.")
            .replace("%1", report.item.exhibit_number if report.item else "—")
            .replace("%2", f"{counts['message']:,}")
            .replace("%3", f"{counts['call']:,}")
            .replace("%4", f"{counts['contact']:,}")
        )
        if report.warnings:
            text += "\n\n" + "\n".join(note.render() for note in report.warnings[:15])
        self._inform(text)
        self.imported.emit(report)
        self.changed.emit()

    # ---- messages to the user
    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Device data"), text, parent=self)
        self.last_message = box
        box.open()

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Device data"), text, parent=self)
        self.last_message = box
        box.open()
