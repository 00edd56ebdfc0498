"""Hybrid logical clock stamps for annotation records.

A stamp is ``"<13-digit unix ms>.<6-digit counter>"``: it follows wall time when the wall clock
moves forward, and never moves back (a skewed or repeated wall time bumps the counter).
Merging colleagues' work orders versions of one record by (clock, annotator, record), so
stamps only need to be monotonic per project, not globally unique.

Stamps are compared as numbers (``parse`` gives integers). A clock never issues a stamp that
breaks the shape (``MAX_MS``, ``MAX_COUNTER``) and never takes in a stamp from elsewhere that
lies more than ``MAX_DRIFT_MS`` ahead of this machine (``observe``): one colleague's file with
a stamp from the year 2286 once became the project's clock, the next edit wrote a 14-digit
stamp and the project no longer opened. ``repair_clock`` mends a project that already holds
such stamps when it is opened.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from typing import Any, Protocol

from annotator.errors import AnnotatorError

STAMP = re.compile(r"^\d{13}\.\d{6}$")
MAX_MS = 10**13 - 1
MAX_COUNTER = 999_999
MAX_DRIFT_MS = 7 * 24 * 3600 * 1000
"""how far ahead of this machine's wall clock a stamp may be (a week: a colleague's laptop set
to the wrong day still merges; a stamp from the year 2286 does not). ``annotator.rules``
judges stamps with this same bound."""


class ClockError(AnnotatorError):
    """The clock cannot issue a stamp (it stands at the last stamp the shape allows)."""


def now_ms() -> int:
    """This machine's wall clock in unix milliseconds."""
    return time.time_ns() // 1_000_000


def is_stamp(stamp: object) -> bool:
    """Whether ``stamp`` has the shape of a clock stamp (any age)."""
    return isinstance(stamp, str) and STAMP.match(stamp) is not None


def parse(stamp: str) -> tuple[int, int]:
    """(milliseconds, counter) as integers; ValueError when not a stamp."""
    if not is_stamp(stamp):
        raise ValueError(f"not a clock stamp: {stamp!r}")
    ms, counter = stamp.split(".")
    return int(ms), int(counter)


def format_stamp(ms: int, counter: int) -> str:
    if not (0 <= ms <= MAX_MS and 0 <= counter <= MAX_COUNTER):
        raise ValueError(f"no clock stamp for {ms}.{counter}")
    return f"{ms:013d}.{counter:06d}"


def limit_stamp(now: int | None = None, drift_ms: int = MAX_DRIFT_MS) -> str:
    """The greatest stamp accepted from elsewhere now: ``drift_ms`` ahead of the wall clock."""
    ms = min((now_ms() if now is None else now) + drift_ms, MAX_MS)
    return format_stamp(ms, MAX_COUNTER)


def within_drift(stamp: object, now: int | None = None, drift_ms: int = MAX_DRIFT_MS) -> bool:
    """Whether ``stamp`` is a stamp at most ``drift_ms`` ahead of the wall clock."""
    return is_stamp(stamp) and parse(str(stamp)) <= parse(limit_stamp(now, drift_ms))


class HybridClock:
    """Issues strictly increasing stamps; ``observe`` folds in stamps seen from elsewhere."""

    def __init__(
        self,
        last: str = "",
        wall_ms: Callable[[], int] | None = None,
        max_drift_ms: int = MAX_DRIFT_MS,
    ) -> None:
        self._wall = wall_ms or now_ms
        self._system = wall_ms is None  # tick reads time.time_ns itself (no call of now_ms)
        self._drift = max_drift_ms
        self._ms, self._counter = parse(last) if last else (0, 0)
        self._prefix = f"{self._ms:013d}."  # the milliseconds part of the next stamps

    @property
    def last(self) -> str:
        return format_stamp(self._ms, self._counter)

    def tick(self) -> str:
        # Once per imported record (84,000 in the import benchmark): the milliseconds part
        # is formatted once per new millisecond, not at every tick.
        now = time.time_ns() // 1_000_000 if self._system else self._wall()
        if now > self._ms:
            if now > MAX_MS:
                return self._tick_at_limit(now)
            self._ms, self._counter, self._prefix = now, 0, f"{now:013d}."
            return self._prefix + "000000"
        if self._counter < MAX_COUNTER:
            self._counter += 1
            return f"{self._prefix}{self._counter:06d}"
        return self._tick_at_limit(now)

    def _tick_at_limit(self, wall: int) -> str:
        """``tick`` when the wall clock lies beyond the last millisecond a stamp can hold or
        the counter is full."""
        now = min(wall, MAX_MS)
        if now > self._ms:
            self._ms, self._counter = now, 0
        elif self._counter < MAX_COUNTER:
            self._counter += 1
        elif self._ms < MAX_MS:
            self._ms, self._counter = self._ms + 1, 0
        else:
            raise ClockError(f"the clock stands at its last stamp {self.last}")
        self._prefix = f"{self._ms:013d}."
        return self.last

    def observe(self, stamp: str) -> bool:
        """Never issue a stamp at or below ``stamp`` from now on. A stamp of the wrong shape or
        more than the allowed drift ahead of the wall clock is refused (False), never taken."""
        if not within_drift(stamp, self._wall(), self._drift):
            return False
        value = parse(stamp)
        if value > (self._ms, self._counter):
            self._ms, self._counter = value
            self._prefix = f"{self._ms:013d}."
        return True


# -- repair of a project holding poisoned stamps -------------------------------------------------
StampChange = tuple[str, str, str, dict[str, Any], dict[str, Any]]
"""One line of a repair's change log: (annotator, kind, record uuid or key, before, after)."""


class Mending(Protocol):
    """What ``repair_clock`` needs from the project it mends, inside one write transaction
    (``annotator.project`` provides it; the clock never sees the store)."""

    def stamps(self, limit: str) -> tuple[str, dict[str, list[Any]]]:
        """The greatest well-formed stamp at or below ``limit`` among the stored records and
        statuses, and per table the keys of those whose stamp is malformed or beyond it."""
        ...

    def restamp(self, kind: str, keys: list[Any], tick: Callable[[], str]) -> list[StampChange]:
        """Write each of those rows of table ``kind`` again with a fresh stamp from ``tick``;
        the change of each, for the change log."""
        ...

    def save(self, hlc: str, changes: list[StampChange]) -> None:
        """Store the clock's last stamp and log the changes (action ``repair-clock``)."""
        ...


def repair_clock(
    hlc: str, mending: Callable[[], contextlib.AbstractContextManager[Mending]] | None
) -> HybridClock:
    """The clock of a project just opened whose ``hlc`` setting is given, repaired first if
    its stamps are poisoned.

    Every writer keeps the ``hlc`` setting at or above every stamp stored, so a well-formed hlc
    within the drift means a sound file and costs nothing more. Otherwise (a 14-digit or
    far-future hlc left by an older version's merge): inside ``mending()`` (one write
    transaction) the hlc is reset to the greatest valid stamp within the drift, every record
    or status whose stamp is malformed or beyond the drift gets a fresh stamp, and each change
    is written to the change log. A read-only project (``mending`` None) gets a valid
    in-memory clock and nothing is written.
    """
    now = now_ms()
    if within_drift(hlc, now):
        return HybridClock(hlc)
    if hlc == "" or mending is None:  # a new project, or nothing may be written
        return HybridClock()
    with mending() as project:
        limit = limit_stamp(now)
        best, bad = project.stamps(limit)
        clock = HybridClock(best)  # (the hlc itself lies beyond the drift: never kept)
        changes: list[StampChange] = []
        for kind, keys in bad.items():
            changes += project.restamp(kind, keys, clock.tick)
        changes.append(stamp_change("", "settings", "hlc", hlc, clock.last))
        project.save(clock.last, changes)
    return clock


def stamp_change(annotator: str, kind: str, key: str, before: object, after: str) -> StampChange:
    """The change-log line of a stamp replaced in a row that is not a record (a status, the
    hlc setting): only the clock, before and after."""
    return annotator, kind, key, {"clock": before}, {"clock": after}
