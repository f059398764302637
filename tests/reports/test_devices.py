"""The seized phones in a report, as each reader gets them: the workbook (typed cells, times in
the named zone, provenance per row), the CSV files (pandas), the PDF (poppler) and the HTML
(Chromium). Hostile message text shows as text everywhere; the presets choose sensibly; the
period filters events and not address books; the timeline takes a kind of event it has never
heard of; a big phone streams in order."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Select, String, cast, literal_column, null, select
from sqlalchemy.orm import Session

from blocking import RequestState
from forensics_app.reports import labels
from forensics_app.reports.builder import build
from forensics_app.reports.model import TimeRange
from forensics_app.reports.sections import (
    PRESETS,
    preset_sections,
    registered_sections,
    resolve_sections,
)
from forensics_app.services import Workstation
from forensics_app.services import timeline as timeline_module
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from forensics_app.storage.models import Case, EvidenceItem
from tests.importers import samples
from tests.reports.case_data import (
    CONTROL_TEXT,
    FORMULA_TEXT,
    LONG_TEXT,
    SCRIPT_TEXT,
    CaseData,
)
from tests.reports.chromium import chromium, chromium_path
from tests.reports.device_data import (
    FORMULA_SENDER,
    LENDER,
    LENDER_E164,
    NOTE_TEXT,
    T0,
    Phones,
    bulk_extraction,
    import_phones,
)

SMS_FILE = "/" + samples.TELEPHONY
VISIBLE_CONTROL = "bell[U+0007] and esc[U+001B] end"
VISIBLE_RTL = "invoice[U+202E]gpj.exe"


@pytest.fixture
def phones(workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path) -> Phones:
    return import_phones(workstation, actor, case_data.case.id, tmp_path / "phones")


def _sheet(book: Any, name: str) -> list[list[Any]]:
    return [[c.value for c in row] for row in book[name].iter_rows()]


def _by_header(rows: list[list[Any]]) -> list[dict[str, Any]]:
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _local(moment: datetime) -> datetime:
    return (moment + timedelta(hours=9)).replace(tzinfo=None)  # Asia/Seoul, no summer time


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pdftotext(pdf: Path, mode: str) -> str:
    return subprocess.run(
        ["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


# ---- the workbook, the CSV files and the PDF -------------------------------------------------
def test_phones_in_the_workbook_the_csv_files_and_the_pdf(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    phones: Phones,
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    workstation.reports.generate(
        actor, ReportRequest(case_data.case.id, out, formats=["pdf", "xlsx", "csv"])
    )
    hostile = phones.hostile.exhibit_number
    key = hostile.lower()
    sms_sha256 = _sha256(tmp_path / "phones" / "hostile" / samples.TELEPHONY)

    _check_workbook(workstation, case_data, phones, out / "report.xlsx", sms_sha256)
    _check_csv(out / "csv", key, sms_sha256)
    _check_pdf(out / "report.pdf", hostile)


def _check_workbook(
    workstation: Workstation, case_data: CaseData, phones: Phones, path: Path, sms_sha256: str
) -> None:
    hostile, sample = phones.hostile.exhibit_number, phones.sample.exhibit_number
    book = openpyxl.load_workbook(path)
    for name in (f"메시지 {hostile}", f"통화기록 {hostile}", f"연락처 {hostile}",
                 f"메시지 {sample}", "가져온 원본 파일", "태그 지정 항목 및 분석관 메모",
                 "휴대전화에서 발견된 전단지 번호", "사건 타임라인"):  # fmt: skip
        assert name in book.sheetnames, book.sheetnames
    sheet = book[f"메시지 {hostile}"]
    assert sheet.freeze_panes == "A2"
    rows = _sheet(book, f"메시지 {hostile}")
    assert rows[0][:2] == ["항목 번호", "일시 (KST)"]
    assert rows[0][-4:] == ["원본 파일", "원본 파일 SHA-256", "원본 테이블", "원본 행"]
    messages = _by_header(rows)
    assert len(messages) == 9
    # Oldest first: the message of ten days before, then the hostile ones an hour apart.
    assert [m["내용"] for m in messages[:2]] == ["열흘 전 메시지", SCRIPT_TEXT]
    script = messages[1]
    assert script["일시 (KST)"] == _local(T0) and sheet.cell(3, 2).is_date
    assert script["송수신"] == "수신" and script["서비스"] == "SMS" and script["읽음"] is True
    assert script["기기 내 표기 번호"] == LENDER and script["E.164"] == LENDER_E164
    assert script["원본 시각 값"] == str(int(T0.timestamp() * 1000))
    assert script["원본 파일"] == SMS_FILE and script["원본 파일 SHA-256"] == sms_sha256
    assert (script["원본 테이블"], script["원본 행"]) == ("sms", "1")
    assert isinstance(script["항목 번호"], int)
    bodies = [m["내용"] for m in messages]
    assert FORMULA_TEXT in bodies and sheet.cell(bodies.index(FORMULA_TEXT) + 2, 9).data_type == "s"
    assert VISIBLE_CONTROL in bodies and VISIBLE_RTL in bodies  # shown, not obeyed
    assert LONG_TEXT in bodies and "nul inside" in bodies  # the NUL was cleaned at import
    sender = next(m for m in messages if m["기기 내 표기 번호"] == FORMULA_SENDER)
    assert sender["E.164"] is None and sender["읽음"] is False

    calls = _by_header(_sheet(book, f"통화기록 {hostile}"))
    assert [c["통화 유형"] for c in calls] == ["수신", "부재중"]
    assert calls[0]["통화 시간(초)"] == 65 and calls[0]["기기 내 표시 이름"] == "<b>김대출</b>"
    assert calls[1]["기기 내 표시 이름"] == VISIBLE_RTL

    (contact,) = _by_header(_sheet(book, f"연락처 {hostile}"))
    assert contact["이름"] == "=SUM(A1:A9)" and contact["E.164"] == LENDER_E164
    assert LENDER in contact["전화번호(기기 내 표기)"]
    assert "lend@example.kr" in contact["이메일 및 기타 주소"]
    assert contact["소속"] == VISIBLE_RTL and contact["기기 내 메모"] == SCRIPT_TEXT

    sources = _by_header(_sheet(book, "가져온 원본 파일"))
    assert {s["원본 파일"] for s in sources if s["증거번호"] == hostile} == {
        "/" + samples.TELEPHONY, "/" + samples.CALLLOG, "/" + samples.CONTACTS,
    }  # fmt: skip
    assert (
        next(s for s in sources if s["원본 파일"] == SMS_FILE and s["증거번호"] == hostile)[
            "SHA-256"
        ]
        == sms_sha256
    )

    tagged = _by_header(_sheet(book, "태그 지정 항목 및 분석관 메모"))
    assert [(t["항목 종류"], t["태그"]) for t in tagged] == [
        ("메시지", "대출 광고; <i>중요</i>"),
        ("연락처", "대출 광고"),
    ]
    assert NOTE_TEXT.replace("\x07", "[U+0007]") in tagged[0]["분석관 메모"]
    assert "Kim Minsu (1001)" in tagged[0]["분석관 메모"]

    numbers = _by_header(_sheet(book, "휴대전화에서 발견된 전단지 번호"))
    lender = next(n for n in numbers if n["E.164"] == LENDER_E164)
    state = workstation.xref.marks([LENDER_E164])[LENDER_E164].request_state
    assert state is not None
    assert lender["요청 상태"] == labels_ko(RequestState(state))
    assert lender["휴대전화"] == hostile and lender["연락처"] == 1
    assert lender["메시지"] == 9  # eight from or to it, one with it written in the text
    assert {n["E.164"] for n in numbers} == {LENDER_E164, "+8250512345678"}

    timeline = _by_header(_sheet(book, "사건 타임라인"))
    assert len(timeline) == workstation.timeline.count(case_data.case.id)
    times = [row["일시 (KST)"] for row in timeline]
    assert times == sorted(times)
    assert {row["구분"] for row in timeline} == {"메시지", "통화", "전단지 발견"}
    assert len(book["차트"]._images) == 3  # numbers per week, requests per state, per day


def _check_csv(csv: Path, key: str, sms_sha256: str) -> None:
    """The text as stored, formulas neutralised; pandas reads every row."""
    table = pd.read_csv(csv / f"messages_{key}.csv", encoding="utf-8-sig", dtype=str)
    assert len(table) == 9
    assert set(table["원본 파일 SHA-256"]) == {sms_sha256}
    assert "'" + FORMULA_TEXT in set(table["내용"]) and CONTROL_TEXT in set(table["내용"])
    assert "'" + FORMULA_SENDER in set(table["기기 내 표기 번호"])
    occurrences = pd.read_csv(csv / "xref_occurrences.csv", encoding="utf-8-sig", dtype=str)
    roles = set(occurrences.loc[occurrences["E.164"] == LENDER_E164, "나타난 형태"])
    assert roles == {"발신자 또는 수신자", "본문 내 기재", "연락처의 번호"}


def _check_pdf(pdf: Path, hostile: str) -> None:
    """Phone headings, hostile text in reading order, a long body cut with a pointer."""
    text = _pdftotext(pdf, "-layout")
    assert f"메시지 {hostile}" in text and "압수 휴대전화" in text
    assert "인쇄본에서 생략한 열:" in text
    flat = re.sub(r"\s+", "", _pdftotext(pdf, "-raw"))
    assert "<script>alert('x')</script>메시지" in flat and VISIBLE_RTL in flat
    assert "(10,000자,전문은HTML및XLSX보고서에수록)" in flat


def labels_ko(state: RequestState) -> str:
    from forensics_app.reports.i18n import Translator

    return Translator("ko")(labels.REQUEST_STATES[state])


# ---- the HTML -----------------------------------------------------------------------------------
@pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium")
def test_phones_in_the_html_as_chromium_shows_them(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    phones: Phones,
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    workstation.reports.generate(actor, ReportRequest(case_data.case.id, out, formats=["html"]))
    key = phones.hostile.exhibit_number.lower()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    table = f"messages_{key}"
    with chromium() as browser:
        browser.open(out / "index.html")
        browser.evaluate("FR.loaded")
        body = str(browser.evaluate("document.body.innerText"))
        for heading in ("압수 휴대전화", f"메시지 {phones.hostile.exhibit_number}",
                        "압수 휴대전화에서 발견된 전단지 번호", "사건 타임라인"):  # fmt: skip
            assert heading in body
        rows = str(browser.evaluate(f"document.querySelector('#table-{table} tbody').innerText"))
        assert SCRIPT_TEXT in rows and VISIBLE_CONTROL in rows and VISIBLE_RTL in rows
        assert FORMULA_TEXT in rows and FORMULA_SENDER in rows
        assert browser.evaluate("document.scripts.length") == 4  # 3 data blocks + report.js
        assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
        assert (
            browser.evaluate(f"document.querySelector('#table-{table} details').textContent.length")
            > 10_000
        )
        # Search runs over the chunk files and finds what the store's search finds.
        expected = workstation.artifacts.count(
            ArtifactQuery(case_data.case.id, item_id=phones.hostile.id, text="대출")
        )
        found = browser.evaluate(f"FR.search('{table}', '대출')")
        assert found["matches"] == expected == 1
        hostile = browser.evaluate(f"FR.search('{table}', '<script>')")
        assert hostile["matches"] == 1
        assert SCRIPT_TEXT in str(
            browser.evaluate(f"document.querySelector('#table-{table} tbody').innerText")
        )
        # The tagged artifact shows its note as text.
        tagged = str(
            browser.evaluate("document.querySelector('#table-device_tagged tbody').innerText")
        )
        assert NOTE_TEXT.replace("\x07", "[U+0007]") in tagged
        sizes = browser.evaluate(
            "Promise.all(Array.from(document.images).map(i => (i.loading = 'eager', i.decode()"
            ".then(() => i.naturalWidth))))"
        )
        assert len(sizes) == 3 + 3 and all(width > 0 for width in sizes)  # charts, flyer photos
        urls = browser.requested_urls()
        assert browser.console_errors() == []
    assert urls and all(url.startswith(out.resolve().as_uri() + "/") for url in urls)


# ---- presets, the period, the translation -------------------------------------------------------
def test_device_summary_preset_on_a_case_with_phones_and_no_flyers(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "압수 휴대전화 분석", number="PHONES-1")
    phones = import_phones(workstation, actor, case.id, tmp_path / "phones")
    out = tmp_path / "report"
    result = workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=["html", "csv"], preset="device_summary")
    )
    assert result.section_ids == [
        "cover", "evidence", "device_summary", "device_messages", "device_calls",
        "device_contacts", "device_tagged", "number_xref", "charts",
    ]  # fmt: skip
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "이 사건의 휴대전화 자료에는 전단지에 인쇄된 번호가 없습니다." in page
    assert "이 사건에는 차트로 나타낼 자료가 없습니다." not in page
    assert [p.name for p in (out / "images").iterdir()] == ["artifacts_per_day.png"]
    phones_table = pd.read_csv(out / "csv" / "device_phones.csv", encoding="utf-8-sig")
    assert list(phones_table["증거번호"]) == [
        phones.hostile.exhibit_number,
        phones.sample.exhibit_number,
    ]
    assert list(phones_table["메시지"]) == [9, samples.ANDROID_SMS_COUNT]
    assert list(phones_table["태그·메모"]) == [2, 0]
    # The full case holds every section there is.
    assert set(preset_sections("full_case")) == {s.id for s in registered_sections()}
    assert set(PRESETS["device_summary"].section_ids) <= set(PRESETS["full_case"].section_ids)


def test_the_period_filters_messages_and_calls_not_contacts(
    workstation: Workstation, actor: Actor, case_data: CaseData, phones: Phones, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    since, until = T0 - timedelta(hours=1), T0 + timedelta(hours=25)
    workstation.reports.generate(
        actor,
        ReportRequest(case_data.case.id, out, formats=["csv"], time_range=TimeRange(since, until)),
    )
    key = phones.hostile.exhibit_number.lower()
    messages = pd.read_csv(out / "csv" / f"messages_{key}.csv", encoding="utf-8-sig", dtype=str)
    assert "열흘 전 메시지" not in set(messages["내용"])  # ten days before the period
    assert len(messages) == 7  # the six hostile ones and the reply a day later
    calls = pd.read_csv(out / "csv" / f"calls_{key}.csv", encoding="utf-8-sig", dtype=str)
    assert len(calls) == 1  # the missed call is 26 hours in
    contacts = pd.read_csv(out / "csv" / f"contacts_{key}.csv", encoding="utf-8-sig")
    assert len(contacts) == 1
    summary = pd.read_csv(out / "csv" / "device_phones.csv", encoding="utf-8-sig")
    assert (summary["메시지"].iloc[0], summary["통화기록"].iloc[0]) == (7, 1)
    timeline = pd.read_csv(out / "csv" / "timeline.csv", encoding="utf-8-sig", dtype=str)
    assert len(timeline) == workstation.timeline.count(case_data.case.id, since, until)


def test_the_occurrence_table_is_each_numbers_occurrences_however_they_are_fetched(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    phones: Phones,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The planning reads every flyer number's occurrences in one query, the table in groups of
    numbers: one number per query gives the same table, which is each number's own
    occurrences (the per-number query) in the numbers' order."""
    from forensics_app.reports.i18n import Translator
    from forensics_app.reports.sections import xref as xref_section

    def occurrence_csv(name: str) -> bytes:
        out = tmp_path / name
        workstation.reports.generate(
            actor,
            ReportRequest(case_data.case.id, out, formats=["csv"], section_ids=["number_xref"]),
        )
        return (out / "csv" / "xref_occurrences.csv").read_bytes()

    together = occurrence_csv("together")
    monkeypatch.setattr(xref_section, "OCCURRENCES_PER_QUERY", 1)
    assert occurrence_csv("one-by-one") == together
    table = pd.read_csv(BytesIO(together), encoding="utf-8-sig", dtype=str)
    numbers = [r.e164 for r in workstation.xref.cross_reference(case_data.case.id)]
    expected = [
        (e164, o.kind, str(o.artifact_id))
        for e164 in numbers
        for o in sorted(
            workstation.xref.occurrences(e164, case_data.case.id),
            key=lambda o: (o.exhibit, o.at is None, o.at or T0, o.kind, o.artifact_id, o.role),
        )
    ]
    ko = Translator("ko")
    kinds = {ko(labels.ARTIFACT_KINDS[kind]): kind for kind in ("message", "call", "contact")}
    columns = (table["E.164"], table[ko("Artifact")], table[ko("Artifact No.")])
    found = [(e, kinds[k], i) for e, k, i in zip(*columns, strict=True)]
    assert found == expected
    assert {e for e, _, _ in found} == {LENDER_E164, "+8250512345678"}


def test_every_string_of_the_phone_sections_is_translated(
    workstation: Workstation, actor: Actor, case_data: CaseData, phones: Phones, tmp_path: Path
) -> None:
    empty = workstation.cases.create(actor, "빈 사건", number="EMPTY-2")
    for number, (case_id, period) in enumerate(
        [
            (case_data.case.id, TimeRange()),
            (case_data.case.id, TimeRange(T0, T0 + timedelta(days=1))),
            (empty.id, TimeRange()),
        ]
    ):
        request = ReportRequest(case_id, tmp_path / f"r{number}", time_range=period)
        context = workstation.reports.context(actor, request)
        folder = tmp_path / f"staging{number}"
        folder.mkdir()
        build(context, resolve_sections(preset_sections("full_case")),
              ["html", "pdf", "xlsx", "csv"], folder)  # fmt: skip
        assert context.translator.missing == set()


# ---- the timeline is ready for another kind of event --------------------------------------------
class SeizureSource:
    """A kind of event the report has no word for: when each item was seized."""

    kind = "seizure"

    def entries(
        self, session: Session, case: Case, start: datetime | None, end: datetime | None
    ) -> Select[*tuple[Any, ...]]:
        e = EvidenceItem
        statement = select(
            literal_column("'seizure'", String).label("kind"),
            e.id.label("id"),
            e.seized_at.label("at"),
            e.id.label("item_id"),
            e.exhibit_number.label("exhibit"),
            literal_column("''", String).label("number"),
            cast(null(), String).label("e164"),
            literal_column("''", String).label("direction"),
            e.seized_location.label("summary"),
        ).where(e.case_id == case.id, e.seized_at.is_not(None))
        if start is not None:
            statement = statement.where(e.seized_at >= start)
        if end is not None:
            statement = statement.where(e.seized_at < end)
        return statement

    def hour_counts(
        self,
        session: Session,
        case: Case,
        start: datetime | None,
        end: datetime | None,
        sqlite: bool,
    ) -> list[tuple[int, int]]:
        return []


@pytest.fixture
def seizures(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    sources = [*timeline_module.TIMELINE_SOURCES, SeizureSource()]
    monkeypatch.setattr(timeline_module, "TIMELINE_SOURCES", sources)
    yield


def test_the_timeline_takes_a_kind_of_event_it_has_no_word_for(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    phones: Phones,
    seizures: None,
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    workstation.reports.generate(
        actor,
        ReportRequest(case_data.case.id, out, formats=["csv"], section_ids=["timeline"]),
    )
    timeline = pd.read_csv(out / "csv" / "timeline.csv", encoding="utf-8-sig", dtype=str)
    seized = timeline[timeline["구분"] == "seizure"]
    assert list(seized["휴대전화 또는 사진"]) == ["EX-0001"]  # the phone seized on 30 April
    assert list(seized["일시 (KST)"]) == ["2026-04-30 10:00:00"]
    assert list(timeline["일시 (KST)"]) == sorted(timeline["일시 (KST)"])
    summary = pd.read_csv(out / "csv" / "summary.csv", encoding="utf-8-sig", dtype=str)
    assert ("seizure", "1") in set(zip(summary["구분"], summary["값"], strict=True))
    # A source written before events could last (no end column) unites with the others too.
    deep = workstation.timeline.entries(case_data.case.id, limit=timeline_module.MERGE_LIMIT + 1)
    assert [e.end for e in deep if e.kind == "seizure"] == [None]
    assert deep == workstation.timeline.entries(case_data.case.id, limit=len(deep))


# ---- a big phone ------------------------------------------------------------------------------
BIG = 25_000


def test_a_big_phone_streams_in_order_through_every_writer(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "대량 메시지", number="BIG-1")
    item = workstation.ingest.import_paths(
        actor, case.id, [bulk_extraction(tmp_path / "big", BIG, calls=50)]
    ).item
    sample = workstation.ingest.import_paths(
        actor, case.id, [samples.android_extraction(tmp_path / "sample")]
    ).item
    assert item is not None and sample is not None
    artifacts = workstation.artifacts
    # Keyset batches that cut between messages of the same second, and undated messages last.
    lines = list(artifacts.message_lines(ArtifactQuery(case.id, item_id=item.id), batch=1000))
    assert len(lines) == BIG and len({m.id for m in lines}) == BIG
    assert [(m.time, m.id) for m in lines] == sorted((m.time, m.id) for m in lines)
    small = list(artifacts.message_lines(ArtifactQuery(case.id, item_id=sample.id), batch=2))
    dated = [m for m in small if m.time is not None]
    assert small[: len(dated)] == sorted(dated, key=lambda m: (m.time, m.id))
    assert len(small) == samples.ANDROID_SMS_COUNT and len(dated) == len(small) - 2
    entries = list(workstation.timeline.stream(case.id, batch=999))
    assert entries == workstation.timeline.entries(case.id, limit=len(entries) + 10)

    out = tmp_path / "report"
    workstation.reports.generate(
        actor,
        ReportRequest(
            case.id, out, formats=["html", "xlsx", "csv"], section_ids=["device_messages"]
        ),
    )
    key = item.exhibit_number.lower()
    chunks = sorted(p.name for p in (out / "data" / f"messages_{key}").iterdir())
    assert chunks == ["00000.js", "00001.js", "00002.js"]
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    sheet = book[f"메시지 {item.exhibit_number}"]
    assert sheet.max_row == BIG + 1
    first = [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert first[0] == lines[0].id and first[8] == "bulk-1 안부 메시지 1"
    book.close()
    table = pd.read_csv(out / "csv" / f"messages_{key}.csv", encoding="utf-8-sig", dtype=str)
    assert len(table) == BIG
    assert list(table["항목 번호"].astype(int)) == [m.id for m in lines]


def test_the_stream_holds_a_batch_not_the_phone(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    import tracemalloc

    case = workstation.cases.create(actor, "대량 메시지", number="BIG-2")
    item = workstation.ingest.import_paths(
        actor, case.id, [bulk_extraction(tmp_path / "big", 12_000)]
    ).item
    assert item is not None
    query = ArtifactQuery(case.id, item_id=item.id)
    tracemalloc.start()
    try:
        for _ in workstation.artifacts.message_lines(query, batch=500):
            pass
        streamed = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        kept = list(workstation.artifacts.message_lines(query, batch=500))
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(kept) == 12_000
    assert streamed * 3 < held, (streamed, held)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_shows_the_first_rows_and_says_where_the_rest_is(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "대량 메시지", number="BIG-3")
    workstation.ingest.import_paths(actor, case.id, [bulk_extraction(tmp_path / "big", 3_000)])
    out = tmp_path / "report"
    workstation.reports.generate(
        actor,
        ReportRequest(case.id, out, formats=["pdf"], section_ids=["device_messages"]),
    )
    text = _pdftotext(out / "report.pdf", "-layout")
    assert "전체 3,000행 중 처음 40행을 표시합니다." in text
    assert "bulk-40 " in text and "bulk-41 " not in text
