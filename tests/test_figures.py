"""Figure builders: learner text reaches Plotly escaped, and the pictures carry the real numbers."""

import json

import numpy as np
import pytest

from core.text import TokenizerSpec, text_to_tensors
from ui import figures

NASTY = ["<b>bold</b>", "<script>alert(1)</script>", '<a href="http://x">x</a>', "a&b", "<br>"]


@pytest.fixture(scope="module")
def tt():
    return text_to_tensors([" ".join(NASTY), "나는 학교에 간다 🙂"], TokenizerSpec("word"), d=3)


def all_figures(tt):
    row = tt.sentences[0]
    return [
        figures.token_strip(row.tokens, row.ids, row.unk, step=2, title="<i>t</i>"),
        figures.batch_grid(tt.batch, tt.mask, tt.vocab.itos, [r.unk for r in tt.sentences], "<pad>"),
        figures.one_hot_grid(row.tokens, row.ids, tt.vocab.itos, step=1),
        figures.embedding_lookup(int(row.ids[1]), tt.E, tt.vocab.itos, ("a", "b", "c")),
        figures.embedding_growth(row.tokens, tt.embedded[0, : len(row.tokens)], "g", "p", "q"),
    ]


def test_learner_text_is_escaped_in_every_figure(tt):
    for fig in all_figures(tt):
        dumped = fig.to_json()
        for raw in ["<b>bold", "<script>", "<a href", "<br>bold", "<pad>"]:
            assert raw not in json.loads(json.dumps(dumped)), raw
    assert figures.label("<script>") == "&lt;script&gt;"
    assert figures.label(" ") == "␣"


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
