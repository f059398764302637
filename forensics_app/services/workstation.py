"""One opened database and the services over it."""

from __future__ import annotations

from blocking import Blocking
from forensics_app.services.block_requests import load_routes
from forensics_app.services.cases import CaseService
from forensics_app.services.custody import CustodyService
from forensics_app.services.evidence import EvidenceService
from forensics_app.services.examiners import ExaminerService
from forensics_app.services.flyers import FlyerService
from forensics_app.storage.database import Database, describe_url


class Workstation:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.examiners = ExaminerService(db)
        self.cases = CaseService(db)
        self.evidence = EvidenceService(db)
        self.custody = CustodyService(db)
        self.flyers = FlyerService(db, self.evidence)
        self._blocking: Blocking | None = None

    @property
    def blocking(self) -> Blocking:
        """The block-request library on this database (schema already checked at open)."""
        if self._blocking is None:
            self._blocking = Blocking(self.db.engine, load_routes(), check_schema=False)
        return self._blocking

    @classmethod
    def open(cls, url: str) -> Workstation:
        return cls(Database.open(url))

    @property
    def is_team_database(self) -> bool:
        return not self.db.is_sqlite

    @property
    def location(self) -> str:
        return describe_url(self.db.url)

    def close(self) -> None:
        self.db.dispose()
