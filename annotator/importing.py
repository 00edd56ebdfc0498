"""Writing imported documents into a project: validated, then all in one transaction.

Readers (``annotator.formats.*``) turn files into ``ImportedDocument`` values; this module
normalises each text once (offsets remapped across removed BOM/CR), checks every span,
event and relation against the text and the schema, and writes everything or nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import operator
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from annotator import rules, scratch
from annotator.cycles import no_cycle_collection
from annotator.errors import AnnotatorError, Cancelled, ImportFormatError, Message
from annotator.exchange.label_map import attributes_taken, renamed_attributes
from annotator.formats import conll_same
from annotator.formats.common import (
    Changed,
    ImportResult,
    IsCancelled,
    Progress,
    listed,
    never_cancelled,
    no_progress,
    quoted,
)
from annotator.formats.fields import printable
from annotator.imported import (
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ImportedSpan,
    Problem,
)
from annotator.model import (
    Argument,
    DocStatus,
    Document,
    Event,
    Record,
    Relation,
    Span,
    Status,
    freeze,
)
from annotator.schema import Schema
from annotator.schema.edit import adopt_labels
from annotator.schema.model import RelationType, Role, name_key
from annotator.text import BOM, normalise, normalise_drops, sha256_text
from annotator.uuids import new_uuid

if TYPE_CHECKING:
    from annotator.batch import Batch
    from annotator.project import Project

NEW_LABEL_POLICIES = ("error", "add", "skip")
DEFAULT_ANNOTATOR = "imported"
DUPLICATES_NAMED = 5
"""texts already in the project named one a line in the report; the rest are counted"""


@dataclass
class ImportReport:
    """What an import did; printed by the CLI, shown by the GUI."""

    documents_added: int = 0
    duplicates: list[str] = field(default_factory=list)
    """documents whose text the project held before this import; their annotations are taken
    into their layer, deduplicated (a text this import adds and repeats, a second layer of the
    same document, is no duplicate: it was added)"""
    same_text: list[tuple[str, str]] = field(default_factory=list)
    """documents whose text this import had already added under another name, their
    annotations joined to that document: (``name (source:line)``, the name it was added as)"""
    already_present: int = 0
    """annotations skipped because their layer already holds the same one (same id, or same
    place and label)"""
    conflicts: list[Problem] = field(default_factory=list)
    """annotations whose id (or place and label) the layer holds with other content: the
    stored version is kept"""
    spans: int = 0
    events: int = 0
    arguments: int = 0
    relations: int = 0
    labels_added: list[str] = field(default_factory=list)
    """labels, event types and relation types added to the schema"""
    roles_added: list[str] = field(default_factory=list)
    """roles added to their event type (``--new-labels add``), each ``event type: role``"""
    problems: list[Problem] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)
    event_attributes_moved: int = 0
    """attributes read on trigger spans and written on their events instead
    (``rules.lift_event_attributes``: what versions before 204d4b4 exported)"""
    same_tokens: list[tuple[str, str]] = field(default_factory=list)
    """CoNLL documents read as the stored text their tokens lie in, white space aside
    (``formats.conll_same``): (``name (source:line)``, the stored document's name)"""
    same_name: list[str] = field(default_factory=list)
    """documents added beside a stored document of the same name and another text
    (``name (source:line)``): said, never silent (QA 18)"""

    def lines(self) -> list[str]:
        """The report's lines (``Message``s: the CLI prints them, the window translates)."""
        out: list[str] = [
            Message("documents added: {count}", count=self.documents_added),
            Message(
                "spans: {spans}, events: {events} ({arguments} arguments), relations: {relations}",
                spans=self.spans,
                events=self.events,
                arguments=self.arguments,
                relations=self.relations,
            ),
        ]
        # a text the project already holds is not stored twice, but its annotations still go
        # to their layer: counted in the line above, never called skipped; the first few
        # named, the rest counted (a file imported again names no 20,000 documents)
        out += [
            Message(
                "same tokens as {stored}, white space aside (CoNLL keeps the tokens, not the "
                "text between them): read as its text: {name}",
                stored=stored,
                name=name,
            )
            for name, stored in self.same_tokens[:DUPLICATES_NAMED]
        ]
        if len(self.same_tokens) > DUPLICATES_NAMED:
            out.append(
                Message(
                    "more documents read as the stored text of the same tokens: {count}",
                    count=len(self.same_tokens) - DUPLICATES_NAMED,
                )
            )
        out += [
            Message("text already in the project, not added again: {name}", name=name)
            for name in self.duplicates[:DUPLICATES_NAMED]
        ]
        if len(self.duplicates) > DUPLICATES_NAMED:
            out.append(
                Message(
                    "more texts already in the project, not added again: {count}",
                    count=len(self.duplicates) - DUPLICATES_NAMED,
                )
            )
        out += [
            Message(
                "same text as {first}, which this import added; joined to it: {name}",
                first=first,
                name=name,
            )
            for name, first in self.same_text[:DUPLICATES_NAMED]
        ]
        if len(self.same_text) > DUPLICATES_NAMED:
            out.append(
                Message(
                    "more texts repeated under another name, joined: {count}",
                    count=len(self.same_text) - DUPLICATES_NAMED,
                )
            )
        out += [
            Message(
                "a document of this name was in the project with another text; this one was "
                "added beside it: {name}",
                name=name,
            )
            for name in self.same_name[:DUPLICATES_NAMED]
        ]
        if len(self.same_name) > DUPLICATES_NAMED:
            out.append(
                Message(
                    "more documents added beside one of the same name and another text: {count}",
                    count=len(self.same_name) - DUPLICATES_NAMED,
                )
            )
        if self.duplicates and not (self.documents_added or self._annotations_added()):
            out.append(
                Message("nothing new: the project already held every text and annotation read")
            )
        if self.already_present:
            out.append(
                Message(
                    "annotations already in their layer, skipped: {count}",
                    count=self.already_present,
                )
            )
        out += [
            Message("conflict, stored version kept: {problem}", problem=p.text())
            for p in self.conflicts
        ]
        if self.labels_added:
            out.append(
                Message("labels added to the schema: {labels}", labels=", ".join(self.labels_added))
            )
        if self.roles_added:
            out.append(
                Message("roles added to the schema: {roles}", roles=", ".join(self.roles_added))
            )
        if self.event_attributes_moved:
            out.append(
                Message(
                    "moved {count} event attributes from trigger spans to their events",
                    count=self.event_attributes_moved,
                )
            )
        out += [
            Message("changed: {problem}", problem=p.text())
            if isinstance(p, Changed)
            else Message("skipped: {problem}", problem=p.text())
            for p in self.problems
        ]
        return out

    def _annotations_added(self) -> int:
        return self.spans + self.events + self.arguments + self.relations


def normalise_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """The stored form of ``text`` (BOM dropped, CRLF/CR → LF) and a map of old offsets to
    new ones, so spans given against the raw text land on the same characters."""
    if "\r" not in text and not text.startswith(BOM):
        return text, _same
    import bisect

    removed = normalise_drops(text)  # old indices of removed characters, ascending

    def remap(i: int) -> int:
        return i - bisect.bisect_left(removed, i)

    return normalise(text).text, remap


def _same(i: int) -> int:
    """The offset map of a text that normalising left as it was."""
    return i


CHUNK_DOCUMENTS = 500
"""Documents checked and written together: their stored ids and hashes are looked up in one
query per kind, their rows go out with one ``executemany`` per table, and then they are
dropped. An import holds one part in memory, not the whole input, whatever its size; all
parts are written in the one transaction of ``Project.batch``."""


@dataclass(frozen=True)
class FileStamp:
    """A source file's size and modification time when an import began reading it."""

    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        try:
            st = path.stat()
        except OSError:
            return cls(path, -1, -1)  # the reader reports a missing file
        return cls(path, st.st_size, st.st_mtime_ns)

    def changed(self) -> bool:
        return FileStamp.of(self.path) != self


FOLDER_READ_SUFFIXES = (".txt", ".ann", ".conf")
"""what a folder reader may read inside a folder (plain text's ``.txt``, brat's ``.txt``,
``.ann`` and ``annotation.conf``): the files ``stamps`` records"""


def stamps(path: Path) -> list[FileStamp]:
    """The ``FileStamp`` of a source before it is read: a file's own, or a folder's and that
    of every file under it a folder reader may read (listed as the readers list them,
    ``annotator.formats.source.walk``), so a file changing inside a folder is seen too."""
    from annotator.formats.source import walk

    found: list[Path] = []
    if path.is_dir():
        with contextlib.suppress(ImportFormatError):  # a folder it cannot list: the reader says
            found = walk(path, FOLDER_READ_SUFFIXES)
    return [FileStamp.of(path), *(FileStamp.of(f) for f in found)]


@dataclass
class DocumentStream:
    """Documents read from files as the import consumes them (``annotator.formats.stream``),
    so an import of any size holds one ``CHUNK_DOCUMENTS`` part of them in memory.

    ``problems`` fills while ``documents`` is read (what a lenient reader skipped);
    ``position`` answers (bytes read, bytes in all) for the progress report. Labels are
    checked part by part: a label a file defines (a JSONL ``schema`` line) counts from the
    part that holds its definition on, and a strict import stops at the first part using an
    unknown label, naming that part's unknown labels."""

    documents: Iterable[ImportedDocument]
    problems: list[Problem] = field(default_factory=list)
    position: Callable[[], tuple[int, int]] | None = None
    reading: list[Callable[[], None]] = field(default_factory=list)
    """called by the readers after each read of a file (about once a megabyte), whether a
    document is complete or not: a CoNLL file's scheme is found in a first reading of the
    whole file, before its first document. ``import_documents`` adds its progress report
    and its cancel check here. A stream made of other streams shares their list."""
    files: list[FileStamp] = field(default_factory=list)
    """the files read, as they were before the reading: ``import_documents`` refuses the
    import when one changed while it was read (``FileStamp.changed``)"""


def stream_files(
    paths: Sequence[Path],
    fmt: str = "auto",
    strict: bool = True,
    text_column: str = "text",
    schema: Schema | None = None,
    refuse_empty: bool = False,
    reading: list[Callable[[], None]] | None = None,
    name_column: str = "",
) -> DocumentStream:
    """The documents of import sources, read as ``import_documents`` consumes them: JSONL and
    CoNLL files line by line (memory bounded whatever their size), the other formats one
    source at a time through ``read_any``. Progress counts the bytes read of all sources.
    Reading errors are raised when reached (strict), before the import asks for the write
    lock: nothing is written. ``refuse_empty``: a source without a document or a problem is an
    error (the CLI's "nothing to import")."""
    from annotator.formats import conll, jsonl
    from annotator.formats.registry import detect_format, read_any
    from annotator.formats.source import ByteCount

    problems: list[Problem] = []
    hooks: list[Callable[[], None]] = [] if reading is None else reading
    counts: list[ByteCount] = []

    def heard() -> None:
        for hook in list(hooks):
            hook()

    for path in paths:
        count = ByteCount()
        with contextlib.suppress(OSError):
            count.size = Path(path).stat().st_size if Path(path).is_file() else 0
        count.on_read = heard
        counts.append(count)

    def position() -> tuple[int, int]:
        return sum(c.done for c in counts), sum(c.size for c in counts)

    def one(k: int, path: Path, kind: str) -> Iterator[ImportedDocument]:
        if kind == "jsonl":
            yield from jsonl.stream_jsonl(path, problems, strict=strict, count=counts[k])
        elif kind == "conll":
            yield from conll.stream_conll(path, problems, strict=strict, count=counts[k])
        else:
            result = read_any(path, kind, strict, text_column, schema, name_column)
            counts[k].done = counts[k].size
            problems.extend(result.problems)
            yield from result.documents

    def documents() -> Iterator[ImportedDocument]:
        for k, name in enumerate(paths):
            path = Path(name)
            kind = detect_format(path) if fmt == "auto" else fmt
            found, noted = 0, len(problems)
            for doc in one(k, path, kind):
                found += 1
                yield doc
            if refuse_empty and not found and len(problems) == noted:
                raise AnnotatorError(f"nothing to import: no document in {name} (read as {kind})")

    files = [stamp for p in paths for stamp in stamps(Path(p))]
    return DocumentStream(documents(), problems, position, hooks, files)


def import_documents(
    project: Project,
    result: ImportResult | Sequence[ImportedDocument] | DocumentStream,
    annotator: str = "",
    new_labels: str = "error",
    strict: bool = True,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> ImportReport:
    """Validate and write documents with their annotations in ONE transaction.

    ``annotator`` is the layer for documents that name none. ``new_labels``: labels missing
    from the schema raise (``error``), are added to it (``add``) or their annotations are
    skipped and reported (``skip``). Strict: the first invalid annotation raises
    ImportFormatError naming file and line, and nothing is written. Lenient: it is skipped
    and reported. A ``DocumentStream`` is read as it is written, ``CHUNK_DOCUMENTS`` at a
    time (progress then counts the bytes read); a list is checked for labels as a whole
    first.
    """
    if new_labels not in NEW_LABEL_POLICIES:
        raise ValueError(f"new_labels must be one of {NEW_LABEL_POLICIES}")
    bad = rules.annotator_problem(annotator) if annotator else None
    if bad is not None:  # the caller's choice, not a fault of the files: said before reading
        raise AnnotatorError(
            Message("the layer for documents that name none: {problem}", problem=bad.message)
        )
    report = ImportReport()
    schema_before = project.schema
    try:
        with no_cycle_collection():
            if isinstance(result, DocumentStream):
                where = result.position

                def step(done: int) -> None:
                    if where is not None:
                        progress(*where())

                def reading() -> None:  # between documents: a first reading, a long one
                    if cancelled():
                        raise Cancelled("import cancelled; nothing was written")
                    step(0)

                need = _spill_need(result.files)
                with (
                    scratch.folder(SCRATCH_PREFIX, need) as folder,
                    contextlib.closing(_Spill(folder / "documents.pickle", need)) as spill,
                ):
                    spill.stored_names = _StoredNames(project)
                    result.reading.append(reading)
                    try:  # read, parse and check it all, no lock held (ADR 0008)
                        same = _StoredTexts(project, report)
                        read = (same.onto(d) for d in result.documents)
                        parts = _parts(read, CHUNK_DOCUMENTS)
                        ahead = list(_check_ahead(
                            project, parts, annotator, new_labels, strict, cancelled, spill
                        ))  # fmt: skip
                    finally:
                        result.reading.remove(reading)
                    _unchanged_or_raise(result.files)
                    _write_checked(project, spill, ahead, annotator, new_labels, strict, step,
                                   cancelled, report)  # fmt: skip
                report.problems[:0] = result.problems
                return report
            same = _StoredTexts(project, report)
            given = result.documents if isinstance(result, ImportResult) else result
            docs = [same.onto(d) for d in given]
            if isinstance(result, ImportResult):
                report.problems.extend(result.problems)
            # documents already read (nothing to parse while the lock is held): only their
            # labels before the transaction, as a label the schema lacks is refused at once;
            # ``_write`` checks every record inside it (a refusal rolls all of it back). A
            # second full check here took 35% of the import (bench_import: ratio 0.53 -> 0.41)
            _previewed(project.schema, docs, new_labels, set())

            def counted(done: int) -> None:
                progress(done, len(docs))

            _write(project, docs, annotator, new_labels, strict, counted, cancelled, report, docs)
            return report
    except BaseException:
        if project.schema is not schema_before:
            project.reload_schema()  # the schema written in the transaction was rolled back
        raise


class _StoredNames:
    """The names of the documents the project held when first asked (one query, and none
    for a project without documents): an import adding a document of one of these names
    with another text says so (``ImportReport.same_name``)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._names: set[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._names is None:
            empty = self.project.document_count() == 0
            self._names = set() if empty else {n for _, n in self.project.document_names()}
        return name in self._names


class _StoredTexts:
    """The stored documents a CoNLL document may have been exported from (QA 18): its text,
    rebuilt from tokens, is not stored, but the tokens lie in a stored text with nothing but
    white space around them (``conll_same``). Read once per import, when the first such
    document comes: the stored texts' sha256 (one query), and only if some CoNLL text is
    not among them, every stored text's skeleton."""

    def __init__(self, project: Project, report: ImportReport) -> None:
        self.project = project
        self.report = report
        self.hashes: set[str] | None = None
        self.by_skeleton: dict[bytes, list[int]] | None = None

    def onto(self, doc: ImportedDocument) -> ImportedDocument:
        """``doc``, or, read from CoNLL and not stored, ``doc`` read as the stored text its
        tokens lie in (the first by id), which the import then finds already present."""
        if not conll_same.is_conll(doc):
            return doc
        if self.hashes is None:
            self.hashes = set(self.project.document_hashes())
        if not self.hashes:
            return doc
        text, _, sha = _prepare(doc)
        if sha in self.hashes:
            return doc
        if self.by_skeleton is None:
            self.by_skeleton = {}
            for block in self.project.text_blocks():
                for doc_id, _, stored in block:
                    self.by_skeleton.setdefault(conll_same.skeleton(stored), []).append(doc_id)
        for doc_id in self.by_skeleton.get(conll_same.skeleton(text), ()):
            stored_doc = self.project.document(doc_id)
            moved = conll_same.onto(doc, stored_doc.text)
            if moved is not None:
                where = f"{doc.name} ({doc.source}{f':{doc.line}' if doc.line else ''})"
                self.report.same_tokens.append((where, stored_doc.name))
                return moved
        return doc


_Unknown = tuple[str, str, str]
"""a name a file uses that the schema lacks: (kind, name, event type); kind ``label`` (a
span label or an event type), ``relation`` (a relation type) or ``role`` (a role of the
event type; the event type is "" for the other kinds)"""


def _unknown_shown(item: _Unknown) -> str:
    """One unknown name as a message lists it (quoted: it comes from a file)."""
    kind, name, owner = item
    if kind == "role":
        return Message("role {role} of {type}", role=quoted(name), type=quoted(owner))
    if kind == "relation":
        return Message("relation type {name}", name=quoted(name))
    return quoted(name)


def _unknown_or_raise(
    schema: Schema, docs: Sequence[ImportedDocument], new_labels: str
) -> dict[_Unknown, tuple[str, int | None]]:
    """The labels, relation types and roles ``docs`` use that ``schema`` (with the labels
    they define) lacks; raises ImportFormatError when that is an error (``new_labels``) or
    one cannot be added."""
    preview = _with_defined(schema, _defined_labels(docs), ImportReport())
    unknown = _unknown_labels(preview, docs, new_labels)
    have = {name_key(lab.name): lab.name for lab in preview.all_labels()}
    if unknown and new_labels == "error":
        # the rule --new-labels add applies, first: a name that is one of ours written
        # otherwise (per for PER) cannot be added, so "use --new-labels add" is no advice
        for (kind, label, _), (source, line) in unknown.items():
            ours = _ours(have, kind, label)
            if ours is not None:
                raise ImportFormatError(source, line, _written_otherwise(label, ours))
        (kind, name, owner), (source, line) = next(iter(unknown.items()))
        items = [_unknown_shown(u) for u in sorted(unknown, key=_unknown_order)]
        listed_items = listed(items)
        if kind == "role":
            message = Message(
                "event type {type} has no role {role} (use --new-labels add or skip; "
                "{count} unknown name(s): {names})",
                type=quoted(owner),
                role=quoted(name),
                count=len(unknown),
                names=listed_items,
            )
        elif kind == "relation":
            message = Message(
                "relation type {name} is not in the schema (use --new-labels add or skip; "
                "{count} unknown name(s): {names})",
                name=quoted(name),
                count=len(unknown),
                names=listed_items,
            )
        else:
            message = Message(
                "label {name} is not in the schema (use --new-labels add or skip; "
                "{count} unknown label(s): {labels})",
                name=quoted(name),
                count=len(unknown),
                labels=listed_items,
            )
        raise ImportFormatError(source, line, message)
    if unknown and new_labels == "add":
        for (kind, label, _owner), (source, line) in unknown.items():
            what = {"role": Message("role name"), "relation": Message("relation type name")}
            bad = rules.label_name_problem(label, what.get(kind, ""))
            if bad is not None:
                raise ImportFormatError(
                    source,
                    line,
                    Message("cannot add to the schema: {problem}", problem=bad.message),
                )
            ours = _ours(have, kind, label)
            if ours is not None:  # adding it would break the one-name rule
                raise ImportFormatError(source, line, _written_otherwise(label, ours))
    return unknown


def _ours(have: Mapping[str, str], kind: str, name: str) -> str | None:
    """The schema's name that ``name`` (of ``kind``) is written otherwise (``have``: our
    names by ``name_key``), or None; a role is its event type's, never compared so."""
    return have.get(name_key(name)) if kind != "role" else None


def _written_otherwise(label: str, ours: str) -> Message:
    """The one message for a name a file uses that is the schema's ``ours`` written
    otherwise, whatever ``--new-labels`` says (QA 18: without the flag the import advised
    ``--new-labels add``, which then refused it with this advice)."""
    return Message(
        "label {name} is the schema's {ours} written otherwise (one name: "
        "they differ only in case, harakat, tatweel, alef forms or digit "
        "forms): write it {ours} in the file, or use --new-labels skip",
        name=quoted(label),
        ours=quoted(ours),
    )


def _unknown_order(item: _Unknown) -> tuple[int, str, str]:
    """Labels, then relation types, then roles (by event type), each by name."""
    kind, name, owner = item
    return ({"label": 0, "relation": 1}.get(kind, 2), owner, name)


def _added_names(
    unknown: dict[_Unknown, tuple[str, int | None]], labels: list[str], roles: list[str]
) -> tuple[list[str], list[str]]:
    """``ImportReport.labels_added`` and ``roles_added`` once ``unknown`` is added."""
    names = {n for k, n, _ in unknown if k != "role"}
    added = {f"{t}: {n}" for k, n, t in unknown if k == "role"}
    return sorted({*labels, *names}), sorted({*roles, *added})


def _labels(
    project: Project,
    docs: Sequence[ImportedDocument],
    new_labels: str,
    report: ImportReport,
    adopted: set[int],
) -> None:
    """Add to the schema the labels ``docs`` define (schemas not ``adopted`` yet) and, with
    ``new_labels`` ``add``, those they use and it lacks (inside the import's transaction)."""
    defined = [(src, sch) for src, sch in _defined_labels(docs) if id(sch) not in adopted]
    if defined:  # labels the files define (jsonl's schema, brat's annotation.conf)
        adopted.update(id(sch) for _, sch in defined)
        project.update_schema(lambda mine: _with_defined(mine, defined, report))
    unknown = _unknown_or_raise(project.schema, docs, new_labels)
    if unknown and new_labels == "add":
        project.update_schema(lambda schema: _with_used(schema, unknown, docs))
        report.labels_added, report.roles_added = _added_names(
            unknown, report.labels_added, report.roles_added
        )


def _with_used(
    schema: Schema,
    unknown: dict[_Unknown, tuple[str, int | None]],
    docs: Sequence[ImportedDocument],
) -> Schema:
    """``schema`` with the ``unknown`` names ``docs`` use added (``--new-labels add``): event
    types as events, relation types as relations between any labels, roles on their event
    type taking any label, any number of times (a label list the file carries, adopted
    before, says otherwise: ``_with_defined``), the other names as entities."""
    event_types = {e.type for d in docs for e in d.events}
    labels = {n for k, n, _ in unknown if k == "label"}
    schema = schema.with_labels_added(sorted(labels - event_types), "entity")
    schema = schema.with_labels_added(sorted(labels & event_types), "event")
    relations = sorted({n for k, n, _ in unknown if k == "relation"})
    new_relations = tuple(
        RelationType(name=n, en=n, ar=n) for n in relations if schema.relation(n) is None
    )
    roles: dict[str, list[str]] = {}
    for kind, name, owner in sorted(unknown, key=_unknown_order):
        if kind == "role":
            roles.setdefault(owner, []).append(name)
    events = tuple(
        dataclasses.replace(
            et,
            roles=et.roles + tuple(Role(n, (), "*") for n in roles[et.name] if et.role(n) is None),
        )
        if et.name in roles
        else et
        for et in schema.events
    )
    return dataclasses.replace(schema, relations=schema.relations + new_relations, events=events)


def _previewed(
    schema: Schema, docs: Sequence[ImportedDocument], new_labels: str, adopted: set[int]
) -> Schema:
    """The schema ``_labels`` would leave after ``docs`` (schemas not ``adopted`` yet), built
    without writing it; raises as ``_labels`` raises."""
    step = _label_step(schema, docs, new_labels, adopted, [])
    adopted.update(step.defined)
    return step.after


@dataclass(frozen=True)
class _LabelStep:
    """What ``_labels`` does for one part of a streamed import, worked out before the lock
    from the schema the previous parts leave (``before``): written under the lock only if
    the stored schema is still ``before``."""

    before: Schema
    after: Schema
    writes: bool
    """``_labels`` would write the schema (``Project.update_schema``) for this part"""
    defined: list[int]
    """``id()`` of the label lists the files carry that this part adopts"""
    labels_added: list[str]
    """``ImportReport.labels_added`` once this part is written"""
    roles_added: list[str]
    """``ImportReport.roles_added`` once this part is written"""
    problems: list[Problem]
    """what this part's label lists could not add (``_with_defined``)"""


def _label_step(
    schema: Schema,
    docs: Sequence[ImportedDocument],
    new_labels: str,
    adopted: set[int],
    added: list[str],
    roles: Sequence[str] = (),
) -> _LabelStep:
    """``_labels`` of ``docs`` on ``schema`` (``added``, ``roles``: the labels and roles the
    import added so far), written nowhere; raises as ``_labels`` raises."""
    report = ImportReport(labels_added=list(added), roles_added=list(roles))
    defined = [(src, sch) for src, sch in _defined_labels(docs) if id(sch) not in adopted]
    after = _with_defined(schema, defined, report)
    unknown = _unknown_or_raise(after, docs, new_labels)
    used = bool(unknown) and new_labels == "add"
    if used:
        after = _with_used(after, unknown, docs)
        report.labels_added, report.roles_added = _added_names(
            unknown, report.labels_added, report.roles_added
        )
    return _LabelStep(
        schema, after, bool(defined) or used, [id(sch) for _, sch in defined],
        report.labels_added, report.roles_added, report.problems,
    )  # fmt: skip


SCRATCH_PREFIX = "annotator-import-"
"""``annotator.scratch`` folders holding a streamed import's checked documents"""


@dataclass
class _Ahead:
    """One part of a streamed import as ``_check_ahead`` left it (kept in memory: small)."""

    labels: _LabelStep
    documents: int
    snapshot: bool
    """its rows were built against the project as stored (``_Snapshot``, in the spill)"""


@dataclass
class _Snapshot:
    """One part checked and turned into rows before the write lock, against the project as
    it was then, with what it read of the project to decide (``_same_as_read`` compares that
    with the project under the lock). Spilled beside the part's documents."""

    first_id: int
    shas: list[str]
    known: dict[str, int]
    """the stored documents among the part's texts, as ``Batch.document_ids`` gives them"""
    wanted: dict[str, list[str]]
    """the record ids the part's files give, per kind"""
    taken: dict[str, set[str]]
    """those of ``wanted`` the project held (``Batch.stored_uuids``)"""
    layers: dict[tuple[int, str], list[Record]]
    """the stored layers the part adds to (``Project.layer_records``)"""
    documents: list[Document]
    annotators: set[str]
    records: list[Record]
    statuses: list[DocStatus]
    sources: dict[str, list[str]]
    report: ImportReport

    def __getstate__(self) -> dict[str, Any]:
        # records as plain tuples of their fields: a third smaller in the scratch file than
        # pickled dataclasses (a state dict each), and quicker to read back under the lock
        state = dict(self.__dict__)
        kind = {cls: k for k, cls in enumerate(_ROW_KINDS)}
        state["records"] = [(kind[type(r)], _ROW_FIELDS[type(r)](r)) for r in self.records]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)  # records: (kind, fields) until ``stamped``

    def stamped(self, stamp: Callable[[], str]) -> tuple[list[Record], list[DocStatus]]:
        """The part's records and statuses as read back, each with a clock stamp of ``stamp``
        (the write transaction's clock): rows built before the lock are stamped when they
        are written, so a version committed after another connection's edit is stamped after
        it too (a hub sync pushes the versions stamped after its last push: stamps taken
        while reading left most of an import behind a sync made meanwhile)."""
        records: list[Record] = []
        for k, fields in cast("list[tuple[int, tuple[Any, ...]]]", self.records):
            cls = _ROW_KINDS[k]
            at = _ROW_CLOCK[cls]
            records.append(cls(*fields[:at], stamp(), *fields[at + 1 :]))
        statuses = [dataclasses.replace(st, clock=stamp()) for st in self.statuses]
        return records, statuses


_ROW_KINDS: tuple[type[Any], ...] = (Span, Event, Argument, Relation)
_ROW_FIELDS = {
    cls: operator.attrgetter(*(f.name for f in dataclasses.fields(cls))) for cls in _ROW_KINDS
}
"""each record kind's fields, in its constructor's order, read as one tuple"""
_ROW_CLOCK = {cls: [f.name for f in dataclasses.fields(cls)].index("clock") for cls in _ROW_KINDS}
"""where each record kind's clock stamp is among those fields"""


def _check_ahead(
    project: Project,
    parts: Iterable[list[ImportedDocument]],
    annotator: str,
    new_labels: str,
    strict: bool,
    cancelled: IsCancelled,
    spill: _Spill,
) -> Iterator[_Ahead]:
    """Check ``parts`` as ``_write`` checks them and spill them, without a transaction: a
    strict import's bad label, offset, reference or name raises here, before the write lock
    is asked for. Each part is also checked against the project as it is now (a snapshot:
    its texts, ids and layers already stored) and spilled as the rows ``_write`` would write,
    so the write phase only confirms that what was read is unchanged (``_same_as_read``) and
    writes. A part repeating a text an earlier part adds ends the snapshot: from it on the
    write phase checks everything (``_check_part``), as it does when the project changed."""
    from annotator.project import RECORD_KINDS  # here: importing this module loads no store

    hashes = project.document_hashes()
    next_id = max(hashes.values(), default=0) + 1  # Store.next_document_id
    new_from = next_id  # the first id this import adds
    schema = project.schema
    adopted: set[int] = set()
    added_labels: list[str] = []
    added_roles: list[str] = []
    added: set[str] = set()  # the texts this import adds
    snapshot = True
    for part in parts:
        if cancelled():
            raise Cancelled("import cancelled; nothing was written")
        step = _label_step(schema, part, new_labels, adopted, added_labels, added_roles)
        adopted.update(step.defined)
        schema, added_labels, added_roles = step.after, step.labels_added, step.roles_added
        spill.add(part)  # as read: _import_one sets the keys of events
        prepared = [_prepare(imp) for imp in part]
        shas = sorted({sha for _, _, sha in prepared})
        snapshot = snapshot and added.isdisjoint(shas)
        gathered = _Gathered(
            next_id,
            project.clock.tick if snapshot else str,
            new_from=new_from,
            first_names=spill.first_names,
            stored_names=spill.stored_names,
        )
        known = {sha: hashes[sha] for sha in shas if sha in hashes} if snapshot else {}
        wanted = {k: [u for d in part for u in _uuids(d, k) if u] for k in RECORD_KINDS}
        # the ids of records on stored texts (a file imported again) are looked up; those
        # on new texts are taken as free, which the write phase confirms
        again = [d for d, (_, _, sha) in zip(part, prepared, strict=True) if sha in known]
        taken = {
            k: {u for d in again for u in _uuids(d, k) if u and project.find(u, k) is not None}
            for k in RECORD_KINDS
        }
        gathered.start(dict(known), {k: set(v) for k, v in taken.items()})
        layers = gathered.read_layers(project, part, prepared, annotator) if snapshot else {}
        report = ImportReport()
        if snapshot or strict:  # a lenient import without a snapshot: _write reports it all
            for imp, ready in zip(part, prepared, strict=True):
                _import_one(schema, imp, ready, annotator, new_labels, strict, gathered, report)
        if snapshot:
            spill.add_rows(_Snapshot(
                gathered.first_id, shas, known, wanted, taken, layers, gathered.documents,
                gathered.annotators, gathered.records, gathered.statuses, gathered.sources,
                report,
            ))  # fmt: skip
            next_id = gathered.next_id
            added.update(d.sha256 for d in gathered.documents)
        yield _Ahead(step, len(part), snapshot)
        del part, prepared, gathered, layers, report


def _same_as_read(project: Project, bulk: Batch, snap: _Snapshot) -> bool:
    """Whether the project, under the write lock, still answers what ``snap`` read of it:
    the next document id, its stored texts among the part's, its records among the ids the
    part gives, and the layers the part adds to. What the part's rows were decided from is
    then what ``_import_one`` would decide them from now."""
    return (
        bulk.next_document_id() == snap.first_id
        and bulk.document_ids(snap.shas) == snap.known
        and all(bulk.stored_uuids(k, ids) == snap.taken[k] for k, ids in snap.wanted.items())
        and project.layer_records(sorted(snap.layers)) == snap.layers
    )


def _same_labels(
    project: Project, step: _LabelStep, report: ImportReport, adopted: set[int]
) -> bool:
    """Write the schema ``step`` leaves if the stored one is still the one it started from
    (what ``_labels`` would write then); False, nothing written, if it is not."""
    if step.writes:
        same: list[bool] = []

        def change(stored: Schema) -> Schema:
            same.append(stored == step.before)
            return step.after if same[-1] else stored

        project.update_schema(change)
        if not all(same) or project.schema != step.after:
            return False
    elif project.schema != step.before:
        return False
    adopted.update(step.defined)
    report.labels_added = list(step.labels_added)
    report.roles_added = list(step.roles_added)
    report.problems.extend(step.problems)
    return True


def _add_report(report: ImportReport, part: ImportReport) -> None:
    """Add what ``_import_one`` reported of one part (labels aside: ``_same_labels``)."""
    report.documents_added += part.documents_added
    report.duplicates += part.duplicates
    report.same_text += part.same_text
    report.already_present += part.already_present
    report.conflicts += part.conflicts
    report.spans += part.spans
    report.events += part.events
    report.arguments += part.arguments
    report.relations += part.relations
    report.problems += part.problems
    report.doc_ids += part.doc_ids
    report.event_attributes_moved += part.event_attributes_moved
    report.same_tokens += part.same_tokens  # read before the parts: none in a part's
    report.same_name += part.same_name


_REPORTED = {"labels_added", "roles_added"} | {
    "documents_added", "duplicates", "same_text", "already_present", "conflicts", "spans", "events",
    "arguments", "relations", "problems", "doc_ids", "event_attributes_moved", "same_tokens",
    "same_name",
}  # fmt: skip
if {f.name for f in dataclasses.fields(ImportReport)} != _REPORTED:  # a field _add_report lacks
    raise ImportError("annotator.importing._add_report does not add every ImportReport field")


def _spill_need(files: Sequence[FileStamp]) -> Message:
    """What an import needs of the temporary folder (``scratch.temp_space_error``)."""
    size = sum(max(f.size, 0) for f in files)
    if not size:
        return Message("an import keeps what it read there until it writes, about the size "
                       "of its input, and the rows it will write; nothing was written")  # fmt: skip
    return Message(
        "an import keeps what it read there until it writes, about the size of its input "
        "({size}), and the rows it will write; nothing was written",
        size=scratch.megabytes(size),
    )


def _unchanged_or_raise(files: Sequence[FileStamp]) -> None:
    """Refuse an import whose files changed while they were read (before anything is
    written): what was read may mix the old content and the new."""
    for stamp in files:
        if stamp.changed():
            raise AnnotatorError(
                f"{stamp.path}: the file changed while it was read; nothing was written, "
                "import it again once it is complete"
            )


class _Spill:
    """Checked documents kept in a private scratch file (``annotator.scratch``) between the
    reading and the write phase: the memory of one part, whatever the input's size. Each
    part is kept as read (``add``, for a write phase that checks it again) and, when it was
    checked against the project as stored, as the rows to write (``add_rows``).

    The label lists the files carry (``ImportedDocument.schema``) stay in memory and come
    back as the same objects, so each is adopted once."""

    def __init__(self, path: Path, need: Message) -> None:
        self.path = path
        self._need = need  # what a full temporary folder is told (``scratch.room``)
        with scratch.room(need):
            self._fh = path.open("wb")
        self._schemas: list[Schema] = []
        self._index: dict[int, int] = {}
        self._parts: list[int] = []  # where each part starts in the file
        self._rows: dict[int, int] = {}  # part -> where its rows start
        self._reader: BinaryIO | None = None
        self.first_names: dict[str, str] = {}
        """sha256 → the first name a text was added under, over both phases"""
        self.stored_names: _StoredNames | None = None
        """the names stored before the import, read once for both phases"""

    def add(self, part: list[ImportedDocument]) -> None:
        schemas: list[int] = []
        for d in part:
            sch = d.schema
            if sch is None:
                schemas.append(-1)
                continue
            if id(sch) not in self._index:
                self._index[id(sch)] = len(self._schemas)
                self._schemas.append(sch)
            schemas.append(self._index[id(sch)])
            d.schema = None
        try:
            self._dump((part, schemas), self._parts)
        finally:
            for d, k in zip(part, schemas, strict=True):
                if k >= 0:
                    d.schema = self._schemas[k]

    def add_rows(self, rows: _Snapshot) -> None:
        """The rows of the part added last."""
        starts: list[int] = []
        self._dump(rows, starts)
        self._rows[len(self._parts) - 1] = starts[0]

    def _dump(self, obj: object, starts: list[int]) -> None:
        with scratch.room(self._need):
            starts.append(self._fh.tell())
            pickle.dump(obj, self._fh, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        with scratch.room(self._need):
            self._fh.close()

    def _load(self, at: int) -> Any:
        if self._reader is None:
            with scratch.room(self._need):
                self._fh.close()
            self._reader = self.path.open("rb")
        self._reader.seek(at)
        return pickle.load(self._reader)  # our own private file, written just now

    def part(self, k: int) -> list[ImportedDocument]:
        """Part ``k`` as read."""
        part, schemas = self._load(self._parts[k])
        for d, i in zip(part, schemas, strict=True):
            if i >= 0:
                d.schema = self._schemas[i]
        return cast("list[ImportedDocument]", part)

    def rows(self, k: int) -> _Snapshot:
        """The rows of part ``k`` (``_Ahead.snapshot``)."""
        return cast("_Snapshot", self._load(self._rows[k]))


PART_WEIGHT = 2_000_000
"""a part also ends once its texts' characters plus 50 per annotation reach this: a CoNLL
document of 33 KB carries 760 spans and its tokens, and 500 of them held 870 MB"""


def _weight(doc: ImportedDocument) -> int:
    return len(doc.text) + 50 * (len(doc.spans) + len(doc.events) + len(doc.relations))


def _parts(docs: Iterable[ImportedDocument], size: int) -> Iterator[list[ImportedDocument]]:
    it = iter(docs)
    while True:
        part: list[ImportedDocument] = []
        weight = 0
        for doc in it:
            part.append(doc)
            weight += _weight(doc)
            if len(part) >= size or weight >= PART_WEIGHT:
                break
        if not part:
            return
        yield part
        del part, doc  # before the next part is read: one part held at a time


def _write(
    project: Project,
    docs: Iterable[ImportedDocument],
    annotator: str,
    new_labels: str,
    strict: bool,
    progress: Callable[[int], None],
    cancelled: IsCancelled,
    report: ImportReport,
    whole: Sequence[ImportedDocument] | None,
) -> None:
    """Write ``docs`` part by part in one transaction. ``whole``: the same documents as a
    list, whose labels are taken at once (else part by part)."""
    adopted: set[int] = set()
    done = 0
    with project.batch() as bulk:
        if whole is not None:
            _labels(project, whole, new_labels, report, adopted)
        batch = _Gathered(bulk.next_document_id(), bulk.stamper, stored_names=_StoredNames(project))
        for part in _parts(docs, CHUNK_DOCUMENTS):
            if whole is None:
                _labels(project, part, new_labels, report, adopted)
            done = _check_part(project, bulk, batch, part, annotator, new_labels, strict,
                               progress, cancelled, report, done)  # fmt: skip
            del part  # let go of this part before the next one is read
        _log_sources(bulk, batch.sources)


def _log_sources(bulk: Batch, sources: dict[str, list[str]]) -> None:
    """One change-log line per source file: the texts it brought (sha256), in order."""
    bulk.log(
        ("", "import", "documents", source, None, {"documents": shas})
        for source, shas in sources.items()
    )


def _write_checked(
    project: Project,
    spill: _Spill,
    ahead: Sequence[_Ahead],
    annotator: str,
    new_labels: str,
    strict: bool,
    progress: Callable[[int], None],
    cancelled: IsCancelled,
    report: ImportReport,
) -> None:
    """The write phase of a streamed import, in one transaction: each part checked against
    a snapshot (``_check_ahead``) is written as its rows were built when the project still
    answers what the snapshot read (``_same_as_read``, ``_same_labels``); from the first part
    it does not (another connection wrote meanwhile) or that has no rows, every part is read
    back and checked again under the lock (``_check_part``), as before ADR 0008's snapshot."""
    adopted: set[int] = set()
    sources: dict[str, list[str]] = {}
    done = 0
    batch: _Gathered | None = None  # once set: every part checked under the lock
    with project.batch() as bulk:
        new_from = bulk.next_document_id()  # the first id this import adds
        for k, part_ahead in enumerate(ahead):
            if cancelled():
                raise Cancelled("import cancelled; nothing was written")
            if batch is None and part_ahead.snapshot:
                snap = spill.rows(k)
                if _same_as_read(project, bulk, snap) and _same_labels(
                    project, part_ahead.labels, report, adopted
                ):
                    rows = _Gathered(snap.first_id, bulk.stamper, first_id=snap.first_id)
                    rows.records, rows.statuses = snap.stamped(bulk.stamper)
                    rows.documents, rows.annotators = snap.documents, snap.annotators
                    rows.flush(bulk)
                    _add_report(report, snap.report)
                    for source, shas in snap.sources.items():
                        sources.setdefault(source, []).extend(shas)
                    done += part_ahead.documents
                    progress(done)
                    del snap, rows
                    continue
                del snap
            if batch is None:
                batch = _Gathered(
                    bulk.next_document_id(),
                    bulk.stamper,
                    new_from=new_from,
                    sources=sources,
                    first_names=spill.first_names,
                    stored_names=spill.stored_names,
                )
            part = spill.part(k)
            _labels(project, part, new_labels, report, adopted)
            done = _check_part(project, bulk, batch, part, annotator, new_labels, strict,
                               progress, cancelled, report, done)  # fmt: skip
            del part
        _log_sources(bulk, sources)


def _check_part(
    project: Project,
    bulk: Batch,
    batch: _Gathered,
    part: Sequence[ImportedDocument],
    annotator: str,
    new_labels: str,
    strict: bool,
    progress: Callable[[int], None],
    cancelled: IsCancelled,
    report: ImportReport,
    done: int,
) -> int:
    """Check one part against the project under the write lock and write it; returns the
    documents done so far."""
    from annotator.project import RECORD_KINDS  # here: importing this module loads no store

    prepared = [_prepare(imp) for imp in part]
    wanted = {kind: [u for d in part for u in _uuids(d, kind) if u] for kind in RECORD_KINDS}
    batch.start(
        bulk.document_ids(sorted({sha for _, _, sha in prepared})),
        {kind: bulk.stored_uuids(kind, uuids) for kind, uuids in wanted.items()},
    )
    batch.read_layers(project, part, prepared, annotator)
    for imp, ready in zip(part, prepared, strict=True):
        if cancelled():
            raise Cancelled("import cancelled; nothing was written")
        _import_one(project.schema, imp, ready, annotator, new_labels, strict, batch, report)
        done += 1
        progress(done)
    batch.flush(bulk)
    return done


def _prepare(imp: ImportedDocument) -> tuple[str, Callable[[int], int], str]:
    """The stored text of an imported document, its offset map and its sha256."""
    text, remap = normalise_with_offsets(imp.text)
    return text, remap, sha256_text(text)


def _uuids(doc: ImportedDocument, kind: str) -> list[str]:
    if kind == "spans":
        return [s.uuid for s in doc.spans]
    if kind == "events":
        return [e.uuid for e in doc.events]
    if kind == "arguments":
        return [u for e in doc.events for u in e.argument_uuids]
    return [r.uuid for r in doc.relations]


@dataclass
class _Gathered:
    """Rows of one part of an import, written with executemany when it is complete."""

    next_id: int
    stamp: Callable[[], str]
    """a fresh clock stamp (``Batch.stamp``)"""
    first_id: int = 0
    """the id of the first document this part adds (those below are stored)"""
    new_from: int = -1
    """the id of the first document this import adds (-1: ``next_id``): a text repeated on a
    document below it was in the project before the import (``ImportReport.duplicates``)"""
    known: dict[str, int] = field(default_factory=dict)
    """sha256 -> id of the stored documents this part's texts repeat, and of those it adds"""
    taken: dict[str, set[str]] = field(default_factory=dict)
    """uuids per record kind that the project already has, or this part already used"""
    documents: list[Document] = field(default_factory=list)
    annotators: set[str] = field(default_factory=set)
    records: list[Record] = field(default_factory=list)
    statuses: list[DocStatus] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)
    """file → sha256 of the documents it added (one change-log line per imported file)"""
    first_names: dict[str, str] = field(default_factory=dict)
    """sha256 → the name this import first added that text under (shared by every part of a
    streamed import: ``_Spill.first_names``)"""
    layers: dict[tuple[int, str], _Layer] = field(default_factory=dict)
    stored_names: _StoredNames | None = None
    """the names of the documents stored before the import (``ImportReport.same_name``)"""
    _labels: tuple[Schema, frozenset[str]] | None = None

    def __post_init__(self) -> None:
        if self.new_from < 0:
            self.new_from = self.next_id

    def start(self, known: dict[str, int], taken: dict[str, set[str]]) -> None:
        """Begin a part: what the project holds of its texts and record ids (earlier parts
        included: they are written by then)."""
        self.first_id = self.next_id
        self.known, self.taken = known, taken
        self.layers = {}

    def add_document(self, doc: Document, source: str) -> int:
        doc_id = self.next_id
        self.next_id += 1
        self.documents.append(doc)
        self.known[doc.sha256] = doc_id
        self.first_names.setdefault(doc.sha256, doc.name)
        self.sources.setdefault(source, []).append(doc.sha256)
        return doc_id

    def labels_of(self, schema: Schema) -> frozenset[str]:
        """``_span_labels(schema)``, computed once per schema."""
        if self._labels is None or self._labels[0] is not schema:
            self._labels = (schema, _span_labels(schema))
        return self._labels[1]

    def read_layers(
        self,
        project: Project,
        part: Sequence[ImportedDocument],
        prepared: Sequence[tuple[str, Callable[[int], int], str]],
        default_annotator: str,
    ) -> dict[tuple[int, str], list[Record]]:
        """Read at once what the layers this part adds to on stored documents hold: a fixed
        number of queries per part (``Project.layer_records``), not five per document.
        Returns what was read."""
        keys = {
            (self.known[sha], imp.annotator or default_annotator or DEFAULT_ANNOTATOR)
            for imp, (_, _, sha) in zip(part, prepared, strict=True)
            if sha in self.known
        }
        read = project.layer_records(sorted(keys))
        for key, held in read.items():
            layer = self.layers[key] = _Layer()
            for rec in held:
                layer.add(rec)
        return read

    def layer(self, doc_id: int, annotator: str) -> _Layer:
        """What the layer holds on a document: stored live records (``read_layers``) plus
        this part's."""
        return self.layers.setdefault((doc_id, annotator), _Layer())

    def fresh(self, kind: str, wanted: str) -> str:
        """Keep a record's own uuid (lossless round trips) unless it is not a valid id or
        already taken in the project or in this import."""
        taken = self.taken[kind]
        uid = wanted if wanted and rules.uuid_problem(wanted) is None else ""
        if not uid or uid in taken:
            uid = new_uuid()
        taken.add(uid)
        return uid

    def flush(self, bulk: Batch) -> None:
        """Write this part's rows and let go of them."""
        ids = bulk.add_documents(self.documents)
        if ids and ids[0] != self.first_id:
            raise RuntimeError(
                "document ids moved during an import"
            )  # cannot happen under the write lock
        bulk.add_annotators(sorted(self.annotators))
        # every record is a first version: fresh() gave it a uuid the project lacks
        bulk.put_new(self.records)
        bulk.set_statuses(self.statuses)
        self.documents, self.records, self.statuses = [], [], []
        self.annotators = set()
        self.layers = {}


@dataclass
class _Layer:
    """Index of one document layer, so an import never stacks what the layer already has."""

    records: dict[str, Record] = field(default_factory=dict)
    spans: dict[tuple[Any, ...], Span] = field(default_factory=dict)
    events: dict[tuple[str, str], Event] = field(default_factory=dict)
    arguments: set[tuple[str, str, str]] = field(default_factory=set)
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    flattened: dict[tuple[int, int, str], Span] = field(default_factory=dict)
    """the discontinuous spans by their outer bounds and label: what a format that cannot
    hold fragments (CoNLL, doccano, Label Studio...) wrote of them, read back, repeats them"""

    def add(self, rec: Record) -> None:
        self.records[rec.uuid] = rec
        if isinstance(rec, Span):
            self.spans.setdefault(rules.same_span(rec), rec)
            if rec.fragments:
                self.flattened.setdefault((rec.start, rec.end, rec.label), rec)
        elif isinstance(rec, Event):
            self.events.setdefault((rec.type, rec.trigger), rec)
        elif isinstance(rec, Argument):
            self.arguments.add((rec.event, rec.role, rec.target))
        else:
            self.relations.add((rec.type, rec.source, rec.target))

    def same_span(self, uuid: str, key: tuple[Any, ...]) -> Span | None:
        """The span of the layer that a span with id ``uuid`` (given in the file, else "")
        and ``key`` (``rules.same_span``) repeats: the one with its id when it carries one (two
        spans may share place and label), else the one at the same place with the same
        label."""
        if uuid:
            held = self.records.get(uuid)
            return held if isinstance(held, Span) else None
        return self.spans.get(key)


def _defined_labels(docs: Sequence[ImportedDocument]) -> list[tuple[str, Schema]]:
    """(source, schema) for each label list the read files carry, once each."""
    out: dict[int, tuple[str, Schema]] = {}
    for d in docs:
        if d.schema is not None:
            out.setdefault(id(d.schema), (d.source, d.schema))
    return list(out.values())


def _with_defined(
    schema: Schema, defined: list[tuple[str, Schema]], report: ImportReport
) -> Schema:
    """``schema`` with the labels and the attributes the files define and it lacks, as a
    merge adds a bundle's (``annotator.exchange``: ``adopt_labels``, attributes adopted
    whether or not a label is); each attribute added is said in ``report.problems`` (as a
    change of the file's), and so is what cannot be added."""
    for source, theirs in defined:
        adopted = adopt_labels(schema, theirs)
        schema = adopted.schema
        report.labels_added += [n for n in adopted.added if n not in report.labels_added]
        if adopted.refused:
            report.problems.append(
                Problem(source, None, f"labels it defines not added: {adopted.refused}")
            )
        report.problems += [
            Changed(
                source,
                None,
                Message(
                    "attribute {attribute} it defines added to the schema, on {labels}",
                    attribute=quoted(a.name),
                    labels=", ".join(printable(n) for n in a.labels),
                )
                if a.labels
                else Message(
                    "attribute {attribute} it defines added to the schema, on every label",
                    attribute=quoted(a.name),
                ),
            )
            for a in adopted.attributes_added
        ]
        # a label of theirs that is ours written otherwise is not added, and what carries it
        # is never relabelled (skipped or refused by --new-labels): said so, not "taken"; an
        # attribute so written is taken as ours, its values kept under our name
        report.problems += [
            Changed(
                source,
                None,
                Message(
                    "label {theirs} it defines not added to the schema: it is the schema's "
                    "{ours} written otherwise (they differ only in case, harakat, tatweel, alef "
                    "forms or digit forms); its annotations are not relabelled",
                    theirs=quoted(theirs),
                    ours=quoted(ours),
                ),
            )
            for theirs, ours in adopted.taken
        ]
        report.problems += [
            Changed(
                source,
                None,
                Message(
                    "{kind} {theirs} it defines taken as the schema's {ours} (one name: they "
                    "differ only in case, harakat, tatweel, alef forms or digit forms)",
                    kind=Message("attribute"),
                    theirs=quoted(theirs),
                    ours=quoted(ours),
                ),
            )
            for theirs, ours in adopted.attributes_taken
        ]
    return schema


def _unknown_labels(
    schema: Schema, docs: Sequence[ImportedDocument], new_labels: str = "error"
) -> dict[_Unknown, tuple[str, int | None]]:
    """The span labels, event types, relation types and roles ``docs`` use that ``schema``
    lacks, each with where it is first used. The roles of an event type the schema lacks
    are counted only when it is to be added (``new_labels`` ``add``): else the event goes
    with its type."""
    unknown: dict[_Unknown, tuple[str, int | None]] = {}
    labels, event_types = _span_labels(schema), {e.name for e in schema.events}
    relation_types = {r.name for r in schema.relations}
    roles = {(e.name, r.name) for e in schema.events for r in e.roles}
    for d in docs:
        if (
            labels.issuperset([s.label for s in d.spans])
            and event_types.issuperset([e.type for e in d.events])
            and relation_types.issuperset([r.type for r in d.relations])
            and roles.issuperset([(e.type, role) for e in d.events for role, _ in e.arguments])
        ):  # the common document: every name known, decided in C
            continue
        for s in d.spans:
            if s.label not in labels:
                unknown.setdefault(("label", s.label, ""), (d.source, s.line or d.line))
        for e in d.events:
            where = (d.source, e.line or d.line)
            if e.type not in event_types:
                unknown.setdefault(("label", e.type, ""), where)
                if new_labels != "add":
                    continue
            for role, _ in e.arguments:
                if (e.type, role) not in roles:
                    unknown.setdefault(("role", role, e.type), where)
        for r in d.relations:
            if r.type not in relation_types:
                unknown.setdefault(("relation", r.type, ""), (d.source, r.line or d.line))
    return unknown


def _span_labels(schema: Schema) -> frozenset[str]:
    """The names ``schema.label`` knows (entity labels and event types)."""
    return frozenset(e.name for e in (*schema.entities, *schema.events))


def _nameless(imp: ImportedDocument) -> str:
    """The name of a document its file gives none: ``FILE:LINE`` for a record of a file of
    several (``formats.plain.row_name``, as CSV, doccano and Label Studio name theirs: two
    records never share a name), else the file's name without suffix."""
    if imp.line is None:
        return Path(imp.source).stem
    from annotator.formats.plain import row_name  # only for a record without a name

    return row_name(imp.source, imp.line)


def _import_one(
    schema: Schema,
    imp: ImportedDocument,
    ready: tuple[str, Callable[[int], int], str],
    default_annotator: str,
    new_labels: str,
    strict: bool,
    batch: _Gathered,
    report: ImportReport,
) -> None:
    text, remap, sha = ready
    name = imp.name or _nameless(imp) or sha[:12]
    annotator = imp.annotator or default_annotator or DEFAULT_ANNOTATOR
    bad = rules.document_name_problem(name) or rules.annotator_problem(annotator)
    if bad is not None:
        if strict:
            raise ImportFormatError(imp.source, imp.line, bad.message)
        report.problems.append(Problem(imp.source, imp.line, f"{bad.message}; skipped"))
        return
    if sha in batch.known:
        # the text is already there: its annotations join their layer, deduplicated
        doc_id = batch.known[sha]
        where = f"{name} ({imp.source}{f':{imp.line}' if imp.line else ''})"
        if doc_id < batch.new_from:
            report.duplicates.append(where)
        elif batch.first_names.get(sha, name) != name:  # else a second layer of one document
            report.same_text.append((where, batch.first_names[sha]))
    else:
        # readers build fresh JSON objects: no defensive copy of meta needed
        doc_id = batch.add_document(
            Document(0, name, text, sha, imp.meta, imp.raw_sha256), imp.source
        )
        report.documents_added += 1
        if batch.stored_names is not None and name in batch.stored_names:
            report.same_name.append(f"{name} ({imp.source}{f':{imp.line}' if imp.line else ''})")
        report.doc_ids.append(doc_id)
    batch.annotators.add(annotator)
    for line, problem in _attributes_as_ours(schema, imp):
        if strict:
            raise ImportFormatError(imp.source, line or imp.line, problem)
        report.problems.append(Problem(imp.source, line or imp.line, problem))
    lifted = _lift_event_attributes(schema, imp, report)
    layer = batch.layer(doc_id, annotator)
    labels = batch.labels_of(schema)
    check = rules.LayerRules(schema, text, annotator, name)
    tick = batch.stamp
    records: list[Record] = []
    spans: dict[str, Span] = {}  # source key -> span
    events: dict[str, Event] = {}  # source key -> event (content checked below)

    def fail(line: int | None, message: str) -> None:
        if strict:
            raise ImportFormatError(imp.source, line or imp.line, message)
        report.problems.append(Problem(imp.source, line or imp.line, message))

    def unknown_skipped(line: int | None, what: str, name: str) -> bool:
        if new_labels == "skip":
            report.problems.append(
                Problem(
                    imp.source,
                    line or imp.line,
                    Message("unknown {kind} {name} skipped", kind=what, name=quoted(name)),
                )
            )
            return True
        return False

    skipped: set[str] = set()  # keys of the spans and events skipped for an unknown name

    def left_out(line: int | None, message: Message) -> None:
        """An annotation skipped with what it needs (``--new-labels skip``)."""
        report.problems.append(Problem(imp.source, line or imp.line, message))

    def duplicate_key(key: str, line: int | None) -> bool:
        if key and (key in spans or key in events):
            fail(line, Message("id {id} is used twice in this document", id=quoted(key)))
            return True
        return False

    # once per imported span (most records): the helpers written out, no call per span that
    # the common case does not need (duplicate_key, _int_pair, fresh, same_span, freeze)
    taken, records_of, spans_at = batch.taken["spans"], layer.records, layer.spans
    flattened = layer.flattened
    length, same = len(imp.text), remap is _same
    added = 0
    for s in imp.spans:
        label, wanted, s_start, s_end = s.label, s.uuid, s.start, s.end
        if label not in labels and unknown_skipped(s.line, Message("label"), label):
            if s.key:
                skipped.add(s.key)
            continue
        if s.key and (s.key in spans or s.key in events) and duplicate_key(s.key, s.line):
            continue
        if not (
            type(s_start) is int and type(s_end) is int and 0 <= s_start < s_end <= length
        ):  # offsets are given against the text as read, before normalisation
            fail(s.line, Message(
                "span {start}-{end} ({label}) is outside the text (length {length})",
                start=quoted(s_start), end=quoted(s_end), label=quoted(label), length=length,
            ))  # fmt: skip
            continue
        start, end = (s_start, s_end) if same else (remap(s_start), remap(s_end))
        frags = tuple((remap(a), remap(b)) for a, b in s.fragments) if s.fragments else ()
        # batch.fresh("spans", wanted): the file's id unless the id rule refuses it or taken
        if wanted and rules.uuid_problem(wanted) is None and wanted not in taken:
            uid = wanted
        else:
            uid = new_uuid()
        taken.add(uid)
        key = (start, end, frags, label)  # rules.same_span of the span below (SAME_SPAN)
        held = records_of.get(wanted) if wanted else spans_at.get(key)  # layer.same_span
        if held is not None and not isinstance(held, Span):
            held = None
        flat = None
        if held is None and not frags and not wanted and flattened:
            held = flat = flattened.get((start, end, label))
        attributes = s.attributes
        judged = None
        if lifted and id(s) in lifted:  # an older version's trigger attributes (see below)
            attributes, judged = lifted[id(s)]
        span = _span(
            uid, doc_id, annotator, start, end, label, text[start:end],
            _frozen(attributes), s.note, frags,
            "" if held is not None else tick(),
        )  # fmt: skip
        bad = check.span(  # its id was accepted just above
            span if judged is None else dataclasses.replace(span, attributes=judged),
            id_checked=True,
        )
        if bad is not None:
            fail(s.line, Message("span {start}-{end} ({label}): {problem}", start=s_start,
                                 end=s_end, label=quoted(label), problem=bad.message))  # fmt: skip
            continue
        if held is not None:
            spans[s.key or uid] = held
            # a flattened discontinuous span is at its place (``_Layer.flattened``)
            place = flat is not None or rules.same_span(held) == rules.same_span(span)
            if place and (held.attributes, held.note) == (span.attributes, span.note):
                report.already_present += 1
            else:
                shown = printable(s.key) if s.key else s_start
                report.conflicts.append(Problem(imp.source, s.line or imp.line, Message(
                    "span {span} differs from the stored {uuid}", span=shown, uuid=held.uuid
                )))  # fmt: skip
            continue
        spans[s.key or uid] = span
        records_of[uid] = span  # layer.add(span)
        spans_at.setdefault(key, span)
        if frags:
            flattened.setdefault((start, end, label), span)
        records.append(span)
        added += 1
    report.spans += added
    for e in imp.events:
        if schema.event(e.type) is None and unknown_skipped(e.line, Message("event type"), e.type):
            if e.key:
                skipped.add(e.key)
            continue
        if e.trigger in skipped and e.trigger not in spans:
            left_out(e.line, Message(
                "event {event}: its trigger {trigger} was skipped",
                event=printable(e.key or e.type),
                trigger=printable(e.trigger),
            ))  # fmt: skip
            if e.key:
                skipped.add(e.key)
            continue
        if duplicate_key(e.key, e.line):
            continue
        trigger = spans[e.trigger].uuid if e.trigger in spans else ""
        held_event = layer.records.get(e.uuid) if e.uuid else layer.events.get((e.type, trigger))
        if not isinstance(held_event, Event):
            held_event = None
        uid = held_event.uuid if held_event is not None else batch.fresh("events", e.uuid)
        e.key = e.key or uid
        attrs = lifted[id(e)][0] if lifted and id(e) in lifted else e.attributes
        events[e.key] = held_event or Event(
            uid, doc_id, annotator, e.type, trigger, _frozen(attrs), e.note
        )
    for e in imp.events:
        ev = events.get(e.key)
        if ev is None:
            continue
        label = printable(e.key or e.type)
        if e.trigger not in spans:
            fail(e.line, Message("event {event}: trigger {trigger} is not a span of this document",
                                 event=label, trigger=printable(e.trigger)))  # fmt: skip
            continue
        event_held = ev.uuid in layer.records
        if event_held and (ev.type, ev.trigger) != (e.type, spans[e.trigger].uuid):
            report.conflicts.append(Problem(imp.source, e.line or imp.line,
                Message("event {event} differs from the stored {uuid}", event=label,
                        uuid=ev.uuid)))  # fmt: skip
            continue
        bad = check.event(ev, spans[e.trigger], id_checked=not event_held)
        if bad is None and not event_held:
            ev = _stamped(ev, tick())  # stamped before its arguments
        args: list[Argument] = []
        event_type = schema.event(ev.type)
        for k, (role, target_key) in enumerate(e.arguments):
            if bad is not None:
                break
            if new_labels == "skip" and event_type is not None and event_type.role(role) is None:
                left_out(e.line, Message(
                    "event {event}: unknown role {role} of {type} skipped",
                    event=label, role=quoted(role), type=quoted(ev.type),
                ))  # fmt: skip
                continue
            target: Span | Event | None = spans.get(target_key) or events.get(target_key)
            if target is None and target_key in skipped:
                left_out(e.line, Message(
                    "event {event}: argument {role}: its target {target} was skipped",
                    event=label, role=quoted(role), target=printable(target_key),
                ))  # fmt: skip
                continue
            if target is None:
                bad = rules.Violation(
                    "dangling",
                    Message(
                        "argument {role}:{target} is unknown",
                        role=printable(role),
                        target=printable(target_key),
                    ),
                )
                break
            if (ev.uuid, role, target.uuid) in layer.arguments:
                report.already_present += 1
                continue
            wanted = e.argument_uuids[k] if k < len(e.argument_uuids) else ""
            arg = Argument(batch.fresh("arguments", wanted), ev.uuid, doc_id, annotator, role,
                           target.uuid, tick())  # fmt: skip
            bad = check.argument(ev, arg, target, id_checked=True)
            if bad is None and rules.repeated_argument_problem(ev, arg, args) is not None:
                report.already_present += 1  # the line names the same filler twice
                continue
            args.append(arg)
        if bad is not None:
            fail(e.line, Message("event {event}: {problem}", event=label, problem=bad.message))
            continue
        if event_held:
            report.already_present += 1
        else:
            layer.add(ev)
            records.append(ev)
            report.events += 1
        for a in args:
            layer.add(a)
            records.append(a)
        report.arguments += len(args)
    for r in imp.relations:
        relation = printable(r.key or r.type)
        if schema.relation(r.type) is None and unknown_skipped(
            r.line, Message("relation type"), r.type
        ):
            continue
        src, dst = spans.get(r.source), spans.get(r.target)
        gone = [k for k, x in ((r.source, src), (r.target, dst)) if x is None and k in skipped]
        if gone:
            left_out(r.line, Message(
                "relation {relation}: its argument {target} was skipped",
                relation=relation, target=printable(gone[0]),
            ))  # fmt: skip
            continue
        if src is None or dst is None:
            fail(r.line, Message(
                "relation {relation}: unknown argument {source}/{target}", relation=relation,
                source=printable(r.source), target=printable(r.target),
            ))  # fmt: skip
            continue
        if (r.type, src.uuid, dst.uuid) in layer.relations:
            report.already_present += 1
            continue
        rel = Relation(
            batch.fresh("relations", r.uuid), doc_id, annotator, r.type, src.uuid, dst.uuid,
            _frozen(r.attributes), r.note, tick(),
        )  # fmt: skip
        bad = check.relation(rel, src, dst, id_checked=True)
        if bad is not None:
            fail(r.line, Message("relation {relation}: {problem}", relation=relation,
                                 problem=bad.message))  # fmt: skip
            continue
        layer.add(rel)
        records.append(rel)
        report.relations += 1
    batch.records.extend(records)
    if imp.status:
        try:
            st = Status(imp.status)
        except ValueError:
            fail(imp.line, Message("unknown status {status}", status=quoted(imp.status)))
        else:
            batch.statuses.append(DocStatus(doc_id, annotator, st, tick()))


def _attributes_as_ours(schema: Schema, imp: ImportedDocument) -> list[tuple[int | None, str]]:
    """Rename, in ``imp``'s spans, events and relations, each attribute key that its file's
    schema names otherwise than ``schema`` (taken as the schema's: ``_with_defined``), so the
    record is judged against the schema's definition (``label_map.relabel`` does the same in
    a merge). A record carrying both spellings is left out: (its line, the reason) each."""
    if imp.schema is None:
        return []
    names = attributes_taken(schema, imp.schema)
    if not names:
        return []
    problems: list[tuple[int | None, str]] = []
    dropped: set[int] = set()
    kinds: list[tuple[Message, Sequence[ImportedSpan | ImportedEvent | ImportedRelation]]] = [
        (Message("span"), imp.spans),
        (Message("event"), imp.events),
        (Message("relation"), imp.relations),
    ]
    for what, items in kinds:
        for item in items:
            attributes = renamed_attributes(item.attributes, names)
            if isinstance(attributes, Message):
                reason = Message(
                    "{kind} {key}: {problem}",
                    kind=what,
                    key=printable(item.key or item.uuid),
                    problem=attributes,
                )
                problems.append((item.line, reason))
                dropped.add(id(item))
            else:
                item.attributes = attributes
    if dropped:
        imp.spans = [x for x in imp.spans if id(x) not in dropped]
        imp.events = [x for x in imp.events if id(x) not in dropped]
        imp.relations = [x for x in imp.relations if id(x) not in dropped]
    return problems


def _lift_event_attributes(
    schema: Schema, imp: ImportedDocument, report: ImportReport
) -> dict[int, tuple[dict[str, Any], dict[str, Any] | None]]:
    """The attributes to write for the spans and events of ``imp`` whose event attributes an
    older version wrote on the trigger span (``rules.lift_event_attributes``), by ``id()`` of
    the imported span or event: ``(written, judged)``, ``judged`` the span's attributes as
    the rules judge them (None: as written). Moved onto each event of the trigger (the
    event's value wins; a difference is a 'changed' line); a trigger without an event keeps
    them, judged without them (``annotator check`` reports them), as a stored project keeps
    them. ``imp`` is not changed (a strict import reads each document twice). Counted in
    ``report``."""
    out: dict[int, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    triggers = [
        s
        for s in imp.spans
        if s.attributes and rules.event_attributes_on_trigger(schema, s.label, s.attributes)
    ]
    if not triggers:
        return out
    where = imp.line
    for s in triggers:
        on_trigger = rules.event_attributes_on_trigger(schema, s.label, s.attributes)
        moved: set[str] = set()
        events = [e for e in imp.events if s.key and e.trigger == s.key]
        for e in events:
            before = out[id(e)][0] if id(e) in out else e.attributes
            lift = rules.lift_event_attributes(schema, s.label, s.attributes, e.type, before)
            out[id(e)] = (lift.event, None)
            moved.update(lift.moved)
            for name, theirs, kept in lift.conflicts:
                report.problems.append(Changed(imp.source, e.line or where, Message(
                    "event {event}: {name} {kept} kept, its trigger span {span} said {theirs} "
                    "(an older version wrote both)", event=printable(e.key or e.type),
                    name=printable(name), kept=quoted(kept), span=printable(s.key),
                    theirs=quoted(theirs))))  # fmt: skip
        report.event_attributes_moved += len(moved)
        kept = {k: v for k, v in s.attributes.items() if k not in moved}
        left = sorted(set(on_trigger) - moved)
        if left:  # no event takes them: kept where the file has them, never refused
            report.problems.append(Changed(imp.source, s.line or where, Message(
                "span {span} ({label}): {names} kept on the trigger span: no event of it takes "
                "them (annotator check reports them)", span=printable(s.key),
                label=quoted(s.label), names=", ".join(printable(n) for n in left))))  # fmt: skip
            out[id(s)] = (kept, {k: v for k, v in kept.items() if k not in on_trigger})
        else:
            out[id(s)] = (kept, None)
    return out


_SPAN_FIELDS = ("uuid", "doc_id", "annotator", "start", "end", "label", "text", "attributes",
                "note", "fragments", "clock", "deleted")  # fmt: skip
if tuple(f.name for f in dataclasses.fields(Span)) != _SPAN_FIELDS:  # model.Span changed
    raise ImportError("annotator.importing._span does not fill the fields of model.Span")
_NEW = object.__new__
_SET = object.__setattr__


def _span(
    uuid: str, doc_id: int, annotator: str, start: int, end: int, label: str, text: str,
    attributes: dict[str, Any], note: str, fragments: tuple[tuple[int, int], ...], clock: str,
) -> Span:  # fmt: skip
    """``Span(...)`` of a live span, its instance dict filled at once: the generated
    ``__init__`` of a frozen dataclass sets each of its 12 fields through
    ``object.__setattr__`` (once per imported span; the store reads spans the same way)."""
    span: Span = _NEW(Span)
    _SET(span, "__dict__", {
        "uuid": uuid, "doc_id": doc_id, "annotator": annotator, "start": start, "end": end,
        "label": label, "text": text, "attributes": attributes, "note": note,
        "fragments": fragments, "clock": clock, "deleted": False,
    })  # fmt: skip
    return span


_PLAIN = (str, int, bool)


def _frozen(attributes: dict[str, Any]) -> dict[str, Any]:
    """``freeze(attributes)``; an empty object or one of a single plain value (most imported
    attributes) copied without sorting or checking the rest."""
    if not attributes:
        return {}
    if type(attributes) is dict and len(attributes) == 1:
        ((name, value),) = attributes.items()
        if type(name) is str and type(value) in _PLAIN:
            return {name: value}
    return freeze(attributes)


def _stamped(event: Event, clock: str) -> Event:
    """``dataclasses.replace(event, clock=clock)``, its instance dict copied at once."""
    out: Event = _NEW(Event)
    _SET(out, "__dict__", {**event.__dict__, "clock": clock})
    return out


def _int_pair(a: object, b: object) -> bool:
    return type(a) is int and type(b) is int


def index_after_import(project: Project) -> str | None:
    """Bring the project's search index up to date with the documents an import added (the
    command line's and the window's imports both call this once the import is committed), so
    the search narrows at once. The index is a cache over the folded texts, never the only
    copy: when it cannot be updated the import stands, searches scan the documents, and the
    reason is returned for the caller to show (None: the index is current)."""
    try:
        project.ensure_search_index()
    except AnnotatorError as exc:
        return Message(
            "import done; the search index was not updated, searches scan the documents until "
            "it is: {why}",
            why=_index_failure(project.path, exc),
        )
    return None


def _index_failure(path: Path, exc: AnnotatorError) -> str:
    """Why the index after an import failed, without the store's "nothing was written" (the
    import was written): a full disk is told apart from a full temporary folder, where SQLite
    sorts while it builds the index."""
    from annotator.store import disk_was_full, sqlite_temp_folder

    if not disk_was_full(exc.__cause__ or exc):
        return str(exc)
    temp = sqlite_temp_folder()
    mine, theirs = scratch.free_bytes(path.parent), scratch.free_bytes(temp)
    if mine is not None and theirs is not None and theirs < mine:
        why = Message("SQLite sorts there while it builds the index")
        return scratch.temp_space_message(why, temp)
    return Message("{path}: disk full", path=str(path))
