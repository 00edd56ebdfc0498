"""A label rename carries the remembered rejections too, and its undo carries them back (QA 13).

A rename carried the pending suggestions to the new name (``RenameSuggestions``, cc3523a) but
the remembered rejections kept the old one, so a retrained model (another version of the same
source family) could offer again, under the new name, what the analyst had rejected under the
old. ``Project.relabel_suggestions`` now relabels the rejections in the same write
(``Store.relabel_rejections``), in place, and the undo gives them the old name back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands.schema import rename_label_command
from annotator.commands.suggestions import RejectSuggestions
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

TEXT = "زار محمد علي بباريس. ثم عاد محمد إلى هولندا وباريس."
OLD_MODEL = "model:crf@1a2b3c4d"
NEW_MODEL = "model:crf@9f8e7d6c"  # retrained: the same family


def _sugg(doc_id: int, start: int, end: int, label: str, source: str) -> Suggestion:
    return Suggestion(new_uuid(), doc_id, start, end, label, TEXT[start:end], source, 0.9)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    p.add_document(TEXT, name="one")
    return p


def _doc(project: Project) -> int:
    found = project.document_by_name("one")
    assert found is not None
    return found.id


def test_a_rejection_made_under_the_old_name_holds_under_the_new_one(project: Project) -> None:
    doc = _doc(project)
    rejected = _sugg(doc, 37, 43, "ORG", OLD_MODEL)
    project.add_suggestions([rejected, _sugg(doc, 4, 8, "PER", OLD_MODEL)])
    RejectSuggestions([rejected.uuid]).do(project)
    assert project.rejected_suggestions(doc) == {(doc, 37, 43, "ORG", OLD_MODEL)}

    rename = rename_label_command(project, "ORG", "NADI")
    rename.do(project)
    assert project.rejected_suggestions(doc) == {(doc, 37, 43, "NADI", OLD_MODEL)}
    # the retrained model offers the same span under the new name: not stored again
    assert project.add_suggestions([_sugg(doc, 37, 43, "NADI", NEW_MODEL)]) == 0
    assert [(s.label, s.start) for s in project.suggestions(doc)] == [("PER", 4)]

    rename.undo(project)
    assert project.rejected_suggestions(doc) == {(doc, 37, 43, "ORG", OLD_MODEL)}
    assert project.add_suggestions([_sugg(doc, 37, 43, "ORG", NEW_MODEL)]) == 0
    rename.do(project)  # redo
    assert project.rejected_suggestions(doc) == {(doc, 37, 43, "NADI", OLD_MODEL)}
    assert project.add_suggestions([_sugg(doc, 37, 43, "NADI", NEW_MODEL)]) == 0


def test_the_rejection_keeps_its_uuid_and_its_undo_still_puts_it_back(project: Project) -> None:
    doc = _doc(project)
    rejected = _sugg(doc, 37, 43, "ORG", OLD_MODEL)
    project.add_suggestions([rejected])
    reject = RejectSuggestions([rejected.uuid])
    reject.do(project)
    rename = rename_label_command(project, "ORG", "NADI")
    rename.do(project)
    rename.undo(project)
    reject.undo(project)  # pending again, under its own name
    assert [(s.uuid, s.label) for s in project.suggestions(doc)] == [(rejected.uuid, "ORG")]
    assert project.rejected_suggestions(doc) == set()


def test_rejections_under_the_new_name_before_stay_by_the_undo(project: Project) -> None:
    """A rejection carrying the target name already (left from a label the schema dropped
    earlier) is not given the old name by the way back, as pending suggestions are not."""
    doc = _doc(project)
    old = _sugg(doc, 37, 43, "ORG", OLD_MODEL)
    moves = _sugg(doc, 13, 19, "ORG", OLD_MODEL)
    project.add_suggestions([old, moves])
    RejectSuggestions([old.uuid, moves.uuid]).do(project)
    conn = project._store.conn  # white-box: a rejection under a name the schema lacks
    with project._store.write():
        conn.execute(
            'INSERT INTO suggestions (uuid, doc_id, start, "end", label, text, source, '
            "state, created) VALUES (?, ?, 4, 8, 'NADI', ?, ?, 'rejected', '')",
            [new_uuid(), doc, TEXT[4:8], OLD_MODEL],
        )
        # and the ORG one's key under the new name: the ORG one stays as it was
        conn.execute(
            'INSERT INTO suggestions (uuid, doc_id, start, "end", label, text, source, '
            "state, created) VALUES (?, ?, 37, 43, 'NADI', ?, ?, 'rejected', '')",
            [new_uuid(), doc, TEXT[37:43], OLD_MODEL],
        )
    before = project.rejected_suggestions(doc)
    rename = rename_label_command(project, "ORG", "NADI")
    rename.do(project)
    assert project.rejected_suggestions(doc) == before - {(doc, 13, 19, "ORG", OLD_MODEL)} | {
        (doc, 13, 19, "NADI", OLD_MODEL)
    }
    assert project.add_suggestions([_sugg(doc, 37, 43, "NADI", NEW_MODEL)]) == 0
    rename.undo(project)
    assert project.rejected_suggestions(doc) == before
