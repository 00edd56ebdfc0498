"""Annotate-all and gazetteers make suggestions, never over existing annotations
(annotator.search.suggestions, annotator.search.gazetteer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import ImportFormatError
from annotator.model import Span
from annotator.project import Project
from annotator.search import (
    ANNOTATE_ALL,
    FoldedCorpus,
    Suggestion,
    annotate_all,
    entity_groups,
    gazetteer_suggestions,
    read_gazetteer,
)

DOCS = [
    (1, "زار الوزير باريس ثم عاد من بباريس إلى لندن."),
    (2, "في بَارِيسَ اجتماع، وفي وباريس آخر؛ ومباريس ليست باريس."),
    (3, "لا ذكر لها هنا."),
]


def at(doc: int, word: str, nth: int = 0, skip: int = 0) -> tuple[int, int]:
    text = dict(DOCS)[doc]
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return i + skip, i + len(word)


def source_span() -> Span:
    start, end = at(1, "باريس")
    return Span("src", 1, "ana", start, end, "GPE", "باريس")


def offsets(suggestions: list[Suggestion]) -> list[tuple[int, int, int]]:
    return [(s.doc_id, s.start, s.end) for s in suggestions]


def test_annotate_all_in_the_document_and_the_corpus() -> None:
    corpus = FoldedCorpus(DOCS)
    src = source_span()
    here = list(annotate_all(src, corpus, [src], whole_corpus=False))
    assert offsets(here) == [(1, *at(1, "بباريس", skip=1))]
    s = here[0]
    assert (s.label, s.text, s.source, s.origin, s.score) == (
        "GPE",
        "باريس",
        ANNOTATE_ALL,
        "src",
        1,
    )
    everywhere = list(annotate_all(src, corpus, [src]))
    assert [corpus.text(d)[a:b] for d, a, b in offsets(everywhere)] == [
        "باريس",
        "بَارِيسَ",
        "باريس",
        "باريس",
    ]
    assert (2, *at(2, "وباريس", skip=1)) in offsets(everywhere)
    assert len({s.uuid for s in everywhere}) == 4


def test_annotate_all_never_overlaps_existing_annotations_or_rejections() -> None:
    corpus = FoldedCorpus(DOCS)
    src = source_span()
    a, b = at(2, "في بَارِيسَ", skip=3)
    existing = [src, Span("x", 2, "bo", a, b + 3, "LOC", corpus.text(2)[a : b + 3])]
    rejected = {(2, *at(2, "ليست باريس", skip=5), "GPE", ANNOTATE_ALL)}
    got = list(annotate_all(src, corpus, existing, rejected=rejected))
    assert offsets(got) == [(1, *at(1, "بباريس", skip=1)), (2, *at(2, "وباريس", skip=1))]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_gazetteer_csv_and_txt_give_suggestions(tmp_path: Path, seed_text: str) -> None:
    names = write(tmp_path, "places.csv", "name,label\nباريس,GPE\nهولندا,GPE\nوزارة الدفاع,ORG\n")
    gaz = read_gazetteer(names)
    assert (gaz.name, gaz.source, len(gaz.entries)) == ("places", "gazetteer:places", 3)
    corpus = FoldedCorpus([(1, seed_text)])
    got = list(gazetteer_suggestions(gaz, corpus, []))
    found = {(s.text, s.label) for s in got}
    assert found == {("باريس", "GPE"), ("هولندا", "GPE"), ("وزارة الدفاع", "ORG")}
    i = seed_text.index("بباريس")
    assert (1, i + 1, i + 6) in offsets(got)
    i = seed_text.index("وهولندا")
    assert (1, i + 1, i + 7) in offsets(got)
    assert all(s.source == "gazetteer:places" and s.origin for s in got)
    txt = write(tmp_path, "people.txt", "# leaders\nفرنسوا هولاند\n\nفرانسوا هولاند\n")
    people = read_gazetteer(txt, label="PER")
    assert [e.name for e in people.entries] == ["فرنسوا هولاند", "فرانسوا هولاند"]


def test_gazetteer_prefers_the_longest_name_and_skips_annotated_text(tmp_path: Path) -> None:
    gaz = read_gazetteer(write(tmp_path, "g.csv", "باريس,GPE\nجامعة باريس,ORG\nلندن,GPE\n"))
    text = "درس في جامعة باريس ثم في لندن وباريس."
    corpus = FoldedCorpus([(5, text)])
    a = text.index("لندن")
    existing = [Span("e", 5, "ana", a, a + 4, "GPE", "لندن")]
    got = list(gazetteer_suggestions(gaz, corpus, existing))
    assert [(s.text, s.label) for s in got] == [("جامعة باريس", "ORG"), ("باريس", "GPE")]


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("a.csv", "name,label\nباريس,GPE\nلندن\n", 3, "expected 2 columns"),
        ("b.csv", "باريس,GPE\n,GPE\n", 2, "empty name"),
        ("c.csv", "باريس,GPE\nلندن,\n", 2, "empty label"),
        ("d.csv", "باريس,GPE\nلندن,GP E\n", 2, "white space"),
        ("e.csv", "باريس,GPE\nبَاريس,LOC\n", 2, "labelled LOC here and GPE on line 1"),
        ("f.csv", "باريس,GPE\nب,GPE\n", 2, "too short"),
        ("g.csv", 'باريس,GPE\n"لندن,GPE\n', 2, "bad CSV"),
        ("h.csv", "باريس,GPE\nلندن,GPE\n".encode() + b"\xff\xfe,GPE\n", 3, "not UTF-8"),
    ],
)
def test_bad_gazetteers_name_file_and_line(
    tmp_path: Path, name: str, content: str | bytes, line: int, message: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(ImportFormatError, match=message) as info:
        read_gazetteer(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_txt_gazetteer_needs_a_label_and_names(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="needs a label"):
        read_gazetteer(write(tmp_path, "n.txt", "باريس\n"))
    with pytest.raises(ImportFormatError, match="no names"):
        read_gazetteer(write(tmp_path, "m.txt", "# nothing\n\n"), label="GPE")
    with pytest.raises(ImportFormatError, match="cannot read"):
        read_gazetteer(tmp_path / "missing.csv")


def test_a_gazetteer_is_read_as_every_input_file_is(tmp_path: Path) -> None:
    """Through annotator.files.read_file: a FIFO is refused at once (path.read_bytes waited
    for a writer for ever, found by QA), so is a device."""
    import os

    fifo = tmp_path / "names.txt"
    os.mkfifo(fifo)
    with pytest.raises(ImportFormatError, match=r"not a regular file \(a FIFO\)"):
        read_gazetteer(fifo, label="PER")
    with pytest.raises(ImportFormatError, match=r"not a regular file \(a device\)"):
        read_gazetteer(Path("/dev/null"), label="PER")


def test_thousands_of_names(tmp_path: Path, seed_text: str) -> None:
    rows = [f"اسم{k:05d},PER" for k in range(5000)] + ["باريس,GPE"]
    gaz = read_gazetteer(write(tmp_path, "big.csv", "\n".join(rows)))
    corpus = FoldedCorpus([(1, seed_text), (2, "قابل اسم00042 و اسم04999 في باريس")])
    got = list(gazetteer_suggestions(gaz, corpus, []))
    assert [(s.doc_id, s.text) for s in got if s.doc_id == 2] == [
        (2, "اسم00042"),
        (2, "اسم04999"),
        (2, "باريس"),
    ]


def test_search_runs_over_a_projects_streams(seed_project: Project) -> None:
    """The functions take what ``Project.iter_documents`` and ``iter_records`` stream."""
    doc = next(seed_project.iter_documents())
    start = doc.text.index("بباريس") + 1
    seed_project.add_span(doc.id, start, start + 5, "GPE", "amal")
    seed_project.add_document("لقاء في باريس وفي لندن", name="second")
    corpus = FoldedCorpus((d.id, d.text) for d in seed_project.iter_documents())
    spans = [s for s in seed_project.iter_records("spans") if isinstance(s, Span)]
    (src,) = spans
    made = list(annotate_all(src, corpus, spans))
    assert [corpus.text(s.doc_id)[s.start : s.end] for s in made] == ["باريس", "باريس"]
    assert {s.doc_id for s in made} == {doc.id, doc.id + 1}
    groups = entity_groups(spans)
    assert [(g.label, g.key, g.count) for g in groups] == [("GPE", "باريس", 1)]
