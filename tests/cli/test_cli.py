"""The command line, run in-process on both databases and as a real subprocess."""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from forensics_app.cli import build_parser, main
from forensics_app.services import Workstation
from tests.cli.conftest import Cli, lines
from tests.conftest import PASSWORD


def test_case_new_prints_the_id_and_list_shows_it(signed_in: Cli) -> None:
    code, out, _ = signed_in(
        "--examiner", "1001", "case", "new", "불법 대부 전단지", "--number", "2026-7"
    )
    assert code == 0
    case_id = int(out.strip())
    code, out, _ = signed_in("case", "list")
    assert code == 0 and out.startswith(f"{case_id}\t2026-7\topen\t0 items\t불법 대부 전단지")


def test_evidence_add_verify_and_tamper(
    signed_in: Cli, tmp_path: Path, real_fixtures: Path
) -> None:
    signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")
    code, out, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "P", "--kind", "phone",
        "--make", "Samsung", "--seized-at", "2026-05-01T14:30+09:00",
        str(real_fixtures / "android"), str(real_fixtures / "ios"),
    )  # fmt: skip
    assert code == 0, err
    assert [line.split("\t")[1:3] for line in out.splitlines()] == [
        ["EX-0001", "3 files"],
        ["EX-0002", "6 files"],
    ]
    assert "\r" not in err  # no progress bar when not on a terminal
    code, out, _ = signed_in("evidence", "show", "--case", "P", "EX-0001")
    assert "0e2cadfa9d68fb1769c01ceb5d75e4dfc4872dfdde7c6db37b75e896e31e283f" in out  # mmssms.db
    code, out, err = signed_in("--examiner", "1001", "verify", "--case", "P")
    assert code == 0, err
    assert "files: 9 checked, 9 ok, 0 failed" in out and "intact" in out
    with (real_fixtures / "android" / "plaso" / "mmssms.db").open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00")
    code, out, err = signed_in("--examiner", "1001", "verify", "--case", "P")
    assert code == 1
    assert "FAILED MISMATCH: EX-0001" in err and "mmssms.db" in err
    assert "files: 9 checked, 8 ok, 1 failed" in out


def test_bad_input_gets_a_message_and_a_nonzero_exit(signed_in: Cli, tmp_path: Path) -> None:
    signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")
    good = tmp_path / "good.bin"
    good.write_bytes(b"evidence")
    code, out, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "P", "--kind", "other",
        str(good), str(tmp_path / "missing.bin"),
    )  # fmt: skip
    assert code == 4  # done, with failures: one item catalogued, the other named
    assert "missing.bin: Not found" in err and "1 of 2 items failed" in err
    assert "Traceback" not in err
    assert len(out.splitlines()) == 1  # the good one was catalogued
    for args, message in [
        (("evidence", "add", "--case", "nope", "--kind", "phone"), "No case"),
        (
            ("evidence", "add", "--case", "P", "--kind", "phone", "--exhibit", "EX-0001"),
            "already used",
        ),
        (("evidence", "add", "--case", "P", "--kind", "phone", "--seized-at", "yesterday"), "ISO"),
        (
            (
                "evidence",
                "add",
                "--case",
                "P",
                "--kind",
                "phone",
                "--seized-at",
                "2026-01-01T10:00",
            ),
            "zone",
        ),
        (("--examiner", "999", "case", "new", "X"), "No active examiner"),
    ]:
        code, _, err = (
            signed_in("--examiner", "1001", *args) if args[0] != "--examiner" else signed_in(*args)
        )
        assert code == 2, (args, err)
        assert message in err and "Traceback" not in err
    with pytest.raises(SystemExit) as info:
        main(["case", "new"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["evidence", "add", "--case", "P", "--kind", "spaceship"])
    assert info.value.code == 2


def test_no_examiner_yet_is_explained(cli: Cli) -> None:
    code, _, err = cli("case", "new", "Anything")
    assert code == 2 and "examiner add" in err


def test_handover_and_log(signed_in: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", lines(PASSWORD))
    signed_in("--examiner", "1001", "examiner", "add", "Lee", "--badge", "2002", "--password-stdin")
    signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")
    signed_in("--examiner", "1001", "evidence", "add", "--case", "P", "--kind", "phone")
    code, out, _ = signed_in(
        "--examiner", "1001", "evidence", "handover", "--case", "P", "EX-0001", "--to", "2002"
    )
    assert code == 0 and "now held by Lee" in out
    code, out, _ = signed_in(
        "--examiner", "2002", "evidence", "status", "--case", "P", "EX-0001", "in_analysis"
    )
    assert code == 0 and "in_analysis" in out
    code, out, _ = signed_in("log", "--case", "P")
    actions = [line.split("\t")[3] for line in out.splitlines()]
    assert actions == ["create", "create", "handover", "status"]
    assert out.splitlines()[-1].split("\t")[2] == "Lee (2002)"


def test_times_are_printed_in_the_workstation_zone(
    signed_in: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Kathmandu is +05:45 all year: an offset no default zone has, on any day
    monkeypatch.setenv("FORENSICS_APP_TIME_ZONE", "Asia/Kathmandu")
    signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")
    signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "P", "--kind", "phone",
        "--seized-at", "2026-05-01T14:30+09:00",
    )  # fmt: skip
    code, out, _ = signed_in("log", "--case", "P")
    assert code == 0
    times = [datetime.fromisoformat(line.split("\t")[1]) for line in out.splitlines()]
    assert times and all(t.utcoffset() == timedelta(hours=5, minutes=45) for t in times)
    code, out, _ = signed_in("evidence", "show", "--case", "P", "EX-0001")
    assert "seized at: 2026-05-01T11:15:00+05:45" in out  # 14:30 in Seoul


def test_unreachable_database_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql://x@127.0.0.1:1/db", "case", "list"]) == 3
    assert "does not answer" in capsys.readouterr().err


def test_team_database_without_password_is_refused(
    signed_in: Cli, workstation: Workstation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORENSICS_APP_PASSWORD")
    monkeypatch.setattr("sys.stdin", lines())
    code, _, err = signed_in("--examiner", "1001", "case", "new", "X")
    if workstation.is_team_database:
        assert code == 2 and "password" in err
    else:
        assert code == 0


def test_a_wrong_password_is_refused_even_to_read(
    signed_in: Cli, workstation: Workstation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Naming yourself on a team database is checked by every command, not only by writes."""
    assert signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")[0] == 0
    monkeypatch.setenv("FORENSICS_APP_PASSWORD", "not the password")
    code, out, err = signed_in("--examiner", "1001", "case", "list")
    if workstation.is_team_database:
        assert code == 2 and out == "" and "password" in err, (code, out, err)
    else:  # a local database has no passwords to check
        assert code == 0 and "Phones" in out


def test_db_upgrade_and_status(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "db", "status"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["--db", db_url, "db", "upgrade"]) == 0
    assert "already" in capsys.readouterr().out


def test_db_status_creates_nothing_and_exits_3_when_not_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A mistyped path: reported, and neither the folder nor an empty database file is made.
    missing = tmp_path / "typo" / "workstation.sqlite3"
    assert main(["--db", f"sqlite:///{missing}", "db", "status"]) == 3
    assert "no database at" in capsys.readouterr().err
    assert not missing.parent.exists()
    # An empty database needs `db upgrade`: exit 3 (README: unavailable or outdated), not
    # 1, which says evidence or the custody chain failed verification.
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert main(["--db", f"sqlite:///{empty}", "db", "status"]) == 3
    assert "needs `db upgrade`" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command",
    [
        ("case", "list"),
        ("case", "show", "42"),
        ("examiner", "list"),
        ("evidence", "list", "--case", "1"),
        ("log",),
        ("verify",),
        ("ocr-review", "--case", "1"),
        ("block", "queue"),
        ("numbers", "--case", "1"),
        ("timeline", "--case", "1"),
    ],
)
def test_a_mistyped_db_is_refused_by_commands_that_need_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    """`--db sqlite:////typo/x.db case list` made the folders and an empty database and listed
    no cases, as if the database were empty: a command that reads (or needs a case) refuses a
    database that does not exist, creating nothing."""
    missing = tmp_path / "typo" / "x.sqlite3"
    assert main(["--db", f"sqlite:///{missing}", *command]) == 3
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: There is no database at {missing};"), err
    assert "Traceback" not in err
    assert not missing.parent.exists()


def test_the_first_examiner_starts_a_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """README, First start: the first `examiner add` makes the database (and its folders)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    new = tmp_path / "new" / "x.sqlite3"
    url = f"sqlite:///{new}"
    assert main(["--db", url, "examiner", "add", "Kim", "--badge", "7", "--password-stdin"]) == 0
    assert new.exists()
    capsys.readouterr()
    assert main(["--db", url, "examiner", "list"]) == 0
    assert "Kim" in capsys.readouterr().out


def test_console_script_and_module_run_as_subprocesses(tmp_path: Path) -> None:
    env = {**os.environ, "FORENSICS_APP_DATA_DIR": str(tmp_path)}
    script = Path(sys.executable).with_name("forensics-app")
    done = subprocess.run(
        [str(script), "case", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # a look at a database that does not exist yet makes none (exit 3, database unavailable)
    assert done.returncode == 3 and done.stdout == ""
    assert done.stderr.startswith("error: There is no database at"), done.stderr
    assert not (tmp_path / "workstation.sqlite3").exists()
    done = subprocess.run(
        [sys.executable, "-m", "forensics_app", "case", "new", "Flyers"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "No examiner yet" in done.stderr
    assert (tmp_path / "workstation.sqlite3").exists()  # `case new` starts a database
    done = subprocess.run(
        [sys.executable, "-m", "forensics_app", "case", "show", "42"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.strip() == "error: No case with number or id '42'."


def _leaf_parsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not actions:
        yield parser.prog, parser
        return
    for action in actions:
        for child in action.choices.values():
            yield from _leaf_parsers(child)


def test_every_command_has_a_handler() -> None:
    """A command without a handler must never fall through to starting the GUI."""
    commands = list(_leaf_parsers(build_parser()))
    assert len(commands) > 30
    missing = [prog for prog, parser in commands if parser.get_default("handler") is None]
    assert missing == []


def test_help_loads_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from forensics_app.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('cv2', 'numpy', 'openpyxl', 'alembic', 'sqlalchemy', 'PySide6', 'pandas')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_opening_an_up_to_date_catalog_loads_no_alembic(tmp_path: Path) -> None:
    """Alembic (with Mako and Pygments) is only needed to change a schema: a second start on
    the same catalog reads the stored revisions and compares them with the shipped heads."""
    env = {**os.environ, "FORENSICS_APP_DATA_DIR": str(tmp_path)}
    code = (
        "import sys\n"
        "from forensics_app.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(code, 'alembic' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, *command],
            env=env, capture_output=True, text=True, check=True,
        ).stdout.split()[-2:]
        for command in (["db", "upgrade"], ["case", "list"])
    ]  # fmt: skip
    assert runs == [["0", "True"], ["0", "False"]]  # created (and migrated) once, then opened


def test_db_upgrade_of_a_new_database_names_revisions_not_english_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In Korean it read "업그레이드했습니다: catalog empty/0010, …".
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    fresh = tmp_path / "fresh.sqlite3"
    sqlite3.connect(fresh).close()
    assert main(["--db", f"sqlite:///{fresh}", "db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("업그레이드했습니다: catalog -/"), out
    assert "empty" not in out


@pytest.mark.parametrize(
    "command",
    [
        ("log", "--limit", "-5"),
        ("log", "--limit", "0"),
        ("numbers", "--min-sightings", "-1"),
        ("block", "list", "--older-than", "-3"),
    ],
)
def test_a_count_option_below_its_least_value_is_refused(
    signed_in: Cli, command: tuple[str, ...]
) -> None:
    # `log --limit -5` printed every entry on SQLite and was a database error on PostgreSQL.
    code, out, err = signed_in("--examiner", "1001", *command)
    assert code == 2 and out == "", (out, err)
    assert f"{command[-2]} needs at least" in err and "Traceback" not in err
