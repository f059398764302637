"""The custody chain anchored outside the database: signed checkpoints and signed heads.

The hash chain in the database shows any edit by someone who does not recompute the hashes.
Someone with write access to the database can recompute them all, or cut entries off the end
and move the head back. So each workstation signs what it saw, with a key the database never
holds:

* **The key.** One Ed25519 key per workstation (per user data folder), created on first use in
  `data_dir()/workstation-signing-key.pem`, readable by the user only (0600). Its id is the
  first 16 hex digits of the SHA-256 of its public key.
* **Checkpoints.** After every committed examiner action the workstation appends a signed line
  to `data_dir()/custody-checkpoints/<database id>.jsonl`: the chain's sequence number and head
  hash, the time from the Clock, the key id, and the SHA-256 of the previous line (so a line
  taken out of the middle shows). The file is only ever appended to.
* **Signed heads.** A submission package or a report carries a `SignedHead` (format below):
  `verify --anchor FILE` checks the chain against it, wherever the file went.

`verify` compares the chain with every checkpoint and names the first entry where they part.
What this proves, and what an insider holding the key can still do, is in README ("Integrity
model").

Signed head format (`SIGNED_HEAD_FORMAT`), a JSON object:

    {"format": "forensics-app/signed-chain-head/1",
     "database": "<16 hex: SHA-256 of the database URL, password hidden>",
     "seq": 1234, "head": "<entry 1234's hash>", "signed_at": "<ISO 8601, UTC>",
     "key_id": "<16 hex>", "public_key": "<base64, 32 bytes>",
     "signature": "<base64 Ed25519 signature of the canonical JSON of all other fields>"}

Canonical JSON: keys sorted, no spaces, UTF-8. A package holds it as `chain-head.json`; a text
report embeds it between `TEXT_BEGIN` and `TEXT_END` lines (`SignedHead.embedded()`);
`load_signed_head` reads all three.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocking.errors import os_reason
from forensics_app.clock import Clock
from forensics_app.errors import IntegrityFailure, UserError
from forensics_app.messages import Message, msg
from forensics_app.services.custody import utc_timestamp

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from forensics_app.services.workstation import Workstation

try:  # POSIX: appends from several processes of one workstation take turns
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

KEY_FILE = "workstation-signing-key.pem"
CHECKPOINT_FOLDER = "custody-checkpoints"
CHECKPOINT_FORMAT = "forensics-app/chain-checkpoint/1"
SIGNED_HEAD_FORMAT = "forensics-app/signed-chain-head/1"
ENTRY_PREFIX = 16  # hex digits of each entry's hash a checkpoint lists
CHAIN_HEAD_NAME = "chain-head.json"  # in a submission package, or beside a report
TEXT_BEGIN = "-----BEGIN FORENSICS-APP SIGNED CHAIN HEAD-----"
TEXT_END = "-----END FORENSICS-APP SIGNED CHAIN HEAD-----"
MAX_HEAD_FILE = 64 * 1024 * 1024  # a report with an embedded head; more is not a report
_EMBEDDED = re.compile(re.escape(TEXT_BEGIN) + r"\s*(\{.*?\})\s*" + re.escape(TEXT_END), re.S)


def canonical(value: dict[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def database_id(location: str) -> str:
    """Which database a checkpoint is about, without naming its path or host."""
    return hashlib.sha256(location.encode("utf-8")).hexdigest()[:16]


def key_id_of(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def signature_valid(public_key_b64: str, payload: bytes, signature_b64: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), payload)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# ---- the workstation's key ------------------------------------------------------------------
class WorkstationKey:
    """The Ed25519 key this workstation signs with; the private half never leaves the file."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        self._private = private
        self.public_bytes = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.public_b64 = base64.b64encode(self.public_bytes).decode()
        self.key_id = key_id_of(self.public_bytes)

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self._private.sign(payload)).decode()

    @classmethod
    def load_or_create(cls, folder: Path) -> WorkstationKey:
        """The key in `folder`, made (mode 0600) on first use."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        path = folder / KEY_FILE
        if not path.exists():
            _create_key_file(path)
        try:
            mode = path.stat().st_mode
            if mode & 0o077:
                # Others could read it: they could sign as this workstation. Close it again.
                log.warning("%s was readable by others (mode %o); now 0600", path, mode & 0o777)
                path.chmod(0o600)
            key = load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise UserError(
                "The workstation's signing key {path} cannot be read: {reason}. Restore it from "
                "a backup; without it the custody chain cannot be anchored.",
                path=path,
                reason=os_reason(exc),
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise UserError("{path} is not an Ed25519 key.", path=path)
        return cls(key)


def _create_key_file(path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    pem = Ed25519PrivateKey.generate().private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)  # never replaces a key another process made meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)
    log.info("Created the workstation's signing key %s", path)


# ---- signed heads -------------------------------------------------------------------------
@dataclass(frozen=True)
class SignedHead:
    database: str
    seq: int
    head: str
    signed_at: str
    key_id: str
    public_key: str
    signature: str = ""
    format: str = SIGNED_HEAD_FORMAT

    def payload(self) -> bytes:
        values = asdict(self)
        values.pop("signature")
        return canonical(values)

    def signature_valid(self) -> bool:
        try:
            own_id = key_id_of(base64.b64decode(self.public_key, validate=True))
        except ValueError:
            return False
        return own_id == self.key_id and signature_valid(
            self.public_key, self.payload(), self.signature
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def embedded(self) -> str:
        """The head as a block of text a report (HTML, CSV, plain text) can carry."""
        return f"{TEXT_BEGIN}\n{json.dumps(self.to_dict(), sort_keys=True)}\n{TEXT_END}\n"

    @classmethod
    def from_dict(cls, value: Any, source: str) -> SignedHead:
        try:
            if value.get("format") != SIGNED_HEAD_FORMAT:
                raise ValueError(value.get("format"))
            return cls(
                database=str(value["database"]),
                seq=int(value["seq"]),
                head=str(value["head"]),
                signed_at=str(value["signed_at"]),
                key_id=str(value["key_id"]),
                public_key=str(value["public_key"]),
                signature=str(value["signature"]),
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise UserError(
                "{source} holds no signed chain head of this program (format {format}).",
                source=source,
                format=SIGNED_HEAD_FORMAT,
            ) from exc


def load_signed_head(path: Path) -> SignedHead:
    """The signed head in a submission package (its chain-head.json), a JSON file (the head,
    or an object with it under "chain_head") or a text report with an embedded block."""
    source = str(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(CHAIN_HEAD_NAME)
                if info.file_size > 1024 * 1024:
                    raise UserError(
                        "{source}: {name} is too large.", source=source, name=info.filename
                    )
                return SignedHead.from_dict(json.loads(archive.read(info)), source)
        if path.stat().st_size > MAX_HEAD_FILE:
            raise UserError("{source} is too large to be a report.", source=source)
        text = path.read_text(encoding="utf-8", errors="replace")
    except KeyError as exc:
        raise UserError(
            "{source} carries no {name}: it is not a package of this program.",
            source=source,
            name=CHAIN_HEAD_NAME,
        ) from exc
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise UserError(
            "Cannot read {source}: {reason}",
            source=source,
            reason=os_reason(exc),
        ) from exc
    with contextlib.suppress(ValueError):
        document = json.loads(text)
        if isinstance(document, dict) and "chain_head" in document:
            document = document["chain_head"]
        return SignedHead.from_dict(document, source)
    found = _EMBEDDED.search(text)
    if found is None:
        raise UserError("{source} carries no signed chain head.", source=source)
    try:
        return SignedHead.from_dict(json.loads(found.group(1)), source)
    except ValueError as exc:
        raise UserError("{source} carries a damaged signed chain head.", source=source) from exc


# ---- checkpoints ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head: str
    at: str
    key_id: str
    line: int  # in the checkpoint file (1-based)
    entries: tuple[tuple[int, str], ...] = ()  # (seq, first 16 hex digits) the action wrote


@dataclass
class CheckpointFile:
    """What the checkpoint file holds, and what is wrong with it."""

    checkpoints: list[Checkpoint] = field(default_factory=list)
    problems: list[tuple[int, Message]] = field(default_factory=list)  # (line, why)
    foreign_keys: set[str] = field(default_factory=set)  # signed, but not with this key


class ChainAnchor:
    """This workstation's signatures over one database's custody chain."""

    def __init__(self, folder: Path, location: str, clock: Clock) -> None:
        self.folder = folder
        self.database = database_id(location)
        self.path = folder / CHECKPOINT_FOLDER / f"{self.database}.jsonl"
        self._clock = clock
        self._key: WorkstationKey | None = None

    @property
    def key(self) -> WorkstationKey:
        if self._key is None:
            self._key = WorkstationKey.load_or_create(self.folder)
        return self._key

    def checkpoint(self, seq: int, head: str, entries: Sequence[tuple[int, str]] = ()) -> None:
        """Append a signed checkpoint of the head (skipped if the last line says the same),
        with the first 16 hex digits of each entry the action wrote: enough to name the
        first entry a rewrite changed; the whole head hash is what proves it."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = self.key
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "r+b") as handle:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            last = _last_line(handle)
            if last:
                with contextlib.suppress(ValueError):
                    previous = json.loads(last)
                    if previous.get("seq") == seq and previous.get("head") == head:
                        return
            record: dict[str, Any] = {
                "format": CHECKPOINT_FORMAT,
                "database": self.database,
                "seq": seq,
                "head": head,
                "at": utc_timestamp(self._clock.now()),
                "key_id": key.key_id,
                "public_key": key.public_b64,
                "prev": hashlib.sha256(last).hexdigest() if last else "",
            }
            if entries:
                record["entries"] = [[s, h[:ENTRY_PREFIX]] for s, h in entries if s != seq]
            record["signature"] = key.sign(canonical(record))
            handle.seek(0, os.SEEK_END)
            handle.write(canonical(record) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())

    def sign(self, seq: int, head: str) -> SignedHead:
        """A signed head for a package or a report (also kept as a checkpoint)."""
        key = self.key
        unsigned = SignedHead(
            database=self.database,
            seq=seq,
            head=head,
            signed_at=utc_timestamp(self._clock.now()),
            key_id=key.key_id,
            public_key=key.public_b64,
        )
        signed = SignedHead(**{**asdict(unsigned), "signature": key.sign(unsigned.payload())})
        self.checkpoint(seq, head)
        return signed

    def read(self) -> CheckpointFile:
        """Every checkpoint, each signature and each link to the line before checked."""
        found = CheckpointFile()
        try:
            with open(self.path, "rb") as handle:
                lines = handle.read().split(b"\n")
        except FileNotFoundError:
            return found
        except OSError as exc:
            found.problems.append(
                (
                    0,
                    msg(
                        "Cannot read the checkpoint file {path}: {reason}",
                        path=self.path,
                        reason=os_reason(exc),
                    ),
                )
            )
            return found
        previous = b""
        own_key = self.key.key_id
        for number, raw in enumerate(lines, start=1):
            if not raw:
                continue
            problem = self._check_line(raw, previous, found, number, own_key)
            if problem is not None:
                found.problems.append((number, problem))
            previous = raw
        return found

    def _check_line(
        self, raw: bytes, previous: bytes, found: CheckpointFile, number: int, own_key: str
    ) -> Message | None:
        try:
            record = json.loads(raw)
            signature = record.pop("signature")
            seq, head = int(record["seq"]), str(record["head"])
            public_key, key_id = str(record["public_key"]), str(record["key_id"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return msg("line {line} of the checkpoint file is damaged", line=number)
        if record.get("database") != self.database:
            return msg("line {line} of the checkpoint file is about another database", line=number)
        expected_prev = hashlib.sha256(previous).hexdigest() if previous else ""
        if record.get("prev") != expected_prev:
            return msg(
                "the checkpoint file was changed before line {line} (a line was removed, "
                "edited or inserted)",
                line=number,
            )
        try:
            own_id = key_id_of(base64.b64decode(public_key, validate=True))
        except ValueError:
            own_id = ""
        if own_id != key_id or not signature_valid(public_key, canonical(record), signature):
            return msg("the signature of checkpoint line {line} does not verify", line=number)
        if key_id != own_key:
            found.foreign_keys.add(key_id)
        try:
            entries = tuple((int(s), str(h)) for s, h in record.get("entries", ()))
        except (TypeError, ValueError):
            return msg("line {line} of the checkpoint file is damaged", line=number)
        found.checkpoints.append(
            Checkpoint(seq, head, str(record.get("at", "")), key_id, number, entries)
        )
        return None


def _last_line(handle: Any) -> bytes:
    end = handle.seek(0, os.SEEK_END)
    if end == 0:
        return b""
    size = min(end, 64 * 1024)
    handle.seek(end - size)
    tail = handle.read(size).rstrip(b"\n")
    return tail.rsplit(b"\n", 1)[-1]


def sign_current_head(workstation: Workstation) -> SignedHead:
    """The current custody chain head, signed by this workstation: put it in a report
    (`SignedHead.to_json()` as chain-head.json, or `.embedded()` in its text) so that
    `forensics-app verify --anchor REPORT` can check the chain against it later.

    Refuses (IntegrityFailure) when the chain no longer extends this workstation's last
    checkpoint: a head signed on top of a rewritten chain would vouch for the rewrite."""
    anchor = workstation.anchor
    seq, head = workstation.custody.head()
    latest = max(anchor.read().checkpoints, key=lambda c: c.seq, default=None)
    if latest is not None:
        broken = workstation.custody.extends(latest.seq, latest.head)
        if broken is not None:
            raise IntegrityFailure(
                "The custody chain no longer matches this workstation's checkpoint of entry "
                "{seq} ({at}): {problem}. Nothing was signed; run `forensics-app verify`.",
                seq=latest.seq,
                at=latest.at,
                problem=broken,
            )
    return anchor.sign(seq, head)
