"""An accepted suggestion's provenance line in its span's note: read by ``split_provenance``,
written back unchanged by ``join_provenance`` (the Details panel edits only the rest)."""

from __future__ import annotations

from pathlib import Path

from annotator.project import (
    Project,
    Provenance,
    join_provenance,
    provenance_note,
    split_provenance,
)
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."


def _suggestion(source: str = "model:crf@abcd1234", score: float = 0.75) -> Suggestion:
    start = TEXT.index("باريس")
    end = start + len("باريس")
    return Suggestion(new_uuid(), 1, start, end, "GPE", TEXT[start:end], source, score, "o-1")


def test_the_note_of_an_accepted_suggestion_is_read_back(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        s = _suggestion()
        p.add_suggestions([s])
        (span,) = p.accept_suggestions([s.uuid], "amal")
    assert span.note == provenance_note(s)  # the stored form is unchanged
    provenance, rest = split_provenance(span.note)
    assert provenance == Provenance(span.note, "model:crf@abcd1234", 0.75, "o-1")
    assert rest == ""
    assert join_provenance(provenance, rest) == span.note


def test_the_analysts_text_goes_below_the_line_and_the_line_stays() -> None:
    line = provenance_note(_suggestion("annotate-all", 1.0))
    provenance, _ = split_provenance(line)
    note = join_provenance(provenance, "راجع الاسم\nسطر ثانٍ")
    assert note == line + "\nراجع الاسم\nسطر ثانٍ"
    again, rest = split_provenance(note)
    assert again == provenance and rest == "راجع الاسم\nسطر ثانٍ"
    assert join_provenance(again, "") == line  # the analyst's text emptied: the line alone


def test_a_note_without_the_line_is_all_the_analysts() -> None:
    for note in (
        "",
        "ملاحظة",
        "suggestion: check this name",  # typed by hand: not JSON
        'suggestion: {"score": 1}',  # no source
        'suggestion: ["annotate-all"]',
        'ملاحظة\nsuggestion: {"source": "annotate-all"}',  # not the first line
    ):
        assert split_provenance(note) == (None, note)
        assert join_provenance(None, note) == note


def test_a_line_without_score_or_origin() -> None:
    provenance, rest = split_provenance('suggestion: {"source": "gazetteer:x"}\nنص')
    assert provenance is not None
    assert (provenance.source, provenance.score, provenance.origin, rest) == (
        "gazetteer:x",
        None,
        "",
        "نص",
    )
