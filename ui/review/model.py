"""What the review window shows, computed from the project without widgets.

A ``ReviewItem`` is one disagreement of one pair of annotators plus whether the gold layer
already resolves it (the one rule, ``annotator.review.is_resolved``: gold holds one side's
version, or gold marked the document done). Kinds have a name, a short tag
and a colour (Okabe–Ito, readable by colour-blind users); the views always print the tag next
to the label, so no kind is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from annotator.model import GOLD, DocumentAnnotations, Event, Record, Relation, Span, Status
from annotator.project import Project
from annotator.review import (
    Disagreement,
    GoldIndex,
    Kind,
    compare_many,
    is_resolved,
    span_places,
)
from annotator.schema import Schema
from ui.docview.arcs_geometry import Link
from ui.docview.view import ViewSpan
from ui.i18n import (
    QT_TRANSLATE_NOOP,
    core_text,
    interface_isolate,
    isolate,
    relation_text,
    role_display,
    type_tag,
)

KIND_NAMES: dict[Kind, str] = {
    Kind.AGREEMENT: QT_TRANSLATE_NOOP("ReviewKind", "agreement"),
    Kind.LABEL: QT_TRANSLATE_NOOP("ReviewKind", "label mismatch"),
    Kind.BOUNDARY: QT_TRANSLATE_NOOP("ReviewKind", "boundary mismatch"),
    Kind.ONLY_A: QT_TRANSLATE_NOOP("ReviewKind", "only in A"),
    Kind.ONLY_B: QT_TRANSLATE_NOOP("ReviewKind", "only in B"),
    Kind.ARGUMENTS: QT_TRANSLATE_NOOP("ReviewKind", "argument mismatch"),
    Kind.ATTRIBUTES: QT_TRANSLATE_NOOP("ReviewKind", "attributes differ"),
    Kind.GOLD: QT_TRANSLATE_NOOP("ReviewKind", "gold differs"),
}
"""kind names (English; ``kind_name`` gives them in the interface language)"""
KIND_TAGS: dict[Kind, str] = {
    Kind.AGREEMENT: QT_TRANSLATE_NOOP("ReviewKind", "agree"),
    Kind.LABEL: QT_TRANSLATE_NOOP("ReviewKind", "label≠"),
    Kind.BOUNDARY: QT_TRANSLATE_NOOP("ReviewKind", "bounds≠"),
    Kind.ONLY_A: QT_TRANSLATE_NOOP("ReviewKind", "only A"),
    Kind.ONLY_B: QT_TRANSLATE_NOOP("ReviewKind", "only B"),
    Kind.ARGUMENTS: QT_TRANSLATE_NOOP("ReviewKind", "args≠"),
    Kind.ATTRIBUTES: QT_TRANSLATE_NOOP("ReviewKind", "attrs≠"),
    Kind.GOLD: QT_TRANSLATE_NOOP("ReviewKind", "gold≠"),
}
"""the short tags printed next to a span's label (``kind_tag``: translated)"""


def kind_name(kind: Kind) -> str:
    """A kind's name in the interface language."""
    return QCoreApplication.translate("ReviewKind", KIND_NAMES[kind])


def kind_tag(kind: Kind) -> str:
    """A kind's short tag in the interface language."""
    return QCoreApplication.translate("ReviewKind", KIND_TAGS[kind])


KIND_COLORS: dict[Kind, str] = {
    Kind.AGREEMENT: "#009E73",
    Kind.LABEL: "#D55E00",
    Kind.BOUNDARY: "#E69F00",
    Kind.ONLY_A: "#0072B2",
    Kind.ONLY_B: "#CC79A7",
    Kind.ARGUMENTS: "#56B4E9",
    Kind.ATTRIBUTES: "#F0E442",
    Kind.GOLD: "#882255",  # (Okabe–Ito has no eighth colour: Tol's wine, its tag says it)
}
# which kind a span shows when it takes part in several items (worst first)
_SEVERITY = [
    Kind.GOLD,
    Kind.LABEL,
    Kind.BOUNDARY,
    Kind.ONLY_A,
    Kind.ONLY_B,
    Kind.ARGUMENTS,
    Kind.ATTRIBUTES,
    Kind.AGREEMENT,
]


@dataclass(frozen=True)
class ReviewItem:
    """One compared item of the pair (``a``, ``b``) and whether gold resolves it."""

    a: str
    b: str
    d: Disagreement
    resolved: bool

    @property
    def kind(self) -> Kind:
        return self.d.kind


def review_items(
    project: Project, doc_id: int, annotators: Sequence[str], into: str = GOLD
) -> tuple[dict[str, DocumentAnnotations], list[ReviewItem]]:
    """The layers of ``annotators`` and their disagreements (every pair, in text order),
    each flagged resolved or not against the ``into`` layer; an agreement that layer
    contradicts is an item (``review.against_gold``)."""
    layers = {a: project.layer(doc_id, a) for a in annotators}
    done = project.status(doc_id, into) is Status.DONE
    gold_layer = project.layer(doc_id, into)
    gold = GoldIndex.of(gold_layer)
    where = span_places(layers.values())
    items = [
        ReviewItem(a, b, d, done or is_resolved(d, gold, where))
        for (a, b), found in compare_many(layers, gold_layer).items()
        for d in found
    ]
    items.sort(key=lambda it: (it.d.start, it.d.end, it.a, it.b))
    return layers, items


SIDE_LETTERS = (
    QT_TRANSLATE_NOOP("ReviewSide", "A"),
    QT_TRANSLATE_NOOP("ReviewSide", "B"),
    QT_TRANSLATE_NOOP("ReviewSide", "C"),
    QT_TRANSLATE_NOOP("ReviewSide", "D"),
    QT_TRANSLATE_NOOP("ReviewSide", "E"),
    QT_TRANSLATE_NOOP("ReviewSide", "F"),
)
"""the letters naming the compared layers (the panes' titles, the table's columns, the detail
line), translated as the agreement tables name them (أ, ب … in Arabic)"""


def side_letter(k: int) -> str:
    """The letter of the ``k``-th compared layer (0: A) in the interface language; its number
    past the letters."""
    if k < len(SIDE_LETTERS):  # (an unfinished translation is empty: the letter then)
        return QCoreApplication.translate("ReviewSide", SIDE_LETTERS[k]) or SIDE_LETTERS[k]
    return str(k + 1)


def _tr(translated: str, text: str) -> str:
    """``translated`` (a ``QCoreApplication.translate`` of ``text``, written out so that
    lupdate finds it), or ``text`` where the translation is unfinished (empty)."""
    return translated or text


def describe(
    record: Record | None, layer: DocumentAnnotations | None, schema: Schema | None = None
) -> str:
    """Plain text for one side of an item in the interface language: "GPE: باريس", "event
    Contact.Meet: الاجتماع [Place=باريس]", "relation PHYS: …"; labels, types and roles by the
    names the interface shows (``type_tag``, ``role_display``; given the ``schema``), the
    covered text isolated with ``isolate``. The line is itself an isolate of the interface's
    direction (``interface_isolate``): in Arabic "حدث …" and "PHYS: …" read right to left,
    in English "event …" left to right, and neither is turned round by the line around it; a
    relation's arrow points the way the interface reads (``relation_text``)."""
    if record is None:
        return "—"
    if isinstance(record, Span):  # (no index of the layer: a table of 900 rows made 900)
        return interface_isolate(f"{type_tag(schema, record.label)}: {isolate(record.text)}")
    spans = layer.span_by_uuid() if layer is not None else {}

    def raw(uuid: str) -> str:
        span = spans.get(uuid)
        return span.text if span is not None else "?"

    if isinstance(record, Event):
        comma = _tr(QCoreApplication.translate("ReviewItem", ", "), ", ")
        roles = comma.join(
            f"{role_display(arg.role)}={isolate(raw(arg.target))}"
            for arg in layer.arguments_of(record.uuid)
        ) if layer is not None else ""  # fmt: skip
        kind, trigger = type_tag(schema, record.type), isolate(raw(record.trigger))
        if roles:
            line = _tr(
                QCoreApplication.translate("ReviewItem", "event {0}: {1} [{2}]"),
                "event {0}: {1} [{2}]",
            ).format(kind, trigger, roles)
        else:
            line = _tr(
                QCoreApplication.translate("ReviewItem", "event {0}: {1}"), "event {0}: {1}"
            ).format(kind, trigger)
        return interface_isolate(line)
    if isinstance(record, Relation):
        ends = relation_text(raw(record.source), raw(record.target))
        line = _tr(
            QCoreApplication.translate("ReviewItem", "relation {0}: {1}"), "relation {0}: {1}"
        )
        return interface_isolate(line.format(type_tag(schema, record.type), ends))
    line = _tr(QCoreApplication.translate("ReviewItem", "argument {0}"), "argument {0}")
    return interface_isolate(line.format(role_display(record.role)))


def detail_text(d: Disagreement, schema: Schema | None = None) -> str:
    """What differs, in the interface language (the core's ``Disagreement.detail``, a
    ``Message``, through ``core_text``: labels, types and roles by their display names), as
    one isolate ("Place / -" keeps its order in a line of the other direction); "" when there
    is none. In a right-to-left interface the isolate is right to left, so A's version comes
    first as the line reads in every item (a first-strong isolate read "16-21 / 15-21", all
    digits, left to right, and "منظمة / كيان جغرافي سياسي" right to left)."""
    if not d.detail:
        return ""
    return interface_isolate(core_text(d.detail, schema))


ONLY_GOLD = "only in gold"
"""the key of ``RECORD_KIND_NAMES`` for a ``Kind.GOLD`` item only in gold
(``Disagreement.only_in_gold``: no annotator has anything there, so nothing differs: gold
alone holds it)"""
RECORD_KIND_NAMES: dict[tuple[str, Kind | str], str] = {
    ("relation", Kind.ONLY_A): QT_TRANSLATE_NOOP("ReviewKind", "relation only in A"),
    ("relation", Kind.ONLY_B): QT_TRANSLATE_NOOP("ReviewKind", "relation only in B"),
    ("relation", Kind.ATTRIBUTES): QT_TRANSLATE_NOOP("ReviewKind", "relation attributes differ"),
    ("event", Kind.ONLY_A): QT_TRANSLATE_NOOP("ReviewKind", "event only in A"),
    ("event", Kind.ONLY_B): QT_TRANSLATE_NOOP("ReviewKind", "event only in B"),
    ("event", Kind.ATTRIBUTES): QT_TRANSLATE_NOOP("ReviewKind", "event attributes differ"),
    ("relation", ONLY_GOLD): QT_TRANSLATE_NOOP("ReviewKind", "relation only in gold"),
    ("event", ONLY_GOLD): QT_TRANSLATE_NOOP("ReviewKind", "event only in gold"),
    ("span", ONLY_GOLD): QT_TRANSLATE_NOOP("ReviewKind", "only in gold"),
}
"""the name of a kind said of a relation or an event, not of a span: a relation only in A
joins two spans both layers hold, so "only in A" alone would read as if the span were missing"""
RECORD_KIND_TAGS: dict[tuple[str, Kind | str], str] = {
    ("relation", Kind.AGREEMENT): QT_TRANSLATE_NOOP("ReviewKind", "agree"),
    ("relation", Kind.ONLY_A): QT_TRANSLATE_NOOP("ReviewKind", "relation only A"),
    ("relation", Kind.ONLY_B): QT_TRANSLATE_NOOP("ReviewKind", "relation only B"),
    ("relation", Kind.ATTRIBUTES): QT_TRANSLATE_NOOP("ReviewKind", "relation attrs≠"),
    ("event", Kind.ONLY_A): QT_TRANSLATE_NOOP("ReviewKind", "event only A"),
    ("event", Kind.ONLY_B): QT_TRANSLATE_NOOP("ReviewKind", "event only B"),
    ("event", Kind.ATTRIBUTES): QT_TRANSLATE_NOOP("ReviewKind", "event attrs≠"),
    ("relation", ONLY_GOLD): QT_TRANSLATE_NOOP("ReviewKind", "relation only gold"),
    ("event", ONLY_GOLD): QT_TRANSLATE_NOOP("ReviewKind", "event only gold"),
    ("span", ONLY_GOLD): QT_TRANSLATE_NOOP("ReviewKind", "only gold"),
}
"""the short tags of ``RECORD_KIND_NAMES`` (a relation's is written on its arc)"""


def _what(d: Disagreement) -> str:
    """What the item's records are: "relation", "event" or "span" (of an item only gold
    holds, the gold record's)."""
    rec = d.a or d.b or (d.gold[0] if d.gold else None)
    if isinstance(rec, Relation):
        return "relation"
    return "event" if isinstance(rec, Event) else "span"


def _kind_key(it: ReviewItem) -> Kind | str:
    """The item's kind as ``RECORD_KIND_NAMES`` reads it (``ONLY_GOLD`` for gold alone)."""
    return ONLY_GOLD if it.d.only_in_gold else it.kind


def item_kind_name(it: ReviewItem) -> str:
    """The item's kind in the interface language, said of what differs: "relation only in
    A" for a relation, "only in A" for a span, "only in gold" for gold alone."""
    name = RECORD_KIND_NAMES.get((_what(it.d), _kind_key(it)))
    return QCoreApplication.translate("ReviewKind", name) if name else kind_name(it.kind)


def item_kind_tag(it: ReviewItem) -> str:
    """The short tag of ``item_kind_name``."""
    tag = RECORD_KIND_TAGS.get((_what(it.d), _kind_key(it)))
    return QCoreApplication.translate("ReviewKind", tag) if tag else kind_tag(it.kind)


def gold_text(
    d: Disagreement, gold: DocumentAnnotations | None, schema: Schema | None = None
) -> str:
    """The gold version an item of stale gold or of what only gold holds is about, in the
    interface language: "gold: GPE: باريس" (``describe`` of its first gold record); "" for
    other items."""
    if not d.gold:
        return ""
    line = _tr(QCoreApplication.translate("ReviewItem", "gold: {0}"), "gold: {0}")
    return interface_isolate(line.format(describe(d.gold[0], gold, schema)))


def gold_marks(items: Sequence[ReviewItem]) -> dict[str, tuple[Kind, str]]:
    """Span uuid of the gold layer → the kind and tag its view mark shows: the gold spans
    (and event triggers) that items of stale gold or of what only gold holds are about (a
    gold relation's arc stays grey, as the annotators' Arg1 carry no relation's mark)."""
    out: dict[str, tuple[Kind, str]] = {}
    for it in sorted(items, key=lambda it: -_SEVERITY.index(it.kind)):  # worst last: kept
        for g in it.d.gold:
            if isinstance(g, (Span, Event)):
                out[anchor(g)] = (it.kind, item_kind_tag(it))
    return out


def span_marks(annotator: str, items: Sequence[ReviewItem]) -> dict[str, tuple[Kind, str]]:
    """Span uuid of ``annotator``'s layer → the kind and tag its view mark shows (worst
    first). Only what is true of the span: its own item, and an event's item on its trigger
    (the trigger shows the event, tagged "event only A" when only the event is missing from
    the other layer). A relation's item is shown on its arc (``relation_marks``), never on
    its Arg1: two layers with the same span and different relations from it agree on it."""
    found: dict[str, list[ReviewItem]] = {}
    for it in items:
        for name, rec in ((it.a, it.d.a), (it.b, it.d.b)):
            if name == annotator and isinstance(rec, (Span, Event)):
                found.setdefault(anchor(rec), []).append(it)
    out = {}
    for uuid, its in found.items():
        worst = min(its, key=lambda it: _SEVERITY.index(it.kind))
        out[uuid] = (worst.kind, item_kind_tag(worst))
    return out


def relation_marks(annotator: str, items: Sequence[ReviewItem]) -> dict[str, tuple[Kind, str]]:
    """Relation uuid of ``annotator``'s layer → the kind and tag its arc shows."""
    out = {}
    for it in items:
        for name, rec in ((it.a, it.d.a), (it.b, it.d.b)):
            if name == annotator and isinstance(rec, Relation):
                out[rec.uuid] = (it.kind, item_kind_tag(it))
    return out


def review_links(
    layer: DocumentAnnotations,
    marks: Mapping[str, tuple[Kind, str]] | None,
    schema: Schema | None = None,
) -> tuple[list[Link], dict[str, tuple[int, int]]]:
    """The arcs of ``layer``'s live relations, each labelled "type · tag" (``marked``: an
    agreement by its type alone) in the colour of its kind (``marks`` from
    ``relation_marks``; None for the gold layer: plain type, grey), and the place of every
    span an arc ends at; the type by the name the interface shows (``type_tag`` of the
    ``schema``)."""
    spans = layer.span_by_uuid()
    agree = (Kind.AGREEMENT, kind_tag(Kind.AGREEMENT))
    links = []
    for r in layer.relations:
        if r.deleted or r.source not in spans or r.target not in spans:
            continue
        if marks is None:
            shown = type_tag(schema, r.type)
            links.append(Link(r.uuid, r.source, r.target, shown, "", GOLD_COLOR, True))
            continue
        kind, tag = marks.get(r.uuid, agree)
        label = marked(type_tag(schema, r.type), kind, tag)
        links.append(Link(r.uuid, r.source, r.target, label, "", KIND_COLORS[kind], True))
    ends = {u for x in links for u in (x.source, x.target)}
    return links, {u: (spans[u].start, spans[u].end) for u in ends}


def anchor(rec: Record | None) -> str:
    """The uuid of the span that shows ``rec`` in a view (an event's trigger, a relation's
    Arg1); "" when there is none."""
    if isinstance(rec, Span):
        return rec.uuid
    if isinstance(rec, Event):
        return rec.trigger
    if isinstance(rec, Relation):
        return rec.source
    return ""


def marked(name: str, kind: Kind, tag: str) -> str:
    """A span's or relation's tag in an annotator's pane: "label · kind" for a disagreement,
    the label alone for an agreement (the legend says so). Most of a reviewed text agrees, and
    " · agree" on every name filled the line's one row of tags until they covered each other
    (QA: a bounds≠ tag cut to two letters at the window's default size)."""
    return name if kind is Kind.AGREEMENT else f"{name} · {tag}"


def annotator_view_spans(
    layer: DocumentAnnotations,
    marks: Mapping[str, tuple[Kind, str]],
    names: Mapping[str, str] | None = None,
) -> list[ViewSpan]:
    """One annotator's spans coloured by the kind of their mark, tagged "label · tag"
    (``marked``: an agreement by its label alone; the label's display name from ``names``
    when given; ``marks`` from ``span_marks``)."""
    out = []
    names = names or {}
    agree = (Kind.AGREEMENT, kind_tag(Kind.AGREEMENT))
    for s in layer.spans:
        kind, tag = marks.get(s.uuid, agree)
        out.append(
            ViewSpan(s.uuid, s.start, s.end, marked(names.get(s.label, s.label), kind, tag),
                     KIND_COLORS[kind], s.annotator, False, s.fragments)
        )  # fmt: skip
    return out


GOLD_COLOR = "#8C8C8C"
"""Gold spans are grey so their tint is never mistaken for a kind colour."""


def gold_view_spans(
    gold: DocumentAnnotations,
    names: Mapping[str, str] | None = None,
    marks: Mapping[str, tuple[Kind, str]] | None = None,
) -> list[ViewSpan]:
    """The gold layer, tagged with plain label names (display names from ``names``) in grey;
    a span with a mark (``gold_marks``: stale gold, only in gold) tagged "label · tag" in its
    kind's colour."""
    names = names or {}
    marks = marks or {}
    out = []
    for s in gold.spans:
        name = names.get(s.label, s.label)
        kind, tag = marks.get(s.uuid, (Kind.AGREEMENT, ""))
        shown, color = (marked(name, kind, tag), KIND_COLORS[kind]) if tag else (name, GOLD_COLOR)
        out.append(ViewSpan(s.uuid, s.start, s.end, shown, color, s.annotator, False, s.fragments))
    return out
