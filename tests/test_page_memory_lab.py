"""The "Long-range memory lab" page through AppTest: precomputed results, the answer, live runs."""

import pytest

from core.memory import load_sweep, verdict
from tests.test_pages import no_raw_html, open_page
from ui.i18n import STRINGS

PATH = "pages/memory_lab.py"


def markdown_text(at) -> str:
    return "\n".join(md.value for md in at.markdown)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_default_view_shows_the_precomputed_sweep_and_the_answer(lang):
    at = open_page(PATH, lang=lang)
    assert not at.exception
    no_raw_html(at)
    assert at.header[0].value == STRINGS["mem.ref.title"][lang]
    charts = [el for el in at.get("plotly_chart")]
    assert len(charts) >= 3  # accuracy, gradient by distance, gradient during training
    text = markdown_text(at)
    v = verdict(load_sweep()["runs"])
    assert v.rnn_fails_lstm_learns and v.both_fail  # the sweep shows both cases
    rl = STRINGS["mem.answer.rl"][lang].format(ds=", ".join(map(str, v.rnn_fails_lstm_learns)))
    bf = STRINGS["mem.answer.bf"][lang].format(ds=", ".join(map(str, v.both_fail)))
    assert rl in text and bf in text
    assert STRINGS["mem.live.empty"][lang] in "\n".join(i.value for i in at.info)


def test_samples_follow_the_distance_knob_at_its_extremes():
    at = open_page(PATH, lang="en")
    for d in (0, 100):
        at.number_input(key="mem_sample_d").set_value(d).run()
        assert not at.exception
        first = at.code[0].value.splitlines()[0].split("→")[0].split()
        assert len(first) == d + 2 and first[0] in "ABCD" and first[-1] == "?"


def test_choosing_another_distance_redraws_the_gradient_plots():
    at = open_page(PATH, lang="en")
    radio = at.radio(key="mem_ref_grad_d")
    assert radio.value == 20
    radio.set_value(40).run()
    assert not at.exception
    titles = [el.proto.spec for el in at.get("plotly_chart")]
    assert any("d = 40" in spec for spec in titles)


def test_no_distance_disables_training_with_a_message():
    at = open_page(PATH, lang="en")
    at.multiselect(key="mem_distances").set_value([]).run()
    assert not at.exception
    assert at.button(key="mem_train").disabled
    assert STRINGS["mem.live.none"]["en"] in [i.value for i in at.info]


def test_train_all_runs_every_model_and_keeps_the_results_in_the_session():
    at = open_page(PATH, lang="en")
    at.multiselect(key="mem_distances").set_value([2]).run()
    at.slider(key="mem_seconds").set_value(1).run()
    at.select_slider(key="mem_hidden").set_value(8).run()
    before = len(at.get("plotly_chart"))
    at.button(key="mem_train").click().run(timeout=120)
    assert not at.exception, at.exception
    results = at.session_state["mem_results"]
    assert sorted(results) == ["gru:2", "lstm:2", "rnn:2"]
    for r in results.values():
        assert r["steps"] <= 600 and r["seconds"] < 10
        assert len(r["grad_after"]) == 4
    assert len(at.get("plotly_chart")) >= before + 3  # the visitor's own charts
    assert STRINGS["mem.answer.own"]["en"] in markdown_text(at)
    at.button(key="mem_clear").click().run()
    assert "mem_results" not in at.session_state


def test_live_knobs_at_their_extremes_do_not_break_the_page():
    at = open_page(PATH, lang="ko")
    at.multiselect(key="mem_distances").set_value([2, 40, 60]).run()
    at.select_slider(key="mem_hidden").set_value(64).run()
    at.slider(key="mem_seconds").set_value(10).run()
    at.select_slider(key="mem_bias").set_value(0.0).run()
    at.number_input(key="mem_seed").set_value(9999).run()
    assert not at.exception
    assert not at.button(key="mem_train").disabled
    at.select_slider(key="mem_bias").set_value(3.0).run()
    at.select_slider(key="mem_hidden").set_value(8).run()
    assert not at.exception
    no_raw_html(at)
