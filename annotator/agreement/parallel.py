"""A big project's agreement counted in several processes, a range of documents each.

Every count ``agreement`` keeps between chunks of documents is an integer count that adds up
(``bulk``): so the project's documents are cut into ranges of ids, and each range is counted
on its own, by the calling process or by a worker process, and the counts are added up. A
worker is a new interpreter (``subprocess``, never a fork: the GUI measures from a Qt
application, which must not be forked) running ``serve``: it takes ranges from a pipe, opens
the file read-only itself and gives each range's counts back as plain data (pickled), with
the names of its own label codes, which the caller maps to its own codes before adding.
``multiprocessing``'s ``spawn`` is not used because it runs the caller's main script again in
each worker, which a script calling ``agreement`` without a ``__main__`` guard would not
survive. The figures are those of counting serially, to the last digit
(tests/core/test_agreement_parallel.py).

The file's check: the caller's handle has checked the file (a plain read-only open) or is
checking it (``Project.open(..., read_only=True, background_check=True)``, whose result
``agreement`` waits for before it returns anything); it hands the file's state (device,
inode, size, times: ``Project.checked_state``) to the workers, which skip the check while the
file is still in that state (``Project.open(..., checked_as=...)``) and check it as any
read-only open does otherwise. Without a state to hand (a write handle, a pending
write-ahead log) the project is counted in the calling process alone.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from annotator.agreement.bulk import AllCounts, Book, PairCounts

if TYPE_CHECKING:
    from annotator.agreement.measures import ProjectLayers

MIN_DOCUMENTS = 5_000
"""Projects with fewer documents are counted in the calling process alone: starting a worker
(a new interpreter importing NumPy and this package: about 0.25 s of CPU) would cost about as
much as it saves (at 10,000 documents it saves 0.1-0.4 s of wall time for 0.3 s more CPU)."""

RANGE_DOCUMENTS = 2_500
"""At most how many documents (ids) a range holds: small enough that progress moves every
fraction of a second. The last ranges are smaller (``ranges``)."""

MAX_RANGES = 256


def processes() -> int:
    """How many processes may count at once: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on every platform)
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Job:
    """One range of documents for a worker: the project file, the state its caller checked
    it in, the annotators (those measured, and those the caller's ``ProjectLayers`` holds),
    the labels measured, the ids ``[first, end)``, and per annotator measured the ids of that
    range they marked done (read by the caller: the workers read no statuses)."""

    path: str
    state: dict[str, int]
    names: tuple[str, ...]
    present: tuple[str, ...]
    wanted: frozenset[str] | None
    first: int
    end: int
    done: dict[str, npt.NDArray[np.int64]]


Counted = tuple[list[str], list[PairCounts], AllCounts, int]
"""A range's counts: the names of its label codes, the pairs' counts, the all-annotator
counts, and how many documents were counted."""


def plan(source: ProjectLayers, documents: int) -> tuple[dict[str, int], list[range]] | None:
    """(the state to hand to workers, the ranges of ids) when ``source`` is to be counted in
    several processes; None when in this process alone."""
    workers = processes()
    if workers < 2 or documents < MIN_DOCUMENTS or getattr(sys, "frozen", False):
        return None  # (a frozen app's ``sys.executable`` is the app, not an interpreter)
    state = source.project.checked_state()
    if state is None:
        return None
    _, top = source.project.document_span()
    return state, ranges(top, workers)


def ranges(top: int, workers: int) -> list[range]:
    """The ranges of ids ``[0, top]`` to count, in order: at most ``RANGE_DOCUMENTS`` ids
    each, then shrinking as the ids run out (a range holds at most the ids left over twice
    the processes, and no fewer than a fifth of ``RANGE_DOCUMENTS`` unless ``MAX_RANGES``
    would be passed). Every process takes the next range when it comes free, so they end
    together within a small range's time although a worker starts about 0.25 s after the
    calling process (ranges of one width left the caller idle for most of one at the end:
    about 0.1 s at 10,000 documents)."""
    total = top + 1
    least = max(-(-total // MAX_RANGES), RANGE_DOCUMENTS // 5, 1)
    most = max(RANGE_DOCUMENTS, least)
    out: list[range] = []
    lo = 0
    while lo < total:
        step = min(most, max(-(-(total - lo) // (2 * workers)), least))
        out.append(range(lo, min(lo + step, total)))
        lo += step
    return out


def count_range(job: Job) -> Counted:
    """A worker's part: the counts of the documents of one range, with a label book of its
    own (the caller counts its ranges straight into its own counts)."""
    from annotator.agreement.measures import ProjectLayers, count_project
    from annotator.project import Project

    with Project.open(job.path, read_only=True, checked_as=job.state) as project:
        source = ProjectLayers(project, job.present, job.done)
        wanted = set(job.wanted) if job.wanted is not None else None
        return count_project(source, job.names, wanted, (job.first, job.end))


def merge(book: Book, pairs: Sequence[PairCounts], together: AllCounts, counted: Counted) -> int:
    """Add a range's counts to ``pairs`` and ``together`` (codes of ``book``); returns how
    many documents it counted."""
    names, their_pairs, their_together, done = counted
    code = book.array(names, len(names))
    for mine, theirs in zip(pairs, their_pairs, strict=True):
        mine.merge(theirs, code)
    together.merge(their_together, code)
    return done


def serve() -> None:
    """A worker's loop: a ``Job`` in from standard input, its counts (or the error it raised)
    out to standard output, until standard input ends."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to standard error, not into the channel
    sys.stdout = sys.stderr
    source = sys.stdin.buffer
    while True:
        try:
            job = pickle.load(source)
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (True, count_range(job))
        except Exception as exc:  # given back to the caller, which raises it
            answer = (False, exc)
        pickle.dump(answer, channel, protocol=pickle.HIGHEST_PROTOCOL)
        channel.flush()


_START = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from annotator.agreement.parallel import serve; serve()"
)


class _Worker:
    """A worker process and the thread in this process that hands it ranges."""

    def __init__(self, take: Callable[[], Job | None], put: Callable[[Any], None]) -> None:
        self._take, self._put = take, put
        self.process = subprocess.Popen(
            [sys.executable, "-c", _START], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.thread = threading.Thread(target=self._run, name="agreement worker", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        try:
            pickle.dump(list(sys.path), process.stdin)
            while (job := self._take()) is not None:
                pickle.dump(job, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                process.stdin.flush()
                ok, answer = pickle.load(process.stdout)
                self._put(answer if ok else _Failed(answer))
                if not ok:
                    return
        except BaseException as exc:  # (a worker that died; when stopped, nobody reads it)
            self._put(_Failed(exc))  # never lost: the caller waits for every range

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        self.thread.join()


@dataclass(frozen=True)
class _Failed:
    error: BaseException


def count(
    source: ProjectLayers,
    names: Sequence[str],
    wanted: set[str] | None,
    book: Book,
    pairs: Sequence[PairCounts],
    together: AllCounts,
    state: dict[str, int],
    ranges: Sequence[range],
) -> Generator[int, None, None]:
    """Count ``ranges`` into ``pairs`` and ``together``: this process takes a range, as does
    each worker process, and whichever is free first takes the next. Yields the documents
    counted so far, at every chunk this process counts and every range a worker gives back;
    closing the generator stops the workers."""
    from annotator.agreement.bulk import count_chunks
    from annotator.agreement.measures import project_chunks

    path = str(source.project.path)
    present = tuple(source.annotators)
    labels = frozenset(wanted) if wanted is not None else None
    # (read here, in this thread: ``take`` runs in the workers' threads)
    marked = {n: source.done(n) for n in dict.fromkeys(names) if n in source.annotators}
    jobs = iter(ranges)
    guard = threading.Lock()
    results: queue.SimpleQueue[Any] = queue.SimpleQueue()
    outstanding = 0  # ranges handed to workers and not merged yet

    def next_range() -> range | None:
        with guard:
            return next(jobs, None)

    def take() -> Job | None:
        nonlocal outstanding
        with guard:
            r = next(jobs, None)
            if r is None:
                return None
            outstanding += 1
        done = {n: ids[np.searchsorted(ids, r.start) : np.searchsorted(ids, r.stop)]
                for n, ids in marked.items()}  # fmt: skip
        return Job(path, state, tuple(names), present, labels, r.start, r.stop, done)

    done = 0

    def drain(wait: float | None) -> None:
        nonlocal done, outstanding
        while True:
            try:
                item = results.get(timeout=wait) if wait else results.get_nowait()
            except queue.Empty:
                return
            wait = None
            if isinstance(item, _Failed):
                raise item.error
            with guard:
                outstanding -= 1
            done += merge(book, pairs, together, item)

    workers: list[_Worker] = []
    try:
        for _ in range(min(processes(), len(ranges)) - 1):
            workers.append(_Worker(take, results.put))
        while (r := next_range()) is not None:
            mine = 0
            chunks = project_chunks(source, names, wanted, book, (r.start, r.stop))
            for mine in count_chunks(chunks, pairs, together, book):
                drain(None)
                yield done + mine
            done += mine
        while True:
            with guard:
                left = outstanding
            if not left:
                break
            drain(0.1)
            yield done
    finally:
        for worker in workers:
            worker.stop()
