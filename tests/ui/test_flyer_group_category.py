"""Issue 9 in the review screen: a flyer classified "other" waits for the analyst's category,
set there per flyer group (audited); a request citing the flyer's numbers refuses the change
and the screen says so; a closed case cannot be changed; a case switch leaves nothing stale.

The photos are read by `scripted_recogniser` (exact categories and keywords)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blocking import AdCategory
from forensics_app.services import Workstation
from forensics_app.services.flyers import FlyerGroup, NumberHit
from forensics_app.services.records import Actor, CaseRecord, CaseStatus, blocking_actor
from forensics_app.storage.models import ReviewStatus
from forensics_app.ui.flyer_models import WaitingRole
from forensics_app.ui.flyer_pane import FlyerPane
from forensics_app.ui.widgets.context import Changed
from tests.ui import test_flyer_helpers as fx
from tests.ui.conftest import ChangeRecorder, RecordingRunner
from tests.ui.test_flyer_helpers import scripted_batches

flyer_case, make_flyer_pane = fx.flyer_case, fx.make_flyer_pane
MakePane = Callable[..., FlyerPane]


def _group_with(workstation: Workstation, case: CaseRecord, national: str) -> FlyerGroup:
    return next(g for g in workstation.flyers.flyer_groups(case.id) if national in g.numbers)


def _show_photo_of(
    pane: FlyerPane, workstation: Workstation, case: CaseRecord, national: str
) -> NumberHit:
    hit = next(
        h
        for h in workstation.flyers.hits(case_id=case.id, include_rejected=True)
        if h.national == national
    )
    assert pane.select_batch(hit.item_id)
    assert pane.select_photo(hit.file_id)
    return hit


def _waits_in_grid(pane: FlyerPane, file_id: int) -> bool:
    row = pane.grid_model.row_of(file_id)
    assert row is not None
    return bool(pane.grid_model.index(row).data(WaitingRole))


def _queued_numbers(workstation: Workstation, actor: Actor) -> dict[str, AdCategory]:
    requests = workstation.blocking.requests
    created = requests.queue_blockable(blocking_actor(actor)).created
    return {r.national: r.category for r in requests.get_many(created)}


def test_the_analyst_sets_an_other_flyers_category_in_the_review_screen(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    shop = next(
        h for h in workstation.flyers.hits(case_id=flyer_case.id) if h.photo == "b_shop.jpg"
    )
    workstation.flyers.review(actor, shop.id, ReviewStatus.ACCEPTED)  # the number is right
    assert "02-555-1234" not in _queued_numbers(workstation, actor), "other: never queued"

    pane = make_flyer_pane(flyer_case.id, show=True)
    changes = ChangeRecorder(pane.ctx)
    bar = pane.review.group_bar
    assert bar.waiting_label.isVisible()
    assert bar.waiting_label.text() == "1 flyer group(s) wait for their category"

    # A lending flyer: its category and the words the OCR saw; nothing to decide.
    lending = _show_photo_of(pane, workstation, flyer_case, "010-2345-6789")
    assert bar.chosen() == AdCategory.LENDING.value and bar.combo.isEnabled()
    assert (
        bar.keywords.text()
        == "1 photo(s) of this flyer · Words the OCR saw: Illegal lending: 급전, 대출"
    )
    assert "Waits" not in bar.state.text()
    assert not bar.apply_button.isEnabled(), "nothing chosen to change"
    assert not _waits_in_grid(pane, lending.file_id)

    # The shop flyer: "other" with a number, marked as waiting on the bar and in the grid.
    _show_photo_of(pane, workstation, flyer_case, "02-555-1234")
    assert bar.group is not None and bar.group.group_file_id == shop.group_file_id
    assert bar.chosen() == AdCategory.OTHER.value
    assert bar.state.text() == "Waits for its category"
    assert "Not queued for blocking" in bar.state.toolTip()
    assert bar.keywords.text().endswith(" · The OCR saw no ad-category words on this flyer.")
    assert _waits_in_grid(pane, shop.file_id)
    assert "waits for the analyst" in pane.grid_model.index(
        pane.grid_model.row_of(shop.file_id) or 0
    ).data(Qt.ItemDataRole.ToolTipRole)

    bar.choose(AdCategory.LENDING.value)
    assert bar.apply_button.isEnabled()
    qtbot.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
    assert runner.errors == []

    # Stored through the service, audited under the examiner, and the queue follows.
    group = _group_with(workstation, flyer_case, "02-555-1234")
    assert group.category == AdCategory.LENDING.value
    assert workstation.flyers.flyer_groups(flyer_case.id, only_other=True) == []
    entry = workstation.custody.entries(case_id=flyer_case.id)[0]
    details = json.loads(entry.details)
    assert entry.action == "review" and "Kim Minsu" in entry.actor
    assert entry.summary.startswith(f"Flyer group {shop.group_file_id} (1 photo)")
    assert details["group_file_id"] == shop.group_file_id
    assert details["before"]["category"] == "other"
    assert details["after"]["category"] == "lending"
    assert details["numbers"] == ["02-555-1234"]
    assert _queued_numbers(workstation, actor)["02-555-1234"] == AdCategory.LENDING
    assert changes.any(Changed.FLYERS) and changes.any(Changed.NUMBERS)
    assert changes.any(Changed.CUSTODY)

    # The screen reads as stored: nothing waits any more.
    assert bar.chosen() == AdCategory.LENDING.value and not bar.apply_button.isEnabled()
    assert "Waits" not in bar.state.text()
    assert not bar.waiting_label.isVisible() and not bar.next_waiting_button.isVisible()
    assert not _waits_in_grid(pane, shop.file_id)
    shown = pane.review.numbers_model.hit(0)
    assert shown is not None and shown.id == shop.id and shown.category == "lending"
    assert pane.notice.isVisible() and "custody log" in pane.notice.text()


def test_a_refused_category_change_is_shown_and_changes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
    runner: RecordingRunner,
) -> None:
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    queued = _queued_numbers(workstation, actor)
    assert queued["010-2345-6789"] == AdCategory.LENDING  # a request cites the lending flyer
    before = _group_with(workstation, flyer_case, "010-2345-6789")
    entries = len(workstation.custody.entries(case_id=flyer_case.id))

    pane = make_flyer_pane(flyer_case.id, show=True)
    _show_photo_of(pane, workstation, flyer_case, "010-2345-6789")
    bar = pane.review.group_bar
    bar.choose(AdCategory.OTHER.value)
    qtbot.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
    assert runner.errors == []

    message = pane.last_message
    assert message is not None and "010-2345-6789" in message.text()
    assert "withdraw that request" in message.text()
    assert bar.error.isVisible() and bar.error.text() == message.text()
    # Nothing changed, and the screen shows what is stored.
    assert _group_with(workstation, flyer_case, "010-2345-6789") == before
    assert len(workstation.custody.entries(case_id=flyer_case.id)) == entries
    assert bar.chosen() == AdCategory.LENDING.value and not bar.apply_button.isEnabled()
    # Another photo: the refusal was about that flyer, it does not linger.
    _show_photo_of(pane, workstation, flyer_case, "010-9876-5432")
    assert not bar.error.isVisible()


def test_a_closed_case_shows_the_category_but_cannot_change_it(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    workstation.cases.set_status(actor, flyer_case.id, CaseStatus.CLOSED)
    entries = len(workstation.custody.entries(case_id=flyer_case.id))
    pane = make_flyer_pane(flyer_case.id, show=True)
    _show_photo_of(pane, workstation, flyer_case, "02-555-1234")
    bar = pane.review.group_bar
    assert bar.chosen() == AdCategory.OTHER.value and bar.state.text().startswith("Waits")
    assert not bar.combo.isEnabled() and not bar.apply_button.isEnabled()
    assert "not open" in bar.apply_button.toolTip()
    pane.set_group_category(AdCategory.LENDING.value)  # as if the button were pressed
    assert _group_with(workstation, flyer_case, "02-555-1234").category == "other"
    assert len(workstation.custody.entries(case_id=flyer_case.id)) == entries


def test_the_category_bar_follows_case_switches(
    qtbot: QtBot,
    tmp_path: Path,
    make_flyer_pane: MakePane,
    workstation: Workstation,
    actor: Actor,
    flyer_case: CaseRecord,
) -> None:
    scripted_batches(workstation, actor, flyer_case.id, tmp_path)
    empty = workstation.cases.create(actor, "새 사건", number="F-2026-9")
    pane = make_flyer_pane(flyer_case.id, show=True)
    bar = pane.review.group_bar
    waiting = pane.next_waiting_group()
    assert waiting == _group_with(workstation, flyer_case, "02-555-1234").group_file_id
    assert bar.group is not None and bar.group.group_file_id == waiting
    assert pane.review.title.text().endswith("b_shop.jpg")

    pane.set_case(empty.id)
    assert bar.group is None and not bar.combo.isEnabled() and not bar.apply_button.isEnabled()
    assert not bar.waiting_label.isVisible() and bar.keywords.text() == ""
    assert pane.waiting_groups() == [] and pane.next_waiting_group() is None

    pane.set_case(flyer_case.id)
    assert bar.waiting_label.isVisible()
    assert pane.next_waiting_group() == waiting
    assert bar.combo.isEnabled()
