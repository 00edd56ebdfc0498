"""QA 18: a range of offsets in a core message ("span {start}-{end} ({label}) ...") read
backwards in the Arabic interface. Each end was a bidi isolate of its own, and in a
right-to-left sentence the two isolates and the hyphen between them are neutrals of the
sentence's run: "span 5-12" showed as 12-5 from left to right. ``core_text`` now sets a range
of two fields as one left-to-right isolate, in every template, without a change to any template
or translation. The checks go through the path the window uses (the importer's and the rules'
own errors, ``core_text``, a plain-text message box) and measure where Qt puts each number."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import rules
from annotator.errors import ImportFormatError, Message
from annotator.imported import ImportedDocument, ImportedSpan
from annotator.importing import import_documents
from annotator.project import Project
from ui import i18n

SHOTS = Path("/tmp/h3")
ARABIC = "\u0600-\u06ff"


def _x(text: str, index: int) -> float:
    """Where Qt puts the cursor position ``index`` of ``text`` laid out in a right-to-left
    paragraph (a message box line in the Arabic interface), in pixels from the left."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(4000)
    layout.endLayout()
    return line.cursorToX(index)[0]


def _reads_left_to_right(text: str, first: str, second: str) -> bool:
    """Whether ``first`` (the start) is drawn left of ``second`` (the end) in ``text``. Each
    is measured inside itself (between its first two characters: a cursor at the edge of a
    run is drawn at either of its ends), so each has two characters or more."""
    assert len(first) > 1 and len(second) > 1
    a = text.index(first)
    b = text.index(second, a + len(first))
    return _x(text, a + 1) < _x(text, b + 1)


def _import_error(tmp_path: Path, start: int, end: int) -> ImportFormatError:
    """The importer's own refusal of a span outside its text (``importing._import_one``)."""
    with Project.create(tmp_path / "p.annotator") as project:
        doc = ImportedDocument(
            text="قال الوزير.",
            name="d",
            source="in.jsonl",
            line=1,
            spans=[ImportedSpan(start, end, "PER", line=1)],
        )
        with pytest.raises(ImportFormatError) as caught:
            import_documents(project, [doc])
    return caught.value


def test_an_imported_range_is_one_left_to_right_isolate(
    arabic: QApplication, tmp_path: Path
) -> None:
    error = _import_error(tmp_path, 15, 120)
    inner = error.message
    assert isinstance(inner, Message) and inner.template == (
        "span {start}-{end} ({label}) is outside the text (length {length})"
    )
    assert "span 15-120 ('PER') is outside the text (length 11)" in str(error)  # the CLI's
    shown = i18n.core_text(error)
    assert any(ch in shown for ch in "المقطع"), shown  # translated
    # the two ends one LTR isolate, not two isolates around a bare hyphen
    assert f"{i18n.LRI}15-120{i18n.PDI}" in shown, repr(shown)
    assert f"{i18n.FSI}15{i18n.PDI}" not in shown, repr(shown)
    line = shown.split("\n")[0]
    assert _reads_left_to_right(i18n.RLM + line, "15", "120"), repr(line)


@pytest.mark.parametrize(
    ("template", "params", "first", "second"),
    [
        (
            "span {start}-{end} ({label}): {problem}",
            {"start": 17, "end": 31, "label": "'PER'", "problem": Message("label")},
            "17",
            "31",
        ),
        (
            "the span {start}-{end} of {name} is only white space",
            {"start": 40, "end": 29, "name": "'تقرير'"},
            "40",
            "29",
        ),
        (
            "offsets must be integers, not {start}-{end}",
            {"start": "'ab'", "end": "None"},
            "'ab'",
            "None",
        ),
    ],
)
def test_every_range_template_reads_start_to_end(
    arabic: QApplication, template: str, params: dict[str, object], first: str, second: str
) -> None:
    shown = i18n.core_text(Message(template, **params))
    assert shown != str(Message(template, **params))  # translated
    assert i18n.LRI in shown and "-" in shown
    assert _reads_left_to_right(i18n.RLM + shown, first, second), repr(shown)


def test_the_rules_range_in_one_parameter_reads_start_to_end(arabic: QApplication) -> None:
    """The rules give a span's ends as one parameter ("12-15"): it read right already; the
    check keeps it so."""
    bad = rules.offsets_problem("نص قصير", 12, 150, name="d")
    assert bad is not None
    message = bad.message
    assert isinstance(message, Message) and message.params["span"] == "12-150"
    shown = i18n.core_text(message)
    assert "12-150" in shown
    assert _reads_left_to_right(i18n.RLM + shown, "12", "150"), repr(shown)


def test_english_is_the_core_text(tmp_path: Path) -> None:
    error = _import_error(tmp_path, 15, 120)
    assert i18n.core_text(error) == str(error.args[0])
    assert i18n.LRI not in i18n.core_text(error)


def test_range_text() -> None:
    assert i18n.range_text("5", "12") == f"{i18n.LRI}5-12{i18n.PDI}"
    assert i18n.range_text("-1", "3", "\u2013") == f"{i18n.LRI}-1\u20133{i18n.PDI}"
    assert i18n.range_text("'ب'", "3") == f"{i18n.LRI}{i18n.isolate(repr('ب'))}-3{i18n.PDI}"


def test_a_range_in_a_message_box_reads_start_to_end(
    arabic: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    """The message box the window shows an import's refusal in (``prompts.show_message``):
    saved to /tmp/h3 to be looked at."""
    shown = i18n.core_text(_import_error(tmp_path, 15, 120))
    box = QMessageBox(QMessageBox.Icon.Warning, "استيراد", "", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    i18n.set_plain_text(box, shown)
    box.show()
    qtbot.waitExposed(box)
    assert box.layoutDirection() == Qt.LayoutDirection.RightToLeft
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert box.grab().save(str(SHOTS / "range_message_box.png"))
    assert _reads_left_to_right(box.text(), "15", "120"), repr(box.text())
