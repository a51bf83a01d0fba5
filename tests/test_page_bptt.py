"""The "BPTT & gradients" page through AppTest: step player, badge, knobs at extremes, messages."""

from __future__ import annotations

import re

import pytest

from tests.test_pages import no_raw_html, open_page
from ui.i18n import STRINGS

PAGE = "pages/bptt.py"
EN_T = 6  # "I go to school today": <bos> + 5 words + <eos> = 7 tokens, so T = 6 steps
KO_T = 5  # "나는 오늘 학교에 간다": <bos> + 4 words + <eos>


def s(key: str, lang: str = "en", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def markdowns(at) -> list[str]:
    return [m.value for m in at.markdown]


def latex(at) -> str:
    return "\n".join(e.value for e in at.latex)


@pytest.fixture(scope="module")
def en():
    return open_page(PAGE, lang="en")


def test_badge_states_agreement_with_autograd(en):
    assert not en.exception
    badge = [b.value for b in en.success if "torch.autograd" in b.value]
    assert badge, [b.value for b in en.success]
    diff = float(re.search(r"max difference ([0-9.e+-]+)", badge[0]).group(1))
    assert diff < 1e-12
    no_raw_html(en)


def test_forward_shows_every_step_loss_and_their_sum(en):
    assert any(r"L = \sum_{t=1}^{6} L_t" in e.value for e in en.latex)
    assert any("T = 6 time steps" in c.value for c in en.caption)


def test_player_walks_backwards_from_T_to_1():
    at = open_page(PAGE, lang="ko")
    assert at.slider(key="bptt_step__slider").value == 1 and at.slider(key="bptt_step__slider").max == KO_T
    assert any("**t = 5**" in m for m in markdowns(at))  # step 1 of the player is t = T
    assert r"\delta_{5} = V^\top" in latex(at) and "W_{hh}" not in latex(at).split("L_t")[-1]
    at.button(key="bptt_step__next").click().run()
    assert any("**t = 4**" in m for m in markdowns(at))
    assert r"\delta_{4} &= W_{hh}^\top" in latex(at) and r"\delta_{5}" in latex(at)
    assert at.query_params["step"] in ("2", ["2"])
    at.button(key="bptt_step__last").click().run()
    assert any("**t = 1**" in m for m in markdowns(at))
    assert at.button(key="bptt_step__next").disabled
    assert not at.exception


def test_step_from_the_address_and_korean():
    at = open_page(PAGE, lang="ko", step="3")
    assert at.title[0].value == s("page.bptt.title", "ko")
    assert any("**t = 3**" in m for m in markdowns(at))
    assert s("bptt.lstm.answer", "ko") in markdowns(at)
    no_raw_html(at)


def test_finite_difference_button_compares_with_backprop(en):
    en.selectbox(key="bptt_fd_param").set_value("weight_hh_l0").run()
    en.number_input(key="bptt_fd_row").set_value(2).run()
    en.number_input(key="bptt_fd_col").set_value(3).run()
    assert s("bptt.fd.hint") in [c.value for c in en.caption]
    en.button(key="bptt_fd").click().run()
    assert not en.exception
    metrics = {m.label: float(m.value) for m in en.metric}
    backprop, numeric = metrics[s("bptt.fd.backprop")], metrics[s("bptt.fd.numeric")]
    assert backprop != 0 and abs(backprop - numeric) < 1e-6 * max(1.0, abs(backprop))
    assert any(v.value.startswith(s("bptt.fd.ok", rel=0.0)[:20]) for v in en.success)
    assert s("bptt.fd.entry", name="W_hh", index="2, 3", eps=1e-6) in [c.value for c in en.caption]
    en.number_input(key="bptt_fd_row").set_value(1).run()  # another weight: the old result goes away
    assert not en.metric


def test_an_exploding_run_says_inf_and_clipping_cannot_rescue_it():
    at = open_page(PAGE, lang="en")
    at.radio(key="bptt_act").set_value("relu")
    at.slider(key="bptt_lab_radius").set_value(4.0)
    at.slider(key="bptt_len").set_value(200).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("RNN (ReLU): from distance") and "Inf or NaN (float32)" in e for e in errors)
    assert s("bptt.clip.nonfinite") in errors
    assert any(w.value.startswith(s("bptt.clip.train.plain")) for w in at.warning)
    no_raw_html(at)


def test_clipping_tames_a_large_but_finite_gradient():
    at = open_page(PAGE, lang="en")
    at.radio(key="bptt_act").set_value("relu")
    at.slider(key="bptt_lab_radius").set_value(2.0)
    at.slider(key="bptt_len").set_value(40)
    at.select_slider(key="bptt_clip").set_value(0.01).run()
    assert not at.exception
    numbers = next(m for m in markdowns(at) if m.startswith("Global norm:"))
    before, after = re.findall(r"\*\*([^*]+)\*\*", numbers)
    assert float(before) > 1e3 and float(after) == pytest.approx(0.01, rel=1e-3)
    # Without clipping the run breaks down; the clipped one stays finite.
    warnings = [w.value for w in at.warning]
    assert any(w.startswith(s("bptt.clip.train.plain")) for w in warnings)
    assert not any(w.startswith(s("bptt.clip.train.clipped", m=0.01)) for w in warnings)
    at.select_slider(key="bptt_clip").set_value(1000.0)
    at.slider(key="bptt_lab_radius").set_value(0.1).run()
    assert s("bptt.clip.unclipped") in [i.value for i in at.info]


def test_vanishing_sigmoid_and_extreme_knobs_never_crash():
    at = open_page(PAGE, lang="en")
    at.radio(key="bptt_act").set_value("sigmoid")
    at.slider(key="bptt_lab_radius").set_value(0.1)
    at.slider(key="bptt_len").set_value(5)
    at.slider(key="bptt_fbias").set_value(-3.0).run()
    assert not at.exception
    at.radio(key="bptt_dtype").set_value("float64")
    at.slider(key="bptt_fbias").set_value(5.0).run()
    assert not at.exception
    read = next(m for m in markdowns(at) if m.startswith("With these settings the RNN (sigmoid)"))
    assert float(re.search(r"gradient size ([0-9.e+-]+) at distance 5", read).group(1)) < 1e-3
    at.radio(key="bptt_level").set_value("char")
    at.slider(key="bptt_hidden").set_value(8)
    at.slider(key="bptt_radius").set_value(3.0)
    at.number_input(key="bptt_seed").set_value(9999)
    at.text_area(key="user_text").input("가" * 300).run()
    assert not at.exception
    assert at.slider(key="bptt_step__slider").max == 63  # 62 characters + <bos>, <eos>
    at.button(key="bptt_step__last").click().run()
    at.slider(key="bptt_radius").set_value(0.1)
    at.slider(key="bptt_hidden").set_value(2).run()
    assert not at.exception
    assert any("torch.autograd" in b.value for b in at.success)


def test_truncation_slider_reports_how_much_gradient_survives():
    at = open_page(PAGE, lang="en")
    at.slider(key="bptt_k").set_value(EN_T).run()
    full = next(m for m in markdowns(at) if m.startswith(f"With k = {EN_T},"))
    assert "full BPTT **1**, norm ratio **1**. Paths cut: 0." in full
    at.slider(key="bptt_k").set_value(1).run()
    cut = next(m for m in markdowns(at) if m.startswith("With k = 1,"))
    assert f"Paths cut: {EN_T - 1}." in cut and "**1**, norm" not in cut
    assert s("bptt.trunc.why") in markdowns(at)
    assert any("torch.autograd" in b.value for b in at.success)  # the truncated pass is checked too


def test_a_shorter_sentence_clamps_the_window_and_the_step():
    at = open_page(PAGE, lang="en", step="5")
    at.slider(key="bptt_k").set_value(5).run()
    at.text_area(key="user_text").input("a b").run()  # T = 3
    assert not at.exception
    assert at.slider(key="bptt_k").value == 3 and at.slider(key="bptt_step__slider").value == 3


def test_second_sentence_and_language_switch_keep_the_state():
    at = open_page(PAGE, lang="ko")
    at.selectbox(key="bptt_sentence").set_value(2)  # 고양이가 창가에서 잠을 잔다: T = 5
    at.slider(key="bptt_lab_radius").set_value(2.5).run()
    at.button(key="bptt_step__next").click().run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == s("page.bptt.title")
    assert at.selectbox(key="bptt_sentence").value == 2
    assert at.slider(key="bptt_lab_radius").value == 2.5 and at.slider(key="bptt_step__slider").value == 2
    assert s("bptt.lstm.answer") in markdowns(at)


def test_figures_escape_the_learners_tokens():
    """Tokens reach Plotly HTML-escaped, in the loss bars and under the unrolled RNN."""
    import json

    from core.bptt import ExampleSetup, bptt_example
    from core.text import TokenizerSpec
    from ui import figures_bptt as fb

    ex = bptt_example(ExampleSetup(("<a>&",), TokenizerSpec("char")))  # <bos> < a > & <eos>
    figs = [fb.step_losses(ex.tokens, ex.trace.losses, "<i>L</i>", "y"),
            fb.backward_flow(ex.trace, ex.tokens, 3, title="<u>t</u>", roads=("<a>", "b"), colorbar="c",
                             cut_label="<s>")]
    for fig in figs:
        text = json.dumps(fig.to_plotly_json(), ensure_ascii=False, default=str)
        assert "<bos>" not in text and "&lt;bos&gt;" in text and "<a>" not in text
        assert "<i>" not in text and "<u>" not in text
    ticks = figs[0].layout.xaxis.ticktext
    assert "2: &lt; → a" in ticks and "5: &amp; → &lt;eos&gt;" in ticks
