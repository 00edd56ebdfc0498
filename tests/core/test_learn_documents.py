"""The model's document features (issue 14, ``annotator/learn/documents.py``): a stem's document
frequency in the project, its count in its own document, its written forms there and the first
sentence; kept in the manifest as checked plain data (docs/design/model.md)."""

from __future__ import annotations

import json
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.learn import Model, ModelError
from annotator.learn import crf as crf_module
from annotator.learn.corpus import Example
from annotator.learn.documents import Frequencies, count_bucket, in_document, learn
from annotator.learn.features import FEATURE_VERSION, document_features, stem_of
from annotator.learn.segment import fold_word, segment
from tests.core.test_learn import FAST, synthetic_document

COMMON = "قال الوزير إن الوفد وصل أمس ."


def _docs(*texts: str) -> list:
    return [segment(t) for t in texts]


def test_document_frequency_counts_documents_not_occurrences() -> None:
    freq = learn(_docs("مدريد مدريد ومدريد " + COMMON, COMMON, "برشلونة " + COMMON))
    assert freq.documents == 3
    assert freq.stems[stem_of(fold_word("الوزير"))] == 3
    # in one document only, however often: not listed, counted as one
    assert stem_of(fold_word("مدريد")) not in freq.stems
    assert freq.bucket("مدريد") == "1" and freq.bucket("وزير") == "most"


@settings(max_examples=50, deadline=None)
@given(st.permutations(["مدريد هنا .", COMMON, "برشلونة هناك " + COMMON, "هنا هناك ."]))
def test_document_frequencies_do_not_depend_on_reading_order(order: list[str]) -> None:
    assert learn(_docs(*order)) == learn(_docs("مدريد هنا .", COMMON, "برشلونة هناك " + COMMON,
                                               "هنا هناك ."))  # fmt: skip


@given(st.integers(1, 10_000), st.integers(0, 10_000))
def test_buckets_order_by_share_of_documents(documents: int, n: int) -> None:
    order = ["1", "rare", "some", "half", "most"]
    freq = Frequencies(documents, {"a": min(max(n, 2), documents), "b": documents})
    if documents < 3:
        assert freq.bucket("a") == "" and freq.bucket("b") == ""
        return
    a, b = order.index(freq.bucket("a")), order.index(freq.bucket("b"))
    assert a <= b and freq.bucket("b") == "most" and freq.bucket("unseen") == "1"


def test_count_classes() -> None:
    assert [count_bucket(n) for n in (1, 2, 3, 4, 9, 10, 500)] == [
        "1", "2-3", "2-3", "4-9", "4-9", "10+", "10+",
    ]  # fmt: skip


def test_in_document_facts_forms_and_first_sentence() -> None:
    text = "ريال مدريد فريق .\nلعب راؤول في مدريد وبمدريد .\nفاز فريق راؤول ."
    seg = segment(text)
    words = [text[s:e] for s, e in seg.tokens]
    folded = [fold_word(w) for w in words]
    stems = [stem_of(f) for f in folded]
    facts = in_document(seg, folded, stems, [w != "." for w in words])
    at = {w: k for k, w in enumerate(words)}
    assert facts.varied[at["وبمدريد"]] and facts.varied[at["مدريد"]]  # مدريد, وبمدريد
    assert not facts.varied[at["راؤول"]]  # one written form
    assert facts.lead[at["وبمدريد"]] and facts.lead[at["فريق"]]  # stems of the first sentence
    assert not facts.lead[at["راؤول"]]
    assert facts.counts[at["راؤول"]] == "2-3" and facts.counts[at["لعب"]] == "1"
    assert facts.counts[at["."]] == "" and not facts.lead[at["."]]  # not a word


def test_features_carry_document_facts_only_when_asked() -> None:
    text = "راؤول لاعب .\nسجل راؤول هدفا ."
    seg = segment(text)
    stem = {w: stem_of(fold_word(w)) for w in ("لاعب", "سجل")}
    freq = Frequencies(5, {stem["لاعب"]: 4, stem["سجل"]: 2})
    with_doc = [f for sent in document_features(seg, frequencies=freq) for f in sent]
    first = with_doc[0]
    assert {"dc=2-3", "df=1", "df|dc=1|2-3", "lead"} <= set(first)
    assert "1:df|dc=most|1" in first and "-1:df|dc=1|2-3" in with_doc[1]  # the neighbours'
    assert not any(k.startswith("-1:df") for k in with_doc[3])  # a sentence's first word
    assert "df=half" in with_doc[3] and "df=most" in with_doc[1]  # in 2 and 4 of 5 documents
    assert not any(k.startswith(("dc=", "df")) for k in with_doc[2])  # "." is not a word
    without = [f for sent in document_features(seg) for f in sent]
    assert not any(k.startswith(("dc=", "df", "lead", "varied")) for f in without for k in f)


def test_frequencies_from_json_refuse_bad_data() -> None:
    good = Frequencies(4, {"a": 2, "b": 4})
    assert Frequencies.from_json(json.loads(json.dumps(good.to_json()))) == good
    for bad in (
        [],
        {"documents": 4},
        {"documents": "4", "stems": {}},
        {"documents": -1, "stems": {}},
        {"documents": 4, "stems": []},
        {"documents": 4, "stems": {"a": 5}},
        {"documents": 4, "stems": {"a": 1}},
        {"documents": 4, "stems": {"a": True}},
        {"documents": 4, "stems": {"a": 2.0}},
        {"documents": 4, "stems": {"a": 2}, "x": 1},
    ):
        with pytest.raises(ValueError):
            Frequencies.from_json(bad)


def _with_manifest(data: bytes, change: dict) -> bytes:
    n = struct.unpack_from(">I", data, len(crf_module.MAGIC))[0]
    at = len(crf_module.MAGIC) + 4
    manifest = {**json.loads(data[at : at + n]), **change}
    head = json.dumps(manifest).encode()
    return crf_module.MAGIC + struct.pack(">I", len(head)) + head + data[at + n :]


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    out = []
    for k in range(6):
        text, spans = synthetic_document(k, n=20)
        out.append(Example(k + 1, f"doc{k}", str(k), text, {}, tuple(spans)))
    return out


def test_a_model_carries_its_frequencies_and_refuses_tampered_or_older_ones(
    examples: list[Example],
) -> None:
    model = Model.fit(examples, params={**FAST, "documents": True}, texts=[(COMMON, {})])
    assert model.manifest["feature_version"] == FEATURE_VERSION
    assert model.frequencies is not None and model.frequencies.documents == 7
    data = model.to_bytes()
    back = Model.from_bytes(data)
    assert back.frequencies == model.frequencies
    text = synthetic_document(77)[0]
    assert [(s.start, s.end, s.label) for s in back.predict(1, text)[0]] == [
        (s.start, s.end, s.label) for s in model.predict(1, text)[0]
    ]
    stem = next(iter(model.frequencies.stems))
    for change, message in (
        ({"frequencies": {"documents": 7, "stems": {stem: 8}}}, "frequencies"),
        ({"frequencies": {"documents": 7}}, "frequencies"),
        ({"frequencies": []}, "type"),
        ({"feature_version": FEATURE_VERSION - 1}, "retrain"),
    ):
        with pytest.raises(ModelError, match=message):
            Model.from_bytes(_with_manifest(data, change))


def test_a_model_without_document_features_reads_none(examples: list[Example]) -> None:
    model = Model.fit(examples, params=FAST)  # off by default (docs/design/model.md)
    assert model.frequencies is None
    assert model.manifest["frequencies"] == {"documents": 0, "stems": {}}
    back = Model.from_bytes(model.to_bytes())
    assert back.frequencies is None and back.predict(1, synthetic_document(5)[0])[0]


def test_training_learns_the_frequencies_once_from_all_the_project_text(
    examples: list[Example],
) -> None:
    """Every fit of ``train_examples`` (the inner cross-validation's, the held-out model's, the
    final one) reads the same frequencies, counted over the labelled and unlabelled text."""
    from annotator.learn.training import train_examples

    seen: list[Frequencies | None] = []
    real_fit = Model.fit

    def spy(part, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.get("frequencies"))
        return real_fit(part, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Model, "fit", spy)
        result = train_examples(
            examples,
            eval_split=0.2,
            seed=1,
            params={**FAST, "documents": True},
            curve=False,
            texts=[(COMMON, {}), ("برشلونة " + COMMON, {})],
        )
    assert len(seen) >= 3 and all(f is not None and f == seen[0] for f in seen)
    assert seen[0] is not None and seen[0].documents == len(examples) + 2
    assert result.model.frequencies == seen[0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["راؤول", "مدريد", "وبمدريد", "الفريق", "لعب", "في", ".", "Real", "2024", "بها", "كان"]
        ),
        min_size=1,
        max_size=25,
    )
)
def test_a_words_features_name_each_feature_once(words: list[str]) -> None:
    # crfsuite reads a word's features as a list of names, each with weight 1: a name listed
    # twice would weigh twice, so every kind of feature (own, neighbours', clusters, memo,
    # names, document facts) must name itself apart
    text = " ".join(words)
    seg = segment(text)
    stems = {stem_of(fold_word(w)) for w in words}
    freq = Frequencies(5, {s: 1 + len(s) % 4 for s in stems})
    clusters = {s: (len(s) % 3, len(s) % 5) for s in stems}
    memo = ["B-PER" if k % 3 == 0 else "O" for k in range(len(seg.tokens))]
    gazetteer = {"مدريد": "loc", "راؤول": "per"}
    for sent in document_features(seg, gazetteer, memo, clusters, freq):
        for feats in sent:
            assert len(feats) == len(set(feats)), feats
