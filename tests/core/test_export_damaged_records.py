"""Every export leaves out a record ``annotator check`` refuses as damaged (QA round 9, hostile
D5): a span whose end was set to 1,000,000,000 in the project file went out to JSONL, brat and
Label Studio as it was (brat wrote the whole text as its covered text), and each file was then
refused as a whole on re-import; CoNLL and HF dropped every other span of the document as
"nested inside a kept span". The records are judged once, where every exporter reads them
(``exporting.export``), by the check's own function (``validation.check_layer``), and the
report names each with its reason, once.

A bundle is a faithful copy of every version for a merge: it carries the damaged span, and the
merge judges it by the same rules and quarantines it (the rest merged)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
import spacy
from datasets import load_from_disk
from spacy.tokens import DocBin

from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.exporting import FORMATS, export
from annotator.formats.conll import TokenReport
from annotator.formats.registry import REGISTRY, read_any
from annotator.importing import import_documents
from annotator.project import Project
from annotator.validation import check_project

ME = "amal"
TEXT = "التقى الرئيس محمد بالوزير علي في باريس؛ ثم سافر علي إلى لندن."
OUTSIDE = "span outside its document's text (check names it)"
NOT_ITS_TEXT = "span whose stored text is not its document's (check names it)"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = TEXT.index(word)
    for _ in range(nth):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def build(path: Path, column: str, value: object, which: str = "outer") -> dict[str, str]:
    """A meeting (trigger التقى, Entity محمد and علي, Place باريس), a PHYS relation علي → لندن,
    and the span "الرئيس محمد" (PER, the outer span a token export keeps; ``which="trigger"``:
    the meeting's trigger) damaged behind the rules' back: ``column`` set to ``value``."""
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="مقال")
        outer = p.add_span(doc.id, *at("الرئيس محمد"), "PER", ME)
        mohamed = p.add_span(doc.id, *at("محمد"), "PER", ME)
        ali = p.add_span(doc.id, *at("علي"), "PER", ME)
        ali2 = p.add_span(doc.id, *at("علي", 1), "PER", ME)
        paris = p.add_span(doc.id, *at("باريس"), "GPE", ME)
        london = p.add_span(doc.id, *at("لندن"), "GPE", ME)
        meet = p.add_span(doc.id, *at("التقى"), "Contact.Meet", ME)
        event = p.add_event(meet.uuid)
        p.add_argument(event.uuid, "Entity", mohamed.uuid)
        p.add_argument(event.uuid, "Entity", ali.uuid)
        p.add_argument(event.uuid, "Place", paris.uuid)
        p.add_relation("PHYS", ali2.uuid, london.uuid)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        bad = meet if which == "trigger" else outer
        conn.execute(f'UPDATE spans SET "{column}" = ? WHERE uuid = ?', [value, bad.uuid])
    return {"bad": bad.uuid}


DAMAGES = [("end", 1_000_000_000, OUTSIDE), ("text", "ليس نصه", NOT_ITS_TEXT)]


@pytest.fixture(params=DAMAGES, ids=["outside-the-text", "not-its-text"])
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, str]:
    column, value, reason = request.param
    path = tmp_path / "damaged.annotator"
    made = build(path, column, value)
    return path, made["bad"], reason


def test_check_names_the_span(damaged: tuple[Path, str, str]) -> None:
    path, bad, _ = damaged
    with Project.open(path, read_only=True) as p:
        assert [i.uuid for i in check_project(p)] == [bad]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_leaves_it_out_says_so_once_and_reads_back(
    damaged: tuple[Path, str, str], tmp_path: Path, fmt: str
) -> None:
    path, _, reason = damaged
    out = tmp_path / f"out-{fmt}"
    with Project.open(path, read_only=True) as p:
        report = export(p, fmt, out, annotator=ME)
        schema = p.schema
    lines = report.lines()
    assert lines.count(f"dropped 1: {reason}") == 1, lines
    assert sum(reason in line for line in lines) == 1, lines
    assert report.dropped[reason] == 1
    assert report.lost["span"] >= 1
    # the other six spans all go out (a token format keeps محمد, no longer nested in a
    # 1,000,000,000-character span), the trigger too where the format has triggers
    assert report.spans_exported >= 5, lines
    if isinstance(report, TokenReport):
        assert report.unaccounted() == 0
    if fmt == "spacy":
        nlp = spacy.blank("ar")
        (sdoc,) = DocBin().from_disk(out).get_docs(nlp.vocab)
        assert "محمد" in [s.text for s in sdoc.spans["sc"]]
    elif fmt == "hf":
        data = load_from_disk(str(out))
        assert len(data) == 1
    if REGISTRY[fmt].imports:
        result = read_any(out, fmt, True, schema=schema)  # strict: refuses nothing
        assert result.documents and not result.problems, (fmt, result.problems)
        with Project.create(tmp_path / "back.annotator", schema=schema) as q:
            back = import_documents(q, result, annotator=ME)
            assert back.documents_added == 1, fmt
            assert not back.problems, (fmt, back.problems)
            assert not check_project(q)


def test_the_bundle_carries_it_and_the_merge_quarantines_it(
    damaged: tuple[Path, str, str], tmp_path: Path
) -> None:
    path, bad, _ = damaged
    out = tmp_path / "amal.zip"
    with Project.open(path, read_only=True) as p:
        manifest = write_bundle(p, ME, out)
    assert manifest.counts["spans"] == 7  # a faithful copy: every version
    with Project.create(tmp_path / "other.annotator") as q:
        report = merge_bundle(q, read_bundle(out), out.name)
        assert [x.uuid for x in report.quarantined] == [bad]
        assert len([s for s in q.iter_records("spans", ME)]) == 6
        assert not check_project(q)


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "events", "label-studio", "spacy-jsonl"])
def test_an_event_on_a_damaged_trigger_goes_with_it(tmp_path: Path, fmt: str) -> None:
    """What points at a damaged span is left out as pointing at a record not exported (each
    writer's own reason), the span itself named once; the file reads back."""
    path = tmp_path / "trigger.annotator"
    build(path, "end", 1_000_000_000, which="trigger")
    out = tmp_path / f"out-{fmt}"
    with Project.open(path, read_only=True) as p:
        report = export(p, fmt, out, annotator=ME)
        schema = p.schema
    assert report.dropped[OUTSIDE] == 1
    assert report.lost["span"] == 1 and report.lost["event"] == 1
    assert report.lost["argument"] == 3
    assert report.exported["relation"] == 1
    result = read_any(out, fmt, True, schema=schema)
    assert not result.problems, result.problems
    with Project.create(tmp_path / "back.annotator", schema=schema) as q:
        back = import_documents(q, result, annotator=ME)
        assert back.documents_added == 1 and not back.problems, back.problems
        assert len(list(q.iter_records("spans", ME))) == 6
        assert not list(q.iter_records("events", ME))
