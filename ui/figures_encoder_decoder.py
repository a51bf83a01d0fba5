"""Figures of the "Encoder–decoder" page: pure functions from core's traces to a ``go.Figure``.

Every token label passes through ``ui.figures.label`` (HTML-escaped, invisible characters made
visible), including the model's own tokens such as ``<bos>``, which Plotly would otherwise take
for a tag. Titles from the string tables are escaped too. Nothing here computes the model: the
numbers are the trace's, only arranged for the eye.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.figures import DIVERGING, HIGHLIGHT, _layout, _outline, label
from ui.figures import escape as _esc

WEIGHTS = "Blues"
MASKED = "#ced4da"  # cells the causal mask blocks
PAST, CURRENT, FUTURE = "#cfe0fb", "#f6b26b", "#f4f6fa"
RIGHT, WRONG = "#2b8a3e", "#c92a2a"
BAR = "#1f5fbf"
TEXT_MAX_CELLS = 8  # more keys or queries than this: numbers only on hover



def _ticks(tokens: Sequence[str]) -> list[str]:
    return [label(tok) for tok in tokens]


def decoding_strip(inputs: Sequence[str], outputs: Sequence[str], k: int,
                   row_names: tuple[str, str], title: str = "") -> go.Figure:
    """Two rows over positions 1 … n: what the decoder reads (``<bos>`` y_1 …) and what it writes
    (y_1 … ``<eos>``). Positions after step k are still empty; step k is outlined."""
    n = len(outputs)
    state = np.array([[1.0 if j < k - 1 else 2.0 if j == k - 1 else 0.0 for j in range(n)]] * 2)
    text = [[label(tok) if j < k else "" for j, tok in enumerate(row)] for row in (inputs, outputs)]
    scale = [[0.0, FUTURE], [0.33, FUTURE], [0.34, PAST], [0.66, PAST], [0.67, CURRENT], [1.0, CURRENT]]
    fig = go.Figure(go.Heatmap(
        z=state, zmin=0, zmax=2, colorscale=scale, showscale=False, text=text,
        texttemplate="%{text}", textfont=dict(size=15), xgap=3, ygap=3,
        x=np.arange(1, n + 1), y=[0, 1], hovertemplate="position %{x}: %{text}<extra></extra>",
    ))
    _outline(fig, k - 0.5, k + 0.5, 0)
    _outline(fig, k - 0.5, k + 0.5, 1)
    fig.update_yaxes(tickvals=[0, 1], ticktext=[_esc(r) for r in row_names], autorange="reversed")
    fig.update_xaxes(dtick=1, title_text="k")
    return _layout(fig, 190, title=dict(text=title, font=dict(size=14)))


def attention_heads(weights: np.ndarray, queries: Sequence[str], keys: Sequence[str],
                    title: str, head_title: str, blocked: np.ndarray | None = None,
                    current: int | None = None) -> go.Figure:
    """One heatmap per head of weights (h, Tq, Tk): a row per query, a column per key. Cells the
    mask ``blocked`` (Tq, Tk) shuts are grey and read −∞; the ``current`` query row is outlined."""
    h, Tq, Tk = weights.shape
    fig = make_subplots(rows=1, cols=h, horizontal_spacing=0.025 if h > 2 else 0.06,
                        subplot_titles=[_esc(head_title.format(i=i)) for i in range(1, h + 1)])
    show_text = Tq <= TEXT_MAX_CELLS and Tk <= TEXT_MAX_CELLS and h <= 4
    q_ticks, k_ticks = _ticks(queries), _ticks(keys)
    hover = [[f"{q_ticks[i]} → {k_ticks[j]}" for j in range(Tk)] for i in range(Tq)]
    for c in range(1, h + 1):
        w = weights[c - 1]
        fig.add_trace(go.Heatmap(
            z=w, x=np.arange(Tk), y=np.arange(Tq), zmin=0, zmax=1, colorscale=WEIGHTS,
            showscale=c == h, colorbar=dict(thickness=10, len=0.9), xgap=1, ygap=1,
            texttemplate="%{z:.2f}" if show_text else None, textfont=dict(size=11),
            customdata=hover, hovertemplate="%{customdata}: %{z:.4f}<extra></extra>",
        ), row=1, col=c)
        if blocked is not None and blocked.any():
            shut = np.where(blocked, 1.0, np.nan)
            fig.add_trace(go.Heatmap(
                z=shut, x=np.arange(Tk), y=np.arange(Tq), colorscale=[[0, MASKED], [1, MASKED]],
                showscale=False, xgap=1, ygap=1, text=np.where(blocked, "−∞", "").tolist(),
                texttemplate="%{text}" if show_text else None,
                textfont=dict(size=11, color="#495057"), customdata=hover,
                hovertemplate="%{customdata}: −∞ → 0<extra></extra>",
            ), row=1, col=c)
        if current is not None:
            _outline(fig, -0.5, Tk - 0.5, current, row=1, col=c)
        fig.update_xaxes(tickvals=np.arange(Tk), ticktext=k_ticks, tickangle=0 if Tk <= 6 else -60,
                         row=1, col=c)
        fig.update_yaxes(tickvals=np.arange(Tq), ticktext=q_ticks, autorange="reversed",
                         showticklabels=c == 1, row=1, col=c)
    fig.update_annotations(font_size=12)
    return _layout(fig, 150 + 24 * max(Tq, 3), title=dict(text=title, font=dict(size=14)))


def next_token_bars(probs: np.ndarray, itos: Sequence[str], chosen: int, title: str,
                    top: int = 8) -> go.Figure:
    """The ``top`` most probable next tokens as horizontal bars; the one written is orange."""
    order = np.argsort(-probs, kind="stable")[:top]
    names = [f"{label(itos[i])}" for i in order]
    fig = go.Figure(go.Bar(
        x=probs[order], y=np.arange(len(order)), orientation="h",
        marker_color=[HIGHLIGHT if i == chosen else BAR for i in order],
        text=[f"{p:.3f}" for p in probs[order]], textposition="outside", cliponaxis=False,
        customdata=names, hovertemplate="%{customdata}: p = %{x:.6f}<extra></extra>",
    ))
    fig.update_yaxes(tickvals=np.arange(len(order)), ticktext=names, autorange="reversed")
    fig.update_xaxes(range=[0, 1.15], title_text="p")
    return _layout(fig, 80 + 26 * len(order), title=dict(text=title, font=dict(size=14)))


def memory_heatmap(tokens: Sequence[str], memory: np.ndarray, title: str) -> go.Figure:
    """The encoder's output (S, d): one row per source token, the keys and values of
    cross-attention."""
    S, d = memory.shape
    lim = float(np.max(np.abs(memory))) or 1.0
    ticks = _ticks(tokens)
    fig = go.Figure(go.Heatmap(
        z=memory, x=np.arange(1, d + 1), y=np.arange(S), colorscale=DIVERGING, zmid=0,
        zmin=-lim, zmax=lim, xgap=1, ygap=1, colorbar=dict(thickness=10),
        customdata=[[t] * d for t in ticks],
        hovertemplate="%{customdata}, j = %{x}: %{z:.4f}<extra></extra>",
    ))
    fig.update_yaxes(tickvals=np.arange(S), ticktext=ticks, autorange="reversed")
    fig.update_xaxes(title_text="j", dtick=4)
    return _layout(fig, 110 + 24 * S, title=dict(text=title, font=dict(size=14)))


def shifted_targets(inputs: Sequence[str], targets: Sequence[str], p_target: np.ndarray,
                    right: np.ndarray, row_names: tuple[str, str, str], title: str = "",
                    position: str = "position") -> go.Figure:
    """Teacher forcing on one example: the decoder input and the target, shifted by one, and the
    probability the model gives each target in one parallel pass (green: its top choice)."""
    n = len(inputs)
    x = np.arange(1, n + 1)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.45, 0.55],
                        vertical_spacing=0.08)
    text = [_ticks(inputs), _ticks(targets)]
    fig.add_trace(go.Heatmap(
        z=[[1.0] * n, [2.0] * n], zmin=0, zmax=2, x=x, y=[0, 1], showscale=False, xgap=3, ygap=3,
        colorscale=[[0, FUTURE], [0.5, PAST], [1, CURRENT]], text=text, texttemplate="%{text}",
        textfont=dict(size=14), hovertemplate="position %{x}: %{text}<extra></extra>",
    ), row=1, col=1)
    fig.add_trace(go.Bar(
        x=x, y=p_target, marker_color=[RIGHT if r else WRONG for r in right],
        text=[f"{p:.3f}" for p in p_target], textposition="outside", cliponaxis=False,
        hovertemplate="position %{x}: p(target) = %{y:.6f}<extra></extra>",
    ), row=2, col=1)
    fig.update_yaxes(tickvals=[0, 1], ticktext=[_esc(r) for r in row_names[:2]],
                     autorange="reversed", row=1, col=1)
    fig.update_yaxes(range=[0, 1.2], title_text=_esc(row_names[2]), row=2, col=1)
    fig.update_xaxes(dtick=1, row=2, col=1, title_text=_esc(position))
    fig.update_layout(showlegend=False)
    return _layout(fig, 330, title=dict(text=title, font=dict(size=14)))


def rnn_states(src_tokens: Sequence[str], enc_h: np.ndarray, dec_tokens: Sequence[str],
               dec_h: np.ndarray, titles: tuple[str, str]) -> go.Figure:
    """The GRU encoder's states (S, H), computed one after another, and the decoder's (n, H),
    which start from the encoder's last state."""
    lim = float(max(np.max(np.abs(enc_h)), np.max(np.abs(dec_h)) if dec_h.size else 0)) or 1.0
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.14,
                        subplot_titles=[_esc(t) for t in titles])
    for c, (tokens, h) in enumerate(((src_tokens, enc_h), (dec_tokens, dec_h)), start=1):
        T, H = h.shape
        ticks = [f"{t + 1}: {lab}" for t, lab in enumerate(_ticks(tokens))]
        fig.add_trace(go.Heatmap(
            z=h, x=np.arange(1, H + 1), y=np.arange(T), colorscale=DIVERGING, zmid=0, zmin=-lim,
            zmax=lim, showscale=c == 2, colorbar=dict(thickness=10), ygap=1,
            customdata=[[tk] * H for tk in ticks],
            hovertemplate="%{customdata}, j = %{x}: %{z:.4f}<extra></extra>",
        ), row=1, col=c)
        fig.update_yaxes(tickvals=np.arange(T), ticktext=ticks, autorange="reversed", row=1, col=c)
        fig.update_xaxes(title_text="j", row=1, col=c)
    fig.update_annotations(font_size=12)
    rows = max(enc_h.shape[0], dec_h.shape[0])
    return _layout(fig, 130 + 22 * rows)


def cost_chart(curve: Mapping[str, np.ndarray], T_now: int, names: Mapping[str, str],
               title: str, now_label: str, y_title: str = "multiply-adds",
               meet: tuple[float, float] | None = None, meet_label: str = "") -> go.Figure:
    """Multiply-adds against T on log–log axes: the RNN's line grows like T, attention's like T²;
    a dotted line marks the learner's own T and a dot where the RNN and attention lines meet."""
    fig = go.Figure()
    styles = {"rnn": dict(color=HIGHLIGHT, width=3), "attention": dict(color=BAR, width=3),
              "layer": dict(color=BAR, width=2, dash="dash")}
    for key, style in styles.items():
        fig.add_trace(go.Scatter(
            x=curve["T"], y=curve[key], mode="lines", name=_esc(names[key]), line=style,
            hovertemplate="T = %{x}: %{y:,.0f}<extra>" + _esc(names[key]) + "</extra>",
        ))
    low = float(min(np.min(curve[k]) for k in styles))
    high = float(max(np.max(curve[k]) for k in styles))
    # A trace rather than add_vline: on log axes add_vline misplaces its annotation.
    fig.add_trace(go.Scatter(x=[T_now, T_now], y=[low, high], mode="lines", name=_esc(now_label),
                             line=dict(color="#495057", dash="dot", width=2), hoverinfo="skip"))
    if meet is not None:
        fig.add_trace(go.Scatter(x=[meet[0]], y=[meet[1]], mode="markers+text", name=_esc(meet_label),
                                 text=[_esc(meet_label)], textposition="bottom right",
                                 marker=dict(size=11, color="#212529"), showlegend=False,
                                 hovertemplate="T = %{x}: %{y:,.0f}<extra></extra>"))
    fig.update_xaxes(type="log", title_text="T")
    fig.update_yaxes(type="log", title_text=_esc(y_title))
    fig.update_layout(legend=dict(orientation="h", y=-0.25, x=0))
    _layout(fig, 400, title=dict(text=title, font=dict(size=14)))
    fig.update_layout(margin=dict(b=40))
    return fig
