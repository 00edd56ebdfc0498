"""kill -9 during import, merge, export and bundle writing (issue 9, "Nothing poisoned").

Each operation runs as the real command line (``python -m annotator.cli ...``) in a subprocess
and is killed with SIGKILL at seeded random moments spread from start to end: by time (a
stratified random fraction of a measured complete run) and by progress (the project's
write-ahead log, the export's temporary output or the merge's temporary copy reaching a random
fraction of the size a complete run reached). After each kill:

* the project opens for writing, ``integrity_check``, the foreign-key check and the document
  checksums are clean (``Store.integrity``), and every record version it held before is there;
* an import or a merge is all or nothing: the project is exactly the state before or the state
  after a complete run, both computed once in separate copies (``canonical_hash``; for imports,
  whose records are stamped by the importing process's clock, the canonical dump without clock
  stamps, and without uuids for CoNLL, which carries none);
* an export or a bundle left at its path nothing, the previous output untouched, or the complete
  new output (byte for byte as a complete run wrote it; a bundle is read back by
  ``read_bundle`` and its member checksums compared), and the project file is unchanged;
* whatever else the kill left beside the output, the project or in ``$TMPDIR`` is named
  recognisably (the output's name with ``.annotator-tmp-``/``.annotator-old-`` or the older
  ``.partial``/``.part-``/``.old-``; the project's ``-wal``/``-shm``/``.lock``; ``annotator-*``);
* the same command run again exits 0 and leaves the complete result.

Tally (``tests/reliability/conftest.py``), one ``tried`` per kill: ``accepted`` — the killed run
had done its work (the complete result is there); ``clean_error`` — the state before (nothing
imported or merged; no output or the previous output); ``project_changed`` — a half state
(partial import or merge, partial output, an export that changed the project);
``data_lost`` — the project did not open, failed its checks, or lost a record it held before;
``traceback`` — the killed run printed a traceback before the kill, or the re-run failed.

Whether the next run cleans what a kill left is asserted separately
(``test_next_run_leaves_no_litter``): exports and bundles go through ``annotator.output``, whose
``.NAME.annotator-tmp-PID-TOKEN`` leftovers the next run to the same target removes; the copy a
killed ``merge`` of a project file leaves in ``$TMPDIR`` (``annotator-merge-*``) the next merge
removes (``annotator.scratch``: a scratch folder whose process is gone).

Sizes: ``KILLS`` kills per operation on ``DOCS`` documents (3 on 1,000 in the normal run, 25 on
3,000 under ``make soak``). ``pytest -s`` prints where each kill landed and what it left.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from annotator.errors import AnnotatorError
from annotator.exchange import canonical_dump, canonical_hash, read_bundle, write_bundle
from annotator.exporting import export
from annotator.formats.common import ExportOptions
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from annotator.project import Project
from annotator.store import Store
from tests.reliability.conftest import Tally, size

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "000_3626081446f7037e.txt"
DOCS = size(1000, 3000)
"""documents in the imported JSONL (and CoNLL) file and in the colleague's layer"""
OLD_DOCS = 20
"""documents the project held before, with a layer and a status (what must never be lost)"""
KILLS = size(3, 25)
"""kills per operation"""
POLL = 0.002
TEMP_NAMES = (".partial", ".part-", ".old-", ".annotator-tmp-", ".annotator-old-")
MARKER = ".annotator-export.json"
"""what ``annotator.output`` keeps inside a folder output / beside a file output as
``.NAME.annotator-export.json``: the record of what it wrote (not a leftover)"""


def sidecar(name: str) -> str:
    return f".{name}{MARKER}"


# -- the corpus ------------------------------------------------------------------------------


def _uuid(i: int, k: int, tag: str) -> str:
    return f"00000000-0000-4000-{8 + bool(tag)}000-{k:01d}{i:011d}"


def corpus_line(i: int, filler: str, tag: str = "") -> dict[str, object]:
    """One document with spans, an event with two arguments and a relation (ids given)."""
    head = "هاجم مقاتلو التنظيم مدينة الموصل، وقال محمد علي إن القصف استمر."
    text = f"{head} {filler} ({tag}{i})"
    spans = []
    for k, (word, label) in enumerate(
        (("محمد علي", "PER"), ("الموصل", "GPE"), ("التنظيم", "ORG"), ("هاجم", "Conflict.Attack"))
    ):
        start = text.index(word)
        spans.append(
            {"id": _uuid(i, k, tag), "start": start, "end": start + len(word), "label": label}
        )
    event = {
        "id": _uuid(i, 4, tag),
        "type": "Conflict.Attack",
        "trigger": _uuid(i, 3, tag),
        "arguments": [
            {"id": _uuid(i, 5, tag), "role": "Attacker", "target": _uuid(i, 2, tag)},
            {"id": _uuid(i, 6, tag), "role": "Place", "target": _uuid(i, 1, tag)},
        ],
    }
    relation = {
        "id": _uuid(i, 7, tag),
        "type": "PHYS",
        "source": _uuid(i, 0, tag),
        "target": _uuid(i, 1, tag),
    }
    return {
        "name": f"{tag}doc{i}",
        "text": text,
        "spans": spans,
        "events": [event],
        "relations": [relation],
    }


def write_corpus(path: Path, n: int, tag: str = "") -> Path:
    filler = SAMPLE.read_text(encoding="utf-8")[:400]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(corpus_line(i, filler, tag), ensure_ascii=False) + "\n")
    return path


# -- running and killing the command line ----------------------------------------------------


def cli_env(tmpdir: Path) -> dict[str, str]:
    tmpdir.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmpdir)}


def tree_size(path: Path) -> int:
    """Bytes in a file, or in every file under a folder (0 if it vanished meanwhile)."""
    try:
        if path.is_dir():
            return sum(tree_size(p) for p in path.iterdir())
        return path.stat().st_size
    except OSError:
        return 0


def entries(folder: Path) -> set[str]:
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


@dataclass
class Run:
    elapsed: float
    code: int
    """exit status; ``-SIGKILL`` when killed"""
    stderr: str
    watched_at_kill: int = 0

    @property
    def killed(self) -> bool:
        return self.code == -signal.SIGKILL


def run(
    args: list[str],
    env: dict[str, str],
    watch: Callable[[], int],
    log: Path,
    kill_after: float | None = None,
    kill_at_size: int | None = None,
) -> Run:
    """Run ``annotator ARGS``; SIGKILL it once ``kill_after`` seconds have passed or the
    watched size reaches ``kill_at_size`` (whichever comes first)."""
    with log.open("w+b") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "annotator.cli", *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            cwd=REPO,
        )
        t0 = time.perf_counter()
        now = 0
        try:
            while proc.poll() is None:
                now = watch()
                late = kill_after is not None and time.perf_counter() - t0 >= kill_after
                if late or (kill_at_size is not None and now >= kill_at_size):
                    proc.send_signal(signal.SIGKILL)
                    break
                time.sleep(POLL)
        finally:
            code = proc.wait()
        elapsed = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(elapsed, code, stderr, now)


# -- project states --------------------------------------------------------------------------


def copy_project(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    wal = Path(f"{src}-wal")
    if wal.exists() and wal.stat().st_size:
        shutil.copyfile(wal, f"{dst}-wal")
    return dst


def dump_lines(p: Project) -> list[str]:
    return canonical_dump(p).split("\n")


def state_key(p: Project, drop: tuple[str, ...]) -> str:
    """``canonical_hash``, or the hash of the canonical dump without the fields ``drop``."""
    if not drop:
        return canonical_hash(p)
    return dump_key(dump_lines(p), drop)


def dump_key(dump: list[str], drop: tuple[str, ...]) -> str:
    """``state_key`` of the project whose ``dump_lines`` are ``dump`` (``canonical_hash`` is
    the sha256 of the dump's text)."""
    if not drop:
        return hashlib.sha256("\n".join(dump).encode("utf-8")).hexdigest()
    lines = []
    for line in dump:
        if line.startswith("R\t"):
            tag, kind, body = line.split("\t", 2)
            rec = json.loads(body)
            for name in drop:
                rec.pop(name, None)
            line = f"{tag}\t{kind}\t{json.dumps(rec, ensure_ascii=False, sort_keys=True)}"
        elif line.startswith("S\t") and "clock" in drop:
            line = line.rsplit("\t", 1)[0]
        lines.append(line)
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()


def project_key(path: Path, drop: tuple[str, ...]) -> str:
    with Project.open(path, read_only=True) as p:
        return state_key(p, drop)


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(path: Path) -> str | None:
    """A digest of a file, or of a folder's relative paths and file contents; None if absent."""
    if not path.exists():
        return None
    if path.is_file():
        return file_sha(path)
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if p.name == MARKER:  # the writer's record: holds modification times
            continue
        h.update(str(p.relative_to(path)).encode() + b"\0")
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def bundle_digest(path: Path) -> str | None:
    """The member checksums of a bundle ``read_bundle`` accepts (the manifest's creation time
    differs between runs); None if absent, ``unreadable`` if refused."""
    if not path.exists():
        return None
    try:
        return json.dumps(read_bundle(path).manifest.checksums, sort_keys=True)
    except AnnotatorError as exc:
        return f"unreadable: {exc}"


# -- the operations --------------------------------------------------------------------------


@dataclass
class Op:
    name: str
    kind: str
    """``store`` (import, merge: the project changes) or ``output`` (export, bundle)"""
    args: Callable[[Path], list[str]]
    """the command line, given the project (store) or the output path (output)"""
    triggers: tuple[str, ...]
    """how successive kills pick their moment: ``time``, ``wal`` (project -wal size),
    ``temp`` (temporary output, or the merge's copy in $TMPDIR)"""
    output: str = ""
    drop: tuple[str, ...] = ()
    """fields left out of the state comparison (see ``state_key``)"""


@dataclass
class Baseline:
    elapsed: float
    peaks: dict[str, int]
    before: str
    after: str
    previous: Path | None = None
    """output ops: a complete earlier output (and its record beside it, if any) placed at the
    path before every other kill"""


@dataclass
class Workspace:
    root: Path
    base: Path
    """the project before (old documents, amal's layer, a status)"""
    colleague: Path
    """base + badr's layer on DOCS new documents (source of every export and of the merges)"""
    corpus: Path
    conll: Path
    bundle: Path
    base_lines: set[str]
    colleague_sha: str
    baselines: dict[str, Baseline] = field(default_factory=dict)

    def baseline(self, op: Op) -> Baseline:
        """The complete run of ``op``, measured when first needed (so that a run of one
        operation measures only that one, and code edited meanwhile in a shared checkout has
        less time to make the baseline stale)."""
        if op.name not in self.baselines:
            self.baselines[op.name] = measure(self, op)
        return self.baselines[op.name]


def make_ops(ws: Workspace) -> dict[str, Op]:
    c = str(ws.colleague)
    ops = [
        Op("import jsonl", "store",
           lambda p: ["import", str(p), str(ws.corpus), "--annotator", "amal"],
           ("time", "wal", "time"), drop=("clock",)),
        Op("import conll", "store",
           lambda p: ["import", str(p), str(ws.conll), "--annotator", "amal"],
           ("time", "wal", "time"), drop=("clock", "uuid")),
        Op("merge bundle", "store", lambda p: ["merge", str(p), str(ws.bundle)],
           ("time", "wal", "time")),
        Op("merge project", "store", lambda p: ["merge", str(p), c],
           ("temp", "wal", "time")),
        Op("export jsonl", "output",
           lambda o: ["export", c, "--format", "jsonl", "--output", str(o)],
           ("time", "temp", "time"), output="train.jsonl"),
        Op("export conll", "output",
           lambda o: ["export", c, "--format", "conll", "--output", str(o)],
           ("time", "temp", "time"), output="train.conll"),
        Op("export hf", "output",
           lambda o: ["export", c, "--format", "hf", "--output", str(o)],
           ("time", "temp", "time"), output="train_hf"),
        Op("bundle", "output",
           lambda o: ["bundle", c, "--annotator", "badr", "--output", str(o)],
           ("time", "temp", "time"), output="badr.bundle"),
    ]  # fmt: skip
    return {op.name: op for op in ops}


def store_watchers(project: Path, tmpdir: Path) -> dict[str, Callable[[], int]]:
    wal = Path(f"{project}-wal")
    return {
        "wal": lambda: tree_size(wal),
        "temp": lambda: sum(tree_size(tmpdir / n) for n in entries(tmpdir)),
    }


def output_watchers(out: Path) -> dict[str, Callable[[], int]]:
    def temp() -> int:
        names = entries(out.parent) - {out.name, sidecar(out.name)}
        return sum(tree_size(out.parent / n) for n in names)

    return {"temp": temp}


def watch_all(watchers: dict[str, Callable[[], int]]) -> tuple[Callable[[], int], dict[str, int]]:
    """One watch function for a baseline run that records the peak of every watcher."""
    peaks = dict.fromkeys(watchers, 0)

    def watch() -> int:
        for name, w in watchers.items():
            peaks[name] = max(peaks[name], w())
        return 0

    return watch, peaks


def digest_of(op: Op, path: Path) -> str | None:
    return bundle_digest(path) if op.name == "bundle" else tree_digest(path)


def measure(ws: Workspace, op: Op) -> Baseline:
    """One complete run in a separate copy: its duration, the sizes it reached, the states."""
    work = ws.root / "baseline" / op.name.replace(" ", "-")
    tmpdir = work / "tmp"
    if op.kind == "store":
        project = copy_project(ws.base, work / "p.annotator")
        watch, peaks = watch_all(store_watchers(project, tmpdir))
        r = run(op.args(project), cli_env(tmpdir), watch, work / "stderr")
        assert r.code == 0, r.stderr
        key = project_key(ws.base, op.drop)
        return Baseline(r.elapsed, peaks, key, project_key(project, op.drop))
    out = work / op.output
    watch, peaks = watch_all(output_watchers(out))
    r = run(op.args(out), cli_env(tmpdir), watch, work / "stderr")
    assert r.code == 0, r.stderr
    # an earlier complete output at the same path, written by annotator itself (amal's small
    # layer): an export never replaces a file it did not write
    previous = work / "previous" / op.output
    previous.parent.mkdir()
    if op.name == "export hf":  # (datasets is not imported into the test process)
        args = [*op.args(previous), "--annotator", "amal"]
        done = run(args, cli_env(tmpdir), lambda: 0, work / "stderr-previous")
        assert done.code == 0, done.stderr
    else:
        with Project.open(ws.colleague, read_only=True) as p:
            if op.name == "bundle":
                write_bundle(p, "amal", previous)
            else:
                export(p, op.name.split()[1], previous, "amal")
    before = digest_of(op, previous)
    after = digest_of(op, out)
    assert before is not None and after is not None and before != after
    if op.name == "export jsonl":  # one line per document layer: amal's old, badr's new
        assert len(out.read_text(encoding="utf-8").splitlines()) == OLD_DOCS + DOCS
    return Baseline(r.elapsed, peaks, before, after, previous)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("kill9")
    corpus = write_corpus(root / "corpus.jsonl", DOCS)
    old = write_corpus(root / "old.jsonl", OLD_DOCS, tag="old")
    base = root / "base.annotator"
    with Project.create(base) as p:
        import_documents(p, read_jsonl(old), annotator="amal")
        p.set_status(1, "amal", "done")
        base_lines = set(dump_lines(p))
    colleague = copy_project(base, root / "colleague" / "colleague.annotator")
    with Project.open(colleague) as p:
        import_documents(p, read_jsonl(corpus), annotator="badr")
        p.set_status(OLD_DOCS + 1, "badr", "in_progress")
        conll = root / "corpus.conll"
        export(p, "conll", conll, "badr", options=ExportOptions(docstart=True))
    assert tree_size(Path(f"{colleague}-wal")) == 0  # its file alone is the whole project
    w = Workspace(
        root, base, colleague, corpus, conll, root / "badr.bundle", base_lines,
        file_sha(colleague),
    )  # fmt: skip
    with Project.open(colleague, read_only=True) as p:
        write_bundle(p, "badr", w.bundle)
    return w


# -- one kill --------------------------------------------------------------------------------

PROJECT_FILES = ("p.annotator", "p.annotator-wal", "p.annotator-shm", "p.annotator.lock")


def recognisable(name: str, output: str) -> bool:
    """Whether a leftover's name says what it is: the output's name with a temporary marker,
    or one of annotator's temporary folders."""
    name = name.removeprefix("$TMPDIR/")
    temp = bool(output) and output in name and any(t in name for t in TEMP_NAMES)
    return temp or name.startswith("annotator-")


def normalise(name: str) -> str:
    """A leftover's name with its random part as ``*`` (for the summary)."""
    name = re.sub(r"(annotator-(?:tmp|old)-)\d+-[0-9a-f]+$", r"\1PID-*", name)
    name = re.sub(r"(\.part-|\.old-)[0-9a-f]+$", r"\1*", name)
    return re.sub(r"^(\$TMPDIR/annotator-[a-z]+-)\w+$", r"\1*", name)


def leftovers_in(here: Path, expected: tuple[str, ...], tmpdir: Path) -> list[str]:
    """What is beside the output or the project besides it, and what is in $TMPDIR."""
    mine = {"tmp", "stderr", "rerun"}
    return sorted(entries(here) - set(expected) - mine) + [
        f"$TMPDIR/{n}" for n in sorted(entries(tmpdir))
    ]


@dataclass
class Kill:
    trigger: str
    killed: bool
    state: str
    """``before``, ``after``, ``half`` or ``lost``"""
    problems: list[str]
    litter_after_kill: list[str]
    litter_after_rerun: list[str]
    rerun_ok: bool
    temp_at_kill: bool
    moment: str = ""
    """when the kill landed, for the summary printed with ``-s``"""


def kill_once(
    ws: Workspace, op: Op, i: int, n: int, trigger: str, rng: random.Random, previous: bool
) -> Kill:
    base = ws.baseline(op)
    work = ws.root / "kills" / op.name.replace(" ", "-") / str(i)
    tmpdir = work / "tmp"
    env = cli_env(tmpdir)
    fraction = (i + rng.random()) / n  # stratified: the n kills spread from start to end
    problems: list[str] = []
    if op.kind == "store":
        project = copy_project(ws.base, work / "p.annotator")
        target = project
        watchers = store_watchers(project, tmpdir)
        here = work
        expected: tuple[str, ...] = PROJECT_FILES
    else:
        target = work / "out" / op.output
        target.parent.mkdir(parents=True)
        if previous:
            assert base.previous is not None
            shutil.copytree(base.previous.parent, target.parent, dirs_exist_ok=True)
        watchers = output_watchers(target)
        here = target.parent
        expected = (op.output, sidecar(op.output))
    if trigger == "time":
        kill_after, kill_at_size = base.elapsed * fraction, None
    else:
        kill_after = base.elapsed * 3  # a run that never reaches the size is still killed
        kill_at_size = max(1, int(base.peaks[trigger] * fraction))
    r = run(
        op.args(target), env, watchers.get(trigger, lambda: 0), work / "stderr",
        kill_after, kill_at_size,
    )  # fmt: skip
    if "Traceback" in r.stderr:
        problems.append(f"traceback before the kill: {r.stderr[-500:]}")
    if not r.killed and r.code != 0:
        problems.append(f"exit {r.code} without a kill: {r.stderr[-500:]}")
    temp_at_kill = r.killed and trigger == "temp" and r.watched_at_kill > 0

    check = check_store if op.kind == "store" else check_output
    state, more = check(ws, op, target)
    problems += more
    leftovers = leftovers_in(here, expected, tmpdir)
    bad_names = [n for n in leftovers if not recognisable(n, op.output)]
    if bad_names:
        problems.append(f"leftovers not named recognisably: {bad_names}")

    rerun = run(op.args(target), env, lambda: 0, work / "rerun")
    rerun_ok = rerun.code == 0 and "Traceback" not in rerun.stderr
    if not rerun_ok:
        problems.append(f"re-run exit {rerun.code}: {rerun.stderr[-500:]}")
    again, more = check(ws, op, target)
    problems += [f"after the re-run: {x}" for x in more]
    if again != "after":
        problems.append(f"after the re-run the state is {again!r}, not the complete result")
    after_rerun = leftovers_in(here, expected, tmpdir)
    if problems:
        problems.insert(0, f"{op.name} kill {i} ({trigger}, killed={r.killed}, "
                           f"after {r.elapsed:.2f}s of {base.elapsed:.2f}s):")  # fmt: skip
    else:
        shutil.rmtree(work, ignore_errors=True)
    moment = (
        f"{trigger} {fraction:.2f}: {'killed' if r.killed else 'finished'} at "
        f"{r.elapsed:.2f}/{base.elapsed:.2f}s, watched {r.watched_at_kill}/"
        f"{base.peaks.get(trigger, 0)} B -> {state}, left {leftovers}"
    )
    return Kill(
        trigger, r.killed, state, problems, leftovers, after_rerun, rerun_ok, temp_at_kill, moment
    )


def check_store(ws: Workspace, op: Op, project: Path) -> tuple[str, list[str]]:
    """Open the project as the user would and place it: before, after, half or lost."""
    base = ws.baselines[op.name]
    try:
        p = Project.open(project)
    except AnnotatorError as exc:
        return "lost", [f"the project does not open: {exc}"]
    try:
        problems = [f"integrity: {x}" for x in p.integrity()]
        dump = dump_lines(p)  # once: the canonical dump of 1,000 documents takes 0.3 s
        lost = ws.base_lines - set(dump)
        if lost:
            problems.append(f"{len(lost)} record(s) held before are gone: {sorted(lost)[:3]}")
        key = dump_key(dump, op.drop)
        counts = {"documents": len(p.documents())}
        counts |= {k: p.record_count(k) for k in ("spans", "events", "relations")}
    finally:
        p.close()
    if problems:
        return "lost", problems
    if key == base.before:
        return "before", []
    if key == base.after:
        return "after", []
    return "half", [f"neither the state before nor after: {counts}"]


def check_output(ws: Workspace, op: Op, out: Path) -> tuple[str, list[str]]:
    """Place the output: before (none or the previous), after (complete), half (partial)."""
    base = ws.baselines[op.name]
    problems = []
    try:
        store = Store.open(ws.colleague, read_only=True)
    except AnnotatorError as exc:
        return "lost", [f"the project does not open: {exc}"]
    try:
        problems += [f"integrity: {x}" for x in store.integrity()]
    finally:
        store.close()
    if file_sha(ws.colleague) != ws.colleague_sha:
        problems.append("the export changed the project file")
    if problems:
        return "lost" if "integrity" in problems[0] else "half", problems
    digest = digest_of(op, out)
    if digest is None or digest == base.before:
        return "before", []
    if digest == base.after:
        return "after", []
    kind = "folder" if out.is_dir() else "file"
    return "half", [f"a partial {kind} at the output path: {digest[:80]}"]


# -- the tests -------------------------------------------------------------------------------

OPS = (
    "import jsonl",
    "import conll",
    "merge bundle",
    "merge project",
    "export jsonl",
    "export conll",
    "export hf",
    "bundle",
)
LITTER: dict[str, list[str]] = {}
"""operation → leftovers after the re-run that followed a kill landing while its temporary
files existed (filled by the kill loop, read by ``test_next_run_leaves_no_litter``)"""
FOUND: dict[str, set[str]] = {}
"""operation → leftovers seen right after its kills (names normalised; printed with ``-s``)"""
MOMENTS: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def _print_leftovers() -> Iterator[None]:
    yield
    for name, found in sorted(FOUND.items()):
        print(f"\nkill -9 leftovers, {name}: {sorted(found)}")
    for line in MOMENTS:
        print(line)


@pytest.mark.slow
@pytest.mark.parametrize("name", OPS)
def test_kill9_leaves_old_or_new_never_half(ws: Workspace, tally: Tally, name: str) -> None:
    op = make_ops(ws)[name]
    rng = random.Random(f"kill9 {name}")
    outcome = tally(f"kill -9 during {name}")
    problems: list[str] = []
    for i in range(KILLS):
        trigger = op.triggers[i % len(op.triggers)]
        k = kill_once(ws, op, i, KILLS, trigger, rng, previous=i % 2 == 1)
        outcome.tried += 1
        outcome.accepted += k.state == "after"
        outcome.clean_error += k.state == "before"
        outcome.project_changed += k.state == "half"
        outcome.data_lost += k.state == "lost"
        outcome.traceback += not k.rerun_ok or any("Traceback" in p for p in k.problems)
        problems += k.problems
        MOMENTS.append(f"{name} #{i}: {k.moment}")
        FOUND.setdefault(name, set()).update(normalise(n) for n in k.litter_after_kill)
        if k.temp_at_kill or (op.name == "merge project" and k.litter_after_kill):
            LITTER.setdefault(name, k.litter_after_rerun)
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    ["export jsonl", "export conll", "export hf", "bundle", "merge project"],
)
def test_next_run_leaves_no_litter(ws: Workspace, name: str) -> None:
    """A kill while the temporary output exists, then the same command again: nothing but the
    output (or the project and its -wal/-shm) is left, beside it or in $TMPDIR."""
    if name not in LITTER:  # the kill loop did not run (or never hit the moment): kill here
        op = make_ops(ws)[name]
        k = kill_once(ws, op, 0, 4, "temp", random.Random(name), previous=False)
        assert k.problems == []
        assert k.temp_at_kill or k.litter_after_kill, "the kill missed the temporary files"
        LITTER[name] = k.litter_after_rerun
    assert LITTER[name] == []
