"""Command-line leftovers of QA: an export option the chosen format does nothing with is
refused (it passed silently), a screenshot says the size it was drawn at when that is not
``--size``, a standard descriptor closed at start is held by the null device (a file opened
later took its number), and a bundle says what it carries that ``check`` refuses as damaged."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.formats.registry import EXPORT_FORMATS
from annotator.project import Project

ME = "amal"
TEXT = "زار محمد باريس"
NAME = "خبر"


def make(path: Path) -> Path:
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name=NAME)
        p.add_span(doc.id, 4, 8, "PER", ME)
        p.add_span(doc.id, 9, 14, "GPE", ME)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make(tmp_path / "p.annotator")


# -- an option the format does not use ---------------------------------------------------------

UNUSED = [
    ("jsonl", ["--scheme", "BIOES"], "jsonl has no tag schemes (formats with tag schemes: "
     "conll, hf)"),
    ("jsonl", ["--docstart"], "jsonl has no -DOCSTART- lines (formats with -DOCSTART- "
     "lines: conll)"),
    ("jsonl", ["--tokenizer", "spacy"], "jsonl has no tokenizers (formats with tokenizers: "
     "conll, events, hf, spacy, spacy-jsonl)"),
    ("jsonl", ["--spans-key", "k"], "jsonl has no spans keys (formats with spans keys: spacy)"),
    ("jsonl", ["--overlap", "longest"], "jsonl has no overlap policies (formats with overlap "
     "policies: conll, hf, spacy)"),
    ("conll", ["--spans-key", "sc"], "conll has no spans keys (formats with spans keys: spacy)"),
    ("doccano", ["--tokenizer", "default"], "doccano has no tokenizers"),
    ("spacy-jsonl", ["--scheme", "IOB2"], "spacy-jsonl has no tag schemes"),
    ("events", ["--overlap", "outermost"], "events has no overlap policies"),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "option", "said"), UNUSED, ids=lambda v: str(v))
def test_an_option_the_format_does_not_use_is_refused(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    option: list[str],
    said: str,
) -> None:
    """Given explicitly, even at its default value: it does nothing for this format."""
    out = tmp_path / "out"
    assert main(["export", str(project), "--format", fmt, "-o", str(out), *option]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: error: {said}") and err.count("\n") == 1, err
    assert not out.exists()


def test_defaults_stay_silent_and_used_options_go_through(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(project), "-o", str(tmp_path / "a.jsonl")]) == 0
    out = tmp_path / "a.conll"
    argv = ["export", str(project), "--format", "conll", "-o", str(out)]
    assert main([*argv, "--scheme", "BIOES", "--docstart", "--overlap", "longest"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("-DOCSTART-") and "S-PER" in "".join(lines)
    plain = tmp_path / "b.conll"
    assert main(["export", str(project), "--format", "conll", "-o", str(plain)]) == 0
    assert "B-PER" in plain.read_text(encoding="utf-8")  # IOB2 when no scheme is given
    capsys.readouterr()


def test_every_option_of_the_table_is_named() -> None:
    """The one table (``Format.options``) names only options ``check_used`` can say."""
    from annotator.formats.registry import OPTION_NOUNS

    for info in EXPORT_FORMATS.values():
        assert info.options <= set(OPTION_NOUNS), info.name
        assert ("splits" in info.options) == info.splits, info.name
        assert ("events_style" in info.options) == bool(info.styles), info.name


# -- a screenshot smaller than the window can be -----------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_a_screenshot_says_the_size_it_was_drawn_at(project: Path, tmp_path: Path) -> None:
    shot = tmp_path / "x.png"
    argv = ["gui", str(project), "--document", NAME, "--screenshot", str(shot)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = "import sys; from ui.entry import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, *argv, "--size", "10x10"],
        capture_output=True, text=True, env=env, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    w, h = png_size(shot)
    assert (w, h) != (10, 10)
    assert done.stdout == (
        f"screenshot written to {shot} ({w}x{h}: the window's smallest size; asked 10x10)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *argv, "--size", "1000x700"],
        capture_output=True, text=True, env=env, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert png_size(shot) == (1000, 700)
    assert done.stdout == f"screenshot written to {shot}\n"


# -- a standard descriptor closed at start -----------------------------------------------------

OPENS_A_FILE = textwrap.dedent(
    """
    import os, sys
    from annotator.cli import main

    def window(args):
        # what the window does first: open a file (the project), which must not take 0-2
        return os.open(os.devnull, os.O_RDONLY)

    sys.exit(main(["gui"], gui=window))
    """
)


@pytest.mark.parametrize("closed", [0, 1, 2])
def test_a_descriptor_closed_at_start_is_not_given_to_a_file(closed: int) -> None:
    done = subprocess.run(
        [sys.executable, "-c", OPENS_A_FILE],
        preexec_fn=lambda: os.close(closed),  # the child's, before exec
        capture_output=closed != 1, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode > 2, f"the file opened took descriptor {done.returncode}"


def test_a_closed_stdout_is_still_refused(project: Path) -> None:
    """The null device put in its place does not hide that standard output was closed."""
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "stats", str(project)],
        preexec_fn=lambda: os.close(1),
        stderr=subprocess.PIPE, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "annotator: error: standard output is closed\n"


# -- a bundle carrying damaged records ---------------------------------------------------------


def test_a_bundle_says_the_damaged_records_it_carries(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.zip"
    assert main(["bundle", str(project), "--annotator", ME, "-o", str(clean)]) == 0
    assert "check refuses" not in capsys.readouterr().out
    with contextlib.closing(sqlite3.connect(project)) as conn, conn:
        conn.execute("UPDATE spans SET \"end\" = 1000000000 WHERE label = 'PER'")
    out = tmp_path / "b.zip"
    assert main(["bundle", str(project), "--annotator", ME, "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"bundle of {ME} written to {out} (")
    assert lines[1:] == [
        "carries 1 record check refuses (the receiving merge sets it aside): span outside "
        "its document's text (check names it) 1"
    ]
    with contextlib.closing(sqlite3.connect(project)) as conn, conn:
        conn.execute("UPDATE spans SET text = 'ليس نصه' WHERE label = 'GPE'")
    assert main(["bundle", str(project), "--annotator", ME, "-o", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "carries 2 records check refuses (the receiving merge sets them aside): span outside "
        "its document's text (check names it) 1, span whose stored text is not its "
        "document's (check names it) 1"
    ]
