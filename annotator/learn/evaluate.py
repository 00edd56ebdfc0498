"""Held-out scores: per-label precision, recall and F1 on exact spans (seqeval, strict IOB2),
the memorisation baseline they are measured against, and the learning curve.

Gold and predicted mentions are both put on the export tokens of the held-out document cut at
both sets' boundaries, so only a predicted span with the gold span's exact code-point offsets
and label counts as found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.formats.tokens import token_layer
from annotator.learn.corpus import Example, Mention, non_overlapping
from annotator.learn.memorise import Memorise
from annotator.learn.subclasses import merged

__all__ = [
    "Comparison",
    "Memorise",
    "Predictor",
    "Scores",
    "TriggerScores",
    "exact_f1",
    "leave_one_out",
    "memorisation",
    "merged_subclasses",
    "plain_crf",
    "score",
    "score_triggers",
]

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


def trigger_examples(examples: Sequence[Example]) -> list[Example]:
    """The examples with their event triggers as the mentions ``score`` measures (each
    labelled with its event type), so triggers are scored by the entities' one rule."""
    return [dataclasses.replace(ex, entities=ex.triggers) for ex in examples]


@dataclass(frozen=True)
class TriggerScores:
    """The trigger output's held-out scores, per event type, apart from the entity labels'
    (their micro average is not changed by them), and how many trigger spans the layer holds:
    in all, in the documents trained on, in the held-out documents. ``scores`` is empty when
    there were too few for a held-out score: none held out, or none trained on."""

    events: int
    trained_on: int
    held_out: int
    scores: Scores = field(default_factory=Scores)

    @property
    def too_few(self) -> bool:
        return not self.scores.per_label

    def to_json(self) -> dict[str, Any]:
        """The manifest's ``scores["triggers"]`` (checked by ``scorecheck``)."""
        return {
            "events": self.events,
            "trained_on": self.trained_on,
            "held_out": self.held_out,
            **self.scores.to_json(),
        }


def score_triggers(
    train: Sequence[Example], test: Sequence[Example], predict: Predictor | None
) -> TriggerScores | None:
    """Exact-span scores per event type of ``predict`` (a model's trigger output, learnt from
    ``train`` only) against the triggers of the held-out ``test`` documents, by ``score``'s
    rule; None when neither holds a trigger (the layer has no events). Too few for a score
    (nothing held out, nothing to learn from, or no ``predict``): the counts only."""
    trained_on = sum(len(ex.triggers) for ex in train)
    held = sum(len(ex.triggers) for ex in test)
    if not trained_on and not held:
        return None
    if not trained_on or not held or predict is None:
        return TriggerScores(trained_on + held, trained_on, held)
    return TriggerScores(
        trained_on + held, trained_on, held, score(trigger_examples(test), predict)
    )


def exact_f1(examples: Sequence[Example], found: dict[int, list[Mention]]) -> float:
    """Micro F1 of exact spans without seqeval: the mentions a flat tagging can hold
    (``non_overlapping``) matched by offsets and label. What ``score`` measures for spans
    that are whole tokens (the model's always are), at a fraction of the cost: for choosing
    settings, where it runs once per candidate."""
    tp = n_gold = n_pred = 0
    for ex in examples:
        gold = set(non_overlapping(ex.entities))
        pred = set(non_overlapping(found.get(ex.doc_id, [])))
        tp += len(gold & pred)
        n_gold += len(gold)
        n_pred += len(pred)
    return 2 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0


def merged_subclasses(label: str) -> str:
    """A label without a numbered sub-class (``MIS0``, ``MIS-2`` → ``MIS``): the second,
    clearly named figure for a label set whose numbered sub-classes are noisy (AQMAR)."""
    return merged(label)


def fixed(found: dict[int, list[Mention]]) -> Predictor:
    """A predictor answering what was already predicted for each document (by its id)."""

    def run(ex: Example) -> list[Mention]:
        return found.get(ex.doc_id, [])

    return run


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def relabelled(predict: Predictor, relabel: Callable[[str], str]) -> Predictor:
    """``predict`` with its labels mapped by ``relabel``."""

    def run(ex: Example) -> list[Mention]:
        return [(s, e, relabel(label)) for s, e, label in predict(ex)]

    return run


def relabel_examples(examples: Sequence[Example], relabel: Callable[[str], str]) -> list[Example]:
    return [
        dataclasses.replace(ex, entities=tuple((s, e, relabel(lb)) for s, e, lb in ex.entities))
        for ex in examples
    ]


# -- comparing methods, each article held out in turn -----------------------------------------

Text = tuple[str, dict[str, Any]]
Method = Callable[[Sequence[Example], Sequence[Text]], Predictor]
"""trains on labelled examples (and the project's text, labelled or not) → a predictor"""


def plain_features(words: Sequence[str], i: int) -> list[str]:
    """The plain feature CRF's features of word ``i``: the word, lowercased and folded,
    prefixes and suffixes 1-3, shape, and the neighbours' words, folded forms and shapes
    (±2). No proclitic splitting, no memorised mentions, no clusters."""
    from annotator.learn.features import shape
    from annotator.learn.segment import fold_word

    w = words[i]
    f = ["bias", "w=" + w, "l=" + w.lower(), "f=" + fold_word(w), "sh=" + shape(w)]
    for k in (1, 2, 3):
        f += [f"p{k}=" + w[:k], f"s{k}=" + w[-k:]]
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(words):
            f += [f"{d}w=" + words[j], f"{d}f=" + fold_word(words[j]), f"{d}sh=" + shape(words[j])]
        else:
            f.append(f"{d}pad")
    return f


PLAIN_PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 100, "feature.possible_transitions": True}


def plain_crf(train: Sequence[Example], texts: Sequence[Text] = ()) -> Predictor:
    """The plain feature CRF (python-crfsuite, L-BFGS, c1 = c2 = 0.1, 100 iterations) on the
    export tokens: names start and end at word boundaries."""
    import pycrfsuite

    from annotator.learn.corpus import entities_of
    from annotator.learn.crf import bio
    from annotator.learn.segment import segment
    from annotator.scratch import folder

    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in train:
        seg = segment(ex.text, ex.meta, [(s, e) for s, e, _ in ex.entities])
        tags = bio(seg, ex.entities)
        words = [ex.text[s:e] for s, e in seg.tokens]
        for sent in seg.sentences:
            sw = [words[i] for i in sent]
            trainer.append([plain_features(sw, k) for k in range(len(sw))], [tags[i] for i in sent])
    trainer.set_params(PLAIN_PARAMS)
    with folder("annotator-plain-") as tmp:
        trainer.train(str(tmp / "plain.crfsuite"))
        data = (tmp / "plain.crfsuite").read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)  # crfsuite reads ``data`` in place: it lives as long as predict

    def predict(ex: Example, data: bytes = data) -> list[Mention]:
        seg = segment(ex.text, ex.meta)
        words = [ex.text[s:e] for s, e in seg.tokens]
        tags = ["O"] * len(words)
        for sent in seg.sentences:
            sw = [words[i] for i in sent]
            for i, t in zip(sent, tagger.tag([plain_features(sw, k) for k in range(len(sw))]),
                            strict=True):  # fmt: skip
                tags[i] = t
        return [(seg.tokens[i][0], seg.tokens[j - 1][1], lb) for i, j, lb in entities_of(tags)]

    return predict


def memorisation(train: Sequence[Example], texts: Sequence[Text] = ()) -> Predictor:
    """The baseline: the longest memorised training mention at each word."""
    return Memorise(train)


@dataclass
class Comparison:
    """Methods compared with each document held out in turn (trained on all the others)."""

    methods: list[str]
    documents: list[str]
    f1: dict[str, list[float]]
    """per method, the held-out micro F1 of each document"""
    merged_f1: dict[str, list[float]]
    """the same with numbered sub-classes merged (``merged_subclasses``), a second figure"""
    pooled: dict[str, Scores]
    """per method, all held-out documents scored together (each by the model that did not
    see it)"""
    pooled_merged: dict[str, Scores]
    curve: dict[str, list[tuple[int, float]]]
    """per method, (training documents, mean held-out F1 over the documents)"""
    seconds: dict[str, float]
    notes: list[str] = field(default_factory=list)

    def mean(self, method: str, merged: bool = False) -> float:
        return mean((self.merged_f1 if merged else self.f1)[method])

    def lines(self) -> list[str]:
        """The tables: per held-out document, the mean, per label (pooled), the curve."""
        head = f"{'held out':<24}" + "".join(f"{m:>16}" for m in self.methods)
        out = ["each document held out in turn, trained on the others (exact spans, micro F1)"]
        out.append(head)
        for k, name in enumerate(self.documents):
            out.append(f"{name:<24}" + "".join(f"{self.f1[m][k]:>16.3f}" for m in self.methods))
        out.append(f"{'mean':<24}" + "".join(f"{self.mean(m):>16.3f}" for m in self.methods))
        out.append(
            f"{'mean, sub-classes merged':<24}"
            + "".join(f"{self.mean(m, True):>16.3f}" for m in self.methods)
        )
        for m in self.methods:
            for what, pooled in (
                ("", self.pooled[m]),
                (", sub-classes merged", self.pooled_merged[m]),
            ):
                out.append(f"{m}: pooled per label{what}")
                rows = [*sorted(pooled.per_label.items()), ("micro", pooled.micro)]
                for label, r in rows:
                    out.append(
                        f"  {label:<8} P {r.get('precision', 0):.3f} R {r.get('recall', 0):.3f} "
                        f"F1 {r.get('f1', 0):.3f} support {int(r.get('support', 0))}"
                    )
            if self.curve.get(m):
                points = ", ".join(f"{n}: {f1:.3f}" for n, f1 in self.curve[m])
                out.append(f"{m}: learning curve (training documents: mean held-out F1) {points}")
            out.append(f"{m}: {self.seconds[m]:.0f} s")
        return out + self.notes


def leave_one_out(
    examples: Sequence[Example],
    methods: dict[str, Method],
    texts: Sequence[Text] = (),
    curve: Sequence[int] = (),
    progress: Callable[[str], object] = lambda message: None,
) -> Comparison:
    """Each example held out in turn: every method trained on the others (and ``texts``, the
    project's text, labelled or not), scored on it, raw and with sub-classes merged; the
    learning curve trains on the first ``n`` of the others for each ``n`` of ``curve``."""
    import time

    names = list(methods)
    f1: dict[str, list[float]] = {m: [] for m in names}
    merged: dict[str, list[float]] = {m: [] for m in names}
    found: dict[str, dict[int, list[Mention]]] = {m: {} for m in names}
    points: dict[str, dict[int, list[float]]] = {m: {} for m in names}
    seconds = dict.fromkeys(names, 0.0)
    merged_examples = relabel_examples(examples, merged_subclasses)
    for k, held in enumerate(examples):
        rest = [ex for i, ex in enumerate(examples) if i != k]
        for m, method in methods.items():
            t0 = time.perf_counter()
            pred = method(rest, texts)(held)
            found[m][held.doc_id] = pred
            f1[m].append(score([held], fixed(found[m])).f1)
            merged[m].append(
                score([merged_examples[k]], relabelled(fixed(found[m]), merged_subclasses)).f1
            )
            for n in curve:
                if n < len(rest) and any(ex.entities for ex in rest[:n]):
                    part = {held.doc_id: method(rest[:n], texts)(held)}
                    points[m].setdefault(n, []).append(score([held], fixed(part)).f1)
            seconds[m] += time.perf_counter() - t0
            progress(f"{held.name}: {m} {f1[m][-1]:.3f}")
    pooled = {m: score(examples, fixed(found[m])) for m in names}
    pooled_merged = {
        m: score(merged_examples, relabelled(fixed(found[m]), merged_subclasses)) for m in names
    }
    full = len(examples) - 1
    curves = {
        m: sorted([(n, sum(v) / len(v)) for n, v in points[m].items()] + [(full, mean(f1[m]))])
        for m in names
    }
    return Comparison(
        names, [ex.name for ex in examples], f1, merged, pooled, pooled_merged, curves, seconds
    )
