"""A merge that takes nothing in leaves the project's schema as it was (QA 18, defect 8).

A bundle written with ``--hashes-only`` carries the hashes of its documents, not their texts:
merged into a project that lacks those documents, every record is quarantined ("unknown
document"), and yet the bundle's labels were added to the project's schema. The labels (and
attributes) of a source's schema are now stored with what the merge takes in: a merge that
takes in no document, no record version and no status leaves the schema alone, and its report
says which labels it did not add. A source holding no record and no status (the hub's team
schema, with the hashes of the documents assigned; an empty bundle) is still merged for its
schema, and ``adopt_schema`` takes it whatever is taken in.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.project import Project
from annotator.schema import AttributeDef, Label, default_schema
from annotator.schema.edit import add_label, remove_label, with_attributes

TEXTS = ("زار محمد بغداد امس", "عاد علي الى القاهرة")
NEW = ("MYLAB", "OTHER")
NOTE = AttributeDef("Note", "text")


def _source(tmp_path: Path) -> Path:
    """A project of two documents whose schema adds MYLAB, OTHER (unused) and an attribute
    the default schema lacks; amal's layer uses MYLAB and PER, with a status."""
    schema = default_schema()
    for name in NEW:
        schema = add_label(schema, Label(name))
    schema = with_attributes(schema, (*schema.attributes, NOTE))
    path = tmp_path / "src.annotator"
    with Project.create(path, schema=schema) as p:
        d1 = p.add_document(TEXTS[0], name="d1")
        d2 = p.add_document(TEXTS[1], name="d2")
        p.add_span(d1.id, 4, 8, "PER", "amal")
        p.add_span(d2.id, 4, 7, "MYLAB", "amal", attributes={"Note": "x"})
        p.set_status(d1.id, "amal", "done")
    return path


def _bundle(tmp_path: Path, hashes_only: bool) -> Path:
    out = tmp_path / ("ho.bundle" if hashes_only else "full.bundle")
    with Project.open(_source(tmp_path)) as p:
        write_bundle(p, "amal", out, include_text=not hashes_only)
    return out


def _schema_row(path: Path) -> tuple[str, str]:
    """The stored schema row: its JSON and its modified stamp (a rewrite changes it)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT json, modified FROM schema WHERE id = 1").fetchone()
    finally:
        conn.close()
    return str(row[0]), str(row[1])


def test_a_hashes_only_bundle_into_an_empty_project_leaves_the_schema(tmp_path: Path) -> None:
    bundle = read_bundle(_bundle(tmp_path, hashes_only=True))
    path = tmp_path / "empty.annotator"
    Project.create(path).close()
    before = _schema_row(path)
    with Project.open(path) as p:
        report = merge_bundle(p, bundle, "ho.bundle")
        assert not report.took_in()
        assert (report.documents_added, report.added, report.updated) == (0, 0, 0)
        assert len(report.quarantined) == 3  # two spans and the status
        assert {q.reason for q in report.quarantined} == {"unknown document"}
        assert report.labels_added == [] and report.attributes_added == []
        assert report.labels_withheld == list(NEW)
        assert [a.name for a in report.attributes_withheld] == ["Note"]
        assert p.schema.label("MYLAB") is None and p.schema.label("OTHER") is None
        lines = report.lines()
        assert "labels of ho.bundle not added, as nothing was taken in from it: MYLAB, OTHER" in (
            lines
        )
        assert "attribute of ho.bundle not added, as nothing was taken in from it: Note" in lines
        assert not any(line.startswith("labels added from") for line in lines)
    assert _schema_row(path) == before  # not rewritten, not even with the same JSON
    with Project.open(path) as p:
        assert {lab.name for lab in p.schema.all_labels()}.isdisjoint(NEW)
        assert len(p.quarantined()) == 3


def test_the_same_bundle_into_a_project_holding_the_texts_adds_the_labels(
    tmp_path: Path,
) -> None:
    bundle = read_bundle(_bundle(tmp_path, hashes_only=True))
    with Project.create(tmp_path / "mine.annotator") as p:
        for i, text in enumerate(TEXTS):
            p.add_document(text, name=f"m{i}")
        report = merge_bundle(p, bundle, "ho.bundle")
        assert report.took_in() and report.added == 2 and not report.quarantined
        assert report.labels_added == list(NEW) and report.labels_withheld == []
        assert [a.name for a in report.attributes_added] == ["Note"]
        assert p.schema.label("MYLAB") is not None and p.schema.label("OTHER") is not None
        assert {s.label for s in p.spans()} == {"PER", "MYLAB"}


def test_one_record_taken_in_takes_the_schema_with_it(tmp_path: Path) -> None:
    """The project holds one of the two documents: the span on it is taken in, the other
    quarantined; the schema's labels come with what was taken in, MYLAB included (the
    quarantined span's: it is taken in once its document is there)."""
    bundle = read_bundle(_bundle(tmp_path, hashes_only=True))
    with Project.create(tmp_path / "mine.annotator") as p:
        p.add_document(TEXTS[0], name="m0")
        report = merge_bundle(p, bundle, "ho.bundle")
        assert report.added == 1 and len(report.quarantined) == 1
        assert report.labels_added == list(NEW)
        assert p.schema.label("MYLAB") is not None


def test_merging_again_what_the_project_holds_takes_nothing_from_the_schema(
    tmp_path: Path,
) -> None:
    """Every version as old as the project's: nothing taken in, so a label the project
    removed after the first merge is not put back."""
    bundle = read_bundle(_bundle(tmp_path, hashes_only=False))
    with Project.create(tmp_path / "mine.annotator") as p:
        merge_bundle(p, bundle, "full.bundle")
        assert p.schema.label("OTHER") is not None
        p.set_schema(remove_label(p.schema, "OTHER"))
        report = merge_bundle(p, bundle, "full.bundle")
        assert (report.added, report.updated, report.kept) == (0, 0, 2)
        assert report.labels_withheld == ["OTHER"] and p.schema.label("OTHER") is None


def test_a_bundle_of_no_record_and_no_status_is_merged_for_its_schema(tmp_path: Path) -> None:
    """The hub merges an empty bundle to bring its team schema's new labels: added."""
    schema = add_label(default_schema(), Label("EVT"))
    with Project.create(tmp_path / "team.annotator", schema=schema) as p:
        write_bundle(p, "nobody", tmp_path / "empty.bundle")
    with Project.create(tmp_path / "mine.annotator") as p:
        report = merge_bundle(p, read_bundle(tmp_path / "empty.bundle"), "hub")
        assert report.labels_added == ["EVT"] and p.schema.label("EVT") is not None


def test_a_bundle_of_documents_and_schema_only_is_merged_for_its_schema(
    tmp_path: Path,
) -> None:
    """The hub's bundle of its team schema carries the hashes of the documents assigned,
    which the project holds: nothing is taken in, and the schema's labels are added."""
    bundle = read_bundle(_bundle(tmp_path, hashes_only=True))
    bundle = dataclasses.replace(bundle, records=[], statuses=[])
    with Project.create(tmp_path / "mine.annotator") as p:
        for i, text in enumerate(TEXTS):
            p.add_document(text, name=f"m{i}")
        report = merge_bundle(p, bundle, "hub")
        assert report.documents_matched == 2 and not report.took_in()
        assert report.labels_added == list(NEW) and p.schema.label("MYLAB") is not None


def test_adopt_schema_takes_the_schema_whatever_is_taken_in(tmp_path: Path) -> None:
    bundle = read_bundle(_bundle(tmp_path, hashes_only=True))
    with Project.create(tmp_path / "mine.annotator") as p:
        report = merge_bundle(p, bundle, "hub", adopt_schema=True)
        assert not report.took_in() and len(report.quarantined) == 3
        assert report.labels_added == list(NEW) and report.labels_withheld == []
        assert p.schema.label("MYLAB") is not None


def test_the_cli_steps_of_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``init``, ``import``, ``bundle --hashes-only``, ``merge`` into an empty project: the
    schema it prints before and after the merge is the same."""
    src, dst = tmp_path / "src.annotator", tmp_path / "dst.annotator"
    data = tmp_path / "d.jsonl"
    line = {"name": "d1", "text": TEXTS[0], "spans": [{"start": 4, "end": 8, "label": "MYLAB"}]}
    data.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["init", str(src)]) == 0
    assert main(["import", str(src), str(data), "--annotator", "amal", "--new-labels", "add"]) == 0
    bundle = tmp_path / "ho.bundle"
    assert main(["bundle", str(src), "--annotator", "amal", "--output", str(bundle),
                 "--hashes-only"]) == 0  # fmt: skip
    assert main(["init", str(dst)]) == 0
    before = tmp_path / "before.json"
    after = tmp_path / "after.json"
    assert main(["schema", str(dst), "--export", str(before)]) == 0
    capsys.readouterr()
    assert main(["merge", str(dst), str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "quarantined (unknown document): 1" in out
    assert "labels of ho.bundle not added, as nothing was taken in from it: MYLAB" in out
    assert "labels added from" not in out
    assert main(["schema", str(dst), "--export", str(after)]) == 0
    assert after.read_bytes() == before.read_bytes()
