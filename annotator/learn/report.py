"""The training report as one self-contained HTML page: per-label scores of the model and the
baseline, and the learning curve as inline SVG (matplotlib, Agg; no network, no files)."""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.learn.evaluate import TriggerScores
    from annotator.learn.training import TrainingResult

_STYLE = """
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: right; }
td:first-child, th:first-child { text-align: left; }
"""


def _svg_curve(points: list[tuple[int, float]]) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 3.2))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([n for n, _ in points], [f for _, f in points], marker="o")
    ax.set_xlabel("training documents")
    ax.set_ylabel("held-out micro F1 (exact spans)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def _table(result: TrainingResult) -> str:
    rows = []
    assert result.scores is not None and result.baseline is not None
    base = result.baseline.per_label
    for label, row in sorted(result.scores.per_label.items()):
        b = base.get(label, {})
        rows.append((label, row, b))
    rows.append(("micro", result.scores.micro, result.baseline.micro))
    head = (
        "<tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th>"
        "<th>baseline F1</th></tr>"
    )
    body = "".join(
        f"<tr><td>{html.escape(label)}</td><td>{r.get('precision', 0):.3f}</td>"
        f"<td>{r.get('recall', 0):.3f}</td><td>{r.get('f1', 0):.3f}</td>"
        f"<td>{int(r.get('support', 0))}</td><td>{b.get('f1', 0):.3f}</td></tr>"
        for label, r, b in rows
    )
    return f"<table>{head}{body}</table>"


def _trigger_section(triggers: TriggerScores | None) -> str:
    """The trigger output's held-out scores per event type, in a table of their own (the
    entity labels' micro F1 above is not theirs); nothing when the layer has no events, why
    when there were too few for a score. Each event type in ``<bdi>``: an Arabic name keeps its
    own order in the left-to-right table."""
    from annotator.learn.training import too_few_triggers

    if triggers is None:
        return ""
    title = "<h2>Event triggers</h2>"
    if triggers.too_few:
        return f"{title}<p>{html.escape(too_few_triggers(triggers))}</p>"
    rows = [*sorted(triggers.scores.per_label.items()), ("all event types", triggers.scores.micro)]
    head = (
        "<tr><th>event type</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>"
    )
    body = "".join(
        f"<tr><td><bdi>{html.escape(label)}</bdi></td><td>{r.get('precision', 0):.3f}</td>"
        f"<td>{r.get('recall', 0):.3f}</td><td>{r.get('f1', 0):.3f}</td>"
        f"<td>{int(r.get('support', 0))}</td></tr>"
        for label, r in rows
    )
    return (
        f"{title}<p>The trigger words learnt from the training documents' events, scored on "
        f"the same held-out documents ({triggers.held_out} of the layer's {triggers.events} "
        "triggers), per event type; exact spans, seqeval strict IOB2, as the labels above. "
        "Not counted in the labels' micro average.</p>"
        f"<table>{head}{body}</table>"
    )


def html_report(result: TrainingResult) -> str:
    m = result.model.manifest
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        "<title>annotator: model training report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Model training report</h1>",
        f"<p>Layer <b><bdi>{html.escape(result.layer)}</bdi></b>, "
        f"trained {html.escape(m['trained'])}; "
        f"{m['documents']} documents, {m['tokens']} tokens, {m['mentions']} mentions; "
        f"model {html.escape(result.model.source)} (features v{m['feature_version']}).</p>",
    ]
    if result.scores is None:
        parts.append("<p>No document was held out: no scores.</p>")
    else:
        # each name isolated: two right-to-left names joined by ", " in a left-to-right
        # paragraph would run together and read in reverse order (QA 15)
        held = ", ".join(f"<bdi>{html.escape(n)}</bdi>" for n in result.eval_documents)
        parts.append(
            f"<h2>Held-out scores</h2><p>Held out (whole documents): {held}. Exact spans, "
            "seqeval strict IOB2; baseline: training mentions memorised.</p>"
        )
        parts.append(_table(result))
        parts.append(_trigger_section(result.triggers))
    if result.curve:
        parts.append("<h2>Learning curve</h2>")
        parts.append(_svg_curve(result.curve))
    parts.append("</body></html>")
    return "\n".join(parts)
