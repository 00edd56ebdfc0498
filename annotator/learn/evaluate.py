"""Held-out scores: per-label precision, recall and F1 on exact spans (seqeval, strict IOB2),
the memorisation baseline they are measured against, and the learning curve.

Gold and predicted mentions are both put on the export tokens of the held-out document cut at
both sets' boundaries, so only a predicted span with the gold span's exact code-point offsets
and label counts as found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.formats.tokens import token_layer
from annotator.learn.corpus import Example, Mention, non_overlapping
from annotator.learn.memorise import Memorise

__all__ = ["Memorise", "Predictor", "Scores", "score"]

Predictor = Callable[[Example], list[Mention]]


@dataclass(frozen=True)
class Scores:
    """Precision, recall, F1 and support per label, and their micro average."""

    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    micro: dict[str, float] = field(default_factory=dict)

    @property
    def f1(self) -> float:
        return float(self.micro.get("f1", 0.0))

    def to_json(self) -> dict[str, Any]:
        return {"per_label": self.per_label, "micro": self.micro}


def _tags(
    ex: Example, gold: list[Mention], pred: list[Mention]
) -> tuple[list[list[str]], list[list[str]]]:
    """Gold and predicted BIO tags per sentence, on the document's tokens cut at both sets'
    boundaries (so each span is whole tokens, and only identical offsets match)."""
    cuts = [b for s, e, _ in gold + pred for b in (s, e)]
    layer = token_layer(ex.text, cuts, "default", dict(ex.meta), [(s, e) for s, e, _ in gold])
    out: list[list[list[str]]] = []
    for mentions in (gold, pred):
        tags = ["O"] * len(layer.tokens)
        for s, e, label in mentions:
            rng = layer.token_range(s, e)
            if rng is not None:
                tags[rng[0]] = f"B-{label}"
                tags[rng[0] + 1 : rng[1]] = [f"I-{label}"] * (rng[1] - rng[0] - 1)
        out.append([[tags[i] for i in sent] for sent in layer.sentences])
    return out[0], out[1]


def score(examples: Sequence[Example], predict: Predictor) -> Scores:
    """Exact-span scores of ``predict`` against the examples' entities."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    gold_seqs: list[list[str]] = []
    pred_seqs: list[list[str]] = []
    for ex in examples:
        gold, pred = _tags(ex, non_overlapping(ex.entities), non_overlapping(predict(ex)))
        gold_seqs += gold
        pred_seqs += pred
    if not any(t != "O" for seq in gold_seqs for t in seq):
        return Scores()
    report = classification_report(
        gold_seqs, pred_seqs, mode="strict", scheme=IOB2, output_dict=True, zero_division=0
    )
    per_label: dict[str, dict[str, float]] = {}
    micro: dict[str, float] = {}
    for name, row in report.items():
        values = {
            "precision": float(row["precision"]),
            "recall": float(row["recall"]),
            "f1": float(row["f1-score"]),
            "support": float(row["support"]),
        }
        if name == "micro avg":
            micro = values
        elif not name.endswith(" avg"):
            per_label[name] = values
    return Scores(per_label, micro)
