"""Label Studio JSON import and export: a task list with ``labels`` and ``relation`` results.

Export writes one task per document, ``{"data": {"text"}, "meta": {"name", "layers"},
"annotations": [...]}`` with one annotation per layer (``predictions=True``: predictions with
``model_version`` = layer). Regions use ``from_name="label"``, ``to_name="text"``; events travel
as trigger region + relations trigger→filler labelled with the role (docs/design/formats.md
A.6), and the task's ``meta.events`` marks them (an empty list: the task has none), so the
reader needs no guess::

    "meta": {"name": ..., "layers": [...], "events": [
        {"id": "e1", "trigger": "s3", "arguments": [{"role": "Entity", "region": "s1"},
                                                      {"role": "Entity", "event": "e2"}]}]}

An argument is kept when its relation is still in the annotation (one removed in Label Studio
removes the argument). A file without such ``meta.events`` (another tool's) is read with a schema:
regions labelled with an event type become events and their relations named after a role its
arguments. Records are written in a stable order (``standoff.live_view``), so exporting a
project re-imported from the file writes the same file. Matching labelling config::

    <View><Labels name="label" toName="text">...</Labels><Text name="text" value="$text"/>
    <Relations>...</Relations></View>

Offsets: old Label Studio counted JavaScript (UTF-16) units, current versions code points
(label-studio#1347, #1559, label-studio-frontend#308; docs/design/formats.md A.6). Export
writes ``units`` (code points by default; the two differ only after characters outside the
BMP). Import checks every region against its ``value.text`` and takes whichever unit makes it
match, recording it in the document's ``meta["offset_units"]``; regions without
``value.text``, and an annotation whose regions match in both, are read in ``units`` (code
points by default). Attributes, normalisations, notes and discontinuity (outer bounds are
written) are counted as dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator import safejson
from annotator.errors import ImportFormatError, Message, message_of
from annotator.formats.common import (
    Changed,
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
from annotator.formats.fields import ident, need_str, printable
from annotator.formats.plain import row_name
from annotator.formats.source import decode_text, read_file, shown
from annotator.formats.standoff import (
    CODEPOINTS,
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
from annotator.text import OffsetMap, normalise

FROM_NAME = "label"
TO_NAME = "text"


def write_label_studio(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
    *,
    units: str = CODEPOINTS,
    predictions: bool = False,
) -> ExportReport:
    """Write a JSON task list to ``out`` through ``annotator.output.writing`` (atomic, never
    over a foreign file; ``-`` is standard output)."""
    if units not in UNITS:
        raise ValueError(units_refused(units, UNITS))
    out = Path(out)
    report = ExportReport()
    account = Account(report, (), "Label Studio")
    with writing(out, "label-studio") as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("[")
        for n, doc in enumerate(each_document(docs, progress, cancelled, total)):
            live = live_view(doc, options, account, schema)
            task = label_studio_task(doc, live, units, predictions, account)
            account.close(doc)
            fh.write(("," if n else "") + "\n" + json.dumps(task, ensure_ascii=False))
            report.documents += 1
        fh.write("\n]\n")
    report.files.append(str(out))
    return report


def label_studio_task(
    doc: DocumentAnnotations, live: LiveDoc, units: str, predictions: bool, account: Account
) -> dict[str, Any]:
    """The task of one document: one annotation (or prediction) per layer."""
    text = doc.document.text
    offsets = OffsetMap(text)
    ids = {s.uuid: f"s{n}" for n, s in enumerate(live.spans, start=1)}
    events = {e.uuid: f"e{n}" for n, e in enumerate(live.events, start=1)}
    trigger_of = {e.uuid: e.trigger for e in live.events}
    results: dict[str, list[dict[str, Any]]] = {}
    for s in live.spans:
        value = {
            "start": to_units(offsets, s.start, units),
            "end": to_units(offsets, s.end, units),
            "text": text[s.start : s.end],
            "labels": [s.label],
        }
        results.setdefault(s.annotator, []).append(
            {
                "id": ids[s.uuid],
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": value,
            }
        )
        account.wrote(s.uuid)
    links = [
        (
            r.annotator,
            trigger_of.get(r.source, r.source),
            r.type,
            trigger_of.get(r.target, r.target),
        )
        for r in live.relations
    ]
    links += [(a.annotator, trigger, a.role, filler) for a, trigger, filler in event_links(live)]
    for layer, one, kind, two in links:
        results.setdefault(layer, []).append(
            {
                "type": "relation",
                "from_id": ids[one],
                "to_id": ids[two],
                "direction": "right",
                "labels": [kind],
            }
        )
    marks = []
    for ev in live.events:
        arguments = [
            {"role": a.role, "event": events[a.target]}
            if a.target in events
            else {"role": a.role, "region": ids[a.target]}
            for a in live.arguments[ev.uuid]
        ]
        marks.append({"id": events[ev.uuid], "trigger": ids[ev.trigger], "arguments": arguments})
        account.wrote(ev.uuid)
        for a in live.arguments[ev.uuid]:
            account.wrote(a.uuid)
    for r in live.relations:
        account.wrote(r.uuid)
    layers = sorted(results)
    key = "predictions" if predictions else "annotations"
    entries: list[dict[str, Any]] = []
    for layer in layers:
        entry: dict[str, Any] = {"result": results[layer]}
        if predictions:
            entry["model_version"] = layer
        entries.append(entry)
    meta: dict[str, Any] = {"name": doc.document.name, "layers": layers, "events": marks}
    return {"data": {"text": text}, "meta": meta, key: entries}


def read_label_studio(
    path: Path, *, strict: bool = True, schema: Schema | None = None, units: str = CODEPOINTS
) -> ImportResult:
    """Documents of a Label Studio JSON export: one per annotation/prediction of each task
    (``annotator`` = the layer named in ``meta.layers`` or ``model_version``; else, when a
    task holds several annotations or the file those of several people, the person's
    ``completed_by``: ``user-ID`` or the email; else the import's layer), or one without
    annotations for a task that has none. Cancelled annotations are skipped. Annotations of
    one task that nothing tells apart get a layer each (``annotation-1``...), reported.

    Errors name the line where the task starts. Offsets are never snapped: a region whose
    ``value.text`` matches in neither unit, an annotation whose regions match only in
    different units, and an offset inside a surrogate pair are refused."""
    if units not in UNITS:
        raise ValueError(units_refused(units, UNITS))
    path = Path(path)
    source = shown(path)
    result = ImportResult()
    data = read_file(path, limit=safejson.MAX_LINE_BYTES)
    try:
        tasks = safejson.loads_items(normalise(decode_text(path, data)).text)
    except safejson.UnsafeJSON as exc:
        raise ImportFormatError(
            source,
            exc.line,
            Message("not a Label Studio JSON file: {problem}", problem=message_of(exc)),
        ) from exc
    named = _annotators_named(task for _, task in tasks)
    for n, (line, task) in enumerate(tasks, start=1):
        try:
            result.documents += _task_documents(
                task, n, line, source, units, schema, named, result.problems
            )
        except ValueError as exc:
            message = Message("task {n}: {problem}", n=n, problem=message_of(exc))
            if strict:
                raise ImportFormatError(source, line, message) from exc
            result.problems.append(Problem(source, line, message))
    return result


def _annotator_of(item: Any) -> str:
    """The layer of an annotation by the person who made it (its ``completed_by``: a user id,
    or an object with the user's ``email`` or ``id``), "" when it does not say."""
    who = item.get("completed_by") if isinstance(item, dict) else None
    if isinstance(who, dict):
        email = who.get("email")
        if isinstance(email, str) and email.strip() and email.isprintable():
            return email.strip()
        who = who.get("id")
    if isinstance(who, int) and not isinstance(who, bool):
        return f"user-{who}"
    if isinstance(who, str) and who.strip() and who.isprintable():
        return f"user-{who.strip()}"
    return ""


def _kept_annotations(task: Any) -> list[Any]:
    """The annotations of a task that were not cancelled (a malformed task: none)."""
    value = task.get("annotations") if isinstance(task, dict) else None
    if not isinstance(value, list):
        return []
    return [a for a in value if not (isinstance(a, dict) and a.get("was_cancelled"))]


def _annotators_named(tasks: Iterable[Any]) -> bool:
    """Whether the annotations of a file go to a layer per annotator: when a task holds more
    than one or the file's annotations come from more than one person. A file of one
    person's annotations goes to the import's layer (``--annotator``), as before."""
    people: set[str] = set()
    for task in tasks:
        kept = _kept_annotations(task)
        if len(kept) > 1:
            return True
        people.update(_annotator_of(a) for a in kept)
    return len(people) > 1


def _layers(
    task: dict[str, Any], meta: dict[str, Any], named: bool, n: int, line: int, source: str,
    problems: list[Problem],
) -> list[tuple[str, Any]]:  # fmt: skip
    """(layer, annotation) of each annotation of a task kept: the layer ``meta.layers`` names
    (this program's export), else the person who made it when ``named``
    (``_annotators_named``), else "" (the import's layer). Annotations of one task that
    nothing tells apart get a layer each by their place (``annotation-1``...), reported."""
    layers: list[Any] = meta["layers"] if isinstance(meta.get("layers"), list) else []
    out: list[tuple[str, Any]] = []
    unnamed: list[int] = []
    for k, item in enumerate(_list(task, "annotations")):
        if isinstance(item, dict) and item.get("was_cancelled"):
            continue
        layer = layers[k] if k < len(layers) and isinstance(layers[k], str) else ""
        if not layer and named:
            layer = _annotator_of(item)
            if not layer:
                unnamed.append(len(out))
        out.append((layer, item))
    if len(out) < 2:
        return out
    taken = [layer for layer, _ in out]
    if not unnamed and len(set(taken)) == len(taken):
        return out
    # two annotations of one layer, or one that says nothing: a layer each by its place
    renamed = [(f"annotation-{k}", item) for k, (_, item) in enumerate(out, start=1)]
    problems.append(
        Changed(
            source,
            line,
            Message(
                "task {n}: nothing tells its {count} annotations apart (no completed_by of "
                "their own); read into layers {layers}",
                n=n,
                count=len(out),
                layers=", ".join(layer for layer, _ in renamed),
            ),
        )
    )
    return renamed


def _task_documents(
    task: Any,
    n: int,
    line: int,
    source: str,
    units: str,
    schema: Schema | None,
    named: bool = False,
    problems: list[Problem] | None = None,
) -> list[ImportedDocument]:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise ValueError(Message('expected an object with a "data" object'))
    data = task["data"]
    text = data.get(TO_NAME)
    if text is None:
        strings = [v for v in data.values() if isinstance(v, str)]
        text = strings[0] if len(strings) == 1 else None
    if not isinstance(text, str) or not text:
        raise ValueError(Message('no "text" in "data"'))
    meta: dict[str, Any] = task["meta"] if isinstance(task.get("meta"), dict) else {}
    name = meta["name"] if isinstance(meta.get("name"), str) else row_name(source, line)
    marks = _marks(meta["events"], line) if are_marks(meta.get("events")) else None
    raw = RawOffsets(text)
    notes: list[Problem] = []
    entries = _layers(task, meta, named, n, line, source, notes)
    for item in _list(task, "predictions"):
        version = item.get("model_version") if isinstance(item, dict) else None
        entries.append((version if isinstance(version, str) else "", item))
    if not entries:
        return [ImportedDocument(text=raw.text, name=name, source=source, line=line)]
    docs = []
    for layer, item in entries:
        if not isinstance(item, dict):
            raise ValueError(Message("an annotation is not an object"))
        doc = ImportedDocument(text=raw.text, name=name, annotator=layer, source=source, line=line)
        _read_results(_list(item, "result"), raw, units, schema, doc, line, marks)
        docs.append(doc)
    if problems is not None:
        problems += notes
    return docs


def _marks(value: Any, line: int) -> list[Marked]:
    """The events ``meta.events`` marks (see the module docstring)."""
    if not isinstance(value, list):
        raise ValueError(Message('"meta.events" must be a list'))
    out: list[Marked] = []
    for k, item in enumerate(value):
        what = Message("meta.events {k}", k=k)
        if not isinstance(item, dict):
            raise ValueError(Message("{what} is not an object", what=what))
        mark = Marked(
            ident(item.get("id"), Message("{what}: {field}", what=what, field="id")),
            ident(item.get("trigger"), Message("{what}: {field}", what=what, field="trigger")),
            line=line,
        )
        for arg in _list(item, "arguments"):
            if not isinstance(arg, dict):
                raise ValueError(Message("{what}: an argument is not an object", what=what))
            role = need_str(arg.get("role"), Message("{what}: argument role", what=what))
            is_event = "event" in arg
            argument = Message("{what}: argument", what=what)
            target = ident(arg.get("event" if is_event else "region"), argument)
            mark.arguments.append((role, target, is_event))
        out.append(mark)
    return out


def _read_results(
    results: list[Any],
    raw: RawOffsets,
    units: str,
    schema: Schema | None,
    doc: ImportedDocument,
    line: int,
    marks: list[Marked] | None = None,
) -> None:
    regions: list[tuple[str, dict[str, Any]]] = []
    rels: list[ImportedRelation] = []
    for k, r in enumerate(results):
        if not isinstance(r, dict):
            raise ValueError(Message("a result is not an object"))
        if r.get("type") == "labels":
            region = ident(r["id"], Message("result {k}: id", k=k)) if "id" in r else f"#{k}"
            value = r.get("value")
            if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
                raise ValueError(
                    Message("region {region}: no value.labels", region=printable(region))
                )
            for label in value["labels"]:
                need_str(label, Message("region {region}: label", region=printable(region)))
            regions.append((region, value))
        elif r.get("type") == "relation":
            src = ident(r.get("from_id"), Message("result {k}: from_id", k=k))
            dst = ident(r.get("to_id"), Message("result {k}: to_id", k=k))
            labels = r.get("labels") or []
            if not isinstance(labels, list) or not labels:
                raise ValueError(
                    Message(
                        "relation {source}→{target} has no label",
                        source=printable(src),
                        target=printable(dst),
                    )
                )
            if r.get("direction") == "left":
                src, dst = dst, src
            rels += [
                ImportedRelation(
                    need_str(
                        label,
                        Message(
                            "relation {source}→{target}: label",
                            source=printable(src),
                            target=printable(dst),
                        ),
                    ),
                    src,
                    dst,
                    line=line,
                )
                for label in labels
            ]
    unit = _unit(raw, regions, units)
    for region, value in regions:
        a, b = _offsets(raw, value, unit, region)
        for k, label in enumerate(value["labels"]):
            key = region if k == 0 else f"{region}#{k + 1}"
            doc.spans.append(ImportedSpan(a, b, label, key=key, line=line))
    keys = [s.key for s in doc.spans]
    if len(set(keys)) != len(keys):
        twice = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(Message("region id {id} is used twice", id=printable(twice)))
    for rel in rels:
        if rel.source not in keys or rel.target not in keys:
            raise ValueError(
                Message(
                    "relation {source}→{target}: unknown region",
                    source=printable(rel.source),
                    target=printable(rel.target),
                )
            )
    if marks is not None:
        doc.events, doc.relations = events_from_marks(doc.spans, marks, rels)
    else:
        doc.events, doc.relations = events_from_links(doc.spans, rels, schema)
    if regions:
        doc.meta["offset_units"] = unit


def _unit(raw: RawOffsets, regions: list[tuple[str, dict[str, Any]]], units: str) -> str:
    """The unit the regions of one annotation count in: the first of ``units`` and the other
    one in which every region's ``value.text`` matches. A region alone can match in both units
    by chance (same letter twice after an emoji), so the unit is chosen per annotation. If no
    unit fits every region, the annotation is refused rather than read region by region."""
    other = CODEPOINTS if units == UTF16 else UTF16
    if raw.length_u16 == len(raw.raw):
        return units  # no astral characters: the two units agree
    checked = [(r, v) for r, v in regions if isinstance(v.get("text"), str)]
    for unit in (units, other):
        if all(_matches(raw, v, unit) for _, v in checked):
            return unit
    for region, value in checked:
        if not _matches(raw, value, units) and not _matches(raw, value, other):
            _offsets(raw, value, units, region, also=other)  # raises, saying why
    fits = {r: [u for u in (units, other) if _matches(raw, v, u)] for r, v in checked}
    only = {u: next(r for r, us in fits.items() if us == [u]) for u in (units, other)}
    raise ValueError(
        Message(
            "regions count offsets in different units (region {one} only in {units}, region"
            " {two} only in {other}); refusing to guess",
            one=printable(only[units]),
            units=units,
            two=printable(only[other]),
            other=other,
        )
    )


def _matches(raw: RawOffsets, value: dict[str, Any], unit: str) -> bool:
    try:
        a, b = raw.raw_span(value.get("start"), value.get("end"), unit)
    except ValueError:
        return False
    return raw.raw[a:b] == value.get("text")


def _offsets(
    raw: RawOffsets, value: dict[str, Any], unit: str, region: str, also: str = ""
) -> tuple[int, int]:
    """Stored offsets of a region read in ``unit``; ValueError unless its ``value.text`` (if
    any) is what they cover (``also``: the other unit was tried too, for the message)."""
    start, end, surface = value.get("start"), value.get("end"), value.get("text")
    tried: list[tuple[str, str]] = []
    for u in (unit, also) if also else (unit,):
        try:
            a, b = raw.raw_span(start, end, u)
        except ValueError as exc:
            tried.append((u, message_of(exc)))
            continue
        if not isinstance(surface, str) or raw.raw[a:b] == surface:
            return raw.stored_span(a, b)
        tried.append((u, Message("covers {text}", text=quoted(raw.raw[a:b]))))
    shown = printable(region)
    if not isinstance(surface, str) and len(tried) == 1:
        raise ValueError(Message("region {region}: {problem}", region=shown, problem=tried[0][1]))
    each = [Message("{unit}: {problem}", unit=u, problem=why) for u, why in tried]
    joined = (
        each[0] if len(each) == 1 else Message("{first}; {second}", first=each[0], second=each[1])
    )
    raise ValueError(
        Message(
            "region {region}: value.text {text} does not match ({tried})",
            region=shown,
            text=quoted(surface),
            tried=joined,
        )
    )


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(Message('"{key}" must be a list', key=key))
    return value
