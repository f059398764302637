"""Examiner accounts, sign-in and cases."""

from __future__ import annotations

import pytest

from forensics_app.errors import (
    AuthenticationError,
    DuplicateError,
    NotFoundError,
    PermissionDeniedError,
    UserError,
)
from forensics_app.services import Workstation
from forensics_app.services.examiners import check_password, hash_password
from forensics_app.services.records import Actor
from forensics_app.storage.models import CaseStatus, Role
from tests.conftest import PASSWORD


def test_password_hash_is_salted_scrypt() -> None:
    first, second = hash_password("s3cret-pass"), hash_password("s3cret-pass")
    assert first != second and first.startswith("scrypt$")
    assert check_password("s3cret-pass", first)
    assert not check_password("s3cret-pasS", first)
    assert not check_password("s3cret-pass", "garbage")


def test_first_examiner_is_admin_and_signs_in(workstation: Workstation) -> None:
    first = workstation.examiners.create(None, "Kim", "1", Role.EXAMINER, password=PASSWORD)
    assert first.role == Role.ADMIN
    assert workstation.examiners.sign_in("1", PASSWORD) == first
    with pytest.raises(AuthenticationError):
        workstation.examiners.sign_in("404", PASSWORD)


def test_team_database_needs_passwords_and_admins(workstation: Workstation, actor: Actor) -> None:
    if not workstation.is_team_database:
        # Local: the examiner is chosen, not proven; anyone present may add a colleague.
        assert workstation.examiners.sign_in("1001", None) == actor
        plain = workstation.examiners.create(actor, "Lee", "2", password=None)
        workstation.examiners.create(plain, "Park", "3", password=None)
        return
    with pytest.raises(AuthenticationError, match="password"):
        workstation.examiners.sign_in("1001", None)
    with pytest.raises(AuthenticationError, match="Wrong"):
        workstation.examiners.sign_in("1001", "not the password")
    with pytest.raises(UserError, match="needs a password"):
        workstation.examiners.create(actor, "Lee", "2", password=None)
    with pytest.raises(UserError, match="at least"):
        workstation.examiners.create(actor, "Lee", "2", password="short")
    plain = workstation.examiners.create(actor, "Lee", "2", password=PASSWORD)
    with pytest.raises(PermissionDeniedError):
        workstation.examiners.create(plain, "Park", "3", password=PASSWORD)


def test_second_examiner_needs_someone_signed_in(workstation: Workstation, actor: Actor) -> None:
    with pytest.raises(AuthenticationError):
        workstation.examiners.create(None, "Intruder", "666", password=PASSWORD)
    with pytest.raises(DuplicateError):
        workstation.examiners.create(actor, "Kim again", "1001", password=PASSWORD)
    assert [e.badge_number for e in workstation.examiners.list()] == ["1001"]


@pytest.mark.parametrize(
    ("name", "badge"),
    [
        ("Kim\x1b[2J", "7"),  # clears the terminal that prints the log
        ("Lee\nsigned by 1001", "7"),  # a forged second line
        ("Park", "7\n8"),
        ("\u202eKim", "7"),  # right-to-left override
        ("Choi\tX", "7"),
    ],
)
def test_control_characters_in_names_and_badges_are_refused(
    workstation: Workstation, actor: Actor, name: str, badge: str
) -> None:
    with pytest.raises(UserError, match="control characters"):
        workstation.examiners.create(actor, name, badge, password=PASSWORD)
    assert [e.badge_number for e in workstation.examiners.list()] == ["1001"]
    workstation.examiners.create(actor, "김 민수", "2002-A", password=PASSWORD)  # spaces, Hangul


def test_case_numbers_and_statuses(workstation: Workstation, actor: Actor) -> None:
    first = workstation.cases.create(actor, "Flyers at Suwon station", offence_type="대부업법 위반")
    second = workstation.cases.create(actor, "Phones")
    year = first.opened_on.year
    assert (first.number, second.number) == (f"{year}-0001", f"{year}-0002")
    assert first.lead_examiner == "Kim Minsu"
    with pytest.raises(DuplicateError):
        workstation.cases.create(actor, "Again", number=first.number)
    with pytest.raises(DuplicateError):
        workstation.cases.update(actor, second.id, number=first.number)
    with pytest.raises(UserError, match="title"):
        workstation.cases.create(actor, "   ")
    closed = workstation.cases.set_status(actor, first.id, CaseStatus.CLOSED)
    assert closed.closed_on is not None
    assert [c.id for c in workstation.cases.list(CaseStatus.OPEN)] == [second.id]
    assert workstation.cases.resolve(str(second.id)).id == second.id
    assert workstation.cases.resolve(second.number).id == second.id
    with pytest.raises(NotFoundError):
        workstation.cases.resolve("no such case")
    assert workstation.custody.verify_chain().ok


def test_case_number_that_looks_like_an_id_wins(workstation: Workstation, actor: Actor) -> None:
    by_number = workstation.cases.create(actor, "Numbered", number="2")
    workstation.cases.create(actor, "Other", number="B")  # gets id 2
    assert by_number.id == 1
    assert workstation.cases.resolve("2").id == by_number.id
