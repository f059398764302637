"""Placeholder until the GUI shell lands."""


def run(database_url: str) -> int:
    raise NotImplementedError(database_url)
