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

The first line of an export also carries ``"schema"``: the project's schema as its JSON file
holds it (docs/schema-format.md), so the file says which labels are entity labels, event types
(with their roles) or relation types. On import the labels it defines and the project lacks
are added (``annotator.importing``); a line may carry a ``"schema"`` anywhere, and the
documents after it take it. Records are written in a stable order (by place, then content), so
exporting a project re-imported from the file writes the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from annotator.cycles import no_cycle_collection
from annotator.errors import Cancelled, ImportFormatError, SchemaError, bounded, message_of
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    ImportResult,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
    quoted,
)
from annotator.formats.fields import (
    Ids,
    dicts,
    need_dict,
    need_int,
    need_list,
    need_str,
    optional_str,
)
from annotator.formats.source import ByteCount, lines, shown
from annotator.formats.standoff import Account, live_view
from annotator.imported import (
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ImportedSpan,
    Problem,
)
from annotator.model import DocumentAnnotations, Span
from annotator.output import writing
from annotator.safejson import loads
from annotator.schema import Schema


def read_jsonl(path: Path, *, strict: bool = True, schema: Schema | None = None) -> ImportResult:
    """Read a JSONL file. Strict: the first bad line raises ImportFormatError(path, line).
    Lenient: bad lines are skipped and listed in ``problems``.

    Record ids are kept as uuids, so an id used twice in the file (in one line or across
    lines) is refused: the two records would collide."""
    with no_cycle_collection():
        return _read_jsonl(path, strict=strict)


def _read_jsonl(path: Path, *, strict: bool) -> ImportResult:
    result = ImportResult()
    result.documents = list(stream_jsonl(path, result.problems, strict=strict))
    first = next((d.schema for d in result.documents if d.schema is not None), None)
    for doc in result.documents:  # documents before the first schema line take it too
        if doc.schema is not None:
            break
        doc.schema = first
    return result


def stream_jsonl(
    path: Path, problems: list[Problem], *, strict: bool = True, count: ByteCount | None = None
) -> Iterator[ImportedDocument]:
    """``read_jsonl`` as a stream: each line's document is yielded as it is read, problems
    are appended to ``problems``, ``count`` follows the bytes read. A document takes the
    schema of the last ``"schema"`` line before it (``read_jsonl`` also gives the first one to
    the documents before it). The ids of the whole file are kept to refuse one used twice."""
    source = shown(path)
    ids = Ids()
    defined: Schema | None = None
    for lineno, line, problem in lines(Path(path), count=count):
        if not problem and not line.strip():
            continue
        try:
            if problem:
                raise ValueError(problem)
            obj = loads(line)
            try:
                labels = _schema(obj, source, lineno)
            except ValueError as exc:  # lenient: the document is read, its labels are not
                if strict:
                    raise
                problems.append(Problem(source, lineno, bounded(str(exc))))
                labels = None
            doc, used = _document(obj, source, lineno)
            _claim(ids, used, lineno)
            if labels is not None:
                defined = labels
            doc.schema = defined
        except ValueError as exc:  # UnsafeJSON is a ValueError
            if strict:
                raise ImportFormatError(source, lineno, message_of(exc)) from exc
            problems.append(Problem(source, lineno, bounded(message_of(exc))))
            continue
        yield doc


def _claim(ids: Ids, used: list[str], line: int) -> None:
    """``ids.claim(used, line)``, the common case (ids new and distinct) decided with two set
    operations in C; anything else goes to ``Ids.claim`` for its message."""
    here = set(used)
    if len(here) == len(used) and ids.seen.keys().isdisjoint(here):
        ids.seen.update(dict.fromkeys(used, line))
    else:
        ids.claim(used, line)


def _schema(obj: Any, source: str, line: int) -> Schema | None:
    """The schema a line carries (``"schema"``), or None."""
    if not isinstance(obj, dict) or obj.get("schema") is None:
        return None
    try:
        return Schema.from_json(need_dict(obj["schema"], '"schema"'), source=f"{source}:{line}")
    except SchemaError as exc:
        raise ValueError(f'"schema": {exc}') from exc


def _document(obj: Any, source: str, line: int) -> tuple[ImportedDocument, list[str]]:
    """The document of one line and the record ids it uses."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object per line")
    text = need_str(obj.get("text"), '"text"')
    meta = obj.get("meta")
    doc = ImportedDocument(
        text=text,
        name=optional_str(obj, "name"),
        meta={} if meta is None else need_dict(meta, '"meta"'),
        annotator=optional_str(obj, "annotator"),
        source=source,
        line=line,
        status=optional_str(obj, "status"),
    )
    used: list[str] = []
    for i, s in enumerate(dicts(obj, "spans")):
        span = _plain_span(s, line)
        if span is not None:  # the common case: every field of the plain type, checked here
            start, end, uuid = span.start, span.end, span.uuid
            if "text" in s and 0 <= start < end <= len(text) and s["text"] != text[start:end]:
                raise ValueError(
                    f"span {start}-{end}: covered text {quoted(s['text'])} does not match "
                    f"{quoted(text[start:end])}"
                )
            if not uuid:
                span.key = f"span{i}"
            doc.spans.append(span)
            if uuid:
                used.append(uuid)
            continue
        what = f"span {i}"
        start, end = (
            need_int(s.get("start"), f"{what}: start"),
            need_int(s.get("end"), f"{what}: end"),
        )
        uuid = optional_str(s, "id", f"{what}: id")
        span = ImportedSpan(
            start=start,
            end=end,
            label=need_str(s.get("label"), f"{what}: label"),
            key=uuid or f"span{i}",
            attributes=_attributes(s, what),
            note=optional_str(s, "note", f"{what}: note"),
            fragments=_fragments(s.get("fragments"), what),
            line=line,
            uuid=uuid,
        )
        if "text" in s and 0 <= start < end <= len(text) and s["text"] != text[start:end]:
            raise ValueError(
                f"span {start}-{end}: covered text {quoted(s['text'])} does not match "
                f"{quoted(text[start:end])}"
            )
        doc.spans.append(span)
        used += [uuid] if uuid else []
    for i, e in enumerate(dicts(obj, "events")):
        what = f"event {i}"
        uuid = optional_str(e, "id", f"{what}: id")
        arguments = dicts(e, "arguments", f"{what}: arguments")
        argument_uuids = [optional_str(a, "id", f"{what}: argument id") for a in arguments]
        doc.events.append(
            ImportedEvent(
                type=need_str(e.get("type"), f"{what}: type"),
                trigger=need_str(e.get("trigger"), f"{what}: trigger"),
                arguments=[
                    (
                        need_str(a.get("role"), f"{what}: argument role"),
                        need_str(a.get("target"), f"{what}: argument target"),
                    )
                    for a in arguments
                ],
                argument_uuids=argument_uuids,
                key=uuid or f"event{i}",
                attributes=_attributes(e, what),
                note=optional_str(e, "note", f"{what}: note"),
                line=line,
                uuid=uuid,
            )
        )
        used += [x for x in (uuid, *argument_uuids) if x]
    for i, r in enumerate(dicts(obj, "relations")):
        what = f"relation {i}"
        uuid = optional_str(r, "id", f"{what}: id")
        doc.relations.append(
            ImportedRelation(
                type=need_str(r.get("type"), f"{what}: type"),
                source=need_str(r.get("source"), f"{what}: source"),
                target=need_str(r.get("target"), f"{what}: target"),
                key=uuid or f"relation{i}",
                attributes=_attributes(r, what),
                note=optional_str(r, "note", f"{what}: note"),
                line=line,
                uuid=uuid,
            )
        )
        used += [uuid] if uuid else []
    keys = [s.key for s in doc.spans] + [e.key for e in doc.events]
    if len(set(keys)) != len(keys):
        twice = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(f"id {quoted(twice)} is used twice")
    return doc, used


def _plain_span(s: dict[str, Any], line: int) -> ImportedSpan | None:
    """The span of ``s`` when each of its fields has the plain type (integer offsets, a
    non-empty label, a string or no id and note, an object or no attributes, no fragments):
    what the checks in ``_document`` accept without a message. None: let them decide."""
    start, end, label, uuid, note = (
        s.get("start"), s.get("end"), s.get("label"), s.get("id"), s.get("note")
    )  # fmt: skip
    attributes = s.get("attributes")
    if not (
        type(start) is int
        and type(end) is int
        and type(label) is str
        and label
        and (uuid is None or type(uuid) is str)
        and (note is None or type(note) is str)
        and (attributes is None or type(attributes) is dict)
        and s.get("fragments") is None
    ):
        return None
    span: ImportedSpan = _NEW(ImportedSpan)  # ImportedSpan(...), its fields set at once
    span.__dict__ = {
        "start": start, "end": end, "label": label, "key": uuid or "",
        "attributes": {} if attributes is None else attributes, "note": note or "",
        "fragments": (), "line": line, "uuid": uuid or "",
    }  # fmt: skip
    return span


_NEW = object.__new__
if [f.name for f in fields(ImportedSpan)] != [
    "start", "end", "label", "key", "attributes", "note", "fragments", "line", "uuid"
]:  # fmt: skip
    raise ImportError("annotator.formats.jsonl._plain_span does not fill ImportedSpan's fields")


def _attributes(obj: dict[str, Any], what: str) -> dict[str, Any]:
    value = obj.get("attributes")
    return {} if value is None else need_dict(value, f"{what}: attributes")


def _fragments(value: Any, what: str) -> tuple[tuple[int, int], ...]:
    if value is None:
        return ()
    out: list[tuple[int, int]] = []
    for k, pair in enumerate(need_list(value, f"{what}: fragments")):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise ValueError(f"{what}: fragment {k} must be [start, end], not {quoted(pair)}")
        out.append(
            (need_int(pair[0], f"{what}: fragment {k}"), need_int(pair[1], f"{what}: fragment {k}"))
        )
    return tuple(out)


CARRIES = ("attribute", "normalisation", "note", "fragments")
"""the parts of a record this format writes (it writes every record too)"""


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


def document_line(
    da: DocumentAnnotations,
    annotator: str = "",
    status: str = "",
    options: ExportOptions = ExportOptions(),
    account: Account | None = None,
    schema: Schema | None = None,
) -> dict[str, Any]:
    """The JSON object for one document layer (``annotator`` empty: records carry their own).

    Records in a stable order (``annotator.formats.standoff.live_view``); what is left out
    (labels not selected, references to records not written) is counted in ``account``."""
    doc = da.document
    account = account or Account(ExportReport(), CARRIES, "jsonl")
    live = live_view(da, options, account, schema)
    obj: dict[str, Any] = {"name": doc.name, "text": doc.text, "sha256": doc.sha256}
    if doc.meta:
        obj["meta"] = doc.meta
    if annotator:
        obj["annotator"] = annotator
    if status:
        obj["status"] = status
    obj["spans"] = [_span_json(s, annotator) for s in live.spans]
    obj["events"] = [
        {
            "id": e.uuid,
            "type": e.type,
            "trigger": e.trigger,
            "arguments": [
                {"id": a.uuid, "role": a.role, "target": a.target} for a in live.arguments[e.uuid]
            ],
            **({"attributes": e.attributes} if e.attributes else {}),
            **({"note": e.note} if e.note else {}),
        }
        for e in live.events
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
        for r in live.relations
    ]
    account.wrote_all(live.spans)
    account.wrote_all(live.events)
    account.wrote_all(live.relations)
    for args in live.arguments.values():
        account.wrote_all(args)
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
    """Write (document layer, annotator, status) triples, one line each, through
    ``annotator.output.writing`` (atomic, never over a foreign file; ``-`` is standard output).
    The first line also carries the schema."""
    report = ExportReport()
    account = Account(report, CARRIES, "jsonl")
    with writing(out, "jsonl") as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for i, (da, annotator, status) in enumerate(docs):
            if cancelled():
                raise Cancelled("export cancelled")
            line = document_line(da, annotator, status, options, account, schema)
            account.close(da)
            if i == 0:
                line["schema"] = schema.to_json()
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            report.documents += 1
            progress(i + 1, total or 0)
    report.files.append(str(out))
    return report
