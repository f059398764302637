"""Fixtures and helpers for the evidence pane and custody view tests (both databases).

Imported by the test modules (not a conftest: tests/ui/conftest.py belongs to the shell)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, CaseRecord, ItemKind, ItemRecord, ItemStatus
from forensics_app.ui.evidence_pane import EvidencePane
from forensics_app.ui.tasks import TaskRunner
from tests.ui.conftest import MakeContext

MAKES = (("Samsung", "Galaxy S23"), ("Apple", "iPhone 14"), ("LG", "V50"), ("", ""))
PLACES = ("서울 강남구", "수원시 인계동", "부산 해운대구")
WORDS = ("black", "white", "red", "broken", "sealed", "used", "new")


@pytest.fixture
def case(workstation: Workstation, actor: Actor) -> CaseRecord:
    return workstation.cases.create(actor, "불법 전단지 광고", number="2024-0042")


class MakePane(Protocol):
    """The `make_pane` fixture: an evidence pane, on a case if given, shown if asked."""

    def __call__(
        self,
        case_id: int | None = None,
        runner: TaskRunner | None = None,
        show: bool = False,
    ) -> EvidencePane: ...


@pytest.fixture
def make_pane(qtbot: QtBot, make_context: MakeContext) -> Iterator[MakePane]:
    def make(
        case_id: int | None = None, runner: TaskRunner | None = None, show: bool = False
    ) -> EvidencePane:
        pane = EvidencePane(make_context(task_runner=runner))
        qtbot.addWidget(pane)
        pane.resize(1300, 800)
        if case_id is not None:
            pane.set_case(case_id)
        if show:
            pane.show()
            qtbot.waitExposed(pane)
        return pane

    yield make


def write_file(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def make_items(
    workstation: Workstation, actor: Actor, case_id: int, count: int
) -> list[ItemRecord]:
    """`count` varied items: kinds in turn, a few statuses, makes, places and descriptions."""
    kinds = list(ItemKind)
    items = []
    for number in range(count):
        make, model = MAKES[number % len(MAKES)]
        draft = ItemDraft(
            kind=kinds[number % len(kinds)],
            description=f"{WORDS[number * 3 % len(WORDS)]} item {number:03d}"
            + (" flyer bundle" if number % 5 == 0 else ""),
            make=make,
            model=model,
            serial_number=f"SN{(number * 7919) % 100_000:05d}",
            storage_location=PLACES[number % len(PLACES)],
        )
        items.append(workstation.evidence.add_item(actor, case_id, draft).item)
    for item in items[::4]:
        workstation.evidence.set_status(actor, item.id, ItemStatus.IN_ANALYSIS, "lab")
    return items


def file_mime(paths: Sequence[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drop_files(target: QWidget, position: QPoint, paths: Sequence[Path]) -> QDropEvent:
    """A real drag-enter, drag-move and drop of file URLs on `target` (a view's viewport)."""
    mime = file_mime(paths)
    point = QPointF(position)  # Qt 6: drops take a QPointF, drag enter/move a QPoint
    actions = Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(position, actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the drag was refused"
    move = QDragMoveEvent(position, actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, move)
    assert move.isAccepted(), "the drag was refused over the target"
    drop = QDropEvent(point, actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, drop)
    return drop


def message_boxes(parent: QWidget) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]
