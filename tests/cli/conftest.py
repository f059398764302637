"""Running the CLI in-process with captured output, signed in as the first examiner."""

from __future__ import annotations

import io

import pytest

from forensics_app.cli import main
from tests.conftest import PASSWORD


class Cli:
    def __init__(
        self, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.db_url = db_url
        self.capsys = capsys
        monkeypatch.setenv("FORENSICS_APP_PASSWORD", PASSWORD)

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(["--db", self.db_url, *args])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(db_url, capsys, monkeypatch)


@pytest.fixture
def signed_in(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr("sys.stdin", lines())  # not a terminal: no prompts
    code, out, err = cli("examiner", "add", "Kim Minsu", "--badge", "1001", "--password-stdin")
    assert code == 2 and "No password" in err
    monkeypatch.setattr("sys.stdin", lines(PASSWORD))
    code, out, _ = cli("examiner", "add", "Kim Minsu", "--badge", "1001", "--password-stdin")
    assert code == 0 and "admin" in out
    return cli


def lines(*lines: str) -> object:

    return io.StringIO("".join(f"{line}\n" for line in lines))
