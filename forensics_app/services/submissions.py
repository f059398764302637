"""What leaves the workstation for the ministry and the carriers, and what comes back.

A submission package carries evidence photos out; an answer file changes requests. Each is
one unit of work with its custody entry: the block-request library runs the workstation's
entry inside its own transaction (its `audit` hook), so a custody entry that cannot be
written leaves no package and changes nothing, and a package never exists without its entry.
The package also carries the workstation's signed custody-chain head (chain-head.json), so
`forensics-app verify --anchor PACKAGE` can later check the chain against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from blocking.records import PackageResult, ResponseImportReport
from forensics_app.hashing import hash_file
from forensics_app.messages import describe
from forensics_app.progress import NullProgress, ProgressReporter
from forensics_app.services.anchor import CHAIN_HEAD_NAME, sign_current_head
from forensics_app.services.block_requests import blocking_actor
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor

if TYPE_CHECKING:
    from blocking import Blocking
    from forensics_app.services.workstation import Workstation


class SubmissionService:
    def __init__(self, workstation: Workstation, blk: Blocking) -> None:
        self._workstation = workstation
        self._blk = blk

    def export_package(
        self,
        by: Actor,
        request_ids: Iterable[int],
        folder: str | Path,
        *,
        allow_missing_photos: bool = False,
        file_name: str | None = None,
        progress: ProgressReporter | None = None,
    ) -> PackageResult:
        """One zip for approved requests, which become submitted, and its custody entry: all
        or nothing. Refuses (IntegrityFailure) to sign a chain that no longer matches this
        workstation's checkpoints."""
        workstation = self._workstation
        head = sign_current_head(workstation)
        written: list[tuple[int, str, list[tuple[int, str]]]] = []

        def audit(conn: Connection, result: PackageResult) -> None:
            with workstation.db.joined(conn) as session:
                CustodyWriter(session, by, workstation.clock).append(
                    Action.EXPORT,
                    Events.PACKAGE_EXPORTED(
                        name=result.path.name,
                        count=len(result.request_ids),
                        routes=", ".join(result.routes),
                    ),
                    {
                        "path": str(result.path),
                        "sha256": result.sha256,
                        "size": result.size,
                        "requests": result.request_ids,
                        "files": len(result.files),
                        "missing_photos": result.missing_photos,
                        "chain_head": {"seq": head.seq, "head": head.head, "key": head.key_id},
                    },
                )
                if (done := workstation.db.custody_written(session)) is not None:
                    written.append(done)

        result = self._blk.packages.export(
            blocking_actor(by),
            request_ids,
            folder,
            allow_missing_photos=allow_missing_photos,
            file_name=file_name,
            progress=progress or NullProgress(),
            extra_files={CHAIN_HEAD_NAME: head.to_json().encode("utf-8")},
            audit=audit,
        )
        for seq, entry_hash, entries in written:  # committed: sign a checkpoint of them
            workstation.db.custody_committed(seq, entry_hash, entries)
        return result

    def import_responses(
        self,
        by: Actor,
        path: Path,
        *,
        dry_run: bool = False,
        all_or_nothing: bool = False,
        problems_file: Path | None = None,
        progress: ProgressReporter | None = None,
    ) -> ResponseImportReport:
        """Apply an answer file and record it (with the file's SHA-256) in the same
        transaction; a dry run changes and records nothing."""
        workstation = self._workstation
        digest = None if dry_run else hash_file(path)
        written: list[tuple[int, str, list[tuple[int, str]]]] = []

        def audit(conn: Connection, report: ResponseImportReport) -> None:
            assert digest is not None
            with workstation.db.joined(conn) as session:
                CustodyWriter(session, by, workstation.clock).append(
                    Action.IMPORT,
                    Events.RESPONSES_IMPORTED(
                        name=path.name, applied=len(report.planned), rows=report.rows
                    ),
                    {
                        "path": str(path),
                        "sha256": digest.sha256,
                        "encoding": report.encoding,
                        "applied": [
                            [a.request_id, a.from_state, a.to_state] for a in report.planned
                        ],
                        "problems": report.total_problems,
                    },
                )
                if (done := workstation.db.custody_written(session)) is not None:
                    written.append(done)

        report = self._blk.responses.import_file(
            blocking_actor(by),
            path,
            dry_run=dry_run,
            all_or_nothing=all_or_nothing,
            problems_file=problems_file,
            progress=progress or NullProgress(),
            audit=audit,
            describe=describe,  # the problems file speaks the reader's language
        )
        for seq, entry_hash, entries in written:
            workstation.db.custody_committed(seq, entry_hash, entries)
        return report
