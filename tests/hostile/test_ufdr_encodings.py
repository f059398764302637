"""A UFDR's report.xml in UTF-16 (with or without a byte-order mark, with or without an encoding
declaration) or UTF-8 with a byte-order mark imports, or is refused saying what is wrong with
its encoding: never a traceback, a bare "not well-formed", or an import of nothing. The DTD
check reads a UTF-16 prolog as text too (it looked for ASCII bytes only)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from forensics_app.errors import UserError
from forensics_app.importers.containers import ufdr_split
from forensics_app.messages import describe
from forensics_app.services import Workstation
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.records import Actor
from tests.importers.containers import ufdrs as U  # noqa: N812
from tests.importers.containers.conftest import table_counts

MODELS = {
    "SMS": [U.sms("s-1", "2024-03-01T09:15:00+09:00", "무직자 대출 010-9876-5432", "010-1234-5678")]
}
TEXT = U.report_xml(MODELS)
DECLARED = '<?xml version="1.0" encoding="utf-8"?>\n'
assert TEXT.startswith(DECLARED)
BARE = TEXT[len(DECLARED) :]  # no XML declaration at all
AS_UTF16 = TEXT.replace('encoding="utf-8"', 'encoding="UTF-16"')

IMPORTED = {
    "utf-16-le, bom, declared": codecs.BOM_UTF16_LE + AS_UTF16.encode("utf-16-le"),
    "utf-16-be, bom, declared": codecs.BOM_UTF16_BE + AS_UTF16.encode("utf-16-be"),
    "utf-16-le, bom, undeclared": codecs.BOM_UTF16_LE + BARE.encode("utf-16-le"),
    "utf-16-le, no bom, declared": AS_UTF16.encode("utf-16-le"),
    "utf-8, bom, declared": codecs.BOM_UTF8 + TEXT.encode(),
    "utf-8, bom, undeclared": codecs.BOM_UTF8 + BARE.encode(),
}
REFUSED = {
    "utf-16-le, no bom, undeclared": (
        BARE.encode("utf-16-le"),
        "written in UTF-16 without a byte-order mark or an encoding declaration",
        "바이트 순서 표시(BOM)도 인코딩 선언도 없는 UTF-16",
    ),
    "utf-16 bom, declares utf-8": (
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        "written in UTF-16 but declares the encoding utf-8",
        "UTF-16으로 쓰였는데 인코딩을 utf-8(으)로 선언",
    ),
    "utf-8 bytes, declares utf-16": (
        AS_UTF16.encode(),
        "declares the encoding UTF-16 but is not written in UTF-16",
        "인코딩을 UTF-16(으)로 선언했지만 UTF-16으로 쓰이지 않았습니다",
    ),
    "utf-32": (
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        "written in UTF-32",
        "UTF-32로 쓰여",
    ),
    "utf-16 with a dtd": (
        codecs.BOM_UTF16_LE
        + U.report_xml(MODELS, prolog='<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n')
        .replace('encoding="utf-8"', 'encoding="UTF-16"')
        .encode("utf-16-le"),
        "declares a DTD or entities",
        "DTD나 엔티티 선언이 있습니다",
    ),
}


@pytest.fixture(params=["one reader", "split"])
def reading_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "split":  # the decoded data parsed by two processes, in chunks
        monkeypatch.setattr(ufdr_split, "SPLIT_MIN_BYTES", 0)
        monkeypatch.setattr(ufdr_split, "CHUNK_BYTES", 600)
    return str(request.param)


def test_reports_in_utf16_or_with_a_bom_import_whole(
    workstation: Workstation, actor: Actor, tmp_path: Path, reading_path: str
) -> None:
    for index, (name, data) in enumerate(IMPORTED.items()):
        case = workstation.cases.create(actor, name, number=f"E-{index}")
        built = U.build_ufdr(tmp_path / f"{index}.ufdr", data)
        report = workstation.ingest.import_paths(actor, case.id, [built])
        assert report.counts == {"message": 1, "call": 0, "contact": 0}, name
        (message,) = workstation.artifacts.page(ArtifactQuery(case.id, text="대출"))
        assert message.text == "무직자 대출 010-9876-5432", name


def test_reports_whose_encoding_cannot_be_trusted_are_refused_saying_so(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    case = workstation.cases.create(actor, "encodings", number="E-R")
    before = table_counts(workstation)
    for index, (name, (data, english, korean)) in enumerate(REFUSED.items()):
        built = U.build_ufdr(tmp_path / f"refused{index}.ufdr", data)
        with pytest.raises(UserError) as refused:
            workstation.ingest.import_paths(actor, case.id, [built])
        assert english in describe(refused.value, "en"), name
        assert korean in describe(refused.value, "ko"), (name, describe(refused.value, "ko"))
    assert table_counts(workstation) == before


def test_an_unpacked_ufdr_folder_in_utf16_is_recognised_and_imports(
    workstation: Workstation, actor: Actor, tmp_path: Path
) -> None:
    # The folder's report.xml was recognised by the namespace's UTF-8 bytes only: in UTF-16
    # the folder was not taken for a UFDR at all.
    folder = tmp_path / "unpacked"
    folder.mkdir()
    (folder / "report.xml").write_bytes(IMPORTED["utf-16-le, bom, declared"])
    case = workstation.cases.create(actor, "folder", number="E-F")
    report = workstation.ingest.import_paths(actor, case.id, [folder])
    assert report.counts == {"message": 1, "call": 0, "contact": 0}
