"""Issue 10, part 1: output never destroys what it did not create (``annotator.output``).

First the writer itself (every case of the issue), then each export format, the bundle, the
agreement report and the schema export end to end through ``annotator.cli.main``.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import output
from annotator.cli import main
from annotator.exporting import FORMATS
from annotator.output import (
    COMPANIONS,
    MARKER,
    STDOUT,
    OutputRefused,
    check,
    clean_leftovers,
    writing,
)
from annotator.project import Project
from tests.conftest import SEED, inword

ROOT = Path(__file__).resolve().parents[2]


def refusal(path: Path, reason: str = output.NOT_OURS) -> str:
    return f"refusing to replace {path}: {reason}"


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def write_file(out: Path | str, text: str, fmt: str = "conll", *, streams: bool = False) -> None:
    with writing(out, fmt, streams=streams) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_folder(out: Path, files: dict[str, str], fmt: str = "hf") -> None:
    with writing(out, fmt, directory=True) as tmp:
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(text, encoding="utf-8")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".annotator-tmp-" in p.name
                  or ".annotator-old-" in p.name)  # fmt: skip


# -- files ---------------------------------------------------------------------------------------


def test_a_new_file_is_written_and_recorded_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "train.conll"
    assert check(out, "conll") == output.NEW
    write_file(out, "a\tO\n")
    assert out.read_text(encoding="utf-8") == "a\tO\n"
    assert sorted(p.name for p in out.parent.iterdir()) == [
        ".train.conll.annotator-export.json",
        "train.conll",
    ]
    record = json.loads(output.sidecar(out).read_text(encoding="utf-8"))
    assert record["format"] == "conll" and record["versions"][0]["size"] == 4
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not mkstemp's 0600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_exporting_again_to_the_same_file_needs_no_flag(tmp_path: Path) -> None:
    out = tmp_path / "train.conll"
    write_file(out, "first\tO\n")
    assert check(out, "conll") == output.PREVIOUS
    write_file(out, "second\tO\n")
    assert out.read_text(encoding="utf-8") == "second\tO\n"
    os.utime(out, ns=(1, 1))  # touched (copied without -p...): the content still matches
    write_file(out, "third\tO\n")
    assert out.read_text(encoding="utf-8") == "third\tO\n"
    assert leftovers(tmp_path) == []


def test_a_file_of_the_user_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(OutputRefused) as err:
        write_file(out, "x")
    assert str(err.value) == (
        f"refusing to replace {out}: not an annotator export (move it away or choose another name)"
    )
    assert out.read_text(encoding="utf-8") == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_export_edited_since_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "train.conll"
    write_file(out, "a\tO\n")
    out.write_text("a\tB-PER\n", encoding="utf-8")  # corrected by hand
    with pytest.raises(OutputRefused, match="changed after annotator wrote it"):
        write_file(out, "b\tO\n")
    assert out.read_text(encoding="utf-8") == "a\tB-PER\n"


def test_an_export_of_another_format_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    write_file(out, "{}\n", "spacy-jsonl")
    with pytest.raises(OutputRefused, match="it is an annotator spacy-jsonl export, not jsonl"):
        write_file(out, "{}\n", "jsonl")


def test_empty_files_and_folders_are_replaced(tmp_path: Path) -> None:
    (tmp_path / "empty.conll").touch()
    assert check(tmp_path / "empty.conll", "conll") == output.EMPTY
    write_file(tmp_path / "empty.conll", "x\tO\n")
    (tmp_path / "empty").mkdir()
    assert check(tmp_path / "empty", "hf", directory=True) == output.EMPTY
    write_folder(tmp_path / "empty", {"a.jsonl": "{}\n"})
    assert listing(tmp_path / "empty") == [MARKER, "a.jsonl"]


def test_a_file_where_a_folder_goes_and_the_reverse_are_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep\n", encoding="utf-8")
    with pytest.raises(OutputRefused, match="it is a file, and conll writes a folder"):
        write_folder(notes, {"train.conll": ""}, "conll")
    folder = tmp_path / "folder"
    write_folder(folder, {"x": ""})
    with pytest.raises(OutputRefused, match="it is a folder, and conll writes one file"):
        write_file(folder, "")
    assert notes.read_text(encoding="utf-8") == "keep\n" and listing(folder) == [MARKER, "x"]


# -- folders -------------------------------------------------------------------------------------


def test_a_folder_holding_a_user_file_is_refused(tmp_path: Path) -> None:
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.docx").write_bytes(b"two years of work")
    with pytest.raises(OutputRefused) as err:
        write_folder(thesis, {"train.jsonl": "{}\n"})
    assert str(err.value) == refusal(thesis)
    assert listing(thesis) == ["chapter1.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]


def test_a_folder_that_is_our_previous_export_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    write_folder(out, {"train.jsonl": "old\n", "train/data.arrow": "old"})
    assert check(out, "hf", directory=True) == output.PREVIOUS
    write_folder(out, {"test.jsonl": "new\n"})
    assert listing(out) == [MARKER, "test.jsonl"]
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["format"] == "hf" and list(marker["files"]) == ["test.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_a_folder_replace_without_the_atomic_exchange(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where renameat2 is missing: two renames, and a failure of the second puts the old back."""
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    out = tmp_path / "ds"
    write_folder(out, {"a": "old"})
    write_folder(out, {"b": "new"})
    assert listing(out) == [MARKER, "b"]
    real_rename = os.rename

    def rename(src: str, dst: str) -> None:
        if ".annotator-tmp-" in os.fspath(src):
            raise OSError(errno.EIO, "I/O error")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="I/O error"):
        write_folder(out, {"c": "newer"})
    assert listing(out) == [MARKER, "b"] and leftovers(tmp_path) == []


def test_a_previous_export_with_a_file_added_or_edited_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    write_folder(out, {"a.ann": "T1\tPER 0 1\tx\n", "a.txt": "x"}, "brat")
    (out / "notes.docx").write_bytes(b"mine")
    with pytest.raises(OutputRefused, match=r"it holds notes.docx, which the export did not write"):
        write_folder(out, {"b.txt": ""}, "brat")
    (out / "notes.docx").unlink()
    (out / "a.ann").write_text("T1\tORG 0 1\tx\n", encoding="utf-8")  # edited in brat
    with pytest.raises(OutputRefused, match=r"a.ann was changed after annotator wrote it"):
        write_folder(out, {"b.txt": ""}, "brat")
    assert listing(out) == [MARKER, "a.ann", "a.txt"]
    with pytest.raises(OutputRefused, match="it is an annotator brat export, not hf"):
        write_folder(out, {"x": ""}, "hf")


# -- links and special files ---------------------------------------------------------------------


def test_a_symlinked_target_is_refused_and_neither_link_nor_target_changes(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.conll"
    write_file(real, "ours\tO\n")  # even a previous export of ours, behind a link
    link = tmp_path / "link.conll"
    link.symlink_to(real)
    with pytest.raises(OutputRefused, match="it is a symbolic link, which is never replaced"):
        write_file(link, "x")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "ours\tO\n"
    dangling = tmp_path / "dangling.conll"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputRefused, match="symbolic link"):
        write_file(dangling, "x")
    assert not (tmp_path / "nowhere").exists()
    folder_link = tmp_path / "ds-link"
    folder_link.symlink_to(tmp_path)
    with pytest.raises(OutputRefused, match="symbolic link"):
        write_folder(folder_link, {"a": ""})
    assert leftovers(tmp_path) == []


def test_devices_fifos_and_sockets_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(sock_path))
        for path, what in (
            (Path("/dev/null"), "a character device"),
            (fifo, "a FIFO (named pipe)"),
            (sock_path, "a socket"),
        ):
            with pytest.raises(OutputRefused) as err:
                write_file(path, "x", streams=True)
            assert str(err.value) == refusal(
                path, f"it is {what}, which is never replaced "
                "(choose another name; '-' writes to standard output)",
            )  # fmt: skip
        assert Path("/dev/null").is_char_device()
        assert fifo.is_fifo() and sock_path.is_socket()
        # /dev/stdout is a link to /proc/self/fd/1: refused, never replaced (as root it was)
        with pytest.raises(OutputRefused, match="symbolic link"):
            check(Path("/dev/stdout"), "conll")
    finally:
        sock.close()


def test_a_refusal_offers_standard_output_only_where_the_output_can_go_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """spacy's DocBin and a bundle are binary files, which never go to standard output: a
    refused link does not suggest '-' for them (found by QA); conll's refusal does."""
    project = tmp_path / "p.annotator"
    with Project.create(project) as p:
        doc = p.add_document("قال محمد علي في بغداد", name="seed")
        p.add_span(doc.id, 4, 12, "PER", "amal")
    real = tmp_path / "real"
    real.write_bytes(b"mine")
    link = tmp_path / "link"
    link.symlink_to(real)
    for argv, offered in (
        (["export", str(project), "--format", "spacy", "--output", str(link)], False),
        (["bundle", str(project), "--annotator", "amal", "--output", str(link)], False),
        (["export", str(project), "--format", "conll", "--output", str(link)], True),
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "symbolic link, which is never replaced (choose another name" in err
        assert ("'-' writes to standard output" in err) is offered
    assert real.read_bytes() == b"mine" and link.is_symlink()


def test_only_a_caller_that_takes_standard_output_offers_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hint is off unless the caller says it can stream (QA 13: the agreement and model
    reports, which refuse '-', offered it for a refused link, as a screenshot did)."""
    project = tmp_path / "p.annotator"
    with Project.create(project) as p:
        doc = p.add_document("قال محمد علي في بغداد", name="seed")
        p.add_span(doc.id, 4, 12, "PER", "amal")
        p.add_span(doc.id, 4, 12, "PER", "badr")
    real = tmp_path / "real"
    real.write_bytes(b"mine")
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(OutputRefused) as err:
        write_file(link, "x")
    assert "symbolic link" in str(err.value) and "'-'" not in str(err.value)
    with pytest.raises(OutputRefused) as err:
        check(link, "agreement-html")
    assert "'-'" not in str(err.value)
    for argv in (
        ["agreement", str(project), "--report", str(link)],
        ["train", str(project), "--report", str(link)],
    ):
        assert main(argv) == 1
        err_text = capsys.readouterr().err
        assert "symbolic link, which is never replaced (choose another name)" in err_text
    assert real.read_bytes() == b"mine" and link.is_symlink()


# -- failures and leftovers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("writer bug"), KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left")],
    ids=["exception", "keyboard-interrupt", "disk-full"],
)
@pytest.mark.parametrize("directory", [False, True], ids=["file", "folder"])
def test_a_failure_midway_leaves_no_temporary_and_the_old_output_intact(
    tmp_path: Path, failure: BaseException, directory: bool
) -> None:
    out = tmp_path / ("ds" if directory else "train.conll")
    if directory:
        write_folder(out, {"train.jsonl": "old\n"})
    else:
        write_file(out, "old\tO\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(type(failure)), writing(out, "hf" if directory else "conll",
                                               directory=directory) as tmp:  # fmt: skip
        if directory:
            (tmp / "train.jsonl").write_text("half", encoding="utf-8")
        else:
            tmp.write_text("half", encoding="utf-8")
        raise failure
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if directory:
        assert (out / "train.jsonl").read_text(encoding="utf-8") == "old\n"
        assert check(out, "hf", directory=True) == output.PREVIOUS
    else:
        assert out.read_text(encoding="utf-8") == "old\tO\n"
        assert check(out, "conll") == output.PREVIOUS


@pytest.mark.parametrize("directory", [False, True], ids=["file", "folder"])
def test_a_full_disk_while_flushing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory: bool
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space left"):
        if directory:
            write_folder(out, {"a": "x" * 1000})
        else:
            write_file(out, "x" * 1000)
    assert list(tmp_path.iterdir()) == []


KILLED_WRITER = """
import sys, time
from pathlib import Path
from annotator.output import writing
out, directory = Path(sys.argv[1]), sys.argv[2] == "dir"
with writing(out, "conll", directory=directory) as tmp:
    (tmp / "train.conll" if directory else tmp).write_text("half", encoding="utf-8")
    print("writing", flush=True)
    time.sleep(60)
"""


def _killed_run(out: Path, directory: bool) -> None:
    """A writer killed (SIGKILL) in the middle of its output, reaped."""
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(out), "dir" if directory else "file"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
            # while it runs, its temporary is nobody's leftover
            assert clean_leftovers(out) == [] and len(leftovers(out.parent)) == 1
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()


@pytest.mark.parametrize("directory", [False, True], ids=["file", "folder"])
def test_the_leftover_of_a_killed_run_is_cleaned_by_the_next_run(
    tmp_path: Path, directory: bool
) -> None:
    out = tmp_path / "train"

    def export() -> None:
        if directory:
            write_folder(out, {"train.conll": "done"}, "conll")
        else:
            write_file(out, "done")

    _killed_run(out, directory)
    (stale,) = leftovers(tmp_path)
    assert stale.startswith(".train.annotator-tmp-")
    export()
    assert leftovers(tmp_path) == [] and not out.with_name(stale).exists()
    # a leftover beside another target is left for that target's next run
    _killed_run(tmp_path / "other", directory)
    export()
    (other,) = leftovers(tmp_path)
    assert other.startswith(".other.annotator-tmp-")


@pytest.mark.skipif(not Path("/proc/1/stat").exists(), reason="process start times from /proc")
def test_a_leftover_whose_pid_was_reused_is_cleaned(tmp_path: Path) -> None:
    """pid 1 runs, but started long after this leftover was last touched: not its writer."""
    out = tmp_path / "x.conll"
    stale = tmp_path / ".x.conll.annotator-tmp-1-abcd1234"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (0, 0))  # 1970
    assert clean_leftovers(out) == [stale] and not stale.exists()


def test_a_folder_moved_aside_by_a_killed_replace_is_put_back(tmp_path: Path) -> None:
    """Killed between the two renames of a replace: the previous export is restored."""
    out = tmp_path / "ds"
    write_folder(out, {"a": "previous"})
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(dead.stdout)
    moved = tmp_path / f".ds.annotator-old-{pid}-0badc0de"
    half = tmp_path / f".ds.annotator-tmp-{pid}-0badc0de"
    out.rename(moved)
    half.mkdir()
    (half / "a").write_text("half", encoding="utf-8")
    assert sorted(clean_leftovers(out)) == sorted([half, moved])
    assert listing(out) == [MARKER, "a"] and (out / "a").read_text(encoding="utf-8") == "previous"
    assert leftovers(tmp_path) == []
    write_folder(out, {"b": "next"})  # still recognised as ours
    assert listing(out) == [MARKER, "b"]


def test_long_names_get_short_unique_temporaries(tmp_path: Path) -> None:
    out = tmp_path / ("ت" * 120 + ".conll")  # 246 bytes: a temporary name must stay < 255
    write_file(out, "x")
    write_file(out, "y")
    assert out.read_text(encoding="utf-8") == "y"


# -- standard output -----------------------------------------------------------------------------


def test_stdout_gets_the_output_only_when_complete(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_file(STDOUT, "a\tO\n")
    assert capfdbinary.readouterr().out == b"a\tO\n"
    with pytest.raises(RuntimeError), writing(STDOUT, "conll") as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError
    assert capfdbinary.readouterr().out == b""
    with pytest.raises(OutputRefused, match="hf writes a folder, which cannot go to standard"):
        write_folder(STDOUT, {"a": ""})
    assert list(tmp_path.iterdir()) == []  # never a file named "-"


# -- end to end, every format --------------------------------------------------------------------


@pytest.fixture(scope="module")
def proj(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("project") / "p.annotator"
    text = SEED.read_text(encoding="utf-8")
    with Project.create(path) as p:
        doc = p.add_document(text, name="seed")
        p.add_span(doc.id, *inword(text, "وهولندا", 1), "GPE", "amal")
        p.add_span(doc.id, *inword(text, "بباريس", 1), "GPE", "amal")
        p.add_span(doc.id, *inword(text, "الاجتماع", 0), "Contact.Meet", "amal")
        for k, short in enumerate(("وصل الوزير إلى بغداد.", "اجتمع الوزراء في باريس.")):
            d = p.add_document(short, name=f"short-{k}")
            p.add_span(d.id, short.index("ب"), short.index("ب") + 5, "GPE", "badr")
    yield str(path)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("annotator: error: "), err
    return lines[0].removeprefix("annotator: error: ")


def tree(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {"": path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_end_to_end(
    fmt: str, proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = FORMATS[fmt].output == "dir"
    out = tmp_path / (f"{fmt}-out" if folder else f"out.{fmt}")
    # a new path, then the same path again: no flag needed to replace our own export
    assert cli(capsys, "export", proj, "--format", fmt, "-o", str(out))[0] == 0
    first = tree(out)
    rc, stdout, _ = cli(capsys, "export", proj, "--format", fmt, "-o", str(out))
    assert rc == 0 and f"written: {out}" in stdout
    assert tree(out).keys() == first.keys()
    # the user's things are refused, whatever their kind, and left as they were
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.docx").write_bytes(b"keep")
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"keep")
    for target in (thesis, notes):
        rc, _, err = cli(capsys, "export", proj, "--format", fmt, "-o", str(target))
        assert rc == 1
        assert one_error(err).startswith(f"refusing to replace {target}: ")
    if FORMATS[fmt].splits:  # with --split a file format writes a folder: never over a file
        rc, _, err = cli(capsys, "export", proj, "--format", fmt, "--split", "train=1,test=1",
                         "-o", str(notes))  # fmt: skip
        assert rc == 1 and "it is a file, and" in one_error(err)
    assert (thesis / "chapter1.docx").read_bytes() == b"keep" and notes.read_bytes() == b"keep"
    # a link is never replaced
    link = tmp_path / "link"
    link.symlink_to(out)
    rc, _, err = cli(capsys, "export", proj, "--format", fmt, "-o", str(link))
    assert rc == 1 and "symbolic link" in one_error(err) and os.readlink(link) == str(out)
    # standard output: the single-stream formats; a folder or a binary file is refused
    rc, stdout, err = cli(capsys, "export", proj, "--format", fmt, "-o", "-")
    if FORMATS[fmt].stream:
        assert rc == 0 and stdout.encode("utf-8") == out.read_bytes()
        assert "written: standard output" in err  # the report leaves stdout to the data
    else:
        assert rc == 1 and "standard output ('-')" in one_error(err) and stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir() if "annotator-" in p.name) == (
        [] if folder else [f".{out.name}.annotator-export.json"]
    )


def test_dash_is_stdout_and_dot_slash_dash_is_a_file(
    proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rc, stdout, _ = cli(capsys, "export", proj, "--format", "conll", "-o", "-")
    assert rc == 0 and "\tB-GPE\n" in stdout and not (tmp_path / "-").exists()
    rc, stdout, _ = cli(capsys, "export", proj, "--format", "conll", "-o", "./-")
    assert rc == 0 and (tmp_path / "-").read_text(encoding="utf-8").count("B-GPE") >= 3
    assert f"written: {tmp_path / '-'}" in stdout
    folders = (("hf", ""), ("brat", ""), ("conll", "train=1,test=1"), ("events", "train=1"))
    for fmt, split in folders:
        rc, stdout, err = cli(capsys, "export", proj, "--format", fmt, "-o", "-",
                              *(("--split", split) if split else ()))  # fmt: skip
        assert rc == 1 and stdout == ""
        assert one_error(err) == (
            f"{fmt} writes a folder, which cannot go to standard output ('-'); give a folder name"
        )


def test_brat_export_into_the_folder_of_the_source_articles_is_refused(
    proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (articles / "seed.ann").write_text("", encoding="utf-8")
    before = tree(articles)
    rc, _, err = cli(capsys, "export", proj, "--format", "brat", "-o", str(articles))
    assert rc == 1 and one_error(err) == refusal(articles)
    assert tree(articles) == before


def test_bundle_report_and_schema_go_through_the_writer(
    proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_bytes(b"keep")
    bundle = tmp_path / "amal.bundle"
    report = tmp_path / "agreement.html"
    schema = tmp_path / "schema.json"
    conf = tmp_path / "annotation.conf"
    for args in (
        ("bundle", proj, "--annotator", "amal", "-o", str(bundle)),
        ("agreement", proj, "--annotators", "amal,badr", "--report", str(report)),
        ("schema", proj, "--export", str(schema)),
        ("schema", proj, "--export", str(conf)),
    ):
        assert cli(capsys, *args)[0] == 0, args
        assert cli(capsys, *args)[0] == 0, args  # again: our own output is replaced
        target = Path(args[-1])
        assert output.sidecar(target).is_file()
        rc, _, err = cli(capsys, *args[:-1], str(mine))
        assert rc == 1 and one_error(err) == refusal(mine), args
    assert mine.read_bytes() == b"keep"
    rc, stdout, err = cli(capsys, "schema", proj, "--export", "-")
    assert rc == 0 and json.loads(stdout)["format"] == "annotator-schema"
    assert err == "schema written to standard output\n"
    for args in (
        ("bundle", proj, "--annotator", "amal", "-o", "-"),
        ("agreement", proj, "--annotators", "amal,badr", "--report", "-"),
    ):
        rc, stdout, err = cli(capsys, *args)
        assert rc == 1 and stdout == "" and "give a file name" in one_error(err)


def test_a_cli_export_killed_midway_is_cleaned_by_the_next(
    proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SIGKILL during a real CLI export (paused inside the writer), then the same export."""
    out = tmp_path / "train.conll"
    code = textwrap.dedent(
        """
        import sys, time
        import annotator.formats.conll as conll
        real = conll._conll_text
        def slow(*a, **k):
            print("writing", flush=True)
            time.sleep(60)
            return real(*a, **k)
        conll._conll_text = slow
        from annotator.cli import main
        main(sys.argv[1:])
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, "export", proj, "--format", "conll", "-o", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    ) as proc:  # fmt: skip
        try:
            assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
        finally:
            proc.kill()
            proc.wait()
    assert not out.exists() and len(leftovers(tmp_path)) == 1
    assert cli(capsys, "export", proj, "--format", "conll", "-o", str(out))[0] == 0
    assert leftovers(tmp_path) == [] and "B-GPE" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock"])
@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_an_output_named_as_a_project_s_own_side_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, fmt: str
) -> None:
    """QA 13: an export to p.annotator-wal or p.annotator.lock was reported written, then
    silently lost (SQLite discards a log it cannot read; the lock file is removed when the
    project is let go); a brat folder named p.annotator.lock made the project read-only."""
    project = tmp_path / "p.annotator"
    with Project.create(project) as p:
        doc = p.add_document("قال محمد علي في بغداد", name="seed")
        p.add_span(doc.id, 4, 12, "PER", "amal")
    target = tmp_path / f"p.annotator{suffix}"
    assert main(["export", str(project), "--format", fmt, "--output", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"annotator: error: refusing to write {target}: it is where p.annotator keeps its "
        f"{dict(COMPANIONS, **{'.lock': 'lock file'})[suffix]} (choose another name)\n"
    )
    assert not os.path.lexists(target)
    with Project.open(project) as p:  # still writable
        p.add_span(1, 16, 21, "GPE", "amal")
    # a name like it beside no such file is an ordinary output
    other = tmp_path / f"q.annotator{suffix}"
    assert main(["export", str(project), "--format", fmt, "--output", str(other)]) == 0
