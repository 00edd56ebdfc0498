"""Fuzz every importer through the real command line (issue 9, "Nothing poisoned").

For each import format a small valid seed file is written from the bundled article (exported
by the project itself, so it is valid by construction), then mutated at random with a seeded
``random.Random`` (reproducible: the failure message names the format and the case number):
byte flips, truncation, deleted bytes, inserted hostile strings (lone surrogate escapes, NUL,
RLO, huge and negative numbers, emoji, bad UTF-8), duplicated and swapped lines, swapped
fields, and for JSON formats a decoded value replaced by one of the wrong type or shifted by
one. Each mutant goes through ``annotator.cli.main(["import", ...])`` and must either

- succeed: the project then reopens and ``check_project`` reports nothing, and the document
  that was in the project before is still there with its annotations (``data_lost``); or
- fail with exactly one line on stderr (an ``AnnotatorError``), the project unchanged:
  same ``canonical_hash`` and document count (``project_changed``).

Anything else is a ``traceback``. One project per importer, reset from a template copy after
each accepted input. Sizes: ``size(100, 1000)`` mutants per importer.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from annotator import Project, rules
from annotator.cli import main
from annotator.exchange import canonical_dump
from annotator.exporting import export, layers
from annotator.formats.doccano import write_doccano
from annotator.formats.label_studio import write_label_studio
from annotator.validation import check_project
from tests.reliability.conftest import Tally, size

ARTICLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
FORMATS = (
    "text",
    "csv",
    "jsonl",
    "spacy-jsonl",
    "conll",
    "brat",
    "events",
    "doccano",
    "label-studio",
)
JSON_FORMATS = {"jsonl", "spacy-jsonl", "events", "doccano", "label-studio"}

HOSTILE: tuple[bytes, ...] = (
    b"\\ud800",
    b"\\udfff",
    b"\\ud83d",
    b"\\u0000",
    b"\x00",
    "\u202e".encode(),
    "\ufeff".encode(),
    "😀".encode(),
    b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
    b"\xff",
    b"\xc3",
    b"99999999999999999999999",
    b"1" * 5000,
    b"-1",
    b"-99999",
    b"1.5",
    b"1e999",
    b"NaN",
    b"true",
    b"null",
    b"[]",
    b"{}",
    b'"',
    b"\\",
    b",",
    b";",
    b":",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b" ",
    b"[" * 200,
    b"T1",
    b"E1",
    b"B-PER",
    b"I-GPE",
)
HOSTILE_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.5,
    10**30,
    -(10**30),
    "",
    "\ud800",
    "a\x00b",
    "\u202e",
    "😀",
    "PER",
    "GPE",
    "Conflict.Attack",
    "NEW LABEL",
    [],
    {},
    [1, 2],
    [[0, 1]],
    {"a": 1},
    "x" * 300,
)
# what validation lists for an analyst and the API itself allows (cardinality is never
# enforced on save: see Project.add_argument); everything else is a poisoned project
ANALYST_ISSUES = rules.ADVISORY


# -- seeds -----------------------------------------------------------------------------------


def _build_source(path: Path, events: bool) -> None:
    """A project with two documents of the article (one with an emoji before its entities,
    so UTF-16 offsets differ from code points), spans, a relation and (``events``) events."""
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    first, second = lines[0], "😀 " + lines[1]
    with Project.create(path) as p:

        def span(doc_id: int, text: str, word: str, label: str, skip: int = 0) -> str:
            i = text.index(word)
            return p.add_span(doc_id, i + skip, i + len(word), label, annotator="amal").uuid

        a = p.add_document(first, name="first").id
        paris = span(a, first, "بباريس", "GPE", 1)
        ministry = span(a, first, "وزارة الدفاع", "ORG")
        usa = span(a, first, "الولايات المتحدة", "GPE")
        p.add_relation("PART-WHOLE", ministry, paris)
        b = p.add_document(second, name="second").id
        minister = span(b, second, "جان إيف لودريان", "PER")
        other = span(b, second, "آشتون كارتر", "PER")
        p.add_relation("PER-SOC", minister, other)
        if events:
            attack = p.add_event(span(a, first, "الحملة", "Conflict.Attack"))
            p.add_argument(attack.uuid, "Attacker", usa)
            meet = p.add_event(span(b, second, "الاجتماع", "Contact.Meet"))
            p.add_argument(meet.uuid, "Entity", minister)
            p.add_argument(meet.uuid, "Entity", other)


def _write_seeds(folder: Path) -> dict[str, Path]:
    """One valid seed per import format (the command line reads them without a schema, so
    formats that carry events as relations get a seed without events)."""
    full, flat = folder / "full.annotator", folder / "flat.annotator"
    _build_source(full, events=True)
    _build_source(flat, events=False)
    seeds: dict[str, Path] = {}
    text = ARTICLE.read_text(encoding="utf-8")
    seeds["text"] = folder / "seed.txt"
    seeds["text"].write_text(text.split("\n")[0], encoding="utf-8")
    seeds["csv"] = folder / "seed.csv"
    with seeds["csv"].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "source"])
        for n, para in enumerate(text.split("\n")[:3]):
            writer.writerow([n, para, "afp"])
    with Project.open(full) as p:
        for fmt, name in (
            ("jsonl", "seed.jsonl"),
            ("conll", "seed.conll"),
            ("brat", "brat"),
            ("events", "seed.events.jsonl"),
        ):
            seeds[fmt] = folder / name
            export(p, fmt, seeds[fmt])
    with Project.open(flat) as p:
        seeds["spacy-jsonl"] = folder / "seed.spacy.jsonl"
        export(p, "spacy-jsonl", seeds["spacy-jsonl"])
        docs = [da for da, _, _ in layers(p)]
        seeds["doccano"] = folder / "seed.doccano.jsonl"
        write_doccano(docs, folder / "seq.jsonl", p.schema)
        write_doccano(docs, folder / "rel.jsonl", p.schema, relations=True)
        seeds["doccano"].write_bytes(
            (folder / "seq.jsonl").read_bytes() + (folder / "rel.jsonl").read_bytes()
        )
        seeds["label-studio"] = folder / "seed.json"
        write_label_studio(docs, seeds["label-studio"], p.schema)
    return seeds


# -- mutations -------------------------------------------------------------------------------

Mutation = Callable[[bytes, random.Random], bytes]


def _flip(data: bytes, rnd: random.Random) -> bytes:
    if not data:
        return bytes([rnd.randrange(256)])
    i = rnd.randrange(len(data))
    return data[:i] + bytes([rnd.randrange(256)]) + data[i + 1 :]


def _truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


def _delete(data: bytes, rnd: random.Random) -> bytes:
    i = rnd.randrange(len(data) + 1)
    return data[:i] + data[i + rnd.randint(1, 16) :]


def _insert(data: bytes, rnd: random.Random) -> bytes:
    i = rnd.randrange(len(data) + 1)
    return data[:i] + rnd.choice(HOSTILE) + data[i:]


def _duplicate_line(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = rnd.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def _swap_lines(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _swap_fields(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    k = rnd.randrange(len(lines))
    sep = rnd.choice((b"\t", b" ", b",", b":", b";"))
    parts = lines[k].split(sep)
    if len(parts) > 1:
        i, j = rnd.randrange(len(parts)), rnd.randrange(len(parts))
        parts[i], parts[j] = parts[j], parts[i]
        lines[k] = sep.join(parts)
    return b"\n".join(lines)


def _number(data: bytes, rnd: random.Random) -> bytes:
    """Replace one run of digits by a hostile number (or shift it by one)."""
    runs = [
        i for i in range(len(data)) if data[i : i + 1].isdigit() and not data[i - 1 : i].isdigit()
    ]
    if not runs:
        return _insert(data, rnd)
    i = rnd.choice(runs)
    j = i
    while data[j : j + 1].isdigit():
        j += 1
    value = int(data[i:j])
    new = rnd.choice(
        (str(value + 1), str(value - 1), "-1", "0", "1.0", "true", "99999999999", "1e999")
    )
    return data[:i] + new.encode() + data[j:]


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _nodes(v, (*path, k))
    elif isinstance(value, list):
        for k, v in enumerate(value):
            yield from _nodes(v, (*path, k))


def _json_value(data: bytes, rnd: random.Random) -> bytes:
    """Decode one JSON line (or the whole file) and change one value inside it: another type,
    a hostile string, off by one, a key removed, an item duplicated."""
    lines = data.split(b"\n")
    candidates = [k for k, line in enumerate(lines) if line.strip()]
    whole = data.lstrip().startswith(b"[")
    k = -1 if whole or not candidates else rnd.choice(candidates)
    try:
        obj = json.loads(data if k < 0 else lines[k])
    except ValueError:
        return _insert(data, rnd)
    paths = list(_nodes(obj))
    path = rnd.choice(paths[1:] or paths)
    parent: Any = obj
    for step in path[:-1]:
        parent = parent[step]
    if not path:
        obj = rnd.choice(HOSTILE_VALUES)
    else:
        last, old = path[-1], parent[path[-1]]
        roll = rnd.random()
        if roll < 0.3 and isinstance(old, int) and not isinstance(old, bool):
            parent[last] = old + rnd.choice((-1, 1, 2, -2))
        elif roll < 0.4 and isinstance(parent, dict):
            del parent[last]
        elif roll < 0.5 and isinstance(parent, list):
            parent.insert(last, parent[last])
        else:
            parent[last] = rnd.choice(HOSTILE_VALUES)
    text = json.dumps(obj, ensure_ascii=rnd.random() < 0.5)
    out = text.encode("utf-8", "surrogatepass")
    if k < 0:
        return out
    lines[k] = out
    return b"\n".join(lines)


BYTE_MUTATIONS: tuple[Mutation, ...] = (
    _flip,
    _truncate,
    _delete,
    _insert,
    _insert,
    _duplicate_line,
    _swap_lines,
    _swap_fields,
    _number,
)


def mutate(data: bytes, rnd: random.Random, json_aware: bool) -> tuple[bytes, list[str]]:
    """1 to 3 mutations of ``data`` and their names."""
    done: list[str] = []
    for _ in range(rnd.randint(1, 3)):
        ops = BYTE_MUTATIONS + ((_json_value,) * 6 if json_aware else ())
        op = rnd.choice(ops)
        data = op(data, rnd)
        done.append(op.__name__.lstrip("_"))
    return data, done


# -- the harness -----------------------------------------------------------------------------


@dataclass
class Harness:
    """One project per importer, reset from a template copy after each accepted input."""

    template: Path
    project: Path
    before: tuple[str, int]
    before_lines: set[str]
    failures: list[str] = field(default_factory=list)

    def reset(self) -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{self.project}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.project)

    def state(self) -> tuple[str, int]:
        """(canonical hash, document count) of the project now."""
        with Project.open(self.project, read_only=True) as p:
            return hashlib.sha256(canonical_dump(p).encode()).hexdigest(), len(p.documents())


def _template(path: Path) -> None:
    """A project holding one document with a span: an import must never lose it."""
    with Project.create(path) as p:
        text = ARTICLE.read_text(encoding="utf-8").split("\n")[3]
        doc = p.add_document(text, name="kept")
        word = "الخليج"
        p.add_span(doc.id, text.index(word), text.index(word) + len(word), "LOC", annotator="amal")


def _poisoned(p: Project) -> list[str]:
    """Stored strings no text layer can carry (check_project does not look for these)."""
    out = []
    for d in p.documents():
        doc = p.document(d.id)
        stored = [doc.text, doc.name, json.dumps(doc.meta, ensure_ascii=False)]
        stored += [s.label for s in p.spans(d.id)]
        if any("\x00" in x for x in stored):
            out.append(f"document {doc.name!r} stores a NUL character")
    return out


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _write_seeds(tmp_path_factory.mktemp("seeds"))


def _run(argv: list[str]) -> tuple[int | None, str, str]:
    """(exit code or None, stderr, traceback text) of one command line run."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except Exception as exc:  # anything escaping main is what this suite exists to find
        return None, err.getvalue(), f"{type(exc).__name__}: {exc}"[:300]
    return code, err.getvalue(), ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_importer_survives_random_mutations(
    fmt: str, seeds: dict[str, Path], tmp_path: Path, tally: Tally
) -> None:
    seed = seeds[fmt]
    template, project = tmp_path / "template.annotator", tmp_path / "work.annotator"
    _template(template)
    shutil.copyfile(template, project)
    with Project.open(template, read_only=True) as p:
        dump = canonical_dump(p)
        count = len(p.documents())
    h = Harness(
        template,
        project,
        (hashlib.sha256(dump.encode()).hexdigest(), count),
        set(dump.split("\n")),
    )
    # the input: a copy of the seed, of which one file is mutated per case
    work = tmp_path / "input"
    if seed.is_dir():
        shutil.copytree(seed, work)
        targets = sorted(p for p in work.iterdir() if p.suffix in (".ann", ".txt"))
        weights = [4 if p.suffix == ".ann" else 1 for p in targets]
    else:
        work = work.with_suffix(seed.suffix)
        shutil.copyfile(seed, work)
        targets, weights = [work], [1]
    originals = {t: t.read_bytes() for t in targets}
    outcome = tally(f"import fuzz: {fmt}")
    rnd = random.Random(f"issue-9:{fmt}")
    n = size(100, 1000)
    for case in range(n + 1):
        target = rnd.choices(targets, weights)[0]
        if case == 0:
            data, done = originals[target], ["none (the seed itself)"]
        else:
            data, done = mutate(originals[target], rnd, fmt in JSON_FORMATS)
        target.write_bytes(data)
        extra = []
        if case % 4 == 3:
            extra.append("--lenient")
        if case % 5 == 4:
            extra += ["--new-labels", "add"]
        argv = ["import", str(project), str(work), "--format", fmt, "--annotator", "fuzz", *extra]
        code, err, crash = _run(argv)
        target.write_bytes(originals[target])
        where = f"{fmt} case {case} ({', '.join(done)}; {' '.join(extra)})"
        outcome.tried += 1
        if crash or code not in (0, 1):
            outcome.traceback += 1
            h.failures.append(f"{where}: traceback {crash or code} {data[:200]!r}")
            h.reset()
            continue
        if code == 1:
            lines = err.strip().splitlines()
            if len(lines) != 1 or not lines[0].startswith("annotator: error: "):
                outcome.traceback += 1
                h.failures.append(f"{where}: not one error line: {err[:300]!r}")
            else:
                outcome.clean_error += 1
            if h.state() != h.before:
                outcome.project_changed += 1
                h.failures.append(f"{where}: refused but the project changed ({err.strip()})")
                h.reset()
            if case == 0:
                h.failures.append(f"{where}: the seed itself is refused: {err.strip()}")
            continue
        outcome.accepted += 1
        with Project.open(project) as p:  # reopens: the project is usable
            issues = [str(i) for i in check_project(p) if i.kind not in ANALYST_ISSUES]
            issues += _poisoned(p)
            after_lines = set(canonical_dump(p).split("\n"))
        if issues:
            h.failures.append(f"{where}: accepted but {issues[0]} {data[:200]!r}")
        if not h.before_lines <= after_lines:
            outcome.data_lost += 1
            h.failures.append(f"{where}: accepted and the earlier document lost records")
        h.reset()
    assert not h.failures, f"{len(h.failures)} failures, e.g.:\n" + "\n".join(h.failures[:8])
