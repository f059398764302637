"""Items 14 and 15 of issue 10 in the GUI: evidence text shown as rich text (custody details,
verification reports, field panels) never renders markup, control characters or right-to-left
overrides from the evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, ItemKind
from forensics_app.ui.custody_view import details_html
from forensics_app.ui.widgets.field_panel import field_panel
from forensics_app.ui.widgets.formatting import html_escape
from tests.hostile.corpus import BIDI, TERMINAL, every_control_is_escaped

MARKUP = '<img src="file:///etc/passwd"><a href="http://evil.example">verify OK</a>'


def test_custody_details_show_hostile_text_escaped(
    qtbot: QtBot, tmp_path: Path, workstation: Workstation, actor: Actor
) -> None:
    case = workstation.cases.create(actor, BIDI[0] + MARKUP, number="H-1")
    photo = tmp_path / BIDI[0]
    photo.write_bytes(b"not a photo")
    workstation.evidence.add_item(
        actor, case.id, ItemDraft(ItemKind.OTHER, description=TERMINAL[0]), [photo]
    )
    for entry in workstation.custody.entries(case_id=case.id):
        page = details_html(entry)
        assert every_control_is_escaped(page), page
        assert "<img" not in page and "<a href" not in page
    pages = "".join(details_html(e) for e in workstation.custody.entries(case_id=case.id))
    assert "photo_\\u202egpj.exe" in pages and "\\x1b[2J" in pages
    assert html_escape(BIDI[1]) == "\\u2067isolate\\u2069.jpg"


def test_field_panel_shows_values_as_plain_visible_text(qtbot: QtBot) -> None:
    scroll, values = field_panel([("description", "Description")], 200)
    qtbot.addWidget(scroll)
    label = values["description"]
    label.setText(MARKUP + BIDI[0] + TERMINAL[1])
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("<img") and "\\u202e" in label.text()
    assert every_control_is_escaped(label.text())
