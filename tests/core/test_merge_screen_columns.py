"""The merge's screen and its choice of winners, for a part of one kind whose ids are all
different (a bundle of spans, a part of a project file's table), work a column at a time:
winners by uuid without comparing versions, the screen's sorting by kind without asking
each record its kind, and, when every span is one ``rules.spans_to_judge`` passes, the
accepted ones taken at once. The results are those of the record-by-record path
(``test_merge_speed_same_result`` and the merge laws hold the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.exchange import merge, merge_bundle, read_bundle, write_bundle
from annotator.project import Project

TEXT = "نص عربي قصير للتجربة " * 5


def _bundle(tmp_path: Path) -> Path:
    with Project.create(tmp_path / "theirs.annotator") as theirs:
        doc = theirs.add_document(TEXT, name="d")
        theirs.add_annotator("badr")
        for i in range(0, 40, 4):
            theirs.add_span(doc.id, i, i + 3, "PER", "badr")
        write_bundle(theirs, "badr", tmp_path / "b.bundle")
    return tmp_path / "b.bundle"


def test_a_bundle_of_spans_is_screened_without_a_kind_asked_per_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails before: ``_screen`` sorted the winners by kind with ``_kind`` per record."""
    bundle = read_bundle(_bundle(tmp_path))
    calls: list[object] = []
    real = merge._kind

    def counting(record: object) -> str:
        calls.append(record)
        return real(record)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "_kind", counting)
    with Project.create(tmp_path / "mine.annotator") as mine:
        mine.add_document(TEXT, name="d")
        report = merge_bundle(mine, bundle)
        assert report.added == 10 and not report.quarantined
        assert mine.record_count("spans") == 10
    assert calls == []


def test_same_result_with_and_without_the_column_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bundle(tmp_path)
    with Project.create(tmp_path / "mine.annotator") as mine:
        mine.add_document(TEXT, name="d")
        fast = merge_bundle(mine, read_bundle(path))
        fast_spans = sorted(mine.spans(mine.documents()[0].id, "badr"), key=lambda s: s.uuid)
    # every span judged by the rule itself: the record-by-record loop of the screen
    monkeypatch.setattr(merge, "_good_spans", lambda *args: set())
    with Project.create(tmp_path / "slow.annotator") as slow:
        slow.add_document(TEXT, name="d")
        again = merge_bundle(slow, read_bundle(path))
        slow_spans = sorted(slow.spans(slow.documents()[0].id, "badr"), key=lambda s: s.uuid)
    assert (fast.added, fast.kept, fast.quarantined) == (again.added, again.kept, again.quarantined)
    assert fast_spans == slow_spans and len(fast_spans) == 10
