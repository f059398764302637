"""Case reports (Qt-free): sections of the case → HTML, PDF, XLSX and CSV, with a manifest.

`model` defines what a section yields; `sections` holds the built-in sections, the registry
and the presets; `builder` runs the sections and the writers (`html`, `pdf`, `xlsx`,
`csv_writer`); `manifest` writes and checks the integrity files. The service that makes a
report, records it in the custody log and verifies one is `forensics_app.services.reports`.
"""
