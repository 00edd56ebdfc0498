"""The bulk paths of the 500k merge benchmark decide as the record-by-record ones did.

``Store.put_merged`` writes the rows of new uuids with a plain INSERT and only the others
with the upsert; the bundle reader builds each record without its dataclass ``__init__``;
the merge tells at once that every stamp is timely (``merge._all_timely``) and which is the
latest (``merge._latest``), and which live spans ``rules.span_problem`` would accept
(``merge._good_spans``, from ``rules.spans_to_judge``). Each test holds a fast path to the
answer of the slow one, on the cases where they could part.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from annotator import rules
from annotator.clock import MAX_DRIFT_MS, parse
from annotator.exchange import bundle_read, merge, merge_bundle, read_bundle, write_bundle
from annotator.exchange.bundle_read import BundleRecord
from annotator.model import Argument, Event, Record, Relation, Span
from annotator.project import Project
from annotator.schema import Schema

NOW = 1_796_069_568_205
SPAN = Span("s1", 0, "badr", 0, 3, "PER", "abc", {"a": 1}, "n", ((0, 1), (2, 3)), "c", False)
EVENT = Event("e1", 0, "badr", "Meet", "s1", {"a": 1}, "n", "c", False)
ARGUMENT = Argument("a1", "e1", 0, "badr", "Place", "s1", "c", False)
RELATION = Relation("r1", 0, "badr", "Near", "s1", "s2", {"a": 1}, "n", "c", True)


@pytest.mark.parametrize("record", [SPAN, EVENT, ARGUMENT, RELATION])
def test_a_record_made_without_init_is_the_dataclass_record(record: Record) -> None:
    data = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    made = bundle_read._MAKE[bundle_read._KIND_OF[type(record)]](dict(reversed(data.items())))
    assert type(made) is type(record)
    assert made == record and hash(made) == hash(record) and repr(made) == repr(record)
    assert list(vars(made)) == list(vars(record))  # the fields in their order
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.uuid = "other"  # type: ignore[misc]


def _stamped(*clocks: Any) -> list[BundleRecord]:
    return [BundleRecord("", dataclasses.replace(SPAN, clock=c), 1) for c in clocks]


AHEAD = f"{NOW + MAX_DRIFT_MS:013d}.999999"
TOO_FAR = f"{NOW + MAX_DRIFT_MS + 1:013d}.000000"


@pytest.mark.parametrize(
    "clocks",
    [
        (),
        ("1796069568205.000000",),
        ("1796069568205.000000", AHEAD, "0000000000000.000000"),
        ("1796069568205.000000", TOO_FAR),
        ("1796069568205.00000",),  # too short
        ("1796069568205.000000\n",),  # STAMP's $ takes a final line break
        ("1796069568205.000000\n1796069568205.000000", "1"),  # two stamps in one text
        ("١٧٩٦٠٦٩٥٦٨٢٠٥.000000",),  # Arabic-Indic digits: \\d, and int() reads them
        ("1796069568205.000000", 5),
    ],
)
def test_all_timely_answers_as_stamp_problem_record_by_record(clocks: tuple[Any, ...]) -> None:
    records = _stamped(*clocks)
    expected = all(rules.stamp_problem(br.record.clock, NOW) is None for br in records)
    if merge._all_timely(records, NOW):  # True only when the rule accepts every one
        assert expected


@pytest.mark.parametrize(
    "stamps",
    [
        ["1796069568205.000001", "1796069568205.000000", "0999999999999.999999"],
        ["1796069568205.000000"],
        ["1796069568205.000000", "١٧٩٦٠٦٩٥٦٨٢٠٦.000000"],  # other digits: parsed
        ["1796069568205.000000\n", "1796069568205.000000"],
    ],
)
def test_latest_is_the_greatest_parsed_stamp(stamps: list[str]) -> None:
    assert merge._latest(stamps) == max(stamps, key=parse)


def test_good_spans_are_those_the_rule_accepts() -> None:
    schema = Schema.from_json({"entities": [{"name": "PER"}, {"name": "LOC"}]}, "test")
    text = "نص عربي قصير للتجربة"
    base = Span("u", 0, "badr", 0, 2, "PER", text[0:2], clock="1796069568205.000000")
    spans = [
        base,
        dataclasses.replace(base, uuid="u2", start=3, end=6, text=text[3:6], label="LOC"),
        dataclasses.replace(base, uuid="u3", text="xx"),  # not the covered text
        dataclasses.replace(base, uuid="u4", label="ORG"),  # not in the schema
        dataclasses.replace(base, uuid="u5", end=len(text) + 1, text=text[0:]),  # outside
        dataclasses.replace(base, uuid="u6", deleted=True),  # a tombstone: the rule judges
        dataclasses.replace(base, uuid="u 7"),  # a bad id
        dataclasses.replace(base, uuid="u8", note="a note"),  # judged by the rule: good
    ]
    local = [(BundleRecord("", s, 1), s, 1) for s in spans]

    class Session:
        def document_text(self, doc_id: int) -> str:
            return text

    good = merge._good_spans(Session(), schema, local, {})  # type: ignore[arg-type]
    accepted = {n for n, s in enumerate(spans) if rules.span_problem(schema, text, s) is None}
    assert good <= accepted and good == {0, 1}


def _rows(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rowid, * FROM spans ORDER BY rowid").fetchall()


def test_put_merged_writes_what_the_upsert_wrote(tmp_path: Path) -> None:
    """New uuids inserted, stored ones updated (created kept), a uuid given twice written
    twice: the same rows, rowids included, as ``put_many``'s upsert of each."""
    texts = ["abcdefghij", "klmnopqrst"]
    made = {}
    for name in ("fast", "slow"):
        path = tmp_path / f"{name}.annotator"
        with Project.create(path) as p:
            docs = [p.add_document(t, name=f"d{i}") for i, t in enumerate(texts)]
            store = p._store
            old = [Span(f"s{i}", docs[0].id, "amal", i, i + 1, "PER", texts[0][i], clock="c0")
                   for i in range(4)]  # fmt: skip
            with store.write():
                store.ensure_annotator("amal")
                store.put_many(old, "2020-01-01")
            pairs: list[tuple[Record, int]] = [
                (dataclasses.replace(old[1], label="LOC", doc_id=0, clock="c1"), docs[0].id),
                (Span("n1", 0, "amal", 0, 2, "PER", "kl", clock="c1"), docs[1].id),
                (Span("n2", 0, "amal", 2, 4, "PER", "mn", {"x": 1}, clock="c1"), docs[1].id),
                (dataclasses.replace(old[3], deleted=True, doc_id=0, clock="c2"), docs[0].id),
                (Span("n1", 0, "amal", 0, 3, "LOC", "klm", clock="c3"), docs[1].id),
                (Event("e1", 0, "amal", "PER", "s0", clock="c1"), docs[0].id),
            ]
            with store.write():
                if name == "fast":
                    store.put_merged(pairs, "2021-01-01")
                else:
                    store.put_many(
                        [dataclasses.replace(r, doc_id=d) for r, d in pairs], "2021-01-01"
                    )
            made[name] = path
    assert _rows(made["fast"]) == _rows(made["slow"])
    assert len(_rows(made["fast"])) == 6  # four stored, two new (n1 written twice)


def test_a_bundle_merges_into_the_same_project(tmp_path: Path) -> None:
    """A merge of new, updated, tombstoned and far-ahead records: the canonical dump and
    the report as before (``test_merge_speed_same_result`` and the merge laws hold the
    rest)."""
    text = "نص عربي قصير للتجربة " * 5
    with Project.create(tmp_path / "theirs.annotator") as theirs:
        doc = theirs.add_document(text, name="d")
        theirs.add_annotator("badr")
        spans = [theirs.add_span(doc.id, i, i + 3, "PER", "badr") for i in range(0, 30, 4)]
        theirs.delete_span(spans[0].uuid)
        write_bundle(theirs, "badr", tmp_path / "b.bundle")
    with Project.create(tmp_path / "mine.annotator") as mine:
        mine.add_document(text, name="d")
        bundle = read_bundle(tmp_path / "b.bundle")
        first = merge_bundle(mine, bundle)
        again = merge_bundle(mine, bundle)
        assert first.added == len(spans) and not first.quarantined
        assert again.kept == len(spans) and again.added == again.updated == 0
        assert mine.record_count("spans") == len(spans) - 1  # one a tombstone


def _line(**changes: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "annotator": "badr", "attributes": {}, "clock": "1796069568205.000000",
        "deleted": False, "doc": "a" * 64, "end": 5, "fragments": [], "kind": "spans",
        "label": "PER", "note": "", "start": 0, "text": "abcde", "uuid": "badr-1",
    }  # fmt: skip
    return {**d, **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"fragments": [[0, 2], [3, 5]]},
        {"kind": "events", "type": "PER", "trigger": "s1"},  # fields of another kind
        {"clock": "١٧٩٦٠٦٩٥٦٨٢٠٥.000000"},  # \\d takes other digits: the screen accepts
        {"clock": "1796069568205.000000\n"},
        {"clock": "1796069568205"},
        {"uuid": "بدر-1"},  # a good id of other letters
        {"uuid": "badr 1"},
        {"uuid": "badr\n1"},
        {"annotator": "amal"},
        {"label": "P E R"},
        {"note": "a\x00b"},
        {"doc": "b" * 64},
        {"fragments": [[0, 2, 3]]},
        {"start": True},
    ],
)
def test_good_records_is_record_by_record(changes: dict[str, Any]) -> None:
    """The column-wise screen of a section gives what ``_record`` gives line by line, or
    leaves it to ``_record`` (which raises the first fault) without having changed a line."""
    docs = Counter(["a" * 64])

    def lines() -> list[tuple[int, Any]]:
        second = _line(**{"uuid": "badr-2", **changes})
        return [(1, _line()), (2, second), (3, _line(uuid="badr-3"))]

    def one_by_one() -> list[BundleRecord] | Exception:
        try:
            return [
                bundle_read._record(d, "w", n, "badr", docs, bundle_read._Names())
                for n, d in lines()
            ]
        except Exception as exc:
            return exc

    given = lines()
    fast = bundle_read._good_records(given, "badr", docs, bundle_read._Names())
    slow = one_by_one()
    if fast is None:
        assert given == lines()  # untouched: the slow path sees the lines as they came
    else:
        assert fast == slow
        assert not isinstance(slow, Exception)
        assert [list(vars(r.record)) for r in fast] == [list(vars(r.record)) for r in slow]
    if isinstance(slow, Exception):
        assert fast is None
