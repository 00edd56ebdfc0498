"""A simulated analyst in its own process (the hub's kill and concurrency tests run it).

analyst_worker.py sync PROJECT URL [PAUSE_PHASE]
    one sync, printing "phase done total" per progress call; at the Nth progress call of
    a phase (PAUSE_PHASE is "phase:N") it prints "paused phase" and sleeps (the test
    kills it there)
analyst_worker.py analyst PROJECT URL LAYER SEED ROUNDS EDITS OTHER_LAYER
    ROUNDS times: EDITS random edits in LAYER, then a sync; then tries to write
    OTHER_LAYER's and gold's records through a raw connection; prints one JSON line
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg

from annotator.hub import sync
from annotator.project import Project
from tests.hub.helpers import random_edit


def run_sync(path: str, url: str, pause: str) -> None:
    calls: dict[str, int] = {}
    where, _, nth = pause.partition(":")

    def progress(phase: str, done: int, total: int) -> None:
        print(phase, done, total, flush=True)
        calls[phase] = calls.get(phase, 0) + 1
        if phase == where and calls[phase] == int(nth or 1):
            print("paused", phase, flush=True)
            time.sleep(60)

    with Project.open(path) as project:
        report = sync(project, url, progress)
    print("done", json.dumps({"pushed": report.pushed, "pulled": report.pulled}), flush=True)


def run_analyst(path: str, url: str, layer: str, seed: int, rounds: int, edits: int,
                other: str) -> None:  # fmt: skip
    rng = random.Random(seed)
    done: list[str] = []
    with Project.open(path) as project:
        for _ in range(rounds):
            done += [random_edit(project, layer, rng) for _ in range(edits)]
            time.sleep(rng.random() * 0.2)
            sync(project, url)
        doc = project.documents()[0]
    refused = {}
    for target in (other, "gold"):
        body = {"kind": "spans", "doc": doc.sha256, "uuid": f"forged-{layer}-{target}",
                "annotator": target, "clock": "1700000000000.000001", "deleted": False,
                "start": 0, "end": 1, "label": "PER", "text": "x", "attributes": {},
                "note": "", "fragments": []}  # fmt: skip
        with psycopg.connect(url) as conn:
            try:
                conn.execute(
                    "INSERT INTO annotator_hub.records (body, origin) VALUES (%s::jsonb, 'f')",
                    (json.dumps(body),),
                )
                refused[target] = False
            except psycopg.errors.InsufficientPrivilege:
                refused[target] = True
    print(json.dumps({"layer": layer, "edits": done, "refused": refused}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "sync":
        run_sync(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
    else:
        a = sys.argv[2:]
        run_analyst(a[0], a[1], a[2], int(a[3]), int(a[4]), int(a[5]), a[6])
