"""The workbench main window: document view in the centre, panels in movable docks.

The window holds the layout (view, panels, docks, status bar), the settings (layout, recent
projects, annotator name) and the parts that do the work, each owning its slots:

- ``model`` (``ui.workbench.document.DocumentModel``): the current document, its layers and
  their lazy loading, with the signals the views follow;
- ``layers`` (``layer_display.LayerController``): feeds the view and the panels from them;
- ``selection`` (``selection.SelectionController``): the selected span and the details panel;
- ``editing`` (``editing.EditingController``): label hotkeys, edges, trimming, span clicks;
- ``navigation`` (``navigation.NavigationController``): which document is shown, following
  the session's ``changed`` signal, and moving between documents and annotations;
- ``event_tools`` (``event_wiring.EventTools``): arcs, events and problems panels, linking;
- the menus (``menus.build_menus``).

Every edit is a core command run by ``Session.execute``. The few methods below that only
forward to those parts are what the dialogs, the review window and ``ui.app`` call on a host.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QToolButton,
    QWidget,
)

from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import hotkey_strokes
from ui.dialogs.prompts import ask_annotator_name, show_message
from ui.docview.view import DocumentView
from ui.i18n import current_language, remember_language
from ui.jobs import ImportJob
from ui.session import Session
from ui.workbench import collector
from ui.workbench.details import DetailsPanel
from ui.workbench.document import DocumentModel
from ui.workbench.editing import EditingController
from ui.workbench.event_wiring import EventTools
from ui.workbench.layer_display import LayerController
from ui.workbench.menus import build_menus
from ui.workbench.navigation import NavigationController
from ui.workbench.panels import AnnotationListPanel, DocumentListPanel, LabelPalette
from ui.workbench.selection import SelectionController

SETTINGS_STATE = "window/state"
SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_ANNOTATOR = "annotator"
SETTINGS_RECENT = "recent"
SETTINGS_PLACE = "place"
MAX_RECENT = 8


def letter_actions(actions: dict[str, QAction]) -> dict[str, Callable[[], object]]:
    """The actions whose key is one letter or digit (with or without modifiers): the hotkey
    dispatcher runs them from the physical key when the keyboard layout is not Latin."""
    out: dict[str, Callable[[], object]] = {}
    for action in actions.values():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            strokes = hotkey_strokes(text)
            last = strokes[0].rsplit("+", 1)[-1] if len(strokes) == 1 else ""
            if len(last) == 1 and last.isascii() and last.isalnum():
                out[text] = action.trigger
    return out


class MainWindow(QMainWindow):
    """One window per session. ``settings`` is passed in (tests point it at a temp file)."""

    recent_menu: QMenu
    import_job: ImportJob | None = None

    def __init__(
        self, session: Session, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.model = DocumentModel(session, self)
        self.setWindowTitle(self.tr("Annotator"))
        self.setObjectName("MainWindow")

        self.view = DocumentView(self)
        self.setCentralWidget(self.view)
        self.documents = DocumentListPanel(self)
        self.label_palette = LabelPalette(self)
        self.annotations = AnnotationListPanel(self)
        self.details = DetailsPanel(self)
        self.docks: dict[str, QDockWidget] = {}
        area = Qt.DockWidgetArea
        self.add_dock("documents", self.tr("Documents"), self.documents, area.LeftDockWidgetArea)
        self.add_dock("labels", self.tr("Labels"), self.label_palette, area.RightDockWidgetArea)
        self.add_dock(
            "annotations", self.tr("Annotations"), self.annotations, area.RightDockWidgetArea
        )
        # scrollable: event and relation sections must never force the window taller
        details_scroll = QScrollArea(self)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setWidget(self.details)
        self.add_dock("details", self.tr("Details"), details_scroll, area.LeftDockWidgetArea)
        self.event_tools = EventTools(self)  # arcs, events and problems docks, linking
        self.selection = SelectionController(
            session, self.model, self.view, self.annotations, self.details, self.event_tools, self
        )
        self.layers = LayerController(self, session, self.model, self)

        # "Annotator: …" is the switch: a click asks for another name
        self.status_annotator = QToolButton(self)
        self.status_annotator.setObjectName("status_annotator")
        self.status_annotator.setAutoRaise(True)
        self.status_annotator.setCursor(Qt.CursorShape.PointingHandCursor)
        self.status_annotator.setToolTip(self.tr("Switch annotator"))
        self.status_annotator.clicked.connect(self.switch_annotator)
        self.statusBar().addPermanentWidget(self.status_annotator)
        self.status_project = QLabel(self)
        self.status_saved = QLabel(self)
        for w in (self.status_project, self.status_saved):
            w.setTextFormat(Qt.TextFormat.PlainText)
            self.statusBar().addPermanentWidget(w)

        self.actions_by_name = build_menus(self)
        self.editing = EditingController(
            session,
            self.model,
            self.view,
            self.label_palette,
            self.selection,
            self.event_tools,
            self.statusBar(),
            self,
        )
        self.navigation = NavigationController(
            session,
            self.model,
            self.documents,
            self.label_palette,
            self.details,
            self.layers,
            self.selection,
            self.editing,
            self.statusBar(),
            self,
        )
        self.editing.hotkeys.set_actions(letter_actions(self.actions_by_name))
        self.session.changed.connect(self.refresh_status)
        self.session.error.connect(self.on_error)
        self.restore_layout()
        self.navigation.show_project()
        self.refresh_status()
        collector.settle()  # what start-up made is never garbage: out of the collector's sight

    def add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        """Put ``widget`` in a movable dock named ``name`` (kept in ``docks``; the name
        also keys the saved layout)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")  # saveState() needs object names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        if name == "validation":
            dock.hide()  # shown when there are problems (EventTools)

    # -- settings ------------------------------------------------------------------------
    def restore_layout(self) -> None:
        geometry = self.settings.value(SETTINGS_GEOMETRY)
        state = self.settings.value(SETTINGS_STATE)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self.size_docks()

    def size_docks(self) -> None:
        """First start: side panels as narrow as their content allows, the text the rest."""
        left = [self.docks["documents"], self.docks["details"]]
        right = [self.docks[n] for n in ("labels", "annotations", "events") if n in self.docks]
        self.resizeDocks(left, [260] * len(left), Qt.Orientation.Horizontal)
        self.resizeDocks(right, [300] * len(right), Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["labels"]], [220], Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        self.settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTINGS_STATE, self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.details.flush_note()
        self.save_place()
        self.save_layout()
        super().closeEvent(event)

    # -- the last place in each project ----------------------------------------------------
    def _place_key(self) -> str:
        path = self.session.path
        digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16] if path else ""
        return f"{SETTINGS_PLACE}/{digest}"

    def save_place(self) -> None:
        """Remember the project's current document, selection and scroll position."""
        doc = self.model.doc
        if self.session.path is None or doc is None:
            return
        start, end = self.view.selection()
        place = {
            "doc": doc.id,
            "span": self.model.selected_uuid,
            "scroll": self.view.verticalScrollBar().value(),
            "selection": [start, end],
        }
        self.settings.setValue(self._place_key(), json.dumps(place))
        self.settings.sync()

    def restore_place(self) -> None:
        """Reopen the project where it was left: document, selected span, text selection
        and scroll position (silently nothing when the document is gone)."""
        project = self.session.project
        raw = self.settings.value(self._place_key(), "")
        if project is None or not isinstance(raw, str) or not raw:
            return
        try:
            place = json.loads(raw)
            doc_id, span = int(place["doc"]), str(place.get("span", ""))
            scroll = int(place.get("scroll", 0))
            start, end = (int(x) for x in place.get("selection", [0, 0]))
        except (ValueError, KeyError, TypeError):
            return
        if doc_id not in {d.id for d in project.documents()}:
            return
        self.navigation.open_document(doc_id)
        self.model.finish_loading()
        if span and self.model.span_of(span) is not None:
            self.selection.select_span(span)
        if start < end:
            self.view.select(start, end)

        def scroll_back() -> None:
            self.view.verticalScrollBar().setValue(scroll)

        scroll_back()
        QTimer.singleShot(0, scroll_back)  # again once the layout has settled

    # -- language ----------------------------------------------------------------------------
    def choose_language(self, lang: str) -> None:
        """Remember the interface language; it takes effect on the next start."""
        remember_language(lang, self.settings)
        if lang != current_language():
            self.statusBar().showMessage(
                self.tr("The language changes when the annotator is started again."), 10000
            )

    def recent_projects(self) -> list[str]:
        value = self.settings.value(SETTINGS_RECENT, [])
        # INI settings give a single-item list back as a plain string.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in items if v]

    def remember_project(self, path: str) -> None:
        recent = [path, *(p for p in self.recent_projects() if p != path)][:MAX_RECENT]
        self.settings.setValue(SETTINGS_RECENT, recent)

    # -- annotator -----------------------------------------------------------------------
    def ensure_annotator(self) -> bool:
        """Use the remembered annotator name, or ask for one (first start)."""
        name = str(self.settings.value(SETTINGS_ANNOTATOR, "") or "")
        if not name:
            name = ask_annotator_name(self) or ""
        if not name:
            return False
        self.settings.setValue(SETTINGS_ANNOTATOR, name)
        self.session.set_annotator(name)
        self.restore_place()  # the layer is the annotator's: select where they left it
        return True

    def switch_annotator(self) -> None:
        name = ask_annotator_name(self, self.session.annotator)
        if name and name != self.session.annotator:
            self.details.flush_note()
            self.settings.setValue(SETTINGS_ANNOTATOR, name)
            self.session.set_annotator(name)

    # -- what the hosts of the dialogs, the review window and the event tools read -----------
    @property
    def doc(self) -> Document | None:
        return self.model.doc

    @property
    def selected_uuid(self) -> str:
        return self.model.selected_uuid

    @property
    def layer(self) -> DocumentAnnotations:
        """The current document's annotations in the current layer (always complete)."""
        return self.model.layer

    def own_span(self, uuid: str) -> Span | None:
        return self.model.span_of(uuid)

    def spans_by_uuid(self) -> dict[str, Span]:
        return self.model.spans_by_uuid()

    def event_of(self, uuid: str) -> str:
        """The uuid of the event this span triggers ("" when none)."""
        return self.model.event_of(uuid)

    def is_loading(self) -> bool:
        return self.model.is_loading()

    def open_document(self, doc_id: int) -> None:
        self.navigation.open_document(doc_id)

    def select_span(self, uuid: str, scroll: bool = False) -> None:
        self.selection.select_span(uuid, scroll)

    def go_to_span(self, uuid: str) -> None:
        self.selection.go_to_span(uuid)

    def rebuild_label_shortcuts(self) -> None:
        self.editing.rebuild_label_shortcuts()

    # -- the status bar ------------------------------------------------------------------
    def refresh_status(self, _changes: object = None) -> None:
        """Annotator, project and last save in the status bar and the title (also on every
        change of the session)."""
        path = self.session.path
        name = (self.session.annotator or "—").replace("&", "&&")  # no mnemonic
        self.status_annotator.setText(self.tr("Annotator: {0}").format(name))
        self.status_project.setText(self.tr("Project: {0}").format(path.name if path else "—"))
        saved = self.session.last_saved
        self.status_saved.setText(self.tr("saved {0}").format(saved) if saved else self.tr("saved"))
        if self.session.read_only:
            self.status_project.setText(
                self.tr("Project: {0} (read-only)").format(path.name if path else "—")
            )
        app = self.tr("Annotator")
        title = f"{path.name} — {app}" if path else app
        if self.session.read_only:
            title = self.tr("{0} (read-only)").format(title)
        self.setWindowTitle(title)

    # -- messages ------------------------------------------------------------------------
    def on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if self.isVisible() and not self.quiet_errors:
            show_message(self, self.tr("Not done"), message)

    quiet_errors = False
    """Tests and screenshots set this: errors go to the status bar only."""

    def warn(self, message: str) -> None:
        show_message(self, self.tr("Annotator"), message)
