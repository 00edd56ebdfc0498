"""A team schema that only adds an attribute reaches a member at the next sync, rows or no
rows: a sync with nothing new to pull decided whether to merge for the team schema by its
label names alone (``_new_labels``), so an attribute the coordinator added (on a label the
project shares, or for every label) waited for a later pull that brought rows, and a
record carrying it was quarantined meanwhile. Now the attributes the project lacks count
too (as written and by ``name_key``), and ``adopt_labels`` says whether it adds one."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.canonical import canonical_json
from annotator.hub import Overlap, add_project_documents, assign, sync
from annotator.hub.sync import _new_labels
from annotator.hub.team import set_team_schema
from annotator.project import Project
from annotator.schema import AttributeDef, Schema, default_schema
from annotator.schema.edit import with_attributes
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project

X_ON_PER = AttributeDef("X", "enum", ("a", "b"), ("PER",))
NOTE_ON_ALL = AttributeDef("Note", "text")


def _with(schema: Schema, *attributes: AttributeDef) -> Schema:
    return with_attributes(schema, (*schema.attributes, *attributes))


def _text(schema: Schema) -> str:
    return canonical_json(schema.to_json())


@pytest.mark.parametrize("attribute", [X_ON_PER, NOTE_ON_ALL], ids=["on-PER", "every-label"])
def test_a_team_schema_adding_only_an_attribute_reaches_a_member_with_no_new_rows(
    hub: Hub, team: dict[str, str], tmp: Path, attribute: AttributeDef
) -> None:
    coord = make_project(tmp / "coord.annotator", doc_texts(2, "t"))
    add_project_documents(team["coord"], coord)
    assign(team["coord"], ["amal"], Overlap(each=1, share=0.0))
    amal = Project.create(tmp / "amal.annotator", default_schema())
    assert sync(amal, team["amal"]).documents_pulled == 2
    set_team_schema(team["coord"], _with(coord.schema, attribute))
    report = sync(amal, team["amal"])  # no record, no status, no document new
    assert report.pulled == 0
    assert amal.schema.attribute(attribute.name) == attribute
    assert report.merge is not None and report.merge.attributes_added == [attribute]
    # adopted: the next syncs are the cheap ones again, merging nothing
    for _ in range(2):
        changes = amal.changes(limit=1)[0].id
        again = sync(amal, team["amal"])
        assert again.merge is None and amal.changes(limit=1)[0].id == changes
    amal.close()
    coord.close()


def test_new_labels_counts_an_attribute_the_project_lacks() -> None:
    mine = default_schema()
    assert _new_labels(_text(_with(mine, X_ON_PER)), mine) == (True, "")
    assert _new_labels(_text(_with(mine, NOTE_ON_ALL)), mine) == (True, "")
    ours = _with(mine, X_ON_PER, NOTE_ON_ALL)
    assert _new_labels(_text(ours), ours) == (False, "")
    # one of ours written otherwise is ours: nothing to adopt
    folded = _with(mine, AttributeDef("x", "enum", ("a", "b"), ("PER",)))
    assert _new_labels(_text(folded), _with(mine, X_ON_PER)) == (False, "")
    # an attribute entry without a name: the merge's screen says what is wrong
    broken = dict(mine.to_json())
    broken["attributes"] = [{"kind": "text"}]
    assert _new_labels(canonical_json(broken), mine) == (True, "")
