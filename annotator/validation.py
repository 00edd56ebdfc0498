"""Problems in annotations: never blocks saving, lists what an analyst should fix.

Checks: file integrity, covered text re-verified against the document, labels/types/roles
unknown to the schema, missing required roles and too many fillers (role cardinality),
arguments of a type the role does not accept, references to deleted or missing records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.model import DocumentAnnotations, Span
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
    """Every problem of one document layer (``da`` holds live records only)."""
    doc = da.document
    out: list[Issue] = []

    def add(uuid: str, kind: str, message: str, who: str = annotator) -> None:
        out.append(Issue(doc.name, who, uuid, kind, message))

    spans = {s.uuid: s for s in da.spans if not s.deleted}
    events = {e.uuid: e for e in da.events if not e.deleted}
    for s in spans.values():
        if not (0 <= s.start < s.end <= len(doc.text)):
            add(s.uuid, "offsets", f"{s.start}-{s.end} outside the text", s.annotator)
        elif doc.text[s.start : s.end] != s.text:
            add(
                s.uuid,
                "covered-text",
                f"stored {s.text!r} != text {doc.text[s.start : s.end]!r}",
                s.annotator,
            )
        if schema.label(s.label) is None:
            add(s.uuid, "unknown-label", f"label {s.label!r} is not in the schema", s.annotator)
    for e in events.values():
        et = schema.event(e.type)
        if e.trigger not in spans:
            add(e.uuid, "dangling", f"{e.type}: trigger span was deleted", e.annotator)
        if et is None:
            add(e.uuid, "unknown-type", f"event type {e.type!r} is not in the schema", e.annotator)
            continue
        args = da.arguments_of(e.uuid)
        per_role = Counter(a.role for a in args)
        for a in args:
            target: Span | None = spans.get(a.target)
            if target is None and a.target not in events:
                add(
                    a.uuid,
                    "dangling",
                    f"{e.type}: argument {a.role} points at a deleted span",
                    e.annotator,
                )
            elif et.role(a.role) is None:
                add(a.uuid, "unknown-role", f"{e.type} has no role {a.role!r}", e.annotator)
            elif target is not None and not schema.accepts(e.type, a.role, target.label):
                add(
                    a.uuid,
                    "wrong-type",
                    f"{e.type}.{a.role} does not accept {target.label!r}",
                    e.annotator,
                )
        for role in et.roles:
            lo, hi = role.bounds()
            n = per_role.get(role.name, 0)
            if n < lo:
                add(
                    e.uuid,
                    "missing-role",
                    f"{e.type}: role {role.name} needs at least {lo}",
                    e.annotator,
                )
            if hi is not None and n > hi:
                add(
                    e.uuid,
                    "too-many",
                    f"{e.type}: role {role.name} takes at most {hi} ({n})",
                    e.annotator,
                )
    for r in da.relations:
        if r.deleted:
            continue
        if r.source not in spans or r.target not in spans:
            add(r.uuid, "dangling", f"relation {r.type} points at a deleted span", r.annotator)
        if schema.relation(r.type) is None:
            add(
                r.uuid,
                "unknown-type",
                f"relation type {r.type!r} is not in the schema",
                r.annotator,
            )
    return out


def check_project(project: Project) -> list[Issue]:
    """File integrity plus ``check_layer`` for every document and layer."""
    out = [Issue(str(project.path), "", "", "integrity", p) for p in project.store.integrity()]
    for doc in project.documents():
        out.extend(check_layer(project.layer(doc.id), project.schema))
    return out
