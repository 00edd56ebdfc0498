"""The document view follows an edit's suggestions by what came and went: a span drawn over one
of 30,000 suggestions removes that one from the view, undo adds it back, and neither gives the
view the whole list again (``set_suggestions`` rebuilt its index: ~0.6 s with 143,000)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands.edits import AddSpan
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from ui.docview.spans import ViewSpan
from ui.session import Session
from ui.suggestions import Installed, install
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
N = 30_000
LONG = "كلمة " * N


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A document of 30,000 words, each one a pending suggestion."""
    path = tmp_path / "long.annotator"
    with Project.create(path) as p:
        doc = p.add_document(LONG, name="long").id
        made = [
            Suggestion(new_uuid(), doc, k * 5, k * 5 + 4, "GPE", "كلمة", "annotate-all", 0.9)
            for k in range(N)
        ]
        assert p.add_suggestions(made) == N
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(), settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    yield w
    w.session.close()


def _installed(w: MainWindow) -> Installed:
    installed = install(w)
    assert w.doc is not None
    installed.controller.show_document(w.doc.id)
    return installed


def _as_read(w: MainWindow) -> None:
    """The view shows what reading the project again shows, each marked a suggestion."""
    project, doc = w.session.project, w.doc
    assert project is not None and doc is not None
    fresh = sorted(Project.suggestions(project, doc.id), key=lambda s: (s.start, s.end, s.uuid))
    shown = w.view.suggestions()
    assert [(v.uuid, v.start, v.end, v.label, v.score) for v in shown] == [
        (s.uuid, s.start, s.end, s.label, s.score) for s in fresh
    ]
    assert all(v.suggestion for v in shown)


def _spy(monkeypatch: pytest.MonkeyPatch, w: MainWindow) -> dict[str, list[Any]]:
    """What the view is given: by name, the argument of each call."""
    calls: dict[str, list[Any]] = {"set": [], "add": [], "remove": []}
    for name in calls:
        method = getattr(w.view, f"{name}_suggestions", None)
        if method is None:
            continue

        def spy(given: Any, _m: Any = method, _n: str = name) -> None:
            calls[_n].append(list(given))
            _m(given)

        monkeypatch.setattr(w.view, f"{name}_suggestions", spy)
    return calls


def test_an_edit_gives_the_view_only_the_suggestions_it_changed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    installed = _installed(w)
    c, session = installed.controller, w.session
    assert w.doc is not None and len(w.view.suggestions()) == N
    calls = _spy(monkeypatch, w)
    second = c.items[1]
    c.select(second)
    assert w.view.selected_suggestion() == second.uuid
    # a span over the second suggestion: that one leaves the view, and the selection with it
    assert session.execute(AddSpan(w.doc.id, second.start, second.end, "GPE", ME))
    assert calls == {"set": [], "add": [], "remove": [[second.uuid]]}
    assert second.uuid not in {v.uuid for v in w.view.suggestions()}
    assert w.view.selected_suggestion() is None
    _as_read(w)
    # undo brings back just that one, redo takes it away again
    calls["remove"].clear()
    session.undo()
    assert calls["set"] == [] and calls["remove"] == []
    assert [[v.uuid for v in given] for given in calls["add"]] == [[second.uuid]]
    _as_read(w)
    calls["add"].clear()
    session.redo()
    assert calls == {"set": [], "add": [], "remove": [[second.uuid]]}
    _as_read(w)
    # a new threshold gives the view the whole list again
    c.set_threshold(0.95)
    assert len(calls["set"]) == 1 and w.view.suggestions() == []


def test_the_view_keeps_suggestions_already_marked_and_adds_and_removes_them(
    window: MainWindow,
) -> None:
    view = window.view
    marked = ViewSpan("a", 0, 4, "GPE", "#ff0000", suggestion=True, score=0.9)
    plain = ViewSpan("b", 5, 9, "GPE", "#ff0000", score=0.8)
    view.set_suggestions([marked, plain])
    first, second = view.suggestions()
    assert first is marked  # not copied
    assert second == plain._replace(suggestion=True)
    view.set_selected_suggestion("b")
    view.remove_suggestions(["b", "unknown"])
    assert [v.uuid for v in view.suggestions()] == ["a"]
    assert view.selected_suggestion() is None
    assert view.suggestions_at(6) == []
    view.add_suggestions([plain, marked._replace(end=3)])
    assert view.suggestions() == [marked._replace(end=3), plain._replace(suggestion=True)]
    assert view.suggestions_at(6) == ["b"] and view.suggestions_at(3) == []
