"""Migration 0006 (an item may be withdrawn) on a catalog that already holds items, files,
sub-items and custody entries: SQLite changes the status constraint by copying the table,
which must neither trip the children's foreign keys nor lose a row."""

from __future__ import annotations

from pathlib import Path

from forensics_app.enums import ItemKind, ItemStatus
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.storage import migrations
from forensics_app.storage.database import Database
from tests.conftest import PASSWORD

BEFORE_WITHDRAWN = "0007"


def test_upgrade_keeps_items_files_sub_items_and_custody(old_url: str, tmp_path: Path) -> None:
    old = Database.connect(old_url)
    with old.engine.begin() as conn:
        migrations.upgrade(conn, BEFORE_WITHDRAWN)
    old.dispose()
    ws = Workstation(Database.connect(old_url))
    actor = ws.examiners.create(None, "Park", "9", password=PASSWORD)
    case = ws.cases.create(actor, "Before the upgrade", number="OLD-1")
    photo = tmp_path / "phone.jpg"
    photo.write_bytes(b"jpeg bytes")
    phone = ws.evidence.add_item(
        actor, case.id, ItemDraft(kind=ItemKind.PHONE, description="Phone"), [photo]
    ).item
    sim = ws.evidence.add_item(
        actor,
        case.id,
        ItemDraft(kind=ItemKind.SIM_OR_MEMORY_CARD, description="SIM", parent_id=phone.id),
    ).item
    ws.close()

    if not old_url.startswith("sqlite"):  # a team database is upgraded on purpose
        team = Database.connect(old_url)
        team.upgrade()
        team.dispose()
    upgraded = Workstation.open(old_url)
    assert upgraded.db.schema_state().up_to_date
    assert [Path(f.relative_path).name for f in upgraded.evidence.files(phone.id)] == ["phone.jpg"]
    assert [child.id for child in upgraded.evidence.children(phone.id)] == [sim.id]
    actor = upgraded.examiners.sign_in("9", PASSWORD)
    upgraded.evidence.withdraw(actor, sim.id, "Catalogued twice")
    assert upgraded.evidence.get_item(sim.id).status is ItemStatus.WITHDRAWN
    assert upgraded.custody.verify_chain().ok
    upgraded.close()
