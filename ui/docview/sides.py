"""Each paragraph of a plain-text widget laid out from its own side, never justified.

``QPlainTextDocumentLayout`` gives every paragraph the document's one ``QTextOption``, and
Qt reads its alignment before the paragraph's direction is known: plain ``AlignLeft`` is
taken as absolute (``QTextEngine::alignLine``), so an Arabic paragraph hugs the left edge.
``AlignJustify`` alone is resolved per paragraph (an Arabic line goes right, a Latin one
left), but it also justifies every line but the last, and Qt justifies Arabic at kashida
points without drawing the kashida: where a line has much room to fill (a large zoom, a
narrow view) the letters of a word are pulled apart and no longer join (ويشارك drawn as
six separate letters at 72 pt).

``AlignJustify | AlignLeft`` keeps the per-paragraph side and drops the justification:
Qt justifies only when the horizontal alignment is exactly ``AlignJustify``
(``QTextEngine::justify``), and places a line at the right when ``AlignJustify`` is set in a
right-to-left paragraph, at the left otherwise (``alignLine``). Lines are ragged, letters keep
their own advances: a highlight drawn under a word sits where the word is at every width.
``tests/ui/test_own_side_alignment.py`` pins both halves against the Qt in use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption

OWN_SIDE = Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignLeft


def own_side(option: QTextOption) -> QTextOption:
    """``option`` with each paragraph set from its own side and no line justified."""
    option.setAlignment(OWN_SIDE)
    return option
