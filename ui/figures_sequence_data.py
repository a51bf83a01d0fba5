"""Plotly figures of the "Sequence data" page: pure functions from core's results to ``go.Figure``.

Learner text (tokens) passes through ``ui.figures.label``; the page's own words come in as
arguments, already translated, and are HTML-escaped here because Plotly reads tags in text.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from core.ngram import SentenceScore, Step
from core.text import UNK
from core.timeseries import ImpulseResponse, SeriesStudy
from ui.figures import DIVERGING, FONT, HIGHLIGHT, label

YOURS = "#1f5fbf"  # the learner's order
SHUFFLED = "#c2255c"  # the shuffled order
AR_COLOR = "#1f5fbf"
AR_K_COLOR = "#74a9f0"
RNN_COLOR = "#2b8a3e"
RNN_K_COLOR = "#8fd19e"
DATA_COLOR = "#868e96"
FAINT = "#ced4da"
# Factor cells: pale for a likely token, dark for an unlikely one (−log10 p from 0 to 6+).
SURPRISE_SCALE = [[0.0, "#f1f6fd"], [0.35, "#a9c8f2"], [0.7, "#4a7fd0"], [1.0, "#0b2e6b"]]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _title(text: str) -> dict:
    return dict(text=text, font=dict(size=14))


# --- order matters -------------------------------------------------------------------------------
# The three figures below are redrawn at every step (and twice a second during Play), so they
# are built in one go from plain dicts: each later ``update_layout`` or ``add_shape`` call
# costs Plotly several milliseconds of validation.


def _static_layout(height: int, title: str = "", **kw: object) -> dict:
    """What ``ui.figures._layout`` sets, as one dict: height, margins, font, an escaped title."""
    return dict(height=height, margin=dict(l=10, r=10, t=40, b=10), font=dict(family=FONT),
                title=_title(_esc(title)), **kw)


def _frame(x0: float, x1: float, y: float, xref: str = "x", yref: str = "y") -> dict:
    """An orange frame around cells x0…x1 of row y (the current step)."""
    return dict(type="rect", x0=x0, x1=x1, y0=y - 0.5, y1=y + 0.5, xref=xref, yref=yref,
                line=dict(color=HIGHLIGHT, width=3))


def factor_strip(original: SentenceScore, shuffled: SentenceScore, step: int,
                 rows: tuple[str, str], title: str = "") -> go.Figure:
    """Two rows of boxes, one per factor: the token, P(x_t | context) and the current step outlined."""
    n = len(original.steps)
    z, text, hover = [], [], []
    for scored in (original, shuffled):
        z.append(np.minimum(-np.log10(scored.p), 6.0))  # (T+1,) surprise, capped
        text.append([f"{label(s.token)}<br><b>{s.p:.3g}</b>" for s in scored.steps])
        hover.append([f"t = {s.t}: {label(s.token)}<br>P = {s.p:.6g}" for s in scored.steps])
    heatmap = go.Heatmap(
        z=z, x=np.arange(1, n + 1), y=[0, 1], zmin=0, zmax=6, colorscale=SURPRISE_SCALE,
        showscale=False, text=text, texttemplate="%{text}" if n <= 24 else None,
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        textfont=dict(size=13 if n <= 14 else 11), xgap=3, ygap=6,
    )
    return go.Figure(data=[heatmap], layout=_static_layout(
        200, title,
        shapes=[_frame(step - 0.5, step + 0.5, y) for y in (0, 1)],
        yaxis=dict(tickvals=[0, 1], ticktext=[_esc(r) for r in rows], autorange="reversed"),
        xaxis=dict(title=dict(text="t"), dtick=1 if n <= 32 else None),
    ))


def _bars(step: Step) -> tuple[list[str], list[float], list[str]]:
    names = [label(tok) for tok in step.top_tokens]
    probs = list(step.top_p)
    colors = [HIGHLIGHT if tok == step.token or (step.token_id == UNK and tok == "<unk>") else FAINT
              for tok in step.top_tokens]
    if step.rank > len(step.top_tokens):  # the token that came was not among the favourites
        names.append(f"… {label(step.token)} (#{step.rank})")
        probs.append(step.p)
        colors.append(HIGHLIGHT)
    return names, probs, colors


def next_token_bars(step: Step, title: str, color: str) -> go.Figure:
    """What the model expected next: the top candidates, the token that came in orange."""
    names, probs, colors = _bars(step)
    layout = _static_layout(
        300, title,
        xaxis=dict(title=dict(text="P"), range=[0, min(1.0, max(probs) * 1.35 + 1e-9)]),
        yaxis=dict(autorange="reversed", tickfont=dict(size=13)),
    )
    layout["title"]["font"]["color"] = color
    return go.Figure(data=[go.Bar(
        x=probs, y=names, orientation="h", marker_color=colors, text=[f"{p:.3g}" for p in probs],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x:.6f}<extra></extra>",
    )], layout=layout)


def running_log_prob(original: SentenceScore, shuffled: SentenceScore, step: int,
                     names: tuple[str, str], title: str = "") -> go.Figure:
    """log10 of the running product after each factor: solid up to this step, faint after it."""
    data = []
    for scored, name, color in ((original, names[0], YOURS), (shuffled, names[1], SHUFFLED)):
        cum = scored.cumulative_log10  # (T+1,)
        t = np.arange(1, len(cum) + 1)
        data.append(go.Scatter(x=t, y=cum, mode="lines", line=dict(color=color, width=1, dash="dot"),
                               opacity=0.35, showlegend=False, hoverinfo="skip"))
        data.append(go.Scatter(
            x=t[:step], y=cum[:step], mode="lines+markers", name=_esc(name),
            line=dict(color=color, width=3), marker=dict(size=8),
            customdata=[label(s.token) for s in scored.steps[:step]],
            hovertemplate="t = %{x} (%{customdata})<br>log10 P = %{y:.3f}<extra></extra>",
        ))
    return go.Figure(data=data, layout=_static_layout(
        280, title,
        shapes=[dict(type="line", x0=step, x1=step, y0=0, y1=1, xref="x", yref="paper",
                     line=dict(color=HIGHLIGHT, width=1, dash="dash"))],
        xaxis=dict(title=dict(text="t"), dtick=1 if len(original.steps) <= 32 else None),
        yaxis=dict(title=dict(text="log10 P(x1 … xt)")),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
    ))


def shuffle_histogram(random_log_p: np.ndarray, original: float, shuffled: float,
                      names: tuple[str, str, str], title: str = "") -> go.Figure:
    """log10 P of many random orders of the same tokens, with the learner's order and the shuffle marked."""
    ln10 = np.log(10)
    data = [go.Histogram(x=random_log_p / ln10, nbinsx=30, marker_color=FAINT, name=_esc(names[2]),
                         hovertemplate="%{x}: %{y}<extra></extra>")]
    for value, name, color in ((original, names[0], YOURS), (shuffled, names[1], SHUFFLED)):
        data.append(go.Scatter(x=[value / ln10] * 2, y=[0, 1], yaxis="y2", mode="lines",
                               line=dict(color=color, width=3), name=_esc(name),
                               hovertemplate=f"{_esc(name)}: %{{x:.3f}}<extra></extra>"))
    values = np.concatenate([random_log_p, [original, shuffled]]) / ln10
    pad = 0.03 * (values.max() - values.min()) + 0.1  # keep the marked lines off the frame
    return go.Figure(data=data, layout=_static_layout(
        300, title, bargap=0.05,
        xaxis=dict(title=dict(text="log10 P"), range=[values.min() - pad, values.max() + pad]),
        yaxis=dict(title=dict(text="#")),
        yaxis2=dict(overlaying="y", range=[0, 1], visible=False),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
    ))


# --- AR(τ), k-step, latent state ------------------------------------------------------------------
# Built like the step figures above, in one go; two stacked panels share the time axis.


def _stacked(domains: tuple[tuple[float, float], tuple[float, float]], titles: tuple[str, str] | None,
             x_title: str = "t") -> dict:
    """Axes of two panels, top then bottom, sharing x: traces use (x, y) and (x2, y2)."""
    layout: dict = dict(
        xaxis=dict(anchor="y", matches="x2", showticklabels=False),
        xaxis2=dict(anchor="y2", title=dict(text=x_title)),
        yaxis=dict(domain=list(domains[0]), anchor="x"),
        yaxis2=dict(domain=list(domains[1]), anchor="x2"),
        annotations=[],
    )
    if titles:
        for (_, hi), text in zip(domains, titles, strict=True):
            layout["annotations"].append(dict(
                text=_esc(text), x=0.5, y=hi, xref="paper", yref="paper", xanchor="center",
                yanchor="bottom", showarrow=False, font=dict(size=14)))
    return layout


def _band(x0: float, x1: float, panel: str, color: str, opacity: float) -> dict:
    """A shaded band over the whole height of one panel ("" for the top one, "2" below)."""
    return dict(type="rect", x0=x0, x1=x1, y0=0, y1=1, xref=f"x{panel}", yref=f"y{panel} domain",
                fillcolor=color, opacity=opacity, line=dict(width=0), layer="below")


def _vline(x: float, xref: str = "x", yref: str = "paper") -> dict:
    return dict(type="line", x0=x, x1=x, y0=0, y1=1, xref=xref, yref=yref,
                line=dict(color=HIGHLIGHT, dash="dash", width=2))


def series_predictions(study: SeriesStudy, labels: dict[str, str]) -> go.Figure:
    """The series with 1-step and k-step predictions: AR(τ) above, the RNN below; test part shaded.

    Only the test part and the 60 steps before it are drawn: fewer points, a lighter chart.
    """
    T = len(study.x)
    start = max(0, study.n_train - 60)
    t = np.arange(start, T)
    lim = float(np.max(np.abs(study.x))) * 1.25 + 0.1
    layout = _stacked(((0.56, 1.0), (0.0, 0.44)), (labels["ar_title"], labels["rnn_title"]))
    layout["shapes"] = []
    data = []
    for panel, one, kstep, c1, c2 in (("", study.ar_one, study.ar_k, AR_COLOR, AR_K_COLOR),
                                      ("2", study.rnn_one, study.rnn_k, RNN_COLOR, RNN_K_COLOR)):
        axes = dict(xaxis=f"x{panel}", yaxis=f"y{panel}")
        hover = "t = %{x}: %{y:.3f}<extra></extra>"
        data += [
            go.Scatter(x=t, y=study.x[start:], mode="markers", marker=dict(size=4, color=DATA_COLOR),
                       name=_esc(labels["data"]), legendgroup="data", showlegend=panel == "",
                       hovertemplate=hover, **axes),
            go.Scatter(x=t, y=one[start:], mode="lines", line=dict(color=c1, width=2),
                       name=_esc(labels["one_1" if panel == "" else "one_2"]), hovertemplate=hover, **axes),
            go.Scatter(x=t, y=kstep[start:], mode="lines", line=dict(color=c2, width=2, dash="dash"),
                       name=_esc(labels["k_1" if panel == "" else "k_2"]), hovertemplate=hover, **axes),
        ]
        layout["shapes"].append(_band(study.n_train - 0.5, T - 0.5, panel, "#fff3bf", 0.5))
        layout[f"yaxis{panel}"].update(range=[-lim, lim], title=dict(text="x"))
        layout["annotations"].append(dict(
            x=study.n_train, y=1.0, xref=f"x{panel}", yref=f"y{panel} domain", text=_esc(labels["test"]),
            showarrow=False, xanchor="left", yanchor="top", font=dict(size=12)))
    layout["xaxis2"]["range"] = [start - 0.5, T - 0.5]
    layout.update(_static_layout(560, legend=dict(orientation="h", y=-0.12, yanchor="top", x=0)))
    return go.Figure(data=data, layout=layout)


def _line_layout(height: int, title: str, x_title: str, x: float, **kw: object) -> dict:
    return _static_layout(
        height, title, shapes=[_vline(x)], xaxis=dict(title=dict(text=x_title), **kw),
        yaxis=dict(title=dict(text="RMSE"), rangemode="tozero"),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
    )


def error_by_k(study: SeriesStudy, labels: dict[str, str]) -> go.Figure:
    """Test RMSE of the k-step predictions for k = 1 … K: the window and the state, against the noise."""
    ks = np.arange(1, len(study.ar_rmse_by_k) + 1)
    hover = "k = %{x}: %{y:.3f}<extra></extra>"
    data = [go.Scatter(x=ks, y=study.ar_rmse_by_k, mode="lines+markers", name=_esc(labels["ar"]),
                       line=dict(color=AR_COLOR), hovertemplate=hover),
            go.Scatter(x=ks, y=study.rnn_rmse_by_k, mode="lines+markers", name=_esc(labels["rnn"]),
                       line=dict(color=RNN_COLOR), hovertemplate=hover)]
    layout = _line_layout(330, labels["title"], "k", study.k, dtick=4)
    if study.noise > 0:
        layout["shapes"].append(dict(type="line", x0=0, x1=1, y0=study.noise, y1=study.noise, xref="paper",
                                     yref="y", line=dict(color=DATA_COLOR, dash="dot")))
        layout["annotations"] = [dict(x=1, y=study.noise, xref="paper", yref="y", text=_esc(labels["floor"]),
                                      showarrow=False, xanchor="right", yanchor="top",
                                      font=dict(color=DATA_COLOR))]
    return go.Figure(data=data, layout=layout)


def error_by_tau(study: SeriesStudy, labels: dict[str, str]) -> go.Figure:
    """Test RMSE of AR(τ) for τ = 1 … τ_max (1 step and k steps) against the RNN's state."""
    taus = np.arange(1, len(study.ar_rmse_by_tau) + 1)
    hover = "τ = %{x}: %{y:.3f}<extra></extra>"
    data = [go.Scatter(x=taus, y=study.ar_rmse_by_tau, mode="lines+markers", name=_esc(labels["ar1"]),
                       line=dict(color=AR_COLOR), hovertemplate=hover),
            go.Scatter(x=taus, y=study.ar_k_rmse_by_tau, mode="lines+markers", name=_esc(labels["ark"]),
                       line=dict(color=AR_K_COLOR, dash="dash"), hovertemplate=hover)]
    for value, name, dash in ((study.rnn_rmse_by_k[0], labels["rnn1"], "solid"),
                              (study.rnn_rmse_by_k[study.k - 1], labels["rnnk"], "dash")):
        data.append(go.Scatter(x=[taus[0], taus[-1]], y=[value, value], mode="lines", name=_esc(name),
                               line=dict(color=RNN_COLOR, dash=dash),
                               hovertemplate=f"{value:.3f}<extra></extra>"))
    layout = _line_layout(340, labels["title"], "τ", study.ar.tau, dtick=1)
    layout["margin"]["t"] = 80
    return go.Figure(data=data, layout=layout)


def hidden_states(h: np.ndarray, x: np.ndarray, labels: dict[str, str]) -> go.Figure:
    """The input x_t above and the RNN state h_t (H rows) below it, one column per time step."""
    T, H = h.shape
    layout = _stacked(((0.78, 1.0), (0.0, 0.74)), None)
    layout["yaxis"]["title"] = dict(text="x")
    layout["yaxis2"].update(title=dict(text=_esc(labels["unit"])), autorange="reversed")
    layout.update(_static_layout(420, labels["title"], showlegend=False))
    return go.Figure(data=[
        go.Scatter(x=np.arange(T), y=x, mode="lines", line=dict(color=DATA_COLOR), name="x",
                   hovertemplate="t = %{x}: %{y:.3f}<extra></extra>"),
        go.Heatmap(z=h.T, x=np.arange(T), y=np.arange(1, H + 1), colorscale=DIVERGING, zmin=-1, zmax=1,
                   xaxis="x2", yaxis="y2", colorbar=dict(thickness=12, len=0.7, y=0.37),
                   hovertemplate="t = %{x}, unit %{y}: %{z:.3f}<extra></extra>"),
    ], layout=layout)


def impulse(resp: ImpulseResponse, tau: int, labels: dict[str, str], after: int = 45,
            before: int = 5) -> go.Figure:
    """Δx̂_t after x_{t0} moves by δ: AR(τ) as bars inside its window, the RNN as a line that fades.

    Below, |Δx̂_t| on a log scale, where the RNN's tail stays visible and the AR bars simply end.
    """
    T = len(resp.ar)
    lo, hi = max(0, resp.t0 - before), min(T, resp.t0 + after + 1)
    t = np.arange(lo, hi)
    ar, rnn = resp.ar[lo:hi], resp.rnn[lo:hi]
    with np.errstate(divide="ignore"):
        log_ar = np.where(ar != 0, np.log10(np.abs(ar)), np.nan)
        log_rnn = np.where(rnn != 0, np.log10(np.abs(rnn)), np.nan)
    lin, log = "t = %{x}: %{y:.3g}<extra></extra>", "t = %{x}: 10^%{y:.2f}<extra></extra>"
    data = [
        go.Bar(x=t, y=ar, marker_color=AR_COLOR, name=_esc(labels["ar"]), hovertemplate=lin),
        go.Scatter(x=t, y=rnn, mode="lines+markers", line=dict(color=RNN_COLOR), marker=dict(size=5),
                   name=_esc(labels["rnn"]), hovertemplate=lin),
        go.Scatter(x=t, y=log_ar, mode="markers", marker=dict(color=AR_COLOR, size=9, symbol="square"),
                   showlegend=False, hovertemplate=log, xaxis="x2", yaxis="y2"),
        go.Scatter(x=t, y=log_rnn, mode="lines+markers", line=dict(color=RNN_COLOR), marker=dict(size=5),
                   showlegend=False, hovertemplate=log, xaxis="x2", yaxis="y2"),
    ]
    layout = _stacked(((0.56, 0.96), (0.0, 0.42)), (labels["linear"], labels["log"]))
    layout["shapes"] = [shape for panel in ("", "2") for shape in (
        _band(resp.t0 + 0.5, resp.t0 + tau + 0.5, panel, "#d0e2ff", 0.6),
        _vline(resp.t0, f"x{panel}", f"y{panel} domain"))]
    layout["annotations"].append(dict(
        x=resp.t0 + tau + 0.5, y=1.0, xref="x", yref="y domain", xshift=4, text=_esc(labels["window"]),
        showarrow=False, xanchor="left", yanchor="top", font=dict(size=12, color=AR_COLOR)))
    layout["yaxis"]["title"] = dict(text="Δx̂")
    layout["yaxis2"]["title"] = dict(text="log10 |Δx̂|")
    layout.update(_static_layout(
        540, labels["title"], bargap=0.3,
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right")))
    layout["margin"]["t"] = 90
    return go.Figure(data=data, layout=layout)
