"""CoNLL export/import: schemes, overlap policy, seqeval, byte-exact round trips, noisy input."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from annotator.errors import Cancelled, ImportFormatError
from annotator.formats.common import ExportOptions, parse_splits
from annotator.formats.conll import decode, detect_scheme, encode, read_conll, write_conll
from annotator.model import Document, DocumentAnnotations, ImportedDocument, Span
from annotator.schema import Label, Schema
from annotator.text import sha256_text
from annotator.tokenize import token_layer

SCHEMA = Schema(entities=tuple(Label(n) for n in ("PER", "ORG", "GPE", "LOC", "FAC")))
SEED = Path(__file__).parents[2] / "resources/samples/000_3626081446f7037e.txt"


def make_doc(text: str, spans: list[tuple[int, int, str]], doc_id: int = 1) -> DocumentAnnotations:
    recs = tuple(
        Span(f"s{doc_id}-{i}", doc_id, "gold", s, e, lab, text[s:e])
        for i, (s, e, lab) in enumerate(spans)
    )
    return DocumentAnnotations(Document(doc_id, f"d{doc_id}", text, sha256_text(text)), spans=recs)


def from_imported(imp: ImportedDocument, doc_id: int = 1) -> DocumentAnnotations:
    doc = Document(doc_id, imp.name, imp.text, sha256_text(imp.text), meta=imp.meta)
    spans = tuple(
        Span(f"i{doc_id}-{k}", doc_id, "gold", s.start, s.end, s.label, imp.text[s.start : s.end])
        for k, s in enumerate(imp.spans)
    )
    return DocumentAnnotations(doc, spans=spans)


def find(text: str, word: str, inner: str | None = None) -> tuple[int, int]:
    """Offsets of ``inner`` inside the first ``word`` (or of the word itself)."""
    w = text.index(word)
    if inner is None:
        return w, w + len(word)
    i = word.index(inner)
    return w + i, w + i + len(inner)


def read_tags(path: Path) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line:
            out[-1].append(line.split("\t")[-1])
        elif out[-1]:
            out.append([])
    return [s for s in out if s]


def test_encode_decode_schemes() -> None:
    ents = [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "GPE")]
    assert encode(6, ents, "IOB2") == ["B-PER", "I-PER", "B-PER", "O", "B-GPE", "O"]
    assert encode(6, ents, "IOB1") == ["I-PER", "I-PER", "B-PER", "O", "I-GPE", "O"]
    assert encode(6, ents, "BIOES") == ["B-PER", "E-PER", "S-PER", "O", "S-GPE", "O"]
    for scheme in ("IOB2", "IOB1", "BIOES"):
        assert decode(encode(6, ents, scheme), scheme) == ents
    assert decode(["B-PER", "L-PER", "U-GPE"], "BIOES") == [(0, 2, "PER"), (2, 3, "GPE")]
    assert detect_scheme([["B-PER", "E-PER"]]) == "BIOES"
    assert detect_scheme([["I-PER", "O", "I-GPE", "B-GPE"]]) == "IOB1"
    assert detect_scheme([["B-PER", "I-PER", "O", "I-GPE"]]) == "IOB2"


def seed_doc() -> DocumentAnnotations:
    text = SEED.read_text(encoding="utf-8")
    return make_doc(
        text,
        [
            (*find(text, "وهولندا", "هولندا"), "GPE"),
            (*find(text, "بباريس", "باريس"), "GPE"),
            (*find(text, "وزارة الدفاع"), "ORG"),
            (*find(text, "مقر وزارة الدفاع بباريس"), "FAC"),
            (*find(text, "داعش"), "ORG"),
            (*find(text, "جان إيف لودريان"), "PER"),
        ],
    )


def test_seed_article_export_splits_clitics_and_applies_policy(tmp_path: Path) -> None:
    out = tmp_path / "seed.conll"
    report = write_conll([seed_doc()], out, SCHEMA)
    lines = out.read_text(encoding="utf-8").split("\n")
    i = lines.index("هولندا\tB-GPE")
    assert lines[i - 1] == "و\tO" and lines[i + 1] == ".\tO"
    i = lines.index("مقر\tB-FAC")
    # باريس was dropped (nested), so بباريس is not cut: cuts follow the spans that are kept
    assert lines[i + 1 : i + 4] == ["وزارة\tI-FAC", "الدفاع\tI-FAC", "بباريس\tI-FAC"]
    assert "جان\tB-PER" in lines and "داعش\tB-ORG" in lines
    assert report.dropped == {"nested inside a kept span (policy outermost)": 2}
    assert report.tokens_split == 1 and report.spans_exported == 4
    inner = tmp_path / "inner.conll"
    report = write_conll([seed_doc()], inner, SCHEMA, ExportOptions(overlap_policy="innermost"))
    lines = inner.read_text(encoding="utf-8").split("\n")
    i = lines.index("مقر\tO")
    assert lines[i + 1 : i + 5] == ["وزارة\tB-ORG", "الدفاع\tI-ORG", "ب\tO", "باريس\tB-GPE"]
    assert report.dropped == {"contains a kept span (policy innermost)": 1}
    assert report.tokens_split == 2


def test_seqeval_scores_export_against_itself_and_a_perturbed_copy(tmp_path: Path) -> None:
    text = "اعتقل محمد علي ببغداد. واستقبل جان إيف لودريان في باريس."
    doc = make_doc(
        text,
        [
            (*find(text, "محمد علي"), "PER"),
            (*find(text, "ببغداد", "بغداد"), "GPE"),
            (*find(text, "جان إيف لودريان"), "PER"),
            (*find(text, "باريس"), "GPE"),
        ],
    )
    out = tmp_path / "gold.conll"
    write_conll([doc], out, SCHEMA)
    gold = read_tags(out)
    assert gold == [
        ["O", "B-PER", "I-PER", "O", "B-GPE", "O"],
        ["O", "B-PER", "I-PER", "I-PER", "O", "B-GPE", "O"],
    ]
    assert f1_score(gold, gold, mode="strict", scheme=IOB2) == 1.0
    pred = [list(s) for s in gold]
    pred[0][4] = "O"  # بغداد missed
    pred[1][1] = "I-PER"  # لودريان starts with I-: no valid chunk under strict IOB2
    pred[1][5] = "B-LOC"  # باريس with the wrong type
    # predicted chunks: محمد علي (right) and باريس/LOC (wrong); 4 gold chunks
    assert precision_score(gold, pred, mode="strict", scheme=IOB2) == pytest.approx(1 / 2)
    assert recall_score(gold, pred, mode="strict", scheme=IOB2) == pytest.approx(1 / 4)
    assert f1_score(gold, pred, mode="strict", scheme=IOB2) == pytest.approx(1 / 3)


ROUND_TRIP_FILES = {
    "iob2-tab.conll": (
        None,
        False,
        "اعتقل\tO\nمحمد\tB-PER\nعلي\tI-PER\nب\tO\nبغداد\tB-GPE\n.\tO\n\n"
        "وزار\tO\nوزير\tO\nالدفاع\tO\nباريس\tB-GPE\nو\tO\nلندن\tB-GPE\n\n",
    ),
    "conll2003-iob1.txt": (
        "IOB1",
        True,
        "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n"
        "German JJ B-NP I-MISC\ncall NN I-NP O\n. . O O\n\n"
        "Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n"
        "-DOCSTART- -X- -X- O\n\nمحمد NNP B-NP I-PER\nعلي NNP I-NP B-PER\nزار VBD B-VP O\n\n",
    ),
    "bioes.conll": (
        "BIOES",
        False,
        "جان\tB-PER\nإيف\tI-PER\nلودريان\tE-PER\nفي\tO\nباريس\tS-GPE\n\n",
    ),
}


@pytest.mark.parametrize("name", sorted(ROUND_TRIP_FILES))
def test_import_then_export_reproduces_the_file(tmp_path: Path, name: str) -> None:
    scheme, docstart, content = ROUND_TRIP_FILES[name]
    src = tmp_path / name
    src.write_bytes(content.encode("utf-8"))
    result = read_conll(src)
    assert result.problems == []
    assert all(d.meta["conll"]["scheme"] == (scheme or "IOB2") for d in result.documents)
    docs = [from_imported(d, k) for k, d in enumerate(result.documents, 1)]
    schema = Schema(entities=tuple(Label(n) for n in ("PER", "ORG", "GPE", "MISC")))
    out = tmp_path / "out.conll"
    options = ExportOptions(scheme=scheme or "IOB2", docstart=docstart)
    write_conll(docs, out, schema, options)
    assert out.read_bytes() == src.read_bytes()


def test_import_rebuilds_text_and_offsets(tmp_path: Path) -> None:
    src = tmp_path / "a.conll"
    src.write_text(ROUND_TRIP_FILES["iob2-tab.conll"][2], encoding="utf-8")
    (doc,) = read_conll(src).documents
    assert doc.text == "اعتقل محمد علي ب بغداد .\nوزار وزير الدفاع باريس و لندن"
    assert [(doc.text[s.start : s.end], s.label, s.line) for s in doc.spans] == [
        ("محمد علي", "PER", 2),
        ("بغداد", "GPE", 5),
        ("باريس", "GPE", 11),
        ("لندن", "GPE", 13),
    ]
    assert doc.meta["sentences"] == [[0, 6], [6, 12]]


def test_malformed_tags_strict_and_lenient(tmp_path: Path) -> None:
    src = tmp_path / "bad.conll"
    src.write_text(
        "محمد\tB-PER\nزار\tI--ORG\nبغداد\tOO\n\nلندن\tB-\nكلمة\n.\tO\n", encoding="utf-8"
    )
    with pytest.raises(ImportFormatError) as err:
        read_conll(src)
    assert err.value.line == 2 and "I--ORG" in err.value.message
    result = read_conll(src, strict=False)
    assert [(p.line, p.message.split(" (")[0]) for p in result.problems] == [
        (2, "malformed tag 'I--ORG'"),
        (3, "malformed tag 'OO'"),
        (5, "malformed tag 'B-'"),
        (6, "expected a token and a tag separated by a tab or space: 'كلمة'"),
    ]
    (doc,) = result.documents
    assert doc.text == "محمد زار بغداد\nلندن ."
    assert [(doc.text[s.start : s.end], s.label) for s in doc.spans] == [("محمد", "PER")]


def test_noisy_corpus_imports_leniently_with_exact_problem_lines(tmp_path: Path) -> None:
    sentence = ["محمد\tB-PER", "علي\tI-PER", "زار\tO", "بغداد\tB-GPE", ".\tO"]
    bad = {123: "زار\tI--ORG", 2001: "زار\tOO", 2900: "زار\tB-", 2950: "زار"}
    lines: list[str] = []
    expected: list[int] = []
    for k in range(3000):
        for j, row in enumerate(sentence):
            if j == 2 and k in bad:
                row = bad[k]
                expected.append(len(lines) + 1)
            lines.append(row)
        lines.append("")
    src = tmp_path / "noisy.conll"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_conll(src, strict=False, schema=SCHEMA)
    assert [p.line for p in result.problems] == expected
    (doc,) = result.documents
    assert len(doc.meta["sentences"]) == 3000 and len(doc.meta["tokens"]) == 15000 - 1
    assert len(doc.spans) == 6000
    with pytest.raises(ImportFormatError) as err:
        read_conll(src)
    assert err.value.line == expected[0]


def test_schema_check_and_docstart_documents(tmp_path: Path) -> None:
    src = tmp_path / "x.conll"
    src.write_text("-DOCSTART- -X- O O\n\nأ\tB-PER\n\n-DOCSTART- -X- O O\n\nب\tB-XYZ\n", "utf-8")
    with pytest.raises(ImportFormatError, match="'XYZ' is not an entity label") as err:
        read_conll(src, schema=SCHEMA)
    assert err.value.line == 7
    result = read_conll(src)
    assert [(d.name, d.text, d.line) for d in result.documents] == [
        ("x-1", "أ", 1),
        ("x-2", "ب", 5),
    ]


def test_splits_and_cancel_leave_no_partial_output(tmp_path: Path) -> None:
    docs = [make_doc(f"زار محمد باريس رقم {k}.", [(4, 8, "PER")], k) for k in range(1, 21)]
    out = tmp_path / "splits"
    opts = ExportOptions(splits=parse_splits("train=0.5,validation=0.25,test=0.25"))
    report = write_conll(docs, out, SCHEMA, opts)
    assert sorted(p.name for p in out.iterdir()) == [
        ".annotator-export.json",  # the marker that lets a later export replace this folder
        "test.conll",
        "train.conll",
        "validation.conll",
    ]
    assert (
        sum(len(read_tags(out / f)) for f in ("train.conll", "validation.conll", "test.conll"))
        == 20
    )
    assert report.documents == 20 and report.spans_exported == 20
    calls: list[int] = []
    with pytest.raises(Cancelled):
        write_conll(docs, tmp_path / "c.conll", SCHEMA, cancelled=lambda: len(calls) > 2,
                    progress=lambda d, t: calls.append(d))  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["splits"]


@st.composite
def annotated(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    pieces = st.sampled_from(
        ["و", "ب", "هولندا", "باريس", "الاجتماع", "٢٠١٤", "١٢٫٥", "بَغْدَاد", " ", " ", "\n",
         "،", ".", "؟", '"', "-"]
    )  # fmt: skip
    text = "".join(draw(st.lists(pieces, min_size=1, max_size=25)))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans: list[tuple[int, int, str]] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b, draw(st.sampled_from(["PER", "GPE"]))))
    return text, spans


@given(annotated(), st.sampled_from(["IOB2", "IOB1", "BIOES"]))
@settings(max_examples=60, deadline=None)
def test_spans_survive_a_conll_round_trip(
    case: tuple[str, list[tuple[int, int, str]]], scheme: str
) -> None:
    text, spans = case
    layer = token_layer(
        text, [b for s, e, _ in spans for b in (s, e)], no_break=[(s, e) for s, e, _ in spans]
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "a.conll"
        write_conll([make_doc(text, spans)], out, SCHEMA, ExportOptions(scheme=scheme))
        docs = read_conll(out, scheme=scheme).documents
    if not layer.tokens:
        assert docs == []
        return
    (doc,) = docs
    assert doc.text.split() == [text[s:e] for s, e in layer.tokens]
    starts = {t[0]: i for i, t in enumerate(doc.meta["tokens"])}
    ends = {t[1]: i for i, t in enumerate(doc.meta["tokens"])}
    back = {
        (layer.tokens[starts[s.start]][0], layer.tokens[ends[s.end]][1], s.label) for s in doc.spans
    }
    assert back == set(spans)
