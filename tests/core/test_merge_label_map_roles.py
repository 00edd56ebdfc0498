"""A merge's role map: a colleague's ``Location`` role (ours: ``Place``) merged as ours, with
``--map-role`` in the CLI; refused like a label map when it names a role nobody holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange import canonical_dump, merge_bundle, read_bundle, write_bundle
from annotator.exchange.label_map import LabelMapError
from annotator.model import Argument
from annotator.project import Project
from annotator.schema import default_schema
from annotator.schema.edit import rename_role

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    theirs = rename_role(default_schema(), "Contact.Meet", "Place", "Location")
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        doc = s.add_document(TEXT)
        i, j = TEXT.index("الاجتماع"), TEXT.index("باريس")
        meet = s.add_span(doc.id, i, i + 8, "Contact.Meet", "amal")
        paris = s.add_span(doc.id, j, j + 5, "GPE", "amal")
        s.add_argument(s.add_event(meet.uuid).uuid, "Location", paris.uuid)
        write_bundle(s, "amal", tmp_path / "amal.annbundle")
    return tmp_path / "amal.annbundle"


@pytest.fixture
def target(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "t.annotator")


def test_a_mapped_role_is_merged_as_ours(bundle: Path, target: Project) -> None:
    plain = merge_bundle(target, read_bundle(bundle), "amal.annbundle")
    # without the map the argument is set aside by the role rule
    assert [str(q.reason) for q in plain.quarantined] == ["Contact.Meet has no role 'Location'"]
    report = merge_bundle(
        target, read_bundle(bundle), "amal.annbundle", role_map={"Location": "Place"}
    )
    assert report.roles_relabelled == {"Location": 1} and report.quarantined == []
    assert (
        "amal.annbundle: role 'Location' mapped to the project's 'Place': 1 arguments relabelled"
    ) in [str(x) for x in report.lines()]
    assert [a.role for a in target.versions("arguments") if isinstance(a, Argument)] == ["Place"]


@pytest.mark.parametrize(
    ("role_map", "message"),
    [
        ({"Nowhere": "Place"}, "role map: amal.annbundle holds no role 'Nowhere'"),
        (
            {"Location": "Venue"},
            "role map: the project's schema has no role 'Venue' (to take 'Location' of "
            "amal.annbundle as)",
        ),
    ],
)
def test_a_refused_role_map_writes_nothing(
    bundle: Path, target: Project, role_map: dict[str, str], message: str
) -> None:
    before = canonical_dump(target)
    with pytest.raises(LabelMapError) as caught:
        merge_bundle(target, read_bundle(bundle), "amal.annbundle", role_map=role_map)
    assert str(caught.value) == message
    assert canonical_dump(target) == before and target.documents() == []


def test_the_cli_maps_a_role(
    bundle: Path, target: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    target.close()
    argv = ["merge", str(target.path), str(bundle), "--map-role", "Location=Place"]
    assert main(argv) == 0
    assert "role 'Location' mapped to the project's 'Place': 1 arguments relabelled" in (
        capsys.readouterr().out
    )
    assert main([*argv, "--map-role", "Location=Time"]) == 1
    assert capsys.readouterr().err.strip() == (
        "annotator: error: --map-role Location= given twice, as 'Place' and 'Time'"
    )
    assert main(["merge", str(target.path), str(bundle), "--map-role", "Nowhere=Place"]) == 1
    assert capsys.readouterr().err.strip() == (
        "annotator: error: role map: amal.annbundle holds no role 'Nowhere'"
    )
