"""Display bugs planted on the Self-attention page."""

from tests.mutation import Mutation

PAGE = "pages/self_attention.py"
FIG = "ui/figures_self_attention.py"
TESTS = ("tests/test_display_self_attention.py",)

MUTATIONS = [
    Mutation("head heatmaps drawn transposed (rows keys, columns queries)", FIG,
             "        data.append(_cells(weights[c], x0, y0, colorscale=WEIGHTS, zmin=0, zmax=top,",
             "        data.append(_cells(weights[c].T, x0, y0, colorscale=WEIGHTS, zmin=0, zmax=top,", TESTS),
    Mutation("head heatmaps' query labels in reverse order", FIG,
             "    _plain_axes(fig, (list(range(T)), ticks), (x_vals, x_text), tickangle=-60 if names else 0)",
             "    _plain_axes(fig, (list(range(T)), ticks[::-1]), (x_vals, x_text), tickangle=-60 if names else 0)",
             TESTS),
    Mutation("the ÷√d_k column shows the raw scores", PAGE,
             '        table["÷√d_k"] = [round(float(s), 6) for s in att.scaled[head, q]]',
             '        table["÷√d_k"] = [round(float(s), 6) for s in att.scores[head, q]]', TESTS),
    Mutation("the a_j column reads a column of A (softmax over the wrong axis)", PAGE,
             '        table["a_j"] = [round(float(w), 6) for w in att.weights[head, q]]',
             '        table["a_j"] = [round(float(w), 6) for w in att.weights[head, :, q]]', TESTS),
    Mutation("the step table always uses the first query's q", PAGE,
             "    Q, K, V = att.Q[head, q], att.K[head], att.V[head]  # (d_k,), (T, d_k), (T, d_k)",
             "    Q, K, V = att.Q[head, 0], att.K[head], att.V[head]  # (d_k,), (T, d_k), (T, d_k)", TESTS),
    Mutation("the query token shown is the previous step's", PAGE,
             "            st.code(tokens[q], language=None)",
             "            st.code(tokens[q - 1], language=None)", TESTS),
    Mutation("the LaTeX q_t is always head 1's", PAGE,
             "W_Q^{{({head})}} = {tex_vec(att.Q[c, q])}",
             "W_Q^{{({head})}} = {tex_vec(att.Q[0, q])}", TESTS),
    Mutation("the LaTeX divides by d_k instead of √d_k", PAGE,
             r"{{{np.sqrt(d_k):.4f}}}",
             r"{{{float(d_k):.4f}}}", TESTS),
    Mutation("the exp column forgets to subtract the max", PAGE,
             '        table["exp(· − max)"] = [round(float(e), 6) for e in np.exp(shifted)]',
             '        table["exp(· − max)"] = [round(float(e), 6) for e in np.exp(att.scaled[head, q])]', TESTS),
    Mutation("sub-step 2 draws the raw scores as the scaled bars", PAGE,
             "            fig = fsa.score_bars(tokens, q, att.scaled[c, q], t(\"sa.sub2.figure\", t=step),\n"
             "                                 ghost=att.scores[c, q],",
             "            fig = fsa.score_bars(tokens, q, att.scores[c, q], t(\"sa.sub2.figure\", t=step),\n"
             "                                 ghost=att.scaled[c, q],", TESTS),
    Mutation("the input panels PE and X swap their labels", PAGE,
             "(titles[1], run.pe), (titles[2], run.x)",
             "(titles[1], run.x), (titles[2], run.pe)", TESTS),
    Mutation("the residual panel MultiHead(x) shows x + MultiHead(x)", PAGE,
             '(t("sa.res.attn"), L.attention.output)',
             '(t("sa.res.attn"), L.residual1)', TESTS),
    Mutation("the nn.MultiheadAttention badge is always green", PAGE,
             '    torch_badge("nn.MultiheadAttention", run.mha_gap)',
             '    torch_badge("nn.MultiheadAttention", 0.0)', TESTS),
    Mutation("the with-PE metric shows the no-PE gap", PAGE,
             '    m2.metric(t("sa.order.gap_on"), f"{on.gap:.1e}")',
             '    m2.metric(t("sa.order.gap_on"), f"{off.gap:.1e}")', TESTS),
    Mutation("context weights read who looks at the word, not where it looks", PAGE,
             "    wa, wb = ra.attention.weights[:, i], rb.attention.weights[:, j]",
             "    wa, wb = ra.attention.weights[:, :, i], rb.attention.weights[:, :, j]", TESTS),
    Mutation("the single-head lab draws K where it says Kᵀ", FIG,
             "    mats = (Q, K.T, weights, V, Z)",
             "    mats = (Q, K, weights, V, Z)", TESTS),
    Mutation("line-view hover numbers from a column of A", FIG,
             '            text=np.array([f"{w:.4f}" for w in weights[c, query]]),',
             '            text=np.array([f"{w:.4f}" for w in weights[c, :, query]]),', TESTS),
]
