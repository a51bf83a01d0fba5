"""Figure builders: learner text reaches Plotly escaped, and the pictures carry the real numbers."""

import json

import numpy as np
import pytest

from core.text import TokenizerSpec, text_to_tensors
from ui import figures

NASTY = ("<b>bold</b>", "<script>alert(1)</script>", '<a href="http://x">x</a>', "<br>", "<pad>")


@pytest.fixture(scope="module")
def tt():
    return text_to_tensors(["나는 학교에 간다 🙂", "a b"], TokenizerSpec("word"), d=3)


def nasty_figures(tt):
    """Every builder, fed tokens and vocabulary entries that are HTML (the tokenizers would
    split such text, but a figure must not rely on that)."""
    tokens = NASTY
    ids = np.arange(len(NASTY))
    itos = (*NASTY, *tt.vocab.itos[len(NASTY):])
    E = np.resize(tt.E, (len(itos), tt.E.shape[1]))
    unk = np.zeros(len(NASTY), dtype=bool)
    batch = ids[None, :]
    return [
        figures.token_strip(tokens, ids, unk, step=2, title="<i>t</i>"),
        figures.batch_grid(batch, batch >= 0, itos, [unk], "<pad>"),
        figures.one_hot_grid(tokens, ids, itos, step=1),
        figures.embedding_lookup(1, E, itos, ("<u>a</u>", "b", "c")),
        figures.embedding_growth(tokens, E[: len(tokens)], "<s>g</s>", "p", "q"),
    ]


def plain_text(fig) -> str:
    """Everything Plotly will draw, as text (to_json would hide '<' as \\u003c)."""
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False, default=str)


def test_learner_text_is_escaped_in_every_figure(tt):
    for fig in nasty_figures(tt):
        text = plain_text(fig)
        for raw in ["<b>bold", "<script>", "<a href", "<pad>", "<i>", "<u>", "<s>"]:
            assert raw not in text, raw
        assert "&lt;pad&gt;" in text or "&lt;i&gt;" in text or "&lt;s&gt;" in text
    # The figures' own line breaks stay markup; the learner's "<br>" token is text.
    strip = plain_text(nasty_figures(tt)[0])
    assert "&lt;br&gt;" in strip and "<br>" in strip
    assert figures.label("<script>") == "&lt;script&gt;"
    assert figures.label(" ") == "␣"
    assert figures.label("\u3000") == "U+3000" and figures.label("\u200b") == "U+200B"


def test_embedding_lookup_shows_the_row_that_nn_embedding_returns(tt):
    token_id = int(tt.sentences[1].ids[2])
    fig = figures.embedding_lookup(token_id, tt.E, tt.vocab.itos, ("a", "b", "c"))
    one_hot, matrix, result = fig.data
    assert np.asarray(one_hot.z).sum() == 1 and np.asarray(one_hot.z)[token_id, 0] == 1
    np.testing.assert_array_equal(np.asarray(matrix.z), tt.E)
    np.testing.assert_array_equal(np.asarray(result.z)[0], tt.embedded[1, 2])


def test_one_hot_grid_hides_only_all_zero_columns(tt):
    row = tt.sentences[1]
    fig = figures.one_hot_grid(row.tokens, row.ids, tt.vocab.itos, max_cols=8)
    z = np.asarray(fig.data[0].z)
    assert (z.sum(axis=1) == 1).all()  # every token keeps its 1
    assert z.shape[1] < len(tt.vocab)


def test_embedding_growth_has_one_frame_per_step(tt):
    row = tt.sentences[1]
    fig = figures.embedding_growth(row.tokens, tt.embedded[1, : len(row.tokens)], "g", "p", "q")
    assert len(fig.frames) == len(row.tokens)
    filled = [int(np.isfinite(np.asarray(f.data[0].z, dtype=float)).all(axis=1).sum()) for f in fig.frames]
    assert filled == list(range(1, len(row.tokens) + 1))


def test_a_long_token_is_cut_where_it_labels_a_cell_and_kept_whole_in_the_hover():
    """A 40-letter word overprinted its neighbours in the strip and squeezed attention heatmaps."""
    from ui.figures import LABEL_CHARS, short_label, token_strip
    from ui.figures_self_attention import _ticks

    word = "pneumonoultramicroscopicsilicovolcanoconiosis"
    assert short_label(word) == word[: LABEL_CHARS - 1] + "…" and short_label("cat") == "cat"
    family = "👨\u200d👩\u200d👧"
    assert short_label(family * 12).count(family) == LABEL_CHARS - 1  # whole graphemes
    assert short_label("<b>" * 5) == "&lt;b&gt;" * 3 + "…"  # cut first, then escaped
    fig = token_strip(["<bos>", word, "x"], np.array([2, 4, 5]), np.array([False, False, False]))
    text = fig.data[0].text[0]
    assert text[1].startswith(word[: LABEL_CHARS - 1] + "…") and word not in text[1]
    assert word in fig.data[0].customdata[0][1]
    assert _ticks([word, "b"]) == [f"1 {word[: LABEL_CHARS - 1]}…", "2 b"]
