"""Zip and tar archives of a full file system: read in place, only the databases copied,
provenance naming the archive, its hash and the member; hostile archives refused with a clear
message and nothing changed, nothing written outside the working folder."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import tarfile
import zipfile
from pathlib import Path
from typing import Literal

import pytest
from sqlalchemy import select

from forensics_app.errors import UserError
from forensics_app.importers import sources
from forensics_app.importers.containers import ImportOptions, Limits
from forensics_app.progress import ProgressReporter
from forensics_app.services import Workstation
from forensics_app.services.ingest import NothingRecognisedError
from forensics_app.services.records import Actor
from forensics_app.storage.models import (
    CustodyEntry,
    EvidenceFile,
    ImportContainer,
    ImportContainerMember,
    ImportSource,
)
from tests.importers import samples
from tests.importers.containers.conftest import left_in_work, sha256_file, table_counts

TELEPHONY = "data/data/com.android.providers.telephony/databases/mmssms.db"


def zip_folder(root: Path, target: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(root).as_posix())
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return target


def unrelated_database(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE media (id INTEGER PRIMARY KEY, blob BLOB)")
    conn.executemany("INSERT INTO media (blob) VALUES (?)", [(b"x" * 4000,)] * 600)
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def extraction(tmp_path: Path) -> Path:
    root = samples.android_extraction(tmp_path / "extraction")
    unrelated_database(root / "data" / "data" / "com.example.gallery" / "gallery.db")
    return root


def test_a_zip_is_read_in_place_with_the_archive_as_provenance(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    extraction: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = zip_folder(
        extraction, tmp_path / "phone.zip", {"sdcard/DCIM/1.jpg": b"\xff\xd8" * 900}
    )
    before = sha256_file(archive)
    copied: list[str] = []
    real_copy = sources.copy_to

    def spy(
        source: sources.SourceFile, folder: Path, progress: ProgressReporter | None = None
    ) -> sources.WorkingCopy:
        copied.append(source.logical_path)
        return real_copy(source, folder, progress)

    monkeypatch.setattr(sources, "copy_to", spy)
    report = workstation.ingest.import_paths(actor, case_id, [archive])

    assert sha256_file(archive) == before
    assert report.counts == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
    # Only the databases an importer reads were copied (not the gallery, not the photo).
    assert sorted(copied) == sorted(
        [
            "/" + TELEPHONY,
            "/data/data/com.android.providers.contacts/databases/calllog.db",
            "/data/data/com.android.providers.contacts/databases/contacts2.db",
        ]
    )
    assert left_in_work() == []
    sms = next(s for s in report.sources if s.parser == "android_mmssms")
    assert sms.path == f"{archive}!/{TELEPHONY}"
    with workstation.db.read() as session:
        container = session.scalars(select(ImportContainer)).one()
        assert (container.kind, container.path, container.sha256) == ("zip", str(archive), before)
        assert container.size == archive.stat().st_size
        members = dict(
            session.execute(
                select(ImportSource.parser, ImportContainerMember.member_path).join(
                    ImportContainerMember, ImportContainerMember.source_id == ImportSource.id
                )
            ).all()
        )
        assert members["android_mmssms"] == TELEPHONY
        files = session.scalars(select(EvidenceFile)).all()
        assert [(f.source_path, f.sha256) for f in files] == [(str(archive), before)]
        entry = session.scalars(select(CustodyEntry).where(CustodyEntry.action == "import")).one()
        details = json.loads(entry.details)
        assert details["containers"][0]["sha256"] == before
    assert any("file(s) that are not databases were not read" in str(w) for w in report.warnings)


@pytest.mark.parametrize("mode", ["w", "w:gz"])
def test_tar_and_tar_gz_land_the_same_records(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    extraction: Path,
    tmp_path: Path,
    mode: Literal["w", "w:gz"],
) -> None:
    target = tmp_path / ("phone.tar" if mode == "w" else "phone.tar.gz")
    with tarfile.open(target, mode) as tar:
        tar.add(extraction, arcname="fs")
        link = tarfile.TarInfo("fs/sdcard")
        link.type, link.linkname = tarfile.SYMTYPE, "/storage/self/primary"
        tar.addfile(link)
    report = workstation.ingest.import_paths(actor, case_id, [target])
    assert report.counts == {"message": samples.ANDROID_SMS_COUNT, "call": 7, "contact": 4}
    assert any("pointing outside the archive, not followed" in str(w) for w in report.warnings)
    again = workstation.ingest.import_paths(actor, case_id, [target])
    assert again.counts == {"message": 0, "call": 0, "contact": 0}
    assert left_in_work() == []


def _hostile_zip(path: Path, name: str, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/ok.txt", b"fine")
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # bypass zipfile's own clean-up of the name
        archive.writestr(info, content)
    return path


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../escaped/mmssms.db", "climbs out of the archive"),
        ("/etc/mmssms.db", "absolute path"),
        ("C:/Windows/mmssms.db", "drive or network path"),
        ("..\\..\\mmssms.db", "climbs out of the archive"),
    ],
)
def test_hostile_member_names_refuse_the_archive_and_write_nothing(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    name: str,
    words: str,
) -> None:
    database = samples.android_mmssms(tmp_path / "mmssms.db").read_bytes()
    archive = _hostile_zip(tmp_path / "evil" / "phone.zip", name, database)
    before = table_counts(workstation)
    with pytest.raises(UserError, match=words):
        workstation.ingest.import_paths(actor, case_id, [archive])
    assert table_counts(workstation) == before
    assert not list(tmp_path.rglob("escaped")) and not (tmp_path / "mmssms.db.1").exists()
    assert left_in_work() == []


def test_a_link_out_of_the_archive_is_never_followed(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    secret = samples.android_mmssms(tmp_path / "outside" / "mmssms.db")
    target = tmp_path / "links.tar"
    with tarfile.open(target, "w") as tar:
        for name, linkname, kind in (
            (
                "data/data/com.android.providers.telephony/databases/mmssms.db",
                str(secret),
                tarfile.SYMTYPE,
            ),
            ("data/calllog.db", "../../../outside/mmssms.db", tarfile.SYMTYPE),
            ("data/hard.db", str(secret), tarfile.LNKTYPE),
        ):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, linkname
            tar.addfile(info)
        device = tarfile.TarInfo("dev/null")
        device.type = tarfile.CHRTYPE
        tar.addfile(device)
    before = table_counts(workstation)
    with pytest.raises(NothingRecognisedError) as raised:
        workstation.ingest.import_paths(actor, case_id, [target])
    message = str(raised.value)
    assert "2 symbolic link(s) pointing outside the archive, not followed" in message
    assert "hard link(s) not followed" in message and "device file(s)" in message
    assert table_counts(workstation) == before


def test_zip_bombs_are_refused_before_anything_is_decompressed(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("data/data/x/databases/mmssms.db", "w") as out,
    ):
        for _ in range(40):
            out.write(b"\x00" * (1 << 20))
    before = table_counts(workstation)
    with pytest.raises(UserError, match="archive bomb"):
        workstation.ingest.import_paths(actor, case_id, [bomb])
    # A total above the limit is refused too, whatever the ratio.
    stored = tmp_path / "big.zip"
    with zipfile.ZipFile(stored, "w") as archive:
        archive.writestr("a.bin", b"a" * 5000)
        archive.writestr("b.bin", b"b" * 5000)
    small = ImportOptions(limits=Limits(max_total_bytes=8000))
    with pytest.raises(UserError, match="limit of 8000"):
        workstation.ingest.import_paths(actor, case_id, [stored], options=small)
    assert table_counts(workstation) == before


def test_overlapping_members_are_refused(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "overlap.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("one.db", b"1" * 3000)
        archive.writestr("two.db", b"2" * 3000)
    data = bytearray(target.read_bytes())
    # Point the second central-directory entry at the first local header.
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 42, 0)
    target.write_bytes(bytes(data))
    with pytest.raises(UserError, match="overlaps"):
        workstation.ingest.import_paths(actor, case_id, [target])


def test_truncated_and_password_protected_zips_are_clear_errors(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    whole = zip_folder(extraction, tmp_path / "whole.zip")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    before = table_counts(workstation)
    with pytest.raises(UserError, match="truncated or damaged"):
        workstation.ingest.import_paths(actor, case_id, [truncated])
    locked = tmp_path / "locked.zip"
    data = bytearray(whole.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position != -1:  # set "encrypted" in every central-directory entry
        flags = struct.unpack_from("<H", data, position + 8)[0]
        struct.pack_into("<H", data, position + 8, flags | 0x1)
        position = data.find(b"PK\x01\x02", position + 4)
    locked.write_bytes(bytes(data))
    with pytest.raises(UserError, match="password-protected"):
        workstation.ingest.import_paths(actor, case_id, [locked])
    assert table_counts(workstation) == before


def test_an_archive_cut_short_is_explained_in_korean_not_in_the_librarys_english(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    # "(File is not a zip file)", "(unexpected end of data)" sat inside the Korean sentence.
    from forensics_app.messages import describe

    whole = zip_folder(extraction, tmp_path / "whole.zip").read_bytes()
    with tarfile.open(tmp_path / "whole.tgz", "w:gz") as tar:
        tar.add(extraction, "data")
    packed = (tmp_path / "whole.tgz").read_bytes()
    cut = {"cut.zip": (whole[: len(whole) // 2], "끝에 zip 목차가 없음"),
           "cut.tgz": (packed[: len(packed) // 2], "파일이 중간에 끝남")}  # fmt: skip
    before = table_counts(workstation)
    for name, (data, korean) in cut.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError) as refused:
            workstation.ingest.import_paths(actor, case_id, [tmp_path / name])
        shown = describe(refused.value, "ko")
        assert korean in shown and "잘렸거나 손상된 파일" in shown, shown
        assert "zip file" not in shown and "end of data" not in shown, shown
    assert table_counts(workstation) == before


def test_a_damaged_member_fails_alone(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    archive = zip_folder(extraction, tmp_path / "phone.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as readable:
        info = readable.getinfo("data/data/com.android.providers.contacts/databases/calllog.db")
    start = info.header_offset + 30 + len(info.filename) + 40
    data[start : start + 16] = b"\xff" * 16  # the CRC no longer matches
    archive.write_bytes(bytes(data))
    report = workstation.ingest.import_paths(actor, case_id, [archive])
    assert report.counts["message"] == samples.ANDROID_SMS_COUNT
    assert report.counts["call"] == 0
    assert any("calllog.db" in str(w) for w in report.warnings)


def _legacy_zip(path: Path, members: dict[bytes, bytes]) -> Path:
    """A zip as Korean Windows tools write it: names in CP949, the UTF-8 flag not set (Python's
    zipfile cannot write one: it flags any non-ASCII name UTF-8), members stored."""
    import binascii

    out, central = bytearray(), bytearray()
    for name, data in members.items():
        crc, size, offset = binascii.crc32(data), len(data), len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, crc, size, size, len(name), 0
        )
        out += name + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, 0, 0, 0x21, crc, size, size, len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += name
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0
    )
    path.write_bytes(bytes(out))
    return path


def test_a_zip_with_korean_names_in_cp949_is_read_with_its_names(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    # It was refused as an "archive bomb or damaged archive": the overlap check measured the
    # names in UTF-8, not as stored; and the names showed as CP437 mojibake.
    folder = "증거/휴대전화/"
    archive = _legacy_zip(
        tmp_path / "압축.zip",
        {
            (folder + TELEPHONY).encode("cp949"): (extraction / TELEPHONY).read_bytes(),
            (folder + "메모.txt").encode("cp949"): "수사 메모".encode("cp949"),
        },
    )
    before = sha256_file(archive)
    report = workstation.ingest.import_paths(actor, case_id, [archive])
    assert report.counts["message"] == samples.ANDROID_SMS_COUNT
    (sms,) = report.sources
    assert sms.path == f"{archive}!/{folder}{TELEPHONY}"
    assert any("증거/휴대전화/메모.txt" in str(w) for w in report.warnings)
    assert sha256_file(archive) == before


def test_archives_inside_an_archive_are_named_as_archives_not_as_non_databases(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    # An export zipped once more was refused as '2 files that are not databases': true, and
    # no help; the examiner is told they are archives, to be taken out and imported.
    inner = zip_folder(extraction, tmp_path / "inner.zip")
    with tarfile.open(tmp_path / "fs.tar.gz", "w:gz") as tar:
        tar.add(extraction / TELEPHONY, TELEPHONY)
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, "export/inner.zip")
        archive.write(tmp_path / "fs.tar.gz", "export/fs.tar.gz")
        archive.writestr("export/readme.txt", "notes")
    before = table_counts(workstation)
    with pytest.raises(NothingRecognisedError) as refused:
        workstation.ingest.import_paths(actor, case_id, [outer])
    text = str(refused.value)
    assert "2 archive(s) inside it were not opened" in text, text
    assert "1 file(s) that are not databases" in text, text
    assert table_counts(workstation) == before


def _with_method(path: Path, members: dict[str, bytes], method: int, names: set[str]) -> Path:
    """A zip whose `names` say they are compressed with `method` (in both headers)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    data = bytearray(path.read_bytes())
    for signature, method_at, name_length_at, name_at in (
        (b"PK\x03\x04", 8, 26, 30),
        (b"PK\x01\x02", 10, 28, 46),
    ):
        start = data.find(signature)
        while start >= 0:
            (length,) = struct.unpack_from("<H", data, start + name_length_at)
            name = bytes(data[start + name_at : start + name_at + length]).decode()
            if name in names:
                struct.pack_into("<H", data, start + method_at, method)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def test_members_compressed_with_deflate64_or_zstandard_are_named_not_a_crash(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    # Windows Explorer zips big files with Deflate64 (method 9); zipfile cannot inflate it
    # and raised NotImplementedError: an internal error (exit 70) for the whole import.
    from forensics_app.messages import describe
    from tests.importers.containers import ufdrs as U  # noqa: N812

    members = {
        TELEPHONY: (extraction / TELEPHONY).read_bytes(),
        "data/data/com.android.providers.contacts/databases/calllog.db": (
            extraction / "data/data/com.android.providers.contacts/databases/calllog.db"
        ).read_bytes(),
    }
    packed = _with_method(tmp_path / "explorer.zip", members, 9, {TELEPHONY})
    before = sha256_file(packed)
    report = workstation.ingest.import_paths(actor, case_id, [packed])
    assert report.counts["call"] > 0 and report.counts["message"] == 0
    shown = [w.render("ko") for w in report.warnings if hasattr(w, "render")]
    assert any("풀 수 없는 방식(Deflate64 (9))" in text for text in shown), shown
    assert sha256_file(packed) == before

    only = _with_method(tmp_path / "zstd.zip", {TELEPHONY: members[TELEPHONY]}, 93, {TELEPHONY})
    with pytest.raises(NothingRecognisedError) as refused:
        workstation.ingest.import_paths(actor, case_id, [only])
    assert "Zstandard (93)" in str(refused.value)

    report_xml = U.report_xml({"SMS": [U.sms("s", "2024-03-01T09:15:00+09:00", "a", "010")]})
    ufdr = _with_method(tmp_path / "x.ufdr", {"report.xml": report_xml.encode()}, 9, {"report.xml"})
    counts = table_counts(workstation)
    with pytest.raises(UserError) as refused_ufdr:
        workstation.ingest.import_paths(actor, case_id, [ufdr])
    assert "report.xml이(가) 이 프로그램이 풀 수 없는 방식(Deflate64 (9))" in describe(
        refused_ufdr.value, "ko"
    )
    assert table_counts(workstation) == counts


@pytest.mark.parametrize(
    "options", [["--format=gnu"], ["--format=posix"], ["--format=posix", "-z"]]
)
def test_a_sparse_database_in_a_tar_is_read_and_a_file_of_holes_passed_over(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    extraction: Path,
    tmp_path: Path,
    options: list[str],
) -> None:
    # `tar --sparse` of /data/data: a database stored sparse was skipped as a "sparse file"
    # and, when it was the only one, nothing could be imported.
    import shutil
    import subprocess

    tar_binary = shutil.which("tar")
    if tar_binary is None:
        pytest.skip("GNU tar writes the sparse members")
    root = tmp_path / "sparse"
    database = root / TELEPHONY
    database.parent.mkdir(parents=True)
    shutil.copy(extraction / TELEPHONY, database)
    with open(database, "r+b") as handle:  # a hole after the pages: zeros SQLite never reads
        handle.truncate(database.stat().st_size + (4 << 20))
    with open(root / "data" / "preallocated.bin", "wb") as handle:
        handle.seek(40 << 20)
        handle.write(b"end")
    archive = tmp_path / "sparse.tar"
    subprocess.run(
        [tar_binary, "--sparse", *options, "-cf", str(archive), "-C", str(root), "data"],
        check=True,
    )
    before = sha256_file(archive)
    report = workstation.ingest.import_paths(actor, case_id, [archive])
    assert report.counts["message"] > 0
    (source,) = report.sources
    assert source.path == f"{archive}!/{TELEPHONY}"
    assert any(
        "sparse file(s) skipped (e.g. data/preallocated.bin)" in str(w) for w in report.warnings
    )
    assert sha256_file(archive) == before
    assert left_in_work() == []


def test_a_working_folder_left_by_a_killed_import_is_cleared_by_the_next_one(
    workstation: Workstation, actor: Actor, case_id: int, extraction: Path, tmp_path: Path
) -> None:
    # A killed import (power cut, kill -9) left its working copies of evidence databases in
    # the data folder for good. Each import now locks its folder; the next one clears the
    # folders whose lock died, and leaves a running import's alone.
    import fcntl

    from tests.importers.containers.conftest import work_root

    root = work_root()
    killed = root / "import-killed"
    (killed / "00000").mkdir(parents=True)
    (killed / "00000" / "mmssms.db").write_bytes((extraction / TELEPHONY).read_bytes())
    (killed / ".in-use").write_bytes(b"")  # its lock died with it
    running = root / "import-running"
    running.mkdir()
    with open(running / ".in-use", "wb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another import, still at work
        report = workstation.ingest.import_paths(actor, case_id, [extraction / TELEPHONY])
        assert report.counts["message"] == samples.ANDROID_SMS_COUNT
        assert not killed.exists() and running.exists()
    assert sorted(p.name for p in root.iterdir()) == ["import-running"]


def test_a_fifo_given_to_import_is_named_not_waited_on(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # Recognising a container read its first bytes: on a FIFO that waited for a writer for
    # ever, and `import` hung.
    import os

    fifo = tmp_path / "mmssms.db"
    os.mkfifo(fifo)
    before = table_counts(workstation)
    with pytest.raises(UserError, match="Not a regular file or folder"):
        workstation.ingest.import_paths(actor, case_id, [fifo])
    assert table_counts(workstation) == before
