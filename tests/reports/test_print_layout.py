"""What a prosecutor sees on paper: a section with a wide table is landscape throughout, so a
heading never sits alone on a page before its table; the phones' chart counts per week, month or
year when they span more days than fit as bars, so years-old messages still show."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from forensics_app.reports.charts import chart_period
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.importers.builders import ANDROID_SMS, build, unix_ms

MATPLOTLIB_BLUE = (0x1F, 0x77, 0xB4)  # the first series' colour (messages)


def _sms_phone(root: Path, moments: list[datetime]) -> Path:
    root.mkdir(parents=True)
    build(
        root / "mmssms.db",
        ANDROID_SMS,
        {
            "threads": [{"_id": 1, "recipient_ids": "1"}],
            "sms": [
                {"_id": n, "thread_id": 1, "address": "010-2345-6789", "date": unix_ms(moment),
                 "type": 1, "read": 1, "body": f"문자 {n}"}
                for n, moment in enumerate(moments, 1)
            ],
        },
    )  # fmt: skip
    return root


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def _blue_pixels(png: Path) -> int:
    with Image.open(png) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.int32)
    distance = np.abs(pixels - np.array(MATPLOTLIB_BLUE)).sum(axis=2)
    return int((distance < 40).sum())


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), "day"),
        (date(2026, 1, 1), date(2026, 4, 30), "day"),  # 120 days: 120 bars
        (date(2026, 1, 1), date(2026, 5, 1), "week"),
        (date(2020, 1, 1), date(2026, 1, 1), "month"),
        (date(2013, 10, 30), date(2020, 5, 7), "month"),  # the real fixtures' span
        (date(2006, 1, 1), date(2026, 1, 1), "year"),
    ],
)
def test_the_chart_period_keeps_the_bars_countable(first: date, last: date, unit: str) -> None:
    assert chart_period(first, last) == unit


def test_a_phone_spanning_years_is_charted_per_month_with_visible_bars(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "오래된 휴대전화", number="SPAN-1")
    moments = [datetime(2013, 10, 30, 3, n, tzinfo=UTC) for n in range(9)]
    moments.append(datetime(2020, 5, 7, 13, 0, tzinfo=UTC))
    workstation.ingest.import_paths(actor, case.id, [_sms_phone(tmp_path / "phone", moments)])
    out = tmp_path / "report"
    workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=["html"], section_ids=["charts"])
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "월별 메시지·통화 수(KST)" in page and "일별 메시지·통화 수" not in page
    # A day's bar on a seven-year axis was a sliver under a pixel wide: a few dozen pixels.
    assert _blue_pixels(out / "images" / "artifacts_per_day.png") > 2_000


def test_a_wide_sections_headings_share_the_page_with_its_table(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "압수 휴대전화", number="WIDE-1")
    moments = [datetime(2026, 5, 1, 3, n, tzinfo=UTC) for n in range(3)]
    item = workstation.ingest.import_paths(
        actor, case.id, [_sms_phone(tmp_path / "phone", moments)]
    ).item
    assert item is not None
    out = tmp_path / "report"
    workstation.reports.generate(
        actor,
        ReportRequest(case.id, out, formats=["pdf"], section_ids=["cover", "device_messages"]),
    )
    pages = _pages(out / "report.pdf")
    table_page = next(p for p in pages if f"메시지 {item.exhibit_number} (3)" in p)
    # The section's heading and the phone's subheading are on the table's page, not alone on
    # a portrait page before it (the table's landscape page used to force a page break).
    assert "문자 1" in table_page
    assert f"{item.exhibit_number} – " in table_page
    assert any(line.strip() == "메시지" for line in table_page.splitlines())
