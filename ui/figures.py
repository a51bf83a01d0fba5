"""Plotly figure builders: pure functions from core's arrays to a ``go.Figure``.

No Streamlit here, so every figure can be built and checked in a test. Plotly renders a
subset of HTML in text, tick labels and hovers, so every piece of learner text passes
through ``label`` (HTML-escaped) before it reaches a figure.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import regex
from plotly.subplots import make_subplots

from core.text import SPECIALS

DIVERGING = "RdBu_r"
ONE_HOT_SCALE = [[0.0, "#f4f6fa"], [1.0, "#1f5fbf"]]
CELL_STATES = [[0.0, "#eceff4"], [0.33, "#eceff4"], [0.34, "#cfe0fb"], [0.66, "#cfe0fb"],
               [0.67, "#f6b26b"], [1.0, "#f6b26b"]]  # pad, known token, <unk>
HIGHLIGHT = "#e8590c"
ONE_HOT_MAX_COLS = 48  # a larger vocabulary shows only the one-hot columns in use
FONT = "Noto Sans KR, Noto Sans CJK KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"
# A token longer than this many characters is cut, with "…", where it labels a cell or a tick,
# so that one long word cannot overprint its neighbours or squeeze a heatmap; hovers show it whole.
LABEL_CHARS = 10


def label(token: str) -> str:
    """A token as Plotly may show it: HTML-escaped, invisible characters made visible."""
    if token == " ":
        return "␣"
    if token and all(unicodedata.category(ch)[0] in "ZC" for ch in token):
        return " ".join(f"U+{ord(ch):04X}" for ch in token)  # NBSP, ideographic space, ZWSP …
    return html.escape(token, quote=True)


def short_label(token: str, limit: int = LABEL_CHARS) -> str:
    """``label(token)`` cut to ``limit`` characters (whole graphemes) with "…" when longer."""
    graphemes = regex.findall(r"\X", token)
    if len(graphemes) > limit:
        token = "".join(graphemes[: limit - 1]) + "…"
    return label(token)


def escape(text: str) -> str:
    """Text for a Plotly title, legend or hover (which read a little HTML), shown as typed."""
    return html.escape(text, quote=False)


def _layout(fig: go.Figure, height: int, **kw: object) -> go.Figure:
    title = kw.get("title")
    if isinstance(title, dict) and isinstance(title.get("text"), str):
        title["text"] = escape(title["text"])
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10),
                      font=dict(family=FONT), **kw)
    return fig


def _outline(fig: go.Figure, x0: float, x1: float, y: float, **subplot: int) -> None:
    """An orange frame around cells x0…x1 of row y: the current step or the chosen row."""
    fig.add_shape(type="rect", x0=x0, x1=x1, y0=y - 0.5, y1=y + 0.5,
                  line=dict(color=HIGHLIGHT, width=3), **subplot)


def token_strip(tokens: Sequence[str], ids: np.ndarray, unk: np.ndarray,
                step: int | None = None, title: str = "") -> go.Figure:
    """One box per token: the token above, its id below, ``<unk>`` boxes in orange."""
    T = len(tokens)
    state = np.where(unk, 2, 1)[None, :]  # (1, T)
    text = [[f"{short_label(tok)}<br><b>{int(i)}</b>" for tok, i in zip(tokens, ids, strict=True)]]
    whole = [[f"{label(tok)}<br><b>{int(i)}</b>" for tok, i in zip(tokens, ids, strict=True)]]
    fig = go.Figure(go.Heatmap(
        z=state, zmin=0, zmax=2, colorscale=CELL_STATES, showscale=False, text=text,
        texttemplate="%{text}", textfont=dict(size=15), xgap=3, customdata=whole,
        hovertemplate="t = %{x}<br>%{customdata}<extra></extra>",
        x=np.arange(1, T + 1),
    ))
    if step is not None:
        _outline(fig, step - 0.5, step + 0.5, 0)
    fig.update_yaxes(visible=False)
    fig.update_xaxes(title_text="t", dtick=1 if T <= 32 else None)
    return _layout(fig, 150, title=dict(text=title, font=dict(size=14)))


def batch_grid(batch: np.ndarray, mask: np.ndarray, itos: Sequence[str],
               unk_rows: Sequence[np.ndarray], title: str = "") -> go.Figure:
    """The padded id matrix (N, T_max): a row per sentence i, ``<pad>`` cells grey."""
    N, T = batch.shape
    state = np.zeros((N, T))
    for i, unk in enumerate(unk_rows):
        state[i, : len(unk)] = np.where(unk, 2, 1)
    text = [[f"{short_label(itos[batch[i, t]])}<br><b>{batch[i, t]}</b>" for t in range(T)]
            for i in range(N)]
    fig = go.Figure(go.Heatmap(
        z=state, zmin=0, zmax=2, colorscale=CELL_STATES, showscale=False, text=text,
        texttemplate="%{text}" if T <= 24 else "<b>%{customdata}</b>", customdata=batch,
        textfont=dict(size=12), xgap=2, ygap=2, x=np.arange(1, T + 1), y=np.arange(1, N + 1),
        hovertemplate="i = %{y}, t = %{x}<br>%{text}<extra></extra>",
    ))
    fig.update_yaxes(title_text="i", autorange="reversed", dtick=1)
    fig.update_xaxes(title_text="t", dtick=1 if T <= 32 else None)
    return _layout(fig, 90 + 46 * N, title=dict(text=title, font=dict(size=14)))


def shown_vocab_columns(ids: np.ndarray, vocab_size: int, max_cols: int = ONE_HOT_MAX_COLS) -> np.ndarray:
    """All columns for a small vocabulary; otherwise the specials and the ids in use."""
    if vocab_size <= max_cols:
        return np.arange(vocab_size)
    return np.unique(np.concatenate([np.arange(len(SPECIALS)), ids]))


def one_hot_grid(tokens: Sequence[str], ids: np.ndarray, itos: Sequence[str],
                 step: int | None = None, max_cols: int = ONE_HOT_MAX_COLS, title: str = "") -> go.Figure:
    """The one-hot matrix (T, |V|); a large vocabulary shows only the columns in use."""
    cols = shown_vocab_columns(ids, len(itos), max_cols)
    z = (ids[:, None] == cols[None, :]).astype(float)  # (T, shown columns)
    ticks = [f"{short_label(itos[c])} ({c})" for c in cols]
    fig = go.Figure(go.Heatmap(
        z=z, zmin=0, zmax=1, colorscale=ONE_HOT_SCALE, showscale=False, xgap=1, ygap=1,
        x=np.arange(len(cols)), y=np.arange(1, len(tokens) + 1),
        customdata=[[ticks[j] for j in range(len(cols))] for _ in tokens],
        text=[[label(tok)] * len(cols) for tok in tokens],
        texttemplate="%{z:.0f}" if len(cols) * len(tokens) <= 900 else None,
        hovertemplate="t = %{y} (%{text})<br>%{customdata}: %{z:.0f}<extra></extra>",
    ))
    fig.update_xaxes(tickvals=np.arange(len(cols)), ticktext=ticks, tickangle=-60, side="top")
    fig.update_yaxes(tickvals=np.arange(1, len(tokens) + 1),
                     ticktext=[f"t={t} {short_label(tok)}" for t, tok in enumerate(tokens, 1)],
                     autorange="reversed")
    if step is not None:
        _outline(fig, -0.5, len(cols) - 0.5, step)
    return _layout(fig, 160 + 26 * len(tokens), title=dict(text=title, font=dict(size=14),
                                                            y=0.99, yanchor="top"))


def embedding_lookup(token_id: int, E: np.ndarray, itos: Sequence[str],
                     titles: tuple[str, str, str]) -> go.Figure:
    """e_idᵀ E = E[id]: the one-hot vector (drawn as a column beside E), E with row id
    outlined, and the row it picks out."""
    V, d = E.shape
    one_hot = np.zeros((V, 1))
    one_hot[token_id, 0] = 1.0
    lim = float(np.max(np.abs(E))) or 1.0
    fig = make_subplots(rows=1, cols=3, column_widths=[0.08, 0.62, 0.30], horizontal_spacing=0.06,
                        subplot_titles=[escape(title) for title in titles])
    rows = np.arange(V)
    names = [f"{label(tok)} ({i})" for i, tok in enumerate(itos)]
    fig.add_trace(go.Heatmap(
        z=one_hot, y=rows, colorscale=ONE_HOT_SCALE, zmin=0, zmax=1, showscale=False, ygap=1,
        customdata=[[n] for n in names], hovertemplate="%{customdata}: %{z:.0f}<extra></extra>",
    ), row=1, col=1)
    fig.add_trace(go.Heatmap(
        z=E, y=rows, x=np.arange(1, d + 1), colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim,
        ygap=1, xgap=1, colorbar=dict(len=0.8, thickness=12),
        customdata=[[n] * d for n in names],
        texttemplate="%{z:.2f}" if V * d <= 400 else None,
        hovertemplate="%{customdata}, j = %{x}: %{z:.4f}<extra></extra>",
    ), row=1, col=2)
    fig.add_trace(go.Heatmap(
        z=E[token_id][None, :], x=np.arange(1, d + 1), y=[0], colorscale=DIVERGING,
        zmin=-lim, zmax=lim, showscale=False, xgap=1, texttemplate="%{z:.3f}",
        hovertemplate="j = %{x}: %{z:.6f}<extra></extra>",
    ), row=1, col=3)
    _outline(fig, -0.5, 0.5, token_id, row=1, col=1)
    _outline(fig, 0.5, d + 0.5, token_id, row=1, col=2)
    show_names = V <= 40
    for col in (1, 2):
        fig.update_yaxes(autorange="reversed", row=1, col=col, tickvals=rows if show_names else None,
                         ticktext=names if show_names else None, showticklabels=col == 1)
    fig.update_xaxes(showticklabels=False, row=1, col=1)
    fig.update_xaxes(title_text="j", dtick=1, row=1, col=2)
    fig.update_xaxes(title_text="j", dtick=1, row=1, col=3)
    fig.update_yaxes(visible=False, row=1, col=3)
    return _layout(fig, int(min(620, 140 + 16 * V)))


def embedding_growth(tokens: Sequence[str], vectors: np.ndarray, title: str,
                     play: str, pause: str) -> go.Figure:
    """The embedded sentence (T, d) filling in row by row, animated in the browser."""
    T, d = vectors.shape
    lim = float(np.max(np.abs(vectors))) or 1.0
    ticks = [f"t={t} {label(tok)}" for t, tok in enumerate(tokens, 1)]

    def rows_up_to(k: int) -> go.Heatmap:
        z = np.full((T, d), np.nan)
        z[:k] = vectors[:k]
        return go.Heatmap(z=z, x=np.arange(1, d + 1), y=np.arange(1, T + 1), colorscale=DIVERGING,
                          zmin=-lim, zmax=lim, xgap=1, ygap=1, colorbar=dict(thickness=12),
                          texttemplate="%{z:.2f}" if T * d <= 300 else None,
                          hovertemplate="t = %{y}, j = %{x}: %{z:.4f}<extra></extra>")

    fig = go.Figure(data=[rows_up_to(T)],
                    frames=[go.Frame(data=[rows_up_to(k)], name=str(k)) for k in range(1, T + 1)])
    fig.update_yaxes(tickvals=np.arange(1, T + 1), ticktext=ticks, autorange="reversed")
    fig.update_xaxes(title_text="j", dtick=1)
    frame_args = dict(frame=dict(duration=350, redraw=True), transition=dict(duration=0),
                      fromcurrent=True, mode="immediate")
    fig.update_layout(
        updatemenus=[dict(type="buttons", direction="left", x=0, y=1.02, xanchor="left",
                          yanchor="bottom", showactive=False, buttons=[
                              dict(label=f"▶ {play}", method="animate", args=[None, frame_args]),
                              dict(label=f"⏸ {pause}", method="animate",
                                   args=[[None], dict(frame=dict(duration=0, redraw=False),
                                                      mode="immediate")]),
                          ])],
        sliders=[dict(active=T - 1, x=0.1, len=0.9, y=-0.08, yanchor="top", pad=dict(t=30),
                      currentvalue=dict(prefix="t = "), steps=[
                          dict(label=str(k), method="animate",
                               args=[[str(k)], dict(frame=dict(duration=0, redraw=True),
                                                    mode="immediate")])
                          for k in range(1, T + 1)])],
    )
    _layout(fig, 260 + 24 * T, title=dict(text=title, font=dict(size=14), x=0.3))
    fig.update_layout(margin=dict(b=90))
    return fig

