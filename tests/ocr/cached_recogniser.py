"""A recogniser for service tests that reads each photo once per test session.

`run_ocr` hands photos to worker processes by path; the real pipeline runs here on first sight
of a photo's bytes and its result is kept in a JSON file (named by FLYER_OCR_CACHE, inherited by
the spawned workers), so the same real photos can be read on SQLite and on PostgreSQL without
paying for the OCR twice. Results are exactly what `recognise_path` returned.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from pathlib import Path

from forensics_app.ocr import FlyerFailure, FlyerResult, recognise_path, result_from_dict

ENV = "FLYER_OCR_CACHE"


def recognise(path: str) -> FlyerResult | FlyerFailure:
    folder = Path(os.environ[ENV])
    key = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    stored = folder / f"{key}.json"
    lock = folder / f"{key}.lock"
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if not stored.exists():
            stored.write_text(json.dumps(recognise_path(path).to_dict()), "utf-8")
    data = json.loads(stored.read_text("utf-8"))
    data["path"] = path
    return result_from_dict(data)
