"""A team schema that adds nothing to a project, or whose labels cannot be added to it, is
no reason to merge: the sync decided by names as written (``_new_labels``), so a team
schema naming ``Per`` where the project has ``PER`` (one name: ``name_key``), or one whose
new label cannot join the project's schema, made every sync merge an empty bundle and print
its line, forever. Now the sync asks what the merge would add (``adopt_labels``): nothing
merged for a folded name, and a refusal is one line of the sync's report, nothing written.
"""

from __future__ import annotations

from pathlib import Path

from annotator.canonical import canonical_json
from annotator.hub import Overlap, add_project_documents, assign, sync
from annotator.hub.sync import _new_labels
from annotator.hub.team import set_team_schema
from annotator.project import Project
from annotator.schema import EventType, Label, Schema, default_schema
from annotator.schema.edit import add_label, rename_label
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project

NOT_ADDED = "Sub: parent 'Team' is not a label of the same kind"


def _amal(team: dict[str, str], tmp: Path, schema: Schema) -> tuple[Project, Project]:
    """The coordinator's project and amal's (of ``schema``), synced once: documents in."""
    coord = make_project(tmp / "coord.annotator", doc_texts(2, "t"))
    add_project_documents(team["coord"], coord)
    assign(team["coord"], ["amal"], Overlap(each=1, share=0.0))
    amal = Project.create(tmp / "amal.annotator", schema)
    assert sync(amal, team["amal"]).documents_pulled == 2
    return coord, amal


def _quiet(amal: Project, url: str) -> list[str]:
    """Sync twice; each merges nothing and writes nothing. The last report's lines."""
    lines: list[str] = []
    for _ in range(2):
        changes = amal.changes(limit=1)[0].id
        report = sync(amal, url)
        assert report.merge is None and amal.changes(limit=1)[0].id == changes
        lines = [str(line) for line in report.lines()]
    return lines


def test_a_team_schema_differing_by_folding_only_merges_nothing(
    hub: Hub, team: dict[str, str], tmp: Path
) -> None:
    coord, amal = _amal(team, tmp, default_schema())
    set_team_schema(team["coord"], rename_label(coord.schema, "PER", "Per"))
    before = amal.schema
    lines = _quiet(amal, team["amal"])
    assert not any("not added" in line or "taken as" in line for line in lines), lines
    assert amal.schema == before
    amal.close()
    coord.close()


def test_a_folded_name_beside_a_new_label_adds_it_once(
    hub: Hub, team: dict[str, str], tmp: Path
) -> None:
    coord, amal = _amal(team, tmp, default_schema())
    theirs = add_label(rename_label(coord.schema, "PER", "Per"), Label("DATE", parent="Per"))
    set_team_schema(team["coord"], theirs)
    report = sync(amal, team["amal"])
    assert report.merge is not None and report.merge.labels_added == ["DATE"]
    date = amal.schema.label("DATE")
    assert date is not None and date.parent == "PER" and amal.schema.label("Per") is None
    lines = [str(line) for line in report.lines()]
    assert any(line.endswith("label 'Per' not added to the schema: it is the project's 'PER' "
                             "written otherwise (they differ only in case, harakat, tatweel, "
                             "alef forms or digit forms); no record labelled 'Per' quarantined")
               for line in lines), lines  # fmt: skip
    _quiet(amal, team["amal"])  # taken: the next syncs are the cheap ones again
    amal.close()
    coord.close()


def test_a_team_schema_whose_labels_cannot_be_added_is_said_not_merged(
    hub: Hub, team: dict[str, str], tmp: Path
) -> None:
    # amal's Team is an event type; the team's is an entity, parent of a new entity Sub
    coord, amal = _amal(team, tmp, add_label(default_schema(), EventType("Team")))
    theirs = add_label(add_label(coord.schema, Label("Team")), Label("Sub", parent="Team"))
    set_team_schema(team["coord"], theirs)
    before = amal.schema
    lines = _quiet(amal, team["amal"])
    said = [line for line in lines if line.startswith("labels of hub ")]
    assert len(said) == 1 and said[0].endswith(f" not added: {NOT_ADDED}"), lines
    assert amal.schema == before
    amal.close()
    coord.close()


def test_new_labels_decides_by_what_adoption_adds() -> None:
    mine = default_schema()

    def text(schema: Schema) -> str:
        return canonical_json(schema.to_json())

    assert _new_labels(text(mine), mine) == (False, "")
    assert _new_labels(text(rename_label(mine, "PER", "pEr")), mine) == (False, "")
    assert _new_labels(text(add_label(mine, Label("DATE"))), mine) == (True, "")
    ours = add_label(mine, EventType("Team"))
    theirs = add_label(add_label(mine, Label("Team")), Label("Sub", parent="Team"))
    assert _new_labels(text(theirs), ours) == (False, NOT_ADDED)
    assert _new_labels("{}", mine) == (False, "")
    assert _new_labels("[", mine) == (True, "")  # unreadable: the merge's screen says why
