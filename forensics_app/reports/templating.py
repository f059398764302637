"""The Jinja2 environment for report templates (resources/reports/), autoescaping always on:
everything that came from evidence is text, never markup."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from forensics_app.tabular import visible_text

TEMPLATE_PACKAGE = "forensics_app.resources"
TEMPLATE_FOLDER = "reports"


def resource_path(*parts: str) -> Path:
    return Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER, *parts)))


def _shown(value: Any) -> Any:
    """Every text a template prints, as a reader sees it: a control character or an override
    in a case title, an exhibit number or a section's title (not only in table cells, which
    were already so) re-ordered the heading (U+202E made "evil" read "live"). Markup the
    templates make themselves (tojson) passes as it is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return visible_text(value)
    return value


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path())),
        autoescape=True,  # every template, whatever its name ends with
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
