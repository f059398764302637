"""An import stopped while SQLite copies rows in one INSERT ... SELECT: by the examiner's
Cancel, or by Ctrl-C. SQLite then rolls back the whole transaction by itself (an interrupted
write inside an explicit transaction), so the savepoints around it are gone: the import must
end as cancelled, not as a database error, and keep nothing of its own."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from forensics_app.cli import main
from forensics_app.progress import Cancelled, NullProgress
from forensics_app.services import Workstation, ingest_sql
from forensics_app.services.records import Actor
from tests.importers import samples
from tests.services.test_ingest import case_id, counts  # noqa: F401  (fixture)


def _asked_by_sqlite() -> bool:
    """Whether is_cancelled() was asked by the handler SQLite calls during a statement (a few
    frames up: a progress wrapper may stand between them)."""
    frame = sys._getframe(1).f_back
    for _ in range(4):
        if frame is None:
            return False
        if frame.f_code.co_qualname.startswith("_cancellable"):
            return True
        frame = frame.f_back
    return False


class CancelInsideAStatement(NullProgress):
    """The examiner presses Cancel while SQLite copies rows (and only then)."""

    def __init__(self, raising: type[BaseException] | None = None) -> None:
        self.raising = raising
        self.stopped = False

    def is_cancelled(self) -> bool:
        if not self.stopped and _asked_by_sqlite():
            self.stopped = True
            if self.raising is not None:  # Ctrl-C arrives while SQLite runs the handler
                raise self.raising
        return self.stopped


@pytest.mark.parametrize("raising", [None, KeyboardInterrupt], ids=["cancel", "ctrl-c"])
def test_stopped_inside_a_statement_ends_as_cancelled_and_keeps_nothing(
    db_url: str,
    workstation: Workstation,
    actor: Actor,
    case_id: int,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    raising: type[BaseException] | None,
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL copies rows with COPY, which has no such handler")
    monkeypatch.setattr(ingest_sql, "PROGRESS_EVERY_OPS", 50)  # small tables: ask often
    root = samples.android_extraction(tmp_path / "extraction")
    before = counts(workstation)
    progress = CancelInsideAStatement(raising)
    with pytest.raises(KeyboardInterrupt if raising else Cancelled):
        workstation.ingest.import_paths(actor, case_id, [root], progress=progress)
    assert progress.stopped, "the import never ran an INSERT ... SELECT"
    assert counts(workstation) == before
    # Resumed: everything, once.
    report = workstation.ingest.import_paths(actor, case_id, [root])
    assert report.counts == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
    again = workstation.ingest.import_paths(actor, case_id, [root])
    assert again.counts == {"message": 0, "call": 0, "contact": 0}


def test_ctrl_c_inside_a_statement_exits_130_on_the_command_line(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ctrl_c_delivered: None,
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL copies rows with COPY, which has no such handler")
    from forensics_app.cli.progress import TerminalProgress
    from tests.conftest import PASSWORD

    monkeypatch.setattr(ingest_sql, "PROGRESS_EVERY_OPS", 50)
    monkeypatch.setenv("FORENSICS_APP_PASSWORD", PASSWORD)
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    monkeypatch.setattr("sys.stdin", _Lines(PASSWORD))
    assert (
        main(["--db", db_url, "examiner", "add", "Kim", "--badge", "1001", "--password-stdin"]) == 0
    )
    assert main(["--db", db_url, "--examiner", "1001", "case", "new", "C", "--number", "C-1"]) == 0
    root = samples.android_extraction(tmp_path / "extraction")
    stopped: list[bool] = []

    def interrupted(self: TerminalProgress) -> bool:
        if not stopped and _asked_by_sqlite():
            stopped.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, while SQLite runs a statement
        return False

    monkeypatch.setattr(TerminalProgress, "is_cancelled", interrupted)
    capsys.readouterr()
    args = ["--db", db_url, "--examiner", "1001", "import", "--case", "C-1", str(root)]
    code = main(args)
    assert stopped, "SQLite never asked while copying rows"
    assert code == 130
    assert "cancelled" in capsys.readouterr().err
    assert main(args) == 0
    out = capsys.readouterr().out
    assert (
        out.splitlines()[-1]
        == f"EX-0001: {samples.ANDROID_SMS_COUNT} messages, 7 calls, 4 contacts imported"
    )


class _Lines:
    def __init__(self, *lines: str) -> None:
        self._lines = [line + "\n" for line in lines]

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""

    def isatty(self) -> bool:
        return False
