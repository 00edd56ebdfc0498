"""``annotator agreement --visual`` (QA round 13): the tables' cells were reshaped and put in
display order, but the summary line naming the annotators (``annotators: أمل, بدر; …``)
stayed in logical order, unjoined letters reading backwards on a terminal without bidi. Now
every line the agreement printer emits under ``--visual`` holds no Arabic in logical order."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.agreement import agreement, format_result, project_layers
from annotator.cli import main
from annotator.project import Project
from annotator.terminal import visual

TEXT = "اعتقل محمد علي ببغداد أمس مساء."
NAMES = ["أمل", "بدر"]


def logical_arabic(line: str) -> str:
    """The Arabic letters of ``line`` in logical (unshaped) form: U+0621–U+064A; shaped text
    holds presentation forms (U+FB50–U+FEFF) instead."""
    return "".join(ch for ch in line if "\u0621" <= ch <= "\u064a")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for name in NAMES:
            p.add_annotator(name)
        doc = p.add_document(TEXT, name="وثيقة").id
        p.add_span(doc, 6, 14, "PER", NAMES[0])
        p.add_span(doc, 6, 14, "ORG", NAMES[1])
        p.add_span(doc, 15, 21, "GPE", NAMES[0])
        p.add_span(doc, 15, 21, "GPE", NAMES[1])
    return path


def test_every_line_is_in_display_order(project: Path) -> None:
    with Project.open(project, read_only=True) as p:
        result = agreement(project_layers(p, NAMES), NAMES)
    logical = format_result(result)
    assert f"annotators: {', '.join(NAMES)};" in logical  # without --visual: as they are
    shown = format_result(result, visual=True)
    lines = shown.splitlines()
    assert lines[0].startswith(f"annotators: {visual(NAMES[0])}, {visual(NAMES[1])};")
    assert [line for line in lines if logical_arabic(line)] == []


def test_the_command_prints_no_logical_arabic(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", str(project), "--visual"]) == 0
    out = capsys.readouterr().out
    assert visual(NAMES[0]) in out.splitlines()[0]
    assert [line for line in out.splitlines() if logical_arabic(line)] == []
