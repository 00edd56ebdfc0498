"""Issue 9, clock: a stamp from far in the future must never become a project's clock.

Before: a bundle or project file carrying ``9999999999999.999999`` was merged, became the
project's clock, the next edit wrote the 14-digit stamp ``10000000000000.000000`` and from then
on every open failed with "not a clock stamp"; merging that project spread it further. Now
remote stamps beyond ``rules.MAX_DRIFT_MS`` are quarantined and never observed, the clock
never formats a stamp of another shape, and a project already holding such stamps repairs
itself when opened (read-only opens get a valid clock in memory and write nothing).

White-box: the stamps are poisoned, and the saved clock (the ``hlc`` setting) read, through
the project's private store (``project._store``): no public method writes or reads them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator import rules
from annotator.clock import (
    MAX_COUNTER,
    MAX_DRIFT_MS,
    MAX_MS,
    ClockError,
    HybridClock,
    format_stamp,
    is_stamp,
    now_ms,
    parse,
    within_drift,
)
from annotator.errors import AnnotatorError, ProjectFileError
from annotator.exchange import (
    canonical_dump,
    merge_bundle,
    merge_project_file,
    read_bundle,
    write_bundle,
)
from annotator.model import Status
from annotator.project import Project
from annotator.store import RECORD_TABLES, Store
from annotator.validation import check_project
from tests.reliability.conftest import Tally

TEXT = "اعتقلت الشرطة محمد علي في بغداد يوم الأحد."
FAR = "9999999999999.999999"
FOURTEEN = "10000000000000.000000"


def _far(days: int) -> str:
    return format_stamp(now_ms() + days * 86_400_000, 0)


def _stamps(path: Path) -> list[str]:
    """Every stamp in the file (records, statuses, hlc), read without repairing it."""
    store = Store.open(path, read_only=True)
    try:
        out = [store.setting("hlc")]
        for kind in RECORD_TABLES:
            out += [r.clock for r in store.table(kind).where(include_deleted=True)]
        out += [s.clock for s in store.statuses()]
        return out
    finally:
        store.close()


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def _annotated(path: Path) -> Project:
    p = Project.create(path)
    doc = p.add_document(TEXT, name="arrest")
    i = TEXT.index("محمد علي")
    per = p.add_span(doc.id, i, i + 8, "PER", "amal")
    j = TEXT.index("بغداد")
    gpe = p.add_span(doc.id, j, j + 5, "GPE", "amal")
    trg = p.add_span(doc.id, 0, 6, "Justice.Arrest-Jail", "amal")
    ev = p.add_event(trg.uuid)
    p.add_argument(ev.uuid, "Person", per.uuid)
    p.add_argument(ev.uuid, "Place", gpe.uuid)
    p.add_relation("PHYS", per.uuid, gpe.uuid)
    p.set_status(doc.id, "amal", Status.IN_PROGRESS)
    return p


def _poison(p: Project, stamp_of: Callable[[int], str], hlc: str) -> None:
    """Write stamps as an older version's merge did: straight into the store."""
    store = p._store  # white-box: stamps no public write can make
    with store.write():
        n = 0
        for kind in RECORD_TABLES:
            for rec in store.table(kind).where(include_deleted=True):
                store.put(dataclasses.replace(rec, clock=stamp_of(n)))
                n += 1
        for st in store.statuses():
            store.set_status(dataclasses.replace(st, clock=stamp_of(n)))
        store.set_setting("hlc", hlc)


# -- the clock itself ---------------------------------------------------------------------------
def test_the_drift_bound_is_the_rules_one() -> None:
    assert MAX_DRIFT_MS == rules.MAX_DRIFT_MS


def test_stamps_compare_as_numbers_and_keep_their_shape() -> None:
    assert parse("1700000000000.000002") == (1_700_000_000_000, 2)
    assert parse("0000000000009.000000") < parse("1000000000000.000000")  # numbers, not text
    assert not is_stamp(FOURTEEN) and not is_stamp(9) and not is_stamp("1700000000000.1")
    with pytest.raises(ValueError):
        format_stamp(MAX_MS + 1, 0)
    with pytest.raises(ValueError):
        format_stamp(0, MAX_COUNTER + 1)
    # at the very last stamp the clock refuses instead of writing a 14-digit one
    clock = HybridClock(format_stamp(MAX_MS, MAX_COUNTER - 1), wall_ms=lambda: 10**14)
    assert clock.tick() == format_stamp(MAX_MS, MAX_COUNTER)
    with pytest.raises(ClockError):
        clock.tick()
    # a counter overflow carries into the milliseconds, still of the same shape
    clock = HybridClock(format_stamp(1_700_000_000_000, MAX_COUNTER), wall_ms=lambda: 0)
    assert clock.tick() == format_stamp(1_700_000_000_001, 0)


def test_observe_refuses_stamps_beyond_the_drift() -> None:
    now = 1_700_000_000_000
    clock = HybridClock(format_stamp(now, 0), wall_ms=lambda: now)
    for bad in (FAR, FOURTEEN, "junk", "", format_stamp(now + MAX_DRIFT_MS + 1, 0)):
        assert clock.observe(bad) is False
        assert clock.last == format_stamp(now, 0)
    inside = format_stamp(now + MAX_DRIFT_MS, 5)
    assert clock.observe(inside) is True and clock.last == inside
    assert within_drift(inside, now) and not within_drift(FAR, now)
    assert rules.stamp_problem(inside, now) is None and rules.stamp_problem(FAR, now) is not None


# -- projects already poisoned -----------------------------------------------------------------
POISONS: dict[str, tuple[Callable[[int], str], str]] = {
    "hlc and records 14 digits": (lambda n: FOURTEEN, FOURTEEN),
    "hlc and records far future": (lambda n: FAR, FAR),
    "records a year ahead, hlc too": (lambda n: _far(365), _far(365)),
    "mixed: some valid, some 14 digits": (
        lambda n: FOURTEEN if n % 2 else format_stamp(now_ms() - n, 0),
        FOURTEEN,
    ),
    "hlc malformed only": (lambda n: format_stamp(now_ms() - 1000 + n, 0), "yesterday"),
    "hlc a month ahead only": (lambda n: format_stamp(now_ms() - 1000 + n, 0), _far(30)),
}


@pytest.mark.parametrize("case", sorted(POISONS))
def test_a_poisoned_project_opens_and_repairs_itself(
    case: str, tmp_path: Path, tally: Tally
) -> None:
    row = tally("clock: poisoned project opened")
    row.tried += 1
    stamp_of, hlc = POISONS[case]
    path = tmp_path / "p.annotator"
    with _annotated(path) as p:
        live = len(p.spans())
        _poison(p, stamp_of, hlc)
    valid_before = sorted(s for s in _stamps(path)[1:] if within_drift(s))
    try:
        with Project.open(path) as p:
            assert within_drift(p.clock.last) and p._store.setting("hlc") == p.clock.last
            # every stamp valid now; the greatest valid one was kept as the clock's floor
            stamps = _stamps(path)
            assert all(within_drift(s) for s in stamps), stamps
            if valid_before:
                assert parse(p.clock.last) >= parse(valid_before[-1])
            repaired = [c for c in p.changes() if c.action == "repair-clock"]
            assert repaired and repaired[0].uuid == "hlc"  # the last entry: the clock setting
            # content unchanged but for the stamps; nothing left for check to report
            assert len(p.spans()) == live
            assert check_project(p) == []
            edit = p.add_span(p.documents()[0].id, 0, 6, "PER", "badr")
            assert is_stamp(edit.clock) and parse(edit.clock) > max(parse(s) for s in stamps)
        with Project.open(path) as again:  # sound now: opening writes nothing more
            n = len(again.changes())
            assert within_drift(again.clock.tick())
        with Project.open(path) as third:
            assert len(third.changes()) == n
        row.accepted += 1
    except AnnotatorError:
        row.clean_error += 1
        raise
    except Exception:
        row.traceback += 1
        raise


def test_a_read_only_open_of_a_poisoned_project_writes_nothing(
    tmp_path: Path, tally: Tally
) -> None:
    row = tally("clock: poisoned project opened read-only")
    row.tried += 1
    path = tmp_path / "p.annotator"
    with _annotated(path) as p:
        _poison(p, lambda n: FOURTEEN, FOURTEEN)
    before = _files(tmp_path)["p.annotator"]
    with Project.open(path, read_only=True) as p:
        assert is_stamp(p.clock.last) and within_drift(p.clock.last)
        assert len(p.spans()) == 3 and p.schema.label("PER") is not None
    assert _files(tmp_path)["p.annotator"] == before
    wal = tmp_path / "p.annotator-wal"  # SQLite may leave an empty log: nothing in it
    assert not wal.exists() or wal.stat().st_size == 0
    assert _stamps(path)[0] == FOURTEEN  # still to be repaired by the first write open
    row.accepted += 1


def test_a_failed_repair_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator"
    with _annotated(path) as p:
        _poison(p, lambda n: FAR, FAR)
    before = _stamps(path)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(Store, "log_many", broken)
    with pytest.raises(Exception, match="disk on fire"):
        Project.open(path)
    monkeypatch.undo()
    assert _stamps(path) == before  # one transaction: all of the repair or none of it
    with Project.open(path) as p:
        assert all(within_drift(s) for s in _stamps(path))
        assert p._store.setting("hlc") == p.clock.last


# -- far-future stamps from elsewhere never spread ----------------------------------------------
def test_a_far_future_bundle_is_quarantined_and_never_observed(
    tmp_path: Path, tally: Tally
) -> None:
    row = tally("clock: far-future bundle merged")
    with _annotated(tmp_path / "colleague.annotator") as colleague:
        _poison(colleague, lambda n: FAR, FAR)
        # write_bundle reads the store as it is: the bundle carries the poisoned stamps
        write_bundle(colleague, "amal", tmp_path / "far.bundle")
    with Project.create(tmp_path / "mine.annotator") as mine:
        mine.add_document(TEXT, name="arrest")
        mine.add_span(1, 0, 6, "PER", "badr")
        before = (canonical_dump(mine), mine._store.setting("hlc"), mine.clock.last)
        row.tried += 1
        report = merge_bundle(mine, read_bundle(tmp_path / "far.bundle"))
        assert report.added == report.updated == report.statuses_updated == 0
        assert len(report.quarantined) == 8  # 7 records and the status
        assert all("days ahead of this machine" in q.reason for q in report.quarantined)
        assert (canonical_dump(mine), mine._store.setting("hlc"), mine.clock.last) == before
        held = mine.quarantined()
        assert {h["record"]["clock"] for h in held} == {FAR}
        edit = mine.add_span(1, 7, 13, "ORG", "badr")
        assert is_stamp(edit.clock) and within_drift(edit.clock)
        row.accepted += 1
    with Project.open(tmp_path / "mine.annotator") as again:
        assert check_project(again) == []


def test_a_poisoned_project_file_does_not_spread(tmp_path: Path, tally: Tally) -> None:
    row = tally("clock: poisoned project file merged")
    far = tmp_path / "far.annotator"
    with _annotated(far) as colleague:
        _poison(colleague, lambda n: FAR, FAR)
    fourteen = tmp_path / "fourteen.annotator"
    with _annotated(fourteen) as colleague:
        _poison(colleague, lambda n: FOURTEEN, FOURTEEN)
    # merge_project_file reads the other file read-only: it is judged, not repaired
    with Project.create(tmp_path / "mine.annotator") as mine:
        before = (canonical_dump(mine), mine._store.setting("hlc"))
        row.tried += 1
        report = merge_project_file(mine, far)
        assert len(report.quarantined) == 8 and report.added == 0
        # the document was added, none of its records; the clock did not move
        assert [line[:2] for line in canonical_dump(mine).splitlines()] == ["D\t"]
        assert mine._store.setting("hlc") == before[1]
        row.accepted += 1
        row.tried += 1
        dump = canonical_dump(mine)
        with pytest.raises(ProjectFileError, match=r"bad clock stamp '10000000000000\.000000'"):
            merge_project_file(mine, fourteen)
        assert canonical_dump(mine) == dump
        row.clean_error += 1
    assert _stamps(far)[0] == FAR  # the colleague's file was not touched
    with Project.open(tmp_path / "mine.annotator") as again:
        assert check_project(again) == [] and within_drift(again.clock.tick())
