"""Predictions made elsewhere, as another source of suggestions: a JSONL file of scored spans,
or a spaCy pipeline directory on this machine (loaded offline, never downloaded).

JSONL: one object per line, the shape ``annotator suggest --json`` prints:
``{"document": NAME, "start": INT, "end": INT, "label": STR, "score": 0..1, "source": STR}``
with code-point offsets; ``score`` defaults to 1 and ``source`` to the file's name
(``file:NAME``), or every line's to the source the caller names (``suggest --source``). Every
error names the file and line; offsets outside the document's text, a label the project's
schema does not have, a span of white space only and a source that is not a printable name
(or claims the project's own model) are refused; exact duplicate lines count once. The file
is read line by line (``read_predictions``: memory bounded by what it keeps, not by its
size; progress in bytes; Cancel while reading) and checked whole before anything is stored.
Every error is a ``Message`` template (the interface translates it). A spaCy folder must be
self-contained: a config.cfg that runs a callback or takes anything from outside the folder
(``OUTSIDE``) is refused before spaCy loads anything.

``store_file_suggestions`` and ``store_pipeline_suggestions`` (the command line's ``suggest
--from`` / ``--spacy`` and the GUI's "Import suggestions" alike, through
``import_suggestions``) store them as pending in ONE transaction, replacing what each of
their sources left pending in those documents before (the report says how many, from which
source: ``Imported.cleared``); nothing is stored when any line is bad.
Given a ``SuggestionBatch`` they store them as that batch, and the report names what they
replaced (``Imported.replaced``), so the import can be ONE undoable step whose undo and redo
are a write each (``annotator.commands.suggestions.import_step``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import rules, safejson
from annotator.errors import AnnotatorError, Cancelled, ImportFormatError, Message, message_of
from annotator.formats.common import IsCancelled, Progress
from annotator.formats.source import TextLines, decode_text, read_file, shown
from annotator.learn.corpus import SOURCE_FAMILY, suggestion
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
    return SOURCE_FAMILY


def source_problem(source: object, family: str) -> str | None:
    """Why ``source`` may not name a source of suggestions (None: it may): printable text of
    1 to ``MAX_SOURCE`` characters (``rules.name_problem``) naming none of the project's own
    sources, its model's ``family`` (``own_model_family``), annotate-all, a gazetteer, in any
    letter case (``built_in_source``). The one rule of a file's ``source`` fields and of
    ``suggest --source``; the reason is a ``Message``."""
    v = rules.name_problem(source, Message("source"), limit=MAX_SOURCE)
    if v is not None:
        return v.message
    if built_in_source(str(source), family):
        return Message(
            "source {name} is one of the project's own (its model, annotate-all, a "
            "gazetteer): give the predictions a source of their own",
            name=repr(source),
        )
    return None


def given_source(source: str | None) -> str | None:
    """A source named for every prediction read (``suggest --source``), checked by the rule
    of sources in files (``source_problem``): an AnnotatorError when it may not be one."""
    if source is None:
        return None
    problem = source_problem(source, own_model_family())
    if problem is not None:
        raise AnnotatorError(problem)
    return source


def file_source(path: Path) -> str:
    """The source of a JSONL file's predictions that name none: ``file:`` and its name."""
    return f"file:{Path(path).name}"


Key = tuple[int, int, int, str, float, str]
"""a prediction read, compact: (doc_id, start, end, label, score, source)"""


@dataclass
class Read:
    """What ``read_predictions`` kept of a file: the predictions in the documents asked,
    compact (``Key``) and each once, in reading order, and every source the file names."""

    keys: dict[Key, None] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    elsewhere: int = 0
    """the lines (checked, each counted) for documents other than those asked"""


def _ticking(
    reader: TextLines, progress: Progress | None, cancelled: IsCancelled | None
) -> Callable[[], None]:
    """What a ``TextLines`` calls after each chunk read: the bytes read so far to
    ``progress``; a Cancel stops the reading at once (``Cancelled``)."""

    def tick() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("cancelled; nothing was stored")
        if progress is not None:
            progress(reader.done, reader.size)

    return tick


def read_predictions(
    path: Path,
    documents: Mapping[str, Document | None],
    labels: Collection[str] | None = None,
    *,
    wanted: Collection[int] | None = None,
    min_score: float = 0.0,
    source: str | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Read:
    """Every line of the JSONL file at ``path`` checked, read line by line as it streams by
    (``TextLines``: memory holds one chunk and one line, whatever the file's size): a bad
    line anywhere is an ImportFormatError naming the file and line, raised before anything
    is stored. Kept, compact and each once: the predictions in ``wanted`` (document ids;
    None: every document) scoring at least ``min_score``; the lines for other documents are
    counted (``Read.elsewhere``). ``documents`` maps the names a
    line may give (a name mapped to None is shared by several documents and refused, as it
    does not tell which one); each label is one of ``labels`` (None: any label name).
    ``source`` (checked by the caller: ``given_source``) is the source of every prediction
    read instead of the lines' own (still checked) and ``file:NAME``. ``progress`` gets the
    bytes read and the file's size after each chunk; ``cancelled`` stops the reading."""
    path = Path(path)
    where = shown(path)
    reader = TextLines(path)
    if progress is not None or cancelled is not None:
        reader.on_read = _ticking(reader, progress, cancelled)
    default = source or file_source(path)
    family = own_model_family()
    names: dict[str, str] = {}  # each label and source held once, not once a line
    checked: tuple[set[str], set[str]] = (set(), set())  # labels, sources found good
    out = Read()
    for n, line in reader:
        if n == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            item = safejson.loads(line)
        except safejson.UnsafeJSON as exc:
            raise ImportFormatError(
                where, n, Message("not a JSON object: {problem}", problem=message_of(exc))
            ) from None
        doc, start, end, label, score, src = _checked(
            item, documents, labels, where, n, default, family, checked
        )
        if source is not None:
            src = source
        label = names.setdefault(label, label)
        src = names.setdefault(src, src)
        out.sources.add(src)
        if wanted is not None and doc.id not in wanted:
            out.elsewhere += 1
        elif score >= min_score:
            out.keys.setdefault((doc.id, start, end, label, score, src), None)
    return out


def read_suggestions(
    path: Path, documents: Mapping[str, Document | None], labels: Collection[str] | None = None
) -> list[Suggestion]:
    """The suggestions of a JSONL file, for the documents named in ``documents`` (by name; a
    name mapped to None is shared by several documents and refused, as it does not tell which
    one), each label one of ``labels`` (None: any label name). Exact duplicates count once."""
    read = read_predictions(path, documents, labels)
    return _suggestions(read, documents)


def _suggestions(read: Read, documents: Mapping[str, Document | None]) -> list[Suggestion]:
    """The predictions ``read`` kept as suggestions (on their documents' text)."""
    by_id = {d.id: d for d in documents.values() if d is not None}
    return [
        suggestion(doc_id, by_id[doc_id].text, start, end, label, score, source)
        for doc_id, start, end, label, score, source in read.keys
    ]


def _checked(
    item: Any,
    documents: Mapping[str, Document | None],
    labels: Collection[str] | None,
    where: str,
    n: int,
    default_source: str,
    family: str,
    checked: tuple[set[str], set[str]],
) -> tuple[Document, int, int, str, float, str]:
    """One line's prediction, checked: (document, start, end, label, score, source), the
    score a float. ``checked`` holds the labels and the sources found good on earlier lines
    (each is checked once)."""

    def bad(message: str) -> ImportFormatError:
        return ImportFormatError(where, n, message)

    if not isinstance(item, dict):
        raise bad(Message("expected a JSON object with document, start, end and label"))
    extra = sorted(set(item) - _FIELDS)
    if extra:
        raise bad(
            Message(
                "unknown field {field} (expected {fields})",
                field=repr(extra[0]),
                fields=", ".join(sorted(_FIELDS)),
            )
        )
    missing = [k for k in ("document", "start", "end", "label") if k not in item]
    if missing:
        raise bad(Message("missing field {field}", field=repr(missing[0])))
    name, start, end, label = item["document"], item["start"], item["end"], item["label"]
    score = item.get("score", 1.0)
    source = item.get("source", default_source)
    if not isinstance(name, str) or name not in documents:
        raise bad(Message("no document named {name} in the project", name=repr(name)[:80]))
    doc = documents[name]
    if doc is None:
        raise bad(
            Message(
                "several documents are named {name}: the name does not tell which one (give "
                "them distinct names)",
                name=repr(name)[:80],
            )
        )
    if type(start) is not int or type(end) is not int:
        raise bad(Message("start and end must be whole numbers (code-point offsets)"))
    text = doc.text
    if start == end and 0 <= start <= len(text):
        raise bad(
            Message(
                "the span {start}-{end} of {name} is empty: its end must come after its start",
                start=start,
                end=end,
                name=repr(name),
            )
        )
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
            Message(
                "offsets {start}-{end} are outside the text of {name} ({length} characters)",
                start=start,
                end=end,
                name=repr(name),
                length=len(text),
            )
        )
    if not text[start:end].strip():
        raise bad(
            Message(
                "the span {start}-{end} of {name} is only white space",
                start=start,
                end=end,
                name=repr(name),
            )
        )
    if not isinstance(label, str) or not label.strip():
        raise bad(Message("label must be a non-empty string"))
    good_labels, good_sources = checked
    if label not in good_labels:
        too_long = rules.label_name_problem(label, Message("label"))  # (100: a schema's limit)
        if too_long is not None:
            raise bad(too_long.message)
        if labels is not None and label not in labels:
            raise unknown_label(where, n, label)
    if type(score) not in (int, float) or not 0 <= score <= 1:
        raise bad(Message("score must be a number from 0 to 1"))
    if type(source) is not str or source not in good_sources:
        problem = source_problem(source, family)
        if problem is not None:
            raise bad(problem)
    good_labels.add(label)
    good_sources.add(source)
    return doc, start, end, label, float(score), source


class SpacyUnavailable(AnnotatorError):
    """spaCy is not installed, or the folder holds no pipeline it can load."""


def _first_line(exc: BaseException) -> str:
    """The first non-blank line of ``exc``'s message, printable (``shown``)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return shown(lines[0] if lines else type(exc).__name__)


def _refused(where: str, message: str, line: int | None = None) -> SpacyUnavailable:
    """A pipeline folder refused: ``where`` (the folder, or its config.cfg at ``line``) and
    why, worded as a bad file's error (``ImportFormatError``: "{where}: {message}", the
    interface translates the reason and keeps the path reading left to right)."""
    return SpacyUnavailable(ImportFormatError(where, line, message).args[0])


OUTSIDE = (
    "nlp.before_creation",
    "nlp.after_creation",
    "nlp.after_pipeline_creation",
    "initialize.before_init",
    "initialize.after_init",
    "initialize.vectors",
    "initialize.init_tok2vec",
    "initialize.vocab_data",
    "initialize.lookups",
    "initialize.tokenizer",
    "initialize.components",
    "components.*.source",
)
"""the settings of a pipeline's ``config.cfg`` that run a callback (registered code: spaCy's
``copy_from_base_model`` loads another pipeline, a path or a package's name) or take something
from outside the folder (vectors, tok2vec weights, data, a component ``source``-d from another
pipeline), ``*`` any component: the one rule of a self-contained folder is that none of them is
set (``_outside``), checked before spaCy loads anything"""


def _outside(config: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(setting, value) for each setting of ``OUTSIDE`` that ``config`` (the parsed
    config.cfg, variables filled in) sets: not null, not an empty block."""
    for setting in OUTSIDE:
        for name, value in _settings(config, setting.split("."), ()):
            leaf = _first_set(name, value)
            if leaf is not None:
                yield leaf


def _settings(node: Any, parts: Sequence[str], path: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    if not parts:
        yield ".".join(path), node
        return
    if not isinstance(node, Mapping):
        return
    keys = list(node) if parts[0] == "*" else [parts[0]] if parts[0] in node else []
    for key in keys:
        yield from _settings(node[key], parts[1:], (*path, str(key)))


def _first_set(name: str, value: Any) -> tuple[str, Any] | None:
    """The first value set (not null, not empty) in ``value``, a setting's or a block's, with
    its dotted name; None when nothing is set."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            found = _first_set(f"{name}.{key}", inner)
            if found is not None:
                return found
        return None
    if value is None or value == "" or value == []:
        return None
    return name, value


def _config_lines(text: str) -> dict[str, int]:
    """The line of each section (``nlp.after_creation``) and setting (``nlp.lang``) of a
    config.cfg's ``text``, the first of each."""
    found: dict[str, int] = {}
    section = ""
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            found.setdefault(section, n)
        elif "=" in line and not line.startswith(("#", ";")):
            found.setdefault(f"{section}.{line.split('=', 1)[0].strip()}", n)
    return found


def _line_of(lines: Mapping[str, int], name: str) -> int | None:
    """The line of setting ``name`` (dotted), else of the nearest block holding it."""
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        line = lines.get(".".join(parts[:k]))
        if line is not None:
            return line
    return None


class SpacyPipeline:
    """A local spaCy pipeline directory as a source of entity suggestions.

    Loaded with ``spacy.load(folder)`` from a folder holding ``config.cfg`` only (a path,
    never a package name, so nothing is fetched); a config that runs a callback or takes
    anything from outside the folder (``OUTSIDE``: another pipeline's component or
    tokenizer, vectors, a package) is refused before spaCy loads anything, naming the
    setting's ``config.cfg:line``. Every failure to load is ``SpacyUnavailable``: one line
    naming the folder. spaCy's entities carry no probability: their score is 1, unless the
    pipeline's ``spancat`` gives span scores (``doc.spans[key].attrs["scores"]``).
    """

    def __init__(self, folder: Path, spans_key: str = "sc") -> None:
        folder = Path(folder)
        where = shown(folder)
        try:
            import spacy
        except Exception:  # ImportError, or a broken installation
            raise _refused(where, Message("spaCy is not installed (pip install spacy)")) from None
        cfg = folder / "config.cfg"
        if not cfg.is_file():
            raise _refused(where, Message("not a spaCy pipeline folder (no config.cfg)"))
        try:
            config = spacy.util.load_config(cfg, interpolate=True)
            for name, value in _outside(config):
                lines = _config_lines(decode_text(cfg, read_file(cfg)))
                line = _line_of(lines, name)
                raise _refused(
                    shown(cfg),
                    Message(
                        "{setting} = {value} runs a callback or takes something from outside "
                        "the folder: only a self-contained pipeline folder is loaded, nothing "
                        "taken from another pipeline or package",
                        setting=shown(name),
                        value=shown(repr(value))[:80],
                    ),
                    line,
                )
            self.nlp = spacy.load(folder)
            meta = self.nlp.meta
        except SpacyUnavailable:
            raise
        except Exception as exc:  # configparser, catalogue/thinc registries, KeyError, OSError…
            raise _refused(
                where, Message("spaCy cannot load it: {problem}", problem=_first_line(exc))
            ) from None
        self.source = f"model:spacy-{meta.get('name', folder.name)}@{meta.get('version', '0')}"
        problem = source_problem(self.source, own_model_family())
        if problem is not None:
            raise _refused(
                where, Message("its meta.json name or version: {problem}", problem=problem)
            )
        self.spans_key = spans_key
        self.folder = folder

    def predict(
        self,
        documents: Iterable[Document],
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
        total: int = 0,
    ) -> Predicted:
        """The entities (and scored spans) the pipeline finds in ``documents``; those left
        out are counted (``Predicted``). ``progress`` gets the documents done of ``total``;
        ``cancelled`` stops it between documents."""
        out = Predicted()
        for k, doc in enumerate(documents):
            if cancelled is not None and cancelled():
                raise Cancelled("cancelled; nothing was stored")
            parsed = self.nlp(doc.text)
            spans: list[tuple[int, int, str, float]] = [
                (ent.start_char, ent.end_char, ent.label_, 1.0) for ent in parsed.ents
            ]
            group = parsed.spans.get(self.spans_key) if self.spans_key in parsed.spans else None
            if group is not None:
                scores = group.attrs.get("scores")
                for i, span in enumerate(group):
                    sc = float(scores[i]) if scores is not None else 1.0
                    spans.append((span.start_char, span.end_char, span.label_, sc))
            for start, end, label, sc in spans:
                if not 0 <= sc <= 1:  # not a probability (NaN too): left out, counted
                    out.unscored += 1
                elif not 0 <= start < end <= len(doc.text) or not doc.text[start:end].strip():
                    out.blank += 1
                else:
                    out.suggestions.append(
                        suggestion(doc.id, doc.text, start, end, label, sc, self.source)
                    )
            if progress is not None:
                progress(k + 1, total)
        return out


@dataclass
class Predicted:
    """What a pipeline found (``SpacyPipeline.predict``): its suggestions, and how many it
    found that are left out."""

    suggestions: list[Suggestion] = field(default_factory=list)
    blank: int = 0
    """spans of white space only, or outside the document's text"""
    unscored: int = 0
    """spans whose score is not a number from 0 to 1"""


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
    cleared: dict[str, int] = field(default_factory=dict)
    """how many pending suggestions the import took away in those documents, by the source
    (family) that had left them: what reading a source again replaces, said in the report
    (two files of one name are one source, ``file:NAME``: the second replaces the first's)"""
    blank: int = 0
    """predictions left out: a span of white space only or outside the text (a pipeline's)"""
    unscored: int = 0
    """predictions left out: a score that is not a number from 0 to 1 (a pipeline's)"""
    elsewhere: int = 0
    """the file's lines skipped: they are for documents other than those asked (a file's,
    read with documents given: ``suggest --from F --document D``)"""

    @property
    def stored(self) -> int:
        return len(self.suggestions)

    def lines(self) -> list[Message]:
        """The report of the import, the command line's and the window's alike: what is
        pending now, from which sources, what it replaced, then what was not stored and
        why."""
        # the same name whether or not any is pending: the sources read (none: the file)
        named = {s.source for s in self.suggestions} or set(self.sources)
        sources = ", ".join(sorted(named)) or self.origin
        out = [
            Message(
                "{n} suggestion(s) pending from {sources} in {documents} document(s)",
                n=self.stored,
                sources=sources,
                documents=len({s.doc_id for s in self.suggestions}),
            )
        ]
        if self.cleared:
            out.append(
                Message(
                    "{n} pending suggestion(s) that {sources} left before were replaced",
                    n=sum(self.cleared.values()),
                    sources=", ".join(sorted(self.cleared)),
                )
            )
        out += self.not_stored.lines()
        if self.blank:
            out.append(
                Message(
                    "{n} not stored: their span is only white space or outside the text",
                    n=self.blank,
                )
            )
        if self.unscored:
            out.append(
                Message("{n} not stored: their score is not a number from 0 to 1", n=self.unscored)
            )
        return out

    def skipped(self) -> list[Message]:
        """What ``suggest --from F --document D`` adds to the report (``lines``): the file's
        lines it skipped as they are for other documents (none: nothing). Not in ``lines``:
        the workbench's import of "this document" shows ``lines`` after the first in a box,
        for predictions left out, and the other documents' lines are not that."""
        if not self.elsewhere:
            return []
        return [Message("{n} line(s) skipped: they are for other documents", n=self.elsewhere)]


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
    with its family) left pending in those documents (counted by source: ``cleared``; with
    a batch, read too: ``Imported.replaced``), and none
    overlaps an annotation, another pending suggestion or a remembered rejection
    (``Project.add_suggestions``); those left out are counted by reason (``not_stored``),
    never dropped silently. With ``batch`` they are stored as that batch (under its uuids:
    ``Project.add_suggestions``) and the report names the suggestions they replaced
    (``Imported.replaced``, for the step's undo: ``commands.suggestions.import_step``)."""
    wanted = None if documents is None else set(documents)
    kept = [s for s in found if (wanted is None or s.doc_id in wanted) and s.score >= min_score]
    sources = sorted(set(sources))
    families = {source_family(s) for s in sources}
    cleared: dict[str, int] = {}
    with project.transaction():
        # (what it replaces, for the undo of a step storing a batch; the command line's
        # import, no step, does without reading them)
        replaced = _replaced(project, families, wanted) if batch is not None else []
        for source in sources:
            for doc_id in [None] if wanted is None else sorted(wanted):
                gone = project.clear_suggestions(source, doc_id, family=True)
                if gone:
                    family = source_family(source)
                    cleared[family] = cleared.get(family, 0) + gone
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
    return Imported(len(kept), pending, why, replaced=replaced, cleared=cleared)


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
    *,
    source: str | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Imported:
    """The predictions of the JSONL file at ``path`` (``read_predictions``, labels of the
    project's schema; with ``source``, every one of that source) stored by
    ``store_suggestions``. The file is read line by line (memory bounded, whatever its
    size: ``progress`` gets the bytes read, ``cancelled`` stops the reading) and checked
    whole before anything is stored: a bad line is an ImportFormatError naming the file and
    line, and then nothing is stored. With ``documents``, the lines for other documents are
    checked too, and counted in the report (``Imported.elsewhere``)."""
    source = given_source(source)
    by_name: dict[str, Document | None] = {}
    for d in project.documents(with_text=True):
        by_name[d.name] = None if d.name in by_name else d  # a shared name: None
    read = read_predictions(
        Path(path),
        by_name,
        suggestable_labels(project.schema),
        wanted=None if documents is None else set(documents),
        min_score=min_score,
        source=source,
        progress=progress,
        cancelled=cancelled,
    )
    found = _suggestions(read, by_name)
    read.keys = {}  # (the compact form: not needed while storing)
    made = store_suggestions(project, found, read.sources, documents, min_score, batch)
    return replace(
        made,
        origin=shown(Path(path)),
        sources=tuple(sorted(read.sources)),
        elsewhere=read.elsewhere,
    )


def store_pipeline_suggestions(
    project: Project,
    folder: Path,
    documents: Sequence[int] | None = None,
    min_score: float = 0.0,
    batch: SuggestionBatch | None = None,
    *,
    source: str | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Imported:
    """The entities a local spaCy pipeline (``SpacyPipeline``) finds in ``documents`` (ids;
    None: every document) stored by ``store_suggestions`` (with ``source``: as that source
    instead of the pipeline's ``model:spacy-NAME@VERSION``). A label the project's schema
    does not have is an ImportFormatError naming the folder, and then nothing is stored;
    spans of white space only (or outside the text) and scores outside 0..1 are left out
    and counted (``Imported.blank``, ``unscored``). ``progress`` gets the documents done,
    ``cancelled`` stops it between documents."""
    source = given_source(source)
    pipeline = SpacyPipeline(Path(folder))
    if source is not None:
        pipeline.source = source
    every = documents if documents is not None else [d.id for d in project.documents()]
    ids = list(dict.fromkeys(every))
    labels = suggestable_labels(project.schema)
    predicted = pipeline.predict(
        (project.document(i) for i in ids), progress, cancelled, total=len(ids)
    )
    for s in predicted.suggestions:
        if s.label not in labels:
            raise unknown_label(shown(pipeline.folder), None, s.label)
    made = store_suggestions(
        project, predicted.suggestions, [pipeline.source], documents, min_score, batch
    )
    return replace(
        made,
        origin=shown(pipeline.folder),
        sources=(pipeline.source,),
        blank=predicted.blank,
        unscored=predicted.unscored,
    )


def import_suggestions(
    project: Project,
    path: Path,
    documents: Sequence[int] | None = None,
    min_score: float = 0.0,
    batch: SuggestionBatch | None = None,
    *,
    source: str | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Imported:
    """A spaCy pipeline folder (or its ``config.cfg``) or a JSONL file of predictions, stored
    as pending suggestions (``store_pipeline_suggestions`` / ``store_file_suggestions``;
    with ``batch``, as that batch; ``source``, ``progress`` and ``cancelled`` as there)."""
    path = Path(path)
    if path.name == "config.cfg" and path.is_file():
        path = path.parent
    store = store_pipeline_suggestions if path.is_dir() else store_file_suggestions
    return store(
        project,
        path,
        documents,
        min_score,
        batch,
        source=source,
        progress=progress,
        cancelled=cancelled,
    )


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
