"""Items 1 and 2 of issue 10: someone with write access to the database (SQLite file or
PostgreSQL server) rewrites history the way the probe did. `verify` must catch each attack and
name the first entry where the chain parts from what the workstation signed."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection

from forensics_app import config
from forensics_app.cli import EXIT_INTEGRITY_FAILURE
from forensics_app.enums import CaseStatus
from forensics_app.services import Workstation
from forensics_app.services.anchor import (
    CHAIN_HEAD_NAME,
    KEY_FILE,
    SignedHead,
    load_signed_head,
    sign_current_head,
)
from forensics_app.services.custody import entry_digest
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, ItemKind, ItemStatus
from forensics_app.storage.models import VerificationResult
from tests.cli.conftest import Cli
from tests.conftest import PASSWORD

_COLUMNS = (
    "recorded_at, examiner_id, actor, action, case_id, item_id, file_id, summary, details, "
    "prev_hash"
)


class Insider:
    """Write access to the database, and knowledge of the hash algorithm."""

    def __init__(self, workstation: Workstation) -> None:
        self.db = workstation.db

    @contextmanager
    def _unguarded(self) -> Iterator[Connection]:
        """A transaction in which the append-only triggers of the custody log are gone."""
        with self.db.engine.begin() as conn:
            if self.db.is_sqlite:
                conn.exec_driver_sql("DROP TRIGGER IF EXISTS custody_log_no_update")
                conn.exec_driver_sql("DROP TRIGGER IF EXISTS custody_log_no_delete")
            else:
                conn.exec_driver_sql(
                    "ALTER TABLE custody_log DISABLE TRIGGER custody_log_append_only"
                )
            yield conn

    def rewrite(self, seq: int, **changes: str) -> None:
        """Change entry `seq`, then recompute its hash, every later hash and the head."""
        with self._unguarded() as conn:
            for column, value in changes.items():
                conn.exec_driver_sql(
                    f"UPDATE custody_log SET {column} = %s WHERE seq = {seq}"
                    if not self.db.is_sqlite
                    else f"UPDATE custody_log SET {column} = ? WHERE seq = {seq}",
                    (value,),
                )
            self._rechain(conn, seq)

    def drop_last(self) -> int:
        """Delete the newest entry and move the head back onto the one before."""
        with self._unguarded() as conn:
            last = conn.exec_driver_sql("SELECT max(seq) FROM custody_log").scalar_one()
            conn.exec_driver_sql(f"DELETE FROM custody_log WHERE seq = {last}")
            before = conn.exec_driver_sql(
                f"SELECT entry_hash FROM custody_log WHERE seq = {last - 1}"
            ).scalar_one()
            conn.exec_driver_sql(
                f"UPDATE custody_chain_head SET seq = {last - 1}, entry_hash = '{before}'"
            )
        return int(last)

    def rewrite_file_row(self, file_id: int, sha256: str, md5: str, size: int) -> None:
        with self.db.engine.begin() as conn:
            conn.exec_driver_sql(
                f"UPDATE evidence_files SET sha256 = '{sha256}', md5 = '{md5}', size = {size} "
                f"WHERE id = {file_id}"
            )

    @staticmethod
    def _rechain(conn: Connection, start: int) -> None:
        prev = conn.exec_driver_sql(
            f"SELECT entry_hash FROM custody_log WHERE seq = {start - 1}"
        ).scalar_one()
        rows = conn.exec_driver_sql(
            f"SELECT seq, {_COLUMNS} FROM custody_log WHERE seq >= {start} ORDER BY seq"
        ).all()
        for row in rows:
            seq, recorded_at, examiner, actor, action, case, item, file, summary, details, _ = row
            digest = entry_digest(
                recorded_at, examiner, actor, action, case, item, file, summary, details, prev
            )
            conn.exec_driver_sql(
                f"UPDATE custody_log SET prev_hash = '{prev}', entry_hash = '{digest}' "
                f"WHERE seq = {seq}"
            )
            prev = digest
        conn.exec_driver_sql(
            f"UPDATE custody_chain_head SET seq = {rows[-1][0]}, entry_hash = '{prev}'"
        )


def _history(workstation: Workstation, actor: Actor, tmp_path: Path) -> Path:
    """Seven entries, one action each from entry 5 on:
    1 examiner, 2 case, 3-4 item + its file, 5-6 two status changes, 7 case closed."""
    case = workstation.cases.create(actor, "Seized phone", number="I-1")
    evidence = tmp_path / "phone.img"
    evidence.write_bytes(b"original evidence " * 100)
    item = workstation.evidence.add_item(actor, case.id, ItemDraft(ItemKind.PHONE), [evidence]).item
    workstation.evidence.set_status(actor, item.id, ItemStatus.IN_ANALYSIS)
    workstation.evidence.set_status(actor, item.id, ItemStatus.IN_CUSTODY)
    workstation.cases.set_status(actor, case.id, CaseStatus.CLOSED)
    assert workstation.custody.head()[0] == 7
    assert workstation.verification.verify(None, files=False).ok
    return evidence


def _problems(workstation: Workstation, actor: Actor | None = None) -> list[tuple[str, int]]:
    result = workstation.verification.verify(actor, files=actor is not None)
    assert result.chain is not None
    return [(p.kind, p.seq) for p in result.chain.problems]


def test_entry_5_edited_and_every_later_hash_recomputed_is_caught(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    _history(workstation, actor, tmp_path)
    Insider(workstation).rewrite(5, summary="Item EX-0001: in_custody → returned")
    chain = workstation.custody.verify_chain()
    assert chain.ok, "the chain alone looks intact: the insider recomputed every hash"
    problems = _problems(workstation)
    assert problems == [("parted", 5)]
    result = workstation.verification.verify(None, files=False)
    assert result.chain is not None and "at entry 5" in result.chain.problems[0].message


def test_last_entry_dropped_and_head_moved_back_is_caught(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    _history(workstation, actor, tmp_path)
    assert Insider(workstation).drop_last() == 7
    assert workstation.custody.verify_chain().ok, "the chain alone looks intact"
    assert _problems(workstation) == [("cut_back", 7)]


def test_swapped_file_with_rewritten_row_is_caught(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    evidence = _history(workstation, actor, tmp_path)
    forged = b"planted evidence " * 100
    evidence.write_bytes(forged)
    import hashlib

    sha256, md5 = hashlib.sha256(forged).hexdigest(), hashlib.md5(forged).hexdigest()
    (file_row,) = workstation.evidence.files(workstation.evidence.resolve_item(1, "EX-0001").id)
    Insider(workstation).rewrite_file_row(file_row.id, sha256, md5, len(forged))
    result = workstation.verification.verify(actor)
    assert result.files is not None and not result.ok
    (problem,) = result.files.problems
    assert problem.result == VerificationResult.MISMATCH
    assert "catalogue row was rewritten" in problem.message and sha256 in problem.message


def test_swapped_file_with_rewritten_row_and_custody_entry_is_caught(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    """The thorough insider also rewrites the custody entry that recorded the hash."""
    evidence = _history(workstation, actor, tmp_path)
    forged = b"planted evidence " * 100
    evidence.write_bytes(forged)
    import hashlib

    sha256, md5 = hashlib.sha256(forged).hexdigest(), hashlib.md5(forged).hexdigest()
    (file_row,) = workstation.evidence.files(workstation.evidence.resolve_item(1, "EX-0001").id)
    insider = Insider(workstation)
    insider.rewrite_file_row(file_row.id, sha256, md5, len(forged))
    entry = next(e for e in workstation.custody.iter_entries() if e.action == "hash")
    details = json.loads(entry.details)
    details.update(sha256=sha256, md5=md5, size=len(forged))
    insider.rewrite(
        entry.seq,
        details=json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    )
    result = workstation.verification.verify(actor)
    assert result.files is not None and result.files.ok, "files, row and entry now agree"
    assert result.chain is not None
    assert [(p.kind, p.seq) for p in result.chain.problems] == [("parted", entry.seq)]


def test_cli_verify_and_verify_anchor_name_the_entry(
    signed_in: Cli, workstation: Workstation, tmp_path: Path
) -> None:
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    _history(workstation, actor, tmp_path)
    head = sign_current_head(workstation)
    anchor = tmp_path / "report-head.json"
    anchor.write_text(head.to_json(), encoding="utf-8")
    code, out, err = signed_in("--examiner", "1001", "verify", "--anchor", str(anchor))
    assert code == 0, err
    assert "was signed by this workstation" in err and "intact" in out

    Insider(workstation).rewrite(5, summary="rewritten")
    code, out, err = signed_in("--examiner", "1001", "verify", "--chain-only")
    assert code == EXIT_INTEGRITY_FAILURE
    assert "CUSTODY CHAIN BROKEN: the chain parts from what was signed at entry 5" in err

    # Someone else's workstation: only the signed head from the report to go by.
    checkpoints = Path(workstation.anchor.path)
    checkpoints.rename(checkpoints.with_suffix(".moved"))
    code, out, err = signed_in("verify", "--chain-only", "--anchor", str(anchor))
    assert code == EXIT_INTEGRITY_FAILURE
    assert "between entries 1 and 7" in err and "the signed head in" in err
    code, out, err = signed_in("verify", "--chain-only")
    assert code == 0 and "no signed checkpoints" in err  # without an anchor: blind


def test_a_forged_signed_head_is_refused(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    _history(workstation, actor, tmp_path)
    head = sign_current_head(workstation)
    forged = SignedHead(**{**head.to_dict(), "seq": 3})
    path = tmp_path / "forged.json"
    path.write_text(forged.to_json(), encoding="utf-8")
    assert load_signed_head(path).seq == 3
    result = workstation.verification.verify(None, files=False, anchor_file=path)
    assert result.chain is not None
    assert [p.kind for p in result.chain.problems] == ["signature"]


def test_checkpoint_file_edits_are_caught(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    _history(workstation, actor, tmp_path)
    path = workstation.anchor.path
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:2] + lines[3:]))  # a line taken out of the middle
    kinds = [kind for kind, _ in _problems(workstation)]
    assert kinds == ["checkpoint_file"]


def test_the_key_is_private_and_the_package_carries_the_signed_head(
    signed_in: Cli, workstation: Workstation, tmp_path: Path
) -> None:
    actor = workstation.examiners.sign_in("1001", PASSWORD)
    _history(workstation, actor, tmp_path)
    key = config.data_dir() / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.stat().st_uid == os.geteuid()

    monkey = pytest.MonkeyPatch()
    monkey.setattr("sys.stdin", __import__("io").StringIO(PASSWORD + "\n"))
    code, _, err = signed_in(
        "--examiner", "1001", "examiner", "add", "Lee", "--badge", "2002", "--role", "reviewer",
        "--password-stdin",
    )  # fmt: skip
    monkey.undo()
    assert code == 0, err
    assert signed_in("--examiner", "1001", "numbers", "add", "010-1234-5678", "--category",
                     "lending")[0] == 0  # fmt: skip
    assert signed_in("--examiner", "1001", "block", "queue")[0] == 0
    assert signed_in("--examiner", "2002", "block", "approve", "--all")[0] == 0
    folder = tmp_path / "usb"
    folder.mkdir()
    code, out, err = signed_in(
        "--examiner", "2002", "block", "export", "--all-approved", "-o", str(folder),
        "--allow-missing-photos",
    )  # fmt: skip
    assert code == 0, err
    package = Path(out.split("\t")[0])
    with zipfile.ZipFile(package) as archive:
        head = SignedHead.from_dict(json.loads(archive.read(CHAIN_HEAD_NAME)), "package")
        assert f"  {CHAIN_HEAD_NAME}" in archive.read("manifest.sha256").decode()
    assert head.signature_valid() and head.key_id == workstation.anchor.key.key_id
    code, out, err = signed_in("verify", "--chain-only", "--anchor", str(package))
    assert code == 0, err
