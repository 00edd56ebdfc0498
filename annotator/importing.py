"""Writing imported documents into a project: validated, then all in one transaction.

Readers (``annotator.formats.*``) turn files into ``ImportedDocument`` values; this module
normalises each text once (offsets remapped across removed BOM/CR), checks every span,
event and relation against the text and the schema, and writes everything or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.errors import Cancelled, ImportFormatError
from annotator.formats.common import (
    ImportResult,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
)
from annotator.model import (
    Argument,
    DocStatus,
    Document,
    Event,
    ImportedDocument,
    Problem,
    Record,
    Relation,
    Span,
    Status,
    freeze,
)
from annotator.schema import is_reference
from annotator.text import sha256_text
from annotator.uuids import new_uuid

if TYPE_CHECKING:
    from annotator.project import Project

NEW_LABEL_POLICIES = ("error", "add", "skip")
DEFAULT_ANNOTATOR = "imported"


@dataclass
class ImportReport:
    """What an import did; printed by the CLI, shown by the GUI."""

    documents_added: int = 0
    duplicates: list[str] = field(default_factory=list)
    spans: int = 0
    events: int = 0
    arguments: int = 0
    relations: int = 0
    labels_added: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"documents added: {self.documents_added}",
            f"spans: {self.spans}, events: {self.events} ({self.arguments} arguments), "
            f"relations: {self.relations}",
        ]
        out += [f"already present, skipped: {name}" for name in self.duplicates]
        if self.labels_added:
            out.append(f"labels added to the schema: {', '.join(self.labels_added)}")
        out += [f"skipped: {p}" for p in self.problems]
        return out


def normalise_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """The stored form of ``text`` (BOM dropped, CRLF/CR → LF) and a map of old offsets to
    new ones, so spans given against the raw text land on the same characters."""
    if "\r" not in text and not text.startswith("\ufeff"):
        return text, lambda i: i
    removed: list[int] = []  # old indices of removed characters, ascending
    out: list[str] = []
    for i, ch in enumerate(text):
        if (i == 0 and ch == "\ufeff") or (ch == "\r" and text[i + 1 : i + 2] == "\n"):
            removed.append(i)
            continue
        out.append("\n" if ch == "\r" else ch)

    import bisect

    def remap(i: int) -> int:
        return i - bisect.bisect_left(removed, i)

    return "".join(out), remap


def import_documents(
    project: Project,
    result: ImportResult | Sequence[ImportedDocument],
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
    and reported.
    """
    if new_labels not in NEW_LABEL_POLICIES:
        raise ValueError(f"new_labels must be one of {NEW_LABEL_POLICIES}")
    docs = list(result.documents if isinstance(result, ImportResult) else result)
    report = ImportReport()
    if isinstance(result, ImportResult):
        report.problems.extend(result.problems)
    schema = project.schema
    unknown = _unknown_labels(project, docs)
    if unknown and new_labels == "error":
        label, (source, line) = next(iter(unknown.items()))
        raise ImportFormatError(
            source,
            line,
            f"label {label!r} is not in the schema (use --new-labels add or skip; "
            f"{len(unknown)} unknown label(s): {', '.join(sorted(unknown))})",
        )
    if unknown and new_labels == "add":
        event_types = {e.type for d in docs for e in d.events}
        schema = schema.with_labels_added(sorted(set(unknown) - event_types), "entity")
        schema = schema.with_labels_added(sorted(set(unknown) & event_types), "event")
        report.labels_added = sorted(unknown)
    store = project.store
    with store.write():
        if schema is not project.schema:
            project._set_schema(schema)
        batch = _Batch(store.document_hashes(), store.next_document_id())
        for i, imp in enumerate(docs):
            if cancelled():
                raise Cancelled("import cancelled; nothing was written")
            _import_one(project, imp, annotator, new_labels, strict, batch, report)
            progress(i + 1, len(docs))
        batch.flush(store)
    return report


@dataclass
class _Batch:
    """Rows gathered during an import and written at the end with executemany."""

    known: dict[str, int]
    next_id: int
    added_now: dict[str, int] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    annotators: set[str] = field(default_factory=set)
    records: list[Record] = field(default_factory=list)
    statuses: list[DocStatus] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)
    """file → sha256 of the documents it added (one change-log line per imported file)"""

    def add_document(self, doc: Document, source: str) -> int:
        doc_id = self.next_id
        self.next_id += 1
        self.documents.append(doc)
        self.added_now[doc.sha256] = self.known[doc.sha256] = doc_id
        self.sources.setdefault(source, []).append(doc.sha256)
        return doc_id

    def flush(self, store: Any) -> None:
        ids = store.insert_documents(self.documents)
        if ids and ids[0] != self.next_id - len(self.documents):
            raise RuntimeError(
                "document ids moved during an import"
            )  # cannot happen under the write lock
        for name in sorted(self.annotators):
            store.ensure_annotator(name)
        store.put_many(self.records)
        for st in self.statuses:
            store.set_status(st)
        store.log_many(
            ("", "import", "documents", source, None, {"documents": shas})
            for source, shas in self.sources.items()
        )


def _unknown_labels(
    project: Project, docs: list[ImportedDocument]
) -> dict[str, tuple[str, int | None]]:
    schema = project.schema
    unknown: dict[str, tuple[str, int | None]] = {}
    for d in docs:
        for s in d.spans:
            if schema.label(s.label) is None:
                unknown.setdefault(s.label, (d.source, s.line or d.line))
        for e in d.events:
            if schema.event(e.type) is None:
                unknown.setdefault(e.type, (d.source, e.line or d.line))
    return unknown


def _import_one(
    project: Project,
    imp: ImportedDocument,
    default_annotator: str,
    new_labels: str,
    strict: bool,
    batch: _Batch,
    report: ImportReport,
) -> None:
    store = project.store
    text, remap = normalise_with_offsets(imp.text)
    sha = sha256_text(text)
    name = imp.name or Path(imp.source).stem or sha[:12]
    if sha in batch.known and sha not in batch.added_now:
        report.duplicates.append(f"{name} ({imp.source}{f':{imp.line}' if imp.line else ''})")
        return
    if sha in batch.added_now:
        doc_id = batch.added_now[sha]
    else:
        # readers build fresh JSON objects: no defensive copy of meta needed
        doc_id = batch.add_document(
            Document(0, name, text, sha, imp.meta, imp.raw_sha256), imp.source
        )
        report.documents_added += 1
        report.doc_ids.append(doc_id)
    annotator = imp.annotator or default_annotator or DEFAULT_ANNOTATOR
    batch.annotators.add(annotator)
    schema = project.schema
    records: list[Record] = []
    keys: dict[str, str] = {}  # source key -> uuid
    labels: dict[str, str] = {}  # uuid -> label/type

    def fail(line: int | None, message: str) -> None:
        if strict:
            raise ImportFormatError(imp.source, line or imp.line, message)
        report.problems.append(Problem(imp.source, line or imp.line, message))

    for s in imp.spans:
        if schema.label(s.label) is None and new_labels == "skip":
            report.problems.append(
                Problem(imp.source, s.line or imp.line, f"unknown label {s.label!r} skipped")
            )
            continue
        start, end = remap(s.start), remap(s.end)
        if not (0 <= s.start < s.end <= len(imp.text)) or not (0 <= start < end <= len(text)):
            fail(
                s.line,
                f"span {s.start}-{s.end} ({s.label}) is outside the text (length {len(imp.text)})",
            )
            continue
        frags = tuple((remap(a), remap(b)) for a, b in s.fragments)
        if any(not (start <= a < b <= end) for a, b in frags):
            fail(s.line, f"span {s.start}-{s.end}: a fragment lies outside the span")
            continue
        problem = _attribute_problem(schema, s.label, s.attributes)
        if problem:
            fail(s.line, problem)
            continue
        uid = _fresh(store, "spans", s.uuid)
        keys[s.key or uid] = uid
        labels[uid] = s.label
        records.append(
            Span(
                uid,
                doc_id,
                annotator,
                start,
                end,
                s.label,
                text[start:end],
                freeze(s.attributes),
                s.note,
                frags,
                project._tick(),
            )
        )
        report.spans += 1
    for e in imp.events:
        if schema.event(e.type) is None and new_labels == "skip":
            report.problems.append(
                Problem(imp.source, e.line or imp.line, f"unknown event type {e.type!r} skipped")
            )
            continue
        uid = _fresh(store, "events", e.uuid)
        e.key = e.key or uid
        keys[e.key] = uid
        labels[uid] = e.type
    for e in imp.events:
        uid = keys.get(e.key, "")
        if not uid:
            continue
        trigger = keys.get(e.trigger)
        if trigger is None:
            fail(
                e.line,
                f"event {e.key or e.type}: trigger {e.trigger!r} is not a span of this document",
            )
            continue
        args: list[Argument] = []
        bad = False
        for k, (role, target) in enumerate(e.arguments):
            tid = keys.get(target)
            et = schema.event(e.type)
            if tid is None or et is None or et.role(role) is None:
                fail(e.line, f"event {e.key or e.type}: argument {role}:{target} is unknown")
                bad = True
                break
            if not schema.accepts(e.type, role, labels[tid]):
                fail(
                    e.line, f"event {e.key or e.type}: role {role} does not accept {labels[tid]!r}"
                )
                bad = True
                break
            wanted = e.argument_uuids[k] if k < len(e.argument_uuids) else ""
            args.append(
                Argument(
                    _fresh(store, "arguments", wanted),
                    uid,
                    doc_id,
                    annotator,
                    role,
                    tid,
                    project._tick(),
                )
            )
        if bad:
            continue
        records.append(
            Event(
                uid,
                doc_id,
                annotator,
                e.type,
                trigger,
                freeze(e.attributes),
                e.note,
                project._tick(),
            )
        )
        records.extend(args)
        report.events += 1
        report.arguments += len(args)
    for r in imp.relations:
        src, dst = keys.get(r.source), keys.get(r.target)
        if src is None or dst is None:
            fail(r.line, f"relation {r.key or r.type}: unknown argument {r.source}/{r.target}")
            continue
        if schema.relation(r.type) is None:
            if new_labels == "skip":
                report.problems.append(
                    Problem(
                        imp.source, r.line or imp.line, f"unknown relation type {r.type!r} skipped"
                    )
                )
                continue
            fail(r.line, f"relation type {r.type!r} is not in the schema")
            continue
        records.append(
            Relation(
                _fresh(store, "relations", r.uuid),
                doc_id,
                annotator,
                r.type,
                src,
                dst,
                freeze(r.attributes),
                r.note,
                project._tick(),
            )
        )
        report.relations += 1
    batch.records.extend(records)
    if imp.status:
        try:
            st = Status(imp.status)
        except ValueError:
            fail(imp.line, f"unknown status {imp.status!r}")
        else:
            batch.statuses.append(DocStatus(doc_id, annotator, st, project._tick()))


def _attribute_problem(schema: Any, label: str, attributes: dict[str, Any]) -> str | None:
    for name, value in attributes.items():
        if is_reference(name):
            if not isinstance(value, str):
                return f"reference {name!r} takes text, not {value!r}"
            continue
        attr = schema.attribute(name)
        if attr is None or not attr.applies_to(label):
            return f"attribute {name!r} is not defined for {label!r}"
        problem = attr.check(value)
        if problem:
            return str(problem)
    return None


def _fresh(store: Any, kind: str, wanted: str) -> str:
    """Keep a record's own uuid (lossless round trips) unless the project already has it."""
    if wanted and store.get(kind, wanted) is None:
        return wanted
    return new_uuid()
