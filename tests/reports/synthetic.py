"""A section that streams N generated rows through the section interface, with hostile text
mixed in: the engine's own tests (chunking, paging, search, cancel, a crash mid-way) at any
size without importing anything. The phone sections are tested on imported data
(tests/reports/device_data.py), and the benchmark imports a real extraction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from forensics_app.reports.model import Block, Column, Facts, Kind, ReportContext, Section, Table

START = datetime(2026, 1, 1, tzinfo=UTC)
BODIES = (
    "급전 필요하시면 연락주세요 010-2345-6789",
    "<script>alert('x')</script>",
    '=HYPERLINK("http://evil.example/","click")',
    "bell\x07 nul\x00",
    "mixed עברית text\u200f with RLM",
    "내일 3시에 수원역 2번 출구에서 만나요",
    "OK",
)


def artifact_rows(count: int) -> Iterator[Sequence[Any]]:
    for index in range(count):
        yield (
            index + 1,
            START + timedelta(seconds=37 * index),
            "incoming" if index % 3 else "outgoing",
            f"+8210{(index * 7919) % 100_000_000:08d}",
            BODIES[index % len(BODIES)] if index % 1000 else f"needle-{index} 특이문자열",
            index % 5 == 0,
        )


class GeneratedArtifacts(Section):
    id = "generated_artifacts"
    title = "Messages"
    order = 30
    rows = 1_000

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        yield Facts("Artifacts", [("Messages", self.rows)])
        count = self.rows
        yield Table(
            id="messages",
            title="Messages",
            columns=[
                Column("id", "No.", Kind.INTEGER, 10),
                Column("at", "Time", Kind.DATETIME, 18),
                Column("direction", "Direction", Kind.TEXT, 10),
                Column("number", "Number", Kind.CODE, 16),
                Column("body", "Body", Kind.TEXT, 60),
                Column("tagged", "Tagged", Kind.BOOL, 8),
            ],
            rows=lambda: artifact_rows(count),
            count=lambda: count,
            pdf_rows=150,
        )
