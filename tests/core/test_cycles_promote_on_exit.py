"""``annotator.cycles.no_cycle_collection``: the collector is on again when the block ends
(an exception too), and what the block made is in the oldest generation, so the collector's
first young pass does not walk it (every reader, importer and decoder using it, not only
``read_bundle``, which did it by hand); nothing stays frozen, cyclic garbage stays
collectable, and a caller that paused the collector keeps it paused."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from annotator.cycles import no_cycle_collection


class Node:
    def __init__(self) -> None:
        self.me = self


@contextmanager
def _collector_on() -> Iterator[None]:
    was_on, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.enable()
    gc.unfreeze()
    try:
        yield
    finally:
        if not was_on:
            gc.disable()
        if frozen:
            gc.freeze()


def test_what_the_block_made_is_promoted_and_the_collector_on_again() -> None:
    with _collector_on():
        with no_cycle_collection():
            assert not gc.isenabled()
            with no_cycle_collection():  # nested: still off when the inner block ends
                pass
            assert not gc.isenabled()
            kept = [[k] for k in range(50_000)]
            dropped = Node()  # cyclic garbage made in the block
            gone = weakref.ref(dropped)
            del dropped
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert gc.get_count()[0] < 100  # no young pass owed over the 50,000 lists
        young = {id(x) for x in gc.get_objects(0)}
        assert not any(id(x) in young for x in kept[:100])
        assert any(x is kept[0] for x in gc.get_objects(2))
        assert gone() is not None  # not collected yet ...
        gc.collect()
        assert gone() is None  # ... but collectable: nothing frozen


def test_an_exception_leaves_the_collector_on_and_the_objects_promoted() -> None:
    kept: list[list[int]] = []
    with _collector_on():
        with pytest.raises(ValueError), no_cycle_collection():
            kept += [[k] for k in range(10_000)]
            raise ValueError("stop")
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert any(x is kept[0] for x in gc.get_objects(2))


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    with _collector_on():
        gc.disable()
        try:
            with no_cycle_collection():
                pass
            assert not gc.isenabled()
        finally:
            gc.enable()
