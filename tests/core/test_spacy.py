"""spaCy DocBin and spaCy/Prodigy JSONL, checked by loading the DocBin with spaCy itself."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from annotator.errors import Cancelled, ImportFormatError
from annotator.formats.common import ExportOptions, OptionError, parse_splits
from annotator.formats.conll import TokenReport
from annotator.formats.spacy_docbin import write_spacy
from annotator.formats.spacy_jsonl import read_spacy_jsonl, write_spacy_jsonl
from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.schema import EventType, Label, RelationType, Role, Schema
from annotator.text import sha256_text

SCHEMA = Schema(
    entities=tuple(Label(n) for n in ("PER", "ORG", "GPE", "FAC")),
    events=(
        EventType("Contact:Meet", roles=(Role("Place", ("GPE", "FAC")), Role("Entity", ("PER",)))),
        EventType("Conflict:Attack", roles=(Role("Target", ("ORG",)),)),
    ),
    relations=(RelationType("PART-WHOLE", arg1=("ORG",), arg2=("GPE",)),),
)
SEED = Path(__file__).parents[2] / "resources/samples/000_3626081446f7037e.txt"
NLP = spacy.blank("ar")


def find(text: str, word: str, inner: str | None = None) -> tuple[int, int]:
    w = text.index(word)
    i = word.index(inner) if inner else 0
    return w + i, w + i + len(inner or word)


def seed_doc() -> DocumentAnnotations:
    text = SEED.read_text(encoding="utf-8")
    spans = [
        (*find(text, "وهولندا", "هولندا"), "GPE"),
        (*find(text, "بباريس", "باريس"), "GPE"),
        (*find(text, "وزارة الدفاع"), "ORG"),
        (*find(text, "مقر وزارة الدفاع بباريس"), "FAC"),
        (*find(text, "داعش"), "ORG"),
        (*find(text, "جان إيف لودريان"), "PER"),
        (*find(text, "الاجتماع"), "Contact:Meet"),
        (*find(text, "الغارات"), "Conflict:Attack"),
    ]
    recs = tuple(
        Span(f"s{i}", 1, "gold", s, e, lab, text[s:e]) for i, (s, e, lab) in enumerate(spans)
    )
    events = (
        Event("e0", 1, "gold", "Contact:Meet", "s6"),
        Event("e1", 1, "gold", "Conflict:Attack", "s7"),
    )
    args = (
        Argument("a0", "e0", 1, "gold", "Place", "s3"),
        Argument("a1", "e0", 1, "gold", "Entity", "s5"),
        Argument("a2", "e1", 1, "gold", "Target", "s4"),
    )
    rels = (Relation("r0", 1, "gold", "PART-WHOLE", "s2", "s1"),)
    doc = Document(1, "seed", text, sha256_text(text))
    return DocumentAnnotations(doc, spans=recs, events=events, arguments=args, relations=rels)


def test_docbin_loads_in_spacy_with_exact_text_spans_and_events(tmp_path: Path) -> None:
    doc = seed_doc()
    out = tmp_path / "train.spacy"
    report = write_spacy([doc], out, SCHEMA)
    (sdoc,) = DocBin().from_disk(out).get_docs(NLP.vocab)
    text = doc.document.text
    assert sdoc.text == text
    expected = {(s.start, s.end, s.label) for s in doc.spans if SCHEMA.entity(s.label)}
    got = {(s.start_char, s.end_char, s.label_) for s in sdoc.spans["sc"]}
    assert got == expected
    assert all(s.text == text[s.start_char : s.end_char] for s in sdoc.spans["sc"])
    assert {(s.text, s.label_) for s in sdoc.ents} == {
        ("هولندا", "GPE"), ("مقر وزارة الدفاع بباريس", "FAC"), ("داعش", "ORG"),
        ("جان إيف لودريان", "PER"),
    }  # fmt: skip
    assert [(s.text, s.label_) for s in sdoc.spans["triggers"]] == [
        ("الاجتماع", "Contact:Meet"),
        ("الغارات", "Conflict:Attack"),
    ]
    # nothing dropped: the two nested spans are left out of doc.ents only, triggers counted
    assert isinstance(report, TokenReport) and not report.dropped and report.unaccounted() == 0
    assert report.not_in_ents == {
        "nested inside a kept span (policy outermost), kept in doc.spans['sc']": 2
    }
    assert report.tokens_split == 2 and report.spans_exported == 8 == report.spans_held
    assert report.placed == {
        "doc.spans['sc']": 6,
        "doc.spans['triggers']": 2,
        "doc.ents (also in doc.spans['sc'])": 4,
    }
    meet = sdoc.user_data["events"][0]
    assert meet["type"] == "Contact:Meet"
    assert text[slice(*meet["trigger"])] == "الاجتماع"
    roles = {a["role"]: text[slice(*a["span"])] for a in meet["arguments"]}
    assert roles == {"Place": "مقر وزارة الدفاع بباريس", "Entity": "جان إيف لودريان"}
    (rel,) = sdoc.user_data["relations"]
    assert (text[slice(*rel["arg1"])], text[slice(*rel["arg2"])]) == ("وزارة الدفاع", "باريس")


def test_docbin_white_space_and_splits(tmp_path: Path) -> None:
    text = "  زار  محمد\n\tبباريس .\n"
    spans = (
        Span("a", 2, "gold", 14, 19, "GPE", "باريس"),
        Span("b", 2, "gold", 7, 11, "PER", "محمد"),
    )
    doc = DocumentAnnotations(Document(2, "ws", text, sha256_text(text)), spans=spans)
    out = tmp_path / "bins"
    write_spacy([doc], out, SCHEMA, ExportOptions(splits=parse_splits("train=1,dev=0")))
    # .annotator-export.json: the marker that lets a later export replace this folder
    assert sorted(p.name for p in out.iterdir()) == [".annotator-export.json", "dev.spacy",
                                                     "train.spacy"]  # fmt: skip
    (sdoc,) = DocBin().from_disk(out / "train.spacy").get_docs(NLP.vocab)
    assert sdoc.text == text
    assert [(e.text, e.label_) for e in sdoc.ents] == [("محمد", "PER"), ("باريس", "GPE")]
    assert list(DocBin().from_disk(out / "dev.spacy").get_docs(NLP.vocab)) == []


def test_the_spans_key_cannot_take_the_triggers_group(tmp_path: Path) -> None:
    """doc.spans["triggers"] holds the triggers: the entity spans must not overwrite them."""
    with pytest.raises(OptionError, match="cannot be 'triggers'"):
        write_spacy([seed_doc()], tmp_path / "x.spacy", SCHEMA, ExportOptions(spans_key="triggers"))
    assert not list(tmp_path.iterdir())
    out = tmp_path / "ner.spacy"
    report = write_spacy([seed_doc()], out, SCHEMA, ExportOptions(spans_key="ner"))
    (sdoc,) = DocBin().from_disk(out).get_docs(NLP.vocab)
    assert (len(sdoc.spans["ner"]), len(sdoc.spans["triggers"])) == (6, 2)
    assert report.spans_exported == 8 and "sc" not in sdoc.spans


def test_docbin_cancel_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        write_spacy([seed_doc()], tmp_path / "x.spacy", SCHEMA, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_jsonl_prodigy_shape_and_round_trip(tmp_path: Path) -> None:
    doc = seed_doc()
    out = tmp_path / "tasks.jsonl"
    write_spacy_jsonl([doc], out, SCHEMA)
    task = json.loads(out.read_text(encoding="utf-8"))
    text = doc.document.text
    assert task["text"] == text and task["answer"] == "accept"
    toks = task["tokens"]
    for sp in task["spans"]:
        first, last = toks[sp["token_start"]], toks[sp["token_end"]]  # token_end inclusive
        assert (first["start"], last["end"]) == (sp["start"], sp["end"])
    w = text.index("وهولندا")
    i = next(t["id"] for t in toks if t["start"] == w)
    assert (toks[i]["text"], toks[i]["ws"], toks[i + 1]["text"]) == ("و", False, "هولندا")
    place = next(r for r in task["relations"] if r["label"] == "Place")
    assert place["head"] == place["head_span"]["token_end"]
    assert (
        text[place["child_span"]["start"] : place["child_span"]["end"]] == "مقر وزارة الدفاع بباريس"
    )

    (back,) = read_spacy_jsonl(out, schema=SCHEMA).documents
    assert back.text == text and back.meta["name"] == "seed"
    assert {(s.start, s.end, s.label) for s in back.spans} == {
        (s.start, s.end, s.label) for s in doc.spans
    }
    keys = {s.key: (text[s.start : s.end], s.label) for s in back.spans}
    events = {e.type: sorted((r, keys[t][0]) for r, t in e.arguments) for e in back.events}
    assert events == {
        "Contact:Meet": [("Entity", "جان إيف لودريان"), ("Place", "مقر وزارة الدفاع بباريس")],
        "Conflict:Attack": [("Target", "داعش")],
    }
    (rel,) = back.relations
    assert (rel.type, keys[rel.source][0], keys[rel.target][0]) == (
        "PART-WHOLE",
        "وزارة الدفاع",
        "باريس",
    )


def test_jsonl_reader_errors_strict_and_lenient(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"text": "زار محمد", "spans": [{"start": 4, "end": 8, "label": "PER"}]}),
        "{not json",
        json.dumps({"text": "أ", "spans": [{"start": 0, "end": 5, "label": "PER"}]}),
        json.dumps({"text": "ب", "answer": "reject"}),
        json.dumps({"spans": []}),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        read_spacy_jsonl(src)
    assert err.value.line == 2
    result = read_spacy_jsonl(src, strict=False)
    assert [p.line for p in result.problems] == [2, 3, 4, 5]
    assert "outside the text" in result.problems[1].message
    (doc,) = result.documents
    assert [(doc.text[s.start : s.end], s.label) for s in doc.spans] == [("محمد", "PER")]


@st.composite
def annotated(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    pieces = st.sampled_from(["و", "ب", "هولندا", "باريس", "٢٠١٤", "بَغْدَاد", " ", "\n", "،", "."])
    text = "".join(draw(st.lists(pieces, min_size=1, max_size=20)))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if text[a:b].strip() and not text[a].isspace() and not text[b - 1].isspace():
            spans.append((a, b, draw(st.sampled_from(["PER", "GPE"]))))
    return text, spans


@given(annotated())
@settings(max_examples=60, deadline=None)
def test_spans_survive_a_jsonl_round_trip(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, spans = case
    recs = tuple(
        Span(f"s{i}", 1, "gold", s, e, lab, text[s:e]) for i, (s, e, lab) in enumerate(spans)
    )
    doc = DocumentAnnotations(Document(1, "h", text, sha256_text(text)), spans=recs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "a.jsonl"
        write_spacy_jsonl([doc], out, SCHEMA)
        (back,) = read_spacy_jsonl(out, schema=SCHEMA).documents
        bins = Path(tmp) / "a.spacy"
        write_spacy([doc], bins, SCHEMA)
        (sdoc,) = DocBin().from_disk(bins).get_docs(NLP.vocab)
    assert back.text == text and sdoc.text == text
    assert sorted((s.start, s.end, s.label) for s in back.spans) == sorted(spans)
    assert sorted((s.start_char, s.end_char, s.label_) for s in sdoc.spans["sc"]) == sorted(spans)
