"""The review window: colleagues' layers side by side, their disagreements, adjudication.

One read-only ``DocumentView`` per chosen annotator plus one for the gold layer, scrolled
together. Each annotator's span carries a tag "label · kind" in the colour of its kind (what
is true of the span; an event's kind on its trigger), each relation an arc "type · kind"
("relation only A" when the other layer lacks the relation, not the span), a legend names every
kind, and the table lists each disagreement (kind, A's and B's version as plain text, whether
gold resolves it). The window is sized to fit its screen (``fit_to_screen``). Accepting goes
through ``Session.execute`` with the commands of ``annotator.commands.review``, so every accept
(and "accept all agreements") is one step on the session's undo stack, shared with the main
window.

Keys: N / F3 next disagreement, Shift+N / Shift+F3 previous, A accept A's version, B accept
B's, Shift+B both, D drop from gold what only gold holds, E edit the gold version in the main
window, Ctrl+Shift+A accept all agreements of the document, Ctrl+Z / Ctrl+Shift+Z undo / redo.

Gold is reviewed too (``review.against_gold``): an item "gold differs" is an agreement gold
contradicts (a span, an event's arguments, a relation); accepting the agreed version replaces
gold's. An item "only in gold" is a gold record where no chosen annotator has anything; the
gold pane tags both, and D drops it (one undo step) or "Mark adjudicated" keeps gold as it
is.

The project-wide figure ("… in the project") is counted by ``annotator.review.project_remaining``
on a pool thread with its own read-only connection (``ui.jobs.JobWorker``), so the window is
shown and answers at once whatever the size of the project (5,000 documents of three layers
took 13 s on the GUI thread); it says "counting the project" until the figure arrives. A
count is cancelled when the chosen annotators change, another document is edited, the project
changes or the window closes, and a figure from a count that was replaced is never shown. A
project of at most ``COUNT_AT_ONCE_SPANS`` spans is counted at once, without a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.commands import Command, SetStatus
from annotator.commands.review import AcceptAllAgreements, AcceptIntoGold, drop_from_gold
from annotator.formats.common import IsCancelled, Progress
from annotator.model import GOLD, Document, DocumentAnnotations, Status
from annotator.project import Project
from annotator.review import Conflict, Kind, Reused, project_remaining
from annotator.schema import Schema
from ui.docview.view import DocumentView
from ui.i18n import isolate, label_tag, type_tag
from ui.jobs import JobWorker
from ui.keys import KeyMenu
from ui.review.model import (
    ReviewItem,
    anchor,
    annotator_view_spans,
    describe,
    detail_text,
    gold_marks,
    gold_text,
    gold_view_spans,
    item_kind_name,
    relation_marks,
    review_items,
    review_links,
    side_letter,
    span_marks,
)
from ui.review.panes import DisagreementTable, ReviewColumns, legend_row, plain_label
from ui.screen import fit_to_screen
from ui.session import Changes, Session
from ui.widgets import DirectionalComboBox, DirectionalDelegate

COUNT_AT_ONCE_SPANS = 5_000
"""a project with at most this many live spans (every layer) is counted on the GUI thread: a
few milliseconds, and no "counting" flashes by"""


def count_remaining(
    path: Path, names: Sequence[str], progress: Progress, cancelled: IsCancelled
) -> dict[int, int]:
    """The worker's job: ``project_remaining`` of ``names`` on a read-only connection of this
    thread (SQLite connections belong to the thread that opened them)."""
    with Project.open(path, read_only=True) as project:
        return project_remaining(project, names, progress=progress, cancelled=cancelled)


class RemainingCounter(JobWorker):
    """One background count of the project's disagreements left for ``names``."""

    def __init__(self, path: Path, names: Sequence[str]) -> None:
        super().__init__()
        self.path = path
        self.names = list(names)

    def work(self, progress: Progress, cancelled: IsCancelled) -> dict[int, int]:
        return count_remaining(self.path, self.names, progress, cancelled)


class ReviewWindow(QMainWindow):
    """Review of one document by two or more annotators against the gold layer."""

    editGold = Signal(int, int, int)
    """doc id, start, end: show the gold layer in the main window at that place"""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ReviewWindow")
        self.setWindowTitle(self.tr("Review"))
        self.session = session
        self.doc_id: int | None = None
        self.layers: dict[str, DocumentAnnotations] = {}
        self.gold: DocumentAnnotations | None = None
        self.schema: Schema | None = None
        self.items: list[ReviewItem] = []
        self.current = -1
        self.left_per_doc: dict[int, int] | None = None
        """disagreements left per document (those with none absent); None until counted"""
        self.counter: RemainingCounter | None = None
        """the background count running, if any"""
        self._counted_percent = 0
        self._stale = ""  # "refresh" or "reload" owed while the window is hidden
        self._build()
        self.session.changed.connect(self._on_changed)
        self.reload()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        top = QHBoxLayout()
        self.document = DirectionalComboBox(central)
        self.document.setObjectName("review-document")
        self.document.currentIndexChanged.connect(lambda _i: self._document_chosen())
        self.annotators = QListWidget(central)
        self.annotators.setObjectName("review-annotators")
        self.annotators.setFlow(QListWidget.Flow.LeftToRight)
        self.annotators.setItemDelegate(DirectionalDelegate(self.annotators))  # ann_2, not 2_ann
        self.annotators.setMaximumHeight(self.fontMetrics().height() + 14)
        self.annotators.itemChanged.connect(lambda _it: self._annotators_changed())
        top.addWidget(plain_label(self.tr("Document:"), central))
        top.addWidget(self.document, 2)
        top.addWidget(plain_label(self.tr("Annotators:"), central))
        top.addWidget(self.annotators, 3)
        outer.addLayout(top)
        outer.addLayout(legend_row(central))
        self.progress = plain_label("", central)
        self.progress.setObjectName("review-progress")
        outer.addWidget(self.progress)
        split = QSplitter(Qt.Orientation.Vertical, central)
        self.columns = ReviewColumns(split)
        self.columns.spanClicked.connect(self._span_clicked)
        self.table = DisagreementTable(split)
        self.table.cellClicked.connect(lambda row, _col: self.go_to(row))
        split.addWidget(self.columns)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)
        self.detail = plain_label("", central)
        self.detail.setObjectName("review-detail")
        self.detail.setWordWrap(True)
        outer.addWidget(self.detail)
        self.setCentralWidget(central)
        self.actions_by_name = self._actions()
        fit_to_screen(self, QSize(1500, 950))

    def _actions(self) -> dict[str, QAction]:
        bar = QToolBar(self.tr("Review"), self)
        bar.setObjectName("review-toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        menu = KeyMenu(self.tr("&Review"), self)  # its shortcuts as the main window's menus
        self.menuBar().addMenu(menu)
        found: dict[str, QAction] = {}

        def add(name: str, text: str, slot: Callable[[], object], *keys: str) -> None:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda _c=False: slot())
            menu.addAction(action)
            bar.addAction(action)
            found[name] = action

        tr = self.tr
        add("next", tr("Next (N)"), lambda: self.step(1), "N", "F3")
        add("previous", tr("Previous (Shift+N)"), lambda: self.step(-1), "Shift+N", "Shift+F3")
        add("accept_a", tr("Accept A (A)"), lambda: self.accept_side("a"), "A")
        add("accept_b", tr("Accept B (B)"), lambda: self.accept_side("b"), "B")
        add("accept_both", tr("Accept both (Shift+B)"), lambda: self.accept_side("ab"), "Shift+B")
        add("drop_gold", tr("Drop from gold (D)"), self.drop_gold, "D")
        add("edit_gold", tr("Edit gold (E)"), self.edit_gold, "E")
        add("accept_agreements", tr("Accept all agreements (Ctrl+Shift+A)"),
            self.accept_agreements, "Ctrl+Shift+A")  # fmt: skip
        add("gold_done", tr("Mark adjudicated"), self.mark_done)
        menu.addSeparator()
        undo = self.session.undo_stack.createUndoAction(self, tr("&Undo"))
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.session.undo_stack.createRedoAction(self, tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        menu.addAction(undo)
        menu.addAction(redo)
        found["undo"], found["redo"] = undo, redo
        menu.addSeparator()
        close = QAction(tr("&Close"), self)
        close.setObjectName("close")
        close.setShortcuts([QKeySequence("Esc"), QKeySequence("Ctrl+W")])
        close.triggered.connect(lambda _c=False: self.close())
        menu.addAction(close)
        found["close"] = close
        return found

    # -- choosing ------------------------------------------------------------------------
    def reload(self) -> None:
        """Fill the document and annotator choices from the project (keeping choices)."""
        project = self.session.project
        chosen = set(self.chosen()) if self.annotators.count() else None
        self.document.blockSignals(True)
        self.annotators.blockSignals(True)
        self.document.clear()
        self.annotators.clear()
        if project is not None:
            for doc in project.documents():
                self.document.addItem(doc.name or str(doc.id), doc.id)
            names = [n for n in project.annotators() if n != GOLD]
            for name in names:
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = name in chosen if chosen is not None else True
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.annotators.addItem(item)
            index = self.document.findData(self.doc_id) if self.doc_id is not None else 0
            self.document.setCurrentIndex(max(index, 0))
        self.document.blockSignals(False)
        self.annotators.blockSignals(False)
        self._recount()
        self._document_chosen(keep_place=True)  # (the same document: stay at its item)

    def chosen(self) -> list[str]:
        """The annotators whose layers are compared, in list order."""
        items = (self.annotators.item(i) for i in range(self.annotators.count()))
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]

    def set_annotators(self, names: list[str]) -> None:
        """Compare exactly ``names`` (those the project has)."""
        self.annotators.blockSignals(True)
        for i in range(self.annotators.count()):
            it = self.annotators.item(i)
            on = it.text() in names
            it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.annotators.blockSignals(False)
        self._annotators_changed()

    def _annotators_changed(self) -> None:
        self._recount()  # the project-wide count depends on who is compared
        self.refresh(keep_place=False)

    def show_document(self, doc_id: int) -> None:
        index = self.document.findData(doc_id)
        if index >= 0:
            self.document.setCurrentIndex(index)

    def _document_chosen(self, keep_place: bool = False) -> None:
        """Show the chosen document; ``keep_place``: at the current item when it is the
        document shown already (a merge while the window is open reloads the choices)."""
        data = self.document.currentData()
        doc_id = int(data) if data is not None else None
        same = keep_place and doc_id == self.doc_id
        self.doc_id = doc_id
        self.refresh(keep_place=same)

    # -- showing -------------------------------------------------------------------------
    def refresh(self, keep_place: bool = True) -> None:
        """Recompute the items of the current document and repaint everything."""
        project = self.session.project
        names = self.chosen()
        old = self.item() if keep_place else None
        self.columns.set_names(names)
        if project is None or self.doc_id is None or len(names) < 2:
            self.layers, self.items, self.gold = {}, [], None
            self.table.fill(self.items, self.layers)
            self.current = -1
            self.progress.setText(self.tr("Choose a document and at least two annotators."))
            return
        doc = project.document(self.doc_id)
        self.layers, self.items = review_items(project, self.doc_id, names)
        self.schema = project.schema
        gold = self.gold = project.layer(self.doc_id, GOLD)
        shown = {lab.name: label_tag(lab) for lab in project.schema.span_labels()}
        for name, view in self.columns.views.items():
            if view.text() != doc.text:
                view.set_text(doc.text)
            arcs = self.columns.arcs[name]
            if name == GOLD:
                view.set_spans(gold_view_spans(gold, shown, gold_marks(self.items)))
                arcs.set_links(*review_links(gold, None, self.schema))
            else:
                marks = span_marks(name, self.items)
                view.set_spans(annotator_view_spans(self.layers[name], marks, shown))
                marks_of_arcs = relation_marks(name, self.items)
                arcs.set_links(*review_links(self.layers[name], marks_of_arcs, self.schema))
        self.table.fill(self.items, {**self.layers, GOLD: gold}, self.schema)
        self._update_progress(names)
        self.current = place_of(old, self.items) if old is not None else 0 if self.items else -1
        self.go_to(self.current)

    def _update_progress(self, names: list[str]) -> None:
        project = self.session.project
        if project is None or self.doc_id is None or len(names) < 2:
            return
        if self.left_per_doc is None and self.counter is None:
            self._start_count(project, names)
        left = sum(1 for it in self.items if not it.resolved)
        if self.left_per_doc is None:  # counting: the figure comes when the worker is done
            self.progress.setText(
                self.tr(
                    "Disagreements left: {0} of {1} in this document; counting the project ({2} %)…"
                ).format(left, len(self.items), self._counted_percent)
            )
            return
        self.left_per_doc[self.doc_id] = left  # this document as shown (fresher than the count)
        total = sum(self.left_per_doc.values())
        self.progress.setText(
            self.tr("Disagreements left: {0} of {1} in this document, {2} in the project").format(
                left, len(self.items), total
            )
        )

    @property
    def counting(self) -> bool:
        """Whether the project's figure is being counted in the background."""
        return self.counter is not None

    def _recount(self) -> None:
        """Forget the project's figure and stop a count under way (its figure would be for
        other annotators or another state of the project); the next ``_update_progress``
        counts again."""
        if self.counter is not None:
            self.counter.cancel()
            self.counter = None
        self.left_per_doc = None
        self._counted_percent = 0

    def _start_count(self, project: Project, names: list[str]) -> None:
        if project.span_count() <= COUNT_AT_ONCE_SPANS:
            self.left_per_doc = project_remaining(project, names)
            return
        counter = RemainingCounter(project.path, names)
        sig = counter.signals
        # each slot checks that its counter is still the window's: a replaced count's figure
        # (annotators changed meanwhile) is dropped, never shown
        sig.progress.connect(lambda done, total: self._count_progress(counter, done, total))
        sig.finished.connect(lambda result: self._counted(counter, result))
        sig.failed.connect(lambda message: self._count_failed(counter, message))
        sig.cancelled.connect(lambda: self._count_failed(counter, ""))
        self.counter = counter
        self._counted_percent = 0
        QThreadPool.globalInstance().start(counter)

    def _count_progress(self, counter: RemainingCounter, done: int, total: int) -> None:
        if counter is not self.counter or not total:
            return
        percent = 100 * done // total
        if percent != self._counted_percent:
            self._counted_percent = percent
            self._update_progress(self.chosen())

    def _counted(self, counter: RemainingCounter, result: object) -> None:
        if counter is not self.counter or not isinstance(result, dict):
            return
        self.counter = None
        self.left_per_doc = dict(result)
        self._update_progress(self.chosen())

    def _count_failed(self, counter: RemainingCounter, message: str) -> None:
        if counter is not self.counter:
            return
        self.counter = None
        self.left_per_doc = {}  # shown as this document's figure only, not counted again
        if message:
            self.statusBar().showMessage(
                self.tr("The project's disagreements could not be counted: {0}").format(message),
                10000,
            )
        self._update_progress(self.chosen())

    def item(self) -> ReviewItem | None:
        """The current item (None when the document has no disagreement)."""
        return self.items[self.current] if 0 <= self.current < len(self.items) else None

    def go_to(self, row: int) -> None:
        """Make ``row`` the current disagreement: select its spans, scroll every view."""
        self.current = row if 0 <= row < len(self.items) else -1
        it = self.item()
        if it is None:
            self.table.clearSelection()
            self.detail.setText(self.tr("No disagreement in this document."))
            for view in self.columns.views.values():
                view.set_selected(None)
            return
        self.table.selectRow(row)
        cell = self.table.item(row, 0)
        if cell is not None:
            self.table.scrollToItem(cell)
        for name, view in self.columns.views.items():
            rec = it.d.a if name == it.a else it.d.b if name == it.b else None
            if name == GOLD and it.d.gold:
                rec = it.d.gold[0]
            view.set_selected(anchor(rec) or None)
        self.columns.scroll_to(it.d.start)
        # each side "A (name): …" is one isolate: laid out in the interface's direction as a
        # whole, it stays in one piece ("— :(badr) B" without it)
        sides = [
            isolate(
                f"{side_letter(k)} ({isolate(name)}): "
                + describe(rec, self.layers.get(name), self.schema)
            )
            for k, (name, rec) in enumerate(((it.a, it.d.a), (it.b, it.d.b)))
        ]
        parts = [f"{row + 1}/{len(self.items)}", item_kind_name(it), *sides]
        # gold's version too (only in gold: it alone, the detail would say its label again)
        detail = "" if it.d.only_in_gold else detail_text(it.d, self.schema)
        extra = [detail, gold_text(it.d, self.gold, self.schema)]
        self.detail.setText(" · ".join([*parts, *(x for x in extra if x)]))

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) disagreement."""
        self.statusBar().clearMessage()  # what was said was of the item left
        if self.items:
            self.go_to(max(0, min(len(self.items) - 1, self.current + delta)))

    def _span_clicked(self, uuid: str) -> None:
        for row, it in enumerate(self.items):
            if uuid and uuid in (anchor(it.d.a), anchor(it.d.b)):
                self.go_to(row)
                return

    # -- adjudicating --------------------------------------------------------------------
    def accept_side(self, sides: str) -> bool:
        """Accept A's ("a"), B's ("b") or both ("ab") versions of the current item."""
        it = self.item()
        if it is None:
            return False
        records = [r for side, r in (("a", it.d.a), ("b", it.d.b)) if side in sides and r]
        if it.d.only_in_gold:
            self.statusBar().showMessage(
                self.tr(
                    "Only gold holds this: drop it from gold (D), or keep it (Mark adjudicated)."
                ),
                10000,
            )
            return False
        if not records:
            self.statusBar().showMessage(self.tr("That side has nothing here to accept."), 5000)
            return False
        # an agreement gold contradicts (``review.against_gold``): the version accepted
        # replaces the stale gold records (spans; an event, its arguments made the agreed
        # ones; a relation)
        stale = [g.uuid for g in it.d.gold] if it.kind is Kind.GOLD else []
        command = AcceptIntoGold([r.uuid for r in records], replacing=stale)
        ok = self._execute(command)
        if ok:
            # the window refreshed at the same item, or at the next one if it is gone (an
            # item of stale gold is, once replaced)
            now = self.item()
            if (now is not None and _same_item(now, it)) or (now is not None and now.resolved):
                self._next_open(self.current)
            self._tell(command.conflicts, command.reused, len(stale))
        return ok

    def _execute(self, command: Command) -> bool:
        """Run an accept through the session; a refusal (an event whose trigger span is
        labelled otherwise, naming its document and trigger) shows in this window's status
        bar too, where the adjudicator is looking (the session tells the main window). What
        the bar said of an earlier action goes first: each action says its own, or nothing."""
        self.statusBar().clearMessage()
        errors: list[str] = []
        self.session.error.connect(errors.append)
        try:
            ok = self.session.execute(command)
        finally:
            self.session.error.disconnect(errors.append)
        if errors:
            self.statusBar().showMessage(errors[-1], 10000)
        return ok

    def _tell(
        self, conflicts: Sequence[Conflict], reused: Sequence[Reused] = (), replaced: int = 0
    ) -> None:
        """Say what an accept did beyond copying what was chosen: gold now holds two competing
        versions at a place (an event or relation accepted needed a span gold holds otherwise
        there); an argument, trigger or relation end points at the gold span chosen earlier,
        not at the copied record's own version (gold never holds two versions of a mention);
        stale gold versions were replaced."""
        schema = self.session.project.schema if self.session.project else None
        said = []
        if conflicts:
            first = conflicts[0].source
            said.append(
                self.tr(
                    "Gold now holds two competing versions at “{0}” ({1}); undo to keep one."
                ).format(isolate(first.text), type_tag(schema, first.label))
            )
        if reused:
            r = reused[0]
            said.append(
                self.tr(
                    "It points at the gold span chosen earlier: “{0}” ({1}), not “{2}” ({3})."
                ).format(
                    isolate(r.gold.text),
                    type_tag(schema, r.gold.label),
                    isolate(r.source.text),
                    type_tag(schema, r.source.label),
                )
            )
        if replaced:
            said.append(self.tr("The agreed version replaced gold's stale one."))
        if said:
            self.statusBar().showMessage(" ".join(said), 10000)

    def drop_gold(self) -> bool:
        """Delete from gold the record of the current "only in gold" item (no chosen
        annotator has anything there), with what would dangle without it: one undo step."""
        it = self.item()
        project = self.session.project
        if it is None or project is None or not it.d.only_in_gold:
            self.statusBar().showMessage(
                self.tr("Only an item “only in gold” can be dropped from gold."), 5000
            )
            return False
        ok = self._execute(drop_from_gold(project, it.d.gold[0]))
        if ok:
            now = self.item()
            if now is not None and now.resolved:
                self._next_open(self.current)
        return ok

    def accept_agreements(self) -> bool:
        """Copy everything the chosen annotators agree on into gold, as one undo step."""
        if self.doc_id is None or len(self.chosen()) < 2:
            return False
        command = AcceptAllAgreements(self.doc_id, self.chosen())
        ok = self._execute(command)
        if ok:
            self._tell(command.conflicts, command.reused)
            if command.left_out and not command.conflicts:
                self.statusBar().showMessage(
                    self.tr(
                        "Accepted; {0} agreed events left out: their trigger span is not "
                        "labelled with their type (the problems list names them)."
                    ).format(len(command.left_out)),
                    10000,
                )
        return ok

    def mark_done(self) -> bool:
        """Mark the document adjudicated: the rest of its disagreements count as rejected."""
        if self.doc_id is None:
            return False
        return self._execute(SetStatus(self.doc_id, GOLD, Status.DONE))

    def edit_gold(self) -> None:
        it = self.item()
        if self.doc_id is not None:
            start, end = (it.d.start, it.d.end) if it else (0, 0)
            self.editGold.emit(self.doc_id, start, end)

    def _next_open(self, row: int) -> None:
        """After an accept: the first unresolved item after ``row`` (wrapping), if any."""
        n = len(self.items)
        for k in range(1, n + 1):
            i = (row + k) % n
            if not self.items[i].resolved:
                self.go_to(i)
                return

    # -- session -------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.reason == "annotator":
            return  # the review does not depend on who annotates in the main window
        if changes.reason == "project" or changes.doc_ids - {self.doc_id}:
            self._recount()  # other documents changed: recount the project
        if not self.isVisible():  # catch up when shown again, not on every edit
            self._stale = "reload" if changes.reason == "project" else self._stale or "refresh"
            return
        if changes.reason == "project":
            self.reload()
        elif self.doc_id is None or not changes.doc_ids or self.doc_id in changes.doc_ids:
            self.refresh()
        else:
            self._update_progress(self.chosen())

    def showEvent(self, event: QShowEvent) -> None:
        stale, self._stale = self._stale, ""
        if stale == "reload":
            self.reload()
        elif stale:
            self.refresh()
        if self.left_per_doc is None and self.counter is None:
            self._update_progress(self.chosen())  # (a count stopped when the window closed)
        super().showEvent(event)
        # the panes have their real height only now: scroll to the selected disagreement again
        QTimer.singleShot(0, self._rescroll)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.counter is not None:  # nobody will read the figure: stop counting
            self._recount()
        super().closeEvent(event)

    def _rescroll(self) -> None:
        if self.item() is not None:
            self.go_to(self.current)


def _same_item(x: ReviewItem, y: ReviewItem) -> bool:
    """Whether two items (of two computations) are the same: the same pair of annotators and
    the same records (whatever their versions and kind now)."""
    return _identity(x) == _identity(y)


def _identity(it: ReviewItem) -> tuple[str, str, str, str]:
    a, b = it.d.a, it.d.b
    if a is None and b is None and it.d.gold:  # only in gold: its gold record
        return it.a, it.b, "", it.d.gold[0].uuid
    return it.a, it.b, a.uuid if a is not None else "", b.uuid if b is not None else ""


def place_of(old: ReviewItem, items: Sequence[ReviewItem]) -> int:
    """Where the window stays after ``items`` were computed again: at ``old`` if it is still
    there (``_same_item``), else at the next item in text order (the last when none follows;
    -1 when there is none)."""
    for i, it in enumerate(items):
        if _same_item(it, old):
            return i
    key = (old.d.start, old.d.end, old.a, old.b)
    after = [i for i, it in enumerate(items) if (it.d.start, it.d.end, it.a, it.b) >= key]
    return after[0] if after else len(items) - 1


# -- opening from the main window -------------------------------------------------------------
class NoteEditor(Protocol):
    """The details panel as far as switching layers needs it."""

    def flush_note(self) -> None: ...


class ReviewHost(Protocol):
    """What the review window needs of the main window: the session, the open document and
    its layer, a way to show a span there (its top-level widget parents the review window)."""

    @property
    def session(self) -> Session: ...
    @property
    def doc(self) -> Document | None: ...
    @property
    def layer(self) -> DocumentAnnotations: ...
    @property
    def view(self) -> DocumentView: ...
    @property
    def details(self) -> NoteEditor: ...
    def open_document(self, doc_id: int) -> None: ...
    def go_to_span(self, uuid: str) -> None: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


def open_review(w: ReviewHost) -> ReviewWindow:
    """Show the review window of ``w`` (one per main window), on its current document."""
    window = w.window().findChild(ReviewWindow)
    if window is None:
        window = ReviewWindow(w.session, w.window())
        window.editGold.connect(lambda doc, start, end: show_gold(w, doc, start, end))
    if w.doc is not None:
        window.show_document(w.doc.id)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def show_gold(w: ReviewHost, doc_id: int, start: int, end: int) -> None:
    """Switch the main window to the gold layer at ``[start, end)`` for editing there."""
    if w.session.annotator != GOLD:
        w.details.flush_note()
        w.session.set_annotator(GOLD)  # not remembered: the analyst's own name stays saved
        w.statusBar().showMessage(
            w.tr("Editing the gold layer; Annotate → Switch annotator to go back."), 10000
        )
    w.open_document(doc_id)
    span = next((s for s in w.layer.spans if s.start < end and start < s.end), None)
    if span is not None:
        w.go_to_span(span.uuid)
    else:
        w.view.select(start, end)
        w.view.scroll_to(start)
    w.window().raise_()
    w.window().activateWindow()
