"""Merging another project file a part at a time, and the events export written as it goes
(QA 2026-11-29: a 122 MB project took 721 MB to merge, 2.5 KB per record, and a 75 MB events
export 441 MB, because both held everything in memory).

A project file is read, checked and merged ``merge._CHUNK`` rows at a time: the outcome
(merged state, report, quarantine, the messages of a refusal with their row numbers) is the
same whether the parts are of two rows or of the whole table, and the memory a merge takes
grows with a part, not with the file.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import annotator.exchange.merge as merge
from annotator.errors import Cancelled, ProjectFileError
from annotator.exchange import canonical_hash, merge_project_file
from annotator.formats.events_json import write_events_json
from annotator.model import DocumentAnnotations, Span, Status
from annotator.project import Project
from tests.core.test_events_json import SCHEMA, running_example, two_sentences

TEXT = "اعتقلت الشرطة محمد علي في بغداد يوم الأحد بعد اجتماع في الوزارة."
TEXT2 = "وصل الوفد إلى القاهرة صباح اليوم."
FAR = "9999999999999.999999"


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A colleague's file (two layers, events, arguments, relations, a tombstone still
    pointed at, a stamp far ahead, a record id the target holds in another layer) and a
    target project."""
    colleague, target = tmp_path / "colleague.annotator", tmp_path / "target.annotator"
    with Project.create(target) as p:
        doc = p.add_document(TEXT, name="arrest (mine)")
        mine = p.add_span(doc.id, *_at(TEXT, "بغداد"), "GPE", "amal")
        trg = p.add_span(doc.id, *_at(TEXT, "اجتماع"), "Contact.Meet", "amal")
        p.add_argument(p.add_event(trg.uuid).uuid, "Place", mine.uuid)
        taken = mine.uuid
    with Project.create(colleague) as p:
        doc = p.add_document(TEXT, name="arrest")
        other = p.add_document(TEXT2, name="delegation")
        p.add_document("نص ثالث بلا تعليق.", name="third")
        per = p.add_span(doc.id, *_at(TEXT, "محمد علي"), "PER", "badr")
        gpe = p.add_span(doc.id, *_at(TEXT, "بغداد"), "GPE", "badr")
        trg = p.add_span(doc.id, *_at(TEXT, "اعتقلت"), "Justice.Arrest-Jail", "badr")
        ev = p.add_event(trg.uuid)
        p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_argument(ev.uuid, "Place", gpe.uuid)
        police = p.add_span(doc.id, *_at(TEXT, "الشرطة"), "PER", "badr")
        p.add_relation("PHYS", police.uuid, gpe.uuid)
        p.delete_span(police.uuid)  # the relation keeps pointing at the tombstone
        p.add_span(other.id, *_at(TEXT2, "القاهرة"), "GPE", "badr")
        p.add_span(other.id, *_at(TEXT2, "الوفد"), "ORG", "carla")
        late = p.add_span(doc.id, *_at(TEXT, "الأحد"), "ORG", "carla")
        thief = p.add_span(doc.id, *_at(TEXT, "الوزارة"), "ORG", "carla")
        for i in range(6):  # enough spans for several parts of two rows
            p.add_span(other.id, *_at(TEXT2, "صباح"), "ORG", f"l{i}")
        p.set_status(doc.id, "badr", Status.DONE)
        p.set_status(other.id, "carla", Status.IN_PROGRESS)
    conn = sqlite3.connect(colleague)
    conn.execute("UPDATE spans SET clock = ? WHERE uuid = ?", [FAR, late.uuid])
    conn.execute("UPDATE spans SET uuid = ? WHERE uuid = ?", [taken, thief.uuid])
    conn.commit()
    conn.close()
    return colleague, target


Outcome = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], str]


def _merge(colleague: Path, target: Path, into: Path, chunk: int) -> Outcome:
    shutil.copyfile(target, into)
    with Project.open(into) as p:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(merge, "_CHUNK", chunk)
            first = merge_project_file(p, colleague)
            again = merge_project_file(p, colleague)
        quarantine = sorted((q["uuid"], q["reason"]) for q in p.quarantined())
        state = canonical_hash(p)
    reports = [
        (r.added, r.updated, r.kept, r.documents_added, r.documents_matched,
         r.statuses_updated, sorted(dataclasses.astuple(q) for q in r.quarantined))
        for r in (first, again)
    ]  # fmt: skip
    return reports, quarantine, state


def test_a_file_merged_in_parts_of_two_rows_merges_as_whole(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    colleague, target = files
    whole = _merge(colleague, target, tmp_path / "whole.annotator", 1_000_000)
    parts = _merge(colleague, target, tmp_path / "parts.annotator", 2)
    assert parts == whole
    first, again = whole[0]
    assert first[0] == 16 and first[3] == 2  # added; documents added (the third one too)
    assert again[0] == again[1] == 0 and again[2] == 16  # the second time, all unchanged
    reasons = {reason for _, reason in whole[1]}
    assert any("belongs to layer 'amal'" in r for r in reasons), reasons
    assert any("clock" in r or "ahead" in r for r in reasons), reasons


def _damage(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.execute("BEGIN")
    for statement in statements:
        conn.execute(statement)
    conn.execute("COMMIT")
    conn.close()


def _refusal(colleague: Path, target: Path, chunk: int) -> str:
    with Project.open(target) as p, pytest.MonkeyPatch.context() as mp:
        mp.setattr(merge, "_CHUNK", chunk)
        before = canonical_hash(p)
        with pytest.raises(ProjectFileError) as caught:
            merge_project_file(p, colleague)
        assert canonical_hash(p) == before  # nothing of the parts merged before stays
        assert p.quarantined() == []
    return str(caught.value)


def test_a_fault_in_a_late_part_names_its_row_and_leaves_the_project(
    files: tuple[Path, Path],
) -> None:
    colleague, target = files
    _damage(colleague, "UPDATE spans SET attributes = '[1, 2]' WHERE rowid = 9")
    whole = _refusal(colleague, target, 1_000_000)
    assert whole == _refusal(colleague, target, 2)
    assert ":spans" in whole and "9" in whole and "'attributes' must be a dict" in whole


def test_a_uuid_repeated_in_another_part_is_refused(files: tuple[Path, Path]) -> None:
    colleague, target = files
    conn = sqlite3.connect(colleague)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(spans)")]
    conn.close()
    names = ", ".join(f'"{c}"' for c in cols)
    _damage(
        colleague,
        f"CREATE TABLE spans_loose ({names})",
        f"INSERT INTO spans_loose SELECT {names} FROM spans ORDER BY rowid",
        f"INSERT INTO spans_loose SELECT {names} FROM spans ORDER BY rowid LIMIT 1",
        "DROP TABLE spans",
        "ALTER TABLE spans_loose RENAME TO spans",
    )
    whole = _refusal(colleague, target, 1_000_000)
    assert whole == _refusal(colleague, target, 2)
    assert "appears twice" in whole


def test_cancelling_between_parts_leaves_the_project(files: tuple[Path, Path]) -> None:
    colleague, target = files
    calls = iter(range(100))
    with Project.open(target) as p, pytest.MonkeyPatch.context() as mp:
        mp.setattr(merge, "_CHUNK", 2)
        before = canonical_hash(p)
        with pytest.raises(Cancelled):
            merge_project_file(p, colleague, cancelled=lambda: next(calls) >= 3)
        assert canonical_hash(p) == before


# -- memory ---------------------------------------------------------------------------------------
def _colleague(path: Path, per_doc: int) -> Path:
    base = TEXT * 4
    with Project.create(path) as p:
        docs = [p.add_document(f"{base}\n{i}", name=f"d{i}") for i in range(20)]
        rows = [
            Span(f"badr-{doc.id:03d}-{i:06d}", doc.id, "badr", (i * 7) % 200,
                 (i * 7) % 200 + 5, "PER", base[(i * 7) % 200 : (i * 7) % 200 + 5],
                 clock=p.clock.tick())
            for doc in docs
            for i in range(per_doc)
        ]  # fmt: skip
        with p.batch() as bulk:
            bulk.add_annotators(["badr"])
            bulk.put(rows)
    return path


def _peak(colleague: Path, tmp_path: Path) -> int:
    target = tmp_path / f"target-{colleague.stem}.annotator"
    with Project.create(target) as p:
        tracemalloc.start()
        try:
            report = merge_project_file(p, colleague)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert report.quarantined == [] and report.added > 0
    return peak


def test_the_memory_of_a_merge_grows_with_a_part_not_with_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(merge, "_CHUNK", 500, raising=False)
    small = _peak(_colleague(tmp_path / "small.annotator", 100), tmp_path)  # 2,000 spans
    large = _peak(_colleague(tmp_path / "large.annotator", 800), tmp_path)  # 16,000 spans
    # whole in memory, each record took about 2 KB more; in parts, the ids of the kind being
    # read (to refuse one used twice) are all that grows: about 200 bytes a record
    per_record = (large - small) / 14_000
    assert per_record < 400, (small, large, per_record)


# -- the events export ----------------------------------------------------------------------------
def test_events_lines_are_written_as_documents_come(tmp_path: Path) -> None:
    out = tmp_path / "out" / "events.jsonl"
    out.parent.mkdir()
    seen: list[str] = []

    def docs() -> Iterator[DocumentAnnotations]:
        for _ in range(100):
            yield running_example()
        # the first documents' lines are on disk (in the temporary file) before the last
        # document is even read
        seen.extend(f.read_text(encoding="utf-8") for f in out.parent.iterdir() if f.is_file())
        yield two_sentences()

    report = write_events_json(docs(), out, SCHEMA)
    assert any('"sent_id"' in text for text in seen), seen
    assert not out.exists() or report.files == [str(out)]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 100 + 2
    assert seen[0].splitlines() == lines[: len(seen[0].splitlines())]
    assert sorted(p.name for p in out.parent.iterdir()) == [
        ".events.jsonl.annotator-export.json",  # the export's marker (annotator.output)
        "events.jsonl",
    ]


def test_a_cancelled_events_export_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    calls = iter(range(10))
    with pytest.raises(Cancelled):
        write_events_json(
            [running_example(), two_sentences()], out, SCHEMA,
            cancelled=lambda: next(calls) >= 1,
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []
