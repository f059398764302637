"""What every screen is handed: the workstation, who is signed in, the task runner, and the
change bus (Anki's OpChanges).

An operation declares what it changed (`Changed.ITEMS | Changed.CUSTODY`); the bus tells every
view, and each view refreshes itself when something it shows changed. No view is wired to
another by hand, so a new work area only subscribes to the bus.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from forensics_app.services.records import Actor
from forensics_app.services.workstation import Workstation
from forensics_app.ui.tasks import TaskRunner
from forensics_app.ui.widgets.formatting import use_clock

if TYPE_CHECKING:
    from blocking import Actor as BlockingActor
    from blocking import Blocking
    from forensics_app.services.submissions import SubmissionService


class Changed(enum.Flag):
    """What an operation changed. Views compare it with what they show."""

    NOTHING = 0
    CASES = enum.auto()  # a case's fields or status, or the case list
    ITEMS = enum.auto()  # evidence items or their files (counts, verification)
    CUSTODY = enum.auto()  # a custody entry was written (every audited write)
    FLYERS = enum.auto()  # flyer photos, OCR results, review verdicts
    NUMBERS = enum.auto()  # the block-request number registry (sightings)
    REQUESTS = enum.auto()  # block requests (drafts, steps, packages, responses)
    EXAMINERS = enum.auto()  # examiner accounts

    @classmethod
    def everything(cls) -> Changed:
        value = cls.NOTHING
        for member in cls:
            value |= member
        return value


ChangeHandler = Callable[[Changed, object], None]


class ChangeBus(QObject):
    """One signal for every change: (what changed, who changed it). A view that made the
    change itself usually has refreshed already and skips `initiator is self`."""

    changed = Signal(object, object)  # Changed, initiator (the widget that ran the op)

    def notify(self, what: Changed, initiator: object = None) -> None:
        if what:
            self.changed.emit(what, initiator)

    def subscribe(self, handler: ChangeHandler) -> None:
        self.changed.connect(handler)


def initiated_inside(widget: QObject, initiator: object) -> bool:
    """Whether `initiator` (who ran an op) is `widget` or one of its children or dialogs:
    the widget has refreshed after its own write already."""
    current = initiator if isinstance(initiator, QObject) else None
    while current is not None:
        if current is widget:
            return True
        current = current.parent()
    return False


@dataclass
class UiContext:
    """Handed to every pane, page and dialog instead of (workstation, actor, runner, …)."""

    workstation: Workstation
    actor: Actor
    runner: TaskRunner
    bus: ChangeBus = field(default_factory=ChangeBus)
    # Tests hand in their own block-request library (with a clock they move).
    blk_override: Blocking | None = None

    def __post_init__(self) -> None:
        use_clock(self.workstation.clock)

    @property
    def blk(self) -> Blocking:
        return self.blk_override if self.blk_override is not None else self.workstation.blocking

    @property
    def submissions(self) -> SubmissionService:
        """Packages out and answers in, each with its custody entry in the same unit of work."""
        from forensics_app.services.submissions import SubmissionService

        if self.blk_override is None:
            return self.workstation.submissions
        return SubmissionService(self.workstation, self.blk_override)

    @property
    def blocking_actor(self) -> BlockingActor:
        from forensics_app.services.records import blocking_actor

        return blocking_actor(self.actor)
