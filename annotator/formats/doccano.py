"""doccano JSONL import and export: sequence labelling and relation-aware shapes.

- Sequence labelling (default): ``{"text": ..., "label": [[start, end, "LABEL"], ...]}``. Spans
  fit, and events as their trigger spans; arguments, relations, attributes, normalisations and
  notes are counted as dropped.
- Relation-aware (``relations=True``): ``{"text", "entities": [{"id", "label", "start_offset",
  "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}``. Events travel as in
  docs/design/formats.md A.6: the trigger is an entity labelled with the event type and each
  argument a relation trigger→filler typed with the role.

Both shapes mark the events in ``"events"`` (doccano keeps unknown keys as metadata; an empty
list: the document has none), so the reader needs no guess::

    "events": [{"trigger": [start, end, "TYPE"],
                "arguments": [{"role": "Place", "span": [start, end, "GPE"]},
                              {"role": "Entity", "event": 1}]}]

spans named by their offsets and label (doccano renumbers entity ids), an event filler by its
place in the list. An argument is kept when its relation is still in the line. A line without
such an ``"events"`` (another tool's; an ``"events"`` of another shape stays in ``meta``) is
read with a schema: entities labelled with an event type become events and their relations
named after a role its arguments. Records are written in a stable order
(``standoff.live_view``), so exporting a re-imported project writes the same file.

doccano counts offsets in JavaScript string units (UTF-16) by default, so offsets are written
and read as UTF-16 (``units="codepoints"`` for tools that count code points); they differ only
after characters outside the BMP (emoji). Discontinuous spans are written as their outer
bounds. Each line also carries ``"name"`` (doccano keeps unknown keys as metadata); on import,
keys other than the ones above go to the document's ``meta``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator import safejson
from annotator.errors import ImportFormatError, Message, message_of
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    ImportResult,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
    quoted,
    units_refused,
)
from annotator.formats.fields import ident, need_list, need_str, optional_str, printable
from annotator.formats.source import lines, shown
from annotator.formats.standoff import (
    DEFAULT_OPTIONS,
    UNITS,
    UTF16,
    Account,
    LiveDoc,
    Marked,
    RawOffsets,
    are_marks,
    each_document,
    event_links,
    events_from_links,
    events_from_marks,
    live_view,
    to_units,
)
from annotator.imported import ImportedDocument, ImportedRelation, ImportedSpan, Problem
from annotator.model import DocumentAnnotations
from annotator.output import writing
from annotator.schema import Schema
from annotator.text import OffsetMap

_KNOWN_KEYS = {"text", "label", "entities", "relations", "name"}


_ARGUMENT_NO_PLACE = Message("argument (doccano sequence labelling holds spans only)")
_RELATION_NO_PLACE = Message("relation (doccano sequence labelling holds spans only)")


def write_doccano(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
    *,
    relations: bool = False,
    units: str = UTF16,
) -> ExportReport:
    """Write one JSON object per document to ``out`` through ``annotator.output.writing``
    (atomic, never over a foreign file; ``-`` is standard output)."""
    if units not in UNITS:
        raise ValueError(units_refused(units, UNITS))
    out = Path(out)
    report = ExportReport()
    account = Account(report, (), "doccano")
    with writing(out, "doccano") as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in each_document(docs, progress, cancelled, total):
            live = live_view(doc, options, account, schema)
            line = doccano_line(doc, live, units, relations, account)
            account.close(doc)
            fh.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
            report.documents += 1
    report.files.append(str(out))
    return report


def doccano_line(
    doc: DocumentAnnotations, live: LiveDoc, units: str, relations: bool, account: Account
) -> dict[str, Any]:
    """The JSON object of one document."""
    text = doc.document.text
    offsets = OffsetMap(text)

    def pos(cp: int) -> int:
        return to_units(offsets, cp, units)

    spans = {s.uuid: s for s in live.spans}

    def triple(uuid: str) -> list[Any]:
        s = spans[uuid]
        return [pos(s.start), pos(s.end), s.label]

    line: dict[str, Any] = {"text": text, "name": doc.document.name}
    for s in live.spans:
        account.wrote(s.uuid)
    events = {e.uuid: n for n, e in enumerate(live.events)}
    marks = []
    for ev in live.events:
        arguments = [
            {"role": a.role, "event": events[a.target]}
            if a.target in events
            else {"role": a.role, "span": triple(a.target)}
            for a in live.arguments[ev.uuid]
        ]
        marks.append({"trigger": triple(ev.trigger), "arguments": arguments if relations else []})
        account.wrote(ev.uuid)
    if not relations:
        line["label"] = [triple(s.uuid) for s in live.spans]
        for ev in live.events:
            for a in live.arguments[ev.uuid]:
                account.skip(a.uuid, _ARGUMENT_NO_PLACE)
        for r in live.relations:
            account.skip(r.uuid, _RELATION_NO_PLACE)
        line["events"] = marks
        return line
    ids = {s.uuid: n for n, s in enumerate(live.spans)}
    trigger_of = {e.uuid: e.trigger for e in live.events}
    line["entities"] = [
        {
            "id": ids[s.uuid],
            "label": s.label,
            "start_offset": pos(s.start),
            "end_offset": pos(s.end),
        }
        for s in live.spans
    ]
    links = [
        (ids[trigger_of.get(r.source, r.source)], r.type, ids[trigger_of.get(r.target, r.target)])
        for r in live.relations
    ]
    links += [(ids[t], a.role, ids[f]) for a, t, f in event_links(live)]
    line["relations"] = [
        {"id": n, "from_id": a, "to_id": b, "type": kind} for n, (a, kind, b) in enumerate(links)
    ]
    for r in live.relations:
        account.wrote(r.uuid)
    for a, _, _ in event_links(live):
        account.wrote(a.uuid)
    line["events"] = marks
    return line


def read_doccano(
    path: Path, *, strict: bool = True, schema: Schema | None = None, units: str = UTF16
) -> ImportResult:
    """Documents of a doccano JSONL file, one per non-blank line (either shape).

    With ``schema``, entities labelled with an event type become event triggers and their
    relations named after a role become arguments (see ``events_from_links``). An offset
    that falls inside a surrogate pair (counted in the wrong unit) is refused, never snapped.
    """
    if units not in UNITS:
        raise ValueError(units_refused(units, UNITS))
    path = Path(path)
    result = ImportResult()
    source = shown(path)
    for number, line, problem in lines(path):
        if not problem and not line.strip():
            continue
        try:
            if problem:
                raise ValueError(problem)
            doc = _document(line, number, source, units, schema)
        except ValueError as exc:
            if strict:
                raise ImportFormatError(source, number, message_of(exc)) from exc
            result.problems.append(Problem(source, number, message_of(exc)))
            continue
        result.documents.append(doc)
    return result


def _document(
    line: str, number: int, source: str, units: str, schema: Schema | None
) -> ImportedDocument:
    obj = safejson.loads(line)
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise ValueError(Message('expected a JSON object with a "text" string'))
    raw = RawOffsets(need_str(obj["text"], '"text"'))
    name = optional_str(obj, "name")
    doc = ImportedDocument(
        text=raw.text,
        name=name or f"{Path(source).stem}:{number}",
        meta={
            k: v
            for k, v in obj.items()
            if k not in _KNOWN_KEYS and not (k == "events" and are_marks(v))
        },
        source=source,
        line=number,
    )
    placed: dict[str, str] = {}
    """[start, end, label] as the file writes it → the span's key (the first of equal ones)"""
    for n, item in enumerate(need_list(obj.get("label", []), '"label"')):
        if not (isinstance(item, list) and len(item) == 3):
            raise ValueError(
                Message(
                    'label {n}: expected [start, end, "LABEL"], got {item}', n=n, item=quoted(item)
                )
            )
        label = need_str(item[2], Message("label {n}: label", n=n))
        a, b = _span(raw, item[0], item[1], units, Message("label {n}", n=n))
        doc.spans.append(ImportedSpan(a, b, label, key=f"label{n}", line=number))
        placed.setdefault(_place(item), f"label{n}")
    keys: set[str] = set()
    for n, item in enumerate(need_list(obj.get("entities", []), '"entities"')):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise ValueError(
                Message("entity {item}: expected an object with a label", item=quoted(item))
            )
        key = ident(item.get("id"), Message("entity {n}: id", n=n))
        if key in keys:
            raise ValueError(Message("entity id {id} is used twice", id=printable(key)))
        keys.add(key)
        label = need_str(item["label"], Message("entity {id}: label", id=printable(key)))
        entity = Message("entity {id}", id=printable(key))
        a, b = _span(raw, item.get("start_offset"), item.get("end_offset"), units, entity)
        doc.spans.append(ImportedSpan(a, b, label, key=key, line=number))
        placed.setdefault(_place([item.get("start_offset"), item.get("end_offset"), label]), key)
    rels: list[ImportedRelation] = []
    rel_ids: set[str] = set()
    for n, item in enumerate(need_list(obj.get("relations", []), '"relations"')):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise ValueError(
                Message("relation {item}: expected an object with a type", item=quoted(item))
            )
        rid = ident(item.get("id", n), Message("relation {n}: id", n=n))
        if rid in rel_ids:
            raise ValueError(Message("relation id {id} is used twice", id=printable(rid)))
        rel_ids.add(rid)
        what = Message("relation {id}", id=printable(rid))
        kind = need_str(item["type"], Message("{what}: {field}", what=what, field="type"))
        src = ident(item.get("from_id"), Message("{what}: {field}", what=what, field="from_id"))
        dst = ident(item.get("to_id"), Message("{what}: {field}", what=what, field="to_id"))
        if src not in keys or dst not in keys:
            raise ValueError(
                Message(
                    "{what}: unknown entity {source} or {target}",
                    what=what,
                    source=printable(src),
                    target=printable(dst),
                )
            )
        rels.append(ImportedRelation(kind, src, dst, key=f"r{rid}", line=number))
    if are_marks(obj.get("events")):
        marks = _marks(obj["events"], placed, number)
        doc.events, doc.relations = events_from_marks(doc.spans, marks, rels)
    else:
        doc.events, doc.relations = events_from_links(doc.spans, rels, schema)
    return doc


def _place(triple: list[Any]) -> str:
    return json.dumps(triple, ensure_ascii=False)


def _marks(value: Any, placed: dict[str, str], line: int) -> list[Marked]:
    """The events a line marks (see the module docstring); a mark naming a span the line does
    not have (removed in doccano) is left out."""
    marks: list[Marked] = []
    for n, item in enumerate(need_list(value, '"events"')):
        if not isinstance(item, dict):
            raise ValueError(Message("events {n}: expected an object", n=n))
        what = Message("events {n}", n=n)
        trigger = placed.get(
            _place(
                need_list(
                    item.get("trigger"), Message("{what}: {field}", what=what, field="trigger")
                )
            ),
            "",
        )
        mark = Marked(str(n), trigger, line=line)
        arguments = Message("{what}: {field}", what=what, field="arguments")
        for arg in need_list(item.get("arguments", []), arguments):
            if not isinstance(arg, dict):
                raise ValueError(Message("{what}: an argument is not an object", what=what))
            role = need_str(arg.get("role"), Message("{what}: argument role", what=what))
            if "event" in arg:
                event = Message("{what}: {field}", what=what, field="event")
                mark.arguments.append((role, ident(arg["event"], event), True))
            else:
                span = need_list(arg.get("span"), Message("{what}: argument span", what=what))
                mark.arguments.append((role, placed.get(_place(span), ""), False))
        marks.append(mark)
    return marks


def _span(raw: RawOffsets, start: object, end: object, units: str, what: str) -> tuple[int, int]:
    try:
        return raw.span(start, end, units)
    except ValueError as exc:
        raise ValueError(Message("{what}: {problem}", what=what, problem=message_of(exc))) from exc
