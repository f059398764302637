"""Submission packages: real zips opened and checked, and every way an export can fail."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from blocking import (
    Actor,
    AdCategory,
    Blocking,
    EvidenceFileError,
    IllegalTransitionError,
    PackageError,
    PackageWriteError,
    RequestState,
    SourceKind,
    verify_package,
)
from blocking import packages as packages_module
from blocking.clock import ManualClock, load_zone
from blocking.packages import XLSX_COLUMNS
from tests.blocking.conftest import START, Photo, make_photo, sighting

S = RequestState


def approved(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path, count: int = 3
) -> tuple[list[int], dict[str, list[Photo]]]:
    """`count` lending numbers with two photos each, one obscene number with a photo and a
    device artifact; all drafted, submitted for approval and approved."""
    photos: dict[str, list[Photo]] = {}
    items = []
    for i in range(count):
        number = f"010-3000-{i:04d}"
        photos[number] = [make_photo(tmp_path / "photos", f"n{i}_{k}.jpg") for k in range(2)]
        for k, photo in enumerate(photos[number]):
            items.append(
                sighting(
                    number,
                    photo=photo,
                    seen_at=START - timedelta(days=10 - k),
                    place="수원시" if k else "용인시",
                )
            )
    shared = make_photo(tmp_path / "photos", "wall.png")
    photos["0505-3000-0001"] = [shared]
    items += [
        sighting("0505-3000-0001", category=AdCategory.OBSCENE_ADULT, photo=shared),
        sighting(
            "0505-3000-0001",
            category=AdCategory.OBSCENE_ADULT,
            source_kind=SourceKind.DEVICE_ARTIFACT,
            source_id="sms-77",
        ),
    ]
    blk.registry.record_sightings(examiner, items)
    ids = blk.requests.queue_blockable(examiner).created
    blk.requests.submit_for_approval(examiner, ids)
    blk.requests.approve(reviewer, ids)
    return ids, photos


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_package_contents(blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path) -> None:
    ids, photos = approved(blk, examiner, reviewer, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = blk.packages.export(reviewer, ids, out, file_name="march.zip")

    assert result.path == out / "march.zip"
    assert folder_listing(out) == ["march.zip"]  # no temporary file left
    data = result.path.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.size == len(data)
    assert result.routes == ["lending_act", "outdoor_ad_act"]
    assert result.missing_photos == []

    with zipfile.ZipFile(result.path) as archive:
        names = sorted(archive.namelist())
        all_photos = [p for group in photos.values() for p in group]
        assert names == sorted(
            ["lists/lending_act.xlsx", "lists/outdoor_ad_act.xlsx", "package.json"]
            + ["manifest.sha256"]
            + [f"photos/{p.sha256}{p.path.suffix}" for p in all_photos]
        )
        # The manifest, recomputed here from the bytes in the zip.
        manifest = archive.read("manifest.sha256").decode()
        manifest_lines = [line.split("  ", 1) for line in manifest.splitlines()]
        listed = {member: digest for digest, member in manifest_lines}
        assert set(listed) == set(names) - {"manifest.sha256"}
        for member, digest in listed.items():
            assert hashlib.sha256(archive.read(member)).hexdigest() == digest, member
        for photo in all_photos:
            assert archive.read(f"photos/{photo.sha256}{photo.path.suffix}") == (
                photo.path.read_bytes()
            )
        metadata = json.loads(archive.read("package.json"))
        workbook = load_workbook(io.BytesIO(archive.read("lists/lending_act.xlsx")))
    assert verify_package(result.path) == []

    assert metadata["package"] == "march.zip"
    assert metadata["created_by"]["id"] == reviewer.id
    by_route = {r["route"]: r for r in metadata["routes"]}
    lending_ids = [r.id for r in blk.requests.get_many(ids) if r.route == "lending_act"]
    assert by_route["lending_act"]["request_ids"] == lending_ids
    assert by_route["lending_act"]["recipient"] == "과학기술정보통신부"

    sheet = workbook["Requests"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [header for header, _ in XLSX_COLUMNS]
    assert len(rows) == 1 + len(lending_ids)
    first = dict(zip([h for h, _ in XLSX_COLUMNS], rows[1], strict=True))
    assert first["전화번호 / Number"] == "010-3000-0000"
    assert first["E.164"] == "+821030000000"
    assert first["번호유형 / Type"] == "mobile"
    assert first["광고유형 / Category"] == "lending"
    assert "대부업법 제9조의6" in first["법적근거 / Legal basis"]
    assert first["발견횟수 / Sightings"] == 2
    assert first["발견지역 / Areas"] == "수원시 (1), 용인시 (1)"
    assert first["최초발견 / First seen"].date() == (START - timedelta(days=10)).date()
    expected = photos["010-3000-0000"][::-1]  # newest first
    assert first["증거파일 / Evidence files"].split("\n") == [p.path.name for p in expected]
    assert first["증거 SHA-256 / Evidence SHA-256"].split("\n") == [p.sha256 for p in expected]
    assert first["승인자 / Approved by"] == reviewer.name
    route_sheet = dict(workbook["Route"].iter_rows(values_only=True))
    assert route_sheet["Route"] == "lending_act"
    assert route_sheet["Package"] == "march.zip"

    with zipfile.ZipFile(result.path) as archive:
        obscene = load_workbook(io.BytesIO(archive.read("lists/outdoor_ad_act.xlsx")))
    row = list(obscene["Requests"].iter_rows(values_only=True))[1]
    pairs = dict(zip(row[11].split("\n"), row[12].split("\n"), strict=True))
    assert pairs == {
        "wall.png": photos["0505-3000-0001"][0].sha256,
        "device_artifact:sms-77": "-",  # evidence without a file
    }

    for request in blk.requests.get_many(ids):
        assert request.state is S.SUBMITTED
        assert request.package_id == result.package_id
        assert request.submitted_at == START
        last = blk.requests.history(request.id)[-1]
        assert (last.from_state, last.to_state) == (S.APPROVED, S.SUBMITTED)
        assert last.package_sha256 == result.sha256
        assert result.sha256 in last.note


def test_photos_can_come_from_a_mapping(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids, photos = approved(blk, examiner, reviewer, tmp_path, count=1)
    moved = tmp_path / "evidence_store"
    shutil.move(tmp_path / "photos", moved)
    mapping = {p.sha256: moved / p.path.name for group in photos.values() for p in group}
    out = tmp_path / "out"
    out.mkdir()
    result = blk.packages.export(reviewer, ids, out, photo_files=mapping)
    assert verify_package(result.path) == []
    assert len([f for f in result.files if f.path.startswith("photos/")]) == 3


def assert_nothing_changed(blk: Blocking, ids: list[int], folder: Path) -> None:
    assert {r.state for r in blk.requests.get_many(ids)} == {S.APPROVED}
    assert all(blk.requests.history(i)[-1].to_state is S.APPROVED for i in ids)
    if folder.exists():
        assert folder_listing(folder) == []


def test_only_approved_requests(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=2)
    blk.requests.withdraw(reviewer, ids[0], reason="wrong number")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(IllegalTransitionError, match=rf"not approved: {ids[0]} \(withdrawn\)"):
        blk.packages.export(reviewer, ids, out)
    assert_nothing_changed(blk, ids[1:], out)
    with pytest.raises(PackageError, match="at least one"):
        blk.packages.export(reviewer, [], out)


def test_missing_and_changed_photos(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids, photos = approved(blk, examiner, reviewer, tmp_path, count=2)
    out = tmp_path / "out"
    out.mkdir()
    gone = photos["010-3000-0001"][0]
    gone.path.unlink()
    with pytest.raises(EvidenceFileError, match="cannot be found") as caught:
        blk.packages.export(reviewer, ids, out)
    assert gone.sha256 in caught.value.problems[0]
    assert_nothing_changed(blk, ids, out)

    tampered = photos["010-3000-0000"][1]
    tampered.path.write_bytes(b"edited afterwards")
    with pytest.raises(EvidenceFileError, match="changed since they were recorded"):
        blk.packages.export(reviewer, ids, out, allow_missing_photos=True)
    assert_nothing_changed(blk, ids, out)

    tampered.path.write_bytes(b"")  # put the right bytes back
    make_photo(tampered.path.parent, tampered.path.name)
    result = blk.packages.export(reviewer, ids, out, allow_missing_photos=True)
    assert result.missing_photos and gone.sha256 in result.missing_photos[0]
    assert verify_package(result.path) == []
    with zipfile.ZipFile(result.path) as archive:
        assert f"photos/{gone.sha256}.jpg" not in archive.namelist()
        assert json.loads(archive.read("package.json"))["missing_photos"] == result.missing_photos
        sheet = load_workbook(io.BytesIO(archive.read("lists/lending_act.xlsx")))["Requests"]
        cells = [row[11] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(f"{gone.path.name} (not included)" in cell for cell in cells)


def test_target_folder_problems(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=1)
    with pytest.raises(PackageWriteError, match="does not exist"):
        blk.packages.export(reviewer, ids, tmp_path / "nowhere")
    out = tmp_path / "out"
    out.mkdir()
    (out / "taken.zip").write_bytes(b"someone else's file")
    with pytest.raises(PackageWriteError, match="already exists"):
        blk.packages.export(reviewer, ids, out, file_name="taken.zip")
    assert (out / "taken.zip").read_bytes() == b"someone else's file"
    with pytest.raises(PackageError, match=r"plain \.zip file name"):
        blk.packages.export(reviewer, ids, out, file_name="../escape.zip")
    (out / "taken.zip").unlink()
    assert_nothing_changed(blk, ids, out)


def test_a_request_that_moves_while_the_zip_is_written(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=2)
    real = packages_module._sha256_of

    def withdraw_meanwhile(path: Path) -> Any:
        blk.requests.withdraw(reviewer, ids[0], reason="another reviewer withdrew it")
        return real(path)

    monkeypatch.setattr(packages_module, "_sha256_of", withdraw_meanwhile)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(IllegalTransitionError, match="changed while the package was written"):
        blk.packages.export(reviewer, ids, out)
    assert folder_listing(out) == []
    assert blk.requests.get(ids[1]).state is S.APPROVED


# ---- full and read-only folders ---------------------------------------------------------------


@contextlib.contextmanager
def mounted_tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A real small or read-only filesystem (needs root and mount rights, else skip)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a test filesystem needs root")
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_full_folder(blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path) -> None:
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=2)
    with mounted_tmpfs(tmp_path / "small", "size=16k") as small:
        (small / "filler").write_bytes(b"x" * 4096)
        with pytest.raises(PackageWriteError, match="not enough space"):
            blk.packages.export(reviewer, ids, small)
        assert folder_listing(small) == ["filler"]
    assert_nothing_changed(blk, ids, tmp_path / "none")


def test_read_only_folder(blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path) -> None:
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=1)
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            with pytest.raises(PackageWriteError, match="read-only"):
                blk.packages.export(reviewer, ids, locked)
            assert folder_listing(locked) == []
        finally:
            locked.chmod(0o755)
    else:
        with mounted_tmpfs(tmp_path / "locked", "ro,size=64k") as locked:
            with pytest.raises(PackageWriteError, match="read-only"):
                blk.packages.export(reviewer, ids, locked)
            assert folder_listing(locked) == []
    assert_nothing_changed(blk, ids, tmp_path / "none")


def test_disk_full_reported_at_flush(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Network and delayed-allocation filesystems report a full disk only at fsync."""
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=1)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(packages_module.os, "fsync", full)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PackageWriteError, match="not enough space"):
        blk.packages.export(reviewer, ids, out)
    assert_nothing_changed(blk, ids, out)


def test_an_unreadable_photo_is_named_as_such(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    """A read error on a photo is the photo's problem, not the target folder's."""
    unreadable = Path("/proc/self/mem")  # a regular file whose first bytes cannot be read
    if not unreadable.is_file():
        pytest.skip("needs Linux /proc")
    ids, photos = approved(blk, examiner, reviewer, tmp_path, count=1)
    photo = photos["010-3000-0000"][0]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(EvidenceFileError, match="cannot be read") as caught:
        blk.packages.export(reviewer, ids, out, photo_files={photo.sha256: unreadable})
    assert "Input/output error" in caught.value.problems[0]
    assert_nothing_changed(blk, ids, out)


def test_the_list_shows_requests_resting_on_one_machine_read_photo(
    blk: Blocking, examiner: Actor, reviewer: Actor, tmp_path: Path
) -> None:
    """The review gate in the submission list: a number whose only sighting is one read the
    OCR accepted with nobody looking is marked, with that photo and the confidence."""
    from dataclasses import replace

    machine = make_photo(tmp_path / "photos", "machine.jpg")
    looked_at = [make_photo(tmp_path / "photos", f"seen{k}.jpg") for k in range(2)]
    blk.registry.record_sightings(
        examiner,
        [
            replace(sighting("010-4000-0001", photo=machine), machine_confidence=0.91),
            replace(sighting("010-4000-0002", photo=looked_at[0]), machine_confidence=0.93),
            sighting("010-4000-0002", photo=looked_at[1]),  # a person accepted this read
        ],
    )
    ids = blk.requests.queue_blockable(examiner).created
    blk.requests.submit_for_approval(examiner, ids)
    blk.requests.approve(reviewer, ids)
    gate = blk.requests.machine_only(r.number_id for r in blk.requests.get_many(ids))
    assert [g.photo_name for g in gate.values()] == ["machine.jpg"]

    (tmp_path / "out").mkdir()
    result = blk.packages.export(reviewer, ids, tmp_path / "out")
    with zipfile.ZipFile(result.path) as archive:
        sheet = load_workbook(io.BytesIO(archive.read("lists/lending_act.xlsx")))["Requests"]
        metadata = json.loads(archive.read("package.json"))
    rows = list(sheet.iter_rows(values_only=True))
    review = rows[0].index("검토 / Review")
    cells = {row[2]: row[review] for row in rows[1:]}
    assert "machine read only" in cells["010-4000-0001"]
    assert "machine.jpg" in cells["010-4000-0001"] and "0.91" in cells["010-4000-0001"]
    assert cells["010-4000-0002"] in (None, "")
    (route,) = metadata["routes"]
    machine_request = next(r.id for r in blk.requests.get_many(ids) if r.national.endswith("1"))
    assert route["machine_read_only"] == [machine_request]


@pytest.mark.parametrize(
    ("zone", "when", "expected"),
    [
        ("Asia/Seoul", START, "blocking-package-20250310-100000+0900.zip"),
        ("America/New_York", START, "blocking-package-20250309-210000-0400.zip"),
        ("UTC", START, "blocking-package-20250310-010000+0000.zip"),
    ],
)
def test_a_package_is_named_by_its_local_time_and_the_zones_utc_offset(
    blk: Blocking, clock: ManualClock, examiner: Actor, reviewer: Actor, tmp_path: Path,
    zone: str, when: datetime, expected: str,
) -> None:  # fmt: skip
    """`blocking-package-20261201-111317.zip` did not say which zone: another workstation's
    package, or one made in the hour a daylight-saving change repeats, named another moment
    the same. The offset is in the name; nothing Windows refuses in a name (no ':')."""
    clock.zone = load_zone(zone)  # the library's clock (conftest), in that zone
    clock.set(when)
    ids, _ = approved(blk, examiner, reviewer, tmp_path, count=1)
    out = tmp_path / "out"
    out.mkdir()
    result = blk.packages.export(reviewer, ids, out)
    assert result.path.name == expected
    assert not set(expected) & set('<>:"/\\|?*')
    stamp = expected.removeprefix("blocking-package-").removesuffix(".zip")
    assert datetime.strptime(stamp, "%Y%m%d-%H%M%S%z") == when


def test_the_repeated_hour_of_a_daylight_saving_change_names_two_moments_apart() -> None:
    """01:30 happens twice in New York on 2025-11-02 (EDT, then EST)."""
    clock = ManualClock(START, "America/New_York")
    first = datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    second = first + timedelta(hours=1)
    assert clock.local(first).replace(tzinfo=None) == clock.local(second).replace(tzinfo=None)
    assert (clock.file_stamp(first), clock.file_stamp(second)) == (
        "20251102-013000-0400",
        "20251102-013000-0500",
    )
