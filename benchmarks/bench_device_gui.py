"""GUI-thread time of the device area at phone scale: how long the window cannot answer while
the analyst opens a case, scrolls the lists and reads rows in the detail.

A generated Android extraction (20,000 messages by default) is imported into a fresh SQLite
store; the device area is shown (offscreen) with the workstation's own task runner (a thread
pool), and a scripted session runs: the case opened, the messages, calls and contacts tables
scrolled from top to bottom a screen at a time, the messages 200 rows (a page) a jump, then
sorted by number and jumped through again, 50 rows chosen (the detail), the case opened again
(as after an import). For each step it prints the GUI thread's CPU time, the wall time
until every read has come back, and the longest the event loop went without turning (a 5 ms
timer's largest gap: what the analyst feels as a freeze).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_device_gui
        [--messages N --calls N --contacts N] [--work DIR]

Run it on two trees (old and new code, the same extraction) alternately: the machine's load
is printed with the figures.

Measured (branch ux13 against main 28997f2, 20,009 messages, 2,000 calls, 1,000 contacts,
SQLite; new, old, new, old in turn at load average 6.0-6.5; GUI-thread CPU seconds, new vs
old): the messages 200 rows a jump (each screen a page not read yet) 1.87 / 1.70 vs
3.05 / 3.01; sorted by number and jumped through 1.81 / 1.69 vs 5.59 / 4.97; 50 rows chosen
(scrolled to, then the detail) 0.54 / 0.57 vs 6.17 / 5.36, the longest freeze 0.016 s vs
0.43-0.48 s; the case opened again (the phones' counts) 0.046 / 0.049 vs 0.098 / 0.083.
A page read on the GUI thread cost ~12 ms in time order and ~35 ms sorted by number; what is
left is painting (screen by screen, ~640 screens of messages: 7.7 / 7.6 s vs 8.4 / 8.0 s).
The wall time until every screen is shown is not shorter (scrolling screen by screen 25.6 /
24.8 s vs 20.2 / 18.8 s: each page goes to the pool and back), but the window answers
meanwhile.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.devices_data import generate
from benchmarks.gui_session import GuiSession


class Session(GuiSession):
    """The device area shown offscreen with the workstation's runner."""

    def __init__(self, workstation: Any, actor: Any) -> None:
        from forensics_app.ui.device_area import DeviceDataArea
        from forensics_app.ui.widgets.context import UiContext

        super().__init__(lambda runner: DeviceDataArea(UiContext(workstation, actor, runner)))
        self.area.show()

    def scroll(self, tab: int) -> Callable[[], None]:
        def run() -> None:
            self.area.tabs.setCurrentIndex(tab)
            self.settle()
            bar = self.area.tabs.currentWidget().verticalScrollBar()
            for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
                bar.setValue(value)
                self.settle()

        return run

    def jump_messages(self) -> None:
        """A page of 200 rows at a time (the scroll bar dragged): each screen a new page."""
        self.area.tabs.setCurrentIndex(1)
        self.settle()  # another tab chosen: the list is counted again
        super().jump(self.area.tables["message"], self.area.models["message"])

    def sort_by_number(self) -> None:
        from PySide6.QtCore import Qt

        self.area.tabs.setCurrentIndex(1)
        number = self.area.models["message"].column("number")
        self.area.tables["message"].sortByColumn(number, Qt.SortOrder.DescendingOrder)

    def choose_rows(self) -> None:
        self.area.tabs.setCurrentIndex(1)
        self.settle()
        table, model = self.area.tables["message"], self.area.models["message"]
        for row in range(0, model.rowCount(), max(1, model.rowCount() // 50)):
            table.scrollTo(model.index(row, 0))
            self.settle()
            table.setCurrentIndex(model.index(row, 0))
            self.settle()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=2_000)
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-device-gui-"))
    extraction = generate(
        work / f"extraction-{args.messages}", args.messages, args.calls, args.contacts
    )

    from forensics_app.services import Workstation

    store = Path(tempfile.mkdtemp(prefix="store-", dir=work)) / "store.db"
    workstation = Workstation.open(f"sqlite:///{store}")
    actor = workstation.examiners.create(None, "Bench", "9001", password="bench-password-1")
    case = workstation.cases.create(actor, "Bench", number="2026-9001")
    workstation.ingest.import_paths(actor, case.id, [extraction])
    session = Session(workstation, actor)
    area = session.area

    print(f"load average {Path('/proc/loadavg').read_text().split()[:3]}")
    session.step("open the case", lambda: area.set_case(case.id))
    session.step("scroll the messages", session.scroll(1))
    session.step("scroll the calls", session.scroll(2))
    session.step("scroll the contacts", session.scroll(3))
    session.step("messages, 200 rows a jump", session.jump_messages)
    session.step("sort them by number", session.sort_by_number)
    session.step("and jump through them", session.jump_messages)
    session.step("choose 50 messages", session.choose_rows)
    session.step("open the case again", lambda: area.set_case(case.id))
    session.close(workstation)


if __name__ == "__main__":
    main()
