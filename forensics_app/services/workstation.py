"""One opened database and the services over it.

Services are built on first use: a command that only lists cases must not load OpenCV (the
flyer service's OCR engine) or openpyxl (the block-request library's packages).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from forensics_app.clock import Clock, system_clock
from forensics_app.storage.database import Database, describe_url

if TYPE_CHECKING:
    from blocking import Blocking
    from forensics_app.services.anchor import ChainAnchor
    from forensics_app.services.artifacts import ArtifactService
    from forensics_app.services.cases import CaseService
    from forensics_app.services.cctv import CctvService
    from forensics_app.services.custody import CustodyService
    from forensics_app.services.evidence import EvidenceService
    from forensics_app.services.examiners import ExaminerService
    from forensics_app.services.flyers import FlyerService
    from forensics_app.services.ingest import IngestService
    from forensics_app.services.reports import ReportService
    from forensics_app.services.submissions import SubmissionService
    from forensics_app.services.timeline import TimelineService
    from forensics_app.services.verification import VerificationService
    from forensics_app.services.xref import CrossReferenceService


class Workstation:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or system_clock()
        # Every committed examiner action: a signed checkpoint of the chain head, outside the
        # database (services/anchor.py). The key is loaded on the first write, not at open.
        db.on_custody_commit = self._checkpoint

    def _checkpoint(self, seq: int, head: str, entries: Sequence[tuple[int, str]]) -> None:
        self.anchor.checkpoint(seq, head, entries)

    @cached_property
    def anchor(self) -> ChainAnchor:
        """This workstation's signatures over the custody chain of this database."""
        from forensics_app import config
        from forensics_app.services.anchor import ChainAnchor

        return ChainAnchor(config.data_dir(), self.location, self.clock)

    @cached_property
    def verification(self) -> VerificationService:
        from forensics_app.services.verification import VerificationService

        return VerificationService(self)

    @cached_property
    def submissions(self) -> SubmissionService:
        from forensics_app.services.submissions import SubmissionService

        return SubmissionService(self, self.blocking)

    @cached_property
    def examiners(self) -> ExaminerService:
        from forensics_app.services.examiners import ExaminerService

        return ExaminerService(self.db, self.clock)

    @cached_property
    def cases(self) -> CaseService:
        from forensics_app.services.cases import CaseService

        return CaseService(self.db, self.clock)

    @cached_property
    def evidence(self) -> EvidenceService:
        from forensics_app.services.evidence import EvidenceService

        return EvidenceService(self.db, self.clock)

    @cached_property
    def custody(self) -> CustodyService:
        from forensics_app.services.custody import CustodyService

        return CustodyService(self.db)

    @cached_property
    def flyers(self) -> FlyerService:
        from forensics_app.services.flyers import FlyerService

        return FlyerService(self.db, self.evidence, self.clock)

    @cached_property
    def cctv(self) -> CctvService:
        from forensics_app.services.cctv import CctvService

        return CctvService(self.db, self.evidence, self.clock)

    @cached_property
    def ingest(self) -> IngestService:
        from forensics_app.services.ingest import IngestService

        return IngestService(self.db, self.evidence, self.clock)

    @cached_property
    def artifacts(self) -> ArtifactService:
        from forensics_app.services.artifacts import ArtifactService

        return ArtifactService(self.db, self.clock)

    @cached_property
    def timeline(self) -> TimelineService:
        from forensics_app.services.timeline import TimelineService

        return TimelineService(self.db, self.clock)

    @cached_property
    def xref(self) -> CrossReferenceService:
        from forensics_app.services.xref import CrossReferenceService

        return CrossReferenceService(self.db, self.clock)

    @cached_property
    def reports(self) -> ReportService:
        from forensics_app.services.reports import ReportService

        return ReportService(self)

    @cached_property
    def blocking(self) -> Blocking:
        """The block-request library on this database (schema already checked at open)."""
        from blocking import Blocking
        from forensics_app.services.block_requests import load_routes

        return Blocking(self.db.engine, load_routes(), clock=self.clock, check_schema=False)

    @classmethod
    def open(
        cls, url: str, clock: Clock | None = None, *, reads_while_importing: bool = False
    ) -> Workstation:
        """`reads_while_importing`: a program whose screens read while imports run (the GUI):
        large imports then keep SQLite's WAL mode (Database.keep_readers_in)."""
        clock = clock or system_clock()
        db = Database.open(url, clock)
        if reads_while_importing:
            db.keep_readers_in()
        return cls(db, clock)

    @property
    def is_team_database(self) -> bool:
        return not self.db.is_sqlite

    @property
    def location(self) -> str:
        return describe_url(self.db.url)

    def close(self) -> None:
        self.db.dispose()
