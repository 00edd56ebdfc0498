"""spaCy/Prodigy JSONL: one document per line, character offsets (code points).

Line shape (Prodigy ``ner_manual`` / ``spans.manual`` output)::

    {"text": ..., "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "token_start", "token_end", "label"}],
     "relations": [{"head", "child", "head_span", "child_span", "label"}],
     "meta": {...}, "answer": "accept"}

``token_end`` is inclusive, and a relation's ``head``/``child`` are the last tokens of its spans
(the Prodigy convention). Entity spans and event triggers both go in ``spans`` (they may
overlap); event arguments are relations from the trigger labelled with the role, and the task's
``"events"`` marks them (an empty list: the task has none), so the reader needs no guess::

    "events": [{"trigger": {"start", "end", "label"},
                "arguments": [{"role": "Place", "span": {"start", "end", "label"}},
                              {"role": "Entity", "event": 1}]}]

(spans named by their offsets and label, as ``head_span`` names them; an event filler by its
place in the list). An argument is kept when its relation is still in the task. A task without
such ``"events"`` (another tool's) is read with a schema: spans labelled with an event type become
events and their relations named after a role its arguments.

Records are written in a stable order (``standoff.live_view``) and ``meta`` with sorted keys,
so exporting a project re-imported from the file writes the same file. Discontinuous spans
(no token form), spans of white space only, attributes, normalisations and notes are counted
as dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from annotator import safejson
from annotator.errors import Cancelled, ImportFormatError, Message, message_of
from annotator.formats.common import (
    DISCONTINUOUS,
    NO_TOKEN,
    ONLY_WHITE_SPACE,
    ExportOptions,
    ExportReport,
    ImportResult,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
    quoted,
    split_of,
)
from annotator.formats.conll import total_of
from annotator.formats.fields import dicts, need_str
from annotator.formats.plain import row_name
from annotator.formats.source import lines, shown
from annotator.formats.standoff import (
    EVENT_LEFT_OUT,
    TRIGGER_LEFT_OUT,
    Account,
    LiveDoc,
    Marked,
    RawOffsets,
    are_marks,
    event_links,
    events_from_links,
    events_from_marks,
    live_view,
)
from annotator.formats.tokens import token_layer, uncovered
from annotator.imported import ImportedDocument, ImportedRelation, ImportedSpan, Problem
from annotator.model import Argument, DocumentAnnotations, Relation
from annotator.output import writing
from annotator.schema import Schema

_SKIP_META = ("tokens", "sentences", "conll")

DEFAULT_OPTIONS = ExportOptions()


_END_LEFT_OUT = Message("argument or relation whose span was not exported")


def to_task(
    doc: DocumentAnnotations,
    schema: Schema,
    options: ExportOptions,
    report: ExportReport,
    account: Account | None = None,
) -> dict[str, Any]:
    """The JSONL object of one document."""
    own = account is None
    account = account or Account(report, (), "spaCy JSONL")
    live = live_view(doc, options, account, schema)
    text = doc.document.text
    spans = []
    for s in live.spans:
        if s.fragments:
            account.skip(s.uuid, DISCONTINUOUS)
        elif not text[s.start : s.end].strip():
            account.skip(s.uuid, ONLY_WHITE_SPACE)
        else:
            spans.append(s)
    layer = token_layer(
        text, [b for s in spans for b in (s.start, s.end)], options.tokenizer, doc.document.meta
    )
    toks = layer.tokens
    tokens = [
        {
            "text": text[s:e],
            "start": s,
            "end": e,
            "id": i,
            "ws": e < (toks[i + 1][0] if i + 1 < len(toks) else len(text)),
        }
        for i, (s, e) in enumerate(toks)
    ]
    placed: dict[str, dict[str, Any]] = {}
    for span in spans:
        rng = layer.token_range(span.start, span.end)
        if rng is None:
            account.skip(span.uuid, NO_TOKEN)
            continue
        placed[span.uuid] = {
            "start": span.start,
            "end": span.end,
            "token_start": rng[0],
            "token_end": rng[1] - 1,
            "label": span.label,
        }
        account.wrote(span.uuid)
    report.tokens += len(toks)
    report.tokens_split += layer.n_split
    meta = {
        "name": doc.document.name,
        "doc_id": doc.document.id,
        "sha256": doc.document.sha256,
        **{k: v for k, v in sorted(doc.document.meta.items()) if k not in _OURS},
    }
    task = {
        "text": text,
        "tokens": tokens,
        "spans": [placed[s.uuid] for s in spans if s.uuid in placed],
        "relations": _relations(live, placed, account),
        "meta": meta,
        "answer": "accept",
    }
    task["events"] = _events(live, placed, account)
    if own:
        account.close(doc)
    report.documents += 1
    return task


_OURS = (*_SKIP_META, "name", "doc_id", "sha256")


def _relations(
    live: LiveDoc, placed: dict[str, dict[str, Any]], account: Account
) -> list[dict[str, Any]]:
    """Relations, then event arguments (trigger → filler, labelled with the role)."""
    trigger_of = {e.uuid: e.trigger for e in live.events}
    pairs: list[tuple[Relation | Argument, str, str, str]] = [
        (r, trigger_of.get(r.source, r.source), trigger_of.get(r.target, r.target), r.type)
        for r in live.relations
    ]
    pairs += [
        (a, trigger, filler, a.role)
        for a, trigger, filler in event_links(live)
        if trigger in placed  # else the event is not written (see _events)
    ]
    out: list[dict[str, Any]] = []
    for rec, head, child, label in pairs:
        if head not in placed or child not in placed:
            account.skip(rec.uuid, _END_LEFT_OUT)
            continue
        h, c = placed[head], placed[child]
        out.append(
            {
                "head": h["token_end"],
                "child": c["token_end"],
                "head_span": h,
                "child_span": c,
                "label": label,
            }
        )
        account.wrote(rec.uuid)
    return out


def _events(
    live: LiveDoc, placed: dict[str, dict[str, Any]], account: Account
) -> list[dict[str, Any]]:
    """The ``"events"`` marks of the events whose trigger was written."""
    kept = [e for e in live.events if e.trigger in placed]
    number = {e.uuid: n for n, e in enumerate(kept)}
    out = []
    for ev in live.events:
        if ev.uuid not in number:
            account.skip(ev.uuid, TRIGGER_LEFT_OUT)
            for a in live.arguments[ev.uuid]:
                account.skip(a.uuid, EVENT_LEFT_OUT)
            continue
        account.wrote(ev.uuid)
        arguments = []
        for a in live.arguments[ev.uuid]:
            if a.target in number:
                arguments.append({"role": a.role, "event": number[a.target]})
            elif a.target in placed:
                arguments.append({"role": a.role, "span": _ref(placed[a.target])})
        out.append({"trigger": _ref(placed[ev.trigger]), "arguments": arguments})
    return out


def _ref(placed: dict[str, Any]) -> dict[str, Any]:
    return {"start": placed["start"], "end": placed["end"], "label": placed["label"]}


def write_spacy_jsonl(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
) -> ExportReport:
    """Write one JSONL file ``out``, or with splits a directory of ``<split>.jsonl``."""
    report = ExportReport()
    account = Account(report, (), "spaCy JSONL")
    n_total = total_of(docs, total)
    names = [n for n, _ in options.splits] or ["train"]
    with writing(out, "spacy-jsonl", directory=bool(options.splits)) as tmp:
        paths = {n: tmp / f"{n}.jsonl" for n in names} if options.splits else {"train": tmp}
        handles: dict[str, IO[str]] = {}
        try:
            for n, p in paths.items():
                handles[n] = p.open("w", encoding="utf-8", newline="\n")
            for done, doc in enumerate(docs, 1):
                if cancelled():
                    raise Cancelled("export cancelled; nothing was written")
                task = to_task(doc, schema, options, report, account)
                account.close(doc)
                fh = handles[split_of(doc, options.splits, options.seed)]
                fh.write(json.dumps(task, ensure_ascii=False) + "\n")
                progress(done, n_total)
        finally:
            for fh in handles.values():
                fh.close()
    report.files = [str(out / f"{n}.jsonl") for n in names] if options.splits else [str(out)]
    return report


# -- import ------------------------------------------------------------------------------


def read_spacy_jsonl(
    path: Path, *, strict: bool = True, schema: Schema | None = None
) -> ImportResult:
    """Read spaCy/Prodigy JSONL. Tasks answered ``reject`` or ``ignore`` are skipped (and
    listed as problems). With ``schema``, spans labelled with an event type become events
    whose arguments are the relations leaving them; other relations stay relations."""
    path = Path(path)
    source = shown(path)
    result = ImportResult()
    for n, line, problem in lines(path):
        if not problem and not line.strip():
            continue
        try:
            if problem:
                raise _Bad(problem)
            obj = safejson.loads(line)
            if isinstance(obj, dict) and obj.get("answer") in ("reject", "ignore"):
                skipped = Message("skipped: answer {answer}", answer=quoted(obj["answer"]))
                result.problems.append(Problem(source, n, skipped))
                continue
            result.documents.append(_task_document(obj, path, n, schema))
        except ValueError as exc:  # _Bad, UnsafeJSON
            if strict:
                raise ImportFormatError(source, n, message_of(exc)) from exc
            result.problems.append(Problem(source, n, message_of(exc)))
    return result


class _Bad(ValueError):
    """A task that parsed as JSON but is not a valid task (message for the user)."""


def _int(value: Any, what: Message) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(
            Message("{what} must be an integer, not {value}", what=what, value=quoted(value))
        )
    return value


def _tokens(tokens: list[dict[str, Any]], raw: RawOffsets) -> list[list[int]]:
    """Token bounds in the stored text (the text loses a BOM and the CR of each CRLF).

    A token's ``"text"``, when it has one, must be the text at its offsets, and the tokens
    must cover every character but white space (and what ``tokens.uncovered`` leaves between
    tokens), as a spaCy tokenizer's do: every token export writes these tokens, and a word
    outside them would be left out of every one."""
    out: list[list[int]] = []
    bounds: list[tuple[int, int]] = []
    prev = 0
    for k, t in enumerate(tokens):
        start = _int(t.get("start"), Message("token {k} {field}", k=k, field="start"))
        end = _int(t.get("end"), Message("token {k} {field}", k=k, field="end"))
        if not prev <= start < end <= len(raw.raw):
            raise _Bad(
                Message(
                    "token {k} ({start}, {end}) is empty, overlaps the previous one or is"
                    " outside the text (length {length})",
                    k=k,
                    start=start,
                    end=end,
                    length=len(raw.raw),
                )
            )
        prev = end
        given = t.get("text")
        if given is not None and given != raw.raw[start:end]:
            raise _Bad(
                Message(
                    "token {k} ({start}, {end}): its text {given} is not the text at its"
                    " offsets, {found}",
                    k=k,
                    start=start,
                    end=end,
                    given=quoted(given),
                    found=quoted(raw.raw[start:end]),
                )
            )
        bounds.append((start, end))
        a, b = raw.stored(start), raw.stored(end)
        if a >= b:
            raise _Bad(
                Message(
                    "token {k} ({start}, {end}) covers only a removed line-end character",
                    k=k,
                    start=start,
                    end=end,
                )
            )
        out.append([a, b])
    at = uncovered(raw.raw, bounds)
    if at is not None:
        stop = min([s for s, _ in bounds if s > at] + [len(raw.raw)])
        word = raw.raw[at:stop]
        word = word[: next((i for i, c in enumerate(word) if c.isspace()), len(word))]
        raise _Bad(
            Message(
                "the tokens leave out {word} at offset {offset}: they must cover every"
                " character but white space",
                word=quoted(word),
                offset=at,
            )
        )
    return out


def _task_document(obj: Any, path: Path, line: int, schema: Schema | None) -> ImportedDocument:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise _Bad(Message('expected a JSON object with a "text" string'))
    text: str = need_str(obj["text"], '"text"')
    meta: dict[str, Any] = dict(obj["meta"]) if isinstance(obj.get("meta"), dict) else {}
    tokens = dicts(obj, "tokens")
    if tokens:
        meta["tokens"] = _tokens(tokens, RawOffsets(text))
    spans: list[ImportedSpan] = []
    by_offsets: dict[tuple[int, int, str], str] = {}
    for k, sp in enumerate(dicts(obj, "spans")):
        start = _int(sp.get("start"), Message("span {field}", field="start"))
        end = _int(sp.get("end"), Message("span {field}", field="end"))
        label = sp.get("label")
        if not isinstance(label, str) or not label:
            raise _Bad(Message("span {k}: label must be a non-empty string", k=k))
        if not 0 <= start < end <= len(text):
            raise _Bad(
                Message(
                    "span {k} ({start}, {end}) is outside the text (length {length})",
                    k=k,
                    start=start,
                    end=end,
                    length=len(text),
                )
            )
        key = f"S{k + 1}"
        spans.append(ImportedSpan(start=start, end=end, label=label, key=key, line=line))
        by_offsets.setdefault((start, end, label), key)
    name = meta.get("name")
    doc = ImportedDocument(
        text=text,
        name=name if isinstance(name, str) and name else row_name(shown(path), line),
        meta=meta,
        spans=spans,
        source=shown(path),
        line=line,
    )
    _read_relations(obj, doc, by_offsets, schema)
    return doc


def _read_relations(
    obj: dict[str, Any],
    doc: ImportedDocument,
    by_offsets: dict[tuple[int, int, str], str],
    schema: Schema | None,
) -> None:
    def key_of(d: Any, what: Message) -> str:
        if not isinstance(d, dict):
            raise _Bad(Message("{what} must be an object with start, end and label", what=what))
        start = _int(d.get("start"), Message("{what} {field}", what=what, field="start"))
        end = _int(d.get("end"), Message("{what} {field}", what=what, field="end"))
        label = need_str(d.get("label"), Message("{what} {field}", what=what, field="label"))
        key = by_offsets.get((start, end, label))
        if key is None:
            raise _Bad(
                Message(
                    "{what} ({start}, {end}) is not one of the spans",
                    what=what,
                    start=start,
                    end=end,
                )
            )
        return key

    relations = []
    for k, rel in enumerate(dicts(obj, "relations")):
        head, child = (
            key_of(rel.get("head_span"), Message("relation {field}", field="head_span")),
            key_of(rel.get("child_span"), Message("relation {field}", field="child_span")),
        )
        label = need_str(rel.get("label"), Message("relation {k}: label", k=k))
        relations.append(
            ImportedRelation(type=label, source=head, target=child, key=f"R{k + 1}", line=doc.line)
        )
    if not are_marks(obj.get("events")):
        doc.events, doc.relations = events_from_links(doc.spans, relations, schema)
        return
    marks = []
    for n, ev in enumerate(dicts(obj, "events")):
        event = Message("event {k}", k=n)
        trigger = key_of(ev.get("trigger"), Message("event {n} {field}", n=n, field="trigger"))
        mark = Marked(str(n), trigger, line=doc.line)
        arguments = Message("{what}: {field}", what=event, field="arguments")
        for arg in dicts(ev, "arguments", arguments):
            role = need_str(arg.get("role"), Message("{what}: argument role", what=event))
            if "event" in arg:
                target = _int(arg["event"], Message("{what}: {field}", what=event, field="event"))
                mark.arguments.append((role, str(target), True))
            else:
                span = key_of(arg.get("span"), Message("event {n} argument", n=n))
                mark.arguments.append((role, span, False))
        marks.append(mark)
    doc.events, doc.relations = events_from_marks(doc.spans, marks, relations)
