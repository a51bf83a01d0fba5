"""Figures of the "Self-attention" page: pure functions from core's arrays to a ``go.Figure``.

Every token label passes through ``ui.figures.label`` (HTML-escaped, invisible characters made
visible); titles from the string tables are escaped too. Nothing here computes attention: the
numbers are the trace's, only arranged for the eye.

Speed matters because the step player redraws several of these figures twice a second while
playing: panels of several matrices are tiled on *one* pair of axes (``_tile``) instead of
Plotly subplots, whose axis objects are slow to build, and per-cell strings go in as NumPy
arrays, which Plotly validates in one pass instead of cell by cell.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from ui.figures import DIVERGING, HIGHLIGHT, short_label
from ui.figures import _layout as _base_layout

WEIGHTS = "Blues"
HEAD_COLORS = ("#1f5fbf", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#0b7285", "#e67700", "#495057")
GHOST = "#adb5bd"
TITLE_FONT = dict(size=13, color="#495057")
LABEL_MAX_T = 24  # every token gets a tick label up to this many tokens (the page's cap)
GAP_X, GAP_Y = 1.2, 2.4  # space between tiled panels, in cells (GAP_Y leaves room for a title)


def _layout(fig: go.Figure, height: int, top: int = 40, **kw: object) -> go.Figure:
    """The house layout (font, escaped title), with room ``top`` above the plot."""
    _base_layout(fig, height, **kw)
    fig.update_layout(margin_t=top)
    return fig


def _ticks(tokens: Sequence[str]) -> list[str]:
    """'t token' for every position, escaped, a long token cut with "…"."""
    return [f"{t} {short_label(tok)}" for t, tok in enumerate(tokens, 1)]


def _lim(*arrays: np.ndarray) -> float:
    """The largest finite |value| of all arrays: one symmetric colour scale for all of them."""
    peak = 0.0
    for a in arrays:
        finite = np.abs(np.asarray(a, dtype=float))
        finite = finite[np.isfinite(finite)]
        if finite.size:
            peak = max(peak, float(finite.max()))
    return peak or 1.0


def _tile(grid: Sequence[Sequence[np.ndarray]]) -> list[list[tuple[float, float]]]:
    """Top-left cell (x0, y0) of every matrix of a grid drawn on one pair of axes (y grows down)."""
    n_cols = max(len(row) for row in grid)
    widths = [max(row[c].shape[1] for row in grid if c < len(row)) for c in range(n_cols)]
    x0 = np.concatenate([[0.0], np.cumsum(np.array(widths, dtype=float) + GAP_X)[:-1]])
    offsets, y0 = [], 0.0
    for row in grid:
        offsets.append([(float(x0[c]), y0) for c in range(len(row))])
        y0 += max(m.shape[0] for m in row) + GAP_Y
    return offsets


def _cells(z: np.ndarray, x0: float, y0: float, **kw: Any) -> go.Heatmap:
    """One matrix as a heatmap whose cell (i, j) sits at (x0 + j, y0 + i)."""
    rows, cols = z.shape
    return go.Heatmap(z=z, x=x0 + np.arange(cols), y=y0 + np.arange(rows), xgap=1, ygap=1, **kw)


def _title(text: str, x0: float, y0: float, cols: int) -> dict:
    """A panel title centred above the panel whose top-left cell is (x0, y0)."""
    return dict(text=html.escape(text), x=x0 + (cols - 1) / 2, y=y0 - 0.6, xref="x", yref="y",
                showarrow=False, yanchor="bottom", font=TITLE_FONT)


def _frame(x0: float, x1: float, y0: float, y1: float) -> dict:
    """An orange rectangle around cells x0…x1, y0…y1 (inclusive cell indices)."""
    return dict(type="rect", x0=x0 - 0.5, x1=x1 + 0.5, y0=y0 - 0.5, y1=y1 + 0.5, xref="x", yref="y",
                line=dict(color=HIGHLIGHT, width=3))


def _hover(row_labels: Sequence[str], cols: int, col_name: str = "j") -> np.ndarray:
    """(rows, cols) hover labels 'row label, j = c' as one NumPy string array."""
    rows = np.array(list(row_labels), dtype=object)[:, None]
    cols_ = np.array([f", {col_name} = {c}" for c in range(1, cols + 1)], dtype=object)[None, :]
    return (rows + cols_).astype(str)


def _plain_axes(fig: go.Figure, y_ticks: tuple[list[float], list[str]] | None,
                x_ticks: tuple[list[float], list[str]] | None, tickangle: int = 0) -> None:
    """Tiled figures: no grid, y downwards, ticks only where given."""
    fig.update_layout(
        plot_bgcolor="white",
        xaxis=dict(showgrid=False, zeroline=False, showticklabels=x_ticks is not None,
                   tickvals=x_ticks[0] if x_ticks else None, ticktext=x_ticks[1] if x_ticks else None,
                   tickangle=tickangle, ticks=""),
        yaxis=dict(showgrid=False, zeroline=False, autorange="reversed", showticklabels=y_ticks is not None,
                   tickvals=y_ticks[0] if y_ticks else None, ticktext=y_ticks[1] if y_ticks else None,
                   ticks=""),
    )


def matrices(tokens: Sequence[str], panels: Sequence[Sequence[tuple[str, np.ndarray]]]) -> go.Figure:
    """Rows of (T, width) matrices, a row per token, on one diverging colour scale.

    ``panels`` is a grid: a list of figure rows, each a list of (title, array) pairs.
    """
    T = len(tokens)
    grid = [[a for _, a in row] for row in panels]
    offsets = _tile(grid)
    lim = _lim(*(a for row in grid for a in row))
    ticks = _ticks(tokens)
    data, titles = [], []
    first = True
    for row, row_offsets in zip(panels, offsets, strict=True):
        for (title, a), (x0, y0) in zip(row, row_offsets, strict=True):
            width = a.shape[1]
            data.append(_cells(
                a, x0, y0, colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim, showscale=first,
                colorbar=dict(thickness=12, len=min(1.0, 0.9 / len(panels) + 0.1)),
                texttemplate="%{z:.2f}" if T * width <= 120 and len(row) <= 3 else None,
                customdata=_hover(ticks, width), hovertemplate="%{customdata}: %{z:.4f}<extra></extra>"))
            titles.append(_title(title, x0, y0, width))
            first = False
    y_vals = [y0 + i for row_offsets in offsets for (_, y0) in row_offsets[:1] for i in range(T)]
    x_vals = [x0 + j for (x0, _), a in zip(offsets[-1], grid[-1], strict=True) for j in range(a.shape[1])]
    x_text = [str(j + 1) for a in grid[-1] for j in range(a.shape[1])]
    fig = go.Figure(data=data)
    fig.update_layout(annotations=titles)
    _plain_axes(fig, (y_vals, ticks * len(panels)), (x_vals, x_text))
    return _layout(fig, 60 + len(panels) * (70 + 22 * T), top=30)


def score_bars(tokens: Sequence[str], query: int, values: np.ndarray, title: str,
               ghost: np.ndarray | None = None, names: tuple[str, str] = ("", "")) -> go.Figure:
    """One bar per key j for query ``query`` (0-based): q·k_j, or q·k_j/√d_k with q·k_j ghosted."""
    T = len(tokens)
    x = np.arange(1, T + 1)
    ticks = np.array(_ticks(tokens))
    data = []
    if ghost is not None:
        data.append(go.Bar(x=x, y=ghost, name=html.escape(names[0]), marker_color=GHOST, opacity=0.55,
                           customdata=ticks, hovertemplate="%{customdata}: %{y:.4f}<extra></extra>"))
    outline = np.where(np.arange(T) == query, HIGHLIGHT, "rgba(0,0,0,0)")
    data.append(go.Bar(
        x=x, y=values, name=html.escape(names[1]),
        marker=dict(color="#1f5fbf", line=dict(color=outline, width=3)),
        text=np.array([f"{v:.{3 if T <= 12 else 2}f}" for v in values]), textposition="outside",
        cliponaxis=False,
        customdata=ticks, hovertemplate="%{customdata}: %{y:.6f}<extra></extra>",
    ))
    fig = go.Figure(data=data)
    fig.update_layout(
        barmode="overlay", showlegend=ghost is not None,
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
        xaxis=dict(tickvals=x, ticktext=list(ticks), tickangle=-40 if T > 8 else 0),
        yaxis=dict(zeroline=True, zerolinecolor="#868e96"),
    )
    return _layout(fig, 330, title=dict(text=title, font=dict(size=14)))


def softmax_bars(tokens: Sequence[str], query: int, weights: np.ndarray, title: str,
                 total: str) -> go.Figure:
    """The weights a_tj of one query as bars in [0, 1], with their sum written above."""
    fig = score_bars(tokens, query, weights, title)
    fig.update_traces(marker_color="#2b8a3e")
    fig.update_layout(yaxis_range=[0, 1.12], annotations=[dict(
        text=html.escape(total), xref="paper", yref="paper", x=1, y=1.0, xanchor="right",
        yanchor="bottom", showarrow=False, font=dict(size=14, color="#2b8a3e"))])
    return fig


def weighted_values(tokens: Sequence[str], query: int, weights: np.ndarray, V: np.ndarray,
                    z: np.ndarray, titles: tuple[str, str]) -> go.Figure:
    """a_tj · v_j for every key j (T, d) above their column sums z_t (1, d)."""
    T, d = V.shape
    contrib = weights[:, None] * V  # (T, d)  row j scaled by its weight
    lim = _lim(contrib, z)
    (top,), (bottom,) = _tile([[contrib], [z[None, :]]])
    ticks = [f"{tick}  (a = {w:.3f})" for tick, w in zip(_ticks(tokens), weights, strict=True)]
    hover = _hover(ticks, d, "m").astype(object) + np.array(
        [[f"<br>v = {V[j, m]:.4f}" for m in range(d)] for j in range(T)], dtype=object)
    fig = go.Figure(data=[
        _cells(contrib, *top, colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim,
               colorbar=dict(thickness=12), texttemplate="%{z:.3f}" if T * d <= 160 else None,
               customdata=hover.astype(str), hovertemplate="%{customdata}<br>a·v = %{z:.6f}<extra></extra>"),
        _cells(z[None, :], *bottom, colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim, showscale=False,
               texttemplate="%{z:.3f}", customdata=_hover([f"z (t = {query + 1})"], d, "m"),
               hovertemplate="%{customdata}: %{z:.6f}<extra></extra>"),
    ])
    fig.update_layout(annotations=[_title(titles[0], *top, d), _title(titles[1], *bottom, d)],
                      shapes=[_frame(0, d - 1, query, query)])
    _plain_axes(fig, ([top[1] + j for j in range(T)] + [bottom[1]], [*ticks, f"z<sub>{query + 1}</sub>"]),
                (list(range(d)), [str(m) for m in range(1, d + 1)]))
    return _layout(fig, 150 + 26 * T, top=30)


def head_heatmaps(tokens: Sequence[str], weights: np.ndarray, query: int | None,
                  titles: Sequence[str]) -> go.Figure:
    """Every head's (T, T) weights side by side: row = query t, column = key j; the query row framed."""
    h, T, _ = weights.shape
    (offsets,) = _tile([list(weights)])
    ticks = _ticks(tokens)
    top = _top(weights)
    names = np.array(ticks, dtype=object)
    pair = (names[:, None] + " → " + names[None, :]).astype(str)
    data, notes, shapes = [], [], []
    for c, (x0, y0) in enumerate(offsets):
        data.append(_cells(weights[c], x0, y0, colorscale=WEIGHTS, zmin=0, zmax=top, showscale=c == h - 1,
                           colorbar=dict(thickness=12), texttemplate="%{z:.2f}" if T * h <= 24 else None,
                           customdata=pair, hovertemplate="%{customdata}<br>a = %{z:.4f}<extra></extra>"))
        notes.append(_title(titles[c], x0, y0, T))
        if query is not None:
            shapes.append(_frame(x0, x0 + T - 1, query, query))
    names = h * T <= 40  # token names under the columns while they fit, positions otherwise
    every = 1 if names or h * T <= 48 else int(np.ceil(h * T / 48))
    x_vals = [x0 + j for x0, _ in offsets for j in range(T) if j % every == 0]
    x_text = [ticks[j] if names else str(j + 1) for _ in offsets for j in range(T) if j % every == 0]
    fig = go.Figure(data=data)
    fig.update_layout(annotations=notes, shapes=shapes)
    _plain_axes(fig, (list(range(T)), ticks), (x_vals, x_text), tickangle=-60 if names else 0)
    return _layout(fig, 110 + 22 * T + (70 if names else 0), top=30)


def _top(weights: np.ndarray | Sequence[np.ndarray]) -> float:
    """The colour-scale top for attention weights: their largest value, so that the rows of a long
    sentence (every weight near 1/T) still show their pattern. The colour bar gives the number."""
    return max((float(np.max(w)) for w in weights), default=1.0) or 1.0


def _buckets(w: np.ndarray, n: int = 8) -> np.ndarray:
    """Weight -> line-width bucket 0 … n (a Plotly trace has one width, so lines are grouped)."""
    return np.clip(np.rint(w * n), 0, n).astype(int)


def line_view(tokens: Sequence[str], weights: np.ndarray, query: int, head_names: Sequence[str],
              title: str) -> go.Figure:
    """BertViz-style lines from each query (left) to each key (right); width ∝ weight.

    The chosen query's lines are drawn strong, the others faint; one colour per head (each
    head shifted a little so overlaid heads stay visible), and the legend hides or shows a head.
    Hovering near the left end of a strong line gives its number.
    """
    h, T, _ = weights.shape
    n = 8
    ticks = _ticks(tokens)
    data = []
    for c in range(h):
        color = HEAD_COLORS[c % len(HEAD_COLORS)]
        group = f"head{c}"
        dy = 0.09 * (c - (h - 1) / 2)
        in_legend = False
        for strong in (False, True):
            # The current query's lines in 9 widths; the faint rest in 3, which is cheaper to draw.
            levels = n if strong else 3
            rows = [query] if strong else [i for i in range(T) if i != query]
            bucket = _buckets(weights[c], levels)  # (T, T)
            for b in range(0 if strong else 1, levels + 1):
                xs: list[float | None] = []
                ys: list[float | None] = []
                for i in rows:
                    for j in np.nonzero(bucket[i] == b)[0]:
                        xs += [0.0, 1.0, None]
                        ys += [i + dy, float(j) + dy, None]
                if not xs:
                    continue
                data.append(go.Scatter(
                    x=xs, y=ys, mode="lines", hoverinfo="skip", legendgroup=group,
                    name=html.escape(head_names[c]), showlegend=strong and not in_legend,
                    line=dict(color=color, width=(0.6 + 1.2 * b) if strong else 0.4 + 1.2 * b),
                    opacity=0.85 if strong else 0.13,
                ))
                in_legend = in_legend or strong
        # Hover targets on the current query's lines only (T per head, not T²: every marker is an
        # SVG element the browser redraws at each step), a quarter of the way along, where they fan out.
        s = 0.25
        jj = np.arange(T)
        labels = np.array(ticks, dtype=object)
        data.append(go.Scatter(
            x=np.full(T, s), y=query + s * (jj - query) + dy, mode="markers",
            marker=dict(size=9, color=color, opacity=0.0), legendgroup=group, showlegend=False,
            customdata=(html.escape(head_names[c]) + ": " + labels[query] + " → " + labels).astype(str),
            text=np.array([f"{w:.4f}" for w in weights[c, query]]),
            hovertemplate="%{customdata}<br>a = %{text}<extra></extra>",
        ))
    colors = np.where(np.arange(T) == query, HIGHLIGHT, "#212529")
    for side, x in (("left", -0.02), ("right", 1.02)):
        data.append(go.Scatter(
            x=np.full(T, x), y=np.arange(T, dtype=float), mode="text", text=np.array(ticks), showlegend=False,
            textposition=f"middle {side}", hoverinfo="skip",
            textfont=dict(size=13, color=colors if side == "left" else "#212529"),
        ))
    fig = go.Figure(data=data)
    fig.update_layout(
        xaxis=dict(visible=False, range=[-0.6, 1.6]), yaxis=dict(visible=False, autorange="reversed"),
        legend=dict(orientation="h", y=1.0, x=0.5, xanchor="center", yanchor="bottom"),
        hovermode="closest", plot_bgcolor="white",
    )
    return _layout(fig, 120 + 26 * T, title=dict(text=title, font=dict(size=14)))


def pipeline(T: int, E: int, h: int, d_k: int, ops: dict[str, str]) -> go.Figure:
    """The multi-head pipeline as boxes and arrows, with the real shape in every box and on the arrows.

    ``ops`` names the operations in the page's language (keys: proj, split, attend, mix, concat,
    out, addnorm). The path runs left to right on top, then right to left underneath.
    """
    nodes = {  # name: (x, y, box text)
        "X": (0, 1, f"<b>X</b><br>({T}, {E})"),
        "QKV": (1, 1, f"<b>Q, K, V</b><br>3 × ({T}, {E})"),
        "heads_in": (2, 1, f"<b>Q<sub>i</sub>, K<sub>i</sub>, V<sub>i</sub></b><br>{h} × ({T}, {d_k})"),
        "A": (3, 1, f"<b>A<sub>i</sub></b><br>{h} × ({T}, {T})"),
        "heads": (3, 0, f"<b>head<sub>i</sub></b><br>{h} × ({T}, {d_k})"),
        "concat": (2, 0, f"<b>concat</b><br>({T}, {h}·{d_k}) = ({T}, {E})"),
        "out": (1, 0, f"<b>MultiHead(X)</b><br>({T}, {E})"),
        "norm": (0, 0, f"<b>LayerNorm</b><br>({T}, {E})"),
    }
    op = {k: html.escape(v) for k, v in ops.items()}
    edges = (  # from, to, operation text
        ("X", "QKV", f"{op['proj']}<br>W<sub>Q</sub>, W<sub>K</sub>, W<sub>V</sub><br>({E}, {E})"),
        ("QKV", "heads_in", f"{op['split']}<br>{E} = {h} × {d_k}"),
        ("heads_in", "A", f"{op['attend']}<br>softmax<br>(Q<sub>i</sub>K<sub>i</sub><sup>T</sup>/√{d_k})"),
        ("A", "heads", f"{op['mix']}: A<sub>i</sub>V<sub>i</sub><br>({T}, {T})·({T}, {d_k})"),
        ("heads", "concat", op["concat"]),
        ("concat", "out", f"{op['out']}<br>W<sub>O</sub> ({E}, {E})"),
        ("out", "norm", f"{op['addnorm']}<br>X + MultiHead(X)"),
    )
    w, hgt = 0.25, 0.17
    shapes = [dict(type="rect", x0=x - w, x1=x + w, y0=y - hgt, y1=y + hgt, xref="x", yref="y",
                   line=dict(color="#1f5fbf", width=2), fillcolor="#e7f0fd", layer="below")
              for x, y, _ in nodes.values()]
    notes = [dict(x=x, y=y, text=text, showarrow=False, font=dict(size=13)) for x, y, text in nodes.values()]
    for a, b, text in edges:
        (x0, y0, _), (x1, y1, _) = nodes[a], nodes[b]
        if y0 == y1:  # horizontal: leave the box edge, stop at the next one; text above the arrow
            sx, ex = (x0 + w, x1 - w) if x1 > x0 else (x0 - w, x1 + w)
            sy = ey = y0
            tx, ty, xanchor, yanchor = (sx + ex) / 2, y0 + 0.03, "center", "bottom"
        else:  # vertical, down the right-hand column; text to its right
            sx = ex = x0
            sy, ey = y0 - hgt, y1 + hgt
            tx, ty, xanchor, yanchor = x0 + 0.04, (sy + ey) / 2, "left", "middle"
        notes.append(dict(x=ex, y=ey, ax=sx, ay=sy, xref="x", yref="y", axref="x", ayref="y", text="",
                          showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=2, arrowcolor="#495057"))
        notes.append(dict(x=tx, y=ty, text=text, showarrow=False, xanchor=xanchor, yanchor=yanchor,
                          font=dict(size=11, color="#495057"), bgcolor="rgba(255,255,255,0.85)"))
    fig = go.Figure()
    fig.update_layout(shapes=shapes, annotations=notes, plot_bgcolor="white",
                      xaxis=dict(visible=False, range=[-0.3, 3.9]),
                      yaxis=dict(visible=False, range=[-0.25, 1.45]))
    return _layout(fig, 400)


def context_weights(sentences: Sequence[Sequence[str]], positions: Sequence[int],
                    weights: Sequence[np.ndarray], titles: Sequence[str]) -> go.Figure:
    """For each sentence, the chosen word's attention over its tokens: a row per head (h, T)."""
    (offsets,) = _tile([list(weights)])
    data, notes, shapes, x_vals, x_text = [], [], [], [], []
    h = weights[0].shape[0]
    top = _top(weights)
    for k, (tokens, pos, w, (x0, y0)) in enumerate(zip(sentences, positions, weights, offsets, strict=True)):
        T = w.shape[1]
        ticks = _ticks(tokens)
        heads = np.array([f"head {c}" for c in range(1, h + 1)], dtype=object)[:, None]
        data.append(_cells(w, x0, y0, colorscale=WEIGHTS, zmin=0, zmax=top, showscale=k == 0,
                           colorbar=dict(thickness=12), texttemplate="%{z:.2f}" if T <= 12 else None,
                           customdata=(heads + " → " + np.array(ticks, dtype=object)[None, :]).astype(str),
                           hovertemplate="%{customdata}: %{z:.4f}<extra></extra>"))
        notes.append(_title(titles[k], x0, y0, T))
        shapes.append(_frame(x0 + pos, x0 + pos, 0, h - 1))
        x_vals += [x0 + j for j in range(T)]
        x_text += ticks
    fig = go.Figure(data=data)
    fig.update_layout(annotations=notes, shapes=shapes)
    _plain_axes(fig, (list(range(h)), [f"head {c}" for c in range(1, h + 1)]), (x_vals, x_text),
                tickangle=-50)
    return _layout(fig, 170 + 30 * h, top=30)


def context_vectors(names: Sequence[str], vectors: np.ndarray, title: str) -> go.Figure:
    """Output vectors of the same word (rows, E columns): pairs A/B, one pair per model."""
    n, E = vectors.shape
    lim = _lim(vectors)
    ticks = [html.escape(name) for name in names]
    fig = go.Figure(_cells(
        vectors, 0, 0, colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim, colorbar=dict(thickness=12),
        texttemplate="%{z:.2f}" if E <= 16 else None, customdata=_hover(ticks, E),
        hovertemplate="%{customdata}: %{z:.6f}<extra></extra>",
    ))
    fig.update_layout(shapes=[dict(type="line", x0=-0.5, x1=E - 0.5, y0=k - 0.5, y1=k - 0.5, xref="x",
                                   yref="y", line=dict(color="#212529", width=2)) for k in range(2, n, 2)])
    _plain_axes(fig, (list(range(n)), ticks), (list(range(E)), [str(j) for j in range(1, E + 1)]))
    return _layout(fig, 110 + 30 * n, title=dict(text=title, font=dict(size=14)))


def permutation_grid(tokens_permuted: Sequence[str], rows: Sequence[tuple[np.ndarray, np.ndarray]],
                     titles: Sequence[str], row_names: Sequence[str]) -> go.Figure:
    """Per condition (a figure row): P f(x) | f(P x) | their difference, each (T, E)."""
    panels = [[(f"{title} · {name}", a) for title, a in zip(titles, (moved, recomputed, recomputed - moved),
                                                             strict=True)]
              for name, (moved, recomputed) in zip(row_names, rows, strict=True)]
    return matrices(tokens_permuted, panels)


def single_head(tokens: Sequence[str], Q: np.ndarray, K: np.ndarray, weights: np.ndarray,
                V: np.ndarray, Z: np.ndarray, names: Sequence[str]) -> go.Figure:
    """Q (T, d_k), Kᵀ (d_k, T), A (T, T), V (T, d_v), Z = A V (T, d_v): each titled with its shape."""
    T = Q.shape[0]
    mats = (Q, K.T, weights, V, Z)
    (offsets,) = _tile([list(mats)])
    lim = _lim(Q, K, V, Z)
    data, notes = [], []
    for k, (a, name, (x0, y0)) in enumerate(zip(mats, names, offsets, strict=True)):
        is_weights = k == 2
        data.append(_cells(
            a, x0, y0, colorscale=WEIGHTS if is_weights else DIVERGING, zmid=None if is_weights else 0,
            zmin=0 if is_weights else -lim, zmax=_top([a]) if is_weights else lim, showscale=False,
            customdata=_hover([f"{name} row {i}" for i in range(1, a.shape[0] + 1)], a.shape[1], "col"),
            hovertemplate="%{customdata}: %{z:.4f}<extra></extra>"))
        notes.append(_title(f"{name} ({a.shape[0]}×{a.shape[1]})", x0, y0, a.shape[1]))
    fig = go.Figure(data=data)
    fig.update_layout(annotations=notes)
    _plain_axes(fig, (list(range(T)), _ticks(tokens)), None)
    return _layout(fig, 90 + 22 * max(T, Q.shape[1]), top=30)
