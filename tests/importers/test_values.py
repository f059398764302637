"""Time and number conversions shared by every importer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from forensics_app.importers import timeconv, values
from forensics_app.importers.addresses import AddressKind, classify, numbers_in_text


@pytest.mark.parametrize(
    "written",
    ["010-1234-5678", "010 1234 5678", "01012345678", "+82 10-1234-5678", "821012345678",
     "+82-10-1234-5678", "００１０-1234-5678"[1:], "tel:+821012345678", "0082 10 1234 5678",
     # Copied on a phone: wrapped in direction marks (an iPhone's contacts), zero-width
     # spaces from a web page; dialled behind a prefix that withholds the caller id.
     "\u202a+82 10-1234-5678\u202c", "\u2068010 1234 5678\u2069", "\u200e01012345678",
     "010\u200b1234\u200b5678", "*23#01012345678", "#31#010-1234-5678"],
)  # fmt: skip
def test_a_korean_number_however_written_has_one_e164(written: str) -> None:
    assert classify(written).e164 == "+821012345678"
    assert classify(written).kind == AddressKind.PHONE


@pytest.mark.parametrize(
    ("written", "kind"),
    [("spam@example.com", AddressKind.EMAIL), ("114", AddressKind.SHORT_CODE),
     ("#1004", AddressKind.SHORT_CODE), ("KT", AddressKind.ALPHANUMERIC),
     ("Apple", AddressKind.ALPHANUMERIC), ("", AddressKind.NONE),
     ("1-800-MY-APPLE", AddressKind.ALPHANUMERIC), ("*23#", AddressKind.SHORT_CODE),
     ("KT\u200e", AddressKind.ALPHANUMERIC)],
)  # fmt: skip
def test_addresses_that_are_not_phone_numbers_get_no_e164(written: str, kind: str) -> None:
    found = classify(written)
    assert found.kind == kind and found.e164 is None and found.raw == written


def test_foreign_and_invalid_numbers() -> None:
    assert classify("447775455555").e164 == "+447775455555"  # iMessage handle without "+"
    assert classify("+1 650 253 0000").e164 == "+16502530000"
    invalid = classify("1 555-521-5554")  # the Android emulator's number
    assert invalid.e164 is None and invalid.digits == "15555215554"


def test_numbers_written_inside_text() -> None:
    text = "무직자대출 ０１０-９８７６-５４３２ 또는 02)123-4567, 상품코드 128874, 2019.11.23"
    assert numbers_in_text(text) == [
        ("+821098765432", "010-9876-5432"),
        ("+8221234567", "02)123-4567"),
    ]
    assert numbers_in_text("") == []


def test_device_times() -> None:
    moment = datetime(2024, 3, 1, 1, 0, 0, 500000, tzinfo=UTC)
    assert timeconv.unix_milliseconds(1709254800500) == moment
    assert timeconv.unix_seconds(1709254800.5) == moment
    assert timeconv.mac_absolute(730947600.5) == moment
    assert timeconv.mac_absolute(730947600_500_000_000) == moment  # iOS 11+ nanoseconds
    assert timeconv.unix_milliseconds("1709254800500") == moment
    for nonsense in (None, 0, -5, 253402300799000, "soon", float("nan"), b"\x00"):
        assert timeconv.unix_milliseconds(nonsense) is None
    assert timeconv.mac_absolute(0) is None  # "not set", not 2001-01-01


@pytest.mark.parametrize(
    ("given", "family", "middle", "shown"),
    [
        ("길동", "홍", "", "홍길동"),
        ("太郎", "山田", "", "山田太郎"),
        ("John", "Smith", "Q", "John Q Smith"),
        ("길동", "", "", "길동"),
        ("", "홍", "", "홍"),
        ("Minsu", "김", "", "Minsu 김"),  # scripts mixed: as written, with a space
        ("", "", "", ""),
    ],
)
def test_a_person_name_as_the_phone_shows_it(
    given: str, family: str, middle: str, shown: str
) -> None:
    assert values.person_name(given, family, middle) == shown


CIPHER = "gYvyem4pIA6VPq3mYygxQhbWXoCFwvK5duNBqM4gXPVNjYyFAXlQLak2G7LANYqu"


@pytest.mark.parametrize(
    ("body", "encrypted"),
    [
        (CIPHER, True),
        ("?TSK" + CIPHER, True),  # TextSecure's marker
        ("ENC:" + CIPHER, True),
        ("tmt:v1:" + CIPHER, True),
        (CIPHER[:40] + "\n" + CIPHER[:40] + "\n" + CIPHER[:20] + "==", True),  # MIME lines
        ("0123456789abcdef" * 3, True),
        ("무직자대출 당일 가능 010-1234-5678 상담", False),
        ("https://bit.ly/3xYzAbCdEfGhIjKlMnOpQrStUvWx", False),
        ("[Web발신]" + CIPHER, False),
        ("short:" + CIPHER[:20], False),
        ("line one\nline two\nline three and more text here", False),
    ],
)
def test_bodies_an_app_encrypted(body: str, encrypted: bool) -> None:
    assert values.looks_encrypted(body) is encrypted
