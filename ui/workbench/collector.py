"""Python's cyclic garbage collector around the workbench's bulk work.

A document of 20,000 spans is read and shown as some 100,000 new objects; each 700
allocations the collector scans the young ones, and every tenth of those scans the old, so
reading and showing such a layer ran a dozen full scans of everything alive (the Qt wrappers,
the modules, the layer itself): ~110 ms of the 310 ms the whole window took (issue 12).

- ``settle()`` (once per process, when the window is built): the objects made at start-up are
  moved out of the collector's sight (``gc.freeze``: modules, classes and the window's widgets
  are never garbage) and the young generation is collected every 10,000 allocations, not 700.
- ``paused()``: no collection while a whole layer is turned into the view's and the panels'
  rows (what it builds is kept, so there is nothing to find); the collector runs as usual after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

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
    one ends)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
