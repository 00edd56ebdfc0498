"""The inner texts of the core's errors reach the Arabic interface translated: what the import
readers (doccano, Label Studio, event JSON, spaCy JSONL) say about a bad line, the offsets and
JSON fields they check (annotator.formats.standoff, annotator.formats.fields), the project lock's
refusals (annotator.locking), a bundle that cannot be read and the merge report's lines
(annotator.exchange). Each message keeps its English text for the CLI; in Arabic only the
parameters (names, paths, numbers, the file's own keys) are left in Latin letters."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.errors import ImportFormatError, Message, ProjectFileError
from annotator.exchange import read_bundle
from annotator.exchange.merge import MergeReport
from annotator.formats.doccano import read_doccano
from annotator.formats.events_json import read_events_json
from annotator.formats.label_studio import read_label_studio
from annotator.formats.spacy_jsonl import read_spacy_jsonl
from annotator.locking import EXCLUSIVE, acquire, program_of
from annotator.project import Project
from ui import i18n

ISOLATES = re.compile("[\u2066\u2067\u2068\u2069\u200e\u200f]")
NAMES = ("annotator",)
"""the program's name, left as it is in the Arabic texts"""


def _english_left(shown: str, params: tuple[str, ...]) -> str:
    """The Latin words of ``shown`` outside its parameters (each an isolate, or a path's
    left-to-right isolate) and the program's name: "" when all the rest is Arabic."""
    for p in sorted(params, key=len, reverse=True):
        for start in (i18n.FSI, i18n.LRI):
            shown = shown.replace(f"{start}{p}{i18n.PDI}", " ")
    for name in NAMES:
        shown = shown.replace(name, " ")
    shown = re.sub(r'"[A-Za-z_.]+"', " ", shown)  # the file's own keys ("text", "data")
    return " ".join(re.findall(r"[A-Za-z]+", ISOLATES.sub("", shown)))


def _refused(read: object, path: Path) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        read(path)  # type: ignore[operator]
    return caught.value


def _line(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _check(error: BaseException, english: str, params: tuple[str, ...]) -> str:
    assert str(error) == english  # the CLI's text, as before
    shown = i18n.core_text(error)
    assert shown != english
    assert _english_left(shown, params) == "", shown
    return shown


# -- the import readers --------------------------------------------------------------------
def test_a_doccano_offset_out_of_range_reads_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    path = _line(tmp_path, "bad.jsonl", {"text": "abc", "label": [[0, 99, "PER"]]})
    error = _refused(read_doccano, path)
    where = f"{path.name}:1"
    english = f"{where}: label 0: offsets 0 99 are empty or outside the text (3)"
    error_where = str(error).split(": ")[0]
    english = english.replace(where, error_where)
    shown = _check(error, english, (error_where, "0", "99", "3"))
    assert "التسمية" in shown and "خارج النص" in shown


def test_a_doccano_field_of_the_wrong_type_reads_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    path = _line(tmp_path, "bad.jsonl", {"text": "abc", "label": 5})
    error = _refused(read_doccano, path)
    where = str(error).split(": ")[0]
    english = f'{where}: "label" must be a list, not a number'
    shown = _check(error, english, (where, '"label"'))
    assert "قائمة" in shown and "عددًا" in shown


def test_a_doccano_relation_to_an_unknown_entity_reads_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    data = {
        "text": "abc",
        "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 1}],
        "relations": [{"id": 7, "type": "LINK", "from_id": 1, "to_id": 9}],
    }
    error = _refused(read_doccano, _line(tmp_path, "bad.jsonl", data))
    where = str(error).split(": ")[0]
    english = f"{where}: relation 7: unknown entity 1 or 9"
    _check(error, english, (where, "7", "1", "9"))


def test_a_label_studio_task_without_text_reads_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([{"data": {}}]), encoding="utf-8")
    error = _refused(read_label_studio, path)
    where = str(error).split(": ")[0]
    english = f'{where}: task 1: no "text" in "data"'
    shown = _check(error, english, (where, "1"))
    assert '"text"' in shown  # the file's own keys, as the file writes them


def test_an_event_json_token_range_reads_in_arabic(arabic: QApplication, tmp_path: Path) -> None:
    data = {
        "doc_id": "d",
        "tokens": ["a", "b"],
        "entity_mentions": [{"id": "e1", "entity_type": "PER", "start": 0, "end": 5}],
    }
    error = _refused(read_events_json, _line(tmp_path, "bad.jsonl", data))
    where = str(error).split(": ")[0]
    english = f"{where}: entity 'e1': token range (0, 5) is not inside the 2 tokens"
    _check(error, english, (where, "'e1'", "0", "5", "2"))


def test_a_spacy_span_outside_the_text_reads_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    data = {"text": "abc", "spans": [{"start": 1, "end": 9, "label": "PER"}]}
    error = _refused(read_spacy_jsonl, _line(tmp_path, "bad.jsonl", data))
    where = str(error).split(": ")[0]
    english = f"{where}: span 0 (1, 9) is outside the text (length 3)"
    _check(error, english, (where, "0", "1", "9", "3"))


# -- the project lock ----------------------------------------------------------------------
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_a_project_open_for_editing_is_refused_in_arabic(
    arabic: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    lock = acquire(path, EXCLUSIVE)
    try:
        with pytest.raises(ProjectFileError) as refused:
            acquire(path, EXCLUSIVE)
    finally:
        lock.release()
    program = program_of(os.getpid())
    who = f"process {os.getpid()} ({program})" if program else f"process {os.getpid()}"
    english = (
        f"{path}: already open for editing in an annotator window: {who}; it can still be "
        "opened read-only (view only) here"
    )
    params = (str(path), str(os.getpid()), program or "")
    shown = _check(refused.value, english, params)
    assert "للقراءة فقط" in shown and "العملية" in shown
    assert shown.startswith(i18n.RLM + i18n.LRI + str(path))  # the path reads left to right


# -- bundles and the merge report ----------------------------------------------------------
def test_an_unreadable_bundle_reads_in_arabic(arabic: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "x.bundle"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", "{}")
    with pytest.raises(ImportFormatError) as caught:
        read_bundle(path)
    english = f"{path}: member schema.json is missing"
    _check(caught.value, english, (str(path), "schema.json"))


def test_a_bundle_with_bad_json_keeps_the_inner_message(
    arabic: QApplication, tmp_path: Path
) -> None:
    """A bundle member that is not JSON: the reader's message (safejson's) is passed on as a
    Message, not flattened into English."""
    path = tmp_path / "x.bundle"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("manifest.json", "schema.json", "documents.jsonl"):
            zf.writestr(name, "")
        zf.writestr("records.jsonl", "")
        zf.writestr("statuses.jsonl", "")
    with pytest.raises(ImportFormatError) as caught:
        read_bundle(path)
    message = caught.value.args[0]
    assert isinstance(message, Message) and isinstance(message.params["message"], Message)
    assert i18n.core_text(caught.value) != str(caught.value)


def test_the_merge_report_reads_in_arabic(arabic: QApplication) -> None:
    report = MergeReport(
        source="team.bundle",
        documents_added=2,
        documents_matched=1,
        added=5,
        updated=3,
        kept=4,
        statuses_updated=1,
        labels_added=["MIS1"],
        event_attributes_moved=2,
    )
    english = [
        "team.bundle: 5 added, 3 updated, 4 unchanged",
        "documents: 2 added, 1 matched",
        "statuses updated: 1",
        "labels added from team.bundle: MIS1",
        "moved 2 event attributes from trigger spans to their events",
    ]
    assert report.lines() == english
    for line in report.lines():
        shown = i18n.core_text(line)
        params = ("team.bundle", "MIS1", "1", "2", "3", "4", "5")
        assert shown != line and _english_left(shown, params) == "", shown


# -- the import report and the merge report's set-aside list (as the window shows them) -------
def test_an_import_report_reads_in_arabic(arabic: QApplication, tmp_path: Path) -> None:
    """The report the import dialog and the status bar show (``ui.jobs.summary``): each line
    a core ``Message`` translated, a skipped or changed line's reader message too, its
    ``file:line`` left to right. The CLI's lines are as before."""
    from annotator.formats.conll import read_conll
    from annotator.importing import import_documents
    from ui.jobs import summary

    src = tmp_path / "noisy.conll"
    src.write_text(
        "قالت\tO\nالحكومة\tB-ORG\nالأمريكية\tI--ORG\nأمس\tOO\n\nزار\tB-\nفيينا\tB-NEWLAB\nزار\n",
        encoding="utf-8",
    )
    with Project.create(tmp_path / "p.annotator") as project:
        report = import_documents(
            project, read_conll(src, strict=False), "amal", new_labels="add", strict=False
        )
        again = import_documents(project, read_conll(src, strict=False), "amal", strict=False)
    at = f"{src}:"
    assert report.lines() == [
        "documents added: 1",
        "spans: 2, events: 0 (0 arguments), relations: 0",
        "labels added to the schema: NEWLAB",
        f"changed: {at}3: tag 'I--ORG' read as 'I-ORG' (doubled separator)",
        f"changed: {at}4: tag 'OO' not understood; token tagged O",
        f"changed: {at}6: tag 'B-' not understood; token tagged O",
        f"skipped: {at}8: expected a token and a tag separated by a tab or space: 'زار'",
    ]
    assert again.lines()[2:5] == [
        f"text already in the project, not added again: noisy ({at}1)",
        "nothing new: the project already held every text and annotation read",
        "annotations already in their layer, skipped: 2",
    ]
    wheres = tuple(f"{at}{n}" for n in (3, 4, 6, 8))
    params = (f"noisy ({at}1)", *wheres, "NEWLAB", "'I--ORG'", "'I-ORG'", "'OO'", "'B-'", "'زار'")
    for line in [*report.lines(), *again.lines()]:
        shown = i18n.core_text(line)
        assert shown != line
        left = _english_left(shown, params)
        assert left in ("", "O"), (left, shown)  # O: the tag a token was given
    text = summary(report)
    assert "المستندات المضافة" in text and "تُخطّي" in text and "غُيّر" in text
    assert f"{i18n.LRI}{at}8{i18n.PDI}" in text  # file:line reads left to right


def test_the_merge_report_s_set_aside_list_reads_in_arabic(arabic: QApplication) -> None:
    from annotator.exchange.merge import Quarantined
    from ui.dialogs.exchange_actions import report_text

    report = MergeReport(source="team.bundle", added=1)
    report.quarantined = [
        Quarantined("spans", f"uuid-{k}", "ab" * 32, Message("unknown document")) for k in range(3)
    ]
    text = report_text(report, limit=2)
    assert "في الحجر" in text and "مقاطع" in text and "و1 غيرها" in text
    assert "in document" not in text and "Quarantined" not in text and "more" not in text
    assert f"{i18n.FSI}uuid-0{i18n.PDI}" in text
    # each set-aside line's reason reads as the summary's does (QA: it was English)
    assert "unknown" not in text and text.count("مستند غير معروف") == 3, text


def test_labels_an_import_cannot_take_read_in_arabic(arabic: QApplication, tmp_path: Path) -> None:
    """QA: a label the schema lacks (with "error") and one that cannot be added (with "add")
    refused the import in English; the Arabic names the dialog's option, not the CLI's."""
    from annotator.formats.conll import read_conll
    from annotator.formats.jsonl import read_jsonl
    from annotator.importing import import_documents

    src = tmp_path / "new.conll"
    src.write_text("زار\tO\nفيينا\tB-NEWCO\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as project:
        with pytest.raises(ImportFormatError) as caught:
            import_documents(project, read_conll(src), "amal", new_labels="error")
        english = (
            f"{src}:2: label 'NEWCO' is not in the schema (use --new-labels add or skip; "
            "1 unknown label(s): 'NEWCO')"
        )
        shown = _check(caught.value, english, (f"{src}:2", "'NEWCO'", "1", "'NEWCO'"))
        assert "تسميات خارج المخطط" in shown and "--new-labels" not in shown
        bad = _line(
            tmp_path,
            "bad.jsonl",
            {"text": "بغداد", "spans": [{"start": 0, "end": 5, "label": "GP\u202eE"}]},
        )
        with pytest.raises(ImportFormatError) as caught:
            import_documents(project, read_jsonl(bad), "amal", new_labels="add")
    assert str(caught.value).startswith(f"{bad}:1: cannot add to the schema: label name")
    shown = i18n.core_text(caught.value)
    assert "تعذّرت الإضافة إلى المخطط" in shown and "cannot add" not in shown


def test_report_lines_lie_on_their_own_side(arabic: QApplication, qtbot: object) -> None:
    """QA: the Arabic lines of the import, export and merge reports hugged the left edge (a
    plain text edit reads its default AlignLeft as absolute). Each line now starts on its
    own side: an Arabic line at the right, a Latin one at the left."""
    from ui.dialogs.exchange_actions import ReportDialog
    from ui.docview.sides import OWN_SIDE

    dialog = ReportDialog("t", "المستندات المضافة: 1\nEnglish line", None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.resize(700, 300)
    dialog.show()
    qtbot.waitExposed(dialog)  # type: ignore[attr-defined]
    option = dialog.text.document().defaultTextOption()
    assert option.alignment() == OWN_SIDE
    image = dialog.text.viewport().grab().toImage()
    height = dialog.text.fontMetrics().lineSpacing()

    def ink(row: int) -> list[int]:
        y0 = 4 + row * height
        return [
            x
            for x in range(image.width())
            for y in range(y0, y0 + height - 2)
            if image.pixelColor(x, y).lightness() < 128
        ]

    arabic_line, latin_line = ink(0), ink(1)
    assert arabic_line and min(arabic_line) > image.width() / 2  # at the right
    assert latin_line and max(latin_line) < image.width() / 2  # at the left


def test_a_locked_project_is_refused_in_arabic_by_the_window(
    arabic: QApplication, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: the window's question about a project another window holds was English (the
    session rewrapped the lock's refusal as plain text); it reads in Arabic, the path left
    to right."""
    from PySide6.QtCore import QSettings

    from ui.dialogs import prompts
    from ui.session import Session
    from ui.workbench.mainwindow import MainWindow, open_session_project

    path = tmp_path / "مشروع_٧.annotator"
    Project.create(path).close()
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_read_only", lambda parent, text: asked.append(text) or False)
    with acquire(path, EXCLUSIVE):
        w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(w)  # type: ignore[attr-defined]
        assert not open_session_project(w, path, False)
    (text,) = asked
    assert f"{i18n.LRI}{path}{i18n.PDI}" in text
    # The holder is named by its command (``locking.program_of``): "python -m pytest" run
    # alone, a longer line in an xdist worker; it is a parameter of the message, not English
    # the interface left untranslated.
    left = _english_left(text, (str(path), str(os.getpid()), program_of(os.getpid())))
    assert set(left.split()) <= {"annotator", "python", "pytest", "Python"}, text


def test_a_sync_report_reads_in_arabic(arabic: QApplication) -> None:
    """The sync report the window shows (``sync_dialog.show_report``): each line a core
    ``Message`` translated; the CLI's English as before."""
    from annotator.hub.sync import SyncReport
    from annotator.hubstate import Member
    from ui.i18n import core_lines

    report = SyncReport(
        "amal@host/team",
        Member("amal", "adjudicator", "amal"),
        pushed=3,
        already_on_hub=1,
        not_on_hub=2,
        pulled=4,
        documents_pulled=1,
        local_only={"badr": 1, "layla": 3},
    )
    assert report.lines() == [
        "hub amal@host/team as amal (adjudicator, layer amal)",
        "pushed: 3 new, 1 already on the hub",
        "pulled: 4 versions, 1 documents",
        "not pushed: 2 versions on documents the hub lacks (a coordinator adds them; the next "
        "sync pushes them)",
        "stay local (your role writes amal and gold only): badr 1, layla 3; the hub takes no "
        "other layer's versions from you: `annotator bundle` them to whoever writes that layer, "
        "who merges the bundle and syncs with --full; each sync counts them again until the hub "
        "holds them or newer ones",
    ]
    shown = core_lines(report.lines())
    assert "محكِّم" in shown and "خادم الفريق" in shown and "فقط" in shown
    params = ("amal@host/team", "amal", "gold", "badr 1, layla 3", "1", "2", "3", "4")
    left = _english_left(shown, params)
    assert set(left.split()) <= {"sync", "full"}, (left, shown)  # the CLI command it names
