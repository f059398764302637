"""Routes and the requesting agency have English names (routes.toml label_en, legal_basis_en,
recipient_en, default_agency_en): an examiner reading in English saw only the Korean ones. A
route configured without them is shown by its key as words. Requests keep the Korean, which
their submission cites."""

from __future__ import annotations

import re

import pytest

from blocking.config import parse_config
from forensics_app.services.block_requests import load_routes
from tests.cli.conftest import Cli

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_every_configured_route_and_the_agency_have_english_names() -> None:
    config = load_routes()
    for route in config.routes.values():
        for english in (route.label_in("en"), route.legal_basis_in("en"), route.recipient_in("en")):
            assert english and not HANGUL.search(english), (route.key, english)
        assert HANGUL.search(route.label_in("ko")) and route.label_in("ko") == route.label
    agency = config.agency_in(config.default_agency, "en")
    assert agency and not HANGUL.search(agency)
    assert config.agency_in(config.default_agency, "ko") == config.default_agency


def test_a_route_without_english_names_falls_back_to_its_key_as_words() -> None:
    route = {
        "label": "지자체 협약", "legal_basis": "협약 제3조", "recipient": "통신사",
        "channel": "carrier", "suspension_months": 3, "expected_answer_hours": 168,
        "objection_days": 30, "objection_decision_days": 14, "evidence_per_request": 5,
    }  # fmt: skip
    config = parse_config(
        {
            "default_agency": "수원시청",
            "categories": {"lending": "city_agreement", "obscene_adult": "city_agreement"},
            "routes": {"city_agreement": route},
        }
    )
    assert config.routes["city_agreement"].label_in("en") == "city agreement"
    assert config.routes["city_agreement"].label_in("ko") == "지자체 협약"
    assert config.agency_in("수원시청", "en") == "수원시청"  # a name typed in stays as typed


def test_the_command_line_shows_route_and_agency_in_the_readers_language(
    team: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = team(
        "--examiner", "1001", "numbers", "add", "010-1234-5678", "--category", "lending",
        "--place", "수원역", "--case", "C-7",
    )  # fmt: skip
    assert code == 0, err
    assert team("--examiner", "1001", "block", "queue")[0] == 0
    monkeypatch.setenv("FORENSICS_APP_LANG", "en")
    code, out, _ = team("block", "show", "1")
    shown = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert code == 0 and "Loan Business Act art. 9-6" in shown["route"], out
    assert "Gyeonggi Province Special Judicial Police" in shown["category"], out
    assert not HANGUL.search(shown["route"] + shown["category"]), out
    monkeypatch.setenv("FORENSICS_APP_LANG", "ko")
    code, out, _ = team("block", "show", "1")
    assert code == 0 and "대부업법 제9조의6" in out and "경기도 공정특별사법경찰단" in out, out
