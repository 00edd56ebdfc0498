"""Problems in annotations: never blocks saving, lists what an analyst should fix.

Checks: file integrity, the schema's own problems, and every live record under the rules of
``annotator.rules`` (the same rules that the API, importers and merge apply): offsets and
covered text, labels/types/roles/attributes in the schema, argument and relation types,
references to live records of the same document and layer. Role cardinality (missing
required roles, too many fillers) is checked here only: it never blocks saving.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator import rules
from annotator.model import DocumentAnnotations, Event, Span
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


def check_layer(da: DocumentAnnotations, schema: Schema, annotator: str = "") -> list[Issue]:
    """Every problem of one document layer (``da`` holds live records only): each record
    judged by ``annotator.rules`` exactly as the API, importers and merge judge it, plus
    role cardinality, which never blocks saving."""
    doc = da.document
    out: list[Issue] = []

    def add(uuid: str, who: str, violation: rules.Violation | None) -> None:
        if violation is not None:
            out.append(Issue(doc.name, who or annotator, uuid, violation.kind, violation.message))

    spans = {s.uuid: s for s in da.spans if not s.deleted}
    events = {e.uuid: e for e in da.events if not e.deleted}
    for s in spans.values():
        add(s.uuid, s.annotator, rules.span_problem(schema, doc.text, s, doc.name))
    for e in events.values():
        add(e.uuid, e.annotator, rules.event_problem(schema, e, spans.get(e.trigger)))
        et = schema.event(e.type)
        args = da.arguments_of(e.uuid)
        for a in args:
            target: Span | Event | None = spans.get(a.target) or events.get(a.target)
            add(a.uuid, e.annotator, rules.argument_problem(schema, e, a, target))
        if et is None:
            continue
        per_role = Counter(a.role for a in args)
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
                rules.relation_problem(schema, r, spans.get(r.source), spans.get(r.target)),
            )
    return out


def check_project(project: Project) -> list[Issue]:
    """File integrity, the schema's own problems, then ``check_layer`` for every document
    and layer."""
    where = str(project.path)
    out = [Issue(where, "", "", "integrity", p) for p in project.integrity()]
    out += [Issue(where, "", "", "schema", p) for p in project.schema.problems()]
    for doc in project.documents():
        out.extend(check_layer(project.layer(doc.id), project.schema))
    return out
