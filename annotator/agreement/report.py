"""A self-contained HTML report of an ``AgreementResult``: tables plus charts as inline PNGs.

The file has inline CSS, no scripts and no external references, so it opens offline and can
be mailed around. Every label, annotator and document name is escaped: they come from project
files and bundles of other people. Charts are drawn with matplotlib's Agg canvas (no pyplot
state, no GUI). Every text a chart shows goes through ``annotator.terminal.chart_text``:
matplotlib 3.11 and later shape Arabic and apply the bidi algorithm themselves (libraqm) and
take the text as it is; older ones need it reshaped and in visual order.
"""

from __future__ import annotations

import base64
import functools
import html
import io
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.agreement.measures import AgreementResult, PairResult
from annotator.agreement.spans import PRF
from annotator.output import check, write_text
from annotator.schema import Schema
from annotator.terminal import chart_text

REPORT_FORMAT = "agreement-html"
"""The format name the report is written under (``annotator.output``)."""
FALLBACK_FONT = "DejaVu Sans"
"""Ships with matplotlib and has Arabic glyphs, presentation forms included."""

CSS = """
body { font-family: 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: start; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
th { background: #eee; }
caption { font-weight: bold; text-align: start; padding: 0.3em 0; }
img { max-width: 100%; display: block; margin: 0.5em 0 1.5em; }
.note { color: #555; font-size: 0.9em; }
"""


@functools.cache
def _font_family() -> tuple[str, ...]:
    """The bundled Naskh font if present (registered with matplotlib), then DejaVu Sans.

    matplotlib falls back glyph by glyph along the list: Latin letters and digits, which a
    Naskh font may lack, come from DejaVu Sans.
    """
    from matplotlib import font_manager

    try:
        fonts = sorted(
            (p for p in resources.files("resources").joinpath("fonts").iterdir()),
            key=lambda p: ("regular" not in p.name.lower(), p.name),
        )
        fonts = [p for p in fonts if p.name.lower().endswith(".ttf")]
    except (FileNotFoundError, ModuleNotFoundError):
        fonts = []
    for font in fonts:
        with resources.as_file(font) as file:
            font_manager.fontManager.addfont(str(file))
            return (str(font_manager.FontProperties(fname=str(file)).get_name()), FALLBACK_FONT)
    return (FALLBACK_FONT,)


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def _slanted_ticks(ax: Any, texts: Sequence[str], font: Sequence[str]) -> None:
    """``texts`` under the x ticks, slanted so long names (``Conflict.Attack (هجوم)``) do not
    run into each other: each ends at its tick, read along a rising line."""
    ax.set_xticks(
        range(len(texts)),
        [chart_text(t) for t in texts],
        fontfamily=font,
        rotation=35,
        ha="right",
        rotation_mode="anchor",
    )


def _bar_chart(
    pair: PairResult, labels: Sequence[str], names: dict[str, str], font: Sequence[str]
) -> str:
    fig = _figure(max(4.0, 0.8 * len(labels) + 2), 3.2)
    ax = fig.add_subplot()
    xs = range(len(labels))
    for offset, (title, scores) in (
        (-0.2, ("exact", pair.exact)),
        (0.2, ("overlap", pair.overlap)),
    ):
        values = [(scores.per_label.get(lab) or PRF(0, 0, 0)).f1 or 0.0 for lab in labels]
        ax.bar([x + offset for x in xs], values, width=0.4, label=title)
    _slanted_ticks(ax, [names.get(lab, lab) for lab in labels], font)
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1", fontfamily=font)
    ax.set_title(chart_text(f"{pair.a} / {pair.b}"), fontfamily=font)
    ax.legend(prop={"family": font})
    return _png(fig)


def _heatmap(rows: list[list[float]], ticks: list[str], title: str, font: Sequence[str]) -> str:
    fig = _figure(max(3.5, 0.6 * len(ticks) + 2), max(3.0, 0.5 * len(ticks) + 1.5))
    ax = fig.add_subplot()
    image = ax.imshow(rows, cmap="Blues")
    _slanted_ticks(ax, ticks, font)
    ax.set_yticks(range(len(ticks)), [chart_text(t) for t in ticks], fontfamily=font)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            ax.text(j, i, f"{value:g}", ha="center", va="center", fontfamily=font, fontsize=8)
    ax.set_title(chart_text(title), fontfamily=font)
    fig.colorbar(image, ax=ax)
    return _png(fig)


def _num(value: float | int | None) -> str:
    if value is None:
        return '<td class="num">–</td>'
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    return f'<td class="num">{text}</td>'


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows of cells; str cells are escaped text, numbers and None are formatted."""
    out = [f"<table><caption>{html.escape(caption)}</caption><tr>"]
    out += [f"<th>{html.escape(h)}</th>" for h in headers]
    out.append("</tr>")
    for row in rows:
        cells = [f"<td>{html.escape(v)}</td>" if isinstance(v, str) else _num(v) for v in row]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _img(data: str, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _display_names(result: AgreementResult, schema: Schema | None) -> dict[str, str]:
    names = {}
    for lab in result.labels:
        found = schema.label(lab) if schema else None
        names[lab] = f"{lab} ({found.ar})" if found and found.ar else lab
    return names


def write_html_report(result: AgreementResult, path: Path, schema: Schema | None = None) -> None:
    """Write the agreement report for ``result`` to ``path``: one HTML file, put in place by
    ``annotator.output`` (atomic; it replaces only an earlier report of ours, left unchanged,
    recorded beside it; anything else at ``path`` is refused before the report is drawn)."""
    check(path, REPORT_FORMAT)
    font = _font_family()
    names = _display_names(result, schema)
    parts = [
        '<!DOCTYPE html><html><head><meta charset="utf-8">',
        "<title>Inter-annotator agreement</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Inter-annotator agreement</h1>",
        f"<p>Annotators: {html.escape(', '.join(result.annotators))}. "
        f"Documents: {result.documents}.</p>",
    ]
    parts.append(
        _table(
            "All annotators",
            ["measure", "value"],
            [
                ["Krippendorff's alpha (nominal, tokens)", result.alpha_nominal],
                ["Krippendorff's alpha-U (characters)", result.alpha_u.alpha],
                *[
                    [f"alpha-U {names.get(c, c)}", v[2]]
                    for c, v in sorted(result.alpha_u.per_category.items())
                ],
            ],
        )
    )
    parts.append(
        _table(
            "Pairs (A reference, B response)",
            [
                "A",
                "B",
                "F1 exact",
                "F1 overlap",
                "boundary F1",
                "F1 mean over documents",
                "Cohen's kappa (tokens)",
                "alpha-U",
            ],
            [
                [
                    p.a,
                    p.b,
                    p.exact.micro.f1,
                    p.overlap.micro.f1,
                    p.exact.boundary.f1 if p.exact.boundary else None,
                    p.document_average_f1,
                    p.kappa,
                    p.alpha_u.alpha,
                ]
                for p in result.pairs
            ],
        )
    )
    ann = list(result.annotators)
    if len(ann) > 1:
        grid = [[1.0 if x == y else 0.0 for y in ann] for x in ann]
        for p in result.pairs:
            i, j = ann.index(p.a), ann.index(p.b)
            grid[i][j] = grid[j][i] = round(p.exact.micro.f1 or 0.0, 3)
        parts.append(_img(_heatmap(grid, ann, "F1 exact", font), "pairwise exact F1"))
    for p in result.pairs:
        parts.append(f"<h2>{html.escape(p.a)} / {html.escape(p.b)}</h2>")
        label_rows = []
        for lab in result.labels:
            ex, ov = p.exact.per_label.get(lab), p.overlap.per_label.get(lab)
            label_rows.append(
                [
                    names[lab],
                    ex and ex.precision,
                    ex and ex.recall,
                    ex and ex.f1,
                    ov and ov.f1,
                    ex.n_a if ex else 0,
                    ex.n_b if ex else 0,
                ]
            )
        parts.append(
            _table(
                "F1 per label",
                ["label", "P exact", "R exact", "F1 exact", "F1 overlap", "n A", "n B"],
                label_rows,
            )
        )
        if result.labels:
            parts.append(_img(_bar_chart(p, result.labels, names, font), "F1 per label"))
        parts.append(
            _table(
                "Events",
                ["measure", "P", "R", "F1", "n A", "n B"],
                [
                    [
                        m.replace("_", " "),
                        s.micro.precision,
                        s.micro.recall,
                        s.micro.f1,
                        s.micro.n_a,
                        s.micro.n_b,
                    ]
                    for m, s in p.events.items()
                ],
            )
        )
        cm = p.confusion
        shown = [names.get(lab, lab) for lab in cm.labels]
        parts.append(
            _table(
                "Confusion (rows A, columns B; ∅ = no span)",
                ["A \\ B", *shown],
                [[shown[i], *row] for i, row in enumerate(cm.rows())],
            )
        )
        if len(cm.labels) > 1:
            rows = [[float(v) for v in row] for row in cm.rows()]
            parts.append(_img(_heatmap(rows, shown, "confusion", font), "confusion matrix"))
        parts.append(
            _table(
                "Per document",
                ["document", "F1 exact", "F1 overlap", "kappa", "n A", "n B"],
                [
                    [
                        d.name or str(d.doc_id),
                        d.exact.f1,
                        d.overlap.f1,
                        d.kappa,
                        d.exact.n_a,
                        d.exact.n_b,
                    ]
                    for d in p.documents
                ],
            )
        )
    parts += [f'<p class="note">{html.escape(n)}</p>' for n in result.notes]
    parts.append("</body></html>\n")
    write_text(path, REPORT_FORMAT, "".join(parts))
