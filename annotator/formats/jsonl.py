"""The project's own JSONL: one document (one layer of it) per line; lossless both ways.

Shape of a line (the spaCy/Prodigy span shape, extended)::

    {"name": ..., "text": ..., "meta": {...}, "annotator": "amal", "status": "done",
     "spans": [{"id", "start", "end", "label", "text", "attributes", "note", "fragments"}],
     "events": [{"id", "type", "trigger", "arguments": [{"id", "role", "target"}],
                 "attributes", "note"}],
     "relations": [{"id", "type", "source", "target", "attributes", "note"}]}

Only ``text`` is required; a span needs ``start``, ``end`` and ``label``. ``id`` values are
kept as record uuids on import, so export → import into another project is identical. Lines
holding the same text (several layers of one document) attach to one document.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.errors import Cancelled, ImportFormatError
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    ImportResult,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
)
from annotator.formats.safejson import UnsafeJSON, loads
from annotator.model import (
    DocumentAnnotations,
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ImportedSpan,
    Problem,
    Span,
)
from annotator.schema import Schema


def read_jsonl(path: Path, *, strict: bool = True, schema: Schema | None = None) -> ImportResult:
    """Read a JSONL file. Strict: the first bad line raises ImportFormatError(path, line).
    Lenient: bad lines are skipped and listed in ``problems``."""
    result = ImportResult()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(str(path), None, f"cannot read: {exc.strerror}") from exc
    try:
        # one C-level decode for the whole file; only a file with bad bytes goes line by line
        lines: list[str | bytes] = list(raw.decode("utf-8").removeprefix("\ufeff").split("\n"))
    except UnicodeDecodeError:
        lines = list(raw.split(b"\n"))
    for lineno, item in enumerate(lines, start=1):
        if not item.strip():
            continue
        try:
            if isinstance(item, bytes):
                try:
                    line = item.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ValueError(f"invalid UTF-8 at byte {exc.start} of the line") from exc
                if lineno == 1:
                    line = line.removeprefix("\ufeff")
            else:
                line = item
            result.documents.append(_document(loads(line), str(path), lineno))
        except (ValueError, UnsafeJSON) as exc:
            if strict:
                raise ImportFormatError(str(path), lineno, str(exc)) from exc
            result.problems.append(Problem(str(path), lineno, str(exc)))
    return result


def _document(obj: Any, source: str, line: int) -> ImportedDocument:
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object per line")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        raise ValueError('"text" must be a non-empty string')
    meta = obj.get("meta", {})
    if not isinstance(meta, dict):
        raise ValueError('"meta" must be an object')
    doc = ImportedDocument(
        text=text,
        name=_str(obj, "name"),
        meta=meta,
        annotator=_str(obj, "annotator"),
        source=source,
        line=line,
        status=_str(obj, "status"),
    )
    for i, s in enumerate(_list(obj, "spans")):
        start, end = _int(s, "start"), _int(s, "end")
        span = ImportedSpan(
            start=start,
            end=end,
            label=_req_str(s, "label"),
            key=str(s.get("id", f"span{i}")),
            attributes=_dict(s, "attributes"),
            note=_str(s, "note"),
            fragments=tuple((int(a), int(b)) for a, b in s.get("fragments", []) or []),
            line=line,
            uuid=_str(s, "id"),
        )
        if "text" in s and s["text"] != text[start:end] and 0 <= start < end <= len(text):
            raise ValueError(
                f"span {start}-{end}: covered text {s['text']!r} does not match {text[start:end]!r}"
            )
        doc.spans.append(span)
    for i, e in enumerate(_list(obj, "events")):
        doc.events.append(
            ImportedEvent(
                type=_req_str(e, "type"),
                trigger=str(e.get("trigger", "")),
                arguments=[
                    (_req_str(a, "role"), _req_str(a, "target")) for a in _list(e, "arguments")
                ],
                argument_uuids=[_str(a, "id") for a in _list(e, "arguments")],
                key=str(e.get("id", f"event{i}")),
                attributes=_dict(e, "attributes"),
                note=_str(e, "note"),
                line=line,
                uuid=_str(e, "id"),
            )
        )
    for i, r in enumerate(_list(obj, "relations")):
        doc.relations.append(
            ImportedRelation(
                type=_req_str(r, "type"),
                source=_req_str(r, "source"),
                target=_req_str(r, "target"),
                key=str(r.get("id", f"relation{i}")),
                attributes=_dict(r, "attributes"),
                note=_str(r, "note"),
                line=line,
                uuid=_str(r, "id"),
            )
        )
    return doc


def _list(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f'"{key}" must be a list of objects')
    return value


def _dict(obj: dict[str, Any], key: str) -> dict[str, Any]:
    value = obj.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(f'"{key}" must be an object')
    return value


def _str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string')
    return value


def _req_str(obj: dict[str, Any], key: str) -> str:
    value = _str(obj, key)
    if not value:
        raise ValueError(f'"{key}" is required')
    return value


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f'"{key}" must be an integer, not {value!r}')
    return value


def _span_json(s: Span, annotator: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.uuid,
        "start": s.start,
        "end": s.end,
        "label": s.label,
        "text": s.text,
    }
    if s.attributes:
        out["attributes"] = s.attributes
    if s.note:
        out["note"] = s.note
    if s.fragments:
        out["fragments"] = [list(f) for f in s.fragments]
    if not annotator:
        out["annotator"] = s.annotator
    return out


def document_line(da: DocumentAnnotations, annotator: str = "", status: str = "") -> dict[str, Any]:
    """The JSON object for one document layer (``annotator`` empty: records carry their own)."""
    doc = da.document
    obj: dict[str, Any] = {"name": doc.name, "text": doc.text, "sha256": doc.sha256}
    if doc.meta:
        obj["meta"] = doc.meta
    if annotator:
        obj["annotator"] = annotator
    if status:
        obj["status"] = status
    obj["spans"] = [_span_json(s, annotator) for s in da.spans if not s.deleted]
    obj["events"] = [
        {
            "id": e.uuid,
            "type": e.type,
            "trigger": e.trigger,
            "arguments": [
                {"id": a.uuid, "role": a.role, "target": a.target} for a in da.arguments_of(e.uuid)
            ],
            **({"attributes": e.attributes} if e.attributes else {}),
            **({"note": e.note} if e.note else {}),
        }
        for e in da.events
        if not e.deleted
    ]
    obj["relations"] = [
        {
            "id": r.uuid,
            "type": r.type,
            "source": r.source,
            "target": r.target,
            **({"attributes": r.attributes} if r.attributes else {}),
            **({"note": r.note} if r.note else {}),
        }
        for r in da.relations
        if not r.deleted
    ]
    return obj


def write_jsonl(
    docs: Iterable[tuple[DocumentAnnotations, str, str]],
    out: Path,
    schema: Schema,
    options: ExportOptions = ExportOptions(),
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
) -> ExportReport:
    """Write (document layer, annotator, status) triples, one line each, atomically."""
    report = ExportReport()
    tmp = out.with_name(out.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for i, (da, annotator, status) in enumerate(docs):
                if cancelled():
                    raise Cancelled("export cancelled")
                line = document_line(da, annotator, status)
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                report.documents += 1
                report.spans_exported += len(line["spans"])
                progress(i + 1, total or 0)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    report.files.append(str(out))
    return report
