"""Classification (C20, C21): a trained sentiment LSTM read character by character, why order
matters (bag of characters against the LSTM), the classic PyTorch practice step by step with live
training, and RNN, LSTM and GRU trained side by side on the same reviews."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
import torch

from core.classify import (
    CELLS,
    Evaluation,
    PairReport,
    RunningPrediction,
    char_tokens,
    compare_pair,
    dataset,
    draw_batch,
    evaluate,
    forward_shapes,
    load_sentiment_model,
    loss_fn,
    new_model,
    param_table,
    running_prediction,
    score,
    train_classifier,
    word_ends,
)
from core.lstm import lstm_param_count
from core.sentiment_data import EXAMPLE_REVIEWS, KINDS_OF_REVIEW, order_pairs
from core.text import MAX_CHARS, MAX_TOKENS, PAD, clean_text
from core.train import TrainResult
from ui import figures, figures_classification
from ui.i18n import t
from ui.shell import ensure_shell
from ui.training import ask, asked, run_live, stop_reason, trained
from ui.widgets import EXAMPLE_TEXT, kept, remember, step_player, text_input, torch_badge

ensure_shell()

SHOWN = dict(config={"displayModeBar": False})
HIDDEN_CHOICES = (4, 8, 16, 32, 48, 64)  # live models stay small: H ≤ 64
STEP_CHOICES = (20, 50, 100, 200, 300, 500, 800, 1000, 1500)
LR_CHOICES = (0.001, 0.003, 0.01, 0.03, 0.1)
LIVE_SECONDS = 20.0  # one live run; the comparison gets this much for each of its three models
COMPARE_SECONDS = 8.0
COMPARE_STEP_CHOICES = (20, 50, 100, 200, 300, 400, 600)
BATCH_SHOWN = 6  # reviews in the batch the loader section draws
LIVE = dict(E=16, batch_size=64, unk_rate=0.03, word_unk_rate=0.08, eval_every=50, eval_size=400)


@dataclass(frozen=True)
class Knobs:
    """The settings of the live LSTM in "the classic practice"."""

    hidden: int
    steps: int
    lr: float
    seed: int


# --- the cached calls into core ---------------------------------------------------------------
@st.cache_data(max_entries=128, show_spinner=False)
def read_text(text: str) -> RunningPrediction:
    """The shipped LSTM over one text, every gate and the running prediction."""
    return running_prediction(text)


@st.cache_data(max_entries=64, show_spinner=False)
def read_pair(first: str, second: str) -> PairReport:
    return compare_pair(first, second)


@st.cache_data(max_entries=32, show_spinner=False)
def loader_batch(number: int, size: int = BATCH_SHOWN) -> tuple[list[str], list[int], np.ndarray,
                                                                np.ndarray, tuple[str, ...]]:
    """Batch ``number`` drawn by the loader: texts, labels, ids (B, T), lengths (B,), vocabulary."""
    data, vocab, train_t, _ = dataset()
    idx, (ids, lengths, labels) = draw_batch(train_t, torch.Generator().manual_seed(number), size)
    texts = [data.train[int(i)].text for i in idx]
    return texts, [int(v) for v in labels], ids.numpy(), lengths.numpy(), vocab.itos


@st.cache_data(max_entries=16, show_spinner=False)
def untrained(hidden: int, seed: int, number: int) -> tuple[str, list[tuple[str, tuple[int, ...], int]],
                                                            list[tuple[str, tuple[int, ...]]], float,
                                                            list[float], Evaluation]:
    """The model before training (the live run starts from exactly these weights): its printout,
    parameters, one forward pass on batch ``number`` and its test evaluation."""
    _, _, train_t, test_t = dataset()
    model = new_model("lstm", E=LIVE["E"], H=hidden, seed=seed).eval()
    _, batch = draw_batch(train_t, torch.Generator().manual_seed(number), BATCH_SHOWN)
    with torch.no_grad():
        loss = float(loss_fn(model, batch))
        probs = torch.sigmoid(model(batch[0], batch[1])).tolist()
    return (str(model), param_table(model), forward_shapes(model, batch), loss, probs,
            evaluate(model, test_t))


def visitor_evaluation(key: str) -> Evaluation | None:
    """The test evaluation of the visitor's model under ``key``, computed once per run."""
    result = trained(key)
    if result is None:
        return None
    memo = st.session_state.setdefault("cls_evaluations", {})
    tag = (key, id(result.model), result.steps)
    if memo.get(key, (None,))[0] != tag:
        memo[key] = (tag, evaluate(result.model, dataset()[3]))
    return memo[key][1]



# --- input ---------------------------------------------------------------------------------
def use_example() -> None:
    """Selectbox callback: put the chosen example review into the shared text box."""
    chosen = st.session_state.get("cls_example")
    if chosen is not None:
        st.session_state["user_text"] = chosen
        remember("user_text")
        st.session_state["cls_example"] = None


def settings() -> None:
    st.selectbox(t("cls.example"), EXAMPLE_REVIEWS, index=None, placeholder=t("cls.example.placeholder"),
                 format_func=lambda text: text.replace("\n", "  ⟷  "), key="cls_example",
                 on_change=use_example, help=t("cls.example.help"))
    meta = load_sentiment_model().meta  # type: ignore[attr-defined]
    m = meta["metrics"]
    st.caption(t("cls.model.facts", E=meta["E"], H=meta["H"], n=m["train_reviews"],
                 acc=m["accuracy"], neg=m["negated_accuracy"], test=m["test_reviews"]))


def pick_line(sentences: list[str]) -> tuple[int, str]:
    if len(sentences) == 1:
        return 1, sentences[0]
    keep = kept("cls_line", 1)
    if not 1 <= st.session_state["cls_line"] <= len(sentences):
        st.session_state["cls_line"] = 1
    i = int(st.selectbox(t("cls.line"), range(1, len(sentences) + 1), **keep))
    return i, sentences[i - 1]


def capped(text: str) -> tuple[str, int]:
    """The first MAX_TOKENS characters of ``text`` and how many were cut."""
    tokens = char_tokens(text)
    return "".join(tokens[:MAX_TOKENS]), max(0, len(tokens) - MAX_TOKENS)


# --- 1. the learner's sentence, character by character ------------------------------------------
def pick_twin(i: int, sentences: list[str]) -> int | None:
    """Another line of the text box to draw beside the one being read (None: no comparison)."""
    if len(sentences) < 2:
        return None
    others = [j for j in range(1, len(sentences) + 1) if j != i]
    names = {0: t("cls.twin.none"), **{j: t("cls.twin.line", j=j) for j in others}}
    if st.session_state.get("cls_twin") not in names:
        st.session_state["cls_twin"] = others[0]
    j = int(st.selectbox(t("cls.twin"), list(names), format_func=names.__getitem__, help=t("cls.twin.help"),
                         **kept("cls_twin", others[0])))
    return j or None


def reading_section(sentences: list[str]) -> None:
    st.header(t("cls.read.title"), divider="gray")
    st.markdown(t("cls.read.body"))
    if any(sentences == default.split("\n") for default in EXAMPLE_TEXT.values()):
        st.info(t("cls.read.not_review"), icon=":material/lightbulb:")
    c1, c2 = st.columns(2)
    with c1:
        i, line = pick_line(sentences)
    with c2:
        j = pick_twin(i, sentences)
    text, dropped = capped(line)
    if dropped:
        st.warning(t("input.tokens_cut", i=i, cap=MAX_TOKENS, n=dropped))
    run = read_text(text)
    twin = None
    if j is not None:
        twin_run = read_text(capped(sentences[j - 1])[0])
        twin = (t("cls.twin.line", j=j), twin_run.tokens, twin_run.p)
    model = load_sentiment_model()
    T = len(run.tokens)
    final = float(run.p[-1])
    c1, c2, c3 = st.columns(3)
    c1.metric(t("cls.read.lstm"), f"{final:.1%}")
    c2.metric(t("cls.read.bow"), f"{run.bow_p:.1%}")
    c3.metric(t("cls.read.verdict"), t("cls.positive") if final >= 0.5 else t("cls.negative"))
    unknown = list(dict.fromkeys(tok for tok, u in zip(run.tokens, run.unk, strict=True) if u))
    if unknown:
        st.markdown(t("cls.read.unknown", n=len(unknown)))
        st.code("  ".join(unknown), language=None)
        if run.unk.mean() > 0.5:
            st.warning(t("cls.read.mostly_unknown"))
    st.caption(t("cls.read.domain"))

    turn = run.biggest_word_turn()
    if turn is not None:
        step, word, p_then, p_now = turn
        st.markdown(t("cls.read.turn", t=step, word=word, before=p_then, after=p_now))
    before = run.p_before  # (T,) the prediction one character earlier
    ends = word_ends(run.tokens)
    b = float(model.head.bias.detach()[0])
    w = model.head.weight.detach().numpy()[0]  # (H,)
    h = run.trace.h  # (T, H)

    def render(step: int) -> None:
        c1, c2 = st.columns([1, 4])
        c1.markdown(t("cls.step.char"))
        token = run.tokens[step - 1]
        c1.code(figures.label(token) if token.isspace() else token, language=None)
        p_before, p_now = float(before[step - 1]), float(run.p[step - 1])
        c2.markdown(t("cls.step.now", t=step, before=p_before, after=p_now, delta=p_now - p_before))
        c2.latex(rf"P(\text{{pos}}\mid x_1\ldots x_{{{step}}}) = \sigma(w^\top h_{{{step}}} + b)"
                 rf" = \sigma({run.logits[step - 1]:.3f}) = {p_now:.3f}")
        st.plotly_chart(figures_classification.running_probability(
            run.tokens, run.p, step, t("cls.fig.running", T=T), t("cls.fig.p_axis"), ends=ends, twin=twin),
            key="cls_fig_running", **SHOWN)
        h_prev = h[step - 2] if step > 1 else np.zeros_like(h[0])
        st.plotly_chart(figures_classification.unit_votes(
            h[step - 1], h_prev, w, step, t("cls.fig.votes", t=step, logit=run.logits[step - 1], b=b),
            {"before": t("cls.fig.votes.before"), "now": t("cls.fig.votes.now"),
             "axis": t("cls.fig.votes.axis")}), key="cls_fig_votes", **SHOWN)

    step_player(T, render, key="cls_step")
    # All steps at once, outside the player: redrawing a T × H heatmap at every step costs more than
    # the outline it would move is worth.
    heatmap = figures_classification.hidden_heatmap(run.tokens, h, None, t("cls.fig.hidden", H=h.shape[1]))
    st.plotly_chart(heatmap, key="cls_fig_hidden", **SHOWN)
    torch_badge("nn.LSTM", run.torch_diff)


# --- 2. order matters ----------------------------------------------------------------------------
def pair_texts() -> tuple[str, str, int | None, int | None] | None:
    pairs = order_pairs()
    names = {i: f"{a}  ·  {b}" for i, (a, b, _, _) in enumerate(pairs)}
    names[-1] = t("cls.order.own")
    choice = st.selectbox(t("cls.order.pick"), list(names), format_func=names.__getitem__,
                          **kept("cls_pair", 0))
    if choice != -1:
        return pairs[choice]
    c1, c2 = st.columns(2)
    raw_a = c1.text_input(t("cls.order.a"), max_chars=MAX_CHARS, **kept("cls_pair_a", pairs[0][0]))
    raw_b = c2.text_input(t("cls.order.b"), max_chars=MAX_CHARS, **kept("cls_pair_b", pairs[0][1]))
    a, b = (capped(clean_text(raw or "").text.replace("\n", " ").strip())[0] for raw in (raw_a, raw_b))
    if not a or not b:
        st.info(t("cls.order.empty"))
        return None
    return a, b, None, None


def order_section() -> None:
    st.header(t("cls.order.title"), divider="gray")
    st.markdown(t("cls.order.body"))
    chosen = pair_texts()
    if chosen is not None:
        a, b, label_a, label_b = chosen
        report = read_pair(a, b)
        names = {None: "—", 0: t("cls.negative"), 1: t("cls.positive")}
        st.dataframe(pd.DataFrame({
            t("cls.order.col.text"): [a, b],
            t("cls.order.col.label"): [names[label_a], names[label_b]],
            t("cls.order.col.bow"): [f"{report.first.bow_p:.4f}", f"{report.second.bow_p:.4f}"],
            t("cls.order.col.lstm"): [f"{report.first.p[-1]:.4f}", f"{report.second.p[-1]:.4f}"],
        }), hide_index=True)
        if report.same_bag:
            st.success(t("cls.order.same_bag", gap=report.bow_gap, lstm=report.lstm_gap),
                       icon=":material/balance:")
        else:
            st.info(t("cls.order.not_same_bag"), icon=":material/info:")
        if label_a is None and chosen in order_pairs():
            st.info(t("cls.order.outside"), icon=":material/warning:")
        st.plotly_chart(figures_classification.pair_curves(
            [("A", report.first.tokens, report.first.p, report.first.bow_p),
             ("B", report.second.tokens, report.second.p, report.second.bow_p)],
            t("cls.fig.pair"), {"bow": t("cls.bow.short"), "axis": t("cls.fig.p_axis")}),
            key="cls_fig_pair", **SHOWN)

    st.markdown(t("cls.order.kinds"))
    m = load_sentiment_model().meta["metrics"]  # type: ignore[attr-defined]
    kinds = list(KINDS_OF_REVIEW)
    labels = [t(f"cls.kind.{k}") for k in kinds]
    st.plotly_chart(figures_classification.kind_accuracy(
        labels, [("LSTM", [m[f"kind_{k}"] for k in kinds]),
                 (t("cls.bow.short"), [m[f"bow_kind_{k}"] for k in kinds])],
        t("cls.fig.kinds", n=m["test_reviews"]), t("cls.fig.accuracy")), key="cls_fig_kinds", **SHOWN)
    st.caption(t("cls.order.kinds_note", lstm=m["accuracy"], bow=m["bow_accuracy"],
                 lstm_neg=m["negated_accuracy"], bow_neg=m["bow_negated_accuracy"]))


# --- 3. the classic practice ---------------------------------------------------------------------
DATA_CODE = """\
reviews = make_splits(seed=0)            # 6,000 training and 1,200 held-out reviews
vocab = build_vocab(r.text for r in reviews.train)   # characters, <pad> = 0, <unk> = 1
train = review_tensors(reviews.train, vocab)         # ids (N, T_max), lengths (N,), labels (N,)
sample = make_sampler(train, batch_size=64)          # the loader: sample(g) -> one batch
ids, lengths, labels = sample(torch.Generator().manual_seed(1))"""

MODEL_CODE = """\
class SentimentModel(nn.Module):
    def __init__(self, vocab_size, E=16, H=32):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, E, padding_idx=0)
        self.rnn = nn.LSTM(E, H, batch_first=True)      # or nn.RNN / nn.GRU
        self.head = nn.Linear(H, 1)

    def forward(self, ids, lengths):                    # ids (B, T), lengths (B,)
        h, _ = self.rnn(self.embedding(ids))            # (B, T, H)
        last = h[torch.arange(len(ids)), lengths - 1]   # (B, H): each review's own h_T
        return self.head(last).squeeze(-1)              # (B,) logits; sigmoid -> P(positive)"""

TRAIN_CODE = """\
opt = torch.optim.Adam(model.parameters(), lr=lr)
for step in range(steps):
    ids, lengths, y = sample(g)
    loss = F.binary_cross_entropy_with_logits(model(ids, lengths), y)
    opt.zero_grad(); loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()"""


def practice_knobs() -> Knobs:
    c1, c2, c3, c4 = st.columns(4)
    hidden = c1.select_slider(t("cls.knob.hidden"), HIDDEN_CHOICES, help=t("cls.knob.hidden.help"),
                              **kept("cls_hidden", 32))
    steps = c2.select_slider(t("cls.knob.steps"), STEP_CHOICES, **kept("cls_steps", 500))
    lr = c3.select_slider(t("cls.knob.lr"), LR_CHOICES, **kept("cls_lr", 0.01))
    seed = c4.number_input(t("cls.knob.seed"), 0, 9999, **kept("cls_seed", 0))
    st.caption(t("cls.knob.caps", seconds=LIVE_SECONDS, steps=max(STEP_CHOICES), h=max(HIDDEN_CHOICES)))
    return Knobs(int(hidden), int(steps), float(lr), int(seed))


def data_step() -> int:
    data, vocab, _, test_t = dataset()
    st.subheader(t("cls.data.title"))
    st.markdown(t("cls.data.body"))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("cls.data.train"), f"{len(data.train):,}")
    c2.metric(t("cls.data.test"), f"{len(data.test):,}")
    c3.metric(t("cls.data.vocab"), f"{len(vocab):,}")
    c4.metric(t("cls.data.negated"), f"{float(test_t.negated.float().mean()):.0%}")
    st.code(DATA_CODE, language="python")
    kinds = {k: t(f"cls.kind.{k}") for k in KINDS_OF_REVIEW}
    sample = data.train[3::751][:8]  # an odd stride: labels alternate in the split
    st.dataframe(pd.DataFrame({
        t("cls.data.col.text"): [r.text for r in sample],
        t("cls.data.col.label"): [t("cls.positive") if r.label else t("cls.negative") for r in sample],
        t("cls.data.col.kind"): [kinds[r.kind] for r in sample],
    }), hide_index=True)
    st.markdown(t("cls.data.heldout"))

    number = int(st.number_input(t("cls.data.batch"), 1, 9999, help=t("cls.data.batch.help"),
                                 **kept("cls_batch", 1)))
    texts, labels, ids, lengths, itos = loader_batch(number)
    B, T = ids.shape
    st.markdown(t("cls.data.shapes", B=B, T=T, pad=int((ids == PAD).sum()), total=B * T))
    st.plotly_chart(figures_classification.batch_characters(ids, lengths, itos,
                                                            t("cls.data.batch.figure", B=B, T=T)),
                    key="cls_fig_batch", **SHOWN)
    st.dataframe(pd.DataFrame({
        "i": range(1, B + 1), t("cls.data.col.text"): texts, "lengths[i]": lengths.tolist(),
        "labels[i]": labels,
    }), hide_index=True)
    return number


def model_steps(knobs: Knobs, number: int) -> Evaluation:
    printout, params, shapes, loss, probs, before = untrained(knobs.hidden, knobs.seed, number)
    st.subheader(t("cls.model.title"))
    st.markdown(t("cls.model.body"))
    st.code(MODEL_CODE, language="python")
    st.code(printout, language=None)

    st.subheader(t("cls.params.title"))
    st.markdown(t("cls.params.body"))
    st.dataframe(pd.DataFrame({
        t("cls.params.name"): [n for n, _, _ in params],
        t("cls.params.shape"): [" × ".join(map(str, s)) for _, s, _ in params],
        t("cls.params.count"): [c for _, _, c in params],
    }), hide_index=True)
    total = sum(c for _, _, c in params)
    V = params[0][1][0]
    E, H = LIVE["E"], knobs.hidden
    total_tex, lstm_tex = f"{total:,}".replace(",", "{,}"), f"{lstm_param_count(E, H):,}".replace(",", "{,}")
    st.latex(rf"\underbrace{{{V}\cdot{E}}}_{{\text{{embedding}}}} + "
             rf"\underbrace{{4\,({H}\cdot({E}+{H}) + 2\cdot{H})}}_{{\text{{LSTM}} = {lstm_tex}}}"
             rf" + \underbrace{{{H}+1}}_{{\text{{head}}}} = {total_tex}")

    st.subheader(t("cls.forward.title"))
    st.markdown(t("cls.forward.body"))
    st.dataframe(pd.DataFrame({t("cls.forward.stage"): [s for s, _ in shapes],
                               t("cls.forward.shape"): [str(tuple(v)) for _, v in shapes]}),
                 hide_index=True)
    st.markdown(t("cls.forward.loss", loss=loss, chance=np.log(2.0),
                  probs=", ".join(f"{p:.3f}" for p in probs)))

    st.subheader(t("cls.before.title"))
    st.markdown(t("cls.before.body", acc=before.accuracy, loss=before.loss, chance=np.log(2.0)))
    c1, c2 = st.columns([1, 1])
    c1.plotly_chart(figures_classification.confusion(before.confusion, confusion_names(),
                                                     t("cls.fig.confusion.before")),
                    key="cls_fig_confusion_before", **SHOWN)
    c2.markdown(t("cls.before.read", tn=int(before.confusion[0, 0]), fp=int(before.confusion[0, 1]),
                  fn=int(before.confusion[1, 0]), tp=int(before.confusion[1, 1])))
    return before


def confusion_names() -> dict[str, str]:
    return {"neg": t("cls.negative"), "pos": t("cls.positive"), "true": t("cls.fig.true"),
            "pred": t("cls.fig.pred")}


def curve_names() -> dict[str, str]:
    return {"step": t("train.step"), "loss": t("train.loss"), "accuracy": t("cls.fig.accuracy")}


def accuracy_points(result: TrainResult[Any]) -> list[tuple[int, float]]:
    return [(step, m["accuracy"]) for step, m in result.evals]


def training_step(knobs: Knobs, sentences: Sequence[str]) -> None:
    st.subheader(t("cls.train.title"))
    st.markdown(t("cls.train.body"))
    st.code(TRAIN_CODE, language="python")
    st.button(t("cls.train.button"), key="cls_train", icon=":material/model_training:", type="primary",
              on_click=ask, args=("cls_train",))
    if asked("cls_train"):
        run_live("cls_run", lambda report: train_classifier(
            "lstm", H=knobs.hidden, steps=knobs.steps, max_seconds=LIVE_SECONDS, lr=knobs.lr,
            seed=knobs.seed, on_progress=report, **LIVE))
    result = trained("cls_run")
    if result is None:
        st.info(t("cls.train.none"), icon=":material/info:")
        return
    st.caption(stop_reason(result))
    H = result.model.rnn.hidden_size
    st.plotly_chart(figures_classification.training_curves(
        [(f"LSTM · H = {H}", "lstm", result.losses, accuracy_points(result))],
        (t("cls.fig.loss_curve"), t("cls.fig.acc_curve", n=LIVE["eval_size"])), curve_names()),
        key="cls_fig_run_curves", **SHOWN)

    st.subheader(t("cls.test.title"))
    ev = visitor_evaluation("cls_run")
    assert ev is not None
    c1, c2, c3 = st.columns(3)
    c1.metric(t("cls.test.accuracy"), f"{ev.accuracy:.1%}")
    c2.metric(t("cls.test.negated"), f"{ev.negated_accuracy:.1%}")
    c3.metric(t("cls.test.loss"), f"{ev.loss:.3f}")
    c1, c2 = st.columns([1, 1])
    c1.plotly_chart(figures_classification.confusion(ev.confusion, confusion_names(),
                                                     t("cls.fig.confusion.after")),
                    key="cls_fig_confusion_after", **SHOWN)
    kinds = list(KINDS_OF_REVIEW)
    yours = [(t("cls.test.yours"), [ev.by_kind.get(k, 0.0) for k in kinds])]
    c2.plotly_chart(figures_classification.kind_accuracy(
        [t(f"cls.kind.{k}") for k in kinds], yours, t("cls.fig.kinds", n=len(ev.probabilities)),
        t("cls.fig.accuracy")), key="cls_fig_kinds_after", **SHOWN)
    if sentences:
        text = capped(sentences[0])[0]
        mine = score(result.model.eval(), [text])[0]
        shipped = float(read_text(text).p[-1])
        st.markdown(t("cls.test.sentence", mine=mine, shipped=shipped))


def practice_section(sentences: Sequence[str]) -> None:
    st.header(t("cls.practice.title"), divider="gray")
    st.markdown(t("cls.practice.body"))
    with st.container(border=True):
        knobs = practice_knobs()
    number = data_step()
    model_steps(knobs, number)
    training_step(knobs, sentences)


# --- 4. RNN, LSTM and GRU side by side ------------------------------------------------------------
def compare_section() -> None:
    st.header(t("cls.compare.title"), divider="gray")
    st.markdown(t("cls.compare.body"))
    c1, c2 = st.columns(2)
    steps = int(c1.select_slider(t("cls.knob.steps"), COMPARE_STEP_CHOICES, **kept("cls_cmp_steps", 300)))
    hidden = int(c2.select_slider(t("cls.knob.hidden"), HIDDEN_CHOICES, **kept("cls_cmp_hidden", 32)))
    st.caption(t("cls.compare.caps", seconds=COMPARE_SECONDS, steps=max(COMPARE_STEP_CHOICES)))
    st.button(t("cls.compare.button"), key="cls_compare", icon=":material/compare_arrows:",
              on_click=ask, args=("cls_compare",))
    if asked("cls_compare"):
        for cell in CELLS:
            st.markdown(f"**{cell.upper()}**")
            done = run_live(f"cls_cmp_{cell}", lambda report, cell=cell: train_classifier(
                cell, H=hidden, steps=steps, max_seconds=COMPARE_SECONDS, lr=0.01, seed=0,
                on_progress=report, **LIVE))
            if done is None:
                break
    results = {cell: trained(f"cls_cmp_{cell}") for cell in CELLS}
    if not any(results.values()):
        st.info(t("cls.compare.none"), icon=":material/info:")
        return
    runs = [(f"{cell.upper()} · H = {r.model.rnn.hidden_size}", cell, r.losses, accuracy_points(r))
            for cell, r in results.items() if r is not None]
    st.plotly_chart(figures_classification.training_curves(
        runs, (t("cls.fig.loss_curve"), t("cls.fig.acc_curve", n=LIVE["eval_size"])), curve_names()),
        key="cls_fig_compare_curves", **SHOWN)
    rows = []
    for cell, r in results.items():
        if r is None:
            continue
        ev = visitor_evaluation(f"cls_cmp_{cell}")
        assert ev is not None
        rows.append({t("cls.compare.col.model"): cell.upper(),
                     t("cls.compare.col.params"): sum(p.numel() for p in r.model.rnn.parameters()),
                     t("cls.compare.col.steps"): r.steps,
                     t("cls.compare.col.seconds"): round(r.seconds, 1),
                     t("cls.test.accuracy"): f"{ev.accuracy:.1%}",
                     t("cls.test.negated"): f"{ev.negated_accuracy:.1%}"})
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption(t("cls.compare.note"))


def main() -> None:
    st.title(t("page.classification.title"))
    st.markdown(t("cls.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = text_input()
    with right, st.expander(t("cls.settings"), expanded=True):
        settings()
    if sentences:
        reading_section(sentences)
    order_section()
    practice_section(sentences)
    compare_section()


main()
