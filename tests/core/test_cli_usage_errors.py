"""A malformed option value is a usage error: exit status 2, argparse's usage line and one error
line, before any file is read (the README's promise). The checks are the ``type=`` functions
of ``annotator.cli``; nothing checks a value again after parsing."""

from __future__ import annotations

import argparse
import math

import pytest

from annotator import cli
from annotator.cli import main

P = "missing.annotator"  # never opened: the value is refused first
URL = "postgresql://nobody@localhost/none"


def usage(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: annotator "), err
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["search", P, "x", "--limit", "-3"], "argument --limit: expected 1 or more, not -3"),
        (["search", P, "x", "--limit", "0"], "argument --limit: expected 1 or more, not 0"),
        (["search", P, "x", "--limit", "abc"], "expected a whole number, not 'abc'"),
        (["export", P, "-o", "x", "--split", "train=abc"], "'abc' is not a number"),
        (["export", P, "-o", "x", "--split", "train"], "expected name=ratio"),
        (["export", P, "-o", "x", "--split", "trian=1"], "did you mean 'train'?"),
        (["export", P, "-o", "x", "--split", "train=-1"], "0 or more, not -1"),
        (["export", P, "-o", "x", "--split", "train=nan"], "not nan"),
        (["export", P, "-o", "x", "--split", "train=0,test=0"], "split ratios are all 0"),
        (["train", P, "--eval-split", "1.5"], "from 0 to under 1, not '1.5'"),
        (["train", P, "--eval-split", "1"], "from 0 to under 1, not '1'"),
        (["train", P, "--eval-split", "nan"], "from 0 to under 1, not 'nan'"),
        (["train", P, "--eval-split", "-0.1"], "from 0 to under 1"),
        (["suggest", P, "--min-score", "2"], "argument --min-score: expected a number from 0 to 1"),
        (["suggest", P, "--min-score", "inf"], "from 0 to 1, not 'inf'"),
        (["gui", P, "--screenshot", "s.png", "--size", "1400by900"], "expected WIDTHxHEIGHT"),
        (["gui", P, "--screenshot", "s.png", "--size", "0x900"], "1 or more, not '0x900'"),
        (["gui", P, "--screenshot", "s.png", "--size", "x900"], "expected WIDTHxHEIGHT"),
        (["hub", "assign", URL, "amal", "--overlap", "-1"], "argument --overlap: expected 1 or"),
        (["hub", "assign", URL, "amal", "--overlap", "2", "--more", "0"], "argument --more:"),
        (["hub", "assign", URL, "amal", "--overlap", "2", "--share", "1.5"], "argument --share:"),
    ],
)
def test_a_malformed_value_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    line = usage(capsys, *argv)
    assert line.startswith("annotator ") and ": error: argument " in line, line
    assert said in line


@pytest.mark.parametrize(
    ("argv", "dest", "value"),
    [
        (["search", P, "x", "--limit", "3"], "limit", 3),
        (["train", P, "--eval-split", "0"], "eval_split", 0.0),
        (["train", P, "--eval-split", "0.25"], "eval_split", 0.25),
        (["suggest", P, "--min-score", "1"], "min_score", 1.0),
        (["export", P, "-o", "x", "--split", "train=8,test=2"], "split", "train=8,test=2"),
        (["gui", P, "--size", "800x600"], "size", "800x600"),
        (["gui", P], "size", "1400x900"),
        (["hub", "assign", URL, "a", "--overlap", "1", "--share", "0.5"], "share", 0.5),
    ],
)
def test_good_values_parse_as_before(argv: list[str], dest: str, value: object) -> None:
    for lazy in (True, False):
        assert getattr(cli.build_parser(lazy=lazy).parse_args(argv), dest) == value


def test_every_numeric_option_has_a_checking_type() -> None:
    """No option of any subcommand takes a bare ``int`` or ``float``: each number has a range,
    and a value out of it must be a usage error, not a failure after parsing."""
    parser = cli.build_parser()
    bare: list[str] = []

    def walk(p: argparse.ArgumentParser, where: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{where} {name}")
            elif action.type in (int, float):
                bare.append(f"{where} {'/'.join(action.option_strings) or action.dest}")

    walk(parser, "annotator")
    assert bare == []


def test_the_validators_refuse_what_float_accepts() -> None:
    for text in ("nan", "inf", "-inf", "1e400"):
        with pytest.raises(argparse.ArgumentTypeError):
            cli.fraction(text)
    assert cli.fraction("1") == 1.0 and not math.isnan(cli.fraction_below_one("0"))
    assert cli.window_size(" 1400X900 ") == "1400x900"
    for text in ("١٤٠٠x٩٠٠", "1400x", "14.5x9", "-1x5"):  # Arabic-Indic digits: isdigit() only
        with pytest.raises(argparse.ArgumentTypeError):
            cli.window_size(text)


def test_gui_help_says_what_opens_without_a_project(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["gui", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(default: none)" not in text
    assert "the project opened last, else the bundled sample project" in text
