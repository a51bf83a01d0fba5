"""The page "GRU" through AppTest, checked against torch.nn.GRU / RNN / LSTM built here, and
its figure builders on hostile tokens.

The generic tests in tests/test_pages.py already type every kind of text into this page
(``-k gru``); these add the step player, the knobs at their extremes, the numbers shown.
"""

import json
import re

import numpy as np
import pytest
import torch

from core.gru import make_gru, shift_update_gate
from core.text import MAX_TOKENS, TokenizerSpec, text_to_tensors
from tests.test_pages import no_raw_html, open_page
from ui import figures_gru
from ui.i18n import STRINGS

PAGE = "pages/gru.py"
SENTENCE = "the cat sat on the mat"  # 6 words: T = 8 with <bos> and <eos>


def s(key: str, lang: str = "ko", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def opened(text: str = SENTENCE, **query: str):
    at = open_page(PAGE, **query)
    at.text_area(key="user_text").input(text).run()
    assert not at.exception, at.exception
    return at


def torch_states(text: str, q: int = 4, hidden: int = 4, seed: int = 0, shift: float = 0.0):
    """The page's input and model rebuilt here; torch.nn.GRU itself gives the states."""
    tt = text_to_tensors([text], TokenizerSpec("word"), d=q, seed=seed)
    x = torch.from_numpy(tt.embedded[0, : len(tt.sentences[0].ids)])  # (T, Q)
    module = shift_update_gate(make_gru(q, hidden, seed=seed), shift)
    with torch.no_grad():
        h, _ = module(x)  # (T, H)
    return x.numpy(), h.numpy(), module


def latex_text(at) -> str:
    return "\n".join(e.value for e in at.latex)


def test_badge_reports_agreement_with_torch_in_both_languages():
    for lang in ("ko", "en"):
        at = opened(lang=lang)
        badges = [b.value for b in at.success if "torch.nn.GRU" in b.value]
        assert len(badges) == 1
        diff = float(re.search(r"(\d\.\de[-+]\d+)", badges[0]).group(1))
        assert diff < 1e-12
        checks = next(m.value for m in at.markdown if "nn.RNN" in m.value and "nn.LSTM" in m.value)
        assert all(float(v) < 1e-12 for v in re.findall(r"\d\.\de[-+]\d+", checks))
        subheaders = [h.value for h in at.subheader]
        for key in ("gru.step.title", "gru.update.title", "gru.forms.title", "gru.compare.title"):
            assert s(key, lang) in subheaders
        assert s("gru.random", lang, seed=0) in [i.value for i in at.info]
        no_raw_html(at)


def test_step_player_shows_torchs_numbers_at_every_step():
    at = opened(step="3")
    x, h, module = torch_states(SENTENCE)
    slider = at.slider(key="gru_step__slider")
    assert slider.value == 3 and slider.max == len(h) == 8
    W_ih, W_hh = module.weight_ih_l0.detach().numpy(), module.weight_hh_l0.detach().numpy()
    b_ih, b_hh = module.bias_ih_l0.detach().numpy(), module.bias_hh_l0.detach().numpy()
    for step in (3, 4, 8):
        if step == 4:
            at.button(key="gru_step__next").click().run()
        if step == 8:
            at.button(key="gru_step__last").click().run()
        assert at.slider(key="gru_step__slider").value == step
        assert at.query_params["step"] in (str(step), [str(step)])
        shown = latex_text(at)
        t = step - 1
        r = 1 / (1 + np.exp(-(W_ih[:4] @ x[t] + b_ih[:4] + W_hh[:4] @ h[t - 1] + b_hh[:4])))
        assert rf"\mathbf{{{r[0]:.3f}}}" in shown  # reset gate of unit 1, rebuilt from torch's weights
        assert rf"\mathbf{{{h[t, 0]:.3f}}}" in shown  # h_t of unit 1 as torch.nn.GRU computes it
        table = at.dataframe[0].value
        np.testing.assert_allclose(table["hₜ"].to_numpy(), h[t].round(4), atol=1e-4)
    assert at.button(key="gru_step__next").disabled
    assert s("gru.split.last") in [m.value for m in at.markdown]  # the last step says it is h_n


def test_unit_picker_moves_equations_and_is_clamped_when_h_shrinks():
    at = opened()
    _, h, _ = torch_states(SENTENCE, hidden=6)
    at.number_input(key="gru_h").set_value(6).run()
    at.number_input(key="gru_unit").set_value(6).run()
    assert not at.exception
    assert rf"\mathbf{{{h[0, 5]:.3f}}}" in latex_text(at) and "h_{t,6}" in latex_text(at)
    at.number_input(key="gru_h").set_value(2).run()
    assert not at.exception
    assert at.number_input(key="gru_unit").value <= 2


@pytest.mark.parametrize("shift", [-6.0, 6.0])
def test_update_gate_shift_at_its_extremes(shift):
    at = opened()
    at.slider(key="gru_zshift").set_value(shift).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    mean_z = float(metrics[s("gru.update.mean_z")])
    carried = float(metrics[s("gru.update.carry_end", T=8)])
    if shift > 0:  # z near 1: the old state is carried almost unchanged
        assert mean_z > 0.95 and carried > 0.7
    else:  # z near 0: every step overwrites
        assert mean_z < 0.05 and carried < 1e-6
    badge = next(b.value for b in at.success if "torch.nn.GRU" in b.value)
    assert float(re.search(r"(\d\.\de[-+]\d+)", badge).group(1)) < 1e-12  # still a torch.nn.GRU
    _, h, _ = torch_states(SENTENCE, shift=shift)
    np.testing.assert_allclose(at.dataframe[0].value["hₜ"].to_numpy(), h[0].round(4), atol=1e-4)


def test_sizes_at_their_caps_and_the_parameter_table_counts_real_modules():
    at = opened("가" * 200 + " 나" * 200)  # far past the token cap
    for key, value in (("gru_q", 16), ("gru_h", 16), ("gru_seed", 9999), ("gru_layers", 4)):
        at.number_input(key=key).set_value(value).run()
    at.toggle(key="gru_bidir").set_value(True).run()
    assert not at.exception
    assert at.slider(key="gru_step__slider").max == MAX_TOKENS
    cut = s("input.tokens_cut", i=1, cap=MAX_TOKENS, n=201 - (MAX_TOKENS - 2))
    assert cut in [w.value for w in at.warning]
    table = next(df.value for df in at.dataframe if s("gru.params.counted") in df.value.columns)
    modules = (torch.nn.RNN, torch.nn.LSTM, torch.nn.GRU)
    for row, cls in zip(table.itertuples(index=False), modules, strict=True):
        module = cls(16, 16, num_layers=4, bidirectional=True)
        assert row[4] == row[3] == sum(p.numel() for p in module.parameters())
    assert table.iloc[2, 4] * 4 == table.iloc[1, 4] * 3
    at.number_input(key="gru_q").set_value(2).run()
    at.number_input(key="gru_h").set_value(1).run()
    at.radio(key="gru_level").set_value("char").run()
    assert not at.exception
    assert at.number_input(key="gru_unit").max == 1


def test_textbook_form_differs_and_only_pytorchs_matches():
    at = opened()
    prefix = STRINGS["gru.forms.max"]["ko"].split("{")[0]
    gap = next(m.value for m in at.markdown if m.value.startswith(prefix))
    assert float(re.search(r"(\d+\.\d{4})", gap).group(1)) > 1e-3
    shown = latex_text(at)
    assert r"W_{hn}(r_t\odot h_{t-1})" in shown and r"r_{t,1}\big((W_{hn}h_{t-1})" in shown


def test_line_picker_runs_the_chosen_line_only():
    at = opened("one two\nthe third line has six words\nx")
    at.selectbox(key="gru_line").set_value(2).run()
    assert not at.exception
    assert at.slider(key="gru_step__slider").max == 8
    _, h, _ = torch_states("the third line has six words")
    np.testing.assert_allclose(at.dataframe[0].value["hₜ"].to_numpy(), h[0].round(4), atol=1e-4)
    at.text_area(key="user_text").input("only one line now").run()  # the picked line vanishes
    assert not at.exception
    assert at.slider(key="gru_step__slider").max == 6


def test_switching_language_keeps_step_unit_and_shift():
    at = opened(step="5")
    at.number_input(key="gru_unit").set_value(3).run()
    at.slider(key="gru_zshift").set_value(2.0).run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.slider(key="gru_step__slider").value == 5
    assert at.number_input(key="gru_unit").value == 3 and at.slider(key="gru_zshift").value == 2.0
    assert s("gru.step.title", "en") in [h.value for h in at.subheader]


# --- figure builders -------------------------------------------------------------------------

NASTY = ("<b>x</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a&b")


def drawn(fig) -> str:
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False, default=str)


def test_figures_escape_tokens_and_names():
    rng = np.random.default_rng(0)
    T, H = len(NASTY), 3
    values = rng.uniform(0, 1, (T, H))
    figs = [
        figures_gru.gate_heatmaps([("<i>r</i>", values, True), ("h", values - 0.5, False)], NASTY, step=2),
        figures_gru.carry_curves(values, [(0.0, values.mean(1)), (2.0, values.mean(1))], 0.0, NASTY,
                                 {"mean": "<u>{s}</u>", "reference": "{s}"}),
        figures_gru.forms_gap(values[:, 0], values[:, 1], NASTY, {"one_step": "<b>o</b>", "whole_run": "w"}),
        figures_gru.states_now([("<b>RNN</b>", values[0])]),
        figures_gru.update_split(values[0], values[1], values[2], {"kept": "<s>k</s>", "written": "w"}),
    ]
    for fig in figs:
        text = drawn(fig)
        for bad in ("<b>x</b>", "<script>", "<img", "<i>r</i>", "<u>", "<b>RNN", "<s>k", "<b>o</b>"):
            assert bad not in text
    assert "&lt;script&gt;" in drawn(figs[0]) and "a&amp;b" in drawn(figs[0])


def test_cell_diagram_shows_every_value_and_escapes_its_names():
    keys = ("h_prev", "r", "z", "one_minus_z", "hn", "reset", "xn", "n", "keep", "write", "h")
    values = {k: round(0.01 * (i + 1) * (-1) ** i, 2) for i, k in enumerate(keys)}
    names = {"update": "<b>u</b>", "reset": "r", "candidate": "c", "x": "(Q = 4)", "out": "o"}
    fig = figures_gru.cell_diagram(values, names, "cell")
    notes = [text for trace in fig.data if trace.mode == "text" for text in trace.text]
    for v in values.values():
        assert any(figures_gru.signed(v) in note for note in notes), v
    assert figures_gru.signed(-0.0004) == "+0.000" and figures_gru.signed(-0.25) == "−0.250"
    assert "<b>u</b>" not in drawn(fig) and "&lt;b&gt;u&lt;/b&gt;" in drawn(fig)
    heat = figures_gru.gate_heatmaps([("z", np.full((3, 2), 0.5), True)], ["a", "b", "c"], step=2)
    assert heat.layout.shapes[0].x0 == 1.5 and heat.layout.shapes[0].x1 == 2.5  # the current step
