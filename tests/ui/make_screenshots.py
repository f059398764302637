"""Screenshots of every screen, for a person to look at (not a test): the main window's areas,
tabs and pages and every dialog, in Korean and English, at 1360×840 and 1920×1080, on the
catalogue the Korean walk test builds.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.ui.make_screenshots OUT

Each run uses a fresh data folder and database under OUT; the real user's settings are not
touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from blocking.clock import ManualClock
from forensics_app import messages
from forensics_app.ui.blocking_area import DASHBOARD, NUMBERS, QUEUE, WATCH
from forensics_app.ui.i18n import apply_locale, install_translators, remove_translators
from forensics_app.ui.main_window import MainWindow
from forensics_app.ui.settings import GuiSettings
from forensics_app.ui.tasks import SynchronousTaskRunner
from forensics_app.ui.widgets.context import UiContext
from tests.clocks import PINNED
from tests.conftest import PASSWORD

SIZES = ((1360, 840), (1920, 1080))


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(widget: QWidget, path: Path, app: QApplication) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def shoot_areas(
    window: MainWindow, ids: dict[str, int], out: Path, tag: str, app: QApplication
) -> None:
    window.navigator.select_case(ids["case"])
    window.evidence_pane.select_item(ids["phone"])
    window.custody_view.table.selectRow(1)
    shoot(window, out / f"{tag}-evidence.png", app)
    window.show_case_tab(window.flyer_pane)
    window.flyer_pane.select_batch(ids["batch"])
    window.flyer_pane.next_unsure()
    shoot(window, out / f"{tag}-flyers.png", app)
    window.flyer_pane.next_waiting_group()  # a flyer classified "other": waits for its category
    shoot(window, out / f"{tag}-flyer-category.png", app)
    window.flyer_pane.review.tables.setCurrentIndex(1)
    shoot(window, out / f"{tag}-flyer-numbers.png", app)
    window.show_case_tab(window.device_area)
    shoot(window, out / f"{tag}-phones.png", app)
    device = window.device_area
    device.conversation_list.setCurrentIndex(device.conversations.index(0, 0))
    shoot(window, out / f"{tag}-phones-conversation.png", app)
    device.tabs.setCurrentWidget(device.timeline)
    shoot(window, out / f"{tag}-phones-timeline.png", app)
    area = window.blocking_area
    window.show_blocking_area()
    for page, name in ((QUEUE, "queue"), (WATCH, "watch"), (NUMBERS, "numbers"),
                       (DASHBOARD, "dashboard")):  # fmt: skip
        area.show_page(page)
        if page == QUEUE:
            area.queue.open_request(ids["request"])
        if page == NUMBERS:
            area.numbers.select_number("010-4444-5555")
        shoot(window, out / f"{tag}-block-{name}.png", app)


def shoot_dialogs(
    window: MainWindow, ids: dict[str, int], work: Path, out: Path, tag: str, app: QApplication
) -> None:
    area = window.blocking_area
    window.show_evidence_area()
    window.show_case_tab(window.evidence_pane)
    window.evidence_pane.select_item(ids["phone"])
    dialogs: list[tuple[str, Callable[[], QDialog | None]]] = [
        ("new-item", window.evidence_pane.add_item),
        ("edit-item", window.evidence_pane.edit_selected),
        ("status", window.evidence_pane.change_status),
        ("hand-over", window.evidence_pane.hand_over),
        ("withdraw", window.evidence_pane.withdraw),
        ("import-photos", lambda: window.flyer_pane.import_photos([work / "전단지"])),
        ("collected-at", window.flyer_pane.set_collected_at),
        ("correct", window.flyer_pane.correct),
        ("queue-dialog", area.queue.queue_blockable),
        ("responses", area.queue.import_responses),
        ("sighting", area.numbers.add_sighting),
        ("report", lambda: _report_dialog(window)),
    ]
    window.flyer_pane.select_batch(ids["batch"])
    window.flyer_pane.next_unsure()
    area.queue.select_requests([ids["request"]])
    dialogs.append(("export-package", area.queue.export_selected))
    for name, open_dialog in dialogs:
        dialog = open_dialog()
        if dialog is None:
            print(f"{name}: not available")
            continue
        settle(app)
        shoot(dialog, out / f"{tag}-dialog-{name}.png", app)
        if name == "correct":
            dialog.edit.setText("070-123-4567")  # type: ignore[attr-defined]
            dialog.accept()
            shoot(dialog, out / f"{tag}-dialog-correct-refused.png", app)
        if name == "new-item":
            dialog.imei_edit.setText("12345")  # type: ignore[attr-defined]
            shoot(dialog, out / f"{tag}-dialog-new-item-imei.png", app)
        dialog.reject()
        dialog.close()
    area.queue.open_request(ids["request"])
    for step in area.queue.detail.step_buttons:
        if area.queue.detail.step_buttons[step].isEnabled():
            from forensics_app.ui.blocking_dialogs import STEP_BY_TARGET

            step_dialog = area.queue.open_step(STEP_BY_TARGET[step])
            if step_dialog is not None:
                shoot(step_dialog, out / f"{tag}-dialog-step-{step.value}.png", app)
                step_dialog.reject()
    language_box = window.offer_restart("English" if tag.startswith("ko") else "한국어")
    shoot(language_box, out / f"{tag}-dialog-language.png", app)
    language_box.close()


def _report_dialog(window: MainWindow) -> QDialog | None:
    window._make_report()
    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return dialogs[-1] if dialogs else None


def run(out: Path, language: str, size: tuple[int, int], app: QApplication) -> None:
    from forensics_app.services import Workstation
    from tests.importers import samples
    from tests.ui.test_korean_walk import _populate

    work = Path(tempfile.mkdtemp(prefix=f"shots-{language}-", dir=out))
    os.environ["FORENSICS_APP_DATA_DIR"] = str(work / "data")
    apply_locale(language)
    installed = install_translators(app, language)
    try:
        workstation = Workstation.open(f"sqlite:///{work / 'catalog.sqlite3'}", ManualClock(PINNED))
        admin = workstation.examiners.create(None, "김민수", "1001", password=PASSWORD)
        ids = _populate(workstation, admin, work)
        # A phone's messages, calls and contacts: the device tabs show data, not their
        # empty states.
        workstation.ingest.import_paths(
            admin, ids["case"], [samples.android_extraction(work / "android")]
        )
        window = MainWindow(
            UiContext(workstation, admin, SynchronousTaskRunner(print)),
            settings=GuiSettings(work / "gui.ini"),
        )
        window.resize(*size)
        window.show()
        tag = f"{language}-{size[0]}x{size[1]}"
        shoot_areas(window, ids, out, tag, app)
        shoot_dialogs(window, ids, work, out, tag, app)
        window.close()
        workstation.close()
    finally:
        remove_translators(app, installed)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        messages.set_language("en")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    languages = sys.argv[2:] or ["ko", "en"]
    for language in languages:
        for size in SIZES:
            run(out, language, size, app)


if __name__ == "__main__":
    main()
