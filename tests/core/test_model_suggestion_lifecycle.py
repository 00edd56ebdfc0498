"""A model's suggestions over time (issue 14, found by QA): a retrained model's suggestions take
the place of the last one's, rejections are remembered across model versions, a span drawn over
a pending suggestion retires it while the span lives, and suggestions never overlap each other.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, cast

import pytest

from annotator.commands.edits import AddSpan
from annotator.commands.suggestions import (
    AcceptSuggestions,
    RejectSuggestions,
    save_trained,
    store_model_suggestions,
)
from annotator.learn import Model
from annotator.learn.corpus import suggestion
from annotator.model import Document
from annotator.project import Project
from annotator.search.suggestions import Suggestion, source_family

TEXT = "وصل جان إيف لودريان إلى باريس ثم إلى الولايات المتحدة وهولندا."


def _at(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


class FakeModel:
    """Predicts fixed spans; ``version`` names it, as a retrained model gets a new one."""

    def __init__(self, version: str, spans: list[tuple[str, str]], score: float = 0.9) -> None:
        self.source = f"model:crf@{version}"
        self.spans, self.score = spans, score

    def predict(
        self, doc_id: int, text: str, meta: Any = None, o_bias: Any = None
    ) -> tuple[list[Suggestion], float]:
        found = [
            suggestion(doc_id, text, *_at(word, text), label, self.score, self.source)
            for word, label in self.spans
        ]
        return found, self.score


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    p.add_document(TEXT, name="news")
    return p


def _doc(project: Project) -> Document:
    (doc,) = project.documents()
    return project.document(doc.id)  # with its text


def _store(project: Project, model: FakeModel) -> list[Suggestion]:
    return store_model_suggestions(project, cast(Model, model), [_doc(project)]).suggestions


def _shown(project: Project) -> list[tuple[str, str, str]]:
    return [(s.text, s.label, s.source) for s in project.suggestions(_doc(project).id)]


def test_a_retrained_model_replaces_the_last_ones_pending_suggestions(project: Project) -> None:
    old = FakeModel("aaaa", [("باريس", "LOC"), ("الولايات", "LOC")])
    _store(project, old)
    # the gazetteer's own suggestion is another source: it stays
    gaz = suggestion(_doc(project).id, TEXT, *_at("وهولندا"), "LOC", 1.0, "gazetteer:places")
    assert project.add_suggestions([gaz]) == 1
    new = FakeModel("bbbb", [("باريس", "LOC"), ("الولايات المتحدة", "LOC")])
    stored = _store(project, new)
    assert [s.text for s in stored] == ["باريس", "الولايات المتحدة"]
    assert _shown(project) == [
        ("باريس", "LOC", "model:crf@bbbb"),
        ("الولايات المتحدة", "LOC", "model:crf@bbbb"),
        ("وهولندا", "LOC", "gazetteer:places"),
    ]
    # no two boxes on one place, so accepting them all makes no overlapping spans
    uuids = [s.uuid for s in project.suggestions(_doc(project).id)]
    AcceptSuggestions(uuids, "gold").do(project)
    spans = sorted((s.start, s.end) for s in project.spans(annotator="gold"))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_a_rejection_is_remembered_for_every_version_of_the_model(project: Project) -> None:
    _store(project, FakeModel("aaaa", [("باريس", "LOC"), ("الولايات", "ORG")]))
    (paris,) = [s for s in project.suggestions(_doc(project).id) if s.text == "باريس"]
    RejectSuggestions([paris.uuid]).do(project)
    _store(project, FakeModel("bbbb", [("باريس", "LOC"), ("الولايات", "LOC")]))
    # باريس as LOC was rejected from the last version; الولايات as LOC is a new proposal
    assert _shown(project) == [("الولايات", "LOC", "model:crf@bbbb")]
    assert source_family("model:crf@bbbb") == source_family("model:crf@aaaa") == "model:crf"


def test_a_span_drawn_over_a_suggestion_retires_it_while_the_span_lives(project: Project) -> None:
    _store(project, FakeModel("aaaa", [("الولايات المتحدة", "LOC"), ("باريس", "LOC")]))
    doc = _doc(project)
    (usa,) = [s for s in project.suggestions(doc.id) if s.text == "الولايات المتحدة"]
    # the analyst labels part of it by hand, as GPE
    draw = AddSpan(doc.id, *_at("الولايات"), "GPE", "gold")
    draw.do(project)
    assert [s.text for s in project.suggestions(doc.id)] == ["باريس"]
    assert project.suggestion_counts() == {doc.id: 1}
    assert project.pending_suggestions([usa.uuid]) == []
    AcceptSuggestions([usa.uuid], "gold").do(project)  # a stale view's accept writes nothing
    assert [(s.text, s.label) for s in project.spans(annotator="gold")] == [("الولايات", "GPE")]
    draw.undo(project)
    assert [s.text for s in project.suggestions(doc.id)] == ["باريس", "الولايات المتحدة"]
    assert project.suggestion_counts() == {doc.id: 2}


def test_suggestions_never_overlap_each_other_or_an_annotation(project: Project) -> None:
    doc = _doc(project)
    project.add_span(doc.id, *_at("باريس"), "GPE", "amal")
    made = [
        suggestion(doc.id, TEXT, *_at("إلى باريس"), "LOC", 0.8, "model:spacy-x@1"),
        suggestion(doc.id, TEXT, *_at("الولايات المتحدة"), "LOC", 0.8, "model:spacy-x@1"),
        suggestion(doc.id, TEXT, *_at("المتحدة"), "ORG", 0.7, "model:spacy-x@1"),
        suggestion(doc.id, TEXT, *_at("الولايات"), "LOC", 0.9, "gazetteer:g"),
    ]
    assert project.add_suggestions(made) == 1
    assert _shown(project) == [("الولايات المتحدة", "LOC", "model:spacy-x@1")]


def test_the_gui_and_the_command_line_store_the_same_model_summary(project: Project) -> None:
    from annotator.learn.corpus import layer_examples

    doc = _doc(project)
    for word, label in (("جان إيف لودريان", "PER"), ("باريس", "LOC"), ("وهولندا", "LOC")):
        project.add_span(doc.id, *_at(word), label, "gold")
    model = Model.fit(layer_examples(project), params={"max_iterations": 5, "clusters": False})
    save_trained(project, model)
    (row,) = project.models()
    manifest = row["manifest"]
    assert manifest["version"] == model.version  # (the whole model's: QA 18)
    assert manifest["crf_sha256"] == model.manifest["crf_sha256"]  # the crfsuite part's
    assert manifest["source"] == model.source and manifest["layer"] == "gold"
    assert "gazetteer" not in manifest  # the bytes carry the whole manifest, the row a summary
