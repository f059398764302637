"""One database and one route configuration, with the services over them."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from blocking import migrations
from blocking.clock import Clock
from blocking.config import BlockingConfig, load_config
from blocking.db import Store, make_engine
from blocking.registry import NumberRegistry
from blocking.requests import RequestQueue
from blocking.watch import Watch

if TYPE_CHECKING:
    # Spreadsheet I/O (openpyxl) is loaded when a package or an answer file is first handled,
    # not when the workstation starts.
    from blocking.packages import PackageExporter
    from blocking.responses import ResponseImporter


class Blocking:
    """Entry point: `registry`, `requests`, `packages`, `responses`, `watch`.

    Pass an engine configured like `blocking.db.make_engine` builds it (the workstation's
    engine is) and the loaded route configuration. The schema must be current: run
    `blocking.migrations.upgrade` first (or use `open(..., upgrade=True)` in a script).
    """

    def __init__(
        self,
        engine: Engine,
        config: BlockingConfig,
        *,
        clock: Clock | None = None,
        check_schema: bool = True,
    ) -> None:
        self.store = Store(engine, clock)
        self._owns_engine = False
        if check_schema:
            self.store.check_schema()
        self.config = config
        self.registry = NumberRegistry(self.store)
        self.requests = RequestQueue(self.store, config)
        self.watch = Watch(self.store, config)

    @cached_property
    def packages(self) -> PackageExporter:
        from blocking.packages import PackageExporter

        return PackageExporter(self.store, self.config)

    @cached_property
    def responses(self) -> ResponseImporter:
        from blocking.responses import ResponseImporter

        return ResponseImporter(self.store, self.requests)

    @classmethod
    def open(
        cls,
        url: str,
        config_path: str | Path,
        *,
        upgrade: bool = False,
        clock: Clock | None = None,
    ) -> Blocking:
        """For scripts: engine from a URL, configuration from a file, optional upgrade."""
        config = load_config(config_path)
        engine = make_engine(url)
        if upgrade:
            with engine.begin() as connection:
                migrations.upgrade(connection)
        try:
            blocking = cls(engine, config, clock=clock)
        except Exception:
            engine.dispose()
            raise
        blocking._owns_engine = True
        return blocking

    def close(self) -> None:
        """Disposes the engine only if `open` created it; a caller's engine stays theirs."""
        if self._owns_engine:
            self.store.engine.dispose()
