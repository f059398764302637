"""The Jinja2 environment for report templates (resources/reports/), autoescaping always on:
everything that came from evidence is text, never markup."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import jinja2

TEMPLATE_PACKAGE = "forensics_app.resources"
TEMPLATE_FOLDER = "reports"


def resource_path(*parts: str) -> Path:
    return Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER, *parts)))


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path())),
        autoescape=True,  # every template, whatever its name ends with
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
