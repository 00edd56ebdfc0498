"""Split ratios are weights: only their proportions count (``formats.common.split_of``).
QA 13: ``train=1e308,test=1e308`` put every document in test, because the weights' sum
overflowed to infinity, while ``train=1,test=1`` split them evenly."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats.common import parse_splits, split_of
from annotator.model import Document, DocumentAnnotations


def doc(k: int) -> DocumentAnnotations:
    text = f"نص {k}"
    sha = hashlib.sha256(text.encode()).hexdigest()
    return DocumentAnnotations(Document(k, f"d{k}", text, sha))


DOCS = [doc(k) for k in range(400)]


def assignment(spec: str) -> list[str]:
    splits = parse_splits(spec)
    return [split_of(d, splits, "1") for d in DOCS]


def test_huge_equal_weights_split_as_equal_small_ones() -> None:
    even = assignment("train=1,test=1")
    assert 150 < even.count("train") < 250
    assert assignment("train=1e308,test=1e308") == even
    assert assignment("train=1.7e308,validation=1.7e308,test=1.7e308") == assignment(
        "train=1,validation=1,test=1"
    )


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=20), min_size=2, max_size=3).filter(any),
    st.sampled_from([1e300, 1e307, 1.5e308]),
)
def test_weights_scaled_until_their_sum_overflows_give_the_same_splits(
    weights: list[int], scale: float
) -> None:
    names = ["train", "validation", "test"][: len(weights)]
    small = ",".join(f"{n}={w}" for n, w in zip(names, weights, strict=True))
    big = ",".join(f"{n}={w / max(weights) * scale!r}" for n, w in zip(names, weights, strict=True))
    got_small, got_big = assignment(small), assignment(big)
    top = max(weights)
    # the big spec is small/top × scale: the same proportions
    scaled = ",".join(f"{n}={w / top!r}" for n, w in zip(names, weights, strict=True))
    assert got_big == assignment(scaled)
    for name, w in zip(names, weights, strict=True):
        if w == 0:
            assert name not in got_small and name not in got_big
