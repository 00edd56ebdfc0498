"""A query shorter than ``MIN_CLITIC_STEM`` letters is found as a whole word only, never
after proclitics or the article: the span تي (the T of "إم . آي . تي") gave annotate-all
suggestions inside every التي and والتي."""

from __future__ import annotations

from annotator.model import Span
from annotator.search import FoldedCorpus, Mode, Query, find
from annotator.search.matching import MIN_CLITIC_STEM, OriginalMatcher
from annotator.search.suggestions import annotate_all

TEXT = "درس في إم آي تي ثم عاد إلى المدينة التي ولد فيها والتي يحبها، وتي."


def _found(text: str, query: str, mode: Mode = Mode.WORD) -> list[str]:
    return [text[h.start : h.end] for h in find(text, Query(query, mode))]


def test_a_two_letter_query_is_a_whole_word_only() -> None:
    assert MIN_CLITIC_STEM == 3
    hits = find(TEXT, Query("تي"))
    assert [(h.start, h.end) for h in hits] == [(13, 15)]
    assert _found("كتب في فلسطين ولس", "لس") == []
    assert _found("قال لس", "لس") == ["لس"]
    assert _found("التي والتي", "تي", Mode.PREFIX) == []
    matcher = Query("تي").matcher()
    assert not matcher.clitics
    original = OriginalMatcher.of(Query("تي"))
    if original is not None:
        assert list(original.spans(TEXT)) == [(13, 15)]


def test_three_letters_and_more_keep_the_proclitics() -> None:
    assert _found("زار وباريس وبالقدس", "باريس") == ["باريس"]
    assert _found("مصر ومصر وبمصر", "مصر") == ["مصر", "مصر", "مصر"]
    assert _found("رأى للقدس", "القدس") == ["لقدس"]


def test_annotate_all_from_a_two_letter_span_suggests_no_alladhi() -> None:
    corpus = FoldedCorpus([(1, TEXT)])
    span = Span("u1", 1, "amal", 13, 15, "ORG", "تي")
    found = annotate_all(span, corpus, [span])
    assert [(s.doc_id, s.start, s.end) for s in found] == []
