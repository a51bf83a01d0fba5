"""Long-range memory lab (C17): RNN, LSTM and GRU trained on a recall task across a distance d.

The default view shows the shipped reference sweep (``core/data/memory_sweep.json``, written by
``python -m core.memory``), clearly labelled as precomputed; the visitor can then train their own
runs live (capped in steps, seconds and size), which stay in their session only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
import streamlit as st
import torch

from core.memory import (
    FORGET_BIAS,
    KINDS,
    LEARNED,
    MAX_DISTANCE,
    RunSpec,
    as_text,
    chance,
    load_sweep,
    recall_batch,
    run,
    variant_of,
    verdict,
)
from ui import figures_memory_lab as figs
from ui.i18n import t
from ui.shell import ensure_shell
from ui.training import ask, asked, run_live, stop_reason
from ui.widgets import kept

ensure_shell()

LIVE_DISTANCES = (2, 5, 10, 15, 20, 30, 40, 60)
MAX_LIVE_DISTANCES = 3
HIDDEN_CHOICES = (8, 16, 32, 64)
MAX_SECONDS = 10  # per run
LIVE_STEPS = 600  # per run
BIAS_CHOICES = (0.0, 1.0, 2.0, 3.0)
RESULTS = "mem_results"  # session: the visitor's finished runs, one record per (model, d)
CHART = {"displayModeBar": False}


@dataclass(frozen=True)
class Knobs:
    """The settings of the visitor's own runs."""

    distances: tuple[int, ...]
    hidden: int
    seconds: int
    forget_bias: float
    seed: int


@st.cache_data(show_spinner=False)
def reference() -> dict:
    """The shipped reference sweep (read once; a copy per call)."""
    return load_sweep()


@st.cache_data(max_entries=64, show_spinner=False)
def samples(d: int, n: int = 4) -> list[tuple[str, str]]:
    """``n`` real sequences of the task at distance ``d`` and their answers."""
    x, y = recall_batch(d, n, torch.Generator().manual_seed(d))
    keys = "ABCD"
    return [(as_text(x[i]), keys[int(y[i])]) for i in range(n)]


def names() -> dict[str, str]:
    return {"rnn": t("mem.variant.rnn"), "lstm": t("mem.variant.lstm"),
            "gru": t("mem.variant.gru"), "lstm_b1": t("mem.variant.lstm_b1")}


def task_section() -> None:
    st.markdown(t("mem.intro"))
    st.subheader(t("mem.task.title"))
    st.markdown(t("mem.task.body"))
    d = int(st.number_input(t("mem.task.sample_d"), 0, MAX_DISTANCE, **kept("mem_sample_d", 8)))
    rows = samples(d)
    st.markdown(t("mem.task.sample", d=d, n=len(rows)))
    st.code("\n".join(f"{seq}   →   {answer}" for seq, answer in rows), language=None)
    st.markdown(t("mem.task.model"))


def charts(records: list[dict], prefix: str, default_d: int) -> None:
    """Accuracy against d, then the gradient by distance and during training at one chosen d."""
    n = names()
    st.plotly_chart(figs.accuracy_vs_distance(
        records, n, title=t("mem.fig.acc.title"), x_title=t("mem.fig.acc.x"),
        y_title=t("mem.fig.acc.y"), chance=chance(), chance_label=t("mem.fig.chance")),
        key=f"{prefix}_acc", config=CHART)
    ds = sorted({int(r["d"]) for r in records})
    if not ds:
        return
    chosen = kept(f"{prefix}_grad_d", default_d if default_d in ds else ds[-1])
    if st.session_state[chosen["key"]] not in ds:  # the visitor's distances changed since
        st.session_state[chosen["key"]] = ds[-1]
    d = int(st.radio(t("mem.grad.d"), ds, horizontal=True, **chosen))
    st.markdown(t("mem.grad.body"))
    st.plotly_chart(figs.gradient_vs_distance(
        records, d, n, title=t("mem.fig.grad.title", d=d), x_title=t("mem.fig.grad.x"),
        y_title=t("mem.fig.grad.y"), before=t("mem.fig.before"), after=t("mem.fig.after"),
        key_label=t("mem.fig.key")), key=f"{prefix}_grad", config=CHART)
    st.plotly_chart(figs.key_gradient_during_training(
        records, d, n, title=t("mem.fig.hist.title", d=d), x_title=t("mem.fig.hist.x"),
        grad_title="‖∂L/∂h_1‖", acc_title=t("mem.fig.acc.y")), key=f"{prefix}_hist", config=CHART)


def answer(records: list[dict]) -> None:
    """The measured answer: at which d the RNN fails and the LSTM learns, where both fail."""
    v = verdict(records)
    none = t("mem.answer.none")
    lines = [t(key, ds=", ".join(map(str, ds))) for key, ds in (
        ("mem.answer.rl", v.rnn_fails_lstm_learns), ("mem.answer.bl", v.both_learn),
        ("mem.answer.bf", v.both_fail), ("mem.answer.lr", v.lstm_fails_rnn_learns)) if ds]
    if not lines:
        st.info(t("mem.answer.empty"))
        return
    if v.gru_learns or v.gru_fails:
        lines.append(t("mem.answer.gru", good=", ".join(map(str, v.gru_learns)) or none,
                       bad=", ".join(map(str, v.gru_fails)) or none))
    st.markdown("\n".join(lines))
    st.caption(t("mem.answer.rule", learned=LEARNED))


def table(records: list[dict]) -> None:
    n = names()
    frame = pd.DataFrame({
        t("mem.col.model"): [n.get(variant_of(r), variant_of(r)) for r in records],
        t("mem.col.d"): [int(r["d"]) for r in records],
        t("mem.col.acc"): [round(float(r["accuracy"]), 3) for r in records],
        t("mem.col.steps"): [int(r["steps"]) for r in records],
        t("mem.col.seconds"): [float(r["seconds"]) for r in records],
        t("mem.col.key_grad"): [float(r["grad_after"][-1]) for r in records],
    })
    st.dataframe(frame, hide_index=True)


def reference_section() -> None:
    sweep = reference()
    s, records = sweep["settings"], sweep["runs"]
    st.header(t("mem.ref.title"), divider="gray")
    st.markdown(t("mem.ref.body", hidden=s["hidden"], seed=s["seed"], steps=s["max_steps"],
                  target=s["target"]))
    charts(records, "mem_ref", 20)
    st.subheader(t("mem.answer.title"))
    st.markdown(t("mem.answer.ref"))
    answer(records)
    st.markdown(t("mem.answer.body"))
    b1 = next((r for r in records if variant_of(r) == "lstm_b1" and r["d"] == 20), None)
    b2 = next((r for r in records if variant_of(r) == "lstm" and r["d"] == 20), None)
    if b1 is not None and b2 is not None:
        with st.expander(t("mem.bias.title"), icon=":material/tune:"):
            st.markdown(t("mem.bias.body", b1=f"{b1['accuracy']:.2f}", b2_steps=b2["steps"]))
    with st.expander(t("mem.ref.table"), icon=":material/table:"):
        table(records)


def settings() -> Knobs:
    c1, c2 = st.columns(2)
    distances = c1.multiselect(t("mem.live.distances"), LIVE_DISTANCES,
                               max_selections=MAX_LIVE_DISTANCES, **kept("mem_distances", [5, 20]))
    hidden = c2.select_slider(t("mem.live.hidden"), HIDDEN_CHOICES, **kept("mem_hidden", 32))
    seconds = c1.slider(t("mem.live.seconds"), 1, MAX_SECONDS, **kept("mem_seconds", 6))
    bias = c2.select_slider(t("mem.live.bias"), BIAS_CHOICES, help=t("mem.live.bias.help"),
                            format_func=lambda b: f"{b:g}", **kept("mem_bias", FORGET_BIAS))
    seed = c1.number_input(t("mem.live.seed"), 0, 9999, **kept("mem_seed", 0))
    chosen = tuple(sorted(int(d) for d in distances))
    if len(chosen) > MAX_LIVE_DISTANCES:  # e.g. an old session value
        st.warning(t("mem.live.too_many", n=MAX_LIVE_DISTANCES))
        chosen = chosen[:MAX_LIVE_DISTANCES]
    return Knobs(chosen, int(hidden), int(seconds), float(bias), int(seed))


def train_all(knobs: Knobs) -> None:
    """Every model at every chosen distance, one after another, each with its own progress bar."""
    results: dict[str, dict] = {}
    st.session_state[RESULTS] = results  # a new set of runs replaces the last one
    n = names()
    for d in knobs.distances:
        for kind in KINDS:
            st.markdown(f"**{t('mem.live.run', model=n[kind], d=d)}**")
            spec = RunSpec(kind, d, knobs.hidden, knobs.seed, LIVE_STEPS, float(knobs.seconds),
                           forget_bias=knobs.forget_bias)
            box: dict = {}

            def job(report, spec=spec, box=box):
                result, box["outcome"] = run(spec, on_progress=report)
                return result

            result = run_live(f"mem_run_{kind}_{d}", job)
            if result is None:  # no training slot came free: a message says so
                return
            record = asdict(box["outcome"])
            record["variant"] = kind
            results[f"{kind}:{d}"] = record
            st.caption(t("mem.live.result", acc=record["accuracy"], steps=record["steps"],
                         seconds=record["seconds"], reason=stop_reason(result)))


def live_section() -> None:
    st.header(t("mem.live.title"), divider="gray")
    st.markdown(t("mem.live.body", steps=LIVE_STEPS, seconds=MAX_SECONDS, target=RunSpec.target,
                  max_d=MAX_LIVE_DISTANCES, max_h=max(HIDDEN_CHOICES)))
    knobs = settings()
    c1, c2 = st.columns(2)
    c1.button(t("mem.live.train"), key="mem_train", type="primary", on_click=ask, args=("mem_train",),
              icon=":material/model_training:", disabled=not knobs.distances)
    c2.button(t("mem.live.clear"), key="mem_clear", icon=":material/delete:",
              on_click=lambda: st.session_state.pop(RESULTS, None))
    if not knobs.distances:
        st.info(t("mem.live.none"))
    if asked("mem_train") and knobs.distances:
        train_all(knobs)
    records = list(st.session_state.get(RESULTS, {}).values())
    st.subheader(t("mem.live.yours"))
    if not records:
        st.info(t("mem.live.empty"))
        return
    charts(records, "mem_own", max(int(r["d"]) for r in records))
    st.markdown(t("mem.answer.own"))
    answer(records)
    table(records)


def main() -> None:
    st.title(t("page.memory_lab.title"))
    task_section()
    reference_section()
    live_section()


main()
