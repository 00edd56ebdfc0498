"""The offline suggestion model (issue 14): segmentation, learning, saving, hostile bytes,
cancel, triggers, external predictions and the training report."""

from __future__ import annotations

import hashlib
import json
import random
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import Cancelled, ImportFormatError
from annotator.learn import (
    Model,
    ModelError,
    NotEnoughData,
    SpacyPipeline,
    SpacyUnavailable,
    active_order,
    layer_examples,
    read_suggestions,
    suggest,
    train,
)
from annotator.learn import crf as crf_module
from annotator.learn.crfcheck import HEADER, BadModel, check_crf1dm
from annotator.learn.features import stem_of
from annotator.learn.segment import proclitic_cuts, segment
from annotator.project import Project

FAST = {"max_iterations": 60}
CONTEXT = {**FAST, "word_dropout": 0.5}
"""the synthetic corpus names only 8 cities: without dropping word features at random the
model trusts the names it memorised and finds no other (see docs/design/model.md)"""

PEOPLE = ["أحمد علي", "سامر حسن", "ليلى محمود", "كريم يوسف", "هدى سليم", "عمر خالد"]
CITIES = ["باريس", "لندن", "بغداد", "دمشق", "روما", "مدريد", "برلين", "عمان", "تونس", "القاهرة"]
TEMPLATES = [
    "قال {p} إن الوفد وصل إلى {c} أمس .",
    "وصل {p} ب{c} صباح اليوم .",
    "اجتمع الوزير {p} مع نظيره في {c} .",
    "غادر {p} مدينة {c} بعد زيارة قصيرة .",
    "وتستعد {c} لاستقبال {p} الأسبوع المقبل .",
    "أعلن {p} من {c} عن خطة جديدة .",
]


def _sentence(rng: random.Random, people: list[str], cities: list[str]) -> tuple[str, list]:
    tpl = rng.choice(TEMPLATES)
    p, c = rng.choice(people), rng.choice(cities)
    text, spans = "", []
    rest = tpl
    while "{" in rest:
        i = rest.index("{")
        text += rest[:i]
        key = rest[i + 1]
        value, label = (p, "PER") if key == "p" else (c, "GPE")
        spans.append((len(text), len(text) + len(value), label))
        text += value
        rest = rest[i + 3 :]
    return text + rest, spans


def synthetic_document(seed: int, n: int = 8, people=PEOPLE, cities=CITIES) -> tuple[str, list]:
    rng = random.Random(seed)
    text, spans = "", []
    for _ in range(n):
        sent, ss = _sentence(rng, people, cities)
        spans += [(s + len(text), e + len(text), lab) for s, e, lab in ss]
        text += sent + "\n"
    return text, spans


def add_synthetic_gold(project: Project, documents: int = 10) -> None:
    """The learning tests' corpus into ``project``: ``documents`` documents of invented people
    and eight cities (``synthetic_document``), named doc0, doc1, ..., their spans in gold."""
    for k in range(documents):
        text, spans = synthetic_document(k, cities=CITIES[:8])
        doc = project.add_document(text, name=f"doc{k}")
        for s, e, label in spans:
            project.add_span(doc.id, s, e, label, "gold")


@pytest.fixture
def model(synthetic: Project) -> Model:
    return Model.fit(layer_examples(synthetic), params=CONTEXT)


# -- segmentation ------------------------------------------------------------------------


def test_proclitics_are_cut_off_words_keeping_two_letters_and_the_article() -> None:
    assert proclitic_cuts("بباريس") == [1]
    assert proclitic_cuts("والحروب") == [1]  # the article stays on its word
    assert proclitic_cuts("وبالمدينة") == [1, 2]
    assert proclitic_cuts("وَباريس") == [2, 3]  # the haraka stays with the proclitic
    assert proclitic_cuts("في") == [] and proclitic_cuts("به") == []
    assert proclitic_cuts("Paris") == [] and proclitic_cuts("123") == []
    assert stem_of("وبالمدينة") == "مدينة" and stem_of("للمدينة") == "مدينة"


def test_words_know_where_a_name_may_start_inside_them(seed_text: str) -> None:
    text = "وصل الوفد بباريس وهولندا ."
    seg = segment(text)
    words = [text[s:e] for s, e in seg.tokens]
    assert words == ["وصل", "الوفد", "بباريس", "وهولندا", "."]  # the export's tokens
    b = text.index("بباريس")
    assert seg.starts(2) == [b, b + 1] and seg.starts(3) == [b + 7, b + 8]
    assert seg.word_range(b + 1, b + 6) == (2, 3)
    # the seed article: باريس in بباريس is a place a name may start
    seg = segment(seed_text)
    inside = {seed_text[p : seg.tokens[i][1]] for i in range(len(seg.tokens)) for p in seg.cuts[i]}
    assert "باريس" in inside


# -- learning ------------------------------------------------------------------------------


def test_the_model_learns_a_label_and_finds_a_name_inside_a_word(model: Model) -> None:
    # an unseen city after the proclitic ب, in a sentence of the training kind
    text = (
        "وصل سامر حسن بطوكيو صباح اليوم .\nقال أحمد علي إن الوفد وصل إلى أثينا أمس .\n"
        "غادر سامر حسن مدينة طوكيو بعد زيارة قصيرة .\n"
    )
    found, confidence = model.predict(99, text)
    spans = {(text[s.start : s.end], s.label) for s in found}
    assert ("طوكيو", "GPE") in spans  # the stem, without its ب (and standing alone)
    assert ("سامر حسن", "PER") in spans and ("أحمد علي", "PER") in spans
    assert all(0 < s.score <= 1 and s.source == model.source for s in found)
    assert 0 < confidence <= 1


def test_held_out_synthetic_document_scores_high(synthetic: Project) -> None:
    from annotator.learn.evaluate import Memorise, score
    from annotator.learn.training import predictor

    examples = layer_examples(synthetic)
    for name, seed, cities in (("seen", 100, CITIES[:8]), ("unseen", 101, CITIES[8:])):
        text, spans = synthetic_document(seed, cities=cities)
        doc = synthetic.add_document(text, name=name)
        for s, e, label in spans:
            synthetic.add_span(doc.id, s, e, label, "gold")
    test = {ex.name: [ex] for ex in layer_examples(synthetic) if ex.name in ("seen", "unseen")}
    m = Model.fit(examples, params=FAST)
    assert score(test["seen"], predictor(m)).f1 == 1.0
    # cities never seen: measured 0.81 with word dropout (القاهرة, with its article, missed)
    m = Model.fit(examples, params=CONTEXT)
    got = score(test["unseen"], predictor(m))
    assert got.f1 >= 0.75 and got.per_label["PER"]["f1"] == 1.0
    assert got.micro["precision"] == 1.0 and got.per_label["GPE"]["recall"] > 0
    # memorising names cannot find a city it never saw
    assert score(test["unseen"], Memorise(examples)).per_label["GPE"]["recall"] == 0


def test_suggest_and_active_learning_order(model: Model, synthetic: Project) -> None:
    sure = synthetic.add_document(synthetic_document(7)[0], name="sure")
    # the same kind of sentences with names the layer never labelled: the model is less sure
    odd_text = synthetic_document(8, people=["فارس نبيل", "رنا جميل"], cities=["أثينا", "فيينا"])[0]
    odd = synthetic.add_document(odd_text, name="odd")
    plain = synthetic.add_document("كتب شاعر قصيدة عن البحر في ليلة صيف .", name="plain")
    got = suggest(model, [sure, odd, plain])
    assert {s.doc_id for s in got.suggestions} == {sure.id, odd.id}
    assert got.confidence[odd.id] < got.confidence[sure.id]
    assert active_order(got.confidence)[0] == odd.id
    high = suggest(model, [sure], min_score=0.99).suggestions
    assert all(s.score >= 0.99 for s in high) and len(high) <= len(got.suggestions)


def test_too_few_examples_say_so(project: Project) -> None:
    doc = project.add_document("زار أحمد باريس .", name="one")
    project.add_span(doc.id, 4, 8, "PER", "gold")
    with pytest.raises(NotEnoughData, match="1 entity mentions in 1 labelled documents"):
        train(project)
    with pytest.raises(NotEnoughData, match="0 entity mentions in 0"):
        train(project, annotator="nobody")
    # the status filter is named: the layer holds a mention, but no document marked done
    with pytest.raises(NotEnoughData, match="0 entity mentions in 0 documents it marked done"):
        train(project, status="done")


def test_progress_is_reported_and_false_cancels(synthetic: Project) -> None:
    seen: list[tuple[str, int, int]] = []

    def watch(phase: str, done: int, total: int) -> None:
        seen.append((phase, done, total))

    Model.fit(layer_examples(synthetic), params=FAST, progress=watch)
    assert ("features", 10, 10) in seen
    assert any(p == "training" and d > 1 for p, d, _ in seen)

    calls: list[int] = []

    def stop(phase: str, done: int, total: int) -> bool:
        calls.append(done)
        return not (phase == "training" and done >= 3)

    with pytest.raises(Cancelled):
        Model.fit(layer_examples(synthetic), params={"max_iterations": 500}, progress=stop)
    assert calls[-1] == 3  # it stopped at once, not after 500 iterations


def test_gazetteer_membership_is_a_feature(synthetic: Project) -> None:
    from annotator.learn.features import document_features

    seg = segment("وصل الوفد إلى بأثينا .")
    feats = document_features(seg, {"اثينا": "name"})[0]
    assert "gaz=B-name" in feats[3] and not any(k.startswith("gaz") for k in feats[2])
    assert "+1:gaz=B-name" in feats[2]
    assert "proc=ب" in feats[3] and "stem=اثينا" in feats[3]
    m = Model.fit(layer_examples(synthetic), params={**FAST, "names": False}, gazetteer={"أثينا"})
    assert Model.from_bytes(m.to_bytes()).gazetteer == {"اثينا": "name"}


def test_gazetteer_phrases_mark_their_words_after_proclitics_and_article() -> None:
    from annotator.learn.names import NameIndex, as_gazetteer
    from annotator.learn.segment import fold_word

    index = NameIndex(
        as_gazetteer({"البوسنة والهرسك": "loc", "الجزائر": "loc", "بالاو": "loc", "جزائر": "x"})
    )
    words = ["زار", "وبالجزائر", "ثم", "البوسنة", "والهرسك", "او", "بالاو", "جزائر", "البوسنة"]
    marks = index.marks([fold_word(w) for w in words])
    # proclitics (و, ب) and the article come off the text's word; a phrase's own letters stay
    # (the entry بالاو does not match the conjunction او); the later entry of a key wins
    assert marks == ["", "B-x", "", "B-loc", "I-loc", "", "B-loc", "B-x", ""]


def test_a_word_read_two_ways_matches_as_written_whatever_the_hash_seed() -> None:
    """بلال is a name and ب + لال: of two phrases of one length, the reading with fewer letters
    taken off wins, in every process (the forms were a set, whose order follows the hash
    seed: models trained on the same layer differed from one run to the next)."""
    import os
    import subprocess
    import sys

    from annotator.learn.names import NameIndex, as_gazetteer, word_forms
    from annotator.learn.segment import fold_word

    assert word_forms(fold_word("وبلال")) == (fold_word("وبلال"), "بلال", "لال")
    index = NameIndex(as_gazetteer({"بلال": "per", "لال": "loc"}))
    assert index.marks([fold_word(w) for w in ("جاء", "بلال", "وبلال")]) == ["", "B-per", "B-per"]
    code = (
        "from annotator.learn.names import NameIndex, as_gazetteer\n"
        "i = NameIndex(as_gazetteer({'بلال': 'per', 'لال': 'loc'}))\n"
        "print(i.marks(['بلال'])[0])"
    )
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "B-per"


def test_the_general_names_come_from_the_installed_cldr_data() -> None:
    from annotator.learn.names import general_names, phrase_key

    names = general_names()
    assert names[phrase_key("فرنسا")] == "loc"  # a territory
    assert names[phrase_key("القاهرة")] == "loc"  # a time zone's city
    assert names[phrase_key("الولايات المتحدة")] == "loc"  # two words, the article off each
    assert names[phrase_key("الألمانية")] == "lang"
    assert phrase_key("عام") not in names  # CLDR's name of the common script: left out
    assert all(k and not any(c.isdigit() for c in k) for k in names)


def test_the_general_names_hold_the_shipped_peoples_names() -> None:
    from annotator.learn.names import general_names, phrase_key, shipped_names

    kinds = dict(shipped_names())
    assert set(kinds) == {"per"} and len(kinds["per"]) > 10_000
    names = general_names()
    assert names[phrase_key("محمد")] == "per"
    assert names[phrase_key("جمال عبد الناصر")] == "per"  # three words
    assert names[phrase_key("فرنسا")] == "loc"  # CLDR's kind comes first
    for word in ("خلال", "الذي", "كانت"):  # common words: left out of the file
        assert phrase_key(word) not in names


def test_a_model_carries_its_general_names_and_needs_no_babel_to_predict(
    synthetic: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.learn import names

    m = Model.fit(layer_examples(synthetic), params=FAST)
    assert m.gazetteer[phrase_key_of("فرنسا")] == "loc"

    def unavailable() -> dict[str, str]:
        raise AssertionError("the general names were read again")

    monkeypatch.setattr(names, "general_names", unavailable)
    monkeypatch.setattr(crf_module, "general_names", unavailable)
    loaded = Model.from_bytes(m.to_bytes())
    assert loaded.gazetteer == m.gazetteer
    found, _ = loaded.predict(0, "وصل الوفد إلى فرنسا .")
    assert isinstance(found, list)
    plain = Model.fit(layer_examples(synthetic), params={**FAST, "names": False})
    assert plain.gazetteer == {}


def phrase_key_of(name: str) -> str:
    from annotator.learn.names import phrase_key

    return phrase_key(name)


# -- event triggers ------------------------------------------------------------------------


def test_trigger_words_per_event_type_are_learnt_from_events(synthetic: Project) -> None:
    text = "قتل جندي في الهجوم . وقتل مدني آخر .\n"
    for k in range(3):
        doc = synthetic.add_document(text + "ملاحظة " * k, name=f"ev{k}")
        for start in (0, text.index("وقتل") + 1):
            span = synthetic.add_span(doc.id, start, start + 3, "Life.Die", "gold")
            synthetic.add_event(span.uuid)
    m = Model.fit(layer_examples(synthetic), params=FAST)
    found, _ = m.predict(1, "وقتل ثلاثة أشخاص .")
    trig = [s for s in found if s.label == "Life.Die"]
    assert [(s.start, s.end) for s in trig] == [(1, 4)]  # قتل, after the و
    assert trig[0].score == 1.0
    assert Model.from_bytes(m.to_bytes()).triggers.types == m.triggers.types


# -- saving and loading ----------------------------------------------------------------------


def test_model_round_trips_through_bytes(model: Model) -> None:
    data = model.to_bytes()
    back = Model.from_bytes(data)
    assert back.manifest == model.manifest and back.crf == model.crf
    text = synthetic_document(55)[0]

    def keys(found: tuple[list, float]) -> tuple[list, float]:
        return [(s.key, s.text, s.score) for s in found[0]], found[1]

    assert keys(back.predict(1, text)) == keys(model.predict(1, text))
    m = back.manifest
    assert m["layer"] == "gold" and m["labels"] == ["GPE", "PER"]
    assert m["feature_version"] >= 1 and m["trained"].endswith("+00:00")
    assert b"pickle" not in data and not data.startswith(b"\x80")  # no pickle protocol header


def _reseal(data: bytes, crf: bytes) -> bytes:
    """Model bytes with ``crf`` in place of the CRF part and the hash made to match."""
    n = struct.unpack_from(">I", data, len(crf_module.MAGIC))[0]
    at = len(crf_module.MAGIC) + 4
    manifest = json.loads(data[at : at + n])
    manifest["crf_sha256"] = hashlib.sha256(crf).hexdigest()
    head = json.dumps(manifest).encode()
    return crf_module.MAGIC + struct.pack(">I", len(head)) + head + crf


def _resealer(data: bytes) -> Callable[[bytes], bytes]:
    """``_reseal`` for many CRF parts of one model: the manifest is decoded and encoded once,
    each part's hash put in its place (the same bytes as ``_reseal`` gives)."""
    n = struct.unpack_from(">I", data, len(crf_module.MAGIC))[0]
    at = len(crf_module.MAGIC) + 4
    manifest = json.loads(data[at : at + n])
    hole = "#" * 64  # where the hash goes: 64 hex digits, which JSON writes as they are
    manifest["crf_sha256"] = hole
    before, after = json.dumps(manifest).split(hole)

    def reseal(crf: bytes) -> bytes:
        head = (before + hashlib.sha256(crf).hexdigest() + after).encode()
        return crf_module.MAGIC + struct.pack(">I", len(head)) + head + crf

    return reseal


def test_truncated_garbage_and_oversized_bytes_are_refused(
    model: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = model.to_bytes()
    for cut in (0, 5, len(crf_module.MAGIC) + 2, len(crf_module.MAGIC) + 30, len(data) // 2,
                len(data) - 1):  # fmt: skip
        with pytest.raises(ModelError):
            Model.from_bytes(data[:cut])
    with pytest.raises(ModelError, match="wrong header"):
        Model.from_bytes(random.Random(3).randbytes(5000))
    with pytest.raises(ModelError, match="not valid JSON"):
        Model.from_bytes(crf_module.MAGIC + struct.pack(">I", 4) + b"\xff{x}" + model.crf)
    monkeypatch.setattr(crf_module, "MAX_MODEL_BYTES", len(data) - 1)
    with pytest.raises(ModelError, match="more than"):
        Model.from_bytes(data)


def test_altered_models_are_refused_before_crfsuite_reads_them(model: Model) -> None:
    data = model.to_bytes()
    flipped = bytearray(data)
    flipped[-100] ^= 0xFF
    with pytest.raises(ModelError, match="do not match their manifest"):
        Model.from_bytes(bytes(flipped))
    # hostile: the hash made to match, an offset inside the CRF part pointing far away
    crf = bytearray(model.crf)
    fields = list(HEADER.unpack_from(crf, 0))
    for k in (7, 8, 10):  # features, labels, label references
        bad = bytearray(crf)
        fields2 = list(fields)
        fields2[k] = 0x7FFFFFF0
        HEADER.pack_into(bad, 0, *fields2)
        with pytest.raises(ModelError, match="damaged"):
            Model.from_bytes(_reseal(data, bytes(bad)))
    # a hash table with no empty bucket (crfsuite would loop forever looking a name up)
    with pytest.raises(BadModel):
        check_crf1dm(_full_table(bytes(crf)))
    # a different feature version, a manifest field of the wrong type
    n = struct.unpack_from(">I", data, len(crf_module.MAGIC))[0]
    at = len(crf_module.MAGIC) + 4
    for change in (
        {"feature_version": 999},
        {"labels": "PER"},
        {"gazetteer": [1]},
        {"gazetteer": {"x": 1}},
    ):
        manifest = {**json.loads(data[at : at + n]), **change}
        head = json.dumps(manifest).encode()
        with pytest.raises(ModelError, match=r"retrain|type|strings"):
            Model.from_bytes(crf_module.MAGIC + struct.pack(">I", len(head)) + head + model.crf)


def _full_table(crf: bytes) -> bytes:
    """``crf`` with every bucket of the label table's first hash table made non-empty."""
    import numpy as np

    fields = HEADER.unpack_from(crf, 0)
    base = fields[8]
    refs = np.frombuffer(crf, "<u4", 512, base + 24).reshape(-1, 2)
    t_off, t_num = next((int(o), int(n)) for o, n in refs if o)
    out = bytearray(crf)
    for b in range(t_num):
        struct.pack_into("<II", out, base + t_off + 8 * b, 1, 2072)
    return bytes(out)


# -- external predictions ----------------------------------------------------------------------


def test_jsonl_suggestions_are_read_and_bad_lines_named(project: Project, tmp_path: Path) -> None:
    doc = project.add_document("زار أحمد باريس .", name="one")
    docs = {d.name: d for d in project.documents(with_text=True)}
    good = tmp_path / "pred.jsonl"
    good.write_text(
        '{"document": "one", "start": 9, "end": 14, "label": "GPE", "score": 0.7}\n\n'
        '{"document": "one", "start": 4, "end": 8, "label": "PER", "source": "other"}\n',
        encoding="utf-8",
    )
    got = read_suggestions(good, docs)
    assert [(s.doc_id, s.start, s.end, s.label, s.score, s.source) for s in got] == [
        (doc.id, 9, 14, "GPE", 0.7, "file:pred.jsonl"),
        (doc.id, 4, 8, "PER", 1.0, "other"),
    ]
    bad_lines = {
        '{"document": "one", "start": 9, "end": 99, "label": "GPE"}': "outside the text",
        '{"document": "two", "start": 0, "end": 1, "label": "GPE"}': "no document named",
        '{"document": "one", "start": 0, "end": 1, "label": "GPE", "score": 2}': "score",
        '{"document": "one", "start": 0.5, "end": 1, "label": "GPE"}': "whole numbers",
        '{"document": "one", "start": 0, "end": 1}': "missing field 'label'",
        "{not json": "not a JSON object",
        "[1, 2]": "expected a JSON object",
    }
    for line, message in bad_lines.items():
        path = tmp_path / "bad.jsonl"
        path.write_text('{"document": "one", "start": 0, "end": 3, "label": "X"}\n' + line)
        with pytest.raises(ImportFormatError, match=message) as info:
            read_suggestions(path, docs)
        assert info.value.line == 2 and info.value.path.endswith("bad.jsonl")


def test_a_local_spacy_pipeline_is_a_source(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from annotator.model import Document

    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "باريس"}])
    nlp.to_disk(tmp_path / "pipe")
    pipe = SpacyPipeline(tmp_path / "pipe")
    text = "زار أحمد باريس ."
    got = pipe.predict([Document(3, "d", text, "0" * 64)]).suggestions
    assert [(s.doc_id, text[s.start : s.end], s.label, s.score) for s in got] == [
        (3, "باريس", "GPE", 1.0)
    ]
    assert got[0].source.startswith("model:spacy-")
    with pytest.raises(SpacyUnavailable, match=r"no config\.cfg"):
        SpacyPipeline(tmp_path)


# -- train() and its report -----------------------------------------------------------------


def test_train_reports_held_out_scores_baseline_and_curve(synthetic: Project) -> None:
    phases: set[str] = set()
    result = train(synthetic, eval_split=0.2, seed=1, params=FAST,
                   progress=lambda p, d, t: phases.add(p.split(":")[0]))  # fmt: skip
    assert len(result.eval_documents) >= 1
    assert set(result.eval_documents).isdisjoint(result.train_documents)
    assert result.scores is not None and result.scores.f1 > 0.8
    assert set(result.scores.per_label) == {"GPE", "PER"}
    assert result.baseline is not None and result.scores.f1 >= result.baseline.f1
    assert [n for n, _ in result.curve] == sorted(n for n, _ in result.curve)
    assert result.curve[-1][0] == len(result.train_documents)
    assert result.model.manifest["documents"] == 10  # the final model learnt from every one
    assert result.model.manifest["scores"]["model"]["micro"]["f1"] == result.scores.f1
    assert {"final model", "scoring"} <= phases
    lines = "\n".join(result.lines())
    assert "GPE" in lines and "baseline" in lines and "learning curve" in lines
    page = result.report_html()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "GPE" in page
    assert "src=" not in page and "<link" not in page and "<script" not in page
    # the same split again: the same held-out documents
    again = train(synthetic, eval_split=0.2, seed=1, params=FAST, curve=False)
    assert again.eval_documents == result.eval_documents
    assert not train(synthetic, eval_split=0, params=FAST).eval_documents


# -- training in a child process --------------------------------------------------------------


def test_isolated_training_gives_the_same_model_and_can_be_cancelled(synthetic: Project) -> None:
    from annotator.learn.isolated import fit_isolated

    examples = layer_examples(synthetic)
    steps: list[str] = []
    here = Model.fit(examples, params=FAST)
    there = fit_isolated(examples, params=FAST, progress=lambda p, d, t: steps.append(p))
    assert there.crf == here.crf  # crfsuite's training is deterministic
    assert {"features", "training"} <= set(steps)
    with pytest.raises(Cancelled):
        fit_isolated(examples, params={"max_iterations": 5000}, progress=lambda p, d, t: False)


def test_training_isolated_whole_gives_the_same_result_as_in_process(synthetic: Project) -> None:
    """``train(isolated=True)``: fits, scores and curve in one child process, the same
    figures and model as in this process; the manifest's date is when the layer was read."""
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    before = now.replace(microsecond=now.microsecond // 1000 * 1000)  # the manifest's ms
    here = train(synthetic, eval_split=0.2, seed=1, params=FAST)
    steps: list[str] = []
    there = train(synthetic, eval_split=0.2, seed=1, params=FAST, isolated=True,
                  progress=lambda p, d, t: steps.append(p))  # fmt: skip
    assert there.model.crf == here.model.crf
    assert there.scores == here.scores and there.baseline == here.baseline
    assert there.curve == here.curve and there.eval_documents == here.eval_documents
    assert any(p.startswith("final model") for p in steps)
    trained = datetime.fromisoformat(there.model.manifest["trained"])
    assert before <= trained <= datetime.now(UTC)
    with pytest.raises(Cancelled):
        train(synthetic, params=FAST, isolated=True, progress=lambda p, d, t: False)


def test_random_damage_to_the_crf_part_is_refused_or_harmless(synthetic: Project) -> None:
    """Bytes flipped in crfsuite's part, the hash made to match (what a hostile sender can
    do): each model is refused with ModelError or loads and predicts; none crashes crfsuite.
    (Found by this loop: a string-table size past its index, a label whose hash entry was
    damaged; both are refused now.)
    The manifest is decoded and encoded once (``_resealer``), not for each of the 200: that
    was a third of the test's time. The model is fitted without the general names
    (``names: False``): the loop damages only the CRF part (the same crf1dm chunks: header,
    label and attribute string tables, features, references), while with the 16,000 names in
    its manifest each of the 200 loads decoded and checked them again and each loaded model
    indexed them (13.7 s of 14.4 s CPU; without them 0.6 s, about as many refused: 170 of 200
    against 172). Loading and predicting with a model that carries the names is
    ``test_a_model_carries_its_general_names_and_needs_no_babel_to_predict``'s."""
    model = Model.fit(layer_examples(synthetic), params={**CONTEXT, "names": False})
    data = model.to_bytes()
    text = synthetic_document(9)[0]
    rng = random.Random(14)
    outcomes = {"refused": 0, "loaded": 0}
    reseal = _resealer(data)
    for k in range(200):
        crf = bytearray(model.crf)
        for _ in range(rng.choice([1, 2, 4, 16])):
            crf[rng.randrange(len(crf))] = rng.randrange(256)
        damaged = reseal(bytes(crf))
        if k == 0:
            assert damaged == _reseal(data, bytes(crf))
        try:
            Model.from_bytes(damaged).predict(1, text)
            outcomes["loaded"] += 1
        except ModelError:
            outcomes["refused"] += 1
    assert outcomes["refused"] > 100 and sum(outcomes.values()) == 200


def test_the_package_loads_its_parts_on_first_use() -> None:
    """Every exported name resolves; importing ``annotator.learn.retrain`` (the window's model
    panel does) loads neither crfsuite nor numpy."""
    import subprocess
    import sys

    import annotator.learn as learn

    assert sorted(learn.__all__) == sorted(learn._WHERE)
    assert all(getattr(learn, name) is not None for name in learn.__all__)
    code = (
        "import sys, annotator.learn.retrain; "
        "print(sorted(m for m in ('pycrfsuite', 'numpy', 'seqeval') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_same_layer_trains_the_same_averaged_perceptron_whatever_ran_before(
    synthetic: Project,
) -> None:
    """The averaged perceptron shuffles the sequences with the C library's ``rand()``, whose
    state is the process's: a training after other trainings (or anything else calling
    ``rand()``) made another model of the same layer. ``seed_shuffling`` starts each training
    as a fresh process does."""
    import ctypes

    examples = layer_examples(synthetic)
    params = {**CONTEXT, "algorithm": "ap"}
    first = Model.fit(examples, params=params).manifest["crf_sha256"]
    for _ in range(7):
        ctypes.CDLL(None).rand()  # what another training's shuffling does
    again = Model.fit(examples, params=params).manifest["crf_sha256"]
    assert again == first


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="وفبلكالباريسَُِّْـ\u200c\u200dًa\u0301ٰ", min_size=0, max_size=8))
def test_proclitic_cuts_read_letters_as_the_letter_rule_does(word: str) -> None:
    # the fast path for words without marks gives what the letter rule gives char by char
    from annotator.text import is_mark

    letters = [i for i, ch in enumerate(word) if not is_mark(ch)]
    cuts: list[int] = []
    k = 0
    if word and "\u0620" <= word[0] < "\u064b":
        for group in ("وف", "بلك"):
            if k + 3 < len(letters) and word[letters[k]] in group:
                k += 1
                cuts.append(letters[k])
    assert proclitic_cuts(word) == cuts
