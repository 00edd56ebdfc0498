"""Import 10,000 JSONL documents (~2 KB of Arabic each) against a floor that does the same work
with nothing but the standard library.

``test_import_annotated_jsonl`` (issue 12, like for like): every document carries 20 spans
with ids (half of the entity spans with an attribute, two of them event triggers with an
attribute), two events with two arguments each and two relations (``corpus.py``). The floor
reads the same file, ``json.loads`` each line, hashes the text and inserts the same rows
(documents, annotator, spans, events, arguments, relations, one change-log line, the clock
setting) into the same tables and indexes (a project file made by ``Project.create``) under
the same pragmas (``corpus.PRAGMAS``) with one ``executemany`` per table in one transaction.
Both are checked to have written the same number of rows of each kind. Target: throughput
>= 0.5x the floor. First figure (2026-11-29, load average 5-7 on 2 cores, code of commit
b400138 with other developers' uncommitted changes): ours 21.96 s, floor 3.53 s, 0.16x.

``test_import_10k_plain_documents`` is the earlier benchmark, kept for its history: a corpus
without annotations. Its floor was redefined in the commit that made it pass (90c104e): the
original floor was the ``executemany`` alone (rows prepared before the clock starts), 0.38x at
the time; the redefined floor also reads and parses the file. Both are printed. On 2026-11-29
(load average 4-5 on 2 cores, other developers' tests running): ours 0.77 s, read+parse floor
0.55 s (0.71x), executemany-only floor 0.40 s (0.52x).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from annotator import Project
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from tests.benchmarks.corpus import Clock, Layout, connect, floor_import_commit, write_jsonl
from tests.benchmarks.history import Record

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
N = 10_000
LAYOUT = Layout(spans=20)
KINDS = ("documents", "spans", "events", "arguments", "relations")


# -- like for like: an annotated corpus --------------------------------------------------------
def _attrs(obj: dict[str, Any]) -> str:
    value = obj.get("attributes")
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else "{}"


def floor_import(project: Path, src: Path, annotator: str) -> float:
    """Seconds for the plain importer: read, parse, hash, executemany (see the docstring)."""
    return _floor_import(project, src, annotator)[0]


def _floor_import(project: Path, src: Path, annotator: str) -> tuple[float, float]:
    """``floor_import``: (wall seconds, CPU seconds)."""
    conn = connect(project)
    clock = Clock()
    started, cpu = time.perf_counter(), time.process_time()
    stamp = "2026-01-01T00:00:00.000+00:00"
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in KINDS}
    shas = []
    for i, line in enumerate(src.read_bytes().decode("utf-8").split("\n")):
        if not line:
            continue
        obj = json.loads(line)
        text = obj["text"]
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        shas.append(sha)
        doc_id = i + 1
        meta = json.dumps(obj["meta"], ensure_ascii=False, sort_keys=True)
        rows["documents"].append((doc_id, obj["name"], text, sha, "", meta, stamp))
        for s in obj["spans"]:
            rows["spans"].append(
                (s["id"], doc_id, annotator, s["start"], s["end"], s["label"], s["text"],
                 _attrs(s), "", "[]", clock.tick(), 0, stamp, stamp)
            )  # fmt: skip
        for e in obj["events"]:
            rows["events"].append(
                (e["id"], doc_id, annotator, e["type"], e["trigger"], _attrs(e), "",
                 clock.tick(), 0, stamp, stamp)
            )  # fmt: skip
            for a in e["arguments"]:
                rows["arguments"].append(
                    (a["id"], e["id"], doc_id, annotator, a["role"], a["target"], clock.tick(),
                     0, stamp, stamp)
                )  # fmt: skip
        for r in obj["relations"]:
            rows["relations"].append(
                (r["id"], doc_id, annotator, r["type"], r["source"], r["target"], _attrs(r), "",
                 clock.tick(), 0, stamp, stamp)
            )  # fmt: skip
    floor_import_commit(
        conn, rows, annotator=annotator, src=src, shas=shas, stamp=stamp, clock=clock
    )
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


def our_import(project: Path, src: Path, annotator: str) -> float:
    return _our_import(project, src, annotator)[0]


def _our_import(project: Path, src: Path, annotator: str) -> tuple[float, float]:
    """``our_import``: (wall seconds, CPU seconds)."""
    with Project.open(project) as p:
        started, cpu = time.perf_counter(), time.process_time()
        import_documents(p, read_jsonl(src), annotator=annotator)
        return time.perf_counter() - started, time.process_time() - cpu


def counts(project: Path) -> dict[str, int]:
    conn = sqlite3.connect(project)
    try:
        return {k: conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0] for k in KINDS}
    finally:
        conn.close()


def measure_import(folder: Path, docs: int, rounds: int = 3) -> dict[str, float]:
    """Best of ``rounds`` for the floor and for ours, alternated; the same rows checked."""
    src = folder / "annotated.jsonl"
    expected = write_jsonl(src, docs, LAYOUT)
    floors: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for k in range(rounds):
        for name, run, times in (("floor", _floor_import, floors), ("ours", _our_import, ours)):
            path = folder / f"{name}{k}.annotator"
            Project.create(path).close()
            times.append(run(path, src, "bench"))
            assert counts(path) == expected, (name, counts(path), expected)
    floor, mine = min(w for w, _ in floors), min(w for w, _ in ours)
    return {
        "floor_s": floor,
        "ours_s": mine,
        "ratio": floor / mine,
        "records": float(sum(expected.values()) - expected["documents"]),
        # printed beside the wall time (which the threshold reads): on a loaded machine
        # the CPU time of each side is the steadier figure
        "floor_cpu_s": min(c for _, c in floors),
        "ours_cpu_s": min(c for _, c in ours),
    }


def test_import_annotated_jsonl(tmp_path: Path, bench: Record) -> None:
    fig = measure_import(tmp_path, N)
    records = int(fig["records"])
    print(
        f"\nimport {N:,} annotated JSONL docs ({records:,} records: spans with ids and "
        f"attributes, events with arguments, relations): ours {fig['ours_s']:.2f} s, plain "
        f"importer (read + json.loads + sha256 + executemany, same rows, tables, indexes and "
        f"pragmas) {fig['floor_s']:.2f} s; throughput ratio {fig['ratio']:.2f}x (target >= 0.5x); "
        f"CPU time: ours {fig['ours_cpu_s']:.2f} s, floor {fig['floor_cpu_s']:.2f} s, "
        f"{fig['floor_cpu_s'] / fig['ours_cpu_s']:.2f}x"
    )
    bench("import.annotated.ours", fig["ours_s"], "s")
    bench("import.annotated.floor", fig["floor_s"], "s")
    bench("import.annotated.ratio", fig["ratio"], "x", ">= 0.5", higher_is_better=True)
    assert fig["ratio"] >= 0.5


# -- the earlier benchmark: documents without annotations --------------------------------------
def make_corpus(path: Path) -> list[str]:
    base = SEED.read_text(encoding="utf-8")[:1100]  # ~2 KB of UTF-8 Arabic
    texts = [f"{base} ({i})" for i in range(N)]
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(
                json.dumps({"text": t, "name": f"doc{i}", "meta": {"n": i}}, ensure_ascii=False)
                + "\n"
            )
    return texts


def bare_floor(path: Path, src: Path, insert_only: bool) -> float:
    def rows_of() -> list[tuple[str, str, str, str]]:
        out = []
        for line in src.read_bytes().decode("utf-8").split("\n"):
            if line:
                obj = json.loads(line)
                text = obj["text"]
                sha = hashlib.sha256(text.encode()).hexdigest()
                out.append((obj["name"], text, sha, json.dumps(obj["meta"])))
        return out

    rows = rows_of() if insert_only else []
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT, text TEXT, "
        "sha256 TEXT UNIQUE, meta TEXT)"
    )
    t0 = time.perf_counter()
    if not insert_only:
        rows = rows_of()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO documents (name, text, sha256, meta) VALUES (?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def test_import_10k_plain_documents(tmp_path: Path, bench: Record) -> None:
    src = tmp_path / "corpus.jsonl"
    texts = make_corpus(src)
    assert len(texts) == N
    floor = min(bare_floor(tmp_path / f"bare{k}.db", src, False) for k in range(3))
    insert_only = min(bare_floor(tmp_path / f"ins{k}.db", src, True) for k in range(3))
    times = []
    for k in range(3):
        with Project.create(tmp_path / f"p{k}.annotator") as p:
            t0 = time.perf_counter()
            report = import_documents(p, read_jsonl(src), annotator="bench")
            times.append(time.perf_counter() - t0)
            assert report.documents_added == N
    ours = min(times)
    ratio = floor / ours
    print(
        f"\nimport {N} plain JSONL docs (no annotations): ours {ours:.3f} s "
        f"({N / ours:.0f} docs/s); bare importer (read + json.loads + sha256 + executemany into "
        f"a one-table file) {floor:.3f} s, ratio {ratio:.2f}x (target >= 0.5x); the original "
        f"floor, the executemany alone, {insert_only:.3f} s, ratio {insert_only / ours:.2f}x"
    )
    bench("import.plain.ours", ours, "s")
    bench("import.plain.ratio_read_parse_floor", ratio, "x", ">= 0.5", higher_is_better=True)
    bench("import.plain.ratio_insert_only_floor", insert_only / ours, "x", higher_is_better=True)
    assert ratio >= 0.5
