"""A wrong exhibit number given to an import: phone data is not filed under a CCTV recorder
or a flyer-photo batch, recorder clips not under a phone (whose databases were then analysed
as "clips"). Refused before anything is copied or stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics_app.enums import ItemKind
from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor
from tests.importers import samples
from tests.services.test_ingest import case_id, counts  # noqa: F401  (fixture)


def _item(workstation: Workstation, actor: Actor, case: int, kind: ItemKind) -> int:
    return workstation.evidence.add_item(actor, case, ItemDraft(kind=kind)).item.id


@pytest.mark.parametrize("kind", [ItemKind.CCTV_RECORDER, ItemKind.FLYER_PHOTO_BATCH])
def test_phone_data_is_not_filed_under_a_recorder_or_a_flyer_batch(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
    kind: ItemKind,
) -> None:
    item_id = _item(workstation, actor, case_id, kind)
    calls = samples.ios_callhistory(tmp_path / "CallHistory.storedata")
    before = counts(workstation)
    with pytest.raises(UserError) as refused:
        workstation.ingest.import_paths(actor, case_id, [calls], item_id=item_id)
    assert "phone data goes into a phone, computer or storage item" in str(refused.value)
    assert "전단지 사진 묶음" in describe(refused.value, "ko") or "CCTV 녹화기" in describe(
        refused.value, "ko"
    )
    assert counts(workstation) == before
    storage = _item(workstation, actor, case_id, ItemKind.STORAGE_MEDIA)
    report = workstation.ingest.import_paths(actor, case_id, [calls], item_id=storage)
    assert report.counts["call"] == 4


def test_recorder_clips_are_not_filed_under_a_phone(
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    root = samples.android_extraction(tmp_path / "phone")
    phone = workstation.ingest.import_paths(actor, case_id, [root]).item
    assert phone is not None
    clip = tmp_path / "ch01_20210608083312_20210608083316.dav"
    clip.write_bytes(b"")  # what it holds does not matter: refused before it is read
    before = counts(workstation)
    with pytest.raises(UserError, match="recorder clips go into a CCTV recorder"):
        workstation.cctv.catalog(actor, case_id, [clip], item_id=phone.id)
    assert counts(workstation) == before
    assert workstation.cctv.clips(item_id=phone.id) == []
