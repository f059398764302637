"""What the services say to people (errors, warnings, custody entries), in the reader's language.

Services never format text for a screen. They raise errors, and return notes, as an English
template with named values (`UserError("Case number {number} already exists.", number=n)`,
`Message("…", …)`); the blocking library does the same. The front-ends render them at the edge
with `render(template, values, language)`: the English template is the key into the Korean
catalog (resources/messages/ko.toml), the way Qt's catalogs are keyed by source text. A
template missing from the catalog shows in English, and tests/test_messages.py fails on it.

Qt-free on purpose: the command line speaks Korean too (FORENSICS_APP_LANG, else the locale).
"""

from __future__ import annotations

import locale
import logging
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from blocking.errors import Phrase, os_reason

log = logging.getLogger(__name__)

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LANGUAGE_ENV = "FORENSICS_APP_LANG"
CATALOG_FILE = ("messages", "ko.toml")

# The front-end's choice (None: decide from the environment).
_chosen: dict[str, str | None] = {"language": None}


@dataclass(frozen=True)
class Message:
    """An English template and its values: a note or warning a service hands to a front-end."""

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)
    # The English form for a count of one (msg_n); `template` is then the plural form, the key
    # into the Korean catalog.
    singular: str | None = None

    def english(self) -> str:
        """The English template that fits the count (the plural unless it is 1)."""
        if self.singular is not None and self.values.get("count") == 1:
            return self.singular
        return self.template

    def __str__(self) -> str:
        return render(self.english(), self.values, "en")

    def render(self, language: str | None = None) -> str:
        if (language or globals()["language"]()) == "en":
            return render(self.english(), self.values, "en")
        return render(self.template, self.values, language)


def message_to_json(message: Message) -> dict[str, Any]:
    """A message as JSON (stored beside what it describes, rendered when read)."""
    return {
        "template": message.template,
        "values": {
            k: message_to_json(v)
            if isinstance(v, Message)
            else message_to_json(Message(v.template, v.values))
            if isinstance(v, Phrase)
            else _plain(v)
            for k, v in _os_reasons(message.values).items()
        },
        **({"singular": message.singular} if message.singular is not None else {}),
    }


def message_from_json(stored: Any) -> Message:
    """The message message_to_json stored; plain text stored before messages were (an old
    row) comes back as a message that is its own English template."""
    if not isinstance(stored, dict) or not isinstance(stored.get("template"), str):
        return Message(str(stored))
    values = {
        str(k): message_from_json(v) if isinstance(v, dict) and "template" in v else v
        for k, v in (stored.get("values") or {}).items()
    }
    singular = stored.get("singular")
    return Message(stored["template"], values, singular if isinstance(singular, str) else None)


def joined(notes: Sequence[Message | str], separator: str = "; ") -> Message:
    """Several notes as one message value (the reasons inside a refusal), each rendered in
    the language of whoever reads the whole; the template is only placeholders and the
    separator, the same in every language."""
    names = [f"note{index}" for index in range(len(notes))]
    template = separator.join("{" + name + "}" for name in names)
    return Message(template, dict(zip(names, notes, strict=True)))


def msg(template: str, /, **values: Any) -> Message:
    return Message(template, values)


def msg_n(count: int, singular: str, plural: str, /, **values: Any) -> Message:
    """A message about `count` things: English singular for 1, plural otherwise; Korean (one
    form) is catalogued under the plural template. `count` is passed to both as {count}."""
    return Message(plural, {"count": count, **values}, singular)


def set_language(language: str) -> None:
    """The language every later `render` uses unless told (the GUI sets its choice here)."""
    _chosen["language"] = language if language in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    """The chosen language: set_language, else FORENSICS_APP_LANG, else the locale (Korean
    when it is Korean, English otherwise: a terminal in the C locale gets English)."""
    current = _chosen["language"]
    if current is not None:
        return current
    chosen = os.environ.get(LANGUAGE_ENV, "").strip().lower()[:2]
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "ko" if code.lower().startswith("ko") else "en"


def catalog_path() -> Path:
    return Path(str(resources.files("forensics_app.resources").joinpath(*CATALOG_FILE)))


@cache
def catalog() -> dict[str, dict[str, str]]:
    """The Korean catalog: table name → {English template or code: Korean template}."""
    try:
        with catalog_path().open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        log.exception("The Korean message catalog cannot be read; messages stay in English")
        return {}
    return {
        table: {str(k): str(v) for k, v in entries.items()}
        for table, entries in raw.items()
        if isinstance(entries, dict)
    }


def translate_template(template: str, language: str | None = None, table: str = "messages") -> str:
    """The template in `language` (the English one when the catalog lacks it)."""
    if (language or globals()["language"]()) == "en":
        return template
    return catalog().get(table, {}).get(template, template)


def stored_note(note: str, language: str | None = None) -> str:
    """A note stored as English sentences joined by "; " (an artifact's parse note), each
    sentence the catalog knows in `language`."""
    return "; ".join(translate_template(part, language) for part in note.split("; "))


def term(kind: str, value: str, language: str | None = None) -> str:
    """A vocabulary word (a status, a kind, a role) in `language`: `term("item_status",
    "in_custody")` → "보관 중". Unknown words come back as they are."""
    if (language or globals()["language"]()) == "en":
        return catalog().get(f"terms_en.{kind}", {}).get(value, value.replace("_", " "))
    return catalog().get(f"terms.{kind}", {}).get(value, value)


def code_term(kind: str, code: str, language: str | None = None) -> str:
    """A vocabulary code kept as text (a flyer group's category) as the reader's word in a
    data row; English keeps the code itself, which scripts read (as enum_term does)."""
    if (language or globals()["language"]()) == "en":
        return code
    return term(kind, code, language)


def named(kind: str, code: str, english: str, language: str | None = None) -> str:
    """A thing whose English name is written in the code (an importer's title), in `language`:
    Korean from the catalog's terms.<kind> table, keyed by the thing's code."""
    if (language or globals()["language"]()) == "en":
        return english
    return catalog().get(f"terms.{kind}", {}).get(code, english)


def enum_term(value: Enum, language: str | None = None) -> str:
    """A vocabulary value (a request state, an item kind…) as a word: its terms table is its
    class's name in snake case (RequestState → terms.request_state); the code itself where the
    catalog has no word for it. English prose keeps the code (scripts read it)."""
    kind = re.sub(r"(?<!^)(?=[A-Z])", "_", type(value).__name__).lower()
    code = str(value.value)
    if (language or globals()["language"]()) == "en":
        return code
    return term(kind, code, language)


def format_template(template: str, values: Mapping[str, Any]) -> str:
    if not values:
        return template
    try:
        return template.format(**{k: _plain(v) for k, v in values.items()})
    except (KeyError, IndexError, ValueError):
        log.warning("Message template %r does not fit its values %r", template, values)
        return template


def render(template: str, values: Mapping[str, Any], language: str | None = None) -> str:
    # A value that is itself a message (a reason inside a note) speaks the same language.
    # So does a phrase of the blocking library (a hint inside its error), and an operating
    # system error (its words are the C library's English: os_reason names it by number).
    values = _os_reasons(values)
    reader = language or globals()["language"]()
    shown = {
        k: v.render(language)
        if isinstance(v, Message)
        else render(v.template, v.values, language)
        if isinstance(v, Phrase)
        else enum_term(v, reader)
        if isinstance(v, Enum) and reader != "en"
        else v
        for k, v in values.items()
    }
    return format_template(translate_template(template, language), shown)


def describe(error: BaseException, language: str | None = None) -> str:
    """An error's message in `language`: ours and the blocking library's carry a template."""
    causes = getattr(error, "causes", ())
    if causes:
        lines = [render("Nothing was changed:", {}, language)]
        lines += [describe(cause, language) for cause in causes]
        more = getattr(error, "more_causes", 0)
        if more:
            lines.append(render("… and {count} more.", {"count": more}, language))
        return "\n".join(lines)
    template = getattr(error, "template", None)
    if isinstance(template, str):
        return render(template, getattr(error, "values", {}) or {}, language)
    if isinstance(error, OSError):  # the system's words are English: named by number
        reason = os_reason(error, with_path=True)
        return render(reason.template, reason.values, language)
    return str(error)


def _os_reasons(values: Mapping[str, Any]) -> Mapping[str, Any]:
    """The values, an operating-system error among them named by its number (os_reason)."""
    if not any(isinstance(v, OSError) for v in values.values()):
        return values
    return {k: os_reason(v) if isinstance(v, OSError) else v for k, v in values.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Phrase):
        return str(value)
    if isinstance(value, OSError):
        return str(os_reason(value))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
