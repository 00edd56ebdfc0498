"""Problems in annotations: never blocks saving, lists what an analyst should fix.

Checks: file integrity (with every suggestions row that is damaged, skipped wherever
suggestions are read, or does not fit its document: ``annotator.store._SUGGESTION_KINDS``),
the schema's own problems, and every live record under the rules of
``annotator.rules`` (the same rules that the API, importers and merge apply): offsets and
covered text, labels/types/roles/attributes in the schema, argument and relation types,
references to live records of the same document and layer, one argument per role and
filler of an event and one span per place and label of a layer (data written before those
rules), an event's trigger labelled with its type. Role cardinality (missing
required roles, too many fillers) and spans labelled with an event type that trigger no event
(``rules.eventless_triggers``) are checked here only: they never block saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator import rules
from annotator.cycles import no_cycle_collection
from annotator.errors import Message
from annotator.model import DocumentAnnotations, Event, Span, index_of
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
        """``doc [annotator] kind: message (uuid)``; a problem of the file as a whole (no
        annotator, no record) is ``file kind: message``, without empty brackets (QA 18)."""
        who = f" [{self.annotator}]" if self.annotator else ""
        record = f" ({self.uuid})" if self.uuid else ""
        return f"{self.doc}{who} {self.kind}: {self.message}{record}"


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

    The spans are read as fields first (``rules.spans_to_judge``; of a lazily read layer, from
    its columns): a span whose fields meet every condition of ``rules.span_problem`` is
    passed without making its record, the others are judged by that rule itself, so each
    problem is found and worded as the rule finds and words it. So are the events with their
    arguments and the relations (``rules.links_not_to_judge``): one whose fields meet every
    condition of its rule is passed without making the records of the spans it points at.

    The cycle collector is paused meanwhile (``no_cycle_collection``): the check makes
    thousands of short-lived objects and no cycle."""
    with no_cycle_collection():
        return _check_layer(da, schema, annotator, by_uuid)


def _check_layer(
    da: DocumentAnnotations, schema: Schema, annotator: str, by_uuid: Mapping[str, Span] | None
) -> list[Issue]:
    doc = da.document
    out: list[Issue] = []

    def add(uuid: str, who: str, violation: rules.Violation | None) -> None:
        if violation is not None:
            out.append(Issue(doc.name, who or annotator, uuid, violation.kind, violation.message))

    spans: Mapping[str, Span]
    to_judge = rules.spans_to_judge(da.spans, doc.text, schema, by_uuid)
    if to_judge is None:  # deleted spans or repeated ids among them: record by record
        spans = {s.uuid: s for s in da.spans if not s.deleted}
        judged: Iterable[Span] = spans.values()
    else:
        spans = by_uuid if by_uuid is not None else index_of(da.spans, "uuid")
        judged = (da.spans[k] for k in to_judge)
    events = {e.uuid: e for e in da.events if not e.deleted}
    for s in judged:
        add(s.uuid, s.annotator, rules.span_problem(schema, doc.text, s, doc.name))
    # a span repeating another (the same place and label), written before the rule
    for k, first in rules.repeated_spans(da.spans):
        s = da.spans[k]
        add(s.uuid, s.annotator, rules.repeated_span_problem(s, (da.spans[first],)))
    # a span labelled with an event type that triggers no live event
    for k in rules.eventless_triggers(schema, da.spans, events.values()):
        s = da.spans[k]
        add(s.uuid, s.annotator, rules.eventless_trigger_problem(s))
    args_of = da.arguments_by_event()
    # the rules of events, arguments and relations as ``LayerRules`` applies them: the same
    # functions, the answers for a type, role and label found good remembered
    mine = annotator or next((e.annotator for e in events.values()), "")
    layer_rules = rules.LayerRules(schema, doc.text, mine if isinstance(mine, str) else "")
    # events (with their arguments) and relations whose fields pass every condition of their
    # rules are passed without judging, and without making the records of their spans
    quiet_events: set[str] = set()
    quiet_relations: set[int] = set()
    if to_judge is not None:
        quiet_events, quiet_relations = rules.links_not_to_judge(
            layer_rules, da.spans, spans, events, args_of, da.relations
        )
    for e in events.values():
        if e.uuid in quiet_events:
            continue
        add(e.uuid, e.annotator, layer_rules.event(e, spans.get(e.trigger)))
        et = schema.event(e.type)
        args = args_of.get(e.uuid, ())
        for a in args:
            target: Span | Event | None = spans.get(a.target) or events.get(a.target)
            add(a.uuid, e.annotator, layer_rules.argument(e, a, target))
        for a, _first in rules.repeated_arguments(args):
            add(a.uuid, e.annotator, rules.repeated_argument_problem(e, a, args))
        if et is None:
            continue
        per_role: dict[str, int] = {}
        for a in args:
            per_role[a.role] = per_role.get(a.role, 0) + 1
        for role in et.roles:
            lo, hi = role.bounds()
            n = per_role.get(role.name, 0)
            if n < lo:
                message = Message(
                    "{type}: role {role} needs at least {count}",
                    type=e.type,
                    role=role.name,
                    count=lo,
                )
                add(e.uuid, e.annotator, rules.Violation("missing-role", message))
            if hi is not None and n > hi:
                message = Message(
                    "{type}: role {role} takes at most {count} ({found})",
                    type=e.type,
                    role=role.name,
                    count=hi,
                    found=n,
                )
                add(e.uuid, e.annotator, rules.Violation("too-many", message))
    for a in da.arguments:
        if not a.deleted and a.event not in events:
            add(a.uuid, a.annotator, rules.argument_problem(schema, None, a, None))
    for k, r in enumerate(da.relations):
        if not r.deleted and k not in quiet_relations:
            add(
                r.uuid,
                r.annotator,
                layer_rules.relation(r, spans.get(r.source), spans.get(r.target)),
            )
    return out


def check_project(project: Project) -> list[Issue]:
    """File integrity (``Project.integrity``: damaged rows, foreign keys, checksums, damaged
    suggestion rows and models), the schema's own problems, then ``check_layer`` for every
    document and layer."""
    where = str(project.path)
    out = [Issue(where, "", "", "integrity", p) for p in project.integrity()]
    out += [Issue(where, "", "", "schema", p) for p in project.schema.problems()]
    for doc in project.documents():
        out.extend(check_layer(project.layer(doc.id), project.schema))
    return out
