"""The check of a model's held-out trigger scores (``scores["triggers"]`` of its manifest and of
the summary the models table keeps beside its bytes).

Plain Python, no learning module: the store and the window's model panel check a stored
summary with it without loading crfsuite, numpy or seqeval.

The section, present only when the layer held events (``evaluate.TriggerScores.to_json``)::

    {"events": 144, "trained_on": 108, "held_out": 36,
     "per_label": {"Conflict.Attack": {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                                       "support": 36}},
     "micro": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 36}}

``events``: the layer's trigger spans in its labelled documents, ``trained_on`` of them in the
documents the held-out model learnt from, ``held_out`` in the held-out documents;
``per_label`` and ``micro`` empty when there were too few for a held-out score.
"""

from __future__ import annotations

import math
from typing import Any

from annotator.errors import Message

TRIGGER_FIELDS = ("events", "trained_on", "held_out", "per_label", "micro")
COUNTS = ("events", "trained_on", "held_out")
ROW_FIELDS = ("precision", "recall", "f1", "support")


def _whole(value: Any) -> bool:
    """A count as training writes it: a whole number at least 0 (not true or false)."""
    if type(value) is int:
        return value >= 0
    return type(value) is float and math.isfinite(value) and value >= 0 and value.is_integer()


def _share(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and 0 <= value <= 1


def _row_sound(row: Any) -> bool:
    if not isinstance(row, dict) or set(row) != set(ROW_FIELDS):
        return False
    return all(_share(row[k]) for k in ROW_FIELDS[:3]) and _whole(row["support"])


def check_trigger_scores(scores: Any) -> None:
    """ValueError (a ``Message``) unless ``scores`` (a manifest's ``scores`` object) holds no
    ``triggers`` section or a sound one: exactly the fields above, whole counts that add up
    (``events`` = ``trained_on`` + ``held_out``), each row's precision, recall and F1 numbers
    from 0 to 1 and its support a whole number, per-type rows named by non-empty text, the
    per-type supports adding up to the overall one, both empty or neither."""
    if not isinstance(scores, dict) or "triggers" not in scores:
        return
    section = scores["triggers"]
    if not isinstance(section, dict) or set(section) != set(TRIGGER_FIELDS):
        raise ValueError(
            Message(
                "trigger scores must be an object of {fields}", fields=", ".join(TRIGGER_FIELDS)
            )
        )
    for key in COUNTS:
        if type(section[key]) is not int or section[key] < 0:
            raise ValueError(Message("trigger scores: {field} must be a whole number", field=key))
    if section["events"] != section["trained_on"] + section["held_out"]:
        raise ValueError(
            Message("trigger scores: the events trained on and held out do not add up")
        )
    per_label, micro = section["per_label"], section["micro"]
    if not isinstance(per_label, dict) or not isinstance(micro, dict):
        raise ValueError(Message("trigger scores: per_label and micro must be objects"))
    for label, row in per_label.items():
        if not label or not _row_sound(row):
            raise ValueError(
                Message(
                    "trigger scores: the row of {label} must hold precision, recall and F1 "
                    "from 0 to 1 and a whole support",
                    label=repr(label),
                )
            )
    if bool(per_label) != bool(micro) or (micro and not _row_sound(micro)):
        raise ValueError(Message("trigger scores: the overall row does not match the event types"))
    if micro and sum(row["support"] for row in per_label.values()) != micro["support"]:
        raise ValueError(Message("trigger scores: the overall row does not match the event types"))
    if micro and (section["held_out"] == 0 or section["trained_on"] == 0):
        raise ValueError(Message("trigger scores: scores without events to score"))


def trigger_scores_sound(scores: Any) -> bool:
    """Whether ``check_trigger_scores`` passes: for the store's and the panel's checks of a
    stored summary."""
    try:
        check_trigger_scores(scores)
    except ValueError:
        return False
    return True
