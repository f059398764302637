"""The password prompt for an encrypted iTunes/Finder backup. The password lives only in the
dialog and the import that uses it: never stored, never logged, never shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class BackupPasswordDialog(QDialog):
    def __init__(self, backup: str, *, wrong: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypted backup"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The backup {backup} is encrypted. Enter the password that was set in iTunes "
                "or Finder. It is used for this import only and is not stored."
            ).format(backup=backup)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problem = QLabel(self.tr("That password does not open the backup. Try again."))
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(wrong)
        layout.addWidget(self.problem)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(self.tr("Backup password"))
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def password(self) -> str:
        return self.field.text()

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.field.clear()
        super().done(result)


def ask_backup_password(backup: str, *, wrong: bool, parent: QWidget | None) -> str | None:
    dialog = BackupPasswordDialog(backup, wrong=wrong, parent=parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password():
            return None
        return dialog.password()
    finally:
        dialog.field.clear()
        dialog.deleteLater()
