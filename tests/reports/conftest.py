"""A generated case for the report tests, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forensics_app.reports.sections import register_section, unregister_section
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from tests.reports.case_data import CaseData, build_case
from tests.reports.synthetic import GeneratedArtifacts


@pytest.fixture
def case_data(workstation: Workstation, actor: Actor, tmp_path: Path) -> CaseData:
    return build_case(workstation, actor, tmp_path / "source")


@pytest.fixture
def generated_section() -> Iterator[type[GeneratedArtifacts]]:
    """A plug-in section of 25,000 rows (three data chunks in the HTML)."""

    class Big(GeneratedArtifacts):
        rows = 25_000

    register_section(Big)
    yield Big
    unregister_section(Big.id)
