"""Shared pieces of the GUI: running work off the GUI thread (`ops`), change notifications
(`context`), messages, progress strips, task dialogs, column-spec table models, file choosers,
export and print of tables, and the text formatters every screen uses.

A new screen imports from here; feature modules (evidence, flyers, block requests) import
nothing from each other that is not a widget of their own."""
