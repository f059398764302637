"""A NUL character typed into evidence text is refused with a clear message, on SQLite as on
PostgreSQL (whose text type cannot hold it: psycopg used to fail with a DataError traceback
in the middle of the transaction), and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics_app.errors import UserError
from forensics_app.messages import describe
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import Actor
from forensics_app.services.stored_text import refuse_nul, without_nul
from forensics_app.storage.models import ItemKind, ItemStatus


def _entries(workstation: Workstation) -> int:
    return workstation.custody.verify_chain().entries_checked


def test_nul_in_evidence_text_is_refused_and_nothing_changes(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "NUL", number="NUL-1")
    evidence = workstation.evidence
    photo = tmp_path / "phone.bin"
    photo.write_bytes(b"seized")
    before = _entries(workstation)
    with pytest.raises(UserError) as refused:
        evidence.add_item(
            actor,
            case.id,
            ItemDraft(kind=ItemKind.PHONE, description="갤럭시\x00 S21", make="Samsung"),
            [photo],
        )
    assert "description" in str(refused.value) and "U+0000" in str(refused.value)
    assert "NUL 문자(U+0000)" in describe(refused.value, "ko")
    assert evidence.count_items(ItemQuery(case.id)) == 0
    assert _entries(workstation) == before

    item = evidence.add_item(
        actor, case.id, ItemDraft(kind=ItemKind.PHONE, description="갤럭시 S21")
    ).item
    before = _entries(workstation)
    with pytest.raises(UserError, match="seized_from"):
        evidence.update_item(actor, item.id, seized_from="김\x00철수", description="바뀜")
    with pytest.raises(UserError, match="note"):
        evidence.set_status(actor, item.id, ItemStatus.IN_ANALYSIS, note="분석\x00 시작")
    with pytest.raises(UserError, match="note"):
        evidence.hand_over(actor, item.id, actor.id, note="\x00")
    unchanged = evidence.get_item(item.id)
    assert (unchanged.description, unchanged.seized_from) == ("갤럭시 S21", "")
    assert unchanged.status == ItemStatus.IN_CUSTODY
    assert _entries(workstation) == before
    # Without the NUL the same edit goes through.
    assert evidence.update_item(actor, item.id, seized_from="김철수").seized_from == "김철수"


def test_helpers() -> None:
    refuse_nul({"title": "fine", "count": 3, "when": None})
    with pytest.raises(UserError, match="field title"):
        refuse_nul({"title": "a\x00b"})
    assert without_nul("a\x00b\x00") == "ab" and without_nul("ab") == "ab"
