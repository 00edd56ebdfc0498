"""Agreement: span F1 speed, and the memory of a project's agreement.

* span F1: a million span pairs over 10,000 documents in under two seconds;
* a project's agreement over two layers (``agreement(project_layers(...))``, the layers read a
  document at a time) at 1,000 and 5,000 documents of the scale corpus (25 spans per
  document and layer, events, arguments and relations): time, and the peak of Python memory
  (tracemalloc), which must stay flat while the corpus grows fivefold (issue 12: two layers
  of 100,000 documents / 5,000,000 spans ran out of 8 GB when every layer was read first).

* the speed of a project's agreement at 10,000 documents (500,000 spans over two layers, the
  bench_scale corpus): documents per second of CPU. Target from issue 12's scale target (two
  layers of 100,000 documents in < 10 s): 10,000 documents in < 1 s, i.e. at least 10,000
  documents per second; measured with the project open already (bench_scale's figure also
  holds the open, whose thorough check of an unknown file is the open benchmark's business).
  CPU, not wall time: the machine is shared, and the target is for a machine doing nothing
  else, where the two are the same. Since agreement counts a big project in several processes
  (``annotator.agreement.parallel``), the CPU of its worker processes is counted too.
* the wall time of a project's agreement at 10,000 documents as bench_scale measures it (a
  fresh process: read-only open, quick_check of a file not closed cleanly, agreement of a and
  b), best of three. Target from the same scale target: < 1 s.

Run with ``pytest tests/benchmarks/bench_agreement.py -s`` to see the figures.

First run of the project measure (2026-11-29, load average about 4 on 2 cores, tracemalloc
on): 1,000 documents 5.9 s, peak 9.1 MiB; 5,000 documents 36.8 s, peak 11.5 MiB (x1.27; what
grows is a few hundred bytes per document: its row in the result and alpha-U's gap ends).
Without tracemalloc, at 10,000 documents / 500,000 spans: 16-22 s wall (11.3 s of CPU) and
68 MB peak RSS, where reading every layer first took 63 s and 1,266 MB.

After the read of outlines instead of records and the faster tokenizer, labels, sweep and
event keys (2026-11-29, same run, loaded machine, without tracemalloc): 10,000 documents
10.3-11.3 -> 6.6-7.8 s of CPU, linear (2,000 documents 2.1-2.3 -> 1.3-1.5 s), so about
70 s at 100,000 documents: still seven times the 10 s target. What is left is Python per
document (alpha-U's segments, the overlap confusion's matching, token labels, counters) and
reading (a fifth).

Counting a chunk of documents at a time in NumPy (``annotator.agreement.bulk``; 2026-11-29,
load average 3.5-5 on 2 cores, bench_scale's measure, the project's open included): 10,000
documents 6.7 -> 1.7 s CPU (2.2 s wall; peak RSS 70 -> 93 MB); 100,000 documents 99.8 s CPU
(311 s wall, load 5-6) -> 17.8 s CPU (20.5 s wall, load 4 -> 3.5), peak RSS 150 -> 168 MB.
Of the 17.8 s, 2.7 s is the open's thorough check of a file the app has not closed cleanly;
the agreement alone takes 14.5 s CPU at 100,000 documents and 1.4 s at 10,000 (linear). Of
those 1.4 s, reading the rows is about 0.65 s (SQLite's steps and a Python tuple per span:
the floor for the standard ``sqlite3`` module), turning them into arrays 0.25 s and the
counting 0.5 s. The peak of Python memory at 1,000 documents is 24 MiB (a chunk's arrays and
rows), 12.5 before: still flat as the corpus grows.

Counting ranges of documents in two processes (``parallel``: the calling one and a worker
started with ``subprocess``; 2026-11-29, 2 cores shared, bench_scale's measure in fresh
processes on copies of /work/scale's projects, load average 1.4-2.1): 100,000 documents
17.1-18.3 s wall in one process (17.0-17.3 s CPU) -> 10.8, 11.3, 11.9, 13.4, 13.9, 14.3,
14.7 s wall in two (10.4-11.7 s CPU in the calling process, of which about 3 s is the open's
quick_check before agreement starts, and 7.2-7.8 s in the worker; once 27.6 s, the file's
pages evicted by other work); peak RSS 165 MB + 78 MB the worker's. 10,000 documents:
1.74-2.08 -> 1.36-1.72 s wall; CPU 1.7 -> 2.0-2.05 s (a worker's start, about 0.25 s, and the
ranges' own reads). Still above the 10 s target at 100,000 documents: two cores give at most
half the counting (15 s of CPU, of which reading the rows through sqlite3 is about 45%), and
the open's 3 s check runs before ``agreement`` is called. A read-only open with
``background_check`` (its check in a thread, ``agreement`` waiting for it before it returns)
takes the check off that path: 16.8 s wall at load 3.8, against 17.2 s with the check first.

Spans read a document a row (``Store.packed_span_blocks``: uuids joined, offsets and label
code packed in one integer, parsed by NumPy; docs/design/formats.md C.5; 2026-11-29, quiet
machine, load 0.1-1.8 on 2 cores, bench_scale's measure in fresh processes on copies not
closed cleanly, the old and new reads alternated): 100,000 documents 10.36, 10.45, 10.63,
11.19 s wall -> 9.75, 9.79, 9.85, 9.86, 10.12 s (once 10.78, the first run after another
benchmark; 9.95-10.10 with uuids and offsets checked per span in SQL); CPU 10.1-10.8 ->
9.7-10.1 s in the calling process (about 3 s of it the open's quick_check) and 6.9-7.0 ->
6.2-6.6 s in the worker; peak RSS 163-166 -> 157-159 MB + 66 MB. 10,000 documents in one
process 1.35-1.44 -> 1.22-1.28 s, the same JSON byte for byte; this file's 10k measures:
1.13-1.16 s wall (best of three 1.13; 1.36-1.72 before) and 6,570 documents per second of
CPU (5,670 before). Per 10,000 documents and layer at 100,000 documents the spans' query
took 0.24 s as rows and takes 0.15 s as packed rows, and the arrays are made in a few NumPy
calls. Still at the 10 s line, not under it with a margin: the 3 s check runs before
``agreement`` starts, and each process's share of the counting (about 6.5 s) is now about
40% reading the rows (spans, events, arguments and texts: the ``sqlite3`` module's step per
row is its floor), 15% making arrays, the rest counting.

Cheaper counting and ranges that end together (2026-11-29, a later session; the machine busy
with other work throughout, load average 3.8-7.7 on 2 cores, so every figure is CPU time
with the code before and after run alternately in the same minutes, and no wall time is
meaningful): no ``np.unique`` without counts or indices (its first call imports
``numpy.ma``, about 20 ms in each counting process, and it hashes, slower here), no
label-agnostic counts made for the argument measures that dropped them, an argument's target
looked up as an event only where it is no span; event and argument rows transposed once
(``zip``) instead of a pass per field, a layer's packed uuids split in one call; a chunk's end
found by running totals summed in C instead of a generator ``sum`` per row (20,000 per
10,000 documents); per-document rows kept as arrays (PRF objects made once, for the result);
alpha-U's edge gaps grouped by one sort; ``parallel.ranges`` shrinking towards the end (2,500
ids, then at most the ids left over twice the processes, at least 500: 10 ranges at 10,000
documents instead of 4), so that the caller does not idle through most of a range while the
worker, which starts 0.25 s later, finishes the last. 10,000 documents, the same JSON byte
for byte: in one process 1.25-1.30 -> 1.09-1.16 s CPU; with the worker (this file's CPU
measure) 1.60-1.70 -> 1.48-1.54 s, i.e. 5,900-6,250 -> 6,500-6,760 documents per second of
CPU (the xfail measured 6,650 at load 4.3-4.9); the counting of chunks already read 0.37 ->
0.35 s. Where the 1.1 s of one process goes now: reading about 0.5 s, making the layers'
arrays 0.15 s, counting 0.35 s (events 0.07, alpha-U 0.05, label confusion 0.04, spans exact
and overlapping, tokens and kappa the rest), the chunk streams 0.05 s. A worker adds 0.25 s of
start (importing NumPy 0.11 s, the store and the model 0.065 s, the project 0.02 s, this
package 0.04 s) and some 0.1 s of two processes sharing the caches. So the CPU target (10,000
documents in 1 s of CPU with the worker's) needs one process's counting at about 0.65 s,
below what reading alone costs here: it is not reachable by the counting.

Measured and left out (same conditions): events and arguments packed a document a row
(``group_concat`` per field, split in Python): slower than their rows (0.039 -> 0.054 s and
0.082 -> 0.091 s per layer; the ``sqlite3`` module's tuples are cheaper than SQLite's
concatenation and the splits); the triggers and arguments of several chunks counted at once
(0.364 -> 0.374 s: no gain, the work is in the elements, not in NumPy's calls); span uuids
matched as 36-byte rows by hash and sort in NumPy instead of a dict (2.27 against 2.43 ms per
chunk and layer, nothing end to end); 16 or 64 MiB of page cache (none); reading blocks of 64
or 256 documents instead of 16 (none); ``python -S`` for the worker (none measurable); keeping
a worker's project open from one range to the next (6 ms a range, but the worker would no
longer check that the file is still in the state its caller checked). What would cut the
reading: covering indexes for it, ``spans(annotator, doc_id, deleted, label, start, "end",
uuid)``, ``events(annotator, doc_id, deleted, uuid, type, trigger)``, ``arguments(annotator,
doc_id, deleted, event, role, target)`` (no table lookup per row): 0.151 -> 0.106, 0.037 ->
0.025 and 0.069 -> 0.050 s per layer, 0.15 s per 10,000 documents, for a file 18% larger
(276 -> 325 MB at 10,000 documents): a schema change, not made here.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from annotator import Project
from annotator.agreement import agreement, project_layers
from annotator.agreement.spans import SpanKey, span_f1
from tests.benchmarks.corpus import Layout, build_project
from tests.benchmarks.history import Record

TARGET_SECONDS = 2.0
LABELS = ("PER", "GPE", "ORG", "LOC", "منظمة", "حدث")

pytestmark = pytest.mark.benchmark


def _corpus(seed: int = 7) -> tuple[list[SpanKey], list[SpanKey]]:
    """100 flat spans per document; B shifts 10% of starts, relabels 10%, nests 1%."""
    rng = random.Random(seed)
    a: list[SpanKey] = []
    b: list[SpanKey] = []
    for doc in range(10_000):
        pos = 0
        for _ in range(100):
            pos += rng.randint(1, 20)
            length = rng.randint(1, 12)
            span = SpanKey(doc, pos, pos + length, rng.choice(LABELS))
            a.append(span)
            roll = rng.random()
            if roll < 0.1:
                span = span._replace(start=span.start + 1)
            elif roll < 0.2:
                span = span._replace(label=rng.choice(LABELS))
            elif roll < 0.21:
                span = span._replace(start=max(0, span.start - 25))
            b.append(span)
            pos += length
    return a, b


@pytest.fixture(scope="module")
def corpus() -> tuple[list[SpanKey], list[SpanKey]]:
    return _corpus()


@pytest.mark.parametrize("mode", ["exact", "overlap"])
def test_span_f1_million_pairs(
    corpus: tuple[list[SpanKey], list[SpanKey]], mode: str, bench: Record
) -> None:
    a, b = corpus
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        scores = span_f1(a, b, mode)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - started)
    print(
        f"\nspan_f1 {mode}: {len(a):,} x {len(b):,} spans, 10,000 documents: {best:.3f} s "
        f"({best / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:.0f} s target); "
        f"F1 {scores.micro.f1:.4f}"
    )
    bench(f"agreement.span_f1_{mode}", best, "s", f"< {TARGET_SECONDS:.0f} s")
    assert scores.micro.n_a == len(set(a))
    assert best < TARGET_SECONDS


LAYERS = {"a": Layout(spans=25), "b": Layout(spans=25, shift=7, relabel=11)}
GROWTH_LIMIT = 1.5
"""the peak may grow at most this much while the documents grow fivefold"""


def _project_agreement(folder: Path, docs: int) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MiB) of a project's agreement over two layers."""
    path = folder / f"agree{docs}.annotator"
    build_project(path, docs, LAYERS, chunk=5_000)
    with Project.open(path, read_only=True) as p:
        gc.collect()
        tracemalloc.start()
        try:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = agreement(project_layers(p, ["a", "b"]), ["a", "b"])
            seconds = time.perf_counter() - started
            cpu = time.process_time() - started_cpu
            peak = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
    assert result.documents == docs and result.pairs[0].exact.micro.n_a == 25 * docs
    path.unlink()
    return seconds, cpu, peak


def test_project_agreement_memory_stays_flat(tmp_path: Path, bench: Record) -> None:
    figures = {docs: _project_agreement(tmp_path, docs) for docs in (1_000, 5_000)}
    (t1, c1, m1), (t5, c5, m5) = figures[1_000], figures[5_000]
    print(
        f"\nproject agreement, two layers (tracemalloc on): 1,000 documents {t1:.1f} s "
        f"(CPU {c1:.1f} s), peak {m1:.1f} MiB; 5,000 documents {t5:.1f} s (CPU {c5:.1f} s), "
        f"peak {m5:.1f} MiB: peak x{m5 / m1:.2f} for x5 the documents (limit "
        f"x{GROWTH_LIMIT}); time x{t5 / t1:.1f} (tracemalloc slows this several times: the "
        f"speed at 10k and 100k documents is bench_scale's)"
    )
    bench("agreement.project_1k_s", t1, "s")
    bench("agreement.project_5k_s", t5, "s")
    bench("agreement.project_1k_peak_mib", m1, "MiB")
    bench("agreement.project_5k_peak_mib", m5, "MiB", f"< {GROWTH_LIMIT} x the 1k peak")
    assert m5 < GROWTH_LIMIT * m1


DOCS_PER_SECOND_TARGET = 10_000
"""issue 12: two layers of 100,000 documents in < 10 s, so 10,000 documents in < 1 s"""


def _children_cpu() -> float:
    """CPU seconds of this process's ended child processes (agreement's workers)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


@pytest.fixture(scope="module")
def scale10k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agreement") / "scale10000.annotator"
    build_project(path, 10_000, LAYERS, chunk=5_000)
    return path


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="issue 12: 6,500-6,760 documents per second of CPU with the worker's (load 4-6 on "
    "2 cores; per 10,000 documents reading about 0.5 s, making arrays 0.15 s, counting 0.35 s, "
    "a worker's start 0.25 s and 0.1 s of two processes sharing the caches): 0.67 of the "
    "target, which needs one process's counting at about 0.65 s, below the reading alone",
)
def test_project_agreement_documents_per_second(scale10k: Path, bench: Record) -> None:
    with Project.open(scale10k, read_only=True) as p:
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        workers_cpu = _children_cpu()
        result = agreement(project_layers(p, ["a", "b"]), ["a", "b"])
        seconds = time.perf_counter() - started
        # with the CPU of the worker processes counting ranges of documents (ended by now)
        cpu = time.process_time() - started_cpu + _children_cpu() - workers_cpu
    assert result.documents == 10_000 and result.pairs[0].exact.micro.n_a == 250_000
    rate = result.documents / cpu
    print(
        f"\nproject agreement, two layers, 10,000 documents / 500,000 spans: CPU {cpu:.2f} s "
        f"(wall {seconds:.2f} s): {rate:,.0f} documents per second of CPU (target >= "
        f"{DOCS_PER_SECOND_TARGET:,}: {rate / DOCS_PER_SECOND_TARGET:.2f} of it)"
    )
    bench("agreement.project_10k_cpu_s", cpu, "s", "< 1 s")
    bench(
        "agreement.project_10k_docs_per_s",
        rate,
        "docs/s",
        f">= {DOCS_PER_SECOND_TARGET}",
        higher_is_better=True,
    )
    assert rate >= DOCS_PER_SECOND_TARGET


WALL_TARGET_S = 1.0
"""issue 12: two layers of 100,000 documents in < 10 s of wall time, the read-only open
included (bench_scale's measure); it grows linearly, so 10,000 documents in < 1 s"""


def _fresh_measure(path: Path) -> dict[str, float]:
    """bench_scale's measure of the agreement (open read-only + agreement of a and b) in a
    fresh process, with the CPU of the worker processes it started."""
    code = (
        "import json, resource\nfrom tests.benchmarks.bench_scale import measure\n"
        f"out = measure({str(path)!r}, 'agreement')\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "out['workers_cpu_s'] = kids.ru_utime + kids.ru_stime\n"
        "print(json.dumps(out))"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


@pytest.mark.xfail(
    strict=False,
    raises=AssertionError,
    reason="issue 12: 1.13-1.16 s wall at 10,000 documents (quiet machine, 2 cores; the "
    "open's quick_check about 0.3 s, then the counting in two processes): 0.89 of the "
    "target; 1.01 s in make bench's quiet run after a later session's counting work, 0.99 s "
    "(runs 0.99, 0.99, 1.00) in the next: at the line, so a pass is not taken as met and a "
    "run that passes by 1% is not a failure either (not strict since 2026-11-29 20:20)",
)
def test_project_agreement_wall_time_at_10k(scale10k: Path, bench: Record) -> None:
    runs = [_fresh_measure(scale10k) for _ in range(3)]
    best = min(runs, key=lambda r: r["agreement_s"])
    wall = best["agreement_s"]
    walls = ", ".join(f"{r['agreement_s']:.2f}" for r in runs)
    print(
        f"\nproject agreement as bench_scale measures it (fresh process, read-only open "
        f"included), 10,000 documents: wall {walls} s (best {wall:.2f} s; target < "
        f"{WALL_TARGET_S:.0f} s: "
        f"{WALL_TARGET_S / wall:.2f} of it); CPU {best['agreement_cpu_s']:.2f} s in the "
        f"process + {best['workers_cpu_s']:.2f} s in its workers; peak RSS "
        f"{best['agreement_rss_mb']:.0f} MB"
    )
    bench("agreement.project_10k_wall_s", wall, "s", f"< {WALL_TARGET_S:.0f} s")
    assert wall < WALL_TARGET_S
