"""What the operating system says (no such folder, a folder, a full disk, no permission) reads
in the reader's language, with the path kept: the C library's words are English, so the
message catalog names each error by its number (blocking.errors.os_reason)."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from blocking.errors import os_reason
from forensics_app.errors import UserError
from forensics_app.messages import describe, message_from_json, message_to_json, msg
from tests.cli.conftest import Cli

_ENGLISH = ("No such file", "non-existent", "Is a directory", "No space left", "Errno")


def _case(signed_in: Cli) -> None:
    code, _, _ = signed_in("--examiner", "1001", "case", "new", "Phones", "--number", "P")
    assert code == 0


@pytest.mark.parametrize("command", ["timeline", "artifacts", "xref"])
def test_an_unwritable_csv_is_refused_in_korean_with_its_path(
    signed_in: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    _case(signed_in)
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    missing = tmp_path / "no-such-folder" / "out.csv"
    cases = [(missing, "파일이나 폴더가 없습니다"), (tmp_path, "파일이 아니라 폴더입니다")]
    if Path("/dev/full").exists():  # Linux: every write there fails with ENOSPC
        cases.append((Path("/dev/full"), "디스크에 남은 공간이 없습니다"))
    for target, korean in cases:
        code, _, err = signed_in("--examiner", "1001", command, "--case", "P", "--csv", str(target))
        assert code == 2, err
        assert korean in err and str(target) in err, err
        assert not any(word in err for word in _ENGLISH), err
    assert not missing.parent.exists()


def test_an_os_error_is_named_by_its_number_in_either_language() -> None:
    error = PermissionError(errno.EACCES, "Permission denied", "/evidence/a.db")
    assert describe(error, "en") == "Permission denied: /evidence/a.db"
    assert describe(error, "ko") == "권한이 없습니다: /evidence/a.db"
    wrapped = UserError("Cannot read {path}: {reason}", path="/x", reason=os_reason(error))
    assert describe(wrapped, "en") == "Cannot read /x: Permission denied"
    assert "권한이 없습니다" in describe(wrapped, "ko") and "Permission" not in describe(
        wrapped, "ko"
    )
    # An error passed as it is (not through os_reason) is named the same way.
    raw = UserError("Cannot read {path}: {reason}", path="/x", reason=error)
    assert describe(raw, "ko") == describe(wrapped, "ko")
    # A number the catalog does not list keeps the system's words; so does a text-only error.
    odd = OSError(errno.EPROTO, "Protocol error")
    assert describe(UserError("{reason}", reason=os_reason(odd)), "ko") == "Protocol error"
    assert str(os_reason(OSError("pandas said so"))) == "pandas said so"


def test_a_stored_note_with_an_os_error_reads_in_korean_later() -> None:
    note = msg(
        "{path}: cannot be read ({error})",
        path="a.db",
        error=IsADirectoryError(errno.EISDIR, "Is a directory"),
    )
    stored = json.loads(json.dumps(message_to_json(note)))
    again = message_from_json(stored)
    assert again.render("en") == "a.db: cannot be read (Is a directory)"
    assert "파일이 아니라 폴더입니다" in again.render("ko")
