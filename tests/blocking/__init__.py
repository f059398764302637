"""Tests of the blocking library (no forensics_app imports needed beyond the shared fixtures)."""
