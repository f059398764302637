"""A read-only "label: value" panel in a scroll area, for the detail of a selected record."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QWidget

from forensics_app.ui.display import plain


class EvidenceTextLabel(QLabel):
    """A label for values from evidence and people: always plain text (a description holding
    "<img …>" is not rendered), with control characters and right-to-left overrides shown."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        super().setText(plain(text))


def field_panel(
    fields: Sequence[tuple[str, str]], min_width: int
) -> tuple[QScrollArea, dict[str, QLabel]]:
    """(key, title) pairs in order; returns the scroll area and each key's value label
    (selectable, word-wrapped) for the caller to fill."""
    values: dict[str, QLabel] = {}
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    for key, title in fields:
        value = EvidenceTextLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        values[key] = value
        form.addRow(title, value)
    inner = QWidget()
    inner.setLayout(form)
    scroll = QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setMinimumWidth(min_width)
    return scroll, values
