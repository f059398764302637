"""The command line fixtures, shared with tests/cli, and a team of two examiners."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli, cli, lines, signed_in
from tests.conftest import PASSWORD

__all__ = ["cli", "signed_in", "team"]


@pytest.fixture
def team(signed_in: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Kim (admin, 1001) and Lee (reviewer, 2002), and case C-7."""
    monkeypatch.setattr("sys.stdin", lines(PASSWORD))
    code, _, err = signed_in(
        "--examiner", "1001", "examiner", "add", "Lee", "--badge", "2002", "--role", "reviewer",
        "--password-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "C-7")[0] == 0
    return signed_in
