"""A report's manifest, its custody entry and `verify`: intact, changed, missing, added,
rewritten, or unknown to the log."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from forensics_app.reports.manifest import write_manifest
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.services.reports import REPORT_KIND, ReportRequest
from tests.reports.case_data import CaseData


def test_report_is_recorded_and_verifies_then_tampering_is_named(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    before = workstation.custody.verify_chain().head_seq
    result = workstation.reports.generate(
        actor, ReportRequest(case_data.case.id, out, formats=["html", "csv"])
    )
    entry = workstation.custody.entries(case_id=case_data.case.id, limit=1)[0]
    assert entry.seq == result.custody_seq > before and entry.action == "export"
    assert entry.actor == actor.label
    details = json.loads(entry.details)
    assert details["kind"] == REPORT_KIND
    assert details["manifest_sha256"] == result.manifest_sha256
    assert details["sections"] == [  # the full case: every section, in report order
        "cover", "evidence", "device_summary", "device_messages", "device_calls",
        "device_contacts", "device_tagged", "flyers", "number_xref", "block_requests",
        "timeline", "charts",
    ]  # fmt: skip
    assert workstation.custody.verify_chain().ok
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert listed == on_disk - {"manifest.json"}
    assert manifest["custody_head"]["seq"] == before
    assert manifest["case"]["number"] == case_data.case.number
    # Anyone can check the files with coreutils.
    checked = subprocess.run(
        ["sha256sum", "--check", "--quiet", "SHA256SUMS"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    good = workstation.reports.verify(out)
    assert good.files.intact and good.known and good.recorded is not None
    assert good.recorded.seq == result.custody_seq

    chunk = out / "data" / "evidence_items" / "00000.js"
    chunk.write_text(chunk.read_text(encoding="utf-8").replace("EX-0001", "EX-0009"), "utf-8")
    (out / "images" / "numbers_per_week.png").unlink()
    (out / "extra.html").write_text("<p>added later</p>", encoding="utf-8")
    bad = workstation.reports.verify(out)
    assert bad.files.changed == ["data/evidence_items/00000.js"]
    assert bad.files.missing == ["images/numbers_per_week.png"]
    assert bad.files.added == ["extra.html"]
    assert bad.known  # the manifest itself is still the recorded one

    # Someone rewrites the manifest to match the changes: the files "agree", the log does not.
    (out / "extra.html").unlink()
    shutil.copyfile(
        out / "images" / "requests_per_state.png", out / "images" / "numbers_per_week.png"
    )
    (out / "manifest.json").unlink()
    (out / "SHA256SUMS").unlink()
    write_manifest(out, {key: manifest[key] for key in ("case", "generated_at", "sections")})
    forged = workstation.reports.verify(out / "manifest.json")
    assert forged.files.intact and not forged.known and forged.recorded is None


def test_a_report_from_another_database_is_intact_but_unknown(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    workstation.reports.generate(actor, ReportRequest(case_data.case.id, out, formats=["csv"]))
    other = Workstation.open(f"sqlite:///{tmp_path / 'other.sqlite3'}", workstation.clock)
    try:
        result = other.reports.verify(out)
    finally:
        other.close()
    assert result.files.intact and not result.known


def test_verify_refuses_a_folder_that_is_not_a_report(
    workstation: Workstation, tmp_path: Path
) -> None:
    from forensics_app.errors import UserError

    (tmp_path / "half").mkdir()
    with pytest.raises(UserError, match="not a complete report"):
        workstation.reports.verify(tmp_path / "half")
    (tmp_path / "half" / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="not a report manifest"):
        workstation.reports.verify(tmp_path / "half")


@pytest.mark.parametrize(
    ("content", "korean"),
    [
        (
            b'{"format": "forensics-app-report/1", "files": [5]}',
            "이 프로그램이 만든 보고서의 목록이 아님",
        ),
        (b'{"format": "forensics-app-report/1", "files": [{"path": 5}]}', "이 프로그램이 만든"),
        (b"[1, 2]", "이 프로그램이 만든 보고서의 목록이 아님"),
        (b'{"files": 5', "JSON이 아님: 1번째 줄 12번째 열"),
        (b"\xff\xfe\x00", "UTF-8 텍스트가 아님"),
    ],
    ids=["entry-not-an-object", "path-not-text", "a-list", "cut-short", "not-utf8"],
)
def test_a_hostile_manifest_is_refused_with_a_reason_in_the_readers_language(
    workstation: Workstation, tmp_path: Path, content: bytes, korean: str
) -> None:
    # An entry that was not an object made verify fail with an internal error (AttributeError),
    # and the reasons were Python's English ("'list' object has no attribute 'get'").
    from forensics_app.errors import UserError
    from forensics_app.messages import describe

    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "manifest.json").write_bytes(content)
    with pytest.raises(UserError) as refused:
        workstation.reports.verify(tmp_path / "report")
    shown = describe(refused.value, "ko")
    assert "보고서 목록(manifest)이 아닙니다" in shown and korean in shown, shown
    assert "object" not in shown and "codec" not in shown, shown


def test_a_fifo_in_a_files_place_or_as_the_manifest_is_told_not_waited_on(
    workstation: Workstation, actor: Actor, case_data: CaseData, tmp_path: Path
) -> None:
    # Verify opened a FIFO put in a listed file's place (or the manifest's) to hash it, and
    # waited for a writer for ever.
    import os

    from forensics_app.errors import UserError

    out = tmp_path / "report"
    workstation.reports.generate(actor, ReportRequest(case_data.case.id, out, formats=["csv"]))
    victim = next(p for p in sorted((out / "csv").iterdir()) if p.suffix == ".csv")
    victim.unlink()
    os.mkfifo(victim)
    result = workstation.reports.verify(out)
    assert not result.files.intact and result.files.changed == [f"csv/{victim.name}"]
    (out / "manifest.json").unlink()
    os.mkfifo(out / "manifest.json")
    with pytest.raises(UserError, match="not a report manifest"):
        workstation.reports.verify(out)
