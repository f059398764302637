"""The flyer screens' models (checked with qtmodeltester) and the thumbnail loader: decoding
off the GUI thread, EXIF orientation, unreadable files, the bounded request stack."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSortFilterProxyModel, Qt, QThread
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from forensics_app.services.flyers import NumberHit, PhotoStatus
from forensics_app.storage.models import ReviewStatus
from forensics_app.ui import flyer_images
from forensics_app.ui.flyer_images import FULL, THUMB_SIZE, ImageLoader, decode
from forensics_app.ui.flyer_models import (
    GroupRole,
    NumberSummaryModel,
    NumberTableModel,
    PhotoGridModel,
    PhotoGroup,
    PhotoRole,
    ThumbRole,
    photo_state,
    summarise,
    thumbnail_of,
)
from forensics_app.ui.widgets.columns import SortRole


def _photo(file_id: int, path: Path, state: str = "done", **changes: object) -> PhotoStatus:
    photo = PhotoStatus(
        file_id=file_id,
        relative_path=f"day1/{path.name}",
        source_path=str(path),
        state=state,
        message="",
        numbers=0,
        unsure=0,
        group_file_id=file_id,
    )
    return replace(photo, **changes)  # type: ignore[arg-type]


def _hit(number_id: int, file_id: int, printed: str, **changes: object) -> NumberHit:
    from blocking import normalize_number

    normal = normalize_number(printed)
    hit = NumberHit(
        id=number_id,
        file_id=file_id,
        item_id=1,
        exhibit_number="EX-0001",
        photo=f"day1/{file_id}.jpg",
        source_path=f"/photos/{file_id}.jpg",
        e164=normal.e164,
        national=normal.national,
        number_type=normal.number_type.value,
        printed=printed,
        box=(10, 20, 300, 40),
        quad=((10.0, 20.0), (310.0, 20.0), (310.0, 60.0), (10.0, 60.0)),
        confidence=0.9,
        category="lending",
        review_status=ReviewStatus.ACCEPTED,
        corrected_e164=None,
        taken_at=None,
        latitude=None,
        longitude=None,
        sha256="0" * 64,
        hashed_at=datetime(2026, 5, 1, tzinfo=UTC),
        collected_at="",
        collected_by="",
        group_file_id=file_id,
    )
    return replace(hit, **changes)  # type: ignore[arg-type]


def _jpeg(path: Path, size: tuple[int, int], orientation: int = 1) -> Path:
    image = Image.new("RGB", size, (250, 222, 40))
    image.paste((200, 0, 0), (0, 0, size[0] // 4, size[1] // 4))  # a red top-left corner
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    image.save(path, quality=90, exif=exif)
    return path


def test_photo_grid_model_states_groups_and_lazy_thumbnails(
    qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    loader = ImageLoader()
    model = PhotoGridModel(loader)
    a, b, c = (_jpeg(tmp_path / f"{n}.jpg", (640, 480)) for n in "abc")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really")
    photos = [
        _photo(1, a, numbers=2),
        _photo(2, b, numbers=1, unsure=1, group_file_id=1),
        _photo(3, c, state="pending"),
        _photo(4, broken, state="failed", message="broken.jpg is truncated."),
        _photo(5, c, numbers=0),
    ]
    model.set_photos(photos)
    qtmodeltester.check(model)
    assert [photo_state(p) for p in photos] == ["numbers", "unsure", "pending", "failed", "none"]
    group = model.index(0).data(GroupRole)
    assert isinstance(group, PhotoGroup) and group.size == 2
    assert model.index(1).data(GroupRole) == group and model.index(2).data(GroupRole) is None
    assert "truncated" in model.index(3).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 other photo" in model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    # Nothing is decoded until a row is painted (asks for its thumbnail).
    assert thumbnail_of(model.index(0)) is None
    with qtbot.waitSignals([model.dataChanged] * 5, timeout=10_000):
        for row in range(5):
            model.index(row).data(ThumbRole)
    qtbot.waitUntil(lambda: all(thumbnail_of(model.index(r)) for r in range(5)), timeout=10_000)
    decoded = thumbnail_of(model.index(0))
    assert decoded is not None and decoded.image is not None
    assert (decoded.image.width(), decoded.image.height()) == (THUMB_SIZE, 108)
    failed = thumbnail_of(model.index(3))
    assert failed is not None and failed.image is None and failed.error
    # A status refresh of the same photos updates in place (selection and scroll stay).
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model.set_photos([*photos[:2], replace(photos[2], state="done", numbers=1), *photos[3:]])
    assert resets == []
    assert photo_state(model.index(2).data(PhotoRole)) == "numbers"
    qtmodeltester.check(model)
    loader.shutdown()


def test_thumbnails_are_upright_and_decoded_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sideways = _jpeg(tmp_path / "sideways.jpg", (800, 600), orientation=6)
    threads: list[bool] = []
    gui_thread = QThread.currentThread()
    original = flyer_images.decode

    def watched(path: str, size: int) -> flyer_images.Decoded:
        threads.append(QThread.currentThread() != gui_thread)
        return original(path, size)

    monkeypatch.setattr(flyer_images, "decode", watched)
    loader = ImageLoader()
    assert loader.request(str(sideways), THUMB_SIZE) is None
    assert loader.request(str(sideways), FULL) is None
    qtbot.waitUntil(
        lambda: bool(
            loader.cached(str(sideways), THUMB_SIZE) and loader.cached(str(sideways), FULL)
        ),
        timeout=10_000,
    )
    assert threads == [True, True]
    thumb = loader.cached(str(sideways), THUMB_SIZE)
    full = loader.cached(str(sideways), FULL)
    assert thumb is not None and thumb.image is not None
    assert full is not None and full.image is not None
    # Orientation 6: the 800×600 frame is shown 600 wide, 800 high; scale is per upright pixel.
    assert (full.image.width(), full.image.height()) == (600, 800) and full.scale == 1.0
    assert (thumb.image.width(), thumb.image.height()) == (108, THUMB_SIZE)
    assert abs(thumb.scale - 108 / 600) < 1e-6
    # The red corner (top left of the stored pixels) is top right once turned upright.
    corner = full.image.pixelColor(590, 10)
    assert corner.red() > 150 and corner.green() < 80
    assert loader.request(str(sideways), THUMB_SIZE) is thumb  # cached: no new decode
    assert len(threads) == 2
    loader.shutdown()


def test_requests_are_served_newest_first_and_old_ones_dropped(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flyer_images, "MAX_QUEUED", 3)
    loader = ImageLoader(threads=1)
    # Hold the queue still while it is filled: the pool's only thread waits on a gate. (A
    # maximum of 0 threads does not hold it: Qt's pool always runs at least one.)
    gate = threading.Event()
    loader._pool.start(lambda: gate.wait(10))
    paths = [str(_jpeg(tmp_path / f"{n}.jpg", (64, 48))) for n in range(6)]
    for path in paths:
        loader.request(path, THUMB_SIZE)
    assert loader._stack == [(p, THUMB_SIZE) for p in paths[3:]]  # the oldest were dropped
    loader.request(paths[3], THUMB_SIZE)  # asked again: on screen now, served first
    assert loader._take() == (paths[3], THUMB_SIZE)
    loader.clear_queue()
    gate.set()
    loader.shutdown()
    assert loader.request(paths[0], THUMB_SIZE) is None  # dropped ones can be asked again
    qtbot.waitUntil(lambda: loader.cached(paths[0], THUMB_SIZE) is not None, timeout=10_000)
    loader.shutdown()


def test_decode_reports_what_cannot_be_shown(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    result = decode(str(empty), THUMB_SIZE)
    assert result.image is None and "cannot identify" in result.error
    assert decode(str(tmp_path / "gone.jpg"), FULL).error


@pytest.mark.parametrize("boxes", [True, False], ids=["irot-boxes", "exif-only"])
def test_a_heic_thumbnail_is_upright_whether_its_boxes_or_only_its_exif_say_how(
    qapp: object, tmp_path: Path, boxes: bool
) -> None:
    """The grid and the review turn a HEIC as the OCR does: once, by its irot/imir boxes or,
    without them, by its EXIF orientation."""
    from tests.ocr.test_loading import heic_turned

    path = heic_turned(tmp_path / "photo.heic", 6, Image.Transpose.ROTATE_90, boxes=boxes)
    for size in (THUMB_SIZE, FULL):
        decoded = decode(str(path), size)
        assert decoded.image is not None, decoded.error
        image = decoded.image
        assert image.width() > image.height()  # landscape, as the marked picture is
        marked = image.pixelColor(2, 2)
        assert marked.red() > 200 > marked.green()
        assert decoded.scale == pytest.approx(image.width() / 400)


def test_number_models_and_the_case_summary(qtmodeltester: ModelTester) -> None:
    hits = [
        _hit(1, 10, "010-2345-6789", review_status=ReviewStatus.PENDING, confidence=0.42),
        _hit(2, 11, "010-2345-6789", group_file_id=10),  # same flyer, another photo
        _hit(3, 12, "010-2345-6789"),
        _hit(4, 12, "0505-1234-5678", category="obscene_adult"),
        _hit(5, 13, "02-555-1234", review_status=ReviewStatus.REJECTED),
        _hit(
            6, 13, "02-555-1234", review_status=ReviewStatus.CORRECTED, corrected_e164="+8225551235"
        ),
    ]
    table = NumberTableModel()
    table.set_hits([h for h in hits if h.file_id == 13])
    qtmodeltester.check(table)
    assert table.index(0, 4).data() == "Illegal lending"
    assert table.index(0, 5).data() == "Rejected"
    assert table.index(0, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert table.index(1, 1).data() == "02-555-1235  (02-555-1234)"
    assert table.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "+8225551235"

    rows = {s.national: s for s in summarise(hits)}
    # Most flyers first; a number only ever rejected comes last.
    assert list(rows) == ["010-2345-6789", "02-555-1235", "0505-1234-5678", "02-555-1234"]
    first = rows["010-2345-6789"]
    assert (len(first.photos), len(first.flyers)) == (3, 2)
    assert first.statuses[ReviewStatus.PENDING] == 1 and first.statuses[ReviewStatus.ACCEPTED] == 2
    rejected = rows["02-555-1234"]
    assert rejected.statuses[ReviewStatus.REJECTED] == 1 and not rejected.photos
    assert rows["0505-1234-5678"].number_type == "personal"

    summary = NumberSummaryModel()
    summary.set_hits(hits)
    qtmodeltester.check(summary)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(summary)
    proxy.setSortRole(SortRole)
    proxy.sort(5, Qt.SortOrder.DescendingOrder)  # photos
    qtmodeltester.check(proxy)
    assert proxy.index(0, 0).data() == "010-2345-6789"
    assert summary.index(0, 4).data() == "2" and summary.index(0, 6).data() == "1"
    assert summary.index(0, 9).data() == ""  # no rejected reads: blank, not 0
    assert summary.index(0, 1).data() == "+821023456789"
    assert summary.index(0, 2).data() == "Mobile"
