"""What the catalog says about a clip (its problems, why its format is what it is, why its
on-screen clock could not be read, how its clocks disagree) kept as templates with values, so
it reads in the reader's language whenever it is shown, and not in the language of the day it
was catalogued.

A note is a `forensics_app.messages.Message`: an English template (the key into the Korean
catalog, resources/messages/ko.toml [messages]) and its values; a value may itself be a note
(a reason inside a problem). Stored as JSON: {"t": template, "v": {name: value}} (and "s",
the singular form, for counted ones). Rows catalogued before notes were templates hold plain
English text: they load as a note without values, which shows that text as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from forensics_app.messages import Message

Note = Message


def encode(note: Message | str) -> Any:
    """A JSON-able form of a note (plain text stays text)."""
    if isinstance(note, str):
        return note
    data: dict[str, Any] = {"t": note.template, "v": {k: _value(v) for k, v in note.values.items()}}
    if note.singular is not None:
        data["s"] = note.singular
    return data


def decode(data: Any) -> Message:
    """A note from its JSON form; old plain text (or anything unexpected) as text."""
    if isinstance(data, dict) and isinstance(data.get("t"), str):
        values = data.get("v")
        values = values if isinstance(values, dict) else {}
        singular = data.get("s")
        return Message(
            data["t"],
            {str(k): _revive(v) for k, v in values.items()},
            singular if isinstance(singular, str) else None,
        )
    # Old text is shown as it was stored (a template without values is never formatted).
    return Message(str(data if data is not None else ""))


def dumps(notes: Iterable[Message | str]) -> str:
    """A list of notes for a Text column."""
    return json.dumps([encode(n) for n in notes], ensure_ascii=False)


def loads(text: str | None) -> tuple[Message, ...]:
    """The notes of a Text column: a JSON list of notes (or of old plain strings)."""
    try:
        data = json.loads(text or "[]")
    except ValueError:
        return (decode(text),) if text else ()
    if not isinstance(data, list):
        return (decode(data),)
    return tuple(decode(item) for item in data)


def dump_one(note: Message | str | None) -> str:
    """One note for a Text column ("" for none)."""
    if note is None or note == "":
        return ""
    return json.dumps(encode(note), ensure_ascii=False)


def load_one(text: str | None) -> Message | None:
    """One note from a Text column: a JSON note, or old plain English text."""
    if not text:
        return None
    if text.startswith('{"t"'):
        try:
            return decode(json.loads(text))
        except ValueError:
            pass
    return decode(text)


def load_text(text: str | None) -> Message:
    """Like load_one, with an empty note for an empty column."""
    return load_one(text) or decode("")


def render_all(notes: Iterable[Message], language: str | None = None) -> list[str]:
    return [note.render(language) for note in notes]


def _value(value: Any) -> Any:
    if isinstance(value, Message):
        return {"$note": encode(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def _revive(value: Any) -> Any:
    if isinstance(value, Mapping) and "$note" in value:
        return decode(value["$note"])
    return value
