"""The stored model, loaded once in the window's process and kept while it is the newest.

Suggesting for an opened document (``training.SuggestWorker``) read the newest model's row,
parsed and checked its bytes (``Model.from_bytes``), then, on its first prediction, built the
general names' index and read the weights for ``marginals``: every opened document paid all of
it again. ``using_stored_model`` keeps the loaded ``Model`` (with what its predictions built)
for each project file (its resolved path, device and inode), beside the exact bytes it was
loaded from. Each use reads the newest model's row again (``Project.latest_model``: its bytes
checked against their checksum, its manifest checked, as every suggestion reads it) and serves
the kept model only when those bytes are the ones it was loaded from: a retrained model, an
undone training, another project file or a model altered since is loaded afresh, and refused
as ``annotator.commands.suggestions.stored_model`` refuses it.

A crfsuite ``Tagger`` (one a ``Model``) is not safe to use from two threads at once, and a
model builds its names' index and reads its weights on first use: the model is lent under its
own lock, so two workers never predict with one model at the same time.

``preload`` loads the newest model into the cache before any document asks for it and makes
one small prediction with it (``WARM_TEXT``), so that what a first prediction builds (the
general names' index, the weights for marginals) is built: the model panel runs it on a pool
thread (``training.PreloadWorker``) once the project's stored model has been read sound, and
the first document opened finds the model kept (0.06-0.08 s CPU instead of 0.35 s). A
suggestion asked for meanwhile waits for the load (``_guard``) instead of making its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ui.suggestions.source import MODEL_KIND

if TYPE_CHECKING:
    from annotator.learn.crf import Model
    from annotator.project import Project

KEEP = 2
"""how many project files' models are kept (the window works in one project at a time)"""

FileKey = tuple[str, int, int]


@dataclass
class KeptModel:
    """A loaded model, the stored bytes it was loaded from and the lock it is used under."""

    data: bytes
    """the stored bytes the model was loaded from"""
    model: Model
    lock: threading.Lock = field(default_factory=threading.Lock)
    warm: bool = False
    """``preload`` has predicted with it once (what a first prediction builds is built)"""

    @contextmanager
    def use(self) -> Iterator[Model]:
        """The model, for the ``with`` block, no other thread predicting with it meanwhile."""
        with self.lock:
            yield self.model


_kept: OrderedDict[FileKey, KeptModel] = OrderedDict()
_guard = threading.Lock()
"""held while ``_kept`` is read or changed, and while a model is loaded into it (a second
worker waits for that load instead of making its own)"""


def file_key(path: Path | str) -> FileKey:
    """What tells one project file from another: its resolved path, device and inode (a file
    copied, moved over or made again at the same path is another file)."""
    resolved = Path(path).resolve()
    st = resolved.stat()
    return str(resolved), st.st_dev, st.st_ino


def _load(data: bytes) -> Model | None:
    """``data`` (the newest model's bytes, just read) as a model, or None when they are not
    one: the caller then reads it as every suggestion does, for the same refusal."""
    from annotator.learn.crf import Model, ModelError

    try:
        return Model.from_bytes(data)
    except ModelError:
        return None


def kept_model(project: Project) -> KeptModel:
    """The newest stored model of ``project``: the one kept from an earlier use when the
    stored bytes are still the ones it was loaded from, else loaded from them (and kept).
    Raises as ``stored_model``: NoModel, ProjectFileError (its row damaged), ModelError (its
    bytes refused). Predict with it only inside ``KeptModel.use``."""
    from annotator.commands.suggestions import stored_model

    found = project.latest_model(MODEL_KIND)  # ProjectFileError when its row is damaged
    if found is None:
        return KeptModel(b"", stored_model(project))  # NoModel (or one stored meanwhile)
    data = found[0]
    key = file_key(project.path)
    with _guard:
        kept = _kept.get(key)
        if kept is not None and kept.data == data:
            _kept.move_to_end(key)
            return kept
        model = _load(data)
        if model is None:
            # refused: worded as every suggestion refuses it (the file, "train it again");
            # should the newest model have changed meanwhile and read, it is used uncached
            _kept.pop(key, None)
            return KeptModel(b"", stored_model(project))
        kept = KeptModel(data, model)
        _kept[key] = kept
        _kept.move_to_end(key)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
        return kept


@contextmanager
def using_stored_model(project: Project) -> Iterator[Model]:
    """The newest stored model of ``project``, kept from an earlier use when its stored bytes
    are still the ones it was loaded from, lent for the ``with`` block under its own lock
    (no other thread predicts with it meanwhile). Raises as ``stored_model``: NoModel,
    ProjectFileError (its row damaged), ModelError (its bytes refused)."""
    with kept_model(project).use() as model:
        yield model


WARM_TEXT = "زار محمد بن سلمان القاهرة يوم الأحد."
"""what ``preload`` predicts once: a sentence, so that the prediction goes the whole way a
document's does (its words' features, the general names matched, the marginals' table)"""


def preload(project: Project, cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Load the newest stored model of ``project`` into the cache (``kept_model``) and predict
    ``WARM_TEXT`` with it once, under its lock: the general names' index and the weights for
    marginals, which the first prediction builds, are built. Returns whether the model is kept
    ready; False, silently, when no model is stored, when it is refused (damaged or altered:
    a suggestion asked for says why, as before) or when ``cancelled`` (checked between the
    load and the prediction)."""
    from annotator.errors import AnnotatorError

    try:
        kept = kept_model(project)
    except AnnotatorError:  # NoModel, ProjectFileError, ModelError: said when asked for
        return False
    if not kept.data or cancelled():  # (not kept: a model stored while it was being read)
        return False
    with kept.use() as model:
        if not kept.warm:
            model.predict(0, WARM_TEXT)
            kept.warm = True
    return True


def forget() -> None:
    """Drop every kept model (tests; a kept model is only ever served for its own bytes)."""
    with _guard:
        _kept.clear()
