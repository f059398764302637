"""Item 16 of issue 10: a 10,000-character title or make gets the same clear refusal on SQLite
and PostgreSQL (PostgreSQL used to raise a raw DataError, exit 70; SQLite stored it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocking.errors import BlockingError
from forensics_app.errors import UserError
from forensics_app.services import Workstation
from forensics_app.services.block_requests import blocking_actor
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, ItemKind
from tests.cli.conftest import Cli

HUGE = "가" * 10_000


def test_services_refuse_overlong_fields_on_both_databases(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match=r"title is too long: 10000 characters, at most 500"):
        workstation.cases.create(actor, HUGE)
    case = workstation.cases.create(actor, "Phones", number="P-1")
    with pytest.raises(UserError, match="number is too long"):
        workstation.cases.update(actor, case.id, number="9" * 65)
    with pytest.raises(UserError, match="make is too long"):
        workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE, make=HUGE))
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE)).item
    with pytest.raises(UserError, match="serial_number is too long"):
        workstation.evidence.update_item(actor, item.id, serial_number=HUGE)
    with pytest.raises(UserError, match="name is too long"):
        workstation.examiners.create(actor, HUGE, "77", password="long enough pw")
    with pytest.raises(UserError, match="seized_by is too long"):
        workstation.flyers.import_photos(actor, case.id, [tmp_path], collected_by=HUGE)
    with pytest.raises(BlockingError, match="requesting_agency is too long"):
        workstation.blocking.requests.queue_blockable(blocking_actor(actor), agency=HUGE)
    # Nothing of the refused input was stored; the chain is intact.
    assert [c.title for c in workstation.cases.list()] == ["Phones"]
    assert workstation.evidence.get_item(item.id).serial_number == ""
    assert workstation.custody.verify_chain().ok


def test_cli_says_so_with_exit_2(signed_in: Cli) -> None:
    code, _, err = signed_in("--examiner", "1001", "case", "new", HUGE)
    assert code == 2 and "too long" in err and "internal error" not in err
