"""A clip's problems are kept as templates with values, so they read in the reader's language
whenever they are shown; rows stored as English text before that still show as they were."""

from __future__ import annotations

import json

from forensics_app.cctv import notes
from forensics_app.cctv.names import load_conventions, read_name
from forensics_app.cctv.timing import SourceTimes, correct
from forensics_app.messages import msg


def test_a_note_with_a_note_inside_survives_storage_and_reads_in_either_language() -> None:
    reason = msg("FFmpeg: {error} (the file is truncated or was not finished)", error="moov")
    problem = msg("not readable as {format}: {reason}", format="mp4", reason=reason)
    stored = notes.dumps([problem, msg("zero-length file")])
    assert "moov" in stored and json.loads(stored)[0]["t"] == problem.template
    back = notes.loads(stored)
    assert back == (problem, msg("zero-length file"))
    assert back[0].render("en") == (
        "not readable as mp4: FFmpeg: moov (the file is truncated or was not finished)"
    )
    assert back[0].render("ko") == (
        "mp4(으)로 읽을 수 없음: FFmpeg: moov(파일이 잘렸거나 끝까지 기록되지 않음)"
    )


def test_impossible_dates_in_names_are_reported_in_korean_too() -> None:
    reading = read_name("ch03_20211308083312_20211308083316.mp4", load_conventions())
    assert reading.start is None and reading.problems
    stored = notes.loads(notes.dumps(reading.problems))
    english, korean = stored[0].render("en"), stored[0].render("ko")
    assert "month 13: not a real date" in english
    assert "20211308083312" in korean and "월 값 13" in korean and "month" not in korean


def test_formatted_numbers_keep_their_precision_in_korean() -> None:
    note = msg("recording gap of {seconds:.1f} s at {at:.1f} s (frame {frame})", seconds=29.04,
               at=3.96, frame=100)  # fmt: skip
    (back,) = notes.loads(notes.dumps([note]))
    assert back.render("en") == "recording gap of 29.0 s at 4.0 s (frame 100)"
    assert back.render("ko") == "4.0초(프레임 100)에서 29.0초 녹화 공백"


def test_rows_stored_as_english_text_still_show() -> None:
    old = json.dumps(["the last DHAV frame is cut short: the file is truncated", "odd {brace"])
    loaded = notes.loads(old)
    assert [n.render("en") for n in loaded] == [
        "the last DHAV frame is cut short: the file is truncated",
        "odd {brace",
    ]
    # An old text that is exactly a template without values is even translated.
    assert loaded[0].render("ko") == "마지막 DHAV 프레임이 잘림: 파일이 끝까지 기록되지 않음"
    assert loaded[1].render("ko") == "odd {brace"
    assert notes.load_one("no recorder clock offset recorded") == msg(
        "no recorder clock offset recorded"
    )
    assert notes.load_one("") is None and notes.loads("") == ()
    assert notes.loads("not json at all")[0].render("ko") == "not json at all"


def test_the_corrected_time_note_is_stored_as_a_template() -> None:
    result = correct(SourceTimes(), None, None)
    assert result.note is not None
    text = notes.dump_one(result.note)
    back = notes.load_one(text)
    assert back is not None and back.render("ko") == "시각을 알려주는 출처가 없음"
