"""The rows of a lazy table: an ordered list of ids, and their records fetched a page at a time
when a row is first shown, kept in a bounded most-recently-used cache (Anki's browser model:
a table of 100,000 rows opens with one query for ids and one page of records)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, TypeVar

Record = TypeVar("Record")

PAGE_SIZE = 200
CACHE_LIMIT = 4000


class PagedRows(Generic[Record]):
    def __init__(
        self,
        fetch: Callable[[list[int]], Mapping[int, Record]],
        page_size: int = PAGE_SIZE,
        cache_limit: int = CACHE_LIMIT,
    ) -> None:
        self._fetch = fetch
        self._page_size = page_size
        self._cache_limit = cache_limit
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._cache: OrderedDict[int, Record | None] = OrderedDict()
        self.fetch_calls = 0  # for tests and diagnostics

    def reset(self, ids: list[int]) -> None:
        self._ids = ids
        self._row_of = None
        self._cache.clear()

    def reorder(self, ids: list[int]) -> None:
        """The same rows in another order: cached records stay valid."""
        self._ids = ids
        self._row_of = None

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def ids(self) -> list[int]:
        return self._ids

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def cached_count(self) -> int:
        return len(self._cache)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {i: row for row, i in enumerate(self._ids)}
        return self._row_of.get(record_id)

    def has(self, row: int) -> bool:
        """Whether the record of `row` is at hand (read, or known to be gone)."""
        record_id = self.id_at(row)
        return record_id is not None and record_id in self._cache

    def missing(self, row: int) -> list[int]:
        """The ids of `row`'s page whose records are not at hand: what a read of it asks for."""
        start = row - row % self._page_size
        return [i for i in self._ids[start : start + self._page_size] if i not in self._cache]

    def put(self, wanted: Sequence[int], found: Mapping[int, Record]) -> list[int]:
        """Keep the records read for `wanted` (None for ids not found: deleted meanwhile);
        returns the rows they are shown in."""
        for fetched in wanted:
            self._cache[fetched] = found.get(fetched)
            self._cache.move_to_end(fetched)
        while len(self._cache) > self._cache_limit:
            self._cache.popitem(last=False)
        return [row for row in map(self.row_of, wanted) if row is not None]

    def get(self, row: int) -> Record | None:
        """The record of `row`, fetching its page if needed; whatever `fetch` raises passes
        through (the model decides how to tell the user)."""
        record_id = self.id_at(row)
        if record_id is None:
            return None
        if record_id in self._cache:
            self._cache.move_to_end(record_id)
            return self._cache[record_id]
        wanted = self.missing(row)
        found = self._fetch(wanted)
        self.fetch_calls += 1
        self.put(wanted, found)
        return self._cache.get(record_id)

    def forget(self, record_ids: Sequence[int] = ()) -> list[int]:
        """Drop cached records (of some ids, or all) so they are read again; returns the rows
        that need repainting."""
        if not record_ids:
            self._cache.clear()
            return list(range(len(self._ids)))
        for record_id in record_ids:
            self._cache.pop(record_id, None)
        return [row for row in map(self.row_of, record_ids) if row is not None]
