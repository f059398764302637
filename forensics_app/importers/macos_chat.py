"""macOS Messages, `~/Library/Messages/chat.db`: the same schema family as iOS sms.db. Told
apart by content (attachments stored under ~/Library/Messages); a chat.db without attachments
reads the same through ios_sms."""

from __future__ import annotations

from collections.abc import Iterator

from forensics_app.importers import apple_messages
from forensics_app.importers.base import ParseContext, SqliteImporter
from forensics_app.importers.records import Record


def parse(ctx: ParseContext) -> Iterator[Record]:
    return apple_messages.parse(ctx, IMPORTER)


IMPORTER = SqliteImporter(
    name="macos_chat",
    title="macOS Messages (chat.db)",
    platform="macos",
    yields=("message",),
    required=apple_messages.REQUIRED,
    optional=apple_messages.OPTIONAL,
    typical_paths=("*/Library/Messages/chat.db", "*chat.db"),
    version_notes=(
        "macOS 10.7+; nanosecond dates from 10.13. deleted_messages holds GUIDs only "
        "(reported, not imported)."
    ),
    parse=parse,
    confirm=apple_messages.macos_attachment_paths,
    specificity=1,
)
