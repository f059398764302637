"""Extraction containers: what phones arrive in, opened without unpacking them.

A container reader turns one given path (a zip or tar archive of a full file system, an
iTunes/Finder backup, a Cellebrite UFDR, a CSV/XLSX export of another tool) into the same
`SourceFile` objects a loose database is (forensics_app.importers.sources), so detection,
copying, hashing and parsing never ask where the bytes came from. Members are read in place:
only the members a parser needs are copied into the working folder, by the ingest path, under
names it makes itself; nothing is ever written where a member's name points.

Exports that carry decoded records rather than databases (UFDR report.xml, tool CSV/XLSX) give
sources with a `decoder`: an importer that reads the working copy into the same records
(messages, calls, contacts) the SQLite importers yield, written by the same ArtifactWriter.

Every member source knows its `container` (the archive, backup or report it came from, with
its hash and what it says about the device), so provenance names the container, its SHA-256
and the member path.
"""

from forensics_app.importers.containers.base import (
    ContainerError,
    ContainerInfo,
    ImportOptions,
    Limits,
)
from forensics_app.importers.containers.expansion import Expansion, expand

__all__ = ["ContainerError", "ContainerInfo", "Expansion", "ImportOptions", "Limits", "expand"]
