"""Analyst workstation for digital forensics and illegal-ad phone blocking."""

__version__ = "0.1.0"
