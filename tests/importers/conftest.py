"""Reading a database the way the ingest service does: copy it, open the copy, detect, parse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from forensics_app.importers import registry, sources
from forensics_app.importers.base import ParseContext, ParseReport
from forensics_app.importers.records import (
    CallRecord,
    ContactRecord,
    ConversationRecord,
    MessageRecord,
    Record,
)
from forensics_app.importers.sqlite import SqliteDatabase


@dataclass
class Parsed:
    importers: list[str]
    records: list[Record]
    reports: dict[str, ParseReport]

    @property
    def messages(self) -> list[MessageRecord]:
        return [r for r in self.records if isinstance(r, MessageRecord)]

    @property
    def calls(self) -> list[CallRecord]:
        return [r for r in self.records if isinstance(r, CallRecord)]

    @property
    def contacts(self) -> list[ContactRecord]:
        return [r for r in self.records if isinstance(r, ContactRecord)]

    @property
    def conversations(self) -> list[ConversationRecord]:
        return [r for r in self.records if isinstance(r, ConversationRecord)]

    def message(self, table: str, row: str) -> MessageRecord:
        return next(m for m in self.messages if m.where == (table, row))

    def skipped(self, importer: str) -> str:
        return "\n".join(str(note) for note in self.reports[importer].skipped)  # English


def parse_file(path: Path, work: Path) -> Parsed:
    copy = sources.copy_to(sources.LocalFile(path), work)
    db = SqliteDatabase(copy.path)
    try:
        found = registry.detect(db)
        records: list[Record] = []
        reports = {}
        for importer in found:
            context = ParseContext(db, ParseReport(), path.name)
            records += list(importer.parse(context))
            reports[importer.name] = context.report
    finally:
        db.close()
    return Parsed([i.name for i in found], records, reports)


@pytest.fixture
def parse(tmp_path: Path) -> Callable[[Path], Parsed]:
    counter = iter(range(1000))

    def run(path: Path) -> Parsed:
        return parse_file(path, tmp_path / f"work{next(counter)}")

    return run
