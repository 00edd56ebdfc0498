"""Problems in annotations: never blocks saving, lists what an analyst should fix.

Checks: file integrity, the schema's own problems, and every live record under the rules of
``annotator.rules`` (the same rules that the API, importers and merge apply): offsets and
covered text, labels/types/roles/attributes in the schema, argument and relation types,
references to live records of the same document and layer. Role cardinality (missing
required roles, too many fillers) is checked here only: it never blocks saving.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator import rules
from annotator.model import DocumentAnnotations, Event, Span, all_equal, fields_of, index_of
from annotator.schema import Schema

if TYPE_CHECKING:
    from annotator.project import Project


@dataclass(frozen=True)
class Issue:
    """One problem, pointing at a document, a layer and a record."""

    doc: str
    annotator: str
    uuid: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.doc} [{self.annotator}] {self.kind}: {self.message} ({self.uuid})"


def check_layer(
    da: DocumentAnnotations,
    schema: Schema,
    annotator: str = "",
    by_uuid: Mapping[str, Span] | None = None,
) -> list[Issue]:
    """Every problem of one document layer (``da`` holds live records only): each record
    judged by ``annotator.rules`` exactly as the API, importers and merge judge it, plus
    role cardinality, which never blocks saving. ``by_uuid``: the layer's spans by uuid
    when the caller holds them (the window's), else they are indexed here.

    The spans are read as fields first (``_spans_to_judge``; of a lazily read layer, from
    its columns): a span whose fields meet every condition of ``rules.span_problem`` is
    passed without making its record, the others are judged by that rule itself, so each
    problem is found and worded as the rule finds and words it."""
    doc = da.document
    out: list[Issue] = []

    def add(uuid: str, who: str, violation: rules.Violation | None) -> None:
        if violation is not None:
            out.append(Issue(doc.name, who or annotator, uuid, violation.kind, violation.message))

    spans: Mapping[str, Span]
    to_judge = _spans_to_judge(da.spans, doc.text, schema, by_uuid)
    if to_judge is None:  # deleted spans or repeated ids among them: record by record
        spans = {s.uuid: s for s in da.spans if not s.deleted}
        judged: Iterable[Span] = spans.values()
    else:
        spans = by_uuid if by_uuid is not None else index_of(da.spans, "uuid")
        judged = (da.spans[k] for k in to_judge)
    events = {e.uuid: e for e in da.events if not e.deleted}
    for s in judged:
        add(s.uuid, s.annotator, rules.span_problem(schema, doc.text, s, doc.name))
    args_of = da.arguments_by_event()
    # the rules of events, arguments and relations as ``LayerRules`` applies them: the same
    # functions, the answers for a type, role and label found good remembered
    mine = annotator or next((e.annotator for e in events.values()), "")
    layer_rules = rules.LayerRules(schema, doc.text, mine if isinstance(mine, str) else "")
    for e in events.values():
        add(e.uuid, e.annotator, layer_rules.event(e, spans.get(e.trigger)))
        et = schema.event(e.type)
        args = args_of.get(e.uuid, ())
        for a in args:
            target: Span | Event | None = spans.get(a.target) or events.get(a.target)
            add(a.uuid, e.annotator, layer_rules.argument(e, a, target))
        if et is None:
            continue
        per_role: dict[str, int] = {}
        for a in args:
            per_role[a.role] = per_role.get(a.role, 0) + 1
        for role in et.roles:
            lo, hi = role.bounds()
            n = per_role.get(role.name, 0)
            if n < lo:
                message = f"{e.type}: role {role.name} needs at least {lo}"
                add(e.uuid, e.annotator, rules.Violation("missing-role", message))
            if hi is not None and n > hi:
                message = f"{e.type}: role {role.name} takes at most {hi} ({n})"
                add(e.uuid, e.annotator, rules.Violation("too-many", message))
    for a in da.arguments:
        if not a.deleted and a.event not in events:
            add(a.uuid, a.annotator, rules.argument_problem(schema, None, a, None))
    for r in da.relations:
        if not r.deleted:
            add(
                r.uuid,
                r.annotator,
                layer_rules.relation(r, spans.get(r.source), spans.get(r.target)),
            )
    return out


def _spans_to_judge(
    spans: Sequence[Span], text: str, schema: Schema, by_uuid: Mapping[str, Span] | None
) -> list[int] | None:
    """The places of the spans ``rules.span_problem`` must judge on a document whose text is
    ``text``, in order: every other span is known from its fields to meet each condition of
    that rule (its id, its annotator's name, integer offsets inside the text, no fragments,
    the covered text stored, a label of the schema, no attributes, no note). Whole columns
    are tested at once; only a test that fails is repeated span by span. None: a span is
    deleted or two share an id (then every span is judged). ``by_uuid``: these spans by
    uuid (fewer keys than spans: two share an id)."""
    n = len(spans)
    if not all_equal(spans, "deleted", False):
        return None
    uuids = fields_of(spans, "uuid")
    try:
        if len(by_uuid if by_uuid is not None else set(uuids)) != n:
            return None
    except TypeError:  # an unhashable id: judged by the rule
        return list(range(n))
    suspect: set[int] = set()
    # ids: 1 to MAX_UUID printable characters, no space (uuid_problem's common case)
    try:
        joined: str | None = "".join(uuids)
    except TypeError:
        joined = None
    if (
        joined is None
        or not joined.isprintable()
        or " " in joined
        or (n and (min(map(len, uuids)) == 0 or max(map(len, uuids)) > rules.MAX_UUID))
    ):
        suspect.update(k for k, u in enumerate(uuids) if rules.uuid_problem(u) is not None)
    # the annotator's name, once per name
    annotators = fields_of(spans, "annotator")
    try:
        names = set(annotators)
    except TypeError:
        names = None
    if names is None:
        suspect.update(
            k for k, a in enumerate(annotators) if rules.annotator_problem(a) is not None
        )
    else:
        bad = {a for a in names if rules.annotator_problem(a) is not None}
        if bad:
            suspect.update(k for k, a in enumerate(annotators) if a in bad)
    # offsets: integers, 0 <= start < end <= len(text); no fragments
    starts, ends, length = fields_of(spans, "start"), fields_of(spans, "end"), len(text)
    offsets_ok = (
        set(map(type, starts)) <= {int}
        and set(map(type, ends)) <= {int}
        and (n == 0 or (min(starts) >= 0 and max(ends) <= length))
        and all(map(operator.lt, starts, ends))
    )
    if not offsets_ok:
        suspect.update(
            k
            for k, (a, b) in enumerate(zip(starts, ends, strict=True))
            if not (type(a) is int and type(b) is int and 0 <= a < b <= length)
        )
    if not all_equal(spans, "fragments", ()):
        suspect.update(
            k
            for k, f in enumerate(fields_of(spans, "fragments"))
            if not (type(f) is tuple and not f)
        )
    # the covered text as stored (of the spans whose offsets are good)
    texts = fields_of(spans, "text")
    if offsets_ok:
        covered = map(text.__getitem__, map(slice, starts, ends))
        if any(map(operator.ne, texts, covered)):
            suspect.update(
                k
                for k, (a, b, t) in enumerate(zip(starts, ends, texts, strict=True))
                if t != text[a:b]
            )
    else:
        suspect.update(
            k
            for k, (a, b, t) in enumerate(zip(starts, ends, texts, strict=True))
            if k not in suspect and t != text[a:b]
        )
    # a label of the schema (an entity label or an event type), once per label
    known = {label.name for label in schema.span_labels()}
    labels = fields_of(spans, "label")
    try:
        bad_labels = {x for x in set(labels) if not (isinstance(x, str) and x in known)}
    except TypeError:
        bad_labels = None
    if bad_labels is None:
        suspect.update(k for k, x in enumerate(labels) if not (isinstance(x, str) and x in known))
    elif bad_labels:
        suspect.update(k for k, x in enumerate(labels) if x in bad_labels)
    # no attributes, no note (anything else: judged by the rule)
    if not all_equal(spans, "attributes", {}):
        suspect.update(
            k
            for k, x in enumerate(fields_of(spans, "attributes"))
            if not (type(x) is dict and not x)
        )
    if not all_equal(spans, "note", ""):
        suspect.update(
            k for k, x in enumerate(fields_of(spans, "note")) if not (type(x) is str and not x)
        )
    return sorted(suspect)


def check_project(project: Project) -> list[Issue]:
    """File integrity, the schema's own problems, then ``check_layer`` for every document
    and layer."""
    where = str(project.path)
    out = [Issue(where, "", "", "integrity", p) for p in project.integrity()]
    out += [Issue(where, "", "", "schema", p) for p in project.schema.problems()]
    for doc in project.documents():
        out.extend(check_layer(project.layer(doc.id), project.schema))
    return out
