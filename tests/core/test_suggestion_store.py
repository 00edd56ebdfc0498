"""The suggestion layer and the model store in the project file (issues 13, 14).

Suggestions live apart from every layer: stored pending, rejections remembered, accepted into
a layer as ordinary spans (one transaction, one undo step, provenance in the note), and never
seen by exports, agreement, review, bundles or merges. Models are bytes with a manifest,
checksummed; nothing of either ever arrives from another file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3  # white-box: a hostile file is made by writing its tables directly
from pathlib import Path

import pytest

from annotator.agreement.measures import agreement, project_layers
from annotator.commands.suggestions import AcceptSuggestions, RejectSuggestions
from annotator.errors import ProjectFileError, ValidationError
from annotator.exchange.bundle_read import read_bundle
from annotator.exchange.bundle_write import write_bundle
from annotator.exchange.merge import canonical_dump, merge_bundle, merge_project_file
from annotator.exporting import FORMATS, export
from annotator.output import MARKER
from annotator.project import Project
from annotator.review import compare
from annotator.search.suggestions import ANNOTATE_ALL, Suggestion
from annotator.store import SCHEMA_VERSION
from annotator.uuids import new_uuid

TEXT = "زار محمد علي بباريس. ثم عاد محمد إلى هولندا وباريس."
FIXTURES = Path(__file__).with_name("fixtures")


def _sugg(doc_id: int, start: int, end: int, label: str = "PER", source: str = "gazetteer:x",
          score: float = 1.0, text: str = TEXT) -> Suggestion:  # fmt: skip
    return Suggestion(new_uuid(), doc_id, start, end, label, text[start:end], source, score, "o")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    doc = p.add_document(TEXT, name="one")
    p.add_span(doc.id, 4, 12, "PER", "amal")
    return p


def _offsets(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return at, at + len(word)


def test_pending_in_reading_order_with_filters_and_counts(project: Project) -> None:
    a = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE", score=0.4)
    b = _sugg(1, *_offsets(TEXT, "محمد", 1), source="model:crf@1", score=0.9)
    c = _sugg(1, *_offsets(TEXT, "هولندا"), label="GPE", score=0.7)
    assert project.add_suggestions([c, a, b]) == 3
    got = project.suggestions(1)
    assert [s.uuid for s in got] == [a.uuid, b.uuid, c.uuid]
    assert got[0] == a  # every field as stored
    assert [s.uuid for s in project.suggestions(1, min_score=0.5)] == [b.uuid, c.uuid]
    assert [s.uuid for s in project.suggestions(1, source="model:crf@1")] == [b.uuid]
    assert project.suggestion_counts() == {1: 3}


def test_duplicates_and_remembered_rejections_never_come_back(project: Project) -> None:
    a = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE")
    assert project.add_suggestions([a]) == 1
    again = _sugg(1, a.start, a.end, label="GPE")  # same key, another uuid
    assert project.add_suggestions([again]) == 0
    project.reject_suggestions([a.uuid])
    assert project.suggestions(1) == []
    assert project.add_suggestions([_sugg(1, a.start, a.end, label="GPE")]) == 0
    assert project.rejected_suggestions() == {a.key}
    # another source or label is another suggestion
    assert project.add_suggestions([_sugg(1, a.start, a.end, label="GPE", source="s2")]) == 1
    # equal to a live span of any layer: a duplicate too
    assert project.add_suggestions([_sugg(1, 4, 12, label="PER", source="s3")]) == 0
    # clearing pending keeps the rejection memory
    assert project.clear_suggestions() == 1
    assert project.add_suggestions([_sugg(1, a.start, a.end, label="GPE")]) == 0


def test_bad_offsets_or_text_are_refused_and_nothing_is_stored(project: Project) -> None:
    good = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE")
    bad = Suggestion(new_uuid(), 1, 0, 3, "PER", "xyz", "s", 1.0)
    with pytest.raises(ValidationError):
        project.add_suggestions([good, bad])
    with pytest.raises(ValidationError):
        project.add_suggestions([Suggestion(new_uuid(), 1, 5, 999, "PER", "", "s", 1.0)])
    assert project.suggestions(1) == []


def test_accept_makes_spans_with_provenance_in_one_transaction(
    project: Project, tmp_path: Path
) -> None:
    a = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE", score=0.75)
    b = _sugg(1, *_offsets(TEXT, "محمد", 1))
    dup = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE", source="other")
    project.add_suggestions([a, b, dup])
    spans = project.accept_suggestions([a.uuid, b.uuid, dup.uuid], "huda")
    assert [(s.start, s.end, s.label, s.annotator) for s in spans] == [
        (a.start, a.end, "GPE", "huda"),
        (b.start, b.end, "PER", "huda"),
    ]  # the second باريس (same offsets and label, other source) duplicates nothing
    assert project.suggestions(1) == []
    assert project.rejected_suggestions() == set()
    note = spans[0].note
    assert note.startswith("suggestion: ")
    assert json.loads(note.removeprefix("suggestion: ")) == {
        "source": "gazetteer:x", "score": 0.75, "origin": "o",
    }  # fmt: skip
    out = tmp_path / "out.jsonl"
    export(project, "jsonl", out, annotator="huda")
    exported = out.read_text("utf-8")
    assert '"source": "gazetteer:x"' in exported or "gazetteer:x" in exported


def test_accept_never_duplicates_an_existing_span_of_the_layer(project: Project) -> None:
    s = _sugg(1, 4, 12, label="PER", source="x")
    project.add_suggestions([_sugg(1, *_offsets(TEXT, "علي"))])
    # stored directly would be refused as a duplicate; a span added after the suggestion:
    assert project.add_suggestions([s]) == 0
    late = _sugg(1, *_offsets(TEXT, "هولندا"), label="GPE")
    project.add_suggestions([late])
    project.add_span(1, late.start, late.end, "GPE", "amal")
    assert project.accept_suggestions([late.uuid], "amal") == []
    assert len(project.spans(1, "amal")) == 2
    assert project.pending_suggestions([late.uuid]) == []


def test_a_suggestion_of_a_label_the_schema_lacks_is_never_stored(project: Project) -> None:
    """It was stored and then made the whole accept fail (QA 13: one such suggestion blocked
    "accept all" for its document); the store now leaves it out for every source."""
    ok = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE")
    bad = _sugg(1, *_offsets(TEXT, "هولندا"), label="NOT-A-LABEL")
    assert project.add_suggestions([ok, bad]) == 1
    assert {s.uuid for s in project.suggestions(1)} == {ok.uuid}
    project.accept_suggestions([ok.uuid], "huda")
    assert [(s.start, s.label) for s in project.spans(1, "huda")] == [(ok.start, "GPE")]


def test_accept_command_is_one_undo_step(project: Project) -> None:
    items = [
        _sugg(1, *_offsets(TEXT, "باريس"), label="GPE"),
        _sugg(1, *_offsets(TEXT, "هولندا"), label="GPE"),
        _sugg(1, *_offsets(TEXT, "محمد", 1)),
    ]
    project.add_suggestions(items)
    cmd = AcceptSuggestions([s.uuid for s in items], "huda")
    changed = cmd.do(project)
    assert changed.doc_ids == {1} and len(changed.created) == 3
    uuids = {s.uuid for s in project.spans(1, "huda")}
    assert len(uuids) == 3 and project.suggestions(1) == []
    cmd.undo(project)
    assert project.spans(1, "huda") == []
    assert project.suggestions(1) == sorted(items, key=lambda s: s.start)
    cmd.do(project)  # redo: the same spans, same uuids
    assert {s.uuid for s in project.spans(1, "huda")} == uuids
    assert project.suggestions(1) == []


def test_reject_command_undo_puts_them_back(project: Project) -> None:
    a = _sugg(1, *_offsets(TEXT, "باريس"), label="GPE")
    project.add_suggestions([a])
    cmd = RejectSuggestions([a.uuid])
    assert cmd.do(project).doc_ids == {1}
    assert project.suggestions(1) == [] and project.rejected_suggestions() == {a.key}
    cmd.undo(project)
    assert project.suggestions(1) == [a] and project.rejected_suggestions() == set()
    cmd.do(project)
    assert project.suggestions(1) == []


def test_models_round_trip_checksummed(project: Project) -> None:
    assert project.latest_model("ner") is None
    data = b"\x00crfsuite bytes\xff" * 100
    first = project.save_model("ner", data, {"name": "crf", "version": "ab12", "layer": "gold"})
    second = project.save_model("ner", data + b"!", {"name": "crf", "version": "cd34"})
    assert second > first
    got = project.latest_model("ner")
    assert got is not None and got[0] == data + b"!" and got[1]["version"] == "cd34"
    assert project.latest_model("triggers") is None
    listed = project.models()
    assert [(m["id"], m["version"], m["layer"], m["size"]) for m in listed] == [
        (first, "ab12", "gold", len(data)), (second, "cd34", "", len(data) + 1),
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        project.save_model("pickle", data, {})


def test_a_tampered_model_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.save_model("ner", b"model bytes", {"name": "crf", "version": "1"})
    conn = sqlite3.connect(path)  # a colleague's copy, altered
    conn.execute("UPDATE models SET data = ?", [b"model bytez"])
    conn.commit()
    conn.close()
    with Project.open(path) as p, pytest.raises(ProjectFileError, match="damaged"):
        p.latest_model("ner")


def test_version_2_file_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    shutil.copy(FIXTURES / "project_v2.annotator", path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    with Project.open(path) as p:
        assert [s.text for s in p.spans(1, "amal")] == ["اعتقل", "محمد علي", "بغداد"]
        assert p.status(1, "amal").value == "done"
        text = p.document(2).text
        start = text.index("هولندا")
        assert p.add_suggestions([_sugg(2, start, start + 6, "GPE", text=text)]) == 1
        p.save_model("ner", b"x", {"name": "crf"})
        assert p.ensure_search_index()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"suggestions", "models", "search_index"} <= names  # the index: built above
    conn.close()
    with Project.open(path) as p:
        assert p.integrity() == []


# -- never exported, measured or merged until accepted ----------------------------------------
def _annotated(path: Path) -> Project:
    p = Project.create(path)
    doc = p.add_document(TEXT, name="one")
    p.add_span(doc.id, 4, 12, "PER", "amal")
    p.add_span(doc.id, *_offsets(TEXT, "هولندا"), "GPE", "amal")
    p.add_span(doc.id, 4, 12, "PER", "huda")
    p.set_status(doc.id, "amal", "done")
    return p


def _with_suggestions(p: Project) -> None:
    p.add_suggestions([
        _sugg(1, *_offsets(TEXT, "باريس"), label="GPE", source=ANNOTATE_ALL),
        _sugg(1, *_offsets(TEXT, "باريس", 1), label="GPE", source="model:crf@1", score=0.3),
        _sugg(1, *_offsets(TEXT, "علي"), label="PER"),
    ])  # fmt: skip
    rejected = _sugg(1, *_offsets(TEXT, "محمد", 1), label="PER")
    p.add_suggestions([rejected])
    p.reject_suggestions([rejected.uuid])
    p.save_model("ner", b"model", {"name": "crf", "version": "1", "layer": "amal"})


def _tree(root: Path) -> dict[str, bytes]:
    if root.is_file():
        return {"": root.read_bytes()}
    # the output marker records file times (annotator.output), nothing of the content
    return {
        str(f.relative_to(root)): f.read_bytes()
        for f in sorted(root.rglob("*"))
        if f.is_file() and f.name != MARKER
    }


def test_no_export_format_sees_a_suggestion_or_a_model(tmp_path: Path) -> None:
    p = _annotated(tmp_path / "p.annotator")
    before: dict[str, dict[str, bytes]] = {}
    for fmt in FORMATS:
        out = tmp_path / "before" / fmt
        out.parent.mkdir(exist_ok=True)
        export(p, fmt, out, annotator="amal")
        before[fmt] = _tree(out)
    _with_suggestions(p)
    for fmt in FORMATS:
        out = tmp_path / "after" / fmt
        out.parent.mkdir(exist_ok=True)
        export(p, fmt, out, annotator="amal")
        assert _tree(out) == before[fmt], fmt
    p.close()


def test_agreement_review_and_dumps_see_no_suggestion(tmp_path: Path) -> None:
    p = _annotated(tmp_path / "p.annotator")
    dump = canonical_dump(p)
    result = agreement(project_layers(p, ["amal", "huda"])).to_json()
    diffs = compare(p.layer(1, "amal"), p.layer(1, "huda"))
    _with_suggestions(p)
    assert canonical_dump(p) == dump
    again = agreement(project_layers(p, ["amal", "huda"]))
    assert again.to_json() == result
    assert compare(p.layer(1, "amal"), p.layer(1, "huda")) == diffs
    assert p.annotators() == ["amal", "huda"]
    p.close()


def test_bundles_and_project_file_merges_carry_none(tmp_path: Path) -> None:
    src = _annotated(tmp_path / "src.annotator")
    _with_suggestions(src)
    bundle = tmp_path / "amal.zip"
    write_bundle(src, "amal", bundle)
    src.close()
    with Project.create(tmp_path / "a.annotator") as dest:
        merge_bundle(dest, read_bundle(bundle))
        assert len(dest.spans(annotator="amal")) == 2
        assert dest.suggestions(None) == [] and dest.rejected_suggestions() == set()
        assert dest.models() == [] and dest.latest_model("ner") is None
    with Project.create(tmp_path / "b.annotator") as dest:
        merge_project_file(dest, tmp_path / "src.annotator")
        assert len(dest.spans()) == 3
        assert dest.suggestions(None) == [] and dest.rejected_suggestions() == set()
        assert dest.models() == [] and dest.latest_model("ner") is None


def test_a_hostile_files_model_and_suggestion_tables_are_ignored_by_merges(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hostile.annotator"
    _annotated(path).close()
    conn = sqlite3.connect(path)  # rows the app never writes: a pickle, a bogus suggestion
    conn.execute(
        "INSERT INTO models (kind, name, version, layer, created, manifest, data, sha256) "
        "VALUES ('ner', 'x', '1', 'amal', '', '{}', ?, 'bad')",
        [b"\x80\x04cos\nsystem\n."],
    )
    conn.execute(
        "INSERT INTO suggestions VALUES ('u', 1, 0, 3, 'PER', 'زار', 'evil', 1.0, '', "
        "'pending', '')"
    )
    conn.commit()
    conn.close()
    with Project.create(tmp_path / "dest.annotator") as dest:
        merge_project_file(dest, path)
        assert dest.models() == [] and dest.suggestions(None) == []
