"""Evidence text shown by widgets: nothing in it may act on the display.

Rich text (QLabel/QMessageBox/QTextEdit HTML) gets `rich()`: HTML-escaped, with control
characters and right-to-left overrides shown as visible escapes (forensics_app.display), so a
file named "\\u202egpj.exe" reads as what it is. Plain text gets `plain()`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from forensics_app.display import visible


def plain(value: Any) -> str:
    return visible(value)


def rich(value: Any) -> str:
    """One value as rich text (escaped for HTML, hidden characters visible)."""
    return escape(visible(value), quote=True)


def rich_lines(value: Any, separator: str = "<br>") -> str:
    """A value of several lines: each line made safe, the lines joined by `separator`."""
    return separator.join(rich(part) for part in str(value).split("\n"))
