"""A file label that is one of the schema's written otherwise (``per`` for ``PER``) gets the
same advice with or without ``--new-labels`` (QA 18, defect 6): without the flag the import
said "use --new-labels add or skip", and ``--new-labels add`` then refused it, saying to
write it ``PER`` in the file. One rule decides both messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.project import Project

ADVICE = (
    "label 'per' is the schema's 'PER' written otherwise (one name: they differ only in case, "
    "harakat, tatweel, alef forms or digit forms): write it 'PER' in the file, or use "
    "--new-labels skip"
)


def never(_: object) -> int:
    raise AssertionError("the window must not start")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), gui=never)
    out = capsys.readouterr()
    return code, out.out, out.err


def jsonl(path: Path, *docs: object) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "p.annotator"
    assert run(capsys, "init", str(path))[0] == 0
    return path


def test_without_the_flag_the_advice_is_the_one_add_gives(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = jsonl(
        tmp_path / "l.jsonl",
        {"text": "زار محمد بغداد", "spans": [{"start": 4, "end": 8, "label": "per"}]},
    )
    errors = []
    for flags in ([], ["--new-labels", "add"], ["--new-labels", "error"]):
        code, _, err = run(capsys, "import", str(project), str(src), "--annotator", "amal", *flags)
        assert code != 0
        errors.append(err)
    assert all(f"{src.name}:1: {ADVICE}" in err for err in errors), errors
    assert "--new-labels add" not in errors[0]
    with Project.open(project) as p:
        assert p.document_count() == 0  # refused: nothing written


def test_the_case_variant_is_named_before_a_truly_new_label(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with a new label and one written otherwise: "--new-labels add" would still be
    refused, so the advice names the variant (its own line), not the flag."""
    src = jsonl(
        tmp_path / "two.jsonl",
        {"text": "زار محمد بغداد", "spans": [{"start": 0, "end": 3, "label": "VISIT"}]},
        {"text": "زار علي دمشق", "spans": [{"start": 4, "end": 7, "label": "per"}]},
    )
    code, _, err = run(capsys, "import", str(project), str(src), "--annotator", "amal")
    assert code != 0 and f"{src.name}:2: {ADVICE}" in err
    code, _, err = run(
        capsys, "import", str(project), str(src), "--annotator", "amal", "--new-labels", "add"
    )
    assert code != 0 and f"{src.name}:2: {ADVICE}" in err


def test_a_truly_new_label_still_gets_the_flag_advice(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = jsonl(
        tmp_path / "new.jsonl",
        {"text": "زار محمد بغداد", "spans": [{"start": 0, "end": 3, "label": "VISIT"}]},
    )
    code, _, err = run(capsys, "import", str(project), str(src), "--annotator", "amal")
    assert code != 0 and "label 'VISIT' is not in the schema (use --new-labels add or skip" in err
    code, out, _ = run(
        capsys, "import", str(project), str(src), "--annotator", "amal", "--new-labels", "add"
    )
    assert code == 0 and "VISIT" in out
