"""CCTV in a case report: a generated recorder export catalogued through the CCTV service, its
offset recorded and a still exported, then the report as HTML, PDF, XLSX and CSV. The clip
rows, the corrected times in the named zone, the thumbnails, the PDF text, `report verify`,
the report's period, and a case without CCTV (no CCTV section)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from forensics_app.reports.builder import build
from forensics_app.reports.model import TimeRange
from forensics_app.reports.sections import preset_sections, resolve_sections
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.cctv.conftest import START
from tests.cctv.exports import build_export

KST = timezone(timedelta(hours=9))
DAV = "NVR_ch1_main_20210608083312_20210608083316.dav"
CUT = "NVR_ch1_main_20210608083316_20210608083320.dav"
# The recorder showed 14:31:05 when the reference clock said 14:30:00: 65 s fast, so its
# 08:33:12 is 08:32:07 in true time.
CORRECTED = "2021-06-08 08:32:07"


@pytest.fixture(scope="session")
def export_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_export(tmp_path_factory.mktemp("report-export") / "NVR-export")


@dataclass(frozen=True)
class CctvCase:
    case_id: int
    item_id: int
    exhibit: str
    dav_sha256: str
    still: Path
    still_sha256: str


@pytest.fixture
def cctv_case(
    workstation: Workstation, actor: Actor, export_template: Path, tmp_path: Path
) -> CctvCase:
    export = tmp_path / "NVR-export"
    shutil.copytree(export_template, export)
    case = workstation.cases.create(actor, "편의점 절도", number="CCTV-1")
    report = workstation.cctv.catalog(
        actor, case.id, [export], jobs=1, description="<b>1층</b> 녹화기"
    )
    assert report.item is not None
    item = report.item.id
    workstation.cctv.record_offset(
        actor, item, datetime(2026, 5, 1, 14, 31, 5), datetime(2026, 5, 1, 14, 30, tzinfo=KST),
        zone="Asia/Seoul", note="=1+1 phone clock",
    )  # fmt: skip
    dav = next(c for c in workstation.cctv.clips(case_id=case.id) if c.path.endswith(DAV))
    still = workstation.cctv.export_still(actor, dav.id, tmp_path / "still.png", at_s=2.5)
    return CctvCase(case.id, item, report.item.exhibit_number, dav.sha256, still.path, still.sha256)


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_cctv_clips_in_every_format(
    workstation: Workstation, actor: Actor, cctv_case: CctvCase, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    result = workstation.reports.generate(
        actor,
        ReportRequest(cctv_case.case_id, out, formats=["html", "pdf", "xlsx", "csv"]),
    )
    assert "cctv" in result.section_ids
    assert result.section_ids.index("cctv") < result.section_ids.index("flyers")

    # CSV: one row per clip, the recorder's time as it showed it, the corrected one in KST.
    clips = pd.read_csv(
        out / "csv" / f"cctv_clips_{cctv_case.item_id}.csv", encoding="utf-8-sig", dtype=str
    )
    assert len(clips) == 7
    dav = clips[clips["파일"] == f"NVR-export/{DAV}"].iloc[0]
    assert dav["SHA-256"] == cctv_case.dav_sha256
    assert dav["녹화기 표시 시작 시각"] == START.isoformat(sep=" ")
    assert dav["보정 시작 시각 (KST)"] == CORRECTED
    assert dav["사용한 시각 기준"] == "컨테이너" and dav["카메라"] == "ch1"
    assert float(dav["영상 길이(초)"]) == pytest.approx(4.0, abs=0.05)
    assert dav["파일명 기준 시작"] == dav["컨테이너 기준 시작"] == START.isoformat(sep=" ")
    cut = clips[clips["파일"] == f"NVR-export/{CUT}"].iloc[0]
    assert "파일명 기준 시작보다 4초 빠름" in cut["시계 간 불일치"]  # its frames start at :12
    month13 = clips[clips["카메라"] == "ch3"].iloc[0]
    assert "9.0시간 빠름 (Asia/Seoul 시차와 정확히 같음" in month13["시계 간 불일치"]
    assert set(clips.loc[clips["파일"] == "NVR-export/notes.txt", "상태"]) == {"영상 아님"}
    # Each clip's problems, stored as templates, in the report's language.
    problems = dict(zip(clips["파일"], clips["문제점"].fillna(""), strict=True))
    assert problems["NVR-export/empty.dav"] == "영상이 아님: 크기가 0인 파일"
    assert "마지막 DHAV 프레임이 잘림" in problems[f"NVR-export/{CUT}"]
    assert "월 값 13" in problems["NVR-export/ch03_20211308083312_20211308083316.mp4"]
    assert problems[f"NVR-export/{DAV}"] == ""

    recorders = pd.read_csv(out / "csv" / "cctv_recorders.csv", encoding="utf-8-sig", dtype=str)
    (recorder,) = recorders.to_dict("records")
    assert recorder["증거번호"] == cctv_case.exhibit and recorder["설명"] == "<b>1층</b> 녹화기"
    assert float(recorder["시계 오차(초)"]) == 65 and recorder["녹화기 시계"] == "65초 빠름"
    assert "2026-05-01 14:31:05" in recorder["오차 측정 방법"]
    assert "2026-05-01 14:30:00 (KST)" in recorder["오차 측정 방법"]
    assert recorder["비고"] == "'=1+1 phone clock"  # formula neutralised in the CSV

    stills = pd.read_csv(out / "csv" / "cctv_stills.csv", encoding="utf-8-sig", dtype=str)
    (still,) = stills.to_dict("records")
    assert still["정지 화면 SHA-256"] == cctv_case.still_sha256
    assert still["정지 화면 SHA-256"] == hashlib.sha256(cctv_case.still.read_bytes()).hexdigest()
    assert still["영상 파일"] == f"NVR-export/{DAV}"
    assert still["프레임"] == "62" and still["영상 SHA-256"] == cctv_case.dav_sha256
    assert still["보정 시각 (KST)"] == "2021-06-08 08:32:09"  # frame 62: 2.48 s in

    # The workbook: corrected times typed as dates, recorder times kept as text.
    book = openpyxl.load_workbook(out / "report.xlsx")
    (name,) = [n for n in book.sheetnames if n.startswith("영상 파일 ")]
    rows = [[c.value for c in row] for row in book[name].iter_rows()]
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("파일")] == f"NVR-export/{DAV}")
    assert row[header.index("보정 시작 시각 (KST)")] == datetime(2021, 6, 8, 8, 32, 7)
    assert row[header.index("녹화기 표시 시작 시각")] == START.isoformat(sep=" ")

    # The HTML: the section, the thumbnails as images of the folder, hostile text escaped.
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "CCTV 녹화기" in page and "영상 썸네일(첫 프레임)" in page
    assert "<b>1층</b>" not in page
    thumbnails = sorted((out / "images" / "cctv_thumbnails").iterdir())
    assert len(thumbnails) == 4  # the four decodable clips (two .dav, two .mp4)
    assert all(p.stat().st_size > 1000 for p in thumbnails)
    assert 'src="images/cctv_thumbnails/00000.jpg"' in page

    # The PDF: the headings, the corrected time, the thumbnails embedded.
    text = _pdftotext(out / "report.pdf")
    assert "CCTV 영상" in text and "CCTV 녹화기" in text and CORRECTED in text
    assert "영상 썸네일(첫 프레임)" in text and DAV in re.sub(r"\s+", "", text)
    images = subprocess.run(
        ["pdfimages", "-list", str(out / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.splitlines()) - 2 >= 4

    verified = workstation.reports.verify(out)
    assert verified.files.intact and verified.known


def test_the_period_applies_to_corrected_starts_and_every_word_is_korean(
    workstation: Workstation, actor: Actor, cctv_case: CctvCase, tmp_path: Path
) -> None:
    moment = datetime(2021, 6, 8, 8, 32, 7, tzinfo=KST)
    inside = TimeRange(moment - timedelta(minutes=1), moment + timedelta(minutes=1))
    before = TimeRange(moment - timedelta(days=2), moment - timedelta(days=1))
    for number, (period, expected) in enumerate([(inside, 4), (before, 0)]):
        out = tmp_path / f"report{number}"
        workstation.reports.generate(
            actor,
            ReportRequest(cctv_case.case_id, out, formats=["csv"], section_ids=["cctv"],
                          time_range=period),
        )  # fmt: skip
        path = out / "csv" / f"cctv_clips_{cctv_case.item_id}.csv"
        if expected:
            clips = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
            assert len(clips) == expected  # the clips with a corrected time
            assert set(clips["보정 시작 시각 (KST)"]) == {CORRECTED}
        else:
            assert not path.exists()
            summary = pd.read_csv(out / "csv" / "summary.csv", encoding="utf-8-sig", dtype=str)
            assert ("영상 파일", "0") in set(zip(summary["구분"], summary["값"], strict=True))

    request = ReportRequest(cctv_case.case_id, tmp_path / "unused")
    context = workstation.reports.context(actor, request)
    folder = tmp_path / "staging"
    folder.mkdir()
    sections = resolve_sections(preset_sections("full_case"))
    build(context, sections, ["html", "pdf", "xlsx", "csv"], folder)
    assert context.translator.missing == set()


def test_a_case_without_cctv_has_no_cctv_section(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "영상 없는 사건", number="NOCCTV-1")
    out = tmp_path / "report"
    result = workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=["html", "csv"])
    )
    assert "cctv" not in result.section_ids and "evidence" in result.section_ids
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "CCTV 녹화기" not in page and "영상 썸네일" not in page
    assert not list((out / "csv").glob("cctv_*.csv"))
    assert workstation.reports.verify(out).files.intact
