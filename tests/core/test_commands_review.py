"""Adjudication as undoable commands: one step each, undo retracts exactly what was written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.commands.review import AcceptAllAgreements, AcceptIntoGold
from annotator.errors import ValidationError
from annotator.model import GOLD
from annotator.project import Project
from annotator.review import Kind, disagreements

SEED = Path(__file__).resolve().parents[2] / "resources/samples/000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")


def _at(word: str, skip: int = 0) -> tuple[int, int]:
    start = TEXT.index(word)
    return start + skip, start + len(word)


def _build(p: Project) -> int:
    doc = p.add_document(TEXT, name="seed")
    for who in ("amal", "badr"):
        paris = p.add_span(doc.id, *_at("بباريس", 1), "GPE", who)
        p.add_span(doc.id, *_at("وهولندا", 1), "GPE", who)
        meet = p.add_span(doc.id, *_at("الاجتماع"), "Contact.Meet", who)
        event = p.add_event(meet.uuid)
        if who == "amal":
            p.add_argument(event.uuid, "Place", paris.uuid)
    p.add_span(doc.id, *_at("الولايات المتحدة"), "GPE", "amal")
    p.add_span(doc.id, *_at("الولايات المتحدة"), "LOC", "badr")
    p.add_span(doc.id, *_at("جان إيف لودريان"), "PER", "amal")
    p.add_span(doc.id, *_at("لودريان"), "PER", "badr")
    p.add_span(doc.id, *_at("داعش"), "ORG", "amal")
    p.add_span(doc.id, *_at("2014"), "TIME", "badr")
    return doc.id


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Project, int]]:
    with Project.create(tmp_path / "adjudicate.annotator") as p:
        yield p, _build(p)


def gold(p: Project, doc_id: int) -> list[tuple[str, str, str]]:
    return sorted((s.uuid, s.text, s.label) for s in p.spans(doc_id, GOLD))


def test_accept_into_gold_undo_redo_keep_uuids(project: tuple[Project, int]) -> None:
    p, doc_id = project
    items = disagreements(p.layer(doc_id, "amal"), p.layer(doc_id, "badr"))
    label = next(d for d in items if d.kind is Kind.LABEL)
    event = next(d for d in items if d.kind is Kind.ARGUMENTS)
    assert label.a is not None and event.a is not None
    cmd = AcceptIntoGold([label.a.uuid, event.a.uuid])
    changed = cmd.do(p)
    after = gold(p, doc_id)
    assert sorted((t, lab) for _, t, lab in after) == [
        ("الاجتماع", "Contact.Meet"), ("الولايات المتحدة", "GPE"), ("باريس", "GPE"),
    ]  # fmt: skip
    assert changed.doc_ids == {doc_id}
    assert set(changed.uuids) == {r.uuid for r in cmd.written}
    assert len(p.layer(doc_id, GOLD).arguments) == 1
    cmd.undo(p)
    assert gold(p, doc_id) == [] and p.layer(doc_id, GOLD).events == ()
    cmd.do(p)  # redo: the same records come back
    assert gold(p, doc_id) == after
    assert len(p.layer(doc_id, GOLD).arguments) == 1
    assert len(p.spans(doc_id, "amal")) == 6  # the source layer is never touched


def test_accept_all_agreements_is_one_step(project: tuple[Project, int]) -> None:
    p, doc_id = project
    cmd = AcceptAllAgreements(doc_id, ["amal", "badr"])
    changed = cmd.do(p)
    # the trigger الاجتماع waits with its event, whose arguments differ: not agreed
    agreed = [("باريس", "GPE"), ("هولندا", "GPE")]
    assert sorted((t, lab) for _, t, lab in gold(p, doc_id)) == agreed
    assert p.layer(doc_id, GOLD).events == ()
    assert changed.doc_ids == {doc_id}
    cmd.undo(p)
    assert gold(p, doc_id) == []
    # a step that would write nothing is refused, so no empty step reaches an undo stack
    cmd.do(p)
    with pytest.raises(ValidationError):
        AcceptAllAgreements(doc_id, ["amal", "badr"]).do(p)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_accepts_undone_in_reverse_leave_gold_empty(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    path = tmp_path_factory.mktemp("prop") / "p.annotator"
    with Project.create(path) as p:
        doc_id = _build(p)
        items = disagreements(p.layer(doc_id, "amal"), p.layer(doc_id, "badr"))
        uuids = [r.uuid for d in items for r in (d.a, d.b) if r is not None]
        chosen = data.draw(st.lists(st.lists(st.sampled_from(uuids), min_size=1), max_size=4))
        done = []
        states = [gold(p, doc_id)]
        for group in chosen:
            cmd = AcceptIntoGold(group)
            try:
                cmd.do(p)
            except ValidationError:  # gold already held all of it
                assert gold(p, doc_id) == states[-1]
                continue
            done.append(cmd)
            states.append(gold(p, doc_id))
        for cmd in reversed(done):
            states.pop()
            cmd.undo(p)
            assert gold(p, doc_id) == states[-1]
        assert gold(p, doc_id) == []
        assert p.layer(doc_id, GOLD).events == () and p.layer(doc_id, GOLD).relations == ()
