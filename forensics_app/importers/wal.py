"""The -wal beside an evidence database: what SQLite will take from it, and whether it is this
database's at all.

SQLite applies a write-ahead log without asking whose it is: a -wal that an extraction tool
or an examiner put beside the wrong database (same name, another phone or another app) is read
as if its pages were this database's, and the file is then parsed as whatever the log says
(an sms.db read as an AddressBook). And it silently skips the frames whose salts do not match
the log's header (frames left from before the log was last reset), so rows that sit in them
are not read. Both are said, and a log that belongs to another database is not applied: the
main file is read alone (the working copy's -wal is removed; the evidence is not touched).

Layout (https://www.sqlite.org/fileformat.html#the_write_ahead_log): a 32-byte header (magic,
version, page size, checkpoint sequence, salt-1, salt-2, checksum-1, checksum-2), then frames
of a 24-byte header (page number, database size after a commit, salt-1, salt-2, checksums)
and one page.

Whose log is it? Nothing in a -wal names its database: its salts change at each reset and the
database header does not record them (its file change counter need not move in WAL mode), so
a log from another copy of the same schema cannot be told apart by its headers alone. The one
sound test is the -shm (the log's index, in the writer's byte order; walIndexHdr and
walCkptInfo in SQLite's wal.c): when it indexes this very log (same salts) and says frames were
already copied into the database (nBackfill), the database must hold those pages byte for byte,
the last copy of each page among them. A page that differs proves the log was written against
another file. Without a -shm, or before any checkpoint, the table test below is a heuristic.
"""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from forensics_app.messages import Message, msg

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER = struct.Struct(">8I")
FRAME_HEADER = struct.Struct(">6I")
SHM_VERSION = 3007000  # walIndexHdr.iVersion
# walIndexHdr (twice) then walCkptInfo: iVersion, unused, iChange, isInit, bigEndCksum, szPage,
# mxFrame, nPage, aFrameCksum[2], aSalt[2], aCksum[2]; the second copy; nBackfill.
SHM_HEADER = "IIIBBHIIIIIIII"
SHM_READ = 48 * 2 + 4


@dataclass(frozen=True)
class WalFacts:
    valid_header: bool
    page_size: int = 0
    frames: int = 0  # whole frames in the file
    current: int = 0  # leading frames carrying the header's salts (the ones SQLite may apply)
    salts: tuple[int, int] = (0, 0)
    # Of those, the frames SQLite applies: up to the last commit frame before the first whose
    # checksum fails (a damaged frame ends the log for SQLite, silently).
    applied: int = 0


@dataclass(frozen=True)
class ShmFacts:
    salts: bytes  # the log's salts as its header holds them (copied as they are)
    max_frame: int  # frames of the log that are valid
    backfilled: int  # of which copied into the database already (a checkpoint)


def read_shm(path: Path) -> ShmFacts | None:
    """The -shm's index header, when it is one (its two copies agree, the version is SQLite's
    in the byte order of the machine that wrote it); None otherwise."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SHM_READ)
    except OSError:
        return None
    if len(head) < SHM_READ:
        return None
    for order in ("<", ">"):
        first = struct.unpack_from(order + SHM_HEADER, head, 0)
        if first[0] != SHM_VERSION or head[:48] != head[48:96] or not first[3]:
            continue
        backfilled = struct.unpack_from(order + "I", head, 96)[0]
        max_frame = first[6]
        if backfilled > max_frame:
            return None
        return ShmFacts(head[32:40], max_frame, backfilled)
    return None


def backfilled_pages_differ(database: Path, wal: Path, facts: WalFacts, shm: ShmFacts) -> int:
    """How many pages the log says were copied into the database (the last copy of each
    among its first `backfilled` frames) that the database does not hold as they are."""
    step = FRAME_HEADER.size + facts.page_size
    latest: dict[int, int] = {}  # page number -> frame index
    with open(wal, "rb") as log:
        for number in range(min(shm.backfilled, facts.current)):
            log.seek(WAL_HEADER.size + number * step)
            latest[FRAME_HEADER.unpack(log.read(FRAME_HEADER.size))[0]] = number
        differ = 0
        with open(database, "rb") as main:
            for page, number in latest.items():
                log.seek(WAL_HEADER.size + number * step + FRAME_HEADER.size)
                main.seek((page - 1) * facts.page_size)
                if log.read(facts.page_size) != main.read(facts.page_size):
                    differ += 1
    return differ


def header_checksum(header: bytes) -> tuple[int, int]:
    """SQLite's checksum of the first 24 header bytes (big-endian words when the magic's
    last bit is set, else little-endian)."""
    big = int.from_bytes(header[:4], "big") & 1
    words = struct.unpack((">" if big else "<") + "6I", header[:24])
    s0 = s1 = 0
    for first, second in zip(words[::2], words[1::2], strict=True):
        s0 = (s0 + first + s1) & 0xFFFFFFFF
        s1 = (s1 + second + s0) & 0xFFFFFFFF
    return s0, s1


class FrameChecksum:
    """SQLite's running checksum of the log's frames (wal.c walChecksumBytes): over each
    frame's first 8 header bytes and its page, 32-bit words in pairs (a, b), s0 += a + s1,
    s1 += b + s0, seeded with the header's checksum and carried from frame to frame.

    A step is linear, (s0, s1) -> M·(s0, s1) + (a, a + b) with M = [[1, 1], [1, 2]], so a
    frame of n pairs is M^n·s + sum(M^(n-i)·u_i): computed with numpy from the powers of M,
    taken once per page size (the pair-by-pair loop took seconds on a 100 MB log). uint64
    arithmetic wraps modulo 2^64, which keeps it exact modulo 2^32."""

    def __init__(self, page_size: int, big_endian: bool) -> None:
        import numpy as np

        self._np = np
        pairs = (8 + page_size) // 8
        powers = np.empty((pairs + 1, 4), dtype=np.uint64)  # M^k as (m00, m01, m10, m11)
        powers[0] = (1, 0, 0, 1)
        with np.errstate(over="ignore"):
            for k in range(1, pairs + 1):
                m00, m01, m10, m11 = powers[k - 1]
                powers[k] = (m00 + m01, m00 + 2 * m01, m10 + m11, m10 + 2 * m11)
        self._last = powers[pairs]
        self._weights = powers[pairs - 1 :: -1]  # M^(n-i) for the pairs i = 1..n
        self._words = np.dtype(">u4" if big_endian else "<u4")

    def __call__(self, seed: tuple[int, int], data: bytes) -> tuple[int, int]:
        np = self._np
        words = np.frombuffer(data, dtype=self._words).astype(np.uint64)
        a, b = words[0::2], words[1::2]
        u0, u1 = a, a + b
        w = self._weights
        s0, s1 = np.uint64(seed[0]), np.uint64(seed[1])
        m00, m01, m10, m11 = self._last
        with np.errstate(over="ignore"):
            first = m00 * s0 + m01 * s1 + np.sum(w[:, 0] * u0 + w[:, 1] * u1, dtype=np.uint64)
            second = m10 * s0 + m11 * s1 + np.sum(w[:, 2] * u0 + w[:, 3] * u1, dtype=np.uint64)
        return int(first) & 0xFFFFFFFF, int(second) & 0xFFFFFFFF


def read_wal(path: Path) -> WalFacts:
    size = path.stat().st_size
    with open(path, "rb") as handle:
        header = handle.read(WAL_HEADER.size)
        if len(header) < WAL_HEADER.size:
            return WalFacts(False)
        magic, _version, page_size, _seq, salt1, salt2, sum1, sum2 = WAL_HEADER.unpack(header)
        if (
            magic not in WAL_MAGIC
            or not 512 <= page_size <= 65536
            or page_size & (page_size - 1)
            or header_checksum(header) != (sum1, sum2)
        ):
            return WalFacts(False)
        step = FRAME_HEADER.size + page_size
        frames = (size - WAL_HEADER.size) // step
        current = applied = 0
        checksum = FrameChecksum(page_size, bool(magic & 1))
        running: tuple[int, int] | None = (sum1, sum2)
        for number in range(frames):
            handle.seek(WAL_HEADER.size + number * step)
            frame = handle.read(step)
            fields = FRAME_HEADER.unpack_from(frame)
            if (fields[2], fields[3]) != (salt1, salt2):
                break
            current += 1
            if running is not None:
                running = checksum(running, frame[:8] + frame[FRAME_HEADER.size :])
                if running != (fields[4], fields[5]):
                    running = None  # SQLite reads no frame from here on
                elif fields[1]:  # a commit frame: the transaction up to here is applied
                    applied = current
    return WalFacts(True, page_size, frames, current, (salt1, salt2), applied)


def _page_size(database: Path) -> int:
    with open(database, "rb") as handle:
        head = handle.read(18)
    size = int.from_bytes(head[16:18], "big")
    return 65536 if size == 1 else size


def _tables(database: Path, *, with_wal: bool) -> set[str] | None:
    """The ordinary tables the file declares, alone (immutable: the -wal is not read) or as
    SQLite sees it with its -wal. None: SQLite cannot read it so."""
    uri = database.resolve().as_uri() + ("?mode=ro" if with_wal else "?immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {str(name).lower() for (name,) in rows if not str(name).startswith("sqlite_")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def check_working_copy(database: Path, display_path: str) -> list[Message]:
    """Look at the working copy's -wal before anything opens it; drop it (from the working
    folder only) when it is another database's. Returns what the examiner should know."""
    wal = database.with_name(database.name + "-wal")
    if not wal.is_file() or wal.stat().st_size == 0:
        return []
    facts = read_wal(wal)
    if not facts.valid_header:
        return [
            msg(
                "{path}: its -wal is not a valid SQLite write-ahead log (damaged header); "
                "SQLite ignores it, so only the main file was read",
                path=display_path,
            )
        ]
    notes: list[Message] = []
    foreign = None
    if facts.page_size != _page_size(database):
        foreign = msg(
            "{path}: its -wal belongs to another database (pages of {wal} bytes, the "
            "database's are {main}); it was not applied, the main file was read alone",
            path=display_path,
            wal=facts.page_size,
            main=_page_size(database),
        )
    shm = read_shm(database.with_name(database.name + "-shm"))
    if (
        foreign is None
        and shm is not None
        and shm.salts == struct.pack(">II", *facts.salts)
        and shm.backfilled
    ):
        differ = backfilled_pages_differ(database, wal, facts, shm)
        if differ:
            foreign = msg(
                "{path}: its -wal belongs to another database ({count} of the pages its index "
                "says were already copied into the database are not the database's); it was "
                "not applied, the main file was read alone",
                path=display_path,
                count=differ,
            )
    if foreign is None and facts.current:
        alone = _tables(database, with_wal=False)
        together = _tables(database, with_wal=True)
        if alone and together is not None and not alone & together:
            foreign = msg(
                "{path}: its -wal belongs to another database (it turns the tables {alone} "
                "into {together}); it was not applied, the main file was read alone",
                path=display_path,
                alone=", ".join(sorted(alone)[:4]),
                together=", ".join(sorted(together)[:4]) or "-",
            )
    if foreign is not None:
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
        return [foreign]
    if facts.applied < facts.current:
        notes.append(
            msg(
                "{path}: {ignored} of the {frames} frames in its -wal are not applied by "
                "SQLite (a frame whose checksum fails, damaged, ends the log for it; or frames "
                "after the last complete transaction), so rows that only they hold are not "
                "imported",
                path=display_path,
                ignored=facts.current - facts.applied,
                frames=facts.frames,
            )
        )
    if facts.current < facts.frames:
        notes.append(
            msg(
                "{path}: {stale} of the {frames} frames in its -wal do not carry the log's "
                "current salts (left from before it was last reset, or damaged); SQLite does "
                "not read them, so rows that only they hold are not imported",
                path=display_path,
                stale=facts.frames - facts.current,
                frames=facts.frames,
            )
        )
    return notes
