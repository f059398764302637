"""Every line the command line prints goes through here.

Values come from evidence and from other people: a case title can hold ESC[2J (clear the
screen), a carriage return or U+202E. Each field is made visible (forensics_app.display) before
it reaches the terminal, so no field can move the cursor, fake a line or reorder text, and a
file name that is not UTF-8 cannot stop the command. Fields are joined by tabs, which the
values themselves can therefore never contain.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from forensics_app.display import visible


def _text(value: Any) -> str:
    render = getattr(value, "render", None)  # a Message: in the reader's language
    return visible(render() if callable(render) else value)


def line(*fields: Any, sep: str = "\t", stream: TextIO | None = None) -> None:
    """One line on stdout (or `stream`): the fields made visible, joined by `sep`."""
    target = stream or sys.stdout
    text = sep.join(_text(field) for field in fields) + "\n"
    try:
        target.write(text)
    except UnicodeEncodeError:  # a terminal that cannot show Hangul, say
        encoding = getattr(target, "encoding", None) or "ascii"
        target.write(text.encode(encoding, "backslashreplace").decode(encoding))


def error(*fields: Any, sep: str = "\t") -> None:
    """One line on stderr."""
    line(*fields, sep=sep, stream=sys.stderr)


_KIND_LABELS = {
    "symlink": "symbolic link(s), not followed",
    "symlink_loop": "symbolic link loop(s), not followed",
    "not_regular": "special file(s)",
    "unreadable": "unreadable",
    "not_photo": "not photo(s)",
    "already_in_item": "already in the item",
}


def skipped(notes: Sequence[Any], *, limit: int = 20) -> None:
    """The files a batch did not take: the first `limit` in full, then counts per kind."""
    for note in notes[:limit]:
        error("skipped: ", getattr(note, "message", note), sep="")
    if len(notes) > limit:
        error(f"… and {len(notes) - limit} more skipped")
    counts: dict[str, int] = {}
    for note in notes:
        kind = getattr(note, "kind", "other")
        counts[kind] = counts.get(kind, 0) + 1
    if counts:
        parts = [f"{n} {_KIND_LABELS.get(kind, kind)}" for kind, n in sorted(counts.items())]
        error("not catalogued: " + ", ".join(parts))
