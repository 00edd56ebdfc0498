"""``annotator.learn.retrain.new_span_uuids``: the spans the model panel counts as new since a
model's date, read by the training worker (issue 14: not on the window's thread)."""

from __future__ import annotations

from pathlib import Path

from annotator.learn.retrain import new_annotations, new_span_uuids
from annotator.project import Project

TEXT = "باريس وفرنسا وهولندا"


def test_the_live_spans_of_the_layer_written_since_the_date(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        old = {"layer": "gold", "trained": "2001-01-01T00:00:00+00:00"}
        kept = p.add_span(doc.id, 0, 5, "GPE", "gold")
        gone = p.add_span(doc.id, 6, 12, "GPE", "gold")
        p.add_span(doc.id, 13, 20, "GPE", "other")  # another layer
        p.delete_span(gone.uuid)
        assert new_span_uuids(p, old) == {kept.uuid}
        assert len(new_span_uuids(p, old)) == new_annotations(p, old)
        # nothing is newer than a date to come; no layer, no date, a date of another kind: none
        assert new_span_uuids(p, {"layer": "gold", "trained": "2999-01-01T00:00:00+00:00"}) == set()
        assert new_span_uuids(p, {"trained": old["trained"]}) == set()
        assert new_span_uuids(p, {"layer": "gold"}) == set()
        assert new_span_uuids(p, {"layer": "gold", "trained": ["a"]}) == set()
