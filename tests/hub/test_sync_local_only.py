"""QA round 5: versions written in layers the role does not push were dropped silently. An
analyst who accepted agreements into gold and relabelled a colleague's span synced with
"pushed: 0 new, 0 already on the hub"; the lead never got the gold and the analyst's copy of
the colleague's layer differed from the hub for good. The sync now counts them per layer
(``SyncReport.local_only``), says so in its report and status line, and every later sync says
it again while the hub holds neither those versions nor newer ones."""

from __future__ import annotations

from pathlib import Path

from annotator.hub import add_project_documents, sync
from annotator.model import GOLD, Status
from annotator.project import Project
from annotator.review import accept_all_agreements
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project
from ui.dialogs.sync_dialog import sync_summary


def _setup(tmp: Path, team: dict[str, str]) -> tuple[Project, Project, str]:
    texts = doc_texts(2)
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    doc = amal.documents()[0].id
    for p, who in ((amal, "amal"), (badr, "badr")):
        p.add_span(doc, 0, 6, "PER", annotator=who)
        p.add_span(doc, 7, 13, "ORG", annotator=who)
    b = badr.add_span(doc, 14, 20, "GPE", annotator="badr")
    sync(badr, team["badr"])
    sync(amal, team["amal"])  # amal now holds badr's layer
    return amal, badr, b.uuid


def test_local_versions_of_layers_not_pushed_are_counted_every_sync(
    tmp: Path, hub: Hub, team: dict[str, str]
) -> None:
    amal, badr, theirs = _setup(tmp, team)
    doc = amal.documents()[0].id
    quiet = sync(amal, team["amal"])
    assert quiet.local_only == {}
    assert not any(line.startswith("stay local") for line in quiet.lines())
    # amal adjudicates locally and relabels one of badr's spans
    assert len(accept_all_agreements(amal, doc, ["amal", "badr"])) == 2
    amal.set_status(doc, GOLD, Status.DONE)
    amal.update_span(theirs, label="LOC")
    report = sync(amal, team["amal"])
    assert (report.pushed, report.already_on_hub) == (0, 0)
    assert report.local_only == {GOLD: 3, "badr": 1}  # two spans and a status; one span
    assert "stay local (your role writes amal only): badr 1, gold 3" in "\n".join(report.lines())
    # nothing written since: the next sync says it again
    assert sync(amal, team["amal"]).local_only == {GOLD: 3, "badr": 1}
    # the adjudicator never got the gold (what the sync now says)
    judge = make_project(tmp / "judge.annotator", [])
    assert sync(judge, team["judge"]).pulled > 0
    assert judge.record_count("spans", annotator=GOLD) == 0
    # badr relabels his span: the hub holds a newer version, amal's is no longer hers alone
    badr.update_span(theirs, label="FAC")
    sync(badr, team["badr"])
    again = sync(amal, team["amal"])
    assert again.local_only == {GOLD: 3}
    assert amal.span(theirs).label == "FAC"
    # an own edit in between keeps the gold counted (the mark stays where it was found)
    amal.add_span(doc, 21, 25, "PER", annotator="amal")
    mixed = sync(amal, team["amal"])
    assert (mixed.pushed, mixed.local_only) == (1, {GOLD: 3})


def test_the_adjudicator_pushes_gold_and_is_told_of_nothing(
    tmp: Path, hub: Hub, team: dict[str, str]
) -> None:
    _setup(tmp, team)
    judge = make_project(tmp / "judge.annotator", [])
    sync(judge, team["judge"])
    doc = judge.document_by_name("doc0")
    assert doc is not None
    accept_all_agreements(judge, doc.id, ["amal", "badr"])
    report = sync(judge, team["judge"])
    assert report.pushed == 2 and report.local_only == {}


def test_a_coordinator_is_told_too(tmp: Path, hub: Hub, team: dict[str, str]) -> None:
    _setup(tmp, team)
    coord = make_project(tmp / "coord.annotator", [])
    sync(coord, team["coord"])
    doc = coord.documents()[0].id
    coord.add_span(doc, 21, 25, "PER", annotator="badr")
    report = sync(coord, team["coord"])
    assert report.local_only == {"badr": 1}
    assert "stay local (your role writes no layer): badr 1" in "\n".join(report.lines())


class _Host:
    def tr(self, text: str, /) -> str:
        return text


def test_the_status_line_says_how_many_stay(tmp: Path, hub: Hub, team: dict[str, str]) -> None:
    amal, _, theirs = _setup(tmp, team)
    amal.update_span(theirs, label="LOC")
    report = sync(amal, team["amal"])
    assert sync_summary(_Host(), report) == (  # type: ignore[arg-type]
        "Synced: 0 sent, 0 received; 1 of your changes stay in this project: your role does "
        "not write their layers"
    )
    report.local_only = {}
    assert sync_summary(_Host(), report) == "Synced: 0 sent, 0 received"  # type: ignore[arg-type]
