"""Where the two halves meet: numbers printed on flyers (the block-request registry) that also
sit in a seized phone's messages, calls or contacts.

A number in the registry with at least one sighting that is not itself a device artifact (a
flyer photo, a manual entry) counts as a flyer number. For each such number found in a case's
device data this lists the flyer sightings, the latest block request and its state, and the
phones, messages, calls and contacts where it appears — as the address, written in a message
body, as a group participant, or as a contact's number.

An occurrence can become a sighting of kind `device_artifact` (audited in the custody log):
it is then evidence a block request can cite, like a flyer photo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, case, func, literal_column, select, union_all
from sqlalchemy.orm import Session

import blocking
from blocking.db import Store
from blocking.enums import AdCategory, SourceKind
from blocking.models import numbers_t, requests_t, sightings_t
from blocking.records import SightingInput, SightingRecord
from blocking.registry import NumberRegistry
from forensics_app.clock import Clock
from forensics_app.errors import NotFoundError, UserError
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor
from forensics_app.storage.database import Database
from forensics_app.storage.models import (
    ArtifactCall,
    ArtifactContact,
    ArtifactContactPoint,
    ArtifactMention,
    ArtifactMessage,
    Case,
    EvidenceItem,
    ImportSource,
)


@dataclass(frozen=True)
class RegistryMark:
    """What the block side knows of a number: shown next to it wherever it appears."""

    e164: str
    national: str
    flyer_sightings: int
    device_sightings: int
    request_id: int | None
    request_state: str | None


@dataclass(frozen=True)
class XrefRow:
    e164: str
    national: str
    number_type: str
    flyer_sightings: int
    device_sightings: int
    request_id: int | None
    request_state: str | None
    exhibits: tuple[str, ...]
    messages: int
    calls: int
    contacts: int
    first_seen: datetime | None = None
    last_seen: datetime | None = None


@dataclass(frozen=True)
class Occurrence:
    kind: str  # message, call, contact
    artifact_id: int
    case_id: int
    case_number: str
    item_id: int
    exhibit: str
    at: datetime | None
    role: str  # address, body, participant, contact
    direction: str
    written: str  # the number as the device has it
    summary: str

    @property
    def reference(self) -> str:
        return f"{self.kind}:{self.artifact_id}"


@dataclass
class _Tally:
    exhibits: set[str] = field(default_factory=set)
    ids: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def _const(value: str) -> Any:
    return literal_column("'" + value.replace("'", "''") + "'", String)


class CrossReferenceService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._registry_cache: NumberRegistry | None = None

    def _registry(self) -> NumberRegistry:
        if self._registry_cache is None:
            self._registry_cache = NumberRegistry(Store(self._db.engine, self._clock))
        return self._registry_cache

    # ---- the cross-reference of a case
    def cross_reference(self, case_id: int) -> list[XrefRow]:
        """Every flyer number that appears in the case's device data, most flyer sightings
        first."""
        with self._db.read() as session:
            if session.get(Case, case_id) is None:
                raise NotFoundError("No case with id {case_id}.", case_id=case_id)
            tallies: dict[str, _Tally] = defaultdict(_Tally)
            for e164, kind, artifact_id, exhibit in session.execute(_occurrence_keys(case_id)):
                tally = tallies[e164]
                tally.exhibits.add(exhibit)
                tally.ids[kind].add(int(artifact_id))
            marks = _marks(session, list(tallies))
            types = dict(
                session.execute(
                    select(numbers_t.c.e164, numbers_t.c.number_type).where(
                        numbers_t.c.e164.in_(list(tallies))
                    )
                ).all()
            )
        rows = []
        for e164, tally in tallies.items():
            mark = marks.get(e164)
            if mark is None or mark.flyer_sightings == 0:
                continue
            rows.append(
                XrefRow(
                    e164=e164,
                    national=mark.national,
                    number_type=str(types.get(e164, "")),
                    flyer_sightings=mark.flyer_sightings,
                    device_sightings=mark.device_sightings,
                    request_id=mark.request_id,
                    request_state=mark.request_state,
                    exhibits=tuple(sorted(tally.exhibits)),
                    messages=len(tally.ids.get("message", ())),
                    calls=len(tally.ids.get("call", ())),
                    contacts=len(tally.ids.get("contact", ())),
                )
            )
        rows.sort(key=lambda r: (-r.flyer_sightings, r.e164))
        return rows

    def marks(self, e164s: Sequence[str]) -> dict[str, RegistryMark]:
        """Registry facts for the given numbers (only those in the registry)."""
        wanted = sorted({e for e in e164s if e})
        if not wanted:
            return {}
        with self._db.read() as session:
            return _marks(session, wanted)

    def occurrences(self, e164: str, case_id: int | None = None) -> list[Occurrence]:
        """Every message, call and contact on every seized phone (or in one case) that holds
        the number: the number's detail in the block area lists these."""
        return self.occurrences_of([e164], case_id).get(e164, [])

    def occurrences_of(
        self, e164s: Sequence[str], case_id: int | None = None
    ) -> dict[str, list[Occurrence]]:
        """`occurrences` of many numbers at once: numbers without any are left out."""
        found: dict[str, list[Occurrence]] = {}
        for e164, occurrence in self.stream_occurrences(e164s, case_id):
            found.setdefault(e164, []).append(occurrence)
        return found

    def stream_occurrences(
        self, e164s: Sequence[str], case_id: int | None = None, *, texts: bool = True
    ) -> Iterator[tuple[str, Occurrence]]:
        """(number, occurrence) for many numbers, by number then kind and artifact id: one
        query per OCCURRENCE_CHUNK numbers instead of one per number (a report's
        cross-reference), streamed. Without `texts`, `written` and `summary` are empty (what
        a count needs, cheaper)."""
        wanted = sorted({e for e in e164s if e})
        with self._db.read() as session:
            for start in range(0, len(wanted), OCCURRENCE_CHUNK):
                chunk = wanted[start : start + OCCURRENCE_CHUNK]
                seen: set[tuple[str, int, str]] = set()
                number = ""
                # Core rows unpacked by position: hundreds of thousands of them in a report.
                rows = session.connection().execute(
                    _occurrence_rows(chunk, case_id, texts).execution_options(yield_per=2_000)
                )
                for (
                    e164, kind, artifact_id, row_case, item_id, stored_at, role, direction, written,
                    summary, exhibit, case_number,
                ) in rows:  # fmt: skip
                    if e164 != number:
                        number = e164
                        seen.clear()
                    key = (kind, int(artifact_id), role)
                    if key in seen:
                        continue
                    seen.add(key)
                    at = stored_at
                    if isinstance(at, str):
                        at = datetime.fromisoformat(at)
                    if at is not None and at.tzinfo is None:
                        at = at.replace(tzinfo=UTC)
                    yield (
                        number,
                        Occurrence(
                            kind=kind,
                            artifact_id=int(artifact_id),
                            case_id=int(row_case),
                            case_number=case_number,
                            item_id=int(item_id),
                            exhibit=exhibit,
                            at=at,
                            role=role,
                            direction=direction or "",
                            written=written or "",
                            summary=summary or "",
                        ),
                    )

    # ---- occurrence → sighting
    def add_sighting(
        self,
        by: Actor,
        kind: str,
        artifact_id: int,
        e164: str,
        category: AdCategory | str = AdCategory.OTHER,
    ) -> SightingRecord:
        """Record that `e164` was seen in this device artifact, as a sighting the block
        requests can cite. Audited. The same artifact and number twice is one sighting."""
        occurrences = [
            o for o in self.occurrences(e164) if o.kind == kind and o.artifact_id == artifact_id
        ]
        if not occurrences:
            raise UserError(
                "{kind} #{artifact_id} does not hold the number {e164}.",
                kind=kind,
                artifact_id=artifact_id,
                e164=e164,
            )
        occurrence = occurrences[0]
        with self._db.read() as session:
            source = session.execute(_source_of(kind, artifact_id)).first()
        when = occurrence.at or (source.imported_at if source is not None else self._clock.now())
        sighting = SightingInput(
            number=e164,
            seen_at=when,
            category=AdCategory(category),
            source_kind=SourceKind.DEVICE_ARTIFACT,
            source_id=f"{kind}-{artifact_id}",
            case_number=occurrence.case_number,
            photo_name=f"{occurrence.exhibit} {kind} #{artifact_id}",
            photo_path=source.path if source is not None else None,
            place="",
            collector=by.label,
            printed_as=occurrence.written or e164,
        )
        who = blocking.Actor(str(by.id), by.label, blocking.Role(by.role.value))
        record = self._registry().record_sighting(who, sighting)
        with self._db.write() as session:
            CustodyWriter(session, by, self._clock).append(
                Action.ANALYSE,
                Events.ARTIFACT_SIGHTING(
                    exhibit=occurrence.exhibit,
                    number=record.e164,
                    kind=kind,
                    artifact=artifact_id,
                    sighting=record.id,
                ),
                {
                    "artifact": f"{kind}:{artifact_id}",
                    "e164": record.e164,
                    "written": occurrence.written,
                    "sighting_id": record.id,
                    "category": AdCategory(category).value,
                    "source": source.path if source is not None else "",
                    "source_sha256": source.sha256 if source is not None else "",
                },
                case_id=occurrence.case_id,
                item_id=occurrence.item_id,
            )
        return record


def _source_of(kind: str, artifact_id: int) -> Any:
    models: dict[str, Any] = {
        "message": ArtifactMessage,
        "call": ArtifactCall,
        "contact": ArtifactContact,
    }
    model = models[kind]
    return (
        select(ImportSource.path, ImportSource.sha256, ImportSource.imported_at)
        .join(model, model.source_id == ImportSource.id)
        .where(model.id == artifact_id)
    )


OCCURRENCE_CHUNK = 500  # numbers per query (bound parameters stay well under every limit)


def _occurrence_rows(e164s: Sequence[str], case_id: int | None, texts: bool = True) -> Any:
    """The occurrences of the numbers (with their exhibit and case number), by number, kind
    and artifact id; an artifact that holds a number in two ways comes once per way. Without
    `texts`, the number as written and the text are left empty (not read)."""
    m, c, x, p, k = (
        ArtifactMessage,
        ArtifactCall,
        ArtifactMention,
        ArtifactContactPoint,
        ArtifactContact,
    )

    def text(column: Any) -> Any:
        return column if texts else _const("")

    parts = [
        select(
            m.number_e164.label("e164"), _const("message").label("kind"), m.id.label("id"),
            m.case_id, m.item_id, m.sent_at.label("at"), _const("address").label("role"),
            m.direction, text(m.number_raw).label("written"),
            text(func.substr(m.body, 1, 200)).label("summary"),
        ).where(m.number_e164.in_(e164s)),
        select(
            x.e164, _const("message"), m.id, m.case_id, m.item_id, m.sent_at, x.role,
            m.direction, text(x.raw), text(func.substr(m.body, 1, 200)),
        )
        .join(x, (x.artifact_id == m.id) & (x.artifact_kind == "message"))
        .where(x.e164.in_(e164s)),
        select(
            c.number_e164, _const("call"), c.id, c.case_id, c.item_id, c.started_at,
            _const("address"), c.direction, text(c.number_raw), text(c.call_type),
        ).where(c.number_e164.in_(e164s)),
        select(
            p.e164, _const("contact"), k.id, k.case_id, k.item_id, k.created_at,
            _const("contact"), _const(""), text(p.value), text(k.display_name),
        )
        .join(p, p.contact_id == k.id)
        .where(p.e164.in_(e164s)),
    ]  # fmt: skip
    if case_id is not None:
        # `case_id + 0`: the case is a filter, not a way in. SQLite (without statistics)
        # would otherwise read the whole case by its (case, time) index instead of the
        # numbers' rows by the number indexes.
        parts = [part.where(part.selected_columns.case_id + 0 == case_id) for part in parts]
    united = union_all(*parts).subquery()
    return (
        select(united, EvidenceItem.exhibit_number, Case.number)
        .join(EvidenceItem, EvidenceItem.id == united.c.item_id)
        .join(Case, Case.id == united.c.case_id)
        .order_by(united.c.e164, united.c.kind, united.c.id)
    )


def _occurrence_keys(case_id: int) -> Any:
    """(e164, kind, artifact id, exhibit) for every registry number in the case's artifacts.

    Found from the registry's numbers by the artifacts' number indexes, the case a filter
    (`case_id + 0` keeps SQLite, which has no statistics, from reading the whole case by its
    (case, time) index and each of its rows in time order: seconds for a million messages)."""
    registry = select(numbers_t.c.e164)
    m, c, x, p, k = (
        ArtifactMessage,
        ArtifactCall,
        ArtifactMention,
        ArtifactContactPoint,
        ArtifactContact,
    )
    e = EvidenceItem
    parts = [
        select(m.number_e164, _const("message"), m.id, e.exhibit_number)
        .join(e, e.id == m.item_id)
        .where(m.number_e164.in_(registry), m.case_id + 0 == case_id),
        select(x.e164, x.artifact_kind, x.artifact_id, e.exhibit_number)
        .join(e, e.id == x.item_id)
        .where(x.e164.in_(registry), x.case_id + 0 == case_id),
        select(c.number_e164, _const("call"), c.id, e.exhibit_number)
        .join(e, e.id == c.item_id)
        .where(c.number_e164.in_(registry), c.case_id + 0 == case_id),
        select(p.e164, _const("contact"), p.contact_id, e.exhibit_number)
        .join(k, k.id == p.contact_id)
        .join(e, e.id == k.item_id)
        .where(p.e164.in_(registry), p.case_id + 0 == case_id),
    ]
    return union_all(*parts)


def _marks(session: Session, e164s: list[str]) -> dict[str, RegistryMark]:
    if not e164s:
        return {}
    n, s, r = numbers_t.c, sightings_t.c, requests_t.c
    found: dict[str, RegistryMark] = {}
    chunk = 500
    for start in range(0, len(e164s), chunk):
        wanted = e164s[start : start + chunk]
        device = func.sum(case((s.source_kind == SourceKind.DEVICE_ARTIFACT.value, 1), else_=0))
        counts = {
            e164: (national, int(total or 0), int(dev or 0))
            for e164, national, total, dev in session.execute(
                select(n.e164, n.national, func.count(s.id), device)
                .join_from(numbers_t, sightings_t, s.number_id == n.id, isouter=True)
                .where(n.e164.in_(wanted))
                .group_by(n.e164, n.national)
            )
        }
        latest = (
            select(r.number_id, func.max(r.id).label("request_id")).group_by(r.number_id).subquery()
        )
        requests = {
            e164: (int(request_id), str(state))
            for e164, request_id, state in session.execute(
                select(n.e164, latest.c.request_id, r.state)
                .join_from(numbers_t, latest, latest.c.number_id == n.id)
                .join(requests_t, r.id == latest.c.request_id)
                .where(n.e164.in_(wanted))
            )
        }
        for e164, (national, total, dev) in counts.items():
            request = requests.get(e164)
            found[e164] = RegistryMark(
                e164=e164,
                national=national,
                flyer_sightings=total - dev,
                device_sightings=dev,
                request_id=request[0] if request else None,
                request_state=request[1] if request else None,
            )
    return found
