"""Exchange of colleagues' work: bundle files and the merge of records into a project.

A bundle is one zip file holding one annotator's layer: ``manifest.json`` (format, version,
annotator, counts and the sha256 of every other member), ``schema.json``, ``documents.jsonl``
(text hash, name, metadata and, optionally, the text), ``records.jsonl`` (every record version
of the layer, tombstones included, pointing at documents by text hash) and ``statuses.jsonl``.
Bundles and other project files are untrusted alike: both become the same JSON values and
pass the same checks (``annotator.exchange.bundle_read.Screener``: a bundle whole, through
``screen``, before anything is merged; a project file a part of a table at a time, each part
checked before it is merged, in the one transaction a fault rolls back).

Merging is a union of records keyed by uuid. For one uuid the version kept is the maximum of
(clock, annotator, canonical JSON of the whole record): a total order, so merging is
commutative, associative and idempotent, and deletions are simply versions (tombstones).
Each winning version is then judged by ``annotator.rules`` against the merged state, like an
edit through the API: a record whose document is unknown, that breaks a rule (offsets,
covered text, label not in the schema, attributes, a reference to no record of the same
document and layer...) or whose clock stamp is more than ``rules.MAX_DRIFT_MS``
ahead is set aside in the quarantine table with the reason, and reported; a quarantined
stamp is never taken in by the project's clock. A reference to a record whose winning version
is a tombstone is kept, as a local deletion keeps it, for ``check`` to report: refusing it
would make the result depend on whether the deletion was merged first. So is an event whose
trigger span's winning version is labelled otherwise than the event's type
(``rules.trigger_label_problem``: a colleague on an older version relabelled the trigger and
kept the event): the event is kept and the merge report lists it for ``check`` (which lists it
too; the exports leave it out), whether the event arrives with the relabelled span, after it,
or was stored before it; quarantining the incoming event, while a stored one was left alone,
made the project depend on which bundle was merged first. Labels the source's
schema defines and the project's lacks (and its attributes the project's lacks) are what a
merge takes from a schema: the records are judged against the schema with them, and they are
stored with what the merge takes in. A merge that takes nothing in (no document, no record
version, no status: a bundle with hashes only whose documents the project lacks, every
record quarantined, or versions all as old as the project's) leaves the schema as it was and
its report says which labels it did not add; a source holding no record and no status (the
hub's team schema with the documents assigned, an empty bundle) is merged for its schema,
and ``merge_bundle``'s ``adopt_schema`` takes the schema whatever is taken in. Each merge is
one transaction: a failure or a cancel leaves the project as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import operator
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from annotator import rules, scratch
from annotator.canonical import canonical_json
from annotator.clock import MAX_COUNTER, MAX_DRIFT_MS, MAX_MS, parse
from annotator.cycles import no_cycle_collection
from annotator.errors import (
    Cancelled,
    ImportFormatError,
    Message,
    ProjectFileError,
    message_of,
    os_reason,
    system_text,
)
from annotator.exchange.bundle_read import (
    Bundle,
    BundleDocument,
    BundleManifest,
    BundleRecord,
    BundleStatus,
    Limits,
    Screener,
    canonical_record,
    read_bundle,
)
from annotator.exchange.bundle_write import write_bundle
from annotator.exchange.label_map import (
    LabelMapError,
    LabelOffer,
    check_label_map,
    check_role_map,
    kinds_of_records,
    label_offers,
    relabel,
    roles_of_records,
    with_roles_mapped,
    without_mapped,
)
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.model import (
    Argument,
    DocStatus,
    Document,
    Event,
    Record,
    Relation,
    Span,
    record_kind,
)
from annotator.project import RECORD_KINDS, MergeSession, Project, open_untrusted
from annotator.safejson import UnsafeJSON, loads
from annotator.schema import AttributeDef, Schema
from annotator.schema.edit import adopt_labels

__all__ = [
    "Bundle",
    "BundleManifest",
    "LabelMapError",
    "Limits",
    "MergeReport",
    "Quarantined",
    "canonical_dump",
    "canonical_hash",
    "check_maps",
    "merge_bundle",
    "merge_project_file",
    "project_file_labels",
    "project_file_schema",
    "read_bundle",
    "write_bundle",
]


DEFAULT_LIMITS = Limits()


# -- merging -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quarantined:
    """One annotation (or document status) set aside instead of attached."""

    kind: str
    uuid: str
    doc_sha256: str
    reason: str


@dataclass
class MergeReport:
    """What a merge did, counted so that nothing is dropped silently."""

    source: str
    documents_added: int = 0
    documents_matched: int = 0
    added: int = 0
    """records whose uuid was new to the project"""
    updated: int = 0
    """records whose incoming version beat the stored one"""
    kept: int = 0
    """incoming versions older than (or equal to) the stored one"""
    statuses_updated: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    """records and statuses set aside, each with its reason (a rule's message, "unknown
    document", or a clock stamp too far ahead)"""
    labels_added: list[str] = field(default_factory=list)
    """labels the source's schema defines and the project's lacked, now in the project's"""
    labels_not_added: str = ""
    """why the source's extra labels could not be added (the combined schema's problem)"""
    labels_taken: list[tuple[str, str]] = field(default_factory=list)
    """(the source's name, the project's) of each label of the source's schema that is one
    of the project's written otherwise (``Per`` beside ``PER``: ``schema.name_key``), not
    added to the project's schema (``adopt_labels``: what else the source's schema adds
    refers to the project's by it); only the schema is so reconciled: the source's records
    labelled so are quarantined as of a label the schema lacks, never relabelled (a label
    map relabels them, and then the label is not listed here)"""
    taken_quarantined: dict[str, int] = field(default_factory=dict)
    """for each source label of ``labels_taken``, the record versions labelled so (spans;
    events and relations of that type) this merge quarantined"""
    attributes_taken: list[tuple[str, str]] = field(default_factory=list)
    """the same for the source's attributes; but the source's records carrying one are
    judged with the key renamed to the project's (``label_map.relabel``), as it defines it,
    and one carrying both spellings is quarantined with the reason"""
    attributes_added: list[AttributeDef] = field(default_factory=list)
    """attributes the source's schema defines and the project's lacked (on labels both
    have too), now in the project's, as it defines them (``adopt_labels``)"""
    labels_withheld: list[str] = field(default_factory=list)
    """labels the source's schema defines and the project's lacks, not added because the
    merge took nothing in (``took_in``): a merge that takes nothing in leaves the schema as
    it was"""
    attributes_withheld: list[AttributeDef] = field(default_factory=list)
    """the same for the attributes the source's schema would have added"""
    label_map: dict[str, str] = field(default_factory=dict)
    """the label map the merge was given (the source's label: the project's), checked"""
    relabelled: dict[str, int] = field(default_factory=dict)
    """for each source label of ``label_map``, the record versions (spans, events,
    relations; tombstones too) the merge wrote under the project's label instead: a version
    kept (older than or equal to the stored one) or quarantined is not counted"""
    role_map: dict[str, str] = field(default_factory=dict)
    """the role map the merge was given (the source's role: the project's), checked"""
    roles_relabelled: dict[str, int] = field(default_factory=dict)
    """for each source role of ``role_map``, the argument versions written relabelled"""
    unused: list[str] = field(default_factory=list)
    """the source labels of ``label_map`` that the project's schema defines (an earlier
    merge without the map added them) and that no live span, event or relation carries once
    this merge is done: the schema keeps them (a merge removes no label)"""
    offers: list[LabelOffer] = field(default_factory=list)
    """the labels the source holds that the project's schema lacked and the map did not
    name, each with the project's label offered in its place, if any (``label_offers``):
    for the user to map in a merge again, never applied"""
    event_attributes_moved: int = 0
    """attributes taken in on trigger spans (an older version's) moved onto their events"""
    mislabelled: list[Quarantined] = field(default_factory=list)
    """live events kept whose trigger span, as merged, is labelled otherwise than the event's
    type (``rules.trigger_label_problem``), each with the rule's message: not quarantined
    (the project would then depend on the order of the merges) but left for ``check``, as a
    reference to a deleted record is; judged after every span version is decided, so an event
    the project held before is judged when this merge relabels its trigger"""

    def took_in(self) -> bool:
        """Whether the merge took something in: a document, a record version (new or newer
        than the project's) or a status."""
        return bool(self.documents_added or self.added or self.updated or self.statuses_updated)

    def _label_taken(self, theirs: str, ours: str) -> str:
        """The line for a label of the source's schema not added as one of ours written
        otherwise: the schema keeps ours, the records labelled so were quarantined."""
        n = self.taken_quarantined.get(theirs, 0)
        if not n:
            return Message(
                "{where}: label {theirs} not added to the schema: it is the project's {ours} "
                "written otherwise (they differ only in case, harakat, tatweel, alef forms or "
                "digit forms); no record labelled {theirs} quarantined",
                where=self.source,
                theirs=repr(theirs),
                ours=repr(ours),
            )
        if n == 1:
            return Message(
                "{where}: label {theirs} not added to the schema: it is the project's {ours} "
                "written otherwise (they differ only in case, harakat, tatweel, alef forms or "
                "digit forms); 1 record labelled {theirs} quarantined, not relabelled {ours} "
                "(a label map {theirs} as {ours} relabels it)",
                where=self.source,
                theirs=repr(theirs),
                ours=repr(ours),
            )
        return Message(
            "{where}: label {theirs} not added to the schema: it is the project's {ours} "
            "written otherwise (they differ only in case, harakat, tatweel, alef forms or "
            "digit forms); {n} records labelled {theirs} quarantined, not relabelled {ours} "
            "(a label map {theirs} as {ours} relabels them)",
            where=self.source,
            theirs=repr(theirs),
            ours=repr(ours),
            n=str(n),
        )

    def lines(self) -> list[str]:
        """A short human summary, one fact per line."""
        out: list[str] = [
            Message(
                "{where}: {added} added, {updated} updated, {kept} unchanged",
                where=self.source,
                added=str(self.added),
                updated=str(self.updated),
                kept=str(self.kept),
            ),
            Message(
                "documents: {added} added, {matched} matched",
                added=str(self.documents_added),
                matched=str(self.documents_matched),
            ),
        ]
        if self.statuses_updated:
            out.append(Message("statuses updated: {n}", n=str(self.statuses_updated)))
        if self.labels_added:
            out.append(
                Message(
                    "labels added from {where}: {labels}",
                    where=self.source,
                    labels=", ".join(self.labels_added),
                )
            )
        out += [
            Message(
                "attribute added from {where}: {attribute} on {labels}",
                where=self.source,
                attribute=a.name,
                labels=", ".join(a.labels),
            )
            if a.labels
            else Message(
                "attribute added from {where}: {attribute} on every label",
                where=self.source,
                attribute=a.name,
            )
            for a in self.attributes_added
        ]
        if self.labels_withheld:
            out.append(
                Message(
                    "labels of {where} not added, as nothing was taken in from it: {labels}",
                    where=self.source,
                    labels=", ".join(self.labels_withheld),
                )
            )
        out += [
            Message(
                "attribute of {where} not added, as nothing was taken in from it: {attribute}",
                where=self.source,
                attribute=a.name,
            )
            for a in self.attributes_withheld
        ]
        out += [self._label_taken(theirs, ours) for theirs, ours in self.labels_taken]
        out += [
            Message(
                "{where}: attribute {theirs} taken as the project's {ours} (one name: they "
                "differ only in case, harakat, tatweel, alef forms or digit forms)",
                where=self.source,
                theirs=repr(theirs),
                ours=repr(ours),
            )
            for theirs, ours in self.attributes_taken
        ]
        out += [
            Message(
                "{where}: label {theirs} mapped to the project's {ours}: {n} records "
                "relabelled; no annotation carries {theirs} now (the project's schema still "
                "defines it)",
                where=self.source,
                theirs=repr(theirs),
                ours=repr(ours),
                n=str(self.relabelled.get(theirs, 0)),
            )
            if theirs in self.unused
            else Message(
                "{where}: label {theirs} mapped to the project's {ours}: {n} records relabelled",
                where=self.source,
                theirs=repr(theirs),
                ours=repr(ours),
                n=str(self.relabelled.get(theirs, 0)),
            )
            for theirs, ours in self.label_map.items()
        ]
        out += [
            Message(
                "{where}: role {theirs} mapped to the project's {ours}: {n} arguments relabelled",
                where=self.source,
                theirs=repr(theirs),
                ours=repr(ours),
                n=str(self.roles_relabelled.get(theirs, 0)),
            )
            for theirs, ours in self.role_map.items()
        ]
        if self.event_attributes_moved:
            out.append(
                Message(
                    "moved {n} event attributes from trigger spans to their events",
                    n=str(self.event_attributes_moved),
                )
            )
        if self.labels_not_added:
            out.append(
                Message(
                    "labels of {where} not added: {problem}",
                    where=self.source,
                    problem=self.labels_not_added,
                )
            )
        if self.quarantined:
            reasons = Counter(q.reason for q in self.quarantined)
            for reason, n in sorted(reasons.items()):
                out.append(Message("quarantined ({reason}): {n}", reason=reason, n=str(n)))
        if self.mislabelled:
            reasons = Counter(q.reason for q in self.mislabelled)
            for reason, n in sorted(reasons.items()):
                out.append(
                    Message("kept, for check to list ({reason}): {n}", reason=reason, n=str(n))
                )
        return out


def merge_bundle(
    project: Project,
    bundle: Bundle,
    source_name: str = "",
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    label_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    *,
    adopt_schema: bool = False,
) -> MergeReport:
    """Merge a bundle read by ``read_bundle`` into ``project`` in one transaction.

    ``label_map`` (the bundle's label: the project's) relabels the bundle's records before
    they are judged (``annotator.exchange.label_map``), ``role_map`` its arguments' roles;
    a map naming a label (role) the bundle does not hold, or one the project's schema lacks,
    is a ``LabelMapError`` and nothing is written.

    The labels (attributes) of the bundle's schema the project's lacks are added when the
    merge takes something in (``MergeReport.took_in``) or the bundle holds no record and no
    status (a schema, and documents perhaps); ``adopt_schema``: whatever the merge takes in
    (a schema the caller was told to take, as a hub's team schema is)."""
    content = _Whole(bundle.schema, bundle.documents, bundle.records, bundle.statuses)
    where = source_name or bundle.manifest.annotator
    return _merge(project, where, content, progress, cancelled, label_map, role_map, adopt_schema)


def merge_project_file(
    project: Project,
    other_path: Path,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    limits: Limits = DEFAULT_LIMITS,
    label_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
) -> MergeReport:
    """Merge every layer of another project file into ``project``.

    ``label_map`` and ``role_map`` as for ``merge_bundle``; a label (role) the file holds is
    one its schema defines or its records carry (their label, type and role columns are
    read before the map is checked; the records themselves a part at a time, after).

    The other file is untrusted like a bundle. It is copied to a temporary folder and opened
    read-only there (header, application id, version and quick_check first), so nothing is
    ever written next to the colleague's file; explicit columns of its own tables are read
    by the store (never a view, trigger, virtual table or generated column of that file).
    Its rows become the same JSON values a bundle's lines become and go through the same
    checks (``bundle_read.Screener``, the parts of ``screen``); any fault is one
    ``ProjectFileError`` naming the file (and table and row), and the project is left as it
    was (the merge's transaction is rolled back).

    The file is read a part at a time (``_CHUNK`` rows of one table), each part checked and
    merged before the next is read: what stays in memory is per document (its hash and ids),
    not per record, but for the uuids of the kind being read (each used once per kind)."""
    other_path = Path(other_path)
    with _ProjectFile(other_path, limits) as content:
        return _merge(project, str(other_path), content, progress, cancelled, label_map, role_map)


def project_file_schema(other_path: Path, limits: Limits = DEFAULT_LIMITS) -> Schema:
    """The schema of another project file, read and checked as ``merge_project_file`` reads
    it (for ``label_map.label_offers`` before a merge); a fault is a ``ProjectFileError``."""
    with _ProjectFile(Path(other_path), limits) as content:
        return content.schema


def project_file_labels(
    other_path: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[Schema, dict[str, str], set[str]]:
    """The schema of another project file, the labels its records carry (each with its
    kind, ``label_map.kinds_of_records``) and the roles its arguments fill, read as
    ``merge_project_file`` reads them (for ``label_map.label_offers`` and ``check_maps``
    before a merge: a label its schema no longer defines may still label records); a fault
    is a ``ProjectFileError``."""
    with _ProjectFile(Path(other_path), limits) as content:
        return content.schema, content.held(), content.held_roles()


def check_maps(
    mine: Schema,
    theirs: Schema,
    held: Mapping[str, str],
    held_roles: Iterable[str],
    where: str,
    label_map: Mapping[str, str] | None,
    role_map: Mapping[str, str] | None,
) -> tuple[dict[str, str], dict[str, str], Schema]:
    """The label and role maps, checked for a source (its schema ``theirs``, the labels and
    roles its records hold) as a merge into a project of schema ``mine`` checks them (a
    ``LabelMapError`` else), and the project's schema after that merge takes the source's
    labels: to check several sources' maps before any is merged."""
    labels = check_label_map(label_map, mine, theirs, held, where) if label_map else {}
    roles = check_role_map(role_map, mine, theirs, held_roles, where, labels) if role_map else {}
    adopted = adopt_labels(mine, with_roles_mapped(without_mapped(theirs, labels), roles))
    return labels, roles, adopted.schema


# -- reading another project file ----------------------------------------------------------------
_RECORD_COLUMNS = {kind: tuple(f.name for f in dataclasses.fields(cls))
                   for kind, cls in (("spans", Span), ("events", Event),
                                     ("arguments", Argument), ("relations", Relation))}  # fmt: skip
_JSON_COLUMNS = ("attributes", "fragments")
_DOC_COLUMNS = ("id", "name", "text", "sha256", "meta")
_STATUS_COLUMNS = ("doc_id", "annotator", "status", "clock")
_CHUNK = 2_000
"""rows of the other file read, checked and merged at a time"""


class _Incoming:
    """What a merge takes in, checked, a part at a time: the schema, then lists of
    documents, of records (each list of one kind but a bundle's, which comes whole) and of
    statuses, in that order; ``total`` is the number of records (for the progress)."""

    schema: Schema
    total: int

    def documents(self) -> Iterator[list[BundleDocument]]:
        raise NotImplementedError

    def records(self) -> Iterator[list[BundleRecord]]:
        raise NotImplementedError

    def statuses(self) -> Iterator[list[BundleStatus]]:
        raise NotImplementedError

    def held(self) -> dict[str, str]:
        """Labels the records carry, each with its kind (``kinds_of_records``)."""
        return {}

    def held_roles(self) -> set[str]:
        """Roles the arguments fill, as far as known before they are read."""
        return set()


class _Whole(_Incoming):
    """A bundle's content, read and checked whole by ``read_bundle``: one part each."""

    def __init__(
        self,
        schema: Schema,
        documents: list[BundleDocument],
        records: list[BundleRecord],
        statuses: list[BundleStatus],
    ) -> None:
        self.schema, self.total = schema, len(records)
        self._documents, self._records, self._statuses = documents, records, statuses

    def documents(self) -> Iterator[list[BundleDocument]]:
        yield self._documents

    def records(self) -> Iterator[list[BundleRecord]]:
        yield self._records

    def statuses(self) -> Iterator[list[BundleStatus]]:
        yield self._statuses

    def held(self) -> dict[str, str]:
        records = list(map(_RECORD_OF, self._records))
        if set(map(type, records)) <= {Span}:  # spans only: ``kinds_of_records`` at C speed
            return dict.fromkeys(map(_LABEL_OF, records), "entity")
        return kinds_of_records(self._records)

    def held_roles(self) -> set[str]:
        return roles_of_records(self._records)


class _ProjectFile(_Incoming):
    """Another project file, copied to a temporary folder, opened read-only there and read
    table by table in parts of ``_CHUNK`` rows, each part checked by one ``Screener`` (so
    the checks are ``screen``'s). Every fault is a ``ProjectFileError`` naming the file."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.where = str(path)
        self._stack = contextlib.ExitStack()
        self._screener = Screener(limits, parts=True)
        self._sha_of: dict[int, str] = {}
        self._held: dict[str, str] | None = None
        self.total = 0

    def __enter__(self) -> _ProjectFile:
        path, limits = self.path, self.limits
        try:
            if not path.is_file():
                raise ProjectFileError(Message("{path}: no such project file", path=str(path)))
            if path.stat().st_size > limits.max_total_bytes:
                raise ProjectFileError(
                    Message(
                        "{path}: larger than {limit} bytes",
                        path=str(path),
                        limit=str(limits.max_total_bytes),
                    )
                )
        except OSError as exc:
            raise ProjectFileError(
                Message("{path}: cannot read: {why}", path=str(path), why=os_reason(exc))
            ) from exc
        try:
            tmp = self._stack.enter_context(scratch.folder("annotator-merge-"))
            self._copy = copy = tmp / "other.annotator"
            try:
                shutil.copyfile(path, copy)
                wal = Path(str(path) + "-wal")
                if wal.is_file():  # committed pages may still sit in the log of a closed file
                    shutil.copyfile(wal, Path(str(copy) + "-wal"))
            except OSError as exc:
                raise ProjectFileError(
                    Message("{path}: cannot read: {why}", path=str(path), why=os_reason(exc))
                ) from exc
            with self._reading():
                self._store = self._stack.enter_context(open_untrusted(copy))
                self.total = self._counts()
            with self._reading():
                schema_rows = [r for r in self._store.rows("schema", ("id", "json"), 1)
                               if r[0] == 1]  # fmt: skip
            where = f"{self.where}:schema"
            with self._screening():
                data = _cell_json(schema_rows[0][1], where, 1) if schema_rows else {}
                self.schema = self._screener.schema(data, where)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Whatever the hostile file makes the store raise, as a ProjectFileError."""
        path, copy = str(self.path), str(self._copy)
        try:
            yield
        except ProjectFileError as exc:
            raise ProjectFileError(_renamed(message_of(exc), copy, path)) from exc
        except Exception as exc:
            message = _renamed(message_of(exc), copy, path)
            if not message.startswith(path):
                message = Message(
                    "{path}: cannot read ({error}: {problem})",
                    path=path,
                    error=system_text(type(exc).__name__),
                    problem=message,
                )
            raise ProjectFileError(message) from exc

    @contextlib.contextmanager
    def _screening(self) -> Iterator[None]:
        try:
            yield
        except ImportFormatError as exc:
            raise ProjectFileError(message_of(exc)) from exc

    def _counts(self) -> int:
        """The number of records, after checking the file holds no more rows than a merge
        takes (at most the limit + 1 rows of a table are counted)."""
        limits = self.limits

        def count(table: str, column: str, limit: int) -> int:
            n = 0
            for chunk in self._store.chunks(table, (column,), 100_000):
                n += len(chunk)
                if n > limit:
                    break
            return n

        too_many = count("documents", "id", limits.max_documents) > limits.max_documents
        too_many = too_many or count("doc_status", "doc_id", limits.max_records) > (
            limits.max_records
        )
        total = 0
        for kind in _RECORD_COLUMNS:
            if not too_many:
                total += count(kind, "uuid", limits.max_records - total)
                too_many = total > limits.max_records
        if too_many:
            raise ProjectFileError(
                Message(
                    "{path}: more than {documents} documents or {records} records (more rows"
                    " than a merge takes)",
                    path=str(self._copy),
                    documents=str(limits.max_documents),
                    records=str(limits.max_records),
                )
            )
        return total

    def _parts(self, table: str, columns: tuple[str, ...]) -> Iterator[tuple[int, list[Any]]]:
        """The rows of ``table`` in parts, each with the line number of its first row."""
        rows = self._store.chunks(table, columns, _CHUNK)
        first = 1
        while True:
            with self._reading():
                part = next(rows, None)
            if part is None:
                return
            yield first, part
            first += len(part)

    def _column(self, table: str, column: str) -> set[str]:
        """The names a column of the file's records holds (a value not a name is left to
        the screening of its row)."""
        out: set[str] = set()
        with self._reading():
            for chunk in self._store.chunks(table, (column,), 100_000):
                out.update(v for (v,) in chunk if isinstance(v, str))
        return out

    def held(self) -> dict[str, str]:
        if self._held is None:
            kinds = dict.fromkeys(sorted(self._column("spans", "label")), "entity")
            kinds.update(dict.fromkeys(sorted(self._column("relations", "type")), "relation"))
            kinds.update(dict.fromkeys(sorted(self._column("events", "type")), "event"))
            self._held = kinds
        return self._held

    def held_roles(self) -> set[str]:
        return self._column("arguments", "role")

    def documents(self) -> Iterator[list[BundleDocument]]:
        where = f"{self.where}:documents"
        sha_of = self._sha_of
        for first, part in self._parts("documents", _DOC_COLUMNS):
            with self._screening():
                lines: list[tuple[int, Any]] = []
                for n, (doc_id, name, text, sha, meta) in enumerate(part, first):
                    if type(doc_id) is not int or doc_id in sha_of:
                        raise ImportFormatError(
                            where, n, Message("bad or repeated document id {id}", id=repr(doc_id))
                        )
                    sha_of[doc_id] = sha if isinstance(sha, str) else ""
                    meta = _cell_json(meta, where, n)
                    lines.append((n, {"sha256": sha, "name": name, "meta": meta, "text": text}))
                docs = self._screener.documents(where, lines)
            yield docs

    def records(self) -> Iterator[list[BundleRecord]]:
        sha_of = self._sha_of
        for kind, cols in _RECORD_COLUMNS.items():
            where = f"{self.where}:{kind}"
            for first, part in self._parts(kind, cols):
                with self._screening():
                    lines: list[tuple[int, Any]] = []
                    for n, row in enumerate(part, first):
                        d = dict(zip(cols, row, strict=True))
                        d["kind"] = kind
                        d["doc"] = _doc_sha(sha_of, d.pop("doc_id"), where, n)
                        for col in _JSON_COLUMNS:
                            if col in d:
                                d[col] = _cell_json(d[col], where, n)
                        d["deleted"] = _flag(d["deleted"], where, n)
                        lines.append((n, d))
                    del part
                    chunk = self._screener.records(where, lines)
                del lines
                yield chunk

    def statuses(self) -> Iterator[list[BundleStatus]]:
        where = f"{self.where}:doc_status"
        for first, part in self._parts("doc_status", _STATUS_COLUMNS):
            with self._screening():
                lines: list[tuple[int, Any]] = []
                for n, (doc_id, annotator, status, clock) in enumerate(part, first):
                    doc = _doc_sha(self._sha_of, doc_id, where, n)
                    data = {"doc": doc, "annotator": annotator, "status": status, "clock": clock}
                    lines.append((n, data))
                statuses = self._screener.statuses(where, lines)
            yield statuses


def _renamed(message: str, copy: str, path: str) -> str:
    """``message`` naming ``path`` where it named the private ``copy`` (a ``Message`` keeps
    its template: each parameter is renamed in its turn)."""
    if isinstance(message, Message):
        params = {
            k: _renamed(v if isinstance(v, str) else str(v), copy, path)
            if isinstance(v, (str, Path))
            else v
            for k, v in message.params.items()
        }
        return type(message)(message.template, **params)  # the same template, renamed
    return message.replace(copy, path)


def _cell_json(value: Any, where: str, line: int) -> Any:
    if not isinstance(value, str):
        raise ImportFormatError(
            where,
            line,
            Message("a JSON column holds {kind}", kind=system_text(type(value).__name__)),
        )
    if value in ("{}", "[]"):
        return {} if value == "{}" else []
    try:
        return loads(value)
    except UnsafeJSON as exc:
        raise ImportFormatError(where, line, message_of(exc)) from exc


def _doc_sha(sha_of: dict[int, str], doc_id: Any, where: str, line: int) -> str:
    sha = sha_of.get(doc_id) if type(doc_id) is int else None
    if sha is None:
        raise ImportFormatError(
            where, line, Message("refers to document id {id}, not in the file", id=repr(doc_id))
        )
    return sha


def _flag(value: Any, where: str, line: int) -> bool:
    if type(value) is not int or value not in (0, 1):
        raise ImportFormatError(
            where, line, Message("deleted must be 0 or 1, not {value}", value=f"{value!r:.40}")
        )
    return bool(value)


# -- the merge -----------------------------------------------------------------------------------
def _merge(
    project: Project,
    source: str,
    incoming: _Incoming,
    progress: Progress,
    cancelled: IsCancelled,
    label_map: Mapping[str, str] | None = None,
    role_map: Mapping[str, str] | None = None,
    adopt_schema: bool = False,
) -> MergeReport:
    """Merge ``incoming`` a part at a time. A part of records is judged, and its accepted
    versions written, before the next part is read: the records of a later kind find those
    they point at in the merged state by reading the project (inside the transaction), and
    no record points at one of its own kind, so the parts of a kind never depend on each
    other (a record id comes once per kind in a project file). ``label_map`` and ``role_map``
    are checked against the schema as stored, in the transaction, before anything else is
    written.

    The records are judged against the project's schema with the source's labels adopted;
    that schema is stored once the records and statuses are merged, when the merge took
    something in, the source held no record and no status, or ``adopt_schema``; else the
    project's schema stays as it was (``MergeReport.labels_withheld``)."""
    report = MergeReport(source)
    held = incoming.held()
    adopted: list[Schema] = []

    def mapped(mine: Schema) -> Schema:
        if label_map or role_map:
            report.label_map, report.role_map, _ = check_maps(
                mine, incoming.schema, held, incoming.held_roles(), source, label_map, role_map
            )
        offers = label_offers(mine, incoming.schema, held)
        report.offers = [o for o in offers if o.name not in report.label_map]
        theirs = with_roles_mapped(
            without_mapped(incoming.schema, report.label_map), report.role_map
        )
        adopted.append(_with_labels(mine, theirs, report))
        return mine  # stored once the merge is known to take something in

    now = rules.wall_ms()
    schema_before = project.schema
    try:
        with no_cycle_collection(), project.merging() as session:
            # the schema as stored now (another handle may have changed it), labels added
            stored = project.update_schema(mapped)
            schema = adopted[-1]
            seen = 0  # records and statuses the source holds
            doc_ids = session.document_hashes()
            for documents in incoming.documents():
                doc_ids.update(_add_documents(session, documents, doc_ids, report))
            quarantine = _Quarantine(session, source, report)
            # their attributes taken as ours: their records carry them under our names
            taken_as = dict(report.attributes_taken)
            names = session.document_names()
            sha_of = {i: s for s, i in doc_ids.items()}
            stamps: list[str] = []
            done = 0
            lift: list[str] = []  # spans that may hold an older version's event attributes
            judge = _TriggerLabels()  # events whose trigger label is judged at the end
            for records in incoming.records():
                if cancelled():
                    raise Cancelled("merge cancelled")
                mapped_from = _mapped_from(records, report.label_map, report.role_map)
                part = len(records)
                seen += part
                clashes: list[tuple[BundleRecord, Message]] = []
                records = relabel(
                    records, report.label_map, {}, report.role_map, {}, taken_as, clashes
                )
                for br, reason in clashes:  # two spellings of one attribute: never one dropped
                    quarantine.record(br, reason)
                accepted = _merge_records(
                    session, schema, records, doc_ids, (names, sha_of), quarantine, now, cancelled,
                    report, (progress, done, incoming.total), judge, mapped_from
                )  # fmt: skip
                _count_relabelled(accepted, mapped_from, report)
                done += part
                del records
                lift += [  # (the rule gives back as it is any record but a live span with
                    r.uuid  # attributes)
                    for r, _ in accepted
                    if isinstance(r, Span)
                    and r.attributes
                    and not r.deleted
                    and rules.without_event_attributes(schema, r) is not r
                ]
                if accepted:  # the project's clock is told the largest only
                    stamps = [_latest([*stamps, *(r.clock for r, _ in accepted)])]
            progress(incoming.total, incoming.total)
            report.mislabelled = judge.kept(project, session, sha_of)
            current = {(s.doc_id, s.annotator): (s.clock, s.status.value)
                       for s in session.statuses()}  # fmt: skip
            for statuses in incoming.statuses():
                seen += len(statuses)
                report.statuses_updated += _merge_statuses(
                    session, statuses, doc_ids, now, quarantine, stamps, current
                )
                stamps = [max(stamps, key=parse)] if stamps else []
            if stamps:  # the project's clock never issues a stamp below what it has taken in
                session.observe(max(stamps, key=parse))
            if adopt_schema or report.took_in() or not seen:
                merged = schema  # stored before the lift, which reads the project's schema
                schema = project.update_schema(lambda mine: merged)
            else:  # nothing taken in: the schema stays as it was
                schema = stored
                _withhold(report)
            report.event_attributes_moved = session.lift_event_attributes(lift)
            report.unused = _unused(project, schema, report.label_map)
            session.log(source, report.lines())
    except BaseException:
        if project.schema is not schema_before:
            project.reload_schema()  # the schema written in the transaction was rolled back
        raise
    return report


def _latest(stamps: list[str]) -> str:
    """``max(stamps, key=parse)``: of stamps all of the fixed shape in ASCII digits, the
    text order is the numeric order (and equal numbers are equal texts), so the text's
    maximum is the same stamp, found without parsing each."""
    try:
        joined = "\n".join(stamps) + "\n"
    except TypeError:
        joined = ""
    if len(joined) == 21 * len(stamps) and _ASCII_STAMPS.fullmatch(joined) is not None:
        return max(stamps)
    return max(stamps, key=parse)


def _unused(project: Project, schema: Schema, label_map: Mapping[str, str]) -> list[str]:
    """The source labels of ``label_map`` that ``schema`` (the project's, merged) defines
    and no live record of ``project`` carries (``MergeReport.unused``): a few rows read
    through the store's label indexes, per mapped label the schema defines."""
    defined = {lab.name for lab in schema.all_labels()} if label_map else set()
    out = []
    for theirs in label_map:
        if theirs in defined:
            found = project.labelled(theirs)
            if not (found.spans or found.events or found.relations):
                out.append(theirs)
    return out


def _mapped_from(
    records: list[BundleRecord], label_map: Mapping[str, str], role_map: Mapping[str, str]
) -> dict[tuple[str, str], str]:
    """The source's label (an argument's role) of each record the maps relabel, by kind and
    uuid."""
    out: dict[tuple[str, str], str] = {}
    if not label_map and not role_map:
        return out
    for br in records:
        rec = br.record
        if isinstance(rec, Span):
            name, names = rec.label, label_map
        elif isinstance(rec, Event | Relation):
            name, names = rec.type, label_map
        elif isinstance(rec, Argument):
            name, names = rec.role, role_map
        else:
            continue
        if name in names:
            out[(record_kind(rec), rec.uuid)] = name
    return out


def _count_relabelled(
    accepted: list[tuple[Record, int]], mapped_from: dict[tuple[str, str], str], report: MergeReport
) -> None:
    """Count the relabelled versions the merge wrote, under their source label (role)."""
    if not mapped_from:
        return
    for rec, _ in accepted:
        name = mapped_from.get((record_kind(rec), rec.uuid))
        if name is not None:
            counts = report.roles_relabelled if isinstance(rec, Argument) else report.relabelled
            counts[name] = counts.get(name, 0) + 1


def _merge_records(
    session: MergeSession,
    schema: Schema,
    records: list[BundleRecord],
    doc_ids: dict[str, int],
    documents: tuple[dict[int, str], dict[int, str]],
    held: _Quarantine,
    now: int,
    cancelled: IsCancelled,
    report: MergeReport,
    progress: tuple[Progress, int, int],
    judge: _TriggerLabels | None = None,
    mapped_from: Mapping[tuple[str, str], str] | None = None,
) -> list[tuple[Record, int]]:
    """Judge and write one part of the incoming records, counted in ``report``; returns the
    versions written. ``documents``: every document's name, and text hash, by local id;
    ``progress``: the callback, the records of the parts before and of all parts; ``judge``
    is told the events accepted on a trigger of another label and the stored spans whose
    label the part changes; ``mapped_from``: the source's label (role) of each record the
    merge's maps relabelled (``_mapped_from``), for ``_winners``."""
    timely: list[BundleRecord] = []
    if _all_timely(records, now):
        timely = list(records)
    else:
        for br in records:
            late = rules.stamp_problem(br.record.clock, now)
            if late is None:
                timely.append(br)
            else:  # never a winner, never seen by the project's clock
                held.record(br, late.message)
    timely, stamps_of = _one_layer_per_id(session, timely, held)
    winners, new_uuids = _winners(session, timely, cancelled, stamps_of, documents[1], mapped_from)
    report.kept += len(timely) - len(winners)
    del timely
    accepted = _screen(session, schema, winners, doc_ids, held, cancelled, documents[0], judge)
    recs = list(map(_FIRST, accepted))
    keys = zip(_record_kinds(recs), map(_UUID_OF, recs), strict=True)
    added = sum(map(new_uuids.__contains__, keys))  # (kind, uuid) new to the project
    del recs, keys
    if judge is not None and added < len(accepted):  # (all new: no stored label changes)
        judge.note(session, accepted, new_uuids)  # before the part is written: labels read
    report.added += added
    report.updated += len(accepted) - added
    total = len(accepted)
    for start in range(0, total, _BATCH):
        if cancelled():
            raise Cancelled("merge cancelled")
        report_progress, before, everything = progress
        report_progress(before + len(records) * start // total, everything)
        session.put(accepted[start : start + _BATCH])
    return accepted


_BATCH = 20000
_ASCII_STAMPS = re.compile(r"(?:[0-9]{13}\.[0-9]{6}\n)*")


def _all_timely(records: list[BundleRecord], now: int) -> bool:
    """Whether ``rules.stamp_problem`` accepts every record's stamp, told at once: every
    stamp of the fixed shape in ASCII digits (then the text order is the numeric order) and
    the greatest at most ``rules.MAX_DRIFT_MS`` ahead of ``now``. False: ask record by
    record (a stamp of another shape, of other digits, or too far ahead)."""
    limit = now + MAX_DRIFT_MS
    if not records:
        return True
    if not 0 <= limit <= MAX_MS:
        return False
    clocks = [br.record.clock for br in records]
    try:
        joined = "\n".join(clocks) + "\n"
    except TypeError:  # a stamp that is not text
        return False
    return (
        len(joined) == 21 * len(clocks)  # (and so no stamp holds a line break)
        and _ASCII_STAMPS.fullmatch(joined) is not None
        and max(clocks) <= f"{limit:013d}.{MAX_COUNTER:06d}"
    )


def _with_labels(mine: Schema, theirs: Schema, report: MergeReport) -> Schema:
    adopted = adopt_labels(mine, theirs)
    report.labels_added = list(adopted.added)
    report.labels_not_added = adopted.refused
    report.labels_taken = list(adopted.taken)
    report.attributes_taken = list(adopted.attributes_taken)
    report.attributes_added = list(adopted.attributes_added)
    return adopted.schema


def _withhold(report: MergeReport) -> None:
    """The report of a merge that took nothing in and so left the schema as it was: what it
    would have added, withheld."""
    report.labels_withheld, report.labels_added = report.labels_added, []
    report.attributes_withheld, report.attributes_added = report.attributes_added, []


def _add_documents(
    session: MergeSession,
    documents: list[BundleDocument],
    known: dict[str, int],
    report: MergeReport,
) -> dict[str, int]:
    new = {d.sha256: d for d in documents if d.sha256 not in known and d.text is not None}
    report.documents_matched += len({d.sha256 for d in documents if d.sha256 in known})
    fresh = [Document(0, d.name, d.text or "", d.sha256, d.meta) for d in new.values()]
    ids = session.add_documents(fresh) if fresh else []
    report.documents_added += len(ids)
    return {d.sha256: i for d, i in zip(fresh, ids, strict=True)}


def _one_layer_per_id(
    session: MergeSession, records: list[BundleRecord], held: _Quarantine
) -> tuple[list[BundleRecord], dict[str, dict[str, tuple[str, str]]]]:
    """``records`` without the versions that would move a record to another layer: a record
    id belongs to the layer (annotator) the project holds it in, and a version of it in
    another layer is quarantined (a colleague's file, or a hub row, reusing a uuid of someone
    else's annotation would otherwise take it over or delete it: found by QA on the hub). An
    id the project does not hold yet that arrives in several layers at once is quarantined
    in all of them. Between two files, the layer of the first one merged holds the id; the
    hub itself refuses a second layer's row for an id (its migration 0002). Also returns the
    stored (clock, annotator) of every incoming id, per kind, for ``_winners``."""
    kinds = _kinds(records)
    if len(set(kinds)) == 1:  # one kind (a bundle of spans, a part of a project file)
        fast = _one_layer_of_one_kind(session, records, kinds[0], held)
        if fast is not None:
            return fast
    # per kind, each incoming id's layer (a set only for an id arriving in several layers)
    layers: dict[str, dict[str, str | set[str]]] = {kind: {} for kind in RECORD_KINDS}
    for br, kind in zip(records, kinds, strict=True):
        rec = br.record
        ids = layers[kind]
        found = ids.setdefault(rec.uuid, rec.annotator)
        if found is rec.annotator:  # (the usual case: the id met for the first time)
            continue
        if isinstance(found, set):
            found.add(rec.annotator)
        elif found != rec.annotator:
            ids[rec.uuid] = {found, rec.annotator}
    owner: dict[str, dict[str, str | None]] = {}
    stamps_of: dict[str, dict[str, tuple[str, str]]] = {}
    for kind in RECORD_KINDS:
        ids = layers[kind]
        stored = stamps_of[kind] = session.stamps(kind, list(ids)) if ids else {}
        owner[kind] = {
            u: have[1] if (have := stored.get(u)) is not None else (
                found if isinstance(found, str) else None
            )
            for u, found in ids.items()
        }  # fmt: skip
    out = []
    for br, kind in zip(records, kinds, strict=True):
        rec = br.record
        mine = owner[kind][rec.uuid]
        if mine == rec.annotator:
            out.append(br)
        elif mine is None:
            found = layers[kind][rec.uuid]
            names = ", ".join(repr(a) for a in sorted(found))
            held.record(
                br,
                Message(
                    "record id {uuid} arrives in several layers ({names})",
                    uuid=rec.uuid,
                    names=names,
                ),
            )
        else:
            held.record(
                br,
                Message(
                    "record id {uuid} belongs to layer {layer}, not {other}",
                    uuid=rec.uuid,
                    layer=repr(mine),
                    other=repr(rec.annotator),
                ),
            )
    return out, stamps_of


def _one_layer_of_one_kind(
    session: MergeSession, records: list[BundleRecord], kind: str, held: _Quarantine
) -> tuple[list[BundleRecord], dict[str, dict[str, tuple[str, str]]]] | None:
    """``_one_layer_per_id`` of records of one kind whose ids are all different (None
    else): each id's layer is its record's, or the stored one's."""
    uuids = list(map(_UUID_OF, map(_RECORD_OF, records)))
    if len(set(uuids)) != len(uuids):
        return None
    stamps_of: dict[str, dict[str, tuple[str, str]]] = {k: {} for k in RECORD_KINDS}
    stored = stamps_of[kind] = session.stamps(kind, uuids) if uuids else {}
    if not stored:
        return list(records), stamps_of
    out = []
    for br, uuid in zip(records, uuids, strict=True):
        have = stored.get(uuid)
        if have is None or have[1] == br.record.annotator:
            out.append(br)
        else:
            held.record(
                br,
                Message(
                    "record id {uuid} belongs to layer {layer}, not {other}",
                    uuid=uuid,
                    layer=repr(have[1]),
                    other=repr(br.record.annotator),
                ),
            )
    return out, stamps_of


def _winners(
    session: MergeSession,
    records: list[BundleRecord],
    cancelled: IsCancelled,
    stamps_of: dict[str, dict[str, tuple[str, str]]] | None = None,
    sha_of: dict[int, str] | None = None,
    mapped_from: Mapping[tuple[str, str], str] | None = None,
) -> tuple[list[BundleRecord], set[tuple[str, str]]]:
    """The incoming versions that beat both the other incoming ones and the stored one,
    in kind order (spans, events, arguments, relations) so references are screened in one
    pass; and the (kind, uuid) keys new to the project.

    A version a merge's map relabelled (``mapped_from``: the source's label or role of each,
    by kind and uuid) also beats the stored version it ties on (clock, annotator) when that
    one is the same but for carrying the source's label (an earlier merge without the map
    took it in so): merging again with the map relabels it whatever the names' spelling.
    Without the rule the canonical JSON decided, so ``Human`` (below ``PER``) was relabelled
    and ``Person`` (above) was not. Any other tie is broken as before, and a repeat of the
    mapped merge finds the mapped version stored and changes nothing.

    Stamps compare as text here: every stamp has the fixed shape (the bundle and project
    file screen refuse any other, ``annotator.clock.repair_clock`` mends stored ones), and
    for that shape the text order is the numeric order."""
    best: dict[str, dict[str, BundleRecord]] = {kind: {} for kind in RECORD_KINDS}
    kinds = _kinds(records)
    uuids = list(map(_UUID_OF, map(_RECORD_OF, records)))
    if len(set(kinds)) == 1 and len(set(uuids)) == len(uuids):  # (a bundle, a table's part)
        best[kinds[0]] = dict(zip(uuids, records, strict=True))  # each id once: its own best
    else:
        for br, kind, uuid in zip(records, kinds, uuids, strict=True):
            of_kind = best[kind]
            old = of_kind.setdefault(uuid, br)
            if old is not br and _order(br) > _order(old):
                of_kind[uuid] = br
    del kinds, uuids
    out: list[BundleRecord] = []
    new: set[tuple[str, str]] = set()
    if sha_of is None:
        sha_of = {i: s for s, i in session.document_hashes().items()}
    remapped = mapped_from or None  # (no map: nothing more asked of a tie)
    for kind in RECORD_KINDS:
        if cancelled():
            raise Cancelled("merge cancelled")
        mine = list(best[kind].values())
        known = (stamps_of or {}).get(kind)
        stored = (
            known if known is not None else session.stamps(kind, [br.record.uuid for br in mine])
        )
        # (clock, annotator) decides almost always; the whole record breaks the rare tie,
        # and an identical stored version (the usual tie: a re-merge) needs no JSON at all
        if not stored:  # none of them stored yet (a first merge): every one new
            out += mine
            new.update(zip(repeat(kind), best[kind]))
            continue
        ties = [br.record.uuid for br in mine if stored.get(br.record.uuid) == _pair(br)]
        tied = {r.uuid: r for r in session.stored(kind, ties)} if ties else {}
        for br in mine:
            have = stored.get(br.record.uuid)
            if have is None:
                new.add((kind, br.record.uuid))
                out.append(br)
            elif _pair(br) > have or (
                have == _pair(br)
                and (
                    _beats(br, tied[br.record.uuid], sha_of)
                    or (
                        remapped is not None
                        and _remaps(br, kind, tied[br.record.uuid], sha_of, remapped)
                    )
                )
            ):
                out.append(br)
    return out, new


def _pair(br: BundleRecord) -> tuple[str, str]:
    return (br.record.clock, br.record.annotator)


def _order(br: BundleRecord) -> tuple[str, str, str]:
    return (br.record.clock, br.record.annotator, br.canonical())


def _beats(br: BundleRecord, stored: Record, sha_of: dict[int, str]) -> bool:
    if _same_version(stored, br.record) and sha_of[stored.doc_id] == br.doc_sha:
        return False
    return br.canonical() > canonical_record(stored, sha_of[stored.doc_id])


_NAME_FIELD = {"spans": "label", "events": "type", "relations": "type", "arguments": "role"}
"""the field a label map (a role map, for arguments) relabels, by kind"""


def _remaps(
    br: BundleRecord,
    kind: str,
    stored: Record,
    sha_of: dict[int, str],
    mapped_from: Mapping[tuple[str, str], str],
) -> bool:
    """Whether ``br``, relabelled by the merge's map from its source label (role)
    ``mapped_from`` names, is ``stored`` but for ``stored`` carrying that source label: the
    version an earlier merge without the map took in, which the mapped one replaces."""
    theirs = mapped_from.get((kind, br.record.uuid))
    name = _NAME_FIELD[kind]
    if theirs is None or getattr(stored, name) != theirs or sha_of[stored.doc_id] != br.doc_sha:
        return False
    ours = getattr(br.record, name)
    return ours != theirs and _same_version(dataclasses.replace(stored, **{name: ours}), br.record)


def _same_version(stored: Record, incoming: Record) -> bool:
    """``dataclasses.replace(stored, doc_id=0) == incoming`` (the dataclasses' own equality,
    every field but the document id compared in order), without building the copy: this runs
    once per record of a re-merge."""
    fields = _COMPARED.get(type(stored))
    if fields is None or type(incoming) is not type(stored):
        return dataclasses.replace(stored, doc_id=0) == incoming
    return incoming.doc_id == 0 and fields(stored) == fields(incoming)


_COMPARED: dict[type, Callable[[Record], tuple[Any, ...]]] = {
    t: operator.attrgetter(
        *(f.name for f in dataclasses.fields(t) if f.compare and f.name != "doc_id")
    )
    for t in (Span, Event, Argument, Relation)
}
_KINDS: dict[type, str] = {Span: "spans", Event: "events", Argument: "arguments",
                           Relation: "relations"}  # fmt: skip


def _kind(record: Record) -> str:
    """``record_kind``, by the record's class first (it runs several times per record)."""
    kind = _KINDS.get(type(record))
    return kind if kind is not None else record_kind(record)


def _kinds(records: list[BundleRecord]) -> list[str]:
    """``_kind`` of each record, in order (by the classes at C speed when they tell)."""
    kinds = list(map(_KINDS.get, map(type, map(_RECORD_OF, records))))
    if None in kinds:  # a subclass: record_kind says
        return [_kind(br.record) for br in records]
    return kinds  # type: ignore[return-value]


_RECORD_OF: Callable[[BundleRecord], Record] = operator.attrgetter("record")
_UUID_OF: Callable[[Record], str] = operator.attrgetter("uuid")
_FIRST: Callable[[tuple[Record, int]], Record] = operator.itemgetter(0)
_SECOND: Callable[[tuple[Any, Record, int]], Record] = operator.itemgetter(1)
_THIRD: Callable[[tuple[Any, Record, int]], int] = operator.itemgetter(2)
_DOC_SHA_OF: Callable[[BundleRecord], str] = operator.attrgetter("doc_sha")


def _record_kinds(records: list[Record]) -> list[str]:
    """``_kind`` of each record, in order (by the classes at C speed when they tell)."""
    kinds = list(map(_KINDS.get, map(type, records)))
    if None in kinds:
        return [_kind(r) for r in records]
    return kinds  # type: ignore[return-value]


_LABEL_OF: Callable[[Record], str] = operator.attrgetter("label")


class _Quarantine:
    """Sets records and statuses aside: stored once per (uuid, version, reason), reported
    every time."""

    def __init__(self, session: MergeSession, source: str, report: MergeReport) -> None:
        self.session, self.source, self.report = session, source, report
        self.taken = {theirs for theirs, _ in report.labels_taken}
        self.seen = {
            (q["uuid"], canonical_json(q["record"]), q["reason"]) for q in session.quarantined()
        }

    def record(self, br: BundleRecord, reason: str) -> None:
        rec = br.record
        if self.taken:  # counted for the report's line on a label not added as ours
            label = (
                rec.label if isinstance(rec, Span)
                else rec.type if isinstance(rec, Event | Relation)
                else None
            )  # fmt: skip
            if label is not None and label in self.taken:
                counts = self.report.taken_quarantined
                counts[label] = counts.get(label, 0) + 1
        self.add(record_kind(rec), rec.uuid, br.doc_sha, json.loads(br.canonical()), reason)

    def status(self, st: BundleStatus, reason: str) -> None:
        data = {"doc": st.doc_sha, "annotator": st.annotator, "status": st.status.value,
                "clock": st.clock}  # fmt: skip
        self.add("statuses", st.annotator, st.doc_sha, data, reason)

    def add(self, kind: str, uuid: str, doc_sha: str, data: dict[str, Any], reason: str) -> None:
        key = (uuid, canonical_json(data), reason)
        if key not in self.seen:
            self.seen.add(key)
            self.session.quarantine(self.source, doc_sha, kind, uuid, data, reason)
        self.report.quarantined.append(Quarantined(kind, uuid, doc_sha, reason))


def _with_doc(record: Record, doc_id: int) -> Record:
    # a copy carrying the local document id (rules compare layers by document), without
    # dataclasses.replace's per-field __init__: this runs once per merged record
    copy: Record = object.__new__(type(record))
    object.__setattr__(copy, "__dict__", {**record.__dict__, "doc_id": doc_id})
    return copy


def _screen(
    session: MergeSession,
    schema: Schema,
    winners: list[BundleRecord],
    doc_ids: dict[str, int],
    held: _Quarantine,
    cancelled: IsCancelled,
    names: dict[int, str] | None = None,
    judge: _TriggerLabels | None = None,
) -> list[tuple[Record, int]]:
    """The winners that ``annotator.rules`` accepts against the merged state, each with its
    local document id; the others quarantined with the rule's message as reason.

    A live record is judged by the same rules as an API edit: a span against the text and
    the (merged) schema; an event, argument or relation also against the records it points
    at, resolved in the merged state: the version accepted in this merge, else the stored
    one, deleted or not (``referenced``). Tombstones only need the structural rules (ids, names,
    offsets, covered text). An event on a trigger labelled otherwise than its type is judged
    by every other rule and, accepted, given to ``judge`` to report (``_TriggerLabels``)."""
    if names is None:
        names = session.document_names()
    texts: dict[int, str] = {}
    # accepted in this merge: (record, local document id); a span keeps the incoming
    # record (doc_id 0) until a reference needs it with its local id (most never do)
    decided: dict[str, dict[str, tuple[Record, int]]] = {k: {} for k in RECORD_KINDS}
    stored: dict[str, dict[str, Record]] = {k: {} for k in RECORD_KINDS}

    def referenced(kind: str, uuid: str) -> Record | None:
        """The merged state's version of a referenced record, a deleted one judged as if it
        were live: a deletion leaves the records pointing at it for ``check`` to report, as
        ``Project.delete_span`` does, so whether they are kept does not depend on which
        bundle is merged first (only a reference to no record at all is refused)."""
        pair = decided[kind].get(uuid)
        rec = stored[kind].get(uuid) if pair is None else pair[0]
        if pair is not None and pair[0].doc_id != pair[1]:
            rec = _with_doc(pair[0], pair[1])
            decided[kind][uuid] = (rec, pair[1])
        if rec is not None and rec.deleted:
            rec = dataclasses.replace(rec, deleted=False)
        return rec

    def fetch(kind: str, uuids: set[str]) -> None:
        wanted = sorted(u for u in uuids if u not in decided[kind] and u not in stored[kind])
        for rec in session.stored(kind, wanted):
            stored[kind][rec.uuid] = rec

    accepted: list[tuple[Record, int]] = []
    by_kind: dict[str, list[BundleRecord]] = {k: [] for k in RECORD_KINDS}
    kinds = _kinds(winners)
    if len(set(kinds)) == 1:  # (one kind: the list as it is)
        by_kind[kinds[0]] = winners
    else:
        for br, kind in zip(winners, kinds, strict=True):
            by_kind[kind].append(br)
    del kinds
    for kind in RECORD_KINDS:
        local: list[tuple[BundleRecord, Record, int]] = []
        doc_of = list(map(doc_ids.get, map(_DOC_SHA_OF, by_kind[kind])))
        if kind == "spans" and None not in doc_of:  # judged without a document id
            known_docs: list[int] = doc_of  # type: ignore[assignment]  # (no None)
            local = list(
                zip(by_kind[kind], map(_RECORD_OF, by_kind[kind]), known_docs, strict=True)
            )
        else:
            for br, doc_id in zip(by_kind[kind], doc_of, strict=True):
                if doc_id is None:
                    held.record(br, Message("unknown document"))
                elif kind == "spans":  # (texts are looked up here)
                    local.append((br, br.record, doc_id))
                else:
                    local.append((br, _with_doc(br.record, doc_id), doc_id))
        del doc_of
        _prefetch(kind, [rec for _, rec, _ in local], fetch)
        good = _good_spans(session, schema, local, texts) if kind == "spans" else set()
        if local and len(good) == len(local):  # every one a live span the rules accept
            if cancelled():
                raise Cancelled("merge cancelled")
            pairs = list(zip(map(_SECOND, local), map(_THIRD, local), strict=True))
            decided[kind].update(zip(map(_UUID_OF, map(_FIRST, pairs)), pairs, strict=True))
            accepted += pairs
            continue
        for n, (br, rec, doc_id) in enumerate(local):
            if n % 5000 == 0 and cancelled():
                raise Cancelled("merge cancelled")
            if n in good:  # known from its fields to meet every condition of span_problem
                v = None
            elif isinstance(rec, Span):
                text = texts.get(doc_id)
                if text is None:
                    text = texts[doc_id] = session.document_text(doc_id)
                v = rules.span_problem(  # an older version's trigger attributes: lifted later
                    schema, text, rules.without_event_attributes(schema, rec), names.get(doc_id, "")
                )
            elif isinstance(rec, Event):
                found = referenced("spans", rec.trigger)
                trigger = found if isinstance(found, Span) else None
                v = rules.event_problem(schema, rec, trigger)
                if v is not None and v.kind == "trigger-label" and trigger is not None:
                    # kept, for check to list (_TriggerLabels reports it): every other rule
                    # judged as if the trigger carried the event's type
                    v = rules.event_problem(
                        schema, rec, dataclasses.replace(trigger, label=rec.type)
                    )
                    if v is None and judge is not None:
                        judge.events.add(rec.uuid)
            elif isinstance(rec, Argument):
                event = referenced("events", rec.event)
                target = referenced("spans", rec.target) or referenced("events", rec.target)
                v = rules.argument_problem(
                    schema,
                    event if isinstance(event, Event) else None,
                    rec,
                    target if isinstance(target, Span | Event) else None,
                )
            else:
                assert isinstance(rec, Relation)
                src, dst = referenced("spans", rec.source), referenced("spans", rec.target)
                v = rules.relation_problem(
                    schema,
                    rec,
                    src if isinstance(src, Span) else None,
                    dst if isinstance(dst, Span) else None,
                )
            if v is not None:
                held.record(br, v.message)
                continue
            decided[kind][rec.uuid] = (rec, doc_id)
            accepted.append((rec, doc_id))
    return accepted


def _good_spans(
    session: MergeSession,
    schema: Schema,
    local: list[tuple[BundleRecord, Record, int]],
    texts: dict[int, str],
) -> set[int]:
    """The places in ``local`` of the live spans ``rules.span_problem`` would accept, known
    from their fields document by document (``rules.spans_to_judge``, the rule's column
    form): a span it names, or a tombstone, is judged by the rule itself. A span it passes
    has no attributes, so ``rules.without_event_attributes`` would give it back as it is."""
    by_doc: dict[int, list[int]] = {}
    for n, (_, rec, doc_id) in enumerate(local):
        if type(rec) is Span and rec.deleted is False:
            by_doc.setdefault(doc_id, []).append(n)
    good: set[int] = set()
    for doc_id, places in by_doc.items():
        text = texts.get(doc_id)
        if text is None:
            text = texts[doc_id] = session.document_text(doc_id)
        spans = [local[n][1] for n in places]
        judged = rules.spans_to_judge(spans, text, schema, None)  # type: ignore[arg-type]
        if judged is None:
            continue
        suspect = set(judged)
        good.update(n for k, n in enumerate(places) if k not in suspect)
    return good


class _TriggerLabels:
    """The events a merge leaves on a trigger span labelled otherwise than their type
    (``rules.trigger_label_problem``). Told, part by part, the events ``_screen`` accepted on
    such a trigger and the stored spans whose label an accepted version changes; once every
    record is written, judges the live events among the first and those the project holds on
    the second (an older version's relabel of a trigger, merged after the event), by their
    trigger's merged version. They are kept, not quarantined: whether the event or the
    relabelled span came first must not decide what the project holds
    (``MergeReport.mislabelled``)."""

    def __init__(self) -> None:
        self.events: set[str] = set()
        """events accepted on a trigger labelled otherwise than their type"""
        self.relabelled: dict[tuple[int, str], set[str]] = {}
        """stored spans relabelled by this merge, by layer (document id, annotator)"""

    def note(
        self,
        session: MergeSession,
        accepted: list[tuple[Record, int]],
        new: set[tuple[str, str]],
    ) -> None:
        updated = {
            r.uuid: (r, doc_id)
            for r, doc_id in accepted
            if isinstance(r, Span) and ("spans", r.uuid) not in new
        }
        if not updated:
            return
        for old in session.stored("spans", sorted(updated)):
            span, doc_id = updated[old.uuid]
            if isinstance(old, Span) and old.label != span.label:
                self.relabelled.setdefault((doc_id, span.annotator), set()).add(span.uuid)

    def kept(
        self, project: Project, session: MergeSession, sha_of: dict[int, str]
    ) -> list[Quarantined]:
        uuids = set(self.events)
        for (doc_id, annotator), spans in sorted(self.relabelled.items()):
            uuids.update(e.uuid for e in project.events(doc_id, annotator) if e.trigger in spans)
        events = [
            e for e in session.stored("events", sorted(uuids))
            if isinstance(e, Event) and not e.deleted
        ]  # fmt: skip
        wanted = sorted({e.trigger for e in events})
        triggers = {s.uuid: s for s in session.stored("spans", wanted) if isinstance(s, Span)}
        out = []
        for e in events:
            trigger = triggers.get(e.trigger)  # a tombstone too: judged as if live (_screen)
            v = None if trigger is None else rules.trigger_label_problem(e, trigger)
            if v is not None:
                out.append(Quarantined("events", e.uuid, sha_of.get(e.doc_id, ""), v.message))
        return out


def _prefetch(kind: str, records: list[Record], fetch: Callable[[str, set[str]], None]) -> None:
    """Read at once the stored versions of what ``records`` point at."""
    if kind == "events":
        fetch("spans", {r.trigger for r in records if isinstance(r, Event)})
    elif kind == "arguments":
        args = [r for r in records if isinstance(r, Argument)]
        fetch("events", {a.event for a in args} | {a.target for a in args})
        fetch("spans", {a.target for a in args})
    elif kind == "relations":
        rels = [r for r in records if isinstance(r, Relation)]
        fetch("spans", {r.source for r in rels} | {r.target for r in rels})


def _merge_statuses(
    session: MergeSession,
    statuses: list[BundleStatus],
    doc_ids: dict[str, int],
    now: int,
    held: _Quarantine,
    stamps: list[str],
    current: dict[tuple[int, str], tuple[str, str]],
) -> int:
    """Per (document, annotator) keep the maximum of (clock, status). A status stamped too
    far ahead, or of a document the project lacks, is quarantined; the stamps taken in are
    appended to ``stamps``. ``current``: the stored (clock, status) of each (document id,
    annotator), kept up to date."""
    changed = 0
    for st in statuses:
        late = rules.stamp_problem(st.clock, now)
        doc_id = doc_ids.get(st.doc_sha)
        if late is not None or doc_id is None:
            held.status(st, late.message if late is not None else "unknown document")
            continue
        stamps.append(st.clock)
        key = (doc_id, st.annotator)
        if key not in current or (st.clock, st.status.value) > current[key]:
            session.set_status(DocStatus(doc_id, st.annotator, st.status, st.clock))
            current[key] = (st.clock, st.status.value)
            changed += 1
    return changed


# -- canonical dump ---------------------------------------------------------------------------
def canonical_dump(project: Project) -> str:
    """A stable text of what merging decides: document hashes, every record version (with
    document hashes instead of local ids) and statuses, sorted. Names, metadata, the change
    log and the quarantine are local and left out."""
    sha_of = {i: s for s, i in project.document_hashes().items()}
    lines = [f"D\t{sha}" for sha in sorted(sha_of.values())]
    for kind in RECORD_KINDS:
        recs = project.versions(kind)
        lines += sorted(f"R\t{kind}\t{canonical_record(r, sha_of[r.doc_id])}" for r in recs)
    lines += sorted(
        f"S\t{sha_of[s.doc_id]}\t{s.annotator}\t{s.status.value}\t{s.clock}"
        for s in project.doc_statuses()
    )
    return "\n".join(lines)


def canonical_hash(project: Project) -> str:
    """sha256 of ``canonical_dump``: equal for projects holding the same merged state."""
    return hashlib.sha256(canonical_dump(project).encode("utf-8")).hexdigest()
