"""What the "Text → tensors" page shows, read off the page and checked against an independent reference.

Every value is read from the page's output (LaTeX, Plotly specs, tables, texts) with ``tests.display``
and compared with what the test computes itself: the tokens from core's tokenizer (the learner's
tokens), the vocabulary counted here with ``collections.Counter``, and the embedding rows from
``torch.nn.Embedding`` run forward (its weights from core's seeded ``make_embedding``). No ``ui``
formatter, figure builder or core trace is used for an expected value.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import numpy as np
import pytest
import streamlit as st
import torch

import core.text
from core.text import TokenizerSpec, make_embedding, sample_corpus, tokenize
from tests import display as D
from tests.test_pages import open_page

PAGE = "pages/text_tensors.py"
EN = ["I go to school today", "The cat sleeps by the window"]  # the English example text
KO = ["나는 오늘 학교에 간다", "고양이가 창가에서 잠을 잔다"]  # the Korean example text
SPECIALS = ("<pad>", "<unk>", "<bos>", "<eos>")  # the order the page's vocabulary text states
PAD, UNK = 0, 1
ORANGE = 2  # cell state of a token that became <unk> (1 = known, 0 = padding)


# --- the reference --------------------------------------------------------------------------------
@dataclasses.dataclass
class Ref:
    """The page's numbers computed here: tokens, a vocabulary counted with Counter, nn.Embedding rows."""

    tokens: list[list[str]]  # per sentence, with <bos>/<eos>
    itos: list[str]
    counts: list[int]
    ids: list[list[int]]
    unk: list[list[bool]]
    emb: torch.nn.Embedding

    def rows(self, i: int) -> np.ndarray:
        """nn.Embedding run forward on sentence i's ids (1-based i). (T, d)"""
        with torch.no_grad():
            return self.emb(torch.tensor(self.ids[i - 1])).numpy()


def count_vocab(corpus: list[list[str]], cap: int | None = None) -> tuple[list[str], list[int]]:
    """Specials first, then by falling count, ties by code point; ``cap`` counts the specials."""
    counter = Counter(tok for toks in corpus for tok in toks if tok not in SPECIALS)
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    if cap is not None:
        ranked = ranked[: cap - len(SPECIALS)]
    return list(SPECIALS) + [w for w, _ in ranked], [0] * 4 + [n for _, n in ranked]


WORDS = TokenizerSpec("word")


def reference(sentences: list[str], spec: TokenizerSpec = WORDS, *, source: str = "own",
              cap: int | None = None, d: int = 4, seed: int = 0, bos_eos: bool = True) -> Ref:
    own = [tokenize(s, spec) for s in sentences]
    corpus = own if source == "own" else [tokenize(s, spec) for s in sample_corpus()]
    itos, counts = count_vocab(corpus, cap)
    stoi = {w: i for i, w in enumerate(itos)}
    extra = (["<bos>"], ["<eos>"]) if bos_eos else ([], [])
    tokens = [extra[0] + toks + extra[1] for toks in own]
    ids = [[stoi.get(tok, UNK) for tok in toks] for toks in tokens]
    unk = [[tok not in stoi for tok in toks] for toks in tokens]
    return Ref(tokens, itos, counts, ids, unk, make_embedding(len(itos), d, seed))


# --- readers --------------------------------------------------------------------------------------
def badges(at) -> list[D.Badge]:
    """The PyTorch badges as shown. Streamlit moves a leading ✅/❌ into the alert's icon, which
    ``tests.display.badges`` does not look at, so this reader checks the icon too."""
    out = []
    for kind, ok, mark in (("success", True, "✅"), ("error", False, "❌")):
        for e in getattr(at, kind):
            text = str(e.value)
            m = re.search(r"`(?P<module>[^`]+)`.*?(?P<diff>\d\.\de[+-]\d+|inf)", text)
            if m and mark in (text + str(getattr(e, "icon", "") or "")):
                out.append(D.Badge(ok, m.group("module"), float(m.group("diff"))))
    return out


def ticks(spec: dict, axis: str) -> dict[float, str]:
    """tick value → tick text (plain) of an axis."""
    layout = spec["layout"][axis]
    return dict(zip(D.arr(layout["tickvals"]).astype(float).tolist(), D.axis_ticks(spec, axis), strict=True))


def cell(text: str) -> tuple[str, int]:
    """A cell 'token<br><b>id</b>' as (token, id)."""
    token, ident = text.split("<br>")
    return D.plain(token), int(D.plain(ident))


def seen(token: str) -> str:
    """A token as a figure writes it: a space is drawn as ␣ (the page's own convention)."""
    return "␣" if token == " " else token


def markdown(at) -> list[str]:
    return [str(m.value) for m in at.markdown]


def set_step(at, n: int):
    at.slider(key="tt_step__slider").set_value(n).run()
    assert at.session_state["tt_step"] == n
    return at


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def en():
    at = open_page(PAGE, lang="en")
    assert not at.exception
    return at


@pytest.fixture
def fresh_cache():
    """The page caches core's results for every AppTest in this process: start and end clean."""
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


# --- 1. tokens and lengths ------------------------------------------------------------------------
def check_strips(at, ref: Ref) -> None:
    for i, (toks, ids, unk) in enumerate(zip(ref.tokens, ref.ids, ref.unk, strict=True), start=1):
        spec = D.chart(at, f"strip_{i}")
        assert D.numbers_in(D.plain(spec["layout"]["title"]["text"]))[0] == i  # "Sentence i: …"
        hm = D.traces(spec, "heatmap")[0]
        shown = [cell(c) for c in hm["text"][0]]
        assert [tok for tok, _ in shown] == [seen(tok) for tok in toks], f"sentence {i}: tokens"
        assert [n for _, n in shown] == ids, f"sentence {i}: ids under the tokens"
        np.testing.assert_array_equal(D.arr(hm["x"]), np.arange(1, len(toks) + 1))  # t = 1 … T_x
        state = D.arr(hm["z"]).reshape(-1)
        np.testing.assert_array_equal(state == ORANGE, unk, err_msg=f"sentence {i}: orange = <unk>")


def check_lengths(at, ref: Ref) -> None:
    tex = next(x for x in D.latex(at) if "T_x" in x)
    shown = {int(i): int(n) for i, n in re.findall(r"T_x\^\{\((\d+)\)\}\s*=\s*(\d+)", tex)}
    assert shown == {i: len(t) for i, t in enumerate(ref.tokens, start=1)}


def test_token_strips_and_lengths_show_the_learners_tokens_and_ids(en):
    ref = reference(EN)
    check_strips(en, ref)
    check_lengths(en, ref)


# --- 2. vocabulary --------------------------------------------------------------------------------
def check_vocab(at, ref: Ref, lang: str = "en") -> None:
    size = len(ref.itos)
    assert any(re.search(rf"\|V\| = {size}\*\*$", m) for m in markdown(at)), "vocabulary size"
    df = D.table(at, 0)
    id_col, tok_col, count_col = df.columns
    assert df[id_col].tolist() == list(range(size))
    assert df[tok_col].tolist() == ref.itos
    shown = df[count_col].tolist()
    assert shown[:4] == ["—"] * 4
    assert [int(c) for c in shown[4:]] == ref.counts[4:]


def test_vocabulary_table_lists_ids_tokens_and_counts(en):
    check_vocab(en, reference(EN))


# --- 3. the padded batch --------------------------------------------------------------------------
def check_batch(at, ref: Ref) -> None:
    N, T_max = len(ref.tokens), max(len(t) for t in ref.tokens)
    real = sum(len(t) for t in ref.tokens)
    shape_line = next(m for m in markdown(at) if "(N, T_max) =" in m)
    assert D.numbers_in(shape_line.split("=", 1)[1])[:4] == [N, T_max, real, N * T_max - real]
    spec = D.chart(at, "batch")
    hm = D.traces(spec, "heatmap")[0]
    assert spec["layout"]["yaxis"]["title"]["text"] == "i" and spec["layout"]["xaxis"]["title"]["text"] == "t"
    np.testing.assert_array_equal(D.arr(hm["y"]), np.arange(1, N + 1))  # a row per sentence i
    np.testing.assert_array_equal(D.arr(hm["x"]), np.arange(1, T_max + 1))  # a column per step t
    state = D.arr(hm["z"]).reshape(N, T_max)
    for i in range(N):
        pad = T_max - len(ref.tokens[i])
        shown = [cell(c) for c in hm["text"][i]]
        # The batch holds ids, so a cell names the vocabulary entry: <unk> for an unknown token.
        encoded = [seen(ref.itos[n]) for n in ref.ids[i]]
        assert [tok for tok, _ in shown] == encoded + ["<pad>"] * pad, f"row {i + 1}"
        assert [n for _, n in shown] == ref.ids[i] + [PAD] * pad, f"row {i + 1}"
        expected = [ORANGE if u else 1 for u in ref.unk[i]] + [0] * pad  # grey = <pad>
        np.testing.assert_array_equal(state[i], expected, err_msg=f"row {i + 1}: cell colours")


def test_batch_grid_has_a_row_per_sentence_padded_with_pad(en):
    check_batch(en, reference(EN))


# --- 4. one-hot -----------------------------------------------------------------------------------
def check_one_hot(at, ref: Ref, i: int = 1) -> None:
    spec = D.chart(at, "onehot")
    hm = D.traces(spec, "heatmap")[0]
    toks, ids = ref.tokens[i - 1], ref.ids[i - 1]
    V = len(ref.itos)
    # A vocabulary of more than 48 entries shows the specials and the columns in use only (a caption
    # says how many are left out).
    in_use = list(range(V)) if V <= 48 else sorted(set(range(len(SPECIALS))) | set(ids))
    captions = [str(c.value) for c in at.caption]
    hidden = [D.numbers_in(c) for c in captions if "columns" in c or "열" in c]
    assert hidden == ([] if V <= 48 else [[V - len(in_use)]])
    rows, cols = ticks(spec, "yaxis"), ticks(spec, "xaxis")
    z = D.arr(hm["z"]).reshape(len(D.arr(hm["y"])), len(D.arr(hm["x"])))
    assert z.shape == (len(toks), len(in_use))  # (T_x, |V|): rows are tokens, columns the vocabulary
    # Columns name the vocabulary entries "token (id)", in id order.
    col_names = [cols[float(x)] for x in D.arr(hm["x"])]
    assert col_names == [f"{seen(ref.itos[n])} ({n})" for n in in_use]
    # Rows name the steps "t=k token"; each has one 1, in the column of that token's id.
    for r, y in enumerate(D.arr(hm["y"])):
        assert rows[float(y)] == f"t={r + 1} {seen(toks[r])}", f"row {r}"
        hot = np.flatnonzero(z[r])
        assert len(hot) == 1, f"t={r + 1} {toks[r]}: {len(hot)} ones"
        assert col_names[hot[0]] == f"{seen(ref.itos[ids[r]])} ({ids[r]})", f"t={r + 1} {toks[r]}"
    title = D.plain(spec["layout"]["title"]["text"])
    assert D.numbers_in(title) == [i, len(toks), len(ref.itos)]


def test_one_hot_rows_are_tokens_with_a_one_at_their_id(en):
    check_one_hot(en, reference(EN))


# --- 5. embedding, step by step -------------------------------------------------------------------
def shown_step(at) -> tuple[int, int, str, np.ndarray]:
    """(i, t, id, token, E[id] as written) read from the step's LaTeX and code."""
    tex = next(x for x in D.latex(at) if r"\langle" in x)
    m = re.search(r"x\^\{\((\d+)\)\\langle (\d+)\\rangle\}.*?e_\{(\d+)\}\^\\top E = E\[(\d+),:\] = "
                  r"\[\\,(.*?)\\,\]", tex)
    assert m, tex
    i, t, one_hot_id, row_id = (int(m.group(k)) for k in range(1, 5))
    assert one_hot_id == row_id, "e_id and E[id] name different ids"
    values = np.array([float(v) for v in m.group(5).split(r",\ ")])
    return i, t, row_id, values


def check_embedding_step(at, ref: Ref, i: int, t: int) -> None:
    assert at.session_state["tt_step"] == t
    shown_i, shown_t, token_id, values = shown_step(at)
    assert (shown_i, shown_t) == (i, t)
    assert token_id == ref.ids[i - 1][t - 1], f"t={t}: id of {ref.tokens[i - 1][t - 1]!r}"
    expected = ref.rows(i)[t - 1]  # nn.Embedding's output at step t
    np.testing.assert_allclose(values, expected, atol=5e-4 + 1e-9)  # written with 3 decimals
    # The token in the code box and the sentence above.
    token = ref.tokens[i - 1][t - 1]
    assert seen(token) in [str(c.value) for c in at.code]
    now = [m for m in markdown(at) if re.match(r"t = \d+", m)]
    assert len(now) == 1 and D.numbers_in(now[0])[:3] == [t, token_id, token_id], now
    # The lookup figure: one-hot column, E with row id framed, the row it picks out.
    spec = D.chart(at, "lookup")
    one_hot, matrix, row = D.traces(spec, "heatmap")
    E = ref.emb.weight.detach().numpy()
    V, d = E.shape
    np.testing.assert_array_equal(D.arr(one_hot["y"]), np.arange(V))
    if V <= 40:  # a larger vocabulary has no room for names
        names = ticks(spec, "yaxis")
        assert [names[float(y)] for y in D.arr(one_hot["y"])] == [f"{seen(w)} ({n})"
                                                                  for n, w in enumerate(ref.itos)]
    oh = D.arr(one_hot["z"]).reshape(V, 1)
    assert np.flatnonzero(oh[:, 0]).tolist() == [token_id]
    np.testing.assert_array_equal(D.arr(matrix["y"]), np.arange(V))  # a row of E per id
    np.testing.assert_array_equal(D.arr(matrix["x"]), np.arange(1, d + 1))  # a column per j
    np.testing.assert_allclose(D.arr(matrix["z"]).reshape(V, d), E, atol=1e-12)
    np.testing.assert_allclose(D.arr(row["z"]).reshape(-1), expected, atol=1e-12)
    frames = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert {(s["y0"] + s["y1"]) / 2 for s in frames} == {token_id}, "the framed row is not E[id]"


def test_embedding_steps_show_nn_embedding_rows(en):
    ref = reference(EN)
    for t in (1, 3, 4, len(ref.tokens[0])):
        set_step(en, t)
        check_embedding_step(en, ref, 1, t)
    en.button(key="tt_step__prev").click().run()
    check_embedding_step(en, ref, 1, len(ref.tokens[0]) - 1)
    set_step(en, 1)


def check_growth(at, ref: Ref, i: int) -> None:
    spec = D.chart(at, "growth")
    assert D.numbers_in(D.plain(spec["layout"]["title"]["text"]))[0] == i  # "Sentence i embedded …"
    hm = D.traces(spec, "heatmap")[0]
    toks = ref.tokens[i - 1]
    expected = ref.rows(i)  # (T, d)
    z = D.arr(hm["z"]).reshape(len(toks), -1)
    rows = ticks(spec, "yaxis")
    assert [rows[float(y)] for y in D.arr(hm["y"])] == [f"t={t} {seen(tok)}" for t, tok in enumerate(toks, 1)]
    np.testing.assert_array_equal(D.arr(hm["x"]), np.arange(1, expected.shape[1] + 1))  # j
    np.testing.assert_allclose(z, expected, atol=1e-12)
    # The animation fills the rows in order: frame k holds rows 1 … k.
    for k, frame in enumerate(spec["frames"], start=1):
        fz = D.numbers(frame["data"][0]["z"]).reshape(len(toks), -1)
        np.testing.assert_allclose(fz[:k], expected[:k], atol=1e-12)
        assert np.isnan(fz[k:]).all()


def test_growth_heatmap_is_the_embedded_sentence_row_by_row(en):
    check_growth(en, reference(EN), 1)


def test_badge_is_green_with_the_measured_difference(en):
    shown = badges(en)
    assert [(b.ok, b.module) for b in shown] == [(True, "nn.Embedding")]
    assert shown[0].diff < 1e-12


def test_second_sentence_is_explored_when_picked():
    at = open_page(PAGE, lang="en")
    ref = reference(EN)
    at.selectbox(key="tt_sentence").set_value(2).run()
    check_one_hot(at, ref, 2)
    check_growth(at, ref, 2)
    for t in (2, 5):
        set_step(at, t)
        check_embedding_step(at, ref, 2, t)


# --- 6. tokens outside the vocabulary -------------------------------------------------------------
def check_unknown_table(at, sentences: list[str], lowercase: bool, room: int, lang: str) -> None:
    df = D.table(at, 1)
    unit, vocab, tokens, unknown, rate, which = df.columns
    specs = (TokenizerSpec("word", lowercase=lowercase), TokenizerSpec("char", lowercase=lowercase),
             TokenizerSpec("char", jamo=True, lowercase=lowercase))
    for r, spec in enumerate(specs):
        corpus = [tokenize(s, spec) for s in sample_corpus()]
        itos, _ = count_vocab(corpus)
        mine = [tok for s in sentences for tok in tokenize(s, spec)[:room]]
        missing = [tok for tok in mine if tok not in set(itos)]
        assert int(df[vocab][r]) == len(itos), spec
        assert int(df[tokens][r]) == len(mine), spec
        assert int(df[unknown][r]) == len(missing), spec
        assert D.parse_number(df[rate][r]) == pytest.approx(len(missing) / len(mine), abs=0.005 + 1e-9)
        assert df[which][r].split("  ") == (list(dict.fromkeys(missing)) or [""]), spec
    assert df[unit].tolist() == {"en": ["Word", "Character", "jamo"], "ko": ["단어", "문자", "자모"]}[lang]


def test_corpus_vocabulary_with_a_cap_turns_tokens_into_unk():
    at = open_page(PAGE, lang="en")
    text = ["The zebra eats quinoa", "I go to school today"]
    at.text_area(key="user_text").input("\n".join(text)).run()
    at.radio(key="tt_source").set_value("corpus").run()
    at.select_slider(key="tt_cap").set_value(50).run()
    at.number_input(key="tt_dim").set_value(3).run()
    at.number_input(key="tt_seed").set_value(7).run()
    assert not at.exception
    ref = reference(text, source="corpus", cap=50, d=3, seed=7)
    assert any(ref.unk[0]) and not all(ref.unk[0])  # the cap leaves some tokens, not all
    check_strips(at, ref)
    check_vocab(at, ref)
    check_batch(at, ref)
    check_one_hot(at, ref)
    set_step(at, 3)
    check_embedding_step(at, ref, 1, 3)
    check_growth(at, ref, 1)
    # Every <unk> reads row 1 of E: their embedded rows are identical.
    rows = ref.rows(1)[np.array(ref.unk[0])]
    np.testing.assert_allclose(rows, np.broadcast_to(ref.emb.weight[UNK].detach().numpy(), rows.shape))
    here = [tok for toks, unk in zip(ref.tokens, ref.unk, strict=True) for tok, u in zip(toks, unk,
                                                                                         strict=True) if u]
    shown = [str(c.value) for c in at.code]
    assert "  ".join(dict.fromkeys(here)) in shown
    check_unknown_table(at, text, lowercase=False, room=62, lang="en")


# --- both languages -------------------------------------------------------------------------------
def test_korean_characters_split_into_jamo_without_bos_eos():
    at = open_page(PAGE, lang="ko")
    assert any("토큰" in s for s in D.texts(at))  # the page speaks Korean
    at.radio(key="tt_level").set_value("char").run()
    at.toggle(key="tt_jamo").set_value(True).run()
    at.toggle(key="tt_bos_eos").set_value(False).run()
    at.toggle(key="tt_lower").set_value(True).run()
    assert not at.exception
    spec = TokenizerSpec("char", jamo=True, lowercase=True)
    ref = reference(KO, spec, bos_eos=False)
    assert ref.tokens[0][:3] == ["ㄴ", "ㅏ", "ㄴ"]  # 나 = ㄴ ㅏ, 는 = ㄴ ㅡ ㄴ
    check_strips(at, ref)
    check_lengths(at, ref)
    check_vocab(at, ref, "ko")
    check_batch(at, ref)
    check_one_hot(at, ref)
    set_step(at, 4)
    check_embedding_step(at, ref, 1, 4)
    now = [m for m in markdown(at) if m.startswith("t = 4")]
    assert now and "번 행을 꺼냅니다" in now[0]
    check_growth(at, ref, 1)
    check_unknown_table(at, KO, lowercase=True, room=64, lang="ko")
    shown = badges(at)
    assert [(b.ok, b.module) for b in shown] == [(True, "nn.Embedding")] and shown[0].diff < 1e-12


# --- the badge turns red --------------------------------------------------------------------------
def test_badge_turns_red_when_the_lookup_disagrees_with_the_product(fresh_cache, monkeypatch):
    real = core.text.text_to_tensors

    def off_by_a_little(*args, **kwargs):
        tt = real(*args, **kwargs)
        return dataclasses.replace(tt, embedded=tt.embedded + 1e-3)

    monkeypatch.setattr(core.text, "text_to_tensors", off_by_a_little)
    at = open_page(PAGE, lang="en")
    assert not at.exception
    shown = badges(at)
    assert [(b.ok, b.module) for b in shown] == [(False, "nn.Embedding")]
    assert shown[0].diff == pytest.approx(1e-3, rel=0.05)
    assert "❌" in str(at.error[0].icon) + str(at.error[0].value)
