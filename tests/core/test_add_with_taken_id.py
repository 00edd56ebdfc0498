"""An add given the id of a record that exists (live or deleted) is refused, whatever the
record's document and layer: it wrote over that record (QA, 2026-11-30: ``add_span(...,
uuid=X)`` replaced span X of another document and layer, silently)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import ValidationError
from annotator.project import Project

TEXT = "زار لودريان باريس أمس لبحث الهجوم."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_every_add_refuses_an_id_in_use(tmp_path: Path) -> None:
    with Project.create(tmp_path / "ids.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        other = p.add_document(TEXT + " ثانية", name="e")
        per = p.add_span(doc.id, *at("لودريان"), "PER", "imported", uuid="same-1")
        gpe = p.add_span(doc.id, *at("باريس"), "GPE", "imported")
        attack = p.add_span(doc.id, *at("الهجوم"), "Conflict.Attack", "imported")
        event = p.add_event(attack.uuid, uuid="ev-1")
        p.add_argument(event.uuid, "Place", gpe.uuid, uuid="arg-1")
        p.add_relation("PHYS", per.uuid, gpe.uuid, uuid="rel-1")
        gone = p.add_span(doc.id, *at("أمس"), "TIME", "imported", uuid="gone-1")
        p.delete_span(gone.uuid)
        before = {s.uuid: s for s in p.spans()}
        with pytest.raises(ValidationError, match="id same-1 is already used"):
            p.add_span(other.id, *at("باريس"), "GPE", "amal", uuid="same-1")
        with pytest.raises(ValidationError, match="id gone-1 is already used"):
            p.add_span(other.id, *at("باريس"), "GPE", "amal", uuid="gone-1")
        with pytest.raises(ValidationError, match="already used"):
            p.add_event(attack.uuid, uuid="ev-1")
        with pytest.raises(ValidationError, match="already used"):
            p.add_argument(event.uuid, "Place", gpe.uuid, uuid="arg-1")
        with pytest.raises(ValidationError, match="already used"):
            p.add_relation("PHYS", per.uuid, gpe.uuid, uuid="rel-1")
        assert {s.uuid: s for s in p.spans()} == before  # nothing written over
        # a fresh id, given or not, is taken
        assert p.add_span(other.id, *at("باريس"), "GPE", "amal", uuid="fresh-1").uuid == "fresh-1"
