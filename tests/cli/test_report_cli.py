"""`forensics-app report` and `report verify` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from forensics_app import messages
from forensics_app.reports.manifest import write_manifest
from forensics_app.services import Workstation
from tests.cli.conftest import Cli
from tests.clocks import pinned_clock
from tests.conftest import PASSWORD
from tests.importers import samples
from tests.reports.case_data import build_case


def test_report_and_verify_from_the_command_line(signed_in: Cli, tmp_path: Path) -> None:
    cli = signed_in
    workstation = Workstation.open(cli.db_url, pinned_clock())
    try:
        actor = workstation.examiners.sign_in("1001", PASSWORD)
        data = build_case(workstation, actor, tmp_path / "source")
    finally:
        workstation.close()
    number = data.case.number
    out = tmp_path / "report"
    code, stdout, stderr = cli(
        "--examiner", "1001", "report", "--case", number, "--format", "html,xlsx",
        "--preset", "flyers_and_blocking", "--from", "2026-05-01",
        "--to", "2026-05-05T00:00+09:00", "-o", str(out),
    )  # fmt: skip
    assert code == 0, stderr
    sections = "cover, flyers, number_xref, block_requests, charts"
    assert f"{out}: html, xlsx report of case {number} ({sections})" in stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["time_range"]["since"] == "2026-04-30T15:00:00+00:00"  # midnight KST
    # The period keeps the first week's flyers and leaves out the one seen on 8 May.
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "lending.jpg" in page and "lending_again.jpg" not in page

    code, stdout, _ = cli("report", "verify", str(out))
    assert code == 0 and "intact" in stdout and "recorded as entry" in stdout
    # The report carries the signed chain head: the chain can be checked against it later.
    signed = manifest["chain_head"]
    assert manifest["custody_head"]["signature"] == signed["signature"] != ""
    assert manifest["custody_head"]["seq"] == signed["seq"] >= 1
    code, stdout, stderr = cli("verify", "--chain-only", "--anchor", str(out / "manifest.json"))
    assert code == 0, stderr
    assert "was signed by this workstation" in stdout + stderr

    code, _, stderr = cli("--examiner", "1001", "report", "--case", number, "-o", str(out))
    assert code == 2 and "already exists" in stderr
    # `-o case.pdf` would have made a folder named like a file: refused, nothing made.
    as_file = out.parent / "case-report.pdf"
    code, _, stderr = cli(
        "--examiner", "1001", "report", "--case", number, "--format", "pdf", "-o", str(as_file)
    )  # fmt: skip
    assert code == 2 and "report folder" in stderr and str(out.parent / "case-report") in stderr
    assert not as_file.exists()

    sheet = out / "report.xlsx"
    sheet.write_bytes(sheet.read_bytes() + b"\0")
    code, stdout, stderr = cli("report", "verify", str(out))
    assert code == 1 and "CHANGED: report.xlsx" in stderr and "NOT INTACT" in stdout

    (out / "manifest.json").unlink()
    (out / "SHA256SUMS").unlink()
    write_manifest(out, {"case": manifest["case"], "generated_at": manifest["generated_at"]})
    code, stdout, _ = cli("report", "verify", str(out))
    assert code == 4 and "NOT known" in stdout

    code, _, stderr = cli(
        "--examiner",
        "1001",
        "report",
        "--case",
        number,
        "--sections",
        "nope",
        "-o",
        str(tmp_path / "x"),
    )
    assert code == 2 and "Unknown report section" in stderr
    code, _, stderr = cli(
        "--examiner",
        "1001",
        "report",
        "--case",
        number,
        "--from",
        "yesterday",
        "-o",
        str(tmp_path / "x"),
    )
    assert code == 2 and "--from" in stderr
    # --from after --to (or the same moment): refused in the reader's language, with both
    # moments in the workstation's zone; nothing is written
    for until in ("2026-05-01", "2026-04-30T23:00+09:00"):
        code, _, stderr = cli(
            "--examiner", "1001", "report", "--case", number, "--from", "2026-05-01",
            "--to", until, "-o", str(tmp_path / "x"),
        )  # fmt: skip
        assert code == 2
        assert "is not after --from 2026-05-01T00:00:00+09:00" in stderr
        assert "period would be empty" in stderr
    assert messages.render(
        "--to {until} is not after --from {since}: the report period would be empty "
        "(--to is exclusive). Nothing was written.",
        {"since": "A", "until": "B"},
        "ko",
    ).startswith("--to B이(가) --from A보다 뒤가 아닙니다")
    code, _, stderr = cli(
        "--examiner",
        "1001",
        "report",
        "--case",
        number,
        "--format",
        "docx",
        "-o",
        str(tmp_path / "x"),
    )
    assert code == 2 and "formats are html, pdf, xlsx, csv" in stderr
    code, _, stderr = cli("report", "verify", str(tmp_path / "nowhere"))
    assert code == 2 and "Not found" in stderr
    assert not (tmp_path / "x").exists()
    code, stdout, _ = cli("report", "--list-sections")
    assert code == 0 and "preset flyers_and_blocking" in stdout


def test_device_report_of_an_imported_phone_from_the_command_line(
    signed_in: Cli, tmp_path: Path
) -> None:
    cli = signed_in
    code, _, err = cli("--examiner", "1001", "case", "new", "휴대전화", "--number", "C-14")
    assert code == 0, err
    phone = samples.android_extraction(tmp_path / "phone")
    code, _, err = cli("--examiner", "1001", "import", "--case", "C-14", str(phone))
    assert code == 0, err
    out = tmp_path / "report"
    code, stdout, stderr = cli(
        "--examiner", "1001", "report", "--case", "C-14", "--preset", "device_summary",
        "--format", "xlsx,csv", "--lang", "en", "-o", str(out),
    )  # fmt: skip
    assert code == 0, stderr
    assert "device_messages" in stdout and "number_xref" in stdout
    messages = pd.read_csv(out / "csv" / "messages_ex-0001.csv", encoding="utf-8-sig", dtype=str)
    assert len(messages) == samples.ANDROID_SMS_COUNT
    assert list(messages.columns[-4:]) == [
        "Source file",
        "Source SHA-256",
        "Source table",
        "Source row",
    ]
    assert set(messages["Source file"]) == {"/" + samples.TELEPHONY}
    assert messages["Time (KST)"].iloc[0] == "2024-03-01 10:00:00"  # 01:00 UTC
    code, stdout, _ = cli("report", "verify", str(out))
    assert code == 0 and "intact" in stdout
    code, stdout, _ = cli("report", "--list-sections")
    assert code == 0 and "timeline" in stdout and "device_tagged" in stdout
