"""What a file in a CCTV export is, from its first bytes (never from its extension).

Recorders name Hikvision MPEG-PS `.mp4`, Dahua frames `.dav` or `.mp4`, and ship players as
`.exe`; domain.md §3. Anything that is not a video FFmpeg can read is still catalogued and
hashed, with the reason it needs the maker's player (or is not footage at all).
"""

from __future__ import annotations

import enum
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from blocking.errors import os_reason
from forensics_app.messages import Message, msg, msg_n

SNIFF_BYTES = 4096
DAHUA_PREAMBLE = 0x400


class ClipFormat(enum.StrEnum):
    DAHUA_DAV = "dahua_dav"
    HIKVISION_PS = "hikvision_ps"
    MP4 = "mp4"
    MOV = "mov"
    AVI = "avi"
    MKV = "mkv"
    MPEG_PS = "mpeg_ps"
    MPEG_TS = "mpeg_ts"
    RAW_H264 = "raw_h264"
    RAW_H265 = "raw_h265"
    PROPRIETARY = "proprietary"  # video, but only the maker's player reads it
    NOT_VIDEO = "not_video"  # a player, an index, a picture, a text file
    EMPTY = "empty"
    UNREADABLE = "unreadable"

    @property
    def is_video(self) -> bool:
        return self not in (
            ClipFormat.PROPRIETARY,
            ClipFormat.NOT_VIDEO,
            ClipFormat.EMPTY,
            ClipFormat.UNREADABLE,
        )


# The FFmpeg demuxer for each format (None: let FFmpeg probe).
DEMUXER: dict[ClipFormat, str | None] = {
    ClipFormat.DAHUA_DAV: "dhav",
    ClipFormat.HIKVISION_PS: "mpeg",
    ClipFormat.MPEG_PS: "mpeg",
    ClipFormat.MPEG_TS: "mpegts",
    ClipFormat.RAW_H264: "h264",
    ClipFormat.RAW_H265: "hevc",
}


@dataclass(frozen=True)
class Detection:
    format: ClipFormat
    reason: Message  # what in the bytes said so, or why it cannot be played here
    header_bytes: int = 0  # bytes before the stream proper (DAHUA preamble, IMKH header)


# Signatures of what is not footage but turns up in exports.
_OTHER_SIGNATURES: tuple[tuple[bytes, int, Message], ...] = (
    (b"MZ", 0, msg("a Windows program (often the maker's self-playing player)")),
    (b"\x7fELF", 0, msg("a Linux program")),
    (b"\xff\xd8\xff", 0, msg("a JPEG picture (a snapshot, not footage)")),
    (b"\x89PNG\r\n\x1a\n", 0, msg("a PNG picture")),
    (b"BM", 0, msg("a BMP picture")),
    (b"%PDF", 0, msg("a PDF document")),
    (b"PK\x03\x04", 0, msg("a ZIP archive (unpack it and import its contents)")),
    (b"Rar!", 0, msg("a RAR archive (unpack it and import its contents)")),
    (b"7z\xbc\xaf\x27\x1c", 0, msg("a 7-Zip archive (unpack it and import its contents)")),
    (b"SQLite format 3\x00", 0, msg("an SQLite database")),
)
# Known containers of the makers' own formats (unverified as to their inner layout).
_PROPRIETARY_SUFFIXES: dict[str, Message] = {
    ".sec": msg("Samsung/Hanwha .sec export"),
    ".irf": msg("IDIS .irf export"),
    ".exe": msg("self-playing export"),
    ".dvr": msg("proprietary .dvr recording"),
    ".h64": msg("proprietary .h64 recording"),
    ".264": msg("proprietary .264 recording"),
    ".ifv": msg("Intellect .ifv recording"),
    ".g64": msg("Geovision .g64 recording"),
}
# The makers' formats named by their suffix alone (a self-playing .exe could be any program).
_MAKER_SUFFIXES = frozenset(_PROPRIETARY_SUFFIXES) - {".exe"}
_INDEX_NAMES = {"index00.bin", "index01.bin", "index00p.bin", "index01p.bin"}


def detect(path: Path) -> Detection:
    """Sniff `path`. Never raises for a file that cannot be read: it says so."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # Opening a FIFO blocks until someone writes to it; a device never ends.
            return Detection(ClipFormat.UNREADABLE, msg("not a regular file"))
        size = status.st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            preamble_tail = b""
            if head.startswith(b"DAHUA") and size > DAHUA_PREAMBLE:
                handle.seek(DAHUA_PREAMBLE)
                preamble_tail = handle.read(8)
    except OSError as exc:
        return Detection(ClipFormat.UNREADABLE, msg("cannot read: {reason}", reason=os_reason(exc)))
    if size == 0:
        return Detection(ClipFormat.EMPTY, msg("zero-length file"))
    return sniff(head, path.name, preamble_tail, size)


def sniff(
    head: bytes, name: str = "", after_preamble: bytes = b"", size: int | None = None
) -> Detection:
    """What the first bytes say: a maker's format, a known container or stream, or else
    what the file is by its other signatures and its name. `size`: the file's, when known
    (a file too short for its format is said to be cut short)."""
    return (
        (_cut_short(head, size) if size is not None else None)
        or _maker_format(head, after_preamble)
        or _container(head)
        or _stream(head)
        or _not_footage(head, name)
    )


# How the formats start (signature, its offset, the bytes a file needs before a picture can
# be in it), to tell a file cut off in its first bytes from a text file or a maker's format.
_STARTS: tuple[tuple[bytes, int, int, Message], ...] = (
    (b"DAHUA", 0, DAHUA_PREAMBLE + 24, msg("a Dahua export")),
    (b"DHAV", 0, 24, msg("a Dahua .dav")),
    (b"IMKH", 0, 44, msg("a Hikvision file")),
    (b"4HKH", 0, 44, msg("a Hikvision file")),
    (b"RIFF", 0, 12, msg("an AVI")),
    (b"\x1a\x45\xdf\xa3", 0, 8, msg("a Matroska file")),
    (b"ftyp", 4, 12, msg("an MP4 or MOV")),
    (b"\x00\x00\x00\x01", 0, 6, msg("a raw H.264/H.265 stream")),
)
TOO_SHORT = 8  # bytes: less than any format's header


def _cut_short(head: bytes, size: int) -> Detection | None:
    """A file that stops within the first bytes of its format (a copy cut off at its start).
    Such a file was called a text file ('DHA'), or one for the maker's player ('RIFF')."""
    for signature, at, needed, what in _STARTS:
        present = head[at : at + len(signature)]
        # Three bytes of it at least; all of it when it starts with zeros (as many formats do).
        enough = len(signature) if signature[0] == 0 else 3
        if size < needed and len(present) >= enough and signature.startswith(present):
            return Detection(
                ClipFormat.NOT_VIDEO,
                msg(
                    "only {count} bytes: the start of {what}, cut short (no picture in it)",
                    count=size,
                    what=what,
                ),
            )
    if size < TOO_SHORT:
        return Detection(
            ClipFormat.NOT_VIDEO,
            msg_n(
                size,
                "only {count} byte: too short to be footage",
                "only {count} bytes: too short to be footage",
            ),
        )
    return None


def _maker_format(head: bytes, after_preamble: bytes) -> Detection | None:
    """Dahua and Hikvision files: a maker's header, then (usually) a stream FFmpeg reads."""
    if head.startswith(b"DAHUA"):
        if after_preamble.startswith(b"DHAV"):
            return Detection(
                ClipFormat.DAHUA_DAV,
                msg("DAHUA preamble of 0x400 bytes, then DHAV frames"),
                DAHUA_PREAMBLE,
            )
        return Detection(
            ClipFormat.PROPRIETARY,
            msg("DAHUA preamble without DHAV frames after it"),
            DAHUA_PREAMBLE,
        )
    if head.startswith(b"DHAV") and len(head) > 4 and head[4] in (0xF0, 0xF1, 0xFC, 0xFD):
        return Detection(ClipFormat.DAHUA_DAV, msg("DHAV frame header at byte 0"))
    if head[:4] in (b"IMKH", b"4HKH"):
        kind = msg("converted export") if head[:4] == b"IMKH" else msg("original recording")
        if _mpeg_ps_at(head, 40):
            return Detection(
                ClipFormat.HIKVISION_PS,
                msg(
                    "Hikvision {magic} header ({kind}), then MPEG-PS",
                    magic=head[:4].decode(),
                    kind=kind,
                ),
                40,
            )
        return Detection(
            ClipFormat.PROPRIETARY,
            msg(
                "Hikvision {magic} header without MPEG-PS after it (needs the maker's player)",
                magic=head[:4].decode(),
            ),
            40,
        )
    return None


def _container(head: bytes) -> Detection | None:
    """MP4/MOV, AVI and Matroska, by their first box, chunk or element."""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return Detection(ClipFormat.MOV, msg("QuickTime ftyp box (brand qt)"))
        return Detection(
            ClipFormat.MP4, msg("ISO-BMFF ftyp box (brand {brand})", brand=_printable(brand))
        )
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return Detection(
            ClipFormat.MOV, msg("QuickTime {atom} atom at byte 4", atom=head[4:8].decode())
        )
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return Detection(ClipFormat.AVI, msg("RIFF AVI header"))
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Detection(ClipFormat.MKV, msg("EBML header (Matroska/WebM)"))
    return None


def _stream(head: bytes) -> Detection | None:
    """MPEG program and transport streams, and raw H.264/H.265."""
    if _mpeg_ps_at(head, 0):
        return Detection(ClipFormat.MPEG_PS, msg("MPEG-PS pack header at byte 0"))
    if len(head) >= 377 and head[0] == 0x47 and head[188] == 0x47 and head[376] == 0x47:
        return Detection(ClipFormat.MPEG_TS, msg("MPEG-TS sync bytes every 188 bytes"))
    return _annex_b(head)


def _not_footage(head: bytes, name: str) -> Detection:
    """Everything else: another known kind of file, a maker's index, or unknown."""
    lower = name.lower()
    for signature, offset, what in _OTHER_SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if signature == b"MZ" and lower.endswith(".exe"):
                return Detection(
                    ClipFormat.PROPRIETARY,
                    msg(
                        "self-playing export (Windows program): footage inside needs the "
                        "maker's player"
                    ),
                )
            return Detection(ClipFormat.NOT_VIDEO, what)
    if lower in _INDEX_NAMES:
        return Detection(
            ClipFormat.NOT_VIDEO,
            msg("Hikvision SD-card index (segment start and end times; maker's tools read it)"),
        )
    suffix = Path(lower).suffix
    if suffix in _PROPRIETARY_SUFFIXES:
        return Detection(
            ClipFormat.PROPRIETARY,
            msg(
                "{maker}: unknown format (starts {bytes}), needs the maker's player",
                maker=_PROPRIETARY_SUFFIXES[suffix],
                bytes=_hex(head),
            ),
        )
    if _looks_like_text(head):
        return Detection(ClipFormat.NOT_VIDEO, msg("a text file"))
    return Detection(
        ClipFormat.PROPRIETARY,
        msg("unknown format (starts {bytes}): needs the maker's player", bytes=_hex(head)),
    )


def _mpeg_ps_at(head: bytes, offset: int) -> bool:
    return head[offset : offset + 4] == b"\x00\x00\x01\xba"


def _annex_b(head: bytes) -> Detection | None:
    """A raw H.264/H.265 elementary stream starts with a start code and a parameter set,
    access unit delimiter or SEI."""
    if head.startswith(b"\x00\x00\x00\x01"):
        nal = head[4:6]
    elif head.startswith(b"\x00\x00\x01"):
        nal = head[3:5]
    else:
        return None
    if len(nal) < 2 or nal[0] & 0x80:
        return None
    hevc_type = (nal[0] >> 1) & 0x3F
    if nal[1] == 0x01 and hevc_type in (32, 33, 34, 35, 39, 19, 20):
        return Detection(
            ClipFormat.RAW_H265, msg("H.265 start code, NAL type {nal}", nal=hevc_type)
        )
    h264_type = nal[0] & 0x1F
    if h264_type in (5, 6, 7, 8, 9):
        return Detection(
            ClipFormat.RAW_H264, msg("H.264 start code, NAL type {nal}", nal=h264_type)
        )
    return None


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    for cut in range(4):  # the sniffed block may end inside a multi-byte character
        for encoding in ("utf-8", "cp949"):
            try:
                text = head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return all(c.isprintable() or c in "\r\n\t" for c in text)
    return False


def _hex(head: bytes) -> str:
    return head[:8].hex(" ")


def _printable(raw: bytes) -> str:
    return raw.decode("ascii", "replace").strip()


CCTV_FORMATS = frozenset({ClipFormat.DAHUA_DAV, ClipFormat.HIKVISION_PS})


def looks_like_cctv_export(paths: list[Path], sample: int = 64) -> bool:
    """For the importer registry: does this folder (or these files) hold a recorder export?
    Yes when any of the first `sample` files is Dahua DHAV or Hikvision IMKH/4HKH by its
    bytes, or a maker's own format by its name (a Samsung .sec export: `import` of such a
    folder found "nothing to import"), or when most of them are video and none is a SQLite
    database (a phone's extraction holds videos too). Reads at most a few KiB per file."""
    seen = 0
    videos = 0
    maker = False
    for path in _walk(paths):
        if _is_sqlite(path):
            return False  # a phone's extraction (its videos are not a recorder's)
        found = detect(path).format
        maker |= found in CCTV_FORMATS or (
            found == ClipFormat.PROPRIETARY and path.suffix.lower() in _MAKER_SUFFIXES
        )
        videos += found.is_video
        seen += 1
        if seen >= sample:
            break
    return maker or (seen > 0 and videos * 2 > seen)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _walk(paths: list[Path]) -> Iterator[Path]:
    for given in paths:
        if given.is_file():
            yield given
        elif given.is_dir():
            for root, dirs, files in os.walk(given):
                dirs.sort()
                for name in sorted(files):
                    path = Path(root) / name
                    if _regular(path):  # never a FIFO, device or link: see detect()
                        yield path


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False
