"""The "RNN forward pass" page through AppTest, and its figure builders on hostile tokens.

The generic checks (every kind of text, both languages) live in tests/test_pages.py; run them
with ``-k rnn_forward``. Here: the step player against core's own numbers, stacked and
bidirectional stepping, the PyTorch badges, exploding ReLU, knobs at their extremes.
"""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest

from core.rnn import forward_pass, use_patterns
from tests.test_pages import TEXTS, no_raw_html, open_page
from ui import figures_rnn_forward as fig
from ui.figures import HIGHLIGHT
from ui.i18n import STRINGS

PAGE = "pages/rnn_forward.py"
EN_TEXT = "I go to school today"  # the English example's first line: T = 7 with <bos>/<eos>


def s(key: str, lang: str = "en", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def chart(at, key: str) -> dict:
    """The Plotly spec of the chart drawn with ``key``."""
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, key
    return json.loads(found[0].proto.spec)


def arr(value) -> np.ndarray:
    """A data array of a Plotly spec: a list, or Plotly's typed array {dtype, bdata, shape}."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = tuple(int(n) for n in shape.split(","))
        return flat.reshape(shape) if shape else flat
    return np.array(value, dtype=float)


def has_chart(at, key: str) -> bool:
    return any(c.proto.id.endswith(f"-{key}") for c in at.get("plotly_chart"))


def latex(at) -> str:
    return "\n".join(element.value for element in at.latex)


@pytest.fixture
def en():
    return open_page(PAGE, lang="en")


def test_default_view_steps_through_time_with_core_numbers(en):
    at = en
    assert not at.exception
    no_raw_html(at)
    fp = forward_pass([EN_TEXT, "The cat sleeps by the window"], 0)  # the page's defaults
    assert at.slider(key="rnn_step__slider").max == fp.T == 7
    for step in (1, 2, 3):
        if step > 1:
            at.button(key="rnn_step__next").click().run()
        assert at.slider(key="rnn_step__slider").value == step
        assert at.query_params["step"] in (str(step), [str(step)])
        assert s("rnn.step.where", step=step, n=7, layer=1, dir=s("rnn.dir.fwd"), t=step, T=7) in [
            m.value for m in at.markdown]
        # The equation carries this step's numbers, as core computes them.
        layer = fp.trace.layers[0][0]
        eq = latex(at)
        assert fig.tex_matrix(layer.a[step - 1]) in eq and fig.tex_matrix(layer.h[step - 1]) in eq
        assert fig.tex_matrix(layer.h_prev[step - 1]) in eq and fig.tex_matrix(layer.W_hh) in eq
        # The hidden-state heatmap holds exactly the states computed so far.
        z = arr(chart(at, "rnn_fig_hidden")["data"][0]["z"])
        np.testing.assert_allclose(z[:, :step], layer.h[:step].T, atol=1e-12)
        assert np.isnan(z[:, step:]).all()
        # ŷ_t over the whole vocabulary, the next token in orange.
        bars = chart(at, "rnn_fig_out")["data"][0]
        np.testing.assert_allclose(arr(bars["y"]), fp.probs[step - 1], atol=1e-12)
        assert bars["marker"]["color"][int(fp.ids[step])] == HIGHLIGHT
    at.button(key="rnn_step__last").click().run()
    assert at.slider(key="rnn_step__slider").value == 7 and at.button(key="rnn_step__next").disabled


def test_badges_report_the_measured_agreement_with_pytorch(en):
    badges = [m.value for m in en.success]
    assert len(badges) == 2 and not en.error
    for module, badge in zip(("nn.RNN", "nn.Linear → softmax"), badges, strict=True):
        assert f"`{module}`" in badge
        diff = float(re.search(r"(\d\.\de[+-]\d+)", badge).group(1))
        assert diff < 1e-12


def test_stacked_bidirectional_steps_run_every_cell_in_pytorch_order(en):
    at = en
    at.radio(key="rnn_layers").set_value(3).run()
    at.toggle(key="rnn_bidir").set_value(True).run()
    assert not at.exception
    assert at.slider(key="rnn_step__slider").max == 3 * 2 * 7
    # Step 8 is layer 1's backward pass at t = 7: the output is not ready yet.
    at.slider(key="rnn_step__slider").set_value(8).run()
    where = s("rnn.step.where", step=8, n=42, layer=1, dir=s("rnn.dir.rev"), t=7, T=7)
    assert where in [m.value for m in at.markdown]
    assert s("rnn.out.wait", t=7) in [i.value for i in at.info]
    assert not has_chart(at, "rnn_fig_out")
    # The last step is layer 3 backward at t = 1; then ŷ_1 exists.
    at.button(key="rnn_step__last").click().run()
    where = s("rnn.step.where", step=42, n=42, layer=3, dir=s("rnn.dir.rev"), t=1, T=7)
    assert where in [m.value for m in at.markdown]
    assert has_chart(at, "rnn_fig_out")
    # Layer 3 reads layer 2's outputs, both halves: its input has 2H = 6 entries.
    assert r"h^{(2)}_{1}" in latex(at) and r"\overleftarrow{h}^{(3)}_{1}" in latex(at)
    # The sensitivity has a panel per direction and one for the joined output.
    assert len([d for d in chart(at, "rnn_fig_sens")["data"] if d["type"] == "heatmap"]) == 3


def test_try_buttons_switch_the_architecture_and_restart_the_steps(en):
    at = en
    at.button(key="rnn_step__next").click().run()
    at.button(key="rnn_try_bidir").click().run()
    assert at.toggle(key="rnn_bidir").value is True and at.radio(key="rnn_layers").value == 1
    assert at.slider(key="rnn_step__slider").max == 14 and at.slider(key="rnn_step__slider").value == 1
    at.button(key="rnn_try_layers").click().run()
    assert at.toggle(key="rnn_bidir").value is False and at.radio(key="rnn_layers").value == 2
    at.button(key="rnn_try_reset").click().run()
    assert at.slider(key="rnn_step__slider").max == 7
    assert not at.exception


def test_exploding_relu_gets_a_message_and_the_page_keeps_working(en):
    at = en
    at.radio(key="rnn_act").set_value("relu").run()
    at.select_slider(key="rnn_scale").set_value(1e128).run()
    assert not at.exception
    fp = forward_pass([EN_TEXT, "The cat sleeps by the window"], 0, nonlinearity="relu",
                      weight_scale=1e128)
    b = fp.blowup
    assert b is not None
    message = s("rnn.blowup", layer=1, t=b.t + 1, step=b.step, inf=b.n_inf, nan=b.n_nan)
    assert message in [e.value for e in at.error]
    assert s("rnn.sens.nan") in [w.value for w in at.warning]
    assert all("nn." in m.value for m in at.success)  # PyTorch overflows in the same places
    at.button(key="rnn_step__last").click().run()
    errors = [e.value for e in at.error]
    assert s("rnn.step.nonfinite", t=7) in errors and s("rnn.out.nan", t=7) in errors
    assert r"\text{NaN}" in latex(at) or "NaN" in json.dumps(chart(at, "rnn_fig_terms"))
    # tanh caps the same weights at ±1: no error, a note on saturation instead.
    at.radio(key="rnn_act").set_value("tanh").run()
    assert not at.error and not at.exception
    assert any(i.value.startswith(s("rnn.saturated", share="X").split("X")[0]) for i in at.info)


def test_growing_relu_warns_and_float32_overflow_is_noted(en):
    at = en
    at.radio(key="rnn_act").set_value("relu").run()
    at.select_slider(key="rnn_scale").set_value(100.0).run()
    assert any(w.value.startswith(s("rnn.growing", big="X").split("X")[0]) for w in at.warning)
    at.select_slider(key="rnn_scale").set_value(1e16).run()
    fp = forward_pass([EN_TEXT, "The cat sleeps by the window"], 0, nonlinearity="relu",
                      weight_scale=1e16)
    assert fp.blowup is None and fp.blowup_float32 is not None
    assert s("rnn.float32", layer=1, t=fp.blowup_float32.t + 1) in [i.value for i in at.info]
    # Values too large to write out: the equation becomes heatmaps.
    at.button(key="rnn_step__last").click().run()
    assert has_chart(at, "rnn_fig_terms") and not at.exception


def test_knobs_at_their_extremes():
    at = open_page(PAGE, lang="ko")
    at.number_input(key="rnn_hidden").set_value(16).run()
    at.number_input(key="rnn_dim").set_value(8).run()
    at.radio(key="rnn_layers").set_value(3).run()
    at.toggle(key="rnn_bidir").set_value(True).run()
    at.number_input(key="rnn_seed").set_value(9999).run()
    at.radio(key="rnn_level").set_value("char").run()
    assert not at.exception
    T = len("나는 오늘 학교에 간다") + 2
    assert at.slider(key="rnn_step__slider").max == 3 * 2 * T
    assert s("rnn.eq.large", "ko", cap=4, big="1e+04") in [c.value for c in at.caption]
    assert has_chart(at, "rnn_fig_terms")
    at.button(key="rnn_step__last").click().run()
    assert not at.exception
    at.number_input(key="rnn_hidden").set_value(1).run()
    at.number_input(key="rnn_dim").set_value(2).run()
    at.select_slider(key="rnn_scale").set_value(0.01).run()
    assert not at.exception
    assert not has_chart(at, "rnn_fig_terms") and r"\begin{bmatrix}" in latex(at)
    assert "nn.RNN" in next(m.value for m in at.success)


def test_one_token_without_bos_eos_is_a_single_step():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("hi").run()
    at.toggle(key="rnn_bos_eos").set_value(False).run()
    assert not at.exception
    assert s("player.single") in [c.value for c in at.caption]
    assert s("rnn.step.where", step=1, n=1, layer=1, dir=s("rnn.dir.fwd"), t=1, T=1) in [
        m.value for m in at.markdown]
    reach = STRINGS["rnn.sens.reach"]["en"].split("{")[0]  # needs two steps to compare
    assert not any(m.value.startswith(reach) for m in at.markdown)


def test_sentence_picker_and_long_text_are_capped():
    at = open_page(PAGE, lang="en")
    at.selectbox(key="rnn_sentence").set_value(2).run()
    assert s("rnn.inputs.body", T=8, d=4, V=15) in [m.value for m in at.markdown]
    at.text_area(key="user_text").input(" ".join(f"w{i}" for i in range(80))).run()
    assert not at.exception
    assert s("input.tokens_cut", i=1, cap=64, n=80 - 62) in [w.value for w in at.warning]
    assert at.slider(key="rnn_step__slider").max == 64
    assert s("rnn.shape.elided", n=fig.SHAPE_MAX_TOKENS, T=62) in [c.value for c in at.caption]


def test_language_switch_keeps_knobs_and_step():
    at = open_page(PAGE, lang="ko")
    at.radio(key="rnn_layers").set_value(2).run()
    at.button(key="rnn_step__next").click().run()
    at.button(key="rnn_step__next").click().run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == s("page.rnn_forward.title")
    assert at.radio(key="rnn_layers").value == 2 and at.slider(key="rnn_step__slider").value == 3


def test_learner_text_never_reaches_latex_or_markdown():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input(TEXTS["markup"]).run()
    assert not at.exception
    no_raw_html(at)
    for element in [*at.latex, *at.markdown]:
        assert "script" not in element.value and "onerror" not in element.value
    for c in at.get("plotly_chart"):
        assert "<script>" not in c.proto.spec and "<img" not in c.proto.spec


# --- figure builders ---------------------------------------------------------------------------

NASTY = ("<b>x</b>", "<script>alert(1)</script>", "<br>", "a&b", "<img src=x onerror=alert(1)>")


def plain(figure) -> str:
    return json.dumps(figure.to_plotly_json(), ensure_ascii=False, default=str)


def test_every_figure_escapes_tokens():
    fp = forward_pass([" ".join(NASTY)], num_layers=2, bidirectional=True, hidden_size=5)
    tokens = fp.tokens
    names = ["<i>r</i>"] * 4
    layer = fp.trace.layers[1][1]
    figures = [
        fig.inputs_heatmap(tokens, fp.x, "<u>t</u>"),
        fig.unrolled(tokens, 2, 2, fp.order, 5, names, "<x>", "<y>", "<t>"),
        fig.step_terms(layer, 2),
        fig.hidden_states(fp.trace, fp.order, 5, names, tokens, "<t>"),
        fig.output_bars(fp.probs[0], fp.itos, int(fp.ids[1]), "<t>", "<u>"),
        fig.sensitivity(fp.sensitivity, tokens, ["<a>", "<b>", "<c>"], "<s>"),
        fig.schedule_grid(fp.cost.waves, tokens, names, "<t>"),
        *[fig.use_pattern(p, fp.words, {"title": "<t>", "context": "<c>"}) for p in fp.patterns],
    ]
    for figure in figures:
        text = plain(figure)
        for raw in ("<b>x", "<script>", "<img", "<i>r", "<u>", "<pad>", "<bos>", "<t>"):
            assert raw not in text, raw


def test_unrolled_outlines_exactly_the_current_cell_and_fills_the_done_ones():
    fp = forward_pass(["a b c d"], num_layers=2, bidirectional=True)
    order = fp.order
    for step in (1, 9, len(order)):
        figure = fig.unrolled(fp.tokens, 2, 2, order, step, ["r"] * 4, "x", "y")
        cells = [tr for tr in figure.data if tr.marker.symbol == "square"]
        assert len(cells) == 4  # one trace per (layer, direction)
        outlined = [(i, t) for i, tr in enumerate(cells) for t, c in enumerate(tr.marker.line.color)
                    if c == HIGHLIGHT]
        k, d, t = order[step - 1]
        assert outlined == [(k * 2 + d, t)]
        filled = sum(c != fig.PENDING for tr in cells for c in tr.marker.color)
        assert filled == step


def test_sensitivity_figure_is_log10_of_the_norms_and_blank_where_zero():
    fp = forward_pass(["a b c d"])
    z = np.array(fig.sensitivity(fp.sensitivity, fp.tokens, ["s"], "log").data[0].z, dtype=float)
    S = fp.sensitivity[0]
    np.testing.assert_allclose(z[S > 0], np.log10(S[S > 0]))
    assert np.isnan(z[S == 0]).all() and (S == 0).sum() == fp.T * (fp.T - 1) // 2


def test_use_pattern_draws_every_token_it_feeds():
    words = ("나는", "오늘", "학교에", "간다")
    for pattern in use_patterns(len(words), len(words) + 1):
        figure = fig.use_pattern(pattern, words, {"title": "t", "context": "c"}, cap=100)
        drawn = [a.text for a in figure.layout.annotations]
        assert sorted(w for w in drawn if w in words) == sorted(words[i] for i in pattern.fed)
        assert sum(1 for w in drawn if w and w.startswith("ŷ") and "<sub>" in w) == len(pattern.read) + len(
            pattern.feedback)


def test_tex_numbers():
    assert fig.tex_number(0.123) == "0.12"
    assert fig.tex_number(float("inf")) == r"\infty" and fig.tex_number(float("-inf")) == r"-\infty"
    assert fig.tex_number(float("nan")) == r"\text{NaN}"
    assert fig.tex_number(-2.5e12) == r"-2.50{\times}10^{12}"


def test_when_both_overflow_the_badge_agrees_and_says_what_it_compared(en):
    """Before: 'Differs from PyTorch … this is a bug' when both passes overflowed (3 layers, ×1e128)."""
    at = en
    at.radio(key="rnn_act").set_value("relu").run()
    at.number_input(key="rnn_hidden").set_value(16).run()
    at.radio(key="rnn_layers").set_value(3).run()
    at.select_slider(key="rnn_scale").set_value(1e128).run()
    assert not at.exception
    badges = [m.value for m in at.success if "`nn.RNN`" in m.value]
    assert len(badges) == 1 and not [e.value for e in at.error if "`nn.RNN`" in e.value]
    fp = forward_pass([EN_TEXT, "The cat sleeps by the window"], 0, hidden_size=16, nonlinearity="relu",
                      weight_scale=1e128, num_layers=3)
    assert s("rnn.badge.until", n=fp.blowup.step - 1, step=fp.blowup.step) in [c.value for c in at.caption]
