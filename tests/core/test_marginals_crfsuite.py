"""A biased prediction's table of marginals computed in numpy from the model's bytes
(``annotator.learn.marginals``), all sentences at once, instead of a crfsuite call per label per
word: the same numbers as crfsuite's, to the bit, and so the same suggestions; and the
decoding of all the sentences at once (``crf.decode_each``) the same as sentence by sentence."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.learn import Model, layer_examples
from annotator.learn.crf import decode, decode_each
from annotator.learn.features import document_features
from annotator.learn.marginals import Weights, marginals
from annotator.learn.segment import segment
from annotator.project import Project
from tests.benchmarks.bench_learn import AQMAR, _plain_words, aqmar_project
from tests.core.test_learn import CITIES, FAST, synthetic_document
from tests.core.test_learn_recall import LABEL_SETS, _full_table_viterbi, marginal_tables

needs_aqmar = pytest.mark.skipif(not AQMAR.is_dir(), reason="the AQMAR sample is not here")


@pytest.fixture(scope="module")
def aqmar_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, list[Any]]:
    """A model of six AQMAR articles (the seventh, Light, held out) and the examples."""
    project = aqmar_project(tmp_path_factory.mktemp("aqmar") / "a.annotator")
    try:
        examples = layer_examples(project)
    finally:
        project.close()
    rest = [ex for ex in examples if ex.name != "Light"]
    return Model.fit(rest), examples


def _crfsuite_tables(model: Model, sentences: list[list[list[str]]]) -> list[np.ndarray]:
    tagger = model._open()
    labels = tagger.labels()
    out = []
    for feats in sentences:
        tagger.set(feats)
        out.append(np.array([[tagger.marginal(t, k) for t in labels] for k in range(len(feats))]))
    return out


def _same_tables(model: Model, text: str) -> None:
    seg = segment(text)
    memo = model.memorised.tags(seg)
    sentences = document_features(seg, model.names, memo, model.clusters, model.frequencies)
    weights = Weights.read(model.crf)
    assert weights is not None
    ours = marginals(weights, sentences)
    theirs = _crfsuite_tables(model, sentences)
    assert len(ours) == len(theirs) == len(seg.sentences)
    for a, b in zip(ours, theirs, strict=True):
        assert a.shape == b.shape
        assert float(np.abs(a - b).max(initial=0.0)) < 1e-9
        # the same bits: each sum in crfsuite's order, the C library's exp
        assert a.tobytes() == b.tobytes()


def test_marginals_are_crfsuites_on_a_synthetic_model(synthetic: Project) -> None:
    model = Model.fit(layer_examples(synthetic), params=FAST)
    text, _ = synthetic_document(7, n=30, cities=CITIES)
    _same_tables(model, text + "\nكلمة\n" + "قال أحمد علي إن " * 40)


@needs_aqmar
def test_marginals_are_crfsuites_on_aqmar(aqmar_model: tuple[Model, list[Any]]) -> None:
    model, examples = aqmar_model
    for ex in examples:  # the held-out article and the six it learnt from
        _same_tables(model, ex.text)
    _same_tables(model, _plain_words(2000))


class _Counting:
    """crfsuite's tagger, counting the marginals asked of it."""

    def __init__(self, tagger: Any) -> None:
        self.tagger = tagger
        self.marginals = 0

    def marginal(self, label: str, k: int) -> float:
        self.marginals += 1
        return float(self.tagger.marginal(label, k))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tagger, name)


def test_a_biased_prediction_asks_crfsuite_for_no_marginal(synthetic: Project) -> None:
    # (before: a marginal per label per word, and one per memorised tag)
    model = Model.from_bytes(Model.fit(layer_examples(synthetic), params=FAST).to_bytes())
    counting = _Counting(model._open())
    model._tagger = counting
    text, _ = synthetic_document(3, n=20, cities=CITIES)
    found, _ = model.predict(1, text, o_bias=2.0, propagate=True)
    assert found
    assert counting.marginals == 0
    # crfsuite's own best tagging still comes from crfsuite, with its marginals
    model.predict(1, text, o_bias=0.0)
    assert counting.marginals > 0


def _suggestions(model: Model, doc_id: int, text: str, meta: Any = None) -> list[Any]:
    out = []
    for bias, spread in ((model.o_bias, model.propagate), (2.0, True), (0.5, False), (0.0, False)):
        found, confidence = model.predict(doc_id, text, meta, o_bias=bias, propagate=spread)
        out.append(([(s.start, s.end, s.label, s.score.hex()) for s in found], confidence.hex()))
    return out


def _through_crfsuite(model: Model, monkeypatch: pytest.MonkeyPatch) -> Model:
    """The same model, its marginals taken from crfsuite (as when ``Weights.read`` refuses)."""
    again = Model.from_bytes(model.to_bytes())
    monkeypatch.setattr(Weights, "read", classmethod(lambda cls, data: None))
    return again


def test_suggestions_are_those_through_crfsuite(
    synthetic: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = Model.fit(layer_examples(synthetic), params=FAST)
    texts = [synthetic_document(k, n=12, cities=CITIES)[0] for k in (20, 21, 22)]
    ours = [_suggestions(model, 1, text) for text in texts]
    old = _through_crfsuite(model, monkeypatch)
    assert [_suggestions(old, 1, text) for text in texts] == ours


@needs_aqmar
def test_suggestions_are_those_through_crfsuite_on_aqmar(
    aqmar_model: tuple[Model, list[Any]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model, examples = aqmar_model
    held = next(ex for ex in examples if ex.name == "Light")
    ours = _suggestions(model, held.doc_id, held.text, held.meta)
    assert any(found for found, _ in ours)
    old = _through_crfsuite(model, monkeypatch)
    assert _suggestions(old, held.doc_id, held.text, held.meta) == ours


def test_no_sentence_and_empty_sentences(synthetic: Project) -> None:
    model = Model.fit(layer_examples(synthetic), params=FAST)
    weights = Weights.read(model.crf)
    assert weights is not None
    assert marginals(weights, []) == []
    empty = marginals(weights, [[], [["w=قال"]], []])
    n = weights.n_labels
    assert [t.shape for t in empty] == [(0, n), (1, n), (0, n)]
    assert float(empty[1].sum()) == pytest.approx(1.0)
    # a word none of whose attributes the model knows: its transitions alone
    assert marginals(weights, [[["never seen"]]])[0].shape == (1, weights.n_labels)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(LABEL_SETS).flatmap(
        lambda labels: st.tuples(
            st.just(labels), st.lists(marginal_tables(labels, max_words=8), max_size=6)
        )
    ),
    st.sampled_from([0.5, 2.0]) | st.floats(0, 6),
)
def test_decoding_every_sentence_at_once_is_decoding_each(
    case: tuple[list[str], list[list[list[float]]]], bias: float
) -> None:
    labels, tables = case
    together = decode_each([np.asarray(t, dtype=float) for t in tables], labels, bias)
    assert together == [decode(t, labels, bias) for t in tables]
    assert together == [_full_table_viterbi(t, labels, bias) for t in tables]


def _string_table(names: list[str], reverse: bool) -> bytes:
    """A CQDB string table as ``marginals._names`` reads it: the header, 256 (empty) hash
    table references, the records (int32 id, uint32 size, the bytes and a NUL), in id order or
    the other way round, and the index of each id's record."""
    from annotator.learn.crfcheck import CQDB_HEADER, CQDB_TABLES

    start = CQDB_HEADER.size + 8 * CQDB_TABLES
    records, offsets = b"", [0] * len(names)
    for i in reversed(range(len(names))) if reverse else range(len(names)):
        key = names[i].encode("utf-8") + b"\0"
        offsets[i] = start + len(records)
        records += struct.pack("<iI", i, len(key)) + key
    index = struct.pack(f"<{len(names)}I", *offsets)
    at = start + len(records)  # the index's offset
    head = CQDB_HEADER.pack(b"CQDB", at + len(index), 0, 0, len(names), at)
    return head + bytes(8 * CQDB_TABLES) + records + index


@pytest.mark.parametrize("reverse", [False, True])
def test_attribute_names_read_in_either_layout(reverse: bool) -> None:
    from annotator.learn.marginals import _names

    names = ["w=قال", "bias", "shape=Xx", "\u00e9", "w=قال2"]
    assert _names(_string_table(names, reverse), 0, len(names)) == names
    assert _names(b"", 0, 0) == []
