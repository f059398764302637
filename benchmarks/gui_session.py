"""What the GUI-thread benchmarks measure: a screen shown (offscreen) with the workstation's
own task runner (a thread pool), and for each scripted step the GUI thread's CPU time, the
wall time until every read has come back, and the longest the event loop went without
turning (a 5 ms timer's largest gap: what the analyst feels as a freeze) with the GUI
thread's CPU time in that gap, and the most CPU time the GUI thread spent in any one gap (on
a loaded machine a gap's wall time is mostly waiting for a core: the CPU time is what the
code costs)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TICK_MS = 5


class GuiSession:
    def __init__(self, build: Callable[[Any], Any]) -> None:
        """`build(runner)`: the screen, given the runner its context is to use."""
        from PySide6.QtCore import QElapsedTimer, QTimer
        from PySide6.QtWidgets import QApplication

        from forensics_app.ui.tasks import TaskRunner

        self.app = QApplication.instance() or QApplication([])
        self.errors: list[BaseException] = []
        self.runner = TaskRunner(self.errors.append)
        self.area = build(self.runner)
        self.area.resize(1360, 860)
        self.longest = 0
        self.longest_cpu = 0.0
        self.heaviest_cpu = 0.0
        self.cpu = time.thread_time()
        self.ticks = QElapsedTimer()
        self.ticks.start()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        gap, cpu = self.ticks.restart(), time.thread_time()
        if gap > self.longest:
            self.longest, self.longest_cpu = gap, cpu - self.cpu
        self.heaviest_cpu = max(self.heaviest_cpu, cpu - self.cpu)
        self.cpu = cpu

    def settle(self) -> None:
        """Turn the event loop until every read has come back and been shown."""
        quiet = 0
        while quiet < 3:
            self.app.processEvents()
            quiet = 0 if self.runner.active_tasks else quiet + 1
            time.sleep(0.002)

    def step(self, name: str, action: Callable[[], None]) -> None:
        self.settle()
        self.longest, self.longest_cpu, self.heaviest_cpu = 0, 0.0, 0.0
        self.ticks.restart()
        self.cpu = cpu = time.thread_time()
        wall = time.perf_counter()
        action()
        self.settle()
        self._tick()  # a stall at the very end (the action itself) counts too
        print(
            f"{name:<34} GUI thread {time.thread_time() - cpu:7.3f} s CPU   "
            f"until shown {time.perf_counter() - wall:7.3f} s   "
            f"longest freeze {max(0, self.longest - TICK_MS):5d} ms "
            f"({self.longest_cpu * 1000:4.0f} ms CPU)   "
            f"heaviest {self.heaviest_cpu * 1000:4.0f} ms CPU",
            flush=True,
        )

    def jump(self, table: Any, model: Any, step: int = 200) -> None:
        """A page of rows at a time (the scroll bar dragged): each screen a new page."""
        for row in range(0, model.rowCount(), step):
            table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
            self.settle()

    def close(self, workstation: Any) -> None:
        """Stop, with the load average; a task that failed fails the run."""
        print(f"load average {Path('/proc/loadavg').read_text().split()[:3]}")
        self.timer.stop()
        self.area.close()
        self.runner.wait()
        workstation.close()
        if self.errors:
            raise SystemExit(f"errors: {self.errors}")
