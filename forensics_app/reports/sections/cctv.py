"""CCTV: per recorder its clock offset (and how it was measured) and the time source chosen;
every clip with the recorder's times, the corrected start in the workstation's zone and where
the clocks disagree; a thumbnail per clip; the stills exported from the clips.

Recorder times have no zone (recorders keep wall-clock time), so they are shown as the
recorder wrote them, as text: only corrected times are typed as times in the report's zone.
The report's period applies to the corrected start; a clip without one (no offset recorded)
is listed only in a report of the whole case. Stills are read from the custody log, where
each export is recorded with the frame's times and the still's SHA-256.

The CCTV service is reached through `workstation.cctv` only when a report is made: importing
it loads PyAV and OpenCV, which the report dialog does not need to list the sections.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from forensics_app.cctv.timing import DISAGREE_S, TimeSource, to_utc
from forensics_app.errors import UserError
from forensics_app.reports import labels
from forensics_app.reports.model import (
    Block,
    Column,
    Facts,
    Gallery,
    Kind,
    Paragraph,
    Picture,
    ReportContext,
    Section,
    Subheading,
    Table,
)
from forensics_app.reports.sections import register_section
from forensics_app.services.custody import entry_event, parse_details

if TYPE_CHECKING:
    from forensics_app.services.cctv import ClipRecord, RecorderRecord

SHA_WIDTH = 66
STILL_EVENT = "cctv.still_exported"
_NO_PICTURE = ("not_video", "needs_player", "failed")  # listed in the table, no thumbnail
log = logging.getLogger(__name__)
_SOURCES = (TimeSource.NAME, TimeSource.CONTAINER, TimeSource.OSD)


@dataclass(frozen=True)
class Still:
    exhibit: str
    clip_file: str
    clip_sha256: str
    frame: int | None
    time_s: float | None
    name: str
    container: str
    osd: str
    osd_read: str
    corrected: datetime | None
    source: str
    output: str
    sha256: str
    exported_by: str
    exported_at: datetime | None


@dataclass(frozen=True)
class CctvData:
    recorders: list[RecorderRecord]
    clips: list[ClipRecord]  # in the report's period
    left_out: int  # clips outside the period, or without a corrected time in a period
    stills: list[Still]


def case_cctv(context: ReportContext) -> CctvData:
    """The case's recorders, clips and stills (fetched once per report)."""
    if "cctv" in context.shared:
        cached: CctvData = context.shared["cctv"]
        return cached
    cctv = context.workstation.cctv
    all_clips = cctv.clips(case_id=context.case.id)
    clips = [c for c in all_clips if context.time_range.contains(c.corrected_start)]
    recorders = [r for r in cctv.recorders(context.case.id) if r.clip_count] if all_clips else []
    data = CctvData(recorders, clips, len(all_clips) - len(clips), _stills(context))
    context.shared["cctv"] = data
    return data


def _stills(context: ReportContext) -> list[Still]:
    found = []
    for entry in context.workstation.custody.iter_entries(context.case.id):
        event = entry_event(entry)
        if event is None or event[0].code != STILL_EVENT:
            continue
        details = parse_details(entry.details)
        values = event[1]
        corrected = _parse(details.get("time_corrected_utc"))
        if not context.time_range.contains(corrected):
            continue
        frame = details.get("frame")
        time_s = details.get("time_s")
        found.append(
            Still(
                exhibit=str(details.get("exhibit", "")),
                clip_file=str(values.get("path") or details.get("clip_path", "")),
                clip_sha256=str(details.get("clip_sha256", "")),
                frame=int(str(frame)) if str(frame or "").isdigit() else None,
                time_s=_number(time_s),
                name=_recorder_text(_parse(details.get("time_name"))),
                container=_recorder_text(_parse(details.get("time_container"))),
                osd=_recorder_text(_parse(details.get("time_osd"))),
                osd_read=_recorder_text(_parse(details.get("time_osd_read_on_frame"))),
                corrected=corrected,
                source=str(details.get("time_source", "")),
                output=str(details.get("output", "")),
                sha256=str(details.get("output_sha256", "")),
                exported_by=str(details.get("exported_by", entry.actor)),
                exported_at=_parse(details.get("exported_at")),
            )
        )
    return found


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    try:
        return round(float(value), 3) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _recorder_text(moment: datetime | None) -> str:
    """A recorder's time as it wrote it: no zone when it had none (a creation_time that
    claims UTC keeps its +00:00)."""
    if moment is None:
        return ""
    spec = "milliseconds" if moment.microsecond else "seconds"
    return moment.isoformat(sep=" ", timespec=spec)


def _source_word(context: ReportContext, source: str) -> str:
    name = labels.TIME_SOURCES.get(source)
    return context.t(name) if name else source


def _span(seconds: float) -> tuple[str, float]:
    seconds = abs(seconds)
    if seconds < 120:
        return "{value:.0f} s", seconds
    if seconds < 7200:
        return "{value:.1f} min", seconds / 60
    if seconds < 172800:
        return "{value:.1f} h", seconds / 3600
    return "{value:.1f} days", seconds / 86400


def disagreement_lines(context: ReportContext, clip: ClipRecord, zone: str) -> str:
    """Where the clip's clocks differ by more than DISAGREE_S, in the reader's words."""
    starts = [(s, m) for s in _SOURCES if (m := clip.start_of(s)) is not None]
    lines = []
    for number, (first, a) in enumerate(starts):
        for second, b in starts[number + 1 :]:
            gap = (to_utc(b, zone) - to_utc(a, zone)).total_seconds()
            if abs(gap) <= DISAGREE_S:
                continue
            unit, value = _span(gap)
            line = context.translator.format(
                "{second} start is {span} after the {first} start"
                if gap > 0
                else "{second} start is {span} before the {first} start",
                first=_source_word(context, first),
                second=_source_word(context, second),
                span=context.translator.format(unit, value=value),
            )
            if (a.tzinfo is None) != (b.tzinfo is None):
                hours = ZoneInfo(zone).utcoffset(a.replace(tzinfo=None)) or timedelta()
                if abs(abs(gap) - hours.total_seconds()) <= DISAGREE_S:
                    line += " " + context.translator.format(
                        "(exactly the {zone} offset: the container time is local time marked UTC)",
                        zone=zone,
                    )
            lines.append(line)
    return "\n".join(lines)


def _note(context: ReportContext, clip: ClipRecord, recorder: RecorderRecord | None) -> str:
    """Why a clip has no corrected time, or uses another source than the chosen one (the
    service's English note, said again in the reader's language)."""
    if not clip.time_source:
        return context.t("No clock gives a time for this clip")
    chosen = recorder.choice.source if recorder and recorder.choice else None
    lines = []
    if chosen is not None and chosen.value != clip.time_source:
        lines.append(
            context.translator.format(
                "The chosen source ({chosen}) has no time for this clip; {used} used",
                chosen=_source_word(context, chosen.value),
                used=_source_word(context, clip.time_source),
            )
        )
    if clip.corrected_start is None:
        lines.append(context.t("No recorder clock offset recorded"))
    return "\n".join(lines)


@register_section
class CctvSection(Section):
    id = "cctv"
    title = "CCTV"
    order = 30
    description = (
        "Per recorder: clock offset and time source; clips with recorder and corrected "
        "times, thumbnails and exported stills"
    )

    def available(self, context: ReportContext) -> bool:
        """Whether the case has a clip (the clips `CctvService.clips` lists), asked of the
        store: the service would load PyAV and OpenCV (a hundred megabytes of every report's
        memory, CCTV or not)."""
        from sqlalchemy import select

        from forensics_app.storage.models import CctvClip, EvidenceFile, EvidenceItem

        statement = (
            select(CctvClip.id)
            .join(EvidenceFile, EvidenceFile.id == CctvClip.file_id)
            .join(EvidenceItem, EvidenceItem.id == CctvClip.item_id)
            .where(EvidenceItem.case_id == context.case.id)
            .limit(1)
        )
        with context.workstation.db.read() as session:
            return session.execute(statement).first() is not None

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        t = context.t
        data = case_cctv(context)
        yield Facts(
            t("Summary"),
            [
                (t("CCTV recorders"), len(data.recorders)),
                (t("Clips"), len(data.clips)),
                (t("Clips with a corrected time"), sum(1 for c in data.clips if c.corrected_start)),
                (t("Stills exported"), len(data.stills)),
                (t("Corrected times are in"), context.zone_label),
            ],
        )
        yield Paragraph(
            t(
                "Recorders keep wall-clock time without a time zone and their clocks drift. "
                "The times by file name, container and on-screen clock are shown as the "
                "recorder wrote them. The corrected time is the time of the source used, "
                "minus the recorder's clock offset (recorder minus reference clock), in the "
                "time zone named in the column title."
            ),
            "note",
        )
        if data.left_out:
            yield Paragraph(
                t(
                    "{count} clips are outside the report's period or have no corrected "
                    "time, and are not listed."
                ).format(count=data.left_out),
                "note",
            )
        yield self._recorders_table(context, data)
        by_item = {r.item_id: r for r in data.recorders}
        for recorder in data.recorders:
            clips = [c for c in data.clips if c.item_id == recorder.item_id]
            if not clips:
                continue
            yield Subheading(f"{recorder.exhibit_number} – {recorder.description}".rstrip(" –"))
            yield self._clips_table(context, recorder, clips)
        if any(c.status not in _NO_PICTURE for c in data.clips):
            yield self._thumbnails(context, data.clips, by_item)
        if data.stills:
            yield self._stills_table(context, data.stills)

    @staticmethod
    def _recorders_table(context: ReportContext, data: CctvData) -> Table:
        t = context.t
        shown_clips = {r.item_id: 0 for r in data.recorders}
        for clip in data.clips:
            shown_clips[clip.item_id] = shown_clips.get(clip.item_id, 0) + 1

        def rows() -> Iterator[Sequence[Any]]:
            for r in data.recorders:
                offset, choice = r.offset, r.choice
                measured = ""
                if offset is not None:
                    measured = context.translator.format(
                        "The recorder showed {shown} when the reference clock said {reference}",
                        shown=_recorder_text(offset.shown),
                        reference=context.local(offset.reference).strftime("%Y-%m-%d %H:%M:%S")
                        + f" ({context.workstation.clock.zone_abbreviation(offset.reference)})",
                    )
                yield (
                    r.exhibit_number,
                    r.description,
                    shown_clips.get(r.item_id, 0),
                    round(offset.offset_s, 3) if offset else None,
                    _offset_words(context, offset.offset_s) if offset else t("Not recorded"),
                    measured,
                    offset.zone if offset else "",
                    offset.note if offset else "",
                    offset.recorded_by if offset else "",
                    offset.recorded_at if offset else None,
                    _source_word(context, choice.source.value)
                    if choice
                    else t("Not chosen: per clip, container, else on-screen clock, else file name"),
                    choice.reason if choice else "",
                    choice.chosen_by if choice else "",
                )

        return Table(
            id="cctv_recorders",
            title=t("CCTV recorders"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("description", t("Description"), Kind.TEXT, 24),
                Column("clips", t("Clips"), Kind.INTEGER, 8),
                Column("offset_s", t("Clock offset (s)"), Kind.DECIMAL, 12),
                Column("offset", t("Recorder clock"), Kind.TEXT, 20),
                Column("measured", t("How the offset was measured"), Kind.TEXT, 40),
                Column("zone", t("Recorder's time zone"), Kind.CODE, 14),
                Column("offset_note", t("Note"), Kind.TEXT, 20),
                Column("offset_by", t("Offset recorded by"), Kind.TEXT, 16),
                Column("offset_at", t("Offset recorded at"), Kind.DATETIME, 18),
                Column("source", t("Time source used"), Kind.TEXT, 18),
                Column("reason", t("Why this source"), Kind.TEXT, 24),
                Column("chosen_by", t("Chosen by"), Kind.TEXT, 16),
            ],
            rows=rows,
            count=lambda: len(data.recorders),
            pdf_rows=100,
            pdf_columns=(
                "exhibit", "description", "clips", "offset_s", "offset", "measured",
                "source", "reason",
            ),
        )  # fmt: skip

    @staticmethod
    def _clips_table(
        context: ReportContext, recorder: RecorderRecord, clips: Sequence[ClipRecord]
    ) -> Table:
        t = context.t
        zone = recorder.offset.zone if recorder.offset else context.workstation.clock.zone_name

        language = context.translator.language

        def rows() -> Iterator[Sequence[Any]]:
            statuses = {k: t(v) for k, v in labels.CLIP_STATUSES.items()}
            for c in clips:
                source = TimeSource(c.time_source) if c.time_source else None
                yield (
                    c.camera if c.channel is not None else t("Unknown channel"),
                    c.channel,
                    c.relative_path,
                    c.sha256,
                    round(c.duration_s, 3) if c.duration_s is not None else None,
                    statuses.get(c.status, c.status),
                    _recorder_text(c.start_of(source)) if source else "",
                    _source_word(context, c.time_source),
                    c.corrected_start,
                    c.corrected_end,
                    _recorder_text(c.name_start),
                    _recorder_text(c.container_start),
                    _recorder_text(c.osd_start),
                    disagreement_lines(context, c, zone),
                    "\n".join(p.render(language) for p in c.problems),
                    _note(context, c, recorder),
                )

        return Table(
            id=f"cctv_clips_{recorder.item_id}",
            title=f"{t('Clips')} {recorder.exhibit_number}",
            columns=[
                Column("camera", t("Camera"), Kind.TEXT, 12),
                Column("channel", t("Channel"), Kind.INTEGER, 8),
                Column("file", t("File"), Kind.CODE, 40),
                Column("sha256", "SHA-256", Kind.CODE, SHA_WIDTH),
                Column("duration", t("Clip length (s)"), Kind.DECIMAL, 10),
                Column("status", t("Status"), Kind.TEXT, 14),
                Column("recorder_start", t("Start as the recorder showed it"), Kind.CODE, 20),
                Column("source", t("Time source used"), Kind.TEXT, 14),
                Column("corrected_start", t("Corrected start"), Kind.DATETIME, 18),
                Column("corrected_end", t("Corrected end"), Kind.DATETIME, 18),
                Column("name_start", t("Start by file name"), Kind.CODE, 20),
                Column("container_start", t("Start by container"), Kind.CODE, 20),
                Column("osd_start", t("Start by on-screen clock"), Kind.CODE, 20),
                Column("disagreements", t("Clocks disagreeing"), Kind.TEXT, 36),
                Column("problems", t("Problems"), Kind.TEXT, 40),
                Column("note", t("Note"), Kind.TEXT, 24),
            ],
            rows=rows,
            count=lambda: len(clips),
            pdf_rows=60,
            pdf_columns=(
                "camera", "file", "sha256", "duration", "recorder_start", "source",
                "corrected_start", "disagreements",
            ),
        )  # fmt: skip

    @staticmethod
    def _thumbnails(
        context: ReportContext, clips: Sequence[ClipRecord], recorders: dict[int, RecorderRecord]
    ) -> Gallery:
        t = context.t
        cctv = context.workstation.cctv

        def pictures() -> Iterator[Picture]:
            for c in clips:
                if c.status in _NO_PICTURE:
                    continue
                try:
                    thumbnail = cctv.thumbnail(c.id)
                except (UserError, OSError) as exc:  # changed or undecodable: said in the caption
                    log.warning("No thumbnail for clip %s: %s", c.id, exc)
                    thumbnail = None
                caption = [f"{c.exhibit_number} {c.camera}".strip(), c.relative_path]
                if c.corrected_start is not None:
                    local = context.local(c.corrected_start)
                    caption.append(
                        f"{local.strftime('%Y-%m-%d %H:%M:%S')} "
                        f"{context.workstation.clock.zone_abbreviation(c.corrected_start)}"
                    )
                elif c.time_source:
                    caption.append(
                        f"{_recorder_text(c.start_of(TimeSource(c.time_source)))} "
                        f"({t('recorder clock')})"
                    )
                caption.append(f"SHA-256 {c.sha256[:16]}…")
                # The thumbnail is made from the clip by the workstation (derived, not
                # evidence): its own hash is taken as it is read, so a file swapped between
                # now and the copy is still caught.
                path, digest = "", ""
                if thumbnail is not None:
                    path = str(thumbnail)
                    digest = hashlib.sha256(thumbnail.read_bytes()).hexdigest()
                yield Picture(path=path, sha256=digest, caption=caption, anchor=f"clip-{c.id}")

        return Gallery(
            id="cctv_thumbnails",
            title=t("Clip thumbnails (first frame)"),
            pictures=pictures,
            pdf_pictures=24,
        )

    @staticmethod
    def _stills_table(context: ReportContext, stills: Sequence[Still]) -> Table:
        t = context.t

        def rows() -> Iterator[Sequence[Any]]:
            for s in stills:
                yield (
                    s.exhibit,
                    s.clip_file,
                    s.clip_sha256,
                    s.frame,
                    s.time_s,
                    s.name,
                    s.container,
                    s.osd,
                    s.osd_read,
                    _source_word(context, s.source),
                    s.corrected,
                    s.output,
                    s.sha256,
                    s.exported_by,
                    s.exported_at,
                )

        return Table(
            id="cctv_stills",
            title=t("Stills exported"),
            columns=[
                Column("exhibit", t("Exhibit"), Kind.CODE, 10),
                Column("clip", t("Clip"), Kind.CODE, 40),
                Column("clip_sha256", t("Clip SHA-256"), Kind.CODE, SHA_WIDTH),
                Column("frame", t("Frame"), Kind.INTEGER, 8),
                Column("time_s", t("Seconds into the clip"), Kind.DECIMAL, 10),
                Column("name", t("Time by file name"), Kind.CODE, 20),
                Column("container", t("Time by container"), Kind.CODE, 20),
                Column("osd", t("Time by on-screen clock"), Kind.CODE, 20),
                Column("osd_read", t("On-screen clock read on the frame"), Kind.CODE, 20),
                Column("source", t("Time source used"), Kind.TEXT, 14),
                Column("corrected", t("Corrected time"), Kind.DATETIME, 18),
                Column("output", t("Still file"), Kind.CODE, 40),
                Column("sha256", t("Still SHA-256"), Kind.CODE, SHA_WIDTH),
                Column("exported_by", t("Exported by"), Kind.TEXT, 16),
                Column("exported_at", t("Exported at"), Kind.DATETIME, 18),
            ],
            rows=rows,
            count=lambda: len(stills),
            pdf_rows=60,
            pdf_columns=(
                "exhibit", "clip", "frame", "time_s", "osd_read", "corrected", "sha256",
            ),
        )  # fmt: skip


def _offset_words(context: ReportContext, offset_s: float) -> str:
    if offset_s == 0:
        return context.t("Right")
    template = "{seconds} s fast" if offset_s > 0 else "{seconds} s slow"
    return context.translator.format(template, seconds=f"{abs(offset_s):.0f}")
