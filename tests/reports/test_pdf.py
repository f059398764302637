"""The PDF as a reader sees it (poppler: pdftotext, pdffonts, pdftoppm): Korean text in
embedded fonts, numbered pages, a table of contents with page numbers, photos with the number
outlined in red, a long table breaking across pages with its header repeated, and big tables
cut with a pointer to the complete one."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.reports.case_data import CaseData
from tests.reports.synthetic import GeneratedArtifacts

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_pdf_report_pages_fonts_tables_and_photos(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    workstation.reports.generate(
        actor,
        ReportRequest(
            case_data.case.id,
            out,
            formats=["pdf", "xlsx"],
            section_ids=["evidence", "flyers", "block_requests", "charts", generated_section.id],
        ),
    )
    pdf = out / "report.pdf"
    assert not (out / "images").exists()  # embedded in the PDF; no HTML to read them
    fonts = _run("pdffonts", str(pdf))
    assert re.search(r"NanumGothic\s.*yes\s+yes", fonts), fonts  # embedded, subset
    pages_line = re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf)))
    assert pages_line is not None
    pages = int(pages_line.group(1))
    text = _run("pdftotext", "-layout", str(pdf), "-")
    page_texts = text.split("\f")
    assert "사건 보고서" in page_texts[0] and "2026-RPT-001" in page_texts[0]
    for number in range(1, pages + 1):
        assert f"{number} / {pages}" in page_texts[number - 1]
    # The table of contents gives each section's page, and that page starts the section.
    contents = page_texts[1]
    listed = re.search(r"전단지 전화번호\s*\.+\s*(\d+)", contents)
    assert listed is not None, contents
    assert "전단지 전화번호" in page_texts[int(listed.group(1)) - 1]
    # Hostile text reads as text (in reading order, without the line breaks of narrow columns).
    flat = re.sub(r"\s+", "", _run("pdftotext", "-raw", str(pdf), "-"))
    assert "<script>alert('x')</script>메시지" in flat and "invoice[U+202E]gpj.exe" in flat
    # 150 message rows break across pages; every one of those pages repeats the header.
    message_pages = [p for p in page_texts if "needle-0" in p or re.search(r"^\s*2\d\d\s", p, re.M)]
    header_pages = [p for p in page_texts if re.search(r"No\.\s+Time \(KST\)\s+Direction", p)]
    assert len(header_pages) >= 2 and message_pages
    assert "전체 25,000행 중 처음 150행을 표시합니다." in text
    assert "report.xlsx의 “Messages” 시트" in text
    # The flyer photos: the page that shows them has red outlines around the numbers.
    photo_page = next(i for i, p in enumerate(page_texts) if "전화번호 위치 표시 사진" in p) + 1
    _run("pdftoppm", "-r", "60", "-png", "-f", str(photo_page), "-l", str(photo_page),
         str(pdf), str(tmp_path / "page"))  # fmt: skip
    image = next(tmp_path.glob("page*.png"))
    with Image.open(image) as rendered:
        pixels = np.asarray(rendered.convert("RGB")).reshape(-1, 3).astype(int)
    red = int(((pixels[:, 0] > 200) & (pixels[:, 1] < 60) & (pixels[:, 2] < 80)).sum())
    assert red > 50
    # No word runs off the paper: unbroken strings (the custody signature, hashes, long
    # names) wrap inside their cells.
    boxes = _run("pdftotext", "-bbox", str(pdf), "-")
    page_widths = [float(w) for w in re.findall(r'<page width="([\d.]+)"', boxes)]
    assert len(page_widths) == pages
    overflowing = []
    for page_number, page in enumerate(boxes.split("<page ")[1:]):
        for x_max, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', page):
            if float(x_max) > page_widths[page_number] - 10:
                overflowing.append((page_number + 1, word))
    assert not overflowing, overflowing[:5]


def test_a_case_title_with_an_override_is_shown_as_its_code_in_headings(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    # Table cells showed U+202E as a tag, but the case title in the HTML's <title> and <h1>
    # and the PDF's cover was printed as it was: "\u202eevil" read "live".
    case = workstation.cases.create(actor, "불법대부 \u202eevil\u0007", number="2026-RLO")
    out = tmp_path / "report"
    workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=["html", "pdf"], section_ids=["cover"])
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in page and "\u0007" not in page
    assert "<h1>불법대부 [U+202E]evil[U+0007]</h1>" in page
    cover = _run("pdftotext", "-layout", str(out / "report.pdf"), "-").split("\f")[0]
    assert "[U+202E]evil[U+0007]" in cover and "live" not in cover, cover
