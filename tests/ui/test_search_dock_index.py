"""The search dock narrows a search with the project's FTS5 index (ui.search.dock,
``project_candidates``): a rare word is looked for in its candidate documents only, when the
index is built and current; otherwise the whole corpus is scanned. The hits are the same
either way (the property over random queries: tests/core/test_search_paths.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.search import Mode, Query
from ui.search import SearchDock, project_candidates

TEXTS = [
    "زار محمد علي بباريس في اعتداءات باريس.",
    "وهولندا بلد، وذهب إلى هُولَنْدا مع أحمد.",
    "عادَ إلى بـاريـس والقاهرة للمرة الثانية.",
] + [f"نص رقم {k} عن القاهرة ودمشق والمدينة." for k in range(17)]


def _project(path: Path, index: bool = True) -> None:
    with Project.create(path) as p:
        for k, text in enumerate(TEXTS):
            p.add_document(text, name=f"d{k}")
        if index:
            assert p.ensure_search_index()


def _source(path: Path) -> Iterator[tuple[int, str, str]]:
    with Project.open(path, read_only=True) as project:
        for doc in project.iter_documents():
            yield doc.id, doc.name, doc.text


class Spy:
    """A candidate source that records what it answered."""

    def __init__(self, path: Path) -> None:
        self.inner = project_candidates(lambda: path)
        self.answers: list[Sequence[int] | None] = []

    def __call__(self, query: Query) -> Sequence[int] | None:
        answer = self.inner(query)
        self.answers.append(answer)
        return answer


def _dock(qtbot: QtBot, path: Path) -> SearchDock:
    dock = SearchDock(lambda: _source(path))
    qtbot.addWidget(dock)
    return dock


def _hits(
    dock: SearchDock, qtbot: QtBot, text: str, mode: Mode = Mode.WORD
) -> list[tuple[int, int, int]]:
    dock.edit.setText(text)
    dock.mode.setCurrentIndex(dock.mode.findData(mode))
    with qtbot.waitSignal(dock.searchFinished, timeout=20_000) as blocker:
        dock.search()
    assert blocker.args is not None and blocker.args[0] == "finished"
    return [(line.doc_id, line.start, line.end) for line in dock.model.lines]


QUERIES = [("هولندا", Mode.WORD), ("هُولَنْدا", Mode.WORD), ("وهولندا", Mode.WORD),
           ("باريس", Mode.WORD), ("بار", Mode.PREFIX), ("القاهرة", Mode.WORD),
           ("ب.ري", Mode.REGEX), ("غائب", Mode.WORD)]  # fmt: skip


def test_the_dock_narrows_rare_words_with_the_index(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    _project(path)
    narrowing, scanning = _dock(qtbot, path), _dock(qtbot, path)
    spy = Spy(path)
    narrowing.set_candidates(spy)
    for text, mode in QUERIES:
        assert _hits(narrowing, qtbot, text, mode) == _hits(scanning, qtbot, text, mode), text
    by_query = dict(zip((t for t, _ in QUERIES), spy.answers, strict=True))
    assert by_query["هولندا"] == by_query["هُولَنْدا"] == [2]  # one document of 20 read
    assert by_query["وهولندا"] == [2]
    assert by_query["ب.ري"] is None  # a regular expression: the whole corpus
    assert by_query["غائب"] == []
    assert by_query["القاهرة"] is not None and len(by_query["القاهرة"]) == 18


def test_the_dock_searches_only_what_the_candidates_allow(qtbot: QtBot, tmp_path: Path) -> None:
    """The dock takes the index at its word (so narrowing really happens): told that only
    document 3 may hold باريس, it finds it there only."""
    path = tmp_path / "p.annotator"
    _project(path)
    dock = _dock(qtbot, path)
    dock.set_candidates(lambda query: [3])
    assert {h[0] for h in _hits(dock, qtbot, "باريس")} == {3}
    dock.set_candidates(None)
    assert {h[0] for h in _hits(dock, qtbot, "باريس")} == {1, 3}


def test_without_a_current_index_the_dock_scans(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    _project(path, index=False)
    candidates = project_candidates(lambda: path)
    assert candidates(Query("هولندا")) is None  # never built
    with Project.open(path) as p:
        assert p.ensure_search_index()
        assert candidates(Query("هولندا")) == [2]
        p.add_document("هولندا مرة أخرى.", name="new")  # the index is stale now
    assert candidates(Query("هولندا")) is None
    dock = _dock(qtbot, path)
    dock.set_candidates(candidates)
    assert {h[0] for h in _hits(dock, qtbot, "هولندا")} == {2, 21}
    assert project_candidates(lambda: None)(Query("هولندا")) is None  # no project
    missing = project_candidates(lambda: tmp_path / "missing.annotator")
    assert missing(Query("هولندا")) is None
