"""Training and suggesting in a child process for the window (``isolated.train_and_suggest``):
the child reads the layer from the project file itself, so the calling process loads no
learning module and pickles no text; the result is the one training here gives."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.learn.corpus import NotEnoughData
from annotator.learn.isolated import _train_and_suggest, train_and_suggest
from annotator.learn.suggest import Suggested
from annotator.locking import EXCLUSIVE, acquire
from annotator.project import Project
from tests.core.learn_plain import plain
from tests.core.test_learn import CITIES, synthetic_document


@pytest.fixture
def labelled(project: Project) -> Project:
    for k in range(8):
        text, spans = synthetic_document(k, cities=CITIES[:8])
        doc = project.add_document(text, name=f"doc{k}")
        for s, e, label in spans:
            project.add_span(doc.id, s, e, label, "gold")
    text, _ = synthetic_document(99, cities=CITIES)
    project.add_document(text, name="unread")
    return project


def test_the_caller_loads_no_learning_module_and_gets_the_same_model(labelled: Project) -> None:
    """In a fresh interpreter (as the window's process before its first training): training
    in the child leaves crfsuite, numpy and the learning modules unloaded there, and what
    comes back equals training in this process, suggestions and confidence included."""
    ids = [d.id for d in labelled.documents()]
    script = textwrap.dedent(f"""
        import json, sys
        from annotator.learn.isolated import train_and_suggest
        from annotator.project import Project
        from tests.core.learn_plain import HEAVY, plain

        with Project.open({str(labelled.path)!r}, read_only=True) as p:
            made = train_and_suggest(p, "gold", {ids[-2:]!r})
        print(json.dumps({{"loaded": [m for m in HEAVY if m in sys.modules],
                           "made": plain(made)}}))
    """)
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
        timeout=300,
    )
    there = json.loads(run.stdout.strip().splitlines()[-1])
    assert there["loaded"] == []
    here = plain(train_and_suggest(labelled, "gold", ids[-2:], isolated=False))
    assert there["made"] == json.loads(json.dumps(here))
    assert here["suggestions"] and set(here["confidence"]) == {str(i) for i in ids[-2:]}


def test_the_child_reads_a_project_a_window_holds(labelled: Project) -> None:
    """The window holds its project's lock exclusively; the child opens the file read-only
    (no lock), so training goes on. Every document's suggestions when asked (None)."""
    with acquire(labelled.path, EXCLUSIVE):
        made = train_and_suggest(labelled, "gold", None)
    docs = {d.id for d in labelled.documents()}
    assert set(made.suggested.confidence) == docs
    assert {s.doc_id for s in made.suggested.suggestions} <= docs
    assert made.manifest["layer"] == "gold" and made.manifest["documents"] == 8


def test_too_little_to_learn_is_said_across_the_process(project: Project) -> None:
    doc = project.add_document("ذهب أحمد إلى باريس ثم إلى لندن .", name="one")
    project.add_span(doc.id, 4, 8, "PER", "gold")
    with pytest.raises(NotEnoughData, match="holds 1 entity mentions in 1 labelled"):
        train_and_suggest(project, "gold", [doc.id])
    with pytest.raises(NotEnoughData, match="holds 1 entity mentions"):
        train_and_suggest(project, "gold", [doc.id], isolated=False)


def test_suggestions_come_back_in_parts(labelled: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child sends its suggestions ``PART`` at a time (each message is read with the GIL
    held); the parts together are every suggestion, and the result then holds none."""
    import annotator.learn.isolated as isolated

    monkeypatch.setattr(isolated, "PART", 3)
    whole = _train_and_suggest(labelled, "gold", None, lambda *a: None)
    parts: list[list[object]] = []
    made = _train_and_suggest(labelled, "gold", None, lambda *a: None, parts.append)
    assert len(whole.suggested.suggestions) > 6
    assert all(len(p) <= 3 for p in parts) and made.suggested.suggestions == []
    key = [(s.doc_id, s.start, s.end, s.label) for s in whole.suggested.suggestions]
    got = [(s.doc_id, s.start, s.end, s.label) for p in parts for s in p]  # type: ignore[attr-defined]
    assert got == key
    assert isinstance(made.suggested, Suggested)
    assert made.suggested.confidence == whole.suggested.confidence
