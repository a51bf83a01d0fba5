"""The "Language model" page through AppTest: probabilities along the text, sampling, live training
on the visitor's own text, bad input, and the character-against-word section."""

import math

from core import lm
from tests.test_pages import no_raw_html, open_page
from ui.i18n import STRINGS

PAGE = "pages/language_model.py"


def s(key: str, lang: str = "en", **kw) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def metric(at, label_key: str, lang: str = "en") -> str:
    return next(m.value for m in at.metric if m.label == s(label_key, lang))


def test_probabilities_along_the_text_and_the_step_player():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("The cat drank water.").run()
    assert not at.exception
    score = lm.score_text(lm.load_model("en", "lstm"), "The cat drank water.")
    assert metric(at, "lm.along.steps") == str(score.steps) == "21"
    assert metric(at, "lm.along.log10") == f"{score.log_prob / math.log(10):.2f}"
    assert metric(at, "lm.along.ppl") == f"{score.perplexity:.2f}"
    assert any("nn.CrossEntropyLoss" in b.value and "e-1" in b.value for b in at.success)
    assert at.slider(key="lm_step__slider").max == 21
    at.button(key="lm_step__next").click().run()
    at.button(key="lm_step__next").click().run()
    assert at.slider(key="lm_step__slider").value == 3
    markdown = [m.value for m in at.markdown]
    assert s("lm.along.factor", t=3, p=float(score.factors[2])) in markdown
    assert "<bos>Th" in [c.value for c in at.code]
    at.button(key="lm_step__last").click().run()
    assert s("lm.along.factor", t=21, p=float(score.factors[-1])) in [m.value for m in at.markdown]
    assert "<eos>" in [c.value for c in at.code]
    assert len(at.get("plotly_chart")) >= 5
    no_raw_html(at)


def test_model_choice_and_text_in_the_other_language():
    at = open_page(PAGE)  # Korean UI: the Korean models by default
    assert at.radio(key="lm_lang").value == "ko"
    ppl = {}
    for cell in lm.CELLS:
        at.radio(key="lm_cell").set_value(cell).run()
        assert not at.exception
        ppl[cell] = float(metric(at, "lm.along.ppl", "ko"))
    assert all(1 < v < 50 for v in ppl.values())
    at.text_area(key="user_text").input("cold water").run()  # Latin letters, mostly never seen
    n = int(lm.score_text(lm.load_model("ko", "gru"), "cold water").unknown.sum())
    assert n >= 5
    assert s("lm.along.unknown", "ko", n=n, steps=10) in [w.value for w in at.warning]
    at.radio(key="lm_lang").set_value("en").run()
    assert not at.exception
    assert not any(w.value.startswith("10글자") for w in at.warning)
    assert float(metric(at, "lm.along.ppl", "ko")) < min(ppl.values()) * 10


def test_sampling_knobs_at_their_extremes_and_the_second_player():
    at = open_page(PAGE, lang="en")
    at.slider(key="lm_temp").set_value(0.0).run()
    greedy = next(c.value for c in at.code if c.value.endswith("."))
    at.number_input(key="lm_seed").set_value(1234).run()
    assert next(c.value for c in at.code if c.value.endswith(".")) == greedy  # τ=0: no randomness
    at.slider(key="lm_temp").set_value(2.0).run()
    at.select_slider(key="lm_top_k").set_value(1).run()  # top-1 is greedy at any temperature
    assert not at.exception
    assert next(c.value for c in at.code if c.value.endswith(".")) == greedy
    at.select_slider(key="lm_top_k").set_value(0).run()
    at.slider(key="lm_max_len").set_value(5).run()
    assert not at.exception
    trace = lm.sample(lm.load_model("en", "lstm"), temperature=2.0, top_k=None, seed=1234,
                      max_tokens=5)
    assert trace.text() in [c.value for c in at.code]
    assert at.slider(key="lm_gen__slider").max == len(trace.tokens)
    at.button(key="lm_gen__next").click().run()
    p = float(trace.drawn_from[1, trace.ids[1]])
    q = float(trace.model_probs[1, trace.ids[1]])
    assert s("lm.sample.token", t=2, p=p, q=q) in [m.value for m in at.markdown]
    at.text_input(key="lm_prefix").input("<b>x</b>").run()
    assert not at.exception
    no_raw_html(at)


def test_own_text_bad_input_gets_a_clear_message():
    at = open_page(PAGE, lang="en")
    at.text_area(key="lm_corpus").input("").run()
    assert s("lm.own.empty") in [i.value for i in at.info]
    assert not any(b.key == "lm_train" for b in at.button)
    at.text_area(key="lm_corpus").input("a").run()
    assert s("lm.own.too_short", n=1, min=lm.LIVE_MIN_CHARS) in [w.value for w in at.warning]
    # 100,002 characters pasted: the box keeps its max_chars and the page says so.
    at.text_area(key="lm_corpus").set_value("ab cd " * 16_667).run()
    assert not at.exception
    assert len(at.text_area(key="lm_corpus").value) == lm.LIVE_MAX_CHARS
    assert s("lm.own.at_cap", cap=lm.LIVE_MAX_CHARS) in [w.value for w in at.warning]
    assert any(b.key == "lm_train" for b in at.button)


def test_live_training_on_own_text_then_sampling_from_it():
    at = open_page(PAGE, lang="ko")
    at.text_area(key="lm_corpus").input("가나다 가나다 가나다\n가나다라 가나다라\n" * 3).run()
    at.select_slider(key="lm_own_steps").set_value(50).run()
    at.select_slider(key="lm_own_seconds").set_value(5).run()
    assert s("lm.own.none", "ko") in [i.value for i in at.info]
    at.button(key="lm_train").click().run(timeout=120)
    assert not at.exception
    result = at.session_state["lm_run"]
    assert 0 < result.steps <= 50 and result.losses[-1] < result.losses[0]
    captions = [c.value for c in at.caption]
    assert any(c.startswith(s(f"train.stopped.{result.stopped}", "ko", steps=result.steps,
                              seconds=result.seconds)[:6]) for c in captions)
    samples = [c.value for c in at.code][-4:-1]  # the last code block is the word tokens below
    assert all(set(x) <= set("가나다라 ") for x in samples)
    at.run()  # the model stays in the session without retraining
    assert at.session_state["lm_run"] is result


def test_character_against_word_section_counts_unknown_words():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("Tina drank water at home today.").run()
    assert not at.exception
    assert s("lm.units.has_unk", n=1) in [w.value for w in at.warning]
    table = next(df.value for df in at.dataframe)
    steps = dict(zip(table[s("lm.units.model")], table[s("lm.units.steps")], strict=True))
    assert steps[s("lm.units.char")] == 32 and steps[s("lm.units.word")] == 8
    unk = dict(zip(table[s("lm.units.model")], table[s("lm.units.unk")], strict=True))
    assert unk[s("lm.units.char")] == 0 and unk[s("lm.units.word")] == 1
    assert "Tina→<unk>  drank  water  at  home  today  ." in [c.value for c in at.code]
