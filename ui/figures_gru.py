"""Plotly figures of the page "GRU": pure functions from core's arrays to a ``go.Figure``.

Learner text (tokens) reaches Plotly only through ``figures.label``; titles and names come
from the i18n tables and are HTML-escaped too, so a figure never renders markup it was given.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import ClassVar

import numpy as np
import plotly.graph_objects as go

from ui.figures import DIVERGING, HIGHLIGHT, _layout, label

GATE_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]  # gates live in (0, 1)
POSITIVE, NEGATIVE, WIRE, RAIL = "#c0392b", "#1f5fbf", "#6b7280", "#1f5fbf"
MAX_TICK_TOKENS = 32  # longer texts show step numbers only on the time axis
KEPT, WRITTEN = "#1f5fbf", "#f08c00"


def time_ticks(tokens: Sequence[str]) -> list[str]:
    """Axis labels for steps: "t token" (escaped), or just t for long texts."""
    if len(tokens) > MAX_TICK_TOKENS:
        return [str(t) for t in range(1, len(tokens) + 1)]
    return [f"{t} {label(tok)}" for t, tok in enumerate(tokens, 1)]


def signed(v: float) -> str:
    """A wire's number: sign always shown, three decimals, no "−0.000"."""
    return f"{round(v, 3) + 0.0:+.3f}".replace("-", "−")


# --- the cell diagram -----------------------------------------------------------------------

# Where things sit on a 13 × 7.7 canvas: the state rail on top, the two input buses below.
_TOP, _HBUS, _XBUS = 6.2, 1.5, 0.7
_Z, _R, _WHN, _WIN = 2.6, 4.6, 6.7, 9.2  # x of the z gate, r gate, W_hn box, candidate column
_OUT, _RIGHT = 11.4, 12.7  # the output branch, the right edge of the rail
_M2_Y, _M3_Y = 4.0, 5.1  # r ⊙ (…) and (1 − z) ⊙ h̃
_NODE_R = 0.28
TILDE_H = "h<sup>~</sup>"  # a combining tilde over h draws as a flat bar in small SVG text


def _math(text: str) -> str:
    """Escape a label from the i18n tables and draw its h̃ legibly."""
    return html.escape(text).replace("h̃", TILDE_H)


class _Canvas:
    """A diagram drawn cheaply: box outlines as layout shapes, every text and arrowhead as one
    point of a single scatter trace. Plotly draws hundreds of scatter points faster than a
    few dozen annotations, and a step redraws this figure."""

    _POSITION: ClassVar[dict[str, str]] = {
        "center": "middle center", "left": "middle right", "right": "middle left"}

    def __init__(self) -> None:
        self.shapes: list[dict] = []
        self.texts: list[tuple[float, float, str, int, str, str]] = []  # x, y, text, size, color, pos
        self.heads: list[tuple[float, float, float, str]] = []  # x, y, angle, color

    def box(self, cx: float, cy: float, w: float, h: float, text: str, fill: str) -> None:
        self.shapes.append(dict(type="rect", x0=cx - w / 2, x1=cx + w / 2, y0=cy - h / 2, y1=cy + h / 2,
                                fillcolor=fill, line=dict(color="#374151", width=1.5), layer="below"))
        self.text(cx, cy, text, size=13)

    def node(self, cx: float, cy: float, text: str) -> None:
        self.shapes.append(dict(type="circle", x0=cx - _NODE_R, x1=cx + _NODE_R, y0=cy - _NODE_R,
                                y1=cy + _NODE_R, fillcolor="white", line=dict(color="#374151", width=1.5),
                                layer="below"))
        self.text(cx, cy, text, size=14)

    def text(self, x: float, y: float, text: str, size: int = 14, anchor: str = "center",
             color: str = "#111827") -> None:
        self.texts.append((x, y, text, size, color, self._POSITION[anchor]))

    def arrow(self, x0: float, y0: float, x1: float, y1: float, color: str = WIRE) -> None:
        """An arrowhead at (x1, y1) pointing away from (x0, y0), at the end of a wire."""
        angle = float(np.degrees(np.arctan2(x1 - x0, y1 - y0)))  # clockwise from "up"
        back = 0.1  # the triangle's centre sits a little before the wire's end
        length = float(np.hypot(x1 - x0, y1 - y0)) or 1.0
        self.heads.append((x1 - back * (x1 - x0) / length, y1 - back * (y1 - y0) / length, angle, color))

    def value(self, x: float, y: float, name: str, v: float, anchor: str = "center") -> None:
        shown, r = signed(v), round(v, 3)
        color = POSITIVE if r > 0 else NEGATIVE if r < 0 else "#111827"
        self.text(x, y, f"{name} <b>{shown}</b>" if name else f"<b>{shown}</b>", 12, anchor, color)

    def traces(self) -> list[go.Scatter]:
        xs, ys, texts, sizes, colors, positions = zip(*self.texts, strict=True)
        hx, hy, angles, hcolors = zip(*self.heads, strict=True)
        return [
            go.Scatter(x=hx, y=hy, mode="markers", hoverinfo="skip", showlegend=False,
                       marker=dict(symbol="triangle-up", size=10, angle=list(angles), color=list(hcolors))),
            go.Scatter(x=xs, y=ys, mode="text", text=list(texts), textposition=list(positions),
                       textfont=dict(size=list(sizes), color=list(colors)), hoverinfo="skip",
                       showlegend=False),
        ]


def cell_diagram(v: Mapping[str, float], names: Mapping[str, str], title: str = "") -> go.Figure:
    """The GRU cell in PyTorch's form, with unit j's numbers of this step on its wires.

    ``v`` holds scalars under the keys h_prev, r, z, one_minus_z, hn (W_hn h_{t-1} + b_hn),
    reset (r ⊙ hn), xn (W_in x_t + b_in), n, keep (z ⊙ h_{t-1}), write ((1 − z) ⊙ h̃), h.
    ``names`` labels the boxes: "reset", "update", "candidate", "x", "out".
    """
    n = {k: _math(s) for k, s in names.items()}
    fig, c = go.Figure(), _Canvas()
    wires: list[tuple[float, float, float, float]] = [
        (0.9, _TOP, 0.9, _HBUS), (0.9, _HBUS, _WHN, _HBUS),  # h_{t-1} down to its bus
        (1.7, 0.0, 1.7, _XBUS), (1.7, _XBUS, _WIN, _XBUS),  # x_t into its bus
        (_Z, _XBUS, _Z, 2.5), (_R, _XBUS, _R, 2.5),  # both gates read x_t and h_{t-1}
        (_WHN, _HBUS, _WHN, 2.25), (_WHN, 2.95, _WHN, _M2_Y - _NODE_R),  # W_hn h + b_hn, up to ⊙
        (_R, 3.3, _R, _M2_Y), (_R, _M2_Y, _WHN - _NODE_R, _M2_Y),  # r over to the same ⊙
        (_WHN + _NODE_R, _M2_Y, _WIN - 0.85, _M2_Y),  # r ⊙ (…) into tanh
        (_WIN, _XBUS, _WIN, 1.95), (_WIN, 2.65, _WIN, _M2_Y - 0.4),  # W_in x + b_in into tanh
        (_WIN, _M2_Y + 0.4, _WIN, _M3_Y - _NODE_R),  # h̃ up to (1 − z) ⊙
        (_Z, 3.3, _Z, _TOP - _NODE_R),  # z up to the keep ⊙ on the rail
        (_Z, _M3_Y, _WHN - _NODE_R, _M3_Y), (_WHN + _NODE_R, _M3_Y, _WIN - _NODE_R, _M3_Y),  # 1 − z
        (_WIN, _M3_Y + _NODE_R, _WIN, _TOP - _NODE_R),  # (1 − z) ⊙ h̃ up to +
        (_OUT, _TOP, _OUT, 7.1),  # h_t is also the output
    ]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x0, y0, x1, y1 in wires:
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=WIRE, width=2),
                             hoverinfo="skip", showlegend=False))
    # The state rail: h_{t-1} → ⊙ z → + → h_t. The GRU has no cell: this rail is h itself.
    fig.add_trace(go.Scatter(x=[0.1, _Z - _NODE_R, None, _Z + _NODE_R, _WIN - _NODE_R, None,
                                _WIN + _NODE_R, _RIGHT],
                             y=[_TOP] * 2 + [None] + [_TOP] * 2 + [None] + [_TOP] * 2,
                             mode="lines", line=dict(color=RAIL, width=5), hoverinfo="skip",
                             showlegend=False))
    junctions = [(0.9, _TOP), (_Z, _XBUS), (_R, _XBUS), (_Z, _HBUS), (_R, _HBUS), (_Z, _M3_Y),
                 (_OUT, _TOP)]
    fig.add_trace(go.Scatter(x=[p[0] for p in junctions], y=[p[1] for p in junctions], mode="markers",
                             marker=dict(size=7, color="#374151"), hoverinfo="skip", showlegend=False))

    small = "<span style='font-size:10px'>{}</span>"
    c.box(_Z, 2.9, 1.4, 0.8, f"σ  <b>z</b><br>{small.format(n['update'])}", "#fff3bf")
    c.box(_R, 2.9, 1.4, 0.8, f"σ  <b>r</b><br>{small.format(n['reset'])}", "#fff3bf")
    c.box(_WHN, 2.6, 1.9, 0.7, "W<sub>hn</sub>h<sub>t−1</sub>+b<sub>hn</sub>", "#e7f0fd")
    c.box(_WIN, 2.3, 1.8, 0.7, "W<sub>in</sub>x<sub>t</sub>+b<sub>in</sub>", "#e7f0fd")
    c.box(_WIN, _M2_Y, 1.7, 0.8, f"tanh  <b>{TILDE_H}</b><br>{small.format(n['candidate'])}", "#ffe8cc")
    c.node(_Z, _TOP, "⊙")
    c.node(_WIN, _TOP, "+")
    c.node(_WHN, _M2_Y, "⊙")
    c.node(_WHN, _M3_Y, "1−")
    c.node(_WIN, _M3_Y, "⊙")
    for x0, y0, x1, y1 in [(_Z, 3.6, _Z, _TOP - _NODE_R), (_R + 1, _M2_Y, _WHN - _NODE_R, _M2_Y),
                           (_WHN, 3.4, _WHN, _M2_Y - _NODE_R),
                           (_WHN + 1, _M2_Y, _WIN - 0.85, _M2_Y), (_WIN, 2.9, _WIN, _M2_Y - 0.4),
                           (_WIN, _M2_Y + 0.4, _WIN, _M3_Y - _NODE_R),
                           (_WIN, _M3_Y + _NODE_R, _WIN, _TOP - _NODE_R),
                           (_WHN + 1, _M3_Y, _WIN - _NODE_R, _M3_Y), (_RIGHT - 1, _TOP, _RIGHT + 0.1, _TOP),
                           (_OUT, 6.6, _OUT, 7.2)]:
        c.arrow(x0, y0, x1, y1, RAIL if y1 == _TOP and x1 > _OUT else WIRE)

    c.text(0.05, _TOP + 0.3, "h<sub>t−1</sub>", anchor="left")
    c.text(1.85, 0.05, f"x<sub>t</sub> {small.format(n['x'])}", anchor="left")
    c.text(_RIGHT + 0.1, _TOP + 0.3, "h<sub>t</sub>", anchor="right")
    c.text(_OUT - 0.15, 7.05, n["out"], size=11, anchor="right", color="#374151")

    c.value(1.7, _TOP + 0.3, "", v["h_prev"])
    c.value(_Z + 0.12, 4.5, "z", v["z"], "left")
    c.value(5.5, _M2_Y + 0.25, "r", v["r"])
    c.value(_WHN + 0.12, 3.33, "", v["hn"], "left")
    c.value(7.75, _M2_Y + 0.25, "", v["reset"])
    c.value(_WIN + 0.12, 3.15, "", v["xn"], "left")
    c.value(_WIN + 0.12, 4.62, TILDE_H, v["n"], "left")
    c.value(4.6, _M3_Y + 0.25, "", v["z"])
    c.value(7.95, _M3_Y + 0.25, "1−z", v["one_minus_z"])
    c.value(5.0, _TOP + 0.3, "z·h<sub>t−1</sub>", v["keep"])
    c.value(_WIN + 0.12, 5.66, "", v["write"], "left")
    c.value(10.3, _TOP + 0.3, "h<sub>t</sub>", v["h"])

    fig.update_xaxes(visible=False, range=[-0.1, _RIGHT + 0.2])
    fig.update_yaxes(visible=False, range=[-0.3, 7.4], scaleanchor="x", scaleratio=1)
    fig.add_traces(c.traces())
    fig.update_layout(plot_bgcolor="white", hovermode=False, shapes=c.shapes)
    return _layout(fig, 520, title=dict(text=title, font=dict(size=14)))


# --- step views ------------------------------------------------------------------------------


def token_window(tokens: Sequence[str], step: int, title: str = "", radius: int = 8) -> go.Figure:
    """The tokens around the current step (at most 2·radius + 1 of them), the current one marked."""
    T = len(tokens)
    hi = min(T, max(step + radius, 2 * radius + 1))
    lo = max(1, hi - 2 * radius)
    steps = np.arange(lo, hi + 1)
    fig = go.Figure(go.Heatmap(
        z=[(steps == step).astype(float)], x=steps, zmin=0, zmax=1, showscale=False, xgap=3,
        colorscale=[[0.0, "#e7f0fd"], [1.0, "#ffd8a8"]], text=[[label(tokens[t - 1]) for t in steps]],
        texttemplate="%{text}", textfont=dict(size=14), hovertemplate="t = %{x}: %{text}<extra></extra>",
    ))
    fig.add_shape(type="rect", x0=step - 0.5, x1=step + 0.5, y0=-0.5, y1=0.5,
                  line=dict(color=HIGHLIGHT, width=3))
    fig.update_yaxes(visible=False)
    fig.update_xaxes(title_text="t", dtick=1, range=[lo - 0.5, hi + 0.5])
    return _layout(fig, 140, title=dict(text=title, font=dict(size=14)))


def update_split(z: np.ndarray, h_prev: np.ndarray, n: np.ndarray, names: Mapping[str, str],
                 title: str = "") -> go.Figure:
    """h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃, unit by unit: the kept part, the written part, the sum."""
    H = len(z)
    units = np.arange(1, H + 1)
    ticks = [f"j={j}  z={v:.2f}" for j, v in zip(units, z, strict=True)]
    kept, written = z * h_prev, (1 - z) * n  # (H,) each
    fig = go.Figure([
        go.Bar(y=units, x=kept, orientation="h", name=_math(names["kept"]), marker_color=KEPT,
               customdata=z, hovertemplate="j=%{y}: z=%{customdata:.3f}, z·h<sub>t−1</sub>=%{x:.4f}"
               "<extra></extra>"),
        go.Bar(y=units, x=written, orientation="h", name=_math(names["written"]),
               marker_color=WRITTEN, customdata=1 - z,
               hovertemplate=f"j=%{{y}}: 1−z=%{{customdata:.3f}}, (1−z)·{TILDE_H}=%{{x:.4f}}<extra></extra>"),
        go.Scatter(y=units, x=kept + written, mode="markers", name="h<sub>t</sub>",
                   marker=dict(symbol="diamond", size=11, color="#111827", line=dict(color="white", width=1)),
                   hovertemplate="j=%{y}: h<sub>t</sub>=%{x:.4f}<extra></extra>"),
    ])
    lim = max(1.0, float(np.max(np.abs(np.concatenate([kept, written, kept + written])))))
    fig.update_xaxes(range=[-lim * 1.05, lim * 1.05], zeroline=True, zerolinecolor="#9ca3af")
    fig.update_yaxes(autorange="reversed", tickvals=units, ticktext=ticks)
    fig.update_layout(barmode="relative", legend=dict(orientation="h", y=-0.12, yanchor="top"))
    return _layout(fig, 170 + 26 * H, title=dict(text=title, font=dict(size=14)))


def states_now(rows: Sequence[tuple[str, np.ndarray]], title: str = "") -> go.Figure:
    """Several models' state vectors at one step, a row each, numbers in the cells."""
    names = [_math(name) for name, _ in rows]
    z = np.stack([vec for _, vec in rows])  # (rows, H)
    H = z.shape[1]
    lim = max(1.0, float(np.max(np.abs(z))))
    fig = go.Figure(go.Heatmap(
        z=z, x=np.arange(1, H + 1), y=names, colorscale=DIVERGING, zmid=0, zmin=-lim, zmax=lim,
        xgap=2, ygap=2, texttemplate="%{z:.2f}" if H <= 16 else None, textfont=dict(size=11),
        colorbar=dict(thickness=10, len=0.9), hovertemplate="%{y}, j=%{x}: %{z:.4f}<extra></extra>",
    ))
    fig.update_xaxes(title_text="j", dtick=1)
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, 110 + 34 * len(rows), title=dict(text=title, font=dict(size=14)))


def gate_heatmaps(panels: Sequence[tuple[str, np.ndarray, bool]], tokens: Sequence[str],
                  step: int | None = None) -> go.Figure:
    """Units × time heatmaps stacked on one time axis, one per (title, array (T, H), is_gate);
    the current step outlined. Gates use a 0…1 scale, states and candidates a diverging one.

    The panels are laid out by hand (y-axis domains) rather than with make_subplots, which
    costs more than the rest of a step.
    """
    T, H = panels[0][1].shape
    n, gap = len(panels), 0.16 / len(panels)
    size = (1 - gap * (n - 1)) / n
    steps = np.arange(1, T + 1)
    # One colour bar for the first gate panel and one for the first state panel.
    scaled = {next((k for k, p in enumerate(panels) if p[2] == kind), -1) for kind in (True, False)}
    data, shapes, notes, layout = [], [], [], {}
    for k, (name, values, is_gate) in enumerate(panels):
        top = 1 - k * (size + gap)
        axis = "y" if k == 0 else f"y{k + 1}"
        lim = 1.0 if is_gate else max(1.0, float(np.nanmax(np.abs(values))))
        data.append(go.Heatmap(
            z=values.T, x=steps, y=np.arange(1, H + 1), xgap=1, ygap=1, yaxis=axis,
            colorscale=GATE_SCALE if is_gate else DIVERGING, zmin=0 if is_gate else -lim,
            zmax=1 if is_gate else lim, showscale=k in scaled,
            colorbar=dict(thickness=10, len=size, y=top - size / 2, yanchor="middle"),
            name=_math(name),
            hovertemplate=f"{_math(name)}<br>t=%{{x}}, j=%{{y}}: %{{z:.4f}}<extra></extra>",
        ))
        layout["yaxis" if k == 0 else f"yaxis{k + 1}"] = dict(
            domain=[max(0.0, top - size), min(1.0, top)], anchor="x", autorange="reversed",
            title=dict(text="j"), dtick=1 if H <= 8 else None)
        notes.append(dict(x=0, y=top, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                          text=_math(name), showarrow=False, font=dict(size=13)))
        if step is not None:
            shapes.append(dict(type="rect", x0=step - 0.5, x1=step + 0.5, y0=0.5, y1=H + 0.5, xref="x",
                               yref=axis, line=dict(color=HIGHLIGHT, width=3)))
    fig = go.Figure(data=data, layout=dict(
        **layout, shapes=shapes, annotations=notes,
        xaxis=dict(anchor=f"y{n}" if n > 1 else "y", tickvals=steps, ticktext=time_ticks(tokens),
                   tickangle=-45 if T > 8 else 0),
    ))
    return _layout(fig, 140 + n * (60 + 14 * H) + (40 if T > 8 else 0))


# --- whole-text views --------------------------------------------------------------------------


def carry_curves(carry: np.ndarray, reference: Sequence[tuple[float, np.ndarray]], shift: float,
                 tokens: Sequence[str], names: Mapping[str, str], title: str = "") -> go.Figure:
    """∏ z: how much of h_1 each unit still carries at step t, for this b_z shift and others."""
    T, H = carry.shape
    steps = np.arange(1, T + 1)
    fig = go.Figure()
    for s, mean in reference:
        if abs(s - shift) < 1e-9:
            continue
        color = "#f08c00" if s < 0 else "#9ca3af" if s == 0 else "#5f3dc4"  # overwrite … keep
        fig.add_trace(go.Scatter(x=steps, y=mean, mode="lines",
                                 line=dict(color=color, dash="dot", width=1 + abs(s) / 2),
                                 name=html.escape(names["reference"].format(s=f"{s:+g}")),
                                 hovertemplate="t=%{x}: %{y:.3f}<extra></extra>"))
    for j in range(H):
        fig.add_trace(go.Scatter(x=steps, y=carry[:, j], mode="lines", line=dict(width=1, color="#93c5fd"),
                                 name=f"j={j + 1}", showlegend=False,
                                 hovertemplate=f"j={j + 1}, t=%{{x}}: %{{y:.3f}}<extra></extra>"))
    fig.add_trace(go.Scatter(x=steps, y=np.mean(carry, axis=1), mode="lines+markers",
                             line=dict(width=4, color=RAIL),
                             name=html.escape(names["mean"].format(s=f"{shift:+g}")),
                             hovertemplate="t=%{x}: %{y:.3f}<extra></extra>"))
    fig.update_xaxes(tickvals=steps, ticktext=time_ticks(tokens), tickangle=-45 if T > 8 else 0)
    fig.update_yaxes(range=[-0.03, 1.03], title_text="∏ z")
    fig.update_layout(legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0))
    _layout(fig, 380, title=dict(text=title, font=dict(size=14), y=0.98, yanchor="top"))
    return fig.update_layout(margin=dict(t=90))


def forms_gap(one_step: np.ndarray, whole_run: np.ndarray, tokens: Sequence[str],
              names: Mapping[str, str], title: str = "") -> go.Figure:
    """Largest gap between PyTorch's and the textbook's GRU per step: one step apart, and two runs."""
    T = len(one_step)
    steps = np.arange(1, T + 1)
    fig = go.Figure([
        go.Scatter(x=steps, y=one_step, mode="lines+markers", name=_math(names["one_step"]),
                   line=dict(color=WRITTEN), hovertemplate="t=%{x}: %{y:.4f}<extra></extra>"),
        go.Scatter(x=steps, y=whole_run, mode="lines+markers", name=_math(names["whole_run"]),
                   line=dict(color=RAIL), hovertemplate="t=%{x}: %{y:.4f}<extra></extra>"),
    ])
    fig.update_xaxes(tickvals=steps, ticktext=time_ticks(tokens), tickangle=-45 if T > 8 else 0)
    fig.update_yaxes(rangemode="tozero", title_text="max_j |Δ|")
    fig.update_layout(legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0))
    _layout(fig, 330, title=dict(text=title, font=dict(size=14), y=0.98, yanchor="top"))
    return fig.update_layout(margin=dict(t=80))

