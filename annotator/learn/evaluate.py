"""Held-out scores: per-label precision, recall and F1 on exact spans (seqeval, strict IOB2),
the memorisation baseline they are measured against, and the learning curve.

Gold and predicted mentions are both put on the export tokens of the held-out document cut at
both sets' boundaries, so only a predicted span with the gold span's exact code-point offsets
and label counts as found.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.formats.tokens import token_layer
from annotator.learn.corpus import Example, Mention, non_overlapping
from annotator.learn.segment import Segmented, segment
from annotator.text import fold

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


class Memorise:
    """The baseline: every training mention remembered by its folded words (its first word
    from where it starts: ``باريس`` of بباريس); a held-out text gets, at each word, the longest
    remembered sequence starting at the word or after one of its proclitics, with the label
    it had most often."""

    def __init__(self, examples: Sequence[Example]) -> None:
        counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for ex in examples:
            seg = segment(ex.text, ex.meta, [(s, e) for s, e, _ in ex.entities])
            for s, e, label in ex.entities:
                rng = seg.word_range(s, e)
                if rng is not None:
                    i, j = rng
                    words = [fold(ex.text[max(s, a) : min(e, b)]) for a, b in seg.tokens[i:j]]
                    counts[tuple(words)][label] += 1
        self.names = {k: c.most_common(1)[0][0] for k, c in counts.items()}
        self.longest = max((len(k) for k in self.names), default=0)

    def __call__(self, ex: Example) -> list[Mention]:
        seg = segment(ex.text, ex.meta)
        words = [fold(ex.text[s:e]) for s, e in seg.tokens]
        out: list[Mention] = []
        i = 0
        while i < len(words):
            found = self._at(seg, words, i)
            if found is None:
                i += 1
                continue
            start, n, label = found
            out.append((start, seg.tokens[i + n - 1][1], label))
            i += n
        return out

    def _at(self, seg: Segmented, words: list[str], i: int) -> tuple[int, int, str] | None:
        end = seg.tokens[i][1]
        for start in seg.starts(i):
            first = fold(seg.text[start:end])
            for n in range(min(self.longest, len(words) - i), 0, -1):
                label = self.names.get((first, *words[i + 1 : i + n]))
                if label is not None:
                    return start, n, label
        return None
