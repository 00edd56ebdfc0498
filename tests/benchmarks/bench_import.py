"""Import 10,000 JSONL documents (~2 KB of Arabic each) against a bare executemany floor.

The floor is the simplest importer of the same file: read it, json.loads each line, hash the
text, one executemany of the same rows in one transaction (WAL, synchronous=FULL, like ours).
The insert alone (rows prepared before the clock starts) is printed too, for transparency.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

from annotator import Project
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
N = 10_000


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


def test_import_10k_jsonl_documents(tmp_path: Path) -> None:
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
        f"\nimport {N} JSONL docs: ours {ours:.3f} s ({N / ours:.0f} docs/s); bare importer "
        f"(read + json.loads + sha256 + executemany) {floor:.3f} s ({N / floor:.0f} docs/s); "
        f"throughput ratio {ratio:.2f}x (target >= 0.5x); the executemany alone "
        f"{insert_only:.3f} s, ratio {insert_only / ours:.2f}x"
    )
    assert ratio >= 0.5
