"""Python's cycle collector paused while a batch of records is made (one helper for every
reader, importer, merge, store decoder and agreement count).

The records and rows hold no reference cycles, but every collection (one per ~700 new
objects) walks all of the young ones again: reading and importing 10,000 documents (280,000
records) spent a third of their time there, decoding 20,000 spans a third too. Reference
counting frees as before; the collector runs again when the block ends, and stays off if it
was off already (a caller that paused it keeps it paused).

Turned on again, the collector's first young pass (the next allocation starts it) would walk
every object the block made and the caller keeps (a bundle read, a layer decoded, an
import: 1.3 s after a bundle of 500,000 records, 16-32 ms after 20,000 spans decoded), and
the middle generation's pass walk them again later; so what the block made is promoted to
the oldest generation first (``promote``), where only the rare full collections examine it
(they still find any cyclic garbage: nothing stays frozen)."""

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
        if was_on:  # (an inner block leaves it to the outermost one)
            promote()
            gc.enable()


def promote() -> None:
    """Move every object the collector tracks to the oldest generation without examining it
    (two list splices), and count the young generation from zero: for what a long piece of
    work made and keeps (a layer shown, a search's corpus), so the young and middle
    generations' passes do not walk it again (``ui.workbench.collector``)."""
    gc.freeze()
    gc.unfreeze()
