"""Import errors say what is wrong (QA8 D5): brat fragments out of order, a relation naming one
unknown annotation, a spaCy DocBin given to import."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from annotator.errors import ImportFormatError
from annotator.formats.brat import read_brat
from annotator.formats.registry import IMPORT_FORMATS, detect_format, read_any

TEXT = "محمد بغداد زار"


def brat(tmp_path: Path, ann: str) -> Path:
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def error(path: Path) -> str:
    with pytest.raises(ImportFormatError) as info:
        read_brat(path)
    return str(info.value)


def test_fragments_out_of_order(tmp_path: Path) -> None:
    message = error(brat(tmp_path, "T1\tPER 11 14;0 4\tزار محمد\n"))
    assert "fragments '11 14;0 4' are out of order" in message
    assert "outside its span" not in message
    # in order they are read
    (tmp_path / "d.ann").write_text("T1\tPER 0 4;11 14\tمحمد زار\n", encoding="utf-8")
    (span,) = read_brat(tmp_path).documents[0].spans
    assert span.fragments == ((0, 4), (11, 14))


def test_a_relation_names_the_unknown_argument(tmp_path: Path) -> None:
    ann = "T1\tPER 0 4\tمحمد\nR1\tPHYS Arg1:T1 Arg2:T7\n"
    message = error(brat(tmp_path, ann))
    assert message.endswith("R1: unknown argument T7")
    (tmp_path / "d.ann").write_text("R1\tPHYS Arg1:T5 Arg2:T7\n", encoding="utf-8")
    assert error(tmp_path).endswith("R1: unknown argument T5 and T7")


def test_a_docbin_is_refused_as_such(tmp_path: Path) -> None:
    path = tmp_path / "x.spacy"
    db = DocBin(store_user_data=True)
    db.add(Doc(spacy.blank("ar").vocab, words=["محمد", "زار"]))
    path.write_bytes(db.to_bytes())
    fmt = detect_format(path)
    with pytest.raises(ImportFormatError) as info:
        read_any(path, fmt, strict=True)
    message = str(info.value)
    assert "a spaCy DocBin (.spacy) cannot be imported" in message
    assert "NUL" not in message
    for name in IMPORT_FORMATS[1:]:
        assert name in message
