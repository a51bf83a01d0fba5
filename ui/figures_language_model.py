"""Plotly figures of the "Language model" page: pure functions from core.lm's arrays to figures.

Every token shown comes from a learner's text or from a model's vocabulary and goes through
``figures.label`` (HTML-escaped, invisible characters made visible).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ui.figures import HIGHLIGHT, _layout, label

BAR = "#1f5fbf"
MUTED = "#b8c4d6"
UNK_COLOR = "#f6b26b"


def _tick(token: str) -> str:
    return label(token) if token else "∅"


def next_token_bars(top: Sequence[tuple[str, float]], actual: str | None, actual_p: float | None,
                    title: str, x_title: str) -> go.Figure:
    """Horizontal bars over the likeliest next tokens, best on top; the token that really comes
    next is orange (added as an extra bar when it is not among them)."""
    rows = list(top)
    if actual is not None and actual_p is not None and actual not in [tok for tok, _ in rows]:
        rows.append((actual, actual_p))
    names = [f"{i + 1}. {_tick(tok)}" for i, (tok, _) in enumerate(rows)]
    if actual is not None and len(rows) > len(top):
        names[-1] = f"… {_tick(actual)}"
    probs = [p for _, p in rows]
    colors = [HIGHLIGHT if tok == actual else BAR for tok, _ in rows]
    fig = go.Figure(go.Bar(
        x=probs, y=names, orientation="h", marker_color=colors,
        text=[f"{p:.3f}" for p in probs], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:.4f}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, 1.12], title=x_title)
    return _layout(fig, 60 + 26 * len(rows), title=dict(text=title), showlegend=False)


def factor_strip(tokens: Sequence[str], factors: np.ndarray, step: int | None, unknown: np.ndarray,
                 title: str, y_title: str, running_name: str) -> go.Figure:
    """log10 P(x_t | prefix) at every step (bars) and the running log10 of the product (line):
    the sentence probability, one factor at a time. ``step`` (0-based) is outlined."""
    T = len(factors)
    with np.errstate(divide="ignore"):
        logs = np.log10(np.clip(factors, 1e-300, None))
    running = np.cumsum(logs)
    x = list(range(1, T + 1))
    ticks = [_tick(tok) for tok in tokens]
    colors = [UNK_COLOR if i < len(unknown) and unknown[i] else BAR for i in range(T)]
    if step is not None and 0 <= step < T:
        colors[step] = HIGHLIGHT
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=x, y=logs, marker_color=colors, name=y_title,
        customdata=np.stack([factors, running], axis=1),
        hovertemplate="t=%{x}: P=%{customdata[0]:.4g}, log10 P=%{y:.3f}<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        x=x, y=running, mode="lines+markers", name=running_name,
        line=dict(color="#444", width=2), marker=dict(size=5),
        hovertemplate="t=%{x}: %{y:.2f}<extra></extra>",
    ))
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=ticks, tickangle=0,
                     tickfont=dict(size=12 if T <= 40 else 9))
    low = float(min(running.min() if T else 0.0, logs.min() if T else 0.0))
    fig.update_yaxes(title=y_title, range=[min(low * 1.08, -1.0), 0.3])
    return _layout(fig, 300, title=dict(text=title), barmode="overlay",
                   legend=dict(orientation="h", y=-0.2, x=0))


def sample_bars(model_probs: np.ndarray, drawn_from: np.ndarray, chosen: int, itos: Sequence[str],
                title: str, names: tuple[str, str], k: int = 12) -> go.Figure:
    """The model's own distribution and the one the token was drawn from (after temperature and
    top-k), over the likeliest tokens of either; the drawn token in orange."""
    order = np.lexsort((np.arange(len(drawn_from)), -np.maximum(drawn_from, model_probs)))
    shown = [int(i) for i in order[:k]]
    if chosen not in shown:
        shown[-1] = chosen
    ticks = [_tick(itos[i]) for i in shown]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=ticks, y=model_probs[shown], name=names[0], marker_color=MUTED,
                         hovertemplate="%{x}: %{y:.4f}<extra></extra>"))
    colors = [HIGHLIGHT if i == chosen else BAR for i in shown]
    fig.add_trace(go.Bar(x=ticks, y=drawn_from[shown], name=names[1], marker_color=colors,
                         text=[f"{drawn_from[i]:.2f}" for i in shown], textposition="outside",
                         cliponaxis=False, hovertemplate="%{x}: %{y:.4f}<extra></extra>"))
    fig.update_xaxes(type="category", tickangle=0)
    top = float(max(np.max(model_probs[shown]), np.max(drawn_from[shown]), 1e-9))
    fig.update_yaxes(range=[0, min(1.0, top) * 1.2])
    return _layout(fig, 300, title=dict(text=title), barmode="group",
                   legend=dict(orientation="h", y=-0.18, x=0))


def generated_strip(tokens: Sequence[str], probs: Sequence[float], upto: int, title: str) -> go.Figure:
    """The generated tokens so far, one box each, coloured by the probability it was drawn with."""
    n = max(1, len(tokens))
    z = [[float(p) if i < upto else math.nan for i, p in enumerate(probs)] or [math.nan]]
    text = [[_tick(tok) if i < upto else "" for i, tok in enumerate(tokens)] or [""]]
    fig = go.Figure(go.Heatmap(
        z=z, zmin=0, zmax=1, colorscale="Blues", showscale=False, text=text,
        texttemplate="%{text}", textfont=dict(size=15), xgap=2,
        hovertemplate="%{x}: p=%{z:.3f}<extra></extra>", x=list(range(1, n + 1)),
    ))
    fig.update_yaxes(visible=False)
    fig.update_xaxes(showgrid=False, dtick=5 if n > 20 else 1)
    return _layout(fig, 130, title=dict(text=title))


def per_step_compare(rows: Sequence[tuple[str, int, float]], title: str, y_title: str) -> go.Figure:
    """Nats per character of each model on the learner's text (bars), labelled with the number of
    steps it takes."""
    names = [name for name, _, _ in rows]
    fig = go.Figure(go.Bar(
        x=names, y=[v for _, _, v in rows], marker_color=[BAR, UNK_COLOR][: len(rows)],
        text=[f"{v:.2f} (T={n})" for _, n, v in rows], textposition="outside", cliponaxis=False,
    ))
    top = max([v for _, _, v in rows if math.isfinite(v)] or [1.0])
    fig.update_yaxes(title=y_title, range=[0, top * 1.25 + 1e-9])
    return _layout(fig, 260, title=dict(text=title), showlegend=False)
