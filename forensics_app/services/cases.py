"""Cases: create, edit, open/close/archive, resolve a case given by number or id."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from forensics_app.clock import Clock
from forensics_app.errors import DuplicateError, NotFoundError, UserError
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor, CaseRecord
from forensics_app.services.validation import check_lengths
from forensics_app.storage.database import Database
from forensics_app.storage.models import Case, CaseStatus, EvidenceItem, Examiner

EDITABLE_FIELDS = ("number", "title", "offence_type", "lead_examiner_id", "opened_on", "notes")


def _record(case: Case, lead: str, item_count: int) -> CaseRecord:
    return CaseRecord(
        id=case.id,
        number=case.number,
        title=case.title,
        offence_type=case.offence_type,
        lead_examiner_id=case.lead_examiner_id,
        lead_examiner=lead,
        status=case.status,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        notes=case.notes,
        item_count=item_count,
    )


def _audit_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value.value if hasattr(value, "value") else value


class CaseService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def create(
        self,
        by: Actor,
        title: str,
        *,
        number: str | None = None,
        offence_type: str = "",
        lead_examiner_id: int | None = None,
        opened_on: date | None = None,
        notes: str = "",
    ) -> CaseRecord:
        title = title.strip()
        if not title:
            raise UserError("A case needs a title.")
        number = (number or "").strip() or None
        check_lengths(
            Case, {"title": title, "number": number, "offence_type": offence_type, "notes": notes}
        )
        now = self._clock.now()
        try:
            with self._db.write() as session:
                if number is None:
                    number = _next_case_number(session, self._clock.date_of(now).year)
                elif session.scalar(select(Case.id).where(Case.number == number)):
                    raise DuplicateError("Case number {number} already exists.", number=number)
                if lead_examiner_id is not None and session.get(Examiner, lead_examiner_id) is None:
                    raise NotFoundError(
                        "No examiner with id {lead_examiner_id}.", lead_examiner_id=lead_examiner_id
                    )
                case = Case(
                    number=number,
                    title=title,
                    offence_type=offence_type.strip(),
                    lead_examiner_id=lead_examiner_id if lead_examiner_id is not None else by.id,
                    status=CaseStatus.OPEN,
                    opened_on=opened_on or self._clock.date_of(now),
                    notes=notes,
                    created_at=now,
                    updated_at=now,
                )
                session.add(case)
                session.flush()
                CustodyWriter(session, by, self._clock).append(
                    Action.CREATE,
                    Events.CASE_OPENED(number=number, title=title),
                    {"after": {f: _audit_value(getattr(case, f)) for f in EDITABLE_FIELDS}},
                    case_id=case.id,
                )
                case_id = case.id
        except IntegrityError as exc:
            raise DuplicateError("Case number {number} already exists.", number=number) from exc
        return self.get(case_id)

    def list(self, status: CaseStatus | None = None) -> list[CaseRecord]:
        counts = (
            select(EvidenceItem.case_id, func.count().label("n"))
            .group_by(EvidenceItem.case_id)
            .subquery()
        )
        query = (
            select(Case, Examiner.name, func.coalesce(counts.c.n, 0))
            .outerjoin(Examiner, Examiner.id == Case.lead_examiner_id)
            .outerjoin(counts, counts.c.case_id == Case.id)
            .order_by(Case.opened_on.desc(), Case.id.desc())
        )
        if status is not None:
            query = query.where(Case.status == status)
        with self._db.read() as session:
            return [_record(case, lead or "", n) for case, lead, n in session.execute(query)]

    def get(self, case_id: int) -> CaseRecord:
        with self._db.read() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError("No case with id {case_id}.", case_id=case_id)
            lead = session.get(Examiner, case.lead_examiner_id) if case.lead_examiner_id else None
            count = session.execute(
                select(func.count()).where(EvidenceItem.case_id == case_id)
            ).scalar_one()
            return _record(case, lead.name if lead else "", count)

    def resolve(self, reference: str) -> CaseRecord:
        """A case given on the command line: its number, or its id."""
        reference = reference.strip()
        with self._db.read() as session:
            case_id = session.scalar(select(Case.id).where(Case.number == reference))
            if case_id is None and reference.isdigit():
                case_id = session.scalar(select(Case.id).where(Case.id == int(reference)))
        if case_id is None:
            raise NotFoundError("No case with number or id {reference!r}.", reference=reference)
        return self.get(case_id)

    def update(self, by: Actor, case_id: int, **changes: Any) -> CaseRecord:
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise UserError("Cannot edit {fields} of a case.", fields=", ".join(sorted(unknown)))
        if "title" in changes and not str(changes["title"]).strip():
            raise UserError("A case needs a title.")
        check_lengths(Case, changes)
        try:
            with self._db.write() as session:
                case = _get(session, case_id)
                if "number" in changes and changes["number"] != case.number:
                    clash = session.scalar(select(Case.id).where(Case.number == changes["number"]))
                    if clash:
                        raise DuplicateError(
                            "Case number {number} already exists.", number=changes["number"]
                        )
                before, after = {}, {}
                for name, value in changes.items():
                    old = getattr(case, name)
                    if old != value:
                        before[name], after[name] = _audit_value(old), _audit_value(value)
                        setattr(case, name, value)
                if after:
                    case.updated_at = self._clock.now()
                    CustodyWriter(session, by, self._clock).append(
                        Action.EDIT,
                        Events.CASE_EDITED(number=case.number, fields=", ".join(sorted(after))),
                        {"before": before, "after": after},
                        case_id=case.id,
                    )
        except IntegrityError as exc:
            raise DuplicateError("Another case already has that number.") from exc
        return self.get(case_id)

    def set_status(self, by: Actor, case_id: int, status: CaseStatus) -> CaseRecord:
        with self._db.write() as session:
            case = _get(session, case_id)
            if case.status == status:
                return self.get(case_id)
            before = case.status
            case.status = status
            case.closed_on = None if status == CaseStatus.OPEN else self._clock.today()
            case.updated_at = self._clock.now()
            CustodyWriter(session, by, self._clock).append(
                Action.STATUS,
                Events.CASE_STATUS(number=case.number, before=before, after=status),
                {"before": {"status": before.value}, "after": {"status": status.value}},
                case_id=case.id,
            )
        return self.get(case_id)


def _get(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError("No case with id {case_id}.", case_id=case_id)
    return case


def _next_case_number(session: Session, year: int) -> str:
    prefix = f"{year}-"
    numbers = session.scalars(select(Case.number).where(Case.number.like(f"{prefix}%")))
    highest = 0
    for number in numbers:
        match = re.fullmatch(rf"{year}-(\d+)", number)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}{highest + 1:04d}"
