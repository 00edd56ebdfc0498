"""``annotator hub ...`` and ``annotator sync`` without a server: the parser (every option with
help and its default, "did you mean", the exit codes in the help), a light ``--help``, and a URL
holding a password refused before anything is opened (never printed). Against a real server:
tests/hub/test_cli_team.py."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import cli
from annotator.cli import build_parser, main


def hub_commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    hub = sub.choices["hub"]
    (nested,) = (a for a in hub._actions if isinstance(a, argparse._SubParsersAction))
    return dict(nested.choices)


def test_every_hub_command_option_has_help_and_shows_its_default() -> None:
    commands = hub_commands()
    assert set(commands) == {
        "init", "member", "add-documents", "assign", "queue", "review-queue", "status", "schema"
    }  # fmt: skip
    for name, parser in commands.items():
        text = " ".join(parser.format_help().split())
        assert "exit status: 0 success; 1 failure" in text and "never printed" in text
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            where = f"hub {name} {action.option_strings or action.dest}"
            assert action.help and action.help.strip(), f"{where} has no help"
            if action.option_strings and action.nargs != 0:
                if action.default not in (None, ""):
                    assert f"(default: {action.default})" in text, where
                else:  # no default value: the help says what happens without the option
                    assert "default" in action.help or action.required, where


def test_the_member_kinds_written_in_the_parser_are_the_hubs() -> None:
    from annotator.hub.team import KINDS

    assert cli._HUB_KINDS == KINDS


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["hub", "stauts", "service=x"], "'status'"),
        (["hub", "member", "service=x", "amal", "analist"], "'analyst'"),
        (["snyc", "p.annotator", "service=x"], "'sync'"),
        (["serach", "p.annotator", "x"], "'search'"),
        (["search", "p.annotator", "x", "--mode", "prefx"], "'prefix'"),
    ],
)
def test_a_mistyped_hub_command_or_choice_suggests_the_closest(
    argv: list[str], suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert f"did you mean {suggestion}?" in capsys.readouterr().err


def test_hub_help_loads_neither_the_hub_nor_psycopg() -> None:
    code = (
        "import sys\nfrom annotator.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('LOADED:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] == "
        "'psycopg' or m.startswith('annotator.hub') or m.startswith('annotator.project'))))"
    )
    for argv in (["hub", "--help"], ["hub", "assign", "--help"], ["sync", "--help"]):
        out = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
        ).stdout
        assert "usage:" in out, argv
        assert out.rpartition("LOADED:")[2].strip() == "", argv


@pytest.mark.parametrize(
    "argv",
    [
        ["sync", "{project}", "postgresql://amal:s3cret-pw@db.example.org/team"],
        ["hub", "status", "host=db.example.org user=amal password=s3cret-pw dbname=team"],
        ["hub", "init", "postgresql://amal:s3cret-pw@db.example.org/team"],
    ],
)
def test_a_url_with_a_password_is_refused_before_anything_and_never_printed(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    project.write_bytes(b"")  # never opened: the URL is refused first
    code = main([a.format(project=project) for a in argv])
    out = capsys.readouterr()
    assert code == 1 and out.out == ""
    assert out.err.startswith("annotator: error: the hub URL holds a password")
    assert "s3cret" not in out.err and len(out.err.splitlines()) == 1
    assert project.read_bytes() == b"" and not Path(str(project) + ".lock").exists()


def test_an_unreachable_hub_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = tmp_path / "nothing-here"
    sock.mkdir()
    code = main(["hub", "status", f"postgresql://amal@/team?host={sock}&connect_timeout=2",
                 "--mirror", str(tmp_path / "m.annotator")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("annotator: error: cannot connect to the hub amal@")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "m.annotator").exists()  # an unreachable hub makes no mirror


@pytest.mark.parametrize(
    ("extra", "message", "code"),
    [
        (["--share", "0.1"], "--share needs --more", 1),
        (["--more", "3"], "--more needs --share", 1),
        (["--more", "3", "--share", "1.5"], "0 to 1", 2),  # a malformed value: usage error
        (["--overlap", "0"], "1 or more", 2),
    ],
)
def test_assign_checks_its_options_before_connecting(
    extra: list[str], message: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["hub", "assign", "service=nowhere", "amal", "badr", "--overlap", "2", *extra]
    if code == 2:  # argparse's usage and one line
        with pytest.raises(SystemExit) as usage:
            main(argv)
        assert usage.value.code == 2
    else:
        assert main(argv) == code
    assert message in capsys.readouterr().err
