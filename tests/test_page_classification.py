"""The "Classification" page through AppTest: reading a sentence step by step, order pairs, the
classic practice with live training, the RNN/LSTM/GRU comparison, and two visitors at once."""

import threading

from core.classify import running_prediction, train_classifier
from core.sentiment_data import EXAMPLE_REVIEWS, order_pairs
from pages.classification import LIVE, LIVE_SECONDS
from tests.test_pages import no_raw_html, open_page
from ui.i18n import STRINGS

PAGE = "pages/classification.py"


def s(key: str, lang: str = "en", **kw) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def metric(at, label_key: str, lang: str = "en") -> str:
    return next(m.value for m in at.metric if m.label == s(label_key, lang))


def test_a_negation_turns_the_verdict_and_the_step_player_walks_the_characters():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("The movie was good\nThe movie was not good").run()
    assert not at.exception
    assert float(metric(at, "cls.read.lstm").rstrip("%")) > 80
    assert metric(at, "cls.read.verdict") == s("cls.positive")
    at.selectbox(key="cls_line").set_value(2).run()
    assert float(metric(at, "cls.read.lstm").rstrip("%")) < 20
    assert metric(at, "cls.read.verdict") == s("cls.negative")
    assert any("nn.LSTM" in b.value and "e-1" in b.value for b in at.success)  # ~1e-16 from PyTorch

    run = running_prediction("The movie was not good")
    assert at.slider(key="cls_step__slider").max == len(run.tokens) == 22
    at.button(key="cls_step__last").click().run()
    now = s("cls.step.now", t=22, before=run.p[-2], after=run.p[-1], delta=run.p[-1] - run.p[-2])
    assert now in [m.value for m in at.markdown]
    at.button(key="cls_step__first").click().run()
    at.button(key="cls_step__next").click().run()
    assert at.slider(key="cls_step__slider").value == 2
    assert len(at.get("plotly_chart")) >= 5
    no_raw_html(at)


def test_examples_unknown_characters_and_long_lines():
    at = open_page(PAGE)  # Korean, with the shared box's default text, which is not a review
    assert s("cls.read.not_review", "ko") in [info.value for info in at.info]
    at.selectbox(key="cls_example").set_value(EXAMPLE_REVIEWS[1]).run()
    assert not at.exception
    assert at.text_area(key="user_text").value == EXAMPLE_REVIEWS[1]  # 정말 재미있었다 / … 않았다
    assert at.selectbox(key="cls_example").value is None  # ready to pick again
    assert s("cls.read.not_review", "ko") not in [info.value for info in at.info]
    assert metric(at, "cls.read.verdict", "ko") == s("cls.positive", "ko")
    assert at.selectbox(key="cls_twin").value == 2  # the negated twin is drawn beside it
    at.selectbox(key="cls_line").set_value(2).run()
    assert metric(at, "cls.read.verdict", "ko") == s("cls.negative", "ko")
    assert at.selectbox(key="cls_twin").value == 1

    at.text_area(key="user_text").input("🦜🦜🦜🦜").run()
    assert not at.exception
    assert s("cls.read.mostly_unknown", "ko") in [w.value for w in at.warning]
    assert s("cls.read.unknown", "ko", n=1) in [m.value for m in at.markdown]

    at.text_area(key="user_text").input("정말 좋았다 " * 20).run()
    assert not at.exception
    T = len("정말 좋았다 " * 20) - 1  # the line is stripped
    assert s("input.tokens_cut", "ko", i=1, cap=64, n=T - 64) in [w.value for w in at.warning]
    assert at.slider(key="cls_step__slider").max == 64


def test_order_pairs_bag_of_characters_cannot_tell_them_apart():
    at = open_page(PAGE, lang="en")
    pairs = order_pairs()
    for i in range(len(pairs)):
        at.selectbox(key="cls_pair").set_value(i).run()
        assert not at.exception
        assert any(w.value.startswith(s("cls.order.same_bag", gap=0.0, lstm=0.0)[:40]) for w in at.success)
        outside = s("cls.order.outside") in [info.value for info in at.info]
        assert outside == (pairs[i][2] is None)
    at.selectbox(key="cls_pair").set_value(-1).run()
    at.text_input(key="cls_pair_a").input("The soup was good").run()
    at.text_input(key="cls_pair_b").input("<b>The soup was bad</b>").run()
    assert not at.exception
    assert s("cls.order.not_same_bag") in [info.value for info in at.info]
    at.text_input(key="cls_pair_b").input("   ").run()
    assert s("cls.order.empty") in [info.value for info in at.info]
    no_raw_html(at)


def test_classic_practice_with_knobs_at_their_extremes_and_live_training():
    at = open_page(PAGE, lang="en")
    assert s("cls.train.none") in [info.value for info in at.info]
    at.select_slider(key="cls_hidden").set_value(64).run()
    at.number_input(key="cls_seed").set_value(9999).run()
    at.number_input(key="cls_batch").set_value(9999).run()
    assert not at.exception
    at.select_slider(key="cls_hidden").set_value(4).run()
    at.select_slider(key="cls_steps").set_value(20).run()
    at.select_slider(key="cls_lr").set_value(0.1).run()
    assert not at.exception
    # before training: an untrained model is near chance, its loss near ln 2
    assert any(m.value.startswith(s("cls.before.body").split("**")[0]) for m in at.markdown)
    at.button(key="cls_train").click().run(timeout=180)
    assert not at.exception
    result = at.session_state["cls_run"]
    assert result.steps == 20 and result.model.rnn.hidden_size == 4
    assert s("train.stopped.steps", steps=20, seconds=result.seconds) in [c.value for c in at.caption]
    assert metric(at, "cls.test.accuracy").endswith("%")
    assert len([c for c in at.get("plotly_chart")]) >= 9  # + curves, confusion, accuracy by kind


def test_rnn_lstm_and_gru_side_by_side():
    at = open_page(PAGE, lang="en")
    assert s("cls.compare.none") in [info.value for info in at.info]
    at.select_slider(key="cls_cmp_steps").set_value(20).run()
    at.select_slider(key="cls_cmp_hidden").set_value(8).run()
    at.button(key="cls_compare").click().run(timeout=180)
    assert not at.exception
    runs = {cell: at.session_state[f"cls_cmp_{cell}"] for cell in ("rnn", "lstm", "gru")}
    assert {type(r.model.rnn).__name__ for r in runs.values()} == {"RNN", "LSTM", "GRU"}
    assert all(r.steps == 20 for r in runs.values())
    table = at.dataframe[-1].value
    assert list(table[s("cls.compare.col.model")]) == ["RNN", "LSTM", "GRU"]
    params = list(table[s("cls.compare.col.params")])
    assert params[0] * 3 == params[2] and params[0] * 4 == params[1]  # RNN : GRU : LSTM = 1 : 3 : 4


def test_two_visitors_training_at_once_get_their_own_results():
    """Two sessions press "Train" together, with different seeds; each gets exactly the run it would
    have had alone."""
    visitors = {seed: open_page(PAGE, lang="en") for seed in (1, 2)}
    for seed, at in visitors.items():
        at.select_slider(key="cls_steps").set_value(20).run()
        at.select_slider(key="cls_hidden").set_value(8).run()
        at.number_input(key="cls_seed").set_value(seed).run()

    def press(at) -> None:
        at.button(key="cls_train").click().run(timeout=180)

    threads = [threading.Thread(target=press, args=(at,)) for at in visitors.values()]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for seed, at in visitors.items():
        assert not at.exception
        alone = train_classifier("lstm", H=8, steps=20, max_seconds=LIVE_SECONDS, lr=0.01, seed=seed, **LIVE)
        assert at.session_state["cls_run"].losses == alone.losses
    assert visitors[1].session_state["cls_run"].losses != visitors[2].session_state["cls_run"].losses
