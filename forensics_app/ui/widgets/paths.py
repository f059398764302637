"""Files and folders: the file choosers (Qt's own dialog, so it speaks the program's language
rather than the desktop's), paths dropped from a file manager, and the list of files and
folders a dialog is about to catalogue, with what it holds counted before anything runs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forensics_app.ui.widgets.formatting import size_text
from forensics_app.ui.widgets.wrapped_label import WrappedLabel

COUNT_LIMIT = 200_000  # files counted in the chosen folders before the summary says "at least"

# Qt's own dialog: the desktop's native one would speak the desktop's language, not ours.
DIALOG_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def choose_files(
    parent: QWidget, title: str, name_filter: str = "", folder: str = ""
) -> list[Path]:
    names, _chosen = QFileDialog.getOpenFileNames(
        parent, title, folder, name_filter, "", DIALOG_OPTIONS
    )
    return [Path(name) for name in names]


def choose_file(
    parent: QWidget, title: str, name_filter: str = "", folder: str = ""
) -> Path | None:
    name, _chosen = QFileDialog.getOpenFileName(
        parent, title, folder, name_filter, "", DIALOG_OPTIONS
    )
    return Path(name) if name else None


def choose_folder(parent: QWidget, title: str, folder: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, title, folder, DIALOG_OPTIONS | QFileDialog.Option.ShowDirsOnly
    )
    return Path(name) if name else None


def choose_save_file(
    parent: QWidget, title: str, suggested: str, name_filter: str
) -> tuple[Path, str] | None:
    """(path, the filter chosen) or None."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, title, suggested, name_filter, "", DIALOG_OPTIONS
    )
    return (Path(name), chosen) if name else None


def local_paths(mime: QMimeData) -> list[Path]:
    """Local files and folders in a drag; anything else (web links, text) is not evidence."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


@dataclass(frozen=True)
class PathCount:
    files: int  # files that will be catalogued (inside folders too)
    size: int
    folders: int  # folders among the chosen paths
    others: int  # files the filter leaves out (not photos, say)
    complete: bool  # False: COUNT_LIMIT reached, the figures are a lower bound


def count_paths(paths: Iterable[Path], wanted: Callable[[Path], bool] | None = None) -> PathCount:
    """What cataloguing `paths` would take in: files inside folders counted (recursively), as
    the services collect them. Unreadable entries are skipped, as the services skip them."""
    files = size = folders = others = 0
    complete = True

    def take(path: Path, stat_size: int) -> None:
        nonlocal files, size, others
        if wanted is None or wanted(path):
            files += 1
            size += stat_size
        else:
            others += 1

    for path in paths:
        try:
            if path.is_dir():
                folders += 1
                for root, _dirs, names in os.walk(path):
                    for name in names:
                        if files + others >= COUNT_LIMIT:
                            complete = False
                            break
                        entry = Path(root, name)
                        try:
                            if entry.is_file():
                                take(entry, entry.stat().st_size)
                        except OSError:
                            continue
            elif path.is_file():
                take(path, path.stat().st_size)
        except OSError:
            continue
    return PathCount(files, size, folders, others, complete)


class PathListWidget(QWidget):
    """Files and folders chosen with the file dialogs or dropped on the list; the summary
    under it counts what the folders hold."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        wanted: Callable[[Path], bool] | None = None,
        file_filter: str = "",
    ) -> None:
        super().__init__(parent)
        self._wanted = wanted
        self.file_filter = file_filter
        self.count: PathCount = PathCount(0, 0, 0, 0, True)
        self.list = _DropList(self)
        self.list.dropped.connect(self.add_paths)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(110)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setToolTip(self.tr("Drop files or folders here"))
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.summary = WrappedLabel()
        self.summary.setStyleSheet("color: palette(mid)")
        buttons = QVBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        self._update_summary()

    def paths(self) -> list[Path]:
        return [
            Path(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
        ]

    def add_paths(self, paths: Iterable[Path]) -> None:
        known = set(self.paths())
        style = self.style()
        for path in paths:
            if path in known:
                continue
            known.add(path)
            item = QListWidgetItem(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            if path.is_dir():
                item.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DirIcon))
                item.setToolTip(self.tr("Folder: every file inside is catalogued"))
            else:
                item.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
                try:
                    item.setToolTip(size_text(path.stat().st_size))
                except OSError:
                    item.setToolTip(self.tr("Cannot read this file"))
            self.list.addItem(item)
        self._update_summary()
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_summary()
        self.changed.emit()

    def choose_files(self) -> None:
        self.add_paths(choose_files(self, self.tr("Choose files"), self.file_filter))

    def choose_folder(self) -> None:
        folder = choose_folder(self, self.tr("Choose a folder"))
        if folder is not None:
            self.add_paths([folder])

    def summary_text(self) -> str:
        count = self.count
        files = str(count.files) if count.complete else f"{count.files:,}+"
        text = self.tr("%1 file(s), %2").replace("%1", files).replace("%2", size_text(count.size))
        if count.folders:
            text += self.tr(", in %1 folder(s)").replace("%1", str(count.folders))
        if count.others:
            text += self.tr("; %1 other file(s) will be skipped").replace("%1", str(count.others))
        return text

    def _update_summary(self) -> None:
        paths = self.paths()
        self.remove_button.setEnabled(bool(paths))
        if not paths:
            self.count = PathCount(0, 0, 0, 0, True)
            self.summary.setText(
                self.tr("Nothing chosen yet. Add files or folders, or drop them on the list.")
            )
            return
        self.count = count_paths(paths, self._wanted)
        self.summary.setText(self.summary_text() + self.tr(" — hashed with SHA-256 and MD5."))


class _DropList(QListWidget):
    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(paths)
