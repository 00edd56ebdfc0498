"""An edit in a document of 30,000 words, each one a pending suggestion (QA: with 143,018
suggestions one added span froze the window 12.5 s, rebuilding a tree widget of every
suggestion): a span added over one suggestion, timed on the window's thread from
``Session.execute`` until it returns (the suggestion controller, the document view and the
Suggestions dock updated). Target (the unit test's bound before it moved here): under 1 s.
``tests/ui/test_suggestions_at_scale.py`` shows why (no read of the document's suggestions,
one row removed from the list, nothing rebuilt).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.commands.edits import AddSpan
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from tests.benchmarks.history import Record
from tests.ui.conftest import isolated_settings  # noqa: F401 (every QSettings under tmp_path)

pytestmark = [pytest.mark.benchmark, pytest.mark.qt_log_ignore("propagateSizeHints")]

TARGET_S = 1.0
SUGGESTIONS = 30_000


def test_an_edit_among_30000_suggestions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bench: Record
) -> None:
    from tests.ui.test_suggestions_at_scale import LONG, ME, _installed, _window

    path = tmp_path / "long.annotator"
    with Project.create(path) as p:
        doc = p.add_document(LONG, name="long").id
        made = [
            Suggestion(new_uuid(), doc, k * 5, k * 5 + 4, "GPE", "كلمة", "annotate-all", 0.9)
            for k in range(SUGGESTIONS)
        ]
        assert p.add_suggestions(made) == SUGGESTIONS
    w = _window(qtbot, tmp_path, path, monkeypatch)
    try:
        installed = _installed(w)
        assert w.doc is not None and len(installed.controller.shown()) == SUGGESTIONS
        t0 = time.perf_counter()
        assert w.session.execute(AddSpan(w.doc.id, 5, 9, "GPE", ME))
        took = time.perf_counter() - t0
        assert len(installed.controller.shown()) == SUGGESTIONS - 1
        print(
            f"\na span added among {SUGGESTIONS:,} suggestions: {took:.3f} s "
            f"({took / TARGET_S:.2f}x the target < {TARGET_S} s)"
        )
        bench("suggestions_edit_30k.add_span", took, "s", f"< {TARGET_S} s")
        assert took < TARGET_S, took
    finally:
        w.session.close()
