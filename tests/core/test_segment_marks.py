"""The model's proclitic cuts and the editor's ``[`` read one rule of what belongs to a letter
(``annotator.text.is_mark``): the model had its own (harakat and tatweel only), so a joiner or
a combining mark outside the harakat after a proclitic put the model's cut before it while
``[`` cut after it (found in QA 13's fix of ``[``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.learn.segment import proclitic_cuts
from annotator.text import ALEFS, trim_proclitic

LETTERS = [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640]
# harakat, superscript alef, tatweel, the joiners, and combining marks beyond the harakat
MARKS = [
    *(chr(c) for c in range(0x064B, 0x0653)),
    "\u0670",
    "\u0640",
    "\u200c",
    "\u200d",
    "\u08f0",
    "\u0654",
]


def test_a_joiner_after_a_proclitic_stays_with_it() -> None:
    word = "و\u200dباريس"
    assert proclitic_cuts(word) == [2, 3]  # after و and its joiner, then after ب
    assert trim_proclitic(word, 0, len(word)) == 2


@st.composite
def words(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(["", "و", "ف", "ب", "ل", "ك", "وب", "فل"])) + "".join(
        draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=6))
    )
    return "".join(ch + "".join(draw(st.lists(st.sampled_from(MARKS), max_size=2))) for ch in base)


@settings(max_examples=300, deadline=None)
@given(words())
def test_the_model_cuts_where_trim_cuts(word: str) -> None:
    if word[0] in ALEFS:
        return  # the article: the model has no cut for it
    cuts = proclitic_cuts(word)
    assert trim_proclitic(word, 0, len(word)) == (cuts[0] if cuts else 0)
