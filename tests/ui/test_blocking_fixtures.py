"""Fixtures and helpers for the block-request screen tests (both databases).

No tests here: the module is imported by the test_blocking_* modules, like evidence_fixtures.
The area works on a `Blocking` over the workstation's engine with a clock the test moves, so
"overdue" and "older than 7 days" need no waiting. Sightings, requests and their steps go
through the library, as the workstation records them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import blocking
from blocking import AdCategory, Blocking, RequestState, SightingInput, SourceKind
from blocking.clock import ManualClock
from forensics_app.services import Workstation
from forensics_app.services.block_requests import load_routes
from forensics_app.services.records import Actor, Role, blocking_actor
from forensics_app.ui.blocking_area import BlockingArea
from tests.conftest import PASSWORD
from tests.ui.conftest import MakeContext

S = RequestState
PLACES = ("서울 강남구 역삼동", "수원시 팔달구 인계동", "성남시 분당구 정자동")
# Only illegal-ad categories are requested ("other" flyers wait for their category).
CATEGORIES = (AdCategory.LENDING, AdCategory.OBSCENE_ADULT, AdCategory.LENDING)


@dataclass(frozen=True)
class Photo:
    path: Path
    sha256: str


@pytest.fixture
def blk(workstation: Workstation, clock: ManualClock) -> Blocking:
    return Blocking(workstation.db.engine, load_routes(), clock=clock, check_schema=False)


@pytest.fixture
def reviewer(workstation: Workstation, actor: Actor) -> Actor:
    return workstation.examiners.create(actor, "Lee Seoyeon", "2001", Role.REVIEWER, PASSWORD)


@pytest.fixture
def examiner(workstation: Workstation, actor: Actor) -> Actor:
    return workstation.examiners.create(actor, "Park Jiho", "3001", Role.EXAMINER, PASSWORD)


class MakeArea(Protocol):
    """The `make_area` fixture: a block-request area for an actor (the test's own if None)."""

    def __call__(self, as_actor: Actor | None = None, show: bool = True) -> BlockingArea: ...


@pytest.fixture
def make_area(
    qtbot: QtBot,
    make_context: MakeContext,
    blk: Blocking,
) -> Iterator[MakeArea]:
    areas: list[BlockingArea] = []

    def make(as_actor: Actor | None = None, show: bool = True) -> BlockingArea:
        area = BlockingArea(make_context(as_actor, blk))
        qtbot.addWidget(area)
        area.resize(1400, 860)
        if show:
            area.show()
            qtbot.waitExposed(area)
        areas.append(area)
        return area

    yield make
    for area in areas:
        area.queue.thumbnails.wait(10_000)  # no decoding thread outlives its test


def who(actor: Actor) -> blocking.Actor:
    return blocking_actor(actor)


def make_photo(folder: Path, name: str, colour: tuple[int, int, int] | None = None) -> Photo:
    """A real JPEG (a flyer-coloured picture), so thumbnails decode it; the colour follows the
    name, so different names give different files (the package stores each content once)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if colour is None:
        seed = hashlib.sha256(name.encode()).digest()
        colour = (seed[0], seed[1], seed[2])
    Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=80)
    return Photo(path, hashlib.sha256(path.read_bytes()).hexdigest())


def mobile(index: int) -> str:
    return f"010-{3000 + index // 10_000:04d}-{index % 10_000:04d}"


def sightings_for(
    numbers: Sequence[str],
    seen_at: datetime,
    photos: Sequence[Photo] = (),
    categories: Sequence[AdCategory] = CATEGORIES,
) -> list[SightingInput]:
    """One sighting per number (categories in turn); the first numbers get the photos."""
    items = []
    for index, number in enumerate(numbers):
        photo = photos[index] if index < len(photos) else None
        items.append(
            SightingInput(
                number=number,
                seen_at=seen_at - timedelta(hours=index),
                category=categories[index % len(categories)],
                source_kind=SourceKind.FLYER_PHOTO if photo else SourceKind.MANUAL,
                source_id=f"photo-{index}" if photo else "",
                case_number="2026-0417",
                photo_name=photo.path.name if photo else "",
                photo_sha256=photo.sha256 if photo else None,
                photo_path=str(photo.path) if photo else None,
                place=PLACES[index % len(PLACES)],
                collector="Kim Minsu",
            )
        )
    return items


def queued(
    blk: Blocking,
    drafter: Actor,
    count: int,
    clock: ManualClock,
    photos: Sequence[Photo] = (),
    categories: Sequence[AdCategory] = CATEGORIES,
    first: int = 0,
) -> list[int]:
    """`count` numbers seen a day ago, all queued as drafts by `drafter`; ids in number order."""
    numbers = [mobile(first + i) for i in range(count)]
    result = blk.registry.record_sightings(
        who(drafter), sightings_for(numbers, clock() - timedelta(days=1), photos, categories)
    )
    assert result.refused == []
    created = blk.requests.queue_blockable(who(drafter)).created
    by_number = {r.national: r.id for r in blk.requests.get_many(created)}
    return [by_number[n] for n in numbers if n in by_number]


def states(blk: Blocking, ids: Sequence[int]) -> list[RequestState]:
    return [r.state for r in blk.requests.get_many(list(ids))]


def visible_boxes(parent: QWidget) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def answer(box: QMessageBox | None, yes: bool = True) -> None:
    """Click Yes (or No) in one of the area's non-blocking questions."""
    assert box is not None and box.isVisible()
    button = box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No)
    assert button is not None
    button.click()
    QApplication.processEvents()


def shown_text(box: QMessageBox | None) -> str:
    """The text of the message a screen showed last (there must be one)."""
    assert box is not None, "no message was shown"
    return box.text()


def close_dialogs(parent: QWidget) -> None:
    for dialog in parent.findChildren(QDialog):
        if dialog.isVisible():
            dialog.close()
