"""The "Sequence data" page through AppTest: factors on the learner's text, knobs, the step player."""

import math
import re

import pytest

from core.ngram import order_study
from core.text import MAX_TOKENS
from core.timeseries import impulse_response, series_study
from tests.test_pages import no_raw_html, open_page
from ui.i18n import STRINGS

PAGE = "pages/sequence_data.py"


def S(key: str, lang: str = "en", **kw) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


@pytest.fixture(scope="module")
def en():
    """One English session shared by the read-only checks (opening a page costs seconds here)."""
    return open_page(PAGE, lang="en")


def metric_log10(value: str) -> float:
    """'8.93 × 10⁻⁶' or '0.0123' -> log10 of the number shown."""
    value = value.split(" times")[0].split("배")[0]
    if "×" not in value:
        return math.log10(float(value))
    m, e = value.split("×")
    e = e.strip()[2:].translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
    return math.log10(float(m)) + int(e)


def test_default_page_shows_factors_badges_and_charts(en):
    assert not en.exception
    no_raw_html(en)
    assert en.title[0].value == S("page.sequence_data.title")
    study = order_study("I go to school today", "word", 2, 0, max_tokens=MAX_TOKENS - 2)
    shown = {m.label: m.value for m in en.metric}
    assert metric_log10(shown[S("sd.chain.p_yours")]) == pytest.approx(study.original.log_p / math.log(10),
                                                                      abs=0.01)
    assert metric_log10(shown[S("sd.chain.p_shuffled")]) == pytest.approx(study.shuffled.log_p / math.log(10),
                                                                         abs=0.01)
    # the badges state the measured agreement with torch on this very series
    badges = [s.value for s in en.success]
    assert any("nn.Conv1d" in b for b in badges) and any("nn.RNN" in b for b in badges)
    for b in badges:
        assert float(re.search(r"difference ([0-9.e+-]+)", b).group(1)) <= 1e-9
    assert len(en.get("plotly_chart")) >= 8
    assert en.slider(key="sd_step__slider").max == len(study.original.steps)  # T + 1 factors, <eos> included


def test_step_player_walks_the_factors(en):
    study = order_study("I go to school today", "word", 2, 0, max_tokens=MAX_TOKENS - 2)
    assert en.slider(key="sd_step__slider").value == 1
    first = en.code[1].value
    assert "P(i | <bos>)" in first
    en.button(key="sd_step__next").click().run()
    assert en.slider(key="sd_step__slider").value == 2
    assert en.query_params["step"] in ("2", ["2"])
    step = study.original.steps[1]
    assert f"P(go | i) = {step.p:.4g}" in en.code[1].value
    en.button(key="sd_step__last").click().run()
    last = en.code[1].value
    assert "P(<eos> | today)" in last and en.button(key="sd_step__next").disabled
    assert S("sd.chain.factor", t=6, n=6) in [m.value for m in en.markdown]


def test_iid_order_gives_every_order_the_same_probability():
    at = open_page(PAGE, lang="en")
    at.select_slider(key="sd_order").set_value(1).run()
    assert not at.exception
    assert S("sd.chain.iid") in [i.value for i in at.info]
    shown = {m.label: m.value for m in at.metric}
    assert shown[S("sd.chain.p_yours")] == shown[S("sd.chain.p_shuffled")]
    at.select_slider(key="sd_order").set_value(4).run()
    at.radio(key="sd_unit").set_value("char").run()
    at.number_input(key="sd_shuffle_seed").set_value(9999).run()
    assert not at.exception
    assert S("sd.chain.iid") not in [i.value for i in at.info]
    shown = {m.label: m.value for m in at.metric}
    assert metric_log10(shown[S("sd.chain.p_yours")]) > metric_log10(shown[S("sd.chain.p_shuffled")]) + 5


def test_text_that_cannot_be_shuffled_says_so():
    at = open_page(PAGE, lang="ko")
    for text in ("가", "a a a", "🙂"):
        at.text_area(key="user_text").input(text).run()
        assert not at.exception
        assert S("sd.chain.no_shuffle", "ko") in [i.value for i in at.info], text
        assert at.slider(key="sd_step__slider").max == len(text.split()) + 1


def test_unknown_tokens_long_lines_and_several_sentences():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("zzqx " * 70).run()
    assert not at.exception
    assert S("sd.chain.unknown") in [m.value for m in at.markdown]
    cut = S("input.tokens_cut", i=1, cap=MAX_TOKENS, n=70 - (MAX_TOKENS - 2))
    assert cut in [w.value for w in at.warning]
    assert at.slider(key="sd_step__slider").max == MAX_TOKENS - 1  # 62 tokens and <eos>
    at.text_area(key="user_text").input("I like apples\nThe dog runs in the park").run()
    at.selectbox(key="sd_sentence").set_value(2).run()
    assert not at.exception
    assert "the dog runs in the park" in at.code[0].value


def test_series_knobs_at_their_extremes():
    at = open_page(PAGE, lang="ko")
    at.select_slider(key="sd_tau").set_value(1).run()
    assert S("sd.ar.markov", "ko") in [i.value for i in at.info]
    for key, value in (("sd_tau", 16), ("sd_noise", 0.0), ("sd_noise", 1.0)):
        at.select_slider(key=key).set_value(value).run()
        assert not at.exception, (key, value)
    at.slider(key="sd_k").set_value(32).run()
    at.number_input(key="sd_seed").set_value(9999).run()
    at.slider(key="sd_t0").set_value(at.slider(key="sd_t0").max).run()
    at.select_slider(key="sd_delta").set_value(-3.0).run()
    assert not at.exception
    s = series_study(16, 32, 1.0, 9999)
    expected = S("sd.ar.summary", "ko", tau=16, one=s.ar_rmse_by_k[0], kk=s.ar_rmse_by_k[31], k=32, noise=1.0)
    assert expected in [m.value for m in at.markdown]
    at.slider(key="sd_t0").set_value(at.slider(key="sd_t0").min).run()
    at.select_slider(key="sd_delta").set_value(0.0).run()
    assert not at.exception
    assert S("sd.resp.zero", "ko") in [i.value for i in at.info]


def test_response_summary_reports_the_finite_window():
    at = open_page(PAGE, lang="en")
    at.select_slider(key="sd_tau").set_value(6).run()
    at.slider(key="sd_t0").set_value(150).run()
    assert not at.exception
    s = series_study(6, 8, 0.2, 0)
    resp = impulse_response(s.ar, s.rnn, s.x, 150, 1.0)
    summary = S("sd.resp.summary", tau=6, last=156, offset=6, far=16, far_value=abs(resp.rnn[166]), end=299,
                end_value=abs(resp.rnn[299]))
    assert summary in [m.value for m in at.markdown]


def test_knobs_and_step_survive_a_language_switch():
    at = open_page(PAGE, lang="ko")
    at.select_slider(key="sd_tau").set_value(8).run()
    at.button(key="sd_step__next").click().run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == S("page.sequence_data.title")
    assert at.select_slider(key="sd_tau").value == 8
    assert at.slider(key="sd_step__slider").value == 2


def test_figures_escape_learner_tokens_and_mark_the_step():
    """Pure figure checks: tokens reach Plotly HTML-escaped; the step frame sits on the step."""
    from ui import figures_sequence_data as figs

    study = order_study("<b>x</b> & <script>", "word", 2, 0)
    strip = figs.factor_strip(study.original, study.shuffled, 2, ("a", "b"), "<i>title</i>")
    cells = [cell for row in strip.data[0].text for cell in row]
    shown = {c.split("<br>")[0] for c in cells}  # the token, before the figure's own markup
    assert {"&lt;", "&gt;", "&amp;", "b", "x", "script"} <= shown
    assert not any("<" in s or ">" in s for s in shown)
    assert strip.layout.title.text == "&lt;i&gt;title&lt;/i&gt;"
    assert {(s.x0, s.x1) for s in strip.layout.shapes} == {(1.5, 2.5)}
    bars = figs.next_token_bars(study.original.steps[0], "t", figs.YOURS)
    assert all("<" not in name.replace("<br>", "") for name in bars.data[0].y)
    running = figs.running_log_prob(study.original, study.shuffled, 3, ("a", "b"))
    assert len(running.data[1].x) == 3  # solid up to the step
    assert running.data[0].y[-1] == pytest.approx(study.original.log_p / math.log(10))
