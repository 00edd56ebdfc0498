"""Exchange of colleagues' work: bundle files and the merge of records into a project.

A bundle is one zip file holding one annotator's layer: ``manifest.json`` (format, version,
annotator, counts and the sha256 of every other member), ``schema.json``, ``documents.jsonl``
(text hash, name, metadata and, optionally, the text), ``records.jsonl`` (every record version
of the layer, tombstones included, pointing at documents by text hash) and ``statuses.jsonl``.
Bundles are untrusted: ``annotator.exchange_bundle`` checks them before anything is merged.

Merging is a union of records keyed by uuid. For one uuid the version kept is the maximum of
(clock, annotator, canonical JSON of the whole record): a total order, so merging is
commutative, associative and idempotent, and deletions are simply versions (tombstones). An
annotation whose document is unknown, whose covered text differs from the matched document,
or which points at such an annotation, is set aside in the quarantine table and reported.
Each merge is one transaction: a failure or a cancel leaves the project as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import Cancelled, ProjectFileError
from annotator.exchange_bundle import (
    Bundle,
    BundleDocument,
    BundleManifest,
    BundleRecord,
    BundleStatus,
    Limits,
    canonical_record,
    paused_gc,
    read_bundle,
)
from annotator.exchange_write import write_bundle
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.model import DocStatus, Document, Event, Record, Relation, Span, record_kind
from annotator.project import Project
from annotator.schema import Schema
from annotator.store import RECORD_TABLES, Store

__all__ = [
    "Bundle",
    "BundleManifest",
    "Limits",
    "MergeReport",
    "Quarantined",
    "canonical_dump",
    "canonical_hash",
    "merge_bundle",
    "merge_project_file",
    "read_bundle",
    "write_bundle",
]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


# -- merging -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quarantined:
    """One annotation set aside instead of attached."""

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
    unknown_labels: dict[str, int] = field(default_factory=dict)
    """labels/types used by merged records but missing from the project schema (kept)"""
    schema_only_in_source: list[str] = field(default_factory=list)
    """labels the source schema defines and the project schema lacks"""

    def lines(self) -> list[str]:
        """A short human summary, one fact per line."""
        out = [
            f"{self.source}: {self.added} added, {self.updated} updated, {self.kept} unchanged",
            f"documents: {self.documents_added} added, {self.documents_matched} matched",
        ]
        if self.statuses_updated:
            out.append(f"statuses updated: {self.statuses_updated}")
        if self.quarantined:
            reasons = Counter(q.reason for q in self.quarantined)
            for reason, n in sorted(reasons.items()):
                out.append(f"quarantined ({reason}): {n}")
        for label, n in sorted(self.unknown_labels.items()):
            out.append(f"label not in the project schema (kept): {label} ({n})")
        if self.schema_only_in_source:
            out.append("labels only in the source schema: " + ", ".join(self.schema_only_in_source))
        return out


def merge_bundle(
    project: Project,
    bundle: Bundle,
    source_name: str = "",
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> MergeReport:
    """Merge a bundle read by ``read_bundle`` into ``project`` in one transaction."""
    return _merge(
        project, source_name or bundle.manifest.annotator, bundle.schema, bundle.documents,
        bundle.records, bundle.statuses, progress, cancelled,
    )  # fmt: skip


def merge_project_file(
    project: Project,
    other_path: Path,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> MergeReport:
    """Merge every layer of another project file into ``project``.

    The other file is copied to a temporary folder and opened read-only there (its header,
    application id, version and quick_check are checked first), so nothing is ever written
    next to the colleague's file; explicit columns are read through the store.
    """
    other_path = Path(other_path)
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as tmp:
        copy = Path(tmp) / other_path.name
        shutil.copyfile(other_path, copy)
        wal = Path(str(other_path) + "-wal")
        if wal.exists():  # committed pages may still sit in the log of a closed file
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        try:
            other = Store.open(copy, read_only=True)
        except ProjectFileError as exc:  # name the user's file, not the temporary copy
            raise ProjectFileError(str(exc).replace(str(copy), str(other_path))) from exc
        try:
            docs = other.documents(with_text=True)
            sha_of = {d.id: d.sha256 for d in docs}
            incoming_docs = [BundleDocument(d.sha256, d.name, d.meta, d.text) for d in docs]
            records = [
                BundleRecord(sha_of[r.doc_id], r, 0)
                for kind in RECORD_TABLES
                for r in other.records(kind, include_deleted=True)
            ]
            statuses = [
                BundleStatus(sha_of[s.doc_id], s.annotator, s.status, s.clock)
                for s in other.statuses()
            ]
            schema_data = other.schema_json()
        finally:
            other.close()
    schema = Schema.from_json(schema_data, str(other_path)) if schema_data else None
    return _merge(
        project, str(other_path), schema, incoming_docs, records, statuses, progress, cancelled
    )


def _merge(
    project: Project,
    source: str,
    schema: Schema | None,
    documents: list[BundleDocument],
    records: list[BundleRecord],
    statuses: list[BundleStatus],
    progress: Progress,
    cancelled: IsCancelled,
) -> MergeReport:
    store = project.store
    report = MergeReport(source)
    if schema is not None:
        mine = {lab.name for lab in project.schema.all_labels()}
        report.schema_only_in_source = sorted({lab.name for lab in schema.all_labels()} - mine)
    with paused_gc(), store.large_cache(), store.write():
        doc_ids = store.document_hashes()
        doc_ids.update(_add_documents(store, documents, doc_ids, report))
        winners, new_uuids = _winners(store, records, cancelled)
        report.kept = len(records) - len(winners)
        texts = _texts(store, {br.doc_sha for br in winners}, doc_ids)
        accepted = _screen(store, source, winners, doc_ids, texts, report)
        report.added = sum(1 for r, _ in accepted if (record_kind(r), r.uuid) in new_uuids)
        report.updated = len(accepted) - report.added
        _count_labels(project.schema, [r for r, _ in accepted], report)
        total = len(accepted)
        for start in range(0, total, _BATCH):
            if cancelled():
                raise Cancelled("merge cancelled")
            progress(start, total)
            batch = accepted[start : start + _BATCH]
            for name in {r.annotator for r, _ in batch}:
                store.ensure_annotator(name)
            store.put_merged(batch)
        progress(total, total)
        report.statuses_updated = _merge_statuses(store, statuses, doc_ids)
        stamps = [r.clock for r, _ in accepted] + [s.clock for s in statuses]
        if stamps:  # the project's clock never issues a stamp below what it has seen
            project.clock.observe(max(stamps))
            store.set_setting("hlc", project.clock.last)
        store.log("", "merge", "bundle", source, None, {"lines": report.lines()})
    return report


_BATCH = 20000


def _add_documents(
    store: Store, documents: list[BundleDocument], known: dict[str, int], report: MergeReport
) -> dict[str, int]:
    new = {d.sha256: d for d in documents if d.sha256 not in known and d.text is not None}
    report.documents_matched = len({d.sha256 for d in documents if d.sha256 in known})
    fresh = [Document(0, d.name, d.text or "", d.sha256, d.meta) for d in new.values()]
    ids = store.insert_documents(fresh)
    report.documents_added = len(ids)
    return {d.sha256: i for d, i in zip(fresh, ids, strict=True)}


def _winners(
    store: Store, records: list[BundleRecord], cancelled: IsCancelled
) -> tuple[list[BundleRecord], set[tuple[str, str]]]:
    """The incoming versions that beat both the other incoming ones and the stored one,
    in kind order (spans, events, arguments, relations) so references are screened in one
    pass; and the (kind, uuid) keys new to the project."""
    best: dict[tuple[str, str], BundleRecord] = {}
    for br in records:
        key = (record_kind(br.record), br.record.uuid)
        old = best.get(key)
        if old is None or _order(br) > _order(old):
            best[key] = br
    out: list[BundleRecord] = []
    new: set[tuple[str, str]] = set()
    sha_of = {i: s for s, i in store.document_hashes().items()}
    for kind in RECORD_TABLES:
        if cancelled():
            raise Cancelled("merge cancelled")
        mine = [br for (k, _), br in best.items() if k == kind]
        stored = store.versions(kind, [br.record.uuid for br in mine])
        # (clock, annotator) decides almost always; the whole record breaks the rare tie,
        # and an identical stored version (the usual tie: a re-merge) needs no JSON at all
        ties = [br.record.uuid for br in mine if stored.get(br.record.uuid) == _pair(br)]
        tied = {r.uuid: r for r in store.records_by_uuid(kind, ties)} if ties else {}
        for br in mine:
            have = stored.get(br.record.uuid)
            if have is None:
                new.add((kind, br.record.uuid))
                out.append(br)
            elif _pair(br) > have or (
                have == _pair(br) and _beats(br, tied[br.record.uuid], sha_of)
            ):
                out.append(br)
    return out, new


def _pair(br: BundleRecord) -> tuple[str, str]:
    return (br.record.clock, br.record.annotator)


def _order(br: BundleRecord) -> tuple[str, str, str]:
    return (br.record.clock, br.record.annotator, br.canonical())


def _beats(br: BundleRecord, stored: Record, sha_of: dict[int, str]) -> bool:
    if dataclasses.replace(stored, doc_id=0) == br.record and sha_of[stored.doc_id] == br.doc_sha:
        return False
    return br.canonical() > canonical_record(stored, sha_of[stored.doc_id])


def _texts(store: Store, shas: set[str], doc_ids: dict[str, int]) -> dict[str, str]:
    out: dict[str, str] = {}
    for sha in shas:
        doc = store.document(doc_ids[sha]) if sha in doc_ids else None
        if doc is not None:
            out[sha] = doc.text
    return out


def _screen(
    store: Store,
    source: str,
    winners: list[BundleRecord],
    doc_ids: dict[str, int],
    texts: dict[str, str],
    report: MergeReport,
) -> list[tuple[Record, int]]:
    """Pair the winners with local document ids, or quarantine them with a reason."""
    held: set[str] = set()
    # the same bad record merged twice is reported twice but stored once
    seen = {(q["uuid"], _dumps(q["record"]), q["reason"]) for q in store.quarantined()}
    accepted: list[tuple[Record, int]] = []
    for br in winners:
        rec = br.record
        reason = _problem(br, texts, held)
        if not reason:
            accepted.append((rec, doc_ids[br.doc_sha]))
            continue
        held.add(rec.uuid)
        data = json.loads(br.canonical())
        if (rec.uuid, _dumps(data), reason) not in seen:
            seen.add((rec.uuid, _dumps(data), reason))
            store.quarantine(source, br.doc_sha, record_kind(rec), rec.uuid, data, reason)
        report.quarantined.append(Quarantined(record_kind(rec), rec.uuid, br.doc_sha, reason))
    return accepted


def _problem(br: BundleRecord, texts: dict[str, str], held: set[str]) -> str:
    text = texts.get(br.doc_sha)
    if text is None:
        return "unknown document"
    rec = br.record
    if isinstance(rec, Span):
        if not (0 <= rec.start < rec.end <= len(text)) or text[rec.start : rec.end] != rec.text:
            return "covered text differs"
        if any(not (rec.start <= a < b <= rec.end) for a, b in rec.fragments):
            return "fragment outside its span"
        return ""
    refs: tuple[str, ...]
    if isinstance(rec, Event):
        refs = (rec.trigger,)
    elif isinstance(rec, Relation):
        refs = (rec.source, rec.target)
    else:
        refs = (rec.event, rec.target)
    return "refers to a quarantined annotation" if any(r in held for r in refs) else ""


def _count_labels(schema: Schema, records: list[Record], report: MergeReport) -> None:
    unknown: Counter[str] = Counter()
    for rec in records:
        if isinstance(rec, Span):
            known = schema.label(rec.label) is not None
        elif isinstance(rec, Event):
            known = schema.event(rec.type) is not None
        elif isinstance(rec, Relation):
            known = schema.relation(rec.type) is not None
        else:
            continue
        if not known:
            unknown[rec.label if isinstance(rec, Span) else rec.type] += 1
    report.unknown_labels = dict(unknown)


def _merge_statuses(store: Store, statuses: list[BundleStatus], doc_ids: dict[str, int]) -> int:
    """Per (document, annotator) keep the maximum of (clock, status)."""
    current = {(s.doc_id, s.annotator): (s.clock, s.status.value) for s in store.statuses()}
    changed = 0
    for st in statuses:
        doc_id = doc_ids.get(st.doc_sha)
        if doc_id is None:
            continue
        key = (doc_id, st.annotator)
        if key not in current or (st.clock, st.status.value) > current[key]:
            store.ensure_annotator(st.annotator)
            store.set_status(DocStatus(doc_id, st.annotator, st.status, st.clock))
            current[key] = (st.clock, st.status.value)
            changed += 1
    return changed


# -- canonical dump ---------------------------------------------------------------------------
def canonical_dump(project: Project) -> str:
    """A stable text of what merging decides: document hashes, every record version (with
    document hashes instead of local ids) and statuses, sorted. Names, metadata, the change
    log and the quarantine are local and left out."""
    store = project.store
    sha_of = {i: s for s, i in store.document_hashes().items()}
    lines = [f"D\t{sha}" for sha in sorted(sha_of.values())]
    for kind in RECORD_TABLES:
        recs = store.records(kind, include_deleted=True)
        lines += sorted(f"R\t{kind}\t{canonical_record(r, sha_of[r.doc_id])}" for r in recs)
    lines += sorted(
        f"S\t{sha_of[s.doc_id]}\t{s.annotator}\t{s.status.value}\t{s.clock}"
        for s in store.statuses()
    )
    return "\n".join(lines)


def canonical_hash(project: Project) -> str:
    """sha256 of ``canonical_dump``: equal for projects holding the same merged state."""
    return hashlib.sha256(canonical_dump(project).encode("utf-8")).hexdigest()
