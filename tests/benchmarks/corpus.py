"""Annotated corpora for the benchmarks: the same documents as a JSONL file (to import) or
written straight into a project file with executemany (to export, compare and scale).

Every document is ~2 KB of UTF-8 Arabic (the first 1,100 characters of the bundled sample
article and a number). Its layer holds ``spans`` spans on distinct words, one span in ten an
event trigger (``Conflict.Attack``) whose event (attribute ``Realis``) has two arguments
(Attacker → the next span, a PER; Place → the one after, a GPE) and one relation (PHYS from
that PER to that GPE); half of the entity spans carry the attribute ``MentionType``. Every
record has an id, as a lossless export would write it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator import Project

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
BASE = SEED.read_text(encoding="utf-8")[:1100]
WORDS = [m.span() for m in re.finditer(r"\w+", BASE)]
ENTITY_LABELS = ("ORG", "LOC", "PER", "GPE", "FAC")
TRIGGER = "Conflict.Attack"
ROLES = ("Attacker", "Place")


def text_of(i: int) -> str:
    return f"{BASE} ({i})"


def uid(doc: int, layer: int, kind: int, k: int) -> str:
    """A fixed, valid record id (kind 0 span, 1 event, 2 argument, 3 relation)."""
    return f"{doc:08x}-{layer:04x}-{kind:04x}-0000-{k:012x}"


@dataclass(frozen=True)
class Layout:
    """What one document layer holds (see the module docstring)."""

    spans: int = 20
    shift: int = 0
    """layer B of a comparison: every ``shift``-th span moved to the next word (0: none)"""
    relabel: int = 0
    """every ``relabel``-th entity span relabelled (0: none)"""

    def span_rows(self, doc: int, layer: int) -> list[tuple[str, int, int, str, str, str]]:
        """(uuid, start, end, label, text, attributes JSON) of one document layer."""
        text = text_of(doc)
        step = len(WORDS) / self.spans
        out = []
        for k in range(self.spans):
            w = int(k * step)
            if self.shift and k % self.shift == self.shift - 1 and k % 10 > 2:
                w = min(w + 1, len(WORDS) - 1)  # a boundary disagreement (never on an event)
            start, end = WORDS[w]
            group = k % 10
            if group == 0:
                label, attrs = TRIGGER, "{}"  # Realis is the event's, as exports write it
            else:
                label = "PER" if group == 1 else "GPE" if group == 2 else ENTITY_LABELS[k % 5]
                if self.relabel and k % self.relabel == self.relabel - 1 and group > 2:
                    label = ENTITY_LABELS[(k + 1) % 5]
                attrs = '{"MentionType":"NAM"}' if k % 2 else "{}"
            out.append((uid(doc, layer, 0, k), start, end, label, text[start:end], attrs))
        return out

    def events(self) -> list[int]:
        """Index of the trigger span of each event (its arguments are the next two spans)."""
        return [k for k in range(0, self.spans - 2, 10)]


def jsonl_line(doc: int, layout: Layout, layer: int = 0) -> dict[str, Any]:
    spans = layout.span_rows(doc, layer)
    line: dict[str, Any] = {
        "name": f"doc{doc}",
        "text": text_of(doc),
        "meta": {"n": doc},
        "spans": [
            {"id": u, "start": s, "end": e, "label": lab, "text": t}
            | ({"attributes": json.loads(a)} if a != "{}" else {})
            for u, s, e, lab, t, a in spans
        ],
        "events": [],
        "relations": [],
    }
    for j, k in enumerate(layout.events()):
        targets = zip(ROLES, spans[k + 1 : k + 3], strict=True)
        line["events"].append(
            {
                "id": uid(doc, layer, 1, j),
                "type": TRIGGER,
                "trigger": spans[k][0],
                "attributes": {"Realis": "Actual"},
                "arguments": [
                    {"id": uid(doc, layer, 2, 2 * j + n), "role": role, "target": target[0]}
                    for n, (role, target) in enumerate(targets)
                ],
            }
        )
        line["relations"].append(
            {
                "id": uid(doc, layer, 3, j),
                "type": "PHYS",
                "source": spans[k + 1][0],
                "target": spans[k + 2][0],
            }
        )
    return line


def write_jsonl(path: Path, docs: int, layout: Layout) -> dict[str, int]:
    """The corpus as one JSONL file; returns the number of records of each kind."""
    counts = dict.fromkeys(("documents", "spans", "events", "arguments", "relations"), 0)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            line = jsonl_line(i, layout)
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["documents"] += 1
            counts["spans"] += len(line["spans"])
            counts["events"] += len(line["events"])
            counts["arguments"] += sum(len(e["arguments"]) for e in line["events"])
            counts["relations"] += len(line["relations"])
    return counts


PRAGMAS = (
    "PRAGMA busy_timeout = 5000",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)
"""the pragmas ``annotator.store`` sets on every write connection"""


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


class Clock:
    """Stamps of the project's shape, increasing (as the hybrid clock issues them)."""

    def __init__(self) -> None:
        self.ms = time.time_ns() // 1_000_000
        self.n = 0

    def tick(self) -> str:
        self.n += 1
        if self.n > 999_999:
            self.ms, self.n = self.ms + 1, 0
        return f"{self.ms:013d}.{self.n:06d}"


def layer_rows(
    doc: int, doc_id: int, annotator: str, layer: int, layout: Layout, clock: Clock, stamp: str
) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one document layer, in the column order of the project tables."""
    spans = layout.span_rows(doc, layer)
    rows: dict[str, list[tuple[Any, ...]]] = {
        "spans": [
            (u, doc_id, annotator, s, e, lab, t, a, "", "[]", clock.tick(), 0, stamp, stamp)
            for u, s, e, lab, t, a in spans
        ],
        "events": [],
        "arguments": [],
        "relations": [],
    }
    for j, k in enumerate(layout.events()):
        ev = uid(doc, layer, 1, j)
        rows["events"].append(
            (ev, doc_id, annotator, TRIGGER, spans[k][0], '{"Realis":"Actual"}', "",
             clock.tick(), 0, stamp, stamp)
        )  # fmt: skip
        for n, role in enumerate(("Attacker", "Place")):
            rows["arguments"].append(
                (uid(doc, layer, 2, 2 * j + n), ev, doc_id, annotator, role, spans[k + 1 + n][0],
                 clock.tick(), 0, stamp, stamp)
            )  # fmt: skip
        rows["relations"].append(
            (uid(doc, layer, 3, j), doc_id, annotator, "PHYS", spans[k + 1][0], spans[k + 2][0],
             "{}", "", clock.tick(), 0, stamp, stamp)
        )  # fmt: skip
    return rows


INSERT = {
    "spans": 'INSERT INTO spans (uuid, doc_id, annotator, start, "end", label, text, attributes, '
    "note, fragments, clock, deleted, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events (uuid, doc_id, annotator, type, trigger, attributes, note, "
    "clock, deleted, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "arguments": "INSERT INTO arguments (uuid, event, doc_id, annotator, role, target, clock, "
    "deleted, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "relations": "INSERT INTO relations (uuid, doc_id, annotator, type, source, target, "
    "attributes, note, clock, deleted, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "documents": "INSERT INTO documents (id, name, text, sha256, raw_sha256, meta, created) "
    "VALUES (?,?,?,?,?,?,?)",
    "doc_status": "INSERT INTO doc_status (doc_id, annotator, status, clock) VALUES (?,?,?,?)",
}


def floor_import_commit(
    conn: sqlite3.Connection,
    rows: dict[str, list[tuple[Any, ...]]],
    *,
    annotator: str,
    src: Path,
    shas: list[str],
    stamp: str,
    clock: Clock,
) -> None:
    """The one transaction of an import floor (bench_import, bench_conll_import): the layer's
    annotator, the rows of each table with one ``executemany`` (documents first), the change
    log's import line and the clock setting, as the product's import writes them."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT OR IGNORE INTO annotators (name, display_name, created) VALUES (?, ?, ?)",
        [annotator, annotator, stamp],
    )
    for kind, table_rows in rows.items():
        conn.executemany(INSERT[kind], table_rows)
    conn.execute(
        "INSERT INTO changes (at, annotator, action, kind, uuid, before, after) "
        "VALUES (?, '', 'import', 'documents', ?, NULL, ?)",
        [stamp, str(src), json.dumps({"documents": shas}, ensure_ascii=False, sort_keys=True)],
    )
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('hlc', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [clock.tick()],
    )
    conn.execute("COMMIT")


def build_project(
    path: Path,
    docs: int,
    layers: dict[str, Layout],
    chunk: int = 2_000,
    progress: bool = False,
    statuses: bool = False,
) -> dict[str, int]:
    """A project file holding ``docs`` documents and one layer per ``layers`` entry, written
    with executemany (not through the API: the point is the size, fast); returns the counts.
    ``statuses``: every document layer gets a status (every third one ``done``)."""
    Project.create(path).close()
    conn = connect(path)
    clock = Clock()
    stamp = "2026-01-01T00:00:00.000+00:00"
    counts = dict.fromkeys(("documents", "spans", "events", "arguments", "relations"), 0)
    started = time.perf_counter()
    try:
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("BEGIN IMMEDIATE")
        for name in layers:
            conn.execute(
                "INSERT OR IGNORE INTO annotators (name, display_name, created) VALUES (?, ?, ?)",
                [name, name, stamp],
            )
        for first in range(0, docs, chunk):
            rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in INSERT}
            for i in range(first, min(first + chunk, docs)):
                text = text_of(i)
                sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
                rows["documents"].append((i + 1, f"doc{i}", text, sha, sha, f'{{"n":{i}}}', stamp))
                for layer, (name, layout) in enumerate(layers.items()):
                    parts = layer_rows(i, i + 1, name, layer, layout, clock, stamp)
                    for kind, part in parts.items():
                        rows[kind] += part
                    if statuses:
                        status = "done" if i % 3 == 0 else "in_progress"
                        rows["doc_status"].append((i + 1, name, status, clock.tick()))
            for kind in ("documents", "spans", "events", "arguments", "relations", "doc_status"):
                conn.executemany(INSERT[kind], rows[kind])
                counts[kind] = counts.get(kind, 0) + len(rows[kind])
            if progress and first and first % (chunk * 10) == 0:
                print(f"  built {first:,} documents ({time.perf_counter() - started:.0f} s)")
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('hlc', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [clock.tick()],
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return counts
