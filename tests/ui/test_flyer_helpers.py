"""Fixtures and helpers for the flyer screens' tests (imported by the test_flyer_* modules).

`scripted_recogniser` stands in for the OCR pipeline where a test needs exact confidences
(the review order): it runs in the batch's worker processes like the real one, so it lives
at module level in a light module."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from blocking import normalize_number
from forensics_app.ocr.loading import PhotoMetadata
from forensics_app.ocr.results import FlyerFailure, FlyerResult, FoundNumber
from forensics_app.services import Workstation
from forensics_app.services.records import Actor, CaseRecord, ItemRecord
from forensics_app.ui.flyer_pane import FlyerPane
from tests.ocr.helpers import draw_flyer
from tests.ui.conftest import MakeContext

SIZE = (900, 560)
# name → (headline, [(number as printed, confidence)], category)
SCRIPT: dict[str, tuple[str, list[tuple[str, float]], str]] = {
    "a_lending.jpg": (
        "급전 대출 당일입금",
        [("010-2345-6789", 0.95), ("0505-1234-5678", 0.6)],
        "lending",
    ),
    "b_shop.jpg": ("신장개업 대박세일", [("02-555-1234", 0.4)], "other"),
    "c_massage.jpg": ("출장 안마 마사지", [("010-9876-5432", 0.7)], "obscene_adult"),
    "d_second.jpg": ("무직자 대출 가능", [("031-234-5678", 0.5)], "lending"),
}
# name → the ad-category words the OCR would report seeing (category → words)
KEYWORDS: dict[str, dict[str, list[str]]] = {"a_lending.jpg": {"lending": ["급전", "대출"]}}


def flyer_image(headline: str, numbers: Sequence[str]) -> tuple[Image.Image, list[tuple[int, ...]]]:
    image, boxes = draw_flyer([(headline, 48)] + [(n, 60) for n in numbers], size=SIZE)
    return image, [boxes[n] for n in numbers]


def write_scripted_photos(folder: Path, names: Sequence[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        headline, numbers, _category = SCRIPT[name]
        image, _ = flyer_image(headline, [n for n, _ in numbers])
        image.save(folder / name, quality=90)
        paths.append(folder / name)
    return paths


def scripted_recogniser(path: str) -> FlyerResult | FlyerFailure:
    """What the OCR would read on the scripted photos, with the script's confidences."""
    name = Path(path).name
    if name not in SCRIPT:
        return FlyerFailure(path, "not_an_image", f"{name} is not a photo.")
    headline, numbers, category = SCRIPT[name]
    _, boxes = flyer_image(headline, [n for n, _ in numbers])
    found = []
    for (printed, confidence), (left, top, right, bottom) in zip(numbers, boxes, strict=True):
        normal = normalize_number(printed)
        quad = ((left, top), (right, top), (right, bottom), (left, bottom))
        found.append(
            FoundNumber(
                e164=normal.e164,
                national=normal.national,
                number_type=normal.number_type.value,
                printed=printed,
                box=(left, top, right - left, bottom - top),
                quad=tuple((float(x), float(y)) for x, y in quad),
                confidence=confidence,
                sources=("script",),
            )
        )
    return FlyerResult(
        path=path,
        numbers=tuple(found),
        category=category,
        category_hits=KEYWORDS.get(name, {}),
        metadata=PhotoMetadata(width=SIZE[0], height=SIZE[1], format="JPEG"),
        text_lines=1 + len(numbers),
        seconds=0.0,
    )


@pytest.fixture
def flyer_case(workstation: Workstation, actor: Actor) -> CaseRecord:
    return workstation.cases.create(actor, "불법 전단지 수거", number="F-2026-7")


class MakeFlyerPane(Protocol):
    """The `make_flyer_pane` fixture: a flyer pane, on a case if given, shown if asked."""

    def __call__(self, case_id: int | None = None, show: bool = False) -> FlyerPane: ...


@pytest.fixture
def make_flyer_pane(qtbot: QtBot, make_context: MakeContext) -> Iterator[MakeFlyerPane]:
    panes: list[FlyerPane] = []

    def make(case_id: int | None = None, show: bool = False) -> FlyerPane:
        pane = FlyerPane(make_context())
        qtbot.addWidget(pane)
        pane.resize(1400, 860)
        pane.ocr_jobs = 1
        if case_id is not None:
            pane.set_case(case_id)
        if show:
            pane.show()
            qtbot.waitExposed(pane)
        panes.append(pane)
        return pane

    yield make
    for pane in panes:
        pane.loader.shutdown()


def scripted_batches(
    workstation: Workstation, actor: Actor, case_id: int, folder: Path
) -> tuple[ItemRecord, ItemRecord]:
    """Two batches read by the scripted recogniser: a, b, c in the first, d in the second."""
    first = workstation.flyers.import_photos(
        actor,
        case_id,
        write_scripted_photos(folder / "day1", ["a_lending.jpg", "b_shop.jpg", "c_massage.jpg"]),
        collected_place="수원역 2번 출구",
        # The scripted photos carry no camera time: the collector says when (else no sightings).
        collected_at=datetime(2026, 5, 12, 9, 30, tzinfo=UTC),
    ).item
    second = workstation.flyers.import_photos(
        actor,
        case_id,
        write_scripted_photos(folder / "day2", ["d_second.jpg"]),
        collected_at=datetime(2026, 5, 13, 1, 0, tzinfo=UTC),
    ).item
    assert first is not None and second is not None
    workstation.flyers.run_ocr(actor, [first.id, second.id], jobs=1, recogniser=scripted_recogniser)
    return first, second
