"""Event agreement in the ACE style used by OneIE, DyGIE++ and TextEE (docs/design/formats.md C.4).

- trigger identification: trigger offsets match;
- trigger classification: offsets and event type match;
- argument identification: argument offsets and the event type match (the trigger may sit
  elsewhere, as in DyGIE++); argument classification adds the role;
- the ``attached`` variants (TextEE Arg-I+/Arg-C+) also require the trigger offsets;
- the ``overlap`` variants match arguments one-to-one by character overlap instead of offsets.

Arguments are aligned by offsets, never by ids (each annotator has their own). Unlike the
scorers, which credit every prediction that matches anything, each side is a set, so the
scores are symmetric in the two annotators.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import NamedTuple

from annotator.agreement.spans import Mode, Scores, SpanKey, span_f1

ROLE_SEPARATOR = "/"
"""Joins event type and role in the per-label keys of argument classification."""


class EventKey(NamedTuple):
    """An event as agreement sees it: trigger offsets, type and its (start, end, role) args."""

    doc: Hashable
    trigger_start: int
    trigger_end: int
    type: str
    args: frozenset[tuple[int, int, str]] = frozenset()


def _triggers(events: Iterable[EventKey]) -> list[SpanKey]:
    return sorted({SpanKey(e.doc, e.trigger_start, e.trigger_end, e.type) for e in events}, key=str)


def _arguments(events: Iterable[EventKey], role: bool, attached: bool) -> list[SpanKey]:
    keys = set()
    for e in events:
        doc: Hashable = (e.doc, e.trigger_start, e.trigger_end) if attached else e.doc
        for start, end, name in e.args:
            label = f"{e.type}{ROLE_SEPARATOR}{name}" if role else e.type
            keys.add(SpanKey(doc, start, end, label))
    return list(keys)


def _without_boundary(scores: Scores) -> Scores:
    return Scores(scores.micro, scores.per_label, None)


def event_scores(a: Iterable[EventKey], b: Iterable[EventKey]) -> dict[str, Scores]:
    """Micro and per-type scores of B's events against A's, for every ACE measure.

    Keys: ``trigger_identification``, ``trigger_classification``,
    ``argument_identification``, ``argument_classification``, their ``_attached`` and
    ``_overlap`` variants. Per-label keys are event types, or ``type/role`` for classification.
    """
    events_a, events_b = list(a), list(b)
    triggers = span_f1(_triggers(events_a), _triggers(events_b), "exact")
    out = {
        "trigger_identification": Scores(triggers.boundary or triggers.micro),
        "trigger_classification": _without_boundary(triggers),
    }
    variants: list[tuple[str, bool, Mode]] = [("", False, "exact"), ("_attached", True, "exact")]
    variants.append(("_overlap", False, "overlap"))
    for suffix, attached, mode in variants:
        for name, role in (("argument_identification", False), ("argument_classification", True)):
            left = _arguments(events_a, role, attached)
            right = _arguments(events_b, role, attached)
            out[name + suffix] = _without_boundary(span_f1(left, right, mode))
    return out
