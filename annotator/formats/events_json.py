"""Event-extraction JSON of the ACE05-E family, in token offsets.

``style="oneie"`` (default): OneIE/TextEE JSONL, one sentence per line::

    {"doc_id", "sent_id", "tokens", "sentence",
     "entity_mentions": [{"id", "start", "end", "entity_type", "mention_type", "text"}],
     "relation_mentions": [{"id", "relation_type", "arguments": [{"entity_id", "role", "text"}]}],
     "event_mentions": [{"id", "event_type", "trigger": {"start", "end", "text"},
                         "arguments": [{"entity_id", "role", "text"}]}]}

with sentence-level token indices, end exclusive; relation roles are ``Arg-1``/``Arg-2``.
Two keys of ours ride along (other readers ignore keys they do not know): ``"text_before"``,
the document text between the previous sentence (or the start) and this one, and on a
document's last sentence ``"text_after"``, the rest of the text, so that the reader rebuilds
the text exactly and recognises a document already in a project. Each is written only where
the reader's default would be wrong (a line break between sentences, nothing before the
first or after the last). ``doc_id`` is the document's
name, made unique within the file (``-2``, ``-3`` suffixes, ``text.unique_name``), and
``mention_type`` is the span's value of the mention-type attribute the schema gives its label
(``is_mention_type``: ``MentionType`` in the ACE 2005 schema), ``UNK`` without one.
The wordpiece fields OneIE adds for its model (``pieces``, ``token_lens``) depend on the
model's tokenizer and are left to the training script.

``style="dygiepp"``: DyGIE++ JSONL, one document per line (``doc_key``, ``dataset``,
``sentences``, ``ner``, ``relations``, ``events``) with document-level token indices, end
inclusive, and single-token triggers.

Arguments must be entity mentions of the trigger's sentence; what a format cannot hold (event
arguments, cross-sentence arguments, multi-token DyGIE++ triggers, discontinuous spans,
attributes but the OneIE mention type, normalisations, notes) is counted as dropped. Spans
that trigger no event are entity mentions, unless labelled with an event type: a trigger
without an event (``rules.eventless_triggers``) is left out, its reason given. An event whose
trigger span is not labelled with its type (``rules.trigger_label_problem``, data written
before that rule) is left out with its arguments by ``standoff.live_view``, as in every
stand-off export; its span goes by its label. Records are written in a stable order
(``standoff.live_view``), so exporting a project re-imported from the file writes the same
file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator import safejson
from annotator.errors import Cancelled, ImportFormatError, Message, message_of
from annotator.formats.common import (
    CROSSES_SENTENCE,
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
from annotator.formats.fields import dicts, ident, need_dict, need_str
from annotator.formats.source import lines, shown
from annotator.formats.standoff import EVENT_LEFT_OUT, Account, live_view, no_place
from annotator.formats.tokens import TokenLayer, only_between, token_layer
from annotator.imported import (
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ImportedSpan,
    Problem,
)
from annotator.model import Argument, DocumentAnnotations, Event, Relation, Span
from annotator.output import writing
from annotator.rules import eventless_triggers, is_reference
from annotator.schema import Schema
from annotator.schema.model import AttributeDef
from annotator.text import unique_name

STYLES = ("oneie", "dygiepp")

DEFAULT_OPTIONS = ExportOptions()

UNKNOWN_MENTION = "UNK"
"""the ``mention_type`` of an entity mention without one"""


def is_mention_type(name: str) -> bool:
    """Whether an attribute named ``name`` is the ``mention_type`` event JSON carries (NAM,
    NOM, PRO): ``mention_type``, ``MentionType``, ``mention-type``… (case, ``_``, ``-`` and
    spaces ignored). Export and import both go through this one rule."""
    return name.casefold().replace("_", "").replace("-", "").replace(" ", "") == "mentiontype"


def mention_attribute(schema: Schema, label: str) -> AttributeDef | None:
    """The schema's mention-type attribute of ``label`` (None when it has none)."""
    return next((a for a in schema.attributes_for(label) if is_mention_type(a.name)), None)


def _mention_type(span: Span, schema: Schema) -> str | None:
    """The value of the span's mention-type attribute (the schema's, for its label)."""
    attr = mention_attribute(schema, span.label)
    value = span.attributes.get(attr.name) if attr is not None else None
    return value if isinstance(value, str) and value else None


@dataclass
class _Placed:
    """A span placed on the token layer: its sentence and sentence-level token range."""

    span: Span
    sent: int
    start: int
    end: int
    doc_start: int
    id: str = ""


@dataclass
class _Event:
    event: Event
    trigger: _Placed
    arguments: list[tuple[_Placed, Argument]]


@dataclass
class _Sentence:
    tokens: list[int]
    entities: list[_Placed] = field(default_factory=list)
    relations: list[tuple[_Placed, _Placed, Relation]] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)


EVENT_JSON = Message("event JSON")
"""the format as a report's reason names it ("attribute (no place in event JSON)"): a Message,
translated in the window as the reasons around it are"""

# why an event JSON export leaves a record out
_EVENTLESS_TRIGGER = Message("trigger without an event (a span labelled with an event type)")
_ARGUMENT = Message("argument")
_RELATION_END = Message("relation end")
_RELATION_FROM = Message("relation from something other than an entity mention")
_RELATION_LEFT_OUT = Message("relation whose span was not exported")
_TRIGGER_LEFT_OUT = Message("event whose trigger was not exported")
_MULTI_TOKEN_TRIGGER = Message("multi-token trigger (DyGIE++ triggers are one token)")


def _layout(
    doc: DocumentAnnotations, schema: Schema, options: ExportOptions, account: Account
) -> tuple[TokenLayer, list[_Sentence]]:
    """Sentences with their entities, relations and events, each inside one sentence. Spans
    are marked written in ``account`` here (entity mentions); triggers, events, arguments and
    relations by the style's writer."""
    live = live_view(doc, options, account, schema)
    text = doc.document.text
    eventless = {live.spans[k].uuid for k in eventless_triggers(schema, live.spans, live.events)}
    triggers = {e.trigger for e in live.events}
    both: list[Span] = []
    for s in live.spans:
        if s.uuid in eventless:
            account.skip(s.uuid, _EVENTLESS_TRIGGER)
        elif s.fragments:
            account.skip(s.uuid, DISCONTINUOUS)
        elif not text[s.start : s.end].strip():
            account.skip(s.uuid, ONLY_WHITE_SPACE)
        else:
            both.append(s)
    entities = [s for s in both if s.uuid not in triggers]
    layer = token_layer(
        doc.document.text,
        [b for s in both for b in (s.start, s.end)],
        options.tokenizer,
        doc.document.meta,
        [(s.start, s.end) for s in both],
    )
    sent_of = layer.sentence_of()
    sents = [_Sentence(tokens=t) for t in layer.sentences]
    placed: dict[str, _Placed] = {}
    for span in both:
        rng = layer.token_range(span.start, span.end)
        if rng is None:
            account.skip(span.uuid, NO_TOKEN)
        elif sent_of[rng[0]] != sent_of[rng[1] - 1]:
            account.skip(span.uuid, CROSSES_SENTENCE)
        else:
            k = sent_of[rng[0]]
            first = sents[k].tokens[0]
            placed[span.uuid] = _Placed(span, k, rng[0] - first, rng[1] - first, rng[0])
    entity_ids = {s.uuid for s in entities}
    for span in entities:
        if span.uuid in placed:
            p = placed[span.uuid]
            sents[p.sent].entities.append(p)
            account.wrote(span.uuid)

    def argument(uuid: str, target: str, sent: int, what: Message = _ARGUMENT) -> _Placed | None:
        p = placed.get(target)
        if target not in entity_ids:
            account.skip(
                uuid, Message("{what} is not an entity mention (event or trigger)", what=what)
            )
        elif p is None:
            account.skip(uuid, Message("{what} whose span was not exported", what=what))
        elif p.sent != sent:
            account.skip(uuid, Message("{what} in another sentence", what=what))
        else:
            return p
        return None

    for rel in live.relations:
        a = placed.get(rel.source)
        if rel.source not in entity_ids:
            account.skip(rel.uuid, _RELATION_FROM)
        elif a is None:
            account.skip(rel.uuid, _RELATION_LEFT_OUT)
        elif (b := argument(rel.uuid, rel.target, a.sent, _RELATION_END)) is not None:
            sents[a.sent].relations.append((a, b, rel))
    for ev in live.events:
        trig = placed.get(ev.trigger)
        if trig is None:
            account.skip(ev.uuid, _TRIGGER_LEFT_OUT)
            for arg in live.arguments[ev.uuid]:
                account.skip(arg.uuid, EVENT_LEFT_OUT)
            continue
        args: list[tuple[_Placed, Argument]] = []
        for arg in live.arguments[ev.uuid]:
            target = argument(arg.uuid, arg.target, trig.sent)
            if target is not None:
                args.append((target, arg))
        sents[trig.sent].events.append(_Event(ev, trig, args))
    account.report.documents += 1
    account.report.tokens += len(layer.tokens)
    account.report.tokens_split += layer.n_split
    return layer, sents


def _wrote(account: Account, ev: _Event) -> None:
    account.wrote(ev.event.uuid)
    account.wrote(ev.trigger.span.uuid)
    for _, arg in ev.arguments:
        account.wrote(arg.uuid)


def _oneie(
    doc: DocumentAnnotations,
    layer: TokenLayer,
    sents: list[_Sentence],
    account: Account,
    doc_id: str,
    carried: set[str],
    schema: Schema,
) -> list[str]:
    """The sentence lines of one document; the uuids of the spans whose mention type was
    written go to ``carried``."""
    text = doc.document.text
    words = layer.words()
    lines: list[str] = []
    prev_end = 0
    for k, sent in enumerate(sents):
        sent_id = f"{doc_id}-{k}"
        for n, ent in enumerate(sent.entities):
            ent.id = f"{sent_id}-E{n}"

        def surface(p: _Placed) -> str:
            return text[p.span.start : p.span.end]

        def mention(p: _Placed) -> str:
            found = _mention_type(p.span, schema)
            if found is None:
                return UNKNOWN_MENTION
            carried.add(p.span.uuid)
            return found

        lo, hi = layer.tokens[sent.tokens[0]][0], layer.tokens[sent.tokens[-1]][1]
        obj: dict[str, Any] = {
            "doc_id": doc_id,
            "sent_id": sent_id,
            "tokens": [words[i] for i in sent.tokens],
            "sentence": text[lo:hi],
            "entity_mentions": [
                {
                    "id": e.id,
                    "start": e.start,
                    "end": e.end,
                    "entity_type": e.span.label,
                    "mention_type": mention(e),
                    "text": surface(e),
                }
                for e in sent.entities
            ],
            "relation_mentions": [
                {
                    "id": f"{sent_id}-R{n}",
                    "relation_type": rel.type,
                    "arguments": [
                        {"entity_id": a.id, "role": "Arg-1", "text": surface(a)},
                        {"entity_id": b.id, "role": "Arg-2", "text": surface(b)},
                    ],
                }
                for n, (a, b, rel) in enumerate(sent.relations)
            ],
            "event_mentions": [
                {
                    "id": f"{sent_id}-EV{n}",
                    "event_type": ev.event.type,
                    "trigger": {
                        "start": ev.trigger.start,
                        "end": ev.trigger.end,
                        "text": surface(ev.trigger),
                    },
                    "arguments": [
                        {"entity_id": p.id, "role": arg.role, "text": surface(p)}
                        for p, arg in ev.arguments
                    ],
                }
                for n, ev in enumerate(sent.events)
            ],
        }
        # only where the reader's default (a line break between sentences) would be wrong
        if text[prev_end:lo] != ("\n" if k else ""):
            obj["text_before"] = text[prev_end:lo]
        if k == len(sents) - 1 and text[hi:]:
            obj["text_after"] = text[hi:]
        prev_end = hi
        lines.append(json.dumps(obj, ensure_ascii=False))
        for _, _, rel in sent.relations:
            account.wrote(rel.uuid)
        for ev in sent.events:
            _wrote(account, ev)
    return lines


def _dygiepp(
    doc: DocumentAnnotations,
    layer: TokenLayer,
    sents: list[_Sentence],
    dataset: str,
    account: Account,
    doc_id: str,
) -> str:
    def last(p: _Placed) -> int:
        return p.doc_start + p.end - p.start - 1

    events: list[list[Any]] = []
    for sent in sents:
        out: list[Any] = []
        for ev in sent.events:
            trig = ev.trigger
            if trig.end - trig.start != 1:
                reason = _MULTI_TOKEN_TRIGGER
                for uuid in (ev.event.uuid, trig.span.uuid):
                    account.skip(uuid, reason)
                for _, arg in ev.arguments:
                    account.skip(arg.uuid, EVENT_LEFT_OUT)
                continue
            out.append(
                [
                    [trig.doc_start, ev.event.type],
                    *[[p.doc_start, last(p), arg.role] for p, arg in ev.arguments],
                ]
            )
            _wrote(account, ev)
        events.append(out)
    for sent in sents:
        for _, _, rel in sent.relations:
            account.wrote(rel.uuid)
    words = layer.words()
    obj = {
        "doc_key": doc_id,
        "dataset": dataset,
        "sentences": [[words[i] for i in s.tokens] for s in sents],
        "ner": [[[e.doc_start, last(e), e.span.label] for e in s.entities] for s in sents],
        "relations": [
            [[a.doc_start, last(a), b.doc_start, last(b), rel.type] for a, b, rel in s.relations]
            for s in sents
        ],
        "events": events,
    }
    return json.dumps(obj, ensure_ascii=False)


def write_events_json(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
    *,
    style: str = "oneie",
    dataset: str = "annotator",
) -> ExportReport:
    """Write OneIE (``style="oneie"``) or DyGIE++ (``"dygiepp"``) JSONL to the file ``out``,
    or with splits to a directory of ``<split>.jsonl``; ``dataset`` is the DyGIE++ label
    namespace."""
    if style not in STYLES:
        raise ValueError(f"unknown event JSON style {style!r} (expected {', '.join(STYLES)})")
    report = ExportReport()
    # attributes are counted as carried, and those without a place lost one by one
    account = Account(report, ("attribute",), EVENT_JSON)
    taken: set[str] = set()
    n_total = total_of(docs, total)
    names = [n for n, _ in options.splits] or ["train"]
    # each line is written as its document is laid out (an export is as large as the project)
    with writing(out, "events", directory=bool(options.splits)) as tmp, ExitStack() as files:
        split_files = {
            name: files.enter_context(
                (tmp / f"{name}.jsonl" if options.splits else tmp).open(
                    "w", encoding="utf-8", newline="\n"
                )
            )
            for name in names
        }
        for done, doc in enumerate(docs, 1):
            if cancelled():
                raise Cancelled("export cancelled; nothing was written")
            layer, sents = _layout(doc, schema, options, account)
            fh = split_files[split_of(doc, options.splits, options.seed)]
            doc_id = unique_name(doc.document.name or str(doc.document.id), taken)
            carried: set[str] = set()
            if style == "oneie":
                rows = _oneie(doc, layer, sents, account, doc_id, carried, schema)
            else:
                rows = [_dygiepp(doc, layer, sents, dataset, account, doc_id)]
            fh.writelines(r + "\n" for r in rows)
            _lose_attributes(doc, account, carried)
            account.close(doc)
            progress(done, n_total)
    report.files = [str(out / f"{n}.jsonl") for n in names] if options.splits else [str(out)]
    return report


def _lose_attributes(doc: DocumentAnnotations, account: Account, carried: set[str]) -> None:
    """Count as lost the attributes of written records that event JSON has no place for:
    all but the mention type of the spans in ``carried``."""
    records: list[Span | Event | Relation] = [*doc.spans, *doc.events, *doc.relations]
    for rec in records:
        if rec.deleted or not rec.attributes or rec.uuid not in account.written:
            continue
        n = sum(1 for name in rec.attributes if not is_reference(name))
        if rec.uuid in carried:
            n -= 1
        if n:
            account.lose("attribute", no_place("attribute", EVENT_JSON), n)


# -- import (OneIE / TextEE shape) -------------------------------------------------------


@dataclass
class _ReadDoc:
    name: str
    line: int
    doc: ImportedDocument
    tokens: list[list[int]] = field(default_factory=list)
    sentences: list[list[int]] = field(default_factory=list)
    sent_ids: dict[str, int] = field(default_factory=dict)
    """``sent_id`` → the line it was read on"""
    after: str = ""
    """the ``"text_after"`` of the last sentence read"""


@dataclass
class _Reading:
    """What reading one file has gathered so far."""

    docs: dict[str, _ReadDoc] = field(default_factory=dict)
    last: str | None = None
    """the doc_id of the last sentence read (a document's sentences are contiguous)"""
    mentions: dict[str, int] = field(default_factory=dict)
    """why mention types were not kept → how many"""
    first_lost: int = 0
    """the line of the first mention type not kept"""
    rewritten: int = 0
    """how many sentences were rebuilt from their tokens though the line gave their text"""
    first_rewritten: int = 0
    """the line of the first of them"""


def read_events_json(
    path: Path,
    *,
    strict: bool = True,
    schema: Schema | None = None,
    attribute_schema: Schema | None = None,
) -> ImportResult:
    """Read OneIE/TextEE sentence JSONL, grouping sentences into documents by ``doc_id``.

    A document's sentences must be contiguous in the file, each ``sent_id`` once: a
    ``doc_id`` that comes back after another one, or a repeated ``sent_id``, is an error (two
    documents sharing a name). The text is rebuilt exactly from our ``"text_before"`` and
    ``"text_after"`` keys when a line has them, else with a newline between sentences; a
    sentence is its ``"sentence"`` (OneIE) or ``"text"`` (TextEE) string when the tokens are
    in it in order with only white space (or a BOM, ZWNJ or ZWJ: ``tokens.only_between``)
    around them (our exports), else the tokens joined by one space, and then one Problem per
    file says how many sentences were not kept as the lines give them. Tokens and sentence
    breaks are kept in ``meta`` like the CoNLL import. A malformed line is an error, or with
    ``strict=False`` a Problem and the sentence is skipped. With ``schema``, labels outside it
    are problems too.

    ``mention_type`` becomes the mention-type attribute (``is_mention_type``) that the
    schema (``schema``, else ``attribute_schema``: the project's) gives the entity's label,
    when the value fits it; ``UNK`` is no value. A value that cannot be kept (no such
    attribute, not one of its values, not a string) is reported: one Problem per file, with
    the count.
    """
    path = Path(path)
    source = shown(path)
    result = ImportResult()
    state = _Reading()
    names = schema or attribute_schema
    for n, line, problem in lines(path):
        if not problem and not line.strip():
            continue
        try:
            if problem:
                raise _Bad(problem)
            _read_sentence(safejson.loads(line), n, path, state, schema, names)
        except ValueError as exc:  # _Bad, UnsafeJSON
            if strict:
                raise ImportFormatError(source, n, message_of(exc)) from exc
            result.problems.append(Problem(source, n, message_of(exc)))
    for d in state.docs.values():
        d.doc.text += d.after
        d.doc.meta = {"tokens": d.tokens, "sentences": d.sentences}
        result.documents.append(d.doc)
    if state.rewritten:
        result.problems.append(
            Problem(
                source,
                state.first_rewritten,
                Message(
                    "text of {count} sentences not kept (their tokens joined by spaces"
                    ' instead): the "sentence" (or "text") does not hold the tokens in order'
                    " with only white space between them",
                    count=state.rewritten,
                ),
            )
        )
    if state.mentions:
        why = "; ".join(f"{k} ({v})" for k, v in state.mentions.items())
        total = sum(state.mentions.values())
        result.problems.append(
            Problem(source, state.first_lost, f"mention_type of {total} entities not kept: {why}")
        )
    return result


class _Bad(ValueError):
    """A line that is JSON but not a valid sentence (message for the user)."""


def _span_bounds(obj: Any, n_tokens: int, what: Message) -> tuple[int, int]:
    obj = need_dict(obj, what)
    start, end = obj.get("start"), obj.get("end")
    ok = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
    if not ok or not 0 <= start < end <= n_tokens:
        raise _Bad(
            Message(
                "{what}: token range ({start}, {end}) is not inside the {count} tokens",
                what=what,
                start=quoted(start),
                end=quoted(end),
                count=n_tokens,
            )
        )
    return start, end


def _read_sentence(
    obj: Any,
    line: int,
    path: Path,
    state: _Reading,
    schema: Schema | None,
    names: Schema | None,
) -> None:
    if not isinstance(obj, dict):
        raise _Bad(Message("expected one JSON object per line"))
    words = obj.get("tokens")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise _Bad(Message('"tokens" must be a list of non-empty strings'))
    if not words:
        raise _Bad(Message('"tokens" is empty'))
    if any("\n" in w or "\r" in w or w.startswith("\ufeff") for w in words):
        # the text is rebuilt from the tokens: a line break would not survive as a token
        raise _Bad(Message("a token holds a line break or starts with a byte-order mark"))
    doc_id = ident(obj["doc_id"], '"doc_id"') if obj.get("doc_id") is not None else ""
    doc_id = doc_id or shown(path.stem)
    docs = state.docs
    d = docs.get(doc_id)
    if d is not None and state.last != doc_id:
        raise _Bad(
            Message(
                "doc_id {doc_id} comes back after other documents (its sentences began on line"
                " {line}): two documents share this doc_id, or the file's lines were reordered",
                doc_id=quoted(doc_id),
                line=d.line,
            )
        )
    sent_id = obj.get("sent_id")
    if isinstance(sent_id, str) and d is not None and sent_id in d.sent_ids:
        raise _Bad(
            Message(
                "sent_id {sent_id} of doc_id {doc_id} was already read on line {line}: two"
                " documents share this doc_id",
                sent_id=quoted(sent_id),
                doc_id=quoted(doc_id),
                line=d.sent_ids[sent_id],
            )
        )
    before, after = obj.get("text_before"), obj.get("text_after")
    for key, value in (("text_before", before), ("text_after", after)):
        if value is not None:
            need_str(value, f'"{key}"', empty=True)
    # validate the whole line before touching the document, so a bad line leaves no trace
    entities: dict[str, tuple[int, int, str]] = {}
    attributes: dict[str, dict[str, Any]] = {}
    lost: list[str] = []
    for k, m in enumerate(dicts(obj, "entity_mentions")):
        ent_id = ident(m.get("id"), Message("entity {n}: id", n=k))
        if ent_id in entities:
            raise _Bad(Message("entity id {id} is used twice", id=quoted(ent_id)))
        s, e = _span_bounds(m, len(words), Message("entity {id}", id=quoted(ent_id)))
        label = _label(m.get("entity_type"), schema, "entity")
        entities[ent_id] = (s, e, label)
        attributes[ent_id], why = _mention_attribute(m.get("mention_type"), label, names)
        if why:
            lost.append(why)
    events: list[tuple[str, int, int, list[tuple[str, str]]]] = []
    for k, ev in enumerate(dicts(obj, "event_mentions")):
        what = Message("event {k}", k=k)
        trigger = Message("trigger of {what}", what=what)
        s, e = _span_bounds(ev.get("trigger"), len(words), trigger)
        role = Message("{what}: argument role", what=what)
        args = [
            (need_str(a.get("role"), role), _entity(a, entities))
            for a in dicts(
                ev, "arguments", Message("{what}: {field}", what=what, field="arguments")
            )
        ]
        events.append((_label(ev.get("event_type"), schema, "event"), s, e, args))
    relations: list[tuple[str, str, str]] = []
    for k, rel in enumerate(dicts(obj, "relation_mentions")):
        what = Message("relation {k}", k=k)
        ends = dicts(rel, "arguments", Message("{what}: {field}", what=what, field="arguments"))
        if len(ends) != 2:
            raise _Bad(Message("{what} needs two arguments", what=what))
        role = Message("{what}: argument role", what=what)
        roles = [need_str(a.get("role"), role) for a in ends]
        if roles[0] > roles[1]:
            ends.reverse()
        relation_type = Message("{what}: {field}", what=what, field="relation_type")
        kind = need_str(rel.get("relation_type"), relation_type)
        relations.append((kind, _entity(ends[0], entities), _entity(ends[1], entities)))

    if d is None:
        doc = ImportedDocument(text="", name=doc_id, source=shown(path), line=line)
        d = docs[doc_id] = _ReadDoc(doc_id, line, doc)
    state.last = doc_id
    if isinstance(sent_id, str):
        d.sent_ids[sent_id] = line
    for why in lost:
        state.first_lost = state.first_lost or line
        state.mentions[why] = state.mentions.get(why, 0) + 1
    first = len(d.tokens)
    # between sentences: the text our export wrote there, else a line break
    gap = before if isinstance(before, str) else d.after + ("\n" if first else "")
    d.after = after if isinstance(after, str) else ""
    base = len(d.doc.text) + len(gap)
    sentence, starts, rewritten = _sentence(obj, words)
    if rewritten:
        state.rewritten += 1
        state.first_rewritten = state.first_rewritten or line
    d.tokens += [[base + a, base + a + len(w)] for a, w in zip(starts, words, strict=True)]
    d.sentences.append([first, len(d.tokens)])
    d.doc.text += gap + sentence
    keys: dict[str, str] = {}
    for ent_id, (s, e, label) in entities.items():
        keys[ent_id] = f"{line}:{ent_id}"
        span = _span(d, first, s, e, label, keys[ent_id], line)
        span.attributes = attributes[ent_id]
        d.doc.spans.append(span)
    for k, (typ, s, e, args) in enumerate(events):
        key = f"{line}:EV{k}"
        d.doc.spans.append(_span(d, first, s, e, typ, f"{key}:trigger", line))
        d.doc.events.append(
            ImportedEvent(
                type=typ,
                trigger=f"{key}:trigger",
                arguments=[(role, keys[t]) for role, t in args],
                key=key,
                line=line,
            )
        )
    for k, (typ, a, b) in enumerate(relations):
        d.doc.relations.append(
            ImportedRelation(
                type=typ, source=keys[a], target=keys[b], key=f"{line}:R{k}", line=line
            )
        )


def _sentence(obj: dict[str, Any], words: list[str]) -> tuple[str, list[int], bool]:
    """The text of a sentence, where each token starts in it, and whether a sentence the line
    gives was not kept: its ``"sentence"`` or ``"text"`` when the tokens are found in it in
    order with nothing but white space and what the token layer leaves between tokens
    (``tokens.only_between``: a BOM, a ZWNJ or ZWJ) around them (the sentence as written),
    else the tokens joined by one space."""
    for key in ("sentence", "text"):
        given = obj.get(key)
        if not isinstance(given, str) or "\r" in given or given.startswith("\ufeff"):
            continue
        starts: list[int] = []
        pos = 0
        for w in words:
            at = given.find(w, pos)
            if at < 0 or not only_between(given[pos:at]):
                break
            starts.append(at)
            pos = at + len(w)
        if len(starts) == len(words) and only_between(given[pos:]):
            return given, starts, False
    starts = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    had = any(isinstance(obj.get(key), str) for key in ("sentence", "text"))
    return " ".join(words), starts, had


def _mention_attribute(value: Any, label: str, schema: Schema | None) -> tuple[dict[str, Any], str]:
    """The attributes a ``mention_type`` value gives an entity of ``label``, and why it was
    not kept ("" when it was, or when there was none to keep)."""
    if value is None or value == UNKNOWN_MENTION:
        return {}, ""
    if not isinstance(value, str) or not value:
        return {}, f"not a string: {quoted(value)}"
    if schema is None:
        return {}, "read without a schema to name its attribute"
    attr = mention_attribute(schema, label)
    if attr is None:
        return {}, f"no mention-type attribute for {quoted(label)} in the schema"
    if attr.check(value) is not None:
        return {}, f"{quoted(value)} is not a value of {attr.name!r}"
    return {attr.name: value}, ""


def _span(d: _ReadDoc, first: int, s: int, e: int, label: str, key: str, line: int) -> ImportedSpan:
    return ImportedSpan(
        start=d.tokens[first + s][0],
        end=d.tokens[first + e - 1][1],
        label=label,
        key=key,
        line=line,
    )


def _entity(arg: dict[str, Any], entities: dict[str, tuple[int, int, str]]) -> str:
    ent = ident(arg.get("entity_id"), "argument entity_id")
    if ent not in entities:
        raise _Bad(
            Message(
                "argument refers to {entity}, which is not an entity mention of the sentence",
                entity=quoted(ent),
            )
        )
    return ent


def _label(value: Any, schema: Schema | None, kind: str) -> str:
    entity = kind == "entity"
    if not isinstance(value, str) or not value:
        if entity:
            raise _Bad(
                Message("entity type must be a non-empty string, not {value}", value=quoted(value))
            )
        raise _Bad(
            Message("event type must be a non-empty string, not {value}", value=quoted(value))
        )
    known = schema is None or (schema.entity(value) if entity else schema.event(value))
    if not known:
        if entity:
            raise _Bad(Message("entity type {value} is not in the schema", value=quoted(value)))
        raise _Bad(Message("event type {value} is not in the schema", value=quoted(value)))
    return value
