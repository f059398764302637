"""Everything the workstation learns from one clip file in one call, for a worker process:
what it is, what its name says, the container's facts and clock, its DHAV frames, a
thumbnail, the on-screen clock, and its SHA-256 again afterwards (the file must not change).

Plain picklable data out; nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from blocking.errors import os_reason
from forensics_app.cctv import dhav
from forensics_app.cctv.detect import ClipFormat, Detection, detect
from forensics_app.cctv.frames import FrameReader, save_thumbnail
from forensics_app.cctv.names import Conventions, NameReading, load_conventions, read_name
from forensics_app.cctv.osd import OsdEngineError, OsdResult, OsdSettings, read_osd
from forensics_app.cctv.probe import Gap, ProbeError, ProbeResult, probe
from forensics_app.messages import Message, msg

log = logging.getLogger(__name__)

# Bump when a change means clips should be analysed again (an import of the item again
# re-reads them in place). 2: impossible DHAV dates are not the container clock, H.265 in
# MPEG-PS keeps its frame rate, times after the import and files cut off at their start said.
# 3: pictures turned as the container's display matrix asks (the clock of a camera on its side
# is read), clock leaps noted in the new words (the old template is no longer translated).
ENGINE_VERSION = "3"
HASH_BLOCK = 4 * 1024 * 1024


@dataclass(frozen=True)
class AnalysisJob:
    path: str
    relative_path: str
    sha256: str  # as catalogued: the file must still have it afterwards
    thumbnail: str | None = None  # where to write the thumbnail (None: none)
    read_osd: bool = True
    osd_settings: OsdSettings | None = None  # what is known of this camera's clock
    conventions_file: str | None = None
    osd_skipped: bool = False  # not searched: no clock found on the camera's first clips
    sample_every: float = 10.0  # a 1-minute clip: 7 frames read on one Tesseract sheet


@dataclass
class ClipAnalysis:
    path: str
    relative_path: str
    format: ClipFormat
    format_reason: Message
    name: NameReading
    probe: ProbeResult | None = None  # without its decoded pictures
    dhav_channel_byte: int | None = None
    channel: int | None = None
    osd: OsdResult | None = None
    thumbnail: str | None = None
    problems: list[Message] = field(default_factory=list)
    failed: Message | None = None  # why the clip could not be analysed at all
    sha256_after: str = ""
    changed: bool = False  # the file's bytes differ from the catalogued hash: loud
    seconds: float = 0.0
    osd_seconds: float = 0.0

    @property
    def gaps(self) -> list[Gap]:
        return self.probe.gaps if self.probe else []


def camera_channel(path: Path, relative_path: str, conventions_file: str | None) -> int | None:
    """The channel a clip belongs to, cheaply (name, or the first DHAV frame header), so that
    the camera's remembered OSD settings can go with the job."""
    conventions = load_conventions(Path(conventions_file) if conventions_file else None)
    reading = read_name(relative_path, conventions)
    if reading.channel is not None:
        return reading.channel
    try:
        with path.open("rb") as handle:
            head = handle.read(0x400 + 8)
    except OSError:
        return None
    for offset in (0, 0x400):
        if head[offset : offset + 4] == b"DHAV" and len(head) > offset + 6:
            return conventions.channel_of_dhav_byte(head[offset + 6])
    return None


def analyse(job: AnalysisJob) -> ClipAnalysis:
    started = time.perf_counter()
    path = Path(job.path)
    conventions = load_conventions(Path(job.conventions_file) if job.conventions_file else None)
    detection = detect(path)
    result = ClipAnalysis(
        path=job.path,
        relative_path=job.relative_path,
        format=detection.format,
        format_reason=detection.reason,
        name=read_name(job.relative_path, conventions),
    )
    result.problems.extend(result.name.problems)
    result.channel = result.name.channel  # the frames may say more, if they can be read
    if detection.format.is_video:
        try:
            _video(path, detection, job, result, conventions)
        except ProbeError as exc:
            result.failed = msg(
                "not readable as {format}: {reason}", format=detection.format.value, reason=exc.note
            )
        except OsdEngineError as exc:
            result.failed = Message(exc.template, exc.values)
    result.sha256_after = _sha256(path)
    if result.sha256_after != job.sha256:
        result.changed = True
        result.problems.insert(
            0,
            msg(
                "THE FILE CHANGED: SHA-256 {now} now, {before} when catalogued",
                now=result.sha256_after or msg("unreadable"),
                before=job.sha256,
            ),
        )
    result.seconds = time.perf_counter() - started
    return result


def _video(
    path: Path,
    detection: Detection,
    job: AnalysisJob,
    result: ClipAnalysis,
    conventions: Conventions,
) -> None:
    numbers = clock = None
    if detection.format == ClipFormat.DAHUA_DAV:
        scan = dhav.scan(path, detection.header_bytes)
        result.problems.extend(scan.problems)
        result.dhav_channel_byte = scan.channel_byte
        read = scan.channel_bytes.get(scan.channel_byte, 0) if scan.channel_byte is not None else 0
        numbers = scan.numbers if len(scan.numbers) == read else None
        clock = scan.clock if numbers is not None else None
        channel_frames = scan.frames_of_channel_read()
    else:
        channel_frames = None
    thorough = job.read_osd and not job.osd_skipped  # else a thumbnail is all it needs
    info = probe(
        path,
        detection,
        sample_every=job.sample_every if thorough else 1e9,
        frame_numbers=numbers,
        dhav_clock=clock,
        last_frame=thorough,
        channel_frames=channel_frames,
    )
    result.problems.extend(info.problems)
    samples = [(s.index, s.time_s, s.image) for s in info.samples]
    result.channel = result.name.channel
    if result.dhav_channel_byte is not None:
        from_frames = conventions.channel_of_dhav_byte(result.dhav_channel_byte)
        if result.channel is None:
            result.channel = from_frames
        elif from_frames != result.channel:
            result.problems.append(
                msg(
                    "the name says channel {name}, the DHAV frames channel {frames}",
                    name=result.channel,
                    frames=from_frames,
                )
            )
    if job.thumbnail and samples:
        picture = samples[1][2] if len(samples) > 2 else samples[0][2]  # often past a black start
        try:
            result.thumbnail = str(save_thumbnail(picture, Path(job.thumbnail)))
        except OSError as exc:
            result.problems.append(msg("no thumbnail: {reason}", reason=os_reason(exc)))
    if job.osd_skipped:
        result.osd = OsdResult(
            status="unreadable",
            notes=[
                msg(
                    "not searched: no clock was found on this camera's first clips (draw its "
                    "region to have it read)"
                )
            ],
        )
        result.problems.append(osd_unreadable(result.osd))
    elif job.read_osd:
        osd_started = time.perf_counter()
        scanned = detection.format == ClipFormat.DAHUA_DAV
        with FrameReader(path, detection, info, channel_frames, scanned=scanned) as reader:
            result.osd = read_osd(samples, job.osd_settings, fetch=reader.fetch)
        result.osd_seconds = time.perf_counter() - osd_started
        if result.osd.status == "unreadable":
            result.problems.append(osd_unreadable(result.osd))
        elif result.osd.status == "inconsistent":
            result.problems.extend(e.note() for e in result.osd.events)
    info.samples = []  # pictures stay in the worker
    result.probe = info


def osd_unreadable(osd: OsdResult) -> Message:
    """The per-clip problem of an on-screen clock that could not be read, with why."""
    if not osd.notes:
        return msg("OSD unreadable")
    return msg("OSD unreadable: {reason}", reason=osd.notes[0])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb", buffering=0) as handle:
            while block := handle.read(HASH_BLOCK):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
