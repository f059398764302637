"""Message text out of Apple's `attributedBody` blob, for rows whose `text` column is NULL.

Two encodings occur: the legacy NeXTSTEP "typedstream" archive of an NSAttributedString (what
Messages writes), and, in some exports, an NSKeyedArchiver binary plist. Only the string is
recovered, not its attributes. A blob that does not hold a readable string gives None: the
caller records it as skipped, never guesses.
"""

from __future__ import annotations

import plistlib
from typing import Any

_TYPEDSTREAM = b"streamtyped"
_STRING_CLASSES = (b"NSString", b"NSMutableString")
_STRING_MARK = b"\x84\x01+"  # the archived C string that follows the class chain
_MAX_LOOKAHEAD = 16
_MAX_TEXT = 1 << 24


class AttributedBodyError(ValueError):
    """A blob that holds no readable text; the message (a template with values, like every
    message a person may see) says why."""

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


def text_from_attributed_body(blob: object) -> str:
    """The plain text of the blob; AttributedBodyError when it holds none."""
    if not isinstance(blob, bytes | bytearray | memoryview):
        raise AttributedBodyError("not a blob")
    data = bytes(blob)
    if data.startswith(b"bplist00"):
        return _from_keyed_archive(data)
    if _TYPEDSTREAM not in data[:32]:
        raise AttributedBodyError("neither a typedstream nor a keyed archive")
    return _from_typedstream(data)


def _from_typedstream(data: bytes) -> str:
    start = -1
    for name in _STRING_CLASSES:
        found = data.find(name)
        if found >= 0 and (start < 0 or found < start):
            start = found + len(name)
    if start < 0:
        raise AttributedBodyError("no NSString in the archive")
    mark = data.find(_STRING_MARK, start, start + _MAX_LOOKAHEAD + len(_STRING_MARK))
    if mark < 0:
        raise AttributedBodyError("no string after the NSString class")
    position = mark + len(_STRING_MARK)
    if position >= len(data):
        raise AttributedBodyError("archive ends before the string length")
    first = data[position]
    position += 1
    if first < 0x80:
        length = first
    elif first == 0x81:
        length = int.from_bytes(data[position : position + 2], "little")
        position += 2
    elif first == 0x82:
        length = int.from_bytes(data[position : position + 4], "little")
        position += 4
    else:
        raise AttributedBodyError("unknown length marker 0x{first:02x}", first=first)
    if length > _MAX_TEXT or position + length > len(data):
        raise AttributedBodyError("string runs past the end of the archive")
    try:
        return data[position : position + length].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AttributedBodyError("string is not UTF-8") from exc


def _from_keyed_archive(data: bytes) -> str:
    try:
        archive: Any = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, OverflowError) as exc:
        raise AttributedBodyError("unreadable keyed archive") from exc
    objects = archive.get("$objects") if isinstance(archive, dict) else None
    if not isinstance(objects, list):
        raise AttributedBodyError("keyed archive without objects")
    for obj in objects:
        if isinstance(obj, dict) and "NS.string" in obj:
            value = obj["NS.string"]
            if isinstance(value, str):
                return value
            if isinstance(value, plistlib.UID) and value.data < len(objects):
                target = objects[value.data]
                if isinstance(target, str):
                    return target
    texts = [o for o in objects[1:] if isinstance(o, str) and not o.startswith("NS")]
    if texts:
        return texts[0]
    raise AttributedBodyError("no string in the keyed archive")
