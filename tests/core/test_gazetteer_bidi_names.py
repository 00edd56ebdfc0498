"""Gazetteer names wrapped in bidi embeddings or isolates (a pasted name often carries them)
match as the bare name, as a word query finds them (annotator.search.gazetteer.clean_name,
the same ``EMBEDDING`` that annotator.search.matching.Matcher drops from a word query)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import ImportFormatError
from annotator.search import FoldedCorpus, Query, gazetteer_suggestions, read_gazetteer

TEXT = "زار الوزير مدريد ثم عاد من مدريد إلى لندن."
WRAPS = [
    ("\u2067", "\u2069"),  # LRI ... PDI
    ("\u2068", "\u2069"),  # FSI ... PDI
    ("\u202b", "\u202c"),  # RLE ... PDF
    ("\u202e", "\u202c"),  # RLO ... PDF
    ("\u202a\u2067", "\u2069\u202c"),
]


@pytest.mark.parametrize(("before", "after"), WRAPS)
def test_a_wrapped_name_matches_as_search_finds_it(tmp_path: Path, before: str, after: str) -> None:
    path = tmp_path / "g.csv"
    path.write_text(f"name,label\n{before}مدريد{after},GPE\n", encoding="utf-8")
    gaz = read_gazetteer(path)
    corpus = FoldedCorpus([(1, TEXT)])
    got = [(s.start, s.end, s.text, s.label) for s in gazetteer_suggestions(gaz, corpus, [])]
    found = [(h.start, h.end) for h in corpus.search(Query(f"{before}مدريد{after}"))]
    assert [(a, b) for a, b, _, _ in got] == found
    assert len(got) == 2 and {t for _, _, t, _ in got} == {"مدريد"}
    assert gaz.entries[0].name == "مدريد"


def test_a_wrapped_name_and_the_bare_one_are_one_name(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("مدريد,GPE\n\u2067مدريد\u2069,ORG\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_gazetteer(path)
    assert "g.csv:2" in str(info.value)


@pytest.mark.parametrize("name", ["\u2067\u2069", "\u202b \u202c", " \u2066\u2069 "])
def test_a_name_of_bidi_controls_only_is_an_empty_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / "g.txt"
    path.write_text(f"لندن\n{name}\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_gazetteer(path, label="GPE")
    assert "g.txt:2" in str(info.value) and "empty name" in str(info.value)
