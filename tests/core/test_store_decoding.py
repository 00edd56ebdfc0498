"""The store's record decoders (issue 12: reading a layer fast) give exactly what the model's
constructors give: every field, in the dataclass's order, of the same value and type, whether
a query fixed the document and layer (their columns then read as NULL) or not; attribute JSON
decoded once is handed out as a fresh dict each time; damaged values are still refused."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator import store as store_module
from annotator.errors import ProjectFileError
from annotator.model import Argument, Event, Relation, Span
from annotator.project import Project

ATTRS = '{"MentionType": "NAM", "n": 2}'


def _rows() -> dict[str, tuple[type[Any], tuple[Any, ...], tuple[Any, ...]]]:
    """kind -> (class, stored row, the constructor's arguments)."""
    u = "00000000-0000-4000-8000-000000000001"
    return {
        "spans": (
            Span,
            (u, 7, "amal", 3, 9, "PER", "بغداد", ATTRS, "n", "[[3, 4], [6, 9]]", "c", 1),
            (
                u,
                7,
                "amal",
                3,
                9,
                "PER",
                "بغداد",
                {"MentionType": "NAM", "n": 2},
                "n",
                ((3, 4), (6, 9)),
                "c",
                True,
            ),
        ),
        "events": (
            Event,
            (u, 7, "amal", "Conflict.Attack", "t", "{}", "", "c", 0),
            (u, 7, "amal", "Conflict.Attack", "t", {}, "", "c", False),
        ),
        "arguments": (
            Argument,
            (u, "e", 7, "amal", "Place", "t", "c", 0),
            (u, "e", 7, "amal", "Place", "t", "c", False),
        ),
        "relations": (
            Relation,
            (u, 7, "amal", "PHYS", "s", "t", ATTRS, "", "c", 0),
            (u, 7, "amal", "PHYS", "s", "t", {"MentionType": "NAM", "n": 2}, "", "c", False),
        ),
    }


@pytest.mark.parametrize("kind", ["spans", "events", "arguments", "relations"])
def test_each_decoder_builds_what_the_constructor_builds(kind: str) -> None:
    cls, row, args = _rows()[kind]
    want = cls(*args)
    names = [f.name for f in dataclasses.fields(cls)]
    fixed_row = tuple(None if n in ("doc_id", "annotator") else v
                      for n, v in zip(names, row, strict=True))  # fmt: skip
    for got in (
        store_module._READERS[kind]()(row),
        store_module._READERS[kind](7, "amal")(fixed_row),
        store_module._record(kind, row),
    ):
        assert type(got) is cls
        assert got == want
        assert list(vars(got)) == names
        assert [type(v) for v in vars(got).values()] == [type(v) for v in vars(want).values()]
        with pytest.raises(dataclasses.FrozenInstanceError):
            got.uuid = "x"


def test_decoded_attributes_are_never_shared() -> None:
    _cls, row, _args = _rows()["spans"]
    read = store_module._READERS["spans"]()
    first, second = read(row), read(row)
    assert first.attributes == second.attributes == {"MentionType": "NAM", "n": 2}
    assert first.attributes is not second.attributes
    first.attributes["MentionType"] = "changed"
    assert read(row).attributes == {"MentionType": "NAM", "n": 2}


def test_a_layer_read_fixes_document_and_layer_without_changing_records(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document("قال أحمد إن بغداد جميلة", name="d")
        per = p.add_span(doc.id, 4, 8, "PER", annotator="amal", attributes={"MentionType": "NAM"})
        gpe = p.add_span(doc.id, 12, 17, "GPE", annotator="amal")
        p.add_span(doc.id, 12, 17, "GPE", annotator="badr")
        layer = p.layer(doc.id, "amal")
        assert layer.spans == (per, gpe)
        assert [vars(s) for s in layer.spans] == [vars(per), vars(gpe)]
        both = p.layer(doc.id)
        assert sorted(s.annotator for s in both.spans) == ["amal", "amal", "badr"]
        streamed = [d["amal"].spans for d in p.iter_layers(["amal"])]
        assert streamed == [(per, gpe)]


def test_damaged_attributes_are_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document("قال أحمد", name="d")
        p.add_span(doc.id, 4, 8, "PER", annotator="amal", attributes={"MentionType": "NAM"})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE spans SET attributes = '[1, 2]'")
    conn.commit()
    conn.close()
    with Project.open(path, read_only=True) as p:  # (a read-only open checks no row)
        with pytest.raises(ProjectFileError, match=r"corrupt .*JSON object was expected"):
            p.layer(doc.id, "amal")
        with pytest.raises(ProjectFileError, match=r"corrupt .*JSON object was expected"):
            list(p.iter_layers(["amal"]))


def test_outlines_are_the_layers_fields(tmp_path: Path) -> None:
    """``iter_outlines`` gives, row for row, those fields of what ``iter_layers`` gives, for
    the documents and layers holding a live span or event."""
    with Project.create(tmp_path / "p.annotator") as p:
        docs = [p.add_document(f"قال أحمد إن بغداد جميلة {i}", name=f"d{i}") for i in range(4)]
        for i, doc in enumerate(docs[:3]):
            for who in ("amal", "badr")[: 1 + i % 2]:
                per = p.add_span(doc.id, 4, 8, "PER", annotator=who)
                gpe = p.add_span(doc.id, 12, 17, "GPE", annotator=who)
                trg = p.add_span(doc.id, 0, 3, "Conflict.Attack", annotator=who)
                ev = p.add_event(trg.uuid)
                p.add_argument(ev.uuid, "Attacker", per.uuid)
                p.add_argument(ev.uuid, "Place", gpe.uuid)
                if i == 1:
                    p.delete_span(gpe.uuid)
        want = []
        for here in p.iter_layers(["amal", "badr"]):
            doc = next(iter(here.values())).document
            layers = {
                name: (
                    tuple((s.doc_id, s.uuid, s.start, s.end, s.label) for s in da.spans),
                    tuple((e.doc_id, e.uuid, e.type, e.trigger, 0) for e in da.events),
                    tuple((a.doc_id, a.event, a.role, a.target) for a in da.arguments),
                )
                for name, da in here.items()
                if da.spans or da.events
            }
            want.append((doc, layers))
        got = list(p.iter_outlines(["amal", "badr"]))
        assert got == want
        assert [d.id for d, _ in got] == [d.id for d in docs[:3]]


def test_the_status_map_is_the_statuses_read_as_records_and_refuses_a_damaged_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for k in range(5):
            p.add_document(f"نص رقم {k}", name=f"d{k}")
        for doc_id, status in ((3, "done"), (1, "in_progress"), (4, "new")):
            p.set_status(doc_id, "amal", status)
        p.set_status(2, "badr", "done")
        records = {s.doc_id: s.status for s in p.doc_statuses("amal")}
        assert p.statuses("amal") == records and list(p.statuses("amal")) == [1, 3, 4]
        assert p.statuses("nobody") == {}
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # (as damage would)
    conn.execute("UPDATE doc_status SET status = 'finished' WHERE doc_id = 3")
    conn.commit()
    conn.close()
    with (
        Project.open(path, read_only=True) as p,
        pytest.raises(ProjectFileError, match=r"corrupt.*unknown status 'finished'"),
    ):
        p.statuses("amal")
