"""A word-wrapped label that does not ask for height-for-width.

Qt's box and form layouts switch to height-for-width mode when any child asks for it, and in
that mode they give the boxes beside it less than their minimum height: rows of a form are
drawn over each other (the new-item dialog's description over its make). This label reports the
height of its text at its current width as its minimum instead, and asks again when resized.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

FIRST_GUESS_WIDTH = 360  # before the label has been laid out once


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._height_at: tuple[int, int] | None = None

    def hasHeightForWidth(self) -> bool:
        return False

    def _text_height(self) -> int:
        width = self.width() if self.width() > 1 else FIRST_GUESS_WIDTH
        return self.heightForWidth(width)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._text_height())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._text_height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = (event.size().width(), self.heightForWidth(event.size().width()))
        if needed != self._height_at:
            self._height_at = needed
            if needed[1] != event.size().height():
                self.updateGeometry()
