"""Bad input gets a clear message and changes nothing: an existing, read-only or full
destination, a case with no evidence, missing or unreadable photos, cancel and crash
mid-way. A report cut short never appears under its name and is never recorded."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from forensics_app.errors import UserError
from forensics_app.progress import Cancelled
from forensics_app.reports.builder import build
from forensics_app.reports.i18n import Translator
from forensics_app.reports.sections import resolve_sections
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import ReportRequest
from tests.reports.case_data import CaseData
from tests.reports.synthetic import GeneratedArtifacts


def _custody_count(workstation: Workstation) -> int:
    return workstation.custody.verify_chain().entries_checked


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@contextlib.contextmanager
def _mounted(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_existing_destination_is_refused_and_left_alone(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    count = _custody_count(workstation)
    with pytest.raises(UserError, match="already exists"):
        workstation.reports.generate(actor, ReportRequest(case_data.case.id, target))
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert _leftovers(target) == ["keep.txt"]
    assert _custody_count(workstation) == count
    with pytest.raises(UserError, match="Folder not found"):
        workstation.reports.generate(actor, ReportRequest(case_data.case.id, tmp_path / "no" / "r"))


def test_read_only_and_full_destinations(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    count = _custody_count(workstation)
    with _mounted(tmp_path / "ro", "ro,size=4m") as read_only:
        with pytest.raises(UserError, match="Cannot write"):
            workstation.reports.generate(actor, ReportRequest(case_data.case.id, read_only / "r"))
        assert _leftovers(read_only) == []
    # 1 MiB: the Korean fonts alone (4 MB) do not fit.
    with _mounted(tmp_path / "full", "size=1m") as full:
        with pytest.raises(UserError, match="Not enough space"):
            workstation.reports.generate(actor, ReportRequest(case_data.case.id, full / "r"))
        assert _leftovers(full) == []  # the staging folder is gone too
    assert _custody_count(workstation) == count


def test_case_without_evidence_still_reports(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "빈 사건", number="EMPTY-1")
    out = tmp_path / "r"
    workstation.reports.generate(
        actor, ReportRequest(case.id, out, formats=["html", "pdf", "xlsx", "csv"])
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "이 사건에 등록된 증거물이 없습니다." in page
    assert "이 사건의 전단지 사진에서 판독된 전화번호가 없습니다." in page
    assert workstation.reports.verify(out).known


def test_missing_and_unreadable_photos_are_named_not_fatal(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    (case_data.photos / "lending.jpg").unlink()
    (case_data.photos / "massage.jpg").write_bytes(b"\xff\xd8\xff garbage, not a JPEG")
    out = tmp_path / "r"
    workstation.reports.generate(
        actor, ReportRequest(case_data.case.id, out, formats=["html", "pdf"])
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "사진 파일 없음" in page and "사진을 읽을 수 없음" in page
    assert len(list((out / "images" / "flyer_photos").iterdir())) == 1  # the good one


def test_every_string_of_a_korean_report_is_translated(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    request = ReportRequest(case_data.case.id, tmp_path / "r", formats=["html", "pdf"])
    context = workstation.reports.context(actor, request)
    folder = tmp_path / "staging"
    folder.mkdir()
    build(context, resolve_sections(workstation.reports.preset_sections("full_case")),
          ["html", "pdf", "xlsx", "csv"], folder)  # fmt: skip
    for section in workstation.reports.sections():  # the dialog shows these too
        context.translator(section.title)
        context.translator(section.description)
    for preset in workstation.reports.presets():
        context.translator(preset.title)
    assert context.translator.missing == set()
    assert Translator("en")("Evidence") == "Evidence"


class _CancelAfter:
    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.seen = 0

    def begin(self, total: int | None, label: object, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1, detail: str = "") -> None:
        self.seen += amount

    def is_cancelled(self) -> bool:
        return self.seen >= self.rows


def test_cancel_midway_leaves_nothing(
    workstation: Workstation,
    actor: Actor,
    case_data: CaseData,
    generated_section: type[GeneratedArtifacts],
    tmp_path: Path,
) -> None:
    count = _custody_count(workstation)
    progress = _CancelAfter(12_000)
    (tmp_path / "out").mkdir()
    with pytest.raises(Cancelled):
        workstation.reports.generate(
            actor,
            ReportRequest(
                case_data.case.id,
                tmp_path / "out" / "r",
                formats=["html", "xlsx"],
                section_ids=[generated_section.id],
            ),
            progress,
        )
    assert 12_000 <= progress.seen < 25_000
    assert _leftovers(tmp_path / "out") == []
    assert _custody_count(workstation) == count


CRASHING = """
import sys, time
from pathlib import Path
from forensics_app.reports.sections import register_section
from forensics_app.services import Workstation
from forensics_app.services.reports import ReportRequest
from tests.conftest import PASSWORD
from tests.reports.synthetic import GeneratedArtifacts, artifact_rows

class Slow(GeneratedArtifacts):
    rows = 10_000_000

register_section(Slow)
workstation = Workstation.open(sys.argv[1])
actor = workstation.examiners.sign_in("1001", PASSWORD)
case = workstation.cases.resolve(sys.argv[3])
workstation.reports.generate(actor, ReportRequest(case.id, Path(sys.argv[2]), formats=["html"],
                             section_ids=["generated_artifacts"]))
"""


def test_a_crash_midway_never_looks_complete(
    workstation: Workstation, db_url: str, case_data: CaseData, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("one database is enough to kill a process")
    count = _custody_count(workstation)
    target = tmp_path / "r"
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING, db_url, str(target), case_data.case.number],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while time.monotonic() < deadline and not staging:
        staging = [p for p in tmp_path.glob(".r.partial-*/data/messages/00003.js")]
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert staging, "the report never got going"
    assert not target.exists()
    leftover = next(tmp_path.glob(".r.partial-*"))
    with pytest.raises(UserError, match="not a complete report"):
        workstation.reports.verify(leftover)
    assert _custody_count(workstation) == count
