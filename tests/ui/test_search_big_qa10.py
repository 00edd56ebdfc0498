"""The window's corpus search takes the path of ``annotator search`` (QA 2026-11-30, item 4:
the first search of a 20,000-document project showed "Searching…" for 40-85 s while the
command gave the same 1,358 hits in 0.4 s, because the dock folded the whole corpus before
asking the index). The dock given the window's ``project_candidates`` reads and matches only
the index's candidate documents, folds no corpus, and its hits are the command's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from annotator import cli
from annotator.project import Project
from annotator.search import Mode, Query
from annotator.search.folding import FoldedText
from annotator.search.matching import FoldedCorpus
from ui.search import SearchDock, project_candidates
from ui.search.dock import CorpusCache, SearchWorker

TEXTS = [
    "زار محمد علي بباريس في اعتداءات باريس.",
    "وهولندا بلد، وذهب إلى هُولَنْدا مع أحمد.",
    "عادَ إلى بـاريـس والقاهرة للمرة الثانية. Paris, PARIS and Parisian.",
    "إعلان الحكومة: الأخبار من آسيا وأمريكا، ومدينة الرياض ١٢٣ و123.",
] + [f"نص رقم {k} عن القاهرة ودمشق والمدينة، report {k}." for k in range(20)]

# (query, dock mode, the command's options)
CASES = [
    ("باريس", Mode.WORD, ["--mode", "word"]),
    ("هُولَنْدا", Mode.WORD, ["--mode", "word"]),
    ("بار", Mode.PREFIX, ["--mode", "prefix"]),
    ("اهر", Mode.SUBSTRING, ["--mode", "any"]),
    ("القاهرة", Mode.WORD, ["--mode", "word"]),
    ("paris", Mode.WORD, ["--mode", "word"]),
    ("pari", Mode.PREFIX, ["--mode", "prefix"]),
    ("اخبار", Mode.WORD, ["--mode", "word"]),
    ("123", Mode.WORD, ["--mode", "word"]),
    ("في", Mode.WORD, ["--mode", "word"]),  # no word of three letters: every document
    ("ب.ري", Mode.REGEX, ["--regex"]),
    ("report \\d+", Mode.REGEX, ["--regex"]),
    ("غائب", Mode.WORD, ["--mode", "word"]),
]


def _project(path: Path, index: bool = True) -> None:
    with Project.create(path) as p:
        for k, text in enumerate(TEXTS):
            p.add_document(text, name=f"d{k}")
        if index:
            assert p.ensure_search_index()


def _dock(qtbot: QtBot, path: Path) -> SearchDock:
    def no_source() -> Any:
        raise AssertionError("a project search reads no corpus source")

    dock = SearchDock(no_source)
    qtbot.addWidget(dock)
    dock.set_candidates(project_candidates(lambda: path))
    return dock


def _dock_hits(
    dock: SearchDock, qtbot: QtBot, text: str, mode: Mode, documents: str = ""
) -> list[tuple[int, int, int]]:
    dock.edit.setText(text)
    dock.mode.setCurrentIndex(dock.mode.findData(mode))
    dock.documents.setText(documents)
    with qtbot.waitSignal(dock.searchFinished, timeout=20_000) as blocker:
        dock.search()
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    assert blocker.args[1] == len(dock.model.lines)
    return sorted((line.doc_id, line.start, line.end) for line in dock.model.lines)


def _cli_hits(
    path: Path, text: str, options: list[str], capsys: pytest.CaptureFixture[str]
) -> list[tuple[int, int, int]]:
    assert cli.main(["search", str(path), text, "--json", *options]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    return sorted((r["doc_id"], r["start"], r["end"]) for r in rows)


@pytest.fixture
def no_folded_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole corpus was folded")

    monkeypatch.setattr(FoldedCorpus, "__init__", refuse)
    monkeypatch.setattr(CorpusCache, "get", refuse)


@pytest.mark.parametrize("index", [True, False], ids=["indexed", "no index"])
@pytest.mark.usefixtures("no_folded_corpus")
def test_the_docks_hits_are_the_commands(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], index: bool
) -> None:
    path = tmp_path / "p.annotator"
    _project(path, index)
    dock = _dock(qtbot, path)
    found = 0
    for text, mode, options in CASES:
        hits = _dock_hits(dock, qtbot, text, mode)
        assert hits == _cli_hits(path, text, options, capsys), text
        found += bool(hits)
    assert found >= 10  # the comparison is not of empty lists


@pytest.mark.usefixtures("no_folded_corpus")
def test_only_the_candidate_documents_are_read_and_folded(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator"
    _project(path)
    read: list[int] = []
    folded: list[str] = []
    text_blocks = Project.text_blocks
    with_runs = FoldedText.with_runs.__func__  # type: ignore[attr-defined]

    def spy_blocks(self: Project, *args: Any, **kwargs: Any) -> Any:
        for block in text_blocks(self, *args, **kwargs):
            read.extend(doc_id for doc_id, _, _ in block)
            yield block

    def spy_fold(cls: type[FoldedText], text: str, *args: Any) -> FoldedText:
        folded.append(text)
        result: FoldedText = with_runs(cls, text, *args)
        return result

    monkeypatch.setattr(Project, "text_blocks", spy_blocks)
    monkeypatch.setattr(FoldedText, "with_runs", classmethod(spy_fold))
    dock = _dock(qtbot, path)
    with Project.open(path, read_only=True) as project:
        ids = {d.id: d.text for d in project.iter_documents()}
        wanted = project.search_candidates(Query("paris"))
    assert wanted is not None and 0 < len(wanted) < len(ids)
    assert _dock_hits(dock, qtbot, "paris", Mode.WORD)
    assert read == wanted  # the index's candidates, nothing else
    assert folded == [ids[i] for i in wanted]  # a Latin query folds those only
    read.clear()
    folded.clear()
    assert _dock_hits(dock, qtbot, "باريس", Mode.WORD)
    assert read == project_candidates(lambda: path)(Query("باريس"))
    assert folded == []  # an Arabic query is matched on the stored text


@pytest.mark.usefixtures("no_folded_corpus")
def test_the_documents_filter_and_cancel_on_the_projects_path(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    _project(path)
    dock = _dock(qtbot, path)
    with Project.open(path, read_only=True) as project:
        named = {d.id: d.name for d in project.iter_documents()}
    hits = _dock_hits(dock, qtbot, "القاهرة", Mode.WORD, documents="D1")
    assert hits and all("d1" in named[d] for d, _, _ in hits)  # folded: D1 finds d1, d12...
    assert {d for d, _, _ in hits} < {
        d for d, _, _ in _dock_hits(dock, qtbot, "القاهرة", Mode.WORD)
    }
    worker = SearchWorker(dock.cache, Query("القاهرة"), candidates=dock.candidates)
    worker.cancel()
    with qtbot.waitSignal(worker.results.ended, timeout=10_000) as blocker:
        worker.run()
    assert blocker.args is not None and blocker.args[1] == "cancelled"
