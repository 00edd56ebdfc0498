"""Python's cyclic garbage collector around the workbench's bulk work.

A document of 20,000 spans is read and shown as some 100,000 new objects; each 700
allocations the collector scans the young ones, and every tenth of those scans the old, so
reading and showing such a layer ran a dozen full scans of everything alive (the Qt wrappers,
the modules, the layer itself): ~110 ms of the 310 ms the whole window took (issue 12).

- ``settle()`` (once per process, when the window is built): the objects made at start-up are
  moved out of the collector's sight (``gc.freeze``: modules, classes and the window's widgets
  are never garbage) and the young generation is collected every 10,000 allocations, not 700.
- ``paused()``: no collection while a whole layer is turned into the view's and the panels'
  rows. What the outermost block made is kept (the layer shown), so on leaving it goes
  straight to the oldest generation (``annotator.cycles.promote``) instead of being scanned by
  the young generation's pass the next allocation would start (8-15 ms over the columns and
  indexes of 20,000 spans, none of it garbage), then by the middle generation's.

Why promoted, not frozen: a frozen object is never examined again, so cyclic garbage alive at
the freeze (a cycle dropped just before a load, or one the load made) would stay in memory
for the rest of the session, once per document opened. Promoted objects are still examined
by the full collections, which find any such cycle; they are rare (Python runs one only when
the objects promoted by the middle generation since the last one reach a quarter of those
it examined), and promotion adds nothing to that count. The price: ``gc.unfreeze`` cannot
tell what ``settle`` froze from the rest, so after the first load the start-up objects are
in the oldest generation too (a full collection then examines them: ~15 ms for 60,000
objects, when one runs).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from annotator.cycles import no_cycle_collection

YOUNG_THRESHOLD = 10_000
_settled = False


def settle() -> None:
    """Freeze what start-up made and collect the young generation less often (once)."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.freeze()  # (no collection first: it cost 16 ms of the cold start for little garbage)
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(max(_young, YOUNG_THRESHOLD), middle, old)


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block (nested blocks keep it off until the outer
    one ends); what the outermost block made is promoted to the oldest generation when it
    ends (``no_cycle_collection`` promotes: it is kept, not scanned as young)."""
    with no_cycle_collection():
        yield
