"""The suggestion jobs the command line runs (annotator.commands.suggestions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands.suggestions import NoModel, annotate_all, gazetteer, suggest
from annotator.errors import ImportFormatError
from annotator.project import Project

ONE = "زار محمد بباريس ثم عاد إلى هولندا."
TWO = "في باريس التقى محمد بوفد من هولندا وباريس."


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    a = p.add_document(ONE, name="one")
    p.add_document(TWO, name="two")
    p.add_span(a.id, ONE.index("محمد"), ONE.index("محمد") + 4, "PER", "amal")
    p.add_span(a.id, ONE.index("هولندا"), ONE.index("هولندا") + 6, "GPE", "amal")
    return p


def test_annotate_all_stores_pending_suggestions_of_other_occurrences(project: Project) -> None:
    report = annotate_all(project, "amal")
    got = [(s.doc_id, s.text, s.label, s.source) for s in project.suggestions(None)]
    assert got == [
        (2, "محمد", "PER", "annotate-all"),
        (2, "هولندا", "GPE", "annotate-all"),
    ]
    assert report.stored == report.found == 2
    assert project.spans(2) == []  # suggestions, not spans
    assert annotate_all(project, "amal").stored == 0  # nothing twice


def test_annotate_all_into_a_layer_and_filtered_by_label(project: Project) -> None:
    report = annotate_all(project, "amal", to_layer="huda", labels=["GPE"], documents=[2])
    assert [(s.text, s.label) for s in report.accepted] == [("هولندا", "GPE")]
    assert [s.text for s in project.spans(2, "huda")] == ["هولندا"]
    assert project.suggestions(None) == []


def test_gazetteer_stores_matches_and_bad_files_change_nothing(
    project: Project, tmp_path: Path
) -> None:
    names = tmp_path / "cities.csv"
    names.write_text("name,label\nباريس,GPE\nهولندا,GPE\n", "utf-8")
    report = gazetteer(project, names, name="cities")
    got = [(s.doc_id, s.text) for s in project.suggestions(None, source="gazetteer:cities")]
    assert got == [(1, "باريس"), (2, "باريس"), (2, "هولندا"), (2, "باريس")]
    assert report.stored == 4
    bad = tmp_path / "bad.csv"
    bad.write_text("name,label\nالقاهرة,GPE\nروما\n", "utf-8")
    with pytest.raises(ImportFormatError, match=r"bad\.csv:3"):
        gazetteer(project, bad)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("القاهرة,GPE\nروما,CITY\n", "utf-8")
    with pytest.raises(ImportFormatError, match=r"unknown\.csv:2.*CITY"):
        gazetteer(project, unknown)
    assert len(project.suggestions(None)) == 4


def test_suggest_without_a_model_says_so(project: Project) -> None:
    with pytest.raises(NoModel, match="annotator train"):
        suggest(project)
