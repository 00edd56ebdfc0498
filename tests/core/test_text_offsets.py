"""``OffsetMap``: code points and UTF-16 units of one text, whether it holds characters outside
the BMP (two units each) or not (the map's fast path), lone surrogates included."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text import OffsetMap

TEXTS = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x600, max_codepoint=0x6FF),  # Arabic
        st.characters(max_codepoint=0x7F),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F),  # emoji: two units
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
    ),
    max_size=40,
)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@given(TEXTS)
def test_offsets_agree_with_the_utf16_encoding(text: str) -> None:
    m = OffsetMap(text)
    assert m.length_u16 == _units(text)
    for cp in range(len(text) + 1):
        u16 = m.to_u16(cp)
        assert u16 == _units(text[:cp])
        assert m.cp_of(u16) == cp


def test_a_unit_inside_a_surrogate_pair_or_outside_the_text_is_refused() -> None:
    m = OffsetMap("ab😀c")
    assert [m.to_u16(cp) for cp in range(5)] == [0, 1, 2, 4, 5]
    with pytest.raises(ValueError, match="surrogate pair"):
        m.cp_of(3)
    with pytest.raises(ValueError, match="outside"):
        m.cp_of(6)
    plain = OffsetMap("قال أحمد")
    assert plain.length_u16 == 8 and plain.cp_of(8) == 8
