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
def test_training_with_chosen_settings_time_60k_tokens(tmp_path: Path, bench: Record) -> None:
    """What ``train`` adds to one fit: the word clusters and the settings chosen by
    cross-validation inside the training documents (``training.learnt``), on the same
    ~60,000 tokens, against the same target."""
    from annotator.learn.training import learnt

    project = aqmar_project(tmp_path / "a.annotator", copies=3)
    examples = layer_examples(project)
    t0, c0 = time.perf_counter(), time.process_time()
    learnt(examples)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"\ntraining with clusters and chosen settings: {took:.1f} s wall, {cpu:.1f} s CPU "
        f"(target < {TRAIN_TARGET_S:.0f} s; ratio to target {took / TRAIN_TARGET_S:.2f})"
    )
    bench("learn.train_tuned_60k_tokens", took, "s", f"< {TRAIN_TARGET_S:.0f} s")
    assert took < TRAIN_TARGET_S


@needs_aqmar
def test_prediction_time_2000_words(tmp_path: Path, bench: Record) -> None:
    project = aqmar_project(tmp_path / "a.annotator")
    model = Model.fit(layer_examples(project))
    text = _plain_words(2000)
    model.predict(0, text)  # the tagger opens once per model
    # crfsuite's best tagging (bias 0), then the slower path a tuned model may take: every
    # label's marginal at every word, decoding with a bias against O, names spread
    tuned = {"o_bias": 2.0, "propagate": True}
    for name, options in (("", {}), (", bias 2 and names spread", tuned)):
        runs, cpus = [], []
        for _ in range(5):
            fold_word.cache_clear()  # cold: every word folded again, as for a new document
            t0, c0 = time.perf_counter(), time.process_time()
            found, _ = model.predict(0, text, **options)  # type: ignore[arg-type]
            runs.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        took = statistics.median(runs)
        print(
            f"\nsuggestions for one 2,000-word document{name}: {took * 1000:.0f} ms wall, "
            f"{statistics.median(cpus) * 1000:.0f} ms CPU, {len(found)} "
            f"suggestions (target < {PREDICT_TARGET_S * 1000:.0f} ms; "
            f"ratio to target {took / PREDICT_TARGET_S:.2f})"
        )
        key = "learn.predict_2000_words" + ("_biased" if options else "")
        bench(key, took, "s", f"< {PREDICT_TARGET_S * 1000:.0f} ms")
        assert found
        assert took < PREDICT_TARGET_S


@needs_aqmar
def test_suggest_and_store_2000_words(tmp_path: Path, bench: Record) -> None:
    """What an analyst waits for: the stored suggestions of a 2,000-word document, from the
    model's prediction to the suggestions read back (``store_model_suggestions``: the last
    version's pending ones cleared, the new ones checked against the document's annotations
    and stored, read back), against the same < 200 ms."""
    from annotator.commands.suggestions import store_model_suggestions

    project = aqmar_project(tmp_path / "a.annotator")
    model = Model.fit(layer_examples(project))
    doc = project.document(project.add_document(_plain_words(2000), name="new").id)
    store_model_suggestions(project, model, [doc])  # the tagger opens once per model
    runs = []
    for _ in range(5):
        fold_word.cache_clear()
        t0 = time.perf_counter()
        stored = store_model_suggestions(project, model, [doc]).suggestions
        runs.append(time.perf_counter() - t0)
    took = statistics.median(runs)
    print(
        f"\nsuggestions of one 2,000-word document predicted, stored and read back: "
        f"{took * 1000:.0f} ms wall, {len(stored)} suggestions (target < "
        f"{PREDICT_TARGET_S * 1000:.0f} ms; ratio to target {took / PREDICT_TARGET_S:.2f})"
    )
    bench("learn.suggest_and_store_2000_words", took, "s", f"< {PREDICT_TARGET_S * 1000:.0f} ms")
    assert stored
    assert took < PREDICT_TARGET_S


LOO_FLOOR = 0.18
"""mean held-out micro F1 over the seven articles, each held out in turn: measured 0.210; 0.242
with the general names and the regularisation grid (docs/design/model.md)"""
CURVE = (2, 4)
"""learning-curve sizes (training articles) besides all six"""


@needs_aqmar
@pytest.mark.timeout(1800)  # ~24 CRF fits per held-out article: over 300 s on a loaded machine
def test_quality_each_article_held_out_in_turn(tmp_path: Path, bench: Record) -> None:
    """Split by article (never by sentence): train on six, score the seventh, for each one;
    exact spans, seqeval strict (``annotator.learn.evaluate.leave_one_out``). The model (its
    settings chosen by cross-validation inside the six training articles, its word clusters
    learnt from the project's text, the held-out article's included as unlabelled text, as in
    a project) against the plain feature CRF and memorised training mentions; raw labels,
    and as a second figure with the MIS sub-classes merged; per label and the curve."""
    from annotator.learn.evaluate import leave_one_out, memorisation, plain_crf
    from annotator.learn.training import learnt

    project = aqmar_project(tmp_path / "a.annotator")
    examples = layer_examples(project)
    texts = [(d.text, dict(d.meta)) for d in project.iter_documents()]
    t0 = time.perf_counter()
    comparison = leave_one_out(
        examples,
        {"model": learnt, "plain CRF": plain_crf, "memorisation": memorisation},
        texts,
        curve=CURVE,
    )
    took = time.perf_counter() - t0
    mean = comparison.mean("model")
    base = comparison.mean("memorisation")
    plain_mean = comparison.mean("plain CRF")
    print(f"\nAQMAR, each article held out in turn ({took:.0f} s):")
    print("\n".join(comparison.lines()))
    print(f"model mean F1 {mean:.3f} (floor {LOO_FLOOR}; ratio {mean / LOO_FLOOR:.2f}; "
          f"the issue's 0.60 target: ratio {mean / 0.60:.2f})")  # fmt: skip
    bench("learn.aqmar_loo_f1", mean, "F1", f">= {LOO_FLOOR}", higher_is_better=True)
    bench("learn.aqmar_loo_baseline_f1", base, "F1", higher_is_better=True)
    bench("learn.aqmar_loo_plain_crf_f1", plain_mean, "F1", higher_is_better=True)
    bench("learn.aqmar_loo_f1_mis_merged", comparison.mean("model", True), "F1",
          higher_is_better=True)  # fmt: skip
    assert mean >= LOO_FLOOR
    assert mean > base
