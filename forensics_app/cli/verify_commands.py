"""`forensics-app verify` (evidence files, the custody chain and its signatures) and
`forensics-app log`."""

from __future__ import annotations

from pathlib import Path

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers

ORDER = 50


def register(sub: Subparsers) -> None:
    verify = sub.add_parser(
        "verify",
        help="re-hash evidence, check the custody chain against itself and against the heads "
        "this workstation signed; exit 1 on any mismatch",
    )
    verify.add_argument("--case", metavar="C", help="only this case's files (default: all)")
    verify.add_argument("--chain-only", action="store_true", help="only check the custody chain")
    verify.add_argument(
        "--anchor",
        metavar="FILE",
        type=Path,
        help="also check the chain against the signed head in FILE (a submission package, a "
        "report, or its chain-head.json)",
    )
    verify.set_defaults(handler=verify_evidence)

    custody = sub.add_parser("log", help="print the custody log")
    custody.add_argument("--case", metavar="C")
    custody.add_argument("--limit", type=int, default=100)
    custody.set_defaults(handler=print_log)


def verify_evidence(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.errors import IntegrityFailure

    args, workstation = ctx.args, ctx.workstation
    files = not args.chain_only
    actor = ctx.actor() if files else None
    case_id = workstation.cases.resolve(args.case).id if args.case and files else None
    progress = TerminalProgress()
    try:
        result = workstation.verification.verify(
            actor, case_id=case_id, files=files, anchor_file=args.anchor, progress=progress
        )
    finally:
        progress.close()
    if result.files is not None:
        for problem in result.files.problems:
            output.error(
                f"FAILED {problem.result.value.upper()}: {problem.exhibit_number}: "
                f"{problem.message}"
            )
        report = result.files
        output.line(
            f"files: {report.files_checked} checked, {report.files_ok} ok, "
            f"{len(report.problems)} failed"
        )
    chain = result.chain
    if chain is None:
        raise IntegrityFailure("verification was cancelled before the custody chain was checked")
    for chain_problem in chain.problems:
        output.error(f"CUSTODY CHAIN BROKEN: {chain_problem.message}")
    if chain.problem_count > len(chain.problems):
        output.error(f"… and {chain.problem_count - len(chain.problems)} more chain problems")
    for note in chain.notes:
        output.error("note: ", note, sep="")
    verdict = "intact" if chain.ok else f"BROKEN ({chain.problem_count} problems)"
    output.line(
        f"custody chain: {chain.entries_checked} entries, {verdict}; head {chain.head_seq} "
        f"{chain.head_hash}"
    )
    output.line(
        f"signatures: {chain.signed_points} signed hashes compared, "
        f"{chain.signed_points_failed} disagree; they vouch for entries up to {chain.anchored_seq}"
    )
    if not result.ok:
        raise IntegrityFailure("verification failed; see the lines above and the log file")
    return 0


def print_log(ctx: Context) -> int:
    from forensics_app.services.custody import describe_entry

    workstation = ctx.workstation
    case_id = workstation.cases.resolve(ctx.args.case).id if ctx.args.case else None
    for entry in reversed(workstation.custody.entries(case_id=case_id, limit=ctx.args.limit)):
        summary = describe_entry(entry)
        output.line(entry.seq, entry.recorded_at, entry.actor, entry.action, summary)
    return 0
