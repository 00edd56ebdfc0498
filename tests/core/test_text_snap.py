"""Word snapping (issue 15): a drag never takes trailing (or leading) punctuation, so a span
dragged onto "،" is the word alone, and CoNLL no longer tags the comma."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.conll import write_conll
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import Label, Schema
from annotator.text import EDGE_PUNCTUATION, is_word_char, sha256_text, snap_to_words, word_at

TEXT = "زار الوزير باريس، ثم عاد إلى «بغداد» (العراق). Then Paris, London: home."


def drag(text: str, word: str, extra: int) -> tuple[int, int]:
    """A drag from inside ``word`` to ``extra`` characters past its end."""
    at = text.index(word)
    return snap_to_words(text, at + 1, at + len(word) + extra)


def test_a_drag_ending_on_the_arabic_comma_gives_the_word_only() -> None:
    start, end = drag(TEXT, "باريس", 1)
    assert TEXT[start:end] == "باريس"
    start, end = drag(TEXT, "باريس", 2)  # the comma and the space after it
    assert TEXT[start:end] == "باريس"


@pytest.mark.parametrize(
    ("word", "extra"),
    [("بغداد", 1), ("العراق", 1), ("العراق", 2), ("Paris", 1), ("London", 1), ("home", 1)],
)
def test_closing_marks_and_latin_forms_are_left_out(word: str, extra: int) -> None:
    start, end = drag(TEXT, word, extra)
    assert TEXT[start:end] == word


def test_opening_marks_are_left_out_and_inner_punctuation_kept() -> None:
    at = TEXT.index("«بغداد»")
    start, end = snap_to_words(TEXT, at, at + len("«بغداد»"))
    assert TEXT[start:end] == "بغداد"
    at = TEXT.index("(العراق)")
    start, end = snap_to_words(TEXT, at - 1, at + len("(العراق)."))
    assert TEXT[start:end] == "العراق"
    at = TEXT.index("باريس")
    end_at = TEXT.index("ثم") + 2
    start, end = snap_to_words(TEXT, at, end_at)
    assert TEXT[start:end] == "باريس، ثم"  # punctuation between words stays


def test_punctuation_alone_stays_selectable() -> None:
    at = TEXT.index("،")
    assert snap_to_words(TEXT, at, at + 1) == (at, at + 1)


def test_word_at_on_punctuation_gives_the_neighbouring_word() -> None:
    comma = TEXT.index("،")
    assert TEXT[slice(*word_at(TEXT, comma))] == "باريس"
    guillemet = TEXT.index("«")
    assert TEXT[slice(*word_at(TEXT, guillemet))] == "بغداد"


@given(
    st.lists(
        st.sampled_from(
            ["كلمة", "باريس", "Paris", "،", "؛", ".", ":", '"', "»", "«", ")", "(", " "]
        ),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_snapped_edges_are_never_edge_punctuation_next_to_a_word(
    parts: list[str], data: st.DataObject
) -> None:
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = snap_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    inside = text[s:e]
    if any(is_word_char(c) for c in inside):
        assert inside[0] not in EDGE_PUNCTUATION and not inside[0].isspace()
        assert inside[-1] not in EDGE_PUNCTUATION and not inside[-1].isspace()
        assert s == 0 or not is_word_char(text[s - 1]) or not is_word_char(text[s])
        assert e == len(text) or not is_word_char(text[e]) or not is_word_char(text[e - 1])


def test_conll_no_longer_tags_the_comma(tmp_path: Path) -> None:
    text = "وصل الوزير إلى باريس، ثم غادر."
    start, end = drag(text, "باريس", 1)  # the drag ends on the comma
    span = Span("s1", 1, "gold", start, end, "GPE", text[start:end])
    doc = DocumentAnnotations(Document(1, "d1", text, sha256_text(text)), spans=(span,))
    out = tmp_path / "out.conll"
    write_conll([doc], out, Schema(entities=(Label("GPE"),)))
    lines = out.read_text(encoding="utf-8").split("\n")
    i = lines.index("باريس\tB-GPE")
    assert lines[i + 1] == "،\tO"
