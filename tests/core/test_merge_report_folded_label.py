"""A merge of a colleague's records labelled ``Per`` into a project whose schema has ``PER``
(one name by ``name_key``), without a label map: the schema keeps ``PER`` (``Per`` is not
added) and the records labelled ``Per`` are quarantined, never relabelled. The report said
"label 'Per' taken as the project's 'PER'", two lines above "quarantined (label 'Per' is not
in the schema): 1" (QA: a new user read it as the span stored as PER). Now the line says
the label was not added and how many of its records were quarantined; with the map
(``Per`` as ``PER``) there is no such line and the records are relabelled.
"""

from __future__ import annotations

from pathlib import Path

from annotator.exchange import merge_bundle, merge_project_file, read_bundle, write_bundle
from annotator.project import Project
from annotator.schema import default_schema
from annotator.schema.edit import rename_label

TEXT = "قال محمد علي في بيروت."
WORDS = ((4, 8), (9, 12), (16, 21))
FOLDING = "they differ only in case, harakat, tatweel, alef forms or digit forms"


def _bundle(tmp_path: Path, labels: tuple[str, ...]) -> Path:
    """lina's bundle: her schema names PER ``Per``; one span for each of ``labels``."""
    with Project.create(
        tmp_path / "theirs.annotator", schema=rename_label(default_schema(), "PER", "Per")
    ) as theirs:
        doc = theirs.add_document(TEXT)
        for (start, end), label in zip(WORDS, labels, strict=False):
            theirs.add_span(doc.id, start, end, label, "lina")
        write_bundle(theirs, "lina", tmp_path / "lina.bundle")
    return tmp_path / "lina.bundle"


def test_the_report_says_per_is_not_added_and_its_records_quarantined(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, ("Per",))
    with Project.create(tmp_path / "ours.annotator") as ours:
        ours.add_document(TEXT)
        report = merge_bundle(ours, read_bundle(bundle), "lina.bundle")
        lines = [str(x) for x in report.lines()]
        assert lines == [
            "lina.bundle: 0 added, 0 updated, 0 unchanged",
            "documents: 0 added, 1 matched",
            f"lina.bundle: label 'Per' not added to the schema: it is the project's 'PER' "
            f"written otherwise ({FOLDING}); 1 record labelled 'Per' quarantined, not "
            f"relabelled 'PER' (a label map 'Per' as 'PER' relabels it)",
            "quarantined (label 'Per' is not in the schema): 1",
        ]
        assert not any("taken as" in x for x in lines)
        assert ours.spans() == []  # not stored as PER
        assert ours.schema.label("Per") is None and ours.schema.label("PER") is not None
        assert report.taken_quarantined == {"Per": 1}


def test_a_folded_label_no_record_carries_says_none_quarantined(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, ("ORG", "ORG"))
    with Project.create(tmp_path / "ours.annotator") as ours:
        ours.add_document(TEXT)
        report = merge_bundle(ours, read_bundle(bundle), "lina.bundle")
        lines = [str(x) for x in report.lines()]
        assert lines == [
            "lina.bundle: 2 added, 0 updated, 0 unchanged",
            "documents: 0 added, 1 matched",
            f"lina.bundle: label 'Per' not added to the schema: it is the project's 'PER' "
            f"written otherwise ({FOLDING}); no record labelled 'Per' quarantined",
        ]


def test_several_records_are_counted(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, ("Per", "ORG", "Per"))
    with Project.create(tmp_path / "ours.annotator") as ours:
        ours.add_document(TEXT)
        report = merge_bundle(ours, read_bundle(bundle), "lina.bundle")
        lines = [str(x) for x in report.lines()]
        assert (
            f"lina.bundle: label 'Per' not added to the schema: it is the project's 'PER' "
            f"written otherwise ({FOLDING}); 2 records labelled 'Per' quarantined, not "
            f"relabelled 'PER' (a label map 'Per' as 'PER' relabels them)"
        ) in lines
        assert "quarantined (label 'Per' is not in the schema): 2" in lines
        assert [s.label for s in ours.spans()] == ["ORG"]


def test_with_the_map_the_records_are_relabelled_and_no_such_line(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, ("Per",))
    with Project.create(tmp_path / "ours.annotator") as ours:
        ours.add_document(TEXT)
        report = merge_bundle(ours, read_bundle(bundle), "lina.bundle", label_map={"Per": "PER"})
        lines = [str(x) for x in report.lines()]
        assert lines == [
            "lina.bundle: 1 added, 0 updated, 0 unchanged",
            "documents: 0 added, 1 matched",
            "lina.bundle: label 'Per' mapped to the project's 'PER': 1 records relabelled",
        ]
        assert [s.label for s in ours.spans()] == ["PER"]


def test_a_project_file_merge_says_the_same(tmp_path: Path) -> None:
    _bundle(tmp_path, ("Per", "ORG"))  # (its project file is merged, not the bundle)
    with Project.create(tmp_path / "ours.annotator") as ours:
        ours.add_document(TEXT)
        report = merge_project_file(ours, tmp_path / "theirs.annotator")
        lines = [str(x) for x in report.lines()]
        assert (
            f"{tmp_path / 'theirs.annotator'}: label 'Per' not added to the schema: it is the "
            f"project's 'PER' "
            f"written otherwise ({FOLDING}); 1 record labelled 'Per' quarantined, not "
            f"relabelled 'PER' (a label map 'Per' as 'PER' relabels it)"
        ) in lines, lines
        assert "quarantined (label 'Per' is not in the schema): 1" in lines
        assert [s.label for s in ours.spans()] == ["ORG"]
