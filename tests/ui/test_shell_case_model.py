"""CaseListModel: Qt's model tester, filters, and in-place row updates."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.records import Actor, CaseStatus
from forensics_app.ui.case_model import (
    CASE_ID_ROLE,
    COL_ITEMS,
    COL_NUMBER,
    COL_STATUS,
    SORT_ROLE,
    CaseListModel,
)


def _cases(workstation: Workstation, actor: Actor) -> list[int]:
    ids = [
        workstation.cases.create(actor, title, number=f"C-{n}").id
        for n, title in enumerate(["전단지", "Voice phishing", "Gambling"], start=1)
    ]
    workstation.cases.set_status(actor, ids[2], CaseStatus.CLOSED)
    return ids


def test_model_passes_qt_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, workstation: Workstation, actor: Actor
) -> None:
    _cases(workstation, actor)
    model = CaseListModel(workstation)
    model.set_status_filter(None)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    model.set_status_filter(CaseStatus.OPEN)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2


def test_rows_show_cases_and_follow_status_changes(
    qtbot: QtBot, workstation: Workstation, actor: Actor
) -> None:
    first, _second, third = _cases(workstation, actor)
    model = CaseListModel(workstation)
    model.reload()  # open cases (the default filter)
    assert model.row_of(third) is None
    row = model.row_of(first)
    assert row is not None
    assert model.index(row, COL_NUMBER).data() == "C-1"
    assert model.index(row, COL_ITEMS).data(SORT_ROLE) == 0
    assert model.index(row, 0).data(CASE_ID_ROLE) == first
    assert model.index(row, COL_STATUS).data() == "Open"

    closed = workstation.cases.set_status(actor, first, CaseStatus.CLOSED)
    with qtbot.waitSignal(model.rowsRemoved):
        model.update_case(closed)
    assert model.row_of(first) is None
    assert model.rowCount() == 1
