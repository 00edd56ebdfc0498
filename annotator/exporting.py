"""Exports of a project: which layers and documents go out, and through which format module.

Format modules are looked up by name in the format registry (``annotator.formats.registry``)
and imported only when used, so that spaCy or datasets load only for the exports that need
them. Every writer puts its output in
place through ``annotator.output.writing``: atomically, never over anything it did not write
itself, never through a symbolic link or onto a device; ``STDOUT`` (``-``) is standard output
for the formats that are one text stream.

``export`` refuses, before writing anything, what would give empty or wrong data: an unknown
layer, status, label, split name or option value (with the closest name suggested), splits for
a format that has none, a selection that matches no document (saying why), and — for every
format but ``jsonl``, whose lines name their layer — documents that are in more than one layer
when no layer was chosen: they would go out once per layer, stacked in one training set.
Documents each in a single layer (analysts who split the corpus) go out together; a project
with one layer needs no choice.

Every format reads its records through ``export`` (``_sound``), which leaves out, once for all
writers, each record ``annotator check`` refuses as damaged (``validation.check_layer``, the
kinds in ``DAMAGED``: offsets outside the document's text, a stored text that is not the
covered one, a broken id, layer name or note: a damaged or hostile project file), counted in
the report with its reason; what pointed at it is left out by each writer as pointing at a
record not exported. So one such record never makes a whole file unreadable. (A bundle is not
an export: it copies every version for a merge, which judges them by the same rules.)

A document whose stored text no longer hashes to its sha256 (``altered.text_altered``: changed
behind the program's back; ``annotator check`` and a write-open refuse the file for it, a merge
refuses a bundle carrying it) is left out of every export the same way (``_intact``), with its
records, before they are judged: the report's "documents left out" line names it. An export left
with no document refuses as a whole and writes nothing. A bundle with such a document's text is
refused as a whole (``altered.refuse_altered``): it would be refused by the merge it is for.
"""

from __future__ import annotations

import functools
import importlib.util
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from annotator.altered import AlteredText, altered_reason, named_documents, text_altered
from annotator.errors import AnnotatorError, Message
from annotator.formats.common import (
    CONSTRUCT_NAMES,
    OVERLAP_POLICIES,
    TAG_SCHEMES,
    ExportOptions,
    ExportReport,
    IsCancelled,
    OptionError,
    Progress,
    listed,
    never_cancelled,
    no_progress,
    unknown_name,
    validate_splits,
)
from annotator.formats.registry import EXPORT_FORMATS, check_used, format_function
from annotator.formats.standoff import EVENT_LEFT_OUT, Held, part_losses
from annotator.model import Document, DocumentAnnotations, Status
from annotator.output import STDOUT, check, is_stdout
from annotator.project import DocumentGroups
from annotator.validation import check_layer

if TYPE_CHECKING:
    from annotator.project import Project
    from annotator.schema import Schema


FORMATS = EXPORT_FORMATS
"""the formats that can be exported (``annotator.formats.registry``)"""
TOKENIZERS = ("default", "spacy")
LAYERED = frozenset(name for name, info in FORMATS.items() if info.layered)
"""formats whose records name their layer: several layers go out side by side, not stacked"""


def output_is_dir(fmt: str, options: ExportOptions = ExportOptions()) -> bool:
    """Whether format ``fmt`` with ``options`` writes a folder (else one file)."""
    return FORMATS[fmt].writes_folder(bool(options.splits))


def check_output(fmt: str, out: Path, options: ExportOptions = ExportOptions()) -> str:
    """Whether exporting ``fmt`` to ``out`` may go ahead (``annotator.output.check``: ``new``,
    ``empty`` or ``previous``); ``OutputRefused`` / ``AnnotatorError`` say why not."""
    if fmt not in FORMATS:
        raise AnnotatorError(unknown_name("format", fmt, sorted(FORMATS)))
    if not FORMATS[fmt].writer:
        raise AnnotatorError(f"format {fmt!r} cannot be exported")
    directory = output_is_dir(fmt, options)
    if is_stdout(out) and not directory and not FORMATS[fmt].stream:
        raise AnnotatorError(
            f"{fmt} writes a binary file, which does not go to standard output ('-'); "
            "give a file name"
        )
    return check(out, fmt, directory=directory, streams=FORMATS[fmt].stream)


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
    # each stream holds one kind (its records typed as the kind's class when taken)
    streams: dict[tuple[str, str], DocumentGroups[Any]] = {
        (kind, name): DocumentGroups(cast("Iterator[Any]", project.iter_records(kind, name)))
        for name in names
        for kind in ("spans", "events", "arguments", "relations")
    }
    for doc in project.iter_documents():
        yielded = False
        for name in names:
            parts = {
                k: streams[k, name].take(doc.id)
                for k in ("spans", "events", "arguments", "relations")
            }
            st = statuses[name].get(doc.id, Status.NEW)
            if wanted is not None and st != wanted:
                continue
            untouched = not any(parts.values()) and doc.id not in statuses[name]
            if untouched and (annotator is None or wanted is not Status.NEW):
                # a layer that never touched a document says nothing about it: its text must
                # not go out as if it held no entity (unless --status new asks for exactly it)
                continue
            yielded = True
            layer = DocumentAnnotations(
                doc, parts["spans"], parts["events"], parts["arguments"], parts["relations"]
            )
            yield layer, name, st.value if doc.id in statuses[name] else ""
        if not yielded and annotator is None and wanted in (None, Status.NEW):
            # a document nobody has touched still goes out (text only)
            yield DocumentAnnotations(doc), "", ""


@dataclass(frozen=True)
class Selection:
    """What ``layers`` would yield for a choice of layer and status (texts not loaded)."""

    items: int
    """document layers (a document once per layer it is in)"""
    stacked: int
    """documents that would go out more than once (in more than one layer)"""
    layers: tuple[str, ...]
    """the layers the selected documents are in"""
    untouched: int = 0
    """documents left out because the chosen layer never annotated them"""


def select(project: Project, annotator: str | None, status: str | None) -> Selection:
    """Count what ``layers(project, annotator, status)`` yields, without loading texts."""
    wanted = Status(status) if status else None
    names = [annotator] if annotator else project.annotators()
    per_name = [(a, project.statuses(a), _touched(project, a)) for a in names]
    items = stacked = untouched = 0
    seen: set[str] = set()
    for doc in project.documents():
        here = []
        for name, statuses, touched in per_name:
            if wanted is not None and statuses.get(doc.id, Status.NEW) != wanted:
                continue
            never = doc.id not in touched and doc.id not in statuses
            if never and (annotator is None or wanted is not Status.NEW):
                untouched += annotator is not None
                continue
            here.append(name)
        seen.update(here)
        stacked += len(here) > 1
        items += len(here) or int(annotator is None and wanted in (None, Status.NEW))
    return Selection(items, stacked, tuple(a for a in names if a in seen), untouched)


def _touched(project: Project, annotator: str) -> set[int]:
    """Documents holding a live record of ``annotator``'s layer."""
    out: set[int] = set()
    for kind in ("spans", "events", "arguments", "relations"):
        out.update(project.record_counts(kind, annotator))
    return out


def count_layers(project: Project, annotator: str | None, status: str | None) -> int:
    """How many items ``layers`` yields (for progress bars), without loading texts."""
    return select(project, annotator, status).items


class MixedLayers(AnnotatorError):
    """No layer was chosen, and documents in several layers would go out once per layer."""

    def __init__(self, fmt: str, selection: Selection, how: str = "") -> None:
        self.fmt = fmt
        self.selection = selection
        n = selection.stacked
        which = f"{n} selected documents are" if n != 1 else "1 selected document is"
        super().__init__(
            f"{which} in more than one layer, and {fmt} would write "
            f"{'them' if n != 1 else 'it'} once per layer: choose one layer{how} "
            f"(layers: {', '.join(selection.layers)})"
        )


def check_export(
    project: Project,
    fmt: str,
    annotator: str | None = None,
    status: str | None = None,
    options: ExportOptions = ExportOptions(),
) -> Selection:
    """Refuse (``AnnotatorError``, one line) an export that would write empty or wrong data:
    unknown names or option values, splits the format does not have, a missing package, a
    selection of no document, layers that would be stacked (``MixedLayers``). The selection
    when it may go ahead."""
    check_options(project, fmt, options)
    names = project.annotators()
    if annotator is not None and annotator not in names:
        raise AnnotatorError(unknown_name("layer", annotator, names))
    statuses = [s.value for s in Status]
    if status is not None and status not in statuses:
        raise AnnotatorError(unknown_name("status", status, statuses, "statuses"))
    chosen = select(project, annotator, status)
    if chosen.items == 0:
        if not project.documents():
            raise AnnotatorError("nothing to export: the project has no documents")
        where = f"in layer {annotator}" if annotator else "in any layer"
        what = f"has status {status}" if status is not None else "has annotations"
        raise AnnotatorError(f"nothing to export: no document {what} {where}")
    if annotator is None and chosen.stacked and fmt not in LAYERED:
        raise MixedLayers(fmt, chosen)
    return chosen


def check_options(project: Project, fmt: str, options: ExportOptions) -> None:
    """The option values of ``options`` for format ``fmt`` (``OptionError`` if one is wrong)."""
    info = FORMATS.get(fmt)
    if info is None:
        raise OptionError(unknown_name("format", fmt, sorted(FORMATS)))
    for what, value, known in (
        ("overlap policy", options.overlap_policy, OVERLAP_POLICIES),
        ("tag scheme", options.scheme, TAG_SCHEMES),
        ("tokenizer", options.tokenizer, TOKENIZERS),
    ):
        if value not in known:
            raise OptionError(unknown_name(what, value, known))
    if options.splits:
        check_used(fmt, ["splits"])
    validate_splits(options.splits)
    if not options.spans_key.strip():
        raise OptionError("the spaCy spans key cannot be empty")
    if options.labels:
        labels = [lab.name for lab in project.schema.span_labels()]
        labels += sorted(set(project.label_counts()) - set(labels))  # no longer in schema
        for label in options.labels:
            if label not in labels:
                raise OptionError(unknown_name("label", label, labels))
    needs = [(f"{fmt} export", package) for package in info.needs]
    if options.tokenizer == "spacy":
        needs.append(("the spacy tokenizer", "spacy"))
    for what, package in needs:
        if importlib.util.find_spec(package) is None:
            raise OptionError(f"{what} needs the {package} package (pip install {package})")


INTERNAL_META = frozenset(("tokens", "sentences", "conll", "offset_units"))
"""meta keys an importer keeps for the exporters of its own format (token layer, CoNLL
columns, Label Studio's offset unit), not the document's own meta"""


class _DocumentParts:
    """What the exported documents hold besides their records: own meta, a status."""

    def __init__(self) -> None:
        self.meta = 0
        self.status = 0

    def lost(self, report: ExportReport, fmt: str) -> None:
        """Count in ``report`` the meta and statuses format ``fmt`` has no place for, so no
        export leaves them out without a word."""
        info = FORMATS[fmt]
        if self.meta and not info.keeps_meta:
            why = Message("their meta (no place in {format})", format=fmt)
            report.documents_parts_lost[why] += self.meta
        if self.status and not info.keeps_status:
            why = Message("their status (no place in {format})", format=fmt)
            report.documents_parts_lost[why] += self.status


def _counting(
    items: Iterator[tuple[DocumentAnnotations, str, str]], parts: _DocumentParts
) -> Iterator[tuple[DocumentAnnotations, str, str]]:
    """``items`` as they are, counting in ``parts`` the documents with meta or a status."""
    for item in items:
        da, _, st = item
        parts.meta += any(k not in INTERNAL_META for k in da.document.meta)
        parts.status += bool(st)
        yield item


DAMAGED: dict[str, Callable[[str], Message]] = {
    "offsets": lambda kind: Message(
        "{kind} outside its document's text (check names it)", kind=kind
    ),
    "covered-text": lambda kind: Message(
        "{kind} whose stored text is not its document's (check names it)", kind=kind
    ),
    "name": lambda kind: Message(
        "{kind} with a broken id, layer name or note (check names it)", kind=kind
    ),
}
"""the kinds of problem ``annotator check`` finds (``validation.check_layer``) that make a record
damaged rather than out of step with the schema, each with the reason an export gives for
leaving such a record out (``{kind}``: span, event, argument or relation); the schema's kinds
(a label since removed: ``--new-labels add`` reads it back) and those the writers handle
themselves (a repeated span, a dangling reference, a mislabelled trigger) are not among them"""


class _Damaged:
    """The records ``_sound`` left out, by reason and construct, for the export's report."""

    def __init__(self) -> None:
        self.records: list[tuple[str, Message, Held]] = []

    def count(self, report: ExportReport) -> None:
        """Put what was left out in ``report`` (its parts too, so ``exported + lost`` still
        adds up to what the project holds)."""
        for kind, why, rec in self.records:
            report.left_out(kind, why)
            for part, n, lost in part_losses(kind, rec, False, (), ""):
                report.left_out(part, lost or why, n)


def _kept(kind: str, records: Iterable[Held], bad: dict[str, str], damaged: _Damaged) -> list[Any]:
    """``records`` of construct ``kind`` but those ``bad`` names (uuid → kind of problem),
    each of which is noted in ``damaged`` with its reason."""
    kept = []
    for rec in records:
        problem = bad.get(rec.uuid)
        if problem is None:
            kept.append(rec)
        elif not rec.deleted:
            damaged.records.append((kind, DAMAGED[problem](CONSTRUCT_NAMES[kind]), rec))
    return kept


def damaged_records(project: Project, annotator: str) -> Message | None:
    """The line saying how many live records of layer ``annotator`` ``annotator check``
    refuses as damaged (``DAMAGED``), by reason; None when there is none. A bundle carries
    them as they are, and the merge that receives it sets them aside (quarantine), so
    ``annotator bundle`` says so rather than only counting what it wrote. Judged as an export
    judges them (``_sound``)."""
    damaged = _Damaged()
    for _ in _sound(layers(project, annotator), project.schema, damaged):
        pass
    reasons = Counter(why for _, why, _ in damaged.records if why is not EVENT_LEFT_OUT)
    if not reasons:
        return None
    items = listed(
        [Message("{what} {count}", what=why, count=n) for why, n in sorted(reasons.items())]
    )
    count = sum(reasons.values())
    if count == 1:
        return Message(
            "carries 1 record check refuses (the receiving merge sets it aside): {items}",
            items=items,
        )
    return Message(
        "carries {count} records check refuses (the receiving merge sets them aside): {items}",
        count=count,
        items=items,
    )


class _Altered:
    """The documents ``_intact`` left out (their text altered), for the export's report."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.kept = 0

    def count(self, report: ExportReport) -> None:
        if self.documents:
            report.documents_skipped[altered_reason(self.documents)] += len(self.documents)


def _intact(
    items: Iterator[tuple[DocumentAnnotations, str, str]], altered: _Altered
) -> Iterator[tuple[DocumentAnnotations, str, str]]:
    """``items`` but those of a document whose text no longer matches its sha256
    (``text_altered``; each text hashed once, in whichever layers it goes out), noted in
    ``altered``. When every selected document was left out, ``AlteredText`` (raised inside
    the writer: its output is never put in place)."""
    last, bad = -1, False
    for item in items:
        doc = item[0].document
        if doc.id != last:
            last, bad = doc.id, text_altered(doc)
            if bad:
                altered.documents.append(doc)
        if bad:
            continue
        altered.kept += 1
        yield item
    if altered.documents and not altered.kept:
        raise AlteredText(
            Message(
                "nothing to export: the text of every selected document no longer matches "
                "its sha256 (changed outside annotator; 'annotator check' reports it): "
                "{documents}",
                documents=named_documents(altered.documents),
            ),
            altered.documents,
        )


def _sound(
    items: Iterator[tuple[DocumentAnnotations, str, str]], schema: Schema, damaged: _Damaged
) -> Iterator[tuple[DocumentAnnotations, str, str]]:
    """``items`` without the records ``annotator check`` refuses as damaged (``DAMAGED``),
    each noted in ``damaged``; the arguments of an event left out go with it. The check's own
    function judges them (``validation.check_layer``), so an export and ``check`` never differ
    on what is damaged."""
    for da, name, st in items:
        bad: dict[str, str] = {}
        for issue in check_layer(da, schema, name):
            if issue.kind in DAMAGED:
                bad.setdefault(issue.uuid, issue.kind)
        if not bad:
            yield da, name, st
            continue

        spans = _kept("span", da.spans, bad, damaged)
        events = _kept("event", da.events, bad, damaged)
        live = {e.uuid for e in events}
        arguments = []
        for a in _kept("argument", da.arguments, bad, damaged):
            if a.event in live or a.deleted or a.event not in bad:
                arguments.append(a)
            else:
                damaged.records.append(("argument", EVENT_LEFT_OUT, a))
        relations = _kept("relation", da.relations, bad, damaged)
        layer = DocumentAnnotations(
            da.document, tuple(spans), tuple(events), tuple(arguments), tuple(relations)
        )
        yield layer, name, st


def export(
    project: Project,
    fmt: str,
    out: Path,
    annotator: str | None = None,
    status: str | None = None,
    options: ExportOptions = ExportOptions(),
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    *,
    style: str | None = None,
) -> ExportReport:
    """Export the chosen layers of a project to ``out`` in format ``fmt``.

    ``out`` is checked first (``check_output``), then what goes out (``check_export``), so a
    refused export fails before any work; ``STDOUT`` writes the formats that are one text
    stream to standard output. ``style`` is the writer's style, for the formats that have
    styles (``events``: ``oneie``, the default, or ``dygiepp``)."""
    check_output(fmt, out, options)
    styles = FORMATS[fmt].styles
    if style is not None:
        check_used(fmt, ["events_style"])
    if style is not None and style not in styles:
        raise OptionError(unknown_name(f"{fmt} style", style, list(styles)))
    chosen = check_export(project, fmt, annotator, status, options)
    total = chosen.items
    writer = format_function(fmt, "write")
    if style is not None:
        writer = functools.partial(writer, style=style)
    damaged, altered = _Damaged(), _Altered()
    items = _counting(
        _sound(_intact(layers(project, annotator, status), altered), project.schema, damaged),
        report_of := _DocumentParts(),
    )
    if fmt == "jsonl":
        report: ExportReport = writer(
            items, out, project.schema, options, progress, cancelled, total
        )
    else:
        report = writer(
            (da for da, _, _ in items), out, project.schema, options, progress, cancelled, total
        )
    report_of.lost(report, fmt)
    damaged.count(report)
    altered.count(report)
    if chosen.untouched:
        why = Message(
            "never annotated in layer {layer} (--status new exports them)", layer=annotator
        )
        report.documents_skipped[why] += chosen.untouched
    if is_stdout(out):
        report.files = ["standard output" if f == str(STDOUT) else f for f in report.files]
    return report
