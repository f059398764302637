"""The sections a report can hold, and the presets that choose among them.

A new kind of data joins reports by defining a `Section` subclass and calling
`register_section` (at import of its module; add the module to `_BUILTIN_MODULES` below).
Presets may name sections that are not registered (a plug-in unloaded): a preset holds
whichever of its sections are registered, in their `order`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass

from forensics_app.errors import UserError
from forensics_app.reports.model import Section

_REGISTRY: dict[str, type[Section]] = {}
_BUILTIN_MODULES = (
    "forensics_app.reports.sections.cover",
    "forensics_app.reports.sections.evidence",
    "forensics_app.reports.sections.devices",
    "forensics_app.reports.sections.cctv",
    "forensics_app.reports.sections.flyers",
    "forensics_app.reports.sections.xref",
    "forensics_app.reports.sections.block_requests",
    "forensics_app.reports.sections.timeline",
    "forensics_app.reports.sections.charts",
)
_loaded: list[bool] = []  # [True] once the built-in sections are imported


def register_section(section: type[Section]) -> type[Section]:
    """Class decorator: make a section available to reports, the CLI and the dialog."""
    existing = _REGISTRY.get(section.id)
    if existing is not None and existing is not section:
        raise ValueError(f"two report sections are called {section.id!r}")
    _REGISTRY[section.id] = section
    return section


def unregister_section(section_id: str) -> None:
    """Take a section out again (tests, plugins being unloaded)."""
    _REGISTRY.pop(section_id, None)


def _load_builtins() -> None:
    if not _loaded:
        for module in _BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded.append(True)


def registered_sections() -> list[type[Section]]:
    """Every section, in report order."""
    _load_builtins()
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.id))


@dataclass(frozen=True)
class Preset:
    id: str
    title: str  # English; translated where shown
    section_ids: tuple[str, ...]


# A preset holds whichever of its sections are registered; a section the case has nothing for
# (`Section.available`: CCTV without clips) is left out when the report is made.
PRESETS = {
    preset.id: preset
    for preset in (
        Preset(
            "full_case",
            "Full case",
            (
                "cover",
                "evidence",
                "device_summary",
                "device_messages",
                "device_calls",
                "device_contacts",
                "device_tagged",
                "cctv",
                "flyers",
                "number_xref",
                "block_requests",
                "timeline",
                "charts",
            ),
        ),
        Preset(
            "flyers_and_blocking",
            "Flyer numbers and block requests",
            ("cover", "flyers", "number_xref", "block_requests", "charts"),
        ),
        Preset(
            "device_summary",
            "Device summary",
            (
                "cover",
                "evidence",
                "device_summary",
                "device_messages",
                "device_calls",
                "device_contacts",
                "device_tagged",
                "number_xref",
                "charts",
            ),
        ),
    )
}
DEFAULT_PRESET = "full_case"


def preset_sections(preset_id: str) -> list[str]:
    preset = PRESETS.get(preset_id)
    if preset is None:
        raise UserError(
            "No report preset {preset!r}; presets: {presets}.",
            preset=preset_id,
            presets=", ".join(PRESETS),
        )
    known = {s.id for s in registered_sections()}
    return [s for s in preset.section_ids if s in known]


def resolve_sections(section_ids: Sequence[str]) -> list[Section]:
    """Instances of the named sections in report order; unknown names are a user error.
    The cover is always first (it names the case and how to verify the report)."""
    by_id = {s.id: s for s in registered_sections()}
    unknown = [s for s in section_ids if s not in by_id]
    if unknown:
        raise UserError(
            "Unknown report section(s): {unknown}; sections: {sections}.",
            unknown=", ".join(unknown),
            sections=", ".join(by_id),
        )
    wanted = {"cover", *section_ids}
    return [cls() for cls in registered_sections() if cls.id in wanted]
