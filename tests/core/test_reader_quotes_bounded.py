"""A hostile file cannot make an import error megabytes long (QA, 2026-11-30: a 20M-character
covered text came back whole in a one-line error, on the command line and in the Import dialog).

Every reader quotes file content through one helper (``annotator.formats.common.quoted``, 60
characters), and behind it ``annotator.errors.bounded`` cuts any text parameter of an
``ImportFormatError`` and of a lenient read's problems, so a reader that forgets to quote short
cannot bring the long line back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import annotator.formats
from annotator.errors import MAX_PARAM, ImportFormatError, Message, bounded
from annotator.formats import registry
from annotator.formats.common import QUOTE_CHARS, ImportResult, quoted
from annotator.formats.registry import read_any
from annotator.imported import Problem

BIG = "ب" * 200_000
LIMIT = 2 * MAX_PARAM + 200  # a whole message: its words, a path, at most two long quotes


def _longest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def _refused(path: Path, fmt: str) -> str:
    with pytest.raises(ImportFormatError) as info:
        read_any(path, fmt, True)
    return str(info.value)


def _problems(path: Path, fmt: str) -> list[str]:
    return [str(p) for p in read_any(path, fmt, False).problems]


def test_quoted_is_the_repr_cut_at_60_characters() -> None:
    assert quoted("محمد") == "'محمد'"
    assert quoted([1, "a"]) == "[1, 'a']"
    long = quoted("x" * 500)
    assert len(long) == QUOTE_CHARS == 60
    assert long == "'" + "x" * 56 + "..."


def test_one_quoting_helper_no_copies() -> None:
    """``_short`` had three copies (fields, jsonl, label_studio): one helper now."""
    folder = Path(annotator.formats.__file__).parent
    copies = [
        p.name for p in folder.glob("*.py") if re.search(r"^def _short\b", p.read_text(), re.M)
    ]
    assert copies == []


def test_brat_covered_text_mismatch(tmp_path: Path) -> None:
    d = tmp_path / "brat"
    d.mkdir()
    (d / "a.txt").write_text("abc", encoding="utf-8")
    (d / "a.ann").write_text(f"T1\tPER 0 3\t{BIG}\n", encoding="utf-8")
    error = _refused(d, "brat")
    assert "covered text 'abc' does not match 'ببب" in error
    assert len(error) < LIMIT
    (problem,) = _problems(d, "brat")
    assert len(problem) < LIMIT


def test_brat_long_offsets(tmp_path: Path) -> None:
    d = tmp_path / "brat"
    d.mkdir()
    (d / "a.txt").write_text("abc", encoding="utf-8")
    (d / "a.ann").write_text("T1\tPER 0 " + "9" * 100_000 + "\tabc\n", encoding="utf-8")
    assert len(_refused(d, "brat")) < LIMIT


def test_label_studio_region_covers(tmp_path: Path) -> None:
    region = {
        "id": "r",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 0, "end": len(BIG), "text": "x", "labels": ["PER"]},
    }
    task = {"data": {"text": BIG}, "annotations": [{"result": [region]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    error = _refused(path, "label-studio")
    assert "value.text 'x' does not match" in error
    assert len(error) < LIMIT
    assert all(len(p) < LIMIT for p in _problems(path, "label-studio"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (BIG + "\n", "expected a token and a tag separated by a tab or space: 'ببب"),
        ("x B-" + "Q" * 200_000 + "\n", "tag 'B-QQQ"),
    ],
    ids=["line-without-tag", "unreadable-tag"],
)
def test_conll_line_and_tag(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "a.conll"
    path.write_text(body, encoding="utf-8")
    error = _refused(path, "conll")
    assert expected in error
    assert len(error) < LIMIT
    assert all(len(p) < LIMIT for p in _problems(path, "conll"))


def test_jsonl_and_doccano_quotes(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    span = {"start": 0, "end": 3, "label": "PER", "text": BIG}
    jsonl.write_text(json.dumps({"text": "abc", "spans": [span]}) + "\n", encoding="utf-8")
    assert len(_refused(jsonl, "jsonl")) < LIMIT
    doccano = tmp_path / "d.jsonl"
    doccano.write_text(json.dumps({"text": "abc", "label": [[0, 3, "PER", BIG]]}) + "\n")
    error = _refused(doccano, "doccano")
    assert 'expected [start, end, "LABEL"]' in error
    assert len(error) < LIMIT


def test_the_cli_prints_a_short_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    project = tmp_path / "p.annotator"
    assert main(["init", str(project)]) == 0
    d = tmp_path / "brat"
    d.mkdir()
    (d / "a.txt").write_text("abc", encoding="utf-8")
    (d / "a.ann").write_text(f"T1\tPER 0 3\t{BIG}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(project), str(d)]) != 0
    err = capsys.readouterr().err
    assert "does not match" in err
    assert _longest_line(err) < LIMIT


# the last line of defence: whatever a reader quotes, the error and the problems are bounded


def test_bounded_cuts_each_text_parameter_and_keeps_the_template() -> None:
    inner = Message("covers {text}", text=repr(BIG))
    message = Message("region {region}: {problem}", region="r1", problem=inner)
    cut = bounded(message)
    assert isinstance(cut, Message)
    assert cut.template == message.template and cut.params["region"] == "r1"
    nested = cut.params["problem"]
    assert isinstance(nested, Message) and nested.template == "covers {text}"
    assert len(nested.params["text"]) == MAX_PARAM and nested.params["text"].endswith("...")
    short = Message("tag {tag} not understood", tag="'B-X'")
    assert bounded(short) is short  # the English of every ordinary message is unchanged
    assert bounded("plain " + BIG).endswith("...") and len(bounded("plain " + BIG)) == MAX_PARAM
    assert bounded(Message("{n} lines", n=10**400)) == f"{10**400} lines"  # numbers kept


def test_import_format_error_bounds_what_a_reader_gives() -> None:
    error = ImportFormatError("a.txt", 3, Message("covers {text}", text=repr(BIG)))
    assert len(str(error)) < LIMIT
    assert str(error).startswith("a.txt:3: covers 'ببب")
    assert isinstance(error.args[0], Message)  # still translated in the window
    plain = ImportFormatError("a.txt", None, "covered text " + repr(BIG))
    assert len(str(plain)) < LIMIT


def test_a_lenient_readers_problems_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A future reader that quotes a whole line in a skipped line's problem: ``read_any``
    bounds it before the import report shows it."""

    def careless(path: Path, strict: bool) -> ImportResult:
        problem = Problem(str(path), 1, Message("bad line {line}", line=repr(BIG)))
        return ImportResult(problems=[problem, Problem(str(path), 2, "skipped " + BIG)])

    monkeypatch.setattr(registry, "format_function", lambda fmt, kind: careless)
    result = read_any(tmp_path / "x.txt", "text", False)
    assert [len(str(p)) < LIMIT for p in result.problems] == [True, True]
    first = result.problems[0].message
    assert isinstance(first, Message) and first.template == "bad line {line}"


def test_a_problem_built_anywhere_is_bounded_in_the_report() -> None:
    """Problems the importer builds itself (``f"{message}; skipped"``, an unknown label quoted
    whole) reach the report through ``Problem.text``, which bounds them too."""
    from annotator.errors import MAX_PARAM, Message
    from annotator.imported import Problem

    huge = "ب" * 5_000_000
    for message in (f"unknown label {huge!r}; skipped", Message("unknown label {name}", name=huge)):
        line = str(Problem("a.jsonl", 3, message).text())
        assert line.startswith("a.jsonl:3: ") and len(line) < MAX_PARAM + 100
    assert str(Problem("a.jsonl", 3, "short").text()) == "a.jsonl:3: short"
