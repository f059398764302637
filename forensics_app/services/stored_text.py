"""Text on its way into the catalog: NUL characters (U+0000).

PostgreSQL's text type cannot hold NUL (psycopg refuses it with a DataError at the moment of
the INSERT, deep in a transaction); SQLite would store it. Both databases must hold the same,
so NUL never reaches either: what an examiner types is refused with a message naming the
field (a NUL there is a paste accident, and evidence descriptions are not silently edited),
and text read from evidence is cleaned where the importer records that it did so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forensics_app.errors import UserError

NUL = "\x00"


def refuse_nul(values: Mapping[str, Any]) -> None:
    """Raise a UserError naming the first text value (by its field name) that holds a NUL."""
    for field, value in values.items():
        if isinstance(value, str) and NUL in value:
            raise UserError(
                "The field {field} contains a NUL character (U+0000), which cannot be stored; "
                "remove it and try again. Nothing was changed.",
                field=field,
            )


def without_nul(text: str) -> str:
    """The text with its NUL characters removed (for text read from evidence)."""
    return text.replace(NUL, "") if NUL in text else text
