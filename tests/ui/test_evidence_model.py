"""The lazy evidence table model, the file model, and the filter bar and sort of the pane."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import (
    Actor,
    CaseRecord,
    ItemKind,
    ItemRecord,
    ItemStatus,
    VerificationResult,
)
from forensics_app.ui.evidence_model import (
    ALARM_RED,
    COLUMN_INDEX,
    ITEM_COLUMNS,
    PAGE_SIZE,
    EvidenceTableModel,
    FileTableModel,
    ItemIdRole,
    RecordRole,
    kind_label,
    status_label,
)
from tests.clocks import pinned_clock
from tests.conftest import PASSWORD, database_copy, drop_postgres_database, fresh_postgres_database
from tests.pg_server import PostgresServer
from tests.ui import evidence_fixtures as fx
from tests.ui.evidence_fixtures import MakePane, make_items, write_file

make_pane = fx.make_pane

ITEM_COUNT = 300


@dataclass(frozen=True)
class Catalog:
    """A database holding the suite's examiner, its case and ITEM_COUNT items, made the way
    the `actor`, `case` and `items` fixtures make them, once per module and backend (adding
    300 items through the service took 20-50 s a test): each test asking for `items` gets a
    copy (`source`: the SQLite file or the PostgreSQL template database)."""

    source: str
    actor: Actor
    case: CaseRecord
    items: list[ItemRecord]


def _fill(url: str, source: str) -> Catalog:
    workstation = Workstation.open(url, pinned_clock())
    try:
        actor = workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)
        case = workstation.cases.create(actor, "불법 전단지 광고", number="2024-0042")
        items = make_items(workstation, actor, case.id, ITEM_COUNT)
    finally:
        workstation.close()
    return Catalog(source, actor, case, items)


@pytest.fixture(scope="module")
def sqlite_catalog(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Catalog:
    path = tmp_path_factory.mktemp("items") / "catalog.sqlite3"
    shutil.copyfile(sqlite_template, path)
    catalog = _fill(f"sqlite:///{path}", str(path))
    assert not path.with_name(path.name + "-wal").exists(), "the copy would miss the WAL"
    return catalog


@pytest.fixture(scope="module")
def postgresql_catalog(postgres: PostgresServer) -> Iterator[Catalog]:
    url = fresh_postgres_database(postgres)
    yield _fill(url, url.rsplit("/", 1)[1])
    drop_postgres_database(postgres, url)


def _catalog(request: pytest.FixtureRequest) -> Catalog | None:
    """The test's prepared catalog if it asks for `items` (the others start empty)."""
    if "items" not in request.fixturenames:
        return None
    backend = request.node.callspec.params["db_url"]
    catalog: Catalog = request.getfixturevalue(f"{backend}_catalog")
    return catalog


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    catalog = _catalog(request)
    source = catalog.source if catalog else None
    with database_copy(request, tmp_path, request.param, source) as url:
        yield url


@pytest.fixture
def actor(request: pytest.FixtureRequest, workstation: Workstation) -> Actor:
    catalog = _catalog(request)
    if catalog:
        return catalog.actor
    return workstation.examiners.create(None, "Kim Minsu", "1001", password=PASSWORD)


@pytest.fixture
def case(request: pytest.FixtureRequest, workstation: Workstation, actor: Actor) -> CaseRecord:
    catalog = _catalog(request)
    if catalog:
        return catalog.case
    return workstation.cases.create(actor, "불법 전단지 광고", number="2024-0042")


@pytest.fixture
def items(request: pytest.FixtureRequest, case: CaseRecord) -> list[ItemRecord]:
    catalog = _catalog(request)
    assert catalog is not None
    return catalog.items


class CountingEvidence:
    """Wraps the service to count the row reads the model makes."""

    def __init__(self, workstation: Workstation) -> None:
        self._evidence = workstation.evidence
        self.calls: list[int] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._evidence, name)

    def items_by_id(self, ids: list[int]) -> dict[int, ItemRecord]:
        self.calls.append(len(ids))
        return self._evidence.items_by_id(ids)


def column_texts(model: EvidenceTableModel, key: str) -> list[str]:
    column = COLUMN_INDEX[key]
    return [model.index(row, column).data() for row in range(model.rowCount())]


def ids_in_view(model: EvidenceTableModel) -> list[int]:
    return [model.index(row, 0).data(ItemIdRole) for row in range(model.rowCount())]


def test_model_lists_every_item_and_passes_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    workstation: Workstation,
    case: CaseRecord,
    items: list[ItemRecord],
) -> None:
    model = EvidenceTableModel(workstation.evidence)
    model.set_query(ItemQuery(case.id))
    assert model.rowCount() == ITEM_COUNT
    assert model.columnCount() == len(ITEM_COLUMNS)
    first = items[0]
    assert model.index(0, COLUMN_INDEX["exhibit"]).data() == first.exhibit_number
    assert model.index(0, COLUMN_INDEX["kind"]).data() == kind_label(first.kind)
    assert model.index(0, COLUMN_INDEX["make_model"]).data() == "Samsung / Galaxy S23"
    assert model.index(0, COLUMN_INDEX["status"]).data() == status_label(ItemStatus.IN_ANALYSIS)
    assert model.index(0, COLUMN_INDEX["custodian"]).data() == "Kim Minsu"
    assert model.index(0, 0).data(RecordRole).id == first.id
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_lazily_in_pages_into_a_bounded_cache(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    workstation: Workstation,
    case: CaseRecord,
    items: list[ItemRecord],
) -> None:
    counting = CountingEvidence(workstation)
    model = EvidenceTableModel(counting)  # type: ignore[arg-type]
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    model.set_query(ItemQuery(case.id))
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paints the visible rows
    assert model.rowCount() == ITEM_COUNT
    assert counting.calls == [PAGE_SIZE], "the open read one page, not every row"
    assert model.cached_count == PAGE_SIZE < ITEM_COUNT

    assert model.index(ITEM_COUNT - 1, 0).data() == items[-1].exhibit_number
    assert counting.calls == [PAGE_SIZE, ITEM_COUNT - PAGE_SIZE]
    model.index(5, 2).data()
    model.index(ITEM_COUNT - 2, 2).data()
    assert len(counting.calls) == 2, "cached rows are not read again"

    model = EvidenceTableModel(counting, cache_limit=150)  # type: ignore[arg-type]
    model.set_query(ItemQuery(case.id))
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    assert model.cached_count <= 150
    assert column_texts(model, "exhibit") == [item.exhibit_number for item in items]


def test_header_click_sorts_in_sql(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
    items: list[ItemRecord],
) -> None:
    pane = make_pane(case.id, show=True)
    header = pane.table.horizontalHeader()
    model = pane.model

    def click(key: str) -> None:
        column = COLUMN_INDEX[key]
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    exhibit_order = ids_in_view(model)
    assert exhibit_order == workstation.evidence.item_ids(ItemQuery(case.id))

    click("description")
    expected = workstation.evidence.item_ids(ItemQuery(case.id, sort="description"))
    assert ids_in_view(model) == expected != exhibit_order
    assert header.sortIndicatorSection() == COLUMN_INDEX["description"]

    click("description")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert ids_in_view(model) == workstation.evidence.item_ids(
        ItemQuery(case.id, sort="description", descending=True)
    )

    click("kind")
    by_kind = ids_in_view(model)
    assert by_kind == workstation.evidence.item_ids(ItemQuery(case.id, sort="kind"))
    kinds = [model.index(row, 0).data(RecordRole).kind.value for row in range(model.rowCount())]
    assert kinds == sorted(kinds), "kinds come in SQL order of their stored values"

    # No SQL sort for the file count: the click changes neither the order nor the indicator.
    click("files")
    assert ids_in_view(model) == by_kind
    assert header.sortIndicatorSection() == COLUMN_INDEX["kind"]


def test_sort_keeps_the_selected_item_selected(
    make_pane: MakePane, case: CaseRecord, items: list[ItemRecord]
) -> None:
    pane = make_pane(case.id)
    chosen = items[10]
    assert pane.select_item(chosen.id)
    pane.table.sortByColumn(COLUMN_INDEX["exhibit"], Qt.SortOrder.DescendingOrder)
    assert pane.selected_item_id() == chosen.id
    current = pane.table.selectionModel().currentIndex()
    assert current.data(ItemIdRole) == chosen.id
    assert current.row() == ITEM_COUNT - 1 - 10


def test_filter_by_text_kind_and_status(
    qtbot: QtBot,
    make_pane: MakePane,
    workstation: Workstation,
    case: CaseRecord,
    items: list[ItemRecord],
) -> None:
    pane = make_pane(case.id)
    model = pane.model
    assert model.rowCount() == ITEM_COUNT

    # Typing waits for a pause, then asks SQL.
    qtbot.keyClicks(pane.search_edit, "flyer BUNDLE")
    qtbot.waitUntil(lambda: model.rowCount() == ITEM_COUNT // 5)
    descriptions = column_texts(model, "description")
    assert all("flyer bundle" in text for text in descriptions)
    assert "60 of 300" in pane.count_label.text()

    pane.kind_combo.setCurrentIndex(pane.kind_combo.findData(ItemKind.PHONE))
    expected = workstation.evidence.item_ids(
        ItemQuery(case.id, text="flyer BUNDLE", kind=ItemKind.PHONE)
    )
    assert ids_in_view(model) == expected
    assert expected
    assert set(column_texts(model, "kind")) == {kind_label(ItemKind.PHONE)}

    pane.search_edit.clear()
    pane.apply_filter()
    pane.status_combo.setCurrentIndex(pane.status_combo.findData(ItemStatus.IN_ANALYSIS))
    expected = workstation.evidence.item_ids(
        ItemQuery(case.id, kind=ItemKind.PHONE, status=ItemStatus.IN_ANALYSIS)
    )
    assert ids_in_view(model) == expected
    assert set(column_texts(model, "status")) == {status_label(ItemStatus.IN_ANALYSIS)}

    # Serial numbers and storage places are searched too.
    pane.kind_combo.setCurrentIndex(0)
    pane.status_combo.setCurrentIndex(0)
    pane.search_edit.setText(items[7].serial_number)
    pane.apply_filter()
    assert items[7].id in ids_in_view(model)
    pane.search_edit.setText("인계동")
    pane.apply_filter()
    assert model.rowCount() == ITEM_COUNT // 3


def test_filter_keeps_the_selection_when_the_item_still_matches(
    make_pane: MakePane, case: CaseRecord, items: list[ItemRecord]
) -> None:
    pane = make_pane(case.id)
    chosen = items[5]  # "flyer bundle"
    pane.select_item(chosen.id)
    pane.search_edit.setText("flyer bundle")
    pane.apply_filter()
    assert pane.selected_item_id() == chosen.id
    pane.search_edit.setText("no such thing anywhere")
    pane.apply_filter()
    assert pane.model.rowCount() == 0
    assert pane.selected_item_id() is None


def test_hash_mismatch_is_red_with_an_icon_and_a_tooltip(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    good = write_file(tmp_path / "good.bin", b"good" * 1000)
    bad = write_file(tmp_path / "bad.bin", b"original" * 1000)
    evidence = workstation.evidence
    ok_item = evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE), [good]).item
    bad_item = evidence.add_item(actor, case.id, ItemDraft(ItemKind.COMPUTER), [bad]).item
    empty_item = evidence.add_item(actor, case.id, ItemDraft(ItemKind.OTHER)).item
    bad.write_bytes(b"tampered" * 1000)
    evidence.verify(actor, case_id=case.id)

    model = EvidenceTableModel(evidence)
    model.set_query(ItemQuery(case.id))
    qtmodeltester.check(model)
    rows = {model.index(r, 0).data(ItemIdRole): r for r in range(model.rowCount())}
    column = COLUMN_INDEX["verification"]
    bad_cell = model.index(rows[bad_item.id], column)
    assert bad_cell.data() == "HASH MISMATCH"
    assert bad_cell.data(Qt.ItemDataRole.ForegroundRole).color() == ALARM_RED
    assert bad_cell.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "altered" in bad_cell.data(Qt.ItemDataRole.ToolTipRole)
    exhibit_cell = model.index(rows[bad_item.id], COLUMN_INDEX["exhibit"])
    assert exhibit_cell.data(Qt.ItemDataRole.ForegroundRole).color() == ALARM_RED

    ok_cell = model.index(rows[ok_item.id], column)
    assert ok_cell.data() == "OK"
    assert ok_cell.data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(rows[empty_item.id], column).data() == ""
    assert model.index(rows[ok_item.id], COLUMN_INDEX["files"]).data() == "1"
    assert (
        model.index(rows[ok_item.id], COLUMN_INDEX["size"]).data(Qt.ItemDataRole.ToolTipRole)
        == QLocale().toString(4000) + " bytes"
    )


def test_file_model_shows_hashes_and_results(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
) -> None:
    folder = tmp_path / "dump"
    write_file(folder / "a.txt", b"alpha")
    write_file(folder / "sub" / "b.txt", b"bravo" * 10)
    evidence = workstation.evidence
    item = evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE), [folder]).item
    (folder / "sub" / "b.txt").unlink()
    evidence.verify(actor, item_id=item.id)

    model = FileTableModel()
    model.set_files(evidence.files(item.id))
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert [model.index(r, 0).data() for r in range(2)] == ["dump/a.txt", "dump/sub/b.txt"]
    files = evidence.files(item.id)
    assert model.index(0, 2).data() == files[0].sha256
    assert model.index(0, 3).data() == files[0].md5
    assert model.index(0, 4).data() == "OK"
    assert model.index(1, 4).data() == "FILE MISSING"
    assert model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole).color() == ALARM_RED
    assert files[1].last_verification == VerificationResult.MISSING
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == files[1].source_path
