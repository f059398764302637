"""Who is working: every write is attributed to the signed-in examiner in the custody log.

Three situations, three pages:
- an empty database: create the first examiner (who becomes the administrator);
- a local SQLite database (one workstation, one person at a time): pick yourself from the list,
  or register a new examiner; no passwords, the remembered examiner is preselected;
- a team PostgreSQL database (shared): badge number and password, retried until right.
"""

from __future__ import annotations

import logging
import socket

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from forensics_app.config import Preferences
from forensics_app.errors import AuthenticationError, UserError
from forensics_app.services import Workstation
from forensics_app.services.examiners import MIN_PASSWORD_LENGTH
from forensics_app.services.records import Actor, ExaminerRecord, Role
from forensics_app.ui.widgets.formatting import html_escape, pretty_location, role_text
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

log = logging.getLogger(__name__)

PAGE_CHOOSE, PAGE_PASSWORD, PAGE_CREATE = range(3)


class SignInDialog(QDialog):
    def __init__(
        self,
        workstation: Workstation,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._prefs = preferences if preferences is not None else Preferences.load()
        self.actor: Actor | None = None
        self._remembered = self._prefs.examiner_by_db.get(workstation.location, "")
        self._first = workstation.examiners.count() == 0

        self.setWindowTitle(self.tr("Sign in — Forensics Workstation"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        kind = (
            self.tr("Team database (shared)")
            if workstation.is_team_database
            else self.tr("Local database (this computer)")
        )
        self.location_label = WrappedLabel(
            f"<b>{kind}</b><br>{html_escape(pretty_location(workstation.location))}"
        )
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.location_label)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_choose_page())
        self.pages.addWidget(self._build_password_page())
        self.pages.addWidget(self._build_create_page())
        layout.addWidget(self.pages)

        self.error_label = WrappedLabel()
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if self._first:
            self._show_create_page()
        elif workstation.is_team_database:
            self._show_page(PAGE_PASSWORD)
        else:
            self._show_page(PAGE_CHOOSE)

    # ---- pages ---------------------------------------------------------------------------
    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Who is working on this workstation?")))
        self.examiner_list = QListWidget()
        self.examiner_list.itemDoubleClicked.connect(lambda _item: self._submit())
        layout.addWidget(self.examiner_list)
        self.new_examiner_button = QPushButton(self.tr("Register a new examiner…"))
        self.new_examiner_button.clicked.connect(self._show_create_page)
        layout.addWidget(self.new_examiner_button, 0, Qt.AlignmentFlag.AlignLeft)
        if not self._workstation.is_team_database:
            self._fill_examiners()
        return page

    def _fill_examiners(self) -> None:
        self.examiner_list.clear()
        for examiner in self._workstation.examiners.list():
            if not examiner.active:
                continue
            item = QListWidgetItem(_examiner_label(examiner))
            item.setData(Qt.ItemDataRole.UserRole, examiner.badge_number)
            self.examiner_list.addItem(item)
            if examiner.badge_number == self._remembered:
                self.examiner_list.setCurrentItem(item)
        if self.examiner_list.currentRow() < 0 and self.examiner_list.count() > 0:
            self.examiner_list.setCurrentRow(0)

    def _build_password_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.badge_edit = QLineEdit(self._remembered)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Badge number:"), self.badge_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        return page

    def _build_create_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.create_intro = WrappedLabel()
        form.addRow(self.create_intro)
        self.name_edit = QLineEdit()
        self.new_badge_edit = QLineEdit()
        self.role_combo = QComboBox()
        for role in (Role.EXAMINER, Role.REVIEWER, Role.ADMIN):
            self.role_combo.addItem(role_text(role), role)
        self.new_password_edit = QLineEdit()
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_password_edit = QLineEdit()
        self.repeat_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Badge number:"), self.new_badge_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        if self._workstation.is_team_database:
            form.addRow(self.tr("Password:"), self.new_password_edit)
            form.addRow(self.tr("Repeat password:"), self.repeat_password_edit)
        else:
            self.new_password_edit.hide()
            self.repeat_password_edit.hide()
        self.back_button = QPushButton(self.tr("← Back to the list"))
        self.back_button.clicked.connect(lambda: self._show_page(PAGE_CHOOSE))
        form.addRow(self.back_button)
        return page

    @Slot()
    def _show_create_page(self) -> None:
        if self._first:
            self.create_intro.setText(
                self.tr(
                    "This database has no examiners yet. Create the first one: it becomes the "
                    "administrator."
                )
            )
            self.role_combo.setCurrentIndex(self.role_combo.findData(Role.ADMIN))
            self.role_combo.setEnabled(False)
            self.back_button.hide()
        else:
            registrar = self._selected_badge()
            self.create_intro.setText(
                self.tr(
                    "The new examiner is registered by {name}; the custody log records who "
                    "added whom."
                ).format(name=self._label_of(registrar))
            )
        self._show_page(PAGE_CREATE)
        self.name_edit.setFocus()

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.error_label.hide()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create and sign in") if page == PAGE_CREATE else self.tr("Sign in"))
        if page == PAGE_PASSWORD:
            (self.password_edit if self.badge_edit.text() else self.badge_edit).setFocus()
        elif page == PAGE_CHOOSE:
            self.examiner_list.setFocus()

    # ---- actions -------------------------------------------------------------------------
    def _selected_badge(self) -> str:
        item = self.examiner_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _label_of(self, badge: str) -> str:
        for row in range(self.examiner_list.count()):
            item = self.examiner_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == badge:
                return item.text()
        return badge

    @Slot()
    def _submit(self) -> None:
        page = self.pages.currentIndex()
        actor: Actor | None
        try:
            if page == PAGE_CHOOSE:
                badge = self._selected_badge()
                if not badge:
                    self._fail(self.tr("Choose an examiner from the list."))
                    return
                actor = self._workstation.examiners.sign_in(badge)
            elif page == PAGE_PASSWORD:
                actor = self._sign_in_with_password()
            else:
                actor = self._create()
        except AuthenticationError as exc:
            if page == PAGE_PASSWORD:
                log.warning("Sign-in failed for badge %r", self.badge_edit.text().strip())
                self._fail(self.tr("Wrong badge number or password. Try again."))
                self.password_edit.clear()
                self.password_edit.setFocus()
            else:
                self._fail(error_text(exc))
            return
        except UserError as exc:
            self._fail(error_text(exc))
            return
        if actor is None:
            return
        self.actor = actor
        self._remember(actor)
        if self._workstation.is_team_database:
            try:
                self._workstation.examiners.record_sign_in(actor, socket.gethostname())
            except UserError as exc:
                self._fail(error_text(exc))
                return
        log.info("Signed in as %s on %s", actor.label, self._workstation.location)
        self.accept()

    def _sign_in_with_password(self) -> Actor | None:
        badge = self.badge_edit.text().strip()
        if not badge or not self.password_edit.text():
            self._fail(self.tr("Enter your badge number and password."))
            return None
        return self._workstation.examiners.sign_in(badge, self.password_edit.text())

    def _create(self) -> Actor | None:
        password: str | None = None
        if self._workstation.is_team_database:
            password = self.new_password_edit.text()
            if len(password) < MIN_PASSWORD_LENGTH:
                self._fail(
                    self.tr("The password needs at least {n} characters.").format(
                        n=MIN_PASSWORD_LENGTH
                    )
                )
                return None
            if password != self.repeat_password_edit.text():
                self._fail(self.tr("The two passwords differ."))
                return None
        if not self.name_edit.text().strip() or not self.new_badge_edit.text().strip():
            self._fail(self.tr("Enter a name and a badge number."))
            return None
        registrar = None
        if not self._first:
            # The service wants an acting examiner for every account after the first one; on a
            # local database that is whoever is chosen in the list.
            registrar = self._workstation.examiners.sign_in(self._selected_badge())
        role = self.role_combo.currentData()
        return self._workstation.examiners.create(
            registrar,
            self.name_edit.text(),
            self.new_badge_edit.text(),
            Role(role) if role else Role.EXAMINER,
            password=password,
        )

    def _remember(self, actor: Actor) -> None:
        if self._prefs.examiner_by_db.get(self._workstation.location) == actor.badge_number:
            return
        self._prefs.examiner_by_db[self._workstation.location] = actor.badge_number
        try:
            self._prefs.save()
        except OSError:
            log.warning("Cannot save preferences to %s", self._prefs.path, exc_info=True)

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def _examiner_label(examiner: ExaminerRecord) -> str:
    return f"{examiner.name} ({examiner.badge_number}) — {role_text(examiner.role)}"


class ExaminerDialog(QDialog):
    """Add an examiner account while signed in (on a team database only an administrator
    may; the service enforces it and the refusal is shown here)."""

    def __init__(self, workstation: Workstation, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self._workstation = workstation
        self._actor = actor
        self.created: Actor | None = None
        self.setWindowTitle(self.tr("Add examiner"))
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.name_edit = QLineEdit()
        self.badge_edit = QLineEdit()
        self.role_combo = QComboBox()
        for role in (Role.EXAMINER, Role.REVIEWER, Role.ADMIN):
            self.role_combo.addItem(role_text(role), role)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Badge number:"), self.badge_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        if workstation.is_team_database:
            form.addRow(self.tr("Password:"), self.password_edit)
            form.addRow(self.tr("Repeat password:"), self.repeat_edit)
        self.error_label = WrappedLabel()
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @Slot()
    def _submit(self) -> None:
        password: str | None = None
        if self._workstation.is_team_database:
            password = self.password_edit.text()
            if len(password) < MIN_PASSWORD_LENGTH:
                self._fail(
                    self.tr("The password needs at least {n} characters.").format(
                        n=MIN_PASSWORD_LENGTH
                    )
                )
                return
            if password != self.repeat_edit.text():
                self._fail(self.tr("The two passwords differ."))
                return
        role = self.role_combo.currentData()
        try:
            self.created = self._workstation.examiners.create(
                self._actor,
                self.name_edit.text(),
                self.badge_edit.text(),
                Role(role) if role else Role.EXAMINER,
                password=password,
            )
        except UserError as exc:
            self._fail(error_text(exc))
            return
        log.info("Examiner %s added by %s", self.created.label, self._actor.label)
        self.accept()

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
