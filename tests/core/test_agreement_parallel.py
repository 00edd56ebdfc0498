"""A big project's agreement counted by worker processes, a range of documents each
(``annotator.agreement.parallel``; issue 12's scale target).

* the figures are those of counting in one process, to the last digit, with progress
  reported up to the documents counted;
* a damaged file is refused through the parallel path: a read-only open whose check runs
  meanwhile (``background_check``) gives no figures when the check fails, and raises its
  error naming the file;
* hypothesis: random projects (those of test_agreement_bulk) cut into ranges of any width,
  counted apart (workers as threads here, what they give back pickled) and added up, give
  the serial figures;
* a worker skips the check only for the very file state its caller checked: a changed file
  is checked again (and refused when damaged).
"""

from __future__ import annotations

import itertools
import pickle
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator import store as store_module
from annotator.agreement import agreement, parallel, project_layers
from annotator.agreement import measures as measures_module
from annotator.errors import Cancelled, ProjectFileError
from annotator.model import DocumentAnnotations
from annotator.project import Project
from tests.core.test_agreement_bulk import corpora
from tests.core.test_agreement_stream import _corpus, _store
from tests.core.test_store_background_check import break_index

NAMES = ("a", "b", "c")


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_STATE_DIR", str(tmp_path / "state"))  # (workers inherit it)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of a project of 41 documents and three layers (not closed cleanly: a copy)."""
    made = tmp_path / "made.annotator"
    with Project.create(made) as p:
        _store(p, _corpus(5, NAMES, 41))
    copy = tmp_path / "agree.annotator"
    shutil.copy(made, copy)
    return copy


def _split(monkeypatch: pytest.MonkeyPatch) -> list[list[range]]:
    """Count every project in two processes, in ranges of 6 ids; returns the plans made."""
    monkeypatch.setattr(parallel, "MIN_DOCUMENTS", 0)
    monkeypatch.setattr(parallel, "RANGE_DOCUMENTS", 6)
    monkeypatch.setattr(parallel, "processes", lambda: 2)
    monkeypatch.setattr(measures_module, "CHUNK_SPANS", 40)  # several chunks per range
    plans: list[list[range]] = []
    plan = parallel.plan

    def recorded(*args: object) -> object:
        made = plan(*args)  # type: ignore[arg-type]
        plans.append(made[1] if made is not None else [])
        return made

    monkeypatch.setattr(parallel, "plan", recorded)
    return plans


def test_the_parallel_figures_are_the_serial_ones(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(project, read_only=True) as p:
        serial = {
            labels: agreement(project_layers(p, NAMES), NAMES, labels)
            for labels in (None, ("PER", "GPE"))
        }
    plans = _split(monkeypatch)
    steps: list[tuple[int, int]] = []
    with Project.open(project, read_only=True) as p:
        for labels, want in serial.items():
            got = agreement(
                project_layers(p, NAMES), NAMES, labels, lambda d, t: steps.append((d, t))
            )
            assert got == want
            assert got.to_json() == want.to_json()
    assert len(plans) == 2 and all(len(ranges) > 2 for ranges in plans)
    done = [d for d, _ in steps]
    assert done[-1] == steps[-1][1] == serial[None].documents  # (reported to the end)
    # each of the two runs reports rising figures; how many reports a run makes depends on
    # the workers' timing, so the runs are told apart where the figure falls back
    starts = [0] + [k for k in range(1, len(done)) if done[k] < done[k - 1]] + [len(done)]
    runs = [done[a:b] for a, b in itertools.pairwise(starts)]
    assert len(runs) == 2 and all(run == sorted(run) for run in runs), done


def test_a_pair_of_two_layers_too(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(project, read_only=True) as p:
        want = agreement(project_layers(p, ["c", "a"]), ["c", "a"])
        _split(monkeypatch)
        assert agreement(project_layers(p, ["c", "a"]), ["c", "a"]) == want


def test_cancelling_stops_the_workers(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _split(monkeypatch)
    seen: list[int] = []
    started = parallel._Worker.__init__
    workers: list[parallel._Worker] = []

    def kept(self: parallel._Worker, *args: object) -> None:
        started(self, *args)  # type: ignore[arg-type]
        workers.append(self)

    monkeypatch.setattr(parallel._Worker, "__init__", kept)
    with Project.open(project, read_only=True) as p, pytest.raises(Cancelled):
        agreement(project_layers(p, NAMES), NAMES, None, lambda d, t: seen.append(d),
                  lambda: len(seen) > 1)  # fmt: skip
    assert workers and all(w.process.poll() is not None for w in workers)


def test_a_damaged_file_is_refused_through_the_parallel_path(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_index(project)  # found by quick_check; what agreement reads stays readable
    plans = _split(monkeypatch)
    monkeypatch.setattr(store_module, "BACKGROUND_CHECK_MIN_BYTES", 0)
    with Project.open(project, read_only=True, background_check=True) as p:
        assert p.checking  # readable at once, checked meanwhile
        with pytest.raises(ProjectFileError, match="corrupt") as refused:
            agreement(project_layers(p, NAMES), NAMES)
    assert str(project) in str(refused.value)
    assert plans and len(plans[0]) > 2  # (counted in ranges, by the worker too)
    with pytest.raises(ProjectFileError, match="corrupt"):
        Project.open(project, read_only=True)  # as a plain read-only open refuses it


def test_a_sound_file_opened_so_gives_the_figures(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(project, read_only=True) as p:
        want = agreement(project_layers(p, NAMES), NAMES)
    _split(monkeypatch)
    monkeypatch.setattr(store_module, "BACKGROUND_CHECK_MIN_BYTES", 0)
    with Project.open(project, read_only=True, background_check=True) as p:
        assert p.checking
        assert agreement(project_layers(p, NAMES), NAMES) == want
        assert not p.checking


def test_a_worker_checks_a_file_changed_since_its_caller_checked_it(project: Path) -> None:
    with Project.open(project, read_only=True) as p:
        state = p.checked_state()
    assert state is not None
    with Project.open(project, read_only=True, checked_as=state) as q:
        assert q.document_count() == 41  # (the same state: no check, still readable)
    break_index(project)
    with pytest.raises(ProjectFileError, match="corrupt"):
        Project.open(project, read_only=True, checked_as=state)
    with pytest.raises(ValueError, match="read-only"):
        Project.open(project, checked_as=state)


def test_no_state_to_hand_over_counts_in_one_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(A write handle, a file read from a private copy or with a write-ahead log pending
    hands no state: ``Store.checked_state``.)"""
    plans = _split(monkeypatch)
    with Project.open(project, read_only=True) as p:
        monkeypatch.setattr(p, "checked_state", lambda: None)
        result = agreement(project_layers(p, NAMES), NAMES)
    assert plans == [[]] and result.documents > 0


class _ThreadWorker:
    """A worker as a thread of this process (what is given back still goes through pickle):
    many random projects split many ways without starting a process for each."""

    def __init__(self, take: Callable[[], parallel.Job | None], put: Callable[[Any], None]):
        def run() -> None:
            try:
                while (job := take()) is not None:
                    put(pickle.loads(pickle.dumps(parallel.count_range(job))))
            except BaseException as exc:
                put(parallel._Failed(exc))

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.thread.join()


@settings(max_examples=40, deadline=None)
@given(corpora(), st.integers(1, 5), st.integers(2, 4), st.booleans())
def test_ranges_counted_apart_and_added_give_the_serial_figures(
    tmp_path_factory: pytest.TempPathFactory,
    corpus: dict[str, list[DocumentAnnotations]],
    width: int,
    workers: int,
    restrict: bool,
) -> None:
    ids = {da.document.id for das in corpus.values() for da in das}
    assume(ids == set(range(1, len(ids) + 1)))  # (``_store`` numbers the documents so)
    path = tmp_path_factory.mktemp("split") / "p.annotator"
    with Project.create(path) as p:
        _store(p, corpus)
    names = list(corpus)
    labels = ["PER", "O", "B/C"] if restrict else None
    with Project.open(path, read_only=True) as p:
        want = agreement(project_layers(p, names), names, labels)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(parallel, "MIN_DOCUMENTS", 0)
            mp.setattr(parallel, "RANGE_DOCUMENTS", width)
            mp.setattr(parallel, "processes", lambda: workers)
            mp.setattr(parallel, "_Worker", _ThreadWorker)
            mp.setattr(measures_module, "CHUNK_SPANS", 7)
            got = agreement(project_layers(p, names), names, labels)
    assert got == want
    assert got.to_json() == want.to_json()


@settings(deadline=None)  # (a list of 300,001 ids: 150-270 ms an example on a loaded machine)
@given(st.integers(0, 300_000), st.integers(2, 16))
def test_ranges_cover_every_id_once_and_shrink_towards_the_end(top: int, workers: int) -> None:
    """The ids ``[0, top]`` in order, each range at most ``RANGE_DOCUMENTS`` wide (unless
    ``MAX_RANGES`` would be passed), none wider than the one before, the last ones smaller
    than the first so that the processes end together."""
    made = parallel.ranges(top, workers)
    assert [i for r in made for i in r] == list(range(top + 1))
    widths = [len(r) for r in made]
    assert widths[:-1] == sorted(widths[:-1], reverse=True)  # (the last: what is left)
    least = max(-(-(top + 1) // parallel.MAX_RANGES), parallel.RANGE_DOCUMENTS // 5)
    assert max(widths) <= max(parallel.RANGE_DOCUMENTS, least)
    assert all(w >= least for w in widths[:-1])
    if top + 1 >= 2 * workers * parallel.RANGE_DOCUMENTS:
        assert widths[-1] < widths[0]  # (the end in smaller ranges)
