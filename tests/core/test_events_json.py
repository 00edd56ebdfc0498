"""Event-extraction JSON: OneIE/TextEE sentences and DyGIE++ documents, in token offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.errors import ImportFormatError
from annotator.formats.common import ExportOptions
from annotator.formats.events_json import read_events_json, write_events_json
from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.schema import EventType, Label, RelationType, Role, Schema
from annotator.text import sha256_text

SCHEMA = Schema(
    entities=(Label("PER"), Label("GPE"), Label("ORG")),
    events=(
        EventType("Justice:Arrest-Jail", roles=(Role("Person"), Role("Place"))),
        EventType("Contact:Meet", roles=(Role("Entity"), Role("Place"), Role("Cause"))),
    ),
    relations=(RelationType("PHYS"),),
)
TEXT = "اعتقل محمد علي ببغداد."


def running_example() -> DocumentAnnotations:
    spans = (
        Span("t1", 1, "gold", 6, 14, "PER", "محمد علي"),
        Span("t2", 1, "gold", 16, 21, "GPE", "بغداد"),
        Span("t3", 1, "gold", 0, 5, "Justice:Arrest-Jail", "اعتقل"),
    )
    ev = (Event("e1", 1, "gold", "Justice:Arrest-Jail", "t3"),)
    args = (
        Argument("a1", "e1", 1, "gold", "Person", "t1"),
        Argument("a2", "e1", 1, "gold", "Place", "t2"),
    )
    rel = (Relation("r1", 1, "gold", "PHYS", "t1", "t2"),)
    doc = Document(1, "doc1", TEXT, sha256_text(TEXT))
    return DocumentAnnotations(doc, spans=spans, events=ev, arguments=args, relations=rel)


def test_oneie_sentence_matches_the_documented_shape(tmp_path: Path) -> None:
    out = tmp_path / "ace.jsonl"
    report = write_events_json([running_example()], out, SCHEMA)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    ents = [
        {"id": "doc1-0-E0", "start": 1, "end": 3, "entity_type": "PER", "mention_type": "UNK",
         "text": "محمد علي"},
        {"id": "doc1-0-E1", "start": 4, "end": 5, "entity_type": "GPE", "mention_type": "UNK",
         "text": "بغداد"},
    ]  # fmt: skip
    assert json.loads(line) == {
        "doc_id": "doc1",
        "sent_id": "doc1-0",
        "tokens": ["اعتقل", "محمد", "علي", "ب", "بغداد", "."],
        "sentence": TEXT,
        "entity_mentions": ents,
        "relation_mentions": [
            {
                "id": "doc1-0-R0",
                "relation_type": "PHYS",
                "arguments": [
                    {"entity_id": "doc1-0-E0", "role": "Arg-1", "text": "محمد علي"},
                    {"entity_id": "doc1-0-E1", "role": "Arg-2", "text": "بغداد"},
                ],
            }
        ],
        "event_mentions": [
            {
                "id": "doc1-0-EV0",
                "event_type": "Justice:Arrest-Jail",
                "trigger": {"start": 0, "end": 1, "text": "اعتقل"},
                "arguments": [
                    {"entity_id": "doc1-0-E0", "role": "Person", "text": "محمد علي"},
                    {"entity_id": "doc1-0-E1", "role": "Place", "text": "بغداد"},
                ],
            }
        ],
    }
    assert report.spans_exported == 3 and report.tokens_split == 1 and not report.dropped


def test_dygiepp_document_matches_the_documented_shape(tmp_path: Path) -> None:
    out = tmp_path / "dygie.jsonl"
    write_events_json([running_example()], out, SCHEMA, style="dygiepp", dataset="ace-event")
    assert json.loads(out.read_text(encoding="utf-8")) == {
        "doc_key": "doc1",
        "dataset": "ace-event",
        "sentences": [["اعتقل", "محمد", "علي", "ب", "بغداد", "."]],
        "ner": [[[1, 2, "PER"], [4, 4, "GPE"]]],
        "relations": [[[1, 2, 4, 4, "PHYS"]]],
        "events": [[[[0, "Justice:Arrest-Jail"], [1, 2, "Person"], [4, 4, "Place"]]]],
    }


def two_sentences() -> DocumentAnnotations:
    text = "اعتقل محمد علي. ثم عقد اجتماع في باريس مع وزير الدفاع."
    at = text.index

    def span(uuid: str, word: str, label: str) -> Span:
        return Span(uuid, 2, "gold", at(word), at(word) + len(word), label, word)

    spans = (
        span("per", "محمد علي", "PER"),
        span("arrest", "اعتقل", "Justice:Arrest-Jail"),
        span("meet", "عقد اجتماع", "Contact:Meet"),
        span("gpe", "باريس", "GPE"),
        span("org", "وزير الدفاع", "ORG"),
    )
    events = (
        Event("e1", 2, "gold", "Justice:Arrest-Jail", "arrest"),
        Event("e2", 2, "gold", "Contact:Meet", "meet"),
    )
    args = (
        Argument("a1", "e1", 2, "gold", "Person", "per"),
        Argument("a2", "e2", 2, "gold", "Place", "gpe"),
        Argument("a3", "e2", 2, "gold", "Entity", "per"),  # in the other sentence
        Argument("a4", "e2", 2, "gold", "Cause", "e1"),  # an event
        Argument("a5", "e2", 2, "gold", "Entity", "org"),
    )
    doc = Document(2, "doc2", text, sha256_text(text))
    return DocumentAnnotations(doc, spans=spans, events=events, arguments=args)


def test_what_the_formats_cannot_hold_is_counted(tmp_path: Path) -> None:
    out = tmp_path / "ace.jsonl"
    report = write_events_json([two_sentences()], out, SCHEMA)
    first, second = (json.loads(x) for x in out.read_text(encoding="utf-8").splitlines())
    assert first["tokens"] == ["اعتقل", "محمد", "علي", "."]
    (meet,) = second["event_mentions"]
    assert meet["trigger"] == {"start": 1, "end": 3, "text": "عقد اجتماع"}
    assert [(a["role"], a["text"]) for a in meet["arguments"]] == [  # in the schema's order
        ("Entity", "وزير الدفاع"),
        ("Place", "باريس"),
    ]
    assert report.dropped == {
        "argument in another sentence": 1,
        "argument is not an entity mention (event or trigger)": 1,
    }
    assert report.lost == {"argument": 2}
    dygie = tmp_path / "dygie.jsonl"
    report = write_events_json([two_sentences()], dygie, SCHEMA, style="dygiepp")
    obj = json.loads(dygie.read_text(encoding="utf-8"))
    assert obj["ner"] == [[[1, 2, "PER"]], [[8, 8, "GPE"], [10, 11, "ORG"]]]
    assert obj["events"] == [[[[0, "Justice:Arrest-Jail"], [1, 2, "Person"]]], []]
    # the event and its trigger span are both left out, and its arguments with them
    assert report.dropped["multi-token trigger (DyGIE++ triggers are one token)"] == 2
    assert report.lost == {"span": 1, "event": 1, "argument": 4}


def test_oneie_read_back_gives_the_same_annotations(tmp_path: Path) -> None:
    out = tmp_path / "ace.jsonl"
    write_events_json([running_example(), two_sentences()], out, SCHEMA)
    result = read_events_json(out, schema=SCHEMA)
    assert result.problems == []
    first, second = result.documents
    # the sentence as written, not its tokens joined by spaces
    assert first.name == "doc1" and first.text == TEXT
    surface = {s.key: (first.text[s.start : s.end], s.label) for s in first.spans}
    (ev,) = first.events
    assert surface[ev.trigger] == ("اعتقل", "Justice:Arrest-Jail")
    assert [(role, surface[k]) for role, k in ev.arguments] == [
        ("Person", ("محمد علي", "PER")),
        ("Place", ("بغداد", "GPE")),
    ]
    (rel,) = first.relations
    assert (surface[rel.source][0], surface[rel.target][0]) == ("محمد علي", "بغداد")
    assert second.text == "اعتقل محمد علي. ثم عقد اجتماع في باريس مع وزير الدفاع."  # exact
    assert second.meta["sentences"] == [[0, 4], [4, 13]]
    # the token layer kept in meta reproduces the export
    back = tmp_path / "back.jsonl"
    doc = Document(1, "doc1", first.text, sha256_text(first.text), meta=first.meta)
    spans = tuple(
        Span(s.key, 1, "gold", s.start, s.end, s.label, first.text[s.start : s.end])
        for s in first.spans
    )
    events = (Event("e", 1, "gold", ev.type, ev.trigger),)
    args = tuple(Argument(f"a{i}", "e", 1, "gold", r, k) for i, (r, k) in enumerate(ev.arguments))
    rels = (Relation("r", 1, "gold", rel.type, rel.source, rel.target),)
    again = DocumentAnnotations(doc, spans=spans, events=events, arguments=args, relations=rels)
    write_events_json([again], back, SCHEMA, ExportOptions())
    again_line = json.loads(back.read_text(encoding="utf-8").splitlines()[0])
    first_line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert again_line == first_line


def test_without_the_sentence_the_tokens_are_joined_by_spaces(tmp_path: Path) -> None:
    out = tmp_path / "ace.jsonl"
    write_events_json([running_example()], out, SCHEMA)
    line = json.loads(out.read_text(encoding="utf-8"))
    for sentence in (None, "something else"):
        line["sentence"] = sentence
        out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        (doc,) = read_events_json(out).documents
        assert doc.text == "اعتقل محمد علي ب بغداد ."


def test_malformed_sentences_strict_and_lenient(tmp_path: Path) -> None:
    good = {"doc_id": "d", "tokens": ["محمد", "زار"], "entity_mentions": [
        {"id": "m1", "start": 0, "end": 1, "entity_type": "PER"}]}  # fmt: skip
    bad_range = {
        **good,
        "entity_mentions": [{"id": "m1", "start": 1, "end": 3, "entity_type": "PER"}],
    }
    unknown = [{"entity_id": "zz", "role": "Entity"}]
    meet = {"id": "v", "event_type": "Contact:Meet", "trigger": {"start": 1, "end": 2}}
    bad_arg = {**good, "event_mentions": [{**meet, "arguments": unknown}]}
    bad_type = {**good, "entity_mentions": [{"id": "m", "start": 0, "end": 1, "entity_type": "XX"}]}
    src = tmp_path / "in.jsonl"
    rows = [good, bad_range, "{oops", bad_arg, bad_type, good]
    src.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows),
        encoding="utf-8",
    )
    with pytest.raises(ImportFormatError) as err:
        read_events_json(src, schema=SCHEMA)
    assert err.value.line == 2 and "not inside the 2 tokens" in err.value.message
    result = read_events_json(src, strict=False, schema=SCHEMA)
    assert [p.line for p in result.problems] == [2, 3, 4, 5]
    assert "'zz'" in result.problems[2].message and "'XX'" in result.problems[3].message
    (doc,) = result.documents
    assert doc.text == "محمد زار\nمحمد زار"
    assert [(s.start, s.end) for s in doc.spans] == [(0, 4), (9, 13)]


def test_an_argument_after_an_arabic_semicolon_stays_in_its_sentence(tmp_path: Path) -> None:
    # The seed article's first sentence: the meeting is named before ؛, its participants
    # after it. A semicolon joins clauses; it used to end the sentence and drop the argument.
    text = "عقد الاجتماع بباريس؛ وحضره وزير فرنسا."
    meet, where, who = text.index("الاجتماع"), text.index("باريس"), text.index("فرنسا")
    spans = (
        Span("t1", 1, "gold", meet, meet + 8, "Contact:Meet", "الاجتماع"),
        Span("t2", 1, "gold", where, where + 5, "GPE", "باريس"),
        Span("t3", 1, "gold", who, who + 5, "GPE", "فرنسا"),
    )
    ev = (Event("e1", 1, "gold", "Contact:Meet", "t1"),)
    args = (
        Argument("a1", "e1", 1, "gold", "Place", "t2"),
        Argument("a2", "e1", 1, "gold", "Entity", "t3"),
    )
    doc = Document(1, "doc1", text, sha256_text(text))
    annotations = DocumentAnnotations(doc, spans=spans, events=ev, arguments=args)
    out = tmp_path / "ace.jsonl"
    report = write_events_json([annotations], out, SCHEMA)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    (event,) = json.loads(line)["event_mentions"]
    assert sorted(a["role"] for a in event["arguments"]) == ["Entity", "Place"]
    assert "argument in another sentence" not in report.dropped
