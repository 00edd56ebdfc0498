"""QA 15: ``train --eval-split`` tells the layer's size from the size of the part the split
leaves to train on, and says the latter before any tuning starts."""

from __future__ import annotations

from typing import Any

import pytest

from annotator.learn import NotEnoughData, train
from annotator.learn import training as training_module
from annotator.project import Project

FAST = {"max_iterations": 20}


def _layer(project: Project, documents: int) -> None:
    """``documents`` documents of three gold mentions each."""
    for k in range(documents):
        text = f"زار أحمد باريس ثم لندن ثم روما {k} ."
        doc = project.add_document(text, name=f"doc{k}")
        for name in ("باريس", "لندن", "روما"):
            i = text.index(name)
            project.add_span(doc.id, i, i + len(name), "GPE", "gold")


def _no_tuning(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("tuning started before the training part was checked")


def test_training_part_too_small_says_so_with_the_split_sizes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _layer(project, 5)  # 15 mentions: the layer is enough
    monkeypatch.setattr(training_module, "tune", _no_tuning)
    with pytest.raises(NotEnoughData) as caught:
        train(project, eval_split=0.99, seed=1, params=FAST)
    text = str(caught.value)
    assert "layer 'gold' holds 15 entity mentions in 5 labelled documents" in text
    assert "--eval-split 0.99 holds out 4 of them" in text
    assert "leaves 3 mentions in 1 documents to train on" in text
    assert "smaller --eval-split" in text


def test_small_layer_is_named_as_the_layer_first(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _layer(project, 3)  # 9 mentions: the layer itself is not enough, whatever the split
    monkeypatch.setattr(training_module, "tune", _no_tuning)
    with pytest.raises(NotEnoughData) as caught:
        train(project, eval_split=0.99, seed=1, params=FAST)
    assert str(caught.value) == (
        "layer 'gold' holds 9 entity mentions in 3 labelled documents; "
        "training needs at least 10 mentions"
    )


def test_enough_left_to_train_on_trains(project: Project) -> None:
    _layer(project, 8)
    result = train(project, eval_split=0.2, seed=1, params=FAST, curve=False, tuning=False)
    assert result.eval_documents and result.train_documents
