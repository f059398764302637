"""The HTML report as Chromium shows it: Korean text, hostile text shown as text, tables that
page, search and sort over chunk files, images, and not one request beyond the folder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from forensics_app.reports.model import Block, Gallery, Picture, ReportContext, Section
from forensics_app.reports.sections import register_section, unregister_section
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.reports.case_data import CaseData
from tests.reports.chromium import Browser, chromium, chromium_path
from tests.reports.synthetic import GeneratedArtifacts

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium")


class PhotoWall(Section):
    """60 pictures: more than one page of a gallery (48)."""

    id = "photo_wall"
    title = "Photos"
    order = 95
    source = ""

    def blocks(self, context: ReportContext) -> Iterator[Block]:
        digest = hashlib.sha256(Path(self.source).read_bytes()).hexdigest()
        yield Gallery(
            "wall",
            "Photos",
            lambda: [
                Picture(self.source, digest, [f"photo {n} <b>not bold</b>"], [], f"wall-{n}")
                for n in range(60)
            ],
        )


def _text_of_table(browser: Browser, table: str) -> str:
    return str(browser.evaluate(f"document.querySelector('#table-{table} tbody').innerText"))


def test_html_report_reads_well_offline_in_chromium(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    PhotoWall.source = str(case_data.photos / "massage.jpg")
    register_section(PhotoWall)
    try:
        workstation.reports.generate(
            actor,
            ReportRequest(
                case_data.case.id,
                out,
                formats=["html"],
                section_ids=[
                    "evidence",
                    "flyers",
                    "block_requests",
                    "charts",
                    generated_section.id,
                    PhotoWall.id,
                ],
            ),
        )
    finally:
        unregister_section(PhotoWall.id)
    chunk_files = sorted((out / "data" / "messages").iterdir())
    assert [p.name for p in chunk_files] == ["00000.js", "00001.js", "00002.js"]
    assert "<script>alert" not in (out / "index.html").read_text(encoding="utf-8")
    with chromium() as browser:
        browser.open(out / "index.html")
        browser.evaluate("FR.loaded")
        text = str(browser.evaluate("document.body.innerText"))
        for korean in (
            "사건 보고서",
            "증거물 목록",
            "전화번호별 발견 현황",
            "이용중지",
            "010-2345-6789",
        ):
            assert korean in text
        # Evidence text is text: the <script> is shown, never run; controls and the
        # right-to-left override are visible marks.
        items = _text_of_table(browser, "evidence_items")
        assert "<script>alert('x')</script> 메시지" in items
        assert "bell[U+0007] and esc[U+001B] end" in items and "invoice[U+202E]gpj.exe" in items
        assert browser.evaluate("document.scripts.length") == 4  # 3 data blocks + report.js
        assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
        # The 10,000-character description is folded, and all of it is there.
        assert (
            browser.evaluate(
                "document.querySelector('#table-evidence_items details').textContent.length"
            )
            > 10_000
        )
        # 25,000 rows: the page holds one page of them, pages through chunk files on demand.
        assert (
            browser.evaluate("document.querySelectorAll('#table-messages tbody tr').length") == 100
        )
        browser.evaluate("FR.go('messages', 201)")
        page = _text_of_table(browser, "messages").splitlines()
        assert page[0].startswith("20101\t")
        assert len(page) == 100
        found = browser.evaluate("FR.search('messages', 'needle-21000')")
        assert found["matches"] == 1
        assert _text_of_table(browser, "messages").startswith("21001\t")
        hostile = browser.evaluate("FR.search('messages', '<script>')")
        assert hostile["matches"] == 25_000 // 7 + 1 - 3  # every 7th row, less the needle rows
        assert "<script>alert('x')</script>" in _text_of_table(browser, "messages")
        browser.evaluate("FR.search('messages', '')")
        browser.evaluate("FR.sort('messages', 0, -1)")
        assert _text_of_table(browser, "messages").startswith("25000\t")
        # Images: the charts and the outlined photos decode.
        sizes = browser.evaluate(
            "Promise.all(Array.from(document.images).map(i => (i.loading = 'eager', i.decode()"
            ".then(() => i.naturalWidth))))"
        )
        assert len(sizes) == 2 + 3 + 48 and all(width > 0 for width in sizes)
        # The photo wall: 48 in the page, the other 12 a page further, captions as text.
        assert browser.evaluate("FR.galleries.wall.go(1)") == 12
        captions = browser.evaluate(
            "Array.from(document.querySelectorAll('[data-gallery=wall] figcaption'))"
            ".map(c => c.textContent)"
        )
        assert captions[0] == "photo 48 <b>not bold</b>" and len(captions) == 12
        assert browser.evaluate("document.querySelectorAll('[data-gallery=wall] b').length") == 0
        urls = browser.requested_urls()
        assert browser.console_errors() == []
    report_root = out.resolve().as_uri() + "/"
    assert urls and all(url.startswith(report_root) for url in urls), urls
