"""The HTML agreement report: self-contained, escaped, with charts and no glyph warnings."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from annotator.agreement import AgreementResult, agreement
from annotator.agreement.report import write_html_report
from annotator.model import Argument, Document, DocumentAnnotations, Event, Span
from annotator.schema import Label, Schema

TEXT = "اعتقل محمد علي ببغداد."
PAYLOAD = "<img src=x>"


def _layer(name: str, place: tuple[int, int, str]) -> list[DocumentAnnotations]:
    doc = Document(1, "<b>خبر</b>", TEXT, "sha")
    spans = (
        Span(f"p{name}", 1, name, 6, 14, "PER", ""),
        Span(f"g{name}", 1, name, *place, ""),
        Span(f"t{name}", 1, name, 0, 5, "اعتقال", ""),
    )
    events = (Event(f"e{name}", 1, name, "اعتقال", f"t{name}"),)
    args = (Argument(f"a{name}", f"e{name}", 1, name, "Place", f"g{name}"),)
    return [DocumentAnnotations(doc, spans, events, args)]


@pytest.fixture(scope="module")
def result() -> AgreementResult:
    return agreement(
        {
            "ali": _layer("ali", (16, 21, "GPE")),
            PAYLOAD: _layer("x", (15, 21, PAYLOAD)),
            "منى": _layer("m", (16, 21, "GPE")),
        }
    )


@pytest.fixture(scope="module")
def page(result: AgreementResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "agreement.html"
    schema = Schema(entities=(Label("PER", ar="شخص"), Label("GPE", ar="كيان جغرافي")))
    # filterwarnings=error: a glyph missing from the chart font would fail here.
    write_html_report(result, path, schema)
    return path.read_text(encoding="utf-8")


def test_self_contained(page: str) -> None:
    assert "http" not in page.lower()
    assert "<script" not in page.lower()
    assert re.search(r"\b(href|src)=\"(?!data:image/png;base64,)", page) is None
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_untrusted_names_are_escaped(page: str) -> None:
    assert PAYLOAD not in page
    assert "&lt;img src=x&gt;" in page
    assert "<b>" not in page and "&lt;b&gt;خبر&lt;/b&gt;" in page
    assert len(re.findall(r"<img ", page)) == len(re.findall(r"data:image/png;base64,", page))


def test_images_are_embedded_pngs(page: str) -> None:
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) >= 4  # pairwise heatmap + per pair a bar chart and a confusion heatmap
    for data in images:
        assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")


def test_tables_are_present(page: str) -> None:
    for caption in ("All annotators", "Pairs", "F1 per label", "Events", "Confusion",
                    "Per document"):  # fmt: skip
        assert f"<caption>{caption}" in page
    assert "GPE (كيان جغرافي)" in page  # schema display names, in logical order
    assert "argument identification" in page
    assert "منى" in page


def test_without_schema_and_single_annotator(tmp_path: Path) -> None:
    lonely = agreement({"ali": _layer("ali", (16, 21, "GPE"))})
    path = tmp_path / "one.html"
    write_html_report(lonely, path)
    text = path.read_text(encoding="utf-8")
    assert "<caption>All annotators" in text and "http" not in text
