"""What a corpus search keeps (the folded corpus, the concordance's lines) leaves Python's young
generations when the search ends (``ui.search.dock``, ``annotator.cycles.promote``): the
next search's middle-generation pass no longer walks it (93-103 ms for a 20,000-document
corpus, measured with gc callbacks), and it stays collectable (promoted, not frozen)."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from annotator.search.folding import FoldedText
from annotator.search.kwic import KwicLine
from ui.search import SearchDock


def test_what_a_finished_search_keeps_is_in_the_oldest_generation(qtbot: QtBot) -> None:
    docs = [(k, f"d{k}", f"قال الوزير في باريس يوم {k} إن الاجتماع انتهى") for k in range(400)]
    dock = SearchDock(lambda: iter(docs))
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitExposed(dock)
    was_on, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.enable()
    try:
        dock.edit.setText("باريس")
        with qtbot.waitSignal(dock.searchFinished, timeout=20_000) as blocker:
            dock.search()
        assert blocker.args == ["finished", 400]
        young = gc.get_objects(0) + gc.get_objects(1)
        assert not [o for o in young if isinstance(o, FoldedText | KwicLine)]
        assert gc.get_freeze_count() == frozen  # promoted, nothing left frozen
        assert any(isinstance(o, FoldedText) for o in gc.get_objects(2))
    finally:
        if not was_on:
            gc.disable()
