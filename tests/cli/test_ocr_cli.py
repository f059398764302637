"""`forensics-app ocr` and `ocr-review` on a folder of generated flyer photos."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.ocr.helpers import draw_flyer


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    photos = tmp_path / "photos"
    photos.mkdir()
    for name, headline, number in [
        ("a.jpg", "급전 대출", "010-3141-5926"),
        ("b.png", "출장 마사지", "070-2718-2818"),
    ]:
        image, _ = draw_flyer([(headline, 64), (number, 80)])
        image.save(photos / name)
    (photos / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    return photos


def test_ocr_writes_the_csv_and_one_summary_line(
    signed_in: Cli, folder: Path, tmp_path: Path
) -> None:
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    out_file = tmp_path / "numbers.csv"
    code, out, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(folder), "--jobs", "2",
        "--csv", str(out_file),
    )  # fmt: skip
    assert code == 4, err  # done, with failures: broken.jpg could not be read
    summary, untimed = out.splitlines()  # the summary, then what waits for the user
    assert untimed == (
        "2 photos with numbers have no camera time: their numbers wait until you give when "
        f"the flyers were collected: forensics-app ocr --case F-9 --collected-at TIME {folder}"
    )
    assert "3 photos catalogued" in summary and "1 unreadable" in summary
    assert "2 numbers" in summary
    assert re.search(r"done before\) at \d+\.\d\d/s; ", summary), summary
    assert "broken.jpg" in err and "\r" not in err
    with out_file.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {(Path(r["file"]).name, r["e164"], r["category"]) for r in rows} == {
        ("a.jpg", "+821031415926", "lending"),
        ("b.png", "+827027182818", "obscene_adult"),
    }
    assert {"national", "type", "confidence", "box"} <= set(rows[0])
    code, out, _ = signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(folder))
    assert code == 0 and "0 photos catalogued (3 already in the case)" in out
    # nothing read, so no speed: it said "at 0.00/s"
    assert "OCR 0 photos (0 unreadable, 3 done before); 2 numbers" in out

    code, out, _ = signed_in("ocr-review", "--case", "F-9", "--all")
    first_id = out.splitlines()[0].split("\t")[0]
    code, out, _ = signed_in(
        "--examiner", "1001", "ocr-review", "--case", "F-9", first_id, "reject"
    )
    assert code == 0 and "rejected" in out
    code, out, err = signed_in(
        "--examiner", "1001", "ocr-review", "--case", "F-9", first_id, "correct", "--to", "12"
    )
    assert code == 2 and "Traceback" not in err


def test_the_collection_time_given_on_a_second_run_registers_the_waiting_numbers(
    signed_in: Cli, folder: Path
) -> None:
    """Photos without a camera time: their numbers wait for the collection time; running the
    folder again with --collected-at gives it (audited) and they reach the registry."""
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(folder))
    code, out, _ = signed_in("numbers", "--case", "F-9")
    assert code == 0 and "3141" not in out
    code, out, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(folder),
        "--collected-at", "2026-05-13T09:30",
    )  # fmt: skip
    assert code == 0, err
    assert "EX-0001: collected 2026-05-13T09:30:00+09:00" in out
    assert "no camera time" not in out
    code, out, _ = signed_in("numbers", "--case", "F-9")
    assert "010-3141-5926" in out and "070-2718-2818" in out
    assert "2026-05-13T09:30:00+09:00" in out
    code, out, _ = signed_in("log", "--case", "F-9")
    assert "Item EX-0001 edited: seized at" in out
    # the same time again changes nothing
    code, out, _ = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(folder),
        "--collected-at", "2026-05-13T09:30+09:00",
    )  # fmt: skip
    assert code == 0 and "collected" not in out


def test_ocr_bad_options(signed_in: Cli, tmp_path: Path) -> None:
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    code, _, err = signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(tmp_path / "nope"))
    assert code == 2 and "Not a folder" in err
    code, _, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(tmp_path), "--jobs", "0"
    )
    assert code == 2 and "--jobs" in err
    code, _, err = signed_in("--examiner", "1001", "ocr", "--case", "X", str(tmp_path))
    assert code == 2 and "No case" in err
    # an empty folder, or one with no photo in it (the wrong folder): said, and exit 2; it
    # printed "-: 0 photos catalogued …" and exited 0
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "notes.txt").write_text("collected at the station")
    code, out, err = signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(empty))
    assert code == 2 and out == "", out
    assert f"error: No photos in {empty} (JPEG" in err and "notes.txt: not a photo" in err
    assert signed_in("--examiner", "1001", "evidence", "list", "--case", "F-9")[1] == ""


def test_more_jobs_than_cores_run_one_worker_per_core(signed_in: Cli, folder: Path) -> None:
    """Each worker holds its own models (~0.5 GB): `--jobs 64` on two cores started 64 of them.
    A script written for a bigger workstation still runs, with a note."""
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    cores = os.cpu_count() or 1
    code, out, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(folder), "--jobs", str(cores + 62)
    )
    assert code == 4, err  # broken.jpg fails; both flyers are read
    assert f"note: --jobs {cores + 62}: this workstation has {cores} cores; {cores} workers." in err
    assert "2 numbers" in out


def test_the_csv_never_overwrites_a_photo(signed_in: Cli, folder: Path, tmp_path: Path) -> None:
    """`--csv DIR/a.jpg` wrote the CSV over the evidence photo (verify then failed): a
    destination inside the photo folder, or any catalogued file, is refused before any work."""
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    photo = folder / "a.jpg"
    before = photo.read_bytes()
    code, out, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(folder), "--csv", str(photo)
    )
    assert code == 2 and out == "", (out, err)
    assert "inside the photo folder, which is evidence" in err
    assert photo.read_bytes() == before
    assert signed_in("--examiner", "1001", "evidence", "list", "--case", "F-9")[1] == ""
    # a photo catalogued earlier, from another folder: not a place for the CSV either
    assert signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(folder), "--jobs", "1")[0]
    other = tmp_path / "more"
    other.mkdir()
    image, _ = draw_flyer([("급전 대출", 64), ("010-1111-2222", 80)])
    image.save(other / "c.jpg")
    code, _, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-9", str(other), "--csv", str(photo)
    )
    assert code == 2 and "is catalogued evidence" in err
    assert photo.read_bytes() == before


def test_a_broken_pipe_to_the_workers_is_no_success(
    signed_in: Cli, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker pool that cannot start breaks its pipes (BrokenPipeError): the command ended
    with exit 0 and no word, as when `| head` stops reading, and the batch looked done."""
    from forensics_app.services.flyers import FlyerService

    def broken(*_args: object, **_kwargs: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(FlyerService, "run_ocr", broken)
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    code, out, err = signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(folder))
    assert code == 70, (code, out, err)
    assert "internal error: BrokenPipeError" in err


def test_a_reader_that_stops_reading_is_still_a_success(signed_in: Cli, tmp_path: Path) -> None:
    """`forensics-app … | head`: the reader went away; that is not an error."""
    import os
    import subprocess
    import sys

    from tests.conftest import PASSWORD

    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    env = {
        **os.environ,
        "FORENSICS_APP_PASSWORD": PASSWORD,
        "FORENSICS_APP_DATA_DIR": str(tmp_path),
    }
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "forensics_app", "--db", signed_in.db_url, "case", "list"],
            stdout=write_end, stderr=subprocess.PIPE, env=env, text=True, timeout=120,
            check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


def test_unreadable_photos_are_explained_in_korean(
    signed_in: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reasons were English f-strings stored as the error's template: a Korean reader saw
    # "실패: …: … is empty (0 bytes)."
    photos = tmp_path / "사진 폴더"
    photos.mkdir()
    (photos / "빈 사진.jpg").write_bytes(b"")
    (photos / "cut.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-10")
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, _, err = signed_in(
        "--examiner", "1001", "ocr", "--case", "F-10", str(photos), "--jobs", "1"
    )  # fmt: skip
    assert code == 4, err
    failed = [line for line in err.splitlines() if line.startswith("실패: ")]
    assert len(failed) == 2, err
    assert any("빈 사진.jpg은(는) 비어 있습니다(0바이트)" in line for line in failed)
    assert any("cut.jpg이(가) 잘려 있습니다" in line for line in failed)
    assert not any("is empty" in line or "truncated:" in line for line in failed)
    # each names its photo once ("실패: x.jpg: x.jpg은(는) 비어 있습니다" said it twice)
    assert all(line.count(str(photos)) == 1 for line in failed), failed


def test_an_unwritable_csv_is_refused_before_anything_is_catalogued(
    signed_in: Cli, folder: Path, tmp_path: Path
) -> None:
    # The CSV was written after the batch: exit 2 ("nothing was changed") came after every
    # photo had been catalogued and read.
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-11")
    for target in (tmp_path, tmp_path / "no such folder" / "numbers.csv"):
        code, out, err = signed_in(
            "--examiner", "1001", "ocr", "--case", "F-11", str(folder), "--csv", str(target)
        )
        assert code == 2 and "Cannot write" in err and out == "", err
    code, out, _ = signed_in("--examiner", "1001", "evidence", "list", "--case", "F-11")
    assert code == 0 and out == ""


def test_review_rows_read_in_korean(
    signed_in: Cli, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Korean review list read "10\tpending\t0.600\t…" and its groups "other … (키워드
    # documents: …)": the status and category codes, while `case list` gave words.
    signed_in("--examiner", "1001", "case", "new", "Flyers", "--number", "F-9")
    signed_in("--examiner", "1001", "ocr", "--case", "F-9", str(folder), "--jobs", "1")
    _, english, _ = signed_in("ocr-review", "--case", "F-9", "--all")
    _, groups_english, _ = signed_in("ocr-review", "--case", "F-9", "--groups", "--all")
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    _, korean, _ = signed_in("ocr-review", "--case", "F-9", "--all")
    _, groups_korean, _ = signed_in("ocr-review", "--case", "F-9", "--groups", "--all")
    status_words = {"pending": "미검토", "accepted": "승인"}
    assert [status_words[row.split("\t")[1]] for row in english.splitlines()] == [
        row.split("\t")[1] for row in korean.splitlines()
    ]
    categories = {"lending": "불법 대부", "obscene_adult": "음란·청소년 유해"}
    assert sorted(categories[row.split("\t")[1]] for row in groups_english.splitlines()) == sorted(
        row.split("\t")[1] for row in groups_korean.splitlines()
    )
    assert len(groups_korean.splitlines()) == 2
    assert "lending" not in groups_korean and "obscene_adult" not in groups_korean
