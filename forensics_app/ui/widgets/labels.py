"""Display names and colours of the catalogue's vocabularies (item kinds, statuses, results of
verification), shared by every screen that shows an item."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from forensics_app.services.records import ItemKind, ItemStatus, VerificationResult
from forensics_app.ui.widgets.formatting import QT_TRANSLATE_NOOP

_LABELS = "EvidenceLabels"
_KIND_LABELS = {
    ItemKind.PHONE: QT_TRANSLATE_NOOP("EvidenceLabels", "Mobile phone"),
    ItemKind.COMPUTER: QT_TRANSLATE_NOOP("EvidenceLabels", "Computer"),
    ItemKind.CCTV_RECORDER: QT_TRANSLATE_NOOP("EvidenceLabels", "CCTV recorder"),
    ItemKind.STORAGE_MEDIA: QT_TRANSLATE_NOOP("EvidenceLabels", "Storage media"),
    ItemKind.SIM_OR_MEMORY_CARD: QT_TRANSLATE_NOOP("EvidenceLabels", "SIM / memory card"),
    ItemKind.FLYER_PHOTO_BATCH: QT_TRANSLATE_NOOP("EvidenceLabels", "Flyer photos"),
    ItemKind.DOCUMENT: QT_TRANSLATE_NOOP("EvidenceLabels", "Document"),
    ItemKind.OTHER: QT_TRANSLATE_NOOP("EvidenceLabels", "Other"),
}
_STATUS_LABELS = {
    ItemStatus.IN_CUSTODY: QT_TRANSLATE_NOOP("EvidenceLabels", "In custody"),
    ItemStatus.IN_ANALYSIS: QT_TRANSLATE_NOOP("EvidenceLabels", "In analysis"),
    ItemStatus.RETURNED: QT_TRANSLATE_NOOP("EvidenceLabels", "Returned"),
    ItemStatus.DESTROYED: QT_TRANSLATE_NOOP("EvidenceLabels", "Destroyed"),
    ItemStatus.WITHDRAWN: QT_TRANSLATE_NOOP("EvidenceLabels", "Withdrawn"),
}
_VERIFICATION_LABELS = {
    VerificationResult.OK: QT_TRANSLATE_NOOP("EvidenceLabels", "OK"),
    VerificationResult.MISMATCH: QT_TRANSLATE_NOOP("EvidenceLabels", "HASH MISMATCH"),
    VerificationResult.MISSING: QT_TRANSLATE_NOOP("EvidenceLabels", "FILE MISSING"),
    VerificationResult.UNREADABLE: QT_TRANSLATE_NOOP("EvidenceLabels", "Unreadable"),
    VerificationResult.CHANGED_WHILE_READING: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "Changed while reading"
    ),
}
_VERIFICATION_TIPS = {
    VerificationResult.OK: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "All verified files matched their catalogued hashes."
    ),
    VerificationResult.MISMATCH: QT_TRANSLATE_NOOP(
        "EvidenceLabels",
        "A file no longer matches its catalogued SHA-256/MD5: the evidence copy may have been "
        "altered. Do not use it; report it and re-verify.",
    ),
    VerificationResult.MISSING: QT_TRANSLATE_NOOP(
        "EvidenceLabels",
        "A catalogued file was not found at its stored location during the last verification.",
    ),
    VerificationResult.UNREADABLE: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "A file could not be read during the last verification."
    ),
    VerificationResult.CHANGED_WHILE_READING: QT_TRANSLATE_NOOP(
        "EvidenceLabels", "A file changed while it was being verified; verify it again."
    ),
}
BAD_RESULTS = frozenset({VerificationResult.MISMATCH, VerificationResult.MISSING})
WARNING_RESULTS = frozenset(
    {VerificationResult.UNREADABLE, VerificationResult.CHANGED_WHILE_READING}
)
ALARM_RED = QColor("#b00020")
ALARM_BACKGROUND = QColor("#fde4e4")
WARNING_AMBER = QColor("#8a5a00")
OK_GREEN = QColor("#1b6e20")
MUTED_GREY = QColor("#6b6b6b")
WITHDRAWN_GREY = QColor("#9a9a9a")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_LABELS, text)


def kind_label(kind: ItemKind) -> str:
    return _tr(_KIND_LABELS[ItemKind(kind)])


def status_label(status: ItemStatus) -> str:
    return _tr(_STATUS_LABELS[ItemStatus(status)])


def verification_label(result: VerificationResult | None) -> str:
    if result is None:
        return _tr(QT_TRANSLATE_NOOP("EvidenceLabels", "Not verified"))
    return _tr(_VERIFICATION_LABELS[result])


def verification_tip(result: VerificationResult | None) -> str:
    if result is None:
        return _tr(
            QT_TRANSLATE_NOOP("EvidenceLabels", "The files have not been verified since hashing.")
        )
    return _tr(_VERIFICATION_TIPS[result])


def verification_color(result: VerificationResult | None) -> QColor:
    if result in BAD_RESULTS:
        return ALARM_RED
    if result in WARNING_RESULTS:
        return WARNING_AMBER
    if result == VerificationResult.OK:
        return OK_GREEN
    return MUTED_GREY


def verification_icon(result: VerificationResult | None) -> QIcon | None:
    if not isinstance(QApplication.instance(), QApplication):
        return None  # no widgets (a model used headless): no style to draw icons with
    style = QApplication.style()
    if result in BAD_RESULTS:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    if result in WARNING_RESULTS:
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return None
