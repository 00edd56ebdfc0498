"""The FTS5 search index at 10,000 documents (~20 MB of Arabic; issue 13).

Figures printed: index build (fold + insert, ``Project.ensure_search_index``) against the
floor, a bare FTS5 insert of the same folded text into a table of the same definition in a
file of the same settings (target: build speed >= 0.5x the floor's); corpus search p50 over
the queries of bench_search.py through the index (target < 50 ms), and the first page.
Raw SQLite for the floor only (white-box: the floor is what SQLite alone does).

First run (2026-11-29, load 5 on 2 cores, 21.6 MB): build 2.23 s wall against a floor of
1.90 s (0.85x, target met). Search through the index, whole hit list: p50 405 ms CPU / 774 ms
wall, target NOT met: the corpus repeats one article, so common words are in most documents
and the index narrows little (rare names: 4-13 ms); each candidate is read and folded again.
The first 200 hits: p50 26 ms. The in-memory ``FoldedCorpus`` (bench_search.py, 45 ms CPU)
stays the path for whole hit lists of common words; the index serves rare queries, the first
page, and read-only/worker handles that hold no corpus.

``annotator search`` as a whole process (``test_cli_search_process_at_10k_documents``, CPU
from ``wait4``, p50 over the same queries) against ``python -c "import annotator"`` plus the
dock's in-process search, target <= 2.0x set before the work (2026-11-29): 729-777 ms CPU
against 91-94 ms, 7.9-8.3x (load 3); after the candidates were streamed and each text folded
with its runs at once, 504-546 ms, 5.4-5.6x (load 2-4); after queries of Arabic letters and
digits were matched on the stored text (``OriginalMatcher``), 306-318 ms against 94-95 ms,
3.25-3.36x (load 6-7): NOT met (process start with the project's modules 130-145 ms, reading
the candidates' text 75-90 ms; docs/design/search.md, "Corpus search paths").
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.model import Document
from annotator.project import Project
from annotator.search import FoldedCorpus, Query
from annotator.search.corpus import narrowed, search_documents
from annotator.search.folding import fold_text
from annotator.text import sha256_text
from tests.benchmarks.bench_search import PAGE, QUERIES, Clock, make_documents
from tests.benchmarks.bench_startup import ROOT, annotator_command
from tests.benchmarks.history import Record


def _project(path: Path, docs: list[tuple[int, str]]) -> Project:
    p = Project.create(path)
    with p.batch() as b:
        b.add_documents([Document(0, f"d{i}", t, sha256_text(t)) for i, t in docs])
    return p


def _floor(path: Path, folded: list[tuple[int, str]]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE VIRTUAL TABLE f USING fts5(folded, tokenize = 'trigram', detail = 'none', "
        "content = '')"
    )
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO f (rowid, folded) VALUES (?, ?)", folded)
    conn.execute("COMMIT")
    took = time.perf_counter() - t0
    conn.close()
    return took


def test_search_index_at_10k_documents(bench: Record, tmp_path: Path) -> None:
    docs = make_documents()
    size = sum(len(t.encode()) for _, t in docs)
    print(f"\n  corpus: {len(docs)} documents, {size / 1e6:.1f} MB UTF-8")
    assert size > 18e6
    p = _project(tmp_path / "p.annotator", docs)
    with Clock() as build:
        assert p.ensure_search_index()
    floor = _floor(tmp_path / "floor.sqlite", [(i, fold_text(t)) for i, t in docs])
    ratio = floor / build.wall
    print(f"  index build: {build}; floor (bare FTS5 insert of the folded text): "
          f"{floor * 1000:.0f} ms wall; speed {ratio:.2f}x the floor's (>= 0.5)")  # fmt: skip
    bench("search_index.build_10k", build.wall, "s")

    walls, cpus, firsts = [], [], []
    for text, mode in QUERIES:
        q = Query(text, mode)
        with Clock() as c:
            n = sum(1 for _ in p.search_index_search(q))
        walls.append(c.wall)
        cpus.append(c.cpu)
        t0 = time.perf_counter()
        it = p.search_index_search(q)
        for _ in zip(range(PAGE), it, strict=False):
            pass
        firsts.append(time.perf_counter() - t0)
        cands = p.search_candidates(q)
        print(f"  {text!r:>24} {mode.value:9} {n:6} hits, "
              f"{'all' if cands is None else len(cands):>5} candidate documents, {c}")  # fmt: skip
    p50, cpu50 = statistics.median(walls), statistics.median(cpus)
    first50 = statistics.median(firsts)
    print(f"  corpus search p50 through the index: {cpu50 * 1000:.0f} ms CPU, "
          f"{p50 * 1000:.0f} ms wall (target < 50 ms); first {PAGE} hits p50 "
          f"{first50 * 1000:.1f} ms")  # fmt: skip
    bench("search_index.search_p50_10k", p50, "s")
    _paths(bench, p, (cpu50, p50))
    p.close()
    assert ratio >= 0.5


def _paths(bench: Record, p: Project, before: tuple[float, float]) -> None:
    """The same queries through the paths the product takes (annotator.search.corpus), in
    the same run as the index-only figures above ("before"): the workbench's dock scans the
    in-memory folded corpus, narrowed to the index's candidates when they are few; the
    command line reads the candidates' documents (every document when the index cannot
    narrow) and matches each once (``search_documents``)."""
    with Clock() as folding:
        corpus = FoldedCorpus((d.id, d.text) for d in p.iter_documents())
    print(f"  in-memory folded corpus built once per project: {folding}")
    docs = [(d.id, d.text) for d in p.iter_documents()]
    with Clock() as again:
        FoldedCorpus(docs, reuse=corpus)
    print(f"  the same corpus again after an import (reuse, nothing new to fold): {again}")
    dock_cpu, dock_wall, cli_cpu, cli_wall = [], [], [], []
    for text, mode in QUERIES:
        q = Query(text, mode)
        with Clock() as c:
            n = sum(1 for _ in narrowed(corpus, q, p.search_candidates(q)))
        dock_cpu.append(c.cpu)
        dock_wall.append(c.wall)
        with Clock() as c2:
            m = sum(len(found.spans) for found in search_documents(p, q))
        cli_cpu.append(c2.cpu)
        cli_wall.append(c2.wall)
        assert n == m
        print(f"  {text!r:>24} {mode.value:9} {n:6} hits: dock {c}; command line {c2}")
    med = statistics.median
    print(f"  corpus search p50, before (index only): {before[0] * 1000:.0f} ms CPU, "
          f"{before[1] * 1000:.0f} ms wall; after, dock (in-memory, narrowed when rare): "
          f"{med(dock_cpu) * 1000:.0f} ms CPU, {med(dock_wall) * 1000:.0f} ms wall; "
          f"command line (candidates read): {med(cli_cpu) * 1000:.0f} ms CPU, "
          f"{med(cli_wall) * 1000:.0f} ms wall (target < 50 ms)")  # fmt: skip
    bench("search_index.dock_search_p50_10k", med(dock_wall), "s")
    bench("search_index.cli_search_p50_10k", med(cli_wall), "s")


# -- the command line as a whole process ------------------------------------------------------
CLI_TARGET = 2.0
"""``annotator search PROJECT QUERY`` (a whole process, CPU from ``wait4``, p50 over QUERIES)
at most this many times the floor: a bare ``python -c "import annotator"`` (p50) plus the
dock path's in-process CPU time for the same queries (p50). Set on 2026-11-29 before the
command line was made faster ("little more than process start plus the query")."""

_MODE_OPTION = {"word": ["--mode", "word"], "prefix": ["--mode", "prefix"],
                "substring": ["--mode", "any"], "regex": ["--regex"]}  # fmt: skip


def _process(
    cmd: list[str], out: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one whole process; stdout to ``out``."""
    started = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, cmd
    return elapsed, usage.ru_utime + usage.ru_stime


def _printed_hits(out: Path, ids: dict[str, int]) -> list[tuple[int, int, int]]:
    """(doc_id, start, end) of each line ``NAME:START-END<TAB>TEXT`` the command printed."""
    hits = []
    for line in out.read_text(encoding="utf-8").splitlines():
        where = line.split("\t", 1)[0]
        name, _, offsets = where.rpartition(":")
        start, _, end = offsets.partition("-")
        hits.append((ids[name], int(start), int(end)))
    return hits


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="the command line's search as a whole process is 2.85x its floor on a quiet machine "
    "(269 ms CPU against import annotator + the dock's search; 2.47x with bytecode cached): "
    "starting with the project and store modules and opening the project is ~1.4x the floor "
    "alone, reading the candidates' text 75-90 ms; target 2.0x set before the work, not met",
)
def test_cli_search_process_at_10k_documents(bench: Record, tmp_path: Path) -> None:
    """The command line's search as the user runs it (a fresh process: start, open the
    project read-only, the index's candidates, matching, printing every hit) against the
    floor: a process that only imports ``annotator``, plus the time the workbench's dock
    takes for the same query in a process that already holds the folded corpus. Each
    query's printed hits are checked against the dock's, in order."""
    docs = make_documents()
    path = tmp_path / "p.annotator"
    p = _project(path, docs)
    assert p.ensure_search_index()
    ids = {d.name: d.id for d in p.documents()}
    corpus = FoldedCorpus((d.id, d.text) for d in p.iter_documents())
    dock_cpu, expected = [], []
    for text, mode in QUERIES:
        q = Query(text, mode)
        with Clock() as c:
            hits = list(narrowed(corpus, q, p.search_candidates(q)))
        dock_cpu.append(c.cpu)
        expected.append([(h.doc_id, h.start, h.end) for h in hits])
    p.close()

    search = [*annotator_command(), "search", str(path)]
    bare = [sys.executable, "-c", "import annotator"]
    _process(bare), _process([*search, "باريس"])  # one warm-up each
    floor_cpu, cli_cpu, cli_wall = [], [], []
    out = tmp_path / "out.txt"
    for (text, mode), want in zip(QUERIES, expected, strict=True):
        floor_cpu.append(_process(bare)[1])
        wall, cpu = _process([*search, text, *_MODE_OPTION[mode.value]], out)
        cli_cpu.append(cpu)
        cli_wall.append(wall)
        assert _printed_hits(out, ids) == want, text
        print(f"  {text!r:>24} {mode.value:9} {len(want):6} hits: command line "
              f"{cpu * 1000:.0f} ms CPU ({wall * 1000:.0f} ms wall)")  # fmt: skip
    med = statistics.median
    floor = med(floor_cpu) + med(dock_cpu)
    ratio = med(cli_cpu) / floor
    print(f"  annotator search, whole process p50: {med(cli_cpu) * 1000:.0f} ms CPU "
          f"({med(cli_wall) * 1000:.0f} ms wall); floor: import annotator "
          f"{med(floor_cpu) * 1000:.0f} ms CPU + the dock's search "
          f"{med(dock_cpu) * 1000:.0f} ms CPU = {floor * 1000:.0f} ms; "
          f"ratio {ratio:.2f}x (target <= {CLI_TARGET}x)")  # fmt: skip
    bench("search_index.cli_process_p50_10k", med(cli_cpu), "s")
    bench("search_index.cli_process_ratio_10k", ratio, "x", f"<= {CLI_TARGET}x")
    _cached(bench, search, bare, med(dock_cpu), tmp_path)
    assert ratio <= CLI_TARGET


def _cached(bench: Record, search: list[str], bare: list[str], dock: float, folder: Path) -> None:
    """The same figure printed again with the bytecode of both programs cached (in
    ``PYTHONPYCACHEPREFIX``, as an installed environment has it after its first run; this
    checkout runs with ``PYTHONDONTWRITEBYTECODE``, so the checked figure compiles the
    project's modules at every start). Printed only: the checked figure is the one above."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE")
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    _process(bare, env=env), _process([*search, "باريس"], env=env)  # compiled here
    floor_cpu, cli_cpu = [], []
    for text, mode in QUERIES:
        floor_cpu.append(_process(bare, env=env)[1])
        cli_cpu.append(_process([*search, text, *_MODE_OPTION[mode.value]], env=env)[1])
    med = statistics.median
    floor = med(floor_cpu) + dock
    print(f"  with the bytecode cached: annotator search p50 {med(cli_cpu) * 1000:.0f} ms CPU; "
          f"floor: import annotator {med(floor_cpu) * 1000:.0f} ms CPU + the dock's search "
          f"{dock * 1000:.0f} ms CPU = {floor * 1000:.0f} ms; ratio "
          f"{med(cli_cpu) / floor:.2f}x (printed only)")  # fmt: skip
    bench("search_index.cli_process_ratio_cached_10k", med(cli_cpu) / floor, "x")
