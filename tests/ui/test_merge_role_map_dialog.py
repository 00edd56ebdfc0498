"""The merge step's roles: a received file whose event type names a role otherwise (their
``Location`` where our ``Contact.Meet`` has ``Place``) is put to the user before the merge,
in the same dialog as its labels ("Roles to map"), each role with a choice among our event
type's roles pre-filled by the offer; the merge then runs with the chosen role map. The rows
follow the label map chosen; a refused role map comes back as the merge's message. Names
from the file are plain text."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.exchange import write_bundle
from annotator.model import Argument
from annotator.project import Project
from annotator.schema import EventType, Role, Schema, default_schema
from annotator.schema.edit import add_label, rename_label, rename_role
from ui.dialogs.exchange_actions import (
    LabelMapDialog,
    LabelQuestion,
    merge_any,
    merge_dialog,
)
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"
ME = "amal"
HOSTILE = "P<b>lace</b><img_src=x.png>"  # a valid role name that looks like markup
SHOTS = Path("/tmp/rolemap-helper")


def _source(
    tmp_path: Path, *, travel: bool = False, meet: str = "Contact.Meet"
) -> tuple[Path, Path]:
    """Their project and bundle: Contact.Meet's Place named Location, Conflict.Attack's
    place, Conflict.Demonstrate's a markup-like name, one argument each (with ``travel``, a
    new event type Travel with Location and Place; ``meet``: their name for Contact.Meet)."""
    schema: Schema = rename_role(default_schema(), "Contact.Meet", "Place", "Location")
    schema = rename_role(schema, "Conflict.Attack", "Place", "place")
    schema = rename_role(schema, "Conflict.Demonstrate", "Place", HOSTILE)
    if travel:
        schema = add_label(schema, EventType("Travel", roles=(Role("Location"), Role("Place"))))
    if meet != "Contact.Meet":
        schema = rename_label(schema, "Contact.Meet", meet)
    src = tmp_path / "theirs.annotator"
    with Project.create(src, schema=schema) as s:
        doc = s.add_document(TEXT)
        j = TEXT.index("باريس")
        paris = s.add_span(doc.id, j, j + 5, "GPE", "badr")
        for word, event, role in (
            ("الاجتماع", meet, "Location"),
            ("قال", "Conflict.Attack", "place"),
            ("كان", "Conflict.Demonstrate", HOSTILE),
        ):
            i = TEXT.index(word)
            trigger = s.add_span(doc.id, i, i + len(word), event, "badr")
            s.add_argument(s.add_event(trigger.uuid).uuid, role, paris.uuid)
        write_bundle(s, "badr", tmp_path / "badr.annbundle")
    return src, tmp_path / "badr.annbundle"


def _ours(tmp_path: Path, name: str = "ours.annotator") -> Path:
    dst = tmp_path / name
    Project.create(dst).close()
    return dst


def _roles(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as p:
        return sorted(a.role for a in p.versions("arguments") if isinstance(a, Argument))


def _role_rows(dialog: LabelMapDialog) -> list[tuple[str, str, str]]:
    events = [x for x in dialog.findChildren(QLabel, "their_event_type") if x.isVisibleTo(dialog)]
    roles = [x for x in dialog.findChildren(QLabel, "their_role") if x.isVisibleTo(dialog)]
    combos = [x for x in dialog.findChildren(QComboBox, "merge_role_as") if x.isVisibleTo(dialog)]
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    return [
        (e.text(), r.text(), c.currentText()) for e, r, c in zip(events, roles, combos, strict=True)
    ]


def _question(source: Path, dst: Path) -> LabelQuestion:
    out = merge_any(dst, source, lambda *a: None, lambda: False, ask=True)
    assert isinstance(out, LabelQuestion), source.name  # merged without asking
    return out


def test_the_dialog_asks_about_roles_and_merges_with_the_chosen_role_map(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, bundle = _source(tmp_path)
    dst = _ours(tmp_path)
    w = make_window(dst)
    seen: list[list[tuple[str, str, str]]] = []

    def exec_(self: LabelMapDialog) -> int:
        self.show()
        seen.append(_role_rows(self))
        SHOTS.mkdir(exist_ok=True)
        self.grab().save(str(SHOTS / "roles-en.png"))
        meet = self.role_choices[("Contact.Meet", "Location")]
        meet.setCurrentIndex(meet.findData("Place"))  # the user maps Location
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LabelMapDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    assert merge_dialog(w) is not None
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=30_000)
    assert seen == [
        [
            ("Conflict.Attack", "place", "Place"),  # the offer, pre-filled
            ("Conflict.Demonstrate", HOSTILE, "keep apart (quarantine)"),
            ("Contact.Meet", "Location", "keep apart (quarantine)"),
        ]
    ]
    (text,) = reports
    assert "role 'Location' mapped to the project's 'Place': 1 arguments relabelled" in text
    assert "role 'place' mapped to the project's 'Place': 1 arguments relabelled" in text
    assert f"Conflict.Demonstrate has no role '{HOSTILE}'" in text  # kept apart, as chosen
    assert _roles(dst) == ["Place", "Place"]


def test_a_project_file_is_asked_about_its_roles_and_cancel_merges_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src, _ = _source(tmp_path)
    dst = _ours(tmp_path)
    w = make_window(dst)
    answers = iter([QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted])
    monkeypatch.setattr(LabelMapDialog, "exec", lambda self: next(answers).value)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    job = merge_dialog(w)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: "nothing was merged" in w.statusBar().currentMessage())
    assert reports == [] and _roles(dst) == []
    merge_dialog(w)
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=30_000)
    assert "role 'place' mapped to the project's 'Place': 1 arguments relabelled" in reports[0]
    assert "Contact.Meet has no role 'Location'" in reports[0]  # only the offer was taken
    assert _roles(dst) == ["Place"]


def test_the_role_rows_follow_the_label_map(tmp_path: Path, qtbot: QtBot) -> None:
    _, bundle = _source(tmp_path, meet="Meeting")
    dialog = LabelMapDialog(_question(bundle, _ours(tmp_path)), None)
    qtbot.addWidget(dialog)
    meeting = dialog.choices["Meeting"]
    assert meeting.currentData() == ""  # added as a new event type: its roles come along
    assert [r[:2] for r in _role_rows(dialog)] == [
        ("Conflict.Attack", "place"),
        ("Conflict.Demonstrate", HOSTILE),
    ]
    meeting.setCurrentIndex(meeting.findData("Contact.Meet"))  # merged as ours: asked
    assert _role_rows(dialog)[2] == ("Meeting", "Location", "keep apart (quarantine)")
    combo = dialog.role_choices[("Meeting", "Location")]
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "Entity", "Time", "Place"]
    combo.setCurrentIndex(combo.findData("Place"))
    assert dialog.role_map() == {"Location": "Place", "place": "Place"}
    meeting.setCurrentIndex(meeting.findData("Contact.Phone-Write"))  # no Place there
    combo = dialog.role_choices[("Meeting", "Location")]
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "Entity", "Time"]
    assert dialog.role_map() == {"place": "Place"}
    meeting.setCurrentIndex(0)
    assert ("Meeting", "Location") not in dialog.role_choices
    assert dialog.label_map() == {} and dialog.role_map() == {"place": "Place"}


def test_one_role_taken_two_ways_is_refused_in_the_dialog(tmp_path: Path, qtbot: QtBot) -> None:
    schema = rename_role(default_schema(), "Contact.Meet", "Place", "Location")
    schema = rename_role(schema, "Life.Marry", "Place", "Location")
    src = tmp_path / "two.annotator"
    with Project.create(src, schema=schema) as s:
        doc = s.add_document(TEXT)
        j = TEXT.index("باريس")
        paris = s.add_span(doc.id, j, j + 5, "GPE", "badr")
        for word, event in (("الاجتماع", "Contact.Meet"), ("قال", "Life.Marry")):
            i = TEXT.index(word)
            trigger = s.add_span(doc.id, i, i + len(word), event, "badr")
            s.add_argument(s.add_event(trigger.uuid).uuid, "Location", paris.uuid)
    dialog = LabelMapDialog(_question(src, _ours(tmp_path)), None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [r[:2] for r in _role_rows(dialog)] == [
        ("Contact.Meet", "Location"),
        ("Life.Marry", "Location"),
    ]
    meet = dialog.role_choices[("Contact.Meet", "Location")]
    marry = dialog.role_choices[("Life.Marry", "Location")]
    meet.setCurrentIndex(meet.findData("Place"))
    assert not dialog.ok.isEnabled() and dialog.conflict.isVisible()
    assert "Location" in dialog.conflict.text()
    marry.setCurrentIndex(marry.findData("Time"))
    assert not dialog.ok.isEnabled()
    marry.setCurrentIndex(marry.findData("Place"))
    assert dialog.ok.isEnabled() and not dialog.conflict.isVisible()
    assert dialog.role_map() == {"Location": "Place"}


def test_a_refused_role_map_comes_back_as_the_merges_message(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, bundle = _source(tmp_path, travel=True)
    dst = _ours(tmp_path)
    w = make_window(dst)
    errors: list[str] = []
    monkeypatch.setattr(w, "on_error", errors.append)

    def exec_(self: LabelMapDialog) -> int:
        meet = self.role_choices[("Contact.Meet", "Location")]
        meet.setCurrentIndex(meet.findData("Place"))  # Travel has Location and Place
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LabelMapDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    merge_dialog(w)
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert errors == [
        "Nothing was merged: role map: the event type 'Travel' of badr.annbundle has the roles "
        "'Location' and 'Place'; mapping 'Location' to 'Place' would give it 'Place' twice"
    ]
    assert reports == [] and _roles(dst) == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_dialog_is_drawn(tmp_path: Path, qtbot: QtBot, lang: str) -> None:
    from ui.app import application

    application(lang=lang)
    try:
        _, bundle = _source(tmp_path, meet="contact.meet")
        dialog = LabelMapDialog(_question(bundle, _ours(tmp_path)), None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.choices["contact.meet"].currentData() == "Contact.Meet"  # the offer
        assert len(_role_rows(dialog)) == 3
        qtbot.waitExposed(dialog)
        qtbot.wait(50)  # laid out: the scroll area drawn as shown
        SHOTS.mkdir(exist_ok=True)
        assert dialog.grab().save(str(SHOTS / f"dialog-{lang}.png"))
    finally:
        application(lang="en")
