"""The shared plumbing every screen is built on: the op (results, refusals, cancels and bugs
each go where they belong, and the change bus hears what changed), the column-spec models
(lists and lazy ids), stable sorting, and the export of what a table shows."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from blocking.errors import InvalidNumberError, NotFoundError
from forensics_app.errors import UserError
from forensics_app.progress import check_cancelled
from forensics_app.ui.tasks import TaskProgress, TaskRunner
from forensics_app.ui.widgets.columns import (
    RIGHT,
    Column,
    IdRole,
    LazyTableModel,
    RecordTableModel,
    SortRole,
    StableSortProxy,
)
from forensics_app.ui.widgets.context import Changed, UiContext, initiated_inside
from forensics_app.ui.widgets.export import ExportButton, snapshot, write_table
from forensics_app.ui.widgets.messages import error_text
from forensics_app.ui.widgets.ops import LibraryRefusal, Op
from tests.ui.conftest import ChangeRecorder, MakeContext, RecordingRunner


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    day: int


COLUMNS: tuple[Column[Row], ...] = (
    Column("name", "Name", lambda r: r.name, sort_key="name"),
    Column("day", "Day", lambda r: str(r.day), align=RIGHT, sort_value=lambda r: r.day),
)


def rows(count: int) -> dict[int, Row]:
    return {n: Row(n, f"row {n:03d}", n % 3) for n in range(1, count + 1)}


def test_an_op_delivers_results_refusals_cancels_and_bugs_where_they_belong(
    qtbot: QtBot, ui_context: UiContext, runner: RecordingRunner
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    heard = ChangeRecorder(ui_context)
    got: list[object] = []
    Op(ui_context, parent, "sum", lambda _p: 1 + 1).changes(Changed.ITEMS).ended(
        lambda: got.append("ended")
    ).success(got.append).run()
    assert got == ["ended", 2] and heard.seen == [Changed.ITEMS]

    heard.clear()
    got.clear()

    def refused(_progress: TaskProgress) -> None:
        raise NotFoundError("{shown} is not in the number registry.", shown="010-1234-5678")

    Op(ui_context, parent, "refused", refused).changes(Changed.ITEMS).failure(got.append).run()
    [error] = got
    assert isinstance(error, LibraryRefusal) and "010-1234-5678" in error_text(error)
    assert heard.seen == [], "nothing changed"

    boxes: list[QMessageBox] = []
    Op(ui_context, parent, "refused", lambda _p: (_ for _ in ()).throw(UserError("No."))).run()
    boxes = [box for box in parent.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and boxes[0].text() == "No."  # the one error display

    runner.cancel_after = 1
    cancelled: list[str] = []

    def long(progress: TaskProgress) -> None:
        progress.begin(5, "counting", "")
        for _ in range(5):
            progress.advance()
            check_cancelled(progress)

    Op(ui_context, parent, "long", long).cancelled(lambda: cancelled.append("yes")).success(
        got.append
    ).run()
    assert cancelled == ["yes"]
    runner.cancel_after = None

    def bug(_progress: TaskProgress) -> None:
        raise RuntimeError("bug")

    Op(ui_context, parent, "bug", bug).failure(got.append).run()
    assert [str(e) for e in runner.errors] == ["bug"], "a bug reaches the crash handler"


def test_an_op_on_the_thread_pool_reports_on_the_gui_thread(
    qtbot: QtBot, make_context: MakeContext
) -> None:
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    ctx = make_context(task_runner=runner)
    parent = QWidget()
    qtbot.addWidget(parent)
    threads: list[bool] = []
    work_threads: list[bool] = []

    def work(_progress: TaskProgress) -> int:
        work_threads.append(threading.current_thread() is threading.main_thread())
        return 7

    task = (
        Op(ctx, parent, "off", work)
        .success(lambda _r: threads.append(threading.current_thread() is threading.main_thread()))
        .run()
    )
    assert task is not None
    qtbot.waitUntil(lambda: threads == [True])
    assert work_threads == [False] and errors == []
    runner.wait(5000)


def test_changes_tell_who_made_them(qtbot: QtBot, ui_context: UiContext) -> None:
    pane = QWidget()
    child = QWidget(pane)
    qtbot.addWidget(pane)
    assert initiated_inside(pane, child) and initiated_inside(pane, pane)
    assert not initiated_inside(pane, QWidget()) and not initiated_inside(pane, None)
    heard = ChangeRecorder(ui_context)
    ui_context.bus.notify(Changed.NOTHING, pane)
    assert heard.seen == [], "nothing changed: nobody is told"
    assert Changed.everything() & Changed.REQUESTS


def test_record_model_updates_in_place_and_sorts_stably(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model: RecordTableModel[Row] = RecordTableModel("Test", COLUMNS, id_of=lambda r: r.id)
    model.set_records(list(rows(9).values()))
    qtmodeltester.check(model)
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    kept = QPersistentModelIndex(model.index(4, 0))
    changed = [Row(r.id, r.name.upper(), r.day) for r in rows(9).values()]
    model.set_records(changed)  # the same ids: rows change in place, selections stay
    assert kept.isValid() and kept.data() == "ROW 005"
    proxy = StableSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    order = [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())]
    assert order == [3, 6, 9, 1, 4, 7, 2, 5, 8]  # days 0, 1, 2; equal days by id
    proxy.setFilterFixedString("ROW 00")
    proxy.setFilterFixedString("")
    assert [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())] == order
    assert proxy.index(0, 1).data(SortRole) == 0
    qtmodeltester.check(proxy)


def test_lazy_model_reads_pages_by_id_sorts_where_the_data_is_and_reports_once(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    data = rows(450)
    fetched: list[int] = []
    broken = {"now": False}

    def fetch(ids: list[int]) -> dict[int, Row]:
        if broken["now"]:
            raise UserError("The database went away.")
        fetched.append(len(ids))
        return {i: data[i] for i in ids if i in data}

    model: LazyTableModel[Row] = LazyTableModel("Test", COLUMNS, fetch, page_size=100)
    model.sorter = lambda key, descending: sorted(data, reverse=descending)
    model.set_ids(list(data))
    assert model.rowCount() == 450 and fetched == []
    assert model.index(449, 0).data() == "row 450" and fetched == [50]  # its page only
    kept = QPersistentModelIndex(model.index(0, 0))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "row 450"
    assert kept.isValid() and kept.row() == 449  # the selected row moved with its record
    model.sort(1, Qt.SortOrder.AscendingOrder)  # no sort key: nothing happens
    assert model.index(0, 0).data() == "row 450"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
    failures: list[str] = []
    model.load_failed.connect(failures.append)
    model.invalidate()
    broken["now"] = True
    for row in range(0, 450, 10):
        model.index(row, 0).data()
    assert failures == ["The database went away."], "one message, not one per painted cell"
    assert model.index(0, 0).data(IdRole) == 450  # ids need no read


def test_export_writes_what_the_view_shows(
    qtbot: QtBot, tmp_path: Path, ui_context: UiContext
) -> None:
    data = rows(250)
    model: LazyTableModel[Row] = LazyTableModel(
        "Test", COLUMNS, lambda ids: {i: data[i] for i in ids}, page_size=100
    )
    model.set_ids(list(data))
    table = snapshot(model, "Rows")
    assert table.count == 250 and table.headers == ["Name", "Day"]
    path = tmp_path / "rows.csv"
    assert write_table(table, path) == 250
    written = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    assert list(written["Name"][:2]) == ["row 001", "row 002"]
    proxy = StableSortProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("row 24")
    assert write_table(snapshot(proxy, "Rows"), path) == 10  # 240…249, as filtered
    with pytest.raises(UserError, match="Cannot write"):
        write_table(snapshot(model, "Rows"), tmp_path / "missing" / "rows.csv")


def test_the_excel_export_replaces_only_its_own_workbooks(
    qtbot: QtBot, tmp_path: Path, ui_context: UiContext
) -> None:
    """The Excel export overwrote whatever file was chosen: the workstation's database, an
    evidence photo, a carrier's answer workbook. Like the CSV export it now replaces only an
    empty file or a workbook it wrote, and refuses anything else in a message."""
    import openpyxl

    data = rows(3)
    model: RecordTableModel[Row] = RecordTableModel("Test", COLUMNS)
    model.set_records(list(data.values()))
    parent = QWidget()
    qtbot.addWidget(parent)
    button = ExportButton(ui_context, lambda: model, lambda: "Rows", parent)
    misnamed = tmp_path / "IMG_0002.xlsx"  # evidence under any name is not replaced
    misnamed.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    answers = tmp_path / "회신.xlsx"  # a workbook from elsewhere (openpyxl's own creator)
    book = openpyxl.Workbook()
    book.active.append(["전화번호", "처리결과"])
    book.save(answers)
    for path in (misnamed, answers):
        before = path.read_bytes()
        button.export("xlsx", path)
        box = button.last_message
        assert box is not None and box.isVisible()
        assert "is not an Excel file written by this program" in box.text()
        assert str(path) in box.text()
        assert path.read_bytes() == before
        assert button.last_path is None
        box.close()
        button.last_message = None

    ours = tmp_path / "rows.xlsx"
    button.export("xlsx", ours)
    assert button.last_message is None and button.last_path == ours
    assert list(pd.read_excel(ours, dtype=str)["Name"]) == ["row 001", "row 002", "row 003"]
    model.set_records(list(data.values())[:1])
    button.export("xlsx", ours)  # its own workbook: replaced
    assert button.last_message is None
    assert list(pd.read_excel(ours, dtype=str)["Name"]) == ["row 001"]
    empty = tmp_path / "empty.xlsx"
    empty.touch()
    button.export("xlsx", empty)
    assert button.last_message is None and empty.stat().st_size > 0
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_mistyped_number_is_explained_in_the_readers_language(korean: None) -> None:
    error = InvalidNumberError("010-12", "too_short", "'010-12' is too short.")
    text = error_text(error)
    assert "'010-12'" in text and "너무 짧습니다" in text and "010 휴대전화" in text
    assert error_text(LibraryRefusal(error)) == text


def test_model_index_tolerates_the_root(qtbot: QtBot) -> None:
    model: RecordTableModel[Row] = RecordTableModel("Test", COLUMNS)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
