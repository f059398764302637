"""The workstation's side of the block-request library: its configuration and who acts.

`blocking` cannot import the workstation, so the workstation hands it the engine, the route
configuration shipped in resources/blocking/routes.toml, and the signed-in examiner. What
leaves or enters through the library, with its custody entry, is services/submissions.py.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from blocking.config import BlockingConfig, load_config
from forensics_app.services.records import blocking_actor

# blocking_actor lives in services.records; kept importable from here for older callers.
__all__ = ["blocking_actor", "load_routes", "routes_config_path"]

ROUTES_FILE = ("blocking", "routes.toml")


def routes_config_path() -> Path:
    return Path(str(resources.files("forensics_app.resources").joinpath(*ROUTES_FILE)))


def load_routes() -> BlockingConfig:
    return load_config(routes_config_path())
