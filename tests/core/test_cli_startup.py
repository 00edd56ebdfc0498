"""``annotator --help`` stays light (issue 12): the top-level help lists every command without
making the others' parsers or loading what the commands do, and a subcommand's parser, made
when it is chosen, is the same as the one ``build_parser()`` makes up front."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from annotator import cli
from annotator.importing import DEFAULT_ANNOTATOR, NEW_LABEL_POLICIES

LIGHT = """
import sys
from annotator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ('annotator.cli_commands', 'annotator.formats', 'annotator.project', 'annotator.store',
         'annotator.importing', 'hashlib', 'difflib', 'sqlite3')
found = [m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in heavy)]
print('LOADED:' + ','.join(sorted(found)))
"""


def loaded_after(*argv: str) -> tuple[str, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", LIGHT, *argv], capture_output=True, text=True, check=True
    )
    text, _, modules = out.stdout.rpartition("LOADED:")
    return text, [m for m in modules.strip().split(",") if m]


def test_top_level_help_lists_every_command_and_loads_nothing_heavy() -> None:
    text, modules = loaded_after("--help")
    assert modules == []
    for name, sub in subcommands(cli.build_parser()).items():
        assert name in text and str(sub.description) in " ".join(text.split())


def test_a_subcommand_help_loads_its_formats_but_not_the_project() -> None:
    text, modules = loaded_after("export", "--help")
    assert "--events-style" in text and "dygiepp" in text
    assert "annotator.formats.registry" in modules
    assert "annotator.project" not in modules and "annotator.store" not in modules


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def help_of(
    parser: argparse.ArgumentParser, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> str:
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(argv)
    assert exc.value.code == 0
    return capsys.readouterr().out


def test_lazy_and_eager_parsers_print_the_same_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = list(subcommands(cli.build_parser()))
    assert len(names) >= 10
    for argv in [["--help"]] + [[name, "--help"] for name in names]:
        eager = help_of(cli.build_parser(), argv, capsys)
        lazy = help_of(cli.build_parser(lazy=True), argv, capsys)
        assert lazy == eager, argv


def test_a_lazy_subcommand_parses_as_the_eager_one() -> None:
    argv = ["export", "p.annotator", "-o", "-", "--format", "conll", "--split", "train=1"]
    lazy = cli.build_parser(lazy=True).parse_args(argv)
    eager = cli.build_parser().parse_args(argv)
    assert vars(lazy) == vars(eager)
    assert lazy.func is cli.cmd_export and lazy.scheme == "IOB2"


def test_the_import_defaults_written_in_the_parser_are_the_importers() -> None:
    assert cli._DEFAULT_ANNOTATOR == DEFAULT_ANNOTATOR
    assert cli._NEW_LABEL_POLICIES == NEW_LABEL_POLICIES
