"""The command line follows the conventions of spaCy's and Hugging Face's: every option has
help and shows its default, ``--version``, "did you mean" on a mistyped command or choice, the
exit codes the help states, and every format of the registry reachable (DyGIE++ events too)."""

from __future__ import annotations

import argparse
import json
from importlib.metadata import version
from pathlib import Path

import pytest

from annotator.cli import build_parser, main
from annotator.formats.registry import EXPORT_FORMATS, IMPORT_FORMATS, REGISTRY
from annotator.project import Project


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_option_of_every_subcommand_has_help_and_shows_its_default() -> None:
    commands = subcommands(build_parser())
    assert len(commands) >= 10
    for name, parser in commands.items():
        help_text = parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            where = f"{name} {action.option_strings or action.dest}"
            assert action.help and action.help.strip(), f"{where} has no help"
            takes_value = action.option_strings and action.nargs != 0
            if takes_value and action.default not in (None, ""):
                assert f"(default: {action.default})" in " ".join(help_text.split()), where


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"annotator {version('annotator')}"


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["exprot", "p.annotator"], "'export'"),
        (["agreemnt", "p.annotator"], "'agreement'"),
        (["import", "p.annotator", "x.txt", "--format", "doccanno"], "'doccano'"),
        (["export", "p.annotator", "-o", "x", "--format", "spacy-json"], "'spacy-jsonl'"),
        (["export", "p.annotator", "-o", "x", "--events-style", "dygie"], "'dygiepp'"),
    ],
)
def test_a_mistyped_command_or_choice_is_a_usage_error_with_a_suggestion(
    argv: list[str], suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2  # as the help says: 2 is a usage error
    assert f"did you mean {suggestion}?" in capsys.readouterr().err


def test_the_help_states_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "1 failure" in out and "2 usage error" in out


def test_the_cli_offers_every_format_of_the_registry() -> None:
    commands = subcommands(build_parser())

    def choices(command: str, dest: str) -> set[str]:
        (action,) = (a for a in commands[command]._actions if a.dest == dest)
        return {str(c) for c in action.choices or ()}

    assert choices("export", "format") == set(EXPORT_FORMATS)
    assert choices("import", "format") == {"auto"} | {n for n, f in REGISTRY.items() if f.imports}
    assert set(IMPORT_FORMATS) == choices("import", "format")
    assert choices("export", "events_style") == set(REGISTRY["events"].styles)


def arrest_project(path: Path) -> Path:
    with Project.create(path) as p:
        doc = p.add_document("اعتقل محمد علي ببغداد.", name="example")
        per = p.add_span(doc.id, 6, 14, "PER", annotator="amal")
        gpe = p.add_span(doc.id, 16, 21, "GPE", annotator="amal")  # بغداد inside ببغداد
        trg = p.add_span(doc.id, 0, 5, "Justice.Arrest-Jail", annotator="amal")
        ev = p.add_event(trg.uuid)
        p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_argument(ev.uuid, "Place", gpe.uuid)
    return path


def test_dygiepp_events_are_written_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = arrest_project(tmp_path / "p.annotator")
    out = tmp_path / "dygie.jsonl"
    argv = ["export", str(project), "--format", "events", "--events-style", "dygiepp"]
    assert main([*argv, "-o", str(out)]) == 0
    (line,) = out.read_text(encoding="utf-8").splitlines()
    doc = json.loads(line)
    assert {"doc_key", "dataset", "sentences", "ner", "relations", "events"} <= set(doc)
    assert doc["doc_key"] == "example"
    words = [w for sentence in doc["sentences"] for w in sentence]
    assert words == ["اعتقل", "محمد", "علي", "ب", "بغداد", "."]

    def covered(start: int, end: int) -> str:  # DyGIE++ token offsets: end inclusive
        return " ".join(words[start : end + 1])

    assert sorted((covered(s, e), label) for s, e, label in doc["ner"][0]) == [
        ("بغداد", "GPE"),
        ("محمد علي", "PER"),
    ]
    ((trigger, *arguments),) = doc["events"][0]
    assert trigger == [0, "Justice.Arrest-Jail"] and words[trigger[0]] == "اعتقل"
    assert sorted((covered(s, e), role) for s, e, role in arguments) == [
        ("بغداد", "Place"),
        ("محمد علي", "Person"),
    ]

    # the default style is OneIE: one sentence per line, with entity and event mentions
    oneie = tmp_path / "oneie.jsonl"
    assert main(["export", str(project), "--format", "events", "-o", str(oneie)]) == 0
    (sentence,) = (json.loads(x) for x in oneie.read_text(encoding="utf-8").splitlines())
    assert {"tokens", "entity_mentions", "event_mentions"} <= set(sentence)
    capsys.readouterr()


def test_a_style_for_a_format_without_styles_is_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = arrest_project(tmp_path / "p.annotator")
    argv = ["export", str(project), "--format", "conll", "--events-style", "dygiepp"]
    assert main([*argv, "-o", str(tmp_path / "x.conll")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: conll has no styles") and err.count("\n") == 1
    assert not (tmp_path / "x.conll").exists()
