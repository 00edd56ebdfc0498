"""``train``: what ``annotator train`` and the GUI's model panel run.

Reads the chosen layer, holds out whole documents (``--eval-split``/``--seed``), trains the
CRF on the rest, scores it and the memorisation baseline on the held-out documents (and, apart
from the entity labels, its trigger output per event type), draws the learning curve (held-out
F1 against training documents used), and trains the final model on every labelled document,
its manifest carrying the held-out scores.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.errors import Cancelled, Message
from annotator.learn.clusters import Clusters
from annotator.learn.clusters import learn as learn_clusters
from annotator.learn.corpus import (
    Example,
    Mention,
    check_enough,
    check_training_part,
    held_out,
    read_layer,
)
from annotator.learn.crf import PARAMS, Model, StepCallback, Text, no_progress, unlabelled_text
from annotator.learn.documents import Frequencies
from annotator.learn.documents import learn as learn_frequencies
from annotator.learn.evaluate import (
    Memorise,
    Predictor,
    Scores,
    TriggerScores,
    exact_f1,
    score,
    score_triggers,
)
from annotator.learn.segment import segment
from annotator.model import Status

if TYPE_CHECKING:
    from annotator.project import Project

CURVE_POINTS = 5


@dataclass
class TrainingResult:
    """The final model and what was measured on the held-out documents."""

    model: Model
    layer: str
    train_documents: list[str]
    eval_documents: list[str]
    scores: Scores | None
    baseline: Scores | None
    curve: list[tuple[int, float]] = field(default_factory=list)
    tuned: Tuned | None = None
    triggers: TriggerScores | None = None
    """the trigger output's held-out scores per event type (None: the layer has no events)"""

    def lines(self) -> list[str]:
        """The per-label table the CLI prints (then the event types', when the layer has
        events)."""
        out = [
            f"layer {self.layer}: {self.model.manifest['documents']} documents, "
            f"{self.model.manifest['mentions']} mentions, labels {', '.join(self.model.labels)}"
        ]
        types = event_types(self.model)
        if types:
            out[0] += f", event types {', '.join(types)}"
        if self.scores is None or self.baseline is None:
            out.append("no held-out documents (eval split 0 or one document): no scores")
            return out
        out.append(
            f"held out {len(self.eval_documents)} of "
            f"{len(self.eval_documents) + len(self.train_documents)} documents: "
            + ", ".join(self.eval_documents)
        )
        out.append(f"{'label':<12}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
        for label, row in sorted(self.scores.per_label.items()):
            out.append(_row(label, row))
        out.append(_row("micro", self.scores.micro))
        out.append(_row("baseline", self.baseline.micro) + "  (memorised training mentions)")
        if self.curve:
            points = ", ".join(f"{n}: {f1:.3f}" for n, f1 in self.curve)
            out.append(f"learning curve (documents: micro F1): {points}")
        if self.tuned is not None and self.tuned.table:
            chosen = self.tuned.params
            out.append(
                f"bias against O {chosen['o_bias']:g}, names spread in their document: "
                f"{'yes' if chosen['propagate'] else 'no'}, chosen by cross-validation inside "
                f"the training documents (best of {len(self.tuned.table)} settings, "
                f"F1 {max(f1 for _, f1 in self.tuned.table):.3f})"
            )
        return out + trigger_lines(self.triggers)

    def report_html(self) -> str:
        from annotator.learn.report import html_report

        return html_report(self)


def event_types(model: Model) -> list[str]:
    """The event types ``model`` suggests triggers of."""
    return sorted({t for found in model.triggers.types.values() for t in found})


def trigger_lines(triggers: TriggerScores | None) -> list[str]:
    """The CLI's lines for the trigger output's held-out scores: none when the layer has no
    events; when it has too few for a score, why, instead of zeros."""
    if triggers is None:
        return []
    if triggers.too_few:
        return [too_few_triggers(triggers)]
    rows = sorted(triggers.scores.per_label.items())
    overall = str(Message("all event types"))
    width = max(12, len(overall) + 2, *(len(label) + 2 for label, _ in rows))
    return [
        Message(
            "event triggers, scored apart from the labels above on the same held-out "
            "documents ({n} held out, exact spans, per event type):",
            n=triggers.held_out,
        ),
        f"{'event type':<{width}}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}",
        *(_row(label, row, width) for label, row in rows),
        _row(overall, triggers.scores.micro, width),
    ]


def too_few_triggers(triggers: TriggerScores) -> Message:
    """Why the layer's events gave no held-out trigger score."""
    if triggers.held_out == 0:
        return Message(
            "event triggers: {events} in the layer, none in the held-out documents: too few "
            "for a held-out score",
            events=triggers.events,
        )
    if triggers.trained_on == 0:
        return Message(
            "event triggers: {events} in the layer, none in the documents trained on: too "
            "few for a held-out score",
            events=triggers.events,
        )
    return Message(
        "event triggers: {events} in the layer; none could be scored on the held-out documents",
        events=triggers.events,
    )


def _row(label: str, row: dict[str, float], width: int = 12) -> str:
    return (
        f"{label:<{width}}{row.get('precision', 0):>10.3f}{row.get('recall', 0):>8.3f}"
        f"{row.get('f1', 0):>8.3f}{int(row.get('support', 0)):>9}"
    )


def predictor(model: Model, o_bias: float | None = None) -> Any:
    def predict(ex: Example) -> list[Mention]:
        sugs, _ = model.predict(ex.doc_id, ex.text, ex.meta, o_bias)
        entity = set(model.labels)
        return [(s.start, s.end, s.label) for s in sugs if s.label in entity]

    return predict


def trigger_predictor(model: Model) -> Predictor:
    """``model``'s trigger output on a document as mentions (``TriggerLexicon.mentions``: on
    each word the event type it scores highest), what ``score_triggers`` measures."""

    def predict(ex: Example) -> list[Mention]:
        return model.triggers.mentions(segment(ex.text, ex.meta))

    return predict


O_BIASES = (0.0, 0.5, 1.0, 2.0, 3.0, 4.0)
"""the decoding biases against O that ``tune`` tries"""
TUNE_FOLDS = 2
"""two groups of training documents: the inner fits cost about one fit on all of them"""
GRID: tuple[dict[str, Any], ...] = ({}, {"c1": 0.2, "c2": 0.02}, {"c1": 0.02, "c2": 0.2})
"""the regularisation settings ``tune`` tries (L1 and L2 weights; ``{}``: ``PARAMS``' own)"""
TUNE_WORDS = 25_000
"""``tune`` fits on training documents holding at most about this many words (whole documents
spread over the list): trying the grid costs about one fit of this size per entry, whatever
the size of the layer"""


def tuning_sample(examples: Sequence[Example], words: int = TUNE_WORDS) -> list[Example]:
    """``examples`` when they hold at most ``words`` words; else every k-th of them, with k the
    smallest step that brings them under ``words`` (the list's spread kept)."""
    total = sum(len(ex.text.split()) for ex in examples)
    k = 1
    while total and sum(len(ex.text.split()) for ex in examples[::k]) > words:
        k += 1
    return list(examples[::k])


@dataclass(frozen=True)
class Tuned:
    """What ``tune`` chose, and the inner cross-validation F1 of every candidate."""

    params: dict[str, Any]
    table: list[tuple[dict[str, Any], float]]


def tune(
    examples: Sequence[Example],
    *,
    gazetteer: Collection[str] = frozenset(),
    params: dict[str, Any] | None = None,
    grid: Sequence[dict[str, Any]] = GRID,
    biases: Sequence[float] = O_BIASES,
    propagate: Sequence[bool] = (False, True),
    folds: int = TUNE_FOLDS,
    clusters: Clusters | None = None,
    frequencies: Frequencies | None = None,
    progress: StepCallback = no_progress,
) -> Tuned:
    """The settings (each of ``grid`` over ``params``, with each decoding bias against O of
    ``biases`` and each choice of ``propagate``) whose models score best, by exact-span
    micro F1, on training documents they did not see: the ``examples`` dealt into ``folds``
    groups of whole documents, each group scored by a model fitted on the others (cross-
    validation inside the training documents only; nothing held out for evaluation is read).
    Ties go to the smaller bias, no propagation, then the earlier grid entry. Fewer than two
    documents: ``params`` as they are. A big layer is tuned on a sample of its documents
    (``tuning_sample``)."""
    base = dict(params or {})
    if base.get("algorithm", PARAMS["algorithm"]) != "lbfgs":
        grid = ({},)  # c1 and c2 are L-BFGS's
    examples = tuning_sample(examples)
    k = min(folds, len(examples))
    if k < 2:
        return Tuned(base, [])
    groups = [[ex for n, ex in enumerate(examples) if n % k == f] for f in range(k)]
    table: list[tuple[dict[str, Any], float]] = []
    for g, extra in enumerate(grid):
        options = [(b, p) for p in propagate for b in biases]
        predictions: list[dict[int, list[Mention]]] = [{} for _ in options]
        for f, held in enumerate(groups):
            rest = [ex for h, group in enumerate(groups) if h != f for ex in group]
            if not any(ex.entities for ex in rest):
                continue
            step = (g * k + f, len(grid) * k)

            def report(phase: str, done: int, total: int, step: tuple[int, int] = step) -> object:
                return progress(f"choosing settings {step[0] + 1}/{step[1]}: {phase}", done, total)

            model = Model.fit(
                rest,
                gazetteer=gazetteer,
                params={**base, **extra},
                progress=report,
                clusters=clusters,
                frequencies=frequencies,
            )
            entity = set(model.labels)
            for ex in held:
                each = model.predict_each(ex.doc_id, ex.text, ex.meta, options)
                for found, (sugs, _) in zip(predictions, each, strict=True):
                    found[ex.doc_id] = [
                        (s.start, s.end, s.label) for s in sugs if s.label in entity
                    ]
        for (b, spread), found in zip(options, predictions, strict=True):
            f1 = exact_f1(examples, found)
            table.append(({**extra, "o_bias": b, "propagate": spread}, f1))

    def rank(n: int) -> tuple[float, float, bool, int]:
        return table[n][1], -table[n][0]["o_bias"], not table[n][0]["propagate"], -n

    best = max(range(len(table)), key=rank)
    return Tuned({**base, **table[best][0]}, table)


def curve_sizes(n: int, points: int = CURVE_POINTS) -> list[int]:
    """Training-set sizes for the learning curve: up to ``points`` sizes from 1 to ``n``."""
    if n <= points:
        return list(range(1, n + 1))
    sizes = {max(1, round(n * (k + 1) / points)) for k in range(points)}
    return sorted(sizes)


def train(
    project: Project,
    annotator: str = "gold",
    status: Status | str | None = None,
    eval_split: float = 0.2,
    seed: int | str = 1,
    *,
    gazetteer: Collection[str] = frozenset(),
    curve: bool = True,
    params: dict[str, Any] | None = None,
    progress: StepCallback = no_progress,
    isolated: bool = False,
    tuning: bool = True,
) -> TrainingResult:
    """Train a model on ``annotator``'s layer (only documents with ``status`` if given).

    ``progress(phase, done, total)`` is called throughout; a False return cancels (Cancelled).
    Raises NotEnoughData when the layer holds fewer than ``MIN_MENTIONS`` entity mentions,
    or when the documents left after holding out ``eval_split`` do (before any tuning).
    ``isolated``: everything after reading the layer (every fit, the scoring, the learning
    curve) runs in one child process (``isolated.train_isolated``), so a GUI running this on
    a worker thread keeps its frames: crfsuite holds the GIL for a whole iteration, and even
    importing the scorer (seqeval, sklearn) held it for over 100 ms. ``tuning``: the
    decoding bias against O is chosen by cross-validation over the training documents
    (``tune``); without it, ``params``' (0 by default).
    """
    read = read_layer(project, annotator, status)
    settings: dict[str, Any] = {
        "texts": read.texts,
        "tuning": tuning,
        "annotator": annotator,
        "eval_split": eval_split,
        "seed": seed,
        "gazetteer": frozenset(gazetteer),
        "curve": curve,
        "params": params,
        "read_at": read.read_at,
    }
    examples = read.examples
    if isolated:
        from annotator.learn.isolated import train_isolated

        return train_isolated(examples, settings, progress)
    return train_examples(examples, progress=progress, **settings)


def train_examples(
    examples: Sequence[Example],
    annotator: str = "gold",
    eval_split: float = 0.2,
    seed: int | str = 1,
    *,
    gazetteer: Collection[str] = frozenset(),
    curve: bool = True,
    params: dict[str, Any] | None = None,
    progress: StepCallback = no_progress,
    read_at: str | None = None,
    texts: Sequence[Text] = (),
    tuning: bool = True,
) -> TrainingResult:
    """``train`` on examples already read: held-out scores, learning curve, final model.

    ``texts``: the project's unlabelled documents; the word clusters are learnt once from
    them and the examples. With ``tuning`` the settings are chosen by ``tune`` on the
    training documents (the held-out ones are never read for it) and kept for the curve and
    the final model."""
    examples = list(examples)
    check_enough(examples, annotator)
    train_idx, test_idx = held_out(examples, eval_split, seed)
    train_ex = [examples[i] for i in train_idx]
    test_ex = [examples[i] for i in test_idx]
    if test_ex:  # before any tuning: the part left to train on must be enough too
        check_training_part(examples, train_ex, annotator, eval_split)
    scores = baseline = None
    triggers: TriggerScores | None = None
    points: list[tuple[int, float]] = []

    def stage(name: str) -> StepCallback:
        def report(phase: str, done: int, total: int) -> object:
            return progress(f"{name}: {phase}", done, total)

        return report

    clusters, frequencies = project_text(examples, texts, params)
    tuned = None
    if tuning:
        tuned = tune(
            train_ex,
            gazetteer=gazetteer,
            params=params,
            clusters=clusters,
            frequencies=frequencies,
            progress=stage("settings"),
        )
        params = tuned.params

    def fit(part: Sequence[Example], **kwargs: Any) -> Model:
        return Model.fit(part, clusters=clusters, frequencies=frequencies, **kwargs)

    if test_ex:
        sizes = curve_sizes(len(train_ex)) if curve else [len(train_ex)]
        for n in sizes:
            part = train_ex[:n]
            if sum(len(ex.entities) for ex in part) < 1:
                continue
            what = f"held-out model {n}/{len(train_ex)} documents"
            m = fit(part, layer=annotator, gazetteer=gazetteer, params=params, progress=stage(what))
            s = score(test_ex, predictor(m))
            points.append((n, s.f1))
            if n == len(train_ex):
                scores = s
                # the same model's trigger output, on the same held-out documents
                triggers = score_triggers(train_ex, test_ex, trigger_predictor(m))
        baseline = score(test_ex, Memorise(train_ex))
        if progress("scoring", 1, 1) is False:
            raise Cancelled("training cancelled; no model was made")
    if triggers is None:  # nothing held out: the counts only (None when there are no events)
        triggers = score_triggers(train_ex, test_ex, None)
    final = fit(
        examples,
        layer=annotator,
        gazetteer=gazetteer,
        params=params,
        progress=stage("final model"),
    )
    if read_at is not None:
        final.manifest["trained"] = read_at
    final.manifest["scores"] = {
        "eval_split": eval_split,
        "seed": str(seed),
        "eval_documents": [ex.name for ex in test_ex],
        "model": scores.to_json() if scores else {},
        "baseline": baseline.to_json() if baseline else {},
        "curve": [[n, f1] for n, f1 in points],
    }
    if triggers is not None:  # apart from "model": the entity labels' micro F1 is theirs only
        final.manifest["scores"]["triggers"] = triggers.to_json()
    return TrainingResult(
        final,
        annotator,
        [ex.name for ex in train_ex],
        [ex.name for ex in test_ex],
        scores,
        baseline,
        points,
        tuned,
        triggers,
    )


def learnt(
    train: Sequence[Example],
    texts: Sequence[Text] = (),
    *,
    gazetteer: Collection[str] = frozenset(),
    params: dict[str, Any] | None = None,
    tuning: bool = True,
) -> Any:
    """The model ``train_examples`` makes, as an ``evaluate.Method``: clusters from the
    examples and ``texts``, settings chosen by ``tune`` on ``train`` only, then one fit; its
    predictor."""
    clusters, frequencies = project_text(train, texts, params)
    if tuning:
        params = tune(
            train, gazetteer=gazetteer, params=params, clusters=clusters, frequencies=frequencies
        ).params
    model = Model.fit(
        train, gazetteer=gazetteer, params=params, clusters=clusters, frequencies=frequencies
    )
    return predictor(model)


def project_text(
    examples: Sequence[Example], texts: Sequence[Text], params: dict[str, Any] | None
) -> tuple[Clusters, Frequencies | None]:
    """What the project's text (the examples' and ``texts``, labelled or not) gives the
    features, learnt once for every fit: the word clusters (with ``params["clusters"]``) and
    the document frequencies (with ``params["documents"]``)."""
    settings = {**PARAMS, **(params or {})}
    if not settings["clusters"] and not settings["documents"]:
        return {}, None
    segs = unlabelled_text(examples, texts)
    clusters = learn_clusters(segs) if settings["clusters"] else {}
    return clusters, learn_frequencies(segs) if settings["documents"] else None
