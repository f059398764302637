"""One opened database and the services over it."""

from __future__ import annotations

from blocking import Blocking
from forensics_app.clock import Clock, system_clock
from forensics_app.services.block_requests import load_routes
from forensics_app.services.cases import CaseService
from forensics_app.services.cctv import CctvService
from forensics_app.services.custody import CustodyService
from forensics_app.services.evidence import EvidenceService
from forensics_app.services.examiners import ExaminerService
from forensics_app.services.flyers import FlyerService
from forensics_app.storage.database import Database, describe_url


class Workstation:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or system_clock()
        self.examiners = ExaminerService(db, self.clock)
        self.cases = CaseService(db, self.clock)
        self.evidence = EvidenceService(db, self.clock)
        self.custody = CustodyService(db)
        self.flyers = FlyerService(db, self.evidence, self.clock)
        self.cctv = CctvService(db, self.evidence, self.clock)
        self._blocking: Blocking | None = None

    @property
    def blocking(self) -> Blocking:
        """The block-request library on this database (schema already checked at open)."""
        if self._blocking is None:
            self._blocking = Blocking(
                self.db.engine, load_routes(), clock=self.clock, check_schema=False
            )
        return self._blocking

    @classmethod
    def open(cls, url: str, clock: Clock | None = None) -> Workstation:
        clock = clock or system_clock()
        return cls(Database.open(url, clock), clock)

    @property
    def is_team_database(self) -> bool:
        return not self.db.is_sqlite

    @property
    def location(self) -> str:
        return describe_url(self.db.url)

    def close(self) -> None:
        self.db.dispose()
