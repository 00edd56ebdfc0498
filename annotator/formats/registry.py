"""Every file format annotator reads or writes, in one typed table: ``REGISTRY``.

The command line (``annotator.cli``) and the GUI (``ui.import_dialog``, ``ui.export_dialog``)
both read it: the format names they offer, the suffixes ``auto`` recognises and an export file
gets, the reader and writer functions, the options each writer reads, whether an export is a
folder or one text stream (which may go to standard output), what each format carries beyond
spans, and the packages it needs. Format modules are imported only when a reader or writer is
asked for (``format_function``), so spaCy or datasets load only for the formats that use them.

``detect_format`` (what ``auto`` reads a path as) and ``read_any`` (read one import source in a
given format) live here too: the CLI's ``import`` and the GUI's Import dialog call the same ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from annotator.errors import AnnotatorError, bounded
from annotator.formats.common import ImportResult, OptionError, unknown_name

if TYPE_CHECKING:
    from annotator.schema import Schema

Construct = Literal["spans", "events", "relations", "attributes"]
ExportOption = Literal[
    "splits", "tokenizer", "overlap", "scheme", "docstart", "spans_key", "labels", "events_style"
]
"""the export options a writer may read (``ExportOptions`` fields, and the writer's ``style``)"""
ReadOption = Literal["text_column", "name_column", "schema", "attribute_schema"]
"""what a reader takes besides ``strict``: a CSV text and name column, the project's schema (as
``schema``, or as ``attribute_schema`` by a reader that only takes attribute names from it)"""


@dataclass(frozen=True)
class Format:
    """One file format: how it is read and written and what it holds."""

    name: str
    description: str
    module: str
    """the module holding the reader and writer (imported only when one is used)"""
    reader: str = ""
    """function name in ``module`` ("" if the format cannot be imported)"""
    writer: str = ""
    """function name in ``module``, or ``other.module:function`` ("" if it cannot be exported)"""
    suffix: str = ""
    """the suffix of a single-file export ("" for a folder)"""
    detect_suffixes: tuple[str, ...] = ()
    """file suffixes the ``auto`` import format reads as this format"""
    output: Literal["file", "dir"] = "file"
    splits: bool = False
    """with ``ExportOptions.splits`` the output is a folder of one file per split"""
    stream: bool = False
    """one text stream: can go to standard output (``-``)"""
    layered: bool = False
    """records name their layer: several layers go out side by side, not stacked"""
    options: frozenset[ExportOption] = frozenset()
    """the export options its writer reads: the GUI greys out the others, and the command line
    and ``exporting.export`` refuse them when given (``check_used``)"""
    read_options: frozenset[ReadOption] = frozenset()
    carries: frozenset[Construct] = frozenset()
    """what a file of this format holds (``text`` and ``csv`` hold documents only)"""
    keeps_meta: bool = False
    """a document's meta (its own keys, ``exporting.USER_META``) goes out with it"""
    keeps_status: bool = False
    """a document's status in the layer goes out with it"""
    styles: tuple[str, ...] = ()
    """values of the writer's ``style`` keyword, the default first (``events``)"""
    needs: tuple[str, ...] = ()
    """packages the writer imports (checked before any work)"""

    @property
    def imports(self) -> bool:
        return bool(self.reader)

    @property
    def exports(self) -> bool:
        return bool(self.writer)

    def writes_folder(self, splits: bool = False) -> bool:
        """Whether an export is a folder: always, or because splits were asked for."""
        return self.output == "dir" or (self.splits and splits)


_TOKEN_OPTIONS: frozenset[ExportOption] = frozenset({"splits", "tokenizer", "labels"})
_ALL: frozenset[Construct] = frozenset({"spans", "events", "relations", "attributes"})
_STRUCTURE: frozenset[Construct] = frozenset({"spans", "events", "relations"})
_SPANS: frozenset[Construct] = frozenset({"spans"})

REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "jsonl",
            "lossless project JSONL (spans, events, relations, attributes, notes)",
            "annotator.formats.jsonl",
            reader="read_jsonl",
            writer="write_jsonl",
            suffix=".jsonl",
            detect_suffixes=(".jsonl", ".ndjson"),
            stream=True,
            layered=True,
            carries=_ALL,
            keeps_meta=True,
            keeps_status=True,
        ),
        Format(
            "text",
            "plain text: one document per .txt file, or a folder of them",
            "annotator.formats.plain",
            reader="read_text",
            detect_suffixes=(".txt",),
        ),
        Format(
            "csv",
            "CSV with a text column (the other columns go to meta)",
            "annotator.formats.plain",
            reader="read_csv",
            detect_suffixes=(".csv",),
            read_options=frozenset({"text_column", "name_column"}),
        ),
        Format(
            "spacy",
            "spaCy v3 DocBin (.spacy): doc.ents + doc.spans",
            "annotator.formats.spacy_docbin",
            writer="write_spacy",
            suffix=".spacy",
            splits=True,
            options=_TOKEN_OPTIONS | {"overlap", "spans_key"},
            carries=_ALL,
            needs=("spacy",),
        ),
        Format(
            "spacy-jsonl",
            "spaCy/Prodigy JSONL",
            "annotator.formats.spacy_jsonl",
            reader="read_spacy_jsonl",
            writer="write_spacy_jsonl",
            suffix=".jsonl",
            splits=True,
            stream=True,
            options=_TOKEN_OPTIONS,
            read_options=frozenset({"schema"}),
            carries=_STRUCTURE,
            keeps_meta=True,
        ),
        Format(
            "hf",
            "Hugging Face datasets token classification (DatasetDict)",
            "annotator.formats.hf",
            writer="write_hf",
            output="dir",
            splits=True,
            options=_TOKEN_OPTIONS | {"overlap", "scheme"},
            carries=_SPANS,
            needs=("datasets", "pyarrow"),
        ),
        Format(
            "conll",
            "CoNLL-2003 style BIO/IOB2/BIOES",
            "annotator.formats.conll",
            reader="read_conll",
            writer="write_conll",
            suffix=".conll",
            detect_suffixes=(".conll", ".bio", ".iob"),
            splits=True,
            stream=True,
            options=_TOKEN_OPTIONS | {"overlap", "scheme", "docstart"},
            carries=_SPANS,
        ),
        Format(
            "brat",
            "brat standoff .txt/.ann + annotation.conf",
            "annotator.formats.brat",
            reader="read_brat",
            writer="annotator.formats.brat_write:write_brat",
            detect_suffixes=(".ann",),
            output="dir",
            splits=True,
            options=frozenset({"splits", "labels"}),
            read_options=frozenset({"schema"}),
            carries=_ALL,
        ),
        Format(
            "events",
            "event extraction JSON lines (ACE05-E / OneIE style)",
            "annotator.formats.events_json",
            reader="read_events_json",
            writer="write_events_json",
            suffix=".jsonl",
            splits=True,
            stream=True,
            options=_TOKEN_OPTIONS | {"events_style"},
            read_options=frozenset({"attribute_schema"}),
            carries=_STRUCTURE,
            styles=("oneie", "dygiepp"),
        ),
        Format(
            "doccano",
            "doccano JSONL",
            "annotator.formats.doccano",
            reader="read_doccano",
            writer="write_doccano",
            suffix=".jsonl",
            stream=True,
            options=frozenset({"labels"}),
            read_options=frozenset({"schema"}),
            carries=_STRUCTURE,
        ),
        Format(
            "label-studio",
            "Label Studio JSON tasks",
            "annotator.formats.label_studio",
            reader="read_label_studio",
            writer="write_label_studio",
            suffix=".json",
            detect_suffixes=(".json",),
            stream=True,
            options=frozenset({"labels"}),
            read_options=frozenset({"schema"}),
            carries=_STRUCTURE,
        ),
    )
}

EXPORT_FORMATS: dict[str, Format] = {n: f for n, f in REGISTRY.items() if f.exports}
"""the formats that can be exported, in the order the GUI offers them"""
IMPORT_FORMATS: tuple[str, ...] = (
    "auto", "text", "jsonl", "csv", "spacy-jsonl", "conll", "brat", "doccano", "label-studio",
    "events",
)  # fmt: skip
"""the ``--format`` values of an import, in the order they are offered: ``auto``
(``detect_format``) and every format with a reader (a test checks none is missing)"""
SUFFIXES: dict[str, str] = {s: f.name for f in REGISTRY.values() for s in f.detect_suffixes}
"""file suffix → the format ``auto`` reads it as (other suffixes: ``text``, by content)"""


def format_function(fmt: str, kind: Literal["read", "write"]) -> Callable[..., Any]:
    """The reader or writer function of a format; a clear error if it has none."""
    info = REGISTRY.get(fmt)
    if info is None:
        raise AnnotatorError(unknown_name("format", fmt, sorted(EXPORT_FORMATS)))
    name = info.writer if kind == "write" else info.reader
    if not name:
        raise AnnotatorError(
            f"format {fmt!r} cannot be {'exported' if kind == 'write' else 'imported'}"
        )
    module, _, name = name.rpartition(":") if ":" in name else (info.module, "", name)
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


OPTION_NOUNS: dict[ExportOption, str] = {
    "splits": "splits",
    "events_style": "styles",
    "scheme": "tag schemes",
    "docstart": "-DOCSTART- lines",
    "tokenizer": "tokenizers",
    "overlap": "overlap policies",
    "spans_key": "spans keys",
    "labels": "label choices",
}
"""what each export option sets, as ``check_used`` names it"""


def check_used(fmt: str, given: Iterable[ExportOption]) -> None:
    """Refuse (``OptionError``) the first option of ``given`` that format ``fmt``'s writer does
    not read (``Format.options``), naming the formats that do: an option given to a format it
    does nothing for must not pass as if it had been applied. ``given`` holds only what was
    asked for (typed on the command line, set by a caller), never a default."""
    info = REGISTRY.get(fmt)
    if info is None:
        raise OptionError(unknown_name("format", fmt, sorted(EXPORT_FORMATS)))
    for option in given:
        if option not in info.options:
            what = OPTION_NOUNS[option]
            users = ", ".join(sorted(n for n, f in EXPORT_FORMATS.items() if option in f.options))
            raise OptionError(f"{fmt} has no {what} (formats with {what}: {users})")


def detect_format(path: Path) -> str:
    """The format ``auto`` reads ``path`` as: by its suffix, and for a ``.txt`` file (or a
    name with no known suffix) by its content, so a CoNLL file named ``.txt`` is not imported
    as plain text with its tags inside (``annotator.formats.conll.sniff``). A folder holding
    ``.ann`` files is brat, else text. Raises ``AnnotatorError`` (one line naming ``--format``)
    when the content does not tell, or when a folder to read as text holds CoNLL files."""
    from annotator.formats import conll
    from annotator.formats.source import shown

    def ask(what: str) -> AnnotatorError:
        return AnnotatorError(f"{shown(path)}: {what}")

    if path.is_dir():
        if any(path.glob("*.ann")):
            return "brat"
        found = conll.sniff_folder(path)
        tagged = found["conll"] + found["unsure"]
        if tagged:
            raise ask(
                f"{shown(tagged[0].relative_to(path))} in this folder looks like CoNLL (a token "
                "and a tag per line), which a folder import reads as plain text: import the "
                "files themselves, or give --format text to read them as text"
            )
        _files_a_folder_import_skips(path, ask)
        return "text"
    fmt = SUFFIXES.get(path.suffix.lower(), "text")
    if fmt == "jsonl":
        return _json_lines_format(path, ask)
    if fmt != "text":
        return fmt
    verdict = conll.sniff(path)
    if verdict == "unsure":
        raise ask(
            "cannot tell plain text from CoNLL (some lines are a token and a tag, some are "
            "not): give --format conll or --format text"
        )
    return verdict


def _files_a_folder_import_skips(path: Path, ask: Callable[[str], AnnotatorError]) -> None:
    """A folder read as text holding no ``.txt`` file but files of a format ``auto`` knows by
    its suffix (``.conll``, ``.jsonl``, ``.csv`` ...): say so, naming one and how to import
    them, instead of "no document in it" (QA 13: a folder of .conll files)."""
    from annotator.formats.source import shown, walk

    if walk(path, (".txt",), skip_hidden=True):
        return
    known = tuple(s for s, fmt in SUFFIXES.items() if fmt != "text")
    others = [p for p in walk(path, known, skip_hidden=True) if p.is_file()]
    if others:
        first = others[0]
        raise ask(
            f"a folder import reads its .txt files (plain text) or a brat folder, and this one "
            f"holds none but {len(others)} file(s) like {shown(first.relative_to(path))} "
            f"({SUFFIXES[first.suffix.lower()]}): import the files themselves, e.g. "
            f"{shown(path)}/*{first.suffix}"
        )


JSON_LINES_FORMATS = ("jsonl", "spacy-jsonl", "events", "doccano")
"""the formats whose files are JSON lines (``.jsonl``): ``auto`` tells them by their keys"""


def _json_lines_format(path: Path, ask: Callable[[str], AnnotatorError]) -> str:
    """Which of ``JSON_LINES_FORMATS`` a ``.jsonl`` file is, by the keys of its first record:
    ``tokens`` (strings) with ``doc_id``/``sent_id``/``*_mentions`` is event JSON, ``tokens``
    (objects) or Prodigy's ``answer``/``_task_hash`` spaCy JSONL, ``label``/``entities``
    without ``spans`` doccano, a ``text`` string the project's JSONL. Otherwise
    ``AnnotatorError`` names the ``--format`` values to try. A file that cannot be read is
    left to the reader (``jsonl``), whose error names the line."""
    from annotator import safejson
    from annotator.formats.source import lines

    try:
        first = next((line for _, line, problem in lines(path) if problem or line.strip()), "")
        record = safejson.loads(first) if first.strip() else {}
    except (OSError, ValueError):
        return "jsonl"
    if not isinstance(record, dict) or not record:
        return "jsonl"
    keys = set(record)
    tokens = record.get("tokens")
    tried = ", ".join(f"--format {f}" for f in JSON_LINES_FORMATS)
    words = isinstance(tokens, list) and tokens and all(isinstance(t, str) for t in tokens)
    if words and keys & {"doc_id", "sent_id", "entity_mentions", "event_mentions"}:
        return "events"
    if {"doc_key", "sentences"} <= keys:
        raise ask(
            "looks like DyGIE++ event JSON (doc_key, sentences), which annotator writes but "
            "does not read: convert it to OneIE lines (one sentence per line) and give "
            "--format events"
        )
    if isinstance(tokens, list) and tokens and all(isinstance(t, dict) for t in tokens):
        return "spacy-jsonl"
    if keys & {"answer", "_task_hash", "_input_hash"}:
        return "spacy-jsonl"
    if keys & {"label", "entities"} and "spans" not in keys:
        return "doccano"
    if isinstance(record.get("text"), str):
        return "jsonl"
    shown_keys = ", ".join(sorted(map(str, keys))[:8])
    raise ask(
        f"cannot tell which JSON lines format this is (first record's keys: {shown_keys}): "
        f"give {tried}"
    )


def read_any(
    path: Path,
    fmt: str,
    strict: bool,
    text_column: str = "text",
    schema: Schema | None = None,
    name_column: str = "",
) -> ImportResult:
    """Read one import source in format ``fmt`` (``auto`` guesses from the name).

    ``text_column`` and ``name_column``: a CSV file's columns holding each document's text and
    name (without a name column a row is named ``FILE:LINE``).

    ``schema`` (the project's) goes to the readers that read structure with it: brat (its
    type names and numbered roles) and the formats that carry events as relations (Label
    Studio, doccano, spaCy JSONL), which need it to tell an event argument from a relation in
    a file that does not mark its events (another tool's; our exports mark them). It is not
    given to readers that would refuse a label the project lacks: ``--new-labels`` decides."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    reader = format_function(fmt, "read")
    options = REGISTRY[fmt].read_options
    kwargs: dict[str, Any] = {"strict": strict}
    if "text_column" in options:
        kwargs["text_column"] = text_column
    if "name_column" in options:
        kwargs["name_column"] = name_column
    if schema is not None and "schema" in options:
        kwargs["schema"] = schema
    if schema is not None and "attribute_schema" in options:
        kwargs["attribute_schema"] = schema
    result = reader(path, **kwargs)
    read: ImportResult = result[0] if isinstance(result, tuple) else result
    # the last line of defence behind ``common.quoted``: a problem a reader skipped in a
    # lenient read quotes no file content at length (its strict twin, ImportFormatError,
    # bounds its own message)
    read.problems[:] = [replace(p, message=bounded(p.message)) for p in read.problems]
    return read
