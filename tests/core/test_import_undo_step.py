"""A gazetteer's import and an import of outside predictions are ONE undoable step each
(``annotator.commands.suggestions.gazetteer_step`` / ``import_step``, both a
``StoreSuggestions``, the step annotate-all's store is): undo withdraws every suggestion the
import stored in one write (its batch) and puts back, exactly as they were, the suggestions
it replaced (pending ones of its sources, those a span hides too), leaving rejections alone;
redo applies the import again. Before, the imports were no step at all in the core (each
suggestion undone alone, and the replaced ones hidden behind a span lost on undo)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.suggestions import StoreSuggestions, gazetteer_step, import_step
from annotator.learn.external import Imported
from annotator.project import Project

ONE = "زار محمد باريس ثم عاد إلى هولندا."
TWO = "في باريس التقى محمد بوفد من هولندا."
ME = "amal"

State = tuple[object, ...]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(ONE, name="one")
        p.add_document(TWO, name="two")
        yield p


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def line(doc: str, text: str, word: str, label: str, **more: object) -> str:
    start, end = at(text, word)
    item = {"document": doc, "start": start, "end": end, "label": label, **more}
    return json.dumps(item, ensure_ascii=False)


def state(p: Project) -> State:
    """Every pending suggestion (uuid and all), split as shown and hidden behind a span, and
    every remembered rejection: what undo must give back exactly."""
    docs = []
    for d in p.documents():
        free, behind = p.suggestions_and_covered(d.id)
        docs.append((sorted(free, key=repr), sorted(behind, key=repr)))
    return tuple(docs), sorted(p.rejected_suggestions())


def texts(p: Project) -> list[tuple[int, str, str]]:
    return sorted((s.doc_id, s.text, s.source) for s in p.suggestions(None))


def test_a_gazetteer_import_is_one_step_undone_and_redone_whole(
    project: Project, tmp_path: Path
) -> None:
    names = tmp_path / "places.csv"
    names.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
    before = state(project)
    step = gazetteer_step(names)
    step.do(project)
    assert isinstance(step, StoreSuggestions) and step.batch  # one batch: a write each way
    assert len(step.stored) == 4 and step.report is not None and step.report.stored == 4
    assert not step.did_nothing() and step.replaced == []
    after = state(project)
    assert {s for _, _, s in texts(project)} == {"gazetteer:places"}
    step.undo(project)
    assert state(project) == before and texts(project) == []
    step.do(project)
    assert state(project) == after
    step.undo(project)
    assert state(project) == before
    assert "gazetteer" in str(step.text)


def test_a_gazetteer_import_matching_nothing_does_nothing(project: Project, tmp_path: Path) -> None:
    names = tmp_path / "none.csv"
    names.write_text("name,label\nطوكيو,GPE\n", encoding="utf-8")
    step = gazetteer_step(names)
    step.do(project)
    assert step.did_nothing()


def test_a_predictions_import_is_one_step_and_gives_back_what_it_replaced(
    project: Project, tmp_path: Path
) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "\n".join(
            [
                line("one", ONE, "محمد", "PER", score=0.9),
                line("one", ONE, "هولندا", "GPE", score=0.8),
                line("two", TWO, "باريس", "GPE", score=0.7),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    first = import_step(pred)
    first.do(project)
    assert len(first.stored) == 3 and first.batch
    # the analyst rejects one, and draws a span over another: it is hidden, still pending
    doc_one = project.document_by_name("one")
    assert doc_one is not None
    rejected = [s for s in first.stored if s.text == "باريس"]
    project.reject_suggestions([s.uuid for s in rejected])
    a, b = at(ONE, "محمد")
    project.add_span(doc_one.id, a, b, "PER", ME)
    before = state(project)
    hidden = before[0][0][1]  # type: ignore[index]
    assert [s.text for s in hidden] == ["محمد"]
    # the same source again: its earlier pending ones (the hidden one too) are replaced
    pred.write_text(
        line("one", ONE, "هولندا", "GPE", score=0.5)
        + "\n"
        + line("two", TWO, "هولندا", "GPE", score=0.6)
        + "\n",
        encoding="utf-8",
    )
    second = import_step(pred)
    second.do(project)
    assert isinstance(second.report, Imported)
    assert sorted(s.text for s in second.replaced) == ["محمد", "هولندا"]
    assert second.batch and len(second.stored) == 2
    after = state(project)
    assert after != before
    assert [s.text for s in project.suggestions_and_covered(doc_one.id)[1]] == []
    second.undo(project)
    assert state(project) == before  # the hidden one back behind its span, rejection kept
    second.do(project)
    assert state(project) == after
    second.undo(project)
    assert state(project) == before
    # and the first import's undo after it leaves the project as it was before both
    first.undo(project)
    assert texts(project) == []
    assert [s.text for s in project.suggestions_and_covered(doc_one.id)[1]] == []


def test_the_same_predictions_again_replace_the_older_at_the_same_place(
    project: Project, tmp_path: Path
) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(line("one", ONE, "محمد", "PER", score=0.9) + "\n", encoding="utf-8")
    first = import_step(pred)
    first.do(project)
    before = state(project)
    again = import_step(pred)  # the same key: the older pending one is replaced
    again.do(project)
    assert [s.uuid for s in again.replaced] == [s.uuid for s in first.stored]
    after = state(project)
    assert [s.text for s in again.stored] == ["محمد"]
    assert again.stored[0].uuid != first.stored[0].uuid
    for _ in range(2):
        again.undo(project)
        assert state(project) == before
        again.do(project)
        assert state(project) == after


def test_an_import_whose_file_is_bad_refuses_the_step(project: Project, tmp_path: Path) -> None:
    from annotator.errors import ImportFormatError

    pred = tmp_path / "pred.jsonl"
    pred.write_text(line("one", ONE, "محمد", "PER") + "\n{bad\n", encoding="utf-8")
    before = state(project)
    with pytest.raises(ImportFormatError):
        import_step(pred).do(project)
    assert state(project) == before


def test_already_stored_puts_back_what_a_background_import_replaced(
    project: Project, tmp_path: Path
) -> None:
    """The window's import runs on a job's connection, then pushes
    ``StoreSuggestions.already_stored(stored, replaced)``: its undo and redo are the same."""
    pred = tmp_path / "pred.jsonl"
    pred.write_text(line("one", ONE, "محمد", "PER", score=0.9) + "\n", encoding="utf-8")
    import_step(pred).do(project)
    doc_one = project.document_by_name("one")
    assert doc_one is not None
    project.add_span(doc_one.id, *at(ONE, "محمد"), "PER", ME)  # hides it
    before = state(project)
    pred.write_text(line("two", TWO, "محمد", "PER", score=0.9) + "\n", encoding="utf-8")
    job = import_step(pred)
    job.do(project)  # (as the job does it, on its own connection)
    after = state(project)
    step = StoreSuggestions.already_stored(job.stored, job.replaced)
    step.do(project)
    assert step.batch == job.batch and state(project) == after
    step.undo(project)
    assert state(project) == before
    step.do(project)
    assert state(project) == after
