"""What a seized phone holds is written by others (a lender's SMS, a contact's name): the
rows of `artifacts`, `timeline` and `xref` show its control characters and right-to-left
overrides as escapes, like every other line the command line prints (README)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli
from tests.hostile.corpus import BIDI, FAKE_VERDICT, TERMINAL, every_control_is_escaped
from tests.importers.builders import ANDROID_SMS, build, unix_ms
from tests.importers.samples import at


def test_message_bodies_and_senders_reach_the_terminal_escaped(
    signed_in: Cli, tmp_path: Path
) -> None:
    hostile = [*TERMINAL, *BIDI]
    rows = [
        {"_id": n + 1, "thread_id": 1, "address": f"010-1234-{5670 + n}\u202e",
         "date": unix_ms(at(n)), "type": 1, "read": 1, "body": f"{text} 대출"}
        for n, text in enumerate(hostile)
    ]  # fmt: skip
    database = build(tmp_path / "mmssms.db", ANDROID_SMS, {"sms": rows})
    code, _, err = signed_in("--examiner", "1001", "case", "new", "H", "--number", "H-1")
    assert code == 0, err
    code, _, err = signed_in("--examiner", "1001", "import", "--case", "H-1", str(database))
    assert code == 0, err
    for command in (["artifacts", "--case", "H-1"], ["timeline", "--case", "H-1"]):
        code, out, err = signed_in(*command)
        assert code == 0, err
        assert len(out.splitlines()) == len(hostile)
        assert every_control_is_escaped(out), command
        assert "\\x1b[2J\\x1b[H" + FAKE_VERDICT in out and "\\u202e" in out
