"""A self-contained HTML report of an ``AgreementResult``: tables plus charts as inline PNGs.

The file has inline CSS, no scripts and no external references, so it opens offline and can
be mailed around. Every label, annotator and document name is escaped: they come from project
files and bundles of other people. Charts are drawn with matplotlib's Agg canvas (no pyplot
state, no GUI). Every text a chart shows goes through ``annotator.terminal.chart_text``:
matplotlib 3.11 and later shape Arabic and apply the bidi algorithm themselves (libraqm) and
take the text as it is; older ones need it reshaped and in visual order.

The report is in English (the CLI's) unless a ``ReportLanguage`` says otherwise: every text
of it is a ``Message`` (listed for the interface's translations like the core's other
messages) that the language's ``text`` shows, the event measures are named by its
``measure``, and its ``lang`` goes on the page (``dir="rtl"`` for Arabic). The figures are
written the same in every language.
"""

from __future__ import annotations

import base64
import functools
import html
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.agreement.measures import AgreementResult, PairResult, figure
from annotator.agreement.spans import PRF
from annotator.errors import Message
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


RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def _measure_name(measure: str) -> str:
    return measure.replace("_", " ")


@dataclass(frozen=True)
class ReportLanguage:
    """The language a report is written in: ``lang`` (the page's ``lang``; right to left
    for Arabic), ``text`` showing each of the report's ``Message``s (English: as it is) and
    ``measure`` naming an event measure (English: its name, spaced). The GUI passes its
    translations; the CLI writes the default, English."""

    lang: str = "en"
    text: Callable[[str], str] = str
    measure: Callable[[str], str] = _measure_name

    @property
    def rtl(self) -> bool:
        return self.lang in RTL_LANGUAGES


ENGLISH = ReportLanguage()


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
    pair: PairResult,
    labels: Sequence[str],
    names: dict[str, str],
    font: Sequence[str],
    language: ReportLanguage = ENGLISH,
) -> str:
    fig = _figure(max(4.0, 0.8 * len(labels) + 2), 3.2)
    ax = fig.add_subplot()
    xs = range(len(labels))
    for offset, (title, scores) in (
        (-0.2, (language.text(Message("exact")), pair.exact)),
        (0.2, (language.text(Message("overlap")), pair.overlap)),
    ):
        values = [(scores.per_label.get(lab) or PRF(0, 0, 0)).f1 or 0.0 for lab in labels]
        ax.bar([x + offset for x in xs], values, width=0.4, label=chart_text(title))
    _slanted_ticks(ax, [names.get(lab, lab) for lab in labels], font)
    ax.set_ylim(0, 1)
    ax.set_ylabel(chart_text(language.text(Message("F1"))), fontfamily=font)
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


def _num(value: float | int | None, cell: str = '<td class="num">') -> str:
    if value is None:
        return f"{cell}–</td>"
    text = figure(value) if isinstance(value, float) else str(value)
    return f"{cell}{text}</td>"


def _table(
    caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], rtl: bool = False
) -> str:
    """Rows of cells; str cells are escaped text, numbers and None are formatted (left to
    right on a right-to-left page: its minus sign stays before a negative figure)."""
    cell = '<td class="num" dir="ltr">' if rtl else '<td class="num">'
    out = [f"<table><caption>{html.escape(caption)}</caption><tr>"]
    out += [f"<th>{html.escape(h)}</th>" for h in headers]
    out.append("</tr>")
    for row in rows:
        cells = [f"<td>{html.escape(v)}</td>" if isinstance(v, str) else _num(v, cell) for v in row]
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


def write_html_report(
    result: AgreementResult,
    path: Path,
    schema: Schema | None = None,
    language: ReportLanguage = ENGLISH,
) -> None:
    """Write the agreement report for ``result`` to ``path``: one HTML file, put in place by
    ``annotator.output`` (atomic; it replaces only an earlier report of ours, left unchanged,
    recorded beside it; anything else at ``path`` is refused before the report is drawn).
    Its texts are in ``language`` (English by default)."""
    check(path, REPORT_FORMAT)
    write_text(path, REPORT_FORMAT, html_report(result, schema, language))


def html_report(
    result: AgreementResult, schema: Schema | None = None, language: ReportLanguage = ENGLISH
) -> str:
    """The agreement report for ``result`` as one HTML page, its texts in ``language``."""
    t = language.text
    table = functools.partial(_table, rtl=language.rtl)
    font = _font_family()
    names = _display_names(result, schema)
    title = html.escape(t(Message("Inter-annotator agreement")))
    page = "" if language.lang == ENGLISH.lang else f' lang="{html.escape(language.lang)}"'
    page += ' dir="rtl"' if language.rtl else ""  # (the CLI's English page: ``<html>``)
    parts = [
        f'<!DOCTYPE html><html{page}><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        "<p>"
        + html.escape(
            t(
                Message(
                    "Annotators: {names}. Documents: {count}.",
                    names=", ".join(result.annotators),
                    count=result.documents,
                )
            )
        )
        + "</p>",
    ]
    f1_exact, f1_overlap = t(Message("F1 exact")), t(Message("F1 overlap"))
    alpha_u, n_a, n_b = t(Message("alpha-U")), t(Message("n A")), t(Message("n B"))
    measure = t(Message("measure"))
    parts.append(
        table(
            t(Message("All annotators")),
            [measure, t(Message("value"))],
            [
                [t(Message("Krippendorff's alpha (nominal, tokens)")), result.alpha_nominal],
                [t(Message("Krippendorff's alpha-U (characters)")), result.alpha_u.alpha],
                *[
                    [t(Message("alpha-U {label}", label=names.get(c, c))), v[2]]
                    for c, v in sorted(result.alpha_u.per_category.items())
                ],
            ],
        )
    )
    a, b = t(Message("A")), t(Message("B"))
    parts.append(
        table(
            t(Message("Pairs (A reference, B response)")),
            [
                a,
                b,
                f1_exact,
                f1_overlap,
                t(Message("boundary F1")),
                t(Message("F1 mean over documents")),
                t(Message("Cohen's kappa (tokens)")),
                alpha_u,
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
        parts.append(_img(_heatmap(grid, ann, f1_exact, font), t(Message("pairwise exact F1"))))
    per_label = t(Message("F1 per label"))
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
            table(
                per_label,
                [
                    t(Message("label")),
                    t(Message("P exact")),
                    t(Message("R exact")),
                    f1_exact,
                    f1_overlap,
                    n_a,
                    n_b,
                ],
                label_rows,
            )
        )
        if result.labels:
            chart = _bar_chart(p, result.labels, names, font, language)
            parts.append(_img(chart, per_label))
        parts.append(
            table(
                t(Message("Events")),
                [measure, t(Message("P")), t(Message("R")), t(Message("F1")), n_a, n_b],
                [
                    [
                        language.measure(m),
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
            table(
                t(Message("Confusion (rows A, columns B; ∅ = no span)")),
                [t(Message("A \\ B")), *shown],
                [[shown[i], *row] for i, row in enumerate(cm.rows())],
            )
        )
        if len(cm.labels) > 1:
            rows = [[float(v) for v in row] for row in cm.rows()]
            parts.append(
                _img(
                    _heatmap(rows, shown, t(Message("confusion")), font),
                    t(Message("confusion matrix")),
                )
            )
        parts.append(
            table(
                t(Message("Per document")),
                [
                    t(Message("document")),
                    f1_exact,
                    f1_overlap,
                    t(Message("kappa")),
                    n_a,
                    n_b,
                ],
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
    parts += [f'<p class="note">{html.escape(t(n))}</p>' for n in result.notes]
    parts.append("</body></html>\n")
    return "".join(parts)
