"""The workstation's side of the block-request library: its configuration and who acts.

`blocking` cannot import the workstation, so the workstation hands it the engine, the route
configuration shipped in resources/blocking/routes.toml, and the signed-in examiner.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Protocol

from blocking.config import BlockingConfig, load_config
from blocking.records import PackageResult, ResponseImportReport
from forensics_app.clock import Clock
from forensics_app.hashing import hash_file
from forensics_app.services.custody import Action, CustodyWriter, Events
from forensics_app.services.records import Actor, blocking_actor
from forensics_app.storage.database import Database


class Workstation(Protocol):
    """What these workflows need of the workstation (it sits above the services, so they do
    not import it)."""

    db: Database
    clock: Clock


# blocking_actor lives in services.records; kept importable from here for older callers.
__all__ = ["blocking_actor", "load_routes", "record_package_export", "record_response_import"]

ROUTES_FILE = ("blocking", "routes.toml")


def routes_config_path() -> Path:
    return Path(str(resources.files("forensics_app.resources").joinpath(*ROUTES_FILE)))


def load_routes() -> BlockingConfig:
    return load_config(routes_config_path())


def record_package_export(workstation: Workstation, actor: Actor, result: PackageResult) -> None:
    """A submission package carries evidence photos out of the workstation: custody says so."""
    with workstation.db.write() as session:
        CustodyWriter(session, actor, workstation.clock).append(
            Action.EXPORT,
            Events.PACKAGE_EXPORTED(
                name=result.path.name,
                count=len(result.request_ids),
                routes=", ".join(result.routes),
            ),
            {
                "path": str(result.path),
                "sha256": result.sha256,
                "size": result.size,
                "requests": result.request_ids,
                "files": len(result.files),
                "missing_photos": result.missing_photos,
            },
        )


def record_response_import(
    workstation: Workstation, actor: Actor, path: Path, report: ResponseImportReport
) -> None:
    """Answers from the ministry or carriers changed requests: custody keeps the file's hash."""
    digest = hash_file(path)
    with workstation.db.write() as session:
        CustodyWriter(session, actor, workstation.clock).append(
            Action.IMPORT,
            Events.RESPONSES_IMPORTED(
                name=path.name, applied=len(report.applied), rows=report.rows
            ),
            {
                "path": str(path),
                "sha256": digest.sha256,
                "encoding": report.encoding,
                "applied": [[a.request_id, a.from_state, a.to_state] for a in report.applied],
                "problems": len(report.problems),
            },
        )
