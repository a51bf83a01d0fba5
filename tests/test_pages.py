"""Every page through Streamlit's AppTest: start from app.py, switch page, type all kinds of text."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.text import MAX_TOKENS
from ui.i18n import STRINGS
from ui.shell import HOME, PAGES

ROOT = Path(__file__).resolve().parents[1]

TEXTS = {
    "korean": "나는 오늘 학교에 간다\n고양이가 창가에서 잠을 잔다",
    "english": "The cat sleeps by the window\nI like apples",
    "empty": "",
    "blank": "   \n\t\n",
    "over_long": "가나다라 마바사 " * 1_250,  # 10,000 characters
    "emoji": "👨\u200d👩\u200d👧 🇰🇷 👍🏽 🙂🙂",
    "markup": "<script>alert(1)</script> **bold** $x^2$ :red[z] <img src=x onerror=alert(1)>",
    "many_lines": "\n".join(f"line {i}" for i in range(30)),
    "controls": "a\x00b\x1b\u202ec",
}


def open_page(path: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def no_raw_html(at: AppTest) -> None:
    for md in at.markdown:
        assert not md.proto.allow_html, md.value


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_page_opens_in_both_languages(spec):
    for lang in ("ko", "en"):
        at = open_page(spec.path, lang=lang)
        expected = "SeqLab" if spec.key == "home" else STRINGS[f"page.{spec.key}.title"][lang]
        assert at.title[0].value.endswith(expected)
        assert at.segmented_control(key="lang").value == lang
        no_raw_html(at)


@pytest.mark.parametrize("spec", [p for p in PAGES if p.text_box and p is not HOME],
                         ids=lambda s: s.key)
@pytest.mark.parametrize("kind", list(TEXTS))
def test_page_takes_any_text_without_exception(spec, kind):
    at = open_page(spec.path)
    at.text_area(key="user_text").set_value(TEXTS[kind]).run()  # as pasted: cut to max_chars
    assert not at.exception, at.exception
    no_raw_html(at)
    if kind in ("empty", "blank"):
        assert any(STRINGS["input.empty"]["ko"] in info.value for info in at.info)
    if kind == "over_long":
        assert any("2,000" in w.value for w in at.warning)
    if kind == "many_lines":
        assert STRINGS["input.lines_cut"]["ko"].format(cap=8, n=22) in [w.value for w in at.warning]
    if kind == "controls":
        assert STRINGS["input.controls_removed"]["ko"].format(n=3) in [i.value for i in at.info]


def test_home_links_every_page_and_runs_with_text_in_the_session():
    at = open_page("pages/text_tensors.py")
    at.text_area(key="user_text").set_value(TEXTS["over_long"]).run()
    at.switch_page("pages/home.py").run()
    assert not at.exception
    links = {link.proto.page for link in at.get("page_link")}
    assert len(links) == len(PAGES) - 1


def test_character_tokens_over_the_cap_are_cut_with_a_message():
    at = open_page("pages/text_tensors.py")
    at.radio(key="tt_level").set_value("char").run()
    at.text_area(key="user_text").input("가" * 300).run()
    assert not at.exception
    cut = STRINGS["input.tokens_cut"]["ko"].format(i=1, cap=MAX_TOKENS, n=300 - (MAX_TOKENS - 2))
    assert cut in [w.value for w in at.warning]


def test_knobs_at_their_extremes():
    at = open_page("pages/text_tensors.py")
    at.radio(key="tt_level").set_value("char").run()
    at.toggle(key="tt_jamo").set_value(True).run()
    at.radio(key="tt_source").set_value("corpus").run()
    at.select_slider(key="tt_cap").set_value(5).run()
    at.number_input(key="tt_dim").set_value(16).run()
    at.number_input(key="tt_seed").set_value(9999).run()
    at.toggle(key="tt_bos_eos").set_value(False).run()
    assert not at.exception
    markdown = [m.value for m in at.markdown]
    assert f"**{STRINGS['tt.vocab.size']['ko'].format(n=5)}**" in markdown
    assert STRINGS["tt.unk.here"]["ko"] in markdown  # a 5-entry vocabulary cannot hold the text
    at.select_slider(key="tt_cap").set_value(None).run()
    at.number_input(key="tt_dim").set_value(2).run()
    assert not at.exception
    assert STRINGS["tt.unk.none_here"]["ko"] not in [i.value for i in at.info]  # corpus vocabulary


def test_switching_language_keeps_text_knobs_and_step():
    at = open_page("pages/text_tensors.py")
    at.text_area(key="user_text").input("나는 학교에 간다").run()
    at.radio(key="tt_level").set_value("char").run()
    at.button(key="tt_step__last").click().run()
    step = at.slider(key="tt_step__slider").value
    assert step == len("나는 학교에 간다") + 2
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == STRINGS["page.text_tensors.title"]["en"]
    assert at.text_area(key="user_text").value == "나는 학교에 간다"
    assert at.radio(key="tt_level").value == "char"
    assert at.slider(key="tt_step__slider").value == step
    assert at.query_params["lang"] in ("en", ["en"])


def test_state_survives_a_round_trip_to_another_page():
    at = open_page("pages/text_tensors.py")
    at.text_area(key="user_text").input("I like apples").run()
    at.radio(key="tt_source").set_value("corpus").run()
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/text_tensors.py").run()
    assert at.text_area(key="user_text").value == "I like apples"
    assert at.radio(key="tt_source").value == "corpus"


def test_step_player_buttons_slider_and_query_param():
    at = open_page("pages/text_tensors.py", step="3")
    n = at.slider(key="tt_step__slider").max
    assert at.slider(key="tt_step__slider").value == 3
    at.button(key="tt_step__next").click().run()
    assert at.slider(key="tt_step__slider").value == 4 and at.query_params["step"] in ("4", ["4"])
    at.button(key="tt_step__prev").click().run()
    assert at.slider(key="tt_step__slider").value == 3
    at.button(key="tt_step__last").click().run()
    assert at.slider(key="tt_step__slider").value == n and at.button(key="tt_step__next").disabled
    at.button(key="tt_step__first").click().run()
    assert at.slider(key="tt_step__slider").value == 1 and at.button(key="tt_step__prev").disabled


def test_out_of_range_step_in_the_address_is_clamped():
    at = open_page("pages/text_tensors.py", step="999")
    assert at.slider(key="tt_step__slider").value == at.slider(key="tt_step__slider").max
    at = open_page("pages/text_tensors.py", step="banana")
    assert at.slider(key="tt_step__slider").value == 1


def test_page_reports_agreement_with_nn_embedding():
    at = open_page("pages/text_tensors.py", lang="en")
    assert any("nn.Embedding" in s.value and "0.0e+00" in s.value for s in at.success)


def test_hosted_entrypoint_serves_the_same_pages():
    """deploy/streamlit_app.py (Community Cloud) runs app.py and reaches every page."""
    at = AppTest.from_file(str(ROOT / "deploy" / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    for spec in PAGES:
        at.switch_page(spec.path).run()
        assert not at.exception, spec.key
    assert at.title[0].value == STRINGS[f"page.{PAGES[-1].key}.title"]["en"]


def test_a_stale_play_does_not_resume_when_the_learner_comes_back():
    at = open_page("pages/text_tensors.py")
    at.session_state["tt_step__playing"] = True
    at.session_state["tt_step__tick"] = 0.0  # the last beat was long ago (another page)
    at.run()
    assert not at.exception
    assert at.session_state["tt_step__playing"] is False
    assert at.button(key="tt_step__play").label == STRINGS["player.play"]["ko"]


def test_during_play_the_slider_is_inert_and_a_new_one_follows():
    """While Play runs the slider is a disabled copy under no key (an echo of an old value has
    no live widget to land on); Pause draws a live slider under a new key, at the current step."""
    at = open_page("pages/text_tensors.py", lang="en")
    at.button(key="tt_step__next").click().run()
    assert at.slider(key="tt_step__slider").value == 2
    at.button(key="tt_step__play").click().run()
    assert at.session_state["tt_step__playing"] is True
    sliders = [s for s in at.slider if s.label == STRINGS["player.step"]["en"]]
    assert len(sliders) == 1 and sliders[0].disabled and not sliders[0].key
    step = at.session_state["tt_step"]
    at.button(key="tt_step__play").click().run()  # Pause
    assert at.session_state["tt_step__playing"] is False
    live = [s for s in at.slider if s.label == STRINGS["player.step"]["en"]]
    assert len(live) == 1 and not live[0].disabled and live[0].key.startswith("tt_step__slider")
    assert live[0].key != "tt_step__slider" and live[0].value == at.session_state["tt_step"] == step
    live[0].set_value(1).run()  # the new slider moves the step
    assert at.session_state["tt_step"] == 1 and at.query_params["step"] in ("1", ["1"])


def test_the_badge_reader_sees_green_and_red_badges():
    """tests/display.badges must find every badge (Streamlit moves the leading ✅/❌ to the icon)."""
    from tests.display import badges

    at = open_page("pages/rnn_forward.py", lang="en")
    found = badges(at)
    assert [b.module for b in found] == ["nn.RNN", "nn.Linear → softmax"] and all(b.ok for b in found)
