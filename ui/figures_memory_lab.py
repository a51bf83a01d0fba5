"""Figures of the "Long-range memory lab" page: pure functions from run records to Plotly figures.

A record is ``dataclasses.asdict(core.memory.RunOutcome)`` (a visitor's run) or one entry of the
shipped sweep's ``runs``; ``names`` maps a variant ("rnn", "lstm", "gru", "lstm_b1") to its label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from core.memory import variant_of
from ui.figures import _layout

COLORS = {"rnn": "#d9480f", "lstm": "#1f5fbf", "gru": "#2b8a3e"}
ORDER = ("rnn", "lstm", "gru")


def _color(variant: str) -> str:
    return COLORS.get(variant.split("_")[0], "#868e96")


def _dash(variant: str) -> str:
    return "dash" if "_" in variant else "solid"


def _variants(records: Sequence[Mapping]) -> list[str]:
    found = {variant_of(r) for r in records}
    return [v for v in ORDER if v in found] + sorted(found - set(ORDER))


def accuracy_vs_distance(records: Sequence[Mapping], names: Mapping[str, str], *, title: str,
                         x_title: str, y_title: str, chance: float, chance_label: str) -> go.Figure:
    """Held-out accuracy against d, one line per variant, with the chance level."""
    fig = go.Figure()
    for v in _variants(records):
        rows = sorted((int(r["d"]), float(r["accuracy"]), int(r["steps"]))
                      for r in records if variant_of(r) == v)
        fig.add_trace(go.Scatter(
            x=[d for d, _, _ in rows], y=[a for _, a, _ in rows], name=names.get(v, v),
            mode="lines+markers", line=dict(color=_color(v), dash=_dash(v), width=3),
            marker=dict(size=9), customdata=[s for _, _, s in rows],
            hovertemplate="d = %{x}<br>%{y:.1%}<br>%{customdata} steps<extra>%{fullData.name}</extra>"))
    fig.add_hline(y=chance, line=dict(color="#868e96", dash="dot"),
                  annotation_text=chance_label, annotation_position="bottom right")
    ds = sorted({int(r["d"]) for r in records})
    fig.update_xaxes(title=x_title, tickvals=ds)
    fig.update_yaxes(title=y_title, range=[0, 1.05], tickformat=".0%")
    return _layout(fig, 360, title=dict(text=title),
                   legend=dict(orientation="h", y=-0.25, x=0))


def gradient_vs_distance(records: Sequence[Mapping], d: int, names: Mapping[str, str], *,
                         title: str, x_title: str, y_title: str, before: str, after: str,
                         key_label: str) -> go.Figure:
    """‖∂L/∂h_t‖ against the distance from the query at distance ``d``: dotted at initialisation,
    solid after training, log scale (zeros are left out: log 0 has no place on the axis)."""
    fig = go.Figure()
    for v in _variants(records):
        run = next((r for r in records if variant_of(r) == v and int(r["d"]) == d), None)
        if run is None:
            continue
        for which, label, dash, width in (("grad_before", before, "dot", 2),
                                          ("grad_after", after, _dash(v), 3)):
            y = np.asarray(run[which], dtype=float)
            y = np.where(np.isfinite(y) & (y > 0), y, np.nan)
            fig.add_trace(go.Scatter(
                x=np.arange(len(y)), y=y, name=f"{names.get(v, v)} · {label}", mode="lines",
                line=dict(color=_color(v), dash=dash, width=width), connectgaps=False,
                hovertemplate="k = %{x}<br>%{y:.3g}<extra>%{fullData.name}</extra>"))
    fig.add_vline(x=d + 1, line=dict(color="#868e96", dash="dot"), annotation_text=key_label,
                  annotation_position="top left")
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=y_title, type="log", exponentformat="power")
    return _layout(fig, 400, title=dict(text=title),
                   legend=dict(orientation="h", y=-0.25, x=0))


def key_gradient_during_training(records: Sequence[Mapping], d: int, names: Mapping[str, str], *,
                                 title: str, x_title: str, grad_title: str,
                                 acc_title: str) -> go.Figure:
    """At every evaluation: the gradient reaching the key's step (top, log) and accuracy (bottom)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for v in _variants(records):
        run = next((r for r in records if variant_of(r) == v and int(r["d"]) == d), None)
        if run is None or not run.get("history"):
            continue
        steps = [int(h[0]) for h in run["history"]]
        acc = [float(h[1]) for h in run["history"]]
        grad = [float(h[2]) if float(h[2]) > 0 else None for h in run["history"]]
        style = dict(color=_color(v), dash=_dash(v), width=3)
        fig.add_trace(go.Scatter(x=steps, y=grad, name=names.get(v, v), mode="lines+markers",
                                 line=style, legendgroup=v,
                                 hovertemplate="%{x}: %{y:.3g}<extra>%{fullData.name}</extra>"),
                      row=1, col=1)
        fig.add_trace(go.Scatter(x=steps, y=acc, name=names.get(v, v), mode="lines+markers",
                                 line=style, legendgroup=v, showlegend=False,
                                 hovertemplate="%{x}: %{y:.1%}<extra>%{fullData.name}</extra>"),
                      row=2, col=1)
    fig.update_yaxes(title=grad_title, type="log", exponentformat="power", row=1, col=1)
    fig.update_yaxes(title=acc_title, range=[0, 1.05], tickformat=".0%", row=2, col=1)
    fig.update_xaxes(title=x_title, row=2, col=1)
    return _layout(fig, 460, title=dict(text=title),
                   legend=dict(orientation="h", y=-0.18, x=0))
