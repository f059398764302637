"""A case to report on, generated in code: evidence with hostile text, a verification that
fails, flyer photos read by OCR, block requests through several states.

The OCR batch runs with a recogniser that reads each generated flyer's ground truth (where
its number was drawn) from a sidecar file: the reports are under test here, and the real
pipeline is exercised by one end-to-end test (test_report_with_real_ocr)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from PIL import Image

from blocking import normalize_number
from forensics_app.ocr.loading import PhotoMetadata
from forensics_app.ocr.results import FlyerFailure, FlyerResult, FoundNumber
from forensics_app.services import Workstation
from forensics_app.services.evidence import ItemDraft
from forensics_app.services.records import Actor, CaseRecord, blocking_actor
from forensics_app.storage.models import ItemKind, Role
from tests.conftest import PASSWORD
from tests.ocr.helpers import draw_flyer

SCRIPT_TEXT = "<script>alert('x')</script> 메시지"
FORMULA_TEXT = '=HYPERLINK("http://evil.example/","click")'
CONTROL_TEXT = "bell\x07 and esc\x1b end"  # no NUL: PostgreSQL text cannot hold it
RTL_TEXT = "invoice\u202egpj.exe"
LONG_TEXT = "가" * 10_000
FLYERS = {  # name: (headline, number, category, taken at, Korean time)
    "lending.jpg": ("급전 대출 당일입금", "010-2345-6789", "lending", "2026:05:01 14:30:00"),
    "massage.jpg": ("출장 안마 마사지", "0505-1234-5678", "obscene_adult", "2026:05:01 14:35:00"),
    # Another flyer with the same number, a week later: a second sighting.
    "lending_again.jpg": ("급전 대출 무직자", "010-2345-6789", "lending", "2026:05:08 09:00:00"),
}


def truth_recogniser(path: str) -> FlyerResult | FlyerFailure:
    """Reads what was drawn on a generated flyer from its sidecar <photo>.truth.json."""
    truth = json.loads(Path(path + ".truth.json").read_text(encoding="utf-8"))
    number = normalize_number(truth["number"])
    left, top, right, bottom = truth["box"]
    found = FoundNumber(
        e164=number.e164,
        national=number.national,
        number_type=number.number_type.value,
        printed=truth["number"],
        box=(left, top, right - left, bottom - top),
        quad=((left, top), (right, top), (right, bottom), (left, bottom)),
        confidence=truth.get("confidence", 0.95),
        sources=("truth",),
    )
    return FlyerResult(
        path=path,
        numbers=(found,),
        category=truth["category"],
        category_hits={truth["category"]: ["generated"]},
        metadata=PhotoMetadata(width=1400, height=900, format="JPEG"),
        text_lines=2,
        seconds=0.01,
    )


def _exif(taken: str) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "samsung"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = taken
    sub[0x9011] = "+09:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (37.0, 15.0, 54.0)
    gps[3], gps[4] = "E", (127.0, 0.0, 0.0)
    return exif


def make_flyers(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, (headline, number, category, taken) in FLYERS.items():
        # A flyer of another print run looks different (paper, layout): not the same flyer.
        again = name == "lending_again.jpg"
        lines = (
            [(number, 80), (headline, 64), ("무직자 가능 · 신용불량 OK", 48)]
            if again
            else [
                (headline, 64),
                (number, 80),
            ]
        )
        image, boxes = draw_flyer(lines, paper=(120, 200, 255) if again else (250, 222, 40))
        if again:  # lit from the right: a picture hash tells it from the first flyer
            shade = np.linspace(0.55, 1.0, image.width)[None, :, None]
            image = Image.fromarray((np.asarray(image) * shade).astype(np.uint8))
        image.save(folder / name, quality=88, exif=_exif(taken))
        truth = {"number": number, "box": boxes[number], "category": category}
        (folder / f"{name}.truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


@dataclass
class CaseData:
    case: CaseRecord
    reviewer: Actor
    tampered_file: Path
    photos: Path


def build_case(
    workstation: Workstation, actor: Actor, folder: Path, *, number: str = "2026-RPT-001"
) -> CaseData:
    case = workstation.cases.create(
        actor,
        "수원역 불법 대부 전단지 및 압수 휴대전화",
        number=number,
        offence_type="대부업법 위반",
    )
    evidence_dir = folder / "evidence"
    evidence_dir.mkdir(parents=True)
    chat = evidence_dir / "chat.txt"
    chat.write_text(SCRIPT_TEXT, encoding="utf-8")
    notes = evidence_dir / "notes.txt"
    notes.write_text("압수 경위 메모", encoding="utf-8")
    workstation.evidence.add_item(
        actor,
        case.id,
        ItemDraft(
            kind=ItemKind.PHONE,
            exhibit_number="EX-0001",
            description=SCRIPT_TEXT,
            make="Samsung",
            model=FORMULA_TEXT,
            serial_number="R58M12AB3CD",  # a serial is checked; control text goes in free text
            seized_from=RTL_TEXT,
            seized_location="수원시 팔달구",
            seized_at=datetime(2026, 4, 30, 1, 0, tzinfo=UTC),
            seized_by=CONTROL_TEXT,
        ),
        [chat],
    )
    workstation.evidence.add_item(
        actor,
        case.id,
        ItemDraft(kind=ItemKind.DOCUMENT, exhibit_number="EX-0002", description=LONG_TEXT),
        [notes],
    )
    workstation.evidence.verify(actor, case_id=case.id)
    notes.write_text("변조됨", encoding="utf-8")  # the next verification fails
    workstation.evidence.verify(actor, case_id=case.id)
    photos = make_flyers(folder / "flyers")
    imported = workstation.flyers.import_photos(
        actor, case.id, [photos], collected_place="수원역 2번 출구", collected_by="김수집"
    )
    assert imported.item is not None
    workstation.flyers.run_ocr(actor, [imported.item.id], jobs=1, recogniser=truth_recogniser)
    reviewer = workstation.examiners.create(
        actor, "Lee Reviewer", "2002", Role.REVIEWER, password=PASSWORD
    )
    queue = workstation.blocking.requests
    queued = queue.queue_blockable(blocking_actor(actor))
    queue.submit_for_approval(blocking_actor(actor), queued.created)
    queue.approve(blocking_actor(reviewer), queued.created)
    package = workstation.blocking.packages.export(blocking_actor(reviewer), queued.created, folder)
    queue.record_suspension(
        blocking_actor(reviewer), package.request_ids[0], carrier="SKT", reference="R-77"
    )
    return CaseData(case, reviewer, notes, photos)
