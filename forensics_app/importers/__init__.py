"""Device-data importers: a registry of small declarative modules, each reading one kind of
source (Android telephony and contacts databases, iOS and macOS Messages, call history,
AddressBook), plus what they share: sources, working copies, SQLite reading, time and number
conversions. Qt-free; the ingest service (forensics_app.services.ingest) drives them."""
