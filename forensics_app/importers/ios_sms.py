"""iOS Messages, `sms.db` of iOS 6 and later (SMS, MMS, iMessage, RCS; group chats;
attachments listed). Shares its reading with macOS chat.db (see apple_messages)."""

from __future__ import annotations

from collections.abc import Iterator

from forensics_app.importers import apple_messages
from forensics_app.importers.base import ParseContext, SqliteImporter
from forensics_app.importers.records import Record


def parse(ctx: ParseContext) -> Iterator[Record]:
    return apple_messages.parse(ctx, IMPORTER)


IMPORTER = SqliteImporter(
    name="ios_sms",
    title="iOS Messages (sms.db)",
    platform="ios",
    yields=("message",),
    required=apple_messages.REQUIRED,
    optional=apple_messages.OPTIONAL,
    typical_paths=(
        "*/Library/SMS/sms.db",
        "*/HomeDomain/Library/SMS/sms.db",
        "*/3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28",
        "*sms.db",
    ),
    version_notes=(
        "iOS 6–10: dates in seconds since 2001; iOS 11+: nanoseconds. iOS 14+ may leave text "
        "NULL with the text in attributedBody. iOS 16+: chat_recoverable_message_join marks "
        "recently deleted messages. Older than iOS 6: see ios_sms_legacy."
    ),
    parse=parse,
)
