"""Mention replacement (``annotator/learn/augment.py``): the training copies of the sentences
holding names, each name swapped for another of its label; built the same way every time,
used only while the model trains, never kept in the project or the model."""

from __future__ import annotations

import pytest

from annotator.learn import Model, layer_examples
from annotator.learn import crf as crf_module
from annotator.learn.augment import copies, general_places, mentions, replaced
from annotator.learn.corpus import entities_of
from annotator.learn.crf import bio
from annotator.learn.memorise import Memorise
from annotator.learn.segment import Segmented, segment
from annotator.project import Project
from tests.core.test_learn import FAST, synthetic_document

TEXT = "وصل أحمد علي إلى بباريس أمس .\nكان الجو باردا .\nغادر كريم روما إلى لندن .\n"


def _words(text: str, spans: list[tuple[int, int, str]]) -> tuple:
    seg = segment(text, None, [(s, e) for s, e, _ in spans])
    return seg, bio(seg, spans)


def _spans(text: str, *named: tuple[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for phrase, label in named:
        s = text.index(phrase)
        out.append((s, s + len(phrase), label))
    return out


def test_each_name_is_replaced_by_another_of_its_label_in_a_copy_of_its_sentence() -> None:
    spans = _spans(TEXT, ("أحمد علي", "PER"), ("بباريس", "LOC"), ("كريم", "PER"),
                   ("روما", "LOC"), ("لندن", "LOC"))  # fmt: skip
    seg, tags = _words(TEXT, spans)
    pool = mentions([seg], [tags])
    assert pool == {
        "PER": [("أحمد", "علي"), ("كريم",)],
        "LOC": sorted([("بباريس",), ("روما",), ("لندن",)]),
    }
    made = replaced(seg, tags, pool, "key")
    assert made is not None
    copy, copy_tags = made
    words = [[copy.text[copy.tokens[i][0] : copy.tokens[i][1]] for i in s] for s in copy.sentences]
    # the sentence without a name is not copied; the others keep their other words
    assert len(words) == 2
    first, second = words
    assert first[:3] == ["وصل", "كريم", "إلى"] and first[4:] == ["أمس", "."]  # كريم: the other PER
    assert (first[3],) in pool["LOC"] and first[3] != "بباريس"
    assert second[:3] == ["غادر", "أحمد", "علي"] and second[4] == "إلى" and second[6] == "."
    assert (second[3],) in pool["LOC"] and second[3] != "روما"
    assert (second[5],) in pool["LOC"] and second[5] != "لندن"
    # the tags follow the new names' lengths; the copy is text with words where its tags say
    tagged = [[copy_tags[i] for i in s] for s in copy.sentences]
    assert tagged[0] == ["O", "B-PER", "O", "B-LOC", "O", "O"]
    assert tagged[1] == ["O", "B-PER", "I-PER", "B-LOC", "O", "B-LOC", "O"]
    assert entities_of(tagged[1]) == [(1, 3, "PER"), (3, 4, "LOC"), (5, 6, "LOC")]
    assert copy.text == " ".join(" ".join(w) for w in words)
    # the same key, the same copy; the proclitic cuts as segment finds them
    assert replaced(seg, tags, pool, "key") == made
    assert copy.cuts == segment(copy.text).cuts
    # a label with one mention keeps it; no name, no copy
    alone = _spans(TEXT, ("روما", "LOC"))
    seg1, tags1 = _words(TEXT, alone)
    made1 = replaced(seg1, tags1, mentions([seg1], [tags1]), "key")
    assert made1 is not None and made1[0].text == "غادر كريم روما إلى لندن ."
    plain, plain_tags = _words("كان الجو باردا .", [])
    assert replaced(plain, plain_tags, pool, "key") is None


def test_half_the_places_replacements_are_general_places_and_only_theirs() -> None:
    places = general_places()
    assert len(places) > 300 and ("مصر",) in places and ("الولايات", "المتحدة") in places
    assert all("\u0621" <= c <= "\u064a" for p in places for w in p for c in w)
    text = "".join(f"زار الوفد {c} أمس .\n" for c in ["روما", "لندن", "باريس", "مدريد"] * 10)
    for label, general in (("LOC", True), ("loc", True), ("GPE", False)):
        spans = []
        for _ in range(40):
            at = text.index(" أمس", spans[-1][1] + 1 if spans else 0)
            start = text.rindex(" ", 0, at) + 1
            spans.append((start, at, label))
        seg, tags = _words(text, spans)
        pool = mentions([seg], [tags])
        made = replaced(seg, tags, pool, "key", places)
        assert made is not None
        copy, copy_tags = made
        new = [p for _, _, p in _named(copy, copy_tags)]
        assert len(new) == 40
        from_places = sum(p not in pool[label] for p in new)
        assert all(p in pool[label] or p in places for p in new)
        if general:
            assert 10 <= from_places <= 30  # half, at random
        else:
            assert from_places == 0
        assert replaced(seg, tags, pool, "key", places) == made


def _named(seg: Segmented, tags: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    out = []
    for sent in seg.sentences:
        for i, j, _ in entities_of([tags[k] for k in sent]):
            words = tuple(seg.text[seg.tokens[k][0] : seg.tokens[k][1]] for k in sent[i:j])
            out.append((i, j, words))
    return out


def test_the_copies_are_read_by_the_features_of_real_text(synthetic: Project) -> None:
    examples = layer_examples(synthetic)
    segs = [segment(ex.text, ex.meta, [(s, e) for s, e, _ in ex.entities]) for ex in examples]
    tags = [bio(seg, ex.entities) for seg, ex in zip(segs, examples, strict=True)]
    memos = [Memorise(examples[:3])] * len(examples)
    data = copies(examples, segs, tags, memos, None, {})
    again = copies(examples, segs, tags, memos, None, {})
    assert data == again  # deterministic
    real = sum(1 for seg, t in zip(segs, tags, strict=True) for s in seg.sentences
               if any(t[i] != "O" for i in s))  # fmt: skip
    assert len(data) == real
    for feats, ys in data:
        assert len(feats) == len(ys) and all("bias" in f for f in feats)
        # the memorised mentions are matched in the copies as in real text
        assert any(f.startswith("memo=") for f in feats[0])


def test_a_model_trains_on_the_copies_keeps_none_of_them_and_round_trips(
    synthetic: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = layer_examples(synthetic)
    before = [(d.text, d.name) for d in synthetic.iter_documents()]
    spans_before = [len(ex.entities) for ex in layer_examples(synthetic)]
    calls: list[bool] = []
    original = crf_module.training_data

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(bool(kwargs.get("augment")))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crf_module, "training_data", spy)
    model = Model.fit(examples, params=FAST)
    plain = Model.fit(examples, params={**FAST, "augment": False})
    assert calls == [True, False]  # on by default
    real = sum(len(segment(ex.text, ex.meta).sentences) for ex in examples)
    assert plain.manifest["sentences"] == real < model.manifest["sentences"]
    # what the manifest keeps is learnt from the real documents only
    for key in ("memorised", "triggers", "starts", "clusters", "mentions", "documents"):
        assert model.manifest[key] == plain.manifest[key]
    assert model.manifest["params"]["augment"] is True
    # the project holds its documents and names as before
    assert [(d.text, d.name) for d in synthetic.iter_documents()] == before
    assert [len(ex.entities) for ex in layer_examples(synthetic)] == spans_before
    # the model made with the copies saves and loads, and predicts the same
    back = Model.from_bytes(model.to_bytes())
    assert back.manifest == model.manifest and back.crf == model.crf
    text = synthetic_document(55)[0]
    assert [(s.key, s.score) for s in back.predict(1, text)[0]] == [
        (s.key, s.score) for s in model.predict(1, text)[0]
    ]
    # the same layer, the same model
    assert Model.fit(examples, params=FAST).crf == model.crf
