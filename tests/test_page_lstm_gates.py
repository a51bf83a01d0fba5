"""The "LSTM gates" page through AppTest, and its figure builders as pure functions.

Numbers the page shows are checked against torch.nn.LSTM run here, independently of the
page's own code path (core.lstm's trace).
"""

from __future__ import annotations

import json
import re
import sys
import types

import numpy as np
import pytest
import torch

from core.lstm import make_lstm
from core.text import MAX_TOKENS, TokenizerSpec, text_to_tensors
from tests.test_pages import TEXTS, no_raw_html, open_page
from ui import figures_lstm_gates as fig_lstm
from ui.i18n import STRINGS
from ui.widgets import EXAMPLE_TEXT

PAGE = "pages/lstm_gates.py"


def s(key: str, lang: str = "en", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def reference_gates(text: str, *, dim: int = 4, hidden: int = 4, seed: int = 0, forget_bias: float = 1.0):
    """f, h (T, H) of the page's default random model, from torch.nn.LSTM's own weights and forward."""
    lines = [line for line in text.split("\n") if line.strip()]
    tt = text_to_tensors(lines, TokenizerSpec("word"), d=dim, seed=seed, max_tokens=MAX_TOKENS)
    x = torch.from_numpy(tt.embedded[0, : len(tt.sentences[0].tokens)])  # (T, E)
    lstm = make_lstm(dim, hidden, forget_bias=forget_bias, seed=seed)
    with torch.no_grad():
        h, _ = lstm(x)  # (T, H)
        h_prev = torch.cat([torch.zeros(1, hidden, dtype=h.dtype), h[:-1]])
        pre = x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0 + h_prev @ lstm.weight_hh_l0.T + lstm.bias_hh_l0
        f = torch.sigmoid(pre[:, hidden : 2 * hidden])  # PyTorch packs i, f, g, o
    return f.numpy(), h.numpy()


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def segments(xs) -> int:
    """Polylines in one trace whose segments are separated by None."""
    return sum(1 for k, x in enumerate(xs) if x is not None and (k == 0 or xs[k - 1] is None))


def metric(at, label_key: str) -> str:
    return next(m.value for m in at.metric if m.label == s(label_key))


# --- the page ------------------------------------------------------------------------------


def test_default_page_names_the_model_and_matches_torch_in_both_languages():
    at = open_page(PAGE, lang="ko")
    assert s("lstm.step.title", "ko") in [h.value for h in at.subheader]
    assert any(s("lstm.model.using_random", "ko", E=4, H=4, seed=0, b=1.0, T=6) in i.value for i in at.info)
    at.segmented_control(key="lang").set_value("en").run()  # the Korean example text stays
    assert s("lstm.step.title") in [h.value for h in at.subheader]
    at.text_area(key="user_text").input(EXAMPLE_TEXT["en"]).run()
    no_raw_html(at)
    assert any(s("lstm.model.using_random", E=4, H=4, seed=0, b=1.0, T=7) in i.value for i in at.info)
    badge = next(m.value for m in at.success if "nn.LSTM" in m.value)
    diff = float(re.search(r"difference ([0-9.e+-]+)", badge).group(1))
    assert diff <= 1e-12
    assert len(at.get("plotly_chart")) >= 5  # tokens, cell diagram, belt, heatmaps, cell lines
    assert s("lstm.caps", E=16, H=8, T=MAX_TOKENS) in [c.value for c in at.caption]


def test_equations_carry_this_steps_numbers_and_the_player_moves_them():
    f, h = reference_gates(EXAMPLE_TEXT["en"])
    at = open_page(PAGE, lang="en", step="3")
    assert at.slider(key="lstm_step__slider").value == 3
    eq = at.latex[0].value
    assert r"\sigma(" in eq and f"= {f[2, 0]:.3f}" in eq and f"= {h[2, 0]:.3f}" in eq
    at.button(key="lstm_step__next").click().run()
    assert at.slider(key="lstm_step__slider").value == 4 and at.query_params["step"] in ("4", ["4"])
    eq = at.latex[0].value
    assert f"= {f[3, 0]:.3f}" in eq and f"= {h[3, 0]:.3f}" in eq
    at.selectbox(key="lstm_unit").set_value(3).run()
    assert f"= {h[3, 2]:.3f}" in at.latex[0].value
    at.button(key="lstm_step__last").click().run()
    assert at.slider(key="lstm_step__slider").value == 7 and at.button(key="lstm_step__next").disabled
    assert f"= {h[6, 2]:.3f}" in at.latex[0].value
    # The diagram carries the same unit's numbers on its wires.
    diagram = next(c for c in charts(at) if "tanh(C<sub>t</sub>)" in json.dumps(c, ensure_ascii=False))
    texts = " ".join(a["text"] for a in diagram["layout"]["annotations"])
    assert f"h<sub>t</sub> = {h[6, 2]:+.3f}" in texts and "x<sub>t</sub> = &lt;eos&gt;" in texts


def test_interventions_change_what_follows_and_are_compared_with_the_original():
    at = open_page(PAGE, lang="en")
    assert s("lstm.iv.none_yet") in [i.value for i in at.info]
    at.radio(key="lstm_iv").set_value("forget0").run()
    assert not at.exception
    assert r"\cancel{" in at.latex[0].value and r"\to\; 0.000" in at.latex[0].value
    assert metric(at, "lstm.iv.first") == "t = 2"  # C_0 = 0: step 1 does not depend on f
    assert s("lstm.iv.explain.forget0") in [m.value for m in at.markdown]
    n_charts = len(at.get("plotly_chart"))
    assert n_charts >= 6  # the Δh / ΔC heatmaps appear

    at.radio(key="lstm_iv").set_value("reset").run()
    at.select_slider(key="lstm_reset_at").set_value(4).run()
    assert not at.exception
    assert metric(at, "lstm.iv.first") == "t = 4"
    at.button(key="lstm_step__last").click().run()
    at.select_slider(key="lstm_reset_at").set_value(1).run()
    assert metric(at, "lstm.iv.first") == "—"  # C_0 is zero already: nothing changes
    at.radio(key="lstm_iv").set_value("forget1").run()
    assert not at.exception
    assert float(metric(at, "lstm.iv.last_dh")) > 0


def test_peephole_toggle_adds_the_terms_the_wires_and_its_own_check():
    at = open_page(PAGE, lang="en", step="2")
    assert s("lstm.peep.off") in [i.value for i in at.info]
    at.toggle(key="lstm_peephole").set_value(True).run()
    assert not at.exception
    badge = next(m.value for m in at.success if "PeepholeLSTM" in m.value)
    assert float(re.search(r"difference ([0-9.e+-]+)", badge).group(1)) <= 1e-12
    eq = at.latex[0].value
    assert r"w_{cf}\odot C_{t-1}" in eq and r"w_{co}\odot C_t" in eq
    peep_label = "w<sub>co</sub>C<sub>t</sub>"
    diagram = next(c for c in charts(at) if peep_label in json.dumps(c, ensure_ascii=False))
    dashed = [tr for tr in diagram["data"] if tr.get("line", {}).get("dash") == "dash"]
    assert sum(segments(tr["x"]) for tr in dashed) == 3  # from the cell to f, i and o
    assert s("lstm.peep.weights", seed=0) in [c.value for c in at.caption]


def test_knobs_at_their_extremes():
    at = open_page(PAGE, lang="en")
    at.number_input(key="lstm_hidden").set_value(8)
    at.number_input(key="lstm_dim").set_value(16)
    at.number_input(key="lstm_seed").set_value(9999)
    at.slider(key="lstm_fbias").set_value(4.0).run()
    at.selectbox(key="lstm_unit").set_value(8).run()
    assert not at.exception
    assert any(s("lstm.model.using_random", E=16, H=8, seed=9999, b=4.0, T=7) in i.value for i in at.info)
    at.number_input(key="lstm_hidden").set_value(1)  # unit 8 no longer exists: back to 1
    at.number_input(key="lstm_dim").set_value(1)
    at.slider(key="lstm_fbias").set_value(-4.0)
    at.radio(key="lstm_level").set_value("char")
    at.text_area(key="user_text").input("가" * 300).run()
    assert not at.exception
    assert at.selectbox(key="lstm_unit").value == 1
    cut = STRINGS["input.tokens_cut"]["en"].format(i=1, cap=MAX_TOKENS, n=300 - (MAX_TOKENS - 2))
    assert cut in [w.value for w in at.warning]
    assert at.slider(key="lstm_step__slider").max == MAX_TOKENS
    assert any("nn.LSTM" in m.value for m in at.success)


def test_a_shorter_sentence_clamps_the_step_and_the_reset_step():
    at = open_page(PAGE, lang="en")
    at.radio(key="lstm_iv").set_value("reset").run()
    at.select_slider(key="lstm_reset_at").set_value(7).run()
    at.button(key="lstm_step__last").click().run()
    at.text_area(key="user_text").input("hi").run()  # <bos> hi <eos>
    assert not at.exception
    assert at.select_slider(key="lstm_reset_at").value == 3
    assert at.slider(key="lstm_step__slider").value == 3
    at.text_area(key="user_text").input("one\ntwo words here\nthree").run()
    at.selectbox(key="lstm_sentence").set_value(3).run()
    at.text_area(key="user_text").input("only one line").run()
    assert not at.exception


def test_api_explainer_shows_the_shapes_and_counts_torch_gives():
    at = open_page(PAGE, lang="en")
    for name, value in {"N": 3, "L": 7, "Q": 5, "K": 3, "D": 6}.items():
        at.number_input(key=f"lstm_api_{name}").set_value(value)
    at.toggle(key="lstm_api_bf").set_value(True)
    at.toggle(key="lstm_api_bi").set_value(True).run()  # all seven knobs in one rerun
    assert not at.exception
    reference = torch.nn.LSTM(5, 6, num_layers=3, batch_first=True, bidirectional=True)
    X = torch.zeros(3, 7, 5)
    Y, (h_n, c_n) = reference(X)
    tensors = next(d.value for d in at.dataframe if s("lstm.api.tensor") in d.value.columns)
    shapes = dict(zip(tensors[s("lstm.api.tensor")], tensors[s("lstm.api.shape")], strict=True))
    assert shapes == {"X": str(tuple(X.shape)), "Y": str(tuple(Y.shape)), "h_n": str(tuple(h_n.shape)),
                      "c_n": str(tuple(c_n.shape))}
    params = next(d.value for d in at.dataframe if s("lstm.api.param") in d.value.columns)
    assert list(params[s("lstm.api.param")]) == [n for n, _ in reference.named_parameters()]
    assert list(params[s("lstm.api.shape")]) == [str(tuple(p.shape)) for p in reference.parameters()]
    total = sum(p.numel() for p in reference.parameters())
    assert s("lstm.api.count_ok", n=f"{total:,}", per=6) in [m.value for m in at.success]
    # Layers above the first read D·2 = 12 inputs.
    blocks = next(d.value for d in at.dataframe if "q" in d.value.columns)
    assert list(blocks["q"]) == [5, 5, 12, 12, 12, 12]


def test_awkward_text_reaches_the_figures_escaped():
    at = open_page(PAGE, lang="en")
    for kind in ("markup", "emoji", "controls"):
        at.text_area(key="user_text").set_value(TEXTS[kind]).run()
        assert not at.exception
        no_raw_html(at)
        drawn = json.dumps(charts(at), ensure_ascii=False)
        assert "<script" not in drawn and "<img" not in drawn
        if kind == "markup":  # the word tokenizer makes "<" a token of its own: escaped in the row
            assert "&lt;<br><b>t=2</b>" in json.dumps(charts(at)[0], ensure_ascii=False)


# --- the trained model, when core.classify provides one -------------------------------------


class FakeSentiment:
    """Stands in for core.classify's SentimentModel: float32 like a trained model."""

    def __init__(self) -> None:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(3)
            self.lstm = torch.nn.LSTM(6, 5)
            self.head = torch.nn.Linear(5, 1)

    def embed(self, text: str) -> tuple[list[str], torch.Tensor]:
        tokens = text.split()
        gen = torch.Generator().manual_seed(len(text))
        return tokens, torch.randn(len(tokens), 6, generator=gen)


@pytest.fixture
def fake_classify(monkeypatch):
    module = types.ModuleType("core.classify")
    model = FakeSentiment()
    module.load_sentiment_model = lambda: model
    monkeypatch.setitem(sys.modules, "core.classify", module)
    return model


def test_trained_sentiment_model_is_offered_and_named(fake_classify):
    at = open_page(PAGE, lang="en")
    at.radio(key="lstm_model").set_value("trained").run()
    assert not at.exception
    assert any(s("lstm.model.using_trained", E=6, H=5, T=5) in i.value for i in at.info)
    _tokens, x = fake_classify.embed("I go to school today")
    with torch.no_grad():
        out, _ = fake_classify.lstm(x)
        p = torch.sigmoid(fake_classify.head(out[-1])).item()
    assert s("lstm.model.p", p=f"{p:.3f}") in [m.value for m in at.markdown]
    assert any("nn.LSTM" in m.value for m in at.success)  # traced in float64, against a float64 copy
    assert at.number_input(key="lstm_hidden").disabled
    at.radio(key="lstm_iv").set_value("forget0").run()
    assert not at.exception
    assert metric(at, "lstm.iv.p")  # P(positive) after the intervention
    at.text_area(key="user_text").input("🙂").run()  # one token: T = 1
    assert not at.exception
    assert STRINGS["player.single"]["en"] in [c.value for c in at.caption]
    assert "x<sub>t</sub> = 🙂" in json.dumps(charts(at), ensure_ascii=False)


def test_without_a_trained_model_the_page_says_so_and_falls_back(monkeypatch):
    monkeypatch.setitem(sys.modules, "core.classify", None)  # import raises ImportError
    at = open_page(PAGE, lang="en")
    assert s("lstm.model.only_random") in [c.value for c in at.caption]
    assert not [r for r in at.radio if r.key == "lstm_model"]
    # A core.classify without load_sentiment_model: offered, then refused with a message.
    monkeypatch.setitem(sys.modules, "core.classify", types.ModuleType("core.classify"))
    at.run()
    at.radio(key="lstm_model").set_value("trained").run()
    assert not at.exception
    assert s("lstm.trained.missing") in [w.value for w in at.warning]
    assert any(s("lstm.model.using_random", E=4, H=4, seed=0, b=1.0, T=7) in i.value for i in at.info)


# --- figure builders ------------------------------------------------------------------------


def test_cell_diagram_escapes_the_token_and_draws_peepholes_only_when_asked():
    v = fig_lstm.StepValues(c_prev=0.5, h_prev=-0.2, f=0.9, i=0.3, g=-0.4, o=0.7, c=0.33, h=0.22,
                            peep_i=0.1, peep_f=-0.1, peep_o=0.05)
    names = {k: k for k in ("f", "i", "g", "o", "cell", "hidden", "clamped", "reset")}
    plain = fig_lstm.cell_diagram(v, "<b>x</b>", peephole=False, names=names)
    peep = fig_lstm.cell_diagram(v, "<b>x</b>", peephole=True, names=names)
    texts = [a.text for a in plain.layout.annotations]
    assert "x<sub>t</sub> = &lt;b&gt;x&lt;/b&gt;" in texts
    assert "f⊙C<sub>t−1</sub> = +0.450" in texts and "i⊙C̃ = -0.120" in texts
    dashed = [tr for tr in peep.data if tr.line and tr.line.dash == "dash"]
    assert sum(segments(tr.x) for tr in dashed) == 3
    assert not [tr for tr in plain.data if tr.line and tr.line.dash == "dash"]
    # Each gate's wire is as thick as the gate is open: f = 0.9, i = 0.3, o = 0.7.
    widths = {round(tr.line.width, 6) for tr in plain.data if tr.mode == "lines"}
    assert {round(1.0 + 6.0 * g, 6) for g in (0.9, 0.3, 0.7)} <= widths


def test_conveyor_belt_bars_add_up_to_the_cell_update():
    rng = np.random.default_rng(0)
    c_prev, g = rng.uniform(-1, 1, 5), rng.uniform(-1, 1, 5)
    f, i = rng.uniform(0, 1, 5), rng.uniform(0, 1, 5)
    c = f * c_prev + i * g
    names = {k: k for k in ("kept", "erased", "written", "c_prev", "c")}
    fig = fig_lstm.conveyor_belt(c_prev, f, i, g, c, names, unit=2)
    kept, erased, written = (next(tr for tr in fig.data if tr.name == k)
                             for k in ("kept", "erased", "written"))
    np.testing.assert_allclose(np.asarray(kept.x) + np.asarray(erased.x), c_prev)
    np.testing.assert_allclose(np.asarray(written.base, dtype=float) + np.asarray(written.x), c)
    np.testing.assert_allclose(next(tr for tr in fig.data if tr.name == "c").x, c)


def test_heatmaps_show_every_gate_units_by_time_with_tokens_escaped():
    rng = np.random.default_rng(1)
    arrays = {k: rng.uniform(0, 1, (4, 3)) for k in fig_lstm.HEATMAP_ROWS}
    tokens = ["<bos>", "a&b", "<eos>", "x"]
    fig = fig_lstm.gate_heatmaps(arrays, tokens, {k: k for k in fig_lstm.HEATMAP_ROWS}, step=2)
    assert len(fig.data) == 6
    for trace, key in zip(fig.data, fig_lstm.HEATMAP_ROWS, strict=True):
        np.testing.assert_array_equal(np.asarray(trace.z), arrays[key].T)  # (H, T)
    ticks = fig.layout.xaxis6.ticktext
    assert ticks[0] == "1<br>&lt;bos&gt;" and ticks[1] == "2<br>a&amp;b"
    lines = fig_lstm.cell_lines(arrays["c"], tokens, "C", c_alt=arrays["h"], alt_name="alt", step=3)
    assert len(lines.data) == 6 and lines.data[1].line.dash == "dash"
