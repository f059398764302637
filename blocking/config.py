"""Route configuration: legal routes, suspension lengths and answer times, from a TOML file.

The file is editable by the agency (see resources/blocking/routes.toml for the commented
layout). `blocking` cannot read the workstation's packaged resources, so the caller passes
the path: `load_config(path)`.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocking.enums import AdCategory
from blocking.errors import ConfigError, NotBlockableError
from blocking.numbers import NumberType

# The categories a use-suspension request can be made for (대부업법 §9-6, 옥외광고물법 §10).
ILLEGAL_AD_CATEGORIES = (AdCategory.LENDING, AdCategory.OBSCENE_ADULT)


class Channel(enum.StrEnum):
    MINISTRY = "ministry"  # the ministry orders the carrier (대부업법 §9-6)
    CARRIER = "carrier"  # the request goes to the carrier directly


@dataclass(frozen=True)
class RouteConfig:
    key: str
    label: str
    legal_basis: str
    recipient: str
    channel: Channel
    suspension_months: int
    expected_answer_hours: int
    objection_days: int
    objection_decision_days: int
    evidence_per_request: int
    number_types: frozenset[NumberType]
    # English names for an English-speaking reader (optional keys label_en, legal_basis_en,
    # recipient_en). The Korean ones are what requests store and submissions print.
    label_en: str = ""
    legal_basis_en: str = ""
    recipient_en: str = ""

    def accepts(self, number_type: NumberType) -> bool:
        return number_type in self.number_types

    def label_in(self, language: str) -> str:
        """The label in "ko" or "en"; without label_en, English readers get the route's key
        as words ("lending act"): every word they see is then theirs."""
        if language != "en":
            return self.label
        return self.label_en or self.key.replace("_", " ")

    def legal_basis_in(self, language: str) -> str:
        """The legal basis in "ko" or "en" (the Korean citation where none is given in
        English: a law's name is cited as enacted)."""
        return self.legal_basis_en if language == "en" and self.legal_basis_en else self.legal_basis

    def recipient_in(self, language: str) -> str:
        return self.recipient_en if language == "en" and self.recipient_en else self.recipient


@dataclass(frozen=True)
class BlockingConfig:
    routes: Mapping[str, RouteConfig]
    # Only the illegal-ad categories have a route: numbers seen only on "other" flyers are
    # never requested. Which route (e.g. the agreement route) is this file's choice.
    category_routes: Mapping[AdCategory, str]
    default_agency: str
    default_agency_en: str = ""

    def agency_in(self, agency: str, language: str) -> str:
        """An agency's name for the reader: the configured agency in English when asked and
        given (default_agency_en); any other name as it was typed in."""
        if language == "en" and agency == self.default_agency and self.default_agency_en:
            return self.default_agency_en
        return agency

    def route(self, key: str) -> RouteConfig:
        try:
            return self.routes[key]
        except KeyError:
            known = ", ".join(sorted(self.routes))
            raise ConfigError(
                "Unknown route {key!r}; the configured routes are: {known}.", key=key, known=known
            ) from None

    def route_for_category(self, category: AdCategory) -> RouteConfig:
        """The route configured for an illegal-ad category; `NotBlockableError` for a category
        that is never requested ("other": the flyer waits for the analyst's category)."""
        category = AdCategory(category)
        if category not in self.category_routes:
            raise NotBlockableError(
                "No route for {category!r} flyers: only illegal-ad categories ({categories}) are "
                "requested.",
                category=category.value,
                categories=", ".join(c.value for c in self.category_routes),
            )
        return self.routes[self.category_routes[category]]


_REQUIRED_ROUTE_KEYS = {
    "label": str,
    "legal_basis": str,
    "recipient": str,
    "channel": str,
    "suspension_months": int,
    "expected_answer_hours": int,
    "objection_days": int,
    "objection_decision_days": int,
    "evidence_per_request": int,
}
_OPTIONAL_ROUTE_KEYS = {"number_types", "label_en", "legal_basis_en", "recipient_en"}


def load_config(path: str | Path) -> BlockingConfig:
    """Read and check a routes file; any mistake gives a `ConfigError` naming file and key."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("Route configuration {path} does not exist.", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            "Cannot read route configuration {path}: {exc}", path=path, exc=exc
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            "Route configuration {path} is not valid TOML: {exc}", path=path, exc=exc
        ) from exc
    return parse_config(raw, source=str(path))


def parse_config(raw: Mapping[str, Any], source: str = "configuration") -> BlockingConfig:
    unknown = set(raw) - {"default_agency", "default_agency_en", "categories", "routes"}
    if unknown:
        raise ConfigError(
            "{source}: unknown top-level keys {keys}.", source=source, keys=sorted(unknown)
        )
    routes_raw = raw.get("routes")
    if not isinstance(routes_raw, dict) or not routes_raw:
        raise ConfigError("{source}: no [routes.<key>] tables.", source=source)
    routes = {key: _parse_route(key, table, source) for key, table in routes_raw.items()}

    categories_raw = raw.get("categories")
    if not isinstance(categories_raw, dict):
        raise ConfigError(
            "{source}: missing [categories] table (ad category → route key).", source=source
        )
    category_routes: dict[AdCategory, str] = {}
    for name, route_key in categories_raw.items():
        try:
            category = AdCategory(name)
        except ValueError:
            valid = ", ".join(c.value for c in ILLEGAL_AD_CATEGORIES)
            raise ConfigError(
                "{source}: [categories] has unknown category {name!r}; use {valid}.",
                source=source,
                name=name,
                valid=valid,
            ) from None
        if category not in ILLEGAL_AD_CATEGORIES:
            raise ConfigError(
                "{source}: [categories] gives a route for {name!r}, which is not an illegal-ad "
                "category: such flyers are never requested (the analyst sets the category of a "
                "flyer first). Remove that line.",
                source=source,
                name=name,
            )
        if route_key not in routes:
            raise ConfigError(
                "{source}: category {name!r} points to route {route_key!r}, which is not defined.",
                source=source,
                name=name,
                route_key=route_key,
            )
        category_routes[category] = route_key
    missing = [c.value for c in ILLEGAL_AD_CATEGORIES if c not in category_routes]
    if missing:
        raise ConfigError(
            "{source}: [categories] gives no route for {categories}.",
            source=source,
            categories=", ".join(missing),
        )

    agency = raw.get("default_agency", "")
    if not isinstance(agency, str):
        raise ConfigError("{source}: default_agency must be text.", source=source)
    agency_en = raw.get("default_agency_en", "")
    if not isinstance(agency_en, str):
        raise ConfigError("{source}: default_agency_en must be text.", source=source)
    return BlockingConfig(
        routes=routes,
        category_routes=category_routes,
        default_agency=agency,
        default_agency_en=agency_en,
    )


def _parse_route(key: str, table: Any, source: str) -> RouteConfig:
    where = f"{source}: [routes.{key}]"
    if not isinstance(table, dict):
        raise ConfigError("{where} must be a table.", where=where)
    if len(key) > 40 or not key.replace("_", "").isalnum():
        raise ConfigError(
            "{where}: a route key is up to 40 letters, digits or underscores.", where=where
        )
    unknown = set(table) - set(_REQUIRED_ROUTE_KEYS) - _OPTIONAL_ROUTE_KEYS
    if unknown:
        raise ConfigError("{where}: unknown keys {keys}.", where=where, keys=sorted(unknown))
    values: dict[str, Any] = {}
    for name, kind in _REQUIRED_ROUTE_KEYS.items():
        if name not in table:
            raise ConfigError("{where}: missing {name}.", where=where, name=name)
        value = table[name]
        # bool is an int in Python; `true` is never a sensible number of days.
        if not isinstance(value, kind) or isinstance(value, bool):
            expected = "a whole number" if kind is int else "text"
            raise ConfigError(
                "{where}: {name} must be {expected}.", where=where, name=name, expected=expected
            )
        if isinstance(value, int) and value < (0 if name == "evidence_per_request" else 1):
            raise ConfigError("{where}: {name} must be positive.", where=where, name=name)
        if isinstance(value, str) and not value.strip():
            raise ConfigError("{where}: {name} must not be empty.", where=where, name=name)
        values[name] = value
    try:
        channel = Channel(values.pop("channel"))
    except ValueError:
        raise ConfigError(
            "{where}: channel must be 'ministry' or 'carrier'.", where=where
        ) from None
    types_raw = table.get("number_types", [t.value for t in NumberType])
    try:
        number_types = frozenset(NumberType(t) for t in types_raw)
    except (ValueError, TypeError):
        valid = ", ".join(t.value for t in NumberType)
        raise ConfigError(
            "{where}: number_types must be a list of: {valid}.", where=where, valid=valid
        ) from None
    english: dict[str, Any] = {}
    for name in ("label_en", "legal_basis_en", "recipient_en"):
        value = table.get(name, "")
        if not isinstance(value, str):
            raise ConfigError(
                "{where}: {name} must be {expected}.", where=where, name=name, expected="text"
            )
        english[name] = value.strip()
    return RouteConfig(key=key, channel=channel, number_types=number_types, **values, **english)
