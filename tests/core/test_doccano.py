"""doccano JSONL: both shapes, UTF-16 offsets after emoji, events as relations, bad lines."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import Cancelled, ImportFormatError
from annotator.formats.doccano import read_doccano, write_doccano
from annotator.imported import ImportedDocument
from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.schema import Schema, default_schema
from annotator.text import sha256_text

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
EMOJI_TEXT = "👨🏻\u200d🚒 اعتقل محمد علي ببغداد."  # docs/design/formats.md 1.3 test vector


def seed_doc() -> DocumentAnnotations:
    """The seed article: in-word spans, two events (one fills a role of the other), a relation."""
    text = SEED.read_text(encoding="utf-8")

    def at(word: str, skip: int = 0) -> tuple[int, int]:
        i = text.index(word) + skip
        return i, text.index(word) + len(word)

    marks = {
        "paris": (*at("بباريس", 1), "GPE"),  # باريس inside بباريس
        "nl": (*at("وهولندا", 1), "GPE"),  # هولندا inside وهولندا
        "mod": (*at("وزارة الدفاع"), "ORG"),
        "isis": (*at('"داعش"', 1), "ORG"),
        "meet": (*at("الاجتماع"), "Contact.Meet"),
        "raids": (*at("الغارات"), "Conflict.Attack"),
        "year": (*at("2014"), "TIME"),
    }
    spans = tuple(
        Span(k, 1, "gold", a, b - (1 if k == "isis" else 0), lab, "")
        for k, (a, b, lab) in marks.items()
    )
    events = (
        Event("e1", 1, "gold", "Contact.Meet", "meet"),
        Event("e2", 1, "gold", "Conflict.Attack", "raids"),
    )
    args = (
        Argument("a1", "e1", 1, "gold", "Entity", "mod"),
        Argument("a2", "e1", 1, "gold", "Place", "paris"),
        Argument("a3", "e2", 1, "gold", "Target", "isis"),
        Argument("a4", "e2", 1, "gold", "Time", "year"),
        Argument("a5", "e1", 1, "gold", "Entity", "e2"),  # an event as argument
    )
    rels = (Relation("r1", 1, "gold", "PHYS", "mod", "paris"),)
    return DocumentAnnotations(
        Document(1, "seed.txt", text, sha256_text(text)), spans, events, args, rels
    )


def expected(doc: DocumentAnnotations) -> dict[str, Any]:
    spans = {s.uuid: (s.start, s.end, s.label) for s in doc.spans}
    trig = {e.uuid: spans[e.trigger] for e in doc.events}
    sig = {**spans, **trig}
    return {
        "spans": sorted(spans.values()),
        "events": sorted(
            (
                e.type,
                trig[e.uuid],
                sorted((a.role, sig[a.target]) for a in doc.arguments_of(e.uuid)),
            )
            for e in doc.events
        ),
        "relations": sorted((r.type, sig[r.source], sig[r.target]) for r in doc.relations),
    }


def imported(doc: ImportedDocument) -> dict[str, Any]:
    spans = {s.key: (s.start, s.end, s.label) for s in doc.spans}
    trig = {e.key: spans[e.trigger] for e in doc.events}
    sig = {**spans, **trig}
    return {
        "spans": sorted(spans.values()),
        "events": sorted(
            (e.type, trig[e.key], sorted((r, sig[t]) for r, t in e.arguments)) for e in doc.events
        ),
        "relations": sorted((r.type, sig[r.source], sig[r.target]) for r in doc.relations),
    }


def test_sequence_labelling_round_trip_counts_what_it_drops(tmp_path: Path) -> None:
    doc = seed_doc()
    out = tmp_path / "seed.jsonl"
    report = write_doccano([doc], out, default_schema())
    line = json.loads(out.read_text(encoding="utf-8"))
    assert set(line) == {"text", "name", "label", "events"}
    paris = doc.document.text.index("بباريس") + 1
    assert [paris, paris + 5, "GPE"] in line["label"]
    # the events go as their triggers (marked in "events"), their arguments cannot
    assert report.dropped == {
        "argument (doccano sequence labelling holds spans only)": 5,
        "relation (doccano sequence labelling holds spans only)": 1,
    }
    assert report.exported["event"] == 2 and report.lost == {"argument": 5, "relation": 1}
    for schema in (default_schema(), None):  # marked: the same with or without a schema
        (back,) = read_doccano(out, schema=schema).documents
        assert back.text == doc.document.text and back.name == "seed.txt"
        assert imported(back)["spans"] == expected(doc)["spans"]
        assert sorted(e.type for e in back.events) == ["Conflict.Attack", "Contact.Meet"]
        assert all(e.arguments == [] for e in back.events)


def test_a_foreign_file_is_read_with_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    write_doccano([seed_doc()], out, default_schema(), relations=True)
    line = json.loads(out.read_text(encoding="utf-8"))
    del line["events"]  # another tool's file: no marks
    out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (back,) = read_doccano(out, schema=default_schema()).documents
    assert imported(back) == expected(seed_doc())
    (plain,) = read_doccano(out).documents  # without a schema: entities and relations only
    assert plain.events == [] and len(plain.relations) == 6


def test_relation_shape_carries_events_and_relations(tmp_path: Path) -> None:
    doc = seed_doc()
    out = tmp_path / "seed.jsonl"
    report = write_doccano([doc], out, default_schema(), relations=True)
    assert sum(report.dropped.values()) == 0
    line = json.loads(out.read_text(encoding="utf-8"))
    assert len(line["entities"]) == 7 and len(line["relations"]) == 6
    for schema in (default_schema(), None):  # the events are marked: no schema needed
        (back,) = read_doccano(out, schema=schema).documents
        assert imported(back) == expected(doc)


def test_utf16_offsets_after_emoji(tmp_path: Path) -> None:
    text = EMOJI_TEXT
    assert text[21:26] == "بغداد"
    doc = DocumentAnnotations(
        Document(1, "emoji", text, sha256_text(text)),
        (Span("s", 1, "gold", 21, 26, "GPE", "بغداد"),),
    )
    write_doccano([doc], tmp_path / "u16.jsonl", Schema())
    write_doccano([doc], tmp_path / "cp.jsonl", Schema(), units="codepoints")
    assert json.loads((tmp_path / "u16.jsonl").read_text("utf-8"))["label"] == [[24, 29, "GPE"]]
    assert json.loads((tmp_path / "cp.jsonl").read_text("utf-8"))["label"] == [[21, 26, "GPE"]]
    for name, units in (("u16.jsonl", "utf16"), ("cp.jsonl", "codepoints")):
        (back,) = read_doccano(tmp_path / name, units=units).documents
        assert [(s.start, s.end) for s in back.spans] == [(21, 26)]


def test_crlf_text_offsets_are_remapped(tmp_path: Path) -> None:
    line = {"text": "اعتقل\r\nمحمد علي ببغداد.", "label": [[17, 22, "GPE"]], "id": 7}
    (tmp_path / "c.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (back,) = read_doccano(tmp_path / "c.jsonl").documents
    assert back.text == "اعتقل\nمحمد علي ببغداد." and back.meta == {"id": 7}
    assert [(s.start, s.end, back.text[s.start : s.end]) for s in back.spans] == [(16, 21, "بغداد")]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("not json", "invalid JSON"),
        ('{"label": []}', '"text" string'),
        ('{"text": "ابجد", "label": [[0, 9, "X"]]}', "outside the text"),
        ('{"text": "ابجد", "label": [[0, 2]]}', "expected [start, end"),
        ('{"text": "ابجد", "entities": [{"id": 1, "label": "X", "start_offset": 0,'
         ' "end_offset": 1}], "relations": [{"id": 0, "from_id": 1, "to_id": 5, "type": "R"}]}',
         "unknown entity"),
    ],
)  # fmt: skip
def test_bad_line_strict_and_lenient(tmp_path: Path, bad: str, message: str) -> None:
    good = '{"text": "ابجد", "label": [[0, 2, "X"]]}'
    path = tmp_path / "b.jsonl"
    path.write_text(f"{good}\n\n{bad}\n{good}\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=re.escape(message)) as info:
        read_doccano(path)
    assert info.value.line == 3
    lenient = read_doccano(path, strict=False)
    assert [p.line for p in lenient.problems] == [3] and len(lenient.documents) == 2


def test_cancelled_export_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        write_doccano(
            [seed_doc(), seed_doc()], tmp_path / "x.jsonl", Schema(), cancelled=lambda: True
        )
    assert list(tmp_path.iterdir()) == []


TEXT_ALPHABET = "ابتثجحخدرسشصطعغفقكلمنهويةى" + "َُِّ" + " \n،" + "😀🇸🇦𞸀"


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=50))
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
@given(doc=documents(), units=st.sampled_from(["utf16", "codepoints"]), relations=st.booleans())
def test_random_spans_round_trip(
    tmp_path: Path, doc: tuple[str, list[tuple[int, int, str]]], units: str, relations: bool
) -> None:
    text, triples = doc
    spans = tuple(
        Span(f"s{n}", 1, "gold", a, b, lab, text[a:b]) for n, (a, b, lab) in enumerate(triples)
    )
    data = DocumentAnnotations(Document(1, "d", text, sha256_text(text)), spans)
    write_doccano([data], tmp_path / "r.jsonl", Schema(), units=units, relations=relations)
    (back,) = read_doccano(tmp_path / "r.jsonl", units=units).documents
    assert back.text == text
    assert [(s.start, s.end, s.label) for s in back.spans] == sorted(triples)  # by place


@pytest.mark.parametrize("relations", [False, True])
def test_a_trigger_label_without_an_event_stays_a_span(tmp_path: Path, relations: bool) -> None:
    """The marks say there is no event: a schema does not make one up."""
    doc = seed_doc()
    alone = DocumentAnnotations(doc.document, doc.spans)  # spans only, triggers' labels kept
    out = tmp_path / "seed.jsonl"
    write_doccano([alone], out, default_schema(), relations=relations)
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["events"] == []
    (back,) = read_doccano(out, schema=default_schema()).documents
    assert back.events == [] and "Contact.Meet" in {s.label for s in back.spans}


def test_another_tools_events_key_is_kept_in_meta(tmp_path: Path) -> None:
    out = tmp_path / "in.jsonl"
    line = {"text": "نص", "label": [[0, 2, "ORG"]], "events": ["launch", "review"]}
    out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    (back,) = read_doccano(out).documents
    assert back.meta == {"events": ["launch", "review"]} and back.events == []
