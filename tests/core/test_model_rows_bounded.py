"""A project keeps a bounded number of models (QA 16): every training stored a whole model row
and none was ever removed, so a project grew by megabytes a retrain (the model panel retrains
after every 50 new annotations). Storing a model now deletes, in the same transaction, the rows
of its kind older than the newest ``store.MODELS_KEPT`` (the new one among them)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3  # white-box: a file from before is made by writing its models table directly
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import annotator.store as store_module
from annotator.cli import main
from annotator.commands.suggestions import save_trained
from annotator.learn import train
from annotator.project import Project
from annotator.store import MODELS_KEPT
from tests.core.test_learn import add_synthetic_gold

K = MODELS_KEPT


def blob(i: int, size: int = 2000) -> bytes:
    return f"model {i}|".encode() + bytes([i % 256]) * size


def save(p: Project, kind: str, i: int, size: int = 2000) -> int:
    return p.save_model(kind, blob(i, size), {"name": "crf", "version": f"v{i}", "layer": "gold"})


def rows(path: Path) -> list[tuple[int, str, str]]:
    with Project.open(path, read_only=True) as p:
        return [(m["id"], m["kind"], m["version"]) for m in p.models()]


def test_only_the_newest_models_of_the_kind_remain(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        triggers = [save(p, "triggers", 100 + i) for i in range(2)]
        ids = [save(p, "ner", i) for i in range(K + 4)]
        assert [m["id"] for m in p.models() if m["kind"] == "ner"] == ids[-K:]
        got = p.latest_model("ner")
        assert got is not None and got[0] == blob(K + 3) and got[1]["version"] == f"v{K + 3}"
        # the other kind untouched by the ner saves...
        assert [m["id"] for m in p.models() if m["kind"] == "triggers"] == triggers
        # ...and the ner models untouched by saves of the other kind
        more = [save(p, "triggers", 200 + i) for i in range(K + 1)]
        assert [m["id"] for m in p.models() if m["kind"] == "triggers"] == more[-K:]
        assert [m["id"] for m in p.models() if m["kind"] == "ner"] == ids[-K:]
        got = p.latest_model("triggers")
        assert got is not None and got[0] == blob(200 + K)
        assert p.integrity() == []
    assert len(rows(path)) == 2 * K


def test_up_to_k_saves_keep_every_model(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        ids = [save(p, "ner", i) for i in range(K)]
        assert [m["id"] for m in p.models()] == ids


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with real models stored K + 2 times (``check`` reads the newest's bytes)."""
    path = tmp_path_factory.mktemp("m") / "p.annotator"
    with Project.create(path) as p:
        add_synthetic_gold(p, documents=4)
        for it in range(K + 2):
            params = {"max_iterations": 5 + it}
            result = train(p, eval_split=0, params=params, curve=False, tuning=False)
            save_trained(p, result.model)
    return path


def test_check_is_clean_after_pruning_real_models(
    trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = rows(trained)
    assert len(listed) == K and {kind for _, kind, _ in listed} == {"ner"}
    assert main(["check", str(trained)]) == 0
    assert capsys.readouterr().out.endswith("0 problem(s)\n")
    with Project.open(trained, read_only=True) as p:
        assert p.integrity() == []
        got = p.latest_model("ner")
        assert got is not None and got[1]["version"] == listed[-1][2]


def _file_size(path: Path) -> int:
    assert not Path(f"{path}-wal").exists()  # closed: everything is in the file itself
    return path.stat().st_size


def test_the_file_stops_growing_over_many_saves(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    sizes = []
    for i in range(12):
        with Project.open(path) as p:
            p.save_model("ner", os.urandom(1_000_000), {"name": "crf", "version": f"v{i}"})
        sizes.append(_file_size(path))
    # after K + 1 saves one model's rows have been deleted and their pages reused since
    assert sizes[-1] <= sizes[K] + 64 * 1024, sizes
    assert sizes[-1] < (K + 1) * 1_000_000 + 256 * 1024, sizes
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM models").fetchone() == (K,)
    conn.close()


def _old_file(path: Path, ner: int, triggers: int) -> list[int]:
    """A project written before the bound: ``ner`` then ``triggers`` model rows as
    ``add_model`` wrote them, every one kept. Returns the ner rows' ids."""
    Project.create(path).close()
    conn = sqlite3.connect(path)
    try:
        for i in range(ner + triggers):
            kind = "ner" if i < ner else "triggers"
            data = blob(i)
            manifest = json.dumps({"name": "crf", "version": f"v{i}", "layer": "gold"})
            conn.execute(
                "INSERT INTO models (kind, name, version, layer, created, manifest, data, "
                "sha256) VALUES (?, 'crf', ?, 'gold', '2026-11-30T10:00:00.000Z', ?, ?, ?)",
                [kind, f"v{i}", manifest, data, hashlib.sha256(data).hexdigest()],
            )
        conn.commit()
        return [r[0] for r in conn.execute("SELECT id FROM models WHERE kind = 'ner'")]
    finally:
        conn.close()


def test_a_file_from_before_opens_and_is_pruned_by_its_next_save(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    old = _old_file(path, ner=9, triggers=2)
    with Project.open(path) as p:
        assert len(p.models()) == 11 and p.integrity() == []  # opening writes nothing
        got = p.latest_model("ner")
        assert got is not None and got[0] == blob(8)
        new = save(p, "ner", 50)
        assert [m["id"] for m in p.models() if m["kind"] == "ner"] == [*old[-(K - 1) :], new]
        assert len([m for m in p.models() if m["kind"] == "triggers"]) == 2
        got = p.latest_model("ner")
        assert got is not None and got[0] == blob(50)
        assert p.integrity() == []


def test_a_failed_save_leaves_the_old_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        ids = [save(p, "ner", i) for i in range(K)]

        def fail() -> str:  # called for the new row, after the older ones were deleted
            raise RuntimeError("disk gone")

        monkeypatch.setattr(store_module, "now_iso", fail)
        with pytest.raises(RuntimeError):
            save(p, "ner", 99)
        monkeypatch.undo()
        assert [m["id"] for m in p.models()] == ids
        got = p.latest_model("ner")
        assert got is not None and got[0] == blob(K - 1)
        save(p, "ner", 100)  # the next save works
        assert [m["id"] for m in p.models()][: K - 1] == ids[-(K - 1) :]
        assert p.integrity() == []


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import annotator.store as store
    from annotator.project import Project

    with Project.open(sys.argv[1]) as p:
        def die():  # the new row's date is asked for after the older rows were deleted
            left = p._store.conn.execute("SELECT count(*) FROM models").fetchone()[0]
            print(left, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        store.now_iso = die
        p.save_model("ner", b"new model", {"name": "crf", "version": "new"})
    """
)


def test_a_save_killed_in_the_middle_leaves_the_old_models(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        ids = [save(p, "ner", i) for i in range(K)]
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert run.stdout.split() == [str(K - 1)]  # killed with the oldest row deleted, uncommitted
    with Project.open(path) as p:
        assert [m["id"] for m in p.models()] == ids
        got = p.latest_model("ner")
        assert got is not None and got[0] == blob(K - 1)
        assert p.integrity() == []
