"""``SuggestionController``: the open document's suggestions in the view, the threshold, and
accept, reject, accept all, reject all and next.

It reads the document's suggestions from a ``SuggestionSource`` (the project) when the document
changes or an edit touches it, shows those scoring at least the threshold (the view draws them
apart from the annotations), and turns the keys into edits: accepting goes through
``Session.execute`` as one command (one undo step, however many suggestions), and so does
rejecting (remembered, so they do not come back; undo puts them back) when the core has the
command, else ``reject_suggestions``, and withdrawing a source's suggestions (not remembered).
Deciding on more than ``BUSY_AT`` at once shows the wait cursor and a status line meanwhile.
The view is only given a new list when the shown suggestions changed, so an ordinary edit
costs no repaint of them.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import cast

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from annotator.commands import Command
from annotator.search.suggestions import Suggestion
from ui.docview.spans import ViewSpan
from ui.docview.view import DocumentView
from ui.i18n import label_tag
from ui.session import Changes, Session
from ui.suggestions.source import SuggestionSource, accept_command, reject_command

AcceptFactory = Callable[[Sequence[str], str], Command]
RejectFactory = Callable[[Sequence[str]], Command | None]
BUSY_AT = 1_000
"""deciding on more suggestions than this at once shows the wait cursor and a status line
while the command runs (on the GUI thread: the window's connection writes)"""


def hundredths(value: float) -> int:
    """A score or threshold in hundredths, as the Suggestions list shows it ("0.87"): the
    threshold compares these, so a row shown as "1.00" passes a threshold of 1.00."""
    return round(value * 100)


def score_text(score: float) -> str:
    """A score as the interface shows it (two decimals, the value ``hundredths`` compares)."""
    return f"{hundredths(score) / 100:.2f}"


def label_name(project: object, label: str) -> str:
    """``label`` as the document view's tags name it in the interface language
    (``ui.i18n.label_tag``: the schema's Arabic name in Arabic); a label the schema does not
    define (MIS0 from an imported corpus) keeps its code."""
    schema = getattr(project, "schema", None)
    found = schema.label(label) if schema is not None else None
    return label_tag(found) if found is not None else label


class SuggestionController(QObject):
    """The suggestions of the document shown in ``view``."""

    changed = Signal()
    """the shown suggestions (or the threshold) changed"""
    message = Signal(str)
    """a line for the status bar"""

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
        self._hidden = False
        """no suggestion shown, but some stored behind spans (an undo may bring them back)"""
        self._shown: list[Suggestion] = []
        self._pushed: tuple[tuple[str, int, int, str, str], ...] = ()
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
        self._pushed = ()  # the view dropped its suggestions with its text
        self.reload()

    def reload(self) -> None:
        """Read the current document's suggestions again."""
        source = self._source_of()
        if self.doc_id is None or source is None:
            self.items = []
            self._hidden = False
        else:
            self.items = sorted(source.suggestions(self.doc_id), key=lambda s: (s.start, s.end))
            # none shown: are some stored, behind spans? (an undo may bring them back)
            has = getattr(source, "has_suggestions", None)
            self._hidden = not self.items and (has is None or bool(has(self.doc_id)))
        self._refresh()

    def set_threshold(self, value: float) -> None:
        """Show only suggestions scoring at least ``value`` (0..1)."""
        self.threshold = max(0.0, min(1.0, value))
        self._refresh()

    def shown(self) -> list[Suggestion]:
        """The suggestions at or above the threshold, in text order."""
        return list(self._shown)

    def get(self, uuid: str) -> Suggestion | None:
        return next((s for s in self._shown if s.uuid == uuid), None)

    def _refresh(self) -> None:
        least = hundredths(self.threshold)
        self._shown = [s for s in self.items if hundredths(s.score) >= least]
        colors = self._colors()
        pushed = tuple(
            (s.uuid, s.start, s.end, s.label, colors.get(s.label, "")) for s in self._shown
        )
        if pushed != self._pushed:
            self._pushed = pushed
            self.view.set_suggestions(
                [
                    ViewSpan(
                        s.uuid,
                        s.start,
                        s.end,
                        s.label,
                        colors.get(s.label, ""),
                        s.source,
                        suggestion=True,
                        score=s.score,
                    )
                    for s in self._shown
                ]
            )
        self.changed.emit()

    def label_name(self, label: str) -> str:
        """``label`` in the interface language, as the document view's tags show it."""
        return label_name(self.session.project, label)

    def _colors(self) -> dict[str, str]:
        project = self.session.project
        if project is None:
            return {}
        return {lab.name: lab.color for lab in project.schema.span_labels()}

    def _follow(self, changes: Changes) -> None:
        if self.doc_id is None:
            return
        # A span drawn over a suggestion hides it (the project no longer returns a pending
        # suggestion a live span overlaps) and undoing the span brings it back: an edit, undo
        # or redo touching the open document reads its suggestions again (one query of that
        # document only; the view repaints only when the shown list changed).
        # A document with no suggestion stored, shown or hidden, has nothing an edit could
        # hide or show: its edits run no query here (test_edit_sql counts a hotkey's
        # statements). An undo or redo may put suggestions back (an accept's undo): read.
        everything = changes.reason in ("project", "annotator")
        touched = changes.reason in ("edit", "undo", "redo") and self.doc_id in changes.doc_ids
        needless = changes.reason == "edit" and not self.items and not self._hidden
        if everything or (touched and not needless):
            self.reload()

    # -- choosing ------------------------------------------------------------------------
    def selected(self) -> Suggestion | None:
        uuid = self.view.selected_suggestion()
        return self.get(uuid) if uuid else None

    def target(self) -> Suggestion | None:
        """What accept and reject act on: the selected suggestion, else the first one at or
        after the caret, else the first one."""
        chosen = self.selected()
        if chosen is not None or not self._shown:
            return chosen
        caret = self.view.selection()[0]
        starts = [s.start for s in self._shown]
        i = bisect.bisect_left(starts, caret)
        return self._shown[i] if i < len(self._shown) else self._shown[0]

    def select(self, suggestion: Suggestion | None) -> None:
        """Outline ``suggestion`` and bring it into view."""
        self.view.set_selected_suggestion(suggestion.uuid if suggestion else None)
        if suggestion is not None:
            self.view.scroll_to(suggestion.start)
            self.message.emit(
                self.tr("Suggestion {0} of {1}: {2} ({3:.0%})").format(
                    self._shown.index(suggestion) + 1,
                    len(self._shown),
                    self.label_name(suggestion.label),
                    suggestion.score,
                )
            )

    def step(self, forward: bool = True) -> Suggestion | None:
        """Select the next (or previous) suggestion after the selected one or the caret."""
        if not self._shown:
            self.message.emit(self.tr("No suggestions in this document."))
            return None
        current = self.selected()
        if current is not None:
            i = self._shown.index(current) + (1 if forward else -1)
        else:
            starts = [s.start for s in self._shown]
            caret = self.view.selection()[0]
            i = (
                bisect.bisect_left(starts, caret)
                if forward
                else bisect.bisect_left(starts, caret) - 1
            )
        chosen = self._shown[i % len(self._shown)]
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
        rest = [s for s in self._shown if s.uuid not in gone]
        return next((s for s in rest if s.start >= end), rest[0] if rest else None)

    def accept(self) -> bool:
        """Accept the target suggestion into the analyst's layer (one undo step)."""
        target = self.target()
        return target is not None and self._accept_these([target])

    def accept_all(self) -> bool:
        """Accept every suggestion shown (at or above the threshold) in one undo step."""
        return bool(self._shown) and self._accept_these(list(self._shown))

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
        self.reload()  # the command's change may not name the suggestions
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
        return bool(self._shown) and self._reject_these(list(self._shown))

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
        self.reload()
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
        self.reload()
        self.message.emit(self.tr("Withdrew {0} suggestions from {1}.").format(len(uuids), source))
        return True
