"""Code inside Arabic text reads left to right, and an export report's parts read in Arabic.

- The spaCy export's ``doc.ents (also in doc.spans['sc'])`` part and the event JSON format's
  name in a reason are ``Message``s: the Arabic report has no English words around them.
- Every Arabic translation that holds left-to-right code with punctuation at an edge (a file
  extension ``.spacy``, ``~/.pgpass``, a filter ``(*.csv *.txt)``, a tag prefix ``B-``) shows
  that code in its own order once laid out right to left (the format box showed
  ``spacy.``): the code is an isolate, or a mark gives its brackets their direction.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from annotator.errors import Message
from annotator.exporting import export
from annotator.formats.conll import TokenReport
from annotator.formats.events_json import EVENT_JSON
from annotator.formats.standoff import no_place
from annotator.project import Project
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).parents[2]
TEXT = "وصل الوزير إلى بغداد وهاجم المتمردون القاعدة في الليل."
ME = "amal"
MARKS = "\u200e\u200f\u2066\u2067\u2068\u2069"
CODE = re.compile(r"(?<!\w)(?:[.*~/\-]+[A-Za-z][\w.*~/\-]*|[A-Za-z][\w.*~/\-]*[*~/\-]+(?!\w))")
"""left-to-right code with neutral punctuation at an edge (.spacy, ~/.pgpass, *.csv, B-)"""


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        for word, label in (("الوزير", "PER"), ("بغداد", "GPE"), ("المتمردون", "PER")):
            i = TEXT.index(word)
            p.add_span(doc.id, i, i + len(word), label, ME)
        yield p


def visual(text: str) -> str:
    """``text``'s characters (marks left out) in the order they show, left to right, in a
    right-to-left line."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(10000)
    layout.endLayout()
    flag = QTextLayout.GlyphRunRetrievalFlag
    flags = flag.RetrieveGlyphIndexes | flag.RetrieveGlyphPositions | flag.RetrieveStringIndexes
    placed = sorted(
        (pos.x(), index)
        for run in layout.glyphRuns(-1, -1, flags)
        for pos, index in zip(run.positions(), run.stringIndexes(), strict=True)
    )
    order = list(dict.fromkeys(index for _, index in placed))
    return "".join(text[i] for i in order if text[i] not in MARKS)


def test_the_spacy_report_parts_read_in_arabic(
    arabic: QApplication, project: Project, tmp_path: Path
) -> None:
    report = export(project, "spacy", tmp_path / "out.spacy", annotator=ME)
    assert isinstance(report, TokenReport)
    lines = report.lines()
    assert "  in doc.ents (also in doc.spans['sc']): 3" in lines  # the CLI's English
    assert all(isinstance(k, Message) for k in report.placed if k.startswith("doc.ents"))
    shown = i18n.core_lines(lines)
    assert "also in" not in shown
    assert "doc.ents\u2069 (وهي أيضًا في \u2068doc.spans['sc']\u2069)" in shown


def test_the_event_json_name_in_a_reason_reads_in_arabic(arabic: QApplication) -> None:
    reason = no_place("attribute", EVENT_JSON)
    assert reason == "attribute (no place in event JSON)"
    shown = i18n.core_text(Message("dropped {count}: {reason}", count=2, reason=reason))
    assert "صيغة JSON للأحداث" in shown and "event" not in shown


def test_the_format_box_shows_the_spacy_extension_left_to_right(
    arabic: QApplication, project: Project, qtbot: QtBot, shots: Path
) -> None:
    from ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    box: QComboBox = dialog.format
    entry = box.itemText(box.findData("spacy"))
    assert ".spacy" in visual(entry)  # not spacy.
    assert ".txt/.ann" in visual(box.itemText(box.findData("brat")))
    box.setCurrentIndex(box.findData("spacy"))
    box.resize(620, box.sizeHint().height())
    box.show()
    box.grab().save(str(shots / "format_box_ar.png"))


def test_code_in_every_arabic_translation_reads_left_to_right(arabic: QApplication) -> None:
    ts = ET.parse(ROOT / "resources" / "translations" / "annotator_ar.ts").getroot()
    wrong = []
    for message in ts.iter("message"):
        translation = message.find("translation")
        text = "" if translation is None else translation.text or ""
        for line in re.split(";;|\n", text):  # a file filter's entries, a text's lines
            shown = visual(line)
            for code in CODE.findall(re.sub(f"[{MARKS}]", "", line)):
                if "{" not in code and code not in shown:
                    wrong.append((message.findtext("source"), code, shown))
    assert wrong == []
