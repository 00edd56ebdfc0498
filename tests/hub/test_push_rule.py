"""Which layers a role pushes (``Member.pushes``: the one rule the sync's push, its
``local_only`` count and the workbench's warning share), and the role a sync records in the
project's cursors (``joined_members``) so that the workbench can tell without the hub."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from annotator.hub import add_project_documents, sync
from annotator.hubstate import Member, joined_hubs, joined_members, sidecar_path
from annotator.model import GOLD
from tests.hub.helpers import doc_texts, make_project


def test_a_role_pushes_its_layer_and_an_adjudicator_gold_too() -> None:
    amal = Member("amal", "analyst", "amal")
    assert amal.pushes("amal")
    assert not amal.pushes(GOLD) and not amal.pushes("badr") and not amal.pushes("Amal")
    judge = Member("judge", "adjudicator", "judge")
    assert judge.pushes("judge") and judge.pushes(GOLD) and not judge.pushes("amal")
    coord = Member("coord", "coordinator", None)
    assert not coord.pushes(GOLD) and not coord.pushes("coord")


def test_a_sync_records_the_role_it_connected_as(team: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "amal.annotator"
    project = make_project(path, doc_texts(2))
    assert joined_members(path) == []  # never synced
    add_project_documents(team["coord"], project)
    doc = project.documents()[0]
    project.add_span(doc.id, 0, 6, "GPE", annotator="amal")
    project.add_span(doc.id, 7, 13, "PER", annotator=GOLD)  # a layer amal does not push
    report = sync(project, team["amal"])
    project.close()
    assert report.member == Member("amal", "analyst", "amal")
    assert report.pushed == 1 and report.local_only == {GOLD: 1}  # the same rule
    assert joined_members(path) == [report.member]
    assert report.hub_id and joined_hubs(path) == {report.hub_id: report.member}  # by hub id
    # a copy of the project that kept the sidecar is not that replica: no role
    copy = tmp_path / "copy.annotator"
    shutil.copy(path, copy)
    shutil.copy(sidecar_path(path), sidecar_path(copy))
    assert joined_members(copy) == [] and joined_hubs(copy) == {}


def test_cursors_saved_before_the_role_was_kept_name_none(
    team: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "amal.annotator"
    project = make_project(path, doc_texts(1))
    sync(project, team["amal"])
    side = sidecar_path(path)
    data = json.loads(side.read_text(encoding="utf-8"))
    for entry in data["hubs"].values():
        del entry["member"]
    side.write_text(json.dumps(data), encoding="utf-8")
    assert joined_members(path) == []
    sync(project, team["amal"])  # the next sync records it
    project.close()
    assert joined_members(path) == [Member("amal", "analyst", "amal")]
