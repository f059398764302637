"""`forensics-app verify` (evidence files, the custody chain and its signatures) and
`forensics-app log`."""

from __future__ import annotations

from pathlib import Path

from forensics_app.cli import output
from forensics_app.cli.runtime import Context, Subparsers, at_least, whole_number
from forensics_app.messages import code_term, language, msg, msg_n, term

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
    custody.add_argument("--case", metavar="C", help="only this case's entries")
    custody.add_argument(
        "--limit", type=whole_number, default=100, help="the newest entries, at most this many"
    )
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
                msg(
                    "FAILED {result}: {exhibit}: {reason}",
                    # a code in English ("MISMATCH"), the word in Korean (불일치)
                    result=problem.result.value.upper()
                    if language() == "en"
                    else term("verification_result", problem.result.value),
                    exhibit=problem.exhibit_number,
                    reason=problem.message,
                )
            )
        report = result.files
        output.line(
            msg(
                "files: {checked} checked, {ok} ok, {failed} failed",
                checked=report.files_checked,
                ok=report.files_ok,
                failed=len(report.problems),
            )
        )
    chain = result.chain
    if chain is None:
        raise IntegrityFailure("verification was cancelled before the custody chain was checked")
    for chain_problem in chain.problems:
        output.error(msg("CUSTODY CHAIN BROKEN: {reason}", reason=chain_problem.message))
    if chain.problem_count > len(chain.problems):
        output.error(
            msg_n(
                chain.problem_count - len(chain.problems),
                "… and {count} more chain problem",
                "… and {count} more chain problems",
            )
        )
    for note in chain.notes:
        output.error(msg("note: {note}", note=note))
    verdict = (
        msg_n(chain.entries_checked, "{count} entry, intact", "{count} entries, intact")
        if chain.ok
        else msg_n(
            chain.problem_count,
            "{entries} entries, BROKEN ({count} problem)",
            "{entries} entries, BROKEN ({count} problems)",
            entries=chain.entries_checked,
        )
    )
    output.line(
        msg(
            "custody chain: {verdict}; head {seq} {hash}",
            verdict=verdict,
            seq=chain.head_seq,
            hash=chain.head_hash,
        )
    )
    output.line(chain.signatures_summary())
    if not result.ok:
        raise IntegrityFailure("verification failed; see the lines above and the log file")
    return 0


def print_log(ctx: Context) -> int:
    from forensics_app.services.custody import describe_entry

    at_least(ctx.args.limit, 1, "--limit")
    workstation = ctx.workstation
    case_id = workstation.cases.resolve(ctx.args.case).id if ctx.args.case else None
    for entry in reversed(workstation.custody.entries(case_id=case_id, limit=ctx.args.limit)):
        summary = describe_entry(entry)
        output.line(
            entry.seq,
            output.when(entry.recorded_at, workstation.clock),
            entry.actor,
            code_term("custody_action", entry.action),  # English keeps the code
            summary,
        )
    return 0
