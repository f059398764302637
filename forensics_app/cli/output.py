"""Every line the command line prints goes through here.

Values come from evidence and from other people: a case title can hold ESC[2J (clear the
screen), a carriage return or U+202E. Each field is made visible (forensics_app.display) before
it reaches the terminal, so no field can move the cursor, fake a line or reorder text, and a
file name that is not UTF-8 cannot stop the command. Fields are joined by tabs, which the
values themselves can therefore never contain.

Prose (summaries, notes, verdicts) is a `Message` (`msg`, `msg_n` for counts), rendered here in
the reader's language. Data rows meant for scripts (tab-separated fields, codes, hashes,
paths, ids) stay as they are in every language. Words in a row are the reader's: a status is its
term, a count is a `msg_n` ("1 file", "파일 1개"); scripts read --json or --csv.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from forensics_app.display import visible
from forensics_app.messages import Message, msg, msg_n

if TYPE_CHECKING:
    from forensics_app.clock import Clock


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


def when(moment: datetime | str | None, clock: Clock) -> str:
    """A moment in the workstation's zone, ISO 8601 with its offset (`2026-11-30T14:49:17+09:00`).

    Every command prints times this way, so a reader compares the custody log, a report's
    verification and the timeline on one clock, and a script still parses them. A stored ISO
    text (a report manifest's) is converted too; text that is not a moment is shown as it is.
    """
    if moment is None or moment == "":
        return "-"
    if isinstance(moment, str):
        try:
            parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        except ValueError:
            return moment
        if parsed.tzinfo is None:
            return moment
        moment = parsed
    return clock.local(moment).isoformat(timespec="seconds")


def error(*fields: Any, sep: str = "\t") -> None:
    """One line on stderr."""
    line(*fields, sep=sep, stream=sys.stderr)


def _kind_count(kind: str, count: int) -> Message | str:
    """How many files of one kind a batch did not take."""
    if kind == "symlink":
        return msg_n(
            count,
            "{count} symbolic link, not followed",
            "{count} symbolic links, not followed",
        )
    if kind == "symlink_loop":
        return msg_n(
            count,
            "{count} symbolic link loop, not followed",
            "{count} symbolic link loops, not followed",
        )
    if kind == "not_regular":
        return msg_n(count, "{count} special file", "{count} special files")
    if kind == "unreadable":
        return msg("{count} unreadable", count=count)
    if kind == "not_photo":
        return msg_n(count, "{count} file that is not a photo", "{count} files that are not photos")
    if kind == "unread_picture":
        return msg_n(
            count,
            "{count} picture in a format the OCR does not read",
            "{count} pictures in formats the OCR does not read",
        )
    if kind == "already_in_item":
        return msg("{count} already in the item", count=count)
    return f"{count} {kind}"


def skipped(notes: Sequence[Any], *, limit: int = 20) -> None:
    """The files a batch did not take: the first `limit` in full, then counts per kind."""
    for note in notes[:limit]:
        error(msg("skipped: {reason}", reason=getattr(note, "message", note)))
    if len(notes) > limit:
        error(msg("… and {count} more skipped", count=len(notes) - limit))
    counts: dict[str, int] = {}
    for note in notes:
        kind = getattr(note, "kind", "other")
        counts[kind] = counts.get(kind, 0) + 1
    if counts:
        parts = [_text(_kind_count(kind, n)) for kind, n in sorted(counts.items())]
        error(msg("not catalogued: {kinds}", kinds=", ".join(parts)))
