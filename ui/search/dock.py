"""The corpus search dock (Ctrl+Shift+F): a query with its filters above a right-to-left
concordance whose lines stream in from a background job, so the window never freezes.

Documents come from a ``DocumentSource``: a function giving ``(doc_id, name, text)`` triples,
called on the worker thread (a project source opens its own read-only ``Project`` there:
SQLite connections belong to the thread that opened them). The folded corpus is built on the
first search and kept (``CorpusCache``) until ``invalidate()``; a new search cancels the one
running. Activating a line emits ``hitActivated(doc_id, start, end)`` (code points).

A rare word is not looked for in the whole corpus: when the dock has a ``CandidateSource``
(``set_candidates``; the workbench's is ``project_candidates``, the FTS5 index of the
project), the search asks it, on the worker thread, which documents the query can match and
scans only those when they are few (``annotator.search.corpus.narrowed``). The index only
narrows: without a built and current index (or for a regular expression, ة folding, a query
without a word of three letters) the source says None and the whole corpus is scanned; the
hits are the same either way.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.cycles import promote
from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.common import IsCancelled, Progress
from annotator.search import FoldedCorpus, FoldOptions, KwicLine, Mode, Query, fold_text
from annotator.search.corpus import narrowed
from annotator.search.folding import FoldedText
from annotator.search.kwic import line_of
from annotator.search.matching import Hit, QueryError
from ui.i18n import core_text
from ui.jobs import JobWorker
from ui.search.concordance import ConcordanceModel, ConcordanceView
from ui.search.find_bar import MODES

DocumentSource = Callable[[], Iterable[tuple[int, str, str]]]
"""gives ``(doc_id, name, text)`` of the documents to search (called on the worker thread)"""

CandidateSource = Callable[[Query], Sequence[int] | None]
"""the ids of the documents a query may match (ascending), or None when it cannot say (no
built and current index): every document is then searched (called on the worker thread)"""


def project_candidates(path: Callable[[], str | Path | None]) -> CandidateSource:
    """The candidates of the project at ``path()`` (read when a search runs) from its FTS5
    index, through a read-only ``Project`` opened on the worker thread (SQLite connections
    belong to the thread that opened them); None when there is no project, or it cannot be
    read: the search then scans (the index only ever narrows)."""

    def candidates(query: Query) -> Sequence[int] | None:
        from annotator.project import Project

        where = path()
        if where is None:
            return None
        try:
            with Project.open(where, read_only=True) as project:
                return project.search_candidates(query)
        except AnnotatorError:
            return None

    return candidates


BATCH = 500
"""lines per streamed batch (or fewer, every BATCH_SECONDS)"""
BATCH_SECONDS = 0.1
MAX_LINES = 100_000
"""lines kept for the table; hits beyond are counted only"""
FIT_ROWS = 32
"""rows the document and hit columns are measured on (those on screen first: not every row
of a streamed search, each time a batch comes in)"""
FIT_CHARS = 24
"""the document and hit columns' width at most, in average characters"""


class CorpusCache:
    """The folded corpus of a source, built once on a worker thread and shared (read-only).

    The first search builds it as it goes (``folding``): each document is folded as it is
    read and searched at once, so its lines show while the rest is still being read (the
    whole corpus read and folded before the first line took 2-3 s at 20,000 documents).

    The lock guards the cache's fields only, for a few assignments: it is never held while
    documents are read, so ``invalidate()`` (the window's thread, after a project change)
    returns at once whatever a search is doing. A stream started before an invalidation (its
    ``version`` behind) never installs its corpus: the next search reads the project again."""

    def __init__(self, source: DocumentSource) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._corpus: FoldedCorpus | None = None
        self._names: dict[int, str] = {}
        self._version = 0
        """one more at each ``invalidate()``: a stream installs its corpus only unchanged"""
        self._previous: FoldedCorpus | None = None
        """the corpus held before the last invalidation (its folded texts reused)"""
        self._spare: dict[FoldOptions, dict[int, FoldedText]] = {}
        """folded texts that may be reused (same id, same text) by options: the previous
        corpus's, and those of streams cut short, stale or still running"""

    def invalidate(self) -> None:
        """Read the documents again at the next search; folded texts of documents already
        held (same id, same text) are kept, so after an import only new ones are folded.
        Returns at once: a running stream is not waited for (it will not install)."""
        with self._lock:
            self._version += 1
            if self._corpus is not None:
                self._previous = self._corpus
            self._corpus = None

    def held(self, options: FoldOptions) -> tuple[FoldedCorpus, dict[int, str]] | None:
        """The corpus and the documents' names when they are built with ``options``."""
        with self._lock:
            if self._corpus is None or self._corpus.options != options:
                return None
            return self._corpus, self._names

    def _start(
        self, options: FoldOptions
    ) -> tuple[FoldedCorpus, dict[int, str]] | tuple[int, dict[int, FoldedText]]:
        """The corpus and its names when it is held with ``options``; else the version a
        stream starts from and the folded texts it may reuse (shared with the streams
        running: each adds what it folds)."""
        with self._lock:
            corpus = self._corpus
            if corpus is not None and corpus.options == options:
                return corpus, self._names
            version = self._version
            previous, self._previous = self._previous, None
            spare = self._spare.setdefault(options, {})
            kept = spare if previous is None else self._spare.setdefault(previous.options, {})
        if previous is not None:  # (outside the lock: 20,000 entries, a few ms)
            for doc_id, ft in zip(previous.ids, previous.texts, strict=True):
                kept.setdefault(doc_id, ft)  # a stream's fold is as new or newer
        return version, spare

    def folding(
        self, options: FoldOptions, cancelled: IsCancelled
    ) -> Generator[tuple[int, str, FoldedText], None, None]:
        """``(doc_id, name, folded text)`` of every document in the corpus's order, each
        folded as the source gives it (the held corpus's, when it is built); the corpus is
        kept when the stream ends, unless the cache was invalidated meanwhile. Stopped early
        (cancelled: looked at before each document, or closed), the texts folded so far are
        kept for the next build. Holds no lock while it runs; close it
        (``contextlib.closing``)."""
        start = self._start(options)
        if isinstance(start[0], FoldedCorpus):
            corpus, names = start
            assert isinstance(names, dict)
            for doc_id, kept in zip(corpus.ids, corpus.texts, strict=True):
                yield doc_id, names.get(doc_id, ""), kept
            return
        version, spare = start
        ids: list[int] = []  # (two lists: no tuple a document for the collector to walk)
        folded: list[FoldedText] = []
        names = {}
        for doc_id, name, text in self.source():
            if cancelled():
                raise Cancelled("search cancelled")
            ft = spare.get(doc_id)
            if ft is None or ft.original != text:
                ft = FoldedText.of(text, options)
                spare[doc_id] = ft  # (one store: a stream running beside may reuse it)
            ids.append(doc_id)
            folded.append(ft)
            names[doc_id] = name
            yield doc_id, name, ft
        if self._version != version:
            return  # the project changed while it was read: the next search reads it again
        built = FoldedCorpus(zip(ids, folded, strict=True), options)  # (outside the lock)
        with self._lock:
            if self._version != version:
                return
            self._corpus = built
            self._names = names
            self._previous = None
            self._spare.clear()


class SearchResults(QObject):
    """What one search reports, each tagged with the search's number, so a receiver connected
    by bound method (disconnected when it is destroyed) can drop a replaced search's news."""

    batch = Signal(int, object, object)
    """search number, a list of KwicLine, the names of their documents"""
    ended = Signal(int, str, object)
    """search number, outcome ("finished", "cancelled", "failed"), hit count or message"""


class Lines:
    """A search's concordance lines, sent in batches (``BATCH`` lines, or what came in
    ``BATCH_SECONDS``; the first lines found at once); hits beyond ``MAX_LINES`` are counted
    only."""

    def __init__(self, worker: SearchWorker, names: dict[int, str]) -> None:
        self.worker = worker
        self.names = names
        self.batch: list[KwicLine] = []
        self.count = 0
        self.last = 0.0  # the first lines go out at once

    def add(self, hit: Hit, text: str) -> None:
        self.count += 1
        if self.count <= MAX_LINES:
            self.batch.append(line_of(hit, text))
        if len(self.batch) >= BATCH:
            self.flush()
        else:
            self.flush_when_due()

    def flush_when_due(self) -> None:
        if self.batch and time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.worker.send(self.batch, self.names)
        self.batch = []
        self.last = time.monotonic()

    def end(self) -> int:
        self.flush()
        return self.count


class SearchWorker(JobWorker):
    """Runs one corpus search on a pool thread, streaming concordance lines in batches;
    its result is the number of hits."""

    def __init__(
        self,
        cache: CorpusCache,
        query: Query,
        number: int = 0,
        documents: str = "",
        candidates: CandidateSource | None = None,
    ) -> None:
        super().__init__()
        self.cache = cache
        self.query = query
        self.candidates = candidates
        """which documents may match (the index), asked once the corpus is at hand"""
        self.number = number
        self.documents = documents
        """only documents whose name contains this (folded); empty: all"""
        self.results = SearchResults()
        ended = self.results.ended
        self.signals.finished.connect(lambda count: ended.emit(number, "finished", count))
        self.signals.cancelled.connect(lambda: ended.emit(number, "cancelled", None))
        self.signals.failed.connect(lambda message: ended.emit(number, "failed", message))

    def work(self, progress: Progress, cancelled: IsCancelled) -> int:
        self.query.matcher()  # a bad query fails before the corpus is folded
        held = self.cache.held(self.query.fold)
        wanted = self.candidates(self.query) if self.candidates is not None else None
        if held is None:
            return self._first(wanted, cancelled)
        corpus, names = held
        scope = None
        if self.documents.strip():
            needle = fold_text(self.documents.strip())
            scope = [i for i in corpus.ids if needle in fold_text(names.get(i, ""))]
        lines = Lines(self, names)
        for hit in narrowed(corpus, self.query, wanted, scope, cancelled):
            lines.add(hit, corpus.text(hit.doc_id))
        return lines.end()

    def _first(self, wanted: Sequence[int] | None, cancelled: IsCancelled) -> int:
        """The search while the corpus is not built: each document searched as it is read
        and folded (``CorpusCache.folding``), its lines sent at once; the same hits, in the
        same order, as the held corpus gives (``FoldedCorpus.search`` finds exactly the hits
        of each document's folded text)."""
        matcher = self.query.matcher()
        allowed = None if wanted is None else set(wanted)  # the index only narrows
        needle = fold_text(self.documents.strip()) if self.documents.strip() else None
        names: dict[int, str] = {}
        lines = Lines(self, names)
        with contextlib.closing(self.cache.folding(self.query.fold, cancelled)) as documents:
            for doc_id, name, ft in documents:
                names[doc_id] = name
                if allowed is not None and doc_id not in allowed:
                    continue
                if needle is not None and needle not in fold_text(name):
                    continue
                for s, e in matcher.spans(ft.folded):
                    lines.add(Hit(doc_id, *ft.span(s, e)), ft.original)
                lines.flush_when_due()
        return lines.end()

    def send(self, batch: list[KwicLine], names: dict[int, str]) -> None:
        """Report a batch of lines with the names of their documents."""
        shown = {line.doc_id: names.get(line.doc_id, "") for line in batch}
        self.results.batch.emit(self.number, batch, shown)


class StatusLine(QLabel):
    """The line between the query and the results: hidden while it says nothing (before a
    search it was an empty strip above the table)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class ColumnFit(QObject):
    """The concordance's columns fit the table's width until the analyst drags one: the
    document and hit columns as wide as their text in the first rows (``FIT_ROWS``), at most
    ``FIT_CHARS`` characters, the contexts before and after the hit sharing the rest (the
    context after stretches last). Every column stays draggable (Interactive); once one is
    resized by hand (or by ``QHeaderView.resizeSection``) the widths are the analyst's and
    are kept through new searches and refreshed results.

    (Fixed at 110, 330, 110 and 330 px, the table was wider than a dock of ~720 px: a scroll
    bar below it and the context after the hit cut off; then the columns shared the width in
    the Stretch and ResizeToContents modes, which cannot be dragged.)"""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.by_hand = False
        """a column was resized other than by ``fit``: the widths are left alone"""
        self._fitting = False
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the context after takes what is left; never less than the width it had when it was
        # set to stretch (Qt keeps that one): the least, so a narrow dock needs no scroll bar
        header.setStretchLastSection(False)
        header.resizeSection(header.count() - 1, header.minimumSectionSize())
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(FIT_ROWS)
        header.sectionResized.connect(self._resized)
        model = view.model()
        model.modelReset.connect(self.fit)
        model.layoutChanged.connect(self.fit)
        model.rowsInserted.connect(self._inserted)
        view.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if first < FIT_ROWS:  # (rows streamed in below the first ones change no width)
            self.fit()

    def _resized(self, column: int, _old: int, _new: int) -> None:
        last = self.view.horizontalHeader().count() - 1
        if not self._fitting and column != last:  # (the last stretches by itself)
            self.by_hand = True

    def fit(self) -> None:
        """Give the columns their fitted widths, unless the analyst has set them."""
        if self.by_hand:
            return
        view = self.view
        header = view.horizontalHeader()
        cap = view.fontMetrics().averageCharWidth() * FIT_CHARS
        widths = {}
        for column in (0, 2):
            text = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            widths[column] = min(text, cap)
        rest = max(0, view.viewport().width() - widths[0] - widths[2])
        widths[1] = max(header.minimumSectionSize(), rest // 2)
        self._fitting = True
        try:
            for column in (0, 1, 2):
                header.resizeSection(column, widths[column])
        finally:
            self._fitting = False


class SearchDock(QDockWidget):
    """Corpus search with a concordance; ``open()`` is the Ctrl+Shift+F entry point."""

    hitActivated = Signal(int, int, int)
    """doc_id, start, end of the line activated"""
    searchFinished = Signal(str, int)
    """outcome ("finished", "cancelled", "failed") and the number of hits"""

    def __init__(
        self, source: DocumentSource, parent: QWidget | None = None, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchDock")
        self.setWindowTitle(self.tr("Search"))
        self.cache = CorpusCache(source)
        self.candidates: CandidateSource | None = None
        """narrows a search to the documents that may match (``set_candidates``)"""
        self.pool = pool or QThreadPool.globalInstance()
        body = QWidget(self)
        self.edit = QLineEdit(body)
        self.edit.setPlaceholderText(self.tr("Search all documents"))
        self.edit.setClearButtonEnabled(True)
        self.mode = QComboBox(body)
        for mode, name in MODES:  # marked in the find bar's context, translated there
            self.mode.addItem(QCoreApplication.translate("FindBar", name), mode)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.clitics = QCheckBox(self.tr("Clitic-aware"), body)
        self.clitics.setChecked(True)
        self.clitics.setToolTip(
            self.tr("Arabic queries also find the word after the proclitics و ف ب ل ك and ال")
        )
        # not self.tr: PySide's tr takes a translation equal to its source for none and asks
        # the base class's context, which comes back empty (a blank label in Arabic)
        self.ta_marbuta = QCheckBox(QCoreApplication.translate("SearchDock", "ة = ه"), body)
        self.ta_marbuta.setToolTip(
            QCoreApplication.translate("FindBar", "Match ة and ه as the same letter")
        )
        self.documents = QLineEdit(body)
        self.documents.setPlaceholderText(self.tr("In documents named…"))
        self.documents.setClearButtonEnabled(True)
        self.documents.setMaximumWidth(180)
        self.button = QPushButton(self.tr("Search"), body)
        self.status = StatusLine(body)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it shows queries and entity text
        self.model = ConcordanceModel(body)
        self.view = ConcordanceView(self.model, body)
        self.columns = ColumnFit(self.view)
        # the row never squeezes a control below what shows its text: the query box takes
        # what is left, the mode box its longest mode, each check box its label
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance("x" * 16))
        hint = metrics.horizontalAdvance(self.documents.placeholderText()) + 40  # + clear button
        self.documents.setMinimumWidth(min(hint, self.documents.maximumWidth()))
        for whole in (self.mode, self.clitics, self.ta_marbuta, self.button):
            whole.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        filters = QHBoxLayout()
        widgets: list[QWidget] = [self.edit, self.mode, self.clitics, self.ta_marbuta]
        for w in [*widgets, self.documents, self.button]:
            filters.addWidget(w)
        filters.setStretch(0, 1)
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(filters)
        column.addWidget(self.status)
        column.addWidget(self.view, 1)
        self.setWidget(body)
        self.worker: SearchWorker | None = None
        self._running: set[SearchWorker] = set()  # kept alive until they end, even replaced
        running = self._running

        def stop_all() -> None:  # the dock is going: its searches stop writing for nobody
            for w in list(running):
                w.cancel()

        self.destroyed.connect(stop_all)
        self._generation = 0
        self.count = 0
        self.edit.returnPressed.connect(self.search)
        self.documents.returnPressed.connect(self.search)
        self.button.clicked.connect(self.search)
        self.view.hitActivated.connect(self.hitActivated)

    # -- entry points --------------------------------------------------------------------
    def toggle_action(self) -> QAction:
        """The dock's menu action, with Ctrl+Shift+F opening it on the query."""
        action = self.toggleViewAction()
        action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        action.triggered.connect(self._toggled)
        return action

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.open()

    def open(self, initial: str = "") -> None:
        self.show()
        self.raise_()
        if initial:
            self.edit.setText(initial)
        self.edit.selectAll()
        self.edit.setFocus()

    def invalidate(self) -> None:
        """Documents were added or removed: fold the corpus again at the next search."""
        self.cache.invalidate()

    def set_candidates(self, candidates: CandidateSource | None) -> None:
        """Narrow the searches that start from now on with ``candidates`` (None: scan)."""
        self.candidates = candidates

    def show_lines(self, lines: Sequence[KwicLine], names: dict[int, str], title: str) -> None:
        """Show given lines (e.g. an entity's mentions) instead of a search's."""
        self.cancel()
        self.model.set_lines(lines, names)
        self.count = len(lines)
        self.status.setText(title)

    # -- searching -----------------------------------------------------------------------
    def query(self) -> Query:
        return Query(
            self.edit.text(),
            Mode(self.mode.currentData()),
            None if self.clitics.isChecked() else False,
            FoldOptions(self.ta_marbuta.isChecked()),
        )

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker = None
            self.status.setText(self.tr("Search cancelled"))
        self._generation += 1

    def search(self) -> None:
        """Run the query over the corpus; lines stream into the table."""
        self.cancel()
        self.model.clear()
        self.count = 0
        query = self.query()
        try:
            query.matcher()
        except QueryError as exc:
            self.status.setText(core_text(exc))
            self.searchFinished.emit("failed", 0)
            return
        worker = SearchWorker(
            self.cache, query, self._generation, self.documents.text(), self.candidates
        )
        worker.results.batch.connect(self._batch)
        worker.results.ended.connect(self._end)
        self.worker = worker
        self._running.add(worker)
        self.status.setText(self.tr("Searching…"))
        self.pool.start(worker)

    def _batch(self, generation: int, lines: list[KwicLine], names: dict[int, str]) -> None:
        if generation != self._generation:
            return
        self.model.append(lines, names)
        self.status.setText(self.tr("Searching… {0} hits").format(self.model.rowCount()))

    def _end(self, generation: int, outcome: str, payload: object) -> None:
        for worker in [w for w in self._running if w.number == generation]:
            self._running.discard(worker)
        if generation != self._generation:
            return
        self.worker = None
        # The folded corpus and the lines are kept: to the oldest generation now (two list
        # splices), or the next search's middle-generation pass walks them all (~100 ms
        # held on the window's thread at 20,000 documents)
        promote()
        if outcome == "finished":
            assert isinstance(payload, int)
            self.count = payload
            shown = self.model.rowCount()
            text = self.tr("{0} hits").format(payload)
            if shown < payload:
                text += self.tr(" (the first {0} shown)").format(shown)
            self.status.setText(text)
            self.model.apply_sort()
        elif outcome == "failed":
            self.status.setText(str(payload))
        else:
            self.status.setText(self.tr("Search cancelled"))
        self.searchFinished.emit(outcome, self.count)
