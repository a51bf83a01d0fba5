"""The "Encoder–decoder" page through AppTest: its own source box takes any text, the knobs go to
their extremes, the step player walks the decoding, and the badges report agreement with torch."""

import json
import re

import numpy as np
import pytest

from core.seq2seq import MAX_SOURCE_CHARS, cost_curve
from tests.test_pages import TEXTS, no_raw_html, open_page
from ui import figures_encoder_decoder as fe
from ui.i18n import STRINGS

PAGE = "pages/encoder_decoder.py"


def s(key: str, lang: str = "ko", **kw) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def codes(at) -> list[str]:
    return [c.value for c in at.code]


def chart_titles(at) -> list[str]:
    return [json.loads(c.proto.spec).get("layout", {}).get("title", {}).get("text", "")
            for c in at.get("plotly_chart")]


def type_source(at, text: str):
    at.text_input(key="ed_source").set_value(text).run()  # as pasted: cut to max_chars
    assert not at.exception, at.exception
    no_raw_html(at)
    return at


@pytest.fixture(scope="module")
def at_ko():
    """One session reused by the input tests (each test types its own source first)."""
    return open_page(PAGE, lang="ko")


def test_default_number_is_translated_and_matches_torch_in_both_languages():
    for lang, words in (("ko", "삼백칠"), ("en", "three hundred seven")):
        at = open_page(PAGE, lang=lang)
        assert codes(at)[:3] == [words, words, words]  # Transformer, GRU, right answer
        assert [m.value for m in at.success].count(s("ed.answer.right", lang)) == 2
        badges = {}
        for box in at.success:
            found = re.search(r"`(nn\.[\w ./]+)`.*?(\d\.\de[+-]\d\d)", box.value)
            if found:
                badges[found.group(1)] = float(found.group(2))
        assert set(badges) == {"nn.TransformerEncoderLayer / nn.TransformerDecoderLayer", "nn.GRU"}
        assert all(diff < 1e-12 for diff in badges.values())
        assert s("ed.step.first", lang) in [m.value for m in at.markdown]  # where the first query is from
        assert len(at.get("plotly_chart")) >= 6


@pytest.mark.parametrize("kind", list(TEXTS))
def test_any_text_in_the_source_box_gets_a_clear_message(at_ko, kind):
    at = type_source(at_ko, TEXTS[kind])
    if kind in ("empty", "blank"):
        assert s("ed.src.empty") in [i.value for i in at.info]
    elif kind in ("korean", "over_long"):
        assert s("ed.src.korean_words") in [e.value for e in at.error]
    else:
        assert s("ed.src.not_digits") in [e.value for e in at.error]
    if kind == "markup":
        assert "<" in codes(at)[0] and ">" in codes(at)[0]  # shown as text, in a code block
    if kind == "controls":
        assert "U+0000" in codes(at)[0] and "U+202E" in codes(at)[0]  # invisible ones made visible
    assert len(at.get("plotly_chart")) == 0  # nothing to decode, nothing drawn
    assert STRINGS["ed.fail.title"]["ko"] in [h.value for h in at.subheader]  # the page goes on


def test_too_many_digits_are_cut_with_a_message(at_ko):
    at = type_source(at_ko, "1" * 10_000)  # the box keeps MAX_SOURCE_CHARS of them
    assert s("ed.src.cut", cap=8, n=MAX_SOURCE_CHARS - 8) in [w.value for w in at.warning]
    assert s("ed.src.beyond", max="9,999") in [w.value for w in at.warning]
    assert codes(at)[2] == "천백십일만천백십일"  # the right answer for 11,111,111


def test_out_of_range_and_leading_zeros_show_where_the_model_fails(at_ko):
    at = type_source(at_ko, "12345")
    assert s("ed.src.beyond", max="9,999") in [w.value for w in at.warning]
    assert s("ed.answer.unknown_words", n=1) in [w.value for w in at.warning]
    assert "만" in codes(at) and s("ed.tf.unknown") in [w.value for w in at.warning]
    assert s("ed.answer.wrong") in [e.value for e in at.error]
    at = type_source(at_ko, "007")
    assert s("ed.src.leading_zeros") in [w.value for w in at.warning]
    at = type_source(at_ko, " ３,０７ ")  # full-width digits and a separator
    assert codes(at)[2] == "삼백칠"
    assert s("ed.src.separators", n=3) in [c.value for c in at.caption]


def test_language_knob_layer_knob_and_cost_width_at_their_extremes():
    at = open_page(PAGE, lang="ko")
    at.radio(key="ed_lang").set_value("en").run()
    assert codes(at)[2] == "three hundred seven"
    at.radio(key="ed_lang").set_value("ko").run()
    assert codes(at)[2] == "삼백칠"
    at.segmented_control(key="ed_layer").set_value(2).run()
    assert not at.exception
    assert any("2층" in title for title in chart_titles(at))
    for d in (16, 512):
        at.select_slider(key="ed_cost_d").set_value(d).run()
        assert not at.exception
        assert s("ed.cost.crossover", d=d, T=3 * d) in [m.value for m in at.markdown]
    at.text_input(key="ed_source").input("99999999").run()  # the longest source and output
    assert not at.exception
    at.button(key="ed_step__last").click().run()
    assert not at.exception
    # "auto" follows the page's language
    at.radio(key="ed_lang").set_value("auto").run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.text_input(key="ed_source").value == "99999999"


def test_step_player_walks_the_decoding_from_bos_to_eos():
    at = open_page(PAGE, lang="en")
    n = at.slider(key="ed_step__slider").max
    assert n == 4  # three hundred seven <eos>
    at.button(key="ed_step__next").click().run()
    assert at.slider(key="ed_step__slider").value == 2
    assert s("ed.step.k", "en", k=2, prev=1) in [m.value for m in at.markdown]
    assert "hundred" in codes(at)
    at.button(key="ed_step__last").click().run()
    assert at.slider(key="ed_step__slider").value == n and at.button(key="ed_step__next").disabled
    assert s("ed.next.done", "en") in [m.value for m in at.markdown]
    assert "<eos>" in codes(at)
    at.text_input(key="ed_source").input("5").run()  # fewer steps: the step is clamped
    assert at.slider(key="ed_step__slider").value == at.slider(key="ed_step__slider").max == 2
    at.button(key="ed_step__first").click().run()
    assert at.slider(key="ed_step__slider").value == 1 and at.button(key="ed_step__prev").disabled


def test_step_in_the_address_is_clamped():
    at = open_page(PAGE, step="999")
    assert at.slider(key="ed_step__slider").value == at.slider(key="ed_step__slider").max
    at = open_page(PAGE, step="banana")
    assert at.slider(key="ed_step__slider").value == 1


# --- the page's figure builders (pure functions, no app) ----------------------------------------

NASTY = ("<b>x</b>", "<script>alert(1)</script>", "<bos>", "a&b")


def test_every_figure_escapes_its_tokens_and_titles():
    k, S = 3, 4
    w = np.full((2, k, k), 1 / k)
    figs = [
        fe.decoding_strip(NASTY[:3], NASTY[1:], 2, ("<i>r</i>", "w"), "<u>t</u>"),
        fe.attention_heads(w, NASTY[:3], NASTY[:3], "<u>t</u>", "<i>{i}</i>",
                           blocked=np.triu(np.ones((k, k), bool), 1), current=2),
        fe.attention_heads(np.full((2, k, S), 1 / S), NASTY[:3], NASTY, "t", "h {i}", current=0),
        fe.next_token_bars(np.array([0.5, 0.2, 0.2, 0.1]), NASTY, 0, "<u>t</u>"),
        fe.memory_heatmap(NASTY, np.ones((4, 3)), "<u>t</u>"),
        fe.shifted_targets(NASTY, NASTY, np.ones(4) / 2, np.array([1, 0, 1, 0], bool),
                           ("<i>a</i>", "b", "c"), "<u>t</u>", "<i>p</i>"),
        fe.rnn_states(NASTY, np.ones((4, 5)), NASTY[:2], np.ones((2, 5)), ("<u>a</u>", "b")),
        fe.cost_chart(cost_curve(64, 8), 4, {"rnn": "<i>r</i>", "attention": "a", "layer": "l"},
                      "<u>t</u>", "<i>now</i>", "<i>y</i>", (24, 10.0), "<i>m</i>"),
    ]
    for fig in figs:
        text = json.dumps(fig.to_plotly_json(), ensure_ascii=False, default=str)
        for raw in ("<b>x", "<script>", "<bos>", "<i>", "<u>", "a&b"):
            assert raw not in text, raw
        assert "&lt;" in text


def test_attention_figure_greys_exactly_the_blocked_cells_and_keeps_the_weights():
    k = 4
    w = np.random.default_rng(0).dirichlet(np.ones(k), size=(2, k))  # (h, k, k)
    blocked = np.triu(np.ones((k, k), bool), 1)
    fig = fe.attention_heads(w, list("abcd"), list("abcd"), "t", "h {i}", blocked=blocked, current=3)
    weights, shut = fig.data[0], fig.data[1]
    np.testing.assert_array_equal(np.asarray(weights.z), w[0])
    grey = np.asarray(shut.z, dtype=float)
    np.testing.assert_array_equal(np.isfinite(grey), blocked)
    assert (np.asarray(shut.text) == np.where(blocked, "−∞", "")).all()
    bars = fe.next_token_bars(np.array([0.1, 0.6, 0.3]), ["a", "b", "c"], 1, "t")
    assert list(bars.data[0].x) == [0.6, 0.3, 0.1] and bars.data[0].marker.color[0] == fe.HIGHLIGHT
