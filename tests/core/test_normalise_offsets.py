"""Every offset map across the normalisation is built from one rule (``text.normalise_drops``):
the import's ``normalise_with_offsets`` and the stand-off readers' ``RawOffsets`` send each
character that normalising keeps to the same place, and agree with ``normalise`` itself, with
any number of leading BOMs, CRLF and lone CR."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.standoff import RawOffsets
from annotator.importing import normalise_with_offsets
from annotator.text import BOM, normalise, normalise_drops

RAW = st.text(alphabet=st.sampled_from([BOM, "\r", "\n", "ب", "a", " ", "😀"]), max_size=40)


@given(RAW)
def test_the_offset_maps_agree_with_normalise(raw: str) -> None:
    stored = normalise(raw).text
    text, remap = normalise_with_offsets(raw)
    assert text == stored
    offsets = RawOffsets(raw)
    assert offsets.text == stored
    drops = set(normalise_drops(raw))
    for i, ch in enumerate(raw):
        assert remap(i) == offsets.stored(i)
        if i not in drops:  # a kept character lands on itself (a lone CR as LF)
            assert stored[remap(i)] == ("\n" if ch == "\r" else ch)
    assert remap(len(raw)) == offsets.stored(len(raw)) == len(stored)


def test_two_leading_boms_are_both_dropped_and_spans_move_with_them() -> None:
    raw = BOM + BOM + "باريس\r\nمدينة"
    text, remap = normalise_with_offsets(raw)
    assert text == "باريس\nمدينة"
    start = raw.index("مدينة")
    assert text[remap(start) : remap(start + 5)] == "مدينة"
    assert normalise_drops(raw) == [0, 1, 7]
