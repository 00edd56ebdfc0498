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
forward to those parts are what the host protocols of the dialogs, the review window and the
linker (``ui.events.relations.LinkHost``) still call; code of the workbench and ``ui.app``
use the parts themselves.

Start-up in two steps (issue 12). ``MainWindow(session, settings)`` is complete when it
returns. ``ui.app.run`` passes ``deferred=True`` instead: the window then has only its
document view and status bar, ``open_first`` opens the project and puts the text of the
document the analyst left off in the view, the window is shown and paints it, and
``finish_startup`` (right after that first paint: ``ui.app.AfterFirstPaint``) builds the
panels, docks, menus and controllers, whose modules are imported only then. Until then the
window is not ``is_complete()``; closing it then saves its geometry only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QToolButton, QWidget

from annotator.errors import AnnotatorError
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import hotkey_strokes
from ui.docview.view import DocumentView
from ui.i18n import core_text, current_language, menu_text, remember_language
from ui.screen import fit_to_screen
from ui.session import Changes, ProjectLocked, Session
from ui.workbench import collector
from ui.workbench.document import DocumentModel

if TYPE_CHECKING:
    # (PySide6 makes a class's Python type when it is first touched: 1-2 ms each for these)
    from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
    from PySide6.QtWidgets import QDockWidget, QMenu

    # built by ``finish_startup``, which imports them: the first paint needs none of them
    from ui.jobs import ImportJob
    from ui.workbench.details import DetailsPanel
    from ui.workbench.editing import EditingController
    from ui.workbench.event_wiring import EventTools
    from ui.workbench.hub_notice import HubLayerNotice
    from ui.workbench.layer_display import LayerController
    from ui.workbench.navigation import NavigationController
    from ui.workbench.panels import AnnotationListPanel, DocumentListPanel, LabelPalette
    from ui.workbench.selection import SelectionController

SETTINGS_STATE = "window/state"
SETTINGS_STATE_RTL = "window/state-rtl"
"""the dock places of a right-to-left (Arabic) interface, kept apart from the left-to-right
ones: a layout saved in one direction restored in the other would put every dock on the
wrong side"""
SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_ANNOTATOR = "annotator"
SETTINGS_RECENT = "recent"
SETTINGS_PLACE = "place"
MAX_RECENT = 8
SIDE_WIDTH = (260, 320)
"""the first start's width of the docks on the start side and on the end side of the text"""
TEXT_SHARE = 0.5
"""the share of the window's width the text keeps at least on a first start
(``wants_one_column``)"""
BELOW_SHARE = 0.28
"""the share of the window's height a dock below the text opens at, at most (``_hold_below``)"""
LAYOUT_SLACK = 48
"""a dock's title bar and its tab bar, above and below the widget it holds"""


def mirrored_area(area: Qt.DockWidgetArea, rtl: bool) -> Qt.DockWidgetArea:
    """The dock area ``area`` (named for a left-to-right interface) in an interface whose
    direction is right-to-left when ``rtl``: left and right swapped, top and bottom kept."""
    if not rtl:
        return area
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    return right if area == left else left if area == right else area


def letter_actions(actions: dict[str, QAction]) -> dict[str, Callable[[], object]]:
    """The actions whose key is one letter or digit (with or without modifiers): the hotkey
    dispatcher runs them from the physical key when the keyboard layout is not Latin."""
    from PySide6.QtGui import QKeySequence  # (after the first paint, as the actions)

    out: dict[str, Callable[[], object]] = {}
    for action in actions.values():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            strokes = hotkey_strokes(text)
            last = strokes[0].rsplit("+", 1)[-1] if len(strokes) == 1 else ""
            if len(last) == 1 and last.isascii() and last.isalnum():
                out[text] = action.trigger
    return out


def open_session_project(w: MainWindow, path: Path, create: bool) -> bool:
    """``MainWindow.open_in_session`` (its messages under the host context ``w``, where the
    translations of ``menus.open_project``'s messages are)."""
    try:
        if create:
            w.session.create_project(path)
        else:
            w.session.open_project(path)
    except ProjectLocked as exc:
        # imported here and below: the dialogs are needed only when something goes wrong
        from ui.dialogs import prompts

        # another window (or an import) writes it: viewing it read-only is still possible
        if not prompts.ask_read_only(w.window(), core_text(exc)):
            return False
        try:
            w.session.open_project(path, read_only=True)
        except (AnnotatorError, OSError) as again:
            prompts.show_message(w.window(), w.tr("Cannot open the project"), core_text(again))
            return False
    except (AnnotatorError, OSError) as exc:
        from ui.dialogs import prompts

        prompts.show_message(w.window(), w.tr("Cannot open the project"), core_text(exc))
        return False
    return True


class Place(NamedTuple):
    """Where the analyst left a project: document, selected span, scroll position and text
    selection (saved per project in the settings).

    ``top`` is the line at the top of the view: its paragraph (block number) and where that
    line starts in it (Qt's position inside the block). The scroll bar's value (``scroll``,
    all that older settings hold) is no place to go back to: it counts visual lines, and a
    paragraph not laid out yet counts as one, so where the text wraps the same value shows
    other lines in a new window (and moves as the paragraphs above it are laid out)."""

    doc: int
    span: str
    scroll: int
    selection: tuple[int, int]
    top: tuple[int, int] | None = None


class MainWindow(QMainWindow):
    """One window per session. ``settings`` is passed in (tests point it at a temp file).
    ``deferred``: build only the view and the status bar now, the rest in ``finish_startup``
    (see the module's docstring)."""

    recent_menu: QMenu
    import_job: ImportJob | None = None
    # made by finish_startup
    documents: DocumentListPanel
    label_palette: LabelPalette
    annotations: AnnotationListPanel
    details: DetailsPanel
    event_tools: EventTools
    selection: SelectionController
    layers: LayerController
    editing: EditingController
    navigation: NavigationController
    hub_notice: HubLayerNotice
    actions_by_name: dict[str, QAction]

    def __init__(
        self,
        session: Session,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        deferred: bool = False,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.model = DocumentModel(session, self)
        self.setWindowTitle(self.tr("Annotator"))
        self.setObjectName("MainWindow")
        self.view = DocumentView(self)
        self.setCentralWidget(self.view)
        self.docks: dict[str, QDockWidget] = {}
        self._complete = False
        self._opened: set[str] = set()  # the docks opened in this window (``_dock_shown``)
        self._opened_first: Path | None = None  # the project open_first opened

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
        self.session.changed.connect(self.refresh_status)
        self.session.error.connect(self.on_error)
        # a big file the app did not close itself is read at once and checked meanwhile:
        # the status bar says so, and editing comes on when the check has passed
        self.session.checked.connect(self.refresh_status)
        self.session.notice.connect(self.show_notice)
        self.restore_geometry()
        if deferred:
            self.refresh_status()
        else:
            self.finish_startup()

    def is_complete(self) -> bool:
        """Whether the panels, docks, menus and controllers are built (``finish_startup``)."""
        return self._complete

    def finish_startup(self) -> None:
        """Build the panels, docks, controllers and menus (once; ``__init__`` calls it unless
        ``deferred``), restore the saved layout and show the session's project in all of
        them. After ``open_first``, the parts built here are told of the project it opened
        (a ``project`` change: the navigation shows its document again, now with its layer,
        the problems panel and the suggestions read it), and the place the analyst left is
        restored, as ``menus.open_project`` does."""
        if self._complete:
            return
        self._complete = True
        # imported here, not at the top: the first paint of ``ui.app.run`` waits for none
        from PySide6.QtWidgets import QFrame, QScrollArea

        from ui.docview.fonts import register_bold_face
        from ui.workbench.details import DetailsPanel
        from ui.workbench.editing import EditingController
        from ui.workbench.event_wiring import EventTools
        from ui.workbench.hub_notice import HubLayerNotice
        from ui.workbench.layer_display import LayerController
        from ui.workbench.menus import build_menus
        from ui.workbench.navigation import NavigationController
        from ui.workbench.panels import AnnotationListPanel, DocumentListPanel, LabelPalette
        from ui.workbench.selection import SelectionController

        register_bold_face()  # (the first paint needs only the Regular face)
        session = self.session
        self.documents = DocumentListPanel(self)
        self.label_palette = LabelPalette(self)
        self.annotations = AnnotationListPanel(self)
        self.details = DetailsPanel(self)
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
        # edits in a layer the project's hub role does not push: said before they pile up
        self.hub_notice = HubLayerNotice(self)
        self.restore_state()
        opened, self._opened_first = self._opened_first, None
        if opened is not None and session.project is not None:
            # every part above was made after the project was opened: tell them all
            session.changed.emit(Changes("project", documents=True))
            self.restore_place()
            self.remember_project(str(opened))
        else:
            self.navigation.show_project()
        self.refresh_status()
        collector.settle()  # what start-up made is never garbage: out of the collector's sight

    # -- the first paint -----------------------------------------------------------------
    def open_in_session(self, path: Path, create: bool = False) -> bool:
        """Open (or create) the project at ``path`` in the session; a project another window
        or writer has open is offered read-only. Errors are shown, never raised (False).
        The remembered annotator comes first: the project is shown once, in that layer (the
        document list is not filled for no layer and then again)."""
        name = self.remembered_annotator()
        if name and name != self.session.annotator:
            self.session.set_annotator(name)
        return open_session_project(self, path, create)

    def open_first(self, path: Path, create: bool = False) -> bool:
        """Start-up before the window is shown (``deferred`` only): open the project at
        ``path`` (created when ``create``) for the remembered annotator and put the text of
        the document the analyst left (else the first one) in the view, and nothing more;
        ``finish_startup`` shows the rest. False (the error shown) when it cannot be
        opened."""
        assert not self._complete, "open_first comes before finish_startup"
        if not self.open_in_session(path, create):
            return False
        name = self.remembered_annotator()
        if name:  # only the status bar listens yet; ensure_annotator then changes nothing
            self.session.set_annotator(name)
        project = self.session.project
        assert project is not None
        place = self.saved_place()
        doc: Document | None = None
        if place is not None:
            try:
                doc = project.document(place.doc)
            except AnnotatorError:  # the document is gone: the first one, as restore_place
                doc = None
        if doc is None:
            first = project.document_names(limit=1)
            doc = project.document(first[0][0]) if first else None
        self.model.set_document(doc)
        self.view.set_text(doc.text if doc else "")
        self._opened_first = path
        return True

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget, *rest: Any) -> None:
        """As ``QMainWindow.addDockWidget``, mirrored in a right-to-left interface: a dock
        asked for on the left goes on the right and the reverse (Qt lays the menus and the
        central widget out from the right, but keeps dock areas where they are). Every dock
        the window and its tools add comes through here, named by its English side."""
        super().addDockWidget(mirrored_area(area, self.isRightToLeft()), dock, *rest)

    def add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        """Put ``widget`` in a movable dock named ``name`` (kept in ``docks``; the name
        also keys the saved layout)."""
        from PySide6.QtWidgets import QDockWidget  # (after the first paint, as the docks)

        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")  # saveState() needs object names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        if name == "validation":
            dock.hide()  # shown when there are problems (EventTools)

    # -- settings ------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        """The saved window geometry (else 1400x900), at most the available size of its
        screen (``fit_to_screen``: whole on a 1366x768 laptop, or when the saved size was
        made on a larger screen)."""
        geometry = self.settings.value(SETTINGS_GEOMETRY)
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            fit_to_screen(self, QSize(1400, 900))
        elif not self.windowState() & (
            Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        ):
            fit_to_screen(self, self.size())

    def restore_state(self) -> None:
        """The saved places of the docks (else ``arrange_docks`` and ``size_docks``), checked
        once the layout has taken the docks in (``_text_room``)."""
        from PySide6.QtCore import QTimer

        for dock in self._all_docks():
            dock.visibilityChanged.connect(partial(self._dock_shown, dock))
        state = self.settings.value(self._state_key())
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self.arrange_docks()
            self.size_docks()
        QTimer.singleShot(0, self, self._text_room)

    _settled = False
    """whether the layout has taken the docks in (``_text_room``): the corners follow from
    then on (``_fit_corners``; before, the text's width is the whole window's)"""

    def _text_room(self) -> None:
        """The text gets its room. The docks are added to a window already shown (after the
        first paint, ``finish_startup``): the layout takes them in on a later turn of the
        event loop, giving each its size hint, and ``resizeDocks`` made before that is lost.
        On a first start the document list took ~1,150 px of a 1366 px screen and the text
        ~60 px, and that layout was saved for the next starts. So the docks are sized again
        now (placed again first when the window's width changed the first start's choice
        meanwhile, ``arrange_docks``), and a saved layout that leaves the text under a third
        of the window (saved so) is sized again too."""
        state = self.settings.value(self._state_key())
        if isinstance(state, QByteArray):
            # again, now that the layout holds the docks: restored before, the sizes it holds
            # were lost (a dock below the text came back taking nearly all of its height)
            self.restoreState(state)
            layout = self.layout()
            if layout is not None:
                layout.activate()
        central = self.centralWidget()
        narrow = central is not None and central.width() < max(200, self.width() // 3)
        if not isinstance(state, QByteArray):
            if self._one_column != self.wants_one_column():
                self.arrange_docks()
            self.size_docks()
            self._raise_first_tabs()
        elif narrow:
            self.size_docks()
        QTimer.singleShot(0, self, self._settle)  # once laid out so

    def _settle(self) -> None:
        """The layout holds the docks: the corners follow it from now on, and the docks
        open now (a saved layout's) are left at the size they came back with."""
        self._settled = True
        self._fit_corners()
        self._opened.update(d.objectName() for d in self._all_docks() if d.isVisible())

    def _all_docks(self) -> list[QDockWidget]:
        """Every dock of the window, the search and entity docks too (not in ``docks``)."""
        from PySide6.QtWidgets import QDockWidget  # (after the first paint, as the docks)

        return self.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def _dock_shown(self, dock: QDockWidget, shown: bool) -> None:
        """A dock opened or closed: the corners follow (``_fit_corners``), and a dock below
        the text opened for the first time is held to ``BELOW_SHARE`` of the window's
        height (``_hold_below``). (Nothing while the window is being deleted: its docks
        are hidden then, after the window's C++ part has gone.)"""
        from shiboken6 import isValid

        if not isValid(self):
            return
        self._fit_corners()
        name = dock.objectName()
        if shown and self._settled and name not in self._opened:
            self._opened.add(name)
            if self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
                QTimer.singleShot(0, self, partial(self._hold_below, dock))

    def _hold_below(self, dock: QDockWidget) -> None:
        """The search dock opened at its size hint (~270 px): on a 700 px screen that left
        the lists beside the text at their minimum (the Suggestions list 2½ rows). At most
        ``BELOW_SHARE`` of the window's height, then, the first time it opens in a window;
        resized, it stays as resized (and a saved layout keeps its size)."""
        most = int(self.height() * BELOW_SHARE)
        if self._settled and dock.isVisible() and dock.height() > most:
            self.resizeDocks([dock], [most], Qt.Orientation.Vertical)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_corners()

    def _fit_corners(self) -> None:
        """The side columns reach the window's bottom when the text is as wide as the docks
        below it need (the search dock ~700 px): a dock opened there (search, problems) then
        takes height from the text alone, not from the lists beside it (the Suggestions list
        kept two rows). Else the docks below span the whole width, which the window has
        room for (under the text alone they made it wider than a 1024 px screen). Decided
        once the layout holds the docks (a saved layout brings its own corners back, then
        checked), when a dock opens or closes and when the window is resized."""
        if not self._settled:
            return
        central = self.centralWidget()
        bottom = [
            d.minimumSizeHint().width()
            for d in self._all_docks()
            if self.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea
        ]
        self._set_corners(central is not None and central.width() >= max(bottom, default=0))

    def _set_corners(self, sides: bool) -> None:
        """The bottom corners to the side columns when ``sides``, else to the docks below."""
        for corner, side in (
            (Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
            (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            wanted = side if sides else Qt.DockWidgetArea.BottomDockWidgetArea
            if self.corner(corner) != wanted:
                self.setCorner(corner, wanted)

    def _state_key(self) -> str:
        """Where the dock places of this interface direction are saved."""
        return SETTINGS_STATE_RTL if self.isRightToLeft() else SETTINGS_STATE

    _one_column: bool | None = None
    """how ``arrange_docks`` placed the docks (None: it did not)"""

    def wants_one_column(self) -> bool:
        """Whether the window is too narrow for a column of docks on each side of the text:
        the text would keep less than ``TEXT_SHARE`` of the width (a 1024 px laptop screen:
        two columns left the Arabic text ~380 px, five words a line)."""
        end = [self.docks[n] for n in ("labels", "annotations", "suggestions") if n in self.docks]
        right = max([SIDE_WIDTH[1], *(d.widget().minimumSizeHint().width() for d in end)])
        return self.width() - SIDE_WIDTH[0] - right < self.width() * TEXT_SHARE

    def arrange_docks(self) -> None:
        """First start: where the docks go (a saved layout keeps the analyst's own).

        The lists of the open document (Annotations, Events, Suggestions, Model) are one
        tabbed dock, so the one shown gets the column's height: stacked, each got 2-3 rows
        on a laptop screen (Suggestions 2½ rows at 1024x700), and their minimum heights
        summed made the window taller than the screen. On a wide window: Documents above
        Details on the start side, Labels above the lists on the end side. On a narrow one
        (``wants_one_column``) one column on the end side: Details, Labels and Documents
        tabbed above the lists, and the text keeps the rest of the width. Mirrored in a
        right-to-left interface (``addDockWidget``). Placed again as a whole each time, so
        it can be called on a layout it made (``_text_room``)."""
        area, vertical = Qt.DockWidgetArea, Qt.Orientation.Vertical
        docks = self.docks
        one_column = self.wants_one_column()
        top, lists = docks["details"], docks["annotations"]
        if not one_column:
            top = docks["labels"]
            self.addDockWidget(area.LeftDockWidgetArea, docks["documents"])
            self.splitDockWidget(docks["documents"], docks["details"], vertical)
        # (split before tabbing: a dock split from a tabbed one joins its tabs instead)
        self.addDockWidget(area.RightDockWidgetArea, top)
        self.splitDockWidget(top, lists, vertical)
        if one_column:
            for name in ("labels", "documents"):
                self.tabifyDockWidget(top, docks[name])
        for name in ("events", "suggestions", "model"):
            if name in docks:
                self.tabifyDockWidget(lists, docks[name])
        self._one_column = one_column
        self._raise_first_tabs()

    def _raise_first_tabs(self) -> None:
        """Details (in one column) and the Annotations list, or the Suggestions list when it
        is open, in front of their tabbed docks (again from ``_text_room``: in a window
        already shown the tabs are made once the layout has taken the docks in)."""
        docks = self.docks
        layout = self.layout()
        if layout is not None:
            layout.activate()
        docks["details"].raise_()
        shown = docks.get("suggestions")
        (shown if shown is not None and not shown.isHidden() else docks["annotations"]).raise_()

    def size_docks(self) -> None:
        """First start: side panels as narrow as their content allows, the text the rest;
        in a column, Details (or Labels) as tall as it asks, the lists the rest."""
        docks = self.docks
        start = [d for d in docks.values() if self._side(d) == "start" and not d.isHidden()]
        end = [d for d in docks.values() if self._side(d) == "end" and not d.isHidden()]
        for side, width in zip((start, end), SIDE_WIDTH, strict=True):
            if side:
                self.resizeDocks(side, [width] * len(side), Qt.Orientation.Horizontal)
        labels, details = docks["labels"], docks["details"]
        if self._side(details) != self._side(labels):  # two columns
            self.resizeDocks([labels], [220], Qt.Orientation.Vertical)
        # Details as tall as it asks (in one column: its tabbed group, on top of the lists)
        height = details.widget().sizeHint().height() + LAYOUT_SLACK
        self.resizeDocks([details], [height], Qt.Orientation.Vertical)

    def _side(self, dock: QDockWidget) -> str:
        """Which side of the text ``dock`` is on as the text reads: "start", "end" or ""
        (above or below it)."""
        found = self.dockWidgetArea(dock)
        found = mirrored_area(found, self.isRightToLeft())
        if found == Qt.DockWidgetArea.LeftDockWidgetArea:
            return "start"
        return "end" if found == Qt.DockWidgetArea.RightDockWidgetArea else ""

    def save_layout(self) -> None:
        self.settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        if self._complete:  # (before, the docks are not there: their saved places stay)
            self.settings.setValue(self._state_key(), self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settled = False  # (the docks going with the window change no corners)
        if self._complete:  # (before, nothing was shown but the text: no note, no place)
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
            "top": list(self.top_line()),
            "selection": [start, end],
        }
        self.settings.setValue(self._place_key(), json.dumps(place))
        self.settings.sync()

    def saved_place(self) -> Place | None:
        """Where the analyst left the session's project (None: nowhere saved, or unreadable)."""
        raw = self.settings.value(self._place_key(), "")
        if self.session.project is None or not isinstance(raw, str) or not raw:
            return None
        try:
            place = json.loads(raw)
            doc_id, span = int(place["doc"]), str(place.get("span", ""))
            scroll = int(place.get("scroll", 0))
            start, end = (int(x) for x in place.get("selection", [0, 0]))
            top = place.get("top")
            block, offset = (int(x) for x in top) if top is not None else (-1, 0)
        except (ValueError, KeyError, TypeError):
            return None
        return Place(doc_id, span, scroll, (start, end), (block, offset) if block >= 0 else None)

    def restore_place(self) -> None:
        """Reopen the project where it was left: document, selected span, text selection
        and scroll position (silently nothing when the document is gone)."""
        project = self.session.project
        place = self.saved_place()
        if project is None or place is None:
            return
        try:
            project.document(place.doc)
        except AnnotatorError:  # the document is gone
            return
        self.navigation.open_document(place.doc)
        self.model.finish_loading()
        if place.span and self.model.span_of(place.span) is not None:
            self.selection.select_span(place.span)
        start, end = place.selection
        if start < end:
            self.view.select(start, end)

        def scroll_back() -> None:
            if place.top is None or not self.show_top_line(*place.top):
                self.view.verticalScrollBar().setValue(place.scroll)  # (older settings)

        scroll_back()
        QTimer.singleShot(0, scroll_back)  # again once the layout has settled

    def top_line(self) -> tuple[int, int]:
        """The line at the top of the view (``Place.top``): its block number and where it
        starts in the block."""
        view = self.view
        block = view.firstVisibleBlock()
        if not block.isValid():
            return (0, 0)
        view.blockBoundingRect(block)  # lays the block out
        line = block.layout().lineAt(view.verticalScrollBar().value() - block.firstLineNumber())
        return (block.blockNumber(), line.textStart() if line.isValid() else 0)

    def show_top_line(self, number: int, offset: int) -> bool:
        """Scroll so the line of block ``number`` holding ``offset`` (``top_line``) is at the
        top of the view, its scroll value counted as the view counts lines now, whatever its
        width and whichever paragraphs above are laid out (the view keeps that line on top
        as they are). False when the document has no such block."""
        view = self.view
        block = view.document().findBlockByNumber(number)
        if not block.isValid():
            return False
        view.blockBoundingRect(block)  # lays the block out
        line = block.layout().lineForTextPosition(max(0, min(offset, block.length() - 1)))
        value = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        view.verticalScrollBar().setValue(value)
        return True

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
    def remembered_annotator(self) -> str:
        """The annotator name saved in the settings ("" when none yet)."""
        return str(self.settings.value(SETTINGS_ANNOTATOR, "") or "")

    def ensure_annotator(self) -> bool:
        """Use the remembered annotator name, or ask for one (first start)."""
        from ui.dialogs.prompts import ask_annotator_name

        name = self.remembered_annotator()
        if not name:
            name = ask_annotator_name(self) or ""
        if not name:
            return False
        self.settings.setValue(SETTINGS_ANNOTATOR, name)
        if name != self.session.annotator:  # (``open_first`` may have set it already)
            self.session.set_annotator(name)
        self.restore_place()  # the layer is the annotator's: select where they left it
        return True

    def switch_annotator(self) -> None:
        from ui.dialogs.prompts import ask_annotator_name

        name = ask_annotator_name(self, self.session.annotator)
        if name and name != self.session.annotator:
            self.details.flush_note()
            self.settings.setValue(SETTINGS_ANNOTATOR, name)
            self.session.set_annotator(name)

    # -- forwarders still read through host protocols (issue 11) ---------------------------
    # doc, layer, selected_uuid, own_span, event_of: ui.events.relations.LinkHost; doc, layer,
    # open_document, go_to_span: ui.review.window.ReviewHost; doc, selected_uuid, own_span:
    # ui.search.tools.ToolsHost; doc, open_document: ui.suggestions.Host;
    # rebuild_label_shortcuts: ui.dialogs.import_dialog.ImportHost; select_span: tests. The
    # workbench's own code and ui.app use model, navigation, selection and editing.
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

    def event_of(self, uuid: str) -> str:
        """The uuid of the event this span triggers ("" when none)."""
        return self.model.event_of(uuid)

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
        name = menu_text(self.session.annotator or "—")  # a tool button: no mnemonic
        self.status_annotator.setText(self.tr("Annotator: {0}").format(name))
        self.status_project.setText(self.tr("Project: {0}").format(path.name if path else "—"))
        saved = self.session.last_saved
        self.status_saved.setText(self.tr("saved {0}").format(saved) if saved else self.tr("saved"))
        if self.session.checking:
            self.status_project.setText(
                self.tr("Project: {0} (checking: read-only until it passes)").format(
                    path.name if path else "—"
                )
            )
        elif self.session.read_only:
            self.status_project.setText(
                self.tr("Project: {0} (read-only)").format(path.name if path else "—")
            )
        app = self.tr("Annotator")
        title = f"{path.name} — {app}" if path else app
        if self.session.read_only:
            title = self.tr("{0} (read-only)").format(title)
        self.setWindowTitle(title)

    # -- messages ------------------------------------------------------------------------
    def show_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        if self.isVisible() and not self.quiet_errors:
            from ui.dialogs.prompts import show_message

            show_message(self, self.tr("Not done"), message)

    quiet_errors = False
    """Tests and screenshots set this: errors go to the status bar only."""

    def warn(self, message: str) -> None:
        from ui.dialogs.prompts import show_message

        show_message(self, self.tr("Annotator"), message)
