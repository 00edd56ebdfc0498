"""A format that cannot hold a discontinuous span writes its outer bounds; importing that file
back into the project it came from must not stack a contiguous copy beside the stored span
(QA: a doccano or Label Studio export imported again added a second LOC, reported only as
"spans: 1")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from annotator.project import Project

TEXT = "زار الوفد مدينة باريس القديمة ثم مدينة ليون الجميلة."
ME = "amal"


def never(_: object) -> int:
    raise AssertionError("no window")


def build(path: Path) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    first = TEXT.index("باريس")
    second = TEXT.index("القديمة")
    frags = ((first, first + 5), (second, second + 7))
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, first, second + 7, "LOC", ME, fragments=frags)
        start = TEXT.index("ليون")
        p.add_span(doc.id, start, start + 4, "GPE", ME)
    return first, second + 7, frags


def loc_spans(path: Path) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    with Project.open(path) as p:
        return sorted((s.start, s.end, s.fragments) for s in p.spans(None) if s.label == "LOC")


@pytest.mark.parametrize("fmt", ["doccano", "label-studio"])
def test_an_export_that_flattens_fragments_imported_back_adds_nothing(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    start, end, frags = build(project)
    out = tmp_path / f"x.{fmt}"
    assert main(["export", str(project), "--format", fmt, "-o", str(out)], gui=never) == 0
    assert "outer bounds" in capsys.readouterr().out
    args = ["import", str(project), str(out), "--format", fmt, "--annotator", ME]
    assert main(args, gui=never) == 0
    printed = capsys.readouterr().out
    assert "spans: 0" in printed
    assert "nothing new" in printed
    assert loc_spans(project) == [(start, end, frags)]


def test_a_flattened_span_with_other_content_is_a_conflict_not_a_second_span(
    tmp_path: Path,
) -> None:
    project = tmp_path / "p.annotator"
    start, end, frags = build(project)
    src = tmp_path / "flat.jsonl"
    span = {"start": start, "end": end, "label": "LOC", "note": "ملاحظة أخرى"}
    line = {"name": "d", "text": TEXT, "annotator": ME, "spans": [span]}
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.open(project) as p:
        report = import_documents(p, read_jsonl(src))
    assert report.spans == 0 and report.already_present == 0
    assert len(report.conflicts) == 1
    assert loc_spans(project) == [(start, end, frags)]


def test_a_contiguous_span_at_other_bounds_is_still_added(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    start, end, frags = build(project)
    src = tmp_path / "other.jsonl"
    span = {"start": start, "end": start + 5, "label": "LOC"}
    line = {"name": "d", "text": TEXT, "annotator": ME, "spans": [span]}
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.open(project) as p:
        report = import_documents(p, read_jsonl(src))
    assert report.spans == 1
    assert loc_spans(project) == [(start, start + 5, ()), (start, end, frags)]
