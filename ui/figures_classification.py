"""Plotly figures of the page "Classification": pure functions from core's arrays to a ``go.Figure``.

Learner text (characters, sentences) reaches Plotly only through ``figures.label``; titles and
names come from the i18n tables and are HTML-escaped, so a figure never renders markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.figures import DIVERGING, FONT, HIGHLIGHT, _layout, label
from ui.figures import escape as _esc

POSITIVE, NEGATIVE, NEUTRAL = "#2f9e44", "#c92a2a", "#868e96"
P_SCALE = [[0.0, NEGATIVE], [0.5, "#f1f3f5"], [1.0, POSITIVE]]  # P(positive) from 0 to 1
CELLS = {"rnn": "#f08c00", "lstm": "#1f5fbf", "gru": "#7048e8"}
MAX_TICK_TOKENS = 40  # longer texts show only step numbers on the time axis



def time_ticks(tokens: Sequence[str]) -> list[str]:
    """Axis labels for steps: "token<br>t" (escaped), or just t for long texts."""
    if len(tokens) > MAX_TICK_TOKENS:
        return [str(t) for t in range(1, len(tokens) + 1)]
    return [f"{label(tok)}<br><sub>{t}</sub>" for t, tok in enumerate(tokens, 1)]


def _base_layout(height: int, title: str, **kw: object) -> dict:
    """The house layout (as ``figures._layout`` makes it) as one dict, so that a figure drawn at
    every step is validated once instead of once per ``update_*`` call."""
    return dict(height=height, margin=dict(l=10, r=10, t=40, b=10), font=dict(family=FONT),
                title=dict(text=_esc(title), font=dict(size=14)), **kw)


def _band_shapes() -> list[dict]:
    """Green above P = 0.5, red below, and the dotted 0.5 line (as plain shapes: fast to draw)."""
    return [
        dict(type="rect", xref="paper", x0=0, x1=1, y0=0.5, y1=1.04, fillcolor=POSITIVE, opacity=0.06,
             line_width=0, layer="below"),
        dict(type="rect", xref="paper", x0=0, x1=1, y0=-0.04, y1=0.5, fillcolor=NEGATIVE, opacity=0.06,
             line_width=0, layer="below"),
        dict(type="line", xref="paper", x0=0, x1=1, y0=0.5, y1=0.5, line=dict(color=NEUTRAL, dash="dot",
                                                                                 width=1)),
    ]


def running_probability(tokens: Sequence[str], p: np.ndarray, step: int, title: str, y_title: str,
                        ends: np.ndarray | None = None,
                        twin: tuple[str, Sequence[str], np.ndarray] | None = None) -> go.Figure:
    """P(positive) after each character: solid up to the current step, faint after it. Ends of
    words (``ends``) get big markers; ``twin`` = (name, tokens, p) draws another line for comparison."""
    T = len(tokens)
    t = np.arange(1, T + 1)
    ends = np.ones(T, dtype=bool) if ends is None else ends
    hover = [f"t = {i}: {label(tok)}<br>P = {v:.3f}" for i, tok, v in zip(t, tokens, p, strict=True)]
    traces: list[go.Scatter] = []
    notes: list[dict] = []
    T_all = T
    if twin is not None:
        name, twin_tokens, twin_p = twin
        T_all = max(T, len(twin_tokens))
        tt = np.arange(1, len(twin_tokens) + 1)
        traces.append(go.Scatter(
            x=tt, y=twin_p, mode="lines+markers", line=dict(color="#f08c00", width=1.5, dash="dot"),
            marker=dict(size=4), text=[label(tok) for tok in twin_tokens],
            hovertemplate=f"{_esc(name)}<br>t = %{{x}}: %{{text}}<br>P = %{{y:.3f}}<extra></extra>"))
        notes.append(dict(x=tt[-1], y=float(twin_p[-1]), text=f"{_esc(name)}: {float(twin_p[-1]):.0%}",
                          showarrow=True, arrowhead=0, ax=-24, ay=-22 if twin_p[-1] < 0.5 else 22,
                          xanchor="right", font=dict(color="#d9480f", size=12),
                          bgcolor="rgba(255,255,255,0.8)"))
    shown = np.arange(T) < step
    traces += [
        go.Scatter(x=t, y=p, mode="lines", line=dict(color="#ced4da", width=2), hoverinfo="skip"),
        go.Scatter(x=t[shown], y=p[shown], mode="lines+markers", line=dict(color="#495057", width=2.5),
                   marker=dict(size=np.where(ends[shown], 11, 5), color=p[shown], colorscale=P_SCALE,
                               cmin=0, cmax=1, line=dict(color="#495057", width=1)),
                   text=[h for h, keep in zip(hover, shown, strict=True) if keep],
                   hovertemplate="%{text}<extra></extra>"),
        go.Scatter(x=[step], y=[p[step - 1]], mode="markers", hoverinfo="skip",
                   marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(color=HIGHLIGHT, width=3))),
    ]
    layout = _base_layout(
        300, title, showlegend=False, annotations=notes,
        shapes=[*_band_shapes(), dict(type="rect", x0=step - 0.45, x1=step + 0.45, yref="paper", y0=0, y1=1,
                                      line=dict(color=HIGHLIGHT, width=2), layer="below")],
        yaxis=dict(range=[-0.04, 1.04], title=dict(text=_esc(y_title)), tickformat=".0%"),
        xaxis=dict(tickvals=t, ticktext=time_ticks(tokens), range=[0.4, T_all + 0.6], tickangle=0),
    )
    return go.Figure(data=traces, layout=layout)


def batch_characters(ids: np.ndarray, lengths: np.ndarray, itos: Sequence[str], title: str) -> go.Figure:
    """A padded batch (B, T): each cell shows its character, ``<pad>`` cells grey; hover shows the id."""
    B, T = ids.shape
    real = np.arange(T)[None, :] < lengths[:, None]  # (B, T)
    text = [[label(itos[ids[i, t]]) if real[i, t] else "·" for t in range(T)] for i in range(B)]
    fig = go.Figure(go.Heatmap(
        z=real.astype(float), zmin=0, zmax=1, colorscale=[[0, "#eceff4"], [1, "#cfe0fb"]], showscale=False,
        text=text, customdata=ids, texttemplate="%{text}", textfont=dict(size=12), xgap=1, ygap=2,
        x=np.arange(1, T + 1), y=np.arange(1, B + 1),
        hovertemplate="i = %{y}, t = %{x}: %{text} (id %{customdata})<extra></extra>",
    ))
    fig.update_yaxes(title_text="i", autorange="reversed", dtick=1)
    fig.update_xaxes(title_text="t", dtick=5)
    return _layout(fig, 110 + 34 * B, title=dict(text=title, font=dict(size=14)))


def unit_votes(h: np.ndarray, h_prev: np.ndarray, w: np.ndarray, step: int, title: str,
               names: Mapping[str, str]) -> go.Figure:
    """What each hidden unit adds to the logit at step t, w_j · h_{t,j}, beside step t − 1."""
    H = len(w)
    j = np.arange(1, H + 1)
    now, before = w * h, w * h_prev  # (H,), (H,)
    colors = np.where(now >= 0, POSITIVE, NEGATIVE)
    lim = max(float(np.max(np.abs(np.concatenate([now, before])))), 0.5)
    traces = [
        go.Bar(x=j, y=before, name=_esc(names["before"]), marker=dict(color="#dee2e6"),
               hovertemplate="j = %{x}: %{y:+.3f}<extra></extra>"),
        go.Bar(x=j, y=now, name=_esc(names["now"]), marker=dict(color=colors),
               customdata=np.stack([h, w], axis=1),
               hovertemplate="j = %{x}: w·h = %{y:+.3f}<br>h = %{customdata[0]:+.3f}, "
                             "w = %{customdata[1]:+.3f}<extra></extra>"),
    ]
    layout = _base_layout(
        280, title, barmode="overlay", bargap=0.15,
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        yaxis=dict(range=[-lim * 1.1, lim * 1.1], title=dict(text=_esc(names["axis"])), zeroline=True,
                   zerolinecolor="#adb5bd"),
        xaxis=dict(title=dict(text="j"), dtick=4 if H > 16 else 1),
    )
    return go.Figure(data=traces, layout=layout)


def hidden_heatmap(tokens: Sequence[str], h: np.ndarray, step: int | None, title: str) -> go.Figure:
    """Every hidden state h_t as a column (H rows × T columns); the current step outlined, if given."""
    T, H = h.shape
    heat = go.Heatmap(
        z=h.T, x=np.arange(1, T + 1), y=np.arange(1, H + 1), colorscale=DIVERGING, zmid=0, zmin=-1,
        zmax=1, colorbar=dict(thickness=12, len=0.9), xgap=1,
        customdata=[[label(tok) for tok in tokens]] * H,
        hovertemplate="t = %{x} (%{customdata}), j = %{y}: h = %{z:+.3f}<extra></extra>",
    )
    layout = _base_layout(
        200 + 5 * H, title,
        shapes=[] if step is None else [dict(type="rect", x0=step - 0.5, x1=step + 0.5, y0=0.5, y1=H + 0.5,
                                             line=dict(color=HIGHLIGHT, width=3))],
        xaxis=dict(tickvals=np.arange(1, T + 1), ticktext=time_ticks(tokens), tickangle=0),
        yaxis=dict(title=dict(text="j"), autorange="reversed"),
    )
    return go.Figure(data=[heat], layout=layout)


def pair_curves(runs: Sequence[tuple[str, Sequence[str], np.ndarray, float]], title: str,
                names: Mapping[str, str]) -> go.Figure:
    """The LSTM's running P(positive) for each sentence of a pair, and the bag-of-characters score
    of each (a dashed line: it has no running score, only one number for the whole text)."""
    fig = go.Figure()
    colors = ("#1f5fbf", "#e8590c")
    dashes = (("dash", 5), ("dot", 2.5))  # equal scores draw one line on the other: keep both visible
    for (name, tokens, p, bow), color, (dash, width) in zip(runs, colors, dashes, strict=False):
        t = np.arange(1, len(tokens) + 1)
        fig.add_trace(go.Scatter(
            x=t, y=p, mode="lines+markers", name=f"{_esc(name)} · LSTM", line=dict(color=color, width=2.5),
            text=[label(tok) for tok in tokens],
            hovertemplate="t = %{x} (%{text}): P = %{y:.3f}<extra></extra>",
        ))
        fig.add_trace(go.Scatter(
            x=[1, max(len(r[1]) for r in runs)], y=[bow, bow], mode="lines",
            name=f"{_esc(name)} · {_esc(names['bow'])}", line=dict(color=color, width=width, dash=dash),
            hovertemplate=f"{_esc(names['bow'])}: P = {bow:.4f}<extra></extra>",
        ))
    fig.add_hline(y=0.5, line=dict(color=NEUTRAL, dash="dot", width=1))
    fig.update_yaxes(range=[-0.04, 1.04], title_text=_esc(names["axis"]), tickformat=".0%")
    fig.update_xaxes(title_text="t")
    fig.update_layout(legend=dict(orientation="h", y=-0.25, x=0, yanchor="top"))
    return _layout(fig, 360, title=dict(text=title, font=dict(size=14)))


def kind_accuracy(kinds: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], title: str,
                  y_title: str) -> go.Figure:
    """Held-out accuracy per kind of review, one bar group per kind, one colour per model."""
    fig = go.Figure()
    colors = ("#1f5fbf", "#adb5bd", "#f08c00", "#7048e8")
    for (name, values), color in zip(series, colors, strict=False):
        fig.add_trace(go.Bar(x=[_esc(k) for k in kinds], y=list(values), name=_esc(name),
                             marker=dict(color=color), text=[f"{v:.0%}" for v in values],
                             textposition="outside", hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.add_hline(y=0.5, line=dict(color=NEUTRAL, dash="dot", width=1))
    fig.update_yaxes(range=[0, 1.12], tickformat=".0%", title_text=_esc(y_title))
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=1.02, x=1, xanchor="right",
                                                   yanchor="bottom"))
    return _layout(fig, 320, title=dict(text=title, font=dict(size=14)))


def confusion(matrix: np.ndarray, names: Mapping[str, str], title: str) -> go.Figure:
    """The 2 × 2 confusion matrix: rows the true label, columns the prediction, counts written in."""
    labels = [_esc(names["neg"]), _esc(names["pos"])]
    total = max(int(matrix.sum()), 1)
    text = [[f"<b>{int(v)}</b><br>{v / total:.0%}" for v in row] for row in matrix]
    fig = go.Figure(go.Heatmap(
        z=matrix, x=labels, y=labels, colorscale=[[0, "#f8f9fa"], [1, "#1f5fbf"]], showscale=False,
        text=text, texttemplate="%{text}", textfont=dict(size=15), xgap=3, ygap=3,
        hovertemplate=f"{_esc(names['true'])}: %{{y}}<br>{_esc(names['pred'])}: %{{x}}<br>"
                      "%{z}<extra></extra>",
    ))
    fig.update_xaxes(title_text=_esc(names["pred"]), side="top")
    fig.update_yaxes(title_text=_esc(names["true"]), autorange="reversed")
    fig = _layout(fig, 280, title=dict(text=title, font=dict(size=14), y=0.98, yanchor="top"))
    fig.update_layout(margin=dict(t=80))
    return fig


def smooth(values: Sequence[float], window: int = 25) -> np.ndarray:
    """A running mean over the last ``window`` values (the first ones over fewer)."""
    v = np.asarray(values, dtype=np.float64)
    if not len(v):
        return v
    c = np.cumsum(np.insert(v, 0, 0.0))  # c[i] = v[0] + … + v[i-1]
    end = np.arange(1, len(v) + 1)
    k = np.minimum(end, window)  # how many values each mean covers
    return (c[end] - c[end - k]) / k


def training_curves(runs: Sequence[tuple[str, str, Sequence[float], Sequence[tuple[int, float]]]],
                    titles: tuple[str, str], names: Mapping[str, str]) -> go.Figure:
    """Loss (smoothed) and held-out accuracy against the step, one colour per model.

    ``runs`` holds (name, cell, losses, [(step, accuracy), …]).
    """
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1,
                        subplot_titles=[_esc(titles[0]), _esc(titles[1])])
    for name, cell, losses, accuracy in runs:
        color = CELLS.get(cell, "#495057")
        steps = np.arange(1, len(losses) + 1)
        fig.add_trace(go.Scatter(x=steps, y=smooth(losses), mode="lines", name=_esc(name),
                                 legendgroup=name, line=dict(color=color, width=2),
                                 hovertemplate=f"{_esc(name)} · %{{x}}: %{{y:.3f}}<extra></extra>"),
                      row=1, col=1)
        if accuracy:
            xs, ys = zip(*accuracy, strict=True)
            fig.add_trace(go.Scatter(x=list(xs), y=list(ys), mode="lines+markers", name=_esc(name),
                                     legendgroup=name, showlegend=False, line=dict(color=color, width=2),
                                     hovertemplate=f"{_esc(name)} · %{{x}}: %{{y:.1%}}<extra></extra>"),
                          row=1, col=2)
    fig.add_hline(y=0.5, line=dict(color=NEUTRAL, dash="dot", width=1), row=1, col=2)
    fig.update_xaxes(title_text=_esc(names["step"]))
    fig.update_yaxes(title_text=_esc(names["loss"]), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=_esc(names["accuracy"]), range=[0.3, 1.02], tickformat=".0%", row=1, col=2)
    fig.update_xaxes(matches="x")  # both panels share the step axis, from step 1
    fig.update_layout(legend=dict(orientation="h", y=-0.22, x=0, yanchor="top"))
    return _layout(fig, 360)
