"""``Project.add_document`` while another connection stores the same text (an import's
write phase holding the lock): the document that connection stored is returned, as the
docstring promises for a text already present, instead of a raw ``IntegrityError`` (QA,
2026-11-30: the text was looked up before the write lock only)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from annotator.project import Project

TEXT = "نص يضيفه الاستيراد وواجهة البرمجة معا"


def test_a_text_stored_while_waiting_for_the_lock_is_returned(tmp_path: Path) -> None:
    path = tmp_path / "race.annotator"
    Project.create(path).close()
    got: dict[str, object] = {}

    def other() -> None:
        with Project.open(path) as b:
            try:
                got["doc"] = b.add_document(TEXT, name="by-api")
            except Exception as exc:  # (reported by the assertion below)
                got["error"] = exc

    with Project.open(path) as a, a.transaction():  # the lock held, the text written
        first = a.add_document(TEXT, name="by-import")
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.5)  # the other has looked the text up (absent) and waits for the lock
    thread.join()
    assert "error" not in got, got
    doc = got["doc"]
    assert getattr(doc, "id", None) == first.id and getattr(doc, "name", "") == "by-import"
    with Project.open(path) as p:
        assert [d.name for d in p.documents()] == ["by-import"]
