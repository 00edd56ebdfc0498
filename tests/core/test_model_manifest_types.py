"""A stored model's manifest with a field of the wrong kind is a damaged model (QA 13).

The models row's manifest (``Model.summary``) is not covered by the bytes' checksum, and the
store checked only that it was a JSON object: a hand-edited ``"trained": ["a"]`` passed
``latest_model`` and crashed the model panel (``/tmp/qa13/model/manifest_column.sh``). The
store's one rule (``annotator.store._model_problem``) now also says "its manifest is damaged"
when a present field has the wrong kind, so ``latest_model``, ``integrity`` (``check``) and
the command line all treat it as damaged; everything a trained model writes passes.
"""

from __future__ import annotations

import json
import sqlite3  # white-box: the damage is written into the file's models table directly
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.commands.suggestions import MODEL_KIND, train_and_store
from annotator.errors import ProjectFileError
from annotator.project import Project
from tests.core.test_learn import add_synthetic_gold


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a model trained on its gold layer (the learning tests' corpus)."""
    path = tmp_path_factory.mktemp("m") / "p.annotator"
    with Project.create(path) as p:
        add_synthetic_gold(p)
        train_and_store(p, eval_split=0.2)
    return path


def stored_manifest(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        (text,) = conn.execute("SELECT manifest FROM models").fetchone()
    finally:
        conn.close()
    manifest = json.loads(text)
    assert isinstance(manifest, dict)
    return manifest


def edited(trained: Path, folder: Path, manifest: str) -> Path:
    path = folder / "e.annotator"
    path.write_bytes(trained.read_bytes())
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE models SET manifest = ?", [manifest])
        conn.commit()
    finally:
        conn.close()
    return path


WRONG_KINDS: dict[str, Any] = {
    "name a number": {"name": 1},
    "version an object": {"version": {"a": 1}},
    "layer a number": {"layer": 3},
    "source a list": {"source": ["crf"]},
    "trained a list": {"trained": ["a"]},
    "crf_sha256 null": {"crf_sha256": None},
    "documents text": {"documents": "many"},
    "documents true": {"documents": True},
    "mentions a list": {"mentions": [1]},
    "labels text": {"labels": "PER"},
    "labels not text": {"labels": [1, 2]},
    "scores a list": {"scores": [1]},
}


def test_what_training_stores_passes(trained: Path) -> None:
    manifest = stored_manifest(trained)
    assert {"name", "version", "layer", "source", "labels", "trained", "documents"} <= set(manifest)
    assert {"mentions", "scores", "crf_sha256"} <= set(manifest)
    with Project.open(trained, read_only=True) as p:
        found = p.latest_model(MODEL_KIND)
        assert found is not None and found[1] == manifest
        assert p.integrity() == []


@pytest.mark.parametrize("how", list(WRONG_KINDS))
def test_a_field_of_the_wrong_kind_is_a_damaged_model(
    trained: Path, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(trained, tmp_path, json.dumps({**stored_manifest(trained), **WRONG_KINDS[how]}))
    with Project.open(path, read_only=True) as p:
        with pytest.raises(ProjectFileError, match=r"model 1 is damaged \(its manifest is damaged"):
            p.latest_model(MODEL_KIND)
        assert p.integrity() == ["model 1 is damaged: train the model again"]
    capsys.readouterr()
    assert main(["suggest", str(path), "--document", "doc0", "--json"]) != 0
    assert "its manifest is damaged" in capsys.readouterr().err


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_count_that_is_no_finite_number_is_damage(
    trained: Path, tmp_path: Path, number: str
) -> None:
    text = json.dumps(stored_manifest(trained))[:-1] + f', "mentions": {number}}}'
    path = edited(trained, tmp_path, text)
    with (
        Project.open(path, read_only=True) as p,
        pytest.raises(ProjectFileError, match="its manifest is damaged"),
    ):
        p.latest_model(MODEL_KIND)


def test_the_qa_manifest_is_damaged(trained: Path, tmp_path: Path) -> None:
    """/tmp/qa13/model/manifest_column.sh's manifest: a layer and a list as the date."""
    path = edited(trained, tmp_path, '{"layer": "gold", "trained": ["a"]}')
    with (
        Project.open(path, read_only=True) as p,
        pytest.raises(ProjectFileError, match="its manifest is damaged"),
    ):
        p.latest_model(MODEL_KIND)


@pytest.mark.parametrize(
    "manifest",
    [
        {},
        {"name": "crf", "version": "1"},
        {"documents": 3, "mentions": 2.0, "labels": [], "scores": {}},
        {"unknown": [[[]]], "crf_sha256": "", "version": "", "scores": {"model": []}},
    ],
)
def test_absent_fields_and_any_number_are_fine(
    trained: Path, tmp_path: Path, manifest: dict[str, Any]
) -> None:
    path = edited(trained, tmp_path, json.dumps(manifest))
    with Project.open(path, read_only=True) as p:
        found = p.latest_model(MODEL_KIND)
        assert found is not None and found[1] == manifest
        assert p.integrity() == []
