"""Numbered sub-classes of a label (``MIS0``, ``MIS1``, ``MIS-2``) learnt as one label and told
apart again after prediction.

Some layers split a label into numbered sub-classes whose meaning changes from document to
document (AQMAR's MIS0/MIS1/MIS2 are article-specific kinds of "miscellaneous"). Learnt as
separate labels, each has few examples and the CRF spreads its doubt between them; learnt as
one (``merged``), the mentions pool. The sub-class a predicted span gets back is the one the
layer gave the same folded text most often, else the sub-class of that label the layer used
most. The suggestions carry the layer's own labels either way. (Letting the words of an
unseen text vote, each with the sub-class its stem was given most, was measured and left out:
AQMAR by article 0.249 -> 0.233, Physics 0.206 -> 0.093.)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from annotator.learn.segment import fold_word

_NUMBERED = re.compile(r"-?\d+$")


def merged(label: str) -> str:
    """A label without its numbered sub-class (``MIS0``, ``MIS-2`` → ``MIS``; ``2`` stays)."""
    return _NUMBERED.sub("", label) or label


class Subclasses:
    """Per merged label that stands for several of the layer's labels: the sub-class to
    give back by default and per folded mention text."""

    def __init__(
        self,
        default: Mapping[str, str],
        by_text: Mapping[str, Mapping[str, str]],
    ):
        self.default = dict(default)
        self.by_text = {label: dict(texts) for label, texts in by_text.items()}

    @classmethod
    def learn(cls, mentions: Iterable[tuple[str, str]]) -> Subclasses:
        """From (text, label) of the layer's mentions; only labels merging two or more."""
        overall: dict[str, Counter[str]] = defaultdict(Counter)
        texts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for text, label in mentions:
            base = merged(label)
            overall[base][label] += 1
            texts[base][fold_word(text)][label] += 1
        default: dict[str, str] = {}
        by_text: dict[str, dict[str, str]] = {}
        for base, counts in overall.items():
            if len(counts) < 2:
                continue
            default[base] = _most(counts)
            by_text[base] = {
                t: _most(c) for t, c in sorted(texts[base].items()) if _most(c) != default[base]
            }
        return cls(default, by_text)

    def relabel(self, label: str) -> str:
        """The label the model learns for the layer's ``label``."""
        base = merged(label)
        return base if base in self.default else label

    def restore(self, label: str, text: str) -> str:
        """The layer's label for a span the model labelled ``label`` on ``text``."""
        if label not in self.default:
            return label
        return self.by_text[label].get(fold_word(text), self.default[label])

    def labels(self, learnt: Iterable[str]) -> list[str]:
        """The layer's labels behind the model's ``learnt`` ones."""
        out = set()
        for label in learnt:
            if label in self.default:
                out.add(self.default[label])
                out.update(self.by_text[label].values())
            else:
                out.add(label)
        return sorted(out)

    def to_json(self) -> dict[str, Any]:
        return {"default": self.default, "by_text": self.by_text}

    @classmethod
    def from_json(cls, data: Any) -> Subclasses:
        """``data`` as sub-classes, or ValueError: an object with ``default`` (label → label)
        and ``by_text`` (label → folded text → label) for the same labels, each label given
        back a sub-class of the merged label it stands for (``merged``)."""
        if not isinstance(data, dict) or set(data) != {"default", "by_text"}:
            raise ValueError("sub-classes: expected an object with default and by_text")
        default, by_text = data["default"], data["by_text"]
        if not (
            isinstance(default, dict)
            and isinstance(by_text, dict)
            and set(default) == set(by_text)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in default.items())
            and all(
                isinstance(texts, dict)
                and all(isinstance(t, str) and isinstance(v, str) for t, v in texts.items())
                for texts in by_text.values()
            )
        ):
            raise ValueError("sub-classes: labels and texts must be strings")
        # what ``learn`` makes: each merged label gives back its own sub-classes only (MIS
        # gives MIS0, MIS-2 or MIS), never a label of another name (damage, or an altered
        # model naming a label it never learnt)
        for base, label in default.items():
            if merged(label) != base:
                raise ValueError(f"sub-classes: {label!r} is not a sub-class of {base!r}")
        for base, texts in by_text.items():
            for label in texts.values():
                if merged(label) != base:
                    raise ValueError(f"sub-classes: {label!r} is not a sub-class of {base!r}")
        return cls(default, by_text)


def _most(counts: Counter[str]) -> str:
    """The most frequent label; ties to the first in sorted order."""
    return min(counts, key=lambda label: (-counts[label], label))
