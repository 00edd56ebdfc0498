"""The Search menu's tools in the workbench (issue 13): the entity list dock, annotate-all
from the selected span, gazetteer import and outside predictions (issue 14).

- Entity list: every mention of the corpus grouped by label and folded text
  (``annotator.search.entity_groups``) in a dock listed in View; activating a group shows its
  concordance in the search dock; "relabel all" / "delete all" of a group run
  ``annotator.commands.bulk`` through ``Session.execute`` as ONE undoable step (the rules
  decide as for single edits). Relabelling a group some of whose mentions trigger events the
  new label cannot keep (an entity label) asks once for the whole step, through the window's
  event tools (``EventTools.ask_relabel_triggers``: how many mentions, events and arguments);
  a yes relabels every mention and removes those events with their arguments in the same
  step, as a relabel of one trigger does. Relabelling a group as an event type that lacks
  roles the arguments of its mentions' events fill asks the same way
  (``EventTools.ask_relabel_arguments``: how many mentions and arguments, which roles); a yes
  removes those arguments in the step. The two never both ask: the first is for a label that
  is no event type, the second for an event type. The list is read again after every change
  while it is shown (debounced): in the background for a project of more than ``READ_HERE``
  spans (its own read-only connection; the list says it is being read and keeps the current
  group current).
- Annotate-all: "Label every other occurrence" of the selected span's text in its document
  or every document becomes pending suggestions (``annotator.search.annotate_all``, a chunk
  of documents at a time: ``annotator.commands.suggestions.occurrences``, then
  ``Project.add_suggestions``), one undo step; existing annotations are never covered; the
  Suggestions dock is told to read them (``suggestions_installed.controller.reload``). In
  every document it runs as two background jobs (QA: 20,000 documents froze the window
  9 s): the search, then, when the analyst agrees to store more than ``ASK_ABOVE``, the
  storing (one transaction; Cancel stores nothing).
- Gazetteer: a ``.csv`` (``name,label``) or ``.txt`` list (one label asked for) matched in the
  current document or every document, as suggestions; a bad file is one message naming
  ``file:line`` and nothing is stored.
- Outside predictions: a JSONL file of scored spans or a local spaCy pipeline (its folder's
  ``config.cfg`` chosen) for the current document or every document, under the source the
  analyst names (``SourceDialog``, optional, checked by the command line's rule), stored as
  suggestions by ``annotator.learn.external.import_suggestions`` (as ``annotator suggest
  --from/--spacy [--source NAME]``); a bad file is one message naming ``file:line`` and
  nothing is stored.

The gazetteer and the outside predictions are read and stored as a ``ui.jobs.BackgroundJob``
(a big name list, or loading a spaCy pipeline, takes seconds: the window keeps working, the
progress dialog's Cancel stores nothing); the job opens its own connection to the project.
What it stored is ONE undo step (``undo_step``, annotate-all's ``StoreSuggestions``): undo
withdraws it and puts back the suggestions an import replaced, redo stores it again.

The actions that store suggestions are off while the session is read-only.

The host is the main window, seen through ``ToolsHost`` (ui.search sits below the session
and the dialogs, so it imports neither).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from PySide6.QtCore import QLocale, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from annotator.errors import AnnotatorError, Cancelled, Message
from annotator.formats.common import IsCancelled, Progress
from annotator.search import EntityGroup
from annotator.search.kwic import line_of
from ui.i18n import core_text, isolate, set_plain_text, type_tag
from ui.jobs import BackgroundJob, JobWorker
from ui.modal import freed
from ui.search.dock import SearchDock, project_candidates
from ui.search.entities import EntityList
from ui.search.source_dialog import SourceDialog

if TYPE_CHECKING:
    from annotator.commands.edits import Command
    from annotator.commands.suggestions import StoreSuggestions
    from annotator.model import Document, Span
    from annotator.project import Project
    from annotator.search.suggestions import Suggestion
    from annotator.store import SuggestionBatch

ASK_ABOVE = 1000
"""annotate-all in every document asks before storing more suggestions than this"""

READ_HERE = 5000
"""the entity list of a project with at most this many spans is read at once (a few tens of
milliseconds); a bigger one in the background"""


class ToolsHost(Protocol):
    """What the tools use of the main window."""

    @property
    def session(self) -> Any: ...  # ui.session.Session: project, annotator, execute, changed, error

    @property
    def docks(self) -> dict[str, QDockWidget]: ...

    @property
    def doc(self) -> Document | None: ...

    @property
    def selected_uuid(self) -> str: ...

    def own_span(self, uuid: str) -> Span | None: ...

    def statusBar(self) -> Any: ...

    def window(self) -> QWidget: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...

    @property
    def event_tools(self) -> Any: ...  # ui.workbench.event_wiring.EventTools: asks for triggers


class SearchTools(QObject):
    """The entity list dock and the annotate-all and gazetteer actions of one window."""

    def __init__(self, host: ToolsHost, search: SearchDock) -> None:
        super().__init__(host.window())
        self.host = host
        self.search = search
        self.entities = EntityList()
        self.entities.setObjectName("entityList")
        dock = QDockWidget(self.tr("Entities"), host.window())
        dock.setObjectName("dock-entities")
        dock.setWidget(self.entities)
        host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        window = host.window()
        if isinstance(window, QMainWindow):  # a tab beside the concordance: both are wide
            window.tabifyDockWidget(search, dock)
        dock.hide()
        host.docks["entities"] = dock
        self.dock = dock
        self._stale = True
        self._writers: list[QAction] = []
        self.job: BackgroundJob | None = None
        """the running gazetteer or suggestions import (one at a time)"""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._refresh)
        self.reader: JobWorker | None = None
        self._reading: Path | None = None
        self._size: int | None = None
        """the mentions the list held when last read (None: not read in this project yet),
        which decides whether it is read here or in the background"""
        """the entity list being read in the background (one at a time)"""
        self._again = False
        """the project changed while ``reader`` read it: read again when it is done"""
        dock.visibilityChanged.connect(self._shown)
        host.session.changed.connect(self._follow)
        self.entities.entityActivated.connect(self.show_entity)
        self.entities.relabelRequested.connect(self.relabel_group)
        self.entities.deleteRequested.connect(self.delete_group)

    # -- actions -------------------------------------------------------------------------
    def actions(self) -> list[tuple[str, QAction]]:
        """The Search menu's actions by object name (a None-named entry is a separator)."""
        parent = self.host.window()
        made: list[tuple[str, QAction]] = []

        def add(name: str, text: str, slot: Callable[[], object], key: str = "") -> None:
            action = QAction(text, parent)
            action.setObjectName(name)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False: slot())
            made.append((name, action))

        add("entity_list", self.tr("&Entity list"), self.open_entities, "Ctrl+Shift+E")
        add(
            "annotate_all_document",
            self.tr("Label every other occurrence in this &document"),
            lambda: self.annotate_all(False),
        )
        add(
            "annotate_all_corpus",
            self.tr("Label every other occurrence in &every document"),
            self.annotate_all_in_background,
        )
        add("gazetteer", self.tr("Import a &gazetteer (name list)…"), self.import_gazetteer)
        add(
            "import_suggestions",
            self.tr("Import suggestions (JSONL or spaCy pipeline)…"),
            self.import_predictions,
        )
        self._writers = [a for name, a in made if name != "entity_list"]
        self._writable()
        return made

    def _writable(self, _why: object = None) -> None:
        """The actions that store suggestions are off while the session is read-only."""
        on = not self.host.session.read_only
        for action in self._writers:
            action.setEnabled(on)

    def install(self, menu: QMenu, table: dict[str, QAction]) -> None:
        """Put the actions in ``menu`` and ``table`` (the window's actions by name)."""
        for n, (name, action) in enumerate(self.actions()):
            if n in (0, 1, 3):
                menu.addSeparator()
            menu.addAction(action)
            table[name] = action
        self.host.session.changed.connect(self._writable)
        self.host.session.checked.connect(self._writable)

    # -- the entity list -----------------------------------------------------------------
    def _project(self) -> Project | None:
        project: Project | None = self.host.session.project
        return project

    def open_entities(self) -> None:
        self.dock.show()
        self.dock.raise_()
        if self._stale:  # (else it is current: it follows every change while shown)
            self._timer.stop()
            self._refresh()
        self.entities.filter.setFocus()

    def _shown(self, visible: bool) -> None:
        if visible and self._stale:
            self._timer.start()

    def _follow(self, changes: object) -> None:
        if getattr(changes, "reason", "") == "annotator":
            return  # the list covers every layer: a layer switch changes nothing in it
        if getattr(changes, "reason", "") == "project":
            self._size = None  # (another project, or one an import or a merge changed)
        self._stale = True
        if self.dock.isVisible():
            self._timer.start()

    def _refresh(self) -> None:
        """Read the list again: here and now for a project of at most ``READ_HERE`` spans,
        else in the background (``refresh_in_background``)."""
        project = self._project()
        if project is not None and self._size is None:
            self._size = project.span_count()  # (then the mentions of the last read)
        if project is None or (self._size or 0) <= READ_HERE:
            self.refresh_entities()
        else:
            self.refresh_in_background()

    def refresh_entities(self) -> None:
        """Read every live span of the project again into the list, here and now."""
        project = self._project()
        if project is None:
            self.entities.set_groups([], [])
            return
        from annotator.search import entity_groups

        self._show_groups(project, entity_groups(project.spans()))

    def _show_groups(self, project: Project, groups: list[EntityGroup]) -> None:
        # the schema's labels: shown as the text's tags name them, only annotatable ones offered
        self.entities.set_groups(groups, project.schema.span_labels())
        self._stale = False
        self._size = sum(g.count for g in groups)

    def refresh_in_background(self) -> JobWorker | None:
        """Read the list again on a pool thread with its own read-only connection (QA: a
        project of 340,000 spans blocked the window 7 to 14 s at opening and after every
        edit); the list says so meanwhile and keeps what it showed. A change made while it
        reads makes it read once more when done. Returns the worker (None: no project, or
        already reading)."""
        path = self.host.session.path
        if path is None:
            return None
        if self.reader is not None:
            self._again = True
            return None

        def work(progress: Progress, cancelled: IsCancelled) -> list[EntityGroup]:
            from annotator.project import Project
            from annotator.search import entity_groups

            with Project.open(path, read_only=True) as project:
                spans = project.spans()
            groups = entity_groups(spans)
            del spans
            for group in groups:  # counted here, not when the window sorts
                _ = group.documents
            return groups

        worker = JobWorker(work)
        # (bound methods: no call once the tools are gone, the window closed meanwhile)
        worker.signals.finished.connect(self._groups_read)
        worker.signals.failed.connect(self._reading_failed)
        worker.signals.cancelled.connect(self._reading_failed)
        self._reading = path
        self.reader = worker
        self._again = False
        self.entities.set_busy(True)
        QThreadPool.globalInstance().start(worker)
        return worker

    def _groups_read(self, groups: list[EntityGroup]) -> None:
        self._read(groups)

    def _reading_failed(self, message: str = "") -> None:
        self._read(None, message)

    def _read(self, groups: list[EntityGroup] | None, message: str = "") -> None:
        """The background read has ended: show its groups (if the same project is still
        open), or its failure; read again if the project changed meanwhile."""
        self.reader = None
        if not isValid(self.entities):  # the window is being closed
            return
        self.entities.set_busy(False)
        project = self._project()
        if project is None or self.host.session.path != self._reading:
            return
        if message:
            self.host.session.error.emit(message)
        elif groups is not None:
            self._show_groups(project, groups)
        if self._again:
            self._again = False
            self._stale = True
            if self.dock.isVisible():
                self._timer.start()

    def show_entity(self, group: EntityGroup) -> None:
        """The group's mentions as a concordance in the search dock."""
        project = self._project()
        if project is None:
            return
        texts: dict[int, str] = {}
        names: dict[int, str] = {}
        lines = []
        for hit in group.hits():
            if hit.doc_id not in texts:
                doc = project.document(hit.doc_id)
                texts[hit.doc_id], names[hit.doc_id] = doc.text, doc.name
            lines.append(line_of(hit, texts[hit.doc_id]))
        self.search.show()
        self.search.raise_()
        schema = project.schema if project is not None else None
        # a word of the interface language first: the line reads in the direction of its first
        # letter, which would be the entity's (Arabic) text's
        title = self.tr("Mentions of {0} ({1}): {2}").format(
            isolate(group.text), type_tag(schema, group.label), group.count
        )
        self.search.show_lines(lines, names, title)

    def relabel_group(self, group: EntityGroup, label: str) -> bool:
        """Relabel every mention of ``group`` as ``label``: one undoable step. Mentions that
        trigger events ``label`` cannot keep: asked once, a yes removes those events in the
        step (``remove_events``), a cancel changes nothing. Mentions whose events have
        arguments in roles the event type ``label`` lacks: asked once, a yes removes those
        arguments in the step (``remove_arguments``), a cancel changes nothing."""
        project = self._project()
        if project is None:
            return False
        from annotator.commands.bulk import relabel_spans

        uuids = list(dict.fromkeys(m.uuid for m in group.mentions))
        try:
            tools = self.host.event_tools
            remove = tools.ask_relabel_triggers(uuids, label, group.text)
            if remove is None:
                return False
            # (False whenever the first asked: that one is for no event type, this for one)
            lose = tools.ask_relabel_arguments(uuids, label, group.text)
            if lose is None:
                return False
            command = relabel_spans(
                project, uuids, label, remove_events=remove, remove_arguments=lose
            )
        except AnnotatorError as exc:
            self.host.session.error.emit(core_text(exc))
            return False
        ok: bool = self.host.session.execute(command)
        return ok

    def delete_group(self, group: EntityGroup) -> bool:
        """Delete every mention of ``group`` (with what would dangle): one undoable step."""
        project = self._project()
        if project is None:
            return False
        from annotator.commands.bulk import delete_spans

        try:
            command = delete_spans(project, [m.uuid for m in group.mentions])
        except AnnotatorError as exc:
            self.host.session.error.emit(core_text(exc))
            return False
        ok: bool = self.host.session.execute(command)
        return ok

    # -- suggestions ---------------------------------------------------------------------
    def _suggestions_stored(self, stored: int, found: int, left: Sequence[str] = ()) -> None:
        """After suggestions were stored: the dock reads them, the status bar counts them;
        ``left``: the import report's lines of what was not stored and why (``Imported``),
        shown in a box, as it needs reading (a prediction dropped unsaid is the defect)."""
        installed = getattr(self.host, "suggestions_installed", None)
        controller = getattr(installed, "controller", None)
        if controller is not None:
            controller.reload()
        self.host.statusBar().showMessage(
            self.tr("{0} suggestions stored ({1} found)").format(stored, found), 8000
        )
        if left:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Import suggestions"),
                self.tr("{0} suggestions stored ({1} found)").format(stored, found),
                QMessageBox.StandardButton.Ok,
                self.host.window(),
            )
            with freed(box):
                box.setTextFormat(Qt.TextFormat.PlainText)
                box.setInformativeText("\n".join(left))
                box.exec()

    def _selected(self) -> tuple[Project, Document, Span] | None:
        """The open project, document and selected span of the analyst's layer, or None
        (and a message): annotate-all starts from them."""
        project = self._project()
        doc = self.host.doc
        uuid = self.host.selected_uuid
        span = self.host.own_span(uuid) if uuid else None
        if project is None or doc is None or span is None:
            self.host.session.error.emit(self.tr("Select a span first."))
            return None
        return project, doc, span

    def annotate_all(self, whole_corpus: bool) -> int:
        """The selected span's other occurrences as pending suggestions, stored as one undo
        step (``StoreSuggestions``), here and now; how many were stored (0 and a message
        when no span is selected). The menu's every-document action runs
        ``annotate_all_in_background`` instead (the window keeps working)."""
        selected = self._selected()
        if selected is None:
            return 0
        project, doc, span = selected
        from annotator.commands.suggestions import StoreSuggestions, occurrences

        try:
            scope = None if whole_corpus else [doc.id]
            found = [s for part in occurrences(project, span, scope) for s in part]
        except AnnotatorError as exc:
            self.host.session.error.emit(core_text(exc))
            return 0
        if not found:
            self._suggestions_stored(0, 0)
            return 0
        # one undo step: undo withdraws exactly these (not remembered as rejections)
        command = StoreSuggestions(found)
        if not self.host.session.execute(command):
            return 0
        self._suggestions_stored(len(command.stored), len(found))
        return len(command.stored)

    def annotate_all_in_background(self) -> BackgroundJob | None:
        """ "Label every other occurrence in every document": the selected span's other
        occurrences are looked for as a ``BackgroundJob`` (progress by documents, Cancel),
        a chunk of documents at a time (``annotator.commands.suggestions.occurrences``);
        more than ``ASK_ABOVE`` of them are stored only when the analyst says so
        (``ask_to_store``); the storing is a second job, one transaction (Cancel stores
        nothing), and what it stored becomes ONE undo step
        (``StoreSuggestions.already_stored``). Returns the first job (tests wait on its
        ``done`` and then on ``self.job``'s), or None when nothing was started."""
        selected = self._selected()
        if selected is None:
            return None
        session = self.host.session
        project_path: Path | None = session.path
        if project_path is None or self.job is not None:
            return None
        if session.read_only:
            session.error.emit(self.tr("The project is read-only."))
            return None
        span = selected[2]

        def work(progress: Progress, cancelled: IsCancelled) -> list[Suggestion]:
            from annotator.commands.suggestions import occurrences
            from annotator.project import Project

            with Project.open(project_path, read_only=True) as project:
                found: list[Suggestion] = []
                for part in occurrences(project, span, None, progress, cancelled):
                    found.extend(part)
                return found

        title = self.tr("Label every other occurrence")
        looking = self.tr("Looking for {0} in every document…").format(isolate(span.text))

        def found(items: list[Suggestion]) -> None:
            if not items:
                self._suggestions_stored(0, 0)
                return
            documents = len({s.doc_id for s in items})
            if len(items) > ASK_ABOVE and not self.ask_to_store(len(items), documents):
                self.host.statusBar().showMessage(self.tr("No suggestions were stored."), 8000)
                return
            self._store_found(project_path, title, items)

        return self._job(title, looking, work, found)

    def ask_to_store(self, occurrences: int, documents: int) -> bool:
        """Whether to store ``occurrences`` suggestions found in ``documents`` documents (asked
        when there are more than ``ASK_ABOVE``)."""
        locale = QLocale()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Label every other occurrence"),
            "",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.host.window(),
        )
        text = self.tr("{0} occurrences in {1} documents. Store them as suggestions?")
        with freed(box):
            set_plain_text(
                box, text.format(locale.toString(occurrences), locale.toString(documents))
            )
            box.setDefaultButton(QMessageBox.StandardButton.No)
            return box.exec() == QMessageBox.StandardButton.Yes

    def _store_found(self, project_path: Path, title: str, items: list[Suggestion]) -> None:
        """Store ``items`` as pending in a background job (``store_pending``: one
        transaction); what it stored becomes one undo step of the window's session."""

        def work(progress: Progress, cancelled: IsCancelled) -> list[Suggestion]:
            from annotator.commands.suggestions import store_pending
            from annotator.project import Project

            with Project.open(project_path) as project:
                return store_pending(project, items, progress, cancelled)

        def stored(done: list[Suggestion]) -> None:
            session = self.host.session
            from annotator.commands.suggestions import StoreSuggestions

            if done and session.path == project_path:
                # already written on the job's connection: the step only remembers them
                session.execute(StoreSuggestions.already_stored(done))
            self._suggestions_stored(len(done), len(items))

        storing = self.tr("Storing {0} suggestions…").format(QLocale().toString(len(items)))
        self._job(title, storing, work, stored)

    def _job(
        self,
        title: str,
        label: str,
        work: Callable[[Progress, IsCancelled], list[Suggestion]],
        then: Callable[[list[Suggestion]], None],
    ) -> BackgroundJob:
        """Run ``work`` as the tools' ``BackgroundJob``; ``then`` gets its result. A failure
        is one message, a Cancel says that nothing was stored."""
        job = BackgroundJob(self.host.window(), title, label, work)

        def done(outcome: str, payload: object) -> None:
            self.job = None
            job.deleteLater()
            if outcome == "finished" and isinstance(payload, list):
                then(payload)
            elif outcome == "failed":
                self.host.session.error.emit(str(payload))
            else:
                self.host.statusBar().showMessage(
                    self.tr("Cancelled; no suggestions were stored."), 8000
                )

        job.done.connect(done)
        self.job = job
        job.start()
        return job

    def import_gazetteer(self) -> BackgroundJob | None:
        """Ask for a name list and where to match it; its matches become suggestions in the
        background (``gazetteer``). Returns the job, or None when nothing was started."""
        asked = self._ask_file(
            self.tr("Import a gazetteer"), self.tr("Name lists (*.csv *.txt);;All files (*)")
        )
        if asked is None:
            return None
        project, path = asked
        parent = self.host.window()
        label = ""
        if not path.lower().endswith(".csv"):
            labels = [lab.name for lab in project.schema.entities]
            label, ok = QInputDialog.getItem(
                parent, self.tr("Gazetteer"), self.tr("Label for every name:"), labels, 0, False
            )
            if not ok:
                return None
        chosen = self._scope(self.tr("Gazetteer"), self.tr("Match the names in:"))
        if chosen is None:
            return None
        return self.gazetteer(Path(path), chosen[0], label)

    def _ask_file(self, title: str, filters: str) -> tuple[Project, str] | None:
        """The open project and a file the analyst chooses to read suggestions from, or None
        (no project open: said in the status bar; or the dialog cancelled)."""
        project = self._project()
        if project is None:
            self.host.session.error.emit(self.tr("No project is open."))
            return None
        path, _ = QFileDialog.getOpenFileName(self.host.window(), title, "", filters)
        return (project, path) if path else None

    def _scope(self, title: str, question: str) -> tuple[list[int] | None] | None:
        """Ask whether to work on the open document or every document: ``([doc id],)`` or
        ``(None,)`` (every document), or None when the analyst cancels."""
        doc = self.host.doc
        scopes = [self.tr("Every document")]
        if doc is not None:
            scopes.insert(0, self.tr("This document"))
        scope, ok = QInputDialog.getItem(self.host.window(), title, question, scopes, 0, False)
        if not ok:
            return None
        return ([doc.id] if doc is not None and scope == scopes[0] and len(scopes) > 1 else None,)

    def import_predictions(self) -> BackgroundJob | None:
        """Ask for a JSONL file of predictions or a spaCy pipeline (its folder's config.cfg)
        and where to use it; its suggestions are stored as pending in the background
        (``predictions``). Returns the job, or None when nothing was started."""
        asked = self._ask_file(
            self.tr("Import suggestions"),
            self.tr(
                "Predictions (*.jsonl);;spaCy pipeline: its config.cfg (config.cfg);;All files (*)"
            ),
        )
        if asked is None:
            return None
        path = asked[1]
        chosen = self._scope(self.tr("Import suggestions"), self.tr("Suggestions for:"))
        if chosen is None:
            return None
        named = SourceDialog.ask(Path(path), self.host.window())
        if named is None:
            return None
        return self.predictions(Path(path), chosen[0], source=named[0])

    def predictions(
        self, path: Path, documents: list[int] | None, source: str | None = None
    ) -> BackgroundJob | None:
        """Store the predictions of the JSONL file or spaCy pipeline at ``path`` in
        ``documents`` (None: every document) as suggestions (``import_suggestions``, as the
        command line's ``suggest --from`` / ``--spacy``) in the background, with ``source``
        (``SourceDialog``) as every one's source (None: the file's own sources, as without
        ``--source``); a bad file is one message and nothing is stored."""
        from annotator.commands.suggestions import StoreSuggestions, import_step
        from annotator.learn.external import Imported, import_suggestions

        def store(
            project: Project, progress: Progress, cancelled: IsCancelled
        ) -> tuple[StoreSuggestions, int, int, list[str]]:
            def read(project: Project, batch: SuggestionBatch) -> Imported:
                # the file read line by line: its progress in the dialog, Cancel at once
                return import_suggestions(
                    project,
                    path,
                    documents,
                    batch=batch,
                    source=source,
                    progress=_fitting(progress),
                    cancelled=cancelled,
                )

            text = import_step(path, documents).text  # (the step's text: "import suggestions")
            assert isinstance(text, Message)
            step = StoreSuggestions.running(read, text)
            step.do(project)
            imported = step.report
            assert isinstance(imported, Imported)
            # the report's lines after the first (what is pending): what was not stored, why
            left = [core_text(line) for line in imported.lines()[1:]]
            return step, imported.stored, imported.found, left

        return self._store_in_background(
            self.tr("Import suggestions"), self.tr("Reading the suggestions…"), store
        )

    def gazetteer(
        self, path: Path, documents: list[int] | None, label: str = ""
    ) -> BackgroundJob | None:
        """Match the name list at ``path`` in ``documents`` (None: every document) and store
        the matches as suggestions in the background; a bad file is one message and nothing
        is stored."""
        from annotator.commands.suggestions import SuggestionReport, gazetteer_step

        def store(
            project: Project, _progress: Progress, _cancelled: IsCancelled
        ) -> tuple[StoreSuggestions, int, int, list[str]]:
            step = gazetteer_step(path, documents, label=label)
            step.do(project)
            report = step.report
            assert isinstance(report, SuggestionReport)
            return step, report.stored, report.found, []

        return self._store_in_background(
            self.tr("Gazetteer"), self.tr("Matching the names…"), store
        )

    def _store_in_background(
        self,
        title: str,
        label: str,
        store: Callable[
            [Project, Progress, IsCancelled], tuple[StoreSuggestions, int, int, list[str]]
        ],
    ) -> BackgroundJob | None:
        """Run ``store`` (given the job's progress and Cancel; suggestions stored in a
        project by a ``StoreSuggestions`` step, ``gazetteer_step`` or an import of
        predictions: the step, done; how many stored, how many found, the report's lines
        past its first) as a ``BackgroundJob`` on its own connection to the open project, in
        ONE transaction: a failure or a Cancel stores nothing (a Cancel while a file of
        predictions is read stops the reading at once; any other takes effect when
        ``store`` returns, and rolls it back). What it stored becomes ONE undo step of the
        window's session (``undo_step``: undo withdraws them, in one write when nothing was
        replaced, and puts back what they replaced, those a span hides too; redo does the
        store again), as annotate-all's store does. The Suggestions dock reads them when the
        job is done; a failure is one message. Returns the job (tests wait on ``done``: its
        payload is a ``StoredHere``), or None (no project, read-only, or another of these
        jobs still running)."""
        session = self.host.session
        project_path: Path | None = session.path
        if self._project() is None or project_path is None:
            return None
        if session.read_only:
            session.error.emit(self.tr("The project is read-only."))
            return None
        if self.job is not None:
            return None

        def work(progress: Progress, cancelled: IsCancelled) -> StoredHere:
            from annotator.project import Project

            with Project.open(project_path) as project, project.transaction():
                step, stored, found, left = store(project, progress, cancelled)
                if cancelled():
                    raise Cancelled("cancelled; nothing was stored")
                # for its undo step: the pending suggestions it stored (one batch), and
                # those it replaced (an import replaces its sources' own, hidden ones too)
                return StoredHere(stored, found, left, step.stored, step.replaced, step.text)

        job = BackgroundJob(self.host.window(), title, label, work)

        def done(outcome: str, payload: object) -> None:
            self.job = None
            if outcome == "finished" and isinstance(payload, StoredHere):
                if session.path == project_path and (payload.added or payload.removed):
                    # already written on the job's connection: the step only remembers them
                    session.execute(undo_step(payload.added, payload.removed, payload.text))
                self._suggestions_stored(payload.stored, payload.found, payload.left)
            elif outcome == "failed":
                session.error.emit(str(payload))
            else:
                self.host.statusBar().showMessage(
                    self.tr("Cancelled; no suggestions were stored."), 8000
                )
            job.deleteLater()

        job.done.connect(done)
        self.job = job
        job.start()
        return job


def _fitting(progress: Progress) -> Progress:
    """``progress`` given (done, total) in units small enough for a progress dialog (a
    32-bit int): a file's bytes beyond 2 GiB are counted in KiB."""

    def scaled(done: int, total: int) -> None:
        while total > 2**31 - 1:
            done, total = done // 1024, total // 1024
        progress(done, total)

    return scaled


class StoredHere(NamedTuple):
    """What a background store of suggestions did (``SearchTools._store_in_background``)."""

    stored: int
    """how many suggestions are pending from it (its report's count)"""
    found: int
    """how many it found"""
    left: list[str]
    """its report's lines of what was not stored and why"""
    added: list[Suggestion]
    """the pending suggestions it stored"""
    removed: list[Suggestion]
    """the pending suggestions it took away (an import replaces its sources' own, those a
    span hides too)"""
    text: str = ""
    """its step's text (a core ``Message``; "": annotate-all's "store suggestions")"""


def undo_step(
    added: Sequence[Suggestion], removed: Sequence[Suggestion] = (), text: str = ""
) -> Command:
    """The undo step of a store of suggestions a background job made on its own connection:
    ``StoreSuggestions.already_stored(added, removed)``: undo withdraws exactly ``added`` (in
    one write when they are one batch and nothing was replaced; not remembered as
    rejections) and puts back, as they were, what the store replaced (``removed``: an import
    of predictions replaces what its sources left, those a span hides too); redo does both
    again. Its first ``do`` writes nothing new; ``text`` is its text ("": "store
    suggestions")."""
    from annotator.commands.suggestions import StoreSuggestions

    return StoreSuggestions.already_stored(added, removed, text or None)


def install_tools(
    host: ToolsHost, search: SearchDock, menu: QMenu, table: dict[str, QAction]
) -> SearchTools:
    """Build the tools for ``host`` with their actions in ``menu`` and ``table``; the search
    dock's searches are narrowed by the FTS5 index of the host's project when it is current
    (``project_candidates``)."""
    search.set_candidates(project_candidates(lambda: host.session.path))
    tools = SearchTools(host, search)
    tools.install(menu, table)
    return tools
