"""The suggestion model on real Arabic text: the AQMAR sample (7 Wikipedia articles, CoNLL,
real tag noise), held out by whole article as ``annotator train --eval-split 0.2 --seed 1``
does. The floors are the figures measured on this sample (docs/design/model.md) less a margin;
they guard against a regression, they are not the issue's target (which this sample of
seven unrelated articles does not reach, see the design note)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.learn import TrainingResult, train
from annotator.learn.segment import segment
from tests.benchmarks.bench_learn import AQMAR, aqmar_project

pytestmark = pytest.mark.skipif(not AQMAR.is_dir(), reason="the AQMAR sample is not here")

F1_FLOOR = 0.17
"""held-out micro F1 (exact spans) on Light, the article seed 1 holds out: measured 0.197
with the first model, 0.205 with the recall work (memorisation 0.250 on this article; over
all seven held out in turn the model leads, 0.211 to 0.176: tests/benchmarks/bench_learn.py)"""


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> TrainingResult:
    path = tmp_path_factory.mktemp("aqmar") / "aqmar.annotator"
    project = aqmar_project(path)
    try:
        return train(project, eval_split=0.2, seed=1, curve=False)
    finally:
        project.close()


def test_held_out_article_scores_above_the_measured_floor(result: TrainingResult) -> None:
    assert result.eval_documents == ["Light"]  # one whole article, never a sentence split
    assert "Light" not in result.train_documents and len(result.train_documents) == 6
    assert result.scores is not None and result.baseline is not None
    assert result.scores.f1 >= F1_FLOOR
    assert result.baseline.f1 > 0.2  # the memorisation baseline, measured 0.25
    assert {"PER", "MIS0"} <= set(result.scores.per_label)
    assert result.model.manifest["documents"] == 7
    assert result.model.manifest["tokens"] > 19_000


def test_whole_token_names_are_predicted_whole(result: TrainingResult, tmp_path: Path) -> None:
    """AQMAR tags whole tokens (والمسيحيين is B-PER): the model learns to start at the word."""
    model = result.model
    text = (AQMAR / "Crusades.txt").read_text(encoding="utf-8")
    words = " ".join(line.split()[0] for line in text.splitlines() if line.strip())
    found, _ = model.predict(1, words)
    assert len(found) > 50
    seg = segment(words)
    word_starts = {s for s, _ in seg.tokens}
    assert all(s.start in word_starts for s in found)
