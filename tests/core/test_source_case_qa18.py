"""A source named like one of the project's own but in another letter case (QA 18):
``suggest --source model:CRF`` was accepted while ``model:crf`` was refused. A name that
differs from a built-in source family (the model's, annotate-all, a gazetteer's) only in case,
Unicode case folding or compatibility form is refused the same way, with the same message, on
the command line and in a file's lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import AnnotatorError, ImportFormatError
from annotator.learn import external
from annotator.learn.external import given_source, source_problem, store_file_suggestions
from annotator.project import Project
from annotator.search.suggestions import built_in_source
from tests.core.test_external_sources import ONE, line, run, small, state

__all__ = ["small"]  # (the fixture, used by name)

FAMILY = external.own_model_family()

LOOK_ALIKES = {
    # name given -> the built-in name it is taken for (same case)
    "model:CRF": "model:crf",
    "Model:Crf@1a2b3c4d": "model:crf@1a2b3c4d",
    "MODEL:CRF": "model:crf",
    "\uff4dodel:crf": "model:crf",  # a full-width m
    "ANNOTATE-ALL": "annotate-all",
    "Annotate-All@2": "annotate-all@2",
    "GAZETTEER:places": "gazetteer:places",
    "Gazetteer:Places": "gazetteer:places",
    "gAzEtTeEr:x": "gazetteer:x",
}


def _same_words(a: object, b: object) -> None:
    """``a`` and ``b``, messages about two names, word for word but for the name."""
    assert a is not None and b is not None
    assert str(a).split("'")[0] == str(b).split("'")[0]
    assert str(a).split("'")[-1] == str(b).split("'")[-1]


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_built_in_source_in_another_case_is_refused_as_it_is(name: str) -> None:
    assert built_in_source(name, FAMILY)
    problem, own = source_problem(name, FAMILY), source_problem(LOOK_ALIKES[name], FAMILY)
    assert own is not None and problem is not None
    assert problem.template == own.template  # the same Message template
    assert repr(name) in str(problem)
    _same_words(problem, own)
    with pytest.raises(AnnotatorError) as info:
        given_source(name)
    assert str(info.value) == str(problem)


OTHERS = ["model:crfx", "model:spacy-crf@1", "annotate-allx", "my-model:crf", "gazetteer",
          "file:gazetteer:x", "tagger-x@2", "Model"]  # fmt: skip


@pytest.mark.parametrize("name", OTHERS)
def test_other_names_are_still_sources_of_their_own(name: str) -> None:
    assert not built_in_source(name, FAMILY)
    assert source_problem(name, FAMILY) is None


@pytest.mark.parametrize("name", ["model:CRF", "ANNOTATE-ALL", "Gazetteer:Places"])
def test_the_command_line_refuses_it_as_it_refuses_the_built_in_name(
    name: str, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "pred.jsonl"
    f.write_text(line("one", ONE, "محمد", "PER") + "\n", encoding="utf-8")
    before = state(small)
    code, out, err = run(capsys, "suggest", str(small), "--from", str(f), "--source", name)
    own_code, _, own_err = run(
        capsys, "suggest", str(small), "--from", str(f), "--source", LOOK_ALIKES[name]
    )
    assert code == own_code != 0 and out == ""
    assert "one of the project's own" in err and repr(name) in err
    assert err.replace(repr(name), "NAME") == own_err.replace(repr(LOOK_ALIKES[name]), "NAME")
    assert state(small) == before


@pytest.mark.parametrize("name", ["MODEL:CRF@f4c8f0f8", "Annotate-all", "GAZETTEER:g"])
def test_a_files_line_naming_it_is_refused_with_file_and_line(
    name: str, small: Path, tmp_path: Path
) -> None:
    f = tmp_path / "pred.jsonl"
    f.write_text(
        line("one", ONE, "باريس", "GPE") + "\n" + line("one", ONE, "محمد", "PER", source=name),
        encoding="utf-8",
    )
    before = state(small)
    with Project.open(small) as p, pytest.raises(ImportFormatError, match="project's own") as info:
        store_file_suggestions(p, f)
    assert info.value.line == 2
    assert state(small) == before
