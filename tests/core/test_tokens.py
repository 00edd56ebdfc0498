"""The token layer: Unicode-aware splitting, cuts at span boundaries, sentences, overlaps."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats.common import ExportOptions, ExportReport
from annotator.formats.tokens import (
    export_spans,
    resolve_overlaps,
    sentences,
    spacy_tokenize,
    split_at,
    token_layer,
    tokenize,
)
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import EventType, Label, Schema
from annotator.text import sha256_text


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_words_and_punctuation_split_arabic_style() -> None:
    text = 'ويشارك في الاجتماع، بباريس؛ وهولندا. ضد "داعش"؟'
    assert words(text) == [
        "ويشارك", "في", "الاجتماع", "،", "بباريس", "؛", "وهولندا", ".",
        "ضد", '"', "داعش", '"', "؟",
    ]  # fmt: skip


def test_marks_tatweel_and_joiners_stay_inside_words() -> None:
    assert words("بَغْدَادُ مـحـمـد كتاب\u200cها") == ["بَغْدَادُ", "مـحـمـد", "كتاب\u200cها"]


def test_numbers_keep_decimal_and_group_separators() -> None:
    text = "بلغ ١٢٫٥ و3,000.5 و٣٬٠٠٠ عام 2014. في ٢٠٢٤/٣/١ نسبة 50%"
    assert words(text) == [
        "بلغ", "١٢٫٥", "و3,000.5", "و٣٬٠٠٠", "عام", "2014", ".", "في",
        "٢٠٢٤", "/", "٣", "/", "١", "نسبة", "50", "%",
    ]  # fmt: skip


def test_split_at_cuts_proclitics_at_span_boundaries() -> None:
    text = "ألمانيا وهولندا بباريس"
    toks = tokenize(text)
    w = text.index("وهولندا")
    b = text.index("بباريس")
    new, n = split_at(toks, [w + 1, w + 7, b + 1, b + 6, 0])
    assert [text[s:e] for s, e in new] == ["ألمانيا", "و", "هولندا", "ب", "باريس"]
    assert n == 2


@st.composite
def arabic_texts(draw: st.DrawFn) -> str:
    pieces = st.sampled_from(
        ["و", "ب", "هولندا", "باريس", "الاجتماع", "٢٠١٤", "12.5", "بَغْدَاد", "ـ", "\u200c",
         " ", " ", "\n", "،", ".", "؟", '"', "😀", "\u200f", "x"]
    )  # fmt: skip
    return "".join(draw(st.lists(pieces, max_size=30)))


@given(arabic_texts(), st.lists(st.integers(0, 200), max_size=8))
@settings(max_examples=150, deadline=None)
def test_tokens_partition_the_non_space_characters(text: str, cuts: list[int]) -> None:
    toks, _ = split_at(tokenize(text), [c % (len(text) + 1) for c in cuts])
    covered = [False] * len(text)
    prev = 0
    for s, e in toks:
        assert prev <= s < e
        assert not any(ch.isspace() for ch in text[s:e])
        for i in range(s, e):
            covered[i] = True
        prev = e
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    # every cut that is inside non-space text is now a token boundary
    bounds = {b for t in toks for b in t}
    for c in cuts:
        c %= len(text) + 1
        if 0 < c < len(text) and not text[c - 1].isspace() and not text[c].isspace():
            assert c in bounds


def test_sentences_break_on_arabic_punctuation_and_newlines() -> None:
    text = 'قال: "ذهبت." ثم عاد؟ نعم؛ لا\nسطر آخر'
    toks = tokenize(text)
    got = [" ".join(text[toks[i][0] : toks[i][1]] for i in s) for s in sentences(text, toks)]
    # a semicolon (; or ؛) joins two clauses of one sentence
    assert got == ['قال : " ذهبت . "', "ثم عاد ؟", "نعم ؛ لا", "سطر آخر"]


def test_sentences_never_break_inside_a_span() -> None:
    text = "شركة أ. ب. للنفط. ثم"
    toks = tokenize(text)
    span = (0, text.index("للنفط") + 5)
    got = sentences(text, toks, [span])
    assert [len(s) for s in got] == [7, 1]


def test_spacy_tokenizer_keeps_clitics_attached() -> None:
    text = "اعتقل محمد علي ببغداد."
    assert [text[s:e] for s, e in spacy_tokenize(text)] == ["اعتقل", "محمد", "علي", "ببغداد", "."]


def _span(i: int, start: int, end: int, label: str, text: str) -> Span:
    return Span(f"s{i}", 1, "gold", start, end, label, text[start:end])


def test_overlap_policies() -> None:
    text = "مقر وزارة الدفاع بباريس"
    fac = _span(0, 0, len(text), "FAC", text)
    org = _span(1, 4, 16, "ORG", text)
    gpe = _span(2, 18, 23, "GPE", text)
    cross = _span(3, 10, 20, "ORG", text)
    kept, why = resolve_overlaps([org, gpe, fac], "outermost")
    assert kept == [fac] and why == ["nested inside a kept span (policy outermost)"] * 2
    kept, why = resolve_overlaps([org, gpe, fac], "innermost")
    assert kept == [org, gpe] and why == ["contains a kept span (policy innermost)"]
    kept, why = resolve_overlaps([org, gpe, cross], "longest")
    assert kept == [org, gpe] and why == ["overlaps a kept span (policy longest)"]


def test_export_spans_separates_entities_triggers_and_counts_the_rest() -> None:
    text = "اعتقل محمد علي ببغداد."
    spans = (
        _span(0, 6, 14, "PER", text),
        _span(1, 0, 5, "Justice:Arrest-Jail", text),
        _span(2, 16, 21, "WEIRD", text),
        Span("s3", 1, "gold", 16, 21, "GPE", "بغداد", fragments=((15, 16), (17, 21))),
        Span("s4", 1, "gold", 6, 10, "PER", "محمد", deleted=True),
    )
    doc = DocumentAnnotations(Document(1, "d", text, sha256_text(text)), spans=spans)
    schema = Schema(
        entities=(Label("PER"), Label("GPE")), events=(EventType("Justice:Arrest-Jail"),)
    )
    report = ExportReport()
    ents, trigs = export_spans(doc, schema, ExportOptions(), report)
    assert [s.uuid for s in ents] == ["s0"] and [s.uuid for s in trigs] == ["s1"]
    assert report.dropped == {
        "label not in the schema": 1,
        "discontinuous span (token formats hold contiguous spans only)": 1,
    }


def test_token_layer_reuses_imported_tokens_and_sentences() -> None:
    text = "a b-c\nd"
    meta = {"tokens": [[0, 1], [2, 5], [6, 7]], "sentences": [[0, 2], [2, 3]]}
    layer = token_layer(text, [3], meta=meta)
    assert layer.words() == ["a", "b", "-c", "d"]
    assert layer.sentences == [[0, 1, 2], [3]] and layer.n_split == 1
    assert layer.token_range(2, 5) == (1, 3)
    assert layer.token_range(1, 2) is None


def test_token_layer_with_the_spacy_tokenizer_still_cuts_at_spans() -> None:
    text = "اعتقل محمد علي ببغداد."
    layer = token_layer(text, [16, 21], tokenizer="spacy")
    assert layer.words() == ["اعتقل", "محمد", "علي", "ب", "بغداد", "."]
    assert layer.n_split == 1 and layer.sentences == [[0, 1, 2, 3, 4, 5]]


def test_the_trimmed_edges_are_every_white_space_character_and_the_bom() -> None:
    # the token edges _trimmed takes off are one set worked out at import over U+0000-U+3000:
    # every character str.isspace accepts lies there
    from annotator.formats.tokens import _TRIMMED_AT_END, _TRIMMED_AT_START, JOINERS, UNTOKENISED

    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert spaces | set(UNTOKENISED) == _TRIMMED_AT_END
    assert spaces | set(UNTOKENISED) | set(JOINERS) == _TRIMMED_AT_START
