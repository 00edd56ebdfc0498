"""Every export re-imports with its own importer (property test), and ``normalise`` is
idempotent: random Arabic-ish texts with BOMs (leading and inside), harakat, ZWNJ, odd
spaces and line breaks (QA export round 3)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.exporting import export
from annotator.formats.registry import REGISTRY, read_any
from annotator.formats.tokens import token_layer
from annotator.importing import import_documents
from annotator.project import Project
from annotator.schema import default_schema
from annotator.text import BOM, leading_boms, normalise

LAYER = "amal"
PIECES = [
    "بغداد", "زار", "الوفد", "دمشق", "بَغْدَادُ", "و", "\u200c", "٢٠٢٤", "Macron", ".", "،", "؟",
    " ", " ", " ", "\u2003", "\u00a0", "\t", "\n", "\n\n", "\u2028", "\r\n", BOM, BOM + BOM,
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)
# every format that both exports and imports, read back with its own importer
ROUND_TRIP = [n for n, f in REGISTRY.items() if f.exports and f.imports]


def test_the_round_trip_covers_the_token_formats() -> None:
    assert {"conll", "events", "spacy-jsonl", "jsonl", "brat"} <= set(ROUND_TRIP)


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new project with the default schema, copied for each project an example makes
    (``Project.create`` checked the same schema and built the same file for the source and
    for each format, every example: half of the test's time)."""
    path = tmp_path_factory.mktemp("empty") / "empty.annotator"
    Project.create(path, schema=default_schema()).close()
    return path


def _new(empty: Path, path: Path) -> Project:
    shutil.copyfile(empty, path)
    return Project.open(path)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts, st.data())
def test_every_export_reimports_with_its_own_importer(
    empty: Path, text: str, data: st.DataObject
) -> None:
    stored = normalise(text).text
    words = token_layer(stored, ()).tokens
    if not words:
        return  # nothing to export: no format writes a document without a token
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        p = _new(empty, root / "src.annotator")
        doc = p.add_document(text, name="d")
        start, end = data.draw(st.sampled_from(words))
        if doc.text[start:end].strip():
            p.add_span(doc.id, start, end, "GPE", LAYER)
        for fmt in ROUND_TRIP:
            out = root / f"out-{fmt}"
            export(p, fmt, out, annotator=LAYER)
            result = read_any(out, fmt, True, schema=p.schema)  # strict: refuses nothing
            assert result.documents, fmt
            q = _new(empty, root / f"{fmt}.annotator")
            report = import_documents(q, result, annotator=LAYER)
            assert report.documents_added == 1, fmt
            assert not [x for x in report.problems if "skipped" in str(x)], fmt
            q.close()
        p.close()


@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once.text).text == once.text
    assert not once.text.startswith(BOM)
    assert once.removed_bom == text.startswith(BOM)


@given(st.integers(0, 3), st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
def test_normalise_drops_exactly_the_leading_boms(n: int, rest: str) -> None:
    text = BOM * n + rest.lstrip(BOM)
    assert leading_boms(text) == n
    # nothing but the leading BOMs (and CRs) is removed: offsets after them shift by n
    assert normalise(text).text == normalise(text[n:]).text
    assert normalise(text).text.replace("\n", "") == text[n:].replace("\r", "").replace("\n", "")
