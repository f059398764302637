"""Verifying a case: one call for the CLI and the GUI.

It re-hashes the evidence files (each against its catalogue row and against the hashes its
custody entry recorded), walks the custody chain, and compares the chain with every head this
workstation signed (its checkpoints) and, if given, with a signed head taken from a package or
a report. What passing means, and what it does not, is in README ("Integrity model").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forensics_app.errors import UserError
from forensics_app.messages import Message, msg
from forensics_app.progress import Cancelled, NullProgress, ProgressReporter
from forensics_app.services.anchor import SignedHead, load_signed_head
from forensics_app.services.custody import ChainProblem, ChainReport, SignedPoint
from forensics_app.services.evidence import VerifyReport
from forensics_app.services.records import Actor

if TYPE_CHECKING:
    from forensics_app.services.workstation import Workstation

CHECKPOINT_SOURCE = "this workstation's checkpoint"


@dataclass
class Verification:
    files: VerifyReport | None  # None: only the chain was checked
    chain: ChainReport | None  # None: cancelled before the chain was checked
    cancelled: bool = False
    signed_head: SignedHead | None = None  # from `anchor_file`, if one was given
    notes: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        files_ok = self.files is None or self.files.ok
        return files_ok and self.chain is not None and self.chain.ok and not self.cancelled


class VerificationService:
    def __init__(self, workstation: Workstation) -> None:
        self._workstation = workstation

    def verify(
        self,
        by: Actor | None,
        *,
        case_id: int | None = None,
        item_id: int | None = None,
        files: bool = True,
        anchor_file: Path | None = None,
        progress: ProgressReporter | None = None,
    ) -> Verification:
        """Files (of a case, an item, or all; skipped with files=False) and the chain against
        its checkpoints and `anchor_file`'s signed head. Each file's result is recorded in the
        custody log, so checking files needs the examiner `by`."""
        progress = progress or NullProgress()
        workstation = self._workstation
        head = load_signed_head(anchor_file) if anchor_file is not None else None
        result = Verification(files=None, chain=None, signed_head=head)
        if files:
            if by is None:
                raise UserError("Sign in to verify evidence files: each result is recorded.")
            result.files = workstation.evidence.verify(
                by, case_id=case_id, item_id=item_id, progress=progress
            )
            if result.files.cancelled:
                result.cancelled = True
                return result
        points, problems = self._signed_points(head, anchor_file, result.notes)
        try:
            chain = workstation.custody.verify_chain(progress, points)
        except Cancelled:
            result.cancelled = True
            return result
        for problem in problems:
            chain.add(problem)
        if points and chain.ok and chain.anchored_seq < chain.head_seq:
            result.notes.append(
                msg(
                    "entries {first}–{last} are newer than this workstation's last signature "
                    "(written elsewhere, or after a failed checkpoint); the chain vouches for them",
                    first=chain.anchored_seq + 1,
                    last=chain.head_seq,
                )
            )
        chain.notes.extend(result.notes)
        result.chain = chain
        return result

    def _signed_points(
        self, head: SignedHead | None, anchor_file: Path | None, notes: list[Message]
    ) -> tuple[list[SignedPoint], list[ChainProblem]]:
        anchor = self._workstation.anchor
        stored = anchor.read()
        points = [
            SignedPoint(seq, head, c.at, CHECKPOINT_SOURCE)
            for c in stored.checkpoints
            for seq, head in ((c.seq, c.head), *c.entries)
        ]
        problems = [
            ChainProblem(0, "checkpoint_file", problem) for _line, problem in stored.problems
        ]
        if not stored.checkpoints and not stored.problems:
            notes.append(
                msg(
                    "this workstation has no signed checkpoints of this database yet: the chain "
                    "was checked against itself only"
                )
            )
        if stored.foreign_keys:
            notes.append(
                msg(
                    "some checkpoints were signed with another key ({keys}) than this "
                    "workstation's ({own})",
                    keys=", ".join(sorted(stored.foreign_keys)),
                    own=anchor.key.key_id,
                )
            )
        if head is None or anchor_file is None:
            return points, problems
        if not head.signature_valid():
            problems.append(
                ChainProblem(
                    head.seq,
                    "signature",
                    msg(
                        "the signed head in {file} does not verify: it was altered, or not "
                        "signed by key {key}",
                        file=anchor_file,
                        key=head.key_id,
                    ),
                )
            )
            return points, problems
        if head.database != anchor.database:
            problems.append(
                ChainProblem(
                    head.seq,
                    "signature",
                    msg("the signed head in {file} is about another database", file=anchor_file),
                )
            )
            return points, problems
        if head.key_id == anchor.key.key_id:
            notes.append(msg("{file} was signed by this workstation", file=anchor_file))
        else:
            notes.append(
                msg(
                    "{file} was signed by workstation key {key}, not by this workstation "
                    "({own}): make sure that key belongs to the workstation that wrote it",
                    file=anchor_file,
                    key=head.key_id,
                    own=anchor.key.key_id,
                )
            )
        points.append(
            SignedPoint(head.seq, head.head, head.signed_at, f"the signed head in {anchor_file}")
        )
        return points, problems
