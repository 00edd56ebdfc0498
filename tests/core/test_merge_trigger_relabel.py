"""A merged relabel of a trigger (QA events round 6, after 5b2544a).

A colleague on the older version relabels a trigger (Contact.Meet) as GPE and keeps its event.
Merged into a project that already held her earlier bundle, the merge said "1 added, 3
updated" and left the event live on the GPE span, judged by nobody; the same bundle merged
into a fresh project quarantined the event with its arguments. The project depended on which
bundle came first.

Now the merge judges, once every span version is decided, the live events it takes in and
those the project holds on a span whose label it changes, by the same rule
(``rules.trigger_label_problem``); an event on a trigger of another label is kept, as a
reference to a deleted record is, and the report lists it ("kept, for check to list ...");
``check`` lists it too. Either order gives the same project.

And an argument whose filler is an event held back in the same merge was quarantined as
pointing "at a deleted span": the reason now says a span or event missing from the project.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from annotator import rules
from annotator.clock import MAX_COUNTER, format_stamp
from annotator.exchange import (
    MergeReport,
    canonical_hash,
    merge_bundle,
    merge_project_file,
    read_bundle,
    write_bundle,
)
from annotator.model import Argument, Event, Span
from annotator.project import Project
from annotator.schema import Role, default_schema
from annotator.schema.edit import with_label
from annotator.validation import check_project

TEXT = "التقى الرئيس محمد بالوزير علي في باريس؛ ثم انتهى الهجوم."
BADR = "badr"
MISLABELLED = "Contact.Meet: its trigger span is labelled 'GPE', not with the event's type"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _colleague(folder: Path) -> tuple[Path, Path, Path, str]:
    """Badr's project, bundled before (b0) and after (b1) she relabels the trigger التقى as
    GPE keeping its event (the API's span update does not look at events: as the older
    version's relabel did); returns the project, both bundles and the event's id."""
    path = folder / "badr.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        trigger = p.add_span(doc.id, *at("التقى"), "Contact.Meet", BADR)
        per = p.add_span(doc.id, *at("محمد"), "PER", BADR)
        paris = p.add_span(doc.id, *at("باريس"), "GPE", BADR)
        event = p.add_event(trigger.uuid)
        p.add_argument(event.uuid, "Entity", per.uuid)
        p.add_argument(event.uuid, "Place", paris.uuid)
        write_bundle(p, BADR, folder / "b0.bundle")
        p.update_span(trigger.uuid, label="GPE")
        write_bundle(p, BADR, folder / "b1.bundle")
    return path, folder / "b0.bundle", folder / "b1.bundle", event.uuid


def _fresh(folder: Path, name: str) -> Project:
    return Project.create(folder / f"{name}.annotator")


def _reasons(report: MergeReport) -> list[str]:
    return sorted(str(q.reason) for q in report.mislabelled)


def test_a_relabel_merged_after_the_event_is_judged_as_in_a_fresh_project(
    tmp_path: Path,
) -> None:
    _path, b0, b1, event = _colleague(tmp_path)
    with _fresh(tmp_path, "mine") as mine, _fresh(tmp_path, "fresh") as fresh:
        merge_bundle(mine, read_bundle(b0))
        again = merge_bundle(mine, read_bundle(b1))
        first = merge_bundle(fresh, read_bundle(b1))
        for report, p in ((again, mine), (first, fresh)):
            assert report.quarantined == []
            assert _reasons(report) == [MISLABELLED]
            assert [q.uuid for q in report.mislabelled] == [event]
            assert any(f"kept, for check to list ({MISLABELLED}): 1" == x for x in report.lines())
            assert [e.uuid for e in p.events()] == [event]  # kept, with its arguments
            assert len(p.arguments(event)) == 2
            assert [i.kind for i in check_project(p)] == ["trigger-label"]


def test_either_order_gives_the_same_project(tmp_path: Path) -> None:
    _path, b0, b1, _event = _colleague(tmp_path)
    hashes = set()
    for n, order in enumerate(itertools.permutations([b0, b1])):
        with _fresh(tmp_path, f"p{n}") as p:
            for b in order:
                merge_bundle(p, read_bundle(b))
            merge_bundle(p, read_bundle(order[0]))  # and again: nothing changes
            hashes.add(canonical_hash(p))
    assert len(hashes) == 1


def test_a_project_file_merge_judges_the_stored_event_too(tmp_path: Path) -> None:
    path, b0, _b1, event = _colleague(tmp_path)
    with _fresh(tmp_path, "mine") as mine:
        merge_bundle(mine, read_bundle(b0))
        report = merge_project_file(mine, path)
        assert _reasons(report) == [MISLABELLED] and report.quarantined == []
        assert [e.uuid for e in mine.events()] == [event]


def test_a_relabel_back_to_the_event_type_reports_nothing(tmp_path: Path) -> None:
    path, _b0, b1, _event = _colleague(tmp_path)
    with Project.open(path) as p:
        trigger = next(s for s in p.spans() if s.text == "التقى")
        p.update_span(trigger.uuid, label="Contact.Meet")
        write_bundle(p, BADR, tmp_path / "b2.bundle")
    with _fresh(tmp_path, "mine") as mine:
        assert _reasons(merge_bundle(mine, read_bundle(b1))) == [MISLABELLED]
        report = merge_bundle(mine, read_bundle(tmp_path / "b2.bundle"))
        assert report.mislabelled == [] and report.quarantined == []
        assert check_project(mine) == []


def test_an_argument_filled_by_an_event_held_back_says_so(tmp_path: Path) -> None:
    """The attack fills the meeting's Cause; the attack arrives stamped a century ahead
    (quarantined): the Cause argument is held back too, its reason naming what it may be."""
    path = tmp_path / "badr.annotator"
    with Project.create(path) as p:
        meet = p.schema.event("Contact.Meet")
        assert meet is not None
        cause = Role("Cause", ("<EVENT>",), "*")
        p.set_schema(with_label(p.schema, dataclasses.replace(meet, roles=(*meet.roles, cause))))
        doc = p.add_document(TEXT, name="d")
        meeting = p.add_event(p.add_span(doc.id, *at("التقى"), "Contact.Meet", BADR).uuid)
        attack = p.add_event(p.add_span(doc.id, *at("الهجوم"), "Conflict.Attack", BADR).uuid)
        link = p.add_argument(meeting.uuid, "Cause", attack.uuid)
        write_bundle(p, BADR, tmp_path / "b.bundle")
    bundle = read_bundle(tmp_path / "b.bundle")
    far = format_stamp(4_000_000_000_000, MAX_COUNTER)
    records = [
        br._replace(record=dataclasses.replace(br.record, clock=far))
        if br.record.uuid == attack.uuid
        else br
        for br in bundle.records
    ]
    with _fresh(tmp_path, "mine") as mine:
        report = merge_bundle(mine, dataclasses.replace(bundle, records=records))
    reasons = {q.uuid: str(q.reason) for q in report.quarantined}
    assert "days ahead of this machine" in reasons[attack.uuid]
    assert reasons[link.uuid] == (
        "Contact.Meet: argument Cause points at a deleted span or event, or at one not in the "
        "project (never added, or held back in quarantine)"
    )


def test_the_rule_keeps_the_old_words_for_a_deleted_span() -> None:
    clock = format_stamp(1_700_000_000_000, 0)
    event = Event("e1", 1, BADR, type="Contact.Meet", trigger="t1", clock=clock)
    argument = Argument("a1", "e1", 1, BADR, role="Place", target="s1", clock=clock)
    span = Span("s1", 1, BADR, 0, 5, "GPE", "التقى", clock=clock, deleted=True)
    schema = default_schema()
    deleted = rules.argument_problem(schema, event, argument, span)
    assert deleted is not None
    assert str(deleted.message) == "Contact.Meet: argument Place points at a deleted span"
    gone = rules.argument_problem(schema, event, argument, dataclasses.replace(event, deleted=True))
    assert gone is not None and "deleted span or event, or at one not in" in str(gone.message)
    missing = rules.argument_problem(schema, event, argument, None)
    assert missing is not None and str(missing.message) == str(gone.message)
