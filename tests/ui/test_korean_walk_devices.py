"""Every word Korean (issue 8.1) on the screens that came with the device data and the case
report: the device-data area (every tab, the detail of a message), the device import dialog
after a check, the column-mapping editor and the report dialog with its preview. Same rules
as tests/ui/test_korean_walk.py: English left on a Korean screen fails, naming where."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import MetaData, String, Text, select

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.device_area import DeviceDataArea
from forensics_app.ui.import_dialog import ImportDialog
from forensics_app.ui.import_mapping import MappingEditor
from forensics_app.ui.report_dialog import ReportDialog
from tests.importers import samples
from tests.reports.case_data import build_case
from tests.ui.conftest import MakeContext
from tests.ui.test_korean_walk import _LATIN_WORD, Walk


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
def test_device_import_and_report_screens_are_korean(
    qtbot: QtBot,
    workstation: Workstation,
    actor: Actor,
    make_context: MakeContext,
    tmp_path: Path,
    korean: None,
) -> None:
    data = build_case(workstation, actor, tmp_path / "source")
    extraction = samples.android_extraction(tmp_path / "추출")
    workstation.ingest.import_paths(actor, data.case.id, [extraction])
    walk = Walk()

    area = DeviceDataArea(make_context())
    qtbot.addWidget(area)
    area.resize(1360, 760)
    area.show()
    area.set_case(data.case.id)
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        table = area.tables.get(area.current_kind or "")
        if index in (1, 2, 3) and table is not None and table.model().rowCount():
            table.selectRow(0)
        walk.widget(f"device tab {index}", area)

    importer = ImportDialog(make_context(), data.case.id, [extraction])
    qtbot.addWidget(importer)
    importer.show()
    importer.check()
    walk.widget("device import", importer)

    sheet = tmp_path / "내보내기.csv"
    sheet.write_text("Date,Phone,Text\n2024-03-01 09:00:00,010-1234-5678,급전\n", "utf-8")
    editor = MappingEditor(sheet)
    qtbot.addWidget(editor)
    editor.show()
    walk.widget("column mapping", editor)

    report = ReportDialog(make_context(), data.case, str(tmp_path), language="ko")
    qtbot.addWidget(report)
    report.show()
    report.show_preview()
    walk.widget("case report", report)

    assert len(walk.seen) > 150, "the walk saw the screens"
    stored = _words_stored(workstation) | set(_LATIN_WORD.findall(sheet.read_text("utf-8")))
    assert walk.english(frozenset(stored)) == [], "English on a Korean screen: (where, word, text)"


def _words_stored(workstation: Workstation) -> set[str]:
    """Every Latin word in the text the test stored (evidence, messages, names, source tables
    and files): data shown as it was seized, not a missed translation."""
    metadata = MetaData()
    metadata.reflect(workstation.db.engine)
    words: set[str] = set()
    with workstation.db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            texts = [c for c in table.columns if isinstance(c.type, String | Text)]
            if not texts:
                continue
            for row in connection.execute(select(*texts)):
                for value in row:
                    if isinstance(value, str):
                        words.update(_LATIN_WORD.findall(value))
    return words
