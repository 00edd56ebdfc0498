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

from annotator.agreement.spans import Mode, Scores, SpanKey, span_f1, span_key

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
    return sorted(
        {span_key((e.doc, e.trigger_start, e.trigger_end, e.type)) for e in events}, key=str
    )


def _arguments(events: Iterable[EventKey]) -> dict[tuple[bool, bool], list[SpanKey]]:
    """The argument keys of every variant, ``(role, attached)`` -> keys, in one pass over the
    events (each list as a set of them gives it, in the same order)."""
    keys: dict[tuple[bool, bool], set[SpanKey]] = {
        (role, attached): set() for attached in (False, True) for role in (False, True)
    }
    plain, typed = keys[False, False], keys[True, False]
    plain_at, typed_at = keys[False, True], keys[True, True]
    roles: dict[tuple[str, str], str] = {}
    for e in events:
        doc, kind = e.doc, e.type
        at: Hashable = (doc, e.trigger_start, e.trigger_end)
        for start, end, name in e.args:
            label = roles.get((kind, name))
            if label is None:
                label = roles[kind, name] = f"{kind}{ROLE_SEPARATOR}{name}"
            plain.add(span_key((doc, start, end, kind)))
            typed.add(span_key((doc, start, end, label)))
            plain_at.add(span_key((at, start, end, kind)))
            typed_at.add(span_key((at, start, end, label)))
    return {variant: list(found) for variant, found in keys.items()}


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
    keys_a, keys_b = _arguments(events_a), _arguments(events_b)
    for suffix, attached, mode in variants:
        for name, role in (("argument_identification", False), ("argument_classification", True)):
            left, right = keys_a[role, attached], keys_b[role, attached]
            out[name + suffix] = _without_boundary(span_f1(left, right, mode))
    return out
