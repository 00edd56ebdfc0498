"""An export's report reads in Arabic in the Arabic interface: each line of
``ExportReport.lines`` (what was exported, what was dropped and why, the documents left out, the
files written) is a core ``Message`` shown through ``core_text``, as the export dialog shows it;
the CLI's English lines are as before, byte for byte. The status bar's text after a bundle is
written names its counts in Arabic, its path left to right; the CoNLL reader's refusals name
the import dialog's «متساهل» choice, not the CLI's --lenient."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.errors import ImportFormatError
from annotator.exporting import export
from annotator.formats.conll import read_conll
from annotator.project import Project
from ui import i18n

TEXT = "وصل الوزير إلى بغداد وهاجم المتمردون القاعدة في الليل."
ME = "amal"
ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")
NAMES = ("doccano",)
"""a format's name the Arabic text names as it is"""


def _at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """One document with a note and an attribute on a span, a discontinuous span, an event
    with an argument and a relation in the layer of amal; another document she never
    annotated."""
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        p.add_document("نص لم يفتحه أحد.", name="untouched")
        minister = p.add_span(
            doc.id, *_at("الوزير"), "PER", ME, attributes={"MentionType": "NOM"}, note="وزير"
        )
        baghdad = p.add_span(doc.id, *_at("بغداد"), "GPE", ME)
        rebels = p.add_span(doc.id, *_at("المتمردون"), "PER", ME)
        s, e = _at("القاعدة في الليل")
        p.add_span(doc.id, s, e, "FAC", ME, fragments=[(s, s + 7), (e - 5, e)])
        attack = p.add_event(p.add_span(doc.id, *_at("هاجم"), "Conflict.Attack", ME).uuid)
        p.add_argument(attack.uuid, "Attacker", rebels.uuid)
        p.add_relation("PHYS", minister.uuid, baghdad.uuid)
        yield p


def _latin_left(shown: str) -> list[str]:
    """The Latin words of ``shown`` outside its parameters (each an isolate) and the format
    names the text names."""
    rest = ISOLATED.sub(" ", shown)
    return [w for w in re.findall("[A-Za-z][A-Za-z-]*", rest) if w not in NAMES]


LEFT_OUT = "documents left out 1: never annotated in layer amal (--status new exports them)"
ENGLISH = {
    "conll": [
        "documents exported: 1",
        "spans exported: 3",
        "tokens: 10 (0 split at span boundaries)",
        "dropped 1: discontinuous span (token formats hold contiguous spans only)",
        "dropped 1: event trigger (flat NER tags hold entities; use --format events)",
        LEFT_OUT,
        "not written 1: argument (CoNLL has no place for it)",
        "not written 1: attribute (no place in CoNLL)",
        "not written 1: event (CoNLL has no place for it)",
        "not written 1: note (no place in CoNLL)",
        "not written 1: relation (CoNLL has no place for it)",
    ],
    "doccano": [
        "documents exported: 1",
        "spans exported: 5",
        "also exported: events 1",
        "dropped 1: argument (doccano sequence labelling holds spans only)",
        "dropped 1: attribute (no place in doccano)",
        "dropped 1: discontinuous span written as its outer bounds (doccano)",
        "dropped 1: note (no place in doccano)",
        "dropped 1: relation (doccano sequence labelling holds spans only)",
        LEFT_OUT,
    ],
    "jsonl": [
        "documents exported: 1",
        "spans exported: 5",
        "also exported: events 1, arguments 1, relations 1, attributes 1, notes 1, fragments 1",
        LEFT_OUT,
    ],
}
"""the reports' lines as the CLI printed them before they were messages"""


@pytest.mark.parametrize("fmt", list(ENGLISH))
def test_an_export_report_reads_in_arabic(
    arabic: QApplication, project: Project, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    report = export(project, fmt, out, annotator=ME)
    lines = report.lines()
    assert lines == [*ENGLISH[fmt], f"written: {out}"]  # the CLI's English, unchanged
    assert all(type(line.__str__()) is str for line in lines)
    for line in lines:
        shown = i18n.core_text(line)
        assert shown != line, line
        assert _latin_left(shown) == [], (shown, _latin_left(shown))
    shown = i18n.core_lines(lines)
    assert f"{i18n.LRI}{out}{i18n.PDI}" in shown  # the path reads left to right
    assert "«جديد» في «المستندات»" in shown  # the dialog's control, not --status new
    if fmt == "conll":
        assert "«الصيغة»" in shown and "--format" not in shown
    if fmt == "jsonl":
        assert "صُدِّر أيضًا" in shown and "ملاحظات" in shown


def test_reasons_counted_together_stay_messages(project: Project, tmp_path: Path) -> None:
    """Reasons are dict keys: equal reasons merge, and the key kept is the message (what the
    window translates), not a plain string."""
    from annotator.errors import Message

    report = export(project, "conll", tmp_path / "a.conll", annotator=ME, status="new")
    assert report.documents == 2 and not report.documents_skipped
    keys = [*report.dropped, *report.documents_skipped]
    assert keys and all(isinstance(k, Message) for k in keys)


def test_the_export_dialog_shows_the_report_in_arabic(
    arabic: QApplication, project: Project, tmp_path: Path, qtbot: QtBot
) -> None:
    from ui.dialogs.export_dialog import ExportDialog

    out = tmp_path / "out.doccano"
    report = export(project, "doccano", out, annotator=ME)
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    dialog._done("finished", report)
    text = dialog.report.toPlainText()
    assert "أُسقط" in text and "dropped" not in text and "documents" not in text


def test_the_bundle_status_text_names_its_counts_in_arabic(arabic: QApplication) -> None:
    from ui.dialogs.exchange_actions import bundle_written_text

    out = Path("/tmp/qa8b/amal.bundle")
    counts = {"arguments": 0, "documents": 1, "events": 0, "relations": 0, "spans": 4}
    text = bundle_written_text(out, {**counts, "statuses": 0})
    assert f"{i18n.LRI}{out}{i18n.PDI}" in text
    assert "مستندات: 1" in text and "مقاطع: 4" in text and "حالات: 0" in text
    assert re.findall("[A-Za-z]+", text.replace(str(out), "")) == [], text


def test_the_bundle_status_text_in_english() -> None:
    from ui.dialogs.exchange_actions import bundle_written_text

    text = bundle_written_text(Path("/tmp/b.bundle"), {"spans": 4, "documents": 1})
    assert text == f"Bundle written to {i18n.LRI}/tmp/b.bundle{i18n.PDI} (documents: 1, spans: 4)"


@pytest.mark.parametrize(
    ("tags", "english"),
    [
        ("قال\tB-\n", "tag 'B-' not understood: expected O, or B-, I-, E- or S- and a label"),
        ("قال\tE-PER\n", "tag 'E-PER' is not used by IOB2"),
    ],
)
def test_the_conll_refusals_name_the_lenient_choice(
    arabic: QApplication, tmp_path: Path, tags: str, english: str
) -> None:
    src = tmp_path / "bad.conll"
    src.write_text(tags, encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_conll(src, strict=True, scheme="IOB2")
    assert str(info.value) == f"{src}:1: {english} (--lenient tags such a token O)"
    shown = i18n.core_text(info.value)
    assert "«متساهل»" in shown and "lenient" not in shown, shown
