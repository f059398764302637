"""Numbers written in message texts, found by the SQL path in a chunk of texts read back in one
piece, are exactly those `numbers_in_text` finds in each text on its own."""

from __future__ import annotations

import random

from forensics_app.importers.addresses import numbers_in_text
from forensics_app.services.ingest_sql import TEXT_SEPARATOR, Loaded, _find_numbers

PIECES = (
    "", " ", "대출", "010-1234-5678", "01012345678", "+82 10 2000 1000", "０１０-９８７６-５４３２",
    "1588-1234", "12 34 56 7", "0505-123-4567", "x" * 300, "문의 02-123-4567 주세요", "\n",
    "https://x.y/01012345678", "٠١٠١٢٣٤٥٦٧٨", "010 1234", "5678", "(02) 555-0199",
)  # fmt: skip


def _texts(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4))) for _ in range(count)]


def test_numbers_found_in_a_chunk_are_those_found_text_by_text() -> None:
    rng = random.Random(11)
    for count in (1, 2, 3, 50, 2000):
        texts = _texts(rng, count)
        loaded = Loaded(first=1000, count=count)
        _find_numbers(loaded, 1000, count, TEXT_SEPARATOR.join(texts))
        expected = [
            (1000 + index, e164, written)
            for index, text in enumerate(texts)
            for e164, written in numbers_in_text(text)
        ]
        assert loaded.mentions == expected
    assert any(loaded.mentions)
