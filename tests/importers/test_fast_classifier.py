"""The number classifier's fast paths give exactly what phonenumbers gives.

A phone holds hundreds of thousands of distinct addresses, so `classify` validates the usual
Korean ways of writing a number on phonenumbers' own patterns instead of calling its parser.
Evidence must not depend on that shortcut: every input here is classified both ways (the
reference, `_classify(..., fast=False)`, leaves every phone number to phonenumbers) and the
results must be identical — kind, E.164 and digits.
"""

from __future__ import annotations

import random

import pytest

from forensics_app.importers import addresses
from forensics_app.importers.addresses import DEFAULT_REGION, classify

# Korean area codes, mobile, internet-phone, toll-free, premium and business prefixes, and
# some that do not exist (to be refused the same way).
PREFIXES = (
    "010", "011", "016", "017", "018", "019", "012", "013", "015", "02", "031", "032", "033",
    "041", "042", "043", "044", "051", "052", "053", "054", "055", "061", "062", "063", "064",
    "070", "080", "060", "050", "0502", "0505", "030", "039", "069", "1588", "1644", "1899",
    "15", "16", "18", "0", "00", "01", "09",
)  # fmt: skip


def _national(rng: random.Random) -> str:
    prefix = rng.choice(PREFIXES)
    length = rng.choice((7, 8, 8, 9, 10, 10, 11, 11, 11, 12))
    rest = "".join(rng.choice("0123456789") for _ in range(max(length - len(prefix), 1)))
    return prefix + rest


def _grouped(digits: str, rng: random.Random, separator: str) -> str:
    parts, index = [], 0
    while index < len(digits):
        step = rng.choice((2, 3, 4))
        parts.append(digits[index : index + step])
        index += step
    return separator.join(parts)


def _written(rng: random.Random) -> str:
    national = _national(rng)
    trunkless = national[1:] if national.startswith("0") else national
    forms = (
        national,
        _grouped(national, rng, "-"),
        _grouped(national, rng, " "),
        "+82 " + trunkless,
        "+82-" + _grouped(trunkless, rng, "-"),
        "+82" + trunkless,
        "+82 " + national,  # the trunk 0 kept after the country code
        "82" + trunkless,
        "82" + national,
        "0082" + trunkless,
        "0082 " + _grouped(trunkless, rng, " "),
        "00" + rng.choice(("1", "44", "81", "86", "7")) + trunkless,
        "+" + rng.choice(("1", "44", "81", "86", "7", "8", "821", "8210")) + " " + trunkless,
        "+" + national,
        " " + national + " ",
        "-" + national,
        national + "-",
        national.replace("0", "０", 1),  # full-width digit
        "tel:" + national,
        "(" + national[:3] + ") " + national[3:],
        "+" + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 40))),
        "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 40))),
        "".join(rng.choice("0123456789 -+") for _ in range(rng.randint(1, 20))),
    )
    return forms[rng.randrange(len(forms))]


def _reference(raw: str) -> addresses.Address:
    return addresses._classify(raw, DEFAULT_REGION, fast=False)


def test_fast_paths_equal_phonenumbers_on_generated_numbers() -> None:
    rng = random.Random(20261129)
    inputs = {_written(rng) for _ in range(40_000)}
    classify.cache_clear()
    differ = [(raw, classify(raw), _reference(raw)) for raw in inputs]
    differ = [d for d in differ if d[1] != d[2]]
    assert differ == []
    # The generated inputs reach both outcomes of the fast path, and phonenumbers' too.
    results = [classify(raw) for raw in inputs]
    assert sum(r.e164 is not None for r in results) > 5_000
    assert sum(r.e164 is None and r.kind == "phone" for r in results) > 5_000


@pytest.mark.parametrize(
    "raw",
    ["010-1234-5678", "+82 10-1234-5678", "+82 010-1234-5678", "821012345678",
     "8201012345678", "0082-10-1234-5678", "00821012345678", "02-123-4567", "+82 2 123 4567",
     "+8221234567", "1588-1234", "15881234", "+82 1588 1234", "070-1234-5678", "080-123-4567",
     "0505-123-4567", "+1 650 253 0000", "16502530000", "+44 7775 455555", "447775455555",
     "001-1-650-253-0000", "0101234567", "010123456789", "01112345678", "+82", "+82 0",
     "8210", "0082", "+", "++821012345678", "+82 10 1234 5678 ", " 010-1234-5678",
     "010--1234--5678", "010 - 1234 - 5678", "0-1-0-1-2-3-4-5-6-7-8", "1234567", "12345678",
     "+1234567", "+82-1234567", "031-1234-56789", "064-123-4567", "+82 64 123 4567",
     "0101234567890123456789012345678901234", "+8210123456781234567890123456789012",
     "٠١٠١٢٣٤٥٦٧٨", "010\u20111234\u20115678", "tel:010-1234-5678", "010.1234.5678"],
)  # fmt: skip
def test_fast_paths_equal_phonenumbers_on_odd_numbers(raw: str) -> None:
    classify.cache_clear()
    assert classify(raw) == _reference(raw)


def test_the_joined_korean_patterns_equal_phonenumbers_kinds_one_by_one() -> None:
    rng = random.Random(1129)
    nationals = {_national(rng)[1:] or "1" for _ in range(60_000)}
    nationals |= {"".join(rng.choice("0123456789") for _ in range(n)) for n in range(1, 18)}
    differ = [
        n for n in nationals if addresses._valid_korean(n) != addresses._valid_korean_reference(n)
    ]
    assert differ == []
    assert sum(addresses._valid_korean(n) for n in nationals) > 10_000
