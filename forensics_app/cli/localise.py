"""The command line's own words in the reader's language: every command's description and
option help, and argparse's fixed phrases (usage, option headings, its error messages).

Help texts are written in English where each command is declared; the Korean catalog
(resources/messages/ko.toml, table [cli]) is keyed by that English text, as the message
templates are. The parser tree is translated once, after it is built, so the command modules
stay plain argparse; tests/cli/test_cli_korean.py fails when a help text has no Korean.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from forensics_app import messages

CLI_TABLE = "cli"


def phrase(text: str, language: str | None = None) -> str:
    """`text` (an English help text or argparse phrase) in `language`."""
    if (language or messages.language()) == "en":
        return text
    return messages.catalog().get(CLI_TABLE, {}).get(text, text)


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """`parser` and every parser below it, each once."""
    seen: set[int] = set()
    pending = [parser]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())


def texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    """Every help text of the tree a reader can see (what the catalog must translate)."""
    for current in parsers(parser):
        if current.description:
            yield current.description
        for group in current._action_groups:
            if group.title:
                yield group.title
        for action in current._actions:
            if action.help and action.help != argparse.SUPPRESS:
                yield action.help
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        yield choice.help


def localise(parser: argparse.ArgumentParser, language: str | None = None) -> None:
    """Translate the tree's help texts in place (nothing to do in English)."""
    language = language or messages.language()
    if language == "en":
        return

    def tr(text: str | None) -> str | None:
        return phrase(text, language) if text else text

    for current in parsers(parser):
        current.description = tr(current.description)
        for group in current._action_groups:
            group.title = tr(group.title)
        for action in current._actions:
            if action.help and action.help != argparse.SUPPRESS:
                action.help = tr(action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = tr(choice.help)


@contextmanager
def argparse_phrases(language: str | None = None) -> Iterator[None]:
    """argparse formats its own phrases ('usage: ', 'the following arguments are required:
    %s', …) through gettext at the moment it needs them: route them through the catalog."""
    language = language or messages.language()
    if language == "en":
        yield
        return
    original: tuple[Callable[[str], str], Callable[[str, str, int], str]] = (
        argparse._,  # type: ignore[attr-defined]
        argparse.ngettext,  # type: ignore[attr-defined]
    )

    def plural(singular: str, plural_form: str, count: int) -> str:
        return phrase(singular if count == 1 else plural_form, language)

    argparse._ = lambda text: phrase(text, language)  # type: ignore[attr-defined]
    argparse.ngettext = plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = original  # type: ignore[attr-defined]
