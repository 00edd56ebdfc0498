"""The record beside a single-file output (``.<name>.annotator-export.json``) never replaces a
file of the user's (found by QA: a user's text file at that name was silently overwritten by
``annotator export`` and ``annotator schema --export``).

Only nothing, an empty file or a whole record this module wrote may be replaced there; a user's
file, a link, and a truncated or corrupt record are refused, and the target is not written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import output
from annotator.cli import main
from annotator.output import OutputRefused, writing
from annotator.project import Project

NOTES = b"my own notes, not written by annotator\n"


def write_file(out: Path, text: str, fmt: str = "conll") -> None:
    with writing(out, fmt) as tmp:
        tmp.write_text(text, encoding="utf-8")


def in_the_way(out: Path) -> str:
    return (
        f"refusing to replace {output.sidecar(out)}: it is in the way of the record of "
        f"{out.name} (move it away or choose another name)"
    )


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the writer ----------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["absent", "empty"])
def test_a_users_file_where_the_record_goes_is_refused_and_kept(
    tmp_path: Path, target: str
) -> None:
    out = tmp_path / "train.conll"
    if target == "empty":
        out.write_bytes(b"")
    side = output.sidecar(out)
    side.write_bytes(NOTES)
    before = names(tmp_path)
    with pytest.raises(OutputRefused) as err:
        output.check(out, "conll")
    assert str(err.value) == in_the_way(out) and err.value.path == side
    with pytest.raises(OutputRefused, match=r"in the way of the record of train\.conll"):
        write_file(out, "a\tO\n")
    assert side.read_bytes() == NOTES
    assert names(tmp_path) == before  # no target written, no temporary left
    assert out.exists() is (target == "empty")


@pytest.mark.parametrize(
    "content",
    [
        b'{\n "annotator-export": 1,\n "format": "conll",\n "vers',  # truncated record of ours
        b'{"annotator-export": 1, "format": "conll", "versions": [}',  # corrupt
        b'{"annotator-export": 2, "format": "conll", "versions": []}',  # not our version
        b'{"annotator-export": 1, "format": "hf", "files": {}, "folders": []}',  # a folder's
        b"[1, 2, 3]\n",
        b"\x00\xff\xfe",
    ],
    ids=["truncated", "corrupt", "other-version", "folder-marker", "json-list", "binary"],
)
def test_anything_but_a_whole_record_of_ours_there_is_refused(
    tmp_path: Path, content: bytes
) -> None:
    """A truncated or corrupt record is treated as the user's: this module writes records whole
    (temporary, fsync, rename), so a damaged one was made or changed by someone else."""
    out = tmp_path / "train.conll"
    side = output.sidecar(out)
    side.write_bytes(content)
    with pytest.raises(OutputRefused) as err:
        write_file(out, "a\tO\n")
    assert str(err.value) == in_the_way(out)
    assert side.read_bytes() == content and not out.exists()


def test_a_users_file_appearing_there_while_the_output_is_written_is_kept(
    tmp_path: Path,
) -> None:
    """The place is checked again just before the record is written."""
    out = tmp_path / "train.conll"
    side = output.sidecar(out)
    with (
        pytest.raises(OutputRefused, match="in the way of the record"),
        writing(out, "conll") as tmp,
    ):
        tmp.write_text("a\tO\n", encoding="utf-8")
        side.write_bytes(NOTES)
    assert side.read_bytes() == NOTES and names(tmp_path) == [side.name]


def test_our_own_record_is_replaced_so_exporting_again_just_works(tmp_path: Path) -> None:
    out = tmp_path / "train.conll"
    write_file(out, "a\tO\n")
    write_file(out, "b\tO\nc\tO\n")  # our file and our record: replaced without a flag
    assert out.read_text(encoding="utf-8") == "b\tO\nc\tO\n"
    record = json.loads(output.sidecar(out).read_text(encoding="utf-8"))
    assert [v["size"] for v in record["versions"]] == [8]
    # the export deleted by the user, its record left behind: still ours, replaced
    out.unlink()
    write_file(out, "d\tO\n", fmt="jsonl")
    assert json.loads(output.sidecar(out).read_text(encoding="utf-8"))["format"] == "jsonl"
    # an empty file there holds nothing to lose (the rule for an empty target)
    other = tmp_path / "dev.conll"
    output.sidecar(other).write_bytes(b"")
    write_file(other, "e\tO\n")
    assert json.loads(output.sidecar(other).read_text(encoding="utf-8"))["versions"]
    assert names(tmp_path) == sorted(
        [".train.conll.annotator-export.json", "train.conll",
         ".dev.conll.annotator-export.json", "dev.conll"]
    )  # fmt: skip


def test_a_long_names_record_is_held_to_the_same_rule(tmp_path: Path) -> None:
    out = tmp_path / ("م" * 100 + ".conll")  # 205 bytes: the record's name is shortened
    side = output.sidecar(out)
    assert len(side.name.encode()) < len(out.name.encode())
    side.write_bytes(NOTES)
    with pytest.raises(OutputRefused, match="in the way of the record"):
        write_file(out, "a\tO\n")
    assert side.read_bytes() == NOTES


# -- end to end through the command line ---------------------------------------------------------


@pytest.fixture(scope="module")
def proj(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("project") / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document("قال محمد علي في بغداد", name="seed")
        p.add_span(doc.id, 4, 12, "PER", "amal")
        p.add_span(doc.id, 16, 21, "GPE", "badr")
    yield str(path)


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("export", "{proj}", "-o"), "out.jsonl"),
        (("export", "{proj}", "--format", "conll", "--annotator", "amal", "-o"), "train.conll"),
        (("schema", "{proj}", "--export"), "s.json"),
        (("schema", "{proj}", "--export"), "annotation.conf"),
        (("bundle", "{proj}", "--annotator", "amal", "-o"), "amal.bundle"),
        (("agreement", "{proj}", "--annotators", "amal,badr", "--report"), "agreement.html"),
    ],
    ids=["export-jsonl", "export-conll", "schema-json", "schema-conf", "bundle", "report"],
)
def test_the_cli_refuses_to_write_over_a_users_file_beside_its_output(
    proj: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
    name: str,
) -> None:
    argv = [a.format(proj=proj) for a in command]
    out = tmp_path / name
    side = output.sidecar(out)
    side.write_bytes(NOTES)
    assert main([*argv, str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"annotator: error: {in_the_way(out)}\n"
    assert side.read_bytes() == NOTES and names(tmp_path) == [side.name]
    # moved away, the same command writes; and again, replacing its own output and record
    side.unlink()
    for _ in range(2):
        assert main([*argv, str(out)]) == 0, capsys.readouterr().err
        record = json.loads(side.read_text(encoding="utf-8"))
        assert record["annotator-export"] == 1 and len(record["versions"]) == 1
    capsys.readouterr()
    assert names(tmp_path) == sorted([side.name, name])
