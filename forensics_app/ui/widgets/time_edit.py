"""An optional date and time with the zone it was read in: seizure times, when flyers were
collected. Entered and shown in the workstation's zone unless the user picks another; the
services get an aware UTC datetime (or None when the time is not known)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QHBoxLayout, QWidget

from forensics_app.clock import Clock
from forensics_app.ui.widgets.formatting import (
    as_utc,
    from_qdatetime,
    now_in_zone,
    workstation_zone,
)


class ZonedDateTimeEdit(QWidget):
    edited = Signal()

    def __init__(self, clock: Clock, known_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(known_text or self.tr("Known"))
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setMinimumWidth(
            self.edit.fontMetrics().horizontalAdvance("0000-00-00 00:00") + 48
        )
        self.zone = QComboBox()
        # The workstation's zone first: times are entered and shown in it unless told.
        local = workstation_zone(clock)
        zones: list[tuple[str, QTimeZone]] = [
            (self.tr("Workstation (%1)").replace("%1", clock.zone_name), local)
        ]
        for zone_id, title in ((b"Asia/Seoul", self.tr("Korea (KST)")), (b"UTC", "UTC")):
            zone = QTimeZone(zone_id)
            if zone.isValid() and zone.id() != local.id():
                zones.append((title, zone))
        for title, zone in zones:
            self.zone.addItem(title, zone)
        now = now_in_zone(clock)
        self.edit.setDateTime(QDateTime(now.date(), now.time()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.zone)
        self.known.toggled.connect(self._sync_enabled)
        self.known.toggled.connect(self.edited)
        self.edit.dateTimeChanged.connect(self.edited)
        self.zone.currentIndexChanged.connect(self.edited)
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        self.edit.setEnabled(self.known.isChecked())
        self.zone.setEnabled(self.known.isChecked())

    def _current_zone(self) -> QTimeZone:
        zone = self.zone.currentData()
        return zone if isinstance(zone, QTimeZone) else QTimeZone.utc()

    def value(self) -> datetime | None:
        if not self.known.isChecked():
            return None
        return from_qdatetime(self.edit.dateTime(), self._current_zone())

    def set_value(self, moment: datetime | None) -> None:
        self.known.setChecked(moment is not None)
        if moment is not None:
            seconds = int(as_utc(moment).timestamp())
            shown = QDateTime.fromSecsSinceEpoch(seconds, self._current_zone())
            self.edit.setDateTime(QDateTime(shown.date(), shown.time()))

    def set_local(self, date: QDate, time: QTime) -> None:
        """For tests and scripts: the wall time in the chosen zone."""
        self.known.setChecked(True)
        self.edit.setDateTime(QDateTime(date, time))
