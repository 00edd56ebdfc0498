"""The faster pieces of agreement (issue 12) give what the plain ones gave, on random input:

* ``tokenize`` (NumPy over a code point table) equals the character loop (``old_tokenize``);
* ``token_labels`` in IO writes the label of the winning span as it wins: equal to the IOB2
  path's choice with its prefixes taken off;
* ``_sweep`` with the distance inlined equals the sum of ``_distance`` over the same walk;
* the event argument keys made in one pass equal those made variant by variant, in order;
* ``span_key`` builds the very ``SpanKey`` its constructor builds.

The figures of a whole agreement are held to the oracle by test_agreement_stream.py."""

from __future__ import annotations

import random
from collections.abc import Hashable

import pytest

from annotator.agreement import coefficients, events
from annotator.agreement.coefficients import OUTSIDE, token_labels, tokenize
from annotator.agreement.events import EventKey
from annotator.agreement.spans import SpanKey, span_key
from tests.core.agreement_oracle import old_tokenize

ALPHABET = "ab ،.بغدادـ\u064e\u200c\u200d\n\t1٣-\U0001f600\ud800\u00a0x_"


@pytest.mark.parametrize("seed", range(4))
def test_tokenize_equals_the_character_loop(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        n = rng.randint(0, 30)
        text = "".join(rng.choice(ALPHABET) for _ in range(n))
        cuts = [rng.randint(-3, n + 3) for _ in range(rng.randint(0, 8))]
        assert tokenize(text, cuts) == old_tokenize(text, cuts), (text, cuts)


@pytest.mark.parametrize("seed", range(4))
def test_io_labels_are_the_iob2_choice_without_prefixes(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        n = rng.randint(0, 25)
        tokens: int | list[tuple[int, int]] = n
        if rng.random() < 0.5:
            tokens = tokenize("".join(rng.choice("ab c.") for _ in range(n)))
        spans = []
        for _ in range(rng.randint(0, 6)):
            a = rng.randint(0, n)
            spans.append((a, rng.randint(a - 1, n + 1), rng.choice(("PER", "GPE", "B-X"))))
        io = token_labels(tokens, spans)
        iob2 = token_labels(tokens, spans, "IOB2")
        assert io == [x if x == OUTSIDE else x[2:] for x in iob2], (tokens, spans)


def test_the_inlined_sweep_sums_the_distances() -> None:
    def walk(x: list[tuple[int, int, bool]], y: list[tuple[int, int, bool]]) -> int:
        total = i = j = 0
        while i < len(x) and j < len(y):
            total += coefficients._distance(x[i], y[j])
            end_x, end_y = x[i][1], y[j][1]
            i += end_x <= end_y
            j += end_y <= end_x
        return total

    rng = random.Random(1)
    for _ in range(5000):
        n = rng.randint(1, 60)

        def units(n: int = n) -> list[tuple[int, int]]:
            out = []
            for _ in range(rng.randint(0, 6)):
                a = rng.randrange(n)
                out.append((a, rng.randint(a, n)))
            return coefficients._reduce(out)

        x, y = coefficients._segments(units(), 0, n), coefficients._segments(units(), 0, n)
        assert coefficients._sweep(x, y) == walk(x, y)


def test_argument_keys_in_one_pass_equal_those_of_each_variant() -> None:
    def one(evs: list[EventKey], role: bool, attached: bool) -> list[SpanKey]:
        keys = set()
        for e in evs:
            doc: Hashable = (e.doc, e.trigger_start, e.trigger_end) if attached else e.doc
            for start, end, name in e.args:
                label = f"{e.type}/{name}" if role else e.type
                keys.add(SpanKey(doc, start, end, label))
        return list(keys)

    rng = random.Random(2)
    for _ in range(300):
        evs = []
        for _ in range(rng.randint(0, 8)):
            s = rng.randint(0, 50)
            args = frozenset(
                (a, a + rng.randint(1, 4), rng.choice(("Place", "Attacker")))
                for a in (rng.randint(0, 50) for _ in range(rng.randint(0, 3)))
            )
            evs.append(EventKey(rng.randint(1, 3), s, s + 2, rng.choice(("A.B", "C.D")), args))
        found = events._arguments(evs)
        for role in (False, True):
            for attached in (False, True):
                assert found[role, attached] == one(evs, role, attached)


def test_span_key_is_the_named_tuple() -> None:
    key = span_key((7, 1, 4, "PER"))
    assert type(key) is SpanKey
    assert key == SpanKey(7, 1, 4, "PER")
    assert (key.doc, key.start, key.end, key.label) == (7, 1, 4, "PER")
