"""Predictions made elsewhere, as another source of suggestions: a JSONL file of scored spans,
or a spaCy pipeline directory on this machine (loaded offline, never downloaded).

JSONL: one object per line, the shape ``annotator suggest --json`` prints:
``{"document": NAME, "start": INT, "end": INT, "label": STR, "score": 0..1, "source": STR}``
with code-point offsets; ``score`` defaults to 1 and ``source`` to the file's name. Every
error names the file and line; offsets outside the document's text are refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from annotator import safejson
from annotator.errors import AnnotatorError, ImportFormatError
from annotator.formats.source import decode_text, read_file, shown
from annotator.learn.corpus import suggestion
from annotator.model import Document
from annotator.search.suggestions import Suggestion

_FIELDS = {"document", "start", "end", "label", "score", "source"}


def read_suggestions(path: Path, documents: Mapping[str, Document]) -> list[Suggestion]:
    """The suggestions of a JSONL file, for the documents named in ``documents`` (by name)."""
    path = Path(path)
    where = shown(path)
    text = decode_text(path, read_file(path)).removeprefix("\ufeff")
    out: list[Suggestion] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = safejson.loads(line)
        except safejson.UnsafeJSON as exc:
            raise ImportFormatError(where, n, f"not a JSON object: {exc}") from None
        out.append(_suggestion(item, documents, where, n, f"file:{path.name}"))
    return out


def _suggestion(
    item: Any, documents: Mapping[str, Document], where: str, n: int, default_source: str
) -> Suggestion:
    def bad(message: str) -> ImportFormatError:
        return ImportFormatError(where, n, message)

    if not isinstance(item, dict):
        raise bad("expected a JSON object with document, start, end and label")
    extra = sorted(set(item) - _FIELDS)
    if extra:
        raise bad(f"unknown field {extra[0]!r} (expected {', '.join(sorted(_FIELDS))})")
    missing = [k for k in ("document", "start", "end", "label") if k not in item]
    if missing:
        raise bad(f"missing field {missing[0]!r}")
    name, start, end, label = item["document"], item["start"], item["end"], item["label"]
    score = item.get("score", 1.0)
    source = item.get("source", default_source)
    if not isinstance(name, str) or name not in documents:
        raise bad(f"no document named {name!r} in the project")
    if type(start) is not int or type(end) is not int:
        raise bad("start and end must be whole numbers (code-point offsets)")
    text = documents[name].text
    if not 0 <= start < end <= len(text):
        raise bad(
            f"offsets {start}-{end} are outside the text of {name!r} ({len(text)} characters)"
        )
    if not isinstance(label, str) or not label.strip():
        raise bad("label must be a non-empty string")
    if type(score) not in (int, float) or not 0 <= score <= 1:
        raise bad("score must be a number from 0 to 1")
    if not isinstance(source, str) or not source:
        raise bad("source must be a non-empty string")
    return suggestion(documents[name].id, text, start, end, label, float(score), source)


class SpacyUnavailable(AnnotatorError):
    """spaCy is not installed, or the folder holds no pipeline it can load."""


class SpacyPipeline:
    """A local spaCy pipeline directory as a source of entity suggestions.

    Loaded with ``spacy.load(folder)`` from the folder only (a path, never a package name, so
    nothing is fetched). spaCy's entities carry no probability: their score is 1, unless the
    pipeline's ``spancat`` gives span scores (``doc.spans[key].attrs["scores"]``).
    """

    def __init__(self, folder: Path, spans_key: str = "sc") -> None:
        try:
            import spacy
        except ImportError:
            raise SpacyUnavailable("spaCy is not installed (pip install spacy)") from None
        folder = Path(folder)
        if not (folder / "config.cfg").is_file():
            raise SpacyUnavailable(f"{shown(folder)}: not a spaCy pipeline folder (no config.cfg)")
        try:
            self.nlp = spacy.load(folder)
        except (OSError, ValueError) as exc:
            raise SpacyUnavailable(f"{shown(folder)}: spaCy cannot load it: {exc}") from None
        meta = self.nlp.meta
        self.source = f"model:spacy-{meta.get('name', folder.name)}@{meta.get('version', '0')}"
        self.spans_key = spans_key

    def predict(self, documents: Iterable[Document]) -> list[Suggestion]:
        out: list[Suggestion] = []
        for doc in documents:
            parsed = self.nlp(doc.text)
            for ent in parsed.ents:
                out.append(
                    suggestion(
                        doc.id, doc.text, ent.start_char, ent.end_char, ent.label_, 1.0, self.source
                    )
                )
            group = parsed.spans.get(self.spans_key) if self.spans_key in parsed.spans else None
            if group is not None:
                scores = group.attrs.get("scores")
                for k, span in enumerate(group):
                    sc = float(scores[k]) if scores is not None else 1.0
                    out.append(
                        suggestion(doc.id, doc.text, span.start_char, span.end_char,
                                   span.label_, sc, self.source)
                    )  # fmt: skip
        return out
