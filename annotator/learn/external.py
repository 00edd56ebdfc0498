"""Predictions made elsewhere, as another source of suggestions: a JSONL file of scored spans,
or a spaCy pipeline directory on this machine (loaded offline, never downloaded).

JSONL: one object per line, the shape ``annotator suggest --json`` prints:
``{"document": NAME, "start": INT, "end": INT, "label": STR, "score": 0..1, "source": STR}``
with code-point offsets; ``score`` defaults to 1 and ``source`` to the file's name. Every
error names the file and line; offsets outside the document's text, a label the project's
schema does not have, a span of white space only and a source that is not a printable name
(or claims the project's own model) are refused; exact duplicate lines count once.

``store_file_suggestions`` and ``store_pipeline_suggestions`` (the command line's ``suggest
--from`` / ``--spacy`` and the GUI's "Import suggestions" alike, through
``import_suggestions``) store them as pending in ONE transaction, replacing what each of
their sources left pending in those documents before; nothing is stored when any line is bad.
Given a ``SuggestionBatch`` they store them as that batch, and the report names what they
replaced (``Imported.replaced``), so the import can be ONE undoable step whose undo and redo
are a write each (``annotator.commands.suggestions.import_step``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import rules, safejson
from annotator.errors import AnnotatorError, ImportFormatError, Message
from annotator.formats.source import decode_text, read_file, shown
from annotator.learn.corpus import suggestion
from annotator.model import Document
from annotator.search.annotations import Coverage
from annotator.search.suggestions import (
    NotStored,
    Suggestion,
    built_in_source,
    source_family,
    suggestable_labels,
    unknown_label,
)

if TYPE_CHECKING:
    from annotator.project import Project
    from annotator.store import SuggestionBatch

_FIELDS = {"document", "start", "end", "label", "score", "source"}
MAX_SOURCE = 200
"""The longest source a file may name (shown in the Suggestions dock and menus)"""


def own_model_family() -> str:
    """The source family of the project's own model (``model:crf``)."""
    from annotator.learn.crf import SOURCE_FAMILY

    return SOURCE_FAMILY


def source_problem(source: object, family: str) -> str | None:
    """Why ``source`` may not name a source of suggestions (None: it may): printable text of
    1 to ``MAX_SOURCE`` characters (``rules.name_problem``) outside the project's own model's
    ``family`` (``own_model_family``)."""
    v = rules.name_problem(source, "source", limit=MAX_SOURCE)
    if v is not None:
        return v.message
    if built_in_source(str(source), family):
        return (
            f"source {source!r} is one of the project's own (its model, annotate-all, a "
            "gazetteer): give the predictions a source of their own"
        )
    return None


def file_source(path: Path) -> str:
    """The source of a JSONL file's predictions that name none: ``file:`` and its name."""
    return f"file:{Path(path).name}"


def read_suggestions(
    path: Path, documents: Mapping[str, Document | None], labels: Collection[str] | None = None
) -> list[Suggestion]:
    """The suggestions of a JSONL file, for the documents named in ``documents`` (by name; a
    name mapped to None is shared by several documents and refused, as it does not tell which
    one), each label one of ``labels`` (None: any label name). Exact duplicates count once."""
    path = Path(path)
    where = shown(path)
    text = decode_text(path, read_file(path)).removeprefix("\ufeff")
    out: list[Suggestion] = []
    seen: set[tuple[int, int, int, str, float, str]] = set()
    family = own_model_family()
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = safejson.loads(line)
        except safejson.UnsafeJSON as exc:
            raise ImportFormatError(where, n, f"not a JSON object: {exc}") from None
        s = _suggestion(item, documents, labels, where, n, file_source(path), family)
        key = (s.doc_id, s.start, s.end, s.label, s.score, s.source)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _suggestion(
    item: Any,
    documents: Mapping[str, Document | None],
    labels: Collection[str] | None,
    where: str,
    n: int,
    default_source: str,
    family: str,
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
        raise bad(f"no document named {repr(name)[:80]} in the project")
    doc = documents[name]
    if doc is None:
        raise bad(
            f"several documents are named {repr(name)[:80]}: the name does not tell which one "
            "(give them distinct names)"
        )
    if type(start) is not int or type(end) is not int:
        raise bad("start and end must be whole numbers (code-point offsets)")
    text = doc.text
    if start == end and 0 <= start <= len(text):
        raise bad(f"the span {start}-{end} of {name!r} is empty: its end must come after its start")
    if 0 <= end < start <= len(text):
        raise bad(
            Message(
                "the span {start}-{end} of {name} ends before it starts: its end must come "
                "after its start",
                start=start,
                end=end,
                name=repr(name),
            )
        )
    if not 0 <= start < end <= len(text):
        raise bad(
            f"offsets {start}-{end} are outside the text of {name!r} ({len(text)} characters)"
        )
    if not text[start:end].strip():
        raise bad(f"the span {start}-{end} of {name!r} is only white space")
    if not isinstance(label, str) or not label.strip():
        raise bad("label must be a non-empty string")
    too_long = rules.label_name_problem(label, "label")  # (100 characters: a schema's limit)
    if too_long is not None:
        raise bad(too_long.message)
    if labels is not None and label not in labels:
        raise unknown_label(where, n, label)
    if type(score) not in (int, float) or not 0 <= score <= 1:
        raise bad("score must be a number from 0 to 1")
    problem_text = source_problem(source, family)
    if problem_text is not None:
        raise bad(problem_text)
    return suggestion(doc.id, text, start, end, label, float(score), source)


class SpacyUnavailable(AnnotatorError):
    """spaCy is not installed, or the folder holds no pipeline it can load."""


def _first_line(exc: BaseException) -> str:
    """The first non-blank line of ``exc``'s message, printable (``shown``)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return shown(lines[0] if lines else type(exc).__name__)


class SpacyPipeline:
    """A local spaCy pipeline directory as a source of entity suggestions.

    Loaded with ``spacy.load(folder)`` from a folder holding ``config.cfg`` only (a path,
    never a package name, so nothing is fetched; a component ``source``-d from another
    pipeline is refused). Every failure to load is ``SpacyUnavailable``: one line naming the
    folder. spaCy's entities carry no probability: their score is 1, unless the pipeline's
    ``spancat`` gives span scores (``doc.spans[key].attrs["scores"]``).
    """

    def __init__(self, folder: Path, spans_key: str = "sc") -> None:
        folder = Path(folder)
        where = shown(folder)
        try:
            import spacy
        except Exception:  # ImportError, or a broken installation
            raise SpacyUnavailable("spaCy is not installed (pip install spacy)") from None
        if not (folder / "config.cfg").is_file():
            raise SpacyUnavailable(f"{where}: not a spaCy pipeline folder (no config.cfg)")
        try:
            config = spacy.util.load_config(folder / "config.cfg")
            components = config.get("components", {})
            for name, block in components.items() if isinstance(components, dict) else ():
                if isinstance(block, dict) and "source" in block:
                    raise SpacyUnavailable(
                        f"{where}: component {shown(str(name))!r} is taken from another "
                        "pipeline (source): only a self-contained pipeline folder is loaded"
                    )
            self.nlp = spacy.load(folder)
            meta = self.nlp.meta
        except SpacyUnavailable:
            raise
        except Exception as exc:  # configparser, catalogue/thinc registries, KeyError, OSError…
            raise SpacyUnavailable(f"{where}: spaCy cannot load it: {_first_line(exc)}") from None
        self.source = f"model:spacy-{meta.get('name', folder.name)}@{meta.get('version', '0')}"
        problem = source_problem(self.source, own_model_family())
        if problem is not None:
            raise SpacyUnavailable(f"{where}: its meta.json name or version: {problem}")
        self.spans_key = spans_key
        self.folder = folder

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
                    if not 0 <= sc <= 1:  # not a probability: left out (``suggestion`` clamps)
                        continue
                    out.append(
                        suggestion(doc.id, doc.text, span.start_char, span.end_char,
                                   span.label_, sc, self.source)
                    )  # fmt: skip
        return out


# -- storing ---------------------------------------------------------------------------------
@dataclass
class Imported:
    """What an import of outside predictions left pending."""

    found: int
    """predictions read for the documents asked (duplicates counted once)"""
    suggestions: list[Suggestion]
    """what is now pending from their sources in those documents, in reading order"""
    not_stored: NotStored = field(default_factory=NotStored)
    """why the predictions read but not stored were left out"""
    origin: str = ""
    """the file or folder they came from, as shown"""
    sources: tuple[str, ...] = ()
    """the sources of the predictions read, what the report names when none of them is
    pending (none read: the file or folder, ``origin``)"""
    replaced: list[Suggestion] = field(default_factory=list)
    """the pending suggestions of their sources the import took away in those documents
    (those a live span hides, or whose label the schema lacks, too): what the undo of the
    import puts back (read when it stores a batch, for its step; else empty)"""

    @property
    def stored(self) -> int:
        return len(self.suggestions)

    def lines(self) -> list[Message]:
        """The report of the import, the command line's and the window's alike: what is
        pending now, from which sources, then what was not stored and why."""
        # the same name whether or not any is pending: the sources read (none: the file)
        named = {s.source for s in self.suggestions} or set(self.sources)
        sources = ", ".join(sorted(named)) or self.origin
        first = Message(
            "{n} suggestion(s) pending from {sources} in {documents} document(s)",
            n=self.stored,
            sources=sources,
            documents=len({s.doc_id for s in self.suggestions}),
        )
        return [first, *self.not_stored.lines()]


def store_suggestions(
    project: Project,
    found: Sequence[Suggestion],
    sources: Iterable[str],
    documents: Sequence[int] | None = None,
    min_score: float = 0.0,
    batch: SuggestionBatch | None = None,
) -> Imported:
    """``found`` (those in ``documents``, ids; None: every document, scoring at least
    ``min_score``) stored as pending in ONE transaction: they replace what ``sources`` (each
    with its family) left pending in those documents (``Imported.replaced``), and none
    overlaps an annotation, another pending suggestion or a remembered rejection
    (``Project.add_suggestions``); those left out are counted by reason (``not_stored``),
    never dropped silently. With ``batch`` they are stored as that batch (under its uuids:
    ``Project.add_suggestions``) and the report names the suggestions they replaced
    (``Imported.replaced``, for the step's undo: ``commands.suggestions.import_step``)."""
    wanted = None if documents is None else set(documents)
    kept = [s for s in found if (wanted is None or s.doc_id in wanted) and s.score >= min_score]
    sources = sorted(set(sources))
    families = {source_family(s) for s in sources}
    with project.transaction():
        # (what it replaces, for the undo of a step storing a batch; the command line's
        # import, no step, does without reading them)
        replaced = _replaced(project, families, wanted) if batch is not None else []
        for source in sources:
            for doc_id in [None] if wanted is None else sorted(wanted):
                project.clear_suggestions(source, doc_id, family=True)
        project.add_suggestions(kept, batch)
        pending_keys = {
            s.key for d in sorted({s.doc_id for s in kept}) for s in _pending(project, d)
        }
        first: dict[tuple[int, int, int, str, str], str] = {}
        for s in kept:  # (stored under a batch's uuid: the first given of each key is it)
            first.setdefault(s.key, s.uuid)
        stored = {uuid for key, uuid in first.items() if key in pending_keys}
        why = not_stored(project, kept, stored)
    pending = [
        s
        for s in project.suggestions(None, min_score)
        if source_family(s.source) in families and (wanted is None or s.doc_id in wanted)
    ]
    return Imported(len(kept), pending, why, replaced=replaced)


def _replaced(
    project: Project, families: Collection[str], wanted: set[int] | None
) -> list[Suggestion]:
    """The pending suggestions of ``families`` in ``wanted`` (None: every document), those a
    live span hides or whose label the schema lacks too: what an import of those sources
    replaces. Documents without any pending suggestion cost one indexed look-up each."""
    if not families:
        return []
    ids = sorted(wanted) if wanted is not None else [d.id for d in project.documents()]
    return [
        s
        for d in ids
        if project.has_suggestions(d)
        for s in _pending(project, d)
        if source_family(s.source) in families
    ]


def _pending(project: Project, doc_id: int) -> list[Suggestion]:
    """Every pending suggestion of a document, those a live span hides too."""
    free, behind = project.suggestions_and_covered(doc_id)
    return free + behind


def store_file_suggestions(
    project: Project,
    path: Path,
    documents: Sequence[int] | None = None,
    min_score: float = 0.0,
    batch: SuggestionBatch | None = None,
) -> Imported:
    """The predictions of the JSONL file at ``path`` (``read_suggestions``, labels of the
    project's schema) stored by ``store_suggestions``; a bad line is an ImportFormatError
    naming the file and line, and then nothing is stored."""
    by_name: dict[str, Document | None] = {}
    for d in project.documents(with_text=True):
        by_name[d.name] = None if d.name in by_name else d  # a shared name: None
    found = read_suggestions(Path(path), by_name, suggestable_labels(project.schema))
    sources = {s.source for s in found}
    made = store_suggestions(project, found, sources, documents, min_score, batch)
    return replace(made, origin=shown(Path(path)), sources=tuple(sorted(sources)))


def store_pipeline_suggestions(
    project: Project,
    folder: Path,
    documents: Sequence[int] | None = None,
    min_score: float = 0.0,
    batch: SuggestionBatch | None = None,
) -> Imported:
    """The entities a local spaCy pipeline (``SpacyPipeline``) finds in ``documents`` (ids;
    None: every document) stored by ``store_suggestions``. A label the project's schema does
    not have is an ImportFormatError naming the folder, and then nothing is stored; spans of
    white space only are left out."""
    pipeline = SpacyPipeline(Path(folder))
    ids = list(documents) if documents is not None else [d.id for d in project.documents()]
    labels = suggestable_labels(project.schema)
    found: list[Suggestion] = []
    for s in pipeline.predict(project.document(i) for i in dict.fromkeys(ids)):
        if s.label not in labels:
            raise unknown_label(shown(pipeline.folder), None, s.label)
        if s.text.strip() and 0 <= s.score <= 1:
            found.append(s)
    made = store_suggestions(project, found, [pipeline.source], documents, min_score, batch)
    return replace(made, origin=shown(pipeline.folder), sources=(pipeline.source,))


def import_suggestions(
    project: Project,
    path: Path,
    documents: Sequence[int] | None = None,
    min_score: float = 0.0,
    batch: SuggestionBatch | None = None,
) -> Imported:
    """A spaCy pipeline folder (or its ``config.cfg``) or a JSONL file of predictions, stored
    as pending suggestions (``store_pipeline_suggestions`` / ``store_file_suggestions``;
    with ``batch``, as that batch)."""
    path = Path(path)
    if path.name == "config.cfg" and path.is_file():
        path = path.parent
    if path.is_dir():
        return store_pipeline_suggestions(project, path, documents, min_score, batch)
    return store_file_suggestions(project, path, documents, min_score, batch)


def not_stored(project: Project, given: Sequence[Suggestion], stored: Collection[str]) -> NotStored:
    """Why each of ``given`` whose uuid is not in ``stored`` (the uuids now pending of them)
    was left out by ``Project.add_suggestions``, read from the project after it: a label the
    schema does not have, else a live span over it, else a pending suggestion over it (one
    of ``stored``: they overlap each other; another source's: named), else a remembered
    rejection."""
    why = NotStored()
    known = project.suggestable_labels()
    left = [s for s in given if s.uuid not in stored]
    why.labels = sum(1 for s in left if s.label not in known)
    left = [s for s in left if s.label in known]
    for doc_id in sorted({s.doc_id for s in left}):
        spans = Coverage(project.spans(doc_id))
        free, behind = project.suggestions_and_covered(doc_id)
        pending = free + behind
        for s in (s for s in left if s.doc_id == doc_id):
            if spans.overlaps(s.start, s.end):
                why.annotations += 1
                continue
            over = [p for p in pending if p.start < s.end and s.start < p.end]
            others = sorted({p.source for p in over if p.uuid not in stored})
            if others:
                why.pending[others[0]] = why.pending.get(others[0], 0) + 1
            elif over:
                why.each_other += 1
            else:
                why.rejected += 1
    return why
