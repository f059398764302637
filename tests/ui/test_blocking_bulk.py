"""Batch work of the queue: queueing every blockable number, a real submission package on
disk, a real CP949 response file (checked, then applied), expiring suspensions — each through
its dialog and the task runner, on both databases."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from blocking import AdCategory, Answer, Blocking, RequestState, verify_package
from blocking.clock import ManualClock
from forensics_app import messages
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.ui.blocking_dialogs import ExportDialog, QueueDialog, ResponseImportDialog
from forensics_app.ui.blocking_labels import encoding_label
from tests.ui import test_blocking_fixtures as fx
from tests.ui.test_blocking_fixtures import (
    MakeArea,
    Photo,
    answer,
    make_photo,
    mobile,
    queued,
    shown_text,
    states,
    who,
)

blk, reviewer = fx.blk, fx.reviewer
make_area = fx.make_area
S = RequestState
# Every encoding blocking.responses.open_response_table reports.
ENCODINGS_READ = (
    "xlsx",
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "euc-kr",
    "cp949",
)


def approved(
    blk: Blocking, drafter: Actor, approver: Actor, clock: ManualClock, photos: list[Photo]
) -> list[int]:
    ids = queued(blk, drafter, len(photos) + 1, clock, photos=photos)
    blk.requests.submit_for_approval(who(drafter), ids)
    blk.requests.approve(who(approver), ids)
    return ids


def test_queue_dialog_queues_every_blockable_number(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    clock: ManualClock,
) -> None:
    numbers = [mobile(i) for i in range(12)]
    categories = (AdCategory.LENDING, AdCategory.OBSCENE_ADULT, AdCategory.OTHER)
    blk.registry.record_sightings(
        who(actor), fx.sightings_for(numbers, clock() - timedelta(days=2), categories=categories)
    )
    area = make_area()
    area.queue_action.trigger()
    dialog = area.queue.last_dialog
    assert isinstance(dialog, QueueDialog)
    # The configured agency by its name in the reader's language; requests store the Korean.
    shown_agency = blk.config.agency_in(blk.config.default_agency, messages.language())
    assert dialog.agency_edit.text() == shown_agency
    dialog.officer_edit.setText("경위 김민수")
    dialog.route_checks["outdoor_ad_act"].setChecked(False)  # obscene ads later
    dialog.submit_check.setChecked(False)  # drafts only, like `block queue --drafts`
    dialog.accept()
    assert not dialog.isVisible()
    created = dialog.result_value
    assert created is not None and len(created.created) == 4  # the lending third
    message = area.queue.last_message
    assert message is not None and "4 new draft" in message.text()
    assert area.queue.model.rowCount() == 4
    records = blk.requests.get_many(created.created)
    assert {r.officer for r in records} == {"경위 김민수"}
    assert {r.requesting_agency for r in records} == {blk.config.default_agency}
    assert {r.state for r in records} == {S.DRAFT}

    # again, all routes: the obscene ones are new; the "other" third waits for its category
    again = area.queue.queue_blockable()
    assert again.submit_check.isChecked()  # sent for approval unless told, like the CLI
    again.accept()
    assert area.queue.model.rowCount() == 8
    assert "4 new request(s) created and sent for approval" in shown_text(area.queue.last_message)
    assert again.result_value is not None and again.result_value.submitted
    assert {r.state for r in blk.requests.get_many(again.result_value.created)} == {
        S.AWAITING_APPROVAL
    }


def test_export_writes_a_real_package_and_submits(
    qtbot: QtBot,
    tmp_path: Path,
    make_area: MakeArea,
    workstation: Workstation,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    photos = [make_photo(tmp_path / "flyers", f"IMG_{i:04d}.jpg") for i in range(3)]
    ids = approved(blk, actor, reviewer, clock, photos)
    draft = queued(blk, actor, 1, clock, first=500)[0]
    out = tmp_path / "usb"
    out.mkdir()
    area = make_area(reviewer)
    queue = area.queue
    queue.select_requests([*ids, draft])
    assert area.export_action.isEnabled()
    area.export_action.trigger()
    dialog = queue.last_dialog
    assert isinstance(dialog, ExportDialog)
    assert "5 request(s) selected" in dialog.intro.text()
    dialog.folder_edit.setText(str(out))
    dialog.accept()
    assert not dialog.isVisible()

    outcome = dialog.outcome
    assert outcome is not None and outcome.left_out == 1
    zip_path = outcome.result.path
    assert zip_path.parent == out and zip_path.is_file()
    assert outcome.result.sha256 == hashlib.sha256(zip_path.read_bytes()).hexdigest()
    assert verify_package(zip_path) == []
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert sum(name.startswith("photos/") for name in names) == 3
    assert states(blk, ids) == [S.SUBMITTED] * len(ids)
    assert states(blk, [draft]) == [S.DRAFT]
    assert blk.requests.history(ids[0])[-1].package_sha256 == outcome.result.sha256

    box = queue.last_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert str(zip_path) in box.informativeText()
    assert outcome.result.sha256 in box.informativeText()
    assert "1 selected request(s) were not approved" in box.informativeText()
    exports = [e for e in workstation.custody.entries() if e.action == "export"]
    assert len(exports) == 1 and outcome.result.sha256 in exports[0].details
    assert queue.export_folder == str(out)  # offered again next time


def test_export_errors_are_shown_and_change_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    photos = [make_photo(tmp_path / "flyers", f"IMG_{i:04d}.jpg") for i in range(2)]
    ids = approved(blk, actor, reviewer, clock, photos)
    area = make_area(reviewer)
    queue = area.queue
    queue.select_requests(ids)

    # A folder that is a file: the library's PackageWriteError, the dialog stays open.
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("x")
    dialog = queue.export_selected()
    assert dialog is not None
    dialog.folder_edit.setText(str(not_a_folder))
    dialog.accept()
    assert dialog.isVisible() and dialog.outcome is None
    assert dialog.last_message is not None
    assert "Nothing was exported" in dialog.last_message.text()
    assert states(blk, ids) == [S.APPROVED] * len(ids)
    dialog.last_message.close()

    # A photo moved away: named, and the way round it offered.
    out = tmp_path / "out"
    out.mkdir()
    photos[1].path.unlink()
    dialog.folder_edit.setText(str(out))
    dialog.accept()
    message = dialog.last_message
    assert message is not None and "Export even if evidence photos are missing" in message.text()
    assert photos[1].sha256 in message.detailedText()
    assert list(out.iterdir()) == []
    assert states(blk, ids) == [S.APPROVED] * len(ids)
    message.close()

    dialog.allow_missing.setChecked(True)
    dialog.accept()
    assert dialog.outcome is not None
    assert len(dialog.outcome.result.missing_photos) == 1
    assert states(blk, ids) == [S.SUBMITTED] * len(ids)
    assert "were missing" in queue.last_message.informativeText()

    queue.select_requests(ids)  # all submitted now: nothing to export
    again = queue.export_selected()
    assert again is not None
    again.folder_edit.setText(str(out))
    again.accept()
    assert again.isVisible()
    assert "None of the selected requests is approved" in again.last_message.text()
    assert len(list(out.iterdir())) == 1


def write_cp949_csv(path: Path, rows: list[list[str]]) -> Path:
    """The layout and encoding a Korean carrier's system writes."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp949"))
    return path


def test_answer_file_encodings_are_named_as_users_know_them(qapp: object) -> None:
    """The summary said "(euc-kr)", "(utf-8-sig)": Python's codec names."""
    names = {code: encoding_label(code) for code in ENCODINGS_READ}
    assert names == {
        "xlsx": "Excel workbook (XLSX)",
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 (BOM)",
        "utf-16": "UTF-16",
        "utf-16-le": "UTF-16",
        "utf-16-be": "UTF-16",
        "euc-kr": "CP949/EUC-KR (Korean Windows)",
        "cp949": "CP949/EUC-KR (Korean Windows)",
    }


def test_answer_file_encodings_are_named_in_korean(korean: None) -> None:
    assert encoding_label("euc-kr") == "CP949/EUC-KR (한글 Windows)"
    assert encoding_label("utf-8-sig") == "UTF-8 (BOM)"
    assert encoding_label("xlsx") == "Excel 통합 문서(XLSX)"


def test_response_import_checks_first_then_applies(
    qtbot: QtBot,
    tmp_path: Path,
    make_area: MakeArea,
    workstation: Workstation,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    ids = queued(blk, actor, 3, clock)
    blk.requests.submit_for_approval(who(actor), ids)
    blk.requests.approve(who(reviewer), ids)
    blk.requests.transition(who(reviewer), ids, S.SUBMITTED)
    numbers = {r.id: r.national for r in blk.requests.get_many(ids)}
    day = (clock().date() - timedelta(days=1)).strftime("%Y.%m.%d")
    path = write_cp949_csv(
        tmp_path / "회신_2026.csv",
        [
            ["전화번호", "처리결과", "통신사", "접수번호", "처리일자", "비고"],
            [numbers[ids[0]], "이용중지", "KT", "KT-2026-001", day, "똠방 확인"],
            [numbers[ids[1]], "반려", "", "MSIT-9", day, ""],
            ["010-9999-0000", "이용중지", "SKT", "SKT-1", day, ""],  # not in the registry
            [numbers[ids[2]], "알수없음", "LG U+", "L-1", day, ""],  # unknown result
            ["070-123-4567", "이용중지", "KT", "KT-2", day, ""],  # malformed number
        ],
    )
    area = make_area(reviewer)
    area.import_action.trigger()
    dialog = area.queue.last_dialog
    assert isinstance(dialog, ResponseImportDialog)
    assert not dialog.apply_button.isEnabled(), "check first"
    dialog.path_edit.setText(str(path))
    dialog.check_button.click()

    assert dialog.checked is not None and not dialog.checked.committed
    assert dialog.checked.encoding == "cp949"
    # The encoding in words users know, not Python's codec name ("(cp949)").
    assert "5 data row(s) read (CP949/EUC-KR (Korean Windows))" in dialog.summary.text()
    problems = dialog.problem_model
    assert [problems.index(r, 0).data() for r in range(problems.rowCount())] == ["4", "5", "6"]
    assert "not in the registry" in problems.index(0, 2).data()
    assert "2 can be applied, 3 cannot" in dialog.summary.text()
    assert states(blk, ids) == [S.SUBMITTED] * 3, "a check changes nothing"
    assert dialog.apply_button.isEnabled()

    dialog.all_or_nothing.setChecked(True)  # strict: three bad rows, so nothing applies
    dialog.apply_button.click()
    assert dialog.report is not None and not dialog.report.committed
    assert "Nothing was applied" in dialog.summary.text()
    assert states(blk, ids) == [S.SUBMITTED] * 3
    assert dialog.apply_button.isEnabled(), "the good rows can still be applied"

    dialog.all_or_nothing.setChecked(False)
    dialog.apply_button.click()
    report = dialog.report
    assert report is not None and report.committed
    assert [(a.request_id, a.to_state) for a in report.applied] == [
        (ids[0], S.SUSPENDED),
        (ids[1], S.REJECTED),
    ]
    assert states(blk, ids) == [S.SUSPENDED, S.REJECTED, S.SUBMITTED]
    assert blk.requests.get(ids[0]).carrier == "KT"
    assert dialog.applied_model.rowCount() == 2
    # Numbers as every list shows them (it showed +8210…), the E.164 form as the tip.
    applied = dialog.applied_model.index(0, 2)
    assert applied.data() == numbers[ids[0]] and applied.data() != numbers[ids[0]].replace("-", "")
    assert applied.data(Qt.ItemDataRole.ToolTipRole).startswith("+82")
    assert dialog.tabs.tabText(1).endswith("(2)")
    assert not dialog.apply_button.isEnabled(), "applied once"
    imports = [e for e in workstation.custody.entries() if e.action == "import"]
    assert len(imports) == 1 and "회신_2026.csv" in imports[0].summary
    # The queue behind the dialog shows the answers.
    queue = area.queue
    queue.open_request(ids[0])
    assert queue.detail.record is not None and queue.detail.record.state is S.SUSPENDED


def test_unreadable_response_file_is_refused(
    qtbot: QtBot, tmp_path: Path, make_area: MakeArea, blk: Blocking
) -> None:
    path = write_cp949_csv(tmp_path / "wrong.csv", [["이름", "주소"], ["홍길동", "서울"]])
    area = make_area()
    dialog = area.queue.import_responses(str(path))
    dialog.check_button.click()
    assert dialog.checked is None
    assert dialog.last_message is not None and "wrong.csv" in dialog.last_message.text()
    assert not dialog.apply_button.isEnabled()


def test_expire_due_closes_finished_suspensions(
    qtbot: QtBot,
    make_area: MakeArea,
    blk: Blocking,
    actor: Actor,
    reviewer: Actor,
    clock: ManualClock,
) -> None:
    ids = queued(blk, actor, 2, clock)
    lee = who(reviewer)
    blk.requests.submit_for_approval(who(actor), ids)
    blk.requests.approve(lee, ids)
    blk.requests.transition(lee, ids, S.SUBMITTED)
    today = clock().date()
    start = today - timedelta(days=40)
    blk.requests.transition(
        lee, ids[0], S.SUSPENDED, answer=Answer("KT", "A", start, today - timedelta(days=10))
    )
    blk.requests.transition(lee, ids[1], S.SUSPENDED, answer=Answer("KT", "B", start))
    area = make_area(reviewer)
    area.expire_action.trigger()
    answer(area.queue.last_message)
    assert states(blk, ids) == [S.EXPIRED, S.SUSPENDED]
    assert "1 suspension(s)" in shown_text(area.queue.last_message)
    area.queue.expire_due()
    answer(area.queue.last_message)
    assert "No suspension" in shown_text(area.queue.last_message)


def test_queueing_nothing_says_where_the_numbers_are(make_area: MakeArea) -> None:
    """A first user queues before any flyer has a time or a category: a bare '0 new
    requests' left them guessing; the message says what makes a number queueable."""
    area = make_area()
    dialog = area.queue.queue_blockable()
    dialog.accept()
    assert dialog.result_value is not None and dialog.result_value.created == []
    text = shown_text(area.queue.last_message)
    assert text.startswith("0 new")
    assert "collection time" in text and "ad category" in text
