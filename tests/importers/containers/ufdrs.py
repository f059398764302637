"""Cellebrite UFDRs generated in code, on the structure of report.xml (domain.md §2; element
and attribute names as UFEDLib and ufdr-rs read them): a project with source extractions,
case information and metadata sections, tagged files with their MD5/SHA-256 and local path,
and decoded models with <field>/<value>, <empty/>, nested modelField/multiModelField,
deleted_state, decoding_confidence and times with UTC offsets."""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

NS = "http://pa.cellebrite.com/report/2.0"


def _id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


def value(name: str, text: str | None, kind: str = "String") -> str:
    if text is None:
        return f'<field name="{name}" type="{kind}"><empty /></field>'
    return (
        f'<field name="{name}" type="{kind}"><value type="{kind}"><![CDATA[{text}]]></value>'
        "</field>"
    )


def model(
    kind: str, ident: str, body: str, *, deleted: str = "Intact", confidence: str = "High"
) -> str:
    return (
        f'<model type="{kind}" id="{ident}" deleted_state="{deleted}" '
        f'decoding_confidence="{confidence}" isrelated="False" source_index="0" '
        f'extractionId="0">{body}</model>'
    )


def party(
    identifier: str | None, role: str, *, name: str | None = None, owner: bool = False
) -> str:
    return model(
        "Party",
        _id(f"party-{identifier}-{role}-{name}"),
        value("Identifier", identifier)
        + value("Role", role, "PartyRole")
        + value("Name", name)
        + value("IsPhoneOwner", "True" if owner else "False", "Boolean"),
    )


def parties(name: str, *items: str) -> str:
    return f'<multiModelField name="{name}" type="Party">{"".join(items)}</multiModelField>'


def sms(
    ident: str,
    when: str,
    body: str | None,
    sender: str,
    *,
    folder: str = "Inbox",
    status: str = "Read",
    deleted: str = "Intact",
    confidence: str = "High",
) -> str:
    role_party = party(sender, "From") if folder == "Inbox" else party(sender, "To")
    return model(
        "SMS",
        ident,
        value("TimeStamp", when, "TimeStamp")
        + value("Body", body)
        + value("Folder", folder)
        + value("Status", status)
        + value("SMSC", None)
        + parties("Parties", role_party),
        deleted=deleted,
        confidence=confidence,
    )


def call(
    ident: str,
    when: str,
    kind: str,
    number: str,
    duration: str,
    *,
    source: str = "Phone",
    name: str | None = None,
    deleted: str = "Intact",
) -> str:
    role = "To" if kind == "Outgoing" else "From"
    return model(
        "Call",
        ident,
        value("Source", source)
        + value("Type", kind)
        + value("Direction", "Outgoing" if kind == "Outgoing" else "Incoming")
        + value("TimeStamp", when, "TimeStamp")
        + value("Duration", duration, "TimeSpan")
        + value("VideoCall", "False", "Boolean")
        + parties("Parties", party(number, role, name=name)),
        deleted=deleted,
    )


def instant_message(
    ident: str,
    when: str,
    body: str | None,
    sender: str,
    *,
    owner: bool,
    to: Iterable[str] = (),
    attachment: tuple[str, str, str] | None = None,
    attachment_target: str | None = None,
    source: str = "KakaoTalk",
    deleted: str = "Intact",
) -> str:
    inner = value("TimeStamp", when, "TimeStamp") + value("Body", body) + value("Source", source)
    inner += value("Status", "Sent" if owner else "Read")
    inner += (
        f'<modelField name="From" type="Party">{party(sender, "From", owner=owner)}</modelField>'
    )
    inner += parties("To", *(party(t, "To") for t in to))
    if attachment is not None or attachment_target is not None:
        name, mime, local = attachment or ("photo.jpg", "image/jpeg", "")
        attach_body = value("Filename", name) + value("ContentType", mime)
        if local:
            attach_body += value("attachment_extracted_path", local)
        if attachment_target:
            attach_body += f"<jumptargets><targetid>{attachment_target}</targetid></jumptargets>"
        inner += (
            '<multiModelField name="Attachments" type="Attachment">'
            + model("Attachment", _id(f"att-{ident}"), attach_body)
            + "</multiModelField>"
        )
    return model("InstantMessage", ident, inner, deleted=deleted)


def chat(
    ident: str,
    name: str,
    participants: Iterable[tuple[str, bool]],
    messages: Iterable[str],
    *,
    source: str = "KakaoTalk",
) -> str:
    body = value("Source", source) + value("Name", name) + value("Id", ident)
    body += parties("Participants", *(party(p, "Participant", owner=o) for p, o in participants))
    body += f'<multiModelField name="Messages" type="InstantMessage">{"".join(messages)}</multiModelField>'
    return model("Chat", ident, body)


def contact_model(
    ident: str,
    name: str,
    numbers: Iterable[tuple[str, str]],
    *,
    email: str | None = None,
    deleted: str = "Intact",
) -> str:
    entries = "".join(
        model(
            "PhoneNumber",
            _id(f"pn-{ident}-{n}"),
            value("Category", c) + value("Value", n) + value("Domain", "Phone"),
        )
        for n, c in numbers
    )
    if email:
        entries += model(
            "EmailAddress", _id(f"em-{ident}"), value("Category", "Home") + value("Value", email)
        )
    body = (
        value("Name", name)
        + value("Source", "Phone")
        + value("TimeCreated", "2023-12-01T08:00:00+09:00", "TimeStamp")
    )
    body += f'<multiModelField name="Entries" type="ContactEntry">{entries}</multiModelField>'
    return model("Contact", ident, body, deleted=deleted)


@dataclass
class Tagged:
    path: str  # in the UFDR, e.g. files/Image/a.jpg
    content: bytes
    device_path: str = "/data/media/0/DCIM/a.jpg"
    sha256: str | None = None  # None: the true hash
    md5: str | None = None
    ident: str = field(default="")

    def xml(self) -> str:
        sha = self.sha256 or hashlib.sha256(self.content).hexdigest()
        md5 = self.md5 or hashlib.md5(self.content).hexdigest()
        ident = self.ident or _id(self.path)
        local = self.path.replace("/", "\\")
        return (
            f'<file fs="data" fsid="{_id("fs")}" path={quoteattr(self.device_path)} '
            f'size="{len(self.content)}" id="{ident}" extractionId="0" deleted="Intact" '
            'embedded="false" isrelated="False">'
            '<accessInfo><timestamp name="CreationTime">2024-02-01T10:00:00.000+09:00</timestamp></accessInfo>'
            f'<metadata section="File"><item name="Local Path"><![CDATA[{local}]]></item>'
            f'<item name="SHA256"><![CDATA[{sha}]]></item><item name="MD5"><![CDATA[{md5}]]></item>'
            "</metadata></file>"
        )


HEADER_DEVICE = {
    "DeviceInfoSelectedManufacturer": "Samsung GSM",
    "DeviceInfoDetectedModel": "SM-G991N",
    "DeviceInfoOSVersion": "13",
    "IMEI": "356789109876543",
    "DeviceInfoSerial": "R3CR40ABCDE",
    "DeviceInfoTimeZone": "Asia/Seoul",
}


def header(model_count: int, *, device: dict[str, str] | None = None, prolog: str = "") -> str:
    items = "".join(
        f'<item id="{_id(k)}" name="{k}" group="Phone" sourceExtraction="0"><![CDATA[{v}]]></item>'
        for k, v in (device or HEADER_DEVICE).items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + prolog
        + f'<project id="{_id("project")}" name="2024-0042 phone" reportVersion="7.60.0.0" '
        'licenseID="0000" containsGarbage="False" extractionType="FileSystem" '
        f'NodeCount="{model_count * 10}" ModelCount="{model_count}" xmlns="{NS}">'
        '<sourceExtractions><extractionInfo id="0" name="File System" isCustomName="False" '
        'type="FileSystem" deviceName="Galaxy S21" fullName="Samsung GSM SM-G991N Galaxy S21 5G" '
        'index="0" IsPartialData="False" /></sourceExtractions>'
        "<caseInformation>"
        '<field name="Case Number" isSystem="True" isRequired="False" fieldType="CaseNumber" multipleLines="False">2024-0042</field>'
        '<field name="Examiner Name" isSystem="True" isRequired="False" fieldType="ExaminerName" multipleLines="False">김민수</field>'
        "</caseInformation>"
        '<metadata section="Additional Fields"><item name="UFED_PA_Version"><![CDATA[7.60.0.45]]></item></metadata>'
        '<metadata section="Extraction Data"><item name="DeviceInfoExtractionStartDateTime" sourceExtraction="0">'
        "<![CDATA[2024-03-05T10:02:03+09:00]]></item></metadata>"
        f'<metadata section="Device Info">{items}</metadata>'
    )


def report_xml(
    models: dict[str, list[str]],
    tagged: Iterable[Tagged] = (),
    *,
    prolog: str = "",
    device: dict[str, str] | None = None,
) -> str:
    count = sum(len(v) for v in models.values())
    body = header(count, device=device, prolog=prolog)
    body += "<taggedFiles>" + "".join(t.xml() for t in tagged) + "</taggedFiles><decodedData>"
    for kind, items in models.items():
        body += f'<modelType type="{kind}">' + "".join(items) + "</modelType>"
    return body + "</decodedData></project>"


def build_ufdr(
    path: Path,
    report: str | bytes | None,
    tagged: Iterable[Tagged] = (),
    *,
    report_name: str = "report.xml",
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if report is not None:
            archive.writestr(report_name, report)
        for item in tagged:
            archive.writestr(item.path, item.content, compress_type=zipfile.ZIP_STORED)
        archive.writestr("Summary.txt", "Generated for tests")
    return path


def stream_report(out: SupportsWrite[bytes], models: Iterator[tuple[str, str]], count: int) -> None:
    """Write a report.xml of `count` models to a binary stream, one model at a time (the
    benchmark's multi-gigabyte reports)."""
    out.write(header(count).encode() + b"<taggedFiles></taggedFiles><decodedData>")
    current = None
    for kind, text in models:
        if kind != current:
            if current is not None:
                out.write(b"</modelType>")
            out.write(f'<modelType type="{kind}">'.encode())
            current = kind
        out.write(text.encode())
    if current is not None:
        out.write(b"</modelType>")
    out.write(b"</decodedData></project>")


__all__ = [
    "NS",
    "Tagged",
    "build_ufdr",
    "call",
    "chat",
    "contact_model",
    "escape",
    "instant_message",
    "report_xml",
    "sms",
    "stream_report",
]
