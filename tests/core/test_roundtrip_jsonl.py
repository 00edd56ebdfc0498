"""JSONL: seed article with in-word and nested spans, events, relations → export → import."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.exporting import export
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from tests.conftest import inword


def content(project: Project) -> list[object]:
    """Everything but clock stamps and local ids."""
    out: list[object] = []
    for doc in project.documents():
        layer = project.layer(doc.id)
        out.append((doc.sha256, doc.name, doc.meta))
        for rec in (*layer.spans, *layer.events, *layer.arguments, *layer.relations):
            out.append(dataclasses.replace(rec, clock="", doc_id=0))  # type: ignore[arg-type]
    return out


def test_seed_round_trip_is_identical(
    seed_project: Project, seed_text: str, tmp_path: Path
) -> None:
    p = seed_project
    hol = p.add_span(
        1,
        *inword(seed_text, "وهولندا", 1),
        "GPE",
        "amal",
        attributes={"MentionType": "NAM"} if p.schema.attribute("MentionType") else None,
    )
    par = p.add_span(1, *inword(seed_text, "بباريس", 1), "GPE", "amal", note="الباء حرف جر")
    org = p.add_span(1, *inword(seed_text, "وزارة الدفاع بباريس", 0), "FAC", "amal")  # nests باريس
    trig = p.add_span(1, *inword(seed_text, "الاجتماع", 0), "Contact.Meet", "amal")
    ev = p.add_event(trig.uuid)
    p.add_argument(ev.uuid, "Place", par.uuid)
    p.add_span(1, 0, 6, "PER", "badr")
    p.set_status(1, "amal", "done")
    out = tmp_path / "out.jsonl"
    report = export(p, "jsonl", out)
    assert report.documents == 2 and report.spans_exported == 5
    with Project.create(tmp_path / "copy.annotator") as q:
        import_documents(q, read_jsonl(out))
        assert content(q) == content(p)
        assert q.status(1, "amal").value == "done"
        assert {s.text for s in q.spans(annotator="amal")} >= {"هولندا", "باريس"}
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {s["id"] for s in lines[0]["spans"]} >= {hol.uuid, par.uuid, org.uuid}


ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءأإآةى،.\n😀ً")),
    min_size=1,
    max_size=80,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ARABIC, data=st.data())
def test_generated_round_trip(tmp_path_factory: object, text: str, data: st.DataObject) -> None:
    tmp = tmp_path_factory.mktemp("rt")  # type: ignore[attr-defined]
    if not text.strip() or "\r" in text:
        return
    with Project.create(tmp / "a.annotator") as p:
        doc = p.add_document(text)
        n = len(doc.text)
        drawn: set[tuple[int, int, str]] = set()
        for _ in range(data.draw(st.integers(0, 6))):
            start = data.draw(st.integers(0, n - 1))
            end = data.draw(st.integers(start + 1, n))
            label = data.draw(st.sampled_from(["PER", "GPE", "ORG"]))
            if (start, end, label) not in drawn:  # a layer holds one span per place and label
                drawn.add((start, end, label))
                p.add_span(doc.id, start, end, label, "amal")
        export(p, "jsonl", tmp / "o.jsonl")
        with Project.create(tmp / "b.annotator") as q:
            import_documents(q, read_jsonl(tmp / "o.jsonl"))
            assert content(q) == content(p)
