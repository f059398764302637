"""The README's command examples work as written (issue 8.12: its `--examiner 2002 block
approve` failed because the example never gave 2002 the reviewer role)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, lines

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_commands() -> list[list[str]]:
    """The `forensics-app …` lines of the README's shell blocks, comments dropped."""
    blocks = [part.split("```", 1)[0] for part in README.read_text(encoding="utf-8").split("```sh")]
    commands = []
    text = "\n".join(blocks[1:]).replace("\\\n", " ")  # continued lines are one command
    for line in text.splitlines():
        command = line.split("  #", 1)[0].strip()
        if command.startswith("forensics-app "):
            commands.append(shlex.split(command)[1:])
    return commands


def example(commands: list[list[str]], pattern: str) -> list[str]:
    found = [c for c in commands if re.search(pattern, " ".join(c))]
    assert len(found) == 1, f"the README has no single example matching {pattern!r}"
    return found[0]


def test_the_block_request_example_runs_as_written(
    cli: Cli, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the README shows the local database (no passwords on the command line)")
    commands = readme_commands()
    monkeypatch.delenv("FORENSICS_APP_PASSWORD")
    monkeypatch.setattr("sys.stdin", lines())
    for pattern in (
        r"^examiner add \S+ --badge 1001$",
        r"examiner add .* --badge 2002 --role reviewer",
        r"^case new",
        r"^numbers add",
    ):
        code, out, err = cli(*example(commands, pattern))
        assert code == 0, (pattern, err)
    # The queue is drafted by the first examiner; the README's reviewer approves it.
    code, _, err = cli("--examiner", "1001", *example(commands, r"^block queue$"))
    assert code == 0, err
    code, out, err = cli(*example(commands, r"--examiner 2002 block approve --all"))
    assert code == 0, err
    assert "1 requests approved" in out or "approved" in out
