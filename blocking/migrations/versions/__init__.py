"""Alembic revisions of the blocking tables (a package so they ship with it)."""
