"""CoNLL export/import: schemes, overlap policy, seqeval, byte-exact round trips, noisy input."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2

from annotator.cli import main
from annotator.errors import AnnotatorError, Cancelled, ImportFormatError
from annotator.formats.common import Changed, ExportOptions, parse_splits
from annotator.formats.conll import (
    TokenReport,
    decode,
    detect_scheme,
    encode,
    read_conll,
    read_tag,
    sniff_text,
    write_conll,
)
from annotator.formats.registry import detect_format
from annotator.formats.tokens import token_layer
from annotator.imported import ImportedDocument
from annotator.model import Document, DocumentAnnotations, Span
from annotator.project import Project
from annotator.schema import Label, Schema
from annotator.text import sha256_text
from tests.conftest import inword

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
    # IOB1's B- between two entities of one type is no sign of IOB2 (hypothesis found a
    # two-name IOB1 export read back as IOB2 with its first I- "repaired")
    assert detect_scheme([["I-PER", "B-PER"]]) == "IOB1"
    assert detect_scheme([["B-PER", "B-PER"]]) == "IOB2"


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
    assert err.value.line == 3 and err.value.message.startswith("tag 'OO' not understood: ")
    assert "--lenient" in err.value.message  # I--ORG on line 2 is repaired, not an error
    result = read_conll(src, strict=False)
    assert [(type(p).__name__, p.line, p.message) for p in result.problems] == [
        ("Changed", 2, "tag 'I--ORG' read as 'I-ORG' (doubled separator)"),
        ("Changed", 2, "tag 'I-ORG' after 'B-PER' starts a new ORG entity (IOB1 convention)"),
        ("Changed", 3, "tag 'OO' not understood; token tagged O"),
        ("Changed", 5, "tag 'B-' not understood; token tagged O"),
        ("Problem", 6, "expected a token and a tag separated by a tab or space: 'كلمة'"),
    ]
    (doc,) = result.documents
    assert doc.text == "محمد زار بغداد\nلندن ."
    assert [(doc.text[s.start : s.end], s.label) for s in doc.spans] == [
        ("محمد", "PER"),
        ("زار", "ORG"),
    ]


def test_noisy_corpus_imports_leniently_with_exact_problem_lines(tmp_path: Path) -> None:
    sentence = ["محمد\tB-PER", "علي\tI-PER", "زار\tO", "بغداد\tB-GPE", ".\tO"]
    bad = {123: "زار\tIO", 2001: "زار\tOO", 2900: "زار\tB-", 2950: "زار"}
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


# -- noise repair (issue 10) -----------------------------------------------------------------


def test_doubled_separator_keeps_the_whole_entity(tmp_path: Path) -> None:
    """``I--ORG`` used to become O, cutting الحكومة الأمريكية to الحكومة."""
    src = tmp_path / "gov.conll"
    src.write_text("قالت\tO\nالحكومة\tB-ORG\nالأمريكية\tI--ORG\nأمس\tO\n", encoding="utf-8")
    for strict in (True, False):  # unambiguous: repaired in both modes, and reported
        result = read_conll(src, strict=strict)
        (doc,) = result.documents
        assert [(doc.text[s.start : s.end], s.label) for s in doc.spans] == [
            ("الحكومة الأمريكية", "ORG")
        ]
        assert [(p.line, str(p.message)) for p in result.problems] == [
            (3, "tag 'I--ORG' read as 'I-ORG' (doubled separator)")
        ]
        assert all(isinstance(p, Changed) for p in result.problems)


@pytest.mark.parametrize(
    ("raw", "tag", "why"),
    [
        ("B-MIS1`", "B-MIS1", "stray punctuation"),
        ("`B-PER", "B-PER", "stray punctuation"),
        ("B-PER.", "B-PER", "stray punctuation"),
        ("B-PER\u200f", "B-PER", "invisible mark"),
        ("b-PER", "B-PER", "lower-case prefix"),
        ("o", "O", "lower-case tag"),
        ("O`", "O", "stray punctuation"),
        ("I---ORG", "I-ORG", "doubled separator"),
        ("i--ORG`", "I-ORG", "stray punctuation, lower-case prefix, doubled separator"),
    ],
)
def test_unambiguous_noise_is_repaired_and_says_why(raw: str, tag: str, why: str) -> None:
    assert read_tag(raw) == (tag, tuple(why.split(", ")))


@pytest.mark.parametrize(
    "raw",
    ["IO", "OO", "0", "B-", "B-`", "X-PER", "PER", "B_PER", "B-<PER`", "B-PER\u202e", "B- "],
)
def test_ambiguous_tags_are_not_guessed(raw: str) -> None:
    """Nothing is left that ``label_name_problem`` accepts, or the prefix is not a tag's."""
    assert read_tag(raw) == (None, ())


@pytest.mark.parametrize("raw", ["B-PER", "I-MIS-2", "B-Justice:Arrest-Jail", "S-C++", "E-X"])
def test_well_formed_tags_are_left_alone(raw: str) -> None:
    assert read_tag(raw) == (raw, ())


def test_a_schema_label_is_never_repaired(tmp_path: Path) -> None:
    schema = Schema(entities=(Label("MIS1`"), Label("PER")))
    assert read_tag("B-MIS1`", {"MIS1`"}) == ("B-MIS1`", ())
    src = tmp_path / "a.conll"
    src.write_text("أ\tB-MIS1`\nب\tB-MIS1`\n", encoding="utf-8")
    result = read_conll(src, schema=schema)
    assert result.problems == [] and [s.label for s in result.documents[0].spans] == ["MIS1`"] * 2
    result = read_conll(src)
    assert [s.label for s in result.documents[0].spans] == ["MIS1", "MIS1"]
    assert [p.message for p in result.problems] == [
        "tag 'B-MIS1`' read as 'B-MIS1' (stray punctuation)"
    ] * 2


def test_orphan_i_tags_start_entities_and_are_reported(tmp_path: Path) -> None:
    src = tmp_path / "orphans.conll"
    src.write_text(
        "الميكانيكا\tB-MIS1\nالكلاسيكية\tI-MIS\nفي\tO\nباريس\tI-GPE\n\nلندن\tI-GPE\n\n"
        + "محمد\tB-PER\nو\tO\nعلي\tB-PER\nو\tO\nجان\tB-PER\n",  # mostly B-: IOB2
        encoding="utf-8",
    )
    result = read_conll(src, strict=True)  # an orphan is read, never an error
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "tag 'I-MIS' after 'B-MIS1' starts a new MIS entity (IOB1 convention)"),
        (4, "tag 'I-GPE' after 'O' starts a new GPE entity (IOB1 convention)"),
        (6, "tag 'I-GPE' at the start of a sentence starts a new GPE entity (IOB1 convention)"),
    ]
    (doc,) = result.documents
    assert [(doc.text[s.start : s.end], s.label) for s in doc.spans] == [
        ("الميكانيكا", "MIS1"),
        ("الكلاسيكية", "MIS"),
        ("باريس", "GPE"),
        ("لندن", "GPE"),
        ("محمد", "PER"),
        ("علي", "PER"),
        ("جان", "PER"),
    ]
    # in an IOB1 file an I- starting an entity is the convention: read the same, not reported
    iob1 = tmp_path / "iob1.conll"
    iob1.write_text("محمد\tI-PER\nعلي\tI-PER\nو\tO\nبغداد\tI-GPE\n", encoding="utf-8")
    result = read_conll(iob1)
    assert result.problems == [] and result.documents[0].meta["conll"]["scheme"] == "IOB1"
    assert [s.label for s in result.documents[0].spans] == ["PER", "GPE"]


def test_a_tag_outside_the_given_scheme_is_an_error_or_o(tmp_path: Path) -> None:
    src = tmp_path / "a.conll"
    src.write_text("جان\tB-PER\nلودريان\tE-PER\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="tag 'E-PER' is not used by IOB2"):
        read_conll(src, scheme="IOB2")
    result = read_conll(src, scheme="IOB2", strict=False)
    assert [p.message for p in result.problems] == [
        "tag 'E-PER' is not used by IOB2; token tagged O"
    ]
    assert [s.label for s in result.documents[0].spans] == ["PER"]


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


# -- the AQMAR sample: real Arabic NER data with its real noise --------------------------------

AQMAR = Path("/work/shared/data/aqmar-sample")
needs_aqmar = pytest.mark.skipif(not AQMAR.is_dir(), reason="the AQMAR sample is not here")
AQMAR_NOISE = {("Crusades.txt", 2145): "IO"}
"""every tag of the sample outside O|[BI]-label, found by hand: read as O (ambiguous)"""
WELL_FORMED = re.compile(r"O|[BI]-[A-Za-z0-9]+(?:-[0-9]+)?")


def conll_sentences(path: Path) -> list[list[tuple[int, str]]]:
    """(line, tag) of every token, per sentence, as the file has them."""
    out: list[list[tuple[int, str]]] = [[]]
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.strip():
            out[-1].append((n, line.split()[-1]))
        elif out[-1]:
            out.append([])
    return [s for s in out if s]


def sample_entities(folder: Path, cleaned: dict[tuple[str, int], str]) -> Counter[tuple[str, ...]]:
    """seqeval's entities of every file, tags replaced by ``cleaned`` (file, line) → tag, as
    (file, first line, last line, label)."""
    found: Counter[tuple[str, ...]] = Counter()
    for f in sorted(folder.glob("*.txt")):
        for sent in conll_sentences(f):
            tags = [cleaned.get((f.name, n), t) for n, t in sent]
            for label, s, e in get_entities(tags):
                found[(f.stem, str(sent[s][0]), str(sent[e][0]), label)] += 1
    return found


def project_entities(path: Path, folder: Path) -> Counter[tuple[str, ...]]:
    """The project's spans as (document, first line, last line, label) of the source files."""
    found: Counter[tuple[str, ...]] = Counter()
    with Project.open(path, read_only=True) as p:
        for doc in p.documents(with_text=True):
            lines = [n for sent in conll_sentences(folder / f"{doc.name}.txt") for n, _ in sent]
            starts = {s: i for i, (s, _) in enumerate(doc.meta["tokens"])}
            ends = {e: i for i, (_, e) in enumerate(doc.meta["tokens"])}
            for span in p.spans(doc.id):
                first, last = lines[starts[span.start]], lines[ends[span.end]]
                found[(doc.name, str(first), str(last), span.label)] += 1
    return found


def orphan_lines(folder: Path, cleaned: dict[tuple[str, int], str]) -> list[tuple[str, int]]:
    """(file, line) of every I-X that continues no X entity: after O, another type, or first."""
    out: list[tuple[str, int]] = []
    for f in sorted(folder.glob("*.txt")):
        for sent in conll_sentences(f):
            prev = "O"
            for n, tag in sent:
                tag = cleaned.get((f.name, n), tag)
                if tag.startswith("I-") and prev[2:] != tag[2:]:
                    out.append((f.name, n))
                prev = tag
    return out


@needs_aqmar
def test_the_whole_aqmar_sample_imports_leniently_with_every_entity_and_repair_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(AQMAR.glob("*.txt"))
    for f in files:  # the noise table is complete
        for sent in conll_sentences(f):
            for n, tag in sent:
                assert WELL_FORMED.fullmatch(tag) or (f.name, n) in AQMAR_NOISE, (f.name, n, tag)
    cleaned = {key: "O" for key in AQMAR_NOISE}
    expected = sample_entities(AQMAR, cleaned)
    assert sum(expected.values()) == 1707
    proj = tmp_path / "aqmar.annotator"
    assert main(["init", str(proj)]) == 0
    capsys.readouterr()
    args = ["import", str(proj), *map(str, files), "--new-labels", "add", "--annotator", "a"]
    # strict: the one ambiguous tag stops the import, on one line naming file and line
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"{AQMAR / 'Crusades.txt'}:2145: tag 'IO' not understood" in err
    with Project.open(proj, read_only=True) as p:
        assert p.documents() == []
    # lenient, and no --format: the .txt files are read as CoNLL, not as text
    assert main([*args, "--lenient"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        "documents added: 7" in out and "spans: 1707, events: 0 (0 arguments), relations: 0" in out
    )
    assert project_entities(proj, AQMAR) == expected
    changed = [ln for ln in out if ln.startswith("changed: ")]
    assert not [ln for ln in out if ln.startswith("skipped: ")]
    where = [tuple(ln.removeprefix(f"changed: {AQMAR}/").split(":")[:2]) for ln in changed]
    orphans = orphan_lines(AQMAR, cleaned)
    assert len(orphans) == 35
    assert sorted((f, int(n)) for f, n in where) == sorted([*AQMAR_NOISE, *orphans])
    assert f"changed: {AQMAR / 'Crusades.txt'}:2145: tag 'IO' not understood; token tagged O" in out
    assert (
        f"changed: {AQMAR / 'Physics.txt'}:711: tag 'I-MIS' after 'B-MIS1' starts a new MIS "
        "entity (IOB1 convention)" in out
    )


@needs_aqmar
def test_aqmar_with_the_corpus_noise_keeps_every_entity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The noise of the full corpus (``I--ORG``, ``B-MIS1```, lower-case prefixes) injected
    into the sample: every entity of the clean sample is kept and every repair reported."""
    noisy = tmp_path / "noisy"
    noisy.mkdir()
    injected: dict[tuple[str, int], tuple[str, str]] = {}
    for f in sorted(AQMAR.glob("*.txt")):
        lines = f.read_text(encoding="utf-8").split("\n")
        todo = {"I-ORG": "I--ORG", "B-MIS1": "B-MIS1`", "B-PER": "b-PER", "I-LOC": "I-LOC`"}
        for k, line in enumerate(lines):
            token, _, tag = line.rpartition(" ")
            if tag in todo:
                lines[k] = f"{token} {todo[tag]}"
                injected[(f.name, k + 1)] = (todo.pop(tag), tag)
        (noisy / f.name).write_text("\n".join(lines), encoding="utf-8")
    assert len(injected) == 23  # not every file has each tag
    cleaned = {key: "O" for key in AQMAR_NOISE}
    proj = tmp_path / "aqmar.annotator"
    assert main(["init", str(proj)]) == 0
    with pytest.raises(AnnotatorError, match=r"Crusades\.txt in this folder looks like CoNLL"):
        detect_format(noisy)  # a folder is read as text: not without saying so
    files = sorted(map(str, noisy.iterdir()))
    assert main(["import", str(proj), *files, "--new-labels", "add", "--lenient"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert project_entities(proj, noisy) == sample_entities(AQMAR, cleaned)
    for (name, n), (raw, tag) in injected.items():
        assert any(
            ln.startswith(f"changed: {noisy / name}:{n}: tag {raw!r} read as {tag!r} (")
            for ln in out
        ), (name, n)


# -- telling CoNLL from plain text (issue 10) --------------------------------------------------


def test_a_conll_file_named_txt_is_imported_as_conll(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "news.txt"
    src.write_text(ROUND_TRIP_FILES["iob2-tab.conll"][2], encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert detect_format(src) == "conll" and detect_format(plain) == "text"
    proj = tmp_path / "p.annotator"
    assert main(["init", str(proj)]) == 0
    assert main(["import", str(proj), str(src), str(plain), "--annotator", "a"]) == 0
    assert "documents added: 2" in capsys.readouterr().out
    with Project.open(proj, read_only=True) as p:
        news, seed = sorted(p.documents(with_text=True), key=lambda d: d.name)
        assert news.name == "news" and "B-PER" not in news.text
        assert [(s.text, s.label) for s in p.spans(news.id)] == [
            ("محمد علي", "PER"),
            ("بغداد", "GPE"),
            ("باريس", "GPE"),
            ("لندن", "GPE"),
        ]
        assert seed.text == SEED.read_text(encoding="utf-8") and not p.spans(seed.id)


@pytest.mark.parametrize(
    ("content", "verdict"),
    [
        ("-DOCSTART- -X- O O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n", "conll"),
        ("محمد B-PER\nعلي I-PER\nزار O\nبغداد IO\n" + "و O\n" * 20, "conll"),  # noise is fine
        ("word O\n", "unsure"),  # one line cannot tell
        ("محمد B-PER\nعلي I-PER\nهذا نص عادي\nوهذا نص آخر\n", "unsure"),
        ("اعتقل محمد علي ببغداد.\nثم أطلق سراحه O\nوعاد إلى بيته.\n", "text"),
        ("", "text"),
        ("word\tNN\nother\tVB\n", "text"),  # a POS-tagged file has no entity tags
    ],
)
def test_sniff_decides_from_most_lines(content: str, verdict: str) -> None:
    assert sniff_text(content) == verdict


def test_detection_refuses_to_guess_with_one_line_naming_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "half.txt"
    src.write_text("محمد B-PER\nعلي I-PER\nهذا نص عادي\nوهذا نص آخر\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="--format conll or --format text"):
        detect_format(src)
    proj = tmp_path / "p.annotator"
    assert main(["init", str(proj)]) == 0
    before = proj.read_bytes()
    assert main(["import", str(proj), str(src)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(src) in err and "--format" in err
    assert proj.read_bytes() == before
    assert main(["import", str(proj), str(src), "--format", "text"]) == 0  # told: no guess
    # a folder is read as plain text: one holding a CoNLL .txt file is refused
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("نص عادي تماما.\n", encoding="utf-8")
    assert detect_format(folder) == "text"
    (folder / "sub" / "b.txt").write_text("محمد B-PER\nعلي I-PER\n", encoding="utf-8")
    with pytest.raises(AnnotatorError) as refused:
        detect_format(folder)
    assert str(refused.value) == (
        f"{folder}: sub/b.txt in this folder looks like CoNLL (a token and a tag per line), "
        "which a folder import reads as plain text: import the files themselves, or give "
        "--format text to read them as text"
    )
    assert main(["import", str(proj), str(folder), "--format", "text"]) == 0


# -- export → import → export is byte-identical (issue 10) -------------------------------------


@pytest.mark.parametrize(
    "flags",
    [[], ["--docstart"], ["--scheme", "IOB1"], ["--scheme", "BIOES", "--docstart"]],
)
def test_a_project_annotated_in_the_tool_round_trips_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str]
) -> None:
    """In-word spans (هولندا in وهولندا) cut their words; the file read back keeps those
    tokens, so exporting the re-imported project writes the same bytes."""
    text = SEED.read_text(encoding="utf-8")
    second = "اعتقل محمد علي ببغداد. وزار وفد فرنسي لندن وبرلين."
    first_proj, again_proj = tmp_path / "a.annotator", tmp_path / "b.annotator"
    with Project.create(first_proj) as p:
        d1 = p.add_document(text, name="seed")
        d2 = p.add_document(second, name="second")
        for doc, t, word, skip, label in (
            (d1, text, "وهولندا", 1, "GPE"),
            (d1, text, "بباريس", 1, "GPE"),
            (d1, text, "مقر وزارة الدفاع بباريس", 0, "FAC"),  # holds باريس: nested
            (d1, text, "وزارة الدفاع", 0, "ORG"),
            (d1, text, "جان إيف لودريان", 0, "PER"),
            (d1, text, "الاجتماع", 0, "Contact.Meet"),  # a trigger: not in a flat file
            (d2, second, "محمد علي", 0, "PER"),
            (d2, second, "ببغداد", 1, "GPE"),
            (d2, second, "وبرلين", 1, "GPE"),
        ):
            p.add_span(doc.id, *inword(t, word, skip), label, annotator="amal")
    first, again = tmp_path / "first.conll", tmp_path / "again.conll"
    export = ["export", "--format", "conll", "--annotator", "amal", *flags]
    assert main([export[0], str(first_proj), *export[1:], "-o", str(first)]) == 0
    out = capsys.readouterr().out
    assert "dropped 2: nested inside a kept span (policy outermost)" in out
    assert "spans exported: 6" in out and "(3 split at span boundaries)" in out  # و|ب|و
    lines = first.read_text(encoding="utf-8").split("\n")
    assert "و\tO" in lines and any(ln.startswith("هولندا\t") for ln in lines)
    assert main(["init", str(again_proj)]) == 0
    assert main(["import", str(again_proj), str(first), "--annotator", "amal"]) == 0
    assert "changed:" not in capsys.readouterr().out  # our own file needs no repair
    assert main([export[0], str(again_proj), *export[1:], "-o", str(again)]) == 0
    out = capsys.readouterr().out
    assert "dropped" not in out and "spans exported: 6" in out and "(0 split" in out
    assert again.read_bytes() == first.read_bytes()


@needs_aqmar
def test_an_imported_corpus_round_trips_byte_identical(tmp_path: Path) -> None:
    """The AQMAR sample read (repairs and all), written, read and written again."""
    written: list[bytes] = []
    src = sorted(AQMAR.glob("*.txt"))
    for k in range(2):
        docs: list[DocumentAnnotations] = []
        for f in src:
            result = read_conll(f, strict=False)
            docs += [from_imported(d, len(docs) + 1) for d in result.documents]
        schema = Schema(
            entities=tuple(Label(n) for n in sorted({s.label for d in docs for s in d.spans}))
        )
        out = tmp_path / f"round{k}"
        out.mkdir()
        report = write_conll(docs, out / "all.conll", schema, ExportOptions(docstart=True))
        assert report.spans_exported == 1707 and not report.dropped
        written.append((out / "all.conll").read_bytes())
        src = [out / "all.conll"]
    assert written[0] == written[1]


@given(annotated(), st.sampled_from(["IOB2", "IOB1", "BIOES"]), st.booleans())
@example(("ووووالاجتماع٢٠١٤\nو", [(0, 16, "PER"), (17, 18, "PER")]), "IOB1", False)
@settings(max_examples=60, deadline=None)
def test_export_import_export_is_byte_identical(
    case: tuple[str, list[tuple[int, int, str]]], scheme: str, docstart: bool
) -> None:
    text, spans = case
    options = ExportOptions(scheme=scheme, docstart=docstart)
    with tempfile.TemporaryDirectory() as tmp:
        first, again = Path(tmp) / "a.conll", Path(tmp) / "b.conll"
        write_conll([make_doc(text, spans)], first, SCHEMA, options)
        result = read_conll(first)
        assert result.problems == []
        docs = [from_imported(d, k) for k, d in enumerate(result.documents, 1)]
        write_conll(docs, again, SCHEMA, options)
        assert again.read_bytes() == first.read_bytes()


def test_a_label_the_reader_would_repair_is_a_warning_of_the_export(tmp_path: Path) -> None:
    """A valid label such as ``ORG.`` does not survive a CoNLL round trip (its edge reads as
    noise): the export says so instead of leaving the surprise for the import."""
    schema = Schema(entities=(Label("ORG."), Label("PER")))
    text = "زار محمد وزارة الدفاع."
    doc = make_doc(text, [(*find(text, "محمد"), "PER"), (*find(text, "وزارة الدفاع"), "ORG.")])
    report = write_conll([doc], tmp_path / "a.conll", schema)
    assert isinstance(report, TokenReport) and report.labels_read_back == {"ORG.": "ORG"}
    assert "warning: label 'ORG.' is read back as 'ORG' (its edge looks like noise)" in (
        report.lines()
    )
    (back,) = read_conll(tmp_path / "a.conll").documents
    assert [s.label for s in back.spans] == ["PER", "ORG"]


def test_a_document_of_white_space_is_left_out_and_reported(tmp_path: Path) -> None:
    report = write_conll(
        [make_doc(" ", []), make_doc("نص.", [])], tmp_path / "a.conll", SCHEMA,
        ExportOptions(docstart=True),
    )  # fmt: skip
    assert report.documents == 1
    assert report.documents_skipped == {"no token to write (the text is only white space)": 1}
    assert len(read_conll(tmp_path / "a.conll").documents) == 1


def test_iob1_starts_an_entity_at_a_sentence_start_with_i() -> None:
    """Found by the round trip above (CI, 2026-11-30): an entity at the start of a sentence
    right after one of the same type ending the sentence before was written B- in IOB1 (the
    two counted as adjacent across the break), so the file read as IOB2 and its first I- was
    reported as a repair."""
    entities = [(0, 1, "PER"), (1, 2, "PER")]
    assert encode(2, entities, "IOB1") == ["I-PER", "B-PER"]  # one sentence: adjacent
    assert encode(2, entities, "IOB1", sentence_starts={0, 1}) == ["I-PER", "I-PER"]
    assert encode(2, entities, "IOB2", sentence_starts={0, 1}) == ["B-PER", "B-PER"]
