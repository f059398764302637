"""Builds a large, valid catalog quickly: one case with N items and M chained custody entries.

Rows go in with Core bulk inserts (the services would take an hour for a million entries);
the custody entries are hashed exactly as the service hashes them, so the chain verifies.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, update

from forensics_app.services import Workstation
from forensics_app.services.custody import canonical_json, entry_digest, utc_timestamp
from forensics_app.storage.models import (
    CustodyChainHead,
    CustodyEntry,
    EvidenceItem,
    ItemKind,
    ItemStatus,
)

MAKES = ["Samsung", "Apple", "LG", "Xiaomi", "Hikvision", "Dahua", "SanDisk", "Seagate"]
THINGS = ["flyers", "phone", "usb", "dvr"]
PLACES = ["수원역 앞", "인계동 골목", "안양 일번가", "부천역 광장", "Locker 3", "Vault B-12"]


def build_catalog(path: Path, items: int, custody_entries: int, seed: int = 7) -> Workstation:
    """Create (or replace) a SQLite catalog at `path` and return it opened."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    workstation = Workstation.open(f"sqlite:///{path}")
    actor = workstation.examiners.create(None, "Bench Examiner", "B-1", password=None)
    case = workstation.cases.create(actor, "Benchmark case", number="BENCH-1")
    rng = random.Random(seed)
    kinds = list(ItemKind)
    statuses = list(ItemStatus)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = [
        {
            "case_id": case.id,
            "parent_id": None,
            "kind": rng.choice(kinds),
            "exhibit_number": f"EX-{n:06d}",
            "description": f"{rng.choice(PLACES)} item {n} {rng.choice(THINGS)}",
            "make": rng.choice(MAKES),
            "model": f"M-{rng.randrange(1000)}",
            "serial_number": f"SN{rng.randrange(10**9):09d}",
            "imei": f"35{rng.randrange(10**13):013d}",
            "seized_from": f"Suspect {rng.randrange(5000)}",
            "seized_location": rng.choice(PLACES),
            "seized_at": start + timedelta(minutes=n),
            "seized_by": "Kim Minsu",
            "storage_location": rng.choice(PLACES),
            "status": rng.choice(statuses),
            "custodian_id": actor.id,
            "created_at": start + timedelta(minutes=n),
            "updated_at": start + timedelta(minutes=n),
        }
        for n in range(1, items + 1)
    ]
    with workstation.db.write() as session:
        session.execute(insert(EvidenceItem), rows)
        head = session.get(CustodyChainHead, 1)
        assert head is not None
        seq, prev = head.seq, head.entry_hash
        batch: list[dict[str, object]] = []
        label = actor.label
        for _ in range(custody_entries - seq):
            seq += 1
            item_id = rng.randrange(1, items + 1)
            recorded_at = utc_timestamp(workstation.clock.now())
            summary = f"Item EX-{item_id:06d} edited: storage_location"
            details = canonical_json(
                {"before": {"storage_location": "Locker 3"}, "after": {"storage_location": "Vault"}}
            )
            digest = entry_digest(
                recorded_at, actor.id, label, "edit", case.id, item_id, None, summary, details, prev
            )
            batch.append(
                {
                    "seq": seq,
                    "recorded_at": recorded_at,
                    "examiner_id": actor.id,
                    "actor": label,
                    "action": "edit",
                    "case_id": case.id,
                    "item_id": item_id,
                    "file_id": None,
                    "summary": summary,
                    "details": details,
                    "prev_hash": prev,
                    "entry_hash": digest,
                }
            )
            prev = digest
            if len(batch) == 50_000:
                session.execute(insert(CustodyEntry), batch)
                batch.clear()
        if batch:
            session.execute(insert(CustodyEntry), batch)
        session.execute(
            update(CustodyChainHead)
            .where(CustodyChainHead.id == 1)
            .values(seq=seq, entry_hash=prev)
        )
    return workstation
