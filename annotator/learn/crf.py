"""The CRF sequence labeller: training with progress and cancel, prediction with scores, and a
model that saves to bytes and loads from them without pickle.

Saved form (``Model.to_bytes``): ``MAGIC``, a 4-byte big-endian length, a UTF-8 JSON manifest
of that length, then crfsuite's own model bytes. The manifest holds the layer and date learnt
from, the label set, the feature version, the held-out scores, the gazetteer the features used,
the trigger lexicon and the SHA-256 of the crfsuite bytes. The model's version hashes the
crfsuite part with every manifest field that changes predictions (``identity_sha256``).
``Model.from_bytes`` checks all of
it (size caps, strict JSON, every field's type, the hash) and the crfsuite bytes' structure
(``crfcheck``) before crfsuite reads them; anything else is ``ModelError``.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import hashlib
import math
import random
import struct
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, repeat
from typing import Any

import numpy as np
import pycrfsuite

from annotator import safejson
from annotator.errors import AnnotatorError, Cancelled
from annotator.learn.augment import copies as replaced_copies
from annotator.learn.clusters import Clusters
from annotator.learn.clusters import check as check_clusters
from annotator.learn.clusters import learn as learn_clusters
from annotator.learn.corpus import (
    SOURCE_FAMILY,
    Example,
    Mention,
    entities_of,
    non_overlapping,
    suggestion,
)
from annotator.learn.crfcheck import BadModel, check_crf1dm
from annotator.learn.documents import Frequencies
from annotator.learn.documents import learn as learn_frequencies
from annotator.learn.features import FEATURE_VERSION, Features, document_features
from annotator.learn.marginals import Weights, marginals
from annotator.learn.memorise import Memorise, counted
from annotator.learn.names import Gazetteer, NameIndex, as_gazetteer, general_names
from annotator.learn.segment import Segmented, StartRule, fold_word, segment
from annotator.learn.subclasses import Subclasses
from annotator.learn.triggers import TriggerLexicon
from annotator.scorecheck import check_trigger_scores
from annotator.scratch import folder
from annotator.search.suggestions import Suggestion

MAGIC = b"annotator-crf\n"
MAX_MODEL_BYTES = 256 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
FORMAT = 1
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 20,
    "feature.possible_transitions": True,
    "word_dropout": 0.0,
    "o_bias": 0.0,
    "propagate": False,
    "clusters": True,
    "names": True,
    "subclasses": False,
    "documents": False,
    "algorithm": "ap",
    "augment": True,
}
"""The averaged perceptron, 20 passes (``algorithm``, ``ITERATIONS``; ``c1``/``c2`` are for
L-BFGS, with L1 and L2 regularisation, the algorithm before 2026-11-30); ``o_bias``: the
decoding bias against O (``decode``; ``training.tune`` chooses it by cross-validation over
the training documents); ``propagate``: a name the model finds is also proposed where the
same words recur in the document (chosen by ``tune`` too); ``clusters``: learn word clusters
from the project's text; ``names``: the general names (``names.general_names``) join the
gazetteer; ``subclasses``: numbered sub-classes of a label (``MIS0``, ``MIS1``) are learnt as
one label and told apart after prediction (``subclasses.py``; off by default: on AQMAR it
raises the mean F1 by article but lowers the article the regression test guards, see
docs/design/model.md); ``documents``: the document features (``documents.py``: the stem's
document frequency in the project, its count in its document, its written forms there, the
first sentence; off by default: on AQMAR it raises the mean F1 by article at both clustering
seeds measured but lowers one article under the floor the regression test keeps, see
docs/design/model.md); ``algorithm``: crfsuite's training algorithm, one of ``ALGORITHMS``
(``ap``, the averaged perceptron, takes no ``c1``/``c2``: they are left out, and
``training.tune`` then tries no regularisation grid; on AQMAR by article it is steadier
across clustering seeds than L-BFGS, and 3.7x faster: docs/design/model.md); ``augment``: a
copy of each training sentence holding a name joins the training data, each name replaced
by another of its label (``augment.py``; on AQMAR by article it raises the held-out F1 at
every clustering seed measured: docs/design/model.md)"""
ALGORITHMS = ("ap", "lbfgs")
ITERATIONS = {"ap": 20, "lbfgs": 100}
"""the passes each algorithm makes unless ``max_iterations`` is given"""
MAX_O_BIAS = 20.0

IDENTITY = 2
"""the manifest's ``identity``: the version (``Model.version``) names the whole model
(``identity_sha256``); a model saved before (no ``identity``) is named by its crfsuite part
alone, as it was then"""
NOT_IDENTITY = frozenset(
    {"trained", "layer", "documents", "sentences", "tokens", "mentions", "scores"}
)
"""the manifest fields ``identity_sha256`` leaves out: when and from which layer the model was
trained, how much it read and its held-out scores describe it and change nothing it predicts
(``predict`` reads none of them; ``training.tune`` sets ``trained`` and ``scores`` after the
fit), so two fits that predict alike share a version. Every other field is in, the fields a
later manifest adds too (a new field that changes predictions changes the version unless
listed here)."""

MEMO_FOLDS = 5
"""training documents are split in this many folds for the memo feature"""

Text = tuple[str, dict[str, Any]]
"""a document's text and meta (its imported tokens, if any)"""


StepCallback = Callable[[str, int, int], object]
"""progress(phase, done, total): returning False (not None) cancels"""


class ModelError(AnnotatorError):
    """Model bytes that cannot be used: damaged, foreign, too big or made by another version."""


def no_progress(phase: str, done: int, total: int) -> None:
    """The default progress callback: report nothing, never cancel."""


def bio(seg: Segmented, mentions: Sequence[Mention]) -> list[str]:
    """A BIO tag per word: a mention tags every word it touches (one starting inside a word,
    after its proclitic, tags that word)."""
    tags = ["O"] * len(seg.tokens)
    for s, e, label in non_overlapping(mentions):
        rng = seg.word_range(s, e)
        if rng is None:
            continue
        i, j = rng
        tags[i] = f"B-{label}"
        tags[i + 1 : j] = [f"I-{label}"] * (j - i - 1)
    return tags


SHUFFLE_SEED = 1
"""the C library's own first seed: a fresh process trains as if seeded with it"""


def seed_shuffling() -> None:
    """Make the next training's order of sequences the same in every process.

    crfsuite's averaged perceptron shuffles the training sequences before each pass with the C
    library's ``rand()``, whose state belongs to the process: a second training in the same
    process (a tuning fold, another test, the window's second training) started from where the
    first left it and made another model of the same layer (two processes trained different
    models from one layer in ``test_learn_isolated``). ``srand`` with the C library's own
    first seed before each training makes every training start as a fresh process does.
    Through ``ctypes`` on the process's own symbols (crfsuite calls the same ``rand``); where
    the C library cannot be reached that way (not Linux or macOS), nothing is done."""
    with contextlib.suppress(OSError, AttributeError, TypeError):  # no C library reachable
        ctypes.CDLL(None).srand(SHUFFLE_SEED)


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """crfsuite's trainer reporting each iteration; a False from the callback stops it (an
    exception raised in crfsuite's message handler ends its training loop)."""

    def __init__(self, progress: StepCallback, total: int) -> None:
        super().__init__(verbose=True)  # without it no event reaches on_iteration
        self.progress = progress
        self.total = total

    def on_start(self, log: str) -> None:
        pass

    def on_featgen_progress(self, log: str, percent: float) -> None:
        pass

    def on_featgen_end(self, log: str) -> None:
        pass

    def on_prepared(self, log: str) -> None:
        pass

    def on_prepare_error(self, log: str) -> None:
        pass

    def on_optimization_end(self, log: str) -> None:
        pass

    def on_end(self, log: str) -> None:
        pass

    def on_iteration(self, log: str, info: dict[str, Any]) -> None:
        done = int(info.get("num", 0))
        if self.progress("training", min(done, self.total), self.total) is False:
            raise Cancelled("training cancelled; no model was made")


_IDENTITY = ("w=", "stem=", "memo=", "-1|0=", "0|+1=")
"""features naming the token itself, dropped at random in training (``word_dropout``)"""


def training_data(
    examples: Sequence[Example],
    gazetteer: Gazetteer | NameIndex | None = None,
    progress: StepCallback = no_progress,
    word_dropout: float = 0.0,
    seed: int = 0,
    starts: StartRule | None = None,
    clusters: Clusters | None = None,
    frequencies: Frequencies | None = None,
    augment: bool = False,
) -> list[tuple[list[Features], list[str]]]:
    """(features, tags) per sentence of every example, then with ``augment`` those of their
    copies with each mention replaced by another of its label (``augment.copies``).

    ``word_dropout``: the share of tokens whose own word features are left out, at random
    (seeded), so the model also learns names from their shape and context, not only as
    words it has seen. ``starts`` learns where the mentions start inside their first word.
    ``gazetteer``: folded phrases and their kinds, or their ``NameIndex`` already built.
    """
    rng = random.Random(seed)
    index: NameIndex | None = None
    if isinstance(gazetteer, NameIndex):
        index = gazetteer
    elif gazetteer:
        index = NameIndex(gazetteer)
    # each document's memo feature comes from the mentions of the other folds only
    # (each document cut into words once: the folds' memorised mentions were cut again, four
    # times a document, as much time as the features)
    segs = [segment(ex.text, ex.meta, [(s, e) for s, e, _ in ex.entities]) for ex in examples]
    counts = [counted(seg, ex.entities) for seg, ex in zip(segs, examples, strict=True)]
    folds = min(MEMO_FOLDS, len(examples))
    memos = [
        Memorise.of_counts(c for k, c in enumerate(counts) if k % folds != f) for f in range(folds)
    ]
    out: list[tuple[list[Features], list[str]]] = []
    tagged: list[list[str]] = []
    for k, (ex, seg) in enumerate(zip(examples, segs, strict=True), 1):
        tags = bio(seg, ex.entities)
        tagged.append(tags)
        memo = memos[(k - 1) % folds].tags(seg)
        if starts is not None:
            for s, _, label in ex.entities:
                starts.observe(seg, s, label)
        feature_lists = document_features(seg, index, memo, clusters, frequencies)
        for sent, feats in zip(seg.sentences, feature_lists, strict=True):
            if word_dropout:
                for f in feats:
                    if rng.random() < word_dropout:
                        f[:] = [key for key in f if not key.startswith(_IDENTITY)]
            out.append((feats, [tags[i] for i in sent]))
        if progress("features", k, len(examples)) is False:
            raise Cancelled("training cancelled; no model was made")
    if augment:
        own_memos = [memos[k % folds] for k in range(len(examples))]
        out += replaced_copies(examples, segs, tagged, own_memos, index, clusters)
    return out


class Model:
    """A trained CRF, its trigger lexicon and its manifest."""

    def __init__(self, manifest: dict[str, Any], crf: bytes) -> None:
        self.manifest = manifest
        self.crf = crf
        self.gazetteer: dict[str, str] = dict(manifest["gazetteer"])
        self._names: NameIndex | None = None
        self.triggers = TriggerLexicon.from_json(manifest["triggers"])
        self.starts = StartRule.from_json(manifest["starts"])
        self.memorised = Memorise.from_json(manifest["memorised"])
        self.clusters = check_clusters(manifest["clusters"])
        self.subclasses = Subclasses.from_json(manifest["subclasses"])
        frequencies = Frequencies.from_json(manifest["frequencies"])
        self.frequencies = frequencies if manifest["params"].get("documents") is True else None
        self._tagger: Any = None
        self._version: str | None = None
        self._weights_read: tuple[Weights | None] | None = None

    @property
    def names(self) -> NameIndex:
        """The gazetteer's phrases as the features match them, built on first use (a model
        loaded to be checked or summed up never matches a name; a model just fitted gets the
        index its training used)."""
        if self._names is None:
            self._names = NameIndex(self.gazetteer)
        return self._names

    # -- identity -------------------------------------------------------------------------
    @property
    def version(self) -> str:
        """The model's version: eight hex digits of ``identity_sha256`` (the whole model, its
        crfsuite part and every manifest field that changes what it predicts), or, for a
        model saved before ``identity`` (no such field), of its crfsuite part's hash, as it
        was then, so that its stored suggestions and models row keep naming it."""
        if self._version is None:
            self._version = identity_sha256(self.manifest)[:8]
        return self._version

    @property
    def source(self) -> str:
        """What a suggestion of this model carries as its source."""
        return f"{SOURCE_FAMILY}@{self.version}"

    def summary(self) -> dict[str, Any]:
        """What the project's models table keeps beside the bytes, the same from the command
        line and the window: name, version, layer, source, labels, date, counts, held-out
        scores and the crfsuite part's SHA-256 (which is not the version: ``version``)."""
        m = self.manifest
        return {
            "name": "crf",
            "version": self.version,
            "layer": m.get("layer", ""),
            "source": self.source,
            "labels": self.labels,
            "trained": m.get("trained", ""),
            "documents": m.get("documents", 0),
            "mentions": m.get("mentions", 0),
            "scores": m.get("scores", {}),
            "crf_sha256": m.get("crf_sha256", ""),
        }

    @property
    def labels(self) -> list[str]:
        """The layer's entity labels the model proposes (sub-classes told apart again)."""
        return self.subclasses.labels(self.manifest["labels"])

    # -- training -------------------------------------------------------------------------
    @classmethod
    def fit(
        cls,
        examples: Sequence[Example],
        *,
        layer: str = "gold",
        gazetteer: Gazetteer | Collection[str] = frozenset(),
        params: dict[str, Any] | None = None,
        progress: StepCallback = no_progress,
        texts: Sequence[Text] = (),
        clusters: Clusters | None = None,
        frequencies: Frequencies | None = None,
    ) -> Model:
        """Train on ``examples``; ``progress`` sees features then iterations, False cancels.

        ``texts``: the project's other documents, unlabelled (the examples' own text is
        used anyway); with ``params["clusters"]`` the word clusters are learnt from all of
        it, unless ``clusters`` gives them already. ``gazetteer``: names the features mark
        (``names.as_gazetteer``); with ``params["names"]`` the general names join them (the
        given kind wins for a phrase in both). ``frequencies``: the project's document
        frequencies (``documents.learn``), learnt from the same text as the clusters unless
        given (with ``params["documents"]``)."""
        settings = {**PARAMS, **(params or {})}
        if settings["algorithm"] not in ALGORITHMS:
            raise ValueError(
                f"algorithm must be one of {ALGORITHMS}, not {settings['algorithm']!r}"
            )
        if "max_iterations" not in (params or {}):
            settings["max_iterations"] = ITERATIONS[settings["algorithm"]]
        own = {
            k: settings.pop(k)
            for k in (
                "word_dropout",
                "o_bias",
                "propagate",
                "clusters",
                "names",
                "subclasses",
                "documents",
                "algorithm",
                "augment",
            )
        }
        if own["algorithm"] != "lbfgs":  # only L-BFGS (of crfsuite's CRF trainers) takes c1
            settings.pop("c1", None)
            settings.pop("c2", None)
        subclasses = Subclasses({}, {})
        if own["subclasses"]:
            subclasses = Subclasses.learn(
                (ex.text[s:e], label) for ex in examples for s, e, label in ex.entities
            )
            examples = [
                dataclasses.replace(
                    ex, entities=tuple((s, e, subclasses.relabel(lb)) for s, e, lb in ex.entities)
                )
                for ex in examples
            ]
        names, index = _names_and_index(bool(own["names"]), tuple(as_gazetteer(gazetteer).items()))
        if not own["clusters"]:
            clusters = {}
        elif clusters is None:
            clusters = learn_clusters(unlabelled_text(examples, texts))
        if not own["documents"]:
            frequencies = None
        elif frequencies is None:
            frequencies = learn_frequencies(unlabelled_text(examples, texts))
        starts = StartRule()
        data = training_data(
            examples,
            index,
            progress,
            float(own["word_dropout"]),
            starts=starts,
            clusters=clusters,
            frequencies=frequencies,
            augment=bool(own["augment"]),
        )
        trainer = _Trainer(progress, int(settings["max_iterations"]))
        trainer.select(str(own["algorithm"]))
        trainer.set_params(settings)
        settings.update(own)
        for xseq, yseq in data:
            trainer.append(xseq, yseq)
        with folder("annotator-learn-") as tmp:
            path = tmp / "model.crfsuite"
            seed_shuffling()
            trainer.train(str(path))
            crf = path.read_bytes()
        labels = sorted({t[2:] for _, ys in data for t in ys if t != "O"})
        manifest = {
            "format": FORMAT,
            "kind": "crf",
            "layer": layer,
            "trained": datetime.now(UTC).isoformat(timespec="seconds"),
            "labels": labels,
            "feature_version": FEATURE_VERSION,
            "params": {k: v for k, v in settings.items() if _scalar(v)},
            "documents": len(examples),
            "sentences": len(data),
            "tokens": sum(len(ys) for _, ys in data),
            "mentions": sum(len(ex.entities) for ex in examples),
            "scores": {},
            "gazetteer": names,
            "triggers": TriggerLexicon.learn(examples).to_json(),
            "starts": starts.to_json(),
            "memorised": Memorise(examples).to_json(),
            "clusters": clusters,
            "subclasses": subclasses.to_json(),
            "frequencies": (frequencies or Frequencies()).to_json(),
            "crf_sha256": hashlib.sha256(crf).hexdigest(),
            "identity": IDENTITY,
        }
        model = cls(manifest, crf)
        model._names = index
        return model

    # -- saving and loading -----------------------------------------------------------------
    def to_bytes(self) -> bytes:
        head = safejson_dumps(self.manifest)
        return MAGIC + struct.pack(">I", len(head)) + head + self.crf

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """The model saved in ``data``, or ModelError saying what is wrong with it."""
        if not isinstance(data, bytes | bytearray | memoryview):
            raise ModelError("a model is bytes")
        data = bytes(data)
        if len(data) > MAX_MODEL_BYTES:
            raise ModelError(f"model is {len(data)} bytes, more than the {MAX_MODEL_BYTES} allowed")
        if not data.startswith(MAGIC):
            raise ModelError("not a model saved by annotator (wrong header)")
        at = len(MAGIC)
        if len(data) < at + 4:
            raise ModelError("model is cut short (no manifest length)")
        (n,) = struct.unpack_from(">I", data, at)
        at += 4
        if n > MAX_MANIFEST_BYTES or at + n > len(data):
            raise ModelError("model is cut short or its manifest length is damaged")
        try:
            manifest = _manifest_json(data[at : at + n].decode("utf-8"))
        except (UnicodeDecodeError, safejson.UnsafeJSON) as exc:
            raise ModelError(f"model manifest is not valid JSON: {exc}") from None
        crf = data[at + n :]
        _check_manifest(manifest)
        if hashlib.sha256(crf).hexdigest() != manifest["crf_sha256"]:
            raise ModelError("model bytes do not match their manifest (damaged or altered)")
        try:
            _, n_labels, _ = check_crf1dm(crf)
        except BadModel as exc:
            raise ModelError(f"model's CRF part is damaged: {exc}") from None
        try:
            model = cls(manifest, crf)
        except ValueError as exc:
            raise ModelError(f"model manifest: {exc}") from None
        tagger = model._open()
        try:  # crfsuite decodes its label strings as UTF-8
            tags = tagger.labels()
        except UnicodeDecodeError:
            raise ModelError("model's CRF part is damaged: a label is not UTF-8") from None
        if len(tags) != n_labels or {t[2:] for t in tags if t != "O"} != set(manifest["labels"]):
            raise ModelError("model's labels do not match its manifest")
        try:  # every label must be found again by name (its hash table entry intact)
            tagger.set([{"bias": 1.0}])
            for t in tags:
                tagger.marginal(t, 0)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"model's CRF part is damaged: {exc}") from None
        return model

    def _open(self) -> Any:
        if self._tagger is None:
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open_inmemory(self.crf)
            except ValueError as exc:
                raise ModelError(f"crfsuite cannot open the model: {exc}") from None
            self._tagger = tagger
        return self._tagger

    # -- prediction ------------------------------------------------------------------------
    @property
    def o_bias(self) -> float:
        """The decoding bias against O (``decode``); 0: crfsuite's own best tagging."""
        return float(self.manifest["params"].get("o_bias", 0.0))

    @property
    def propagate(self) -> bool:
        """Whether a name found is proposed again where its words recur in the document."""
        return self.manifest["params"].get("propagate") is True

    def tag(
        self, seg: Segmented, memo: list[str], o_bias: float | None = None
    ) -> tuple[list[str], list[float], list[float]]:
        """The tag of each word and its marginal probability, and the marginal probability of
        each word's ``memo`` tag (1 where it is O). ``o_bias`` (the model's own by default):
        0 takes crfsuite's best tagging; above 0 the tags come from ``decode``."""
        bias = self.o_bias if o_bias is None else o_bias
        return self._decoded(seg, memo, self._sentences(seg, memo, [bias]), bias)

    def _sentences(
        self, seg: Segmented, memo: list[str], biases: Sequence[float]
    ) -> list[_Sentence]:
        """Per sentence: crfsuite's best tags with their marginals (if a bias is 0) and
        every label's marginal at every word (if one is not), and the memo tags' marginals.

        The table of every label's marginal comes from ``marginals`` (numpy, every sentence
        at once, the same bits as crfsuite's), unless the model's weights cannot be read so
        (``Weights.read``): then from crfsuite, label by label and word by word."""
        tagger = self._open()
        marginal = tagger.marginal
        labels = tagger.labels()
        known = set(labels)
        viterbi, tables = any(not b for b in biases), any(biases)
        out = []
        feature_lists = document_features(seg, self.names, memo, self.clusters, self.frequencies)
        weights = self._weights() if tables else None
        computed = marginals(weights, feature_lists) if weights is not None else None
        column = {t: n for n, t in enumerate(labels)}
        for s, (sent, feats) in enumerate(zip(seg.sentences, feature_lists, strict=True)):
            best: list[str] = []
            probs: list[float] = []
            table = np.zeros((0, len(labels)))
            if viterbi:
                best = tagger.tag(feats)
                probs = [marginal(t, k) for k, t in enumerate(best)]
            elif computed is None:
                tagger.set(feats)
            if computed is not None:
                table = computed[s]
            elif tables:
                table = np.array([[marginal(t, k) for t in labels] for k in range(len(feats))])
            if viterbi or computed is None:
                memo_probs = [
                    1.0 if memo[i] == "O" else marginal(memo[i], k) if memo[i] in known else 0.0
                    for k, i in enumerate(sent)
                ]
            else:  # (the same bits as crfsuite's marginal)
                rows = table.tolist()
                memo_probs = [
                    1.0 if memo[i] == "O" else rows[k][column[memo[i]]] if memo[i] in known else 0.0
                    for k, i in enumerate(sent)
                ]
            out.append(_Sentence(sent, best, probs, memo_probs, table))
        return out

    def _weights(self) -> Weights | None:
        """The crfsuite model's weights for ``marginals``, read on first use (a model loaded
        to be checked, summed up or to tag without a bias never needs them)."""
        if self._weights_read is None:
            self._weights_read = (Weights.read(self.crf),)
        return self._weights_read[0]

    def _decoded(
        self, seg: Segmented, memo: list[str], sentences: list[_Sentence], bias: float
    ) -> tuple[list[str], list[float], list[float]]:
        labels = self._open().labels()
        tags = ["O"] * len(seg.tokens)
        probs = [1.0] * len(seg.tokens)
        memo_probs = [1.0] * len(seg.tokens)
        paths = decode_each([s.table for s in sentences], labels, bias) if bias else []
        for n, s in enumerate(sentences):
            for k, i in enumerate(s.words):
                memo_probs[i] = s.memo_probs[k]
            if not bias:
                for k, i in enumerate(s.words):
                    tags[i], probs[i] = s.best[k], s.probs[k]
                continue
            path = paths[n]
            chosen = s.table[np.arange(len(path)), path].tolist()
            for k, i in enumerate(s.words):
                tags[i], probs[i] = labels[path[k]], chosen[k]
        return tags, probs, memo_probs

    def predict(
        self,
        doc_id: int,
        text: str,
        meta: dict[str, Any] | None = None,
        o_bias: float | None = None,
        propagate: bool | None = None,
    ) -> tuple[list[Suggestion], float]:
        """Entity and trigger suggestions for one document, and the document's confidence
        (the mean marginal of its ten least sure words: low first in active learning).

        Entities: the CRF's tagging (``o_bias`` above 0: ``decode``), each span scored by the
        lowest marginal of its words; with ``propagate``, the words of each such name where
        they recur in the document and no span overlaps them; then each match of the
        memorised training mentions that no span overlaps, scored by the lowest marginal the
        CRF gives its tags (a name the layer labelled before is proposed again, with the
        model's doubt as its score). ``o_bias`` and ``propagate``: the model's own unless
        given."""
        bias = self.o_bias if o_bias is None else o_bias
        spread = self.propagate if propagate is None else propagate
        return self.predict_each(doc_id, text, meta, [(bias, spread)])[0]

    def predict_each(
        self,
        doc_id: int,
        text: str,
        meta: dict[str, Any] | None,
        options: Sequence[tuple[float, bool]],
    ) -> list[tuple[list[Suggestion], float]]:
        """``predict`` with each (``o_bias``, ``propagate``) of ``options``, the document's
        words and marginals computed once."""
        seg = segment(text, meta)
        matches = self.memorised.matches(seg)
        memo = self.memorised.tags(seg, matches)
        sentences = self._sentences(seg, memo, [b for b, _ in options])
        vocabulary = set(seg.folded)
        triggers = self.triggers.predict(seg, doc_id, self.source)
        results = []
        decoded: dict[float, tuple[list[str], list[float], list[float]]] = {}
        for bias, spread in options:
            if bias not in decoded:
                decoded[bias] = self._decoded(seg, memo, sentences, bias)
            tags, probs, memo_probs = decoded[bias]
            out = [
                suggestion(
                    doc_id,
                    text,
                    self.starts.start(seg, i, label, vocabulary),
                    seg.tokens[j - 1][1],
                    label,
                    min(probs[i:j]),
                    self.source,
                )
                for i, j, label in entities_of(tags)
            ]
            taken = [t != "O" for t in tags]
            if spread:
                # one sense per document: the words of a name found are a name where they recur
                scores = {(s.label, fold_word(s.text)): s.score for s in out}
                found = [(s.start, s.end, s.label) for s in out]
                for i, j, start, label in Memorise.of(seg, found).matches(seg):
                    if not any(taken[i:j]):
                        end = seg.tokens[j - 1][1]
                        score = scores.get((label, fold_word(text[start:end])), min(probs[i:j]))
                        out.append(suggestion(doc_id, text, start, end, label, score, self.source))
                        taken[i:j] = [True] * (j - i)
            for i, j, _, label in matches:
                if not any(taken[i:j]):
                    # where the name starts in its word: as for the CRF's spans (StartRule)
                    start = self.starts.start(seg, i, label, vocabulary)
                    end = seg.tokens[j - 1][1]
                    score = min(memo_probs[i:j])
                    out.append(suggestion(doc_id, text, start, end, label, score, self.source))
            out = [
                dataclasses.replace(s, label=self.subclasses.restore(s.label, s.text))
                if s.label in self.subclasses.default
                else s
                for s in out
            ]
            low = sorted(probs)[:10]
            results.append((out + triggers, sum(low) / len(low) if low else 1.0))
        return results


@dataclass(frozen=True)
class _Sentence:
    words: list[int]
    best: list[str]
    probs: list[float]
    memo_probs: list[float]
    table: np.ndarray
    """every label's marginal at every word (words x labels), for a biased decoding"""


def decode(table: Sequence[Sequence[float]], labels: Sequence[str], o_bias: float) -> list[int]:
    """Recall-oriented decoding: the valid BIO sequence (an ``I-X`` only after ``B-X`` or
    ``I-X``) with the highest sum of log marginal probabilities, each O's lowered by
    ``o_bias`` (0: the sequence of the most probable tags that is valid). ``table[k][n]`` is
    the marginal of ``labels[n]`` at word ``k``; returns an index into ``labels`` per word.
    ``decode_each`` for one sentence."""
    return decode_each([np.asarray(table, dtype=float).reshape(-1, len(labels))], labels, o_bias)[0]


def decode_each(
    tables: Sequence[np.ndarray], labels: Sequence[str], o_bias: float
) -> list[list[int]]:
    """``decode`` of each sentence's (words x labels) table, all the sentences at once.

    Viterbi over the labels, using the constraint's shape: every label but an ``I-X`` may
    follow any label, so its best predecessor is the best label so far (one arg-max per word
    instead of a labels-by-labels table); an ``I-X`` chooses between ``B-X`` and ``I-X``.
    Ties go to the lower label index, as an arg-max over the whole table would. Position by
    position over (sentences x labels) arrays, the sentences longest first so that the ones
    still going at a position are the first rows (one sentence at a time, the per-call cost
    of numpy outweighed the work)."""
    first, before, outside = _constraints(tuple(labels))
    n_labels = len(labels)
    lengths = np.array([len(t) for t in tables], dtype=np.int64)
    if not len(lengths) or not lengths.max():
        return [[] for _ in tables]
    order = np.argsort(-lengths, kind="stable")
    longest = int(lengths[order[0]])
    going = [int(np.count_nonzero(lengths > t)) for t in range(longest + 1)]
    # (positions x sentences x labels), longest first; past a sentence's end: 1 (log 0)
    score = np.ones((longest, len(order), n_labels))
    for b, s in enumerate(order.tolist()):
        score[: lengths[s], b] = tables[s]
    score = np.log(np.maximum(score, 1e-12))
    score[:, :, outside] -= o_bias
    # each I-X's allowed predecessors, padded with the first (never a strictly better one)
    inner = [n for n, _ in before]
    width = max((len(p) for _, p in before), default=1)
    preds = np.array([[*p, *[p[0]] * (width - len(p))] for _, p in before], dtype=np.int64)
    preds = preds.reshape(len(inner), width)
    best = np.asarray(first) + score[0]
    back = np.zeros((longest, len(order), n_labels), dtype=np.int64)
    ends = np.zeros((len(order),), dtype=np.int64)  # each sentence's last label
    for t in range(1, longest + 1):
        m, done = going[t] if t < longest else 0, going[t - 1]
        if m < done:  # the sentences ending at t - 1: their best last label
            ends[m:done] = best[m:done].argmax(axis=1)
        if not m:
            break
        best = best[:m]
        row = score[t, :m]
        arg = best.argmax(axis=1)
        new = best.max(axis=1)[:, None] + row  # (the value at arg)
        pointers = np.repeat(arg[:, None], n_labels, axis=1)
        if inner:
            among = best[:, preds]  # (sentences x I-labels x predecessors)
            p = preds[np.arange(len(inner)), among.argmax(axis=2)]
            value = among.max(axis=2)  # (the value at p)
            new[:, inner] = value + row[:, inner]
            # no way here (-inf): the pointer of an arg-max over a column of -inf, never followed
            pointers[:, inner] = np.where(value != -np.inf, p, 0)
        back[t, :m] = pointers
        best = new
    paths = np.zeros((longest, len(order)), dtype=np.int64)
    for t in range(longest - 1, -1, -1):
        m, n = going[t], going[t + 1]
        paths[t, n:m] = ends[n:m]
        if n:
            paths[t, :n] = back[t + 1, np.arange(n), paths[t + 1, :n]]
    out: list[list[int]] = [[] for _ in tables]
    for b, s in enumerate(order.tolist()):
        out[s] = paths[: lengths[s], b].tolist()
    return out


@lru_cache(maxsize=16)
def _constraints(
    labels: tuple[str, ...],
) -> tuple[list[float], list[tuple[int, tuple[int, ...]]], list[int]]:
    """For ``decode``: the score of starting with each label (an ``I-`` may not), for each
    ``I-X`` the labels it may follow (``B-X`` and ``I-X``, in index order; the others may
    follow any) and the indices of O."""
    first = [-math.inf if t.startswith("I-") else 0.0 for t in labels]
    before = [
        (b, tuple(k for k, p in enumerate(labels) if p in (t, "B-" + t[2:])))
        for b, t in enumerate(labels)
        if t.startswith("I-")
    ]
    return first, before, [k for k, t in enumerate(labels) if t == "O"]


@lru_cache(maxsize=2)
def _index_of(
    general: bool, given: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], NameIndex]:
    """The gazetteer a fit's features use (the general names with ``general``, then the
    ``given`` phrases, whose kind wins) and its ``NameIndex``, built once per process for the
    same names: a training run fits up to 8 models (settings, learning curve, final model)
    on the same names, and building the index of the 16,000 general names took 0.1 s each
    time, twice per fit. Neither is changed once built."""
    names = {**(general_names() if general else {}), **dict(given)}
    return names, NameIndex(names)


def _names_and_index(
    general: bool, given: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], NameIndex | None]:
    """``_index_of``, the gazetteer copied (it goes into a model's manifest, which its owner
    may change), and no index for no names (as ``training_data`` makes for an empty one)."""
    names, index = _index_of(general, given)
    return dict(names), index if names else None


def unlabelled_text(examples: Sequence[Example], texts: Sequence[Text]) -> list[Segmented]:
    """The words of the examples and of the other documents of the project, for clusters."""
    seen = {ex.text for ex in examples}
    return [segment(ex.text, ex.meta) for ex in examples] + [
        segment(text, meta) for text, meta in texts if text not in seen
    ]


def identity_sha256(manifest: dict[str, Any]) -> str:
    """The SHA-256 that names a model (``Model.version`` takes its first eight hex digits):
    with ``identity`` (``IDENTITY``), of a canonical JSON of the manifest (sorted keys, no
    spaces, the text as it is) without the fields in ``NOT_IDENTITY``. The manifest holds the
    crfsuite part's hash (``crf_sha256``, checked against the part by ``from_bytes``), so
    this covers the crfsuite part, the trigger lexicon, gazetteer, start rule, memorised
    names, clusters, sub-classes, document frequencies, labels, feature version and
    parameters: models that differ in any of them differ in version, and the same model read
    back from its bytes keeps it. Without ``identity`` (a model saved before), the crfsuite
    part's hash itself: such a model keeps the version its suggestions and models row name."""
    if manifest.get("identity") != IDENTITY:
        return str(manifest["crf_sha256"])
    import json

    named = {k: v for k, v in manifest.items() if k not in NOT_IDENTITY}
    text = json.dumps(
        named, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def safejson_dumps(value: Any) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False).encode("utf-8")


def _manifest_json(text: str) -> Any:
    """``safejson.loads(text)``, the same value or the same UnsafeJSON, cheaper for a model.

    safejson walks every value of a text holding more brackets than its nesting limit (a
    model's manifest holds thousands: 0.1 s of a load). Here the text is read with that walk
    left out and every other rule of ``safejson.loads`` kept; then ``_nests_within`` sees,
    level by level and with C-level type checks, whether the value nests within the limit as
    safejson counts it. Whenever either says no, ``safejson.loads`` itself is run on the text:
    a refusal is its own, worded and ordered as it words and orders them."""
    try:
        value = safejson.loads(text, max_depth=len(text))  # (never more brackets than that)
    except safejson.UnsafeJSON:
        return safejson.loads(text)  # raises, as the rules say first
    if not _nests_within(value, safejson.MAX_DEPTH):
        return safejson.loads(text)  # raises: nested too deep
    return value


def _nests_within(value: Any, limit: int) -> bool:
    """Whether ``value`` (decoded JSON) is at most ``limit`` levels deep, counted as
    ``safejson`` counts (a value alone is 1 level; each value inside a list or object one more
    than its container), one level at a time."""
    level: list[Any] = [value]
    depth = 1
    while level:
        if depth > limit:
            return False
        children = list(
            chain(
                chain.from_iterable(x for x in level if type(x) is list),
                chain.from_iterable(x.values() for x in level if type(x) is dict),
            )
        )
        if children and depth + 1 > limit:
            return False
        level = [v for v in children if type(v) is dict or type(v) is list]
        depth += 1
    return True


def _scalar(value: Any) -> bool:
    return type(value) in (str, int, float, bool)


_MANIFEST_TYPES: dict[str, type | tuple[type, ...]] = {
    "format": int,
    "kind": str,
    "layer": str,
    "trained": str,
    "labels": list,
    "feature_version": int,
    "params": dict,
    "documents": int,
    "sentences": int,
    "tokens": int,
    "mentions": int,
    "scores": dict,
    "gazetteer": dict,
    "triggers": dict,
    "starts": dict,
    "memorised": list,
    "clusters": dict,
    "subclasses": dict,
    "frequencies": dict,
    "crf_sha256": str,
}


def _check_manifest(manifest: Any) -> None:
    if not isinstance(manifest, dict):
        raise ModelError("model manifest is not a JSON object")
    # the versions first: another version's fields may be other ones (retrain, not damage)
    if manifest.get("format") != FORMAT or manifest.get("kind") != "crf":
        raise ModelError(
            f"model format {manifest.get('format')!r} is not {FORMAT}: retrain the model"
        )
    if manifest.get("feature_version") != FEATURE_VERSION:
        raise ModelError(
            f"model uses features version {manifest.get('feature_version')!r}, this program "
            f"{FEATURE_VERSION}: retrain the model"
        )
    missing = sorted(set(_MANIFEST_TYPES) - set(manifest))
    if missing:
        raise ModelError(f"model manifest lacks {', '.join(missing)}")
    for key, typ in _MANIFEST_TYPES.items():
        if type(manifest[key]) is bool or not isinstance(manifest[key], typ):
            raise ModelError(f"model manifest: {key} has the wrong type")
    if not all(isinstance(x, str) for x in manifest["labels"]):
        raise ModelError("model manifest: labels must hold strings")
    gazetteer = manifest["gazetteer"]  # (16,000 names: the type checks run at C speed)
    if not (
        all(map(isinstance, gazetteer.keys(), repeat(str)))
        and all(map(isinstance, gazetteer.values(), repeat(str)))
    ):
        raise ModelError("model manifest: gazetteer must map strings to strings")
    if not all(isinstance(x, str) and x for x in manifest["labels"]):
        raise ModelError("model manifest: empty label")
    if type(manifest["params"].get("propagate", False)) is not bool:
        raise ModelError("model manifest: propagate must be true or false")
    bias = manifest["params"].get("o_bias", 0.0)
    if type(bias) not in (int, float) or not 0 <= bias <= MAX_O_BIAS:
        raise ModelError(f"model manifest: o_bias must be a number from 0 to {MAX_O_BIAS:g}")
    if len(manifest["crf_sha256"]) != 64:
        raise ModelError("model manifest: crf_sha256 is not a SHA-256")
    # (optional: a model saved before it has none, and is named by its crfsuite part)
    if "identity" in manifest and (
        type(manifest["identity"]) is not int or manifest["identity"] != IDENTITY
    ):
        raise ModelError(
            f"model manifest: identity {manifest['identity']!r} is not {IDENTITY}: retrain "
            "the model"
        )
    try:  # the trigger output's held-out scores (``scorecheck``)
        check_trigger_scores(manifest["scores"])
    except ValueError as exc:
        raise ModelError(f"model manifest: {exc}") from None
