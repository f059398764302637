"""Every message the services and the block-request library can show exists in Korean, with the
same placeholders; custody entries read in Korean, old ones too."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from forensics_app import messages
from forensics_app.enums import CaseStatus
from forensics_app.errors import UserError
from forensics_app.importers.containers.ufdr import UfdrImporter
from forensics_app.importers.registry import all_importers
from forensics_app.messages import Message, describe, render
from forensics_app.services import Workstation
from forensics_app.services.custody import Events, describe_entry
from forensics_app.services.records import Actor, CustodyRecord

REPO = Path(__file__).resolve().parents[1]
# Where user-facing messages are made: everything but the Qt code (its strings are in the .ts).
SOURCES = sorted(
    p
    for folder in ("forensics_app", "blocking")
    for p in (REPO / folder).rglob("*.py")
    # Relative paths: a checkout that itself lives in a folder named "ui" must not skip all.
    if "/ui/" not in p.relative_to(REPO).as_posix()
    and "/migrations/" not in p.relative_to(REPO).as_posix()
)
_ERROR_NAME = re.compile(r"(Error|Failure)$")
# Raised for programmers, never shown to a user.
_PHOTO_ERRORS = {
    "PhotoError",
    "EmptyFileError",
    "NotAnImageError",
    "PhotoUnavailableError",
    "TruncatedImageError",
    "DecompressionBombError",
    "TooLargeError",
}
_INTERNAL = {"ValueError", "TypeError", "AttributeError", "KeyError", "RuntimeError"}


def _calls(name_wanted: str | None = None) -> Iterator[tuple[Path, ast.Call, str]]:
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name_wanted is None or name == name_wanted:
                yield path, node, name


def message_templates() -> Iterator[tuple[str, int, str]]:
    """(file, line, template) for every error raised with a literal message and every
    Message/msg(...) made with one; for msg_n(count, singular, plural), its plural (the key of
    its one Korean entry)."""
    for path, node, name in _calls():
        # ParseReport.skip(reason) and bulk Count(reason, …): an importer's skip reasons
        # are shown to people (import results, reports) as templates too.
        if name in _INTERNAL or not (
            _ERROR_NAME.search(name)
            or name in ("Message", "msg", "msg_n", "render", "skip", "Count", "Phrase")
        ):
            continue
        index = 2 if name in ("InvalidNumberError", "ForeignNumberError", "msg_n") else 0
        if name in _PHOTO_ERRORS:  # (path, template, …)
            index = 1
        if len(node.args) <= index:
            continue
        argument = node.args[index]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            yield path.relative_to(REPO).as_posix(), node.lineno, argument.value
        elif isinstance(argument, ast.JoinedStr) or _built_text(argument):
            yield path.relative_to(REPO).as_posix(), node.lineno, "<f-string>"


def _built_text(node: ast.expr) -> bool:
    """Text glued or formatted at run time ("…: " + reasons, "…".format(…)): no catalogue
    entry can match it, so it would always show in English."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        sides = (node.left, node.right)
        return any(
            (isinstance(side, ast.Constant) and isinstance(side.value, str))
            or isinstance(side, ast.JoinedStr)
            or _built_text(side)
            for side in sides
        )
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    )


def _fields(template: str) -> list[str]:
    return sorted(
        field for _, field, _, _ in string.Formatter().parse(template) if field is not None
    )


def test_messages_are_templates_not_formatted_text() -> None:
    formatted = [f"{f}:{line}" for f, line, t in message_templates() if t == "<f-string>"]
    assert formatted == [], "pass values as keywords: Error('… {name} …', name=value)"


def test_every_message_has_korean_with_the_same_placeholders() -> None:
    korean = messages.catalog().get("messages", {})
    missing = sorted({t for _, _, t in message_templates() if t != "<f-string>"} - set(korean))
    assert missing == [], "add them to resources/messages/ko.toml [messages]"
    wrong = [t for t, k in korean.items() if _fields(t) != _fields(k)]
    assert wrong == []


def test_catalog_holds_no_stale_messages() -> None:
    used = {t for _, _, t in message_templates()}
    stale = sorted(set(messages.catalog().get("messages", {})) - used)
    assert stale == []


def test_every_custody_event_has_korean_with_the_same_placeholders() -> None:
    korean = messages.catalog().get("custody", {})
    for event in Events.all():
        assert event.code in korean, event.code
        assert _fields(korean[event.code]) == _fields(event.template), event.code
    assert sorted(set(korean) - {e.code for e in Events.all()}) == []


def test_errors_render_in_either_language() -> None:
    error = UserError("Case number {number} already exists.", number="2026-0042")
    assert str(error) == "Case number 2026-0042 already exists."
    assert describe(error, "en") == str(error)
    korean = describe(error, "ko")
    assert "2026-0042" in korean and "Case number" not in korean


def test_both_english_forms_of_a_count_take_the_same_values() -> None:
    forms = []
    for path, node, _ in _calls("msg_n"):
        where = f"{path.relative_to(REPO).as_posix()}:{node.lineno}"
        singular, plural = node.args[1:3]
        assert isinstance(singular, ast.Constant) and isinstance(plural, ast.Constant), where
        one, many = singular.value, plural.value
        assert isinstance(one, str) and isinstance(many, str), where
        assert _fields(one) == _fields(many) and one != many, where
        forms.append(where)
    assert forms, "the scan finds the counted messages"


def test_counts_read_naturally_in_either_language(monkeypatch: pytest.MonkeyPatch) -> None:
    one = messages.msg_n(1, "{count} file added", "{count} files added")
    two = messages.msg_n(2, "{count} file added", "{count} files added")
    assert (str(one), str(two)) == ("1 file added", "2 files added")
    assert (one.render("en"), two.render("en")) == ("1 file added", "2 files added")
    monkeypatch.setitem(
        messages.catalog()["messages"], "{count} files added", "파일 {count}개 추가"
    )
    assert (one.render("ko"), two.render("ko")) == ("파일 1개 추가", "파일 2개 추가")
    # Inside another message it follows the reader's language too.
    line = messages.msg("{exhibit}: {added}", exhibit="EX-0001", added=one)
    assert line.render("en") == "EX-0001: 1 file added"
    monkeypatch.setitem(messages.catalog()["messages"], "{exhibit}: {added}", "{exhibit}: {added}")
    assert line.render("ko") == "EX-0001: 파일 1개 추가"


def test_unknown_template_falls_back_to_english() -> None:
    assert render("Nobody wrote this {x}", {"x": 1}, "ko") == "Nobody wrote this 1"
    assert str(Message("A {b}", {"b": 2})) == "A 2"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"FORENSICS_APP_LANG": "en", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
    ],
)
def test_the_command_line_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for name in ("FORENSICS_APP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert messages.language() == expected


def _record(summary: str, details: str = "{}") -> CustodyRecord:
    return CustodyRecord(
        seq=1,
        recorded_at="2026-05-13T03:00:00.000000Z",
        actor="Kim Minsu (1001)",
        action="handover",
        case_id=None,
        item_id=None,
        file_id=None,
        summary=summary,
        details=details,
        entry_hash="0" * 64,
    )


def test_entries_written_before_events_read_in_korean() -> None:
    old = _record("Item EX-0002 handed over: Kim Minsu (1001) → Lee Seoyeon (2001)")
    assert describe_entry(old, "ko") == "증거물 EX-0002 인계: Kim Minsu (1001) → Lee Seoyeon (2001)"
    assert describe_entry(old, "en") == old.summary
    status = _record("Item EX-0001: in_custody → in_analysis")
    assert describe_entry(status, "ko") == "증거물 EX-0001: 보관 중 → 분석 중"
    assert describe_entry(_record("Something nobody templated"), "ko") == (
        "Something nobody templated"
    )


def test_new_entries_keep_their_event_and_read_in_either_language(
    workstation: Workstation, actor: Actor
) -> None:
    case = workstation.cases.create(actor, "불법 전단지", number="2026-0042")
    workstation.cases.set_status(actor, case.id, CaseStatus.CLOSED)
    entries = workstation.custody.entries(case_id=case.id)
    closed, opened = entries[0], entries[1]
    assert opened.summary == "Case 2026-0042 opened: 불법 전단지"
    assert describe_entry(opened, "ko") == "사건 2026-0042 개시: 불법 전단지"
    assert describe_entry(closed, "ko") == "사건 2026-0042: 진행 중 → 종결"
    assert describe_entry(closed, "en") == "Case 2026-0042: open → closed"
    # The event is part of what the chain hashes: the chain is intact, and it is stored.
    assert workstation.custody.verify_chain().ok
    assert '"event":"case.status"' in closed.details


def test_english_summaries_count_one_thing_in_the_singular() -> None:
    one = Events.OCR_RUN(exhibit="EX-0003", photos=1, failed=0, numbers=1)
    assert one.summary == "EX-0003: OCR of 1 photo (0 unreadable), 1 number"
    many = Events.OCR_RUN(exhibit="EX-0003", photos=12, failed=1, numbers=0)
    assert many.summary == "EX-0003: OCR of 12 photos (1 unreadable), 0 numbers"
    # an entry written before, whose stored summary says "1 photos", reads right in English
    old = _record("Flyer group 7 (1 photos): ad category set to lending (was other)")
    assert describe_entry(old, "en").startswith("Flyer group 7 (1 photo): ad category set to")
    assert describe_entry(old, "ko").startswith("전단지 그룹 7(사진 1장): 광고 유형을")


@pytest.mark.parametrize(
    "printed", ["1588", "114", "070-123-4567", "010-1234-56789", "0101234567890123", "02-12"]
)
def test_refused_numbers_are_explained_in_korean_hint_included(printed: str) -> None:
    # The reason and its hint were once glued into one English string: no Korean at all.
    from blocking.errors import InvalidNumberError
    from blocking.numbers import normalize_number
    from forensics_app.messages import message_from_json, message_to_json

    with pytest.raises(InvalidNumberError) as caught:
        normalize_number(printed)
    korean = describe(caught.value, "ko")
    english = describe(caught.value, "en")
    assert repr(printed) in korean and "전화번호" in korean
    for words in ("phone number", "digits", "look like", "numbers have"):
        assert words not in korean
    assert english == str(caught.value)
    # a row problem keeps the values as a message, stored as JSON and read back
    stored = message_from_json(message_to_json(Message(caught.value.template, caught.value.values)))
    assert stored.render("ko") == korean
    assert stored.render("en") == english


def test_every_importer_has_a_korean_title() -> None:
    """The import check names each parser on screen: every one needs its Korean name."""
    names = [importer.name for importer in all_importers()] + [UfdrImporter.name]
    korean = messages.catalog().get("terms.importer", {})
    assert sorted(set(names) - set(korean)) == []
    assert sorted(set(korean) - set(names)) == [], "stale importer names in terms.importer"
    first = all_importers()[0]
    assert messages.named("importer", first.name, first.title, "en") == first.title
    assert messages.named("importer", first.name, first.title, "ko") == korean[first.name]


def test_every_parser_name_is_shown_in_the_readers_language() -> None:
    """A parser name as stored with an import, named for a reader: a tool export's title was
    'Tool export (…)' on Korean screens (it is built from its mapping, not in terms.importer),
    and a source imported before was named by its code."""
    from forensics_app.importers.containers.mappings import load_mapping
    from forensics_app.importers.containers.tool_export import ToolExportImporter
    from forensics_app.importers.registry import shown_title

    korean = messages.catalog()["terms.importer"]
    for importer in all_importers():
        assert shown_title(importer.name, "ko") == korean[importer.name]
        assert shown_title(importer.name, "en") == importer.title
    assert shown_title(UfdrImporter.name, "ko") == korean[UfdrImporter.name]
    export = ToolExportImporter(load_mapping("cellebrite_sms_fields"))
    korean_title = "도구 내보내기 (Cellebrite 문자 (report.xml 필드 이름))"
    assert shown_title(export.name, "ko") == korean_title
    assert shown_title(export.name, "en") == export.title
    assert export.title == "Tool export (Cellebrite SMS (report.xml field names))"
    # A mapping no longer there is named by its name; a parser no release has, by its code.
    assert shown_title("tool_export:gone:0123abcd", "ko") == "도구 내보내기 (gone)"
    assert shown_title("retired_parser", "ko") == "retired_parser"
