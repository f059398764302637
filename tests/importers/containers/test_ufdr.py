"""Cellebrite UFDRs generated in code: decoded models into the same records with their
deleted state and decoding confidence, times with UTC offsets, chats with participants,
attachments mapped to their files, device facts and case information, per-file hashes checked;
hostile or broken reports refused with nothing changed."""

from __future__ import annotations

import json
import multiprocessing
import re
import threading
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from forensics_app.errors import UserError
from forensics_app.importers.containers import ufdr as report_module
from forensics_app.importers.containers import ufdr_split
from forensics_app.progress import Cancelled, NullProgress
from forensics_app.services import Workstation
from forensics_app.services import ingest as ingest_module
from forensics_app.services.artifacts import ArtifactQuery
from forensics_app.services.containers import containers_of_item
from forensics_app.services.ingest import NothingRecognisedError
from forensics_app.services.records import Actor
from forensics_app.storage.models import (
    ArtifactAttachment,
    ArtifactCall,
    ArtifactContact,
    ArtifactContactPoint,
    ArtifactConversation,
    ArtifactMessage,
)
from tests.importers.containers import ufdrs as U  # noqa: N812
from tests.importers.containers.conftest import left_in_work, sha256_file, table_counts

PHOTO = U.Tagged("files/Image/a.jpg", b"\xff\xd8 jpeg bytes", ident="file-1")
TAMPERED = U.Tagged("files/Image/b.jpg", b"\xff\xd8 other", sha256="0" * 64, ident="file-2")


def sample_models() -> dict[str, list[str]]:
    return {
        "SMS": [
            U.sms(
                "sms-1", "2024-03-01T09:15:00.000+09:00", "급전 대출 010-9999-8888", "010-1234-5678"
            ),
            U.sms(
                "sms-2",
                "2024-03-01T09:20:00+09:00",
                "네",
                "010-1234-5678",
                folder="Sent",
                status="Sent",
                deleted="Deleted",
                confidence="Medium",
            ),
            U.sms("sms-3", "2024-03-01T09:21:00", None, "010-1234-5678"),
        ],
        "Call": [
            U.call(
                "call-1",
                "2024-03-01T10:00:00+09:00",
                "Outgoing",
                "01022223333",
                "00:01:05",
                name="박사장",
            ),
            U.call(
                "call-2",
                "2024-03-01T11:00:00-05:00",
                "Missed",
                "+82 10-4444-5555",
                "00:00:00",
                deleted="Deleted",
            ),
        ],
        "Chat": [
            U.chat(
                "chat-1",
                "대출방",
                [("owner", True), ("010-7777-6666", False), ("010-1111-2222", False)],
                [
                    U.instant_message(
                        "im-1",
                        "2024-03-02T12:00:00+09:00",
                        "사진 보냅니다",
                        "010-7777-6666",
                        owner=False,
                        attachment=("a.jpg", "image/jpeg", "files\\Image\\a.jpg"),
                    ),
                    U.instant_message(
                        "im-2",
                        "2024-03-02T12:01:00+09:00",
                        "ok",
                        "owner",
                        owner=True,
                        attachment_target="file-1",
                    ),
                ],
            )
        ],
        "Contact": [
            U.contact_model(
                "c-1", "박사장", [("010-2222-3333", "Mobile")], email="park@example.com"
            )
        ],
        "Location": [U.model("Location", "loc-1", U.value("Name", "somewhere"))],
    }


@pytest.fixture(autouse=True, params=["one reader", "split"])
def reading_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs through both paths: the reader thread, and the decoded data split
    over two parsing processes (forced on these small reports, in chunks of a few models)."""
    if request.param == "split":
        monkeypatch.setattr(ufdr_split, "SPLIT_MIN_BYTES", 0)
        monkeypatch.setattr(ufdr_split, "CHUNK_BYTES", 600)
    return str(request.param)


@pytest.fixture
def ufdr(tmp_path: Path) -> Path:
    report = U.report_xml(sample_models(), [PHOTO, TAMPERED])
    return U.build_ufdr(tmp_path / "phone.ufdr", report, [PHOTO, TAMPERED])


def test_a_ufdr_lands_as_messages_calls_and_contacts(
    workstation: Workstation, actor: Actor, case_id: int, ufdr: Path
) -> None:
    before = sha256_file(ufdr)
    report = workstation.ingest.import_paths(actor, case_id, [ufdr])
    assert sha256_file(ufdr) == before
    assert report.counts == {"message": 5, "call": 2, "contact": 1}
    (source,) = report.sources
    assert source.parser == "cellebrite_ufdr" and source.path == f"{ufdr}!/report.xml"
    skipped = [str(note) for note in source.skipped]  # in English
    assert "Location models (not messages, calls or contacts): 1" in skipped
    assert "times without a UTC offset (read as UTC): 1" in skipped
    assert any("b.jpg: SHA256 in report.xml is 0000" in str(w) for w in report.warnings)
    assert left_in_work() == []
    assert report.item is not None
    assert (report.item.make, report.item.model, report.item.imei, report.item.serial_number) == (
        "Samsung GSM", "SM-G991N", "356789109876543", "R3CR40ABCDE",
    )  # fmt: skip
    (container,) = containers_of_item(workstation.db, report.item.id)
    assert container.sha256 == before and container.kind == "ufdr"
    assert container.os_version == "13" and container.device_name == "Galaxy S21"
    assert container.info["case_information"]["Case Number"] == "2024-0042"
    assert container.info["pa_version"] == "7.60.0.45"
    assert container.extracted_at is not None and container.extracted_at.hour == 1  # 10:02 +09

    with workstation.db.read() as session:
        messages = {m.source_row: m for m in session.scalars(select(ArtifactMessage))}
        first, sent, empty = messages["sms-1"], messages["sms-2"], messages["sms-3"]
        assert (first.direction, first.number_e164, first.deleted) == (
            "incoming",
            "+821012345678",
            False,
        )
        assert first.sent_at is not None and first.sent_at.hour == 0  # 09:15 +09:00 → 00:15 UTC
        assert first.sent_at_raw == "2024-03-01T09:15:00.000+09:00"
        assert (sent.direction, sent.status, sent.deleted) == ("outgoing", "sent", True)
        assert (
            "deleted_state=Deleted" in sent.parse_note
            and "decoding_confidence=Medium" in sent.parse_note
        )
        assert empty.body == ""  # <empty/>
        chat = messages["im-2"]
        conversation = session.get(ArtifactConversation, chat.conversation_id)
        assert conversation is not None and conversation.title == "대출방" and conversation.is_group
        assert (chat.direction, chat.number_raw, chat.participants) == (
            "outgoing",
            "010-7777-6666",
            "010-1111-2222",
        )
        attachments = session.scalars(select(ArtifactAttachment)).all()
        assert {a.path for a in attachments} == {"files/Image/a.jpg"}
        calls = {c.source_row: c for c in session.scalars(select(ArtifactCall))}
        assert (
            calls["call-1"].direction,
            calls["call-1"].duration_seconds,
            calls["call-1"].name,
        ) == ("outgoing", 65, "박사장")
        missed = calls["call-2"]
        assert (missed.call_type, missed.deleted) == ("missed", True)
        assert missed.started_at is not None and missed.started_at.hour == 16  # 11:00 -05:00
        (person,) = session.scalars(select(ArtifactContact)).all()
        points = session.scalars(select(ArtifactContactPoint)).all()
        assert person.display_name == "박사장"
        assert {(p.kind, p.value) for p in points} == {
            ("phone", "010-2222-3333"),
            ("email", "park@example.com"),
        }


def test_importing_the_same_ufdr_again_adds_nothing(
    workstation: Workstation, actor: Actor, case_id: int, ufdr: Path
) -> None:
    workstation.ingest.import_paths(actor, case_id, [ufdr])
    again = workstation.ingest.import_paths(actor, case_id, [ufdr])
    assert again.counts == {"message": 0, "call": 0, "contact": 0}


def test_a_ufdr_without_report_xml_is_refused(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    broken = U.build_ufdr(tmp_path / "broken.ufdr", None, [PHOTO])
    before = table_counts(workstation)
    with pytest.raises(UserError, match=r"has no report\.xml"):
        workstation.ingest.import_paths(actor, case_id, [broken])
    assert table_counts(workstation) == before


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE project [<!ENTITY secret SYSTEM "file:///SECRET">]>\n',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n',
    ],
    ids=["external-entity", "billion-laughs"],
)
def test_xml_with_entities_is_refused_before_parsing(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path, prolog: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET 010-0000-0000")
    models = {"SMS": [U.sms("x", "2024-03-01T09:15:00+09:00", "&secret;&lol3;", "010-1234-5678")]}
    report = U.report_xml(models, prolog=prolog.replace("/SECRET", str(secret)))
    hostile = U.build_ufdr(tmp_path / "hostile.ufdr", report)
    before = table_counts(workstation)
    with pytest.raises(UserError, match="declares a DTD or entities"):
        workstation.ingest.import_paths(actor, case_id, [hostile])
    assert table_counts(workstation) == before


def test_xml_broken_half_way_fails_the_source_and_changes_nothing(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    report = U.report_xml(sample_models())
    cut = report[: report.index('<modelType type="Call">') + 200]
    damaged = U.build_ufdr(tmp_path / "damaged.ufdr", cut)
    before = table_counts(workstation)
    with pytest.raises(NothingRecognisedError, match="not well-formed"):
        workstation.ingest.import_paths(actor, case_id, [damaged])
    assert table_counts(workstation) == before


def test_an_unpacked_ufdr_folder_reads_the_same(
    workstation: Workstation, actor: Actor, case_id: int, ufdr: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(ufdr) as archive:
        archive.extractall(folder)
    report = workstation.ingest.import_paths(actor, case_id, [folder])
    assert report.counts == {"message": 5, "call": 2, "contact": 1}
    assert json.dumps(report.as_json())


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE project [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n',
        '<!DOCTYPE project SYSTEM "http://example.invalid/report.dtd">\n',
    ],
    ids=["external-entity", "entity-expansion", "external-dtd"],
)
def test_the_report_reader_itself_refuses_any_dtd(prolog: str) -> None:
    """The second line behind check_prolog: the streaming parser refuses a DTD whatever
    declares it, so no entity is ever expanded or fetched."""
    models = {"SMS": [U.sms("x", "2024-03-01T09:15:00+09:00", "&lol2;", "010-1234-5678")]}
    reader = report_module.ReportReader()
    with pytest.raises(report_module.HostileXml):
        reader.feed(U.report_xml(models, prolog=prolog).encode(), final=True)
    assert reader.done == []


def test_the_report_reader_reads_models_across_any_chunking() -> None:
    """Models split at every possible byte boundary read the same: the reader keeps its
    state between feeds (a UFDR is read a megabyte at a time)."""
    document = U.report_xml(sample_models(), [PHOTO, TAMPERED]).encode()

    def read(step: int) -> list[tuple[str, str, dict[str, str | None], list[str]]]:
        reader = report_module.ReportReader()
        for start in range(0, len(document), step):
            reader.feed(document[start : start + step])
        reader.feed(b"", final=True)
        found = []
        for item in reader.done:
            if isinstance(item, report_module.Model):
                nested = [m.id for ms in item.multi.values() for m in ms]
                found.append((item.type, item.id, item.fields, nested))
            else:
                found.append(("file", item.id, dict(item.items), []))
        return found

    whole = read(len(document))
    assert [f[:2] for f in whole] == [
        ("file", "file-1"), ("file", "file-2"), ("SMS", "sms-1"), ("SMS", "sms-2"),
        ("SMS", "sms-3"), ("Call", "call-1"), ("Call", "call-2"), ("Chat", "chat-1"),
        ("Contact", "c-1"), ("Location", "loc-1"),
    ]  # fmt: skip
    sms = whole[2][2]
    assert sms["Body"] == "급전 대출 010-9999-8888"
    assert whole[4][2]["Body"] is None  # <empty/>
    assert {"im-1", "im-2"} <= set(whole[7][3])  # the chat's messages, nested
    for step in (1, 7, 64, 4096):
        assert read(step) == whole


class CancelWhileReadingModels(NullProgress):
    """Cancels once report.xml's models are being read and some were reported."""

    def __init__(self) -> None:
        self.reading_models = False
        self.advanced = 0

    def begin(self, total: int | None, label: object, unit: str = "") -> None:
        self.reading_models = str(label) == "reading report.xml"

    def advance(self, amount: int = 1, detail: str = "") -> None:
        if self.reading_models:
            self.advanced += amount

    def is_cancelled(self) -> bool:
        return self.advanced > 0


def test_cancelling_a_ufdr_import_stores_nothing_stops_the_reader_and_resumes(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report_module, "READ_CHUNK", 2048)  # many chunks from a small report
    messages = [
        U.sms(f"sms-{n}", "2024-03-01T09:15:00+09:00", f"body {n}", "010-1234-5678")
        for n in range(300)
    ]
    built = U.build_ufdr(tmp_path / "many.ufdr", U.report_xml({"SMS": messages}))
    before = table_counts(workstation)
    progress = CancelWhileReadingModels()
    with pytest.raises(Cancelled):
        workstation.ingest.import_paths(actor, case_id, [built], progress=progress)
    assert table_counts(workstation) == before
    assert not [t for t in threading.enumerate() if t.name == "ufdr-reader"]
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("ufdr-parse")]
    report = workstation.ingest.import_paths(actor, case_id, [built])
    assert report.counts == {"message": 300, "call": 0, "contact": 0}


def test_messages_written_in_several_batches_are_all_found_by_text(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The writer indexes the messages' text when the source ends (not per batch): every
    batch's messages are searchable, the first and the last."""
    monkeypatch.setattr(ingest_module, "BATCH_ROWS", 7)
    messages = [
        U.sms(f"sms-{n}", "2024-03-01T09:15:00+09:00", f"상담 code{n:03d}x", "010-1234-5678")
        for n in range(30)
    ]
    built = U.build_ufdr(tmp_path / "batches.ufdr", U.report_xml({"SMS": messages}))
    report = workstation.ingest.import_paths(actor, case_id, [built])
    assert report.counts["message"] == 30
    for n in (0, 6, 7, 20, 29):
        (found,) = workstation.artifacts.page(ArtifactQuery(case_id, text=f"CODE{n:03d}X"))
        assert found.text == f"상담 code{n:03d}x"
    assert workstation.artifacts.count(ArtifactQuery(case_id, text="상담")) == 30


def test_a_report_in_another_encoding_than_it_declares_is_explained_in_korean(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # lxml's and expat's own English ('Invalid bytes in character encoding', 'not well-formed
    # (invalid token)') were shown inside the Korean sentence.
    from forensics_app.messages import describe

    report = U.report_xml(sample_models())
    before = table_counts(workstation)
    for name, data in [
        ("euc-kr.ufdr", report.encode("euc-kr", "replace")),  # declared utf-8
        ("latin1.ufdr", report.encode("utf-8").replace("대출".encode(), "é".encode("latin-1"))),
    ]:
        built = U.build_ufdr(tmp_path / name, data)
        with pytest.raises(UserError) as refused:
            workstation.ingest.import_paths(actor, case_id, [built])
        shown = describe(refused.value, "ko")
        assert "선언한 인코딩에 맞지 않는 글자" in shown and "번째 줄" in shown, shown
        assert "Invalid bytes" not in shown and "invalid token" not in shown, shown
    assert table_counts(workstation) == before


def test_dotnet_unset_times_and_times_out_of_range_keep_their_raw_value(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # .NET writes "not set" as DateTime.MinValue with the device's offset; moving
    # 0001-01-01T00:00:00+09:00 to UTC raised OverflowError: an internal error, nothing read.
    unset, far = "0001-01-01T00:00:00+09:00", "9999-12-31T23:59:59-05:00"
    models = {
        "SMS": [
            U.sms("unset", unset, "a", "010-1234-5678"),
            U.sms("far", far, "b", "010-1234-5678"),
            U.sms("fine", "2024-03-01T09:15:00.1234567+09:00", "c", "010-1234-5678"),
        ],
        "Call": [U.call("call-unset", unset, "Outgoing", "01022223333", "00:00:05")],
        "Contact": [
            U.model("Contact", "c-unset", U.value("Name", "X") + U.value("TimeCreated", unset))
        ],
    }
    built = U.build_ufdr(tmp_path / "times.ufdr", U.report_xml(models))
    report = workstation.ingest.import_paths(actor, case_id, [built])
    assert report.counts == {"message": 3, "call": 1, "contact": 1}
    (source,) = report.sources
    assert "times that could not be read (raw value kept): 4" in [str(s) for s in source.skipped]
    with workstation.db.read() as session:
        messages = {m.source_row: m for m in session.scalars(select(ArtifactMessage))}
        assert (messages["unset"].sent_at, messages["unset"].sent_at_raw) == (None, unset)
        assert (messages["far"].sent_at, messages["far"].sent_at_raw) == (None, far)
        fine = messages["fine"].sent_at
        assert fine is not None and (fine.hour, fine.microsecond) == (0, 123456)
        (made_call,) = session.scalars(select(ArtifactCall)).all()
        assert made_call.started_at is None and made_call.started_at_raw == unset


@pytest.mark.parametrize("declared", ["euc-kr", "ks_c_5601-1987", "x-unknown"])
def test_a_report_declaring_an_encoding_the_reader_cannot_read_is_refused_in_korean(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path, declared: str
) -> None:
    # lxml read the header in EUC-KR, then expat raised ValueError ("multi-byte encodings
    # are not supported") on the models: an internal error, exit 70.
    from forensics_app.messages import describe

    text = U.report_xml(sample_models()).replace('encoding="utf-8"', f'encoding="{declared}"')
    built = U.build_ufdr(tmp_path / "euc-kr.ufdr", text.encode("euc-kr"))
    before = table_counts(workstation)
    with pytest.raises(UserError) as refused:
        workstation.ingest.import_paths(actor, case_id, [built])
    shown = describe(refused.value, "ko")
    assert f"선언한 인코딩 {declared}은(는) 보고서 읽기 기능이 읽을 수 없습니다" in shown, shown
    assert table_counts(workstation) == before


def test_call_durations_no_column_can_hold_are_left_empty(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # int(float("inf")) raised OverflowError: an internal error, nothing imported.
    durations = ["inf", "1e400", "99999999999999999999", "10675199.02:48:05.4775807", "00:01:05"]
    models = {
        "Call": [
            U.call(f"call-{n}", "2024-03-01T10:00:00+09:00", "Outgoing", "01022223333", text)
            for n, text in enumerate(durations)
        ]
    }
    built = U.build_ufdr(tmp_path / "durations.ufdr", U.report_xml(models))
    report = workstation.ingest.import_paths(actor, case_id, [built])
    assert report.counts["call"] == len(durations)
    with workstation.db.read() as session:
        calls = {c.source_row: c.duration_seconds for c in session.scalars(select(ArtifactCall))}
    assert calls == {"call-0": None, "call-1": None, "call-2": None, "call-3": None, "call-4": 65}


def _in_namespace(report: str, namespace: str | None, prefix: str = "") -> str:
    """The sample report with its namespace declaration replaced (None: no namespace), its
    elements written with `prefix` when one is given."""
    declared = "" if namespace is None else f' xmlns{":" + prefix if prefix else ""}="{namespace}"'
    text = report.replace(f' xmlns="{U.NS}"', declared)
    if prefix:  # every tag but <?xml, <!DOCTYPE and <![CDATA[ (no value here holds "<")
        text = re.sub(r"<(/?)(?=[A-Za-z_])", rf"<\1{prefix}:", text)
    return text


@pytest.mark.parametrize(
    ("namespace", "prefix"),
    [
        ("http://pa.cellebrite.com/report/1.0", ""),
        ("http://pa.cellebrite.com/report/3.1", ""),
        ("https://pa.cellebrite.com/report/2.0/", ""),
        ("http://pa.cellebrite.com/report/2.0", "cb"),
        ("http://pa.cellebrite.com/report/1.0", "pa"),
        (None, ""),
        ("urn:converted:cellebrite-report", ""),
    ],
    ids=["1.0", "3.1", "https-slash", "prefixed", "1.0-prefixed", "none", "other-uri"],
)
def test_a_report_in_another_namespace_or_none_is_read_by_its_structure(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    namespace: str | None,
    prefix: str,
) -> None:
    """Cellebrite versions write their own version in the namespace URI, converters write
    none: the same structure reads the same (both reading paths), zip and folder alike."""
    report = _in_namespace(U.report_xml(sample_models(), [PHOTO, TAMPERED]), namespace, prefix)
    assert U.NS not in report or prefix  # the variant really is another namespace
    variant = U.build_ufdr(tmp_path / "variant.ufdr", report, [PHOTO, TAMPERED])
    before = sha256_file(variant)
    imported = workstation.ingest.import_paths(actor, case_id, [variant])
    assert sha256_file(variant) == before
    assert imported.counts == {"message": 5, "call": 2, "contact": 1}
    assert imported.item is not None and imported.item.imei == "356789109876543"
    (container,) = containers_of_item(workstation.db, imported.item.id)
    assert container.info["case_information"]["Case Number"] == "2024-0042"
    with workstation.db.read() as session:
        attachments = session.scalars(select(ArtifactAttachment)).all()
        assert {a.path for a in attachments} == {"files/Image/a.jpg"}
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(variant) as archive:
        archive.extractall(folder)
    again = workstation.ingest.import_paths(actor, case_id, [folder])
    assert again.counts == {"message": 0, "call": 0, "contact": 0}  # the same models
    assert again.item is not None and again.item.id == imported.item.id


@pytest.mark.parametrize(
    ("report", "root"),
    [
        (
            '<?xml version="1.0"?><project xmlns="http://maven.apache.org/POM/4.0.0">'
            "<modelVersion>4.0.0</modelVersion><decoded/></project>",
            "project",
        ),
        ('<?xml version="1.0"?><project><name>x</name></project>', "project"),
        (
            f'<?xml version="1.0"?><report xmlns="{U.NS}"><decodedData/></report>',
            "report",
        ),
        (
            '<?xml version="1.0"?><x:project xmlns:x="urn:a" xmlns:y="urn:b">'
            "<y:decodedData/></x:project>",
            "project",
        ),
    ],
    ids=["maven-pom", "bare-project", "not-a-project", "sections-in-another-namespace"],
)
def test_an_xml_that_is_not_a_ufdr_report_is_refused_saying_so(
    workstation: Workstation,
    actor: Actor,
    case_id: int,
    tmp_path: Path,
    report: str,
    root: str,
) -> None:
    broken = U.build_ufdr(tmp_path / "other.ufdr", report)
    before = table_counts(workstation)
    with pytest.raises(UserError, match=rf"is not a Cellebrite report: its root element is {root}"):
        workstation.ingest.import_paths(actor, case_id, [broken])
    assert table_counts(workstation) == before


def test_only_a_report_xml_shaped_like_one_is_taken_for_a_ufdr_folder(tmp_path: Path) -> None:
    """A folder's report.xml is a UFDR's when its root is a project in a Cellebrite
    namespace, or holds a report's sections; a Maven pom.xml named report.xml is not."""
    whole = U.report_xml(sample_models())
    for name, text, expected in [
        ("cellebrite", whole, True),
        ("none", _in_namespace(whole, None), True),
        ("version", _in_namespace(whole, "http://pa.cellebrite.com/report/1.5"), True),
        ("utf16", _in_namespace(whole, None).replace("utf-8", "utf-16"), True),
        ("pom", '<project xmlns="http://maven.apache.org/POM/4.0.0"><name/></project>', False),
        ("other", "<html><body>report</body></html>", False),
    ]:
        folder = tmp_path / name
        folder.mkdir()
        encoding = "utf-16" if name == "utf16" else "utf-8"
        (folder / "report.xml").write_bytes(text.encode(encoding))
        assert (report_module.report_in_folder(folder) is not None) is expected, name
