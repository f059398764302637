"""Items 4, 5, 10 and 11 of issue 10: batches over hostile media go on, say what they did not
take and why, and exit with a documented code for "done, with failures"."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from forensics_app.cli import EXIT_DONE_WITH_FAILURES
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import ItemKind
from tests.cli.conftest import Cli
from tests.conftest import PASSWORD
from tests.hostile.corpus import every_control_is_escaped
from tests.hostile.filesystem import (
    cp949_name,
    restore_modes,
    symlink_tree,
    unreadable_tree,
    without_root_read_override,
    write_bytes_named,
)
from tests.ocr.helpers import draw_flyer


def _details(workstation: Workstation, action: str) -> list[dict[str, Any]]:
    return [json.loads(e.details) for e in workstation.custody.entries() if e.action == action]


def test_names_that_are_not_utf8_are_catalogued_shown_and_verified(
    signed_in: Cli, tmp_path: Path, workstation: Workstation
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    photo = write_bytes_named(folder, cp949_name("사진", ".jpg"), b"cp949 photo")
    write_bytes_named(folder, cp949_name("메모", ".txt"), b"cp949 memo")
    (folder / "plain.bin").write_bytes(b"utf-8 name")
    assert signed_in("--examiner", "1001", "case", "new", "Media", "--number", "M")[0] == 0
    code, out, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "M", "--kind", "storage_media",
        str(folder),
    )  # fmt: skip
    assert code == 0, err
    assert out.split("\t")[2] == "3 files"
    code, shown, err = signed_in("evidence", "show", "--case", "M", "EX-0001")
    assert code == 0 and "usb/\ufffd\ufffd\ufffd\ufffd.jpg" in shown

    hashed = _details(workstation, "hash")
    raw = {d["path_hex"] for d in hashed if "path_hex" in d}
    assert photo.encode("utf-8", "surrogateescape").hex() in raw and len(raw) == 2
    code, out, err = signed_in("--examiner", "1001", "verify", "--case", "M")
    assert code == 0, err
    assert "files: 3 checked, 3 ok, 0 failed" in out  # reopened by their own bytes


def test_unreadable_files_and_folders_are_recorded_and_the_batch_goes_on(
    signed_in: Cli, tmp_path: Path, workstation: Workstation
) -> None:
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    folder = unreadable_tree(tmp_path)
    case = workstation.cases.create(actor, "Seized PC", number="PC")
    try:
        with without_root_read_override():
            result = workstation.evidence.add_item(
                actor, case.id, ItemDraft(ItemKind.COMPUTER), [folder]
            )
            code, out, err = signed_in(
                "--examiner", "1001", "evidence", "add", "--case", "PC", "--kind", "computer",
                str(folder),
            )  # fmt: skip
    finally:
        restore_modes(folder)
    assert result.files_added == 1
    assert sorted(note.kind for note in result.failures) == ["unreadable", "unreadable"]
    assert any("secret.bin" in note and "cannot be read" in note for note in result.failures)
    assert any("locked" in note and "cannot read this folder" in note for note in result.failures)
    catalogued = [d for d in _details(workstation, "create") if d["event"] == "item.catalogued"]
    assert [len(d["not_catalogued"]) for d in catalogued] == [2, 2]  # custody says what is left out

    assert code == EXIT_DONE_WITH_FAILURES, err
    assert "\t1 file\t" in out
    assert "secret.bin" in err and "Permission denied" in err
    assert "not catalogued: 2 unreadable" in err


def test_symbolic_links_and_loops_are_named_in_the_summary(
    signed_in: Cli, tmp_path: Path, workstation: Workstation
) -> None:
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    folder = symlink_tree(tmp_path)
    case = workstation.cases.create(actor, "Links", number="L")
    result = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.OTHER), [folder])
    assert result.files_added == 1
    kinds = sorted(note.kind for note in result.skipped)
    assert kinds == ["symlink", "symlink", "symlink_loop", "symlink_loop"]
    assert not result.failures  # links are left out by policy, not failures
    code, _, err = signed_in(
        "--examiner", "1001", "evidence", "add", "--case", "L", "--kind", "other", str(folder)
    )
    assert code == 0, err
    assert (
        "evidence/self: symbolic link loop" in err and "evidence/sub/up: symbolic link loop" in err
    )
    assert (
        "not catalogued: 2 symbolic links, not followed, 2 symbolic link loops, not followed" in err
    )


@pytest.mark.slow
def test_ocr_batch_with_failed_photos_and_a_cp949_name_exits_done_with_failures(
    signed_in: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "flyers"
    folder.mkdir()
    image, _ = draw_flyer([("급전 대출", 64), ("010-3141-5926", 80)])
    image.save(folder / "plain.jpg")
    image, _ = draw_flyer([("출장 마사지", 64), ("010-2718-2818", 80)])
    image.save(Path(write_bytes_named(folder, cp949_name("전단지", ".jpg"), b"")))
    for number in range(5):
        (folder / f"broken_{number}.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated %d" % number)
    assert signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F")[0] == 0
    numbers = tmp_path / "numbers.csv"
    code, out, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F", str(folder), "--jobs", "1",
        "--csv", str(numbers),
    )  # fmt: skip
    assert code == EXIT_DONE_WITH_FAILURES, err
    assert "7 photos catalogued" in out and "5 unreadable" in out and "2 numbers" in out
    assert every_control_is_escaped(out + err)
    with numbers.open(encoding="utf-8-sig") as handle:
        rows = {Path(r["file"]).name: r["e164"] for r in csv.DictReader(handle)}
    assert rows["plain.jpg"] == "+821031415926"
    cp949_rows = [name for name in rows if "\ufffd" in name]
    assert len(cp949_rows) == 1 and rows[cp949_rows[0]] == "+821027182818"
