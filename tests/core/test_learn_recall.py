"""The model's recall-oriented parts (issue 14): decoding with a bias against O over the CRF's
marginals, the bias chosen by cross-validation inside the training documents, word clusters
learnt from the project's own text and kept in the manifest as checked plain data, and the
leave-one-document-out comparison (docs/design/model.md)."""

from __future__ import annotations

import json
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.learn import Model, ModelError, layer_examples
from annotator.learn import crf as crf_module
from annotator.learn.clusters import SIZES, check, learn
from annotator.learn.corpus import entities_of
from annotator.learn.crf import decode
from annotator.learn.evaluate import (
    leave_one_out,
    memorisation,
    merged_subclasses,
    plain_crf,
)
from annotator.learn.segment import segment
from annotator.learn.training import O_BIASES, learnt, train_examples, tune
from annotator.project import Project
from tests.core.test_learn import CITIES, FAST, synthetic_document

LABELS = ["B-LOC", "B-PER", "I-LOC", "I-PER", "O"]


def _valid(tags: list[str]) -> bool:
    return all(
        not t.startswith("I-") or (k and tags[k - 1][2:] == t[2:] and tags[k - 1] != "O")
        for k, t in enumerate(tags)
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(0.001, 1.0), min_size=len(LABELS), max_size=len(LABELS)),
        min_size=1,
        max_size=12,
    ),
    st.floats(0, 6),
)
def test_decoding_gives_valid_bio_and_a_bias_against_o_never_removes_names(
    rows: list[list[float]], bias: float
) -> None:
    table = [[v / sum(row) for v in row] for row in rows]
    plain = [LABELS[n] for n in decode(table, LABELS, 0.0)]
    biased = [LABELS[n] for n in decode(table, LABELS, bias)]
    assert _valid(plain) and _valid(biased)
    # lowering O's score can only turn words into parts of names, never the other way
    assert sum(t != "O" for t in biased) >= sum(t != "O" for t in plain)


def _full_table_viterbi(table: list[list[float]], labels: list[str], o_bias: float) -> list[int]:
    """The plain Viterbi over a labels-by-labels table of allowed steps (what ``decode`` did
    before it used the constraint's shape), with numpy's arg-max ties (the lowest index)."""
    import numpy as np

    n = len(labels)
    step = np.zeros((n, n))
    first = np.zeros(n)
    for b, t in enumerate(labels):
        if t.startswith("I-"):
            step[:, b] = [0.0 if p in (t, "B-" + t[2:]) else -np.inf for p in labels]
            first[b] = -np.inf
    score = np.log(np.maximum(np.asarray(table, dtype=float), 1e-12))
    score[:, [k for k, t in enumerate(labels) if t == "O"]] -= o_bias
    best = first + score[0]
    back = []
    for k in range(1, len(score)):
        total = best[:, None] + step
        back.append(total.argmax(axis=0))
        best = total.max(axis=0) + score[k]
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


LABEL_SETS = [LABELS, ["I-LOC", "O", "B-LOC"], ["O", "I-X", "B-Y", "I-Y"], ["B-A", "O"], ["O"]]
"""label sets for the decoding properties: an I- with no B- of its kind, O alone"""


def marginal_tables(labels: list[str], max_words: int = 10) -> st.SearchStrategy[list[list[float]]]:
    """A table of marginals for ``labels``: a row of 1 to ``max_words`` words, each a value
    per label, ties (0, 0.25, 0.5, 1) as likely as any float in [0, 1]."""
    return st.lists(
        st.lists(
            st.sampled_from([0.0, 0.25, 0.5, 1.0]) | st.floats(0.0, 1.0),
            min_size=len(labels),
            max_size=len(labels),
        ),
        min_size=1,
        max_size=max_words,
    )


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(LABEL_SETS).flatmap(
        lambda labels: st.tuples(st.just(labels), marginal_tables(labels))
    ),
    st.sampled_from([0.0, 0.5, 2.0]) | st.floats(0, 6),
)
def test_decoding_is_the_full_table_viterbi_ties_included(
    case: tuple[list[str], list[list[float]]], bias: float
) -> None:
    # equal marginals (ties), zeros, an I- with no B- of its kind: the same path as the
    # labels-by-labels Viterbi, to the index
    labels, table = case
    assert decode(table, labels, bias) == _full_table_viterbi(table, labels, bias)


def test_decoding_without_bias_takes_the_most_probable_valid_tags() -> None:
    table = [[0.1, 0.6, 0.1, 0.1, 0.1], [0.05, 0.05, 0.1, 0.7, 0.1], [0.1, 0.1, 0.1, 0.1, 0.6]]
    assert [LABELS[n] for n in decode(table, LABELS, 0.0)] == ["B-PER", "I-PER", "O"]
    # an I- after O is never taken, however probable
    table = [[0.0, 0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.9, 0.1]]
    assert [LABELS[n] for n in decode(table, LABELS, 0.0)] == ["O", "O"]
    # O at 0.55 against a name at 0.45: the bias turns it into a name
    table = [[0.45, 0.0, 0.0, 0.0, 0.55]]
    assert [LABELS[n] for n in decode(table, LABELS, 0.0)] == ["O"]
    assert [LABELS[n] for n in decode(table, LABELS, 0.5)] == ["B-LOC"]


def _corpus(n: int = 6) -> list[tuple[str, list]]:
    return [synthetic_document(k) for k in range(n)]


LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
PLACES = [a + b + c + "ستان" for a in LETTERS[:5] for b in LETTERS[5:10] for c in LETTERS[10:13]]
"""75 invented place names, always after في or إلى"""
DEEDS = [a + b + c + "وا" for a in LETTERS[13:18] for b in LETTERS[18:23] for c in "بتث"]
"""75 invented verbs, always after قد"""


def _families(seed: int, n: int = 400) -> str:
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        out.append(
            f"{rng.choice(['سافر', 'عاد', 'ذهب'])} الوفد {rng.choice(['في', 'إلى'])} "
            f"{rng.choice(PLACES)} و قد {rng.choice(DEEDS)} هناك ."
        )
    return "\n".join(out)


def test_word_clusters_group_words_of_the_same_contexts_and_are_plain_checked_data() -> None:
    documents = [segment(_families(k)) for k in range(3)]
    clusters = learn(documents)
    assert clusters and check(json.loads(json.dumps(clusters))) == clusters
    # the same documents read in another order make the same clusters
    assert learn(documents[::-1]) == clusters
    assert all(len(ids) == len(SIZES) for ids in clusters.values())
    place = {clusters[w][0] for w in PLACES if w in clusters}
    deed = {clusters[w][0] for w in DEEDS if w in clusters}
    assert place and deed and not place & deed  # the coarse clusters keep the families apart
    # too little text: no clusters rather than noise
    assert learn([segment("كلمة واحدة .")]) == {}
    for bad in ([], {"x": [1]}, {"x": [1, -1]}, {"x": [SIZES[0], 0]}, {"x": ["1", 2]},
                {"x": [True, 2]}, {"x": [1.5, 2]}):  # fmt: skip
        with pytest.raises(ValueError):
            check(bad)


def _with_manifest(data: bytes, change: dict) -> bytes:
    n = struct.unpack_from(">I", data, len(crf_module.MAGIC))[0]
    at = len(crf_module.MAGIC) + 4
    manifest = json.loads(data[at : at + n])
    for key, value in change.items():
        if key == "params":
            manifest["params"] = {**manifest["params"], **value}
        else:
            manifest[key] = value
    head = json.dumps(manifest).encode()
    return crf_module.MAGIC + struct.pack(">I", len(head)) + head + data[at + n :]


@pytest.fixture(scope="module")
def clustered() -> Model:
    from annotator.learn.corpus import Example

    examples = []
    for k in range(6):
        text, spans = synthetic_document(k, n=30)
        examples.append(Example(k + 1, f"doc{k}", str(k), text, {}, tuple(spans)))
    clusters = learn([segment(ex.text) for ex in examples] + [segment(_families(9))])
    return Model.fit(examples, params={**FAST, "o_bias": 1.0}, clusters=clusters)


def test_a_model_carries_its_clusters_and_bias_and_refuses_tampered_ones(clustered: Model) -> None:
    data = clustered.to_bytes()
    back = Model.from_bytes(data)
    assert back.clusters == clustered.clusters and back.clusters
    assert back.o_bias == 1.0
    text = synthetic_document(77)[0]
    assert [(s.start, s.end, s.label) for s in back.predict(1, text)[0]] == [
        (s.start, s.end, s.label) for s in clustered.predict(1, text)[0]
    ]
    word = next(iter(clustered.clusters))
    for change, message in (
        ({"clusters": {word: [SIZES[0] + 5, 0]}}, "clusters"),
        ({"clusters": {word: "7"}}, "clusters"),
        ({"clusters": {word: [1]}}, "clusters"),
        ({"clusters": [[word, 1, 2]]}, "type"),
        ({"params": {"o_bias": -1}}, "o_bias"),
        ({"params": {"o_bias": 1e9}}, "o_bias"),
        ({"params": {"o_bias": "2"}}, "o_bias"),
        ({"params": {"o_bias": True}}, "o_bias"),
        ({"params": {"propagate": 1}}, "propagate"),
    ):
        with pytest.raises(ModelError, match=message):
            Model.from_bytes(_with_manifest(data, change))


def test_the_bias_raises_recall_on_the_same_model(clustered: Model) -> None:
    text = " ".join(synthetic_document(k)[0] for k in range(90, 93))
    plain = clustered.predict(1, text, o_bias=0.0)[0]
    biased = clustered.predict(1, text, o_bias=6.0)[0]
    assert len(biased) >= len(plain)


def test_tuning_reads_only_the_training_documents(synthetic: Project) -> None:
    examples = layer_examples(synthetic)
    seen: list[set[int]] = []
    real_fit = Model.fit

    def spy(part, **kwargs):  # type: ignore[no-untyped-def]
        seen.append({ex.doc_id for ex in part})
        return real_fit(part, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Model, "fit", spy)
        result = train_examples(examples, eval_split=0.2, seed=1, params=FAST, curve=False)
    held = {ex.doc_id for ex in examples if ex.name in result.eval_documents}
    assert held and all(not (ids & held) for ids in seen[:-1])  # all but the final model
    assert seen[-1] == {ex.doc_id for ex in examples}
    chosen = result.model.manifest["params"]["o_bias"]
    assert chosen in O_BIASES


def test_tune_picks_the_best_cross_validated_setting(synthetic: Project) -> None:
    examples = layer_examples(synthetic)
    lbfgs = {**FAST, "algorithm": "lbfgs"}  # the grid is of L-BFGS's regularisation
    tuned = tune(examples[:6], params=lbfgs, biases=(0.0, 2.0), grid=({}, {"c2": 0.5}))
    assert len(tuned.table) == 8  # 2 grid entries x 2 biases x propagation or not
    best = max(f1 for _, f1 in tuned.table)
    chosen = {k: tuned.params.get(k) for k in ("o_bias", "c2", "propagate")}
    assert any(
        f1 == best and all(chosen[k] == s.get(k, FAST.get(k, chosen[k])) for k in s)
        for s, f1 in tuned.table
    )
    assert tune(examples[:1], params=FAST).params == FAST  # one document: nothing to tune on
    # the averaged perceptron (the default) has no c1/c2: the grid is not tried
    averaged = tune(examples[:6], params=FAST, biases=(0.0, 2.0), grid=({}, {"c2": 0.5}))
    assert len(averaged.table) == 4 and "c2" not in averaged.params


def test_leave_one_out_compares_methods_with_sub_classes_merged(synthetic: Project) -> None:
    examples = layer_examples(synthetic)[:4]
    texts = [(ex.text, dict(ex.meta)) for ex in examples]
    comparison = leave_one_out(
        examples,
        {
            "model": lambda tr, tx: learnt(tr, tx, params=FAST),
            "plain CRF": plain_crf,
            "memorisation": memorisation,
        },
        texts,
        curve=[1, 2],
    )
    assert comparison.documents == [ex.name for ex in examples]
    for m in comparison.methods:
        assert len(comparison.f1[m]) == 4 and all(0 <= f <= 1 for f in comparison.f1[m])
        assert [n for n, _ in comparison.curve[m]] == [1, 2, 3]
        assert set(comparison.pooled[m].per_label) <= {"GPE", "PER"}
    assert comparison.mean("model") > 0.5
    lines = "\n".join(comparison.lines())
    assert "mean, sub-classes merged" in lines and "learning curve" in lines
    assert [merged_subclasses(x) for x in ("MIS0", "MIS-2", "MIS", "PER", "7")] == [
        "MIS", "MIS", "MIS", "PER", "7"]  # fmt: skip


def test_plain_crf_names_are_whole_words() -> None:
    from annotator.learn.corpus import Example

    examples = []
    for k in range(4):
        text, spans = synthetic_document(k)
        examples.append(Example(k + 1, f"d{k}", str(k), text, {}, tuple(spans)))
    predict = plain_crf(examples[:3])
    found = predict(examples[3])
    seg = segment(examples[3].text)
    starts = {s for s, _ in seg.tokens}
    assert found and all(s in starts for s, _, _ in found)
    assert entities_of(["B-X", "I-X", "O"]) == [(0, 2, "X")]


def test_propagation_proposes_a_found_name_where_its_words_recur(clustered: Model) -> None:
    text = synthetic_document(91)[0]
    found, _ = clustered.predict(1, text, o_bias=0.0, propagate=False)
    assert found
    name = found[0].text
    # the same words again, in a sentence the model alone would not read as a name
    extra = f"{text}\n{name} {name} .\n"
    plain = {(s.start, s.end) for s in clustered.predict(1, extra, propagate=False)[0]}
    spread = {(s.start, s.end, s.label) for s in clustered.predict(1, extra, propagate=True)[0]}
    at = len(text) + 1
    assert {(at, at + len(name)), (at + len(name) + 1, at + 2 * len(name) + 1)} <= {
        (s, e) for s, e, _ in spread
    }
    assert {(s, e) for s, e, _ in spread} >= plain
    both = clustered.predict_each(1, extra, None, [(0.0, False), (0.0, True)])
    assert {(s.start, s.end) for s in both[0][0]} == plain


def test_the_fast_exact_f1_tuning_uses_agrees_with_seqeval(synthetic: Project) -> None:
    from annotator.learn.evaluate import exact_f1, fixed, score

    examples = layer_examples(synthetic)
    model = Model.fit(examples[:5], params=FAST)
    found = {}
    for ex in examples[5:]:
        sugs, _ = model.predict(ex.doc_id, ex.text, ex.meta, o_bias=1.0, propagate=True)
        found[ex.doc_id] = [(s.start, s.end, s.label) for s in sugs]
    found[examples[5].doc_id] = found[examples[5].doc_id][1:]  # one name missed
    assert exact_f1(examples[5:], found) == pytest.approx(score(examples[5:], fixed(found)).f1)
    assert exact_f1(examples[5:], {}) == 0.0


def test_sub_classes_are_told_apart_by_their_text_then_by_frequency() -> None:
    from annotator.learn.subclasses import Subclasses, merged

    assert [merged(x) for x in ("MIS0", "MIS-2", "MIS", "PER", "2")] == [
        "MIS", "MIS", "MIS", "PER", "2"
    ]  # fmt: skip
    mentions = [("يورو", "MIS0"), ("اليورو", "MIS0"), ("لينكس", "MIS1"), ("ويندوز", "MIS1")]
    mentions += [("غوغل", "MIS1"), ("نظام لينكس", "MIS1"), ("الطاقة الحركية", "MIS0")]
    mentions += [("أحمد", "PER"), ("سامر", "PER1")]
    sub = Subclasses.learn(mentions)
    # MIS1 is the most frequent MIS; يورو was MIS0 (its folded form, article and all)
    assert sub.relabel("MIS0") == sub.relabel("MIS1") == "MIS"
    assert sub.restore("MIS", "يورو") == "MIS0" and sub.restore("MIS", "تويتر") == "MIS1"
    assert sub.restore("MIS", "الطاقة الحركية") == "MIS0"
    assert sub.restore("MIS", "طاقة الوضع") == "MIS1"  # never seen: the most frequent
    assert sub.relabel("PER") == "PER"  # PER and PER1 merge too: two labels behind PER
    assert sub.labels(["MIS", "PER", "LOC"]) == ["LOC", "MIS0", "MIS1", "PER", "PER1"]
    assert Subclasses.from_json(json.loads(json.dumps(sub.to_json()))).to_json() == sub.to_json()
    assert Subclasses.learn([("أحمد", "PER"), ("بغداد", "LOC")]).default == {}
    for bad in ([], {"default": {}}, {"default": {"MIS": 1}, "by_text": {"MIS": {}}},
                {"default": {"MIS": "MIS0"}, "by_text": {}},
                {"default": {}, "by_text": {"MIS": {"x": 2}}}):  # fmt: skip
        with pytest.raises(ValueError):
            Subclasses.from_json(bad)


def test_a_model_learns_sub_classes_as_one_label_and_proposes_the_layers_labels() -> None:
    from annotator.learn.corpus import Example

    first = set(CITIES[:4])
    examples = []
    for k in range(10):
        text, spans = synthetic_document(k, cities=CITIES[:8])
        entities = tuple(
            (s, e, ("GPE1" if text[s:e] in first else "GPE2") if label == "GPE" else label)
            for s, e, label in spans
        )
        examples.append(Example(k, f"doc{k}", str(k), text, {}, entities))
    model = Model.fit(examples, params={**FAST, "subclasses": True})
    assert model.manifest["labels"] == ["GPE", "PER"]  # what the CRF learnt
    assert model.labels == ["GPE1", "GPE2", "PER"]  # what it proposes
    data = model.to_bytes()
    back = Model.from_bytes(data)
    text = f"قال سامر حسن إن الوفد وصل إلى {CITIES[0]} أمس . وصل أحمد علي ب{CITIES[5]} صباح اليوم ."
    found = {(s.text, s.label) for s in back.predict(0, text)[0]}
    assert (CITIES[0], "GPE1") in found and (CITIES[5], "GPE2") in found
    assert {label for _, label in found} <= {"GPE1", "GPE2", "PER"}
    separate = Model.fit(examples, params=FAST)  # the default: the labels as they are
    assert separate.manifest["labels"] == ["GPE1", "GPE2", "PER"]
    assert separate.manifest["subclasses"] == {"default": {}, "by_text": {}}
    for change in (
        {"subclasses": {"default": {"GPE": 1}, "by_text": {"GPE": {}}}},
        {"subclasses": []},
    ):
        with pytest.raises(ModelError, match=r"sub-classes|type"):
            Model.from_bytes(_with_manifest(data, change))


def test_a_big_layer_is_tuned_on_a_sample_of_whole_documents_spread_over_it() -> None:
    from annotator.learn.corpus import Example
    from annotator.learn.training import tuning_sample

    docs = [Example(k, f"d{k}", str(k), " ".join(["كلمة"] * 100)) for k in range(30)]
    assert tuning_sample(docs, words=5000) == docs  # 3,000 words: all of them
    sample = tuning_sample(docs, words=1000)
    assert sample == docs[::3]  # every third: 1,000 words, the first and the last thirds too
    assert sum(len(ex.text.split()) for ex in sample) <= 1000
