"""Display bugs planted on the "Text → tensors" page."""

from tests.mutation import Mutation

PAGE = "pages/text_tensors.py"
FIG = "ui/figures.py"
STR = "ui/strings/text_tensors.py"
TESTS = ("tests/test_display_text_tensors.py",)
WITH_FIGURES = (*TESTS, "tests/test_figures.py")

MUTATIONS = [
    Mutation("the embedding step looks up the previous step's id", PAGE,
             "token, token_id = row.tokens[step - 1], int(row.ids[step - 1])",
             "token, token_id = row.tokens[step - 1], int(row.ids[max(step - 2, 0)])", TESTS),
    Mutation("the lookup's result panel shows the row above E[id]", FIG,
             "z=E[token_id][None, :], x=np.arange(1, d + 1)",
             "z=E[token_id - 1][None, :], x=np.arange(1, d + 1)", WITH_FIGURES),
    Mutation("token strip: known tokens orange, <unk> tokens plain", FIG,
             "state = np.where(unk, 2, 1)[None, :]  # (1, T)",
             "state = np.where(unk, 1, 2)[None, :]  # (1, T)", WITH_FIGURES),
    Mutation("batch grid: each sentence's last token drawn as padding", FIG,
             "state[i, : len(unk)] = np.where(unk, 2, 1)",
             "state[i, : len(unk) - 1] = np.where(unk, 2, 1)[:-1]", WITH_FIGURES),
    Mutation("sentence lengths T_x^(i) numbered from i = 0", PAGE,
             "enumerate(tt.lengths, start=1)", "enumerate(tt.lengths, start=0)", TESTS),
    Mutation("the nn.Embedding badge is always green", PAGE,
             'torch_badge("nn.Embedding", diff)', 'torch_badge("nn.Embedding", 0.0)', TESTS),
    Mutation("the growth heatmap always shows sentence 1", PAGE,
             "vectors = tt.embedded[i - 1, : len(row.tokens)]",
             "vectors = tt.embedded[0, : len(row.tokens)]", TESTS),
    Mutation("one-hot row labels count t from 0", FIG,
             'ticktext=[f"t={t} {short_label(tok)}" for t, tok in enumerate(tokens, 1)]',
             'ticktext=[f"t={t} {short_label(tok)}" for t, tok in enumerate(tokens)]', WITH_FIGURES),
    Mutation("one-hot rows drawn in reverse order under the tokens' labels", FIG,
             "z = (ids[:, None] == cols[None, :]).astype(float)",
             "z = (ids[::-1, None] == cols[None, :]).astype(float)", WITH_FIGURES),
    Mutation("the growth animation fills in the last rows first", FIG,
             "z[:k] = vectors[:k]", "z[T - k:] = vectors[T - k:]", WITH_FIGURES),
    Mutation("batch shape: real tokens and padding cells swapped in the English text", STR,
             '"en": "Batch shape (N, T_max) = ({n}, {t}): {real} real tokens, {pad} padding cells"',
             '"en": "Batch shape (N, T_max) = ({n}, {t}): {pad} real tokens, {real} padding cells"', TESTS),
]
