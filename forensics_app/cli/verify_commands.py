"""`forensics-app verify` (evidence files and the custody chain) and `forensics-app log`."""

from __future__ import annotations

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers

ORDER = 50


def register(sub: Subparsers) -> None:
    verify = sub.add_parser(
        "verify", help="re-hash evidence and check the custody chain; non-zero exit on mismatch"
    )
    verify.add_argument("--case", metavar="C", help="only this case's files (default: all)")
    verify.add_argument("--chain-only", action="store_true", help="only check the custody chain")
    verify.set_defaults(handler=verify_evidence)

    custody = sub.add_parser("log", help="print the custody log")
    custody.add_argument("--case", metavar="C")
    custody.add_argument("--limit", type=int, default=100)
    custody.set_defaults(handler=print_log)


def verify_evidence(ctx: Context) -> int:
    from forensics_app.cli.progress import TerminalProgress
    from forensics_app.errors import IntegrityFailure

    workstation = ctx.workstation
    failed = False
    if not ctx.args.chain_only:
        actor = ctx.actor()
        case_id = workstation.cases.resolve(ctx.args.case).id if ctx.args.case else None
        progress = TerminalProgress()
        report = workstation.evidence.verify(actor, case_id=case_id, progress=progress)
        progress.close()
        for problem in report.problems:
            output.error(
                f"FAILED {problem.result.value.upper()}: {problem.exhibit_number}: "
                f"{problem.message}"
            )
        output.line(
            f"files: {report.files_checked} checked, {report.files_ok} ok, "
            f"{len(report.problems)} failed"
        )
        failed = not report.ok
    progress = TerminalProgress()
    chain = workstation.custody.verify_chain(progress)
    progress.close()
    for chain_problem in chain.problems:
        output.error(f"CUSTODY CHAIN BROKEN: {chain_problem.message}")
    if chain.problem_count > len(chain.problems):
        output.error(f"… and {chain.problem_count - len(chain.problems)} more chain problems")
    verdict = "intact" if chain.ok else f"BROKEN ({chain.problem_count} problems)"
    output.line(
        f"custody chain: {chain.entries_checked} entries, {verdict}; head {chain.head_seq} "
        f"{chain.head_hash}"
    )
    if failed or not chain.ok:
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
