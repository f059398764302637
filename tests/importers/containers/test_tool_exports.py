"""CSV/XLSX exports of other tools through a column mapping: encodings (UTF-8, with BOM,
CP949), formulas kept as text, presets and saved mappings; a file in another encoding, a
mapping naming columns the file lacks, or no mapping at all is a clear error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from forensics_app.errors import UserError
from forensics_app.importers.containers import ImportOptions
from forensics_app.importers.containers.mappings import (
    Mapping,
    MappingError,
    all_mappings,
    load_mapping,
    save_mapping,
)
from forensics_app.importers.containers.tool_export import preview
from forensics_app.services import Workstation
from forensics_app.services.records import Actor
from forensics_app.storage.models import ArtifactCall, ArtifactMessage
from tests.importers.containers.conftest import table_counts

ROWS = (
    "일시,전화번호,구분,내용\n"
    '2024-03-01 09:15:00,010-1234-5678,수신,"=HYPERLINK(""http://x.example"",""급전"")"\n'
    "2024-03-01 09:16:00(UTC+9),010-1234-5678,발신,네 알겠습니다\n"
    '2024/03/01 09:17:00,+82 10-1234-5678,수신,"여러 줄\n본문"\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_a_korean_sheet_in_each_encoding(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "문자.csv"
    path.write_bytes(ROWS.encode(encoding))
    report = workstation.ingest.import_paths(
        actor, case_id, [path], options=ImportOptions(mapping="korean_sms_sheet")
    )
    assert report.counts == {"message": 3, "call": 0, "contact": 0}
    with workstation.db.read() as session:
        rows = session.scalars(select(ArtifactMessage).order_by(ArtifactMessage.id)).all()
    assert [r.direction for r in rows] == ["incoming", "outgoing", "incoming"]
    assert rows[0].body == '=HYPERLINK("http://x.example","급전")'  # stays text
    assert rows[2].body == "여러 줄\n본문"
    assert {r.number_e164 for r in rows} == {"+821012345678"}
    # 09:15 in Seoul (the mapping's zone) and 09:16 (UTC+9) are both 00:1x UTC.
    assert [r.sent_at.hour for r in rows if r.sent_at] == [0, 0, 0]


def test_times_no_zone_can_hold_or_out_of_range_keep_their_raw_value(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # "(UTC+99)" made timezone() raise ValueError and .NET's unset 0001-01-01 in Seoul made
    # astimezone() raise OverflowError: both were internal errors with nothing imported.
    path = tmp_path / "문자.csv"
    path.write_text(
        "일시,전화번호,구분,내용\n"
        "2024-03-01 09:15:00(UTC+99),010-1234-5678,수신,a\n"
        "0001-01-01 00:00:00,010-1234-5678,수신,b\n"
        "9999-12-31 23:59:59(UTC-5),010-1234-5678,수신,c\n"
        "2024-03-01 09:16:00(UTC+9),010-1234-5678,발신,d\n",
        encoding="utf-8",
    )
    report = workstation.ingest.import_paths(
        actor, case_id, [path], options=ImportOptions(mapping="korean_sms_sheet")
    )
    assert report.counts == {"message": 4, "call": 0, "contact": 0}
    (source,) = report.sources
    assert "times that could not be read (raw value kept): 3" in [str(s) for s in source.skipped]
    with workstation.db.read() as session:
        rows = session.scalars(select(ArtifactMessage).order_by(ArtifactMessage.id)).all()
    assert [(r.sent_at is None, r.sent_at_raw[:10]) for r in rows] == [
        (True, "2024-03-01"), (True, "0001-01-01"), (True, "9999-12-31"), (False, "2024-03-01"),
    ]  # fmt: skip


def test_wrong_encoding_unmapped_columns_and_no_mapping_are_clear_errors(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    before = table_counts(workstation)
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(ROWS.encode("utf-16"))
    with pytest.raises(UserError, match="neither UTF-8 nor CP949"):
        workstation.ingest.import_paths(
            actor, case_id, [utf16], options=ImportOptions(mapping="korean_sms_sheet")
        )
    other = tmp_path / "other.csv"
    other.write_text("Date,Phone,Text\n2024-03-01 09:00:00,010-1,hi\n", encoding="utf-8")
    with pytest.raises(MappingError, match="has no column '구분', '내용', '일시', '전화번호'"):
        workstation.ingest.import_paths(
            actor, case_id, [other], options=ImportOptions(mapping="korean_sms_sheet")
        )
    with pytest.raises(UserError, match="Its columns are: Date, Phone, Text"):
        workstation.ingest.import_paths(actor, case_id, [other])
    assert table_counts(workstation) == before


def test_an_xlsx_with_a_title_row_and_a_formula_through_a_saved_mapping(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Calls"
    sheet.append(["Call log exported 2024-03-05"])
    sheet.append(["When", "Number", "Who", "Dir", "Length"])
    sheet.append(
        [
            "2024-03-01 10:00:00",
            "010-2222-3333",
            '=HYPERLINK("tel:01022223333","박사장")',
            "out",
            "0:01:05",
        ]
    )
    sheet.append(["2024-03-01 11:00:00", "01044445555", "", "missed", "0"])
    path = tmp_path / "calls.xlsx"
    book.save(path)
    mapping = Mapping(
        name="lab_calls",
        title="Our lab's call sheet",
        kind="call",
        sheet="Calls",
        header_row=2,
        columns={"time": "When", "number": "Number", "name": "Who", "direction": "Dir",
                 "call_type": "Dir", "duration": "Length"},
        values={"direction": {"outgoing": ["out"], "incoming": ["in", "missed"]},
                "call_type": {"outgoing": ["out"], "incoming": ["in"], "missed": ["missed"]}},
    )  # fmt: skip
    save_mapping(mapping)
    assert load_mapping("lab_calls").columns == mapping.columns
    columns, rows = preview(path, load_mapping("lab_calls"))
    assert columns == ["When", "Number", "Who", "Dir", "Length"] and len(rows) == 2
    report = workstation.ingest.import_paths(
        actor, case_id, [path], options=ImportOptions(mapping="lab_calls")
    )
    assert report.counts["call"] == 2
    with workstation.db.read() as session:
        calls = session.scalars(select(ArtifactCall).order_by(ArtifactCall.id)).all()
    assert calls[0].name == '=HYPERLINK("tel:01022223333","박사장")'
    assert (calls[0].direction, calls[0].duration_seconds) == ("outgoing", 65)
    assert (calls[1].call_type, calls[1].number_e164) == ("missed", "+821044445555")


def test_presets_say_where_their_layout_comes_from() -> None:
    shipped = [m for m in all_mappings() if m.shipped]
    assert {"korean_sms_sheet", "korean_call_sheet", "forensics_app_artifacts"} <= {
        m.name for m in shipped
    }
    assert all(m.source for m in shipped)
    with pytest.raises(MappingError, match="shipped preset"):
        save_mapping(Mapping(name="korean_sms_sheet", columns={"number": "x"}))
    with pytest.raises(MappingError, match="must name the column for number"):
        save_mapping(Mapping(name="incomplete", columns={"body": "Text"}))


def test_a_mapping_file_that_is_not_utf8_or_not_toml_is_refused_in_the_readers_language(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # A mapping file in CP949 raised UnicodeDecodeError (an internal error, exit 70), and one
    # such file among the user's saved mappings broke every import by mapping name.
    from forensics_app import config
    from forensics_app.messages import describe

    sheet = tmp_path / "문자.csv"
    sheet.write_text(ROWS, encoding="utf-8")
    cp949 = tmp_path / "한글.toml"
    cp949.write_bytes('name = "한글"\nkind = "message"\n'.encode("cp949"))
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n[columns\n', encoding="utf-8")
    before = table_counts(workstation)
    for path, korean in (
        (cp949, "UTF-8 텍스트가 아님"),
        (broken, "TOML이 아님: 2번째 줄 9번째 열"),
    ):
        with pytest.raises(MappingError) as refused:
            workstation.ingest.import_paths(
                actor, case_id, [sheet], options=ImportOptions(mapping=str(path))
            )
        shown = describe(refused.value, "ko")
        assert korean in shown and "codec" not in shown and "Expected" not in shown, shown
    assert table_counts(workstation) == before
    saved = config.data_dir() / "mappings"
    saved.mkdir(parents=True, exist_ok=True)
    (saved / "legacy.toml").write_bytes(cp949.read_bytes())
    report = workstation.ingest.import_paths(
        actor, case_id, [sheet], options=ImportOptions(mapping="korean_sms_sheet")
    )
    assert report.counts["message"] == 3


def test_a_hostile_or_locked_workbook_is_refused_before_openpyxl_reads_it(
    workstation: Workstation, actor: Actor, case_id: int, tmp_path: Path
) -> None:
    # An entity was refused by openpyxl as "(ValueError)"; a sheet inflating a thousandfold
    # was read into memory whole; an encrypted workbook was "not a SQLite database".
    import zipfile

    from forensics_app.messages import describe

    book = Workbook()
    book.active.append(["일시", "전화번호", "구분", "내용"])
    book.active.append(["2024-03-01 09:15:00", "010-1234-5678", "수신", "a"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)

    def rewritten(name: str, change: Callable[[bytes], bytes]) -> Path:
        target = tmp_path / name
        with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w", 8) as out:
            for info in source.infolist():
                data = source.read(info)
                sheet = info.filename == "xl/worksheets/sheet1.xml"
                out.writestr(info.filename, change(data) if sheet else data)
        return target

    entity = b'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    cases = {
        rewritten("xxe.xlsx", lambda d: entity + d): "DTD나 엔티티 선언이 있습니다",
        rewritten("bomb.xlsx", lambda d: d + b" " * (20 << 20)): "압축 폭탄",
        locked: "암호가 걸린 통합 문서",
    }
    before = table_counts(workstation)
    for path, korean in cases.items():
        with pytest.raises(UserError) as refused:
            workstation.ingest.import_paths(
                actor, case_id, [path], options=ImportOptions(mapping="korean_sms_sheet")
            )
        shown = describe(refused.value, "ko")
        assert korean in shown and "ValueError" not in shown, shown
    assert table_counts(workstation) == before
