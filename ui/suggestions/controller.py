"""``SuggestionController``: the open document's suggestions in the view, the threshold, and
accept, reject, accept all, reject all and next.

It reads the document's suggestions from a ``SuggestionSource`` (the project) when the document
changes, shows those scoring at least the threshold (the view draws them apart from the
annotations; the Suggestions list shows ``rows``, an item model), and turns the keys into
edits: accepting goes through ``Session.execute`` as one command (one undo step, however many
suggestions), and so does rejecting (remembered, so they do not come back; undo puts them back)
when the core has the command, else ``reject_suggestions``, and withdrawing a source's
suggestions (not remembered). Deciding on more than ``BUSY_AT`` at once shows the wait cursor
and a status line meanwhile.

An edit does not read the document's suggestions again (143,000 of them take seconds): it
updates what it changed. A span drawn over a suggestion hides it (kept aside as covered, since
the project keeps it pending); a span deleted, moved or undone brings back those it alone
covered (the few candidates checked with ``pending_suggestions``); an accept, reject, withdraw
or store command, done, undone or redone, moves exactly the suggestions it names (a store's
undo brings back those it replaced, the ones a span hides kept aside), and of them only the
open document's: a command moving many (annotate-all in every document stores
108,000 as one step) is split by document once, so its undo and redo touch the open
document's few thousand, not all 108,000 one by one (QA: 0.15-0.18 s on every undo). Lookups by
uuid are a dict's, rows are found by bisection, and the view is given only the suggestions
that came and went (``add_suggestions``, ``remove_suggestions``: a whole new list of 143,000
took it ~0.6 s), all of them only for a new document or threshold or when many changed.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import operator
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import cast

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from annotator.commands import Command
from annotator.commands import suggestions as core_commands
from annotator.model import Span
from annotator.search.annotations import pieces
from annotator.search.suggestions import Suggestion, hundredths, suggestable_labels
from ui.docview.spans import ViewSpan
from ui.docview.view import DocumentView
from ui.i18n import label_tag
from ui.session import Changes, Session
from ui.suggestions.rows import RowKey, SuggestionRows, row_key, source_text
from ui.suggestions.rows import score_text as score_text
from ui.suggestions.source import SuggestionSource, accept_command, reject_command

AcceptFactory = Callable[[Sequence[str], str], Command]
RejectFactory = Callable[[Sequence[str]], Command | None]
BUSY_AT = 1_000
"""deciding on more suggestions than this at once shows the wait cursor and a status line
while the command runs (on the GUI thread: the window's connection writes)"""
BULK = 200
"""more suggestions than this coming or going at once reset the list instead of splicing
each row in or out (and give the view all the shown suggestions anew)"""
CHECK_AT = 5_000
"""more covered suggestions than this that an edit may have uncovered: read the document's
suggestions again rather than check each"""
LOAD_AT = 50_000
"""a document with more pending suggestions than this is read by windows of ``LOAD_STEP``
(``Project.suggestion_window``): the first shown at once, the others each in a turn of the
event loop, so the window never waits for all of them (143,000 took 2.3-3.0 s)"""
LOAD_STEP = 2_500
Moves = tuple[Sequence[Suggestion], Sequence[Suggestion]]
_Split = tuple[Sequence[Suggestion], dict[int, list[Suggestion]]]
"""a command's moved suggestions (the very list) and the same by document"""


def label_name(project: object, label: str) -> str:
    """``label`` as the document view's tags name it in the interface language
    (``ui.i18n.label_tag``: the schema's Arabic name in Arabic); a label the schema does not
    define (MIS0 from an imported corpus) keeps its code."""
    schema = getattr(project, "schema", None)
    found = schema.label(label) if schema is not None else None
    return label_tag(found) if found is not None else label


def moves_of(command: object, how: str) -> Moves | None:
    """The suggestions a core suggestion command brings back and takes away when done
    (``how`` "edit" or "redo") or undone: (came, went); None for any other command."""
    back = how == "undo"
    if isinstance(
        command,
        core_commands.AcceptSuggestions
        | core_commands.RejectSuggestions
        | core_commands.WithdrawSuggestions,
    ):
        return (command.taken, []) if back else ([], command.taken)
    if isinstance(command, core_commands.StoreSuggestions):  # (and what the store replaced)
        return (command.replaced, command.stored) if back else (command.stored, command.replaced)
    return None


def _hides(command: object, how: str) -> bool:
    """Whether some of the suggestions ``command`` brings back when done as ``how`` may be
    hidden behind spans: the undo of a store that replaced pending suggestions (an import
    replaces what its sources left pending, those a span hides too) puts them back as they
    were."""
    return (
        how == "undo"
        and isinstance(command, core_commands.StoreSuggestions)
        and bool(command.replaced)
    )


def _freed_by(covered: Suggestion, spans: Sequence[Span]) -> bool:
    """Whether ``spans`` (deleted, or live but maybe moved: their old place is unknown) may
    have uncovered a suggestion a span covered: a deleted one overlapping it, a live one not
    overlapping it (any longer)."""
    for span in spans:
        overlaps = any(a < covered.end and covered.start < b for a, b in pieces(span))
        if overlaps == span.deleted:
            return True
    return False


def _last(
    items: Sequence[Suggestion], covered: Sequence[Suggestion], limit: int | None
) -> RowKey | None:
    """Where reading goes on after a window of ``limit`` suggestions (split in ``items`` and
    ``covered``, each in ``row_key`` order): after the last of them; None when the window
    was not full (all read)."""
    if limit is None or len(items) + len(covered) < limit:
        return None
    return max(row_key(s) for s in (*items[-1:], *covered[-1:]))


class SuggestionController(QObject):
    """The suggestions of the document shown in ``view``."""

    changed = Signal()
    """the shown suggestions (or the threshold) changed"""
    message = Signal(str)
    """a line for the status bar"""
    current = Signal(object)
    """the suggestion ``select`` outlined (a ``Suggestion``, or None)"""

    def __init__(
        self,
        session: Session,
        view: DocumentView,
        source_of: Callable[[], SuggestionSource | None] | None = None,
        accept: AcceptFactory = accept_command,
        reject: RejectFactory = reject_command,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.view = view
        self._source_of = source_of or self._project_source
        self._accept = accept
        self._reject = reject
        self.doc_id: int | None = None
        self.threshold = 0.5
        self.items: list[Suggestion] = []
        """the document's pending suggestions no span covers, in ``row_key`` order"""
        self._keys: list[RowKey] = []
        """``row_key`` of each of ``items``"""
        self._grades: list[float] = []
        """each of ``items``' scores (what the threshold compares: kept when at least it, as
        the core's ``min_score`` keeps them)"""
        self._by_uuid: dict[str, Suggestion] = {}
        self._covered: dict[str, Suggestion] = {}
        """pending suggestions a live span covers (an undo or a deletion may uncover them)"""
        self._knows_covered = False
        """``_covered`` is all of them (the source split them; else any uncovering edit
        reads the document's suggestions again)"""
        self._hidden = False
        """no suggestion shown, but some stored behind spans (an undo may bring them back)"""
        self.rows = SuggestionRows(self.label_name, self)
        """the suggestions at or above the threshold: the Suggestions list's model"""
        self._views: dict[str, ViewSpan] = {}
        self._colors_of: dict[str, str] | None = None
        self._stale = True
        """the view's suggestions are not ``rows``: it is given all of them at the end of a
        change (``set_suggestions``)"""
        self._view_moves: dict[str, Suggestion | None] = {}
        """what the view is given at the end of a change when not all of ``rows``: a suggestion
        shown (added or replaced) or None, removed (``add_suggestions`` and
        ``remove_suggestions``)"""
        self._view_empty = True
        self._more: RowKey | None = None
        """where reading the document's suggestions goes on (None: all read); whatever needs
        them all (an edit, a decision, the threshold) reads the rest first (``_finish``)"""
        self._by_document: weakref.WeakKeyDictionary[object, _Split] = weakref.WeakKeyDictionary()
        """the suggestions a command moving many moves, by document (``_of_document``), kept
        as long as the command (on the undo stack)"""
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_step)
        view.suggestionClicked.connect(self._clicked)
        session.changed.connect(self._follow)

    # -- reading -------------------------------------------------------------------------
    def _project_source(self) -> SuggestionSource | None:
        project = self.session.project
        if project is None or not hasattr(project, "suggestions"):
            return None  # a project from before the suggestion storage
        return cast(SuggestionSource, project)  # the contract's methods

    def show_document(self, doc_id: int | None) -> None:
        """Show the suggestions of ``doc_id`` (None: no document)."""
        self.doc_id = doc_id
        self._view_empty = True  # the view dropped its suggestions with its text
        self.reload()

    def reload(self) -> None:
        """Read the current document's suggestions again."""
        source = self._source_of()
        items: list[Suggestion] = []
        covered: list[Suggestion] = []
        self._knows_covered = False
        self._hidden = False
        self._loader.stop()
        self._more = None
        if self.doc_id is not None and source is not None:
            split = getattr(source, "suggestions_and_covered", None)
            window = getattr(source, "suggestion_window", None)
            count = getattr(source, "pending_count", None)
            if window is not None and count is not None and count(self.doc_id) > LOAD_AT:
                items, covered = window(self.doc_id, None, LOAD_STEP)
                self._knows_covered = True
                self._more = _last(items, covered, LOAD_STEP)
            elif split is not None:
                items, covered = split(self.doc_id)
                self._knows_covered = True
            else:
                items = list(source.suggestions(self.doc_id))
                # none shown: are some stored, behind spans? (an undo may bring them back)
                has = getattr(source, "has_suggestions", None)
                self._hidden = not items and (has is None or bool(has(self.doc_id)))
        self._index(items)
        self._by_uuid = {s.uuid: s for s in self.items}
        self._covered = {s.uuid: s for s in covered}
        self._views = {}
        self._colors_of = None
        self._refresh()
        if self._more is not None:
            self._loader.start()

    @property
    def loading(self) -> bool:
        """Whether the document's suggestions are still being read (``LOAD_AT``)."""
        return self._more is not None

    def _load_step(self) -> None:
        """Read the next window of the document's suggestions (``LOAD_STEP``)."""
        self._read_more(LOAD_STEP)

    def _read_more(self, limit: int | None) -> None:
        """Read the next ``limit`` of the document's suggestions (None: all the rest) and
        show them after those shown; the next window is read in the next turn of the event
        loop."""
        more, source = self._more, self._source_of()
        window = getattr(source, "suggestion_window", None)
        if more is None or self.doc_id is None or window is None:
            self._more = None
            return
        items, covered = window(self.doc_id, more, limit)
        self._more = _last(items, covered, limit)
        self._extend(items, covered)
        if self._more is not None:
            self._loader.start()

    def _finish(self) -> None:
        """Read the rest of the document's suggestions now (an edit, a decision or the
        threshold needs them all)."""
        if self._more is not None:
            self._loader.stop()
            self._read_more(None)

    def _extend(self, items: Sequence[Suggestion], covered: Sequence[Suggestion]) -> None:
        """``items`` (no span covering them) and ``covered`` come after all those read (in
        ``row_key`` order): appended, and the view and list given those shown."""
        self._covered.update((s.uuid, s) for s in covered)
        new = [s for s in items if s.uuid not in self._by_uuid]
        if not new:
            return
        self._by_uuid.update((s.uuid, s) for s in new)
        keys = [(s.start, s.end, s.uuid) for s in new]  # (``row_key``, inline)
        grades = [s.score for s in new]
        self.items.extend(new)
        self._keys.extend(keys)
        self._grades.extend(grades)
        least = self.threshold
        kept = [i for i, grade in enumerate(grades) if grade >= least]
        shown = [new[i] for i in kept]
        self.rows.extend(shown, [keys[i] for i in kept])
        if self._stale or len(shown) > LOAD_STEP:  # (the rest at once: the view given all)
            self._stale = True
        elif shown:  # (adding them one by one repainted the lines of each: ~0.5 s)
            self.view.extend_suggestions(self._view_spans(shown))
            self._view_empty = False
        self._settled()

    def set_threshold(self, value: float) -> None:
        """Show only suggestions scoring at least ``value`` (0..1)."""
        self._finish()
        self.threshold = max(0.0, min(1.0, value))
        self._refresh()

    def shown(self) -> list[Suggestion]:
        """The suggestions at or above the threshold, in text order."""
        self._finish()
        return list(self.rows.rows)

    def get(self, uuid: str) -> Suggestion | None:
        """The suggestion ``uuid`` if it is shown (at or above the threshold)."""
        found = self._by_uuid.get(uuid)
        if found is None or found.score < self.threshold:
            return None
        return found

    def _refresh(self) -> None:
        """Show ``items`` at or above the threshold: the list reset, the view given them."""
        self._refresh_rows()
        self._stale = True
        self._settled()

    def _settled(self) -> None:
        """The end of a change: the view given the shown suggestions if they changed, only
        those that came and went unless many did (or the list was reset)."""
        moves, self._view_moves = self._view_moves, {}
        rows = self.rows.rows
        if self._stale or len(moves) > BULK:
            self._stale = False
            if rows or not self._view_empty:
                self.view.set_suggestions(self._view_spans(rows))
                self._view_empty = not rows
        elif moves:
            gone = [uuid for uuid, s in moves.items() if s is None]
            came = [s for s in moves.values() if s is not None]
            if gone and not self._view_empty:
                self.view.remove_suggestions(gone)
            if came:
                self.view.add_suggestions(self._view_spans(came))
            self._view_empty = not rows
        self.changed.emit()

    def _view_spans(self, rows: Sequence[Suggestion]) -> list[ViewSpan]:
        """``rows`` as the view draws them (each made once per document)."""
        views = self._views
        missing = [s for s in rows if s.uuid not in views]
        if missing:
            if self._colors_of is None:
                self._colors_of = self._colors()
            color, make = self._colors_of.get, ViewSpan._make
            views.update(
                (s.uuid, make((s.uuid, s.start, s.end, s.label, color(s.label, ""), s.source,
                               False, (), True, s.score)))
                for s in missing
            )  # fmt: skip
        return [views[s.uuid] for s in rows]

    def _index(self, items: list[Suggestion]) -> None:
        """``items`` are the document's: sorted (unless they come in ``row_key`` order, as the
        project reads them), with their keys and grades."""
        keys = [(s.start, s.end, s.uuid) for s in items]  # (``row_key``, inline)
        if not all(map(operator.le, keys, keys[1:])):
            order = sorted(range(len(keys)), key=keys.__getitem__)
            items, keys = [items[i] for i in order], [keys[i] for i in order]
        self.items, self._keys = items, keys
        self._grades = [s.score for s in items]

    def label_name(self, label: str) -> str:
        """``label`` in the interface language, as the document view's tags show it."""
        return label_name(self.session.project, label)

    def label_names(self) -> list[str]:
        """The names the Label column may show: each label a suggestion may carry
        (``suggestable_labels``) in the interface language, in order."""
        project = self.session.project
        if project is None:
            return []
        return sorted({self.label_name(label) for label in suggestable_labels(project.schema)})

    def _colors(self) -> dict[str, str]:
        project = self.session.project
        if project is None:
            return {}
        return {lab.name: lab.color for lab in project.schema.span_labels()}

    # -- following edits -----------------------------------------------------------------
    def _put(self, found: Iterable[Suggestion]) -> None:
        """``found`` (pending, no span covering them) are the document's again."""
        new = [s for s in found if s.doc_id == self.doc_id and s.uuid not in self._by_uuid]
        if not new:
            return
        least = self.threshold
        for s in new:
            self._covered.pop(s.uuid, None)
            self._by_uuid[s.uuid] = s
        if len(new) > BULK:
            self._stale = True
            self._index([*self.items, *new])
            self._refresh_rows()
            return
        for s in new:
            key = row_key(s)
            i = bisect.bisect_left(self._keys, key)
            grade = s.score
            self.items.insert(i, s)
            self._keys.insert(i, key)
            self._grades.insert(i, grade)
            if grade >= least:
                self.rows.insert(s)
                self._view_moves[s.uuid] = s

    def _drop(self, uuids: Iterable[str], covered: bool = False) -> None:
        """The suggestions ``uuids`` leave the document's (``covered``: kept aside, a span
        hides them)."""
        gone = [self._by_uuid.pop(u) for u in dict.fromkeys(uuids) if u in self._by_uuid]
        if not gone:
            return
        if covered:
            self._covered.update((s.uuid, s) for s in gone)
        if len(gone) > BULK:
            self._stale = True
            left = self._by_uuid
            self._index([s for s in self.items if s.uuid in left])
            self._refresh_rows()
            return
        least = self.threshold
        for s in gone:
            i = bisect.bisect_left(self._keys, row_key(s))
            del self.items[i]
            del self._keys[i]
            if self._grades.pop(i) >= least:
                self.rows.remove(s)
                self._view_moves[s.uuid] = None

    def _refresh_rows(self) -> None:
        """The list reset with ``items`` at or above the threshold."""
        least = self.threshold
        if least <= 0:
            self.rows.reset(self.items, list(self._keys))
            return
        kept = [i for i, grade in enumerate(self._grades) if grade >= least]
        self.rows.reset([self.items[i] for i in kept], [self._keys[i] for i in kept])

    def _under(self, start: int, end: int) -> list[str]:
        """The uuids of ``items`` overlapping ``[start, end)`` (suggestions never overlap
        each other: those starting before ``end`` end in order)."""
        i = bisect.bisect_left(self._keys, (end,))
        out: list[str] = []
        while i > 0 and self.items[i - 1].end > start:
            i -= 1
            out.append(self.items[i].uuid)
        return out

    def _command(self, how: str) -> object:
        """The core command behind a change (``how``: its reason) the session just made:
        ``execute`` pushes it before telling, undo and redo tell before the stack moves."""
        stack = self.session.undo_stack
        i = stack.index() if how == "redo" else stack.index() - 1
        wrapped = stack.command(i) if 0 <= i < stack.count() else None
        return getattr(wrapped, "command", None)

    def _apply(self, changes: Changes) -> bool:
        """Update the document's suggestions by ``changes`` (False: they cannot tell)."""
        command = self._command(changes.reason)
        moves = moves_of(command, changes.reason)
        spans = [r for r in changes.records if isinstance(r, Span) and r.doc_id == self.doc_id]
        for span in spans:  # a live span hides the suggestions it overlaps
            if not span.deleted:
                for a, b in pieces(span):
                    self._drop(self._under(a, b), covered=True)
        if moves is not None:  # the command says which suggestions came and went
            came, went = (self._of_document(command, m) for m in moves)
            self._drop(s.uuid for s in went)
            for s in went:  # (one hidden behind a span went too)
                self._covered.pop(s.uuid, None)
            if _hides(command, changes.reason):  # those a span hides are kept aside
                free = self._free(came)
                if free is None:
                    return False
                self._covered.update((s.uuid, s) for s in came if s.uuid not in free)
                came = [s for s in came if s.uuid in free]
            self._put(came)
            return True
        if not changes.records:
            return bool(changes.statuses)  # a status only: no suggestion changed
        # a span deleted, moved or relabelled may uncover suggestions only it covered
        freed = [r for r in spans if r.deleted or r.uuid not in changes.created]
        if not freed:
            return True
        if not self._knows_covered:
            return False
        candidates = [c for c in self._covered.values() if _freed_by(c, freed)]
        if not candidates:
            return True
        source = self._source_of()
        check = getattr(source, "pending_suggestions", None)
        if check is None or len(candidates) > CHECK_AT:
            return False
        self._put(check([c.uuid for c in candidates]))
        return True

    def _free(self, came: Sequence[Suggestion]) -> set[str] | None:
        """The uuids of ``came`` (pending suggestions of the open document) no span hides
        (``pending_suggestions``); None when the source cannot tell or they are too many to
        ask (``CHECK_AT``): the document is read again."""
        if not came:
            return set()
        check = getattr(self._source_of(), "pending_suggestions", None)
        if check is None or not self._knows_covered or len(came) > CHECK_AT:
            return None
        return {s.uuid for s in check([s.uuid for s in came])}

    def _of_document(self, command: object, moved: Sequence[Suggestion]) -> Sequence[Suggestion]:
        """The open document's suggestions among ``moved`` (those ``command`` moves). Many are
        split by document once per command (kept while it lives), so that its undo and redo
        go over the open document's only: annotate-all in every document moves 108,000 as one
        step, 3,000 of them in the open document."""
        doc_id = self.doc_id
        if len(moved) <= BULK or doc_id is None:
            return [s for s in moved if s.doc_id == doc_id]
        split = self._by_document.get(command)
        if split is None or split[0] is not moved:
            groups: dict[int, list[Suggestion]] = {}
            for doc, run in itertools.groupby(moved, key=operator.attrgetter("doc_id")):
                groups.setdefault(doc, []).extend(run)  # (stored document by document)
            split = self._by_document[command] = (moved, groups)
        return split[1].get(doc_id, [])

    def _follow(self, changes: Changes) -> None:
        if self.doc_id is None:
            return
        # An edit, undo or redo touching the open document updates what it changed
        # (``_apply``); opening, switching layers or a change it cannot follow reads the
        # document's suggestions again. A document with no suggestion stored, shown or
        # hidden, has nothing an edit could hide or show: its edits run no query here
        # (test_edit_sql counts a hotkey's statements).
        if changes.reason in ("project", "annotator"):
            self.reload()
            return
        if changes.reason not in ("edit", "undo", "redo") or self.doc_id not in changes.doc_ids:
            return
        self._finish()
        needless = (
            changes.reason == "edit"
            and not self.items
            and not self._covered
            and not self._hidden
            and moves_of(self._command("edit"), "edit") is None
        )
        if needless:
            return
        if self._apply(changes):
            self._settled()
        else:
            self.reload()

    # -- choosing ------------------------------------------------------------------------
    def selected(self) -> Suggestion | None:
        uuid = self.view.selected_suggestion()
        return self.get(uuid) if uuid else None

    def target(self) -> Suggestion | None:
        """What accept and reject act on: the selected suggestion, else the first one at or
        after the caret, else the first one."""
        self._finish()
        chosen = self.selected()
        rows = self.rows.rows
        if chosen is not None or not rows:
            return chosen
        i = self.rows.at_or_after(self.view.selection()[0])
        return rows[i] if i < len(rows) else rows[0]

    def select(self, suggestion: Suggestion | None) -> None:
        """Outline ``suggestion`` and bring it into view."""
        self.view.set_selected_suggestion(suggestion.uuid if suggestion else None)
        self.current.emit(suggestion)
        if suggestion is not None:
            self.view.scroll_to(suggestion.start)
            self.message.emit(
                self.tr("Suggestion {0} of {1}: {2} ({3:.0%})").format(
                    self.rows.row_of(suggestion) + 1,
                    len(self.rows.rows),
                    self.label_name(suggestion.label),
                    hundredths(suggestion.score) / 100,  # (cut down as the list shows it)
                )
            )

    def step(self, forward: bool = True) -> Suggestion | None:
        """Select the next (or previous) suggestion after the selected one or the caret."""
        self._finish()
        rows = self.rows.rows
        if not rows:
            self.message.emit(self.tr("No suggestions in this document."))
            return None
        current = self.selected()
        if current is not None:
            i = self.rows.row_of(current) + (1 if forward else -1)
        else:
            i = self.rows.at_or_after(self.view.selection()[0]) - (0 if forward else 1)
        chosen = rows[i % len(rows)]
        self.select(chosen)
        return chosen

    def _clicked(self, uuid: str) -> None:
        found = self.get(uuid)
        if found is not None:
            self.select(found)

    # -- deciding ------------------------------------------------------------------------
    def _after(self, done: Sequence[Suggestion]) -> Suggestion | None:
        """The suggestion to select once ``done`` are gone: the next one after them."""
        gone = {s.uuid for s in done}
        end = max((s.start for s in done), default=0)
        rows = self.rows.rows
        after = range(self.rows.at_or_after(end), len(rows))
        rest = (rows[i] for i in itertools.chain(after, range(len(rows))))
        return next((s for s in rest if s.uuid not in gone), None)

    def accept(self) -> bool:
        """Accept the target suggestion into the analyst's layer (one undo step)."""
        target = self.target()
        return target is not None and self._accept_these([target])

    def accept_all(self) -> bool:
        """Accept every suggestion shown (at or above the threshold) in one undo step."""
        shown = self.shown()
        return bool(shown) and self._accept_these(shown)

    @contextlib.contextmanager
    def _busy(self, n: int, doing: str) -> Iterator[None]:
        """The wait cursor and ``doing`` in the status bar while ``n`` suggestions are decided
        (nothing for a few: that takes no time)."""
        if n <= BUSY_AT:
            yield
            return
        self.message.emit(doing)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        # the cursor and the line shown before the work (no user input handled meanwhile)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()

    def _accept_these(self, chosen: Sequence[Suggestion]) -> bool:
        if self.session.project is None or not self.session.annotator:
            return False
        after = self._after(chosen)
        command = self._accept([s.uuid for s in chosen], self.session.annotator)
        doing = self.tr("Accepting {0} suggestions…").format(len(chosen))
        with self._busy(len(chosen), doing):
            if not self.session.execute(command):
                return False
        self._decided([s.uuid for s in chosen], covered=True)
        self.message.emit(self.tr("Accepted {0} suggestions.").format(len(chosen)))
        if after is not None and self.get(after.uuid) is not None and len(chosen) == 1:
            self.select(after)
        return True

    def reject(self) -> bool:
        """Reject the target suggestion (remembered: it does not come back)."""
        target = self.target()
        return target is not None and self._reject_these([target])

    def reject_all(self) -> bool:
        """Reject every suggestion shown."""
        shown = self.shown()
        return bool(shown) and self._reject_these(shown)

    def _reject_these(self, chosen: Sequence[Suggestion]) -> bool:
        source = self._source_of()
        if source is None or self.session.read_only:
            return False
        after = self._after(chosen)
        uuids = [s.uuid for s in chosen]
        command = self._reject(uuids)
        with self._busy(len(uuids), self.tr("Rejecting {0} suggestions…").format(len(uuids))):
            if command is None:
                source.reject_suggestions(uuids)
            elif not self.session.execute(command):
                return False
        self._decided(uuids)
        self.message.emit(self.tr("Rejected {0} suggestions.").format(len(chosen)))
        if after is not None and self.get(after.uuid) is not None:
            self.select(after)
        return True

    def withdraw_source(self) -> bool:
        """Withdraw every pending suggestion of the selected (else the target) suggestion's
        source, in every document, as one undo step: not remembered as rejections (the same
        suggestions may be made again; undo puts them back)."""
        chosen = self.target()
        project = self.session.project
        if chosen is None or project is None or self.session.read_only:
            return False
        from annotator.commands.suggestions import WithdrawSuggestions

        source = chosen.source
        uuids = [s.uuid for s in project.suggestions(None, source=source)]
        with self._busy(len(uuids), self.tr("Withdrawing {0} suggestions…").format(len(uuids))):
            if not self.session.execute(WithdrawSuggestions(uuids)):
                return False
        self._decided(uuids)
        shown = source_text(source)  # (the status bar: plain text, a source cut short)
        self.message.emit(self.tr("Withdrew {0} suggestions from {1}.").format(len(uuids), shown))
        return True

    def _decided(self, uuids: Sequence[str], covered: bool = False) -> None:
        """``uuids`` were accepted (``covered``: their spans cover them), rejected or
        withdrawn: none of them is pending any more (whatever the change told)."""
        self._drop(uuids, covered)
        self._settled()
