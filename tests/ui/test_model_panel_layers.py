"""The model panel's layer box lists the project's own layers and offers first the one a
model would be trained on as an analyst expects (QA 16: in a project without a gold layer it
listed and chose ``gold``, and Train failed with "layer 'gold' holds 0 mentions" although the
model shown had learnt from ``amal``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import suggestions as suggestion_commands
from annotator.project import Project
from tests.ui.conftest import open_window
from ui.suggestions.model_panel import ModelPanel, default_layer, layer_choices
from ui.suggestions.source import MODEL_KIND

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "زار الوزير باريس ثم عاد إلى هولندا."


def panel_on(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layers: list[str],
    learnt: str | None,
) -> ModelPanel:  # fmt: skip
    """The window's model panel on a project whose ``layers`` each hold a span, with a
    stored model (a stand-in manifest) learnt from ``learnt`` when given."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    # the stored model is a stand-in (its bytes are no model): its check is not the point
    monkeypatch.setattr(suggestion_commands, "check_stored_model", lambda *a, **k: None)
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d").id
        for layer in layers:
            p.add_span(doc, 11, 16, "GPE", layer)
        if learnt is not None:
            manifest = {"layer": learnt, "trained": "2026-12-01T06:00:00+00:00"}
            p.save_model(MODEL_KIND, b"{}", manifest)
    w = open_window(qtbot, tmp_path, path)
    panel = w.findChild(ModelPanel)
    assert panel is not None
    qtbot.addWidget(w)
    return panel


def items(panel: ModelPanel) -> list[str]:
    return [panel.layer.itemText(i) for i in range(panel.layer.count())]


def test_without_a_gold_layer_the_models_own_layer_is_offered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = panel_on(qtbot, tmp_path, monkeypatch, ["amal"], learnt="amal")
    assert items(panel) == ["amal"]
    assert panel.layer.currentText() == "amal"
    panel.session.close()


def test_gold_first_and_chosen_when_no_model_says_otherwise(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = panel_on(qtbot, tmp_path, monkeypatch, ["amal", "gold", "badr"], learnt=None)
    assert items(panel) == ["gold", "amal", "badr"]
    assert panel.layer.currentText() == "gold"
    panel.session.close()


def test_the_shown_models_layer_is_offered_before_gold(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = panel_on(qtbot, tmp_path, monkeypatch, ["gold", "badr"], learnt="badr")
    assert items(panel) == ["gold", "badr"]
    assert panel.layer.currentText() == "badr"
    panel.layer.setCurrentIndex(panel.layer.findText("gold"))
    panel.load()  # the analyst's choice stays while the project has that layer
    assert panel.layer.currentText() == "gold"
    panel.session.close()


def test_a_project_without_layers_offers_gold() -> None:
    assert layer_choices([]) == ["gold"]
    assert layer_choices(["badr", "gold"]) == ["gold", "badr"]
    assert layer_choices(["badr"]) == ["badr"]


@pytest.mark.parametrize(
    ("current", "learnt", "annotator", "want"),
    [
        ("badr", "amal", "amal", "badr"),  # chosen before
        ("", "amal", "badr", "amal"),  # the model's layer
        ("", None, "badr", "gold"),  # gold
        ("", "gone", "badr", "gold"),  # a model's layer the project no longer has
        ("", ["amal"], "badr", "gold"),  # a damaged manifest's layer is no name
    ],
)
def test_the_layer_offered_first(current: str, learnt: object, annotator: str, want: str) -> None:
    assert default_layer(["gold", "amal", "badr"], current, learnt, annotator) == want
    assert default_layer(["amal", "badr"], "", None, "badr") == "badr"  # the analyst's own
    assert default_layer(["amal", "badr"], "", None, "zed") == "amal"  # else the first


def test_a_models_layer_emptied_since_is_not_offered_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA 17: the model learnt from amal, whose spans were all deleted since; gold holds
    some. Offering amal made Train fail ("holds 0 entity mentions")."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d").id
        gone = p.add_span(doc, 11, 16, "GPE", "amal")
        p.add_span(doc, 11, 16, "GPE", "gold")
        p.delete_span(gone.uuid)
        assert p.holds_spans("gold") and not p.holds_spans("amal")
        manifest = {"layer": "amal", "trained": "2026-12-01T06:00:00+00:00"}
        p.save_model(MODEL_KIND, b"{}", manifest)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    monkeypatch.setattr(suggestion_commands, "check_stored_model", lambda *a, **k: None)
    w = open_window(qtbot, tmp_path, path)
    panel = w.findChild(ModelPanel)
    assert panel is not None
    assert items(panel) == ["gold", "amal"]
    assert panel.layer.currentText() == "gold"
    panel.session.close()


def test_an_emptied_layer_is_skipped_unless_chosen() -> None:
    empty = {"amal"}

    def holds(name: str) -> bool:
        return name not in empty

    names = ["gold", "amal", "badr"]
    assert default_layer(names, "", "amal", "badr", holds) == "gold"
    assert default_layer(["amal", "badr"], "", "amal", "badr", holds) == "badr"
    assert default_layer(names, "amal", "amal", "badr", holds) == "amal"  # the analyst chose it
