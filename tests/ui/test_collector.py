"""``ui.workbench.collector``: what a paused block made goes to the oldest generation (kept,
not scanned as young), nothing stays frozen by it, and cyclic garbage stays collectable."""

from __future__ import annotations

import gc
import weakref

from ui.workbench import collector


class Node:
    def __init__(self) -> None:
        self.me = self


def test_a_paused_block_promotes_what_it_made_and_freezes_nothing() -> None:
    was_on, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.enable()
    try:
        gc.unfreeze()
        with collector.paused():
            assert not gc.isenabled()
            with collector.paused():  # nested: still off when the inner block ends
                pass
            assert not gc.isenabled()
            kept = [[k] for k in range(50_000)]
            dropped = Node()  # cyclic garbage made during the load
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
        assert gone() is None  # ... but collectable: not trapped by a freeze
    finally:
        if not was_on:
            gc.disable()
        if frozen:
            gc.freeze()
