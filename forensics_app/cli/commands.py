"""Command handlers. Each opens the workstation, signs in where it writes, and prints results."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from forensics_app import config
from forensics_app.cli import block_commands, cctv_commands, ocr_commands
from forensics_app.cli.progress import TerminalProgress
from forensics_app.clock import system_clock
from forensics_app.errors import AuthenticationError, IntegrityFailure, UserError
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft, ItemQuery
from forensics_app.services.records import Actor, ItemRecord
from forensics_app.storage.database import Database
from forensics_app.storage.models import CaseStatus, ItemKind, ItemStatus, Role


def dispatch(args: argparse.Namespace) -> int:
    command = args.command or "gui"
    if command == "gui":
        return _run_gui(args)
    if command == "db":
        return _db(args)
    handler: Callable[[argparse.Namespace, Workstation], int] = {
        "examiner": _examiner,
        "case": _case,
        "evidence": _evidence,
        "verify": _verify,
        "log": _log,
        "numbers": lambda a, w: block_commands.numbers(a, w, sign_in),
        "block": lambda a, w: block_commands.block(a, w, sign_in),
        "ocr": lambda a, w: ocr_commands.ocr(a, w, sign_in),
        "ocr-review": lambda a, w: ocr_commands.review(a, w, sign_in),
        "cctv": lambda a, w: cctv_commands.cctv(a, w, sign_in),
    }[command]
    workstation = Workstation.open(config.database_url(args.db))
    try:
        return handler(args, workstation)
    finally:
        workstation.close()


def _run_gui(args: argparse.Namespace) -> int:
    from forensics_app.ui.app import run

    return run(config.database_url(args.db))


# ---- sign-in ------------------------------------------------------------------------------
def sign_in(args: argparse.Namespace, workstation: Workstation) -> Actor:
    prefs = config.Preferences.load()
    badge = (
        args.examiner
        or os.environ.get(config.EXAMINER_ENV)
        or prefs.examiner_by_db.get(workstation.location)
    )
    if not badge:
        examiners = [e for e in workstation.examiners.list() if e.active]
        if not examiners:
            raise AuthenticationError(
                "No examiner yet: create one with `forensics-app examiner add NAME --badge BADGE`."
            )
        if len(examiners) == 1 and not workstation.is_team_database:
            badge = examiners[0].badge_number
        else:
            raise AuthenticationError(
                "Say who you are: --examiner BADGE, or `forensics-app examiner use BADGE`."
            )
    password = None
    if workstation.is_team_database:
        password = os.environ.get(config.PASSWORD_ENV)
        if password is None:
            if not sys.stdin.isatty():
                raise AuthenticationError(
                    f"A team database needs a password: set {config.PASSWORD_ENV} or run on a "
                    "terminal."
                )
            password = getpass.getpass(f"Password for {badge}: ")
    actor = workstation.examiners.sign_in(badge, password)
    if not workstation.is_team_database and prefs.examiner_by_db.get(workstation.location) != badge:
        prefs.examiner_by_db[workstation.location] = badge
        prefs.save()
    return actor


def _optional_actor(args: argparse.Namespace, workstation: Workstation) -> Actor | None:
    if workstation.examiners.count() == 0:
        return None
    return sign_in(args, workstation)


def _read_new_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UserError("No password on standard input.")
        return line
    if sys.stdin.isatty():
        first = getpass.getpass("New password (empty for none on a local database): ")
        if not first:
            return None
        if getpass.getpass("Repeat the password: ") != first:
            raise UserError("The passwords differ.")
        return first
    return None


# ---- db -----------------------------------------------------------------------------------
def _db(args: argparse.Namespace) -> int:
    db = Database.connect(config.database_url(args.db))
    try:
        state = db.schema_state()
        if args.db_command == "status":
            verdict = "up to date" if state.up_to_date else "needs `db upgrade`"
            print(f"{db.url.render_as_string(hide_password=True)}: {state.describe()}: {verdict}")
            return 0 if state.up_to_date else 1
        if state.up_to_date:
            print(f"Schema already up to date ({state.describe()}).")
            return 0
        if state.has_foreign_tables:
            raise UserError("That database holds tables but is not a forensics-app database.")
        if any(not tree.is_known for tree in state.trees):
            raise UserError("That database was written by a newer forensics-app.")
        if db.is_sqlite and not state.is_empty:
            backup = db.backup_sqlite(
                system_clock().now(), f"before-upgrade-{state.current or 'none'}"
            )
            print(f"Backed up to {backup}")
        db.upgrade()
        print(f"Upgraded: {state.describe()} → {db.schema_state().describe()}.")
        return 0
    finally:
        db.dispose()


# ---- examiners ----------------------------------------------------------------------------
def _examiner(args: argparse.Namespace, workstation: Workstation) -> int:
    if args.examiner_command == "list":
        for e in workstation.examiners.list():
            flag = "" if e.active else "  (inactive)"
            print(f"{e.id}\t{e.badge_number}\t{e.role.value}\t{e.name}{flag}")
        return 0
    if args.examiner_command == "use":
        if workstation.is_team_database:
            raise UserError("On a team database sign in with --examiner and your password.")
        actor = workstation.examiners.sign_in(args.badge)
        prefs = config.Preferences.load()
        prefs.examiner_by_db[workstation.location] = actor.badge_number
        prefs.save()
        print(f"Acting as {actor.label} on this database.")
        return 0
    by = _optional_actor(args, workstation)
    password = _read_new_password(args)
    actor = workstation.examiners.create(
        by, args.name, args.badge, Role(args.role), password=password
    )
    print(f"{actor.id}\t{actor.badge_number}\t{actor.role.value}\t{actor.name}")
    return 0


# ---- cases --------------------------------------------------------------------------------
def _case(args: argparse.Namespace, workstation: Workstation) -> int:
    cases = workstation.cases
    if args.case_command == "list":
        status = CaseStatus(args.status) if args.status else None
        for c in cases.list(status):
            print(f"{c.id}\t{c.number}\t{c.status.value}\t{c.item_count} items\t{c.title}")
        return 0
    if args.case_command == "show":
        c = cases.resolve(args.case)
        print(f"Case {c.number} (id {c.id}): {c.title}")
        print(f"  status: {c.status.value}   opened: {c.opened_on}   closed: {c.closed_on or '-'}")
        print(f"  offence: {c.offence_type or '-'}   lead examiner: {c.lead_examiner or '-'}")
        print(f"  items: {c.item_count}")
        if c.notes:
            print(f"  notes: {c.notes}")
        return 0
    actor = sign_in(args, workstation)
    if args.case_command == "new":
        created = cases.create(
            actor, args.title, number=args.number, offence_type=args.offence, notes=args.notes
        )
        print(created.id)
        return 0
    target = cases.resolve(args.case)
    updated = cases.set_status(actor, target.id, CaseStatus(args.new_status))
    print(f"Case {updated.number} is {updated.status.value}.")
    return 0


# ---- evidence -----------------------------------------------------------------------------
def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"Not an ISO date-time: {text!r} (e.g. 2026-05-01T14:30+09:00)") from exc
    if moment.tzinfo is None:
        raise UserError(f"Give the time zone with the seizure time: {text!r} (e.g. +09:00)")
    return moment


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _item_line(item: ItemRecord) -> str:
    check = item.worst_verification.value if item.worst_verification else "not verified"
    return (
        f"{item.exhibit_number}\t{item.kind.value}\t{item.status.value}\t{item.file_count} files"
        f"\t{_human_size(item.total_size)}\t{check}\t{item.description}"
    )


def _evidence(args: argparse.Namespace, workstation: Workstation) -> int:
    evidence = workstation.evidence
    case = workstation.cases.resolve(args.case)
    if args.evidence_command == "list":
        query = ItemQuery(case_id=case.id, text=args.filter)
        ids = evidence.item_ids(query)
        rows = evidence.items_by_id(ids)
        for item_id in ids:
            print(_item_line(rows[item_id]))
        return 0
    if args.evidence_command == "show":
        item = evidence.resolve_item(case.id, args.item)
        print(_item_line(item))
        for label, value in (
            ("make/model", f"{item.make} {item.model}".strip()),
            ("serial", item.serial_number),
            ("IMEI", item.imei),
            ("seized from", item.seized_from),
            ("seized at", f"{item.seized_location} {item.seized_at or ''}".strip()),
            ("seized by", item.seized_by),
            ("stored at", item.storage_location),
            ("custodian", item.custodian),
            ("inside", item.parent_exhibit),
        ):
            if value:
                print(f"  {label}: {value}")
        for f in evidence.files(item.id):
            check = f.last_verification.value if f.last_verification else "not verified"
            print(f"  {f.sha256}  {f.md5}  {f.size:>12}  {check:<12} {f.relative_path}")
        return 0
    actor = sign_in(args, workstation)
    if args.evidence_command == "status":
        item = evidence.resolve_item(case.id, args.item)
        item = evidence.set_status(actor, item.id, ItemStatus(args.status), args.note)
        print(_item_line(item))
        return 0
    if args.evidence_command == "handover":
        item = evidence.resolve_item(case.id, args.item)
        receiver = _examiner_by_badge(workstation, args.to)
        item = evidence.hand_over(actor, item.id, receiver.id, args.note)
        print(f"{item.exhibit_number} now held by {item.custodian}")
        return 0
    progress = TerminalProgress()
    if args.evidence_command == "add-files":
        item = evidence.resolve_item(case.id, args.item)
        result = evidence.add_files(actor, item.id, [Path(p) for p in args.paths], progress)
        progress.close()
        for note in result.skipped:
            print(f"skipped: {note}", file=sys.stderr)
        print(f"{result.item.exhibit_number}: {result.files_added} files added")
        return 0
    return _evidence_add(args, workstation, actor, case.id, progress)


def _examiner_by_badge(workstation: Workstation, badge: str) -> Actor:
    for e in workstation.examiners.list():
        if e.badge_number == badge and e.active:
            return Actor(e.id, e.name, e.badge_number, e.role)
    raise UserError(f"No active examiner with badge number {badge}.")


def _evidence_add(
    args: argparse.Namespace,
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    progress: TerminalProgress,
) -> int:
    paths = [Path(p) for p in args.paths]
    groups = [paths] if args.one_item or len(paths) <= 1 else [[p] for p in paths]
    if args.exhibit and len(groups) > 1:
        raise UserError("--exhibit names one item: give one PATH, or add --one-item.")
    parent_id = workstation.evidence.resolve_item(case_id, args.parent).id if args.parent else None
    seized_at = _parse_time(args.seized_at)
    failures = 0
    for group in groups:
        draft = ItemDraft(
            kind=ItemKind(args.kind),
            exhibit_number=args.exhibit,
            description=args.description,
            make=args.make,
            model=args.model,
            serial_number=args.serial,
            imei=args.imei,
            seized_from=args.seized_from,
            seized_location=args.seized_location,
            seized_at=seized_at,
            seized_by=args.seized_by,
            storage_location=args.storage,
            parent_id=parent_id,
        )
        try:
            result = workstation.evidence.add_item(actor, case_id, draft, group, progress)
        except UserError as exc:
            progress.close()
            failures += 1
            print(f"error: {', '.join(map(str, group))}: {exc}", file=sys.stderr)
            continue
        progress.close()
        for note in result.skipped:
            print(f"skipped: {note}", file=sys.stderr)
        item = result.item
        print(
            f"{item.id}\t{item.exhibit_number}\t{result.files_added} files\t"
            f"{_human_size(item.total_size)}"
        )
    if failures:
        if len(groups) > 1:
            print(
                f"{failures} of {len(groups)} items failed; the others were catalogued.",
                file=sys.stderr,
            )
        return 2
    return 0


# ---- verify and log -----------------------------------------------------------------------
def _verify(args: argparse.Namespace, workstation: Workstation) -> int:
    failed = False
    if not args.chain_only:
        actor = sign_in(args, workstation)
        case_id = workstation.cases.resolve(args.case).id if args.case else None
        progress = TerminalProgress()
        report = workstation.evidence.verify(actor, case_id=case_id, progress=progress)
        progress.close()
        for problem in report.problems:
            print(
                f"FAILED {problem.result.value.upper()}: {problem.exhibit_number}: "
                f"{problem.message}",
                file=sys.stderr,
            )
        print(
            f"files: {report.files_checked} checked, {report.files_ok} ok, "
            f"{len(report.problems)} failed"
        )
        failed = not report.ok
    progress = TerminalProgress()
    chain = workstation.custody.verify_chain(progress)
    progress.close()
    for chain_problem in chain.problems:
        print(f"CUSTODY CHAIN BROKEN: {chain_problem.message}", file=sys.stderr)
    if chain.problem_count > len(chain.problems):
        print(
            f"… and {chain.problem_count - len(chain.problems)} more chain problems",
            file=sys.stderr,
        )
    verdict = "intact" if chain.ok else f"BROKEN ({chain.problem_count} problems)"
    print(
        f"custody chain: {chain.entries_checked} entries, {verdict}; head {chain.head_seq} "
        f"{chain.head_hash}"
    )
    if failed or not chain.ok:
        raise IntegrityFailure("verification failed; see the lines above and the log file")
    return 0


def _log(args: argparse.Namespace, workstation: Workstation) -> int:
    case_id = workstation.cases.resolve(args.case).id if args.case else None
    for entry in reversed(workstation.custody.entries(case_id=case_id, limit=args.limit)):
        print(f"{entry.seq}\t{entry.recorded_at}\t{entry.actor}\t{entry.action}\t{entry.summary}")
    return 0
