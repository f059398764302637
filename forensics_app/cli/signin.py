"""Who acts: the examiner for a command, and new passwords. One place for both front-ends'
command-line side (the GUI has its sign-in dialog)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from forensics_app import config
from forensics_app.errors import AuthenticationError, UserError
from forensics_app.messages import msg
from forensics_app.services.records import Actor
from forensics_app.services.workstation import Workstation


def sign_in(args: argparse.Namespace, workstation: Workstation) -> Actor:
    prefs = config.Preferences.load()
    badge = (
        args.examiner
        or os.environ.get(config.EXAMINER_ENV)
        or prefs.examiner_by_db.get(workstation.location)
    )
    if not badge:
        examiners = [e for e in workstation.examiners.list() if e.active]
        if not examiners:
            raise AuthenticationError(
                "No examiner yet: create one with `forensics-app examiner add NAME --badge BADGE`."
            )
        if len(examiners) == 1 and not workstation.is_team_database:
            badge = examiners[0].badge_number
        else:
            raise AuthenticationError(
                "Say who you are: --examiner BADGE, or `forensics-app examiner use BADGE`."
            )
    password = None
    if workstation.is_team_database:
        password = os.environ.get(config.PASSWORD_ENV)
        if password is None:
            if not sys.stdin.isatty():
                raise AuthenticationError(
                    "A team database needs a password: set {variable} or run on a terminal.",
                    variable=config.PASSWORD_ENV,
                )
            password = getpass.getpass(msg("Password for {badge}: ", badge=badge).render())
    actor = workstation.examiners.sign_in(badge, password)
    if not workstation.is_team_database and prefs.examiner_by_db.get(workstation.location) != badge:
        prefs.examiner_by_db[workstation.location] = badge
        prefs.save()
    return actor


def read_new_password(from_stdin: bool) -> str | None:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UserError("No password on standard input.")
        return line
    if sys.stdin.isatty():
        first = getpass.getpass(msg("New password (empty for none on a local database): ").render())
        if not first:
            return None
        if getpass.getpass(msg("Repeat the password: ").render()) != first:
            raise UserError("The passwords differ.")
        return first
    return None
