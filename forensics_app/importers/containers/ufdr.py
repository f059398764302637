"""Cellebrite UFDR: a zip holding `report.xml` (namespace http://pa.cellebrite.com/report/2.0)
and the extracted files under `files/…`; or the same, unpacked into a folder.

report.xml can be many gigabytes, so it is streamed: its header (the few kilobytes before
the tagged files) with lxml iterparse, its tagged files and decoded models with expat and a
small state machine (ReportReader) that keeps nothing but the model being read: memory stays
flat whatever its size. A big report's decoded data is parsed by two processes in chunks
cut at top-level models and taken back in order (ufdr_split), the same reader in each.
Neither parser loads a DTD, resolves an entity or reaches the network, and a report whose
prolog declares a DTD or entities (the way XML external entities and "billion laughs" bombs
come in) is refused before parsing, by either parser again while parsing; Cellebrite writes
none.

Read from it: the project (report version, model count), case information, source
extractions, the metadata sections (Additional Fields with the PA version, Extraction Data,
Device Info) onto the container and the phone item; the tagged files (their MD5/SHA-256 in the
report compared with the bytes in the UFDR, mismatches reported); and the decoded models Call,
SMS, MMS, Chat (with its InstantMessages and Party participants), InstantMessage and Contact,
with attachments mapped to their files in the UFDR. Every model's deleted_state and
decoding_confidence are kept (deleted ones are marked deleted; both are written in the
artifact's note, with the app that produced it).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from blocking.errors import os_reason
from forensics_app.importers.base import ParseContext, ParseReport
from forensics_app.importers.containers.archives import Archive, Entry, EntryKind
from forensics_app.importers.containers.base import (
    ContainerError,
    ContainerFile,
    ContainerInfo,
    ImportOptions,
    MemberSource,
    check_cancel,
    hash_stream,
    unreadable,
)
from forensics_app.importers.containers.decoded import (
    DecodedCopy,
    SourceUnreadable,
    call,
    contact,
    conversation,
    message,
)
from forensics_app.importers.records import (
    Attachment,
    CallService,
    CallType,
    ContactPoint,
    Direction,
    MessageService,
    MessageStatus,
    PointKind,
    Record,
)
from forensics_app.importers.timeconv import utc_in_range
from forensics_app.importers.values import integer
from forensics_app.messages import Message, msg
from forensics_app.progress import ProgressReporter

log = logging.getLogger(__name__)


def xml_reason(exc: Exception) -> Message:
    """Where an XML parser (lxml or expat) gave up, in the reader's language: its own words
    are English, so they go to the log and the reader gets the line and column (and, when
    the bytes do not fit the declared encoding, that)."""
    log.warning("XML parser: %s", exc)
    position = getattr(exc, "position", None)
    if isinstance(position, tuple) and len(position) == 2:
        line, column = position
    else:
        line, column = getattr(exc, "lineno", "?"), getattr(exc, "offset", "?")
    text = str(exc).lower()
    if "encoding" in text or "invalid token" in text or "invalid char" in text:
        return msg(
            "line {line}, column {column}: characters that do not fit the encoding it "
            "declares, or a damaged file",
            line=line,
            column=column,
        )
    return msg("line {line}, column {column}", line=line, column=column)


NS = "http://pa.cellebrite.com/report/2.0"
# Other Cellebrite versions write the same structure under another version in the URI (or
# http/https, a trailing slash), and some converters and older tools write no namespace at
# all: a report is recognised by its structure (local names), its namespace being one of these
# or, for any other, a project holding the sections a UFDR report has (UFDR_SECTIONS).
CELLEBRITE_NS = re.compile(r"https?://pa\.cellebrite\.com/report(?:/[0-9][0-9A-Za-z.]*)?/?")
UFDR_SECTIONS = frozenset(
    ("sourceExtractions", "caseInformation", "metadata", "taggedFiles", "decodedData")
)
REPORT_NAMES = ("report.xml", "Report.xml")
PROLOG_LIMIT = 1 << 20
HEAD_BYTES = 8192  # where the root element of a report file is looked for
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?project[\s>/]")
_XMLNS = re.compile(r"""xmlns(?::[\w.\-]+)?\s*=\s*["']([^"']*)["']""")
_SECTION = re.compile(
    r"<(?:[A-Za-z_][\w.\-]*:)?(?:sourceExtractions|caseInformation|metadata|taggedFiles|decodedData)[\s>/]"
)


def _tag(name: str, namespace: str = NS) -> str:
    """lxml's name for an element (Clark notation; the bare name without a namespace)."""
    return f"{{{namespace}}}{name}" if namespace else name


def is_cellebrite_namespace(namespace: str) -> bool:
    return CELLEBRITE_NS.fullmatch(namespace) is not None


# Device Info / Extraction Data item names → what they fill (first found wins). Names as
# Cellebrite Physical Analyzer writes them (UFEDLib, ufdr-rs test data); lower-cased.
DEVICE_FACTS = {
    "make": ("deviceinfoselectedmanufacturer", "deviceinfodetectedmanufacturer", "manufacturer"),
    "model": (
        "deviceinfodetectedmodel",
        "deviceinfoselecteddevicename",
        "deviceinfomodelnumber",
        "model",
    ),
    "serial_number": ("deviceinfoserial", "serial", "serialnumber", "deviceinfoserialnumber"),
    "imei": ("imei", "deviceinfoimei"),
    "device_name": ("deviceinfodevicename", "devicename", "deviceinfoownername"),
    "os_version": ("deviceinfoosversion", "osversion"),
    "time_zone": ("deviceinfotimezone", "timezone"),
    "extracted_at": ("deviceinfoextractionstartdatetime", "extractionstartdatetime"),
}

_SAFE: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


# ---- recognising --------------------------------------------------------------------------
def report_entry(archive: Archive) -> Entry | None:
    for name in REPORT_NAMES:
        entry = archive.get(f"/{name}")
        if entry is not None and entry.kind == EntryKind.FILE and entry.opener is not None:
            return entry
        if entry is not None and entry.kind == EntryKind.FILE and archive.methods:
            raise ContainerError(
                "{ufdr}: its {report} is compressed with a method this program cannot read "
                "({methods}); extract the UFDR with the tool that made it and import the "
                "folder. Nothing was imported.",
                ufdr=archive.container.display,
                report=name,
                methods=", ".join(sorted(archive.methods)),
            )
    if archive.container.path.suffix.lower() == ".ufdr":
        raise ContainerError(
            "{ufdr} has no report.xml: it is not a complete Cellebrite UFDR (the report may "
            "have been left out when it was copied). Nothing was imported.",
            ufdr=archive.container.display,
        )
    return None


def report_in_folder(folder: Path) -> Path | None:
    for name in REPORT_NAMES:
        candidate = folder / name
        if candidate.is_file() and is_report_file(candidate):
            return candidate
    return None


def is_report_file(path: Path) -> bool:
    if path.suffix.lower() != ".xml":
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    # A root element named project, in UTF-8 or UTF-16 (a report saved in UTF-16:
    # _prolog_text), with a Cellebrite namespace or a UFDR report's section after it (another
    # project file, a Maven pom.xml say, is not taken for one); _read_header checks properly.
    try:
        text = _prolog_text(head, str(path))
    except ContainerError:
        return False
    root = _ROOT.search(text)
    if root is None:
        return False
    namespaces = _XMLNS.findall(text, root.start())
    return any(map(is_cellebrite_namespace, namespaces)) or bool(_SECTION.search(text, root.end()))


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _prolog_text(seen: bytes, shown: str) -> str:
    """The first bytes of report.xml as text, in the encoding they are written in (a byte-order
    mark, else the way `<?` is written, as XML itself decides), after checking that an
    encoding declaration agrees: a report in UTF-16 (or declaring it) imports, one whose bytes
    and declaration disagree, or in an encoding the parsers cannot read, is refused here
    saying so, instead of failing later as "not well-formed" or being read as nothing."""
    written = next((name for bom, name in _BOMS if seen.startswith(bom)), None)
    has_bom = written is not None
    if written == "UTF-32" or seen.startswith((b"\x00\x00\x00<", b"<\x00\x00\x00")):
        raise ContainerError(
            "{report} is written in UTF-32, which the XML parsers cannot read; convert it to "
            "UTF-8 or UTF-16. Nothing was imported.",
            report=shown,
        )
    if written is None:
        if seen.startswith(b"<\x00"):
            written = "utf-16-le"
        elif seen.startswith(b"\x00<"):
            written = "utf-16-be"
        else:
            written = "utf-8"
    start = len(codecs.BOM_UTF8) if written == "utf-8" and has_bom else 2 if has_bom else 0
    usable = len(seen) - start
    if written.startswith("utf-16"):
        usable -= usable % 2
    text = seen[start : start + usable].decode(written, "replace")
    found = _DECLARED.match(text)
    declared = found.group(1).lower().replace("_", "-") if found else ""
    utf16_declared = declared in ("utf-16", "utf-16le", "utf-16be", "utf-16-le", "utf-16-be")
    if written.startswith("utf-16") and not has_bom and not declared:
        raise ContainerError(
            "{report} is written in UTF-16 without a byte-order mark or an encoding "
            "declaration, which XML does not allow; refused (re-save it with either). "
            "Nothing was imported.",
            report=shown,
        )
    if written.startswith("utf-16") and declared and not utf16_declared:
        raise ContainerError(
            "{report} is written in UTF-16 but declares the encoding {declared}; refused "
            "(which one is true cannot be told). Nothing was imported.",
            report=shown,
            declared=found.group(1) if found else "",
        )
    if (
        declared
        and not (utf16_declared or written.startswith("utf-16"))
        and not _expat_reads(declared)
    ):
        raise ContainerError(
            "{report} declares the encoding {declared}, which the report reader cannot read "
            "(Cellebrite writes UTF-8); convert it to UTF-8. Nothing was imported.",
            report=shown,
            declared=found.group(1) if found else "",
        )
    if written == "utf-8" and utf16_declared:
        raise ContainerError(
            "{report} declares the encoding {declared} but is not written in UTF-16 (no "
            "byte-order mark, one byte per letter); refused. Nothing was imported.",
            report=shown,
            declared=found.group(1) if found else "",
        )
    return text


@functools.cache
def _expat_reads(encoding: str) -> bool:
    """Whether expat parses a document declaring `encoding`: it reads UTF-8, UTF-16, Latin-1,
    ASCII and single-byte code pages, and raises ValueError for a multi-byte one (EUC-KR,
    Shift_JIS; LookupError for a name it does not know), which lxml reads: the header was
    read and the models then failed with an internal error."""
    import pyexpat

    parser = pyexpat.ParserCreate()
    try:
        parser.Parse(f'<?xml version="1.0" encoding="{encoding}"?><a/>'.encode("ascii"), True)
    except (ValueError, LookupError, pyexpat.ExpatError):
        return False
    return True


def check_prolog(reader: BinaryIO, shown: str) -> None:
    """Refuse a report whose prolog (what comes before the root element) declares a DTD or
    entities, or whose encoding cannot be read as it says (_prolog_text). Reads at most
    1 MiB; the checks are made on the text, so a UTF-16 report is checked as well."""
    seen = b""
    while len(seen) < PROLOG_LIMIT:
        chunk = reader.read(65536)
        if not chunk:
            break
        seen += chunk
        if re.search(rb"<\x00?[A-Za-z_]", seen):
            break
    text = _prolog_text(seen, shown)
    start = re.search(r"<[A-Za-z_]", text)
    prolog = text[: start.start()] if start else text
    if start is None and len(seen) >= PROLOG_LIMIT:
        raise ContainerError(
            "{report}: no root element in the first megabyte; refused. Nothing was imported.",
            report=shown,
        )
    if "<!DOCTYPE" in prolog.upper() or "<!ENTITY" in prolog.upper():
        raise ContainerError(
            "{report} declares a DTD or entities, which Cellebrite reports never do; refused "
            "as a possible XML attack (external entities, entity expansion bombs). Nothing "
            "was imported.",
            report=shown,
        )


# ---- files of the UFDR ---------------------------------------------------------------------
class UfdrFiles:
    """The extracted files next to report.xml, by their path in the report ("files/…")."""

    def __init__(
        self,
        exists: Callable[[str], bool],
        opener: Callable[[str], BinaryIO],
        listing: Callable[[], frozenset[str]] | None = None,
    ) -> None:
        self.exists = exists
        self.open = opener
        # Every path `exists` accepts, normalised (what a parsing process is given to map
        # attachments); None where they cannot be listed up front (a folder).
        self.listing = listing

    @staticmethod
    def normal(path: str) -> str:
        return "/".join(p.strip() for p in path.replace("\\", "/").split("/") if p.strip())


def _archive_files(archive: Archive) -> UfdrFiles:
    def entry(path: str) -> Entry | None:
        found = archive.get("/" + UfdrFiles.normal(path))
        return found if found is not None and found.kind == EntryKind.FILE else None

    def opener(path: str) -> BinaryIO:
        found = entry(path)
        if found is None or found.opener is None:
            raise unreadable(f"{path}: not in the UFDR")
        return found.opener()

    def listing() -> frozenset[str]:
        return frozenset(
            path[1:] for path, found in archive.entries.items() if found.kind == EntryKind.FILE
        )

    return UfdrFiles(lambda p: entry(p) is not None, opener, listing)


def _folder_files(root: Path) -> UfdrFiles:
    def resolve(path: str) -> Path | None:
        candidate = (root / UfdrFiles.normal(path)).resolve()
        if not candidate.is_relative_to(root.resolve()) or not candidate.is_file():
            return None
        return candidate

    def opener(path: str) -> BinaryIO:
        found = resolve(path)
        if found is None:
            raise unreadable(f"{path}: not in the UFDR folder")
        return open(found, "rb")

    return UfdrFiles(lambda p: resolve(p) is not None, opener)


# ---- sources ------------------------------------------------------------------------------
def archive_sources(
    archive: Archive, entry: Entry, options: ImportOptions, workdir: Path
) -> list[MemberSource]:
    container = archive.container
    assert entry.opener is not None
    namespace = _read_header(entry.opener, container)
    source = MemberSource(container, entry.name, entry.path, entry.size, entry.opener)
    source.decoder = UfdrImporter(container, _archive_files(archive), namespace)
    return [source]


def folder_sources(
    folder: Path, container: ContainerInfo, options: ImportOptions, workdir: Path
) -> list[MemberSource]:
    report = report_in_folder(folder) if container.path.is_dir() else container.path
    if report is None:
        raise ContainerError("{ufdr} has no report.xml. Nothing was imported.", ufdr=str(folder))

    def opener() -> BinaryIO:
        return open(report, "rb")

    namespace = _read_header(opener, container)
    if container.path.is_dir():
        container.files.append(ContainerFile(report, report.name))
    source = MemberSource(
        container, report.name, "/" + report.name, report.stat().st_size, opener,
        display_path=str(report),
    )  # fmt: skip
    source.decoder = UfdrImporter(container, _folder_files(folder), namespace)
    return [source]


def _iterparse(reader: BinaryIO | str, **options: Any) -> Any:
    from lxml import etree

    return etree.iterparse(reader, **options, **_SAFE)


def _read_header(opener: Callable[[], BinaryIO], container: ContainerInfo) -> str:
    """The project's facts, from the part of report.xml before the tagged files and the
    decoded data (a few kilobytes), onto the container; the report's namespace (the models
    are read in it)."""
    from lxml import etree

    shown = container.display
    with opener() as reader:
        check_prolog(reader, shown)
    header: Header | None = None
    root = ""
    try:
        with opener() as reader:
            for event, element in _iterparse(reader, events=("start", "end")):
                if header is None:  # the root
                    root = str(element.tag)
                    header = Header(etree.QName(element).namespace or "")
                    header.project(element)
                    continue
                if event == "start":
                    parent = element.getparent()
                    if parent is not None and parent.tag == root:
                        header.section(element.tag)
                    if element.tag in header.sections_after:
                        break
                    continue
                header.end(element)
    except etree.XMLSyntaxError as exc:
        raise ContainerError(
            "{report} is not well-formed XML ({reason}). Nothing was imported.",
            report=shown,
            reason=xml_reason(exc),
        ) from exc
    if header is None or not header.is_report(root):
        raise ContainerError(
            "{report} is not a Cellebrite report: its root element is {root}, where a report's "
            "is a project (in the namespace {namespace}, another Cellebrite version's or none) "
            "holding its sections (metadata, taggedFiles, decodedData…). Nothing was imported.",
            report=shown,
            root=etree.QName(root).localname if root else "-",
            namespace=NS,
        )
    header.apply(container)
    return header.namespace


class Header:
    """What the header of report.xml says, read with the element names of its namespace."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.attributes: dict[str, str] = {}
        self.case: dict[str, str] = {}
        self.extractions: list[dict[str, str]] = []
        self.sections: dict[str, list[dict[str, str]]] = {}
        self.seen: set[str] = set()  # the UFDR sections found under the root
        tag = functools.partial(_tag, namespace=namespace)
        self.sections_after = (tag("taggedFiles"), tag("decodedData"))
        self.ufdr_sections = {tag(name): name for name in UFDR_SECTIONS}
        self.extraction_info, self.field, self.item = (
            tag("extractionInfo"), tag("field"), tag("item")
        )  # fmt: skip
        self.case_info, self.metadata, self.project_tag = (
            tag("caseInformation"), tag("metadata"), tag("project")
        )  # fmt: skip

    def project(self, element: Any) -> None:
        self.attributes = {str(k): str(v) for k, v in element.attrib.items()}

    def section(self, tag: str) -> None:
        if tag in self.ufdr_sections:
            self.seen.add(tag)

    def is_report(self, root: str) -> bool:
        """A project in a Cellebrite namespace; in another or none, one holding a UFDR
        report's sections (the header's, or the tagged files and decoded data that end it)."""
        if root != self.project_tag:
            return False
        return is_cellebrite_namespace(self.namespace) or bool(self.seen)

    def end(self, element: Any) -> None:
        tag = element.tag
        parent = element.getparent()
        if tag == self.extraction_info:
            self.extractions.append({str(k): str(v) for k, v in element.attrib.items()})
        elif tag == self.field and parent is not None and parent.tag == self.case_info:
            self.case[element.get("name", "")] = (element.text or "").strip()
        elif tag == self.item and parent is not None and parent.tag == self.metadata:
            section = parent.get("section", "")
            self.sections.setdefault(section, []).append(
                {
                    "name": element.get("name", ""),
                    "value": (element.text or "").strip(),
                    **(
                        {"extraction": element.get("sourceExtraction", "")}
                        if element.get("sourceExtraction")
                        else {}
                    ),
                }
            )

    def apply(self, container: ContainerInfo) -> None:
        additional = {i["name"]: i["value"] for i in self.sections.get("Additional Fields", [])}
        facts: dict[str, str] = {}
        for section in ("Device Info", "Extraction Data"):
            for found in self.sections.get(section, []):
                key = found["name"].lower()
                for fact, names in DEVICE_FACTS.items():
                    if key in names and found["value"] and fact not in facts:
                        facts[fact] = found["value"]
        container.item_fields = {
            k: facts.get(k, "") for k in ("make", "model", "serial_number", "imei")
        }
        container.device_name = facts.get("device_name") or next(
            (e.get("deviceName", "") for e in self.extractions if e.get("deviceName")), ""
        )
        container.os_version = facts.get("os_version", "")
        container.extracted_at = parse_time(facts.get("extracted_at", ""))[0]
        container.info = {
            "report_version": self.attributes.get("reportVersion", ""),
            "project_id": self.attributes.get("id", ""),
            "project_name": self.attributes.get("name", ""),
            "extraction_type": self.attributes.get("extractionType", ""),
            "model_count": self.attributes.get("ModelCount", ""),
            "pa_version": additional.get("UFED_PA_Version", ""),
            "time_zone": facts.get("time_zone", ""),
            "case_information": self.case,
            "source_extractions": self.extractions,
            "metadata": self.sections,
        }


# ---- values -------------------------------------------------------------------------------
def parse_time(raw: str) -> tuple[datetime | None, bool]:
    """(UTC time, had an offset). Cellebrite writes ISO 8601 with the offset the device used;
    a time without one is read as UTC (and counted by the caller). A time outside the sanity
    range of timeconv (.NET's "not set", 0001-01-01T00:00:00+09:00) gives None."""
    text = raw.strip()
    if not text:
        return None, True
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, True
    had_offset = moment.tzinfo is not None
    return utc_in_range(moment if had_offset else moment.replace(tzinfo=UTC)), had_offset


def parse_duration(raw: str | None) -> int | None:
    if not raw:
        return None
    text = raw.strip()
    match = re.fullmatch(r"(?:(\d+)\.)?(\d+):(\d{1,2}):(\d{1,2})(?:\.\d+)?", text)
    if match:
        days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return integer(((days * 24 + hours) * 60 + minutes) * 60 + seconds)
    # A number of seconds; "inf", "1e400" or more than a column holds is no duration (int()
    # of an infinity raised OverflowError: an internal error, nothing imported).
    return integer(text)


class Model:
    """A decoded model read into plain values: fields (name → text or None for <empty/>),
    multi-fields (name → [text]), model fields (name → Model), multi-model fields
    (name → [Model]), jump targets (tagged file ids)."""

    __slots__ = ("attrs", "fields", "models", "multi", "targets", "type")

    def __init__(self, attrs: dict[str, str]) -> None:
        self.type: str = attrs.get("type", "")
        self.attrs = attrs
        self.fields: dict[str, str | None] = {}
        self.multi: dict[str, list[Model]] = {}
        self.models: dict[str, Model | None] = {}
        self.targets: list[str] = []

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    def text(self, name: str) -> str:
        value = self.fields.get(name)
        return value.strip() if value else ""

    @property
    def deleted_state(self) -> str:
        return self.attrs.get("deleted_state", "")

    @property
    def deleted(self) -> bool:
        return self.deleted_state.lower() in ("deleted", "trash")

    def note(self, app: str | None = None) -> str:
        """deleted_state, decoding_confidence and the app (Source or SourceApplication, read
        here unless the caller has read it already)."""
        attrs = self.attrs
        note = (
            f"UFDR: deleted_state={attrs.get('deleted_state') or 'unknown'}, "
            f"decoding_confidence={attrs.get('decoding_confidence') or 'unknown'}"
        )
        if app is None:
            app = self.text("Source") or self.text("SourceApplication")
        return f"{note}, app={app}" if app else note


class TaggedFile:
    """A tagged file of the report: its id and its metadata items (name, text)."""

    __slots__ = ("id", "items")

    def __init__(self, ident: str) -> None:
        self.id = ident
        self.items: list[tuple[str, str]] = []


class HostileXml(Exception):
    """report.xml declares a DTD or an entity: refused (never expanded)."""


class Party:
    """A Party model read into what the mapping needs (built for every sender and
    recipient: a plain class with slots, its texts read straight from the fields)."""

    __slots__ = ("address", "identifier", "is_owner", "name", "role")

    def __init__(self, identifier: str, name: str, role: str, is_owner: bool) -> None:
        self.identifier = identifier
        self.name = name
        self.role = role
        self.is_owner = is_owner
        self.address = identifier or name

    @classmethod
    def of(cls, model: Model, role: str = "") -> Party:
        get = model.fields.get
        identifier, name, listed_role, owner = (
            get("Identifier"), get("Name"), get("Role"), get("IsPhoneOwner")
        )  # fmt: skip
        return cls(
            identifier.strip() if identifier else "",
            name.strip() if name else "",
            (listed_role.strip() if listed_role else "") or role,
            owner.strip().lower() == "true" if owner else False,
        )


# ---- reading the decoded data: expat with a small state machine ---------------------------
# Frame kinds: what an open element is to the reader. Those below _ACT need nothing done at
# their end.
_NEUTRAL, _SKIP, _MODEL_TYPE, _FIELD, _MODEL_FIELD, _MULTI_MODEL_FIELD, _JUMP = range(7)
_FILE_METADATA, _ACT, _VALUE, _MODEL, _MULTI_VALUE, _MULTI_FIELD, _FILE_ITEM = range(7, 14)
_FILE = 14
_SKIPPED: list[Any] = [_SKIP]  # shared: nothing is stored in these frames
_NEUTRAL_FRAME: list[Any] = [_NEUTRAL]
_SEP = " "  # expat's separator between namespace and local name


def _x(name: str, namespace: str = NS) -> str:
    """expat's name for an element (the bare name without a namespace)."""
    return namespace + _SEP + name if namespace else name


READ_CHUNK = 1 << 20
QUEUED_BATCHES = 4  # chunks' records waiting for the writer: a few thousand records at most


class ReportReader:
    """Streams report.xml with expat (a C parser, as lxml is, but without building a tree):
    a callback per element start and end keeps a stack of small frames and fills plain
    `Model` values, so an element costs a comparison or two and a list append rather than a
    tree node and a Python proxy. Finished top-level models and tagged files are collected in
    `done`, in document order, for the caller to take after every `feed`; nothing else is
    kept, so memory does not grow with the report.

    Text is collected only inside the elements whose text is read (a field's value, a
    target id, a tagged file's item): the character handler is set at their start and
    removed at their end, so whitespace and skipped text never reach Python.

    The parser refuses what Cellebrite never writes and attacks need: a document type
    declaration, any entity declaration, external entities (check_prolog refuses these
    before parsing; this is the second line), so no entity is ever expanded."""

    def __init__(self, namespace: str = NS) -> None:
        import pyexpat

        # The element names in the report's namespace (_read_header's), on the reader: the
        # handlers compare them as they would module constants (an attribute read each).
        x = functools.partial(_x, namespace=namespace)
        self.f_model, self.f_model_type, self.f_file = x("model"), x("modelType"), x("file")
        self.f_field, self.f_multi_field, self.f_value = x("field"), x("multiField"), x("value")
        self.f_model_field, self.f_multi_model_field = x("modelField"), x("multiModelField")
        self.f_jump_targets, self.f_target_id = x("jumptargets"), x("targetid")
        self.f_metadata, self.f_item = x("metadata"), x("item")

        parser = pyexpat.ParserCreate(namespace_separator=_SEP)
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        parser.UnparsedEntityDeclHandler = _refuse
        parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        self.parser = parser
        self.error = pyexpat.ExpatError
        self.stack: list[list[Any]] = [_NEUTRAL_FRAME]
        self.text: list[str] = []
        self.done: list[Model | TaggedFile] = []  # in document order

    def feed(self, data: bytes, final: bool = False) -> None:
        self.parser.Parse(data, final)

    def close(self) -> None:
        """Unhooks the handlers: they refer back to this reader, so the reader and its parser
        (with its buffers) would otherwise wait for the cyclic garbage collector (a parsing
        process uses a reader per chunk)."""
        parser = self.parser
        parser.StartElementHandler = parser.EndElementHandler = None
        parser.CharacterDataHandler = None

    # The two handlers below run for every element of the report (tens of millions in a
    # large one): one flat dispatch on the enclosing frame's kind, most frequent first.
    def _start(self, name: str, attrs: dict[str, str]) -> None:  # noqa: PLR0912, PLR0915 - the hot loop
        stack = self.stack
        parent = stack[-1]
        kind = parent[0]
        if kind == _MODEL:
            model = parent[1]
            if name == self.f_field:
                field_name = attrs.get("name", "")
                model.fields[field_name] = None
                stack.append([_FIELD, model, field_name, False])
            elif name == self.f_multi_model_field:
                listed: list[Model] = []
                model.multi[attrs.get("name", "")] = listed
                stack.append([_MULTI_MODEL_FIELD, listed])
            elif name == self.f_model_field:
                field_name = attrs.get("name", "")
                model.models[field_name] = None
                stack.append([_MODEL_FIELD, model, field_name, False])
            elif name == self.f_multi_field:
                stack.append([_MULTI_FIELD, model, attrs.get("name", ""), []])
            elif name == self.f_jump_targets:
                stack.append([_JUMP, model])
            else:
                stack.append(_SKIPPED)
        elif kind == _FIELD:
            if name == self.f_value and not parent[3]:
                parent[3] = True
                text: list[str] = []
                self.text = text
                self.parser.CharacterDataHandler = text.append
                stack.append([_VALUE, parent])
            else:
                stack.append(_SKIPPED)
        elif kind == _MULTI_MODEL_FIELD:
            if name == self.f_model:
                model = Model(attrs)
                parent[1].append(model)
                stack.append([_MODEL, model])
            else:
                stack.append(_SKIPPED)
        elif kind == _MODEL_FIELD:
            if name == self.f_model and not parent[3]:
                parent[3] = True
                model = Model(attrs)
                parent[1].models[parent[2]] = model
                stack.append([_MODEL, model])
            else:
                stack.append(_SKIPPED)
        elif kind == _MODEL_TYPE:
            if name == self.f_model:
                stack.append([_MODEL, Model(attrs), True])
            else:
                stack.append(_NEUTRAL_FRAME)
        elif kind in (_MULTI_FIELD, _JUMP):
            if name == (self.f_value if kind == _MULTI_FIELD else self.f_target_id):
                self.text = text = []
                self.parser.CharacterDataHandler = text.append
                stack.append([_MULTI_VALUE, parent])
            else:
                stack.append(_SKIPPED)
        elif kind == _NEUTRAL:
            if name == self.f_model_type:
                stack.append([_MODEL_TYPE])
            elif name == self.f_file:
                stack.append([_FILE, TaggedFile(attrs.get("id", ""))])
            else:
                stack.append(_NEUTRAL_FRAME)
        elif kind == _FILE:
            stack.append([_FILE_METADATA, parent[1]] if name == self.f_metadata else _SKIPPED)
        elif kind == _FILE_METADATA and name == self.f_item:
            self.text = text = []
            self.parser.CharacterDataHandler = text.append
            stack.append([_FILE_ITEM, parent[1], attrs.get("name", "")])
        else:  # inside a value, or an element the reader does not know: skipped whole
            stack.append(_SKIPPED)

    def _end(self, name: str) -> None:
        frame = self.stack.pop()
        kind = frame[0]
        if kind < _ACT:
            return
        if kind == _VALUE:
            self.parser.CharacterDataHandler = None
            field = frame[1]
            field[1].fields[field[2]] = "".join(self.text)
        elif kind == _MODEL:
            if len(frame) > 2:
                self.done.append(frame[1])
        elif kind == _MULTI_VALUE:
            self.parser.CharacterDataHandler = None
            owner = frame[1]
            if owner[0] == _MULTI_FIELD:
                owner[3].append("".join(self.text))
            else:
                owner[1].targets.append("".join(self.text).strip())
        elif kind == _MULTI_FIELD:
            frame[1].fields[frame[2]] = "\n".join(frame[3])
        elif kind == _FILE_ITEM:
            self.parser.CharacterDataHandler = None
            frame[1].items.append((frame[2], "".join(self.text).strip()))
        elif kind == _FILE:
            self.done.append(frame[1])


def _refuse(*args: Any) -> None:
    raise HostileXml


# ---- the importer ---------------------------------------------------------------------------
class UfdrImporter:
    name = "cellebrite_ufdr"
    title = "Cellebrite UFDR report (report.xml)"
    platform = "cellebrite"
    yields = ("message", "call", "contact")

    def __init__(self, container: ContainerInfo, files: UfdrFiles, namespace: str = NS) -> None:
        self.container = container
        self.files = files
        self.namespace = namespace  # the report's (_read_header)

    def open(self, path: Path, progress: ProgressReporter) -> DecodedCopy:
        return DecodedCopy(path, progress)

    def parse(self, ctx: ParseContext) -> Iterator[Record]:
        """The records of report.xml. A big report's decoded data is parsed by two processes
        (ufdr_split); otherwise a reader thread parses and maps the models while the caller
        writes the records it has. Progress and cancelling stay on the caller's thread."""
        from forensics_app.importers.containers import ufdr_split

        db = ctx.db
        assert isinstance(db, DecodedCopy)
        progress = db.progress
        reading = _Reading(self, ctx, progress)
        ctx.report.version = "UFDR report " + str(self.container.info.get("report_version", ""))
        with open(db.path, "rb") as handle:
            check_prolog(handle, str(self.container.display))
        if self.files.listing is not None and ufdr_split.applies(db.path, self.files):
            yield from ufdr_split.read(
                db.path,
                self.namespace,
                reading,
                progress,
                self.files.listing(),
                lambda: self._threaded(db.path, reading, progress),
            )
        else:
            yield from self._threaded(db.path, reading, progress)
        reading.finish()

    def _threaded(
        self, path: Path, reading: _Reading, progress: ProgressReporter
    ) -> Iterator[Record]:
        """The single-thread path: a reader thread parses and maps the models while the
        caller writes the records it has: only SQLite's own work runs without the GIL, so
        the two overlap little (a million models: the reader ~56 s of CPU, the writer ~16 s,
        as the DEBUG log below shows). The entries `reading.discard` counts (taken by a
        split that stopped) are skipped."""
        batches: queue.Queue[tuple[list[Record], int] | BaseException | None] = queue.Queue(
            maxsize=QUEUED_BATCHES
        )
        stop = threading.Event()
        # A daemon: should this generator be dropped without being closed, a reader blocked
        # on the full queue must not keep the process from exiting (it only reads a file).
        thread = threading.Thread(
            target=self._read,
            args=(path, self.namespace, reading, batches, stop),
            name="ufdr-reader",
            daemon=True,
        )
        # Each side's CPU and the time it waited for the other, logged at DEBUG: whether the
        # reader and the writer overlap (the writer's CPU includes the caller's writing).
        writer_cpu, started, writer_waited = time.thread_time(), time.perf_counter(), 0.0
        thread.start()
        reported = reading.models
        try:
            while True:
                waiting = time.perf_counter()
                batch = batches.get()
                writer_waited += time.perf_counter() - waiting
                if batch is None:
                    break
                if isinstance(batch, BaseException):
                    raise batch
                records, models = batch
                yield from records
                progress.advance(models - reported)
                reported = models
                check_cancel(progress)
        finally:
            stop.set()
            while thread.is_alive():  # let a reader blocked on a full queue see `stop`
                with contextlib.suppress(queue.Empty):
                    batches.get(timeout=0.05)
            thread.join()
        log.debug(
            "report.xml read in %.1f s: reader thread %.1f s CPU, waited %.1f s for the "
            "writer; writer thread %.1f s CPU, waited %.1f s for the reader",
            time.perf_counter() - started,
            reading.reader_cpu,
            reading.reader_waited,
            time.thread_time() - writer_cpu,
            writer_waited,
        )

    @staticmethod
    def _read(
        path: Path,
        namespace: str,
        reading: _Reading,
        batches: queue.Queue[tuple[list[Record], int] | BaseException | None],
        stop: threading.Event,
    ) -> None:
        """The reader thread: a batch of records per chunk of report.xml, then None (or
        the error that ended the reading)."""
        reader = ReportReader(namespace)
        started = time.thread_time()

        def put(item: tuple[list[Record], int]) -> None:
            waiting = time.perf_counter()
            batches.put(item)
            reading.reader_waited += time.perf_counter() - waiting

        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(READ_CHUNK):
                    reader.feed(chunk)
                    put((list(reading.take(reader.done)), reading.models))
                    if stop.is_set():
                        return
                reader.feed(b"", final=True)
                put((list(reading.take(reader.done)), reading.models))
        except reader.error as exc:
            problem = msg("report.xml is not well-formed XML ({error})", error=xml_reason(exc))
            batches.put(_chained(SourceUnreadable(problem), exc))
            return
        except HostileXml as exc:
            problem = msg(
                "report.xml declares a DTD or entities, which Cellebrite reports never do; "
                "refused as a possible XML attack"
            )
            batches.put(_chained(SourceUnreadable(problem), exc))
            return
        except BaseException as exc:  # handed to the caller's thread, raised there
            batches.put(exc)
            return
        finally:
            reading.reader_cpu = time.thread_time() - started
        batches.put(None)


def _chained(error: BaseException, cause: BaseException) -> BaseException:
    error.__cause__ = cause
    return error


_MESSAGE_STATUS = {
    "read": MessageStatus.RECEIVED,
    "unread": MessageStatus.RECEIVED,
    "sent": MessageStatus.SENT,
    "unsent": MessageStatus.FAILED,
    "draft": MessageStatus.DRAFT,
    "outbox": MessageStatus.OUTBOX,
}
_IS_READ = {"read": True, "unread": False}
_PARTY_LISTS = ("To", "Parties", "Participants", "Cc", "Bcc")


class _Reading:
    """The state of one pass over report.xml."""

    def __init__(self, importer: UfdrImporter, ctx: ParseContext, progress: ProgressReporter):
        self.importer = importer
        self.report = ctx.report
        self.progress = progress
        self.files = importer.files
        self.local_paths: dict[str, str] = {}  # tagged file id → path in the UFDR
        self.models = 0
        self.hashes_checked = 0
        self.reader_cpu = 0.0  # the reader thread's CPU time, and the time it waited
        self.reader_waited = 0.0
        self.discard = 0  # entries of `done` to pass over: a stopped split took them
        total = importer.container.info.get("model_count", "")
        progress.begin(
            int(total) if str(total).isdigit() else None, msg("reading report.xml"), "models"
        )

    @classmethod
    def in_worker(cls, files: UfdrFiles, local_paths: dict[str, str]) -> _Reading:
        """The mapping in a parsing process (ufdr_split): its own report, the attachments
        looked up in what the importer gave it."""
        reading = cls.__new__(cls)
        reading.report = ParseReport()
        reading.files = files
        reading.local_paths = local_paths
        reading.models = reading.hashes_checked = reading.discard = 0
        reading.reader_cpu = reading.reader_waited = 0.0
        return reading

    # -- tagged files: map ids to their files, check the hashes the report carries
    def take(self, done: list[Model | TaggedFile]) -> Iterator[Record]:
        """The records of the models finished so far (tagged files read on the way), in
        document order; `done` is emptied."""
        for found in done:
            if self.discard:
                self.discard -= 1
                continue
            if isinstance(found, Model):
                yield from self.model(found)
            else:
                self.tagged_file(found)
        done.clear()

    def tagged_file(self, tagged: TaggedFile) -> None:
        local = ""
        hashes: dict[str, str] = {}
        for raw_name, value in tagged.items:
            name = raw_name.lower().replace("-", "")
            if name == "local path":
                local = value
            elif name in ("md5", "sha256") and value:
                hashes[name] = value.lower()
        if not local:
            return
        local = UfdrFiles.normal(local)
        file_id = tagged.id
        if file_id:
            self.local_paths[file_id] = local
        if not hashes:
            return
        if not self.files.exists(local):
            self.report.skip("tagged files whose file is not in the UFDR")
            return
        try:
            with self.files.open(local) as reader:
                sha256, md5, _ = hash_stream(reader)
        except OSError as exc:
            self.report.warn(
                msg(
                    "{path}: cannot be read to check its hash ({error})",
                    path=local,
                    error=os_reason(exc),
                )
            )
            return
        self.hashes_checked += 1
        for name, actual in (("sha256", sha256), ("md5", md5)):
            expected = hashes.get(name)
            if expected and expected != actual:
                self.report.warn(
                    msg(
                        "{path}: {algorithm} in report.xml is {expected}, the file in the UFDR "
                        "hashes to {actual}",
                        path=local,
                        algorithm=name.upper(),
                        expected=expected,
                        actual=actual,
                    )
                )
                self.report.skip("tagged files whose hash differs from the report (see warnings)")

    # -- decoded models
    def model(self, model: Model) -> Iterator[Record]:
        self.models += 1
        kind = model.type
        if kind in ("SMS", "MMS", "InstantMessage"):
            found = self.message(model, None)
            if found is not None:
                yield found
        elif kind == "Call":
            yield self.call(model)
        elif kind == "Chat":
            yield from self.chat(model)
        elif kind == "Contact":
            yield self.contact(model)
        else:
            self.report.skip(
                msg("{kind} models (not messages, calls or contacts)", kind=kind or "untyped")
            )

    def time(self, raw: str) -> datetime | None:
        moment, had_offset = parse_time(raw)
        if raw and moment is None:
            self.report.skip("times that could not be read (raw value kept)")
        elif raw and not had_offset:
            self.report.skip("times without a UTC offset (read as UTC)")
        return moment

    def parties(self, model: Model) -> list[Party]:
        sender = model.models.get("From")
        found = [] if sender is None else [Party.of(sender, "From")]
        multi = model.multi
        if multi:
            for name in _PARTY_LISTS:
                listed = multi.get(name)
                if listed:
                    found += [Party.of(m, name) for m in listed]
        return found

    def attachments(self, model: Model) -> tuple[Attachment, ...]:
        listed = list(model.multi.get("Attachments", ()))
        single = model.models.get("Attachment")
        if single is not None:
            listed.append(single)
        if not listed:
            return ()
        found = []
        for item in listed:
            path = item.text("attachment_extracted_path") or item.attrs.get(
                "attachment_extracted_path", ""
            )
            if not path:
                for target in item.targets:
                    path = self.local_paths.get(target, "")
                    if path:
                        break
            if path and not self.files.exists(path):
                self.report.skip("attachments whose file is not in the UFDR (name kept)")
                path = ""
            size = item.text("Size")
            found.append(
                Attachment(
                    item.text("Filename") or item.text("Title") or Path(path).name,
                    item.text("ContentType"),
                    int(size) if size.isdigit() else None,
                    UfdrFiles.normal(path) if path else item.text("URL"),
                    item.id[:64],
                )
            )
        return tuple(found)

    def message(self, model: Model, chat: str | None) -> Any:
        # A million times in a big report: the fields read straight from the model's dict.
        get = model.fields.get
        parties = self.parties(model)
        owner_sent = False
        has_sender = False
        for p in parties:
            if p.role == "From":
                has_sender = True
                if p.is_owner:
                    owner_sent = True
        value = get("Folder")
        folder = value.strip().lower() if value else ""
        value = get("Status")
        status_raw = value.strip().lower() if value else ""
        if folder in ("sent", "outbox") or owner_sent or status_raw in ("sent", "unsent"):
            direction = Direction.OUTGOING
            others = [p for p in parties if p.role != "From" and not p.is_owner]
        else:
            direction = Direction.INCOMING if folder == "inbox" or has_sender else Direction.UNKNOWN
            others = [p for p in parties if p.role == "From"] + [
                p for p in parties if p.role != "From" and not p.is_owner
            ]
        address = others[0].address if others else ""
        rest = tuple(p.address for p in others[1:] if p.address)
        status = _MESSAGE_STATUS.get(status_raw or folder, MessageStatus.UNKNOWN)
        value = get("Source") or get("SourceApplication")
        app = value.strip() if value else ""
        if not app and value:  # Source was only blanks: SourceApplication, as text() reads
            value = get("SourceApplication")
            app = value.strip() if value else ""
        kind = model.type
        if kind == "SMS":
            service = MessageService.SMS
        elif kind == "MMS":
            service = MessageService.MMS
        elif app.lower() == "imessage":
            service = MessageService.IMESSAGE
        else:
            service = MessageService.OTHER
        raw = model.text("TimeStamp") or model.text("DateSent") or model.text("DateDelivered")
        value = get("Subject")
        return message(
            f"ufdr:{kind}",
            model.id,
            sent_at=self.time(raw),
            sent_at_raw=raw,
            direction=direction,
            status=status,
            is_read=_IS_READ.get(status_raw),
            service=service,
            conversation_key=chat,
            address=address,
            participants=rest,
            subject=value.strip() if value else "",
            body=get("Body") or get("Snippet") or "",
            attachments=self.attachments(model),
            deleted=model.deleted,
            note=model.note(app),
        )

    def chat(self, model: Model) -> Iterator[Record]:
        parties = [Party.of(p) for p in model.multi.get("Participants", [])]
        others = [p.address for p in parties if not p.is_owner and p.address]
        key = f"ufdr:{model.id}"
        app = model.text("Source") or model.text("SourceApplication")
        yield conversation(
            key,
            MessageService.IMESSAGE if app.lower() == "imessage" else MessageService.OTHER,
            model.text("Name") or model.text("Subject") or ", ".join(others[:3]) or app,
            tuple(others),
            len(others) > 1,
        )
        for item in model.multi.get("Messages", []):
            found = self.message(item, key)
            if not found.address and others and found.direction == Direction.OUTGOING:
                found = found._replace(address=others[0], participants=tuple(others[1:]))
            if not item.text("Source") and app:
                found = found._replace(note=found.note + f", app={app}")
            yield found

    def call(self, model: Model) -> Record:
        parties = self.parties(model)
        kind = (model.text("Type") or model.text("Direction")).lower()
        direction_raw = (model.text("Direction") or kind).lower()
        outgoing = direction_raw == "outgoing" or any(
            p.role == "From" and p.is_owner for p in parties
        )
        direction = (
            Direction.OUTGOING
            if outgoing
            else Direction.INCOMING
            if direction_raw in ("incoming", "missed", "rejected")
            or any(p.role == "From" for p in parties)
            else Direction.UNKNOWN
        )
        call_type = {
            "incoming": CallType.INCOMING,
            "outgoing": CallType.OUTGOING,
            "missed": CallType.MISSED,
            "rejected": CallType.REJECTED,
            "blocked": CallType.BLOCKED,
            "voicemail": CallType.VOICEMAIL,
        }.get(kind, CallType.OUTGOING if outgoing else CallType.UNKNOWN)
        if outgoing:
            others = [p for p in parties if p.role != "From" and not p.is_owner]
        else:
            others = [p for p in parties if not p.is_owner]
        other = others[0] if others else Party("", "", "", False)
        app = model.text("Source")
        video = model.text("VideoCall").lower() == "true"
        service = (
            CallService.PHONE
            if app.lower() in ("", "phone", "native", "native call log")
            else CallService.APP
        )
        raw = model.text("TimeStamp")
        seconds = parse_duration(model.fields.get("Duration"))
        return call(
            "ufdr:Call",
            model.id,
            started_at=self.time(raw),
            started_at_raw=raw,
            direction=direction,
            call_type=call_type,
            answered=None
            if call_type == CallType.UNKNOWN
            else call_type in (CallType.INCOMING, CallType.OUTGOING) and (seconds or 0) > 0,
            duration_seconds=seconds,
            service=service,
            app=app + (" (video)" if video else ""),
            address=other.address,
            name=other.name if other.name != other.address else "",
            deleted=model.deleted,
            note=model.note(),
        )

    def contact(self, model: Model) -> Record:
        points: list[ContactPoint] = []
        for name in ("Entries", "PhoneNumbers", "EmailAddresses", "UserIDs"):
            for entry in model.multi.get(name, []):
                value = entry.text("Value")
                if not value:
                    continue
                domain = entry.text("Domain").lower()
                if entry.type == "PhoneNumber" or domain == "phone" or name == "PhoneNumbers":
                    kind = PointKind.PHONE
                elif entry.type == "EmailAddress" or "@" in value or domain == "email":
                    kind = PointKind.EMAIL
                else:
                    kind = PointKind.OTHER
                points.append(ContactPoint(kind, entry.text("Category"), value, entry.id[:64]))
        organization = ", ".join(
            o.text("Name") for o in model.multi.get("Organizations", []) if o.text("Name")
        )
        created_raw, modified_raw = model.text("TimeCreated"), model.text("TimeModified")
        return contact(
            "ufdr:Contact",
            model.id,
            display_name=model.text("Name"),
            organization=organization,
            points=tuple(points),
            notes=model.text("Notes"),
            created_at=self.time(created_raw),
            modified_at=self.time(modified_raw),
            times_raw=created_raw or modified_raw,
            deleted=model.deleted,
            note=model.note(),
        )

    def finish(self) -> None:
        self.report.version += (
            f", {self.models} decoded models, {self.hashes_checked} tagged files hash-checked"
        )
