"""Writing bundle files: one annotator's layer as a zip, written atomically.

The layout is described in ``annotator.exchange.merge``; the record lines are the canonical
form of ``annotator.exchange.bundle_read.canonical_record``. The zip appears under its name only
once complete and flushed to disk (temporary name, fsync, rename), so a crash or a cancel never
leaves a half bundle behind.

A bundle carrying the text of a document whose text no longer matches its sha256 (changed
behind the program's back) is refused before a byte is written (``altered.refuse_altered``,
the rule every export applies): the merge it is written for would refuse it. A bundle of
hashes only (``include_text=False``) carries no text and goes out: its records name the
document by the sha256 it was annotated under, and the merge judges them against the
receiving project's own text.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.altered import refuse_altered
from annotator.canonical import canonical_json
from annotator.errors import Cancelled
from annotator.exchange.bundle_read import (
    BUNDLE_FORMAT,
    BUNDLE_VERSION,
    BundleManifest,
    canonical_record,
)
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.model import Document, Record
from annotator.output import writing
from annotator.project import RECORD_KINDS, Project
from annotator.store import now_iso


def write_bundle(
    project: Project,
    annotator: str,
    out: Path,
    include_text: bool = True,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> BundleManifest:
    """Write ``annotator``'s layer (every version, tombstones too) to the zip file ``out``.

    Documents written are those the layer touches (records or statuses). The file appears
    only once complete (temporary name, fsync, rename); a cancel leaves nothing behind.
    ``altered.AlteredText`` (nothing written) when ``include_text`` and one of them has a
    text that no longer matches its sha256.
    """
    by_kind = {k: project.versions(k, annotator) for k in RECORD_KINDS}
    statuses = project.doc_statuses(annotator)
    doc_ids = {r.doc_id for recs in by_kind.values() for r in recs} | {s.doc_id for s in statuses}
    docs = [d for d in project.documents(with_text=True) if d.id in doc_ids]
    if include_text:
        refuse_altered(docs)
    sha_of = {d.id: d.sha256 for d in docs}
    total = sum(len(v) for v in by_kind.values())
    counts = {"documents": len(docs), **{k: len(v) for k, v in by_kind.items()}}
    counts["statuses"] = len(statuses)
    out = Path(out)
    checksums: dict[str, str] = {}
    # annotator.output: complete or absent, and never over a file it did not write itself
    with writing(out, "bundle") as tmp:  # noqa: SIM117 (keeps the zip block as it was)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            _member(zf, "schema.json", [canonical_json(project.schema.to_json())], checksums)
            _member(zf, "documents.jsonl", (_doc_line(d, include_text) for d in docs), checksums)
            lines = _record_lines(by_kind, sha_of, total, progress, cancelled)
            _member(zf, "records.jsonl", lines, checksums)
            status_lines = (
                canonical_json({"doc": sha_of[s.doc_id], "annotator": s.annotator,
                                "status": s.status.value, "clock": s.clock})
                for s in statuses
            )  # fmt: skip
            _member(zf, "statuses.jsonl", status_lines, checksums)
            manifest = BundleManifest(
                format=BUNDLE_FORMAT,
                version=BUNDLE_VERSION,
                annotator=annotator,
                created=now_iso(),
                include_text=include_text,
                counts=counts,
                checksums=checksums,
            )
            _member(zf, "manifest.json", [canonical_json(manifest.to_json())], {})
    return manifest


def _member(zf: zipfile.ZipFile, name: str, lines: Iterable[str], sums: dict[str, str]) -> None:
    digest = hashlib.sha256()
    with zf.open(name, "w", force_zip64=True) as fh:
        for line in lines:
            data = (line + "\n").encode("utf-8")
            digest.update(data)
            fh.write(data)
    sums[name] = digest.hexdigest()


def _doc_line(doc: Document, include_text: bool) -> str:
    data: dict[str, Any] = {"sha256": doc.sha256, "name": doc.name, "meta": doc.meta}
    if include_text:
        data["text"] = doc.text
    return canonical_json(data)


def _record_lines(
    by_kind: dict[str, list[Record]],
    sha_of: dict[int, str],
    total: int,
    progress: Progress,
    cancelled: IsCancelled,
) -> Iterator[str]:
    done = 0
    for recs in by_kind.values():
        for rec in recs:
            if done % 5000 == 0:
                if cancelled():
                    raise Cancelled("bundle export cancelled")
                progress(done, total)
            yield canonical_record(rec, sha_of[rec.doc_id])
            done += 1
    progress(total, total)
