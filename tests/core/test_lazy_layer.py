"""A layer read lazily (``Project.layer(..., lazy=True)``, what the window reads; issue 12) holds
the very records the eager read gives: every field of the same value and type, in reading
order, whether a span carries attributes, a note, fragments or none; its fields read from the
columns without making records; edits splice records in while the other rows stay rows; and
damaged JSON is refused by the read itself, as the eager read refuses it."""

from __future__ import annotations

import copy
import pickle
import re
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ProjectFileError
from annotator.model import (
    Argument,
    Document,
    DocumentAnnotations,
    LazyRecords,
    Span,
    fields_of,
    getter,
    index_of,
    spliced,
)
from annotator.project import Project

TEXT = "قال أحمد إن بغداد جميلة وإن البصرة بعيدة"


def _project(path: Path) -> tuple[Project, int]:
    p = Project.create(path)
    doc = p.add_document(TEXT, name="d")
    p.add_span(doc.id, 4, 8, "PER", annotator="amal", attributes={"MentionType": "NAM"})
    p.add_span(doc.id, 12, 17, "GPE", annotator="amal")
    p.add_span(doc.id, 12, 17, "LOC", annotator="amal", note="مدينة")  # (one per label)
    p.add_span(doc.id, 0, 17, "ORG", annotator="amal", fragments=((0, 3), (12, 17)))
    gone = p.add_span(doc.id, 27, 33, "GPE", annotator="amal")
    p.delete_span(gone.uuid)
    p.add_span(doc.id, 27, 33, "LOC", annotator="amal")
    p.add_span(doc.id, 27, 33, "LOC", annotator="badr")
    return p, doc.id


def _damage(path: Path, sql: str) -> None:
    """Change a closed project file behind the app's back."""
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_lazy_layer_holds_the_eager_records(tmp_path: Path) -> None:
    p, doc_id = _project(tmp_path / "p.annotator")
    with p:
        eager = p.layer(doc_id, "amal")
        lazy = p.layer(doc_id, "amal", lazy=True)
        assert isinstance(lazy.spans, LazyRecords)
        assert lazy == eager and eager == lazy
        assert len(lazy.spans) == len(eager.spans) == 5
        for name in ("uuid", "doc_id", "annotator", "start", "end", "label", "text",
                     "attributes", "note", "fragments", "clock", "deleted"):  # fmt: skip
            assert list(fields_of(lazy.spans, name)) == list(fields_of(eager.spans, name)), name
        for got, want in zip(lazy.spans, eager.spans, strict=True):
            assert type(got) is Span
            assert vars(got) == vars(want)
            assert [type(v) for v in vars(got).values()] == [type(v) for v in vars(want).values()]
        assert lazy.spans[1:3] == eager.spans[1:3]
        assert hash(lazy) == hash(eager)


def test_fields_come_from_the_columns_and_records_are_made_once(tmp_path: Path) -> None:
    p, doc_id = _project(tmp_path / "p.annotator")
    with p:
        eager = p.layer(doc_id, "amal").spans
        spans = p.layer(doc_id, "amal", lazy=True).spans
        assert isinstance(spans, LazyRecords)
        made = repr(spans)
        assert list(spans.fields("start")) == [s.start for s in eager]
        assert repr(spans) == made  # no record was made
        first = spans[0]
        assert spans[0] is first
        by_uuid = index_of(spans, "uuid")
        assert set(by_uuid) == {s.uuid for s in eager}
        assert by_uuid[eager[2].uuid] == eager[2]
        assert by_uuid.get("nothing") is None


def test_an_edit_splices_records_into_the_rows(tmp_path: Path) -> None:
    p, doc_id = _project(tmp_path / "p.annotator")
    with p:
        eager = p.layer(doc_id, "amal").spans
        spans = p.layer(doc_id, "amal", lazy=True).spans
        new = Span("u-new", doc_id, "amal", 9, 11, "PER", "إن")
        edited = spliced(spans, 2, 1, (new,))
        assert isinstance(edited, LazyRecords)
        assert list(edited) == [eager[0], eager[1], new, eager[3], eager[4]]
        assert list(spans) == list(eager)  # the original is unchanged
        assert spliced(tuple(eager), 2, 1, (new,)) == tuple(edited)
        shown = (eager[0], eager[1], new, eager[3], eager[4])
        assert list(edited.fields("label")) == [s.label for s in shown]
        assert list(edited.fields("note")) == [s.note for s in edited]


def test_a_copy_or_pickle_is_a_tuple(tmp_path: Path) -> None:
    p, doc_id = _project(tmp_path / "p.annotator")
    with p:
        lazy = p.layer(doc_id, "amal", lazy=True)
        eager = p.layer(doc_id, "amal")
        assert pickle.loads(pickle.dumps(lazy.spans)) == eager.spans
        assert type(copy.deepcopy(lazy).spans) is tuple
        assert DocumentAnnotations(lazy.document, tuple(lazy.spans)) == DocumentAnnotations(
            eager.document, eager.spans
        )


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE spans SET attributes = '[1, 2]' WHERE label = 'PER'",
        "UPDATE spans SET fragments = '[[1]]' WHERE label = 'ORG'",
    ],
)
def test_damaged_json_is_refused_by_the_read(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "p.annotator"
    p, doc_id = _project(path)
    p.close()
    _damage(path, damage)
    with Project.open(path, read_only=True) as p:
        with pytest.raises(ProjectFileError, match="corrupt"):
            p.layer(doc_id, "amal")
        with pytest.raises(ProjectFileError, match="corrupt"):
            p.layer(doc_id, "amal", lazy=True)


def test_fields_of_a_layer_without_attributes_notes_or_fragments(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        for a, b in ((4, 8), (12, 17), (27, 33)):
            p.add_span(doc.id, a, b, "GPE", annotator="amal")
        spans = p.layer(doc.id, "amal", lazy=True).spans
        assert isinstance(spans, LazyRecords)
        assert list(spans.fields("fragments")) == [(), (), ()]
        assert list(spans.fields("note")) == ["", "", ""]
        attributes = spans.fields("attributes")
        assert list(attributes) == [{}, {}, {}]
        assert len({id(a) for a in attributes}) == 3  # never one dict shared by records
        assert list(spans) == list(p.layer(doc.id, "amal").spans)


def test_a_getter_reads_fields_by_uuid_without_making_records(tmp_path: Path) -> None:
    p, doc_id = _project(tmp_path / "p.annotator")
    with p:
        eager = p.layer(doc_id, "amal")
        spans = p.layer(doc_id, "amal", lazy=True).spans
        assert isinstance(spans, LazyRecords)
        by_uuid = index_of(spans, "uuid")
        names = ("start", "end", "text", "attributes", "fragments")
        get, plain = getter(by_uuid, names), getter(eager.span_by_uuid(), names)
        made = repr(spans)
        for s in eager.spans:
            assert get(s.uuid) == plain(s.uuid) == tuple(getattr(s, n) for n in names)
        assert get("nothing") is None and plain("nothing") is None
        assert repr(spans) == made  # no record was made
        new = Span("u-new", doc_id, "amal", 9, 11, "PER", "إن")
        by_uuid["u-new"] = new  # an edit's record, held as itself
        assert getter(by_uuid, ("uuid", "text"))("u-new") == ("u-new", "إن")
        assert getter(by_uuid, ("doc_id",))(eager.spans[0].uuid) == (doc_id,)  # not a column


def test_arguments_by_event_keep_stored_order_and_leave_deleted_out(tmp_path: Path) -> None:
    doc = Document(1, "d", TEXT, "x")
    args = tuple(
        Argument(f"a{k}", f"e{k % 2}", 1, "amal", "Place", f"s{k}", deleted=k == 2)
        for k in range(5)
    )
    layer = DocumentAnnotations(doc, (), (), args)
    assert [a.uuid for a in layer.arguments_of("e0")] == ["a0", "a4"]
    assert [a.uuid for a in layer.arguments_of("e1")] == ["a1", "a3"]
    assert layer.arguments_of("e9") == []
    assert layer.arguments_by_event().keys() == {"e0", "e1"}
    assert layer == DocumentAnnotations(doc, (), (), args)  # the index is no field


def test_a_blob_cell_is_read_as_the_eager_read_gives_it(tmp_path: Path) -> None:
    """A damaged file's BLOB cell is the same field in both reads."""
    path = tmp_path / "p.annotator"
    p, doc_id = _project(path)
    p.close()
    _damage(path, "UPDATE spans SET clock = CAST(clock AS BLOB) WHERE label = 'LOC'")
    with Project.open(path, read_only=True) as p:
        eager, lazy = p.layer(doc_id, "amal"), p.layer(doc_id, "amal", lazy=True)
        assert list(fields_of(lazy.spans, "clock")) == [s.clock for s in eager.spans]
        assert any(type(s.clock) is bytes for s in eager.spans)
        assert lazy == eager


def test_the_columns_keep_the_reading_order_at_equal_starts(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        places = ((12, 17), (4, 8), (12, 14), (12, 17), (0, 3), (12, 15))
        for (a, b), label in zip(places, ("GPE", "GPE", "GPE", "LOC", "GPE", "GPE"), strict=True):
            p.add_span(doc.id, a, b, label, annotator="amal")  # (one span per place and label)
        eager, lazy = p.layer(doc.id, "amal"), p.layer(doc.id, "amal", lazy=True)
        keys = [(s.start, s.end, s.uuid) for s in lazy.spans]
        assert keys == sorted(keys) == [(s.start, s.end, s.uuid) for s in eager.spans]


# -- the stored text and clock, read when first needed ---------------------------------------
def _statements(p: Project) -> list[str]:
    """Every statement the project's connection runs from now on (appended as they run)."""
    seen: list[str] = []
    p._store.conn.set_trace_callback(seen.append)
    return seen


def _many(path: Path, n: int) -> tuple[Project, int, str]:
    text = " ".join(f"كلمة{k}" for k in range(n))
    p = Project.create(path)
    doc = p.add_document(text, name="d")
    words = list(re.finditer(r"\S+", text))
    with p.batch() as bulk:
        bulk.add_annotators(["amal"])
        bulk.put([
            Span(f"u{k:05d}", doc.id, "amal", m.start(), m.end(), "LOC", m.group(),
                 clock=p.clock.tick())
            for k, m in enumerate(words)
        ])  # fmt: skip
    return p, doc.id, text


def test_offsets_labels_and_uuids_are_read_without_the_text_column(tmp_path: Path) -> None:
    p, doc_id, _text = _many(tmp_path / "p.annotator", 300)
    with p:
        eager = p.layer(doc_id, "amal").spans
        seen = _statements(p)
        spans = p.layer(doc_id, "amal", lazy=True).spans
        assert isinstance(spans, LazyRecords)
        for name in ("uuid", "start", "end", "label", "attributes", "note", "fragments"):
            assert list(spans.fields(name)) == [getattr(s, name) for s in eager]
        span_reads = [s for s in seen if "FROM spans" in s]
        assert len(span_reads) == 1 and "text" not in span_reads[0].split("FROM")[0]
        # the first records made read their own two cells by uuid...
        assert spans[5] == eager[5] and spans[17] == eager[17]
        assert sum("WHERE uuid = " in s for s in seen) == 2
        # ...and asking for a whole column reads both columns in one query
        del seen[:]
        assert list(spans.fields("text")) == [s.text for s in eager]
        assert list(spans.fields("clock")) == [s.clock for s in eager]
        assert len(seen) == 1 and "SELECT uuid, text, clock" in seen[0]
        assert list(spans) == list(eager)
        assert len(seen) == 1


def test_many_records_made_read_the_columns_whole(tmp_path: Path) -> None:
    p, doc_id, _text = _many(tmp_path / "p.annotator", 300)
    with p:
        eager = p.layer(doc_id, "amal").spans
        spans = p.layer(doc_id, "amal", lazy=True).spans
        seen = _statements(p)
        assert [spans[k] for k in range(299, -1, -1)] == list(reversed(eager))
        by_uuid = sum("WHERE uuid = " in s for s in seen)
        whole = sum("SELECT uuid, text, clock" in s for s in seen)
        assert (by_uuid, whole) == (64, 1)


def test_a_layer_changed_after_the_read_keeps_each_rows_own_cells(tmp_path: Path) -> None:
    """Rows read before an edit the window splices in (or another write) get the stored text
    and clock of their own uuid, whatever was added or deleted since."""
    p, doc_id, _text = _many(tmp_path / "p.annotator", 100)
    with p:
        eager = p.layer(doc_id, "amal").spans
        spans = p.layer(doc_id, "amal", lazy=True).spans
        p.add_span(doc_id, eager[0].start, eager[1].end, "ORG", annotator="amal")
        p.delete_span(eager[3].uuid)
        assert list(fields_of(spans, "text")) == [s.text for s in eager]
        assert [s.uuid for s in spans] == [s.uuid for s in eager]
        assert [s.text for s in spans] == [s.text for s in eager]
        assert spans[0].clock == eager[0].clock


def test_a_layer_read_before_the_project_closed_stays_readable(tmp_path: Path) -> None:
    p, doc_id, _text = _many(tmp_path / "p.annotator", 100)
    eager = p.layer(doc_id, "amal").spans
    spans = p.layer(doc_id, "amal", lazy=True).spans
    p.close()
    assert list(spans) == list(eager)


def test_a_damaged_text_cell_is_refused_when_read(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    p, doc_id, _text = _many(path, 100)
    p.close()
    _damage(path, "UPDATE spans SET text = CAST(x'ff' AS TEXT) WHERE uuid = 'u00007'")
    with Project.open(path, read_only=True) as p:
        spans = p.layer(doc_id, "amal", lazy=True).spans
        assert spans[6].uuid == "u00006"
        with pytest.raises(ProjectFileError, match="corrupt"):
            spans[7]
        with pytest.raises(ProjectFileError, match="corrupt"):
            fields_of(spans, "text")
