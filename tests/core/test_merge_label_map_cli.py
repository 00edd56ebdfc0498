"""``annotator merge --map THEIRS=OURS``: a colleague's ``Per`` merged as our ``PER``; the
offer printed (never applied), a refused map names the file and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange import canonical_dump, write_bundle
from annotator.project import Project
from annotator.schema import Label, default_schema
from annotator.schema.edit import add_label, rename_label

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    theirs = add_label(rename_label(default_schema(), "PER", "Per"), Label("Person"))
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, 4, 8, "Per", "amal")
        s.add_span(doc.id, 0, 3, "Person", "amal")
        write_bundle(s, "amal", tmp_path / "amal.annbundle")
    Project.create(tmp_path / "t.annotator").close()
    return tmp_path / "t.annotator", tmp_path / "amal.annbundle"


def _labels(project: Path) -> list[str]:
    with Project.open(project, read_only=True) as p:
        return sorted(s.label for s in p.spans())


def test_map_merges_their_labels_as_ours(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project, bundle = files
    argv = ["merge", str(project), str(bundle), "--map", "Per=PER", "--map", "Person=PER"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "amal.annbundle: label 'Per' mapped to the project's 'PER': 1 records relabelled" in out
    assert "label 'Person' mapped to the project's 'PER': 1 records relabelled" in out
    assert "offer:" not in out and "quarantined" not in out
    assert _labels(project) == ["PER", "PER"]


def test_without_a_map_the_offer_is_printed_and_not_applied(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project, bundle = files
    assert main(["merge", str(project), str(bundle)]) == 0
    out = capsys.readouterr().out
    assert (
        "offer: --map Per=PER (the project's 'PER' but for case or folding; without it its "
        "records are quarantined)"
    ) in out
    assert "quarantined (label 'Per' is not in the schema): 1" in out
    assert _labels(project) == ["Person"]  # Person added as a label of its own, as before
    # taking the offer in a second merge brings the quarantined span in
    assert main(["merge", str(project), str(bundle), "--map", "Per=PER"]) == 0
    assert _labels(project) == ["PER", "Person"]


@pytest.mark.parametrize(
    ("pair", "said"),
    [
        ("Nobody=PER", "annotator: error: label map: amal.annbundle holds no label 'Nobody'"),
        (
            "Per=PERSONNE",
            "annotator: error: label map: the project's schema has no label 'PERSONNE' (to "
            "take 'Per' of amal.annbundle as)",
        ),
    ],
)
def test_a_refused_map_names_the_file_and_writes_nothing(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], pair: str, said: str
) -> None:
    project, bundle = files
    with Project.open(project, read_only=True) as p:
        before = canonical_dump(p)
    assert main(["merge", str(project), str(bundle), "--map", pair]) == 1
    err = capsys.readouterr().err
    assert err.strip() == said
    with Project.open(project, read_only=True) as p:
        assert canonical_dump(p) == before and p.schema == default_schema()


def test_a_map_given_twice_otherwise_is_refused(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    project, bundle = files
    argv = ["merge", str(project), str(bundle), "--map", "Per=PER", "--map", "Per=GPE"]
    assert main(argv) == 1
    assert capsys.readouterr().err.strip() == (
        "annotator: error: --map Per= given twice, as 'PER' and 'GPE'"
    )
    assert _labels(project) == []


@pytest.mark.parametrize("value", ["Per", "=PER", "Per=", "="])
def test_a_malformed_map_is_a_usage_error(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], value: str
) -> None:
    project, bundle = files
    with pytest.raises(SystemExit) as exc:
        main(["merge", str(project), str(bundle), "--map", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: annotator merge")
    assert f"argument --map: expected THEIRS=OURS, e.g. Per=PER, not {value!r}" in err


def test_help_explains_the_map(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["merge", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--map THEIRS=OURS" in text and "as the project's label OURS" in text


def test_several_sources_maps_are_all_checked_before_any_is_merged(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, bundle = files
    other = tmp_path / "other.annotator"
    with Project.create(other) as o:
        o.add_span(o.add_document("نص آخر تماما هنا").id, 0, 2, "PER", "bob")
    for sources in ([bundle, other], [other, bundle]):
        argv = ["merge", str(project), *map(str, sources), "--map", "Per=PER"]
        assert main(argv) == 1
        assert capsys.readouterr().err.strip() == (
            f"annotator: error: label map: {other} holds no label 'Per'"
        )
        with Project.open(project, read_only=True) as p:
            assert p.documents() == [] and p.schema == default_schema()


def test_the_offer_is_shell_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theirs = add_label(default_schema(), Label("per(x)"))
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        s.add_span(s.add_document(TEXT).id, 4, 8, "per(x)", "amal")
    ours = add_label(default_schema(), Label("Per(X)"))
    Project.create(tmp_path / "t.annotator", schema=ours).close()
    assert main(["merge", str(tmp_path / "t.annotator"), str(tmp_path / "s.annotator")]) == 0
    assert "offer: --map 'per(x)=Per(X)' (the project's 'Per(X)'" in capsys.readouterr().out


def test_a_name_with_an_equals_sign_is_split_before_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = add_label(default_schema(), Label("a=b"))
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        s.add_span(s.add_document(TEXT).id, 4, 8, "a=b", "amal")
    ours = add_label(add_label(default_schema(), Label("X=Y")), Label("b=X=Y"))
    project = tmp_path / "t.annotator"
    Project.create(project, schema=ours).close()
    # split at the '=' followed by a label of ours: their a=b, our X=Y
    assert main(["merge", str(project), str(tmp_path / "s.annotator"), "--map", "a=b=X=Y"]) == 1
    assert capsys.readouterr().err.strip() == (
        "annotator: error: --map 'a=b=X=Y' is ambiguous: it holds several '=' and more than "
        "one of them is followed by a name of the project's schema"
    )
    assert main(["merge", str(project), str(tmp_path / "s.annotator"), "--map", "a=b=Q=Z"]) == 1
    assert "and none of them is followed by a name" in capsys.readouterr().err
    assert main(["merge", str(project), str(tmp_path / "s.annotator"), "--map", "a=b=PER"]) == 0
    assert "label 'a=b' mapped to the project's 'PER': 1 records relabelled" in (
        capsys.readouterr().out
    )
    assert _labels(project) == ["PER"]
