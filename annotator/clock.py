"""Hybrid logical clock stamps for annotation records.

A stamp is ``"<13-digit unix ms>.<6-digit counter>"``: it sorts as text, follows wall time when
the wall clock moves forward, and never moves back (a skewed or repeated wall time bumps the
counter). Merging colleagues' work orders versions of one record by (clock, annotator, record),
so stamps only need to be monotonic per project, not globally unique.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

STAMP = re.compile(r"^\d{13}\.\d{6}$")


def parse(stamp: str) -> tuple[int, int]:
    if not STAMP.match(stamp):
        raise ValueError(f"not a clock stamp: {stamp!r}")
    ms, counter = stamp.split(".")
    return int(ms), int(counter)


def format_stamp(ms: int, counter: int) -> str:
    return f"{ms:013d}.{counter:06d}"


class HybridClock:
    """Issues strictly increasing stamps; ``observe`` folds in stamps seen from elsewhere."""

    def __init__(self, last: str = "", wall_ms: Callable[[], int] | None = None) -> None:
        self._wall = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._ms, self._counter = parse(last) if last else (0, 0)

    @property
    def last(self) -> str:
        return format_stamp(self._ms, self._counter)

    def tick(self) -> str:
        now = self._wall()
        if now > self._ms:
            self._ms, self._counter = now, 0
        else:
            self._counter += 1
            if self._counter > 999_999:
                self._ms, self._counter = self._ms + 1, 0
        return self.last

    def observe(self, stamp: str) -> None:
        """Never issue a stamp at or below ``stamp`` from now on."""
        if stamp and parse(stamp) > (self._ms, self._counter):
            self._ms, self._counter = parse(stamp)
