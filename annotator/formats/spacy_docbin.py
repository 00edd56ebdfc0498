"""spaCy v3 training data: a ``DocBin`` (``.spacy``) of Docs whose text is the document text.

Each Doc is built from words split at every span boundary (``Doc(vocab, words, spaces)``), so
no span is misaligned and ``doc.text`` equals the stored text exactly. Non-overlapping entities
(picked by the overlap policy) go to ``doc.ents``; every entity span goes to
``doc.spans[options.spans_key]``, triggers to ``doc.spans["triggers"]``. Events and relations
travel in ``doc.user_data`` (``DocBin(store_user_data=True)``) with character offsets:
``user_data["events"] = [{"id", "type", "trigger": [start, end], "arguments": [{"role",
"span": [start, end], "label"}]}]`` and ``user_data["relations"] = [{"id", "type", "arg1",
"arg2"}]``; an event or relation with attributes or a note also has ``"attributes"`` (name →
value, ``ref:DB`` normalisations included) and ``"note"``, and the written spans that have them
are listed in ``user_data["spans"] = [{"span": [start, end], "label", "attributes", "note"}]``
(only when there is one). Everything else is counted in the report (``TokenReport.close``):
the fragments of a discontinuous span (not written), the parts of a record left out. An event
whose trigger span is not labelled with its type (data written before
``rules.trigger_label_problem``) is left out as by ``standoff.live_view`` (``MISLABELLED``),
with its arguments and the arguments pointing at it; its span goes by its label. A span
labelled with an event type that triggers no event stays in ``doc.spans["triggers"]``, as the
stand-off formats write it (docs/design/formats.md A.4).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from annotator.errors import Cancelled, Message
from annotator.formats.common import (
    NO_TOKEN,
    ExportOptions,
    ExportReport,
    IsCancelled,
    OptionError,
    Progress,
    never_cancelled,
    no_progress,
    split_of,
)
from annotator.formats.conll import TokenReport, check_options, held_spans, total_of
from annotator.formats.standoff import (
    EVENT_LEFT_OUT,
    FILLER_LEFT_OUT,
    MISLABELLED,
    mislabelled_events,
)
from annotator.formats.tokens import (
    TokenLayer,
    blank_arabic,
    export_spans,
    resolve_overlaps,
    token_layer,
)
from annotator.model import DocumentAnnotations, Event, Relation, Span
from annotator.output import writing
from annotator.schema import Schema

TRIGGERS_KEY = "triggers"

DEFAULT_OPTIONS = ExportOptions()


# why a spaCy export leaves an event, argument or relation out of ``user_data``
_NO_LIVE_TRIGGER = Message("event without a live trigger span")
_EVENT_NOT_WRITTEN = Message("argument of an event not written")
_ARGUMENT_MISSING = Message("argument pointing at a missing span")
_RELATION_MISSING = Message("relation pointing at a missing span")


def doc_words(layer: TokenLayer) -> tuple[list[str], list[bool], list[int]]:
    """Words and trailing-space flags that rebuild ``layer.text`` exactly, and the Doc index of
    each layer token. White space other than one plain space becomes a token of its own, as
    spaCy's tokenizer does."""
    text = layer.text
    words: list[str] = []
    spaces: list[bool] = []
    index: list[int] = []
    pos = 0
    for start, end in [*layer.tokens, (len(text), len(text))]:
        gap = text[pos:start]
        if gap.startswith(" ") and words:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if end > start:
            index.append(len(words))
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    return words, spaces, index


def to_doc(
    doc: DocumentAnnotations,
    schema: Schema,
    options: ExportOptions,
    report: TokenReport,
    vocab: Any,
) -> Any:
    """The spaCy Doc of one document; counts go into ``report``."""
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    report.spans_held += held_spans(doc)
    entities, triggers = export_spans(doc, schema, options, report)
    text = doc.document.text
    layer = token_layer(
        text,
        [b for s in (*entities, *triggers) for b in (s.start, s.end)],
        options.tokenizer,
        doc.document.meta,
    )
    words, spaces, index = doc_words(layer)
    sdoc = Doc(vocab, words=words, spaces=spaces)
    if sdoc.text != text:  # pragma: no cover - doc_words rebuilds the text by construction
        raise AssertionError("spaCy Doc text differs from the document text")

    placed: dict[str, Any] = {}
    for span in [*entities, *triggers]:
        rng = layer.token_range(span.start, span.end)
        if rng is None:
            report.drop(NO_TOKEN)
            continue
        placed[span.uuid] = SpacySpan(sdoc, index[rng[0]], index[rng[1] - 1] + 1, label=span.label)
        if text[span.start : span.end] != text[span.start : span.end].strip():
            report.trimmed += 1
    ent_spans = [s for s in entities if s.uuid in placed]
    kept, reasons = resolve_overlaps(ent_spans, options.overlap_policy)
    for reason in reasons:
        why = Message(
            "{reason}, kept in doc.spans[{key}]", reason=reason, key=repr(options.spans_key)
        )
        report.not_in_ents[why] += 1
    sdoc.ents = [placed[s.uuid] for s in kept]
    sdoc.spans[options.spans_key] = [placed[s.uuid] for s in ent_spans]
    sdoc.spans[TRIGGERS_KEY] = [placed[s.uuid] for s in triggers if s.uuid in placed]
    group = f"doc.spans[{options.spans_key!r}]"
    report.placed[group] += len(sdoc.spans[options.spans_key])
    report.placed[f"doc.spans[{TRIGGERS_KEY!r}]"] += len(sdoc.spans[TRIGGERS_KEY])
    # a Message: the window translates its words, the group stays as written
    report.placed[Message("doc.ents (also in {group})", group=group)] += len(sdoc.ents)
    report.wrote_spans(len(placed))
    _user_data(doc, sdoc, report, placed)
    report.documents += 1
    report.tokens += len(layer.tokens)
    report.tokens_split += layer.n_split
    return sdoc


CARRIES = ("attribute", "normalisation", "note")
"""the parts of a record ``user_data`` carries (a discontinuous span is not written)"""


def _parts(rec: Span | Event | Relation) -> dict[str, Any]:
    """The attributes and note of a record, as ``user_data`` carries them (none when empty)."""
    out: dict[str, Any] = {}
    if rec.attributes:
        out["attributes"] = dict(rec.attributes)
    if rec.note:
        out["note"] = rec.note
    return out


def _user_data(
    doc: DocumentAnnotations, sdoc: Any, report: TokenReport, placed: Collection[str]
) -> None:
    """Events, relations and the attributes and notes of the spans written (``placed``: their
    uuids) into ``sdoc.user_data``; what is left out is counted by ``TokenReport.close``."""
    spans = {s.uuid: s for s in doc.spans if not s.deleted}
    written = set(placed)
    reasons: dict[str, str] = {}
    events = [e for e in doc.events if not e.deleted]
    mislabelled = mislabelled_events(events, spans)
    for ev in events:
        if ev.uuid in mislabelled:
            reasons[ev.uuid] = MISLABELLED
            for arg in doc.arguments_of(ev.uuid):
                reasons[arg.uuid] = EVENT_LEFT_OUT
    events = [e for e in events if e.uuid not in mislabelled]
    trigger_of = {e.uuid: e.trigger for e in events}
    out_events: list[dict[str, Any]] = []
    for ev in events:
        trig = spans.get(ev.trigger)
        if trig is None:
            reasons[ev.uuid] = _NO_LIVE_TRIGGER
            for arg in doc.arguments_of(ev.uuid):
                reasons[arg.uuid] = _EVENT_NOT_WRITTEN
            continue
        args: list[dict[str, Any]] = []
        for arg in doc.arguments_of(ev.uuid):
            target = spans.get(arg.target) or spans.get(trigger_of.get(arg.target, ""))
            if target is None and arg.target in mislabelled:
                reasons[arg.uuid] = FILLER_LEFT_OUT
                continue
            if target is None:
                reasons[arg.uuid] = _ARGUMENT_MISSING
                continue
            args.append(
                {"role": arg.role, "span": [target.start, target.end], "label": target.label}
            )
            written.add(arg.uuid)
        out_events.append(
            {
                "id": ev.uuid,
                "type": ev.type,
                "trigger": [trig.start, trig.end],
                "arguments": args,
                **_parts(ev),
            }
        )
        written.add(ev.uuid)
    out_rel: list[dict[str, Any]] = []
    for rel in doc.relations:
        if rel.deleted:
            continue
        a, b = spans.get(rel.source), spans.get(rel.target)
        if a is None or b is None:
            reasons[rel.uuid] = _RELATION_MISSING
            continue
        out_rel.append(
            {
                "id": rel.uuid,
                "type": rel.type,
                "arg1": [a.start, a.end],
                "arg2": [b.start, b.end],
                **_parts(rel),
            }
        )
        written.add(rel.uuid)
    report.close(doc, written, reasons, CARRIES)
    sdoc.user_data["events"] = out_events
    sdoc.user_data["relations"] = out_rel
    noted = [
        {"span": [s.start, s.end], "label": s.label, **_parts(s)}
        for s in sorted(spans.values(), key=lambda s: (s.start, s.end, s.label, s.uuid))
        if s.uuid in placed and (s.attributes or s.note)
    ]
    if noted:
        sdoc.user_data["spans"] = noted
    sdoc.user_data["doc_name"] = doc.document.name
    sdoc.user_data["sha256"] = doc.document.sha256


def write_spacy(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
) -> ExportReport:
    """Write one ``.spacy`` file ``out``, or with splits a directory of ``<split>.spacy``."""
    from spacy.tokens import DocBin

    check_options(options)
    if options.spans_key == TRIGGERS_KEY:
        raise OptionError(
            f"the spans key cannot be {TRIGGERS_KEY!r}: doc.spans[{TRIGGERS_KEY!r}] holds "
            "the event triggers"
        )
    vocab = blank_arabic().vocab
    report = TokenReport(where="spaCy DocBin")
    n_total = total_of(docs, total)
    names = [n for n, _ in options.splits] or ["train"]
    bins = {n: DocBin(store_user_data=True) for n in names}
    for done, doc in enumerate(docs, 1):
        if cancelled():
            raise Cancelled("export cancelled; nothing was written")
        bins[split_of(doc, options.splits, options.seed)].add(
            to_doc(doc, schema, options, report, vocab)
        )
        progress(done, n_total)
    with writing(out, "spacy", directory=bool(options.splits)) as tmp:
        if options.splits:
            for name, db in bins.items():
                db.to_disk(tmp / f"{name}.spacy")
        else:
            db = bins["train"]
            tmp.write_bytes(db.to_bytes())
    report.files = [str(out / f"{n}.spacy") for n in names] if options.splits else [str(out)]
    report.empty_splits = [n for n, db in bins.items() if options.splits and not len(db)]
    return report
