"""brat export/import defects found by QA13.

- D8: a free-text attribute's one-word value went into the .ann while annotation.conf only
  held a comment, so neither brat nor our own import (even with ``--new-labels add``) could
  read the export back. It is now declared as an enum of the values written, with an
  ``# annotator-attribute-kind: NAME -> text`` note that makes the reader read it as free text.
- D7: one enum value of two words anywhere in the schema made every brat export fail; it is now
  left out of annotation.conf (and of the records using it) and reported, the export goes on.
- D12: CRLF and lone CR of a note came back as LF silently; brat's ``#`` lines cannot hold a
  CR, so the change is now reported.
- D14: a path that does not exist, read as brat, was reported as a missing .txt beside a .ann
  nobody gave; it now says what every reader says: ``cannot read: No such file or directory``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ImportFormatError
from annotator.formats.brat import read_brat, read_brat_folder, write_brat
from annotator.formats.brat_conf import read_annotation_conf, write_annotation_conf
from annotator.model import Document, DocumentAnnotations, Span
from annotator.project import Project
from annotator.schema import AttributeDef, Schema, default_schema
from annotator.text import sha256_text

ME = "amal"
TEXT = "قالت الأمم المتحدة"


def never(_: object) -> int:
    raise AssertionError("no window")


def schema_with(*attributes: AttributeDef) -> Schema:
    base = default_schema()
    return replace(base, attributes=(*base.attributes, *attributes))


def one_doc(**span: object) -> DocumentAnnotations:
    s = Span("s1", 1, "gold", 5, 18, "ORG", TEXT[5:18], **span)  # type: ignore[arg-type]
    return DocumentAnnotations(Document(1, "d", TEXT, sha256_text(TEXT)), (s,))


# -- D8: a free-text attribute ----------------------------------------------------------------
def test_free_text_attribute_is_declared_and_read_back_as_free_text(tmp_path: Path) -> None:
    schema = schema_with(AttributeDef("Comment", "text", (), ("ORG",)))
    out = tmp_path / "out"
    report = write_brat([one_doc(attributes={"Comment": "كلمة"})], out, schema)
    assert not report.dropped
    assert "A1\tComment T1 كلمة\n" in (out / "d.ann").read_text(encoding="utf-8")
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    # brat reads only the values annotation.conf lists
    assert "Comment\tArg:ORG, Value:كلمة" in conf.splitlines()
    result, read = read_brat_folder(out)
    assert read is not None
    assert read.attribute("Comment") == AttributeDef("Comment", "text", (), ("ORG",))
    assert result.documents[0].spans[0].attributes == {"Comment": "كلمة"}


def test_free_text_attribute_without_values_stays_a_comment() -> None:
    schema = schema_with(AttributeDef("Comment", "text", (), ("ORG",)))
    text, _ = write_annotation_conf(schema)
    assert "# Comment: a free-text attribute, which brat cannot express" in text.splitlines()
    assert read_annotation_conf(text)[0].attribute("Comment") is None


def test_a_value_annotation_conf_cannot_list_is_not_written(tmp_path: Path) -> None:
    schema = schema_with(AttributeDef("Comment", "text", (), ("ORG",)))
    out = tmp_path / "out"
    report = write_brat([one_doc(attributes={"Comment": "a|b"})], out, schema)
    assert "Comment" not in (out / "d.ann").read_text(encoding="utf-8")
    assert report.dropped == {
        "attribute value that annotation.conf cannot list (brat reads no other)": 1
    }
    assert report.lost["attribute"] == 1
    # an attribute the schema lacks: the same rule
    report = write_brat([one_doc(attributes={"Ghost": "x:y"})], tmp_path / "g", Schema())
    assert "Ghost" not in (tmp_path / "g" / "d.ann").read_text(encoding="utf-8")
    assert report.lost["attribute"] == 1


def test_free_text_export_imports_into_a_fresh_project_and_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.annotator"
    schema = schema_with(AttributeDef("Comment", "text", (), ("ORG",)))
    with Project.create(source, schema=schema) as p:
        d = p.add_document(TEXT, name="d")
        p.add_span(d.id, 5, 18, "ORG", ME, attributes={"Comment": "كلمة"})
    out = tmp_path / "out"
    assert main(["export", str(source), "--format", "brat", "-o", str(out)], gui=never) == 0
    fresh = tmp_path / "q.annotator"
    assert main(["init", str(fresh)], gui=never) == 0
    args = ["import", str(fresh), str(out), "--format", "brat", "--new-labels", "add"]
    assert main([*args, "--annotator", ME], gui=never) == 0
    with Project.open(fresh) as q:
        attribute = q.schema.attribute("Comment")
        assert attribute is not None and attribute.kind == "text"
        assert [s.attributes for s in q.spans(None)] == [{"Comment": "كلمة"}]
    args = ["import", str(source), str(out), "--format", "brat", "--annotator", "x"]
    assert main(args, gui=never) == 0
    capsys.readouterr()


# -- D7: an enum value of two words -----------------------------------------------------------
def test_an_enum_value_brat_cannot_list_is_dropped_not_fatal(tmp_path: Path) -> None:
    schema = schema_with(AttributeDef("Level", "enum", ("high level", "low"), ("ORG",)))
    out = tmp_path / "out"
    docs = [one_doc(attributes={"Level": "high level"})]
    report = write_brat(docs, out, schema)
    assert report.documents == 1 and report.spans_exported == 1
    assert report.dropped == {
        "attribute value 'high level' of 'Level' left out of annotation.conf "
        "(brat cannot list it)": 1,
        "attribute value that is not a single word": 1,
    }
    assert report.lost == {"attribute": 1}
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Level\tArg:ORG, Value:low" in conf.splitlines()
    assert (out / "d.ann").read_text(encoding="utf-8") == "T1\tORG 5 18\tالأمم المتحدة\n"
    assert read_brat(out).documents[0].spans[0].attributes == {}


def test_an_enum_left_without_values_is_a_comment(tmp_path: Path) -> None:
    schema = schema_with(AttributeDef("Level", "enum", ("high level",), ("ORG",)))
    write_brat([one_doc()], tmp_path / "out", schema)
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    assert not [line for line in conf.splitlines() if line.startswith("Level")]
    assert read_annotation_conf(conf)[0].attribute("Level") is None


def test_schema_export_still_refuses_the_value() -> None:
    from annotator.errors import SchemaError

    schema = schema_with(AttributeDef("Level", "enum", ("high level", "low"), ("ORG",)))
    with pytest.raises(SchemaError, match="'high level' cannot be written"):
        write_annotation_conf(schema)


def test_cli_export_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "p.annotator"
    schema = schema_with(AttributeDef("Level", "enum", ("high level", "low"), ("PER",)))
    with Project.create(source, schema=schema) as p:
        d = p.add_document("زار محمد بغداد", name="d")
        p.add_span(d.id, 4, 8, "PER", ME)
    out = tmp_path / "out"
    assert main(["export", str(source), "--format", "brat", "-o", str(out)], gui=never) == 0
    assert "left out of annotation.conf" in capsys.readouterr().out
    assert (out / "d.ann").is_file()


# -- D12: carriage returns in a note ----------------------------------------------------------
def test_a_carriage_return_in_a_note_is_reported(tmp_path: Path) -> None:
    note = "سطر\r\nآخر\rثالث\n\n"
    report = write_brat([one_doc(note=note)], tmp_path / "out", Schema())
    assert report.dropped == {
        "carriage return in a note, written as a line break (brat notes are one line each)": 1
    }
    assert report.exported["note"] == 1
    assert read_brat(tmp_path / "out").documents[0].spans[0].note == "سطر\nآخر\nثالث\n\n"
    # a note of line feeds only round-trips unreported
    plain = write_brat([one_doc(note="سطر\nآخر\n\n")], tmp_path / "lf", Schema())
    assert not plain.dropped
    assert read_brat(tmp_path / "lf").documents[0].spans[0].note == "سطر\nآخر\n\n"


# -- D14: a path that does not exist ----------------------------------------------------------
@pytest.mark.parametrize("name", ["my_corpus", "my_corpus.txt", "my_corpus.ann"])
def test_a_missing_path_cannot_be_read(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFormatError) as err:
        read_brat(tmp_path / name)
    assert str(err.value.message) == "cannot read: No such file or directory"
    assert err.value.path.endswith(name)
    lenient = read_brat(tmp_path / name, strict=False)
    assert lenient.documents == []
    assert [p.message for p in lenient.problems] == ["cannot read: No such file or directory"]


def test_a_pair_named_without_suffix_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tORG 5 18\tالأمم المتحدة\n", encoding="utf-8")
    (doc,) = read_brat(tmp_path / "d").documents
    assert [s.label for s in doc.spans] == ["ORG"]
    (tmp_path / "d.txt").unlink()
    with pytest.raises(ImportFormatError, match=r"no text file d\.txt beside d\.ann"):
        read_brat(tmp_path / "d.ann")
