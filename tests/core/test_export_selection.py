"""What an export of one layer selects: never the texts that layer did not annotate."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import Project
from annotator.exporting import export


def test_documents_a_layer_never_touched_are_left_out_and_reported(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        done = p.add_document("وصل الوزير إلى بغداد.", name="annotated")
        p.add_span(done.id, 15, 20, "GPE", "amal")
        p.add_document("نص لم يفتحه أحد.", name="untouched")
        opened = p.add_document("نص فتحته أمل فقط.", name="opened")
        p.set_status(opened.id, "amal", "in_progress")  # opened, found nothing: it counts
        report = export(p, "conll", tmp_path / "amal.conll", annotator="amal")
        conll = (tmp_path / "amal.conll").read_text(encoding="utf-8")
        assert report.documents == 2
        assert "بغداد\tB-GPE" in conll and "أحد" not in conll and "فتحته" in conll
        assert report.documents_skipped == {
            "never annotated in layer amal (--status new exports them)": 1
        }
        assert any(line.startswith("documents left out 1:") for line in report.lines())
        # asked for explicitly (status new: no status set), the untouched text goes out
        new = export(p, "conll", tmp_path / "new.conll", annotator="amal", status="new")
        assert new.documents == 2 and "أحد" in (tmp_path / "new.conll").read_text("utf-8")


def test_nothing_to_export_without_a_status_says_so_plainly(tmp_path: Path) -> None:
    """A layer with no annotations left: the message names no status (it said 'status None')."""
    from annotator.errors import AnnotatorError

    path = tmp_path / "e.annotator"
    with Project.create(path) as p:
        doc = p.add_document("قال محمد علي", name="one")
        p.delete_span(p.add_span(doc.id, 4, 8, "PER", "qa").uuid)
        with pytest.raises(AnnotatorError) as info:
            export(p, "jsonl", tmp_path / "x.jsonl", annotator="qa")
    assert str(info.value) == "nothing to export: no document has annotations in layer qa"
