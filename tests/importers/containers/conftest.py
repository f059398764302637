"""Shared helpers for the container tests: a case to import into, counts of every table an
import writes (to show that refused input changes nothing), digests of folders."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forensics_app import config
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage.models import (
    ArtifactCall,
    ArtifactContact,
    ArtifactMessage,
    CustodyEntry,
    EvidenceFile,
    EvidenceItem,
    ImportContainer,
    ImportContainerMember,
    ImportSource,
)

TABLES = (
    ArtifactMessage, ArtifactCall, ArtifactContact, ImportSource, ImportContainer,
    ImportContainerMember, EvidenceItem, EvidenceFile, CustodyEntry,
)  # fmt: skip


def table_counts(workstation: Workstation) -> dict[str, int]:
    with workstation.db.read() as session:
        return {
            model.__tablename__: session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in TABLES
        }


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def case_id(workstation: Workstation, actor: Actor) -> int:
    return workstation.cases.create(actor, "Illegal lending", number="2024-0042").id


def work_root() -> Path:
    """The import working folder (in the test's own data folder)."""
    return config.data_dir() / "work"


def left_in_work() -> list[Path]:
    root = work_root()
    return [p for p in root.rglob("*")] if root.exists() else []
