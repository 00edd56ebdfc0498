"""Suggestions in the workbench (issues 13 and 14): drawn apart from the annotations in the
document view, a confidence threshold, keys to accept and reject them, and the model panel.

``install(window)`` adds the two docks (Suggestions, Model), the actions with their keys (in
the window, so they work wherever the focus is, and in ``window.actions_by_name``, so the keys
page and the command palette list them) and follows the window's current document. The keys
are no letters (the schema's label hotkeys take letters) and keys every keyboard layout types
the same (Arabic included): Return, Delete and F6 with modifiers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStatusBar,
    QWidget,
)

from annotator.model import Document
from ui.docview.view import DocumentView
from ui.session import Session
from ui.suggestions.controller import SuggestionController
from ui.suggestions.dock import SuggestionsPanel
from ui.suggestions.model_panel import ModelPanel

__all__ = [
    "KEYS",
    "Installed",
    "SuggestionController",
    "UpAndDown",
    "install",
    "next_document",
    "shortcuts",
]

KEYS = {
    "suggestion_accept": "Shift+Return",
    "suggestion_reject": "Shift+Delete",
    "suggestion_accept_all": "Ctrl+Shift+Return",
    "suggestion_reject_all": "Ctrl+Shift+Delete",
    "suggestion_next": "F6",
    "suggestion_prev": "Shift+F6",
}
"""action name -> key; none is a letter, an existing action's key or a layout-dependent key
(a key with Return has the keypad's Enter too: ``shortcuts``)"""


def shortcuts(key: str) -> list[QKeySequence]:
    """The shortcuts of ``key`` (a ``KEYS`` value): with Return, the keypad's Enter too, which
    does what the main Return does everywhere in the window (Qt tells them apart: only
    Shift+Return accepted a suggestion, QA 15; ``ui.workbench.menus`` does the same)."""
    keys = [QKeySequence(key)]
    if key.endswith("Return"):
        keys.append(QKeySequence(key[: -len("Return")] + "Enter"))
    return keys


class _Model(Protocol):
    @property
    def documentChanged(self) -> object: ...  # a Signal(Document | None)

    @property
    def doc(self) -> Document | None: ...


class _Navigation(Protocol):
    def open_document(self, doc_id: int) -> None: ...


class Host(Protocol):
    """What ``install`` uses of the main window."""

    @property
    def session(self) -> Session: ...

    @property
    def view(self) -> DocumentView: ...

    @property
    def docks(self) -> dict[str, QDockWidget]: ...

    @property
    def model(self) -> _Model: ...

    @property
    def navigation(self) -> _Navigation: ...

    def statusBar(self) -> QStatusBar: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...

    def window(self) -> QWidget: ...

    def tr(self, text: str) -> str: ...


class UpAndDown(QScrollArea):
    """Scrolls ``widget`` up and down when it is shorter than it needs, never sideways: as
    narrow as the widget allows with its scroll bar beside it (narrower, the scroll bar
    covered its end), as short as a few lines."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        inside = self.widget()
        if inside is None:
            return least
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inside.minimumSizeHint().width() + bar, least.height())


@dataclass
class Installed:
    controller: SuggestionController
    panel: SuggestionsPanel
    model_panel: ModelPanel
    actions: dict[str, QAction]


class _Texts(QObject):
    """Holds the translatable texts of the actions (context ``_Texts``)."""

    def names(self) -> dict[str, str]:
        return {
            "suggestion_accept": self.tr("Accept the suggestion"),
            "suggestion_reject": self.tr("Reject the suggestion"),
            "suggestion_accept_all": self.tr("Accept all suggestions shown in the document"),
            "suggestion_reject_all": self.tr("Reject all suggestions shown in the document"),
            "suggestion_next": self.tr("Next suggestion"),
            "suggestion_prev": self.tr("Previous suggestion"),
            "dock_suggestions": self.tr("Suggestions"),
            "dock_model": self.tr("Model"),
        }


def install(
    window: Host, actions: dict[str, QAction] | None = None, menu: QMenu | None = None
) -> Installed:
    """Add the suggestions and model docks, their actions and keys to ``window``.

    The actions go into ``actions`` (the menus' table while ``build_menus`` runs; else
    ``window.actions_by_name``), which the keys page and the command palette read, and into
    ``menu`` when one is given. Installing twice gives the first installation back."""
    existing = getattr(window, "suggestions_installed", None)
    if isinstance(existing, Installed):
        return existing
    table: dict[str, QAction] = (
        actions if actions is not None else getattr(window, "actions_by_name", {})
    )
    parent = window if isinstance(window, QWidget) else None
    controller = SuggestionController(window.session, window.view, parent=parent)
    texts = _Texts(parent).names()
    panel = SuggestionsPanel(controller, parent)
    model_panel = ModelPanel(
        window.session,
        lambda: window.model.doc.id if window.model.doc is not None else None,
        lambda doc_id: window.navigation.open_document(doc_id),
        parent,
    )
    made_docks: list[QDockWidget] = []
    # the model panel scrolls: its ~460 px minimum height made the window taller than a
    # 700 px screen when the Model tab was opened (its tabs' minimum is that of the tallest)
    for name, widget in (("suggestions", panel), ("model", UpAndDown(model_panel, parent))):
        dock = QDockWidget(texts[f"dock_{name}"], parent)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.hide()  # hidden before it joins the layout: it never sets the window's minimum
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.docks[name] = dock
        made_docks.append(dock)
    # one tabbed dock, closed until asked for (View menu) or until the open document has
    # suggestions: the text keeps the room, and the window's minimum height stays its own
    if isinstance(parent, QMainWindow):
        parent.tabifyDockWidget(made_docks[0], made_docks[1])
    slots = {
        "suggestion_accept": controller.accept,
        "suggestion_reject": controller.reject,
        "suggestion_accept_all": controller.accept_all,
        "suggestion_reject_all": controller.reject_all,
        "suggestion_next": lambda: controller.step(True),
        "suggestion_prev": lambda: controller.step(False),
    }
    made: dict[str, QAction] = {}
    if menu is not None:
        menu.addSeparator()
    for name, slot in slots.items():
        action = QAction(texts[name], parent)
        action.setObjectName(name)
        action.setShortcuts(shortcuts(KEYS[name]))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _c=False, s=slot: s())
        window.window().addAction(action)
        if menu is not None:
            menu.addAction(action)
        table[name] = action
        made[name] = action
    status = window.statusBar()
    controller.message.connect(lambda text: status.showMessage(text, 5000))
    model_changed = window.model.documentChanged
    model_changed.connect(  # type: ignore[attr-defined]
        lambda doc: controller.show_document(doc.id if doc is not None else None)
    )
    model_panel.trained.connect(lambda _outcome: controller.reload())
    # a document the stored model never suggested for (added after it) gets its suggestions
    # when it is opened, on a worker thread; the controller reads them once stored
    model_changed.connect(  # type: ignore[attr-defined]
        lambda doc: model_panel.suggest_for(doc.id if doc is not None else None)
    )
    model_panel.suggested.connect(
        lambda doc_id: controller.reload() if doc_id == controller.doc_id else None
    )
    had = [False]

    def reveal() -> None:
        """Open the Suggestions dock when the document's suggestions go from none to some."""
        has = bool(controller.items)
        if has and not had[0]:
            made_docks[0].show()
            made_docks[0].raise_()
        had[0] = has

    controller.changed.connect(reveal)
    doc = window.model.doc
    controller.show_document(doc.id if doc is not None else None)
    model_panel.suggest_for(doc.id if doc is not None else None)
    installed = Installed(controller, panel, model_panel, made)
    setattr(window, "suggestions_installed", installed)  # noqa: B010 (the Host has no such field)
    return installed


def next_document(window: object, otherwise: Callable[[], None]) -> None:
    """Go to the next document from ``window``: every "next document" key (F8, Ctrl+Return's
    "and go to the next", Ctrl+PgDown) and the model panel's button follow one rule,
    ``ModelPanel.next_document``: least confident first when that option is on and a model
    is stored, else ``otherwise`` (the key's own order)."""
    installed = getattr(window, "suggestions_installed", None)
    if isinstance(installed, Installed):
        installed.model_panel.next_document(otherwise)
    else:
        otherwise()
