"""Big one-step edits cost linear time and report exactly what the slow way reported.

``Changed.union`` (what ``Macro`` reports) is the left fold of ``|`` the Macro used to do, and
``RelabelSpansInBulk`` (the spans of a label rename, one bulk write) writes, logs, undoes and
redoes the same record versions, in the same order, as one ``UpdateSpan`` per span did."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.commands import (
    AddSpan,
    Changed,
    Command,
    DeleteSpan,
    Macro,
    RelabelSpansInBulk,
    SetStatus,
    UpdateSpan,
)
from annotator.commands.schema import rename_label_command
from annotator.errors import AnnotatorError
from annotator.model import DocStatus, Event, Record, Span, Status, record_kind
from annotator.project import Project

TEXT = "زار الوفد باريس ثم عاد من لندن إلى القاهرة مع محمد وعلي وسارة"


def words() -> list[tuple[int, int]]:
    out, at = [], 0
    for w in TEXT.split(" "):
        out.append((at, at + len(w)))
        at += len(w) + 1
    return out


def reference_or(a: Changed, b: Changed) -> Changed:
    """``Changed.__or__`` as it was before ``Changed.union`` (the quadratic fold)."""
    latest = {(record_kind(r), r.uuid): r for r in a.records}
    latest.update({(record_kind(r), r.uuid): r for r in b.records})
    return Changed(
        a.doc_ids | b.doc_ids,
        tuple(latest.values()),
        a.statuses + b.statuses,
        a.created | b.created,
    )


def reference_fold(changes: Sequence[Changed]) -> Changed:
    out = Changed()
    for c in changes:
        out = reference_or(out, c)
    return out


# -- Changed.union ------------------------------------------------------------------------
def _span(uuid: str, doc: int, label: str) -> Span:
    return Span(uuid, doc, "amal", 0, 1, label, "x")


def _event(uuid: str, doc: int, label: str) -> Event:
    return Event(uuid, doc, "amal", label, "t")


record = st.builds(
    lambda kind, u, d, lab: (_span if kind else _event)(f"u{u}", d, lab),
    st.booleans(),
    st.integers(0, 5),
    st.integers(1, 3),
    st.sampled_from(["PER", "GPE", "ORG"]),
)
change = st.builds(
    lambda recs, docs, sts, created: Changed(
        frozenset(docs),
        tuple(recs),
        tuple(DocStatus(d, "amal", Status.DONE, "") for d in sts),
        frozenset(created),
    ),
    st.lists(record, max_size=6),
    st.sets(st.integers(1, 4), max_size=3),
    st.lists(st.integers(1, 4), max_size=2),
    st.sets(st.sampled_from([f"u{i}" for i in range(6)]), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(change, max_size=8))
def test_union_is_the_left_fold_of_or(changes: list[Changed]) -> None:
    assert Changed.union(changes) == reference_fold(changes)
    if len(changes) >= 2:
        assert changes[0] | changes[1] == reference_or(changes[0], changes[1])


# -- a Macro of many children ---------------------------------------------------------------
@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        for n in range(3):
            p.add_document(f"{TEXT} ({n})", name=f"d{n}")
        yield p


class Recorded(Command):
    """A child that remembers what it reported."""

    def __init__(self, inner: Command, seen: list[Changed]) -> None:
        super().__init__()
        self.inner, self.seen = inner, seen

    def _first(self, project: Project) -> list[Any]:
        return []

    def do(self, project: Project) -> Changed:
        self.seen.append(self.inner.do(project))
        return self.seen[-1]

    def undo(self, project: Project) -> Changed:
        self.seen.append(self.inner.undo(project))
        return self.seen[-1]


def test_macro_reports_the_fold_of_its_children(project: Project) -> None:
    docs = [d.id for d in project.documents()]
    spans = [project.add_span(doc, s, e, "PER", "amal") for doc in docs for s, e in words()[:8]]
    children: list[Command] = [UpdateSpan(s.uuid, label="GPE") for s in spans]
    children += [UpdateSpan(s.uuid, label="ORG") for s in spans[::3]]  # a second version
    added = AddSpan(docs[0], *words()[9], "PER", "amal")
    children += [added, DeleteSpan(added.uuid), SetStatus(docs[1], "amal", Status.DONE)]
    children += [DeleteSpan(s.uuid) for s in spans[1::5]]
    seen: list[Changed] = []
    macro = Macro([Recorded(c, seen) for c in children], "many")
    for step in (macro.do, macro.undo, macro.do, macro.undo):
        seen.clear()
        got = step(project)
        assert got == reference_fold(seen)
        assert len(seen) == len(children)
    assert got.records and got.statuses and got.doc_ids == frozenset(docs)


# -- the bulk relabel against one UpdateSpan per span ---------------------------------------
def _build(path: Path) -> Project:
    p = Project.create(path)
    ids = [p.add_document(f"{TEXT} ({n})", name=f"d{n}").id for n in range(4)]
    for doc in ids:
        for k, (s, e) in enumerate(words()):
            p.add_span(doc, s, e, ("PER", "GPE")[k % 2], ("amal", "basma")[k % 3 == 0])
    return p


def _plain(records: Sequence[Record]) -> list[Record]:
    return [dataclasses.replace(r, clock="") for r in records]


def _log(project: Project, uuids: Sequence[str]) -> list[tuple[Any, ...]]:
    out = []
    for u in uuids:
        for e in project.changes(u):
            before = e.before and {**e.before, "clock": ""}
            out.append(
                (e.action, e.kind, e.uuid, e.annotator, before, {**(e.after or {}), "clock": ""})
            )
    return sorted(out, key=repr)


def test_bulk_relabel_writes_what_one_update_per_span_wrote(tmp_path: Path) -> None:
    with _build(tmp_path / "slow.annotator") as slow, _build(tmp_path / "fast.annotator") as fast:
        # the two projects hold the same spans under other uuids: pair them by position
        per = len(slow.spans(label="PER"))
        old_cmd = Macro([UpdateSpan(s.uuid, label="ORG") for s in slow.spans(label="PER")])
        new_cmd = RelabelSpansInBulk(
            [s.uuid for s in fast.spans(label="PER")], "ORG", current="PER"
        )
        uuid_map = {a.uuid: b.uuid for a, b in zip(slow.spans(), fast.spans(), strict=True)}

        def same(a: Changed, b: Changed) -> None:
            assert [uuid_map[r.uuid] for r in a.records] == [r.uuid for r in b.records]
            strip = [dataclasses.replace(r, uuid="", clock="") for r in a.records]
            assert strip == [dataclasses.replace(r, uuid="", clock="") for r in b.records]
            assert (a.doc_ids, a.statuses, a.created) == (b.doc_ids, b.statuses, b.created)

        for step in ("do", "undo", "do", "undo", "do"):
            a, b = getattr(old_cmd, step)(slow), getattr(new_cmd, step)(fast)
            same(a, b)
            assert len(b.records) == per
            assert fast.label_counts() == slow.label_counts()
            assert _plain([dataclasses.replace(s, uuid="") for s in fast.spans()]) == _plain(
                [dataclasses.replace(s, uuid="") for s in slow.spans()]
            )
            # what the file holds is what the command reported, stamp included
            for r in b.records:
                assert fast.find(r.uuid) == r

        # the change log: the same lines (actions, before, after) per span
        def normal(p: Project, m: dict[str, str]) -> list[Any]:
            return sorted(
                (m.get(line[2], line[2]), line[0], line[3], _no_uuid(line[4]), _no_uuid(line[5]))
                for line in _log(p, [s.uuid for s in p.spans(include_deleted=True)])
            )

        assert normal(slow, uuid_map) == normal(fast, {})


def _no_uuid(d: dict[str, Any] | None) -> Any:
    return None if d is None else repr(sorted({**d, "uuid": ""}.items()))


def test_every_version_gets_a_fresh_stamp_and_the_clock_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with _build(path) as p:
        cmd = RelabelSpansInBulk([s.uuid for s in p.spans(label="PER")], "ORG", current="PER")
        last = p.clock.last
        for step in (cmd.do, cmd.undo, cmd.do):
            changed = step(p)
            stamps = [r.clock for r in changed.records]
            assert len(set(stamps)) == len(stamps) and min(stamps) > last
            last = max(stamps)
    with Project.open(path) as again:  # the saved clock never issues a stamp below them
        assert again.clock.tick() > last


def test_a_span_the_rules_refuse_refuses_the_whole_step(tmp_path: Path) -> None:
    with _build(tmp_path / "p.annotator") as p:
        before = p.spans()
        with pytest.raises(AnnotatorError):
            RelabelSpansInBulk([s.uuid for s in before], "NO-SUCH-LABEL").do(p)
        assert p.spans() == before
        pers = [s.uuid for s in p.spans(label="PER")]
        p.delete_span(pers[-1])  # gone between building the step and running it
        before = p.spans()
        with pytest.raises(AnnotatorError):
            RelabelSpansInBulk(pers, "GPE", current="PER").do(p)
        assert p.spans() == before


def test_rename_label_round_trip(tmp_path: Path) -> None:
    with _build(tmp_path / "p.annotator") as p:
        start = (p.schema.to_json(), p.spans())
        cmd = rename_label_command(p, "PER", "PERSON")
        n = len(p.spans(label="PER"))
        assert len(cmd.do(p).records) == n
        done = _plain(p.spans())
        assert p.label_counts().get("PERSON") == n and "PER" not in p.label_counts()
        assert len(cmd.undo(p).records) == n
        assert (p.schema.to_json(), _plain(p.spans())) == (start[0], _plain(start[1]))
        cmd.do(p)
        assert _plain(p.spans()) == done and p.schema.entity("PERSON") is not None
        cmd.undo(p)
        assert [s.uuid for s in p.spans()] == [s.uuid for s in start[1]]
        assert _plain(p.spans()) == _plain(start[1])
