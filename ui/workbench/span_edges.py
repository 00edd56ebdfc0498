"""Keyboard labelling: label hotkeys, span editing keys and navigation, as one controller.

Keys (also listed in the Help menu):

- a label hotkey (``P``, ``G``, chords such as ``C, A`` for event types): with text selected,
  create the span (an event type creates the trigger span and its event in one step); with a
  span selected and no text selected, relabel it. ``Return`` applies the last used label.
- ``[`` trims a proclitic (و ف ب ل ك, ال) off the start of the selection or of the selected
  span, ``]`` puts it back: هولندا inside وهولندا is a double-click, ``[``, ``G``.
- ``Delete`` removes the selected span (with the arguments and relations that point at it).
- Moving edges is VISUAL, like the arrow keys themselves: the arrow says where the edge goes on
  screen. ``Alt+Left/Right`` move the span's START edge, ``Alt+Shift+Left/Right`` its END edge,
  one letter with its marks (harakat, shadda, tanween, tatweel: an edge never stops between a
  letter and its marks, ``annotator.text.next_letter``); add ``Ctrl`` for a word. In a
  right-to-left paragraph the start edge is the right-hand one, so ``Alt+Right`` grows the
  span by one letter at its start and ``Alt+Left`` shrinks it; in a left-to-right paragraph
  the same keys do the opposite in logical terms.
  The paragraph direction comes from its first strong character (as Qt lays it out).
  An edge never stops on white space: a step that would leave the span starting or ending
  with a space goes on over it (``الولايات`` grown by one letter is ``الولايات ا``, not
  ``الولايات `` with a trailing space). The core rules say nothing of white space at a
  span's edges (another tool's spans may have it); only these keys avoid making it.
- ``Tab`` / ``Shift+Tab``: next / previous annotation in reading order.
"""

from __future__ import annotations

import unicodedata

from annotator.text import is_word_char, next_letter, previous_letter

RTL_CLASSES = frozenset({"R", "AL"})
LTR_CLASSES = frozenset({"L"})


def paragraph_is_rtl(text: str, pos: int) -> bool:
    """Whether the paragraph holding ``pos`` is right-to-left (Unicode bidi P2/P3: its first
    strong character decides; a paragraph with none counts as left-to-right)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    for ch in text[start : end if end >= 0 else len(text)]:
        cls = unicodedata.bidirectional(ch)
        if cls in RTL_CLASSES:
            return True
        if cls in LTR_CLASSES:
            return False
    return False


def step(text: str, pos: int, forward: bool, by_word: bool) -> int:
    """The boundary one letter (or one word) from ``pos`` in logical order: a letter is
    taken with its marks (``annotator.text.next_letter``), so the result is never between
    a letter and its harakat, even from a ``pos`` that is."""
    if not by_word:
        return next_letter(text, pos) if forward else previous_letter(text, pos)
    if forward:
        i = pos
        while i < len(text) and not is_word_char(text[i]):
            i += 1
        while i < len(text) and is_word_char(text[i]):
            i += 1
        return i
    i = pos
    while i > 0 and not is_word_char(text[i - 1]):
        i -= 1
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    return i


def moved_edges(
    text: str, start: int, end: int, edge: str, screen_right: bool, by_word: bool
) -> tuple[int, int] | None:
    """New ``(start, end)`` after moving ``edge`` ("start"/"end") one step toward the screen
    right (``screen_right``) or left; None when the move would empty the span or leave the
    text. Right means logically backward in an RTL paragraph and forward in an LTR one."""
    rtl = paragraph_is_rtl(text, start)
    forward = screen_right != rtl
    if edge == "start":
        new_start = step(text, start, forward, by_word)
        # a span does not start with white space: the edge goes on over it
        while 0 < new_start < len(text) and new_start != end and text[new_start].isspace():
            new_start = step(text, new_start, forward, False)
        # Word steps from inside a span stop at the span's own word edges first.
        if new_start >= end or new_start == start or text[new_start].isspace():
            return None
        return new_start, end
    new_end = step(text, end, forward, by_word)
    # nor end with it
    while 0 < new_end < len(text) and new_end != start and text[new_end - 1].isspace():
        new_end = step(text, new_end, forward, False)
    if new_end <= start or new_end == end or text[new_end - 1].isspace():
        return None
    return start, new_end
