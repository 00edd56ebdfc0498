"""The learning code made faster (2026-11-30) makes the same models and refuses the same bytes.

Training: ``Segmented.word_range`` no longer rebuilds the list of word ends on each call, the
general names' ``NameIndex`` is built once per process for the same names (it was built twice
per fit, up to 16 times a training run). Loading: the crfsuite part's structure check reads
its reference lists and string records with numpy instead of one by one, the manifest's JSON
is not walked value by value for its nesting, the gazetteer's index is built on the first
prediction. None of it may change a model: the fingerprints below were recorded with the code
before the change (commit 93c1550) on these layers, and the tampering tests of
``test_learn.py`` pass unchanged. The fingerprints depend on the installed python-crfsuite and
(for the general names) Babel's CLDR data: should an upgrade move them, compare against the
old code on the old and new versions before recording new ones.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from typing import Any

import pytest

from annotator import safejson
from annotator.learn import Model, ModelError, layer_examples
from annotator.learn import crf as crf_module
from annotator.learn import names as names_module
from annotator.learn.clusters import check as check_clusters
from annotator.learn.segment import segment
from annotator.project import Project
from tests.benchmarks.bench_learn import AQMAR, aqmar_project
from tests.core.test_learn import synthetic_document

BEFORE = {
    "synthetic": ("d37146c3e6733c9d", "1881ff145960cab0"),
    "synthetic_no_names": ("0a369b2a21a4cda5", "e649f7d5ec238ea5"),
    "synthetic_gazetteer": ("cd2fa5d2df2d87ee", "e590992775479393"),
    "aqmar3": ("5892bd5d3cd7812a", "d1410c051b616d99"),
}
"""(SHA-256 of the crfsuite part, SHA-256 of the manifest less its date), 16 hex digits each,
as the code before the speed work trained them, recorded again once when the model's
proclitic cuts took the least stem of ``[`` (``annotator.text.MIN_STEM_LETTERS``, three
letters where two were left before: no cut in ``بها``), which changes the ``proc=``
features and the start rule; the second speed work (b71bb28: feature lists, decode, folding)
kept the fingerprints recorded before it (0eaf7f6493e9adb8, 56c475a601107b3a,
6497bf1ebcc37450, b6d964cbec4de5f1 for the crfsuite parts). Recorded again when training
took the mention-replacement copies by default (a70878e, ``PARAMS["augment"]``: the model
changes, as its quality figures do); the marginals worked out from the model's bytes
(d65c3c0) trained and predicted as before (the crfsuite parts were eb9ebdaf9bfc26ec,
0e09306ddf2973c2, 8e9ca636a2ec8478, 6eb5635c6d68bb87; ``augment: False`` still trains
eb9ebdaf9bfc26ec for ``synthetic``)"""


def fingerprint(model: Model) -> tuple[str, str]:
    # (identity: the version rule's marker, 651bd01; nothing a prediction reads)
    manifest = {k: v for k, v in model.manifest.items() if k not in ("trained", "identity")}
    head = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(model.crf).hexdigest()[:16], hashlib.sha256(head).hexdigest()[:16]


def test_the_same_layers_train_the_same_models_as_before_the_speed_work(
    synthetic: Project,
) -> None:
    examples = layer_examples(synthetic)
    assert fingerprint(Model.fit(examples)) == BEFORE["synthetic"]
    assert fingerprint(Model.fit(examples, params={"names": False})) == BEFORE["synthetic_no_names"]
    given = {"باريس": "loc", "أحمد علي": "per"}
    with_given = Model.fit(examples, gazetteer=given, params={"word_dropout": 0.5})
    assert fingerprint(with_given) == BEFORE["synthetic_gazetteer"]
    # the general names again (their index from the cache): the same model as the first
    assert fingerprint(Model.fit(examples)) == BEFORE["synthetic"]
    # without the mention-replacement copies: the crfsuite part recorded before them
    assert fingerprint(Model.fit(examples, params={"augment": False}))[0] == "eb9ebdaf9bfc26ec"


@pytest.mark.skipif(not AQMAR.is_dir(), reason="the AQMAR sample is not here")
def test_three_aqmar_articles_train_the_same_model_as_before(tmp_path: Any) -> None:
    """Real text: word clusters, proclitics, names starting inside words, 3,000+ words a
    document (where ``word_range`` was quadratic)."""
    project = aqmar_project(tmp_path / "a.annotator")
    try:
        examples = [
            ex
            for ex in layer_examples(project)
            if ex.name in ("Raul_Gonzales", "Real_Madrid", "Light")
        ]
        assert len(examples) == 3
        model = Model.fit(examples)
    finally:
        project.close()
    assert fingerprint(model) == BEFORE["aqmar3"]
    back = Model.from_bytes(model.to_bytes())
    text = examples[2].text
    assert _found(back, text) == _found(model, text)


def test_word_range_does_not_rebuild_the_word_ends_on_each_call() -> None:
    """5,000 look-ups in a 20,000-word document: each rebuilt a 20,000-item list before
    (about 3 s here), now a binary search on the one list the document keeps (``_ends``,
    built at the first look-up: the same object after all of them)."""
    words = ["كلمة", "وبالمدينة", "باريس", "."]
    text = " ".join(words[k % 4] for k in range(20_000))
    seg = segment(text)
    n = len(seg.tokens)
    assert n >= 20_000
    ends = seg._ends
    assert ends == [e for _, e in seg.tokens]
    for k in range(5_000):
        i = (k * 7919) % n
        s, e = seg.tokens[i]
        assert seg.word_range(s, e) == (i, i + 1)
    assert seg._ends is ends  # never built again
    assert seg.word_range(seg.tokens[10][0], seg.tokens[12][1]) == (10, 13)
    assert seg.word_range(len(text), len(text) + 1) is None


class _Counted:
    """Counts the ``NameIndex`` objects built while it is on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.built = 0
        original = names_module.NameIndex.__init__

        def counted(index: Any, gazetteer: Any) -> None:
            self.built += 1
            original(index, gazetteer)

        monkeypatch.setattr(names_module.NameIndex, "__init__", counted)


def test_names_are_indexed_once_per_fit_run_and_on_a_loaded_models_first_prediction(
    synthetic: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = layer_examples(synthetic)
    crf_module._index_of.cache_clear()
    counter = _Counted(monkeypatch)
    first = Model.fit(examples, params={"max_iterations": 5})
    second = Model.fit(examples, params={"max_iterations": 5})
    assert counter.built == 1  # before: twice per fit (training data, then the model)
    text = synthetic_document(55)[0]
    first.predict(1, text)
    second.predict(1, text)
    assert counter.built == 1  # a fitted model predicts with the index it trained with
    loaded = Model.from_bytes(first.to_bytes())
    assert counter.built == 1  # loading alone (a check, a summary) builds none
    assert _found(loaded, text) == _found(first, text)
    assert counter.built == 2
    loaded.predict(1, text)
    assert counter.built == 2


def _found(model: Model, text: str) -> tuple[list[tuple[Any, ...]], float]:
    """A model's suggestions for ``text`` (without their random ids) and its confidence."""
    sugs, confidence = model.predict(1, text)
    return [(s.key, s.text, s.score) for s in sugs], confidence


def _model_with(model: Model, change: str) -> bytes:
    """``model``'s bytes with the manifest's text given (``{manifest}`` stands for the
    manifest's JSON less its braces)."""
    text = json.dumps(model.manifest, ensure_ascii=False, sort_keys=True)[1:-1]
    head = change.replace("{manifest}", text).encode()
    return crf_module.MAGIC + struct.pack(">I", len(head)) + head + model.crf


def test_a_hostile_manifest_is_refused_as_safejson_words_it_without_a_walk_of_a_good_one(
    synthetic: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifest is read with safejson's rules, not walked value by value for its nesting
    (0.1 s a load); whatever it refuses is worded as ``safejson.loads`` words it."""
    model = Model.fit(layer_examples(synthetic), params={"max_iterations": 5})
    deep = "[" * 70 + "]" * 70
    cases = [
        '{"x": ' + deep + ", {manifest}}",
        '{"x": ' + "[" * 63 + "1" + "]" * 63 + ", {manifest}}",  # 65 levels with the 1
        '{"x": ' + "[" * 64 + "]" * 64 + ', "y": "\\ud800", {manifest}}',  # deep, then bad text
        '{"x": "\\u0000", {manifest}}',
        '{"x": 1, "x": 2, {manifest}}',
        '{"x": NaN, {manifest}}',
        '{"x": 1e999, {manifest}}',
        '{"x": [1, 2, {manifest}}',
        "[" * 5000 + "]" * 5000,
    ]
    for case in cases:
        bytes_ = _model_with(model, case)
        n = struct.unpack_from(">I", bytes_, len(crf_module.MAGIC))[0]
        text = bytes_[len(crf_module.MAGIC) + 4 :][:n].decode()
        with pytest.raises(safejson.UnsafeJSON) as expected:
            safejson.loads(text)
        with pytest.raises(ModelError) as refused:
            Model.from_bytes(bytes_)
        assert str(refused.value) == f"model manifest is not valid JSON: {expected.value}"
    # nesting within the limit is read (64 levels: the 1 is the 64th)
    fine = _model_with(model, '{"x": ' + "[" * 62 + "1" + "]" * 62 + ", {manifest}}")
    assert Model.from_bytes(fine).manifest["x"]
    # a good manifest of many lists (as a real model's clusters are): no walk of every value
    walked: list[int] = []
    depth = safejson._depth
    monkeypatch.setattr(safejson, "_depth", lambda v, limit: walked.append(1) or depth(v, limit))
    many = json.dumps([[k, [k]] for k in range(100)])
    assert Model.from_bytes(_model_with(model, '{"x": ' + many + ", {manifest}}")).manifest["x"]
    assert not walked


def test_word_clusters_are_refused_as_before() -> None:
    good = {"a": [0, 127], "b": [31, 0]}
    assert check_clusters(good) is good
    assert check_clusters({}) == {}
    for bad, word in (
        ({"a": [0, 1], "b": [32, 0]}, "b"),
        ({"a": [0, 128]}, "a"),
        ({"a": [-1, 0]}, "a"),
        ({"a": [True, 0]}, "a"),
        ({"a": [0.0, 0]}, "a"),
        ({"a": [0, 1, 2], "b": [0]}, "a"),
        ({"a": [0, 1], "b": (0, 1)}, "b"),
        ({"a": [0, 1], 3: [0, 1]}, 3),
        ({"a": [0, math.nan]}, "a"),
    ):
        with pytest.raises(ValueError, match=f"word clusters: {word!r} must map to 2"):
            check_clusters(bad)
