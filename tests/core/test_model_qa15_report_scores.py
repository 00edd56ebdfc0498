"""QA 15: the training report isolates each held-out document's name (two Arabic names read
in their listed order), and every suggestion a model makes scores within [0, 1]."""

from __future__ import annotations

import math
import re

from hypothesis import given
from hypothesis import strategies as st

from annotator.learn import train
from annotator.learn.corpus import suggestion
from annotator.project import Project

NAMES = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "doc<6>&"]


def test_held_out_names_are_each_isolated_in_order(project: Project) -> None:
    for k, name in enumerate(NAMES):
        text = f"ذهب إلى هولندا ثم فرنسا وسورية {k}"
        d = project.add_document(text, name=name)
        for n in ("هولندا", "فرنسا", "سورية"):
            i = text.index(n)
            project.add_span(d.id, i, i + len(n), "GPE", "gold")
    result = train(project, eval_split=0.5, seed=3, params={"max_iterations": 10},
                   curve=False, tuning=False)  # fmt: skip
    assert len(result.eval_documents) >= 2
    page = result.report_html()
    held = re.search(r"<p>Held out \(whole documents\): (.*?)\. Exact spans", page)
    assert held is not None
    escaped = [n.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               for n in result.eval_documents]  # fmt: skip
    assert held.group(1) == ", ".join(f"<bdi>{n}</bdi>" for n in escaped)
    assert "<p>Layer <b><bdi>gold</bdi></b>" in page


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_score_is_within_0_and_1(score: float) -> None:
    s = suggestion(1, "زار أحمد باريس", 4, 8, "PER", score, "model:crf@x")
    assert 0.0 <= s.score <= 1.0
    if 0.0 <= score <= 1.0:
        assert s.score == score
    if math.isnan(score):
        assert s.score == 0.0


def test_a_rounding_past_1_is_1() -> None:
    assert suggestion(1, "abc", 0, 1, "PER", 1.0000000000000002, "s").score == 1.0
    assert suggestion(1, "abc", 0, 1, "PER", -1e-17, "s").score == 0.0
