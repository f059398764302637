"""The workstation's side of the block-request library: its configuration and who acts.

`blocking` cannot import the workstation, so the workstation hands it the engine, the route
configuration shipped in resources/blocking/routes.toml, and the signed-in examiner. What
leaves or enters through the library, with its custody entry, is services/submissions.py.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import blocking
from blocking.config import BlockingConfig, load_config
from forensics_app.services.records import Actor

ROUTES_FILE = ("blocking", "routes.toml")


def routes_config_path() -> Path:
    return Path(str(resources.files("forensics_app.resources").joinpath(*ROUTES_FILE)))


def load_routes() -> BlockingConfig:
    return load_config(routes_config_path())


def blocking_actor(actor: Actor) -> blocking.Actor:
    """The same person, as the library sees people: a stable id, a name and a role."""
    # The library keeps names in 200 characters; a long name with its badge is cut, the id stays.
    return blocking.Actor(str(actor.id), actor.label[:200], blocking.Role(actor.role.value))
