"""Flyer photos: import, the OCR batch (real Tesseract and PP-OCR in worker processes),
resuming after a cancel or a kill, review verdicts and the block-request registry."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageEnhance
from sqlalchemy import func, select

from blocking import SightingInUseError
from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.ocr import FlyerFailure, FlyerResult, PhotoMetadata
from forensics_app.progress import NullProgress
from forensics_app.services import Workstation
from forensics_app.services.records import Actor, CaseRecord, blocking_actor
from forensics_app.storage.models import EvidenceFile, OcrResult, ReviewStatus, Role
from tests.conftest import PASSWORD
from tests.ocr.helpers import draw_flyer, write_numbered_flyers

FLYERS = {
    "lending.jpg": ("급전 대출 당일입금", "010-2345-6789", "lending"),
    "massage.jpg": ("출장 안마 마사지", "0505-1234-5678", "obscene_adult"),
    "shop.jpg": ("신장개업 대박세일", "02-555-1234", "other"),
}


def _exif_with_time_and_place() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "samsung"
    exif[0x0110] = "SM-S918N"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2026:05:01 14:30:00"
    sub[0x9011] = "+09:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (37.0, 15.0, 54.0)
    gps[3], gps[4] = "E", (127.0, 0.0, 0.0)
    return exif


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "collected" / "day1"
    folder.mkdir(parents=True)
    for name, (headline, number, _category) in FLYERS.items():
        image, _ = draw_flyer([(headline, 64), (number, 80)])
        if name == "lending.jpg":
            image.save(folder / name, quality=90, exif=_exif_with_time_and_place())
        else:
            image.save(folder / name, quality=90)
    # The same flyer photographed again a little darker: a near-duplicate, not new evidence.
    with Image.open(folder / "shop.jpg") as original:
        ImageEnhance.Brightness(original).enhance(0.92).save(folder / "shop_again.jpg", quality=85)
    (folder.parent / "day2").mkdir()
    shutil.copyfile(
        folder / "lending.jpg", folder.parent / "day2" / "lending_copy.jpg"
    )  # same bytes
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.jpg").write_text("not a photo")
    (folder / "readme.txt").write_text("collected on line 1")
    return folder.parent


@pytest.fixture
def case(workstation: Workstation, actor: Actor) -> CaseRecord:
    return workstation.cases.create(actor, "Flyers at Suwon station", number="F-1")


def test_import_catalogues_each_photo_once_with_camera_facts(
    workstation: Workstation, actor: Actor, case: CaseRecord, photos: Path
) -> None:
    result = workstation.flyers.import_photos(actor, case.id, [photos], collected_place="수원역")
    assert result.item is not None and result.item.kind.value == "flyer_photo_batch"
    assert result.added == 6  # 3 flyers, the near-duplicate, the empty and the false photo
    assert [Path(d.split(":")[0]).name for d in result.duplicates] == ["lending_copy.jpg"]
    assert result.skipped == [f"{photos / 'day1' / 'readme.txt'}: not a photo"]
    assert len(result.warnings) == 2
    # …said in the reader's language (they were English f-strings)
    korean = sorted(warning.render("ko") for warning in result.warnings)
    assert all("등록했지만 사진으로 읽을 수 없습니다" in line for line in korean), korean
    assert not any("catalogued" in line or "Error:" in line for line in korean), korean
    statuses = workstation.flyers.photo_statuses(result.item.id)
    assert {s.state for s in statuses} == {"pending"}
    # Flyers from one template look alike to any picture hash: nothing groups before OCR.
    assert all(s.group_file_id == s.file_id for s in statuses)
    again = workstation.flyers.import_photos(actor, case.id, [photos])
    assert again.added == 0 and len(again.duplicates) == 7


def test_a_photo_with_a_corrupt_exif_block_is_catalogued_with_its_facts(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    """A phone photo whose EXIF block is garbage (the JPEG itself is fine) stopped the whole
    import with an internal error (exit 70): its picture hash re-parsed the EXIF of a copy."""
    folder = tmp_path / "flyers"
    folder.mkdir()
    image, _ = draw_flyer([("급전 대출", 64), ("010-2345-6789", 80)], size=(900, 400))
    sideways = image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways.save(folder / "fine.jpg", quality=90, exif=exif)
    data = bytearray((folder / "fine.jpg").read_bytes())
    tiff = data.index(b"Exif\x00\x00") + 6
    data[tiff : tiff + 24] = b"\xff" * 24  # no TIFF header: nothing in the block is readable
    (folder / "corrupt_exif.jpg").write_bytes(bytes(data))
    result = workstation.flyers.import_photos(actor, case.id, [folder])
    assert result.added == 2 and result.warnings == [] and result.skipped == []
    assert result.item is not None
    facts = {
        s.relative_path: (s.state, s.message)
        for s in workstation.flyers.photo_statuses(result.item.id)
    }
    assert facts == {"flyers/corrupt_exif.jpg": ("pending", ""), "flyers/fine.jpg": ("pending", "")}
    # the readable orientation still turns the photo; the unreadable one leaves it as stored
    from forensics_app.services.flyers import read_photo_facts

    fine, corrupt = (read_photo_facts(folder / n) for n in ("fine.jpg", "corrupt_exif.jpg"))
    assert (fine.width, fine.height) == (900, 400) and (corrupt.width, corrupt.height) == (400, 900)


def test_avif_is_a_photo_and_pictures_the_ocr_does_not_read_are_named_so(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    """An AVIF photo (newer Android phones) and a TIFF scan were both skipped as "not a photo";
    Pillow reads AVIF, and a TIFF, BMP or GIF is named as a picture to convert."""
    folder = tmp_path / "flyers"
    folder.mkdir()
    image, _ = draw_flyer([("급전 대출", 64), ("010-2345-6789", 80)], size=(900, 400))
    image.save(folder / "phone.avif", quality=80)
    image.save(folder / "scan.tiff", save_all=True, append_images=[image])  # two pages
    image.save(folder / "flyer.bmp")
    (folder / "notes.txt").write_text("collected at the station")
    result = workstation.flyers.import_photos(actor, case.id, [folder])
    assert result.added == 1 and result.warnings == []
    assert result.item is not None
    [avif] = workstation.flyers.photo_statuses(result.item.id)
    assert avif.relative_path == "flyers/phone.avif" and avif.state == "pending"
    assert [(note.kind, Path(str(note).split(":")[0]).name) for note in result.skipped] == [
        ("unread_picture", "flyer.bmp"),
        ("not_photo", "notes.txt"),
        ("unread_picture", "scan.tiff"),
    ]
    assert "a TIFF picture, which the OCR does not read" in result.skipped[2]
    assert not any(note.is_failure for note in result.skipped)
    assert "TIFF 그림은 OCR이 읽지 않습니다" in result.skipped[2].message.render("ko")


def test_two_imports_of_one_folder_at_once_catalogue_each_photo_once(
    workstation: Workstation, actor: Actor, case: CaseRecord, photos: Path
) -> None:
    """Two `ocr` runs of the same folder into the same case at once (two terminals, two
    workstations): each looked for the photos' bytes in the case before hashing, neither found
    them, and both catalogued every photo, as EX-0001 and EX-0002. Here the second import runs
    whole while the first reads the photos' metadata, between its look and its write."""

    class SecondImportMeanwhile(NullProgress):
        def __init__(self) -> None:
            self.second: object = None

        def begin(self, total: int | None, label: object, unit: str = "") -> None:
            if "metadata" in str(label) and self.second is None:
                self.second = workstation.flyers.import_photos(actor, case.id, [photos])

    meanwhile = SecondImportMeanwhile()
    first = workstation.flyers.import_photos(actor, case.id, [photos], progress=meanwhile)
    second = meanwhile.second
    assert second is not None and second.added == 6  # type: ignore[attr-defined]
    assert first.added == 0 and first.item is None
    assert len(first.duplicates) == 7  # the six, and the copy in day2
    assert workstation.flyers.flyer_items(case.id) == [second.item.id]  # type: ignore[attr-defined]


def test_ocr_batch_reads_every_number_records_failures_and_feeds_the_registry(
    workstation: Workstation, actor: Actor, case: CaseRecord, photos: Path
) -> None:
    item = workstation.flyers.import_photos(actor, case.id, [photos]).item
    assert item is not None
    report = workstation.flyers.run_ocr(actor, [item.id], jobs=2)
    assert (report.photos, report.failed, report.cancelled) == (6, 2, False)
    assert report.grouped == 2  # shop.jpg and its darker re-shot: same number, same look
    hits = workstation.flyers.hits(case_id=case.id)
    found = {(Path(h.photo).name, h.national, h.category) for h in hits}
    for name, (_headline, number, category) in FLYERS.items():
        assert (name, number, category) in found
    lending = next(h for h in hits if Path(h.photo).name == "lending.jpg")
    assert lending.taken_at == datetime(2026, 5, 1, 5, 30, tzinfo=UTC)
    assert lending.latitude == pytest.approx(37.265, abs=1e-3)
    reasons = {
        Path(s.relative_path).name: s.message for s in workstation.flyers.photo_statuses(item.id)
    }
    assert "empty" in reasons["empty.jpg"] and "not a photo" in reasons["notes.jpg"]
    registered = workstation.blocking.registry.detail("010-2345-6789")
    assert registered.number.sightings_count == 1
    assert workstation.blocking.registry.sightings("010-2345-6789")[0].photo_name.endswith(
        "lending.jpg"
    )
    again = workstation.flyers.run_ocr(actor, [item.id], jobs=2)
    assert (again.photos, again.already_done) == (0, 6)
    assert workstation.blocking.registry.detail("010-2345-6789").number.sightings_count == 1
    assert workstation.custody.entries(item_id=item.id)[0].action == "analyse"


class _CancelAfter(NullProgress):
    def __init__(self, photos: int) -> None:
        self.photos, self.done = photos, 0

    def advance(self, amount: int = 1, detail: str = "") -> None:
        self.done += amount

    def is_cancelled(self) -> bool:
        return self.done >= self.photos


def _results(workstation: Workstation) -> int:
    with workstation.db.read() as session:
        return session.execute(select(func.count()).select_from(OcrResult)).scalar_one()


def test_cancelled_batch_resumes_without_duplicates(
    workstation: Workstation, actor: Actor, case: CaseRecord, photos: Path
) -> None:
    item = workstation.flyers.import_photos(actor, case.id, [photos]).item
    assert item is not None
    first = workstation.flyers.run_ocr(actor, [item.id], jobs=1, progress=_CancelAfter(2))
    assert first.cancelled and 2 <= first.photos < 6
    assert _results(workstation) == first.photos
    second = workstation.flyers.run_ocr(actor, [item.id], jobs=2)
    assert not second.cancelled and second.already_done == first.photos
    assert first.photos + second.photos == 6 == _results(workstation)


def test_killed_command_resumes_without_duplicates(
    db_url: str,
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    photos: Path,
    tmp_path: Path,
) -> None:
    """Kill -9 the whole `forensics-app ocr` (and its workers) mid-batch, then run it again."""
    env = {
        **os.environ,
        "FORENSICS_APP_PASSWORD": PASSWORD,
        "FORENSICS_APP_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "forensics_app", "--db", db_url, "--examiner", "1001",
               "ocr", "--case", "F-1", str(photos), "--jobs", "1"]  # fmt: skip
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    while _results(workstation) < 1 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = _results(workstation)
    assert 1 <= partial <= 6
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    # notes.jpg is no photo: exit 4 (done, with failures) if this run met it, 0 if the killed
    # run already recorded it.
    failed_now = "notes.jpg is not a photo" in done.stderr
    assert done.returncode == (4 if failed_now else 0), done.stderr
    assert f"{partial} done before" in done.stdout
    assert _results(workstation) == 6


def _interrupted_ocr(
    workstation: Workstation, command: list[str], env: dict[str, str], stop: str = "ctrl-c"
) -> int:
    """Start `command` (an `ocr`), stop it as `stop` says once a photo is read: exit 130, one
    line, no traceback. The number of results it kept."""
    process = subprocess.Popen(command, env=env, start_new_session=True, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 120
    while _results(workstation) < 1 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if stop.startswith("ctrl-c"):
        os.killpg(process.pid, signal.SIGINT)
        if stop == "ctrl-c twice":  # the impatient analyst: it never ended (a worker waited)
            time.sleep(0.05)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    try:
        out, err = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, (out, err)
    assert err.strip().splitlines()[-1] == "cancelled; work already committed is kept", err
    assert "Traceback" not in err and "leaked" not in err, err
    return _results(workstation)


@pytest.mark.parametrize("stop", ["ctrl-c", "ctrl-c twice", "sigterm"])
def test_an_interrupted_command_says_so_keeps_what_finished_and_resumes(
    db_url: str, workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path,
    stop: str, ctrl_c_delivered: None,
) -> None:  # fmt: skip
    """Ctrl-C (SIGINT to the terminal's whole process group: the batch and its workers), twice,
    and `kill PID` (SIGTERM to the batch): one line, exit 130, no traceback, nothing half-stored,
    no photo recorded as failed; the next run does the rest, without duplicates. SIGTERM
    killed the batch outright (-15, no word, a multiprocessing warning about leaked
    semaphores)."""
    folder = tmp_path / "flyers"
    # enough photos that the batch is still reading when the signal comes (7 a second here)
    numbers = write_numbered_flyers(folder, 48, size=(700, 260), points=56)
    env = {
        **os.environ,
        "FORENSICS_APP_PASSWORD": PASSWORD,
        "FORENSICS_APP_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "forensics_app", "--db", db_url, "--examiner", "1001",
               "ocr", "--case", "F-1", str(folder), "--jobs", "2"]  # fmt: skip
    partial = _interrupted_ocr(workstation, command, env, stop)
    assert 1 <= partial < 48
    with workstation.db.read() as session:
        failed = session.scalars(select(OcrResult.message).where(OcrResult.ok.is_(False))).all()
    assert failed == []
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"{partial} done before" in done.stdout
    hits = workstation.flyers.hits(case_id=case.id)
    assert sorted(h.national for h in hits) == numbers


@pytest.mark.parametrize("renamed", [False, True], ids=["moved", "moved-and-renamed"])
def test_a_batch_resumed_from_the_folder_moved_meanwhile_reads_the_rest_once(
    db_url: str, workstation: Workstation, case: CaseRecord, tmp_path: Path,
    ctrl_c_delivered: None, renamed: bool,
) -> None:  # fmt: skip
    """Ctrl-C, the folder moved (to another disk, say), `ocr` again on its new place: the
    resume read nothing (the catalogue had the old paths; every photo a duplicate). The photos
    missing at their catalogued path and found there with the same SHA-256 and name take
    their new path, each with a custody entry; nothing is catalogued twice."""
    folder = tmp_path / "flyers"
    numbers = write_numbered_flyers(folder, 48, size=(700, 260), points=56)
    env = {
        **os.environ,
        "FORENSICS_APP_PASSWORD": PASSWORD,
        "FORENSICS_APP_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "forensics_app", "--db", db_url, "--examiner", "1001",
               "ocr", "--case", "F-1", str(folder), "--jobs", "2"]  # fmt: skip
    partial = _interrupted_ocr(workstation, command, env)
    assert 1 <= partial < 48
    (tmp_path / "elsewhere").mkdir()
    moved = tmp_path / "elsewhere" / ("flyers-2026" if renamed else "flyers")
    folder.rename(moved)
    done = subprocess.run(
        [*command[:-3], str(moved), "--jobs", "2"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "0 photos catalogued (48 already in the case)" in done.stdout
    assert f"OCR {48 - partial} photo" in done.stdout and f"{partial} done before" in done.stdout
    assert f"48 catalogued photos were not at their catalogued paths and were found in {moved}" in (
        done.stdout
    )
    hits = workstation.flyers.hits(case_id=case.id)
    assert sorted(h.national for h in hits) == numbers
    (item,) = workstation.flyers.flyer_items(case.id)
    statuses = workstation.flyers.photo_statuses(item)
    assert len(statuses) == 48 and {Path(s.source_path).parent for s in statuses} == {moved}
    assert {s.relative_path.split("/")[0] for s in statuses} == {"flyers"}  # as catalogued
    entries = [e for e in workstation.custody.entries(item_id=item) if "found moved" in e.summary]
    assert len(entries) == 48
    assert all(str(folder) in e.summary and str(moved) in e.summary for e in entries)
    with workstation.db.read() as session:
        catalogued = dict(session.execute(select(EvidenceFile.id, EvidenceFile.sha256)).all())
    assert {e.file_id: json.loads(e.details)["sha256"] for e in entries} == catalogued


def test_a_copy_or_another_name_is_not_taken_for_a_moved_photo(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    """Only a photo missing at its catalogued path is relocated, and only to a file of the
    same name in the folder: a copy beside the original, or the same bytes under another
    name, stays a duplicate, the catalogue unchanged."""
    folder = tmp_path / "flyers"
    write_numbered_flyers(folder, 2, size=(700, 260), points=56)
    item = workstation.flyers.import_photos(actor, case.id, [folder]).item
    assert item is not None
    copy = tmp_path / "copy" / "flyers"
    shutil.copytree(folder, copy)
    again = workstation.flyers.import_photos(actor, case.id, [copy])
    assert (again.added, len(again.duplicates), again.moved) == (0, 2, [])
    (folder / "flyer00.jpg").unlink()
    (copy / "flyer00.jpg").rename(copy / "other-name.jpg")
    third = workstation.flyers.import_photos(actor, case.id, [copy])
    assert (third.added, len(third.duplicates), third.moved) == (0, 2, [])
    paths = {s.source_path for s in workstation.flyers.photo_statuses(item.id)}
    assert paths == {str(folder / "flyer00.jpg"), str(folder / "flyer01.jpg")}
    (copy / "other-name.jpg").rename(copy / "flyer00.jpg")
    fourth = workstation.flyers.import_photos(actor, case.id, [copy])
    assert fourth.moved == [str(copy / "flyer00.jpg")]
    paths = {s.source_path for s in workstation.flyers.photo_statuses(item.id)}
    assert paths == {str(copy / "flyer00.jpg"), str(folder / "flyer01.jpg")}


def test_a_photo_changed_or_gone_since_it_was_catalogued_is_not_read_and_waits(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    """A photo replaced after cataloguing (a batch resumed days later, a folder synced
    meanwhile) was read from its new bytes: its numbers became sightings of the evidence,
    whose hash is the old photo's. A photo not there at the time (a moved folder, an
    unplugged drive) was recorded as failed for good and never read when it came back."""
    folder = tmp_path / "flyers"
    write_numbered_flyers(folder, 3, size=(700, 260), points=56)
    item = workstation.flyers.import_photos(actor, case.id, [folder]).item
    assert item is not None
    other, _ = draw_flyer([("급전 대출", 48), ("010-9999-8888", 60)], size=(700, 260))
    other.save(folder / "flyer00.jpg", quality=90)  # replaced by another flyer
    (folder / "flyer01.jpg").rename(tmp_path / "flyer01.jpg")  # away for now
    report = workstation.flyers.run_ocr(actor, [item.id], jobs=1)
    assert (report.photos, report.failed) == (1, 2)
    assert "flyer00.jpg is not the photo that was catalogued: its SHA-256 differs" in str(
        report.failures[0]
    )
    assert "등록된 사진이 아닙니다" in report.failures[0].render("ko")
    assert "File not found" in str(report.failures[1])
    assert [h.national for h in workstation.flyers.hits(case_id=case.id)] == ["010-2345-6702"]
    assert workstation.blocking.registry.find("010-9999-8888") is None
    states = {s.relative_path: s.state for s in workstation.flyers.photo_statuses(item.id)}
    assert states == {
        "flyers/flyer00.jpg": "pending",
        "flyers/flyer01.jpg": "pending",
        "flyers/flyer02.jpg": "done",
    }
    (tmp_path / "flyer01.jpg").rename(folder / "flyer01.jpg")  # back
    again = workstation.flyers.run_ocr(actor, [item.id], jobs=1)
    assert (again.photos, again.failed, again.already_done) == (1, 1, 1)
    assert sorted(h.national for h in workstation.flyers.hits(case_id=case.id)) == [
        "010-2345-6701",
        "010-2345-6702",
    ]


def _crashes_on_poison(path: str) -> FlyerResult | FlyerFailure:
    """A recogniser whose worker dies on a photo named poison*: the rest read as blank."""
    if Path(path).name.startswith("poison"):
        os._exit(9)
    return FlyerResult(path, (), "other", {}, PhotoMetadata(1, 1, "JPEG"), 0, 0.0)


def test_a_photo_that_kills_its_worker_is_recorded_and_the_rest_are_read(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    """The other side of the start check: workers start, one photo kills its worker every
    time; that photo alone is recorded as having crashed the worker."""
    folder = tmp_path / "flyers"
    write_numbered_flyers(folder, 3, size=(300, 120), points=20)
    Image.new("RGB", (30, 30), "white").save(folder / "poison.jpg")
    item = workstation.flyers.import_photos(actor, case.id, [folder]).item
    assert item is not None
    report = workstation.flyers.run_ocr(actor, [item.id], jobs=2, recogniser=_crashes_on_poison)
    assert (report.photos, report.failed) == (4, 1)
    states = {
        Path(s.relative_path).name: s.state for s in workstation.flyers.photo_statuses(item.id)
    }
    assert states == {"flyer00.jpg": "done", "flyer01.jpg": "done", "flyer02.jpg": "done",
                      "poison.jpg": "failed"}  # fmt: skip


def test_workers_that_cannot_start_leave_the_photos_pending(
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When no worker process can run at all (seen running as another user; no /dev/shm, a
    process limit), each photo was retried alone, "crashed" and was recorded as failed for
    good: the whole batch, never read again. The batch now stops, saying so, and every photo
    stays pending."""
    from forensics_app.ocr.errors import OcrEngineError

    write_numbered_flyers(tmp_path / "flyers", 3, size=(700, 260), points=56)
    item = workstation.flyers.import_photos(actor, case.id, [tmp_path / "flyers"]).item
    assert item is not None
    # every worker ends as it starts (the pool's initializer exits the process)
    monkeypatch.setattr("forensics_app.services.flyers.init_worker", os._exit)
    with pytest.raises(OcrEngineError, match="cannot start"):
        workstation.flyers.run_ocr(actor, [item.id], jobs=2)
    assert _results(workstation) == 0
    assert len(workstation.flyers.pending_files([item.id])) == 3


def test_a_photo_without_a_camera_time_waits_for_the_collectors_time(
    workstation: Workstation, actor: Actor, case: CaseRecord, photos: Path
) -> None:
    item = workstation.flyers.import_photos(actor, case.id, [photos]).item
    assert item is not None and item.seized_at is None
    workstation.flyers.run_ocr(actor, [item.id], jobs=2)
    registry = workstation.blocking.registry
    # lending.jpg has a camera time: its number is a sighting at that time.
    [lending] = registry.sightings("010-2345-6789")
    assert lending.seen_at == datetime(2026, 5, 1, 5, 30, tzinfo=UTC)
    # shop.jpg has none: no sighting (the import time is not when the flyer was seen).
    shop = next(h for h in workstation.flyers.hits(case_id=case.id) if h.national == "02-555-1234")
    assert shop.taken_at is None and shop.seen_at is None
    assert registry.find("02-555-1234") is None
    collected = datetime(2026, 5, 2, 0, 30, tzinfo=UTC)  # 09:30 KST
    workstation.flyers.set_collected_at(actor, item.id, collected)
    [seen] = registry.sightings("02-555-1234")
    assert seen.seen_at == collected
    assert [s.seen_at for s in registry.sightings("010-2345-6789")] == [lending.seen_at]
    edit = workstation.custody.entries(item_id=item.id)[0]
    assert edit.action == "edit" and json.loads(edit.details)["after"]["seized_at"].startswith(
        "2026-05-02T00:30"
    )


def test_a_camera_clock_never_set_gives_no_sighting_time(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    """A camera time of 2099 (or 1980, a clock never set) became the sighting's time: a
    sighting, and a block request, dated 2099. An offset like "+99:99" made the whole photo's
    facts unreadable ("catalogued, but not readable as a photo (ValueError: …)")."""
    folder = tmp_path / "flyers"
    folder.mkdir()
    times = {"future.jpg": ("2099:01:01 00:00:00", None), "reset.jpg": ("1980:01:01 00:00:00",
             None), "odd_offset.jpg": ("2026:05:01 14:30:00", "+99:99")}  # fmt: skip
    for i, (name, (when, offset)) in enumerate(times.items()):
        image, _ = draw_flyer([("급전 대출", 48), (f"010-2345-{6700 + i}", 56)], size=(700, 260))
        exif = Image.Exif()
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = when
        if offset:
            sub[0x9011] = offset
        image.save(folder / name, exif=exif, quality=90)
    result = workstation.flyers.import_photos(actor, case.id, [folder])
    assert result.item is not None
    warned = sorted(Path(str(w).split(":")[0]).name for w in result.warnings)
    assert warned == ["future.jpg", "reset.jpg"], result.warnings
    assert "the camera's time 2099-01-01T00:00:00 cannot be when the photo was taken" in str(
        next(w for w in result.warnings if "future" in str(w))
    )
    workstation.flyers.run_ocr(actor, [result.item.id], jobs=1)
    taken = {Path(h.photo).name: h.taken_at for h in workstation.flyers.hits(case_id=case.id)}
    # the odd offset is dropped, the time kept (as the camera's local time, KST)
    assert taken == {
        "future.jpg": None,
        "reset.jpg": None,
        "odd_offset.jpg": datetime(2026, 5, 1, 5, 30, tzinfo=UTC),
    }
    registry = workstation.blocking.registry
    assert registry.find("010-2345-6700") is None and registry.find("010-2345-6701") is None
    collected = datetime(2026, 5, 2, 0, 30, tzinfo=UTC)
    workstation.flyers.set_collected_at(actor, result.item.id, collected)
    assert [s.seen_at for s in registry.sightings("010-2345-6700")] == [collected]


def test_review_verdicts_are_audited_and_followed_by_the_registry(
    workstation: Workstation, actor: Actor, case: CaseRecord, photos: Path
) -> None:
    item = workstation.flyers.import_photos(
        actor, case.id, [photos], collected_at=datetime(2026, 5, 2, 0, 30, tzinfo=UTC)
    ).item
    assert item is not None
    workstation.flyers.run_ocr(actor, [item.id], jobs=2)
    registry = workstation.blocking.registry
    shop, shop_again = sorted(
        (h for h in workstation.flyers.hits(case_id=case.id) if h.national == "02-555-1234"),
        key=lambda h: h.file_id,
    )
    # Two photos of one flyer: one group, one sighting (flyers are counted, not photos).
    assert shop.group_file_id == shop_again.group_file_id == shop.file_id
    assert registry.detail("02-555-1234").number.sightings_count == 1
    assert registry.sightings("02-555-1234")[0].photo_name.endswith("/shop.jpg")
    # Rejecting the first photo's read: the other photo of the flyer now carries the sighting.
    rejected = workstation.flyers.review(actor, shop.id, ReviewStatus.REJECTED)
    assert rejected.review_status == ReviewStatus.REJECTED
    assert registry.detail("02-555-1234").number.sightings_count == 1
    assert registry.sightings("02-555-1234")[0].photo_name.endswith("/shop_again.jpg")
    # Correcting it to another number: the photos now read different numbers, two flyers.
    corrected = workstation.flyers.review(actor, shop.id, ReviewStatus.CORRECTED, "02-555-1235")
    assert corrected.final_e164 == "+8225551235"
    assert corrected.group_file_id == shop.file_id
    assert registry.detail("02-555-1235").number.sightings_count == 1
    assert registry.detail("02-555-1234").number.sightings_count == 1
    with pytest.raises(UserError, match="valid") as refused:
        workstation.flyers.review(actor, shop.id, ReviewStatus.CORRECTED, "070-123-4567")
    # the refusal keeps the number library's template: a Korean reader gets Korean
    assert "올바른 국내 전화번호가 아닙니다" in describe(refused.value, "ko")
    entry = workstation.custody.entries(item_id=item.id)[0]
    assert entry.action == "review" and json.loads(entry.details)["after"]["e164"] == "+8225551235"

    # Once a request cites the sighting as evidence, the read cannot be rejected quietly.
    reviewer = workstation.examiners.create(actor, "Lee", "2002", Role.REVIEWER, password=PASSWORD)
    lending = next(
        h for h in workstation.flyers.hits(case_id=case.id) if h.national == "010-2345-6789"
    )
    queued = workstation.blocking.requests.queue_blockable(blocking_actor(reviewer))
    assert queued.created
    entries_before = workstation.custody.verify_chain().head_seq
    for verdict, number in [
        (ReviewStatus.REJECTED, None),
        (ReviewStatus.CORRECTED, "010-2345-6780"),
    ]:
        with pytest.raises(SightingInUseError, match="withdraw"):
            workstation.flyers.review(actor, lending.id, verdict, number)
    # Refused means unchanged: the read, the registry and the custody log.
    after = next(h for h in workstation.flyers.hits(case_id=case.id) if h.id == lending.id)
    assert after.review_status == lending.review_status and after.corrected_e164 is None
    assert registry.detail("010-2345-6789").number.sightings_count == 1
    assert workstation.custody.verify_chain().head_seq == entries_before


def test_missing_tesseract_stops_before_the_batch_and_marks_nothing(
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    photos: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from forensics_app.ocr.errors import OcrEngineError

    item = workstation.flyers.import_photos(actor, case.id, [photos]).item
    assert item is not None
    empty_path = tmp_path / "no-programs"
    empty_path.mkdir()
    monkeypatch.setenv("PATH", str(empty_path))  # as on a machine without tesseract-ocr
    with pytest.raises(OcrEngineError, match="tesseract"):
        workstation.flyers.run_ocr(actor, [item.id], jobs=1)
    assert _results(workstation) == 0
    assert len(workstation.flyers.pending_files([item.id])) == 6


def test_photo_facts_explain_a_truncated_photo_in_korean(tmp_path: Path) -> None:
    from forensics_app.services.flyers import read_photo_facts

    whole = tmp_path / "whole.jpg"
    Image.new("RGB", (400, 300), "white").save(whole, quality=95)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[:400])
    facts = read_photo_facts(cut)
    assert facts.error  # English, stored with the file
    assert facts.reason is not None
    assert "잘려 있습니다" in facts.reason.render("ko")
