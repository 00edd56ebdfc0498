"""An older version's event whose trigger span is labelled otherwise than its type (QA,
triggers round 6): since the rule (``rules.trigger_label_problem``, 5b2544a) such a record
blocked unrelated work. The principle: an edit is refused only for a violation it introduces;
a record that broke the rule before stays listed by ``check`` and never blocks an edit that
does not make it worse.

- ``review.accept_all_agreements`` raised on one such event held by both layers, and nothing
  was accepted: the event is left out (``Accepted.left_out``), the rest accepted;
  ``review.accept`` of it is refused naming its document and trigger text, and the review
  window shows that refusal;
- renaming or removing (relabelling) its event type was refused: the rename takes the old
  event along (it stays listed by ``check``);
- agreement scored it as a matching event: it is left out of the event measures, as the
  exports leave it out.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import review
from annotator.agreement import agreement, project_layers
from annotator.commands.schema import remove_label_command, rename_label_command
from annotator.errors import SchemaError, ValidationError
from annotator.model import GOLD
from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label
from annotator.validation import check_project

TEXT = "التقى الرئيس محمد بالوزير علي في باريس؛ ثم بدأ الاجتماع في لندن وانتهى الهجوم."
NAMES = ("amal", "badr")


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def mislabel(path: Path, uuids: list[str]) -> None:
    """What an older version could leave: the trigger span relabelled GPE under its event."""
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        for uuid in uuids:
            conn.execute("UPDATE spans SET label = 'GPE' WHERE uuid = ?", [uuid])


def build(path: Path, who: tuple[str, ...], bad: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each of ``who`` marks the same: two Contact.Meet events (the first with an Entity, the
    second with a Place and a Cause filled by a Conflict.Attack event, the third event), and
    the first's trigger in the layers ``bad`` is then relabelled GPE behind the rules' back."""
    made: dict[str, dict[str, str]] = {}
    with Project.create(path) as p:
        meet = p.schema.event("Contact.Meet")
        assert meet is not None
        cause = Role("Cause", ("<EVENT>",), "*")
        p.set_schema(with_label(p.schema, dataclasses.replace(meet, roles=(*meet.roles, cause))))
        doc = p.add_document(TEXT, name="مقال-1")
        for name in who:
            m1 = p.add_span(doc.id, *at("التقى"), "Contact.Meet", name)
            m2 = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", name)
            attack = p.add_span(doc.id, *at("الهجوم"), "Conflict.Attack", name)
            per = p.add_span(doc.id, *at("محمد"), "PER", name)
            london = p.add_span(doc.id, *at("لندن"), "GPE", name)
            e1 = p.add_event(m1.uuid)
            e2 = p.add_event(m2.uuid)
            e3 = p.add_event(attack.uuid)
            p.add_argument(e1.uuid, "Entity", per.uuid)
            p.add_argument(e2.uuid, "Place", london.uuid)
            p.add_argument(e2.uuid, "Cause", e3.uuid)
            made[name] = {"m1": m1.uuid, "e1": e1.uuid, "e2": e2.uuid, "e3": e3.uuid}
    mislabel(path, [made[name]["m1"] for name in bad])
    return made


@pytest.fixture
def both(tmp_path: Path) -> Iterator[tuple[Project, dict[str, dict[str, str]]]]:
    path = tmp_path / "old.annotator"
    made = build(path, NAMES, NAMES)
    with Project.open(path) as p:
        yield p, made


def kinds(p: Project) -> list[str]:
    return sorted(i.kind for i in check_project(p))


# -- review ----------------------------------------------------------------------------------
def test_accept_all_agreements_leaves_out_a_mislabelled_event_and_accepts_the_rest(
    both: tuple[Project, dict[str, dict[str, str]]],
) -> None:
    p, made = both
    assert kinds(p) == ["trigger-label", "trigger-label"]
    got = review.accept_all_agreements(p, 1, list(NAMES))
    assert [e.uuid for e in got.left_out] == [made["amal"]["e1"]]
    gold = p.layer(1, GOLD)
    by_uuid = {s.uuid: s for s in gold.spans}
    assert sorted((s.text, s.label) for s in gold.spans) == sorted(
        [("التقى", "GPE"), ("الاجتماع", "Contact.Meet"), ("الهجوم", "Conflict.Attack"),
         ("محمد", "PER"), ("لندن", "GPE")]
    )  # fmt: skip
    events = sorted((by_uuid[e.trigger].text, e.type) for e in gold.events)
    assert events == [("الاجتماع", "Contact.Meet"), ("الهجوم", "Conflict.Attack")]
    assert sorted(a.role for a in gold.arguments) == ["Cause", "Place"]
    # nothing the rules refuse went into gold; the old events stay listed
    assert kinds(p) == ["trigger-label", "trigger-label"]


def test_an_event_filling_a_role_with_a_mislabelled_event_is_left_out_too(
    tmp_path: Path,
) -> None:
    """The third event (Conflict.Attack, filling e2's Cause) is the old one here: e2 would
    copy it as its argument's filler, so e2 is left out with it; e1 is accepted."""
    path = tmp_path / "cause.annotator"
    made = build(path, NAMES, ())
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        for name in NAMES:  # the attack's span relabelled GPE under its event
            trigger = conn.execute(
                "SELECT trigger FROM events WHERE uuid = ?", [made[name]["e3"]]
            ).fetchone()[0]
            conn.execute("UPDATE spans SET label = 'GPE' WHERE uuid = ?", [trigger])
    with Project.open(path) as p:
        got = review.accept_all_agreements(p, 1, list(NAMES))
        assert sorted(e.uuid for e in got.left_out) == sorted(
            [made["amal"]["e2"], made["amal"]["e3"]]
        )
        assert [e.type for e in p.events(1, GOLD)] == ["Contact.Meet"]
        # e2's agreed trigger span waits with its event (56e8e9c): gold holds no trigger
        # without its event
        assert kinds(p) == ["trigger-label", "trigger-label"]


def test_accepting_a_mislabelled_event_is_refused_naming_its_document_and_trigger(
    both: tuple[Project, dict[str, dict[str, str]]],
) -> None:
    p, made = both
    with pytest.raises(ValidationError) as refused:
        review.accept(p, [made["amal"]["e1"]])
    text = str(refused.value)
    assert "its trigger span is labelled 'GPE'" in text
    assert "مقال-1" in text and "“التقى”" in text
    assert p.layer(1, GOLD).spans == ()  # one transaction: not even the trigger was copied
    # its valid neighbour is accepted as before
    assert [type(r).__name__ for r in review.accept(p, [made["amal"]["e2"]])][:1] == ["Span"]


# -- schema edits and updates ----------------------------------------------------------------
def test_renaming_the_event_type_renames_an_old_mislabelled_event_too(
    both: tuple[Project, dict[str, dict[str, str]]],
) -> None:
    p, made = both
    before = [(e.uuid, e.type) for e in p.events()]
    command = rename_label_command(p, "Contact.Meet", "Contact.Meeting")
    command.do(p)
    assert p.event(made["amal"]["e1"]).type == "Contact.Meeting"
    assert p.event(made["amal"]["e2"]).type == "Contact.Meeting"
    assert kinds(p) == ["trigger-label", "trigger-label"]  # still listed
    command.undo(p)
    assert [(e.uuid, e.type) for e in p.events()] == before


def test_removing_the_event_type_relabels_an_old_mislabelled_event_too(
    both: tuple[Project, dict[str, dict[str, str]]],
) -> None:
    p, made = both
    # e2's Place and Cause are in roles Contact.Phone-Write lacks: a schema edit deletes none
    with pytest.raises(SchemaError, match=r"Contact\.Phone-Write lacks \(Cause, Place\)"):
        remove_label_command(p, "Contact.Meet", relabel_to="Contact.Phone-Write")
    for name in NAMES:
        for argument in p.arguments(made[name]["e2"]):
            p.delete_argument(argument.uuid)
    command = remove_label_command(p, "Contact.Meet", relabel_to="Contact.Phone-Write")
    command.do(p)
    assert p.event(made["badr"]["e1"]).type == "Contact.Phone-Write"
    assert p.schema.event("Contact.Meet") is None
    assert kinds(p) == ["trigger-label", "trigger-label"]
    command.undo(p)
    assert p.event(made["badr"]["e1"]).type == "Contact.Meet"


def test_an_old_mislabelled_event_stays_editable_and_a_new_violation_is_refused(
    both: tuple[Project, dict[str, dict[str, str]]],
) -> None:
    p, made = both
    old = made["amal"]["e1"]
    assert p.update_event(old, note="قديم").note == "قديم"
    # its other rules still hold
    with pytest.raises(SchemaError, match=r"Not\.A\.Type"):
        p.update_event(old, type="Not.A.Type")
    # a valid event made to break the rule is refused, naming the document and the trigger
    with pytest.raises(ValidationError) as refused:
        p.update_event(made["amal"]["e2"], type="Conflict.Attack")
    text = str(refused.value)
    assert "its trigger span is labelled 'Contact.Meet'" in text
    assert "مقال-1" in text and "“الاجتماع”" in text
    # moving the old event onto another span labelled otherwise is a new violation
    other = p.add_span(1, *at("علي"), "PER", "amal")
    with pytest.raises(ValidationError, match="“علي”"):
        p.update_event(old, trigger=other.uuid)
    # and a new event on a span of another label is refused as before, named
    with pytest.raises(ValidationError, match="مقال-1"):
        p.add_event(other.uuid, "Contact.Meet")


# -- agreement -------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["project", "packed-off", "memory"])
def test_agreement_leaves_a_mislabelled_event_out_of_the_event_measures(
    tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """amal's e1 sits on a GPE span: amal has two events (e2, e3) the measures see, badr
    three; both agree on those two with all their arguments (e2's Cause: the attack)."""
    path = tmp_path / "agree.annotator"
    build(path, NAMES, ("amal",))
    with Project.open(path, read_only=True) as p:
        if where == "memory":
            layers: object = {n: [p.layer(1, n)] for n in NAMES}
        else:
            if where == "packed-off":
                monkeypatch.setattr(Project, "packed_outline_blocks", lambda *_a, **_k: None)
            layers = project_layers(p, NAMES)
        result = agreement(layers, list(NAMES))  # type: ignore[arg-type]
    events = result.pairs[0].events
    trig = events["trigger_classification"].micro
    assert (trig.tp, trig.n_a, trig.n_b) == (2, 2, 3)
    ident = events["trigger_identification"].micro
    assert (ident.tp, ident.n_a, ident.n_b) == (2, 2, 3)
    args = events["argument_classification"].micro
    assert (args.tp, args.n_a, args.n_b) == (2, 2, 3)


# -- the review window -----------------------------------------------------------------------
@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
def test_the_review_window_shows_the_refusal(
    tmp_path: Path, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both layers hold the old event, badr's without its Entity (an argument mismatch, a row
    of the review): accepting side A is refused, and the review window's status bar says
    why (the session tells the main window's, which the adjudicator is not looking at)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QInputDialog

    from ui.review.window import open_review
    from ui.session import Session
    from ui.workbench.mainwindow import MainWindow
    from ui.workbench.menus import open_project

    path = tmp_path / "window.annotator"
    made = build(path, NAMES, NAMES)
    with Project.open(path) as p:  # (an edit of the old event that does not make it worse)
        (entity,) = p.arguments(made["badr"]["e1"])
        p.delete_argument(entity.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    try:
        assert open_project(w, path)
        w.show()
        window = open_review(w)
        window.set_annotators(list(NAMES))
        row = next(
            i for i, it in enumerate(window.items)
            if it.d.a is not None and it.d.a.uuid == made["amal"]["e1"]
        )  # fmt: skip
        window.go_to(row)
        assert not window.accept_side("a")
        shown = window.statusBar().currentMessage()
        assert "مقال-1" in shown and "التقى" in shown and "GPE" in shown
        assert session.project is not None and session.project.layer(1, GOLD).spans == ()
        qtbot.wait(50)  # type: ignore[attr-defined]  # (the status bar laid out)
        window.grab().save(str(tmp_path / "refused.png"))
    finally:
        session.close()


def test_the_accept_all_command_says_what_it_left_out(
    both: tuple[Project, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    """``AcceptAllAgreements`` keeps the events it left out (the review window says how
    many); when they are all that is open, its refusal says why instead of another reason."""
    from annotator.commands.review import AcceptAllAgreements

    p, made = both
    cmd = AcceptAllAgreements(1, list(NAMES))
    cmd.do(p)
    assert [e.uuid for e in cmd.left_out] == [made["amal"]["e1"]]
    # only the old event left open: nothing to accept, and that is the reason given
    again = AcceptAllAgreements(1, list(NAMES))
    with pytest.raises(ValidationError, match="trigger span labelled otherwise"):
        again.do(p)
    assert [e.uuid for e in again.left_out] == [made["amal"]["e1"]]
