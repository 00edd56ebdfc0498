"""``NameIndex`` built with less work (a list only for a first word's first phrase, sorted only
when it holds more than one) is the index it was: the same phrases under the same first words
in the same order, and the same marks on the AQMAR sample's text with the general names."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.learn.names import Gazetteer, NameIndex, as_gazetteer, general_names
from annotator.learn.segment import segment

AQMAR = Path("/work/shared/data/aqmar-sample")


def reference(gazetteer: Gazetteer) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The index as ``NameIndex.__init__`` built it before (2026-12-01)."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind in gazetteer.items():
        words = tuple(phrase.split())
        if words:
            by_first.setdefault(words[0], []).append((words, kind))
    for entries in by_first.values():
        entries.sort(key=lambda e: (-len(e[0]), e))
    return by_first


def test_the_general_names_index_is_the_one_built_before() -> None:
    names = general_names()
    built = NameIndex(names).by_first
    assert list(built.items()) == list(reference(names).items())
    assert any(len(v) > 1 for v in built.values())  # some first words lead several phrases


def test_odd_phrases_keep_their_order() -> None:
    """Spaces doubled, leading or trailing, an empty phrase, two phrases of the same words
    (one kind, then two), a tab: as before, equal entries in the gazetteer's order."""
    gazetteer = {
        "a b": "loc",
        " a  b ": "loc",
        "a\tb": "per",
        "": "loc",
        "   ": "loc",
        "a": "cur",
        "a b c": "lang",
        "b": "name",
        "a c": "loc",
    }
    built = NameIndex(gazetteer).by_first
    assert list(built.items()) == list(reference(gazetteer).items())
    assert built["a"] == [
        (("a", "b", "c"), "lang"),
        (("a", "b"), "loc"),
        (("a", "b"), "loc"),
        (("a", "b"), "per"),
        (("a", "c"), "loc"),
        (("a",), "cur"),
    ]


@pytest.mark.skipif(not AQMAR.is_dir(), reason="the AQMAR sample is not here")
def test_marks_on_the_aqmar_text_are_the_same() -> None:
    names = {**general_names(), **as_gazetteer({"الحملات الصليبية": "mis"})}
    new = NameIndex(names)
    old = NameIndex({})
    old.by_first = reference(names)
    marked = 0
    for f in sorted(AQMAR.glob("*.txt")):
        words = [line.split()[0] for line in f.read_text(encoding="utf-8").splitlines() if line]
        folded = segment(" ".join(words)).folded
        got = new.marks(folded)
        assert got == old.marks(folded), f.name
        marked += sum(1 for m in got if m)
    assert marked > 100
