"""``SuggestionRows``: the suggestions shown (scoring at least the threshold), in reading order,
as an item model for the Suggestions list.

The rows are the ``Suggestion`` values themselves (no item per row): the view asks only for
the cells on screen, so 143,000 suggestions cost one list, not 143,000 widgets. An edit adds
or removes the few rows it changed (``insert``, ``remove``); a new document or threshold resets
the list (``reset``). Rows are kept sorted by ``row_key`` so that a suggestion's row is found by
bisection (``row_of``), never by a scan.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from annotator.learn.external import MAX_SOURCE
from annotator.search.suggestions import Suggestion, hundredths
from ui.i18n import plain_tooltip
from ui.widgets import EXCERPT, ListModel

UUID_ROLE = Qt.ItemDataRole.UserRole
RowKey = tuple[int, int, str]


def row_key(s: Suggestion) -> RowKey:
    """Where a suggestion sorts: reading order (start, end), its uuid breaking ties."""
    return (s.start, s.end, s.uuid)


def score_text(score: float) -> str:
    """A score as the interface shows it: two decimals, cut down to whole hundredths
    (``hundredths``), never rounded up past the threshold it may fall short of."""
    return f"{hundredths(score) / 100:.2f}"


def source_text(source: str) -> str:
    """A suggestion's source as the window shows it: whole up to ``MAX_SOURCE`` characters
    (the longest a file may name), else its first ones and "…". A gazetteer's name is not
    held to that length, and a received file may hold any source (a tampered row of 100,000
    characters made a tooltip 709,383 px wide, 0.2 s to lay out at each hover)."""
    return source if len(source) <= MAX_SOURCE else source[: MAX_SOURCE - 1] + "…"


class SuggestionRows(ListModel):
    """Label, text and score of each suggestion shown; ``rows`` in ``row_key`` order.

    ``label_name`` names a label as the document view's tags do (asked once per label);
    ``headers`` are set by the panel (translated in its context)."""

    def __init__(
        self, label_name: Callable[[str], str] = str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.rows: list[Suggestion] = []
        self.keys: list[RowKey] = []
        self.headers = ["", "", ""]
        self._label_name = label_name
        self._names: dict[str, str] = {}
        self._right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    # -- what the view reads ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def name(self, label: str) -> str:
        """``label`` as the Label column shows it."""
        found = self._names.get(label)
        if found is None:
            found = self._names[label] = self._label_name(label)
        return found

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = index.row()
        if not 0 <= row < len(self.rows):
            return None
        s = self.rows[row]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.name(s.label)
            if column == 1:
                text = s.text if len(s.text) <= EXCERPT else s.text[: EXCERPT - 1] + "…"
                return text.replace("\n", " ")
            return score_text(s.score)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(source_text(s.source))  # (a file's name: plain text)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and len(s.text) > EXCERPT:
            return plain_tooltip(s.text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return self._right
        if role == UUID_ROLE:
            return s.uuid
        return None

    # -- what the controller changes -------------------------------------------------------
    def reset(self, rows: Iterable[Suggestion], keys: list[RowKey] | None = None) -> None:
        """Show ``rows`` (already in ``row_key`` order; ``keys``: their keys, if at hand)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.keys = keys if keys is not None else [row_key(s) for s in self.rows]
        self._names = {}
        self.endResetModel()

    def extend(self, rows: list[Suggestion], keys: list[RowKey]) -> None:
        """Show ``rows`` (in ``row_key`` order, with their ``keys``) after those shown: the
        next window of a document's suggestions as they are read."""
        if not rows:
            return
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n + len(rows) - 1)
        self.rows.extend(rows)
        self.keys.extend(keys)
        self.endInsertRows()

    def row_of(self, s: Suggestion) -> int:
        """The row showing ``s`` (-1 when none)."""
        key = row_key(s)
        i = bisect.bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else -1

    def at_or_after(self, pos: int) -> int:
        """The first row starting at or after ``pos`` (``len(rows)`` when none)."""
        return bisect.bisect_left(self.keys, (pos,))

    def insert(self, s: Suggestion) -> None:
        key = row_key(s)
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return
        self.beginInsertRows(QModelIndex(), i, i)
        self.rows.insert(i, s)
        self.keys.insert(i, key)
        self.endInsertRows()

    def remove(self, s: Suggestion) -> None:
        i = self.row_of(s)
        if i < 0:
            return
        self.beginRemoveRows(QModelIndex(), i, i)
        del self.rows[i]
        del self.keys[i]
        self.endRemoveRows()
