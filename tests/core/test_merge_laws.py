"""Merge laws: commutative, associative, idempotent, order-independent, tombstones, clock.

Bundles are generated in memory (many versions of a few uuids, by two annotators, with equal
clocks and equal (clock, annotator) pairs carrying different content, deletes included) and
merged into copies of one template project; the canonical dump hash is compared.
"""

from __future__ import annotations

import dataclasses
import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.clock import MAX_COUNTER, MAX_DRIFT_MS, MAX_MS, format_stamp, now_ms, parse
from annotator.exchange import canonical_dump, canonical_hash, merge_bundle, merge_project_file
from annotator.exchange.bundle_read import (
    Bundle,
    BundleDocument,
    BundleManifest,
    BundleRecord,
    BundleStatus,
    canonical_record,
)
from annotator.model import Span, Status
from annotator.project import Project
from annotator.schema import default_schema
from annotator.text import sha256_text

SEED = Path(__file__).resolve().parents[2] / "resources/samples/000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")[:80]
SHA = sha256_text(TEXT)
UUIDS = ["u1", "u2", "u3"]
ANNOTATORS = ["amal", "badr"]
CLOCKS = [format_stamp(1_700_000_000_000 + ms, c) for ms in (0, 5) for c in (0, 1)]
PLACES = [(0, 6), (7, 9), (10, 15), (3, 12)]
SCHEMA = default_schema()
"""every bundle's schema: one frozen value, read once (reading it for each bundle was a
fifth of the time of the tests that merge generated bundles)"""


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.annotator"
        with Project.create(path) as p:
            p.add_document(TEXT, name="seed")
        yield path


def _project(template: Path, folder: Path, name: str) -> Project:
    path = folder / f"{name}.annotator"
    shutil.copyfile(template, path)
    return Project.open(path)


LAYER_OF = {"u1": "amal", "u2": "badr", "u3": "amal"}
"""each record id belongs to one layer: a version in another layer is quarantined
(test_a_version_in_another_layer_never_takes_a_record_over)"""

# (uuid, annotator, clock, (start, end), label, deleted)
version = st.tuples(
    st.sampled_from(UUIDS),
    st.sampled_from(CLOCKS),
    st.sampled_from(PLACES),
    st.sampled_from(["PER", "GPE"]),
    st.booleans(),
).map(lambda v: (v[0], LAYER_OF[v[0]], *v[1:]))
Version = tuple[str, str, str, tuple[int, int], str, bool]


def _bundle(versions: list[Version], n: int) -> Bundle:
    """An in-memory bundle. Unlike a bundle file it may mix annotators, so that versions of
    one uuid by two annotators with equal clocks are generated too."""
    records: dict[str, BundleRecord] = {}
    for uuid, annotator, clock, (start, end), label, deleted in versions:
        span = Span(
            uuid, 0, annotator, start, end, label, TEXT[start:end], {}, "", (), clock, deleted
        )
        records[uuid] = BundleRecord(SHA, span, 0)  # one version per uuid, as in a real bundle
    statuses = [
        BundleStatus(SHA, v[1], Status.DONE if v[5] else Status.IN_PROGRESS, v[2])
        for v in versions[:2]
    ]
    manifest = BundleManifest("annotator-bundle", 1, "mixed", "", True)
    docs = [BundleDocument(SHA, "seed", {}, TEXT)]
    return Bundle(f"b{n}", manifest, SCHEMA, docs, list(records.values()), statuses)


bundles = st.lists(st.lists(version, min_size=1, max_size=5), min_size=3, max_size=3).map(
    lambda vs: [_bundle(v, i) for i, v in enumerate(vs)]
)


def _expected(bs: list[Bundle]) -> list[str]:
    """The maximum version per uuid under (clock, annotator, canonical JSON)."""
    best: dict[str, tuple[str, str, str]] = {}
    for b in bs:
        for br in b.records:
            r = br.record
            key = (r.clock, r.annotator, canonical_record(r, SHA))
            best[r.uuid] = max(best.get(r.uuid, key), key)
    return sorted(k[2] for k in best.values())


def _records_of(dump: str) -> list[str]:
    return sorted(line.split("\t", 2)[2] for line in dump.splitlines() if line.startswith("R\t"))


LAWS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LAWS
@given(bs=bundles)
def test_any_import_order_gives_the_same_dump(template: Path, bs: list[Bundle]) -> None:
    hashes = set()
    with tempfile.TemporaryDirectory() as tmp:
        for n, order in enumerate(itertools.permutations(bs)):
            with _project(template, Path(tmp), f"p{n}") as p:
                for b in order:
                    merge_bundle(p, b)
                hashes.add(canonical_hash(p))
                if n == 0:
                    assert _records_of(canonical_dump(p)) == _expected(bs)
    assert len(hashes) == 1


@LAWS
@given(bs=bundles)
def test_merging_twice_changes_nothing(template: Path, bs: list[Bundle]) -> None:
    with tempfile.TemporaryDirectory() as tmp, _project(template, Path(tmp), "p") as p:
        for b in bs:
            merge_bundle(p, b)
        once = canonical_hash(p)
        for b in bs:
            report = merge_bundle(p, b)
            assert report.added == report.updated == 0
        assert canonical_hash(p) == once


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bs=bundles)
def test_project_file_merge_is_associative_and_idempotent(template: Path, bs: list[Bundle]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, b in zip("xyz", bs, strict=True):
            with _project(template, folder, name) as p:
                merge_bundle(p, b)
        # (x + y) + z
        with _project(folder / "x.annotator", folder, "left") as left:
            merge_project_file(left, folder / "y.annotator")
            merge_project_file(left, folder / "z.annotator")
            left_hash = canonical_hash(left)
            merge_project_file(left, folder / "left.annotator")  # merging itself: idempotent
            assert canonical_hash(left) == left_hash
        # x + (y + z)
        with _project(folder / "y.annotator", folder, "yz") as yz:
            merge_project_file(yz, folder / "z.annotator")
        with _project(folder / "x.annotator", folder, "right") as right:
            merge_project_file(right, folder / "yz.annotator")
            assert canonical_hash(right) == left_hash


def _one(uuid: str, annotator: str, clock: str, label: str, deleted: bool, n: int = 0) -> Bundle:
    return _bundle([(uuid, annotator, clock, (0, 6), label, deleted)], n)


def test_a_tombstone_beats_an_older_edit_and_a_newer_edit_revives(
    template: Path, tmp_path: Path
) -> None:
    old, mid, new = CLOCKS[0], CLOCKS[1], CLOCKS[2]
    with _project(template, tmp_path, "p") as p:
        merge_bundle(p, _one("u1", "amal", mid, "PER", deleted=True))
        merge_bundle(p, _one("u1", "amal", old, "GPE", deleted=False))
        assert p.spans() == []
        assert p.spans(include_deleted=True)[0].deleted
        merge_bundle(p, _one("u1", "amal", new, "GPE", deleted=False))
        (alive,) = p.spans()
        assert (alive.label, alive.clock) == ("GPE", new)


def test_equal_clock_and_annotator_is_decided_by_content(template: Path, tmp_path: Path) -> None:
    a = _one("u1", "amal", CLOCKS[0], "GPE", deleted=False)
    b = _one("u1", "amal", CLOCKS[0], "PER", deleted=False)
    with _project(template, tmp_path, "ab") as p1, _project(template, tmp_path, "ba") as p2:
        merge_bundle(p1, a)
        merge_bundle(p1, b)
        merge_bundle(p2, b)
        merge_bundle(p2, a)
        assert canonical_hash(p1) == canonical_hash(p2)
        assert p1.spans()[0].label == "PER"  # '"PER"' sorts after '"GPE"'


def test_the_clock_never_moves_back(template: Path, tmp_path: Path) -> None:
    # a colleague's clock a day ahead (inside rules.MAX_DRIFT_MS) is taken in; a stamp far
    # in the future is not (test_a_far_future_stamp_is_quarantined_not_observed)
    future = format_stamp(now_ms() + 86_400_000, 7)
    with _project(template, tmp_path, "p") as p:
        merge_bundle(p, _one("u1", "badr", future, "PER", deleted=False))
        assert p.clock.last == future
        assert p._store.setting("hlc") == future  # white-box: the stamp saved in the file
        merge_bundle(p, _one("u2", "badr", CLOCKS[0], "PER", deleted=False))
        assert p.clock.last == future
        edit = p.update_span("u1", label="GPE")
        assert parse(edit.clock) > parse(future)
    with Project.open(tmp_path / "p.annotator") as again:
        assert parse(again.clock.tick()) > parse(edit.clock)


@pytest.mark.parametrize("when", ["just beyond the drift", "year 2096", "last stamp"])
def test_a_far_future_stamp_is_quarantined_not_observed(
    template: Path, tmp_path: Path, when: str
) -> None:
    # 9999999999999.999999 used to become the project clock; the next edit then wrote a
    # 14-digit stamp and the project never opened again
    ms = {"just beyond the drift": now_ms() + MAX_DRIFT_MS + 60_000,
          "year 2096": 4_000_000_000_000, "last stamp": MAX_MS}[when]  # fmt: skip
    far = format_stamp(ms, MAX_COUNTER)
    with _project(template, tmp_path, "p") as p:
        before = (canonical_dump(p), p._store.setting("hlc"))  # white-box: the saved stamp
        report = merge_bundle(p, _one("u1", "badr", far, "PER", deleted=False))
        held = {q.kind: q for q in report.quarantined}  # the span and the layer's status
        assert sorted(held) == ["spans", "statuses"] and held["spans"].uuid == "u1"
        assert all("days ahead of this machine" in q.reason for q in held.values())
        assert (canonical_dump(p), p._store.setting("hlc")) == before
        edit = p.add_span(p.documents()[0].id, 0, 6, "PER", "amal")
        assert parse(edit.clock) < parse(far)
    with Project.open(tmp_path / "p.annotator") as again:
        assert parse(again.clock.tick()) > parse(edit.clock)


LINKS = ("argument target", "relation end", "event trigger")


@pytest.mark.parametrize("link", LINKS)
def test_a_deletion_and_a_new_reference_merge_alike_in_either_order(
    template: Path, tmp_path: Path, link: str
) -> None:
    """One colleague links a record to a span; another deletes that span. Either order of
    the two merges keeps the link, pointing at the deleted span, as a local deletion would:
    the same records, nothing quarantined, and ``check`` reports it as dangling."""
    from annotator.exchange import read_bundle, write_bundle
    from annotator.validation import check_project

    with _project(template, tmp_path, "base") as p:
        (doc,) = p.documents()
        a = p.add_span(doc.id, 0, 6, "GPE", "amal")
        b = p.add_span(doc.id, 7, 9, "PER", "amal")
        # (a Contact.Meet span with no event is a problem of its own: made only when used)
        meet = p.add_span(doc.id, 10, 15, "Contact.Meet", "amal") if link != "relation end" else a
        if link == "argument target":
            event = p.add_event(meet.uuid)
        gone = meet if link == "event trigger" else a
    for name in ("link", "delete"):
        shutil.copyfile(tmp_path / "base.annotator", tmp_path / f"{name}.annotator")
    with Project.open(tmp_path / "link.annotator") as p:
        if link == "argument target":
            p.add_argument(event.uuid, "Entity", a.uuid)
        elif link == "relation end":
            p.add_relation("PHYS", b.uuid, a.uuid)
        else:
            p.add_event(meet.uuid)
        write_bundle(p, "amal", tmp_path / "link.zip")
    with Project.open(tmp_path / "delete.annotator") as p:
        p.delete_span(gone.uuid)
        write_bundle(p, "amal", tmp_path / "delete.zip")
    hashes = []
    for order in (("link", "delete"), ("delete", "link")):
        with _project(tmp_path / "base.annotator", tmp_path, "-".join(order)) as p:
            for name in order:
                report = merge_bundle(p, read_bundle(tmp_path / f"{name}.zip"))
                assert report.quarantined == []
            hashes.append(canonical_hash(p))
            assert [i.kind for i in check_project(p)] == ["dangling"]
    assert hashes[0] == hashes[1]


def test_a_version_in_another_layer_never_takes_a_record_over(
    template: Path, tmp_path: Path
) -> None:
    """A colleague's file holding a version of badr's span under their own name (the same
    uuid, a later clock, another label, or a tombstone) does not move the span to their layer
    nor delete it: that version is quarantined (found by QA on the hub, where any analyst could
    so take over or delete a colleague's annotation)."""
    badr = _one("u1", "badr", CLOCKS[0], "PER", deleted=False)
    for hijack in (
        _one("u1", "amal", CLOCKS[3], "GPE", deleted=False),
        _one("u1", "amal", CLOCKS[3], "PER", deleted=True),
    ):
        with _project(template, tmp_path, "p") as p:
            merge_bundle(p, badr)
            report = merge_bundle(p, hijack)
            (kept,) = p.spans()
            assert (kept.annotator, kept.label, kept.clock) == ("badr", "PER", CLOCKS[0])
            assert [q.reason for q in report.quarantined] == [
                "record id u1 belongs to layer 'badr', not 'amal'"
            ]
        (tmp_path / "p.annotator").unlink()
    # one file holding the id in two layers: neither version is taken
    one = _one("u1", "badr", CLOCKS[0], "PER", deleted=False)
    two = _one("u1", "amal", CLOCKS[1], "GPE", deleted=False)
    both = dataclasses.replace(one, records=[*one.records, *two.records])

    with _project(template, tmp_path, "q") as p:
        report = merge_bundle(p, both)
        assert p.spans() == [] and len(report.quarantined) == 2
        assert all(
            "arrives in several layers ('amal', 'badr')" in q.reason for q in report.quarantined
        )
