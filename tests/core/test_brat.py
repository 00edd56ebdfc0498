"""brat standoff: reading every line type, exact round trips, CRLF, malformed input, safe export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError, Cancelled, ImportFormatError
from annotator.formats.brat import read_brat, read_brat_folder, write_brat
from annotator.formats.brat_write import safe_stem
from annotator.formats.common import ExportOptions, ImportResult
from annotator.imported import ImportedDocument
from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.output import MARKER
from annotator.schema import Schema, default_schema
from annotator.text import sha256_text

FIXTURE = Path(__file__).parent / "fixtures" / "brat" / "collection"


# -- helpers ---------------------------------------------------------------------------------
def to_annotations(imp: ImportedDocument, doc_id: int) -> DocumentAnnotations:
    """What the project would store for an imported document (uuids derived from keys)."""
    text = imp.text
    uid = {**{s.key: f"{doc_id}:{s.key}" for s in imp.spans}}
    uid |= {e.key: f"{doc_id}:{e.key}" for e in imp.events}
    spans = tuple(
        Span(uid[s.key], doc_id, "gold", s.start, s.end, s.label, text[s.start : s.end],
             dict(s.attributes), s.note, s.fragments)
        for s in imp.spans
    )  # fmt: skip
    events = tuple(
        Event(uid[e.key], doc_id, "gold", e.type, uid[e.trigger], dict(e.attributes), e.note)
        for e in imp.events
    )
    args = tuple(
        Argument(f"{uid[e.key]}/{n}", uid[e.key], doc_id, "gold", role, uid[target])
        for e in imp.events
        for n, (role, target) in enumerate(e.arguments)
    )
    rels = tuple(
        Relation(f"{doc_id}:R{n}", doc_id, "gold", r.type, uid[r.source], uid[r.target],
                 dict(r.attributes), r.note)
        for n, r in enumerate(imp.relations)
    )  # fmt: skip
    doc = Document(doc_id, imp.name, text, sha256_text(text))
    return DocumentAnnotations(doc, spans, events, args, rels)


def canonical(imp: ImportedDocument) -> dict[str, Any]:
    """The content of an imported document with source ids resolved (ids may differ)."""
    spans = {s.key: s for s in imp.spans}
    events = {e.key: e for e in imp.events}

    def span_sig(key: str) -> list[Any]:
        s = spans[key]
        return [s.start, s.end, s.label, [list(f) for f in s.fragments]]

    def sig(key: str, depth: int = 0) -> list[Any]:
        if key in spans:
            return ["span", *span_sig(key)]
        e = events[key]
        assert depth < 10, "event arguments form a cycle"
        args = sorted(json.dumps([r, sig(t, depth + 1)]) for r, t in e.arguments)
        return ["event", e.type, span_sig(e.trigger), args]

    def extra(rec: Any) -> list[Any]:
        return [sorted(rec.attributes.items()), rec.note]

    return {
        "text": imp.text,
        "name": imp.name,
        "spans": sorted(json.dumps([*span_sig(k), *extra(s)]) for k, s in spans.items()),
        "events": sorted(json.dumps([sig(k), *extra(e)]) for k, e in events.items()),
        "relations": sorted(
            json.dumps([r.type, sig(r.source), sig(r.target), *extra(r)]) for r in imp.relations
        ),
    }


def export_and_read(
    result: ImportResult, out: Path, schema: Schema
) -> tuple[ImportResult, Schema | None]:
    docs = [to_annotations(d, n) for n, d in enumerate(result.documents, start=1)]
    write_brat(docs, out, schema)
    return read_brat_folder(out)


def write_pair(folder: Path, name: str, text: bytes, ann: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_bytes(text)
    (folder / f"{name}.ann").write_bytes(ann.encode("utf-8"))
    return folder / f"{name}.ann"


# -- reading -----------------------------------------------------------------------------------
def test_fixture_reads_every_construct() -> None:
    result, schema = read_brat_folder(FIXTURE)
    assert result.problems == []
    assert schema is not None and schema.event("Contact.Meet") is not None
    seed, second = result.documents
    assert (seed.name, second.name) == ("seed.txt", "sub/second.txt")
    text = seed.text
    spans = {s.key: s for s in seed.spans}
    # باريس inside بباريس: the span starts one letter into the word
    assert (spans["T1"].start, spans["T1"].end) == (56, 61)
    assert text[56:61] == "باريس" and text[55:61] == "بباريس"
    assert text[198:204] == "هولندا" and text[197:204] == "وهولندا"
    assert spans["T10"].fragments == ((227, 231), (239, 246))
    assert (spans["T10"].start, spans["T10"].end) == (227, 246)
    assert spans["T15"].fragments == ((55, 57), (58, 61))  # in-word fragments "بب" + "ريس"
    assert spans["T6"].label == "Contact.Meet"  # brat Contact-Meet mapped back via the conf
    events = {e.key: e for e in seed.events}
    assert events["E1"].arguments == [("Entity", "T2"), ("Entity", "T5"), ("Place", "T1")]
    assert events["E2"].arguments == [("Attacker", "T5"), ("Target", "T3"), ("Attacker", "T4")]
    assert events["E3"].arguments[-1] == ("Entity", "E1")  # an event as argument
    assert events["E1"].attributes == {"Realis": "Actual"}
    assert events["E2"].attributes == {"Negated": True}
    assert events["E3"].attributes == {"Speculation": True}  # legacy M line
    assert events["E2"].note == "الحملة الجوية على داعش"
    # a normalisation keeps its own text when it is not the covered text (N4, N5)
    assert spans["T1"].attributes == {"ref:Wikidata": "Q90", "ref:GeoNames": "2988507\tParis"}
    assert spans["T5"].attributes == {"ref:Wikidata": "Q142", "ref:GeoNames": "3017382"}
    assert spans["T7"].attributes == {
        "MentionType": "NAM",
        "ref:Wikipedia": "1250738\tJean-Yves Le Drian",
    }
    assert spans["T1"].note == "الباء حرف جر غير مشمول"
    assert spans["T4"].note == "الواو حرف عطف\nسطر ثان"
    rels = [(r.type, r.source, r.target, r.attributes) for r in seed.relations]
    assert ("PHYS", "T2", "T1", {"Confidence": "High"}) in rels
    assert ("Equiv", "T3", "T13", {}) in rels and ("Equiv", "T13", "T14", {}) in rels
    assert second.events[0].arguments == [] and second.events[0].type == "Conflict.Attack"


def test_single_ann_file_uses_the_conf_beside_it() -> None:
    result = read_brat(FIXTURE / "seed.ann")
    assert [d.name for d in result.documents] == ["seed.txt"]
    assert {s.label for s in result.documents[0].spans} >= {"Contact.Meet", "Conflict.Attack"}


# -- round trips -------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["conf", "default", "empty"])
def test_import_export_import_is_identical(tmp_path: Path, which: str) -> None:
    first, conf_schema = read_brat_folder(FIXTURE)
    assert conf_schema is not None
    # types the schema lacks (the bundled one has no Negated/Speculation/Confidence/Equiv, the
    # empty one nothing) are declared in the written annotation.conf with their name mapping
    schema = {"conf": conf_schema, "default": default_schema(), "empty": Schema()}[which]
    second, schema2 = export_and_read(first, tmp_path / "out", schema)
    assert second.problems == []
    assert [canonical(d) for d in second.documents] == [canonical(d) for d in first.documents]
    assert schema2 is not None and schema2.event("Conflict.Attack") is not None
    equiv = schema2.relation("Equiv")
    assert equiv is not None and equiv.transitive
    ann = (tmp_path / "out" / "seed.ann").read_text(encoding="utf-8")
    assert "Contact-Meet:T" in ann and "Contact.Meet" not in ann.replace("# ", "")
    # the equivalence set is one * line; normalisations keep their own text
    assert "\n*\tEquiv T7 T14 T15\n" in ann and ann.count("Equiv") == 1
    assert "\tReference T5 GeoNames:2988507\tParis\n" in ann
    assert "\tReference T12 Wikipedia:1250738\tJean-Yves Le Drian\n" in ann
    # exporting the re-import gives the very same files
    third, _ = export_and_read(second, tmp_path / "again", schema)
    for name in ("seed.ann", "sub/second.ann", "annotation.conf"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()
    assert [canonical(d) for d in third.documents] == [canonical(d) for d in first.documents]


def test_without_conf_the_schema_maps_names_back(tmp_path: Path) -> None:
    first, _ = read_brat_folder(FIXTURE)
    out = tmp_path / "out"
    write_brat([to_annotations(d, 1) for d in first.documents[:1]], out, default_schema())
    (out / "annotation.conf").unlink()
    plain, schema = read_brat_folder(out)
    assert schema is None and "Contact-Meet" in {s.label for s in plain.documents[0].spans}
    mapped = read_brat(out, schema=default_schema())
    assert canonical(mapped.documents[0]) == canonical(first.documents[0])


def test_span_across_a_line_break_round_trips(tmp_path: Path) -> None:
    text = "وزارة الدفاع\nبباريس"
    ann = "T1\tORG 6 19\tالدفاع بباريس\n"  # brat's covered text is one line: \n written as space
    result = read_brat(write_pair(tmp_path / "in", "doc", text.encode(), ann))
    assert (result.documents[0].spans[0].start, result.documents[0].spans[0].end) == (6, 19)
    again, _ = export_and_read(result, tmp_path / "out", Schema())
    assert canonical(again.documents[0]) == canonical(result.documents[0])


# -- CRLF and BOM ------------------------------------------------------------------------------
def test_crlf_text_offsets_are_remapped(tmp_path: Path) -> None:
    raw = "ويشارك في هذا الاجتماع\r\nالذي ينعقد بباريس\r\nوهولندا."
    # brat counts the \r: باريس is at 36-41 in the raw text, 35-40 once CRLF became LF
    assert raw[36:41] == "باريس" and raw[44:50] == "هولندا"
    ann = "T1\tGPE 36 41\tباريس\nT2\tGPE 44 50\tهولندا\nT3\tGPE 36 41;44 50\tباريس هولندا\n"
    doc = read_brat(write_pair(tmp_path, "crlf", raw.encode(), ann)).documents[0]
    assert "\r" not in doc.text
    assert [(s.start, s.end) for s in doc.spans] == [(35, 40), (42, 48), (35, 48)]
    assert doc.spans[2].fragments == ((35, 40), (42, 48))
    assert doc.text[35:40] == "باريس" and doc.text[42:48] == "هولندا"
    assert doc.raw_sha256 != sha256_text(doc.text)  # provenance of the raw bytes is kept


def test_bom_counts_as_a_character_like_brat(tmp_path: Path) -> None:
    raw = "\ufeffاعتقل محمد علي ببغداد."
    ann = "T1\tGPE 17 22\tبغداد\n"  # brat reads the BOM as U+FEFF, one code point
    doc = read_brat(write_pair(tmp_path, "bom", raw.encode(), ann)).documents[0]
    assert (doc.spans[0].start, doc.spans[0].end) == (16, 21)
    assert doc.text[16:21] == "بغداد"


# -- malformed input ---------------------------------------------------------------------------
BAD_LINES = [
    ("T2\tGPE 5 3\tx", "empty or outside"),
    ("T2\tGPE 0 999\tx", "empty or outside"),
    ("T2\tGPE 0 5\tخطأ", "does not match"),
    ("T2\tGPE zero 5\tx", "bad offsets"),
    ("T2\tGPE 0 3;2 5\tاعت تقل", "overlap"),
    ("T1\tGPE 6 10\tمحمد", "defined twice"),
    ("E1\tAttack:T9", "not a text-bound"),
    ("E1\tAttack:T1 Victim:T8", "unknown argument"),
    ("E1\tAttack", "TYPE:TRIGGER"),
    ("R1\tPHYS Arg1:T1", "Arg1:ID Arg2:ID"),
    ("R1\tPHYS Arg1:T1 Arg2:T7", "unknown argument"),
    ("A1\tNegated T7", "unknown annotation"),
    ("A1\tNegated", "NAME ID"),
    ("N1\tReference T1 Q90\tx", "DB:ID"),
    ("*\tEquiv T1 T5", "unknown IDs"),
    ("this is not brat", "not a brat annotation line"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_LINES)
def test_malformed_line_strict_names_the_line(tmp_path: Path, bad: str, message: str) -> None:
    text = "اعتقل محمد علي ببغداد."
    ann = f"T1\tPER 6 14\tمحمد علي\n\n{bad}\nT3\tGPE 16 21\tبغداد\n"
    path = write_pair(tmp_path, "bad", text.encode(), ann)
    with pytest.raises(ImportFormatError) as info:
        read_brat(path)
    assert info.value.line == 3 and info.value.path == str(path)
    assert message in info.value.message
    lenient = read_brat(path, strict=False)
    assert [(p.line, p.source) for p in lenient.problems] == [(3, str(path))]
    keys = {s.key for s in lenient.documents[0].spans}
    assert {"T1", "T3"} <= keys  # the good lines around the bad one are kept


def test_lenient_drops_what_depends_on_a_bad_line(tmp_path: Path) -> None:
    text = "اعتقل محمد علي ببغداد."
    ann = (
        "T1\tPER 6 14\tمحمد علي\nT2\tJustice-Arrest-Jail 0 5\tخطأ\n"
        "E1\tJustice-Arrest-Jail:T2 Person:T1\nE2\tOther:T1 Arg:E1\nA1\tRealis E1 Actual\n"
    )
    result = read_brat(write_pair(tmp_path, "x", text.encode(), ann), strict=False)
    assert [p.line for p in result.problems] == [2, 3, 4, 5]
    (doc,) = result.documents
    assert [s.key for s in doc.spans] == ["T1"]
    assert [(e.key, e.arguments) for e in doc.events] == [("E2", [])]


def test_not_utf8_and_missing_text(tmp_path: Path) -> None:
    write_pair(tmp_path, "latin", "café".encode("latin-1"), "")
    (tmp_path / "orphan.ann").write_text("T1\tPER 0 1\tx\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        read_brat(tmp_path)
    lenient = read_brat(tmp_path, strict=False)
    assert lenient.documents == []
    assert sorted(p.message.split(" (")[0] for p in lenient.problems) == [
        "no text file orphan.txt beside orphan.ann",
        "not UTF-8 text",
    ]


def test_numbered_role_declared_by_the_schema_is_kept(tmp_path: Path) -> None:
    from annotator.schema import EventType, Role

    schema = Schema(events=(EventType("Deal", roles=(Role("Arg1"), Role("Arg"))),))
    ann = "T1\tDeal 0 5\tاعتقل\nT2\tPER 6 14\tمحمد علي\nE1\tDeal:T1 Arg1:T2 Arg12:T2 Arg2:T2\n"
    path = write_pair(tmp_path, "r", "اعتقل محمد علي ببغداد.".encode(), ann)
    (event,) = read_brat(path, schema=schema).documents[0].events
    assert [r for r, _ in event.arguments] == ["Arg1", "Arg1", "Arg"]
    (plain,) = read_brat(path).documents[0].events
    assert [r for r, _ in plain.arguments] == ["Arg", "Arg", "Arg"]


# -- export: files, drops, cancellation --------------------------------------------------------
def one_doc(name: str, doc_id: int = 1, **span: Any) -> DocumentAnnotations:
    text = "اعتقل محمد علي ببغداد."
    s = Span("s1", doc_id, "gold", 16, 21, "GPE", text[16:21], **span)
    return DocumentAnnotations(Document(doc_id, name, text, sha256_text(text)), (s,))


def test_export_file_names_are_safe_and_unique(tmp_path: Path) -> None:
    names = ["../../etc/passwd", "a/b.txt", "A/B.txt", "CON", ".hidden", "", "تقرير.txt", "x" * 300]
    out = tmp_path / "out"
    write_brat([one_doc(n, i) for i, n in enumerate(names, start=1)], out, Schema())
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    stems = sorted({f.rsplit(".", 1)[0] for f in files if f not in (MARKER, "annotation.conf")})
    assert stems == sorted(
        ["etc/passwd", "a/b", "A/B-2", "_CON", "hidden", "doc-6", "تقرير", "x" * 150]
    )
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    taken: set[str] = set()
    assert [safe_stem("a", taken), safe_stem("A.txt", taken), safe_stem("a", taken)] == [
        "a",
        "A-2",
        "a-3",
    ]


def test_export_counts_what_brat_cannot_hold(tmp_path: Path) -> None:
    doc = one_doc(
        "d", attributes={"Negated": False, "Comment": "two words", "ref:Wikidata": "Q1530"}
    )
    report = write_brat([doc], tmp_path / "out", Schema())
    assert report.documents == 1 and report.spans_exported == 1
    assert sum(report.dropped.values()) == 2
    ann = (tmp_path / "out" / "d.ann").read_text(encoding="utf-8")
    assert ann == "T1\tGPE 16 21\tبغداد\nN1\tReference T1 Wikidata:Q1530\tبغداد\n"
    filtered = write_brat([doc], tmp_path / "f", Schema(), ExportOptions(labels=("PER",)))
    assert (
        filtered.spans_exported == 0 and filtered.dropped["span label not selected for export"] == 1
    )


def test_cancelled_export_leaves_nothing(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    docs = [one_doc(f"d{i}", i) for i in range(3)]
    with pytest.raises(Cancelled):
        write_brat(docs, tmp_path / "out", Schema(), progress=lambda d, t: calls.append((d, t)),
                   cancelled=lambda: len(calls) >= 2)  # fmt: skip
    assert calls == [(1, 3), (2, 3)]
    assert list(tmp_path.iterdir()) == []


def test_export_replaces_a_previous_export_but_not_a_foreign_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_brat([one_doc("old")], out, Schema())
    write_brat([one_doc("new")], out, Schema())
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "annotation.conf", "new.ann",
                                                     "new.txt"]  # fmt: skip
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"keep me")
    with pytest.raises(AnnotatorError, match="not an annotator export"):
        write_brat([one_doc("x")], foreign, Schema())
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    # the folder of the source articles (.txt files a brat export also writes) is not ours either
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "old.txt").write_bytes(b"source article")
    with pytest.raises(AnnotatorError, match="not an annotator export"):
        write_brat([one_doc("old")], articles, Schema())
    assert (articles / "old.txt").read_bytes() == b"source article"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "mine", "out"]


def test_splits_go_to_subfolders_and_read_back(tmp_path: Path) -> None:
    docs = [one_doc(f"d{i}", i) for i in range(12)]
    docs = [
        DocumentAnnotations(
            Document(d.document.id, d.document.name, d.document.text + str(d.document.id),
                     sha256_text(d.document.text + str(d.document.id))),
            d.spans,
        )
        for d in docs
    ]  # fmt: skip
    splits = (("train", 0.5), ("test", 0.5))
    write_brat(docs, tmp_path / "out", Schema(), ExportOptions(splits=splits))
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "train", "test", "annotation.conf", MARKER}  # fmt: skip
    back = read_brat(tmp_path / "out")
    # the documents' own names come back (annotation.conf records them), not train/d0.txt
    assert sorted(d.name for d in back.documents) == sorted(f"d{i}" for i in range(12))


# -- property: random Arabic text, random non-crossing spans -----------------------------------
ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى" + "ًٌٍَُِّْ" + "  \n،؛.0١"
LABELS = ("PER", "ORG", "GPE", "Conflict.Attack")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet=ARABIC, min_size=1, max_size=60))
    spans: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        # non-crossing: nested or disjoint with every span kept so far
        if all(b <= c or d <= a or (a <= c and d <= b) or (c <= a and b <= d) for c, d, _ in spans):
            span = (a, b, draw(st.sampled_from(LABELS)))
            if span not in spans:  # a layer holds one span per place and label
                spans.append(span)
    return text, spans


NOTES = st.text(alphabet="ابت \n\t#*:", max_size=12)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents(), data=st.data())
def test_random_arabic_spans_round_trip(
    tmp_path: Path, doc: tuple[str, list[tuple[int, int, str]]], data: st.DataObject
) -> None:
    text, triples = doc
    spans = []
    for n, (a, b, label) in enumerate(triples):
        # some spans become discontinuous: a gap of one or more characters inside them
        frags: tuple[tuple[int, int], ...] = ()
        if b - a >= 3 and data.draw(st.booleans()):
            cut = data.draw(st.integers(a + 1, b - 2))
            frags = ((a, cut), (data.draw(st.integers(cut + 1, b - 1)), b))
        note = data.draw(NOTES)
        attrs = {"Negated": True} if data.draw(st.booleans()) else {}
        spans.append(Span(f"s{n}", 1, "gold", a, b, label, text[a:b], attrs, note, frags))
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    doc_in = DocumentAnnotations(Document(1, "d", text, sha256_text(text)), tuple(spans))
    write_brat([doc_in], out, Schema())
    (back,) = read_brat(out).documents
    assert back.text == text
    got = [repr((s.start, s.end, s.label, s.fragments, s.attributes, s.note)) for s in back.spans]
    want = [repr((s.start, s.end, s.label, s.fragments, s.attributes, s.note)) for s in spans]
    assert sorted(got) == sorted(want)  # written by place, whatever the order given


# -- brat's own constructs come back as themselves (issue 10) -----------------------------------
ALIAS_CONF = """[entities]
PER
[relations]
Alias\tArg1:PER, Arg2:PER, <REL-TYPE>:symmetric-transitive
[events]
[attributes]
"""


def test_normalisation_text_and_equivalence_set_survive_a_project(tmp_path: Path) -> None:
    from annotator.importing import import_documents
    from annotator.project import Project

    text = "زار كارلوس ساليناس دي غورتاري وساليناس والرئيس السابق المكسيك."
    words = ["كارلوس ساليناس دي غورتاري", "ساليناس", "الرئيس السابق"]
    starts = [text.index(words[0]), text.index("وساليناس") + 1, text.index(words[2])]
    ann = "".join(
        f"T{n}\tPER {a} {a + len(w)}\t{w}\n"
        for n, (a, w) in enumerate(zip(starts, words, strict=True), start=3)
    )
    ann += "*\tAlias T3 T4 T5\nN1\tReference T3 Wikipedia:64488\tCarlos Salinas de Gortari\n"
    src = tmp_path / "src"
    write_pair(src, "doc", text.encode("utf-8"), ann)
    (src / "annotation.conf").write_text(ALIAS_CONF, encoding="utf-8")
    outs = []
    for n in (1, 2):
        with Project.create(tmp_path / f"p{n}.annotator") as p:  # the bundled schema
            report = import_documents(p, read_brat(src), annotator="gold")
            assert report.labels_added == ["Alias"]  # from the conf: symmetric-transitive
            alias = p.schema.relation("Alias")
            assert alias is not None and alias.symmetric and alias.transitive
            (per,) = [s for s in p.spans() if s.start == starts[0]]
            assert per.attributes == {"ref:Wikipedia": "64488\tCarlos Salinas de Gortari"}
            out = tmp_path / f"out{n}"
            write_brat([p.layer(1, "gold")], out, p.schema)
            outs.append((out / "doc.ann").read_bytes())
    assert outs[0] == outs[1]  # other uuids, the same file
    written = outs[0].decode("utf-8")
    assert "\n*\tAlias T1 T2 T3\n" in written and "\tAlias" not in written.replace("*\tAlias", "")
    assert "\tReference T1 Wikipedia:64488\tCarlos Salinas de Gortari\n" in written
