"""Clips for the CCTV tests, generated once per session and copied where a test needs its own
(a test that hashes evidence before and after must own its files)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.cctv.generator import ClipSpec, OsdStyle, make_clip

START = datetime(2021, 6, 8, 8, 33, 12)  # a Tuesday
MakeClip = Callable[..., Path]


@pytest.fixture(scope="session")
def clip_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clips")


@pytest.fixture(scope="session")
def make(clip_cache: Path) -> MakeClip:
    """make(kind, spec=..., name=..., channel=...) -> a generated clip (cached by its
    parameters; do not modify it: copy it first)."""

    def build(
        kind: str = "mp4",
        spec: ClipSpec | None = None,
        *,
        name: str | None = None,
        channel: int = 1,
    ) -> Path:
        spec = spec or ClipSpec(start=START)
        key = hashlib.sha1(repr((kind, spec, channel)).encode()).hexdigest()[:16]
        folder = clip_cache / key
        target = folder / (name or f"clip.{kind}")
        if not target.exists():
            folder.mkdir(exist_ok=True)
            existing = next(folder.iterdir(), None)
            if existing is not None:
                shutil.copyfile(existing, target)
            else:
                make_clip(spec, target, kind, channel=channel)
        return target

    return build


def small(
    start: datetime = START,
    *,
    duration: float = 4.0,
    osd: OsdStyle | None = None,
    events: tuple = (),
    size: tuple[int, int] = (640, 360),
    fps: float = 25.0,
    gop: int = 25,
) -> ClipSpec:
    return ClipSpec(
        start=start,
        duration=duration,
        fps=fps,
        size=size,
        osd=osd if osd is not None else OsdStyle(size=26),
        events=events,
        gop=gop,
    )


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_to(source: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target
