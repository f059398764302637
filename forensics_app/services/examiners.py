"""Examiner accounts and sign-in. Passwords are stored as salted scrypt hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forensics_app.clock import Clock
from forensics_app.errors import (
    AuthenticationError,
    DuplicateError,
    NotFoundError,
    PermissionDeniedError,
    UserError,
)
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor, ExaminerRecord
from forensics_app.services.validation import check_lengths
from forensics_app.storage.database import Database
from forensics_app.storage.models import Examiner, Role

# scrypt cost: ~50 ms per check on this class of machine, 16 MiB of memory.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    encode = base64.b64encode
    return (
        f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"
    )


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def to_actor(examiner: Examiner) -> Actor:
    return Actor(examiner.id, examiner.name, examiner.badge_number, examiner.role)


def _record(examiner: Examiner) -> ExaminerRecord:
    return ExaminerRecord(
        id=examiner.id,
        name=examiner.name,
        badge_number=examiner.badge_number,
        role=examiner.role,
        active=examiner.active,
        has_password=examiner.password_hash is not None,
    )


class ExaminerService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    @property
    def passwords_required(self) -> bool:
        """A team database is shared, so people prove who they are; a local one is not."""
        return not self._db.is_sqlite

    def count(self) -> int:
        with self._db.read() as session:
            return session.execute(select(func.count()).select_from(Examiner)).scalar_one()

    def list(self) -> list[ExaminerRecord]:
        with self._db.read() as session:
            return [_record(e) for e in session.scalars(select(Examiner).order_by(Examiner.name))]

    def create(
        self,
        by: Actor | None,
        name: str,
        badge_number: str,
        role: Role = Role.EXAMINER,
        password: str | None = None,
    ) -> Actor:
        """Add an account. The very first account creates itself (by=None) and is an admin;
        on a team database later accounts are added by an admin."""
        name, badge_number = name.strip(), badge_number.strip()
        if not name or not badge_number:
            raise UserError("An examiner needs a name and a badge number.")
        check_lengths(Examiner, {"name": name, "badge_number": badge_number})
        # A name or badge is shown in every custody entry and report: terminal escapes, line
        # breaks and bidi overrides (categories Cc, Cf) would forge or hide what it says.
        if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name + badge_number):
            raise UserError(
                "An examiner's name and badge number cannot hold control characters "
                "(line breaks, tabs, terminal or direction codes)."
            )
        if self.passwords_required and not password:
            raise UserError("A team database needs a password for every examiner.")
        if password is not None and len(password) < MIN_PASSWORD_LENGTH:
            raise UserError(
                "The password must have at least {MIN_PASSWORD_LENGTH} characters.",
                MIN_PASSWORD_LENGTH=MIN_PASSWORD_LENGTH,
            )
        with self._db.write() as session:
            existing = session.execute(select(func.count()).select_from(Examiner)).scalar_one()
            if existing == 0:
                role = Role.ADMIN
            elif by is None:
                raise AuthenticationError("Sign in as an examiner to add another.")
            elif self.passwords_required and by.role != Role.ADMIN:
                raise PermissionDeniedError("Only an admin may add examiners.")
            if session.scalar(select(Examiner.id).where(Examiner.badge_number == badge_number)):
                raise DuplicateError(
                    "Badge number {badge_number} is already registered.", badge_number=badge_number
                )
            examiner = Examiner(
                name=name,
                badge_number=badge_number,
                role=role,
                password_hash=hash_password(password) if password else None,
                active=True,
                created_at=self._clock.now(),
            )
            session.add(examiner)
            session.flush()
            actor = to_actor(examiner)
            CustodyWriter(session, by or actor, self._clock).append(
                Action.EXAMINER,
                Events.EXAMINER_ADDED(examiner=actor.label, role=role),
                {"after": {"name": name, "badge_number": badge_number, "role": role.value}},
            )
        return actor

    def sign_in(self, badge_number: str, password: str | None = None) -> Actor:
        with self._db.read() as session:
            examiner = _by_badge(session, badge_number)
            if examiner is None or not examiner.active:
                raise AuthenticationError(
                    "No active examiner with badge number {badge_number}.",
                    badge_number=badge_number,
                )
            if self.passwords_required:
                if not password or not examiner.password_hash:
                    raise AuthenticationError("A team database needs your password.")
                if not check_password(password, examiner.password_hash):
                    raise AuthenticationError("Wrong badge number or password.")
            return to_actor(examiner)

    def record_sign_in(self, actor: Actor, where: str) -> None:
        """On a shared database, who opened a session is part of the record."""
        with self._db.write() as session:
            CustodyWriter(session, actor, self._clock).append(
                Action.LOGIN,
                Events.SIGNED_IN(examiner=actor.label, where=where),
                {"workstation": where},
            )

    def get(self, examiner_id: int) -> ExaminerRecord:
        with self._db.read() as session:
            examiner = session.get(Examiner, examiner_id)
            if examiner is None:
                raise NotFoundError("No examiner with id {examiner_id}.", examiner_id=examiner_id)
            return _record(examiner)


def _by_badge(session: Session, badge_number: str) -> Examiner | None:
    return session.scalar(select(Examiner).where(Examiner.badge_number == badge_number.strip()))
