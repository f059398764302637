"""Items 14 and 15 of issue 10: control characters and right-to-left overrides in case titles,
item fields and file names never reach the terminal raw, and show as visible escapes."""

from __future__ import annotations

from pathlib import Path

from forensics_app.display import visible
from tests.cli.conftest import Cli
from tests.hostile.corpus import BIDI, FAKE_VERDICT, TERMINAL, every_control_is_escaped


def test_visible_escapes_every_kind() -> None:
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("a\rb\x07\x08\x9b") == "a\\x0db\\x07\\x08\\x9b"
    assert visible("photo_\u202egpj.exe") == "photo_\\u202egpj.exe"
    assert visible("\u2067x\u2069") == "\\u2067x\\u2069"
    assert visible("사진\udcb0.jpg") == "사진\ufffd.jpg"  # a CP949 byte that is not UTF-8
    assert visible("수원역 전단지 010-1234-5678") == "수원역 전단지 010-1234-5678"


def test_hostile_titles_fields_and_file_names_reach_the_terminal_escaped(
    signed_in: Cli, tmp_path: Path
) -> None:
    hostile = [*TERMINAL, *BIDI]
    for number, title in enumerate(hostile):
        code, _, err = signed_in(
            "--examiner", "1001", "case", "new", title, "--number", f"H-{number}",
            "--notes", title,
        )  # fmt: skip
        assert code == 0, err
    folder = tmp_path / "media"
    folder.mkdir()
    for name in BIDI:
        (folder / name).write_bytes(name.encode())
    code, out, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "H-0", "--kind", "storage_media",
        "--make", TERMINAL[0], "--description", BIDI[0], str(folder),
    )  # fmt: skip
    assert code == 0, err

    outputs = [
        signed_in("case", "list"),
        signed_in("case", "show", "H-0"),
        signed_in("case", "show", "H-6"),
        signed_in("evidence", "list", "--case", "H-0"),
        signed_in("evidence", "show", "--case", "H-0", "EX-0001"),
        signed_in("log", "--limit", "1000"),
    ]
    for code, out, err in outputs:
        assert code == 0, err
        assert every_control_is_escaped(out) and every_control_is_escaped(err)
    listing = outputs[0][1]
    assert "\\x1b[2J\\x1b[H" + FAKE_VERDICT in listing  # shown for what it is
    assert "photo_\\u202egpj.exe" in listing
    assert all(len(line.split("\t")) == 5 for line in listing.splitlines())  # no forged columns
    shown = outputs[4][1]
    assert "photo_\\u202egpj.exe" in shown and "\\u2067isolate\\u2069.jpg" in shown
    assert "\\x1b[2J" in shown  # the make


def test_errors_quoting_hostile_input_are_escaped_too(signed_in: Cli, tmp_path: Path) -> None:
    assert signed_in("--examiner", "1001", "case", "new", "T", "--number", "T")[0] == 0
    missing = tmp_path / ("\x1b[2J" + FAKE_VERDICT)
    code, _, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "T", "--kind", "other", str(missing)
    )
    assert code == 2
    assert every_control_is_escaped(err) and "\\x1b[2J" in err
