"""Numbers written in message texts, found by the SQL path in a chunk of texts read back in one
piece, are exactly those `numbers_in_text` finds in each text on its own."""

from __future__ import annotations

import random

import pytest

from forensics_app.importers.addresses import numbers_in_text
from forensics_app.services.ingest_sql import TEXT_SEPARATOR, Loaded, _find_numbers

PIECES = (
    "", " ", "대출", "010-1234-5678", "01012345678", "+82 10 2000 1000", "０１０-９８７６-５４３２",
    "1588-1234", "12 34 56 7", "0505-123-4567", "x" * 300, "문의 02-123-4567 주세요", "\n",
    "https://x.y/01012345678", "٠١٠١٢٣٤٥٦٧٨", "010 1234", "5678", "(02) 555-0199",
    # a span of digits with gaps of four: a number to phonenumbers, but no text holding only
    # it passes numbers_in_text's pre-check (so none is found in it)
    "010    1234    5678", "+8210-1234-5678", "010.1234.5678",
)  # fmt: skip
WIDE = "０１０-９８７６-５４３２"


def _texts(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4))) for _ in range(count)]


@pytest.mark.parametrize("wide_digits", [True, False])
def test_numbers_found_in_a_chunk_are_those_found_text_by_text(wide_digits: bool) -> None:
    # Chunks without full-width digits are read in one pass (addresses.numbers_in_joined),
    # the others text by text.
    rng = random.Random(11)
    for count in (1, 2, 3, 50, 2000, 20_000):
        texts = _texts(rng, count)
        if not wide_digits:
            texts = [text.replace(WIDE, "") for text in texts]
        if count >= 50:
            assert any(WIDE in text for text in texts) == wide_digits
        loaded = Loaded(first=1000, count=count)
        _find_numbers(loaded, 1000, count, TEXT_SEPARATOR.join(texts))
        expected = [
            (1000 + index, e164, written)
            for index, text in enumerate(texts)
            for e164, written in numbers_in_text(text)
        ]
        assert loaded.mentions == expected
    assert any(loaded.mentions)


def test_wide_digits_are_found_as_the_character_class_finds_them() -> None:
    from forensics_app.importers.addresses import _WIDE_DIGITS, has_wide_digits

    for code in (*range(0xFF00, 0xFF30), *range(0x30, 0x3A), *range(0x660, 0x66A)):
        for text in (chr(code), f"대출 {chr(code)}", f"{chr(code)}\x00\x00\x00\x00x" * 3):
            assert has_wide_digits(text) == bool(_WIDE_DIGITS.search(text)), hex(code)
    assert has_wide_digits("문의 " + WIDE) and not has_wide_digits("문의 010-9876-5432")


def test_distinct_values_of_a_table_are_estimated_from_its_first_rows() -> None:
    """A million messages from 12,800 correspondents: 10,000 rows hold about 7,000 of them,
    yet the table is far from mostly distinct; a sender per message is."""
    from forensics_app.services.ingest_sql import estimated_distinct

    rng = random.Random(7)
    for correspondents in (300, 3_000, 12_800, 100_000):
        sample = [rng.randrange(correspondents) for _ in range(10_000)]
        estimate = estimated_distinct(len(sample), len(set(sample)), 1_000_000)
        assert 0.9 * correspondents < estimate < 1.1 * correspondents, correspondents
    assert estimated_distinct(10_000, 10_000, 1_000_000) == 1_000_000  # all distinct so far
    assert estimated_distinct(10_000, 9_999, 20_000) <= 20_000  # never more than the rows
    assert estimated_distinct(40, 25, 40) == 25  # the sample is the table: counted


def test_sql_gives_each_millisecond_time_the_text_python_gives() -> None:
    """The SQL path's time text for Unix milliseconds in range (every remainder, both ends
    of the range) is the Python path's."""
    import sqlite3

    from forensics_app.importers import timeconv
    from forensics_app.importers.bulk import Col, UnixMilliseconds, sql_time

    low, high = timeconv.UNIX_MS_RANGE
    rng = random.Random(3)
    stamps = [low, low + 1, high - 1, high - 1000, 1_704_067_200_000]
    stamps += [rng.randrange(low, high) // 1000 * 1000 + n for n in range(1000)]
    conn = sqlite3.connect(":memory:")
    statement = f"SELECT {UnixMilliseconds(Col('t'))._fast('?1')}"
    for stamp in stamps:
        (found,) = conn.execute(statement, (stamp,)).fetchone()
        assert found == sql_time(timeconv.unix_milliseconds(stamp)), stamp
    conn.close()
