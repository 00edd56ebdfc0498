"""A document whose text was changed behind the program's back (QA round 18, defect 5): the
documents row's text no longer hashes to its sha256. ``annotator check`` reports it and a
write-open refuses the file, but every export wrote the changed text with exit 0, and
``annotator bundle`` wrote a bundle the colleague's merge then refused.

One rule (``altered.text_altered``: the text's SHA-256 against the stored one, the hash a
merge checks a bundle's texts with) for every path: each export leaves such a document out,
records and all, and names it in the report's "documents left out" line (exit 0, as for a
damaged span: the rest is sound); an export left with no document refuses and writes
nothing; a bundle carrying its text is refused before a byte is written (a bundle of hashes
only carries no text, and merges)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
import spacy
from datasets import load_from_disk
from spacy.tokens import DocBin

from annotator.altered import AlteredText
from annotator.cli import main
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.exporting import FORMATS, export
from annotator.formats.registry import REGISTRY, read_any
from annotator.project import Project
from annotator.validation import check_project

ME, OTHER = "amal", "omar"
GOOD = "سافر الرئيس محمد إلى باريس يوم الاثنين."
BAD = "التقى الوزير علي بالسفير في لندن."
ADDED = " زيادة"
"""what is appended to BAD's stored text behind the program's back"""
REASON = (
    "text changed outside annotator, no longer matching its sha256 "
    "('annotator check' reports it): document 'altered' (id {id})"
)


def span(p: Project, doc_id: int, text: str, word: str, label: str, who: str = ME) -> None:
    start = text.index(word)
    p.add_span(doc_id, start, start + len(word), label, who)


def build(path: Path, alter: tuple[str, ...] = ("altered",), two_layers: bool = False) -> int:
    """Two annotated documents, ``sound`` and ``altered``; the texts of those named in
    ``alter`` changed in the file afterwards. The altered document's id."""
    with Project.create(path) as p:
        good = p.add_document(GOOD, name="sound")
        bad = p.add_document(BAD, name="altered")
        span(p, good.id, GOOD, "محمد", "PER")
        span(p, good.id, GOOD, "باريس", "GPE")
        span(p, bad.id, BAD, "علي", "PER")
        span(p, bad.id, BAD, "لندن", "GPE")
        if two_layers:
            span(p, bad.id, BAD, "علي", "PER", OTHER)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        for name in alter:
            conn.execute("UPDATE documents SET text = text || ? WHERE name = ?", [ADDED, name])
    return bad.id


def texts_written(fmt: str, out: Path, tmp_path: Path) -> list[str]:
    """The document texts (or, for hf, the sentences' words joined) in the export ``out``."""
    with Project.open(tmp_path / "p.annotator", read_only=True) as p:
        schema = p.schema
    if fmt == "spacy":
        return [d.text for d in DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab)]
    if fmt == "hf":
        return [" ".join(row["tokens"]) for row in load_from_disk(str(out))["train"]]
    assert REGISTRY[fmt].imports, fmt
    return [d.text for d in read_any(out, fmt, True, schema=schema).documents]


def test_check_reports_the_altered_text(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    bad = build(path)
    with Project.open(path, read_only=True) as p:
        issues = check_project(p)
    (issue,) = [i for i in issues if i.kind == "integrity"]
    assert "does not match its sha256" in issue.message and str(bad) in issue.message


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_leaves_the_altered_document_out_and_names_it(
    tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "p.annotator"
    bad = build(path)
    out = tmp_path / f"out-{fmt}"
    with Project.open(path, read_only=True) as p:
        report = export(p, fmt, out, annotator=ME)
    lines = report.lines()
    reason = REASON.format(id=bad)
    assert f"documents left out 1: {reason}" in lines, lines
    assert report.documents_skipped == {reason: 1}
    assert report.documents == 1
    assert report.spans_exported == 2, lines
    written = texts_written(fmt, out, tmp_path)
    assert written and all("زيادة" not in t and "لندن" not in t for t in written), written
    assert any("باريس" in t for t in written), written


def test_a_document_in_two_layers_is_left_out_once(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    bad = build(path, two_layers=True)
    with Project.open(path, read_only=True) as p:
        report = export(p, "jsonl", tmp_path / "all.jsonl")  # both layers side by side
    assert report.documents_skipped == {REASON.format(id=bad): 1}
    assert "زيادة" not in (tmp_path / "all.jsonl").read_text("utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_export_of_only_altered_documents_refuses_and_writes_nothing(
    tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "p.annotator"
    build(path, alter=("sound", "altered"))
    out = tmp_path / f"out-{fmt}"
    with Project.open(path, read_only=True) as p, pytest.raises(AlteredText) as caught:
        export(p, fmt, out, annotator=ME)
    assert str(caught.value).startswith("nothing to export: the text of every selected")
    assert "document 'sound' (id 1), document 'altered' (id 2)" in str(caught.value)
    assert not out.exists()
    assert [x.name for x in tmp_path.iterdir()] == ["p.annotator"]


def test_the_bundle_is_refused_before_a_byte_is_written(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    bad = build(path)
    out = tmp_path / "amal.annbundle"
    with Project.open(path, read_only=True) as p, pytest.raises(AlteredText) as caught:
        write_bundle(p, ME, out)
    assert str(caught.value) == (
        f"the text of document 'altered' (id {bad}) no longer matches its sha256 (changed "
        "outside annotator; 'annotator check' reports it): a merge would refuse a bundle "
        "carrying it, so none is written"
    )
    assert [d.id for d in caught.value.documents] == [bad]
    assert [x.name for x in tmp_path.iterdir()] == ["p.annotator"]


def test_a_bundle_of_hashes_only_carries_no_text_and_merges(tmp_path: Path) -> None:
    """The records were made against the text the sha256 names (a write-open refuses the
    file since): without the text they merge into a project holding the original."""
    path, theirs = tmp_path / "p.annotator", tmp_path / "theirs.annotator"
    build(theirs, alter=())
    build(path)
    out = tmp_path / "amal.annbundle"
    with Project.open(path, read_only=True) as p:
        write_bundle(p, ME, out, include_text=False)
    with Project.create(tmp_path / "colleague.annotator") as q:
        for name, text in (("sound", GOOD), ("altered", BAD)):
            q.add_document(text, name=name)
        merge_bundle(q, read_bundle(out))
        assert sorted(s.text for s in q.layer(2).spans) == ["علي", "لندن"]


def test_cli_export_names_it_and_bundle_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    bad = build(path)
    rc = main(["export", str(path), "--format", "conll", "-o", str(tmp_path / "t.conll"),
               "--annotator", ME])  # fmt: skip
    out = capsys.readouterr().out
    assert rc == 0
    assert f"documents left out 1: {REASON.format(id=bad)}\n" in out
    assert "زيادة" not in (tmp_path / "t.conll").read_text("utf-8")
    rc = main(["bundle", str(path), "--annotator", ME, "-o", str(tmp_path / "b.annbundle")])
    err = capsys.readouterr().err
    assert rc == 1
    assert "error: the text of document 'altered' (id 2) no longer matches" in err
    assert not (tmp_path / "b.annbundle").exists()


def test_many_altered_documents_are_counted_and_the_first_five_named(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for i in range(8):
            doc = p.add_document(f"{GOOD} ({i})", name=f"d{i}")
            span(p, doc.id, GOOD, "محمد", "PER")
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE documents SET text = text || ? WHERE id > 1", [ADDED])
    with Project.open(path, read_only=True) as p:
        report = export(p, "jsonl", tmp_path / "out.jsonl", annotator=ME)
    ((reason, n),) = report.documents_skipped.items()
    assert n == 7 and report.documents == 1
    assert reason.endswith(
        "document 'd1' (id 2), document 'd2' (id 3), document 'd3' (id 4), "
        "document 'd4' (id 5), document 'd5' (id 6) and 2 more"
    ), reason
