"""Text from evidence and from people, made safe to show on a terminal or in a rich-text widget.

Anyone can put bytes into a case title, a seized phone's file names or a flyer's OCR text. Shown
raw, an ANSI escape (ESC[2J) can clear the screen and fake a "verify OK", a carriage return can
overwrite a line, and a right-to-left override (U+202E) makes "gpj.exe" read as a photo. Here
control characters become visible escapes (\\x1b), bidirectional controls become \\u202e, and the
lone surrogates Python uses for file-name bytes that are not UTF-8 become U+FFFD. Qt-free: the
CLI and the GUI share it.
"""

from __future__ import annotations

from typing import Any

REPLACEMENT = "\ufffd"
# Embeddings, overrides, isolates and marks: they reorder or hide the text around them.
BIDI_CONTROLS = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Line and paragraph separators end a line on some terminals, like a newline would.
_LINE_BREAKERS = (0x2028, 0x2029)


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)):
        table[code] = f"\\x{code:02x}"
    for code in (*sorted(BIDI_CONTROLS), *_LINE_BREAKERS):
        table[code] = f"\\u{code:04x}"
    for code in range(0xD800, 0xE000):
        table[code] = REPLACEMENT
    return table


_VISIBLE = _table()


def visible(value: Any) -> str:
    """`value` as text with nothing hidden and nothing that acts on the display."""
    return str(value).translate(_VISIBLE)


def has_hidden_characters(value: str) -> bool:
    return visible(value) != value


def without_surrogates(text: str) -> str:
    """A file name as the database can store it: bytes that were not UTF-8 become U+FFFD
    (keep the raw bytes apart, see `raw_name_hex`)."""
    if not any(0xD800 <= ord(ch) < 0xE000 for ch in text):
        return text
    return "".join(REPLACEMENT if 0xD800 <= ord(ch) < 0xE000 else ch for ch in text)


def raw_name_hex(text: str) -> str | None:
    """The name's bytes in hex when the name is not valid UTF-8 (None when it is)."""
    if text == without_surrogates(text):
        return None
    return text.encode("utf-8", "surrogateescape").hex()


# ---- file names that are not UTF-8 ---------------------------------------------------------
# A name from CP949 media reaches Python with its undecodable bytes as lone surrogates, which
# no database can store. Such a path is stored as its readable form (U+FFFD for those bytes)
# followed by all of its bytes in hex: still unique, still openable (`real_path`).
_RAW_MARK = " [raw bytes "


def stored_path(path: str) -> str:
    """The path as the catalogue stores it (unchanged when it is valid UTF-8)."""
    raw = raw_name_hex(path)
    if raw is None:
        return path
    return f"{without_surrogates(path)}{_RAW_MARK}{raw}]"


def real_path(stored: str) -> str:
    """The path to open for a stored path (the inverse of `stored_path`)."""
    shown, mark, rest = stored.rpartition(_RAW_MARK)
    if not mark or not rest.endswith("]") or REPLACEMENT not in shown:
        return stored
    try:
        path = bytes.fromhex(rest[:-1]).decode("utf-8", "surrogateescape")
    except ValueError:
        return stored
    return path if without_surrogates(path) == shown else stored
