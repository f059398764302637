"""Fixtures for the blocking library: every DB test runs on SQLite and on PostgreSQL through
the shared `db_url` fixture; the blocking migrations are applied on top of that database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from blocking import (
    Actor,
    AdCategory,
    Blocking,
    BlockingConfig,
    ManualClock,
    RequestState,
    Role,
    SightingInput,
    SourceKind,
    load_config,
    make_engine,
    migrations,
)
from blocking.models import requests_t

ROUTES_FILE = Path(__file__).resolve().parents[2] / "resources" / "blocking" / "routes.toml"
START = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)  # a Monday, 10:00 in Korea


@pytest.fixture
def config() -> BlockingConfig:
    return load_config(ROUTES_FILE)


@pytest.fixture
def clock() -> ManualClock:
    """The library's clock, moved by the test instead of by waiting."""
    return ManualClock(START)


@pytest.fixture
def blk(db_url: str, config: BlockingConfig, clock: ManualClock) -> Iterator[Blocking]:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        migrations.upgrade(connection)
    service = Blocking(engine, config, clock=clock)
    yield service
    engine.dispose()


@pytest.fixture
def examiner() -> Actor:
    return Actor("e1", "Park Examiner", Role.EXAMINER)


@pytest.fixture
def reviewer() -> Actor:
    return Actor("r1", "Lee Reviewer", Role.REVIEWER)


@pytest.fixture
def admin() -> Actor:
    return Actor("a1", "Choi Admin", Role.ADMIN)


@dataclass
class Photo:
    path: Path
    sha256: str


def make_photo(folder: Path, name: str, content: bytes | None = None) -> Photo:
    """A small file standing in for a flyer photo (the library never decodes images)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content if content is not None else f"JPEG of {name}".encode() * 50)
    return Photo(path, hashlib.sha256(path.read_bytes()).hexdigest())


def sighting(
    number: str,
    *,
    seen_at: datetime = START - timedelta(days=3),
    category: AdCategory = AdCategory.LENDING,
    photo: Photo | None = None,
    place: str = "수원시 팔달구",
    source_kind: SourceKind | None = None,
    source_id: str = "",
) -> SightingInput:
    kind = source_kind or (SourceKind.FLYER_PHOTO if photo else SourceKind.MANUAL)
    return SightingInput(
        number=number,
        seen_at=seen_at,
        category=category,
        source_kind=kind,
        source_id=source_id,
        case_number="2025-GG-001",
        photo_name=photo.path.name if photo else "",
        photo_sha256=photo.sha256 if photo else None,
        photo_path=str(photo.path) if photo else None,
        place=place,
        collector="Park Examiner",
    )


def mobile(index: int) -> str:
    """A distinct valid mobile number per index."""
    return f"010-{2000 + index // 10_000:04d}-{index % 10_000:04d}"


def force_state(blk: Blocking, request_id: int, state: RequestState, **values: object) -> None:
    """Put a request straight into a state (test set-up only; the library never does this)."""
    with blk.store.write() as conn:
        conn.execute(
            update(requests_t).where(requests_t.c.id == request_id).values(state=state, **values)
        )
