"""Plotly figures of the "BPTT & gradients" page: pure functions from core.bptt's traces to figures.

Learner tokens pass through ``figures.label`` (HTML-escaped); every other text is the page's own
strings, escaped too. Values that overflowed (Inf, NaN) or underflowed (0) cannot sit on a log
axis: they are left out of the curves, and the page says so in words.

Each figure is built in one go from plain dicts (traces, axes, shapes, annotations) rather than
with ``make_subplots`` / ``add_annotation`` / ``add_hline``, which validate every call and cost
tens of milliseconds each: the step player redraws the backward-pass figures on every step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from core.bptt import BPTTTrace, ClipResult, DistanceLab, TrainingRun, TruncationCurve
from ui.figures import DIVERGING, FONT, HIGHLIGHT, label
from ui.figures import escape as _esc

FLOW_SCALE = "Plasma_r"  # small gradients pale yellow, large ones dark purple
PENDING = "#d5d9e0"  # parts of the backward pass not reached yet
CUT = "#c92a2a"
GUIDE = "#adb5bd"
DECADES = 4.0  # the flow diagram's colours span this many powers of ten below the largest value
COLORS = {"rnn": "#1f5fbf", "lstm": "#2b8a3e", "gru": "#e8590c", "fprod": "#7048e8",
          "plain": "#c92a2a", "clipped": "#1f5fbf", "other": "#868e96"}
FLOAT32_MAX = float(np.finfo(np.float32).max)
FLOAT32_TINY = float(np.finfo(np.float32).smallest_subnormal)
NO_BAR = {"displayModeBar": False}



def _positive(y: np.ndarray) -> list[float | None]:
    """Values a log axis can draw; None (a gap) for 0, Inf and NaN."""
    return [float(v) if np.isfinite(v) and v > 0 else None for v in np.asarray(y, dtype=float)]


def _finite(y: np.ndarray) -> list[float | None]:
    return [float(v) if np.isfinite(v) else None for v in np.asarray(y, dtype=float)]


def _figure(data: list[dict[str, Any]], height: int, title: str = "", **layout: Any) -> go.Figure:
    """One figure from plain trace and layout dicts, in the house style of ``ui.figures._layout``."""
    base: dict[str, Any] = dict(height=height, margin=dict(l=10, r=10, t=40, b=10), font=dict(family=FONT))
    if title:
        base["title"] = dict(text=_esc(title), font=dict(size=14))
    return go.Figure(data=data, layout=base | layout)


def _hline(y: float, color: str = GUIDE, dash: str = "solid", xref: str = "x domain",
           yref: str = "y") -> dict[str, Any]:
    return dict(type="line", xref=xref, yref=yref, x0=0, x1=1, y0=y, y1=y, layer="below",
                line=dict(color=color, width=1, dash=dash))


def _columns(n: int, gap: float) -> list[tuple[float, float]]:
    """Horizontal domains of n side-by-side panels separated by ``gap``."""
    width = (1 - gap * (n - 1)) / n
    return [(i * (width + gap), i * (width + gap) + width) for i in range(n)]


def _panel_titles(titles: Sequence[str], domains: Sequence[tuple[float, float]]) -> list[dict[str, Any]]:
    return [dict(text=_esc(s), x=(a + b) / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
                 yanchor="bottom", showarrow=False, font=dict(size=13)) for s, (a, b) in zip(titles, domains,
                                                                                            strict=True)]


def _nothing_drawn(data: list[dict[str, Any]], note: str) -> list[dict[str, Any]]:
    """A note in the middle of the plot when Inf/NaN left no point to draw (empty otherwise)."""
    if not note or any(v is not None for trace in data for v in trace["y"]):
        return []
    return [dict(text=_esc(note), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                 font=dict(color=CUT, size=15))]


def step_losses(tokens: Sequence[str], losses: np.ndarray, title: str, yaxis: str) -> go.Figure:
    """One bar per step t: L_t = −log ŷ_t[y_t], labelled 'input → target'."""
    T = len(losses)
    ts = list(range(1, T + 1))
    ticks = [f"{t}: {label(tokens[t - 1])} → {label(tokens[t])}" for t in ts]
    bar = dict(type="bar", x=ts, y=[float(v) for v in losses], marker=dict(color=COLORS["rnn"]),
               text=[f"{v:.2f}" for v in losses] if T <= 24 else None, textposition="outside",
               cliponaxis=False, customdata=ticks,
               hovertemplate="t = %{customdata}<br>L_t = %{y:.4f}<extra></extra>")
    return _figure([bar], 300, title, showlegend=False,
                   xaxis=dict(title=dict(text="t"), tickvals=ts if T <= 24 else None,
                              ticktext=ticks if T <= 24 else None, tickangle=-30 if T > 6 else 0),
                   yaxis=dict(title=dict(text=_esc(yaxis)), rangemode="tozero"))


def _scale(values: np.ndarray) -> tuple[float, float]:
    """The log10 range the flow diagram colours: DECADES below the largest finite value."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    hi = math.log10(float(v.max())) if v.size else 0.0
    return hi - DECADES, hi


def _level(value: float, lo: float, hi: float) -> float:
    if not (np.isfinite(value) and value > 0):
        return 0.0
    return float(min(max((math.log10(value) - lo) / (hi - lo), 0.0), 1.0))


def backward_flow(trace: BPTTTrace, tokens: Sequence[str], t_now: int | None, *, title: str,
                  roads: tuple[str, str], colorbar: str, cut_label: str) -> go.Figure:
    """The unrolled RNN with the gradient flowing right to left.

    Arrows L_t → h_t carry Vᵀ(ŷ_t − y_t), arrows h_{t+1} → h_t carry W_hhᵀ(δ_{t+1} ⊙ (1 − h_{t+1}²));
    width and colour follow their norm (log scale). Steps t ≥ ``t_now`` (1-based) are done, the
    rest are grey; ``t_now=None`` shows the whole sweep. Truncation cuts are drawn in red.
    """
    T = trace.T
    out_norm = np.linalg.norm(trace.dh_out, axis=1)  # (T,)
    rec_norm = np.linalg.norm(trace.dh_rec, axis=1)  # (T,)
    node_norm = np.linalg.norm(trace.dh, axis=1)  # (T,)
    lo, hi = _scale(np.concatenate([out_norm, rec_norm, node_norm]))
    levels = {v: _level(v, lo, hi) for v in {*out_norm, *rec_norm, *node_norm}}
    palette = dict(zip(levels, sample_colorscale(FLOW_SCALE, list(levels.values())), strict=True))
    big = T <= 24
    widest = 8.0 if T <= 8 else max(2.5, 64 / T)  # long sentences: thinner arrows, or they cover the nodes

    def done(t: int) -> bool:
        return t_now is None or t >= t_now

    def arrow(x: float, y: float, ax: float, ay: float, value: float, reached: bool) -> dict[str, Any]:
        return dict(x=x, y=y, ax=ax, ay=ay, xref="x", yref="y", axref="x", ayref="y", text="",
                    showarrow=True, arrowhead=2, arrowsize=1,
                    arrowwidth=1 + (widest - 1) * levels[value] if reached else 1,
                    arrowcolor=palette[value] if reached else PENDING)

    annotations: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    for t in range(1, T + 1):
        annotations.append(arrow(t, 0.22, t, 0.78, out_norm[t - 1], done(t)))  # output road, from L_t
        if t == T:
            continue
        if trace.cut[t]:  # step t+1 (1-based) starts a new block: nothing flows back into h_t
            shapes.append(dict(type="line", x0=t + 0.5, x1=t + 0.5, y0=-0.35, y1=0.35, xref="x", yref="y",
                               line=dict(color=CUT, width=3, dash="dot")))
            annotations.append(dict(x=t + 0.5, y=0.45, xref="x", yref="y", text=_esc(cut_label),
                                    showarrow=False, font=dict(color=CUT, size=11)))
        else:  # recurrent road, from h_{t+1} back into h_t
            annotations.append(arrow(t + 0.2, 0, t + 0.8, 0, rec_norm[t - 1], done(t)))
    ts = list(range(1, T + 1))
    nodes = dict(
        type="scatter", x=ts, y=[0] * T, mode="markers+text" if big else "markers", showlegend=False,
        marker=dict(size=30 if big else 12,
                    color=[palette[node_norm[t - 1]] if done(t) else PENDING for t in ts],
                    line=dict(width=[3 if t == t_now else 1 for t in ts],
                              color=[HIGHLIGHT if t == t_now else "#555" for t in ts])),
        text=[f"h{t}" for t in ts] if big else None,
        textfont=dict(size=10, color=["#fff" if done(t) and levels[node_norm[t - 1]] > 0.5 else "#111"
                                      for t in ts]),
        customdata=np.stack([node_norm, out_norm, rec_norm], axis=1).tolist(),
        hovertemplate="h_%{x}: ‖δ‖ = %{customdata[0]:.3e}<br>" + _esc(roads[0])
        + ": %{customdata[1]:.3e}<br>" + _esc(roads[1]) + ": %{customdata[2]:.3e}<extra></extra>",
    )
    losses = dict(
        type="scatter", x=ts, y=[1] * T, mode="markers+text" if big else "markers", showlegend=False,
        marker=dict(size=26 if big else 10, symbol="square", color="#f1f3f5", line=dict(color="#868e96")),
        text=[f"L{t}" for t in ts] if big else None, textfont=dict(size=10),
        customdata=[float(v) for v in trace.losses],
        hovertemplate="L_%{x} = %{customdata:.4f}<extra></extra>",
    )
    decades = list(range(math.ceil(lo), math.floor(hi) + 1))
    scale = dict(  # an invisible trace that draws the colour bar of the arrows
        type="scatter", x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
        marker=dict(colorscale=FLOW_SCALE, cmin=lo, cmax=hi, color=[hi], showscale=True,
                    colorbar=dict(title=dict(text=_esc(colorbar), side="right"), thickness=12,
                                  tickvals=decades, ticktext=[f"1e{k}" for k in decades])),
    )
    ticks = [f"{t}<br>{label(tokens[t - 1])}" for t in ts] if big else None
    return _figure([nodes, losses, scale], 300, title, annotations=annotations, shapes=shapes,
                   xaxis=dict(range=[0.4, T + 0.6], tickvals=ts if big else None, ticktext=ticks,
                              showgrid=False, zeroline=False, title=dict(text="t")),
                   yaxis=dict(range=[-0.5, 1.4], visible=False))


def weight_sum(contributions: np.ndarray, t_now: int, titles: tuple[str, str, str]) -> go.Figure:
    """∂L/∂W_hh as a sum over time: step t's share, the sum over steps T … t, and the full total."""
    H = contributions.shape[1]
    share = contributions[t_now - 1]  # (H, H)
    running = contributions[t_now - 1:].sum(axis=0)  # (H, H)
    total = contributions.sum(axis=0)  # (H, H)
    lim = float(max(np.max(np.abs(share)), np.max(np.abs(running)), np.max(np.abs(total)))) or 1.0
    domains = _columns(3, 0.07)
    idx = list(range(1, H + 1))
    data, layout = [], {}
    for k, (z, dom) in enumerate(zip((share, running, total), domains, strict=True), start=1):
        suffix = "" if k == 1 else str(k)
        data.append(dict(
            type="heatmap", z=z.tolist(), x=idx, y=idx, xaxis=f"x{suffix}", yaxis=f"y{suffix}",
            colorscale=DIVERGING, zmin=-lim, zmax=lim, zmid=0, showscale=k == 3,
            colorbar=dict(thickness=12), xgap=1, ygap=1, texttemplate="%{z:.3f}" if H <= 6 else None,
            hovertemplate="i = %{y}, j = %{x}: %{z:.6f}<extra></extra>",
        ))
        layout[f"xaxis{suffix}"] = dict(domain=dom, anchor=f"y{suffix}", dtick=1, title=dict(text="j"))
        layout[f"yaxis{suffix}"] = dict(anchor=f"x{suffix}", autorange="reversed", dtick=1,
                                        title=dict(text="i") if k == 1 else None)
    return _figure(data, 300, annotations=_panel_titles(titles, domains), **layout)


def gradient_distance(lab: DistanceLab, names: Mapping[str, str], *, title: str, xaxis: str,
                      yaxis: str, limits: tuple[str, str]) -> go.Figure:
    """‖∂h_T/∂h_t‖ against T − t for the RNN with each activation (the chosen one bold), log scale."""
    curves = {lab.activation: lab.rnn, **lab.rnn_other}
    dash = {"tanh": "solid", "sigmoid": "dash", "relu": "dot"}
    x = lab.distance.tolist()
    data = []
    for act, curve in curves.items():
        chosen = act == lab.activation
        data.append(dict(
            type="scatter", x=x, y=_positive(curve.norms), name=_esc(names[act]), mode="lines",
            line=dict(width=4 if chosen else 1.5, dash=dash[act], color=COLORS["rnn" if chosen else "other"]),
            hovertemplate="T − t = %{x}<br>%{y:.3e}<extra>" + _esc(names[act]) + "</extra>",
        ))
    shapes = [_hline(1.0)]
    annotations = []
    if lab.dtype == "float32":  # the format's limits, drawn when a curve comes within 10 decades of one
        norms = np.concatenate([c.norms for c in curves.values()])
        finite = norms[np.isfinite(norms) & (norms > 0)]
        top = not np.isfinite(norms).all() or (finite.size and finite.max() > FLOAT32_MAX * 1e-10)
        bottom = (norms == 0).any() or (finite.size and finite.min() < FLOAT32_TINY * 1e10)
        for y, text, near in ((FLOAT32_MAX, limits[0], top), (FLOAT32_TINY, limits[1], bottom)):
            if not near:
                continue
            shapes.append(_hline(y, CUT, "dash"))
            annotations.append(dict(text=_esc(text), x=0, xref="x domain", y=math.log10(y), yref="y",
                                    xanchor="left", yanchor="bottom", showarrow=False,
                                    font=dict(color=CUT, size=11)))
    return _figure(data, 380, title, shapes=shapes, annotations=annotations,
                   legend=dict(orientation="h", y=-0.2),
                   xaxis=dict(title=dict(text=_esc(xaxis)), autorange="reversed"),
                   yaxis=dict(title=dict(text=_esc(yaxis)), type="log", exponentformat="power"))


def lstm_question(lab: DistanceLab, names: Mapping[str, str], *, titles: tuple[str, str],
                  xaxis: str, yaxis: str) -> go.Figure:
    """Left: RNN, LSTM and GRU on one plot. Right: the LSTM's ∏ f_j beside the RNN's Jacobian product."""
    x = lab.distance.tolist()
    data = []

    def line(key: str, y: np.ndarray, color: str, panel: str, dash: str = "solid") -> None:
        data.append(dict(
            type="scatter", x=x, y=_positive(y), name=_esc(names[key]), mode="lines",
            line=dict(width=3, color=color, dash=dash), xaxis=f"x{panel}", yaxis=f"y{panel}",
            hovertemplate="T − t = %{x}<br>%{y:.3e}<extra>" + _esc(names[key]) + "</extra>",
        ))

    for key, curve in (("rnn", lab.rnn), ("lstm", lab.lstm), ("gru", lab.gru)):
        line(key, curve.norms, COLORS[key], "")
    line("fprod", lab.forget_product, COLORS["fprod"], "2")
    line("jprod", lab.rnn_product, COLORS["rnn"], "2", "dot")
    domains = _columns(2, 0.1)
    layout: dict[str, Any] = {}
    for k, dom in enumerate(domains, start=1):
        suffix = "" if k == 1 else str(k)
        layout[f"xaxis{suffix}"] = dict(domain=dom, anchor=f"y{suffix}", autorange="reversed",
                                        title=dict(text=_esc(xaxis)))
        layout[f"yaxis{suffix}"] = dict(anchor=f"x{suffix}", type="log", exponentformat="power",
                                        title=dict(text=_esc(yaxis)) if k == 1 else None)
    shapes = [_hline(1.0, xref="x domain", yref="y"), _hline(1.0, xref="x2 domain", yref="y2")]
    return _figure(data, 400, annotations=_panel_titles(titles, domains), shapes=shapes,
                   legend=dict(orientation="h", y=-0.22), **layout)


def clip_norms(result: ClipResult, symbols: Mapping[str, str], *, title: str,
               names: tuple[str, str, str], empty: str = "") -> go.Figure:
    """‖g_p‖ of every parameter and the global norm, before and after clipping (log scale)."""
    params = list(result.norms_before)
    x = [*(symbols.get(p, p) for p in params), _esc(names[2])]
    before = [*(result.norms_before[p] for p in params), result.norm_before]
    after = [*(result.norms_after[p] for p in params), result.norm_after]
    data = [
        dict(type="bar", x=x, y=_positive(np.array(before)), name=_esc(names[0]), marker=dict(color=GUIDE),
             hovertemplate="%{x}: %{y:.3e}<extra></extra>"),
        dict(type="bar", x=x, y=_positive(np.array(after)), name=_esc(names[1]),
             marker=dict(color=COLORS["clipped"]), hovertemplate="%{x}: %{y:.3e}<extra></extra>"),
    ]
    shapes, annotations = [], _nothing_drawn(data, empty)
    if result.finite:
        shapes.append(_hline(result.max_norm, CUT, "dash"))
        annotations.append(dict(text=f"max_norm = {result.max_norm:g}", x=0, xref="x domain",
                                y=math.log10(result.max_norm), yref="y", xanchor="left", yanchor="bottom",
                                showarrow=False, font=dict(color=CUT)))
    return _figure(data, 340, title, barmode="group", legend=dict(orientation="h", y=-0.15),
                   shapes=shapes, annotations=annotations,
                   yaxis=dict(type="log", exponentformat="power", title=dict(text="‖g‖")))


def training_curves(run: TrainingRun, *, names: tuple[str, str], title: str, xaxis: str,
                    yaxis: str, empty: str = "") -> go.Figure:
    """The loss over gradient-descent updates, without and with clipping; a broken run stops."""
    steps = list(range(len(run.loss_plain)))
    data = [dict(
        type="scatter", x=steps, y=_positive(y), name=_esc(name), mode="lines+markers",
        line=dict(color=COLORS[key], width=3 if key == "clipped" else 2), marker=dict(size=5),
        hovertemplate="%{x}: L = %{y:.4g}<extra>" + _esc(name) + "</extra>",
    ) for key, y, name in (("plain", run.loss_plain, names[0]), ("clipped", run.loss_clipped, names[1]))]
    return _figure(data, 320, title, legend=dict(orientation="h", y=-0.2),
                   annotations=_nothing_drawn(data, empty), xaxis=dict(title=dict(text=_esc(xaxis))),
                   yaxis=dict(title=dict(text=_esc(yaxis)), type="log", exponentformat="power"))


def truncation_curve(curve: TruncationCurve, k: int, *, names: tuple[str, str], title: str,
                     xaxis: str) -> go.Figure:
    """cos(g_k, g_full) and ‖g_k‖/‖g_full‖ against the window k, the chosen k marked."""
    ks = curve.k.tolist()
    data = [dict(
        type="scatter", x=ks, y=_finite(y), name=_esc(name), mode="lines+markers",
        line=dict(color=color, width=2.5), marker=dict(size=6),
        hovertemplate="k = %{x}: %{y:.4f}<extra>" + _esc(name) + "</extra>",
    ) for y, name, color in ((curve.cosine, names[0], COLORS["rnn"]),
                             (curve.norm_ratio, names[1], COLORS["gru"]))]
    shapes = [_hline(1.0), dict(type="line", xref="x", yref="y domain", x0=k, x1=k, y0=0, y1=1,
                                line=dict(color=HIGHLIGHT, width=2, dash="dash"))]
    return _figure(data, 320, title, shapes=shapes, legend=dict(orientation="h", y=-0.2),
                   xaxis=dict(title=dict(text=_esc(xaxis)), dtick=1 if len(ks) <= 24 else None))
