"""Peak memory of ``annotator merge`` (a project file) and ``annotator export --format events``
on a project of about 250,000 records (QA 2026-11-29).

The fixture: 4,700 documents of 1,000-4,000 characters in three layers (amal, badr, lina), 14
spans per document and layer, one Conflict.Attack event with two arguments and one PHYS
relation per document and layer: 197,400 spans, 14,100 events, 28,200 arguments and 14,100
relations (253,800 records), imported from JSON lines by ``annotator import``. A second
project holds the same texts in three other layers (omar, huda, zaid) with other record ids.

Each command runs in a fresh child process (``python -c`` running the ``annotator`` command
line as a grandchild), whose ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the command's own
peak resident set: nothing this test process allocated is counted.

Figures: the merge of the second project into a copy of the first (every record new), the
same merge again (every record known), and the events export of one layer (amal). Floors,
written before the fix: merge < 250 MB peak; events export < 100 MB peak. The time of each
is printed too (it must not get worse by more than about 20% with the fix).

First figures (2026-11-29, before the fix, 2 shared cores under other tests' load): merge
674 MB peak, 37.2 s (2.70x the floor); again 832 MB, 29.5 s (3.33x); events export (69 MB
written) 409 MB peak, 48.0 s (4.09x).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.history import Record

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).with_name("annotator"))
SEED = ROOT / "resources" / "samples" / "000_3626081446f7037e.txt"
DOCS = 4_700
ENTITIES = ("PER", "ORG", "GPE", "LOC", "FAC")
MERGE_FLOOR_MB = 250
EXPORT_FLOOR_MB = 100

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "t = time.perf_counter() - t\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(rc, peak, t)\n"
)


def _measure(*args: str) -> tuple[float, float]:
    """(peak MB, seconds) of one ``annotator`` command line run in a fresh child."""
    cmd = [sys.executable, "-c", _MEASURE, CLI, *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    rc, peak_kb, seconds = out.stdout.split()
    assert rc == "0", out.stderr
    return int(peak_kb) / 1024, float(seconds)


def _corpus(path: Path, layers: tuple[str, ...], id_tail: str) -> None:
    rnd = random.Random(7)
    paras = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(DOCS):
            parts: list[str] = []
            target, n = rnd.randint(1000, 4000), 0
            while n < target:
                parts.append(rnd.choice(paras))
                n += len(parts[-1]) + 1
            text = "\n".join(parts) + f" ({i})"
            words = [m.span() for m in re.finditer(r"\w+", text)]
            base = sorted(rnd.sample(range(len(words)), 14))
            for li, layer in enumerate(layers):
                spans = []
                for k, w in enumerate(base):
                    s, e = words[w]
                    uid = f"{i:08d}-{li:04d}-4{k:03d}-8000-{id_tail}"
                    label = ENTITIES[(w + (li if k % 9 == 0 else 0)) % 5]
                    spans.append({"id": uid, "start": s, "end": e, "label": label,
                                  "text": text[s:e]})  # fmt: skip
                spans[0]["label"] = "Conflict.Attack"
                spans[1]["label"], spans[2]["label"] = "PER", "GPE"
                per, gpe = spans[1]["id"], spans[2]["id"]
                events = [{"type": "Conflict.Attack", "trigger": spans[0]["id"],
                           "arguments": [{"role": "Attacker", "target": per},
                                         {"role": "Place", "target": gpe}]}]  # fmt: skip
                rels = [{"type": "PHYS", "source": per, "target": gpe}]
                line = {"name": f"news_{i:05d}", "text": text, "annotator": layer,
                        "status": "done" if i % 3 else "in_progress", "spans": spans,
                        "events": events, "relations": rels}  # fmt: skip
                out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _project(folder: Path, name: str, layers: tuple[str, ...], id_tail: str) -> Path:
    corpus = folder / f"{name}.jsonl"
    _corpus(corpus, layers, id_tail)
    path = folder / f"{name}.annotator"
    subprocess.run([CLI, "init", str(path)], check=True, capture_output=True)
    subprocess.run([CLI, "import", str(path), str(corpus)], check=True, capture_output=True)
    corpus.unlink()
    return path


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("memory")
    mine = _project(folder, "mine", ("amal", "badr", "lina"), "000000000000")
    theirs = _project(folder, "theirs", ("omar", "huda", "zaid"), "000000000001")
    return mine, theirs


def test_merge_memory(projects: tuple[Path, Path], tmp_path: Path, bench: Record) -> None:
    mine, theirs = projects
    target = tmp_path / "merged.annotator"
    shutil.copyfile(mine, target)
    peak, seconds = _measure("merge", str(target), str(theirs))
    again_peak, again_seconds = _measure("merge", str(target), str(theirs))
    size = theirs.stat().st_size / 1024**2
    print(
        f"\nmerge of a {size:.0f} MB project (253,800 records): {peak:.0f} MB peak, "
        f"{seconds:.1f} s ({peak / MERGE_FLOOR_MB:.2f}x the {MERGE_FLOOR_MB} MB floor); "
        f"again (all known): {again_peak:.0f} MB peak, {again_seconds:.1f} s "
        f"({again_peak / MERGE_FLOOR_MB:.2f}x)"
    )
    bench("memory.merge_peak", peak, "MB", f"< {MERGE_FLOOR_MB} MB")
    bench("memory.merge_again_peak", again_peak, "MB", f"< {MERGE_FLOOR_MB} MB")
    bench("memory.merge_s", seconds, "s")
    bench("memory.merge_again_s", again_seconds, "s")
    assert peak < MERGE_FLOOR_MB and again_peak < MERGE_FLOOR_MB


def test_events_export_memory(projects: tuple[Path, Path], tmp_path: Path, bench: Record) -> None:
    mine, _ = projects
    out = tmp_path / "events.jsonl"
    args = ("export", str(mine), "--format", "events", "--annotator", "amal", "--output")
    peak, seconds = _measure(*args, str(out))
    size = out.stat().st_size / 1024**2
    print(
        f"\nevents export ({size:.0f} MB written): {peak:.0f} MB peak, {seconds:.1f} s "
        f"({peak / EXPORT_FLOOR_MB:.2f}x the {EXPORT_FLOOR_MB} MB floor)"
    )
    bench("memory.events_export_peak", peak, "MB", f"< {EXPORT_FLOOR_MB} MB")
    bench("memory.events_export_s", seconds, "s")
    assert peak < EXPORT_FLOOR_MB
