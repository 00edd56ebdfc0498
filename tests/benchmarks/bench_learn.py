"""The offline suggestion model (issue 14): training time and prediction time.

Targets the issue sets: training on ~60,000 tokens < 60 s on 2 cores; suggestions for one
2,000-word document < 200 ms. The corpus: the AQMAR sample (7 Wikipedia articles, ~20,000
tokens, imported as a CoNLL file is) three times over (each copy made distinct by a last
line), ~60,000 tokens. Prediction: 2,000 words of the Crusades article as one
plain document (no imported tokens, so the default tokenizer runs too), the median of five
runs, each with the folded-word cache emptied first.

Figures (2026-11-29, 2 cores shared with other jobs): see docs/design/model.md.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from annotator.formats.conll import read_conll
from annotator.importing import import_documents
from annotator.learn import Model, layer_examples
from annotator.learn.segment import fold_word
from annotator.project import Project
from tests.benchmarks.history import Record

AQMAR = Path("/work/shared/data/aqmar-sample")
TRAIN_TARGET_S = 60.0
PREDICT_TARGET_S = 0.2
needs_aqmar = pytest.mark.skipif(not AQMAR.is_dir(), reason="the AQMAR sample is not here")


def aqmar_project(path: Path, copies: int = 1) -> Project:
    """A project holding the AQMAR sample in its gold layer (``copies`` times, each copy's
    documents made distinct by a last line naming the copy, outside the imported tokens)."""
    project = Project.create(path)
    for k in range(copies):
        for f in sorted(AQMAR.glob("*.txt")):
            result = read_conll(f, strict=False)
            if k:
                for doc in result.documents:
                    doc.name = f"{doc.name}-{k}"
                    doc.text += f"\nنسخة {k}"
            import_documents(project, result, annotator="gold", new_labels="add", strict=False)
    return project


def _plain_words(n: int) -> str:
    words = [line.split()[0] for line in (AQMAR / "Crusades.txt").read_text().splitlines() if line]
    return " ".join((words * (n // len(words) + 1))[:n])


@needs_aqmar
def test_training_time_60k_tokens(tmp_path: Path, bench: Record) -> None:
    project = aqmar_project(tmp_path / "a.annotator", copies=3)
    examples = layer_examples(project)
    t0, c0 = time.perf_counter(), time.process_time()
    model = Model.fit(examples)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    tokens = model.manifest["tokens"]
    print(
        f"\ntraining: {len(examples)} documents, {tokens:,} tokens, "
        f"{model.manifest['mentions']:,} mentions: {took:.1f} s wall, {cpu:.1f} s CPU "
        f"(target < {TRAIN_TARGET_S:.0f} s; ratio to target {took / TRAIN_TARGET_S:.2f})"
    )
    bench("learn.train_60k_tokens", took, "s", f"< {TRAIN_TARGET_S:.0f} s")
    assert tokens >= 55_000
    assert took < TRAIN_TARGET_S


@needs_aqmar
def test_prediction_time_2000_words(tmp_path: Path, bench: Record) -> None:
    project = aqmar_project(tmp_path / "a.annotator")
    model = Model.fit(layer_examples(project))
    text = _plain_words(2000)
    model.predict(0, text)  # the tagger opens once per model
    runs, cpus = [], []
    for _ in range(5):
        fold_word.cache_clear()  # cold: every word folded again, as for a new document
        t0, c0 = time.perf_counter(), time.process_time()
        found, _ = model.predict(0, text)
        runs.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    took = statistics.median(runs)
    print(
        f"\nsuggestions for one 2,000-word document: {took * 1000:.0f} ms wall, "
        f"{statistics.median(cpus) * 1000:.0f} ms CPU, {len(found)} "
        f"suggestions (target < {PREDICT_TARGET_S * 1000:.0f} ms; "
        f"ratio to target {took / PREDICT_TARGET_S:.2f})"
    )
    bench("learn.predict_2000_words", took, "s", f"< {PREDICT_TARGET_S * 1000:.0f} ms")
    assert found
    assert took < PREDICT_TARGET_S


def _plain_features(words: list[str], i: int) -> list[str]:
    """The plain feature CRF's features of word ``i``: the word, lowercased and folded,
    prefixes and suffixes 1-3, shape, and the neighbours' words, folded forms and shapes
    (+-2). No proclitic splitting, no memorised mentions."""
    from annotator.learn.features import shape
    from annotator.text import fold

    w = words[i]
    f = ["bias", "w=" + w, "l=" + w.lower(), "f=" + fold(w), "sh=" + shape(w)]
    for k in (1, 2, 3):
        f += [f"p{k}=" + w[:k], f"s{k}=" + w[-k:]]
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(words):
            f += [f"{d}w=" + words[j], f"{d}f=" + fold(words[j]), f"{d}sh=" + shape(words[j])]
        else:
            f.append(f"{d}pad")
    return f


def _conll_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """(word, tag) sentences of an AQMAR file, read directly (no project): the corpus's tag
    noise mended as the importer does (``OO``/``IO`` -> O, ``I--ORG`` -> I-ORG, trailing
    backticks dropped, ``MIS-2`` -> MIS2), orphan I- made B- (IOB2)."""
    import re

    out: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        word, *rest = line.split()
        m = re.match(r"^([BI])-+([A-Z]+)-?(\d*)$", (rest[-1] if rest else "O").strip("`"))
        tag = f"{m.group(1)}-{m.group(2)}{m.group(3)}" if m else "O"
        if tag.startswith("I-") and (not cur or cur[-1][1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        cur.append((word, tag))
    return out


def plain_crf_f1(train: list[Path], test: Path, workdir: Path) -> float:
    """The plain feature CRF (python-crfsuite, L-BFGS, c1 = c2 = 0.1, 100 iterations) on the
    CoNLL tokens and sentences, scored with seqeval (strict IOB2, exact spans)."""
    import pycrfsuite
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    def feats(sent: list[tuple[str, str]]) -> list[list[str]]:
        words = [w for w, _ in sent]
        return [_plain_features(words, i) for i in range(len(words))]

    trainer = pycrfsuite.Trainer(verbose=False)
    for f in train:
        for sent in _conll_sentences(f):
            trainer.append(feats(sent), [t for _, t in sent])
    trainer.set_params({"c1": 0.1, "c2": 0.1, "max_iterations": 100,
                        "feature.possible_transitions": True})  # fmt: skip
    path = workdir / f"plain-{test.stem}.crfsuite"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    sents = _conll_sentences(test)
    gold = [[t for _, t in s] for s in sents]
    pred = [tagger.tag(feats(s)) for s in sents]
    return float(f1_score(gold, pred, mode="strict", scheme=IOB2))


LOO_FLOOR = 0.18
"""mean held-out micro F1 over the seven articles, each held out in turn: measured 0.210"""


@needs_aqmar
def test_quality_each_article_held_out_in_turn(tmp_path: Path, bench: Record) -> None:
    """Split by article (never by sentence): train on six, score the seventh, for each one;
    exact spans, seqeval strict. The model against memorised training mentions."""
    from annotator.learn import Memorise, score
    from annotator.learn.training import predictor

    project = aqmar_project(tmp_path / "a.annotator")
    examples = layer_examples(project)
    rows = []
    models = {}
    t0 = time.perf_counter()
    for k, held in enumerate(examples):
        rest = [ex for i, ex in enumerate(examples) if i != k]
        model = Model.fit(rest)
        models[held.doc_id] = predictor(model)
        files = sorted(AQMAR.glob("*.txt"))
        plain = plain_crf_f1([f for f in files if f.stem != held.name],
                             AQMAR / f"{held.name}.txt", tmp_path)  # fmt: skip
        rows.append((held.name, score([held], models[held.doc_id]).f1,
                     score([held], Memorise(rest)).f1, plain))  # fmt: skip
    took = time.perf_counter() - t0
    pooled = score(examples, lambda ex: models[ex.doc_id](ex))
    mean = statistics.mean(r[1] for r in rows)
    base = statistics.mean(r[2] for r in rows)
    plain_mean = statistics.mean(r[3] for r in rows)
    print(f"\neach AQMAR article held out in turn, trained on the other six "
          f"({took:.0f} s for {len(rows)} models and {len(rows)} plain CRFs):")  # fmt: skip
    for name, f1, b, pf in rows:
        print(f"  {name:<22} model F1 {f1:.3f}   memorisation F1 {b:.3f}   plain CRF F1 {pf:.3f}")
    print(f"  mean                   model F1 {mean:.3f}   memorisation F1 {base:.3f}   "
          f"plain CRF F1 {plain_mean:.3f} (floor {LOO_FLOOR}; ratio {mean / LOO_FLOOR:.2f}; "
          f"the issue's 0.60 target: ratio {mean / 0.60:.2f})")  # fmt: skip
    print("  pooled over the seven held-out articles, per label:")
    for label, r in sorted(pooled.per_label.items()):
        print(f"    {label:<8} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} "
              f"support {int(r['support'])}")  # fmt: skip
    print(f"    micro    P {pooled.micro['precision']:.3f} R {pooled.micro['recall']:.3f} "
          f"F1 {pooled.f1:.3f}")  # fmt: skip
    bench("learn.aqmar_loo_f1", mean, "F1", f">= {LOO_FLOOR}", higher_is_better=True)
    bench("learn.aqmar_loo_baseline_f1", base, "F1", higher_is_better=True)
    bench("learn.aqmar_loo_plain_crf_f1", plain_mean, "F1", higher_is_better=True)
    assert mean >= LOO_FLOOR
    assert mean > base
