"""The report's language. Reports are Qt-free, so they do not use Qt's catalogs: English
source strings are looked up in resources/reports/<lang>.toml ("English" = "번역")."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGUAGES = ("ko", "en")


@cache
def _catalog(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    source = resources.files("forensics_app.resources").joinpath("reports", f"{language}.toml")
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("messages", {}).items()}


class Translator:
    """Looks English up in the language's catalog; remembers what it could not find (tests
    fail on a missing Korean string)."""

    def __init__(self, language: str = "ko") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown report language {language!r} (ko or en)")
        self.language = language
        self._messages = _catalog(language)
        self.missing: set[str] = set()

    def __call__(self, text: str) -> str:
        if self.language == "en" or not text:
            return text
        found = self._messages.get(text)
        if found is None:
            self.missing.add(text)
            return text
        return found

    def format(self, text: str, **values: object) -> str:
        return self(text).format(**values)
