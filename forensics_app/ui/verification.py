"""Verifying a case: every file re-hashed and the custody chain checked, as one op; then a
verdict no one can miss (a critical message naming every failure) or a calm confirmation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from forensics_app import config
from forensics_app.messages import msg, msg_n
from forensics_app.services.custody import ChainProblem, ChainReport
from forensics_app.services.evidence import VerifyReport
from forensics_app.services.records import CaseRecord
from forensics_app.ui.tasks import TaskProgress
from forensics_app.ui.widgets.context import Changed, UiContext
from forensics_app.ui.widgets.formatting import html_escape, time_text
from forensics_app.ui.widgets.ops import Op

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 15


@dataclass
class VerifyOutcome:
    case_number: str
    files: VerifyReport
    chain: ChainReport | None  # None: not checked (cancelled before it started)
    cancelled: bool


def verify_case(ctx: UiContext, parent: QWidget, case: CaseRecord) -> Op[VerifyOutcome]:
    """The op (not started): the caller adds its own `ended` and runs it."""
    workstation, actor = ctx.workstation, ctx.actor

    def work(progress: TaskProgress) -> VerifyOutcome:
        # Files, the chain and its signed checkpoints: the same service call as the CLI's.
        done = workstation.verification.verify(actor, case_id=case.id, progress=progress)
        files = done.files if done.files is not None else VerifyReport()
        return VerifyOutcome(case.number, files, done.chain, cancelled=done.cancelled)

    label = QCoreApplication.translate("Verification", "Verify {number}").format(number=case.number)
    return (
        Op(ctx, parent, label, work)
        .changes(Changed.ITEMS | Changed.CUSTODY)
        .success(lambda outcome: report_verification(parent, outcome))
    )


def result_text(value: str) -> str:
    labels = {
        "mismatch": QCoreApplication.translate("Verification", "HASH MISMATCH"),
        "missing": QCoreApplication.translate("Verification", "file missing"),
        "unreadable": QCoreApplication.translate("Verification", "unreadable"),
        "changed_while_reading": QCoreApplication.translate(
            "Verification", "changed while being read"
        ),
        "ok": QCoreApplication.translate("Verification", "OK"),
    }
    return labels.get(value, value)


def chain_problem_text(problem: ChainProblem) -> str:
    """The service's finding in the reader's language (its English text for unknown kinds)."""
    texts = {
        "edited": QCoreApplication.translate(
            "Verification", "Entry {seq} was altered after it was written."
        ),
        "missing": QCoreApplication.translate(
            "Verification", "Entries from {seq} on were deleted from the log."
        ),
        "out_of_place": QCoreApplication.translate(
            "Verification",
            "Entry {seq} does not link to the entry before it: entries were reordered, or the "
            "one before it was deleted or rewritten.",
        ),
        "truncated": QCoreApplication.translate(
            "Verification", "Entries from {seq} on were deleted from the end of the log."
        ),
        "head_mismatch": QCoreApplication.translate(
            "Verification", "The chain head does not match the last entry ({seq})."
        ),
    }
    text = texts.get(problem.kind)
    return text.format(seq=problem.seq) if text else problem.message


def report_verification(parent: QWidget, outcome: VerifyOutcome) -> None:
    """A failed check must be impossible to miss: a critical box naming every failure."""
    files, chain = outcome.files, outcome.chain
    chain_bad = chain is not None and not chain.ok
    if files.problems or chain_bad:
        log.error(
            "Verification of case %s FAILED: %d file problems (%s), chain %s",
            outcome.case_number,
            len(files.problems),
            ", ".join(f"{p.exhibit_number}/{p.path}: {p.result.value}" for p in files.problems),
            "broken" if chain_bad else ("not checked" if chain is None else "intact"),
        )
        QMessageBox.critical(
            parent,
            QCoreApplication.translate(
                "Verification", "INTEGRITY CHECK FAILED — case {number}"
            ).format(number=outcome.case_number),
            failure_html(outcome),
        )
        return
    window = parent.window()
    status = window.statusBar() if isinstance(window, QMainWindow) else None
    if outcome.cancelled:
        log.info("Verification of case %s cancelled", outcome.case_number)
        if status is not None:
            status.showMessage(
                QCoreApplication.translate(
                    "Verification",
                    "Verification of case {number} cancelled after {n} files; no problem found "
                    "so far.",
                ).format(number=outcome.case_number, n=files.files_checked),
                15000,
            )
        return
    entries = chain.entries_checked if chain is not None else 0
    log.info(
        "Verification of case %s passed: %d files, %d custody entries",
        outcome.case_number,
        files.files_checked,
        entries,
    )
    QMessageBox.information(
        parent,
        QCoreApplication.translate("Verification", "Verification passed — case {number}").format(
            number=outcome.case_number
        ),
        QCoreApplication.translate(
            "Verification",
            "All {n} files match their catalogued SHA-256 and MD5 hashes.\n"
            "The custody log is intact ({entries} entries checked).",
        ).format(n=files.files_checked, entries=entries),
    )


def failure_html(outcome: VerifyOutcome) -> str:
    """Rich text, so the verdict stands out in red above the list of what failed."""
    files, chain = outcome.files, outcome.chain
    parts = [
        '<p style="color:#b00020; font-size:x-large; font-weight:bold;">'
        + html_escape(
            QCoreApplication.translate(
                "Verification", "INTEGRITY CHECK FAILED — case {number}"
            ).format(number=outcome.case_number)
        )
        + "</p>"
    ]
    if files.problems:
        parts.append(
            "<p><b>"
            + html_escape(
                QCoreApplication.translate(
                    "Verification", "{n} of {total} files FAILED verification:"
                ).format(n=len(files.problems), total=files.files_checked)
            )
            + "</b></p><ul>"
        )
        for problem in files.problems[:MAX_PROBLEMS_SHOWN]:
            parts.append(
                f"<li>{html_escape(problem.exhibit_number)}: {html_escape(problem.path)} — "
                f'<b style="color:#b00020;">{html_escape(result_text(problem.result.value))}'
                "</b></li>"
            )
        parts.append("</ul>")
        if len(files.problems) > MAX_PROBLEMS_SHOWN:
            more = QCoreApplication.translate(
                "Verification", "  … and {n} more (all are listed in the log file)"
            )
            parts.append(
                f"<p>{html_escape(more.format(n=len(files.problems) - MAX_PROBLEMS_SHOWN))}</p>"
            )
    if chain is not None and not chain.ok:
        parts.append(
            "<p><b>"
            + html_escape(
                QCoreApplication.translate(
                    "Verification", "The custody log is BROKEN ({n} problems):"
                ).format(n=chain.problem_count)
            )
            + "</b></p><ul>"
        )
        parts.extend(
            f"<li>{html_escape(chain_problem_text(p))}</li>"
            for p in chain.problems[:MAX_PROBLEMS_SHOWN]
        )
        parts.append("</ul>")
    if outcome.cancelled:
        cancelled = QCoreApplication.translate(
            "Verification", "The check was cancelled before it finished."
        )
        parts.append(f"<p>{html_escape(cancelled)}</p>")
    advice = QCoreApplication.translate(
        "Verification", "Do not use this evidence until the cause is found. Details: {log}"
    )
    parts.append(f"<p><b>{html_escape(advice.format(log=config.log_dir()))}</b></p>")
    return "".join(parts)


# ---- a report folder (the CLI's `report verify DIR`) ---------------------------------------
def verify_report(ctx: UiContext, parent: QWidget, folder: Path) -> Op[Any]:
    """The op (not started) that checks a report folder against its manifest and this
    database's custody log, then shows the verdict; nothing is written."""
    reports = ctx.workstation.reports
    label = QCoreApplication.translate("Verification", "Verify report {name}").format(
        name=folder.name
    )

    def shown(result: Any) -> None:
        report_verdict(parent, result)  # a child of `parent`, open until read

    return Op(ctx, parent, label, lambda _progress: reports.verify(folder)).success(shown)


def report_verdict(parent: QWidget, result: Any) -> QMessageBox:
    """The same findings as `report verify`, worded by the message catalog (the reader's
    language); a critical box when a file changed or the log does not know the report."""
    files = result.files
    lines = [
        msg("CHANGED: {name}", name=name).render() for name in files.changed[:MAX_PROBLEMS_SHOWN]
    ]
    lines += [
        msg("MISSING: {name}", name=name).render() for name in files.missing[:MAX_PROBLEMS_SHOWN]
    ]
    lines += [
        msg("ADDED (not in the manifest): {name}", name=name).render()
        for name in files.added[:MAX_PROBLEMS_SHOWN]
    ]
    checked = (
        msg_n(files.checked, "{count} file checked: intact", "{count} files checked: intact")
        if files.intact
        else msg_n(
            files.checked, "{count} file checked: NOT INTACT", "{count} files checked: NOT INTACT"
        )
    )
    generated = _moment(result.generated_at)
    summary = msg(
        "{path}: case {case}, generated {generated}; {checked}; manifest SHA-256 {sha256}",
        path=result.path,
        case=result.case_number or "?",
        generated=generated,
        checked=checked,
        sha256=result.manifest_sha256,
    ).render()
    if result.recorded is not None:
        values = {
            "seq": result.recorded.seq,
            "at": _moment(str(result.recorded.recorded_at)),
            "actor": result.recorded.actor,
        }
        recorded = (
            msg("custody log: recorded as entry {seq} at {at} by {actor}", **values)
            if result.record_intact
            else msg(
                "custody log: recorded as entry {seq} at {at} by {actor} — BUT THAT LOG ENTRY "
                "WAS ALTERED",
                **values,
            )
        ).render()
    else:
        recorded = msg(
            "custody log: this report is NOT known to this database's custody log (made "
            "elsewhere, or its manifest was rewritten)"
        ).render()
    good = files.intact and result.known
    box = QMessageBox(
        QMessageBox.Icon.Information if good else QMessageBox.Icon.Critical,
        QCoreApplication.translate("Verification", "Report verification"),
        QCoreApplication.translate("Verification", "The report is intact and recorded.")
        if good
        else QCoreApplication.translate("Verification", "The report FAILED verification."),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText("\n".join([*lines, summary, recorded]))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if not good:
        log.error("Report %s failed verification: %s", result.path, "; ".join(lines) or recorded)
    box.open()
    return box


def _moment(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text or "-"
    return text if moment.tzinfo is None else time_text(moment, seconds=True)


# ---- the custody chain against a signed head that left the workstation --------------------
def verify_anchor(ctx: UiContext, parent: QWidget, anchor: Path) -> Op[Any]:
    """The op (not started) for the CLI's `verify --chain-only --anchor FILE`: the custody
    chain against its checkpoints and the head signed into a package or report; read-only."""
    verification = ctx.workstation.verification

    def work(progress: TaskProgress) -> Any:
        return verification.verify(None, files=False, anchor_file=anchor, progress=progress)

    def shown(result: Any) -> None:
        anchor_verdict(parent, anchor, result)  # a child of `parent`, open until read

    label = QCoreApplication.translate("Verification", "Verify the custody log against {name}")
    return Op(ctx, parent, label.format(name=anchor.name), work).success(shown)


def anchor_verdict(parent: QWidget, anchor: Path, result: Any) -> QMessageBox | None:
    chain = result.chain
    if chain is None:  # cancelled before the chain was read
        return None
    lines = [
        msg("CUSTODY CHAIN BROKEN: {reason}", reason=problem.message).render()
        for problem in chain.problems[:MAX_PROBLEMS_SHOWN]
    ]
    lines += [msg("note: {note}", note=note).render() for note in chain.notes]
    head = result.signed_head
    if head is not None:
        lines.append(
            QCoreApplication.translate(
                "Verification",
                "Signed head in {file}: entry {seq}, signed {at} with key {key} (compare it "
                "with the key id of the workstation that made the file).",
            ).format(file=anchor.name, seq=head.seq, at=_moment(head.signed_at), key=head.key_id)
        )
    lines.append(chain.signatures_summary().render())
    box = QMessageBox(
        QMessageBox.Icon.Information if result.ok else QMessageBox.Icon.Critical,
        QCoreApplication.translate("Verification", "Custody log verification"),
        QCoreApplication.translate(
            "Verification", "The custody log is intact and holds the head signed in {file}."
        ).format(file=anchor.name)
        if result.ok
        else QCoreApplication.translate(
            "Verification", "The custody log does NOT match the head signed in {file}."
        ).format(file=anchor.name),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText("\n".join(lines))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if not result.ok:
        log.error("Custody chain failed against %s: %s", anchor, "; ".join(lines))
    box.open()
    return box
