"""A token never splits a grapheme cluster nor starts with a joiner (QA8 D4): ZWJ family emoji,
skin tones and flags were cut into several tokens (some a lone ZWJ), and a cut at a span
boundary before a ZWNJ glued it to the next word. Arabic words (tashkeel, tatweel, in-word
ZWNJ/ZWJ) tokenize as before."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.exporting import export
from annotator.formats.tokens import JOINERS, token_layer, tokenize
from annotator.project import Project

FAMILY = "👨\u200d👩\u200d👧"
THUMB = "👍🏽"
FLAG = "🇸🇦"
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
KEYCAP = "1\ufe0f\u20e3"


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_emoji_sequences_are_one_token() -> None:
    text = f"زار {FAMILY} و{THUMB} {FLAG}{FLAG} السعودية {ENGLAND} {KEYCAP} ❤\ufe0f!"
    assert words(text) == [
        "زار", FAMILY, "و", THUMB, FLAG, FLAG, "السعودية", ENGLAND, KEYCAP, "❤\ufe0f", "!",
    ]  # fmt: skip


def test_arabic_words_tokenize_as_before() -> None:
    text = "الـمـدينة\u200d وَقَالَ بَغْدَادُ هولندا\u200cوبلجيكا ٣٫٥ 3,000.5 «قال»، ذهب؟"
    assert words(text) == [
        "الـمـدينة\u200d", "وَقَالَ", "بَغْدَادُ", "هولندا\u200cوبلجيكا", "٣٫٥", "3,000.5",
        "«", "قال", "»", "،", "ذهب", "؟",
    ]  # fmt: skip


def test_a_cut_before_a_joiner_leaves_it_between_tokens() -> None:
    text = "هولندا\u200cوبلجيكا"
    cut = text.index("\u200c")
    layer = token_layer(text, [cut, cut + 1])
    assert layer.words() == ["هولندا", "وبلجيكا"]
    assert token_layer("x \u200dy", []).words() == ["x", "y"]


_PIECES = st.sampled_from(
    ["بغداد", "وَقَالَ", "الـمـدينة", " ", "\u200c", "\u200d", FAMILY, THUMB, FLAG, "🇸", "!", "٣"]
)


@given(st.lists(_PIECES, max_size=20).map("".join), st.lists(st.integers(0, 200), max_size=6))
@settings(max_examples=200, deadline=None)
def test_no_token_starts_with_a_joiner(text: str, cuts: list[int]) -> None:
    layer = token_layer(text, [c % (len(text) + 1) for c in cuts])
    for s, e in layer.tokens:
        assert text[s] not in JOINERS and not text[s:e].isspace()


def test_conll_export_keeps_emoji_whole(tmp_path: Path) -> None:
    text = f"زار {FAMILY} و{THUMB} {FLAG} السعودية هولندا\u200cوبلجيكا"
    with Project.create(tmp_path / "p.annotator") as p:
        d = p.add_document(text, name="d")
        i = text.index("السعودية")
        p.add_span(d.id, i, i + len("السعودية"), "GPE", annotator="amal")
        j = text.index("وبلجيكا")
        p.add_span(d.id, j, j + len("وبلجيكا"), "GPE", annotator="amal")
        export(p, "conll", tmp_path / "a.conll", annotator="amal")
    rows = [ln.split("\t") for ln in (tmp_path / "a.conll").read_text("utf-8").split("\n") if ln]
    assert [w for w, _ in rows] == [
        "زار", FAMILY, "و", THUMB, FLAG, "السعودية", "هولندا\u200c", "وبلجيكا",
    ]  # fmt: skip
    assert [t for _, t in rows][-3:] == ["B-GPE", "O", "B-GPE"]


def test_an_imported_token_keeps_its_joiner_through_export(tmp_path: Path) -> None:
    """A CoNLL token that starts with a ZWNJ is the file's own: it is written back with it
    (the joiner was taken off every token's start, so the export read back as another text)."""
    from annotator.formats.conll import read_conll
    from annotator.importing import import_documents

    src = tmp_path / "in.conll"
    src.write_text("زار O\n\u200cوبلجيكا B-GPE\nأمس O\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as p:
        import_documents(p, read_conll(src), annotator="amal")
        export(p, "conll", tmp_path / "out.conll", annotator="amal")
    rows = [ln.split() for ln in (tmp_path / "out.conll").read_text("utf-8").split("\n") if ln]
    assert rows == [["زار", "O"], ["\u200cوبلجيكا", "B-GPE"], ["أمس", "O"]]
