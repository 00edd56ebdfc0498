"""The entity list (ui.search.entities): groups by label and folded text with counts and
layers, filtering, activation and the relabel/delete requests; a screenshot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.search import EntityGroup, entity_groups
from ui.search import EntityList


def spans() -> list[Span]:
    out = []
    k = 0
    for doc in range(1, 4):
        for text, label, layer in (
            ("باريس", "GPE", "ana"),
            ("بَاريس", "GPE", "bo"),
            ("وزارة الدفاع", "ORG", "ana"),
            ("هولندا", "GPE", "ana"),
            ("آشتون كارتر", "PER", "gold"),
        ):
            if doc == 3 and label != "GPE":
                continue
            k += 1
            out.append(Span(f"s{k}", doc, layer, 0, len(text), label, text))
    out.append(Span("rlo", 1, "ana", 0, 6, "PER", "\u202eجان\u202c إيف"))
    return out


def make_list(qtbot: QtBot) -> EntityList:
    widget = EntityList()
    qtbot.addWidget(widget)
    widget.set_groups(entity_groups(spans()), labels=["PER", "GPE", "ORG", "LOC"])
    widget.resize(640, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(widget: EntityList) -> list[tuple[str, ...]]:
    proxy = widget.proxy
    return [tuple(str(proxy.index(r, c).data()) for c in range(5)) for r in range(proxy.rowCount())]


def test_groups_with_counts_and_layers(qtbot: QtBot, shots: Path) -> None:
    widget = make_list(qtbot)
    shown = rows(widget)
    assert shown[0] == ("GPE", "باريس", "6", "3", "ana (3), bo (3)")
    assert ("ORG", "وزارة الدفاع", "2", "2", "ana (2)") in shown
    assert ("PER", "⟦RLO⟧جان⟦PDF⟧ إيف", "1", "1", "ana (1)") in shown  # shown, not obeyed
    assert [r[2] for r in shown] == sorted((r[2] for r in shown), reverse=True)
    widget.grab().save(str(shots / "search_entities.png"))
    widget.filter.setText("هولندا")
    assert [r[1] for r in rows(widget)] == ["هولندا"]
    widget.filter.setText("ORG")
    assert [r[0] for r in rows(widget)] == ["ORG"]


def test_activation_and_group_requests(qtbot: QtBot) -> None:
    widget = make_list(qtbot)
    with qtbot.waitSignal(widget.entityActivated) as blocker:
        widget.view.doubleClicked.emit(widget.proxy.index(0, 1))
    group = blocker.args[0]
    assert isinstance(group, EntityGroup)
    assert (group.label, group.key, group.count) == ("GPE", "باريس", 6)
    menu = widget.menu_for(0)
    show, relabel, delete = [a for a in menu.actions() if not a.isSeparator()]
    submenu = relabel.menu()
    assert isinstance(submenu, QMenu)
    assert [a.text() for a in submenu.actions()] == ["PER", "ORG", "LOC"]
    with qtbot.waitSignal(widget.relabelRequested) as blocker:
        submenu.actions()[2].trigger()
    assert blocker.args == [group, "LOC"]
    with qtbot.waitSignal(widget.deleteRequested) as blocker:
        delete.trigger()
    assert blocker.args == [group] and delete.text() == "Delete all 6 mentions"
    with qtbot.waitSignal(widget.entityActivated):
        show.trigger()
