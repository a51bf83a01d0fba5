"""Figures of the "RNN forward pass" page: pure functions from ``core.rnn``'s arrays to Plotly.

The unrolled network, one step's equation (as LaTeX for small sizes, as heatmaps for large
ones), the hidden states filling in, ŷ_t over the vocabulary, which inputs each output
depends on, the shapes of use and the parallel schedule. Every token goes through
``figures.label`` before it reaches a figure; LaTeX never holds learner text, only numbers
and indices.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.rnn import RNNLayerTrace, RNNTrace, UsePattern
from ui.figures import DIVERGING, HIGHLIGHT, _layout, label

# One colour per (layer, direction): every cell of a row uses the same W_xh, W_hh and b.
ROW_COLORS = ("#3b6fb6", "#2f9e6e", "#8e5bb5", "#c0508a", "#1f8fa6", "#8a7a2a")
ROW_FILLS = ("#d6e3f5", "#d3efe2", "#e6daf2", "#f4d9e6", "#d2edf3", "#efe9cf")
PENDING = "#ffffff"
EDGE = "#9aa3b2"
LATEX_MAX_H = 4  # up to this hidden size (and LATEX_MAX_IN inputs) the equation shows whole matrices
LATEX_MAX_IN = 8
MAX_BARS = 30  # ŷ over a larger vocabulary shows the most probable entries
SHAPE_MAX_TOKENS = 8  # a shape-of-use diagram draws at most this many of the learner's tokens


def _token_ticks(tokens: Sequence[str], every: int = 1) -> list[str]:
    """Axis labels t and token; a long sentence gets the numbers only."""
    if len(tokens) <= 24:
        return [f"{t}<br>{label(tok)}" for t, tok in enumerate(tokens, 1)]
    return [str(t) if (t - 1) % every == 0 else "" for t in range(1, len(tokens) + 1)]


def _tick_step(T: int) -> int:
    return 1 if T <= 24 else 4


def row_index(layer: int, direction: int, num_directions: int) -> int:
    return layer * num_directions + direction


# --- 1. inputs ---------------------------------------------------------------------------------


def inputs_heatmap(tokens: Sequence[str], x: np.ndarray, title: str) -> go.Figure:
    """x_t for every t as the columns of a (d, T) heatmap, the token under each column."""
    T, d = x.shape
    lim = float(np.max(np.abs(x))) or 1.0
    fig = go.Figure(go.Heatmap(
        z=x.T, x=np.arange(1, T + 1), y=np.arange(1, d + 1), colorscale=DIVERGING, zmid=0,
        zmin=-lim, zmax=lim, xgap=1, ygap=1, colorbar=dict(thickness=12),
        texttemplate="%{z:.2f}" if T * d <= 240 else None,
        customdata=[[label(tok) for tok in tokens]] * d,
        hovertemplate="t = %{x} (%{customdata}), j = %{y}: %{z:.4f}<extra></extra>",
    ))
    fig.update_xaxes(tickvals=np.arange(1, T + 1), ticktext=_token_ticks(tokens, _tick_step(T)))
    fig.update_yaxes(title_text="j", dtick=1, autorange="reversed")
    return _layout(fig, 150 + 30 * d, title=dict(text=title, font=dict(size=14)))


# --- 2. the unrolled network -------------------------------------------------------------------


def cell_xy(layer: int, direction: int, t: int, num_directions: int) -> tuple[float, float]:
    """Where cell (k, d, t) sits (t 0-based). Both directions of a layer share a band; the
    reverse one is shifted right and up so that lines into it never cross a forward cell."""
    if num_directions == 1:
        return t + 1.0, layer + 1.0
    shift = 0.2 if direction == 1 else -0.2
    return t + 1.0 + shift, layer + 1.0 + shift


def unrolled(
    tokens: Sequence[str],
    num_layers: int,
    num_directions: int,
    order: Sequence[tuple[int, int, int]],
    step: int,
    row_names: Sequence[str],
    x_name: str,
    y_name: str,
    title: str = "",
) -> go.Figure:
    """The network unrolled over the sentence: one box per cell, computed cells filled in the
    colour of their (layer, direction) row, the current cell (``order[step - 1]``) outlined,
    the edges it reads drawn in orange. The same colour along a row is the same W_xh, W_hh, b."""
    T, L, D = len(tokens), num_layers, num_directions
    done = set(order[:step])
    k_now, d_now, t_now = order[step - 1]
    y_out = L + 1.0
    small = T <= 10
    size = int(min(40, max(9, 640 / max(T, 1))))
    fig = go.Figure()

    def line(points: list[tuple[float, float]], color: str, width: float) -> go.Scatter:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for x0, y0, x1, y1 in points:  # type: ignore[misc]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        return go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=color, width=width),
                          hoverinfo="skip", showlegend=False)

    # Edges: x_t (or the layer below at t) into each cell, h along time, the last layer into ŷ_t.
    # The edges into the current cell are drawn in orange: they are what this step reads.
    upward, recurrent, current = [], [], []
    heads: list[tuple[float, float, str, str]] = []  # arrowheads of the recurrent edges
    for k in range(L):
        for d in range(D):
            color = ROW_COLORS[row_index(k, d, D) % len(ROW_COLORS)]
            for t in range(T):
                cx, cy = cell_xy(k, d, t, D)
                is_now = (k, d, t) == (k_now, d_now, t_now)
                below = [(t + 1.0, 0.0)] if k == 0 else [cell_xy(k - 1, e, t, D) for e in range(D)]
                for sx, sy in below:
                    (current if is_now else upward).append((sx, sy, cx, cy))
                if k == L - 1:
                    upward.append((cx, cy, t + 1.0, y_out))
                prev = t - 1 if d == 0 else t + 1
                if 0 <= prev < T:
                    px, py = cell_xy(k, d, prev, D)
                    (current if is_now else recurrent).append((px, py, cx, cy))
                    heads.append((cx - 0.3 if d == 0 else cx + 0.3, cy,
                                  "triangle-right" if d == 0 else "triangle-left",
                                  HIGHLIGHT if is_now else color))
    fig.add_trace(line(upward, EDGE, 1))
    fig.add_trace(line(recurrent, EDGE, 1.5))
    fig.add_trace(line(current, HIGHLIGHT, 3))
    if heads and T <= 32:
        fig.add_trace(go.Scatter(
            x=[a[0] for a in heads], y=[a[1] for a in heads], mode="markers",
            marker=dict(symbol=[a[2] for a in heads], color=[a[3] for a in heads], size=max(6, size // 4)),
            hoverinfo="skip", showlegend=False))

    # Cells, one trace per (layer, direction) row.
    for k in range(L):
        for d in range(D):
            r = row_index(k, d, D)
            color, fill = ROW_COLORS[r % len(ROW_COLORS)], ROW_FILLS[r % len(ROW_FILLS)]
            pts = [cell_xy(k, d, t, D) for t in range(T)]
            is_done = [(k, d, t) in done for t in range(T)]
            now = [(k, d, t) == (k_now, d_now, t_now) for t in range(T)]
            fig.add_trace(go.Scatter(
                x=[p[0] for p in pts], y=[p[1] for p in pts], mode="markers+text" if small else "markers",
                marker=dict(symbol="square", size=size, color=[fill if f else PENDING for f in is_done],
                            line=dict(color=[HIGHLIGHT if n else color for n in now],
                                      width=[4 if n else 1.5 for n in now])),
                text=[f"h<sub>{t + 1}</sub>" for t in range(T)], textfont=dict(size=11, color=color),
                customdata=[[t + 1, label(tok)] for t, tok in enumerate(tokens)],
                hovertemplate=html.escape(row_names[r]) + "<br>t = %{customdata[0]} (%{customdata[1]})"
                "<extra></extra>",
                showlegend=False))

    # Inputs x_t and outputs ŷ_t.
    read_now = {t_now} if k_now == 0 else set()
    fig.add_trace(go.Scatter(
        x=np.arange(1, T + 1), y=[0.0] * T, mode="markers+text" if small else "markers",
        marker=dict(symbol="circle", size=max(8, size * 2 // 3), color="#eef1f6",
                    line=dict(color=[HIGHLIGHT if t in read_now else EDGE for t in range(T)],
                              width=[4 if t in read_now else 1 for t in range(T)])),
        text=[f"x<sub>{t}</sub>" for t in range(1, T + 1)], textfont=dict(size=10),
        hoverinfo="skip", showlegend=False))
    top = [all((L - 1, d, t) in done for d in range(D)) for t in range(T)]
    fig.add_trace(go.Scatter(
        x=np.arange(1, T + 1), y=[y_out] * T, mode="markers+text" if small else "markers",
        marker=dict(symbol="diamond", size=max(8, size * 2 // 3),
                    color=["#fde2cc" if f else PENDING for f in top], line=dict(color=EDGE, width=1)),
        text=[f"ŷ<sub>{t}</sub>" for t in range(1, T + 1)], textfont=dict(size=10),
        hoverinfo="skip", showlegend=False))

    notes: list[dict] = []  # annotations, added at once (one by one is slow in Plotly)
    if small and D == 1:  # name the shared weights on the edges, in the row's colour
        for k in range(L):
            color = ROW_COLORS[k % len(ROW_COLORS)]
            for t in range(T):
                cx, cy = cell_xy(k, 0, t, D)
                if t > 0:
                    notes.append(dict(x=cx - 0.5, y=cy + 0.16, text="W<sub>hh</sub>", showarrow=False,
                                      font=dict(size=10, color=color)))
                notes.append(dict(x=cx + 0.2, y=cy - 0.5, text="W<sub>xh</sub>", showarrow=False,
                                  font=dict(size=9, color=color)))
    if T > 24:  # the axis has no room for tokens: name the one at the current step under its column
        notes.append(dict(x=t_now + 1, y=-0.5, text=label(tokens[t_now]), showarrow=False,
                          font=dict(size=12, color=HIGHLIGHT), bgcolor="white"))
    fig.update_layout(annotations=notes)
    ticks_y = [0.0, *[float(k + 1) for k in range(L)], y_out]
    names_y = [html.escape(x_name)]
    for k in range(L):
        names_y.append("<br>".join(html.escape(row_names[row_index(k, d, D)]) for d in range(D)))
    names_y.append(html.escape(y_name))
    fig.update_yaxes(tickvals=ticks_y, ticktext=names_y, range=[-0.6, y_out + 0.6], zeroline=False,
                     showgrid=False)
    fig.update_xaxes(tickvals=np.arange(1, T + 1), ticktext=_token_ticks(tokens, _tick_step(T)),
                     range=[0.4, T + 0.6], showgrid=False, zeroline=False)
    return _layout(fig, 150 + 95 * (L + 1), title=dict(text=title, font=dict(size=14)),
                   plot_bgcolor="white")


# --- 3. one step's equation ---------------------------------------------------------------------


def tex_number(v: float) -> str:
    """A number for LaTeX: two decimals, powers of ten for large ones, ∞ and NaN spelled out."""
    if math.isnan(v):
        return r"\text{NaN}"
    if math.isinf(v):
        return r"\infty" if v > 0 else r"-\infty"
    if abs(v) >= 1e4:
        exponent = math.floor(math.log10(abs(v)))
        mantissa = v / 10**exponent
        return rf"{mantissa:.2f}{{\times}}10^{{{exponent}}}"
    return f"{v:.2f}"


def tex_matrix(m: np.ndarray) -> str:
    """A vector (as a column) or a matrix as a LaTeX bmatrix."""
    m = np.atleast_2d(np.asarray(m, dtype=np.float64))
    if m.shape[0] == 1:
        m = m.T  # vectors are columns
    rows = [" & ".join(tex_number(float(v)) for v in row) for row in m]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


LATEX_MAX_VALUE = 1e4  # numbers this large take too much room written out


def fits_latex(layer: RNNLayerTrace, t: int) -> bool:
    """Whole matrices fit on screen for small sizes and ordinary numbers; otherwise heatmaps."""
    if layer.W_hh.shape[0] > LATEX_MAX_H or layer.W_xh.shape[1] > LATEX_MAX_IN:
        return False
    values = np.concatenate([layer.W_xh.ravel(), layer.W_hh.ravel(), layer.b_xh + layer.b_hh,
                             layer.x[t], layer.h_prev[t], layer.a[t], layer.h[t]])
    finite = np.abs(values[np.isfinite(values)])
    return bool(finite.max(initial=0.0) < LATEX_MAX_VALUE)


def _symbols(layer: RNNLayerTrace, t: int) -> tuple[str, str, str]:
    """LaTeX names of this step's input, previous state and new state (t 0-based)."""
    k, step = layer.layer, t + 1
    sup = "" if k == 0 else rf"^{{({k + 1})}}"
    below = "x" if k == 0 else rf"h^{{({k})}}"
    prev = step - 1 if layer.direction == 0 else step + 1
    arrow = "" if layer.direction == 0 else r"\overleftarrow"
    h = (lambda i: rf"{arrow}{{h}}{sup}_{{{i}}}") if arrow else (lambda i: rf"h{sup}_{{{i}}}")
    return rf"{below}_{{{step}}}", h(prev), h(step)


def step_latex(layer: RNNLayerTrace, t: int, nonlinearity: str) -> tuple[str, str]:
    """This step's two equations with every number plugged in (t 0-based):
    a_t = W_xh x_t + W_hh h_{t-1} + b, and h_t = ψ(a_t)."""
    x_sym, prev_sym, h_sym = _symbols(layer, t)
    b = layer.b_xh + layer.b_hh
    a_sym = h_sym.replace("h", "a", 1)
    first = (
        rf"{a_sym} = \underbrace{{{tex_matrix(layer.W_xh)}}}_{{W_{{xh}}}}"
        rf"\underbrace{{{tex_matrix(layer.x[t])}}}_{{{x_sym}}}"
        rf" + \underbrace{{{tex_matrix(layer.W_hh)}}}_{{W_{{hh}}}}"
        rf"\underbrace{{{tex_matrix(layer.h_prev[t])}}}_{{{prev_sym}}}"
        rf" + \underbrace{{{tex_matrix(b)}}}_{{b}} = {tex_matrix(layer.a[t])}"
    )
    second = rf"{h_sym} = \{nonlinearity}({a_sym}) = {tex_matrix(layer.h[t])}" if nonlinearity == "tanh" \
        else rf"{h_sym} = \mathrm{{relu}}({a_sym}) = \max(0, {a_sym}) = {tex_matrix(layer.h[t])}"
    return first, second


def term_names(layer: RNNLayerTrace, t: int) -> tuple[str, ...]:
    """Panel titles for step t (0-based), read as the equation W_xh · x_t + W_hh · h_{t-1} + b = a_t → h_t."""
    k, step = layer.layer, t + 1
    prev = step - 1 if layer.direction == 0 else step + 1
    sup = "" if k == 0 else f"⁽{k + 1}⁾"
    x = f"x_{step}" if k == 0 else f"h⁽{k}⁾_{step}"
    return ("W_xh", f"· {x}", "+ W_hh", f"· h{sup}_{prev}", "+ b", f"= a{sup}_{step}", f"→ h{sup}_{step}")


def step_terms(layer: RNNLayerTrace, t: int) -> go.Figure:
    """The same equation as heatmaps, for sizes too large to write out: W_xh, x_t, W_hh,
    h_{t-1}, b, a_t and h_t side by side (t 0-based), each panel on its own colour scale."""
    names = term_names(layer, t)
    b = layer.b_xh + layer.b_hh
    parts = [layer.W_xh, layer.x[t][:, None], layer.W_hh, layer.h_prev[t][:, None], b[:, None],
             layer.a[t][:, None], layer.h[t][:, None]]
    widths = [p.shape[1] + 0.8 for p in parts]
    fig = make_subplots(rows=1, cols=len(parts), column_widths=[w / sum(widths) for w in widths],
                        horizontal_spacing=0.02, subplot_titles=[html.escape(n) for n in names])
    for i, p in enumerate(parts, start=1):
        finite = p[np.isfinite(p)]
        lim = float(np.max(np.abs(finite), initial=0.0)) or 1.0
        rows = np.arange(1, p.shape[0] + 1)
        fig.add_trace(go.Heatmap(
            z=np.where(np.isfinite(p), p, np.nan), y=rows, x=np.arange(1, p.shape[1] + 1),
            colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim, showscale=False, xgap=1, ygap=1,
            text=[[tex_free(v) for v in row] for row in p],
            texttemplate="%{text}" if p.size <= 64 else None,
            hovertemplate="row %{y}, column %{x}: %{text}<extra></extra>",
        ), row=1, col=i)
        fig.update_yaxes(autorange="reversed", showticklabels=i == 1, row=1, col=i)
        fig.update_xaxes(showticklabels=False, row=1, col=i)
    H = layer.W_hh.shape[0]
    return _layout(fig, int(min(520, 120 + 22 * H)))


def tex_free(v: float) -> str:
    """A number as plain text for hovers and cells: ∞ and NaN shown, large values in e-notation."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    return f"{v:.2f}" if abs(v) < 1e4 else f"{v:.1e}"


# --- 4. hidden states, filling in ----------------------------------------------------------------


def hidden_states(
    trace: RNNTrace,
    order: Sequence[tuple[int, int, int]],
    step: int,
    row_names: Sequence[str],
    tokens: Sequence[str],
    title: str = "",
) -> go.Figure:
    """Every h_t computed so far: a row per hidden unit j of each (layer, direction), a column
    per time t; cells not yet computed are blank, the current one outlined."""
    L, D = trace.num_layers, trace.num_directions
    T, H = trace.layers[0][0].h.shape
    z = np.full((L * D * H, T), np.nan)  # the states computed so far
    computed = np.zeros((L * D * H, T), dtype=bool)
    text = [[""] * T for _ in range(L * D * H)]
    for k, d, t in order[:step]:
        r0 = row_index(k, d, D) * H
        h = trace.layers[k][d].h[t]
        z[r0:r0 + H, t] = h
        computed[r0:r0 + H, t] = True
        for j in range(H):
            text[r0 + j][t] = tex_free(float(h[j]))
    if trace.nonlinearity == "tanh":
        lim = 1.0  # tanh keeps every state in (-1, 1)
    else:
        all_h = np.concatenate([layer.h.ravel() for directions in trace.layers for layer in directions])
        lim = float(np.abs(all_h[np.isfinite(all_h)]).max(initial=0.0)) or 1.0
    # Colour: ±inf and NaN at the end of the scale (their cells say which); pending cells blank.
    colored = np.clip(np.nan_to_num(z, nan=lim, posinf=lim, neginf=-lim), -lim, lim)
    colored[~computed] = np.nan
    ticks = [f"{html.escape(row_names[r])} · j={j + 1}" for r in range(L * D) for j in range(H)]
    fig = go.Figure(go.Heatmap(
        z=colored, x=np.arange(1, T + 1), y=np.arange(L * D * H), colorscale=DIVERGING, zmid=0,
        zmin=-lim, zmax=lim, xgap=1, ygap=1, colorbar=dict(thickness=12), text=text,
        texttemplate="%{text}" if T <= 16 and T * L * D * H <= 260 else None, textfont=dict(size=11),
        hovertemplate="t = %{x}: h = %{text}<extra></extra>",
    ))
    k, d, t = order[step - 1]
    r0 = row_index(k, d, D) * H
    shapes = [dict(type="rect", x0=t + 0.5, x1=t + 1.5, y0=r0 - 0.5, y1=r0 + H - 0.5,
                   line=dict(color=HIGHLIGHT, width=3))]
    shapes += [dict(type="line", x0=0.5, x1=T + 0.5, y0=r * H - 0.5, y1=r * H - 0.5,
                    line=dict(color="#333", width=1.5)) for r in range(1, L * D)]  # between blocks
    fig.update_layout(shapes=shapes)
    fig.update_yaxes(tickvals=np.arange(L * D * H), ticktext=ticks, autorange="reversed", showgrid=False)
    fig.update_xaxes(tickvals=np.arange(1, T + 1), ticktext=_token_ticks(tokens, _tick_step(T)),
                     showgrid=False, range=[0.5, T + 0.5])
    return _layout(fig, int(min(700, 130 + 24 * L * D * H)), title=dict(text=title, font=dict(size=14)))


# --- 5. the output over the vocabulary -----------------------------------------------------------


def output_bars(probs: np.ndarray, itos: Sequence[str], next_id: int | None, title: str,
                uniform_name: str, max_bars: int = MAX_BARS) -> go.Figure:
    """ŷ_t over the vocabulary: one bar per entry (the most probable ``max_bars`` of a large
    vocabulary), the token that really comes next in orange, the uniform 1/|V| dashed."""
    V = len(itos)
    shown = np.arange(V)
    if V > max_bars:
        shown = np.argsort(-np.nan_to_num(probs, nan=-1.0), kind="stable")[:max_bars]
        if next_id is not None and next_id not in shown:
            shown = np.append(shown[:-1], next_id)
        shown = np.sort(shown)
    colors = [HIGHLIGHT if i == next_id else "#7f9cc7" for i in shown]
    fig = go.Figure(go.Bar(
        x=[f"{label(itos[i])} ({i})" for i in shown], y=probs[shown], marker_color=colors,
        hovertemplate="%{x}: %{y:.4f}<extra></extra>",
        texttemplate="%{y:.2f}" if len(shown) <= 16 else None, textposition="outside",
    ))
    fig.add_hline(y=1.0 / V, line=dict(color="#555", dash="dash", width=1),
                  annotation_text=html.escape(uniform_name), annotation_position="top left",
                  annotation_bgcolor="rgba(255,255,255,0.8)")
    top = float(np.nanmax(probs[shown])) if np.isfinite(probs[shown]).any() else 1.0
    fig.update_yaxes(title_text="P", range=[0, min(1.05, max(top, 1.0 / V) * 1.25)])
    fig.update_xaxes(tickangle=-50 if len(shown) > 8 else 0, type="category")
    return _layout(fig, 330, title=dict(text=title, font=dict(size=14)))


# --- 6. which inputs each output depends on ------------------------------------------------------


def sensitivity(S: np.ndarray, tokens: Sequence[str], titles: Sequence[str], scale_name: str) -> go.Figure:
    """log10 ‖∂h_t/∂x_s‖ for output t (rows) and input s (columns): one panel per direction,
    and one for the whole output y_t = [h→_t ; h←_t] when there are two. Exact zeros are blank."""
    panels = [S[d] for d in range(S.shape[0])]
    if S.shape[0] == 2:
        panels.append(np.sqrt(S[0] ** 2 + S[1] ** 2))
    T = S.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = [np.where(p > 0, np.log10(p), np.nan) for p in panels]
    finite = np.concatenate([lg[np.isfinite(lg)] for lg in logs]) if logs else np.array([])
    hi = float(finite.max()) if finite.size else 0.0
    lo = float(max(finite.min(), hi - 12)) if finite.size else -1.0
    if hi - lo < 1e-9:
        lo = hi - 1
    fig = make_subplots(rows=1, cols=len(panels), horizontal_spacing=0.06,
                        subplot_titles=[html.escape(s) for s in titles[: len(panels)]])
    ticks = [label(tok) for tok in tokens]
    for i, (p, lg) in enumerate(zip(panels, logs, strict=True), start=1):
        fig.add_trace(go.Heatmap(
            z=lg, x=np.arange(1, T + 1), y=np.arange(1, T + 1), colorscale="Viridis", zmin=lo, zmax=hi,
            showscale=i == len(panels), colorbar=dict(thickness=12, title=dict(text=html.escape(scale_name))),
            customdata=[[tex_free(float(v)) if v >= 1e-2 or v == 0 or not np.isfinite(v) else f"{v:.1e}"
                         for v in row] for row in p],
            text=[[ticks[t], ] * T for t in range(T)],
            hovertemplate="t = %{y}, s = %{x}: %{customdata}<extra></extra>",
            xgap=1 if T <= 32 else 0, ygap=1 if T <= 32 else 0,
        ), row=1, col=i)
        fig.update_yaxes(autorange="reversed", title_text="t" if i == 1 else None, row=1, col=i,
                         tickvals=np.arange(1, T + 1) if T <= 16 else None,
                         ticktext=[f"{t} {tk}" for t, tk in enumerate(ticks, 1)] if T <= 16 else None,
                         showticklabels=i == 1 or T > 16)
        fig.update_xaxes(title_text="s", row=1, col=i, tickvals=np.arange(1, T + 1) if T <= 16 else None,
                         ticktext=[str(t) for t in range(1, T + 1)] if T <= 16 else None)
    return _layout(fig, int(min(560, 190 + 22 * T)))


# --- 7. shapes of use ----------------------------------------------------------------------------


def _shown_positions(T: int, cap: int) -> list[int | None]:
    """Token positions drawn for a sequence of T: all of them, or the first and last few and a gap."""
    if T <= cap:
        return list(range(T))
    head = cap // 2
    return [*range(head), None, *range(T - (cap - head - 1), T)]


def use_pattern(pattern: UsePattern, tokens: Sequence[str], names: dict[str, str],
                cap: int = SHAPE_MAX_TOKENS) -> go.Figure:
    """One shape of use on the learner's tokens: cells in a row, the tokens fed in below,
    the outputs ŷ read above; an orange ŷ below a cell is the previous output fed back in."""
    T = len(tokens)
    if pattern.decoder_from is None:
        slots = _shown_positions(pattern.cells, cap)
        n_enc = len(slots)
    else:  # encoder cells, then decoder cells, each elided on its own
        enc = _shown_positions(T, cap // 2 + 1)
        dec = [None if p is None else p + T for p in _shown_positions(pattern.cells - T, cap // 2)]
        slots, n_enc = enc + dec, len(enc)
    fed, read, back = set(pattern.fed), set(pattern.read), set(pattern.feedback)
    first_out = pattern.decoder_from or 0  # ŷ are numbered from the first cell that can write one
    xs = np.arange(len(slots), dtype=float)
    xs[n_enc:] += 0.6  # a gap between encoder and decoder (none without a decoder)
    notes: list[dict] = []  # annotations, added at once (one by one is slow in Plotly)

    def arrow(x0: float, y0: float, x1: float, y1: float, color: str, opacity: float = 1.0) -> None:
        notes.append(dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
                          showarrow=True, arrowhead=2, arrowwidth=1.5, arrowcolor=color, opacity=opacity))

    def below(x: float, text: str, color: str) -> None:
        notes.append(dict(x=x, y=0.0, text=text, showarrow=False, bgcolor="#eef1f6",
                          font=dict(size=12, color=color)))
        arrow(x, 0.2, x, 0.6, color)

    cell_x, cell_c, cell_t = [], [], []
    for x, p in zip(xs, slots, strict=True):
        if p is None:
            notes.append(dict(x=x, y=1, text="…", showarrow=False, font=dict(size=20)))
            continue
        decoder = pattern.decoder_from is not None and p >= pattern.decoder_from
        cell_x.append(x)
        cell_c.append(ROW_COLORS[2] if decoder else ROW_COLORS[0])
        cell_t.append("dec" if decoder else "RNN")
        if p in fed:
            below(x, label(tokens[p]), "#333")
        elif p in back:
            below(x, f"ŷ<sub>{p - first_out}</sub>", HIGHLIGHT)
        elif p == pattern.decoder_from:
            below(x, label("<bos>"), "#333")
        if p in read:
            arrow(x, 1.4, x, 1.8, HIGHLIGHT)
            notes.append(dict(x=x, y=2.0, text=f"ŷ<sub>{p - first_out + 1}</sub>", showarrow=False,
                              font=dict(size=13, color=HIGHLIGHT)))
    for i in range(len(slots) - 1):  # the hidden state passed along the row
        arrow(xs[i] + 0.3, 1, xs[i + 1] - 0.3, 1, EDGE,
              0.5 if slots[i] is None or slots[i + 1] is None else 1.0)
    if pattern.decoder_from is not None:
        notes.append(dict(x=(xs[n_enc - 1] + xs[n_enc]) / 2, y=1.45, text=html.escape(names["context"]),
                          showarrow=False, font=dict(size=11, color="#555")))
    fig = go.Figure(go.Scatter(x=cell_x, y=[1] * len(cell_x), mode="markers+text", text=cell_t,
                               textfont=dict(size=10, color="white"),
                               marker=dict(symbol="square", size=34, color=cell_c), hoverinfo="skip",
                               showlegend=False),
                    layout=dict(annotations=notes))
    fig.update_xaxes(visible=False, range=[-0.8, max(xs[-1], 3) + 0.8])
    fig.update_yaxes(visible=False, range=[-0.35, 2.25])
    _layout(fig, 200, title=dict(text=names["title"], font=dict(size=14)), plot_bgcolor="white")
    return fig.update_layout(margin=dict(l=10, r=10, t=36, b=6))


# --- 8. the parallel schedule --------------------------------------------------------------------


def schedule_grid(waves: np.ndarray, tokens: Sequence[str], row_names: Sequence[str],
                  title: str) -> go.Figure:
    """When each cell could run at the earliest, (L·D rows, T columns): equal numbers could run
    together; the largest number + 1 is the count of sequential steps."""
    L, D, T = waves.shape
    z = waves.reshape(L * D, T) + 1
    fig = go.Figure(go.Heatmap(
        z=z, x=np.arange(1, T + 1), y=np.arange(L * D), colorscale="Blues", showscale=False,
        xgap=2, ygap=2, texttemplate="%{z}" if T <= 32 else None, textfont=dict(size=11),
        hovertemplate="t = %{x}: wave %{z}<extra></extra>",
    ))
    fig.update_yaxes(tickvals=np.arange(L * D), ticktext=[html.escape(n) for n in row_names],
                     autorange="reversed")
    fig.update_xaxes(tickvals=np.arange(1, T + 1), ticktext=_token_ticks(tokens, _tick_step(T)))
    return _layout(fig, 110 + 34 * L * D + (40 if T <= 24 else 0),
                   title=dict(text=title, font=dict(size=14)))
