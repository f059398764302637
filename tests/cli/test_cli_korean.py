"""The command line's help and argparse's own phrases read in Korean (issue 8's leftover):
every help text has a Korean entry with the same placeholders, and a Korean reader sees
Korean help, usage and errors, while English stays as written."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest

from forensics_app import messages
from forensics_app.cli import build_parser
from forensics_app.cli.localise import CLI_TABLE, argparse_phrases, parsers, texts

# argparse's phrases a user of this program can meet (help, usage and parse errors).
ARGPARSE_PHRASES = (
    "usage: ",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "expected one argument",
    "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r",
    "not allowed with argument %s",
    "ambiguous option: %(option)s could match %(matches)s",
    "one of the arguments %s is required",
)
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{[^}]*\}")
_OPTION = re.compile(r"--[a-z][a-z-]*")


def _korean_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, messages.LANGUAGE_ENV: "ko"}
    return subprocess.run(
        [sys.executable, "-m", "forensics_app", *args],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_every_help_text_and_argparse_phrase_has_korean_with_the_same_placeholders() -> None:
    table = messages.catalog()[CLI_TABLE]
    wanted = {*texts(build_parser()), *ARGPARSE_PHRASES}
    assert len(wanted) > 100  # the whole tree was walked, not just the top level
    missing = sorted(text for text in wanted if text not in table)
    assert missing == []
    for english in wanted:
        korean = table[english]
        assert sorted(_PLACEHOLDER.findall(korean)) == sorted(_PLACEHOLDER.findall(english)), (
            english
        )
        assert set(_OPTION.findall(korean)) == set(_OPTION.findall(english)), english
        assert re.search("[가-힣]", korean), english


def test_every_argument_says_what_it_is() -> None:
    # `evidence add --help` listed --case, --kind, --make, --serial… with no word about them:
    # 86 of 163 arguments had no help in either language.
    silent = [
        f"{parser.prog}: {action.option_strings[0] if action.option_strings else action.dest}"
        for parser in parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction | argparse._HelpAction)
        and not action.help
    ]
    assert silent == []


def test_a_korean_reader_gets_korean_help_and_usage() -> None:
    done = _korean_cli("--help")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("사용법: forensics-app")
    table = messages.catalog()[CLI_TABLE]
    assert table["show this help message and exit"] in done.stdout
    assert "show this help message" not in done.stdout and "options:" not in done.stdout
    done = _korean_cli("report", "--help")
    assert done.returncode == 0
    assert table["case number or id"] in done.stdout and "--case" in done.stdout


def test_a_korean_reader_gets_korean_argument_errors_and_exit_2() -> None:
    table = messages.catalog()[CLI_TABLE]
    done = _korean_cli("evidence", "add")
    assert done.returncode == 2 and done.stdout == ""
    required = table["the following arguments are required: %s"].replace("%s", "")
    assert done.stderr.startswith("사용법: ") and required.strip() in done.stderr
    assert "the following arguments" not in done.stderr
    done = _korean_cli("no-such-command")
    assert done.returncode == 2
    assert "invalid choice" not in done.stderr and "no-such-command" in done.stderr
    # an unknown option is worded by parse_args itself, after parse_known_args
    done = _korean_cli("case", "list", "--csv", "out.csv")
    assert done.returncode == 2
    assert "unrecognized arguments" not in done.stderr and "--csv out.csv" in done.stderr
    assert table["unrecognized arguments: %s"].replace("%s", "").strip() in done.stderr


def test_english_is_left_as_written_and_argparse_is_restored_after_parsing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: forensics-app") and "show this help message and exit" in out
    with argparse_phrases("ko"):
        assert argparse._("usage: ") == "사용법: "  # type: ignore[attr-defined]
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
