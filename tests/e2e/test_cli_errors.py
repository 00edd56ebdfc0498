"""Every subcommand with every class of bad argument (issue 10).

Each case runs the real console entry point (``ui.entry.main``, in-process) and asserts: exit
status 1 (a failure: exactly one line ``annotator: error: ...``) or 2 (a usage error: argparse's
usage lines and one error line); no traceback; the error says what the case is about; nothing
on stdout; the project file unchanged, byte for byte. A few cases run again as a real process.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.project import Project
from ui.entry import main as entry_main

TEXT_A = "اعتقل محمد علي ببغداد."
TEXT_B = "وصل الوزير إلى بغداد."
P = "{P}"
"""the good project: layers amal, badr, gold; document a is in amal and badr"""
T = "{T}"
"""the test's folder"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "p.annotator"
    with Project.create(path) as p:
        a = p.add_document(TEXT_A, name="a")
        b = p.add_document(TEXT_B, name="b")
        p.add_span(a.id, 6, 14, "PER", annotator="amal")
        p.add_span(a.id, 6, 14, "PER", annotator="badr")
        p.add_span(b.id, 0, 3, "Movement.Transport", annotator="gold")
    return path


@pytest.fixture
def workspace(template: Path, tmp_path: Path) -> Path:
    """The test's folder: the project, things that are not a project, inputs and outputs."""
    shutil.copy(template, tmp_path / "p.annotator")
    (tmp_path / "folder.annotator").mkdir()
    (tmp_path / "notes.annotator").write_text("hello\n", encoding="utf-8")
    (tmp_path / "outdir").mkdir()
    (tmp_path / "outdir" / "mine.txt").write_text("keep\n", encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "afile").write_text("a file, not a folder\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.jsonl").write_text(json.dumps({"text": "نص"}) + "\n", encoding="utf-8")
    return tmp_path


# (id, argv, exit status, a fragment of the error line); {P} the project, {T} the test's folder
CASES: list[tuple[str, list[str], int, str]] = []


def case(ident: str, code: int, fragment: str, *argv: str) -> None:
    CASES.append((ident, list(argv), code, fragment))


NOT_WRITABLE = "/proc/"  # creating a file there fails, even for root

# -- the project argument: missing, a folder, a file that is not a project -------------------
COULD_NOT_RUN = {"check": 2}  # check's 1 is "problems found": a failure to run is 2 (one line)
WITH_PROJECT = {
    "import": [f"{T}/ok.jsonl", "--annotator", "amal"],
    "docs": [],
    "stats": [],
    "check": [],
    "export": ["-o", f"{T}/out.jsonl"],
    "schema": [],
    "bundle": ["--annotator", "amal", "-o", f"{T}/amal.bundle"],
    "merge": [f"{T}/ok.jsonl"],
    "agreement": [],
    "gui": ["--document", "a", "--screenshot", f"{T}/shot.png"],
}
for cmd, rest in WITH_PROJECT.items():
    failed = COULD_NOT_RUN.get(cmd, 1)
    case(f"{cmd}-missing-project", failed, "missing.annotator: no such project file",
         cmd, f"{T}/missing.annotator", *rest)  # fmt: skip
    case(f"{cmd}-folder-as-project", failed,
         "folder.annotator: not an annotator project (not a file)",
         cmd, f"{T}/folder.annotator", *rest)  # fmt: skip
    case(f"{cmd}-not-a-project", failed, "notes.annotator: not an annotator project (not an SQLite",
         cmd, f"{T}/notes.annotator", *rest)  # fmt: skip

# fmt: off
# -- init ------------------------------------------------------------------------------------
NEW = f"{T}/new.annotator"
case("init-existing-project", 1, "p.annotator: already exists", "init", P)
case("init-existing-file", 1, "notes.annotator: already exists", "init", f"{T}/notes.annotator")
case("init-folder", 1, "folder.annotator: already exists", "init", f"{T}/folder.annotator")
case("init-under-a-file", 1, "afile on its path is a file", "init", f"{T}/afile/new.annotator")
case("init-not-writable", 1, NOT_WRITABLE, "init", "/proc/new.annotator")
case("init-missing-schema", 1, "missing.json: no such schema file",
     "init", NEW, "--schema", f"{T}/missing.json")
case("init-schema-folder", 1, "emptydir: a folder, not a schema file",
     "init", NEW, "--schema", f"{T}/emptydir")
case("init-malformed-schema", 1, "bad.json:1: cannot read schema",
     "init", NEW, "--schema", f"{T}/bad.json")
case("init-no-project", 2, "the following arguments are required: project", "init")

# -- import ----------------------------------------------------------------------------------
case("import-missing-file", 1, "missing.jsonl: cannot read: No such file or directory",
     "import", P, f"{T}/missing.jsonl")
case("import-folder-as-conll", 1, "emptydir",  # refused, or (conll reads folders) empty
     "import", P, f"{T}/emptydir", "--format", "conll")
case("import-unknown-format", 2, "did you mean 'conll'?",
     "import", P, f"{T}/ok.jsonl", "--format", "conl")
case("import-unknown-policy", 2, "did you mean 'add'?",
     "import", P, f"{T}/ok.jsonl", "--new-labels", "ad")
case("import-empty-folder", 1, "nothing to import: no document in", "import", P, f"{T}/emptydir")
case("import-empty-file", 1, "nothing to import: no document in", "import", P, f"{T}/empty.jsonl")
case("import-no-files", 2, "the following arguments are required: files", "import", P)
case("import-malformed-input", 1, "bad.json:1: invalid JSON",
     "import", P, f"{T}/bad.json", "--format", "jsonl")

# -- docs, stats, check ----------------------------------------------------------------------
case("docs-unknown-layer", 1, "no layer 'amall' (layers: amal, badr, gold); did you mean 'amal'?",
     "docs", P, "--annotator", "amall")
case("stats-unknown-option", 2, "unrecognized arguments: --labels", "stats", P, "--labels", "PER")
case("check-extra-argument", 2, "unrecognized arguments: other", "check", P, "other")

# -- export ----------------------------------------------------------------------------------
X = ("export", P)
AMAL = ("--annotator", "amal")
case("export-unknown-layer", 1, "no layer 'gld' (layers: amal, badr, gold); did you mean 'gold'?",
     *X, "--annotator", "gld", "-o", f"{T}/x.jsonl")
case("export-nothing-done", 1, "nothing to export: no document has status done in layer amal",
     *X, *AMAL, "--status", "done", "-o", f"{T}/x.jsonl")
case("export-nothing-done-any-layer", 1, "no document has status done in any layer",
     *X, "--status", "done", "-o", f"{T}/x.jsonl")
case("export-mixed-layers", 1,
     "1 selected document is in more than one layer, and conll would write it once per layer: "
     "choose one layer with --annotator (layers: amal, badr, gold)",
     *X, "--format", "conll", "-o", f"{T}/x.conll")
case("export-unknown-status", 2, "did you mean 'done'?",
     *X, "--status", "don", "-o", f"{T}/x.jsonl")
case("export-unknown-format", 2, "did you mean 'conll'?", *X, "--format", "conl", "-o", f"{T}/x")
case("export-unknown-scheme", 2, "did you mean 'IOB2'?", *X, "--scheme", "iob2", "-o", f"{T}/x")
case("export-unknown-overlap", 2, "did you mean 'longest'?",
     *X, "--overlap", "longst", "-o", f"{T}/x")
case("export-unknown-tokenizer", 2, "did you mean 'spacy'?",
     *X, "--tokenizer", "spacey", "-o", f"{T}/x")
case("export-unknown-split", 2,
     "no split 'trian' (splits: train, validation, dev, test); did you mean 'train'?",
     *X, *AMAL, "--format", "conll", "--split", "trian=0.8,test=0.2", "-o", f"{T}/x")
S = (*X, *AMAL, "--format", "conll", "-o", f"{T}/x", "--split")
case("export-split-not-a-number", 2, "bad split 'train=abc': 'abc' is not a number",
     *S, "train=abc")
case("export-split-no-ratio", 2, "bad split 'test': expected name=ratio", *S, "train=0.8,test")
case("export-split-no-name", 2, "bad split '=0.5': expected name=ratio", *S, "=0.5")
case("export-split-negative", 2, "split train: the ratio must be a number of 0 or more, not -1",
     *S, "train=-1,test=2")
case("export-split-nan", 2, "the ratio must be a number of 0 or more, not nan", *S, "train=nan")
case("export-split-overflow", 2, "split train: the ratio must be a number of 0 or more, not 1e400",
     *S, "train=1e400")  # fmt: skip
case("export-split-all-zero", 2, "split ratios are all 0", *S, "train=0,test=0")
case("export-split-twice", 2, "split 'train' is given twice", *S, "train=0.5,train=0.5")
case("export-split-dev-and-validation", 2, "validation and dev are the same split",
     *S, "train=0.8,dev=0.1,validation=0.1")
case("export-split-for-a-format-without", 1, "jsonl has no splits",
     *X, *AMAL, "--split", "train=1", "-o", f"{T}/x.jsonl")
case("export-into-a-folder", 1, "it is a folder, and conll writes one file",
     *X, *AMAL, "--format", "conll", "-o", f"{T}/outdir")
case("export-folder-onto-a-file", 1, "it is a file, and hf writes a folder",
     *X, *AMAL, "--format", "hf", "-o", f"{T}/afile")
case("export-under-a-file", 1, "a folder on its path is a file",
     *X, *AMAL, "-o", f"{T}/afile/x.jsonl")
case("export-not-writable", 1, NOT_WRITABLE, *X, *AMAL, "-o", "/proc/x.jsonl")
case("export-binary-to-stdout", 1, "does not go to standard output",
     *X, *AMAL, "--format", "spacy", "-o", "-")
case("export-no-output", 2, "the following arguments are required: --output/-o", *X)

# -- schema ----------------------------------------------------------------------------------
case("schema-import-missing", 1, "missing.json: no such schema file",
     "schema", P, "--import", f"{T}/missing.json")
case("schema-import-malformed", 1, "bad.json:1: cannot read schema",
     "schema", P, "--import", f"{T}/bad.json")
case("schema-import-folder", 1, "emptydir: a folder, not a schema file",
     "schema", P, "--import", f"{T}/emptydir")
case("schema-export-into-a-folder", 1, "it is a folder", "schema", P, "--export", f"{T}/outdir")
case("schema-export-not-writable", 1, NOT_WRITABLE, "schema", P, "--export", "/proc/s.json")
case("schema-export-over-a-file", 1, "not an annotator export",
     "schema", P, "--export", f"{T}/afile")

# -- bundle ----------------------------------------------------------------------------------
B = ("bundle", P)
case("bundle-unknown-layer", 1, "no layer 'bdr' (layers: amal, badr, gold); did you mean 'badr'?",
     *B, "--annotator", "bdr", "-o", f"{T}/x.bundle")
case("bundle-into-a-folder", 1, "it is a folder", *B, *AMAL, "-o", f"{T}/outdir")
case("bundle-not-writable", 1, NOT_WRITABLE, *B, *AMAL, "-o", "/proc/x.bundle")
case("bundle-to-stdout", 1, "does not go to standard output", *B, *AMAL, "-o", "-")
case("bundle-no-annotator", 2, "the following arguments are required: --annotator",
     *B, "-o", f"{T}/x.bundle")

# -- merge -----------------------------------------------------------------------------------
case("merge-missing-source", 1, "missing.bundle: cannot read: No such file or directory",
     "merge", P, f"{T}/missing.bundle")
case("merge-folder-source", 1, "emptydir: not a regular file (a folder), not read",
     "merge", P, f"{T}/emptydir")
case("merge-not-a-bundle", 1, "afile: not an annotator project or bundle", "merge", P,
     f"{T}/afile")
case("merge-no-source", 2, "the following arguments are required: sources", "merge", P)

# -- agreement -------------------------------------------------------------------------------
G = ("agreement", P)
case("agreement-unknown-label", 1, "no label 'PRE' (labels: PER, ORG,", *G, "--labels", "PRE")
case("agreement-unknown-label-suggestion", 1, "did you mean 'PER'?", *G, "--labels", "GPE,PRE")
case("agreement-empty-label", 1, "--labels: an empty name", *G, "--labels", "PER,")
case("agreement-unknown-layer", 1,
     "no layer 'bdr' (layers: amal, badr, gold); did you mean 'badr'?",
     *G, "--annotators", "amal,bdr")
case("agreement-one-layer", 1, "agreement needs at least two layers", *G, "--annotators", "amal")
case("agreement-layer-twice", 1, "amal given twice", *G, "--annotators", "amal,amal")
case("agreement-report-into-a-folder", 1, "it is a folder", *G, "--report", f"{T}/outdir")
case("agreement-report-not-writable", 1, NOT_WRITABLE, *G, "--report", "/proc/a.html")
case("agreement-report-to-stdout", 1, "--report cannot be '-'", *G, "--report", "-")

# -- gui (only what --screenshot reads and writes) -------------------------------------------
U = ("gui", P, "--screenshot")
DOC = ("--document", "a")
case("gui-unknown-document", 1, "no document 'c' (documents: a, b)",
     *U, f"{T}/s.png", "--document", "c")
case("gui-no-document", 1, "--screenshot needs --document NAME (documents: a, b)",
     *U, f"{T}/s.png")
case("gui-unknown-layer", 1, "no layer 'gld' (layers: amal, badr, gold); did you mean 'gold'?",
     *U, f"{T}/s.png", *DOC, "--annotator", "gld")
case("gui-malformed-size", 2, "--size: expected WIDTHxHEIGHT",
     *U, f"{T}/s.png", *DOC, "--size", "big")
case("gui-screenshot-into-a-folder", 1, "it is a folder", *U, f"{T}/outdir", *DOC)
case("gui-screenshot-under-a-file", 1, "a folder on its path is a file",
     *U, f"{T}/afile/s.png", *DOC)
case("gui-screenshot-not-writable", 1, NOT_WRITABLE, *U, "/proc/s.png", *DOC)
case("gui-screenshot-over-a-file", 1, "not an annotator export", *U, f"{T}/afile", *DOC)
case("gui-screenshot-to-stdout", 1, "does not go to standard output", *U, "-", *DOC)

# -- the command itself ----------------------------------------------------------------------
case("unknown-command", 2, "did you mean 'export'?", "exprot", P)
case("no-command", 2, "the following arguments are required: command")
# fmt: on

USAGE_ERROR = re.compile(r"^annotator( [a-z]+)?: error: ")


def expand(argv: list[str], folder: Path) -> list[str]:
    project = str(folder / "p.annotator")
    return [a.replace(P, project).replace(T, str(folder)) for a in argv]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The console entry point's exit status, stdout and stderr; an exception escaping it is
    a traceback the user would have seen, and fails the test."""
    try:
        code = entry_main(argv)
    except SystemExit as exc:  # argparse's usage errors (and --help)
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception:
        pytest.fail(f"traceback for {argv}:\n{traceback.format_exc()}")
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_error(
    code: int, expected: int, out: str, err: str, fragment: str, one_line: bool = False
) -> None:
    """``one_line``: ``expected`` is a failure's status other than 1 (check's 2)."""
    assert "Traceback" not in err and "Traceback" not in out, err
    assert code == expected, (code, err)
    lines = err.rstrip("\n").split("\n")
    if expected == 1 or one_line:
        assert len(lines) == 1, err
        assert lines[0].startswith("annotator: error: "), err
    else:
        *usage, last = lines
        assert usage and usage[0].startswith("usage: annotator"), err
        assert all(line.startswith(" ") for line in usage[1:]), err
        assert USAGE_ERROR.match(last), err
    assert fragment in lines[-1], (fragment, err)
    assert out == ""


@pytest.fixture
def project_guard(workspace: Path) -> Iterator[Path]:
    """The workspace; afterwards the project file must be exactly as it was."""
    project = workspace / "p.annotator"
    before = digest(project)
    yield workspace
    assert digest(project) == before, "the project file changed"


@pytest.mark.parametrize(("argv", "code", "fragment"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_bad_argument_is_one_line_and_changes_nothing(
    argv: list[str],
    code: int,
    fragment: str,
    project_guard: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rc, out, err = run_in_process(expand(argv, project_guard), capsys)
    command = argv[0] if argv else ""
    one_line = code == COULD_NOT_RUN.get(command) and not err.startswith("usage:")
    assert_clean_error(rc, code, out, err, expand([fragment], project_guard)[0], one_line)
    assert not list(project_guard.glob(".*annotator-tmp*")), "a temporary was left behind"
    assert (project_guard / "outdir" / "mine.txt").read_text(encoding="utf-8") == "keep\n"
    assert (project_guard / "afile").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_every_subcommand_has_a_case() -> None:
    commands = {"init", "import", "docs", "stats", "check", "export", "schema", "bundle",
                "merge", "agreement", "gui"}  # fmt: skip
    covered = {ident.split("-")[0] for ident, *_ in CASES}
    assert commands <= covered


@pytest.mark.parametrize(
    "ident", ["export-unknown-layer", "export-split-not-a-number", "export-unknown-status"]
)
def test_as_a_real_process(ident: str, project_guard: Path) -> None:
    """The same contract for the installed command run as its own process."""
    _, argv, code, fragment = next(c for c in CASES if c[0] == ident)
    res = subprocess.run(
        [sys.executable, "-m", "ui.entry", *expand(argv, project_guard)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_clean_error(res.returncode, code, res.stdout, res.stderr, fragment)


def test_help_states_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["export", "--help"]):
        code, out, _ = run_in_process(argv, capsys)
        assert code == 0
        assert "exit status: 0 success; 1 failure" in " ".join(out.split())


# -- what the refusals leave possible ---------------------------------------------------------


def test_one_layer_needs_no_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.annotator"
    with Project.create(path) as p:
        p.add_span(p.add_document(TEXT_A).id, 6, 14, "PER", annotator="gold")
        p.add_document(TEXT_B)  # nobody's: goes out as text
    out = tmp_path / "gold.conll"
    rc, stdout, err = run_in_process(
        ["export", str(path), "--format", "conll", "-o", str(out)], capsys
    )
    assert rc == 0, err
    assert "documents exported: 2" in stdout and "B-PER" in out.read_text(encoding="utf-8")


def test_layers_on_separate_documents_go_out_together_and_ratios_are_weights(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Documents each in one layer (a corpus split between analysts) go out together without
    --annotator; split ratios need not sum to 1 (train=8,test=2 is 80/20)."""
    path = tmp_path / "split.annotator"
    with Project.create(path) as p:
        for k in range(40):
            doc = p.add_document(f"{TEXT_A} {k}", name=f"d{k}")
            p.add_span(doc.id, 6, 14, "PER", annotator="amal" if k % 2 else "badr")
    out = tmp_path / "split"
    rc, _, err = run_in_process(
        ["export", str(path), "--format", "conll", "--split", "train=8,test=2", "-o", str(out)],
        capsys,
    )
    assert rc == 0, err
    counts = {
        f.stem: f.read_text(encoding="utf-8").count("B-PER") for f in sorted(out.glob("*.conll"))
    }
    assert sorted(counts) == ["test", "train"] and sum(counts.values()) == 40
    assert counts["train"] > counts["test"] > 0  # about 80/20
    with Project.open(path) as p:
        p.add_span(1, 0, 5, "PER", annotator="gold")  # now one document is in two layers
    rc, _, err = run_in_process(
        ["export", str(path), "--format", "conll", "-o", str(tmp_path / "x")], capsys
    )
    assert rc == 1 and "choose one layer with --annotator (layers: amal, badr, gold)" in err
    rc, _, err = run_in_process(["export", str(path), "-o", str(tmp_path / "all.jsonl")], capsys)
    assert rc == 0, err  # jsonl lines name their layer: nothing is stacked


def test_a_screenshot_replaces_only_an_earlier_screenshot(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``gui --screenshot`` used to save straight onto any path; it now goes through
    ``annotator.output`` like every export."""
    project = tmp_path / "p.annotator"
    shutil.copy(template, project)
    shot = tmp_path / "shot.png"
    argv = ["gui", str(project), "--document", "a", "--screenshot", str(shot), "--size", "300x200"]
    for _ in range(2):  # new, then our own earlier screenshot: replaced without a flag
        rc, _, err = run_in_process(argv, capsys)
        assert rc == 0, err
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shot.write_bytes(b"the user's own picture")  # edited since: no longer ours to replace
    rc, out, err = run_in_process(argv, capsys)
    assert_clean_error(rc, 1, out, err, f"refusing to replace {shot}: it was changed after")
    assert shot.read_bytes() == b"the user's own picture"
