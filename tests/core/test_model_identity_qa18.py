"""A model's version names the whole model (QA 18): two models whose crfsuite parts are the
same but which carry other trigger words (or any other field that changes predictions) get
other versions, so the first one's suggestions are seen as stale once the second is stored; a
model keeps its version through its bytes and the project file; a model saved before (no
``identity`` in its manifest) still loads and keeps the version its suggestions name."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import struct
from typing import Any

import pytest

from annotator.commands.suggestions import (
    MODEL_KIND,
    save_trained,
    store_model_suggestions,
    stored_model,
)
from annotator.learn import Model, ModelError
from annotator.learn import crf as crf_module
from annotator.learn.corpus import Example, layer_examples
from annotator.project import Project
from tests.core.test_learn import FAST, synthetic_document

PARAMS = {**FAST, "names": False}


def _with_triggers(examples: list[Example], word: str, label: str) -> list[Example]:
    """``examples`` whose event triggers are every ``word`` of their text, as ``label``."""
    out = []
    for ex in examples:
        found, at = [], ex.text.find(word)
        while at >= 0:
            found.append((at, at + len(word), label))
            at = ex.text.find(word, at + 1)
        out.append(dataclasses.replace(ex, triggers=tuple(found)))
    return out


def _resealed(model: Model, edit: Any) -> bytes:
    """``model``'s bytes with its manifest changed by ``edit`` (the CRF part as it is)."""
    manifest = json.loads(json.dumps(model.manifest))
    edit(manifest)
    head = json.dumps(manifest, ensure_ascii=False).encode()
    return crf_module.MAGIC + struct.pack(">I", len(head)) + head + model.crf


@pytest.fixture
def two(synthetic: Project) -> tuple[Model, Model]:
    examples = layer_examples(synthetic)
    first = Model.fit(_with_triggers(examples, "وصل", "Movement.Transport"), params=PARAMS)
    second = Model.fit(_with_triggers(examples, "غادر", "Movement.Transport"), params=PARAMS)
    return first, second


def test_models_with_the_same_crf_part_and_other_triggers_differ_in_version(
    two: tuple[Model, Model],
) -> None:
    first, second = two
    # the same entity spans: the same crfsuite part (training is deterministic)
    assert first.crf == second.crf
    assert first.manifest["crf_sha256"] == second.manifest["crf_sha256"]
    assert first.manifest["triggers"] != second.manifest["triggers"]
    assert first.version != second.version and first.source != second.source
    assert len(first.version) == 8 and int(first.version, 16) >= 0


def test_the_first_models_suggestions_are_stale_once_the_second_is_stored(
    synthetic: Project, two: tuple[Model, Model]
) -> None:
    first, second = two
    text = synthetic_document(77)[0]
    doc = synthetic.add_document(text, name="unlabelled")
    save_trained(synthetic, first)
    stored = store_model_suggestions(synthetic, first, [synthetic.document(doc.id)])
    assert stored.suggestions, "the first model suggests something there"

    def current(project: Project) -> bool:
        """what the window asks of a document: does it hold a pending suggestion of the
        stored model's version (the models row's ``version``, ``Project.latest_model``)"""
        found = project.latest_model(MODEL_KIND)
        assert found is not None
        version = found[1]["version"]
        return any(s.source.endswith(f"@{version}") for s in project.suggestions(doc.id))

    assert current(synthetic)
    save_trained(synthetic, second)
    assert not current(synthetic)  # stale: the second model suggests there again
    # the command line's path reads the model's bytes: the same version as the row
    found = synthetic.latest_model(MODEL_KIND)
    assert found is not None
    assert stored_model(synthetic).version == second.version == found[1]["version"]
    store_model_suggestions(synthetic, second, [synthetic.document(doc.id)])
    assert current(synthetic)
    assert {s.source for s in synthetic.suggestions(doc.id)} == {second.source}


def test_a_model_keeps_its_version_through_its_bytes_and_the_project_file(
    synthetic: Project, two: tuple[Model, Model]
) -> None:
    first, _ = two
    back = Model.from_bytes(first.to_bytes())
    assert back.version == first.version and back.source == first.source
    save_trained(synthetic, first)
    path = synthetic.path
    synthetic.close()
    with Project.open(path, read_only=True) as again:
        assert stored_model(again).version == first.version
        (row,) = again.models()
        assert row["version"] == first.version and row["manifest"]["version"] == first.version


def test_what_does_not_change_predictions_does_not_change_the_version(
    two: tuple[Model, Model],
) -> None:
    first, _ = two

    def described(m: dict[str, Any]) -> None:
        m["trained"] = "2000-01-01T00:00:00+00:00"
        m["layer"] = "other"
        m["scores"] = {"model": {"micro": {"f1": 0.5}}}
        m["documents"] += 1

    assert Model.from_bytes(_resealed(first, described)).version == first.version

    def biased(m: dict[str, Any]) -> None:
        m["params"]["o_bias"] = 2.0

    def more_names(m: dict[str, Any]) -> None:
        m["gazetteer"]["مدينة جديدة"] = "GPE"

    for edit in (biased, more_names):
        assert Model.from_bytes(_resealed(first, edit)).version != first.version


def test_a_model_saved_before_loads_and_keeps_its_version(
    synthetic: Project, two: tuple[Model, Model]
) -> None:
    first, _ = two
    old_bytes = _resealed(first, lambda m: m.pop("identity"))
    old = Model.from_bytes(old_bytes)
    # as the previous version named it: its crfsuite part's hash
    assert old.version == first.manifest["crf_sha256"][:8] != first.version
    # stored as the previous version stored it: the row and the suggestions agree
    doc = synthetic.add_document(synthetic_document(78)[0], name="unlabelled")
    synthetic.save_model(MODEL_KIND, old_bytes, old.summary())
    store_model_suggestions(synthetic, old, [synthetic.document(doc.id)])
    version = stored_model(synthetic).version
    found = synthetic.latest_model(MODEL_KIND)
    assert found is not None and found[1]["version"] == version == old.version
    assert synthetic.suggestions(doc.id)
    assert all(s.source == f"model:crf@{version}" for s in synthetic.suggestions(doc.id))


@pytest.mark.parametrize("value", [1, 3, "2", True, None, [2]])
def test_an_identity_this_program_does_not_know_is_refused(
    two: tuple[Model, Model], value: Any
) -> None:
    def edit(m: dict[str, Any]) -> None:
        m["identity"] = value

    with pytest.raises(ModelError, match="identity"):
        Model.from_bytes(_resealed(two[0], edit))


def test_the_version_is_the_hash_of_the_canonical_manifest(two: tuple[Model, Model]) -> None:
    first, _ = two
    named = {k: v for k, v in first.manifest.items() if k not in crf_module.NOT_IDENTITY}
    text = json.dumps(named, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert first.version == hashlib.sha256(text.encode()).hexdigest()[:8]
    assert "crf_sha256" in named and "triggers" in named and "trained" not in named
