"""QA 16, outside predictions (``annotator suggest --from`` / ``--spacy``,
``annotator.learn.external``):

1. every error of these paths is a ``Message`` template (the interface translates it and
   isolates its fields; plain f-strings reached the Arabic interface in English);
2. two files of one base name are one source, ``file:NAME``: reading the second replaced the
   first's pending suggestions without a word. The report now says how many were replaced and
   from which source, and ``--source NAME`` names the source (checked by the rule of sources
   in files);
3. a pipeline's spans of white space only were dropped without a reason line;
4. a "self-contained" pipeline folder could make spaCy load another pipeline through a
   callback (``[nlp.after_creation]`` ``spacy.copy_from_base_model.v1``) or an
   ``[initialize]`` setting: any such setting is refused before spaCy loads anything, naming
   ``config.cfg:line`` and the setting;
5. ``suggest --from`` read the whole file into memory (a 74 MB file: 261 MB, no progress, no
   Cancel while reading): it is read line by line, all-or-nothing still."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import Cancelled, ImportFormatError, Message
from annotator.learn import external
from annotator.learn.external import (
    SpacyPipeline,
    SpacyUnavailable,
    import_suggestions,
    store_file_suggestions,
)
from annotator.project import Project
from tests.core.test_external_sources import ONE, TWO, _edit, run, state

MB = 1024 * 1024


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(ONE, name="one")
        p.add_document(TWO, name="two")
        p.add_document(ONE, name="twin")
        p.add_document(TWO, name="twin")
    return path


def obj(doc: str = "one", word: str = "محمد", label: str = "PER", **more: Any) -> dict[str, Any]:
    text = ONE if doc == "one" else TWO
    start = text.index(word)
    return {"document": doc, "start": start, "end": start + len(word), "label": label, **more}


def write(path: Path, *lines: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n"
                   for x in lines)  # fmt: skip
    path.write_text(text, encoding="utf-8")
    return path


SPACY_SAYS = "spaCy cannot load it: {problem}"
"""the one template whose reason is another program's own English (spaCy's first line)"""


def all_messages(message: object) -> bool:
    """Whether ``message`` is a ``Message`` and every parameter of it that is itself a
    sentence (a nested reason) is one too: only names, numbers, quotes and paths are plain."""
    if not isinstance(message, Message):
        return False
    if message.template == SPACY_SAYS:
        return True
    return all(
        all_messages(value)
        for key, value in message.params.items()
        if key in ("message", "problem")
    )


# -- 1. every error a Message template -----------------------------------------------------
BAD_LINES: dict[str, object] = {
    "not JSON": "{not json",
    "NaN": '{"document": "one", "start": 4, "end": 8, "label": "PER", "score": NaN}',
    "not an object": [1, 2],
    "unknown field": obj(colour="red"),
    "missing field": {"document": "one", "start": 4, "end": 8},
    "unknown document": obj() | {"document": "nowhere"},
    "shared name": obj() | {"document": "twin"},
    "offsets not numbers": obj() | {"start": "4"},
    "empty span": obj() | {"end": obj()["start"]},
    "backwards": obj() | {"start": 8, "end": 4},
    "outside": obj() | {"start": 10**9, "end": 10**9 + 3},
    "white space only": obj() | {"start": 3, "end": 4},
    "label not text": obj() | {"label": 7},
    "bad label name": obj() | {"label": "P ER"},
    "unknown label": obj(label="FOO"),
    "bad score": obj(score=1.5),
    "score not a number": obj(score="high"),
    "own model": obj(source="model:crf@1"),
    "source not printable": obj(source="a\u202eb"),
    "source too long": obj(source="s" * 201),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_every_bad_line_is_a_message_template_naming_file_and_line(
    case: str, small: Path, tmp_path: Path
) -> None:
    bad = write(tmp_path / "in.jsonl", obj(), BAD_LINES[case])
    before = state(small)
    with Project.open(small) as p, pytest.raises(ImportFormatError) as info:
        store_file_suggestions(p, bad)
    assert info.value.line == 2 and info.value.path == str(bad)
    # the reason is a template with named fields (translated by the interface), each nested
    # reason too; the English the command line prints is the same sentence
    assert all_messages(info.value.message), (case, info.value.message)
    assert str(info.value).startswith(f"{bad}:2: ")
    assert state(small) == before


def test_the_english_of_the_messages_is_unchanged(small: Path, tmp_path: Path) -> None:
    bad = write(tmp_path / "outside.jsonl", BAD_LINES["outside"])
    with Project.open(small) as p, pytest.raises(ImportFormatError) as info:
        store_file_suggestions(p, bad)
    assert str(info.value) == (
        f"{bad}:1: offsets 1000000000-1000000003 are outside the text of 'one' "
        f"({len(ONE)} characters)"
    )
    bad = write(tmp_path / "label.jsonl", obj(label="FOO"))
    with Project.open(small) as p, pytest.raises(ImportFormatError) as info:
        store_file_suggestions(p, bad)
    assert str(info.value) == f"{bad}:1: label 'FOO' is not in the project's schema"
    assert info.value.message == Message(
        "label {name} is not in the project's schema", name="'FOO'"
    )


@pytest.fixture
def pipeline(tmp_path: Path) -> Path:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "باريس"}])
    nlp.to_disk(tmp_path / "pipe")
    return tmp_path / "pipe"


@pytest.mark.parametrize(
    "case", ["no config", "unknown language", "garbage", "meta name", "unknown label"]
)
def test_every_pipeline_error_is_a_message_template(
    case: str, pipeline: Path, small: Path, tmp_path: Path
) -> None:
    if case == "no config":
        (pipeline / "config.cfg").unlink()
    elif case == "unknown language":
        _edit(pipeline, 'lang = "ar"', 'lang = "zz"')
    elif case == "garbage":
        (pipeline / "config.cfg").write_text("[[[not a config", encoding="utf-8")
    elif case == "meta name":
        meta = json.loads((pipeline / "meta.json").read_text(encoding="utf-8"))
        (pipeline / "meta.json").write_text(json.dumps(meta | {"name": "x\u202ey"}))
    else:
        patterns = pipeline / "entity_ruler" / "patterns.jsonl"
        patterns.write_text(patterns.read_text(encoding="utf-8").replace("GPE", "CITY"))
    with Project.open(small) as p, pytest.raises((SpacyUnavailable, ImportFormatError)) as info:
        import_suggestions(p, pipeline)
    message = info.value.args[0]
    assert isinstance(message, Message) and message.template == "{where}: {message}"
    assert message.params["where"] == str(pipeline)
    assert all_messages(message.params["message"]), message


# -- 2. one source read again: said; --source ----------------------------------------------
def test_a_file_of_the_same_name_says_what_it_replaced(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(tmp_path / "sysA" / "preds.jsonl", obj("one", "محمد", score=0.7))
    b = write(tmp_path / "sysB" / "preds.jsonl", obj("two", "باريس", "GPE", score=0.6))
    code, _, err = run(capsys, "suggest", str(small), "--from", str(a))
    assert code == 0 and "replaced" not in err
    code, _, err = run(capsys, "suggest", str(small), "--from", str(b))
    assert code == 0
    assert "1 pending suggestion(s) that file:preds.jsonl left before were replaced" in err
    # the same through the core's report, the window's
    with Project.open(small) as p:
        made = import_suggestions(p, a)
    assert made.cleared == {"file:preds.jsonl": 1}
    assert (
        Message(
            "{n} pending suggestion(s) that {sources} left before were replaced",
            n=1,
            sources="file:preds.jsonl",
        )
        in made.lines()
    )


def test_source_names_the_source_and_keeps_both(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(tmp_path / "sysA" / "preds.jsonl", obj("one", "محمد", score=0.7, source="x"))
    b = write(tmp_path / "sysB" / "preds.jsonl", obj("two", "باريس", "GPE", score=0.6))
    assert run(capsys, "suggest", str(small), "--from", str(a), "--source", "sysA")[0] == 0
    code, _, err = run(capsys, "suggest", str(small), "--from", str(b), "--source", "sysB")
    assert code == 0 and "replaced" not in err
    assert sorted(row[-1] for row in state(small)[1]) == ["sysA", "sysB"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("model:crf", "one of the project's own"),
        ("model:crf@abc", "one of the project's own"),
        ("gazetteer:x", "one of the project's own"),
        ("a\nb", "contains"),
        ("s" * 201, "longer than 200"),
        ("", "must not be empty"),
    ],
)
def test_a_source_is_checked_by_the_rule_of_sources_in_files(
    name: str, why: str, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.jsonl", obj())
    before = state(small)
    code, out, err = run(capsys, "suggest", str(small), "--from", str(good), "--source", name)
    assert code != 0 and out == "" and why in err and "Traceback" not in err
    assert state(small) == before
    # the very rule of a file's source field, its words
    problem = external.source_problem(name, external.own_model_family())
    assert problem is not None and " ".join(str(problem).split()) in " ".join(err.split())


def test_source_needs_from_or_spacy(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "suggest", str(small), "--source", "x")
    assert code != 0 and "--from or --spacy" in err


def test_source_names_a_pipeline_too(
    small: Path, pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "suggest", str(small), "--spacy", str(pipeline), "--source", "ruler", "--json"
    )
    assert code == 0, err
    assert {json.loads(r)["source"] for r in out.splitlines()} == {"ruler"}


# -- 3. a pipeline's spans of white space: counted -------------------------------------------
def test_a_pipelines_white_space_spans_have_a_reason_line(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "GPE", "pattern": [{"IS_SPACE": True}]}]  # TWO's double space
    )
    nlp.to_disk(tmp_path / "ws")
    code, _, err = run(capsys, "suggest", str(small), "--spacy", str(tmp_path / "ws"))
    assert code == 0, err
    assert "1 not stored: their span is only white space or outside the text" in err


def test_scores_outside_0_to_1_have_a_reason_line(pipeline: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import SpanGroup

    from annotator.model import Document

    loaded = SpacyPipeline(pipeline)
    nlp = loaded.nlp

    def scored(text: str) -> Any:
        doc = nlp(text)
        group = SpanGroup(doc, name="sc", spans=[doc[0:1], doc[1:2], doc[2:3]])
        group.attrs["scores"] = [1.5, math.nan, 0.5]
        doc.spans["sc"] = group
        return doc

    loaded.nlp = scored
    predicted = loaded.predict([Document(1, "one", ONE, "")])
    assert spacy is not None
    assert predicted.unscored == 2
    assert [(s.text, s.score) for s in predicted.suggestions if s.score < 1] == [("باريس", 0.5)]
    lines = external.Imported(0, [], unscored=predicted.unscored).lines()
    assert "2 not stored: their score is not a number from 0 to 1" in lines


# -- 4. a self-contained folder only ----------------------------------------------------------
OUTSIDE = {
    "nlp.after_creation": (
        '[nlp.after_creation]\n@callbacks = "spacy.copy_from_base_model.v1"\n'
        'tokenizer = "/elsewhere/pipeline"\nvocab = null\n',
        '@callbacks = "spacy.copy_from_base_model.v1"',
    ),
    "nlp.before_creation": (
        '[nlp.before_creation]\n@callbacks = "spacy.copy_from_base_model.v1"\n'
        'tokenizer = "en_core_web_sm"\nvocab = "en_core_web_sm"\n',
        '@callbacks = "spacy.copy_from_base_model.v1"',
    ),
    "nlp.after_pipeline_creation": (
        '[nlp.after_pipeline_creation]\n@callbacks = "spacy.models_with_nvtx_range.v1"\n',
        '@callbacks = "spacy.models_with_nvtx_range.v1"',
    ),
    "initialize.before_init": (
        '[initialize.before_init]\n@callbacks = "spacy.copy_from_base_model.v1"\n'
        'tokenizer = "/elsewhere"\nvocab = null\n',
        '@callbacks = "spacy.copy_from_base_model.v1"',
    ),
    "initialize.after_init": (
        '[initialize.after_init]\n@callbacks = "spacy.copy_from_base_model.v1"\n'
        'tokenizer = "/elsewhere"\nvocab = null\n',
        '@callbacks = "spacy.copy_from_base_model.v1"',
    ),
    "initialize.tokenizer": (
        '[initialize.tokenizer.data]\n@readers = "spacy.read_labels.v1"\npath = "/elsewhere/t"\n',
        '@readers = "spacy.read_labels.v1"',
    ),
    "initialize.components": (
        "[initialize.components.entity_ruler]\n\n"
        '[initialize.components.entity_ruler.patterns]\n@readers = "srsly.read_jsonl.v1"\n'
        'path = "/elsewhere/patterns.jsonl"\n',
        '@readers = "srsly.read_jsonl.v1"',
    ),
}


def _append(folder: Path, block: str) -> None:
    cfg = folder / "config.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")


def _line(folder: Path, text: str) -> int:
    lines = (folder / "config.cfg").read_text(encoding="utf-8").split("\n")
    return lines.index(text) + 1


def _refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    spacy = pytest.importorskip("spacy")
    loaded: list[object] = []
    monkeypatch.setattr(spacy, "load", lambda *a, **k: loaded.append(a))
    with pytest.raises(SpacyUnavailable) as info:
        SpacyPipeline(folder)
    assert loaded == []  # refused before spaCy loads anything
    text = str(info.value)
    assert "\n" not in text and text.isprintable()
    assert all_messages(info.value.args[0].params["message"])
    return text


@pytest.mark.parametrize("setting", sorted(OUTSIDE))
def test_a_callback_or_outside_block_is_refused_naming_its_line(
    setting: str, pipeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block, at = OUTSIDE[setting]
    cfg = pipeline / "config.cfg"
    null = f"\n{setting.split('.')[1]} = null\n"  # (the block replaces it)
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(null, "\n", 1), encoding="utf-8")
    _append(pipeline, block)
    text = _refused(pipeline, monkeypatch)
    assert text.startswith(f"{cfg}:{_line(pipeline, at)}: {setting}."), text
    assert "self-contained" in text


@pytest.mark.parametrize(
    ("old", "new", "setting"),
    [
        ("vectors = ${paths.vectors}", 'vectors = "en_core_web_lg"', "initialize.vectors"),
        ("init_tok2vec = ${paths.init_tok2vec}", 'init_tok2vec = "/x/t2v.bin"',
         "initialize.init_tok2vec"),
        ('factory = "entity_ruler"', 'source = "en_core_web_sm"', "components.entity_ruler.source"),
        ("vocab_data = null", 'vocab_data = "/x/vocab.jsonl"', "initialize.vocab_data"),
    ],
)  # fmt: skip
def test_a_setting_naming_something_outside_is_refused_naming_its_line(
    old: str, new: str, setting: str, pipeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(pipeline, old, new)
    text = _refused(pipeline, monkeypatch)
    assert text.startswith(f"{pipeline / 'config.cfg'}:{_line(pipeline, new)}: {setting} = ")


def test_a_variable_filled_in_is_seen(pipeline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(pipeline, "vectors = null", 'vectors = "en_core_web_lg"')  # [paths]
    text = _refused(pipeline, monkeypatch)
    line = _line(pipeline, "vectors = ${paths.vectors}")
    assert text.startswith(f"{pipeline / 'config.cfg'}:{line}: initialize.vectors = ")


def test_a_self_contained_folder_still_loads(pipeline: Path) -> None:
    assert SpacyPipeline(pipeline).source.startswith("model:spacy-")


# -- 5. streamed, bounded, all or nothing ------------------------------------------------------
LINE = json.dumps(obj(score=0.5), ensure_ascii=False) + "\n"

RUN = """
import sys
from annotator.cli import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("PEAK:%d" % int(peak.split()[1]), file=sys.stderr)
raise SystemExit(code)
"""
"""the command in a process of its own, its peak resident memory (KiB) printed: the kernel's
VmHWM, not ``ru_maxrss``, which a process started from this one (pytest, spaCy loaded: 200 MB
and more) inherits across the exec, hiding what the command itself grew to"""


def _big(path: Path, lines: int, last: str = "") -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(lines // 1000):
            fh.write(LINE * 1000)
        fh.write(last)
    return path


def _peak(project: Path, src: Path) -> tuple[int, str]:
    out = subprocess.run(
        [sys.executable, "-c", RUN, "suggest", str(project), "--from", str(src)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stderr.rpartition("PEAK:")[2].split()[0]) * 1024, out.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/status is Linux's")
def test_twice_the_file_does_not_grow_the_peak_memory(small: Path, tmp_path: Path) -> None:
    peaks, sizes = [], []
    for n in (100_000, 200_000):
        src = _big(tmp_path / f"in{n}.jsonl", n)
        project = tmp_path / f"p{n}.annotator"
        shutil.copy(small, project)
        peak, err = _peak(project, src)
        assert "1 suggestion(s) pending from file:" in err, err
        peaks.append(peak)
        sizes.append(src.stat().st_size)
    added = sizes[1] - sizes[0]
    assert added > 6 * MB
    # the whole file read, decoded and split grew the peak by 2.8 bytes a byte (261 MB for a
    # 74 MB file); read line by line, it moves by RSS noise
    assert peaks[1] - peaks[0] < max(added / 2, 6 * MB), (peaks, sizes)


def test_a_bad_last_line_of_a_big_file_leaves_the_project_as_it_was(
    small: Path, tmp_path: Path
) -> None:
    with Project.open(small) as p:
        store_file_suggestions(p, write(tmp_path / "big.jsonl", obj("two", "باريس", "GPE")))
    before = state(small)
    src = _big(tmp_path / "big.jsonl", 100_000, '{"document": "one", "start": 1}\n')
    seen: list[tuple[int, int]] = []
    with Project.open(small) as p, pytest.raises(ImportFormatError) as info:
        store_file_suggestions(p, src, progress=lambda done, total: seen.append((done, total)))
    assert info.value.line == 100_001
    assert state(small) == before  # the same source's earlier suggestion still pending
    # the progress went by bytes as the file was read, to its end
    size = src.stat().st_size
    assert len(seen) > 3 and seen[-1] == (size, size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_stops_the_reading_at_once(small: Path, tmp_path: Path) -> None:
    src = _big(tmp_path / "big.jsonl", 100_000)
    size = src.stat().st_size
    read: list[int] = []
    before = state(small)
    with Project.open(small) as p, pytest.raises(Cancelled):
        store_file_suggestions(
            p, src, progress=lambda done, total: read.append(done), cancelled=lambda: bool(read)
        )
    assert read and max(read) < size / 2  # stopped a chunk after the Cancel, not at the end
    assert state(small) == before
