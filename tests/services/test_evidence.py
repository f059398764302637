"""Cataloguing, editing, hand-over, verification and queries of evidence items."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from forensics_app.errors import DuplicateError, UserError
from forensics_app.hashing import FileDigest, FileVanishedError
from forensics_app.progress import ProgressReporter
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import Actor, CaseRecord
from forensics_app.storage.models import (
    CaseStatus,
    ItemKind,
    ItemStatus,
    Role,
    VerificationResult,
)
from tests.clocks import ManualClock
from tests.conftest import PASSWORD, sha256_of


@pytest.fixture
def case(workstation: Workstation, actor: Actor) -> CaseRecord:
    return workstation.cases.create(actor, "Seized phones", number="2026-0042")


def _photo_folder(root: Path) -> Path:
    folder = root / "flyers"
    (folder / "day2").mkdir(parents=True)
    (folder / "a.jpg").write_bytes(b"\xff\xd8 first flyer")
    (folder / "day2" / "b.jpg").write_bytes(b"\xff\xd8 second flyer")
    (folder / "day2" / "c.jpg").write_bytes(os.urandom(10_000))
    return folder


def _snapshot(workstation: Workstation, case_id: int) -> tuple[int, int]:
    return (
        workstation.evidence.count_items(ItemQuery(case_id=case_id)),
        workstation.custody.verify_chain().head_seq,
    )


def test_folder_becomes_one_item_with_hashed_files_and_custody_entries(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    folder = _photo_folder(tmp_path)
    result = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.FLYER_PHOTO_BATCH, description="Suwon station"), [folder]
    )
    item = result.item
    assert (item.exhibit_number, item.file_count, item.status) == (
        "EX-0001",
        3,
        ItemStatus.IN_CUSTODY,
    )
    assert item.custodian == "Kim Minsu"
    files = workstation.evidence.files(item.id)
    assert [f.relative_path for f in files] == [
        "flyers/a.jpg",
        "flyers/day2/b.jpg",
        "flyers/day2/c.jpg",
    ]
    for f in files:
        data = Path(f.source_path).read_bytes()
        assert f.sha256 == hashlib.sha256(data).hexdigest()
        assert f.md5 == hashlib.md5(data).hexdigest()
        assert f.size == len(data)
    actions = [e.action for e in workstation.custody.entries(item_id=item.id)]
    assert sorted(actions) == ["create", "hash", "hash", "hash"]
    hashed = [
        json.loads(e.details)
        for e in workstation.custody.entries(item_id=item.id)
        if e.action == "hash"
    ]
    assert {h["sha256"] for h in hashed} == {f.sha256 for f in files}
    assert workstation.custody.verify_chain().ok


def test_real_device_databases_catalogue_with_their_published_hashes(
    workstation: Workstation, actor: Actor, case: CaseRecord, real_fixtures: Path
) -> None:
    manifest = (real_fixtures / "MANIFEST.md").read_text()
    published = {
        line.split()[1].removeprefix("./"): line.split()[0]
        for line in manifest.splitlines()
        if len(line.split()) == 2 and len(line.split()[0]) == 64
    }
    assert len(published) == 10
    item = workstation.evidence.add_item(
        actor,
        case.id,
        ItemDraft(ItemKind.PHONE, make="Apple", model="iPhone 8"),
        [real_fixtures / "ios"],
    ).item
    stored = {
        f.relative_path.removeprefix("ios/"): f.sha256 for f in workstation.evidence.files(item.id)
    }
    for relative, sha in published.items():
        if relative.startswith("ios/"):
            assert stored[relative.removeprefix("ios/")] == sha
    report = workstation.evidence.verify(actor, case_id=case.id)
    assert report.ok and report.files_checked == len(stored)


def test_duplicate_exhibit_number_changes_nothing(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE, exhibit_number="P-1"))
    before = _snapshot(workstation, case.id)
    evidence_file = tmp_path / "image.bin"
    evidence_file.write_bytes(b"data")
    with pytest.raises(DuplicateError, match="P-1"):
        workstation.evidence.add_item(
            actor, case.id, ItemDraft(ItemKind.PHONE, exhibit_number="P-1"), [evidence_file]
        )
    assert _snapshot(workstation, case.id) == before


def test_missing_path_or_unreadable_file_changes_nothing(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    before = _snapshot(workstation, case.id)
    with pytest.raises(UserError, match="Not found"):
        workstation.evidence.add_item(
            actor, case.id, ItemDraft(ItemKind.PHONE), [tmp_path / "gone"]
        )
    folder = _photo_folder(tmp_path)
    (folder / "day2" / "broken").symlink_to(tmp_path / "nowhere")
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    result = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.OTHER), [folder])
    assert result.files_added == 3
    assert any("symbolic link" in s for s in result.skipped)
    assert any("not a regular file" in s for s in result.skipped)
    assert _snapshot(workstation, case.id)[0] == before[0] + 1


def test_file_vanishing_between_listing_and_hashing_is_recorded_and_the_rest_catalogued(
    workstation: Workstation,
    actor: Actor,
    case: CaseRecord,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _photo_folder(tmp_path)
    before = _snapshot(workstation, case.id)
    from forensics_app.services import evidence as evidence_module

    real_hash = evidence_module.hash_file

    def vanish_then_hash(path: Path, progress: ProgressReporter | None = None) -> FileDigest:
        if path.name == "b.jpg":
            path.unlink()
        return real_hash(path, progress)

    monkeypatch.setattr(evidence_module, "hash_file", vanish_then_hash)
    # Issue 10 (item 5): one file that cannot be read no longer aborts the batch; it is named,
    # with the reason, in the result and in the item's custody entry.
    result = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.OTHER), [folder])
    assert _snapshot(workstation, case.id) != before
    (failure,) = result.failures
    assert "b.jpg" in failure and "File not found" in failure
    catalogued = {f.relative_path for f in workstation.evidence.files(result.item.id)}
    assert catalogued and not any(path.endswith("b.jpg") for path in catalogued)
    with pytest.raises(FileVanishedError):  # hashing itself still says what happened
        real_hash(folder / "b.jpg")


def test_closed_case_takes_no_evidence(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    workstation.cases.set_status(actor, case.id, CaseStatus.CLOSED)
    with pytest.raises(UserError, match="closed"):
        workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE))
    reopened = workstation.cases.set_status(actor, case.id, CaseStatus.OPEN)
    assert reopened.closed_on is None
    workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE))


def test_parent_and_children(workstation: Workstation, actor: Actor, case: CaseRecord) -> None:
    phone = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.PHONE, imei="356938035643809")
    ).item
    sim = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.SIM_OR_MEMORY_CARD, parent_id=phone.id)
    ).item
    assert sim.parent_exhibit == phone.exhibit_number
    assert [c.id for c in workstation.evidence.children(phone.id)] == [sim.id]
    with pytest.raises(UserError, match="inside itself"):
        workstation.evidence.update_item(actor, phone.id, parent_id=sim.id)
    other_case = workstation.cases.create(actor, "Other", number="X-1")
    stranger = workstation.evidence.add_item(actor, other_case.id, ItemDraft(ItemKind.PHONE)).item
    with pytest.raises(UserError, match="same case"):
        workstation.evidence.update_item(actor, stranger.id, parent_id=phone.id)


def test_edit_records_only_changed_fields(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    item = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.PHONE, make="Samsung")
    ).item
    updated = workstation.evidence.update_item(
        actor, item.id, make="Samsung", model="SM-S918N", storage_location="Locker 3"
    )
    assert (updated.model, updated.storage_location) == ("SM-S918N", "Locker 3")
    edit = workstation.custody.entries(item_id=item.id)[0]
    assert edit.action == "edit"
    details = json.loads(edit.details)
    assert details.pop("event") == "item.edited"
    assert details.pop("event_values") == {
        "exhibit": "EX-0001",
        "fields": "model, storage_location",
    }
    assert details == {
        "before": {"model": "", "storage_location": ""},
        "after": {"model": "SM-S918N", "storage_location": "Locker 3"},
    }
    with pytest.raises(UserError, match="Cannot edit"):
        workstation.evidence.update_item(actor, item.id, sha256="0" * 64)


def test_status_change_and_hand_over_are_audited(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    analyst = workstation.examiners.create(
        actor, "Lee Jiyoung", "2002", Role.EXAMINER, password=PASSWORD
    )
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.COMPUTER)).item
    workstation.evidence.set_status(actor, item.id, ItemStatus.IN_ANALYSIS, "to the lab")
    moved = workstation.evidence.hand_over(actor, item.id, analyst.id, "for imaging")
    assert moved.custodian == "Lee Jiyoung"
    with pytest.raises(UserError, match="already holds"):
        workstation.evidence.hand_over(actor, item.id, analyst.id)
    handover, status = workstation.custody.entries(item_id=item.id)[:2]
    assert (
        handover.action == "handover"
        and "Kim Minsu (1001) → Lee Jiyoung (2002)" in handover.summary
    )
    assert status.action == "status" and json.loads(status.details)["after"] == {
        "status": "in_analysis"
    }


def test_verify_records_ok_mismatch_and_missing(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    folder = _photo_folder(tmp_path)
    item = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.FLYER_PHOTO_BATCH), [folder]
    ).item
    assert workstation.evidence.verify(actor, case_id=case.id).ok
    (folder / "a.jpg").write_bytes(b"\xff\xd8 doctored flyer")
    (folder / "day2" / "b.jpg").unlink()
    report = workstation.evidence.verify(actor, case_id=case.id)
    assert not report.ok and report.files_checked == 3 and report.files_ok == 1
    results = {Path(p.path).name: p.result for p in report.problems}
    assert results == {"a.jpg": VerificationResult.MISMATCH, "b.jpg": VerificationResult.MISSING}
    assert workstation.evidence.get_item(item.id).worst_verification == VerificationResult.MISMATCH
    verify_entries = [
        e for e in workstation.custody.entries(item_id=item.id) if e.action == "verify"
    ]
    assert len(verify_entries) == 6
    mismatch = next(
        json.loads(e.details)
        for e in verify_entries
        if "a.jpg" in e.summary and "mismatch" in e.summary
    )
    assert mismatch["after"]["sha256"] == sha256_of(folder / "a.jpg")
    assert mismatch["before"]["sha256"] != mismatch["after"]["sha256"]


def test_query_sorts_and_filters_in_sql(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    for n, (kind, description) in enumerate(
        [
            (ItemKind.PHONE, "Galaxy from suspect A"),
            (ItemKind.COMPUTER, "Laptop 100% charged"),
            (ItemKind.PHONE, "iPhone from car"),
            (ItemKind.STORAGE_MEDIA, "USB_stick"),
        ]
    ):
        workstation.evidence.add_item(
            actor, case.id, ItemDraft(kind, exhibit_number=f"E-{n}", description=description)
        )
    service = workstation.evidence
    assert len(service.item_ids(ItemQuery(case.id, kind=ItemKind.PHONE))) == 2
    by_description = service.items_by_id(service.item_ids(ItemQuery(case.id, sort="description")))
    ordered = [
        by_description[i].description
        for i in service.item_ids(ItemQuery(case.id, sort="description"))
    ]
    assert ordered == sorted(ordered)
    descending = service.item_ids(ItemQuery(case.id, sort="exhibit_number", descending=True))
    assert [service.get_item(i).exhibit_number for i in descending] == ["E-3", "E-2", "E-1", "E-0"]
    # LIKE wildcards in the filter are literal characters
    assert [
        service.get_item(i).exhibit_number
        for i in service.item_ids(ItemQuery(case.id, text="100%"))
    ] == ["E-1"]
    assert [
        service.get_item(i).exhibit_number
        for i in service.item_ids(ItemQuery(case.id, text="p_1"))  # "Laptop 100%" unescaped
    ] == []
    assert [
        service.get_item(i).exhibit_number for i in service.item_ids(ItemQuery(case.id, text="b_s"))
    ] == ["E-3"]
    assert [
        service.get_item(i).exhibit_number
        for i in service.item_ids(ItemQuery(case.id, text="GALAXY"))
    ] == ["E-0"]
    with pytest.raises(UserError, match="sort"):
        service.item_ids(ItemQuery(case.id, sort="id; DROP TABLE cases"))


def test_adding_the_same_file_twice_to_an_item_is_skipped(
    workstation: Workstation, actor: Actor, case: CaseRecord, tmp_path: Path
) -> None:
    first = tmp_path / "one.bin"
    first.write_bytes(b"1")
    second = tmp_path / "two.bin"
    second.write_bytes(b"2")
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.OTHER), [first]).item
    result = workstation.evidence.add_files(actor, item.id, [first, second])
    assert result.files_added == 1 and result.item.file_count == 2
    assert any("already catalogued" in s for s in result.skipped)


def test_seizure_time_keeps_its_instant_on_every_database(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    kst = timezone(timedelta(hours=9))
    seized = datetime(2026, 5, 1, 14, 30, tzinfo=kst)
    item = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.PHONE, seized_at=seized)
    ).item
    assert item.seized_at == seized
    assert item.seized_at is not None and item.seized_at.tzinfo == UTC
    assert item.seized_at.hour == 5
    # Sending the same instant again is not an edit.
    workstation.evidence.update_item(actor, item.id, seized_at=seized.astimezone(UTC))
    assert [e.action for e in workstation.custody.entries(item_id=item.id)] == ["create"]
    with pytest.raises(UserError, match="time zone"):
        workstation.evidence.update_item(actor, item.id, seized_at=datetime(2026, 5, 1, 14, 30))
    with pytest.raises(UserError, match="time zone"):
        workstation.evidence.add_item(
            actor, case.id, ItemDraft(ItemKind.PHONE, seized_at=datetime(2026, 5, 1))
        )


def test_a_seizure_time_after_now_is_refused_by_the_service(
    workstation: Workstation, actor: Actor, case: CaseRecord, clock: ManualClock
) -> None:
    """Every front-end (the GUI's item and flyer dialogs, the command line) is refused alike."""
    from datetime import timedelta

    from forensics_app.messages import describe

    later = clock.now() + timedelta(hours=2)
    with pytest.raises(UserError, match="later than now") as refused:
        workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE, seized_at=later))
    assert "압수 또는 수거 시각" in describe(refused.value, "ko")
    assert workstation.evidence.item_ids(ItemQuery(case.id)) == []
    slack = clock.now() + timedelta(minutes=4)  # a clock a few minutes behind is no mistake
    item = workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.PHONE, seized_at=slack)
    ).item
    with pytest.raises(UserError, match="later than now"):
        workstation.evidence.update_item(actor, item.id, seized_at=later)
    assert workstation.evidence.get_item(item.id).seized_at == slack


def test_only_the_holder_or_an_admin_hands_over(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    from forensics_app.errors import PermissionDeniedError

    lee = workstation.examiners.create(actor, "Lee", "2002", Role.EXAMINER, password=PASSWORD)
    park = workstation.examiners.create(actor, "Park", "3003", Role.EXAMINER, password=PASSWORD)
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    workstation.evidence.hand_over(actor, item.id, lee.id)
    with pytest.raises(PermissionDeniedError, match="holds"):
        workstation.evidence.hand_over(park, item.id, park.id)
    assert workstation.evidence.hand_over(lee, item.id, park.id).custodian == "Park"
    assert workstation.evidence.hand_over(actor, item.id, lee.id).custodian == "Lee"  # admin


def test_seizure_place_and_seizing_officer_are_searchable(
    workstation: Workstation, actor: Actor, case: CaseRecord
) -> None:
    workstation.evidence.add_item(
        actor,
        case.id,
        ItemDraft(ItemKind.PHONE, seized_location="수원역 3번 출구", seized_by="박형사"),
    )
    assert len(workstation.evidence.item_ids(ItemQuery(case.id, text="수원역"))) == 1
    assert len(workstation.evidence.item_ids(ItemQuery(case.id, text="박형사"))) == 1
