"""Services: the only way the CLI and the GUI change or read the catalog."""

from forensics_app.services.workstation import Workstation

__all__ = ["Workstation"]
