"""A tab whose screen is built the first time it is shown.

Start-up pays only for the screens in front: the flyer, phone and CCTV screens (and the
libraries behind them: the block-request library, OpenCV, PyAV) load when the analyst first
opens them, or when code asks for the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

Screen = TypeVar("Screen", bound=QWidget)


class LazyTab(QWidget, Generic[Screen]):
    """Holds the place of a case tab. `set_case` is remembered until the screen exists and
    handed to it when it is built; afterwards every call goes straight to the screen.
    `built` says when the screen exists (to wire it to the rest of the window)."""

    built = Signal(QWidget)

    def __init__(self, build: Callable[[], Screen], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._screen: Screen | None = None
        self._case_id: int | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._screen is not None

    def content(self) -> Screen:
        if self._screen is None:
            screen = self._build()
            self._layout.addWidget(screen)
            self._screen = screen
            screen.set_case(self._case_id)  # type: ignore[attr-defined]
            self.built.emit(screen)
        return self._screen

    def set_case(self, case_id: int | None) -> None:
        self._case_id = case_id
        if self._screen is not None:
            self._screen.set_case(case_id)  # type: ignore[attr-defined]

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)
