"""Exports of a project: which layers and documents go out, and through which format module.

Format modules are looked up by name in ``FORMATS`` and imported only when used, so that
spaCy or datasets load only for the exports that need them. Every writer puts its output in
place through ``annotator.output.writing``: atomically, never over anything it did not write
itself, never through a symbolic link or onto a device; ``STDOUT`` (``-``) is standard output
for the formats that are one text stream.
"""

from __future__ import annotations

import importlib
import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.errors import AnnotatorError
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
)
from annotator.model import DocumentAnnotations, Record, Status
from annotator.output import STDOUT, check, is_stdout

if TYPE_CHECKING:
    from annotator.project import Project


@dataclass(frozen=True)
class FormatInfo:
    module: str
    writer: str
    """function name in ``module``, or ``other.module:function``"""
    reader: str
    output: str
    """``file`` or ``dir``"""
    description: str
    splits: bool = False
    """with ``ExportOptions.splits`` the output is a folder of one file per split"""
    stream: bool = False
    """one text stream: can go to standard output (``-``)"""


FORMATS: dict[str, FormatInfo] = {
    "jsonl": FormatInfo(
        "annotator.formats.jsonl",
        "write_jsonl",
        "read_jsonl",
        "file",
        "lossless project JSONL (spans, events, relations, attributes, notes)",
        stream=True,
    ),
    "spacy": FormatInfo(
        "annotator.formats.spacy_docbin",
        "write_spacy",
        "",
        "file",
        "spaCy v3 DocBin (.spacy): doc.ents + doc.spans",
        splits=True,
    ),
    "spacy-jsonl": FormatInfo(
        "annotator.formats.spacy_jsonl",
        "write_spacy_jsonl",
        "read_spacy_jsonl",
        "file",
        "spaCy/Prodigy JSONL",
        splits=True,
        stream=True,
    ),
    "hf": FormatInfo(
        "annotator.formats.hf",
        "write_hf",
        "",
        "dir",
        "Hugging Face datasets token classification (DatasetDict)",
        splits=True,
    ),
    "conll": FormatInfo(
        "annotator.formats.conll",
        "write_conll",
        "read_conll",
        "file",
        "CoNLL-2003 style BIO/IOB2/BIOES",
        splits=True,
        stream=True,
    ),
    "brat": FormatInfo(
        "annotator.formats.brat",
        "annotator.formats.brat_write:write_brat",
        "read_brat",
        "dir",
        "brat standoff .txt/.ann + annotation.conf",
        splits=True,
    ),
    "events": FormatInfo(
        "annotator.formats.events_json",
        "write_events_json",
        "read_events_json",
        "file",
        "event extraction JSON lines (ACE05-E / OneIE style)",
        splits=True,
        stream=True,
    ),
    "doccano": FormatInfo(
        "annotator.formats.doccano",
        "write_doccano",
        "read_doccano",
        "file",
        "doccano JSONL",
        stream=True,
    ),
    "label-studio": FormatInfo(
        "annotator.formats.label_studio",
        "write_label_studio",
        "read_label_studio",
        "file",
        "Label Studio JSON tasks",
        stream=True,
    ),
}


def format_function(fmt: str, kind: str) -> Any:
    """The reader or writer function of a format; a clear error if it has none."""
    info = FORMATS.get(fmt)
    name = "" if info is None else (info.writer if kind == "write" else info.reader)
    if info is None or not name:
        raise AnnotatorError(
            f"format {fmt!r} cannot be {'exported' if kind == 'write' else 'imported'}"
        )
    module, _, name = name.rpartition(":") if ":" in name else (info.module, "", name)
    return getattr(importlib.import_module(module), name)


def output_is_dir(fmt: str, options: ExportOptions = ExportOptions()) -> bool:
    """Whether format ``fmt`` with ``options`` writes a folder (else one file)."""
    info = FORMATS[fmt]
    return info.output == "dir" or (info.splits and bool(options.splits))


def check_output(fmt: str, out: Path, options: ExportOptions = ExportOptions()) -> str:
    """Whether exporting ``fmt`` to ``out`` may go ahead (``annotator.output.check``: ``new``,
    ``empty`` or ``previous``); ``OutputRefused`` / ``AnnotatorError`` say why not."""
    if fmt not in FORMATS or not FORMATS[fmt].writer:
        raise AnnotatorError(f"format {fmt!r} cannot be exported")
    directory = output_is_dir(fmt, options)
    if is_stdout(out) and not directory and not FORMATS[fmt].stream:
        raise AnnotatorError(
            f"{fmt} writes a binary file, which does not go to standard output ('-'); "
            "give a file name"
        )
    return check(out, fmt, directory=directory)


def layers(
    project: Project, annotator: str | None = None, status: str | None = None
) -> Iterator[tuple[DocumentAnnotations, str, str]]:
    """(document layer, annotator, status) for every document and chosen layer.

    ``annotator`` None means every layer that has annotations or a status on the document.
    Records are streamed per kind and layer in document order (one query each), so a large
    export reads the project once."""
    wanted = Status(status) if status else None
    names = [annotator] if annotator else project.annotators()
    statuses = {name: project.statuses(name) for name in names}
    streams = {
        (kind, name): _Grouped(project.store.iter_records(kind, name))
        for name in names
        for kind in ("spans", "events", "arguments", "relations")
    }
    for doc in project.store.iter_documents():
        yielded = False
        for name in names:
            parts = {
                k: streams[k, name].take(doc.id)
                for k in ("spans", "events", "arguments", "relations")
            }
            st = statuses[name].get(doc.id, Status.NEW)
            if wanted is not None and st != wanted:
                continue
            if annotator is None and not parts["spans"] and doc.id not in statuses[name]:
                continue
            yielded = True
            layer = DocumentAnnotations(
                doc, parts["spans"], parts["events"], parts["arguments"], parts["relations"]
            )
            yield layer, name, st.value if doc.id in statuses[name] else ""
        if not yielded and annotator is None and wanted in (None, Status.NEW):
            # a document nobody has touched still goes out (text only)
            yield DocumentAnnotations(doc), "", ""


class _Grouped:
    """Consumes a doc_id-ordered record stream one document at a time (groupby runs in C)."""

    def __init__(self, records: Iterator[Record]) -> None:
        self._groups = itertools.groupby(records, key=operator.attrgetter("doc_id"))
        self._head: tuple[int, Iterator[Record]] | None = next(self._groups, None)

    def take(self, doc_id: int) -> tuple[Any, ...]:
        while self._head is not None and self._head[0] < doc_id:
            self._head = next(self._groups, None)
        if self._head is None or self._head[0] != doc_id:
            return ()
        out = tuple(self._head[1])
        self._head = next(self._groups, None)
        return out


def count_layers(project: Project, annotator: str | None, status: str | None) -> int:
    """How many items ``layers`` yields (for progress bars), without loading texts."""
    wanted = Status(status) if status else None
    names = [annotator] if annotator else project.annotators()
    n = 0
    per_name = [(project.statuses(a), project.store.span_counts(a)) for a in names]
    for doc in project.documents():
        k = 0
        for statuses, counts in per_name:
            if wanted is not None and statuses.get(doc.id, Status.NEW) != wanted:
                continue
            if annotator is None and doc.id not in counts and doc.id not in statuses:
                continue
            k += 1
        n += k or int(annotator is None and wanted in (None, Status.NEW))
    return n


def export(
    project: Project,
    fmt: str,
    out: Path,
    annotator: str | None = None,
    status: str | None = None,
    options: ExportOptions = ExportOptions(),
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> ExportReport:
    """Export the chosen layers of a project to ``out`` in format ``fmt``.

    ``out`` is checked first (``check_output``), so a refused target fails before any work;
    ``STDOUT`` writes the formats that are one text stream to standard output."""
    check_output(fmt, out, options)
    writer = format_function(fmt, "write")
    total = count_layers(project, annotator, status)
    items = layers(project, annotator, status)
    if fmt == "jsonl":
        report: ExportReport = writer(
            items, out, project.schema, options, progress, cancelled, total
        )
    else:
        report = writer(
            (da for da, _, _ in items), out, project.schema, options, progress, cancelled, total
        )
    if is_stdout(out):
        report.files = ["standard output" if f == str(STDOUT) else f for f in report.files]
    return report
