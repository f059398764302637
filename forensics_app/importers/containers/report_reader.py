"""The streaming parse of a UFDR's report.xml into plain values: tagged files and decoded
models (`Model`), in document order, a batch at a time.

It imports nothing but the standard library, so a spawned reading process (what a big
report.xml gets, see ufdr.UfdrImporter.parse) starts fast and holds little: that process
only parses; the mapping of models to records stays with the importer, next to the UFDR's
files and the writer. Models cross the pipe pickled, as their plain fields.
"""

from __future__ import annotations

import contextlib
import gc
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

NS = "http://pa.cellebrite.com/report/2.0"
_SEP = " "  # expat's separator between namespace and local name


def _x(name: str) -> str:
    return NS + _SEP + name


F_MODEL, F_MODEL_TYPE, F_FILE = _x("model"), _x("modelType"), _x("file")
F_FIELD, F_MULTI_FIELD, F_VALUE = _x("field"), _x("multiField"), _x("value")
F_MODEL_FIELD, F_MULTI_MODEL_FIELD = _x("modelField"), _x("multiModelField")
F_JUMP_TARGETS, F_TARGET_ID = _x("jumptargets"), _x("targetid")
F_METADATA, F_ITEM = _x("metadata"), _x("item")


class Model:
    """A decoded model read into plain values: fields (name → text or None for <empty/>),
    multi-fields (name → [text]), model fields (name → Model), multi-model fields
    (name → [Model]), jump targets (tagged file ids)."""

    __slots__ = ("attrs", "fields", "models", "multi", "targets", "type")

    def __init__(self, attrs: dict[str, str]) -> None:
        self.type: str = attrs.get("type", "")
        self.attrs = attrs
        self.fields: dict[str, str | None] = {}
        self.multi: dict[str, list[Model]] = {}
        self.models: dict[str, Model | None] = {}
        self.targets: list[str] = []

    def __reduce__(self) -> tuple[Callable[..., Model], tuple[Any, ...]]:
        # Plain values only: the reading process pickles millions of these.
        return _model, (self.attrs, self.fields, self.multi, self.models, self.targets)

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    def text(self, name: str) -> str:
        value = self.fields.get(name)
        return value.strip() if value else ""

    @property
    def deleted_state(self) -> str:
        return self.attrs.get("deleted_state", "")

    @property
    def deleted(self) -> bool:
        return self.deleted_state.lower() in ("deleted", "trash")

    def note(self) -> str:
        attrs = self.attrs
        note = (
            f"UFDR: deleted_state={attrs.get('deleted_state') or 'unknown'}, "
            f"decoding_confidence={attrs.get('decoding_confidence') or 'unknown'}"
        )
        app = self.text("Source") or self.text("SourceApplication")
        return f"{note}, app={app}" if app else note


def _model(
    attrs: dict[str, str],
    fields: dict[str, str | None],
    multi: dict[str, list[Model]],
    models: dict[str, Model | None],
    targets: list[str],
) -> Model:
    model = Model.__new__(Model)
    model.type = attrs.get("type", "")
    model.attrs, model.fields, model.multi, model.models = attrs, fields, multi, models
    model.targets = targets
    return model


class TaggedFile:
    """A tagged file of the report: its id and its metadata items (name, text)."""

    __slots__ = ("id", "items")

    def __init__(self, ident: str) -> None:
        self.id = ident
        self.items: list[tuple[str, str]] = []

    def __reduce__(self) -> tuple[Callable[..., TaggedFile], tuple[Any, ...]]:
        return _tagged_file, (self.id, self.items)


def _tagged_file(ident: str, items: list[tuple[str, str]]) -> TaggedFile:
    tagged = TaggedFile(ident)
    tagged.items = items
    return tagged


class HostileXml(Exception):
    """report.xml declares a DTD or an entity: refused (never expanded)."""


class ReportUnreadable(Exception):
    """report.xml cannot be read to its end: `args` = (why, detail), plain strings ("hostile",
    "not well-formed", "ended"), so a reading process can hand it over; the importer words
    it for people."""


# Frame kinds: what an open element is to the reader. Those below _ACT need nothing done at
# their end.
_NEUTRAL, _SKIP, _MODEL_TYPE, _FIELD, _MODEL_FIELD, _MULTI_MODEL_FIELD, _JUMP = range(7)
_FILE_METADATA, _ACT, _VALUE, _MODEL, _MULTI_VALUE, _MULTI_FIELD, _FILE_ITEM = range(7, 14)
_FILE = 14
_SKIPPED: tuple[Any, ...] = (_SKIP,)  # shared: nothing is stored in these frames
_NEUTRAL_FRAME: tuple[Any, ...] = (_NEUTRAL,)


class ReportReader:
    """Streams report.xml with expat (a C parser, as lxml is, but without building a tree):
    a callback per element start and end keeps a stack of small frames and fills plain
    `Model` values, so an element costs a comparison or two and a tuple rather than a tree
    node and a Python proxy. Finished top-level models and tagged files are collected in
    `done`, in document order, for the caller to take after every `feed`; nothing else is
    kept, so memory does not grow with the report.

    Text is collected only inside the elements whose text is read (a field's value, a
    target id, a tagged file's item): the character handler is set at their start and
    removed at their end, so whitespace and skipped text never reach Python.

    The parser refuses what Cellebrite never writes and attacks need: a document type
    declaration, any entity declaration, external entities (check_prolog refuses these
    before parsing; this is the second line), so no entity is ever expanded."""

    def __init__(self) -> None:
        import pyexpat

        parser = pyexpat.ParserCreate(namespace_separator=_SEP)
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        parser.UnparsedEntityDeclHandler = _refuse
        parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
        self.parser = parser
        self.error = pyexpat.ExpatError
        self.done: list[Model | TaggedFile] = []  # in document order
        parser.StartElementHandler, parser.EndElementHandler = _handlers(parser, self.done)

    def feed(self, data: bytes, final: bool = False) -> None:
        self.parser.Parse(data, final)


def _handlers(  # noqa: PLR0915 - the hot loop, kept flat on purpose
    parser: Any, done: list[Model | TaggedFile]
) -> tuple[Callable[[str, dict[str, str]], None], Callable[[str], None]]:
    """The start and end handlers: closures over the stack (no attribute lookups), run for
    every element of the report (tens of millions in a large one); one flat dispatch on the
    enclosing frame's kind, most frequent first. Frames are tuples; what a frame fills is
    in it (a field's dict and name, a value's text parts)."""
    stack: list[tuple[Any, ...]] = [_NEUTRAL_FRAME]
    push, pop = stack.append, stack.pop
    skipped, neutral = _SKIPPED, _NEUTRAL_FRAME

    def start(name: str, attrs: dict[str, str]) -> None:  # noqa: PLR0912, PLR0915 - see above
        parent = stack[-1]
        kind = parent[0]
        if kind == _MODEL:
            if name == F_FIELD:
                fields = parent[1].fields
                field_name = attrs.get("name", "")
                fields[field_name] = None
                push((_FIELD, fields, field_name))
            elif name == F_MULTI_MODEL_FIELD:
                listed: list[Model] = []
                parent[1].multi[attrs.get("name", "")] = listed
                push((_MULTI_MODEL_FIELD, listed))
            elif name == F_MODEL_FIELD:
                models = parent[1].models
                field_name = attrs.get("name", "")
                models[field_name] = None
                push((_MODEL_FIELD, models, field_name))
            elif name == F_MULTI_FIELD:
                push((_MULTI_FIELD, parent[1].fields, attrs.get("name", ""), []))
            elif name == F_JUMP_TARGETS:
                push((_JUMP, parent[1].targets))
            else:
                push(skipped)
        elif kind == _FIELD:
            # the field's first value only: still None until a value has ended
            if name == F_VALUE and parent[1][parent[2]] is None:
                text: list[str] = []
                parser.CharacterDataHandler = text.append
                push((_VALUE, parent[1], parent[2], text))
            else:
                push(skipped)
        elif kind == _MULTI_MODEL_FIELD:
            if name == F_MODEL:
                model = Model(attrs)
                parent[1].append(model)
                push((_MODEL, model))
            else:
                push(skipped)
        elif kind == _MODEL_FIELD:
            if name == F_MODEL and parent[1][parent[2]] is None:  # the first model only
                model = Model(attrs)
                parent[1][parent[2]] = model
                push((_MODEL, model))
            else:
                push(skipped)
        elif kind == _MODEL_TYPE:
            push((_MODEL, Model(attrs), True) if name == F_MODEL else neutral)
        elif kind in (_MULTI_FIELD, _JUMP):
            if name == (F_VALUE if kind == _MULTI_FIELD else F_TARGET_ID):
                text = []
                parser.CharacterDataHandler = text.append
                push((_MULTI_VALUE, parent, text))
            else:
                push(skipped)
        elif kind == _NEUTRAL:
            if name == F_MODEL_TYPE:
                push((_MODEL_TYPE,))
            elif name == F_FILE:
                push((_FILE, TaggedFile(attrs.get("id", ""))))
            else:
                push(neutral)
        elif kind == _FILE:
            push((_FILE_METADATA, parent[1]) if name == F_METADATA else skipped)
        elif kind == _FILE_METADATA and name == F_ITEM:
            text = []
            parser.CharacterDataHandler = text.append
            push((_FILE_ITEM, parent[1].items, attrs.get("name", ""), text))
        else:  # inside a value, or an element the reader does not know: skipped whole
            push(skipped)

    def end(name: str) -> None:
        frame = pop()
        kind = frame[0]
        if kind < _ACT:
            return
        if kind == _VALUE:
            parser.CharacterDataHandler = None
            frame[1][frame[2]] = "".join(frame[3])
        elif kind == _MODEL:
            if len(frame) > 2:  # a top-level model
                done.append(frame[1])
        elif kind == _MULTI_VALUE:
            parser.CharacterDataHandler = None
            owner = frame[1]
            if owner[0] == _MULTI_FIELD:
                owner[3].append("".join(frame[2]))
            else:
                owner[1].append("".join(frame[2]).strip())
        elif kind == _MULTI_FIELD:
            frame[1][frame[2]] = "\n".join(frame[3])
        elif kind == _FILE_ITEM:
            parser.CharacterDataHandler = None
            frame[1].append((frame[2], "".join(frame[3]).strip()))
        elif kind == _FILE:
            done.append(frame[1])

    return start, end


def _refuse(*args: Any) -> None:
    raise HostileXml


def read_batches(path: Path, chunk_size: int) -> Iterator[list[Model | TaggedFile]]:
    """The tagged files and top-level models of report.xml in document order, a list per
    chunk of the file that finished any (so a batch holds at most a chunk's worth of XML,
    however the models nest). Raises ReportUnreadable for a report that cannot be read to
    its end."""
    reader = ReportReader()
    done = reader.done
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(chunk_size):
                reader.feed(chunk)
                if done:
                    yield done[:]
                    done.clear()
            reader.feed(b"", final=True)
    except reader.error as exc:
        raise ReportUnreadable("not well-formed", str(exc)) from exc
    except HostileXml as exc:
        raise ReportUnreadable("hostile", "") from exc
    if done:
        yield done[:]
        done.clear()


def read_in_process(path: Path, chunk_size: int, sender: Any) -> None:
    """The reading process: sends ("batch", items)… then ("end", None), or ("failed",
    (why, detail)) in plain strings. It never prints: a parent that stopped listening (a
    cancel, an error, its own end) closes the pipe or terminates it, and it ends quietly,
    whatever it was doing. Ctrl+C in a terminal reaches the whole process group: the
    importer handles it and ends this process, so this one ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Millions of short-lived objects and no cycles: the collector walking them over and
    # over would cost a third of the parse (the importer's own thread runs the same way).
    gc.set_threshold(100_000, 50, 50)
    gc.freeze()
    try:
        outcome: tuple[str, Any] = ("end", None)
        try:
            for batch in read_batches(path, chunk_size):
                sender.send(("batch", batch))
        except (BrokenPipeError, ConnectionResetError):
            return  # the parent has gone or stopped listening: nothing to tell anyone
        except ReportUnreadable as exc:
            outcome = ("failed", (str(exc.args[0]), str(exc.args[1])))
        except BaseException as exc:  # anything else: told to the importer, in words
            outcome = ("failed", ("ended", f"{type(exc).__name__}: {exc}"))
        sender.send(outcome)
    except BaseException:
        pass
    finally:
        with contextlib.suppress(BaseException):
            sender.close()
