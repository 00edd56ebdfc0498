"""Event triggers as a second output: trigger words per event type, learnt from the layer.

A trigger word is keyed by its stem (folded, proclitics and article off, ``features.stem_of``);
a suggested trigger starts where the annotated form of the word starts (``قتل`` in وقتل).
For each stem the lexicon keeps how often the layer made it a trigger of each event type and
how often the stem occurs at all in the training documents; a suggestion's score is the share
of its occurrences that were triggers of that type (a word that is a trigger one time in ten
scores 0.1). Plain data: it is saved in the model's JSON manifest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from annotator.learn.corpus import Example, Mention, suggestion
from annotator.learn.features import stem_of
from annotator.learn.segment import Segmented, fold_word, segment
from annotator.search.suggestions import Suggestion


class TriggerLexicon:
    """stem → {event type: times a trigger} and stem → occurrences in training text."""

    def __init__(
        self, types: dict[str, dict[str, int]], seen: dict[str, int], forms: set[str]
    ) -> None:
        self.types = types
        self.seen = seen
        self.forms = forms
        """folded texts of the trigger spans as annotated (``قتل`` of وقتل)"""

    @classmethod
    def learn(cls, examples: Iterable[Example]) -> TriggerLexicon:
        types: dict[str, Counter[str]] = defaultdict(Counter)
        seen: Counter[str] = Counter()
        forms: set[str] = set()
        segs: list[Segmented] = []
        for ex in examples:
            if not ex.triggers:
                continue
            seg = segment(ex.text, ex.meta, [(s, e) for s, e, _ in ex.triggers])
            segs.append(seg)
            for s, e, label in ex.triggers:
                types[_key(ex.text[s:e])][label] += 1
                forms.add(fold_word(ex.text[s:e]))
        for seg in segs:
            for s, e in seg.tokens:
                k = _key(seg.text[s:e])
                if k in types:
                    seen[k] += 1
        return cls({k: dict(v) for k, v in types.items()}, {k: seen[k] for k in types}, forms)

    def to_json(self) -> dict[str, Any]:
        return {"types": self.types, "seen": self.seen, "forms": sorted(self.forms)}

    @classmethod
    def from_json(cls, data: Any) -> TriggerLexicon:
        """Checked: ``{"types": {stem: {type: count}}, "seen": {stem: count}, "forms": [str]}``."""
        if not isinstance(data, dict) or set(data) != {"types", "seen", "forms"}:
            raise ValueError("trigger lexicon: expected an object with types, seen and forms")
        types, seen, forms = data["types"], data["seen"], data["forms"]
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ValueError("trigger lexicon: forms must be a list of strings")
        if not isinstance(types, dict) or not isinstance(seen, dict):
            raise ValueError("trigger lexicon: types and seen must be objects")
        for k, v in types.items():
            if not isinstance(v, dict) or not all(_count(c) for c in v.values()):
                raise ValueError(f"trigger lexicon: bad counts for {k!r}")
        if not all(_count(c) for c in seen.values()) or set(seen) != set(types):
            raise ValueError("trigger lexicon: bad occurrence counts")
        return cls(types, seen, set(forms))

    def __len__(self) -> int:
        return len(self.types)

    def predict(self, seg: Segmented, doc_id: int, source: str) -> list[Suggestion]:
        """A suggestion on each token whose stem was a trigger, one per event type."""
        return [
            suggestion(doc_id, seg.text, start, end, label, score, source)
            for start, end, label, score in self._found(seg)
        ]

    def mentions(self, seg: Segmented) -> list[Mention]:
        """The trigger suggested on each token as a mention (start, end, event type): of the
        event types ``predict`` suggests on one token the one scored highest (a tie: the first
        by name), the one a flat tagging can hold; what its held-out scores measure."""
        best: dict[tuple[int, int], tuple[float, str]] = {}
        for start, end, label, score in self._found(seg):
            kept = best.get((start, end))
            if kept is None or score > kept[0]:  # types come by name: a tie keeps the first
                best[(start, end)] = (score, label)
        return [(s, e, label) for (s, e), (_, label) in best.items()]

    def _found(self, seg: Segmented) -> list[tuple[int, int, str, float]]:
        """(start, end, event type, score) of each suggestion ``predict`` makes."""
        out: list[tuple[int, int, str, float]] = []
        if not self.types:
            return out
        for i, (s, e) in enumerate(seg.tokens):
            k = _key(seg.text[s:e])
            found = self.types.get(k)
            if not found:
                continue
            places = seg.starts(i)
            start = next((p for p in places if fold_word(seg.text[p:e]) in self.forms), places[-1])
            total = max(self.seen.get(k, 1), sum(found.values()), 1)
            for label, n in sorted(found.items()):
                out.append((start, e, label, min(1.0, n / total)))
        return out


def _key(word: str) -> str:
    return stem_of(fold_word(word))


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0
