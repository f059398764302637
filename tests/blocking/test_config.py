"""The editable route configuration: the shipped file loads, mistakes are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocking import AdCategory, Channel, ConfigError, NotBlockableError, NumberType, load_config
from tests.blocking.conftest import ROUTES_FILE

GOOD_ROUTE = """
label = "x"
legal_basis = "law"
recipient = "ministry"
channel = "ministry"
suspension_months = 3
expected_answer_hours = 48
objection_days = 30
objection_decision_days = 15
evidence_per_request = 2
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "routes.toml"
    path.write_text(text, encoding="utf-8")
    return path


def minimal(route_body: str = GOOD_ROUTE, categories: str | None = None) -> str:
    categories = categories or 'lending = "r"\nobscene_adult = "r"\n'
    return f"[categories]\n{categories}\n[routes.r]\n{route_body}"


def test_shipped_configuration() -> None:
    config = load_config(ROUTES_FILE)
    assert set(config.routes) == {"lending_act", "outdoor_ad_act", "agreement"}
    lending = config.route_for_category(AdCategory.LENDING)
    assert lending.key == "lending_act"
    assert lending.channel is Channel.MINISTRY
    assert "대부업법 제9조의6" in lending.legal_basis
    assert lending.suspension_months == 36
    obscene = config.route_for_category(AdCategory.OBSCENE_ADULT)
    assert obscene.channel is Channel.CARRIER
    assert "제10조" in obscene.legal_basis
    assert config.routes["agreement"].suspension_months == 3
    # the agreement route is there to be chosen, never a catch-all for "other" flyers
    assert AdCategory.OTHER not in config.category_routes
    with pytest.raises(NotBlockableError, match="only illegal-ad categories"):
        config.route_for_category(AdCategory.OTHER)
    assert all(route.expected_answer_hours > 0 for route in config.routes.values())
    assert lending.accepts(NumberType.PERSONAL)


def test_number_types_restrict_a_route(tmp_path: Path) -> None:
    body = GOOD_ROUTE + 'number_types = ["mobile", "personal"]\n'
    route = load_config(write(tmp_path, minimal(body))).routes["r"]
    assert route.accepts(NumberType.MOBILE)
    assert not route.accepts(NumberType.FIXED_LINE)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (minimal(GOOD_ROUTE.replace('channel = "ministry"', 'channel = "fax"')), "channel must"),
        (minimal(GOOD_ROUTE.replace("suspension_months = 3", "")), "missing suspension_months"),
        (minimal(GOOD_ROUTE.replace("months = 3", "months = true")), "must be a whole number"),
        (minimal(GOOD_ROUTE.replace("months = 3", "months = 0")), "must be positive"),
        (minimal(GOOD_ROUTE.replace('label = "x"', 'label = ""')), "must not be empty"),
        (minimal(GOOD_ROUTE + "colour = 1\n"), "unknown keys ['colour']"),
        (minimal(GOOD_ROUTE + 'number_types = ["pager"]\n'), "number_types must be"),
        (minimal(categories='lending = "r"\n'), "no route for obscene_adult"),
        (
            minimal(categories='lending = "r"\nobscene_adult = "r"\nother = "r"\n'),
            "not an illegal-ad category",
        ),
        (
            minimal(categories='lending = "nowhere"\nobscene_adult = "r"\n'),
            "not defined",
        ),
        (minimal(categories='gambling = "r"\n'), "unknown category 'gambling'"),
        ("[categories]\n", "no [routes.<key>] tables"),
        ("routes = 1\n[categories]\n", "no [routes.<key>] tables"),
        ("this is = not toml =", "not valid TOML"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert says in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_unknown_route_key() -> None:
    with pytest.raises(ConfigError, match="configured routes are"):
        load_config(ROUTES_FILE).route("gyeonggi")
