"""Every message the container readers can show exists in Korean with the same placeholders
(main's tests/test_messages.py checks the whole package the same way once merged)."""

from __future__ import annotations

import ast
import re
import string
import tomllib
from pathlib import Path

from forensics_app.errors import UserError
from forensics_app.messages import describe

REPO = Path(__file__).resolve().parents[3]
FILES = [
    *sorted((REPO / "forensics_app" / "importers" / "containers").glob("*.py")),
    REPO / "forensics_app" / "services" / "containers.py",
]
_ERROR = re.compile(r"(Error|Failure)$")


def templates() -> list[str]:
    found = []
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if not (_ERROR.search(name) or name in ("Message", "msg")):
                continue
            argument = node.args[0]
            assert not isinstance(argument, ast.JoinedStr), f"{path.name}:{node.lineno}"
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append(argument.value)
    return found


def fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f is not None)


def test_every_container_message_has_korean() -> None:
    catalog = tomllib.loads((REPO / "resources" / "messages" / "ko.toml").read_text("utf-8"))
    korean = catalog["messages"]
    found = templates()
    assert len(found) > 40
    assert [t for t in found if t not in korean] == []
    assert [t for t in found if fields(t) != fields(korean[t])] == []


def test_a_container_error_reads_in_korean() -> None:
    error = UserError(
        "The password does not open the encrypted backup {backup}. Nothing was imported.",
        backup="/evidence/backup",
    )
    assert describe(error, "ko").startswith("암호가 맞지 않아")
    assert "/evidence/backup" in describe(error, "ko")
