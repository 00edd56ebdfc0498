"""Label Studio tasks: round trips, UTF-16 vs code-point detection after emoji, layers, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import Cancelled, ImportFormatError
from annotator.formats.label_studio import read_label_studio, write_label_studio
from annotator.imported import ImportedDocument
from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.schema import Schema, default_schema
from annotator.text import sha256_text

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
# docs/design/formats.md 1.3: بغداد at cp 21, UTF-16 24
EMOJI_TEXT = "👨🏻\u200d🚒 اعتقل محمد علي ببغداد."


def seed_doc(layer: str = "gold") -> DocumentAnnotations:
    """The seed article: in-word spans, an event filling another event's role, a relation."""
    text = SEED.read_text(encoding="utf-8")
    paris = text.index("بباريس") + 1
    nl = text.index("وهولندا") + 1
    mod = text.index("وزارة الدفاع")
    meet = text.index("الاجتماع")
    raids = text.index("الغارات")
    isis = text.index("داعش")
    spans = (
        Span("paris", 1, layer, paris, paris + 5, "GPE", ""),
        Span("nl", 1, layer, nl, nl + 6, "GPE", ""),
        Span("mod", 1, layer, mod, mod + 12, "ORG", ""),
        Span("isis", 1, layer, isis, isis + 4, "ORG", ""),
        Span("meet", 1, layer, meet, meet + 8, "Contact.Meet", ""),
        Span("raids", 1, layer, raids, raids + 7, "Conflict.Attack", ""),
    )
    events = (
        Event("e1", 1, layer, "Contact.Meet", "meet"),
        Event("e2", 1, layer, "Conflict.Attack", "raids"),
    )
    args = (
        Argument("a1", "e1", 1, layer, "Entity", "mod"),
        Argument("a2", "e1", 1, layer, "Place", "paris"),
        Argument("a3", "e2", 1, layer, "Target", "isis"),
        Argument("a4", "e1", 1, layer, "Entity", "e2"),
    )
    rels = (Relation("r1", 1, layer, "PHYS", "mod", "paris"),)
    doc = Document(1, "seed.txt", text, sha256_text(text))
    return DocumentAnnotations(doc, spans, events, args, rels)


def expected(doc: DocumentAnnotations) -> dict[str, Any]:
    spans = {s.uuid: (s.start, s.end, s.label) for s in doc.spans}
    sig = {**spans, **{e.uuid: spans[e.trigger] for e in doc.events}}
    return {
        "spans": sorted(spans.values()),
        "events": sorted(
            (e.type, sig[e.uuid], sorted((a.role, sig[a.target]) for a in doc.arguments_of(e.uuid)))
            for e in doc.events
        ),
        "relations": sorted((r.type, sig[r.source], sig[r.target]) for r in doc.relations),
    }


def imported(doc: ImportedDocument) -> dict[str, Any]:
    spans = {s.key: (s.start, s.end, s.label) for s in doc.spans}
    sig = {**spans, **{e.key: spans[e.trigger] for e in doc.events}}
    return {
        "spans": sorted(spans.values()),
        "events": sorted(
            (e.type, sig[e.key], sorted((r, sig[t]) for r, t in e.arguments)) for e in doc.events
        ),
        "relations": sorted((r.type, sig[r.source], sig[r.target]) for r in doc.relations),
    }


def emoji_doc() -> DocumentAnnotations:
    text = EMOJI_TEXT
    spans = (
        Span("s1", 1, "gold", 21, 26, "GPE", "بغداد"),
        Span("s2", 1, "gold", 11, 19, "PER", "محمد علي"),
    )
    return DocumentAnnotations(Document(1, "emoji", text, sha256_text(text)), spans)


def test_seed_round_trip_with_events_and_relations(tmp_path: Path) -> None:
    doc = seed_doc()
    out = tmp_path / "tasks.json"
    report = write_label_studio([doc], out, default_schema())
    assert report.documents == 1 and sum(report.dropped.values()) == 0
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["text"] == doc.document.text
    assert task["meta"]["name"] == "seed.txt" and task["meta"]["layers"] == ["gold"]
    result = task["annotations"][0]["result"]
    region = next(r for r in result if r["type"] == "labels" and r["value"]["text"] == "باريس")
    paris = doc.document.text.index("بباريس") + 1
    assert region["value"]["start"] == paris and region["value"]["end"] == paris + 5
    assert sum(r["type"] == "relation" for r in result) == 5
    # the events are marked in meta: no schema is needed to tell an argument from a relation
    regions = {r["id"]: r["value"]["text"] for r in result if r["type"] == "labels"}
    marks = task["meta"]["events"]
    assert [regions[m["trigger"]] for m in marks] == ["الاجتماع", "الغارات"]
    assert {"role": "Entity", "event": marks[1]["id"]} in marks[0]["arguments"]
    for schema in (default_schema(), None):
        (back,) = read_label_studio(out, schema=schema).documents
        assert back.annotator == "gold" and back.name == "seed.txt"
        assert imported(back) == expected(doc)


def test_an_argument_removed_in_label_studio_is_not_kept(tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    write_label_studio([seed_doc()], out, default_schema())
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    result = task["annotations"][0]["result"]
    place = next(r for r in result if r.get("labels") == ["Place"])
    result.remove(place)  # the annotator deleted the Place arc
    out.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    (back,) = read_label_studio(out).documents
    roles = sorted(r for e in back.events for r, _ in e.arguments)
    assert roles == ["Entity", "Entity", "Target"] and len(back.relations) == 1


def test_utf16_and_code_point_offsets_after_emoji(tmp_path: Path) -> None:
    """Code points by default: current Label Studio counts them (formats.md A.6)."""
    doc = emoji_doc()
    write_label_studio([doc], tmp_path / "u16.json", Schema(), units="utf16")
    write_label_studio([doc], tmp_path / "cp.json", Schema())
    u16 = json.loads((tmp_path / "u16.json").read_text("utf-8"))[0]["annotations"][0]["result"]
    cp = json.loads((tmp_path / "cp.json").read_text("utf-8"))[0]["annotations"][0]["result"]
    assert [(r["value"]["start"], r["value"]["end"]) for r in u16] == [(14, 22), (24, 29)]
    assert [(r["value"]["start"], r["value"]["end"]) for r in cp] == [(11, 19), (21, 26)]
    for name, unit in (("u16.json", "utf16"), ("cp.json", "codepoints")):
        (back,) = read_label_studio(tmp_path / name).documents  # the unit is detected
        assert [(s.start, s.end) for s in back.spans] == [(11, 19), (21, 26)]
        assert back.meta["offset_units"] == unit


def test_ambiguous_region_follows_the_other_regions_then_the_preferred_unit(tmp_path: Path) -> None:
    text = "😀اا ب"  # UTF-16 2-3 and code points 2-3 both cover "ا"; 4-5 is " " or "ب"
    region = {
        "id": "a",
        "type": "labels",
        "value": {"start": 2, "end": 3, "text": "ا", "labels": ["X"]},
    }
    other = {
        "id": "b",
        "type": "labels",
        "value": {"start": 5, "end": 6, "text": "ب", "labels": ["X"]},
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps([{"data": {"text": text}, "annotations": [{"result": [region]}]}]))
    # alone, the region is read in the preferred unit: code points unless told otherwise
    assert [(s.start, s.end) for s in read_label_studio(path).documents[0].spans] == [(2, 3)]
    only_u16 = read_label_studio(path, units="utf16").documents[0]
    assert [(s.start, s.end) for s in only_u16.spans] == [(1, 2)]
    # "ب" at 5-6 fits only UTF-16 units, so the whole annotation is read as UTF-16
    path.write_text(
        json.dumps([{"data": {"text": text}, "annotations": [{"result": [region, other]}]}])
    )
    both = read_label_studio(path).documents[0]
    assert [(s.start, s.end) for s in both.spans] == [(1, 2), (4, 5)]
    assert both.meta["offset_units"] == "utf16"


def test_region_whose_text_matches_no_unit_is_an_error(tmp_path: Path) -> None:
    region = {
        "id": "x",
        "type": "labels",
        "value": {"start": 0, "end": 3, "text": "بغداد", "labels": ["GPE"]},
    }
    task = {"data": {"text": EMOJI_TEXT}, "annotations": [{"result": [region]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([task, {"data": {"text": "ابجد"}}]), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"task 1: region x: value\.text"):
        read_label_studio(path)
    lenient = read_label_studio(path, strict=False)
    assert [p.message[:7] for p in lenient.problems] == ["task 1:"]
    assert [d.text for d in lenient.documents] == ["ابجد"]


def test_layers_predictions_direction_and_cancelled(tmp_path: Path) -> None:
    a, b = seed_doc("amina"), seed_doc("omar")
    both = DocumentAnnotations(a.document, a.spans + b.spans[:2])
    write_label_studio([both], tmp_path / "p.json", Schema(), predictions=True)
    task = json.loads((tmp_path / "p.json").read_text("utf-8"))[0]
    assert [p["model_version"] for p in task["predictions"]] == ["amina", "omar"]
    docs = read_label_studio(tmp_path / "p.json").documents
    assert [(d.annotator, len(d.spans)) for d in docs] == [("amina", 6), ("omar", 2)]
    text = "اعتقل محمد علي ببغداد."
    regions = [
        {"id": "p", "type": "labels", "value": {"start": 6, "end": 14, "labels": ["PER"]}},
        {"id": "g", "type": "labels", "value": {"start": 16, "end": 21, "labels": ["GPE"]}},
        {"type": "relation", "from_id": "g", "to_id": "p", "direction": "left", "labels": ["PHYS"]},
    ]
    tasks = [
        {
            "data": {"text": text},
            "annotations": [{"result": regions}, {"was_cancelled": True, "result": []}],
        }
    ]
    (tmp_path / "d.json").write_text(json.dumps(tasks), encoding="utf-8")
    (doc,) = read_label_studio(tmp_path / "d.json").documents
    assert [(r.type, r.source, r.target) for r in doc.relations] == [("PHYS", "p", "g")]


def test_cancelled_export_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        write_label_studio([seed_doc()], tmp_path / "t.json", Schema(), cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


ALPHABET = "ابتثجحخدرسشصطعغفقكلمنهويةى" + "َُِّ" + " \n،" + "😀🇸🇦𞸀"


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=50))
    spans: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        if all(b <= c or d <= a or (a <= c and d <= b) or (c <= a and b <= d) for c, d, _ in spans):
            span = (a, b, draw(st.sampled_from(("PER", "GPE", "ORG"))))
            if span not in spans:  # a layer holds one span per place and label
                spans.append(span)
    return text, spans


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents(), units=st.sampled_from(["utf16", "codepoints"]))
def test_random_spans_round_trip(
    tmp_path: Path, doc: tuple[str, list[tuple[int, int, str]]], units: str
) -> None:
    text, triples = doc
    spans = tuple(Span(f"s{n}", 1, "gold", a, b, lab, "") for n, (a, b, lab) in enumerate(triples))
    data = DocumentAnnotations(Document(1, "d", text, sha256_text(text)), spans)
    write_label_studio([data], tmp_path / "r.json", Schema(), units=units)
    (back,) = read_label_studio(tmp_path / "r.json", units=units).documents
    assert back.text == text
    assert [(s.start, s.end, s.label) for s in back.spans] == sorted(triples)  # by place
