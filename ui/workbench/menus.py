"""Menus and actions of the main window, and the file operations behind the File menu.

Shortcuts are QKeySequence strings; the label hotkeys come from the schema
(``ui.workbench.editing``). A typing key (Return, Tab, Delete, a letter …) pressed in a text
field is the field's, never a window shortcut's (``hotkeys.claims_key``). A menu item shows its
shortcut in Qt's portable text (Ctrl+Alt+Right, Return, Ctrl+PgDown), the Latin key names
keyboards carry, as one left-to-right isolate, in English and in Arabic alike (``ui.i18n``'s
``KeyMenu`` and ``shortcut_text``, which the review window's menu and the command palette and
keys page share): Qt's native text translated only some key names (Alt+اليمين beside Tab and
Return) and a right-to-left menu turned Ctrl++ into ++Ctrl.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from annotator.model import Status
from ui.dialogs.exchange_actions import add_exchange_actions
from ui.dialogs.paths import IMPORT_FILTER, files_filter, remember_folder, start_path
from ui.dialogs.prompts import choose_layers, show_message
from ui.i18n import (
    QT_TRANSLATE_NOOP,
    current_language,
    label_display,
    menu_text,
    path_text,
)
from ui.keys import KeyMenu

if TYPE_CHECKING:
    # Only for the MenuHost protocol below: the windows and dialogs themselves are imported
    # inside the slots that open them, so that start-up does not load them (issue 12).
    from PySide6.QtWidgets import QDockWidget, QMenuBar

    from ui.dialogs.exchange_actions import ExchangeHost
    from ui.dialogs.export_dialog import ExportHost
    from ui.dialogs.import_dialog import ImportHost
    from ui.jobs import ImportJob
    from ui.review.agreement_window import AgreementHost
    from ui.review.window import ReviewHost
    from ui.search import DocumentSource, FindBar, SearchDock
    from ui.workbench.document import DocumentModel
    from ui.workbench.editing import EditingController
    from ui.workbench.event_wiring import EventHost, EventTools
    from ui.workbench.layer_display import LayerController
    from ui.workbench.navigation import NavigationController
    from ui.workbench.palette import CommandPalette, KeysPage
    from ui.workbench.panels import DocumentListPanel

PROJECT_FILTER = QT_TRANSLATE_NOOP("Files", "Annotator projects (*.annotator);;All files (*)")


if TYPE_CHECKING:

    class MenuHost(
        EventHost, ReviewHost, AgreementHost, ExchangeHost, ImportHost, ExportHost, Protocol
    ):
        """What the menus and the File operations need of the main window: everything the dialogs,
        review and event tools they open need, plus the window's controllers, docks and
        settings (the actions are the controllers' slots)."""

        recent_menu: QMenu
        import_job: ImportJob | None
        actions_by_name: dict[str, QAction]

        @property
        def model(self) -> DocumentModel: ...
        @property
        def event_tools(self) -> EventTools: ...
        @property
        def editing(self) -> EditingController: ...
        @property
        def navigation(self) -> NavigationController: ...
        @property
        def layers(self) -> LayerController: ...
        @property
        def docks(self) -> dict[str, QDockWidget]: ...
        @property
        def documents(self) -> DocumentListPanel: ...
        def menuBar(self) -> QMenuBar: ...
        def close(self) -> bool: ...
        def switch_annotator(self) -> None: ...
        def recent_projects(self) -> list[str]: ...
        def remember_project(self, path: str) -> None: ...
        def save_place(self) -> None: ...
        def restore_place(self) -> None: ...
        def open_in_session(self, path: Path, create: bool = False) -> bool: ...
        def choose_language(self, lang: str) -> None: ...
        def takeCentralWidget(self) -> QWidget | None: ...
        def setCentralWidget(self, widget: QWidget) -> None: ...
        def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...


def _menu(parent: QMenuBar | QMenu, title: str) -> QMenu:
    """A ``KeyMenu`` titled ``title`` added to the menu bar or menu ``parent``."""
    menu = KeyMenu(title, parent)
    parent.addMenu(menu)
    return menu


def _add(
    menu: QMenu,
    actions: dict[str, QAction],
    name: str,
    text: str,
    slot: Callable[[], object],
    shortcut: str | QKeySequence.StandardKey = "",
) -> QAction:
    action = QAction(text, menu)
    action.setObjectName(name)
    if isinstance(shortcut, str) and shortcut.endswith("Return"):
        # the keypad's Enter does what the main Return does (Key_Enter is another key to Qt)
        keys = [QKeySequence(shortcut), QKeySequence(shortcut[: -len("Return")] + "Enter")]
        action.setShortcuts(keys)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    actions[name] = action
    return action


def build_menus(w: MenuHost) -> dict[str, QAction]:
    """Create the menu bar of ``w``; returns its actions by object name (tests use them).

    The menus come first (the label hotkeys are made after them), so the editing and
    navigation controllers are looked up when an action fires."""
    a: dict[str, QAction] = {}
    bar = w.menuBar()
    tr = w.tr

    file = _menu(bar, tr("&File"))
    _add(file, a, "new_project", tr("&New project…"), lambda: new_project_dialog(w), "Ctrl+N")
    _add(file, a, "open_project", tr("&Open project…"), lambda: open_project_dialog(w), "Ctrl+O")
    w.recent_menu = _menu(file, tr("Recent projects"))
    w.recent_menu.aboutToShow.connect(lambda: fill_recent(w))
    file.addSeparator()
    _add(file, a, "import_files", tr("&Import files…"), lambda: import_dialog(w, False), "Ctrl+I")
    _add(
        file,
        a,
        "import_folder",
        tr("Import a &folder of .txt files…"),
        lambda: import_dialog(w, True),
    )
    _add(file, a, "import_options", tr("Import &with options…"), lambda: _open_import_dialog(w))
    _add(file, a, "export", tr("&Export…"), lambda: _open_export_dialog(w), "Ctrl+E")
    add_exchange_actions(w, file, a)
    _add(file, a, "sync", tr("S&ync with the team hub…"), lambda: _open_sync(w))
    _add(file, a, "team", tr("Team &progress…"), lambda: _open_team(w))
    file.addSeparator()
    _add(file, a, "quit", tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)

    edit = _menu(bar, tr("&Edit"))
    undo = w.session.undo_stack.createUndoAction(edit, tr("&Undo"))
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = w.session.undo_stack.createRedoAction(edit, tr("&Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit.addAction(undo)
    edit.addAction(redo)
    a["undo"], a["redo"] = undo, redo
    edit.addSeparator()
    _add(edit, a, "delete", tr("&Delete span"), lambda: w.editing.delete_selected(), "Delete")
    edit.addSeparator()
    _, search_dock = wire_search(w, a, edit)
    from ui.search.tools import install_tools  # entity list, annotate-all, gazetteers

    setattr(w, "search_tools", install_tools(w, search_dock, edit, a))  # noqa: B010
    edit.addSeparator()
    _add(edit, a, "schema_editor", tr("&Schema…"), w.event_tools.open_schema_editor)

    ann = _menu(bar, tr("&Annotate"))
    _add(ann, a, "switch_annotator", tr("Switch &annotator…"), w.switch_annotator, "Ctrl+Shift+A")
    ann.addSeparator()
    _add(
        ann,
        a,
        "apply_last",
        tr("Apply the last label"),
        lambda: w.editing.apply_last_label(),
        "Return",
    )
    sticky = _add(
        ann, a, "sticky", tr("&Sticky label (every selection gets it)"), lambda: None, "Ctrl+K"
    )
    sticky.setCheckable(True)
    sticky.toggled.connect(lambda on: w.editing.set_sticky(on))
    snap = _add(ann, a, "snap", tr("Snap selections to &words"), lambda: None, "Ctrl+W")
    snap.setCheckable(True)
    snap.setChecked(True)
    snap.toggled.connect(w.view.set_snap)
    ann.addSeparator()
    _add(ann, a, "trim", tr("Trim a proclitic off the start"), lambda: w.editing.trim(False), "[")
    _add(ann, a, "untrim", tr("Give the proclitic back"), lambda: w.editing.trim(True), "]")
    # no arrows: an arrow glyph is not mirrored in a right-to-left menu, and "→ left" pointed
    # the wrong way in both languages; the words say where the edge goes
    for name, text, edge, right, word, key in (
        ("start_right", tr("Move start edge right"), "start", True, False, "Alt+Right"),
        ("start_left", tr("Move start edge left"), "start", False, False, "Alt+Left"),
        ("end_right", tr("Move end edge right"), "end", True, False, "Alt+Shift+Right"),
        ("end_left", tr("Move end edge left"), "end", False, False, "Alt+Shift+Left"),
        (
            "start_w_right",
            tr("Move start edge right a word"),
            "start",
            True,
            True,
            "Ctrl+Alt+Right",
        ),
        ("start_w_left", tr("Move start edge left a word"), "start", False, True, "Ctrl+Alt+Left"),
        (
            "end_w_right",
            tr("Move end edge right a word"),
            "end",
            True,
            True,
            "Alt+Ctrl+Shift+Right",
        ),
        ("end_w_left", tr("Move end edge left a word"), "end", False, True, "Alt+Ctrl+Shift+Left"),
    ):
        _add(ann, a, name, text, partial(_move_edge, w, edge, right, word), key)
    ann.addSeparator()
    links = w.event_tools.linker
    relation = tr("Add &relation (then click the target, or Tab to it and press Return)")
    _add(ann, a, "add_relation", relation, links.start_relation, "R")
    argument = tr("&Argument of the selected event (selected text, or a span clicked or Tabbed to)")
    _add(ann, a, "new_argument", argument, links.add_new_argument, "A")
    ann.addSeparator()
    _add(
        ann,
        a,
        "next_span",
        tr("&Next annotation"),
        lambda: w.navigation.step_annotation(True),
        "Tab",
    )
    _add(
        ann,
        a,
        "prev_span",
        tr("&Previous annotation"),
        lambda: w.navigation.step_annotation(False),
        "Shift+Tab",
    )
    ann.addSeparator()
    _add(
        ann,
        a,
        "mark_done",
        tr("Mark done and go to the &next document"),
        lambda: mark_done_and_next(w),
        "Ctrl+Return",
    )
    _add(
        ann,
        a,
        "mark_progress",
        tr("Mark in progress"),
        lambda: w.editing.set_status(Status.IN_PROGRESS),
    )
    _add(
        ann,
        a,
        "next_unfinished",
        tr("Next &unfinished document"),
        lambda: next_document(w, w.navigation.next_unfinished),
        "F8",
    )
    _add(
        ann,
        a,
        "next_doc",
        tr("Next document"),
        lambda: next_document(w, lambda: w.navigation.step_document(True)),
        "Ctrl+PgDown",
    )
    _add(
        ann,
        a,
        "prev_doc",
        tr("Previous document"),
        lambda: w.navigation.step_document(False),
        "Ctrl+PgUp",
    )
    install_suggestions(w, a, ann)

    view = _menu(bar, tr("&View"))
    _add(view, a, "layers", tr("Show other annotators' &layers…"), lambda: layers_dialog(w))
    direction = _menu(view, tr("Text direction"))
    group = QActionGroup(direction)
    for mode, text in (
        ("auto", tr("Automatic (per paragraph)")),
        ("rtl", tr("Right to left")),
        ("ltr", tr("Left to right")),
    ):
        act = _add(direction, a, f"dir_{mode}", text, lambda m=mode: w.view.set_direction(m))  # type: ignore[misc]
        act.setCheckable(True)
        act.setChecked(mode == "auto")
        group.addAction(act)
    inv = _add(view, a, "invisibles", tr("Show &invisible characters"), lambda: None)
    inv.setCheckable(True)
    inv.toggled.connect(w.view.set_show_invisibles)
    _add(view, a, "zoom_in", tr("Zoom &in"), w.view.zoomIn, "Ctrl++")
    _add(view, a, "zoom_out", tr("Zoom &out"), w.view.zoomOut, "Ctrl+-")
    arcs = _add(view, a, "arcs", tr("Show &arcs"), lambda: None)
    arcs.setCheckable(True)
    arcs.setChecked(True)
    arcs.toggled.connect(w.event_tools.set_arcs_shown)
    language = _menu(view, tr("&Language (after a restart)"))
    lang_group = QActionGroup(language)
    for lang, text in (("en", "English"), ("ar", "العربية")):  # each in its own language
        act = _add(language, a, f"lang_{lang}", text, partial(w.choose_language, lang))
        act.setCheckable(True)
        act.setChecked(lang == current_language())
        lang_group.addAction(act)
    view.addSeparator()
    for dock in w.docks.values():
        view.addAction(dock.toggleViewAction())

    review = _menu(bar, tr("&Review"))
    _add(review, a, "review", tr("&Review colleagues' work…"), lambda: _open_review(w), "F9")
    _add(review, a, "agreement", tr("&Agreement…"), lambda: _open_agreement(w))

    helpm = _menu(bar, tr("&Help"))
    _add(helpm, a, "palette", tr("Command &palette…"), lambda: show_palette(w), "Ctrl+Shift+P")
    _add(helpm, a, "keys", tr("&Keys"), lambda: show_keys(w), "F1")
    helpm.addSeparator()
    _add(helpm, a, "about", tr("&About Annotator…"), lambda: _open_about(w))
    return a


def _open_about(w: MenuHost) -> None:
    from ui.dialogs.about import show_about

    show_about(w.window())


def _open_sync(w: MenuHost) -> None:
    from ui.dialogs.sync_dialog import sync_dialog

    sync_dialog(w)


def _open_team(w: MenuHost) -> None:
    from ui.dialogs.team_view import team_dialog

    team_dialog(w, w.navigation.open_document)


def project_source(w: MenuHost) -> DocumentSource:
    """The documents of the window's project, read on the search's worker thread through a
    read-only ``Project`` of its own (SQLite connections belong to the thread that opened
    them). The path is read when a search starts; the dock is told when the project changes."""

    def source() -> Iterator[tuple[int, str, str]]:
        from annotator.project import Project

        path = w.session.path
        if path is None:
            return
        with Project.open(path, read_only=True) as project:
            for doc in project.iter_documents():
                yield doc.id, doc.name, doc.text

    return source


def wire_search(w: MenuHost, a: dict[str, QAction], menu: QMenu) -> tuple[FindBar, SearchDock]:
    """The find bar above the document view (Ctrl+F, F3, Shift+F3) and the corpus search dock
    (Ctrl+Shift+F; activating a line opens its document with the hit selected), with their
    actions in ``menu`` and ``a`` (``find``, ``find_next``, ``find_previous``, ``search``)."""
    from PySide6.QtWidgets import QVBoxLayout

    from ui.search import FindBar, SearchDock

    view = w.takeCentralWidget()
    assert view is w.view, "the document view is the window's central widget"
    centre = QWidget(w.window())
    centre.setObjectName("centre")
    bar = FindBar(w.view, centre)
    bar.setObjectName("findBar")
    column = QVBoxLayout(centre)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(bar)
    column.addWidget(view, 1)
    w.setCentralWidget(centre)
    w.model.documentChanged.connect(lambda _doc: bar.text_changed())
    for name, action in zip(("find", "find_next", "find_previous"), bar.actions_for(w.window()),
                            strict=True):  # fmt: skip
        action.setObjectName(name)
        menu.addAction(action)
        a[name] = action

    dock = SearchDock(project_source(w), w.window())
    dock.hide()  # until Ctrl+Shift+F (or the saved layout) shows it
    w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    toggle = dock.toggle_action()
    toggle.setText(w.tr("Search all &documents…"))
    toggle.setObjectName("search")
    menu.addAction(toggle)
    a["search"] = toggle

    def follow(changes: object) -> None:
        if getattr(changes, "documents", False) or getattr(changes, "reason", "") == "project":
            dock.invalidate()

    w.session.changed.connect(follow)

    def show_hit(doc_id: int, start: int, end: int) -> None:
        w.navigation.open_document(doc_id)
        doc = w.model.doc
        if doc is None or doc.id != doc_id:
            return
        w.view.select(start, end)
        w.view.scroll_to(start)

    dock.hitActivated.connect(show_hit)
    return bar, dock


def next_document(w: MenuHost, otherwise: Callable[[], None]) -> None:
    """The next document by the model panel's rule (``ui.suggestions.next_document``: least
    confident first when that option is on), else by ``otherwise``."""
    from ui.suggestions import next_document as by_the_panels_rule

    by_the_panels_rule(w, otherwise)


def mark_done_and_next(w: MenuHost) -> None:
    """Mark the open document done, then go to the next one (``next_document``; the next
    unfinished one when least confident first is off)."""
    w.editing.set_status(Status.DONE)
    next_document(w, w.navigation.next_unfinished)


def install_suggestions(w: MenuHost, a: dict[str, QAction], menu: QMenu) -> None:
    """The suggestions and model docks, with their actions in ``menu`` (issues 13, 14)."""
    from ui.suggestions import install

    install(w, a, menu)


def _open_import_dialog(w: MenuHost) -> None:
    from ui.dialogs.import_dialog import open_import_dialog

    open_import_dialog(w)


def _open_export_dialog(w: MenuHost) -> None:
    from ui.dialogs.export_dialog import open_export_dialog

    open_export_dialog(w)


def _open_review(w: MenuHost) -> None:
    from ui.review.window import open_review

    open_review(w)


def _open_agreement(w: MenuHost) -> None:
    from ui.review.agreement_window import open_agreement

    open_agreement(w)


def _move_edge(w: MenuHost, edge: str, screen_right: bool, by_word: bool) -> None:
    w.editing.move_edge(edge, screen_right, by_word)


def label_keys(w: MenuHost) -> list[tuple[str, str]]:
    """(hotkey, label display name) of the schema's span labels, in schema order."""
    project = w.session.project
    if project is None:
        return []
    return [
        (lab.hotkey, f"{label_display(lab)} ({lab.name})")
        for lab in project.schema.span_labels()
        if lab.hotkey and lab.annotatable
    ]


def show_keys(w: MenuHost) -> KeysPage:
    """Help › Keys: the keys page (a table), not modal."""
    from ui.workbench.palette import KeysPage

    page = KeysPage(w.actions_by_name, label_keys(w), w.window())
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.show()
    return page


def show_palette(w: MenuHost) -> CommandPalette:
    """Ctrl+Shift+P: every action searchable by name, with its key."""
    from ui.workbench.palette import CommandPalette

    palette = CommandPalette(w.actions_by_name, w.window())
    palette.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    palette.show()
    palette.query.setFocus()
    return palette


def fill_recent(w: MenuHost) -> None:
    w.recent_menu.clear()
    for path in w.recent_projects():
        # a path reads left to right whatever the interface and its first letter (path_text),
        # so the right-to-left menu does not carry its leading "/" to the far end
        action = w.recent_menu.addAction(menu_text(path_text(path)))
        action.triggered.connect(lambda _c=False, p=path: open_project(w, Path(p)))


def open_project(w: MenuHost, path: Path, create: bool = False) -> bool:
    """Open (or create) a project in the window; errors are shown, never raised."""
    w.details.flush_note()
    w.save_place()
    if not w.open_in_session(path, create):  # (a locked project is offered read-only)
        return False
    w.editing.rebuild_label_shortcuts()
    w.navigation.show_project(keep_current=False)  # another project: its first document
    w.restore_place()  # where the analyst left it last time
    w.remember_project(str(path))
    return True


def open_project_dialog(w: MenuHost) -> None:
    name, _ = QFileDialog.getOpenFileName(
        w.window(), w.tr("Open project"), start_path(), files_filter(PROJECT_FILTER)
    )
    if name:
        remember_folder(name)
        open_project(w, Path(name))


def new_project_dialog(w: MenuHost) -> None:
    name, _ = QFileDialog.getSaveFileName(
        w.window(), w.tr("New project"), start_path(), files_filter(PROJECT_FILTER)
    )
    if name:
        remember_folder(name)
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(".annotator")
        open_project(w, path, create=True)


def import_dialog(w: MenuHost, folder: bool) -> None:
    if w.session.project is None:
        show_message(w.window(), w.tr("Import"), w.tr("Open or create a project first."))
        return
    if folder:
        name = QFileDialog.getExistingDirectory(w.window(), w.tr("Import a folder"), start_path())
        paths = [Path(name)] if name else []
    else:
        names, _ = QFileDialog.getOpenFileNames(
            w.window(), w.tr("Import files"), start_path(), files_filter(IMPORT_FILTER)
        )
        paths = [Path(n) for n in names]
    if paths:
        remember_folder(paths[0])
    if paths:
        start_import(w, paths)


def start_import(w: MenuHost, paths: list[Path]) -> ImportJob | None:
    """Import ``paths`` in the background with a progress dialog; the window refreshes when
    it is done. Returns the job (tests wait on ``job.done``)."""
    from annotator.importing import ImportReport
    from ui.jobs import ImportJob, ImportWorker, summary

    path = w.session.path
    if path is None:
        return None
    worker = ImportWorker(path, paths, w.session.annotator)
    job = ImportJob(w.window(), worker)

    def finished(outcome: str, payload: object) -> None:
        w.session.refresh(cause="import")
        if outcome == "finished" and isinstance(payload, ImportReport):
            w.statusBar().showMessage(summary(payload).replace("\n", "; "), 10000)
        elif outcome == "failed":
            w.on_error(w.tr("Import failed, nothing was imported: {0}").format(payload))
        else:
            w.statusBar().showMessage(w.tr("Import cancelled; nothing was imported."), 10000)
        job.deleteLater()

    job.done.connect(finished)
    w.import_job = job
    job.start()
    return job


def layers_dialog(w: MenuHost) -> None:
    project = w.session.project
    if project is None:
        return
    others = [n for n in project.annotators() if n != w.session.annotator]
    chosen = choose_layers(w.window(), others, w.model.other_layers)
    if chosen is not None:
        w.model.other_layers = chosen
        w.layers.refresh_layer()
