"""The Agreement window: background measuring, the same figures as the core, the HTML report."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.agreement import AgreementResult, agreement, project_layers
from annotator.model import GOLD
from annotator.project import Project
from annotator.review import accept
from ui.review.agreement_window import AgreementWindow, fmt
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
PAYLOAD = '<img src="file:///etc/passwd"><a href="file:///etc">x</a><b>b</b><style>*{}</style>'


def at(word: str, skip: int = 0) -> tuple[int, int]:
    i = TEXT.index(word)
    return i + skip, i + len(word)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """amal and PAYLOAD (a hostile annotator name) on the seed article, gold from amal."""
    path = tmp_path / "agree.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name=PAYLOAD)
        other = p.add_document("اجتمع الوزراء في باريس.", name="short")
        for who in ("amal", PAYLOAD):
            p.add_span(doc.id, *at("وهولندا", 1), "GPE", who)
            p.add_span(doc.id, *at("بباريس", 1), "GPE", who)
            p.add_span(other.id, 17, 22, "GPE", who)
        p.add_span(doc.id, *at("الولايات المتحدة"), "GPE", "amal")
        p.add_span(doc.id, *at("الولايات المتحدة"), "LOC", PAYLOAD)
        p.add_span(doc.id, *at("جان إيف لودريان"), "PER", "amal")
        p.add_span(doc.id, *at("لودريان"), "PER", PAYLOAD)
        p.add_span(doc.id, *at("2014"), "TIME", PAYLOAD)
        accept(p, [s.uuid for s in p.spans(doc.id, "amal") if s.label == "GPE"])
    s = Session()
    s.open_project(path)
    yield s
    s.close()


def expected(session: Session, names: list[str], labels: list[str] | None) -> AgreementResult:
    project = session.project
    assert project is not None
    return agreement(project_layers(project, names), names, labels)


def run(qtbot: QtBot, window: AgreementWindow) -> None:
    job = window.run()
    assert job is not None
    assert not window.run_button.isEnabled()
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    assert window.run_button.isEnabled()


def cell(window: AgreementWindow, table: str, row: int, col: int) -> str:
    item = window.tables[table].item(row, col)
    assert item is not None
    return item.text()


def column(window: AgreementWindow, table: str, col: int) -> list[str]:
    return [cell(window, table, r, col) for r in range(window.tables[table].rowCount())]


def check(window: AgreementWindow, labels: list[str]) -> None:
    for i in range(window.labels.count()):
        item = window.labels.item(i)
        on = item.text() in labels
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_measures_in_the_background_the_same_figures_as_the_core(
    qtbot: QtBot, session: Session
) -> None:
    window = AgreementWindow(session)
    qtbot.addWidget(window)
    window.show()
    order = [window.annotators.item(i).text() for i in range(window.annotators.count())]
    assert sorted(order) == sorted(["amal", PAYLOAD, GOLD])  # gold is measurable too
    gold_item = window.annotators.item(order.index(GOLD))
    # unticked by default (the headline alpha is the analysts'); ticked, it is measured too
    assert gold_item.checkState() == Qt.CheckState.Unchecked
    gold_item.setCheckState(Qt.CheckState.Checked)
    run(qtbot, window)
    want = expected(session, order, None)
    pairs = window.tables["pairs"]
    assert pairs.rowCount() == 3  # amal, the payload annotator and gold: three pairs
    for row, pair in enumerate(want.pairs):
        assert [cell(window, "pairs", row, c) for c in (0, 1)] == [pair.a, pair.b]
        assert cell(window, "pairs", row, 4) == fmt(pair.exact.micro.f1)
        assert cell(window, "pairs", row, 5) == fmt(pair.overlap.micro.f1)
        assert cell(window, "pairs", row, 7) == fmt(pair.kappa)
        assert cell(window, "pairs", row, 8) == fmt(pair.alpha_u.alpha)
    amal_vs_other = next(p for p in want.pairs if {p.a, p.b} == {"amal", PAYLOAD})
    assert amal_vs_other.exact.micro.f1 == pytest.approx(2 * 3 / (5 + 6))
    assert fmt(want.alpha_nominal) in window.summary.text()
    assert window.summary.textFormat() == Qt.TextFormat.PlainText
    assert PAYLOAD in column(window, "pairs", 1) + column(window, "pairs", 0)
    assert PAYLOAD in column(window, "documents", 2)  # the document name, literally
    assert {"trigger_identification", "argument_classification"} <= set(column(window, "events", 2))
    confusion = window.tables["confusion"]
    header = confusion.horizontalHeaderItem(0)
    assert header is not None and header.text() == f"{want.pairs[0].a} ↓ / {want.pairs[0].b} →"
    gpe = column(window, "confusion", 0).index("GPE")
    first = want.pairs[0].confusion
    assert cell(window, "confusion", gpe, 1 + first.labels.index("GPE")) == str(
        first.counts.get(("GPE", "GPE"), 0)
    )
    assert not any(PAYLOAD in lab.text() and lab.textFormat() != Qt.TextFormat.PlainText
                   for lab in window.findChildren(QLabel))  # fmt: skip


def test_label_filter_and_html_report(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = AgreementWindow(session)
    qtbot.addWidget(window)
    window.show()
    check(window, ["GPE", "PER"])
    run(qtbot, window)
    order = [window.annotators.item(i).text() for i in range(window.annotators.count())]
    want = expected(session, order, ["GPE", "PER"])
    assert set(column(window, "labels", 2)) == {"GPE", "PER"}
    assert cell(window, "pairs", 0, 4) == fmt(want.pairs[0].exact.micro.f1)
    out = tmp_path / "report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    job = window.save_report()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    html = out.read_text(encoding="utf-8")
    assert "amal" in html and PAYLOAD not in html  # escaped, never raw markup
    assert str(out) in window.summary.text()


def test_the_window_formats_figures_as_the_cli_does() -> None:
    """The agreement window's cells use the one formatter (``measures.figure``): a tiny
    negative alpha-U reads 0.000 there too, not -0.000 (QA round 11)."""
    from ui.review.agreement_window import fmt

    assert fmt(-7.4e-05) == "0.000"
    assert fmt(0.8587) == "0.859"
    assert fmt(None) == "—"
