"""The "Self-attention" page through AppTest: the numbers it shows are PyTorch's, and every control works.

The generic tests in tests/test_pages.py type every kind of text into this page (``-k self_attention``);
these drive its own controls and check what it shows against ``torch.nn`` modules called here.
"""

from __future__ import annotations

import numpy as np
import torch

from core.attention import make_encoder_layer, sinusoidal_positional_encoding
from core.text import TokenizerSpec, text_to_tensors
from tests.test_pages import no_raw_html, open_page
from ui.i18n import STRINGS
from ui.strings.self_attention import CONTEXT_PAIRS

PAGE = "pages/self_attention.py"
PAIRS = tuple(s for key in CONTEXT_PAIRS for s in CONTEXT_PAIRS[key][:2])


def S(key: str, lang: str = "en", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


def torch_attention(lines: list[str], heads: int = 2, d_k: int = 4, seed: int = 0, positional: bool = True,
                    level: str = "word", line: int = 0) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Tokens, per-head weights (h, T, T) and output (T, E) from torch.nn itself, built the way the
    page says it builds them: one vocabulary over the lines and the pairs, seeded modules."""
    E = heads * d_k
    tt = text_to_tensors([*lines, *PAIRS], TokenizerSpec(level), d=E, seed=seed, add_bos=False,
                         add_eos=False, max_tokens=24)
    tokens = tt.sentences[line].tokens
    x = torch.from_numpy(tt.embedded[line, : len(tokens)].copy())  # (T, E)
    if positional:
        x = x + torch.from_numpy(sinusoidal_positional_encoding(len(tokens), E))
    layer = make_encoder_layer(E, heads, 4 * E, seed=seed)
    with torch.no_grad():
        out, w = layer.self_attn(x, x, x, need_weights=True, average_attn_weights=False)
    return tokens, w.numpy(), out.numpy()


def opened(text: str, lang: str = "en", **query: str):
    at = open_page(PAGE, lang=lang, **query)
    at.text_area(key="user_text").input(text).run()
    assert not at.exception, at.exception
    return at


def column(at, name: str) -> list:
    """A column of the step table (the first dataframe that has it)."""
    for df in at.dataframe:
        if name in df.value.columns:
            return list(df.value[name])
    raise AssertionError(f"no table has a column {name!r}")


def test_badges_state_agreement_with_pytorch_in_both_languages():
    for lang in ("ko", "en"):
        at = open_page(PAGE, lang=lang)
        assert at.title[0].value == S("page.self_attention.title", lang)
        badges = " ".join(s.value for s in at.success)
        modules = ("nn.MultiheadAttention", "nn.TransformerEncoderLayer", "F.scaled_dot_product_attention")
        for module in modules:
            assert f"`{module}`" in badges, module
        assert not at.error  # a gap over 1e-9 would show the red badge
        assert any(S("sa.random", lang) == m.value for m in at.markdown)  # says the weights are random
        no_raw_html(at)


def test_stepping_the_query_shows_pytorchs_scores_and_weights():
    text = "the cat sat on the mat"
    tokens, w, _ = torch_attention([text])
    at = opened(text, step="2")
    assert at.slider(key="sa_step__slider").value == 2
    assert S("sa.query.now", t=2) in [m.value for m in at.markdown]
    at.segmented_control(key="sa_sub").set_value(3).run()
    assert column(at, "token") == list(tokens)
    np.testing.assert_allclose(column(at, "a_j"), w[0, 1], atol=1e-6)  # head 1, query t = 2
    assert abs(sum(column(at, "a_j")) - 1) < 1e-5
    at.segmented_control(key="sa_head").set_value(2).run()
    at.button(key="sa_step__next").click().run()
    assert at.slider(key="sa_step__slider").value == 3 and at.segmented_control(key="sa_sub").value == 3
    np.testing.assert_allclose(column(at, "a_j"), w[1, 2], atol=1e-6)  # the sub-step stayed
    at.button(key="sa_step__last").click().run()
    assert at.slider(key="sa_step__slider").value == len(tokens) and at.button(key="sa_step__next").disabled
    at.segmented_control(key="sa_sub").set_value(1).run()
    assert any(r"q_{6} \cdot k_j" in x.value for x in at.latex)
    at.segmented_control(key="sa_sub").set_value(4).run()
    assert "a_j · v_j" in at.dataframe[0].value.columns
    assert not at.exception


def test_knobs_at_their_extremes_and_the_token_cap():
    long_line = " ".join(f"w{i}" for i in range(30))
    at = opened(long_line)
    assert S("input.tokens_cut", i=1, cap=24, n=6) in [w.value for w in at.warning]
    assert at.slider(key="sa_step__slider").max == 24
    at.select_slider(key="sa_heads").set_value(4).run()
    at.select_slider(key="sa_dk").set_value(8).run()
    at.radio(key="sa_level").set_value("char").run()
    at.toggle(key="sa_pe").set_value(False).run()
    at.number_input(key="sa_seed").set_value(9999).run()
    assert not at.exception
    assert S("sa.E", h=4, d_k=8, E=32, ff=128) in [c.value for c in at.caption]
    assert at.segmented_control(key="sa_head").options == ["1", "2", "3", "4"]
    assert S("sa.input.no_pe") in [i.value for i in at.info]
    assert not at.error
    at.select_slider(key="sa_heads").set_value(1).run()
    at.select_slider(key="sa_dk").set_value(2).run()
    assert not at.exception and not at.error
    assert S("sa.E", h=1, d_k=2, E=2, ff=8) in [c.value for c in at.caption]


def test_same_word_in_two_contexts_mlp_equal_attention_different():
    at = open_page(PAGE, lang="en")
    assert at.selectbox(key="sa_ctx_pair").value == "bank"
    gaps = dict(zip(column(at, "computation"), column(at, "max |A − B|"), strict=True))
    assert float(gaps[S("sa.ctx.model.x")]) == 0.0
    assert float(gaps[S("sa.ctx.model.mlp")]) == 0.0
    assert float(gaps[S("sa.ctx.model.attn")]) > 1e-3
    assert float(gaps[S("sa.ctx.model.layer")]) > 1e-3
    assert "bank" in [c.value for c in at.code]
    at.selectbox(key="sa_ctx_pair").set_value("bae").run()
    assert "배를" in [c.value for c in at.code]
    # Two of the learner's lines, the shared word at different positions, PE on: the page says so.
    at.text_area(key="user_text").input("a cat runs\nmy old cat sleeps").run()
    at.segmented_control(key="sa_ctx_source").set_value("lines").run()
    assert not at.exception
    assert "cat" in [c.value for c in at.code]
    prefix = S("sa.ctx.positions", a=2, b=3, x="@").split("@")[0]
    assert any(w.value.startswith(prefix) for w in at.warning)
    at.toggle(key="sa_pe").set_value(False).run()  # without positions the rows are equal again
    assert float(column(at, "max |A − B|")[1]) == 0.0
    at.text_area(key="user_text").input("only one line").run()
    assert S("sa.ctx.need_two") in [i.value for i in at.info]


def test_order_permutes_outputs_without_positions_only():
    at = opened("the dog bites the man")
    off, on = (float(m.value) for m in at.metric)
    assert off < 1e-12 < 1e-3 < on
    assert at.code[-1].value.split() == ["man", "the", "bites", "dog", "the"]  # reversed
    at.segmented_control(key="sa_perm").set_value("shuffle").run()
    first = at.code[-1].value
    at.button(key="sa_reshuffle").click().run()
    at.button(key="sa_reshuffle").click().run()
    assert sorted(at.code[-1].value.split()) == sorted(first.split())
    off, on = (float(m.value) for m in at.metric)
    assert off < 1e-12 and on > 1e-3


def test_shape_rules_show_pytorchs_own_errors():
    at = opened("one two three four five")
    at.slider(key="sa_lab_dk").set_value(3).run()
    at.slider(key="sa_lab_dv").set_value(7).run()
    assert S("sa.dv.result", T=5, dk=3, dv=7) in [m.value for m in at.markdown]
    at.toggle(key="sa_lab_break").set_value(True).run()
    assert "mat1 and mat2 shapes cannot be multiplied (5x3 and 4x5)" in [c.value for c in at.code]
    assert S("sa.res.fits", T=5, E=8) in [s.value for s in at.success]
    at.select_slider(key="sa_wo_out").set_value(6).run()
    assert S("sa.res.fails", T=5, E=8, w=6) in [e.value for e in at.error]
    assert any("must match the size of tensor b (6)" in c.value for c in at.code)


def test_one_token_and_language_switch_keep_state():
    at = opened("안녕", lang="ko")
    assert S("player.single", "ko") in [c.value for c in at.caption]
    assert S("sa.order.one", "ko") in [i.value for i in at.info]
    at.text_area(key="user_text").input("나는 오늘 학교에 간다").run()
    at.button(key="sa_step__next").click().run()
    at.segmented_control(key="sa_sub").set_value(2).run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == S("page.self_attention.title")
    assert at.slider(key="sa_step__slider").value == 2 and at.segmented_control(key="sa_sub").value == 2


def test_lines_are_picked_and_markup_stays_text():
    at = opened("<b>x</b> & y\nsecond line here", lang="ko")
    at.selectbox(key="sa_line").set_value(2).run()
    assert not at.exception
    assert at.slider(key="sa_step__slider").max == 3
    no_raw_html(at)
