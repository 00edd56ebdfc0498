"""Python's cycle collector paused while a batch of records is made (one helper for every
reader, importer, merge, store decoder and agreement count).

The records and rows hold no reference cycles, but every collection (one per ~700 new
objects) walks all of the young ones again: reading and importing 10,000 documents (280,000
records) spent a third of their time there, decoding 20,000 spans a third too. Reference
counting frees as before; the collector runs again when the block ends, and stays off if it
was off already (a caller that paused it keeps it paused)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def promote() -> None:
    """Move every object the collector tracks to the oldest generation without examining it
    (two list splices), and count the young generation from zero: for what a long piece of
    work made and keeps (a layer shown, a search's corpus), so the young and middle
    generations' passes do not walk it again (``ui.workbench.collector``)."""
    gc.freeze()
    gc.unfreeze()
