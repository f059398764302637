"""The real photos in shared/fixtures/real/photos (receipts, business cards, a street sign,
negatives) in a flyer batch: receipt numbers next to 사업자 or 승인번호 are never phone numbers,
nothing read on them is accepted falsely, and none of them yields a block request without a
person's decision (they are classified "other": the analyst sets a category first)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from blocking import AdCategory
from forensics_app.ocr import FlyerResult, recognise_flyer
from forensics_app.ocr.results import REVIEW_BELOW
from forensics_app.services import Workstation
from forensics_app.services.block_requests import blocking_actor
from forensics_app.services.records import Actor
from forensics_app.storage.models import ReviewStatus, Role
from tests.conftest import PASSWORD
from tests.ocr import cached_recogniser
from tests.ocr.helpers import draw_flyer

# Receipts whose 사업자 / 승인번호 / 가맹점번호 digit runs phonenumbers calls valid numbers, or
# that sit on the phone's own line (see the photos' MANIFEST.md).
TRAPS = {
    "receipt_gs25_jinju_070_01.jpg": "+826138139052",  # 사업자번호 right below the phone
    "receipt_univ_cafeteria_jinju_01.jpg": "+826138210300",  # 사업자번호 on the phone's line
    "receipt_seafood_namyangju_01.jpg": "+82126478688",  # 가맹점번호
    "receipt_restaurant_seoul_junggu_01.jpg": "+82101222692",  # 사업자 on the TEL line
    "receipt_gs25_seoul_nohyphen_01.png": "+821000005360",  # 010-****-5360, masked
}


@pytest.fixture(scope="module")
def truth() -> dict[str, dict[str, list[str]]]:
    from tests.conftest import REAL_FIXTURES

    data: dict[str, dict[str, list[str]]] = json.loads(
        (REAL_FIXTURES / "photos" / "truth.json").read_text("utf-8")
    )
    return data


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_receipt_numbers_beside_business_and_approval_labels_are_not_phone_numbers(
    real_fixtures: Path, truth: dict[str, dict[str, list[str]]], name: str
) -> None:
    result = recognise_flyer(real_fixtures / "photos" / name)
    assert isinstance(result, FlyerResult)
    found = {n.e164: n for n in result.numbers}
    wanted = set(truth[name]["numbers"])
    assert set(found) <= wanted, f"false numbers: {sorted(set(found) - wanted)}"
    assert TRAPS[name] not in found
    # what is accepted without review is right (here: everything found is right)
    assert all(n.e164 in wanted for n in result.numbers if n.confidence >= REVIEW_BELOW)
    assert result.category == AdCategory.OTHER.value


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


def test_receipts_cards_and_signs_yield_no_request_without_a_human_decision(
    workstation: Workstation,
    actor: Actor,
    real_fixtures: Path,
    truth: dict[str, dict[str, list[str]]],
    ocr_cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(cached_recogniser.ENV, str(ocr_cache))
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in (
        "bizcard_orthopedics_seoul_01.jpg",
        "bizcard_plant_engineering_ulsan_01.jpg",
        "receipt_gs25_jinju_070_01.jpg",
        "receipt_univ_cafeteria_jinju_01.jpg",
        "sign_street_panorama_localnum_01.jpg",
        "negative_license_plate_01.jpg",
    ):
        shutil.copyfile(real_fixtures / "photos" / name, batch / name)
    flyer, _ = draw_flyer(
        [("급전 대출 당일 입금", 70), ("무직자 신용불량 OK", 60), ("010-2345-6789", 90)]
    )
    flyer.save(batch / "lending_flyer.jpg", quality=90)

    flyers = workstation.flyers
    case = workstation.cases.create(actor, "Mixed batch", number="R-1")
    item = flyers.import_photos(actor, case.id, [batch], collected_at=workstation.clock.now()).item
    assert item is not None
    report = flyers.run_ocr(actor, [item.id], jobs=2, recogniser=cached_recogniser.recognise)
    assert report.failed == 0
    reviewer = workstation.examiners.create(actor, "Lee", "2002", Role.REVIEWER, password=PASSWORD)
    requests = workstation.blocking.requests

    # Only the lending flyer's number is queued; the cards' and receipts' numbers are in the
    # registry but wait, classified "other".
    queued = requests.get_many(requests.queue_blockable(blocking_actor(reviewer)).created)
    assert [(r.national, r.category) for r in queued] == [("010-2345-6789", AdCategory.LENDING)]
    waiting = flyers.flyer_groups(case.id, only_other=True)
    card = next(g for g in waiting if "bizcard_orthopedics_seoul_01.jpg" in g.photos[0])
    assert "02-583-5544" in card.numbers
    assert {g.category for g in waiting} == {AdCategory.OTHER.value}
    # Nothing read on the real photos is a number they do not show.
    real_truth = {e for t in truth.values() for e in t["numbers"] + t.get("range_also_valid", [])}
    read = {h.e164 for h in flyers.hits(case_id=case.id) if "lending_flyer" not in h.photo}
    assert read <= real_truth

    # The review gate: the request rests on one machine-accepted read of one photo.
    gate = requests.machine_only([queued[0].number_id])
    assert gate[queued[0].number_id].photo_name.endswith("lending_flyer.jpg")
    assert gate[queued[0].number_id].confidence >= REVIEW_BELOW
    hit = next(h for h in flyers.hits(case_id=case.id) if h.national == "010-2345-6789")
    flyers.review(actor, hit.id, ReviewStatus.ACCEPTED)
    assert requests.machine_only([queued[0].number_id]) == {}

    # A person decides: this card is an illegal-lending ad after all. Audited, then queued.
    changed = flyers.set_group_category(actor, case.id, card.group_file_id, AdCategory.LENDING)
    assert changed.category == AdCategory.LENDING.value
    entry = workstation.custody.entries(case_id=case.id)[0]
    details = json.loads(entry.details)
    assert entry.action == "review"
    assert details["before"]["category"] == "other" and details["after"]["category"] == "lending"
    again = requests.get_many(requests.queue_blockable(blocking_actor(reviewer)).created)
    assert sorted(r.national for r in again) == sorted(card.numbers)
    assert {r.category for r in again} == {AdCategory.LENDING}


def test_the_analyst_sets_a_flyer_groups_category_from_the_command_line(
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    real_fixtures: Path,
    ocr_cache: Path,
    tmp_path: Path,
) -> None:
    from tests.cli.conftest import Cli, lines

    monkeypatch.setenv(cached_recogniser.ENV, str(ocr_cache))
    cli = Cli(db_url, capsys, monkeypatch)
    monkeypatch.setattr("sys.stdin", lines(PASSWORD))
    assert cli("examiner", "add", "Kim Minsu", "--badge", "1001", "--password-stdin")[0] == 0
    assert cli("--examiner", "1001", "case", "new", "Cards", "--number", "R-2")[0] == 0
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copyfile(
        real_fixtures / "photos" / "bizcard_orthopedics_seoul_01.jpg", batch / "card.jpg"
    )
    workstation = Workstation.open(db_url)
    try:
        actor = workstation.examiners.sign_in("1001", PASSWORD)
        case = workstation.cases.resolve("R-2")
        item = workstation.flyers.import_photos(
            actor, case.id, [batch], collected_at=workstation.clock.now()
        ).item
        assert item is not None
        workstation.flyers.run_ocr(actor, [item.id], jobs=1, recogniser=cached_recogniser.recognise)
    finally:
        workstation.close()

    code, out, err = cli("ocr-review", "--case", "R-2", "--groups")
    assert code == 0, err
    (line,) = out.splitlines()
    group, category = line.split("\t")[:2]
    assert category == "other" and "02-583-5544" in line
    code, out, err = cli("--examiner", "1001", "block", "queue")
    assert code == 0 and out.startswith("queued 0 requests"), err

    with pytest.raises(SystemExit) as refused:  # not a category: argparse says so, exit 2
        cli(
            "--examiner", "1001", "ocr-review", "--case", "R-2", "--group", group, "--category", "x"
        )
    assert refused.value.code == 2
    code, out, err = cli(
        "--examiner", "1001", "ocr-review", "--case", "R-2", "--group", group,
        "--category", "lending",
    )  # fmt: skip
    assert code == 0, err
    assert out.split("\t")[1] == "lending"
    assert cli("ocr-review", "--case", "R-2", "--groups")[1] == ""  # none waits now
    code, out, err = cli("--examiner", "1001", "block", "queue")
    assert code == 0 and out.startswith("queued 4 requests"), out + err
    assert "machine read only" in out  # each rests on one unreviewed read of one photo
