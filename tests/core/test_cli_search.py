"""``annotator search``: folded, clitic-aware hits over a project's documents, optionally inside
spans of chosen labels and layers, printed as lines, a terminal concordance or JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import cli
from annotator.cli import main
from annotator.cli_commands import KWIC_WIDTH, SEARCH_MODES
from annotator.project import Project
from annotator.search import Mode
from tests.conftest import SEED, inword

TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="seed")
        p.add_document("Paris and PARIS; باريس\u202e!", name="other\x1b[31m")
        p.add_span(doc.id, *inword(TEXT, "بباريس", 1), "GPE", "amal")
        attacks = TEXT.index("اعتداءات باريس")
        p.add_span(doc.id, attacks, attacks + len("اعتداءات"), "Conflict.Attack", "badr")
    return path


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["search", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def jsonl(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_paris_found_inside_bbaris_and_in_attacks_of_paris(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = search(capsys, str(seeded), "باريس", "--json")
    assert code == 0
    rows = [r for r in jsonl(out) if r["document"] == "seed"]
    starts = {(r["start"], r["end"]) for r in rows}
    assert inword(TEXT, "بباريس", 1) in starts  # the stem of بباريس, code points
    phrase = TEXT.index("اعتداءات باريس") + len("اعتداءات ")
    assert (phrase, phrase + 5) in starts
    for r in rows:
        assert r["text"] == "باريس" == TEXT[int(str(r["start"])) : int(str(r["end"]))]
    assert f"{len(jsonl(out))} hit(s) in 2 document(s)" in err


def test_label_and_annotator_keep_the_hits_inside_those_spans(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = search(capsys, str(seeded), "باريس", "--json", "--label", "GPE")
    assert code == 0
    assert [(r["start"], r["end"]) for r in jsonl(out)] == [inword(TEXT, "بباريس", 1)]
    _, out, _ = search(capsys, str(seeded), "باريس", "--json", "--annotator", "badr")
    assert jsonl(out) == []  # badr's span covers اعتداءات only
    _, out, _ = search(capsys, str(seeded), "اعتداءات", "--json", "--annotator", "badr")
    assert len(jsonl(out)) == 1
    _, out, _ = search(capsys, str(seeded), "باريس", "--json", "--annotator", "amal",
                       "--annotator", "badr", "--label", "GPE")  # fmt: skip
    assert len(jsonl(out)) == 1


@pytest.mark.parametrize(
    ("option", "name", "suggestion"),
    [("--label", "GEP", "'GPE'"), ("--annotator", "amla", "'amal'")],
)
def test_unknown_label_or_layer_is_an_error_with_a_suggestion(
    seeded: Path, capsys: pytest.CaptureFixture[str], option: str, name: str, suggestion: str
) -> None:
    code, out, err = search(capsys, str(seeded), "باريس", option, name)
    assert code == 1 and out == ""
    assert err.startswith("annotator: error: ") and f"did you mean {suggestion}?" in err
    assert len(err.strip().splitlines()) == 1


def test_modes_regex_case_and_limit(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = search(capsys, str(seeded), "paris", "--json")
    assert [r["text"] for r in jsonl(out)] == ["Paris", "PARIS"]
    _, out, _ = search(capsys, str(seeded), "بار", "--json", "--mode", "prefix")
    assert {r["text"] for r in jsonl(out)} >= {"باريس"}
    _, word, _ = search(capsys, str(seeded), "بار", "--json")
    _, anywhere, _ = search(capsys, str(seeded), "بار", "--json", "--mode", "any")
    assert len(jsonl(anywhere)) > len(jsonl(word))
    _, out, _ = search(capsys, str(seeded), r"pa\w+s", "--json", "--regex")
    assert [r["text"] for r in jsonl(out)] == ["Paris", "PARIS"]
    code, out, err = search(capsys, str(seeded), "باريس", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1 and "--limit reached" in err
    code, _, err = search(capsys, str(seeded), "(", "--regex")
    assert code == 1 and "bad regular expression" in err
    with pytest.raises(SystemExit) as usage:  # a malformed value: a usage error
        search(capsys, str(seeded), "x", "--limit", "0")
    assert usage.value.code == 2 and "--limit" in capsys.readouterr().err


def test_mode_names_are_the_search_modes() -> None:
    assert tuple(SEARCH_MODES) == cli._SEARCH_MODES
    assert {Mode(v) for v in SEARCH_MODES.values()} == {Mode.WORD, Mode.PREFIX, Mode.SUBSTRING}


def test_kwic_lines_keep_the_keyword_column_and_untrusted_text_stays_inert(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = search(capsys, str(seeded), "باريس", "--kwic")
    lines = out.splitlines()
    assert len(lines) >= 3
    # logical order (the terminal lays it out right to left): the context before, padded at its
    # far end to one width, so the keyword starts at the same column on every line
    cols = {line.split("\t", 1)[1].index("باريس") for line in lines}
    assert len(cols) == 1
    other = [line for line in lines if line.startswith("other")]
    assert other and "\x1b" not in out and "\u202e" not in out
    assert "⟦U+001B⟧" in other[0] and "⟦RLO⟧" in other[0]
    # JSON keeps the text exactly (it is data): the offsets index the stored text
    _, out, _ = search(capsys, str(seeded), "باريس", "--kwic", "--json")
    row = next(r for r in jsonl(out) if r["document"] == "seed")
    assert str(row["before"]).endswith("الدفاع ب") and str(row["after"]).startswith("؛")


def test_kwic_in_visual_order_puts_the_context_before_on_the_right(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.terminal import visual

    _, out, _ = search(capsys, str(seeded), "اعتداءات", "--kwic", "--visual")
    (line,) = out.splitlines()
    row = line.split("\t", 1)[1]
    keyword = visual("اعتداءات")
    left, right = row.split(keyword)
    # right to left: what precedes the keyword in reading order is on its right on screen
    assert visual("منذ") in right and visual("باريس") in left
    assert len(left) == KWIC_WIDTH + 2  # the context after, pushed against the keyword


def test_import_brings_the_search_index_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    source = tmp_path / "seed.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["import", str(path), str(source)]) == 0
    capsys.readouterr()
    with Project.open(path, read_only=True) as p:
        assert p.search_index_fresh()  # indexed by the import itself, not at the first search
    code, out, _ = search(capsys, str(path), "باريس", "--json")
    assert code == 0
    assert inword(TEXT, "بباريس", 1) in {(r["start"], r["end"]) for r in jsonl(out)}


def test_a_document_whose_text_is_not_text_is_an_error_naming_the_file(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged file whose quick check passes (a text stored as bytes) is refused with one
    line naming the file, not a traceback: the search reads the texts without the store's
    record decoders."""
    import sqlite3

    conn = sqlite3.connect(seeded)
    with conn:
        conn.execute("UPDATE documents SET text = CAST(text AS BLOB) WHERE name = 'seed'")
    conn.close()
    code, out, err = search(capsys, str(seeded), "باريس")
    assert code == 1 and out == ""
    assert err.startswith(f"annotator: error: {seeded}: the project file is corrupt (document ")
    assert "has a name or text that is not text" in err and "Traceback" not in err
