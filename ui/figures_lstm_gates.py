"""Plotly figures of the "LSTM gates" page: pure functions from trace arrays to ``go.Figure``.

The cell diagram follows the classic LSTM picture (colah's "Understanding LSTM Networks"):
the cell state runs along the top as a conveyor belt, the hidden state along the bottom,
yellow boxes are the layers (σ, tanh) and pink circles the element-wise operations. Every
wire carries this step's number for one unit j. Learner text (the token) goes through
``figures.label``; every other string here is the page's own (from ``ui.strings``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.figures import DIVERGING, FONT, HIGHLIGHT, _layout, label

CELL = "#1f5fbf"  # the cell-state belt
HIDDEN = "#374151"  # the hidden state and the input bus
LAYER = "#ffd98e"  # σ / tanh layers (yellow, as in the classic figure)
POINTWISE = "#f7b6c8"  # ×, + and tanh applied element-wise (pink)
PEEPHOLE = "#8e44ad"
KEPT, ERASED, WRITTEN = "#1f5fbf", "#e03131", "#2f9e44"
GATE_SCALE = "Viridis"
TIME_LABELS_MAX = 24  # longer sentences show t numbers only on the time axis


@dataclass(frozen=True)
class StepValues:
    """One unit j at one step: every number the cell diagram puts on a wire."""

    c_prev: float
    h_prev: float
    f: float
    i: float
    g: float  # the candidate C̃
    o: float
    c: float
    h: float
    peep_i: float = 0.0  # w_ci · c_{t-1}
    peep_f: float = 0.0  # w_cf · c_{t-1}
    peep_o: float = 0.0  # w_co · c_t

    @property
    def kept(self) -> float:
        """f ⊙ c_{t-1}: what survives the forget gate."""
        return self.f * self.c_prev

    @property
    def written(self) -> float:
        """i ⊙ C̃: what the input gate writes."""
        return self.i * self.g


def token_row(tokens: Sequence[str], step: int, title: str = "") -> go.Figure:
    """One box per token with its t; the token read at ``step`` (1-based) is x_t, outlined."""
    T = len(tokens)
    state = np.zeros((1, T))
    state[0, step - 1] = 1.0
    text = [[f"{label(tok)}<br><b>t={t}</b>" for t, tok in enumerate(tokens, start=1)]]
    heatmap = dict(
        type="heatmap", z=state, zmin=0, zmax=1, colorscale=[[0.0, "#eef2f8"], [1.0, "#ffe3c2"]],
        showscale=False, text=text, texttemplate="%{text}" if T <= 40 else None, textfont=dict(size=13),
        xgap=3, x=np.arange(1, T + 1), hovertemplate="%{text}<extra></extra>",
    )
    outline = dict(type="rect", x0=step - 0.5, x1=step + 0.5, y0=-0.5, y1=0.5,
                   line=dict(color=HIGHLIGHT, width=3))
    fig = go.Figure(data=[heatmap], layout=dict(
        shapes=[outline], xaxis=dict(visible=False, fixedrange=True),
        yaxis=dict(visible=False, fixedrange=True)))  # built in one go: this runs at every step
    _layout(fig, 110, title=dict(text=title, font=dict(size=14)))
    fig.update_layout(margin=dict(l=5, r=5, t=30 if title else 5, b=5))
    return fig


def _gaps(T: int, H: int) -> dict[str, int]:
    """White lines between heatmap cells while the cells are big enough to keep them apart."""
    return {"xgap": 1 if T <= 40 else 0, "ygap": 1 if H <= 16 else 0}


def _time_axis(tokens: Sequence[str]) -> tuple[list[int], list[str]]:
    """Tick values 1 … T and their labels: the token under its t while the axis has room."""
    T = len(tokens)
    ticks = list(range(1, T + 1))
    if T > TIME_LABELS_MAX:
        return ticks, [str(t) for t in ticks]
    return ticks, [f"{t}<br>{label(tok)}" for t, tok in enumerate(tokens, start=1)]


class _Sketch:
    """A figure's pieces collected as plain dicts and validated once when built: much faster than
    one ``add_trace``/``add_annotation`` call per wire and label (this runs at every step)."""

    def __init__(self) -> None:
        self.wires: dict[tuple[str, float, str | None], tuple[list, list]] = {}
        self.annotations: list[dict] = []
        self.shapes: list[dict] = []
        self.data: list[dict] = []

    def wire(self, points: Sequence[tuple[float, float]], color: str, width: float,
             dash: str | None = None) -> None:
        """A polyline; wires of the same style share one trace (segments split by None)."""
        xs, ys = self.wires.setdefault((color, round(width, 3), dash), ([], []))
        for x, y in points:
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)

    def text(self, x: float, y: float, text: str, color: str = HIDDEN, **kw: object) -> None:
        """A value label with a white background, so that it stays readable over a wire."""
        self.annotations.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=12, color=color),
                                     bgcolor="rgba(255,255,255,0.9)", borderpad=2, **kw))

    def figure(self) -> go.Figure:
        lines = [dict(type="scatter", x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                      line=dict(color=color, width=width, dash=dash))
                 for (color, width, dash), (xs, ys) in self.wires.items()]
        return go.Figure(data=lines + self.data,
                         layout=dict(annotations=self.annotations, shapes=self.shapes))


def _gate_width(value: float) -> float:
    """A gate's wire is thicker the more it lets through (0 → 1 px, 1 → 7 px)."""
    return 1.0 + 6.0 * float(np.clip(value, 0.0, 1.0))


def cell_diagram(v: StepValues, token: str, *, peephole: bool, names: Mapping[str, str],
                 clamped: bool = False, reset: bool = False, height: int = 470) -> go.Figure:
    """The LSTM cell at one step for one unit: three inputs (C_{t-1}, h_{t-1}, x_t), three
    outputs (C_t, h_t to the right, h_t upwards), with this step's values on the wires.

    ``names`` gives the gate names ("f", "i", "g", "o"), "cell", "hidden", "input" and, for
    the flags, "clamped" and "reset". With ``peephole`` the dashed wires from the cell to the
    three σ gates appear, labelled with w_c·c.
    """
    sk = _Sketch()
    n = "{:+.3f}"  # every number with its sign, so the eye can line them up
    y_cell, y_hid, y_box, y_mul = 6.0, 1.0, 3.0, 4.5
    x_in, x_f, x_i, x_g, x_o, x_out, x_up, x_end = 1.6, 2.9, 4.4, 5.9, 7.4, 9.5, 11.7, 12.8
    box_w, box_h = 0.9, 0.8
    box_top, box_bottom = y_box + box_h / 2, y_box - box_h / 2

    # Cell-state belt along the top, hidden state and input bus along the bottom.
    sk.wire([(0.2, y_cell), (x_end, y_cell)], CELL, 4)
    sk.wire([(0.2, y_hid), (x_o, y_hid)], HIDDEN, 2)
    sk.wire([(x_in, -0.5), (x_in, y_hid)], HIDDEN, 2)
    for x in (x_f, x_i, x_g, x_o):
        sk.wire([(x, y_hid), (x, box_bottom)], HIDDEN, 1.5)
    # Gate outputs: a gate's wire is thicker the more it lets through.
    sk.wire([(x_f, box_top), (x_f, y_cell)], HIDDEN, _gate_width(v.f))
    sk.wire([(x_i, box_top), (x_i, y_mul), (x_g, y_mul)], HIDDEN, _gate_width(v.i))
    sk.wire([(x_g, box_top), (x_g, y_mul)], HIDDEN, 2)
    sk.wire([(x_g, y_mul), (x_g, y_cell)], WRITTEN, 3)
    sk.wire([(x_o + box_w / 2, y_box), (x_out, y_box)], HIDDEN, _gate_width(v.o))
    sk.wire([(x_out, y_cell), (x_out, y_box)], CELL, 2)
    sk.wire([(x_out, y_box), (x_out, y_hid), (x_end, y_hid)], HIDDEN, 2.5)
    sk.wire([(x_up, y_hid), (x_up, 7.4)], HIDDEN, 2.5)
    if peephole:  # i and f read the old cell (before ×f), o the new one (after +)
        for x0, x1 in ((1.2, x_f - 0.3), (1.2, x_i - 0.3), (7.0, x_o)):
            sk.wire([(x0, y_cell), (x1, box_top)], PEEPHOLE, 2, dash="dash")

    # Layers (yellow boxes) and element-wise operations (pink circles).
    for x, text in ((x_f, "σ"), (x_i, "σ"), (x_g, "tanh"), (x_o, "σ")):
        sk.shapes.append(dict(type="rect", x0=x - box_w / 2, x1=x + box_w / 2, y0=box_bottom, y1=box_top,
                              fillcolor=LAYER, line=dict(color="#b8860b", width=1.5), layer="above"))
        sk.annotations.append(dict(x=x, y=y_box, text=f"<b>{text}</b>", showarrow=False, font=dict(size=14)))
    ops = [(x_f, y_cell, "×"), (x_g, y_cell, "+"), (x_g, y_mul, "×"), (x_out, y_box, "×"),
           (x_out, y_mul, "tanh")]
    sk.data.append(dict(
        type="scatter", x=[x for x, _, _ in ops], y=[y for _, y, _ in ops], mode="markers+text",
        text=[f"<b>{s}</b>" for *_, s in ops],
        textfont=dict(size=[20, 20, 20, 20, 11], color="#7a1038"),
        marker=dict(size=[30, 30, 30, 30, 40], color=POINTWISE, line=dict(color="#c2255c", width=1.5)),
        hoverinfo="skip", showlegend=False,
    ))
    for k, (x, gate) in enumerate(((x_f, "f"), (x_i, "i"), (x_g, "g"), (x_o, "o"))):
        # Gate names under the boxes, staggered so that neighbours never run into each other.
        sk.annotations.append(dict(x=x, y=box_bottom - 0.08 - 0.42 * (k % 2), text=names[gate],
                                   showarrow=False, yanchor="top", font=dict(size=11, color="#6b7280"),
                                   bgcolor="white"))

    # The three inputs, the three outputs and every wire in between, with this step's values.
    sk.text(0.3, y_cell + 0.95, names["cell"], CELL, xanchor="left")
    sk.text(0.3, y_cell + 0.45, f"C<sub>t−1</sub> = {n.format(v.c_prev)}", CELL, xanchor="left")
    sk.text(0.3, y_hid + 0.45, f"h<sub>t−1</sub> = {n.format(v.h_prev)}", xanchor="left")
    sk.text(2.0, y_hid - 0.45, names["hidden"], xanchor="left")
    sk.text(x_in + 0.15, -0.45, f"x<sub>t</sub> = {label(token)}", xanchor="left")
    sk.text(x_up - 0.2, y_cell + 0.45, f"C<sub>t</sub> = {n.format(v.c)}", CELL, xanchor="right")
    sk.text(x_end, y_hid - 0.45, f"h<sub>t</sub> = {n.format(v.h)}", xanchor="right")
    sk.text(x_up - 0.15, 7.35, f"h<sub>t</sub> = {n.format(v.h)}", xanchor="right")
    f_text = f"f<sub>t</sub> = {v.f:.3f}" + (f" ({names['clamped']})" if clamped else "")
    sk.text(x_f + 0.12, 4.85, f_text, HIGHLIGHT if clamped else HIDDEN, xanchor="left")
    sk.text(x_i + 0.12, 3.85, f"i<sub>t</sub> = {v.i:.3f}", xanchor="left")
    sk.text(x_g + 0.12, 3.85, f"C̃<sub>t</sub> = {n.format(v.g)}", xanchor="left")
    sk.text(x_g + 0.12, 5.25, f"i⊙C̃ = {n.format(v.written)}", WRITTEN, xanchor="left")
    sk.text((x_f + x_g) / 2, y_cell + 0.45, f"f⊙C<sub>t−1</sub> = {n.format(v.kept)}", KEPT)
    sk.text((x_o + x_out) / 2 + 0.2, y_box + 0.38, f"o<sub>t</sub> = {v.o:.3f}")
    sk.text(x_out + 0.4, y_mul, f"tanh(C<sub>t</sub>) = {n.format(np.tanh(v.c))}", CELL,
           xanchor="left")
    if reset:
        sk.text(1.2, y_cell - 0.45, names["reset"], HIGHLIGHT, xanchor="left")
    if peephole:
        sk.text(0.3, 4.1, f"w<sub>cf</sub>C<sub>t−1</sub> = {n.format(v.peep_f)}<br>"
               f"w<sub>ci</sub>C<sub>t−1</sub> = {n.format(v.peep_i)}", PEEPHOLE, xanchor="left")
        sk.text(x_o + 0.15, 4.85, f"w<sub>co</sub>C<sub>t</sub> = {n.format(v.peep_o)}", PEEPHOLE,
               xanchor="left")
    fig = sk.figure()
    fig.update_xaxes(visible=False, range=[0.1, x_end + 0.1], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.85, 7.7], fixedrange=True)
    _layout(fig, height)
    fig.update_layout(plot_bgcolor="white", margin=dict(l=5, r=5, t=5, b=5))
    return fig


def conveyor_belt(c_prev: np.ndarray, f: np.ndarray, i: np.ndarray, g: np.ndarray, c: np.ndarray,
                  names: Mapping[str, str], unit: int | None = None, title: str = "",
                  first_unit: int = 1) -> go.Figure:
    """The cell update of one step, unit by unit (H,) each: the bar from 0 to C_{t-1} splits into
    what f keeps and what it erases, then i ⊙ C̃ is written on from the kept end to C_t.

    The arrays may be a window of the units: ``first_unit`` is the number of their first one.
    """
    H = len(c)
    units = np.arange(first_unit, first_unit + H)
    kept, written = f * c_prev, i * g  # (H,)
    custom = np.stack([c_prev, f, kept, i, g, written, c], axis=1)  # (H, 7)
    hover = ("j = %{customdata[7]}<br>C<sub>t−1</sub> = %{customdata[0]:.4f}, f = %{customdata[1]:.4f}"
             "<br>f⊙C<sub>t−1</sub> = %{customdata[2]:.4f}<br>i = %{customdata[3]:.4f}, "
             "C̃ = %{customdata[4]:.4f}<br>i⊙C̃ = %{customdata[5]:.4f}<br>C<sub>t</sub> = "
             "%{customdata[6]:.4f}<extra></extra>")
    custom = np.concatenate([custom, units[:, None]], axis=1)
    bars = (
        (names["kept"], np.zeros(H), kept, KEPT, -0.42, None),
        (names["erased"], kept, c_prev - kept, ERASED, -0.42, "/"),
        (names["written"], kept, written, WRITTEN, 0.02, None),
    )
    data = [dict(type="bar", y=units, x=length, base=base, orientation="h", name=name, offset=offset,
                 width=0.4, marker=dict(color=color, opacity=0.45 if pattern else 0.85,
                                        pattern=dict(shape=pattern or "", fgcolor=color)),
                 customdata=custom, hovertemplate=hover)
            for name, base, length, color, offset, pattern in bars]
    data.append(dict(type="scatter", x=c_prev, y=units - 0.22, mode="markers", name=names["c_prev"],
                     marker=dict(symbol="circle-open", size=11, color=HIDDEN, line=dict(width=2)),
                     customdata=custom, hovertemplate=hover))
    data.append(dict(type="scatter", x=c, y=units + 0.22, mode="markers", name=names["c"],
                     marker=dict(symbol="diamond", size=11, color="black"),
                     customdata=custom, hovertemplate=hover))
    lim = float(max(np.max(np.abs(c_prev)), np.max(np.abs(c)), np.max(np.abs(kept + written)), 0.1))
    shapes = [dict(type="line", x0=0, x1=0, y0=0, y1=1, yref="paper", line=dict(color="#9ca3af", width=1))]
    if unit is not None:
        shapes.append(dict(type="rect", x0=0, x1=1, xref="paper", y0=unit - 0.5, y1=unit + 0.5,
                           fillcolor=HIGHLIGHT, opacity=0.08, line_width=0, layer="below"))
    fig = go.Figure(data=data, layout=dict(  # built in one go: this runs at every step
        shapes=shapes, barmode="overlay", bargap=0.1,
        yaxis=dict(range=[units[-1] + 0.6, units[0] - 0.6], tickvals=units,  # unit 1 on top
                   ticktext=[f"j={j}" for j in units], fixedrange=True),
        xaxis=dict(range=[-1.15 * lim, 1.15 * lim], zeroline=False, fixedrange=True),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, font=dict(size=11)),
    ))
    return _layout(fig, 130 + 34 * H, title=dict(text=title, font=dict(size=14), y=0.995, yanchor="top"))


GateArrays = Mapping[str, np.ndarray]  # "f", "i", "g", "o", "c", "h" → (T, H)
HEATMAP_ROWS = ("f", "i", "g", "o", "c", "h")


def gate_heatmaps(arrays: GateArrays, tokens: Sequence[str], titles: Mapping[str, str],
                  step: int | None = None) -> go.Figure:
    """Every gate and state over the sentence, units × time: gates on 0…1, C̃ and h on −1…1, C on
    its own symmetric scale; ``step`` (1-based) is outlined."""
    T, H = arrays["f"].shape
    fig = make_subplots(rows=len(HEATMAP_ROWS), cols=1, shared_xaxes=True, vertical_spacing=0.035,
                        subplot_titles=[titles[k] for k in HEATMAP_ROWS])
    c_lim = float(np.max(np.abs(arrays["c"]))) or 1.0
    axes = {"f": "coloraxis", "i": "coloraxis", "o": "coloraxis", "g": "coloraxis2",
            "h": "coloraxis2", "c": "coloraxis3"}
    units = np.arange(1, H + 1)
    show_text = T * H <= 160
    for r, key in enumerate(HEATMAP_ROWS, start=1):
        fig.add_trace(go.Heatmap(
            z=arrays[key].T, x=np.arange(1, T + 1), y=units, coloraxis=axes[key], **_gaps(T, H),
            texttemplate="%{z:.2f}" if show_text else None, textfont=dict(size=9),
            hovertemplate=f"{key}: t = %{{x}}, j = %{{y}}: %{{z:.4f}}<extra></extra>",
        ), row=r, col=1)
        fig.update_yaxes(autorange="reversed", tickvals=units if H <= 8 else None,
                         ticktext=[f"j={j}" for j in units] if H <= 8 else None, row=r, col=1)
        if step is not None:
            fig.add_shape(type="rect", x0=step - 0.5, x1=step + 0.5, y0=0.5, y1=H + 0.5,
                          line=dict(color=HIGHLIGHT, width=2.5), row=r, col=1)
    ticks, text = _time_axis(tokens)
    fig.update_xaxes(tickvals=ticks, ticktext=text, row=len(HEATMAP_ROWS), col=1)
    bar = dict(thickness=12, len=0.3)
    fig.update_layout(
        coloraxis=dict(colorscale=GATE_SCALE, cmin=0, cmax=1, colorbar=dict(**bar, y=0.84, title="σ")),
        coloraxis2=dict(colorscale=DIVERGING, cmin=-1, cmax=1, colorbar=dict(**bar, y=0.5, title="tanh")),
        coloraxis3=dict(colorscale=DIVERGING, cmin=-c_lim, cmax=c_lim,
                        colorbar=dict(**bar, y=0.16, title="C")),
    )
    row_height = 26 + 16 * min(H, 16)
    _layout(fig, 120 + len(HEATMAP_ROWS) * row_height)
    fig.update_annotations(font=dict(size=13, family=FONT))
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10))
    return fig


def cell_lines(c: np.ndarray, tokens: Sequence[str], title: str, *, c_alt: np.ndarray | None = None,
               alt_name: str = "", step: int | None = None, first_unit: int = 1) -> go.Figure:
    """C_t of every unit over time (T, H) as lines; an intervened run (same shape) dashed beside it.
    The columns may be a window of the units, numbered from ``first_unit``."""
    T, H = c.shape
    t = np.arange(1, T + 1)
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#7f7f7f", "#bcbd22", "#17becf"]
    fig = go.Figure()
    for j in range(H):
        color, name = palette[j % len(palette)], f"j={first_unit + j}"
        fig.add_trace(go.Scatter(x=t, y=c[:, j], mode="lines+markers", name=name,
                                 line=dict(color=color, width=2), marker=dict(size=5), legendgroup=str(j),
                                 hovertemplate=f"{name}, t = %{{x}}: C = %{{y:.4f}}<extra></extra>"))
        if c_alt is not None:
            fig.add_trace(go.Scatter(x=t, y=c_alt[:, j], mode="lines", name=f"{name} ({alt_name})",
                                     line=dict(color=color, width=2, dash="dash"), legendgroup=str(j),
                                     showlegend=j == 0,
                                     hovertemplate=f"{name}, t = %{{x}}: C = %{{y:.4f}} "
                                     f"({alt_name})<extra></extra>"))
    if step is not None:
        fig.add_vline(x=step, line=dict(color=HIGHLIGHT, width=2, dash="dot"))
    fig.add_hline(y=0, line=dict(color="#9ca3af", width=1))
    ticks, text = _time_axis(tokens)
    fig.update_xaxes(tickvals=ticks, ticktext=text, title_text="t")
    fig.update_yaxes(title_text="C<sub>t</sub>")
    return _layout(fig, 360, title=dict(text=title, font=dict(size=14)))


def intervention_diff(h: np.ndarray, h_alt: np.ndarray, c: np.ndarray, c_alt: np.ndarray,
                      tokens: Sequence[str], titles: tuple[str, str], start: int | None = None) -> go.Figure:
    """What the intervention changed downstream: Δh and ΔC (intervened − unmodified), units × time."""
    T, H = h.shape
    dh, dc = (h_alt - h).T, (c_alt - c).T  # (H, T)
    lim = float(max(np.max(np.abs(dh)), np.max(np.abs(dc)))) or 1.0
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=list(titles))
    units = np.arange(1, H + 1)
    for r, (z, name) in enumerate(((dh, "Δh"), (dc, "ΔC")), start=1):
        fig.add_trace(go.Heatmap(
            z=z, x=np.arange(1, T + 1), y=units, coloraxis="coloraxis", **_gaps(T, H),
            texttemplate="%{z:.2f}" if T * H <= 160 else None, textfont=dict(size=9),
            hovertemplate=f"{name}: t = %{{x}}, j = %{{y}}: %{{z:.4f}}<extra></extra>",
        ), row=r, col=1)
        fig.update_yaxes(autorange="reversed", tickvals=units if H <= 8 else None,
                         ticktext=[f"j={j}" for j in units] if H <= 8 else None, row=r, col=1)
        if start is not None:
            fig.add_vline(x=start - 0.5, line=dict(color=HIGHLIGHT, width=2, dash="dot"), row=r, col=1)
    ticks, text = _time_axis(tokens)
    fig.update_xaxes(tickvals=ticks, ticktext=text, row=2, col=1)
    fig.update_layout(coloraxis=dict(colorscale=DIVERGING, cmin=-lim, cmax=lim,
                                     colorbar=dict(thickness=12, title="Δ")))
    _layout(fig, 160 + 2 * (30 + 18 * min(H, 16)))
    fig.update_annotations(font=dict(size=13, family=FONT))
    return fig
