"""The working folder fills up while a source is copied: the message blames the working
folder, not the evidence ("Cannot read /evidence/mmssms.db: File too large" did)."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from forensics_app.errors import UserError
from forensics_app.importers.sources import LocalFile, copy_to
from tests.importers import samples


def test_a_full_working_folder_is_said_to_be_full(tmp_path: Path) -> None:
    source = samples.android_mmssms(tmp_path / "evidence/mmssms.db")
    before = source.read_bytes()
    limit = len(before) // 2
    # A file-size limit makes the copy's writes fail as a full disk would (EFBIG instead
    # of ENOSPC), without filling a real disk.
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        with pytest.raises(UserError) as refused:
            copy_to(LocalFile(source), tmp_path / "work/00001")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    text = str(refused.value)
    assert text.startswith(f"No room for the working copy of {source} in {tmp_path / 'work'}")
    assert "The evidence was not changed" in text and "Cannot read" not in text
    assert source.read_bytes() == before
