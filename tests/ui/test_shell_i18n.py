"""Translations: the Korean catalog is complete, covers every string in the UI code, the
committed .qm matches the .ts, and loading it translates the interface."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from forensics_app.ui import i18n

REPO = Path(__file__).resolve().parents[2]
UI_SOURCES = sorted((REPO / "forensics_app" / "ui").rglob("*.py"))  # widgets/ too
TS = i18n.translations_dir() / "forensics_app_ko.ts"
QM = i18n.translations_dir() / "forensics_app_ko.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d|%n")


def _tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def _messages(ts: Path) -> Iterator[tuple[str, str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            yield name, message.findtext("source") or "", translation


def test_translations_dir_holds_the_catalog() -> None:
    assert TS.is_file()
    assert QM.is_file()


def test_korean_catalog_is_complete() -> None:
    unfinished = [
        (context, source)
        for context, source, translation in _messages(TS)
        if translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert unfinished == []


def test_translations_keep_their_placeholders() -> None:
    wrong = [
        (context, source, translation.text)
        for context, source, translation in _messages(TS)
        if translation.text  # missing ones fail the completeness test
        and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation.text))
    ]
    assert wrong == []


def test_catalog_covers_every_string_in_the_ui_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), *map(str, UI_SOURCES), "-ts", str(fresh), "-silent"],
        check=True,
    )
    in_code = {(context, source) for context, source, _ in _messages(fresh)}
    in_catalog = {(context, source) for context, source, _ in _messages(TS)}
    assert sorted(in_code - in_catalog) == [], "run pyside6-lupdate and translate"
    assert sorted(in_catalog - in_code) == [], "strings no longer in the code: lupdate -no-obsolete"


def test_committed_qm_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "forensics_app_ko.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled), "-silent"], check=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run `make translations`"


def test_korean_translator_translates(qapp: QApplication) -> None:
    installed = i18n.install_translators(qapp, "ko")
    try:
        assert len(installed) == 3  # ours, Qt's own qtbase_ko, and what qtbase_ko lacks
        assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
        assert QCoreApplication.translate("EmptyState", "Create a new case") == "새 사건 만들기"
        # Standard dialog buttons come from Qt's catalog.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    finally:
        i18n.remove_translators(qapp, installed)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_english_needs_no_translator(qapp: QApplication) -> None:
    assert i18n.install_translators(qapp, "en") == []
    assert i18n.normalise("xx") == i18n.DEFAULT_LANGUAGE == "ko"
