"""What a report is made of: sections that yield blocks (facts, tables, figures, galleries).

A section never builds its rows in memory: a `Table` holds a function that streams its rows
from the services each time a renderer asks, so a table of 1,000,000 messages costs each
renderer one pass over the database and a few thousand rows of memory. The renderers (HTML,
PDF, XLSX, CSV) only see these blocks; a new kind of data (phones, CCTV, the timeline) plugs
in as a new `Section` without touching them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from forensics_app.progress import NullProgress, ProgressReporter

if TYPE_CHECKING:
    from forensics_app.reports.i18n import Translator
    from forensics_app.services.records import Actor, CaseRecord
    from forensics_app.services.workstation import Workstation


class Kind(enum.StrEnum):
    """How a column's values are typed in a spreadsheet and aligned on paper."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATETIME = "datetime"  # aware datetimes, shown in the report's zone
    DATE = "date"
    BOOL = "bool"
    CODE = "code"  # hashes, paths, numbers as printed: monospaced text, never wrapped words


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # already translated
    kind: Kind = Kind.TEXT
    width: int = 16  # spreadsheet width in characters


RowSource = Callable[[], Iterable[Sequence[Any]]]


@dataclass(frozen=True)
class Table:
    """A table whose rows come from `rows()`, called once per renderer, streamed.

    `id` names its files (data/<id>/…, <id>.csv, a sheet) and must be unique in a report.
    `count` (if cheap) lets renderers plan; otherwise they find out while streaming. The PDF
    shows the first `pdf_rows` rows and says where the rest is; `pdf_columns` (column keys)
    narrows a wide table on paper to the columns a reader needs there (all when empty).
    """

    id: str
    title: str
    columns: Sequence[Column]
    rows: RowSource
    count: Callable[[], int] | None = None
    pdf_rows: int = 40
    note: str = ""
    pdf_columns: Sequence[str] = ()


@dataclass(frozen=True)
class Facts:
    """Label → value pairs (the cover, a summary). Values are plain values, typed as cells."""

    title: str
    pairs: Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""  # "" | "note" | "warning"


@dataclass(frozen=True)
class Figure:
    """An image the section made (a chart): `render(path)` writes a PNG there."""

    id: str
    title: str
    render: Callable[[Path], None]
    caption: str = ""


@dataclass(frozen=True)
class Box:
    """A region of a photo to outline, in the upright photo's pixels (the OCR's frame)."""

    points: tuple[tuple[float, float], ...]
    label: str = ""


@dataclass(frozen=True)
class Picture:
    """One photo of a gallery; `sha256` is what the catalog holds, checked when it is read."""

    path: str
    sha256: str
    caption: Sequence[str]
    boxes: Sequence[Box] = ()
    anchor: str = ""  # an id other blocks can link to


@dataclass(frozen=True)
class Gallery:
    id: str
    title: str
    pictures: Callable[[], Iterable[Picture]]
    pdf_pictures: int = 24
    note: str = ""


@dataclass(frozen=True)
class Subheading:
    text: str


Block = Facts | Paragraph | Table | Figure | Gallery | Subheading


@dataclass(frozen=True)
class TimeRange:
    """Inclusive start, exclusive end; either may be open."""

    since: datetime | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        for moment in (self.since, self.until):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("report range needs aware datetimes")
        if self.since and self.until and self.since >= self.until:
            raise ValueError("the range ends before it starts")

    @property
    def is_open(self) -> bool:
        return self.since is None and self.until is None

    def contains(self, moment: datetime | None) -> bool:
        if moment is None:
            return self.is_open
        return (self.since is None or moment >= self.since) and (
            self.until is None or moment < self.until
        )


@dataclass(frozen=True)
class CustodyHead:
    """The custody chain's last link when the report was made, signed by this workstation's
    key (`forensics_app.services.anchor`)."""

    seq: int
    entry_hash: str
    signature: str = ""
    signer: str = ""
    algorithm: str = ""
    # The signed head as `forensics-app verify --anchor` reads it (the manifest's "chain_head").
    signed: dict[str, Any] | None = None


@dataclass
class ReportContext:
    """What every section may read: the workstation's services, the case, the options."""

    workstation: Workstation
    case: CaseRecord
    generated_by: Actor
    generated_at: datetime
    time_range: TimeRange
    translator: Translator
    agency: str = ""
    custody_head: CustodyHead | None = None
    section_titles: Sequence[str] = ()
    progress: ProgressReporter = field(default_factory=NullProgress)
    # Which formats are being written, so the PDF can say where its summarised tables are.
    formats: Sequence[str] = ()
    # Data several sections share (the case's reads, its requests), fetched once per report.
    shared: dict[str, Any] = field(default_factory=dict)

    def t(self, text: str) -> str:
        return self.translator(text)

    def local(self, moment: datetime) -> datetime:
        return self.workstation.clock.local(moment)

    @property
    def zone_label(self) -> str:
        clock = self.workstation.clock
        return f"{clock.zone_abbreviation(self.generated_at)}, {clock.zone_name}"


class Section:
    """One part of a report. Subclasses set `id`, `title` (English; translated when shown)
    and `order`, and yield blocks from `blocks`. `available` says whether the case has any
    data for it (an empty section is still listed, with a line saying so)."""

    id: ClassVar[str]
    title: ClassVar[str]
    order: ClassVar[int] = 100
    description: ClassVar[str] = ""

    def available(self, context: ReportContext) -> bool:
        return True

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        raise NotImplementedError
