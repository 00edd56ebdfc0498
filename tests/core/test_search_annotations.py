"""Queries over annotations, the text no span covers, the entity list and the concordance
(annotator.search.annotations, annotator.search.kwic)."""

from __future__ import annotations

from annotator.model import Span, Status
from annotator.search import (
    ANY_VALUE,
    FoldedCorpus,
    Hit,
    KwicLine,
    Mode,
    Query,
    SortBy,
    SpanFilter,
    concordance,
    entity_groups,
    filter_spans,
    layout,
    outside,
    sort_lines,
    uncovered,
)

TEXT = "زار الرئيس بَاريس ثم لندن، وعاد إلى باريس."


def span(uuid: str, word: str, label: str, layer: str = "ana", nth: int = 0, **attrs: str) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    end = start + len(word)
    return Span(uuid, 1, layer, start, end, label, TEXT[start:end], attrs)


SPANS = [
    span("s1", "بَاريس", "GPE", MentionType="NAM"),
    span("s2", "لندن", "GPE", layer="bo"),
    span("s3", "الرئيس", "PER", MentionType="NOM"),
    span("s4", "باريس", "LOC", layer="bo", nth=0),
]


def uuids(spans: object) -> list[str]:
    return [s.uuid for s in spans]  # type: ignore[attr-defined]


def test_filters_by_label_layer_status_attribute_and_folded_text() -> None:
    assert uuids(filter_spans(SPANS, SpanFilter(labels=frozenset({"GPE"})))) == ["s1", "s2"]
    assert uuids(filter_spans(SPANS, SpanFilter(layers=frozenset({"bo"})))) == ["s2", "s4"]
    attrs = SpanFilter(attributes={"MentionType": "NAM"})
    assert uuids(filter_spans(SPANS, attrs)) == ["s1"]
    assert uuids(filter_spans(SPANS, SpanFilter(attributes={"MentionType": ANY_VALUE}))) == [
        "s1",
        "s3",
    ]
    assert uuids(filter_spans(SPANS, SpanFilter(text="باريس"))) == ["s1", "s4"]
    contains = SpanFilter(text_query=Query("رئيس"))
    assert uuids(filter_spans(SPANS, contains)) == ["s3"]
    done = SpanFilter(statuses=frozenset({Status.DONE}))
    assert uuids(filter_spans(SPANS, done, {(1, "bo"): Status.DONE})) == ["s2", "s4"]
    assert uuids(filter_spans(SPANS, done)) == []
    gone = Span("s5", 1, "ana", 0, 3, "GPE", "زار", deleted=True)
    assert uuids(filter_spans([*SPANS, gone], SpanFilter())) == ["s1", "s2", "s3", "s4"]


def test_text_not_covered_by_any_span() -> None:
    gaps = [TEXT[a:b] for a, b in uncovered(TEXT, SPANS)]
    assert gaps == ["زار", "ثم", "، وعاد إلى", "."]
    last = TEXT.rindex("باريس")  # labelled LOC by s4
    hits = [Hit(1, 0, 3), Hit(1, last, last + 5), Hit(1, last + 2, last + 6)]
    assert list(outside(hits, SPANS)) == [Hit(1, 0, 3)]


def test_entity_list_groups_by_label_and_folded_text() -> None:
    more = [*SPANS, Span("s6", 2, "ana", 0, 5, "GPE", "باريس")]
    groups = entity_groups(more)
    top = groups[0]
    assert (top.label, top.key, top.count, top.documents) == ("GPE", "باريس", 2, 2)
    assert dict(top.layers) == {"ana": 2}
    assert [m.uuid for m in top.mentions] == ["s1", "s6"]
    assert {(g.label, g.key, g.count) for g in groups[1:]} == {
        ("GPE", "لندن", 1),
        ("LOC", "باريس", 1),
        ("PER", "الرئيس", 1),
    }
    assert top.hits() == [Hit(1, SPANS[0].start, SPANS[0].end), Hit(2, 0, 5)]


def test_concordance_lines_and_their_rtl_layout() -> None:
    text = "قال الوزير إن اعتداءات باريس غيرت فرنسا كثيرا منذ ذلك اليوم"
    hits = [Hit(1, text.index("باريس"), text.index("باريس") + 5)]
    (line,) = concordance(hits, lambda _: text, width=16)
    assert (line.before, line.keyword, line.after) == ("إن اعتداءات ", "باريس", " غيرت فرنسا")
    # right to left: from the left edge of the screen, after | keyword | before
    assert [c.field for c in layout(rtl=True)] == ["after", "keyword", "before"]
    # each context cell pushed against the keyword
    assert {c.field: c.align for c in layout(rtl=True)} == {
        "after": "right",
        "keyword": "center",
        "before": "left",
    }
    assert [c.field for c in layout(rtl=False)] == ["before", "keyword", "after"]


def test_concordance_sorts_by_the_words_before_and_after() -> None:
    lines = [
        KwicLine(1, 10, 15, "في مدينة ", "باريس", " أمس"),
        KwicLine(2, 10, 15, "وصل إلى ", "باريس", " يوم الأحد"),
        KwicLine(3, 10, 15, "من ", "باريس", " أمس بعد"),
    ]
    # nearest word before first, folded: الي (إلى) < مدينة < من
    assert [x.doc_id for x in sort_lines(lines, SortBy.BEFORE)] == [2, 1, 3]
    assert [x.doc_id for x in sort_lines(lines, SortBy.AFTER)] == [1, 3, 2]
    assert [x.doc_id for x in sort_lines(lines, SortBy.AFTER, descending=True)] == [2, 3, 1]
    assert [x.doc_id for x in sort_lines(lines, SortBy.DOCUMENT)] == [1, 2, 3]


def test_concordance_of_a_corpus_search(seed_text: str) -> None:
    corpus = FoldedCorpus([(1, seed_text), (2, "لا شيء هنا عن بـاريسَ")])
    lines = concordance(corpus.search(Query("باريس", Mode.WORD)), corpus.text)
    assert [(x.doc_id, x.keyword) for x in lines][-1] == (2, "بـاريسَ")
    assert any(x.before.endswith("اعتداءات ") for x in lines)
    assert all("\n" not in x.before + x.after for x in lines)
